//! Every problem of the draft in one list, each with a button that opens
//! its design and focuses its field.

use leptos::prelude::*;
use serde_json::Value;

use super::focus::{OpenDesign, focus_problem};
use crate::state::StudyState;

/// A validator path in the study's own words, naming designs, personas
/// and channels: `designs[1].channels[0].agent.resolution` →
/// `Improved › Phone › agent › resolution`.
pub fn place_in_words(draft: &Value, path: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut here = Some(draft);
    let mut rest = path;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("[\"") {
            let end = after.find("\"]").unwrap_or(after.len());
            let name = &after[..end];
            words.push(name.to_owned());
            here = here.and_then(|v| v.get(name));
            rest = after.get(end + 2..).unwrap_or("");
        } else if let Some(after) = rest.strip_prefix('[') {
            let end = after.find(']').unwrap_or(after.len());
            let index: Option<usize> = after[..end].parse().ok();
            here = here.and_then(|v| index.and_then(|i| v.get(i)));
            let name = here.and_then(|v| v.get("name")).and_then(Value::as_str).filter(|n| !n.trim().is_empty());
            // A list element reads as its name ("Phone"), in place of the
            // list's own word ("channels") just before it.
            match (name, index) {
                (Some(name), _) => {
                    words.pop();
                    words.push(name.to_owned());
                }
                (None, Some(i)) => {
                    if let Some(last) = words.last_mut() {
                        *last = format!("{last} {}", i + 1);
                    }
                }
                (None, None) => {}
            }
            rest = after.get(end + 1..).unwrap_or("");
        } else {
            let rest_ = rest.strip_prefix('.').unwrap_or(rest);
            let end = rest_.find(['.', '[']).unwrap_or(rest_.len());
            let key = &rest_[..end];
            here = here.and_then(|v| v.get(key));
            words.push(key.replace('_', " "));
            rest = &rest_[end..];
        }
    }
    if words.is_empty() { "Study".to_owned() } else { words.join(" \u{203a} ") }
}

#[component]
pub fn ProblemSummary() -> impl IntoView {
    let state = StudyState::get();
    let open = OpenDesign::get();
    let problems = Memo::new(move |_| {
        let problems = state.problems();
        state.draft().with(|d| problems.into_iter().map(|p| (place_in_words(d, &p.path), p.message, p.path)).collect::<Vec<_>>())
    });
    move || {
        let list = problems.get();
        (!list.is_empty()).then(|| {
            let count = list.len();
            view! {
                <section class="problem-summary" aria-labelledby="problem-summary-heading">
                    <h2 id="problem-summary-heading">
                        {if count == 1 { "1 problem to fix".to_owned() } else { format!("{count} problems to fix") }}
                    </h2>
                    <p>
                        "Until they are fixed, the link, the saved copy and simulation runs keep the last valid version of the study."
                    </p>
                    <ul>
                        {list
                            .into_iter()
                            .map(|(place, message, path)| {
                                view! {
                                    <li>
                                        <button type="button" class="link-button" on:click=move |_| focus_problem(path.clone(), open)>
                                            {place}
                                        </button>
                                        ": "
                                        {message}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </section>
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn paths_read_in_the_study_s_own_names() {
        let draft = json!({
            "designs": [
                {"name": "Current", "channels": [{"name": "Phone"}], "personas": [{"name": ""}]},
                {"name": "Improved", "channels": [{"name": "Phone"}]}
            ]
        });
        assert_eq!(place_in_words(&draft, "designs[1].channels[0].agent.resolution"), "Improved \u{203a} Phone \u{203a} agent \u{203a} resolution");
        assert_eq!(place_in_words(&draft, "designs[0].personas[0].channel_mix[\"Help centre\"]"), "Current \u{203a} personas 1 \u{203a} channel mix \u{203a} Help centre");
        assert_eq!(place_in_words(&draft, "satisfaction.hold_minute"), "satisfaction \u{203a} hold minute");
        assert_eq!(place_in_words(&draft, "designs[7].name"), "designs 8 \u{203a} name");
        assert_eq!(place_in_words(&draft, ""), "Study");
        assert_eq!(place_in_words(&draft, "designs[0].personas[0].patience.values[2]"), "Current \u{203a} personas 1 \u{203a} patience \u{203a} values 3");
    }
}
