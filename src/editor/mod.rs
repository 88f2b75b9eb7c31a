//! The study editor: every part of MODEL.md's study, editable, with the
//! validator's problems shown at their fields.
//!
//! Each input edits the draft in [`crate::state::StudyState`] at a
//! [`crate::state::FieldPath`]; the state revalidates, and the last valid
//! study follows when the draft validates. Files are named after what they
//! edit:
//!
//! - `study_settings.rs`: title, currency, seed, journeys, satisfaction.
//! - `volume_editor.rs`: the volume (demand) that makes a study a
//!   simulated centre; `staffing_editor.rs`: agents on duty of a pool.
//! - `design_tabs.rs`, `design_editor.rs`: designs as tabs; one design;
//!   `editing_bar.rs`: which design is being edited, Undo and Redo.
//! - `persona_editor.rs`, `channel_editor.rs`: the parts of a design, in
//!   the list and cards of `part_list.rs`; `channel_refs.rs` keeps persona
//!   mixes in step with channel names.
//! - `distribution_editor.rs` (+ `distribution_shape.rs`, plain maths).
//! - `changes.rs` (+ `design_diff.rs`, plain Rust): changes from Current.
//! - `preset_picker.rs`: the engine's example studies.
//! - `problem_summary.rs`, `focus.rs`: all problems, with a way to each.
//! - `field.rs`, `optional_section.rs`: inputs bound to paths.
//! - `number_text.rs`, `templates.rs`: plain helpers, tested natively.

mod changes;
mod channel_editor;
mod channel_refs;
pub(crate) mod design_diff;
mod design_editor;
mod design_tabs;
mod distribution_editor;
mod distribution_shape;
mod editing_bar;
mod field;
mod focus;
pub(crate) mod number_text;
mod optional_section;
mod part_list;
mod persona_editor;
mod preset_picker;
mod problem_summary;
mod smallest_changes;
mod staffing_editor;
mod study_settings;
mod templates;
mod volume_editor;

pub use preset_picker::PresetPicker;
pub use problem_summary::place_in_words;

use leptos::prelude::*;

use crate::state::StudyState;
use design_editor::DesignPanel;
use design_tabs::DesignTabs;
use editing_bar::{EditingBar, ShowHelp};
use focus::OpenDesign;
use problem_summary::ProblemSummary;
use study_settings::StudySettings;
use volume_editor::VolumeSection;

/// The whole editor: study settings, problems, and the designs as tabs.
#[component]
pub fn StudyEditor() -> impl IntoView {
    let open = OpenDesign::provide(StudyState::get());
    let show_help = RwSignal::new(false);
    provide_context(ShowHelp(show_help));
    view! {
        <div class="study-editor" class:show-help=move || show_help.get() on:focusin=move |ev| open.remember_focus(&ev)>
            <EditingBar />
            <StudySettings />
            <VolumeSection />
            <ProblemSummary />
            <section class="panel designs" aria-labelledby="designs-heading">
                <h2 id="designs-heading">"Designs"</h2>
                <p class="designs-note">
                    "The first design is the baseline; every other design is an idea compared against it. "
                    <strong>"Variants follow the baseline:"</strong>
                    " a change to the first design reaches every variant that had the same value, "
                    "and what a variant changed on purpose stays as it is."
                </p>
                <DesignTabs />
                <DesignPanel />
            </section>
        </div>
    }
}
