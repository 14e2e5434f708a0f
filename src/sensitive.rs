//! Marks secret-bearing parameters with `#[\SensitiveParameter]`.
//!
//! ext-php-rs does not generate parameter attributes, and without this one a
//! password or key passed to a method that throws appears in the exception's
//! stack trace whenever `zend.exception_ignore_args=0` (PHP's default outside
//! php.ini-production). PHP's `zend_add_parameter_attribute` is a static inline,
//! so we call `zend_add_attribute` ourselves. Class methods exist only after the
//! module's startup has registered the classes, so this runs once, at the first
//! request startup.

use std::sync::atomic::{AtomicPtr, Ordering};
use std::sync::Once;

use ext_php_rs::boxed::ZBox;
use ext_php_rs::ffi::{zend_function, zend_string, HashTable};
use ext_php_rs::types::ZendStr;
use ext_php_rs::zend::ClassEntry;

/// ZEND_ATTRIBUTE_PERSISTENT: the attribute lives as long as the function.
const ATTRIBUTE_PERSISTENT: u32 = 1;

extern "C" {
    fn zend_add_attribute(
        attributes: *mut *mut HashTable,
        name: *mut zend_string,
        argc: u32,
        flags: u32,
        offset: u32,
        lineno: u32,
    ) -> *mut std::ffi::c_void;
}

/// (class, method, zero-based index of each secret parameter). Method names are
/// lowercase, as PHP keys its function tables.
pub type SensitiveParams = &'static [(&'static str, &'static str, &'static [u32])];

/// The persistent name string, kept reachable for the life of the process.
static ATTRIBUTE_NAME: AtomicPtr<zend_string> = AtomicPtr::new(std::ptr::null_mut());
static MARKED: Once = Once::new();

/// Adds the attribute to every listed parameter, once per process.
pub fn mark_once(lists: &[SensitiveParams]) {
    MARKED.call_once(|| {
        let name: ZBox<ZendStr> = ZendStr::new("SensitiveParameter", true);
        let name = name.into_raw();
        ATTRIBUTE_NAME.store(name.cast(), Ordering::Release);
        for (class, method, indexes) in lists.iter().flat_map(|l| l.iter()) {
            if let Some(function) = find_method(class, method) {
                for index in *indexes {
                    add(function, ATTRIBUTE_NAME.load(Ordering::Acquire), *index);
                }
            }
        }
    });
}

fn find_method(class: &str, method: &str) -> Option<*mut zend_function> {
    let ce = ClassEntry::try_find(class)?;
    let zv = ce.function_table.get(method)?;
    // SAFETY: function tables store each zend_function as an IS_PTR zval.
    unsafe { zv.ptr::<zend_function>() }
}

fn add(function: *mut zend_function, name: *mut zend_string, index: u32) {
    // SAFETY: `function` comes from a registered class's function table and lives
    // until module shutdown; `common.attributes` is the field zend_add_attribute
    // expects; the name is a persistent zend_string we keep alive. Offsets are
    // 1-based parameter positions, as in zend_add_parameter_attribute.
    unsafe {
        let common = &mut (*function).common;
        if index < common.num_args {
            zend_add_attribute(
                &raw mut common.attributes,
                name,
                0,
                ATTRIBUTE_PERSISTENT,
                index + 1,
                0,
            );
        }
    }
}
