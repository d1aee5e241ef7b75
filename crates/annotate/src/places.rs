//! Place mentions resolved against the gazetteer.
//!
//! Candidates are runs of capitalised words (with the lower-case particles
//! of Arabic and European names inside: al-, el, de, of); the longest run
//! the gazetteer knows wins. Among entries of one name, context decides:
//! countries the document names (the sentence's count most), the kind of
//! entry (a division only when the text calls it one, "Al Anbar
//! Governorate"), and population. Actors are not places: a demonym, an
//! organisation or a person's name is never resolved as a place.

use crate::Ctx;
use sitrep_core::fold::fold_name;
use sitrep_core::{ActorKind, Doc, PlaceKind, PlaceMention, Span};
use sitrep_lexicon::{ActorEntryKind, PlaceRef};
use std::collections::HashMap;

const PARTICLES: &[&str] = &[
    "al", "el", "ad", "ar", "as", "ash", "at", "az", "ez", "an", "de", "del", "la", "le", "of",
    "the", "bin", "ibn", "abu", "um", "umm", "wa", "y", "da", "do", "dos", "das",
];
const DIVISION_WORDS: &[&str] = &[
    "governorate",
    "province",
    "oblast",
    "region",
    "state",
    "district",
    "prefecture",
    "county",
    "raion",
    "muhafazat",
    "wilayat",
    "department",
    "territory",
    "krai",
    "division",
];
const LOCATIVE: &[&str] = &[
    "in",
    "at",
    "near",
    "outside",
    "of",
    "from",
    "to",
    "into",
    "toward",
    "towards",
    "around",
    "across",
    "on",
    "over",
    "through",
    "across",
    "inside",
    "within",
    "between",
    "and",
    "village",
    "town",
    "city",
    "district",
    "base",
    "province",
    "governorate",
    "oblast",
];
const COMPASS: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "upper",
    "lower",
    "greater",
    "new",
    "old",
];
/// Words before a place that make it approximate (compass words count too).
const NEAR: &[&str] = &[
    "near",
    "outside",
    "outskirts",
    "close",
    "km",
    "kilometres",
    "kilometers",
    "miles",
    "vicinity",
];

/// Capitalised, a number, or an Arabic name with its article ("al-Rai", "ad-Dana").
fn is_cap(t: &str) -> bool {
    if t.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    {
        return true;
    }
    t.split_once(['-', '‐']).is_some_and(|(art, rest)| {
        ARTICLES.contains(&art) && rest.chars().next().is_some_and(char::is_uppercase)
    })
}

const ARTICLES: &[&str] = &["al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ul"];

/// Fills `doc.places`.
pub fn find_places(doc: &mut Doc, ctx: &Ctx) {
    let g = &ctx.lex.gazetteer;
    // countries named anywhere in the document, and per sentence
    let mut doc_countries: HashMap<String, u32> = HashMap::new();
    for a in &doc.actors {
        if let Some(c) = &a.country {
            *doc_countries.entry(c.clone()).or_default() += 1;
        }
    }
    let blocked: Vec<Span> = doc
        .actors
        .iter()
        .filter(|a| {
            matches!(a.kind, ActorKind::Org | ActorKind::Person)
                || (a.kind == ActorKind::Agent && a.country.is_none())
        })
        .map(|a| a.span)
        .chain(doc.weapons.iter().map(|w| w.span))
        .collect();
    let mut found: Vec<(PlaceMention, usize)> = Vec::new();
    for (si, s) in doc.sentences.iter().enumerate() {
        let toks = &doc.tokens[s.tok_start as usize..s.tok_end as usize];
        let a0 = doc.actors.partition_point(|a| a.span.start < s.span.start);
        let a1 = doc.actors.partition_point(|a| a.span.start < s.span.end);
        let sentence_actors = &doc.actors[a0..a1];
        let mut k = 0;
        while k < toks.len() {
            let t0 = doc.slice(toks[k].span);
            if !is_cap(t0) || !t0.chars().next().is_some_and(char::is_alphanumeric) {
                k += 1;
                continue;
            }
            let mut best: Option<(usize, Vec<u32>)> = None;
            let maxn = g.max_words().min(toks.len() - k).min(7);
            for n in (1..=maxn).rev() {
                let last = doc.slice(toks[k + n - 1].span);
                if !is_cap(last) {
                    continue;
                }
                // inner tokens: words, capitalised or particles
                let inner_ok = toks[k..k + n].iter().all(|t| {
                    let w = doc.slice(t.span);
                    w.chars().next().is_some_and(char::is_alphanumeric)
                        && (is_cap(w) || PARTICLES.contains(&w.to_lowercase().as_str()))
                });
                if !inner_ok {
                    continue;
                }
                let span = Span::new(toks[k].span.s(), toks[k + n - 1].span.e());
                if blocked.iter().any(|b| b.overlaps(span))
                    || doc.times.iter().any(|t| t.span.overlaps(span))
                {
                    continue;
                }
                // a lone all-capitals word is an acronym or a zone ("EST"), not a place
                if n == 1
                    && last.chars().all(|c| c.is_uppercase() || !c.is_alphabetic())
                    && last.chars().count() <= 4
                {
                    continue;
                }
                let key = fold_name(doc.slice(span));
                // months, weekdays, compass words and very short words are not places on their own
                if n == 1
                    && (key.len() < 3
                        || ctx.lex.time_words.contains_key(&key)
                        || COMPASS.contains(&key.as_str()))
                {
                    continue;
                }
                if let Some(e) = ctx.lex.actors.get(&key)
                    && e.kind == ActorEntryKind::Demonym
                {
                    continue;
                }
                let mut c = g.lookup(&key);
                // "Syria's desert": the possessive is not part of the name
                if c.is_empty()
                    && let Some(k) = key.strip_suffix(" s")
                {
                    c = g.lookup(k);
                }
                if !c.is_empty() {
                    best = Some((n, c));
                    break;
                }
            }
            let Some((n, cands)) = best else {
                k += 1;
                continue;
            };
            let mut span = Span::new(toks[k].span.s(), toks[k + n - 1].span.e());
            for suffix in ["'s", "’s"] {
                if doc.slice(span).ends_with(suffix) {
                    span = Span::new(span.s(), span.e() - suffix.len());
                }
            }
            let prev: Vec<String> = toks[k.saturating_sub(3)..k]
                .iter()
                .map(|t| doc.slice(t.span).to_lowercase())
                .collect();
            let prep = prev.last().is_some_and(|p| LOCATIVE.contains(&p.as_str()));
            let near = prev.iter().any(|p| {
                NEAR.contains(&p.as_str())
                    || (COMPASS.contains(&p.as_str())
                        && !matches!(
                            p.as_str(),
                            "new" | "old" | "upper" | "lower" | "greater" | "central"
                        ))
            });
            let text = doc.slice(span);
            let has_division = text
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| DIVISION_WORDS.contains(&w.to_lowercase().as_str()));
            // sentence countries
            let sent_countries: Vec<&str> = sentence_actors
                .iter()
                .filter_map(|a| a.country.as_deref())
                .collect();
            let mut scored: Vec<(f64, u32)> = cands
                .iter()
                .map(|&i| {
                    let p = g.place(i);
                    let mut sc = match p.kind {
                        PlaceKind::Country => 100.0,
                        PlaceKind::Admin1 => {
                            if has_division {
                                80.0
                            } else {
                                30.0
                            }
                        }
                        PlaceKind::Facility => 70.0,
                        PlaceKind::Locality => 10.0 + (p.population.max(1) as f64).log10() * 5.0,
                    };
                    if let Some(&cnt) = doc_countries.get(p.country) {
                        sc += 30.0 + (cnt.min(10) as f64);
                    }
                    if sent_countries.contains(&p.country) {
                        sc += 30.0;
                    }
                    (sc, i)
                })
                .collect();
            scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            let (_, pi) = scored[0];
            let p = g.place(pi);
            // a lone capitalised word is a place only after a locative word, or when it is well known
            let single = n == 1;
            let sentence_initial = k == 0;
            let known = matches!(
                p.kind,
                PlaceKind::Country | PlaceKind::Admin1 | PlaceKind::Facility
            ) || p.population >= 100_000;
            if (single || sentence_initial) && !prep && !known
                || (p.kind == PlaceKind::Locality && !prep && p.population < 1000)
            {
                k += 1;
                continue;
            }
            found.push((mention(span, p, pi, near), si));
            *doc_countries.entry(p.country.to_string()).or_default() += 1;
            k += n;
        }
    }
    let mut places: Vec<PlaceMention> = found.into_iter().map(|(m, _)| m).collect();
    appositive_facilities(doc, &mut places);
    unknown_places(doc, ctx, &mut places);
    places.sort_by_key(|p| p.span.start);
    doc.places = places;
}

/// Words after which a capitalised name is a place even when the gazetteer
/// does not know it ("in Akashat", "the town of Ayyash").
const PLACE_CUES: &[&[&str]] = &[
    &["in"],
    &["at"],
    &["near"],
    &["outside"],
    &["town", "of"],
    &["village", "of"],
    &["city", "of"],
    &["district", "of"],
    &["outskirts", "of"],
    &["province", "of"],
    &["villages", "of"],
];

/// Places missing from the gazetteer: reported by name, with the country
/// the sentence (or else the report) names, and no coordinates.
fn unknown_places(doc: &Doc, ctx: &Ctx, places: &mut Vec<PlaceMention>) {
    let mut doc_countries: HashMap<&str, usize> = HashMap::new();
    for p in places.iter() {
        if let Some(c) = &p.country {
            *doc_countries.entry(c.as_str()).or_default() += 1;
        }
    }
    let doc_top = doc_countries
        .iter()
        .max_by_key(|(c, n)| (**n, std::cmp::Reverse(**c)))
        .map(|(c, _)| c.to_string());
    let mut add = Vec::new();
    for s in &doc.sentences {
        let toks = &doc.tokens[s.tok_start as usize..s.tok_end as usize];
        for k in 1..toks.len() {
            let w = doc.slice(toks[k].span);
            if !is_cap(w)
                || w.chars().next().is_some_and(|c| c.is_ascii_digit())
                || !w.chars().any(char::is_lowercase)
                || w.ends_with("\'s")
                || w.ends_with("’s")
            {
                continue;
            }
            let cue = PLACE_CUES.iter().any(|c| {
                k >= c.len()
                    && c.iter().enumerate().all(|(i, cw)| {
                        doc.slice(toks[k - c.len() + i].span)
                            .eq_ignore_ascii_case(cw)
                    })
            });
            if !cue {
                continue;
            }
            let mut j = k;
            while j + 1 < toks.len() && j - k < 2 {
                let n = doc.slice(toks[j + 1].span);
                if n.chars().next().is_some_and(char::is_uppercase)
                    && n.chars().any(char::is_lowercase)
                {
                    j += 1;
                } else {
                    break;
                }
            }
            let span = Span::new(toks[k].span.s(), toks[j].span.e());
            let key = fold_name(doc.slice(span));
            let known_word = ctx.lex.time_words.contains_key(&key)
                || ctx.lex.actors.get(&key).is_some()
                || ctx.lex.agents.get(&key).is_some();
            if known_word
                || places
                    .iter()
                    .chain(add.iter())
                    .any(|p: &PlaceMention| p.span.overlaps(span))
                || doc.actors.iter().any(|a| a.span.overlaps(span))
                || doc.weapons.iter().any(|a| a.span.overlaps(span))
                || doc.times.iter().any(|a| a.span.overlaps(span))
            {
                continue;
            }
            // the country the sentence names, else the report's
            let sent_country = places
                .iter()
                .filter(|p| s.span.contains(p.span) && p.country.is_some())
                .map(|p| p.country.clone())
                .next()
                .flatten();
            let actor_country = doc
                .actors
                .iter()
                .filter(|a| s.span.contains(a.span))
                .find_map(|a| a.country.clone());
            let country = sent_country.or(actor_country).or(doc_top.clone());
            let tz = country
                .as_deref()
                .and_then(|c| ctx.lex.gazetteer.country(c))
                .and_then(|c| c.tz.map(str::to_string));
            let near = k >= 1 && doc.slice(toks[k - 1].span).eq_ignore_ascii_case("near");
            add.push(PlaceMention {
                span,
                name: doc.slice(span).to_string(),
                country,
                admin1: None,
                lat: None,
                lon: None,
                kind: PlaceKind::Locality,
                near,
                tz,
                geonameid: None,
            });
        }
    }
    places.extend(add);
}

/// Words for sites that an appositive names: "Tower 22, a US base in Jordan".
const SITE_WORDS: &[&str] = &[
    "base",
    "outpost",
    "garrison",
    "airbase",
    "airfield",
    "airport",
    "installation",
    "facility",
    "camp",
    "port",
    "checkpoint",
    "compound",
    "barracks",
    "depot",
    "plant",
    "refinery",
    "crossing",
];

/// A name the gazetteer lacks, described by an appositive that gives its
/// country: "Tower 22, a US base in Jordan" is a facility in Jordan.
fn appositive_facilities(doc: &Doc, places: &mut Vec<PlaceMention>) {
    for s in &doc.sentences {
        let toks = &doc.tokens[s.tok_start as usize..s.tok_end as usize];
        for k in 0..toks.len() {
            if doc.slice(toks[k].span) != "," {
                continue;
            }
            // ", a ... base ... in COUNTRY" within ten words
            let Some(a) = toks.get(k + 1) else { continue };
            if !matches!(doc.slice(a.span), "a" | "an" | "the") {
                continue;
            }
            let window = &toks[k + 2..(k + 12).min(toks.len())];
            let Some(site) = window
                .iter()
                .position(|t| SITE_WORDS.contains(&doc.slice(t.span).to_lowercase().as_str()))
            else {
                continue;
            };
            let after_site = window[site].span.e();
            let Some(country) = places.iter().find(|p| {
                p.kind == PlaceKind::Country
                    && p.span.s() > after_site
                    && p.span.s() < after_site + 24
            }) else {
                continue;
            };
            // the name before the comma: capitalised words and numbers
            let mut j = k;
            while j > 0 {
                let w = doc.slice(toks[j - 1].span);
                if w.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                    && w.chars().any(char::is_alphanumeric)
                {
                    j -= 1;
                } else {
                    break;
                }
            }
            if j == k {
                continue;
            }
            let span = Span::new(toks[j].span.s(), toks[k - 1].span.e());
            if places.iter().any(|p| p.span.overlaps(span))
                || doc.actors.iter().any(|a| a.span.overlaps(span))
            {
                continue;
            }
            let c = country.clone();
            places.push(PlaceMention {
                span,
                name: doc.slice(span).to_string(),
                country: c.country.clone(),
                admin1: None,
                lat: None,
                lon: None,
                kind: PlaceKind::Facility,
                near: false,
                tz: c.tz.clone(),
                geonameid: None,
            });
        }
    }
}

fn mention(span: Span, p: PlaceRef, idx: u32, near: bool) -> PlaceMention {
    let _ = idx;
    PlaceMention {
        span,
        name: p.name.to_string(),
        country: Some(p.country.to_string()),
        admin1: p.admin1.map(str::to_string),
        lat: p.lat,
        lon: p.lon,
        kind: p.kind,
        near,
        tz: p.tz.map(str::to_string),
        geonameid: p.geonameid,
    }
}
