//! Arbitrary bytes as a keyring document, opened with the docs/FORMAT.md
//! master key (the seed is that document, so mutations reach the key
//! unwrapping and the document MAC). Properties: `load` never panics, and a
//! document that loads is one the master key wrote: it round-trips through
//! `to_json` with the same keys and primary.
#![no_main]

use libfuzzer_sys::fuzz_target;
use soc2_core::crypto::keyring::Keyring;
use soc2_core::crypto::master_key::MasterKey;

fuzz_target!(|data: &[u8]| {
    let bytes: Vec<u8> = (0u8..32).collect();
    let master = MasterKey::from_bytes(&bytes).expect("32 bytes");
    if let Ok(ring) = Keyring::load(data, &master) {
        let json = ring.to_json(None).expect("serialises");
        let again = Keyring::load(json.as_bytes(), &master).expect("own document loads");
        assert_eq!(again.primary_id(), ring.primary_id());
        let ids = |r: &Keyring| r.keys().into_iter().map(|k| k.id).collect::<Vec<_>>();
        assert_eq!(ids(&again), ids(&ring));
    }
});
