//! Reading the unauthenticated AES-256-CBC blobs that a common PHP pattern writes,
//! **for migration only**:
//!
//! ```php
//! $iv = openssl_random_pseudo_bytes(openssl_cipher_iv_length('aes-256-cbc'));
//! $encrypted = openssl_encrypt($plaintext, 'aes-256-cbc', $encryption_key, 0, $iv);
//! $encrypted_data = base64_encode($encrypted . '::' . $iv);
//! ```
//!
//! `openssl_encrypt` with options 0 returns base64 of the PKCS#7-padded CBC
//! ciphertext; the 16-byte IV follows `::` in raw form (so it may itself
//! contain `::`; we take the last 16 bytes). PHP zero-pads a key shorter than
//! 32 bytes and OpenSSL uses only the first 32 bytes of a longer one; we do
//! the same. CBC has no integrity: a wrong key is usually, but not always,
//! caught by the padding check, and a modified blob may decrypt to garbage.
//! Every failure is the same [`CryptoError::Decrypt`], and the padding is
//! checked without branching on secret bytes, so callers learn nothing about
//! *why* a blob did not decrypt (no padding oracle).

use aes::Aes256;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use cbc::cipher::{BlockModeDecrypt, KeyIvInit};
use subtle::{ConstantTimeEq, ConstantTimeGreater, ConstantTimeLess};
use zeroize::Zeroizing;

use super::{CryptoError, MAX_PLAINTEXT};

const BLOCK: usize = 16;
const SEPARATOR: &[u8] = b"::";

/// The AES-256 key OpenSSL actually uses for `key` in PHP's `openssl_encrypt`:
/// zero-padded or truncated to 32 bytes.
#[must_use]
pub fn openssl_key(key: &[u8]) -> Zeroizing<[u8; 32]> {
    let mut k = Zeroizing::new([0u8; 32]);
    let n = key.len().min(32);
    k[..n].copy_from_slice(&key[..n]);
    k
}

/// Decrypts `base64_encode(openssl_encrypt($p, 'aes-256-cbc', $key, 0, $iv) . '::' . $iv)`.
pub fn decrypt_openssl_cbc(blob: &[u8], key: &[u8]) -> Result<Zeroizing<Vec<u8>>, CryptoError> {
    let blob = blob.trim_ascii();
    // Base64 of (base64 of the ciphertext, "::", 16 bytes) is about 16/9 of
    // the plaintext: bound it before decoding anything.
    if blob.len() > 2 * MAX_PLAINTEXT {
        return Err(CryptoError::Decrypt);
    }
    let outer = STANDARD.decode(blob).map_err(|_| CryptoError::Decrypt)?;
    if outer.len() < BLOCK + SEPARATOR.len() {
        return Err(CryptoError::Decrypt);
    }
    let (rest, iv) = outer.split_at(outer.len() - BLOCK);
    let inner = rest.strip_suffix(SEPARATOR).ok_or(CryptoError::Decrypt)?;
    let mut buf = Zeroizing::new(STANDARD.decode(inner).map_err(|_| CryptoError::Decrypt)?);
    if buf.is_empty() || buf.len() % BLOCK != 0 {
        return Err(CryptoError::Decrypt);
    }
    let iv: [u8; BLOCK] = iv.try_into().map_err(|_| CryptoError::Decrypt)?;
    let key = openssl_key(key);
    let mut dec = cbc::Decryptor::<Aes256>::new(&(*key).into(), &iv.into());
    for chunk in buf.chunks_exact_mut(BLOCK) {
        let block = chunk.try_into().map_err(|_| CryptoError::Decrypt)?;
        dec.decrypt_block(block);
    }
    let pad = unpad_len(buf[buf.len() - BLOCK..].try_into().expect("one block"))
        .ok_or(CryptoError::Decrypt)?;
    let keep = buf.len() - pad;
    buf.truncate(keep);
    Ok(buf)
}

/// PKCS#7 padding length of the last block, checked with data-independent
/// control flow: every byte is examined whatever the padding value.
fn unpad_len(last: &[u8; BLOCK]) -> Option<usize> {
    let pad = last[BLOCK - 1];
    let mut ok = pad.ct_gt(&0) & pad.ct_lt(&(BLOCK as u8 + 1));
    for (i, &b) in last.iter().enumerate() {
        // Byte i is padding when i >= BLOCK - pad, i.e. BLOCK - i <= pad.
        let in_pad = !((BLOCK - i) as u8).ct_gt(&pad);
        ok &= !in_pad | b.ct_eq(&pad);
    }
    if bool::from(ok) {
        Some(usize::from(pad))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cbc::cipher::BlockModeEncrypt;

    /// What PHP's snippet produces (PKCS#7, base64, "::", raw IV, base64).
    fn php_blob(pt: &[u8], key: &[u8], iv: [u8; 16]) -> Vec<u8> {
        let k = openssl_key(key);
        let pad = BLOCK - pt.len() % BLOCK;
        let mut buf = pt.to_vec();
        buf.extend(std::iter::repeat_n(pad as u8, pad));
        let mut enc = cbc::Encryptor::<Aes256>::new(&(*k).into(), &iv.into());
        for chunk in buf.chunks_exact_mut(BLOCK) {
            enc.encrypt_block(chunk.try_into().unwrap());
        }
        let mut outer = STANDARD.encode(&buf).into_bytes();
        outer.extend_from_slice(SEPARATOR);
        outer.extend_from_slice(&iv);
        STANDARD.encode(outer).into_bytes()
    }

    #[test]
    fn known_answer_from_php() {
        // php -r 'echo base64_encode(openssl_encrypt("hello, soc2", "aes-256-cbc",
        //   str_repeat("k", 32), 0, "0123456789abcdef") . "::" . "0123456789abcdef");'
        let blob = b"MFNhbDROUmw3UEVJYVFLcTBVVjljUT09OjowMTIzNDU2Nzg5YWJjZGVm";
        assert_eq!(
            decrypt_openssl_cbc(blob, &[b'k'; 32]).unwrap().as_slice(),
            b"hello, soc2"
        );
    }

    #[test]
    fn round_trip_sizes_and_key_lengths() {
        for key_len in [0usize, 1, 16, 31, 32, 33, 64] {
            let key: Vec<u8> = (0..key_len).map(|i| i as u8 + 1).collect();
            for len in [0usize, 1, 15, 16, 17, 31, 32, 33, 100, 1000] {
                let pt: Vec<u8> = (0..len).map(|i| (i * 3) as u8).collect();
                let blob = php_blob(&pt, &key, [len as u8; 16]);
                assert_eq!(
                    decrypt_openssl_cbc(&blob, &key).unwrap().as_slice(),
                    pt.as_slice()
                );
            }
        }
        // Keys are zero-padded / truncated exactly as OpenSSL does.
        let blob = php_blob(b"x", b"short", [1; 16]);
        let mut padded = b"short".to_vec();
        padded.resize(32, 0);
        assert_eq!(
            decrypt_openssl_cbc(&blob, &padded).unwrap().as_slice(),
            b"x"
        );
        let long = [7u8; 40];
        let blob = php_blob(b"y", &long, [2; 16]);
        assert_eq!(
            decrypt_openssl_cbc(&blob, &long[..32]).unwrap().as_slice(),
            b"y"
        );
    }

    #[test]
    fn iv_containing_the_separator() {
        let iv = *b"::::::::::::::::";
        let blob = php_blob(b"colons", b"key", iv);
        assert_eq!(
            decrypt_openssl_cbc(&blob, b"key").unwrap().as_slice(),
            b"colons"
        );
    }

    #[test]
    fn failures_are_one_error() {
        let key = [9u8; 32];
        let blob = php_blob(b"some secret value", &key, [3; 16]);
        // Wrong key: almost always a padding failure; never anything but Decrypt.
        let mut wrong_ok = 0;
        for k in 0..200u8 {
            match decrypt_openssl_cbc(&blob, &[k; 32]) {
                Err(CryptoError::Decrypt) => {}
                Ok(_) if k != 9 => wrong_ok += 1,
                Ok(_) => {}
                Err(e) => panic!("{e:?}"),
            }
        }
        assert!(wrong_ok < 10, "padding check rejects nearly all wrong keys");
        for bad in [
            &b""[..],
            b"!!!!",
            b"AAAA",
            b"Ojo=",                             // "::" only
            b"OjowMTIzNDU2Nzg5YWJjZGVm",         // "::" + iv, no ciphertext
            b"QUFBQTo6MDEyMzQ1Njc4OWFiY2RlZg==", // "AAAA::iv": 3 bytes of ciphertext
        ] {
            assert_eq!(decrypt_openssl_cbc(bad, &key), Err(CryptoError::Decrypt));
        }
        // Base64 variations that PHP's base64_encode never writes.
        let text = String::from_utf8(blob.clone()).unwrap();
        let unpadded = text.trim_end_matches('=');
        if unpadded.len() != text.len() {
            assert!(decrypt_openssl_cbc(unpadded.as_bytes(), &key).is_err());
        }
    }

    #[test]
    fn constant_time_unpad_matches_the_definition() {
        for pad in 0..=255u8 {
            for fill in [pad, pad.wrapping_add(1), 0] {
                let mut block = [fill; 16];
                block[15] = pad;
                let expect = (1..=16).contains(&pad)
                    && block[16 - usize::from(pad)..].iter().all(|&b| b == pad);
                assert_eq!(unpad_len(&block).is_some(), expect, "pad {pad} fill {fill}");
                if expect {
                    assert_eq!(unpad_len(&block), Some(usize::from(pad)));
                }
            }
        }
        // One wrong byte inside the padding.
        let mut block = [4u8; 16];
        block[13] = 5;
        assert_eq!(unpad_len(&block), None);
    }
}
