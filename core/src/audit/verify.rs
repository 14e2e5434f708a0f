//! Verification of one log file or an ordered list of rotated files.
//!
//! Records are checked in order across the files as one chain starting at the
//! genesis: record n must carry `event.sequence` n, the key id of the key given
//! and `mac_n = HMAC(chain_key, mac_{n-1} || body_n)`. The first line that
//! fails is reported with a reason naming what happened to it:
//!
//! - a byte changed or a record forged → MAC mismatch ("modified");
//! - a line that is not a record → "inserted";
//! - sequence higher than expected → "deleted" (or "reordered" when the
//!   missing record appears further on);
//! - sequence lower than expected → "duplicated" or "reordered";
//! - the last line without its newline → "torn final line".
//!
//! A newline-less fragment *followed by* records is what a crash mid-write
//! leaves once the next writer recovered (it writes on a fresh line and chains
//! from the last complete record). Such fragments are not records: they are
//! listed in `torn_lines` and do not fail verification, since the chain around
//! them is intact — deleting or truncating a real record still breaks it.
//!
//! A key whose id differs from the first record's is an error (wrong key), not
//! a failed verification.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;

use super::key::{io_reason, AuditKey};
use super::record::{self, chain_mac, hex, GENESIS};
use super::{AuditError, Result};
use crate::ct;

/// The outcome of a verification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub ok: bool,
    /// Records whose chain checked out (up to the first bad one).
    pub records: u64,
    /// 1-based line number, counted across the files in order.
    pub first_bad_record: Option<u64>,
    pub reason: Option<String>,
    /// MAC of the last good record, hex (64 zeros when there is none).
    pub head: String,
    /// Line numbers of recovered torn fragments (crash leftovers).
    pub torn_lines: Vec<u64>,
}

/// One line (without its newline) with its 1-based number across the files.
struct Line {
    number: u64,
    text: Vec<u8>,
}

/// Reads lines across the files in order, with one line of lookahead.
struct Lines {
    paths: Vec<PathBuf>,
    file: usize,
    reader: Option<BufReader<File>>,
    number: u64,
    peeked: Option<Option<Line>>,
}

impl Lines {
    fn new(paths: &[PathBuf]) -> Self {
        Lines {
            paths: paths.to_vec(),
            file: 0,
            reader: None,
            number: 0,
            peeked: None,
        }
    }

    fn next(&mut self) -> Result<Option<Line>> {
        match self.peeked.take() {
            Some(line) => Ok(line),
            None => self.read(),
        }
    }

    fn is_at_end(&mut self) -> Result<bool> {
        if self.peeked.is_none() {
            let line = self.read()?;
            self.peeked = Some(line);
        }
        Ok(matches!(self.peeked, Some(None)))
    }

    fn read(&mut self) -> Result<Option<Line>> {
        loop {
            if self.file >= self.paths.len() {
                return Ok(None);
            }
            if self.reader.is_none() {
                let path = &self.paths[self.file];
                let f = File::open(path).map_err(|e| {
                    AuditError::Sink(format!("cannot open {}: {}", path.display(), io_reason(&e)))
                })?;
                self.reader = Some(BufReader::with_capacity(1 << 16, f));
            }
            let reader = self.reader.as_mut().expect("opened above");
            let mut text = Vec::new();
            let n = reader.read_until(b'\n', &mut text).map_err(|e| {
                AuditError::Sink(format!(
                    "cannot read {}: {}",
                    self.paths[self.file].display(),
                    io_reason(&e)
                ))
            })?;
            if n == 0 {
                self.reader = None;
                self.file += 1;
                continue;
            }
            if text.last() == Some(&b'\n') {
                text.pop();
            }
            self.number += 1;
            return Ok(Some(Line {
                number: self.number,
                text,
            }));
        }
    }
}

/// Verifies the chain over `paths` (oldest first).
pub fn verify(paths: &[PathBuf], key: &AuditKey) -> Result<Report> {
    if paths.is_empty() {
        return Err(AuditError::Invalid("no log files given".into()));
    }
    let mut lines = Lines::new(paths);
    let mut prev = GENESIS;
    let mut expected = 1u64;
    let mut torn_lines = Vec::new();
    while let Some(line) = lines.next()? {
        let records = expected - 1;
        let fail = |reason: String, torn_lines: Vec<u64>| Report {
            ok: false,
            records,
            first_bad_record: Some(line.number),
            reason: Some(reason),
            head: hex(&prev),
            torn_lines,
        };
        let n = line.number;
        let Some(parsed) = record::parse_line(&line.text) else {
            if !looks_like_fragment(&line.text) || record::has_record_end(&line.text) {
                return Ok(fail(
                    format!("line {n} is not an audit record: inserted or damaged"),
                    torn_lines,
                ));
            }
            if lines.is_at_end()? {
                return Ok(fail(
                    format!("torn final line {n}: an incomplete record (a crash during a write, or truncation)"),
                    torn_lines,
                ));
            }
            torn_lines.push(n);
            continue;
        };
        if parsed.key_id != key.id() {
            if records == 0 {
                return Err(AuditError::Key(format!(
                    "wrong key: the log was written with key id {}, the key given has id {}",
                    parsed.key_id,
                    key.id()
                )));
            }
            return Ok(fail(
                format!(
                    "record at line {n} was written with another key (id {}): spliced from another log",
                    parsed.key_id
                ),
                torn_lines,
            ));
        }
        if parsed.sequence != expected {
            let found = parsed.sequence;
            if found > expected && torn_lines.last() == Some(&(n - 1)) {
                // The fragment just before was a record cut short, not a crash
                // leftover: the writer would have chained over it.
                torn_lines.pop();
                return Ok(Report {
                    first_bad_record: Some(n - 1),
                    ..fail(
                        format!(
                            "line {} is a truncated record (sequence {expected} is missing)",
                            n - 1
                        ),
                        torn_lines,
                    )
                });
            }
            let reason = if found < expected {
                format!(
                    "record at line {n} has sequence {found} after {records}: duplicated or reordered"
                )
            } else {
                match find_sequence(&mut lines, expected)? {
                    Some(at) => format!(
                        "record at line {n} has sequence {found}, expected {expected}: reordered (sequence {expected} is at line {at})"
                    ),
                    None => format!(
                        "record at line {n} has sequence {found}, expected {expected}: {} record(s) deleted",
                        found - expected
                    ),
                }
            };
            return Ok(fail(reason, torn_lines));
        }
        let mac = chain_mac(key, &prev, &parsed.body);
        if !ct::eq(&mac, &parsed.mac) {
            return Ok(fail(
                format!(
                    "record at line {n} (sequence {expected}) does not match its MAC: modified or forged"
                ),
                torn_lines,
            ));
        }
        prev = parsed.mac;
        expected += 1;
    }
    Ok(Report {
        ok: true,
        records: expected - 1,
        first_bad_record: None,
        reason: None,
        head: hex(&prev),
        torn_lines,
    })
}

/// Reads on, looking for a record with sequence `wanted`.
fn find_sequence(lines: &mut Lines, wanted: u64) -> Result<Option<u64>> {
    while let Some(line) = lines.next()? {
        if record::parse_line(&line.text).is_some_and(|p| p.sequence == wanted) {
            return Ok(Some(line.number));
        }
    }
    Ok(None)
}

/// A prefix of what a writer writes: the start of a record, without its end.
fn looks_like_fragment(text: &[u8]) -> bool {
    const START: &[u8] = b"{\"@timestamp\":\"";
    let n = text.len().min(START.len());
    n > 0 && text[..n] == START[..n]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::file::tests::{key, temp_dir, write_events};
    use std::path::Path;

    fn lines_of(path: &Path) -> Vec<Vec<u8>> {
        let data = std::fs::read(path).unwrap();
        data.split_inclusive(|&b| b == b'\n')
            .map(<[u8]>::to_vec)
            .collect()
    }

    fn write_lines(path: &Path, lines: &[Vec<u8>]) {
        std::fs::write(path, lines.concat()).unwrap();
    }

    /// A fresh 6-record log and its lines.
    fn log(tag: &str) -> (PathBuf, Vec<Vec<u8>>) {
        let dir = temp_dir(tag);
        let path = dir.join("a.log");
        write_events(&path, 6, 0);
        let lines = lines_of(&path);
        (path, lines)
    }

    fn check(path: &Path) -> Report {
        verify(&[path.to_owned()], &key()).unwrap()
    }

    fn bad_at(report: &Report, line: u64, word: &str) {
        assert!(!report.ok, "{report:?}");
        assert_eq!(report.first_bad_record, Some(line), "{report:?}");
        assert!(
            report.reason.as_deref().unwrap().contains(word),
            "{report:?}"
        );
    }

    #[test]
    fn intact() {
        let (path, _) = log("intact");
        let r = check(&path);
        assert!(r.ok && r.records == 6 && r.first_bad_record.is_none() && r.reason.is_none());
        assert_eq!(r.head.len(), 64);
    }

    #[test]
    fn modified_byte() {
        let (path, mut lines) = log("modified");
        let at = lines[3].iter().position(|&b| b == b'n').unwrap();
        lines[3][at + 5] ^= 1; // inside "soc2.fields"
        write_lines(&path, &lines);
        bad_at(&check(&path), 4, "modified");
        // A changed sequence number is caught too.
        let (path, mut lines) = log("modseq");
        let text = String::from_utf8(lines[2].clone()).unwrap();
        lines[2] = text
            .replace("\"event.sequence\":3,", "\"event.sequence\":3 ,")
            .into_bytes();
        write_lines(&path, &lines);
        bad_at(&check(&path), 3, "damaged");
    }

    #[test]
    fn deleted_line() {
        let (path, mut lines) = log("deleted");
        lines.remove(2);
        write_lines(&path, &lines);
        bad_at(&check(&path), 3, "deleted");
        // Deleting the tail cannot be seen from the file alone: the head moves back.
        let (path, mut lines) = log("deltail");
        let full = check(&path).head;
        lines.pop();
        write_lines(&path, &lines);
        let r = check(&path);
        assert!(r.ok && r.records == 5 && r.head != full);
    }

    #[test]
    fn duplicated_line() {
        let (path, mut lines) = log("dup");
        lines.insert(3, lines[2].clone());
        write_lines(&path, &lines);
        bad_at(&check(&path), 4, "duplicated");
    }

    #[test]
    fn swapped_lines() {
        let (path, mut lines) = log("swap");
        lines.swap(1, 2);
        write_lines(&path, &lines);
        bad_at(&check(&path), 2, "reordered");
    }

    #[test]
    fn inserted_line() {
        let (path, mut lines) = log("insert");
        lines.insert(4, b"{\"event.action\":\"authn_login_success\"}\n".to_vec());
        write_lines(&path, &lines);
        bad_at(&check(&path), 5, "inserted");
    }

    #[test]
    fn truncated_mid_line() {
        let (path, mut lines) = log("trunc");
        let last = lines.len() - 1;
        lines[last].truncate(50);
        write_lines(&path, &lines);
        let r = check(&path);
        bad_at(&r, 6, "torn final line");
        assert_eq!(r.records, 5);
        // Truncating mid-file (then more records) is a deletion.
        let (path, mut lines) = log("truncmid");
        lines[2].truncate(30);
        lines[2].push(b'\n');
        write_lines(&path, &lines);
        bad_at(&check(&path), 3, "truncated");
    }

    #[test]
    fn spliced_logs() {
        let (a, lines_a) = log("spliceA");
        let (_, lines_b) = log("spliceB");
        let mut spliced = lines_a[..3].to_vec();
        spliced.extend_from_slice(&lines_b[3..]);
        write_lines(&a, &spliced);
        bad_at(&check(&a), 4, "modified");
        // Another key's log spliced in.
        let dir = temp_dir("splice-key");
        let other = dir.join("b.log");
        let k2 = AuditKey::from_master(&[9u8; 32]);
        let mut sink = crate::audit::file::FileSink::open(&other, false).unwrap();
        let p = crate::audit::record::Prepared::new(
            "app_test",
            "success",
            &[],
            &crate::audit::redact::Policy::default(),
        )
        .unwrap();
        for _ in 0..6 {
            sink.append(&p, &crate::audit::record::Origin::current("x"), &k2)
                .unwrap();
        }
        let lines_c = lines_of(&other);
        let mut spliced = lines_a[..3].to_vec();
        spliced.extend_from_slice(&lines_c[3..]);
        write_lines(&a, &spliced);
        bad_at(&check(&a), 4, "another key");
    }

    #[test]
    fn wrong_key_is_an_error() {
        let (path, _) = log("wrongkey");
        let other = AuditKey::from_master(&[1u8; 32]);
        let err = verify(&[path], &other).unwrap_err();
        assert!(matches!(err, AuditError::Key(_)), "{err}");
    }

    #[test]
    fn rotated_files_count_lines_across() {
        let dir = temp_dir("rotlines");
        let path = dir.join("a.log");
        write_events(&path, 3, 0);
        std::fs::rename(&path, dir.join("a.log.1")).unwrap();
        write_events(&path, 3, 3);
        let files = vec![dir.join("a.log.1"), path.clone()];
        let r = verify(&files, &key()).unwrap();
        assert!(r.ok && r.records == 6, "{r:?}");
        let mut lines = lines_of(&path);
        lines.swap(0, 1);
        write_lines(&path, &lines);
        let r = verify(&files, &key()).unwrap();
        bad_at(&r, 4, "reordered");
        // Files given in the wrong order.
        let r = verify(&[path.clone(), dir.join("a.log.1")], &key()).unwrap();
        assert!(!r.ok && r.first_bad_record == Some(1));
        assert!(verify(&[dir.join("missing")], &key()).is_err());
        assert!(verify(&[], &key()).is_err());
    }

    #[test]
    fn empty_log_is_ok() {
        let dir = temp_dir("empty");
        let path = dir.join("a.log");
        std::fs::write(&path, b"").unwrap();
        let r = check(&path);
        assert!(r.ok && r.records == 0 && r.head == "0".repeat(64));
    }
}
