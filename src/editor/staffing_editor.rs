//! Staffing of a channel's agents or its tier 2 (MODEL.md `staffing`): with
//! it, the pool's waits come from the agents on duty in a simulated centre
//! instead of a hold-time distribution.
//!
//! Both ways are kept: the hold distribution stays in the study while the
//! pool is staffed (unused, and the engine's advice says so), and taking
//! staffing out and putting it back restores what it held, so switching
//! loses nothing typed.

use leptos::prelude::*;
use serde_json::Value;

use super::field::{Codec, Field, SelectField};
use super::optional_section::OptionalSection;
use super::templates;
use crate::state::{FieldPath, StudyState};

/// The staffing choice of the agent or tier 2 at `owner`.
#[component]
pub fn StaffingSection(
    owner: FieldPath,
    /// A tier 2 takes its tier 1's queue kind when tier 1 is staffed.
    #[prop(optional)]
    tier2: bool,
) -> impl IntoView {
    let state = StudyState::get();
    let staffing = owner.key("staffing");
    let toggle = staffing.clone();
    let has_volume = state.value_at(FieldPath::root().key("demand"));
    let has_volume = Memo::new(move |_| has_volume.with(|v| v.as_ref().is_some_and(|v| !v.is_null())));
    let label = if tier2 { "Staffed: specialists on duty answer escalations in turn" } else { "Staffed: agents on duty answer in turn (waits from load)" };
    view! {
        <OptionalSection path=toggle label=label template=templates::staffing>
            <p class="section-note" hidden=move || has_volume.get()>
                "Staffing needs the study's volume: turn on \u{201c}Simulate the centre\u{201d} under Volume."
            </p>
            <StaffingFields staffing=staffing.clone() tier2=tier2 />
        </OptionalSection>
    }
}

#[component]
fn StaffingFields(staffing: FieldPath, tier2: bool) -> impl IntoView {
    let state = StudyState::get();
    let code = state.value_at(FieldPath::root().key("currency"));
    let currency = Signal::derive(move || code.with(|c| format!("{} per hour", c.as_ref().and_then(Value::as_str).unwrap_or(""))));
    let queues = vec![
        ("live", "Live: customers wait on the line and may give up".to_owned()),
        ("backlog", "Backlog: contacts wait until taken (email, social, SMS)".to_owned()),
    ];
    view! {
        <div class="fields">
            <Field
                path=staffing.key("agents")
                label="Agents on duty"
                unit="one number, or 24 by hour of day, or 168 by hour of week"
                codec=Codec::Roster
                class="wide"
            />
            <Field path=staffing.key("concurrency") label="Contacts an agent works at once" unit="1–10" codec=Codec::Whole placeholder="1" />
            <Field path=staffing.key("cost_per_agent_hour") label="Cost per agent hour on duty" unit=currency codec=Codec::Number placeholder="0" />
            {(!tier2).then(|| view! { <SelectField path=staffing.key("queue") label="Queue" options=queues default="live" /> })}
        </div>
        <p class="section-note">
            "While staffed, the hold-time distribution above is kept but not used. The cost per handle minute should then hold only what paid agent time does not."
        </p>
    }
}
