//! Tamper-evident audit log: structured JSON Lines records, redacted before they
//! are written, chained with HMAC-SHA256, safe for many writer processes.
//!
//! The record format, the chain and the file protocol are specified in
//! docs/AUDIT.md; this module is the reference implementation. Pieces:
//!
//! - [`event`]: the accepted event names (OWASP Logging Vocabulary) and outcomes.
//! - [`value`] and [`redact`]: caller fields, redaction, escaping and size caps.
//! - [`record`]: the byte layout of one record and its MAC.
//! - [`key`]: the audit key file.
//! - [`file`]: the file sink (lock, chain head, one write per record, torn tails).
//! - [`stream`]: the `stderr` and `syslog` sinks (no chain: the receiver owns it).
//! - [`verify`]: checking one file or an ordered list of rotated files.

pub mod event;
pub mod file;
pub mod key;
pub mod record;
pub mod redact;
pub mod stream;
pub mod value;
pub mod verify;

use std::fmt;

/// Why an audit operation failed. The binding maps `Invalid` to `\ValueError`,
/// `Key` to a key error and `Sink` to the configured failure policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuditError {
    /// The caller's argument (event name, outcome) is not acceptable.
    Invalid(String),
    /// The key file is missing, unreadable, malformed, too open, or the wrong key.
    Key(String),
    /// The log could not be written or read (I/O, not an audit log, locked...).
    Sink(String),
}

impl fmt::Display for AuditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AuditError::Invalid(m) | AuditError::Key(m) | AuditError::Sink(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for AuditError {}

pub type Result<T> = std::result::Result<T, AuditError>;
