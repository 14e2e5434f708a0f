//! The keyring: data keys (DEKs), each wrapped under a key derived from the
//! master key, in a JSON document authenticated as a whole by an HMAC.
//!
//! The master key derives two keys with HKDF-SHA256 (no salt):
//! `wrap = info "soc2/v1/keyring-wrap"` encrypts each DEK with
//! XChaCha20-Poly1305 (random 24-byte nonce, associated data
//! `"soc2/v1/dek" || key id || suite byte`), and `mac = info "soc2/v1/keyring-mac"`
//! keys an HMAC-SHA256 over a canonical encoding of every field (see
//! docs/FORMAT.md), so changing the primary, a status, a suite, a date, or
//! adding, removing or reordering keys makes `load` fail. Rewrapping under a
//! new master key rewrites only this document: data keys, and so every
//! ciphertext, stay as they are.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chacha20poly1305::aead::{AeadInOut, KeyInit};
use chacha20poly1305::XChaCha20Poly1305;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use zeroize::Zeroizing;

use super::ciphertext::{self, KEY_ID_LEN};
use super::master_key::MasterKey;
use super::{hex, random, unhex, CryptoError, Suite};
use crate::ct;

/// The `format` member of every keyring document.
pub const FORMAT: &str = "soc2-keyring";
/// The `version` member this code reads and writes.
pub const FORMAT_VERSION: u32 = 1;
/// Most keys a keyring may hold (bounds the work a hostile file can cause).
pub const MAX_KEYS: usize = 4096;
const WRAP_LABEL: &[u8] = b"soc2/v1/keyring-wrap";
const MAC_LABEL: &[u8] = b"soc2/v1/keyring-mac";
const MAC_DOMAIN: &[u8] = b"soc2/v1/keyring";
const DEK_AAD_LABEL: &[u8] = b"soc2/v1/dek";
/// Associated data of the wrapped blind-index root key.
const BLIND_INDEX_AAD: &[u8] = b"soc2/v1/blind-index-key";
const WRAP_NONCE_LEN: usize = 24;
/// nonce, wrapped 32-byte key, tag.
pub const WRAPPED_LEN: usize = WRAP_NONCE_LEN + 32 + 16;

/// A copy of the primary data key, its suite and its id.
pub(crate) type PrimaryKey = (Zeroizing<[u8; 32]>, Suite, [u8; KEY_ID_LEN]);

/// Whether a data key still encrypts. Retired keys only decrypt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Active,
    Retired,
}

impl Status {
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Retired => "retired",
        }
    }
    fn from_name(s: &str) -> Option<Self> {
        [Self::Active, Self::Retired]
            .into_iter()
            .find(|x| x.name() == s)
    }
}

struct DataKey {
    id: [u8; KEY_ID_LEN],
    suite: Suite,
    status: Status,
    created_at: i64,
    key: Zeroizing<[u8; 32]>,
    /// `key` prepared for per-message derivation (computed once, not per message).
    msg: ciphertext::MessageKey,
}

/// Public facts about one data key; never its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyInfo {
    pub id: String,
    pub suite: &'static str,
    pub status: &'static str,
    pub created_at: i64,
    pub primary: bool,
}

/// An opened keyring: the master key it is wrapped under and its data keys.
pub struct Keyring {
    master: MasterKey,
    primary: [u8; KEY_ID_LEN],
    keys: Vec<DataKey>,
    /// Root of the blind-index keys (see `blind_index.rs`): separate from the
    /// data keys and kept across rotations, so indexes never change.
    blind_root: Zeroizing<[u8; 32]>,
}

impl std::fmt::Debug for Keyring {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Keyring")
            .field("master_key_id", &self.master.id())
            .field("primary", &hex(&self.primary))
            .field("keys", &self.keys.len())
            .finish()
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Document {
    format: String,
    version: u32,
    master_key_id: String,
    primary: String,
    keys: Vec<DocumentKey>,
    blind_index_key: String,
    mac: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct DocumentKey {
    id: String,
    suite: String,
    status: String,
    created_at: i64,
    wrapped: String,
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

fn bad(msg: &str) -> CryptoError {
    CryptoError::Key(msg.to_owned())
}

const AUTH_FAILED: &str =
    "keyring authentication failed: it was modified, or not written with this master key";

impl Keyring {
    /// A new keyring with one fresh data key for `suite`.
    pub fn create(master: &MasterKey, suite: Suite) -> Result<Self, CryptoError> {
        let mut ring = Self {
            master: master.clone(),
            primary: [0; KEY_ID_LEN],
            keys: Vec::new(),
            blind_root: Zeroizing::new(random::<32>()?),
        };
        ring.rotate(Some(suite))?;
        Ok(ring)
    }

    /// Adds a fresh data key (for `suite`, or the current primary's suite),
    /// makes it the primary and retires the previous one. Returns its id.
    pub fn rotate(&mut self, suite: Option<Suite>) -> Result<String, CryptoError> {
        if self.keys.len() >= MAX_KEYS {
            return Err(bad("the keyring already holds the maximum number of keys"));
        }
        let suite = suite
            .or_else(|| self.primary_key().map(|k| k.suite))
            .unwrap_or(Suite::XChaCha20Poly1305);
        let id = loop {
            let candidate = random::<KEY_ID_LEN>()?;
            if self.find(&candidate).is_none() {
                break candidate;
            }
        };
        let key = Zeroizing::new(random::<32>()?);
        for k in &mut self.keys {
            k.status = Status::Retired;
        }
        self.keys.push(DataKey {
            id,
            suite,
            status: Status::Active,
            created_at: now(),
            msg: ciphertext::MessageKey::new(&key),
            key,
        });
        self.primary = id;
        Ok(hex(&id))
    }

    /// A keyring from fixed parts, for the test vectors of docs/FORMAT.md.
    #[cfg(test)]
    #[allow(clippy::type_complexity)] // test-only: a table of fixed parts
    pub(crate) fn from_parts(
        master: &MasterKey,
        primary: [u8; KEY_ID_LEN],
        keys: &[([u8; KEY_ID_LEN], Suite, Status, i64, [u8; 32])],
        blind_root: [u8; 32],
    ) -> Self {
        Self {
            master: master.clone(),
            primary,
            blind_root: Zeroizing::new(blind_root),
            keys: keys
                .iter()
                .map(|(id, suite, status, created_at, key)| DataKey {
                    id: *id,
                    suite: *suite,
                    status: *status,
                    created_at: *created_at,
                    key: Zeroizing::new(*key),
                    msg: ciphertext::MessageKey::new(key),
                })
                .collect(),
        }
    }

    fn find(&self, id: &[u8; KEY_ID_LEN]) -> Option<&DataKey> {
        self.keys.iter().find(|k| &k.id == id)
    }

    fn primary_key(&self) -> Option<&DataKey> {
        self.find(&self.primary)
    }

    /// The primary data key (a copy), its suite and id: for the file format.
    pub(crate) fn primary_data_key(&self) -> Result<PrimaryKey, CryptoError> {
        let k = self
            .primary_key()
            .ok_or_else(|| bad("the keyring has no primary key"))?;
        Ok((k.key.clone(), k.suite, k.id))
    }

    /// The data key (a copy) with this id and its suite, or `UnknownKey`.
    pub(crate) fn data_key(
        &self,
        id: &[u8; KEY_ID_LEN],
    ) -> Result<(Zeroizing<[u8; 32]>, Suite), CryptoError> {
        self.find(id)
            .map(|k| (k.key.clone(), k.suite))
            .ok_or_else(|| CryptoError::UnknownKey(hex(id)))
    }

    /// The blind-index root key.
    pub(crate) fn blind_root(&self) -> &[u8; 32] {
        &self.blind_root
    }

    /// Id of the key new ciphertexts are made with (8 lowercase hex digits).
    #[must_use]
    pub fn primary_id(&self) -> String {
        hex(&self.primary)
    }

    /// Fingerprint of the master key the keyring is wrapped under.
    #[must_use]
    pub fn master_key_id(&self) -> String {
        self.master.id()
    }

    /// Metadata of every key, oldest first.
    #[must_use]
    pub fn keys(&self) -> Vec<KeyInfo> {
        self.keys
            .iter()
            .map(|k| KeyInfo {
                id: hex(&k.id),
                suite: k.suite.name(),
                status: k.status.name(),
                created_at: k.created_at,
                primary: k.id == self.primary,
            })
            .collect()
    }

    /// The keyring document, wrapped under `wrap_with` (rewrap) or else under
    /// the master key it was opened with.
    pub fn to_json(&self, wrap_with: Option<&MasterKey>) -> Result<String, CryptoError> {
        self.to_json_with(wrap_with.unwrap_or(&self.master), &mut || {
            random::<WRAP_NONCE_LEN>()
        })
    }

    /// Makes `master` the key this keyring is written under from now on.
    pub fn rewrap(&mut self, master: &MasterKey) {
        self.master = master.clone();
    }

    pub(crate) fn to_json_with(
        &self,
        master: &MasterKey,
        nonce: &mut dyn FnMut() -> Result<[u8; WRAP_NONCE_LEN], CryptoError>,
    ) -> Result<String, CryptoError> {
        let wrap_key = master.derive_key(WRAP_LABEL);
        let cipher = XChaCha20Poly1305::new_from_slice(wrap_key.as_ref())
            .map_err(|_| bad("cannot build the wrapping cipher"))?;
        let mut wrapped_all = Vec::with_capacity(self.keys.len());
        for k in &self.keys {
            let n = nonce()?;
            let mut buf = Zeroizing::new(*k.key);
            let tag = cipher
                .encrypt_inout_detached(
                    (&n).into(),
                    &dek_aad(&k.id, k.suite),
                    buf.as_mut_slice().into(),
                )
                .map_err(|_| bad("cannot wrap a data key"))?;
            let mut wrapped = Vec::with_capacity(WRAPPED_LEN);
            wrapped.extend_from_slice(&n);
            wrapped.extend_from_slice(buf.as_ref());
            wrapped.extend_from_slice(&tag);
            wrapped_all.push(wrapped);
        }
        let blind_wrapped = {
            let n = nonce()?;
            let mut buf = Zeroizing::new(*self.blind_root);
            let tag = cipher
                .encrypt_inout_detached((&n).into(), BLIND_INDEX_AAD, buf.as_mut_slice().into())
                .map_err(|_| bad("cannot wrap the blind-index key"))?;
            let mut wrapped = Vec::with_capacity(WRAPPED_LEN);
            wrapped.extend_from_slice(&n);
            wrapped.extend_from_slice(buf.as_ref());
            wrapped.extend_from_slice(&tag);
            wrapped
        };
        let mut doc = Document {
            format: FORMAT.into(),
            version: FORMAT_VERSION,
            master_key_id: master.id(),
            primary: hex(&self.primary),
            keys: self
                .keys
                .iter()
                .zip(&wrapped_all)
                .map(|(k, w)| DocumentKey {
                    id: hex(&k.id),
                    suite: k.suite.name().into(),
                    status: k.status.name().into(),
                    created_at: k.created_at,
                    wrapped: URL_SAFE_NO_PAD.encode(w),
                })
                .collect(),
            blind_index_key: URL_SAFE_NO_PAD.encode(&blind_wrapped),
            mac: String::new(),
        };
        let mac = mac_of(master, &doc, &wrapped_all, &blind_wrapped)?;
        doc.mac = URL_SAFE_NO_PAD.encode(mac);
        let mut out =
            serde_json::to_string_pretty(&doc).map_err(|_| bad("cannot encode the keyring"))?;
        out.push('\n');
        Ok(out)
    }

    /// Opens a keyring document with its master key. Any change to the
    /// document, or the wrong master key, is a [`CryptoError::Key`].
    pub fn load(json: &[u8], master: &MasterKey) -> Result<Self, CryptoError> {
        let doc: Document = serde_json::from_slice(json).map_err(|e| {
            CryptoError::Key(format!(
                "not a soc2 keyring: invalid JSON at line {} column {} ({})",
                e.line(),
                e.column(),
                match e.classify() {
                    serde_json::error::Category::Data => "unexpected member or value",
                    serde_json::error::Category::Eof => "unexpected end",
                    _ => "syntax error",
                }
            ))
        })?;
        if doc.format != FORMAT {
            return Err(bad(
                "not a soc2 keyring (the \"format\" member is not \"soc2-keyring\")",
            ));
        }
        if doc.version != FORMAT_VERSION {
            return Err(CryptoError::Key(format!(
                "unsupported keyring version {} (this build reads version {FORMAT_VERSION})",
                doc.version
            )));
        }
        if doc.keys.is_empty() || doc.keys.len() > MAX_KEYS {
            return Err(bad("the keyring holds no keys or too many keys"));
        }
        let expected_id = master.id();
        if doc.master_key_id != expected_id {
            return Err(match unhex::<8>(&doc.master_key_id) {
                Some(_) => CryptoError::Key(format!(
                    "the keyring is wrapped under master key {}, not under this master key ({expected_id})",
                    doc.master_key_id
                )),
                None => bad(AUTH_FAILED),
            });
        }
        let wrapped_all = doc
            .keys
            .iter()
            .map(|k| {
                URL_SAFE_NO_PAD
                    .decode(&k.wrapped)
                    .ok()
                    .filter(|w| w.len() == WRAPPED_LEN)
            })
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| bad(AUTH_FAILED))?;
        let blind_wrapped = URL_SAFE_NO_PAD
            .decode(&doc.blind_index_key)
            .ok()
            .filter(|w| w.len() == WRAPPED_LEN)
            .ok_or_else(|| bad(AUTH_FAILED))?;
        let given_mac = URL_SAFE_NO_PAD
            .decode(&doc.mac)
            .map_err(|_| bad(AUTH_FAILED))?;
        if !ct::eq(
            &given_mac,
            &mac_of(master, &doc, &wrapped_all, &blind_wrapped)?,
        ) {
            return Err(bad(AUTH_FAILED));
        }
        // Authentic from here on; still check everything rather than trust it.
        let wrap_key = master.derive_key(WRAP_LABEL);
        let cipher = XChaCha20Poly1305::new_from_slice(wrap_key.as_ref())
            .map_err(|_| bad("cannot build the wrapping cipher"))?;
        let mut keys: Vec<DataKey> = Vec::with_capacity(doc.keys.len());
        for (k, wrapped) in doc.keys.iter().zip(&wrapped_all) {
            let id = unhex::<KEY_ID_LEN>(&k.id).ok_or_else(|| bad("a key id is malformed"))?;
            if keys.iter().any(|other| other.id == id) {
                return Err(bad("a key id is repeated"));
            }
            let suite =
                Suite::from_name(&k.suite).ok_or_else(|| bad("a key has an unknown suite"))?;
            let status =
                Status::from_name(&k.status).ok_or_else(|| bad("a key has an unknown status"))?;
            let (nonce, rest) = wrapped.split_at(WRAP_NONCE_LEN);
            let (body, tag) = rest.split_at(32);
            let mut key = Zeroizing::new([0u8; 32]);
            key.copy_from_slice(body);
            let tag: [u8; 16] = tag.try_into().map_err(|_| bad(AUTH_FAILED))?;
            let nonce: [u8; WRAP_NONCE_LEN] = nonce.try_into().map_err(|_| bad(AUTH_FAILED))?;
            cipher
                .decrypt_inout_detached(
                    (&nonce).into(),
                    &dek_aad(&id, suite),
                    key.as_mut_slice().into(),
                    (&tag).into(),
                )
                .map_err(|_| bad(AUTH_FAILED))?;
            keys.push(DataKey {
                id,
                suite,
                status,
                created_at: k.created_at,
                msg: ciphertext::MessageKey::new(&key),
                key,
            });
        }
        let blind_root = {
            let (nonce, rest) = blind_wrapped.split_at(WRAP_NONCE_LEN);
            let (body, tag) = rest.split_at(32);
            let mut key = Zeroizing::new([0u8; 32]);
            key.copy_from_slice(body);
            let tag: [u8; 16] = tag.try_into().map_err(|_| bad(AUTH_FAILED))?;
            let nonce: [u8; WRAP_NONCE_LEN] = nonce.try_into().map_err(|_| bad(AUTH_FAILED))?;
            cipher
                .decrypt_inout_detached(
                    (&nonce).into(),
                    BLIND_INDEX_AAD,
                    key.as_mut_slice().into(),
                    (&tag).into(),
                )
                .map_err(|_| bad(AUTH_FAILED))?;
            key
        };
        let primary = unhex::<KEY_ID_LEN>(&doc.primary)
            .ok_or_else(|| bad("the primary key id is malformed"))?;
        match keys.iter().find(|k| k.id == primary) {
            Some(k) if k.status == Status::Active => {}
            Some(_) => return Err(bad("the primary key is retired")),
            None => return Err(bad("the primary key is not in the keyring")),
        }
        Ok(Self {
            master: master.clone(),
            primary,
            keys,
            blind_root,
        })
    }

    fn key_for(&self, header: &ciphertext::Header) -> Result<&DataKey, CryptoError> {
        self.find(&header.key_id)
            .ok_or_else(|| CryptoError::UnknownKey(hex(&header.key_id)))
    }

    /// Binary ciphertext under the primary key. `context` is canonical bytes
    /// from [`super::context`].
    pub fn encrypt(&self, plaintext: &[u8], context: &[u8]) -> Result<Vec<u8>, CryptoError> {
        if plaintext.len() > super::MAX_PLAINTEXT {
            return Err(CryptoError::TooLarge {
                max: super::MAX_PLAINTEXT,
            });
        }
        let mut out = vec![0u8; ciphertext::OVERHEAD + plaintext.len()];
        out[ciphertext::PREFIX_LEN..ciphertext::PREFIX_LEN + plaintext.len()]
            .copy_from_slice(plaintext);
        self.seal_in_place(&mut out, context)?;
        Ok(out)
    }

    /// Encrypts in place under the primary key: `buf` is `OVERHEAD + n` bytes
    /// with the plaintext at `buf[PREFIX_LEN..PREFIX_LEN + n]` (see
    /// [`ciphertext::seal_in_place`]). For callers that own the output buffer.
    pub fn seal_in_place(&self, buf: &mut [u8], context: &[u8]) -> Result<(), CryptoError> {
        if buf.len() > ciphertext::MAX_CIPHERTEXT {
            return Err(CryptoError::TooLarge {
                max: super::MAX_PLAINTEXT,
            });
        }
        let k = self
            .primary_key()
            .ok_or_else(|| bad("the keyring has no primary key"))?;
        ciphertext::seal_in_place(&k.msg, k.suite, k.id, buf, context)
    }

    /// Decrypts a binary ciphertext into `out`, exactly `bytes.len() - OVERHEAD`
    /// bytes (see [`ciphertext::open_into`]). For callers that own the output buffer.
    pub fn open_into(
        &self,
        bytes: &[u8],
        context: &[u8],
        out: &mut [u8],
    ) -> Result<(), CryptoError> {
        let header = ciphertext::parse(bytes)?;
        let k = self.key_for(&header)?;
        ciphertext::open_into(&k.msg, k.suite, bytes, context, out)
    }

    /// Text ciphertext (`soc2e1:` + base64url) under the primary key.
    pub fn encrypt_text(&self, plaintext: &[u8], context: &[u8]) -> Result<String, CryptoError> {
        self.encrypt(plaintext, context)
            .map(|b| ciphertext::to_text(&b))
    }

    /// Opens a binary ciphertext.
    pub fn decrypt(&self, bytes: &[u8], context: &[u8]) -> Result<Vec<u8>, CryptoError> {
        ciphertext::parse(bytes)?;
        let mut out = vec![0u8; bytes.len() - ciphertext::OVERHEAD];
        self.open_into(bytes, context, &mut out)?;
        Ok(out)
    }

    /// Opens a text ciphertext.
    pub fn decrypt_text(&self, text: &[u8], context: &[u8]) -> Result<Vec<u8>, CryptoError> {
        self.decrypt(&ciphertext::from_text(text)?, context)
    }

    /// True when a ciphertext (either form) was made with a key other than
    /// the primary. Reads the header only; says nothing about authenticity.
    pub fn needs_reencrypt(&self, input: &[u8]) -> Result<bool, CryptoError> {
        let header = if ciphertext::is_text(input) {
            ciphertext::parse(&ciphertext::from_text(input)?)?
        } else {
            ciphertext::parse(input)?
        };
        self.key_for(&header)?;
        Ok(header.key_id != self.primary)
    }

    /// Decrypts a ciphertext (either form) and encrypts it again under the
    /// primary key, in the same form.
    pub fn reencrypt(&self, input: &[u8], context: &[u8]) -> Result<Vec<u8>, CryptoError> {
        if ciphertext::is_text(input) {
            let plain = Zeroizing::new(self.decrypt_text(input, context)?);
            self.encrypt_text(&plain, context).map(String::into_bytes)
        } else {
            let plain = Zeroizing::new(self.decrypt(input, context)?);
            self.encrypt(&plain, context)
        }
    }
}

fn dek_aad(id: &[u8; KEY_ID_LEN], suite: Suite) -> Vec<u8> {
    let mut aad = Vec::with_capacity(DEK_AAD_LABEL.len() + KEY_ID_LEN + 1);
    aad.extend_from_slice(DEK_AAD_LABEL);
    aad.extend_from_slice(id);
    aad.push(suite.byte());
    aad
}

/// HMAC-SHA256 under the master key's MAC key over the canonical encoding:
/// `lp(domain) || lp(master_key_id) || lp(primary) || u32be(count)` then per key
/// `lp(id) || lp(suite) || lp(status) || i64be(created_at) || lp(wrapped bytes)`,
/// then `lp(wrapped blind-index key)`.
fn mac_of(
    master: &MasterKey,
    doc: &Document,
    wrapped: &[Vec<u8>],
    blind_wrapped: &[u8],
) -> Result<[u8; 32], CryptoError> {
    let mut m = Vec::with_capacity(64 + doc.keys.len() * 128);
    let lp = |m: &mut Vec<u8>, b: &[u8]| super::put_lp(m, b).map_err(|_| bad(AUTH_FAILED));
    lp(&mut m, MAC_DOMAIN)?;
    lp(&mut m, doc.master_key_id.as_bytes())?;
    lp(&mut m, doc.primary.as_bytes())?;
    let count = u32::try_from(doc.keys.len()).map_err(|_| bad(AUTH_FAILED))?;
    m.extend_from_slice(&count.to_be_bytes());
    for (k, w) in doc.keys.iter().zip(wrapped) {
        lp(&mut m, k.id.as_bytes())?;
        lp(&mut m, k.suite.as_bytes())?;
        lp(&mut m, k.status.as_bytes())?;
        m.extend_from_slice(&k.created_at.to_be_bytes());
        lp(&mut m, w)?;
    }
    lp(&mut m, blind_wrapped)?;
    let mac_key = master.derive_key(MAC_LABEL);
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(mac_key.as_ref())
        .map_err(|_| bad(AUTH_FAILED))?;
    mac.update(&m);
    Ok(mac.finalize().into_bytes().into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::context::encode_pairs;

    fn master(b: u8) -> MasterKey {
        MasterKey::from_bytes(&[b; 32]).unwrap()
    }

    #[test]
    fn create_encrypt_decrypt_both_suites_and_forms() {
        for suite in Suite::ALL {
            let ring = Keyring::create(&master(1), suite).unwrap();
            let ctx = encode_pairs(&[("table", "users"), ("id", "42")]).unwrap();
            for len in [0usize, 1, 100, 70_000, 3 << 20] {
                let pt: Vec<u8> = (0..len).map(|i| (i ^ (i >> 8)) as u8).collect();
                let b = ring.encrypt(&pt, &ctx).unwrap();
                assert_eq!(b[1], suite.byte());
                assert_eq!(ring.decrypt(&b, &ctx).unwrap(), pt);
                let t = ring.encrypt_text(&pt, &ctx).unwrap();
                assert_eq!(ring.decrypt_text(t.as_bytes(), &ctx).unwrap(), pt);
                assert!(ring.decrypt(&b, b"\0\0\0\0").is_err());
            }
        }
    }

    #[test]
    fn json_round_trip_and_rotation() {
        let m = master(2);
        let mut ring = Keyring::create(&m, Suite::XChaCha20Poly1305).unwrap();
        let old_id = ring.primary_id();
        let old_ct = ring.encrypt(b"old", b"").unwrap();
        let new_id = ring.rotate(Some(Suite::Aes256Gcm)).unwrap();
        assert_ne!(old_id, new_id);
        assert_eq!(ring.primary_id(), new_id);
        let json = ring.to_json(None).unwrap();
        let loaded = Keyring::load(json.as_bytes(), &m).unwrap();
        assert_eq!(loaded.keys(), ring.keys());
        assert_eq!(loaded.decrypt(&old_ct, b"").unwrap(), b"old");
        assert!(loaded.needs_reencrypt(&old_ct).unwrap());
        let re = loaded.reencrypt(&old_ct, b"").unwrap();
        assert!(!loaded.needs_reencrypt(&re).unwrap());
        assert_eq!(re[1], Suite::Aes256Gcm.byte());
        assert_eq!(loaded.decrypt(&re, b"").unwrap(), b"old");
        let text = ring.encrypt_text(b"t", b"").unwrap();
        let re_text = ring.reencrypt(text.as_bytes(), b"").unwrap();
        assert!(ciphertext::is_text(&re_text));
        let infos = loaded.keys();
        assert_eq!(infos[0].status, "retired");
        assert_eq!(infos[1].status, "active");
        assert!(infos[1].primary && !infos[0].primary);
        // Rotation without a suite keeps the primary's suite.
        let mut r2 = loaded;
        r2.rotate(None).unwrap();
        assert_eq!(r2.keys()[2].suite, "aes256gcm");
    }

    #[test]
    fn unknown_key_is_named() {
        let a = Keyring::create(&master(3), Suite::Aes256Gcm).unwrap();
        let b = Keyring::create(&master(3), Suite::Aes256Gcm).unwrap();
        let ct = a.encrypt(b"x", b"").unwrap();
        assert_eq!(
            b.decrypt(&ct, b""),
            Err(CryptoError::UnknownKey(a.primary_id()))
        );
        assert!(matches!(
            b.needs_reencrypt(&ct),
            Err(CryptoError::UnknownKey(_))
        ));
    }

    #[test]
    fn rewrap_keeps_ciphertexts_and_refuses_old_master() {
        let (m1, m2) = (master(4), master(5));
        let ring = Keyring::create(&m1, Suite::XChaCha20Poly1305).unwrap();
        let ct = ring.encrypt(b"data", b"").unwrap();
        let json2 = ring.to_json(Some(&m2)).unwrap();
        let err = Keyring::load(json2.as_bytes(), &m1).unwrap_err();
        assert!(matches!(&err, CryptoError::Key(m) if m.contains(&m2.id())));
        let ring2 = Keyring::load(json2.as_bytes(), &m2).unwrap();
        assert_eq!(ring2.master_key_id(), m2.id());
        assert_eq!(ring2.decrypt(&ct, b"").unwrap(), b"data");
        let mut ring3 = ring;
        ring3.rewrap(&m2);
        assert!(Keyring::load(ring3.to_json(None).unwrap().as_bytes(), &m2).is_ok());
    }

    fn edited(json: &str, f: impl Fn(&mut serde_json::Value)) -> String {
        let mut v: serde_json::Value = serde_json::from_str(json).unwrap();
        f(&mut v);
        v.to_string()
    }

    #[test]
    fn tampered_keyring_is_refused() {
        let m = master(6);
        let mut ring = Keyring::create(&m, Suite::XChaCha20Poly1305).unwrap();
        let first = ring.primary_id();
        ring.rotate(None).unwrap();
        let json = ring.to_json(None).unwrap();
        let other = Keyring::create(&m, Suite::Aes256Gcm)
            .unwrap()
            .to_json(None)
            .unwrap();
        let other_v: serde_json::Value = serde_json::from_str(&other).unwrap();
        let cases: Vec<String> = vec![
            edited(&json, |v| v["primary"] = first.clone().into()),
            edited(&json, |v| v["keys"][0]["status"] = "active".into()),
            edited(&json, |v| v["keys"][1]["suite"] = "aes256gcm".into()),
            edited(&json, |v| v["keys"][0]["created_at"] = 1.into()),
            edited(&json, |v| {
                v["keys"].as_array_mut().unwrap().remove(0);
            }),
            edited(&json, |v| {
                v["keys"]
                    .as_array_mut()
                    .unwrap()
                    .push(other_v["keys"][0].clone());
            }),
            edited(&json, |v| {
                v["keys"].as_array_mut().unwrap().swap(0, 1);
            }),
            edited(&json, |v| {
                let w = v["keys"][0]["wrapped"].as_str().unwrap().to_owned();
                let mut c = w.into_bytes();
                c[40] = if c[40] == b'A' { b'B' } else { b'A' };
                v["keys"][0]["wrapped"] = String::from_utf8(c).unwrap().into();
            }),
            edited(&json, |v| v["mac"] = other_v["mac"].clone()),
            edited(&json, |v| {
                v["blind_index_key"] = other_v["blind_index_key"].clone()
            }),
            edited(&json, |v| {
                v.as_object_mut().unwrap().remove("blind_index_key");
            }),
            edited(&json, |v| {
                // A data key's wrapped bytes in place of the blind-index key.
                v["blind_index_key"] = v["keys"][0]["wrapped"].clone();
            }),
            edited(&json, |v| v["extra"] = 1.into()),
            edited(&json, |v| v["version"] = 2.into()),
            edited(&json, |v| v["format"] = "x".into()),
            edited(&json, |v| v["master_key_id"] = "0000000000000000".into()),
            json.replace("\"mac\"", "\"mac\": \"AA\", \"mac\""),
            String::new(),
            "[]".into(),
            "{".into(),
            json[..json.len() / 2].into(),
        ];
        for (i, bad) in cases.iter().enumerate() {
            assert!(
                matches!(Keyring::load(bad.as_bytes(), &m), Err(CryptoError::Key(_))),
                "case {i}"
            );
        }
        assert!(Keyring::load(json.as_bytes(), &m).is_ok());
        assert!(Keyring::load(json.as_bytes(), &master(7)).is_err());
    }
}
