//! The ciphertext format (version 1). Binary form:
//!
//! ```text
//! version (1) = 0x01 | suite (1) | key id (4) | salt (24) | commitment (32) | AEAD ciphertext (n) | tag (16)
//! ```
//!
//! Per message: `okm = HKDF-Expand-SHA256(PRK = data key, info = "soc2/v1/message" || header, L = 64)`
//! where `header` is the first 30 bytes; `okm[0..32]` is the AEAD key,
//! `okm[32..64]` the key commitment; the nonce is the first 24 (XChaCha20) or
//! 12 (AES-GCM) bytes of the salt. The AEAD's associated
//! data is the first 62 bytes (header and commitment) followed by the
//! canonical context encoding. The commitment is compared (in constant time)
//! before anything is decrypted. Text form: `soc2e1:` + unpadded base64url of
//! the binary form.

use aes_gcm::Aes256Gcm;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chacha20poly1305::aead::{AeadInOut, KeyInit};
use chacha20poly1305::XChaCha20Poly1305;
use hkdf::Hkdf;
use sha2::Sha256;
use zeroize::Zeroizing;

use super::{random, CryptoError, Suite, MAX_PLAINTEXT};
use crate::ct;

/// Format version byte.
pub const VERSION: u8 = 1;
/// Prefix of the text form; its digit is the format version.
pub const TEXT_PREFIX: &str = "soc2e1:";
pub const KEY_ID_LEN: usize = 4;
pub const SALT_LEN: usize = 24;
pub const COMMIT_LEN: usize = 32;
pub const TAG_LEN: usize = 16;
/// version, suite, key id, salt.
pub const HEADER_LEN: usize = 2 + KEY_ID_LEN + SALT_LEN;
/// Everything before the AEAD ciphertext: header and commitment.
pub const PREFIX_LEN: usize = HEADER_LEN + COMMIT_LEN;
/// Bytes a binary ciphertext adds to its plaintext.
pub const OVERHEAD: usize = PREFIX_LEN + TAG_LEN;
/// Longest binary ciphertext accepted.
pub const MAX_CIPHERTEXT: usize = MAX_PLAINTEXT + OVERHEAD;
const INFO_LABEL: &[u8] = b"soc2/v1/message";

/// The public, unauthenticated header fields of a ciphertext.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    pub suite: Suite,
    pub key_id: [u8; KEY_ID_LEN],
    pub salt: [u8; SALT_LEN],
}

/// Reads the header of a binary ciphertext, checking version, suite and
/// length bounds. Says nothing about authenticity.
pub fn parse(bytes: &[u8]) -> Result<Header, CryptoError> {
    if bytes.len() < OVERHEAD || bytes.len() > MAX_CIPHERTEXT || bytes[0] != VERSION {
        return Err(CryptoError::Decrypt);
    }
    let suite = Suite::from_byte(bytes[1]).ok_or(CryptoError::Decrypt)?;
    let mut key_id = [0u8; KEY_ID_LEN];
    key_id.copy_from_slice(&bytes[2..2 + KEY_ID_LEN]);
    let mut salt = [0u8; SALT_LEN];
    salt.copy_from_slice(&bytes[2 + KEY_ID_LEN..HEADER_LEN]);
    Ok(Header {
        suite,
        key_id,
        salt,
    })
}

fn header_bytes(h: &Header) -> [u8; HEADER_LEN] {
    let mut out = [0u8; HEADER_LEN];
    out[0] = VERSION;
    out[1] = h.suite.byte();
    out[2..2 + KEY_ID_LEN].copy_from_slice(&h.key_id);
    out[2 + KEY_ID_LEN..].copy_from_slice(&h.salt);
    out
}

/// AEAD key, commitment and nonce of one message.
///
/// The data key is already a uniformly random 32-byte key, so it serves as the
/// HKDF pseudorandom key directly (RFC 5869 section 3.3: Extract may be skipped);
/// the salt enters through `info`, with the rest of the header. Two expand
/// blocks give key and commitment. Each message has its own AEAD key, so the
/// nonce can simply be the (random, unique) salt's first bytes.
struct MessageKeys<'h> {
    okm: Zeroizing<[u8; 64]>,
    nonce: &'h [u8],
}

impl<'h> MessageKeys<'h> {
    fn derive(dek: &[u8; 32], header: &'h [u8; HEADER_LEN], suite: Suite) -> Self {
        let mut okm = Zeroizing::new([0u8; 64]);
        Hkdf::<Sha256>::from_prk(dek)
            .expect("a 32-byte key is a valid HKDF-SHA256 PRK")
            .expand_multi_info(&[INFO_LABEL, header], okm.as_mut())
            .expect("64 bytes is a valid HKDF-SHA256 output length");
        let salt = &header[2 + KEY_ID_LEN..];
        Self {
            okm,
            nonce: &salt[..suite.nonce_len()],
        }
    }
    fn key(&self) -> &[u8] {
        &self.okm[..32]
    }
    fn commitment(&self) -> &[u8] {
        &self.okm[32..64]
    }
    fn nonce(&self) -> &[u8] {
        self.nonce
    }
}

fn aad(prefix: &[u8], context: &[u8]) -> Vec<u8> {
    let mut aad = Vec::with_capacity(prefix.len() + context.len());
    aad.extend_from_slice(prefix);
    aad.extend_from_slice(context);
    aad
}

/// Encrypts with a fresh random salt. `context` is a canonical encoding from
/// [`super::context`].
pub fn seal(
    dek: &[u8; 32],
    suite: Suite,
    key_id: [u8; KEY_ID_LEN],
    plaintext: &[u8],
    context: &[u8],
) -> Result<Vec<u8>, CryptoError> {
    seal_with_salt(
        dek,
        suite,
        key_id,
        random::<SALT_LEN>()?,
        plaintext,
        context,
    )
}

/// Encrypts with a caller-chosen salt: deterministic, for test vectors only.
/// A salt must never repeat under one key.
pub fn seal_with_salt(
    dek: &[u8; 32],
    suite: Suite,
    key_id: [u8; KEY_ID_LEN],
    salt: [u8; SALT_LEN],
    plaintext: &[u8],
    context: &[u8],
) -> Result<Vec<u8>, CryptoError> {
    if plaintext.len() > MAX_PLAINTEXT {
        return Err(CryptoError::TooLarge { max: MAX_PLAINTEXT });
    }
    let header = header_bytes(&Header {
        suite,
        key_id,
        salt,
    });
    let keys = MessageKeys::derive(dek, &header, suite);
    let mut out = Vec::with_capacity(OVERHEAD + plaintext.len());
    out.extend_from_slice(&header);
    out.extend_from_slice(keys.commitment());
    let aad = aad(&out, context);
    out.extend_from_slice(plaintext);
    let body = &mut out[PREFIX_LEN..];
    let tag = match suite {
        Suite::XChaCha20Poly1305 => XChaCha20Poly1305::new_from_slice(keys.key())
            .map_err(|_| CryptoError::Decrypt)?
            .encrypt_inout_detached(
                keys.nonce().try_into().map_err(|_| CryptoError::Decrypt)?,
                &aad,
                body.into(),
            )
            .map(<[u8; TAG_LEN]>::from),
        Suite::Aes256Gcm => Aes256Gcm::new_from_slice(keys.key())
            .map_err(|_| CryptoError::Decrypt)?
            .encrypt_inout_detached(
                keys.nonce().try_into().map_err(|_| CryptoError::Decrypt)?,
                &aad,
                body.into(),
            )
            .map(<[u8; TAG_LEN]>::from),
    }
    .map_err(|_| CryptoError::Decrypt)?;
    out.extend_from_slice(&tag);
    Ok(out)
}

/// Decrypts a binary ciphertext under `dek`, which the caller looked up by the
/// header's key id and which is used with `suite`. Every failure is
/// [`CryptoError::Decrypt`].
pub fn open(
    dek: &[u8; 32],
    suite: Suite,
    bytes: &[u8],
    context: &[u8],
) -> Result<Vec<u8>, CryptoError> {
    let header = parse(bytes)?;
    if header.suite != suite {
        return Err(CryptoError::Decrypt);
    }
    let header_raw: &[u8; HEADER_LEN] = bytes[..HEADER_LEN].try_into().expect("length checked");
    let keys = MessageKeys::derive(dek, header_raw, suite);
    // Key commitment first: a ciphertext opens under exactly one key.
    if !ct::eq(&bytes[HEADER_LEN..PREFIX_LEN], keys.commitment()) {
        return Err(CryptoError::Decrypt);
    }
    let aad = aad(&bytes[..PREFIX_LEN], context);
    let tag_at = bytes.len() - TAG_LEN;
    let tag: [u8; TAG_LEN] = bytes[tag_at..].try_into().expect("length checked");
    let mut out = bytes[PREFIX_LEN..tag_at].to_vec();
    let ok = match suite {
        Suite::XChaCha20Poly1305 => XChaCha20Poly1305::new_from_slice(keys.key())
            .map_err(|_| CryptoError::Decrypt)?
            .decrypt_inout_detached(
                keys.nonce().try_into().map_err(|_| CryptoError::Decrypt)?,
                &aad,
                out.as_mut_slice().into(),
                &tag.into(),
            )
            .is_ok(),
        Suite::Aes256Gcm => Aes256Gcm::new_from_slice(keys.key())
            .map_err(|_| CryptoError::Decrypt)?
            .decrypt_inout_detached(
                keys.nonce().try_into().map_err(|_| CryptoError::Decrypt)?,
                &aad,
                out.as_mut_slice().into(),
                &tag.into(),
            )
            .is_ok(),
    };
    if ok {
        Ok(out)
    } else {
        Err(CryptoError::Decrypt)
    }
}

/// True when `input` is in text form (starts with [`TEXT_PREFIX`]). A binary
/// ciphertext starts with the version byte 0x01, so the forms never overlap.
#[must_use]
pub fn is_text(input: &[u8]) -> bool {
    input.starts_with(TEXT_PREFIX.as_bytes())
}

/// Text form of a binary ciphertext.
#[must_use]
pub fn to_text(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(TEXT_PREFIX.len() + bytes.len().div_ceil(3) * 4);
    out.push_str(TEXT_PREFIX);
    URL_SAFE_NO_PAD.encode_string(bytes, &mut out);
    out
}

/// Binary form of a text ciphertext. Only canonical base64url is accepted, so
/// every change to the text is a change to the bytes or a refusal.
pub fn from_text(text: &[u8]) -> Result<Vec<u8>, CryptoError> {
    let body = text
        .strip_prefix(TEXT_PREFIX.as_bytes())
        .ok_or(CryptoError::Decrypt)?;
    if body.len() > (MAX_CIPHERTEXT * 4).div_ceil(3) {
        return Err(CryptoError::Decrypt);
    }
    URL_SAFE_NO_PAD
        .decode(body)
        .map_err(|_| CryptoError::Decrypt)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEK: [u8; 32] = [0x11; 32];
    const ID: [u8; 4] = [1, 2, 3, 4];

    #[test]
    fn round_trip_both_suites_many_sizes() {
        for suite in Suite::ALL {
            for len in [0usize, 1, 15, 16, 17, 63, 64, 65, 1000, 4096, 65_537] {
                let pt: Vec<u8> = (0..len).map(|i| (i * 31 + 7) as u8).collect();
                let ct = seal(&DEK, suite, ID, &pt, b"ctx").unwrap();
                assert_eq!(ct.len(), pt.len() + OVERHEAD);
                assert_eq!(open(&DEK, suite, &ct, b"ctx").unwrap(), pt);
                let text = to_text(&ct);
                assert!(text.is_ascii() && is_text(text.as_bytes()));
                assert_eq!(from_text(text.as_bytes()).unwrap(), ct);
            }
        }
    }

    #[test]
    fn every_single_byte_change_is_rejected() {
        for suite in Suite::ALL {
            let ct = seal(&DEK, suite, ID, b"hello", b"").unwrap();
            for i in 0..ct.len() {
                for delta in 1..=255u8 {
                    let mut bad = ct.clone();
                    bad[i] = bad[i].wrapping_add(delta);
                    assert_eq!(open(&DEK, suite, &bad, b""), Err(CryptoError::Decrypt));
                }
            }
            // Truncation and extension too.
            for n in 0..ct.len() {
                assert!(open(&DEK, suite, &ct[..n], b"").is_err());
            }
            let mut longer = ct.clone();
            longer.push(0);
            assert!(open(&DEK, suite, &longer, b"").is_err());
        }
    }

    #[test]
    fn every_single_character_change_of_text_is_rejected() {
        let text = to_text(&seal(&DEK, Suite::Aes256Gcm, ID, b"hi", b"").unwrap());
        let ok = text.as_bytes();
        for i in 0..ok.len() {
            for c in 0..=255u8 {
                if c == ok[i] {
                    continue;
                }
                let mut bad = ok.to_vec();
                bad[i] = c;
                let verdict = from_text(&bad).and_then(|b| open(&DEK, Suite::Aes256Gcm, &b, b""));
                assert!(verdict.is_err(), "position {i} char {c}");
            }
        }
    }

    #[test]
    fn wrong_key_context_or_suite_is_rejected() {
        let ct = seal(&DEK, Suite::XChaCha20Poly1305, ID, b"secret", b"a").unwrap();
        assert!(open(&[0x12; 32], Suite::XChaCha20Poly1305, &ct, b"a").is_err());
        assert!(open(&DEK, Suite::XChaCha20Poly1305, &ct, b"b").is_err());
        assert!(open(&DEK, Suite::XChaCha20Poly1305, &ct, b"").is_err());
        assert!(open(&DEK, Suite::Aes256Gcm, &ct, b"a").is_err());
    }

    #[test]
    fn garbage_and_limits() {
        for junk in [
            &b""[..],
            b"\x01",
            &[1u8; OVERHEAD - 1],
            &[0u8; 200],
            &[1, 9, 0, 0],
        ] {
            assert!(parse(junk).is_err());
        }
        for junk in [
            &b""[..],
            b"soc2e1:",
            b"soc2e1:!!!!",
            b"soc2e2:AAAA",
            b"SOC2E1:AAAA",
        ] {
            assert!(from_text(junk).and_then(|b| parse(&b)).is_err());
        }
        let big = vec![0u8; MAX_PLAINTEXT + 1];
        assert_eq!(
            seal(&DEK, Suite::Aes256Gcm, ID, &big, b""),
            Err(CryptoError::TooLarge { max: MAX_PLAINTEXT })
        );
    }

    #[test]
    fn salts_differ() {
        let a = seal(&DEK, Suite::Aes256Gcm, ID, b"x", b"").unwrap();
        let b = seal(&DEK, Suite::Aes256Gcm, ID, b"x", b"").unwrap();
        assert_ne!(a, b);
    }
}
