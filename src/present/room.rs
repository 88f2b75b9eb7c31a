//! "Ask the room": the levers the trainer chose as large sliders, and the
//! headline figures beside them. Moving a lever edits the study like the
//! editor does (so Undo takes it back and the link follows), and the live
//! preview brings the new figures within a fraction of a second; "Put
//! back" returns the lever to the value the study was presented with.

use std::collections::HashMap;

use leptos::prelude::*;
use serde_json::Value;

use crate::results::verdict::Tone;
use crate::run::SimulationContext;
use crate::state::StudyState;

use super::deck::Deck;
use super::lever::Lever;

/// The values the levers had when the room first saw them, by field path:
/// kept by the Present view so that figures arriving while a slider moves
/// do not change what "as planned" means.
pub type Prepared = StoredValue<HashMap<String, Value>>;

#[component]
pub fn RoomSlide(deck: Memo<Option<Deck>>, levers: Vec<Lever>, prepared: Prepared) -> impl IntoView {
    let state = StudyState::get();
    let sim = SimulationContext::get();
    let shown: Vec<Lever> = levers.into_iter().filter(|l| state.draft().with_untracked(|d| l.value(d).is_some())).collect();
    for lever in &shown {
        let now = state.draft().with_untracked(|d| lever.value(d).cloned());
        if let Some(now) = now {
            prepared.update_value(|p| {
                p.entry(lever.path()).or_insert(now);
            });
        }
    }
    let updating = move || sim.status.with(|s| s.is_running());
    view! {
        <div class="present-slide present-room">
            <p class="present-kicker">"Ask the room"</p>
            {if shown.is_empty() {
                view! { <p class="present-lead">"This study has no lever to try: no self-service, agents or staffing on its channels."</p> }
                    .into_any()
            } else {
                view! { <div class="room-levers">{shown.into_iter().map(|lever| view! { <LeverControl lever prepared /> }).collect_view()}</div> }
                    .into_any()
            }}
            <p class="room-status" role="status">
                {move || if updating() { "Updating the figures\u{2026}" } else { "The figures below follow the levers." }}
            </p>
            <div class="present-figures room-figures">
                {move || {
                    deck.with(|d| {
                        d.as_ref()
                            .map(|d| {
                                d.reveal
                                    .iter()
                                    .map(|f| {
                                        let tone = Tone::of(f.verdict);
                                        view! {
                                            <div class=format!("present-figure {}", tone.class())>
                                                <div class="room-figure-body">
                                                    <p class="present-figure-label">{f.label}</p>
                                                    <p class="present-figure-values"><strong>{f.variant.clone()}</strong></p>
                                                    <p class="room-figure-was">{format!("was {}", f.baseline)}</p>
                                                    <p class="present-figure-change">
                                                        {f.change.clone()}
                                                        " "
                                                        <span class="present-verdict">{format!("{} {}", tone.icon(), f.verdict.label())}</span>
                                                    </p>
                                                </div>
                                            </div>
                                        }
                                    })
                                    .collect_view()
                            })
                    })
                }}
            </div>
        </div>
    }
}

/// One lever: its name, a large slider, its value in words, "Put back".
#[component]
fn LeverControl(lever: Lever, prepared: Prepared) -> impl IntoView {
    let state = StudyState::get();
    let path = lever.path();
    let planned = {
        let path = path.clone();
        move || prepared.with_value(|p| p.get(&path).cloned()).unwrap_or(Value::Null)
    };
    let label = state.draft().with_untracked(|d| lever.label(d));
    let position = {
        let planned = planned.clone();
        Memo::new(move |_| state.draft().with(|d| lever.value(d).map(|v| lever.position(v, &planned())).unwrap_or(0.0)))
    };
    let (low, high, step) = lever.range();
    let id = format!("lever-{}", crate::state::path::dom_id(&path));
    let set = {
        let planned = planned.clone();
        move |to: f64| state.set_at(&lever.field(), lever.apply(to, &planned()))
    };
    let put_back = {
        let planned = planned.clone();
        move |_| {
            state.set_at(&lever.field(), planned());
            state.end_typing();
        }
    };
    view! {
        <div class="room-lever">
            <label for=id.clone()>{label}</label>
            <div class="room-lever-row">
                <input id=id type="range" min=low.to_string() max=high.to_string() step=step.to_string()
                    prop:value=move || position.get().to_string()
                    aria-valuetext=move || lever.describe(position.get())
                    on:input=move |ev| {
                        if let Ok(v) = event_target_value(&ev).parse::<f64>() {
                            set(v);
                        }
                    }
                    on:change=move |_| state.end_typing() />
                <output class="room-lever-value">{move || lever.describe(position.get())}</output>
                <button type="button" class="secondary" on:click=put_back>"Put back"</button>
            </div>
        </div>
    }
}
