//! Runs the time and count parsers on public test suites and prints a pass
//! rate per suite, with the cases set aside as out of scope and the failures
//! grouped by class (the work list).
//!
//! ```sh
//! cargo run --release -p sitrep-annotate --example public_suites -- ../shared/benchmarks [--verbose]
//! ```
//!
//! The suites stay where they are (their licences are in each folder); no
//! case is copied into the repository. Suites read:
//!
//! - Recognizers-Text (MIT): `DateTime/DateTimeModel.json`, `DateParser.json`,
//!   `DatePeriodParser.json`; `Number/NumberModel.json`, `NumberRangeModel.json`
//!   (`OrdinalModel.json` and `PercentModel.json` are counted, all out of scope).
//! - Duckling (BSD-3): `time_en.jsonl`, `numeral_en.jsonl`, one case a phrase.
//! - chrono (MIT): `en_cases.jsonl`.
//!
//! **Scope rule** (the same for every suite). In scope: any expected value
//! that is a calendar day, a span of days (weeks, months, years, parts of a
//! day read at day precision), a clock time (with its zone when the text gives
//! one), a count (a whole non-negative number, with its hedge or range), and
//! every negative case (the text must yield nothing). Out of scope, counted
//! apart: recurring sets ("every Tuesday"), durations with no anchor ("for
//! three hours"), fractions, decimals, negative numbers, ordinals and
//! percentages (counts of people and things are whole numbers), cases the
//! suite itself marks as unsupported by its reference implementation (.NET
//! for Recognizers-Text) or as needing an opt-in mode (Duckling's latent
//! readings), and chrono cases run with a parser option or variant we do not
//! have (`forwardDate`, custom zones, strict mode, en-GB day-first, French).
//!
//! **How a case is judged.** Our time mention overlapping the expected span
//! (the whole phrase for Duckling) must resolve to the expected value: days
//! compared at day precision with inclusive ends (the suites' exclusive ends
//! are converted); a clock time compared as hour and minute, in the zone the
//! suite states (Duckling converts every zone to its reference zone, so ours
//! is converted too); the day of a clock time is required when the expected
//! day differs from the reference day (when the text names no day, the parser
//! leaves the day to the coder); a part of the day ("this morning") passes at
//! day precision. Where a suite lists several readings (Recognizers-Text's
//! past and future), any one passes. Extra expressions we find are not
//! penalised except in negative cases. A count passes when a number we read
//! over the expected span has the expected value (and, in range suites, the
//! expected bounds).

use serde_json::Value;
use sitrep_annotate::Ctx;
use sitrep_annotate::counts::find_numbers;
use sitrep_core::fold::fold;
use sitrep_core::{Day, Doc, Meta, Qualifier, Quantity, Span, TimeMention};
use sitrep_lexicon::Lexicon;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "--verbose");
    let root = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared/benchmarks"));
    if !root.join("README.md").exists() {
        eprintln!("no benchmarks at {}", root.display());
        std::process::exit(2);
    }
    let t0 = std::time::Instant::now();
    let mut tallies = vec![
        rt_model(&root, "DateTime/DateTimeModel.json"),
        rt_parser(&root, "DateTime/DateParser.json"),
        rt_parser(&root, "DateTime/DatePeriodParser.json"),
        duckling_time(&root),
        chrono(&root),
        rt_numbers(&root),
        duckling_numbers(&root),
    ];
    println!("| suite | cases | in scope | passed | pass rate |");
    println!("|---|---:|---:|---:|---:|");
    for t in &tallies {
        println!(
            "| {} | {} | {} | {} | {:.1}% |",
            t.name,
            t.cases,
            t.in_scope,
            t.passed,
            100.0 * t.passed as f64 / t.in_scope.max(1) as f64
        );
    }
    for t in &mut tallies {
        println!("\n## {}\n", t.name);
        if !t.out.is_empty() {
            println!("out of scope:");
            for (why, n) in &t.out {
                println!("  {n:5}  {why}");
            }
        }
        println!("failures by class:");
        let mut classes: Vec<_> = t.fails.iter().collect();
        classes.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(b.0)));
        for (class, examples) in classes {
            println!("  {:5}  {class}", examples.len());
            let shown = if verbose { examples.len() } else { 3 };
            for e in examples.iter().take(shown) {
                println!("           {e}");
            }
        }
    }
    eprintln!("({:.1} s)", t0.elapsed().as_secs_f64());
}

/// Counts of one suite.
struct Tally {
    name: String,
    cases: usize,
    in_scope: usize,
    passed: usize,
    out: BTreeMap<String, usize>,
    fails: BTreeMap<String, Vec<String>>,
}

/// The verdict on one case.
enum Outcome {
    Out(&'static str),
    Pass,
    Fail(String, String),
}

impl Tally {
    fn new(name: &str) -> Tally {
        Tally {
            name: name.to_string(),
            cases: 0,
            in_scope: 0,
            passed: 0,
            out: BTreeMap::new(),
            fails: BTreeMap::new(),
        }
    }
    fn add(&mut self, o: Outcome) {
        self.cases += 1;
        match o {
            Outcome::Out(why) => *self.out.entry(why.to_string()).or_default() += 1,
            Outcome::Pass => {
                self.in_scope += 1;
                self.passed += 1;
            }
            Outcome::Fail(class, detail) => {
                self.in_scope += 1;
                self.fails.entry(class).or_default().push(detail);
            }
        }
    }
}

// ---------------------------------------------------------------- running

fn annotate(text: &str, published: Option<Day>) -> Doc {
    let meta = Meta {
        published: published.map(Day::iso),
        ..Meta::default()
    };
    let mut d = Doc::new("case", text, meta);
    sitrep_annotate::annotate(&mut d, Lexicon::embedded());
    d
}

fn numbers(text: &str) -> (Doc, Vec<(Span, Quantity)>) {
    let d = annotate(text, None);
    let ctx = Ctx {
        lex: Lexicon::embedded(),
        folded: fold(&d.text),
        lower: sitrep_annotate::lower_in_place(&d.text),
    };
    let n = find_numbers(&d, &ctx);
    (d, n)
}

/// Byte offset of a UTF-16 offset (the suites count in UTF-16 code units).
fn byte_of_utf16(text: &str, u: usize) -> usize {
    let mut n = 0;
    for (b, c) in text.char_indices() {
        if n >= u {
            return b;
        }
        n += c.len_utf16();
    }
    text.len()
}

/// Our mentions that overlap a span and resolve to something.
fn overlapping(d: &Doc, span: Span) -> Vec<&TimeMention> {
    d.times
        .iter()
        .filter(|t| {
            t.span.overlaps(span)
                && (t.start.is_some() || t.clock.is_some() || t.rel_days.is_some())
        })
        .collect()
}

fn read_anything(d: &Doc) -> Option<&TimeMention> {
    d.times
        .iter()
        .find(|t| t.start.is_some() || t.clock.is_some())
}

// ---------------------------------------------------------------- judging

/// An expected resolution.
#[derive(Clone, Debug)]
enum Want {
    /// Days `s..=e` (a point when equal); `alt_e` is a second accepted end.
    Days { s: Day, e: Day, alt_e: Option<Day> },
    /// An open span from a day ("since March").
    From(Day),
    /// An open span up to a day ("until March"); the end, or the day before it.
    Until(Day),
    /// A clock time; `day` when the suite gives one; `off` the zone the
    /// expected clock is in, when the suite states it; `days` the day span a
    /// part-of-day interval is accepted as.
    Clock {
        day: Option<Day>,
        h: u8,
        m: u8,
        off: Option<i32>,
        days: Option<(Day, Day)>,
    },
}

/// Context of a case: the reference day and the zone its clock times are in.
#[derive(Clone, Copy)]
struct Ref {
    day: Option<Day>,
    /// Duckling: every expected clock is in this zone (minutes east of UTC).
    zone: Option<i32>,
}

fn show(t: &TimeMention, d: &Doc) -> String {
    let mut s = format!("{:?} ->", d.slice(t.span));
    match (t.start, t.end) {
        (Some(a), Some(b)) if a != b => s += &format!(" {}..{}", a.iso(), b.iso()),
        (Some(a), _) => s += &format!(" {}", a.iso()),
        _ => {}
    }
    if let Some((h, m)) = t.clock {
        s += &format!(" {h:02}:{m:02}");
    }
    if let Some(o) = t.offset_min {
        s += &format!(" {o:+}min");
    }
    if let Some(r) = t.rel_days {
        s += &format!(" rel{r:?}");
    }
    s
}

/// Does mention `t` resolve to `w`? Err(class).
fn judge(t: &TimeMention, w: &Want, r: Ref) -> Result<(), &'static str> {
    let span_of = |t: &TimeMention| t.start.map(|s| (s, t.end.unwrap_or(s)));
    match w {
        Want::Days { s, e, alt_e } => {
            let Some((a, b)) = span_of(t) else {
                return Err(if t.rel_days.is_some() {
                    "relative to an event: day left to the coder"
                } else {
                    "read without a day"
                });
            };
            if a == *s && (b == *e || Some(b) == *alt_e) {
                Ok(())
            } else if r.day.is_some_and(|rd| *s > rd && a <= rd) {
                Err("past reading where the suite reads forward")
            } else if a != *s && b != *e {
                Err("wrong day")
            } else {
                Err("wrong span end or start")
            }
        }
        Want::From(s) => match t.start {
            Some(a) if a == *s => Ok(()),
            Some(_) => Err("wrong day"),
            None => Err("read without a day"),
        },
        Want::Until(e) => match t.end {
            Some(b) if b == *e || b == e.plus_days(-1) => Ok(()),
            Some(_) => Err("wrong day"),
            None => Err("read without a day"),
        },
        Want::Clock {
            day,
            h,
            m,
            off,
            days,
        } => {
            let Some((ch, cm)) = t.clock else {
                if let (Some((s, e)), Some((a, b))) = (days, span_of(t))
                    && a == *s
                    && b == *e
                {
                    return Ok(()); // a part of the day, kept at day precision
                }
                return Err(if t.start.is_some() {
                    "day without the clock time"
                } else {
                    "read without a clock time"
                });
            };
            // our clock in the zone the expected clock is in
            let mut mins = ch as i64 * 60 + cm as i64;
            let mut our_day = t.start;
            if let Some(o) = off {
                match t.offset_min {
                    Some(ours) if ours == *o => {}
                    Some(_) => return Err("wrong zone"),
                    None => return Err("zone not read"),
                }
            } else if let (Some(z), Some(ours)) = (r.zone, t.offset_min) {
                mins += (z - ours) as i64;
                let shift = mins.div_euclid(1440);
                mins = mins.rem_euclid(1440);
                our_day = our_day.map(|d| d.plus_days(shift));
            }
            if mins != *h as i64 * 60 + *m as i64 {
                return Err("wrong clock time");
            }
            if let Some(dy) = day {
                let needed = r.day.is_none_or(|rd| rd != *dy);
                match our_day {
                    Some(od) if od != *dy && r.day.is_some_and(|rd| *dy > rd && od <= rd) => {
                        return Err("past reading where the suite reads forward");
                    }
                    Some(od) if od != *dy => return Err("wrong day of a clock time"),
                    None if needed => return Err("clock time without its day"),
                    _ => {}
                }
            }
            Ok(())
        }
    }
}

/// Judges alternatives (any passes) against our mentions over `span`.
fn judge_span(d: &Doc, span: Span, wants: &[Want], r: Ref) -> Result<(), (String, String)> {
    let ours = overlapping(d, span);
    let expect = d.text.get(span.s()..span.e()).unwrap_or("?");
    if ours.is_empty() {
        return Err((
            not_found_class(expect).into(),
            format!("{expect:?} in {:?}: want {wants:?}", d.text),
        ));
    }
    let mut class = "";
    for t in &ours {
        for w in wants {
            match judge(t, w, r) {
                Ok(()) => return Ok(()),
                Err(c) => {
                    if class.is_empty() {
                        class = c;
                    }
                }
            }
        }
    }
    let got: Vec<String> = ours.iter().map(|t| show(t, d)).collect();
    Err((
        class.to_string(),
        format!(
            "{expect:?}: got {}; want {:?}",
            got.join(" | "),
            wants.first()
        ),
    ))
}

/// Month and weekday names, which the parser reads only capitalised
/// ("May", "March" and "Sun" are words too).
const CALENDAR_NAMES: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thurs",
    "fri",
    "sat",
    "sun",
];

/// Sub-classes of "not found", so the work list separates policy from gaps.
fn not_found_class(expect: &str) -> &'static str {
    let words: Vec<&str> = expect
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.iter().any(|w| CALENDAR_NAMES.contains(w)) {
        return "not found: lower-case month or weekday name (read only capitalised)";
    }
    let low = expect.to_lowercase();
    let lw: Vec<&str> = low.split_whitespace().collect();
    let future = lw
        .iter()
        .any(|w| matches!(*w, "next" | "coming" | "upcoming" | "hence"))
        || low.contains("from now")
        || low.contains("from today")
        || low.contains("from tomorrow")
        || lw.windows(2).any(|p| {
            p[0] == "in"
                && (p[1].starts_with(|c: char| c.is_ascii_digit())
                    || matches!(p[1], "a" | "an" | "one" | "two" | "three" | "half"))
        });
    if future {
        return "not found: future-relative ('next week', 'in 3 days')";
    }
    if expect.chars().any(|c| c.is_ascii_digit()) && expect.contains('/') {
        return "not found: numeric date with day and month interchangeable, or without a year";
    }
    "not found"
}

fn negative(d: &Doc) -> Outcome {
    match read_anything(d) {
        None => Outcome::Pass,
        Some(t) => Outcome::Fail("negative case: read a time".into(), show(t, d)),
    }
}

// ---------------------------------------------------------------- parsing values

fn day_of(s: &str) -> Option<Day> {
    Day::parse(s).filter(|d| d.d <= Day::month_len(d.y, d.m))
}

/// "YYYY-MM-DD HH:MM:SS" or "YYYY-MM-DDTHH:MM:SS" → (day, h, m).
fn datetime_of(s: &str) -> Option<(Day, u8, u8)> {
    let day = day_of(s)?;
    let (h, m) = clock_of(s.get(11..)?)?;
    Some((day, h, m))
}

/// "HH:MM[:SS]" → (h, m).
fn clock_of(s: &str) -> Option<(u8, u8)> {
    let h = s.get(0..2)?.parse().ok()?;
    let m = s.get(3..5)?.parse().ok()?;
    Some((h, m))
}

/// Days `s..e` with `e` exclusive, as inclusive.
fn days_excl(s: Day, e: Day) -> Want {
    Want::Days {
        s,
        e: e.plus_days(-1).max(s),
        alt_e: None,
    }
}

fn json_file(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn json_lines(path: &Path) -> Vec<Value> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn s<'a>(v: &'a Value, k: &str) -> Option<&'a str> {
    v.get(k).and_then(Value::as_str)
}

// ---------------------------------------------------------------- Recognizers-Text

fn rt_unsupported(case: &Value) -> bool {
    ["NotSupported", "NotSupportedByDesign"]
        .iter()
        .any(|k| s(case, k).is_some_and(|v| v.contains("dotnet")))
}

fn rt_ref(case: &Value) -> Option<Day> {
    case.get("Context")
        .and_then(|c| s(c, "ReferenceDateTime"))
        .and_then(day_of)
}

/// The readings of one Recognizers-Text model value, or why it is out of scope.
fn rt_model_wants(res: &Value) -> Result<Vec<Want>, &'static str> {
    let mut wants = Vec::new();
    let values = res
        .get("Resolution")
        .and_then(|r| r.get("values"))
        .and_then(Value::as_array)
        .ok_or("no resolution")?;
    for v in values {
        let ty = s(v, "type").unwrap_or("");
        let off = v.get("utcOffsetMins").and_then(|o| {
            o.as_str()
                .and_then(|x| x.parse().ok())
                .or(o.as_i64().map(|x| x as i32))
        });
        let timex = s(v, "timex").unwrap_or("");
        let (start, end, value) = (s(v, "start"), s(v, "end"), s(v, "value"));
        match ty {
            "set" => return Err("recurring set"),
            "duration" => return Err("duration without an anchor"),
            "date" => match value.and_then(day_of) {
                Some(d) => wants.push(Want::Days {
                    s: d,
                    e: d,
                    alt_e: None,
                }),
                None => return Err("unresolvable in the suite"),
            },
            "daterange" => match (start.and_then(day_of), end.and_then(day_of)) {
                (Some(a), Some(b)) => {
                    let mut w = days_excl(a, b);
                    // "from 4 to 22": the suite ends day spans before the last day named
                    if timex.starts_with('(')
                        && timex.ends_with("D)")
                        && let Want::Days { alt_e, .. } = &mut w
                    {
                        *alt_e = Some(b);
                    }
                    wants.push(w);
                }
                (Some(a), None) => wants.push(Want::From(a)),
                (None, Some(b)) => wants.push(Want::Until(b)),
                _ => return Err("unresolvable in the suite"),
            },
            "datetime" => match value.and_then(datetime_of) {
                Some((d, h, m)) => wants.push(Want::Clock {
                    day: Some(d),
                    h,
                    m,
                    off,
                    days: None,
                }),
                None => return Err("unresolvable in the suite"),
            },
            "time" => match value.and_then(clock_of) {
                Some((h, m)) => wants.push(Want::Clock {
                    day: None,
                    h,
                    m,
                    off,
                    days: None,
                }),
                None => return Err("unresolvable in the suite"),
            },
            "datetimerange" => match (start.and_then(datetime_of), end.and_then(datetime_of)) {
                (Some((a, h, m)), Some((b, eh, em))) => {
                    // an end at midnight closes the day before
                    let b = if (eh, em) == (0, 0) && b > a {
                        b.plus_days(-1)
                    } else {
                        b
                    };
                    wants.push(Want::Clock {
                        day: Some(a),
                        h,
                        m,
                        off,
                        days: Some((a, b)),
                    });
                }
                (Some((a, _, _)), None) => wants.push(Want::From(a)),
                (None, Some((b, _, _))) => wants.push(Want::Until(b)),
                _ => return Err("unresolvable in the suite"),
            },
            "timerange" => match start.and_then(clock_of) {
                Some((h, m)) => wants.push(Want::Clock {
                    day: None,
                    h,
                    m,
                    off,
                    days: None,
                }),
                None => return Err("unresolvable in the suite"),
            },
            _ => return Err("unresolvable in the suite"),
        }
    }
    if wants.is_empty() {
        return Err("unresolvable in the suite");
    }
    Ok(wants)
}

fn rt_model(root: &Path, file: &str) -> Tally {
    let mut t = Tally::new(&format!("Recognizers-Text {file}"));
    for case in json_file(&root.join("recognizers-text").join(file))
        .as_array()
        .unwrap()
    {
        if rt_unsupported(case) {
            t.add(Outcome::Out(
                "flagged unsupported for the reference implementation",
            ));
            continue;
        }
        let text = s(case, "Input").unwrap_or("");
        let rday = rt_ref(case);
        let results = case["Results"].as_array().cloned().unwrap_or_default();
        let d = annotate(text, rday);
        if results.is_empty() {
            t.add(negative(&d));
            continue;
        }
        let r = Ref {
            day: rday,
            zone: None,
        };
        let mut outcome = None;
        let mut any_in = false;
        let mut out_why = "";
        for res in &results {
            let wants = match rt_model_wants(res) {
                Ok(w) => w,
                Err(why) => {
                    out_why = why;
                    continue;
                }
            };
            any_in = true;
            let a = res["Start"].as_u64().unwrap_or(0) as usize;
            let b = res["End"].as_u64().unwrap_or(0) as usize + 1;
            let span = Span::new(byte_of_utf16(text, a), byte_of_utf16(text, b));
            if let Err((class, detail)) = judge_span(&d, span, &wants, r) {
                outcome.get_or_insert(Outcome::Fail(class, detail));
            }
        }
        t.add(match (any_in, outcome) {
            (false, _) => Outcome::Out(out_why),
            (true, Some(o)) => o,
            (true, None) => Outcome::Pass,
        });
    }
    t
}

fn rt_parser(root: &Path, file: &str) -> Tally {
    let mut t = Tally::new(&format!("Recognizers-Text {file}"));
    for case in json_file(&root.join("recognizers-text").join(file))
        .as_array()
        .unwrap()
    {
        if rt_unsupported(case) {
            t.add(Outcome::Out(
                "flagged unsupported for the reference implementation",
            ));
            continue;
        }
        let text = s(case, "Input").unwrap_or("");
        let rday = rt_ref(case);
        let results = case["Results"].as_array().cloned().unwrap_or_default();
        let d = annotate(text, rday);
        if results.is_empty() {
            t.add(negative(&d));
            continue;
        }
        let r = Ref {
            day: rday,
            zone: None,
        };
        let mut outcome = None;
        for res in &results {
            let val = &res["Value"];
            let mut wants = Vec::new();
            for k in ["PastResolution", "FutureResolution"] {
                let v = &val[k];
                if let Some(day) = s(v, "date").and_then(day_of) {
                    wants.push(Want::Days {
                        s: day,
                        e: day,
                        alt_e: None,
                    });
                } else if let (Some(a), Some(b)) = (
                    s(v, "startDate").and_then(day_of),
                    s(v, "endDate").and_then(day_of),
                ) {
                    let mut w = days_excl(a, b);
                    let timex = s(val, "Timex").unwrap_or("");
                    if timex.starts_with('(')
                        && timex.ends_with("D)")
                        && let Want::Days { alt_e, .. } = &mut w
                    {
                        *alt_e = Some(b);
                    }
                    wants.push(w);
                } else if let Some(a) = s(v, "startDate").and_then(day_of) {
                    wants.push(Want::From(a));
                } else if let Some(b) = s(v, "endDate").and_then(day_of) {
                    wants.push(Want::Until(b));
                }
            }
            if wants.is_empty() {
                outcome.get_or_insert(Outcome::Out("unresolvable in the suite"));
                continue;
            }
            let a = res["Start"].as_u64().unwrap_or(0) as usize;
            let n = res["Length"].as_u64().unwrap_or(0) as usize;
            let span = Span::new(byte_of_utf16(text, a), byte_of_utf16(text, a + n));
            if let Err((class, detail)) = judge_span(&d, span, &wants, r) {
                outcome = Some(Outcome::Fail(class, detail));
            }
        }
        t.add(outcome.unwrap_or(Outcome::Pass));
    }
    t
}

// ---------------------------------------------------------------- Duckling

fn duckling_time(root: &Path) -> Tally {
    let mut t = Tally::new("Duckling time_en.jsonl");
    for group in json_lines(&root.join("duckling/time_en.jsonl")) {
        let phrases: Vec<&str> = group["phrases"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .collect();
        let reference = s(&group, "reference_time").unwrap_or("");
        let rday = day_of(reference);
        // "…T04:30:00-02:00"
        let zone = reference.get(19..).and_then(|z| {
            let sign = if z.starts_with('-') { -1 } else { 1 };
            let (h, m) = clock_of(z.get(1..)?)?;
            Some(sign * (h as i32 * 60 + m as i32))
        });
        let r = Ref { day: rday, zone };
        let exp = &group["expected"];
        let latent = group["with_latent"].as_bool().unwrap_or(false);
        for p in phrases {
            if latent {
                t.add(Outcome::Out("latent reading (the suite's opt-in mode)"));
                continue;
            }
            let d = annotate(p, rday);
            if exp.is_null() {
                t.add(negative(&d));
                continue;
            }
            let want = duckling_want(exp);
            if want.is_empty() {
                t.add(Outcome::Out("unresolvable in the suite"));
                continue;
            }
            let span = Span::new(0, p.len());
            t.add(match judge_span(&d, span, &want, r) {
                Ok(()) => Outcome::Pass,
                Err((class, detail)) => {
                    let class = if s(exp, "holiday").is_some() {
                        format!("holiday: {class}")
                    } else {
                        class
                    };
                    Outcome::Fail(class, detail)
                }
            });
        }
    }
    t
}

/// Duckling's expected value: intervals are end-exclusive at their grain.
fn duckling_want(exp: &Value) -> Vec<Want> {
    let grain = s(exp, "grain").unwrap_or("day");
    let kind = s(exp, "kind").unwrap_or("");
    let start = s(exp, "start").and_then(datetime_of);
    let end = s(exp, "end").and_then(datetime_of);
    let sub_day = matches!(grain, "hour" | "minute" | "second");
    let period_end = |d: Day| -> Day {
        match grain {
            "week" => d.plus_days(6),
            "month" => Day {
                d: Day::month_len(d.y, d.m),
                ..d
            },
            "quarter" => {
                let m = d.m + 2;
                Day {
                    y: d.y,
                    m,
                    d: Day::month_len(d.y, m),
                }
            }
            "year" => Day { m: 12, d: 31, ..d },
            _ => d,
        }
    };
    let mut wants = Vec::new();
    if kind == "datetimeOpenInterval" {
        let before = s(exp, "direction") == Some("Before");
        if let Some((d, h, m)) = start.or(end) {
            if sub_day {
                wants.push(Want::Clock {
                    day: Some(d),
                    h,
                    m,
                    off: None,
                    days: None,
                });
            } else if before {
                wants.push(Want::Until(d));
            } else {
                wants.push(Want::From(d));
            }
        }
        return wants;
    }
    match (start, end) {
        (Some((a, h, m)), Some((b, eh, em))) => {
            if sub_day {
                let b = if (eh, em) == (0, 0) && b > a {
                    b.plus_days(-1)
                } else {
                    b
                };
                wants.push(Want::Clock {
                    day: Some(a),
                    h,
                    m,
                    off: None,
                    days: Some((a, b)),
                });
            } else {
                // end-exclusive at the grain: the last day is the day before the end
                wants.push(Want::Days {
                    s: a,
                    e: b.plus_days(-1).max(a),
                    alt_e: None,
                });
            }
        }
        (Some((a, h, m)), None) => {
            if sub_day {
                wants.push(Want::Clock {
                    day: Some(a),
                    h,
                    m,
                    off: None,
                    days: None,
                });
            } else {
                wants.push(Want::Days {
                    s: a,
                    e: period_end(a),
                    alt_e: None,
                });
            }
        }
        _ => {}
    }
    wants
}

// ---------------------------------------------------------------- chrono

fn chrono(root: &Path) -> Tally {
    let mut t = Tally::new("chrono en_cases.jsonl");
    for case in json_lines(&root.join("chrono/en_cases.jsonl")) {
        let parser = s(&case, "parser").unwrap_or("");
        if !matches!(parser, "chrono" | "chrono.casual" | "chrono.en") {
            t.add(Outcome::Out(
                "parser variant (strict, en-GB, French, custom)",
            ));
            continue;
        }
        if !case["option"].is_null() {
            t.add(Outcome::Out("parser option (forwardDate, custom zones)"));
            continue;
        }
        let text = s(&case, "text").unwrap_or("");
        let rday = chrono_ref(&case["ref"]);
        let d = annotate(text, rday);
        let exp = &case["expect"];
        if exp["no_result"].as_bool() == Some(true) {
            t.add(negative(&d));
            continue;
        }
        let span = match (exp.get("index").and_then(Value::as_u64), s(exp, "text")) {
            (Some(i), Some(x)) => {
                let a = byte_of_utf16(text, i as usize);
                Span::new(a, a + x.len())
            }
            (None, Some(x)) => match text.find(x) {
                Some(a) => Span::new(a, a + x.len()),
                None => Span::new(0, text.len()),
            },
            _ => Span::new(0, text.len()),
        };
        let span = if span.e() > text.len() || !text.is_char_boundary(span.e()) {
            Span::new(0, text.len())
        } else {
            span
        };
        let shown = s(exp, "text").unwrap_or(text);
        let Some(want) = chrono_want(exp, shown) else {
            t.add(Outcome::Out("asserts no date or clock time"));
            continue;
        };
        let r = Ref {
            day: rday,
            zone: None,
        };
        t.add(match judge_span(&d, span, &[want], r) {
            Ok(()) => Outcome::Pass,
            Err((class, detail)) => Outcome::Fail(class, detail),
        });
    }
    t
}

fn chrono_ref(r: &Value) -> Option<Day> {
    if r.is_null() {
        return None;
    }
    let date = r.get("date").or_else(|| r.get("instant"))?;
    s(date, "local")
        .or_else(|| s(date, "absolute"))
        .and_then(day_of)
}

/// Does the matched text state a clock time? (chrono reports an implied noon otherwise.)
fn states_clock(text: &str) -> bool {
    let l = text.to_lowercase();
    let b = l.as_bytes();
    let colon = (1..b.len().saturating_sub(1))
        .any(|i| b[i] == b':' && b[i - 1].is_ascii_digit() && b[i + 1].is_ascii_digit());
    colon
        || ["am", "pm", "a.m", "p.m", "noon", "midnight", "o'clock"]
            .iter()
            .any(|w| {
                l.match_indices(w).any(|(i, _)| {
                    let before = l[..i].trim_end();
                    w.len() > 4 || before.ends_with(|c: char| c.is_ascii_digit())
                })
            })
}

fn chrono_want(exp: &Value, text: &str) -> Option<Want> {
    let comp = |v: &Value, k: &str| v.get(k).and_then(Value::as_i64);
    let from_local = |k: &str| exp.get(k).and_then(|d| s(d, "local")).and_then(datetime_of);
    let (mut day, mut clock, mut off) = (None, None, None);
    if let Some(st) = exp.get("start") {
        if let (Some(y), Some(m), Some(dd)) = (comp(st, "year"), comp(st, "month"), comp(st, "day"))
        {
            day = Some(Day {
                y: y as i16,
                m: m as u8,
                d: dd as u8,
            });
        }
        if let Some(h) = comp(st, "hour") {
            clock = Some((h as u8, comp(st, "minute").unwrap_or(0) as u8));
        }
        off = comp(st, "timezoneOffset").map(|o| o as i32);
    }
    if let Some((d, h, m)) = from_local("start_date") {
        day = day.or(Some(d));
        clock = clock.or(Some((h, m)));
    }
    let end_day = exp
        .get("end")
        .and_then(|e| {
            Some(Day {
                y: comp(e, "year")? as i16,
                m: comp(e, "month")? as u8,
                d: comp(e, "day")? as u8,
            })
        })
        .or(from_local("end_date").map(|x| x.0));
    let certain_hour = exp
        .get("start_certain")
        .and_then(|c| c.get("hour"))
        .and_then(Value::as_bool)
        .unwrap_or(false);
    if let Some((h, m)) = clock
        && (states_clock(text) || certain_hour)
    {
        return Some(Want::Clock {
            day,
            h,
            m,
            off,
            days: day.map(|d| (d, end_day.unwrap_or(d))),
        });
    }
    let d = day?;
    Some(Want::Days {
        s: d,
        e: end_day.unwrap_or(d),
        alt_e: None,
    })
}

// ---------------------------------------------------------------- numbers

/// An expected number: a value, or bounds (`lo`, `hi`; inclusive flags).
#[derive(Debug)]
enum NumWant {
    Value(u64),
    Bounds {
        lo: Option<(u64, bool)>,
        hi: Option<(u64, bool)>,
    },
}

fn whole(v: &str) -> Option<u64> {
    v.parse().ok()
}

/// "[20,30)", "(5,)", "(,5]" → bounds, when both are whole non-negative numbers.
fn interval(v: &str) -> Option<NumWant> {
    let lo_incl = v.starts_with('[');
    let hi_incl = v.ends_with(']');
    let inner = v.get(1..v.len().checked_sub(1)?)?;
    let (a, b) = inner.split_once(',')?;
    let lo = if a.is_empty() {
        None
    } else {
        Some((whole(a)?, lo_incl))
    };
    let hi = if b.is_empty() {
        None
    } else {
        Some((whole(b)?, hi_incl))
    };
    Some(NumWant::Bounds { lo, hi })
}

fn num_judge(q: &Quantity, w: &NumWant) -> bool {
    match w {
        NumWant::Value(v) => q.value == *v,
        NumWant::Bounds { lo, hi } => {
            let (ours_lo, ours_hi) = match q.qualifier {
                Qualifier::AtLeast => (Some((q.value, true)), None),
                Qualifier::MoreThan => (Some((q.value, false)), None),
                Qualifier::AtMost => (None, Some((q.value, true))),
                Qualifier::LessThan => (None, Some((q.value, false))),
                Qualifier::Range => (q.min.map(|v| (v, true)), q.max.map(|v| (v, true))),
                _ => return false,
            };
            // a two-sided range: the bounds' values (the suites write "between" half-open)
            if lo.is_some() && hi.is_some() {
                ours_lo.map(|x| x.0) == lo.map(|x| x.0) && ours_hi.map(|x| x.0) == hi.map(|x| x.0)
            } else {
                ours_lo == *lo && ours_hi == *hi
            }
        }
    }
}

fn num_case(text: &str, expected: &[(Span, NumWant)], t: &mut Tally) {
    let (_, found) = numbers(text);
    if expected.is_empty() {
        t.add(match found.first() {
            None => Outcome::Pass,
            Some((sp, q)) => Outcome::Fail(
                "negative case: read a number".into(),
                format!("{:?} in {text:?} -> {}", &text[sp.s()..sp.e()], q.value),
            ),
        });
        return;
    }
    for (span, w) in expected {
        let over: Vec<_> = found.iter().filter(|(sp, _)| sp.overlaps(*span)).collect();
        if over.iter().any(|(_, q)| num_judge(q, w)) {
            continue;
        }
        let exp = &text[span.s()..span.e()];
        let (class, got) = match over.first() {
            None => ("not read", String::new()),
            Some((sp, q)) => {
                let class = match w {
                    NumWant::Value(_) => "wrong value",
                    NumWant::Bounds { .. } => "wrong bounds or hedge",
                };
                (
                    class,
                    format!(
                        " got {:?} = {} {:?}",
                        &text[sp.s()..sp.e()],
                        q.value,
                        q.qualifier
                    ),
                )
            }
        };
        t.add(Outcome::Fail(
            class.into(),
            format!("{exp:?} in {text:?}:{got} want {w:?}"),
        ));
        return;
    }
    t.add(Outcome::Pass);
}

const ORDINALS: &[&str] = &[
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "twentieth",
    "hundredth",
    "thousandth",
    "last",
];

fn has_ordinal(text: &str) -> bool {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| {
            ORDINALS.contains(&w)
                || w.ends_with("teenth")
                || w.ends_with("ieth")
                || (w.len() > 2
                    && w.starts_with(|c: char| c.is_ascii_digit())
                    && ["st", "nd", "rd", "th"].iter().any(|s| w.ends_with(s)))
        })
}

fn rt_numbers(root: &Path) -> Tally {
    let mut t = Tally::new("Recognizers-Text Number (4 models)");
    for (file, range) in [
        ("NumberModel.json", false),
        ("NumberRangeModel.json", true),
        ("OrdinalModel.json", false),
        ("PercentModel.json", false),
    ] {
        for case in json_file(&root.join("recognizers-text/Number").join(file))
            .as_array()
            .unwrap()
        {
            if matches!(file, "OrdinalModel.json" | "PercentModel.json") {
                t.add(Outcome::Out("ordinals and percentages (not counts)"));
                continue;
            }
            if rt_unsupported(case) {
                t.add(Outcome::Out(
                    "flagged unsupported for the reference implementation",
                ));
                continue;
            }
            let text = s(case, "Input").unwrap_or("");
            let results = case["Results"].as_array().cloned().unwrap_or_default();
            let mut expected = Vec::new();
            let mut out = None;
            for res in &results {
                let v = res["Resolution"]["value"].as_str().unwrap_or("");
                let rtext = s(res, "Text").unwrap_or("");
                let w = if range {
                    if has_ordinal(rtext) {
                        None
                    } else {
                        interval(v)
                    }
                } else {
                    whole(v).map(NumWant::Value)
                };
                match w {
                    Some(w) => {
                        let a = res["Start"].as_u64().unwrap_or(0) as usize;
                        let b = res["End"].as_u64().unwrap_or(0) as usize + 1;
                        expected
                            .push((Span::new(byte_of_utf16(text, a), byte_of_utf16(text, b)), w));
                    }
                    None => {
                        out = Some(if has_ordinal(rtext) {
                            "ordinals and percentages (not counts)"
                        } else {
                            "fractions, decimals, negative numbers"
                        })
                    }
                }
            }
            if expected.is_empty()
                && let Some(why) = out
            {
                t.add(Outcome::Out(why));
                continue;
            }
            num_case(text, &expected, &mut t);
        }
    }
    t
}

fn duckling_numbers(root: &Path) -> Tally {
    let mut t = Tally::new("Duckling numeral_en.jsonl");
    for group in json_lines(&root.join("duckling/numeral_en.jsonl")) {
        let v = &group["expected"]["value"];
        for p in group["phrases"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
        {
            match v.as_u64() {
                Some(n) => num_case(p, &[(Span::new(0, p.len()), NumWant::Value(n))], &mut t),
                None => t.add(Outcome::Out("fractions, decimals, negative numbers")),
            }
        }
    }
    t
}
