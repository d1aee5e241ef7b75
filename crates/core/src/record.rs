//! The event record sitrep writes, one JSON object a line.
//!
//! The keys of `shared/eval/GOLD.md` are fixed; everything else here is an
//! addition (CAMEO and ACLED codes, canonical names, evidence offsets).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A hedge on a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// As written, no hedge.
    Exact,
    /// "around 40".
    Approx,
    /// "at least 29".
    AtLeast,
    /// "more than 85".
    MoreThan,
    /// "up to 200".
    AtMost,
    /// "fewer than 10".
    LessThan,
    /// "20 to 30".
    Range,
}

impl Qualifier {
    /// The name used in the record.
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::Approx => "approx",
            Qualifier::AtLeast => "at_least",
            Qualifier::MoreThan => "more_than",
            Qualifier::AtMost => "at_most",
            Qualifier::LessThan => "less_than",
            Qualifier::Range => "range",
        }
    }
}

/// Where a value was read: document and character offsets.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Evidence {
    /// Document id.
    pub doc: String,
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The text there.
    pub text: String,
}

/// A number with its hedge.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    /// The number ("at least 29" → 29; a range gives its lower bound).
    pub value: u64,
    /// The hedge.
    pub qualifier: Qualifier,
    /// Lower bound, for ranges.
    pub min: Option<u64>,
    /// Upper bound, for ranges.
    pub max: Option<u64>,
    /// Where it was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
}

impl Quantity {
    /// An unhedged number.
    pub fn exact(value: u64) -> Quantity {
        Quantity {
            value,
            qualifier: Qualifier::Exact,
            min: None,
            max: None,
            evidence: None,
        }
    }
    /// True when both say the same thing, ignoring evidence.
    pub fn same_claim(&self, other: &Quantity) -> bool {
        self.value == other.value
            && self.qualifier == other.qualifier
            && self.min == other.min
            && self.max == other.max
    }
}

/// `compatible` when every claim can be true at once ("85" and "more than
/// 85"), else `conflict`. Hedged numbers are read as intervals: "around 40"
/// is 32..48, "at least 29" is 29 and up, a range is its bounds.
pub fn relation(claims: &[&Quantity]) -> String {
    let bounds = |q: &Quantity| -> (f64, f64) {
        let v = q.value as f64;
        match q.qualifier {
            Qualifier::Exact => (v, v),
            Qualifier::Approx => (v * 0.8, v * 1.2),
            Qualifier::AtLeast | Qualifier::MoreThan => (v, f64::INFINITY),
            Qualifier::AtMost | Qualifier::LessThan => (0.0, v),
            Qualifier::Range => (
                q.min.unwrap_or(q.value) as f64,
                q.max.unwrap_or(q.value) as f64,
            ),
        }
    };
    let lo = claims.iter().map(|q| bounds(q).0).fold(f64::MIN, f64::max);
    let hi = claims.iter().map(|q| bounds(q).1).fold(f64::MAX, f64::min);
    if lo <= hi {
        "compatible".into()
    } else {
        "conflict".into()
    }
}

/// Who acted or was acted on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    /// As written.
    pub name: String,
    /// ISO 3166-1 alpha-3, or null.
    pub country: Option<String>,
    /// Canonical name of the body.
    pub canonical: Option<String>,
    /// Sector (government, military, rebels, ...).
    pub sector: Option<String>,
    /// Dictionary identifier, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ident: Option<String>,
    /// Where it was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
}

/// Where it happened.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Location {
    /// Place name as the report writes it (for "the town", the name it refers
    /// to), or null for a country alone.
    pub name: Option<String>,
    /// The gazetteer's name of the place, when it was resolved against it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gazetteer_name: Option<String>,
    /// ISO 3166-1 alpha-3.
    pub country: Option<String>,
    /// First-level division.
    pub admin1: Option<String>,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// `exact`, `near`, `admin1` or `country`.
    pub precision: String,
    /// GeoNames id, when resolved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geonameid: Option<u32>,
    /// Where it was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
}

/// A report sentence an event rests on.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Source {
    /// Document id.
    pub doc: String,
    /// The sentence text, exactly `text[start..end]` of the document (in chars).
    pub sentence: String,
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
}

/// One source's value for a field.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// Document id.
    pub doc: String,
    /// The value (a number, a date, a name).
    pub value: serde_json::Value,
    /// Hedge of a number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<String>,
    /// Lower bound of a range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<u64>,
    /// Upper bound of a range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<u64>,
    /// The sentence the claim was read from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentence: Option<String>,
}

/// Sources that differ on a field.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Disagreement {
    /// `fatalities`, `injuries`, `counts.targets`, `date`, ...
    pub field: String,
    /// Every claim, with its document.
    pub claims: Vec<Claim>,
    /// `conflict` when the claims cannot all be true, `compatible` when they
    /// can ("85" and "more than 85").
    pub relation: String,
}

/// The day or span of days an event happened in.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateRange {
    /// First day `YYYY-MM-DD`.
    pub start: Option<String>,
    /// Last day.
    pub end: Option<String>,
}

/// One coded event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Stable id.
    pub id: String,
    /// Id of the operation this event is part of.
    pub parent: Option<String>,
    /// PLOVER event type, upper case.
    #[serde(rename = "type")]
    pub etype: String,
    /// PLOVER mode.
    pub mode: Option<String>,
    /// CAMEO root code.
    pub cameo: Option<String>,
    /// ACLED event type.
    pub acled_event_type: Option<String>,
    /// ACLED sub-event type.
    pub acled_sub_event_type: Option<String>,
    /// When.
    pub date: DateRange,
    /// `YYYY-MM-DDTHH:MMZ`, when a clock time was given.
    pub time_utc: Option<String>,
    /// Who acted.
    pub actors: Vec<Actor>,
    /// Who was acted on.
    pub targets: Vec<Actor>,
    /// Where.
    pub locations: Vec<Location>,
    /// People killed.
    pub fatalities: Option<Quantity>,
    /// People injured.
    pub injuries: Option<Quantity>,
    /// Other counts.
    pub counts: BTreeMap<String, Quantity>,
    /// Weapon systems named.
    pub weapons: Vec<String>,
    /// Every sentence the event rests on.
    pub sources: Vec<Source>,
    /// Where sources differ.
    pub disagreements: Vec<Disagreement>,
    /// Near-duplicate copies of a source report that were counted as one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub copies: Vec<String>,
    /// The trigger words, with evidence.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub triggers: Vec<Evidence>,
}
