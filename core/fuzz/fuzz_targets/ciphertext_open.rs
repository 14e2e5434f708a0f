//! Arbitrary bytes decrypted with the docs/FORMAT.md test-vector keyring and
//! context. The seeds are the genuine vector ciphertexts, so mutations reach
//! the header, commitment and AEAD checks. Properties: no panic, and only an
//! unmodified vector ciphertext opens (text form: one encoding only).
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use soc2_core::crypto::context::encode_pairs;
use soc2_core::crypto::keyring::Keyring;
use soc2_core::crypto::master_key::MasterKey;

const FORMAT_MD: &str = include_str!("../../../docs/FORMAT.md");

struct Fixture {
    ring: Keyring,
    context: Vec<u8>,
    genuine: Vec<Vec<u8>>,
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let json = FORMAT_MD
            .split("```json keyring\n")
            .nth(1)
            .and_then(|s| s.split("\n```").next())
            .expect("keyring vector");
        let master: Vec<u8> = (0u8..32).collect();
        let master = MasterKey::from_bytes(&master).expect("32 bytes");
        let ring = Keyring::load(json.as_bytes(), &master).expect("vector keyring");
        let mut genuine = Vec::new();
        for line in FORMAT_MD.lines() {
            if let Some((name, value)) = line.split_once(" = ") {
                let name = name.trim();
                if name.starts_with("ct") && name.ends_with("_text") {
                    genuine.push(value.trim().as_bytes().to_vec());
                } else if name.starts_with("ct") && name.ends_with("_binary_hex") {
                    let hex = value.trim();
                    let bytes = (0..hex.len())
                        .step_by(2)
                        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).expect("hex"))
                        .collect();
                    genuine.push(bytes);
                }
            }
        }
        let context = encode_pairs(&[("table", "users"), ("id", "42")]).expect("context");
        Fixture {
            ring,
            context,
            genuine,
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let f = fixture();
    let _ = f.ring.needs_reencrypt(data);
    for ctx in [&f.context[..], b"\0\0\0\0"] {
        let opened = if data.starts_with(b"soc2e1:") {
            f.ring.decrypt_text(data, ctx)
        } else {
            f.ring.decrypt(data, ctx)
        };
        if opened.is_ok() {
            assert!(
                f.genuine.iter().any(|g| g == data),
                "a modified ciphertext opened"
            );
        }
    }
});
