//! The smallest change of each figure that matters (the study's optional
//! `smallest_changes`): below it a variant's change is called negligible.
//! Folded away by default: the defaults (half a point of a rate, 1% of
//! anything else) suit most studies.

use journey_engine::kpi::{DERIVED_KPIS, KPIS, Scale};
use leptos::prelude::*;

use super::field::{Codec, Field, SectionProblem};
use crate::state::{FieldPath, StudyState};

#[component]
pub fn SmallestChanges() -> impl IntoView {
    let at = FieldPath::root().key("smallest_changes");
    // Opens (and never closes under the person's hands) when the study
    // sets any: its own values, or a problem with them, are not hidden.
    let set = StudyState::get().value_at(at.clone());
    let details = NodeRef::<leptos::html::Details>::new();
    Effect::new(move |_| {
        let any = set.with(|v| v.as_ref().and_then(|v| v.as_object()).is_some_and(|o| !o.is_empty()));
        if let (true, Some(details)) = (any, details.get()) {
            details.set_open(true);
        }
    });
    view! {
        <details class="smallest-changes" id=at.dom_id() node_ref=details>
            <summary>"Smallest change that matters"</summary>
            <p class="section-note">
                "A variant\u{2019}s change whose whole 95% interval lies within this is called "<strong>"negligible"</strong>
                ": too small to act on, however sure the simulation is. For a rate, a change of the rate (0.005 is half a percentage "
                "point); for any other figure, a share of the baseline\u{2019}s value (0.01 is 1%). Empty: the default. 0: never negligible."
            </p>
            <SectionProblem path=at.clone() />
            <div class="fields">
                {KPIS
                    .iter()
                    .chain(&DERIVED_KPIS)
                    .map(|info| {
                        let (unit, placeholder) = match info.scale {
                            Scale::Rate => ("change of the rate", "0.005 (default)"),
                            Scale::Amount | Scale::Score => ("share of the baseline", "0.01 (default)"),
                        };
                        view! {
                            <Field path=at.key(info.key) label=info.label unit=unit codec=Codec::Number percent=true
                                empty_removes=true placeholder=placeholder />
                        }
                    })
                    .collect_view()}
            </div>
        </details>
    }
}
