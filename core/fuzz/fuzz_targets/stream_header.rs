//! Arbitrary bytes as an encrypted file: header parsing and the streaming
//! decryption must never panic or allocate beyond the largest segment, and
//! nothing but a genuine file opens.
#![no_main]

use libfuzzer_sys::fuzz_target;
use soc2_core::crypto::stream::{self, StreamHeader};
use soc2_core::crypto::{CryptoError, Suite};
use zeroize::Zeroizing;

fuzz_target!(|data: &[u8]| {
    let _ = stream::parse_header(data);
    let mut out = Vec::new();
    let lookup = |h: &StreamHeader| -> Result<(Zeroizing<[u8; 32]>, Suite), CryptoError> {
        Ok((Zeroizing::new([7; 32]), h.suite))
    };
    // Forging a file (commitment and tags) under an unknown key is infeasible.
    assert!(stream::decrypt(lookup, b"\0\0\0\0", &mut &data[..], &mut out).is_err());
    assert!(out.is_empty() || data.len() > stream::PREFIX_LEN);
});
