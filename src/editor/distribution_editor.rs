//! The editor for every distribution of a study: a kind picker, the fields
//! of that kind, and a small live picture with the median and the 90th
//! percentile marked and written out.
//!
//! The maths lives in `distribution_shape.rs`; this file only wires it to
//! the draft.

use leptos::prelude::*;

use super::distribution_shape::{HEIGHT, KINDS, WIDTH, distribution_of, fields, kind_of, nice_text, picture, propose};
use super::field::{Codec, Field, FieldHelp, SectionProblem, help_and_problem};
use crate::state::{FieldPath, StudyState, path};

#[component]
pub fn DistributionEditor(
    path: FieldPath,
    /// What is distributed: "Patience", "Handle time".
    #[prop(into)]
    label: String,
    /// Its unit: "min", "h".
    unit: &'static str,
) -> impl IntoView {
    let state = StudyState::get();
    let value = state.value_at(path.clone());
    let kind = Memo::new(move |_| value.with(|v| v.as_ref().map(kind_of).unwrap_or_default()));
    let kind_path = path.key("kind");
    let kind_id = kind_path.dom_id();
    let kind_problem_text = kind_path.to_string();
    let kind_problem = Memo::new(move |_| state.problem_at(&kind_problem_text));

    let change_kind = {
        let path = path.clone();
        move |ev| {
            let new_kind = event_target_value(&ev);
            state.edit(|d| {
                let old = path::get(d, &path).cloned().unwrap_or_default();
                path::set(d, &path, propose(&new_kind, &old));
            });
        }
    };

    let params = {
        let path = path.clone();
        move || {
            let kind = kind.get();
            fields(&kind)
                .iter()
                .map(|(key, words)| {
                    let codec = if *key == "values" { Codec::Numbers } else { Codec::Number };
                    let class = if *key == "values" { "wide" } else { "" };
                    view! { <Field path=path.key(key) label=*words unit=unit codec=codec class=class /> }
                })
                .collect_view()
        }
    };

    let legend_id = format!("{}-legend", path.dom_id());
    let labelled_by = legend_id.clone();
    let fieldset_id = path.dom_id();
    let help_path = path.to_string();
    let problem_path = path.clone();
    let kind_problem_id = format!("{kind_id}-problem");
    let describe = kind_problem_id.clone();
    view! {
        <fieldset class="distribution" id=fieldset_id.clone() tabindex="-1" aria-labelledby=labelled_by
            aria-describedby=help_and_problem(&fieldset_id, &help_path, false)>
            <legend id=legend_id>{label} <span class="unit">" (" {unit} ")"</span></legend>
            <FieldHelp path=help_path.clone() id=fieldset_id.clone() />
            <SectionProblem path=problem_path />
            <div class="distribution-body">
                <div class="fields distribution-fields">
                    <div class="field" class:field-invalid=move || kind_problem.with(Option::is_some)>
                        <label for=kind_id.clone()>"Shape"</label>
                        <select
                            id=kind_id.clone()
                            on:change=change_kind
                            prop:value=move || kind.get()
                            aria-invalid=move || kind_problem.with(Option::is_some).then_some("true")
                            aria-describedby=move || kind_problem.with(Option::is_some).then(|| describe.clone())
                        >
                            {KINDS
                                .iter()
                                .map(|(value, words)| {
                                    view! {
                                        <option value=*value selected=move || kind.get() == *value>
                                            {*words}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                        {move || {
                            kind_problem.get().map(|message| view! { <p class="field-problem" id=kind_problem_id.clone()>{message}</p> })
                        }}
                    </div>
                    {params}
                </div>
                <DensityPicture path=path unit=unit />
            </div>
        </fieldset>
    }
}

/// The live picture of the distribution at `path`, or a note while its
/// values are not valid.
#[component]
fn DensityPicture(path: FieldPath, unit: &'static str) -> impl IntoView {
    let state = StudyState::get();
    let value = state.value_at(path);
    let drawn = Memo::new(move |_| value.with(|v| v.as_ref().and_then(distribution_of).map(|d| picture(&d))));
    move || match drawn.get() {
        None => view! { <p class="density-missing">"The picture returns when the values are valid."</p> }.into_any(),
        Some(p) => {
            // No break between a value and its unit.
            let median = format!("{}\u{a0}{unit}", nice_text(p.median));
            let p90 = format!("{}\u{a0}{unit}", nice_text(p.p90));
            let summary = format!("Median {median}, 90th percentile {p90}, on an axis from {} to {} {unit}", nice_text(p.from), nice_text(p.to));
            view! {
                <figure class="density">
                    <svg
                        class="density-svg"
                        viewBox=format!("0 0 {WIDTH} {HEIGHT}")
                        preserveAspectRatio="none"
                        role="img"
                        aria-label=summary
                    >
                        {p.area.clone().map(|d| view! { <path class="density-area" d=d /> })}
                        {p
                            .bars
                            .iter()
                            .map(|&(x, y, w, h)| {
                                view! { <rect class="density-bar" x=x y=y width=w height=h /> }
                            })
                            .collect_view()}
                        <line class="density-axis" x1="0" y1=HEIGHT x2=WIDTH y2=HEIGHT />
                        <line class="density-median" x1=p.median_x y1="0" x2=p.median_x y2=HEIGHT />
                        <line class="density-p90" x1=p.p90_x y1="0" x2=p.p90_x y2=HEIGHT />
                    </svg>
                    <figcaption class="density-caption">
                        <span class="density-scale">
                            <span>{nice_text(p.from)}</span>
                            <span>{format!("{}\u{a0}{unit}", nice_text(p.to))}</span>
                        </span>
                        <span class="density-key">
                            <span class="key-median">"Median " <strong>{median}</strong></span>
                            <span class="key-p90">"90th percentile " <strong>{p90}</strong></span>
                        </span>
                    </figcaption>
                </figure>
            }
                .into_any()
        }
    }
}
