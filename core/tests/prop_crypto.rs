//! Property tests of envelope encryption and the canonical context.

use std::collections::BTreeMap;

use proptest::prelude::*;
use soc2_core::crypto::context::Context;
use soc2_core::crypto::keyring::Keyring;
use soc2_core::crypto::master_key::MasterKey;
use soc2_core::crypto::Suite;

/// A context value as PHP hands it over: a string or an int.
#[derive(Clone, Debug)]
enum V {
    S(Vec<u8>),
    I(i64),
}

fn value() -> impl Strategy<Value = V> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..12).prop_map(V::S),
        any::<i64>().prop_map(V::I),
        (-1000i64..1000).prop_map(V::I),
    ]
}

/// Keys from a tiny alphabet so that near-collisions are common.
fn context(max: usize) -> impl Strategy<Value = BTreeMap<Vec<u8>, V>> {
    prop::collection::btree_map(prop::collection::vec(0u8..3, 0..4), value(), 0..max)
}

fn encode(ctx: &BTreeMap<Vec<u8>, V>, reverse: bool) -> Vec<u8> {
    let mut c = Context::new();
    let mut entries: Vec<_> = ctx.iter().collect();
    if reverse {
        entries.reverse();
    }
    for (k, v) in entries {
        match v {
            V::S(s) => c.push_str(k.as_slice(), s.as_slice()),
            V::I(i) => c.push_int(k.as_slice(), *i),
        }
    }
    c.encode().expect("distinct keys encode")
}

/// What a context means: every value as bytes (an int is its decimal string).
fn meaning(ctx: &BTreeMap<Vec<u8>, V>) -> BTreeMap<Vec<u8>, Vec<u8>> {
    ctx.iter()
        .map(|(k, v)| {
            let v = match v {
                V::S(s) => s.clone(),
                V::I(i) => i.to_string().into_bytes(),
            };
            (k.clone(), v)
        })
        .collect()
}

fn ring(suite: Suite) -> Keyring {
    let master = MasterKey::from_bytes(&[0x5a; 32]).unwrap();
    Keyring::create(&master, suite).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Injective: two contexts encode the same exactly when they mean the
    /// same (same keys, values equal as strings); entry order never matters.
    #[test]
    fn context_encoding_is_injective(a in context(5), b in context(5)) {
        let (ea, eb) = (encode(&a, false), encode(&b, false));
        prop_assert_eq!(&ea, &encode(&a, true));
        prop_assert_eq!(ea == eb, meaning(&a) == meaning(&b));
    }

    /// An int and its decimal string are one value.
    #[test]
    fn int_equals_its_decimal_string(k in prop::collection::vec(any::<u8>(), 0..8), i in any::<i64>()) {
        let mut a = Context::new();
        a.push_int(k.as_slice(), i);
        let mut b = Context::new();
        b.push_str(k.as_slice(), i.to_string().into_bytes());
        prop_assert_eq!(a.encode().unwrap(), b.encode().unwrap());
    }

    #[test]
    fn encrypt_decrypt_round_trip(
        plaintext in prop::collection::vec(any::<u8>(), 0..2048),
        ctx in context(6),
        other in context(6),
        aes in any::<bool>(),
    ) {
        let suite = if aes { Suite::Aes256Gcm } else { Suite::XChaCha20Poly1305 };
        let ring = ring(suite);
        let aad = encode(&ctx, false);
        let binary = ring.encrypt(&plaintext, &aad).unwrap();
        prop_assert_eq!(ring.decrypt(&binary, &encode(&ctx, true)).unwrap(), plaintext.clone());
        let text = ring.encrypt_text(&plaintext, &aad).unwrap();
        prop_assert!(text.is_ascii());
        prop_assert_eq!(ring.decrypt_text(text.as_bytes(), &aad).unwrap(), plaintext.clone());
        // Any other context refuses.
        if meaning(&other) != meaning(&ctx) {
            let wrong = encode(&other, false);
            prop_assert!(ring.decrypt(&binary, &wrong).is_err());
            prop_assert!(ring.decrypt_text(text.as_bytes(), &wrong).is_err());
        }
    }

    /// Any single-byte change of a ciphertext is refused.
    #[test]
    fn any_byte_flip_is_refused(
        plaintext in prop::collection::vec(any::<u8>(), 0..256),
        at in any::<prop::sample::Index>(),
        mask in 1u8..=255,
        aes in any::<bool>(),
    ) {
        let ring = ring(if aes { Suite::Aes256Gcm } else { Suite::XChaCha20Poly1305 });
        let mut ct = ring.encrypt(&plaintext, b"\0\0\0\0").unwrap();
        let i = at.index(ct.len());
        ct[i] ^= mask;
        prop_assert!(ring.decrypt(&ct, b"\0\0\0\0").is_err());
    }
}
