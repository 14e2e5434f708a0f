//! JSON Web Tokens (RFC 7519) in JWS compact form (RFC 7515): HS256/384/512
//! and EdDSA (Ed25519), with a parser that refuses everything it does not
//! need before any cryptography runs, and verification against a required
//! policy.
//!
//! Order of checks in [`verify`]: size, shape, strict base64url, strict JSON
//! (no duplicate names), header (alg, crit, embedded keys), claim types, key
//! selection by kid, alg equal to the key's own, signature (constant time),
//! then times, issuer, audience and required claims.

mod b64;
mod fast;
pub mod json;
pub mod keys;
pub mod write;

use std::fmt;
use std::ops::Range;

#[cfg(test)]
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
#[cfg(test)]
use base64::Engine as _;
use ed25519_dalek::{Signature, Signer as _};
#[cfg(test)]
use hmac::{Hmac, KeyInit, Mac};
use rand::RngCore;
#[cfg(test)]
use sha2::{Sha256, Sha384, Sha512};

pub use json::Value;
use json::MAX_DEPTH;
use keys::{HmacKey, Key, Material, MAX_MAC_LEN};
pub use keys::{KeyError, KeyInfo, KeySet};
pub use write::{ClaimsWriter, WriteError};

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
}

/// The three parts of a compact token, split but not decoded.
struct Parts<'t> {
    token: &'t [u8],
    header: &'t [u8],
    payload: &'t [u8],
    signature: &'t [u8],
}

/// Number of '.' bytes, eight at a time (SWAR).
fn count_dots(token: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut chunks = token.chunks_exact(8);
    let mut n = 0;
    for c in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(c);
        // Bytes equal to '.' become 0; the high bit is then set exactly for
        // those (exact form, no false positives from borrows).
        let x = u64::from_le_bytes(word) ^ (ONES * u64::from(b'.'));
        let zero = !(((x & !HIGH) + !HIGH) | x) & HIGH;
        n += zero.count_ones() as usize;
    }
    n + chunks.remainder().iter().filter(|&&b| b == b'.').count()
}

fn shape_error() -> TokenError {
    malformed("token must have exactly three dot-separated parts")
}

/// Splits at the first and last '.'. Whether there are exactly two is only
/// counted when something else is wrong: a '.' between them makes the
/// payload fail base64url ('.' is outside the alphabet), and every error
/// path first reports a wrong part count, as a strict split would.
fn split(token: &[u8]) -> Result<Parts<'_>, TokenError> {
    if token.len() > MAX_TOKEN_LEN {
        return Err(TokenError::new(
            Reason::TooLarge,
            format!("token is larger than {MAX_TOKEN_LEN} bytes"),
        ));
    }
    let (Some(first), Some(last)) = (
        token.iter().position(|&b| b == b'.'),
        token.iter().rposition(|&b| b == b'.'),
    ) else {
        return Err(shape_error());
    };
    if first == last {
        return Err(shape_error());
    }
    let parts = Parts {
        token,
        header: &token[..first],
        payload: &token[first + 1..last],
        signature: &token[last + 1..],
    };
    if parts.header.is_empty() || parts.payload.is_empty() {
        return Err(parts.or_shape(malformed("token header and payload must not be empty")));
    }
    Ok(parts)
}

impl Parts<'_> {
    /// `e`, unless the token does not have exactly three parts.
    fn or_shape(&self, e: TokenError) -> TokenError {
        if count_dots(self.token) == 2 {
            e
        } else {
            shape_error()
        }
    }
}

fn b64_into(part: &[u8], what: &str, out: &mut Vec<u8>) -> Result<Range<usize>, TokenError> {
    // Unpadded base64url only, and non-zero trailing bits refused, so every
    // token has exactly one encoding.
    let start = out.len();
    b64::decode_into(part, out)
        .map_err(|_| malformed(format!("{what} is not canonical unpadded base64url")))?;
    Ok(start..out.len())
}

/// Header members the checks need, captured while the header is parsed.
#[derive(Default)]
struct HeaderFields {
    is_object: bool,
    alg: Option<Value>,
    kid: Option<Value>,
    typ: Option<Value>,
    cty: Option<Value>,
    /// The first forbidden member, in member order.
    forbidden: Option<&'static str>,
    slot: u8,
}

impl json::Capture for HeaderFields {
    fn reset(&mut self) {
        *self = Self::default();
    }

    fn object(&mut self) {
        self.is_object = true;
    }

    fn member(&mut self, name: &str) -> bool {
        if self.forbidden.is_none() {
            self.forbidden = FORBIDDEN_HEADERS.iter().copied().find(|f| *f == name);
        }
        self.slot = match name {
            "alg" => 1,
            "kid" => 2,
            "typ" => 3,
            "cty" => 4,
            _ => return false,
        };
        true
    }

    fn value(&mut self, v: Value) {
        match self.slot {
            1 => self.alg = Some(v),
            2 => self.kid = Some(v),
            3 => self.typ = Some(v),
            _ => self.cty = Some(v),
        }
    }
}

/// Registered claims, captured while the claims are parsed.
#[derive(Default)]
pub(crate) struct Registered<'r> {
    is_object: bool,
    exp: Option<Value>,
    nbf: Option<Value>,
    iat: Option<Value>,
    iss: Option<Value>,
    sub: Option<Value>,
    jti: Option<Value>,
    aud: Option<Value>,
    /// Claim names the policy requires, and which of them were seen.
    required: &'r [String],
    seen: Vec<bool>,
    slot: u8,
}

impl json::Capture for Registered<'_> {
    fn reset(&mut self) {
        *self = Registered::new(self.required);
    }

    fn object(&mut self) {
        self.is_object = true;
    }

    fn member(&mut self, name: &str) -> bool {
        if !self.required.is_empty() {
            for (i, r) in self.required.iter().enumerate() {
                if r == name {
                    self.seen[i] = true;
                }
            }
        }
        self.slot = match name {
            "exp" => 1,
            "nbf" => 2,
            "iat" => 3,
            "iss" => 4,
            "sub" => 5,
            "jti" => 6,
            "aud" => 7,
            _ => return false,
        };
        true
    }

    fn value_str(&mut self, s: &str) {
        // sub and jti are only type-checked: keep the type, not the text.
        let text = if matches!(self.slot, 5 | 6) {
            String::new()
        } else {
            s.to_owned()
        };
        self.value(Value::String(text));
    }

    fn value(&mut self, v: Value) {
        let field = match self.slot {
            1 => &mut self.exp,
            2 => &mut self.nbf,
            3 => &mut self.iat,
            4 => &mut self.iss,
            5 => &mut self.sub,
            6 => &mut self.jti,
            _ => &mut self.aud,
        };
        *field = Some(v);
    }
}

impl<'r> Registered<'r> {
    fn new(required: &'r [String]) -> Self {
        Self {
            required,
            seen: vec![false; required.len()],
            ..Self::default()
        }
    }

    /// Registered claims must have their RFC 7519 types; a mistyped one is an
    /// error, never ignored (a string "exp" must not mean "no expiry").
    fn check_types(&self) -> Result<(), String> {
        if !self.is_object {
            return Err("payload must be a JSON object".into());
        }
        for (name, v) in [("exp", &self.exp), ("nbf", &self.nbf), ("iat", &self.iat)] {
            if v.as_ref().is_some_and(|v| !matches!(v, Value::Number(_))) {
                return Err(format!("claim {name} must be a number"));
            }
        }
        for (name, v) in [("iss", &self.iss), ("sub", &self.sub), ("jti", &self.jti)] {
            if v.as_ref().is_some_and(|v| v.as_str().is_none()) {
                return Err(format!("claim {name} must be a string"));
            }
        }
        match &self.aud {
            None | Some(Value::String(_)) => {}
            Some(Value::Array(items)) if items.iter().all(|v| v.as_str().is_some()) => {}
            Some(_) => return Err("claim aud must be a string or a list of strings".into()),
        }
        Ok(())
    }
}

/// The three parts base64url-decoded into one buffer (header skipped when
/// the caller already knows it).
struct Raw {
    bytes: Vec<u8>,
    header: Range<usize>,
    payload: Range<usize>,
    signature: Range<usize>,
}

fn decode_parts(parts: &Parts<'_>, skip_header: bool) -> Result<Raw, TokenError> {
    let mut bytes = Vec::with_capacity(
        (parts.header.len() + parts.payload.len() + parts.signature.len()) / 4 * 3 + 6,
    );
    let header = if skip_header {
        0..0
    } else {
        b64_into(parts.header, "header", &mut bytes).map_err(|e| parts.or_shape(e))?
    };
    let payload = b64_into(parts.payload, "payload", &mut bytes).map_err(|e| parts.or_shape(e))?;
    let signature =
        b64_into(parts.signature, "signature", &mut bytes).map_err(|e| parts.or_shape(e))?;
    Ok(Raw {
        bytes,
        header,
        payload,
        signature,
    })
}

/// Parses and checks a JOSE header: (built header, alg, kid).
fn parse_header<HB: json::Builder>(
    bytes: &[u8],
    hb: &mut HB,
) -> Result<(HB::Value, Alg, Option<String>), TokenError> {
    let mut fields = HeaderFields::default();
    let header = json::parse_with(bytes, hb, Some(&mut fields))
        .map_err(|e| malformed(format!("header: {e}")))?;
    if !fields.is_object {
        return Err(malformed("header must be a JSON object"));
    }
    let alg = match &fields.alg {
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
    if let Some(name) = fields.forbidden {
        return Err(malformed(format!(
            "header member \"{name}\" is not accepted"
        )));
    }
    let kid = match fields.kid {
        None => None,
        Some(Value::String(kid)) => Some(kid),
        Some(_) => return Err(malformed("header kid must be a string")),
    };
    for (name, v) in [("typ", &fields.typ), ("cty", &fields.cty)] {
        if v.as_ref().is_some_and(|v| v.as_str().is_none()) {
            return Err(malformed(format!("header {name} must be a string")));
        }
    }
    Ok((header, alg, kid))
}

/// Parses the claims and checks the registered ones' types.
fn parse_claims<'r, CB: json::Builder>(
    bytes: &[u8],
    cb: &mut CB,
    required: &'r [String],
) -> Result<(CB::Value, Registered<'r>), TokenError> {
    let mut registered = Registered::new(required);
    let claims = json::parse_with(bytes, cb, Some(&mut registered))
        .map_err(|e| malformed(format!("payload: {e}")))?;
    registered.check_types().map_err(malformed)?;
    Ok((claims, registered))
}

/// Parses a compact JWS without verifying it: every structural and type check
/// of [`verify`] except key, signature and policy.
pub fn decode(token: &[u8]) -> Result<Decoded, TokenError> {
    let parts = split(token)?;
    let raw = decode_parts(&parts, false)?;
    let (header, alg, kid) = parse_header(&raw.bytes[raw.header], &mut json::ValueBuilder)?;
    let (claims, _) = parse_claims(&raw.bytes[raw.payload], &mut json::ValueBuilder, &[])?;
    Ok(Decoded {
        header,
        claims,
        alg,
        kid,
    })
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
    verify_with(token, keys, policy, &mut json::ValueBuilder)
}

/// [`verify`], building the claims with `builder` (in the same pass that
/// checks them). The built value is only returned when every check passed.
pub fn verify_with<B: json::Builder>(
    token: &[u8],
    keys: &KeySet,
    policy: &Policy,
    builder: &mut B,
) -> Result<B::Value, TokenError> {
    if policy.leeway > MAX_LEEWAY {
        return Err(malformed("policy leeway above the maximum"));
    }
    // The order of checks is decode()'s, then key, alg, signature. A header
    // byte-identical to one a key of this set writes is not parsed again:
    // its parse is known (that key's alg and kid; the kid selects that key).
    let parts = split(token)?;
    let known = keys.by_header(parts.header);
    let raw = decode_parts(&parts, known.is_some())?;
    let (alg, kid) = match known {
        Some(key) => (key.alg, None),
        None => {
            let ((), alg, kid) = parse_header(&raw.bytes[raw.header.clone()], &mut json::Discard)?;
            (alg, kid)
        }
    };
    let (claims, registered) =
        parse_claims(&raw.bytes[raw.payload.clone()], builder, &policy.required)?;
    let key = match known {
        Some(key) => key,
        None => select_key(keys, kid.as_deref())?,
    };
    if key.alg != alg {
        return Err(TokenError::new(
            Reason::AlgNotAllowed,
            format!(
                "token alg {} does not match the key's algorithm {}",
                alg.name(),
                key.alg.name()
            ),
        ));
    }
    let signing_input = &token[..parts.header.len() + 1 + parts.payload.len()];
    if !check_signature(key, signing_input, &raw.bytes[raw.signature]) {
        return Err(TokenError::new(
            Reason::BadSignature,
            "signature does not verify",
        ));
    }
    check_policy(&registered, policy)?;
    Ok(claims)
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

#[cfg(test)]
fn mac<M: Mac + KeyInit>(key: &[u8], message: &[u8]) -> Option<Vec<u8>> {
    let mut m = <M as KeyInit>::new_from_slice(key).ok()?;
    m.update(message);
    Some(m.finalize().into_bytes().to_vec())
}

/// HMAC from a raw secret (tests craft tokens with it).
#[cfg(test)]
fn hmac(alg: Alg, key: &[u8], message: &[u8]) -> Option<Vec<u8>> {
    match alg {
        Alg::HS256 => mac::<Hmac<Sha256>>(key, message),
        Alg::HS384 => mac::<Hmac<Sha384>>(key, message),
        Alg::HS512 => mac::<Hmac<Sha512>>(key, message),
        Alg::EdDSA => None,
    }
}

/// The MAC of `signing_input` with `key` (an HMAC key).
fn hmac_tag(key: &Key, k: &HmacKey, signing_input: &[u8], out: &mut [u8; MAX_MAC_LEN]) -> usize {
    let prefix = key.header_b64.as_bytes();
    // A token whose header part is the one this key writes starts from the
    // state that absorbed it (public bytes, plain comparison).
    let state = match signing_input.strip_prefix(prefix) {
        Some([b'.', rest @ ..]) => {
            let mut s = k.after_header.clone();
            s.update(rest);
            s
        }
        _ => {
            let mut s = k.keyed.clone();
            s.update(signing_input);
            s
        }
    };
    state.finalize_into(out)
}

fn check_signature(key: &Key, signing_input: &[u8], signature: &[u8]) -> bool {
    match &key.material {
        Material::Hmac(k) => {
            let mut expected = [0u8; MAX_MAC_LEN];
            let n = hmac_tag(key, k, signing_input, &mut expected);
            ct::eq(&expected[..n], signature)
        }
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

fn check_policy(claims: &Registered<'_>, policy: &Policy) -> Result<(), TokenError> {
    let leeway = policy.leeway as f64;
    let now = policy.now as f64;
    let exp = claims.exp.as_ref().and_then(Value::as_f64);
    let Some(exp) = exp else {
        return Err(TokenError::new(
            Reason::MissingClaim,
            "claim exp is required",
        ));
    };
    if now - leeway >= exp {
        return Err(TokenError::new(Reason::Expired, "token has expired"));
    }
    if let Some(nbf) = claims.nbf.as_ref().and_then(Value::as_f64) {
        if nbf > now + leeway {
            return Err(TokenError::new(
                Reason::NotYetValid,
                "token is not valid yet (nbf)",
            ));
        }
    }
    let iat = claims.iat.as_ref().and_then(Value::as_f64);
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
        match &claims.iss {
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
    match (&policy.aud, &claims.aud) {
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
            let names_one = match aud {
                Value::String(s) => accepted.iter().any(|b| b == s),
                Value::Array(items) => items
                    .iter()
                    .filter_map(Value::as_str)
                    .any(|a| accepted.iter().any(|b| b == a)),
                _ => false,
            };
            if !names_one {
                return Err(TokenError::new(
                    Reason::ClaimMismatch,
                    "claim aud does not name this audience",
                ));
            }
        }
    }
    if claims.seen.iter().any(|seen| !seen) {
        return Err(TokenError::new(
            Reason::MissingClaim,
            "a required claim is missing",
        ));
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
    let mut writer = ClaimsWriter::new();
    for (name, value) in &claims {
        writer.key(name);
        writer.write_value(value).map_err(|_| {
            SignError::Invalid(format!("claims nest deeper than {MAX_DEPTH} levels"))
        })?;
    }
    sign_claims(writer, keys, options)
}

/// [`sign`] for claims already written by a [`ClaimsWriter`] (the PHP
/// binding writes them straight from a PHP array).
pub fn sign_claims(
    mut claims: ClaimsWriter,
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
    if let Some(name) = claims.reserved {
        return Err(SignError::Invalid(format!(
            "claim {name} is set by sign(); use the ttl and nbf options"
        )));
    }
    if let Some(message) = claims.type_error() {
        return Err(SignError::Invalid(message.into()));
    }
    let now = options.now;
    let exp = i64::try_from(options.ttl)
        .ok()
        .and_then(|ttl| now.checked_add(ttl))
        .ok_or_else(|| invalid("ttl overflows the expiry time"))?;
    claims.close_open();
    claims.push_int_member("iat", now);
    if let Some(nbf) = options.nbf {
        claims.push_int_member("nbf", nbf);
    }
    claims.push_int_member("exp", exp);
    if !claims.has_jti {
        let mut jti = [0u8; 22];
        random_jti(&mut jti)?;
        claims.push_plain_string_member("jti", &jti);
    }
    claims.close();
    let payload = &claims.json;

    let payload_len = b64::encoded_len(payload.len());
    let sig_len = match key.alg {
        Alg::HS256 => 43,
        Alg::HS384 => 64,
        Alg::HS512 | Alg::EdDSA => 86,
    };
    let total = key.header_b64.len() + 1 + payload_len + 1 + sig_len;
    if total > MAX_TOKEN_LEN {
        return Err(SignError::Invalid(format!(
            "the token would be larger than {MAX_TOKEN_LEN} bytes"
        )));
    }
    let mut token = Vec::with_capacity(total);
    token.extend_from_slice(key.header_b64.as_bytes());
    token.push(b'.');
    b64::encode_into(payload, &mut token);
    let mut tag = [0u8; MAX_SIG_LEN];
    let tag_len = match &key.material {
        Material::Hmac(k) => {
            let mut mac = [0u8; MAX_MAC_LEN];
            let n = hmac_tag(key, k, &token, &mut mac);
            tag[..n].copy_from_slice(&mac[..n]);
            n
        }
        Material::EdPrivate(signing, _) => {
            tag.copy_from_slice(&signing.sign(&token).to_bytes());
            MAX_SIG_LEN
        }
        Material::EdPublic(_) => return Err(invalid("the key is a public key and cannot sign")),
    };
    token.push(b'.');
    b64::encode_into(&tag[..tag_len], &mut token);
    debug_assert_eq!(token.len(), total);
    // Every byte written is base64url or '.'.
    String::from_utf8(token).map_err(|_| SignError::Internal("token is not ASCII".into()))
}

/// Longest signature: HS512 and Ed25519, 64 bytes.
const MAX_SIG_LEN: usize = 64;

/// 16 random bytes, base64url-encoded (22 characters) into `out`.
fn random_jti(out: &mut [u8; 22]) -> Result<(), SignError> {
    let mut bytes = [0u8; 16];
    // thread_rng: a ChaCha CSPRNG seeded and periodically reseeded from the OS;
    // a jti needs uniqueness, and a syscall per token costs more than the MAC.
    rand::thread_rng()
        .try_fill_bytes(&mut bytes)
        .map_err(|_| SignError::Internal("the random source failed".into()))?;
    b64::encode_slice(&bytes, out);
    Ok(())
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod split_tests {
    use super::count_dots;

    #[test]
    fn shape_errors_come_first() {
        let shape = "token must have exactly three dot-separated parts";
        let empty = "token header and payload must not be empty";
        for (token, message) in [
            ("", shape),
            ("abc", shape),
            ("a.b", shape),
            (".a.b.c", shape),
            ("a..b.c", shape),
            ("a.b.c.d", shape),
            ("!.b.c.d", shape),
            ("a.b.!.d", shape),
            ("a.b.c.!", shape),
            ("....", shape),
            (".a.b", empty),
            ("a..b", empty),
            ("..", empty),
            ("!.b.c", "header is not canonical unpadded base64url"),
            ("YQ.!.c", "payload is not canonical unpadded base64url"),
            ("YQ.YQ.!", "signature is not canonical unpadded base64url"),
        ] {
            let e = super::decode(token.as_bytes()).unwrap_err();
            assert_eq!(e.message, message, "{token:?}");
        }
    }

    #[test]
    fn counts_dots_exactly() {
        for len in 0..40 {
            for dots in [0usize, 1, 3, 7, 13] {
                // Bytes next to '.' (0x2e) in value, to catch borrow errors.
                let mut t: Vec<u8> = (0..len)
                    .map(|i| [b'-', b'/', 0xae, b'A', 0x2f][i % 5])
                    .collect();
                let mut expect = 0;
                for i in (0..len).step_by(dots.max(1)) {
                    if dots > 0 {
                        t[i] = b'.';
                        expect += 1;
                    }
                }
                assert_eq!(count_dots(&t), expect, "len {len} step {dots}");
            }
        }
    }
}
