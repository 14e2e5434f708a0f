//! The `stderr` and `syslog` sinks. Records are the same JSON, without the
//! chain members: these sinks deliver to a receiver (the container runtime,
//! the syslog daemon) that stores and protects the log, so there is no file
//! tail to chain from. `event.sequence` counts the events of this process.
//!
//! Syslog messages are RFC 5424, sent as one datagram each to a Unix socket
//! (`/dev/log` unless configured): facility authpriv (10), severity
//! informational for success, warning for failure, notice for unknown;
//! APP-NAME is `service.name`, PROCID the pid, MSGID the event name, no
//! structured data, MSG the JSON record.

use std::io::Write;
use std::os::unix::net::UnixDatagram;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::key::io_reason;
use super::record::{rfc3339_micros, Origin, Prepared};
use super::{AuditError, Result};

pub const DEFAULT_SYSLOG_SOCKET: &str = "/dev/log";
const FACILITY_AUTHPRIV: u8 = 10;

/// Writes one record per line to standard error, with one write(2).
#[derive(Default)]
pub struct StderrSink {
    sequence: u64,
}

impl StderrSink {
    pub fn append(&mut self, prepared: &Prepared, origin: &Origin) -> Result<u64> {
        self.sequence += 1;
        let mut line = prepared.body(SystemTime::now(), self.sequence, origin);
        line.push(b'\n');
        let mut err = std::io::stderr().lock();
        match err.write(&line) {
            Ok(n) if n == line.len() => Ok(self.sequence),
            Ok(n) => Err(AuditError::Sink(format!(
                "short write to stderr ({n} of {} bytes)",
                line.len()
            ))),
            Err(e) => Err(AuditError::Sink(format!("cannot write to stderr: {e}"))),
        }
    }
}

/// Sends RFC 5424 messages to a local syslog socket.
pub struct SyslogSink {
    socket_path: PathBuf,
    socket: Option<UnixDatagram>,
    sequence: u64,
}

impl SyslogSink {
    pub fn new(socket_path: &Path) -> Self {
        SyslogSink {
            socket_path: socket_path.to_owned(),
            socket: None,
            sequence: 0,
        }
    }

    pub fn append(&mut self, prepared: &Prepared, origin: &Origin) -> Result<u64> {
        self.sequence += 1;
        let now = SystemTime::now();
        let body = prepared.body(now, self.sequence, origin);
        let message = rfc5424(prepared, origin, now, &body);
        if self.socket.is_none() {
            let s = UnixDatagram::unbound()
                .map_err(|e| AuditError::Sink(format!("cannot create a syslog socket: {e}")))?;
            self.socket = Some(s);
        }
        let socket = self.socket.as_ref().expect("created above");
        match socket.send_to(&message, &self.socket_path) {
            Ok(n) if n == message.len() => Ok(self.sequence),
            Ok(n) => Err(AuditError::Sink(format!(
                "short send to syslog ({n} of {} bytes)",
                message.len()
            ))),
            Err(e) => {
                self.socket = None;
                Err(AuditError::Sink(format!(
                    "cannot send to syslog at {}: {}",
                    self.socket_path.display(),
                    io_reason(&e)
                )))
            }
        }
    }
}

/// RFC 5424 PRINTUSASCII token of at most `max` characters ("-" when empty).
fn token(s: &str, max: usize) -> String {
    let t: String = s
        .chars()
        .filter(|c| c.is_ascii_graphic())
        .take(max)
        .collect();
    if t.is_empty() {
        "-".into()
    } else {
        t
    }
}

/// `<PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID - MSG`.
pub fn rfc5424(prepared: &Prepared, origin: &Origin, now: SystemTime, body: &[u8]) -> Vec<u8> {
    let severity = match prepared.outcome() {
        "success" => 6,
        "failure" => 4,
        _ => 5,
    };
    let pri = u16::from(FACILITY_AUTHPRIV) * 8 + severity;
    let mut out = format!(
        "<{pri}>1 {} {} {} {} {} - ",
        rfc3339_micros(now),
        token(&origin.host, 255),
        token(&origin.service, 48),
        origin.pid,
        token(prepared.action(), 32),
    )
    .into_bytes();
    out.extend_from_slice(body);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::redact::Policy;

    #[test]
    fn rfc5424_layout() {
        let p = Prepared::new("authz_fail", "failure", &[], &Policy::default()).unwrap();
        let origin = Origin {
            service: "my app".into(),
            host: "web1".into(),
            pid: 9,
        };
        let now = SystemTime::UNIX_EPOCH;
        let body = p.body(now, 1, &origin);
        let msg = String::from_utf8(rfc5424(&p, &origin, now, &body)).unwrap();
        assert!(
            msg.starts_with(
                "<84>1 1970-01-01T00:00:00.000000Z web1 myapp 9 authz_fail - {\"@timestamp\""
            ),
            "{msg}"
        );
        assert!(!msg.contains("soc2.mac"));
    }

    #[test]
    fn syslog_to_a_socket() {
        let dir = crate::audit::file::tests::temp_dir("syslog");
        let path = dir.join("log.sock");
        let server = UnixDatagram::bind(&path).unwrap();
        let mut sink = SyslogSink::new(&path);
        let p = Prepared::new("sys_startup", "success", &[], &Policy::default()).unwrap();
        sink.append(&p, &Origin::current("svc")).unwrap();
        let mut buf = vec![0u8; 65536];
        let n = server.recv(&mut buf).unwrap();
        assert!(buf[..n].starts_with(b"<86>1 "));
        drop(server);
        std::fs::remove_file(&path).unwrap();
        assert!(matches!(
            sink.append(&p, &Origin::current("svc")),
            Err(AuditError::Sink(_))
        ));
    }
}
