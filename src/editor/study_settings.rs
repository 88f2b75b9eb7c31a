//! The study as a whole: title, currency, seed, journeys, and how much
//! each experience costs the customer's satisfaction, and the smallest
//! change of each figure that matters.

use leptos::prelude::*;

use super::field::{Codec, Field, SectionProblem};
use crate::state::FieldPath;

#[component]
pub fn StudySettings() -> impl IntoView {
    let root = FieldPath::root();
    let weights = root.key("satisfaction");
    view! {
        <section class="panel study-settings" aria-labelledby="study-settings-heading">
            <h2 id="study-settings-heading">"Study"</h2>
            <div class="fields">
                <Field path=root.key("title") label="Title" class="wide" />
                <Field path=root.key("currency") label="Currency" />
                <Field path=root.key("journeys") label="Journeys per design" unit="1 to 10,000,000" codec=Codec::Whole />
                <Field path=root.key("seed") label="Random seed" unit="same seed, same numbers" codec=Codec::Whole />
            </div>
            <fieldset class="satisfaction" id=weights.dom_id() tabindex="-1">
                <legend>"Satisfaction: points taken off a customer\u{2019}s score (0\u{2013}100)"</legend>
                <SectionProblem path=weights.clone() />
                <div class="fields">
                    <Field path=weights.key("extra_contact") label="Each contact after the first" unit="points" codec=Codec::Number />
                    <Field path=weights.key("hold_minute") label="Each minute of hold beyond tolerance" unit="points" codec=Codec::Number />
                    <Field path=weights.key("escalation") label="Each escalation" unit="points" codec=Codec::Number />
                    <Field path=weights.key("switch") label="Each channel switch" unit="points" codec=Codec::Number />
                    <Field path=weights.key("repeat_explanation") label="Each repeated explanation" unit="points" codec=Codec::Number />
                    <Field path=weights.key("unresolved") label="Left unresolved" unit="points" codec=Codec::Number />
                    <Field path=weights.key("satisfied_threshold") label="Satisfied at or above" unit="0–100" codec=Codec::Number />
                </div>
            </fieldset>
            <super::smallest_changes::SmallestChanges />
        </section>
    }
}
