//! The gazetteer tables of `data/geo/*.tsv` (with the country names of
//! `data/actors/countries.tsv`) turned into a [`Writer`]'s entries.
//!
//! `build.rs` runs this at compile time for the embedded gazetteer;
//! [`crate::Gazetteer::from_tsv`] runs it at run time for other tables.
//! Shared with `build.rs` via `#[path]`: only `std`, `sitrep_core` and
//! the sibling `writer` module.

use super::writer::{Entry, WriteError, Writer};
use sitrep_core::PlaceKind;
use std::collections::HashMap;

/// The text of the gazetteer tables.
#[derive(Clone, Copy, Debug)]
pub struct GeoTables<'a> {
    /// `geo/countries.tsv`
    pub countries: &'a str,
    /// `geo/admin1.tsv`
    pub admin1: &'a str,
    /// `geo/places.tsv`
    pub places: &'a str,
    /// `geo/facilities.tsv`
    pub facilities: &'a str,
    /// `actors/countries.tsv` (canonical country names and aliases)
    pub actor_countries: &'a str,
}

/// One data file's rows: fields split on tabs, comments and blank lines skipped.
pub fn rows(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect())
}

/// Canonical country names by ISO3: the first `name` row of each country
/// in `actors/countries.tsv`.
pub fn country_names(actor_countries: &str) -> HashMap<String, String> {
    let mut names = HashMap::new();
    for r in rows(actor_countries).filter(|r| r.len() >= 3 && r[2] == "name") {
        names
            .entry(r[0].to_string())
            .or_insert_with(|| r[1].to_string());
    }
    names
}

fn f64_of(s: Option<&&str>) -> Option<f64> {
    s.and_then(|x| x.trim().parse().ok())
}

fn non_empty<'a>(s: Option<&&'a str>) -> Option<&'a str> {
    s.copied().filter(|s| !s.is_empty())
}

/// Writes the entries and names of the tables: countries, then
/// first-level divisions, populated places and facilities, each in file
/// order (an entry's index is its position in that sequence).
pub fn write_tables(t: &GeoTables, w: &mut Writer) -> Result<(), WriteError> {
    let country_names = country_names(t.actor_countries);
    // ISO3 → (entry, tz), as the later tables need them
    let mut countries: HashMap<String, (u32, Option<String>)> = HashMap::new();
    for r in rows(t.countries).filter(|r| r.len() >= 3) {
        let iso3 = r[1];
        let name = country_names.get(iso3).map_or(r[2], String::as_str);
        let tz = non_empty(r.get(8));
        let idx = w.push(&Entry {
            name,
            country: iso3,
            admin1: None,
            lat: None,
            lon: None,
            population: r.get(4).and_then(|p| p.parse().ok()).unwrap_or(0),
            kind: PlaceKind::Country,
            tz,
            geonameid: r.get(7).and_then(|p| p.parse().ok()),
        })?;
        w.add_country(r[0], iso3, name, tz, idx);
        countries.insert(iso3.to_string(), (idx, tz.map(str::to_string)));
        w.add_name(name, idx);
        w.add_name(r[2], idx);
    }
    // country aliases (names and short forms, not demonyms or capitals)
    for r in rows(t.actor_countries).filter(|r| r.len() >= 3) {
        if (r[2] == "name" || r[2] == "short")
            && let Some(&(idx, _)) = countries.get(r[0])
            && !(r[1].len() <= 3 && r[1].chars().all(|c| c.is_ascii_uppercase() || c == '.'))
        {
            w.add_name(r[1], idx);
        }
    }
    let mut admin1: HashMap<(&str, &str), &str> = HashMap::new();
    for r in rows(t.admin1).filter(|r| r.len() >= 3) {
        let iso3 = r[0];
        admin1.insert((iso3, r[1]), r[2]);
        w.add_admin1(iso3, r[1], r[2]);
        let idx = w.push(&Entry {
            name: r[2],
            country: iso3,
            admin1: Some(r[2]),
            lat: f64_of(r.get(6)),
            lon: f64_of(r.get(7)),
            population: 0,
            kind: PlaceKind::Admin1,
            tz: non_empty(r.get(8)),
            geonameid: r.get(5).and_then(|p| p.parse().ok()),
        })?;
        w.add_name(r[2], idx);
        if let Some(a) = r.get(3) {
            w.add_name(a, idx);
        }
        if let Some(alts) = r.get(4) {
            for a in alts.split('|') {
                w.add_name(a, idx);
            }
        }
    }
    for r in rows(t.places).filter(|r| r.len() >= 9) {
        let idx = w.push(&Entry {
            name: r[1],
            country: r[2],
            admin1: admin1.get(&(r[2], r[3])).copied(),
            lat: f64_of(r.get(4)),
            lon: f64_of(r.get(5)),
            population: r[6].parse().unwrap_or(0),
            kind: PlaceKind::Locality,
            tz: non_empty(r.get(8)),
            geonameid: r[0].parse().ok(),
        })?;
        w.add_name(r[1], idx);
        if let Some(alts) = r.get(9) {
            for a in alts.split('|') {
                w.add_name(a, idx);
            }
        }
    }
    for r in rows(t.facilities).filter(|r| r.len() >= 2) {
        let tz = countries.get(r[1]).and_then(|c| c.1.clone());
        let idx = w.push(&Entry {
            name: r[0],
            country: r[1],
            admin1: non_empty(r.get(2)),
            lat: f64_of(r.get(4)),
            lon: f64_of(r.get(5)),
            population: 0,
            kind: PlaceKind::Facility,
            tz: tz.as_deref(),
            geonameid: None,
        })?;
        w.add_name(r[0], idx);
        if let Some(al) = r.get(6) {
            for a in al.split('|') {
                w.add_name(a, idx);
            }
        }
    }
    Ok(())
}
