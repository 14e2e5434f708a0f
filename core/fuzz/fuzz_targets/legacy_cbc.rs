//! Arbitrary bytes as a legacy openssl CBC blob and key: decoding, decryption
//! and the constant-time unpadding must never panic, and any plaintext
//! returned is shorter than the blob.
#![no_main]

use libfuzzer_sys::fuzz_target;
use soc2_core::crypto::legacy::decrypt_openssl_cbc;

fuzz_target!(|data: &[u8]| {
    // First byte: key length (0..=63); then the key; the rest is the blob.
    let Some((&n, rest)) = data.split_first() else {
        return;
    };
    let n = usize::from(n % 64).min(rest.len());
    let (key, blob) = rest.split_at(n);
    if let Ok(plain) = decrypt_openssl_cbc(blob, key) {
        assert!(plain.len() < blob.len());
    }
});
