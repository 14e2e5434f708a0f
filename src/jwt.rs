//! `Soc2\Jwt\Keys` and `Soc2\Jwt\Jwt`: PHP values in, `soc2_core::jwt` calls out.
//!
//! Claims cross the boundary as JSON values: PHP arrays become JSON objects or
//! lists the way `json_encode` decides (a list is keys 0..n-1 in order), and
//! JSON objects come back as PHP arrays. Anything `json_encode` would mangle
//! or refuse (objects, resources, NAN/INF, invalid UTF-8) is a `ValueError`.

use std::borrow::Cow;

use ext_php_rs::binary_slice::BinarySlice;
use ext_php_rs::boxed::ZBox;
use ext_php_rs::exception::{PhpException, PhpResult};
use ext_php_rs::flags::ClassFlags;
use ext_php_rs::prelude::*;
use ext_php_rs::types::{ArrayKey, ZendHashTable, Zval};
use soc2_core::jwt::json::Number;
use soc2_core::jwt::{
    self, json, Alg, ClaimsWriter, KeyError, KeySet, Policy, SignError, SignOptions, TokenError,
    Value,
};
use zeroize::Zeroizing;

use crate::args::{entries, is_list, Key, OptionsArray};
use crate::errors::{internal_error, key_error, token_error, value_error};
use crate::ini;

/// Parameters that hold secrets or bearer tokens (0-based), for
/// `#[\SensitiveParameter]`.
pub const SENSITIVE: crate::sensitive::SensitiveParams = &[
    ("Soc2\\Jwt\\Keys", "hmac", &[0]),
    ("Soc2\\Jwt\\Keys", "ed25519", &[0]),
    ("Soc2\\Jwt\\Jwt", "verify", &[0]),
    ("Soc2\\Jwt\\Jwt", "decodeunverified", &[0]),
];

/// A set of signing/verification keys by kid. Key bytes never leave Rust:
/// no properties, not serializable, not cloneable, zeroized when freed.
#[php_class]
#[php(name = "Soc2\\Jwt\\Keys")]
#[php(flags = ClassFlags::Final.union(ClassFlags::NotSerializable))]
pub struct Keys {
    inner: KeySet,
}

/// Signs and verifies compact JWTs (HS256/384/512, EdDSA).
#[php_class]
#[php(name = "Soc2\\Jwt\\Jwt")]
#[php(flags = ClassFlags::Final)]
pub struct Jwt;

fn key_failure(method: &str, arg: &str, e: &KeyError) -> PhpException {
    match e {
        KeyError::Invalid(m) => {
            value_error(format!("Soc2\\Jwt\\Keys::{method}(): Argument {arg} {m}"))
        }
        KeyError::Material(m) => key_error(format!("Soc2\\Jwt\\Keys::{method}(): {m}")),
    }
}

/// kid => bytes from a PHP array; kids are strings (integer keys stringified).
fn secrets_from(
    table: &ZendHashTable,
    method: &str,
    arg: &str,
) -> PhpResult<Vec<(String, Zeroizing<Vec<u8>>)>> {
    let mut out = Vec::with_capacity(table.len());
    for (key, value) in entries(table) {
        let kid = match key {
            Key::Int(i) => i.to_string(),
            Key::Str(s) => s,
            Key::NotUtf8(_) => {
                return Err(value_error(format!(
                    "Soc2\\Jwt\\Keys::{method}(): Argument {arg} key ids must be valid UTF-8"
                )))
            }
        };
        let Some(bytes) = value.dereference().zend_str() else {
            return Err(value_error(format!(
                "Soc2\\Jwt\\Keys::{method}(): Argument {arg} must map key ids to binary strings"
            )));
        };
        out.push((kid, Zeroizing::new(bytes.as_bytes().to_vec())));
    }
    Ok(out)
}

#[php_impl]
impl Keys {
    /// HMAC keys for one algorithm: kid => secret (raw bytes, at least the
    /// hash output size: 32/48/64 bytes). The primary kid signs; without it a
    /// single key is primary.
    #[php(defaults(alg = "HS256".to_string(), primary = None))]
    pub fn hmac(secrets: &ZendHashTable, alg: String, primary: Option<String>) -> PhpResult<Keys> {
        let alg = match Alg::from_name(&alg) {
            Some(a @ (Alg::HS256 | Alg::HS384 | Alg::HS512)) => a,
            _ => {
                return Err(value_error(
                    "Soc2\\Jwt\\Keys::hmac(): Argument #2 ($alg) must be \"HS256\", \"HS384\" or \"HS512\"",
                ))
            }
        };
        let secrets = secrets_from(secrets, "hmac", "#1 ($secrets)")?;
        KeySet::hmac(secrets, alg, primary.as_deref())
            .map(|inner| Keys { inner })
            .map_err(|e| key_failure("hmac", "#1 ($secrets)", &e))
    }

    /// Ed25519 (EdDSA) keys. `$secret_keys`: kid => 32-byte seed or 64-byte
    /// secret key (seed‖public, libsodium's form), sign and verify.
    /// `$public_keys`: kid => 32-byte public key, verify only.
    #[php(defaults(primary = None, public_keys = []))]
    pub fn ed25519(
        secret_keys: &ZendHashTable,
        primary: Option<String>,
        public_keys: OptionsArray,
    ) -> PhpResult<Keys> {
        let secret = secrets_from(secret_keys, "ed25519", "#1 ($secret_keys)")?;
        let mut public = Vec::new();
        for (key, value) in public_keys.table().into_iter().flat_map(entries) {
            let kid = match key {
                Key::Int(i) => i.to_string(),
                Key::Str(s) => s,
                Key::NotUtf8(_) => {
                    return Err(value_error(
                        "Soc2\\Jwt\\Keys::ed25519(): Argument #3 ($public_keys) key ids must be valid UTF-8",
                    ))
                }
            };
            let Some(bytes) = value.dereference().zend_str() else {
                return Err(value_error(
                    "Soc2\\Jwt\\Keys::ed25519(): Argument #3 ($public_keys) must map key ids to 32-byte strings",
                ));
            };
            public.push((kid, bytes.as_bytes().to_vec()));
        }
        KeySet::ed25519(secret, public, primary.as_deref())
            .map(|inner| Keys { inner })
            .map_err(|e| key_failure("ed25519", "#1 ($secret_keys)", &e))
    }

    /// Public keys from a JWK Set document (OKP/Ed25519; other key types are
    /// skipped). Keys without a kid get their RFC 7638 thumbprint.
    pub fn from_jwks(json: BinarySlice<u8>) -> PhpResult<Keys> {
        KeySet::from_jwks(&json)
            .map(|inner| Keys { inner })
            .map_err(|e| key_failure("fromJwks", "#1 ($json)", &e))
    }

    /// Metadata only: kid => ['alg' => ..., 'sign' => bool].
    pub fn keys(&self) -> PhpResult<ZBox<ZendHashTable>> {
        let mut out = ZendHashTable::new();
        for info in self.inner.info() {
            let mut row = ZendHashTable::new();
            row.insert("alg", info.alg.name())?;
            row.insert("sign", info.can_sign)?;
            out.insert(info.kid, row)?;
        }
        Ok(out)
    }

    /// The kid `Jwt::sign()` uses by default, null when there is none.
    pub fn primary_id(&self) -> Option<String> {
        self.inner.primary_kid().map(str::to_owned)
    }

    /// A JWK Set with the public halves of the Ed25519 keys, for verifiers.
    pub fn public_jwks(&self) -> String {
        self.inner.public_jwks()
    }

    /// What var_dump/print_r show: kids and algorithms, never key bytes.
    #[php(name = "__debugInfo")]
    pub fn debug_info(&self) -> PhpResult<ZBox<ZendHashTable>> {
        let mut out = ZendHashTable::new();
        out.insert("primary", self.inner.primary_kid().map(str::to_owned))?;
        out.insert("keys", self.keys()?)?;
        Ok(out)
    }
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

fn token_failure(method: &str, e: TokenError) -> PhpException {
    token_error(
        e.reason.as_str(),
        format!("Soc2\\Jwt\\Jwt::{method}(): {}", e.message),
    )
}

fn int_option(value: &Zval, method: &str, arg: &str, name: &str) -> PhpResult<i64> {
    let value = value.dereference();
    if value.is_long() {
        if let Some(v) = value.long() {
            return Ok(v);
        }
    }
    Err(value_error(format!(
        "Soc2\\Jwt\\Jwt::{method}(): Argument {arg} option \"{name}\" must be an integer"
    )))
}

/// A string or a list of strings; `what` names the argument in the error
/// (built only on error: this runs on every verify).
fn string_list(value: &Zval, what: impl Fn() -> String) -> PhpResult<Vec<String>> {
    let fail = || value_error(format!("{} must be a string or a list of strings", what()));
    let value = value.dereference();
    if let Some(s) = value.str() {
        return Ok(vec![s.to_owned()]);
    }
    let list = value.array().filter(|a| is_list(a)).ok_or_else(fail)?;
    let mut out = Vec::with_capacity(list.len());
    each_entry(list, |_, v| {
        out.push(v.dereference().str().map(str::to_owned).ok_or_else(fail)?);
        Ok::<(), PhpException>(())
    })?;
    Ok(out)
}

fn printable(name: &str) -> String {
    name.chars()
        .take(64)
        .map(|c| if c.is_control() { '?' } else { c })
        .collect()
}

#[php_impl]
impl Jwt {
    /// Signs claims with the primary key (or options['kid']). Sets iat, exp
    /// (now + options['ttl'], default soc2.jwt_ttl), nbf when options['nbf']
    /// is given, and a random jti unless the claims carry one.
    #[php(defaults(options = []))]
    pub fn sign(claims: &ZendHashTable, keys: &Keys, options: OptionsArray) -> PhpResult<String> {
        const M: &str = "sign";
        let mut opts = SignOptions {
            ttl: ini::jwt_ttl(),
            now: now(),
            nbf: None,
            kid: None,
        };
        for (key, value) in options.entries() {
            let name = key.to_string();
            match name.as_str() {
                "ttl" => {
                    let ttl = int_option(value, M, "#3 ($options)", "ttl")?;
                    opts.ttl = u64::try_from(ttl).ok().filter(|t| (1..=jwt::MAX_TTL).contains(t)).ok_or_else(|| {
                        value_error(format!(
                            "Soc2\\Jwt\\Jwt::sign(): Argument #3 ($options) option \"ttl\" must be between 1 and {}",
                            jwt::MAX_TTL
                        ))
                    })?;
                }
                "nbf" => opts.nbf = Some(int_option(value, M, "#3 ($options)", "nbf")?),
                "now" => opts.now = int_option(value, M, "#3 ($options)", "now")?,
                "kid" => {
                    opts.kid = Some(value.dereference().str().map(str::to_owned).ok_or_else(|| {
                        value_error("Soc2\\Jwt\\Jwt::sign(): Argument #3 ($options) option \"kid\" must be a string")
                    })?);
                }
                _ => {
                    return Err(value_error(format!(
                        "Soc2\\Jwt\\Jwt::sign(): Argument #3 ($options) has unknown option \"{}\" (expected ttl, nbf, kid, now)",
                        printable(&name)
                    )))
                }
            }
        }
        let mut writer = ClaimsWriter::new();
        write_members(&mut writer, claims).map_err(|m| {
            value_error(format!("Soc2\\Jwt\\Jwt::sign(): Argument #1 ($claims) {m}"))
        })?;
        jwt::sign_claims(writer, &keys.inner, &opts).map_err(|e| match e {
            SignError::Invalid(m) => value_error(format!("Soc2\\Jwt\\Jwt::sign(): {m}")),
            SignError::Internal(m) => internal_error(format!("Soc2\\Jwt\\Jwt::sign(): {m}")),
        })
    }

    /// Verifies a token and returns its claims. The policy is required:
    /// 'iss' and 'aud' must be present (null waives the check explicitly);
    /// optional 'leeway' (seconds, default 30, at most 300), 'max_age'
    /// (seconds, against iat), 'required' (claim names), 'now' (Unix time).
    pub fn verify(
        token: BinarySlice<u8>,
        keys: &Keys,
        policy: &ZendHashTable,
    ) -> PhpResult<ZBox<ZendHashTable>> {
        let policy = policy_from(policy)?;
        let claims = jwt::verify_with(&token, &keys.inner, &policy, &mut PhpBuilder)
            .map_err(|e| token_failure("verify", e))?;
        match claims {
            PhpValue::Array(table) => Ok(table),
            PhpValue::Scalar(_) => Err(internal_error("decoded JSON is not an object")),
        }
    }

    /// UNTRUSTED: parses a token WITHOUT checking its signature or claims,
    /// for display or to route to the right key set. Returns
    /// ['header' => [...], 'claims' => [...]]. Never authorise on this.
    pub fn decode_unverified(token: BinarySlice<u8>) -> PhpResult<ZBox<ZendHashTable>> {
        let decoded = jwt::decode(&token).map_err(|e| token_failure("decodeUnverified", e))?;
        let mut out = ZendHashTable::new();
        out.insert("header", object_to_php(&decoded.header)?)?;
        out.insert("claims", object_to_php(&decoded.claims)?)?;
        Ok(out)
    }
}

fn policy_from(table: &ZendHashTable) -> PhpResult<Policy> {
    const ARG: &str = "Soc2\\Jwt\\Jwt::verify(): Argument #3 ($policy)";
    let mut policy = Policy {
        iss: None,
        aud: None,
        leeway: jwt::DEFAULT_LEEWAY,
        max_age: None,
        required: Vec::new(),
        now: now(),
    };
    let (mut has_iss, mut has_aud) = (false, false);
    let mut iter = table.iter();
    while let Some((key, value)) = iter.next_zval() {
        // Borrowed when it is a UTF-8 string (every valid key); integer and
        // non-UTF-8 keys only reach the "unknown key" message.
        let name: Cow<'_, str> = if key.is_long() {
            Cow::Owned(key.long().unwrap_or_default().to_string())
        } else if let Some(s) = key.str() {
            Cow::Borrowed(s)
        } else {
            Cow::Owned(
                key.zend_str()
                    .map(|z| String::from_utf8_lossy(z.as_bytes()).into_owned())
                    .unwrap_or_default(),
            )
        };
        let value = value.dereference();
        match &*name {
            "iss" => {
                has_iss = true;
                if !value.is_null() {
                    policy.iss = Some(value.str().map(str::to_owned).ok_or_else(|| {
                        value_error(format!("{ARG} \"iss\" must be a string or null"))
                    })?);
                }
            }
            "aud" => {
                has_aud = true;
                if !value.is_null() {
                    policy.aud = Some(string_list(value, || format!("{ARG} \"aud\""))?);
                }
            }
            "leeway" => {
                let v = int_option(value, "verify", "#3 ($policy)", "leeway")?;
                policy.leeway = u64::try_from(v)
                    .ok()
                    .filter(|v| *v <= jwt::MAX_LEEWAY)
                    .ok_or_else(|| {
                        value_error(format!(
                            "{ARG} \"leeway\" must be between 0 and {} seconds",
                            jwt::MAX_LEEWAY
                        ))
                    })?;
            }
            "max_age" => {
                if !value.is_null() {
                    let v = int_option(value, "verify", "#3 ($policy)", "max_age")?;
                    policy.max_age = Some(u64::try_from(v).map_err(|_| {
                        value_error(format!("{ARG} \"max_age\" must not be negative"))
                    })?);
                }
            }
            "required" => {
                let fail =
                    || value_error(format!("{ARG} \"required\" must be a list of claim names"));
                let list = value.array().filter(|a| is_list(a)).ok_or_else(fail)?;
                each_entry(list, |_, v| {
                    policy
                        .required
                        .push(v.dereference().str().map(str::to_owned).ok_or_else(fail)?);
                    Ok::<(), PhpException>(())
                })?;
            }
            "now" => policy.now = int_option(value, "verify", "#3 ($policy)", "now")?,
            _ => {
                return Err(value_error(format!(
                "{ARG} has unknown key \"{}\" (expected iss, aud, leeway, max_age, required, now)",
                printable(&name)
            )))
            }
        }
    }
    if !has_iss {
        return Err(value_error(format!(
            "{ARG} must set \"iss\" (the expected issuer, or null to accept any)"
        )));
    }
    if !has_aud {
        return Err(value_error(format!(
            "{ARG} must set \"aud\" (this service's audience, or null to accept tokens without one)"
        )));
    }
    Ok(policy)
}

/// A PHP array key, borrowed (no allocation per key).
enum KeyRef<'a> {
    Int(i64),
    Str(&'a str),
    NotUtf8,
}

/// Calls `f` for each entry of a PHP array. Unlike ext-php-rs's `iter()`,
/// a non-UTF-8 string key is reported, never a panic (as `args::entries`),
/// and keys are borrowed rather than copied into Strings.
fn each_entry<E>(
    table: &ZendHashTable,
    mut f: impl FnMut(KeyRef<'_>, &Zval) -> Result<(), E>,
) -> Result<(), E> {
    let mut iter = table.iter();
    while let Some((key, value)) = iter.next_zval() {
        let key_ref = if key.is_long() {
            KeyRef::Int(key.long().unwrap_or_default())
        } else {
            match key.str() {
                Some(s) => KeyRef::Str(s),
                None => KeyRef::NotUtf8,
            }
        };
        f(key_ref, value)?;
    }
    Ok(())
}

fn too_deep() -> String {
    format!("nests deeper than {} levels", json::MAX_DEPTH)
}

/// The members of a PHP array into the open object of `w`, as json_encode
/// would encode them, refusing what it would refuse or silently change.
fn write_members(w: &mut ClaimsWriter, table: &ZendHashTable) -> Result<(), String> {
    each_entry(table, |key, v| {
        match key {
            KeyRef::Int(i) => w.key_int(i),
            KeyRef::Str(s) => w.key(s),
            KeyRef::NotUtf8 => return Err("has a key that is not valid UTF-8".to_string()),
        }
        write_zval(w, v)
    })
}

/// Claim strings above this are refused without being encoded (8 × the token limit).
const MAX_CLAIM_STRING: usize = 8 * jwt::MAX_TOKEN_LEN;

fn write_zval(w: &mut ClaimsWriter, zv: &Zval) -> Result<(), String> {
    let zv = zv.dereference();
    if zv.is_null() {
        w.null();
    } else if zv.is_true() {
        w.bool(true);
    } else if zv.is_false() {
        w.bool(false);
    } else if zv.is_long() {
        w.int(zv.long().unwrap_or_default());
    } else if zv.is_double() {
        w.float(zv.double().unwrap_or(f64::NAN))
            .map_err(|_| "holds NAN or INF, which JSON cannot encode".to_string())?;
    } else if zv.is_string() {
        // A string this long can never fit in a token: refuse it before it is
        // validated, escaped and signed (docs/LIMITS.md). Shorter oversized
        // claims get sign()'s own "token would be larger" error.
        if zv.zend_str().is_some_and(|s| s.len() > MAX_CLAIM_STRING) {
            return Err(format!(
                "holds a string longer than {MAX_CLAIM_STRING} bytes; the token would be larger than {} bytes",
                jwt::MAX_TOKEN_LEN
            ));
        }
        let s = zv
            .str()
            .ok_or_else(|| "holds a string that is not valid UTF-8".to_string())?;
        w.string(s);
    } else if let Some(table) = zv.array() {
        // A list is a JSON array, anything else an object (json_encode's rule).
        if is_list(table) {
            w.begin_array().map_err(|_| too_deep())?;
            each_entry(table, |_, v| write_zval(w, v))?;
        } else {
            w.begin_object().map_err(|_| too_deep())?;
            write_members(w, table)?;
        }
        w.end();
    } else if zv.is_object() {
        return Err("holds an object; only arrays and scalars are encoded".to_string());
    } else {
        return Err("holds a value that JSON cannot encode".to_string());
    }
    Ok(())
}

/// What [`PhpBuilder`] builds: arrays stay boxed tables until placed.
enum PhpValue {
    Scalar(Zval),
    Array(ZBox<ZendHashTable>),
}

impl PhpValue {
    fn into_zval(self) -> Zval {
        match self {
            PhpValue::Scalar(zv) => zv,
            PhpValue::Array(table) => {
                let mut zv = Zval::new();
                zv.set_hashtable(table);
                zv
            }
        }
    }
}

/// Builds verified claims straight into PHP values while they are parsed:
/// objects become arrays (numeric-string names become integer keys, as PHP's
/// own arrays do), integers that fit become int, other numbers float.
struct PhpBuilder;

impl json::Builder for PhpBuilder {
    type Value = PhpValue;
    type Object = ZBox<ZendHashTable>;
    type Array = ZBox<ZendHashTable>;

    fn null(&mut self) -> PhpValue {
        let mut zv = Zval::new();
        zv.set_null();
        PhpValue::Scalar(zv)
    }

    fn bool(&mut self, v: bool) -> PhpValue {
        let mut zv = Zval::new();
        zv.set_bool(v);
        PhpValue::Scalar(zv)
    }

    fn number(&mut self, n: Number) -> PhpValue {
        let mut zv = Zval::new();
        match n.as_i64() {
            Some(i) => zv.set_long(i),
            None => zv.set_double(n.as_f64().unwrap_or(f64::NAN)),
        }
        PhpValue::Scalar(zv)
    }

    fn string(&mut self, s: &str) -> PhpValue {
        let mut zv = Zval::new();
        // set_string never fails (its Result is historical).
        let _ = zv.set_string(s, false);
        PhpValue::Scalar(zv)
    }

    fn object(&mut self) -> ZBox<ZendHashTable> {
        ZendHashTable::new()
    }

    fn insert(
        &mut self,
        object: &mut ZBox<ZendHashTable>,
        name: &str,
        v: PhpValue,
    ) -> Result<(), String> {
        object
            .insert(ArrayKey::from(name), v.into_zval())
            .map_err(|_| "cannot build the claims array".to_string())
    }

    fn finish_object(&mut self, object: ZBox<ZendHashTable>) -> PhpValue {
        PhpValue::Array(object)
    }

    fn array(&mut self) -> ZBox<ZendHashTable> {
        ZendHashTable::new()
    }

    fn push(&mut self, array: &mut ZBox<ZendHashTable>, v: PhpValue) -> Result<(), String> {
        array
            .push(v.into_zval())
            .map_err(|_| "cannot build the claims array".to_string())
    }

    fn finish_array(&mut self, array: ZBox<ZendHashTable>) -> PhpValue {
        PhpValue::Array(array)
    }
}

/// A JSON object (the parser guarantees headers and claims are objects) as a
/// PHP array.
fn object_to_php(value: &Value) -> PhpResult<ZBox<ZendHashTable>> {
    let Value::Object(members) = value else {
        return Err(internal_error("decoded JSON is not an object"));
    };
    let mut table = ZendHashTable::with_capacity(u32::try_from(members.len()).unwrap_or(u32::MAX));
    for (name, item) in members {
        table.insert(ArrayKey::from(name.clone()), json_to_php(item)?)?;
    }
    Ok(table)
}

/// JSON → PHP: objects become arrays (numeric-string names become integer
/// keys, as PHP's own arrays do), integers that fit become int, others float.
fn json_to_php(value: &Value) -> PhpResult<Zval> {
    let mut zv = Zval::new();
    match value {
        Value::Null => zv.set_null(),
        Value::Bool(b) => zv.set_bool(*b),
        Value::Number(_) => match value.as_i64() {
            Some(i) => zv.set_long(i),
            None => zv.set_double(value.as_f64().unwrap_or(f64::NAN)),
        },
        Value::String(s) => zv.set_string(s, false)?,
        Value::Array(items) => {
            let mut table =
                ZendHashTable::with_capacity(u32::try_from(items.len()).unwrap_or(u32::MAX));
            for item in items {
                table.push(json_to_php(item)?)?;
            }
            zv.set_hashtable(table);
        }
        Value::Object(_) => zv.set_hashtable(object_to_php(value)?),
    }
    Ok(zv)
}
