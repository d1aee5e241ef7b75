//! Writing the compact gazetteer format (see `format.rs`).
//!
//! Shared, via `#[path]`, with `build.rs`, so it uses only `std`,
//! `sitrep_core` and its sibling `format` module. Entries are pushed in
//! order (their position is their index), names are folded with
//! [`fold_name`] exactly as text is, and [`Writer::finish`] sorts the names,
//! builds the hash table and writes the sections.

use super::format::*;
use sitrep_core::PlaceKind;
use sitrep_core::fold::{fold_name, place_key};
use std::collections::{BTreeMap, HashMap};
use std::io::Write;

/// One entry to write.
#[derive(Clone, Copy, Debug)]
pub struct Entry<'a> {
    /// Main name.
    pub name: &'a str,
    /// ISO3 country.
    pub country: &'a str,
    /// First-level division name.
    pub admin1: Option<&'a str>,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// Population (0 when unknown).
    pub population: u64,
    /// What it is.
    pub kind: PlaceKind,
    /// IANA zone.
    pub tz: Option<&'a str>,
    /// GeoNames id.
    pub geonameid: Option<u32>,
}

/// Why a gazetteer could not be written.
#[derive(Debug)]
pub enum WriteError {
    /// A count or an offset does not fit the format's 32-bit fields.
    TooLarge(&'static str),
    /// The output could not be written.
    Io(std::io::Error),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::TooLarge(what) => {
                write!(f, "too much data for the gazetteer format: {what}")
            }
            WriteError::Io(e) => write!(f, "cannot write the gazetteer: {e}"),
        }
    }
}

impl std::error::Error for WriteError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WriteError::Io(e) => Some(e),
            WriteError::TooLarge(_) => None,
        }
    }
}

impl From<std::io::Error> for WriteError {
    fn from(e: std::io::Error) -> Self {
        WriteError::Io(e)
    }
}

/// A gazetteer being written.
#[derive(Default)]
pub struct Writer {
    records: Vec<u8>,
    n_entries: u32,
    strings: Vec<u8>,
    interned: HashMap<Box<str>, u32>,
    /// (offset in `name_bytes`, length, entry), in the order added.
    names: Vec<(u64, u32, u32)>,
    name_bytes: Vec<u8>,
    max_words: u32,
    /// ISO3 → (ISO2, name, tz, entry).
    countries: BTreeMap<String, (String, String, Option<String>, u32)>,
    /// (ISO3, code) → name.
    admin1: BTreeMap<(String, String), String>,
}

fn kind_code(k: PlaceKind) -> u8 {
    match k {
        PlaceKind::Country => K_COUNTRY,
        PlaceKind::Admin1 => K_ADMIN1,
        PlaceKind::Locality => K_LOCALITY,
        PlaceKind::Facility => K_FACILITY,
    }
}

fn too_large(n: usize, limit: u32, what: &'static str) -> Result<u32, WriteError> {
    u32::try_from(n)
        .ok()
        .filter(|&v| v < limit)
        .ok_or(WriteError::TooLarge(what))
}

impl Writer {
    /// An empty gazetteer.
    pub fn new() -> Writer {
        Writer::default()
    }

    /// Number of entries pushed so far.
    pub fn len(&self) -> u32 {
        self.n_entries
    }

    /// True when no entry was pushed.
    pub fn is_empty(&self) -> bool {
        self.n_entries == 0
    }

    /// A string stored once however often it is used (countries, divisions, zones).
    fn intern(&mut self, s: &str) -> Result<u32, WriteError> {
        if let Some(&r) = self.interned.get(s) {
            return Ok(r);
        }
        let r = self.push_str(s)?;
        self.interned.insert(s.into(), r);
        Ok(r)
    }

    fn push_str(&mut self, s: &str) -> Result<u32, WriteError> {
        let r = too_large(self.strings.len(), NONE, "more than 4 GiB of names")?;
        put_str(&mut self.strings, s.as_bytes());
        Ok(r)
    }

    /// Adds an entry; returns its index.
    pub fn push(&mut self, e: &Entry) -> Result<u32, WriteError> {
        let idx = self.n_entries;
        if idx >= LIST - 1 {
            return Err(WriteError::TooLarge("more than 2^31 entries"));
        }
        let name = self.push_str(e.name)?;
        let country = self.intern(e.country)?;
        let admin1 = match e.admin1 {
            Some(a) => self.intern(a)?,
            None => NONE,
        };
        let tz = match e.tz {
            Some(t) => self.intern(t)?,
            None => NONE,
        };
        let r = &mut self.records;
        for v in [name, country, admin1, tz] {
            r.extend_from_slice(&v.to_le_bytes());
        }
        r.extend_from_slice(&e.lat.unwrap_or(0.0).to_le_bytes());
        r.extend_from_slice(&e.lon.unwrap_or(0.0).to_le_bytes());
        r.extend_from_slice(&e.population.to_le_bytes());
        r.extend_from_slice(&e.geonameid.unwrap_or(0).to_le_bytes());
        let flags = if e.lat.is_some() { F_LAT } else { 0 }
            | if e.lon.is_some() { F_LON } else { 0 }
            | if e.geonameid.is_some() {
                F_GEONAMEID
            } else {
                0
            };
        r.extend_from_slice(&[kind_code(e.kind), flags, 0, 0]);
        self.n_entries += 1;
        Ok(idx)
    }

    /// Indexes `name` (folded with [`fold_name`], Arabic articles unified
    /// with [`place_key`]) for entry `idx`. Names
    /// that fold to fewer than two bytes are not indexed; a name given
    /// twice for one entry is indexed once.
    pub fn add_name(&mut self, name: &str, idx: u32) {
        let k = place_key(&fold_name(name)).into_owned();
        if k.len() < 2 {
            return;
        }
        let words = k.split(' ').count() as u32;
        self.max_words = self.max_words.max(words);
        self.names
            .push((self.name_bytes.len() as u64, k.len() as u32, idx));
        self.name_bytes.extend_from_slice(k.as_bytes());
    }

    /// Records a country: its ISO codes, name, zone and own entry. A second
    /// call for one ISO3 replaces the first.
    pub fn add_country(
        &mut self,
        iso2: &str,
        iso3: &str,
        name: &str,
        tz: Option<&str>,
        place: u32,
    ) {
        self.countries.insert(
            iso3.to_string(),
            (
                iso2.to_string(),
                name.to_string(),
                tz.map(str::to_string),
                place,
            ),
        );
    }

    /// Records the name of a first-level division code. A second call for
    /// one (ISO3, code) replaces the first.
    pub fn add_admin1(&mut self, iso3: &str, code: &str, name: &str) {
        self.admin1
            .insert((iso3.to_string(), code.to_string()), name.to_string());
    }

    /// Writes the gazetteer; returns the number of bytes written.
    pub fn finish(mut self, out: &mut dyn Write) -> Result<u64, WriteError> {
        // names: sorted by key, each key's entries in the order they were added
        let names = std::mem::take(&mut self.names);
        let name_bytes = std::mem::take(&mut self.name_bytes);
        let key_of = |&(off, len, _): &(u64, u32, u32)| {
            &name_bytes[off as usize..off as usize + len as usize]
        };
        let mut order: Vec<u32> =
            (0..too_large(names.len(), u32::MAX, "too many names")?).collect();
        // stable: equal keys keep the order they were added in
        order.sort_by(|&a, &b| key_of(&names[a as usize]).cmp(key_of(&names[b as usize])));
        let mut keys: Vec<u8> = Vec::new();
        let mut lists: Vec<u32> = Vec::new();
        // (hash, key offset, value) per distinct key
        let mut slots_in: Vec<(u64, u32, u32)> = Vec::new();
        let mut group: Vec<u32> = Vec::new();
        let mut in_group: std::collections::HashSet<u32> = Default::default();
        let mut i = 0;
        while i < order.len() {
            let key = key_of(&names[order[i] as usize]);
            group.clear();
            in_group.clear();
            while i < order.len() && key_of(&names[order[i] as usize]) == key {
                let e = names[order[i] as usize].2;
                // a linear scan while the list is short (nearly always)
                let new = if group.len() < 16 {
                    !group.contains(&e)
                } else {
                    if in_group.is_empty() {
                        in_group.extend(group.iter().copied());
                    }
                    in_group.insert(e)
                };
                if new {
                    group.push(e);
                }
                i += 1;
            }
            let value = if group.len() == 1 {
                group[0]
            } else {
                let at = too_large(lists.len(), LIST, "too many shared names")?;
                lists.push(group.len() as u32);
                lists.extend_from_slice(&group);
                LIST | at
            };
            let koff = too_large(keys.len(), NONE, "more than 4 GiB of names")?;
            put_str(&mut keys, key);
            slots_in.push((hash(key), koff, value));
        }
        drop(order);
        drop(names);
        drop(name_bytes);
        let n_keys = too_large(slots_in.len(), LIST, "too many names")?;
        // open addressing, linear probing, two-thirds full at most
        let slots = slots_for(slots_in.len());
        let slots_u32 = too_large(slots, u32::MAX, "too many names")?;
        let mut table = vec![0u8; slots * SLOT_LEN];
        for s in table.chunks_exact_mut(SLOT_LEN) {
            s[4..8].copy_from_slice(&NONE.to_le_bytes());
        }
        for &(h, koff, value) in &slots_in {
            let mut at = home(h, slots_u32);
            while u32_at(&table, at * SLOT_LEN + 4) != NONE {
                at = if at + 1 == slots { 0 } else { at + 1 };
            }
            let s = &mut table[at * SLOT_LEN..(at + 1) * SLOT_LEN];
            s[0..4].copy_from_slice(&tag(h).to_le_bytes());
            s[4..8].copy_from_slice(&koff.to_le_bytes());
            s[8..12].copy_from_slice(&value.to_le_bytes());
        }
        drop(slots_in);

        // countries, sorted by ISO3, and their order by ISO2
        let countries = std::mem::take(&mut self.countries);
        let mut crows = Vec::with_capacity(countries.len() * COUNTRY_LEN);
        let mut iso2s: Vec<(String, u32)> = Vec::new();
        for (n, (iso3, (iso2, name, tz, place))) in countries.iter().enumerate() {
            let refs = [
                self.intern(iso3)?,
                self.intern(iso2)?,
                self.intern(name)?,
                match tz {
                    Some(t) => self.intern(t)?,
                    None => NONE,
                },
                *place,
            ];
            for v in refs {
                crows.extend_from_slice(&v.to_le_bytes());
            }
            iso2s.push((iso2.clone(), n as u32));
        }
        iso2s.sort();
        let by_iso2: Vec<u8> = iso2s.iter().flat_map(|(_, n)| n.to_le_bytes()).collect();
        let admin1 = std::mem::take(&mut self.admin1);
        let mut arows = Vec::with_capacity(admin1.len() * ADMIN1_LEN);
        for ((iso3, code), name) in &admin1 {
            for v in [self.intern(iso3)?, self.intern(code)?, self.intern(name)?] {
                arows.extend_from_slice(&v.to_le_bytes());
            }
        }
        // geonameid → entry
        let mut gids: Vec<(u32, u32)> = (0..self.n_entries)
            .filter_map(|i| {
                let r = i as usize * RECORD_LEN;
                (self.records[r + 45] & F_GEONAMEID != 0)
                    .then(|| (u32_at(&self.records, r + 40), i))
            })
            .collect();
        gids.sort_unstable();
        let gid_bytes: Vec<u8> = gids
            .iter()
            .flat_map(|&(g, i)| {
                let mut b = [0u8; 8];
                b[..4].copy_from_slice(&g.to_le_bytes());
                b[4..].copy_from_slice(&i.to_le_bytes());
                b
            })
            .collect();
        let list_bytes: Vec<u8> = lists.iter().flat_map(|v| v.to_le_bytes()).collect();
        drop(lists);

        let sections: [&[u8]; SECTIONS] = [
            &self.records,
            &self.strings,
            &keys,
            &table,
            &list_bytes,
            &crows,
            &by_iso2,
            &arows,
            &gid_bytes,
        ];
        let mut header = Vec::with_capacity(HEADER_LEN);
        header.extend_from_slice(MAGIC);
        for v in [
            VERSION,
            self.n_entries,
            n_keys,
            self.max_words,
            slots_u32,
            countries.len() as u32,
            admin1.len() as u32,
        ] {
            header.extend_from_slice(&v.to_le_bytes());
        }
        let mut off = HEADER_LEN as u64;
        for s in sections {
            header.extend_from_slice(&off.to_le_bytes());
            header.extend_from_slice(&(s.len() as u64).to_le_bytes());
            off += s.len() as u64;
        }
        debug_assert_eq!(header.len(), HEADER_LEN);
        out.write_all(&header)?;
        for s in sections {
            out.write_all(s)?;
        }
        out.flush()?;
        Ok(off)
    }
}
