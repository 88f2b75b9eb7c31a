//! Which study the app opens with, decided from plain text so it can be
//! tested natively: the link's fragment, the study saved in this browser,
//! and the built-in presets.
//!
//! 1. A link fragment that decodes and validates opens exactly that study.
//! 2. Otherwise the study saved in this browser (the person's last one);
//!    a link that was there but refused says why.
//! 3. Otherwise the first preset: a fresh visit never shows an empty page.
//!
//! Nothing the person had is ever dropped on the way: a saved study that
//! no longer opens (invalid, or from a newer version) and the study the
//! app failed to start with last time come back as [`Kept`], for the app
//! to keep aside and offer for download, instead of being replaced by the
//! example without a word.

use journey_engine::{Study, link, presets};

/// Where the study the app opened came from.
#[derive(Clone, Debug, PartialEq)]
pub enum Source {
    Link,
    Saved,
    /// A preset, by name.
    Preset(&'static str),
}

/// Why a link (or a file) was not opened, in words for the person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    /// One sentence: what is wrong.
    pub message: String,
    /// The study's problems, `path: message`, when it was a study at all.
    pub problems: Vec<String>,
}

/// A study the app did not open but must not lose: its text, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Kept {
    /// The study's JSON as it was saved (or unpacked from its link).
    pub json: String,
    pub why: KeptBecause,
}

/// Why a study was kept aside.
#[derive(Clone, Debug, PartialEq)]
pub enum KeptBecause {
    /// It no longer validates (or is from a newer version of the app).
    Unreadable(Refusal),
    /// The app stopped while starting with it last time.
    Crashed,
}

/// Which study the app was starting with when it last began to start, as
/// the boot guard records it (see `share_url.rs`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Starting {
    Link,
    Saved,
}

/// The outcome of [`open_study`].
#[derive(Clone, Debug, PartialEq)]
pub struct Opening {
    pub study: Study,
    pub source: Source,
    /// Set when a link was present but could not be opened.
    pub refused: Option<Refusal>,
    /// The study saved in this browser that an opened link displaced (when
    /// it differs), so the person can get it back.
    pub displaced: Option<Study>,
    /// A study kept aside rather than opened (see the module docs).
    pub kept: Option<Kept>,
}

/// Chooses the study to open (see the module docs). `fragment` is the
/// URL's fragment with or without its `#`; `saved` the study JSON kept in
/// this browser, if any; `crashed` says which study the app was starting
/// with when it stopped last time, if it did.
pub fn open_study(fragment: &str, saved: Option<&str>, crashed: Option<Starting>) -> Opening {
    let fragment = fragment.trim().trim_start_matches('#');
    if let Some(starting) = crashed {
        // Opening the same study again would stop the app again: show the
        // example, and keep what it was starting with.
        let json = match starting {
            Starting::Link => link::decode(fragment).ok(),
            Starting::Saved => saved.map(str::to_owned),
        };
        let (study, name) = first_preset();
        let kept = json.map(|json| Kept { json, why: KeptBecause::Crashed });
        return Opening { study, source: Source::Preset(name), refused: None, displaced: None, kept };
    }
    let (saved, kept) = match saved.map(|json| (json, read_study(json, "Your saved study could not be opened."))) {
        None => (None, None),
        Some((_, Ok(study))) => (Some(study), None),
        Some((json, Err(refusal))) => (None, Some(Kept { json: json.to_owned(), why: KeptBecause::Unreadable(refusal) })),
    };
    let refused = if fragment.is_empty() {
        None
    } else {
        match read_link(fragment) {
            Ok(study) => {
                let displaced = saved.filter(|s| *s != study);
                return Opening { study, source: Source::Link, refused: None, displaced, kept };
            }
            Err(refusal) => Some(refusal),
        }
    };
    if let Some(study) = saved {
        return Opening { study, source: Source::Saved, refused, displaced: None, kept };
    }
    let (study, name) = first_preset();
    Opening { study, source: Source::Preset(name), refused, displaced: None, kept }
}

/// The study a link carries, or why it cannot be opened.
pub fn read_link(fragment: &str) -> Result<Study, Refusal> {
    let json = link::decode(fragment).map_err(|e| Refusal { message: e.to_string(), problems: Vec::new() })?;
    read_study(&json, "This link holds a study with problems, so it was not opened.")
}

/// The study in a file's text, or why it cannot be opened; `headline`
/// says what was refused.
pub fn read_study(json: &str, headline: &str) -> Result<Study, Refusal> {
    Study::from_json(json).map_err(|e| Refusal {
        message: headline.to_owned(),
        problems: e.problems.iter().map(ToString::to_string).collect(),
    })
}

/// The first built-in preset, validated.
pub fn first_preset() -> (Study, &'static str) {
    let preset = &presets::all()[0];
    // The engine's tests validate every preset, so this cannot fail; a
    // panic here would be a broken build, caught by this crate's tests too.
    let study = Study::from_json(preset.json).expect("the first preset is a valid study");
    (study, preset.name)
}

/// The file name an exported study gets: its title, without the
/// characters file systems refuse, then `.json`.
pub fn export_file_name(title: &str) -> String {
    let cleaned: String = title
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|'))
        .collect();
    let cleaned = cleaned.trim().trim_matches('.').trim();
    let short: String = cleaned.chars().take(80).collect();
    if short.is_empty() { "study.json".to_owned() } else { format!("{}.json", short.trim_end()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn preset_study(i: usize) -> Study {
        Study::from_json(presets::all()[i].json).unwrap()
    }

    #[test]
    fn a_fresh_visit_opens_the_first_preset() {
        let opening = open_study("", None, None);
        assert_eq!(opening.source, Source::Preset(presets::all()[0].name));
        assert_eq!(opening.study, preset_study(0));
        assert_eq!(opening.refused, None);
    }

    #[test]
    fn a_valid_link_opens_exactly_its_study_whatever_is_saved() {
        let study = preset_study(2);
        let fragment = link::encode(&study.to_json());
        let saved = preset_study(1).to_json();
        for f in [fragment.clone(), format!("#{fragment}")] {
            let opening = open_study(&f, Some(&saved), None);
            assert_eq!(opening.source, Source::Link);
            assert_eq!(opening.study, study);
            assert_eq!(opening.study.to_json(), study.to_json());
            assert_eq!(opening.displaced, Some(preset_study(1)), "the saved study can come back");
        }
        let same = open_study(&fragment, Some(&study.to_json()), None);
        assert_eq!(same.displaced, None, "nothing was displaced when the link holds the saved study");
    }

    #[test]
    fn without_a_link_the_saved_study_opens() {
        let saved = preset_study(3);
        let opening = open_study("#", Some(&saved.to_json()), None);
        assert_eq!((opening.source, opening.study, opening.refused), (Source::Saved, saved, None));
    }

    #[test]
    fn a_broken_link_keeps_the_saved_study_and_says_why() {
        let saved = preset_study(1);
        let good = link::encode(&preset_study(2).to_json());
        let truncated = &good[..good.len() / 2];
        let opening = open_study(truncated, Some(&saved.to_json()), None);
        assert_eq!(opening.source, Source::Saved);
        assert_eq!(opening.study, saved);
        let refusal = opening.refused.expect("the broken link is reported");
        assert!(!refusal.message.is_empty());

        let foreign = open_study("#s9.abc", None, None);
        assert_eq!(foreign.source, Source::Preset(presets::all()[0].name));
        assert!(foreign.refused.unwrap().message.contains("s9"));
    }

    #[test]
    fn a_link_to_an_invalid_study_lists_its_problems() {
        let mut value = preset_study(0).to_value();
        value["designs"][0]["channels"][0]["self_service"]["containment"] = serde_json::json!(1.5);
        let fragment = link::encode(&value.to_string());
        let refusal = open_study(&fragment, None, None).refused.expect("refused");
        assert_eq!(refusal.problems.len(), 1);
        assert!(refusal.problems[0].starts_with("designs[0].channels[0].self_service.containment: "), "{:?}", refusal.problems);
    }

    #[test]
    fn a_saved_study_that_no_longer_opens_is_kept_with_the_reason() {
        let mut newer = preset_study(1).to_value();
        newer["schema"] = serde_json::json!(99);
        for saved in ["{not json".to_owned(), newer.to_string()] {
            let opening = open_study("", Some(&saved), None);
            assert_eq!(opening.source, Source::Preset(presets::all()[0].name));
            let kept = opening.kept.expect("kept, not dropped");
            assert_eq!(kept.json, saved);
            let KeptBecause::Unreadable(refusal) = kept.why else { panic!("unreadable") };
            assert!(!refusal.problems.is_empty() || !refusal.message.is_empty());
        }
        // A link still opens beside it, and the unreadable study is still kept.
        let fragment = link::encode(&preset_study(2).to_json());
        let opening = open_study(&fragment, Some("{not json"), None);
        assert_eq!((opening.source, opening.kept.map(|k| k.json)), (Source::Link, Some("{not json".to_owned())));
    }

    #[test]
    fn after_a_crash_the_example_opens_and_the_study_is_kept() {
        let saved = preset_study(3).to_json();
        let fragment = link::encode(&preset_study(2).to_json());
        let opening = open_study(&fragment, Some(&saved), Some(Starting::Saved));
        assert_eq!(opening.source, Source::Preset(presets::all()[0].name));
        assert_eq!(opening.kept, Some(Kept { json: saved.clone(), why: KeptBecause::Crashed }));
        let opening = open_study(&fragment, Some(&saved), Some(Starting::Link));
        let kept = opening.kept.expect("the link's study is kept");
        assert_eq!(Study::from_json(&kept.json).unwrap(), preset_study(2));
    }

    #[test]
    fn export_names_come_from_titles() {
        assert_eq!(export_file_name("Password reset"), "Password reset.json");
        assert_eq!(export_file_name("a/b:c*?\"<>|d"), "abcd.json");
        assert_eq!(export_file_name("  ..  "), "study.json");
        assert_eq!(export_file_name(""), "study.json");
        assert_eq!(export_file_name(&"x".repeat(200)).len(), 85);
    }

    #[test]
    fn every_preset_link_opens_its_study_and_is_short() {
        for preset in presets::all() {
            let study = Study::from_json(preset.json).unwrap();
            let fragment = link::encode(&study.to_json());
            assert!(fragment.len() < 4000, "{}: {} characters", preset.id, fragment.len());
            assert_eq!(read_link(&fragment).unwrap(), study);
            println!("link length of {}: {} characters after '#'", preset.id, fragment.len());
        }
    }
}
