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

use aes_gcm::aead::consts::U12;
use aes_gcm::AesGcm;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chacha20poly1305::aead::inout::InOutBuf;
use chacha20poly1305::aead::{AeadInOut, KeyInit};
use chacha20poly1305::XChaCha20Poly1305;
use sha2::block_api::compress256;
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use super::{CryptoError, Suite, MAX_PLAINTEXT};
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

/// AES-256-GCM with the encrypt-only AES key schedule: GCM never runs the
/// block cipher backwards, so the inverse round keys would be wasted work on
/// every message (each message has its own key).
type Aes256Gcm = AesGcm<aes::Aes256Enc, U12>;

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

/// A data key prepared for per-message derivation with HKDF-SHA256, the key
/// serving as PRK. HKDF-Expand is HMAC-SHA256 keyed with the PRK; HMAC's
/// first compression of each hash (key XOR ipad, key XOR opad) depends on the
/// key alone, so it is done once, when the keyring is opened, and each message
/// pays only for the compressions of its own input: 2 + 3 for the 64-byte
/// output (SHA-256's block function from sha2, driven directly; the unit test
/// `expand_matches_the_hkdf_crate` checks it against the `hkdf` crate).
/// Key-equivalent: wiped on drop.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct MessageKey {
    inner: [u32; 8],
    outer: [u32; 8],
}

/// SHA-256 initial hash value (FIPS 180-4, 5.3.3).
const SHA256_IV: [u32; 8] = [
    0x6a09_e667,
    0xbb67_ae85,
    0x3c6e_f372,
    0xa54f_f53a,
    0x510e_527f,
    0x9b05_688c,
    0x1f83_d9ab,
    0x5be0_cd19,
];

impl MessageKey {
    #[must_use]
    pub fn new(dek: &[u8; 32]) -> Self {
        let mut block = Zeroizing::new([0x36u8; 64]);
        for (b, k) in block.iter_mut().zip(dek) {
            *b ^= k;
        }
        let mut inner = SHA256_IV;
        compress256(&mut inner, &[*block]);
        for b in block.iter_mut() {
            *b ^= 0x36 ^ 0x5c;
        }
        let mut outer = SHA256_IV;
        compress256(&mut outer, &[*block]);
        Self { inner, outer }
    }

    /// HMAC-SHA256 of the concatenated `parts` (at most 119 bytes: two
    /// blocks with SHA-256 padding) into `out`.
    fn hmac(&self, parts: &[&[u8]], out: &mut [u8; 32]) {
        // Of the inputs only T(1), the first 32 bytes of T(2)'s input, is
        // secret: wiping those (not all 128 bytes, byte by byte) is enough.
        let mut blocks = [[0u8; 64]; 2];
        let flat = blocks.as_flattened_mut();
        let mut len = 0;
        for p in parts {
            flat[len..len + p.len()].copy_from_slice(p);
            len += p.len();
        }
        assert!(len <= 119, "HMAC input too long for two blocks");
        flat[len] = 0x80;
        let n = if len <= 55 { 1 } else { 2 };
        let bits = (64 + len as u64) * 8;
        flat[n * 64 - 8..n * 64].copy_from_slice(&bits.to_be_bytes());
        let mut state = Zeroizing::new(self.inner);
        compress256(&mut state, &blocks[..n]);
        blocks[0][..32].zeroize();
        // Outer hash: the 32-byte inner digest, padded, after the opad block.
        let mut block = [0u8; 64];
        for (chunk, word) in block.chunks_exact_mut(4).zip(state.iter()) {
            chunk.copy_from_slice(&word.to_be_bytes());
        }
        block[32] = 0x80;
        block[56..].copy_from_slice(&((64u64 + 32) * 8).to_be_bytes());
        *state = self.outer;
        compress256(&mut state, &[block]);
        block[..32].zeroize();
        for (chunk, word) in out.chunks_exact_mut(4).zip(state.iter()) {
            chunk.copy_from_slice(&word.to_be_bytes());
        }
    }

    /// HKDF-Expand(PRK, info = concatenated `info`, L = 64) (RFC 5869 2.3):
    /// T(1) = HMAC(PRK, info || 0x01), T(2) = HMAC(PRK, T(1) || info || 0x02).
    fn expand64(&self, info: &[&[u8]; 2], okm: &mut [u8; 64]) {
        let (t1, t2) = okm.split_at_mut(32);
        let t1: &mut [u8; 32] = t1.try_into().expect("32 bytes");
        self.hmac(&[info[0], info[1], &[1]], t1);
        let t2: &mut [u8; 32] = t2.try_into().expect("32 bytes");
        self.hmac(&[&t1[..], info[0], info[1], &[2]], t2);
    }
}

impl std::fmt::Debug for MessageKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MessageKey(..)")
    }
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
    fn derive(key: &MessageKey, header: &'h [u8; HEADER_LEN], suite: Suite) -> Self {
        let mut okm = Zeroizing::new([0u8; 64]);
        key.expand64(&[INFO_LABEL, header], &mut okm);
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

/// Runs `f` on `prefix || context`, built on the stack when it is small (the
/// usual case: a few short context entries), so no allocation per message.
fn with_aad<R>(prefix: &[u8], context: &[u8], f: impl FnOnce(&[u8]) -> R) -> R {
    const STACK: usize = 512;
    let len = prefix.len() + context.len();
    if len <= STACK {
        let mut buf = [0u8; STACK];
        buf[..prefix.len()].copy_from_slice(prefix);
        buf[prefix.len()..len].copy_from_slice(context);
        f(&buf[..len])
    } else {
        let mut buf = Vec::with_capacity(len);
        buf.extend_from_slice(prefix);
        buf.extend_from_slice(context);
        f(&buf)
    }
}

/// Salts for new messages, from the fork-safe batched source.
mod salts {
    use super::SALT_LEN;
    use crate::crypto::CryptoError;

    /// A salt no other call, in this or any other process, returns.
    pub(super) fn fresh() -> Result<[u8; SALT_LEN], CryptoError> {
        let mut salt = [0u8; SALT_LEN];
        crate::random::fill(&mut salt).map_err(|_| CryptoError::Random)?;
        Ok(salt)
    }
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
    seal_with_salt(dek, suite, key_id, salts::fresh()?, plaintext, context)
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
    let mut out = vec![0u8; OVERHEAD + plaintext.len()];
    out[PREFIX_LEN..PREFIX_LEN + plaintext.len()].copy_from_slice(plaintext);
    seal_in_place_with_salt(
        &MessageKey::new(dek),
        suite,
        key_id,
        salt,
        &mut out,
        context,
    )?;
    Ok(out)
}

/// Encrypts in place with a fresh random salt. `buf` is the whole binary
/// ciphertext to be: `OVERHEAD + n` bytes with the n-byte plaintext at
/// `buf[PREFIX_LEN..PREFIX_LEN + n]`; header, commitment and tag are written
/// around it. Lets the caller own the one buffer (e.g. a PHP string).
pub fn seal_in_place(
    key: &MessageKey,
    suite: Suite,
    key_id: [u8; KEY_ID_LEN],
    buf: &mut [u8],
    context: &[u8],
) -> Result<(), CryptoError> {
    seal_in_place_with_salt(key, suite, key_id, salts::fresh()?, buf, context)
}

fn seal_in_place_with_salt(
    key: &MessageKey,
    suite: Suite,
    key_id: [u8; KEY_ID_LEN],
    salt: [u8; SALT_LEN],
    buf: &mut [u8],
    context: &[u8],
) -> Result<(), CryptoError> {
    let Some(n) = buf.len().checked_sub(OVERHEAD) else {
        return Err(CryptoError::Decrypt);
    };
    if n > MAX_PLAINTEXT {
        return Err(CryptoError::TooLarge { max: MAX_PLAINTEXT });
    }
    let header = header_bytes(&Header {
        suite,
        key_id,
        salt,
    });
    let keys = MessageKeys::derive(key, &header, suite);
    let (prefix, rest) = buf.split_at_mut(PREFIX_LEN);
    prefix[..HEADER_LEN].copy_from_slice(&header);
    prefix[HEADER_LEN..].copy_from_slice(keys.commitment());
    let (body, tag_out) = rest.split_at_mut(n);
    let tag = with_aad(prefix, context, |aad| match suite {
        Suite::XChaCha20Poly1305 => XChaCha20Poly1305::new_from_slice(keys.key())
            .map_err(|_| CryptoError::Decrypt)?
            .encrypt_inout_detached(
                keys.nonce().try_into().map_err(|_| CryptoError::Decrypt)?,
                aad,
                body.into(),
            )
            .map(<[u8; TAG_LEN]>::from)
            .map_err(|_| CryptoError::Decrypt),
        Suite::Aes256Gcm => Aes256Gcm::new_from_slice(keys.key())
            .map_err(|_| CryptoError::Decrypt)?
            .encrypt_inout_detached(
                keys.nonce().try_into().map_err(|_| CryptoError::Decrypt)?,
                aad,
                body.into(),
            )
            .map(<[u8; TAG_LEN]>::from)
            .map_err(|_| CryptoError::Decrypt),
    })?;
    tag_out.copy_from_slice(&tag);
    Ok(())
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
    parse(bytes)?;
    let mut out = vec![0u8; bytes.len() - OVERHEAD];
    open_into(&MessageKey::new(dek), suite, bytes, context, &mut out)?;
    Ok(out)
}

/// Decrypts the binary ciphertext `bytes` into `out`, which must be exactly
/// `bytes.len() - OVERHEAD` bytes long (its prior content is ignored). The
/// tag is verified before anything is written to `out`, so on failure `out`
/// holds no plaintext. Every failure is [`CryptoError::Decrypt`].
pub fn open_into(
    key: &MessageKey,
    suite: Suite,
    bytes: &[u8],
    context: &[u8],
    out: &mut [u8],
) -> Result<(), CryptoError> {
    let header = parse(bytes)?;
    if header.suite != suite || out.len() != bytes.len() - OVERHEAD {
        return Err(CryptoError::Decrypt);
    }
    let header_raw: &[u8; HEADER_LEN] = bytes[..HEADER_LEN].try_into().expect("length checked");
    let keys = MessageKeys::derive(key, header_raw, suite);
    // Key commitment first: a ciphertext opens under exactly one key.
    if !ct::eq(&bytes[HEADER_LEN..PREFIX_LEN], keys.commitment()) {
        return Err(CryptoError::Decrypt);
    }
    let tag_at = bytes.len() - TAG_LEN;
    let tag: [u8; TAG_LEN] = bytes[tag_at..].try_into().expect("length checked");
    let body = InOutBuf::new(&bytes[PREFIX_LEN..tag_at], out).map_err(|_| CryptoError::Decrypt)?;
    let ok = with_aad(&bytes[..PREFIX_LEN], context, |aad| match suite {
        Suite::XChaCha20Poly1305 => XChaCha20Poly1305::new_from_slice(keys.key())
            .map_err(|_| CryptoError::Decrypt)?
            .decrypt_inout_detached(
                keys.nonce().try_into().map_err(|_| CryptoError::Decrypt)?,
                aad,
                body,
                &tag.into(),
            )
            .map_err(|_| CryptoError::Decrypt),
        Suite::Aes256Gcm => Aes256Gcm::new_from_slice(keys.key())
            .map_err(|_| CryptoError::Decrypt)?
            .decrypt_inout_detached(
                keys.nonce().try_into().map_err(|_| CryptoError::Decrypt)?,
                aad,
                body,
                &tag.into(),
            )
            .map_err(|_| CryptoError::Decrypt),
    });
    ok
}

/// True when `input` is in text form (starts with [`TEXT_PREFIX`]). A binary
/// ciphertext starts with the version byte 0x01, so the forms never overlap.
#[must_use]
pub fn is_text(input: &[u8]) -> bool {
    input.starts_with(TEXT_PREFIX.as_bytes())
}

/// Length of the text form of a binary ciphertext of `binary_len` bytes.
#[must_use]
pub fn text_len(binary_len: usize) -> usize {
    TEXT_PREFIX.len() + (binary_len * 4).div_ceil(3)
}

/// Text form of a binary ciphertext.
#[must_use]
pub fn to_text(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(text_len(bytes.len()));
    out.push_str(TEXT_PREFIX);
    URL_SAFE_NO_PAD.encode_string(bytes, &mut out);
    out
}

/// Writes the text form of `bytes` into `out`, which must be exactly
/// [`text_len`]`(bytes.len())` bytes: no intermediate buffer.
pub fn to_text_into(bytes: &[u8], out: &mut [u8]) -> Result<(), CryptoError> {
    if out.len() != text_len(bytes.len()) {
        return Err(CryptoError::Decrypt);
    }
    let (prefix, body) = out.split_at_mut(TEXT_PREFIX.len());
    prefix.copy_from_slice(TEXT_PREFIX.as_bytes());
    URL_SAFE_NO_PAD
        .encode_slice(bytes, body)
        .map_err(|_| CryptoError::Decrypt)?;
    Ok(())
}

/// Room [`from_text_into`] needs for a text ciphertext of `text_len` bytes.
#[must_use]
pub fn binary_capacity(text_len: usize) -> usize {
    text_len.saturating_sub(TEXT_PREFIX.len()).div_ceil(4) * 3
}

fn text_body(text: &[u8]) -> Result<&[u8], CryptoError> {
    let body = text
        .strip_prefix(TEXT_PREFIX.as_bytes())
        .ok_or(CryptoError::Decrypt)?;
    if body.len() > (MAX_CIPHERTEXT * 4).div_ceil(3) {
        return Err(CryptoError::Decrypt);
    }
    Ok(body)
}

/// Binary form of a text ciphertext. Only canonical base64url is accepted, so
/// every change to the text is a change to the bytes or a refusal.
pub fn from_text(text: &[u8]) -> Result<Vec<u8>, CryptoError> {
    URL_SAFE_NO_PAD
        .decode(text_body(text)?)
        .map_err(|_| CryptoError::Decrypt)
}

/// Like [`from_text`], decoding into `buf` (at least
/// [`binary_capacity`]`(text.len())` bytes); returns the binary length.
pub fn from_text_into(text: &[u8], buf: &mut [u8]) -> Result<usize, CryptoError> {
    URL_SAFE_NO_PAD
        .decode_slice(text_body(text)?, buf)
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
    fn expand_matches_the_hkdf_crate() {
        use hkdf::Hkdf;
        use sha2::Sha256;
        for seed in 0u8..20 {
            let dek: [u8; 32] = std::array::from_fn(|i| (i as u8).wrapping_mul(seed) ^ seed);
            let key = MessageKey::new(&dek);
            // Info lengths around every padding boundary of both HMAC inputs.
            for len in 0..=86usize {
                let info: Vec<u8> = (0..len).map(|i| (i as u8) ^ seed).collect();
                let split = len / 3;
                let mut ours = [0u8; 64];
                key.expand64(&[&info[..split], &info[split..]], &mut ours);
                let mut theirs = [0u8; 64];
                Hkdf::<Sha256>::from_prk(&dek)
                    .unwrap()
                    .expand(&info, &mut theirs)
                    .unwrap();
                assert_eq!(ours, theirs, "seed {seed} info length {len}");
            }
        }
    }

    #[test]
    fn many_salts_are_distinct() {
        let mut seen = std::collections::HashSet::new();
        for _ in 0..1000 {
            assert!(seen.insert(salts::fresh().unwrap()));
        }
    }

    #[test]
    fn salts_differ() {
        let a = seal(&DEK, Suite::Aes256Gcm, ID, b"x", b"").unwrap();
        let b = seal(&DEK, Suite::Aes256Gcm, ID, b"x", b"").unwrap();
        assert_ne!(a, b);
    }
}
