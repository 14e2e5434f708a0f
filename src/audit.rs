//! `Soc2\Audit` and the `soc2.audit_*` php.ini settings: PHP values in, core calls out.
//!
//! Settings are validated by their own `on_modify` handler (the src/ini.rs
//! pattern) and kept in one `Mutex<Config>` with a generation counter; the hot
//! path compares the counter with the one its cached sink was built for and
//! rebuilds only after a change. The key file is read once and re-checked
//! (one stat) at the first event of each request, so a replaced key is used
//! from the next request on. Everything is process-wide, which matches NTS
//! PHP (CLI, FPM, Apache prefork).

// PHP parameter names are camelCase (`$keyFile`) and ext-php-rs takes them
// from the Rust names.
#![allow(non_snake_case)]

use std::ffi::{c_int, c_void};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Mutex;

use ext_php_rs::binary_slice::BinarySlice;
use ext_php_rs::boxed::ZBox;
use ext_php_rs::error::php_error;
use ext_php_rs::exception::PhpResult;
use ext_php_rs::ffi::{zend_ini_entry, zend_string};
use ext_php_rs::flags::ErrorType;
use ext_php_rs::flags::{ClassFlags, IniEntryPermission};
use ext_php_rs::prelude::*;
use ext_php_rs::types::{ZendHashTable, Zval};
use ext_php_rs::zend::{IniEntryDef, IniEntryDefs};
use soc2_core::audit::file::FileSink;
use soc2_core::audit::key::AuditKey;
use soc2_core::audit::record::{Origin, Prepared};
use soc2_core::audit::redact::{Policy, MAX_DEPTH};
use soc2_core::audit::stream::{StderrSink, SyslogSink, DEFAULT_SYSLOG_SOCKET};
use soc2_core::audit::value::Value;
use soc2_core::audit::{event, verify, AuditError};

use crate::args::OptionsArray;
use crate::errors::{audit_error, key_error, type_error, value_error};

const SUCCESS: c_int = 0;
const FAILURE: c_int = -1;

/// Tamper-evident, redacted, structured audit log.
#[php_class]
#[php(name = "Soc2\\Audit")]
#[php(flags = ClassFlags::Final)]
pub struct Audit;

/// `$fields` may carry secrets the caller forgot about: keep them out of traces.
pub const SENSITIVE: crate::sensitive::SensitiveParams = &[("Soc2\\Audit", "log", &[1])];

#[php_impl]
impl Audit {
    /// Writes one audit record to the `soc2.audit_log` sink. `$event` is an
    /// OWASP Logging Vocabulary name (or `app_*`); `$outcome` is `success`,
    /// `failure` or `unknown`. A sink failure throws `Soc2\AuditException`
    /// (`soc2.audit_on_failure=throw`) or raises a warning (`warn`).
    #[php(defaults(fields = [], outcome = "\"success\""))]
    pub fn log(event: BinarySlice<u8>, fields: OptionsArray, outcome: String) -> PhpResult<()> {
        let event = std::str::from_utf8(&event).unwrap_or("\u{fffd}");
        event::validate_event(event)
            .map_err(|e| value_error(format!("Soc2\\Audit::log(): Argument #1 ($event) {e}")))?;
        event::validate_outcome(&outcome)
            .map_err(|e| value_error(format!("Soc2\\Audit::log(): Argument #3 ($outcome) {e}")))?;
        let fields = fields.table().map(|t| members(t, 1)).unwrap_or_default();
        match write(event, &outcome, &fields) {
            Ok(()) => Ok(()),
            Err(AuditError::Invalid(m)) => Err(value_error(format!("Soc2\\Audit::log(): {m}"))),
            Err(e) => {
                let message = format!("Soc2\\Audit::log(): the audit record was not written: {e}");
                if THROW.load(Ordering::Relaxed) {
                    Err(audit_error(message))
                } else {
                    // php_error_docref adds the "Soc2\Audit::log(): " prefix
                    // itself, and drops messages containing NUL: paths could.
                    let text = format!("the audit record was not written: {e}");
                    php_error(&ErrorType::Warning, &text.replace('\0', "?"));
                    Ok(())
                }
            }
        }
    }

    /// Verifies a log file, or rotated files oldest first, against the key in
    /// `$keyFile` (default `soc2.audit_key_file`). Returns `ok`, `records`,
    /// `first_bad_record` (1-based line across the files), `reason`, `head`
    /// (hex MAC of the last good record) and `torn_lines` (recovered crash
    /// leftovers). A missing or wrong key throws `Soc2\KeyException`; an
    /// unreadable file throws `Soc2\AuditException`.
    /// (`keyFile` is camelCase because ext-php-rs keeps Rust parameter names.)
    #[php(defaults(keyFile = None))]
    pub fn verify(paths: &Zval, keyFile: Option<String>) -> PhpResult<ZBox<ZendHashTable>> {
        const M: &str = "Soc2\\Audit::verify()";
        let paths = paths_from(paths)?;
        let key_path = match keyFile {
            Some(k) if k.contains('\0') || k.len() > crate::limits::MAX_PATH => {
                return Err(value_error(format!(
                    "{M}: Argument #2 ($keyFile) must be a path without NUL bytes, at most {} bytes",
                    crate::limits::MAX_PATH
                )))
            }
            Some(k) if !k.is_empty() => k,
            Some(_) => {
                return Err(value_error(format!(
                    "{M}: Argument #2 ($keyFile) must not be empty"
                )))
            }
            None => lock_config().key_file.clone(),
        };
        if key_path.is_empty() {
            return Err(key_error(format!(
                "{M}: no key file given and soc2.audit_key_file is not set"
            )));
        }
        let key = AuditKey::from_file(Path::new(&key_path))
            .map_err(|e| key_error(format!("{M}: {e}")))?;
        let report = verify::verify(&paths, &key).map_err(|e| match e {
            AuditError::Key(m) => key_error(format!("{M}: {m}")),
            AuditError::Invalid(m) => value_error(format!("{M}: Argument #1 ($paths) {m}")),
            AuditError::Sink(m) => audit_error(format!("{M}: {m}")),
        })?;
        let mut out = ZendHashTable::new();
        let torn: Vec<i64> = report.torn_lines.iter().map(|&n| as_long(n)).collect();
        let inserted = out.insert("ok", report.ok).is_ok()
            && out.insert("records", as_long(report.records)).is_ok()
            && out
                .insert("first_bad_record", report.first_bad_record.map(as_long))
                .is_ok()
            && out.insert("reason", report.reason).is_ok()
            && out.insert("head", report.head).is_ok()
            && out.insert("torn_lines", torn).is_ok();
        if !inserted {
            return Err(crate::errors::internal_error(format!(
                "{M}: cannot build the result array"
            )));
        }
        Ok(out)
    }
}

fn as_long(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn paths_from(zv: &Zval) -> PhpResult<Vec<PathBuf>> {
    const M: &str = "Soc2\\Audit::verify(): Argument #1 ($paths)";
    let one = |v: &Zval| -> PhpResult<PathBuf> {
        let s = v
            .zend_str()
            .ok_or_else(|| type_error(format!("{M} must contain only strings")))?;
        let bytes = s.as_bytes();
        // Longer than PATH_MAX cannot name a file; refuse before it is copied
        // into a PathBuf and an error message (docs/LIMITS.md).
        if bytes.len() > crate::limits::MAX_PATH {
            return Err(value_error(format!(
                "{M} must contain paths of at most {} bytes",
                crate::limits::MAX_PATH
            )));
        }
        if bytes.is_empty() || bytes.contains(&0) {
            return Err(value_error(format!(
                "{M} must contain non-empty paths without NUL bytes"
            )));
        }
        Ok(PathBuf::from(std::ffi::OsStr::from_encoded_bytes_checked(
            bytes,
        )))
    };
    if zv.is_string() || zv.dereference().is_string() {
        return Ok(vec![one(zv)?]);
    }
    let Some(list) = zv.array() else {
        return Err(type_error(format!(
            "{M} must be of type string|array, {} given",
            type_name(zv)
        )));
    };
    if list.is_empty() {
        return Err(value_error(format!("{M} must not be empty")));
    }
    // Not `values()`: ext-php-rs panics on a string key that is not UTF-8.
    crate::args::entries(list)
        .map(|(_, v)| one(v.dereference()))
        .collect()
}

trait FromEncodedBytes {
    fn from_encoded_bytes_checked(bytes: &[u8]) -> &std::ffi::OsStr;
}

impl FromEncodedBytes for std::ffi::OsStr {
    fn from_encoded_bytes_checked(bytes: &[u8]) -> &std::ffi::OsStr {
        std::os::unix::ffi::OsStrExt::from_bytes(bytes)
    }
}

fn type_name(zv: &Zval) -> &'static str {
    let zv = zv.dereference();
    if zv.is_null() {
        "null"
    } else if zv.is_true() || zv.is_false() {
        "bool"
    } else if zv.is_long() {
        "int"
    } else if zv.is_double() {
        "float"
    } else if zv.is_object() {
        "object"
    } else if zv.is_resource() {
        "resource"
    } else {
        "mixed"
    }
}

/// Key/value pairs of a PHP array. Iterates with `next_zval`, which hands the
/// key over as a zval: `Iter::next` panics on a key that is not UTF-8.
fn members(table: &ZendHashTable, depth: usize) -> Vec<(String, Value)> {
    let mut out = Vec::with_capacity(table.len());
    let mut iter = table.iter();
    while let Some((key, value)) = iter.next_zval() {
        let key = match key.zend_str() {
            Some(s) => String::from_utf8_lossy(s.as_bytes()).into_owned(),
            None => key.long().unwrap_or_default().to_string(),
        };
        out.push((key, to_value(value, depth)));
    }
    out
}

/// PHP value → core value. Depth is bounded here too (a PHP array can
/// contain a reference to itself); the redactor marks what is cut.
fn to_value(zv: &Zval, depth: usize) -> Value {
    let zv = zv.dereference();
    if let Some(s) = zv.zend_str() {
        return Value::Str(String::from_utf8_lossy(s.as_bytes()).into_owned());
    }
    if let Some(v) = zv.long().filter(|_| zv.is_long()) {
        return Value::Int(v);
    }
    if zv.is_true() {
        return Value::Bool(true);
    }
    if zv.is_false() {
        return Value::Bool(false);
    }
    if let Some(v) = zv.double().filter(|_| zv.is_double()) {
        return Value::Float(v);
    }
    if let Some(table) = zv.array() {
        if depth > MAX_DEPTH {
            return Value::Str("[TRUNCATED depth]".into());
        }
        // Not `has_sequential_keys()`/`values()`: both panic on a non-UTF-8 key.
        if crate::args::is_list(table) {
            return Value::List(
                crate::args::entries(table)
                    .map(|(_, v)| to_value(v, depth + 1))
                    .collect(),
            );
        }
        return Value::Map(members(table, depth + 1));
    }
    if let Some(object) = zv.object() {
        let name = object.get_class_name().unwrap_or_default();
        return Value::Str(format!("[object {name}]"));
    }
    if zv.is_null() {
        return Value::Null;
    }
    Value::Str(format!("[{}]", type_name(zv)))
}

// ---------------------------------------------------------------------------
// Settings

#[derive(Clone, Debug, PartialEq, Eq)]
struct Config {
    log: String,
    key_file: String,
    app: String,
    fsync: bool,
    redact_keys: String,
}

static CONFIG: Mutex<Config> = Mutex::new(Config {
    log: String::new(),
    key_file: String::new(),
    app: String::new(),
    fsync: false,
    redact_keys: String::new(),
});
/// Bumped on every accepted change, so the cached sink knows to rebuild.
static GENERATION: AtomicU64 = AtomicU64::new(1);
/// `soc2.audit_on_failure`: true for throw (the default: fail closed).
static THROW: AtomicBool = AtomicBool::new(true);
/// Counts requests, so the key file is re-checked once per request.
static REQUEST: AtomicU64 = AtomicU64::new(0);

fn lock_config() -> std::sync::MutexGuard<'static, Config> {
    CONFIG
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

const fn def(name: &'static std::ffi::CStr, default: &'static std::ffi::CStr) -> IniEntryDef {
    let mut entry = IniEntryDef::new(name, default, IniEntryPermission::All);
    entry.on_modify = Some(on_modify);
    entry
}

static INI_ENTRIES: IniEntryDefs<7> = IniEntryDefs::new([
    def(c"soc2.audit_log", c""),
    def(c"soc2.audit_key_file", c""),
    def(c"soc2.audit_app", c"php"),
    def(c"soc2.audit_fsync", c"0"),
    def(c"soc2.audit_on_failure", c"throw"),
    def(c"soc2.audit_redact_keys", c""),
    IniEntryDef::end(),
]);

fn is_path_ok(p: &str) -> bool {
    p.starts_with('/') && p.len() < 4096
}

/// Validates and applies one setting.
fn apply(name: &str, raw: &str) -> Result<(), String> {
    let value = raw.trim();
    let mut config = lock_config();
    match name {
        "soc2.audit_log" => {
            let ok = value.is_empty()
                || value == "stderr"
                || value == "syslog"
                || value.strip_prefix("syslog:").is_some_and(is_path_ok)
                || is_path_ok(value);
            if !ok {
                return Err(format!(
                    "{name} must be an absolute path, \"stderr\", \"syslog\" or \"syslog:/path/to/socket\""
                ));
            }
            config.log = value.to_owned();
        }
        "soc2.audit_key_file" => {
            if !(value.is_empty() || is_path_ok(value)) {
                return Err(format!("{name} must be an absolute path"));
            }
            config.key_file = value.to_owned();
        }
        "soc2.audit_app" => {
            let ok = !value.is_empty()
                && value.len() <= 48
                && value
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b));
            if !ok {
                return Err(format!(
                    "{name} must be 1 to 48 characters of [A-Za-z0-9._-]"
                ));
            }
            config.app = value.to_owned();
        }
        "soc2.audit_fsync" => {
            config.fsync = match value.to_ascii_lowercase().as_str() {
                "1" | "on" | "true" | "yes" => true,
                "" | "0" | "off" | "false" | "no" => false,
                _ => return Err(format!("{name} must be a boolean (0/1, on/off)")),
            };
        }
        "soc2.audit_on_failure" => match value {
            "throw" => THROW.store(true, Ordering::Relaxed),
            "warn" => THROW.store(false, Ordering::Relaxed),
            _ => return Err(format!("{name} must be \"throw\" or \"warn\"")),
        },
        "soc2.audit_redact_keys" => {
            let ok = value.len() <= 4096
                && value.split(',').all(|k| {
                    k.trim()
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"_.-".contains(&b))
                });
            if !ok {
                return Err(format!(
                    "{name} must be a comma-separated list of key names ([A-Za-z0-9_.-])"
                ));
            }
            config.redact_keys = value.to_owned();
        }
        _ => return Err(format!("unknown setting {name}")),
    }
    GENERATION.fetch_add(1, Ordering::Release);
    Ok(())
}

unsafe extern "C" fn on_modify(
    entry: *mut zend_ini_entry,
    new_value: *mut zend_string,
    _arg1: *mut c_void,
    _arg2: *mut c_void,
    _arg3: *mut c_void,
    stage: c_int,
) -> c_int {
    // SAFETY: PHP passes its own live ini entry and new value to on_modify.
    let Some((name, raw)) = (unsafe { crate::ini::entry_update(entry, new_value) }) else {
        return FAILURE;
    };
    let name = String::from_utf8_lossy(&name).into_owned();
    let result = match std::str::from_utf8(&raw) {
        Ok(text) if !text.contains('\0') => apply(&name, text),
        _ => Err(format!("{name} must be valid UTF-8 text")),
    };
    match result {
        Ok(()) => SUCCESS,
        Err(message) => crate::ini::refuse(stage, message),
    }
}

/// Registers the settings; a bad php.ini value stops the module from starting.
pub fn startup(module_number: i32) -> Result<(), String> {
    crate::ini::register(INI_ENTRIES.as_slice(), module_number)
}

/// Called at each request startup.
pub fn request_startup() {
    REQUEST.fetch_add(1, Ordering::Relaxed);
}

// ---------------------------------------------------------------------------
// The cached sink and key

enum Sink {
    File(FileSink),
    Stderr(StderrSink),
    Syslog(SyslogSink),
}

/// What identifies the key file's content without reading it.
type FileSig = (u64, u64, i64, i64, u64, u32);

struct CachedKey {
    path: String,
    sig: FileSig,
    key: AuditKey,
    checked_request: u64,
}

struct State {
    generation: u64,
    config: Config,
    sink: Option<Sink>,
    origin: Origin,
    policy: Policy,
    key: Option<CachedKey>,
}

static STATE: Mutex<Option<State>> = Mutex::new(None);

fn file_sig(path: &str) -> Result<FileSig, AuditError> {
    let m = std::fs::metadata(path).map_err(|e| {
        AuditError::Key(format!(
            "cannot open the audit key file {path}: {}",
            match e.kind() {
                std::io::ErrorKind::NotFound => "no such file".to_string(),
                std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
                _ => e.to_string(),
            }
        ))
    })?;
    Ok((
        m.dev(),
        m.ino(),
        m.mtime(),
        m.mtime_nsec(),
        m.size(),
        m.mode(),
    ))
}

fn write(event: &str, outcome: &str, fields: &[(String, Value)]) -> Result<(), AuditError> {
    let mut guard = STATE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let generation = GENERATION.load(Ordering::Acquire);
    if guard.as_ref().map_or(true, |s| s.generation != generation) {
        let config = lock_config().clone();
        let previous = guard.take();
        *guard = Some(rebuild(previous, config, generation));
    }
    let state = guard.as_mut().expect("built above");
    let prepared = Prepared::new(event, outcome, fields, &state.policy)?;
    if state.config.log.is_empty() {
        return Err(AuditError::Sink("soc2.audit_log is not set".into()));
    }
    if state.sink.is_none() {
        state.sink = Some(open_sink(&state.config)?);
    }
    match state.sink.as_mut().expect("opened above") {
        Sink::Stderr(s) => s.append(&prepared, &state.origin).map(drop),
        Sink::Syslog(s) => s.append(&prepared, &state.origin).map(drop),
        Sink::File(sink) => {
            let key = current_key(&mut state.key, &state.config.key_file)?;
            sink.append(&prepared, &state.origin, key).map(drop)
        }
    }
}

/// New state for changed settings, keeping what did not change.
fn rebuild(previous: Option<State>, config: Config, generation: u64) -> State {
    let (mut sink, mut key) = (None, None);
    if let Some(p) = previous {
        if p.config.log == config.log {
            sink = p.sink;
            if let Some(Sink::File(f)) = sink.as_mut() {
                f.set_fsync(config.fsync);
            }
        }
        if p.config.key_file == config.key_file {
            key = p.key;
        }
    }
    State {
        generation,
        origin: Origin::current(&config.app),
        policy: Policy::with_extra(&config.redact_keys),
        config,
        sink,
        key,
    }
}

fn open_sink(config: &Config) -> Result<Sink, AuditError> {
    Ok(match config.log.as_str() {
        "stderr" => Sink::Stderr(StderrSink::default()),
        "syslog" => Sink::Syslog(SyslogSink::new(Path::new(DEFAULT_SYSLOG_SOCKET))),
        other => match other.strip_prefix("syslog:") {
            Some(socket) => Sink::Syslog(SyslogSink::new(Path::new(socket))),
            None => Sink::File(FileSink::open(Path::new(other), config.fsync)?),
        },
    })
}

/// The key, reloaded when the file changed (checked once per request).
fn current_key<'a>(
    cache: &'a mut Option<CachedKey>,
    path: &str,
) -> Result<&'a AuditKey, AuditError> {
    if path.is_empty() {
        return Err(AuditError::Key(
            "soc2.audit_key_file is not set (the file sink needs a key)".into(),
        ));
    }
    let request = REQUEST.load(Ordering::Relaxed);
    let fresh = match cache.as_mut() {
        Some(c) if c.path == path && c.checked_request == request => true,
        Some(c) if c.path == path => {
            let sig = file_sig(path);
            if sig.as_ref().is_ok_and(|s| *s == c.sig) {
                c.checked_request = request;
                true
            } else {
                false
            }
        }
        _ => false,
    };
    if !fresh {
        *cache = None;
        let sig = file_sig(path)?;
        let key = AuditKey::from_file(Path::new(path))?;
        *cache = Some(CachedKey {
            path: path.to_owned(),
            sig,
            key,
            checked_request: request,
        });
    }
    Ok(&cache.as_ref().expect("cached above").key)
}
