//! Key and keyring files, shared by the extension and the CLI.

use std::io::{Read, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use zeroize::Zeroizing;

use super::master_key::{self, MasterKey};
use super::{hex, random};

/// Master-key files hold one short line; refuse to slurp anything large.
pub const MAX_KEY_FILE: u64 = 4096;
/// Keyring documents are small (about 250 bytes a key).
pub const MAX_KEYRING_FILE: u64 = 4 << 20;

/// Why a file could not be used: the OS failed (I/O), or the content or its
/// permissions are not acceptable (Key). Messages name the path, never content.
#[derive(Debug)]
pub enum FileError {
    Io(String),
    Key(String),
}

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Io(m) | Self::Key(m) => f.write_str(m),
        }
    }
}

/// The OS error without the "(os error N)" suffix.
#[must_use]
pub fn io_reason(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.find(" (os error") {
        Some(i) => text[..i].to_owned(),
        None => text,
    }
}

/// Reads a master key file. Like ssh with a private key, refuses a file that
/// group or others may read or write, and says so.
pub fn read_master_key(path: &Path) -> Result<MasterKey, FileError> {
    let shown = path.display();
    let io = |what: &str, e: std::io::Error| {
        FileError::Io(format!("cannot {what} key file {shown}: {}", io_reason(&e)))
    };
    let mut file = std::fs::File::open(path).map_err(|e| io("open", e))?;
    let meta = file.metadata().map_err(|e| io("stat", e))?;
    if !meta.is_file() {
        return Err(FileError::Key(format!(
            "key file {shown} is not a regular file"
        )));
    }
    let mode = meta.permissions().mode() & 0o777;
    if mode & 0o077 != 0 {
        return Err(FileError::Key(format!(
            "key file {shown} is readable or writable by group or others (mode {mode:04o}); \
             restrict it to its owner: chmod 600 {shown}"
        )));
    }
    let mut text = Zeroizing::new(Vec::with_capacity(128));
    (&mut file)
        .take(MAX_KEY_FILE + 1)
        .read_to_end(&mut text)
        .map_err(|e| io("read", e))?;
    if text.len() as u64 > MAX_KEY_FILE {
        return Err(FileError::Key(format!(
            "key file {shown} is not a master key (too large)"
        )));
    }
    let text = std::str::from_utf8(&text)
        .map_err(|_| FileError::Key(format!("key file {shown} is not a master key (not text)")))?;
    master_key::parse_text(text).map_err(|e| FileError::Key(format!("key file {shown} {e}")))
}

/// Reads a keyring document (bounded in size).
pub fn read_keyring(path: &Path) -> Result<Vec<u8>, FileError> {
    let shown = path.display();
    let file = std::fs::File::open(path).map_err(|e| {
        FileError::Io(format!(
            "cannot open keyring file {shown}: {}",
            io_reason(&e)
        ))
    })?;
    let mut json = Vec::new();
    file.take(MAX_KEYRING_FILE + 1)
        .read_to_end(&mut json)
        .map_err(|e| {
            FileError::Io(format!(
                "cannot read keyring file {shown}: {}",
                io_reason(&e)
            ))
        })?;
    if json.len() as u64 > MAX_KEYRING_FILE {
        return Err(FileError::Key(format!("keyring file {shown} is too large")));
    }
    Ok(json)
}

/// The directory a path lives in (`.` for a bare file name).
pub(crate) fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// The directory of `dest` and an unused-looking hidden temporary name in it
/// (`.NAME.<12 hex>.tmp`), for writes that are renamed into place.
pub(crate) fn temp_path_near(dest: &Path) -> std::io::Result<(PathBuf, PathBuf)> {
    let dir = parent_dir(dest);
    let name = dest
        .file_name()
        .ok_or_else(|| std::io::Error::other("the path names no file"))?;
    let suffix =
        random::<6>().map_err(|_| std::io::Error::other("the system random source failed"))?;
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(name);
    tmp_name.push(format!(".{}.tmp", hex(&suffix)));
    let tmp = dir.join(tmp_name);
    Ok((dir, tmp))
}

/// Writes `bytes` so that readers see the old file or the new one, never a
/// mix: a temporary file in the same directory, created with mode 0600,
/// fsynced, renamed over `path`, then the directory fsynced. With `replace`
/// false an existing file is an error (AlreadyExists).
pub fn write_private_atomic(path: &Path, bytes: &[u8], replace: bool) -> std::io::Result<()> {
    let (dir, tmp) = temp_path_near(path)?;
    let result = (|| {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        if replace {
            std::fs::rename(&tmp, path)?;
        } else {
            // hard_link fails if the target exists: no window where a file is replaced.
            std::fs::hard_link(&tmp, path)?;
            std::fs::remove_file(&tmp)?;
        }
        if let Ok(d) = std::fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmpdir(tag: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("soc2-files-{tag}-{}", std::process::id()));
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn key_file_permissions_and_atomic_write() {
        let d = tmpdir("a");
        let p = d.join("mk");
        let _ = std::fs::remove_file(&p);
        let key = MasterKey::generate().unwrap();
        let text = master_key::to_text(&key);
        write_private_atomic(&p, text.as_bytes(), false).unwrap();
        assert_eq!(
            std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o600
        );
        assert_eq!(read_master_key(&p).unwrap().id(), key.id());
        let err = write_private_atomic(&p, b"x", false).unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::AlreadyExists);
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
        assert!(
            matches!(read_master_key(&p), Err(FileError::Key(m)) if m.contains("group or others"))
        );
        write_private_atomic(&p, text.as_bytes(), true).unwrap();
        assert_eq!(
            std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o600
        );
        assert_eq!(std::fs::read_dir(&d).unwrap().count(), 1);
        std::fs::remove_dir_all(&d).unwrap();
    }
}
