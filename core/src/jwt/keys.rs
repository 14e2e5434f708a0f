//! JWT key sets: kid → (algorithm, key), with an optional primary for signing.
//!
//! A key is bound to exactly one algorithm when it is loaded; verification
//! uses the key's algorithm, never the token's, so an `alg` swap (HS384 for an
//! HS256 key, HS256 with an Ed25519 public key as the secret) cannot work.

use std::fmt;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use ed25519_dalek::{SigningKey, VerifyingKey};
use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256, Sha384, Sha512};
use zeroize::Zeroizing;

use super::json::{self, Value};
use super::Alg;

/// Longest kid accepted (bytes); kids travel in every token header.
pub const MAX_KID_LEN: usize = 256;
/// Most keys in one set (a JWKS from a provider holds a handful).
pub const MAX_KEYS: usize = 256;
/// Largest JWKS document accepted (bytes).
pub const MAX_JWKS_LEN: usize = 256 * 1024;

/// Why a key set could not be built. Messages never hold key bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyError {
    /// An argument the caller controls (kid, length, algorithm name).
    Invalid(String),
    /// Key material or a JWKS document that is not acceptable.
    Material(String),
}

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyError::Invalid(m) | KeyError::Material(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for KeyError {}

pub(crate) enum Material {
    /// An HMAC secret (at least as long as the hash output), kept only as
    /// precomputed keyed states.
    Hmac(Box<HmacKey>),
    /// Ed25519 private key (signs and verifies); dalek zeroizes it on drop.
    EdPrivate(Box<SigningKey>, VerifyingKey),
    /// Ed25519 public key (verifies only).
    EdPublic(VerifyingKey),
}

/// HMAC state with the key already absorbed: cloning it saves the two
/// compression calls of keying (ipad and opad blocks) on every token.
/// Zeroized on drop (hmac/sha2 `zeroize` features).
#[derive(Clone)]
pub(crate) enum HmacState {
    S256(Hmac<Sha256>),
    S384(Hmac<Sha384>),
    S512(Hmac<Sha512>),
}

/// Longest HMAC output (HS512).
pub(crate) const MAX_MAC_LEN: usize = 64;

impl HmacState {
    fn new(alg: Alg, secret: &[u8]) -> Option<Self> {
        Some(match alg {
            Alg::HS256 => Self::S256(Hmac::new_from_slice(secret).ok()?),
            Alg::HS384 => Self::S384(Hmac::new_from_slice(secret).ok()?),
            Alg::HS512 => Self::S512(Hmac::new_from_slice(secret).ok()?),
            Alg::EdDSA => return None,
        })
    }

    pub(crate) fn update(&mut self, data: &[u8]) {
        match self {
            Self::S256(m) => m.update(data),
            Self::S384(m) => m.update(data),
            Self::S512(m) => m.update(data),
        }
    }

    /// Writes the MAC into `out`, returns its length.
    pub(crate) fn finalize_into(self, out: &mut [u8; MAX_MAC_LEN]) -> usize {
        fn put(out: &mut [u8; MAX_MAC_LEN], tag: &[u8]) -> usize {
            out[..tag.len()].copy_from_slice(tag);
            tag.len()
        }
        match self {
            Self::S256(m) => put(out, &m.finalize().into_bytes()),
            Self::S384(m) => put(out, &m.finalize().into_bytes()),
            Self::S512(m) => put(out, &m.finalize().into_bytes()),
        }
    }
}

/// An HMAC key ready to use.
pub(crate) struct HmacKey {
    /// Keyed state, nothing absorbed yet.
    pub(crate) keyed: HmacState,
    /// `keyed` after absorbing the key's header (`Key::header_b64`) and the
    /// '.': tokens with that header skip hashing it again.
    pub(crate) after_header: HmacState,
}

impl HmacKey {
    fn new(alg: Alg, secret: &[u8], header_b64: &str) -> Option<Self> {
        let keyed = HmacState::new(alg, secret)?;
        let mut after_header = keyed.clone();
        after_header.update(header_b64.as_bytes());
        after_header.update(b".");
        Some(Self {
            keyed,
            after_header,
        })
    }
}

/// The JOSE header `sign` writes: {alg, typ: "JWT", kid}.
pub(crate) fn header_json(alg: Alg, kid: &str) -> String {
    Value::Object(vec![
        ("alg".into(), Value::String(alg.name().into())),
        ("typ".into(), Value::String("JWT".into())),
        ("kid".into(), Value::String(kid.into())),
    ])
    .to_json()
}

pub(crate) struct Key {
    pub(crate) kid: String,
    pub(crate) alg: Alg,
    pub(crate) material: Material,
    /// base64url of the header `sign` writes with this key ([`header_json`]).
    pub(crate) header_b64: String,
}

impl Key {
    fn new(kid: String, alg: Alg, material: Material) -> Self {
        let header_b64 = super::b64::encode(header_json(alg, &kid).as_bytes());
        Self {
            kid,
            alg,
            material,
            header_b64,
        }
    }

    pub(crate) fn can_sign(&self) -> bool {
        !matches!(self.material, Material::EdPublic(_))
    }
}

/// Public facts about one key, safe to log or show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyInfo {
    pub kid: String,
    pub alg: Alg,
    /// False for public keys (verify only).
    pub can_sign: bool,
}

/// A set of keys by kid. Not `Clone`, not `Debug`: key bytes never leave it.
pub struct KeySet {
    pub(crate) keys: Vec<Key>,
    pub(crate) primary: Option<usize>,
}

impl fmt::Debug for KeySet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeySet")
            .field(
                "kids",
                &self.keys.iter().map(|k| &k.kid).collect::<Vec<_>>(),
            )
            .finish_non_exhaustive()
    }
}

fn check_kid(kid: &str) -> Result<(), KeyError> {
    if kid.is_empty() || kid.len() > MAX_KID_LEN || kid.chars().any(char::is_control) {
        return Err(KeyError::Invalid(format!(
            "key ids must be 1 to {MAX_KID_LEN} bytes without control characters"
        )));
    }
    Ok(())
}

impl KeySet {
    fn build(keys: Vec<Key>, primary: Option<&str>) -> Result<Self, KeyError> {
        if keys.is_empty() {
            return Err(KeyError::Invalid("at least one key is required".into()));
        }
        if keys.len() > MAX_KEYS {
            return Err(KeyError::Invalid(format!("at most {MAX_KEYS} keys")));
        }
        for (i, key) in keys.iter().enumerate() {
            check_kid(&key.kid)?;
            if keys[..i].iter().any(|k| k.kid == key.kid) {
                return Err(KeyError::Invalid("duplicate key id".into()));
            }
        }
        let primary = match primary {
            Some(kid) => {
                let index = keys
                    .iter()
                    .position(|k| k.kid == kid)
                    .ok_or_else(|| KeyError::Invalid("primary key id is not in the set".into()))?;
                if !keys[index].can_sign() {
                    return Err(KeyError::Invalid(
                        "primary key is a public key and cannot sign".into(),
                    ));
                }
                Some(index)
            }
            None => {
                let mut signers = keys.iter().enumerate().filter(|(_, k)| k.can_sign());
                match (signers.next(), signers.next()) {
                    (Some((i, _)), None) => Some(i),
                    _ => None,
                }
            }
        };
        Ok(Self { keys, primary })
    }

    /// HMAC keys, all for one algorithm. Secrets shorter than the hash output
    /// (32/48/64 bytes) are refused: RFC 7518 §3.2.
    pub fn hmac(
        secrets: Vec<(String, Zeroizing<Vec<u8>>)>,
        alg: Alg,
        primary: Option<&str>,
    ) -> Result<Self, KeyError> {
        let min = alg.hmac_min_key_len().ok_or_else(|| {
            KeyError::Invalid(format!(
                "algorithm must be HS256, HS384 or HS512, got {}",
                alg.name()
            ))
        })?;
        let mut keys = Vec::with_capacity(secrets.len());
        for (kid, secret) in secrets {
            if secret.len() < min {
                return Err(KeyError::Invalid(format!(
                    "{} secrets must be at least {min} bytes (the hash output size)",
                    alg.name()
                )));
            }
            let header_b64 = super::b64::encode(header_json(alg, &kid).as_bytes());
            let hmac = HmacKey::new(alg, &secret, &header_b64)
                .ok_or_else(|| KeyError::Invalid("HMAC key setup failed".into()))?;
            keys.push(Key {
                kid,
                alg,
                material: Material::Hmac(Box::new(hmac)),
                header_b64,
            });
        }
        Self::build(keys, primary)
    }

    /// Ed25519 keys. `secret` values are a 32-byte seed or a 64-byte
    /// seed‖public key (libsodium's secret key form, checked for consistency);
    /// `public` values are 32-byte public keys (verify only).
    pub fn ed25519(
        secret: Vec<(String, Zeroizing<Vec<u8>>)>,
        public: Vec<(String, Vec<u8>)>,
        primary: Option<&str>,
    ) -> Result<Self, KeyError> {
        let mut keys = Vec::with_capacity(secret.len() + public.len());
        for (kid, bytes) in secret {
            let signing = match bytes.len() {
                32 => {
                    let mut seed = Zeroizing::new([0u8; 32]);
                    seed.copy_from_slice(&bytes);
                    SigningKey::from_bytes(&seed)
                }
                64 => {
                    let mut pair = Zeroizing::new([0u8; 64]);
                    pair.copy_from_slice(&bytes);
                    SigningKey::from_keypair_bytes(&pair).map_err(|_| {
                        KeyError::Material(
                            "Ed25519 64-byte secret key: public half does not match the seed"
                                .into(),
                        )
                    })?
                }
                _ => {
                    return Err(KeyError::Invalid(
                        "Ed25519 secret keys must be a 32-byte seed or a 64-byte secret key".into(),
                    ))
                }
            };
            let verifying = signing.verifying_key();
            keys.push(Key::new(
                kid,
                Alg::EdDSA,
                Material::EdPrivate(Box::new(signing), verifying),
            ));
        }
        for (kid, bytes) in public {
            let verifying = public_key(&bytes)?;
            keys.push(Key::new(kid, Alg::EdDSA, Material::EdPublic(verifying)));
        }
        Self::build(keys, primary)
    }

    /// Public keys from a JWK Set (RFC 7517). OKP/Ed25519 keys are loaded;
    /// keys of other types (EC, RSA) or for encryption are skipped, so a
    /// provider's mixed set still loads, and tokens naming them get
    /// `unknown_kid`. Private members (`d`) are refused. A key without a kid
    /// gets its RFC 7638 thumbprint as kid.
    pub fn from_jwks(text: &[u8]) -> Result<Self, KeyError> {
        if text.len() > MAX_JWKS_LEN {
            return Err(KeyError::Material(format!(
                "JWKS larger than {MAX_JWKS_LEN} bytes"
            )));
        }
        let doc = json::parse(text).map_err(|e| KeyError::Material(format!("JWKS: {e}")))?;
        let Some(Value::Array(entries)) = doc.get("keys") else {
            return Err(KeyError::Material(
                "JWKS must be an object with a \"keys\" array".into(),
            ));
        };
        let mut keys = Vec::new();
        for (n, entry) in entries.iter().enumerate() {
            if let Some(key) =
                jwk(entry).map_err(|m| KeyError::Material(format!("JWKS key #{}: {m}", n + 1)))?
            {
                keys.push(key);
            }
        }
        if keys.is_empty() {
            return Err(KeyError::Material(
                "JWKS holds no supported signature key (OKP/Ed25519)".into(),
            ));
        }
        Self::build(keys, None)
    }

    /// Metadata of every key, in load order.
    #[must_use]
    pub fn info(&self) -> Vec<KeyInfo> {
        self.keys
            .iter()
            .map(|k| KeyInfo {
                kid: k.kid.clone(),
                alg: k.alg,
                can_sign: k.can_sign(),
            })
            .collect()
    }

    /// The kid `sign` uses when none is given.
    #[must_use]
    pub fn primary_kid(&self) -> Option<&str> {
        self.primary.map(|i| self.keys[i].kid.as_str())
    }

    pub(crate) fn find(&self, kid: &str) -> Option<&Key> {
        self.keys.iter().find(|k| k.kid == kid)
    }

    /// The key whose own header (as `sign` writes it) is exactly `header_b64`.
    /// Parsing that header would give this key's alg and kid, so a match
    /// stands for the parse (header bytes are public: plain comparison).
    pub(crate) fn by_header(&self, header_b64: &[u8]) -> Option<&Key> {
        self.keys
            .iter()
            .find(|k| k.header_b64.as_bytes() == header_b64)
    }

    /// The public JWK Set of the Ed25519 keys (HMAC secrets never appear).
    #[must_use]
    pub fn public_jwks(&self) -> String {
        let keys = self
            .keys
            .iter()
            .filter_map(|k| {
                let vk = match &k.material {
                    Material::EdPrivate(_, vk) | Material::EdPublic(vk) => vk,
                    Material::Hmac(_) => return None,
                };
                Some(Value::Object(vec![
                    ("kty".into(), Value::String("OKP".into())),
                    ("crv".into(), Value::String("Ed25519".into())),
                    (
                        "x".into(),
                        Value::String(URL_SAFE_NO_PAD.encode(vk.as_bytes())),
                    ),
                    ("kid".into(), Value::String(k.kid.clone())),
                    ("alg".into(), Value::String("EdDSA".into())),
                    ("use".into(), Value::String("sig".into())),
                ]))
            })
            .collect();
        Value::Object(vec![("keys".into(), Value::Array(keys))]).to_json()
    }
}

fn public_key(bytes: &[u8]) -> Result<VerifyingKey, KeyError> {
    let array: [u8; 32] = bytes
        .try_into()
        .map_err(|_| KeyError::Invalid("Ed25519 public keys must be 32 bytes".into()))?;
    let key = VerifyingKey::from_bytes(&array)
        .map_err(|_| KeyError::Material("not a valid Ed25519 public key".into()))?;
    if key.is_weak() {
        return Err(KeyError::Material(
            "Ed25519 public key of small order refused".into(),
        ));
    }
    Ok(key)
}

fn member<'a>(entry: &'a Value, name: &str) -> Result<Option<&'a str>, String> {
    match entry.get(name) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(format!("\"{name}\" must be a string")),
    }
}

/// One JWK: Some(key) when supported, None when skipped.
fn jwk(entry: &Value) -> Result<Option<Key>, String> {
    if !matches!(entry, Value::Object(_)) {
        return Err("must be an object".into());
    }
    let kty = member(entry, "kty")?.ok_or("\"kty\" is missing")?;
    if let Some(usage) = member(entry, "use")? {
        if usage != "sig" {
            return Ok(None);
        }
    }
    if entry.get("d").is_some() {
        return Err("holds a private key (\"d\"); fromJwks() takes public keys only".into());
    }
    match kty {
        "OKP" => {}
        // Room for ES256/RS256: their parsing goes here, each bound to its alg.
        "EC" | "RSA" => return Ok(None),
        _ => return Ok(None),
    }
    let crv = member(entry, "crv")?.ok_or("\"crv\" is missing")?;
    if crv != "Ed25519" {
        return Ok(None);
    }
    if let Some(alg) = member(entry, "alg")? {
        if alg != "EdDSA" && alg != "Ed25519" {
            return Err("\"alg\" does not match an Ed25519 key".into());
        }
    }
    let x = member(entry, "x")?.ok_or("\"x\" is missing")?;
    let bytes = URL_SAFE_NO_PAD
        .decode(x)
        .map_err(|_| "\"x\" is not canonical unpadded base64url".to_string())?;
    let verifying = public_key(&bytes).map_err(|e| e.to_string())?;
    let kid = match member(entry, "kid")? {
        Some(kid) => kid.to_owned(),
        None => {
            // RFC 7638: SHA-256 over the required members in lexicographic order.
            let canonical = format!(r#"{{"crv":"Ed25519","kty":"OKP","x":"{x}"}}"#);
            URL_SAFE_NO_PAD.encode(Sha256::digest(canonical.as_bytes()))
        }
    };
    Ok(Some(Key::new(
        kid,
        Alg::EdDSA,
        Material::EdPublic(verifying),
    )))
}
