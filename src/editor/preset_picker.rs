//! The built-in example studies, for starting from something real.

use journey_engine::{Study, presets};
use leptos::prelude::*;

use crate::sharing::{Notice, Notices};
use crate::state::StudyState;

#[component]
pub fn PresetPicker() -> impl IntoView {
    let state = StudyState::get();
    let notices = Notices::get();
    let current_title = move || state.valid().with(|s| s.title.clone());
    view! {
        <section class="panel presets" aria-labelledby="presets-heading">
            <h2 id="presets-heading">"Examples"</h2>
            <p class="presets-note">"Open an example study. It replaces the study on screen; Undo brings yours back."</p>
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
        </section>
    }
}
