//! sitrep's linguistic knowledge, loaded from `data/` and compiled.
//!
//! Nothing here knows about documents: this crate turns the data files
//! (trigger lexicon, actor dictionaries, gazetteer, number and time words)
//! into lookup structures: [`Dict`] automata for phrases, compiled when the
//! lexicon is built, and the [`Gazetteer`], compiled by `build.rs` into a
//! compact index that is read in place. The principal type is [`Lexicon`];
//! [`Lexicon::embedded`] gives the default data compiled into the binary,
//! built once.
//!
//! Every data file is tab-separated, `#` starts a comment line, and names
//! are stored as written: folding ([`sitrep_core::fold`]) happens here, the
//! same way for patterns and text.
#![deny(missing_docs)]

mod dict;
pub mod gazetteer;

pub use dict::{Dict, Hit};
pub use gazetteer::{CountryRef, Gazetteer, GazetteerError, GeoTables, PlaceRef, rows};
use sitrep_core::fold::fold_name;
use sitrep_core::{Day, PlaceKind};
use std::collections::HashMap;
use std::sync::OnceLock;

fn opt(s: Option<&&str>) -> Option<String> {
    s.map(|x| x.trim())
        .filter(|x| !x.is_empty())
        .map(str::to_string)
}

/// Part of speech of a trigger entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pos {
    /// Verb or verbal phrase.
    Verb,
    /// Event noun.
    Noun,
}

/// A trigger lexicon entry.
#[derive(Clone, Debug)]
pub struct TriggerEntry {
    /// PLOVER type.
    pub ptype: String,
    /// PLOVER mode, if the trigger implies one.
    pub mode: Option<String>,
    /// Part of speech.
    pub pos: Pos,
    /// A speech act: modality does not cancel it.
    pub verbal: bool,
    /// Needs an actor or target in the sentence.
    pub weak: bool,
    /// Says the act happened.
    pub realis: bool,
    /// Modality does not cancel it (threats).
    pub irrealis_ok: bool,
    /// Only without a direct object: "protesters demonstrated", not "the
    /// strike demonstrated a shared commitment".
    pub intransitive: bool,
    /// Row in the lexicon file.
    pub rule: u32,
}

/// What an actor dictionary entry names.
#[derive(Clone, Debug)]
pub struct ActorEntry {
    /// Canonical name.
    pub canonical: String,
    /// ISO3 country.
    pub country: Option<String>,
    /// Sector.
    pub sector: Option<String>,
    /// What kind of name.
    pub kind: ActorEntryKind,
    /// Identifier.
    pub ident: String,
    /// Office, for people.
    pub office: Option<String>,
    /// First and last day of the term, for office holders (either may be
    /// open).
    pub term: Option<(Option<Day>, Option<Day>)>,
    /// True when the alias is a short name in capitals ("US", "KH", "LeT")
    /// that text must write with capitals too.
    pub acronym: bool,
}

impl ActorEntry {
    /// The entry of a name for a day: the term that covers `day` (an office
    /// holder's office on the day a report speaks of), else the latest term.
    /// `entries` are the entries of one body (never empty in a [`Lexicon`]).
    pub fn pick(entries: &[ActorEntry], day: Option<Day>) -> Option<&ActorEntry> {
        if let Some(d) = day
            && let Some(e) = entries.iter().find(|e| {
                e.term
                    .is_some_and(|(s, t)| s.is_none_or(|s| s <= d) && t.is_none_or(|t| d <= t))
            })
        {
            return Some(e);
        }
        entries.iter().max_by_key(|e| e.term.and_then(|t| t.0))
    }
}

/// Kinds of actor dictionary entries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActorEntryKind {
    /// A country name or short form.
    Country,
    /// A demonym / adjective ("Iraqi").
    Demonym,
    /// A capital used for its government ("Washington").
    Capital,
    /// Named organisation or armed group.
    Org,
    /// A person.
    Person,
}

/// A sector noun ("officials", "troops").
#[derive(Clone, Debug)]
pub struct AgentEntry {
    /// Sector.
    pub sector: String,
}

/// A weapon system or mode word.
#[derive(Clone, Debug)]
pub struct WeaponEntry {
    /// Canonical name (None for generic mode words such as "drone").
    pub name: Option<String>,
    /// ASSAULT mode.
    pub mode: Option<String>,
}

/// A number word.
#[derive(Clone, Debug)]
pub struct NumberWord {
    /// Value.
    pub value: u64,
    /// `unit`, `scale`, `vague`, `article`.
    pub kind: String,
    /// Qualifier for vague words.
    pub qualifier: Option<String>,
}

/// A word that tells what a number counts.
#[derive(Clone, Debug)]
pub struct CountWord {
    /// Field (`fatalities`, `injuries`, `targets`, ...) or `-` for people nouns.
    pub field: String,
    /// `noun`, `state` or `people`.
    pub role: String,
}

/// A time word.
#[derive(Clone, Debug)]
pub struct TimeWord {
    /// `month`, `weekday`, `relative`, `zone`, `part`.
    pub class: String,
    /// Its value.
    pub value: i32,
}

/// PLOVER type and mode mapped to CAMEO and ACLED.
#[derive(Clone, Debug, Default)]
pub struct TypeMapping {
    /// CAMEO root code.
    pub cameo: Option<String>,
    /// ACLED event type.
    pub acled_type: Option<String>,
    /// ACLED sub-event type.
    pub acled_sub: Option<String>,
    /// ACLED event type when the target is civilians.
    pub acled_civ: Option<(String, String)>,
}

/// The raw data files, by name.
pub struct DataFiles<'a> {
    /// `en/triggers.tsv`
    pub triggers: &'a str,
    /// `en/cues.tsv`
    pub cues: &'a str,
    /// `en/abbreviations.txt`
    pub abbreviations: &'a str,
    /// `en/chrome.txt`
    pub chrome: &'a str,
    /// `en/numbers.tsv`
    pub numbers: &'a str,
    /// `en/hedges.tsv`
    pub hedges: &'a str,
    /// `en/count_words.tsv`
    pub count_words: &'a str,
    /// `en/time_words.tsv`
    pub time_words: &'a str,
    /// `en/weapons.tsv`
    pub weapons: &'a str,
    /// `en/mode_words.tsv`
    pub mode_words: &'a str,
    /// `en/type_map.tsv`
    pub type_map: &'a str,
    /// `actors/countries.tsv`
    pub actor_countries: &'a str,
    /// `actors/orgs.tsv`
    pub actor_orgs: &'a str,
    /// `actors/agents.tsv`
    pub actor_agents: &'a str,
    /// `actors/people.tsv`
    pub actor_people: &'a str,
    /// `actors/office_sectors.tsv`
    pub office_sectors: &'a str,
}

macro_rules! data {
    ($p:literal) => {
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/", $p))
    };
}

/// The data compiled into the binary.
pub fn embedded_files() -> DataFiles<'static> {
    DataFiles {
        triggers: data!("en/triggers.tsv"),
        cues: data!("en/cues.tsv"),
        abbreviations: data!("en/abbreviations.txt"),
        chrome: data!("en/chrome.txt"),
        numbers: data!("en/numbers.tsv"),
        hedges: data!("en/hedges.tsv"),
        count_words: data!("en/count_words.tsv"),
        time_words: data!("en/time_words.tsv"),
        weapons: data!("en/weapons.tsv"),
        mode_words: data!("en/mode_words.tsv"),
        type_map: data!("en/type_map.tsv"),
        actor_countries: data!("actors/countries.tsv"),
        actor_orgs: data!("actors/orgs.tsv"),
        actor_agents: data!("actors/agents.tsv"),
        actor_people: data!("actors/people.tsv"),
        office_sectors: data!("actors/office_sectors.tsv"),
    }
}

/// Everything the annotators and the coder look words up in.
pub struct Lexicon {
    /// Event triggers.
    pub triggers: Dict<TriggerEntry>,
    /// Cue phrases by class (negation, modal, determiner, reporting, by, target, ...).
    pub cues: Dict<String>,
    /// Abbreviations that do not end sentences (as written, without the dot).
    pub abbreviations: std::collections::HashSet<String>,
    /// Page-furniture lines: exact folded lines, and prefixes.
    pub chrome_exact: std::collections::HashSet<String>,
    /// Page-furniture line prefixes.
    pub chrome_prefix: Vec<String>,
    /// Number words.
    pub numbers: Dict<NumberWord>,
    /// Hedges.
    pub hedges: Dict<String>,
    /// Count words.
    pub count_words: Dict<CountWord>,
    /// Time words.
    pub time_words: HashMap<String, Vec<TimeWord>>,
    /// Weapons and mode words.
    pub weapons: Dict<WeaponEntry>,
    /// (type, mode) → mapping; mode "" is the type's default.
    pub type_map: HashMap<(String, String), TypeMapping>,
    /// Names of countries, organisations, people; demonyms; capitals. A
    /// name has one entry per term of office of the body it names.
    pub actors: Dict<Vec<ActorEntry>>,
    /// Sector nouns.
    pub agents: Dict<AgentEntry>,
    /// Canonical country name by ISO3.
    pub country_names: HashMap<String, String>,
    /// The gazetteer.
    pub gazetteer: Gazetteer,
}

static EMBEDDED: OnceLock<Lexicon> = OnceLock::new();

impl Lexicon {
    /// The lexicon built from the embedded data (built once per process).
    pub fn embedded() -> &'static Lexicon {
        EMBEDDED.get_or_init(|| Lexicon::build(&embedded_files(), Gazetteer::embedded()))
    }

    /// Builds a lexicon from data files and a gazetteer
    /// ([`Gazetteer::embedded`], perhaps with imported layers added).
    ///
    /// The actor automaton (22,000 names) is most of the work: it is
    /// compiled on a second thread while this one compiles the others.
    pub fn build(f: &DataFiles, gazetteer: Gazetteer) -> Lexicon {
        let t = std::time::Instant::now();
        let names = gazetteer::country_names(f.actor_countries);
        let mut lex = std::thread::scope(|sc| {
            let actors = sc.spawn(|| actor_dict(f, &names));
            let mut lex = Lexicon::build_dictionaries(f, names.clone());
            lex.actors = actors
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e));
            lex
        });
        lex.gazetteer = gazetteer;
        if std::env::var_os("SITREP_DEBUG").is_some() {
            eprintln!(
                "lexicon: dictionaries in {:.0} ms; gazetteer {} entries, {} names",
                t.elapsed().as_secs_f64() * 1000.0,
                lex.gazetteer.len(),
                lex.gazetteer.names(),
            );
        }
        lex
    }

    /// Everything but the actors and the gazetteer.
    fn build_dictionaries(f: &DataFiles, country_names: HashMap<String, String>) -> Lexicon {
        let mut trig = Vec::new();
        for (i, r) in rows(f.triggers).enumerate() {
            if r.len() < 4 {
                continue;
            }
            let flags: Vec<&str> = r
                .get(4)
                .map(|s| s.split(',').map(str::trim).collect())
                .unwrap_or_default();
            let entry = TriggerEntry {
                ptype: r[1].to_string(),
                mode: opt(r.get(2)),
                pos: if r[3] == "N" { Pos::Noun } else { Pos::Verb },
                verbal: flags.contains(&"verbal"),
                weak: flags.contains(&"weak"),
                realis: flags.contains(&"realis"),
                irrealis_ok: flags.contains(&"irrealis-ok"),
                intransitive: flags.contains(&"intransitive"),
                rule: i as u32,
            };
            for form in r[0].split('|') {
                trig.push((fold_name(form), entry.clone()));
            }
        }
        let cues = Dict::build(
            rows(f.cues)
                .filter(|r| r.len() >= 2)
                .map(|r| (fold_name(r[1]), r[0].to_string()))
                .collect(),
        );
        let abbreviations = f
            .abbreviations
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(|l| l.trim().to_string())
            .collect();
        let mut chrome_exact = std::collections::HashSet::new();
        let mut chrome_prefix = Vec::new();
        for l in f
            .chrome
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let l = l.trim();
            match l.strip_suffix('*') {
                Some(p) => chrome_prefix.push(p.to_lowercase()),
                None => {
                    chrome_exact.insert(l.to_lowercase());
                }
            }
        }
        let numbers = Dict::build(
            rows(f.numbers)
                .filter(|r| r.len() >= 3)
                .filter_map(|r| {
                    Some((
                        fold_name(r[0]),
                        NumberWord {
                            value: r[1].parse().ok()?,
                            kind: r[2].to_string(),
                            qualifier: opt(r.get(3)),
                        },
                    ))
                })
                .collect(),
        );
        let hedges = Dict::build(
            rows(f.hedges)
                .filter(|r| r.len() >= 2)
                .map(|r| (fold_name(r[0]), r[1].to_string()))
                .collect(),
        );
        let count_words = Dict::build(
            rows(f.count_words)
                .filter(|r| r.len() >= 3)
                .map(|r| {
                    (
                        fold_name(r[0]),
                        CountWord {
                            field: r[1].to_string(),
                            role: r[2].to_string(),
                        },
                    )
                })
                .collect(),
        );
        let mut time_words: HashMap<String, Vec<TimeWord>> = HashMap::new();
        for r in rows(f.time_words).filter(|r| r.len() >= 3) {
            if let Ok(v) = r[2].parse() {
                time_words
                    .entry(fold_name(r[0]))
                    .or_default()
                    .push(TimeWord {
                        class: r[1].to_string(),
                        value: v,
                    });
            }
        }
        let mut weapons = Vec::new();
        for r in rows(f.weapons).filter(|r| r.len() >= 4) {
            let e = WeaponEntry {
                name: Some(r[0].to_string()),
                mode: opt(r.get(3)),
            };
            weapons.push((fold_name(r[0]), e.clone()));
            for a in r[1].split('|').filter(|a| !a.trim().is_empty()) {
                weapons.push((fold_name(a), e.clone()));
            }
        }
        for r in rows(f.mode_words).filter(|r| r.len() >= 2) {
            weapons.push((
                fold_name(r[0]),
                WeaponEntry {
                    name: None,
                    mode: opt(r.get(1)),
                },
            ));
        }
        let weapons = Dict::build(weapons);
        let mut type_map = HashMap::new();
        for r in rows(f.type_map).filter(|r| r.len() >= 3) {
            let civ = match (r.get(5), r.get(6)) {
                (Some(a), Some(b)) if !a.is_empty() => Some((a.to_string(), b.to_string())),
                (Some(a), _) if a.contains('|') || a.contains(',') => {
                    let mut p = a.splitn(2, ['|', ',']);
                    Some((
                        p.next().unwrap_or("").trim().to_string(),
                        p.next().unwrap_or("").trim().to_string(),
                    ))
                }
                _ => None,
            };
            type_map.insert(
                (r[0].to_string(), r[1].to_string()),
                TypeMapping {
                    cameo: opt(r.get(2)),
                    acled_type: opt(r.get(3)),
                    acled_sub: opt(r.get(4)),
                    acled_civ: civ,
                },
            );
        }

        let agents = Dict::build(
            rows(f.actor_agents)
                .filter(|r| r.len() >= 2)
                .map(|r| {
                    (
                        actor_key(r[0]),
                        AgentEntry {
                            sector: r[1].to_string(),
                        },
                    )
                })
                .collect(),
        );
        Lexicon {
            triggers: Dict::build(trig),
            cues,
            abbreviations,
            chrome_exact,
            chrome_prefix,
            numbers,
            hedges,
            count_words,
            time_words,
            weapons,
            type_map,
            actors: Dict::build(Vec::new()),
            agents,
            country_names,
            gazetteer: Gazetteer::default(),
        }
    }

    /// The dictionary entry of a folded actor name, for a day (see
    /// [`ActorEntry::pick`]).
    pub fn actor(&self, folded: &str, day: Option<Day>) -> Option<&ActorEntry> {
        self.actors
            .get(folded)
            .and_then(|v| ActorEntry::pick(v, day))
    }

    /// The CAMEO/ACLED mapping of a PLOVER type and mode.
    pub fn mapping(&self, ptype: &str, mode: Option<&str>) -> Option<&TypeMapping> {
        mode.and_then(|m| self.type_map.get(&(ptype.to_string(), m.to_string())))
            .or_else(|| self.type_map.get(&(ptype.to_string(), String::new())))
    }

    /// Is this line page furniture?
    pub fn is_chrome(&self, line: &str) -> bool {
        let l = line.trim().to_lowercase();
        self.chrome_exact.contains(&l)
            || self.chrome_prefix.iter().any(|p| l.starts_with(p.as_str()))
    }
}

/// The actor dictionary: country names, demonyms and capitals;
/// organisations; people.
fn actor_dict(f: &DataFiles, country_names: &HashMap<String, String>) -> Dict<Vec<ActorEntry>> {
    let mut actors = Vec::new();
    for r in rows(f.actor_countries).filter(|r| r.len() >= 3) {
        let (iso, alias, kind) = (r[0], r[1], r[2]);
        let kind = match kind {
            "demonym" => ActorEntryKind::Demonym,
            "capital" => ActorEntryKind::Capital,
            _ => ActorEntryKind::Country,
        };
        let canonical = country_names
            .get(iso)
            .cloned()
            .unwrap_or_else(|| alias.to_string());
        actors.push((
            actor_key(alias),
            ActorEntry {
                canonical,
                country: Some(iso.to_string()),
                sector: Some("government".into()),
                kind,
                ident: iso.to_string(),
                office: None,
                term: None,
                acronym: is_acronym(alias),
            },
        ));
    }
    for r in rows(f.actor_orgs).filter(|r| r.len() >= 2) {
        let canonical = r[0].to_string();
        actors.push((
            actor_key(r[1]),
            ActorEntry {
                ident: format!("org:{}", fold_name(&canonical).replace(' ', "-")),
                canonical,
                country: opt(r.get(2)),
                sector: opt(r.get(3)),
                kind: ActorEntryKind::Org,
                office: None,
                term: None,
                acronym: is_acronym(r[1]),
            },
        ));
    }
    // an office names the body it belongs to ("Secretary General of NATO",
    // "Head of the Hamas Political Bureau"): the holder takes its country and sector
    let bodies = Dict::build(
        actors
            .iter()
            .filter(|(_, e)| e.kind == ActorEntryKind::Org)
            .map(|(k, e)| (k.clone(), e.clone()))
            .collect(),
    );
    let office_words: Vec<(String, String)> = rows(f.office_sectors)
        .filter(|r| r.len() >= 2)
        .map(|r| (fold_name(r[0]), r[1].to_string()))
        .collect();
    for r in rows(f.actor_people).filter(|r| r.len() >= 2) {
        let canonical = r[0].to_string();
        let office = opt(r.get(2));
        let mut country = opt(r.get(1));
        let mut sector = None;
        if let Some(o) = &office {
            let folded = fold_name(o);
            if let Some(h) = bodies.find(&folded).next() {
                sector = h.payload.sector.clone();
                if country.is_none() {
                    country = h.payload.country.clone();
                }
            }
            if sector.is_none() {
                let words: Vec<&str> = folded.split(' ').collect();
                sector = office_words
                    .iter()
                    .find(|(w, _)| {
                        let ws: Vec<&str> = w.split(' ').collect();
                        words.windows(ws.len()).any(|x| x == ws.as_slice())
                    })
                    .map(|(_, s)| s.clone());
            }
        }
        let day = |i: usize| r.get(i).and_then(|d| Day::parse(d));
        let entry = ActorEntry {
            ident: format!("person:{}", fold_name(&canonical).replace(' ', "-")),
            canonical: canonical.clone(),
            country,
            sector: sector.or(Some("government".into())),
            kind: ActorEntryKind::Person,
            office,
            term: Some((day(3), day(4))),
            acronym: false,
        };
        actors.push((actor_key(&canonical), entry.clone()));
        if let Some(al) = r.get(5) {
            for a in al.split('|').filter(|a| !a.trim().is_empty()) {
                actors.push((actor_key(a), entry.clone()));
            }
        }
    }
    // one dictionary entry per name: the entries of the first body that claims it,
    // every term of office of that body
    let mut by_name: Vec<(String, Vec<ActorEntry>)> = Vec::new();
    let mut slot: HashMap<String, usize> = HashMap::new();
    for (k, e) in actors {
        match slot.get(&k) {
            Some(&i) => {
                if by_name[i].1[0].ident == e.ident {
                    by_name[i].1.push(e);
                }
            }
            None => {
                slot.insert(k.clone(), by_name.len());
                by_name.push((k, vec![e]));
            }
        }
    }
    Dict::build(by_name)
}

/// A name folded for the actor dictionaries: a leading article is dropped,
/// so "the United States" and "United States" are one entry and the
/// article never hides a name from the capital-letter check.
fn actor_key(name: &str) -> String {
    let k = fold_name(name);
    k.strip_prefix("the ").map(str::to_string).unwrap_or(k)
}

/// All-capital short names (US, UK, KH, PMF) match only when written in capitals.
/// Mixed-case short names (LeT, KhAD) too: "Let our message be clear" is not
/// Lashkar-e-Taiba.
fn is_acronym(alias: &str) -> bool {
    let letters: Vec<char> = alias.chars().filter(|c| c.is_alphabetic()).collect();
    let upper = letters.iter().filter(|c| c.is_uppercase()).count();
    !letters.is_empty() && letters.len() <= 5 && (upper == letters.len() || upper >= 2)
}

/// Kind of a gazetteer entry (re-exported for the annotators).
pub type GeoKind = PlaceKind;
