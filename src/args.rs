//! Argument types shared by the PHP-facing areas.

use ext_php_rs::convert::{FromZval, StubLiteral};
use ext_php_rs::flags::DataType;
use ext_php_rs::types::{ZendHashTable, Zval};

/// An `array $options = []` parameter: PHP sees a real `[]` default (so
/// Reflection and the stub agree) and Rust sees `None` when it was omitted.
pub struct OptionsArray<'a>(Option<&'a ZendHashTable>);

impl<'a> OptionsArray<'a> {
    /// Key/value pairs given by the caller, none when omitted.
    pub fn entries(
        &self,
    ) -> impl Iterator<Item = (ext_php_rs::types::ArrayKey<'a>, &'a Zval)> + 'a {
        self.0.into_iter().flat_map(|table| table.iter())
    }

    /// The caller's array, none when omitted. (`entries()` panics on a
    /// non-UTF-8 string key inside ext-php-rs; iterate with `next_zval` instead.)
    pub fn table(&self) -> Option<&'a ZendHashTable> {
        self.0
    }
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
