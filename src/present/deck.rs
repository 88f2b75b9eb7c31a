//! The deck a trainer walks through in the Present view, as plain data
//! built from the report and the study (tested natively): the question,
//! one customer's journey in the baseline revealed step by step, the same
//! customer in the variant beside it, and the reveal of the headline
//! figures.

use journey_engine::{Report, Study, Verdict};

use crate::results::kpi_cards::kpi_card;
use crate::results::print::design_changes_in_words;
use crate::results::stories::{StoryPair, pick_stories, story_pair};

/// The figures the reveal shows, in the order a room reads them.
pub const REVEAL_KPIS: [&str; 5] = ["resolution_rate", "contacts_per_journey", "customer_minutes", "cost_per_journey", "satisfaction"];

/// Everything the Present view shows for one variant against the baseline.
#[derive(Clone, Debug, PartialEq)]
pub struct Deck {
    pub title: String,
    pub baseline: String,
    pub variant: String,
    /// What the variant changes, in the editor's words.
    pub changes: Vec<String>,
    /// The customer most changed by the variant, in both designs.
    pub story: Option<StoryPair>,
    pub reveal: Vec<RevealFigure>,
}

/// One headline figure: both designs' values and the change.
#[derive(Clone, Debug, PartialEq)]
pub struct RevealFigure {
    pub label: &'static str,
    pub baseline: String,
    pub variant: String,
    /// "↑ +14.1 pp".
    pub change: String,
    /// "95% CI +13.9 pp to +14.3 pp".
    pub interval: String,
    pub verdict: Verdict,
}

/// The slides, in order: the story's baseline side takes one step of the
/// deck per step of the journey.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slide {
    Question,
    /// The baseline's journey with its first `n` steps shown.
    Journey(usize),
    SideBySide,
    Reveal,
}

impl Deck {
    /// The deck for `variant` (1 is the first variant); `None` without a
    /// variant to compare.
    pub fn new(report: &Report, study: &Study, variant: usize, customer: usize) -> Option<Self> {
        if variant == 0 {
            return None;
        }
        let (base, var) = (report.designs.first()?, report.designs.get(variant)?);
        let changes =
            design_changes_in_words(Some(study)).into_iter().nth(variant - 1).map(|(_, lines)| lines).unwrap_or_default();
        let picks = pick_stories(report, variant, customer + 1);
        let story = picks.get(customer).or(picks.first()).and_then(|&i| story_pair(report, study, variant, i));
        let reveal = REVEAL_KPIS
            .iter()
            .filter_map(|key| {
                let card = kpi_card(report, key)?;
                let (b, v) = (card.lines.first()?, card.lines.get(variant)?);
                let change = v.change.as_ref()?;
                Some(RevealFigure {
                    label: card.label,
                    baseline: b.value.clone(),
                    variant: v.value.clone(),
                    change: format!("{} {}", change.arrow, change.value),
                    interval: change.interval.as_ref().map(|ci| format!("95% CI {ci}")).unwrap_or_default(),
                    verdict: change.verdict,
                })
            })
            .collect();
        Some(Self { title: report.title.clone(), baseline: base.name.clone(), variant: var.name.clone(), changes, story, reveal })
    }

    /// Every slide of the deck, in order.
    pub fn slides(&self) -> Vec<Slide> {
        let steps = self.story.as_ref().and_then(|s| s.sides.first()).map_or(0, |side| side.steps.len());
        let mut slides = vec![Slide::Question];
        slides.extend((1..=steps).map(Slide::Journey));
        if self.story.is_some() {
            slides.push(Slide::SideBySide);
        }
        slides.push(Slide::Reveal);
        slides
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::test_support::{report_of, schema1};

    #[test]
    fn the_deck_asks_tells_one_customer_step_by_step_then_reveals() {
        let report = report_of("password-reset", 4_096);
        let study = schema1("password-reset");
        let deck = Deck::new(&report, &study, 1, 0).expect("a variant");
        assert_eq!((deck.baseline.as_str(), deck.variant.as_str()), ("Current", "Improved"));
        assert!(deck.changes.iter().any(|c| c.contains("containment")), "{:?}", deck.changes);
        let story = deck.story.as_ref().expect("a customer");
        let steps = story.sides[0].steps.len();
        let slides = deck.slides();
        assert_eq!(slides.len(), steps + 3);
        assert_eq!(slides[0], Slide::Question);
        assert_eq!(slides[1], Slide::Journey(1));
        assert_eq!(slides[steps], Slide::Journey(steps));
        assert_eq!(slides[steps + 1], Slide::SideBySide);
        assert_eq!(*slides.last().unwrap(), Slide::Reveal);
        assert_eq!(deck.reveal.len(), REVEAL_KPIS.len());
        assert!(deck.reveal.iter().all(|f| f.interval.starts_with("95% CI")));
    }

    #[test]
    fn no_variant_no_deck() {
        let report = report_of("password-reset", 1_024);
        let study = schema1("password-reset");
        assert!(Deck::new(&report, &study, 0, 0).is_none());
        assert!(Deck::new(&report, &study, 5, 0).is_none());
    }
}
