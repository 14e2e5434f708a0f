//! The master key (key-encryption key): 32 random bytes that wrap the data
//! keys of a keyring. It never encrypts data itself; everything it is used for
//! is a separate HKDF-SHA256 derivation with its own label.

use base64::alphabet;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, URL_SAFE_NO_PAD};
use base64::engine::DecodePaddingMode;
use base64::Engine;
use zeroize::Zeroizing;

use super::{derive, hex, random, CryptoError};

/// Length of a master key in bytes.
pub const KEY_LEN: usize = 32;
/// Prefix of the text form that `export()` and `soc2 master-key generate` write.
pub const TEXT_PREFIX: &str = "soc2mk1:";
/// HKDF label of the public fingerprint.
const ID_LABEL: &[u8] = b"soc2/v1/master-key-id";

const STANDARD_ANY_PAD: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);
const URL_SAFE_ANY_PAD: GeneralPurpose = GeneralPurpose::new(
    &alphabet::URL_SAFE,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// A 32-byte master key, zeroized on drop. `Debug` shows only the fingerprint.
#[derive(Clone)]
pub struct MasterKey {
    bytes: Zeroizing<[u8; KEY_LEN]>,
}

impl std::fmt::Debug for MasterKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MasterKey").field("id", &self.id()).finish()
    }
}

impl MasterKey {
    /// A fresh key from the operating system's random source.
    pub fn generate() -> Result<Self, CryptoError> {
        Ok(Self {
            bytes: Zeroizing::new(random::<KEY_LEN>()?),
        })
    }

    /// Exactly 32 raw bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, CryptoError> {
        let array: [u8; KEY_LEN] = bytes.try_into().map_err(|_| {
            CryptoError::Key(format!(
                "is {} bytes long; a master key is {KEY_LEN} bytes",
                bytes.len()
            ))
        })?;
        Ok(Self {
            bytes: Zeroizing::new(array),
        })
    }

    /// Public fingerprint: lowercase hex of the first 8 bytes of
    /// HKDF-SHA256(key, info = "soc2/v1/master-key-id"). Safe to log.
    #[must_use]
    pub fn id(&self) -> String {
        hex(&self.derive_key(ID_LABEL)[..8])
    }

    /// A 32-byte key for one purpose, HKDF-SHA256(salt = none, ikm = master,
    /// info = label). Other areas (e.g. the audit chain) derive theirs here
    /// with their own label, so no two uses ever share key bytes.
    #[must_use]
    pub fn derive_key(&self, label: &[u8]) -> Zeroizing<[u8; 32]> {
        derive(self.bytes.as_ref(), label)
    }

    #[cfg(test)]
    pub(crate) fn bytes(&self) -> &[u8; KEY_LEN] {
        &self.bytes
    }
}

/// Parses a master key from text: `soc2mk1:` + unpadded base64url (the export
/// form), or a bare standard or URL-safe base64 encoding, padded or not, of
/// exactly 32 bytes. Surrounding whitespace (a file's final newline) is
/// ignored. Error messages describe the problem, never the content, and read
/// well after a subject such as "environment variable X".
pub fn parse_text(text: &str) -> Result<MasterKey, CryptoError> {
    let text = text.trim_matches(|c: char| c.is_ascii_whitespace());
    if text.is_empty() {
        return Err(CryptoError::Key("is empty".into()));
    }
    let decoded = if let Some(rest) = text.strip_prefix(TEXT_PREFIX) {
        URL_SAFE_NO_PAD.decode(rest).ok()
    } else {
        STANDARD_ANY_PAD
            .decode(text)
            .or_else(|_| URL_SAFE_ANY_PAD.decode(text))
            .ok()
    }
    .map(Zeroizing::new)
    .ok_or_else(|| {
        CryptoError::Key(format!(
            "is not a master key (expected {TEXT_PREFIX}<base64url> or base64 of {KEY_LEN} bytes)"
        ))
    })?;
    if decoded.len() != KEY_LEN {
        return Err(CryptoError::Key(format!(
            "decodes to {} bytes; a master key is {KEY_LEN} bytes",
            decoded.len()
        )));
    }
    MasterKey::from_bytes(&decoded)
}

/// The export text form: `soc2mk1:` + unpadded base64url of the 32 bytes.
#[must_use]
pub fn to_text(key: &MasterKey) -> Zeroizing<String> {
    let mut out = Zeroizing::new(String::with_capacity(TEXT_PREFIX.len() + 43));
    out.push_str(TEXT_PREFIX);
    URL_SAFE_NO_PAD.encode_string(key.bytes.as_ref(), &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::engine::general_purpose::{STANDARD, URL_SAFE};

    #[test]
    fn text_round_trip_and_alternative_forms() {
        let key = MasterKey::generate().unwrap();
        let text = to_text(&key);
        assert!(text.starts_with(TEXT_PREFIX));
        assert_eq!(text.len(), TEXT_PREFIX.len() + 43);
        assert_eq!(parse_text(&text).unwrap().bytes(), key.bytes());
        assert_eq!(
            parse_text(&format!("  {}\n", text.as_str()))
                .unwrap()
                .bytes(),
            key.bytes()
        );
        for form in [
            STANDARD.encode(key.bytes()),
            URL_SAFE.encode(key.bytes()),
            URL_SAFE_NO_PAD.encode(key.bytes()),
        ] {
            assert_eq!(parse_text(&form).unwrap().id(), key.id());
        }
    }

    #[test]
    fn bad_text_is_refused_without_echo() {
        let secretish = "soc2mk1:c2VjcmV0";
        for bad in ["", "  \n", "not base64!", secretish, "soc2mk1:", "AAAA"] {
            let err = parse_text(bad).unwrap_err();
            let CryptoError::Key(msg) = err else {
                panic!("wrong error")
            };
            assert!(!msg.contains("c2VjcmV0"));
        }
        assert!(matches!(parse_text("AAAA"), Err(CryptoError::Key(m)) if m.contains("3 bytes")));
        // The prefixed form is strictly unpadded base64url.
        let key = MasterKey::generate().unwrap();
        assert!(parse_text(&format!("{TEXT_PREFIX}{}", STANDARD.encode(key.bytes()))).is_err());
    }

    #[test]
    fn id_is_stable_and_distinct() {
        let a = MasterKey::from_bytes(&[7; 32]).unwrap();
        let b = MasterKey::from_bytes(&[8; 32]).unwrap();
        assert_eq!(a.id(), a.clone().id());
        assert_ne!(a.id(), b.id());
        assert_eq!(a.id().len(), 16);
        assert!(!format!("{a:?}").contains("0707"));
        assert!(MasterKey::from_bytes(&[0; 31]).is_err());
    }
}
