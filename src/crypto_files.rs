//! The keyring's file, blind-index and migration features: `Keyring::encryptFile()`,
//! `decryptFile()`, `blindIndex()` (their `#[php_impl]` methods are in
//! crypto.rs and call in here) and the `Soc2\Crypto\Legacy` class.

use std::path::PathBuf;

use ext_php_rs::binary_slice::BinarySlice;
use ext_php_rs::convert::IntoZval;
use ext_php_rs::exception::{PhpException, PhpResult};
use ext_php_rs::flags::{ClassFlags, DataType};
use ext_php_rs::prelude::*;
use ext_php_rs::types::{ZendStr, Zval};
use soc2_core::crypto::blind_index::{MAX_BITS, MAX_NAME_LEN, MIN_BITS};
use soc2_core::crypto::keyring::Keyring as CoreKeyring;
use soc2_core::crypto::legacy;
use soc2_core::crypto::stream::FileStreamError;
use soc2_core::crypto::CryptoError;
use zeroize::Zeroizing;

use crate::args::OptionsArray;
use crate::crypto::{context_arg, path_arg};
use crate::errors::{crypto_error, internal_error, key_error, unknown_key_error, value_error};

/// The one message of every failed file decryption: no oracle.
const FILE_DECRYPT_FAILED: &str = "Decryption failed: the file is not a soc2 encrypted file, \
     was modified or truncated, or the key or context is wrong";
/// The one message of every failed legacy decryption, padding errors included.
const LEGACY_FAILED: &str = "Decryption failed: the blob is not an openssl aes-256-cbc blob \
     of this form, was modified, or the key is wrong";

/// Parameters holding a secret, for `#[\SensitiveParameter]`.
pub const SENSITIVE: crate::sensitive::SensitiveParams = &[
    ("Soc2\\Crypto\\Keyring", "blindindex", &[0]),
    ("Soc2\\Crypto\\Legacy", "decryptopensslcbc", &[1]),
];

pub fn encrypt_file(
    ring: &CoreKeyring,
    input: &[u8],
    output: &[u8],
    context: &OptionsArray,
) -> PhpResult<()> {
    const M: &str = "Soc2\\Crypto\\Keyring::encryptFile()";
    let (input, output, ctx) = file_args(input, output, context, M)?;
    ring.encrypt_file(&input, &output, &ctx)
        .map(|_| ())
        .map_err(|e| file_err(e, M))
}

pub fn decrypt_file(
    ring: &CoreKeyring,
    input: &[u8],
    output: &[u8],
    context: &OptionsArray,
) -> PhpResult<()> {
    const M: &str = "Soc2\\Crypto\\Keyring::decryptFile()";
    let (input, output, ctx) = file_args(input, output, context, M)?;
    ring.decrypt_file(&input, &output, &ctx)
        .map(|_| ())
        .map_err(|e| file_err(e, M))
}

pub fn blind_index(ring: &CoreKeyring, value: &[u8], name: &[u8], bits: i64) -> PhpResult<String> {
    const M: &str = "Soc2\\Crypto\\Keyring::blindIndex()";
    if name.is_empty() || name.len() > MAX_NAME_LEN {
        return Err(value_error(format!(
            "{M}: Argument #2 ($name) must be 1 to {MAX_NAME_LEN} bytes long"
        )));
    }
    let bits = u32::try_from(bits)
        .ok()
        .filter(|b| (MIN_BITS..=MAX_BITS).contains(b) && b % 4 == 0)
        .ok_or_else(|| {
            value_error(format!(
                "{M}: Argument #3 ($bits) must be a multiple of 4 between {MIN_BITS} and {MAX_BITS}"
            ))
        })?;
    ring.blind_index(value, name, bits)
        .map_err(|e| value_error(format!("{M}: {e}")))
}

fn file_args(
    input: &[u8],
    output: &[u8],
    context: &OptionsArray,
    method: &str,
) -> PhpResult<(PathBuf, PathBuf, Vec<u8>)> {
    Ok((
        path_arg(input, method, 1, "in")?,
        path_arg(output, method, 2, "out")?,
        context_arg(context, method, 3)?,
    ))
}

fn file_err(e: FileStreamError, method: &str) -> PhpException {
    match e {
        FileStreamError::Io(m) => internal_error(format!("{method}: {m}")),
        FileStreamError::Crypto(CryptoError::Decrypt) => crypto_error(FILE_DECRYPT_FAILED),
        FileStreamError::Crypto(CryptoError::UnknownKey(id)) => unknown_key_error(format!(
            "{method}: the file was encrypted with key \"{id}\", which is not in this keyring"
        )),
        FileStreamError::Crypto(CryptoError::Context(m)) => {
            value_error(format!("{method}: Argument #3 ($context) {m}"))
        }
        FileStreamError::Crypto(CryptoError::Key(m)) => key_error(format!("{method}: {m}")),
        FileStreamError::Crypto(CryptoError::TooLarge { .. }) => internal_error(format!(
            "{method}: the input file is too large for the file format (2^32 segments)"
        )),
        FileStreamError::Crypto(CryptoError::Random) => {
            internal_error(format!("{method}: the system random source failed"))
        }
    }
}

/// Reads data encrypted by PHP code written before soc2, to migrate it.
#[php_class]
#[php(name = "Soc2\\Crypto\\Legacy")]
#[php(flags = ClassFlags::Final)]
pub struct Legacy;

#[php_impl]
impl Legacy {
    /// Decrypts `base64_encode(openssl_encrypt($p, 'aes-256-cbc', $key, 0, $iv) . '::' . $iv)`.
    /// For migration only: this format has no integrity protection.
    pub fn decrypt_openssl_cbc(blob: BinarySlice<u8>, key: BinarySlice<u8>) -> PhpResult<Secret> {
        legacy::decrypt_openssl_cbc(&blob, &key)
            .map(|plain| Secret::new(&plain))
            .map_err(|_| {
                crypto_error(format!(
                    "Soc2\\Crypto\\Legacy::decryptOpensslCbc(): {LEGACY_FAILED}"
                ))
            })
    }
}

/// A PHP string copied from plaintext whose Rust copy the caller wipes.
pub struct Secret(Zval);

impl Secret {
    fn new(plain: &Zeroizing<Vec<u8>>) -> Self {
        let mut zv = Zval::new();
        zv.set_zend_string(ZendStr::new(plain.as_slice(), false));
        Self(zv)
    }
}

impl IntoZval for Secret {
    const TYPE: DataType = DataType::String;
    const NULLABLE: bool = false;

    fn set_zval(self, zv: &mut Zval, _persistent: bool) -> ext_php_rs::error::Result<()> {
        *zv = self.0;
        Ok(())
    }
}
