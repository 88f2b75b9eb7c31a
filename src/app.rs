//! The application shell: page header and main area.
//!
//! The main area holds the study editor (examples, sharing, the study and
//! its designs), the run bar (the simulation's status, progress and Stop)
//! and the results. `sharing::provide_study` opens the study (link, saved copy or first
//! example) and provides the `StudyState` context everything reads.

use leptos::prelude::*;

use crate::editor::{PresetPicker, StudyEditor};
use crate::present::{PresentView, Presenting};
use crate::results::Results;
use crate::run::{RunBar, provide_simulation};
use crate::sharing::{NoticeBanner, SharingBar, provide_study, start_succeeded};
use crate::run::SimulationContext;

#[component]
pub fn App() -> impl IntoView {
    provide_study();
    // Reads the study context, so it comes after it.
    let simulation = provide_simulation();
    confirm_start(simulation);
    Presenting::provide();
    let collapsed = RwSignal::new(false);
    view! {
        <header class="app-header">
            <h1>"Journey Simulator"</h1>
            <p class="tagline">"Monte Carlo simulation of contact-centre customer journeys"</p>
        </header>
        <main id="main" class="app-main">
            <NoticeBanner />
            // Side by side on wide screens (public/layout.css): an edit and
            // its effect stay in view together.
            <div class="workspace" class:editor-collapsed=move || collapsed.get()>
                <section class="study-pane" aria-label="Study editor">
                    // Where the study sits above the results (narrow windows,
                    // 150% zoom): a way past it, and a way to fold it away.
                    <div class="pane-shortcuts no-print">
                        <a class="skip-link" href="#results">"Skip to results"</a>
                        <button
                            type="button"
                            class="secondary editor-fold"
                            aria-expanded=move || (!collapsed.get()).to_string()
                            aria-controls="study-editor"
                            on:click=move |_| collapsed.update(|c| *c = !*c)
                        >
                            {move || if collapsed.get() { "Show the study editor" } else { "Hide the study editor" }}
                        </button>
                    </div>
                    <div id="study-editor" class="study-pane-body">
                        <PresetPicker />
                        <SharingBar />
                        <StudyEditor />
                    </div>
                </section>
                // Not a landmark of its own: the results inside are one.
                <div class="results-pane">
                    <Results />
                </div>
            </div>
            <RunBar />
        </main>
        <PresentView />
    }
}

/// The boot guard's other half (see `sharing/share_url.rs`): the start
/// succeeded once the first results are on screen (drawn on the next
/// frame, then a task later). A page that stops before then leaves its
/// mark, and the next visit does not open the same study again.
fn confirm_start(simulation: SimulationContext) {
    Effect::new(move |confirmed: Option<bool>| {
        if confirmed == Some(true) {
            return true;
        }
        let shown = simulation.report.with(Option::is_some);
        if shown {
            request_animation_frame(|| set_timeout(start_succeeded, std::time::Duration::ZERO));
        }
        shown
    });
}
