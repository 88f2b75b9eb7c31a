//! Built-in example studies.
//!
//! Each preset is a complete study file (schema 2 with volume and staffing,
//! see MODEL.md, so it runs as a simulated centre) stored as
//! JSON under `crates/engine/presets/` and compiled into the binary with
//! `include_str!`, so the browser app, the command line and the tests all
//! open exactly the same text. Every preset has two designs, "Current" and
//! "Improved", which differ only in what the fix changes; the figures and
//! where they come from are written up in `docs/presets.md`.
//!
//! This module hands out the raw JSON only. Turning it into a validated
//! study is the job of the study parser, exactly as for a file a user opens
//! or a shared link.

/// One built-in example study.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Preset {
    /// Stable, URL-friendly identifier (the JSON file's name without
    /// extension), e.g. `password-reset`.
    pub id: &'static str,
    /// Display name; the same as the study's `title`.
    pub name: &'static str,
    /// One sentence for a picker: the problem and the fix.
    pub summary: &'static str,
    /// The study file, as written on disk.
    pub json: &'static str,
}

static PRESETS: [Preset; 4] = [
    Preset {
        id: "password-reset",
        name: "Password reset",
        summary: "A confusing reset flow floods the phones with repeat calls; the fix is a \
                  self-service reset that works, on the web and in the IVR.",
        json: include_str!("../presets/password-reset.json"),
    },
    Preset {
        id: "pro-photographer",
        name: "Pro photographer",
        summary: "Expert customers need tier-2 technical help; the fix is a specialist line \
                  for them and a knowledge base in front of chat and email.",
        json: include_str!("../presets/pro-photographer.json"),
    },
    Preset {
        id: "help-centre-still-calls",
        name: "Help centre still calls",
        summary: "Four in five help-centre visitors still end up contacting an agent; the fix \
                  is better articles.",
        json: include_str!("../presets/help-centre-still-calls.json"),
    },
    Preset {
        id: "omnichannel-continuity",
        name: "Omnichannel continuity",
        summary: "Customers who move from chat to phone have to explain themselves again; the \
                  fix carries the conversation's context across channels.",
        json: include_str!("../presets/omnichannel-continuity.json"),
    },
];

/// Every built-in preset, the one to show first ("Password reset") first.
pub fn all() -> &'static [Preset] {
    &PRESETS
}

/// The preset whose id or display name equals `id_or_name`, ignoring case
/// and surrounding whitespace.
pub fn find(id_or_name: &str) -> Option<&'static Preset> {
    let wanted = id_or_name.trim();
    PRESETS
        .iter()
        .find(|p| p.id.eq_ignore_ascii_case(wanted) || p.name.eq_ignore_ascii_case(wanted))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;
    use std::collections::HashSet;

    fn parse(preset: &Preset) -> Value {
        serde_json::from_str(preset.json)
            .unwrap_or_else(|e| panic!("preset {} is not valid JSON: {e}", preset.id))
    }

    #[test]
    fn every_preset_is_a_schema_2_centre() {
        for preset in all() {
            let study = parse(preset);
            assert_eq!(study["schema"], 2, "preset {}", preset.id);
            assert!(study["demand"].is_object(), "preset {} has volume", preset.id);
        }
    }

    /// A shared link must fit where people paste links (chat, e-mail,
    /// slides): every preset's, volume and staffing included, stays under
    /// 2,000 characters.
    #[test]
    fn every_presets_link_is_under_2000_characters() {
        for preset in all() {
            let study = crate::Study::from_json(preset.json).expect("valid preset");
            let fragment = crate::link::encode(&study.to_json());
            assert!(fragment.len() < 2_000, "preset {}: {} characters", preset.id, fragment.len());
        }
    }

    #[test]
    fn every_preset_has_current_and_improved_designs() {
        for preset in all() {
            let study = parse(preset);
            let names: Vec<&str> = study["designs"]
                .as_array()
                .unwrap_or_else(|| panic!("preset {} has no designs array", preset.id))
                .iter()
                .map(|d| d["name"].as_str().unwrap_or(""))
                .collect();
            assert_eq!(names, ["Current", "Improved"], "preset {}", preset.id);
        }
    }

    /// Until the typed study validator covers presets, at least the
    /// cross-references a JSON typo would break: every channel-mix key names
    /// a channel of the same design, and every escalating agent has a tier 2.
    #[test]
    fn designs_refer_only_to_their_own_channels() {
        for preset in all() {
            let study = parse(preset);
            for design in study["designs"].as_array().into_iter().flatten() {
                let channels = design["channels"].as_array().expect("channels array");
                let names: HashSet<&str> =
                    channels.iter().filter_map(|c| c["name"].as_str()).collect();
                for persona in design["personas"].as_array().expect("personas array") {
                    let mix = persona["channel_mix"]
                        .as_object()
                        .expect("channel_mix object");
                    for channel in mix.keys() {
                        assert!(
                            names.contains(channel.as_str()),
                            "preset {}, design {}, persona {}: no channel {channel:?}",
                            preset.id,
                            design["name"],
                            persona["name"],
                        );
                    }
                }
                for channel in channels {
                    let agent = &channel["agent"];
                    if agent["escalation"].as_f64().unwrap_or(0.0) > 0.0 {
                        assert!(
                            agent["tier2"].is_object(),
                            "preset {}, design {}, channel {}: escalates without a tier 2",
                            preset.id,
                            design["name"],
                            channel["name"],
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn name_is_the_study_title() {
        for preset in all() {
            assert_eq!(parse(preset)["title"], preset.name, "preset {}", preset.id);
        }
    }

    #[test]
    fn ids_and_names_are_unique() {
        let ids: HashSet<_> = all().iter().map(|p| p.id.to_ascii_lowercase()).collect();
        let names: HashSet<_> = all().iter().map(|p| p.name.to_ascii_lowercase()).collect();
        assert_eq!(ids.len(), all().len());
        assert_eq!(names.len(), all().len());
    }

    #[test]
    fn password_reset_comes_first() {
        assert_eq!(all()[0].id, "password-reset");
    }

    #[test]
    fn find_matches_id_or_name_ignoring_case() {
        assert_eq!(find("password-reset").map(|p| p.id), Some("password-reset"));
        assert_eq!(
            find("PRO PHOTOGRAPHER").map(|p| p.id),
            Some("pro-photographer")
        );
        assert_eq!(
            find(" help centre still calls ").map(|p| p.id),
            Some("help-centre-still-calls")
        );
        assert_eq!(
            find("Omnichannel-Continuity").map(|p| p.id),
            Some("omnichannel-continuity")
        );
        assert_eq!(find("no such preset"), None);
        assert_eq!(find(""), None);
    }
}
