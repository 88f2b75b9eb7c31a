//! Variants follow their baseline: an edit of the baseline design carries
//! over to every variant that had the same value there, and leaves every
//! value a variant set on purpose. So a variant is always "the baseline,
//! except …", and "Changes from Current" stays the one list of what it
//! changes.
//!
//! It is a three-way merge of JSON, field by field: the baseline before
//! the edit, the baseline after it, and the variant. Where the variant
//! equals the old baseline it takes the new value; where it differs it
//! keeps its own. Sections (agent, self-service, tier 2, a channel mix)
//! merge field by field; distributions and lists of numbers (an hourly
//! profile, a roster) are one value each, as `design_diff.rs` compares
//! them; personas and channels are matched by name, so a persona added to
//! the baseline is added to every variant that does not have one of that
//! name, and one removed goes from every variant that had not changed it.
//! A renamed channel or persona (same place, new name) is renamed in the
//! variants too, with the channel's key in every persona's mix.
//!
//! Plain Rust over the draft, so it works on values that do not validate
//! yet and is tested natively. Numbers compare by value and a missing
//! field equals `null`, as in "Changes from Current".

use serde_json::{Map, Value};

use super::path::{self, FieldPath};
use crate::editor::number_text::same_value;

/// After an edit of a study draft (`before` → `after`), brings the
/// variants of `after` along with its baseline. Only an edit that changed
/// the baseline and no variant is followed: reordering, deleting or
/// copying designs, or applying something to one variant, moves nothing.
pub fn follow_baseline(before: &Value, after: &mut Value) {
    let (Some(old), Some(new)) = (designs(before), designs(after)) else { return };
    if old.len() != new.len() || old.len() < 2 || equivalent(old.first(), new.first()) {
        return;
    }
    if old.iter().zip(new).skip(1).any(|(a, b)| !equivalent(Some(a), Some(b))) {
        return;
    }
    let (base_before, base_after) = (old[0].clone(), new[0].clone());
    if let Some(Value::Array(designs)) = after.get_mut("designs") {
        for variant in designs.iter_mut().skip(1) {
            *variant = follow(&base_before, &base_after, variant);
        }
    }
}

/// `variant` brought along with the edit of its baseline `before` →
/// `after` (three design objects of the study JSON). The variant keeps
/// its name.
pub fn follow(before: &Value, after: &Value, variant: &Value) -> Value {
    let mut before = before.clone();
    let mut variant = variant.clone();
    for (old, new) in renames(&before, after, "channels") {
        rename(&mut before, "channels", &old, &new);
        rename(&mut variant, "channels", &old, &new);
    }
    for (old, new) in renames(&before, after, "personas") {
        rename(&mut before, "personas", &old, &new);
        rename(&mut variant, "personas", &old, &new);
    }
    let name = variant.get("name").cloned();
    let mut merged = merge(Some(&before), Some(after), Some(&variant)).unwrap_or(variant);
    if let (Some(name), Some(object)) = (name, merged.as_object_mut()) {
        object.insert("name".to_owned(), name);
    }
    merged
}

fn designs(study: &Value) -> Option<&Vec<Value>> {
    study.get("designs").and_then(Value::as_array)
}

/// The merge of one place: `base` before and after the edit, and the
/// variant's value; `None` where the field is absent.
fn merge(before: Option<&Value>, after: Option<&Value>, variant: Option<&Value>) -> Option<Value> {
    if equivalent(before, after) {
        return variant.cloned();
    }
    if equivalent(variant, before) {
        return after.cloned();
    }
    match (before, after, variant) {
        (Some(Value::Object(b)), Some(Value::Object(a)), Some(Value::Object(v)))
            if !is_distribution(b) && !is_distribution(a) && !is_distribution(v) =>
        {
            Some(Value::Object(merge_objects(b, a, v)))
        }
        (Some(Value::Array(b)), Some(Value::Array(a)), Some(Value::Array(v))) if [b, a, v].iter().all(|l| is_named_list(l)) => {
            Some(Value::Array(merge_named(b, a, v)))
        }
        // Both changed, and not field by field: the variant's own value.
        _ => variant.cloned(),
    }
}

fn merge_objects(before: &Map<String, Value>, after: &Map<String, Value>, variant: &Map<String, Value>) -> Map<String, Value> {
    let mut keys: Vec<&String> = variant.keys().collect();
    for key in after.keys().chain(before.keys()) {
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    keys.into_iter()
        .filter_map(|key| merge(before.get(key), after.get(key), variant.get(key)).map(|value| (key.clone(), value)))
        .collect()
}

/// Personas or channels, matched by name: the variant's in its order,
/// then those the baseline gained, each after its neighbour there.
fn merge_named(before: &[Value], after: &[Value], variant: &[Value]) -> Vec<Value> {
    let mut merged: Vec<Value> = Vec::new();
    for item in variant {
        let name = name_of(item);
        match (named(before, name), named(after, name)) {
            (Some(b), Some(a)) => merged.extend(merge(Some(b), Some(a), Some(item))),
            // Removed from the baseline: gone too, unless the variant changed it.
            (Some(b), None) if equivalent(Some(b), Some(item)) => {}
            _ => merged.push(item.clone()),
        }
    }
    for (index, item) in after.iter().enumerate() {
        let name = name_of(item);
        if named(before, name).is_some() || named(variant, name).is_some() {
            continue;
        }
        let neighbour = after[..index].iter().rev().find_map(|n| merged.iter().position(|m| name_of(m) == name_of(n)));
        merged.insert(neighbour.map_or(0, |p| p + 1), item.clone());
    }
    merged
}

/// Items that kept their place and changed name: `(old, new)`, when
/// neither name is on the other side (a rename, not a swap or a copy).
fn renames(before: &Value, after: &Value, list: &str) -> Vec<(String, String)> {
    let (Some(b), Some(a)) = (before.get(list).and_then(Value::as_array), after.get(list).and_then(Value::as_array)) else {
        return Vec::new();
    };
    if b.len() != a.len() {
        return Vec::new();
    }
    b.iter()
        .zip(a)
        .filter_map(|(b_item, a_item)| {
            let (old, new) = (b_item.get("name")?.as_str()?, a_item.get("name")?.as_str()?);
            let fresh = old != new && named(a, Some(old)).is_none() && named(b, Some(new)).is_none();
            fresh.then(|| (old.to_owned(), new.to_owned()))
        })
        .collect()
}

/// Renames the item `old` of `list` in a design to `new` (when `new` is
/// free), and for a channel its key in every persona's mix.
fn rename(design: &mut Value, list: &str, old: &str, new: &str) {
    let Some(items) = design.get_mut(list).and_then(Value::as_array_mut) else { return };
    if named(items, Some(new)).is_some() {
        return;
    }
    let Some(item) = items.iter_mut().find(|i| name_of(i) == Some(old)) else { return };
    item["name"] = Value::String(new.to_owned());
    if list != "channels" {
        return;
    }
    let personas = design.get("personas").and_then(Value::as_array).map_or(0, Vec::len);
    for p in 0..personas {
        path::rename_key(design, &FieldPath::root().key("personas").index(p).key("channel_mix"), old, new);
    }
}

fn name_of(item: &Value) -> Option<&str> {
    item.get("name").and_then(Value::as_str)
}

fn named<'v>(items: &'v [Value], name: Option<&str>) -> Option<&'v Value> {
    name.and_then(|name| items.iter().find(|i| name_of(i) == Some(name)))
}

/// A list whose items are objects with a name: personas, channels.
fn is_named_list(items: &[Value]) -> bool {
    items.iter().all(|i| name_of(i).is_some())
}

fn is_distribution(v: &Map<String, Value>) -> bool {
    v.contains_key("kind") && !v.contains_key("name")
}

/// Equal as "Changes from Current" sees it: numbers by value, a missing
/// field or item the same as `null`.
fn equivalent(a: Option<&Value>, b: Option<&Value>) -> bool {
    match (a.filter(|v| !v.is_null()), b.filter(|v| !v.is_null())) {
        (None, None) => true,
        (Some(Value::Object(x)), Some(Value::Object(y))) => {
            x.keys().chain(y.keys()).all(|k| equivalent(x.get(k), y.get(k)))
        }
        (Some(Value::Array(x)), Some(Value::Array(y))) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| equivalent(Some(x), Some(y)))
        }
        (Some(x), Some(y)) => same_value(x, y),
        _ => false,
    }
}

#[cfg(test)]
mod tests;
