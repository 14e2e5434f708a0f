//! `Soc2\Password` and `Soc2\PasswordCheck`: PHP values in, core calls out.

use ext_php_rs::binary_slice::BinarySlice;
use ext_php_rs::exception::PhpResult;
use ext_php_rs::flags::ClassFlags;
use ext_php_rs::prelude::*;
use soc2_core::password::{self, Params, PasswordError};

use crate::args::OptionsArray;
use crate::errors::{internal_error, value_error};
use crate::ini;

/// Argon2id password hashing with PHP-compatible PHC strings.
#[php_class]
#[php(name = "Soc2\\Password")]
#[php(flags = ClassFlags::Final)]
pub struct Password;

/// What `Password::check()` found: whether the password is valid and, when the
/// stored hash should be upgraded, the replacement hash to store.
#[php_class]
#[php(name = "Soc2\\PasswordCheck")]
#[php(flags = ClassFlags::Final)]
pub struct PasswordCheck {
    valid: bool,
    rehash: Option<String>,
}

#[php_impl]
impl PasswordCheck {
    /// True when the password matched the stored hash.
    #[php(getter)]
    pub fn get_valid(&self) -> bool {
        self.valid
    }

    /// The hash to store in place of the old one, or null when none is needed.
    #[php(getter)]
    pub fn get_rehash(&self) -> Option<String> {
        self.rehash.clone()
    }
}

/// Parameters of `Password` methods that hold a password (0-based), for
/// `#[\SensitiveParameter]`.
pub const SENSITIVE: crate::sensitive::SensitiveParams = &[
    ("Soc2\\Password", "hash", &[0]),
    ("Soc2\\Password", "verify", &[0]),
    ("Soc2\\Password", "check", &[0]),
];

#[php_impl]
impl Password {
    /// Hashes a password with Argon2id. Options: memory_cost (KiB), time_cost,
    /// threads; defaults come from php.ini (PHP's own Argon2id defaults).
    #[php(defaults(options = []))]
    pub fn hash(password: BinarySlice<u8>, options: OptionsArray) -> PhpResult<String> {
        let params = params_from(&options, "Soc2\\Password::hash", 2)?;
        password::hash(&password, &params, ini::password_max_length()).map_err(|e| match e {
            PasswordError::TooLong { max } => value_error(format!(
                "Soc2\\Password::hash(): Argument #1 ($password) must not be longer than {max} bytes (soc2.password_max_length)"
            )),
            PasswordError::Param(p) => value_error(format!("Soc2\\Password::hash(): Argument #2 ($options) {p}")),
            other => internal_error(format!("Soc2\\Password::hash(): {other}")),
        })
    }

    /// True when the password matches the stored hash (argon2id, argon2i or
    /// bcrypt $2y$/$2a$/$2b$). Malformed, hostile or over-long input is false.
    pub fn verify(password: BinarySlice<u8>, hash: BinarySlice<u8>) -> bool {
        std::str::from_utf8(&hash)
            .is_ok_and(|h| password::verify(&password, h, ini::password_max_length()))
    }

    /// True when the hash is legacy (bcrypt, argon2i) or weaker than the policy.
    #[php(defaults(options = []))]
    pub fn needs_rehash(hash: BinarySlice<u8>, options: OptionsArray) -> PhpResult<bool> {
        let params = params_from(&options, "Soc2\\Password::needsRehash", 2)?;
        let text = std::str::from_utf8(&hash).map_err(|_| malformed("needsRehash"))?;
        password::needs_rehash(text, &params).map_err(|e| match e {
            PasswordError::AboveCeiling => value_error(
                "Soc2\\Password::needsRehash(): Argument #1 ($hash) has parameters above the accepted ceiling",
            ),
            _ => malformed("needsRehash"),
        })
    }

    /// Verifies and, when the stored hash is legacy or weaker than the policy,
    /// returns the replacement hash in the same call.
    #[php(defaults(options = []))]
    pub fn check(
        password: BinarySlice<u8>,
        hash: BinarySlice<u8>,
        options: OptionsArray,
    ) -> PhpResult<PasswordCheck> {
        let params = params_from(&options, "Soc2\\Password::check", 3)?;
        let Ok(text) = std::str::from_utf8(&hash) else {
            return Ok(PasswordCheck {
                valid: false,
                rehash: None,
            });
        };
        let outcome = password::check(&password, text, &params, ini::password_max_length())
            .map_err(|e| internal_error(format!("Soc2\\Password::check(): {e}")))?;
        Ok(PasswordCheck {
            valid: outcome.valid,
            rehash: outcome.rehash,
        })
    }
}

fn malformed(method: &str) -> ext_php_rs::exception::PhpException {
    value_error(format!(
        "Soc2\\Password::{method}(): Argument #1 ($hash) is not a supported password hash"
    ))
}

/// Reads `memory_cost`, `time_cost` and `threads` over the php.ini policy,
/// refusing unknown keys and non-integer or out-of-range values by name.
fn params_from(options: &OptionsArray, method: &str, position: u8) -> PhpResult<Params> {
    let mut params = ini::password_policy();
    let mut given = false;
    for (key, value) in options.entries() {
        given = true;
        let name = key.to_string();
        let slot = match name.as_str() {
            "memory_cost" => &mut params.memory_cost,
            "time_cost" => &mut params.time_cost,
            "threads" => &mut params.threads,
            _ => {
                return Err(value_error(format!(
                    "{method}(): Argument #{position} ($options) has unknown option \"{}\" (expected memory_cost, time_cost, threads)",
                    printable(&name)
                )))
            }
        };
        let Some(number) = value.long().filter(|_| value.is_long()) else {
            return Err(value_error(format!(
                "{method}(): Argument #{position} ($options) option \"{name}\" must be an integer"
            )));
        };
        *slot = u32::try_from(number).map_err(|_| {
            value_error(format!(
                "{method}(): Argument #{position} ($options) option \"{name}\" is out of range, got {number}"
            ))
        })?;
    }
    params.validate().map_err(|e| {
        if given {
            value_error(format!("{method}(): Argument #{position} ($options) {e}"))
        } else {
            // Each setting is valid alone; only their combination can be wrong.
            value_error(format!(
                "{method}(): the soc2.password_* settings are inconsistent: {e}"
            ))
        }
    })?;
    Ok(params)
}

/// Option names are caller data: keep control characters out of messages.
fn printable(name: &str) -> String {
    name.chars()
        .take(64)
        .map(|c| if c.is_control() { '?' } else { c })
        .collect()
}
