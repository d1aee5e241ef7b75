//! The gazetteer: countries, first-level divisions, populated places and
//! named facilities, indexed by folded name.
//!
//! Built from `data/geo/*.tsv` (GeoNames, CC BY 4.0, compiled by
//! `scripts/build_gazetteer.py`). Lookup is by exact folded name; the
//! annotator proposes candidate names and ranks what comes back.

use crate::{DataFiles, rows};
use rustc_hash::FxHashMap as HashMap;
use sitrep_core::PlaceKind;
use sitrep_core::fold::fold_name;

/// Marks an index slot that points into `Gazetteer::shared`.
const SHARED: u32 = 1 << 31;

/// A gazetteer entry.
#[derive(Clone, Debug)]
pub struct Place {
    /// Main name.
    pub name: String,
    /// ISO3 country.
    pub country: String,
    /// First-level division name.
    pub admin1: Option<String>,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// Population (0 when unknown).
    pub population: u64,
    /// What it is.
    pub kind: PlaceKind,
    /// IANA zone.
    pub tz: Option<String>,
    /// GeoNames id.
    pub geonameid: Option<u32>,
}

/// Country facts the annotators need.
#[derive(Clone, Debug)]
pub struct CountryInfo {
    /// ISO2.
    pub iso2: String,
    /// Name.
    pub name: String,
    /// Main IANA zone.
    pub tz: Option<String>,
    /// Index of the country's own entry in [`Gazetteer::places`].
    pub place: u32,
}

/// The gazetteer and its name index.
#[derive(Default)]
pub struct Gazetteer {
    /// All entries.
    pub places: Vec<Place>,
    /// Folded name → the entry, or (high bit set) a list in `shared`.
    index: HashMap<Box<str>, u32>,
    /// Entry lists of names several entries share.
    shared: Vec<Vec<u32>>,
    /// ISO3 → country.
    pub countries: HashMap<String, CountryInfo>,
    /// ISO2 → ISO3.
    iso2: HashMap<String, String>,
    /// (ISO3, admin1 code) → admin1 name.
    admin1: HashMap<String, HashMap<String, String>>,
    /// Longest indexed name, in words.
    pub max_words: usize,
}

fn f64_of(s: Option<&&str>) -> Option<f64> {
    s.and_then(|x| x.trim().parse().ok())
}

impl Gazetteer {
    /// Builds the gazetteer from the data files.
    pub fn build(
        f: &DataFiles,
        country_names: &std::collections::HashMap<String, String>,
    ) -> Gazetteer {
        let mut g = Gazetteer::default();
        // about two names per place
        let n_rows = f.geo_places.len() / 85;
        g.index.reserve(n_rows * 2);
        g.places.reserve(n_rows);
        for r in rows(f.geo_countries).filter(|r| r.len() >= 3) {
            let iso3 = r[1].to_string();
            let name = country_names
                .get(&iso3)
                .cloned()
                .unwrap_or_else(|| r[2].to_string());
            let idx = g.places.len() as u32;
            g.places.push(Place {
                name: name.clone(),
                country: iso3.clone(),
                admin1: None,
                lat: None,
                lon: None,
                population: r.get(4).and_then(|p| p.parse().ok()).unwrap_or(0),
                kind: PlaceKind::Country,
                tz: r.get(8).map(|s| s.to_string()).filter(|s| !s.is_empty()),
                geonameid: r.get(7).and_then(|p| p.parse().ok()),
            });
            g.iso2.insert(r[0].to_string(), iso3.clone());
            g.countries.insert(
                iso3.clone(),
                CountryInfo {
                    iso2: r[0].to_string(),
                    name: name.clone(),
                    tz: g.places[idx as usize].tz.clone(),
                    place: idx,
                },
            );
            g.add_name(&name, idx);
            g.add_name(r[2], idx);
        }
        // country aliases (names and short forms, not demonyms or capitals)
        for r in rows(f.actor_countries).filter(|r| r.len() >= 3) {
            if (r[2] == "name" || r[2] == "short")
                && let Some(c) = g.countries.get(r[0])
            {
                let idx = c.place;
                if !(r[1].len() <= 3 && r[1].chars().all(|c| c.is_ascii_uppercase() || c == '.')) {
                    g.add_name(r[1], idx);
                }
            }
        }
        for r in rows(f.geo_admin1).filter(|r| r.len() >= 3) {
            let iso3 = r[0].to_string();
            let idx = g.places.len() as u32;
            g.admin1
                .entry(iso3.clone())
                .or_default()
                .insert(r[1].to_string(), r[2].to_string());
            g.places.push(Place {
                name: r[2].to_string(),
                country: iso3,
                admin1: Some(r[2].to_string()),
                lat: f64_of(r.get(6)),
                lon: f64_of(r.get(7)),
                population: 0,
                kind: PlaceKind::Admin1,
                tz: r.get(8).map(|s| s.to_string()).filter(|s| !s.is_empty()),
                geonameid: r.get(5).and_then(|p| p.parse().ok()),
            });
            g.add_name(r[2], idx);
            if let Some(a) = r.get(3) {
                g.add_name(a, idx);
            }
            if let Some(alts) = r.get(4) {
                for a in alts.split('|') {
                    g.add_name(a, idx);
                }
            }
        }
        for r in rows(f.geo_places).filter(|r| r.len() >= 9) {
            let iso3 = r[2].to_string();
            let admin1 = g
                .admin1
                .get(iso3.as_str())
                .and_then(|m| m.get(r[3]))
                .cloned();
            let idx = g.places.len() as u32;
            g.places.push(Place {
                name: r[1].to_string(),
                country: iso3,
                admin1,
                lat: f64_of(r.get(4)),
                lon: f64_of(r.get(5)),
                population: r[6].parse().unwrap_or(0),
                kind: PlaceKind::Locality,
                tz: Some(r[8].to_string()).filter(|s| !s.is_empty()),
                geonameid: r[0].parse().ok(),
            });
            g.add_name(r[1], idx);
            if let Some(alts) = r.get(9) {
                for a in alts.split('|') {
                    g.add_name(a, idx);
                }
            }
        }
        for r in rows(f.geo_facilities).filter(|r| r.len() >= 2) {
            let idx = g.places.len() as u32;
            let iso3 = r[1].to_string();
            let tz = g.countries.get(&iso3).and_then(|c| c.tz.clone());
            g.places.push(Place {
                name: r[0].to_string(),
                country: iso3,
                admin1: r.get(2).map(|s| s.to_string()).filter(|s| !s.is_empty()),
                lat: f64_of(r.get(4)),
                lon: f64_of(r.get(5)),
                population: 0,
                kind: PlaceKind::Facility,
                tz,
                geonameid: None,
            });
            g.add_name(r[0], idx);
            if let Some(al) = r.get(6) {
                for a in al.split('|') {
                    g.add_name(a, idx);
                }
            }
        }
        g
    }

    fn add_name(&mut self, name: &str, idx: u32) {
        let k = fold_name(name);
        if k.is_empty() || k.len() < 2 {
            return;
        }
        let words = k.split(' ').count();
        self.max_words = self.max_words.max(words);
        match self.index.get_mut(k.as_str()) {
            None => {
                self.index.insert(k.into_boxed_str(), idx);
            }
            Some(slot) if *slot & SHARED != 0 => {
                let v = &mut self.shared[(*slot & !SHARED) as usize];
                if !v.contains(&idx) {
                    v.push(idx);
                }
            }
            Some(slot) if *slot != idx => {
                self.shared.push(vec![*slot, idx]);
                *slot = SHARED | (self.shared.len() as u32 - 1);
            }
            Some(_) => {}
        }
    }

    /// Entries whose name folds to `key`.
    pub fn lookup(&self, key: &str) -> &[u32] {
        match self.index.get(key) {
            None => &[],
            Some(slot) if *slot & SHARED != 0 => &self.shared[(*slot & !SHARED) as usize],
            Some(slot) => std::slice::from_ref(slot),
        }
    }

    /// An entry.
    pub fn place(&self, idx: u32) -> &Place {
        &self.places[idx as usize]
    }

    /// The country entry for an ISO3 code.
    pub fn country(&self, iso3: &str) -> Option<&CountryInfo> {
        self.countries.get(iso3)
    }

    /// ISO3 for an ISO2 code.
    pub fn iso3(&self, iso2: &str) -> Option<&str> {
        self.iso2.get(iso2).map(String::as_str)
    }

    /// Number of names indexed.
    pub fn names(&self) -> usize {
        self.index.len()
    }
}
