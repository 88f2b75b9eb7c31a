//! What the editor adds when the person asks for a new persona, channel,
//! design or optional section: complete, valid JSON with plain, typical
//! contact-centre figures, and names that do not clash with existing ones.

use serde_json::{Value, json};

/// `base`, or `base 2`, `base 3`, … — the first that is not taken.
pub fn unique_name(base: &str, taken: &[String]) -> String {
    if !taken.iter().any(|t| t == base) {
        return base.to_owned();
    }
    (2..).map(|n| format!("{base} {n}")).find(|name| !taken.contains(name)).unwrap_or_default()
}

/// The names of the items of a list in the draft (personas, channels,
/// designs).
pub fn names(list: Option<&Value>) -> Vec<String> {
    list.and_then(Value::as_array)
        .map(|items| items.iter().filter_map(|i| i.get("name").and_then(Value::as_str).map(str::to_owned)).collect())
        .unwrap_or_default()
}

/// A new persona for a design: an even share, every channel of the design
/// equally likely for the first contact.
pub fn persona(design: &Value) -> Value {
    let name = unique_name("New persona", &names(design.get("personas")));
    let mix: serde_json::Map<String, Value> = names(design.get("channels")).into_iter().map(|c| (c, json!(1))).collect();
    json!({
        "name": name,
        "share": 0.2,
        "channel_mix": mix,
        "patience": {"kind": "lognormal", "median": 5, "p90": 15},
        "hold_tolerance": 3,
        "retry_after_abandon": 0.6,
        "retry_after_failure": 0.7,
        "switch_on_retry": 0.3,
        "max_contacts": 4,
        "retry_gap_hours": {"kind": "exponential", "mean": 4},
        "baseline_satisfaction": 80
    })
}

/// A new channel: chat with agents, no self-service.
pub fn channel(design: &Value) -> Value {
    let name = unique_name("New channel", &names(design.get("channels")));
    json!({"name": name, "kind": "chat", "agent": agent()})
}

/// Self-service in front of a channel.
pub fn self_service() -> Value {
    json!({
        "name": "Self-service",
        "containment": 0.2,
        "abandonment": 0.05,
        "minutes": {"kind": "uniform", "min": 1, "max": 4},
        "live_fallback": true,
        "cost": 0.2
    })
}

/// Tier-1 agents behind a channel, without escalation.
pub fn agent() -> Value {
    json!({
        "hold_minutes": {"kind": "exponential", "mean": 3},
        "handle_minutes": {"kind": "lognormal", "median": 6, "p90": 14},
        "resolution": 0.75,
        "escalation": 0,
        "reopen": 0.05,
        "response_delay_hours": null,
        "cost_per_contact": 1,
        "cost_per_minute": 0.9
    })
}

/// Specialists who take escalations.
pub fn tier2() -> Value {
    json!({
        "hold_minutes": {"kind": "exponential", "mean": 8},
        "handle_minutes": {"kind": "gamma", "mean": 15, "sd": 6},
        "resolution": 0.85,
        "cost_per_minute": 1.4
    })
}

/// An asynchronous answer's delay (email, social).
pub fn response_delay() -> Value {
    json!({"kind": "exponential", "mean": 4})
}

/// The volume of a study that starts simulating its centre: office hours
/// on weekdays, a quieter weekend, one measured week.
pub fn demand() -> Value {
    json!({
        "customers_per_day": 1000,
        "hourly_profile": OFFICE_HOURS,
        "weekday_profile": [1.1, 1, 1, 1, 0.9, 0.5, 0.3],
        "days": 7,
        "warmup_days": 1,
        "replications": 20,
        "service_level_seconds": 20
    })
}

/// Hourly shapes to start a profile from: (name, 24 weights).
pub const HOURLY_SHAPES: [(&str, [f64; 24]); 3] = [
    ("Office hours", OFFICE_HOURS),
    ("Evening peak", [0., 0., 0., 0., 0., 0., 1., 2., 3., 4., 4., 4., 5., 5., 5., 6., 7., 9., 10., 10., 8., 5., 2., 1.]),
    ("Around the clock", [1.; 24]),
];

const OFFICE_HOURS: [f64; 24] = [0., 0., 0., 0., 0., 0., 0., 2., 6., 10., 10., 9., 8., 8., 9., 9., 8., 6., 3., 1., 0., 0., 0., 0.];

/// Agents on duty for a pool that starts being staffed: a constant number.
pub fn staffing() -> Value {
    json!({"agents": 10, "cost_per_agent_hour": 30})
}

/// A copy of `design` named `name`.
pub fn design_copy(design: &Value, name: String) -> Value {
    let mut copy = design.clone();
    copy["name"] = Value::String(name);
    copy
}

#[cfg(test)]
mod tests {
    use super::*;
    use journey_engine::Study;

    #[test]
    fn unique_names_count_up_from_two() {
        let taken = vec!["A".to_owned(), "A 2".to_owned()];
        assert_eq!(unique_name("B", &taken), "B");
        assert_eq!(unique_name("A", &taken), "A 3");
    }

    #[test]
    fn added_parts_keep_a_preset_valid() {
        let preset = journey_engine::presets::all()[0];
        let mut study = Study::from_json(preset.json).unwrap().to_value();
        let design = study["designs"][0].clone();
        study["designs"][0]["personas"].as_array_mut().unwrap().push(persona(&design));
        let new_channel = channel(&design);
        let channel_name = new_channel["name"].as_str().unwrap().to_owned();
        study["designs"][0]["channels"].as_array_mut().unwrap().push(new_channel);
        let last = study["designs"][0]["channels"].as_array().unwrap().len() - 1;
        study["designs"][0]["channels"][last]["self_service"] = self_service();
        study["designs"][0]["channels"][last]["agent"]["escalation"] = json!(0.1);
        study["designs"][0]["channels"][last]["agent"]["tier2"] = tier2();
        study["designs"][0]["channels"][last]["agent"]["response_delay_hours"] = response_delay();
        let copy = design_copy(&study["designs"][0], "Copy".to_owned());
        study["designs"].as_array_mut().unwrap().push(copy);
        let valid = Study::from_value(&study).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(valid.designs.len(), 3);
        assert_eq!(valid.designs[0].personas.last().unwrap().name, "New persona");
        assert_eq!(valid.designs[0].channels[last].name, channel_name);
        assert_eq!(valid.designs[2].name, "Copy");
    }

    #[test]
    fn a_volume_and_staffing_turn_a_schema_1_study_into_a_valid_centre() {
        let mut study: Value = serde_json::from_str(include_str!("../../crates/engine/tests/fixtures/schema1/password-reset.json")).unwrap();
        study["schema"] = json!(2);
        study["demand"] = demand();
        for design in study["designs"].as_array_mut().unwrap() {
            for channel in design["channels"].as_array_mut().unwrap() {
                if channel.get("agent").is_some_and(|a| !a.is_null()) {
                    channel["agent"]["staffing"] = staffing();
                }
            }
        }
        let valid = Study::from_value(&study).unwrap_or_else(|e| panic!("{e}"));
        assert!(valid.is_centre());
        for (_, shape) in HOURLY_SHAPES {
            assert_eq!(shape.len(), 24);
            assert!(shape.iter().any(|w| *w > 0.0));
        }
        assert_eq!(crate::editor::number_text::read_roster("14"), json!(14));
        assert_eq!(crate::editor::number_text::read_roster("1, 2"), json!([1, 2]));
    }
}
