//! `soc2 audit verify [--key-file F] [--json] FILE...`
//!
//! FILEs are one log or rotated files, oldest first. The key file defaults to
//! `$SOC2_AUDIT_KEY_FILE`. Exit 0 when the chain verifies, 1 when it does not
//! (the first bad line and why are printed), 2 on a usage error, 3 when a file
//! or the key cannot be read or the key is not the one the log was written with.

use std::path::{Path, PathBuf};

use soc2_core::audit::key::AuditKey;
use soc2_core::audit::value::write_str;
use soc2_core::audit::verify::{verify as verify_chain, Report};
use soc2_core::audit::AuditError;

use crate::{CliResult, Failure};

pub fn verify(args: &[&str]) -> CliResult {
    let mut key_file = std::env::var("SOC2_AUDIT_KEY_FILE").ok();
    let mut json = false;
    let mut files = Vec::new();
    let mut iter = args.iter();
    let mut options_done = false;
    while let Some(&arg) = iter.next() {
        match arg {
            "--" if !options_done => options_done = true,
            "--key-file" if !options_done => {
                let value = iter
                    .next()
                    .ok_or_else(|| Failure::Usage("option --key-file needs a value".into()))?;
                key_file = Some((*value).to_owned());
            }
            "--json" if !options_done => json = true,
            a if a.starts_with("--") && !options_done => {
                return Err(Failure::Usage(format!("unknown option: {a}")))
            }
            file => files.push(PathBuf::from(file)),
        }
    }
    if files.is_empty() {
        return Err(Failure::Usage(
            "audit verify needs at least one FILE".into(),
        ));
    }
    let Some(key_file) = key_file.filter(|k| !k.is_empty()) else {
        return Err(Failure::Usage(
            "audit verify needs --key-file F (or SOC2_AUDIT_KEY_FILE)".into(),
        ));
    };
    let key = AuditKey::from_file(Path::new(&key_file)).map_err(|e| Failure::Io(e.to_string()))?;
    let report = verify_chain(&files, &key).map_err(|e| match e {
        AuditError::Invalid(m) => Failure::Usage(m),
        AuditError::Key(m) | AuditError::Sink(m) => Failure::Io(m),
    })?;
    if json {
        println!("{}", to_json(&report));
    } else if report.ok {
        println!(
            "ok: {} records verified; head {}",
            report.records, report.head
        );
    } else {
        println!(
            "FAILED at line {}: {}",
            report.first_bad_record.unwrap_or(0),
            report.reason.as_deref().unwrap_or("")
        );
        println!(
            "{} records verified before it; head {}",
            report.records, report.head
        );
    }
    if !report.torn_lines.is_empty() && !json {
        let lines: Vec<String> = report.torn_lines.iter().map(u64::to_string).collect();
        println!(
            "note: recovered torn fragments (crash leftovers) at line(s) {}",
            lines.join(", ")
        );
    }
    if report.ok {
        Ok(())
    } else {
        Err(Failure::Verification(
            "audit log verification failed".into(),
        ))
    }
}

/// The same keys as `Soc2\Audit::verify()` returns.
fn to_json(r: &Report) -> String {
    let mut out = Vec::new();
    out.extend_from_slice(format!("{{\"ok\":{},\"records\":{},", r.ok, r.records).as_bytes());
    out.extend_from_slice(b"\"first_bad_record\":");
    match r.first_bad_record {
        Some(n) => out.extend_from_slice(n.to_string().as_bytes()),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"reason\":");
    match &r.reason {
        Some(reason) => write_str(&mut out, reason),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"head\":");
    write_str(&mut out, &r.head);
    let torn: Vec<String> = r.torn_lines.iter().map(u64::to_string).collect();
    out.extend_from_slice(format!(",\"torn_lines\":[{}]}}", torn.join(",")).as_bytes());
    String::from_utf8_lossy(&out).into_owned()
}
