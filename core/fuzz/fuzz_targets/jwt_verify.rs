//! Mutations of RFC 7515 A.1's HS256 token, verified with its own key at a
//! time when it is valid. Properties: no panic; a token that verifies decodes
//! to the same claims, and re-encoding its parts is the identical token
//! (one encoding per token: no malleability through base64 or JSON).
#![no_main]

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use libfuzzer_sys::fuzz_target;
use soc2_core::jwt::{self, Alg, KeySet, Policy};
use zeroize::Zeroizing;

/// RFC 7515 appendix A.1 key, `k` of the JWK.
const KEY_B64: &str =
    "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow";

fuzz_target!(|data: &[u8]| {
    let secret = URL_SAFE_NO_PAD.decode(KEY_B64).expect("static key");
    let keys = KeySet::hmac(vec![("k".into(), Zeroizing::new(secret))], Alg::HS256, None)
        .expect("static key");
    let policy = Policy {
        iss: None,
        aud: None,
        leeway: 30,
        max_age: None,
        required: Vec::new(),
        now: 1_300_819_000,
    };
    let verified = jwt::verify(data, &keys, &policy);
    if let Ok(claims) = verified {
        let decoded = jwt::decode(data).expect("verified implies decodes");
        assert_eq!(decoded.claims, claims);
        // Each part must be canonical base64url: decode then encode is identity.
        for part in data.split(|&b| b == b'.') {
            let bytes = URL_SAFE_NO_PAD.decode(part).expect("canonical part");
            assert_eq!(URL_SAFE_NO_PAD.encode(bytes).as_bytes(), part);
        }
    }
});
