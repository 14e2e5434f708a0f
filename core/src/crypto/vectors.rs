//! The test vectors of docs/FORMAT.md, read from the document itself so the
//! specification and the code cannot drift apart.

use std::collections::HashMap;

use super::blind_index;
use super::ciphertext;
use super::context::Context;
use super::keyring::{Keyring, Status};
use super::master_key::{self, MasterKey};
use super::stream;
use super::{hex, Suite};

const FORMAT_MD: &str = include_str!("../../../docs/FORMAT.md");

fn seq<const N: usize>(start: u8) -> [u8; N] {
    std::array::from_fn(|i| start.wrapping_add(i as u8))
}

fn vectors() -> HashMap<String, String> {
    let mut out = HashMap::new();
    let mut inside = false;
    let mut json = String::new();
    let mut in_json = false;
    for line in FORMAT_MD.lines() {
        if line.trim() == "```vectors" {
            inside = true;
            continue;
        }
        if line.trim() == "```json keyring" {
            in_json = true;
            continue;
        }
        if line.trim() == "```" {
            inside = false;
            in_json = false;
            continue;
        }
        if in_json {
            json.push_str(line);
            json.push('\n');
        } else if inside {
            if let Some((k, v)) = line.split_once(" = ") {
                out.insert(k.trim().to_owned(), v.trim().to_owned());
            }
        }
    }
    out.insert("keyring_json".into(), json);
    out
}

struct Computed {
    values: Vec<(&'static str, String)>,
    keyring_json: String,
}

fn compute() -> Computed {
    let master = MasterKey::from_bytes(&seq::<32>(0x00)).unwrap();
    let id_a = [0x01, 0x02, 0x03, 0x04];
    let id_b = [0xa0, 0xb0, 0xc0, 0xd0];
    let dek_a = seq::<32>(0x40);
    let dek_b = seq::<32>(0x80);
    let ring = Keyring::from_parts(
        &master,
        id_b,
        &[
            (
                id_a,
                Suite::XChaCha20Poly1305,
                Status::Retired,
                1_700_000_000,
                dek_a,
            ),
            (id_b, Suite::Aes256Gcm, Status::Active, 1_700_000_100, dek_b),
        ],
        seq::<32>(0x30),
    );
    let nonces = [seq::<24>(0x60), seq::<24>(0xa0), seq::<24>(0xd0)];
    let mut next = 0;
    let keyring_json = ring
        .to_json_with(&master, &mut || {
            next += 1;
            Ok(nonces[next - 1])
        })
        .unwrap();
    let mut ctx = Context::new();
    ctx.push_str(&b"table"[..], &b"users"[..]);
    ctx.push_int(&b"id"[..], 42);
    let ctx = ctx.encode().unwrap();
    let pt = b"hello, soc2";
    let ct1 =
        ciphertext::seal_with_salt(&dek_a, Suite::XChaCha20Poly1305, id_a, seq(0xc0), pt, &ctx)
            .unwrap();
    let ct2 =
        ciphertext::seal_with_salt(&dek_b, Suite::Aes256Gcm, id_b, seq(0xe0), pt, &ctx).unwrap();
    let ct3 = ciphertext::seal_with_salt(&dek_b, Suite::Aes256Gcm, id_b, [0; 24], b"", b"\0\0\0\0")
        .unwrap();
    // Everything decrypts through the keyring parsed back from the JSON.
    let loaded = Keyring::load(keyring_json.as_bytes(), &master).unwrap();
    assert_eq!(loaded.decrypt(&ct1, &ctx).unwrap(), pt);
    assert_eq!(loaded.decrypt(&ct2, &ctx).unwrap(), pt);
    assert_eq!(loaded.decrypt(&ct3, b"\0\0\0\0").unwrap(), b"");
    // Streams (files): 64-byte segments so short vectors have several.
    let file_pt: Vec<u8> = (0..150u8).collect();
    let file = |dek: &[u8; 32], suite, id, salt, pt: &[u8], ctx: &[u8]| {
        let mut out = Vec::new();
        stream::encrypt(dek, suite, id, 64, salt, ctx, &mut &pt[..], &mut out).unwrap();
        let mut back = Vec::new();
        loaded
            .decrypt_stream(&mut &out[..], &mut back, ctx)
            .unwrap();
        assert_eq!(back, pt);
        out
    };
    let file1 = file(
        &dek_a,
        Suite::XChaCha20Poly1305,
        id_a,
        seq(0x20),
        &file_pt,
        &ctx,
    );
    let file2 = file(&dek_b, Suite::Aes256Gcm, id_b, [0; 32], b"", b"\0\0\0\0");
    let file3 = file(
        &dek_b,
        Suite::Aes256Gcm,
        id_b,
        seq(0x40),
        &file_pt[..128],
        &ctx,
    );
    let bi = |name: &[u8], value: &[u8], bits| {
        let v = blind_index::compute(&seq::<32>(0x30), name, value, bits).unwrap();
        assert_eq!(loaded.blind_index(value, name, bits).unwrap(), v);
        v
    };
    Computed {
        values: vec![
            ("master_key_hex", hex(&seq::<32>(0x00))),
            (
                "master_key_text",
                master_key::to_text(&master).as_str().to_owned(),
            ),
            ("master_key_id", master.id()),
            ("context_hex", hex(&ctx)),
            ("ct1_binary_hex", hex(&ct1)),
            ("ct1_text", ciphertext::to_text(&ct1)),
            ("ct2_binary_hex", hex(&ct2)),
            ("ct2_text", ciphertext::to_text(&ct2)),
            ("ct3_binary_hex", hex(&ct3)),
            ("file1_hex", hex(&file1)),
            ("file2_hex", hex(&file2)),
            ("file3_hex", hex(&file3)),
            (
                "blind_index_email_32",
                bi(b"email", b"alice@example.com", 32),
            ),
            (
                "blind_index_email_256",
                bi(b"email", b"alice@example.com", 256),
            ),
            ("blind_index_ssn_16", bi(b"ssn", b"", 16)),
        ],
        keyring_json,
    }
}

#[test]
fn format_md_vectors_match_the_code() {
    let computed = compute();
    let doc = vectors();
    if std::env::var_os("SOC2_PRINT_VECTORS").is_some() {
        for (k, v) in &computed.values {
            println!("{k} = {v}");
        }
        println!("{}", computed.keyring_json);
    }
    for (k, v) in &computed.values {
        assert_eq!(doc.get(*k), Some(v), "docs/FORMAT.md vector {k}");
    }
    assert_eq!(
        doc["keyring_json"], computed.keyring_json,
        "docs/FORMAT.md keyring vector"
    );
}
