//! Annotator behaviour on sentences written for the project, through the
//! public pipeline with the embedded lexicon.

use sitrep_core::{CountKind, Day, Doc, Meta, Qualifier};
use sitrep_lexicon::Lexicon;

fn doc(text: &str, published: Option<&str>) -> Doc {
    let mut d = Doc::new(
        "t",
        text,
        Meta {
            published: published.map(str::to_string),
            ..Meta::default()
        },
    );
    sitrep_annotate::annotate(&mut d, Lexicon::embedded());
    d
}

fn day(s: &str) -> Day {
    Day::parse(s).unwrap()
}

#[test]
fn sentences_survive_abbreviations_initials_and_quotes() {
    let d = doc(
        "Lt. Col. Ivan Petrov said U.S. forces left at 9:30 p.m. on Feb. 2. Joseph R. Biden spoke later. \"We will respond.\" Officials agreed.\nBackground\nThe war began in 2011.",
        None,
    );
    let s: Vec<&str> = d.sentences.iter().map(|s| d.slice(s.span)).collect();
    assert_eq!(
        s,
        [
            "Lt. Col. Ivan Petrov said U.S. forces left at 9:30 p.m. on Feb. 2.",
            "Joseph R. Biden spoke later.",
            "\"We will respond.\"",
            "Officials agreed.",
            "Background",
            "The war began in 2011."
        ]
    );
    assert_eq!(d.blocks[1].kind, sitrep_core::BlockKind::Heading);
}

#[test]
fn chrome_lines_are_marked() {
    let d = doc(
        "Troops shelled the town.\nLeave a comment\nPhoto of author",
        None,
    );
    let kinds: Vec<_> = d.blocks.iter().map(|b| b.kind).collect();
    assert_eq!(kinds[1], sitrep_core::BlockKind::Chrome);
    assert_eq!(kinds[2], sitrep_core::BlockKind::Chrome);
}

/// (text, published, expected start, end, time_utc)
type TimeCase = (
    &'static str,
    Option<&'static str>,
    &'static str,
    &'static str,
    Option<&'static str>,
);

const TIMES: &[TimeCase] = &[
    (
        "On 2 February 2024, the strikes began.",
        None,
        "2024-02-02",
        "2024-02-02",
        None,
    ),
    (
        "On February 2, 2024, the strikes began.",
        None,
        "2024-02-02",
        "2024-02-02",
        None,
    ),
    (
        "Fighting resumed on 7 October.",
        Some("2023-10-09"),
        "2023-10-07",
        "2023-10-07",
        None,
    ),
    (
        "Rebels attacked the town on Friday.",
        Some("2024-02-05"),
        "2024-02-02",
        "2024-02-02",
        None,
    ),
    (
        "Rebels attacked the town yesterday.",
        Some("2024-02-05"),
        "2024-02-04",
        "2024-02-04",
        None,
    ),
    (
        "The attack came at 21:00 GMT on 2 February 2024.",
        None,
        "2024-02-02",
        "2024-02-02",
        Some("2024-02-02T21:00Z"),
    ),
    (
        "At 4:00 p.m. (EST) Feb. 02, 2024, forces conducted airstrikes.",
        None,
        "2024-02-02",
        "2024-02-02",
        Some("2024-02-02T21:00Z"),
    ),
    (
        "Around midnight between 2 and 3 February 2024 (UTC+3), jets struck.",
        None,
        "2024-02-02",
        "2024-02-03",
        Some("2024-02-02T21:00Z"),
    ),
    (
        "The offensive ran between 2 and 9 March 2021.",
        None,
        "2021-03-02",
        "2021-03-09",
        None,
    ),
    (
        "The base was shelled in March 2022.",
        None,
        "2022-03-01",
        "2022-03-31",
        None,
    ),
    (
        "The raid took place on 2024-05-17.",
        None,
        "2024-05-17",
        "2024-05-17",
        None,
    ),
    (
        "During the night of 31 December 2022/1 January 2023, rockets hit the school.",
        None,
        "2022-12-31",
        "2023-01-01",
        None,
    ),
];

#[test]
fn time_expressions_resolve() {
    for (text, published, start, end, utc) in TIMES {
        let d = doc(text, *published);
        let t = d
            .times
            .iter()
            .find(|t| t.start.is_some())
            .unwrap_or_else(|| panic!("no date in {text:?}: {:?}", d.times));
        assert_eq!(
            (t.start, t.end),
            (Some(day(start)), Some(day(end))),
            "{text}"
        );
        assert_eq!(t.time_utc.as_deref(), *utc, "{text}");
    }
}

#[test]
fn year_less_date_takes_year_from_a_weekday() {
    // 2 February fell on a Friday in 2024
    let d = doc(
        "US forces struck on Friday. At 4:00 p.m. (EST) Feb. 02, the strikes began.",
        None,
    );
    let t = d.times.iter().find(|t| t.clock.is_some()).unwrap();
    assert_eq!(t.start, Some(day("2024-02-02")));
    assert_eq!(t.time_utc.as_deref(), Some("2024-02-02T21:00Z"));
}

#[test]
fn relative_to_event_keeps_offsets() {
    let d = doc("A drone strike hit the base the week before.", None);
    let t = d.times.iter().find(|t| t.relative_to_event).unwrap();
    assert_eq!(t.rel_days, Some((-7, -1)));
}

#[test]
fn names_with_numbers_are_not_dates() {
    let d = doc(
        "A drone struck Tower 22, a US base in Jordan, and the 1444th Motor Rifle Regiment.",
        None,
    );
    assert!(d.times.iter().all(|t| t.start.is_none()), "{:?}", d.times);
}

/// (text, expected kind, value, qualifier)
const COUNTS: &[(&str, &str, u64, Qualifier)] = &[
    (
        "At least 29 militants were killed in the strikes.",
        "fatalities",
        29,
        Qualifier::AtLeast,
    ),
    (
        "Airstrikes hit the headquarters, killing 16 fighters.",
        "fatalities",
        16,
        Qualifier::Exact,
    ),
    (
        "The attack left around 40 were injured.",
        "injuries",
        40,
        Qualifier::Approx,
    ),
    (
        "The strikes hit more than 85 targets.",
        "targets",
        85,
        Qualifier::MoreThan,
    ),
    (
        "Forces used 125 precision-guided missiles.",
        "munitions",
        125,
        Qualifier::Exact,
    ),
    (
        "The blast caused the deaths of three soldiers.",
        "fatalities",
        3,
        Qualifier::Exact,
    ),
    (
        "It caused injuries to 47 others.",
        "injuries",
        47,
        Qualifier::Exact,
    ),
    (
        "Dozens of people were wounded.",
        "injuries",
        12,
        Qualifier::AtLeast,
    ),
    (
        "Police arrested forty-seven protesters.",
        "arrests",
        47,
        Qualifier::Exact,
    ),
    (
        "The ministry claimed the attack killed up to 200 soldiers.",
        "fatalities",
        200,
        Qualifier::AtMost,
    ),
    (
        "Some 1,200 people were displaced.",
        "displaced",
        1200,
        Qualifier::Approx,
    ),
];

#[test]
fn counts_link_to_what_they_count() {
    for (text, kind, value, q) in COUNTS {
        let d = doc(text, None);
        let want = match *kind {
            "fatalities" => CountKind::Fatalities,
            "injuries" => CountKind::Injuries,
            k => CountKind::Other(k.to_string()),
        };
        let c = d
            .counts
            .iter()
            .find(|c| c.kind == want)
            .unwrap_or_else(|| panic!("no {kind} in {text:?}: {:?}", d.counts));
        assert_eq!((c.qty.value, c.qty.qualifier), (*value, *q), "{text}");
    }
}

#[test]
fn ranges_keep_both_bounds() {
    let d = doc("Between 400 and 500 deaths were reported.", None);
    let c = &d.counts[0];
    assert_eq!(
        (c.qty.qualifier, c.qty.min, c.qty.max),
        (Qualifier::Range, Some(400), Some(500))
    );
}

#[test]
fn numbers_in_names_count_nothing() {
    let d = doc("Rockets hit PTU No. 19 and Tower 22 in 2023.", None);
    assert!(d.counts.is_empty(), "{:?}", d.counts);
}

#[test]
fn actors_resolve_to_countries_and_sectors() {
    let d = doc(
        "Iraqi security officials said US troops and Iran's Revolutionary Guards clashed.",
        None,
    );
    let a: Vec<(String, Option<String>)> = d
        .actors
        .iter()
        .map(|a| (d.slice(a.span).to_string(), a.country.clone()))
        .collect();
    assert!(
        a.contains(&("Iraqi security officials".into(), Some("IRQ".into()))),
        "{a:?}"
    );
    assert!(
        a.contains(&("US troops".into(), Some("USA".into()))),
        "{a:?}"
    );
    assert!(
        a.iter()
            .any(|(n, c)| n.contains("Revolutionary Guards") && c.as_deref() == Some("IRN")),
        "{a:?}"
    );
}

#[test]
fn heading_gives_country_to_state_bodies() {
    let d = doc(
        "Reactions\nIran\nThe Ministry of Foreign Affairs condemned the attacks.",
        None,
    );
    let m = d
        .actors
        .iter()
        .find(|a| d.slice(a.span).contains("Ministry"))
        .unwrap();
    assert_eq!(m.country.as_deref(), Some("IRN"));
}

#[test]
fn places_resolve_with_context_and_fold_variants() {
    let d = doc(
        "Shelling hit Deir Ez-Zor and Dayr az Zawr province in Syria, and Baghdad in Iraq.",
        None,
    );
    let p: Vec<(String, Option<String>)> = d
        .places
        .iter()
        .map(|p| (p.name.clone(), p.country.clone()))
        .collect();
    assert!(
        p.iter()
            .filter(|(_, c)| c.as_deref() == Some("SYR"))
            .count()
            >= 2,
        "{p:?}"
    );
    assert!(p.contains(&("Baghdad".into(), Some("IRQ".into()))), "{p:?}");
}

#[test]
fn actors_are_not_places_and_unknown_places_keep_their_country() {
    let d = doc(
        "Iraqi officials said airstrikes hit a house in Akashat, in Iraq.",
        None,
    );
    assert!(
        d.places
            .iter()
            .all(|p| !d.slice(p.span).starts_with("Iraqi"))
    );
    let a = d
        .places
        .iter()
        .find(|p| d.slice(p.span) == "Akashat")
        .expect("unknown place kept");
    assert_eq!(a.country.as_deref(), Some("IRQ"));
    assert_eq!(a.lat, None);
}

#[test]
fn facility_from_appositive() {
    let d = doc(
        "A drone struck Tower 22, a US base in Jordan, on Sunday.",
        None,
    );
    let f = d
        .places
        .iter()
        .find(|p| p.kind == sitrep_core::PlaceKind::Facility)
        .expect("facility");
    assert_eq!(d.slice(f.span), "Tower 22");
    assert_eq!(f.country.as_deref(), Some("JOR"));
}

#[test]
fn trigger_flags() {
    let d = doc(
        "President Ebrahim Raisi said that Iran will not start a war. Some figures called for a direct attack on Iran.",
        None,
    );
    let attack = d
        .triggers
        .iter()
        .find(|t| d.slice(t.span) == "attack")
        .unwrap();
    assert_eq!(attack.ptype, "ASSAULT");
    let called = d
        .triggers
        .iter()
        .find(|t| d.slice(t.span) == "called for")
        .unwrap();
    assert_eq!(called.ptype, "REQUEST");
}
