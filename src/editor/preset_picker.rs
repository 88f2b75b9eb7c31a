//! The built-in example studies, for starting from something real.

use journey_engine::{Study, presets};
use leptos::prelude::*;

use crate::sharing::{Notice, Notices, OpenedFrom, Source};
use crate::state::StudyState;

#[component]
pub fn PresetPicker() -> impl IntoView {
    let state = StudyState::get();
    let notices = Notices::get();
    let current_title = move || state.valid().with(|s| s.title.clone());
    // Open for a first visit (which shows the first example); folded away
    // when the person came back to their study or followed a link, so the
    // study itself is what fills the screen.
    let first_visit = use_context::<OpenedFrom>().is_some_and(|o| matches!(o.0, Source::Preset(_)));
    view! {
        <details class="panel presets" open=first_visit>
            <summary>
                <h2 id="presets-heading">"Examples"</h2>
                <span class="presets-note">
                    "Start from an example study. It replaces the study on screen; Undo brings yours back."
                </span>
            </summary>
            <ul class="preset-list">
                {presets::all()
                    .iter()
                    .map(|preset| {
                        let open = move |_| {
                            // Every preset validates (the engine's tests check it).
                            if let Ok(study) = Study::from_json(preset.json) {
                                let previous = state.valid().get_untracked();
                                state.load(study);
                                notices.show(Notice::replaced(format!("Opened the example \u{201c}{}\u{201d}.", preset.name), previous));
                            }
                        };
                        view! {
                            <li>
                                <button
                                    type="button"
                                    class="preset"
                                    on:click=open
                                    aria-current=move || (current_title() == preset.name).then_some("true")
                                >
                                    <span class="preset-name">{preset.name}</span>
                                    <span class="preset-summary">{preset.summary}</span>
                                </button>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </details>
    }
}
