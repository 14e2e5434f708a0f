//! Regression tests for defects found by fuzzing, property tests and the
//! hardening review (docs/FUZZING.md lists where each came from).

use soc2_core::password;

/// `$2y$+5$…`: the cost field went through `str::parse::<u32>`, which accepts
/// a leading `+`, so soc2 verified a string PHP's crypt() rejects.
#[test]
fn bcrypt_cost_must_be_two_digits() {
    let good = "$2y$05$JgiHu.jw1Vz6HW0zJpMkmumIIlFktE29rIg9Q4sMCPaNPO8..jEii";
    assert!(password::verify(b"pw", good, 4096));
    for bad in ["$2y$+5$", "$2y$ 5$", "$2y$-5$", "$2y$5 $"] {
        let hash = format!("{bad}{}", &good[7..]);
        assert!(!password::verify(b"pw", &hash, 4096), "{hash}");
        assert!(password::parse(&hash).is_err(), "{hash}");
    }
}
