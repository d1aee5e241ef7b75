//! From frames to events within one document: coreference, parent and
//! child events, date and time resolution, the record.

use crate::frames::Frame;
use sitrep_annotate::times::{utc_from_offset, utc_from_zone};
use sitrep_core::record::{
    Actor, Claim, DateRange, Disagreement, Event, Evidence, Location, Qualifier, Quantity, Source,
    relation,
};
use sitrep_core::{BlockKind, CharIndex, CountKind, Day, Doc, PlaceKind, Span};
use sitrep_lexicon::Lexicon;
use std::collections::BTreeMap;

#[derive(Clone, Debug, Default)]
struct Ev {
    ptype: String,
    mode: Option<String>,
    parent: Option<usize>,
    actors: Vec<usize>,
    targets: Vec<usize>,
    places: Vec<usize>,
    date: Option<(Day, Day, Span)>,
    /// the date is a span read from "the week before"-style wording, or a heading
    date_weak: bool,
    time_utc: Option<(String, Span)>,
    qty: BTreeMap<String, Vec<(Quantity, Span)>>,
    weapons: Vec<usize>,
    sentences: Vec<usize>,
    triggers: Vec<Span>,
    aggregate: bool,
    speech: bool,
    /// the clock time of the frame that gave the event its time, if any
    clock: Option<usize>,
}

fn countries_of_places(doc: &Doc, places: &[usize]) -> Vec<String> {
    let mut v: Vec<String> = places
        .iter()
        .filter_map(|&i| doc.places[i].country.clone())
        .collect();
    v.sort();
    v.dedup();
    v
}

fn countries_of_actors(doc: &Doc, actors: &[usize]) -> Vec<String> {
    let mut v: Vec<String> = actors
        .iter()
        .filter_map(|&i| doc.actors[i].country.clone())
        .collect();
    v.sort();
    v.dedup();
    v
}

fn specific(doc: &Doc, places: &[usize]) -> Vec<usize> {
    places
        .iter()
        .copied()
        .filter(|&i| doc.places[i].kind != PlaceKind::Country)
        .collect()
}

fn disjoint(a: &[String], b: &[String]) -> bool {
    !a.is_empty() && !b.is_empty() && !a.iter().any(|x| b.contains(x))
}

/// How a frame relates to an existing event.
#[derive(PartialEq, Eq, Debug)]
enum Rel {
    Conflict,
    Same,
    Child,
}

fn relate(doc: &Doc, ev: &Ev, f: &Frame, fdate: Option<(Day, Day)>) -> Rel {
    // a mention pointing back ("killed by the airstrikes on 4 February") may carry another event's date
    let fdate = if f.anaphoric { None } else { fdate };
    if ev.ptype != f.ptype || ev.aggregate {
        return Rel::Conflict;
    }
    // a seizure and an arrest are two acts
    if ev.ptype == "COERCE" && ev.mode.is_some() && f.mode.is_some() && ev.mode != f.mode {
        return Rel::Conflict;
    }
    let ea = countries_of_actors(doc, &ev.actors);
    let fa = countries_of_actors(doc, &f.actors);
    if disjoint(&ea, &fa) {
        return Rel::Conflict;
    }
    let ep = countries_of_places(doc, &ev.places);
    let fp = countries_of_places(doc, &f.places);
    let casualties = f.counts.iter().any(|&i| {
        matches!(
            doc.counts[i].kind,
            CountKind::Fatalities | CountKind::Injuries
        )
    });
    if (casualties || !f.anaphoric) && disjoint(&ep, &fp) {
        return Rel::Conflict;
    }
    if let (Some((a, b, _)), Some((c, d))) = (ev.date, fdate)
        && (d < a || c > b)
    {
        return Rel::Conflict;
    }
    // undated talk of "attacks" in general is not the attack of one day
    if ev.date.is_none()
        && fdate.is_some_and(|(c, d)| c == d)
        && !f.anaphoric
        && ev.triggers.first().is_some_and(|&t| plural_noun(doc, t))
    {
        return Rel::Conflict;
    }
    let es = specific(doc, &ev.places);
    let fs = specific(doc, &f.places);
    if !fs.is_empty() && !es.is_empty() {
        let same = fs
            .iter()
            .any(|&i| es.iter().any(|&j| same_place(doc, i, j)));
        return if same { Rel::Same } else { Rel::Conflict };
    }
    let f_casualties = f.counts.iter().any(|&i| {
        matches!(
            doc.counts[i].kind,
            CountKind::Fatalities | CountKind::Injuries
        )
    });
    let e_multi = ep.len() > 1;
    if ev.parent.is_none() && e_multi && (!fs.is_empty() || (f_casualties && fp.len() == 1)) {
        return Rel::Child;
    }
    // a named place next to a site known only by its country is another site of the same operation
    if ev.parent.is_some() && es.is_empty() && !fs.is_empty() {
        return Rel::Child;
    }
    Rel::Same
}

/// An event noun in the plural ("attacks", "airstrikes").
fn plural_noun(doc: &Doc, t: Span) -> bool {
    doc.triggers
        .iter()
        .find(|m| m.span == t)
        .is_some_and(|m| m.pos == sitrep_core::TriggerPos::Noun)
        && doc.slice(t).ends_with('s')
}

fn same_place(doc: &Doc, i: usize, j: usize) -> bool {
    let (a, b) = (&doc.places[i], &doc.places[j]);
    a.name == b.name
}

/// The date heading in force at a byte offset ("7 February" until the next heading).
fn heading_date(doc: &Doc, pos: u32) -> Option<(Day, Day, Span)> {
    let mut current = None;
    for b in &doc.blocks {
        if b.span.start > pos {
            break;
        }
        if b.kind == BlockKind::Heading {
            current = doc
                .times
                .iter()
                .find(|t| b.span.contains(t.span) && t.start.is_some())
                .map(|t| {
                    (
                        t.start.unwrap_or(Day { y: 0, m: 1, d: 1 }),
                        t.end.or(t.start).unwrap_or(Day { y: 0, m: 1, d: 1 }),
                        t.span,
                    )
                });
        }
    }
    current
}

pub fn assemble(doc: &Doc, lex: &Lexicon, frames: Vec<Frame>) -> Vec<Event> {
    let mut evs: Vec<Ev> = Vec::new();
    let authors = title_actors(doc);
    // title frames last: they only add sources
    let (titles, body): (Vec<Frame>, Vec<Frame>) = frames.into_iter().partition(|f| f.title);
    let mut last_in_sentence: Option<(usize, usize)> = None; // (sentence, event)
    let mut para_date: Option<(u32, (Day, Day, Span))> = None;
    let mut last_day: Option<Day> = None;
    for f in body.iter().chain(titles.iter()) {
        let sent = doc.sentences[f.sent];
        // the frame's own date
        let mut fdate: Option<(Day, Day, Span)> = None;
        let mut date_weak = false;
        if let Some(ti) = f.time {
            let t = &doc.times[ti];
            if let Some((a, b)) = t.rel_days {
                // the event it is compared with: the one just coded in this sentence, else the last dated mention before it
                let anchor = last_in_sentence
                    .filter(|(s, _)| *s == f.sent)
                    .and_then(|(_, e)| evs[e].date.map(|d| d.0))
                    .or(last_day);
                if let Some(ad) = anchor {
                    fdate = Some((ad.plus_days(a as i64), ad.plus_days(b as i64), t.span));
                    date_weak = a != b;
                }
            } else if let (Some(s), Some(e)) = (t.start, t.end.or(t.start)) {
                fdate = Some((s, e, t.span));
                date_weak = t.inferred_year && t.start != t.end;
            } else if let (Some(s), None) = (t.start, t.end) {
                fdate = Some((s, s, t.span));
            }
        }
        let has_own_date = fdate.is_some();
        if let Some((a, b, _)) = fdate
            && a == b
        {
            last_day = Some(a);
        }
        if let Some(d) = fdate {
            para_date = Some((sent.block, d));
        } else if !f.title && !f.anaphoric {
            // the date in force: an earlier sentence of the same paragraph, else the date heading
            fdate = para_date
                .filter(|(b, _)| *b == sent.block)
                .map(|(_, d)| d)
                .or_else(|| heading_date(doc, sent.span.start));
        }
        let facts = f.places.iter().any(|&p| doc.places[p].antecedent.is_none())
            || has_own_date
            || !f.counts.is_empty()
            || !f.weapons.is_empty();
        let aggregate = f.counts.iter().any(|&i| {
            doc.counts[i].kind == CountKind::Other("attacks".into()) && doc.counts[i].qty.value > 10
        }) || f.time.is_some_and(|ti| {
            doc.times[ti].precision == sitrep_core::Precision::Span
                && !doc.times[ti].span.is_empty()
                && doc
                    .slice(doc.times[ti].span)
                    .to_lowercase()
                    .starts_with("since")
        });
        let fd = fdate.map(|(a, b, _)| (a, b));

        let target_ev: Option<(usize, Rel)> = if f.speech {
            // the same speaker and act in the sentences just before
            evs.iter()
                .rposition(|e| {
                    e.speech
                        && e.ptype == f.ptype
                        && e.sentences.last().is_some_and(|&s| f.sent <= s + 2)
                        && !f.actors.is_empty()
                        && e.actors.iter().any(|&a| {
                            f.actors
                                .iter()
                                .any(|&b| doc.actors[a].canonical == doc.actors[b].canonical)
                        })
                })
                .map(|i| (i, Rel::Same))
        } else {
            let block = sent.block;
            let in_block = |e: &Ev| e.sentences.iter().any(|&s| doc.sentences[s].block == block);
            let related: Vec<(usize, Rel)> = evs
                .iter()
                .enumerate()
                .rev()
                .filter_map(|(i, e)| {
                    if e.aggregate && f.anaphoric && e.ptype == f.ptype && in_block(e) {
                        return Some((i, Rel::Same));
                    }
                    let r = relate(doc, e, f, fd);
                    (r != Rel::Conflict).then_some((i, r))
                })
                .collect();
            if f.anaphoric || !facts {
                // a mention pointing back: the event of its paragraph, else the report's main event
                let local = related.iter().position(|(i, _)| in_block(&evs[*i]));
                let main = related.iter().position(|(i, _)| {
                    evs[*i].parent.is_none()
                        && !evs[*i].aggregate
                        && Some(*i)
                            == evs.iter().position(|e| {
                                e.ptype == f.ptype && e.parent.is_none() && !e.aggregate
                            })
                });
                local
                    .or(main)
                    .or(if related.is_empty() { None } else { Some(0) })
                    .and_then(|k| related.into_iter().nth(k))
            } else {
                related.into_iter().next()
            }
        };
        // a pointer back with facts of its own about one place of an operation is that place's event,
        // unless the sentence is about another act ("a funeral was held for militiamen killed by the airstrikes")
        let background = body.iter().any(|o| {
            o.sent == f.sent
                && !o.speech
                && o.ptype != f.ptype
                && o.triggers.first() < f.triggers.first()
        }) || body
            .iter()
            .any(|o| o.sent == f.sent && !o.speech && o.ptype != f.ptype && o.ptype == "PROTEST");
        let attach_only = f.title || (f.anaphoric && (background || f.counts.is_empty())) || !facts;
        if std::env::var_os("SITREP_DEBUG").is_some() {
            eprintln!(
                "frame s{} {} anaph={} facts={} actors={:?} places={:?} date={:?} -> {:?}",
                f.sent,
                f.ptype,
                f.anaphoric,
                facts,
                f.actors
                    .iter()
                    .map(|&i| doc.slice(doc.actors[i].span))
                    .collect::<Vec<_>>(),
                f.places
                    .iter()
                    .map(|&i| doc.slice(doc.places[i].span))
                    .collect::<Vec<_>>(),
                fdate.map(|d| (d.0.iso(), d.1.iso())),
                target_ev.as_ref().map(|(i, r)| (*i + 1, format!("{r:?}")))
            );
        }
        let chosen = match target_ev {
            Some((i, Rel::Same)) if attach_only || !f.speech => {
                Some(merge(doc, &mut evs, i, f, fdate))
            }
            Some((i, Rel::Child)) if !attach_only => {
                let parent = evs[i].parent.unwrap_or(i);
                let mut e = new_ev(doc, f, fdate, date_weak, aggregate);
                e.parent = Some(parent);
                let p = evs[parent].clone();
                if e.actors.is_empty() {
                    e.actors = p.actors.clone();
                }
                if e.date.is_none() || !has_own_date {
                    e.date = p.date;
                }
                if e.mode.is_none() {
                    e.mode = p.mode.clone();
                }
                evs.push(e);
                Some(evs.len() - 1)
            }
            Some((i, Rel::Child)) => Some(merge(doc, &mut evs, i, f, fdate)),
            _ => {
                let pointer_back =
                    f.anaphoric && (!facts || evs.iter().any(|e| e.ptype == f.ptype));
                // the report's own voice ("we call for ...") has its authors as actors
                let own_voice = f.speech && first_person(doc, f.sent) && !authors.is_empty();
                let nothing_to_say = !own_voice
                    && ((f.weak
                        && f.actors.is_empty()
                        && f.targets.is_empty()
                        && f.places.is_empty())
                        || (!facts && f.actors.is_empty() && f.targets.is_empty()));
                if f.title || pointer_back || nothing_to_say {
                    None
                } else {
                    evs.push(new_ev(doc, f, fdate, date_weak, aggregate));
                    Some(evs.len() - 1)
                }
            }
        };
        if let Some(c) = chosen {
            last_in_sentence = Some((f.sent, c));
            // "condemned the attacks": the target is who attacked
            if evs[c].speech && f.about_event && evs[c].targets.is_empty() {
                // the report's main event: the operation most sentences speak of
                let referred = evs
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| {
                        e.ptype == "ASSAULT"
                            && !e.actors.is_empty()
                            && e.parent.is_none()
                            && !e.aggregate
                    })
                    .max_by_key(|(i, e)| (e.sentences.len(), std::cmp::Reverse(*i)))
                    .map(|(i, _)| i);
                if let Some(r) = referred {
                    evs[c].targets = evs[r].actors.clone();
                }
            }
        }
    }
    // an act the sentence does not place happened where the narrative is
    for e in evs.iter_mut() {
        if e.places.is_empty()
            && !e.speech
            && e.ptype != "SANCTION"
            && let Some(p) = place_in_force(doc, e.sentences[0], domestic_country(doc, e))
        {
            e.places.push(p);
        }
    }
    // a clock time read before the place was known
    for e in evs.iter_mut() {
        if e.time_utc.is_none() && e.clock.is_some() {
            e.time_utc = frame_time(doc, e.clock, e);
        }
    }
    // clock times: "local time" takes the zone of the event's place
    let mut out = Vec::new();
    let ix = CharIndex::new(&doc.text);
    for (n, e) in evs.iter().enumerate() {
        out.push(record(doc, lex, &ix, &evs, n, e));
    }
    out
}

/// Where the narrative stands at a sentence that names no place: the last
/// town or site named earlier in its paragraph, else in the section heading
/// above it, else the place the report is about (the one it names most),
/// else the actor's own country for acts done at home (`domestic`), else the
/// country the report names most.
fn place_in_force(doc: &Doc, sent: usize, domestic: Option<&str>) -> Option<usize> {
    let s = doc.sentences[sent];
    let block = doc.blocks[s.block as usize].span;
    let specific = |i: usize| {
        matches!(
            doc.places[i].kind,
            PlaceKind::Locality | PlaceKind::Facility
        )
    };
    let before: Vec<usize> = (0..doc.places.len())
        .filter(|&i| doc.places[i].span.e() <= s.span.s())
        .collect();
    if let Some(&i) = before
        .iter()
        .rev()
        .find(|&&i| specific(i) && block.contains(doc.places[i].span))
    {
        return Some(i);
    }
    // the nearest heading above the paragraph
    let heading = doc.blocks[..s.block as usize]
        .iter()
        .rev()
        .take_while(|b| b.kind != BlockKind::Title)
        .find(|b| b.kind == BlockKind::Heading);
    if let Some(h) = heading
        && let Some(&i) = before
            .iter()
            .rev()
            .find(|&&i| specific(i) && h.span.contains(doc.places[i].span))
    {
        return Some(i);
    }
    // the report's main place, then its main country
    let most = |pred: &dyn Fn(usize) -> bool| -> Option<usize> {
        let mut tally: Vec<(usize, usize)> = Vec::new(); // (latest mention, count)
        for i in (0..doc.places.len()).filter(|&i| pred(i)) {
            let p = &doc.places[i];
            match tally
                .iter_mut()
                .find(|(j, _)| doc.places[*j].name == p.name && doc.places[*j].country == p.country)
            {
                Some(t) => t.1 += 1,
                None => tally.push((i, 1)),
            }
        }
        tally
            .into_iter()
            .max_by_key(|&(i, n)| (n, std::cmp::Reverse(i)))
            .filter(|&(_, n)| n >= 2)
            .map(|(i, _)| i)
    };
    most(&specific).or_else(|| {
        // an arrest or a protest happens at home: a mention of the actor's country
        domestic
            .and_then(|c| {
                (0..doc.places.len()).find(|&i| {
                    doc.places[i].kind == PlaceKind::Country
                        && doc.places[i].country.as_deref() == Some(c)
                })
            })
            .or_else(|| most(&|i| doc.places[i].kind == PlaceKind::Country))
    })
}

/// For acts a state does at home (arrests, seizures, protests), its country.
fn domestic_country<'d>(doc: &'d Doc, e: &Ev) -> Option<&'d str> {
    if e.ptype != "COERCE" && e.ptype != "PROTEST" {
        return None;
    }
    e.actors
        .iter()
        .find_map(|&a| doc.actors[a].country.as_deref())
}

/// Is the head of a speech frame in the future or with a modal ("will
/// continue to", "will not hesitate to"), outside quotations?
fn future_or_modal(doc: &Doc, f: &Frame) -> bool {
    let Some(&t) = f.triggers.first() else {
        return false;
    };
    let s = doc.sentences[f.sent];
    let toks = &doc.tokens[s.tok_start as usize..s.tok_end as usize];
    let at = toks.partition_point(|x| x.span.s() < t.s());
    let modal = |w: &str| {
        matches!(
            w.to_lowercase().as_str(),
            "will" | "would" | "shall" | "must"
        )
    };
    !doc.in_quote(t)
        && (doc.slice(t).split_whitespace().next().is_some_and(modal)
            || toks[at.saturating_sub(4)..at]
                .iter()
                .any(|x| modal(doc.slice(x.span))))
}

/// Does the sentence speak in the first person, outside quotations?
fn first_person(doc: &Doc, sent: usize) -> bool {
    let s = doc.sentences[sent];
    doc.tokens[s.tok_start as usize..s.tok_end as usize]
        .iter()
        .any(|t| {
            matches!(
                doc.slice(t.span),
                "I" | "we" | "We" | "our" | "Our" | "my" | "My"
            ) && !doc.in_quote(t.span)
        })
}

/// Who speaks in a report: the actors its title names after "Statement
/// from", "Remarks by", ... and before what it is about ("Statement from
/// President Joe Biden on Coalition Strikes" is Biden's; "A Joint Statement
/// from the Governments of the United States, Australia, ..." is theirs).
fn title_actors(doc: &Doc) -> Vec<usize> {
    let Some(title) = doc.blocks.first().filter(|b| b.kind == BlockKind::Title) else {
        return vec![];
    };
    let t = doc.slice(title.span).to_lowercase();
    let Some(from) = [
        "statement from ",
        "statement by ",
        "statement of ",
        "remarks by ",
        "remarks of ",
        "readout of ",
        "message from ",
    ]
    .iter()
    .filter_map(|c| t.find(c).map(|i| i + c.len()))
    .min() else {
        return vec![];
    };
    let until = [
        " on ",
        " regarding ",
        " concerning ",
        " about ",
        " in response ",
        " following ",
    ]
    .iter()
    .filter_map(|c| t[from..].find(c).map(|i| from + i))
    .min()
    .unwrap_or(t.len());
    let (a, b) = (title.span.s() + from, title.span.s() + until);
    (0..doc.actors.len())
        .filter(|&i| {
            let x = &doc.actors[i];
            x.span.s() >= a
                && x.span.e() <= b
                && matches!(
                    x.kind,
                    sitrep_core::ActorKind::Person
                        | sitrep_core::ActorKind::Org
                        | sitrep_core::ActorKind::Country
                )
        })
        .collect()
}

fn new_ev(
    doc: &Doc,
    f: &Frame,
    fdate: Option<(Day, Day, Span)>,
    date_weak: bool,
    aggregate: bool,
) -> Ev {
    let mut e = Ev {
        ptype: f.ptype.clone(),
        mode: f.mode.clone(),
        actors: f.actors.clone(),
        targets: f.targets.clone(),
        places: f.places.clone(),
        date: fdate,
        date_weak,
        weapons: f.weapons.clone(),
        sentences: vec![f.sent],
        triggers: f.triggers.clone(),
        aggregate,
        speech: f.speech,
        ..Ev::default()
    };
    // a threat or promise the report itself makes ("the U.S. government will continue to
    // impose costs"): made on the day it was published
    if f.speech
        && f.time.is_none()
        && future_or_modal(doc, f)
        && let Some(p) = doc.meta.published.as_deref().and_then(Day::parse)
    {
        let sp = doc.sentences[f.sent].span;
        e.date = Some((p, p, sp));
    }
    if f.speech && first_person(doc, f.sent) {
        // the report's own voice ("We call on ...", "I commend ..."): said on the day it was published, by its author
        if e.date.is_none()
            && let Some(p) = doc.meta.published.as_deref().and_then(Day::parse)
        {
            let sp = doc.sentences[f.sent].span;
            e.date = Some((p, p, sp));
        }
        if e.actors.is_empty() {
            e.actors = title_actors(doc);
        }
    }
    add_quantities(doc, &mut e, f);
    e.clock = f.clock;
    e.time_utc = frame_time(doc, f.clock, &e);
    e
}

fn add_quantities(doc: &Doc, e: &mut Ev, f: &Frame) {
    if e.ptype != "ASSAULT" && e.ptype != "COERCE" && e.ptype != "PROTEST" {
        return;
    }
    for &ci in &f.counts {
        let c = &doc.counts[ci];
        let key = match &c.kind {
            CountKind::Fatalities => "fatalities".to_string(),
            CountKind::Injuries => "injuries".to_string(),
            CountKind::Other(k) => k.clone(),
        };
        let list = e.qty.entry(key).or_default();
        if !list
            .iter()
            .any(|(q, s)| q.same_claim(&c.qty) && *s == c.span)
        {
            list.push((c.qty.clone(), c.span));
        }
    }
}

fn merge(doc: &Doc, evs: &mut [Ev], i: usize, f: &Frame, fdate: Option<(Day, Day, Span)>) -> usize {
    let e = &mut evs[i];
    if !e.sentences.contains(&f.sent) {
        e.sentences.push(f.sent);
    }
    e.triggers.extend(f.triggers.iter().copied());
    if e.mode.is_none() {
        e.mode = f.mode.clone();
    }
    if e.actors.is_empty() {
        e.actors = f.actors.clone();
    }
    if e.targets.is_empty() {
        e.targets = f.targets.clone();
    }
    if e.places.is_empty() && !f.anaphoric {
        e.places = f.places.clone();
    } else {
        // a more specific place of the same event ("Tower 22" after "Jordan")
        let ec = countries_of_places(doc, &e.places);
        for &p in &f.places {
            let pl = &doc.places[p];
            if pl.kind != PlaceKind::Country
                && pl.country.as_ref().is_some_and(|c| ec.contains(c))
                && specific(doc, &e.places).is_empty()
                && e.parent.is_none()
                && ec.len() == 1
            {
                e.places.insert(0, p);
            }
        }
    }
    match (e.date, fdate) {
        (None, Some(d)) => {
            e.date = Some(d);
        }
        (Some((a, b, _)), Some((c, d, sp)))
            if (a != b || e.date_weak) && c == d && c >= a && d <= b =>
        {
            e.date = Some((c, d, sp));
            e.date_weak = false;
        }
        _ => {}
    }
    for &w in &f.weapons {
        if !e
            .weapons
            .iter()
            .any(|&x| doc.weapons[x].name == doc.weapons[w].name)
        {
            e.weapons.push(w);
        }
    }
    add_quantities(doc, e, f);
    if e.time_utc.is_none() {
        let snapshot = e.clone();
        if e.clock.is_none() {
            e.clock = f.clock;
        }
        e.time_utc = frame_time(doc, f.clock, &snapshot);
    }
    i
}

/// The UTC instant of a frame's clock time, given the event's date and place.
fn frame_time(doc: &Doc, clock: Option<usize>, e: &Ev) -> Option<(String, Span)> {
    let t = &doc.times[clock?];
    if let Some(u) = &t.time_utc {
        return Some((u.clone(), t.span));
    }
    let (h, m) = t.clock?;
    let day = match t.start {
        Some(d) => d,
        None => {
            let (a, b, _) = e.date?;
            if a == b {
                a
            } else if b == a.plus_days(1) {
                // a night across two days: the evening is the first, the small hours the second
                if h >= 12 { a } else { b }
            } else {
                return None;
            }
        }
    };
    if let Some(off) = t.offset_min {
        return Some((utc_from_offset(day, h, m, off), t.span));
    }
    // "10:00 Kyiv time": the zone of the place named
    let after = t.span.e();
    if let Some(p) = doc.places.iter().find(|p| {
        p.span.s() >= after
            && p.span.s() <= after + 2
            && doc.text[p.span.e()..]
                .trim_start()
                .to_lowercase()
                .starts_with("time")
    }) && let Some(tz) = &p.tz
    {
        return utc_from_zone(day, h, m, tz).map(|u| (u, t.span));
    }
    // "local time", or a clock time with no zone at all: the codebook reads it as the time
    // where the event happened
    let tz = e
        .places
        .iter()
        .filter(|&&p| doc.places[p].kind != PlaceKind::Country)
        .chain(e.places.iter())
        .find_map(|&p| doc.places[p].tz.clone())?;
    utc_from_zone(day, h, m, &tz).map(|u| (u, t.span))
}

fn evidence(doc: &Doc, ix: &CharIndex, sp: Span) -> Evidence {
    Evidence {
        doc: doc.id.clone(),
        start: ix.char_of(sp.s()),
        end: ix.char_of(sp.e()),
        text: doc.slice(sp).to_string(),
    }
}

fn actor_rec(doc: &Doc, ix: &CharIndex, i: usize) -> Actor {
    let a = &doc.actors[i];
    Actor {
        name: doc.slice(a.span).to_string(),
        country: a.country.clone(),
        canonical: Some(a.canonical.clone()),
        sector: a.sector.clone(),
        ident: a.ident.clone(),
        evidence: Some(evidence(doc, ix, a.span)),
    }
}

fn record(doc: &Doc, lex: &Lexicon, ix: &CharIndex, evs: &[Ev], n: usize, e: &Ev) -> Event {
    let id = format!("{}#{}", doc.id, n + 1);
    let mut actors: Vec<Actor> = Vec::new();
    for &a in &e.actors {
        let r = actor_rec(doc, ix, a);
        if !actors.iter().any(|x| x.name == r.name) {
            actors.push(r);
        }
    }
    let mut targets: Vec<Actor> = Vec::new();
    for &a in &e.targets {
        let r = actor_rec(doc, ix, a);
        if !targets.iter().any(|x| x.name == r.name) && !actors.iter().any(|x| x.name == r.name) {
            targets.push(r);
        }
    }
    // unnamed crowds, residents and civilians belong to the country they are in
    let pc = countries_of_places(doc, &e.places);
    if pc.len() == 1 {
        let civilian = |a: &Actor| {
            matches!(
                a.sector.as_deref(),
                Some("civilians" | "protesters" | "refugees")
            )
        };
        for a in actors.iter_mut().chain(targets.iter_mut()) {
            if a.country.is_none() && (civilian(a) || e.ptype == "PROTEST") {
                a.country = pc.first().cloned();
            }
        }
    }
    let mut places: Vec<usize> = e.places.clone();
    places.sort_by_key(|&p| {
        let k = match doc.places[p].kind {
            PlaceKind::Facility => 0,
            PlaceKind::Locality => 1,
            PlaceKind::Admin1 => 2,
            PlaceKind::Country => 3,
        };
        (doc.places[p].near as u8, k, doc.places[p].span.start)
    });
    let mut locations: Vec<Location> = Vec::new();
    for p in places {
        let pl = &doc.places[p];
        let gazetteer_name =
            (pl.kind != PlaceKind::Country && pl.geonameid.is_some()).then(|| pl.name.clone());
        let written = doc.slice(pl.antecedent.unwrap_or(pl.span)).to_string();
        let name = (pl.kind != PlaceKind::Country).then_some(written);
        if locations.iter().any(|l| {
            l.country == pl.country
                && (l.name == name
                    || (gazetteer_name.is_some() && l.gazetteer_name == gazetteer_name))
        }) {
            continue;
        }
        locations.push(Location {
            name,
            gazetteer_name,
            country: pl.country.clone(),
            admin1: pl.admin1.clone(),
            lat: pl.lat,
            lon: pl.lon,
            precision: if pl.near {
                "near".into()
            } else {
                match pl.kind {
                    PlaceKind::Country => "country".into(),
                    PlaceKind::Admin1 => "admin1".into(),
                    _ => "exact".into(),
                }
            },
            geonameid: pl.geonameid,
            evidence: Some(evidence(doc, ix, pl.span)),
        });
    }
    let mut fatalities = None;
    let mut injuries = None;
    let mut counts = BTreeMap::new();
    let mut disagreements = Vec::new();
    for (k, list) in &e.qty {
        let mut claims: Vec<&(Quantity, Span)> = Vec::new();
        for c in list {
            if !claims.iter().any(|x| x.0.same_claim(&c.0)) {
                claims.push(c);
            }
        }
        let Some(first) = claims.first() else {
            continue;
        };
        let mut q = first.0.clone();
        q.evidence = Some(evidence(doc, ix, first.1));
        if claims.len() > 1 {
            let field = if k == "fatalities" || k == "injuries" {
                k.clone()
            } else {
                format!("counts.{k}")
            };
            disagreements.push(Disagreement {
                field,
                relation: relation(&claims.iter().map(|c| &c.0).collect::<Vec<_>>()),
                claims: claims
                    .iter()
                    .map(|(q, sp)| Claim {
                        doc: doc.id.clone(),
                        value: q.value.into(),
                        qualifier: (q.qualifier != Qualifier::Exact)
                            .then(|| q.qualifier.as_str().to_string()),
                        min: q.min,
                        max: q.max,
                        sentence: doc
                            .sentence_at(sp.start)
                            .map(|s| doc.slice(doc.sentences[s].span).to_string()),
                    })
                    .collect(),
            });
        }
        match k.as_str() {
            "fatalities" => fatalities = Some(q),
            "injuries" => injuries = Some(q),
            "casualties" | "people" => {}
            _ => {
                counts.insert(k.clone(), q);
            }
        }
    }
    let mut weapons: Vec<String> = Vec::new();
    for &w in &e.weapons {
        let name = doc.weapons[w].name.clone();
        if !weapons.contains(&name) {
            weapons.push(name);
        }
    }
    let mut sentences = e.sentences.clone();
    sentences.sort();
    let sources = sentences
        .iter()
        .map(|&s| {
            let sp = doc.sentences[s].span;
            Source {
                doc: doc.id.clone(),
                sentence: doc.slice(sp).to_string(),
                start: ix.char_of(sp.s()),
                end: ix.char_of(sp.e()),
            }
        })
        .collect();
    let mapping = lex.mapping(&e.ptype, e.mode.as_deref());
    let civilians = targets
        .iter()
        .any(|t| t.sector.as_deref() == Some("civilians"));
    let (acled_t, acled_s) = match mapping {
        Some(m) if civilians && m.acled_civ.is_some() => m
            .acled_civ
            .clone()
            .map_or((None, None), |(a, b)| (Some(a), Some(b))),
        Some(m) => (m.acled_type.clone(), m.acled_sub.clone()),
        None => (None, None),
    };
    let _ = evs;
    Event {
        id,
        parent: e.parent.map(|p| format!("{}#{}", doc.id, p + 1)),
        etype: e.ptype.clone(),
        mode: e.mode.clone(),
        cameo: mapping.and_then(|m| m.cameo.clone()),
        acled_event_type: acled_t,
        acled_sub_event_type: acled_s,
        date: DateRange {
            start: e.date.map(|d| d.0.iso()),
            end: e.date.map(|d| d.1.iso()),
        },
        time_utc: e.time_utc.as_ref().map(|t| t.0.clone()),
        actors,
        targets,
        locations,
        fatalities,
        injuries,
        counts,
        weapons,
        sources,
        disagreements,
        copies: vec![],
        triggers: e.triggers.iter().map(|&t| evidence(doc, ix, t)).collect(),
    }
}
