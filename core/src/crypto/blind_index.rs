//! Blind indexes: a keyed, truncated hash of a value, stored next to its
//! ciphertext so a column can be searched for equality without decrypting.
//!
//! `name key = HKDF-Expand-SHA256(PRK = blind-index root, info = "soc2/v1/blind-index" || lp(name), L = 32)`,
//! `index = first bits/4 hex digits of HMAC-SHA256(name key, value)`.
//! The root key is a separate random key in the keyring (not a data key), so
//! rotating data keys never changes an index; each name (field) has its own
//! key, so equal values in two fields give unrelated indexes. docs/FORMAT.md §7
//! specifies it and states what an index leaks.

use hkdf::Hkdf;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use zeroize::Zeroizing;

use super::keyring::Keyring;
use super::{hex, put_lp, CryptoError};

const LABEL: &[u8] = b"soc2/v1/blind-index";
/// Bits of the index when the caller does not choose.
pub const DEFAULT_BITS: u32 = 32;
pub const MIN_BITS: u32 = 16;
pub const MAX_BITS: u32 = 256;
/// Longest index name accepted (names are field identifiers, not data).
pub const MAX_NAME_LEN: usize = 255;

/// Why an index cannot be computed: the arguments are out of range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlindIndexError {
    Bits,
    Name,
}

/// The index of `value` for the field `name`, `bits / 4` lowercase hex digits.
/// `bits` is a multiple of 4 in [`MIN_BITS`]..=[`MAX_BITS`]; `name` is 1 to
/// [`MAX_NAME_LEN`] bytes.
pub fn compute(
    root: &[u8; 32],
    name: &[u8],
    value: &[u8],
    bits: u32,
) -> Result<String, BlindIndexError> {
    if !(MIN_BITS..=MAX_BITS).contains(&bits) || bits % 4 != 0 {
        return Err(BlindIndexError::Bits);
    }
    if name.is_empty() || name.len() > MAX_NAME_LEN {
        return Err(BlindIndexError::Name);
    }
    let mut info = Vec::with_capacity(LABEL.len() + 4 + name.len());
    info.extend_from_slice(LABEL);
    put_lp(&mut info, name).map_err(|_| BlindIndexError::Name)?;
    let mut name_key = Zeroizing::new([0u8; 32]);
    Hkdf::<Sha256>::from_prk(root)
        .expect("a 32-byte key is a valid HKDF-SHA256 PRK")
        .expand(&info, name_key.as_mut())
        .expect("32 bytes is a valid HKDF-SHA256 output length");
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(name_key.as_ref())
        .expect("HMAC takes any key length");
    mac.update(value);
    let full = mac.finalize().into_bytes();
    let digits = (bits / 4) as usize;
    let mut out = hex(&full[..digits.div_ceil(2)]);
    out.truncate(digits);
    Ok(out)
}

impl Keyring {
    /// The blind index of `value` in the field `name` (see [`compute`]).
    pub fn blind_index(&self, value: &[u8], name: &[u8], bits: u32) -> Result<String, CryptoError> {
        compute(self.blind_root(), name, value, bits).map_err(|e| {
            CryptoError::Context(match e {
                BlindIndexError::Bits => {
                    format!("bits must be a multiple of 4 between {MIN_BITS} and {MAX_BITS}")
                }
                BlindIndexError::Name => {
                    format!("name must be 1 to {MAX_NAME_LEN} bytes long")
                }
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::master_key::MasterKey;
    use crate::crypto::Suite;

    const ROOT: [u8; 32] = [5; 32];

    #[test]
    fn deterministic_and_truncated() {
        let a = compute(&ROOT, b"email", b"a@example.com", 32).unwrap();
        assert_eq!(a, compute(&ROOT, b"email", b"a@example.com", 32).unwrap());
        assert_eq!(a.len(), 8);
        assert!(a
            .bytes()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
        for bits in (MIN_BITS..=MAX_BITS).step_by(4) {
            let x = compute(&ROOT, b"email", b"a@example.com", bits).unwrap();
            assert_eq!(x.len(), (bits / 4) as usize);
            // A shorter index is a prefix of a longer one (same key, same HMAC).
            assert!(x.starts_with(&a[..a.len().min(x.len())]));
        }
        for bad in [0, 8, 12, 15, 17, 30, 260, 512] {
            assert_eq!(compute(&ROOT, b"n", b"v", bad), Err(BlindIndexError::Bits));
        }
        assert_eq!(compute(&ROOT, b"", b"v", 32), Err(BlindIndexError::Name));
        assert_eq!(
            compute(&ROOT, &[b'x'; 256], b"v", 32),
            Err(BlindIndexError::Name)
        );
        assert!(compute(&ROOT, &[b'x'; 255], b"", 32).is_ok());
    }

    #[test]
    fn names_values_and_roots_are_separated() {
        let full = |root: &[u8; 32], name: &[u8], v: &[u8]| compute(root, name, v, 256).unwrap();
        let base = full(&ROOT, b"email", b"v");
        assert_ne!(base, full(&ROOT, b"email2", b"v"));
        assert_ne!(base, full(&ROOT, b"emai", b"lv"));
        assert_ne!(base, full(&ROOT, b"email", b"w"));
        assert_ne!(base, full(&[6; 32], b"email", b"v"));
    }

    #[test]
    fn keyring_indexes_survive_rotation_and_rewrap_and_differ_between_keyrings() {
        let m1 = MasterKey::from_bytes(&[1; 32]).unwrap();
        let m2 = MasterKey::from_bytes(&[2; 32]).unwrap();
        let mut ring = Keyring::create(&m1, Suite::XChaCha20Poly1305).unwrap();
        let idx = ring.blind_index(b"123-45-6789", b"ssn", 32).unwrap();
        ring.rotate(Some(Suite::Aes256Gcm)).unwrap();
        assert_eq!(ring.blind_index(b"123-45-6789", b"ssn", 32).unwrap(), idx);
        let json = ring.to_json(Some(&m2)).unwrap();
        let loaded = Keyring::load(json.as_bytes(), &m2).unwrap();
        assert_eq!(loaded.blind_index(b"123-45-6789", b"ssn", 32).unwrap(), idx);
        let other = Keyring::create(&m1, Suite::XChaCha20Poly1305).unwrap();
        assert_ne!(
            other.blind_index(b"123-45-6789", b"ssn", 128).unwrap(),
            ring.blind_index(b"123-45-6789", b"ssn", 128).unwrap()
        );
        assert!(matches!(
            ring.blind_index(b"v", b"ssn", 7),
            Err(CryptoError::Context(_))
        ));
    }
}
