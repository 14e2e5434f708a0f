//! Feeds arbitrary bytes to the token parser, the strict JSON reader and full
//! verification. Properties: no panic, no hang, and anything that verifies
//! also decodes to the same claims.
#![no_main]

use libfuzzer_sys::fuzz_target;
use soc2_core::jwt::{self, json, Alg, KeySet, Policy};
use zeroize::Zeroizing;

fuzz_target!(|data: &[u8]| {
    let _ = json::parse(data);
    let _ = KeySet::from_jwks(data);
    let decoded = jwt::decode(data);
    let keys = KeySet::hmac(
        vec![("k".into(), Zeroizing::new(vec![0x42; 32]))],
        Alg::HS256,
        None,
    )
    .expect("static key");
    let policy = Policy {
        iss: None,
        aud: None,
        leeway: 30,
        max_age: Some(3600),
        required: Vec::new(),
        now: 1_700_000_000,
    };
    if let Ok(claims) = jwt::verify(data, &keys, &policy) {
        assert_eq!(decoded.expect("verified implies decodes").claims, claims);
    }
});
