//! The Present view, for a trainer in front of a room: the editor and
//! every control hidden, large type, one thing at a time. The question
//! (what the variant changes), where the baseline's customers go and how
//! they feel, one customer's journey revealed step by step with their
//! satisfaction, the same customer in the variant beside it, a day in the
//! centre animated (`ripple.rs`), the reveal of the headline figures with
//! their intervals, and levers for the room to try (`room.rs`).
//!
//! Opened with "Present" in the results or by a link with `?present`
//! before its `#`; the trainer's choices (variant, customer, slides,
//! levers: `choices.rs`) ride in the same query, so a prepared workshop is
//! one link. Walked with the keyboard and the clickers that send its keys
//! (→, Space, PageDown forward; ←, PageUp back; Home, End), or the
//! buttons; Escape leaves. "Print hand-outs" prints one slide per page.
//!
//! `deck.rs` builds what is shown as plain data, tested natively.

pub mod choices;
pub mod deck;
pub mod lever;
mod ripple;
mod room;

use std::collections::HashMap;

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::results::charts::Chart;
use crate::results::charts::canvas::ChartFigure;
use crate::results::charts::{emotion_curve, sankey};
use crate::results::format::number;
use crate::results::stories::{CustomerPick, STORY_COUNT, StepKind, StorySide};
use crate::results::verdict::Tone;
use crate::run::SimulationContext;
use choices::{Choices, Part};
use deck::{Deck, Slide};
use lever::Lever;
use ripple::RippleSlide;
use room::RoomSlide;

/// Whether the Present view is open, and the trainer's choices; provided
/// at the app root.
#[derive(Clone, Copy)]
pub struct Presenting {
    pub on: RwSignal<bool>,
    pub choices: RwSignal<Choices>,
}

impl Presenting {
    /// Provides the switch and the choices, as the page's address asks,
    /// and keeps the address's query in step with them.
    pub fn provide() -> Self {
        let (asked, choices) = Choices::from_query(&window().location().search().unwrap_or_default());
        let presenting = Self { on: RwSignal::new(asked), choices: RwSignal::new(choices) };
        provide_context(presenting);
        // A reload opens what is on screen; leaving drops the query.
        Effect::new(move |_| {
            let query = if presenting.on.get() { format!("?{}", presenting.choices.with(Choices::to_query)) } else { String::new() };
            let location = window().location();
            let here = format!("{}{query}{}", location.pathname().unwrap_or_default(), location.hash().unwrap_or_default());
            if location.search().unwrap_or_default() != query {
                let _ = window().history().and_then(|h| h.replace_state_with_url(&JsValue::NULL, "", Some(&here)));
            }
        });
        presenting
    }

    pub fn get() -> Self {
        expect_context::<Self>()
    }
}

/// The button in the results that opens the Present view.
#[component]
pub fn PresentButton() -> impl IntoView {
    let on = Presenting::get().on;
    view! {
        <button type="button" class="secondary" on:click=move |_| on.set(true)
            title="Show the study to a room: one customer at a time, then the figures (Escape leaves)">
            "Present"
        </button>
    }
}

/// The Present view itself, over the whole window while it is on.
#[component]
pub fn PresentView() -> impl IntoView {
    let Presenting { on, choices } = Presenting::get();
    let sim = SimulationContext::get();
    let (nth, set_nth) = signal(0usize);
    let (at, set_at) = signal(0usize);
    let (handout, set_handout) = signal(false);
    let prepared: room::Prepared = StoredValue::new(HashMap::new());
    let designs = Memo::new(move |_| sim.report.with(|r| r.as_ref().map_or(0, |r| r.designs.len())));
    // The chosen variant, kept valid when the study loses designs.
    let variant = Memo::new(move |_| choices.with(|c| c.variant).clamp(1, designs.get().saturating_sub(1).max(1)));
    // A new run clears the report until its preview arrives; the deck
    // keeps the last one meanwhile, so a lever being dragged stays on its
    // slide and the room sees the figures change, not vanish.
    let deck = Memo::new(move |previous: Option<&Option<Deck>>| {
        let (v, pick, n) = (variant.get(), choices.with(|c| c.customer), nth.get());
        let fresh = sim.report.with(|r| {
            sim.study.with(|s| match (r, s) {
                (Some(r), Some(s)) => Deck::new(r, s, v, pick, n),
                _ => None,
            })
        });
        let running = sim.report.with(Option::is_none) && sim.status.with(|s| s.is_running());
        match fresh {
            None if running => previous.cloned().flatten(),
            fresh => fresh,
        }
    });
    let slides = Memo::new(move |_| deck.with(|d| d.as_ref().map(|d| choices.with(|c| d.slides(c))).unwrap_or_default()));
    let levers = Memo::new(move |_| {
        let chosen = choices.with(|c| c.levers.clone());
        if !chosen.is_empty() {
            return chosen;
        }
        sim.study.with(|s| s.as_ref().map(|s| Lever::defaults(s, variant.get())).unwrap_or_default())
    });
    let count = move || slides.with(Vec::len);
    let go = move |to: usize| set_at.set(to.min(count().saturating_sub(1)));
    let current = Memo::new(move |_| slides.with(|s| s.get(at.get().min(s.len().saturating_sub(1))).copied()));

    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if !on.get_untracked() || ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        // A slider or list with focus keeps its own arrow keys; clickers'
        // PageDown and PageUp always turn the slide.
        let in_control = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .is_some_and(|e| matches!(e.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA" | "SUMMARY"));
        let here = at.get_untracked();
        match ev.key().as_str() {
            "PageDown" => go(here + 1),
            "PageUp" => go(here.saturating_sub(1)),
            _ if in_control => return,
            "ArrowRight" | " " | "Enter" => go(here + 1),
            "ArrowLeft" | "Backspace" => go(here.saturating_sub(1)),
            "Home" => go(0),
            "End" => go(usize::MAX),
            "Escape" => on.set(false),
            _ => return,
        }
        ev.prevent_default();
    });
    on_cleanup(move || keys.remove());

    let print_handouts = move |_| {
        set_handout.set(true);
        // Printed once the hand-out pages are on the page (charts drawn).
        set_timeout(
            move || {
                let _ = window().print();
                set_handout.set(false);
            },
            std::time::Duration::from_millis(400),
        );
    };

    let body = move || match current.get() {
        None => view! {
            <div class="present-slide">
                <h1>"Nothing to present yet"</h1>
                <p>"The Present view compares a variant with the baseline: the study needs two designs and its first results."</p>
            </div>
        }
        .into_any(),
        Some(Slide::Ripple) => match sim.study.get_untracked() {
            Some(study) => view! { <RippleSlide study variant=variant.get_untracked() /> }.into_any(),
            None => ().into_any(),
        },
        Some(Slide::Room) => view! { <RoomSlide deck levers=levers.get_untracked() prepared /> }.into_any(),
        Some(Slide::Paths) => view! { <PathsSlide /> }.into_any(),
        Some(Slide::Feelings) => view! { <FeelingsSlide /> }.into_any(),
        Some(slide) => (move || deck.get().map(|d| slide_view(&d, slide))).into_any(),
    };

    move || {
        on.get().then(|| {
            let variants = sim.report.with(|r| r.as_ref().map(|r| r.designs.iter().skip(1).map(|d| d.name.clone()).collect::<Vec<_>>()));
            view! {
                <div class="present" class:printing-handouts=handout role="dialog" aria-modal="true" aria-label="Present">
                    <div class="present-stage" aria-live="polite" tabindex="0">{body}</div>
                    <nav class="present-controls" aria-label="Slides">
                        <button type="button" class="secondary" on:click=move |_| go(at.get_untracked().saturating_sub(1))
                            disabled={move || at.get() == 0}>
                            "\u{2190} Back"
                        </button>
                        <span class="present-counter">{move || format!("{} / {}", at.get().min(count().saturating_sub(1)) + 1, count().max(1))}</span>
                        <button type="button" on:click=move |_| go(at.get_untracked() + 1)
                            disabled={move || at.get() + 1 >= count()}>
                            "Next \u{2192}"
                        </button>
                        {move || (choices.with(|c| c.customer) == CustomerPick::MostChanged).then(|| view! {
                            <button type="button" class="secondary" title="Another of the customers the change alters most"
                                on:click=move |_| {
                                    set_nth.update(|c| *c = (*c + 1) % STORY_COUNT);
                                    let first_story = slides.with(|s| s.iter().position(|s| matches!(s, Slide::Journey(_)))).unwrap_or(0);
                                    set_at.set(first_story);
                                }>
                                "Another customer"
                            </button>
                        })}
                        <Prepare variants=variants.unwrap_or_default() on_print=print_handouts />
                        <button type="button" class="secondary" on:click=move |_| on.set(false)>"Exit (Esc)"</button>
                    </nav>
                    {move || handout.get().then(|| view! { <Handout deck slides /> })}
                </div>
            }
        })
    }
}

/// The trainer's preparation, folded away under the slides: the variant,
/// the customer, the slides to show, the workshop's link and hand-outs.
#[component]
fn Prepare(variants: Vec<String>, on_print: impl Fn(leptos::ev::MouseEvent) + 'static) -> impl IntoView {
    let Presenting { choices, .. } = Presenting::get();
    let state = crate::state::StudyState::get();
    // What the last copy did: `Ok` on the clipboard, `Err(link)` refused
    // (the link is shown to copy by hand).
    let (copied, set_copied) = signal(None::<Result<(), String>>);
    let copy_link = move |_| {
        let link = crate::sharing::current_link(state);
        let without_query = link.split_once('#').map_or(link.as_str(), |(page, _)| page).split('?').next().unwrap_or_default().to_owned();
        let fragment = link.split_once('#').map(|(_, f)| f.to_owned()).unwrap_or_default();
        let full = format!("{without_query}?{}#{fragment}", choices.with_untracked(Choices::to_query));
        leptos::task::spawn_local(async move {
            let done = crate::sharing::copy_text(&full).await;
            set_copied.set(Some(done.map_err(|()| full)));
        });
    };
    view! {
        <details class="present-prepare">
            <summary>"Prepare"</summary>
            <div class="present-prepare-panel">
                {(variants.len() > 1).then(|| view! {
                    <label class="present-choice">
                        "Variant "
                        <select on:change=move |ev| {
                            if let Ok(i) = event_target_value(&ev).parse::<usize>() {
                                choices.update(|c| c.variant = i);
                            }
                        }>
                            {variants
                                .into_iter()
                                .enumerate()
                                .map(|(i, n)| view! { <option value=(i + 1).to_string() selected=move || choices.with(|c| c.variant) == i + 1>{n}</option> })
                                .collect_view()}
                        </select>
                    </label>
                })}
                <label class="present-choice">
                    "Customer "
                    <select on:change=move |ev| {
                        if let Some(p) = CustomerPick::from_key(&event_target_value(&ev)) {
                            choices.update(|c| c.customer = p);
                        }
                    }>
                        {CustomerPick::ALL
                            .into_iter()
                            .map(|p| view! { <option value=p.key() selected=move || choices.with(|c| c.customer) == p>{p.label()}</option> })
                            .collect_view()}
                    </select>
                </label>
                <fieldset class="present-parts">
                    <legend>"Slides"</legend>
                    {Part::ALL
                        .into_iter()
                        .map(|part| view! {
                            <label>
                                <input type="checkbox" prop:checked=move || choices.with(|c| c.shows(part))
                                    on:change=move |ev| {
                                        let keep = event_target_checked(&ev);
                                        choices.update(|c| {
                                            c.skipped.retain(|p| *p != part);
                                            if !keep {
                                                c.skipped.push(part);
                                            }
                                        });
                                    } />
                                {part.label()}
                            </label>
                        })
                        .collect_view()}
                </fieldset>
                <div class="present-prepare-actions">
                    <button type="button" class="secondary" on:click=copy_link>"Copy workshop link"</button>
                    <button type="button" class="secondary" on:click=on_print>"Print hand-outs"</button>
                </div>
                <p class="present-prepare-status" role="status">
                    {move || match copied.get() {
                        Some(Ok(())) => "Link copied: it opens this study in the Present view with these choices.".to_owned(),
                        Some(Err(link)) => format!("The browser kept the clipboard closed; copy this link: {link}"),
                        None => String::new(),
                    }}
                </p>
            </div>
        </details>
    }
}

/// Where the baseline's customers go: its paths, drawn large.
#[component]
fn PathsSlide() -> impl IntoView {
    let sim = SimulationContext::get();
    let chart = Memo::new(move |_| {
        sim.report.with(|r| {
            let d = r.as_ref()?.designs.first()?;
            let channels: Vec<String> = d.by_channel.iter().map(|c| c.name.clone()).collect();
            Some(Chart::Sankey(sankey::Sankey::new(&d.name, 0, &d.flow, &channels)))
        })
    });
    let name = move || sim.report.with(|r| r.as_ref().and_then(|r| r.designs.first()).map(|d| d.name.clone()).unwrap_or_default());
    view! {
        <div class="present-slide present-chart-slide">
            <p class="present-kicker">{move || format!("Where customers go today, in {}", name())}</p>
            <div class="present-chart present-chart-wide">
                <ChartFigure chart file_stem=Signal::derive(|| "paths".to_owned()) layout_width=680.0 />
            </div>
        </div>
    }
}

/// How the baseline's customers feel along the first contact, with its
/// worst moment in words.
#[component]
fn FeelingsSlide() -> impl IntoView {
    let sim = SimulationContext::get();
    let chart = Memo::new(move |_| {
        sim.report.with(|r| {
            let mut curve = emotion_curve::emotion_curve(r.as_ref()?);
            curve.series.truncate(1);
            Some(Chart::Emotion(curve))
        })
    });
    let worst = move || {
        sim.report.with(|r| {
            let p = r.as_ref()?.designs.first()?.pain_points.first()?;
            Some(format!("Where it hurts most: {} ({} in every 1,000 journeys)", p.label.to_lowercase(), number(p.per_thousand, 0, false)))
        })
    };
    view! {
        <div class="present-slide present-chart-slide">
            <p class="present-kicker">"How they feel along the way"</p>
            <div class="present-chart">
                <ChartFigure chart file_stem=Signal::derive(|| "feelings".to_owned()) layout_width=560.0 />
            </div>
            <p class="present-hint">{worst}</p>
        </div>
    }
}

/// Every slide the trainer kept, one a page, for printing: the story told
/// whole, the animation left out (a page cannot move) and the room's
/// slide as the reveal's figures.
#[component]
fn Handout(deck: Memo<Option<Deck>>, slides: Memo<Vec<Slide>>) -> impl IntoView {
    let pages = move || {
        let shown = slides.get();
        let deck = deck.get()?;
        let mut pages: Vec<Slide> = Vec::new();
        for slide in shown {
            let slide = match slide {
                Slide::Journey(_) => Slide::Journey(usize::MAX),
                Slide::Ripple => continue,
                Slide::Room => Slide::Reveal,
                s => s,
            };
            if !pages.contains(&slide) {
                pages.push(slide);
            }
        }
        Some(
            pages
                .into_iter()
                .map(|slide| {
                    let page = match slide {
                        Slide::Paths => view! { <PathsSlide /> }.into_any(),
                        Slide::Feelings => view! { <FeelingsSlide /> }.into_any(),
                        s => slide_view(&deck, s).into_any(),
                    };
                    view! { <section class="handout-page">{page}</section> }
                })
                .collect_view(),
        )
    };
    view! { <div class="present-handout" aria-hidden="true">{pages}</div> }
}

fn slide_view(deck: &Deck, slide: Slide) -> impl IntoView + use<> {
    match slide {
        Slide::Question => view! {
            <div class="present-slide present-question">
                <p class="present-kicker">"The question"</p>
                <h1>{deck.title.clone()}</h1>
                <p class="present-lead">{format!("What happens if we change {} like this?", deck.baseline)}</p>
                <ul class="present-changes">
                    {deck.changes.iter().map(|c| view! { <li>{c.clone()}</li> }).collect_view()}
                </ul>
                <p class="present-hint">{format!("The change is called \u{201c}{}\u{201d}. Next: one customer, today.", deck.variant)}</p>
            </div>
        }
        .into_any(),
        Slide::Journey(shown) => {
            let story = deck.story.as_ref().and_then(|s| Some((s, s.sides.first()?.clone())));
            match story {
                Some((pair, side)) => view! {
                    <div class="present-slide present-journey">
                        <p class="present-kicker">{format!("One customer ({}), in {} as it is today", pair.persona, deck.baseline)}</p>
                        <JourneySide side=side shown=shown />
                    </div>
                }
                .into_any(),
                None => ().into_any(),
            }
        }
        Slide::SideBySide => match &deck.story {
            Some(pair) => view! {
                <div class="present-slide present-side-by-side">
                    <p class="present-kicker">{format!("The same customer, with the same luck: {} and {}", deck.baseline, deck.variant)}</p>
                    <div class="present-sides">
                        {pair
                            .sides
                            .iter()
                            .map(|side| view! { <JourneySide side=side.clone() shown=usize::MAX most=SIDE_BY_SIDE_STEPS /> })
                            .collect_view()}
                    </div>
                </div>
            }
            .into_any(),
            None => ().into_any(),
        },
        Slide::Paths | Slide::Feelings | Slide::Ripple | Slide::Room => ().into_any(),
        Slide::Reveal => view! {
            <div class="present-slide present-reveal">
                <p class="present-kicker">{format!("{} against {}, over every simulated customer", deck.variant, deck.baseline)}</p>
                <div class="present-figures">
                    {deck
                        .reveal
                        .iter()
                        .map(|f| {
                            let tone = Tone::of(f.verdict);
                            view! {
                                <div class=format!("present-figure {}", tone.class())>
                                    <p class="present-figure-label">{f.label}</p>
                                    <p class="present-figure-values">
                                        <span>{f.baseline.clone()}</span>
                                        " \u{2192} "
                                        <strong>{f.variant.clone()}</strong>
                                    </p>
                                    <p class="present-figure-change">
                                        {f.change.clone()}
                                        " "
                                        <span class="present-verdict">{format!("{} {}", tone.icon(), f.verdict.label())}</span>
                                    </p>
                                    <p class="present-figure-ci">{f.interval.clone()}</p>
                                </div>
                            }
                        })
                        .collect_view()}
                </div>
            </div>
        }
        .into_any(),
    }
}

/// Steps a side of the side-by-side slide tells before summing up the
/// middle: at 1280×720 two sides of four and their outcomes fit.
const SIDE_BY_SIDE_STEPS: usize = 4;

/// For a story of `len` steps told in at most `most` lines: the steps
/// `head..tail` to sum up in one line (two first, the rest last), or
/// `None` when it fits whole.
fn elided(len: usize, most: usize) -> Option<(usize, usize)> {
    (len > most && most >= 3).then(|| (2, len - (most - 3)))
}

/// Step `i` (0-based) of a told story, numbered as in the whole story.
fn step_item(i: usize, step: &crate::results::stories::StepView) -> impl IntoView + use<> {
    view! {
        <li class=format!("present-step {}", step.kind.class()) value=(i + 1).to_string()>
            <span class="present-step-kind">{step.kind.label()}</span>
            <span class="present-step-text">{step.text.clone()}</span>
            <span class="present-step-time">{step.elapsed.clone()}</span>
        </li>
    }
}

/// One design's telling of the customer, its first `shown` steps visible,
/// with the satisfaction after the last shown step as a meter.
#[component]
fn JourneySide(
    side: StorySide,
    shown: usize,
    /// Most steps told before the middle of a longer story is summed up
    /// in one line (the slide shows both designs at once, and the story
    /// was told step by step before it).
    #[prop(default = usize::MAX)]
    most: usize,
) -> impl IntoView {
    let visible = shown.min(side.steps.len());
    let all = visible == side.steps.len();
    // A summed-up side ends on its outcome line, which says what the last
    // step (resolved, or not) would.
    let ends = side.steps.last().is_some_and(|s| matches!(s.kind, StepKind::Resolved | StepKind::Unresolved));
    let visible = if all && most != usize::MAX && ends { visible - 1 } else { visible };
    let (head, tail) = elided(visible, most).unwrap_or((visible, visible));
    let skipped = &side.steps[head..tail];
    let contacts = skipped.iter().filter(|s| s.kind == StepKind::Contact).count();
    let summary = (head < tail).then(|| {
        let more = match contacts {
            0 => String::new(),
            1 => ", among them 1 more contact".to_owned(),
            n => format!(", among them {n} more contacts"),
        };
        view! { <li class="present-step present-step-more">{format!("\u{2026} {} more steps{more} \u{2026}", tail - head)}</li> }
    });
    let first = side.steps[..head].iter().enumerate().map(|(i, step)| step_item(i, step)).collect_view();
    let last = side.steps[tail..visible].iter().enumerate().map(|(i, step)| step_item(tail + i, step)).collect_view();
    let score = if all { side.satisfaction } else { side.steps.get(visible.saturating_sub(1)).map_or(0.0, |s| s.score) };
    view! {
        <div class="present-side">
            <h2>{side.design.clone()}</h2>
            <div class="present-meter" role="meter" aria-valuemin="0" aria-valuemax="100" aria-valuenow=format!("{score:.0}")
                aria-label="Satisfaction">
                <span class="present-meter-fill" style:width=format!("{:.0}%", score.clamp(0.0, 100.0))></span>
                <span class="present-meter-text">{format!("Satisfaction {}", number(score, 0, false))}</span>
            </div>
            <ol class="present-steps">
                {first}
                {summary}
                {last}
            </ol>
            {all.then(|| view! { <p class="present-outcome">{side.outcome.clone()}</p> })}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::elided;

    #[test]
    fn a_long_side_keeps_its_first_two_and_last_steps_and_sums_up_the_middle() {
        assert_eq!(elided(5, 5), None, "five steps fit");
        assert_eq!(elided(17, 5), Some((2, 15)), "steps 3 to 15 summed up, 16 and 17 told");
        assert_eq!(elided(6, 5), Some((2, 4)));
        assert_eq!(elided(40, usize::MAX), None, "a one-design slide tells every step");
    }
}
