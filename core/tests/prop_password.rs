//! Property tests of password hashing with tiny parameters.

use proptest::prelude::*;
use soc2_core::password::{self, Params};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn hash_then_verify(
        pw in prop::collection::vec(any::<u8>(), 0..96),
        other in prop::collection::vec(any::<u8>(), 0..96),
        memory_cost in 8u32..64,
        threads in 1u32..3,
    ) {
        let params = Params { memory_cost: memory_cost.max(8 * threads), time_cost: 1, threads };
        let hash = password::hash(&pw, &params, 4096).unwrap();
        prop_assert!(hash.starts_with("$argon2id$v=19$"));
        prop_assert!(password::verify(&pw, &hash, 4096));
        prop_assert_eq!(password::verify(&other, &hash, 4096), other == pw);
        prop_assert!(!password::needs_rehash(&hash, &params).unwrap());
    }
}
