//! A strict JSON reader and a plain JSON writer for JOSE headers and claims.
//!
//! serde_json alone is not strict enough for tokens: on a duplicate member name
//! it keeps the last one, so two parsers (ours and the issuer's, or a WAF's)
//! can read different claims from the same bytes. This reader drives
//! serde_json's tokenizer with its own visitor that refuses duplicate names at
//! every depth and caps nesting, and keeps member order (so claims come back in
//! the order they were written).

use std::collections::HashSet;
use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::Number;

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
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            Value::Null => out.push_str("null"),
            Value::Bool(true) => out.push_str("true"),
            Value::Bool(false) => out.push_str("false"),
            Value::Number(n) => out.push_str(&n.to_string()),
            Value::String(s) => write_string(s, out),
            Value::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            Value::Object(members) => {
                out.push('{');
                for (i, (name, value)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_string(name, out);
                    out.push(':');
                    value.write(out);
                }
                out.push('}');
            }
        }
    }
}

fn write_string(s: &str, out: &mut String) {
    out.push('"');
    // Copy runs of plain characters at once; escape only '"', '\\' and controls.
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(&s[start..i]);
        if escape.is_empty() {
            out.push_str(&format!("\\u{b:04x}"));
        } else {
            out.push_str(escape);
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
    out.push('"');
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

/// Parses one JSON document: UTF-8, no trailing data, no duplicate member
/// names at any depth, nesting at most [`MAX_DEPTH`].
pub fn parse(bytes: &[u8]) -> Result<Value, JsonError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = Seed { depth: 0 }
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

struct Seed {
    depth: usize,
}

impl<'de> DeserializeSeed<'de> for Seed {
    type Value = Value;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(ValueVisitor { depth: self.depth })
    }
}

struct ValueVisitor {
    depth: usize,
}

impl ValueVisitor {
    fn enter<E: de::Error>(&self) -> Result<usize, E> {
        if self.depth >= MAX_DEPTH {
            Err(E::custom(format!("nesting deeper than {MAX_DEPTH} levels")))
        } else {
            Ok(self.depth + 1)
        }
    }
}

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Number::from_f64(v)
            .map(Value::Number)
            .ok_or_else(|| E::custom("number out of range"))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let depth = self.enter()?;
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(Seed { depth })? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let depth = self.enter()?;
        let mut members: Vec<(String, Value)> = Vec::new();
        // Small objects (every real header and claim set) are checked by a
        // linear scan; a hash set takes over beyond that.
        let mut seen: Option<HashSet<String>> = None;
        // Names are compared after unescaping: "a" and "\u0061" are the same name.
        while let Some(name) = map.next_key::<String>()? {
            let duplicate = match &mut seen {
                Some(set) => !set.insert(name.clone()),
                None if members.len() < 32 => members.iter().any(|(k, _)| *k == name),
                None => {
                    let mut set: HashSet<String> = members.iter().map(|(k, _)| k.clone()).collect();
                    let dup = !set.insert(name.clone());
                    seen = Some(set);
                    dup
                }
            };
            if duplicate {
                return Err(de::Error::custom("duplicate member name"));
            }
            let value = map.next_value_seed(Seed { depth })?;
            members.push((name, value));
        }
        Ok(Value::Object(members))
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
