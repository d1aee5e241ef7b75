//! Sentence-level mention frames: a trigger and the arguments its sentence
//! gives it.

use sitrep_core::{ActorKind, BlockKind, Doc, Span, TriggerMention, TriggerPos};
use sitrep_lexicon::Lexicon;

/// Types that are speech acts: the sayer is the actor, future and modal
/// wording is their content, and acts named after them are what they are
/// about.
pub const SPEECH: &[&str] = &[
    "ACCUSE", "REQUEST", "THREATEN", "SUPPORT", "REJECT", "AGREE", "CONSULT",
];

/// One event mention in one sentence.
#[derive(Clone, Debug)]
pub struct Frame {
    /// Sentence index.
    pub sent: usize,
    /// PLOVER type.
    pub ptype: String,
    /// PLOVER mode.
    pub mode: Option<String>,
    /// Trigger span(s).
    pub triggers: Vec<Span>,
    /// The head trigger is a noun.
    pub noun: bool,
    /// Points back at an event already reported.
    pub anaphoric: bool,
    /// A speech act.
    pub speech: bool,
    /// Indices into `doc.actors`.
    pub actors: Vec<usize>,
    /// Indices into `doc.actors`.
    pub targets: Vec<usize>,
    /// Indices into `doc.places`.
    pub places: Vec<usize>,
    /// Index into `doc.times` of the date.
    pub time: Option<usize>,
    /// Index into `doc.times` of a clock time.
    pub clock: Option<usize>,
    /// Indices into `doc.counts`.
    pub counts: Vec<usize>,
    /// Indices into `doc.weapons`.
    pub weapons: Vec<usize>,
    /// The speech act's object is an event ("condemned the attacks").
    pub about_event: bool,
    /// From the title line: adds sources, never events.
    pub title: bool,
    /// Only weak triggers.
    pub weak: bool,
    /// Segment of the sentence (0 = first); frames of one sentence in
    /// different segments are different events.
    pub segment: usize,
}

/// Participles after which "by X" describes a noun instead of naming the doer.
const DESCRIBING: &[&str] = &[
    "used",
    "utilized",
    "utilised",
    "backed",
    "supported",
    "controlled",
    "held",
    "owned",
    "operated",
    "funded",
    "armed",
    "trained",
    "affiliated",
    "run",
    "occupied",
    "built",
    "manned",
    "inhabited",
];

/// Phrases that introduce a different, earlier event inside a sentence.
const SEGMENT_CUES: &[&str] = &[
    "in retaliation against",
    "in retaliation for",
    "in response to",
    "in revenge for",
    "in reprisal for",
    ", while ",
    "; ",
    " after ",
    " following ",
];
/// Prepositions that make an actor an object, not the subject.
const PREPOSITIONS: &[&str] = &[
    "of",
    "to",
    "in",
    "on",
    "against",
    "by",
    "with",
    "for",
    "from",
    "at",
    "near",
    "into",
    "toward",
    "towards",
    "over",
    "under",
    "between",
    "among",
    "including",
];

/// Phrases that start another speech act of the same sentence.
const SPEECH_SPLITS: &[&str] = &[
    ", which ",
    " as well as ",
    " and warned ",
    " and threatened ",
];
/// Of those, the ones that continue the clause before them (same speaker).
const CONTINUING: &[&str] = &[", which ", " and warned ", " and threatened "];
/// Reporting cues: what comes before them is a source, not an actor.
const REPORTING: &[&str] = &[
    " reported that ",
    " said that ",
    " announced that ",
    " claimed that ",
    " stated that ",
    " confirmed that ",
    " revealed that ",
    " reported ",
    " said ",
    " claimed ",
    " announced ",
    " alleged that ",
    " wrote that ",
    " told ",
];

fn lower(s: &str) -> String {
    s.to_lowercase()
}

/// Frames of every sentence.
pub fn frames(doc: &Doc, lex: &Lexicon) -> Vec<Frame> {
    let _ = lex;
    let mut out = Vec::new();
    for (si, s) in doc.sentences.iter().enumerate() {
        let kind = doc.blocks[s.block as usize].kind;
        if matches!(kind, BlockKind::Chrome | BlockKind::Heading) {
            continue;
        }
        let title = kind == BlockKind::Title;
        // legal provisions ("(a) All property ... are blocked", "(ii) to be a leader of") define, they do not report
        if is_provision(doc.slice(doc.blocks[s.block as usize].span)) {
            continue;
        }
        let stext = doc.slice(s.span);
        let slow = lower(stext);
        let trigs: Vec<&TriggerMention> = doc
            .triggers
            .iter()
            .filter(|t| s.span.contains(t.span))
            .collect();
        if trigs.is_empty() {
            continue;
        }
        // segment boundaries (byte offsets in the document)
        let mut bounds: Vec<usize> = SEGMENT_CUES
            .iter()
            .flat_map(|c| slow.match_indices(c).map(|(i, _)| s.span.s() + i))
            .collect();
        // a fronted phrase ("In response to X, the armed forces ... struck") ends at the
        // comma before the main clause's subject
        // (fronted: nothing but adverbials before it: "On 14 March, following the battle, a
        // Ukrainian Su-25 was shot down")
        let fronted: Vec<usize> = bounds
            .iter()
            .copied()
            .filter(|&b| {
                let before = Span::new(s.span.s(), b);
                !doc.actors.iter().any(|a| before.contains(a.span))
                    && !trigs.iter().any(|t| before.contains(t.span))
            })
            .filter_map(|b| main_clause_comma(doc, b, s.span))
            .collect();
        bounds.extend(fronted);
        bounds.sort();
        bounds.dedup();
        let seg_of = |pos: usize| bounds.iter().filter(|&&b| b <= pos).count();
        // speech acts: one per speech clause ("the statement by the UN Security Council ...
        // condemning ..., which called for ... and warned that ...")
        let mut sbounds: Vec<usize> = bounds.clone();
        sbounds.extend(
            SPEECH_SPLITS
                .iter()
                .flat_map(|c| slow.match_indices(c).map(|(i, _)| s.span.s() + i)),
        );
        sbounds.sort();
        sbounds.dedup();
        let sseg_of = |pos: usize| sbounds.iter().filter(|&&b| b <= pos).count();
        let live: Vec<&TriggerMention> = trigs
            .iter()
            .copied()
            .filter(|t| !(t.irrealis || t.negated && t.ptype != "CONCEDE"))
            .collect();
        let speech_trigs: Vec<&TriggerMention> = live
            .iter()
            .copied()
            .filter(|t| {
                SPEECH.contains(&t.ptype.as_str())
                    && !(t.ptype == "CONSULT"
                        && live
                            .iter()
                            .any(|o| o.ptype != "CONSULT" && SPEECH.contains(&o.ptype.as_str())))
            })
            .collect();
        let mut speeches: Vec<&TriggerMention> = Vec::new();
        for t in &speech_trigs {
            let seg = sseg_of(t.span.s());
            let best = speech_trigs
                .iter()
                .filter(|o| sseg_of(o.span.s()) == seg)
                .min_by_key(|o| (speech_rank(&o.ptype), o.span.start));
            if best.is_some_and(|b| b.span == t.span) {
                speeches.push(t);
            }
        }
        // what follows any speech verb is what was said, not an act
        let speech_start = speech_trigs.iter().map(|t| t.span.start).min();
        // acts: not after a speech act (they are its content), never inside a request
        let requested = trigs
            .iter()
            .filter(|t| t.ptype == "REQUEST" || t.ptype == "THREATEN")
            .map(|t| t.span.start)
            .min();
        // "a new sanctions regime targeting the military": generic attack verbs give way to a sanction
        let sanction_here = live.iter().any(|t| t.ptype == "SANCTION");
        let mut groups: Vec<(String, usize, Vec<&TriggerMention>)> = Vec::new();
        for t in live
            .iter()
            .copied()
            .filter(|t| !SPEECH.contains(&t.ptype.as_str()))
        {
            if speech_start.is_some_and(|p| t.span.start > p)
                || requested.is_some_and(|p| t.span.start > p)
            {
                continue;
            }
            if sanction_here && t.ptype == "ASSAULT" && t.mode.is_none() {
                continue;
            }
            let seg = seg_of(t.span.s());
            // two acts of one type but different kinds ("the forced diversion of a flight and
            // the arrest of a journalist") are two events
            let other_mode = |g: &(String, usize, Vec<&TriggerMention>)| {
                t.mode.is_some()
                    && g.2.iter().any(|o| o.mode.is_some() && o.mode != t.mode)
                    && t.ptype == "COERCE"
            };
            match groups
                .iter_mut()
                .find(|g| g.0 == t.ptype && g.1 == seg && !other_mode(g))
            {
                Some(g) => g.2.push(t),
                None => groups.push((t.ptype.clone(), seg, vec![t])),
            }
        }
        for t in &speeches {
            groups.push((t.ptype.clone(), seg_of(t.span.s()), vec![t]));
        }
        // an announced hostile act is a threat: "Russia would continue attacks on foreign
        // fighters", "the government will continue to impose costs" (CODEBOOK: a statement
        // that announces an intent to act is THREATEN)
        if speeches.is_empty()
            && let Some(t) = trigs
                .iter()
                .copied()
                .find(|t| announced_hostile(doc, t, s.span))
        {
            groups.push(("THREATEN".to_string(), seg_of(t.span.s()), vec![t]));
        }
        for (ptype, seg, ts) in groups {
            let is_speech = SPEECH.contains(&ptype.as_str());
            let head = ts
                .iter()
                .find(|t| t.pos == TriggerPos::Verb)
                .copied()
                .unwrap_or(ts[0]);
            let mut f = Frame {
                sent: si,
                ptype: ptype.clone(),
                mode: ts.iter().find_map(|t| t.mode.clone()),
                triggers: ts.iter().map(|t| t.span).collect(),
                noun: head.pos == TriggerPos::Noun,
                anaphoric: ts.iter().all(|t| t.anaphoric || t.pos == TriggerPos::Verb)
                    && ts.iter().any(|t| t.anaphoric),
                speech: is_speech,
                actors: vec![],
                targets: vec![],
                places: vec![],
                time: None,
                clock: None,
                counts: vec![],
                weapons: vec![],
                about_event: false,
                title,
                weak: ts.iter().all(|t| trigger_weak(doc, t)),
                segment: seg,
            };
            // the clause this frame lives in; a speech clause that continues the one before
            // it (", which called for", "and warned") shares its subject and date
            let fb = if is_speech { &sbounds } else { &bounds };
            let mut seg_start = fb
                .iter()
                .copied()
                .filter(|&b| b <= head.span.s())
                .max()
                .unwrap_or(s.span.s());
            if is_speech
                && CONTINUING
                    .iter()
                    .any(|c| slow[seg_start - s.span.s()..].starts_with(c))
            {
                seg_start = fb
                    .iter()
                    .copied()
                    .filter(|&b| b < seg_start)
                    .max()
                    .unwrap_or(s.span.s());
            }
            let seg_end = fb
                .iter()
                .copied()
                .filter(|&b| b > head.span.s())
                .min()
                .unwrap_or(s.span.e());
            let clause_start = if is_speech {
                seg_start
            } else {
                // after the last reporting cue before the trigger
                let rel = &slow[..head.span.s() - s.span.s()];
                let mut cs = seg_start;
                for c in REPORTING {
                    if let Some(i) = rel.rfind(c) {
                        cs = cs.max(s.span.s() + i + c.len());
                    }
                }
                if let Some(i) = rel.find("according to ")
                    && let Some(comma) = rel[i..].find(',')
                {
                    cs = cs.max(s.span.s() + i + comma + 1);
                }
                cs
            };
            arguments(doc, &mut f, head, clause_start, seg_end, s.span);
            if is_speech {
                // "condemned the attacks": the object is an event
                let after = &slow[head.span.e() - s.span.s()..];
                f.about_event = doc.triggers.iter().any(|t| {
                    t.span.start > head.span.start
                        && s.span.contains(t.span)
                        && t.ptype == "ASSAULT"
                }) || [
                    "the attack",
                    "the strike",
                    "the airstrike",
                    "the air strike",
                    "the bombing",
                    "the shelling",
                    "the aggression",
                    "aggression",
                ]
                .iter()
                .any(|w| after.contains(w));
            }
            out.push(f);
        }
    }
    out
}

/// A hostile act in the future tense, not conditional, negated or asked for:
/// "would continue attacks", "will strike".
fn announced_hostile(doc: &Doc, t: &TriggerMention, sent: Span) -> bool {
    if !t.irrealis || t.negated || !matches!(t.ptype.as_str(), "ASSAULT" | "COERCE" | "SANCTION") {
        return false;
    }
    let before = words_between(doc, sent.s(), t.span.s());
    let near: Vec<&str> = before.iter().rev().take(4).map(String::as_str).collect();
    let future = near
        .iter()
        .any(|w| matches!(*w, "will" | "would" | "shall"));
    // announced: reported as said ("said that Russia would continue attacks")
    let said = before.iter().any(|w| {
        matches!(
            w.as_str(),
            "said"
                | "says"
                | "stated"
                | "announced"
                | "declared"
                | "vowed"
                | "pledged"
                | "promised"
        )
    });
    let hedged = before.iter().any(|w| {
        matches!(
            w.as_str(),
            "if" | "unless"
                | "should"
                | "could"
                | "might"
                | "may"
                | "call"
                | "called"
                | "calls"
                | "urged"
                | "urge"
                | "asked"
                | "demanded"
        )
    });
    future && said && !hedged
}

/// The comma that ends a fronted phrase starting at `from`: the first one
/// followed by an actor (after an optional article), the main clause's
/// subject.
fn main_clause_comma(doc: &Doc, from: usize, sent: Span) -> Option<usize> {
    let text = &doc.text[from..sent.e()];
    text.match_indices(',').find_map(|(i, _)| {
        let after = &text[i + 1..];
        let skip = after.len() - after.trim_start().len();
        let mut at = from + i + 1 + skip;
        for art in ["the ", "The ", "a ", "an ", "A ", "An "] {
            if doc.text[at..].starts_with(art) {
                at += art.len();
            }
        }
        doc.actors
            .iter()
            .any(|a| a.span.s() == at)
            .then_some(from + i)
    })
}

/// A block that opens with an enumerator: "(a)", "(ii)", "(A)", "Sec. 2.".
fn is_provision(block: &str) -> bool {
    let t = block.trim_start();
    if let Some(rest) = t.strip_prefix('(')
        && let Some(close) = rest.find(')')
    {
        let inner = &rest[..close];
        return !inner.is_empty()
            && inner.len() <= 4
            && inner.chars().all(|c| c.is_ascii_alphanumeric());
    }
    t.starts_with("Sec. ") || t.starts_with("Section ")
}

fn speech_rank(t: &str) -> usize {
    [
        "THREATEN", "REQUEST", "REJECT", "ACCUSE", "SUPPORT", "AGREE", "CONSULT",
    ]
    .iter()
    .position(|x| *x == t)
    .unwrap_or(9)
}

fn trigger_weak(doc: &Doc, t: &TriggerMention) -> bool {
    let _ = doc;
    // the lexicon's weak flag is carried by the rule; triggers with a mode are specific enough
    t.mode.is_none()
}

fn words_between(doc: &Doc, a: usize, b: usize) -> Vec<String> {
    if b <= a {
        return vec![];
    }
    doc.text[a..b]
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(lower)
        .collect()
}

/// Actors, targets, places, times, counts and weapons of a frame.
fn arguments(
    doc: &Doc,
    f: &mut Frame,
    head: &TriggerMention,
    clause_start: usize,
    seg_end: usize,
    sent: Span,
) {
    let hs = head.span.s();
    let he = head.span.e();
    let in_clause = |sp: Span| sp.s() >= clause_start && sp.e() <= seg_end;
    let actors: Vec<usize> = (0..doc.actors.len())
        .filter(|&i| in_clause(doc.actors[i].span))
        .collect();
    let before: Vec<usize> = actors
        .iter()
        .copied()
        .filter(|&i| doc.actors[i].span.e() <= hs)
        .collect();
    let after: Vec<usize> = actors
        .iter()
        .copied()
        .filter(|&i| doc.actors[i].span.s() >= he)
        .collect();
    let role_after = |i: usize| -> &'static str {
        let a = doc.actors[i].span;
        let prev_end = actors
            .iter()
            .map(|&o| &doc.actors[o])
            .filter(|o| o.span.e() <= a.s() && o.span.s() >= he)
            .map(|o| o.span.e())
            .max()
            .unwrap_or(he);
        let w = words_between(doc, prev_end.max(he), a.s());
        let w: Vec<&str> = w.iter().rev().take(4).map(String::as_str).collect();
        // "by X" names the doer, unless "by" belongs to a description of the target ("bases used by militias")
        match w.iter().position(|x| *x == "by") {
            Some(k) if !w.get(k + 1).is_some_and(|p| DESCRIBING.contains(p)) => "actor",
            _ => "target",
        }
    };
    if f.speech {
        // the subject: the first actor of the clause not governed by a preposition
        let subject = before.iter().copied().find(|&i| {
            let w = words_between(doc, clause_start, doc.actors[i].span.s());
            !w.last().is_some_and(|p| {
                matches!(
                    p.as_str(),
                    "of" | "to" | "in" | "on" | "against" | "by" | "with" | "for" | "from" | "at"
                )
            })
        });
        let mut subject = subject.or(before.last().copied());
        // "the leader of the Iraqi X militia": the body, not the bare title
        if let Some(i) = subject
            && doc.actors[i].country.is_none()
            && let Some(&j) = before
                .iter()
                .find(|&&j| doc.actors[j].span.s() > doc.actors[i].span.e())
            && matches!(words_between(doc, doc.actors[i].span.e(), doc.actors[j].span.s()).as_slice(), [o] | [o, _] if o == "of" || o == "for")
        {
            subject = Some(j);
        }
        if let Some(i) = subject {
            f.actors.push(i);
        }
        // "condemned the attacks, The Russian foreign ministry said ...": a new clause starts
        let new_clause = |i: &usize| {
            let between = &doc.text[he..doc.actors[*i].span.s()];
            [
                ", The ", ", A ", ", An ", ", This ", ", Its ", ", Their ", ". ",
            ]
            .iter()
            .any(|c| between.contains(c))
                || between.trim_end().ends_with(", The")
        };
        let after_same_clause: Vec<usize> =
            after.iter().copied().filter(|i| !new_clause(i)).collect();
        f.targets = coordinated(doc, &after_same_clause, he);
        // "said that the US must understand ...": the one the threat is addressed to
        if f.targets.is_empty()
            && let Some(&j) = before
                .iter()
                .rev()
                .find(|&&j| Some(j) != subject && !f.actors.contains(&j))
            && words_between(doc, clause_start, doc.actors[j].span.s())
                .iter()
                .any(|w| w == "that")
        {
            f.targets.push(j);
        }
    } else if head.passive {
        f.targets.extend(before.last().copied());
        f.actors.extend(
            after
                .iter()
                .copied()
                .filter(|&i| role_after(i) == "actor")
                .take(1),
        );
    } else {
        for &i in &after {
            match role_after(i) {
                "actor" if f.actors.is_empty() => f.actors.push(i),
                "target" if f.targets.is_empty() => {
                    let c = coordinated(
                        doc,
                        &after[after.iter().position(|&x| x == i).unwrap_or(0)..],
                        doc.actors[i].span.s(),
                    );
                    f.targets.extend(c);
                }
                _ => {}
            }
        }
        // the subject: the first actor of the clause no preposition governs ("U.S. military
        // forces—together with the United Kingdom and with support from Australia—struck"),
        // with those that act together with it; else the actors right before the trigger
        let governed = |i: usize| {
            words_between(doc, clause_start, doc.actors[i].span.s())
                .last()
                .is_some_and(|p| PREPOSITIONS.contains(&p.as_str()))
        };
        let subject = before.iter().copied().find(|&i| !governed(i));
        let with_partners = |subj: usize| {
            let w = words_between(doc, doc.actors[subj].span.e(), hs).join(" ");
            [
                "together with",
                "along with",
                "alongside",
                "with support from",
                "supported by",
                "backed by",
                "joined by",
            ]
            .iter()
            .any(|c| w.contains(c))
        };
        if f.actors.is_empty()
            && let Some(subj) = subject
            && before.last() != Some(&subj)
            && with_partners(subj)
            && !coordinated_back(doc, &before).contains(&subj)
        {
            f.actors.push(subj);
            for &i in before.iter().filter(|&&i| i != subj) {
                let w = words_between(doc, clause_start, doc.actors[i].span.s());
                let n = w.len();
                let together = n >= 2
                    && matches!(
                        (w[n - 2].as_str(), w[n - 1].as_str()),
                        ("together", "with") | ("along", "with") | ("jointly", "with")
                    )
                    || w.last().is_some_and(|x| x == "alongside");
                let coordinated = f.actors.last().is_some_and(|&l| {
                    matches!(
                        doc.text[doc.actors[l].span.e()..doc.actors[i].span.s()].trim(),
                        "and" | "," | ", and"
                    )
                });
                if together || (coordinated && f.actors.len() > 1) {
                    f.actors.push(i);
                }
            }
        }
        if f.actors.is_empty()
            && let Some(&i) = before.last()
        {
            // two sides: "X and Y clashed"
            let mut co = coordinated_back(doc, &before);
            if co.is_empty() {
                co.push(i);
            }
            f.actors.extend(co);
        }
    }
    // pronoun subjects leave the actor to the event referred to
    f.actors.dedup();
    f.targets.retain(|t| !f.actors.contains(t));
    let used: Vec<Span> = f
        .actors
        .iter()
        .chain(f.targets.iter())
        .map(|&i| doc.actors[i].span)
        .collect();
    let place_from = if f.speech { he } else { clause_start };
    f.places = (0..doc.places.len())
        .filter(|&i| {
            let p = &doc.places[i];
            p.span.s() >= place_from
                && p.span.e() <= seg_end
                && !used.iter().any(|u| u.overlaps(p.span))
        })
        .collect();
    // "bombers flown from the United States": where they came from is not where it happened
    let from = |i: &usize| {
        let w = words_between(doc, sent.s(), doc.places[*i].span.s());
        let last5: Vec<&String> = w.iter().rev().take(5).collect();
        last5.iter().any(|x| *x == "from")
            && !last5
                .iter()
                .take_while(|x| **x != "from")
                .any(|x| matches!(x.as_str(), "in" | "at" | "on" | "near" | "into"))
    };
    f.places.retain(|i| !from(i));
    let clause_times: Vec<usize> = (0..doc.times.len())
        .filter(|&i| sent.contains(doc.times[i].span))
        .collect();
    // a date inside what was said is not the day it was said: "We call on X to allow an
    // investigation into the events of May 23" (but "warned on Monday that ..." is)
    let said_on = |i: usize| {
        let t = doc.times[i].span;
        let content = words_between(doc, he, t.s());
        !f.speech
            || f.ptype == "CONSULT"
            || t.e() <= hs
            || content.len() <= 2
            || !content
                .iter()
                .any(|w| matches!(w.as_str(), "that" | "to" | "for" | "into" | "against"))
    };
    let clause_times: Vec<usize> = clause_times.into_iter().filter(|&i| said_on(i)).collect();
    let seg_times: Vec<usize> = clause_times
        .iter()
        .copied()
        .filter(|&i| doc.times[i].span.s() >= clause_start && doc.times[i].span.e() <= seg_end)
        .collect();
    // the most precise date of the clause: "In early May 2017, ... capturing the airbase late on 12 May" is 12 May
    // the date nearest the trigger; a day inside it is finer ("In early May 2017, ... capturing the airbase late on 12 May")
    let pick = |set: &[usize]| {
        let usable: Vec<usize> = set
            .iter()
            .copied()
            .filter(|&i| doc.times[i].start.is_some() || doc.times[i].rel_days.is_some())
            .collect();
        let dist = |i: usize| {
            let t = doc.times[i].span;
            if t.e() <= hs {
                hs - t.e()
            } else {
                t.s().saturating_sub(he)
            }
        };
        let nearest = usable.iter().copied().min_by_key(|&i| dist(i))?;
        let n = &doc.times[nearest];
        let coarse = matches!(
            n.precision,
            sitrep_core::Precision::Month
                | sitrep_core::Precision::Year
                | sitrep_core::Precision::Span
        );
        if coarse
            && let (Some(a), Some(b)) = (n.start, n.end)
            && let Some(finer) = usable.iter().copied().find(|&i| {
                let t = &doc.times[i];
                i != nearest
                    && matches!(
                        t.precision,
                        sitrep_core::Precision::Day | sitrep_core::Precision::Time
                    )
                    && t.start.is_some_and(|d| d >= a && d <= b)
            })
        {
            return Some(finer);
        }
        Some(nearest)
    };
    // a date that opens the sentence ("On 15 August 2016, after heavy shelling, rebels stormed ...") covers all of it
    let opening: Vec<usize> = clause_times
        .iter()
        .copied()
        .filter(|&i| doc.times[i].span.s() <= sent.s() + 40 && !doc.times[i].relative_to_event)
        .collect();
    f.time = pick(&seg_times).or_else(|| {
        if !seg_times.is_empty() {
            None
        } else {
            pick(&opening).or_else(|| {
                if clause_start <= sent.s() + 2 {
                    pick(&clause_times)
                } else {
                    None
                }
            })
        }
    });
    f.clock = clause_times
        .iter()
        .copied()
        .find(|&i| doc.times[i].clock.is_some());
    if !f.speech {
        f.counts = (0..doc.counts.len())
            .filter(|&i| {
                doc.counts[i].span.s() >= clause_start && doc.counts[i].span.e() <= seg_end
            })
            .collect();
        f.weapons = (0..doc.weapons.len())
            .filter(|&i| sent.contains(doc.weapons[i].span) && !doc.weapons[i].name.is_empty())
            .collect();
        if f.mode.is_none() && f.ptype == "ASSAULT" {
            f.mode = doc
                .weapons
                .iter()
                .filter(|w| w.span.s() >= clause_start && w.span.e() <= seg_end)
                .find_map(|w| w.mode.clone());
        }
    }
    let _ = ActorKind::Agent;
}

/// The first actor in `cands` and those coordinated with it ("Kuwait, Jordan, and Saudi Arabia").
fn coordinated(doc: &Doc, cands: &[usize], from: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let Some(&first) = cands.first() else {
        return out;
    };
    let _ = from;
    out.push(first);
    let mut last_end = doc.actors[first].span.e();
    for &i in &cands[1..] {
        let gap = doc.text[last_end..doc.actors[i].span.s()].trim();
        if matches!(gap, "," | "and" | ", and" | "or" | ", or" | "&") {
            out.push(i);
            last_end = doc.actors[i].span.e();
        } else {
            break;
        }
    }
    out
}

/// Actors coordinated right before the trigger ("Turkish-backed forces and the SDF clashed").
fn coordinated_back(doc: &Doc, before: &[usize]) -> Vec<usize> {
    let mut out = Vec::new();
    let Some(&last) = before.last() else {
        return out;
    };
    out.push(last);
    let mut first_start = doc.actors[last].span.s();
    for &i in before.iter().rev().skip(1) {
        let gap = doc.text[doc.actors[i].span.e()..first_start].trim();
        if matches!(gap, "," | "and" | ", and") {
            out.push(i);
            first_start = doc.actors[i].span.s();
        } else {
            break;
        }
    }
    out.reverse();
    out
}
