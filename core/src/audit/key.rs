//! The audit key file and the keys derived from it.
//!
//! The file holds a master key in the text form that `MasterKey::export()` and
//! `soc2 master-key generate` produce, read and permission-checked by the same
//! code as every other key file (`crypto::files::read_master_key`). The master
//! key is never used directly: the chain MAC key and a public key id are
//! derived from it (`MasterKey::derive_key`, HKDF-SHA256) under labels of
//! their own, so the same master key can serve other purposes safely.

use std::path::Path;

use hmac::KeyInit;
use zeroize::Zeroizing;

use super::{AuditError, Result};
use crate::crypto::files::{self, FileError};
use crate::crypto::master_key::MasterKey;

type HmacSha256 = hmac::Hmac<sha2::Sha256>;

/// Label of the chain MAC key derivation.
const CHAIN_LABEL: &[u8] = b"soc2/v1/audit-chain";
/// Label of the key id derivation.
const ID_LABEL: &[u8] = b"soc2/v1/audit-key-id";

/// The keys the audit log uses, derived from the master key.
pub struct AuditKey {
    chain: Zeroizing<[u8; 32]>,
    id: String,
}

impl AuditKey {
    /// From raw master key bytes (tests and tools that already hold them).
    pub fn from_master(master: &[u8; 32]) -> Self {
        match MasterKey::from_bytes(master) {
            Ok(key) => Self::from_master_key(&key),
            // from_bytes only refuses lengths other than 32, which the type rules out.
            Err(_) => unreachable!("a [u8; 32] is a valid master key"),
        }
    }

    pub fn from_master_key(master: &MasterKey) -> Self {
        let chain = master.derive_key(CHAIN_LABEL);
        let id = super::record::hex(&master.derive_key(ID_LABEL)[..8]);
        AuditKey { chain, id }
    }

    /// Reads and checks a key file: a regular file, no group/other permission
    /// bits (mode 0600 or 0400), holding a master key.
    pub fn from_file(path: &Path) -> Result<Self> {
        let master = files::read_master_key(path).map_err(|e| match e {
            FileError::Io(m) | FileError::Key(m) => AuditError::Key(format!("audit key: {m}")),
        })?;
        Ok(Self::from_master_key(&master))
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
    use std::os::unix::fs::PermissionsExt;

    const TEXT: &str = "soc2mk1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";

    #[test]
    fn derived_keys_are_separate_from_the_master_key_uses() {
        let master = crate::crypto::master_key::parse_text(TEXT).unwrap();
        let key = AuditKey::from_master_key(&master);
        assert_eq!(key.id().len(), 16);
        // Not the master key id: a log never reveals which master key id it uses.
        assert_ne!(key.id(), master.id());
        assert_ne!(key.chain.as_slice(), master.derive_key(ID_LABEL).as_slice());
        let expected: Vec<u8> = (0u8..32).collect();
        let same = AuditKey::from_master(expected.as_slice().try_into().unwrap());
        assert_eq!(same.id(), key.id());
        assert_eq!(same.chain.as_slice(), key.chain.as_slice());
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
