//! The personas of one design: who the customers are, which channel they
//! try first, how patient they are and how they retry.

use journey_engine::MAX_PERSONAS;
use leptos::prelude::*;

use super::distribution_editor::DistributionEditor;
use super::field::{Codec, Field, SectionProblem};
use super::part_list::{PartCard, PartList};
use super::templates;
use crate::state::{FieldPath, StudyState, path};

/// Every persona of design `design`, with add and remove.
#[component]
pub fn PersonaList(design: usize) -> impl IntoView {
    view! {
        <PartList
            design=design
            key="personas"
            heading="Personas"
            add_label="Add persona"
            note="Who contacts you. Shares are weights: they need not add up to 1."
            max=MAX_PERSONAS
            new_part=templates::persona
            card=move |index, can_remove| view! { <PersonaEditor design=design index=index can_remove=can_remove /> }
        />
    }
}

/// One persona's card.
#[component]
fn PersonaEditor(design: usize, index: usize, can_remove: Signal<bool>) -> impl IntoView {
    let state = StudyState::get();
    let here = FieldPath::design(design).key("personas").index(index);
    let channels = Memo::new(move |_| {
        state.draft().with(|d| templates::names(path::get(d, &FieldPath::design(design).key("channels"))))
    });
    let remove = {
        let here = here.clone();
        Callback::new(move |()| {
            state.edit(|d| {
                path::remove(d, &here);
            })
        })
    };
    let mix = here.key("channel_mix");
    let mix_id = mix.dom_id();
    view! {
        <PartCard here=here.clone() kind="persona" can_remove=can_remove on_remove=remove>
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
        </PartCard>
    }
}
