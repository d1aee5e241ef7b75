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
