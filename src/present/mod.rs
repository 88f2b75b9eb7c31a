//! The Present view, for a trainer in front of a room: the editor and
//! every control hidden, large type, one thing at a time. The question
//! (what the variant changes), one customer's journey in the baseline
//! revealed step by step with their satisfaction, the same customer in the
//! variant beside it, then the reveal of the headline figures with their
//! intervals.
//!
//! Opened with "Present" in the results or by a link with `?present`
//! before its `#` (the study stays in the fragment, so the prepared
//! study opens straight into the room). Walked with the keyboard and the
//! clickers that send its keys (→, Space, PageDown forward; ←, PageUp
//! back; Home, End), or the buttons; Escape leaves.
//!
//! `deck.rs` builds what is shown as plain data, tested natively.

pub mod deck;

use leptos::prelude::*;

use crate::results::format::number;
use crate::results::stories::{STORY_COUNT, StorySide};
use crate::results::verdict::Tone;
use crate::run::SimulationContext;
use deck::{Deck, Slide};

/// Whether the Present view is open; provided at the app root.
#[derive(Clone, Copy)]
pub struct Presenting(pub RwSignal<bool>);

impl Presenting {
    /// Provides the switch, on when the page's address asks for it.
    pub fn provide() -> Self {
        let asked = window().location().search().unwrap_or_default().trim_start_matches('?').split('&').any(|p| p == "present");
        let presenting = Self(RwSignal::new(asked));
        provide_context(presenting);
        presenting
    }

    pub fn get() -> Self {
        expect_context::<Self>()
    }
}

/// The button in the results that opens the Present view.
#[component]
pub fn PresentButton() -> impl IntoView {
    let Presenting(on) = Presenting::get();
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
    let Presenting(on) = Presenting::get();
    let sim = SimulationContext::get();
    let (variant, set_variant) = signal(1usize);
    let (customer, set_customer) = signal(0usize);
    let (at, set_at) = signal(0usize);
    let deck = Memo::new(move |_| {
        sim.report.with(|r| {
            sim.study.with(|s| match (r, s) {
                (Some(r), Some(s)) => Deck::new(r, s, variant.get(), customer.get()),
                _ => None,
            })
        })
    });
    let slides = Memo::new(move |_| deck.with(|d| d.as_ref().map(Deck::slides).unwrap_or_default()));
    let count = move || slides.with(Vec::len);
    let go = move |to: usize| set_at.set(to.min(count().saturating_sub(1)));

    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if !on.get_untracked() || ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        let here = at.get_untracked();
        match ev.key().as_str() {
            "ArrowRight" | "PageDown" | " " | "Enter" => go(here + 1),
            "ArrowLeft" | "PageUp" | "Backspace" => go(here.saturating_sub(1)),
            "Home" => go(0),
            "End" => go(usize::MAX),
            "Escape" => on.set(false),
            _ => return,
        }
        ev.prevent_default();
    });
    on_cleanup(move || keys.remove());

    move || {
        on.get().then(|| {
            let slide = slides.with(|s| s.get(at.get().min(s.len().saturating_sub(1))).copied());
            let body = match (deck.get(), slide) {
                (Some(deck), Some(slide)) => slide_view(&deck, slide).into_any(),
                _ => view! {
                    <div class="present-slide">
                        <h1>"Nothing to present yet"</h1>
                        <p>"The Present view compares a variant with the baseline: the study needs two designs and its first results."</p>
                    </div>
                }
                .into_any(),
            };
            let variants = sim.report.with(|r| r.as_ref().map(|r| r.designs.iter().skip(1).map(|d| d.name.clone()).collect::<Vec<_>>()));
            view! {
                <div class="present" role="dialog" aria-modal="true" aria-label="Present">
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
                        {variants
                            .filter(|v| v.len() > 1)
                            .map(|names| {
                                view! {
                                    <label class="present-choice">
                                        "Variant "
                                        <select on:change=move |ev| {
                                            if let Ok(i) = event_target_value(&ev).parse::<usize>() {
                                                set_variant.set(i);
                                                set_at.set(0);
                                            }
                                        }>
                                            {names
                                                .into_iter()
                                                .enumerate()
                                                .map(|(i, n)| view! { <option value=(i + 1).to_string() selected=move || variant.get() == i + 1>{n}</option> })
                                                .collect_view()}
                                        </select>
                                    </label>
                                }
                            })}
                        <button type="button" class="secondary" title="Another of the customers the change alters most"
                            on:click=move |_| {
                                set_customer.update(|c| *c = (*c + 1) % STORY_COUNT);
                                set_at.set(1.min(count().saturating_sub(1)));
                            }>
                            "Another customer"
                        </button>
                        <button type="button" class="secondary" on:click=move |_| on.set(false)>"Exit (Esc)"</button>
                    </nav>
                </div>
            }
        })
    }
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
                        {pair.sides.iter().map(|side| view! { <JourneySide side=side.clone() shown=usize::MAX /> }).collect_view()}
                    </div>
                </div>
            }
            .into_any(),
            None => ().into_any(),
        },
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

/// One design's telling of the customer, its first `shown` steps visible,
/// with the satisfaction after the last shown step as a meter.
#[component]
fn JourneySide(side: StorySide, shown: usize) -> impl IntoView {
    let visible = shown.min(side.steps.len());
    let all = visible == side.steps.len();
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
                {side
                    .steps
                    .iter()
                    .take(visible)
                    .map(|step| {
                        view! {
                            <li class=format!("present-step {}", step.kind.class())>
                                <span class="present-step-kind">{step.kind.label()}</span>
                                <span class="present-step-text">{step.text.clone()}</span>
                                <span class="present-step-time">{step.elapsed.clone()}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
            {all.then(|| view! { <p class="present-outcome">{side.outcome.clone()}</p> })}
        </div>
    }
}
