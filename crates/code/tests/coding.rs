//! The coder on reports written for the project: types, negation, modality,
//! reported speech, coreference and children.

use serde_json::Value;
use sitrep_core::{Doc, Meta};
use sitrep_lexicon::Lexicon;

fn code(text: &str, published: Option<&str>) -> Vec<Value> {
    let mut d = Doc::new(
        "t",
        text,
        Meta {
            published: published.map(str::to_string),
            ..Meta::default()
        },
    );
    sitrep_code::process(&mut d, Lexicon::embedded())
        .into_iter()
        .map(|e| serde_json::to_value(e).unwrap())
        .collect()
}

fn types(evs: &[Value]) -> Vec<&str> {
    evs.iter().map(|e| e["type"].as_str().unwrap()).collect()
}

#[test]
fn negated_attack_is_no_event_but_the_threat_is() {
    let evs = code(
        "President Ebrahim Raisi said that Iran will not start a war, but it will respond strongly to anyone who bullies it.",
        None,
    );
    assert_eq!(types(&evs), ["THREATEN"]);
    assert_eq!(evs[0]["actors"][0]["country"], "IRN");
}

#[test]
fn a_call_for_an_attack_is_a_request_not_an_assault() {
    let evs = code(
        "Some top US political figures called for a direct attack on Iran.",
        None,
    );
    assert_eq!(types(&evs), ["REQUEST"]);
    assert_eq!(evs[0]["actors"][0]["country"], "USA");
}

#[test]
fn later_mentions_of_a_strike_are_the_same_strike() {
    let evs = code(
        "On 2 February 2024, US forces carried out airstrikes on militia positions in Iraq and Syria. Officials said the strikes hit 85 targets across seven facilities.",
        None,
    );
    let assaults: Vec<&Value> = evs.iter().filter(|e| e["type"] == "ASSAULT").collect();
    assert_eq!(assaults.len(), 1, "{evs:#?}");
    let e = assaults[0];
    assert_eq!(e["sources"].as_array().unwrap().len(), 2);
    assert_eq!(e["counts"]["targets"]["value"], 85);
    assert_eq!(e["counts"]["facilities"]["value"], 7);
    assert_eq!(e["mode"], "aerial");
    assert_eq!(e["date"]["start"], "2024-02-02");
}

#[test]
fn speech_verbs_code_their_types() {
    for (text, ty) in [
        ("The Iraqi government condemned the attack.", "ACCUSE"),
        ("The Syrian Ministry of Defence slammed the raid.", "ACCUSE"),
        (
            "Hezbollah warned Israel against further strikes.",
            "THREATEN",
        ),
        ("The militia vowed to avenge its commander.", "THREATEN"),
        (
            "The United Nations urged both sides to stop fighting.",
            "REQUEST",
        ),
        (
            "The African Union called on the junta to release the president.",
            "REQUEST",
        ),
        ("Britain backed the strikes.", "SUPPORT"),
        ("France praised the ceasefire.", "SUPPORT"),
        ("Iraq summoned the US charge d'affaires.", "ACCUSE"),
        ("The rebels rejected the proposal.", "REJECT"),
        (
            "Sudan's army and the RSF agreed to a 72-hour truce.",
            "AGREE",
        ),
        ("Police arrested 14 protesters in Nairobi.", "COERCE"),
        ("Thousands of people protested in Khartoum.", "PROTEST"),
        (
            "The Treasury imposed sanctions on three Wagner commanders.",
            "SANCTION",
        ),
        (
            "Russia deployed additional troops to the border.",
            "MOBILIZE",
        ),
        ("The militants withdrew from the town.", "RETREAT"),
    ] {
        let evs = code(text, Some("2024-05-01"));
        assert!(types(&evs).contains(&ty), "{text}: {:?}", types(&evs));
    }
}

#[test]
fn the_sayer_of_a_report_is_a_source_not_the_attacker() {
    let evs = code(
        "On 2 February 2024, US aircraft bombed militia sites in Iraq and Syria.\nIraqi officials reported that airstrikes targeted the headquarters of the Popular Mobilization Forces in Akashat, killing 16 fighters.",
        None,
    );
    let child = evs
        .iter()
        .find(|e| e["fatalities"]["value"] == 16)
        .expect("the Akashat strike");
    assert!(
        child["parent"].is_string(),
        "a site of the operation: {child:#}"
    );
    assert_eq!(
        child["actors"][0]["country"], "USA",
        "the actor comes from the operation, not from 'Iraqi officials'"
    );
    assert_eq!(child["targets"][0]["country"], "IRQ");
    assert_eq!(child["locations"][0]["name"], "Akashat");
}

#[test]
fn local_time_uses_the_zone_of_the_place() {
    let evs = code(
        "On 2 February 2024, US forces struck militia sites in Syria.\n7 February\nAt 9:30 p.m. local time, the United States conducted a drone strike on a vehicle in Baghdad.",
        None,
    );
    let e = evs
        .iter()
        .find(|e| e["locations"][0]["name"] == "Baghdad")
        .unwrap();
    assert_eq!(e["time_utc"], "2024-02-07T18:30Z", "Baghdad is UTC+3");
    assert_eq!(e["date"]["start"], "2024-02-07");
}

#[test]
fn condemnation_targets_the_attacker() {
    let evs = code(
        "Russian forces shelled a market in Kherson on 19 November 2023. Ukraine's foreign ministry condemned the attack.",
        None,
    );
    let c = evs.iter().find(|e| e["type"] == "ACCUSE").unwrap();
    assert_eq!(c["actors"][0]["country"], "UKR");
    assert_eq!(c["targets"][0]["country"], "RUS");
}

#[test]
fn the_town_is_the_place_the_report_is_about() {
    let evs = code(
        "Battle of Kupiansk\n\nRussian troops shelled Kupiansk in Kharkiv Oblast on 3 May 2024. Ukrainian forces later retook the town on 9 May 2024.",
        None,
    );
    let retake = evs
        .iter()
        .find(|e| e["date"]["start"] == "2024-05-09")
        .expect("the retaking is an event");
    assert_eq!(retake["locations"][0]["name"], "Kupiansk");
    assert_eq!(retake["locations"][0]["country"], "UKR");
}

#[test]
fn an_act_without_a_place_happens_where_the_paragraph_stands() {
    let evs = code(
        "On 12 October 2019, Turkish forces entered Ras al-Ayn. On 13 October 2019, the SDF launched a counter-offensive.",
        None,
    );
    let counter = evs
        .iter()
        .find(|e| e["date"]["start"] == "2019-10-13")
        .expect("the counter-offensive is an event");
    assert_eq!(counter["locations"][0]["country"], "SYR", "{counter:#}");
}

#[test]
fn two_speech_acts_of_one_sentence_are_two_events() {
    let evs = code(
        "Our governments issued a joint statement on January 3, 2024, which called for the immediate end of the attacks and warned that the Houthis would bear the consequences.",
        Some("2024-01-11"),
    );
    let mut t = types(&evs);
    t.sort_unstable();
    assert_eq!(t, ["REQUEST", "THREATEN"], "{evs:#?}");
    for e in &evs {
        assert_eq!(e["date"]["start"], "2024-01-03", "{e:#}");
    }
}

#[test]
fn a_fronted_cause_is_not_the_main_act() {
    let evs = code(
        "In response to continued Houthi attacks against vessels, including commercial shipping, the armed forces of the United States conducted strikes against targets in Yemen.",
        Some("2024-01-11"),
    );
    let strike = evs
        .iter()
        .find(|e| {
            e["actors"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a["country"] == "USA")
        })
        .unwrap_or_else(|| panic!("the strike is coded with its actor: {evs:#?}"));
    assert_eq!(strike["type"], "ASSAULT");
    assert!(
        !strike["actors"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["country"] == "YEM"),
        "the Houthis did not strike: {strike:#}"
    );
}

#[test]
fn a_threat_the_report_makes_is_dated_by_its_publication() {
    let evs = code(
        "Absent such steps, the U.S. government will continue to impose costs on the regime.",
        Some("2021-08-09"),
    );
    assert_eq!(types(&evs), ["THREATEN"]);
    assert_eq!(evs[0]["date"]["start"], "2021-08-09");
}

#[test]
fn a_date_inside_a_demand_does_not_date_the_demand() {
    let evs = code(
        "We call on the regime to allow an investigation into the events of May 23.",
        Some("2021-05-28"),
    );
    let req = evs
        .iter()
        .find(|e| e["type"] == "REQUEST")
        .expect("a request");
    assert_eq!(req["date"]["start"], "2021-05-28");
}

#[test]
fn an_announced_attack_is_a_threat_and_continuing_cooperation_is_not() {
    let evs = code(
        "Russia's defence ministry said that Russia would continue attacks on foreign fighters in Ukraine.",
        None,
    );
    assert_eq!(types(&evs), ["THREATEN"], "{evs:#?}");
    assert_eq!(evs[0]["actors"][0]["country"], "RUS");
    let evs = code(
        "The United States will continue to work with its partners in the region.",
        None,
    );
    assert!(
        !types(&evs).contains(&"THREATEN"),
        "continuing to work together threatens nobody: {evs:#?}"
    );
}
