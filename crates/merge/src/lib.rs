//! One event, many reports: merging event records across documents.
//!
//! Candidate pairs come from a blocking index ([`index`]): events of one
//! PLOVER type and level (an operation with an operation, a strike site
//! with a strike site) that share a day and a country or a place, compared
//! within a window of arrival order, so the work grows as n log n, not n².
//! Each pair gets a match score over actors, targets, places, day, counts,
//! weapons and mode. Pairs above the threshold are merged, best first, never
//! two events of one document and never two events on different days. The
//! merged record keeps every source and takes, field by field, the
//! best-supported value: an exact number over a hedged one, the most
//! specific place, a single day over a span. Where sources differ,
//! `disagreements` lists every claim with its document, and says whether
//! the claims are compatible ("85" and "more than 85") or in conflict.
//!
//! [`Merger`] keeps the index between calls, so reports that arrive later
//! merge into the records of earlier ones with the same result as one merge
//! of everything. [`near_duplicates`] finds syndicated copies and updated
//! versions of one story from the texts, and [`fold_copies`] makes each
//! group count as one report.

use sitrep_core::fold::fold_name;
pub mod index;
pub mod neardup;
pub mod records;
pub mod synth;
pub mod view;

pub use index::{Config, Merger, Stats};
pub use neardup::{DocText, Group, day_hint, fold_copies, near_duplicates};
pub use records::{RecordError, parse_record, read_records, read_records_parallel};
pub use sitrep_core::record::relation;
use sitrep_core::record::{Claim, Disagreement, Event, Location, Qualifier, Quantity};
use std::collections::BTreeMap;
pub use view::{View, score_views};

/// Score at which two records are taken for the same event.
pub const THRESHOLD: i32 = 4;

/// Score needed when one of the two records has no day.
pub const STRONG: i32 = 7;

fn doc_of(e: &Event) -> &str {
    e.sources.first().map_or("", |s| s.doc.as_str())
}

pub(crate) fn day_range(e: &Event) -> Option<(&str, &str)> {
    let s = e.date.start.as_deref()?;
    Some((s, e.date.end.as_deref().unwrap_or(s)))
}

/// Do two locations name the same place? The gazetteer's identity when both
/// were resolved, else the name as written, folded.
pub fn same_place(a: &Location, b: &Location) -> bool {
    if a.country != b.country {
        return false;
    }
    if let (Some(x), Some(y)) = (a.geonameid, b.geonameid) {
        return x == y;
    }
    match (&a.gazetteer_name, &b.gazetteer_name) {
        (Some(x), Some(y)) => x == y,
        _ => match (&a.name, &b.name) {
            (Some(x), Some(y)) => fold_name(x) == fold_name(y),
            (None, None) => true,
            _ => false,
        },
    }
}

/// How strongly two records look like the same event (higher is stronger);
/// `i32::MIN` when they cannot be one (another type or level, one report,
/// days that do not meet). See [`view::score_views`], which the index
/// calls on views it keeps.
pub fn score(a: &Event, b: &Event) -> i32 {
    score_views(&View::of(a), &View::of(b))
}

/// Overlap of the wording of two events' sources: shared content words over
/// the smaller set (a short sentence quoted inside a longer one counts
/// fully); nothing when either has fewer than five.
pub fn wording(a: &Event, b: &Event) -> f64 {
    view::wording(&View::of(a), &View::of(b))
}

/// Merges the events of many documents (one list per document, in input
/// order). Output order follows the first appearance of each event.
///
/// Candidates come from the blocking index ([`Merger`]); see the module
/// [`index`] for the keys and the bounds.
pub fn merge(per_doc: Vec<Vec<Event>>) -> Vec<Event> {
    let mut m = Merger::new();
    m.add(per_doc);
    m.into_events()
}

/// Merges the events of new reports into records merged earlier.
///
/// `existing` records stay whole (a record that already fuses several
/// reports is never split; it counts as all of its documents), and new
/// events join them under the same rules. When `existing` holds unmerged
/// records (`sitrep extract --no-merge`), the result is exactly
/// `merge` of everything at once.
pub fn merge_into(existing: Vec<Event>, new: Vec<Vec<Event>>) -> Vec<Event> {
    let mut m = Merger::new();
    m.add(vec![existing]);
    m.add(new);
    m.into_events()
}

fn better(a: &Quantity, b: &Quantity) -> bool {
    // exact over hedged
    a.qualifier == Qualifier::Exact && b.qualifier != Qualifier::Exact
}

/// One record from the records of one event.
fn fuse(members: Vec<&Event>) -> Event {
    let mut e = members[0].clone();
    if members.len() == 1 {
        return e;
    }
    for o in &members[1..] {
        for s in &o.sources {
            if !e.sources.contains(s) {
                e.sources.push(s.clone());
            }
        }
        if e.actors.is_empty() {
            e.actors = o.actors.clone();
        }
        if e.targets.is_empty() {
            e.targets = o.targets.clone();
        }
        for l in &o.locations {
            if !e.locations.iter().any(|x| same_place(x, l)) {
                e.locations.push(l.clone());
            }
        }
        for w in &o.weapons {
            if !e.weapons.contains(w) {
                e.weapons.push(w.clone());
            }
        }
        if e.mode.is_none() {
            e.mode = o.mode.clone();
        }
        if e.time_utc.is_none() {
            e.time_utc = o.time_utc.clone();
        }
        // a single day over a span
        let single = |x: &Event| x.date.start.is_some() && x.date.start == x.date.end;
        if e.date.start.is_none() || (!single(&e) && single(o)) {
            e.date = o.date.clone();
        }
        e.triggers.extend(o.triggers.iter().cloned());
        e.disagreements.extend(o.disagreements.iter().cloned());
        for c in &o.copies {
            if !e.copies.contains(c) {
                e.copies.push(c.clone());
            }
        }
    }
    // quantities: claims by document
    let mut fields: BTreeMap<String, Vec<(String, Quantity)>> = BTreeMap::new();
    for m in &members {
        let d = doc_of(m).to_string();
        if let Some(q) = &m.fatalities {
            fields
                .entry("fatalities".into())
                .or_default()
                .push((d.clone(), q.clone()));
        }
        if let Some(q) = &m.injuries {
            fields
                .entry("injuries".into())
                .or_default()
                .push((d.clone(), q.clone()));
        }
        for (k, q) in &m.counts {
            fields
                .entry(format!("counts.{k}"))
                .or_default()
                .push((d.clone(), q.clone()));
        }
    }
    let first_doc = e.sources.first().map(|s| s.doc.clone());
    for (field, claims) in fields {
        let mut best = claims[0].1.clone();
        for (_, q) in &claims[1..] {
            if better(q, &best) {
                best = q.clone();
            }
        }
        match field.as_str() {
            "fatalities" => e.fatalities = Some(best),
            "injuries" => e.injuries = Some(best),
            k => {
                e.counts
                    .insert(k.trim_start_matches("counts.").to_string(), best);
            }
        }
        let distinct = claims.iter().any(|(_, q)| !q.same_claim(&claims[0].1));
        if distinct
            && !e.disagreements.iter().any(|d| {
                d.field == field && d.claims.iter().any(|c| Some(&c.doc) != first_doc.as_ref())
            })
        {
            let qs: Vec<&Quantity> = claims.iter().map(|(_, q)| q).collect();
            e.disagreements.retain(|d| d.field != field);
            e.disagreements.push(Disagreement {
                field: field.clone(),
                relation: relation(&qs),
                claims: claims
                    .iter()
                    .map(|(d, q)| Claim {
                        doc: d.clone(),
                        value: q.value.into(),
                        qualifier: (q.qualifier != Qualifier::Exact)
                            .then(|| q.qualifier.as_str().to_string()),
                        min: q.min,
                        max: q.max,
                        sentence: None,
                    })
                    .collect(),
            });
        }
    }
    // dates that differ: a cluster keeps one day common to all its dated members, so
    // "2 February" and "the week of 29 January" are compatible; a span is "first/last"
    let dates: Vec<(String, serde_json::Value)> = members
        .iter()
        .filter_map(|m| {
            let s = m.date.start.clone()?;
            let v = match m.date.end.as_deref() {
                Some(end) if end != s => format!("{s}/{end}"),
                _ => s,
            };
            Some((doc_of(m).to_string(), v.into()))
        })
        .collect();
    let overlapping = {
        let lo = members
            .iter()
            .filter_map(|m| day_range(m).map(|r| r.0))
            .max();
        let hi = members
            .iter()
            .filter_map(|m| day_range(m).map(|r| r.1))
            .min();
        lo <= hi
    };
    push_disagreement(&mut e, "date", dates, overlapping);
    // clock times more than an hour apart
    let times: Vec<(String, serde_json::Value)> = members
        .iter()
        .filter_map(|m| Some((doc_of(m).to_string(), m.time_utc.clone()?.into())))
        .collect();
    let minutes: Vec<i64> = members
        .iter()
        .filter_map(|m| utc_minutes(m.time_utc.as_deref()?))
        .collect();
    let within_hour = match (minutes.iter().min(), minutes.iter().max()) {
        (Some(a), Some(b)) => b - a <= 60,
        _ => true,
    };
    push_disagreement(&mut e, "time", times, within_hour);
    // the place: each report's most specific one
    let places: Vec<(String, &Location)> = members
        .iter()
        .filter_map(|m| Some((doc_of(m).to_string(), most_specific(&m.locations)?)))
        .collect();
    let distinct = places.iter().any(|(_, l)| !same_place(l, places[0].1));
    if distinct {
        let sites: Vec<&Location> = places
            .iter()
            .map(|(_, l)| *l)
            .filter(|l| l.name.is_some() && matches!(l.precision.as_str(), "exact" | "near"))
            .collect();
        let countries: Vec<&str> = places
            .iter()
            .filter_map(|(_, l)| l.country.as_deref())
            .collect();
        // a town and its country are compatible; two towns, or two countries, are not
        let compatible = sites.iter().all(|s| same_place(s, sites[0]))
            && countries.iter().all(|c| *c == countries[0]);
        let claims = places
            .iter()
            .map(|(d, l)| {
                let v =
                    serde_json::json!({"name": l.name, "country": l.country, "admin1": l.admin1});
                (d.clone(), v)
            })
            .collect();
        push_disagreement(&mut e, "location", claims, compatible);
    }
    // who acted, and who was acted on
    for (field, pick) in [
        (
            "actors",
            (|m: &Event| &m.actors) as fn(&Event) -> &Vec<sitrep_core::record::Actor>,
        ),
        ("targets", |m: &Event| &m.targets),
    ] {
        let sides: Vec<(String, &Vec<sitrep_core::record::Actor>)> = members
            .iter()
            .filter(|m| !pick(m).is_empty())
            .map(|m| (doc_of(m).to_string(), pick(m)))
            .collect();
        let key = |v: &[sitrep_core::record::Actor]| {
            let mut k: Vec<String> = v
                .iter()
                .map(|a| a.canonical.clone().unwrap_or_else(|| fold_name(&a.name)))
                .collect();
            k.sort();
            k.dedup();
            k
        };
        if sides.iter().all(|(_, v)| key(v) == key(sides[0].1)) {
            continue;
        }
        let countries = |v: &[sitrep_core::record::Actor]| {
            v.iter()
                .filter_map(|a| a.country.clone())
                .collect::<Vec<_>>()
        };
        // the same country on every side ("US forces", "CENTCOM") is compatible
        let all: Vec<Vec<String>> = sides.iter().map(|(_, v)| countries(v)).collect();
        let compatible = all.iter().filter(|c| !c.is_empty()).all(|c| {
            all.iter()
                .filter(|o| !o.is_empty())
                .all(|o| o.iter().any(|x| c.contains(x)))
        });
        let claims = sides
            .iter()
            .map(|(d, v)| {
                let names: Vec<serde_json::Value> = v
                    .iter()
                    .map(|a| serde_json::json!({"name": a.name, "country": a.country}))
                    .collect();
                (d.clone(), serde_json::Value::Array(names))
            })
            .collect();
        push_disagreement(&mut e, field, claims, compatible);
    }
    // the most specific place first
    e.locations.sort_by_key(|l| match l.precision.as_str() {
        "exact" => 0,
        "near" => 1,
        "admin1" => 2,
        _ => 3,
    });
    e.sources.sort();
    e
}

/// The most specific of a record's places.
fn most_specific(locs: &[Location]) -> Option<&Location> {
    locs.iter().min_by_key(|l| match l.precision.as_str() {
        "exact" => 0,
        "near" => 1,
        "admin1" => 2,
        _ => 3,
    })
}

/// Minutes since the epoch of a `YYYY-MM-DDTHH:MMZ` instant.
fn utc_minutes(t: &str) -> Option<i64> {
    let day = sitrep_core::Day::parse(t)?;
    let h: i64 = t.get(11..13)?.parse().ok()?;
    let m: i64 = t.get(14..16)?.parse().ok()?;
    Some(day.ordinal() * 1440 + h * 60 + m)
}

/// Lists the claims of a field when they differ (not already listed).
fn push_disagreement(
    e: &mut Event,
    field: &str,
    claims: Vec<(String, serde_json::Value)>,
    compatible: bool,
) {
    if claims.iter().all(|(_, v)| *v == claims[0].1)
        || e.disagreements.iter().any(|d| d.field == field)
    {
        return;
    }
    e.disagreements.push(Disagreement {
        field: field.to_string(),
        relation: if compatible { "compatible" } else { "conflict" }.into(),
        claims: claims
            .into_iter()
            .map(|(doc, value)| Claim {
                doc,
                value,
                qualifier: None,
                min: None,
                max: None,
                sentence: None,
            })
            .collect(),
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_core::record::{Actor, DateRange, Location, Source};

    fn ev(id: &str, doc: &str, day: &str, targets: Option<Quantity>) -> Event {
        Event {
            id: id.into(),
            parent: None,
            etype: "ASSAULT".into(),
            mode: Some("aerial".into()),
            cameo: None,
            acled_event_type: None,
            acled_sub_event_type: None,
            date: DateRange {
                start: Some(day.into()),
                end: Some(day.into()),
            },
            time_utc: None,
            actors: vec![Actor {
                name: "US forces".into(),
                country: Some("USA".into()),
                canonical: None,
                sector: None,
                ident: None,
                evidence: None,
            }],
            targets: vec![],
            locations: vec![Location {
                name: None,
                gazetteer_name: None,
                country: Some("IRQ".into()),
                admin1: None,
                lat: None,
                lon: None,
                precision: "country".into(),
                geonameid: None,
                evidence: None,
            }],
            fatalities: None,
            injuries: None,
            counts: targets
                .map(|q| [("targets".to_string(), q)].into_iter().collect())
                .unwrap_or_default(),
            weapons: vec![],
            sources: vec![Source {
                doc: doc.into(),
                sentence: format!("{doc} sentence"),
                start: 0,
                end: 10,
            }],
            disagreements: vec![],
            copies: vec![],
            triggers: vec![],
        }
    }

    #[test]
    fn places_times_and_actors_that_differ_are_listed() {
        let town = |name: &str| Location {
            name: Some(name.into()),
            gazetteer_name: None,
            country: Some("IRQ".into()),
            admin1: Some("Al Anbar".into()),
            lat: None,
            lon: None,
            precision: "exact".into(),
            geonameid: None,
            evidence: None,
        };
        let mut a = ev("a#1", "a", "2024-02-02", Some(Quantity::exact(85)));
        a.locations = vec![town("Al Qaim")];
        a.time_utc = Some("2024-02-02T16:00Z".into());
        let mut b = ev("b#1", "b", "2024-02-02", Some(Quantity::exact(85)));
        b.time_utc = Some("2024-02-02T19:30Z".into());
        b.actors[0].name = "B-1B bombers".into();
        let out = merge(vec![vec![a], vec![b]]);
        assert_eq!(out.len(), 1, "{out:#?}");
        let field = |f: &str| out[0].disagreements.iter().find(|d| d.field == f);
        let loc = field("location").expect("a town and a country-level report");
        assert_eq!(loc.relation, "compatible");
        assert_eq!(field("time").map(|d| d.relation.as_str()), Some("conflict"));
        assert_eq!(
            field("actors").map(|d| d.relation.as_str()),
            Some("compatible"),
            "two names of one country's forces"
        );
        assert_eq!(
            out[0].locations[0].name.as_deref(),
            Some("Al Qaim"),
            "most specific first"
        );
        assert!(field("date").is_none(), "one day, no disagreement");
    }

    #[test]
    fn same_event_in_two_reports_merges_with_a_compatible_disagreement() {
        let more = Quantity {
            value: 85,
            qualifier: Qualifier::MoreThan,
            min: None,
            max: None,
            evidence: None,
        };
        let out = merge(vec![
            vec![ev("a#1", "a", "2024-02-02", Some(Quantity::exact(85)))],
            vec![ev("b#1", "b", "2024-02-02", Some(more))],
        ]);
        assert_eq!(out.len(), 1);
        let e = &out[0];
        assert_eq!(e.sources.len(), 2);
        assert_eq!(
            e.counts["targets"].qualifier,
            Qualifier::Exact,
            "exact over hedged"
        );
        let d = e
            .disagreements
            .iter()
            .find(|d| d.field == "counts.targets")
            .expect("disagreement listed");
        assert_eq!(d.relation, "compatible");
        assert_eq!(d.claims.len(), 2);
    }

    #[test]
    fn different_days_never_merge() {
        let out = merge(vec![
            vec![ev("a#1", "a", "2024-02-02", None)],
            vec![ev("b#1", "b", "2024-02-04", None)],
        ]);
        assert_eq!(out.len(), 2);
    }

    #[test]
    fn a_span_does_not_chain_two_days_into_one_event() {
        let mut week = ev("b#1", "b", "2024-02-01", None);
        week.date.end = Some("2024-02-07".into());
        let out = merge(vec![
            vec![ev("a#1", "a", "2024-02-02", None)],
            vec![week],
            vec![ev("c#1", "c", "2024-02-05", None)],
        ]);
        // the week joins one of the days, never both
        assert_eq!(out.len(), 2);
        assert!(out.iter().all(|e| {
            let docs: Vec<&str> = e.sources.iter().map(|s| s.doc.as_str()).collect();
            !(docs.contains(&"a") && docs.contains(&"c"))
        }));
    }

    #[test]
    fn sites_merge_with_sites_and_point_to_the_merged_operation() {
        let mut op_a = ev("a#1", "a", "2024-02-02", None);
        op_a.locations.clear();
        let mut site_a = ev("a#2", "a", "2024-02-02", None);
        site_a.parent = Some("a#1".into());
        site_a.locations[0].name = Some("Al Qaim".into());
        let mut op_b = op_a.clone();
        op_b.id = "b#1".into();
        op_b.sources[0].doc = "b".into();
        let mut site_b = site_a.clone();
        site_b.id = "b#2".into();
        site_b.parent = Some("b#1".into());
        site_b.sources[0].doc = "b".into();
        let out = merge(vec![vec![op_a, site_a], vec![op_b, site_b]]);
        assert_eq!(out.len(), 2, "operation with operation, site with site");
        assert_eq!(out[0].id, "a#1");
        assert_eq!(out[1].parent.as_deref(), Some("a#1"));
        assert_eq!(out[1].sources.len(), 2);
    }

    #[test]
    fn an_undated_report_needs_strong_evidence() {
        let mut undated = ev("b#1", "b", "2024-02-02", None);
        undated.date = DateRange::default();
        // actor country and mode only: enough with a day, not without
        let out = merge(vec![
            vec![ev("a#1", "a", "2024-02-02", None)],
            vec![undated.clone()],
        ]);
        assert_eq!(out.len(), 2);
        undated.locations[0].name = Some("Al Qaim".into());
        let mut a = ev("a#1", "a", "2024-02-02", None);
        a.locations[0].name = Some("Al Qaim".into());
        let out = merge(vec![vec![a], vec![undated]]);
        assert_eq!(out.len(), 1, "same place too: strong");
    }

    #[test]
    fn a_crowded_block_costs_a_window_per_event() {
        // 3,000 reports of one type, day and country: all pairs would be 4.5M
        let per_doc: Vec<Vec<Event>> = (0..3000)
            .map(|k| vec![ev(&format!("d{k}#1"), &format!("d{k}"), "2024-02-02", None)])
            .collect();
        let mut m = Merger::new();
        m.add(per_doc);
        let s = m.stats();
        assert!(
            s.comparisons <= 3000 * 2 * Config::default().window as u64,
            "{s:?}"
        );
        assert!(s.capped_blocks > 0);
    }

    #[test]
    fn events_of_one_report_are_not_merged_here() {
        let out = merge(vec![vec![
            ev("a#1", "a", "2024-02-02", None),
            ev("a#2", "a", "2024-02-02", None),
        ]]);
        assert_eq!(out.len(), 2);
    }

    #[test]
    fn conflicting_numbers_are_a_conflict() {
        let q = |v| Quantity::exact(v);
        assert_eq!(relation(&[&q(16), &q(17)]), "conflict");
        assert_eq!(
            relation(&[
                &q(40),
                &Quantity {
                    value: 47,
                    qualifier: Qualifier::Approx,
                    min: None,
                    max: None,
                    evidence: None
                }
            ]),
            "compatible"
        );
    }
}
