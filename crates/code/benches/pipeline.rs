//! Why this exists: coding speed is a feature. This measures the whole
//! per-document pipeline (segment, annotate, code) on the sample reports in
//! `examples/`, as MB/s, and checks that it still finds their events.
//! Run with `cargo bench -p sitrep-code`; the corpus-scale figure comes from
//! `sitrep throughput` (see the README).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use sitrep_core::{Doc, Meta};
use sitrep_lexicon::Lexicon;

const REPORT: &str = include_str!("../../../examples/sahel-checkpoint.txt");

fn pipeline(c: &mut Criterion) {
    let lex = Lexicon::embedded();
    // a longer document: the sample report repeated, as a briefing would be
    let long: String = (0..50).map(|_| REPORT).collect::<Vec<_>>().join("\n");
    let mut g = c.benchmark_group("pipeline");
    for (name, text) in [("report", REPORT.to_string()), ("briefing", long)] {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(name, |b| {
            b.iter(|| {
                let mut d = Doc::new(
                    "bench",
                    text.as_str(),
                    Meta {
                        published: Some("2024-03-05".into()),
                        ..Meta::default()
                    },
                );
                let events = sitrep_code::process(&mut d, lex);
                assert!(!events.is_empty(), "the benchmark report has events");
                events.len()
            })
        });
    }
    g.finish();
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
