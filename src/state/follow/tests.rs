use proptest::prelude::*;
use serde_json::{Value, json};

use super::*;
use crate::editor::design_diff::design_changes;
use journey_engine::{Study, presets};

fn current() -> Value {
    json!({
        "name": "Current",
        "context_carryover": false,
        "personas": [
            {"name": "Everyday", "share": 0.6, "channel_mix": {"Phone": 0.5, "Chat": 0.5}},
            {"name": "Admin", "share": 0.4, "channel_mix": {"Phone": 1}}
        ],
        "channels": [
            {"name": "Phone", "kind": "phone",
             "self_service": {"name": "IVR", "containment": 0.2, "abandonment": 0.05},
             "agent": {"hold_minutes": {"kind": "exponential", "mean": 3}, "resolution": 0.7}},
            {"name": "Chat", "kind": "chat", "agent": {"resolution": 0.8}}
        ]
    })
}

fn improved() -> Value {
    let mut v = current();
    v["name"] = json!("Improved");
    v["context_carryover"] = json!(true);
    v
}

fn study(designs: Vec<Value>) -> Value {
    json!({"title": "t", "designs": designs})
}

/// The baseline edited by `edit`, and `variant` after following it.
fn followed(variant: Value, edit: impl FnOnce(&mut Value)) -> Value {
    let before = study(vec![current(), variant]);
    let mut after = before.clone();
    edit(&mut after["designs"][0]);
    follow_baseline(&before, &mut after);
    after["designs"][1].clone()
}

#[test]
fn a_variant_takes_a_baseline_value_it_had_too() {
    let v = followed(improved(), |c| c["channels"][0]["self_service"]["containment"] = json!(0.3));
    assert_eq!(v["channels"][0]["self_service"]["containment"], json!(0.3));
    assert_eq!(v["context_carryover"], json!(true), "its own change stays");
    assert_eq!(v["name"], json!("Improved"));
}

#[test]
fn a_value_the_variant_set_on_purpose_is_kept() {
    let mut variant = improved();
    variant["channels"][0]["self_service"]["containment"] = json!(0.45);
    let v = followed(variant, |c| c["channels"][0]["self_service"]["containment"] = json!(0.3));
    assert_eq!(v["channels"][0]["self_service"]["containment"], json!(0.45));
}

#[test]
fn a_number_equal_in_value_counts_as_the_same() {
    let mut variant = improved();
    variant["channels"][1]["agent"]["resolution"] = json!(0.80);
    variant["personas"][1]["channel_mix"]["Phone"] = json!(1.0);
    let v = followed(variant, |c| {
        c["channels"][1]["agent"]["resolution"] = json!(0.9);
        c["personas"][1]["channel_mix"]["Phone"] = json!(2);
    });
    assert_eq!(v["channels"][1]["agent"]["resolution"], json!(0.9));
    assert_eq!(v["personas"][1]["channel_mix"]["Phone"], json!(2));
}

#[test]
fn distributions_follow_whole() {
    let mut variant = improved();
    variant["channels"][0]["agent"]["hold_minutes"] = json!({"kind": "exponential", "mean": 2});
    let v = followed(variant, |c| c["channels"][0]["agent"]["hold_minutes"] = json!({"kind": "lognormal", "median": 3, "p90": 9}));
    assert_eq!(v["channels"][0]["agent"]["hold_minutes"], json!({"kind": "exponential", "mean": 2}));
    let v = followed(improved(), |c| c["channels"][0]["agent"]["hold_minutes"] = json!({"kind": "lognormal", "median": 3, "p90": 9}));
    assert_eq!(v["channels"][0]["agent"]["hold_minutes"], json!({"kind": "lognormal", "median": 3, "p90": 9}));
}

#[test]
fn a_persona_added_to_the_baseline_is_added_in_its_place() {
    let v = followed(improved(), |c| {
        c["personas"].as_array_mut().unwrap().insert(1, json!({"name": "Night owl", "share": 0.1, "channel_mix": {"Chat": 1}}));
    });
    let names: Vec<&str> = v["personas"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Everyday", "Night owl", "Admin"]);
}

#[test]
fn a_channel_removed_from_the_baseline_goes_unless_the_variant_changed_it() {
    let remove_chat = |c: &mut Value| {
        c["channels"].as_array_mut().unwrap().remove(1);
        c["personas"][0]["channel_mix"].as_object_mut().unwrap().remove("Chat");
    };
    let v = followed(improved(), remove_chat);
    assert_eq!(v["channels"].as_array().unwrap().len(), 1);
    assert_eq!(v["personas"][0]["channel_mix"], json!({"Phone": 0.5}));

    let mut variant = improved();
    variant["channels"][1]["agent"]["resolution"] = json!(0.95);
    let v = followed(variant, remove_chat);
    assert_eq!(v["channels"][1]["name"], json!("Chat"), "the variant's own chat stays");
}

#[test]
fn a_renamed_channel_is_renamed_in_the_variant_and_its_mixes() {
    let mut variant = improved();
    variant["channels"][1]["agent"]["resolution"] = json!(0.95);
    variant["personas"][0]["channel_mix"]["Chat"] = json!(0.7);
    let v = followed(variant, |c| {
        c["channels"][1]["name"] = json!("Messaging");
        let mix = c["personas"][0]["channel_mix"].as_object_mut().unwrap();
        *mix = std::mem::take(mix).into_iter().map(|(k, w)| (if k == "Chat" { "Messaging".to_owned() } else { k }, w)).collect();
    });
    assert_eq!(v["channels"][1]["name"], json!("Messaging"));
    assert_eq!(v["channels"][1]["agent"]["resolution"], json!(0.95));
    assert_eq!(v["personas"][0]["channel_mix"], json!({"Phone": 0.5, "Messaging": 0.7}));
    assert_eq!(v["channels"].as_array().unwrap().len(), 2);
}

#[test]
fn a_section_switched_off_in_the_baseline_goes_from_variants_that_had_it_unchanged() {
    let v = followed(improved(), |c| {
        c["channels"][0].as_object_mut().unwrap().remove("self_service");
    });
    assert!(v["channels"][0].get("self_service").is_none());
    let v = followed(improved(), |c| c["channels"][1]["self_service"] = json!({"name": "Bot", "containment": 0.3}));
    assert_eq!(v["channels"][1]["self_service"]["name"], json!("Bot"));
}

#[test]
fn edits_of_the_designs_list_or_of_a_variant_move_nothing() {
    let variant = improved();
    // Deleting Current makes Improved the first design: nothing follows.
    let before = study(vec![current(), variant.clone(), variant.clone()]);
    let mut after = before.clone();
    after["designs"].as_array_mut().unwrap().remove(0);
    let expected = after.clone();
    follow_baseline(&before, &mut after);
    assert_eq!(after, expected);
    // Moving a variant first (a new baseline): nothing follows.
    let before = study(vec![current(), variant]);
    let mut after = before.clone();
    after["designs"].as_array_mut().unwrap().swap(0, 1);
    let expected = after.clone();
    follow_baseline(&before, &mut after);
    assert_eq!(after, expected);
}

// ---- The follow rule as a property, on every preset's baseline ----

/// Places in a design that change as one value: numbers, flags, lists of
/// numbers and distributions. JSON pointers.
fn atoms(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Number(_) | Value::Bool(_) => out.push(at),
        Value::Array(items) if items.iter().all(Value::is_number) => out.push(at),
        Value::Object(map) if map.contains_key("kind") && !map.contains_key("name") => out.push(at),
        Value::Object(map) => {
            for (key, item) in map {
                atoms(item, format!("{at}/{}", key.replace('~', "~0").replace('/', "~1")), out);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                atoms(item, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// A different value for an atom.
fn edited(value: &Value, step: f64) -> Value {
    match value {
        Value::Number(n) => json!(n.as_f64().unwrap_or(0.0) + step),
        Value::Bool(b) => json!(!b),
        Value::Array(items) => {
            let mut items = items.clone();
            if let Some(first) = items.first_mut() {
                *first = json!(first.as_f64().unwrap_or(0.0) + step);
            } else {
                items.push(json!(step));
            }
            Value::Array(items)
        }
        Value::Object(map) => {
            let mut map = map.clone();
            let key = map.iter().find(|(_, v)| v.is_number()).map(|(k, _)| k.clone());
            match key {
                Some(key) => map.insert(key.clone(), json!(map[&key].as_f64().unwrap_or(0.0) + step)),
                None => map.insert("kind".to_owned(), json!("fixed")),
            };
            Value::Object(map)
        }
        other => other.clone(),
    }
}

fn baseline(preset: usize) -> Value {
    let all = presets::all();
    let study = Study::from_json(all[preset % all.len()].json).expect("presets validate");
    study.to_value()["designs"][0].clone()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// For any baseline edit and any variant: the atoms the variant had
    /// changed keep its values, the others take the baseline's new value;
    /// when the variant follows the edit, its "Changes from Current" list
    /// is what it was.
    #[test]
    fn variants_keep_their_changes_and_follow_the_rest(
        preset in 0usize..16,
        own in proptest::collection::vec((any::<prop::sample::Index>(), 0.05f64..3.0), 0..6),
        edit in (any::<prop::sample::Index>(), 0.05f64..3.0),
    ) {
        let b0 = baseline(preset);
        let mut places = Vec::new();
        atoms(&b0, String::new(), &mut places);
        prop_assume!(!places.is_empty());

        let mut variant = b0.clone();
        variant["name"] = json!("Variant");
        for (index, step) in &own {
            let place = index.get(&places);
            let new = edited(&variant.pointer(place).cloned().unwrap_or(Value::Null), *step);
            *variant.pointer_mut(place).unwrap() = new;
        }
        let mut b1 = b0.clone();
        let place = edit.0.get(&places);
        *b1.pointer_mut(place).unwrap() = edited(&b0.pointer(place).cloned().unwrap_or(Value::Null), edit.1);

        let result = follow(&b0, &b1, &variant);
        for at in &places {
            let (was, is, own_value) = (b0.pointer(at), b1.pointer(at), variant.pointer(at));
            let expected = if equivalent(own_value, was) { is } else { own_value };
            prop_assert!(equivalent(result.pointer(at), expected), "{at}: got {:?}, expected {:?}", result.pointer(at), expected);
        }
        prop_assert_eq!(&result["name"], &json!("Variant"));
        if equivalent(variant.pointer(place), b0.pointer(place)) {
            prop_assert_eq!(design_changes(&b1, &result), design_changes(&b0, &variant));
        }
    }
}
