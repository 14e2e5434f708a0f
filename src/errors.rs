//! The exception hierarchy of the design, and helpers that throw it.
//!
//! `Soc2\Exception extends \RuntimeException`; every other class extends it, so
//! an application can catch everything from soc2 in one place (or as any
//! `\RuntimeException`). Argument mistakes use PHP's own `\ValueError` and
//! `\TypeError`, as PHP 8's built-in functions do.
//!
//! These are plain PHP exception classes registered with `ClassBuilder`, not
//! `#[php_class]` structs: that keeps PHP's own exception object handlers, so
//! file, line and trace are filled in where the exception is created, the
//! inherited constructor works from PHP code, and nothing Rust-side is attached.

use std::ffi::c_char;
use std::sync::atomic::{AtomicPtr, Ordering};

use ext_php_rs::args::ArgInfoTables;
use ext_php_rs::builders::{ClassBuilder, ClassProperty, FunctionBuilder};
use ext_php_rs::convert::IntoZval;
use ext_php_rs::exception::PhpException;
use ext_php_rs::ffi::{zend_class_entry, zend_object, zval};
use ext_php_rs::flags::{DataType, MethodFlags, PropertyFlags};
use ext_php_rs::types::Zval;
use ext_php_rs::zend::{ce, ClassEntry, ExecuteData};

extern "C" {
    static spl_ce_RuntimeException: *mut zend_class_entry;
    fn zend_update_property_stringl(
        scope: *mut zend_class_entry,
        object: *mut zend_object,
        name: *const c_char,
        name_length: usize,
        value: *const c_char,
        value_len: usize,
    );
    fn zend_read_property(
        scope: *mut zend_class_entry,
        object: *mut zend_object,
        name: *const c_char,
        name_length: usize,
        silent: bool,
        rv: *mut zval,
    ) -> *mut zval;
}

/// The classes, in registration order (each parent before its children).
#[derive(Clone, Copy)]
pub enum Class {
    Base,
    Crypto,
    UnknownKey,
    Key,
    Audit,
    Token,
}

const CLASS_COUNT: usize = 6;

impl Class {
    const ALL: [Class; CLASS_COUNT] = [
        Class::Base,
        Class::Crypto,
        Class::UnknownKey,
        Class::Key,
        Class::Audit,
        Class::Token,
    ];

    fn name(self) -> &'static str {
        match self {
            Class::Base => "Soc2\\Exception",
            Class::Crypto => "Soc2\\CryptoException",
            Class::UnknownKey => "Soc2\\UnknownKeyException",
            Class::Key => "Soc2\\KeyException",
            Class::Audit => "Soc2\\AuditException",
            Class::Token => "Soc2\\Jwt\\TokenException",
        }
    }

    fn parent(self) -> (fn() -> &'static ClassEntry, &'static str) {
        match self {
            Class::Base => (runtime_exception, "\\RuntimeException"),
            Class::UnknownKey => (crypto_ce, "\\Soc2\\CryptoException"),
            _ => (base_ce, "\\Soc2\\Exception"),
        }
    }

    fn entry(self) -> &'static ClassEntry {
        let ptr = REGISTERED[self as usize].load(Ordering::Acquire);
        // SAFETY: the pointer was stored from the engine's class table after
        // registration and class entries live until module shutdown. Before
        // registration (never the case once the module started) fall back to
        // RuntimeException so a throw still works.
        unsafe { ptr.as_ref() }.unwrap_or_else(runtime_exception)
    }
}

static REGISTERED: [AtomicPtr<ClassEntry>; CLASS_COUNT] = [
    AtomicPtr::new(std::ptr::null_mut()),
    AtomicPtr::new(std::ptr::null_mut()),
    AtomicPtr::new(std::ptr::null_mut()),
    AtomicPtr::new(std::ptr::null_mut()),
    AtomicPtr::new(std::ptr::null_mut()),
    AtomicPtr::new(std::ptr::null_mut()),
];

fn runtime_exception() -> &'static ClassEntry {
    // SAFETY: ext/spl is always compiled into PHP and its MINIT, which sets this
    // pointer, runs before any shared extension's; the entry lives until shutdown.
    unsafe { &*spl_ce_RuntimeException.cast::<ClassEntry>() }
}

fn base_ce() -> &'static ClassEntry {
    Class::Base.entry()
}

fn crypto_ce() -> &'static ClassEntry {
    Class::Crypto.entry()
}

/// Registers the exception classes; called from the module startup.
pub fn register() -> Result<(), String> {
    for class in Class::ALL {
        let mut builder = ClassBuilder::new(class.name()).extends(class.parent());
        if matches!(class, Class::Token) {
            builder = builder
                .property(ClassProperty {
                    name: "reason".into(),
                    flags: PropertyFlags::Protected,
                    default: Some(Box::new(|| "".into_zval(true))),
                    docs: &[],
                    ty: Some(DataType::String),
                    nullable: false,
                    readonly: false,
                    default_stub: Some("''".into()),
                })
                .method(
                    FunctionBuilder::new("reason", token_reason).returns(
                        DataType::String,
                        false,
                        false,
                    ),
                    MethodFlags::Public,
                );
        }
        let on_registered = match class {
            Class::Base => remember::<0>,
            Class::Crypto => remember::<1>,
            Class::UnknownKey => remember::<2>,
            Class::Key => remember::<3>,
            Class::Audit => remember::<4>,
            Class::Token => remember::<5>,
        };
        builder
            .registration(on_registered)
            .register()
            .map_err(|e| format!("cannot register {}: {e}", class.name()))?;
    }
    Ok(())
}

/// Keeps the engine's class entry for [`Class::entry`], and parks the argument
/// info tables, which the engine borrows for the life of the process.
fn remember<const INDEX: usize>(entry: &'static mut ClassEntry, tables: ArgInfoTables) {
    REGISTERED[INDEX].store(entry, Ordering::Release);
    std::mem::forget(tables);
}

/// `Soc2\Jwt\TokenException::reason(): string`.
extern "C" fn token_reason(ex: &mut ExecuteData, retval: &mut Zval) {
    ext_php_rs::zend::run_handler(std::panic::AssertUnwindSafe(|| {
        if ex.parser().parse().is_err() {
            return;
        }
        let reason = ex.get_self().and_then(|this| {
            let mut rv = Zval::new();
            // SAFETY: `this` is the live object the method was called on; reading a
            // declared property of its own class with that class as scope.
            unsafe {
                let value = zend_read_property(
                    std::ptr::from_ref(Class::Token.entry()).cast_mut(),
                    std::ptr::from_mut(this),
                    c"reason".as_ptr(),
                    6,
                    true,
                    &raw mut rv,
                );
                value
                    .as_ref()
                    .and_then(|v| (*(std::ptr::from_ref(v).cast::<Zval>())).string())
            }
        });
        retval.set_string(&reason.unwrap_or_default(), false).ok();
    }));
}

fn of(class: Class, message: impl Into<String>) -> PhpException {
    PhpException::new(printable(message.into()), 0, class.entry())
}

/// ext-php-rs passes messages to PHP as C strings: one with a NUL byte (a
/// path argument such as "a\0b" echoed back) cannot be thrown and turns into
/// a plain `Error` quoting it. Write NUL as `\0` instead.
fn printable(message: String) -> String {
    if message.contains('\0') {
        message.replace('\0', "\\0")
    } else {
        message
    }
}

/// `\ValueError`; messages follow PHP's "Class::method(): Argument #n ($x) ..." form.
pub fn value_error(message: impl Into<String>) -> PhpException {
    PhpException::new(printable(message.into()), 0, ce::value_error())
}

/// `\TypeError`, for argument types the signature cannot express.
#[allow(dead_code)] // used by the crypto and JWT areas as they land
pub fn type_error(message: impl Into<String>) -> PhpException {
    PhpException::new(printable(message.into()), 0, ce::type_error())
}

#[allow(dead_code)]
pub fn crypto_error(message: impl Into<String>) -> PhpException {
    of(Class::Crypto, message)
}

#[allow(dead_code)]
pub fn unknown_key_error(message: impl Into<String>) -> PhpException {
    of(Class::UnknownKey, message)
}

#[allow(dead_code)]
pub fn key_error(message: impl Into<String>) -> PhpException {
    of(Class::Key, message)
}

#[allow(dead_code)]
pub fn audit_error(message: impl Into<String>) -> PhpException {
    of(Class::Audit, message)
}

/// A `TokenException` carrying `reason`, one of the design's reason codes.
#[allow(dead_code)]
pub fn token_error(reason: &'static str, message: impl Into<String>) -> PhpException {
    let class = Class::Token.entry();
    let mut object = class.new();
    let message = printable(message.into());
    // SAFETY: the object was just created from the registered class; the scope is
    // that class, so its protected properties may be written.
    unsafe {
        let scope = std::ptr::from_ref(class).cast_mut();
        let object: *mut zend_object = std::ptr::from_mut(&mut *object);
        zend_update_property_stringl(
            scope,
            object,
            c"reason".as_ptr(),
            6,
            reason.as_ptr().cast(),
            reason.len(),
        );
        zend_update_property_stringl(
            scope,
            object,
            c"message".as_ptr(),
            7,
            message.as_ptr().cast(),
            message.len(),
        );
    }
    match object.into_zval(false) {
        Ok(zv) => PhpException::new(message, 0, class).with_object(zv),
        Err(_) => PhpException::new(message, 0, class),
    }
}

/// `Soc2\Exception` for failures that are neither the caller's argument nor a
/// crypto/key/token/audit verdict (e.g. the OS random source failing).
pub fn internal_error(message: impl Into<String>) -> PhpException {
    of(Class::Base, message)
}
