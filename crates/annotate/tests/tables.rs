//! The time and count tables of `tests/fixtures/` (sentences written for the
//! project in the styles of wire copy, broadsheets, encyclopedias, government
//! releases and NGO reports, each with its anchors and expected value).
//!
//! Each table is run whole; the share of rows the annotators get right must
//! not fall below its floor (raise the floors as the parsers improve). Rows
//! that fail are printed, so `cargo test -p sitrep-annotate --test tables --
//! --nocapture` is the work list.

use sitrep_annotate::times::utc_from_zone;
use sitrep_core::{CountKind, Day, Doc, Meta, Qualifier};
use sitrep_lexicon::Lexicon;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures")
            .join(name),
    )
    .unwrap()
}

fn rows(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

fn annotate(text: &str, published: &str) -> Doc {
    let meta = Meta {
        published: (!published.is_empty()).then(|| published.to_string()),
        ..Meta::default()
    };
    let mut d = Doc::new("t", text, meta);
    sitrep_annotate::annotate(&mut d, Lexicon::embedded());
    d
}

/// One time row: does the expression resolve as expected?
fn time_row(r: &[String]) -> Result<(), String> {
    let (text, published, anchor, zone, expr) = (&r[0], &r[1], &r[2], &r[3], &r[4]);
    let (start, end, utc, precision) = (&r[5], &r[6], &r[7], &r[8]);
    let d = annotate(text, published);
    let at = text.find(expr.as_str()).ok_or("expr not in text")?;
    let span = sitrep_core::Span::new(at, at + expr.len());
    let t = d.times.iter().find(|t| t.span.overlaps(span));
    if precision == "none" {
        return match t {
            Some(t) if t.start.is_some() || t.time_utc.is_some() => {
                Err(format!("read a time in {expr:?}: {:?}", t.start))
            }
            _ => Ok(()),
        };
    }
    let t = t.ok_or_else(|| format!("no time found in {expr:?}"))?;
    let (mut s, mut e) = (t.start, t.end);
    if let (Some((a, b)), Some(an)) = (t.rel_days, Day::parse(anchor)) {
        s = Some(an.plus_days(a as i64));
        e = Some(an.plus_days(b as i64));
    }
    let want = |x: &str| Day::parse(x);
    if s != want(start) || e != want(end) {
        return Err(format!(
            "{expr:?}: got {:?}..{:?}, want {start}..{end}",
            s.map(|d| d.iso()),
            e.map(|d| d.iso())
        ));
    }
    if !utc.is_empty() {
        let got = t.time_utc.clone().or_else(|| {
            let (h, m) = t.clock?;
            let day = if t.local || !zone.is_empty() {
                s?
            } else {
                return None;
            };
            utc_from_zone(day, h, m, zone)
        });
        if got.as_deref() != Some(utc.as_str()) {
            return Err(format!("{expr:?}: time {got:?}, want {utc}"));
        }
    }
    Ok(())
}

fn qualifier(s: &str) -> Qualifier {
    match s {
        "approx" => Qualifier::Approx,
        "at_least" => Qualifier::AtLeast,
        "more_than" => Qualifier::MoreThan,
        "at_most" => Qualifier::AtMost,
        "less_than" => Qualifier::LessThan,
        "range" => Qualifier::Range,
        _ => Qualifier::Exact,
    }
}

/// One count row: is the phrase's number read, hedged and linked as expected?
fn count_row(r: &[String]) -> Result<(), String> {
    let (text, phrase, field) = (&r[0], &r[1], &r[2]);
    let d = annotate(text, "");
    let at = text.find(phrase.as_str()).ok_or("phrase not in text")?;
    let span = sitrep_core::Span::new(at, at + phrase.len());
    let found: Vec<_> = d.counts.iter().filter(|c| c.span.overlaps(span)).collect();
    if field == "none" {
        return match found.first() {
            Some(c) => Err(format!(
                "{phrase:?}: counted {} as {:?}",
                c.qty.value, c.kind
            )),
            None => Ok(()),
        };
    }
    let want_kind = match field.as_str() {
        "fatalities" => CountKind::Fatalities,
        "injuries" => CountKind::Injuries,
        f => CountKind::Other(f.to_string()),
    };
    let value: u64 = r[3].parse().map_err(|_| "bad value")?;
    let q = qualifier(&r[4]);
    let c = found.iter().find(|c| c.kind == want_kind).ok_or_else(|| {
        format!(
            "{phrase:?}: no {field} (found {:?})",
            found
                .iter()
                .map(|c| (&c.kind, c.qty.value))
                .collect::<Vec<_>>()
        )
    })?;
    if c.qty.value != value || c.qty.qualifier != q {
        return Err(format!(
            "{phrase:?}: got {} {:?}, want {value} {q:?}",
            c.qty.value, c.qty.qualifier
        ));
    }
    Ok(())
}

fn run(name: &str, check: fn(&[String]) -> Result<(), String>, floor: f64) {
    let rows = rows(&fixture(name));
    let mut failed = Vec::new();
    for r in &rows {
        if let Err(e) = check(r) {
            failed.push(e);
        }
    }
    let rate = 1.0 - failed.len() as f64 / rows.len() as f64;
    for f in &failed {
        eprintln!("{name}: {f}");
    }
    eprintln!(
        "{name}: {} of {} rows right ({:.1}%)",
        rows.len() - failed.len(),
        rows.len(),
        rate * 100.0
    );
    assert!(rows.len() >= 200, "{name} should hold at least 200 rows");
    assert!(
        rate >= floor,
        "{name}: {:.3} of rows right, below the floor {floor}",
        rate
    );
}

#[test]
fn time_table() {
    run("times.tsv", time_row, TIME_FLOOR);
}

#[test]
fn count_table() {
    run("counts.tsv", count_row, COUNT_FLOOR);
}

/// Measured pass rates at the last change, rounded down: the ratchet.
const TIME_FLOOR: f64 = 0.97;
const COUNT_FLOOR: f64 = 0.85;
