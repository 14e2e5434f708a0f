//! Arbitrary bytes as a JWK Set. Properties: no panic; a set that loads
//! round-trips through its public JWKS form with the same key metadata.
#![no_main]

use libfuzzer_sys::fuzz_target;
use soc2_core::jwt::KeySet;

fuzz_target!(|data: &[u8]| {
    if let Ok(keys) = KeySet::from_jwks(data) {
        let public = keys.public_jwks();
        let again = KeySet::from_jwks(public.as_bytes()).expect("own public JWKS loads");
        let a: Vec<_> = keys.info().into_iter().map(|k| (k.kid, k.alg)).collect();
        let b: Vec<_> = again.info().into_iter().map(|k| (k.kid, k.alg)).collect();
        assert_eq!(a, b);
    }
});
