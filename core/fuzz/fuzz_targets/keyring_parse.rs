//! Arbitrary bytes as a keyring document: `load` must never panic and must
//! refuse anything not written with the master key.
#![no_main]

use libfuzzer_sys::fuzz_target;
use soc2_core::crypto::keyring::Keyring;
use soc2_core::crypto::master_key::MasterKey;

fuzz_target!(|data: &[u8]| {
    let master = MasterKey::from_bytes(&[9; 32]).expect("32 bytes");
    let _ = Keyring::load(data, &master);
});
