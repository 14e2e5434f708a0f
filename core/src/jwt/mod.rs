//! JSON Web Tokens (RFC 7519) in JWS compact form (RFC 7515): HS256/384/512
//! and EdDSA (Ed25519), with a parser that refuses everything it does not
//! need before any cryptography runs, and verification against a required
//! policy.
//!
//! Order of checks in [`verify`]: size, shape, strict base64url, strict JSON
//! (no duplicate names), header (alg, crit, embedded keys), claim types, key
//! selection by kid, alg equal to the key's own, signature (constant time),
//! then times, issuer, audience and required claims.

pub mod json;
pub mod keys;

use std::fmt;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use ed25519_dalek::{Signature, Signer as _};
use hmac::{Hmac, KeyInit, Mac};
use rand::RngCore;
use sha2::{Sha256, Sha384, Sha512};

pub use json::Value;
use keys::{Key, Material};
pub use keys::{KeyError, KeyInfo, KeySet};

use crate::ct;

/// Largest token accepted or produced (bytes).
pub const MAX_TOKEN_LEN: usize = 8192;
/// Default clock leeway for exp/nbf/iat (seconds).
pub const DEFAULT_LEEWAY: u64 = 30;
/// Largest leeway a policy may ask for (seconds).
pub const MAX_LEEWAY: u64 = 300;
/// Default token lifetime for `sign` (seconds).
pub const DEFAULT_TTL: u64 = 900;
/// Longest lifetime `sign` accepts (seconds): one year.
pub const MAX_TTL: u64 = 366 * 24 * 3600;

/// Header members that would let a token choose its own key, or change how it
/// is processed; none is ever honoured.
const FORBIDDEN_HEADERS: [&str; 6] = ["jwk", "jku", "x5u", "x5c", "crit", "b64"];

/// Signature algorithms. A key is bound to exactly one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Alg {
    HS256,
    HS384,
    HS512,
    EdDSA,
}

impl Alg {
    /// The JOSE name.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Alg::HS256 => "HS256",
            Alg::HS384 => "HS384",
            Alg::HS512 => "HS512",
            Alg::EdDSA => "EdDSA",
        }
    }

    /// Exact, case-sensitive JOSE name (RFC 7515 §4.1.1).
    #[must_use]
    pub fn from_name(name: &str) -> Option<Alg> {
        match name {
            "HS256" => Some(Alg::HS256),
            "HS384" => Some(Alg::HS384),
            "HS512" => Some(Alg::HS512),
            "EdDSA" => Some(Alg::EdDSA),
            _ => None,
        }
    }

    /// Minimum HMAC secret length (the hash output), None for non-HMAC algs.
    #[must_use]
    pub fn hmac_min_key_len(self) -> Option<usize> {
        match self {
            Alg::HS256 => Some(32),
            Alg::HS384 => Some(48),
            Alg::HS512 => Some(64),
            Alg::EdDSA => None,
        }
    }
}

/// Why a token was refused; the strings are the PHP `reason()` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    Malformed,
    TooLarge,
    AlgNotAllowed,
    UnknownKid,
    BadSignature,
    Expired,
    NotYetValid,
    ClaimMismatch,
    MissingClaim,
}

impl Reason {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Malformed => "malformed",
            Reason::TooLarge => "too_large",
            Reason::AlgNotAllowed => "alg_not_allowed",
            Reason::UnknownKid => "unknown_kid",
            Reason::BadSignature => "bad_signature",
            Reason::Expired => "expired",
            Reason::NotYetValid => "not_yet_valid",
            Reason::ClaimMismatch => "claim_mismatch",
            Reason::MissingClaim => "missing_claim",
        }
    }
}

/// A refused token. The message names the check, never token content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenError {
    pub reason: Reason,
    pub message: String,
}

impl TokenError {
    fn new(reason: Reason, message: impl Into<String>) -> Self {
        Self {
            reason,
            message: message.into(),
        }
    }
}

impl fmt::Display for TokenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.message, self.reason.as_str())
    }
}

impl std::error::Error for TokenError {}

fn malformed(message: impl Into<String>) -> TokenError {
    TokenError::new(Reason::Malformed, message)
}

/// A token that passed every structural check. Nothing in it is trusted yet.
#[derive(Debug)]
pub struct Decoded {
    pub header: Value,
    pub claims: Value,
    pub alg: Alg,
    pub kid: Option<String>,
    signing_input_len: usize,
    signature: Vec<u8>,
}

fn b64(part: &[u8], what: &str) -> Result<Vec<u8>, TokenError> {
    // URL_SAFE_NO_PAD: base64url alphabet only, no '=', and non-zero trailing
    // bits refused, so every token has exactly one encoding.
    URL_SAFE_NO_PAD
        .decode(part)
        .map_err(|_| malformed(format!("{what} is not canonical unpadded base64url")))
}

/// Parses a compact JWS without verifying it: every structural and type check
/// of [`verify`] except key, signature and policy.
pub fn decode(token: &[u8]) -> Result<Decoded, TokenError> {
    if token.len() > MAX_TOKEN_LEN {
        return Err(TokenError::new(
            Reason::TooLarge,
            format!("token is larger than {MAX_TOKEN_LEN} bytes"),
        ));
    }
    let mut parts = token.split(|&b| b == b'.');
    let (Some(h), Some(p), Some(s), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(malformed(
            "token must have exactly three dot-separated parts",
        ));
    };
    if h.is_empty() || p.is_empty() {
        return Err(malformed("token header and payload must not be empty"));
    }
    let header_bytes = b64(h, "header")?;
    let payload_bytes = b64(p, "payload")?;
    let signature = b64(s, "signature")?;

    let header = json::parse(&header_bytes).map_err(|e| malformed(format!("header: {e}")))?;
    let Value::Object(members) = &header else {
        return Err(malformed("header must be a JSON object"));
    };
    let alg = match header.get("alg") {
        Some(Value::String(name)) => match Alg::from_name(name) {
            Some(alg) => alg,
            None if name.eq_ignore_ascii_case("none") => {
                return Err(TokenError::new(
                    Reason::AlgNotAllowed,
                    "unsigned tokens (alg none) are never accepted",
                ))
            }
            None => {
                return Err(TokenError::new(
                    Reason::AlgNotAllowed,
                    "header alg is not HS256, HS384, HS512 or EdDSA",
                ))
            }
        },
        Some(_) => return Err(malformed("header alg must be a string")),
        None => return Err(malformed("header alg is missing")),
    };
    for (name, _) in members {
        if FORBIDDEN_HEADERS.contains(&name.as_str()) {
            return Err(malformed(format!(
                "header member \"{name}\" is not accepted"
            )));
        }
    }
    let kid = match header.get("kid") {
        None => None,
        Some(Value::String(kid)) => Some(kid.clone()),
        Some(_) => return Err(malformed("header kid must be a string")),
    };
    for name in ["typ", "cty"] {
        if header.get(name).is_some_and(|v| v.as_str().is_none()) {
            return Err(malformed(format!("header {name} must be a string")));
        }
    }

    let claims = json::parse(&payload_bytes).map_err(|e| malformed(format!("payload: {e}")))?;
    check_claim_types(&claims).map_err(malformed)?;

    Ok(Decoded {
        header,
        claims,
        alg,
        kid,
        signing_input_len: h.len() + 1 + p.len(),
        signature,
    })
}

/// Registered claims must have their RFC 7519 types; a mistyped one is an
/// error, never ignored (a string "exp" must not mean "no expiry").
fn check_claim_types(claims: &Value) -> Result<(), String> {
    if !matches!(claims, Value::Object(_)) {
        return Err("payload must be a JSON object".into());
    }
    for name in ["exp", "nbf", "iat"] {
        if claims
            .get(name)
            .is_some_and(|v| !matches!(v, Value::Number(_)))
        {
            return Err(format!("claim {name} must be a number"));
        }
    }
    for name in ["iss", "sub", "jti"] {
        if claims.get(name).is_some_and(|v| v.as_str().is_none()) {
            return Err(format!("claim {name} must be a string"));
        }
    }
    match claims.get("aud") {
        None | Some(Value::String(_)) => {}
        Some(Value::Array(items)) if items.iter().all(|v| v.as_str().is_some()) => {}
        Some(_) => return Err("claim aud must be a string or a list of strings".into()),
    }
    Ok(())
}

/// What a verified token must satisfy. There is no default: issuer and
/// audience are decided by the caller (None waives the check explicitly).
#[derive(Clone, Debug)]
pub struct Policy {
    /// Required issuer, or None to accept any (or none).
    pub iss: Option<String>,
    /// Accepted audiences (the token must name at least one), or None when
    /// this service checks no audience — then a token carrying aud is refused
    /// (RFC 7519 §4.1.3: a recipient not named in aud must reject).
    pub aud: Option<Vec<String>>,
    /// Clock skew allowed on exp, nbf, iat and max_age (seconds, ≤ 300).
    pub leeway: u64,
    /// Oldest accepted iat, as an age in seconds; requires iat.
    pub max_age: Option<u64>,
    /// Claims that must be present (exp always is).
    pub required: Vec<String>,
    /// Verification time (Unix seconds).
    pub now: i64,
}

/// Verifies a token against a key set and a policy; returns the claims.
pub fn verify(token: &[u8], keys: &KeySet, policy: &Policy) -> Result<Value, TokenError> {
    if policy.leeway > MAX_LEEWAY {
        return Err(malformed("policy leeway above the maximum"));
    }
    let decoded = decode(token)?;
    let key = select_key(keys, decoded.kid.as_deref())?;
    if key.alg != decoded.alg {
        return Err(TokenError::new(
            Reason::AlgNotAllowed,
            format!(
                "token alg {} does not match the key's algorithm {}",
                decoded.alg.name(),
                key.alg.name()
            ),
        ));
    }
    let signing_input = &token[..decoded.signing_input_len];
    if !check_signature(key, signing_input, &decoded.signature) {
        return Err(TokenError::new(
            Reason::BadSignature,
            "signature does not verify",
        ));
    }
    check_policy(&decoded.claims, policy)?;
    Ok(decoded.claims)
}

fn select_key<'k>(keys: &'k KeySet, kid: Option<&str>) -> Result<&'k Key, TokenError> {
    match kid {
        Some(kid) => keys
            .find(kid)
            .ok_or_else(|| TokenError::new(Reason::UnknownKid, "no key for the token's kid")),
        // Without a kid, trying every key would turn one forgery attempt into
        // many and blur which key vouches for the token: only a lone key.
        None if keys.keys.len() == 1 => Ok(&keys.keys[0]),
        None => Err(TokenError::new(
            Reason::UnknownKid,
            "token has no kid and the key set holds more than one key",
        )),
    }
}

fn mac<M: Mac + KeyInit>(key: &[u8], message: &[u8]) -> Option<Vec<u8>> {
    let mut m = <M as KeyInit>::new_from_slice(key).ok()?;
    m.update(message);
    Some(m.finalize().into_bytes().to_vec())
}

fn hmac(alg: Alg, key: &[u8], message: &[u8]) -> Option<Vec<u8>> {
    match alg {
        Alg::HS256 => mac::<Hmac<Sha256>>(key, message),
        Alg::HS384 => mac::<Hmac<Sha384>>(key, message),
        Alg::HS512 => mac::<Hmac<Sha512>>(key, message),
        Alg::EdDSA => None,
    }
}

fn check_signature(key: &Key, signing_input: &[u8], signature: &[u8]) -> bool {
    match &key.material {
        Material::Hmac(secret) => hmac(key.alg, secret, signing_input)
            .is_some_and(|expected| ct::eq(&expected, signature)),
        Material::EdPrivate(_, vk) | Material::EdPublic(vk) => {
            let Ok(sig) = Signature::from_slice(signature) else {
                return false;
            };
            // Strict: refuses non-canonical S and small-order R/A, so one
            // message has one valid signature per key.
            vk.verify_strict(signing_input, &sig).is_ok()
        }
    }
}

fn check_policy(claims: &Value, policy: &Policy) -> Result<(), TokenError> {
    let leeway = policy.leeway as f64;
    let now = policy.now as f64;
    let exp = claims.get("exp").and_then(Value::as_f64);
    let Some(exp) = exp else {
        return Err(TokenError::new(
            Reason::MissingClaim,
            "claim exp is required",
        ));
    };
    if now - leeway >= exp {
        return Err(TokenError::new(Reason::Expired, "token has expired"));
    }
    if let Some(nbf) = claims.get("nbf").and_then(Value::as_f64) {
        if nbf > now + leeway {
            return Err(TokenError::new(
                Reason::NotYetValid,
                "token is not valid yet (nbf)",
            ));
        }
    }
    let iat = claims.get("iat").and_then(Value::as_f64);
    if let Some(iat) = iat {
        if iat > now + leeway {
            return Err(TokenError::new(
                Reason::NotYetValid,
                "token was issued in the future (iat)",
            ));
        }
    }
    if let Some(max_age) = policy.max_age {
        let Some(iat) = iat else {
            return Err(TokenError::new(
                Reason::MissingClaim,
                "claim iat is required by max_age",
            ));
        };
        if now - leeway > iat + max_age as f64 {
            return Err(TokenError::new(
                Reason::Expired,
                "token is older than max_age",
            ));
        }
    }
    if let Some(iss) = &policy.iss {
        match claims.get("iss") {
            None => {
                return Err(TokenError::new(
                    Reason::MissingClaim,
                    "claim iss is required",
                ))
            }
            Some(v) if v.as_str() != Some(iss.as_str()) => {
                return Err(TokenError::new(
                    Reason::ClaimMismatch,
                    "claim iss does not match",
                ))
            }
            Some(_) => {}
        }
    }
    match (&policy.aud, claims.get("aud")) {
        (None, None) => {}
        (None, Some(_)) => {
            return Err(TokenError::new(
                Reason::ClaimMismatch,
                "token names an audience but the policy accepts none (aud => null)",
            ))
        }
        (Some(_), None) => {
            return Err(TokenError::new(
                Reason::MissingClaim,
                "claim aud is required",
            ))
        }
        (Some(accepted), Some(aud)) => {
            let named: Vec<&str> = match aud {
                Value::String(s) => vec![s.as_str()],
                Value::Array(items) => items.iter().filter_map(Value::as_str).collect(),
                _ => Vec::new(),
            };
            if !named.iter().any(|a| accepted.iter().any(|b| b == a)) {
                return Err(TokenError::new(
                    Reason::ClaimMismatch,
                    "claim aud does not name this audience",
                ));
            }
        }
    }
    for name in &policy.required {
        if claims.get(name).is_none() {
            return Err(TokenError::new(
                Reason::MissingClaim,
                "a required claim is missing",
            ));
        }
    }
    Ok(())
}

/// Why `sign` refused. `Invalid` is the caller's input; `Internal` is the
/// environment (the OS random source).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SignError {
    Invalid(String),
    Internal(String),
}

impl fmt::Display for SignError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SignError::Invalid(m) | SignError::Internal(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for SignError {}

/// Options of [`sign`].
#[derive(Clone, Debug)]
pub struct SignOptions {
    /// Lifetime: exp = now + ttl (seconds, 1 to [`MAX_TTL`]).
    pub ttl: u64,
    /// Issue time (Unix seconds), written as iat.
    pub now: i64,
    /// Optional not-before time (Unix seconds).
    pub nbf: Option<i64>,
    /// Sign with this kid instead of the primary.
    pub kid: Option<String>,
}

/// Signs claims into a compact JWS with header {alg, typ: "JWT", kid}. Sets
/// iat, exp, nbf (when asked) and a random jti unless one is given; refuses
/// claims that set iat/exp/nbf themselves or mistype registered claims.
pub fn sign(
    claims: Vec<(String, Value)>,
    keys: &KeySet,
    options: &SignOptions,
) -> Result<String, SignError> {
    let invalid = |m: &str| SignError::Invalid(m.to_owned());
    if options.ttl == 0 || options.ttl > MAX_TTL {
        return Err(SignError::Invalid(format!(
            "ttl must be between 1 and {MAX_TTL} seconds"
        )));
    }
    let key = match &options.kid {
        Some(kid) => keys
            .find(kid)
            .ok_or_else(|| invalid("kid is not in the key set"))?,
        None => keys.primary.map(|i| &keys.keys[i]).ok_or_else(|| {
            invalid("the key set has no primary key; name one or pass the kid option")
        })?,
    };
    for (name, _) in &claims {
        if matches!(name.as_str(), "iat" | "exp" | "nbf") {
            return Err(SignError::Invalid(format!(
                "claim {name} is set by sign(); use the ttl and nbf options"
            )));
        }
    }
    let mut payload = Value::Object(claims);
    check_claim_types(&payload).map_err(SignError::Invalid)?;
    let Value::Object(members) = &mut payload else {
        return Err(invalid("claims must be an object"));
    };
    let now = options.now;
    let exp = i64::try_from(options.ttl)
        .ok()
        .and_then(|ttl| now.checked_add(ttl))
        .ok_or_else(|| invalid("ttl overflows the expiry time"))?;
    members.push(("iat".into(), Value::Number(now.into())));
    if let Some(nbf) = options.nbf {
        members.push(("nbf".into(), Value::Number(nbf.into())));
    }
    members.push(("exp".into(), Value::Number(exp.into())));
    if !members.iter().any(|(k, _)| k == "jti") {
        members.push(("jti".into(), Value::String(random_jti()?)));
    }
    let header = Value::Object(vec![
        ("alg".into(), Value::String(key.alg.name().into())),
        ("typ".into(), Value::String("JWT".into())),
        ("kid".into(), Value::String(key.kid.clone())),
    ]);
    let mut token = URL_SAFE_NO_PAD.encode(header.to_json());
    token.push('.');
    URL_SAFE_NO_PAD.encode_string(payload.to_json(), &mut token);
    let signature = match &key.material {
        Material::Hmac(secret) => hmac(key.alg, secret, token.as_bytes())
            .ok_or_else(|| SignError::Internal("HMAC failed".into()))?,
        Material::EdPrivate(signing, _) => signing.sign(token.as_bytes()).to_bytes().to_vec(),
        Material::EdPublic(_) => return Err(invalid("the key is a public key and cannot sign")),
    };
    token.push('.');
    URL_SAFE_NO_PAD.encode_string(signature, &mut token);
    if token.len() > MAX_TOKEN_LEN {
        return Err(SignError::Invalid(format!(
            "the token would be larger than {MAX_TOKEN_LEN} bytes"
        )));
    }
    Ok(token)
}

fn random_jti() -> Result<String, SignError> {
    let mut bytes = [0u8; 16];
    // thread_rng: a ChaCha CSPRNG seeded and periodically reseeded from the OS;
    // a jti needs uniqueness, and a syscall per token costs more than the MAC.
    rand::thread_rng()
        .try_fill_bytes(&mut bytes)
        .map_err(|_| SignError::Internal("the random source failed".into()))?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

#[cfg(test)]
mod tests;
