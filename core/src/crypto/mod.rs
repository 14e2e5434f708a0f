//! Envelope encryption: a master key wraps data keys held in an authenticated
//! keyring; data keys encrypt records into versioned, key-committing
//! ciphertexts bound to a canonical context. docs/FORMAT.md is the byte-level
//! specification of everything produced here.

pub mod blind_index;
pub mod ciphertext;
pub mod context;
pub mod files;
pub mod keyring;
pub mod legacy;
pub mod master_key;
pub mod stream;
#[cfg(test)]
mod vectors;

use std::fmt;

use hkdf::Hkdf;
use rand::RngCore;
use sha2::Sha256;
use zeroize::Zeroizing;

/// Largest plaintext `encrypt` accepts (64 MiB). Bigger payloads belong in a
/// streaming file format, not in one PHP string and one database value.
pub const MAX_PLAINTEXT: usize = 64 << 20;

/// What went wrong. `Decrypt` deliberately carries no detail: callers learn
/// only that a ciphertext did not open, never which check refused it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CryptoError {
    /// Tampered, truncated, garbage, wrong key, wrong context: one verdict.
    Decrypt,
    /// The ciphertext names a key id (lowercase hex) the keyring does not hold.
    UnknownKey(String),
    /// The plaintext is longer than [`MAX_PLAINTEXT`].
    TooLarge { max: usize },
    /// The context cannot be encoded (e.g. a repeated key).
    Context(String),
    /// Bad key material or keyring; the message never contains secret bytes.
    Key(String),
    /// The operating system's random source failed.
    Random,
}

impl fmt::Display for CryptoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Decrypt => f.write_str("decryption failed"),
            Self::UnknownKey(id) => write!(f, "unknown key id \"{id}\""),
            Self::TooLarge { max } => write!(f, "plaintext is longer than {max} bytes"),
            Self::Context(m) | Self::Key(m) => f.write_str(m),
            Self::Random => f.write_str("the system random source failed"),
        }
    }
}

impl std::error::Error for CryptoError {}

/// The AEAD a data key is used with. The byte values are part of the format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Suite {
    XChaCha20Poly1305 = 1,
    Aes256Gcm = 2,
}

impl Suite {
    pub const ALL: [Suite; 2] = [Suite::XChaCha20Poly1305, Suite::Aes256Gcm];

    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::XChaCha20Poly1305 => "xchacha20poly1305",
            Self::Aes256Gcm => "aes256gcm",
        }
    }

    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.name() == name)
    }

    #[must_use]
    pub fn byte(self) -> u8 {
        self as u8
    }

    #[must_use]
    pub fn from_byte(b: u8) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.byte() == b)
    }

    /// Nonce length of the AEAD (24 for XChaCha20-Poly1305, 12 for AES-GCM).
    #[must_use]
    pub fn nonce_len(self) -> usize {
        match self {
            Self::XChaCha20Poly1305 => 24,
            Self::Aes256Gcm => 12,
        }
    }
}

/// Fills a fresh array from the operating system's random source.
pub(crate) fn random<const N: usize>() -> Result<[u8; N], CryptoError> {
    let mut out = [0u8; N];
    rand::rngs::OsRng
        .try_fill_bytes(&mut out)
        .map_err(|_| CryptoError::Random)?;
    Ok(out)
}

/// HKDF-SHA256 with no salt: one 32-byte key per label from a 32-byte root key.
pub(crate) fn derive(root: &[u8], label: &[u8]) -> Zeroizing<[u8; 32]> {
    let mut out = Zeroizing::new([0u8; 32]);
    Hkdf::<Sha256>::new(None, root)
        .expand(label, out.as_mut())
        .expect("32 bytes is a valid HKDF-SHA256 output length");
    out
}

/// `u32be(len) || bytes`: the one length-prefix used by every canonical encoding.
pub(crate) fn put_lp(out: &mut Vec<u8>, bytes: &[u8]) -> Result<(), CryptoError> {
    let len = u32::try_from(bytes.len())
        .map_err(|_| CryptoError::Context("a context key or value is too long".into()))?;
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(bytes);
    Ok(())
}

/// Lowercase hex, for key ids.
pub(crate) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[usize::from(b >> 4)] as char);
        s.push(DIGITS[usize::from(b & 15)] as char);
    }
    s
}

/// Parses exactly `N` bytes of lowercase hex.
pub(crate) fn unhex<const N: usize>(s: &str) -> Option<[u8; N]> {
    let bytes = s.as_bytes();
    if bytes.len() != 2 * N {
        return None;
    }
    let digit = |c: u8| match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        _ => None,
    };
    let mut out = [0u8; N];
    for (i, pair) in bytes.chunks_exact(2).enumerate() {
        out[i] = (digit(pair[0])? << 4) | digit(pair[1])?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suites_round_trip() {
        for s in Suite::ALL {
            assert_eq!(Suite::from_name(s.name()), Some(s));
            assert_eq!(Suite::from_byte(s.byte()), Some(s));
        }
        assert_eq!(Suite::from_name("AES256GCM"), None);
        assert_eq!(Suite::from_byte(0), None);
    }

    #[test]
    fn hex_round_trip() {
        assert_eq!(hex(&[0, 0xab, 0x10]), "00ab10");
        assert_eq!(unhex::<3>("00ab10"), Some([0, 0xab, 0x10]));
        assert_eq!(unhex::<3>("00AB10"), None);
        assert_eq!(unhex::<3>("00ab1"), None);
        assert_eq!(unhex::<2>("zz00"), None);
    }
}
