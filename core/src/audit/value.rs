//! Caller-supplied field values and the JSON text they become.
//!
//! The escaping here is what keeps a record on one line: every control
//! character (C0, DEL, C1), and U+2028/U+2029 which some readers treat as line
//! breaks, is written as a `\uXXXX` escape, so no field value can end a record
//! or forge the start of another.

/// A field value, as the binding hands it over (PHP arrays become `List` when
/// their keys are 0..n in order, `Map` otherwise).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    List(Vec<Value>),
    Map(Vec<(String, Value)>),
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::Str(s.to_owned())
    }
}

impl From<i64> for Value {
    fn from(v: i64) -> Self {
        Value::Int(v)
    }
}

/// Appends `s` as a JSON string literal, escaping as described above.
pub fn write_str(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, c) in s.char_indices() {
        let escape: Option<&[u8]> = match c {
            '"' => Some(b"\\\""),
            '\\' => Some(b"\\\\"),
            '\n' => Some(b"\\n"),
            '\r' => Some(b"\\r"),
            '\t' => Some(b"\\t"),
            _ => None,
        };
        let numeric = escape.is_none()
            && (c < ' '
                || ('\u{7f}'..='\u{9f}').contains(&c)
                || c == '\u{2028}'
                || c == '\u{2029}');
        if escape.is_none() && !numeric {
            continue;
        }
        out.extend_from_slice(&bytes[start..i]);
        match escape {
            Some(e) => out.extend_from_slice(e),
            None => {
                out.extend_from_slice(format!("\\u{:04x}", c as u32).as_bytes());
            }
        }
        start = i + c.len_utf8();
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

/// Appends a float as a JSON number; NaN and infinities, which JSON lacks,
/// become strings.
pub fn write_float(out: &mut Vec<u8>, v: f64) {
    if v.is_finite() {
        let text = format!("{v:?}");
        out.extend_from_slice(text.as_bytes());
    } else {
        write_str(out, &format!("{v}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enc(s: &str) -> String {
        let mut out = Vec::new();
        write_str(&mut out, s);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn escapes_everything_that_could_break_a_line() {
        assert_eq!(enc("plain"), "\"plain\"");
        assert_eq!(enc("a\"b\\c"), "\"a\\\"b\\\\c\"");
        assert_eq!(enc("x\ny\rz\t"), "\"x\\ny\\rz\\t\"");
        assert_eq!(enc("\u{0}\u{1b}\u{7f}"), "\"\\u0000\\u001b\\u007f\"");
        assert_eq!(enc("\u{85}\u{2028}\u{2029}"), "\"\\u0085\\u2028\\u2029\"");
        assert_eq!(enc("é€😀"), "\"é€😀\"");
        let forged = enc("ok\n{\"@timestamp\":\"x\"}");
        assert!(!forged.contains('\n'));
    }

    #[test]
    fn floats() {
        let mut out = Vec::new();
        write_float(&mut out, 1.5);
        out.push(b' ');
        write_float(&mut out, f64::NAN);
        out.push(b' ');
        write_float(&mut out, 1e300);
        assert_eq!(String::from_utf8(out).unwrap(), "1.5 \"NaN\" 1e300");
    }
}
