//! Personas' channel mixes name channels, so renaming or removing a
//! channel must carry over to every mix of its design. Plain Rust on the
//! design's JSON, tested natively.
//!
//! The one danger is a name two channels share for a while (the person
//! renames "Chat" to "Phone", then on to "Messaging"): the mixes' "Phone"
//! key then belongs to the real Phone channel and must not move. So a
//! rename onto a taken name leaves the mixes alone and says which key is
//! still this channel's, for the next rename to use.

use serde_json::Value;

use crate::state::{FieldPath, path};

fn names(design: &Value) -> Vec<Option<String>> {
    design
        .get("channels")
        .and_then(Value::as_array)
        .map(|cs| cs.iter().map(|c| c.get("name").and_then(Value::as_str).map(str::to_owned)).collect())
        .unwrap_or_default()
}

fn mixes(design: &Value) -> Vec<FieldPath> {
    let count = design.get("personas").and_then(Value::as_array).map_or(0, Vec::len);
    (0..count).map(|p| FieldPath::root().key("personas").index(p).key("channel_mix")).collect()
}

/// Renames channel `index` of `design` to `new`, and its key in every
/// persona's mix. `mix_key` is the key the mixes still use for it if an
/// earlier rename could not move them. Returns the key the mixes use for
/// it afterwards when that is not its name (else `None`).
pub fn rename_channel(design: &mut Value, index: usize, new: &str, mix_key: Option<String>) -> Option<String> {
    let all = names(design);
    let Some(Some(old)) = all.get(index).cloned() else { return mix_key };
    let key = mix_key.unwrap_or(old);
    let others: Vec<&str> = all.iter().enumerate().filter(|(i, _)| *i != index).filter_map(|(_, n)| n.as_deref()).collect();
    path::set(design, &FieldPath::root().key("channels").index(index).key("name"), Value::String(new.to_owned()));
    if others.contains(&new) {
        // Taken: the mixes keep this channel's weights under `key` until it
        // gets a name of its own.
        return Some(key);
    }
    if !others.contains(&key.as_str()) {
        for mix in mixes(design) {
            path::rename_key(design, &mix, &key, new);
        }
    }
    None
}

/// Removes channel `index` of `design`, and its key from every persona's
/// mix (unless another channel has the same name, whose weights it is).
pub fn remove_channel(design: &mut Value, index: usize) {
    let all = names(design);
    path::remove(design, &FieldPath::root().key("channels").index(index));
    let Some(Some(name)) = all.get(index) else { return };
    let shared = all.iter().enumerate().any(|(i, n)| i != index && n.as_deref() == Some(name));
    if !shared {
        for mix in mixes(design) {
            path::remove(design, &mix.name(name.clone()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn design() -> Value {
        json!({
            "channels": [{"name": "Phone"}, {"name": "Chat"}, {"name": "Email"}],
            "personas": [
                {"channel_mix": {"Phone": 0.5, "Chat": 0.3, "Email": 0.2}},
                {"channel_mix": {"Chat": 1}}
            ]
        })
    }

    fn mix(d: &Value, p: usize) -> Vec<(String, f64)> {
        d["personas"][p]["channel_mix"].as_object().unwrap().iter().map(|(k, v)| (k.clone(), v.as_f64().unwrap())).collect()
    }

    #[test]
    fn a_rename_carries_over_to_every_mix_in_place() {
        let mut d = design();
        assert_eq!(rename_channel(&mut d, 1, "Web chat", None), None);
        assert_eq!(d["channels"][1]["name"], "Web chat");
        assert_eq!(mix(&d, 0), [("Phone".into(), 0.5), ("Web chat".into(), 0.3), ("Email".into(), 0.2)]);
        assert_eq!(mix(&d, 1), [("Web chat".into(), 1.0)]);
    }

    #[test]
    fn passing_through_a_taken_name_never_moves_another_channel_s_weights() {
        let mut d = design();
        let key = rename_channel(&mut d, 1, "Phone", None);
        assert_eq!(key.as_deref(), Some("Chat"), "the mixes still call it Chat");
        assert_eq!(mix(&d, 0), [("Phone".into(), 0.5), ("Chat".into(), 0.3), ("Email".into(), 0.2)]);

        assert_eq!(rename_channel(&mut d, 1, "Messaging", key), None);
        assert_eq!(mix(&d, 0), [("Phone".into(), 0.5), ("Messaging".into(), 0.3), ("Email".into(), 0.2)]);
        assert_eq!(mix(&d, 1), [("Messaging".into(), 1.0)]);
    }

    #[test]
    fn without_the_remembered_key_a_shared_name_is_left_alone() {
        let mut d = design();
        rename_channel(&mut d, 1, "Phone", None);
        // The editor was rebuilt and forgot the key: nothing moves.
        assert_eq!(rename_channel(&mut d, 1, "Messaging", None), None);
        assert_eq!(mix(&d, 0), [("Phone".into(), 0.5), ("Chat".into(), 0.3), ("Email".into(), 0.2)]);
    }

    #[test]
    fn removing_a_channel_removes_its_weights() {
        let mut d = design();
        remove_channel(&mut d, 1);
        assert_eq!(d["channels"].as_array().unwrap().len(), 2);
        assert_eq!(mix(&d, 0), [("Phone".into(), 0.5), ("Email".into(), 0.2)]);
        assert_eq!(mix(&d, 1), []);

        let mut d = design();
        d["channels"][2]["name"] = json!("Phone");
        remove_channel(&mut d, 2);
        assert_eq!(mix(&d, 0)[0], ("Phone".into(), 0.5), "the other Phone keeps its weight");
    }
}
