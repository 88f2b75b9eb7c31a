//! The study's volume (MODEL.md `demand`): how many customers arrive, over
//! which hours and weekdays, and how long and how often the centre is
//! simulated. With a volume the study runs as a simulated centre, and
//! agents can be staffed (see `staffing_editor.rs`).
//!
//! A profile is typed as a list of weights or drawn: its bars follow the
//! pointer while a button is held, and shapes (office hours, evening peak,
//! around the clock) give a start.

use leptos::prelude::*;
use serde_json::{Value, json};

use super::field::{Codec, Field, SectionProblem};
use super::optional_section::OptionalSection;
use super::templates::{self, HOURLY_SHAPES};
use crate::state::{FieldPath, StudyState};

/// Weekday names for the weekday profile's bars.
const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

#[component]
pub fn VolumeSection() -> impl IntoView {
    let demand = FieldPath::root().key("demand");
    let toggle = demand.clone();
    view! {
        <section class="panel volume" aria-labelledby="volume-heading">
            <h2 id="volume-heading">"Volume"</h2>
            <p class="section-note">
                "With a volume, the study runs as a simulated contact centre: customers arrive over the day and wait for the agents on duty, so waits, abandonment and the retries they cause follow from load. Then staff each channel's agents in its card below."
            </p>
            <OptionalSection path=toggle label="Simulate the centre: customers arrive over the day" template=templates::demand>
                <VolumeFields demand=demand.clone() />
            </OptionalSection>
        </section>
    }
}

#[component]
fn VolumeFields(demand: FieldPath) -> impl IntoView {
    let state = StudyState::get();
    let hourly = demand.key("hourly_profile");
    let weekday = demand.key("weekday_profile");
    let set_hourly = hourly.clone();
    view! {
        <SectionProblem path=demand.clone() />
        <div class="fields">
            <Field path=demand.key("customers_per_day") label="Customers a day" unit="new journeys on an average day" codec=Codec::Number />
            <Field path=demand.key("service_level_seconds") label="Service-level target" unit="seconds to answer" codec=Codec::Number />
        </div>
        <div class="profile">
            <ProfileBars path=hourly.clone() labels=(0..24).map(|h| format!("{h:02}")).collect() title="Arrivals by hour of day" />
            <div class="profile-shapes" role="group" aria-label="Start the hourly profile from a shape">
                {HOURLY_SHAPES
                    .iter()
                    .map(|(name, weights)| {
                        let path = set_hourly.clone();
                        let weights = *weights;
                        view! {
                            <button type="button" class="secondary" on:click=move |_| state.set_at(&path, json!(weights.to_vec()))>
                                {*name}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            <Field path=hourly label="Hourly profile" unit="24 weights, midnight first" codec=Codec::Numbers class="wide" />
        </div>
        <div class="profile">
            <ProfileBars path=weekday.clone() labels=WEEKDAYS.iter().map(|d| (*d).to_owned()).collect() title="Arrivals by weekday" />
            <Field path=weekday label="Weekday profile" unit="7 weights, Monday first" codec=Codec::Numbers class="wide" />
        </div>
        <div class="fields">
            <Field path=demand.key("days") label="Measured days" unit="1–28; day 1 is a Monday" codec=Codec::Whole />
            <Field path=demand.key("warmup_days") label="Warm-up days" unit="0–7, before day 1" codec=Codec::Whole />
            <Field path=demand.key("replications") label="Replications" unit="2–1,000 runs of the whole period" codec=Codec::Whole />
        </div>
    }
}

/// A profile drawn as bars: one per weight, set by dragging over them.
#[component]
fn ProfileBars(path: FieldPath, labels: Vec<String>, title: &'static str) -> impl IntoView {
    let state = StudyState::get();
    let value = state.value_at(path.clone());
    let n = labels.len();
    let weights = Memo::new(move |_| {
        value.with(|v| {
            let items = v.as_ref().and_then(Value::as_array);
            // A missing profile is flat (MODEL.md's default).
            (0..n).map(|i| items.map_or(Some(1.0), |a| a.get(i).and_then(Value::as_f64))).collect::<Vec<Option<f64>>>()
        })
    });
    // The scale a drag writes in: the profile's largest weight, fixed while
    // dragging so the bars do not rescale under the pointer.
    let scale = StoredValue::new(None::<f64>);
    let (width, height) = (480.0, 120.0);
    let band = width / n as f64;
    let set_from_pointer = move |ev: &leptos::ev::PointerEvent| {
        let Some(target) = ev.current_target() else { return };
        let Ok(element) = wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(target) else { return };
        let rect = element.get_bounding_client_rect();
        if rect.width() <= 0.0 || rect.height() <= 0.0 {
            return;
        }
        let x = (f64::from(ev.client_x()) - rect.left()) / rect.width();
        let y = (f64::from(ev.client_y()) - rect.top()) / rect.height();
        let index = ((x * n as f64).floor().max(0.0) as usize).min(n - 1);
        let top = scale.get_value().unwrap_or(1.0);
        // Whole tenths of the scale: easy to read back in the field.
        let weight = ((1.0 - y).clamp(0.0, 1.0) * top * 10.0).round() / 10.0;
        let mut list: Vec<f64> = weights.get_untracked().iter().map(|w| w.unwrap_or(0.0)).collect();
        if list.get(index).is_some_and(|w| (w - weight).abs() > 1e-9) {
            list[index] = weight;
            state.set_at(&path, json!(list));
        }
    };
    let on_down = {
        let set = set_from_pointer.clone();
        move |ev: leptos::ev::PointerEvent| {
            let largest = weights.get_untracked().iter().flatten().fold(0.0, |a: f64, b| a.max(*b));
            scale.set_value(Some(if largest > 0.0 { largest } else { 10.0 }));
            set(&ev);
        }
    };
    let on_move = move |ev: leptos::ev::PointerEvent| {
        if ev.buttons() & 1 == 1 && scale.get_value().is_some() {
            set_from_pointer(&ev);
        }
    };
    let on_up = move |_| scale.set_value(None);
    let labels_at = {
        let labels = labels.clone();
        move |i: usize| labels.get(i).cloned().unwrap_or_default()
    };
    let summary = move || {
        let w = weights.get();
        let total: f64 = w.iter().flatten().sum();
        match w.iter().enumerate().filter_map(|(i, v)| v.map(|v| (i, v))).max_by(|a, b| a.1.total_cmp(&b.1)) {
            Some((i, v)) if total > 0.0 => format!("{title}: busiest {} with {}% of arrivals.", labels_at(i), (v / total * 100.0).round()),
            _ => format!("{title}: no arrivals."),
        }
    };
    view! {
        <figure class="profile-bars">
            <svg
                viewBox=format!("0 0 {width} {}", height + 18.0)
                role="img"
                aria-label=summary
                on:pointerdown=on_down
                on:pointermove=on_move
                on:pointerup=on_up
                on:pointerleave=on_up
            >
                {move || {
                    let w = weights.get();
                    let top = w.iter().flatten().fold(0.0, |a: f64, b| a.max(*b));
                    w.iter()
                        .enumerate()
                        .map(|(i, v)| {
                            let h = v.map_or(0.0, |v| if top > 0.0 { (v / top).clamp(0.0, 1.0) * height } else { 0.0 });
                            view! {
                                <rect
                                    class="profile-bar"
                                    x=format!("{:.1}", i as f64 * band + 1.0)
                                    y=format!("{:.1}", height - h)
                                    width=format!("{:.1}", band - 2.0)
                                    height=format!("{:.1}", h.max(0.5))
                                />
                            }
                        })
                        .collect_view()
                }}
                {labels
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| n <= 7 || i % 3 == 0)
                    .map(|(i, label)| {
                        view! {
                            <text class="profile-label" x=format!("{:.1}", (i as f64 + 0.5) * band) y=format!("{:.1}", height + 14.0)>
                                {label.clone()}
                            </text>
                        }
                    })
                    .collect_view()}
            </svg>
            <figcaption>{title} ": drag over the bars to draw, or type the weights."</figcaption>
        </figure>
    }
}
