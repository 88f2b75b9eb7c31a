//! Field paths into the study JSON, and editing a JSON value at a path.
//!
//! A [`FieldPath`] names one place in a study file, such as
//! `designs[1].channels[0].agent.resolution`. Its text form is exactly the
//! one the engine's validator writes in [`journey_engine::Problem::path`],
//! so a field finds "its" problem by comparing two strings, and a problem
//! finds "its" field through [`dom_id`] of the same string.
//!
//! Channel-mix weights are keyed by channel name, which is the person's
//! text; the validator writes those keys in brackets and quotes
//! (`channel_mix["Help centre"]`), and so does [`Seg::Name`].

use std::fmt;

use serde_json::{Map, Value};

/// One step of a path.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Seg {
    /// A field of an object, named by the study format (`agent`, `mean`).
    Key(&'static str),
    /// An element of a list (`designs[1]`).
    Index(usize),
    /// A key of an object that is the person's own text: a channel name in
    /// a persona's `channel_mix`.
    Name(String),
}

/// Where a value lives in the study JSON.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct FieldPath(Vec<Seg>);

impl FieldPath {
    /// The study itself.
    pub fn root() -> Self {
        Self(Vec::new())
    }

    /// `designs[index]`: where every design-level path starts.
    pub fn design(index: usize) -> Self {
        Self::root().key("designs").index(index)
    }

    /// This path, then the field `key`.
    pub fn key(&self, key: &'static str) -> Self {
        self.with(Seg::Key(key))
    }

    /// This path, then element `index` of a list.
    pub fn index(&self, index: usize) -> Self {
        self.with(Seg::Index(index))
    }

    /// This path, then the object key `name` (a channel name).
    pub fn name(&self, name: impl Into<String>) -> Self {
        self.with(Seg::Name(name.into()))
    }

    fn with(&self, seg: Seg) -> Self {
        let mut segs = self.0.clone();
        segs.push(seg);
        Self(segs)
    }

    /// The element id of the input that edits this path.
    pub fn dom_id(&self) -> String {
        dom_id(&self.to_string())
    }
}

impl fmt::Display for FieldPath {
    /// The validator's spelling: `designs[0].personas[1].channel_mix["Phone"]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                Seg::Key(key) if i == 0 => f.write_str(key)?,
                Seg::Key(key) => write!(f, ".{key}")?,
                Seg::Index(index) => write!(f, "[{index}]")?,
                Seg::Name(name) => write!(f, "[\"{name}\"]")?,
            }
        }
        Ok(())
    }
}

/// An element id for the field at `path` (a validator path string).
///
/// Readable where it can be (`f-designs-0-title-…`) and made unique by a
/// hash of the whole path, because two channel names such as "A b" and
/// "A-b" would otherwise give the same id.
pub fn dom_id(path: &str) -> String {
    let mut id = String::with_capacity(path.len() + 12);
    id.push_str("f-");
    let mut last_dash = true;
    for c in path.chars() {
        if c.is_ascii_alphanumeric() {
            id.push(c.to_ascii_lowercase());
            last_dash = false;
        } else if !last_dash {
            id.push('-');
            last_dash = true;
        }
    }
    if !last_dash {
        id.push('-');
    }
    // FNV-1a, 32 bits: stable across builds, no dependency.
    let hash = path.bytes().fold(0x811c_9dc5_u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193));
    id.push_str(&format!("{hash:08x}"));
    id
}

/// The path one step up from a validator path string: `a.b[2]` → `a.b`,
/// `a.b` → `a`, `m["x.y"]` → `m`, `a` → ``. Used to find the nearest field
/// or section that can show a problem whose own path has no input.
pub fn parent_of(path: &str) -> &str {
    if let Some(stripped) = path.strip_suffix("\"]")
        && let Some(open) = stripped.rfind("[\"")
    {
        return &path[..open];
    }
    if path.ends_with(']')
        && let Some(open) = path.rfind('[')
    {
        return &path[..open];
    }
    match path.rfind('.') {
        Some(dot) => &path[..dot],
        None => "",
    }
}

/// The design index a validator path string starts in (`designs[2]…`).
pub fn design_of(path: &str) -> Option<usize> {
    let rest = path.strip_prefix("designs[")?;
    let end = rest.find(']')?;
    rest[..end].parse().ok()
}

/// The value at `path`, if there is one.
pub fn get<'v>(value: &'v Value, path: &FieldPath) -> Option<&'v Value> {
    path.0.iter().try_fold(value, |v, seg| match (seg, v) {
        (Seg::Key(key), Value::Object(map)) => map.get(*key),
        (Seg::Name(name), Value::Object(map)) => map.get(name),
        (Seg::Index(index), Value::Array(items)) => items.get(*index),
        _ => None,
    })
}

/// The value at `path`, to change in place, if there is one.
pub fn get_mut<'v>(value: &'v mut Value, path: &FieldPath) -> Option<&'v mut Value> {
    path.0.iter().try_fold(value, |v, seg| match (seg, v) {
        (Seg::Key(key), Value::Object(map)) => map.get_mut(*key),
        (Seg::Name(name), Value::Object(map)) => map.get_mut(name),
        (Seg::Index(index), Value::Array(items)) => items.get_mut(*index),
        _ => None,
    })
}

/// Puts `new` at `path`. Missing object fields on the way are created (a
/// channel weight the persona did not have yet); a list index must exist.
/// Returns whether the value was placed.
pub fn set(value: &mut Value, path: &FieldPath, new: Value) -> bool {
    let Some((last, init)) = path.0.split_last() else {
        *value = new;
        return true;
    };
    let mut here = value;
    for seg in init {
        here = match (seg, here) {
            (Seg::Key(key), Value::Object(map)) => map.entry(*key).or_insert_with(|| Value::Object(Map::new())),
            (Seg::Name(name), Value::Object(map)) => map.entry(name.clone()).or_insert_with(|| Value::Object(Map::new())),
            (Seg::Index(index), Value::Array(items)) => match items.get_mut(*index) {
                Some(item) => item,
                None => return false,
            },
            _ => return false,
        };
    }
    match (last, here) {
        (Seg::Key(key), Value::Object(map)) => {
            map.insert((*key).to_owned(), new);
            true
        }
        (Seg::Name(name), Value::Object(map)) => {
            map.insert(name.clone(), new);
            true
        }
        (Seg::Index(index), Value::Array(items)) if *index < items.len() => {
            items[*index] = new;
            true
        }
        _ => false,
    }
}

/// Takes the value at `path` out: an object field is removed (later keys
/// keep their order), a list element is removed (later ones move up).
pub fn remove(value: &mut Value, path: &FieldPath) -> Option<Value> {
    let (last, init) = path.0.split_last()?;
    let parent = get_mut(value, &FieldPath(init.to_vec()))?;
    match (last, parent) {
        (Seg::Key(key), Value::Object(map)) => map.shift_remove(*key),
        (Seg::Name(name), Value::Object(map)) => map.shift_remove(name),
        (Seg::Index(index), Value::Array(items)) if *index < items.len() => Some(items.remove(*index)),
        _ => None,
    }
}

/// Renames key `old` of the object at `path` to `new`, keeping its place
/// among the other keys. Does nothing if `old` is absent or `new` is taken.
pub fn rename_key(value: &mut Value, path: &FieldPath, old: &str, new: &str) -> bool {
    let Some(Value::Object(map)) = get_mut(value, path) else {
        return false;
    };
    if old == new || !map.contains_key(old) || map.contains_key(new) {
        return false;
    }
    let renamed: Map<String, Value> =
        std::mem::take(map).into_iter().map(|(k, v)| if k == old { (new.to_owned(), v) } else { (k, v) }).collect();
    *map = renamed;
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn study() -> Value {
        json!({
            "title": "T",
            "designs": [
                {"name": "Current", "personas": [{"name": "P", "channel_mix": {"Phone": 1, "Help centre": 2}}],
                 "channels": [{"name": "Phone", "agent": {"resolution": 0.7}}]},
                {"name": "Improved", "personas": [], "channels": []}
            ]
        })
    }

    #[test]
    fn displays_paths_as_the_validator_writes_them() {
        let p = FieldPath::design(1).key("channels").index(0).key("agent").key("resolution");
        assert_eq!(p.to_string(), "designs[1].channels[0].agent.resolution");
        let mix = FieldPath::design(0).key("personas").index(0).key("channel_mix").name("Help centre");
        assert_eq!(mix.to_string(), "designs[0].personas[0].channel_mix[\"Help centre\"]");
        assert_eq!(FieldPath::root().key("title").to_string(), "title");
        assert_eq!(FieldPath::root().to_string(), "");
    }

    #[test]
    fn gets_values_at_paths() {
        let s = study();
        let p = FieldPath::design(0).key("channels").index(0).key("agent").key("resolution");
        assert_eq!(get(&s, &p), Some(&json!(0.7)));
        let mix = FieldPath::design(0).key("personas").index(0).key("channel_mix").name("Help centre");
        assert_eq!(get(&s, &mix), Some(&json!(2)));
        assert_eq!(get(&s, &FieldPath::design(5)), None);
        assert_eq!(get(&s, &FieldPath::root().key("title").key("deeper")), None);
    }

    #[test]
    fn sets_values_creating_missing_fields_but_not_list_elements() {
        let mut s = study();
        let p = FieldPath::design(0).key("channels").index(0).key("agent").key("resolution");
        assert!(set(&mut s, &p, json!("0.8x")));
        assert_eq!(get(&s, &p), Some(&json!("0.8x")));

        let chat = FieldPath::design(0).key("personas").index(0).key("channel_mix").name("Chat");
        assert!(set(&mut s, &chat, json!(0.5)));
        assert_eq!(s["designs"][0]["personas"][0]["channel_mix"], json!({"Phone": 1, "Help centre": 2, "Chat": 0.5}));

        let tier2 = FieldPath::design(0).key("channels").index(0).key("agent").key("tier2").key("resolution");
        assert!(set(&mut s, &tier2, json!(0.9)));
        assert_eq!(s["designs"][0]["channels"][0]["agent"]["tier2"], json!({"resolution": 0.9}));

        assert!(!set(&mut s, &FieldPath::design(7).key("name"), json!("x")));
        assert!(!set(&mut s, &FieldPath::root().key("title").key("x"), json!(1)));
        assert_eq!(s["title"], json!("T"));
    }

    #[test]
    fn removes_fields_and_list_elements_keeping_order() {
        let mut s = study();
        let mix = FieldPath::design(0).key("personas").index(0).key("channel_mix");
        s["designs"][0]["personas"][0]["channel_mix"]["Chat"] = json!(3);
        assert_eq!(remove(&mut s, &mix.name("Help centre")), Some(json!(2)));
        let keys: Vec<_> = s["designs"][0]["personas"][0]["channel_mix"].as_object().unwrap().keys().cloned().collect();
        assert_eq!(keys, ["Phone", "Chat"]);

        assert_eq!(remove(&mut s, &FieldPath::design(0)).unwrap()["name"], "Current");
        assert_eq!(s["designs"][0]["name"], "Improved");
        assert_eq!(remove(&mut s, &FieldPath::design(3)), None);
        assert_eq!(remove(&mut s, &FieldPath::root()), None);
    }

    #[test]
    fn renames_keys_in_place_and_refuses_to_overwrite() {
        let mut s = study();
        let mix = FieldPath::design(0).key("personas").index(0).key("channel_mix");
        assert!(rename_key(&mut s, &mix, "Phone", "Telephone"));
        let keys: Vec<_> = get(&s, &mix).unwrap().as_object().unwrap().keys().cloned().collect();
        assert_eq!(keys, ["Telephone", "Help centre"]);
        assert!(!rename_key(&mut s, &mix, "Telephone", "Help centre"));
        assert!(!rename_key(&mut s, &mix, "Nope", "X"));
        assert_eq!(get(&s, &mix).unwrap()["Help centre"], json!(2));
    }

    #[test]
    fn parents_and_designs_of_path_strings() {
        assert_eq!(parent_of("designs[0].channels[1].agent.tier2"), "designs[0].channels[1].agent");
        assert_eq!(parent_of("designs[0].channels[1]"), "designs[0].channels");
        assert_eq!(parent_of("designs[0].personas[0].channel_mix[\"a.b[c]\"]"), "designs[0].personas[0].channel_mix");
        assert_eq!(parent_of("title"), "");
        assert_eq!(parent_of(""), "");
        assert_eq!(design_of("designs[3].name"), Some(3));
        assert_eq!(design_of("designs"), None);
        assert_eq!(design_of("title"), None);
    }

    #[test]
    fn dom_ids_are_valid_and_distinct_for_similar_names() {
        let a = dom_id("designs[0].personas[0].channel_mix[\"A b\"]");
        let b = dom_id("designs[0].personas[0].channel_mix[\"A-b\"]");
        assert_ne!(a, b);
        for id in [&a, &b] {
            assert!(id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'), "{id}");
        }
        assert_eq!(dom_id("title"), dom_id("title"));
        assert!(dom_id("title").starts_with("f-title-"));
    }
}
