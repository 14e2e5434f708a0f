//! Rough per-call timings of the JWT core (no PHP): `cargo run --release -p soc2-core --example jwt_timing`.
use std::time::Instant;

use soc2_core::jwt::{self, json, Alg, KeySet, Policy, SignOptions, Value};
use zeroize::Zeroizing;

fn time(label: &str, n: u32, mut f: impl FnMut()) {
    let start = Instant::now();
    for _ in 0..n {
        f();
    }
    println!(
        "{label:<20} {:>8.2} us",
        start.elapsed().as_secs_f64() * 1e6 / f64::from(n)
    );
}

fn main() {
    let keys = KeySet::hmac(
        vec![("k".into(), Zeroizing::new(vec![7; 32]))],
        Alg::HS256,
        None,
    )
    .unwrap();
    let claims = vec![
        (
            "iss".to_string(),
            Value::String("https://issuer.example".into()),
        ),
        ("aud".to_string(), Value::String("api".into())),
        ("sub".to_string(), Value::String("user-12345".into())),
        (
            "roles".to_string(),
            Value::Array(vec![
                Value::String("reader".into()),
                Value::String("writer".into()),
            ]),
        ),
    ];
    let opts = SignOptions {
        ttl: 900,
        now: 1_700_000_000,
        nbf: None,
        kid: None,
    };
    let token = jwt::sign(claims.clone(), &keys, &opts).unwrap();
    let policy = Policy {
        iss: None,
        aud: Some(vec!["api".into()]),
        leeway: 30,
        max_age: None,
        required: vec![],
        now: 1_700_000_000,
    };
    let n = 200_000;
    time("sign", n, || {
        jwt::sign(claims.clone(), &keys, &opts).unwrap();
    });
    time("decode", n, || {
        jwt::decode(token.as_bytes()).unwrap();
    });
    time("verify", n, || {
        jwt::verify(token.as_bytes(), &keys, &policy).unwrap();
    });
    let payload = br#"{"iss":"https://issuer.example","aud":"api","sub":"user-12345","roles":["reader","writer"],"iat":1700000000,"exp":1700000900,"jti":"abcdefghijklmnopqrstuv"}"#;
    time("json parse", n, || {
        json::parse(payload).unwrap();
    });
}
