//! The smallest change that matters: a variant whose change lies wholly
//! within it is called negligible, however narrow its interval; the study
//! may set its own, and 0 turns the verdict off.

mod support {
    pub mod fixtures;
}

use journey_engine::{Study, Verdict, run};
use serde_json::Value;
use support::fixtures::schema1_json;

/// Password reset with its variant replaced by Current with every agent
/// minute costing `factor` times as much, and `smallest` as the study's
/// `smallest_changes`.
fn dearer_minutes(factor: f64, smallest: Value) -> Study {
    let mut file: Value = serde_json::from_str(&schema1_json("password-reset")).expect("fixture is JSON");
    let mut variant = file["designs"][0].clone();
    variant["name"] = "Dearer minutes".into();
    for channel in variant["channels"].as_array_mut().expect("channels") {
        if let Some(agent) = channel.get_mut("agent").filter(|a| a.is_object()) {
            let cost = agent["cost_per_minute"].as_f64().unwrap_or(0.0);
            agent["cost_per_minute"] = (cost * factor).into();
        }
    }
    file["designs"] = Value::Array(vec![file["designs"][0].clone(), variant]);
    file["journeys"] = 20_000.into();
    if !smallest.is_null() {
        file["smallest_changes"] = smallest;
    }
    Study::from_value(&file).expect("valid study")
}

fn verdict(study: &Study, key: &str) -> Verdict {
    let report = run(study);
    report.comparisons[0].kpis.get(key).expect("kpi").verdict
}

#[test]
fn a_sure_but_tiny_change_is_negligible_and_a_large_one_is_not() {
    // 0.2% dearer minutes: cost per journey surely rises (the same
    // customers, so the paired interval is narrow) but by far less than 1%.
    assert_eq!(verdict(&dearer_minutes(1.002, Value::Null), "cost_per_journey"), Verdict::Negligible);
    assert_eq!(verdict(&dearer_minutes(1.002, serde_json::json!({"cost_per_journey": 0})), "cost_per_journey"), Verdict::Worse);
    // 30% dearer: a change that matters.
    assert_eq!(verdict(&dearer_minutes(1.3, Value::Null), "cost_per_journey"), Verdict::Worse);
    // A figure the change cannot touch: an interval of exactly nothing
    // lies within any smallest change.
    assert_eq!(verdict(&dearer_minutes(1.3, Value::Null), "resolution_rate"), Verdict::Negligible);
    // The study's own, larger threshold takes the 30% in.
    let lenient = dearer_minutes(1.3, serde_json::json!({"cost_per_journey": 0.5}));
    assert_eq!(verdict(&lenient, "cost_per_journey"), Verdict::Negligible);
}

#[test]
fn smallest_changes_are_checked_and_written_back_in_kpi_order() {
    let mut file: Value = serde_json::from_str(&schema1_json("password-reset")).expect("fixture is JSON");
    file["smallest_changes"] = serde_json::json!({"satisfaction": 0.02, "resolution_rate": 1.5, "resolutoin_rate": 0.1});
    let problems = Study::from_value(&file).expect_err("two problems").to_string();
    assert!(problems.contains("smallest_changes.resolution_rate: 1.5 must be between 0 and 1"), "{problems}");
    assert!(problems.contains("smallest_changes.resolutoin_rate: is not a field"), "{problems}");
    file["smallest_changes"] = serde_json::json!({"satisfaction": 0.02, "resolution_rate": 0.01});
    let study = Study::from_value(&file).expect("valid");
    let written = study.to_json();
    let at = |key: &str| written.find(key).expect(key);
    assert!(at("\"resolution_rate\":0.01") < at("\"satisfaction\":0.02"), "{written}");
    // A study that sets none writes none, so links stay as they were.
    let plain = Study::from_json(&schema1_json("password-reset")).expect("valid");
    assert!(!plain.to_json().contains("smallest_changes"));
}
