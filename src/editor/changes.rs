//! "Changes from Current": the list of what a variant design changes,
//! computed by `design_diff.rs` from the draft.

use leptos::prelude::*;

use super::design_diff::design_changes;
use crate::state::{FieldPath, StudyState, path};

#[component]
pub fn ChangesFromCurrent(design: usize) -> impl IntoView {
    let state = StudyState::get();
    let changes = Memo::new(move |_| {
        state.draft().with(|d| {
            let baseline = path::get(d, &FieldPath::design(0)).cloned().unwrap_or_default();
            let variant = path::get(d, &FieldPath::design(design)).cloned().unwrap_or_default();
            let name = baseline.get("name").and_then(|n| n.as_str()).unwrap_or("Current").to_owned();
            (name, design_changes(&baseline, &variant).iter().map(ToString::to_string).collect::<Vec<_>>())
        })
    });
    view! {
        <section class="changes" aria-labelledby="changes-heading">
            <h3 id="changes-heading">{move || format!("Changes from {}", changes.with(|c| c.0.clone()))}</h3>
            {move || {
                let (baseline, lines) = changes.get();
                if lines.is_empty() {
                    view! { <p>{format!("None yet: this design is the same as {baseline}. Change a field below to try an idea.")}</p> }.into_any()
                } else {
                    view! { <ul class="changes-list">{lines.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul> }.into_any()
                }
            }}
        </section>
    }
}
