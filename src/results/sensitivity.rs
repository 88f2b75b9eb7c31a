//! "Which input matters most": for a chosen design and KPI, every numeric
//! input moved one step down and up in the workers
//! (`journey_engine::sensitivity`, common random numbers), drawn as a
//! tornado: a row per input, largest swing first, a bar per step with its
//! paired 95% interval. A bar is a button that makes a new variant with
//! that step, so an idea the tornado suggests becomes a design to refine.

use std::sync::Arc;

use journey_engine::sensitivity::{InputEffect, InputKind, Sensitivity, set};
use journey_engine::{KPIS, MAX_DESIGNS, Report, Study};
use leptos::prelude::*;
use serde_json::Value;

use super::format::NumberFormat;
use crate::editor::place_in_words;
use crate::run::{BreakEvenSearch, BreakEvenState, SensitivitySearch, SensitivityState, SimulationContext};
use crate::state::StudyState;

/// Rows drawn: the inputs past these move the KPI less than all above.
const ROWS: usize = 12;

/// What a finished search was for, to tell when the study moved on.
#[derive(Clone, PartialEq)]
struct Asked {
    study: Arc<Study>,
    design: usize,
    /// Tried with fewer customers (quick mode).
    quick: bool,
}

/// Replications (a centre) or journeys (independent) of each try in quick
/// mode, when the study has more.
const QUICK_REPLICATIONS: u32 = 4;
const QUICK_JOURNEYS: u64 = 20_000;

/// The study with fewer customers for each try.
fn quick_study(study: &journey_engine::Study) -> journey_engine::Study {
    let mut quick = study.clone();
    match quick.demand.as_mut() {
        Some(demand) => demand.replications = demand.replications.min(QUICK_REPLICATIONS),
        None => quick.journeys = quick.journeys.min(QUICK_JOURNEYS),
    }
    quick
}

#[component]
pub fn SensitivityPanel(#[prop(into)] report: Signal<Option<Arc<Report>>>) -> impl IntoView {
    let sim = SimulationContext::get();
    let state = StudyState::get();
    let (design, set_design) = signal(0usize);
    let (kpi, set_kpi) = signal("cost_per_journey");
    let search_state = RwSignal::new(SensitivityState::Idle);
    let search = StoredValue::new_local(None::<SensitivitySearch>);
    let asked = RwSignal::new(None::<Asked>);
    let names = Memo::new(move |_| report.with(|r| r.as_ref().map(|r| r.designs.iter().map(|d| d.name.clone()).collect::<Vec<_>>()).unwrap_or_default()));
    // Quick: fewer customers for every try, so a workshop gets its ranking
    // in seconds; the intervals are wider and say so.
    let (quick, set_quick) = signal(false);
    let start = move || {
        let Some(study) = sim.study.get_untracked() else { return };
        let d = design.get_untracked().min(study.designs.len().saturating_sub(1));
        let fast = quick.get_untracked();
        asked.set(Some(Asked { study: study.clone(), design: d, quick: fast }));
        let tried = if fast { quick_study(&study) } else { (*study).clone() };
        search.set_value(Some(SensitivitySearch::start(&tried, d, kpi.get_untracked(), search_state)));
    };
    let stop = move || {
        search.set_value(None);
        search_state.set(SensitivityState::Failed("Stopped: try again for the ranking.".to_owned()));
    };
    // Shown once there are results to ask about (the search and its answer
    // live out here, so a new run of the study does not lose them).
    let shown = Memo::new(move |_| names.with(|n| !n.is_empty()));
    let stale = move || asked.with(|a| a.as_ref().is_some_and(|a| sim.study.with(|s| s.as_ref() != Some(&a.study))));
    let running = move || matches!(search_state.get(), SensitivityState::Running { .. });

    move || shown.get().then(|| view! {
        <section class="results-section sensitivity no-print" aria-labelledby="sensitivity-heading">
            <h3 id="sensitivity-heading">"Which input matters most"</h3>
            <p class="section-note">
                "Every number of a design moved one step down and up (probabilities by 5 points, times and costs by 20%, agents by 10%), each run with the same customers as the design itself, ranked by how far it moves the figure. Click a bar to make a variant with that change."
            </p>
            <div class="sensitivity-controls">
                <label>
                    "Design "
                    <select on:change=move |ev| {
                        if let Ok(i) = event_target_value(&ev).parse::<usize>() {
                            set_design.set(i);
                        }
                    }>
                        {move || names.get().into_iter().enumerate().map(|(i, n)| view! { <option value=i.to_string() selected=move || design.get() == i>{n}</option> }).collect_view()}
                    </select>
                </label>
                <label>
                    "Figure "
                    <select on:change=move |ev| {
                        let key = event_target_value(&ev);
                        if let Some(info) = KPIS.iter().find(|k| k.key == key) {
                            set_kpi.set(info.key);
                        }
                    }>
                        {KPIS.iter().map(|k| view! { <option value=k.key selected=move || kpi.get() == k.key>{k.label}</option> }).collect_view()}
                    </select>
                </label>
                <label class="field-check-inline">
                    <input type="checkbox" prop:checked=quick on:change=move |ev| set_quick.set(event_target_checked(&ev)) />
                    {move || {
                        let centre = sim.study.with(|s| s.as_ref().is_some_and(|s| s.is_centre()));
                        if centre {
                            format!("Quick: {QUICK_REPLICATIONS} replications a try")
                        } else {
                            format!("Quick: {} journeys a try", super::format::count(QUICK_JOURNEYS))
                        }
                    }}
                </label>
                <button type="button" on:click=move |_| start() disabled=running>"Try every input"</button>
                {move || running().then(|| view! { <button type="button" class="secondary" on:click=move |_| stop()>"Stop"</button> })}
            </div>
            <p class="sensitivity-status" role="status">
                {move || match search_state.get() {
                    SensitivityState::Idle => String::new(),
                    SensitivityState::Running { done, parts } => format!("Trying every input\u{2026} ({done} of {parts} parts done)"),
                    SensitivityState::Done(_) if stale() => "The study has changed since: try again for figures of this study.".to_owned(),
                    SensitivityState::Done(s) if asked.with(|a| a.as_ref().is_some_and(|a| a.quick)) => {
                        format!("{} inputs tried on {}, quickly: fewer customers a try, so wider intervals.", s.inputs.len(), s.design)
                    }
                    SensitivityState::Done(s) => format!("{} inputs tried on {}.", s.inputs.len(), s.design),
                    SensitivityState::Failed(message) => message,
                }}
            </p>
            {move || match (search_state.get(), asked.get(), report.get()) {
                (SensitivityState::Done(found), Some(asked), Some(report)) => {
                    Some(view! { <Tornado found asked_design=asked.design study=asked.study report state /> })
                }
                _ => None,
            }}
        </section>
    })
}

/// The ranked rows.
#[component]
fn Tornado(found: Sensitivity, asked_design: usize, study: Arc<Study>, report: Arc<Report>, state: StudyState) -> impl IntoView {
    let info = journey_engine::kpi::kpi(&found.kpi);
    let reference = found.baseline.estimate.unwrap_or(0.0).abs();
    let f = NumberFormat::new(info.map_or("", |i| i.unit), &report.currency, reference);
    let words = study.to_value();
    let rows: Vec<InputEffect> = found.inputs.iter().filter(|e| e.swing > 0.0).take(ROWS).cloned().collect();
    // One scale for every bar: the widest interval end.
    let reach = rows
        .iter()
        .flat_map(|e| [e.low_effect, e.high_effect])
        .flatten()
        .flat_map(|e| e.ci95.map_or(vec![e.estimate.unwrap_or(0.0)], |c| c.to_vec()))
        .fold(0.0f64, |a, b| a.max(b.abs()))
        .max(1e-12);
    let at = move |x: f64| 50.0 + 50.0 * (x / reach).clamp(-1.0, 1.0);
    let full = move || state.draft().with(|d| d["designs"].as_array().map_or(0, Vec::len)) >= MAX_DESIGNS;
    let (found_for_form, study_for_form) = (found.clone(), study.clone());
    let label = info.map_or(found.kpi.clone(), |i| i.label.to_owned());
    let baseline_text = found.baseline.estimate.map_or("–".to_owned(), |v| f.value(v));
    view! {
        <p class="tornado-caption">{format!("{label} of {} is {baseline_text}. Change from it, with the 95% interval of the paired difference:", found.design)}</p>
        {(rows.is_empty()).then(|| view! { <p>"No input moves this figure."</p> })}
        <ol class="tornado">
            {rows
                .into_iter()
                .map(|e| {
                    let place = place_in_words(&words, &e.path);
                    let bars = [(false, e.low.clone(), e.low_effect), (true, e.high.clone(), e.high_effect)]
                        .into_iter()
                        .filter_map(|(up, to, effect)| Some((up, to?, effect?)))
                        .map(|(up, to, effect)| {
                            let x = effect.estimate.unwrap_or(0.0);
                            let (left, right) = (at(x.min(0.0)), at(x.max(0.0)));
                            let whisker = effect.ci95.map(|[lo, hi]| (at(lo), at(hi)));
                            let step = step_words(&e, &to, up);
                            let change = match effect.ci95 {
                                Some(ci) => format!("{} ({})", f.change(x), f.change_interval(ci)),
                                None => f.change(x),
                            };
                            let name = format!("{place}: {step}, {change}. Make a variant with this change");
                            let (path, design) = (e.path.clone(), asked_design);
                            let make = move |_| make_variant(state, design, &path, to.clone(), &step_words_short(&path, up));
                            view! {
                                <button type="button" class=if up { "tornado-bar high" } else { "tornado-bar low" } aria-label=name.clone() title=name
                                    disabled=full on:click=make>
                                    <span class="tornado-fill" style:left=format!("{left:.2}%") style:width=format!("{:.2}%", (right - left).max(0.3))></span>
                                    {whisker.map(|(a, b)| view! { <span class="tornado-ci" style:left=format!("{a:.2}%") style:width=format!("{:.2}%", (b - a).max(0.2))></span> })}
                                    <span class="tornado-text">{format!("{step}: {change}")}</span>
                                </button>
                            }
                        })
                        .collect_view();
                    view! {
                        <li class="tornado-row">
                            <span class="tornado-input">{place}</span>
                            <div class="tornado-bars">{bars}</div>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
        {move || full().then(|| view! { <p class="section-note">{format!("A study holds at most {MAX_DESIGNS} designs: remove one to make a variant from a bar.")}</p> })}
        <BreakEvenForm found=found_for_form study=study_for_form design=asked_design state />
    }
}

/// "Reach a target": the value of one of the tried inputs at which the
/// figure reaches a number the strategist gives, with its interval, and a
/// variant at that value.
#[component]
fn BreakEvenForm(found: Sensitivity, study: Arc<Study>, design: usize, state: StudyState) -> impl IntoView {
    let info = journey_engine::kpi::kpi(&found.kpi);
    let percent = info.is_some_and(|i| i.unit == "%");
    let label = info.map_or(found.kpi.clone(), |i| i.label.to_owned());
    let words = study.to_value();
    // Inputs that are one number: a search moves one value.
    let choices: Vec<(String, String)> = found
        .inputs
        .iter()
        .filter(|e| e.value.is_number() && e.kind != InputKind::Agents)
        .map(|e| (e.path.clone(), place_in_words(&words, &e.path)))
        .collect();
    let (input, set_input) = signal(choices.first().map(|c| c.0.clone()).unwrap_or_default());
    let (target, set_target) = signal(String::new());
    let result = RwSignal::new(BreakEvenState::Idle);
    let search = StoredValue::new_local(None::<BreakEvenSearch>);
    let kpi = found.kpi.clone();
    let problem = RwSignal::new(None::<String>);
    let find = {
        let study = study.clone();
        move |_| {
            let text = target.get_untracked().replace(['%', '$', ','], "");
            match text.trim().parse::<f64>() {
                Ok(x) if x.is_finite() => {
                    problem.set(None);
                    let x = if percent { x / 100.0 } else { x };
                    search.set_value(Some(BreakEvenSearch::start(&study, design, &input.get_untracked(), &kpi, x, result)));
                }
                _ => problem.set(Some(format!("The target is a number{}, such as {}.", if percent { " in percent" } else { "" }, if percent { "85" } else { "0.55" }))),
            }
        }
    };
    let reach_words = {
        let words = words.clone();
        let label = label.clone();
        move |b: &journey_engine::break_even::BreakEven| {
            let place = place_in_words(&words, &b.input);
            let end = |x: Option<f64>| x.map_or("beyond the range tried".to_owned(), |x| format!("{x:.3}"));
            format!(
                "{label} reaches the target when {place} is {:.3} (95% CI {} to {}); it is {} now.",
                b.value,
                end(b.ci95[0]),
                end(b.ci95[1]),
                b.current
            )
        }
    };
    let unit = match info.map_or("", |i| i.unit) {
        "%" => "%".to_owned(),
        "money" => study.currency.clone(),
        "" => "number".to_owned(),
        u => u.to_owned(),
    };
    view! {
        <div class="break-even" role="group" aria-labelledby="break-even-heading">
            <h4 id="break-even-heading">"Reach a target"</h4>
            <div class="sensitivity-controls">
                <label>
                    "Input "
                    <select on:change=move |ev| set_input.set(event_target_value(&ev))>
                        {choices.into_iter().map(|(path, words)| view! { <option value=path>{words}</option> }).collect_view()}
                    </select>
                </label>
                <label>
                    {format!("Target for {label} ({unit}) ")}
                    <input type="text" inputmode="decimal" size="8" prop:value=move || target.get()
                        on:input=move |ev| set_target.set(event_target_value(&ev)) />
                </label>
                <button type="button" on:click=find disabled=move || result.get() == BreakEvenState::Running>"Find the value"</button>
            </div>
            <p class="sensitivity-status" role="status">
                {move || match (problem.get(), result.get()) {
                    (Some(p), _) => p,
                    (None, BreakEvenState::Running) => "Searching: the input at several values, narrowing where the figure crosses the target\u{2026}".to_owned(),
                    (None, BreakEvenState::Done(b)) => reach_words(&b),
                    (None, BreakEvenState::Failed(m)) => m,
                    (None, BreakEvenState::Idle) => String::new(),
                }}
            </p>
            {move || match result.get() {
                BreakEvenState::Done(b) => {
                    let value = (b.value * 10_000.0).round() / 10_000.0;
                    let path = b.input.clone();
                    let make = move |_| make_variant(state, design, &path, journey_engine::sensitivity::number(value), &format!("{} {value}", step_field(&path)));
                    Some(view! { <button type="button" class="secondary" on:click=make>{format!("Make a variant at {value}")}</button> })
                }
                _ => None,
            }}
        </div>
    }
}

/// The step in words: "0.3 (5 points down)", "×1.2 (20% up)".
fn step_words(effect: &InputEffect, to: &Value, up: bool) -> String {
    let way = if up { "up" } else { "down" };
    match (effect.kind, to) {
        (InputKind::Probability, Value::Number(n)) => format!("{} (5 points {way})", n),
        (InputKind::Scale, Value::Number(n)) => format!("{} (20% {way})", n),
        (InputKind::Scale, _) => format!("{} (20% {way})", if up { "\u{d7}1.2" } else { "\u{d7}0.8" }),
        (InputKind::Agents, _) => format!("{} agents (10% {way})", if up { "more" } else { "fewer" }),
        (_, v) => v.to_string(),
    }
}

/// A few words for a variant's name: "containment up".
fn step_words_short(path: &str, up: bool) -> String {
    format!("{} {}", step_field(path), if up { "up" } else { "down" })
}

/// The field a path ends in, in words: "cost per minute".
fn step_field(path: &str) -> String {
    path.rsplit('.').next().unwrap_or(path).replace('_', " ")
}

/// Adds a copy of design `design` with `path` (one of its fields) set to
/// `to`, named after the change.
fn make_variant(state: StudyState, design: usize, path: &str, to: Value, what: &str) {
    state.edit(|draft| {
        let Some(designs) = draft["designs"].as_array() else { return };
        if designs.len() >= MAX_DESIGNS {
            return;
        }
        let Some(mut copy) = designs.get(design).cloned() else { return };
        let base = copy["name"].as_str().unwrap_or("Design").to_owned();
        let taken = |n: &str| designs.iter().any(|d| d["name"].as_str() == Some(n));
        let first: String = format!("{base}, {what}").chars().take(70).collect();
        let name = (1..).map(|k| if k == 1 { first.clone() } else { format!("{first} {k}") }).find(|n| !taken(n)).unwrap_or(first);
        copy["name"] = Value::from(name);
        let index = designs.len();
        let prefix = format!("designs[{design}]");
        let Some(rest) = path.strip_prefix(&prefix) else { return };
        if let Some(list) = draft["designs"].as_array_mut() {
            list.push(copy);
        }
        // A field the copy lacks leaves the copy as it is.
        let _ = set(draft, &format!("designs[{index}]{rest}"), to);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_read_in_words() {
        let effect = |kind| InputEffect {
            path: "designs[0].channels[1].self_service.containment".into(),
            kind,
            value: Value::from(0.35),
            low: None,
            high: None,
            low_effect: None,
            high_effect: None,
            swing: 0.0,
        };
        assert_eq!(step_words(&effect(InputKind::Probability), &Value::from(0.4), true), "0.4 (5 points up)");
        assert_eq!(step_words(&effect(InputKind::Scale), &serde_json::json!({"kind": "fixed", "value": 2}), false), "\u{d7}0.8 (20% down)");
        assert_eq!(step_words_short("designs[0].channels[1].self_service.containment", true), "containment up");
    }
}
