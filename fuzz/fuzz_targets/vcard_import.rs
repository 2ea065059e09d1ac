//! vCard: any bytes, no panic; every BEGIN:VCARD is read or reported once.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rapport_core::import::{Format, parse, text_from_bytes};

fuzz_target!(|data: &[u8]| {
    let text = text_from_bytes(data);
    let parsed = parse(&text, Format::VCard);
    let begins = text
        .split('\n')
        .filter(|l| l.trim().eq_ignore_ascii_case("BEGIN:VCARD"))
        .count();
    assert_eq!(parsed.records.len() + parsed.rejected.len(), begins);
});
