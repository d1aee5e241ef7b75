//! `sitrep gazetteer import` end to end: a GeoNames-format file written for
//! the project (`tests/fixtures/geonames/iraq-mali.txt`) is imported, and a
//! report naming one of its villages is coded with the file added.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_sitrep"));
    c.env_remove("SITREP_GAZETTEER");
    c
}

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/geonames/iraq-mali.txt")
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("sitrep-gaz-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Imports the fixture into `dir/gazetteer.bin`.
fn import(dir: &Path) -> PathBuf {
    let out = dir.join("gazetteer.bin");
    let o = bin()
        .args(["gazetteer", "import"])
        .arg(fixture())
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("kept 7 entries"), "{err}");
    assert!(err.contains("2 malformed lines"), "{err}");
    assert!(
        err.contains("iraq-mali.txt:8: expected 19 tab-separated columns, found 7"),
        "{err}"
    );
    assert!(err.contains("iraq-mali.txt:9: latitude"), "{err}");
    out
}

const REPORT: &str = "Gunmen killed three civilians in the village of Tall Zahrat al Ward \
in Nineveh province on Monday, local officials said.\n";

/// The locations of the events coded from REPORT.
fn locations(gazetteer: Option<&Path>, env: Option<&Path>) -> Vec<Value> {
    let dir = tmp("report");
    let doc = dir.join("village.txt");
    std::fs::write(&doc, REPORT).unwrap();
    let mut c = bin();
    c.arg("extract")
        .arg(&doc)
        .args(["--published", "2024-03-06"]);
    if let Some(g) = gazetteer {
        c.arg("--gazetteer").arg(g);
    }
    if let Some(g) = env {
        c.env("SITREP_GAZETTEER", g);
    }
    let o = c.output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let events: Vec<Value> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(events.len(), 1, "{events:?}");
    events[0]["locations"].as_array().unwrap().clone()
}

fn village(locs: &[Value]) -> Option<&Value> {
    locs.iter().find(|l| l["name"] == "Tall Zahrat al Ward")
}

#[test]
fn an_imported_village_is_resolved_with_its_coordinates_and_division() {
    let dir = tmp("import");
    let g = import(&dir);
    for (flag, env) in [(Some(g.as_path()), None), (None, Some(g.as_path()))] {
        let locs = locations(flag, env);
        let v = village(&locs).unwrap_or_else(|| panic!("village not resolved: {locs:?}"));
        assert_eq!(v["country"], "IRQ");
        assert_eq!(v["admin1"], "Nineveh");
        assert_eq!(v["lat"], 36.4127);
        assert_eq!(v["lon"], 43.02125);
        assert_eq!(v["geonameid"], 99100001);
        assert_eq!(v["precision"], "exact");
    }
    // without the file the village is unknown
    let locs = locations(None, None);
    assert!(village(&locs).is_none(), "{locs:?}");
}

#[test]
fn lookup_shows_imported_names_on_embedded_entries() {
    let dir = tmp("lookup");
    let g = import(&dir);
    let o = bin()
        .args([
            "gazetteer",
            "lookup",
            "Mosul Al Hadbaa",
            "Bara Wande",
            "--gazetteer",
        ])
        .arg(&g)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let rows: Vec<Value> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows[0]["geonameid"], 99072);
    assert_eq!(
        rows[0]["population"], 1683000,
        "the embedded record is kept"
    );
    assert_eq!(rows[1]["name"], "Bara Ouandé");
    assert_eq!(rows[1]["admin1"], "Mopti");
}

#[test]
fn strict_import_names_the_line_and_writes_nothing() {
    let dir = tmp("strict");
    let out = dir.join("g.bin");
    let o = bin()
        .args(["gazetteer", "import", "--strict"])
        .arg(fixture())
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("iraq-mali.txt:8: expected 19 tab-separated columns"),
        "{}",
        stderr(&o)
    );
    assert!(!out.exists());
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        0,
        "no temporary file left"
    );
}

#[test]
fn a_file_that_is_not_a_gazetteer_is_refused_by_name() {
    let dir = tmp("bad");
    let bad = dir.join("notes.bin");
    std::fs::write(&bad, "not a gazetteer").unwrap();
    let o = bin()
        .args(["extract", "-", "--gazetteer"])
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("notes.bin"), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("not a sitrep gazetteer"),
        "{}",
        stderr(&o)
    );
    // the import of a file that is not a GeoNames table fails and says why
    let o = bin()
        .args(["gazetteer", "import"])
        .arg(&bad)
        .arg("-o")
        .arg(dir.join("out.bin"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no GeoNames rows found"),
        "{}",
        stderr(&o)
    );
}
