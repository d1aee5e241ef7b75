//! Properties of the blocking merge, on random small inputs:
//! - with a window wider than the input it finds exactly the clusters of
//!   the all-pairs merge it replaced (restricted to pairs that share a
//!   country or a place, or where one names no country);
//! - adding reports in several batches gives the same records as adding
//!   them at once, whatever the window;
//! - the output does not depend on anything but the input.

use proptest::prelude::*;
use sitrep_core::fold::fold_name;
use sitrep_core::record::{Actor, DateRange, Event, Location, Quantity, Source};
use sitrep_merge::{Config, Merger, STRONG, THRESHOLD, score};

fn actor(country: Option<&str>, canonical: Option<&str>) -> Actor {
    Actor {
        name: canonical.unwrap_or("someone").into(),
        country: country.map(Into::into),
        canonical: canonical.map(Into::into),
        sector: None,
        ident: None,
        evidence: None,
    }
}

fn place(name: Option<&str>, country: Option<&str>, admin1: Option<&str>) -> Location {
    Location {
        name: name.map(Into::into),
        gazetteer_name: None,
        country: country.map(Into::into),
        admin1: admin1.map(Into::into),
        lat: None,
        lon: None,
        precision: if name.is_some() { "exact" } else { "country" }.into(),
        geonameid: None,
        evidence: None,
    }
}

const DATES: &[(Option<&str>, Option<&str>)] = &[
    (None, None),
    (Some("2024-01-01"), Some("2024-01-01")),
    (Some("2024-01-02"), Some("2024-01-02")),
    (Some("2024-01-02"), Some("2024-01-02")),
    (Some("2024-01-03"), Some("2024-01-03")),
    (Some("2024-01-01"), Some("2024-01-03")),
    (Some("2024-01-01"), Some("2024-01-31")),
    (Some("2024-1-2"), None),
    (Some("2024-01-02"), None),
];
const COUNTRIES: &[Option<&str>] = &[None, Some("USA"), Some("IRQ"), Some("SYR")];
const PLACES: &[(Option<&str>, Option<&str>, Option<&str>)] = &[
    (None, Some("IRQ"), None),
    (Some("Mosul"), Some("IRQ"), Some("Nineveh")),
    (Some("Nineveh"), Some("IRQ"), Some("Nineveh")),
    (Some("Erbil"), Some("IRQ"), Some("Erbil")),
    (Some("Mosul"), None, None),
    (Some("Raqqa"), Some("SYR"), Some("Raqqa")),
];

/// An event from small numbers, so that random inputs collide often.
#[allow(clippy::too_many_arguments)]
fn event(
    doc: usize,
    n: usize,
    etype: usize,
    child: bool,
    date: usize,
    actor_c: usize,
    target_c: usize,
    places: &[usize],
    fatal: usize,
    mode: bool,
    canonical: bool,
) -> Event {
    let (start, end) = DATES[date];
    Event {
        id: format!("d{doc}#{n}"),
        parent: child.then(|| format!("d{doc}#1")),
        etype: ["ASSAULT", "PROTEST"][etype].into(),
        mode: mode.then(|| "aerial".into()),
        cameo: None,
        acled_event_type: None,
        acled_sub_event_type: None,
        date: DateRange {
            start: start.map(Into::into),
            end: end.map(Into::into),
        },
        time_utc: None,
        actors: vec![actor(
            COUNTRIES[actor_c],
            canonical.then_some("US Armed Forces"),
        )],
        targets: if target_c == 0 {
            vec![]
        } else {
            vec![actor(COUNTRIES[target_c], None)]
        },
        locations: places
            .iter()
            .map(|&p| place(PLACES[p].0, PLACES[p].1, PLACES[p].2))
            .collect(),
        fatalities: [None, Some(3), Some(5)][fatal].map(Quantity::exact),
        injuries: None,
        counts: Default::default(),
        weapons: vec![],
        sources: vec![Source {
            doc: format!("d{doc}"),
            sentence: format!("sentence {n} of d{doc}"),
            start: n * 10,
            end: n * 10 + 9,
        }],
        disagreements: vec![],
        copies: vec![],
        triggers: vec![],
    }
}

fn arb_doc(doc: usize) -> impl Strategy<Value = Vec<Event>> {
    prop::collection::vec(
        (
            0..2usize,
            prop::bool::weighted(0.2),
            0..DATES.len(),
            0..COUNTRIES.len(),
            0..COUNTRIES.len(),
            prop::collection::vec(0..PLACES.len(), 0..3),
            0..3usize,
            any::<bool>(),
            any::<bool>(),
        ),
        0..5,
    )
    .prop_map(move |v| {
        v.into_iter()
            .enumerate()
            .map(|(n, (t, child, d, a, tc, p, f, m, c))| {
                event(doc, n + 1, t, child && n > 0, d, a, tc, &p, f, m, c)
            })
            .collect()
    })
}

fn arb_docs() -> impl Strategy<Value = Vec<Vec<Event>>> {
    (1..8usize).prop_flat_map(|n| (0..n).map(arb_doc).collect::<Vec<_>>())
}

// ---- the all-pairs reference ----

fn strict_day(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() != 10 || !(0..10).all(|i| i == 4 || i == 7 || b[i].is_ascii_digit()) {
        return None;
    }
    let d = sitrep_core::Day::parse(s)?;
    (d.d <= sitrep_core::Day::month_len(d.y, d.m)).then(|| d.ordinal())
}

fn short_span(e: &Event) -> Option<(i64, i64)> {
    let s = e.date.start.as_deref()?;
    let a = strict_day(s)?;
    let b = strict_day(e.date.end.as_deref().unwrap_or(s))?;
    (a <= b && b - a < 7).then_some((a, b))
}

fn countries(e: &Event) -> Vec<String> {
    let mut v: Vec<String> = e
        .actors
        .iter()
        .chain(&e.targets)
        .filter_map(|a| a.country.clone())
        .chain(e.locations.iter().filter_map(|l| l.country.clone()))
        .collect();
    v.sort();
    v.dedup();
    v
}

fn places(e: &Event) -> Vec<String> {
    let mut v = Vec::new();
    for l in &e.locations {
        let c = l.country.clone().unwrap_or_default();
        if let Some(n) = &l.name {
            v.push(format!("p {} {c}", fold_name(n)));
        }
        if let Some(a) = &l.admin1 {
            v.push(format!("a {a} {c}"));
        }
    }
    v
}

fn eligible(a: &Event, b: &Event) -> bool {
    let (ca, cb) = (countries(a), countries(b));
    let shared = ca.iter().any(|x| cb.contains(x))
        || places(a).iter().any(|x| places(b).contains(x))
        || ca.is_empty()
        || cb.is_empty();
    match (short_span(a), short_span(b)) {
        (Some((a1, a2)), Some((b1, b2))) => a1 <= b2 && b1 <= a2 && shared,
        _ => shared,
    }
}

/// The town or site an event names, as the index keys it.
fn site(e: &Event) -> Option<String> {
    e.locations
        .iter()
        .filter(|l| matches!(l.precision.as_str(), "exact" | "near"))
        .find_map(|l| l.name.as_deref().map(fold_name))
}

fn docs(e: &Event) -> Vec<String> {
    let mut v: Vec<String> = e
        .sources
        .first()
        .map(|s| s.doc.clone())
        .into_iter()
        .collect();
    v.extend(e.sources.iter().map(|s| s.doc.clone()));
    v.extend(e.copies.iter().cloned());
    v
}

fn find(p: &mut [usize], i: usize) -> usize {
    if p[i] != i {
        let r = find(p, p[i]);
        p[i] = r;
    }
    p[i]
}

/// The merge before blocking: all pairs, best first, one event per document,
/// one day common to every dated event, one town or site, and actors and
/// places of a shared country in a cluster.
fn reference(events: &[Event]) -> Vec<Vec<usize>> {
    let n = events.len();
    let mut pairs = Vec::new();
    for i in 0..n {
        for j in i + 1..n {
            if events[i].etype != events[j].etype || !eligible(&events[i], &events[j]) {
                continue;
            }
            let s = score(&events[i], &events[j]);
            let dated = events[i].date.start.is_some() && events[j].date.start.is_some();
            if s >= THRESHOLD && (dated || s >= STRONG) {
                pairs.push((std::cmp::Reverse(s), i, j));
            }
        }
    }
    pairs.sort();
    let mut parent: Vec<usize> = (0..n).collect();
    let mut docs_in: Vec<Vec<String>> = events.iter().map(docs).collect();
    let mut members: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    for (_, i, j) in pairs {
        let (ri, rj) = (find(&mut parent, i), find(&mut parent, j));
        if ri == rj || docs_in[ri].iter().any(|d| docs_in[rj].contains(d)) {
            continue;
        }
        // one day common to every dated member
        let dated: Vec<(&str, &str)> = members[ri]
            .iter()
            .chain(&members[rj])
            .filter_map(|&m| {
                let s = events[m].date.start.as_deref()?;
                Some((s, events[m].date.end.as_deref().unwrap_or(s)))
            })
            .collect();
        let lo = dated.iter().map(|d| d.0).max();
        let hi = dated.iter().map(|d| d.1).min();
        if lo > hi {
            continue;
        }
        // one town or site per cluster
        let mut sites: Vec<String> = members[ri]
            .iter()
            .chain(&members[rj])
            .filter_map(|&m| site(&events[m]))
            .collect();
        sites.sort();
        sites.dedup();
        if sites.len() > 1 {
            continue;
        }
        // actors of a shared country, places of a shared country
        let set = |ms: &[usize], f: &dyn Fn(&Event) -> Vec<String>| -> Vec<String> {
            ms.iter().flat_map(|&m| f(&events[m])).collect()
        };
        let actor_c = |e: &Event| e.actors.iter().filter_map(|a| a.country.clone()).collect();
        let place_c = |e: &Event| {
            e.locations
                .iter()
                .filter_map(|l| l.country.clone())
                .collect()
        };
        let disjoint = |x: Vec<String>, y: Vec<String>| {
            !x.is_empty() && !y.is_empty() && !x.iter().any(|c| y.contains(c))
        };
        if disjoint(set(&members[ri], &actor_c), set(&members[rj], &actor_c))
            || disjoint(set(&members[ri], &place_c), set(&members[rj], &place_c))
        {
            continue;
        }
        let (keep, gone) = (ri.min(rj), ri.max(rj));
        parent[gone] = keep;
        let moved = std::mem::take(&mut members[gone]);
        members[keep].extend(moved);
        let moved = std::mem::take(&mut docs_in[gone]);
        docs_in[keep].extend(moved);
    }
    let mut clusters: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for i in 0..n {
        let r = find(&mut parent, i);
        clusters.entry(r).or_default().push(i);
    }
    clusters.into_values().collect()
}

fn json(events: &[Event]) -> Vec<String> {
    events
        .iter()
        .map(|e| serde_json::to_string(e).unwrap())
        .collect()
}

fn wide() -> Config {
    Config {
        window: 10_000,
        ..Config::default()
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn an_unbounded_window_finds_the_all_pairs_clusters(per_doc in arb_docs()) {
        let flat: Vec<Event> = per_doc.iter().flatten().cloned().collect();
        let mut m = Merger::with_config(wide());
        m.add(per_doc);
        prop_assert_eq!(m.clusters(), reference(&flat));
    }

    #[test]
    fn adding_in_batches_is_adding_at_once(per_doc in arb_docs(), cut1 in 0..8usize, cut2 in 0..8usize, window in 1..4usize) {
        let cfg = Config { window, ..Config::default() };
        let mut once = Merger::with_config(cfg);
        once.add(per_doc.clone());
        let (c1, c2) = (cut1.min(cut2).min(per_doc.len()), cut1.max(cut2).min(per_doc.len()));
        let mut inc = Merger::with_config(cfg);
        inc.add(per_doc[..c1].to_vec());
        let _ = inc.events(); // reading in between changes nothing
        inc.add(per_doc[c1..c2].to_vec());
        inc.add(per_doc[c2..].to_vec());
        prop_assert_eq!(inc.clusters(), once.clusters());
        prop_assert_eq!(json(&inc.events()), json(&once.into_events()));
    }

    #[test]
    fn merge_into_unmerged_records_is_one_merge(per_doc in arb_docs(), cut in 0..8usize) {
        let cut = cut.min(per_doc.len());
        let earlier: Vec<Event> = per_doc[..cut].iter().flatten().cloned().collect();
        let both = sitrep_merge::merge_into(earlier, per_doc[cut..].to_vec());
        prop_assert_eq!(json(&both), json(&sitrep_merge::merge(per_doc)));
    }
}
