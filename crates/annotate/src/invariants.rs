//! Checks that the time and count layers are well formed, whatever the text.
//!
//! These are the properties the fuzz targets (`fuzz/`) assert on arbitrary
//! input and the regression tests assert on the inputs that once broke them:
//! spans lie inside the text on character boundaries, resolved days are real
//! calendar days with `start <= end`, `time_utc` reads `YYYY-MM-DDTHH:MMZ`,
//! clock times and zone offsets are in range, and a range quantity has
//! `min <= max`. Each check returns the first violation as a message.

use sitrep_core::{Day, Doc, Qualifier, Span};

/// Checks `doc.times`.
pub fn check_times(doc: &Doc) -> Result<(), String> {
    for t in &doc.times {
        check_span(doc, t.span, "time")?;
        let what = || format!("time {:?} ({:?})", doc.slice(t.span), t);
        for d in [t.start, t.end].into_iter().flatten() {
            if !is_real_day(d) {
                return Err(format!("{}: not a calendar day: {d:?}", what()));
            }
        }
        if let (Some(s), Some(e)) = (t.start, t.end)
            && s > e
        {
            return Err(format!("{}: start after end", what()));
        }
        if let Some((h, m)) = t.clock
            && (h > 23 || m > 59)
        {
            return Err(format!("{}: clock out of range", what()));
        }
        // the widest zone offsets in use are UTC-12 and UTC+14
        if let Some(off) = t.offset_min
            && !(-12 * 60..=14 * 60).contains(&off)
        {
            return Err(format!("{}: zone offset {off} min out of range", what()));
        }
        if let Some(utc) = &t.time_utc
            && !is_utc_stamp(utc)
        {
            return Err(format!(
                "{}: time_utc {utc:?} is not YYYY-MM-DDTHH:MMZ",
                what()
            ));
        }
        if let Some((a, b)) = t.rel_days
            && a > b
        {
            return Err(format!("{}: relative days {a} > {b}", what()));
        }
    }
    Ok(())
}

/// Checks `doc.counts`.
pub fn check_counts(doc: &Doc) -> Result<(), String> {
    for c in &doc.counts {
        check_span(doc, c.span, "count")?;
        check_span(doc, c.phrase, "count phrase")?;
        let what = || format!("count {:?} ({:?})", doc.slice(c.span), c);
        if !c.phrase.contains(c.span) {
            return Err(format!("{}: phrase does not contain the number", what()));
        }
        let q = &c.qty;
        if let (Some(a), Some(b)) = (q.min, q.max)
            && a > b
        {
            return Err(format!("{}: min > max", what()));
        }
        if q.qualifier == Qualifier::Range {
            match (q.min, q.max) {
                (Some(a), Some(_)) if a == q.value => {}
                _ => return Err(format!("{}: a range needs min = value and max", what())),
            }
        }
    }
    Ok(())
}

fn check_span(doc: &Doc, span: Span, what: &str) -> Result<(), String> {
    let (s, e) = (span.s(), span.e());
    if s >= e || e > doc.text.len() {
        return Err(format!(
            "{what} span {s}..{e} empty or outside the text ({} bytes)",
            doc.text.len()
        ));
    }
    if !doc.text.is_char_boundary(s) || !doc.text.is_char_boundary(e) {
        return Err(format!("{what} span {s}..{e} not on char boundaries"));
    }
    Ok(())
}

fn is_real_day(d: Day) -> bool {
    (1..=12).contains(&d.m) && d.d >= 1 && d.d <= Day::month_len(d.y, d.m)
}

/// `YYYY-MM-DDTHH:MMZ` with a real day and time.
fn is_utc_stamp(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 17 || b[10] != b'T' || b[13] != b':' || b[16] != b'Z' {
        return false;
    }
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if !digits(0..4) || !digits(11..13) || !digits(14..16) {
        return false;
    }
    let (Some(day), Ok(h), Ok(m)) = (
        Day::parse(&s[..10]),
        s[11..13].parse::<u8>(),
        s[14..16].parse::<u8>(),
    ) else {
        return false;
    };
    is_real_day(day) && h < 24 && m < 60
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_stamps() {
        assert!(is_utc_stamp("2024-02-02T21:00Z"));
        assert!(!is_utc_stamp("2024-02-30T21:00Z"));
        assert!(!is_utc_stamp("2024-02-02T24:00Z"));
        assert!(!is_utc_stamp("-024-02-02T21:00Z"));
        assert!(!is_utc_stamp("2024-02-02 21:00Z"));
    }
}
