//! Time expressions: dates, spans, clock times and zones, resolved to days
//! and UTC instants from the text's own anchors.
//!
//! Parsing works on tokens and the time words of `data/en/time_words.tsv`.
//! Resolution is a second pass over the whole document: a year-less date
//! takes the year of the publication date, else of the nearest fully dated
//! expression before it, else the year in which its day fell on a weekday
//! the report names; "on Friday" is the last Friday on or before the
//! publication date, or the Friday nearest the report's other dates.
//! Expressions relative to another event ("the week before") keep their
//! day offsets for the coder, which knows the event.

use crate::{Ctx, Word};
use sitrep_core::{Day, Doc, Precision, Span, TimeMention};

/// A parsed, not yet resolved expression.
#[derive(Clone, Debug, Default)]
struct Parsed {
    span: (usize, usize),
    y: Option<i16>,
    m: Option<u8>,
    d: Option<u8>,
    /// end of a span of days
    y2: Option<i16>,
    m2: Option<u8>,
    d2: Option<u8>,
    weekday: Option<u8>,
    rel_pub: Option<i32>,
    /// report-relative spans: last week, last month, last year, earlier this week, the weekend
    rel_pub_span: Option<&'static str>,
    rel_event: Option<(i32, i32)>,
    year_only: bool,
    clock: Option<(u8, u8)>,
    offset: Option<i32>,
    local: bool,
    hedge: Option<String>,
    since: bool,
    /// midnight "between D1 and D2": the clock belongs to the later day
    clock_on_end: bool,
    /// a zone with daylight saving ("ET"): the offset is read on the day
    iana: Option<&'static str>,
    /// a year-less month looking ahead ("until May", "by June")
    forward: bool,
}

fn num(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn ordinal_day(s: &str) -> Option<u8> {
    let digits = s.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &s[digits.len()..];
    if !(suffix.is_empty()
        || ["st", "nd", "rd", "th"]
            .iter()
            .any(|x| suffix.eq_ignore_ascii_case(x)))
    {
        return None;
    }
    let n = num(digits)?;
    (1..=31).contains(&n).then_some(n as u8)
}

fn year(s: &str) -> Option<i16> {
    let n = num(s)?;
    (s.len() == 4 && (1900..=2100).contains(&n)).then_some(n as i16)
}

struct P<'c> {
    ctx: &'c Ctx<'c>,
}

impl P<'_> {
    fn word(&self, low: &str, class: &str) -> Option<i32> {
        let l = low.trim_end_matches('.');
        self.ctx
            .lex
            .time_words
            .get(l)
            .and_then(|v| v.iter().find(|w| w.class == class))
            .map(|w| w.value)
    }
    fn month(&self, t: &Word<'_>) -> Option<u8> {
        // "May" and "March" are months only when capitalised
        if !t.text.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        self.word(t.low, "month").map(|v| v as u8)
    }
    fn weekday(&self, t: &Word<'_>) -> Option<u8> {
        if !t.text.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        self.word(t.low, "weekday").map(|v| v as u8)
    }
}

/// Fills `doc.times`.
pub fn find_times(doc: &mut Doc, ctx: &Ctx) {
    let p = P { ctx };
    let mut parsed: Vec<Parsed> = Vec::new();
    for s in &doc.sentences {
        let toks = crate::words(doc, ctx, s);
        let mut i = 0;
        while i < toks.len() {
            if let Some((e, n)) = parse_at(&p, &toks, i) {
                parsed.push(e);
                i += n.max(1);
            } else {
                i += 1;
            }
        }
    }
    doc.times = resolve(doc, parsed);
}

/// Tries every pattern at token `i`; returns the expression and how many tokens it used.
fn parse_at(p: &P, t: &[Word], i: usize) -> Option<(Parsed, usize)> {
    let mut e = Parsed::default();
    let start = i;
    let mut j = i;
    // leading hedges
    let mut hedge = None;
    for (w, h) in [
        ("around", "approx"),
        ("about", "approx"),
        ("approximately", "approx"),
        ("shortly", ""),
        ("early", "early"),
        ("late", "late"),
        ("mid", "mid"),
    ] {
        if t.get(j).is_some_and(|x| x.is(w)) {
            let h = if w == "shortly" {
                match t.get(j + 1).map(|x| x.low) {
                    Some("after") => "after",
                    Some("before") => "before",
                    _ => "",
                }
            } else {
                h
            };
            if !h.is_empty() {
                hedge = Some(h.to_string());
                j += if w == "shortly" { 2 } else { 1 };
                if t.get(j).is_some_and(|x| x.is("on")) {
                    j += 1;
                }
            }
            break;
        }
    }
    let body_start = j;
    // clock first: "4:00 p.m. (EST) Feb. 02", "At 9:30 p.m. local time", "midnight between 2 and 3 February"
    if let Some((h, m, n)) = clock(p, t, j) {
        e.clock = Some((h, m));
        // "2330Z"
        if is_zulu_clock(t[j + n - 1].low) {
            e.offset = Some(0);
        }
        j += n;
        // "0130 hrs IST"
        if t.get(j).is_some_and(|x| matches!(x.low, "hours" | "hrs")) {
            j += 1;
        }
        j = zone(p, t, j, &mut e);
        // the wire's UTC equivalent: "7:10 a.m. local time (0240 GMT)"
        if let Some((off, next)) = utc_equivalent(p, t, j, (h, m)) {
            e.offset = Some(off);
            j = next;
        }
        // a date right after
        let mut k = j;
        if t.get(k).is_some_and(|x| matches!(x.low, "on" | "," | "of")) {
            k += 1;
        }
        if t.get(k).is_some_and(|x| x.is("between"))
            && t.get(body_start).is_some_and(|x| x.is("midnight"))
        {
            e.clock_on_end = true;
        }
        if let Some((mut d, n)) = date(p, t, k) {
            d.clock = e.clock;
            d.clock_on_end = e.clock_on_end;
            d.offset = e.offset;
            d.iana = e.iana;
            d.local = e.local;
            e = d;
            j = k + n;
            j = zone(p, t, j, &mut e);
        }
        if t.get(j).is_some_and(|x| matches!(x.low, "hours" | "hrs")) {
            j += 1;
        }
        e.hedge = hedge.or(e.hedge);
        e.span = (t[start].span.s(), t[j - 1].span.e());
        // a bare number is not a time
        return Some((e, j - start));
    }
    if let Some((mut d, n)) = date(p, t, j) {
        j += n;
        // date followed by a clock: "2 February 2024 at 21:00 GMT"
        let mut k = j;
        if t.get(k).is_some_and(|x| matches!(x.low, "at" | ",")) {
            k += 1;
        }
        if let Some((h, m, n)) = clock(p, t, k) {
            d.clock = Some((h, m));
            if is_zulu_clock(t[k + n - 1].low) {
                d.offset = Some(0);
            }
            j = k + n;
        } else if let Some((h, m, off, next)) = paren_clock(p, t, j) {
            // "Early on 5 August 2024 (0030 GMT)"
            d.clock = Some((h, m));
            d.offset = Some(off);
            j = next;
        }
        j = zone(p, t, j, &mut d);
        d.hedge = hedge.or(d.hedge);
        d.span = (t[start].span.s(), t[j - 1].span.e());
        return Some((d, j - start));
    }
    None
}

/// Clock times: 9:30, 9:30 p.m., 4 p.m., 0400 Zulu, 21:00 GMT, midnight, noon.
fn clock(p: &P, t: &[Word], i: usize) -> Option<(u8, u8, usize)> {
    let x = t.get(i)?;
    if let Some(part) = p.word(x.low, "part")
        && matches!(x.low, "midnight" | "noon" | "midday")
    {
        return Some((part as u8, 0, 1));
    }
    if let Some(c) = one_token_clock(x.low) {
        return Some((c.0, c.1, 1));
    }
    let (mut h, mut m, mut n);
    // "8.30 a.m." (a dot only before a.m./p.m.: otherwise a decimal)
    let ampm_next = t
        .get(i + 1)
        .is_some_and(|y| matches!(y.low.replace('.', "").as_str(), "am" | "pm"));
    let split = x
        .text
        .split_once(':')
        .or_else(|| x.text.split_once('.').filter(|_| ampm_next));
    if let Some((a, b)) = split {
        h = num(a)?;
        m = num(b)?;
        n = 1;
        if a.len() > 2 || b.len() != 2 || h > 24 || m > 59 {
            return None;
        }
    } else if x.text.len() == 4
        && num(x.text).is_some()
        && t.get(i + 1).is_some_and(|y| {
            p.word(y.low, "zone").is_some() || matches!(y.low, "hours" | "hrs" | "local")
        })
    {
        let v = num(x.text)?;
        h = v / 100;
        m = v % 100;
        n = 1;
        if h > 24
            || m > 59
            || year(x.text).is_some()
                && !t.get(i + 1).is_some_and(|y| {
                    matches!(y.low, "zulu" | "z" | "gmt" | "utc" | "hours" | "hrs")
                })
        {
            return None;
        }
    } else if let Some(v) = num(x.text) {
        // "4 p.m."
        let ampm = t.get(i + 1).map(|y| y.low.replace('.', ""));
        if v == 0
            || v > 12
            || !matches!(
                ampm.as_deref(),
                Some("pm") | Some("am") | Some("p") | Some("a")
            )
        {
            return None;
        }
        h = v;
        m = 0;
        n = 1;
    } else {
        return None;
    }
    // a.m. / p.m.: tokens "p.m" "." or "pm"
    if let Some(y) = t.get(i + n) {
        let l = y.low.replace('.', "");
        if l == "pm" || l == "am" || l == "p" || l == "a" {
            if (l == "pm" || l == "p") && h < 12 {
                h += 12;
            }
            if (l == "am" || l == "a") && h == 12 {
                h = 0;
            }
            n += 1;
            if t.get(i + n).is_some_and(|z| z.text == ".") {
                n += 1;
            }
        }
    }
    if h == 24 {
        h = 0;
    }
    let _ = &mut m;
    Some((h as u8, m as u8, n))
}

/// Clock times written as one token: "7pm", "8.30am", "10:30pm", "17h30", "2330Z".
fn one_token_clock(low: &str) -> Option<(u8, u8)> {
    let hm = |body: &str| -> Option<(u32, u32)> {
        match body.split_once([':', '.']) {
            Some((a, b)) if a.len() <= 2 && b.len() == 2 => Some((num(a)?, num(b)?)),
            Some(_) => None,
            None if body.len() <= 2 => Some((num(body)?, 0)),
            None => None,
        }
    };
    if let Some((body, pm)) = low
        .strip_suffix("pm")
        .map(|b| (b, true))
        .or_else(|| low.strip_suffix("am").map(|b| (b, false)))
    {
        let (h, m) = hm(body)?;
        if h == 0 || h > 12 || m > 59 {
            return None;
        }
        let h = match (pm, h) {
            (true, 12) => 12,
            (true, h) => h + 12,
            (false, 12) => 0,
            (false, h) => h,
        };
        return Some((h as u8, m as u8));
    }
    if let Some((a, b)) = low.split_once('h')
        && (1..=2).contains(&a.len())
        && b.len() == 2
        && let (Some(h), Some(m)) = (num(a), num(b))
        && h < 24
        && m < 60
    {
        return Some((h as u8, m as u8));
    }
    if is_zulu_clock(low) {
        let v = num(&low[..4])?;
        return (v / 100 < 24 && v % 100 < 60).then_some(((v / 100) as u8, (v % 100) as u8));
    }
    None
}

/// Zones after a clock or date: (EST), GMT, UTC+3, (UTC+3), local time, Zulu.
fn zone(p: &P, t: &[Word], mut j: usize, e: &mut Parsed) -> usize {
    loop {
        let mut k = j;
        let paren = t.get(k).is_some_and(|x| x.text == "(");
        if paren {
            k += 1;
        }
        let Some(x) = t.get(k) else { return j };
        if x.is("local") && t.get(k + 1).is_some_and(|y| y.is("time")) {
            e.local = true;
            k += 2;
        } else if x.text == "ET"
            || (x.text == "Eastern" && t.get(k + 1).is_some_and(|y| y.is("time")))
        {
            // US Eastern time, standard or daylight by the day
            e.offset = Some(-300);
            e.iana = Some("America/New_York");
            k += if x.text == "ET" { 1 } else { 2 };
            if x.text == "ET" && t.get(k).is_some_and(|y| y.is("time")) {
                k += 1;
            }
        } else if let Some((z, h)) = x.low.split_once('-')
            && p.word(z, "zone") == Some(0)
            && x.text[..z.len()].chars().all(char::is_uppercase)
            && let Some(hh) = num(h).filter(|&hh| hh <= 12 && h.len() <= 2)
        {
            // "GMT-5" written as one word
            e.offset = Some(-(hh as i32) * 60);
            k += 1;
        } else if let Some(off) = p.word(x.low, "zone") {
            if x.text.len() <= 1 && x.low != "z" {
                return j;
            }
            // upper case only (EST, not "est")
            if x.text.chars().any(char::is_lowercase) && !matches!(x.low, "zulu") {
                return j;
            }
            let mut off = off;
            k += 1;
            // UTC+3, GMT-5, UTC+05:30
            if let Some(sign) = t
                .get(k)
                .filter(|y| y.text == "+" || y.text == "-" || y.text == "−")
                && let Some(v) = t.get(k + 1)
            {
                let (hh, mm) = match v.text.split_once(':') {
                    Some((a, b)) => (num(a).unwrap_or(99), num(b).unwrap_or(99)),
                    // "UTC+0245", "GMT+0900"
                    None if v.text.len() == 4 => {
                        num(v.text).map_or((99, 99), |n| (n / 100, n % 100))
                    }
                    None => (num(v.text).unwrap_or(99), 0),
                };
                let o = (hh * 60 + mm) as i32;
                let o = if sign.text == "+" { o } else { -o };
                // real zones lie between UTC-12 and UTC+14 ("UTC+14:45" is no zone)
                if mm < 60 && (-12 * 60..=14 * 60).contains(&o) {
                    off = o;
                    k += 2;
                }
            }
            e.offset = Some(off);
        } else {
            return j;
        }
        if paren {
            if t.get(k).is_some_and(|x| x.text == ")") {
                k += 1;
            } else {
                return j;
            }
        }
        j = k;
    }
}

/// "2330Z": a four-digit clock with the Zulu suffix.
fn is_zulu_clock(low: &str) -> bool {
    low.strip_suffix('z')
        .is_some_and(|b| b.len() == 4 && num(b).is_some())
}

/// A clock time in parentheses with its zone, "(0240 GMT)": (h, m, offset, next token).
fn paren_clock(p: &P, t: &[Word], j: usize) -> Option<(u8, u8, i32, usize)> {
    if t.get(j)?.text != "(" {
        return None;
    }
    let (h, m, n) = clock(p, t, j + 1)?;
    let mut z = Parsed::default();
    let mut k = j + 1 + n;
    if is_zulu_clock(t[k - 1].low) {
        z.offset = Some(0);
    }
    k = zone(p, t, k, &mut z);
    let off = z.offset?;
    (t.get(k)?.text == ")").then_some((h, m, off, k + 1))
}

/// The local clock's UTC (or other zone's) equivalent in parentheses, as
/// wire copy gives it: the zone offset of the local clock, and the next token.
fn utc_equivalent(p: &P, t: &[Word], j: usize, local: (u8, u8)) -> Option<(i32, usize)> {
    let (h, m, off, next) = paren_clock(p, t, j)?;
    let local_min = local.0 as i32 * 60 + local.1 as i32;
    let other_min = h as i32 * 60 + m as i32 - off;
    // the offset east of UTC, between -12 and +14 hours
    let mut diff = (local_min - other_min).rem_euclid(1440);
    if diff > 14 * 60 {
        diff -= 1440;
    }
    Some((diff, next))
}

/// Dates, spans of dates, weekdays and relative days.
fn date(p: &P, t: &[Word], i: usize) -> Option<(Parsed, usize)> {
    let mut e = Parsed::default();
    let x = t.get(i)?;
    // relative to the report date
    for (phrase, off) in [
        ("today", 0),
        ("tonight", 0),
        ("yesterday", -1),
        ("tomorrow", 1),
    ] {
        if x.is(phrase) {
            e.rel_pub = Some(off);
            return Some((e, 1));
        }
    }
    let w1 = t.get(i + 1).map(|y| y.low);
    let w2 = t.get(i + 2).map(|y| y.low);
    let w3 = t.get(i + 3).map(|y| y.low);
    let span_word = match (x.low, w1, w2) {
        ("last", Some("week"), _) | ("the", Some("past"), Some("week")) => Some(("last week", 2)),
        ("last", Some("month"), _) => Some(("last month", 2)),
        ("last", Some("year"), _) => Some(("last year", 2)),
        ("last", Some("weekend"), _) => Some(("weekend", 2)),
        ("earlier", Some("this"), Some("week")) => Some(("this week", 3)),
        ("over", Some("the"), Some("weekend")) => Some(("weekend", 3)),
        ("this", Some("week"), _) => Some(("this week", 2)),
        _ => None,
    };
    if let Some((k, n)) = span_word {
        e.rel_pub_span = Some(k);
        return Some((e, n));
    }
    if x.is("the") && w1 == Some("day") && w2 == Some("before") && w3 == Some("yesterday") {
        e.rel_pub = Some(-2);
        return Some((e, 4));
    }
    // relative to another event: "that evening", "later that night", "the same day", "a fortnight later", "24 hours later"
    let same_day = match (x.low, w1, w2) {
        ("throughout" | "during", Some("the"), Some("day")) => Some(3),
        ("later" | "earlier", Some("in"), Some("the")) if w3 == Some("day") => Some(4),
        ("that", Some("day" | "evening" | "night" | "morning" | "afternoon"), _) => Some(2),
        ("later", Some("that"), Some("day" | "evening" | "night" | "morning" | "afternoon")) => {
            Some(3)
        }
        ("the", Some("same"), Some("day" | "evening" | "night" | "morning")) => Some(3),
        _ => None,
    };
    if let Some(n) = same_day {
        e.rel_event = Some((0, 0));
        return Some((e, n));
    }
    if matches!(x.low, "a" | "one")
        && w1 == Some("fortnight")
        && matches!(w2, Some("later" | "after"))
    {
        e.rel_event = Some((14, 14));
        return Some((e, 3));
    }
    if let (Some(h), Some("hours"), Some("later" | "after")) = (num(x.text), w1, w2)
        && h % 24 == 0
        && h > 0
    {
        let d = (h / 24) as i32;
        e.rel_event = Some((d, d));
        return Some((e, 3));
    }
    if x.is("the") && w1 == Some("previous") && w2 == Some("week") {
        e.rel_event = Some((-7, -1));
        return Some((e, 3));
    }
    if (x.is("last") || x.is("this"))
        && t.get(i + 1)
            .is_some_and(|y| matches!(y.low, "night" | "morning" | "evening" | "afternoon"))
    {
        e.rel_pub = Some(if x.is("last") { -1 } else { 0 });
        return Some((e, 2));
    }
    // relative to another event
    if x.is("the") || x.is("a") {
        let w2 = t.get(i + 1).map(|y| y.low);
        let w3 = t.get(i + 2).map(|y| y.low);
        let rel = match (w2, w3) {
            (Some("week"), Some("before" | "earlier" | "prior")) => Some((-7, -1)),
            (Some("day"), Some("before" | "earlier" | "prior"))
            | (Some("previous"), Some("day")) => Some((-1, -1)),
            (
                Some("next" | "following"),
                Some("day" | "morning" | "night" | "evening" | "afternoon"),
            )
            | (Some("day"), Some("after" | "later")) => Some((1, 1)),
            (Some("week"), Some("after" | "later")) if x.is("a") => Some((7, 7)),
            (Some("week"), Some("after" | "later"))
            | (Some("following" | "next"), Some("week")) => Some((1, 7)),
            _ => None,
        };
        if let Some(r) = rel {
            e.rel_event = Some(r);
            return Some((e, 3));
        }
    }
    if let (Some(n), Some(unit), Some(dir)) = (count_word(p, x), t.get(i + 1), t.get(i + 2)) {
        let per = match unit.low {
            "day" | "days" => Some(1),
            "week" | "weeks" => Some(7),
            _ => None,
        };
        if let (Some(per), true) = (per, dir.is("ago")) {
            // "two days ago", "a week ago": before the report
            e.rel_pub = Some(-(n as i32) * per);
            return Some((e, 3));
        }
        let sign = match dir.low {
            "later" | "after" => Some(1),
            "earlier" | "before" | "prior" => Some(-1),
            _ => None,
        };
        if let (Some(per), Some(sign)) = (per, sign) {
            let d = sign * n as i32 * per;
            e.rel_event = Some((d, d));
            return Some((e, 3));
        }
    }
    // "since 7 October 2023", "since 2011"
    let mut j = i;
    if x.is("since") {
        e.since = true;
        j += 1;
    }
    // weekday, optionally with a date: "Friday, February 2", "on Friday"
    if let Some(wd) = t.get(j).and_then(|y| p.weekday(y)) {
        e.weekday = Some(wd);
        let mut k = j + 1;
        if t.get(k).is_some_and(|y| y.text == ",") {
            k += 1;
        }
        if let Some((d, n)) = day_month(p, t, k) {
            let mut d = d;
            d.weekday = Some(wd);
            d.since = e.since;
            return Some((d, k + n - i));
        }
        // "Friday night", "Friday morning"
        if t.get(j + 1)
            .is_some_and(|y| matches!(y.low, "night" | "morning" | "evening" | "afternoon"))
        {
            return Some((e, j + 2 - i));
        }
        return Some((e, j + 1 - i));
    }
    // "between 2 and 3 February", "from 2 to 3 February"
    if t.get(j).is_some_and(|y| y.is("between") || y.is("from")) {
        let a = t.get(j + 1).and_then(|y| ordinal_day(y.text));
        let conj = t.get(j + 2).is_some_and(|y| y.is("and") || y.is("to"));
        if let (Some(d1), true) = (a, conj)
            && let Some((mut d, n)) = day_month(p, t, j + 3)
        {
            d.d2 = d.d;
            d.m2 = d.m;
            d.y2 = d.y;
            d.d = Some(d1);
            return Some((d, j + 3 + n - i));
        }
        if let Some((d1, n1)) = day_month(p, t, j + 1)
            && t.get(j + 1 + n1).is_some_and(|y| y.is("and") || y.is("to"))
            && let Some((d2, n2)) = day_month(p, t, j + 2 + n1)
        {
            let mut d = d1;
            d.y = d.y.or(d2.y);
            d.d2 = d2.d;
            d.m2 = d2.m;
            d.y2 = d2.y;
            return Some((d, j + 2 + n1 + n2 - i));
        }
    }
    if let Some((mut d, n)) = day_month(p, t, j) {
        d.since = e.since;
        let mut k = j + n;
        // "31 December 2022/1 January 2023", "2–3 February"
        if t.get(k)
            .is_some_and(|y| matches!(y.text, "/" | "–" | "—" | "-"))
            && let Some((d2, n2)) = day_month(p, t, k + 1)
        {
            d.d2 = d2.d;
            d.m2 = d2.m;
            d.y2 = d2.y;
            k += 1 + n2;
        }
        return Some((d, k - i));
    }
    // "3-5 May 2024", "13–14 April": one token
    if let Some((a, b)) = t.get(j).and_then(|y| y.text.split_once(['-', '–']))
        && let (Some(d1), Some(d2)) = (ordinal_day(a), ordinal_day(b))
        && let Some(m) = t.get(j + 1).and_then(|y| p.month(y))
    {
        let mut k = j + 2;
        if t.get(k).is_some_and(|y| y.text == ".") {
            k += 1;
        }
        e.d = Some(d1);
        e.m = Some(m);
        e.d2 = Some(d2);
        e.m2 = Some(m);
        if let Some(yv) = t.get(k).and_then(|y| year(y.text)) {
            e.y = Some(yv);
            e.y2 = Some(yv);
            k += 1;
        } else if k > j + 2 {
            k -= 1;
        }
        return Some((e, k - i));
    }
    // "2–3 February", "13 to 14 April"
    if let (Some(d1), Some(dash)) = (t.get(j).and_then(|y| ordinal_day(y.text)), t.get(j + 1))
        && (matches!(dash.text, "–" | "—" | "-") || dash.is("to"))
        && let Some((mut d, n)) = day_month(p, t, j + 2)
    {
        d.d2 = d.d;
        d.m2 = d.m;
        d.y2 = d.y;
        d.d = Some(d1);
        return Some((d, j + 2 + n - i));
    }
    // ISO 2024-02-02
    if let Some(y) = t.get(j)
        && let Some(day) = Day::parse(y.text)
        && y.text.len() == 10
        && is_real_day(day)
        && year(&y.text[..4]).is_some()
    {
        e.y = Some(day.y);
        e.m = Some(day.m);
        e.d = Some(day.d);
        return Some((e, j + 1 - i));
    }
    // "13/04/2024", "25.12.2023"
    if let Some((d, n)) = numeric_date(t, j) {
        return Some((d, j + n - i));
    }
    // "mid-March 2024", "mid-2021", "late-December": a hedge joined to a month or year
    if let Some(y) = t.get(j)
        && let Some((pre, rest)) = y.low.split_once('-')
        && matches!(pre, "mid" | "early" | "late")
    {
        if let Some(yv) = year(rest) {
            e.y = Some(yv);
            e.year_only = true;
            e.hedge = Some(pre.to_string());
            return Some((e, j + 1 - i));
        }
        let cap = y.text[pre.len() + 1..].starts_with(char::is_uppercase);
        if let (true, Some(m)) = (cap, p.word(rest, "month")) {
            e.m = Some(m as u8);
            e.hedge = Some(pre.to_string());
            let mut k = j + 1;
            if let Some(yv) = t.get(k).and_then(|y| year(y.text)) {
                e.y = Some(yv);
                k += 1;
            }
            return Some((e, k - i));
        }
    }
    // "between March and May 2024", "from January to June 2023"
    let opener = t.get(j).is_some_and(|y| y.is("between") || y.is("from"))
        && t.get(j + 1).and_then(|y| p.month(y)).is_some();
    let mj = if opener { j + 1 } else { j };
    if let Some(m) = t.get(mj).and_then(|y| p.month(y)) {
        // "March 2024", "Aug. 2021", "August, 2012"
        let mut k = mj + 1;
        if t.get(k).is_some_and(|y| y.text == "." || y.text == ",")
            && t.get(k + 1).and_then(|y| year(y.text)).is_some()
        {
            k += 1;
        }
        if !opener && let Some(yv) = t.get(k).and_then(|y| year(y.text)) {
            e.m = Some(m);
            e.y = Some(yv);
            return Some((e, k + 1 - i));
        }
        // "October and November 2023", "between March and May 2024"
        if t.get(mj + 1)
            .is_some_and(|y| matches!(y.low, "and" | "to" | "through" | "until" | "–" | "-"))
            && let Some(m2) = t.get(mj + 2).and_then(|y| p.month(y))
        {
            let mut k = mj + 3;
            if let Some(yv) = t.get(k).and_then(|y| year(y.text)) {
                e.y2 = Some(yv);
                k += 1;
            }
            if e.y2.is_some() || opener {
                e.m = Some(m);
                e.m2 = Some(m2);
                return Some((e, k - i));
            }
        }
        // a bare month after a preposition: "in January", "since March", "until May"
        let prev = mj.checked_sub(1).and_then(|k| t.get(k)).map(|y| y.low);
        if !opener
            && (e.since
                || matches!(
                    prev,
                    Some(
                        "in" | "during"
                            | "until"
                            | "till"
                            | "by"
                            | "early"
                            | "late"
                            | "mid"
                            | "throughout"
                    )
                ))
        {
            e.m = Some(m);
            e.forward = matches!(prev, Some("until" | "till" | "by"));
            return Some((e, mj + 1 - i));
        }
    }
    // in/since/during YYYY
    if let Some(yv) = t.get(j).and_then(|y| year(y.text))
        && (e.since
            || (j > 0
                && t.get(j - 1).is_some_and(|y| {
                    matches!(
                        y.low,
                        "in" | "during" | "of" | "by" | "early" | "late" | "mid" | "until"
                    )
                })))
    {
        e.y = Some(yv);
        e.year_only = true;
        return Some((e, j + 1 - i));
    }
    None
}

/// "13/04/2024", "25.12.2023", "04/13/2024": numeric dates are read only
/// when the order of day and month is certain (one of them above 12), since
/// a report's locale is not known.
fn numeric_date(t: &[Word], j: usize) -> Option<(Parsed, usize)> {
    let x = t.get(j)?;
    // only a token that opens with a digit can be one (and most tokens do not)
    if !x.text.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let three = |sep: char| {
        let mut it = x.text.split(sep);
        let (a, b, c) = (it.next()?, it.next()?, it.next()?);
        it.next().is_none().then_some((a, b, c))
    };
    let (a, b, y, n) = if let Some((p0, p1, p2)) = three('.').or_else(|| three('-')) {
        (p0, p1, p2, 1)
    } else if t.get(j + 1).is_some_and(|y| y.text == "/")
        && t.get(j + 3).is_some_and(|y| y.text == "/")
    {
        (x.text, t.get(j + 2)?.text, t.get(j + 4)?.text, 5)
    } else {
        return None;
    };
    if a.len() > 2 || b.len() > 2 {
        return None;
    }
    let (a, b, y) = (num(a)?, num(b)?, year(y)?);
    let (d, m) = match (a, b) {
        (13..=31, 1..=12) => (a, b),
        (1..=12, 13..=31) => (b, a),
        _ => return None,
    };
    if d as u8 > Day::month_len(y, m as u8) {
        return None;
    }
    let e = Parsed {
        y: Some(y),
        m: Some(m as u8),
        d: Some(d as u8),
        ..Parsed::default()
    };
    Some((e, n))
}

fn count_word(p: &P, x: &Word<'_>) -> Option<u32> {
    if let Some(n) = num(x.text) {
        return (n < 100).then_some(n);
    }
    p.ctx
        .lex
        .numbers
        .get(x.low)
        .filter(|w| w.kind == "unit" || w.kind == "article")
        .map(|w| w.value as u32)
}

/// "2 February [2024]", "February 2[, 2024]", "Feb. 02", "the 2nd of February".
fn day_month(p: &P, t: &[Word], i: usize) -> Option<(Parsed, usize)> {
    let mut e = Parsed::default();
    let x = t.get(i)?;
    let mut j;
    if let Some(d) = ordinal_day(x.text) {
        // D [of] Month
        let mut k = i + 1;
        if t.get(k).is_some_and(|y| y.is("of")) {
            k += 1;
        }
        let m = t.get(k).and_then(|y| p.month(y))?;
        e.d = Some(d);
        e.m = Some(m);
        j = k + 1;
        if t.get(j).is_some_and(|y| y.text == ".")
            && t.get(j + 1).is_some_and(|y| year(y.text).is_some())
        {
            j += 1;
        }
    } else if let Some(m) = p.month(x) {
        let mut k = i + 1;
        if t.get(k).is_some_and(|y| y.text == ".") {
            k += 1;
        }
        let d = t.get(k).and_then(|y| ordinal_day(y.text))?;
        // "March 2024" is handled elsewhere; "May 15" needs the day not to be a year
        e.d = Some(d);
        e.m = Some(m);
        j = k + 1;
    } else {
        return None;
    }
    // year
    let mut k = j;
    if t.get(k).is_some_and(|y| y.text == ",") {
        k += 1;
    }
    if let Some(yv) = t.get(k).and_then(|y| year(y.text)) {
        e.y = Some(yv);
        j = k + 1;
    }
    let (Some(m), Some(d)) = (e.m, e.d) else {
        return None;
    };
    if d > Day::month_len(e.y.unwrap_or(2024), m) {
        return None;
    }
    Some((e, j - i))
}

/// Second pass: years, weekdays and report-relative days.
fn resolve(doc: &Doc, parsed: Vec<Parsed>) -> Vec<TimeMention> {
    // a malformed publication date ("2023-02-31", year 0 or 9999) anchors nothing
    let published = doc
        .meta
        .published
        .as_deref()
        .and_then(Day::parse)
        .filter(|p| (1000..=9000).contains(&p.y) && is_real_day(*p));
    // weekdays the report names
    let weekdays: Vec<u8> = parsed.iter().filter_map(|e| e.weekday).collect();
    let mut out: Vec<TimeMention> = Vec::with_capacity(parsed.len());
    // explicit full dates, in order, as anchors
    let mut anchors: Vec<(usize, Day)> = parsed
        .iter()
        .filter_map(|e| {
            Some((
                e.span.0,
                Day {
                    y: e.y?,
                    m: e.m?,
                    d: e.d.unwrap_or(1),
                },
            ))
        })
        .collect();
    // year-less dates whose year the weekdays of the report fix are anchors too ("Feb. 02" with "on Friday")
    if anchors.is_empty() && published.is_none() {
        for e in &parsed {
            if let (None, Some(m), Some(d)) = (e.y, e.m, e.d)
                && let Some(y) = infer_year(m, d, None, &weekdays, None, None, current_year())
            {
                anchors.push((e.span.0, Day { y, m, d }));
            }
        }
    }
    let this_year = current_year();
    // the narrative anchor: the last day resolved so far (a "1 December" after "23 November [2020]" is 2020, whatever "the October 2019 agreements" in between says)
    let mut running: Option<Day> = None;
    for e in &parsed {
        let mut start = None;
        let mut end = None;
        let mut precision = Precision::Day;
        let mut inferred = false;
        if let (Some(k), Some(p)) = (e.rel_pub_span, published) {
            let monday = p.plus_days(-(p.weekday() as i64));
            let (a, b) = match k {
                "last week" => (monday.plus_days(-7), monday.plus_days(-1)),
                "this week" => (monday, p.plus_days(-1).max(monday)),
                "weekend" => {
                    let sunday = p.plus_days(-((p.weekday() as i64 + 1) % 7));
                    (sunday.plus_days(-1), sunday)
                }
                "last month" => {
                    let (y, m) = if p.m == 1 {
                        (p.y - 1, 12)
                    } else {
                        (p.y, p.m - 1)
                    };
                    (
                        Day { y, m, d: 1 },
                        Day {
                            y,
                            m,
                            d: Day::month_len(y, m),
                        },
                    )
                }
                _ => (
                    Day {
                        y: p.y - 1,
                        m: 1,
                        d: 1,
                    },
                    Day {
                        y: p.y - 1,
                        m: 12,
                        d: 31,
                    },
                ),
            };
            start = Some(a);
            end = Some(b);
            precision = if k == "last year" {
                Precision::Year
            } else if k == "last month" {
                Precision::Month
            } else {
                Precision::Span
            };
        } else if let Some(off) = e.rel_pub {
            if let Some(p) = published {
                start = Some(p.plus_days(off as i64));
                end = start;
            }
        } else if e.rel_event.is_some() {
            precision = if e.rel_event.is_some_and(|(a, b)| a != b) {
                Precision::Span
            } else {
                Precision::Day
            };
        } else if let (Some(m), Some(d)) = (e.m, e.d) {
            let y = match e.y {
                Some(y) => Some(y),
                None => {
                    inferred = true;
                    infer_year(
                        m,
                        d,
                        e.weekday,
                        e.weekday
                            .as_ref()
                            .map_or(weekdays.as_slice(), std::slice::from_ref),
                        published,
                        running.or_else(|| nearest_anchor(&anchors, e.span.0)),
                        this_year,
                    )
                }
            };
            if let Some(y) = y {
                start = Some(Day { y, m, d });
                end = start;
                if let (Some(m2), Some(d2)) = (e.m2, e.d2) {
                    let y2 = e.y2.unwrap_or(if m2 < m { y + 1 } else { y });
                    let (sy, ey) = if e.y.is_none() && e.y2.is_some() && m2 < m {
                        (y2 - 1, y2)
                    } else {
                        (y, y2)
                    };
                    start = Some(Day { y: sy, m, d });
                    end = Some(Day {
                        y: ey,
                        m: m2,
                        d: d2,
                    });
                    precision = Precision::Span;
                }
            }
        } else if let Some(m) = e.m {
            // a month or a span of months: "March 2024", "in January", "October and November 2023"
            precision = if e.m2.is_some() {
                Precision::Span
            } else {
                Precision::Month
            };
            let y = match (e.y, e.m2, e.y2) {
                (Some(y), _, _) => Some(y),
                (None, Some(m2), Some(y2)) => Some(if m2 < m { y2 - 1 } else { y2 }),
                _ => {
                    inferred = true;
                    month_year(m, e.forward, published)
                }
            };
            if let Some(y) = y {
                let (y2, m2) = match e.m2 {
                    Some(m2) => (e.y2.unwrap_or(if m2 < m { y + 1 } else { y }), m2),
                    None => (y, m),
                };
                start = Some(Day { y, m, d: 1 });
                end = Some(Day {
                    y: y2,
                    m: m2,
                    d: Day::month_len(y2, m2),
                });
            }
        } else if let (Some(y), true) = (e.y, e.year_only) {
            start = Some(Day { y, m: 1, d: 1 });
            end = Some(Day { y, m: 12, d: 31 });
            precision = Precision::Year;
        } else if let Some(wd) = e.weekday {
            let base = published.or_else(|| {
                running
                    .or_else(|| nearest_anchor(&anchors, e.span.0))
                    .map(|a| a.plus_days(3))
            });
            if let Some(b) = base {
                let back = (b.weekday() as i64 - wd as i64).rem_euclid(7);
                start = Some(b.plus_days(-back));
                end = start;
            }
        }
        if e.since {
            precision = Precision::Span;
            end = published.or(end);
            if published.is_none() {
                end = None;
            }
        }
        // a day the calendar lacks ("between 28 and 29 February" in a common
        // year) resolves to nothing; a span written backwards ("between 2 and
        // 1 February", "31 December 2022/1 January 2022") keeps its first day
        if !start.iter().chain(end.iter()).all(|d| is_real_day(*d)) {
            start = None;
            end = None;
        }
        if let (Some(a), Some(b)) = (start, end)
            && a > b
        {
            end = start;
            if precision == Precision::Span {
                precision = Precision::Day;
            }
        }
        let mut tm = TimeMention {
            span: Span::new(e.span.0, e.span.1),
            start,
            end,
            time_utc: None,
            clock: e.clock,
            offset_min: e.offset,
            local: e.local,
            precision: if e.clock.is_some() && start.is_some() {
                Precision::Time
            } else {
                precision
            },
            hedge: e.hedge.clone(),
            relative_to_event: e.rel_event.is_some(),
            inferred_year: inferred,
            rel_days: e.rel_event,
        };
        if e.clock_on_end {
            // "midnight between 2 and 3 February": the later day's 00:00
            if let Some(en) = tm.end {
                tm.start = tm.start.or(Some(en));
            }
        }
        if let (Some(day), Some((h, m)), Some(off)) = (
            if e.clock_on_end { tm.end } else { tm.start },
            e.clock,
            e.offset,
        ) {
            let off = e
                .iana
                .and_then(|tz| zone_offset(day, h, m, tz))
                .unwrap_or(off);
            tm.offset_min = Some(off);
            tm.time_utc = Some(utc_from_offset(day, h, m, off));
        }
        if tm.start.is_some() && tm.start == tm.end && !tm.relative_to_event {
            running = tm.start;
        }
        out.push(tm);
    }
    out
}

/// The year of a year-less month: the latest such month that has begun by
/// the publication date, or for a month looking ahead ("until May") the
/// next one that has not ended. A report without one leaves it open: a narrative's
/// last date is no safe anchor for a month, since chronicles step back to
/// summarise ("On 24 January ... In February, the administration stated").
fn month_year(m: u8, forward: bool, published: Option<Day>) -> Option<i16> {
    let p = published?;
    Some(match (forward, m <= p.m) {
        (false, true) | (true, false) => p.y,
        (false, false) => p.y - 1,
        (true, true) if m == p.m => p.y,
        (true, true) => p.y + 1,
    })
}

fn is_real_day(d: Day) -> bool {
    (1..=12).contains(&d.m) && d.d >= 1 && d.d <= Day::month_len(d.y, d.m)
}

fn nearest_anchor(anchors: &[(usize, Day)], pos: usize) -> Option<Day> {
    anchors
        .iter()
        .rev()
        .find(|(p, _)| *p <= pos)
        .or_else(|| anchors.first())
        .map(|(_, d)| *d)
}

fn infer_year(
    m: u8,
    d: u8,
    own: Option<u8>,
    weekdays: &[u8],
    published: Option<Day>,
    anchor: Option<Day>,
    this_year: i16,
) -> Option<i16> {
    if let Some(p) = published {
        // the year that puts the day closest before (or just after) the report;
        // a weekday written with the date ("Fri, Sep 20") picks among the years it fits
        let fits = |y: i16| own.is_none_or(|w| Day { y, m, d }.weekday() == w);
        let any_fits = [p.y - 1, p.y, p.y + 1]
            .into_iter()
            .any(|y| d <= Day::month_len(y, m) && fits(y));
        let mut best = None;
        for y in [p.y - 1, p.y, p.y + 1] {
            if d > Day::month_len(y, m) || (any_fits && !fits(y)) {
                continue;
            }
            let diff = Day { y, m, d }.ordinal() - p.ordinal();
            let cost = if diff > 7 { diff * 4 } else { diff.abs() };
            if best.is_none_or(|(c, _)| cost < c) {
                best = Some((cost, y));
            }
        }
        return best.map(|(_, y)| y);
    }
    if let Some(a) = anchor {
        let mut best = None;
        for y in [a.y - 1, a.y, a.y + 1] {
            if d > Day::month_len(y, m) {
                continue;
            }
            let cost = (Day { y, m, d }.ordinal() - a.ordinal()).abs();
            if best.is_none_or(|(c, _)| cost < c) {
                best = Some((cost, y));
            }
        }
        return best.map(|(_, y)| y);
    }
    if !weekdays.is_empty() {
        // the most recent year, not after this one, in which the day fell on a weekday the report names
        for y in (this_year - 30..=this_year).rev() {
            if d <= Day::month_len(y, m) && weekdays.contains(&Day { y, m, d }.weekday()) {
                return Some(y);
            }
        }
    }
    None
}

fn current_year() -> i16 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    Day::from_ordinal((secs / 86400) as i64).y
}

/// `YYYY-MM-DDTHH:MMZ` for a local clock time at a fixed offset.
pub fn utc_from_offset(day: Day, h: u8, m: u8, offset_min: i32) -> String {
    let mins = day.ordinal() * 1440 + h as i64 * 60 + m as i64 - offset_min as i64;
    let d = Day::from_ordinal(mins.div_euclid(1440));
    let r = mins.rem_euclid(1440);
    format!("{}T{:02}:{:02}Z", d.iso(), r / 60, r % 60)
}

/// `YYYY-MM-DDTHH:MMZ` for a local clock time in an IANA zone (daylight
/// saving included), from the bundled time-zone database.
pub fn utc_from_zone(day: Day, h: u8, m: u8, tz: &str) -> Option<String> {
    let off = zone_offset(day, h, m, tz)?;
    Some(utc_from_offset(day, h, m, off))
}

/// The offset east of UTC, in minutes, of a local clock time in an IANA zone.
fn zone_offset(day: Day, h: u8, m: u8, tz: &str) -> Option<i32> {
    let zone = jiff::tz::TimeZone::get(tz).ok()?;
    let dt = jiff::civil::date(day.y, day.m as i8, day.d as i8).at(h as i8, m as i8, 0, 0);
    let zoned = zone.to_ambiguous_zoned(dt).compatible().ok()?;
    Some(zoned.offset().seconds() / 60)
}
