//! The compact gazetteer format: one little-endian blob, read in place.
//!
//! The same format is compiled into the binary by `build.rs` (from
//! `data/geo/*.tsv`) and written by `sitrep gazetteer import` (from a
//! GeoNames dump). Nothing is decoded up front: a lookup hashes the folded
//! name, probes one table slot or a few, and reads the fixed-size records
//! it points at, so opening costs a header check and pages that are never
//! looked at are never read from disk.
//!
//! ```text
//! header     HEADER_LEN bytes: magic, version, counts, SECTIONS × (offset u64, length u64)
//! records    n_entries × RECORD_LEN: name, country, admin1, tz (string refs),
//!            lat f64, lon f64, population u64, geonameid u32, kind u8, flags u8, 2 pad
//! strings    interned strings, each a LEB128 length then UTF-8 bytes; a ref is an offset
//! keys       folded names, same encoding, each once
//! table      slots × SLOT_LEN: tag u32 (low hash bits), key ref u32 (NONE = free), value u32;
//!            the home slot of a key is `home(hash, slots)`, then linear probing, wrapping
//! lists      u32 runs `count, entry, entry, ...`; a value with LIST set points at one
//!            (offset in u32 units); otherwise the value is the single entry
//! countries  n_countries × COUNTRY_LEN: iso3, iso2, name, tz refs, place u32; sorted by iso3
//! by_iso2    n_countries × u32: country rows in ISO2 order
//! admin1     n_admin1 × ADMIN1_LEN: iso3, code, name refs; sorted by (iso3, code)
//! geonameids n × 8: (geonameid u32, entry u32), sorted
//! ```
//!
//! This module is shared, via `#[path]`, with `build.rs`: it uses nothing
//! but `std`.

/// First bytes of every gazetteer file.
pub const MAGIC: &[u8; 8] = b"SITREPGZ";
/// Format version; readers refuse others.
pub const VERSION: u32 = 1;
/// Section count.
pub const SECTIONS: usize = 9;
/// Header length: magic, version, six counts, then the section table.
pub const HEADER_LEN: usize = 8 + 4 + 6 * 4 + SECTIONS * 16;
/// Section numbers.
pub const S_RECORDS: usize = 0;
/// String arena.
pub const S_STRINGS: usize = 1;
/// Key arena.
pub const S_KEYS: usize = 2;
/// Hash table.
pub const S_TABLE: usize = 3;
/// Shared entry lists.
pub const S_LISTS: usize = 4;
/// Country rows.
pub const S_COUNTRIES: usize = 5;
/// Country rows by ISO2.
pub const S_BY_ISO2: usize = 6;
/// Admin1 rows.
pub const S_ADMIN1: usize = 7;
/// GeoNames id index.
pub const S_GEONAMEIDS: usize = 8;

/// Bytes per entry record.
pub const RECORD_LEN: usize = 48;
/// Bytes per table slot.
pub const SLOT_LEN: usize = 12;
/// Bytes per country row.
pub const COUNTRY_LEN: usize = 20;
/// Bytes per admin1 row.
pub const ADMIN1_LEN: usize = 12;
/// Bytes per geonameid index row.
pub const GEONAMEID_LEN: usize = 8;

/// No string / free slot.
pub const NONE: u32 = u32::MAX;
/// A table value that points into `lists`.
pub const LIST: u32 = 1 << 31;

/// Record flag: latitude present.
pub const F_LAT: u8 = 1;
/// Record flag: longitude present.
pub const F_LON: u8 = 2;
/// Record flag: geonameid present.
pub const F_GEONAMEID: u8 = 4;

/// Entry kinds as stored.
pub const K_COUNTRY: u8 = 0;
/// First-level division.
pub const K_ADMIN1: u8 = 1;
/// Populated place.
pub const K_LOCALITY: u8 = 2;
/// Named site.
pub const K_FACILITY: u8 = 3;

/// Hash of a folded key (FNV-1a, then a 64-bit finaliser so the low bits
/// that pick the slot are well mixed). Stable across platforms and builds:
/// it is part of the format.
pub fn hash(key: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in key {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// Slots for `n` keys: the table is at most two-thirds full (misses, the
/// common case, then probe about three slots, all in one cache line or two).
pub fn slots_for(n: usize) -> usize {
    n + n / 2 + 1
}

/// The home slot of a hash in a table of `slots` slots (the high bits of
/// the hash scaled to the table: any size, no modulo).
pub fn home(h: u64, slots: u32) -> usize {
    ((u128::from(h) * u128::from(slots)) >> 64) as usize
}

/// The tag stored beside a key: the low bits of its hash, so most probes
/// of other keys are rejected without reading the key.
pub fn tag(h: u64) -> u32 {
    h as u32
}

/// Appends `s` as LEB128 length + bytes.
pub fn put_str(out: &mut Vec<u8>, s: &[u8]) {
    let mut n = s.len();
    loop {
        let b = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(b);
            break;
        }
        out.push(b | 0x80);
    }
    out.extend_from_slice(s);
}

/// The string at `at` in an arena written by [`put_str`]; None when the
/// reference or its length runs off the end.
pub fn get_str(arena: &[u8], at: u32) -> Option<&[u8]> {
    let mut i = at as usize;
    let mut n: usize = 0;
    let mut shift = 0;
    loop {
        let b = *arena.get(i)?;
        i += 1;
        n |= usize::from(b & 0x7f).checked_shl(shift)?;
        if b & 0x80 == 0 {
            break;
        }
        shift += 7;
        if shift > 28 {
            return None;
        }
    }
    arena.get(i..i.checked_add(n)?)
}

/// Little-endian u32 at byte `at` (0 past the end).
pub fn u32_at(b: &[u8], at: usize) -> u32 {
    match b.get(at..at.wrapping_add(4)) {
        Some(&[a, b, c, d]) => u32::from_le_bytes([a, b, c, d]),
        _ => 0,
    }
}

/// Little-endian u64 at byte `at` (0 past the end).
pub fn u64_at(b: &[u8], at: usize) -> u64 {
    match b.get(at..at.wrapping_add(8)) {
        Some(s) => {
            let mut a = [0u8; 8];
            a.copy_from_slice(s);
            u64::from_le_bytes(a)
        }
        None => 0,
    }
}
