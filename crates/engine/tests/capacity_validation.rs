//! The capacity model's rules (MODEL.md, "Capacity"), each reported at its
//! field path with a message that says what is wrong, and the advice a
//! valid study may deserve.

use journey_engine::{Study, advice, presets};
use serde_json::{Value, json};

/// The Password reset preset (a simulated centre) with one field set (or
/// added) at a JSON pointer.
fn with(pointer: &str, value: Value) -> Value {
    let mut study: Value = serde_json::from_str(presets::all()[0].json).expect("preset parses");
    let (parent, key) = pointer.rsplit_once('/').expect("a pointer");
    let object = study
        .pointer_mut(parent)
        .and_then(Value::as_object_mut)
        .unwrap_or_else(|| panic!("no object at {parent}"));
    object.insert(key.to_owned(), value);
    study
}

fn refused(study: Value, path: &str, words: &str) {
    let err = Study::from_value(&study).expect_err("should be refused");
    assert!(
        err.problems
            .iter()
            .any(|p| p.path == path && p.message.contains(words)),
        "expected a problem at {path} containing {words:?}, got:\n{err}"
    );
}

const PHONE: &str = "/designs/0/channels/1/agent";

#[test]
fn rosters_are_one_number_24_or_168_whole_numbers_not_all_zero() {
    let mut hours = vec![json!(3); 23];
    refused(
        with(&format!("{PHONE}/staffing/agents"), json!(hours)),
        "designs[0].channels[1].agent.staffing.agents",
        "24 values expected (one per hour), got 23",
    );
    hours = vec![json!(3); 160];
    refused(
        with(&format!("{PHONE}/staffing/agents"), json!(hours)),
        "designs[0].channels[1].agent.staffing.agents",
        "168 values expected (one per hour of the week), got 160",
    );
    refused(
        with(&format!("{PHONE}/staffing/agents"), json!(vec![0; 24])),
        "designs[0].channels[1].agent.staffing.agents",
        "at least one hour needs an agent",
    );
    refused(
        with(&format!("{PHONE}/staffing/agents"), json!(2.5)),
        "designs[0].channels[1].agent.staffing.agents",
        "whole number",
    );
    refused(
        with(&format!("{PHONE}/staffing/agents"), json!(100_001)),
        "designs[0].channels[1].agent.staffing.agents",
        "out of range",
    );
    let mut day = vec![json!(2); 24];
    day[5] = json!(-1);
    refused(
        with(&format!("{PHONE}/staffing/agents"), json!(day)),
        "designs[0].channels[1].agent.staffing.agents[5]",
        "whole number of agents",
    );
    let week = Study::from_value(&with(
        &format!("{PHONE}/staffing/agents"),
        json!(vec![4; 168]),
    ))
    .expect("168 hours");
    assert!(
        week.designs[0].channels[1]
            .agent
            .as_ref()
            .and_then(|a| a.staffing.as_ref())
            .is_some()
    );
}

#[test]
fn concurrency_queue_and_targets_are_checked() {
    refused(
        with(&format!("{PHONE}/staffing/concurrency"), json!(11)),
        "designs[0].channels[1].agent.staffing.concurrency",
        "out of range",
    );
    refused(
        with(&format!("{PHONE}/staffing/queue"), json!("phone")),
        "designs[0].channels[1].agent.staffing.queue",
        "not a queue",
    );
    refused(
        with(&format!("{PHONE}/staffing/cost_per_agent_hour"), json!(-3)),
        "designs[0].channels[1].agent.staffing.cost_per_agent_hour",
        "negative",
    );
    refused(
        with(&format!("{PHONE}/staffing/service_level_seconds"), json!(0)),
        "designs[0].channels[1].agent.staffing.service_level_seconds",
        "answer target",
    );
}

#[test]
fn staffing_needs_demand_and_an_unstaffed_agent_needs_its_hold() {
    let mut study = with("/title", json!("No volume"));
    study.as_object_mut().expect("object").remove("demand");
    refused(
        study,
        "designs[0].channels[1].agent.staffing",
        "needs the study's demand",
    );
    let mut study = with("/title", json!("Unstaffed"));
    study
        .pointer_mut(PHONE)
        .and_then(Value::as_object_mut)
        .expect("agent")
        .remove("staffing");
    refused(
        study,
        "designs[0].channels[1].agent.hold_minutes",
        "is missing",
    );
}

#[test]
fn demand_is_checked_field_by_field() {
    refused(
        with("/demand/customers_per_day", json!(0)),
        "demand.customers_per_day",
        "above 0",
    );
    refused(
        with("/demand/hourly_profile", json!(vec![1; 23])),
        "demand.hourly_profile",
        "24 values expected",
    );
    refused(
        with("/demand/hourly_profile", json!(vec![0; 24])),
        "demand.hourly_profile",
        "at least one weight",
    );
    refused(
        with("/demand/weekday_profile", json!([1, 1, 1])),
        "demand.weekday_profile",
        "7 values expected",
    );
    refused(
        with("/demand/days", json!(29)),
        "demand.days",
        "out of range",
    );
    refused(
        with("/demand/warmup_days", json!(8)),
        "demand.warmup_days",
        "out of range",
    );
    refused(
        with("/demand/replications", json!(1)),
        "demand.replications",
        "out of range",
    );
    refused(
        with("/demand/replications", json!(1001)),
        "demand.replications",
        "out of range",
    );
    refused(
        with("/demand/service_level_seconds", json!(-1)),
        "demand.service_level_seconds",
        "negative",
    );
    refused(
        with("/demand/customers_per_day", json!(500_000)),
        "demand.customers_per_day",
        "at most 10,000,000 are simulated",
    );
    refused(with("/demand/sla", json!(20)), "demand.sla", "not a field");
}

#[test]
fn every_problem_of_a_capacity_study_is_reported_at_once() {
    let mut study = with("/demand/days", json!(0));
    study["designs"][1]["channels"][2]["agent"]["staffing"]["agents"] = json!(vec![1; 25]);
    study["designs"][0]["channels"][1]["agent"]["staffing"]["queue"] = json!("lve");
    let err = Study::from_value(&study).expect_err("three problems");
    let paths: Vec<&str> = err.problems.iter().map(|p| p.path.as_str()).collect();
    for want in [
        "demand.days",
        "designs[1].channels[2].agent.staffing.agents",
        "designs[0].channels[1].agent.staffing.queue",
    ] {
        assert!(paths.contains(&want), "{want} missing from {paths:?}");
    }
}

fn advice_of(study: Value) -> Vec<String> {
    let study = Study::from_value(&study).unwrap_or_else(|e| panic!("valid: {e}"));
    advice(&study).iter().map(ToString::to_string).collect()
}

#[test]
fn what_a_valid_study_holds_but_does_not_use_is_advised() {
    let mut study = with(
        &format!("{PHONE}/hold_minutes"),
        json!({"kind": "exponential", "mean": 3}),
    );
    study["designs"][0]["channels"][2]["agent"]["staffing"]["queue"] = json!("backlog");
    study["designs"][0]["channels"][2]["agent"]["response_delay_hours"] =
        json!({"kind": "fixed", "value": 4});
    study["designs"][0]["channels"][2]["agent"]["cost_per_minute"] = json!(0.5);
    let advice = advice_of(study);
    assert!(
        advice
            .iter()
            .any(|a| a.starts_with("designs[0].channels[2].agent.cost_per_minute: is paid on top")),
        "{advice:?}"
    );
    assert!(
        advice
            .iter()
            .any(|a| a
                .starts_with("designs[0].channels[1].agent.hold_minutes: is kept but not used")),
        "{advice:?}"
    );
    assert!(
        advice.iter().any(|a| a.starts_with(
            "designs[0].channels[2].agent.response_delay_hours: is kept but not used"
        )),
        "{advice:?}"
    );
    // The presets themselves deserve no advice.
    for preset in presets::all() {
        let advice = advice_of(serde_json::from_str(preset.json).expect("JSON"));
        assert!(advice.is_empty(), "{}: {advice:?}", preset.id);
    }
}

#[test]
fn hours_with_arrivals_but_every_channel_closed_are_advised() {
    // One phone line, open 9 to 17, and customers all day long.
    let study = json!({
        "schema": 2,
        "demand": {"customers_per_day": 100},
        "designs": [{"name": "Current",
            "personas": [{"name": "P", "share": 1, "channel_mix": {"Phone": 1}, "patience": {"kind": "fixed", "value": 5}}],
            "channels": [{"name": "Phone", "agent": {"handle_minutes": {"kind": "fixed", "value": 5}, "resolution": 1,
                "staffing": {"agents": (0..24).map(|h| if (9..17).contains(&h) { 2 } else { 0 }).collect::<Vec<_>>()}}}]}]
    });
    let advice = advice_of(study);
    assert!(
        advice.iter().any(
            |a| a.starts_with("designs[0]: customers arrive Mondays 00:00–09:00")
                && a.contains("find it closed")
        ),
        "{advice:?}"
    );
}

#[test]
fn a_capacity_study_writes_back_as_schema_2_and_reads_back_the_same() {
    for preset in presets::all() {
        let study = Study::from_json(preset.json).expect("valid");
        assert_eq!(study.schema, 2);
        assert!(study.to_json().contains("\"schema\":2"));
        assert_eq!(
            Study::from_json(&study.to_json()).expect("reads back"),
            study,
            "{}",
            preset.id
        );
    }
}
