//! Scoring event records against hand-coded reference events.
//!
//! Reads the gold-events/1 format of `shared/eval/GOLD.md` and computes the
//! same figures as its reference scorer: event precision, recall and F1
//! (an output event matches a gold event when its type is acceptable and
//! one of its source sentences contains, or is contained in, a quoted
//! mention), field accuracy on matched events, fusion of events reported
//! by several documents, and disagreements found. Users score sitrep
//! against their own coded data this way.

use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write;

/// Field names, in report order.
pub const FIELDS: &[&str] = &[
    "date",
    "time",
    "actor_country",
    "actor_name",
    "target_country",
    "location_country",
    "location_name",
    "admin1",
    "fatalities",
    "injuries",
    "counts",
    "weapons",
];

/// Names that refer to the same body in news text; each group is one entity.
const ALIASES: &[&[&str]] = &[
    &[
        "united states armed forces",
        "us armed forces",
        "us military",
        "us forces",
        "united states military",
        "united states forces",
        "united states air force",
        "us air force",
        "usaf",
        "centcom",
        "us central command",
        "united states central command",
        "central command",
        "pentagon",
        "us department of defense",
        "department of defense",
    ],
    &[
        "islamic revolutionary guard corps",
        "irgc",
        "revolutionary guards",
        "iran's revolutionary guards",
        "islamic revolutionary guards corps",
        "irgc quds force",
        "quds force",
        "iranian revolutionary guards",
        "revolutionary guard corps",
    ],
    &[
        "popular mobilization forces",
        "pmf",
        "popular mobilisation forces",
        "popular mobilization units",
        "hashd al-shaabi",
        "al-hashd al-shaabi",
        "popular mobilization commission",
    ],
    &[
        "kata'ib hezbollah",
        "kataib hezbollah",
        "kata'ib hizballah",
        "kataib hizbollah",
        "kh",
    ],
    &["palestinian islamic jihad", "pij", "islamic jihad"],
    &[
        "government of iraq",
        "iraqi government",
        "iraq",
        "government of the republic of iraq",
    ],
    &[
        "united states",
        "us",
        "usa",
        "united states of america",
        "america",
        "us government",
        "united states government",
        "washington",
        "biden administration",
        "trump administration",
        "obama administration",
        "the administration",
        "us administration",
        "white house",
    ],
    &[
        "joe biden",
        "joseph r biden jr",
        "joseph biden",
        "president biden",
        "president joe biden",
        "biden",
    ],
    &[
        "united kingdom",
        "uk",
        "britain",
        "great britain",
        "british government",
    ],
    &[
        "russia",
        "russian federation",
        "russian foreign ministry",
        "russian ministry of foreign affairs",
    ],
    &[
        "china",
        "people's republic of china",
        "prc",
        "chinese government",
        "beijing",
    ],
    &[
        "ministry of foreign affairs of iran",
        "iranian foreign ministry",
        "iran's foreign ministry",
        "ministry of foreign affairs",
        "iranian ministry of foreign affairs",
    ],
    &[
        "syrian ministry of defence",
        "syrian ministry of defense",
        "syrian defence ministry",
        "ministry of defence",
    ],
    &[
        "united states department of the treasury",
        "us department of the treasury",
        "department of the treasury",
        "treasury",
        "us treasury",
        "treasury department",
    ],
];

const ORG_WORDS: &[&str] = &[
    "forces",
    "force",
    "army",
    "armed",
    "military",
    "ministry",
    "government",
    "group",
    "council",
    "committee",
    "party",
    "front",
    "brigade",
    "brigades",
    "movement",
    "police",
    "office",
    "department",
    "administration",
    "state",
    "states",
    "union",
    "nations",
    "organization",
    "organisation",
    "corps",
    "guards",
    "guard",
    "militia",
    "militias",
    "unit",
    "units",
    "command",
    "agency",
    "service",
];

/// NFKD-style fold: quotes unified, diacritics dropped, white space collapsed, lower case.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let c = match c {
            '\u{2018}' | '\u{2019}' | '\u{201b}' | '\u{2032}' | '`' => '\'',
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{2033}' => '"',
            c => c,
        };
        for d in strip_accent(c) {
            out.extend(d.to_lowercase());
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn strip_accent(c: char) -> Vec<char> {
    if c.is_ascii() {
        return vec![c];
    }
    let f = sitrep_fold(c);
    f.chars().collect()
}

/// The base letter of an accented Latin letter (as NFKD then dropping marks would give).
fn sitrep_fold(c: char) -> String {
    const TABLE: &[(&str, char)] = &[
        ("àáâãäåāăąǎạảấầẩẫậắằẳẵặ", 'a'),
        ("ÀÁÂÃÄÅĀĂĄǍẠẢẤẦẨẪẬẮẰẲẴẶ", 'A'),
        ("çćĉċč", 'c'),
        ("ÇĆĈĊČ", 'C'),
        ("ďḍ", 'd'),
        ("ĎḌ", 'D'),
        ("èéêëēĕėęěẹẻẽếềểễệ", 'e'),
        ("ÈÉÊËĒĔĖĘĚẸẺẼẾỀỂỄỆ", 'E'),
        ("ĝğġģ", 'g'),
        ("ĜĞĠĢ", 'G'),
        ("ĥḥḫ", 'h'),
        ("ĤḤḪ", 'H'),
        ("ìíîïĩīĭįǐỉị", 'i'),
        ("ÌÍÎÏĨĪĬĮǏỈỊİ", 'I'),
        ("ĵ", 'j'),
        ("ķ", 'k'),
        ("ĺļľ", 'l'),
        ("ĹĻĽ", 'L'),
        ("ñńņň", 'n'),
        ("ÑŃŅŇ", 'N'),
        ("òóôõöōŏőơǒọỏốồổỗộớờởỡợ", 'o'),
        ("ÒÓÔÕÖŌŎŐƠǑỌỎỐỒỔỖỘỚỜỞỠỢ", 'O'),
        ("ŕŗř", 'r'),
        ("ŔŖŘ", 'R'),
        ("śŝşšșṣ", 's'),
        ("ŚŜŞŠȘṢ", 'S'),
        ("ţťțṭ", 't'),
        ("ŢŤȚṬ", 'T'),
        ("ùúûüũūŭůűųưǔụủứừửữự", 'u'),
        ("ÙÚÛÜŨŪŬŮŰŲƯǓỤỦỨỪỬỮỰ", 'U'),
        ("ŵ", 'w'),
        ("ýÿŷỳỵỷỹ", 'y'),
        ("ÝŸŶỲỴỶỸ", 'Y'),
        ("źżžẓ", 'z'),
        ("ŹŻŽẒ", 'Z'),
    ];
    for (set, base) in TABLE {
        if set.contains(c) {
            return base.to_string();
        }
    }
    c.to_string()
}

fn name_key(s: &str) -> String {
    let f = fold(s);
    let f: String = f.chars().filter(|&c| c != '.' && c != '\u{b7}').collect();
    let f: String = f
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '_' || c == '\'' || c == ' ' || c == '-' {
                c
            } else {
                ' '
            }
        })
        .collect();
    let f = f.trim().to_string();
    let f = ["the ", "a ", "an "]
        .iter()
        .find_map(|a| f.strip_prefix(a))
        .map(str::to_string)
        .unwrap_or(f);
    f.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn tokens(s: &str) -> HashSet<String> {
    s.replace('-', " ")
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

fn surname_matches(g: &str, o: &str) -> bool {
    let gt: Vec<String> = g
        .replace('-', " ")
        .split_whitespace()
        .map(str::to_string)
        .collect();
    let ot: Vec<String> = o
        .replace('-', " ")
        .split_whitespace()
        .map(str::to_string)
        .collect();
    if !(2..=4).contains(&gt.len())
        || gt.iter().any(|w| ORG_WORDS.contains(&w.as_str()))
        || ot.iter().any(|w| ORG_WORDS.contains(&w.as_str()))
    {
        return false;
    }
    match (gt.last(), ot.last()) {
        (Some(a), Some(b)) => a.chars().count() > 3 && a == b,
        _ => false,
    }
}

/// Does an output name refer to the gold name?
pub fn name_matches(gold: &str, outs: &[String]) -> bool {
    let g = name_key(gold);
    if g.is_empty() {
        return false;
    }
    let gtok = tokens(&g);
    let group: Vec<String> = ALIASES
        .iter()
        .find(|a| a.contains(&g.as_str()))
        .map(|a| a.iter().map(|s| s.to_string()).collect())
        .unwrap_or_else(|| vec![g.clone()]);
    for n in outs {
        let o = name_key(n);
        if o.is_empty() {
            continue;
        }
        if group.contains(&o)
            || o == g
            || (o.chars().count() > 3 && (g.contains(&o) || o.contains(&g)))
        {
            return true;
        }
        let otok = tokens(&o);
        if !gtok.is_empty() && !otok.is_empty() {
            let inter = gtok.intersection(&otok).count() as f64;
            let uni = gtok.union(&otok).count() as f64;
            if inter / uni >= 0.5 {
                return true;
            }
        }
        if surname_matches(&g, &o) {
            return true;
        }
        let initials: String = g
            .replace('-', " ")
            .split_whitespace()
            .filter(|w| !matches!(*w, "of" | "the" | "and"))
            .filter_map(|w| w.chars().next())
            .collect();
        if o.chars().count() >= 2 && o.replace(' ', "") == initials {
            return true;
        }
    }
    false
}

fn as_list(v: Option<&Value>) -> Vec<Value> {
    match v {
        None | Some(Value::Null) => vec![],
        Some(Value::Array(a)) => a.clone(),
        Some(x) => vec![x.clone()],
    }
}

fn parse_day(s: Option<&str>) -> Option<i64> {
    let s = s?;
    let d = s.get(..10)?;
    let b = d.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: i64 = d[..4].parse().ok()?;
    let m: i64 = d[5..7].parse().ok()?;
    let dd: i64 = d[8..].parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&dd) {
        return None;
    }
    let y2 = if m <= 2 { y - 1 } else { y };
    let era = if y2 >= 0 { y2 } else { y2 - 399 } / 400;
    let yoe = y2 - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + dd - 1;
    Some(era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy)
}

fn date_ok(gold: &str, out: Option<&Value>) -> bool {
    let (s, e) = match out {
        Some(Value::String(x)) => (parse_day(Some(x)), parse_day(Some(x))),
        Some(Value::Object(o)) => {
            let s = parse_day(o.get("start").and_then(Value::as_str));
            let e = parse_day(
                o.get("end")
                    .and_then(Value::as_str)
                    .or(o.get("start").and_then(Value::as_str)),
            );
            (s, e)
        }
        _ => return false,
    };
    let Some(s) = s else { return false };
    let e = e.unwrap_or(s);
    if let Some((a, b)) = gold.split_once('/') {
        return match (parse_day(Some(a)), parse_day(Some(b))) {
            (Some(a), Some(b)) => a <= s && e <= b,
            _ => false,
        };
    }
    match parse_day(Some(gold)) {
        Some(g) => s <= g && g <= e && e - s <= 1,
        None => false,
    }
}

fn minutes(s: &str) -> Option<i64> {
    let day = parse_day(Some(s))?;
    let t = s.get(11..16)?;
    let h: i64 = t.get(..2)?.parse().ok()?;
    let m: i64 = t.get(3..5)?.parse().ok()?;
    Some(day * 1440 + h * 60 + m)
}

fn time_ok(gold: &str, out: &str) -> bool {
    matches!((minutes(gold), minutes(out)), (Some(a), Some(b)) if (a - b).abs() <= 60)
}

fn qty_ok(gold: &Value, out: Option<&Value>) -> bool {
    let Some(Value::Object(o)) = out else {
        return false;
    };
    if o.get("value") != gold.get("value") {
        return false;
    }
    let gq = gold
        .get("qualifier")
        .and_then(Value::as_str)
        .unwrap_or("exact");
    let oq = o.get("qualifier").and_then(Value::as_str);
    oq.unwrap_or("exact") == gq || (gq == "exact" && matches!(oq, None | Some("exact")))
}

fn sentence_hits(quote: &str, sentence: &str) -> bool {
    let (q, s) = (fold(quote), fold(sentence));
    if q.is_empty() || s.is_empty() {
        return false;
    }
    s.contains(&q) || (s.chars().count() > 20 && q.contains(&s))
}

fn supports(out: &Value, mention: &Value) -> bool {
    let doc = mention.get("doc");
    let quote = mention.get("quote").and_then(Value::as_str).unwrap_or("");
    as_list(out.get("sources")).iter().any(|src| {
        src.get("doc") == doc
            && sentence_hits(
                quote,
                src.get("sentence").and_then(Value::as_str).unwrap_or(""),
            )
    })
}

fn str_list(items: &[Value], key: &str) -> Vec<String> {
    items
        .iter()
        .filter_map(|x| x.get(key).and_then(Value::as_str).map(str::to_string))
        .collect()
}

fn field_checks(g: &Value, o: &Value) -> Vec<(&'static str, bool)> {
    let mut out = Vec::new();
    if let Some(d) = g.get("date").and_then(Value::as_str) {
        out.push(("date", date_ok(d, o.get("date"))));
    }
    if let Some(t) = g
        .get("time_utc")
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
    {
        out.push((
            "time",
            o.get("time_utc")
                .and_then(Value::as_str)
                .is_some_and(|x| !x.is_empty() && time_ok(t, x)),
        ));
    }
    let actors = as_list(o.get("actors"));
    let targets = as_list(o.get("targets"));
    let locs = as_list(o.get("locations"));
    for (role, outs, fc, fname) in [
        ("actor", &actors, "actor_country", Some("actor_name")),
        ("target", &targets, "target_country", None),
    ] {
        let Some(gv) = g
            .get(role)
            .filter(|v| v.is_object() && !v.as_object().is_some_and(|m| m.is_empty()))
        else {
            continue;
        };
        let gc = as_list(gv.get("country"));
        if !gc.is_empty() {
            out.push((
                fc,
                outs.iter().any(|x| {
                    x.get("country")
                        .is_some_and(|c| !c.is_null() && gc.contains(c))
                }),
            ));
        }
        if let (Some(fname), Some(n)) = (fname, gv.get("name").and_then(Value::as_str))
            && !gc.is_empty()
            && !n.is_empty()
        {
            let mut names = str_list(outs, "name");
            names.extend(str_list(outs, "canonical"));
            out.push((fname, name_matches(n, &names)));
        }
    }
    if let Some(gl) = g
        .get("location")
        .filter(|v| v.is_object() && !v.as_object().is_some_and(|m| m.is_empty()))
    {
        let gc = as_list(gl.get("country"));
        if !gc.is_empty() {
            out.push((
                "location_country",
                locs.iter().any(|x| {
                    x.get("country")
                        .is_some_and(|c| !c.is_null() && gc.contains(c))
                }),
            ));
        }
        if let Some(n) = gl
            .get("name")
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
        {
            out.push(("location_name", name_matches(n, &str_list(&locs, "name"))));
        }
        if let Some(n) = gl
            .get("admin1")
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
        {
            out.push(("admin1", name_matches(n, &str_list(&locs, "admin1"))));
        }
    }
    for f in ["fatalities", "injuries"] {
        if let Some(q) = g
            .get(f)
            .filter(|v| v.is_object() && !v.as_object().is_some_and(|m| m.is_empty()))
        {
            out.push((
                if f == "fatalities" {
                    "fatalities"
                } else {
                    "injuries"
                },
                qty_ok(q, o.get(f)),
            ));
        }
    }
    if let Some(Value::Object(c)) = g.get("counts") {
        for (k, q) in c {
            out.push(("counts", qty_ok(q, o.get("counts").and_then(|x| x.get(k)))));
        }
    }
    for w in as_list(g.get("weapons")) {
        let w = fold(w.as_str().unwrap_or(""));
        out.push((
            "weapons",
            as_list(o.get("weapons")).iter().any(|x| {
                let x = fold(x.as_str().unwrap_or(""));
                w.contains(&x) || x.contains(&w)
            }),
        ));
    }
    out
}

/// The figures of one scoring run.
#[derive(Debug, Clone)]
pub struct Report {
    /// Output events read.
    pub events_output: usize,
    /// Required gold events.
    pub gold_required: usize,
    /// Required gold events matched.
    pub true_positives: usize,
    /// Output events matching nothing.
    pub false_positives: usize,
    /// Output events matching optional gold events.
    pub optional_matched: usize,
    /// Precision.
    pub precision: f64,
    /// Recall.
    pub recall: f64,
    /// F1.
    pub f1: f64,
    /// Per field: (correct, scored).
    pub fields: BTreeMap<&'static str, (usize, usize)>,
    /// Field accuracy over all fields.
    pub field_accuracy: f64,
    /// (fused, scored).
    pub fusion: (usize, usize),
    /// (found, scored).
    pub disagreements: (usize, usize),
    /// Ids of missed gold events.
    pub missed: Vec<String>,
    /// "gold id: field" for wrong fields.
    pub wrong: Vec<String>,
    /// Ids of unmatched output events.
    pub unmatched: Vec<String>,
    /// Output events that join reports of different events: the sentences
    /// of one document support one gold event, those of another a different
    /// one, and no gold event is supported by both (an addition to the
    /// reference scorer's figures).
    pub wrong_merges: Vec<String>,
}

fn r3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Scores `outs` against `gold` (a parsed gold-events/1 document).
pub fn score(gold: &Value, outs: &[Value]) -> Result<Report, String> {
    let gevents = gold
        .get("events")
        .and_then(Value::as_array)
        .ok_or("no \"events\" list: not a gold-events/1 file")?;
    let mut pairs: Vec<(usize, i64, i64, usize, usize)> = Vec::new();
    for (gi, g) in gevents.iter().enumerate() {
        let types: Vec<String> = as_list(g.get("type"))
            .iter()
            .filter_map(|t| t.as_str().map(str::to_string))
            .collect();
        let mentions = as_list(g.get("mentions"));
        for (oi, o) in outs.iter().enumerate() {
            let t = o
                .get("type")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_uppercase();
            if !types.contains(&t) || !mentions.iter().any(|m| supports(o, m)) {
                continue;
            }
            let ok = field_checks(g, o).iter().filter(|(_, ok)| *ok).count();
            pairs.push((ok, -(gi as i64), -(oi as i64), gi, oi));
        }
    }
    pairs.sort_by(|a, b| b.cmp(a));
    let mut g2o: HashMap<usize, usize> = HashMap::new();
    let mut o2g: HashMap<usize, usize> = HashMap::new();
    for (_, _, _, gi, oi) in pairs {
        if !g2o.contains_key(&gi) && !o2g.contains_key(&oi) {
            g2o.insert(gi, oi);
            o2g.insert(oi, gi);
        }
    }
    let required = |g: &Value| g.get("required").and_then(Value::as_bool).unwrap_or(true);
    let req: Vec<usize> = (0..gevents.len())
        .filter(|&i| required(&gevents[i]))
        .collect();
    let tp = req.iter().filter(|i| g2o.contains_key(i)).count();
    let optional_matched = o2g.values().filter(|&&gi| !required(&gevents[gi])).count();
    let fp = outs.len() - o2g.len();
    let precision = if tp + fp > 0 {
        tp as f64 / (tp + fp) as f64
    } else {
        0.0
    };
    let recall = if req.is_empty() {
        0.0
    } else {
        tp as f64 / req.len() as f64
    };
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    let mut fields: BTreeMap<&'static str, (usize, usize)> =
        FIELDS.iter().map(|f| (*f, (0, 0))).collect();
    let mut missed = Vec::new();
    let mut wrong = Vec::new();
    let gid = |g: &Value| {
        g.get("id")
            .map(|v| v.as_str().map_or(v.to_string(), str::to_string))
            .unwrap_or_default()
    };
    for &gi in &req {
        let Some(&oi) = g2o.get(&gi) else {
            missed.push(gid(&gevents[gi]));
            continue;
        };
        for (f, ok) in field_checks(&gevents[gi], &outs[oi]) {
            let e = fields.entry(f).or_default();
            e.1 += 1;
            if ok {
                e.0 += 1;
            } else {
                wrong.push(format!("{}: {f}", gid(&gevents[gi])));
            }
        }
    }
    let mut fusion = (0, 0);
    let mut dis = (0, 0);
    for (gi, g) in gevents.iter().enumerate() {
        let mentions = as_list(g.get("mentions"));
        let docs: HashSet<String> = mentions
            .iter()
            .filter_map(|m| m.get("doc").and_then(Value::as_str).map(str::to_string))
            .collect();
        if docs.len() >= 2
            && g.get("fusion_scored").and_then(Value::as_bool) != Some(false)
            && required(g)
        {
            fusion.1 += 1;
            if let Some(&oi) = g2o.get(&gi)
                && docs.iter().all(|d| {
                    mentions
                        .iter()
                        .filter(|m| m.get("doc").and_then(Value::as_str) == Some(d))
                        .any(|m| supports(&outs[oi], m))
                })
            {
                fusion.0 += 1;
            }
        }
        if !required(g) {
            continue;
        }
        for d in as_list(g.get("disagreements")) {
            dis.1 += 1;
            if let Some(&oi) = g2o.get(&gi)
                && as_list(outs[oi].get("disagreements"))
                    .iter()
                    .any(|x| x.get("field") == d.get("field"))
            {
                dis.0 += 1;
            }
        }
    }
    let all_ok: usize = fields.values().map(|v| v.0).sum();
    let all_n: usize = fields.values().map(|v| v.1).sum();
    let unmatched = (0..outs.len())
        .filter(|i| !o2g.contains_key(i))
        .map(|i| {
            outs[i]
                .get("id")
                .map(|v| v.as_str().map_or(v.to_string(), str::to_string))
                .unwrap_or_default()
        })
        .collect();
    let wrong_merges = wrong_merges(gevents, outs);
    Ok(Report {
        wrong_merges,
        events_output: outs.len(),
        gold_required: req.len(),
        true_positives: tp,
        false_positives: fp,
        optional_matched,
        precision: r3(precision),
        recall: r3(recall),
        f1: r3(f1),
        fields,
        field_accuracy: if all_n > 0 {
            r3(all_ok as f64 / all_n as f64)
        } else {
            0.0
        },
        fusion,
        disagreements: dis,
        missed,
        wrong,
        unmatched,
    })
}

/// Output events whose sources from two documents support different gold
/// events and none in common (see [`Report::wrong_merges`]).
fn wrong_merges(gevents: &[Value], outs: &[Value]) -> Vec<String> {
    let mut bad = Vec::new();
    for o in outs {
        let sources = as_list(o.get("sources"));
        let mut docs: Vec<&str> = sources
            .iter()
            .filter_map(|s| s.get("doc").and_then(Value::as_str))
            .collect();
        docs.sort_unstable();
        docs.dedup();
        if docs.len() < 2 {
            continue;
        }
        let t = o
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_uppercase();
        let per_doc: Vec<HashSet<usize>> = docs
            .iter()
            .map(|d| {
                let part = json!({
                    "sources": sources.iter().filter(|s| s.get("doc").and_then(Value::as_str) == Some(d)).cloned().collect::<Vec<_>>()
                });
                gevents
                    .iter()
                    .enumerate()
                    .filter(|(_, g)| {
                        as_list(g.get("type")).iter().any(|x| x.as_str() == Some(t.as_str()))
                            && as_list(g.get("mentions")).iter().any(|m| supports(&part, m))
                    })
                    .map(|(i, _)| i)
                    .collect()
            })
            .collect();
        let known: Vec<&HashSet<usize>> = per_doc.iter().filter(|s| !s.is_empty()).collect();
        let shared = known
            .iter()
            .skip(1)
            .fold(known.first().map(|s| (*s).clone()), |acc, s| {
                acc.map(|a| a.intersection(s).copied().collect())
            });
        if known.len() >= 2 && shared.is_some_and(|s| s.is_empty()) {
            bad.push(
                o.get("id")
                    .map(|v| v.as_str().map_or(v.to_string(), str::to_string))
                    .unwrap_or_default(),
            );
        }
    }
    bad
}

impl Report {
    /// The figures as one JSON object (the reference scorer's `--json`).
    pub fn to_json(&self) -> Value {
        let fields: serde_json::Map<String, Value> = FIELDS
            .iter()
            .map(|f| {
                (
                    f.to_string(),
                    json!({"correct": self.fields[f].0, "scored": self.fields[f].1}),
                )
            })
            .collect();
        json!({
            "events_output": self.events_output, "gold_required": self.gold_required, "true_positives": self.true_positives,
            "false_positives": self.false_positives, "optional_matched": self.optional_matched,
            "precision": self.precision, "recall": self.recall, "f1": self.f1,
            "fields": fields, "field_accuracy": self.field_accuracy,
            "fusion": {"correct": self.fusion.0, "scored": self.fusion.1},
            "disagreements": {"found": self.disagreements.0, "scored": self.disagreements.1},
            "missed": self.missed, "wrong_fields": self.wrong, "unmatched_output": self.unmatched,
            "wrong_merges": self.wrong_merges,
        })
    }

    /// The figures as the reference scorer's table.
    pub fn table(&self, verbose: bool) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "events: P {:.3}  R {:.3}  F1 {:.3}  (tp {}, fp {}, gold {}, output {})",
            self.precision,
            self.recall,
            self.f1,
            self.true_positives,
            self.false_positives,
            self.gold_required,
            self.events_output
        );
        for f in FIELDS {
            let (c, n) = self.fields[f];
            if n > 0 {
                let _ = writeln!(s, "  {f:17} {c:3}/{n:<3}");
            }
        }
        let _ = writeln!(s, "field accuracy: {:.3}", self.field_accuracy);
        let _ = writeln!(
            s,
            "fusion: {}/{}   disagreements: {}/{}",
            self.fusion.0, self.fusion.1, self.disagreements.0, self.disagreements.1
        );
        let _ = writeln!(
            s,
            "merges of different events across reports: {}",
            self.wrong_merges.len()
        );
        if verbose {
            let dash = |v: &[String], sep: &str| {
                if v.is_empty() {
                    "-".to_string()
                } else {
                    v.join(sep)
                }
            };
            let _ = writeln!(s, "missed: {}", dash(&self.missed, ", "));
            let _ = writeln!(s, "wrong: {}", dash(&self.wrong, "; "));
            let _ = writeln!(s, "unmatched output: {}", dash(&self.unmatched, ", "));
            let _ = writeln!(s, "wrong merges: {}", dash(&self.wrong_merges, ", "));
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_by_alias_acronym_and_surname() {
        assert!(name_matches(
            "United States Armed Forces",
            &["CENTCOM".into()]
        ));
        assert!(name_matches("Joe Biden", &["President Biden".into()]));
        assert!(name_matches(
            "Islamic Revolutionary Guard Corps",
            &["IRGC".into()]
        ));
        assert!(!name_matches("Hamas", &["Hezbollah".into()]));
    }

    #[test]
    fn dates_and_times() {
        assert!(date_ok(
            "2024-02-02",
            Some(&json!({"start": "2024-02-02", "end": "2024-02-03"}))
        ));
        assert!(!date_ok(
            "2024-02-02",
            Some(&json!({"start": "2024-02-01", "end": "2024-02-04"}))
        ));
        assert!(date_ok(
            "2022-12-31/2023-01-01",
            Some(&json!({"start": "2023-01-01", "end": null}))
        ));
        assert!(time_ok("2024-02-02T21:00Z", "2024-02-02T21:45Z"));
        assert!(!time_ok("2024-02-02T21:00Z", "2024-02-02T23:00Z"));
    }

    #[test]
    fn scores_a_small_gold() {
        let gold = json!({"events": [
            {"id": "a", "type": ["ASSAULT"], "date": "2024-01-28", "fatalities": {"value": 3},
             "mentions": [{"doc": "d1", "quote": "drone strike hit the base"}]},
            {"id": "b", "type": ["ACCUSE"], "required": false, "mentions": [{"doc": "d1", "quote": "condemned"}]}
        ]});
        let outs = vec![
            json!({"id": "x", "type": "ASSAULT", "date": {"start": "2024-01-28", "end": "2024-01-28"}, "fatalities": {"value": 3, "qualifier": "exact"},
                   "sources": [{"doc": "d1", "sentence": "A drone strike hit the base on Sunday."}]}),
            json!({"id": "y", "type": "ACCUSE", "sources": [{"doc": "d1", "sentence": "Iraq condemned it."}]}),
            json!({"id": "z", "type": "PROTEST", "sources": [{"doc": "d1", "sentence": "Crowds marched."}]}),
        ];
        let r = score(&gold, &outs).unwrap();
        assert_eq!(
            (r.true_positives, r.false_positives, r.optional_matched),
            (1, 1, 1)
        );
        assert_eq!(r.f1, 0.667);
        assert_eq!(r.fields["date"], (1, 1));
        assert_eq!(r.fields["fatalities"], (1, 1));
        assert!(r.wrong_merges.is_empty());
    }

    #[test]
    fn a_merge_of_two_reported_events_is_flagged() {
        let gold = json!({"events": [
            {"id": "a", "type": ["ASSAULT"], "mentions": [{"doc": "d1", "quote": "shelled Kupiansk"}, {"doc": "d2", "quote": "Kupiansk was shelled"}]},
            {"id": "b", "type": ["ASSAULT"], "mentions": [{"doc": "d2", "quote": "drones hit Izium"}]}
        ]});
        let src = |d: &str, s: &str| json!({"doc": d, "sentence": s});
        let outs = vec![
            json!({"id": "good", "type": "ASSAULT", "sources": [src("d1", "Russia shelled Kupiansk."), src("d2", "Kupiansk was shelled overnight.")]}),
            json!({"id": "bad", "type": "ASSAULT", "sources": [src("d1", "Russia shelled Kupiansk."), src("d2", "Later, drones hit Izium.")]}),
            json!({"id": "unknown", "type": "ASSAULT", "sources": [src("d1", "Russia shelled Kupiansk."), src("d2", "Nothing else.")]}),
        ];
        let r = score(&gold, &outs).unwrap();
        assert_eq!(r.wrong_merges, vec!["bad".to_string()]);
    }
}
