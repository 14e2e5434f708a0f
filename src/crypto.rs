//! `Soc2\Crypto\MasterKey` and `Soc2\Crypto\Keyring`: PHP values in, core calls out.
//!
//! Key bytes live only in the Rust structs (no PHP properties), which have no
//! `Clone` impl (so `clone` throws) and are `NotSerializable`; the core types
//! zeroize on drop. `__debugInfo` shows public metadata only.

// PHP parameter names come from Rust's: `$wrapWith` needs a camelCase binding.
#![allow(non_snake_case)]

use std::borrow::Cow;
use std::os::unix::ffi::OsStrExt;
use std::path::PathBuf;

use ext_php_rs::binary_slice::BinarySlice;
use ext_php_rs::boxed::ZBox;
use ext_php_rs::convert::IntoZval;
use ext_php_rs::exception::{PhpException, PhpResult};
use ext_php_rs::flags::{ClassFlags, DataType};
use ext_php_rs::prelude::*;
use ext_php_rs::types::{ArrayKey, ZendHashTable, ZendStr, Zval};
use soc2_core::crypto::context::Context;
use soc2_core::crypto::files::{self, io_reason};
use soc2_core::crypto::keyring::{KeyInfo, Keyring as CoreKeyring};
use soc2_core::crypto::master_key::{self, MasterKey as CoreMasterKey};
use soc2_core::crypto::{CryptoError, Suite, MAX_PLAINTEXT};
use zeroize::Zeroizing;

use crate::args::OptionsArray;
use crate::errors::{
    crypto_error, internal_error, key_error, type_error, unknown_key_error, value_error,
};

/// The one message of every failed decryption: no oracle.
const DECRYPT_FAILED: &str =
    "Decryption failed: the ciphertext is invalid or was modified, or the key or context is wrong";

/// Parameters holding a plaintext, for `#[\SensitiveParameter]`.
pub const SENSITIVE: crate::sensitive::SensitiveParams = &[
    ("Soc2\\Crypto\\Keyring", "encrypt", &[0]),
    ("Soc2\\Crypto\\Keyring", "encryptbinary", &[0]),
];

/// A 32-byte master key (key-encryption key).
#[php_class]
#[php(name = "Soc2\\Crypto\\MasterKey")]
#[php(flags = ClassFlags::Final.union(ClassFlags::NotSerializable))]
pub struct MasterKey {
    inner: CoreMasterKey,
}

#[php_impl]
impl MasterKey {
    /// A fresh random master key.
    pub fn generate() -> PhpResult<MasterKey> {
        CoreMasterKey::generate()
            .map(|inner| MasterKey { inner })
            .map_err(|e| internal_error(format!("Soc2\\Crypto\\MasterKey::generate(): {e}")))
    }

    /// Reads the key from an environment variable holding `soc2mk1:<base64url>`
    /// or base64/base64url of 32 bytes. Errors name the variable, never its value.
    #[php(defaults(name = String::from("SOC2_MASTER_KEY")))]
    pub fn from_env(name: String) -> PhpResult<MasterKey> {
        const M: &str = "Soc2\\Crypto\\MasterKey::fromEnv()";
        if name.is_empty() || name.contains(['=', '\0']) {
            return Err(value_error(format!(
                "{M}: Argument #1 ($name) must be a non-empty environment variable name without \"=\" or NUL"
            )));
        }
        let Some(value) = std::env::var_os(&name) else {
            return Err(key_error(format!(
                "{M}: environment variable {name} is not set"
            )));
        };
        let value = Zeroizing::new(value.into_encoded_bytes());
        let text = std::str::from_utf8(&value).map_err(|_| {
            key_error(format!(
                "{M}: environment variable {name} is not a master key (not ASCII text)"
            ))
        })?;
        master_key::parse_text(text)
            .map(|inner| MasterKey { inner })
            .map_err(|e| key_error(format!("{M}: environment variable {name} {e}")))
    }

    /// Reads the key from a file (as written by `soc2 master-key generate`).
    /// Like ssh, refuses a file that group or others may read or write.
    pub fn from_file(path: BinarySlice<u8>) -> PhpResult<MasterKey> {
        const M: &str = "Soc2\\Crypto\\MasterKey::fromFile()";
        let path = path_arg(&path, M, 1, "path")?;
        files::read_master_key(&path)
            .map(|inner| MasterKey { inner })
            .map_err(|e| key_error(format!("{M}: {e}")))
    }

    /// Public fingerprint (16 hex digits), safe to log.
    pub fn id(&self) -> String {
        self.inner.id()
    }

    /// The key in its text form `soc2mk1:<base64url>`, for a secrets manager.
    pub fn export(&self) -> String {
        master_key::to_text(&self.inner).as_str().to_owned()
    }

    /// What var_dump and print_r show: the fingerprint only.
    #[php(name = "__debugInfo")]
    pub fn debug_info(&self) -> PhpResult<ZBox<ZendHashTable>> {
        let mut t = ZendHashTable::new();
        t.insert("id", self.inner.id()).map_err(internal)?;
        Ok(t)
    }
}

/// Data keys wrapped under a master key; encrypts and decrypts records.
#[php_class]
#[php(name = "Soc2\\Crypto\\Keyring")]
#[php(flags = ClassFlags::Final.union(ClassFlags::NotSerializable))]
pub struct Keyring {
    inner: CoreKeyring,
}

#[php_impl]
impl Keyring {
    /// A new keyring holding one fresh data key for `suite`.
    #[php(defaults(suite = String::from("xchacha20poly1305")))]
    pub fn create(master: &MasterKey, suite: String) -> PhpResult<Keyring> {
        const M: &str = "Soc2\\Crypto\\Keyring::create()";
        let suite = suite_arg(&suite, M, 2)?;
        CoreKeyring::create(&master.inner, suite)
            .map(|inner| Keyring { inner })
            .map_err(|e| map_err(e, M))
    }

    /// Opens a keyring document (from `toJson()`) with its master key.
    pub fn load(json: BinarySlice<u8>, master: &MasterKey) -> PhpResult<Keyring> {
        // The same ceiling as a keyring file, before serde_json allocates (docs/LIMITS.md).
        if json.len() as u64 > files::MAX_KEYRING_FILE {
            return Err(value_error(format!(
                "Soc2\\Crypto\\Keyring::load(): Argument #1 ($json) must not be longer than {} bytes",
                files::MAX_KEYRING_FILE
            )));
        }
        CoreKeyring::load(&json, &master.inner)
            .map(|inner| Keyring { inner })
            .map_err(|e| map_err(e, "Soc2\\Crypto\\Keyring::load()"))
    }

    /// Reads and opens a keyring file.
    pub fn open(path: BinarySlice<u8>, master: &MasterKey) -> PhpResult<Keyring> {
        const M: &str = "Soc2\\Crypto\\Keyring::open()";
        let path = path_arg(&path, M, 1, "path")?;
        let json = files::read_keyring(&path).map_err(|e| key_error(format!("{M}: {e}")))?;
        CoreKeyring::load(&json, &master.inner)
            .map(|inner| Keyring { inner })
            .map_err(|e| {
                key_error(format!(
                    "{M}: keyring file {}: {}",
                    path.display(),
                    key_message(&e)
                ))
            })
    }

    /// The keyring document, its data keys wrapped under `wrapWith` (rewrap)
    /// or under the master key it was opened with.
    pub fn to_json(&self, wrapWith: Option<&MasterKey>) -> PhpResult<String> {
        self.inner
            .to_json(wrapWith.map(|m| &m.inner))
            .map_err(|e| map_err(e, "Soc2\\Crypto\\Keyring::toJson()"))
    }

    /// Writes the document atomically (temporary file, fsync, rename) with mode 0600.
    pub fn save(&self, path: BinarySlice<u8>, wrapWith: Option<&MasterKey>) -> PhpResult<()> {
        const M: &str = "Soc2\\Crypto\\Keyring::save()";
        let path = path_arg(&path, M, 1, "path")?;
        let json = self
            .inner
            .to_json(wrapWith.map(|m| &m.inner))
            .map_err(|e| map_err(e, M))?;
        files::write_private_atomic(&path, json.as_bytes(), true).map_err(|e| {
            key_error(format!(
                "{M}: cannot write keyring file {}: {}",
                path.display(),
                io_reason(&e)
            ))
        })
    }

    /// Adds a fresh data key and makes it the primary; returns its id.
    pub fn rotate(&mut self, suite: Option<String>) -> PhpResult<String> {
        const M: &str = "Soc2\\Crypto\\Keyring::rotate()";
        let suite = suite.map(|s| suite_arg(&s, M, 1)).transpose()?;
        self.inner.rotate(suite).map_err(|e| map_err(e, M))
    }

    /// Id of the key new ciphertexts are made with.
    pub fn primary_id(&self) -> String {
        self.inner.primary_id()
    }

    /// Metadata of every key (id, suite, status, created_at, primary); never key bytes.
    pub fn keys(&self) -> PhpResult<Vec<ZBox<ZendHashTable>>> {
        self.inner.keys().iter().map(key_info).collect()
    }

    /// Encrypts to ASCII text (`soc2e1:` + base64url), for TEXT columns.
    #[php(defaults(context = []))]
    pub fn encrypt(&self, plaintext: BinarySlice<u8>, context: OptionsArray) -> PhpResult<String> {
        const M: &str = "Soc2\\Crypto\\Keyring::encrypt()";
        let ctx = context_arg(&context, M)?;
        self.inner
            .encrypt_text(&plaintext, &ctx)
            .map_err(|e| map_err(e, M))
    }

    /// Decrypts the text form; any failure is one generic CryptoException.
    #[php(defaults(context = []))]
    pub fn decrypt(
        &self,
        ciphertext: BinarySlice<u8>,
        context: OptionsArray,
    ) -> PhpResult<BinaryString> {
        const M: &str = "Soc2\\Crypto\\Keyring::decrypt()";
        let ctx = context_arg(&context, M)?;
        let plain = self
            .inner
            .decrypt_text(&ciphertext, &ctx)
            .map_err(|e| map_err(e, M))?;
        Ok(secret_zval(plain))
    }

    /// Encrypts to the compact binary form, for BLOB columns.
    #[php(defaults(context = []))]
    pub fn encrypt_binary(
        &self,
        plaintext: BinarySlice<u8>,
        context: OptionsArray,
    ) -> PhpResult<BinaryString> {
        const M: &str = "Soc2\\Crypto\\Keyring::encryptBinary()";
        let ctx = context_arg(&context, M)?;
        let out = self
            .inner
            .encrypt(&plaintext, &ctx)
            .map_err(|e| map_err(e, M))?;
        Ok(binary(out))
    }

    /// Decrypts the binary form.
    #[php(defaults(context = []))]
    pub fn decrypt_binary(
        &self,
        ciphertext: BinarySlice<u8>,
        context: OptionsArray,
    ) -> PhpResult<BinaryString> {
        const M: &str = "Soc2\\Crypto\\Keyring::decryptBinary()";
        let ctx = context_arg(&context, M)?;
        let plain = self
            .inner
            .decrypt(&ciphertext, &ctx)
            .map_err(|e| map_err(e, M))?;
        Ok(secret_zval(plain))
    }

    /// True when the ciphertext (either form) was made with a non-primary key.
    pub fn needs_reencrypt(&self, ciphertext: BinarySlice<u8>) -> PhpResult<bool> {
        self.inner
            .needs_reencrypt(&ciphertext)
            .map_err(|e| map_err(e, "Soc2\\Crypto\\Keyring::needsReencrypt()"))
    }

    /// Decrypts and encrypts again under the primary key, keeping the form.
    #[php(defaults(context = []))]
    pub fn reencrypt(
        &self,
        ciphertext: BinarySlice<u8>,
        context: OptionsArray,
    ) -> PhpResult<BinaryString> {
        const M: &str = "Soc2\\Crypto\\Keyring::reencrypt()";
        let ctx = context_arg(&context, M)?;
        let out = self
            .inner
            .reencrypt(&ciphertext, &ctx)
            .map_err(|e| map_err(e, M))?;
        Ok(binary(out))
    }

    /// What var_dump and print_r show: public metadata only.
    #[php(name = "__debugInfo")]
    pub fn debug_info(&self) -> PhpResult<ZBox<ZendHashTable>> {
        let mut t = ZendHashTable::new();
        t.insert("master_key_id", self.inner.master_key_id())
            .map_err(internal)?;
        t.insert("primary", self.inner.primary_id())
            .map_err(internal)?;
        t.insert("keys", self.keys()?).map_err(internal)?;
        Ok(t)
    }
}

/// A binary PHP string built by hand (so a plaintext copy can be wiped),
/// declared as `string` to Reflection rather than `mixed`.
pub struct BinaryString(Zval);

impl IntoZval for BinaryString {
    const TYPE: DataType = DataType::String;
    const NULLABLE: bool = false;

    fn set_zval(self, zv: &mut Zval, _persistent: bool) -> ext_php_rs::error::Result<()> {
        *zv = self.0;
        Ok(())
    }
}

fn internal(e: ext_php_rs::error::Error) -> PhpException {
    internal_error(format!("soc2: {e}"))
}

/// A PHP string copied from a plaintext whose Rust copy is then wiped.
fn secret_zval(plain: Vec<u8>) -> BinaryString {
    let plain = Zeroizing::new(plain);
    let mut zv = Zval::new();
    zv.set_zend_string(ZendStr::new(plain.as_slice(), false));
    BinaryString(zv)
}

fn binary(bytes: Vec<u8>) -> BinaryString {
    let mut zv = Zval::new();
    zv.set_binary(bytes);
    BinaryString(zv)
}

fn key_info(k: &KeyInfo) -> PhpResult<ZBox<ZendHashTable>> {
    let mut t = ZendHashTable::new();
    t.insert("id", k.id.as_str()).map_err(internal)?;
    t.insert("suite", k.suite).map_err(internal)?;
    t.insert("status", k.status).map_err(internal)?;
    t.insert("created_at", k.created_at).map_err(internal)?;
    t.insert("primary", k.primary).map_err(internal)?;
    Ok(t)
}

fn suite_arg(name: &str, method: &str, position: u8) -> PhpResult<Suite> {
    Suite::from_name(name).ok_or_else(|| {
        value_error(format!(
            "{method}: Argument #{position} ($suite) must be \"xchacha20poly1305\" or \"aes256gcm\""
        ))
    })
}

fn path_arg(path: &[u8], method: &str, position: u8, name: &str) -> PhpResult<PathBuf> {
    if path.is_empty() {
        return Err(value_error(format!(
            "{method}: Argument #{position} (${name}) cannot be empty"
        )));
    }
    if path.len() > crate::limits::MAX_PATH {
        return Err(value_error(format!(
            "{method}: Argument #{position} (${name}) must not be longer than {} bytes",
            crate::limits::MAX_PATH
        )));
    }
    if path.contains(&0) {
        return Err(value_error(format!(
            "{method}: Argument #{position} (${name}) must not contain any null bytes"
        )));
    }
    Ok(PathBuf::from(std::ffi::OsStr::from_bytes(path)))
}

/// Canonical context bytes from `array $context`: string keys; string or int
/// values (an int equals its decimal string); anything else is refused.
fn context_arg(context: &OptionsArray, method: &str) -> PhpResult<Vec<u8>> {
    let mut ctx = Context::new();
    for (key, value) in context.entries() {
        let key: Cow<'_, [u8]> = match key {
            ArrayKey::Long(n) => {
                return Err(value_error(format!(
                    "{method}: Argument #2 ($context) must have string keys, integer key {n} given"
                )))
            }
            ArrayKey::String(s) => Cow::Owned(s.into_bytes()),
            ArrayKey::Str(s) => Cow::Borrowed(s.as_bytes()),
            ArrayKey::ZendString(s) => Cow::Borrowed(s.as_bytes()),
        };
        if value.is_long() {
            ctx.push_int(key, value.long().unwrap_or_default());
        } else if let Some(s) = value.zend_str().filter(|_| value.is_string()) {
            ctx.push_str(key, s.as_bytes());
        } else {
            return Err(type_error(format!(
                "{method}: Argument #2 ($context) values must be of type string|int, {} given",
                type_name(value)
            )));
        }
    }
    ctx.encode()
        .map_err(|e| value_error(format!("{method}: Argument #2 ($context) {e}")))
}

fn type_name(v: &Zval) -> &'static str {
    if v.is_null() {
        "null"
    } else if v.is_bool() {
        "bool"
    } else if v.is_double() {
        "float"
    } else if v.is_array() {
        "array"
    } else if v.is_object() {
        "object"
    } else {
        "a non-scalar value"
    }
}

fn key_message(e: &CryptoError) -> String {
    match e {
        CryptoError::Key(m) => m.clone(),
        other => other.to_string(),
    }
}

fn map_err(e: CryptoError, method: &str) -> PhpException {
    match e {
        CryptoError::Decrypt => crypto_error(DECRYPT_FAILED),
        CryptoError::UnknownKey(id) => unknown_key_error(format!(
            "{method}: the ciphertext was made with key \"{id}\", which is not in this keyring"
        )),
        CryptoError::TooLarge { .. } => value_error(format!(
            "{method}: Argument #1 ($plaintext) must not be longer than {MAX_PLAINTEXT} bytes"
        )),
        CryptoError::Context(m) => value_error(format!("{method}: Argument #2 ($context) {m}")),
        CryptoError::Key(m) => key_error(format!("{method}: {m}")),
        CryptoError::Random => internal_error(format!("{method}: the system random source failed")),
    }
}
