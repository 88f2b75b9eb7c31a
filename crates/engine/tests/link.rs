//! Share-link codec: round trips, and every way a pasted link goes wrong.

use journey_engine::link::{self, LinkError, MAX_FRAGMENT_CHARS, MAX_STUDY_BYTES};
use journey_engine::presets;
use proptest::prelude::*;
use serde_json::{Map, Number, Value};

/// The JSON the codec promises to give back: the input, minified, key
/// order kept.
fn minified(json: &str) -> String {
    serde_json::from_str::<Value>(json)
        .expect("test input is JSON")
        .to_string()
}

/// A link built from arbitrary bytes, bypassing `encode`'s minifying.
fn link_of_bytes(bytes: &[u8]) -> String {
    use base64::Engine as _;
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(bytes, 10);
    format!(
        "s1.{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(packed)
    )
}

// ------------------------------------------------------------------ presets

#[test]
fn every_preset_round_trips() {
    for preset in presets::all() {
        let decoded = link::decode(&link::encode(preset.json))
            .unwrap_or_else(|e| panic!("preset {}: {e}", preset.id));
        assert_eq!(decoded, minified(preset.json), "preset {}", preset.id);
    }
}

#[test]
fn every_preset_link_is_under_2000_characters() {
    for preset in presets::all() {
        let link = link::encode(preset.json);
        // Printed so `cargo test -- --nocapture` reports the lengths.
        println!(
            "{:<26} {:>5} chars of JSON -> link of {} chars",
            preset.id,
            preset.json.len(),
            link.len()
        );
        assert!(
            link.len() < 2000,
            "preset {} link is {} characters",
            preset.id,
            link.len()
        );
    }
}

#[test]
fn links_are_versioned_url_safe_and_unpadded() {
    let link = link::encode(presets::all()[0].json);
    let data = link
        .strip_prefix("s1.")
        .expect("starts with the version tag");
    assert!(
        data.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
        "only base64url characters, no padding: {data}"
    );
}

#[test]
fn indentation_does_not_change_the_link() {
    let json = presets::all()[0].json;
    let pretty =
        serde_json::to_string_pretty(&serde_json::from_str::<Value>(json).unwrap()).unwrap();
    assert_eq!(link::encode(json), link::encode(&pretty));
    assert_eq!(link::encode(json), link::encode(&minified(json)));
}

// ------------------------------------------------------------------ round trips

/// Arbitrary JSON: unicode strings and keys, integers, finite floats,
/// nested arrays and objects (key order is part of what must survive).
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_filter_map("finite", |x| Number::from_f64(x).map(Value::Number)),
        any::<String>().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::vec((any::<String>(), inner), 0..8)
                .prop_map(|entries| Value::Object(entries.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

fn json_object() -> impl Strategy<Value = Value> {
    prop::collection::vec((any::<String>(), json_value()), 0..8)
        .prop_map(|entries| Value::Object(entries.into_iter().collect()))
}

proptest! {
    #[test]
    fn any_json_object_round_trips(value in json_object(), pretty in any::<bool>()) {
        let json = if pretty {
            serde_json::to_string_pretty(&value).unwrap()
        } else {
            value.to_string()
        };
        prop_assert_eq!(link::decode(&link::encode(&json)), Ok(minified(&json)));
    }

    #[test]
    fn any_json_string_round_trips(text in any::<String>()) {
        let json = Value::String(text).to_string();
        prop_assert_eq!(link::decode(&link::encode(&json)), Ok(json));
    }

    #[test]
    fn any_input_decodes_without_panicking(input in any::<String>()) {
        let _ = link::decode(&input);
    }

    #[test]
    fn any_base64url_data_decodes_without_panicking(data in "[A-Za-z0-9_-]{0,400}") {
        if let Ok(json) = link::decode(&format!("s1.{data}")) {
            prop_assert!(serde_json::from_str::<Value>(&json).is_ok());
        }
    }
}

#[test]
fn text_that_is_not_json_is_refused_on_the_way_back() {
    assert_eq!(
        link::decode(&link::encode("not a study")),
        Err(LinkError::NotJson)
    );
}

// ------------------------------------------------------------------ where the fragment is

#[test]
fn accepts_fragment_with_or_without_hash_and_whole_urls() {
    let json = presets::all()[1].json;
    let link = link::encode(json);
    let expected = Ok(minified(json));
    for input in [
        link.clone(),
        format!("#{link}"),
        format!("  #{link}\n"),
        format!("https://journey.example/app/?preset=x#{link}"),
        format!("http://localhost:8080/#{link}  "),
        // Wrapped by an e-mail program.
        format!("{}\n{}", &link[..60], &link[60..]),
    ] {
        assert_eq!(link::decode(&input), expected, "input {input:?}");
    }
}

#[test]
fn tolerates_canonical_padding() {
    use base64::Engine as _;
    let mut padded_links = 0;
    for json in [r#"{"a":1}"#, r#"{"ab":1}"#, r#"{"abc":1}"#] {
        let packed = miniz_oxide::deflate::compress_to_vec_zlib(json.as_bytes(), 10);
        let padded = format!(
            "s1.{}",
            base64::engine::general_purpose::URL_SAFE.encode(&packed)
        );
        padded_links += usize::from(padded.ends_with('='));
        assert_eq!(link::decode(&padded), Ok(json.to_owned()), "link {padded}");
    }
    assert!(padded_links > 0, "no candidate needed padding");
}

#[test]
fn empty_links_say_so() {
    for input in [
        "",
        "   ",
        "#",
        " # ",
        "https://journey.example/app/",
        "https://journey.example/app/#",
    ] {
        assert_eq!(
            link::decode(input),
            Err(LinkError::Empty),
            "input {input:?}"
        );
    }
}

// ------------------------------------------------------------------ damaged links

#[test]
fn every_truncation_of_a_preset_link_is_refused_as_incomplete() {
    for preset in presets::all() {
        let link = link::encode(preset.json);
        let full = link::decode(&link).unwrap();
        for cut in 0..link.len() {
            match link::decode(&link[..cut]) {
                Ok(json) => assert_eq!(json, full, "preset {} cut at {cut}", preset.id),
                Err(e) if cut == 0 => assert_eq!(e, LinkError::Empty),
                Err(e) => assert_eq!(e, LinkError::Corrupt, "preset {} cut at {cut}", preset.id),
            }
        }
    }
}

#[test]
fn tampered_characters_are_refused_never_opened_as_another_study() {
    let link = link::encode(presets::all()[0].json);
    let original = link::decode(&link).unwrap();
    let (mut refused, mut altered) = (0, 0);
    for at in 3..link.len() {
        for replacement in ['A', 'z', '0', '-', '_'] {
            if link.as_bytes()[at] == replacement as u8 {
                continue;
            }
            let mut tampered = link.clone();
            tampered.replace_range(at..=at, replacement.encode_utf8(&mut [0; 4]));
            match link::decode(&tampered) {
                Ok(json) => {
                    assert!(serde_json::from_str::<Value>(&json).is_ok());
                    if json != original {
                        altered += 1;
                    }
                }
                Err(_) => refused += 1,
            }
        }
    }
    println!("tampered links: {refused} refused, {altered} unpacked to other JSON");
    // The Adler-32 checksum catches every one-character change; only changes
    // to bits base64 ignores (the last character's spare bits) may open, and
    // they open as the very same study.
    assert!(refused > 0);
    assert_eq!(altered, 0);
}

#[test]
fn characters_outside_base64url_are_refused() {
    let link = link::encode(presets::all()[0].json);
    for bad in ['+', '/', '!', '%', '=', 'é', '.'] {
        let mut tampered = link.clone();
        tampered.insert(40, bad);
        assert_eq!(
            link::decode(&tampered),
            Err(LinkError::NotBase64),
            "inserted {bad:?}"
        );
    }
}

#[test]
fn data_that_is_not_text_or_not_json_is_refused() {
    assert_eq!(
        link::decode(&link_of_bytes(&[0xff, 0xfe, 0x00, 0x7b])),
        Err(LinkError::NotText)
    );
    assert_eq!(
        link::decode(&link_of_bytes(b"{\"schema\": 1,")),
        Err(LinkError::NotJson)
    );
    assert_eq!(link::decode(&link_of_bytes(b"")), Err(LinkError::NotJson));
    assert_eq!(link::decode("s1.AAAA"), Err(LinkError::Corrupt));
}

// ------------------------------------------------------------------ versions

#[test]
fn unknown_versions_are_named_in_the_error() {
    let data = link::encode(r#"{"schema":1}"#);
    let data = data.strip_prefix("s1.").unwrap();
    assert_eq!(
        link::decode(&format!("s2.{data}")),
        Err(LinkError::UnknownVersion("s2".into()))
    );
    assert_eq!(
        link::decode(&format!("#S1.{data}")),
        Err(LinkError::UnknownVersion("S1".into()))
    );
    assert_eq!(
        link::decode("about"),
        Err(LinkError::UnknownVersion("about".into()))
    );
    let long = "x".repeat(100);
    match link::decode(&format!("{long}.{data}")) {
        Err(LinkError::UnknownVersion(tag)) => assert!(tag.chars().count() <= 17, "{tag}"),
        other => panic!("{other:?}"),
    }
    let message = LinkError::UnknownVersion("s2".into()).to_string();
    assert!(
        message.contains("s2") && message.contains("newer version"),
        "{message}"
    );
}

#[test]
fn a_link_cut_inside_its_version_tag_is_incomplete() {
    for input in ["s", "s1", "#s1", "s1."] {
        assert_eq!(
            link::decode(input),
            Err(LinkError::Corrupt),
            "input {input:?}"
        );
    }
}

// ------------------------------------------------------------------ size limits

#[test]
fn overlong_fragments_are_refused() {
    let input = format!("s1.{}", "A".repeat(MAX_FRAGMENT_CHARS));
    assert_eq!(link::decode(&input), Err(LinkError::TooLarge));
    let url = format!("https://journey.example/#{input}");
    assert_eq!(link::decode(&url), Err(LinkError::TooLarge));
}

#[test]
fn a_deflate_bomb_is_refused() {
    // 64 MiB of spaces inside a JSON string deflates to about 64 KiB: a
    // link of modest size that would unpack to far more than the cap.
    let mut bomb = Vec::with_capacity(64 << 20);
    bomb.push(b'"');
    bomb.resize((64 << 20) - 1, b' ');
    bomb.push(b'"');
    let link = link_of_bytes(&bomb);
    assert!(
        link.len() < MAX_FRAGMENT_CHARS,
        "bomb link is {} chars",
        link.len()
    );
    assert_eq!(link::decode(&link), Err(LinkError::TooLarge));
}

#[test]
fn a_study_exactly_at_the_cap_opens_and_one_byte_more_does_not() {
    let json_of_len = |n: usize| {
        let mut s = String::with_capacity(n);
        s.push('"');
        s.extend(std::iter::repeat_n('x', n - 2));
        s.push('"');
        s
    };
    let at_cap = json_of_len(MAX_STUDY_BYTES);
    assert_eq!(
        link::decode(&link::encode(&at_cap)).map(|s| s.len()),
        Ok(MAX_STUDY_BYTES)
    );
    let over = json_of_len(MAX_STUDY_BYTES + 1);
    assert_eq!(link::decode(&link::encode(&over)), Err(LinkError::TooLarge));
}

// ------------------------------------------------------------------ messages

#[test]
fn messages_are_sentences_for_people() {
    fn is_error<E: std::error::Error>(_: &E) {}
    let all = [
        LinkError::Empty,
        LinkError::UnknownVersion("s9".into()),
        LinkError::NotBase64,
        LinkError::Corrupt,
        LinkError::TooLarge,
        LinkError::NotText,
        LinkError::NotJson,
    ];
    for error in &all {
        is_error(error);
        let message = error.to_string();
        assert!(message.starts_with("This link"), "{message}");
        assert!(message.ends_with('.'), "{message}");
        for jargon in ["base64", "deflate", "inflate", "UTF", "JSON", "Err"] {
            assert!(!message.contains(jargon), "{jargon} in {message}");
        }
    }
    assert!(LinkError::Corrupt.to_string().contains("cut off"));
}
