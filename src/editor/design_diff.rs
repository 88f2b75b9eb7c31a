//! "Changes from Current": what a variant design changes, in words.
//!
//! Plain Rust over the study JSON, so it works on the editor's draft
//! (including values that do not validate yet) and is tested natively.
//! Personas and channels are matched by name, not by position, so
//! reordering them is not reported as a change of every field; a persona
//! or channel only one side has is reported as added or removed. Numbers
//! are compared by value (`3` equals `3.0`), and a missing field equals
//! `null` (how the study file writes "no response delay").

use std::fmt;

use serde_json::{Map, Value};

use super::number_text::{format_number, same_value, shown};

/// One difference between a variant design and the baseline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// Where, from the design down: `["Phone", "IVR", "containment"]`.
    pub place: Vec<String>,
    pub what: What,
}

/// What happened at [`Change::place`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum What {
    /// A value differs: before (in Current) and after (in the variant).
    Changed { before: String, after: String },
    /// A persona, channel or section only the variant has.
    Added,
    /// A persona, channel or section only Current has.
    Removed,
}

impl fmt::Display for Change {
    /// `Phone › IVR › containment: 0.2 → 0.45`, `Chat: removed`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.place.join(" \u{203a} "))?;
        match &self.what {
            What::Changed { before, after } => write!(f, ": {before} \u{2192} {after}"),
            What::Added => f.write_str(": added"),
            What::Removed => f.write_str(": removed"),
        }
    }
}

/// Every difference of `variant` from `current` (two design objects of the
/// study JSON), in the order of the design's fields. The designs' names
/// are not compared: they differ by definition.
pub fn design_changes(current: &Value, variant: &Value) -> Vec<Change> {
    let mut changes = Vec::new();
    let empty = Map::new();
    let (a, b) = (current.as_object().unwrap_or(&empty), variant.as_object().unwrap_or(&empty));
    for key in union_keys(a, b) {
        match key.as_str() {
            "name" => {}
            "personas" | "channels" => named_lists(&mut changes, a.get(&key), b.get(&key)),
            _ => compare(&mut changes, &[], &key, a.get(&key), b.get(&key)),
        }
    }
    changes
}

/// Keys of `a` in order, then those only `b` has.
fn union_keys(a: &Map<String, Value>, b: &Map<String, Value>) -> Vec<String> {
    let mut keys: Vec<String> = a.keys().cloned().collect();
    keys.extend(b.keys().filter(|k| !a.contains_key(*k)).cloned());
    keys
}

fn name_of(item: &Value) -> String {
    match item.get("name") {
        Some(Value::String(s)) => s.clone(),
        Some(other) => shown(other),
        None => String::new(),
    }
}

/// Personas or channels, matched by name.
fn named_lists(changes: &mut Vec<Change>, current: Option<&Value>, variant: Option<&Value>) {
    let none = Vec::new();
    let current = current.and_then(Value::as_array).unwrap_or(&none);
    let variant = variant.and_then(Value::as_array).unwrap_or(&none);
    let mut matched = vec![false; current.len()];
    for item in variant {
        let name = name_of(item);
        let partner = current.iter().enumerate().position(|(i, c)| !matched[i] && name_of(c) == name);
        match partner {
            Some(i) => {
                matched[i] = true;
                let (a, b) = (current[i].as_object(), item.as_object());
                let empty = Map::new();
                let (a, b) = (a.unwrap_or(&empty), b.unwrap_or(&empty));
                for key in union_keys(a, b) {
                    if key != "name" {
                        compare(changes, std::slice::from_ref(&name), &key, a.get(&key), b.get(&key));
                    }
                }
            }
            None => changes.push(Change { place: vec![name], what: What::Added }),
        }
    }
    for (item, _) in current.iter().zip(&matched).filter(|(_, m)| !**m) {
        changes.push(Change { place: vec![name_of(item)], what: What::Removed });
    }
}

/// Compares field `key` of two objects found at `place`.
fn compare(changes: &mut Vec<Change>, place: &[String], key: &str, a: Option<&Value>, b: Option<&Value>) {
    let a = a.filter(|v| !v.is_null());
    let b = b.filter(|v| !v.is_null());
    let mut here = place.to_vec();
    here.push(label(key, a, b));
    match (a, b) {
        (None, None) => {}
        (Some(a), Some(b)) if same_value(a, b) => {}
        // Sections (agent, self-service, tier 2, a channel mix) are walked
        // field by field; distributions are compared whole, so that a
        // change of kind reads as one change.
        (Some(a @ Value::Object(x)), Some(b @ Value::Object(y))) if !is_distribution(a) && !is_distribution(b) => {
            for k in union_keys(x, y) {
                compare(changes, &here, &k, x.get(&k), y.get(&k));
            }
        }
        (None, Some(b)) if b.is_object() && !is_distribution(b) => changes.push(Change { place: here, what: What::Added }),
        (Some(a), None) if a.is_object() && !is_distribution(a) => changes.push(Change { place: here, what: What::Removed }),
        (a, b) => changes.push(Change {
            place: here,
            what: What::Changed { before: a.map_or_else(|| "none".to_owned(), describe), after: b.map_or_else(|| "none".to_owned(), describe) },
        }),
    }
}

fn is_distribution(v: &Value) -> bool {
    v.get("kind").is_some() && v.get("name").is_none()
}

/// The words for a field. A self-service section goes by its own name
/// ("IVR"); channel-mix keys are channel names and stay as they are.
fn label(key: &str, a: Option<&Value>, b: Option<&Value>) -> String {
    match key {
        "self_service" => {
            let name = b.or(a).and_then(|s| s.get("name")).and_then(Value::as_str).unwrap_or("");
            if name.trim().is_empty() { "Self-service".to_owned() } else { name.to_owned() }
        }
        "agent" => "Agent".to_owned(),
        "tier2" => "Tier 2".to_owned(),
        "context_carryover" => "context carry-over".to_owned(),
        "p90" | "sd" => key.to_owned(),
        _ => key.replace('_', " "),
    }
}

/// A number for reading, to 10 significant digits: a value computed
/// elsewhere (0.1 × 1.5 = 0.15000000000000002) reads as 0.15. The editor's
/// fields keep the exact value.
fn readable(n: &serde_json::Number) -> String {
    match n.as_f64() {
        Some(x) if x.is_finite() && x != 0.0 && n.as_u64().is_none() && n.as_i64().is_none() => {
            let shift = 9 - x.abs().log10().floor() as i32;
            let scale = 10f64.powi(shift.clamp(-300, 300));
            super::number_text::format_f64((x * scale).round() / scale)
        }
        _ => format_number(n),
    }
}

/// A value in words: `yes`, `0.45`, `lognormal (median 7, p90 15)`.
fn describe(v: &Value) -> String {
    match v {
        Value::Bool(true) => "yes".to_owned(),
        Value::Bool(false) => "no".to_owned(),
        Value::Number(n) => readable(n),
        Value::Object(map) if is_distribution(v) => {
            let kind = map.get("kind").map(shown).unwrap_or_default();
            let params: Vec<String> = map
                .iter()
                .filter(|(k, _)| k.as_str() != "kind")
                .map(|(k, v)| match v {
                    Value::Array(items) if items.len() > 6 => format!("{} {k}", items.len()),
                    Value::Array(items) => format!("{k} {}", super::number_text::format_numbers(items)),
                    Value::Number(n) => format!("{k} {}", readable(n)),
                    other => format!("{k} {}", shown(other)),
                })
                .collect();
            if params.is_empty() { kind } else { format!("{kind} ({})", params.join(", ")) }
        }
        other => shown(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn current() -> Value {
        json!({
            "name": "Current",
            "context_carryover": false,
            "repeat_explanation_minutes": {"kind": "triangular", "min": 0.5, "mode": 1.5, "max": 4},
            "personas": [
                {"name": "Everyday", "share": 0.6, "channel_mix": {"Phone": 0.5, "Chat": 0.5}},
                {"name": "Admin", "share": 0.4, "channel_mix": {"Phone": 1}}
            ],
            "channels": [
                {"name": "Phone", "kind": "phone",
                 "self_service": {"name": "IVR", "containment": 0.2, "abandonment": 0.05},
                 "agent": {"hold_minutes": {"kind": "exponential", "mean": 3}, "resolution": 0.7,
                           "response_delay_hours": null}},
                {"name": "Chat", "kind": "chat", "agent": {"resolution": 0.8}}
            ]
        })
    }

    fn lines(changes: &[Change]) -> Vec<String> {
        changes.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn computed_numbers_read_without_their_last_bits() {
        let n = |x: f64| serde_json::Number::from_f64(x).expect("finite");
        assert_eq!(readable(&n(0.1 * 1.5)), "0.15");
        assert_eq!(readable(&n(1234.5)), "1234.5");
        assert_eq!(readable(&n(0.000123456789012)), "0.000123456789");
        assert_eq!(readable(&serde_json::Number::from(12u64)), "12");
    }

    #[test]
    fn identical_designs_with_other_names_have_no_changes() {
        let mut variant = current();
        variant["name"] = json!("Improved");
        assert_eq!(design_changes(&current(), &variant), []);
    }

    #[test]
    fn a_changed_containment_reads_as_channel_section_field() {
        let mut variant = current();
        variant["channels"][0]["self_service"]["containment"] = json!(0.45);
        assert_eq!(lines(&design_changes(&current(), &variant)), ["Phone \u{203a} IVR \u{203a} containment: 0.2 \u{2192} 0.45"]);
    }

    #[test]
    fn numbers_equal_in_value_and_null_versus_missing_are_no_change() {
        let mut variant = current();
        variant["personas"][1]["channel_mix"]["Phone"] = json!(1.0);
        variant["channels"][0]["agent"].as_object_mut().unwrap().remove("response_delay_hours");
        assert_eq!(design_changes(&current(), &variant), []);
    }

    #[test]
    fn distributions_compare_whole_and_flags_read_as_yes_no() {
        let mut variant = current();
        variant["context_carryover"] = json!(true);
        variant["channels"][0]["agent"]["hold_minutes"] = json!({"kind": "lognormal", "median": 2, "p90": 6});
        variant["channels"][0]["agent"]["response_delay_hours"] = json!({"kind": "fixed", "value": 4});
        assert_eq!(
            lines(&design_changes(&current(), &variant)),
            [
                "context carry-over: no \u{2192} yes",
                "Phone \u{203a} Agent \u{203a} hold minutes: exponential (mean 3) \u{2192} lognormal (median 2, p90 6)",
                "Phone \u{203a} Agent \u{203a} response delay hours: none \u{2192} fixed (value 4)",
            ]
        );
    }

    #[test]
    fn personas_and_channels_match_by_name_not_position() {
        let mut variant = current();
        let personas = variant["personas"].as_array_mut().unwrap();
        personas.reverse();
        personas[0]["share"] = json!(0.3); // Admin
        assert_eq!(lines(&design_changes(&current(), &variant)), ["Admin \u{203a} share: 0.4 \u{2192} 0.3"]);
    }

    #[test]
    fn added_and_removed_personas_channels_and_sections() {
        let mut variant = current();
        variant["personas"].as_array_mut().unwrap().push(json!({"name": "Night owl", "share": 0.1}));
        variant["channels"].as_array_mut().unwrap().remove(1);
        variant["channels"][0]["agent"]["tier2"] = json!({"resolution": 0.9});
        variant["channels"][0].as_object_mut().unwrap().remove("self_service");
        variant["personas"][0]["channel_mix"].as_object_mut().unwrap().remove("Chat");
        assert_eq!(
            lines(&design_changes(&current(), &variant)),
            [
                "Everyday \u{203a} channel mix \u{203a} Chat: 0.5 \u{2192} none",
                "Night owl: added",
                "Phone \u{203a} IVR: removed",
                "Phone \u{203a} Agent \u{203a} Tier 2: added",
                "Chat: removed",
            ]
        );
    }

    #[test]
    fn values_that_do_not_validate_yet_are_shown_as_typed() {
        let mut variant = current();
        variant["channels"][1]["agent"]["resolution"] = json!("0.9x");
        assert_eq!(lines(&design_changes(&current(), &variant)), ["Chat \u{203a} Agent \u{203a} resolution: 0.8 \u{2192} 0.9x"]);
    }

    #[test]
    fn tolerates_shapes_that_are_not_designs() {
        assert_eq!(design_changes(&json!(null), &json!(3)), []);
        let changes = design_changes(&json!({"personas": 3}), &json!({"personas": [{"name": "A"}]}));
        assert_eq!(lines(&changes), ["A: added"]);
    }
}
