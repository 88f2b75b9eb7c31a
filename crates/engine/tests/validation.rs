//! Every validation rule of MODEL.md, each reported at its field path with
//! a message that says what is wrong; all problems of a file at once; and
//! no panic on any JSON at all.

mod support {
    pub mod fixtures;
}

use journey_engine::{Study, presets};
use support::fixtures::schema1_json;
use proptest::prelude::*;
use serde_json::{Value, json};

/// The schema 1 Password reset study (the preset before the capacity
/// model) with one change made at a JSON pointer.
fn with(pointer: &str, value: Value) -> Value {
    let mut study: Value = serde_json::from_str(&schema1_json("password-reset")).expect("fixture parses");
    *study.pointer_mut(pointer).unwrap_or_else(|| panic!("no field at {pointer}")) = value;
    study
}

fn without(parent: &str, key: &str) -> Value {
    let mut study: Value = serde_json::from_str(&schema1_json("password-reset")).expect("fixture parses");
    study.pointer_mut(parent).and_then(Value::as_object_mut).expect("object").remove(key);
    study
}

/// Asserts the study is refused with a problem at `path` whose message
/// contains `words`.
fn refused(study: Value, path: &str, words: &str) {
    let err = Study::from_value(&study).expect_err("should be refused");
    assert!(
        err.problems.iter().any(|p| p.path == path && p.message.contains(words)),
        "expected a problem at {path} containing {words:?}, got:\n{err}"
    );
}

#[test]
fn every_preset_is_a_valid_study_that_writes_back_unchanged() {
    for preset in presets::all() {
        let study = Study::from_json(preset.json).unwrap_or_else(|e| panic!("{}: {e}", preset.id));
        let again = Study::from_json(&study.to_json()).expect("written study reads back");
        assert_eq!(again, study, "{}", preset.id);
    }
}

#[test]
fn probabilities_must_lie_between_0_and_1() {
    refused(
        with("/designs/1/channels/1/agent/resolution", json!(1.3)),
        "designs[1].channels[1].agent.resolution",
        "1.3 is not a probability",
    );
    refused(with("/designs/0/personas/0/retry_after_abandon", json!(-0.1)), "designs[0].personas[0].retry_after_abandon", "not a probability");
    refused(with("/designs/0/personas/2/switch_on_retry", json!(2)), "designs[0].personas[2].switch_on_retry", "not a probability");
    refused(with("/designs/0/channels/0/self_service/containment", json!(1.01)), "designs[0].channels[0].self_service.containment", "not a probability");
}

#[test]
fn containment_plus_abandonment_and_resolution_plus_escalation_stay_within_1() {
    refused(with("/designs/0/channels/0/self_service/containment", json!(0.95)), "designs[0].channels[0].self_service.abandonment", "is more than 1");
    refused(with("/designs/0/channels/1/agent/resolution", json!(0.99)), "designs[0].channels[1].agent.escalation", "is more than 1");
}

#[test]
fn escalation_needs_a_tier_2() {
    let mut study = without("/designs/0/channels/1/agent", "tier2");
    *study.pointer_mut("/designs/0/channels/1/agent/escalation").unwrap() = json!(0.1);
    refused(study, "designs[0].channels[1].agent.tier2", "is required because escalation is 0.1");
    // Without escalation, no tier 2 is fine.
    let mut study = without("/designs/0/channels/1/agent", "tier2");
    *study.pointer_mut("/designs/0/channels/1/agent/escalation").unwrap() = json!(0);
    for d in 1..2 {
        let path = format!("/designs/{d}/channels/1/agent/escalation");
        *study.pointer_mut(&path).unwrap() = json!(0);
        study.pointer_mut(&format!("/designs/{d}/channels/1/agent")).and_then(Value::as_object_mut).unwrap().remove("tier2");
    }
    Study::from_value(&study).expect("no escalation, no tier 2");
}

#[test]
fn distributions_must_be_finite_non_negative_and_ordered() {
    refused(
        with("/designs/0/channels/0/self_service/minutes", json!({"kind": "uniform", "min": 12, "max": 3})),
        "designs[0].channels[0].self_service.minutes.max",
        "below min",
    );
    refused(
        with("/designs/0/personas/0/patience", json!({"kind": "lognormal", "median": 6, "p90": 2})),
        "designs[0].personas[0].patience.p90",
        "below the median",
    );
    refused(
        with("/designs/0/repeat_explanation_minutes", json!({"kind": "triangular", "min": 1, "mode": 0.5, "max": 4})),
        "designs[0].repeat_explanation_minutes.mode",
        "below min",
    );
    refused(with("/designs/0/personas/0/retry_gap_hours", json!({"kind": "exponential", "mean": -2})), "designs[0].personas[0].retry_gap_hours.mean", "negative");
    refused(with("/designs/0/personas/0/retry_gap_hours", json!({"kind": "gamma", "mean": 0, "sd": 1})), "designs[0].personas[0].retry_gap_hours.mean", "above 0");
    refused(with("/designs/0/personas/0/retry_gap_hours", json!({"kind": "empirical", "values": []})), "designs[0].personas[0].retry_gap_hours.values", "at least one");
    refused(with("/designs/0/personas/0/retry_gap_hours", json!({"kind": "empirical", "values": [1, "x"]})), "designs[0].personas[0].retry_gap_hours.values[1]", "must be a number");
    refused(with("/designs/0/personas/0/retry_gap_hours", json!({"kind": "weibull", "shape": 2})), "designs[0].personas[0].retry_gap_hours.kind", "not a distribution kind");
    refused(with("/designs/0/personas/0/retry_gap_hours", json!({"mean": 2})), "designs[0].personas[0].retry_gap_hours.kind", "is missing");
    refused(with("/designs/0/personas/0/retry_gap_hours", json!({"kind": "fixed", "value": 1, "extra": 2})), "designs[0].personas[0].retry_gap_hours.extra", "not a field");
}

#[test]
fn channel_mixes_name_existing_channels_and_have_weight() {
    refused(
        with("/designs/0/personas/0/channel_mix", json!({"Fax": 1})),
        "designs[0].personas[0].channel_mix[\"Fax\"]",
        "no channel called \"Fax\"",
    );
    refused(
        with("/designs/0/personas/0/channel_mix", json!({"Phone": 0, "Chat": 0})),
        "designs[0].personas[0].channel_mix",
        "at least one channel needs a weight above 0",
    );
    refused(with("/designs/0/personas/0/channel_mix/Phone", json!(-1)), "designs[0].personas[0].channel_mix[\"Phone\"]", "not a weight");
}

#[test]
fn shares_counts_and_limits() {
    let mut study = with("/designs/0/personas/0/share", json!(0));
    for p in 1..3 {
        *study.pointer_mut(&format!("/designs/0/personas/{p}/share")).unwrap() = json!(0);
    }
    refused(study, "designs[0].personas", "at least one persona needs a share above 0");
    refused(with("/designs/0/personas/0/share", json!(-0.5)), "designs[0].personas[0].share", "negative");
    refused(with("/designs/0/personas/0/max_contacts", json!(11)), "designs[0].personas[0].max_contacts", "out of range");
    refused(with("/designs/0/personas/0/max_contacts", json!(0)), "designs[0].personas[0].max_contacts", "out of range");
    refused(with("/designs/0/personas/0/max_contacts", json!(2.5)), "designs[0].personas[0].max_contacts", "whole number");
    refused(with("/journeys", json!(0)), "journeys", "out of range");
    refused(with("/journeys", json!(10_000_001)), "journeys", "out of range");
    refused(with("/seed", json!(-1)), "seed", "whole number");
    refused(with("/designs", json!([])), "designs", "at least 1 design");
    let seven: Vec<Value> = (0..7)
        .map(|i| {
            let mut d = with("/title", json!("x"))["designs"][0].clone();
            d["name"] = json!(format!("D{i}"));
            d
        })
        .collect();
    refused(with("/designs", json!(seven)), "designs", "at most 6");
    refused(with("/designs/0/personas", json!([])), "designs[0].personas", "at least 1 persona");
    refused(with("/designs/0/channels", json!([])), "designs[0].channels", "at least 1 channel");
    refused(with("/designs/0/personas/0/baseline_satisfaction", json!(120)), "designs[0].personas[0].baseline_satisfaction", "not a score");
    refused(with("/satisfaction/satisfied_threshold", json!(-1)), "satisfaction.satisfied_threshold", "not a score");
    refused(with("/satisfaction/unresolved", json!(-5)), "satisfaction.unresolved", "negative");
    refused(with("/designs/0/channels/1/agent/cost_per_minute", json!(2e9)), "designs[0].channels[1].agent.cost_per_minute", "too large");
    refused(
        with("/designs/0/personas/0/patience", json!({"kind": "exponential", "mean": 1e12})),
        "designs[0].personas[0].patience.mean",
        "too large",
    );
}

#[test]
fn channels_need_self_service_or_an_agent_and_a_known_kind() {
    refused(with("/designs/0/channels/1", json!({"name": "Phone", "kind": "phone"})), "designs[0].channels[1]", "needs self_service or agent");
    refused(with("/designs/0/channels/1/kind", json!("fax")), "designs[0].channels[1].kind", "not a channel kind");
}

#[test]
fn names_are_required_and_unique() {
    refused(with("/designs/1/name", json!("Current")), "designs[1].name", "already called \"Current\"");
    refused(with("/designs/0/personas/1/name", json!("Everyday customer")), "designs[0].personas[1].name", "already called");
    refused(with("/designs/0/personas/1/name", json!("  ")), "designs[0].personas[1].name", "must not be empty");
    refused(without("/designs/0", "name"), "designs[0].name", "is missing");
}

#[test]
fn wrong_types_and_unknown_fields_are_named() {
    refused(with("/designs/0/channels/1/agent/resolution", json!("high")), "designs[0].channels[1].agent.resolution", "must be a number, not \"high\"");
    refused(with("/designs/0/context_carryover", json!("yes")), "designs[0].context_carryover", "true or false");
    refused(with("/title", json!(3)), "title", "must be text");
    let mut study = with("/title", json!("t"));
    study["designs"][0]["channels"][1]["agent"]["resolutoin"] = json!(0.5);
    refused(study, "designs[0].channels[1].agent.resolutoin", "did you mean \"resolution\"");
}

#[test]
fn schemas_from_newer_versions_are_explained_and_missing_schema_means_current() {
    refused(with("/schema", json!(3)), "schema", "newer version");
    let study = without("", "schema");
    assert_eq!(Study::from_value(&study).expect("no schema is the current one").schema, 1, "written as the lowest schema that holds it");
    // A schema 2 file without the capacity model is the same study.
    let two = Study::from_value(&with("/schema", json!(2))).expect("schema 2");
    assert_eq!(two, Study::from_value(&without("", "schema")).expect("same"));
}

#[test]
fn all_problems_of_a_file_are_reported_at_once() {
    let mut study = with("/designs/0/channels/1/agent/resolution", json!(1.3));
    study["designs"][1]["personas"][0]["max_contacts"] = json!(0);
    study["journeys"] = json!(-4);
    let err = Study::from_value(&study).expect_err("three problems");
    let paths: Vec<&str> = err.problems.iter().map(|p| p.path.as_str()).collect();
    for want in ["journeys", "designs[0].channels[1].agent.resolution", "designs[1].personas[0].max_contacts"] {
        assert!(paths.contains(&want), "{want} missing from {paths:?}");
    }
}

#[test]
fn a_key_given_twice_is_refused_not_silently_taken() {
    let text = schema1_json("password-reset").replacen("\"journeys\":", "\"journeys\": 5, \"journeys\":", 1);
    let err = Study::from_json(&text).expect_err("journeys twice");
    assert!(err.problems[0].message.contains("\"journeys\" appears twice"), "{err}");
}

#[test]
fn whole_numbers_beyond_the_exact_floats_must_be_written_as_digits() {
    refused(with("/seed", json!(1.8446744073709552e19)), "seed", "plain digits");
    refused(with("/seed", json!(9007199254740994.0)), "seed", "plain digits");
    let exact = Study::from_value(&with("/seed", json!(18_446_744_073_709_551_615u64))).expect("u64 digits");
    assert_eq!(exact.seed, u64::MAX);
    let small = Study::from_value(&with("/seed", json!(3.0))).expect("a small whole float");
    assert_eq!(small.seed, 3);
}

#[test]
fn channel_weights_are_capped_like_every_amount() {
    let mut study = with("/designs/0/personas/0/channel_mix", json!({"Phone": 1e308, "Chat": 1e308}));
    study["designs"][1]["personas"][0]["channel_mix"] = json!({"Phone": 1, "Chat": 1});
    refused(study, "designs[0].personas[0].channel_mix[\"Phone\"]", "too large");
}

/// A design in which one journey could reach more than 10¹⁰ minutes,
/// hours or money is refused at the channel to blame: the sums of a run
/// are exact only below that.
#[test]
fn journeys_that_could_overflow_the_exact_sums_are_refused() {
    let mut study = with("/designs/0/channels/1/agent/cost_per_minute", json!(1e9));
    study["designs"][0]["channels"][1]["agent"]["handle_minutes"] = json!({"kind": "fixed", "value": 1e3});
    refused(study, "designs[0].channels[1]", "could cost up to");
    let mut study = with("/title", json!("Slow replies"));
    study["designs"][0]["channels"][2]["agent"]["response_delay_hours"] = json!({"kind": "fixed", "value": 1e9});
    study["designs"][0]["personas"][0]["retry_gap_hours"] = json!({"kind": "fixed", "value": 1e9});
    refused(study, "designs[0].channels[2]", "could last up to");
}

/// Distributions whose draws would reach beyond 10⁹ are refused with the
/// range that works.
#[test]
fn distributions_too_wide_to_sum_say_what_range_works() {
    refused(
        with("/designs/0/channels/1/agent/handle_minutes", json!({"kind": "lognormal", "median": 1, "p90": 1e9})),
        "designs[0].channels[1].agent.handle_minutes.p90",
        "with this median the p90 can be at most 25",
    );
    refused(
        with("/designs/0/channels/1/agent/handle_minutes", json!({"kind": "exponential", "mean": 1e9})),
        "designs[0].channels[1].agent.handle_minutes.mean",
        "the mean can be at most 27,",
    );
    refused(
        with("/designs/0/channels/1/agent/handle_minutes", json!({"kind": "gamma", "mean": 1e-300, "sd": 1e9})),
        "designs[0].channels[1].agent.handle_minutes.sd",
        "at most 1,000 times the mean",
    );
}

/// A study with hundreds of thousands of faults lists the first hundred
/// and counts the rest, so no link can freeze the page or flood a terminal.
#[test]
fn problems_beyond_the_first_hundred_are_counted_not_listed() {
    let values: Vec<Value> = (0..100_000).map(|_| json!("x")).collect();
    let mut study = with("/designs/0/channels/1/agent/handle_minutes", json!({"kind": "empirical", "values": values}));
    study["designs"][1]["channels"][1]["agent"]["handle_minutes"] = json!({"kind": "empirical", "values": values});
    let err = Study::from_value(&study).expect_err("200,000 problems");
    assert_eq!(err.problems.len(), 101);
    let last = err.problems.last().expect("a count");
    assert_eq!(last.message, "and 199,900 more problems (only the first 100 are listed)");
}

#[test]
fn syntax_errors_say_where() {
    let err = Study::from_json("{\"schema\": 1,\n \"title\": }").expect_err("not JSON");
    assert!(err.problems[0].message.contains("line 2"), "{err}");
}

fn arbitrary_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<f64>().prop_filter("finite", |x| x.is_finite()).prop_map(|x| json!(x)),
        any::<i64>().prop_map(|x| json!(x)),
        "[a-z_]{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(5, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    Just("designs".to_owned()),
                    Just("personas".to_owned()),
                    Just("channels".to_owned()),
                    Just("kind".to_owned()),
                    Just("name".to_owned()),
                    "[a-z_]{1,10}"
                ],
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A valid study with random values put at random places.
fn mutated_preset() -> impl Strategy<Value = Value> {
    let study: Value = serde_json::from_str(&schema1_json("pro-photographer")).expect("fixture parses");
    let mut pointers = Vec::new();
    fn collect(v: &Value, at: String, out: &mut Vec<String>) {
        out.push(at.clone());
        match v {
            Value::Object(m) => m.iter().for_each(|(k, c)| collect(c, format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")), out)),
            Value::Array(a) => a.iter().enumerate().for_each(|(i, c)| collect(c, format!("{at}/{i}"), out)),
            _ => {}
        }
    }
    collect(&study, String::new(), &mut pointers);
    (prop::collection::vec((prop::sample::select(pointers), arbitrary_json()), 1..4)).prop_map(move |changes| {
        let mut s = study.clone();
        for (pointer, value) in changes {
            if let Some(slot) = s.pointer_mut(&pointer) {
                *slot = value;
            }
        }
        s
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_json_never_panics(value in arbitrary_json()) {
        let _ = Study::from_value(&value);
    }

    #[test]
    fn mutated_studies_never_panic_and_valid_ones_run(value in mutated_preset()) {
        match Study::from_value(&value) {
            Ok(mut study) => {
                study.journeys = 300;
                let report = journey_engine::run(&study);
                prop_assert_eq!(report.journeys, 300);
            }
            Err(e) => prop_assert!(!e.problems.is_empty()),
        }
    }
}
