//! php.ini settings: registration, validation and a cached copy of each value.
//!
//! Each setting has an `on_modify` handler (PHP's own pattern, as in OnUpdateLong)
//! that parses and validates the new value and stores it in an atomic, so the hot
//! path reads an integer instead of building PHP's INI map. A value that does not
//! validate in php.ini stops the module from starting with a message naming the
//! setting; the same value given to `ini_set()` makes it return false.
//!
//! The atomics are process-wide, which matches PHP's NTS builds (CLI, FPM, Apache
//! prefork). ZTS builds are not supported yet.

use std::ffi::{c_int, c_void, CStr};
use std::sync::atomic::{AtomicU32, AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;

use ext_php_rs::ffi::{zend_ini_entry, zend_string};
use ext_php_rs::flags::IniEntryPermission;
use ext_php_rs::zend::{IniEntryDef, IniEntryDefs};
use soc2_core::password::{self, Params};

const SUCCESS: c_int = 0;
const FAILURE: c_int = -1;
/// ZEND_INI_STAGE_STARTUP: values read from php.ini while the module starts.
const STAGE_STARTUP: c_int = 1 << 0;

static MEMORY_COST: AtomicU32 = AtomicU32::new(password::DEFAULT_MEMORY_COST);
static TIME_COST: AtomicU32 = AtomicU32::new(password::DEFAULT_TIME_COST);
static THREADS: AtomicU32 = AtomicU32::new(password::DEFAULT_THREADS);
static MAX_LENGTH: AtomicUsize = AtomicUsize::new(password::DEFAULT_MAX_PASSWORD_LENGTH);
static JWT_TTL: AtomicU64 = AtomicU64::new(soc2_core::jwt::DEFAULT_TTL);

/// Errors found while php.ini was applied at startup, reported by [`startup`].
static STARTUP_ERRORS: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// One setting: its name, default, bounds and where its value is cached.
struct Setting {
    name: &'static str,
    min: u64,
    max: u64,
    store: fn(u64),
}

const SETTINGS: [Setting; 5] = [
    Setting {
        name: "soc2.password_memory_cost",
        min: password::MIN_MEMORY_COST as u64,
        max: password::MAX_MEMORY_COST as u64,
        store: |v| MEMORY_COST.store(narrow(v), Ordering::Relaxed),
    },
    Setting {
        name: "soc2.password_time_cost",
        min: password::MIN_TIME_COST as u64,
        max: password::MAX_TIME_COST as u64,
        store: |v| TIME_COST.store(narrow(v), Ordering::Relaxed),
    },
    Setting {
        name: "soc2.password_threads",
        min: password::MIN_THREADS as u64,
        max: password::MAX_THREADS as u64,
        store: |v| THREADS.store(narrow(v), Ordering::Relaxed),
    },
    Setting {
        name: "soc2.password_max_length",
        min: 1,
        max: password::MAX_PASSWORD_LENGTH_CEILING as u64,
        store: |v| MAX_LENGTH.store(usize::try_from(v).unwrap_or(usize::MAX), Ordering::Relaxed),
    },
    Setting {
        name: "soc2.jwt_ttl",
        min: 1,
        max: soc2_core::jwt::MAX_TTL,
        store: |v| JWT_TTL.store(v, Ordering::Relaxed),
    },
];

/// Values are range-checked before they are stored, so this never saturates.
fn narrow(v: u64) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

const fn def(name: &'static CStr, default: &'static CStr) -> IniEntryDef {
    let mut entry = IniEntryDef::new(name, default, IniEntryPermission::All);
    entry.on_modify = Some(on_modify);
    entry
}

static INI_ENTRIES: IniEntryDefs<6> = IniEntryDefs::new([
    def(c"soc2.password_memory_cost", c"65536"),
    def(c"soc2.password_time_cost", c"4"),
    def(c"soc2.password_threads", c"1"),
    def(c"soc2.password_max_length", c"4096"),
    def(c"soc2.jwt_ttl", c"900"),
    IniEntryDef::end(),
]);

fn parse_setting(setting: &Setting, raw: &[u8]) -> Result<u64, String> {
    let text = std::str::from_utf8(raw).unwrap_or("").trim();
    let value = if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        text.parse::<u64>().ok()
    } else {
        None
    };
    match value {
        Some(v) if (setting.min..=setting.max).contains(&v) => Ok(v),
        _ => Err(format!(
            "{} must be an integer between {} and {}",
            setting.name, setting.min, setting.max
        )),
    }
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
    let Some((name, raw)) = (unsafe { entry_update(entry, new_value) }) else {
        return FAILURE;
    };
    let Some(setting) = SETTINGS
        .iter()
        .find(|s| s.name.as_bytes() == name.as_slice())
    else {
        return FAILURE;
    };
    match parse_setting(setting, &raw) {
        Ok(v) => {
            (setting.store)(v);
            SUCCESS
        }
        Err(message) => refuse(stage, message),
    }
}

/// The setting's name and new value bytes (empty for "no value"), copied out of
/// the engine's structures.
///
/// # Safety
/// `entry` and `new_value` must be what PHP passed to an `on_modify` handler:
/// its live ini entry and a zend_string it owns (or NULL), valid for the call.
pub unsafe fn entry_update(
    entry: *mut zend_ini_entry,
    new_value: *mut zend_string,
) -> Option<(Vec<u8>, Vec<u8>)> {
    // SAFETY: guaranteed by the caller (see above); NULLs are checked.
    unsafe {
        let name = entry.as_ref()?.name.as_ref()?.as_bytes().to_vec();
        let raw = new_value
            .as_ref()
            .map(|v| v.as_bytes().to_vec())
            .unwrap_or_default();
        Some((name, raw))
    }
}

/// The `on_modify` verdict for an invalid value. At startup the message is kept
/// for [`register`] to report (PHP would otherwise fall back to the default
/// silently); at runtime `ini_set()` simply returns false.
pub fn refuse(stage: c_int, message: String) -> c_int {
    if stage == STAGE_STARTUP {
        if let Ok(mut errors) = STARTUP_ERRORS.lock() {
            errors.push(message);
        }
    }
    FAILURE
}

/// Registers an INI table and fails with the first invalid php.ini value.
pub fn register(entries: &'static [IniEntryDef], module_number: i32) -> Result<(), String> {
    IniEntryDef::register(entries, module_number);
    let errors = STARTUP_ERRORS
        .lock()
        .map(|mut e| std::mem::take(&mut *e))
        .unwrap_or_default();
    match errors.into_iter().next() {
        Some(first) => Err(first),
        None => Ok(()),
    }
}

/// Registers the settings and refuses to start when php.ini holds a bad value
/// (PHP itself would silently fall back to the default: not for a security policy).
pub fn startup(module_number: i32) -> Result<(), String> {
    register(INI_ENTRIES.as_slice(), module_number)?;
    password_policy()
        .validate()
        .map_err(|e| format!("soc2.password_* settings: {e}"))
}

/// The Argon2id policy currently in force (php.ini, or ini_set for this request).
pub fn password_policy() -> Params {
    Params {
        memory_cost: MEMORY_COST.load(Ordering::Relaxed),
        time_cost: TIME_COST.load(Ordering::Relaxed),
        threads: THREADS.load(Ordering::Relaxed),
    }
}

pub fn password_max_length() -> usize {
    MAX_LENGTH.load(Ordering::Relaxed)
}

/// Default lifetime of tokens from `Soc2\Jwt\Jwt::sign()` (seconds).
pub fn jwt_ttl() -> u64 {
    JWT_TTL.load(Ordering::Relaxed)
}
