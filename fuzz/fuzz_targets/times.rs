//! Time expressions on arbitrary text and publication dates: no panic, and
//! every mention well formed (`sitrep_annotate::invariants::check_times`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut doc = sitrep_fuzz::doc_from(data);
    sitrep_fuzz::annotate(&mut doc, false);
    if let Err(e) = sitrep_annotate::invariants::check_times(&doc) {
        panic!(
            "{e}\ntext: {:?}\npublished: {:?}",
            doc.text, doc.meta.published
        );
    }
});
