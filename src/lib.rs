//! The soc2 PHP extension: the binding layer only.
//!
//! Each file maps one PHP-facing area to `soc2-core`; no cryptography lives here.

#![cfg_attr(windows, feature(abi_vectorcall))]

mod args;
mod audit;
mod crypto;
mod crypto_files;
mod errors;
mod ini;
mod jwt;
mod limits;
mod password;
mod sensitive;

use std::ffi::c_int;

use ext_php_rs::prelude::*;
use ext_php_rs::zend::ModuleEntry;
use ext_php_rs::{info_table_end, info_table_row, info_table_start};

/// The extension's version, as `Soc2\VERSION`.
pub const VERSION: &str = soc2_core::VERSION;

const SUCCESS: c_int = 0;
const FAILURE: c_int = -1;
/// E_CORE_WARNING: the level PHP uses for a module that cannot start.
const E_CORE_WARNING: c_int = 1 << 5;

extern "C" {
    /// glibc links this from libc_nonshared.a with our DSO handle, so the
    /// handler is unregistered if PHP ever unloads soc2.so.
    fn pthread_atfork(
        prepare: Option<extern "C" fn()>,
        parent: Option<extern "C" fn()>,
        child: Option<extern "C" fn()>,
    ) -> c_int;
    fn display_ini_entries(module: *mut ModuleEntry);
    fn zend_error(level: c_int, format: *const std::ffi::c_char, ...);
}

/// Runs in every child right after fork: random-byte batches drawn by the
/// parent must not be reused (see soc2_core::random).
extern "C" fn after_fork_in_child() {
    soc2_core::random::note_fork();
}

fn startup(_ty: i32, module_number: i32) -> i32 {
    // SAFETY: registers a handler with no captured state; it only does an
    // atomic add, which is async-signal-safe as a fork child handler must be.
    if unsafe { pthread_atfork(None, None, Some(after_fork_in_child)) } != 0 {
        return FAILURE;
    }
    // A panic must not unwind into the engine's MINIT: turn it into a refusal.
    let started = std::panic::catch_unwind(|| {
        ini::startup(module_number)
            .and_then(|()| audit::startup(module_number))
            .and_then(|()| errors::register())
    })
    .unwrap_or_else(|_| Err("internal error during startup".into()));
    match started {
        Ok(()) => SUCCESS,
        Err(message) => {
            let text = std::ffi::CString::new(format!("soc2: invalid php.ini setting: {message}"))
                .unwrap_or_default();
            // SAFETY: a plain "%s" format with one NUL-terminated argument.
            unsafe { zend_error(E_CORE_WARNING, c"%s".as_ptr(), text.as_ptr()) };
            FAILURE
        }
    }
}

extern "C" fn request_startup(_ty: c_int, _module_number: c_int) -> c_int {
    sensitive::mark_once(&[
        password::SENSITIVE,
        crypto::SENSITIVE,
        crypto_files::SENSITIVE,
        jwt::SENSITIVE,
        audit::SENSITIVE,
    ]);
    audit::request_startup();
    SUCCESS
}

extern "C" fn module_info(module: *mut ModuleEntry) {
    info_table_start!();
    info_table_row!("soc2 support", "enabled");
    info_table_row!("version", VERSION);
    info_table_row!(
        "password hashing",
        "argon2id (verifies argon2id, argon2i, bcrypt $2y$/$2a$/$2b$)"
    );
    info_table_row!(
        "password hash ceilings",
        format!(
            "memory_cost <= {} KiB, time_cost <= {}, threads <= {}, bcrypt cost <= {}",
            soc2_core::password::MAX_MEMORY_COST,
            soc2_core::password::MAX_TIME_COST,
            soc2_core::password::MAX_THREADS,
            soc2_core::password::MAX_BCRYPT_COST
        )
    );
    info_table_row!(
        "jwt",
        "HS256, HS384, HS512, EdDSA; tokens <= 8192 bytes; alg none, crit, jwk/jku/x5u/x5c refused"
    );
    info_table_row!(
        "envelope encryption suites",
        soc2_core::crypto::Suite::ALL
            .iter()
            .map(|suite| suite.name())
            .collect::<Vec<_>>()
            .join(", ")
    );
    info_table_row!(
        "ciphertext format",
        format!(
            "v{} ({}...), key-committing, HKDF-SHA256 per-message keys, plaintext <= {} MiB",
            soc2_core::crypto::ciphertext::VERSION,
            soc2_core::crypto::ciphertext::TEXT_PREFIX,
            soc2_core::crypto::MAX_PLAINTEXT >> 20
        )
    );
    info_table_row!(
        "audit log",
        "JSON Lines (ECS), HMAC-SHA256 chain; sinks: file, stderr, syslog"
    );
    info_table_end!();
    // SAFETY: PHP passes its own module entry; display_ini_entries only reads it.
    unsafe { display_ini_entries(module) };
}

#[php_module]
#[php(startup = "startup")]
pub fn get_module(module: ModuleBuilder) -> ModuleBuilder {
    module
        .constant(("Soc2\\VERSION", VERSION, &[]))
        .class::<password::Password>()
        .class::<password::PasswordCheck>()
        .class::<crypto::MasterKey>()
        .class::<crypto::Keyring>()
        .class::<crypto_files::Legacy>()
        .class::<jwt::Keys>()
        .class::<jwt::Jwt>()
        .class::<audit::Audit>()
        .request_startup_function(request_startup)
        .info_function(module_info)
}
