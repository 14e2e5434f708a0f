//! The audit key file and the keys derived from it.
//!
//! The file holds a 32-byte master key in the text form `soc2mk1:<base64url>`
//! (unpadded, optionally followed by one newline), the form that
//! `MasterKey::export()` and `soc2 master-key generate` produce. The master key
//! is never used directly: the chain MAC key and a public key id are derived
//! from it with HMAC-SHA256 under fixed labels, so the same master key can serve
//! other purposes without its audit use interfering.
//!
//! TODO(lead): `parse_key_text` duplicates the crypto module's MasterKey text
//! parser on purpose (the two were written in parallel); unify them.

use std::io::Read;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use hmac::{KeyInit, Mac};
use zeroize::Zeroizing;

use super::{AuditError, Result};

type HmacSha256 = hmac::Hmac<sha2::Sha256>;

/// Prefix of the master key text form.
pub const KEY_PREFIX: &str = "soc2mk1:";
/// Label of the chain MAC key derivation.
const CHAIN_LABEL: &[u8] = b"soc2 audit chain v1";
/// Label of the key id derivation.
const ID_LABEL: &[u8] = b"soc2 audit key id v1";
/// A key file is a few dozen bytes; anything larger is not one.
const MAX_KEY_FILE: u64 = 1024;

/// Parses `soc2mk1:<base64url of 32 bytes>` (no padding, optional trailing
/// newline). Non-canonical base64 is refused. Messages never contain the text.
pub fn parse_key_text(text: &[u8]) -> Result<Zeroizing<[u8; 32]>> {
    let text = text
        .strip_suffix(b"\r\n")
        .or_else(|| text.strip_suffix(b"\n"))
        .unwrap_or(text);
    let Some(encoded) = text.strip_prefix(KEY_PREFIX.as_bytes()) else {
        return Err(AuditError::Key(format!(
            "not a soc2 key: expected the text form {KEY_PREFIX}<base64url>"
        )));
    };
    if encoded.len() != 43 {
        return Err(AuditError::Key(
            "not a soc2 key: the key must be 32 bytes (43 base64url characters)".into(),
        ));
    }
    let mut key = Zeroizing::new([0u8; 32]);
    match URL_SAFE_NO_PAD.decode_slice(encoded, key.as_mut_slice()) {
        Ok(32) => Ok(key),
        _ => Err(AuditError::Key(
            "not a soc2 key: invalid base64url in the key text".into(),
        )),
    }
}

/// The keys the audit log uses, derived from the master key.
pub struct AuditKey {
    chain: Zeroizing<[u8; 32]>,
    id: String,
}

impl AuditKey {
    pub fn from_master(master: &[u8; 32]) -> Self {
        let chain = Zeroizing::new(derive(master, CHAIN_LABEL));
        let id_bytes = derive(master, ID_LABEL);
        let id = super::record::hex(&id_bytes[..8]);
        AuditKey { chain, id }
    }

    /// Reads and checks a key file: a regular file, no group/other permission
    /// bits (mode 0600 or 0400), in the text form.
    pub fn from_file(path: &Path) -> Result<Self> {
        let shown = path.display();
        let mut file = std::fs::File::open(path).map_err(|e| {
            AuditError::Key(format!(
                "cannot open the audit key file {shown}: {}",
                io_reason(&e)
            ))
        })?;
        let meta = file
            .metadata()
            .map_err(|e| AuditError::Key(format!("cannot stat {shown}: {}", io_reason(&e))))?;
        if !meta.is_file() {
            return Err(AuditError::Key(format!(
                "the audit key file {shown} is not a regular file"
            )));
        }
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            return Err(AuditError::Key(format!(
                "the audit key file {shown} is accessible by group or others (mode {mode:04o}); chmod 600 it"
            )));
        }
        if meta.len() > MAX_KEY_FILE {
            return Err(AuditError::Key(format!(
                "the audit key file {shown} is too large to be a key"
            )));
        }
        let mut text = Zeroizing::new(Vec::with_capacity(64));
        Read::by_ref(&mut file)
            .take(MAX_KEY_FILE)
            .read_to_end(&mut text)
            .map_err(|e| AuditError::Key(format!("cannot read {shown}: {}", io_reason(&e))))?;
        let master = parse_key_text(&text)
            .map_err(|e| AuditError::Key(format!("the audit key file {shown}: {e}")))?;
        Ok(Self::from_master(&master))
    }

    /// Public, non-secret identifier of the key (16 hex digits), written in
    /// every chained record so verification can tell "wrong key" from tampering.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// A MAC instance keyed for the chain.
    pub(crate) fn chain_mac(&self) -> HmacSha256 {
        <HmacSha256 as KeyInit>::new_from_slice(self.chain.as_slice())
            .expect("HMAC accepts any key length")
    }
}

fn derive(master: &[u8; 32], label: &[u8]) -> [u8; 32] {
    let mut mac = <HmacSha256 as KeyInit>::new_from_slice(master).expect("any key length");
    mac.update(label);
    mac.finalize().into_bytes().into()
}

/// The OS error text without the path (already in the message).
pub(crate) fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    const TEXT: &str = "soc2mk1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";

    #[test]
    fn parses_the_text_form() {
        let key = parse_key_text(TEXT.as_bytes()).unwrap();
        let expected: Vec<u8> = (0u8..32).collect();
        assert_eq!(key.as_slice(), expected.as_slice());
        assert!(parse_key_text(format!("{TEXT}\n").as_bytes()).is_ok());
        assert!(parse_key_text(format!("{TEXT}\n\n").as_bytes()).is_err());
        assert!(parse_key_text(format!("{TEXT}=").as_bytes()).is_err());
        assert!(parse_key_text(&TEXT.as_bytes()[1..]).is_err());
        assert!(parse_key_text(b"soc2mk1:").is_err());
        // Non-canonical: last character carries trailing bits.
        let mut bad = TEXT.to_string();
        bad.pop();
        bad.push('9');
        assert!(parse_key_text(bad.as_bytes()).is_err());
        // Standard (not url-safe) alphabet is refused.
        assert!(
            parse_key_text("soc2mk1:+AECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8".as_bytes())
                .is_err()
        );
        let err = parse_key_text(b"soc2mk1:secretsecret").unwrap_err();
        assert!(!err.to_string().contains("secretsecret"));
    }

    #[test]
    fn key_file_permissions() {
        let dir = std::env::temp_dir().join(format!("soc2-key-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("audit.key");
        let mut f = std::fs::File::create(&path).unwrap();
        writeln!(f, "{TEXT}").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let err = AuditKey::from_file(&path).err().unwrap();
        assert!(err.to_string().contains("group or others"), "{err}");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        let key = AuditKey::from_file(&path).unwrap();
        assert_eq!(key.id().len(), 16);
        assert!(AuditKey::from_file(&dir.join("missing")).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
