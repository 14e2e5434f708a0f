//! `soc2 master-key ...` and `soc2 keyring ...`: the same core code as the
//! extension, so a keyring made here opens in PHP and the reverse.

use std::path::{Path, PathBuf};

use soc2_core::crypto::files::{self, FileError};
use soc2_core::crypto::keyring::Keyring;
use soc2_core::crypto::master_key::{self, MasterKey};
use soc2_core::crypto::{CryptoError, Suite};

use crate::{options, CliResult, Failure};

pub const USAGE: &str = "  master-key generate [--out FILE]
        print a new master key (soc2mk1:...), or write it to FILE (mode 0600, never overwrites)
  master-key id [MASTER]
        print the public fingerprint of a master key
  keyring create FILE [--suite xchacha20poly1305|aes256gcm] [MASTER]
        write a new keyring with one data key (never overwrites)
  keyring rotate FILE [--suite SUITE] [MASTER]
        add a data key and make it the primary; prints its id
  keyring rewrap FILE (--new-master-key-file F | --new-master-key-env NAME) [MASTER]
        rewrap the keyring under a new master key; no ciphertext changes
  keyring show FILE [--json] [MASTER]
        verify the keyring and print its metadata (never key bytes)
      MASTER: --master-key-file F | --master-key-env NAME (default: env SOC2_MASTER_KEY)";

const DEFAULT_ENV: &str = "SOC2_MASTER_KEY";

/// Dispatch hook called from main for `master-key ...` and `keyring ...`.
pub fn run(words: &[&str]) -> Option<CliResult> {
    Some(match words {
        ["master-key", "generate", rest @ ..] => generate(rest),
        ["master-key", "id", rest @ ..] => id(rest),
        ["keyring", "create", rest @ ..] => create(rest),
        ["keyring", "rotate", rest @ ..] => rotate(rest),
        ["keyring", "rewrap", rest @ ..] => rewrap(rest),
        ["keyring", "show", rest @ ..] => show(rest),
        ["master-key" | "keyring", ..] => Err(Failure::Usage(format!(
            "unknown command: {}",
            words.join(" ")
        ))),
        _ => return None,
    })
}

fn key_failure(e: FileError) -> Failure {
    match e {
        FileError::Io(m) => Failure::Io(m),
        // Wrong permissions or content of a key file: bad key material.
        FileError::Key(m) => Failure::Io(m),
    }
}

fn crypto_failure(e: CryptoError, file: &Path) -> Failure {
    match e {
        // The keyring did not verify (modified, wrong master key): a verdict.
        CryptoError::Key(m) => Failure::Verification(format!("keyring {}: {m}", file.display())),
        other => Failure::Io(format!("keyring {}: {other}", file.display())),
    }
}

/// Loads the master key named by `--<prefix>master-key-file` / `--<prefix>master-key-env`.
fn master_from(file: Option<&str>, env: Option<&str>, what: &str) -> Result<MasterKey, Failure> {
    match (file, env) {
        (Some(_), Some(_)) => Err(Failure::Usage(format!(
            "give the {what} either as a file or as an environment variable, not both"
        ))),
        (Some(f), None) => files::read_master_key(Path::new(f)).map_err(key_failure),
        (None, env) => {
            let name = env.unwrap_or(DEFAULT_ENV);
            let value = std::env::var(name).map_err(|_| {
                Failure::Io(format!(
                    "environment variable {name} is not set (or not text); give the {what} with --master-key-file or --master-key-env"
                ))
            })?;
            let value = zeroize::Zeroizing::new(value);
            master_key::parse_text(&value)
                .map_err(|e| Failure::Io(format!("environment variable {name} {e}")))
        }
    }
}

/// `--name value` pairs as parsed by [`options`].
type Opts<'a> = Vec<(&'a str, &'a str)>;

/// Splits `FILE --opt value ...`.
fn file_and_options<'a>(
    args: &[&'a str],
    allowed: &[&str],
) -> Result<(PathBuf, Opts<'a>), Failure> {
    match args.split_first() {
        Some((file, rest)) if !file.starts_with("--") => {
            Ok((PathBuf::from(file), options(rest, allowed)?))
        }
        _ => Err(Failure::Usage("a keyring FILE is required".into())),
    }
}

fn opt<'a>(opts: &[(&str, &'a str)], name: &str) -> Option<&'a str> {
    opts.iter().rev().find(|(n, _)| *n == name).map(|(_, v)| *v)
}

fn suite(opts: &[(&str, &str)]) -> Result<Option<Suite>, Failure> {
    opt(opts, "--suite")
        .map(|s| {
            Suite::from_name(s).ok_or_else(|| {
                Failure::Usage(format!(
                    "--suite must be xchacha20poly1305 or aes256gcm, got {s:?}"
                ))
            })
        })
        .transpose()
}

fn master(opts: &[(&str, &str)]) -> Result<MasterKey, Failure> {
    master_from(
        opt(opts, "--master-key-file"),
        opt(opts, "--master-key-env"),
        "master key",
    )
}

fn open(file: &Path, master: &MasterKey) -> Result<Keyring, Failure> {
    let json = files::read_keyring(file).map_err(key_failure)?;
    Keyring::load(&json, master).map_err(|e| crypto_failure(e, file))
}

fn write(file: &Path, json: &str, replace: bool) -> CliResult {
    files::write_private_atomic(file, json.as_bytes(), replace).map_err(|e| {
        Failure::Io(format!(
            "cannot write {}: {}",
            file.display(),
            files::io_reason(&e)
        ))
    })
}

fn generate(args: &[&str]) -> CliResult {
    let opts = options(args, &["--out"])?;
    let key = MasterKey::generate().map_err(|e| Failure::Io(e.to_string()))?;
    let text = master_key::to_text(&key);
    match opt(&opts, "--out") {
        None => println!("{}", text.as_str()),
        Some(out) => {
            let mut line = zeroize::Zeroizing::new(text.as_str().to_owned());
            line.push('\n');
            write(Path::new(out), &line, false)?;
            println!("master key {} written to {out} (mode 0600)", key.id());
        }
    }
    Ok(())
}

const MASTER_OPTS: [&str; 2] = ["--master-key-file", "--master-key-env"];

fn id(args: &[&str]) -> CliResult {
    let opts = options(args, &MASTER_OPTS)?;
    println!("{}", master(&opts)?.id());
    Ok(())
}

fn create(args: &[&str]) -> CliResult {
    let (file, opts) = file_and_options(args, &["--suite", MASTER_OPTS[0], MASTER_OPTS[1]])?;
    let suite = suite(&opts)?.unwrap_or(Suite::XChaCha20Poly1305);
    let master = master(&opts)?;
    let ring = Keyring::create(&master, suite).map_err(|e| crypto_failure(e, &file))?;
    let json = ring.to_json(None).map_err(|e| crypto_failure(e, &file))?;
    write(&file, &json, false)?;
    println!(
        "keyring {} created: primary key {} ({}), master key {}",
        file.display(),
        ring.primary_id(),
        suite.name(),
        master.id()
    );
    Ok(())
}

fn rotate(args: &[&str]) -> CliResult {
    let (file, opts) = file_and_options(args, &["--suite", MASTER_OPTS[0], MASTER_OPTS[1]])?;
    let suite = suite(&opts)?;
    let master = master(&opts)?;
    let mut ring = open(&file, &master)?;
    let id = ring.rotate(suite).map_err(|e| crypto_failure(e, &file))?;
    let json = ring.to_json(None).map_err(|e| crypto_failure(e, &file))?;
    write(&file, &json, true)?;
    println!("{id}");
    Ok(())
}

fn rewrap(args: &[&str]) -> CliResult {
    let (file, opts) = file_and_options(
        args,
        &[
            MASTER_OPTS[0],
            MASTER_OPTS[1],
            "--new-master-key-file",
            "--new-master-key-env",
        ],
    )?;
    let new_file = opt(&opts, "--new-master-key-file");
    let new_env = opt(&opts, "--new-master-key-env");
    if new_file.is_none() && new_env.is_none() {
        return Err(Failure::Usage(
            "rewrap needs --new-master-key-file or --new-master-key-env".into(),
        ));
    }
    let old = master(&opts)?;
    let new = master_from(new_file, new_env, "new master key")?;
    let ring = open(&file, &old)?;
    let json = ring
        .to_json(Some(&new))
        .map_err(|e| crypto_failure(e, &file))?;
    write(&file, &json, true)?;
    println!(
        "keyring {} rewrapped: master key {} -> {}",
        file.display(),
        old.id(),
        new.id()
    );
    Ok(())
}

fn show(args: &[&str]) -> CliResult {
    let json_flag = args.contains(&"--json");
    let rest: Vec<&str> = args.iter().copied().filter(|a| *a != "--json").collect();
    let (file, opts) = file_and_options(&rest, &MASTER_OPTS)?;
    let ring = open(&file, &master(&opts)?)?;
    let keys = ring.keys();
    if json_flag {
        let list: Vec<String> = keys
            .iter()
            .map(|k| {
                format!(
                    "{{\"id\":\"{}\",\"suite\":\"{}\",\"status\":\"{}\",\"created_at\":{},\"primary\":{}}}",
                    k.id, k.suite, k.status, k.created_at, k.primary
                )
            })
            .collect();
        println!(
            "{{\"master_key_id\":\"{}\",\"primary\":\"{}\",\"keys\":[{}]}}",
            ring.master_key_id(),
            ring.primary_id(),
            list.join(",")
        );
        return Ok(());
    }
    println!("keyring:    {} (verified)", file.display());
    println!("master key: {}", ring.master_key_id());
    println!("primary:    {}", ring.primary_id());
    println!("keys:");
    for k in keys {
        println!(
            "  {}  {:<17}  {:<7}  {}{}",
            k.id,
            k.suite,
            k.status,
            utc(k.created_at),
            if k.primary { "  primary" } else { "" }
        );
    }
    Ok(())
}

/// `YYYY-MM-DDTHH:MM:SSZ` from Unix seconds (proleptic Gregorian, UTC).
fn utc(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::utc;

    #[test]
    fn utc_dates() {
        assert_eq!(utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(utc(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(utc(1_735_689_599), "2024-12-31T23:59:59Z");
    }
}
