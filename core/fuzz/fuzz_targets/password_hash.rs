//! Arbitrary text as a stored password hash (PHC Argon2 or bcrypt). Parsing
//! and needs-rehash must never panic; full verification runs only for small
//! parameters so the fuzzer stays fast (the ceilings are unit-tested).
#![no_main]

use libfuzzer_sys::fuzz_target;
use soc2_core::password::{self, Params, StoredHash};

fuzz_target!(|data: &[u8]| {
    // First byte: split point between password and hash.
    let Some((&split, rest)) = data.split_first() else {
        return;
    };
    let split = usize::from(split).min(rest.len());
    let (pw, stored) = rest.split_at(split);
    let Ok(stored) = std::str::from_utf8(stored) else {
        return;
    };
    let policy = Params {
        memory_cost: 64,
        time_cost: 1,
        threads: 1,
    };
    let _ = password::needs_rehash(stored, &policy);
    let small = match password::parse(stored) {
        Ok(StoredHash::Argon2 { params, .. }) => {
            u64::from(params.memory_cost) * u64::from(params.time_cost) <= 256
        }
        Ok(StoredHash::Bcrypt { cost, .. }) => cost <= 5,
        Err(_) => false,
    };
    if small {
        let _ = password::verify(pw, stored, 4096);
        let _ = password::check(pw, stored, &policy, 4096);
    }
});
