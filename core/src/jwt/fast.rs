//! A fast path for the strict JSON reader, for token headers and claims.
//!
//! It accepts a subset of what the serde_json-based reader accepts and builds
//! the same values; on anything else (any error, and also inputs it chooses
//! not to handle: objects of more than [`MAX_FAST_MEMBERS`] members) it gives
//! up, and [`super::json::parse_with`] runs the serde_json-based reader, whose
//! verdict and error message then stand. So the only property this module
//! must keep is: when it returns a value, the full reader returns the same
//! value (the tests check that differentially).
//!
//! Numbers other than plain integers that fit 64 bits are handed to
//! serde_json itself, so their values are identical by construction.

use std::borrow::Cow;

use super::json::{Builder, Capture, Number, Value, ValueBuilder, MAX_DEPTH};

/// Objects up to this size are checked for duplicates by a linear scan;
/// larger ones go to the full reader (which switches to a hash set).
const MAX_FAST_MEMBERS: usize = 32;

struct Reader<'a> {
    /// The document, UTF-8-validated once up front (JSON text must be UTF-8
    /// throughout; the full reader refuses it otherwise), so strings are
    /// sliced out of it without validating each again.
    t: &'a str,
    s: &'a [u8],
    i: usize,
}

/// Parses `bytes` if it is within the fast subset; None means "ask the full
/// reader" (the capture may then hold partial results and must be reset).
pub(crate) fn parse<B: Builder>(
    bytes: &[u8],
    b: &mut B,
    capture: Option<&mut dyn Capture>,
) -> Option<B::Value> {
    let t = std::str::from_utf8(bytes).ok()?;
    let mut r = Reader { t, s: bytes, i: 0 };
    let v = r.value(b, 0, capture)?;
    r.ws();
    (r.i == bytes.len()).then_some(v)
}

impl<'a> Reader<'a> {
    fn ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.s.get(self.i) {
            self.i += 1;
        }
    }

    fn literal(&mut self, text: &[u8]) -> Option<()> {
        let end = self.i.checked_add(text.len())?;
        (self.s.get(self.i..end)? == text).then(|| self.i = end)
    }

    fn value<B: Builder>(
        &mut self,
        b: &mut B,
        depth: usize,
        capture: Option<&mut dyn Capture>,
    ) -> Option<B::Value> {
        self.ws();
        match *self.s.get(self.i)? {
            b'{' => self.object(b, depth, capture),
            b'[' => self.array(b, depth),
            b'"' => {
                let s = self.string()?;
                Some(b.string(&s))
            }
            b't' => self.literal(b"true").map(|()| b.bool(true)),
            b'f' => self.literal(b"false").map(|()| b.bool(false)),
            b'n' => self.literal(b"null").map(|()| b.null()),
            b'-' | b'0'..=b'9' => self.number().map(|n| b.number(n)),
            _ => None,
        }
    }

    fn number(&mut self) -> Option<Number> {
        let s = self.s;
        let start = self.i;
        let negative = s[start] == b'-';
        let mut j = start + usize::from(negative);
        let digits = j;
        while s.get(j).is_some_and(u8::is_ascii_digit) {
            j += 1;
        }
        let int_end = j;
        if int_end == digits || (s[digits] == b'0' && int_end - digits > 1) {
            return None; // no digits, or a leading zero
        }
        let mut simple = true;
        if s.get(j) == Some(&b'.') {
            simple = false;
            j += 1;
            let frac = j;
            while s.get(j).is_some_and(u8::is_ascii_digit) {
                j += 1;
            }
            if j == frac {
                return None;
            }
        }
        if let Some(b'e' | b'E') = s.get(j) {
            simple = false;
            j += 1;
            if let Some(b'+' | b'-') = s.get(j) {
                j += 1;
            }
            let exp = j;
            while s.get(j).is_some_and(u8::is_ascii_digit) {
                j += 1;
            }
            if j == exp {
                return None;
            }
        }
        self.i = j;
        if simple {
            // Plain integers: u64 digits, at most 19 (no overflow), not -0.
            let text = &s[digits..int_end];
            if text.len() <= 19 && !(negative && text == b"0") {
                let mut v: u64 = 0;
                for &d in text {
                    v = v * 10 + u64::from(d - b'0');
                }
                if !negative {
                    return Some(Number::from(v));
                }
                // 19 digits may exceed i64: leave those to serde_json.
                if let Ok(v) = i64::try_from(v) {
                    return Some(Number::from(-v));
                }
            }
        }
        // Fractions, exponents, -0 and long integers: serde_json's own reading.
        serde_json::from_slice::<Number>(&s[start..j]).ok()
    }

    /// A string at `self.i` (the opening quote), borrowed when unescaped.
    fn string(&mut self) -> Option<Cow<'a, str>> {
        let start = self.i + 1;
        let j = scan_plain(self.s, start);
        match *self.s.get(j)? {
            b'"' => {
                self.i = j + 1;
                // Quotes are ASCII, so both ends are char boundaries.
                self.t.get(start..j).map(Cow::Borrowed)
            }
            b'\\' => self.escaped(start, j).map(Cow::Owned),
            _ => None, // a control character
        }
    }

    /// The rest of a string with escapes: `start` is its first byte, `j` the
    /// first backslash.
    fn escaped(&mut self, start: usize, mut j: usize) -> Option<String> {
        let s = self.s;
        let mut out = String::with_capacity(j - start + 16);
        out.push_str(self.t.get(start..j)?);
        loop {
            match *s.get(j)? {
                b'"' => {
                    self.i = j + 1;
                    return Some(out);
                }
                b'\\' => {
                    let c = match *s.get(j + 1)? {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let hi = hex4(s.get(j + 2..j + 6)?)?;
                            j += 4;
                            match hi {
                                0xd800..=0xdbff => {
                                    // Must be followed by \u and a low surrogate.
                                    if s.get(j + 2..j + 4)? != b"\\u" {
                                        return None;
                                    }
                                    let lo = hex4(s.get(j + 4..j + 8)?)?;
                                    if !(0xdc00..=0xdfff).contains(&lo) {
                                        return None;
                                    }
                                    j += 6;
                                    char::from_u32(0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00))?
                                }
                                0xdc00..=0xdfff => return None,
                                _ => char::from_u32(hi)?,
                            }
                        }
                        _ => return None,
                    };
                    out.push(c);
                    j += 2;
                }
                0..=0x1f => return None,
                _ => {
                    let run = j;
                    j = scan_plain(s, j);
                    out.push_str(self.t.get(run..j)?);
                }
            }
        }
    }

    fn array<B: Builder>(&mut self, b: &mut B, depth: usize) -> Option<B::Value> {
        if depth >= MAX_DEPTH {
            return None;
        }
        self.i += 1;
        let mut items = b.array();
        self.ws();
        if self.s.get(self.i) == Some(&b']') {
            self.i += 1;
            return Some(b.finish_array(items));
        }
        loop {
            let item = self.value(b, depth + 1, None)?;
            b.push(&mut items, item).ok()?;
            self.ws();
            match *self.s.get(self.i)? {
                b',' => self.i += 1,
                b']' => {
                    self.i += 1;
                    return Some(b.finish_array(items));
                }
                _ => return None,
            }
        }
    }

    fn object<B: Builder>(
        &mut self,
        b: &mut B,
        depth: usize,
        mut capture: Option<&mut dyn Capture>,
    ) -> Option<B::Value> {
        if depth >= MAX_DEPTH {
            return None;
        }
        let depth = depth + 1;
        self.i += 1;
        if let Some(c) = capture.as_deref_mut() {
            c.object();
        }
        let mut object = b.object();
        let mut names: Vec<Cow<'a, str>> = Vec::with_capacity(12);
        self.ws();
        if self.s.get(self.i) == Some(&b'}') {
            self.i += 1;
            return Some(b.finish_object(object));
        }
        loop {
            self.ws();
            if self.s.get(self.i) != Some(&b'"') {
                return None;
            }
            let name = self.string()?;
            // Names compare after unescaping, as in the full reader.
            if names.len() >= MAX_FAST_MEMBERS || names.contains(&name) {
                return None;
            }
            self.ws();
            if self.s.get(self.i) != Some(&b':') {
                return None;
            }
            self.i += 1;
            let keep = capture.as_deref_mut().is_some_and(|c| c.member(&name));
            let value = match capture.as_deref_mut() {
                Some(c) if keep => {
                    self.ws();
                    // Captured strings and numbers (all registered claims but
                    // aud lists) are read once and given to both sides.
                    match *self.s.get(self.i)? {
                        b'"' => {
                            let text = self.string()?;
                            c.value_str(&text);
                            b.string(&text)
                        }
                        b'-' | b'0'..=b'9' => {
                            let n = self.number()?;
                            let built = b.number(n.clone());
                            c.value(Value::Number(n));
                            built
                        }
                        _ => {
                            let v = self.value(&mut ValueBuilder, depth, None)?;
                            let built = b.build_value(&v).ok()?;
                            c.value(v);
                            built
                        }
                    }
                }
                _ => self.value(b, depth, None)?,
            };
            b.insert(&mut object, &name, value).ok()?;
            names.push(name);
            self.ws();
            match *self.s.get(self.i)? {
                b',' => self.i += 1,
                b'}' => {
                    self.i += 1;
                    return Some(b.finish_object(object));
                }
                _ => return None,
            }
        }
    }
}

/// Index of the first byte at or after `j` that ends a plain run inside a
/// string ('"', '\\' or a control character), or `s.len()`. Eight bytes at
/// a time: the lowest flagged byte of each SWAR mask is a true match
/// (borrows only run upwards from one), so the lowest of all three is too.
pub(crate) fn scan_plain(s: &[u8], mut j: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while let Some(chunk) = s.get(j..j + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        let q = x ^ (ONES * u64::from(b'"'));
        let b = x ^ (ONES * u64::from(b'\\'));
        let m = (q.wrapping_sub(ONES) & !q
            | b.wrapping_sub(ONES) & !b
            | x.wrapping_sub(ONES * 0x20) & !x)
            & HIGH;
        if m != 0 {
            return j + (m.trailing_zeros() / 8) as usize;
        }
        j += 8;
    }
    while s
        .get(j)
        .is_some_and(|&c| c != b'"' && c != b'\\' && c >= 0x20)
    {
        j += 1;
    }
    j
}

fn hex4(h: &[u8]) -> Option<u32> {
    h.iter().try_fold(0u32, |acc, &c| {
        let d = char::from(c).to_digit(16)?;
        Some(acc << 4 | d)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwt::json;
    use rand::{Rng, SeedableRng};

    fn fast(doc: &[u8]) -> Option<Value> {
        parse(doc, &mut ValueBuilder, None)
    }

    /// Records what a capture is told; keeps every other member.
    #[derive(Default, Debug, PartialEq)]
    struct Record {
        object: bool,
        members: Vec<String>,
        values: Vec<Value>,
    }

    impl Capture for Record {
        fn reset(&mut self) {
            *self = Self::default();
        }
        fn object(&mut self) {
            self.object = true;
        }
        fn member(&mut self, name: &str) -> bool {
            self.members.push(name.to_owned());
            self.members.len() % 2 == 1
        }
        fn value(&mut self, v: Value) {
            self.values.push(v);
        }
    }

    /// The fast reader's one duty: never accept what the full reader refuses,
    /// never read a different value, never report different captures.
    fn agrees(doc: &[u8]) -> bool {
        let mut fast_capture = Record::default();
        let Some(v) = parse(doc, &mut ValueBuilder, Some(&mut fast_capture)) else {
            return false;
        };
        assert_eq!(fast(doc).as_ref(), Some(&v));
        let mut full_capture = Record::default();
        let full = json::parse_full(doc, &mut ValueBuilder, Some(&mut full_capture));
        let text = String::from_utf8_lossy(doc);
        assert_eq!(full.as_ref().ok(), Some(&v), "{text:?}");
        assert_eq!(fast_capture, full_capture, "{text:?}");
        true
    }

    const VALID: &[&str] = &[
        r#"{"iss":"https://issuer.example","aud":"api","sub":"user-12345","roles":["reader","writer"],"tenant":"acme","iat":1700000000,"exp":1700000900,"jti":"abcdefghijklmnopqrstuv"}"#,
        r#"{"alg":"HS256","typ":"JWT","kid":"2024-12"}"#,
        r#" { "a" : [ 1 , -2 , 3.5 , -0 , 0 , 1e3 , 2E-2 , -1.5e+10 , true , false , null ] } "#,
        r#"{"s":"https:\/\/x.example\/p","e":"\"\\\b\f\n\r\t\u0041\u00e9\u20ac\ud83d\ude00","u":"é€😀"}"#,
        r#"{"big":18446744073709551615,"bigger":18446744073709551616,"neg":-9223372036854775808,"neg2":-9223372036854775809,"i":9223372036854775807}"#,
        r#"{"n":{"m":{"o":[[],{},[{}]]}},"a":"","b":"\u0000"}"#,
        r#"[1,2,{"a":1,"\u0062":2}]"#,
        r#""just a string""#,
        "123",
        "-0.0",
    ];

    #[test]
    fn scan_plain_finds_the_first_stop() {
        let stops = [b'"', b'\\', 0x00, 0x1f, b'\n'];
        let plain = [
            b'a',
            b'!',
            b'#',
            b'[',
            b']',
            0x20,
            0x7f,
            0x80,
            0xa2,
            0xdc,
            0xff,
            b'!' ^ 0x80,
        ];
        let mut rng = rand::rngs::StdRng::seed_from_u64(4);
        for _ in 0..20_000 {
            let len = rng.gen_range(0..40);
            let mut v: Vec<u8> = (0..len)
                .map(|_| plain[rng.gen_range(0..plain.len())])
                .collect();
            let mut expect = len;
            for _ in 0..rng.gen_range(0..3) {
                if len > 0 {
                    let at = rng.gen_range(0..len);
                    v[at] = stops[rng.gen_range(0..stops.len())];
                    expect = expect.min(at);
                }
            }
            let from = if len > 0 {
                rng.gen_range(0..=expect.min(len))
            } else {
                0
            };
            assert_eq!(scan_plain(&v, from), expect, "{v:?} from {from}");
        }
    }

    #[test]
    fn valid_documents_take_the_fast_path_and_agree() {
        for doc in VALID {
            assert!(agrees(doc.as_bytes()), "fast path gave up on {doc}");
        }
        let deep = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(agrees(deep.as_bytes()));
    }

    #[test]
    fn refusals() {
        for bad in [
            &b""[..],
            b"{",
            b"{} x",
            b"{}{}",
            b"\xff",
            br#"{"a":1,"a":2}"#,
            br#"{"a":1,"\u0061":2}"#,
            br#"{"x":[{"a":1,"a":1}]}"#,
            br#"{"a":"\ud800"}"#,
            br#"{"a":"\udc00\ud800"}"#,
            br#"{"a":"\ud800\u0041"}"#,
            b"NaN",
            b"1e400",
            b"{'a':1}",
            b"01",
            b"-",
            b"1.",
            b".5",
            b"1e",
            b"+1",
            b"[1,]",
            b"{\"a\":1,}",
            b"[1 2]",
            b"\"a\nb\"",
            b"\"\\x\"",
            b"\"\\u12\"",
            b"tru",
            b"nulll",
            b"{\"a\" 1}",
            b"\"\xc3\x28\"",
        ] {
            assert!(fast(bad).is_none(), "{:?}", String::from_utf8_lossy(bad));
        }
        let deep = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
        assert!(fast(deep.as_bytes()).is_none());
        // Large objects are the full reader's.
        let many = (0..40)
            .map(|i| format!("\"k{i}\":{i}"))
            .collect::<Vec<_>>()
            .join(",");
        assert!(fast(format!("{{{many}}}").as_bytes()).is_none());
    }

    #[test]
    fn differential_against_the_full_reader() {
        let pieces: &[&[u8]] = &[
            b"{",
            b"}",
            b"[",
            b"]",
            b",",
            b":",
            b"\"",
            b"\\",
            b"\\u",
            b"d83d",
            b"de00",
            b"00",
            b"a",
            b"0",
            b"1",
            b"-",
            b".",
            b"e",
            b"+",
            b" ",
            b"\n",
            b"true",
            b"null",
            b"\xc3\xa9",
            b"\xff",
            b"\x01",
            b"/",
            b"\\/",
            b"\\n",
            b"\"a\"",
            b"\"b\"",
            b"9223372036854775808",
        ];
        let mut rng = rand::rngs::StdRng::seed_from_u64(3);
        let mut accepted = 0;
        for round in 0..60_000 {
            let mut doc = VALID[round % VALID.len()].as_bytes().to_vec();
            for _ in 0..rng.gen_range(1..4) {
                let at = rng.gen_range(0..=doc.len());
                match rng.gen_range(0..3) {
                    0 => {
                        let p = pieces[rng.gen_range(0..pieces.len())];
                        doc.splice(at..at, p.iter().copied());
                    }
                    1 if at < doc.len() => {
                        let end = (at + rng.gen_range(1..4)).min(doc.len());
                        doc.drain(at..end);
                    }
                    _ if at < doc.len() => {
                        let p = pieces[rng.gen_range(0..pieces.len())];
                        let end = (at + 1).min(doc.len());
                        doc.splice(at..end, p.iter().copied());
                    }
                    _ => {}
                }
            }
            if agrees(&doc) {
                accepted += 1;
            }
        }
        // Enough mutants stay valid for the comparison to mean something.
        assert!(accepted > 1000, "{accepted}");
    }
}
