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
pub mod write;

use std::fmt;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
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
    header: &'t [u8],
    payload: &'t [u8],
    signature: &'t [u8],
}

fn split(token: &[u8]) -> Result<Parts<'_>, TokenError> {
    if token.len() > MAX_TOKEN_LEN {
        return Err(TokenError::new(
            Reason::TooLarge,
            format!("token is larger than {MAX_TOKEN_LEN} bytes"),
        ));
    }
    let mut parts = token.split(|&b| b == b'.');
    let (Some(header), Some(payload), Some(signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(malformed(
            "token must have exactly three dot-separated parts",
        ));
    };
    if header.is_empty() || payload.is_empty() {
        return Err(malformed("token header and payload must not be empty"));
    }
    Ok(Parts {
        header,
        payload,
        signature,
    })
}

fn b64_into(
    part: &[u8],
    what: &str,
    out: &mut Vec<u8>,
) -> Result<std::ops::Range<usize>, TokenError> {
    // URL_SAFE_NO_PAD: base64url alphabet only, no '=', and non-zero trailing
    // bits refused, so every token has exactly one encoding.
    let start = out.len();
    URL_SAFE_NO_PAD
        .decode_vec(part, out)
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

/// A decoded token whose header and claims went to builders.
struct DecodedWith<'r, H, C> {
    header: H,
    claims: C,
    registered: Registered<'r>,
    alg: Alg,
    kid: Option<String>,
    header_len: usize,
    signing_input_len: usize,
    /// Decoded header ‖ payload ‖ signature; the signature is at `sig`.
    bytes: Vec<u8>,
    sig: std::ops::Range<usize>,
}

/// Every structural and type check of [`verify`] except key, signature and
/// policy, in that order; header and claims go to the given builders, and
/// the claims named in `required` are looked for on the way.
fn decode_with<'r, HB: json::Builder, CB: json::Builder>(
    token: &[u8],
    hb: &mut HB,
    cb: &mut CB,
    required: &'r [String],
) -> Result<DecodedWith<'r, HB::Value, CB::Value>, TokenError> {
    let parts = split(token)?;
    // One buffer for the three decoded parts.
    let mut bytes = Vec::with_capacity(
        (parts.header.len() + parts.payload.len() + parts.signature.len()) / 4 * 3 + 6,
    );
    let h = b64_into(parts.header, "header", &mut bytes)?;
    let p = b64_into(parts.payload, "payload", &mut bytes)?;
    let sig = b64_into(parts.signature, "signature", &mut bytes)?;

    let mut fields = HeaderFields::default();
    let header = json::parse_with(&bytes[h], hb, Some(&mut fields))
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

    let mut registered = Registered::new(required);
    let claims = json::parse_with(&bytes[p], cb, Some(&mut registered))
        .map_err(|e| malformed(format!("payload: {e}")))?;
    registered.check_types().map_err(malformed)?;

    Ok(DecodedWith {
        header,
        claims,
        registered,
        alg,
        kid,
        header_len: parts.header.len(),
        signing_input_len: parts.header.len() + 1 + parts.payload.len(),
        bytes,
        sig,
    })
}

/// Parses a compact JWS without verifying it: every structural and type check
/// of [`verify`] except key, signature and policy.
pub fn decode(token: &[u8]) -> Result<Decoded, TokenError> {
    let d = decode_with(token, &mut json::ValueBuilder, &mut json::ValueBuilder, &[])?;
    Ok(Decoded {
        header: d.header,
        claims: d.claims,
        alg: d.alg,
        kid: d.kid,
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
    let decoded = decode_with(token, &mut json::Discard, builder, &policy.required)?;
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
    let signature = &decoded.bytes[decoded.sig.clone()];
    if !check_signature(key, signing_input, decoded.header_len, signature) {
        return Err(TokenError::new(
            Reason::BadSignature,
            "signature does not verify",
        ));
    }
    check_policy(&decoded.registered, policy)?;
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

/// The MAC of `signing_input` (whose header part is `header_len` bytes).
fn hmac_tag(k: &HmacKey, signing_input: &[u8], out: &mut [u8; MAX_MAC_LEN]) -> usize {
    let prefix = k.header_b64.as_bytes();
    // The header part plus its '.', compared as public bytes: a token whose
    // header is the one this key writes starts from the precomputed state.
    let state = if signing_input.len() > prefix.len() && signing_input.starts_with(prefix) {
        let mut s = k.after_header.clone();
        s.update(&signing_input[prefix.len()..]);
        s
    } else {
        let mut s = k.keyed.clone();
        s.update(signing_input);
        s
    };
    state.finalize_into(out)
}

fn check_signature(key: &Key, signing_input: &[u8], header_len: usize, signature: &[u8]) -> bool {
    debug_assert!(header_len < signing_input.len());
    match &key.material {
        Material::Hmac(k) => {
            let mut expected = [0u8; MAX_MAC_LEN];
            let n = hmac_tag(k, signing_input, &mut expected);
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
        claims.push_plain_string_member("jti", random_jti()?.as_bytes());
    }
    claims.close();
    let payload = &claims.json;

    let header_b64 = match &key.material {
        Material::Hmac(k) => std::borrow::Cow::Borrowed(k.header_b64.as_str()),
        _ => {
            let mut h = URL_SAFE_NO_PAD.encode(keys::header_json(key.alg, &key.kid));
            h.push('.');
            std::borrow::Cow::Owned(h)
        }
    };
    let payload_len = base64::encoded_len(payload.len(), false).unwrap_or(usize::MAX);
    let sig_len = match key.alg {
        Alg::HS256 => 43,
        Alg::HS384 => 64,
        Alg::HS512 | Alg::EdDSA => 86,
    };
    let total = header_b64
        .len()
        .saturating_add(payload_len)
        .saturating_add(1 + sig_len);
    if total > MAX_TOKEN_LEN {
        return Err(SignError::Invalid(format!(
            "the token would be larger than {MAX_TOKEN_LEN} bytes"
        )));
    }
    let mut token = String::with_capacity(total);
    token.push_str(&header_b64);
    URL_SAFE_NO_PAD.encode_string(payload, &mut token);
    let mut tag = [0u8; MAX_SIG_LEN];
    let tag_len = match &key.material {
        Material::Hmac(k) => {
            let mut mac = [0u8; MAX_MAC_LEN];
            let n = hmac_tag(k, token.as_bytes(), &mut mac);
            tag[..n].copy_from_slice(&mac[..n]);
            n
        }
        Material::EdPrivate(signing, _) => {
            tag.copy_from_slice(&signing.sign(token.as_bytes()).to_bytes());
            MAX_SIG_LEN
        }
        Material::EdPublic(_) => return Err(invalid("the key is a public key and cannot sign")),
    };
    token.push('.');
    URL_SAFE_NO_PAD.encode_string(&tag[..tag_len], &mut token);
    debug_assert_eq!(token.len(), total);
    Ok(token)
}

/// Longest signature: HS512 and Ed25519, 64 bytes.
const MAX_SIG_LEN: usize = 64;

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
