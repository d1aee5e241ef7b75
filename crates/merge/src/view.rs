//! The compact view of an event that the merge compares.
//!
//! The match score, the blocking keys and the cluster rules read a small
//! part of a record: its type and level, its days, the countries and
//! bodies of its actors and targets, its places, tolls, mode, weapons and
//! the words of its sentences. A [`View`] holds just that, names hashed, so
//! that a million records can be compared without holding a million
//! records: `sitrep merge` keeps views and file offsets, and reads the
//! records of a cluster back only to fuse them.

use sitrep_core::fold::fold_name;
use sitrep_core::record::Event;
use std::hash::{Hash, Hasher};

/// PLOVER types that are speech acts.
const SPEECH_TYPES: &[&str] = &[
    "ACCUSE", "REQUEST", "THREATEN", "SUPPORT", "REJECT", "AGREE", "CONSULT",
];

/// Words too common in reports to say two sentences tell the same thing.
const STOPWORDS: &[&str] = &[
    "the", "a", "an", "and", "or", "of", "to", "in", "on", "at", "for", "by", "with", "from", "as",
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "that", "this", "these",
    "those", "it", "its", "their", "they", "we", "our", "he", "she", "his", "her", "which", "who",
    "said", "also", "will", "would", "not", "but", "after", "into", "than", "more", "all", "other",
    "such", "there", "today", "says",
];

/// A stable hash (the same in every run: views are never stored, but
/// output must not depend on a random seed).
pub(crate) fn h<T: Hash + ?Sized>(x: &T) -> u64 {
    let mut s = std::hash::DefaultHasher::new();
    x.hash(&mut s);
    s.finish()
}

/// A place of a record, as the merge compares places.
#[derive(Clone, Debug)]
pub(crate) struct Loc {
    /// Country, hashed (`None` for a sea).
    pub country: Option<u64>,
    pub geonameid: Option<u32>,
    /// The gazetteer's name, hashed as written.
    pub gazetteer: Option<u64>,
    /// The name as written, folded and hashed.
    pub name: Option<u64>,
    /// A town or site ("exact" or "near"), not a division or a country.
    pub site: bool,
    /// The blocking key of the place, and of its division.
    pub key: Option<u64>,
    /// The place as a cluster's one town or site: the gazetteer's identity,
    /// else the name folded (whatever country a report gave it).
    pub site_key: Option<u64>,
    pub admin1_key: Option<u64>,
}

/// What the merge reads of a record.
#[derive(Clone, Debug)]
pub struct View {
    /// The record's id.
    pub id: Box<str>,
    /// The id of the operation it is part of.
    pub parent: Option<Box<str>>,
    pub(crate) etype: u64,
    pub(crate) speech: bool,
    /// The document of the first source, hashed.
    pub(crate) head: u64,
    /// Documents of every source and copy, hashed, the head first.
    pub(crate) docs: Box<[u64]>,
    /// First and last day as written (`YYYY-MM-DD`).
    pub(crate) days: Option<(Box<str>, Box<str>)>,
    pub(crate) actor_countries: Box<[u64]>,
    pub(crate) canonicals: Box<[u64]>,
    pub(crate) named: Box<[u64]>,
    pub(crate) target_countries: Box<[u64]>,
    pub(crate) place_countries: Box<[u64]>,
    pub(crate) locs: Box<[Loc]>,
    pub(crate) fatalities: Option<u64>,
    pub(crate) mode: Option<u64>,
    pub(crate) weapons: Box<[u64]>,
    pub(crate) counts: Box<[(u64, u64)]>,
    /// Content words of the sentences, hashed (32 bits are plenty to count
    /// shared words), sorted.
    pub(crate) words: Box<[u32]>,
    /// Countries for the blocking keys: places, then targets, then actors.
    pub(crate) key_countries: Box<[u64]>,
}

fn set(mut v: Vec<u64>) -> Box<[u64]> {
    v.sort_unstable();
    v.dedup();
    v.into_boxed_slice()
}

impl View {
    /// The view of a record.
    pub fn of(e: &Event) -> View {
        let head = e.sources.first().map_or("", |s| s.doc.as_str());
        let mut docs = vec![h(head)];
        docs.extend(e.sources.iter().map(|s| h(s.doc.as_str())));
        docs.extend(e.copies.iter().map(|d| h(d.as_str())));
        let named = e
            .actors
            .iter()
            .filter(|x| {
                x.ident
                    .as_deref()
                    .is_some_and(|i| i.starts_with("org:") || i.starts_with("person:"))
            })
            .filter_map(|x| x.canonical.as_deref().map(h));
        let locs: Vec<Loc> = e
            .locations
            .iter()
            .map(|l| {
                let country = l.country.as_deref().unwrap_or("");
                let key = match (
                    l.geonameid,
                    l.gazetteer_name.as_deref().or(l.name.as_deref()),
                ) {
                    (Some(id), _) => Some(h(&("g", id))),
                    (None, Some(n)) => Some(h(&("p", fold_name(n), country))),
                    _ => None,
                };
                let site_key = match (
                    l.geonameid,
                    l.gazetteer_name.as_deref().or(l.name.as_deref()),
                ) {
                    (Some(id), _) => Some(h(&("g", id))),
                    (None, Some(n)) => Some(h(&("n", fold_name(n)))),
                    _ => None,
                };
                Loc {
                    site_key,
                    country: l.country.as_deref().map(h),
                    geonameid: l.geonameid,
                    gazetteer: l.gazetteer_name.as_deref().map(h),
                    name: l.name.as_deref().map(|n| h(&fold_name(n))),
                    site: l.name.is_some() && matches!(l.precision.as_str(), "exact" | "near"),
                    key,
                    admin1_key: l.admin1.as_deref().map(|a| h(&("a", a, country))),
                }
            })
            .collect();
        let mut key_countries: Vec<u64> = Vec::new();
        for c in e
            .locations
            .iter()
            .filter_map(|l| l.country.as_deref())
            .chain(e.targets.iter().filter_map(|a| a.country.as_deref()))
            .chain(e.actors.iter().filter_map(|a| a.country.as_deref()))
        {
            let c = h(c);
            if !key_countries.contains(&c) {
                key_countries.push(c);
            }
        }
        let mut words: Vec<u32> = Vec::new();
        for s in &e.sources {
            for w in fold_name(&s.sentence).split(' ') {
                if w.len() > 2 && !STOPWORDS.contains(&w) && !w.chars().all(|c| c.is_ascii_digit())
                {
                    words.push(h(w) as u32);
                }
            }
        }
        View {
            id: e.id.as_str().into(),
            parent: e.parent.as_deref().map(Into::into),
            etype: h(e.etype.as_str()),
            speech: SPEECH_TYPES.contains(&e.etype.as_str()),
            head: h(head),
            docs: docs.into_boxed_slice(),
            days: e
                .date
                .start
                .as_deref()
                .map(|s| (s.into(), e.date.end.as_deref().unwrap_or(s).into())),
            actor_countries: set(e
                .actors
                .iter()
                .filter_map(|a| a.country.as_deref().map(h))
                .collect()),
            canonicals: set(e
                .actors
                .iter()
                .filter_map(|a| a.canonical.as_deref().map(h))
                .collect()),
            named: set(named.collect()),
            target_countries: set(e
                .targets
                .iter()
                .filter_map(|a| a.country.as_deref().map(h))
                .collect()),
            place_countries: set(e
                .locations
                .iter()
                .filter_map(|l| l.country.as_deref().map(h))
                .collect()),
            locs: locs.into_boxed_slice(),
            fatalities: e.fatalities.as_ref().map(|q| q.value),
            mode: e.mode.as_deref().map(h),
            weapons: set(e.weapons.iter().map(|w| h(w.as_str())).collect()),
            counts: e
                .counts
                .iter()
                .map(|(k, q)| (h(k.as_str()), q.value))
                .collect(),
            words: {
                words.sort_unstable();
                words.dedup();
                words.into_boxed_slice()
            },
            key_countries: key_countries.into_boxed_slice(),
        }
    }

    /// The day range, as the score compares days.
    pub(crate) fn day_range(&self) -> Option<(&str, &str)> {
        self.days.as_ref().map(|(a, b)| (&**a, &**b))
    }

    /// The town or site the record names, if any.
    pub(crate) fn site(&self) -> Option<u64> {
        self.locs.iter().find(|l| l.site).and_then(|l| l.site_key)
    }
}

/// Do two places name the same place? The gazetteer's identity when both
/// were resolved, else the name as written, folded.
fn same_place(a: &Loc, b: &Loc) -> bool {
    if a.country != b.country {
        return false;
    }
    if let (Some(x), Some(y)) = (a.geonameid, b.geonameid) {
        return x == y;
    }
    match (a.gazetteer, b.gazetteer) {
        (Some(x), Some(y)) => x == y,
        _ => match (a.name, b.name) {
            (Some(x), Some(y)) => x == y,
            (None, None) => true,
            _ => false,
        },
    }
}

/// Both lists known: do they share a value?
fn overlap(a: &[u64], b: &[u64]) -> Option<bool> {
    if a.is_empty() || b.is_empty() {
        return None;
    }
    Some(a.iter().any(|x| b.binary_search(x).is_ok()))
}

/// Overlap of the wording: shared content words over the smaller set (a
/// short sentence quoted inside a longer one counts fully); nothing when
/// either has fewer than five.
pub(crate) fn wording(a: &View, b: &View) -> f64 {
    let (wa, wb) = (&a.words, &b.words);
    let small = wa.len().min(wb.len());
    if small < 5 {
        return 0.0;
    }
    let shared = wa.iter().filter(|w| wb.binary_search(w).is_ok()).count();
    shared as f64 / small as f64
}

/// The match score of two views (see [`crate::score`]).
pub fn score_views(a: &View, b: &View) -> i32 {
    if a.etype != b.etype || a.parent.is_some() != b.parent.is_some() || a.head == b.head {
        return i32::MIN;
    }
    let mut s = 0;
    if let (Some((a1, a2)), Some((b1, b2))) = (a.day_range(), b.day_range()) {
        if a2 < b1 || b2 < a1 {
            return i32::MIN;
        }
        s += 2;
    }
    // a statement is the same statement only from the same speaker: a country in
    // common says little when one is a president and the other a coalition
    let speech = a.speech;
    match overlap(&a.actor_countries, &b.actor_countries) {
        Some(true) => s += if speech { 1 } else { 3 },
        Some(false) => s -= 2,
        None => {}
    }
    if overlap(&a.canonicals, &b.canonicals) == Some(true) {
        // the same body: as strong as the same country when the body has none (the UN)
        s += if a.actor_countries.is_empty() || speech {
            3
        } else {
            1
        };
    }
    if overlap(&a.target_countries, &b.target_countries) == Some(true) {
        s += 1;
    }
    match overlap(&a.place_countries, &b.place_countries) {
        Some(true) => s += 1,
        Some(false) => s -= 3,
        None => {}
    }
    if a.locs
        .iter()
        .any(|x| x.name.is_some() && b.locs.iter().any(|y| same_place(x, y)))
    {
        s += 3;
    } else if a.locs.iter().any(|l| l.site) && b.locs.iter().any(|l| l.site) {
        // two different towns or sites on one day are two events (one event per place and day)
        s -= 4;
    }
    if let (Some(x), Some(y)) = (a.fatalities, b.fatalities)
        && x == y
    {
        s += 2;
    }
    if a.mode.is_some() && a.mode == b.mode {
        s += 1;
    }
    if a.weapons.iter().any(|w| b.weapons.binary_search(w).is_ok()) {
        s += 1;
    }
    for (k, v) in a.counts.iter() {
        if b.counts.iter().any(|(k2, v2)| k2 == k && v2 == v) {
            s += 1;
        }
    }
    // the same wording: "forced the diversion of a commercial Ryanair flight"
    let w = wording(a, b);
    s += if w >= 0.5 {
        3
    } else if w >= 0.3 {
        2
    } else {
        i32::from(w >= 0.18)
    };
    s
}
