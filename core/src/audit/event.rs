//! Event names and outcomes.
//!
//! Event names come from the OWASP Logging Vocabulary
//! (<https://cheatsheetseries.owasp.org/cheatsheets/Logging_Vocabulary_Cheat_Sheet.html>),
//! listed in [`VOCABULARY`]. Application-specific events use the `app_` prefix
//! (`app_invoice_export`). The vocabulary's `name:arg1,arg2` suffix is not
//! accepted: details belong in the fields, where they are redacted and escaped.
//! A name is 1 to 64 characters of `[a-z0-9_]`, starting with a letter, with no
//! empty `_`-separated part.

use super::{AuditError, Result};

/// The OWASP Logging Vocabulary event names, in the cheat sheet's order.
pub const VOCABULARY: &[&str] = &[
    // Authentication [AUTHN]
    "authn_login_success",
    "authn_login_successafterfail",
    "authn_login_fail",
    "authn_login_fail_max",
    "authn_login_lock",
    "authn_password_change",
    "authn_password_change_fail",
    "authn_impossible_travel",
    "authn_token_created",
    "authn_token_revoked",
    "authn_token_reuse",
    "authn_token_delete",
    // Authorization [AUTHZ]
    "authz_fail",
    "authz_change",
    "authz_admin",
    // Excessive use [EXCESS]
    "excess_rate_limit_exceeded",
    // File upload [UPLOAD]
    "upload_complete",
    "upload_stored",
    "upload_validation",
    "upload_delete",
    // Input validation [INPUT]
    "input_validation_fail",
    // Malicious behavior [MALICIOUS]
    "malicious_excess_404",
    "malicious_extraneous",
    "malicious_attack_tool",
    "malicious_cors",
    "malicious_direct_reference",
    // Privilege changes [PRIVILEGE]
    "privilege_permissions_changed",
    // Sensitive data changes [DATA]
    "sensitive_create",
    "sensitive_read",
    "sensitive_update",
    "sensitive_delete",
    // Sequence errors [SEQUENCE]
    "sequence_fail",
    // Session management [SESSION]
    "session_created",
    "session_renewed",
    "session_expired",
    "session_use_after_expire",
    // System events [SYSTEM]
    "sys_startup",
    "sys_shutdown",
    "sys_restart",
    "sys_crash",
    "sys_monitor_disabled",
    "sys_monitor_enabled",
    // User management [USER]
    "user_created",
    "user_updated",
    "user_archived",
    "user_deleted",
];

/// Prefix for application-defined event names.
pub const CUSTOM_PREFIX: &str = "app_";
pub const MAX_EVENT_LENGTH: usize = 64;

/// The ECS `event.outcome` values.
pub const OUTCOMES: &[&str] = &["success", "failure", "unknown"];

/// Checks an event name; the error message is suitable after "Argument #1 ($event) ".
pub fn validate_event(name: &str) -> Result<()> {
    let shape_ok = !name.is_empty()
        && name.len() <= MAX_EVENT_LENGTH
        && name.as_bytes()[0].is_ascii_lowercase()
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        && name.split('_').all(|part| !part.is_empty());
    if !shape_ok {
        let hint = if name.contains(':') {
            " (put the vocabulary's \":details\" in $fields instead)"
        } else {
            ""
        };
        return Err(AuditError::Invalid(format!(
            "must be 1 to {MAX_EVENT_LENGTH} characters of [a-z0-9_] starting with a letter{hint}"
        )));
    }
    if VOCABULARY.contains(&name)
        || (name.len() > CUSTOM_PREFIX.len() && name.starts_with(CUSTOM_PREFIX))
    {
        Ok(())
    } else {
        Err(AuditError::Invalid(format!(
            "must be an OWASP Logging Vocabulary event name (e.g. authn_login_success) or start with \"{CUSTOM_PREFIX}\""
        )))
    }
}

/// Checks an outcome; the error message is suitable after "Argument #3 ($outcome) ".
pub fn validate_outcome(outcome: &str) -> Result<()> {
    if OUTCOMES.contains(&outcome) {
        Ok(())
    } else {
        Err(AuditError::Invalid(
            "must be one of \"success\", \"failure\", \"unknown\"".into(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        for name in VOCABULARY {
            validate_event(name).unwrap();
        }
        validate_event("app_invoice_export").unwrap();
        validate_event("app_x1").unwrap();
        for bad in [
            "",
            "app_",
            "Authn_login_success",
            "authn_login_success:joe",
            "authn__login",
            "authn_login_",
            "_authn",
            "1authn",
            "authn login",
            "authn_login_success\n",
            "made_up_event",
            &"a".repeat(65),
        ] {
            assert!(validate_event(bad).is_err(), "{bad:?}");
        }
        assert!(validate_event("authn_login_success:joe")
            .unwrap_err()
            .to_string()
            .contains("$fields"));
    }

    #[test]
    fn outcomes() {
        for o in OUTCOMES {
            validate_outcome(o).unwrap();
        }
        assert!(validate_outcome("ok").is_err());
        assert!(validate_outcome("Success").is_err());
    }
}
