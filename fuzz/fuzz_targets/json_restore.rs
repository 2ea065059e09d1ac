//! The JSON backup reader: any bytes, no panic; a document is accepted or
//! refused as a whole before anything would be written.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = serde_json::from_slice::<serde_json::Value>(data) {
        let _ = rapport_store::backup::check(&doc);
    }
});
