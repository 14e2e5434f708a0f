//! Property tests of the audit chain: whatever sequence of events is written
//! verifies, and any single edit of the written log is detected.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

use proptest::prelude::*;
use soc2_core::audit::event::VOCABULARY;
use soc2_core::audit::file::FileSink;
use soc2_core::audit::key::AuditKey;
use soc2_core::audit::record::{Origin, Prepared};
use soc2_core::audit::redact::Policy;
use soc2_core::audit::value::Value;
use soc2_core::audit::verify::verify;

fn temp_log() -> PathBuf {
    static N: AtomicU32 = AtomicU32::new(0);
    let dir = std::env::temp_dir().join(format!(
        "soc2-prop-audit-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("audit.log")
}

fn field_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::Int),
        ".{0,40}".prop_map(Value::Str),
        // Control characters and line separators must not break a line.
        "[\n\r\u{2028}\u{0}a\"\\\\]{0,8}".prop_map(Value::Str),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::List),
            prop::collection::vec(("[a-z.]{1,8}", inner), 0..4).prop_map(Value::Map),
        ]
    })
}

#[derive(Clone, Debug)]
struct Event {
    name: &'static str,
    outcome: &'static str,
    fields: Vec<(String, Value)>,
}

fn event() -> impl Strategy<Value = Event> {
    (
        prop::sample::select(VOCABULARY),
        prop::sample::select(&["success", "failure", "unknown"][..]),
        prop::collection::vec(("[a-z_.]{1,10}", field_value()), 0..5),
    )
        .prop_map(|(name, outcome, fields)| Event {
            name,
            outcome,
            fields,
        })
}

fn key() -> AuditKey {
    AuditKey::from_master(&[3; 32])
}

fn write(events: &[Event]) -> PathBuf {
    let path = temp_log();
    let mut sink = FileSink::open(&path, false).unwrap();
    let origin = Origin::current("prop");
    let policy = Policy::default();
    for (i, e) in events.iter().enumerate() {
        let prepared = Prepared::new(e.name, e.outcome, &e.fields, &policy).unwrap();
        assert_eq!(
            sink.append(&prepared, &origin, &key()).unwrap(),
            i as u64 + 1
        );
    }
    path
}

#[derive(Clone, Debug)]
enum Edit {
    /// XOR one byte (the newline included) with a non-zero mask.
    Flip(prop::sample::Index, u8),
    DeleteLine(prop::sample::Index),
    DuplicateLine(prop::sample::Index),
    SwapWithNext(prop::sample::Index),
    /// Copy a line over another one.
    Replace(prop::sample::Index, prop::sample::Index),
    /// Cut the file at a byte offset (not at its end).
    Truncate(prop::sample::Index),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<prop::sample::Index>(), 1u8..=255).prop_map(|(i, m)| Edit::Flip(i, m)),
        any::<prop::sample::Index>().prop_map(Edit::DeleteLine),
        any::<prop::sample::Index>().prop_map(Edit::DuplicateLine),
        any::<prop::sample::Index>().prop_map(Edit::SwapWithNext),
        (any::<prop::sample::Index>(), any::<prop::sample::Index>())
            .prop_map(|(a, b)| Edit::Replace(a, b)),
        any::<prop::sample::Index>().prop_map(Edit::Truncate),
    ]
}

/// Applies the edit; None when it is not a change (e.g. swapping equal lines).
fn apply(bytes: &[u8], edit: &Edit) -> Option<Vec<u8>> {
    let mut lines: Vec<Vec<u8>> = bytes
        .split_inclusive(|&b| b == b'\n')
        .map(<[u8]>::to_vec)
        .collect();
    let n = lines.len();
    let out = match edit {
        Edit::Flip(i, m) => {
            let mut b = bytes.to_vec();
            let at = i.index(b.len());
            b[at] ^= m;
            b
        }
        Edit::DeleteLine(i) => {
            lines.remove(i.index(n));
            lines.concat()
        }
        Edit::DuplicateLine(i) => {
            let i = i.index(n);
            lines.insert(i, lines[i].clone());
            lines.concat()
        }
        Edit::SwapWithNext(i) => {
            if n < 2 {
                return None;
            }
            let i = i.index(n - 1);
            lines.swap(i, i + 1);
            lines.concat()
        }
        Edit::Replace(a, b) => {
            let (a, b) = (a.index(n), b.index(n));
            lines[a] = lines[b].clone();
            lines.concat()
        }
        Edit::Truncate(i) => bytes[..i.index(bytes.len())].to_vec(),
    };
    (out != bytes).then_some(out)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn written_chain_verifies(events in prop::collection::vec(event(), 1..12)) {
        let path = write(&events);
        let report = verify(std::slice::from_ref(&path), &key()).unwrap();
        prop_assert!(report.ok, "{:?}", report);
        prop_assert_eq!(report.records, events.len() as u64);
        let text = std::fs::read(&path).unwrap();
        prop_assert_eq!(text.iter().filter(|&&b| b == b'\n').count(), events.len());
        let _ = std::fs::remove_dir_all(path.parent().unwrap());
    }

    #[test]
    fn any_single_edit_is_detected(events in prop::collection::vec(event(), 1..8), edit in edit()) {
        let path = write(&events);
        let original = std::fs::read(&path).unwrap();
        let head = verify(std::slice::from_ref(&path), &key()).unwrap().head;
        if let Some(edited) = apply(&original, &edit) {
            std::fs::write(&path, &edited).unwrap();
            let report = verify(std::slice::from_ref(&path), &key()).unwrap();
            // Cutting whole records off the end leaves a valid shorter chain: only
            // the head (kept elsewhere, e.g. in <log>.chain or the last report)
            // shows it. Every other edit fails verification outright.
            let tail_cut = edited.len() < original.len()
                && original.starts_with(&edited)
                && (edited.is_empty() || edited.ends_with(b"\n"));
            if tail_cut {
                prop_assert!(report.ok && report.head != head, "{:?}", report);
            } else {
                prop_assert!(!report.ok, "edit {:?} went undetected: {:?}", edit, report);
            }
        }
        let _ = std::fs::remove_dir_all(path.parent().unwrap());
    }
}
