//! Annotation layers: what the annotate stage finds in a document.
//!
//! Each mention carries its [`Span`] in the document text; values derived
//! from it (a country code, a resolved date) live beside the span, never in
//! place of it.

use crate::doc::Span;
use crate::record::Quantity;
use serde::{Deserialize, Serialize};

/// What kind of thing an actor mention names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ActorKind {
    /// A state named as such ("Iraq", "Washington", "the United States").
    Country,
    /// A named organisation, armed group or state body.
    Org,
    /// A named person (with or without title).
    Person,
    /// A sector noun phrase ("Iraqi security officials", "US troops", "crowds").
    Agent,
}

/// A mention of an actor.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActorMention {
    /// The whole phrase ("Iraqi security officials").
    pub span: Span,
    /// Canonical name of the body ("Iraq", "Islamic Revolutionary Guard Corps").
    pub canonical: String,
    /// ISO 3166-1 alpha-3 code, when known.
    pub country: Option<String>,
    /// Sector (government, military, rebels, ...), when known.
    pub sector: Option<String>,
    /// What the phrase names.
    pub kind: ActorKind,
    /// A stable identifier from the actor dictionary, when there is one.
    pub ident: Option<String>,
    /// True when the phrase is a later mention resolved to an earlier one
    /// ("the group", an acronym, a surname alone).
    pub anaphor: bool,
}

/// How precise a place is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PlaceKind {
    /// A country.
    Country,
    /// A first-level division.
    Admin1,
    /// A populated place.
    Locality,
    /// A base, port, plant, crossing or other named site.
    Facility,
}

/// A mention of a place, resolved against the gazetteer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlaceMention {
    /// The name as written.
    pub span: Span,
    /// Gazetteer name.
    pub name: String,
    /// Country (ISO 3166-1 alpha-3).
    pub country: Option<String>,
    /// First-level division name.
    pub admin1: Option<String>,
    /// Latitude, when the gazetteer has it.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// What the place is.
    pub kind: PlaceKind,
    /// True for "near X", "outside X", "north of X".
    pub near: bool,
    /// IANA time zone of the place, when known.
    pub tz: Option<String>,
    /// GeoNames id, when resolved.
    pub geonameid: Option<u32>,
    /// For a later mention ("the town", "the city"), the place named before
    /// it that it refers to; the name and codes are that place's.
    #[serde(default)]
    pub antecedent: Option<Span>,
}

/// How fine a time expression is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Precision {
    /// A span of days ("between 2 and 3 February", "since 7 October").
    Span,
    /// A year.
    Year,
    /// A month.
    Month,
    /// A day.
    Day,
    /// A clock time on a day.
    Time,
}

/// A calendar day, proleptic Gregorian.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Day {
    /// Year.
    pub y: i16,
    /// Month 1..=12.
    pub m: u8,
    /// Day 1..=31.
    pub d: u8,
}

impl Day {
    /// `YYYY-MM-DD`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }
    /// Parses `YYYY-MM-DD` (more may follow: a timestamp is cut to its day).
    pub fn parse(s: &str) -> Option<Day> {
        let b = s.as_bytes();
        if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let y: i16 = s.get(0..4)?.parse().ok()?;
        let m: u8 = s.get(5..7)?.parse().ok()?;
        let d: u8 = s.get(8..10)?.parse().ok()?;
        ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some(Day { y, m, d })
    }
    /// Days since 1970-01-01 (negative before).
    pub fn ordinal(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = self.y as i64 - if self.m <= 2 { 1 } else { 0 };
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = self.m as i64;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + self.d as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146097 + doe - 719468
    }
    /// The day `n` days since 1970-01-01.
    pub fn from_ordinal(n: i64) -> Day {
        let z = n + 719468;
        let era = if z >= 0 { z } else { z - 146096 } / 146097;
        let doe = z - era * 146097;
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        let y = yoe + era * 400;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        Day {
            y: (y + if m <= 2 { 1 } else { 0 }) as i16,
            m,
            d,
        }
    }
    /// This day moved by `n` days.
    pub fn plus_days(self, n: i64) -> Day {
        Day::from_ordinal(self.ordinal() + n)
    }
    /// Day of the week, 0 = Monday .. 6 = Sunday.
    pub fn weekday(self) -> u8 {
        ((self.ordinal() + 3).rem_euclid(7)) as u8
    }
    /// Number of days in a month.
    pub fn month_len(y: i16, m: u8) -> u8 {
        match m {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
            _ => 28,
        }
    }
}

/// A resolved time expression.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimeMention {
    /// The expression as written.
    pub span: Span,
    /// First day of the interval, when resolved.
    pub start: Option<Day>,
    /// Last day of the interval.
    pub end: Option<Day>,
    /// UTC instant `YYYY-MM-DDTHH:MMZ`, when a clock time and a zone are known.
    pub time_utc: Option<String>,
    /// Local clock time `HH:MM` as written, when there is one and no zone was known.
    pub clock: Option<(u8, u8)>,
    /// Minutes east of UTC the text states ("UTC+3", "EST"), if any.
    pub offset_min: Option<i32>,
    /// "local time" was said: the zone comes from the event's place.
    pub local: bool,
    /// How fine.
    pub precision: Precision,
    /// "around", "shortly after", "early", ... as written, if any.
    pub hedge: Option<String>,
    /// Resolved against another event ("the week before", "the next day"),
    /// not the report date.
    pub relative_to_event: bool,
    /// Year was not written and was inferred.
    pub inferred_year: bool,
    /// For expressions relative to another event ("the week before": -7..-1),
    /// the day offsets from that event's day; resolved by the coder.
    pub rel_days: Option<(i32, i32)>,
}

/// What a count counts.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum CountKind {
    /// People killed.
    Fatalities,
    /// People wounded.
    Injuries,
    /// Another counted thing, by its key in the record's `counts`
    /// (`targets`, `munitions`, `arrests`, ...).
    Other(String),
}

/// A counted quantity linked to what it counts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CountMention {
    /// The number and its hedge ("at least 29").
    pub span: Span,
    /// The whole phrase that links it ("at least 29 ... were killed").
    pub phrase: Span,
    /// The quantity.
    pub qty: Quantity,
    /// What it counts.
    pub kind: CountKind,
}

/// Part of speech of a trigger.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TriggerPos {
    /// A verb ("struck", "condemned").
    Verb,
    /// A noun ("airstrike", "the attacks").
    Noun,
}

/// A word or phrase that signals an event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TriggerMention {
    /// The trigger as written.
    pub span: Span,
    /// PLOVER type.
    pub ptype: String,
    /// PLOVER mode, when the trigger implies one.
    pub mode: Option<String>,
    /// Verb or noun.
    pub pos: TriggerPos,
    /// Negated ("will not start a war").
    pub negated: bool,
    /// Not a real act: future, conditional, infinitive complement, request content.
    pub irrealis: bool,
    /// Passive voice ("were hit by airstrikes").
    pub passive: bool,
    /// A definite or demonstrative noun phrase that points back at an event
    /// already reported ("the attacks", "these strikes").
    pub anaphoric: bool,
    /// Row of the trigger lexicon that matched (provenance).
    pub rule: u32,
}

/// A weapon system named in the text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WeaponMention {
    /// As written.
    pub span: Span,
    /// Canonical name.
    pub name: String,
    /// The ASSAULT mode an attack with it implies.
    pub mode: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_ordinal_round_trips_and_weekday() {
        let d = Day {
            y: 2024,
            m: 2,
            d: 2,
        };
        assert_eq!(Day::from_ordinal(d.ordinal()), d);
        assert_eq!(d.weekday(), 4, "2 February 2024 was a Friday");
        assert_eq!(
            Day {
                y: 2024,
                m: 3,
                d: 1
            }
            .plus_days(-1),
            Day {
                y: 2024,
                m: 2,
                d: 29
            }
        );
        assert_eq!(
            Day::parse("2023-01-01T10:00:00Z"),
            Some(Day {
                y: 2023,
                m: 1,
                d: 1
            })
        );
        assert_eq!(Day::parse("2023-13-01"), None);
    }
}
