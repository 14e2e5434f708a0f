//! Argument types shared by the PHP-facing areas.

use ext_php_rs::convert::{FromZval, StubLiteral};
use ext_php_rs::flags::DataType;
use ext_php_rs::types::{ZendHashTable, Zval};

/// An `array $options = []` parameter: PHP sees a real `[]` default (so
/// Reflection and the stub agree) and Rust sees `None` when it was omitted.
pub struct OptionsArray<'a>(Option<&'a ZendHashTable>);

impl<'a> OptionsArray<'a> {
    /// Key/value pairs given by the caller, none when omitted.
    /// Keys that are not UTF-8 come back lossily converted (they then match
    /// no option name), never as a panic.
    pub fn entries(
        &self,
    ) -> impl Iterator<Item = (ext_php_rs::types::ArrayKey<'a>, &'a Zval)> + 'a {
        self.0.into_iter().flat_map(|table| {
            entries(table).map(|(key, value)| {
                let key = match key {
                    Key::Int(i) => ext_php_rs::types::ArrayKey::Long(i),
                    Key::Str(s) => ext_php_rs::types::ArrayKey::String(s),
                    Key::NotUtf8(s) => ext_php_rs::types::ArrayKey::String(s),
                };
                (key, value)
            })
        })
    }

    /// The array given by the caller, none when omitted.
    pub fn table(&self) -> Option<&'a ZendHashTable> {
        self.0
    }
}

/// A PHP array key.
pub enum Key {
    Int(i64),
    Str(String),
    /// A string key that is not UTF-8, lossily converted (for messages only).
    NotUtf8(String),
}

/// Iterates a PHP array. ext-php-rs's own `iter()`/`values()` panic on a
/// string key that is not UTF-8 (`["\xff" => 1]`); this reads the raw key.
pub fn entries(table: &ZendHashTable) -> impl Iterator<Item = (Key, &Zval)> {
    let mut iter = table.iter();
    std::iter::from_fn(move || iter.next_zval()).map(|(key, value)| {
        let key = if key.is_long() {
            Key::Int(key.long().unwrap_or_default())
        } else {
            match key.str() {
                Some(s) => Key::Str(s.to_owned()),
                None => Key::NotUtf8(
                    key.zend_str()
                        .map(|z| String::from_utf8_lossy(z.as_bytes()).into_owned())
                        .unwrap_or_default(),
                ),
            }
        };
        (key, value)
    })
}

/// True for a list: keys 0, 1, 2, ... in order (json_encode's test).
pub fn is_list(table: &ZendHashTable) -> bool {
    // Keys are read as zvals, without copying string keys into Strings.
    let mut iter = table.iter();
    let mut next = 0i64;
    while let Some((key, _)) = iter.next_zval() {
        if !key.is_long() || key.long() != Some(next) {
            return false;
        }
        next += 1;
    }
    true
}

impl<'a> FromZval<'a> for OptionsArray<'a> {
    const TYPE: DataType = DataType::Array;

    fn from_zval(zval: &'a Zval) -> Option<Self> {
        zval.array().map(|table| Self(Some(table)))
    }
}

impl From<[(); 0]> for OptionsArray<'_> {
    fn from(_: [(); 0]) -> Self {
        Self(None)
    }
}

impl StubLiteral for OptionsArray<'_> {
    fn stub_literal(&self) -> String {
        "[]".to_owned()
    }
}
