//! Arbitrary context entries. Properties: encoding never panics; it succeeds
//! exactly when keys are distinct; it is independent of entry order; and it
//! decodes back to the sorted entries, so two distinct contexts can never
//! share an encoding (the associated data is injective).
#![no_main]

use libfuzzer_sys::fuzz_target;
use soc2_core::crypto::context::Context;

type Pairs = Vec<(Vec<u8>, Vec<u8>)>;

fn decode(mut b: &[u8]) -> Pairs {
    fn take<'a>(b: &mut &'a [u8], n: usize) -> &'a [u8] {
        let (head, tail) = b.split_at(n);
        *b = tail;
        head
    }
    fn len(b: &mut &[u8]) -> usize {
        u32::from_be_bytes(take(b, 4).try_into().unwrap()) as usize
    }
    let count = len(&mut b);
    let mut out = Vec::new();
    for _ in 0..count {
        let k = len(&mut b);
        let k = take(&mut b, k).to_vec();
        let v = len(&mut b);
        let v = take(&mut b, v).to_vec();
        out.push((k, v));
    }
    assert!(b.is_empty(), "trailing bytes after the last entry");
    out
}

fuzz_target!(|input: (Pairs, Vec<i64>)| {
    let (pairs, ints) = input;
    // Integers go in under keys of their own, as PHP int values.
    let mut all: Pairs = pairs.clone();
    let mut ctx = Context::new();
    for (k, v) in &pairs {
        ctx.push_str(k.as_slice(), v.as_slice());
    }
    for (i, n) in ints.iter().enumerate() {
        let key = format!("\u{1}int{i}").into_bytes();
        ctx.push_int(key.clone(), *n);
        all.push((key, n.to_string().into_bytes()));
    }
    let mut sorted = all.clone();
    sorted.sort();
    let distinct = sorted.windows(2).all(|w| w[0].0 != w[1].0);
    let encoded = ctx.encode();
    assert_eq!(encoded.is_ok(), distinct);
    let Ok(encoded) = encoded else { return };
    assert_eq!(decode(&encoded), sorted);
    // Reversed order, ints given as decimal strings: the same bytes.
    let mut rev = Context::new();
    for (k, v) in all.iter().rev() {
        rev.push_str(k.as_slice(), v.as_slice());
    }
    assert_eq!(rev.encode().expect("same keys"), encoded);
});
