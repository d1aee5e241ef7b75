//! Compiles the gazetteer tables of `data/geo` into the compact format the
//! crate reads in place (`src/gazetteer/format.rs`), in `OUT_DIR`, so that
//! nothing is parsed or indexed when sitrep starts. The TSV files stay the
//! source of truth; the code that reads them is the crate's own
//! (`src/gazetteer/{tsv,writer,format}.rs`), shared with the run-time
//! importer.

#[allow(dead_code)]
#[path = "src/gazetteer/format.rs"]
mod format;
#[allow(dead_code)]
#[path = "src/gazetteer/tsv.rs"]
mod tsv;
#[allow(dead_code)]
#[path = "src/gazetteer/writer.rs"]
mod writer;

use std::path::{Path, PathBuf};

fn read(data: &Path, name: &str) -> String {
    let p = data.join(name);
    println!("cargo::rerun-if-changed={}", p.display());
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
}

fn main() {
    for f in ["format", "tsv", "writer"] {
        println!("cargo::rerun-if-changed=src/gazetteer/{f}.rs");
    }
    let manifest = PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
    );
    let data = manifest.join("../../data");
    let (countries, admin1, places, facilities, actor_countries) = (
        read(&data, "geo/countries.tsv"),
        read(&data, "geo/admin1.tsv"),
        read(&data, "geo/places.tsv"),
        read(&data, "geo/facilities.tsv"),
        read(&data, "actors/countries.tsv"),
    );
    let tables = tsv::GeoTables {
        countries: &countries,
        admin1: &admin1,
        places: &places,
        facilities: &facilities,
        actor_countries: &actor_countries,
    };
    let mut w = writer::Writer::new();
    tsv::write_tables(&tables, &mut w).unwrap_or_else(|e| panic!("gazetteer: {e}"));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("gazetteer.bin");
    let mut f = std::io::BufWriter::new(
        std::fs::File::create(&out)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display())),
    );
    w.finish(&mut f)
        .unwrap_or_else(|e| panic!("gazetteer: {e}"));
}
