//! Canonical encoding of an encryption context (associated data).
//!
//! The context names where a ciphertext belongs (table, column, row id...). It
//! is authenticated but never stored, so a ciphertext copied to another row
//! does not decrypt. Encoding: entries sorted by key bytes, then
//! `u32be(count) || for each: u32be(len key) || key || u32be(len value) || value`.
//! Integers are written as their decimal string, so `42` and `"42"` are the
//! same value (databases hand ids back as strings).

use std::borrow::Cow;

use super::{put_lp, CryptoError};

/// Largest encoded context accepted (docs/LIMITS.md): a context names a place
/// (table, column, row id), so 64 KiB is generous; checked before allocating.
pub const MAX_CONTEXT: usize = 64 * 1024;

/// One entry: key bytes and value, borrowed from the caller when possible.
type Entry<'a> = (Cow<'a, [u8]>, Value<'a>);

/// A value's bytes: borrowed or owned, or an integer's decimal digits kept
/// inline (no allocation per integer).
#[derive(Debug)]
enum Value<'a> {
    Bytes(Cow<'a, [u8]>),
    Int { digits: [u8; 20], len: u8 },
}

impl Value<'_> {
    fn int(value: i64) -> Self {
        let mut digits = [0u8; 20];
        let mut n = value.unsigned_abs();
        let mut at = digits.len();
        loop {
            at -= 1;
            digits[at] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        if value < 0 {
            at -= 1;
            digits[at] = b'-';
        }
        digits.copy_within(at.., 0);
        Self::Int {
            digits,
            len: (20 - at) as u8,
        }
    }

    fn as_bytes(&self) -> &[u8] {
        match self {
            Self::Bytes(b) => b,
            Self::Int { digits, len } => &digits[..usize::from(*len)],
        }
    }
}

/// A context being built from caller values; [`Context::encode`] canonicalises it.
#[derive(Debug, Default)]
pub struct Context<'a> {
    entries: Vec<Entry<'a>>,
}

impl<'a> Context<'a> {
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    #[must_use]
    pub fn with_capacity(n: usize) -> Self {
        Self {
            entries: Vec::with_capacity(n),
        }
    }

    /// A string value (any bytes).
    pub fn push_str(&mut self, key: impl Into<Cow<'a, [u8]>>, value: impl Into<Cow<'a, [u8]>>) {
        self.entries.push((key.into(), Value::Bytes(value.into())));
    }

    /// An integer value: encoded as its decimal string, exactly like `push_str`.
    pub fn push_int(&mut self, key: impl Into<Cow<'a, [u8]>>, value: i64) {
        self.entries.push((key.into(), Value::int(value)));
    }

    /// The canonical bytes. A key given twice is refused (PHP arrays cannot
    /// repeat a key, but other callers could).
    pub fn encode(mut self) -> Result<Vec<u8>, CryptoError> {
        self.entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        if self.entries.windows(2).any(|w| w[0].0 == w[1].0) {
            return Err(CryptoError::Context("a context key is repeated".into()));
        }
        let size: usize = self
            .entries
            .iter()
            .map(|(k, v)| 8 + k.len() + v.as_bytes().len())
            .sum();
        if size > MAX_CONTEXT {
            return Err(CryptoError::Context(format!(
                "must not encode to more than {MAX_CONTEXT} bytes"
            )));
        }
        let mut out = Vec::with_capacity(4 + size);
        let count = u32::try_from(self.entries.len())
            .map_err(|_| CryptoError::Context("the context has too many entries".into()))?;
        out.extend_from_slice(&count.to_be_bytes());
        for (k, v) in &self.entries {
            put_lp(&mut out, k)?;
            put_lp(&mut out, v.as_bytes())?;
        }
        Ok(out)
    }
}

/// Encodes string pairs; a convenience for the CLI and tests.
pub fn encode_pairs(pairs: &[(&str, &str)]) -> Result<Vec<u8>, CryptoError> {
    let mut ctx = Context::with_capacity(pairs.len());
    for (k, v) in pairs {
        ctx.push_str(k.as_bytes(), v.as_bytes());
    }
    ctx.encode()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oversized_context_refused() {
        let big = vec![b'v'; MAX_CONTEXT];
        let mut c = Context::new();
        c.push_str(&b"k"[..], big.as_slice());
        assert!(matches!(c.encode(), Err(CryptoError::Context(_))));
        let fits = vec![b'v'; MAX_CONTEXT - 9];
        let mut c = Context::new();
        c.push_str(&b"k"[..], fits.as_slice());
        assert_eq!(c.encode().unwrap().len(), 4 + MAX_CONTEXT);
    }

    #[test]
    fn empty_is_four_zero_bytes() {
        assert_eq!(Context::new().encode().unwrap(), vec![0, 0, 0, 0]);
    }

    #[test]
    fn order_irrelevant_and_int_equals_decimal_string() {
        let mut a = Context::new();
        a.push_str(&b"table"[..], &b"users"[..]);
        a.push_int(&b"id"[..], 42);
        let mut b = Context::new();
        b.push_str(&b"id"[..], &b"42"[..]);
        b.push_str(b"table".to_vec(), &b"users"[..]);
        let a = a.encode().unwrap();
        assert_eq!(a, b.encode().unwrap());
        assert_eq!(
            a,
            b"\0\0\0\x02\0\0\0\x02id\0\0\0\x0242\0\0\0\x05table\0\0\0\x05users".to_vec()
        );
        let mut neg = Context::new();
        neg.push_int(&b"n"[..], -7);
        assert_eq!(neg.encode().unwrap(), encode_pairs(&[("n", "-7")]).unwrap());
        for n in [0, 7, -1, 10, 42, -100, i64::MAX, i64::MIN, 1_000_000_007] {
            let mut c = Context::new();
            c.push_int(&b"n"[..], n);
            let s = n.to_string();
            assert_eq!(c.encode().unwrap(), encode_pairs(&[("n", &s)]).unwrap());
        }
    }

    #[test]
    fn unambiguous() {
        // Shifting bytes between key and value, or between entries, changes the encoding.
        let x = encode_pairs(&[("ab", "c")]).unwrap();
        let y = encode_pairs(&[("a", "bc")]).unwrap();
        let z = encode_pairs(&[("a", ""), ("b", "c")]).unwrap();
        assert_ne!(x, y);
        assert_ne!(x, z);
        assert_ne!(y, z);
        assert_ne!(
            encode_pairs(&[("id", "42")]).unwrap(),
            encode_pairs(&[("id", "042")]).unwrap()
        );
    }

    #[test]
    fn repeated_key_refused() {
        assert!(encode_pairs(&[("a", "1"), ("a", "1")]).is_err());
    }
}
