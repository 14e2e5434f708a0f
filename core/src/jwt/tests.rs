use super::*;
use zeroize::Zeroizing;

const NOW: i64 = 1_700_000_000;

fn secret(n: usize, byte: u8) -> Zeroizing<Vec<u8>> {
    Zeroizing::new(vec![byte; n])
}

fn hs256() -> KeySet {
    KeySet::hmac(
        vec![("k1".into(), secret(32, 1)), ("k2".into(), secret(32, 2))],
        Alg::HS256,
        Some("k1"),
    )
    .unwrap()
}

fn policy() -> Policy {
    Policy {
        iss: Some("issuer".into()),
        aud: Some(vec!["api".into()]),
        leeway: DEFAULT_LEEWAY,
        max_age: None,
        required: Vec::new(),
        now: NOW,
    }
}

fn opts() -> SignOptions {
    SignOptions {
        ttl: 900,
        now: NOW,
        nbf: None,
        kid: None,
    }
}

fn claims() -> Vec<(String, Value)> {
    vec![
        ("iss".into(), Value::String("issuer".into())),
        ("aud".into(), Value::String("api".into())),
        ("sub".into(), Value::String("user-1".into())),
    ]
}

fn enc(s: &str) -> String {
    URL_SAFE_NO_PAD.encode(s)
}

/// A token with arbitrary header and payload JSON, HMAC-signed with `key`.
fn craft(header: &str, payload: &str, alg: Alg, key: &[u8]) -> String {
    let input = format!("{}.{}", enc(header), enc(payload));
    let sig = hmac(alg, key, input.as_bytes()).unwrap();
    format!("{input}.{}", URL_SAFE_NO_PAD.encode(sig))
}

fn good_payload() -> String {
    format!(
        r#"{{"iss":"issuer","aud":"api","iat":{NOW},"exp":{}}}"#,
        NOW + 60
    )
}

fn reason(token: &str, keys: &KeySet, p: &Policy) -> Reason {
    verify(token.as_bytes(), keys, p).unwrap_err().reason
}

#[test]
fn round_trip_every_alg() {
    for (alg, n) in [(Alg::HS256, 32), (Alg::HS384, 48), (Alg::HS512, 64)] {
        let keys = KeySet::hmac(vec![("a".into(), secret(n, 7))], alg, None).unwrap();
        let token = sign(claims(), &keys, &opts()).unwrap();
        let out = verify(token.as_bytes(), &keys, &policy()).unwrap();
        assert_eq!(out.get("sub").unwrap().as_str(), Some("user-1"));
        assert_eq!(out.get("exp").unwrap().as_f64(), Some((NOW + 900) as f64));
        assert_eq!(out.get("jti").unwrap().as_str().unwrap().len(), 22);
        let d = decode(token.as_bytes()).unwrap();
        assert_eq!(
            d.header.to_json(),
            format!(r#"{{"alg":"{}","typ":"JWT","kid":"a"}}"#, alg.name())
        );
    }
    let keys = KeySet::ed25519(vec![("ed".into(), secret(32, 9))], vec![], None).unwrap();
    let token = sign(claims(), &keys, &opts()).unwrap();
    verify(token.as_bytes(), &keys, &policy()).unwrap();
    // The public half alone verifies, and cannot sign.
    let jwks = keys.public_jwks();
    let public = KeySet::from_jwks(jwks.as_bytes()).unwrap();
    verify(token.as_bytes(), &public, &policy()).unwrap();
    assert!(matches!(
        sign(claims(), &public, &opts()),
        Err(SignError::Invalid(_))
    ));
}

#[test]
fn rfc7515_appendix_a1() {
    let token = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    let k = URL_SAFE_NO_PAD
        .decode("AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow")
        .unwrap();
    let keys = KeySet::hmac(vec![("x".into(), Zeroizing::new(k))], Alg::HS256, None).unwrap();
    let p = Policy {
        iss: Some("joe".into()),
        aud: None,
        leeway: 0,
        max_age: None,
        required: vec!["http://example.com/is_root".into()],
        now: 1_300_819_379,
    };
    let out = verify(token.as_bytes(), &keys, &p).unwrap();
    assert_eq!(
        out.get("http://example.com/is_root"),
        Some(&Value::Bool(true))
    );
    let later = Policy {
        now: 1_300_819_380,
        ..p
    };
    assert_eq!(reason(token, &keys, &later), Reason::Expired);
}

#[test]
fn alg_none_in_any_case() {
    let keys = hs256();
    for alg in ["none", "None", "NONE", "nOnE"] {
        let t = format!(
            "{}.{}.",
            enc(&format!(r#"{{"alg":"{alg}","kid":"k1"}}"#)),
            enc(&good_payload())
        );
        assert_eq!(reason(&t, &keys, &policy()), Reason::AlgNotAllowed);
        assert_eq!(
            decode(t.as_bytes()).unwrap_err().reason,
            Reason::AlgNotAllowed
        );
    }
    let t = craft(
        r#"{"alg":"hs256","kid":"k1"}"#,
        &good_payload(),
        Alg::HS256,
        &[1; 32],
    );
    assert_eq!(reason(&t, &keys, &policy()), Reason::AlgNotAllowed);
}

#[test]
fn alg_swaps() {
    let keys = hs256();
    // Another HMAC size with the same secret.
    let t = craft(
        r#"{"alg":"HS512","kid":"k1"}"#,
        &good_payload(),
        Alg::HS512,
        &[1; 32],
    );
    assert_eq!(reason(&t, &keys, &policy()), Reason::AlgNotAllowed);
    // EdDSA claimed against an HMAC key.
    let t = craft(
        r#"{"alg":"EdDSA","kid":"k1"}"#,
        &good_payload(),
        Alg::HS256,
        &[1; 32],
    );
    assert_eq!(reason(&t, &keys, &policy()), Reason::AlgNotAllowed);
    // HS256 against an Ed25519 public key, "signed" with the public key bytes.
    let ed = KeySet::ed25519(vec![("ed".into(), secret(32, 9))], vec![], None).unwrap();
    let public = KeySet::from_jwks(ed.public_jwks().as_bytes()).unwrap();
    let pk = match &public.keys[0].material {
        Material::EdPublic(vk) => vk.to_bytes(),
        _ => unreachable!(),
    };
    let t = craft(
        r#"{"alg":"HS256","kid":"ed"}"#,
        &good_payload(),
        Alg::HS256,
        &pk,
    );
    assert_eq!(reason(&t, &public, &policy()), Reason::AlgNotAllowed);
}

#[test]
fn kid_selection() {
    let keys = hs256();
    let t = craft(
        r#"{"alg":"HS256","kid":"zz"}"#,
        &good_payload(),
        Alg::HS256,
        &[1; 32],
    );
    assert_eq!(reason(&t, &keys, &policy()), Reason::UnknownKid);
    // Signed by k2's secret but claiming k1.
    let t = craft(
        r#"{"alg":"HS256","kid":"k1"}"#,
        &good_payload(),
        Alg::HS256,
        &[2; 32],
    );
    assert_eq!(reason(&t, &keys, &policy()), Reason::BadSignature);
    // No kid: refused with two keys, accepted with one.
    let t = craft(r#"{"alg":"HS256"}"#, &good_payload(), Alg::HS256, &[1; 32]);
    assert_eq!(reason(&t, &keys, &policy()), Reason::UnknownKid);
    let single = KeySet::hmac(vec![("only".into(), secret(32, 1))], Alg::HS256, None).unwrap();
    verify(t.as_bytes(), &single, &policy()).unwrap();
    // Signing with a named kid.
    let o = SignOptions {
        kid: Some("k2".into()),
        ..opts()
    };
    let t = sign(claims(), &keys, &o).unwrap();
    assert_eq!(decode(t.as_bytes()).unwrap().kid.as_deref(), Some("k2"));
    verify(t.as_bytes(), &keys, &policy()).unwrap();
}

#[test]
fn tampering() {
    let keys = hs256();
    let token = sign(claims(), &keys, &opts()).unwrap();
    let parts: Vec<&str> = token.split('.').collect();
    // Stripped signature.
    let t = format!("{}.{}.", parts[0], parts[1]);
    assert_eq!(reason(&t, &keys, &policy()), Reason::BadSignature);
    // Payload edited.
    let p = enc(&format!(
        r#"{{"iss":"issuer","aud":"api","sub":"admin","iat":{NOW},"exp":{}}}"#,
        NOW + 900
    ));
    let t = format!("{}.{p}.{}", parts[0], parts[2]);
    assert_eq!(reason(&t, &keys, &policy()), Reason::BadSignature);
    // Header edited (same alg and kid, extra member).
    let h = enc(r#"{"alg":"HS256","typ":"JWT","kid":"k1","x":1}"#);
    let t = format!("{h}.{}.{}", parts[1], parts[2]);
    assert_eq!(reason(&t, &keys, &policy()), Reason::BadSignature);
    // Shapes.
    for t in [
        format!("{}.{}", parts[0], parts[1]),
        format!("{token}.x"),
        format!(".{}.{}", parts[1], parts[2]),
        String::new(),
        "...".into(),
    ] {
        assert_eq!(reason(&t, &keys, &policy()), Reason::Malformed, "{t}");
    }
}

#[test]
fn base64_strictness() {
    let keys = hs256();
    let token = sign(claims(), &keys, &opts()).unwrap();
    let parts: Vec<&str> = token.split('.').collect();
    // Padding added to the signature (43 chars → 44 with '=').
    let t = format!("{}.{}.{}=", parts[0], parts[1], parts[2]);
    assert_eq!(reason(&t, &keys, &policy()), Reason::Malformed);
    // Standard alphabet instead of url-safe.
    let std_sig = parts[2].replace('-', "+").replace('_', "/");
    if std_sig != parts[2] {
        let t = format!("{}.{}.{std_sig}", parts[0], parts[1]);
        assert_eq!(reason(&t, &keys, &policy()), Reason::Malformed);
    }
    // Non-canonical trailing bits: a 32-byte MAC is 43 chars whose last
    // char carries 2 unused bits; flipping them decodes to the same bytes in
    // lax decoders.
    let mut sig: Vec<u8> = parts[2].as_bytes().to_vec();
    let last = *sig.last().unwrap();
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let idx = alphabet.iter().position(|&c| c == last).unwrap();
    *sig.last_mut().unwrap() = alphabet[idx | 1];
    let t = format!(
        "{}.{}.{}",
        parts[0],
        parts[1],
        String::from_utf8(sig).unwrap()
    );
    assert_eq!(reason(&t, &keys, &policy()), Reason::Malformed);
    // Whitespace.
    let t = format!("{} ", token);
    assert_eq!(reason(&t, &keys, &policy()), Reason::Malformed);
}

#[test]
fn json_strictness() {
    let keys = hs256();
    let dup = format!(
        r#"{{"iss":"issuer","aud":"api","sub":"a","sub":"admin","exp":{}}}"#,
        NOW + 60
    );
    let t = craft(r#"{"alg":"HS256","kid":"k1"}"#, &dup, Alg::HS256, &[1; 32]);
    assert_eq!(reason(&t, &keys, &policy()), Reason::Malformed);
    let t = craft(
        r#"{"alg":"HS256","alg":"HS256","kid":"k1"}"#,
        &good_payload(),
        Alg::HS256,
        &[1; 32],
    );
    assert_eq!(reason(&t, &keys, &policy()), Reason::Malformed);
    for payload in ["[1]", "\"x\"", "null", "{"] {
        let t = craft(
            r#"{"alg":"HS256","kid":"k1"}"#,
            payload,
            Alg::HS256,
            &[1; 32],
        );
        assert_eq!(reason(&t, &keys, &policy()), Reason::Malformed, "{payload}");
    }
}

#[test]
fn claim_types() {
    let keys = hs256();
    for payload in [
        r#"{"exp":"9999999999"}"#.to_string(),
        format!(r#"{{"exp":{},"nbf":"0"}}"#, NOW + 60),
        format!(r#"{{"exp":{},"iat":true}}"#, NOW + 60),
        format!(r#"{{"exp":{},"iss":1}}"#, NOW + 60),
        format!(r#"{{"exp":{},"sub":null}}"#, NOW + 60),
        format!(r#"{{"exp":{},"jti":[]}}"#, NOW + 60),
        format!(r#"{{"exp":{},"aud":["api",1]}}"#, NOW + 60),
        format!(r#"{{"exp":{},"aud":{{}}}}"#, NOW + 60),
    ] {
        let t = craft(
            r#"{"alg":"HS256","kid":"k1"}"#,
            &payload,
            Alg::HS256,
            &[1; 32],
        );
        assert_eq!(reason(&t, &keys, &policy()), Reason::Malformed, "{payload}");
    }
}

#[test]
fn forbidden_headers() {
    let keys = hs256();
    for extra in [
        r#""crit":["exp"]"#,
        r#""crit":[]"#,
        r#""jwk":{"kty":"oct","k":"AAAA"}"#,
        r##""jku":"https://evil.example/jwks""##,
        r##""x5u":"https://evil.example/cert""##,
        r#""x5c":["MIIB"]"#,
        r#""b64":false"#,
    ] {
        let h = format!(r#"{{"alg":"HS256","kid":"k1",{extra}}}"#);
        let t = craft(&h, &good_payload(), Alg::HS256, &[1; 32]);
        assert_eq!(reason(&t, &keys, &policy()), Reason::Malformed, "{h}");
    }
    let t = craft(
        r#"{"alg":"HS256","kid":7}"#,
        &good_payload(),
        Alg::HS256,
        &[1; 32],
    );
    assert_eq!(reason(&t, &keys, &policy()), Reason::Malformed);
}

#[test]
fn size_cap() {
    let keys = hs256();
    let big = format!(
        r#"{{"iss":"issuer","aud":"api","exp":{},"pad":"{}"}}"#,
        NOW + 60,
        "a".repeat(MAX_TOKEN_LEN)
    );
    let t = craft(r#"{"alg":"HS256","kid":"k1"}"#, &big, Alg::HS256, &[1; 32]);
    assert_eq!(reason(&t, &keys, &policy()), Reason::TooLarge);
    let mut c = claims();
    c.push(("pad".into(), Value::String("a".repeat(MAX_TOKEN_LEN))));
    assert!(matches!(
        sign(c, &keys, &opts()),
        Err(SignError::Invalid(_))
    ));
}

#[test]
fn times_and_leeway() {
    let keys = hs256();
    let at = |exp: i64, nbf: Option<i64>, iat: i64| {
        let nbf = nbf.map(|n| format!(r#","nbf":{n}"#)).unwrap_or_default();
        craft(
            r#"{"alg":"HS256","kid":"k1"}"#,
            &format!(r#"{{"iss":"issuer","aud":"api","iat":{iat},"exp":{exp}{nbf}}}"#),
            Alg::HS256,
            &[1; 32],
        )
    };
    let p = policy();
    // exp just inside and just outside the 30 s leeway.
    verify(at(NOW - 29, None, NOW - 100).as_bytes(), &keys, &p).unwrap();
    assert_eq!(
        reason(&at(NOW - 30, None, NOW - 100), &keys, &p),
        Reason::Expired
    );
    assert_eq!(
        reason(&at(NOW - 31, None, NOW - 100), &keys, &p),
        Reason::Expired
    );
    // nbf.
    verify(at(NOW + 100, Some(NOW + 30), NOW).as_bytes(), &keys, &p).unwrap();
    assert_eq!(
        reason(&at(NOW + 100, Some(NOW + 31), NOW), &keys, &p),
        Reason::NotYetValid
    );
    // iat in the future.
    assert_eq!(
        reason(&at(NOW + 100, None, NOW + 31), &keys, &p),
        Reason::NotYetValid
    );
    // Zero leeway.
    let strict = Policy {
        leeway: 0,
        ..policy()
    };
    assert_eq!(
        reason(&at(NOW, None, NOW - 1), &keys, &strict),
        Reason::Expired
    );
    verify(at(NOW + 1, None, NOW - 1).as_bytes(), &keys, &strict).unwrap();
    // max_age against iat.
    let aged = Policy {
        max_age: Some(60),
        ..policy()
    };
    verify(at(NOW + 100, None, NOW - 89).as_bytes(), &keys, &aged).unwrap();
    assert_eq!(
        reason(&at(NOW + 100, None, NOW - 91), &keys, &aged),
        Reason::Expired
    );
    // Missing exp.
    let t = craft(
        r#"{"alg":"HS256","kid":"k1"}"#,
        r#"{"iss":"issuer","aud":"api"}"#,
        Alg::HS256,
        &[1; 32],
    );
    assert_eq!(reason(&t, &keys, &p), Reason::MissingClaim);
    // Over-large leeway refused.
    let loose = Policy {
        leeway: MAX_LEEWAY + 1,
        ..policy()
    };
    assert!(verify(at(NOW + 100, None, NOW).as_bytes(), &keys, &loose).is_err());
}

#[test]
fn issuer_audience_required() {
    let keys = hs256();
    let mk = |body: &str| {
        craft(
            r#"{"alg":"HS256","kid":"k1"}"#,
            &format!(r#"{{{body}"exp":{}}}"#, NOW + 60),
            Alg::HS256,
            &[1; 32],
        )
    };
    let p = policy();
    assert_eq!(
        reason(&mk(r#""iss":"other","aud":"api","#), &keys, &p),
        Reason::ClaimMismatch
    );
    assert_eq!(
        reason(&mk(r#""aud":"api","#), &keys, &p),
        Reason::MissingClaim
    );
    assert_eq!(
        reason(&mk(r#""iss":"issuer","aud":"web","#), &keys, &p),
        Reason::ClaimMismatch
    );
    assert_eq!(
        reason(&mk(r#""iss":"issuer","#), &keys, &p),
        Reason::MissingClaim
    );
    verify(
        mk(r#""iss":"issuer","aud":["web","api"],"#).as_bytes(),
        &keys,
        &p,
    )
    .unwrap();
    assert_eq!(
        reason(&mk(r#""iss":"issuer","aud":["web","mobile"],"#), &keys, &p),
        Reason::ClaimMismatch
    );
    assert_eq!(
        reason(&mk(r#""iss":"issuer","aud":[],"#), &keys, &p),
        Reason::ClaimMismatch
    );
    // Waived: any issuer; but a token naming an audience needs an audience policy.
    let waived = Policy {
        iss: None,
        aud: None,
        ..policy()
    };
    verify(mk("").as_bytes(), &keys, &waived).unwrap();
    assert_eq!(
        reason(&mk(r#""aud":"api","#), &keys, &waived),
        Reason::ClaimMismatch
    );
    let req = Policy {
        required: vec!["sub".into()],
        ..policy()
    };
    assert_eq!(
        reason(&mk(r#""iss":"issuer","aud":"api","#), &keys, &req),
        Reason::MissingClaim
    );
}

#[test]
fn key_rules() {
    for (alg, n) in [(Alg::HS256, 31), (Alg::HS384, 47), (Alg::HS512, 63)] {
        assert!(KeySet::hmac(vec![("a".into(), secret(n, 1))], alg, None).is_err());
    }
    assert!(KeySet::hmac(vec![("a".into(), secret(32, 1))], Alg::EdDSA, None).is_err());
    assert!(KeySet::hmac(vec![], Alg::HS256, None).is_err());
    assert!(KeySet::hmac(vec![("".into(), secret(32, 1))], Alg::HS256, None).is_err());
    assert!(KeySet::hmac(vec![("a".into(), secret(32, 1))], Alg::HS256, Some("b")).is_err());
    // No primary among several: verification works, signing needs a kid.
    let keys = KeySet::hmac(
        vec![("a".into(), secret(32, 1)), ("b".into(), secret(32, 2))],
        Alg::HS256,
        None,
    )
    .unwrap();
    assert!(matches!(
        sign(claims(), &keys, &opts()),
        Err(SignError::Invalid(_))
    ));
    // Ed25519: 64-byte secret key must be consistent.
    let sk = ed25519_dalek::SigningKey::from_bytes(&[9; 32]);
    let pair = Zeroizing::new(sk.to_keypair_bytes().to_vec());
    assert!(KeySet::ed25519(vec![("e".into(), pair.clone())], vec![], None).is_ok());
    let mut bad = pair.clone();
    bad[40] ^= 1;
    assert!(KeySet::ed25519(vec![("e".into(), bad)], vec![], None).is_err());
    assert!(KeySet::ed25519(vec![("e".into(), secret(31, 1))], vec![], None).is_err());
    assert!(KeySet::ed25519(vec![], vec![("p".into(), vec![0; 32])], None).is_err());
    // Claims that sign() owns.
    let mut c = claims();
    c.push(("exp".into(), Value::Number(1.into())));
    assert!(sign(c, &hs256(), &opts()).is_err());
    let mut c = claims();
    c.push(("sub".into(), Value::Number(1.into())));
    assert!(sign(vec![c.pop().unwrap()], &hs256(), &opts()).is_err());
}

#[test]
fn jwks() {
    let ed = KeySet::ed25519(vec![("ed".into(), secret(32, 9))], vec![], None).unwrap();
    let x = match &ed.keys[0].material {
        Material::EdPrivate(_, vk) => URL_SAFE_NO_PAD.encode(vk.as_bytes()),
        _ => unreachable!(),
    };
    let doc = format!(
        r#"{{"keys":[{{"kty":"RSA","kid":"r","n":"AQAB","e":"AQAB"}},{{"kty":"OKP","crv":"Ed25519","x":"{x}","use":"enc","kid":"e"}},{{"kty":"OKP","crv":"Ed25519","x":"{x}"}}]}}"#
    );
    let set = KeySet::from_jwks(doc.as_bytes()).unwrap();
    let info = set.info();
    assert_eq!(info.len(), 1);
    assert_eq!(info[0].kid.len(), 43); // RFC 7638 thumbprint
    assert!(!info[0].can_sign);
    let with_d = format!(r#"{{"keys":[{{"kty":"OKP","crv":"Ed25519","x":"{x}","d":"{x}"}}]}}"#);
    assert!(KeySet::from_jwks(with_d.as_bytes()).is_err());
    for bad in [
        r#"{"keys":[]}"#,
        r#"{"keys":{}}"#,
        "[]",
        r#"{"keys":[{"kty":"OKP","crv":"Ed25519","x":"AAAA"}]}"#,
        r#"{"keys":[{"kty":"RSA"}]}"#,
    ] {
        assert!(KeySet::from_jwks(bad.as_bytes()).is_err(), "{bad}");
    }
    let dup = format!(
        r#"{{"keys":[{{"kty":"OKP","crv":"Ed25519","x":"{x}","kid":"a"}},{{"kty":"OKP","crv":"Ed25519","x":"{x}","kid":"a"}}]}}"#
    );
    assert!(KeySet::from_jwks(dup.as_bytes()).is_err());
}

#[test]
fn debug_shows_no_secret() {
    let keys = hs256();
    let text = format!("{keys:?}");
    assert!(text.contains("k1"));
    assert!(!text.contains("[1, 1"));
}

#[test]
fn eddsa_signature_checks() {
    let keys = KeySet::ed25519(vec![("ed".into(), secret(32, 9))], vec![], None).unwrap();
    let token = sign(claims(), &keys, &opts()).unwrap();
    let parts: Vec<&str> = token.split('.').collect();
    let t = format!("{}.{}.{}", parts[0], parts[1], &parts[2][..40]);
    assert_eq!(reason(&t, &keys, &policy()), Reason::BadSignature);
    let other = KeySet::ed25519(vec![("ed".into(), secret(32, 8))], vec![], None).unwrap();
    assert_eq!(reason(&token, &other, &policy()), Reason::BadSignature);
}
