//! The file sink: many processes append to one chain.
//!
//! Protocol (docs/AUDIT.md), per record:
//! 1. Take an exclusive `flock` on the *chain file* `<log>.chain`, which sits
//!    next to the log and is never rotated. Locking it rather than the log
//!    keeps one lock across a rename of the log.
//! 2. If the log path no longer names the file this process has open (it was
//!    renamed or removed), open (create, mode 0600) the file now at the path.
//! 3. Find the chain head (last sequence and MAC). The chain file holds the
//!    head written by the last writer, with the log's identity and size at
//!    that moment; it is used as is when the log still matches. When the log
//!    is empty (just rotated), the head continues the chain into the new file.
//!    Otherwise (a writer died between its two writes, or the chain file is
//!    missing) the head is read from the log's last complete record.
//! 4. Write the record with one `write(2)` on an `O_APPEND` descriptor; if the
//!    log ends in a torn line (a crash mid-write), the write starts with a
//!    newline so the record begins on a fresh line.
//! 5. `fdatasync` when configured, then store the new head in the chain file
//!    and unlock.
//!
//! Descriptors are cached between records; after `fork()` a child reopens its
//! own, since `flock` locks are shared by descriptors inherited across a fork.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::os::unix::fs::{FileExt, MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use rustix::fs::{flock, FlockOperation};

use super::key::{io_reason, AuditKey};
use super::record::{self, Origin, Prepared, GENESIS, MAX_RECORD};
use super::{AuditError, Result};

/// Size of the head record in the chain file (space-padded, newline-ended).
const HEAD_LEN: usize = 192;
const HEAD_MAGIC: &str = "soc2-audit-head 1";
/// How much of the log's end is read to find the last record.
const TAIL_WINDOW: u64 = 2 * MAX_RECORD as u64 + 2;

/// Chain head as stored in the chain file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Head {
    sequence: u64,
    mac: [u8; 32],
    dev: u64,
    ino: u64,
    size: u64,
}

impl Head {
    fn encode(&self) -> Vec<u8> {
        let mut text = format!(
            "{HEAD_MAGIC} {} {} {} {} {}",
            self.sequence,
            record::hex(&self.mac),
            self.dev,
            self.ino,
            self.size
        )
        .into_bytes();
        text.resize(HEAD_LEN - 1, b' ');
        text.push(b'\n');
        text
    }

    fn decode(bytes: &[u8]) -> Option<Head> {
        let text = std::str::from_utf8(bytes).ok()?;
        let rest = text.strip_prefix(HEAD_MAGIC)?;
        let mut parts = rest.split_ascii_whitespace();
        let sequence = parts.next()?.parse().ok()?;
        let mac_hex = parts.next()?;
        let dev = parts.next()?.parse().ok()?;
        let ino = parts.next()?.parse().ok()?;
        let size = parts.next()?.parse().ok()?;
        let mut mac = [0u8; 32];
        if mac_hex.len() != 64 {
            return None;
        }
        for (i, slot) in mac.iter_mut().enumerate() {
            *slot = u8::from_str_radix(mac_hex.get(2 * i..2 * i + 2)?, 16).ok()?;
        }
        Some(Head {
            sequence,
            mac,
            dev,
            ino,
            size,
        })
    }
}

struct Open {
    log: File,
    dev: u64,
    ino: u64,
}

/// An open file sink. Keep one per log path per process.
pub struct FileSink {
    path: PathBuf,
    chain_path: PathBuf,
    chain: File,
    log: Option<Open>,
    fsync: bool,
    /// `random::fork_generation()` when the descriptors were opened: cheaper
    /// than a getpid per record. Relies on the embedder calling
    /// `random::note_fork` in every forked child (the extension does, from a
    /// `pthread_atfork` handler registered at module startup).
    fork_gen: u64,
    /// The head after this process's last record.
    last: Option<Head>,
}

/// Where the tail scan found the chain head.
struct Tail {
    head: Option<(u64, [u8; 32])>,
    torn: bool,
    has_complete_lines: bool,
}

/// The chain file's path for a log path.
pub fn chain_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".chain");
    PathBuf::from(name)
}

fn sink_err(what: &str, path: &Path, e: &std::io::Error) -> AuditError {
    AuditError::Sink(format!("{what} {}: {}", path.display(), io_reason(e)))
}

fn open_append(path: &Path) -> std::io::Result<File> {
    OpenOptions::new()
        .append(true)
        .read(true)
        .create(true)
        .mode(0o600)
        .open(path)
}

impl FileSink {
    pub fn open(path: &Path, fsync: bool) -> Result<Self> {
        let chain_path = chain_path(path);
        let chain = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o600)
            .open(&chain_path)
            .map_err(|e| sink_err("cannot open the audit chain file", &chain_path, &e))?;
        Ok(FileSink {
            path: path.to_owned(),
            chain_path,
            chain,
            log: None,
            fsync,
            fork_gen: crate::random::fork_generation(),
            last: None,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn set_fsync(&mut self, fsync: bool) {
        self.fsync = fsync;
    }

    /// Appends one record; returns its sequence number.
    pub fn append(&mut self, prepared: &Prepared, origin: &Origin, key: &AuditKey) -> Result<u64> {
        if self.fork_gen != crate::random::fork_generation() {
            // Forked: the inherited descriptors share our parent's lock.
            *self = FileSink::open(&self.path, self.fsync)?;
        }
        flock(&self.chain, FlockOperation::LockExclusive)
            .map_err(|e| sink_err("cannot lock", &self.chain_path, &std::io::Error::from(e)))?;
        let result = self.append_locked(prepared, origin, key);
        // Closing would also unlock; we keep the descriptor, so unlock now.
        let _ = flock(&self.chain, FlockOperation::Unlock);
        result
    }

    fn append_locked(
        &mut self,
        prepared: &Prepared,
        origin: &Origin,
        key: &AuditKey,
    ) -> Result<u64> {
        let size = self.ensure_current()?;
        let open = self.log.as_mut().expect("ensure_current opened the log");
        // Our own last record is still the tail: no need to read the chain file.
        let mine = self
            .last
            .filter(|h| h.dev == open.dev && h.ino == open.ino && h.size == size);
        let stored = mine.or_else(|| {
            let mut buf = [0u8; HEAD_LEN];
            match self.chain.read_at(&mut buf, 0) {
                Ok(HEAD_LEN) => Head::decode(&buf),
                _ => None,
            }
        });
        let (prev_seq, prev_mac, torn) = match stored {
            Some(h) if h.dev == open.dev && h.ino == open.ino && h.size == size => {
                (h.sequence, h.mac, false)
            }
            _ if size == 0 => stored.map_or((0, GENESIS, false), |h| (h.sequence, h.mac, false)),
            _ => {
                let tail = read_tail(&mut open.log, size)
                    .map_err(|e| sink_err("cannot read", &self.path, &e))?;
                match tail.head {
                    Some((seq, mac)) => (seq, mac, tail.torn),
                    None if !tail.has_complete_lines => {
                        // Only a torn first record: continue from the stored
                        // head (the previous file's) or start the chain.
                        let (s, m) = stored.map_or((0, GENESIS), |h| (h.sequence, h.mac));
                        (s, m, tail.torn)
                    }
                    None => {
                        return Err(AuditError::Sink(format!(
                            "{} does not end with soc2 audit records; refusing to append to it",
                            self.path.display()
                        )))
                    }
                }
            }
        };
        let sequence = prev_seq + 1;
        let (line, mac) =
            prepared.chained_line(SystemTime::now(), sequence, origin, key, &prev_mac);
        let out = if torn {
            let mut out = Vec::with_capacity(line.len() + 1);
            out.push(b'\n');
            out.extend_from_slice(&line);
            out
        } else {
            line
        };
        // One write(2): with O_APPEND the kernel places it at the end atomically
        // with respect to other appenders.
        let written = open
            .log
            .write(&out)
            .map_err(|e| sink_err("cannot write", &self.path, &e))?;
        if written != out.len() {
            return Err(AuditError::Sink(format!(
                "short write to {} ({written} of {} bytes; disk full?)",
                self.path.display(),
                out.len()
            )));
        }
        if self.fsync {
            open.log
                .sync_data()
                .map_err(|e| sink_err("cannot fsync", &self.path, &e))?;
        }
        let head = Head {
            sequence,
            mac,
            dev: open.dev,
            ino: open.ino,
            size: size + out.len() as u64,
        };
        // The record is already safe; a failed head update only makes the next
        // writer read the log's tail instead.
        let _ = self.chain.write_at(&head.encode(), 0);
        self.last = Some(head);
        Ok(sequence)
    }

    /// Makes `self.log` the file the path names now, reopening after a rename,
    /// and returns its size. One stat of the path serves both.
    fn ensure_current(&mut self) -> Result<u64> {
        match std::fs::metadata(&self.path) {
            Ok(m) => {
                if let Some(open) = &self.log {
                    if open.dev == m.dev() && open.ino == m.ino() {
                        return Ok(m.len());
                    }
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(sink_err("cannot stat", &self.path, &e)),
        }
        let log = open_append(&self.path).map_err(|e| sink_err("cannot open", &self.path, &e))?;
        let meta = log
            .metadata()
            .map_err(|e| sink_err("cannot stat", &self.path, &e))?;
        if !meta.is_file() {
            return Err(AuditError::Sink(format!(
                "{} is not a regular file",
                self.path.display()
            )));
        }
        self.log = Some(Open {
            log,
            dev: meta.dev(),
            ino: meta.ino(),
        });
        Ok(meta.len())
    }
}

/// Reads the end of the log: the last complete record's (sequence, MAC), and
/// whether the log ends in a torn (newline-less) line.
fn read_tail(log: &mut File, size: u64) -> std::io::Result<Tail> {
    let start = size.saturating_sub(TAIL_WINDOW);
    log.seek(SeekFrom::Start(start))?;
    let mut buf = Vec::with_capacity((size - start) as usize);
    Read::by_ref(log).take(size - start).read_to_end(&mut buf)?;
    let torn = buf.last().is_some_and(|&b| b != b'\n');
    if torn {
        // A record complete but for its newline is a record: chain from it.
        let from = buf.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        if from > 0 || start == 0 {
            if let Some(p) = record::parse_line(&buf[from..]) {
                return Ok(Tail {
                    head: Some((p.sequence, p.mac)),
                    torn,
                    has_complete_lines: true,
                });
            }
        }
    }
    let complete = match buf.iter().rposition(|&b| b == b'\n') {
        Some(i) => &buf[..i],
        None => {
            return Ok(Tail {
                head: None,
                torn,
                has_complete_lines: false,
            })
        }
    };
    let mut lines: Vec<&[u8]> = complete.split(|&b| b == b'\n').collect();
    if start > 0 {
        // The first piece may be the middle of a line.
        lines.remove(0);
    }
    let head = lines
        .iter()
        .rev()
        .find_map(|l| record::parse_line(l).map(|p| (p.sequence, p.mac)));
    Ok(Tail {
        head,
        torn,
        has_complete_lines: true,
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::audit::redact::Policy;
    use crate::audit::value::Value;
    use crate::audit::verify::verify;

    pub(crate) fn temp_dir(tag: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "soc2-audit-{tag}-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    pub(crate) fn key() -> AuditKey {
        AuditKey::from_master(&[7u8; 32])
    }

    pub(crate) fn write_events(path: &Path, n: u64, start_note: u64) {
        let key = key();
        let origin = Origin::current("test");
        let mut sink = FileSink::open(path, false).unwrap();
        for i in 0..n {
            let fields = vec![("n".to_string(), Value::Int((start_note + i) as i64))];
            let p = Prepared::new("app_test", "success", &fields, &Policy::default()).unwrap();
            sink.append(&p, &origin, &key).unwrap();
        }
    }

    #[test]
    fn head_roundtrip() {
        let h = Head {
            sequence: 12,
            mac: [0xab; 32],
            dev: 1,
            ino: 2,
            size: 3,
        };
        let enc = h.encode();
        assert_eq!(enc.len(), HEAD_LEN);
        assert_eq!(Head::decode(&enc), Some(h));
        assert_eq!(Head::decode(&enc[..20]), None);
    }

    #[test]
    fn appends_continue_the_chain_across_sinks() {
        let dir = temp_dir("cont");
        let path = dir.join("a.log");
        write_events(&path, 3, 0);
        write_events(&path, 2, 3);
        let report = verify(std::slice::from_ref(&path), &key()).unwrap();
        assert!(report.ok, "{report:?}");
        assert_eq!(report.records, 5);
        // Without the chain file the tail is used.
        std::fs::remove_file(chain_path(&path)).unwrap();
        write_events(&path, 1, 5);
        let report = verify(&[path], &key()).unwrap();
        assert!(report.ok && report.records == 6, "{report:?}");
    }

    #[test]
    fn rotation_continues_in_the_new_file() {
        let dir = temp_dir("rot");
        let path = dir.join("a.log");
        let key = key();
        let origin = Origin::current("test");
        let mut sink = FileSink::open(&path, true).unwrap();
        let p = Prepared::new("app_test", "success", &[], &Policy::default()).unwrap();
        sink.append(&p, &origin, &key).unwrap();
        sink.append(&p, &origin, &key).unwrap();
        std::fs::rename(&path, dir.join("a.log.1")).unwrap();
        // Same sink notices the rename; a fresh sink (new process) would too.
        assert_eq!(sink.append(&p, &origin, &key).unwrap(), 3);
        std::fs::rename(&path, dir.join("a.log.0")).unwrap();
        write_events(&path, 2, 0);
        let files = [dir.join("a.log.1"), dir.join("a.log.0"), path.clone()];
        let report = verify(&files, &key).unwrap();
        assert!(report.ok, "{report:?}");
        assert_eq!(report.records, 5);
        let report = verify(&files[1..], &key).unwrap();
        assert!(!report.ok);
        assert_eq!(report.first_bad_record, Some(1));
    }

    #[test]
    fn torn_tail_recovery() {
        let dir = temp_dir("torn");
        let path = dir.join("a.log");
        write_events(&path, 3, 0);
        let len = std::fs::metadata(&path).unwrap().len();
        let f = OpenOptions::new().write(true).open(&path).unwrap();
        f.set_len(len - 40).unwrap();
        drop(f);
        let report = verify(std::slice::from_ref(&path), &key()).unwrap();
        assert!(!report.ok);
        assert_eq!(report.first_bad_record, Some(3));
        assert!(
            report.reason.as_deref().unwrap().contains("torn"),
            "{report:?}"
        );
        write_events(&path, 2, 3);
        let report = verify(std::slice::from_ref(&path), &key()).unwrap();
        assert!(report.ok, "{report:?}");
        assert_eq!(report.records, 4);
        assert_eq!(report.torn_lines, vec![3]);
    }

    #[test]
    fn refuses_foreign_files() {
        let dir = temp_dir("foreign");
        let path = dir.join("a.log");
        std::fs::write(&path, "hello\nworld\n").unwrap();
        let key = key();
        let mut sink = FileSink::open(&path, false).unwrap();
        let p = Prepared::new("app_test", "success", &[], &Policy::default()).unwrap();
        let err = sink.append(&p, &Origin::current("t"), &key).unwrap_err();
        assert!(matches!(err, AuditError::Sink(_)));
        assert_eq!(std::fs::read(&path).unwrap(), b"hello\nworld\n");
        let missing = dir.join("no/such/dir/a.log");
        assert!(matches!(
            FileSink::open(&missing, false),
            Err(AuditError::Sink(_))
        ));
    }

    #[test]
    fn threads_share_one_chain() {
        let dir = temp_dir("threads");
        let path = dir.join("a.log");
        let handles: Vec<_> = (0..4)
            .map(|t| {
                let path = path.clone();
                std::thread::spawn(move || write_events(&path, 200, t * 1000))
            })
            .collect();
        for h in handles {
            h.join().unwrap();
        }
        let report = verify(&[path], &key()).unwrap();
        assert!(report.ok, "{report:?}");
        assert_eq!(report.records, 800);
    }
}
