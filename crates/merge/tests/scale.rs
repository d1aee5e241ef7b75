//! The merge stays near-linear on synthetic reports at a realistic density
//! (340 underlying events a day, each reported by one to a dozen outlets),
//! counted in comparisons rather than timed: the blocking must not fall
//! back to comparing all pairs. The million-record run is outside CI: see
//! `examples/generate.rs`.

use sitrep_merge::synth::{Generator, recovery};
use sitrep_merge::{Merger, Stats};

fn run(records: usize) -> (Stats, sitrep_merge::synth::Recovery) {
    let (mut docs, mut truth) = (Vec::new(), Vec::new());
    for d in Generator::new(records, 7) {
        truth.extend(d.truth);
        docs.push(d.events);
    }
    let mut m = Merger::new();
    m.add(docs);
    (m.stats(), recovery(&m.clusters(), &truth))
}

#[test]
fn comparisons_grow_linearly_with_the_records() {
    let (small, _) = run(10_000);
    let (large, quality) = run(20_000);
    eprintln!(
        "10k: {small:?}\n20k: {large:?}\n{quality:?} F1 {:.3}",
        quality.f1()
    );
    for (n, s) in [(10_000u64, &small), (20_000, &large)] {
        assert!(
            s.comparisons < 50 * n,
            "{} comparisons for {n} records",
            s.comparisons
        );
    }
    // twice the records, about twice the work (all pairs would be four times)
    let ratio = large.comparisons as f64 / small.comparisons as f64;
    assert!(
        ratio < 2.6,
        "comparisons grew {ratio:.2} times for twice the records"
    );
    // what the merge recovers, as a floor (pairwise, over records)
    assert!(quality.recall >= 0.70, "{quality:?}");
    assert!(quality.precision >= 0.10, "{quality:?}");
}

#[test]
fn reports_added_day_by_day_give_the_records_of_one_merge() {
    let docs: Vec<Vec<sitrep_core::record::Event>> =
        Generator::new(6_000, 3).map(|d| d.events).collect();
    let once = sitrep_merge::merge(docs.clone());
    let mut m = Merger::new();
    for chunk in docs.chunks(700) {
        m.add(chunk.to_vec());
    }
    let a: Vec<String> = once
        .iter()
        .map(|e| serde_json::to_string(e).unwrap())
        .collect();
    let b: Vec<String> = m
        .events()
        .iter()
        .map(|e| serde_json::to_string(e).unwrap())
        .collect();
    assert_eq!(a.len(), b.len());
    assert!(a == b, "incremental records differ from one merge");
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let docs: Vec<Vec<sitrep_core::record::Event>> =
        Generator::new(3_000, 11).map(|d| d.events).collect();
    let a: Vec<String> = sitrep_merge::merge(docs.clone())
        .iter()
        .map(|e| serde_json::to_string(e).unwrap())
        .collect();
    let b: Vec<String> = sitrep_merge::merge(docs)
        .iter()
        .map(|e| serde_json::to_string(e).unwrap())
        .collect();
    assert_eq!(a, b);
}
