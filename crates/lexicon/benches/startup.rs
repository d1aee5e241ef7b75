//! Why this exists: sitrep is a command-line tool, often run on a handful of
//! reports, so the time to get the lexicon ready is part of every run. This
//! measures the pieces of start-up: opening the compiled gazetteer (a
//! header check: it is read in place), looking names up in it, compiling
//! the phrase dictionaries (Aho-Corasick automata, now most of start-up),
//! and, for comparison, building the gazetteer from the TSV files, which
//! start-up did before `build.rs` took it over.
//!
//! Run with `cargo bench -p sitrep-lexicon --bench startup`. Resident
//! memory is measured on the binary (see the README, "Speed and memory").

use criterion::{Criterion, criterion_group, criterion_main};
use sitrep_lexicon::{Gazetteer, GeoTables, Lexicon, embedded_files};
use std::hint::black_box;

macro_rules! data {
    ($p:literal) => {
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/", $p))
    };
}

fn startup(c: &mut Criterion) {
    let mut g = c.benchmark_group("startup");
    g.bench_function("gazetteer_open", |b| b.iter(Gazetteer::embedded));
    let gaz = Gazetteer::embedded();
    // names as the place annotator asks for them: hits, and (more often) misses
    let keys = [
        "mosul",
        "kherson",
        "gao",
        "al anbar",
        "deir ez zor",
        "tower 22",
        "sunday",
        "the ministry",
        "united nations",
        "xyzzy",
        "kharkiv oblast",
        "ain al asad",
    ];
    g.bench_function("gazetteer_lookup_12_names", |b| {
        b.iter(|| {
            keys.iter()
                .map(|k| gaz.lookup(black_box(k)).len())
                .sum::<usize>()
        })
    });
    g.sample_size(10);
    g.bench_function("lexicon_build", |b| {
        b.iter(|| Lexicon::build(&embedded_files(), Gazetteer::embedded()))
    });
    let tables = GeoTables {
        countries: data!("geo/countries.tsv"),
        admin1: data!("geo/admin1.tsv"),
        places: data!("geo/places.tsv"),
        facilities: data!("geo/facilities.tsv"),
        actor_countries: data!("actors/countries.tsv"),
    };
    g.bench_function("gazetteer_from_tsv", |b| {
        b.iter(|| Gazetteer::from_tsv(&tables).expect("the data builds"))
    });
    g.finish();
}

criterion_group!(benches, startup);
criterion_main!(benches);
