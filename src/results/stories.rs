//! Customer stories: a few simulated customers told step by step, the
//! baseline and a variant side by side for the SAME customer.
//!
//! The engine records the first journeys of every design; story n of each
//! design is the same customer meeting that design with the same luck. Of
//! those, the customers whose journeys differ most between the two designs
//! are picked (a different outcome first, then a different score or
//! number of contacts), with a spread of personas, because those are the
//! stories that show what a change does.

use journey_engine::journey::Step;
use journey_engine::report::StoryReport;
use journey_engine::story::describe;
use journey_engine::{Report, Study};
use leptos::prelude::*;

use super::format::{duration_hours, number};

/// Stories offered.
pub const STORY_COUNT: usize = 5;

/// What kind of step, for its label chip.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepKind {
    Contact,
    SelfService,
    Queue,
    Agent,
    Specialist,
    Escalation,
    Waiting,
    Retry,
    GaveUp,
    Resolved,
    Unresolved,
}

impl StepKind {
    pub fn label(self) -> &'static str {
        match self {
            StepKind::Contact => "Contact",
            StepKind::SelfService => "Self-service",
            StepKind::Queue => "Queue",
            StepKind::Agent => "Agent",
            StepKind::Specialist => "Specialist",
            StepKind::Escalation => "Escalation",
            StepKind::Waiting => "Waiting",
            StepKind::Retry => "Later",
            StepKind::GaveUp => "Gives up",
            StepKind::Resolved => "Resolved",
            StepKind::Unresolved => "Unresolved",
        }
    }

    pub fn class(self) -> &'static str {
        match self {
            StepKind::Contact => "step-contact",
            StepKind::SelfService => "step-self-service",
            StepKind::Queue => "step-queue",
            StepKind::Agent | StepKind::Specialist => "step-agent",
            StepKind::Escalation => "step-escalation",
            StepKind::Waiting | StepKind::Retry => "step-waiting",
            StepKind::GaveUp | StepKind::Unresolved => "step-bad",
            StepKind::Resolved => "step-good",
        }
    }

    fn of(step: &Step) -> Self {
        match step {
            Step::Contact { .. } => StepKind::Contact,
            Step::SelfService { .. } => StepKind::SelfService,
            Step::Wait { .. } => StepKind::Queue,
            Step::Agent { tier: 2, .. } => StepKind::Specialist,
            Step::Agent { .. } => StepKind::Agent,
            Step::ResponseDelay { .. } => StepKind::Waiting,
            Step::Escalation => StepKind::Escalation,
            Step::AttemptEnd { .. } => StepKind::GaveUp,
            Step::RetryGap { .. } => StepKind::Retry,
            Step::Outcome { resolved: true } => StepKind::Resolved,
            Step::Outcome { resolved: false } => StepKind::Unresolved,
        }
    }
}

/// One step as told.
#[derive(Clone, Debug, PartialEq)]
pub struct StepView {
    pub kind: StepKind,
    pub text: String,
    /// Time since the first contact: "at 12 min".
    pub elapsed: String,
    /// Running satisfaction after the step.
    pub score: f64,
    /// Change of the score at this step (0 when none).
    pub change: f64,
}

/// One design's telling of a customer's journey.
#[derive(Clone, Debug, PartialEq)]
pub struct StorySide {
    pub design: String,
    pub index: usize,
    pub steps: Vec<StepView>,
    pub resolved: bool,
    pub satisfaction: f64,
    pub satisfied: bool,
    pub contacts: usize,
    /// "Resolved after 2 contacts, 5.2 h after the first".
    pub outcome: String,
    /// Running score after every step, for the sparkline.
    pub scores: Vec<f64>,
}

/// The same customer in the baseline and in a variant.
#[derive(Clone, Debug, PartialEq)]
pub struct StoryPair {
    /// Position among the recorded stories.
    pub story: usize,
    /// Journey index in the run.
    pub journey: u64,
    pub persona: String,
    pub sides: Vec<StorySide>,
}

/// How differently two designs treat a customer (0 when identically).
fn difference(a: &StoryReport, b: &StoryReport) -> f64 {
    let contacts = |s: &StoryReport| s.steps.iter().filter(|s| matches!(s.step, Step::Contact { .. })).count();
    let outcome = if a.resolved != b.resolved { 100.0 } else { 0.0 };
    let score = (a.satisfaction - b.satisfaction).abs();
    let contacts = if contacts(a) != contacts(b) { 20.0 } else { 0.0 };
    let steps = if a.steps.len() != b.steps.len() { 5.0 } else { 0.0 };
    outcome + score + contacts + steps
}

/// Indices of the stories to tell for baseline against `variant`: those
/// that differ most, spread over personas; identical ones only to fill up.
pub fn pick_stories(report: &Report, variant: usize, count: usize) -> Vec<usize> {
    let (Some(base), Some(var)) = (report.designs.first(), report.designs.get(variant)) else { return Vec::new() };
    let n = base.stories.len().min(var.stories.len());
    let scores: Vec<f64> = (0..n).map(|i| difference(&base.stories[i], &var.stories[i])).collect();
    let mut picked: Vec<usize> = Vec::new();
    while picked.len() < count.min(n) {
        let repeats = |i: usize| picked.iter().filter(|&&j| base.stories[j].persona == base.stories[i].persona).count() as f64;
        let best = (0..n)
            .filter(|i| !picked.contains(i))
            .map(|i| (i, if scores[i] > 0.0 { scores[i] + 1000.0 - 30.0 * repeats(i) } else { -repeats(i) }))
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        match best {
            Some((i, _)) => picked.push(i),
            None => break,
        }
    }
    picked
}

/// Which customer a trainer tells the room about.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CustomerPick {
    /// One of those the variant changes most (the stories above).
    #[default]
    MostChanged,
    /// The customer closest to the baseline's average: its satisfaction
    /// and number of contacts.
    Typical,
    /// The baseline's unhappiest customer.
    Worst,
}

impl CustomerPick {
    pub const ALL: [CustomerPick; 3] = [CustomerPick::MostChanged, CustomerPick::Typical, CustomerPick::Worst];

    /// Its name in a link (`customer=worst`).
    pub fn key(self) -> &'static str {
        match self {
            CustomerPick::MostChanged => "changed",
            CustomerPick::Typical => "typical",
            CustomerPick::Worst => "worst",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.key() == key)
    }

    pub fn label(self) -> &'static str {
        match self {
            CustomerPick::MostChanged => "Most changed by the fix",
            CustomerPick::Typical => "A typical customer",
            CustomerPick::Worst => "The worst journey",
        }
    }
}

/// The story to tell for `pick` against `variant`; `nth` steps through
/// the most changed ones.
pub fn pick_story(report: &Report, variant: usize, pick: CustomerPick, nth: usize) -> Option<usize> {
    let base = report.designs.first()?;
    let contacts = |s: &StoryReport| s.steps.iter().filter(|s| matches!(s.step, Step::Contact { .. })).count() as f64;
    let by = |key: &dyn Fn(&StoryReport) -> f64| {
        // The smallest key; the earliest story of equals.
        (0..base.stories.len()).min_by(|&a, &b| key(&base.stories[a]).total_cmp(&key(&base.stories[b])).then(a.cmp(&b)))
    };
    match pick {
        CustomerPick::MostChanged => {
            let picks = pick_stories(report, variant, nth + 1);
            picks.get(nth).or(picks.first()).copied()
        }
        CustomerPick::Typical => {
            let mean = |key: &str| base.kpis.get(key).and_then(|e| e.estimate);
            let (satisfaction, per_journey) = (mean("satisfaction")?, mean("contacts_per_journey")?);
            by(&|s| (s.satisfaction - satisfaction).abs() + 10.0 * (contacts(s) - per_journey).abs())
        }
        // Unhappiest first; of equals, the unresolved and the longest.
        CustomerPick::Worst => by(&|s| s.satisfaction + if s.resolved { 0.5 } else { 0.0 } - 0.01 * contacts(s)),
    }
}

/// Design `design`'s side of story `story`; `study` names the channels.
pub fn story_side(report: &Report, study: &Study, design: usize, story: usize) -> Option<StorySide> {
    let d = report.designs.get(design)?;
    let s = d.stories.get(story)?;
    let spec = study.designs.get(design)?;
    let threshold = study.satisfaction.satisfied_threshold;
    let mut previous = s.steps.first().map_or(0.0, |f| f.score);
    let mut steps = Vec::new();
    for step in &s.steps {
        let change = step.score - previous;
        previous = step.score;
        let Some(text) = describe(&step.step, spec) else { continue };
        steps.push(StepView {
            kind: StepKind::of(&step.step),
            text,
            elapsed: if step.elapsed_hours <= 0.0 {
                "at the start".to_owned()
            } else {
                format!("at {}", duration_hours(step.elapsed_hours))
            },
            score: step.score,
            change,
        });
    }
    let contacts = s.steps.iter().filter(|s| matches!(s.step, Step::Contact { .. })).count();
    let elapsed = s.steps.last().map_or(0.0, |s| s.elapsed_hours);
    let plural = if contacts == 1 { "contact" } else { "contacts" };
    let outcome = if s.resolved {
        format!("Resolved after {contacts} {plural}, {} from the start", duration_hours(elapsed))
    } else {
        format!("Gave up after {contacts} {plural}, {} from the start", duration_hours(elapsed))
    };
    Some(StorySide {
        design: d.name.clone(),
        index: design,
        steps,
        resolved: s.resolved,
        satisfaction: s.satisfaction,
        satisfied: s.satisfaction >= threshold,
        contacts,
        outcome,
        scores: s.steps.iter().map(|s| s.score).collect(),
    })
}

/// The baseline and `variant` sides of story `story`.
pub fn story_pair(report: &Report, study: &Study, variant: usize, story: usize) -> Option<StoryPair> {
    let base = report.designs.first()?.stories.get(story)?;
    let sides: Vec<StorySide> = [0, variant].iter().filter_map(|&d| story_side(report, study, d, story)).collect();
    (sides.len() == 2 || (variant == 0 && sides.len() == 1)).then(|| StoryPair {
        story,
        journey: base.journey,
        persona: base.persona.clone(),
        sides,
    })
}

/// A tiny line of the running score, 0 to 100.
fn sparkline_points(scores: &[f64], width: f64, height: f64) -> String {
    let n = scores.len().max(2) - 1;
    scores
        .iter()
        .enumerate()
        .map(|(i, s)| format!("{:.1},{:.1}", width * i as f64 / n as f64, height - height * s.clamp(0.0, 100.0) / 100.0))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Colour band of a score: at or above the satisfied threshold, above
/// half of it, or below.
fn score_class(score: f64, threshold: f64) -> &'static str {
    if score >= threshold {
        "score-high"
    } else if score >= threshold / 2.0 {
        "score-mid"
    } else {
        "score-low"
    }
}

#[component]
pub fn Stories(
    #[prop(into)] report: Signal<Option<std::sync::Arc<Report>>>,
    #[prop(into)] study: Signal<Option<std::sync::Arc<Study>>>,
) -> impl IntoView {
    let (variant, set_variant) = signal(1usize);
    let (chosen, set_chosen) = signal(0usize);
    let variants = Memo::new(move |_| {
        report.with(|r| r.as_ref().map(|r| r.designs.iter().skip(1).map(|d| d.name.clone()).collect::<Vec<_>>()).unwrap_or_default())
    });
    // The variant index stays valid when the study loses designs.
    let variant_index = Memo::new(move |_| {
        let count = variants.with(Vec::len);
        if count == 0 { 0 } else { variant.get().clamp(1, count) }
    });
    let picks =
        Memo::new(move |_| report.with(|r| r.as_ref().map(|r| pick_stories(r, variant_index.get(), STORY_COUNT)).unwrap_or_default()));
    let pairs = Memo::new(move |_| {
        let v = variant_index.get();
        report.with(|r| {
            study.with(|s| match (r, s) {
                (Some(r), Some(s)) => picks.get().into_iter().filter_map(|i| story_pair(r, s, v, i)).collect::<Vec<_>>(),
                _ => Vec::new(),
            })
        })
    });
    let threshold = Memo::new(move |_| study.with(|s| s.as_ref().map_or(70.0, |s| s.satisfaction.satisfied_threshold)));
    let current = move || {
        let pairs = pairs.get();
        let i = chosen.get().min(pairs.len().saturating_sub(1));
        pairs.get(i).cloned()
    };

    view! {
        <section class="results-section stories" aria-labelledby="stories-heading">
            <h3 id="stories-heading">"Customer stories"</h3>
            <p class="section-note">
                "The same customer, with the same luck, in each design. These are the customers whose journeys the change alters most."
            </p>
            <div class="story-controls no-print">
                <Show when=move || variants.with(|v| v.len() > 1)>
                    <label class="story-variant">
                        "Compare with "
                        <select on:change=move |ev| {
                            if let Ok(i) = event_target_value(&ev).parse::<usize>() {
                                set_variant.set(i);
                            }
                        }>
                            {move || {
                                variants
                                    .get()
                                    .into_iter()
                                    .enumerate()
                                    .map(|(i, name)| view! { <option value=(i + 1).to_string() selected=move || variant_index.get() == i + 1>{name}</option> })
                                    .collect_view()
                            }}
                        </select>
                    </label>
                </Show>
                <div class="story-picker" role="group" aria-label="Choose a customer">
                    {move || {
                        pairs
                            .get()
                            .into_iter()
                            .enumerate()
                            .map(|(i, pair)| {
                                view! {
                                    <button
                                        type="button"
                                        class="story-choice"
                                        aria-pressed=move || (chosen.get().min(pairs.with(Vec::len).saturating_sub(1)) == i).to_string()
                                        on:click=move |_| set_chosen.set(i)
                                    >
                                        // The same number as the story's own title: the
                                        // customer's place in the run, not in this list.
                                        <span class="story-choice-number">{format!("Customer {}", pair.journey + 1)}</span>
                                        <span class="story-choice-persona">{pair.persona.clone()}</span>
                                    </button>
                                }
                            })
                            .collect_view()
                    }}
                </div>
            </div>
            {move || {
                current()
                    .map(|pair| {
                        let t = threshold.get();
                        view! {
                            <article class="story-pair" data-journey=pair.journey.to_string() aria-live="polite">
                                <h4 class="story-title">
                                    {format!("Customer {} of the run", pair.journey + 1)}
                                    <span class="story-persona">{pair.persona.clone()}</span>
                                </h4>
                                <div class="story-sides">
                                    {pair.sides.into_iter().map(|side| view! { <StorySideView side=side threshold=t /> }).collect_view()}
                                </div>
                            </article>
                        }
                    })
            }}
        </section>
    }
}

#[component]
fn StorySideView(side: StorySide, threshold: f64) -> impl IntoView {
    let points = sparkline_points(&side.scores, 160.0, 40.0);
    let first = side.scores.first().copied().unwrap_or(0.0);
    view! {
        <div class=format!("story-side design-border-{}", side.index.min(5)) data-design=side.design.clone() data-resolved=side.resolved.to_string()>
            <header class="story-side-head">
                <h5>
                    <span class=format!("swatch design-{}", side.index.min(5)) aria-hidden="true"></span>
                    {side.design.clone()}
                </h5>
                <p class=if side.resolved { "story-outcome resolved" } else { "story-outcome gave-up" }>
                    <span aria-hidden="true">{if side.resolved { "✓ " } else { "✗ " }}</span>
                    {side.outcome.clone()}
                </p>
                <p class="story-mood">
                    <svg class="sparkline" viewBox="0 0 160 40" width="160" height="40" role="img" aria-label=format!("Satisfaction from {} to {}", number(first, 0, false), number(side.satisfaction, 0, false))>
                        <line class="sparkline-threshold" x1="0" x2="160" y1=format!("{:.1}", 40.0 - 40.0 * threshold / 100.0) y2=format!("{:.1}", 40.0 - 40.0 * threshold / 100.0)></line>
                        <polyline class=format!("sparkline-line design-stroke-{}", side.index.min(5)) points=points></polyline>
                    </svg>
                    <span class=format!("score-chip big {}", score_class(side.satisfaction, threshold))>
                        {format!("{} / 100", number(side.satisfaction, 0, false))}
                    </span>
                    <span class="story-satisfied">{if side.satisfied { "satisfied" } else { "not satisfied" }}</span>
                </p>
            </header>
            <ol class="story-steps">
                {side
                    .steps
                    .into_iter()
                    .map(|step| {
                        let change = if step.change.abs() >= 0.5 { number(step.change, 0, true) } else { String::new() };
                        view! {
                            <li class=format!("story-step {}", step.kind.class())>
                                <span class="step-kind">{step.kind.label()}</span>
                                <span class="step-text">{step.text}</span>
                                <span class="step-time">{step.elapsed}</span>
                                <span class=format!("score-chip {}", score_class(step.score, threshold)) title="Satisfaction after this step">
                                    {number(step.score, 0, false)}
                                    {(!change.is_empty()).then(|| view! { <span class="score-change">{format!(" ({change})")}</span> })}
                                </span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::test_support::{report_of, schema1};

    fn study_of(id: &str) -> Study {
        schema1(id)
    }

    #[test]
    fn stories_pair_the_same_customer_and_prefer_those_that_differ() {
        for id in ["password-reset", "pro-photographer", "help-centre-still-calls"] {
            let report = report_of(id, 4096);
            let picks = pick_stories(&report, 1, STORY_COUNT);
            assert_eq!(picks.len(), STORY_COUNT.min(report.designs[0].stories.len()), "{id}");
            let differs = |i: usize| difference(&report.designs[0].stories[i], &report.designs[1].stories[i]) > 0.0;
            let any_differ = (0..report.designs[0].stories.len()).filter(|&i| differs(i)).count();
            // Every differing story comes before any identical one.
            let picked_differ = picks.iter().take_while(|&&i| differs(i)).count();
            assert_eq!(picked_differ, any_differ.min(STORY_COUNT), "{id}");
            for &i in &picks {
                assert_eq!(report.designs[0].stories[i].journey, report.designs[1].stories[i].journey);
            }
        }
    }

    #[test]
    fn a_side_tells_every_step_the_engine_words_with_scores() {
        let study = study_of("pro-photographer");
        let report = report_of("pro-photographer", 4096);
        for story in 0..report.designs[0].stories.len() {
            let pair = story_pair(&report, &study, 1, story).unwrap();
            assert_eq!(pair.sides.len(), 2);
            for side in &pair.sides {
                let engine = &report.designs[side.index].stories[story];
                let texts: Vec<&String> = side.steps.iter().map(|s| &s.text).collect();
                assert_eq!(texts, engine.lines.iter().collect::<Vec<_>>());
                assert_eq!(side.resolved, engine.resolved);
                assert!(side.contacts >= 1);
                assert!(side.steps.iter().all(|s| (0.0..=100.0).contains(&s.score)));
                assert_eq!(side.steps.last().map(|s| s.kind), Some(if side.resolved { StepKind::Resolved } else { StepKind::Unresolved }));
            }
        }
    }

    #[test]
    fn sparklines_span_the_box() {
        let pts = sparkline_points(&[100.0, 50.0, 0.0], 160.0, 40.0);
        assert_eq!(pts, "0.0,0.0 80.0,20.0 160.0,40.0");
        assert_eq!(score_class(80.0, 70.0), "score-high");
        assert_eq!(score_class(40.0, 70.0), "score-mid");
        assert_eq!(score_class(20.0, 70.0), "score-low");
    }
}
