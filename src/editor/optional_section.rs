//! A part of the study that may be left out (self-service, agents, tier 2,
//! a response delay): a checkbox adds or removes it, and its fields show
//! while it is there.

use leptos::prelude::*;
use serde_json::Value;

use super::field::{FieldHelp, help_and_problem};
use crate::state::{FieldPath, StudyState, path};

#[component]
pub fn OptionalSection(
    /// Where the section lives; absent or `null` means "left out".
    path: FieldPath,
    /// The checkbox's words.
    #[prop(into)]
    label: String,
    /// What a newly added section holds.
    template: fn() -> Value,
    children: ChildrenFn,
) -> impl IntoView {
    let state = StudyState::get();
    let id = path.dom_id();
    let path_text = path.to_string();
    let value = state.value_at(path.clone());
    let present = Memo::new(move |_| value.with(|v| v.as_ref().is_some_and(|v| !v.is_null())));
    let problem = Memo::new(move |_| state.problem_at(&path_text));
    // Taking a section out and putting it back restores what it held.
    let stash = StoredValue::new(None::<Value>);
    let path_string = path.to_string();
    let toggle = move |ev| {
        if event_target_checked(&ev) {
            let section = stash.try_update_value(Option::take).flatten().unwrap_or_else(template);
            state.set_at(&path, section);
        } else {
            state.edit(|d| stash.set_value(path::remove(d, &path)));
        }
    };
    let problem_id = format!("{id}-problem");
    let (describe_id, describe_path, help_path) = (id.clone(), path_string.clone(), path_string);
    view! {
        <div class="optional-section" class:optional-section-on=present>
            <div class="field field-check" class:field-invalid=move || problem.with(Option::is_some)>
                <input
                    id=id.clone()
                    type="checkbox"
                    prop:checked=present
                    on:change=toggle
                    aria-invalid=move || problem.with(Option::is_some).then_some("true")
                    aria-describedby=move || help_and_problem(&describe_id, &describe_path, problem.with(Option::is_some))
                />
                <label for=id.clone()>{label}</label>
                <FieldHelp path=help_path id=id />
                {move || problem.get().map(|message| view! { <p class="field-problem" id=problem_id.clone()>{message}</p> })}
            </div>
            {move || present.get().then(|| view! { <div class="optional-section-body">{children()}</div> })}
        </div>
    }
}
