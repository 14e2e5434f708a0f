//! Arbitrary bytes as an audit log, verified with a fixed key. The seeds are
//! real chains written by the extension, so mutations reach the MAC, sequence
//! and torn-line logic. Properties: no panic; the line parser never panics;
//! splitting the same bytes into two rotated files at a line boundary gives
//! the same verdict as one file (rotation is transparent to the chain).
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use soc2_core::audit::key::AuditKey;
use soc2_core::audit::record;
use soc2_core::audit::verify::verify;

fn dir() -> &'static PathBuf {
    static D: OnceLock<PathBuf> = OnceLock::new();
    D.get_or_init(|| {
        let base = std::env::var_os("TMPDIR").map_or_else(|| "/tmp".into(), PathBuf::from);
        let d = base.join(format!("soc2-fuzz-audit-{}", std::process::id()));
        std::fs::create_dir_all(&d).expect("temp dir");
        d
    })
}

fuzz_target!(|data: &[u8]| {
    for line in data.split(|&b| b == b'\n') {
        let _ = record::parse_line(line);
        let _ = record::has_record_end(line);
    }
    // The docs/FORMAT.md master key (00 01 .. 1f): the seeds were written with it.
    let master: [u8; 32] = std::array::from_fn(|i| i as u8);
    let key = AuditKey::from_master(&master);
    let whole = dir().join("whole.log");
    std::fs::write(&whole, data).expect("write");
    let one = verify(&[whole.clone()], &key);

    let middle = data.len() / 2;
    if let Some(nl) = data[middle..].iter().position(|&b| b == b'\n') {
        let at = middle + nl + 1;
        let a = dir().join("a.log");
        let b = dir().join("b.log");
        std::fs::write(&a, &data[..at]).expect("write");
        std::fs::write(&b, &data[at..]).expect("write");
        let two = verify(&[a, b], &key);
        match (&one, &two) {
            (Ok(x), Ok(y)) => {
                assert_eq!(
                    (x.ok, x.records, x.first_bad_record),
                    (y.ok, y.records, y.first_bad_record)
                );
                assert_eq!(x.head, y.head);
            }
            (Err(_), Err(_)) => {}
            _ => panic!("one file and two rotated files disagree: {one:?} vs {two:?}"),
        }
    }
});
