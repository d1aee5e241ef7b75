//! Near-duplicate reports: syndicated wire copy and updated versions of one
//! story, recognised by their text and counted as one source.
//!
//! A text is reduced to the set of its word 5-grams (shingles: words are
//! runs of letters and digits, lower-cased), and the set to a MinHash
//! signature of [`HASHES`] values (fixed seeds, so the same text always
//! gives the same signature). Locality-sensitive hashing over [`BANDS`]
//! bands of the signature finds candidate pairs without comparing every
//! pair; a candidate is a copy when the estimated Jaccard similarity of the
//! shingle sets is at least [`COPY_JACCARD`] and they were published at most
//! [`COPY_DAYS`] days apart: templated statements about different events
//! (two disaster declarations, an annual notice renewing last year's) can
//! share most of their words, but not their dates. When a report gives no
//! publication date, the latest day its own events happened ([`day_hint`])
//! stands in for it (a republished text codes the same events); a report
//! with neither is never taken for a copy. Copies group transitively; the
//! canonical report of a group is the earliest published, else the first
//! in input order.

use crate::index::find;
use crate::{THRESHOLD, doc_of, score};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use sitrep_core::record::Event;

/// MinHash values per signature.
pub const HASHES: usize = 128;
/// LSH bands (of `HASHES / BANDS` values each).
pub const BANDS: usize = 32;
/// Estimated Jaccard similarity from which two reports are copies.
pub const COPY_JACCARD: f64 = 0.8;
/// Copies are published at most this many days apart (when both say).
pub const COPY_DAYS: i64 = 3;
/// Words per shingle.
pub const SHINGLE: usize = 5;
/// Texts with fewer distinct shingles are never grouped (too little text to
/// tell a copy from a coincidence).
pub const MIN_SHINGLES: usize = 8;
/// A report is checked against at most this many earlier reports that share
/// a band with it (bounds a pile of identical texts).
const BUCKET_WINDOW: usize = 16;

/// One report's text, for [`near_duplicates`].
#[derive(Clone, Copy, Debug)]
pub struct DocText<'a> {
    /// Document id.
    pub id: &'a str,
    /// The text.
    pub text: &'a str,
    /// Publication date `YYYY-MM-DD` when known, else [`day_hint`] of the
    /// report's events.
    pub published: Option<&'a str>,
}

/// Reports that are copies of one another.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    /// Index (in the input) of the report that stands for the group.
    pub canonical: usize,
    /// Indices of the copies, in input order.
    pub copies: Vec<usize>,
}

/// The MinHash signature of one report, with its publication day.
#[derive(Clone, Debug)]
pub struct Fingerprint {
    mins: Box<[u64; HASHES]>,
    shingles: usize,
    day: Option<i64>,
}

/// The latest day (`YYYY-MM-DD`) on which a report's events happened: a
/// stand-in for a missing publication date.
pub fn day_hint(events: &[Event]) -> Option<String> {
    events
        .iter()
        .filter_map(|e| e.date.start.as_deref())
        .filter(|d| d.len() == 10 && sitrep_core::Day::parse(d).is_some())
        .max()
        .map(str::to_string)
}

fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The permutations: odd multipliers and offsets from a fixed seed.
fn coefficients() -> &'static [(u64, u64); HASHES] {
    static C: std::sync::OnceLock<[(u64, u64); HASHES]> = std::sync::OnceLock::new();
    C.get_or_init(|| {
        let mut c = [(0u64, 0u64); HASHES];
        let mut s = 0x5177_4e70_u64; // "sitrep"
        for x in c.iter_mut() {
            s = splitmix(s);
            let a = s | 1;
            s = splitmix(s);
            *x = (a, s);
        }
        c
    })
}

/// Hashes of the words of a text (FNV-1a over the lower-cased word).
fn word_hashes(text: &str) -> Vec<u64> {
    let mut out = Vec::new();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut in_word = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            in_word = true;
            for l in c.to_lowercase() {
                let mut buf = [0u8; 4];
                for &b in l.encode_utf8(&mut buf).as_bytes() {
                    h ^= b as u64;
                    h = h.wrapping_mul(0x0000_0100_0000_01B3);
                }
            }
        } else if in_word {
            out.push(h);
            h = 0xcbf2_9ce4_8422_2325;
            in_word = false;
        }
    }
    if in_word {
        out.push(h);
    }
    out
}

impl Fingerprint {
    /// The signature of a text; `published` (`YYYY-MM-DD`) keeps copies
    /// within [`COPY_DAYS`] of each other (without it, never a copy).
    pub fn new(text: &str, published: Option<&str>) -> Fingerprint {
        let words = word_hashes(text);
        let mut shingles: Vec<u64> = if words.len() < SHINGLE {
            if words.is_empty() {
                Vec::new()
            } else {
                vec![words.iter().fold(0, |h, &w| splitmix(h ^ w))]
            }
        } else {
            words
                .windows(SHINGLE)
                .map(|w| splitmix(w.iter().fold(0u64, |h, &x| h.rotate_left(23) ^ x)))
                .collect()
        };
        shingles.sort_unstable();
        shingles.dedup();
        let coef = coefficients();
        let mut mins = Box::new([u64::MAX; HASHES]);
        for &x in &shingles {
            for (m, &(a, b)) in mins.iter_mut().zip(coef.iter()) {
                let v = a.wrapping_mul(x).wrapping_add(b);
                if v < *m {
                    *m = v;
                }
            }
        }
        Fingerprint {
            mins,
            shingles: shingles.len(),
            day: published
                .and_then(sitrep_core::Day::parse)
                .map(|d| d.ordinal()),
        }
    }

    /// Estimated Jaccard similarity of the two shingle sets.
    pub fn similarity(&self, other: &Fingerprint) -> f64 {
        let same = self
            .mins
            .iter()
            .zip(other.mins.iter())
            .filter(|(a, b)| a == b)
            .count();
        same as f64 / HASHES as f64
    }

    fn copies(&self, other: &Fingerprint) -> bool {
        if self.shingles < MIN_SHINGLES || other.shingles < MIN_SHINGLES {
            return false;
        }
        // a report that cannot be placed in time is never taken for a copy:
        // templated notices renewed year after year share their words
        let (Some(a), Some(b)) = (self.day, other.day) else {
            return false;
        };
        (a - b).abs() <= COPY_DAYS && self.similarity(other) >= COPY_JACCARD
    }
}

/// Groups of near-duplicate reports (only groups of two or more), ordered
/// by their canonical report.
pub fn near_duplicates(docs: &[DocText]) -> Vec<Group> {
    let prints: Vec<Fingerprint> = docs
        .par_iter()
        .map(|d| Fingerprint::new(d.text, d.published))
        .collect();
    group_copies(&prints)
}

/// [`near_duplicates`] from signatures computed earlier (so that the texts
/// need not be kept).
pub fn group_copies(prints: &[Fingerprint]) -> Vec<Group> {
    let n = prints.len();
    let rows = HASHES / BANDS;
    let mut parent: Vec<usize> = (0..n).collect();
    let mut buckets: FxHashMap<(usize, u64), Vec<u32>> = FxHashMap::default();
    let mut checked: rustc_hash::FxHashSet<(u32, u32)> = Default::default();
    for (j, p) in prints.iter().enumerate() {
        if p.shingles < MIN_SHINGLES {
            continue;
        }
        for band in 0..BANDS {
            let h = p.mins[band * rows..(band + 1) * rows]
                .iter()
                .fold(band as u64, |h, &x| splitmix(h ^ x));
            let bucket = buckets.entry((band, h)).or_default();
            for &i in bucket.iter().rev().take(BUCKET_WINDOW) {
                if checked.insert((i, j as u32)) && prints[i as usize].copies(p) {
                    let (a, b) = (find(&mut parent, i as usize), find(&mut parent, j));
                    if a != b {
                        parent[a.max(b)] = a.min(b);
                    }
                }
            }
            bucket.push(j as u32);
        }
    }
    let mut members: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for i in 0..n {
        let r = find(&mut parent, i);
        members.entry(r).or_default().push(i);
    }
    let mut groups: Vec<Group> = members
        .into_values()
        .filter(|m| m.len() > 1)
        .map(|m| {
            // earliest published, else first in input
            let canonical = *m
                .iter()
                .min_by_key(|&&i| (prints[i].day.unwrap_or(i64::MAX), i))
                .unwrap_or(&m[0]);
            Group {
                canonical,
                copies: m.into_iter().filter(|&i| i != canonical).collect(),
            }
        })
        .collect();
    groups.sort_by_key(|g| g.canonical);
    groups
}

/// True unless both events are dated and their days do not overlap.
fn days_overlap(a: &Event, b: &Event) -> bool {
    match (crate::day_range(a), crate::day_range(b)) {
        (Some((a1, a2)), Some((b1, b2))) => a1 <= b2 && b1 <= a2,
        _ => true,
    }
}

/// Folds the events of copies into the events of their canonical report.
///
/// `per_doc` holds one list of events per report, indexed like the input of
/// [`near_duplicates`]. An event of a copy that the canonical report also
/// has (same type and level, days that overlap, and the same sentence or a
/// match score over the threshold) is folded into it: its sources are added (every sentence
/// stays traceable) and the copy's document id goes into `copies`; its
/// values are not counted as another report's claims. Events only a copy
/// has (the added paragraph of an updated story) stay with the copy.
pub fn fold_copies(mut per_doc: Vec<Vec<Event>>, groups: &[Group]) -> Vec<Vec<Event>> {
    for g in groups {
        if g.canonical >= per_doc.len() {
            continue;
        }
        let mut canon = std::mem::take(&mut per_doc[g.canonical]);
        for &k in &g.copies {
            let Some(list) = per_doc.get_mut(k) else {
                continue;
            };
            let copy = std::mem::take(list);
            let mut used = vec![false; canon.len()];
            let mut renamed: FxHashMap<String, String> = FxHashMap::default();
            let mut kept = Vec::new();
            for ce in copy {
                let sentence = ce.sources.first().map(|s| s.sentence.as_str());
                let hit = (0..canon.len()).find(|&m| {
                    let e = &canon[m];
                    !used[m]
                        && e.etype == ce.etype
                        && e.parent.is_some() == ce.parent.is_some()
                        && days_overlap(e, &ce)
                        && (sentence.is_some()
                            && e.sources.first().map(|s| s.sentence.as_str()) == sentence
                            || score(e, &ce) >= THRESHOLD)
                });
                match hit {
                    Some(m) => {
                        used[m] = true;
                        let e = &mut canon[m];
                        renamed.insert(ce.id.clone(), e.id.clone());
                        let doc = doc_of(&ce).to_string();
                        for s in ce.sources {
                            if !e.sources.contains(&s) {
                                e.sources.push(s);
                            }
                        }
                        e.triggers.extend(ce.triggers);
                        if !doc.is_empty() && doc != doc_of(e) && !e.copies.contains(&doc) {
                            e.copies.push(doc);
                        }
                    }
                    None => kept.push(ce),
                }
            }
            for e in &mut kept {
                if let Some(p) = &e.parent
                    && let Some(q) = renamed.get(p)
                {
                    e.parent = Some(q.clone());
                }
            }
            per_doc[k] = kept;
        }
        per_doc[g.canonical] = canon;
    }
    per_doc
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_core::record::{Actor, DateRange, Quantity, Source};

    const WIRE: &str = "Russian drones hit Odesa port, killing four

ODESA, Ukraine, March 5 - Russian forces attacked the southern Ukrainian port city of Odesa with a swarm of drones overnight, killing four people and injuring at least nine, regional governor Oleh Kiper said on Tuesday.

The attack damaged a grain terminal, two warehouses and a residential building near the port, Kiper said on the Telegram messaging app. Rescue teams were still searching the rubble of the building in the morning, and emergency services said a fire at the terminal had been put out after several hours.

Ukraine's air force said it had shot down 22 of the 25 Shahed drones launched by Russia during the night, most of them over the Odesa and Mykolaiv regions. It did not say what had happened to the other three.

Odesa and its ports have come under repeated attack since Russia pulled out of a deal that allowed Ukraine to ship grain across the Black Sea. Kyiv has since opened its own shipping corridor along the coast, and officials say exports have nearly returned to pre-war levels despite the strikes.

Russia's defence ministry said its forces had struck facilities used to prepare naval drones for attacks on Russian ships, and made no mention of civilian casualties.";

    /// The same story as another outlet ran it: own headline and byline,
    /// two small edits, the agency credit at the end.
    const SYNDICATED: &str = "Four killed as drones strike Odesa port
By Staff Reporter

ODESA, Ukraine, March 5 - Russian forces attacked the southern Ukrainian port city of Odesa with a swarm of drones overnight, killing four people and injuring at least nine, regional governor Oleh Kiper said Tuesday.

The attack damaged a grain terminal, two warehouses and a residential building near the port, Kiper said on the Telegram messaging app. Rescue teams were still searching the rubble of the building in the morning, and emergency services said a fire at the terminal had been put out after several hours.

Ukraine's air force said it had shot down 22 of the 25 Shahed drones launched by Russia during the night, most of them over the Odesa and Mykolaiv regions. It did not say what had happened to the other three.

Odesa and its ports have come under repeated attack since Russia pulled out of a deal that allowed Ukraine to ship grain across the Black Sea. Kyiv has since opened its own shipping corridor along the coast, and officials say exports have nearly returned to pre-war levels despite the strikes.

Russia's defense ministry said its forces had struck facilities used to prepare naval drones for attacks on Russian ships, and made no mention of civilian casualties.

(Reuters)";

    /// The wire story updated later in the day: one paragraph more.
    const UPDATED: &str = "Russian drones hit Odesa port, killing four

ODESA, Ukraine, March 5 - Russian forces attacked the southern Ukrainian port city of Odesa with a swarm of drones overnight, killing four people and injuring at least nine, regional governor Oleh Kiper said on Tuesday.

The attack damaged a grain terminal, two warehouses and a residential building near the port, Kiper said on the Telegram messaging app. Rescue teams were still searching the rubble of the building in the morning, and emergency services said a fire at the terminal had been put out after several hours.

Ukraine's air force said it had shot down 22 of the 25 Shahed drones launched by Russia during the night, most of them over the Odesa and Mykolaiv regions. It did not say what had happened to the other three.

Later on Tuesday, President Volodymyr Zelenskiy called on allies to send more air defence systems to protect the ports.

Odesa and its ports have come under repeated attack since Russia pulled out of a deal that allowed Ukraine to ship grain across the Black Sea. Kyiv has since opened its own shipping corridor along the coast, and officials say exports have nearly returned to pre-war levels despite the strikes.

Russia's defence ministry said its forces had struck facilities used to prepare naval drones for attacks on Russian ships, and made no mention of civilian casualties.";

    /// Another outlet's own story about the same attack: same topic, same
    /// facts, its own words. Not a copy.
    const OTHER: &str = "Drone attack on Odesa leaves four dead

Four people died and nine were hurt when Russian attack drones struck Odesa during the night, according to the head of the regional administration, Oleh Kiper. A grain terminal and an apartment block close to the harbour were among the buildings hit.

The Ukrainian air force reported intercepting 22 Shahed drones out of 25. Officials in Odesa said firefighters worked for hours to contain a blaze at the terminal, while rescuers dug through the remains of the apartment block.

Moscow says it targets military sites, and its defence ministry claimed the strike hit workshops for sea drones. Since the collapse of the Black Sea grain deal, the region's ports have been hit again and again.";

    fn docs<'a>(texts: &[(&'a str, &'a str, Option<&'a str>)]) -> Vec<DocText<'a>> {
        texts
            .iter()
            .map(|&(id, text, published)| DocText {
                id,
                text,
                published,
            })
            .collect()
    }

    #[test]
    fn copies_and_updates_group_and_an_own_story_does_not() {
        let d = docs(&[
            ("other", OTHER, Some("2024-03-05")),
            ("wire", WIRE, Some("2024-03-05")),
            ("syndicated", SYNDICATED, Some("2024-03-05")),
            ("updated", UPDATED, Some("2024-03-05")),
        ]);
        let p: Vec<Fingerprint> = d
            .iter()
            .map(|x| Fingerprint::new(x.text, x.published))
            .collect();
        for (i, j) in [(1, 2), (1, 3), (2, 3), (0, 1)] {
            eprintln!("{} ~ {}: {:.2}", d[i].id, d[j].id, p[i].similarity(&p[j]));
        }
        assert_eq!(
            near_duplicates(&d),
            vec![Group {
                canonical: 1,
                copies: vec![2, 3]
            }]
        );
    }

    #[test]
    fn the_earliest_published_stands_for_the_group() {
        let d = docs(&[
            ("syndicated", SYNDICATED, Some("2024-03-06")),
            ("wire", WIRE, Some("2024-03-05")),
        ]);
        assert_eq!(
            near_duplicates(&d),
            vec![Group {
                canonical: 1,
                copies: vec![0]
            }]
        );
        // the same day: the first in input order
        let day = Some("2024-03-05");
        let d = docs(&[("syndicated", SYNDICATED, day), ("wire", WIRE, day)]);
        assert_eq!(near_duplicates(&d)[0].canonical, 0);
        // no day at all: never a copy
        let d = docs(&[("syndicated", SYNDICATED, None), ("wire", WIRE, None)]);
        assert!(near_duplicates(&d).is_empty());
    }

    #[test]
    fn a_template_weeks_apart_is_not_a_copy() {
        let d = docs(&[
            ("wire", WIRE, Some("2024-03-05")),
            ("again", SYNDICATED, Some("2024-03-20")),
        ]);
        assert!(near_duplicates(&d).is_empty());
    }

    #[test]
    fn without_publication_dates_the_events_days_tell_a_renewal_from_a_copy() {
        // last year's notice renewed with this year's date: same words, other days
        let (a, b) = (event("a", 1, "x", 1), {
            let mut e = event("b", 1, "x", 1);
            e.date.start = Some("2025-03-05".into());
            e.date.end = e.date.start.clone();
            e
        });
        let (ha, hb) = (day_hint(&[a]), day_hint(&[b]));
        assert_eq!(ha.as_deref(), Some("2024-03-05"));
        let d = docs(&[("a", WIRE, ha.as_deref()), ("b", WIRE, hb.as_deref())]);
        assert!(near_duplicates(&d).is_empty());
        assert_eq!(day_hint(&[]), None);
    }

    #[test]
    fn an_event_of_a_copy_on_another_day_is_not_folded() {
        let mut later = event("syndicated", 1, "same sentence", 4);
        later.date.start = Some("2024-03-09".into());
        later.date.end = later.date.start.clone();
        let folded = fold_copies(
            vec![vec![event("wire", 1, "same sentence", 4)], vec![later]],
            &[Group {
                canonical: 0,
                copies: vec![1],
            }],
        );
        assert!(folded[0][0].copies.is_empty());
        assert_eq!(folded[1].len(), 1);
    }

    #[test]
    fn short_or_empty_texts_are_never_copies() {
        let d = docs(&[
            ("a", "Police said.", None),
            ("b", "Police said.", None),
            ("c", "", None),
            ("d", "", None),
        ]);
        assert!(near_duplicates(&d).is_empty());
    }

    #[test]
    fn the_same_text_gives_the_same_signature() {
        let a = Fingerprint::new(WIRE, None);
        let b = Fingerprint::new(WIRE, None);
        assert_eq!(a.mins, b.mins);
        assert_eq!(a.similarity(&b), 1.0);
        // case and punctuation do not matter
        let c = Fingerprint::new(&WIRE.to_uppercase().replace(',', " "), None);
        assert_eq!(a.similarity(&c), 1.0);
    }

    #[test]
    fn the_estimate_is_near_the_exact_jaccard() {
        let set = |t: &str| -> std::collections::BTreeSet<Vec<u64>> {
            word_hashes(t)
                .windows(SHINGLE)
                .map(<[u64]>::to_vec)
                .collect()
        };
        let texts = [WIRE, SYNDICATED, UPDATED, OTHER];
        for a in texts {
            for b in texts {
                let (x, y) = (set(a), set(b));
                let exact = x.intersection(&y).count() as f64 / x.union(&y).count() as f64;
                let est = Fingerprint::new(a, None).similarity(&Fingerprint::new(b, None));
                assert!(
                    (exact - est).abs() < 0.1,
                    "exact {exact:.2}, estimated {est:.2}"
                );
            }
        }
    }

    fn event(doc: &str, n: usize, sentence: &str, killed: u64) -> Event {
        Event {
            id: format!("{doc}#{n}"),
            parent: None,
            etype: "ASSAULT".into(),
            mode: Some("drone".into()),
            cameo: None,
            acled_event_type: None,
            acled_sub_event_type: None,
            date: DateRange {
                start: Some("2024-03-05".into()),
                end: Some("2024-03-05".into()),
            },
            time_utc: None,
            actors: vec![Actor {
                name: "Russian forces".into(),
                country: Some("RUS".into()),
                canonical: None,
                sector: None,
                ident: None,
                evidence: None,
            }],
            targets: vec![],
            locations: vec![],
            fatalities: Some(Quantity::exact(killed)),
            injuries: None,
            counts: Default::default(),
            weapons: vec![],
            sources: vec![Source {
                doc: doc.into(),
                sentence: sentence.into(),
                start: 10,
                end: 10 + sentence.chars().count(),
            }],
            disagreements: vec![],
            copies: vec![],
            triggers: vec![],
        }
    }

    #[test]
    fn a_copy_is_one_source_with_its_sentences_kept() {
        let s = "Russian forces attacked the southern Ukrainian port city of Odesa";
        let per_doc = vec![
            vec![event("wire", 1, s, 4)],
            vec![event("syndicated", 1, s, 4)],
            vec![
                event("updated", 1, s, 4),
                // the added paragraph: a request, only the update has it
                Event {
                    etype: "REQUEST".into(),
                    ..event("updated", 2, "Zelenskiy called on allies", 0)
                },
            ],
            vec![event("other", 1, "Four people died", 5)],
        ];
        let groups = vec![Group {
            canonical: 0,
            copies: vec![1, 2],
        }];
        let folded = fold_copies(per_doc, &groups);
        assert_eq!(folded[0].len(), 1);
        assert_eq!(folded[0][0].copies, vec!["syndicated", "updated"]);
        assert_eq!(
            folded[0][0].sources.len(),
            3,
            "every sentence stays traceable"
        );
        assert!(folded[1].is_empty());
        assert_eq!(folded[2].len(), 1, "the update's own event stays with it");
        assert_eq!(folded[2][0].etype, "REQUEST");

        // merged with an independent report: two claims, not four
        let merged = crate::merge(folded);
        let strike = merged
            .iter()
            .find(|e| e.etype == "ASSAULT")
            .expect("the strike");
        assert_eq!(strike.copies, vec!["syndicated", "updated"]);
        let d = strike
            .disagreements
            .iter()
            .find(|d| d.field == "fatalities")
            .expect("the toll differs");
        let docs: Vec<&str> = d.claims.iter().map(|c| c.doc.as_str()).collect();
        assert_eq!(docs, vec!["wire", "other"]);
    }
}
