//! Arbitrary text as a master key (env var, key file, audit key file: all
//! read by `master_key::parse_text`).
//! Properties: no panic; an accepted key round-trips through its export form.
#![no_main]

use libfuzzer_sys::fuzz_target;
use soc2_core::crypto::master_key::{parse_text, to_text};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(key) = parse_text(text) {
        let again = parse_text(&to_text(&key)).expect("export form parses");
        assert_eq!(again.id(), key.id());
    }
});
