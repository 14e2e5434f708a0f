//! A strict JSON reader and a plain JSON writer for JOSE headers and claims.
//!
//! serde_json alone is not strict enough for tokens: on a duplicate member name
//! it keeps the last one, so two parsers (ours and the issuer's, or a WAF's)
//! can read different claims from the same bytes. This reader drives
//! serde_json's tokenizer with its own visitor that refuses duplicate names at
//! every depth and caps nesting, and keeps member order (so claims come back in
//! the order they were written).

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
pub use serde_json::Number;

/// Deepest nesting of arrays and objects accepted (the top-level object is 1).
pub const MAX_DEPTH: usize = 32;

/// A JSON value whose objects keep their member order.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Array(Vec<Value>),
    Object(Vec<(String, Value)>),
}

impl Value {
    /// The member `name` of an object (None for other values).
    #[must_use]
    pub fn get(&self, name: &str) -> Option<&Value> {
        match self {
            Value::Object(members) => members.iter().find(|(k, _)| k == name).map(|(_, v)| v),
            _ => None,
        }
    }

    #[must_use]
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// A number as f64 (every JSON number serde_json reads converts).
    #[must_use]
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(n) => n.as_f64(),
            _ => None,
        }
    }

    /// A finite float as a number; None for NAN and infinities.
    #[must_use]
    pub fn from_f64(v: f64) -> Option<Value> {
        Number::from_f64(v).map(Value::Number)
    }

    /// An integer as a number.
    #[must_use]
    pub fn from_i64(v: i64) -> Value {
        Value::Number(v.into())
    }

    /// An integer value if the number is one that fits i64.
    #[must_use]
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Value::Number(n) => n.as_i64(),
            _ => None,
        }
    }

    /// Compact JSON text.
    #[must_use]
    pub fn to_json(&self) -> String {
        let mut out = Vec::new();
        self.write(&mut out);
        // Only valid UTF-8 is ever written (strings come from `&str`).
        String::from_utf8(out).unwrap_or_default()
    }

    fn write(&self, out: &mut Vec<u8>) {
        match self {
            Value::Null => out.extend_from_slice(b"null"),
            Value::Bool(true) => out.extend_from_slice(b"true"),
            Value::Bool(false) => out.extend_from_slice(b"false"),
            Value::Number(n) => out.extend_from_slice(n.to_string().as_bytes()),
            Value::String(s) => write_string(s, out),
            Value::Array(items) => {
                out.push(b'[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    item.write(out);
                }
                out.push(b']');
            }
            Value::Object(members) => {
                out.push(b'{');
                for (i, (name, value)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    write_string(name, out);
                    out.push(b':');
                    value.write(out);
                }
                out.push(b'}');
            }
        }
    }
}

/// A JSON string: escapes only '"', '\\' and control characters (short forms
/// for \n, \r, \t), leaves everything else, '/' and non-ASCII included, as is.
pub(crate) fn write_string(s: &str, out: &mut Vec<u8>) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    // Copy runs of plain bytes at once, found eight bytes at a time.
    let mut start = 0;
    loop {
        let i = super::fast::scan_plain(bytes, start);
        let Some(&b) = bytes.get(i) else {
            break;
        };
        out.extend_from_slice(&bytes[start..i]);
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            _ => out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(b >> 4)],
                HEX[usize::from(b & 15)],
            ]),
        }
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

/// Why a document was refused. Messages never quote the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError(pub String);

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for JsonError {}

/// Where the parser puts what it reads. [`parse`] builds a [`Value`]; the
/// PHP binding builds PHP arrays directly, so a verified token's claims are
/// read once, into their final form.
pub trait Builder {
    type Value;
    type Object;
    type Array;

    fn null(&mut self) -> Self::Value;
    fn bool(&mut self, v: bool) -> Self::Value;
    fn number(&mut self, n: Number) -> Self::Value;
    fn string(&mut self, s: &str) -> Self::Value;
    fn object(&mut self) -> Self::Object;
    /// Adds a member; names are unique (the parser refuses duplicates).
    ///
    /// # Errors
    /// When the target cannot take the member (a message without input).
    fn insert(
        &mut self,
        object: &mut Self::Object,
        name: &str,
        v: Self::Value,
    ) -> Result<(), String>;
    fn finish_object(&mut self, object: Self::Object) -> Self::Value;
    fn array(&mut self) -> Self::Array;
    /// # Errors
    /// When the target cannot take the item.
    fn push(&mut self, array: &mut Self::Array, v: Self::Value) -> Result<(), String>;
    fn finish_array(&mut self, array: Self::Array) -> Self::Value;

    /// Builds a value from a [`Value`] (members the parser keeps for itself).
    ///
    /// # Errors
    /// As [`Builder::insert`] and [`Builder::push`].
    fn build_value(&mut self, v: &Value) -> Result<Self::Value, String> {
        Ok(match v {
            Value::Null => self.null(),
            Value::Bool(b) => self.bool(*b),
            Value::Number(n) => self.number(n.clone()),
            Value::String(s) => self.string(s),
            Value::Array(items) => {
                let mut array = self.array();
                for item in items {
                    let item = self.build_value(item)?;
                    self.push(&mut array, item)?;
                }
                self.finish_array(array)
            }
            Value::Object(members) => {
                let mut object = self.object();
                for (name, item) in members {
                    let item = self.build_value(item)?;
                    self.insert(&mut object, name, item)?;
                }
                self.finish_object(object)
            }
        })
    }
}

/// Builds [`Value`]s.
pub struct ValueBuilder;

impl Builder for ValueBuilder {
    type Value = Value;
    type Object = Vec<(String, Value)>;
    type Array = Vec<Value>;

    fn null(&mut self) -> Value {
        Value::Null
    }
    fn bool(&mut self, v: bool) -> Value {
        Value::Bool(v)
    }
    fn number(&mut self, n: Number) -> Value {
        Value::Number(n)
    }
    fn string(&mut self, s: &str) -> Value {
        Value::String(s.to_owned())
    }
    fn object(&mut self) -> Self::Object {
        Vec::new()
    }
    fn insert(&mut self, object: &mut Self::Object, name: &str, v: Value) -> Result<(), String> {
        object.push((name.to_owned(), v));
        Ok(())
    }
    fn finish_object(&mut self, object: Self::Object) -> Value {
        Value::Object(object)
    }
    fn array(&mut self) -> Vec<Value> {
        Vec::new()
    }
    fn push(&mut self, array: &mut Vec<Value>, v: Value) -> Result<(), String> {
        array.push(v);
        Ok(())
    }
    fn finish_array(&mut self, array: Vec<Value>) -> Value {
        Value::Array(array)
    }
    fn build_value(&mut self, v: &Value) -> Result<Value, String> {
        Ok(v.clone())
    }
}

/// Checks a document and builds nothing (a header nobody asked to see).
pub struct Discard;

impl Builder for Discard {
    type Value = ();
    type Object = ();
    type Array = ();

    fn null(&mut self) {}
    fn bool(&mut self, _: bool) {}
    fn number(&mut self, _: Number) {}
    fn string(&mut self, _: &str) {}
    fn object(&mut self) {}
    fn insert(&mut self, (): &mut (), _: &str, (): ()) -> Result<(), String> {
        Ok(())
    }
    fn finish_object(&mut self, (): ()) {}
    fn array(&mut self) {}
    fn push(&mut self, (): &mut (), (): ()) -> Result<(), String> {
        Ok(())
    }
    fn finish_array(&mut self, (): ()) {}
    fn build_value(&mut self, _: &Value) -> Result<(), String> {
        Ok(())
    }
}

/// Top-level members the caller needs as [`Value`]s while the document is
/// built elsewhere (JOSE header fields, registered claims): one pass serves
/// both the checks and the result.
pub trait Capture {
    /// Forget everything reported so far (the document is read again).
    fn reset(&mut self);
    /// Called when the document turns out to be an object (never otherwise).
    fn object(&mut self);
    /// Called for every top-level member name; true keeps its value.
    fn member(&mut self, name: &str) -> bool;
    /// The value of the member last accepted by [`Capture::member`].
    fn value(&mut self, v: Value);
    /// Same, for a string value (a capture that only needs the type can
    /// skip copying it).
    fn value_str(&mut self, s: &str) {
        self.value(Value::String(s.to_owned()));
    }
}

/// Parses one JSON document: UTF-8, no trailing data, no duplicate member
/// names at any depth, nesting at most [`MAX_DEPTH`].
pub fn parse(bytes: &[u8]) -> Result<Value, JsonError> {
    parse_with(bytes, &mut ValueBuilder, None)
}

/// [`parse`] into any builder, reporting top-level members to `capture`.
///
/// # Errors
/// As [`parse`].
pub fn parse_with<B: Builder>(
    bytes: &[u8],
    builder: &mut B,
    mut capture: Option<&mut dyn Capture>,
) -> Result<B::Value, JsonError> {
    // The fast reader handles the common case; whatever it declines (errors
    // included) is read again by the serde_json-based reader, which decides.
    let fast = match &mut capture {
        Some(c) => super::fast::parse(bytes, builder, Some(&mut **c)),
        None => super::fast::parse(bytes, builder, None),
    };
    if let Some(v) = fast {
        return Ok(v);
    }
    if let Some(c) = &mut capture {
        c.reset();
    }
    parse_full(bytes, builder, capture)
}

/// The serde_json-based reader alone (the reference for the fast reader).
pub(crate) fn parse_full<B: Builder>(
    bytes: &[u8],
    builder: &mut B,
    capture: Option<&mut dyn Capture>,
) -> Result<B::Value, JsonError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = Seed {
        depth: 0,
        b: builder,
        capture,
    }
    .deserialize(&mut de)
    .map_err(|e| JsonError(describe(&e)))?;
    de.end().map_err(|e| JsonError(describe(&e)))?;
    Ok(value)
}

/// serde_json's message for syntax errors carries only positions; our own
/// (custom) messages are fixed strings. Neither quotes input.
fn describe(e: &serde_json::Error) -> String {
    if e.is_data() {
        // Custom messages come from the visitor below and are input-free;
        // serde_json appends " at line L column C".
        e.to_string()
    } else {
        format!("invalid JSON ({e})")
    }
}

struct Seed<'b, 'c, B> {
    depth: usize,
    b: &'b mut B,
    capture: Option<&'c mut dyn Capture>,
}

impl<'de, B: Builder> DeserializeSeed<'de> for Seed<'_, '_, B> {
    type Value = B::Value;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<B::Value, D::Error> {
        d.deserialize_any(ValueVisitor {
            depth: self.depth,
            b: self.b,
            capture: self.capture,
        })
    }
}

struct ValueVisitor<'b, 'c, B> {
    depth: usize,
    b: &'b mut B,
    capture: Option<&'c mut dyn Capture>,
}

impl<B> ValueVisitor<'_, '_, B> {
    fn enter<E: de::Error>(&self) -> Result<usize, E> {
        if self.depth >= MAX_DEPTH {
            Err(E::custom(format!("nesting deeper than {MAX_DEPTH} levels")))
        } else {
            Ok(self.depth + 1)
        }
    }
}

/// A member name, borrowed from the input when it has no escapes.
struct NameSeed;

impl<'de> DeserializeSeed<'de> for NameSeed {
    type Value = Cow<'de, str>;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(NameVisitor)
    }
}

struct NameVisitor;

impl<'de> Visitor<'de> for NameVisitor {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v))
    }
}

impl<'de, B: Builder> Visitor<'de> for ValueVisitor<'_, '_, B> {
    type Value = B::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> Result<B::Value, E> {
        Ok(self.b.null())
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<B::Value, E> {
        Ok(self.b.bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<B::Value, E> {
        Ok(self.b.number(v.into()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<B::Value, E> {
        Ok(self.b.number(v.into()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<B::Value, E> {
        let n = Number::from_f64(v).ok_or_else(|| E::custom("number out of range"))?;
        Ok(self.b.number(n))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<B::Value, E> {
        Ok(self.b.string(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<B::Value, A::Error> {
        let depth = self.enter()?;
        let b = self.b;
        let mut items = b.array();
        while let Some(item) = seq.next_element_seed(Seed {
            depth,
            b: &mut *b,
            capture: None,
        })? {
            b.push(&mut items, item).map_err(de::Error::custom)?;
        }
        Ok(b.finish_array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<B::Value, A::Error> {
        let depth = self.enter()?;
        let b = self.b;
        let mut capture = self.capture;
        if let Some(c) = capture.as_deref_mut() {
            c.object();
        }
        let mut object = b.object();
        let mut names: Vec<Cow<'de, str>> = Vec::new();
        // Small objects (every real header and claim set) are checked by a
        // linear scan; a hash set takes over beyond that.
        let mut seen: Option<HashSet<Cow<'de, str>>> = None;
        // Names are compared after unescaping: "a" and "\u0061" are the same name.
        while let Some(name) = map.next_key_seed(NameSeed)? {
            let duplicate = match &mut seen {
                Some(set) => !set.insert(name.clone()),
                None if names.len() < 32 => names.contains(&name),
                None => {
                    let mut set: HashSet<Cow<'de, str>> = names.drain(..).collect();
                    let dup = !set.insert(name.clone());
                    seen = Some(set);
                    dup
                }
            };
            if duplicate {
                return Err(de::Error::custom("duplicate member name"));
            }
            let keep = capture.as_deref_mut().is_some_and(|c| c.member(&name));
            let value = match capture.as_deref_mut() {
                Some(c) if keep => {
                    let v = map.next_value_seed(Seed {
                        depth,
                        b: &mut ValueBuilder,
                        capture: None,
                    })?;
                    let built = b.build_value(&v).map_err(de::Error::custom)?;
                    c.value(v);
                    built
                }
                _ => map.next_value_seed(Seed {
                    depth,
                    b: &mut *b,
                    capture: None,
                })?,
            };
            b.insert(&mut object, &name, value)
                .map_err(de::Error::custom)?;
            if seen.is_none() {
                names.push(name);
            }
        }
        Ok(b.finish_object(object))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_order_and_round_trips() {
        let text = r#"{"b":1,"a":[true,null,"x\"\u0001"],"c":{"d":-2.5}}"#;
        let v = parse(text.as_bytes()).unwrap();
        assert_eq!(
            v.to_json(),
            r#"{"b":1,"a":[true,null,"x\"\u0001"],"c":{"d":-2.5}}"#
        );
    }

    #[test]
    fn duplicates_refused_at_any_depth() {
        assert!(parse(br#"{"a":1,"a":2}"#).is_err());
        assert!(parse(br#"{"a":1,"\u0061":2}"#).is_err());
        assert!(parse(br#"{"x":{"a":1,"a":1}}"#).is_err());
        assert!(parse(br#"{"x":[{"a":1,"a":1}]}"#).is_err());
        assert!(parse(br#"{"a":1,"b":{"a":1}}"#).is_ok());
    }

    #[test]
    fn depth_capped() {
        let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(parse(ok.as_bytes()).is_ok());
        let deep = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
        assert!(parse(deep.as_bytes()).is_err());
        let very_deep = "[".repeat(100_000);
        assert!(parse(very_deep.as_bytes()).is_err());
    }

    #[test]
    fn refuses_garbage() {
        for bad in [
            &b""[..],
            b"{",
            b"{} x",
            b"{}{}",
            b"\xff",
            br#"{"a":"\ud800"}"#,
            b"NaN",
            b"1e400",
            b"{'a':1}",
        ] {
            assert!(parse(bad).is_err(), "{:?}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn error_does_not_quote_input() {
        let e = parse(br#"{"secret-value": tru}"#).unwrap_err();
        assert!(!e.0.contains("secret"));
    }
}
