//! Actor mentions: countries, organisations, people and sector phrases,
//! resolved to a canonical name, an ISO3 country and a sector.
//!
//! Dictionary hits are composed into phrases: "Iraqi security officials"
//! (demonym + sector nouns), "Iran's Revolutionary Guards" (possessive +
//! organisation), "Polish foreign minister Radosław Sikorski" (demonym +
//! title + a name the dictionary does not know). Later mentions are
//! resolved from the document: acronyms it defines ("U.S. Central Command
//! (CENTCOM)"), "the group" / "the ministry", a surname alone; and a
//! country heading ("Iran") gives its country to state bodies below it.

use crate::Ctx;
use sitrep_core::{ActorKind, ActorMention, BlockKind, Day, Doc, Span};
use sitrep_lexicon::{ActorEntry, ActorEntryKind, AgentEntry};

#[derive(Clone, Copy)]
enum Raw<'a> {
    Name(&'a ActorEntry),
    Agent(&'a AgentEntry),
}

/// Words before a country or capital that make it a place.
const LOCATIVE: &[&str] = &[
    "in",
    "at",
    "near",
    "outside",
    "across",
    "throughout",
    "inside",
    "into",
    "from",
    "to",
    "within",
    "around",
    "towards",
    "toward",
];

/// Nouns for parts of a territory: "the areas of Iraq" is a place.
const AREA_WORDS: &[&str] = &[
    "area",
    "areas",
    "parts",
    "part",
    "region",
    "regions",
    "outskirts",
    "north",
    "south",
    "east",
    "west",
    "territory",
    "territories",
    "provinces",
    "cities",
    "towns",
    "villages",
];

/// Sector nouns that are titles of a person ("spokesperson Nasser Kanaani").
const TITLE_SECTORS: &[&str] = &[
    "government",
    "military",
    "legislature",
    "judiciary",
    "party",
    "rebels",
    "militia",
    "opposition",
    "religious",
    "media",
    "igo",
    "ngo",
];

/// An acronym as text writes one: all capitals ("US", "U.S."), or at least two
/// ("LeT").
fn written_as_acronym(s: &str) -> bool {
    let letters = s.chars().filter(|c| c.is_alphabetic());
    let (mut n, mut upper) = (0, 0);
    for c in letters {
        n += 1;
        upper += usize::from(c.is_uppercase());
    }
    n > 0 && (upper == n || upper >= 2)
}

/// Written as a name: a capital first letter, or a lower-case Arabic article
/// before one ("al-Shabaab", "el-Sisi").
fn first_alpha_upper(s: &str) -> bool {
    const ARTICLES: &[&str] = &["al", "el", "ad", "ash", "as", "an", "ar", "at"];
    let s = match s.split_once(['-', '‐']) {
        Some((art, rest)) if ARTICLES.contains(&art) => rest,
        _ => s,
    };

    s.chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(|c| c.is_uppercase())
}

/// Fills `doc.actors`.
pub fn find_actors(doc: &mut Doc, ctx: &Ctx) {
    let text = doc.text.as_str();
    let mut raws: Vec<(Span, Raw)> = Vec::new();
    // office holders: the office they held on the day the report was published
    let day = doc.meta.published.as_deref().and_then(Day::parse);
    for h in ctx.lex.actors.find(&ctx.folded.text) {
        let sp = ctx.span_of(doc, &h);
        let orig = &text[sp.s()..sp.e()];
        let Some(entry) = ActorEntry::pick(h.payload, day) else {
            continue;
        };
        if !first_alpha_upper(orig) {
            continue;
        }
        if entry.acronym && !written_as_acronym(orig) {
            continue;
        }
        raws.push((sp, Raw::Name(entry)));
    }
    for h in ctx.lex.agents.find(&ctx.folded.text) {
        let sp = ctx.span_of(doc, &h);
        if raws.iter().any(|(r, _)| r.overlaps(sp)) {
            continue;
        }
        raws.push((sp, Raw::Agent(h.payload)));
    }
    raws.sort_by_key(|(s, _)| (s.start, std::cmp::Reverse(s.end)));
    // "in Baghdad", "across Syria", "in Iraq and Syria": places, not actors
    let mut keep = vec![true; raws.len()];
    let mut last_place_end: Option<usize> = None;
    for (i, (sp, r)) in raws.iter().enumerate() {
        let Raw::Name(e) = r else {
            last_place_end = None;
            continue;
        };
        if !matches!(e.kind, ActorEntryKind::Country | ActorEntryKind::Capital) {
            last_place_end = None;
            continue;
        }
        let before = text[..sp.s()].trim_end();
        let prev = before
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("")
            .to_lowercase();
        let coordinated = last_place_end.is_some_and(|end| {
            matches!(
                text[end..sp.s()].trim(),
                "," | "and" | ", and" | "or" | "and in" | "as well as"
            )
        });
        // "the areas of Iraq", "parts of Syria"
        let area_of = prev == "of" && {
            let b2 = before[..before.len() - 2].trim_end();
            let w = b2
                .rsplit(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("")
                .to_lowercase();
            AREA_WORDS.contains(&w.as_str())
        };
        if LOCATIVE.contains(&prev.as_str()) || coordinated || area_of {
            keep[i] = false;
            last_place_end = Some(sp.e());
        } else {
            last_place_end = None;
        }
    }
    let mut it = keep.iter();
    raws.retain(|_| *it.next().unwrap_or(&true));

    // Compose adjacent hits into phrases.
    let mut out: Vec<ActorMention> = Vec::new();
    let mut i = 0;
    while i < raws.len() {
        let mut j = i + 1;
        while j < raws.len() && joinable(text, raws[j - 1], raws[j]) {
            j += 1;
        }
        if let Some(m) = compose(text, &raws[i..j]) {
            out.push(m);
        }
        i = j;
    }

    // Unknown people after a title: "spokesperson Nasser Kanaani".
    let mut people = Vec::new();
    for m in &out {
        if m.kind != ActorKind::Agent
            || !m
                .sector
                .as_deref()
                .is_some_and(|s| TITLE_SECTORS.contains(&s))
        {
            continue;
        }
        if let Some(name) = capitalised_run_after(doc, m.span.e()) {
            if out.iter().any(|o| o.span.overlaps(name)) {
                continue;
            }
            people.push(ActorMention {
                span: Span::new(m.span.s(), name.e()),
                canonical: text[name.s()..name.e()].to_string(),
                country: m.country.clone(),
                sector: m.sector.clone(),
                kind: ActorKind::Person,
                ident: None,
                anaphor: false,
            });
        }
    }
    for p in people {
        out.retain(|o| !p.span.contains(o.span));
        out.push(p);
    }
    out.sort_by_key(|m| m.span.start);

    heading_context(doc, &mut out);
    later_mentions(doc, ctx, &mut out);
    out.sort_by_key(|m| m.span.start);
    doc.actors = out;
}

/// Can `b` continue the phrase ending with `a`?
fn joinable(text: &str, a: (Span, Raw), b: (Span, Raw)) -> bool {
    if b.0.start < a.0.end {
        return false;
    }
    let gap = &text[a.0.e()..b.0.s()];
    let g = gap.trim();
    let words: Vec<&str> = g.split_whitespace().collect();
    match (a.1, b.1) {
        // "Iraqi officials", "Iraqi security officials", "US political figures"
        (Raw::Name(n), Raw::Agent(_)) => {
            matches!(
                n.kind,
                ActorEntryKind::Demonym
                    | ActorEntryKind::Country
                    | ActorEntryKind::Capital
                    | ActorEntryKind::Org
            ) && (g.is_empty()
                || g == "."
                || is_possessive(g)
                || (words.len() <= 2
                    && words
                        .iter()
                        .all(|w| w.chars().all(|c| c.is_alphabetic() || c == '-'))))
                && !gap.contains(['\n', ',', ';', '(', ')', '"', '“', '”'])
        }
        // "Iran's Revolutionary Guards", "the Iraqi Kata'ib Sayyid al-Shuhada"
        (Raw::Name(n), Raw::Name(m)) => {
            matches!(
                n.kind,
                ActorEntryKind::Demonym | ActorEntryKind::Country | ActorEntryKind::Capital
            ) && matches!(m.kind, ActorEntryKind::Org | ActorEntryKind::Person)
                && (g.is_empty() || is_possessive(g))
        }
        // "security officials", "foreign minister" (agent + agent), "spokesperson for Harakat ...", "Secretary of Defense Lloyd Austin"
        (Raw::Agent(_), Raw::Agent(_)) => g.is_empty() || g == "and",
        (Raw::Agent(_), Raw::Name(m)) => {
            matches!(m.kind, ActorEntryKind::Person) && g.is_empty()
                || matches!(m.kind, ActorEntryKind::Org)
                    && matches!(g, "for" | "of" | "of the" | "for the")
                // "the armed forces of the United States"
                || matches!(m.kind, ActorEntryKind::Country)
                    && matches!(g, "of" | "of the")
                || matches!(m.kind, ActorEntryKind::Person) && matches!(g, ",")
        }
    }
}

fn is_possessive(g: &str) -> bool {
    matches!(g, "'s" | "’s" | "'" | "’")
}

fn compose(text: &str, group: &[(Span, Raw)]) -> Option<ActorMention> {
    let span = Span::new(group.first()?.0.s(), group.last()?.0.e());
    let mut country = None;
    let mut sector = None;
    let mut named: Option<&ActorEntry> = None;
    let mut country_entry: Option<&ActorEntry> = None;
    let mut has_agent = false;
    let mut org: Option<&ActorEntry> = None;
    for (_, r) in group {
        match r {
            Raw::Name(e) => match e.kind {
                ActorEntryKind::Org | ActorEntryKind::Person => {
                    if e.kind == ActorEntryKind::Org {
                        org = Some(e);
                    }
                    named = Some(e);
                }
                _ => {
                    country_entry = Some(e);
                    country = e.country.clone();
                }
            },
            Raw::Agent(a) => {
                has_agent = true;
                sector = Some(a.sector.clone());
            }
        }
    }
    let name = text[span.s()..span.e()].to_string();
    // "RSF commander Mohamed Hamdan Dagalo", "NATO Secretary General Mark Rutte":
    // the body a person speaks for, else the title's sector, says who they act for
    if let Some(e) = named
        && e.kind == ActorEntryKind::Person
        && let Some(o) = org
    {
        return Some(ActorMention {
            span,
            canonical: e.canonical.clone(),
            country: o.country.clone(),
            sector: o.sector.clone().or(sector),
            kind: ActorKind::Person,
            ident: Some(e.ident.clone()),
            anaphor: false,
        });
    }
    if let Some(e) = named {
        let title_sector = sector
            .clone()
            .filter(|s| s != "government" && e.kind == ActorEntryKind::Person);
        return Some(ActorMention {
            span,
            canonical: e.canonical.clone(),
            country: e.country.clone().or(country),
            sector: title_sector.or(e.sector.clone()).or(sector),
            kind: if e.kind == ActorEntryKind::Person {
                ActorKind::Person
            } else {
                ActorKind::Org
            },
            ident: Some(e.ident.clone()),
            anaphor: false,
        });
    }
    if let Some(c) = country_entry {
        let kind = if has_agent {
            ActorKind::Agent
        } else {
            ActorKind::Country
        };
        return Some(ActorMention {
            span,
            canonical: c.canonical.clone(),
            country,
            sector: sector
                .or_else(|| (c.kind != ActorEntryKind::Demonym).then(|| "government".to_string())),
            kind,
            ident: Some(c.ident.clone()),
            anaphor: false,
        });
    }
    let _ = name;
    Some(ActorMention {
        span,
        canonical: text[span.s()..span.e()].to_string(),
        country: None,
        sector,
        kind: ActorKind::Agent,
        ident: None,
        anaphor: false,
    })
}

/// Two to four capitalised words right after `pos` (a name).
fn capitalised_run_after(doc: &Doc, pos: usize) -> Option<Span> {
    let ti = doc.tokens.partition_point(|t| t.span.s() < pos);
    let mut k = ti;
    // allow one comma: "spokesperson, Hussein al-Mosawi"
    if k < doc.tokens.len() && doc.slice(doc.tokens[k].span) == "," {
        k += 1;
    }
    let start = k;
    let mut n = 0;
    while k < doc.tokens.len() && n < 4 {
        let t = doc.slice(doc.tokens[k].span);
        let cap =
            t.chars().next().is_some_and(char::is_uppercase) && t.chars().any(char::is_lowercase);
        let particle = n > 0
            && matches!(
                t,
                "al" | "al-" | "bin" | "ibn" | "abu" | "de" | "van" | "von" | "el"
            );
        if !(cap || particle)
            || doc.sentence_at(doc.tokens[k].span.start) != doc.sentence_at(pos as u32)
        {
            break;
        }
        n += 1;
        k += 1;
    }
    (n >= 2).then(|| Span::new(doc.tokens[start].span.s(), doc.tokens[k - 1].span.e()))
}

/// Under a heading that names a country, state bodies without a country
/// take that country ("The Ministry of Foreign Affairs" under "Iran").
fn heading_context(doc: &Doc, out: &mut [ActorMention]) {
    let mut heading_country: Vec<(u32, Option<String>)> = Vec::new();
    for b in &doc.blocks {
        if b.kind == BlockKind::Heading {
            let c = out
                .iter()
                .find(|m| {
                    b.span.contains(m.span)
                        && m.kind == ActorKind::Country
                        && m.span.len() + 2 >= b.span.len()
                })
                .and_then(|m| m.country.clone());
            heading_country.push((b.span.start, c));
        }
    }
    for m in out.iter_mut() {
        if m.country.is_some()
            || !matches!(
                m.kind,
                ActorKind::Org | ActorKind::Agent | ActorKind::Person
            )
        {
            continue;
        }
        if !m.sector.as_deref().is_some_and(|s| {
            matches!(
                s,
                "government" | "military" | "police" | "legislature" | "judiciary" | "intelligence"
            )
        }) {
            continue;
        }
        let i = heading_country.partition_point(|(s, _)| *s < m.span.start);
        if i > 0
            && let Some(c) = &heading_country[i - 1].1
        {
            m.country = Some(c.clone());
        }
    }
}

/// Acronyms defined in the text, "the group"-style mentions, surnames.
fn later_mentions(doc: &Doc, ctx: &Ctx, out: &mut Vec<ActorMention>) {
    let text = doc.text.as_str();
    // "U.S. Central Command (CENTCOM)" defines CENTCOM for this document.
    let mut aliases: Vec<(String, ActorMention)> = Vec::new();
    for m in out.iter() {
        let rest = &text[m.span.e()..];
        if let Some(r) = rest.strip_prefix(" (")
            && let Some(close) = r.find(')')
        {
            let ab = &r[..close];
            if (2..=8).contains(&ab.len()) && ab.chars().all(|c| c.is_ascii_uppercase() || c == '-')
            {
                aliases.push((ab.to_string(), m.clone()));
            }
        }
        if m.kind == ActorKind::Person {
            let canon_last = m
                .canonical
                .split_whitespace()
                .last()
                .unwrap_or("")
                .to_string();
            if canon_last.len() > 3 {
                aliases.push((canon_last, m.clone()));
            }
        }
    }
    let mut add = Vec::new();
    // one scan per alias: the first definition wins
    let mut seen = std::collections::HashSet::new();
    aliases.retain(|(a, _)| seen.insert(a.clone()));
    for (alias, ante) in &aliases {
        let mut from = ante.span.e();
        while let Some(off) = text[from..].find(alias.as_str()) {
            let s = from + off;
            let e = s + alias.len();
            from = e;
            let bounded = !text[..s].chars().last().is_some_and(char::is_alphanumeric)
                && !text[e..].chars().next().is_some_and(char::is_alphanumeric);
            let sp = Span::new(s, e);
            if bounded
                && !out.iter().any(|o| o.span.overlaps(sp))
                && !add.iter().any(|o: &ActorMention| o.span.overlaps(sp))
            {
                add.push(ActorMention {
                    span: sp,
                    anaphor: true,
                    ..ante.clone()
                });
            }
        }
    }
    // "the group", "the militia", "the ministry": the nearest earlier actor of that sector
    for h in ctx
        .lex
        .cues
        .find(&ctx.folded.text)
        .filter(|h| h.payload == "determiner")
    {
        let _ = h;
    }
    for (i, t) in doc.tokens.iter().enumerate() {
        let w = doc.slice(t.span);
        if !matches!(w, "the" | "The") || i + 1 >= doc.tokens.len() {
            continue;
        }
        let next = doc.tokens[i + 1];
        let nw = doc.slice(next.span).to_lowercase();
        let want: &[&str] = match nw.as_str() {
            "group" | "militia" | "movement" | "organisation" | "organization" => &[
                "militia",
                "rebels",
                "insurgents",
                "terrorists",
                "opposition",
                "party",
            ],
            "ministry" => &["government"],
            _ => continue,
        };
        // skip when a name follows ("the group Hamas") or it is part of a known phrase
        if out.iter().any(|o| o.span.contains(next.span)) {
            continue;
        }
        let sp = Span::new(t.span.s(), next.span.e());
        let ante = out.iter().rev().find(|o| {
            o.span.end <= sp.start
                && o.sector.as_deref().is_some_and(|s| want.contains(&s))
                && sp.start - o.span.end < 1500
        });
        if let Some(a) = ante {
            add.push(ActorMention {
                span: sp,
                anaphor: true,
                ..a.clone()
            });
        }
    }
    out.extend(add);
}
