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
    "al", "el", "ad", "ed", "ar", "er", "as", "es", "ash", "esh", "at", "et", "az", "ez", "an",
    "en", "de", "del", "la", "le", "of", "the", "bin", "ibn", "abu", "um", "umm", "wa", "y", "da",
    "do", "dos", "das", "au", "aux", "sur",
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
/// Compass words that are part of a name or an adjective, never "X of".
const COMPASS_ADJ: &[&str] = &[
    "northern", "southern", "eastern", "western", "central", "upper", "lower", "greater", "new",
    "old",
];
/// Words before a place that make it approximate ("north of X" counts too).
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
    "around",
    "suburbs",
    "environs",
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

/// Arabic articles as transliterations write them before a hyphen
/// ("al-Rai", "ez-Zor", "ed-Dahab", "esh-Sham").
const ARTICLES: &[&str] = &[
    "al", "el", "ad", "ed", "ar", "er", "as", "es", "ash", "esh", "at", "et", "az", "ez", "an",
    "en", "ul", "adh", "ath", "dh",
];

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
                if let Some(e) = ctx.lex.actor(&key, None)
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
            // "near X", "outskirts of X", "north of X" (but not "north from X" or "eastern X")
            let compass_of = prev.len() >= 2
                && prev[prev.len() - 1] == "of"
                && prev[prev.len() - 2]
                    .split('-')
                    .all(|w| COMPASS.contains(&w) && !COMPASS_ADJ.contains(&w));
            let near = compass_of || prev.iter().any(|p| NEAR.contains(&p.as_str()));
            let text = doc.slice(span);
            let has_division = text
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| DIVISION_WORDS.contains(&w.to_lowercase().as_str()));
            // sentence countries
            let sent_countries: Vec<&str> = sentence_actors
                .iter()
                .filter_map(|a| a.country.as_deref())
                .collect();
            let located = locating_words(doc, g, toks, k + n);
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
                    // "Paris, Texas": the words after the name say where it is
                    if let Some(l) = located
                        && l.country == p.country
                        && p.kind != l.kind
                    {
                        sc += 100.0;
                        if l.kind == PlaceKind::Admin1 && l.admin1 == p.admin1 {
                            sc += 50.0;
                        }
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
            // a place of a country the sentence or the report names, or one the next
            // words locate ("Saraqib in Idlib province", "Paris, Texas")
            let in_context = sent_countries.contains(&p.country)
                || doc_countries.get(p.country).is_some_and(|&c| c >= 2)
                || located.is_some_and(|l| l.country == p.country);
            // GeoNames writes 0 for an unknown population: unknown is not small
            let small = p.population > 0 && p.population < 1000;
            // "Ras" of "Ras Al-Rayn": the first words of a longer name the gazetteer lacks
            let run_continues = toks.get(k + n).is_some_and(|t| {
                let w = doc.slice(t.span);
                is_cap(w) && w.chars().next().is_some_and(char::is_alphabetic)
            });
            // "War" of "Syrian Civil War", "Prosperity" of "Operation Prosperity Guardian":
            // the last words of a longer name
            let inside_name =
                single && k > 0 && p.kind == PlaceKind::Locality && located.is_none() && {
                    let w = doc.slice(toks[k - 1].span);
                    w.chars().next().is_some_and(char::is_uppercase)
                        && !COMPASS.contains(&w.to_lowercase().as_str())
                        && !ctx.lex.actor(&fold_name(w), None).is_some_and(|e| {
                            matches!(e.kind, ActorEntryKind::Demonym | ActorEntryKind::Country)
                        })
                };
            if inside_name
                || (single || sentence_initial) && !prep && !known && !in_context
                || (p.kind == PlaceKind::Locality && !prep && small && !in_context)
                || (p.kind == PlaceKind::Locality && run_continues && !in_context)
            {
                // the whole run is rejected, not just its first word: "Ras al-Ayn" is
                // not a chance to read "al-Ayn" alone
                k += n;
                continue;
            }
            found.push((mention(span, p, pi, near), si));
            if !p.country.is_empty() {
                *doc_countries.entry(p.country.to_string()).or_default() += 1;
            }
            k += n;
        }
    }
    let mut places: Vec<PlaceMention> = found.into_iter().map(|(m, _)| m).collect();
    appositive_facilities(doc, &mut places);
    unknown_places(doc, ctx, &mut places);
    places.sort_by_key(|p| p.span.start);
    anaphoric_places(doc, &mut places);
    doc.places = places;
}

/// Nouns that point back at a place named before: "the town", "the city".
/// Each takes the kinds of place it can refer to.
const PLACE_NOUNS: &[(&str, &[PlaceKind])] = &[
    ("town", &[PlaceKind::Locality]),
    ("city", &[PlaceKind::Locality]),
    ("village", &[PlaceKind::Locality]),
    ("capital", &[PlaceKind::Locality]),
    ("base", &[PlaceKind::Facility]),
    ("airbase", &[PlaceKind::Facility]),
    ("airport", &[PlaceKind::Facility]),
    ("port", &[PlaceKind::Facility, PlaceKind::Locality]),
    ("province", &[PlaceKind::Admin1]),
    ("governorate", &[PlaceKind::Admin1]),
    ("oblast", &[PlaceKind::Admin1]),
    ("region", &[PlaceKind::Admin1]),
];

/// "the town", "the city", ...: a later mention of the last place of its
/// kind named before it, in the same section. Not "the town of X" (a name
/// follows) nor "the towns" (many).
fn anaphoric_places(doc: &Doc, places: &mut Vec<PlaceMention>) {
    let mut add = Vec::new();
    for s in &doc.sentences {
        let toks = &doc.tokens[s.tok_start as usize..s.tok_end as usize];
        for k in 1..toks.len() {
            let det = doc.slice(toks[k - 1].span);
            if !(det.eq_ignore_ascii_case("the") || det.eq_ignore_ascii_case("this")) {
                continue;
            }
            let noun = doc.slice(toks[k].span).to_lowercase();
            let Some((_, kinds)) = PLACE_NOUNS.iter().find(|(w, _)| *w == noun) else {
                continue;
            };
            let next = toks.get(k + 1).map(|t| doc.slice(t.span));
            if next.is_some_and(|n| {
                n == "of" || n == "'s" || n.chars().next().is_some_and(char::is_uppercase)
            }) {
                continue;
            }
            let span = Span::new(toks[k - 1].span.s(), toks[k].span.e());
            if places.iter().any(|p| p.span.overlaps(span)) {
                continue;
            }
            let Some(ante) = antecedent(places, s.span, span, kinds) else {
                continue;
            };
            add.push(PlaceMention {
                span,
                near: false,
                antecedent: Some(ante.span),
                ..ante.clone()
            });
        }
    }
    if !add.is_empty() {
        places.extend(add);
        places.sort_by_key(|p| p.span.start);
    }
}

/// The division or country the words at `at` place a name in: ", Texas",
/// "in Idlib province", "(Syria)". Returns the entry of that division or
/// country.
fn locating_words<'g>(
    doc: &Doc,
    g: &'g sitrep_lexicon::Gazetteer,
    toks: &[sitrep_core::Token],
    at: usize,
) -> Option<PlaceRef<'g>> {
    let first = toks.get(at)?;
    if !matches!(doc.slice(first.span), "," | "in" | "(") {
        return None;
    }
    // the capitalised run after the cue, up to four words
    let mut end = at + 1;
    while end < toks.len() && end - at <= 4 && is_cap(doc.slice(toks[end].span)) {
        end += 1;
    }
    (at + 2..=end).rev().find_map(|e| {
        let span = Span::new(toks[at + 1].span.s(), toks[e - 1].span.e());
        let key = fold_name(doc.slice(span));
        let key = DIVISION_WORDS
            .iter()
            .find_map(|w| key.strip_suffix(w).map(str::trim_end))
            .unwrap_or(&key);
        g.lookup(key)
            .iter()
            .map(|&i| g.place(i))
            .find(|q| q.kind == PlaceKind::Admin1 || q.kind == PlaceKind::Country)
    })
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
            // where the report's places are, before the nationality of its actors
            let country = sent_country.or(doc_top.clone()).or(actor_country);
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
                antecedent: None,
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
                antecedent: None,
            });
        }
    }
}

/// The place "the town" refers to: one of its kind named earlier in the
/// same sentence, else the one the report has named most often so far (the
/// place it is about: "Battle of Trostianets" ... "the city"), the latest
/// on a tie.
fn antecedent<'p>(
    places: &'p [PlaceMention],
    sentence: Span,
    at: Span,
    kinds: &[PlaceKind],
) -> Option<&'p PlaceMention> {
    let before = || {
        places
            .iter()
            .filter(move |p| p.span.e() <= at.s() && p.antecedent.is_none())
            .filter(|p| kinds.contains(&p.kind))
    };
    if let Some(p) = before().rev().find(|p| sentence.contains(p.span)) {
        return Some(p);
    }
    let mut tally: Vec<(&PlaceMention, usize, usize)> = Vec::new(); // (first, mentions, latest order)
    for (order, p) in before().enumerate() {
        match tally
            .iter_mut()
            .find(|(q, _, _)| q.name == p.name && q.country == p.country)
        {
            // the first mention keeps the report's own spelling ("Trostianets", not a
            // later "Trostyanets")
            Some(t) => {
                t.1 += 1;
                t.2 = order;
            }
            None => tally.push((p, 1, order)),
        }
    }
    tally
        .into_iter()
        .max_by_key(|(_, n, order)| (*n, *order))
        .map(|(p, _, _)| p)
}

fn mention(span: Span, p: PlaceRef, idx: u32, near: bool) -> PlaceMention {
    let _ = idx;
    PlaceMention {
        span,
        name: p.name.to_string(),
        // seas and straits belong to no country
        country: (!p.country.is_empty()).then(|| p.country.to_string()),
        admin1: p.admin1.map(str::to_string),
        lat: p.lat,
        lon: p.lon,
        kind: p.kind,
        near,
        tz: p.tz.map(str::to_string),
        geonameid: p.geonameid,
        antecedent: None,
    }
}
