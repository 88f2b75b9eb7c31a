//! The open design: its name and actions, context carry-over, the cost of
//! repeating an explanation, what it changes from Current, its personas
//! and its channels.

use leptos::prelude::*;

use super::changes::ChangesFromCurrent;
use super::channel_editor::ChannelList;
use super::design_tabs::DesignActions;
use super::distribution_editor::DistributionEditor;
use super::field::{CheckField, Codec, Field, SectionProblem};
use super::focus::OpenDesign;
use super::persona_editor::PersonaList;
use crate::state::FieldPath;

/// The tab panel of the open design; rebuilt when another tab opens.
#[component]
pub fn DesignPanel() -> impl IntoView {
    let open = OpenDesign::get();
    move || {
        let design = open.index.get();
        view! { <DesignEditor design=design /> }
    }
}

#[component]
fn DesignEditor(design: usize) -> impl IntoView {
    let here = FieldPath::design(design);
    view! {
        <div
            class="design-panel"
            role="tabpanel"
            id="design-panel"
            aria-labelledby=format!("design-tab-{design}")
        >
            <div class="design-head" id=here.dom_id() tabindex="-1">
                <div class="fields">
                    <Field path=here.key("name") label="Design name" />
                </div>
                <DesignActions design=design />
            </div>
            <SectionProblem path=here.clone() />
            {(design > 0).then(|| view! { <ChangesFromCurrent /> })}
            {(design > 0).then(|| {
                view! {
                    <div class="fields">
                        <Field
                            path=here.key("investment")
                            label="One-off investment to make this design real"
                            unit="in the study\u{2019}s currency; the business case says when its saving pays it back"
                            codec=Codec::Number
                            empty_removes=true
                            placeholder="none"
                            class="wide"
                        />
                    </div>
                }
            })}
            <div class="design-settings">
                <CheckField
                    path=here.key("context_carryover")
                    label="Context carries over: agents see the customer\u{2019}s history, nobody explains twice"
                />
                <DistributionEditor
                    path=here.key("repeat_explanation_minutes")
                    label="Extra handle time when a customer must explain again"
                    unit="min"
                />
            </div>
            <PersonaList design=design />
            <ChannelList design=design />
        </div>
    }
}
