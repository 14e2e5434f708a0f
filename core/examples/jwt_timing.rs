//! Rough per-call timings of the JWT core (no PHP): `cargo run --release -p soc2-core --example jwt_timing`.
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

/// Counts allocations, to see what each call costs besides time.
struct Counting;
static ALLOCS: AtomicU64 = AtomicU64::new(0);

// SAFETY: forwards to the system allocator unchanged, only counting calls.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: same contract as our caller's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as our caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: same contract as our caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

use soc2_core::jwt::{self, json, Alg, KeySet, Policy, SignOptions, Value};
use zeroize::Zeroizing;

fn time(label: &str, n: u32, mut f: impl FnMut()) {
    // Optional second argument: run only the sections whose label starts so
    // (for instruction counts under valgrind).
    if let Some(only) = std::env::args().nth(2) {
        if !label.starts_with(only.as_str()) {
            return;
        }
    }
    let allocs = ALLOCS.load(Ordering::Relaxed);
    let start = Instant::now();
    for _ in 0..n {
        f();
    }
    let elapsed = start.elapsed();
    println!(
        "{label:<20} {:>8.2} us {:>6.1} allocs",
        elapsed.as_secs_f64() * 1e6 / f64::from(n),
        (ALLOCS.load(Ordering::Relaxed) - allocs) as f64 / f64::from(n)
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
    let n: u32 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(200_000);
    time("sign", n, || {
        jwt::sign(claims.clone(), &keys, &opts).unwrap();
    });
    time("decode", n, || {
        jwt::decode(token.as_bytes()).unwrap();
    });
    time("verify", n, || {
        jwt::verify(token.as_bytes(), &keys, &policy).unwrap();
    });
    time("verify (discard)", n, || {
        jwt::verify_with(token.as_bytes(), &keys, &policy, &mut json::Discard).unwrap();
    });
    time("sign (writer)", n, || {
        let mut w = jwt::ClaimsWriter::new();
        w.key("iss");
        w.string("https://issuer.example");
        w.key("aud");
        w.string("api");
        w.key("sub");
        w.string("user-12345");
        w.key("roles");
        w.begin_array().unwrap();
        w.string("reader");
        w.string("writer");
        w.end();
        jwt::sign_claims(w, &keys, &opts).unwrap();
    });
    let payload = br#"{"iss":"https://issuer.example","aud":"api","sub":"user-12345","roles":["reader","writer"],"iat":1700000000,"exp":1700000900,"jti":"abcdefghijklmnopqrstuv"}"#;
    time("json parse", n, || {
        json::parse(payload).unwrap();
    });
}
