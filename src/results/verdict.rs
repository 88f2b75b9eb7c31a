//! A variant's verdict on one KPI, shown so that colour is never the only
//! cue: a tone (colour class), an icon and the engine's own words.
//!
//! The tone says whether the change is good for customers and the business
//! (the engine already folds in each KPI's `better` direction); the arrow
//! says which way the number moved. "Cost ↓ ✓ better" and "Resolution ↓
//! ✗ worse" read correctly without colour.

use journey_engine::Verdict;
use leptos::prelude::*;

/// Whether a change is good, bad, or neither.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Good,
    Bad,
    Neutral,
    /// A change too small to matter (inside the study's smallest change).
    Negligible,
    NotApplicable,
    /// A change shown without a verdict (a percentile has no interval).
    Unjudged,
    /// A real change in a figure that is neither good nor bad (occupancy).
    Changed,
}

impl Tone {
    pub fn of(verdict: Verdict) -> Self {
        match verdict {
            Verdict::Better => Tone::Good,
            Verdict::Worse => Tone::Bad,
            Verdict::NoDetectableDifference => Tone::Neutral,
            Verdict::Negligible => Tone::Negligible,
            Verdict::NotApplicable => Tone::NotApplicable,
            Verdict::NoInterval => Tone::Unjudged,
            Verdict::Changed => Tone::Changed,
        }
    }

    /// CSS class: Okabe–Ito blue for good, vermillion for bad, grey else.
    pub fn class(self) -> &'static str {
        match self {
            Tone::Good => "tone-good",
            Tone::Bad => "tone-bad",
            Tone::Neutral => "tone-neutral",
            Tone::Negligible => "tone-negligible",
            Tone::NotApplicable => "tone-na",
            Tone::Unjudged => "tone-unjudged",
            Tone::Changed => "tone-changed",
        }
    }

    /// An icon that carries the tone without colour.
    pub fn icon(self) -> &'static str {
        match self {
            Tone::Good => "✓",
            Tone::Bad => "✗",
            Tone::Neutral => "=",
            Tone::Negligible => "≈",
            Tone::NotApplicable => "–",
            Tone::Unjudged => "·",
            Tone::Changed => "≠",
        }
    }
}

/// Which way a number moved: ↑, ↓, or → when it did not.
pub fn direction_arrow(change: Option<f64>) -> &'static str {
    match change {
        Some(d) if d > 0.0 => "↑",
        Some(d) if d < 0.0 => "↓",
        Some(_) => "→",
        None => "",
    }
}

/// The verdict chip: icon and words, coloured by tone.
#[component]
pub fn VerdictBadge(verdict: Verdict) -> impl IntoView {
    let tone = Tone::of(verdict);
    view! {
        <span class=format!("verdict {}", tone.class()) data-verdict=verdict.label()>
            <span class="verdict-icon" aria-hidden="true">{tone.icon()}</span>
            " "
            {verdict.label()}
        </span>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_verdict_has_its_own_icon_and_class() {
        let all = [Verdict::Better, Verdict::Worse, Verdict::NoDetectableDifference, Verdict::Negligible, Verdict::NotApplicable, Verdict::NoInterval, Verdict::Changed];
        let icons: Vec<_> = all.iter().map(|v| Tone::of(*v).icon()).collect();
        let classes: Vec<_> = all.iter().map(|v| Tone::of(*v).class()).collect();
        for i in 0..all.len() {
            for j in i + 1..all.len() {
                assert_ne!(icons[i], icons[j]);
                assert_ne!(classes[i], classes[j]);
            }
        }
        assert_eq!(Tone::of(Verdict::Better), Tone::Good);
        assert_eq!(Tone::of(Verdict::Worse), Tone::Bad);
    }

    #[test]
    fn arrows_follow_the_sign_of_the_change() {
        assert_eq!(direction_arrow(Some(0.3)), "↑");
        assert_eq!(direction_arrow(Some(-0.3)), "↓");
        assert_eq!(direction_arrow(Some(0.0)), "→");
        assert_eq!(direction_arrow(None), "");
    }
}
