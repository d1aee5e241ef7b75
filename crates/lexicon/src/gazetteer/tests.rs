use super::format::{HEADER_LEN, VERSION};
use super::*;
use sitrep_core::fold::fold_name;

fn small() -> Vec<u8> {
    let mut w = Writer::new();
    let e = |name, country, kind| Entry {
        name,
        country,
        admin1: None,
        lat: None,
        lon: None,
        population: 0,
        kind,
        tz: None,
        geonameid: None,
    };
    let irq = w
        .push(&Entry {
            tz: Some("Asia/Baghdad"),
            geonameid: Some(99237),
            population: 40_000_000,
            ..e("Iraq", "IRQ", PlaceKind::Country)
        })
        .unwrap();
    w.add_country("IQ", "IRQ", "Iraq", Some("Asia/Baghdad"), irq);
    w.add_name("Iraq", irq);
    w.add_name("Republic of Iraq", irq);
    w.add_admin1("IRQ", "15", "Nineveh");
    let a = w
        .push(&Entry {
            admin1: Some("Nineveh"),
            lat: Some(36.335),
            lon: Some(-43.11889),
            population: 1_683_000,
            geonameid: Some(99072),
            tz: Some("Asia/Baghdad"),
            ..e("Mosul", "IRQ", PlaceKind::Locality)
        })
        .unwrap();
    let b = w.push(&e("Mosul Dam", "IRQ", PlaceKind::Facility)).unwrap();
    w.add_name("Mosul", a);
    w.add_name("Al-Mawṣil", a);
    w.add_name("Mosul", b);
    w.add_name("MOSUL", a); // same key, same entry: once
    w.add_name("Mosul Dam", b);
    w.add_name("M", b); // too short to index
    let mut out = Vec::new();
    w.finish(&mut out).unwrap();
    out
}

#[test]
fn written_and_read_back() {
    let g = Gazetteer::from_bytes(small()).unwrap();
    assert_eq!(g.len(), 3);
    assert_eq!(g.names(), 5);
    assert_eq!(g.max_words(), 3);
    assert_eq!(g.lookup("mosul"), [1, 2]);
    assert_eq!(g.lookup(&fold_name("Al-Mawṣil")), [1]);
    assert_eq!(g.lookup("mosul dam"), [2]);
    assert!(g.lookup("m").is_empty());
    assert!(g.lookup("baghdad").is_empty());
    let p = g.place(1);
    assert_eq!(
        p,
        PlaceRef {
            name: "Mosul",
            country: "IRQ",
            admin1: Some("Nineveh"),
            lat: Some(36.335),
            lon: Some(-43.11889),
            population: 1_683_000,
            kind: PlaceKind::Locality,
            tz: Some("Asia/Baghdad"),
            geonameid: Some(99072),
        }
    );
    let d = g.place(2);
    assert_eq!(
        (d.kind, d.lat, d.admin1, d.geonameid),
        (PlaceKind::Facility, None, None, None)
    );
    assert!(g.get(3).is_none());
    let c = g.country("IRQ").unwrap();
    assert_eq!(
        (c.iso2, c.name, c.tz, c.place),
        ("IQ", "Iraq", Some("Asia/Baghdad"), 0)
    );
    assert!(g.country("IRN").is_none());
    assert_eq!(g.iso3("IQ"), Some("IRQ"));
    assert_eq!(g.iso3("IR"), None);
    assert_eq!(g.admin1_name("IRQ", "15"), Some("Nineveh"));
    assert_eq!(g.admin1_name("IRQ", "16"), None);
    assert_eq!(g.by_geonameid(99072), Some(1));
    assert_eq!(g.countries().count(), 1);
}

#[test]
fn an_empty_gazetteer_is_valid() {
    let mut out = Vec::new();
    Writer::new().finish(&mut out).unwrap();
    let g = Gazetteer::from_bytes(out).unwrap();
    assert!(g.is_empty());
    assert!(g.lookup("mosul").is_empty());
    assert!(g.country("IRQ").is_none());
    assert_eq!(g.countries().count(), 0);
}

#[test]
fn damaged_files_are_refused_or_read_without_panic() {
    assert!(matches!(
        Gazetteer::from_bytes(b"hello".to_vec()),
        Err(GazetteerError::NotAGazetteer)
    ));
    let good = small();
    let mut v = good.clone();
    v[8..12].copy_from_slice(&(VERSION + 1).to_le_bytes());
    assert!(matches!(
        Gazetteer::from_bytes(v),
        Err(GazetteerError::Version { .. })
    ));
    assert!(matches!(
        Gazetteer::from_bytes(good[..good.len() - 1].to_vec()),
        Err(GazetteerError::Damaged(_))
    ));
    // every byte flipped in turn: refused, or read with wrong answers, never a panic
    for i in 0..good.len() {
        for flip in [0x01, 0x80, 0xff] {
            let mut v = good.clone();
            v[i] ^= flip;
            if let Ok(g) = Gazetteer::from_bytes(v) {
                for k in ["mosul", "iraq", "mosul dam", "al mawsil", "x"] {
                    for e in g.lookup(k) {
                        let _ = g.place(e);
                    }
                }
                let _ = (g.country("IRQ"), g.iso3("IQ"), g.admin1_name("IRQ", "15"));
                let _ = g.countries().count();
                let _ = g.by_geonameid(99072);
            }
        }
    }
    assert!(HEADER_LEN < good.len());
}

#[test]
fn the_embedded_gazetteer_is_the_tsv_tables() {
    let g = Gazetteer::embedded();
    assert!(g.len() > 200_000 && g.names() > 400_000, "{g:?}");
    let mosul: Vec<PlaceRef> = g.lookup("mosul").into_iter().map(|i| g.place(i)).collect();
    let m = mosul
        .iter()
        .find(|p| p.geonameid == Some(99072))
        .expect("Mosul");
    assert_eq!(
        (m.country, m.admin1, m.lat, m.lon, m.kind),
        (
            "IRQ",
            Some("Nineveh"),
            Some(36.335),
            Some(43.11889),
            PlaceKind::Locality
        )
    );
    let iraq = g.country("IRQ").unwrap();
    assert_eq!((iraq.iso2, iraq.tz), ("IQ", Some("Asia/Baghdad")));
    assert_eq!(g.lookup("iraq")[0], iraq.place);
    assert_eq!(g.place(iraq.place).kind, PlaceKind::Country);
    assert_eq!(g.iso3("ML"), Some("MLI"));
    assert_eq!(g.admin1_name("MLI", "09"), Some("Gao"));
}

/// build.rs and [`Gazetteer::from_tsv`] run the same code: the blob in the
/// binary is what the TSV files give, byte for byte (so the writer is
/// deterministic, and the build script is not stale).
#[test]
fn build_rs_output_equals_a_run_time_build() {
    macro_rules! data {
        ($p:literal) => {
            include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/", $p))
        };
    }
    let tables = GeoTables {
        countries: data!("geo/countries.tsv"),
        admin1: data!("geo/admin1.tsv"),
        places: data!("geo/places.tsv"),
        facilities: data!("geo/facilities.tsv"),
        actor_countries: data!("actors/countries.tsv"),
    };
    let mut w = Writer::new();
    tsv::write_tables(&tables, &mut w).unwrap();
    let mut out = Vec::new();
    w.finish(&mut out).unwrap();
    assert!(
        out == EMBEDDED,
        "build.rs output differs from a run-time build"
    );
}

const FIXTURE: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/geonames/iraq-mali.txt"
));

fn import(text: &str, strict: bool) -> Result<(Gazetteer, ImportStats), ImportError> {
    let base = Gazetteer::embedded();
    let mut calls = 0;
    let (w, st) = import_geonames(
        text.as_bytes(),
        &base,
        ImportOptions { strict },
        &mut |_| calls += 1,
    )?;
    assert!(calls >= 1, "progress is reported at least at the end");
    let mut out = Vec::new();
    w.finish(&mut out).unwrap();
    let mut g = base;
    g.add(Gazetteer::from_bytes(out).unwrap()).unwrap();
    Ok((g, st))
}

#[test]
fn a_geonames_file_adds_villages_and_names() {
    let (g, st) = import(FIXTURE, false).unwrap();
    assert_eq!(st.lines, 12);
    assert_eq!((st.places, st.divisions, st.sites, st.known), (6, 0, 1, 1));
    assert_eq!(
        (st.other_features, st.unknown_country, st.malformed),
        (2, 1, 2)
    );
    let lines: Vec<u64> = st.first_malformed.iter().map(|b| b.line).collect();
    assert_eq!(lines, [8, 9]);
    assert!(
        st.first_malformed[0]
            .reason
            .contains("19 tab-separated columns, found 7")
    );
    assert!(st.first_malformed[1].reason.contains("latitude \"n/a\""));

    let base_len = Gazetteer::embedded().len() as u32;
    let v = g.lookup(&fold_name("Tel Zahrat al-Ward"));
    assert_eq!(v.len(), 1);
    assert!(v[0] >= base_len);
    let p = g.place(v[0]);
    assert_eq!(
        (p.name, p.country, p.admin1, p.lat, p.lon, p.geonameid, p.tz),
        (
            "Tall Zahrat al Ward",
            "IRQ",
            Some("Nineveh"),
            Some(36.4127),
            Some(43.02125),
            Some(99100001),
            Some("Asia/Baghdad")
        )
    );
    // alternates: no codes, no lower-case romanisations, no other scripts
    assert!(g.lookup("tzw").is_empty());
    assert!(g.lookup("tall zahrat").is_empty());
    let p = g.place(g.lookup("bara wande")[0]);
    assert_eq!(
        (p.name, p.country, p.admin1, p.population),
        ("Bara Ouandé", "MLI", Some("Mopti"), 1200)
    );
    let p = g.place(g.lookup("zahrat airstrip")[0]);
    assert_eq!(p.kind, PlaceKind::Facility);
    // not kept: the wadi, the historical place, the unknown country
    for k in [
        "wadi zahrat al ward",
        "khirbat qadimah",
        "nowhere kouna",
        "tinakawat nord",
    ] {
        assert!(g.lookup(k).is_empty(), "{k}");
    }
    // a row the embedded gazetteer has: its names find the embedded entry, once
    let mosul = Gazetteer::embedded().by_geonameid(99072).unwrap();
    assert_eq!(g.lookup("mosul al hadbaa"), [mosul]);
    assert_eq!(g.lookup("mosul"), Gazetteer::embedded().lookup("mosul"));
    assert_eq!(g.place(mosul).population, 1_683_000);
}

#[test]
fn strict_imports_stop_at_the_first_bad_line() {
    match import(FIXTURE, true) {
        Err(ImportError::BadLine(b)) => assert_eq!(b.line, 8),
        Err(e) => panic!("{e}"),
        Ok(_) => panic!("a malformed line passed in strict mode"),
    }
}

#[test]
fn a_file_that_is_not_geonames_is_an_error() {
    match import("name,lat,lon\nMosul,36.3,43.1\n", false) {
        Err(e @ ImportError::Empty { .. }) => {
            assert!(e.to_string().contains("line 1: expected 19"), "{e}")
        }
        Err(e) => panic!("{e}"),
        Ok(_) => panic!("a CSV file imported"),
    }
}
