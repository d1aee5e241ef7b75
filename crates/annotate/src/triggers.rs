//! Event triggers and weapon mentions.
//!
//! Triggers come from `data/en/triggers.tsv`. Each is marked with what the
//! words around it say about it: negated ("will not start a war"),
//! irrealis (future, modal, infinitive, conditional, or inside a request:
//! "called for a direct attack"), passive ("were hit by airstrikes"), and
//! anaphoric (a definite noun phrase that points back at a reported
//! event: "the attacks", "these strikes").

use crate::Ctx;
use sitrep_core::{Doc, Span, TriggerMention, TriggerPos, WeaponMention};
use sitrep_lexicon::Pos;

/// Fills `doc.weapons`.
pub fn find_weapons(doc: &mut Doc, ctx: &Ctx) {
    let mut out = Vec::new();
    for h in ctx.lex.weapons.find(&ctx.folded.text) {
        let span = ctx.span_of(doc, &h);
        out.push(WeaponMention {
            span,
            name: h.payload.name.clone().unwrap_or_default(),
            mode: h.payload.mode.clone(),
        });
    }
    doc.weapons = out;
}

/// Words (folded) before position `pos` in the same sentence, nearest first.
fn words_before(ctx: &Ctx, sent_start: usize, pos: usize, n: usize) -> Vec<String> {
    let a = ctx.folded_pos(sent_start);
    let b = ctx.folded_pos(pos);
    let s = &ctx.folded.text[a..b];
    s.split(|c: char| !c.is_ascii_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .rev()
        .take(n)
        .map(str::to_string)
        .collect()
}

fn words_after(ctx: &Ctx, pos: usize, sent_end: usize, n: usize) -> Vec<String> {
    let a = ctx.folded_pos(pos);
    let b = ctx.folded_pos(sent_end);
    let s = &ctx.folded.text[a..b.max(a)];
    s.split(|c: char| !c.is_ascii_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .take(n)
        .map(str::to_string)
        .collect()
}

const DETERMINERS: &[&str] = &[
    "the", "these", "this", "those", "that", "its", "their", "his", "her", "our", "such", "said",
    "both",
];
const INDEFINITE: &[&str] = &[
    "a",
    "an",
    "another",
    "new",
    "series",
    "several",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "multiple",
    "further",
    "more",
    "numerous",
    "dozens",
    "of",
    "retaliatory",
    "separate",
    "renewed",
    "fresh",
];
const MODALS: &[&str] = &[
    "will", "would", "could", "may", "might", "should", "shall", "must", "can", "to", "if",
    "unless", "cannot", "won't", "wouldn't",
];
const NEGATIONS: &[&str] = &[
    "not", "never", "no", "without", "nor", "neither", "didn't", "don't", "doesn't", "won't",
    "wouldn't", "cannot", "didnt", "dont", "wont",
];
const BE: &[&str] = &["was", "were", "been", "being", "is", "are", "be", "got"];

/// Fills `doc.triggers`.
pub fn find_triggers(doc: &mut Doc, ctx: &Ctx) {
    let mut out = Vec::new();
    for h in ctx.lex.triggers.find(&ctx.folded.text) {
        let span = ctx.span_of(doc, &h);
        let Some(si) = doc.sentence_at(span.start) else {
            continue;
        };
        let sent = doc.sentences[si];
        let e = h.payload;
        let orig = doc.slice(span);
        // a capitalised trigger inside a sentence is a name ("Operation Prosperity Guardian", "Strike Group")
        let sentence_initial = span.start == sent.span.start
            || doc.text[sent.span.s()..span.s()]
                .trim_end()
                .ends_with(['"', '“', '(']);
        if orig.chars().next().is_some_and(char::is_uppercase) && !sentence_initial {
            continue;
        }
        // "Iran-backed", "Houthi-controlled": a compound modifier, not an act
        if doc.text[..span.s()].ends_with(['-', '‐', '‑']) {
            continue;
        }
        let before = words_before(ctx, sent.span.s(), span.s(), 6);
        let after = words_after(ctx, span.e(), sent.span.e(), 3);
        let b0 = before.first().map(String::as_str).unwrap_or("");
        let b1 = before.get(1).map(String::as_str).unwrap_or("");
        // noun or verb: a determiner, number or adjective before makes a noun
        let nounish = DETERMINERS.contains(&b0)
            || INDEFINITE.contains(&b0)
            || b0.chars().all(|c| c.is_ascii_digit()) && !b0.is_empty()
            || (b0.ends_with("ed") || b0 == "us" || b0 == "israeli" || b0 == "russian")
                && DETERMINERS.contains(&b1);
        // "demonstrated a shared commitment": a transitive use is another verb
        if e.intransitive
            && after.first().is_some_and(|w| {
                DETERMINERS.contains(&w.as_str()) || INDEFINITE.contains(&w.as_str()) || w == "how"
            })
        {
            continue;
        }
        let pos = match e.pos {
            Pos::Noun => TriggerPos::Noun,
            Pos::Verb if nounish && !e.verbal && (orig.ends_with('s') || orig.ends_with("ing")) => {
                TriggerPos::Noun
            }
            Pos::Verb => TriggerPos::Verb,
        };
        // "groups supported by Iran", "the toll released by the government": a participle describing a noun
        let adverb_or_conj = b0.ends_with("ly")
            || matches!(b0, "and" | "or" | "then" | "also" | "had" | "has" | "have");
        if pos == TriggerPos::Verb
            && after.first().is_some_and(|w| w == "by")
            && !BE.contains(&b0)
            && !BE.contains(&b1)
            && !adverb_or_conj
            && !b0.is_empty()
        {
            continue;
        }
        // "our support", "this warning", "with support from": a speech verb used as a noun
        if e.verbal
            && !orig.contains(' ')
            && (DETERMINERS.contains(&b0)
                || matches!(b0, "with" | "of" | "for" | "strong" | "international"))
            && !orig.ends_with("ed")
        {
            continue;
        }
        // "the deaths of hundreds of mobilized troops": a participle after a determiner is an adjective
        if !e.verbal
            && !orig.contains(' ')
            && orig.ends_with("ed")
            && (DETERMINERS.contains(&b0) || matches!(b0, "of" | "a" | "an"))
        {
            continue;
        }
        // "Mobilized men ...": a participle opening the sentence is an adjective
        if !e.verbal && sentence_initial && orig.ends_with("ed") && !orig.contains(' ') {
            continue;
        }
        // "have been threatened": a threat or accusation told in the passive has no speaker here
        if e.verbal && BE.contains(&b0) && after.first().is_none_or(|w| w != "by") {
            continue;
        }
        let near3: Vec<&str> = before.iter().take(3).map(String::as_str).collect();
        let negated =
            near3.iter().any(|w| NEGATIONS.contains(w)) && !orig.to_lowercase().contains("not");
        let passive = pos == TriggerPos::Verb
            && (BE.contains(&b0) || BE.contains(&b1) && b0.ends_with("ly"))
            && after
                .first()
                .is_some_and(|w| w == "by" || w == "in" || w == "on" || w == "and");
        let modal_near = before.iter().take(2).any(|w| MODALS.contains(&w.as_str()))
            || (b0 == "be" && before.iter().take(3).any(|w| MODALS.contains(&w.as_str())));
        let irrealis = !e.irrealis_ok && !e.realis && modal_near;
        // "the destruction of a facility" names its object: not a pointer back
        // "their largest attack to date", "the first strike", "a new attack": a new event
        let new_one = b0.ends_with("est")
            || matches!(
                b0,
                "first" | "second" | "third" | "new" | "fresh" | "latest" | "renewed" | "another"
            );
        let anaphoric = pos == TriggerPos::Noun
            && !new_one
            && after.first().is_none_or(|w| w != "of")
            && !orig.ends_with(" of")
            && (DETERMINERS.contains(&b0)
                || (DETERMINERS.contains(&b1)
                    && b0 != "of"
                    && !INDEFINITE.contains(&b0)
                    && !b0.chars().all(|c| c.is_ascii_digit())));
        out.push(TriggerMention {
            span,
            ptype: e.ptype.clone(),
            mode: e.mode.clone(),
            pos,
            negated,
            irrealis,
            passive,
            anaphoric,
            rule: e.rule,
        });
    }
    // a trigger inside a longer one of the same sentence is dropped by the automaton already; nothing else to do
    let _ = Span::default;
    doc.triggers = out;
}
