//! The byte layout of one record and its MAC (docs/AUDIT.md has the full text).
//!
//! A chained record is one line of JSON (ECS field names, dotted keys as in
//! the ecs-logging specification), members in this fixed order:
//!
//! ```text
//! {"@timestamp":"2025-01-31T12:00:00.123456Z","event.action":"authn_login_success",
//!  "event.outcome":"success","event.sequence":1,"ecs.version":"8.11.0",
//!  "service.name":"app","host.name":"web1","process.pid":4242,
//!  ["user.id":"42",]["source.ip":"203.0.113.9",]"soc2.fields":{...},
//!  "soc2.key":"<16 hex>","soc2.mac":"<64 hex>"}\n
//! ```
//!
//! The MAC input is the *body*: the line without its `,"soc2.mac":"<64 hex>"`
//! member (and without the newline), i.e. the exact bytes up to and including
//! the `soc2.key` member followed by `}`. Then
//! `mac_n = HMAC-SHA256(chain_key, mac_{n-1} || body_n)` with `mac_0` 32 zero
//! bytes (the genesis) and `event.sequence` of record n equal to n. Verifying
//! works on the raw bytes: no JSON re-canonicalisation is involved.

use std::time::{SystemTime, UNIX_EPOCH};

use hmac::Mac;

use super::key::AuditKey;
use super::redact::{self, Policy};
use super::value::{write_str, Value};

/// The ECS version whose field names records use.
pub const ECS_VERSION: &str = "8.11.0";
/// Largest record, newline included. Fields that would exceed it are replaced
/// by a marker naming their size.
pub const MAX_RECORD: usize = 16 * 1024;
/// Largest `user.id` / `source.ip` value kept (bytes).
pub const MAX_ECS_VALUE: usize = 256;
/// The chain's starting value.
pub const GENESIS: [u8; 32] = [0; 32];

const MAC_PREFIX: &[u8] = b",\"soc2.mac\":\"";
const KEY_PREFIX: &[u8] = b",\"soc2.key\":\"";
/// `,"soc2.mac":"` + 64 hex + `"}`.
const MAC_SUFFIX_LEN: usize = MAC_PREFIX.len() + 64 + 2;
/// `,"soc2.key":"` + 16 hex + `"`.
const KEY_MEMBER_LEN: usize = KEY_PREFIX.len() + 16 + 1;
const LINE_START: &[u8] = b"{\"@timestamp\":\"";
const SEQ_MARK: &[u8] = b",\"event.sequence\":";

/// Where a record comes from; fixed for a process.
#[derive(Debug, Clone)]
pub struct Origin {
    pub service: String,
    pub host: String,
    pub pid: u32,
}

impl Origin {
    /// This process, on this host, for `service`.
    pub fn current(service: &str) -> Self {
        Origin {
            service: service.to_owned(),
            host: hostname(),
            pid: std::process::id(),
        }
    }
}

/// The host name from uname(2), as `host.name`.
pub fn hostname() -> String {
    rustix::system::uname()
        .nodename()
        .to_string_lossy()
        .into_owned()
}

/// An event with its fields already redacted and serialized: everything but
/// the timestamp, sequence and MAC, which are fixed under the sink's lock.
#[derive(Debug, Clone)]
pub struct Prepared {
    action: String,
    outcome: String,
    /// `"user.id":...,"source.ip":...,"soc2.fields":{...}` (no leading comma).
    tail: Vec<u8>,
}

impl Prepared {
    /// Validates the event and outcome, lifts `user.id` / `source.ip` out of
    /// the fields (when given as scalars) and serializes the rest with
    /// redaction and caps.
    pub fn new(
        event: &str,
        outcome: &str,
        fields: &[(String, Value)],
        policy: &Policy,
    ) -> super::Result<Self> {
        super::event::validate_event(event)?;
        super::event::validate_outcome(outcome)?;
        let mut tail = Vec::with_capacity(128);
        let mut rest: Vec<&(String, Value)> = Vec::with_capacity(fields.len());
        let mut user = None;
        let mut ip = None;
        for member in fields {
            let slot = match member.0.as_str() {
                "user.id" => &mut user,
                "source.ip" => &mut ip,
                _ => {
                    rest.push(member);
                    continue;
                }
            };
            match &member.1 {
                Value::Str(_) | Value::Int(_) if slot.is_none() => *slot = Some(&member.1),
                _ => rest.push(member),
            }
        }
        for (name, value) in [("user.id", user), ("source.ip", ip)] {
            if let Some(value) = value {
                write_str(&mut tail, name);
                tail.push(b':');
                let text = match value {
                    Value::Int(v) => v.to_string(),
                    Value::Str(s) => redact::cap(&redact::mask(s), MAX_ECS_VALUE).into_owned(),
                    _ => unreachable!("only scalars are lifted"),
                };
                write_str(&mut tail, &text);
                tail.push(b',');
            }
        }
        tail.extend_from_slice(b"\"soc2.fields\":");
        let fields_at = tail.len();
        let owned: Vec<(String, Value)>;
        let rest_slice: &[(String, Value)] = if rest.len() == fields.len() {
            fields
        } else {
            owned = rest.into_iter().cloned().collect();
            &owned
        };
        policy.write_fields(&mut tail, rest_slice);
        // Header (~250 bytes with long names) + key/mac members must still fit.
        let budget = MAX_RECORD - 512 - MAC_SUFFIX_LEN - KEY_MEMBER_LEN;
        if tail.len() > budget {
            let size = tail.len() - fields_at;
            tail.truncate(fields_at);
            tail.extend_from_slice(b"{\"[TRUNCATED]\":");
            write_str(
                &mut tail,
                &format!("fields of {size} bytes exceed the {MAX_RECORD}-byte record cap"),
            );
            tail.push(b'}');
        }
        Ok(Prepared {
            action: event.to_owned(),
            outcome: outcome.to_owned(),
            tail,
        })
    }

    pub fn action(&self) -> &str {
        &self.action
    }

    pub fn outcome(&self) -> &str {
        &self.outcome
    }

    /// The record without key and MAC members, ending in `}` (used as is by
    /// the unchained sinks).
    pub fn body(&self, now: SystemTime, sequence: u64, origin: &Origin) -> Vec<u8> {
        let mut out = Vec::with_capacity(256 + self.tail.len() + MAC_SUFFIX_LEN);
        out.extend_from_slice(LINE_START);
        out.extend_from_slice(rfc3339_micros(now).as_bytes());
        out.extend_from_slice(b"\",\"event.action\":");
        write_str(&mut out, &self.action);
        out.extend_from_slice(b",\"event.outcome\":");
        write_str(&mut out, &self.outcome);
        out.extend_from_slice(SEQ_MARK);
        out.extend_from_slice(sequence.to_string().as_bytes());
        out.extend_from_slice(b",\"ecs.version\":\"");
        out.extend_from_slice(ECS_VERSION.as_bytes());
        out.extend_from_slice(b"\",\"service.name\":");
        write_str(&mut out, &redact::cap(&origin.service, MAX_ECS_VALUE));
        out.extend_from_slice(b",\"host.name\":");
        write_str(&mut out, &redact::cap(&origin.host, MAX_ECS_VALUE));
        out.extend_from_slice(b",\"process.pid\":");
        out.extend_from_slice(origin.pid.to_string().as_bytes());
        out.push(b',');
        out.extend_from_slice(&self.tail);
        out.push(b'}');
        out
    }

    /// The full chained line (newline included) and its MAC.
    pub fn chained_line(
        &self,
        now: SystemTime,
        sequence: u64,
        origin: &Origin,
        key: &AuditKey,
        prev: &[u8; 32],
    ) -> (Vec<u8>, [u8; 32]) {
        let mut line = self.body(now, sequence, origin);
        line.pop();
        line.extend_from_slice(KEY_PREFIX);
        line.extend_from_slice(key.id().as_bytes());
        line.extend_from_slice(b"\"}");
        let mac = chain_mac(key, prev, &line);
        line.pop();
        line.extend_from_slice(MAC_PREFIX);
        line.extend_from_slice(hex(&mac).as_bytes());
        line.extend_from_slice(b"\"}\n");
        (line, mac)
    }
}

/// `HMAC-SHA256(chain_key, prev || body)`.
pub fn chain_mac(key: &AuditKey, prev: &[u8; 32], body: &[u8]) -> [u8; 32] {
    let mut mac = key.chain_mac();
    mac.update(prev);
    mac.update(body);
    mac.finalize().into_bytes().into()
}

/// A line that has the shape of a chained record (the MAC not yet checked).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    pub sequence: u64,
    pub key_id: String,
    pub mac: [u8; 32],
    /// The MAC input.
    pub body: Vec<u8>,
}

/// Splits a line (without its newline) into sequence, key id, MAC and body.
/// `None` when the line does not have the shape of a chained record.
pub fn parse_line(line: &[u8]) -> Option<Parsed> {
    let n = line.len();
    if !line.starts_with(LINE_START) || n < LINE_START.len() + MAC_SUFFIX_LEN + KEY_MEMBER_LEN {
        return None;
    }
    let mac_at = n - MAC_SUFFIX_LEN;
    let suffix = &line[mac_at..];
    if !suffix.starts_with(MAC_PREFIX) || !suffix.ends_with(b"\"}") {
        return None;
    }
    let mac = unhex32(&suffix[MAC_PREFIX.len()..MAC_PREFIX.len() + 64])?;
    let key_at = mac_at - KEY_MEMBER_LEN;
    let key_member = &line[key_at..mac_at];
    if !key_member.starts_with(KEY_PREFIX) || key_member[KEY_MEMBER_LEN - 1] != b'"' {
        return None;
    }
    let key_id = &key_member[KEY_PREFIX.len()..KEY_PREFIX.len() + 16];
    if !key_id
        .iter()
        .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
    {
        return None;
    }
    let seq_at = find(line, SEQ_MARK)? + SEQ_MARK.len();
    let digits = line[seq_at..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    if digits == 0 || digits > 19 || line.get(seq_at + digits) != Some(&b',') {
        return None;
    }
    let sequence = std::str::from_utf8(&line[seq_at..seq_at + digits])
        .ok()?
        .parse()
        .ok()?;
    let mut body = Vec::with_capacity(mac_at + 1);
    body.extend_from_slice(&line[..mac_at]);
    body.push(b'}');
    Some(Parsed {
        sequence,
        key_id: String::from_utf8_lossy(key_id).into_owned(),
        mac,
        body,
    })
}

/// Whether a line ends like a complete chained record (`,"soc2.mac":"<64>"}`),
/// i.e. it was written in full, whatever happened to it since.
pub fn has_record_end(line: &[u8]) -> bool {
    line.len() >= MAC_SUFFIX_LEN && {
        let suffix = &line[line.len() - MAC_SUFFIX_LEN..];
        suffix.starts_with(MAC_PREFIX) && suffix.ends_with(b"\"}")
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[usize::from(b >> 4)] as char);
        s.push(DIGITS[usize::from(b & 15)] as char);
    }
    s
}

/// Lowercase hex only: one spelling per MAC.
fn unhex32(text: &[u8]) -> Option<[u8; 32]> {
    fn nibble(c: u8) -> Option<u8> {
        match c {
            b'0'..=b'9' => Some(c - b'0'),
            b'a'..=b'f' => Some(c - b'a' + 10),
            _ => None,
        }
    }
    if text.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, pair) in text.chunks(2).enumerate() {
        out[i] = nibble(pair[0])? << 4 | nibble(pair[1])?;
    }
    Some(out)
}

/// `YYYY-MM-DDTHH:MM:SS.ffffffZ` (UTC, microseconds).
pub fn rfc3339_micros(t: SystemTime) -> String {
    let d = t.duration_since(UNIX_EPOCH).unwrap_or_default();
    let secs = d.as_secs();
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let rem = secs % 86_400;
    let (y, m, day) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{day:02}T{:02}:{:02}:{:02}.{:06}Z",
        rem / 3600,
        rem / 60 % 60,
        rem % 60,
        d.subsec_micros()
    )
}

/// Days since 1970-01-01 to (year, month, day), proleptic Gregorian
/// (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    pub(crate) fn test_key() -> AuditKey {
        AuditKey::from_master(&[7u8; 32])
    }

    #[test]
    fn timestamps() {
        let t = UNIX_EPOCH + Duration::from_micros(1_738_324_800_123_456);
        assert_eq!(rfc3339_micros(t), "2025-01-31T12:00:00.123456Z");
        assert_eq!(rfc3339_micros(UNIX_EPOCH), "1970-01-01T00:00:00.000000Z");
        let leap = UNIX_EPOCH + Duration::from_secs(951_782_400); // 2000-02-29
        assert_eq!(rfc3339_micros(leap), "2000-02-29T00:00:00.000000Z");
    }

    #[test]
    fn layout_and_parse() {
        let key = test_key();
        let origin = Origin {
            service: "app".into(),
            host: "web1".into(),
            pid: 42,
        };
        let fields = vec![
            ("user.id".to_string(), Value::Int(7)),
            ("source.ip".to_string(), Value::from("203.0.113.9")),
            ("password".to_string(), Value::from("hunter2")),
            ("note".to_string(), Value::from("line\nbreak")),
        ];
        let p = Prepared::new(
            "authn_login_success",
            "success",
            &fields,
            &Policy::default(),
        )
        .unwrap();
        let t = UNIX_EPOCH + Duration::from_micros(1_738_324_800_123_456);
        let (line, mac) = p.chained_line(t, 1, &origin, &key, &GENESIS);
        let text = String::from_utf8(line.clone()).unwrap();
        let expected_start = "{\"@timestamp\":\"2025-01-31T12:00:00.123456Z\",\"event.action\":\"authn_login_success\",\"event.outcome\":\"success\",\"event.sequence\":1,\"ecs.version\":\"8.11.0\",\"service.name\":\"app\",\"host.name\":\"web1\",\"process.pid\":42,\"user.id\":\"7\",\"source.ip\":\"203.0.113.9\",\"soc2.fields\":{\"password\":\"[REDACTED]\",\"note\":\"line\\nbreak\"},\"soc2.key\":\"";
        assert!(text.starts_with(expected_start), "{text}");
        assert_eq!(text.matches('\n').count(), 1);
        assert!(text.ends_with(&format!("\"soc2.mac\":\"{}\"}}\n", hex(&mac))));
        let parsed = parse_line(&line[..line.len() - 1]).unwrap();
        assert_eq!(parsed.sequence, 1);
        assert_eq!(parsed.mac, mac);
        assert_eq!(parsed.key_id, key.id());
        assert_eq!(chain_mac(&key, &GENESIS, &parsed.body), mac);
        assert!(parse_line(&line[..line.len() - 2]).is_none());
        assert!(parse_line(b"{\"@timestamp\":\"x\"}").is_none());
    }

    #[test]
    fn record_cap() {
        let big: Vec<(String, Value)> = (0..40)
            .map(|i| (format!("k{i}"), Value::Str("x".repeat(2000))))
            .collect();
        let p = Prepared::new("app_big", "unknown", &big, &Policy::default()).unwrap();
        let origin = Origin::current("svc");
        let (line, _) = p.chained_line(SystemTime::now(), 9, &origin, &test_key(), &GENESIS);
        assert!(line.len() <= MAX_RECORD);
        let text = String::from_utf8(line).unwrap();
        assert!(text.contains("exceed the 16384-byte record cap"), "{text}");
    }

    #[test]
    fn invalid_arguments() {
        let p = Policy::default();
        assert!(Prepared::new("nope", "success", &[], &p).is_err());
        assert!(Prepared::new("authz_fail", "ok", &[], &p).is_err());
    }
}
