//! LinkedIn and Google Contacts CSV: any bytes, no panic, and every record
//! is either read or reported with a line inside the file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rapport_core::import::{Format, parse, text_from_bytes};

fuzz_target!(|data: &[u8]| {
    let text = text_from_bytes(data);
    let lines = text.split('\n').count();
    for format in [Format::LinkedIn, Format::Google] {
        let parsed = parse(&text, format);
        for r in &parsed.rejected {
            assert!(r.line >= 1 && r.line <= lines.max(1), "line {} of {}", r.line, lines);
        }
        for r in &parsed.records {
            assert!(r.line >= 1 && r.line <= lines);
        }
    }
});
