//! "Changes from Current": the list of what a variant design changes,
//! computed by `design_diff.rs` from the draft (once, for the open design,
//! in `focus.rs`).

use leptos::prelude::*;

use super::focus::OpenDesign;
use crate::state::{FieldPath, StudyState, path};

/// The list for the open design (a variant), from [`OpenDesign::changes`].
#[component]
pub fn ChangesFromCurrent() -> impl IntoView {
    let state = StudyState::get();
    let open = OpenDesign::get();
    let baseline = Memo::new(move |_| {
        state.draft().with(|d| path::get(d, &FieldPath::design(0).key("name")).and_then(|n| n.as_str()).unwrap_or("Current").to_owned())
    });
    view! {
        <section class="changes" aria-labelledby="changes-heading">
            <h3 id="changes-heading">{move || format!("Changes from {}", baseline.get())}</h3>
            {move || {
                let (baseline, lines) = (baseline.get(), open.changes.get());
                if lines.is_empty() {
                    view! { <p>{format!("None yet: this design is the same as {baseline}. Change a field below to try an idea.")}</p> }.into_any()
                } else {
                    view! { <ul class="changes-list">{lines.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul> }.into_any()
                }
            }}
        </section>
    }
}
