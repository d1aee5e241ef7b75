//! Inputs the fuzz targets (`fuzz/`) found breaking an invariant of the time
//! or count layers, minimised, each with what it now reads. Every test also
//! runs the targets' checks (`sitrep_annotate::invariants`).

use sitrep_annotate::invariants::{check_counts, check_times};
use sitrep_core::{Day, Doc, Meta, Precision};
use sitrep_lexicon::Lexicon;

fn doc(text: &str, published: Option<&str>) -> Doc {
    let meta = Meta {
        published: published.map(str::to_string),
        ..Meta::default()
    };
    let mut d = Doc::new("fuzz", text, meta);
    sitrep_annotate::annotate(&mut d, Lexicon::embedded());
    if let Err(e) = check_times(&d).and_then(|()| check_counts(&d)) {
        panic!("{e}");
    }
    d
}

fn day(s: &str) -> Option<Day> {
    Day::parse(s)
}

/// The first time mention whose text contains `expr`.
fn time<'a>(d: &'a Doc, expr: &str) -> &'a sitrep_core::TimeMention {
    d.times
        .iter()
        .find(|t| d.slice(t.span).contains(expr))
        .unwrap_or_else(|| panic!("no time mention with {expr:?} in {:?}", d.times))
}

#[test]
fn a_span_written_backwards_keeps_its_first_day() {
    let d = doc(
        "During the night of 31 December 2022/1 January 2022, drones struck energy facilities.",
        None,
    );
    let t = time(&d, "31 December 2022");
    assert_eq!((t.start, t.end), (day("2022-12-31"), day("2022-12-31")));
    assert_eq!(t.precision, Precision::Day);

    let d = doc(
        "Between 2 and 1 Feb the town was shelled.",
        Some("2021-08-27"),
    );
    let t = time(&d, "Between 2 and 1 Feb");
    assert_eq!((t.start, t.end), (day("2021-02-02"), day("2021-02-02")));
}

#[test]
fn an_iso_day_the_calendar_lacks_is_no_date() {
    let d = doc(
        "The log dates the strike 2024-02-30 in Kharkiv.",
        Some("2024-02-06"),
    );
    assert!(d.times.iter().all(|t| t.start.is_none()), "{:?}", d.times);
}

#[test]
fn a_day_span_past_the_month_end_resolves_to_nothing() {
    // 2023 is a common year: there is no 29 February to end on
    let d = doc(
        "Between 28 and 29 February the convoy was held at the border.",
        Some("2023-03-02"),
    );
    assert!(
        d.times.iter().all(|t| t.start.is_none() && t.end.is_none()),
        "{:?}",
        d.times
    );
}

#[test]
fn a_malformed_publication_date_anchors_nothing() {
    for published in ["0000-01-01", "2023-02-31", "-999-01-01", "9999-12-31T23:00"] {
        let d = doc(
            "Yesterday at 23:00 GMT militants attacked the post.",
            Some(published),
        );
        assert_eq!(time(&d, "Yesterday").start, None, "{published}");
    }
    let d = doc(
        "Yesterday at 23:00 GMT militants attacked the post.",
        Some("2023-12-31T23:00"),
    );
    let t = time(&d, "Yesterday");
    assert_eq!(t.start, day("2023-12-30"));
    assert_eq!(t.time_utc.as_deref(), Some("2023-12-30T23:00Z"));
}

#[test]
fn zone_offsets_are_hours_and_minutes_in_range() {
    let d = doc(
        "The strike came at 11:00 UTC+05:99 on 2 February 2024, then at 12:00 UTC+0245 on 3 February 2024.",
        None,
    );
    let first = time(&d, "11:00");
    assert_eq!(first.offset_min, Some(0), "UTC with a bad suffix is UTC");
    let second = time(&d, "12:00");
    assert_eq!(second.offset_min, Some(165));
    assert_eq!(second.time_utc.as_deref(), Some("2024-02-03T09:15Z"));
}

#[test]
fn an_offset_beyond_the_last_zone_is_not_read() {
    // found by the `times` target on the final code: "UTC+14:45" gave 885 minutes
    let d = doc(
        "Police said the market was hit at 19:30 UTC+14:45 on 28 March 2024, and again at 20:00 UTC+05:45 on 28 March 2024.",
        None,
    );
    assert_eq!(
        time(&d, "19:30").offset_min,
        Some(0),
        "UTC, the bad suffix ignored"
    );
    assert_eq!(
        time(&d, "20:00").offset_min,
        Some(345),
        "Nepal's zone is real"
    );
}
