//! `soc2`: the operator's command line, on the same core as the PHP extension.
//!
//! Exit codes scripts can trust: 0 success, 1 a verification or crypto failure,
//! 2 a usage error (unknown command, bad option), 3 an I/O or key error.

mod audit;
mod keys;
mod password;

use std::process::ExitCode;

/// How a command ended, mapped to the documented exit codes.
pub enum Failure {
    /// Wrong command line: prints usage.
    Usage(String),
    /// Something checked and found wrong (a bad log, a wrong key).
    Verification(String),
    /// The environment failed: unreadable file, bad key material.
    Io(String),
}

pub type CliResult = Result<(), Failure>;

const USAGE: &str = "\
usage: soc2 <command> [options]

commands:
  password calibrate [--target-ms N] [--memory-kib M] [--threads T]
        print Argon2id parameters that hash in about N ms on this machine
{keys}
  audit verify [--key-file F] [--json] FILE...
        verify an audit log's HMAC chain (rotated files oldest first); the key
        file defaults to $SOC2_AUDIT_KEY_FILE
  version
        print the version
  help
        print this help

exit codes: 0 ok, 1 verification failed, 2 usage error, 3 I/O or key error";

/// The help text, with the key commands' lines from keys.rs.
fn usage() -> String {
    USAGE.replace("{keys}", keys::USAGE)
}

fn run(args: &[String]) -> CliResult {
    let words: Vec<&str> = args.iter().map(String::as_str).collect();
    if let Some(result) = keys::run(&words) {
        return result;
    }
    match words.as_slice() {
        ["password", "calibrate", rest @ ..] => password::calibrate(rest),
        ["audit", "verify", rest @ ..] => audit::verify(rest),
        ["version" | "--version" | "-V"] => {
            println!("soc2 {}", soc2_core::VERSION);
            Ok(())
        }
        ["help" | "--help" | "-h"] => {
            println!("{}", usage());
            Ok(())
        }
        [] => Err(Failure::Usage("no command given".into())),
        _ => Err(Failure::Usage(format!(
            "unknown command: {}",
            words.join(" ")
        ))),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Verification(message)) => {
            eprintln!("soc2: {message}");
            ExitCode::from(1)
        }
        Err(Failure::Usage(message)) => {
            eprintln!("soc2: {message}\n\n{}", usage());
            ExitCode::from(2)
        }
        Err(Failure::Io(message)) => {
            eprintln!("soc2: {message}");
            ExitCode::from(3)
        }
    }
}

/// Parses `--name value` pairs, refusing unknown names and missing values.
pub fn options<'a>(args: &[&'a str], allowed: &[&str]) -> Result<Vec<(&'a str, &'a str)>, Failure> {
    let mut out = Vec::new();
    let mut iter = args.iter();
    while let Some(name) = iter.next() {
        if !allowed.contains(name) {
            return Err(Failure::Usage(format!("unknown option: {name}")));
        }
        let value = iter
            .next()
            .ok_or_else(|| Failure::Usage(format!("option {name} needs a value")))?;
        out.push((*name, *value));
    }
    Ok(out)
}

/// Parses a positive integer option value.
pub fn number(name: &str, value: &str) -> Result<u32, Failure> {
    value
        .parse::<u32>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| Failure::Usage(format!("{name} must be a positive integer, got {value:?}")))
}
