//! Redaction and size caps, applied while the caller's fields are serialized,
//! so nothing unredacted ever exists in the output buffer.
//!
//! - Secret-named keys, at any depth: a key whose name, lowercased and with
//!   everything but `[a-z0-9]` removed, *contains* one of [`SECRET_KEY_PARTS`]
//!   (or a configured addition) has its whole value, scalar or nested, replaced
//!   by [`REDACTED`]. `user_password`, `X-Api-Key`, `sessionId` and
//!   `PHPSESSID` all match. Matching by substring over-redacts a little
//!   (`token_count`) on purpose.
//! - Secret-looking values, in any string: JWTs/JWEs (`eyJ...` dot-separated
//!   base64url) → `[REDACTED:jwt]`; `Bearer <token>` and `Basic <user:pass
//!   base64>` credentials → `Bearer [REDACTED]`; runs of 13–19 digits (spaces or
//!   dashes allowed between groups) that pass the Luhn check → `[REDACTED:pan]`
//!   (integers too).
//! - Caps, each marked where it applies, never a silent drop: strings over
//!   [`MAX_VALUE_BYTES`] and keys over [`MAX_KEY_BYTES`] are cut at a character
//!   boundary and end in `…[TRUNCATED n bytes]`; containers nested deeper than
//!   [`MAX_DEPTH`] become `"[TRUNCATED depth]"`; containers with more than
//!   [`MAX_ITEMS`] entries keep the first ones and end with a
//!   `"[TRUNCATED]": "<n> more items"` member (maps) or element (lists).

use std::borrow::Cow;

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;

use super::value::{write_float, write_str, Value};

pub const REDACTED: &str = "[REDACTED]";
pub const REDACTED_JWT: &str = "[REDACTED:jwt]";
pub const REDACTED_PAN: &str = "[REDACTED:pan]";

pub const MAX_VALUE_BYTES: usize = 2048;
pub const MAX_KEY_BYTES: usize = 128;
pub const MAX_DEPTH: usize = 8;
pub const MAX_ITEMS: usize = 256;

/// Built-in secret key name parts (normalized form: lowercase `[a-z0-9]`).
pub const SECRET_KEY_PARTS: &[&str] = &[
    "password",
    "passwd",
    "pwd",
    "passphrase",
    "secret",
    "token",
    "authorization",
    "cookie",
    "session",
    "sessid",
    "apikey",
    "privatekey",
    "credential",
    "jwt",
    "csrf",
    "cvv",
    "cvc",
];

/// The redaction policy: built-in key parts plus configured additions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Policy {
    extra: Vec<String>,
}

impl Policy {
    /// Additions from a comma-separated list (`soc2.audit_redact_keys`), each
    /// normalized like key names; empty items are ignored.
    pub fn with_extra(list: &str) -> Self {
        let mut extra: Vec<String> = list
            .split(',')
            .map(normalize)
            .filter(|s| !s.is_empty())
            .collect();
        extra.dedup();
        Policy { extra }
    }

    pub fn is_secret_key(&self, key: &str) -> bool {
        // Normalize into a stack buffer: this runs for every key of every event.
        let mut buf = [0u8; MAX_KEY_BYTES];
        let mut n = 0;
        for b in key.bytes().filter(u8::is_ascii_alphanumeric) {
            if n == buf.len() {
                return self.is_secret_normalized(normalize(key).as_bytes());
            }
            buf[n] = b.to_ascii_lowercase();
            n += 1;
        }
        self.is_secret_normalized(&buf[..n])
    }

    fn is_secret_normalized(&self, norm: &[u8]) -> bool {
        let has =
            |part: &[u8]| part.len() <= norm.len() && norm.windows(part.len()).any(|w| w == part);
        SECRET_KEY_PARTS.iter().any(|p| has(p.as_bytes()))
            || self.extra.iter().any(|p| has(p.as_bytes()))
    }

    /// Appends the fields as a JSON object, redacted and capped.
    pub fn write_fields(&self, out: &mut Vec<u8>, fields: &[(String, Value)]) {
        self.write_map(out, fields, 1);
    }

    /// Appends one value, redacted and capped, as a JSON value.
    pub fn write_value(&self, out: &mut Vec<u8>, value: &Value, depth: usize) {
        match value {
            Value::Null => out.extend_from_slice(b"null"),
            Value::Bool(true) => out.extend_from_slice(b"true"),
            Value::Bool(false) => out.extend_from_slice(b"false"),
            Value::Int(v) => {
                let digits = v.unsigned_abs().to_string();
                if (13..=19).contains(&digits.len()) && luhn(digits.as_bytes()) {
                    write_str(out, REDACTED_PAN);
                } else {
                    out.extend_from_slice(v.to_string().as_bytes());
                }
            }
            Value::Float(v) => write_float(out, *v),
            Value::Str(s) => write_str(out, &cap(&mask(s), MAX_VALUE_BYTES)),
            Value::List(items) => {
                if depth > MAX_DEPTH {
                    write_str(out, "[TRUNCATED depth]");
                    return;
                }
                out.push(b'[');
                for (i, item) in items.iter().take(MAX_ITEMS).enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    self.write_value(out, item, depth + 1);
                }
                if items.len() > MAX_ITEMS {
                    out.push(b',');
                    write_str(
                        out,
                        &format!("[TRUNCATED {} more items]", items.len() - MAX_ITEMS),
                    );
                }
                out.push(b']');
            }
            Value::Map(members) => {
                if depth > MAX_DEPTH {
                    write_str(out, "[TRUNCATED depth]");
                    return;
                }
                self.write_map(out, members, depth);
            }
        }
    }

    fn write_map(&self, out: &mut Vec<u8>, members: &[(String, Value)], depth: usize) {
        out.push(b'{');
        for (i, (key, value)) in members.iter().take(MAX_ITEMS).enumerate() {
            if i > 0 {
                out.push(b',');
            }
            write_str(out, &cap(key, MAX_KEY_BYTES));
            out.push(b':');
            if self.is_secret_key(key) {
                write_str(out, REDACTED);
            } else {
                self.write_value(out, value, depth + 1);
            }
        }
        if members.len() > MAX_ITEMS {
            out.push(b',');
            write_str(out, "[TRUNCATED]");
            out.push(b':');
            write_str(out, &format!("{} more items", members.len() - MAX_ITEMS));
        }
        out.push(b'}');
    }
}

fn normalize(key: &str) -> String {
    key.bytes()
        .filter(u8::is_ascii_alphanumeric)
        .map(|b| b.to_ascii_lowercase() as char)
        .collect()
}

/// Cuts `s` to at most `max` bytes (plus the marker) at a character boundary.
pub fn cap(s: &str, max: usize) -> Cow<'_, str> {
    if s.len() <= max {
        return Cow::Borrowed(s);
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    Cow::Owned(format!("{}…[TRUNCATED {} bytes]", &s[..end], s.len() - end))
}

/// Masks secret-looking substrings (JWTs, Bearer/Basic credentials, card numbers).
pub fn mask(s: &str) -> Cow<'_, str> {
    let mut text = Cow::Borrowed(s);
    if text.contains("eyJ") {
        if let Some(masked) = mask_jwts(&text) {
            text = Cow::Owned(masked);
        }
    }
    if has_ci(text.as_bytes(), b"bearer") || has_ci(text.as_bytes(), b"basic") {
        if let Some(masked) = mask_credentials(&text) {
            text = Cow::Owned(masked);
        }
    }
    if text.bytes().filter(u8::is_ascii_digit).count() >= 13 {
        if let Some(masked) = mask_pans(&text) {
            text = Cow::Owned(masked);
        }
    }
    text
}

fn is_b64url(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
}

fn has_ci(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
}

/// Replaces byte ranges (sorted, non-overlapping, on char boundaries).
fn splice(s: &str, ranges: &[(usize, usize, &str)]) -> String {
    let mut out = String::with_capacity(s.len());
    let mut at = 0;
    for &(start, end, with) in ranges {
        out.push_str(&s[at..start]);
        out.push_str(with);
        at = end;
    }
    out.push_str(&s[at..]);
    out
}

fn run_end(b: &[u8], mut i: usize, pred: impl Fn(u8) -> bool) -> usize {
    while i < b.len() && pred(b[i]) {
        i += 1;
    }
    i
}

fn mask_jwts(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut ranges = Vec::new();
    let mut i = 0;
    while let Some(off) = s[i..].find("eyJ") {
        let p = i + off;
        let mut start = p;
        while start > 0 && is_b64url(b[start - 1]) {
            start -= 1;
        }
        let mut end = run_end(b, p, is_b64url);
        let mut segments = 1;
        if end - p >= 8 {
            // Further segments: '.' then base64url (the last may be empty).
            while end < b.len() && b[end] == b'.' {
                let next = run_end(b, end + 1, is_b64url);
                segments += 1;
                end = next;
            }
        }
        if segments >= 3 {
            ranges.push((start, end, REDACTED_JWT));
            i = end;
        } else {
            i = p + 3;
        }
        if i >= b.len() {
            break;
        }
    }
    (!ranges.is_empty()).then(|| splice(s, &ranges))
}

fn mask_credentials(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut ranges = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let scheme = if b.len() - i >= 6 && b[i..i + 6].eq_ignore_ascii_case(b"bearer") {
            Some(6)
        } else if b.len() - i >= 5 && b[i..i + 5].eq_ignore_ascii_case(b"basic") {
            Some(5)
        } else {
            None
        };
        let at_word_start = i == 0 || !b[i - 1].is_ascii_alphanumeric();
        let (Some(len), true) = (scheme, at_word_start) else {
            i += 1;
            continue;
        };
        let spaces_end = run_end(b, i + len, |c| c == b' ' || c == b'\t');
        if spaces_end == i + len {
            i += len;
            continue;
        }
        let token_end = run_end(b, spaces_end, |c| {
            c.is_ascii_alphanumeric() || b"-._~+/=".contains(&c)
        });
        let token = &b[spaces_end..token_end];
        let secret = if len == 6 {
            token.len() >= 8
        } else {
            token.len() >= 4 && STANDARD.decode(token).is_ok_and(|raw| raw.contains(&b':'))
        };
        if secret {
            ranges.push((spaces_end, token_end, REDACTED));
        }
        i = token_end.max(i + len);
    }
    (!ranges.is_empty()).then(|| splice(s, &ranges))
}

/// Luhn check over ASCII digits.
pub fn luhn(digits: &[u8]) -> bool {
    let mut sum = 0u32;
    for (i, d) in digits.iter().rev().enumerate() {
        let mut v = u32::from(d - b'0');
        if i % 2 == 1 {
            v *= 2;
            if v > 9 {
                v -= 9;
            }
        }
        sum += v;
    }
    sum % 10 == 0
}

fn mask_pans(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut ranges: Vec<(usize, usize, &str)> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        // A span of digit groups separated by single spaces or dashes.
        let mut groups: Vec<(usize, usize)> = Vec::new();
        let mut j = i;
        loop {
            let end = run_end(b, j, |c| c.is_ascii_digit());
            groups.push((j, end));
            if end + 1 < b.len()
                && (b[end] == b' ' || b[end] == b'-')
                && b[end + 1].is_ascii_digit()
            {
                j = end + 1;
            } else {
                j = end;
                break;
            }
        }
        // Any run of consecutive groups holding 13–19 digits that passes Luhn.
        let mut masked_to = 0;
        for first in 0..groups.len() {
            let mut digits = Vec::with_capacity(19);
            for last in first..groups.len() {
                digits.extend_from_slice(&b[groups[last].0..groups[last].1]);
                if digits.len() > 19 {
                    break;
                }
                let (start, end) = (groups[first].0, groups[last].1);
                if digits.len() >= 13 && start >= masked_to && luhn(&digits) {
                    ranges.push((start, end, REDACTED_PAN));
                    masked_to = end;
                    break;
                }
            }
        }
        i = j.max(i + 1);
    }
    ranges.sort_by_key(|r| r.0);
    (!ranges.is_empty()).then(|| splice(s, &ranges))
}

#[cfg(test)]
mod tests {
    use super::*;

    const JWT: &str = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";

    fn json(policy: &Policy, fields: Vec<(String, Value)>) -> String {
        let mut out = Vec::new();
        policy.write_fields(&mut out, &fields);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn secret_keys_at_any_depth() {
        let p = Policy::with_extra("ssn, Mother's Maiden");
        let nested = Value::Map(vec![
            ("name".into(), "alice".into()),
            (
                "Auth".into(),
                Value::Map(vec![
                    ("X-Api-Key".into(), "k-123".into()),
                    ("refresh_token".into(), "r-456".into()),
                    (
                        "list".into(),
                        Value::List(vec![Value::Map(vec![("PHPSESSID".into(), "s-789".into())])]),
                    ),
                ]),
            ),
            ("user_ssn".into(), "123-45-6789".into()),
            ("mothers_maiden_name".into(), "smith".into()),
            (
                "password".into(),
                Value::Map(vec![("old".into(), "p1".into())]),
            ),
        ]);
        let out = json(&p, vec![("ctx".into(), nested)]);
        for secret in ["k-123", "r-456", "s-789", "123-45-6789", "smith", "p1"] {
            assert!(!out.contains(secret), "{secret} leaked: {out}");
        }
        assert!(out.contains("\"name\":\"alice\""));
        assert!(out.contains("\"password\":\"[REDACTED]\""));
        assert!(p.is_secret_key("Authorization"));
        assert!(p.is_secret_key("db.Pass-Word"));
        assert!(!p.is_secret_key("user_id"));
    }

    #[test]
    fn secret_values() {
        assert_eq!(mask(JWT), REDACTED_JWT);
        let header = format!("header Authorization: Bearer {JWT} end");
        let m = mask(&header);
        assert!(!m.contains("eyJ") && m.contains("end"), "{m}");
        assert_eq!(mask("Bearer abcdefgh12345678"), "Bearer [REDACTED]");
        assert_eq!(mask("bearer  abcdefgh12345678 x"), "bearer  [REDACTED] x");
        assert_eq!(mask("the bearer of news"), "the bearer of news");
        assert_eq!(mask("Basic dXNlcjpwYXNz"), "Basic [REDACTED]");
        assert_eq!(mask("basic information"), "basic information");
        assert_eq!(
            mask("card 4111 1111 1111 1111 ok"),
            "card [REDACTED:pan] ok"
        );
        assert_eq!(mask("4111-1111-1111-1111"), REDACTED_PAN);
        assert_eq!(mask("x4111111111111111y"), "x[REDACTED:pan]y");
        assert_eq!(mask("ids 12 4111111111111111"), "ids 12 [REDACTED:pan]");
        // Fails Luhn: kept.
        assert_eq!(mask("4111111111111112"), "4111111111111112");
        assert_eq!(mask("order 1234567890"), "order 1234567890");
        let p = Policy::default();
        let out = json(&p, vec![("n".into(), Value::Int(4_111_111_111_111_111))]);
        assert_eq!(out, "{\"n\":\"[REDACTED:pan]\"}");
        let out = json(&p, vec![("n".into(), Value::Int(42))]);
        assert_eq!(out, "{\"n\":42}");
    }

    #[test]
    fn caps_are_marked() {
        let p = Policy::default();
        let long = "é".repeat(MAX_VALUE_BYTES);
        let out = json(&p, vec![("long".into(), Value::Str(long))]);
        assert!(
            out.contains("…[TRUNCATED 2048 bytes]"),
            "{}",
            &out[out.len() - 60..]
        );
        let mut deep = Value::Str("bottom".into());
        for _ in 0..20 {
            deep = Value::List(vec![deep]);
        }
        let out = json(&p, vec![("deep".into(), deep)]);
        assert!(out.contains("[TRUNCATED depth]") && !out.contains("bottom"));
        let many = Value::List((0..300).map(Value::Int).collect());
        let out = json(&p, vec![("many".into(), many)]);
        assert!(out.contains("[TRUNCATED 44 more items]"));
        let many: Vec<(String, Value)> = (0..300).map(|i| (format!("k{i}"), Value::Null)).collect();
        let out = json(&p, many);
        assert!(out.contains("\"[TRUNCATED]\":\"44 more items\""));
        let key = "k".repeat(500);
        let out = json(&p, vec![(key, Value::Null)]);
        assert!(out.contains("…[TRUNCATED 372 bytes]"));
    }
}
