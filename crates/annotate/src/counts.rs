//! Counted quantities: a number with its hedge, linked to what it counts.
//!
//! Numbers are digits ("1,200", "1.2 million"), number words ("forty-seven")
//! and vague words read conservatively ("dozens" = at least 12). What they
//! count comes from the words around them (`data/en/count_words.tsv`): a
//! counted noun ("85 targets"), or people plus what happened to them ("at
//! least 29 militants were killed", "killing 16 fighters", "the deaths of
//! three troops"). Numbers inside names, dates, times and units ("Tower
//! 22", "No. 19", "1444th", "M142") count nothing.

use crate::{Ctx, Word};
use sitrep_core::{CountKind, CountMention, Doc, Qualifier, Quantity, Span};

/// Fills `doc.counts`.
pub fn find_counts(doc: &mut Doc, ctx: &Ctx) {
    let mut out = Vec::new();
    for s in &doc.sentences {
        let toks = crate::words(doc, ctx, s);
        let mut i = 0;
        while i < toks.len() {
            let (hs, end, q) = match quantity_at(doc, ctx, &toks, i) {
                Step::None => {
                    i += 1;
                    continue;
                }
                Step::Skip(n) => {
                    i += n;
                    continue;
                }
                Step::Quantity { hs, end, q } => (hs, end, q),
            };
            let span = Span::new(toks[hs].span.s(), toks[end - 1].span.e());
            if let Some((kind, phrase_end, phrase_start)) = what(ctx, &toks, hs, end) {
                let ps = phrase_start.min(hs);
                let pe = phrase_end.max(end);
                out.push(CountMention {
                    span,
                    phrase: Span::new(toks[ps].span.s(), toks[pe - 1].span.e()),
                    qty: q,
                    kind,
                });
            }
            i = end;
        }
    }
    doc.counts = out;
}

/// Every quantity the count parser reads in `doc` (after `find_times`), with
/// its hedge and range, whether or not it is linked to a counted thing: the
/// number reader on its own, for measuring it against number test suites.
/// Numbers inside time expressions, names and units are left out, as in
/// [`find_counts`].
pub fn find_numbers(doc: &Doc, ctx: &Ctx) -> Vec<(Span, Quantity)> {
    let mut out = Vec::new();
    for s in &doc.sentences {
        let toks = crate::words(doc, ctx, s);
        let mut i = 0;
        while i < toks.len() {
            match quantity_at(doc, ctx, &toks, i) {
                Step::None => i += 1,
                Step::Skip(n) => i += n,
                Step::Quantity { hs, end, q } => {
                    out.push((Span::new(toks[hs].span.s(), toks[end - 1].span.e()), q));
                    i = end;
                }
            }
        }
    }
    out
}

/// What the number reader found at a token.
enum Step {
    /// No number starts here.
    None,
    /// A number that counts nothing (in a date, a name or a unit): skip its tokens.
    Skip(usize),
    /// A quantity from token `hs` (its hedge) to `end` (exclusive).
    Quantity { hs: usize, end: usize, q: Quantity },
}

/// The quantity at token `i`: the number, a hedge up to three words before
/// it, and a range ("20 to 30", "between 400 and 500").
fn quantity_at(doc: &Doc, ctx: &Ctx, toks: &[Word], i: usize) -> Step {
    let lex = ctx.lex;
    let Some((mut q, n)) = number_at(ctx, toks, i) else {
        return Step::None;
    };
    let vague = q.qualifier != Qualifier::Exact && q.min.is_none();
    let nspan = Span::new(toks[i].span.s(), toks[i + n - 1].span.e());
    // inside a time expression, a name, a unit: not a count
    if doc.times.iter().any(|t| t.span.overlaps(nspan)) || in_name(toks, i, n) {
        return Step::Skip(n);
    }
    // hedge before: up to three words
    let mut hs = i;
    let mut phrase = String::new();
    for back in (1..=3).rev() {
        if i >= back {
            phrase.clear();
            for (k, t) in toks[i - back..i].iter().enumerate() {
                if k > 0 {
                    phrase.push(' ');
                }
                phrase.push_str(t.low);
            }
            // a hedge before a vague word replaces its qualifier ("more than a dozen")
            if let Some(h) = lex.hedges.get(&phrase)
                && (q.qualifier == Qualifier::Exact || vague)
            {
                q.qualifier = qual(h);
                hs = i - back;
                break;
            }
        }
    }
    let mut end = i + n;
    // ranges: "20 to 30", "between 400 and 500"
    if let Some(c) = toks.get(end)
        && (c.low == "to"
            || (c.low == "and" && hs > 0 && toks[hs - 1].low == "between")
            || c.text == "–")
        && let Some((q2, n2)) = number_at(ctx, toks, end + 1)
        && q2.value > q.value
    {
        q = Quantity {
            value: q.value,
            qualifier: Qualifier::Range,
            min: Some(q.value),
            max: Some(q2.value),
            evidence: None,
        };
        if c.low == "and" {
            hs -= 1;
        }
        end += 1 + n2;
    }
    Step::Quantity { hs, end, q }
}

fn qual(s: &str) -> Qualifier {
    match s {
        "at_least" => Qualifier::AtLeast,
        "more_than" => Qualifier::MoreThan,
        "approx" => Qualifier::Approx,
        "at_most" => Qualifier::AtMost,
        "less_than" => Qualifier::LessThan,
        "range" => Qualifier::Range,
        _ => Qualifier::Exact,
    }
}

/// A number at token `i`: its quantity and how many tokens it takes.
fn number_at(ctx: &Ctx, t: &[Word], i: usize) -> Option<(Quantity, usize)> {
    let x = t.get(i)?;
    let lex = ctx.lex;
    // "20-30", "40–50": a range in one token
    if let Some((a, b)) = x.text.split_once(['-', '–'])
        && let (Some(lo), Some(hi)) = (whole_number(a), whole_number(b))
        && lo < hi
    {
        let q = Quantity {
            value: lo,
            qualifier: Qualifier::Range,
            min: Some(lo),
            max: Some(hi),
            evidence: None,
        };
        return Some((q, 1));
    }
    // digits, with thousands commas or a decimal and a scale word
    if x.text.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        if !x
            .text
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
        {
            return None;
        }
        let clean: String = x.text.chars().filter(|&c| c != ',').collect();
        let v: f64 = clean.parse().ok()?;
        if let Some(sc) = t
            .get(i + 1)
            .and_then(|y| lex.numbers.get(y.low))
            .filter(|w| w.kind == "scale")
        {
            return Some((Quantity::exact((v * sc.value as f64).round() as u64), 2));
        }
        if clean.contains('.') {
            return None;
        }
        return Some((Quantity::exact(v as u64), 1));
    }
    // vague words and multiword phrases: "a dozen", "dozens of", "hundreds"
    // (a word that starts with a digit or is punctuation opens no phrase)
    let mut phrase = String::new();
    for n in (1..=3).rev() {
        if i + n > t.len() || !x.low.starts_with(|c: char| c.is_alphabetic()) {
            continue;
        }
        phrase.clear();
        for (k, y) in t[i..i + n].iter().enumerate() {
            if k > 0 {
                phrase.push(' ');
            }
            phrase.push_str(y.low);
        }
        if let Some(w) = lex.numbers.get(&phrase).filter(|w| w.kind == "vague") {
            let q = Quantity {
                value: w.value,
                qualifier: w.qualifier.as_deref().map_or(Qualifier::Exact, qual),
                min: None,
                max: None,
                evidence: None,
            };
            return Some((q, n));
        }
    }
    // number words: "three", "forty-seven", "twenty one", "two hundred"
    let mut total: u64 = 0;
    let mut cur: u64 = 0;
    let mut used = 0;
    let mut any = false;
    let mut after_scale = false;
    while let Some(y) = t.get(i + used) {
        let mut ok = true;
        let mut add = 0;
        for p in y.low.split('-') {
            match lex.numbers.get(p) {
                Some(w) if w.kind == "unit" => add += w.value,
                _ => {
                    ok = false;
                    break;
                }
            }
        }
        if ok && y.low != "no" {
            after_scale = false;
            cur = cur.saturating_add(add);
            any = true;
            used += 1;
            continue;
        }
        if let Some(w) = lex.numbers.get(y.low).filter(|w| w.kind == "scale")
            && any
        {
            cur = cur.max(1).saturating_mul(w.value);
            if w.value >= 1000 {
                total = total.saturating_add(cur);
                cur = 0;
            }
            used += 1;
            after_scale = true;
            continue;
        }
        // "one hundred and twelve": "and" after a scale word, before a unit word
        if y.low == "and"
            && after_scale
            && t.get(i + used + 1).is_some_and(|z| {
                z.low
                    .split('-')
                    .all(|p| lex.numbers.get(p).is_some_and(|w| w.kind == "unit"))
            })
        {
            used += 1;
            after_scale = false;
            continue;
        }
        break;
    }
    if any {
        return Some((Quantity::exact(total.saturating_add(cur)), used));
    }
    None
}

/// "1,200", "40": digits with thousands commas only.
fn whole_number(s: &str) -> Option<u64> {
    if s.is_empty() || !s.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    if !s.chars().all(|c| c.is_ascii_digit() || c == ',') {
        return None;
    }
    s.replace(',', "").parse().ok()
}

/// A number that is part of a name or unit: "Tower 22", "No. 19", "M142", "1444th", years.
fn in_name(t: &[Word], i: usize, n: usize) -> bool {
    let x = &t[i];
    if x.text.chars().any(|c| c.is_ascii_alphabetic())
        && x.text.chars().next().is_some_and(|c| c.is_ascii_digit())
    {
        return true; // 1444th, 2nd
    }
    if x.text.len() == 4
        && !x.text.contains(',')
        && x.text
            .parse::<u32>()
            .is_ok_and(|v| (1900..=2100).contains(&v))
    {
        return true;
    }
    if i > 0 {
        let p = &t[i - 1];
        let cap = p.text.chars().next().is_some_and(char::is_uppercase);
        if (cap
            && !matches!(
                p.low,
                "at" | "of"
                    | "the"
                    | "some"
                    | "about"
                    | "around"
                    | "nearly"
                    | "over"
                    | "killing"
                    | "wounding"
                    | "by"
                    | "and"
            ))
            || matches!(p.text, "-" | "#" | "No" | "no.")
            || p.text == "."
        {
            // "Tower 22", "PTU No. 19", but not sentence-initial "Some 40"
            if i > 1 || cap {
                return p.text != ","
                    && !(i == 1
                        && cap
                        && x.text.chars().all(|c| c.is_ascii_digit() || c == ',')
                        && is_sentence_opener(p.text));
            }
        }
    }
    if let Some(nx) = t.get(i + n)
        && matches!(
            nx.low,
            "%" | "percent"
                | "per"
                | "km"
                | "kilometres"
                | "kilometers"
                | "miles"
                | "metres"
                | "meters"
                | "mm"
                | "kg"
                | "tons"
                | "tonnes"
                | "years"
                | "year"
                | "days"
                | "hours"
                | "minutes"
                | "months"
                | "weeks"
                | "times"
                | "am"
                | "pm"
                | "a.m"
                | "p.m"
                | "st"
                | "street"
        )
    {
        return true;
    }
    false
}

/// Capitalised function words that open sentences before a number ("Between 400 and 500").
fn is_sentence_opener(w: &str) -> bool {
    const OPENERS: &[&str] = &[
        "Some",
        "About",
        "Around",
        "Nearly",
        "Over",
        "At",
        "More",
        "Up",
        "Only",
        "All",
        "Another",
        "Between",
        "Of",
        "From",
        "With",
        "After",
        "Before",
        "By",
        "For",
        "In",
        "On",
        "Almost",
        "Roughly",
        "Approximately",
        "Fewer",
        "Less",
        "Just",
    ];
    OPENERS.contains(&w)
}

/// What the number counts: (kind, end token of the phrase, start token).
fn what(ctx: &Ctx, t: &[Word], hs: usize, end: usize) -> Option<(CountKind, usize, usize)> {
    let lex = ctx.lex;
    let kind_of = |field: &str| match field {
        "fatalities" => CountKind::Fatalities,
        "injuries" => CountKind::Injuries,
        f => CountKind::Other(f.to_string()),
    };
    // before: "killing 16", "wounding seven", "the deaths of three", "injuries to 47", "death toll rose to 89"
    for back in 1..=4 {
        if hs < back {
            break;
        }
        let w = &t[hs - back];
        if w.text == "," || w.text == ";" {
            break;
        }
        if let Some(cw) = lex.count_words.get(w.low)
            && cw.field != "-"
            && (cw.role == "state" && back == 1
                || cw.role == "noun" && matches!(cw.field.as_str(), "fatalities" | "injuries"))
        {
            return Some((kind_of(&cw.field), end, hs - back));
        }
        if back >= 2 && w.low == "toll" {
            return Some((CountKind::Fatalities, end, hs - back));
        }
    }
    // after: a counted noun within four words, or people and what happened to them
    let mut k = end;
    let mut people = false;
    let limit = (end + 10).min(t.len());
    while k < limit {
        let w = &t[k];
        if matches!(w.text, "," | ";" | ":" | "(" | ")")
            || (w.low == "and" && people)
            || w.low == "while"
            || w.low == "but"
        {
            break;
        }
        // two-word entries: "death toll", "precision munitions"
        if let Some(nx) = t.get(k + 1) {
            let two = format!("{} {}", w.low, nx.low);
            if let Some(cw) = lex.count_words.get(&two)
                && cw.field != "-"
                && !people
            {
                return Some((kind_of(&cw.field), k + 2, hs));
            }
        }
        if let Some(cw) = lex.count_words.get(w.low) {
            match cw.role.as_str() {
                "people" => people = true,
                "noun" if !people && k - end <= 3 => return Some((kind_of(&cw.field), k + 1, hs)),
                "state"
                    if people
                        || k == end
                        || (k - end <= 2 && t[k - 1].low.starts_with("were")
                            || t[k - 1].low == "was") =>
                {
                    return Some((kind_of(&cw.field), k + 1, hs));
                }
                "state" if k - end <= 3 => return Some((kind_of(&cw.field), k + 1, hs)),
                _ => {}
            }
        }
        if !people && k - end > 4 {
            break;
        }
        k += 1;
    }
    None
}
