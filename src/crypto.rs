//! `Soc2\Crypto\MasterKey` and `Soc2\Crypto\Keyring`: PHP values in, core calls out.
//!
//! Key bytes live only in the Rust structs (no PHP properties), which have no
//! `Clone` impl (so `clone` throws) and are `NotSerializable`; the core types
//! zeroize on drop. `__debugInfo` shows public metadata only.

// PHP parameter names come from Rust's: `$wrapWith` needs a camelCase binding.
#![allow(non_snake_case)]

use std::os::unix::ffi::OsStrExt;
use std::path::PathBuf;

use ext_php_rs::binary_slice::BinarySlice;
use ext_php_rs::boxed::ZBox;
use ext_php_rs::convert::IntoZval;
use ext_php_rs::exception::{PhpException, PhpResult};
use ext_php_rs::flags::{ClassFlags, DataType};
use ext_php_rs::prelude::*;
use ext_php_rs::types::{ZendHashTable, ZendStr, Zval};
use std::ffi::c_char;

use soc2_core::crypto::ciphertext;
use soc2_core::crypto::context::Context;
use soc2_core::crypto::files::{self, io_reason};
use soc2_core::crypto::keyring::{KeyInfo, Keyring as CoreKeyring};
use soc2_core::crypto::master_key::{self, MasterKey as CoreMasterKey};
use soc2_core::crypto::{CryptoError, Suite, MAX_PLAINTEXT};
use zeroize::{Zeroize, Zeroizing};

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
    pub fn encrypt(
        &self,
        plaintext: BinarySlice<u8>,
        context: OptionsArray,
    ) -> PhpResult<BinaryString> {
        const M: &str = "Soc2\\Crypto\\Keyring::encrypt()";
        let ctx = context_arg(&context, M, 2)?;
        let n = plaintext.len();
        if n > MAX_PLAINTEXT {
            return Err(map_err(CryptoError::TooLarge { max: MAX_PLAINTEXT }, M));
        }
        let total = ciphertext::OVERHEAD + n;
        let text_len = ciphertext::text_len(total);
        // Binary form in a scratch buffer (on the stack for records), then
        // its text form straight into the PHP string.
        with_scratch(total, |bin| {
            bin[ciphertext::PREFIX_LEN..ciphertext::PREFIX_LEN + n].copy_from_slice(&plaintext);
            if let Err(e) = self.inner.seal_in_place(bin, &ctx) {
                bin.zeroize(); // it still holds the plaintext
                return Err(map_err(e, M));
            }
            // Sized by concatenation; `to_text_into` overwrites every byte.
            let filler = &bin[..text_len - ciphertext::TEXT_PREFIX.len() - total];
            let mut out = FreshString::concat(ciphertext::TEXT_PREFIX.as_bytes(), bin, filler);
            ciphertext::to_text_into(bin, out.bytes_mut()).map_err(|e| map_err(e, M))?;
            Ok(out.into_zval())
        })
    }

    /// Decrypts the text form; any failure is one generic CryptoException.
    #[php(defaults(context = []))]
    pub fn decrypt(
        &self,
        ciphertext: BinarySlice<u8>,
        context: OptionsArray,
    ) -> PhpResult<BinaryString> {
        const M: &str = "Soc2\\Crypto\\Keyring::decrypt()";
        let ctx = context_arg(&context, M, 2)?;
        if !ciphertext::is_text(&ciphertext) {
            return Err(map_err(CryptoError::Decrypt, M));
        }
        with_scratch(
            ciphertext::binary_capacity(ciphertext.len()),
            |bin| -> PhpResult<BinaryString> {
                let len =
                    ciphertext::from_text_into(&ciphertext, bin).map_err(|e| map_err(e, M))?;
                self.open_to_php(&bin[..len], &ctx, M)
            },
        )
    }

    /// Encrypts to the compact binary form, for BLOB columns.
    #[php(defaults(context = []))]
    pub fn encrypt_binary(
        &self,
        plaintext: BinarySlice<u8>,
        context: OptionsArray,
    ) -> PhpResult<BinaryString> {
        const M: &str = "Soc2\\Crypto\\Keyring::encryptBinary()";
        let ctx = context_arg(&context, M, 2)?;
        if plaintext.len() > MAX_PLAINTEXT {
            return Err(map_err(CryptoError::TooLarge { max: MAX_PLAINTEXT }, M));
        }
        // The plaintext is copied once, into its place in the result, and
        // encrypted there.
        let mut out = FreshString::concat(
            &[0; ciphertext::PREFIX_LEN],
            &plaintext,
            &[0; ciphertext::TAG_LEN],
        );
        if let Err(e) = self.inner.seal_in_place(out.bytes_mut(), &ctx) {
            out.bytes_mut().zeroize();
            return Err(map_err(e, M));
        }
        Ok(out.into_zval())
    }

    /// Decrypts the binary form.
    #[php(defaults(context = []))]
    pub fn decrypt_binary(
        &self,
        ciphertext: BinarySlice<u8>,
        context: OptionsArray,
    ) -> PhpResult<BinaryString> {
        const M: &str = "Soc2\\Crypto\\Keyring::decryptBinary()";
        let ctx = context_arg(&context, M, 2)?;
        self.open_to_php(&ciphertext, &ctx, M)
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
        let ctx = context_arg(&context, M, 2)?;
        let out = self
            .inner
            .reencrypt(&ciphertext, &ctx)
            .map_err(|e| map_err(e, M))?;
        Ok(binary(out))
    }

    /// Encrypts the file `in` into `out` in constant memory (64 KiB segments).
    /// `out` is replaced atomically (mode 0600) and untouched on failure.
    #[php(defaults(context = []))]
    pub fn encrypt_file(
        &self,
        r#in: BinarySlice<u8>,
        out: BinarySlice<u8>,
        context: OptionsArray,
    ) -> PhpResult<()> {
        crate::crypto_files::encrypt_file(&self.inner, &r#in, &out, &context)
    }

    /// Decrypts a file from `encryptFile()`; `out` appears only once the whole
    /// file authenticated, and is untouched on failure.
    #[php(defaults(context = []))]
    pub fn decrypt_file(
        &self,
        r#in: BinarySlice<u8>,
        out: BinarySlice<u8>,
        context: OptionsArray,
    ) -> PhpResult<()> {
        crate::crypto_files::decrypt_file(&self.inner, &r#in, &out, &context)
    }

    /// Keyed equality index of `value` for the field `name`: `bits / 4` hex digits.
    #[php(defaults(bits = 32))]
    pub fn blind_index(
        &self,
        value: BinarySlice<u8>,
        name: BinarySlice<u8>,
        bits: i64,
    ) -> PhpResult<String> {
        crate::crypto_files::blind_index(&self.inner, &value, &name, bits)
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

impl Keyring {
    /// Decrypts a binary ciphertext straight into a new PHP string: the
    /// plaintext never exists in memory Rust owns, so there is nothing to wipe.
    fn open_to_php(&self, bytes: &[u8], ctx: &[u8], method: &str) -> PhpResult<BinaryString> {
        ciphertext::parse(bytes).map_err(|e| map_err(e, method))?;
        // Sized by copying the ciphertext body; decryption overwrites it.
        let body = &bytes[ciphertext::PREFIX_LEN..bytes.len() - ciphertext::TAG_LEN];
        let mut out = FreshString::concat(body, &[], &[]);
        self.inner
            .open_into(bytes, ctx, out.bytes_mut())
            .map_err(|e| map_err(e, method))?;
        Ok(out.into_zval())
    }
}

/// Runs `f` on a zeroed buffer of `len` bytes: on the stack when it is small
/// (records), else on the heap.
fn with_scratch<R>(len: usize, f: impl FnOnce(&mut [u8]) -> R) -> R {
    const STACK: usize = 1024;
    if len <= STACK {
        let mut buf = [0u8; STACK];
        f(&mut buf[..len])
    } else {
        f(&mut vec![0u8; len])
    }
}

extern "C" {
    // Zend/zend_string.h, ZEND_API since PHP 8.0. Not in ext-php-rs's bindings.
    fn zend_string_concat3(
        str1: *const c_char,
        str1_len: usize,
        str2: *const c_char,
        str2_len: usize,
        str3: *const c_char,
        str3_len: usize,
    ) -> *mut ZendStr;
}

/// A PHP string this code has just allocated and nobody else has seen, so it
/// may still be written to: results are built in place, without a Rust copy.
struct FreshString(ZBox<ZendStr>);

impl FreshString {
    /// `a || b || c` in a new PHP string.
    fn concat(a: &[u8], b: &[u8], c: &[u8]) -> Self {
        // SAFETY: each pointer/length pair describes a live slice, read only
        // during the call. zend_string_concat3 allocates with
        // zend_string_alloc (refcount 1, never an interned or shared string;
        // emalloc bails out rather than return NULL) and copies the parts in.
        let ptr = unsafe {
            zend_string_concat3(
                a.as_ptr().cast(),
                a.len(),
                b.as_ptr().cast(),
                b.len(),
                c.as_ptr().cast(),
                c.len(),
            )
        };
        // SAFETY: `ptr` is a valid, uniquely owned zend_string (see above);
        // the ZBox releases it if it is never handed to PHP.
        Self(unsafe { ZBox::from_raw(ptr) })
    }

    fn bytes_mut(&mut self) -> &mut [u8] {
        let len = self.0.len();
        let zs = self.0.as_mut_ptr();
        // SAFETY: the string was allocated by `concat` and is referenced only
        // by this struct, so no one else observes the write; its `len` bytes
        // start at `val`, inside its own allocation (the pointer is derived
        // from the whole string, not from the one-element `val` array). Its
        // hash is not computed yet (h = 0), so no cached hash goes stale.
        unsafe { std::slice::from_raw_parts_mut((&raw mut (*zs).val).cast::<u8>(), len) }
    }

    fn into_zval(self) -> BinaryString {
        let mut zv = Zval::new();
        zv.set_zend_string(self.0);
        BinaryString(zv)
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

/// A path argument: not empty, no NUL, and bounded before it is copied or
/// echoed in a message (a 100 MiB path would become a 100 MiB message).
pub(crate) fn path_arg(path: &[u8], method: &str, position: u8, name: &str) -> PhpResult<PathBuf> {
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

/// Canonical context bytes from `array $context`: string keys (any bytes);
/// string or int values (an int equals its decimal string); anything else is
/// refused, the first offender in array order named. Keys and values are
/// borrowed from the array, not copied.
pub(crate) fn context_arg(
    context: &OptionsArray,
    method: &str,
    position: u8,
) -> PhpResult<Vec<u8>> {
    let Some(table) = context.table() else {
        return Context::new()
            .encode()
            .map_err(|e| value_error(e.to_string()));
    };

    // The key zvals own a reference to their strings: keep them alive while
    // the context borrows their bytes.
    let mut entries: Vec<(Zval, &Zval)> = Vec::with_capacity(table.len());
    let mut iter = table.iter();
    while let Some((key, value)) = iter.next_zval() {
        if key.is_long() {
            return Err(value_error(format!(
                "{method}: Argument #{position} ($context) must have string keys, integer key {} given",
                key.long().unwrap_or_default()
            )));
        }
        if !value.is_long() && !value.is_string() {
            return Err(type_error(format!(
                "{method}: Argument #{position} ($context) values must be of type string|int, {} given",
                type_name(value)
            )));
        }
        entries.push((key, value));
    }
    let mut ctx = Context::with_capacity(entries.len());
    for (key, value) in &entries {
        let key = key.zend_str().map_or(&[][..], |s| s.as_bytes());
        match value.zend_str().filter(|_| value.is_string()) {
            Some(s) => ctx.push_str(key, s.as_bytes()),
            None => ctx.push_int(key, value.long().unwrap_or_default()),
        }
    }
    ctx.encode()
        .map_err(|e| value_error(format!("{method}: Argument #{position} ($context) {e}")))
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
