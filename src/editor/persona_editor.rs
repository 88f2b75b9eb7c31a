//! The personas of one design: who the customers are, which channel they
//! try first, how patient they are and how they retry.

use journey_engine::MAX_PERSONAS;
use leptos::prelude::*;
use serde_json::Value;

use super::distribution_editor::DistributionEditor;
use super::field::{Codec, Field, SectionProblem};
use super::templates;
use crate::state::{FieldPath, StudyState, path};

/// Every persona of design `design`, with add and remove.
#[component]
pub fn PersonaList(design: usize) -> impl IntoView {
    let state = StudyState::get();
    let list = FieldPath::design(design).key("personas");
    let count = {
        let list = list.clone();
        Memo::new(move |_| state.draft().with(|d| path::get(d, &list).and_then(Value::as_array).map_or(0, Vec::len)))
    };
    let add = {
        let list = list.clone();
        move |_| {
            state.edit(|d| {
                let persona = templates::persona(path::get(d, &FieldPath::design(design)).unwrap_or(&Value::Null));
                if let Some(Value::Array(items)) = path::get_mut(d, &list) {
                    items.push(persona);
                }
            })
        }
    };
    let heading_id = format!("{}-heading", list.dom_id());
    let labelled_by = heading_id.clone();
    let list_id = list.dom_id();
    view! {
        <section class="part-list" id=list_id tabindex="-1" aria-labelledby=labelled_by>
            <div class="part-list-head">
                <h3 id=heading_id>"Personas"</h3>
                <button type="button" class="secondary" on:click=add disabled=move || { count.get() >= MAX_PERSONAS }>
                    "Add persona"
                </button>
            </div>
            <p class="part-list-note">
                "Who contacts you. Shares are weights: they need not add up to 1."
            </p>
            <SectionProblem path=list.clone() />
            <div class="cards">
                <For
                    each=move || 0..count.get()
                    key=|index| *index
                    children=move |index| view! { <PersonaEditor design=design index=index can_remove=Signal::derive(move || count.get() > 1) /> }
                />
            </div>
        </section>
    }
}

/// One persona's card.
#[component]
fn PersonaEditor(design: usize, index: usize, can_remove: Signal<bool>) -> impl IntoView {
    let state = StudyState::get();
    let here = FieldPath::design(design).key("personas").index(index);
    let name = state.value_at(here.key("name"));
    let title = move || match name.get() {
        Some(Value::String(s)) if !s.trim().is_empty() => s,
        _ => "Unnamed persona".to_owned(),
    };
    let channels = Memo::new(move |_| {
        state.draft().with(|d| templates::names(path::get(d, &FieldPath::design(design).key("channels"))))
    });
    let remove = {
        let here = here.clone();
        move |_| {
            state.edit(|d| {
                path::remove(d, &here);
            })
        }
    };
    let mix = here.key("channel_mix");
    let heading_id = format!("{}-heading", here.dom_id());
    let labelled_by = heading_id.clone();
    let card_id = here.dom_id();
    let mix_id = mix.dom_id();
    view! {
        <section class="card persona" id=card_id tabindex="-1" aria-labelledby=labelled_by>
            <div class="card-head">
                <h4 id=heading_id>{title}</h4>
                <button
                    type="button"
                    class="secondary danger"
                    on:click=remove
                    disabled=move || !can_remove.get()
                    aria-label=move || format!("Remove persona {}", title())
                >
                    "Remove"
                </button>
            </div>
            <SectionProblem path=here.clone() />
            <div class="fields">
                <Field path=here.key("name") label="Name" />
                <Field path=here.key("share") label="Share of customers" unit="weight" codec=Codec::Number />
            </div>
            <fieldset class="channel-mix" id=mix_id tabindex="-1">
                <legend>"First contact: weight of each channel"</legend>
                <SectionProblem path=mix.clone() />
                <div class="fields">
                    <For
                        each=move || channels.get()
                        key=|name| name.clone()
                        children={
                            let mix = mix.clone();
                            move |channel: String| {
                                view! {
                                    <Field
                                        path=mix.name(channel.clone())
                                        label=channel
                                        unit="weight"
                                        codec=Codec::Number
                                        empty_removes=true
                                        placeholder="0"
                                    />
                                }
                            }
                        }
                    />
                </div>
            </fieldset>
            <DistributionEditor path=here.key("patience") label="Patience in a queue" unit="min" />
            <div class="fields">
                <Field path=here.key("hold_tolerance") label="Hold tolerance" unit="min" codec=Codec::Number />
                <Field path=here.key("retry_after_abandon") label="Retry after abandoning" unit="0–1" codec=Codec::Number percent=true />
                <Field path=here.key("retry_after_failure") label="Retry after a failed contact" unit="0–1" codec=Codec::Number percent=true />
                <Field path=here.key("switch_on_retry") label="Switch channel on retry" unit="0–1" codec=Codec::Number percent=true />
                <Field path=here.key("max_contacts") label="Most contacts" unit="1–10" codec=Codec::Whole />
                <Field path=here.key("baseline_satisfaction") label="Starting satisfaction" unit="0–100" codec=Codec::Number />
            </div>
            <DistributionEditor path=here.key("retry_gap_hours") label="Time before retrying" unit="h" />
        </section>
    }
}
