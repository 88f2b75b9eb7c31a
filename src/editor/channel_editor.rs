//! The channels of one design: how customers reach the company, with
//! optional self-service in front and optional agents (and tier 2) behind.

use journey_engine::{ChannelKind, MAX_CHANNELS};
use leptos::prelude::*;
use serde_json::Value;

use super::channel_refs;
use super::distribution_editor::DistributionEditor;
use super::field::{CheckField, Codec, Field, SelectField};
use super::optional_section::OptionalSection;
use super::part_list::{PartCard, PartList};
use super::staffing_editor::StaffingSection;
use super::templates;
use crate::state::{FieldPath, StudyState, path};

/// Every channel of design `design`, with add and remove.
#[component]
pub fn ChannelList(design: usize) -> impl IntoView {
    view! {
        <PartList
            design=design
            key="channels"
            heading="Channels"
            add_label="Add channel"
            note="How customers reach you: self-service in front, agents behind, or both."
            max=MAX_CHANNELS
            new_part=templates::channel
            card=move |index, can_remove| view! { <ChannelEditor design=design index=index can_remove=can_remove /> }
        />
    }
}

/// The words for a channel kind.
fn kind_words(kind: ChannelKind) -> &'static str {
    match kind {
        ChannelKind::Phone => "Phone",
        ChannelKind::Chat => "Chat",
        ChannelKind::Email => "Email",
        ChannelKind::Social => "Social media",
        ChannelKind::Sms => "SMS",
        ChannelKind::Web => "Web",
        ChannelKind::Chatbot => "Chatbot",
        ChannelKind::Other => "Other",
    }
}

/// One channel's card.
#[component]
fn ChannelEditor(design: usize, index: usize, can_remove: Signal<bool>) -> impl IntoView {
    let state = StudyState::get();
    let here = FieldPath::design(design).key("channels").index(index);
    // Persona mixes refer to channels by name, so a rename carries over to
    // them (see channel_refs.rs). It happens when the person leaves the
    // field, not on every keystroke: typing "Chat" → "Phone 2" passes
    // through "Phone", a name another channel has.
    let mix_key = StoredValue::new(None::<String>);
    let rename = Callback::new(move |new: String| {
        state.edit(|d| {
            if let Some(design_value) = path::get_mut(d, &FieldPath::design(design)) {
                let kept = channel_refs::rename_channel(design_value, index, &new, mix_key.get_value());
                mix_key.set_value(kept);
            }
        })
    });
    let remove = Callback::new(move |()| {
        state.edit(|d| {
            if let Some(design_value) = path::get_mut(d, &FieldPath::design(design)) {
                channel_refs::remove_channel(design_value, index);
            }
        })
    });
    let kinds: Vec<(&'static str, String)> = ChannelKind::ALL.iter().map(|k| (k.as_str(), kind_words(*k).to_owned())).collect();
    let ss = here.key("self_service");
    let ss_toggle = ss.clone();
    let agent = here.key("agent");
    let agent_toggle = agent.clone();
    view! {
        <PartCard here=here.clone() kind="channel" can_remove=can_remove on_remove=remove>
            <div class="fields">
                <Field path=here.key("name") label="Name" on_commit=rename />
                <SelectField path=here.key("kind") label="Kind" options=kinds />
            </div>

            <OptionalSection path=ss_toggle label="Self-service in front (IVR, bot, help centre)" template=templates::self_service>
                <SelfServiceFields self_service=ss.clone() />
            </OptionalSection>
            <OptionalSection path=agent_toggle label="Agents answer this channel" template=templates::agent>
                <AgentFields agent=agent.clone() />
            </OptionalSection>
        </PartCard>
    }
}

/// The fields of a channel's self-service.
#[component]
fn SelfServiceFields(self_service: FieldPath) -> impl IntoView {
    let state = StudyState::get();
    let ss = self_service;
    view! {
        <div class="fields">
            <Field path=ss.key("name") label="Self-service name" />
            <Field path=ss.key("containment") label="Containment" unit="0–1" codec=Codec::Number percent=true />
            <Field path=ss.key("abandonment") label="Abandonment" unit="0–1" codec=Codec::Number percent=true />
            <Field path=ss.key("cost") label="Cost per attempt" unit=currency(state) codec=Codec::Number />
            <CheckField path=ss.key("live_fallback") label="Customers not contained go on to an agent" default=true />
        </div>
        <DistributionEditor path=ss.key("minutes") label="Time in self-service" unit="min" />
    }
}

/// The fields of a channel's agents, with the optional response delay
/// and tier 2.
#[component]
fn AgentFields(agent: FieldPath) -> impl IntoView {
    let state = StudyState::get();
    let delay = agent.key("response_delay_hours");
    let delay_toggle = delay.clone();
    let tier2 = agent.key("tier2");
    let tier2_toggle = tier2.clone();
    view! {
        <DistributionEditor path=agent.key("hold_minutes") label="Hold before an agent answers" unit="min" />
        <DistributionEditor path=agent.key("handle_minutes") label="Agent handle time" unit="min" />
        <StaffingSection owner=agent.clone() />
        <div class="fields">
            <Field path=agent.key("resolution") label="Resolution" unit="0–1" codec=Codec::Number percent=true />
            <Field path=agent.key("escalation") label="Escalation to tier 2" unit="0–1" codec=Codec::Number percent=true />
            <Field path=agent.key("reopen") label="Reopened after resolution" unit="0–1" codec=Codec::Number percent=true />
            <Field path=agent.key("cost_per_contact") label="Cost per contact" unit=currency(state) codec=Codec::Number />
            <Field path=agent.key("cost_per_minute") label="Cost per handle minute" unit=currency(state) codec=Codec::Number />
        </div>
        <OptionalSection
            path=delay_toggle
            label="Answers arrive later (email, social): response delay"
            template=templates::response_delay
        >
            <DistributionEditor path=delay.clone() label="Response delay" unit="h" />
        </OptionalSection>
        <OptionalSection path=tier2_toggle label="Tier 2 specialists take escalations" template=templates::tier2>
            <Tier2Fields tier2=tier2.clone() />
        </OptionalSection>
    }
}

/// The fields of a channel's tier 2.
#[component]
fn Tier2Fields(tier2: FieldPath) -> impl IntoView {
    let state = StudyState::get();
    view! {
        <DistributionEditor path=tier2.key("hold_minutes") label="Hold before a specialist answers" unit="min" />
        <DistributionEditor path=tier2.key("handle_minutes") label="Specialist handle time" unit="min" />
        <StaffingSection owner=tier2.clone() tier2=true />
        <div class="fields">
            <Field path=tier2.key("resolution") label="Tier 2 resolution" unit="0–1" codec=Codec::Number percent=true />
            <Field path=tier2.key("cost_per_minute") label="Tier 2 cost per handle minute" unit=currency(state) codec=Codec::Number />
        </div>
    }
}

/// The study's currency code, for cost labels.
fn currency(state: StudyState) -> Signal<String> {
    let code = state.value_at(FieldPath::root().key("currency"));
    Signal::derive(move || code.with(|c| c.as_ref().and_then(Value::as_str).unwrap_or("").to_owned()))
}
