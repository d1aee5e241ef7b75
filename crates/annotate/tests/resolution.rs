//! Who and where: the actor and place tables of `tests/fixtures/` (sentences
//! written for the project, from many regions, each with the mention and
//! the code a careful coder gives it).
//!
//! Each table is run whole and must keep its share of rows right at or above
//! its floor (the ratchet: raise the floor when the annotators improve).
//! Failing rows are printed, so `cargo test -p sitrep-annotate --test
//! resolution -- --nocapture` is the work list.

use sitrep_core::fold::fold_name;
use sitrep_core::{Doc, Meta, PlaceKind, Span};
use sitrep_lexicon::Lexicon;

fn fixture(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn rows(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

fn annotate(text: &str) -> Doc {
    let mut d = Doc::new("t", text, Meta::default());
    sitrep_annotate::annotate(&mut d, Lexicon::embedded());
    d
}

/// Names compare folded (case, diacritics, apostrophes, hyphens), with a
/// leading article dropped.
fn same_name(a: &str, b: &str) -> bool {
    let k = |s: &str| {
        let f = fold_name(s);
        f.strip_prefix("the ").map(str::to_string).unwrap_or(f)
    };
    k(a) == k(b)
}

fn span_of(text: &str, mention: &str) -> Result<Span, String> {
    let at = text
        .find(mention)
        .ok_or_else(|| format!("{mention:?} not in the sentence"))?;
    Ok(Span::new(at, at + mention.len()))
}

fn opt(s: &str) -> Option<&str> {
    (!s.is_empty() && s != "-").then_some(s)
}

/// One actor row: `text mention canonical country sector`.
fn actor_row(r: &[String]) -> Result<(), String> {
    let (text, mention, canonical, country, sector) = (&r[0], &r[1], &r[2], &r[3], &r[4]);
    let d = annotate(text);
    let span = span_of(text, mention)?;
    let a = d
        .actors
        .iter()
        .filter(|a| a.span.overlaps(span))
        .max_by_key(|a| a.span.len())
        .ok_or_else(|| format!("{mention:?}: no actor found"))?;
    let got = (
        a.canonical.as_str(),
        a.country.as_deref(),
        a.sector.as_deref(),
    );
    // the expected name may be another name of the same body ("Islamic State" for
    // "Islamic State of Iraq and the Levant")
    let same_body = Lexicon::embedded()
        .actor(&fold_name(canonical), None)
        .is_some_and(|e| a.ident.as_deref() == Some(e.ident.as_str()));
    let ok_name = same_name(&a.canonical, canonical) || same_body;
    let ok_country = a.country.as_deref() == opt(country);
    let ok_sector = opt(sector).is_none() || a.sector.as_deref() == opt(sector);
    if ok_name && ok_country && ok_sector {
        Ok(())
    } else {
        Err(format!(
            "{mention:?}: got {got:?}, want ({canonical:?}, {country:?}, {sector:?})"
        ))
    }
}

/// One place row: `text mention name country admin1 precision`; precision
/// is `exact`, `near`, `admin1` or `country`.
fn place_row(r: &[String]) -> Result<(), String> {
    let (text, mention, name, country, admin1, precision) =
        (&r[0], &r[1], &r[2], &r[3], &r[4], &r[5]);
    let d = annotate(text);
    let span = span_of(text, mention)?;
    let p = d
        .places
        .iter()
        .filter(|p| p.span.overlaps(span))
        .max_by_key(|p| p.span.len())
        .ok_or_else(|| format!("{mention:?}: no place found"))?;
    let got_precision = match (p.kind, p.near) {
        (PlaceKind::Country, _) => "country",
        (PlaceKind::Admin1, _) => "admin1",
        (_, true) => "near",
        (_, false) => "exact",
    };
    let ok = same_name(&p.name, name)
        && p.country.as_deref() == opt(country)
        && opt(admin1).is_none_or(|a| p.admin1.as_deref().is_some_and(|b| same_name(a, b)))
        // a division named as itself ("Helmand province") is exactly that division
        && (got_precision == precision
            || (got_precision == "admin1" && precision == "exact" && same_name(name, admin1)));
    if ok {
        Ok(())
    } else {
        Err(format!(
            "{mention:?}: got ({:?}, {:?}, {:?}, {got_precision}), want ({name:?}, {country:?}, {admin1:?}, {precision})",
            p.name, p.country, p.admin1
        ))
    }
}

fn run(name: &str, check: fn(&[String]) -> Result<(), String>, floor: f64) {
    let rows = rows(&fixture(name));
    let failed: Vec<String> = rows.iter().filter_map(|r| check(r).err()).collect();
    for f in &failed {
        eprintln!("{name}: {f}");
    }
    let rate = 1.0 - failed.len() as f64 / rows.len() as f64;
    eprintln!(
        "{name}: {} of {} rows right ({:.1}%)",
        rows.len() - failed.len(),
        rows.len(),
        rate * 100.0
    );
    assert!(rows.len() >= 150, "{name} should hold at least 150 rows");
    assert!(
        rate >= floor,
        "{name}: {rate:.3} of rows right, below the floor {floor}"
    );
}

/// An office holder is coded with the office held on the day of the report.
#[test]
fn office_holders_by_date() {
    let said = |published: &str| {
        let meta = Meta {
            published: Some(published.to_string()),
            ..Meta::default()
        };
        let mut d = Doc::new("t", "Mark Rutte said the alliance would respond.", meta);
        sitrep_annotate::annotate(&mut d, Lexicon::embedded());
        let a = d.actors.first().cloned().expect("Rutte found");
        (a.country, a.sector)
    };
    assert_eq!(
        said("2019-05-01"),
        (Some("NLD".into()), Some("government".into())),
        "Prime Minister of the Netherlands then"
    );
    assert_eq!(
        said("2025-03-01"),
        (None, Some("igo".into())),
        "Secretary General of NATO then"
    );
}

#[test]
fn actor_table() {
    run("actors.tsv", actor_row, ACTOR_FLOOR);
}

#[test]
fn place_table() {
    run("places.tsv", place_row, PLACE_FLOOR);
}

/// Measured shares at the last change, rounded down: the ratchet.
const ACTOR_FLOOR: f64 = 0.85;
const PLACE_FLOOR: f64 = 0.89;
