//! GeoNames dumps (`allCountries.txt`, `IQ.txt`, ...) turned into a
//! gazetteer file of the compact format, for users who need villages.
//!
//! The input is the GeoNames "geoname" table: 19 tab-separated columns,
//! geonameid, name, asciiname, alternatenames (comma-separated), latitude,
//! longitude, feature class, feature code, country code (ISO2), cc2,
//! admin1 code, admin2..4 codes, population, elevation, dem, timezone,
//! modification date. It is read line by line (a 1.5 GB dump is never
//! held in memory); only the kept entries and their names are.
//!
//! Kept: populated places (feature class P, except historical and
//! abandoned ones: PPLH, PPLQ, PPLCH), first-level divisions (A.ADM1), and
//! the sites of [`SITE_CODES`] (airports and air bases, military and naval
//! bases, ports, dams, bridges, border and customs posts, power stations,
//! refineries, prisons, hospitals, refugee camps). Countries come from the
//! embedded gazetteer (ISO2 → ISO3), and admin1 codes are named through
//! its division table. Names: the name, the ASCII name and at most
//! [`MAX_ALT`] alternate names, chosen as `scripts/build_gazetteer.py`
//! chooses them for the embedded data (Latin script, no digits, no
//! 2–4-letter codes, at least one capital and three letters; ASCII ones
//! first, shortest first).

use super::Gazetteer;
use super::writer::{Entry, WriteError, Writer};
use sitrep_core::PlaceKind;
use sitrep_core::fold::fold_name;
use std::io::BufRead;

/// Alternate names kept per entry.
pub const MAX_ALT: usize = 12;

/// Feature codes of classes S and L kept as facilities.
pub const SITE_CODES: &[&str] = &[
    "AIRB", "AIRF", "AIRH", "AIRP", "BDG", "CMPRF", "CSTM", "DAM", "HSP", "INSM", "MILB", "NVB",
    "OILR", "PRN", "PRT", "PS", "PSN", "PSTB", "PSTC",
];

/// How to treat malformed lines.
#[derive(Clone, Copy, Debug, Default)]
pub struct ImportOptions {
    /// Stop at the first malformed line instead of skipping it.
    pub strict: bool,
}

/// A malformed line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadLine {
    /// Line number, from 1.
    pub line: u64,
    /// What is wrong with it.
    pub reason: String,
}

impl std::fmt::Display for BadLine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.reason)
    }
}

/// What an import read and kept.
#[derive(Clone, Debug, Default)]
pub struct ImportStats {
    /// Lines read.
    pub lines: u64,
    /// Populated places kept.
    pub places: u64,
    /// First-level divisions kept.
    pub divisions: u64,
    /// Sites kept.
    pub sites: u64,
    /// Kept entries the embedded gazetteer already has (same GeoNames id):
    /// they add their names to it.
    pub known: u64,
    /// Rows of other feature classes and codes.
    pub other_features: u64,
    /// Rows whose country code the embedded gazetteer does not know.
    pub unknown_country: u64,
    /// Malformed lines (skipped).
    pub malformed: u64,
    /// The first few malformed lines.
    pub first_malformed: Vec<BadLine>,
}

impl ImportStats {
    /// Entries kept.
    pub fn kept(&self) -> u64 {
        self.places + self.divisions + self.sites
    }
}

/// How far an import has got.
#[derive(Clone, Copy, Debug)]
pub struct Progress {
    /// Bytes read.
    pub bytes: u64,
    /// Lines read.
    pub lines: u64,
    /// Entries kept.
    pub kept: u64,
}

/// Why an import failed.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// A malformed line, in strict mode.
    #[error("{0}")]
    BadLine(BadLine),
    /// The input could not be read.
    #[error("read error after line {line}: {source}")]
    Io {
        /// Last line read.
        line: u64,
        /// The error.
        source: std::io::Error,
    },
    /// Nothing usable in the input.
    #[error("no GeoNames rows found in {lines} lines{}", first_bad(.first))]
    Empty {
        /// Lines read.
        lines: u64,
        /// The first malformed line, if any.
        first: Option<BadLine>,
    },
    /// Building the gazetteer failed.
    #[error(transparent)]
    Write(#[from] WriteError),
}

fn first_bad(b: &Option<BadLine>) -> String {
    b.as_ref()
        .map(|b| format!(" (first malformed: {b})"))
        .unwrap_or_default()
}

/// Number of malformed lines kept in [`ImportStats::first_malformed`].
const KEEP_BAD: usize = 10;

/// Reads a GeoNames table and returns the gazetteer of its kept rows (to
/// be written with [`Writer::finish`]) and what was read. `base` is the
/// gazetteer whose country and division tables name the codes (the
/// embedded one). `progress` is called every 100,000 lines.
pub fn import_geonames(
    mut input: impl BufRead,
    base: &Gazetteer,
    opts: ImportOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<(Writer, ImportStats), ImportError> {
    let mut w = Writer::new();
    let mut st = ImportStats::default();
    let mut buf = Vec::new();
    let mut bytes = 0u64;
    loop {
        buf.clear();
        let n = input
            .read_until(b'\n', &mut buf)
            .map_err(|source| ImportError::Io {
                line: st.lines,
                source,
            })?;
        if n == 0 {
            break;
        }
        bytes += n as u64;
        st.lines += 1;
        if st.lines % 100_000 == 0 {
            progress(Progress {
                bytes,
                lines: st.lines,
                kept: st.kept(),
            });
        }
        let line = buf.strip_suffix(b"\n").unwrap_or(&buf);
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.is_empty() || line.starts_with(b"#") {
            continue;
        }
        if let Err(reason) = import_line(line, base, &mut w, &mut st) {
            let bad = BadLine {
                line: st.lines,
                reason,
            };
            if opts.strict {
                return Err(ImportError::BadLine(bad));
            }
            st.malformed += 1;
            if st.first_malformed.len() < KEEP_BAD {
                st.first_malformed.push(bad);
            }
        }
    }
    progress(Progress {
        bytes,
        lines: st.lines,
        kept: st.kept(),
    });
    let well_formed = st.kept() + st.other_features + st.unknown_country;
    if well_formed == 0 {
        return Err(ImportError::Empty {
            lines: st.lines,
            first: st.first_malformed.first().cloned(),
        });
    }
    Ok((w, st))
}

/// One row: kept, counted as skipped, or Err(why it is malformed).
fn import_line(
    line: &[u8],
    base: &Gazetteer,
    w: &mut Writer,
    st: &mut ImportStats,
) -> Result<(), String> {
    let line = std::str::from_utf8(line)
        .map_err(|e| format!("not valid UTF-8 (byte {} of the line)", e.valid_up_to() + 1))?;
    let mut c = [""; 19];
    let mut n = 0;
    for f in line.split('\t') {
        if n < 19 {
            c[n] = f;
        }
        n += 1;
    }
    if n != 19 {
        return Err(format!("expected 19 tab-separated columns, found {n}"));
    }
    let gid: u32 = c[0]
        .parse()
        .map_err(|_| format!("geonameid {:?} is not a number", c[0]))?;
    let (class, code) = (c[6], c[7]);
    let kind = match class {
        "P" if !matches!(code, "PPLH" | "PPLQ" | "PPLCH") => PlaceKind::Locality,
        "A" if code == "ADM1" => PlaceKind::Admin1,
        "S" | "L" if SITE_CODES.contains(&code) => PlaceKind::Facility,
        _ => {
            st.other_features += 1;
            return Ok(());
        }
    };
    let name = clean(c[1]);
    if name.is_empty() {
        return Err("the name (column 2) is empty".into());
    }
    let coord = |i: usize, what: &str, max: f64| {
        c[i].trim()
            .parse::<f64>()
            .ok()
            .filter(|v| v.abs() <= max)
            .ok_or_else(|| format!("{what} {:?} is not a number in -{max}..{max}", c[i]))
    };
    let lat = coord(4, "latitude", 90.0)?;
    let lon = coord(5, "longitude", 180.0)?;
    let population: u64 = match c[14].trim() {
        "" => 0,
        p => p
            .parse()
            .map_err(|_| format!("population {p:?} is not a whole number"))?,
    };
    let Some(country) = base.country(base.iso3(c[8].trim()).unwrap_or("")) else {
        st.unknown_country += 1;
        return Ok(());
    };
    let code1 = c[10].trim();
    let admin1 = base.admin1_name(country.iso3, code1);
    let admin1 = match kind {
        PlaceKind::Admin1 => Some(admin1.unwrap_or(name.as_str())),
        _ => admin1,
    };
    let tz = Some(c[17].trim()).filter(|t| !t.is_empty()).or(country.tz);
    let idx = w
        .push(&Entry {
            name: &name,
            country: country.iso3,
            admin1,
            lat: Some(lat),
            lon: Some(lon),
            population,
            kind,
            tz,
            geonameid: Some(gid),
        })
        .map_err(|e| e.to_string())?;
    match kind {
        PlaceKind::Locality => st.places += 1,
        PlaceKind::Admin1 => st.divisions += 1,
        _ => st.sites += 1,
    }
    if base.by_geonameid(gid).is_some() {
        st.known += 1;
    }
    w.add_name(&name, idx);
    w.add_name(&clean(c[2]), idx);
    for a in alternates(&name, c[3]) {
        w.add_name(&a, idx);
    }
    Ok(())
}

/// One line, single spaces, no tabs or `|`.
fn clean(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '|')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The alternate names worth indexing, as `build_gazetteer.py` picks them:
/// usable ones, ASCII first, shortest first, at most [`MAX_ALT`] that fold
/// differently from the name and from each other.
fn alternates(name: &str, field: &str) -> Vec<String> {
    let mut good: Vec<String> = field
        .split(',')
        .map(clean)
        .filter(|a| usable_alt(a))
        .collect();
    good.sort_by_cached_key(|a| (!a.is_ascii(), a.chars().count(), a.clone()));
    let mut seen = vec![fold_name(name)];
    let mut out = Vec::new();
    for a in good {
        let k = fold_name(&a);
        if !k.is_empty() && !seen.contains(&k) {
            seen.push(k);
            out.push(a);
            if out.len() == MAX_ALT {
                break;
            }
        }
    }
    out
}

/// A letter of the Latin script (any diacritics), or a modifier letter.
fn is_latin_letter(c: char) -> bool {
    matches!(c as u32,
        0x41..=0x5a | 0x61..=0x7a | 0xaa | 0xba | 0xc0..=0x24f | 0x250..=0x2ff
        | 0x1d00..=0x1dbf | 0x1e00..=0x1eff | 0x2c60..=0x2c7f | 0xa720..=0xa7ff
        | 0xab30..=0xab6f | 0xff21..=0xff3a | 0xff41..=0xff5a)
}

/// A Latin-script alternate name worth matching in news text: no digits
/// (postal codes), not a 2–4-capital code (IATA/ICAO), at least one capital
/// (not a machine romanisation), 3 to 80 characters of letters.
fn usable_alt(s: &str) -> bool {
    if s.is_empty()
        || !s.chars().any(char::is_alphabetic)
        || s.chars().any(|c| c.is_alphabetic() && !is_latin_letter(c))
    {
        return false;
    }
    if s.chars().any(char::is_numeric) {
        return false;
    }
    if (2..=4).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_uppercase()) {
        return false;
    }
    if !s.chars().any(char::is_uppercase) {
        return false;
    }
    s.chars().count() <= 80 && s.chars().filter(|c| c.is_alphabetic()).count() >= 3
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alternates_are_chosen_like_the_build_script() {
        assert!(usable_alt("Tall Kayf"));
        assert!(usable_alt("Tall Kayf Ḩamad"));
        assert!(!usable_alt("BGW"));
        assert!(!usable_alt("تل كيف"));
        assert!(!usable_alt("alhdydh"));
        assert!(!usable_alt("Km 15"));
        assert!(!usable_alt("Ko"));
        let a = alternates(
            "Tall Kayf",
            "Tel Keppe,Tall Kayf,tal kef,TKF,Tall Kēf,Tel Kaif,تل كيف",
        );
        assert_eq!(a, ["Tel Kaif", "Tel Keppe", "Tall Kēf"]);
    }
}
