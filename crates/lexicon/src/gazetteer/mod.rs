//! The gazetteer: countries, first-level divisions, populated places and
//! named facilities, indexed by folded name.
//!
//! The default data, `data/geo/*.tsv` (GeoNames, CC BY 4.0, compiled by
//! `scripts/build_gazetteer.py`), is turned into a compact blob by
//! `build.rs` at compile time and read in place at run time (see the
//! `format` module): opening it costs microseconds, and only the pages a
//! lookup touches are ever read. Files made by `sitrep gazetteer import`
//! from a GeoNames dump have the same format and are added as further
//! layers ([`Gazetteer::add`]).
//!
//! Lookup is by exact folded name; the annotator proposes candidate names
//! and ranks what comes back.

mod format;
mod import;
mod tsv;
mod writer;

#[cfg(test)]
mod tests;

pub use import::{
    BadLine, ImportError, ImportOptions, ImportStats, MAX_ALT, Progress, SITE_CODES,
    import_geonames,
};
pub use tsv::{GeoTables, country_names, rows};
pub use writer::{Entry, WriteError, Writer};

use format::*;
use sitrep_core::PlaceKind;

/// Errors opening a gazetteer file.
#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    /// The bytes are not a gazetteer.
    #[error("not a sitrep gazetteer (the file does not start with \"SITREPGZ\")")]
    NotAGazetteer,
    /// Written by another version of the format.
    #[error(
        "gazetteer format version {found}; this sitrep reads version {expected} (import the GeoNames file again)"
    )]
    Version {
        /// Version in the file.
        found: u32,
        /// Version this code reads.
        expected: u32,
    },
    /// The header does not agree with the file.
    #[error("damaged gazetteer file: {0}")]
    Damaged(&'static str),
    /// Too many entries across layers.
    #[error("too many gazetteer entries across files (more than 2^32)")]
    TooManyEntries,
    /// Building a gazetteer failed.
    #[error(transparent)]
    Write(#[from] WriteError),
}

/// A gazetteer entry, read in place.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlaceRef<'a> {
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

/// Country facts the annotators need.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CountryRef<'a> {
    /// ISO3.
    pub iso3: &'a str,
    /// ISO2.
    pub iso2: &'a str,
    /// Name.
    pub name: &'a str,
    /// Main IANA zone.
    pub tz: Option<&'a str>,
    /// Index of the country's own entry.
    pub place: u32,
}

/// The bytes of one layer.
enum Bytes {
    Static(&'static [u8]),
    Owned(Box<dyn AsRef<[u8]> + Send + Sync>),
}

impl Bytes {
    fn get(&self) -> &[u8] {
        match self {
            Bytes::Static(b) => b,
            Bytes::Owned(b) => (**b).as_ref(),
        }
    }
}

/// One gazetteer file, read in place.
struct Layer {
    bytes: Bytes,
    /// Byte ranges of the sections.
    sections: [(usize, usize); SECTIONS],
    n_entries: u32,
    n_keys: u32,
    max_words: u32,
    slots: u32,
    n_countries: u32,
    n_admin1: u32,
    /// Global index of this layer's first entry.
    first: u32,
}

fn text(b: &[u8]) -> &str {
    std::str::from_utf8(b).unwrap_or("")
}

impl Layer {
    fn open(bytes: Bytes) -> Result<Layer, GazetteerError> {
        let b = bytes.get();
        if b.len() < HEADER_LEN || b[..8] != MAGIC[..] {
            return Err(GazetteerError::NotAGazetteer);
        }
        let word = |i: usize| u32_at(b, 8 + 4 * i);
        if word(0) != VERSION {
            return Err(GazetteerError::Version {
                found: word(0),
                expected: VERSION,
            });
        }
        let (n_entries, n_keys, max_words, slots, n_countries, n_admin1) =
            (word(1), word(2), word(3), word(4), word(5), word(6));
        let mut sections = [(0, 0); SECTIONS];
        for (i, s) in sections.iter_mut().enumerate() {
            let at = 8 + 4 * 7 + 16 * i;
            let (off, len) = (u64_at(b, at), u64_at(b, at + 8));
            let end = off
                .checked_add(len)
                .filter(|&e| e <= b.len() as u64 && off >= HEADER_LEN as u64)
                .ok_or(GazetteerError::Damaged(
                    "a section runs past the end of the file",
                ))?;
            *s = (off as usize, end as usize);
        }
        let len = |s: usize| sections[s].1 - sections[s].0;
        let expect = |ok: bool, what: &'static str| {
            if ok {
                Ok(())
            } else {
                Err(GazetteerError::Damaged(what))
            }
        };
        expect(n_entries < LIST, "too many entries")?;
        expect(
            len(S_RECORDS) == n_entries as usize * RECORD_LEN,
            "entry table size",
        )?;
        expect(n_keys < slots, "name index size")?;
        expect(len(S_TABLE) == slots as usize * SLOT_LEN, "name index size")?;
        expect(
            len(S_COUNTRIES) == n_countries as usize * COUNTRY_LEN
                && len(S_BY_ISO2) == n_countries as usize * 4,
            "country table size",
        )?;
        expect(
            len(S_ADMIN1) == n_admin1 as usize * ADMIN1_LEN,
            "division table size",
        )?;
        expect(
            len(S_GEONAMEIDS) % GEONAMEID_LEN == 0,
            "geonameid index size",
        )?;
        Ok(Layer {
            bytes,
            sections,
            n_entries,
            n_keys,
            max_words,
            slots,
            n_countries,
            n_admin1,
            first: 0,
        })
    }

    fn section(&self, s: usize) -> &[u8] {
        let (a, b) = self.sections[s];
        self.bytes.get().get(a..b).unwrap_or(&[])
    }

    fn string(&self, r: u32) -> Option<&str> {
        if r == NONE {
            return None;
        }
        get_str(self.section(S_STRINGS), r).map(text)
    }

    /// Local entries whose name folds to `key`, in the order they were indexed.
    fn lookup(&self, key: &[u8]) -> impl Iterator<Item = u32> + '_ {
        let value = self.find(key);
        let lists = self.section(S_LISTS);
        let (start, count) = match value {
            None => (0, 0),
            Some(v) if v & LIST == 0 => (usize::MAX, 1),
            Some(v) => {
                let at = (v & !LIST) as usize;
                let n = u32_at(lists, at * 4) as usize;
                // never past the end of the section, whatever the file says
                (at + 1, n.min((lists.len() / 4).saturating_sub(at + 1)))
            }
        };
        let n_entries = self.n_entries;
        (0..count)
            .map(move |i| match start {
                usize::MAX => value.unwrap_or(0),
                s => u32_at(lists, (s + i) * 4),
            })
            .filter(move |&e| e < n_entries)
    }

    fn find(&self, key: &[u8]) -> Option<u32> {
        let table = self.section(S_TABLE);
        let keys = self.section(S_KEYS);
        let h = hash(key);
        let tag = tag(h);
        let slots = self.slots as usize;
        let mut at = home(h, self.slots);
        for _ in 0..slots {
            let s = at * SLOT_LEN;
            let k = u32_at(table, s + 4);
            if k == NONE {
                return None;
            }
            if u32_at(table, s) == tag && get_str(keys, k) == Some(key) {
                return Some(u32_at(table, s + 8));
            }
            at = if at + 1 == slots { 0 } else { at + 1 };
        }
        None
    }

    fn place(&self, local: u32) -> PlaceRef<'_> {
        let r = &self.section(S_RECORDS)[local as usize * RECORD_LEN..][..RECORD_LEN];
        let f64_at = |at| f64::from_bits(u64_at(r, at));
        let flags = r[45];
        PlaceRef {
            name: self.string(u32_at(r, 0)).unwrap_or(""),
            country: self.string(u32_at(r, 4)).unwrap_or(""),
            admin1: self.string(u32_at(r, 8)),
            tz: self.string(u32_at(r, 12)),
            lat: (flags & F_LAT != 0).then(|| f64_at(16)),
            lon: (flags & F_LON != 0).then(|| f64_at(24)),
            population: u64_at(r, 32),
            geonameid: (flags & F_GEONAMEID != 0).then(|| u32_at(r, 40)),
            kind: match r[44] {
                K_COUNTRY => PlaceKind::Country,
                K_ADMIN1 => PlaceKind::Admin1,
                K_FACILITY => PlaceKind::Facility,
                _ => PlaceKind::Locality,
            },
        }
    }

    /// The GeoNames id of an entry, without decoding the rest.
    fn geonameid(&self, local: u32) -> Option<u32> {
        let r = self.section(S_RECORDS);
        let at = local as usize * RECORD_LEN;
        (r.get(at + 45).is_some_and(|f| f & F_GEONAMEID != 0)).then(|| u32_at(r, at + 40))
    }

    fn country_row(&self, i: u32) -> CountryRef<'_> {
        let c = self.section(S_COUNTRIES);
        let at = i as usize * COUNTRY_LEN;
        CountryRef {
            iso3: self.string(u32_at(c, at)).unwrap_or(""),
            iso2: self.string(u32_at(c, at + 4)).unwrap_or(""),
            name: self.string(u32_at(c, at + 8)).unwrap_or(""),
            tz: self.string(u32_at(c, at + 12)),
            place: self.first.saturating_add(u32_at(c, at + 16)),
        }
    }

    fn country(&self, iso3: &str) -> Option<CountryRef<'_>> {
        let i = partition(self.n_countries, |i| self.country_row(i).iso3 < iso3);
        (i < self.n_countries)
            .then(|| self.country_row(i))
            .filter(|c| c.iso3 == iso3)
    }

    fn by_iso2(&self, iso2: &str) -> Option<CountryRef<'_>> {
        let order = self.section(S_BY_ISO2);
        let row = |i: u32| self.country_row(u32_at(order, i as usize * 4));
        let i = partition(self.n_countries, |i| row(i).iso2 < iso2);
        (i < self.n_countries)
            .then(|| row(i))
            .filter(|c| c.iso2 == iso2)
    }

    fn admin1(&self, iso3: &str, code: &str) -> Option<&str> {
        let a = self.section(S_ADMIN1);
        let row = |i: u32| {
            let at = i as usize * ADMIN1_LEN;
            (
                self.string(u32_at(a, at)).unwrap_or(""),
                self.string(u32_at(a, at + 4)).unwrap_or(""),
                u32_at(a, at + 8),
            )
        };
        let i = partition(self.n_admin1, |i| {
            let (c, k, _) = row(i);
            (c, k) < (iso3, code)
        });
        let (c, k, name) = row(i);
        (i < self.n_admin1 && c == iso3 && k == code)
            .then(|| self.string(name))
            .flatten()
    }

    fn by_geonameid(&self, gid: u32) -> Option<u32> {
        let g = self.section(S_GEONAMEIDS);
        let n = (g.len() / GEONAMEID_LEN) as u32;
        let i = partition(n, |i| u32_at(g, i as usize * GEONAMEID_LEN) < gid);
        let at = i as usize * GEONAMEID_LEN;
        (i < n && u32_at(g, at) == gid)
            .then(|| u32_at(g, at + 4))
            .filter(|&e| e < self.n_entries)
    }
}

/// The first `i` in `0..n` for which `before(i)` is false (`before` is
/// true on a prefix).
fn partition(n: u32, before: impl Fn(u32) -> bool) -> u32 {
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if before(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// The gazetteer compiled into the binary by `build.rs`.
static EMBEDDED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/gazetteer.bin"));

/// The gazetteer: one or more layers read in place. Entry indices are
/// global: the first layer's entries come first, then the next layer's.
pub struct Gazetteer {
    layers: Vec<Layer>,
    len: u32,
    max_words: usize,
}

impl Default for Gazetteer {
    /// An empty gazetteer.
    fn default() -> Self {
        Gazetteer {
            layers: Vec::new(),
            len: 0,
            max_words: 0,
        }
    }
}

impl std::fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gazetteer")
            .field("layers", &self.layers.len())
            .field("entries", &self.len)
            .field("names", &self.names())
            .finish()
    }
}

impl Gazetteer {
    /// The gazetteer compiled into the binary (`data/geo`); opening it
    /// reads only its header.
    pub fn embedded() -> Gazetteer {
        Gazetteer::from_static(EMBEDDED).expect("the gazetteer compiled into sitrep is valid")
    }

    /// A gazetteer in static bytes (e.g. `include_bytes!`).
    pub fn from_static(bytes: &'static [u8]) -> Result<Gazetteer, GazetteerError> {
        Gazetteer::from_layer(Layer::open(Bytes::Static(bytes))?)
    }

    /// A gazetteer in bytes it keeps: a `Vec<u8>`, or a memory map of a
    /// file written by [`Writer::finish`]. Only the header is checked here;
    /// damage elsewhere gives wrong or missing places, never a panic.
    pub fn from_bytes(
        bytes: impl AsRef<[u8]> + Send + Sync + 'static,
    ) -> Result<Gazetteer, GazetteerError> {
        Gazetteer::from_layer(Layer::open(Bytes::Owned(Box::new(bytes)))?)
    }

    /// Builds a gazetteer from TSV tables (the format of `data/geo`) at run
    /// time, exactly as `build.rs` compiles the embedded one.
    pub fn from_tsv(tables: &GeoTables) -> Result<Gazetteer, GazetteerError> {
        let mut w = Writer::new();
        tsv::write_tables(tables, &mut w)?;
        let mut out = Vec::new();
        w.finish(&mut out)?;
        Gazetteer::from_bytes(out)
    }

    fn from_layer(l: Layer) -> Result<Gazetteer, GazetteerError> {
        Ok(Gazetteer {
            len: l.n_entries,
            max_words: l.max_words as usize,
            layers: vec![l],
        })
    }

    /// Adds the layers of `other` after this one's: its entries get indices
    /// after this gazetteer's, its names are looked up too, and an entry of
    /// `other` whose GeoNames id an earlier layer has stands for that
    /// earlier entry (its names are added to it; the earlier record wins).
    pub fn add(&mut self, other: Gazetteer) -> Result<(), GazetteerError> {
        for mut l in other.layers {
            l.first = self.len;
            self.len = self
                .len
                .checked_add(l.n_entries)
                .ok_or(GazetteerError::TooManyEntries)?;
            self.max_words = self.max_words.max(l.max_words as usize);
            self.layers.push(l);
        }
        Ok(())
    }

    /// Entries whose name folds to `key` (see [`sitrep_core::fold::fold_name`];
    /// Arabic articles are unified by [`sitrep_core::fold::place_key`]),
    /// each once, in the order they were indexed, earlier layers first.
    pub fn lookup(&self, key: &str) -> Vec<u32> {
        let key = sitrep_core::fold::place_key(key);
        let key: &str = &key;
        let mut out = Vec::new();
        for (li, l) in self.layers.iter().enumerate() {
            for e in l.lookup(key.as_bytes()) {
                let mut g = l.first + e;
                if li > 0 {
                    if let Some(earlier) = l
                        .geonameid(e)
                        .and_then(|gid| self.earlier_geonameid(li, gid))
                    {
                        g = earlier;
                    }
                    if out.contains(&g) {
                        continue;
                    }
                }
                out.push(g);
            }
        }
        out
    }

    /// The entry of `gid` in a layer before `li`, if any.
    fn earlier_geonameid(&self, li: usize, gid: u32) -> Option<u32> {
        self.layers[..li]
            .iter()
            .find_map(|l| l.by_geonameid(gid).map(|e| l.first + e))
    }

    fn layer_of(&self, idx: u32) -> Option<&Layer> {
        self.layers
            .iter()
            .rev()
            .find(|l| idx >= l.first)
            .filter(|l| idx - l.first < l.n_entries)
    }

    /// An entry, or None past the end.
    pub fn get(&self, idx: u32) -> Option<PlaceRef<'_>> {
        self.layer_of(idx).map(|l| l.place(idx - l.first))
    }

    /// An entry (an index [`Gazetteer::lookup`] returned).
    ///
    /// # Panics
    /// When `idx` is not an entry of this gazetteer.
    pub fn place(&self, idx: u32) -> PlaceRef<'_> {
        self.get(idx)
            .unwrap_or_else(|| panic!("gazetteer entry {idx} out of range ({})", self.len))
    }

    /// The entry with this GeoNames id (the earliest layer's).
    pub fn by_geonameid(&self, gid: u32) -> Option<u32> {
        self.earlier_geonameid(self.layers.len(), gid)
    }

    /// The country with this ISO3 code.
    pub fn country(&self, iso3: &str) -> Option<CountryRef<'_>> {
        self.layers.iter().find_map(|l| l.country(iso3))
    }

    /// ISO3 for an ISO2 code.
    pub fn iso3(&self, iso2: &str) -> Option<&str> {
        self.layers
            .iter()
            .find_map(|l| l.by_iso2(iso2))
            .map(|c| c.iso3)
    }

    /// All countries, by ISO3 (of the first layer that has any).
    pub fn countries(&self) -> impl Iterator<Item = CountryRef<'_>> + '_ {
        let l = self.layers.iter().find(|l| l.n_countries > 0);
        let n = l.map_or(0, |l| l.n_countries);
        (0..n).filter_map(move |i| l.map(|l| l.country_row(i)))
    }

    /// Name of first-level division `code` of a country (GeoNames admin1 code).
    pub fn admin1_name(&self, iso3: &str, code: &str) -> Option<&str> {
        self.layers.iter().find_map(|l| l.admin1(iso3, code))
    }

    /// Longest indexed name, in words.
    pub fn max_words(&self) -> usize {
        self.max_words
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.len as usize
    }

    /// True when there are no entries.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Number of names indexed (summed over layers).
    pub fn names(&self) -> usize {
        self.layers.iter().map(|l| l.n_keys as usize).sum()
    }
}
