//! Counted quantities on arbitrary text: no panic, and every count well
//! formed (`sitrep_annotate::invariants::check_counts`), after the time layer
//! they depend on.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut doc = sitrep_fuzz::doc_from(data);
    sitrep_fuzz::annotate(&mut doc, true);
    let checked = sitrep_annotate::invariants::check_times(&doc)
        .and_then(|()| sitrep_annotate::invariants::check_counts(&doc));
    if let Err(e) = checked {
        panic!(
            "{e}\ntext: {:?}\npublished: {:?}",
            doc.text, doc.meta.published
        );
    }
});
