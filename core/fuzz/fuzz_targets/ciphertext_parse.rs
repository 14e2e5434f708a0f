//! Arbitrary bytes as a binary or text ciphertext: parsing and opening must
//! never panic, and nothing but the genuine ciphertext may open.
#![no_main]

use libfuzzer_sys::fuzz_target;
use soc2_core::crypto::{ciphertext, Suite};

const DEK: [u8; 32] = [7; 32];

fuzz_target!(|data: &[u8]| {
    let bytes = if ciphertext::is_text(data) {
        match ciphertext::from_text(data) {
            Ok(b) => b,
            Err(_) => return,
        }
    } else {
        data.to_vec()
    };
    if let Ok(header) = ciphertext::parse(&bytes) {
        for suite in Suite::ALL {
            // Forging a valid ciphertext under an unknown key is infeasible.
            assert!(
                ciphertext::open(&DEK, suite, &bytes, b"\0\0\0\0").is_err()
                    || header.suite == suite
            );
        }
    }
});
