//! A streaming JSON writer for the claims `sign` puts in a token.
//!
//! The caller (the PHP binding, or [`super::sign`] from a [`Value`]) drives it
//! value by value, so claims go straight from the caller's data to the bytes
//! that get base64url-encoded, with no intermediate tree. While writing, it
//! notes what `sign` must check about the registered claims (iat/exp/nbf set
//! by the caller, mistyped iss/sub/jti/aud), and `sign` reports those after the
//! whole claim set was written, in the same order as a check over a tree.
//!
//! Output is compact JSON, byte for byte what [`Value::to_json`] writes.

use std::io::Write as _;

use super::json::{write_string, Value, MAX_DEPTH};

/// Why a value could not be written. Messages never quote the value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WriteError {
    /// Opening one more array/object would exceed [`MAX_DEPTH`].
    TooDeep,
    /// A NAN or infinite float.
    NotFinite,
}

// Bits of `ClaimsWriter::bad`, in the order the errors are reported.
const BAD_ISS: u8 = 1;
const BAD_SUB: u8 = 2;
const BAD_JTI: u8 = 4;
const BAD_AUD: u8 = 8;

/// Which registered claim the next top-level value belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Pending {
    None,
    /// iss, sub or jti: must be a string (the BAD_* bit).
    String(u8),
    /// aud: a string or a list of strings.
    Aud,
}

/// Compact JSON for one claims object. Starts with the object open; `sign`
/// appends its own claims and closes it.
pub struct ClaimsWriter {
    pub(crate) json: Vec<u8>,
    /// Open containers (the claims object is depth 1).
    depth: usize,
    /// Bit d: the container at depth d is an array.
    arrays: u64,
    /// Bit d: the container at depth d has at least one element.
    nonempty: u64,
    pending: Pending,
    /// Inside the top-level aud array (at depth 2).
    in_aud: bool,
    pub(crate) bad: u8,
    /// First of iat/exp/nbf set by the caller, in member order.
    pub(crate) reserved: Option<&'static str>,
    pub(crate) has_jti: bool,
}

impl Default for ClaimsWriter {
    fn default() -> Self {
        Self::new()
    }
}

impl ClaimsWriter {
    /// A writer with the claims object opened.
    #[must_use]
    pub fn new() -> Self {
        Self::with_capacity(256)
    }

    /// Same, with room for `capacity` bytes of JSON before reallocating.
    #[must_use]
    pub fn with_capacity(capacity: usize) -> Self {
        let mut json = Vec::with_capacity(capacity.max(2));
        json.push(b'{');
        Self {
            json,
            depth: 1,
            arrays: 0,
            nonempty: 0,
            pending: Pending::None,
            in_aud: false,
            bad: 0,
            reserved: None,
            has_jti: false,
        }
    }

    /// Current nesting (1 inside the claims object).
    #[must_use]
    pub fn depth(&self) -> usize {
        self.depth
    }

    fn bit(&self) -> u64 {
        1u64 << self.depth
    }

    /// Comma bookkeeping for an element of the current container.
    fn separate(&mut self) {
        if self.nonempty & self.bit() != 0 {
            self.json.push(b',');
        } else {
            self.nonempty |= self.bit();
        }
    }

    /// Called before every value: commas in arrays, registered-claim types.
    fn value(&mut self, is_string: bool, is_array: bool) {
        if self.arrays & self.bit() != 0 {
            self.separate();
            if self.in_aud && self.depth == 2 && !is_string {
                self.bad |= BAD_AUD;
            }
        }
        match std::mem::replace(&mut self.pending, Pending::None) {
            Pending::None => {}
            Pending::String(bit) => {
                if !is_string {
                    self.bad |= bit;
                }
            }
            Pending::Aud => {
                if is_array {
                    self.in_aud = true;
                } else if !is_string {
                    self.bad |= BAD_AUD;
                }
            }
        }
    }

    /// A member name of the current object.
    pub fn key(&mut self, name: &str) {
        self.separate();
        write_string(name, &mut self.json);
        self.json.push(b':');
        if self.depth == 1 {
            self.pending = match name {
                "iss" => Pending::String(BAD_ISS),
                "sub" => Pending::String(BAD_SUB),
                "jti" => {
                    self.has_jti = true;
                    Pending::String(BAD_JTI)
                }
                "aud" => Pending::Aud,
                "iat" | "exp" | "nbf" => {
                    if self.reserved.is_none() {
                        self.reserved = Some(match name {
                            "iat" => "iat",
                            "exp" => "exp",
                            _ => "nbf",
                        });
                    }
                    Pending::None
                }
                _ => Pending::None,
            };
        }
    }

    /// An integer member name (PHP array keys), written as a JSON string.
    pub fn key_int(&mut self, name: i64) {
        self.separate();
        self.json.push(b'"');
        write_i64(name, &mut self.json);
        self.json.extend_from_slice(b"\":");
    }

    pub fn null(&mut self) {
        self.value(false, false);
        self.json.extend_from_slice(b"null");
    }

    pub fn bool(&mut self, v: bool) {
        self.value(false, false);
        self.json
            .extend_from_slice(if v { &b"true"[..] } else { &b"false"[..] });
    }

    pub fn int(&mut self, v: i64) {
        self.value(false, false);
        write_i64(v, &mut self.json);
    }

    /// A float, formatted as serde_json formats it (`1.0`, `1e+20`).
    ///
    /// # Errors
    /// NAN and infinities, which JSON cannot encode.
    pub fn float(&mut self, v: f64) -> Result<(), WriteError> {
        let n = serde_json::Number::from_f64(v).ok_or(WriteError::NotFinite)?;
        self.value(false, false);
        // Writing to a Vec cannot fail.
        let _ = write!(self.json, "{n}");
        Ok(())
    }

    /// A JSON number as read by the parser (integer or float).
    pub fn number(&mut self, n: &serde_json::Number) {
        self.value(false, false);
        if let Some(i) = n.as_i64() {
            write_i64(i, &mut self.json);
        } else {
            let _ = write!(self.json, "{n}");
        }
    }

    pub fn string(&mut self, s: &str) {
        self.value(true, false);
        write_string(s, &mut self.json);
    }

    fn open(&mut self, array: bool) -> Result<(), WriteError> {
        if self.depth >= MAX_DEPTH {
            return Err(WriteError::TooDeep);
        }
        self.value(false, array);
        self.depth += 1;
        let bit = self.bit();
        self.nonempty &= !bit;
        if array {
            self.arrays |= bit;
            self.json.push(b'[');
        } else {
            self.arrays &= !bit;
            self.json.push(b'{');
        }
        Ok(())
    }

    /// Opens an array (a JSON list).
    ///
    /// # Errors
    /// Nesting deeper than [`MAX_DEPTH`].
    pub fn begin_array(&mut self) -> Result<(), WriteError> {
        self.open(true)
    }

    /// Opens an object.
    ///
    /// # Errors
    /// Nesting deeper than [`MAX_DEPTH`].
    pub fn begin_object(&mut self) -> Result<(), WriteError> {
        self.open(false)
    }

    /// Closes the innermost array or object (never the claims object).
    pub fn end(&mut self) {
        if self.depth <= 1 {
            return;
        }
        let array = self.arrays & self.bit() != 0;
        self.json.push(if array { b']' } else { b'}' });
        self.depth -= 1;
        if self.depth == 1 {
            self.in_aud = false;
        }
    }

    /// Writes a parsed value (used by [`super::sign`] with claims as a tree).
    ///
    /// # Errors
    /// Nesting deeper than [`MAX_DEPTH`].
    pub fn write_value(&mut self, v: &Value) -> Result<(), WriteError> {
        match v {
            Value::Null => self.null(),
            Value::Bool(b) => self.bool(*b),
            Value::Number(n) => self.number(n),
            Value::String(s) => self.string(s),
            Value::Array(items) => {
                self.begin_array()?;
                for item in items {
                    self.write_value(item)?;
                }
                self.end();
            }
            Value::Object(members) => {
                self.begin_object()?;
                for (name, item) in members {
                    self.key(name);
                    self.write_value(item)?;
                }
                self.end();
            }
        }
        Ok(())
    }

    /// The first registered-claim type error, in the order of the checks
    /// over a claims tree (iss, sub, jti, aud).
    #[must_use]
    pub(crate) fn type_error(&self) -> Option<&'static str> {
        [
            (BAD_ISS, "claim iss must be a string"),
            (BAD_SUB, "claim sub must be a string"),
            (BAD_JTI, "claim jti must be a string"),
            (BAD_AUD, "claim aud must be a string or a list of strings"),
        ]
        .into_iter()
        .find(|(bit, _)| self.bad & bit != 0)
        .map(|(_, m)| m)
    }

    /// Closes every container still open inside the claims object.
    pub(crate) fn close_open(&mut self) {
        while self.depth > 1 {
            self.end();
        }
        self.pending = Pending::None;
    }

    /// Appends a top-level member `"name":` for sign's own claims (after
    /// [`Self::close_open`]; no registered-claim bookkeeping).
    fn own_name(&mut self, name: &str) {
        self.separate();
        write_string(name, &mut self.json);
        self.json.push(b':');
    }

    pub(crate) fn push_int_member(&mut self, name: &str, v: i64) {
        self.own_name(name);
        write_i64(v, &mut self.json);
    }

    /// Appends `"name":"value"` where value needs no escaping (base64url).
    pub(crate) fn push_plain_string_member(&mut self, name: &str, value: &[u8]) {
        self.own_name(name);
        self.json.push(b'"');
        self.json.extend_from_slice(value);
        self.json.push(b'"');
    }

    /// Closes every open container and the claims object.
    pub(crate) fn close(&mut self) {
        self.close_open();
        self.json.push(b'}');
        self.depth = 0;
    }
}

/// Decimal i64, as itoa/serde_json writes it.
pub(crate) fn write_i64(v: i64, out: &mut Vec<u8>) {
    let mut buf = [0u8; 20];
    let mut n = v.unsigned_abs();
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if v < 0 {
        out.push(b'-');
    }
    out.extend_from_slice(&buf[i..]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwt::json;

    fn closed(mut w: ClaimsWriter) -> String {
        w.close();
        String::from_utf8(w.json).unwrap()
    }

    #[test]
    fn writes_what_to_json_writes() {
        let doc = r#"{"b":1,"a":[true,null,"x\"\\\n\r\t\u0001\u001f/é"],"c":{"d":-2.5,"e":{},"f":[]},"g":[[1,[2]],{"h":null}],"i":-9223372036854775808,"j":18446744073709551615,"k":1e+20,"l":1.0,"m":0.1,"n":""}"#;
        let v = json::parse(doc.as_bytes()).unwrap();
        let Value::Object(members) = &v else { panic!() };
        let mut w = ClaimsWriter::new();
        for (name, item) in members {
            w.key(name);
            w.write_value(item).unwrap();
        }
        assert_eq!(closed(w), v.to_json());
    }

    #[test]
    fn scalars_and_int_keys() {
        let mut w = ClaimsWriter::with_capacity(0);
        w.key_int(-5);
        w.int(i64::MIN);
        w.key_int(0);
        w.float(1.0).unwrap();
        w.key("f");
        w.float(-0.5e-7).unwrap();
        w.key("x");
        assert_eq!(w.float(f64::NAN), Err(WriteError::NotFinite));
        assert_eq!(w.float(f64::INFINITY), Err(WriteError::NotFinite));
        w.null();
        w.key("b");
        w.bool(false);
        let mut expected = String::from(r#"{"-5":-9223372036854775808,"0":1.0,"f":"#);
        expected.push_str(&serde_json::Number::from_f64(-0.5e-7).unwrap().to_string());
        expected.push_str(r#","x":null,"b":false}"#);
        assert_eq!(closed(w), expected);
        for v in [0, 1, -1, 9, 10, 99, 100, i64::MAX, i64::MIN] {
            let mut out = Vec::new();
            write_i64(v, &mut out);
            assert_eq!(out, v.to_string().as_bytes());
        }
    }

    #[test]
    fn nesting_and_depth_cap() {
        let mut w = ClaimsWriter::new();
        w.key("a");
        for _ in 1..MAX_DEPTH {
            w.begin_array().unwrap();
        }
        assert_eq!(w.depth(), MAX_DEPTH);
        assert_eq!(w.begin_array(), Err(WriteError::TooDeep));
        assert_eq!(w.begin_object(), Err(WriteError::TooDeep));
        let text = closed(w);
        let inner = "[".repeat(MAX_DEPTH - 1) + &"]".repeat(MAX_DEPTH - 1);
        assert_eq!(text, format!(r#"{{"a":{inner}}}"#));
        assert!(json::parse(text.as_bytes()).is_ok());
    }

    #[test]
    fn registered_claim_tracking() {
        let mut w = ClaimsWriter::new();
        w.key("iss");
        w.string("x");
        w.key("aud");
        w.begin_array().unwrap();
        w.string("a");
        w.string("b");
        w.end();
        w.key("x");
        w.begin_object().unwrap();
        w.key("iss");
        w.int(1);
        w.key("exp");
        w.int(1);
        w.end();
        assert_eq!((w.bad, w.reserved, w.has_jti), (0, None, false));

        let mut w = ClaimsWriter::new();
        w.key("sub");
        w.int(1);
        w.key("nbf");
        w.int(1);
        w.key("iat");
        w.int(1);
        w.key("jti");
        w.null();
        assert_eq!(w.bad, BAD_SUB | BAD_JTI);
        assert_eq!(w.reserved, Some("nbf"));
        assert!(w.has_jti);

        for build in [
            |w: &mut ClaimsWriter| w.int(1),
            |w: &mut ClaimsWriter| {
                w.begin_object().unwrap();
                w.end();
            },
            |w: &mut ClaimsWriter| {
                w.begin_array().unwrap();
                w.string("a");
                w.begin_array().unwrap();
                w.end();
                w.end();
            },
        ] {
            let mut w = ClaimsWriter::new();
            w.key("aud");
            build(&mut w);
            assert_eq!(w.bad, BAD_AUD);
        }
        // An empty list is a list of strings; a nested aud is not the claim.
        let mut w = ClaimsWriter::new();
        w.key("aud");
        w.begin_array().unwrap();
        w.end();
        w.key("o");
        w.begin_object().unwrap();
        w.key("aud");
        w.int(3);
        w.end();
        assert_eq!(w.bad, 0);
    }
}
