//! The deck a trainer walks through in the Present view, as plain data
//! built from the report, the study and the trainer's choices (tested
//! natively): the question, where the baseline's customers go and how they
//! feel, one customer's journey revealed step by step, the same customer
//! in the variant beside it, a day in the centre, the reveal of the
//! headline figures, and the levers for the room.

use journey_engine::{Report, Study, Verdict};

use crate::results::kpi_cards::kpi_card;
use crate::results::print::design_changes_in_words;
use crate::results::stories::{CustomerPick, StoryPair, pick_story, story_pair};

use super::choices::{Choices, Part};

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
    /// The customer the trainer picked, in both designs.
    pub story: Option<StoryPair>,
    pub customer: CustomerPick,
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
    Paths,
    Feelings,
    /// The baseline's journey with its first `n` steps shown.
    Journey(usize),
    SideBySide,
    Ripple,
    Reveal,
    Room,
}

impl Slide {
    /// The part of the deck the slide belongs to.
    pub fn part(self) -> Part {
        match self {
            Slide::Question => Part::Question,
            Slide::Paths => Part::Paths,
            Slide::Feelings => Part::Feelings,
            Slide::Journey(_) => Part::Story,
            Slide::SideBySide => Part::Sides,
            Slide::Ripple => Part::Ripple,
            Slide::Reveal => Part::Reveal,
            Slide::Room => Part::Room,
        }
    }
}

impl Deck {
    /// The deck for `variant` (1 is the first variant) telling the
    /// customer `customer` picks (`nth` of the most changed); `None` without
    /// a variant to compare.
    pub fn new(report: &Report, study: &Study, variant: usize, customer: CustomerPick, nth: usize) -> Option<Self> {
        if variant == 0 {
            return None;
        }
        let (base, var) = (report.designs.first()?, report.designs.get(variant)?);
        let changes =
            design_changes_in_words(Some(study)).into_iter().nth(variant - 1).map(|(_, lines)| lines).unwrap_or_default();
        let story = pick_story(report, variant, customer, nth).and_then(|i| story_pair(report, study, variant, i));
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
        Some(Self { title: report.title.clone(), baseline: base.name.clone(), variant: var.name.clone(), changes, story, customer, reveal })
    }

    /// Every slide of the deck the trainer kept, in order (the question
    /// when they kept nothing).
    pub fn slides(&self, choices: &Choices) -> Vec<Slide> {
        let steps = self.story.as_ref().and_then(|s| s.sides.first()).map_or(0, |side| side.steps.len());
        let mut slides = vec![Slide::Question, Slide::Paths, Slide::Feelings];
        slides.extend((1..=steps).map(Slide::Journey));
        if self.story.is_some() {
            slides.push(Slide::SideBySide);
        }
        slides.extend([Slide::Ripple, Slide::Reveal, Slide::Room]);
        slides.retain(|s| choices.shows(s.part()));
        if slides.is_empty() {
            slides.push(Slide::Question);
        }
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
        let deck = Deck::new(&report, &study, 1, CustomerPick::MostChanged, 0).expect("a variant");
        assert_eq!((deck.baseline.as_str(), deck.variant.as_str()), ("Current", "Improved"));
        assert!(deck.changes.iter().any(|c| c.contains("containment")), "{:?}", deck.changes);
        let story = deck.story.as_ref().expect("a customer");
        let steps = story.sides[0].steps.len();
        let slides = deck.slides(&Choices::default());
        assert_eq!(slides.len(), steps + 7);
        assert_eq!(slides[..3], [Slide::Question, Slide::Paths, Slide::Feelings]);
        assert_eq!(slides[3], Slide::Journey(1));
        assert_eq!(slides[steps + 2], Slide::Journey(steps));
        assert_eq!(slides[steps + 3..], [Slide::SideBySide, Slide::Ripple, Slide::Reveal, Slide::Room]);
        assert_eq!(deck.reveal.len(), REVEAL_KPIS.len());
        assert!(deck.reveal.iter().all(|f| f.interval.starts_with("95% CI")));
    }

    #[test]
    fn no_variant_no_deck() {
        let report = report_of("password-reset", 1_024);
        let study = schema1("password-reset");
        assert!(Deck::new(&report, &study, 0, CustomerPick::MostChanged, 0).is_none());
        assert!(Deck::new(&report, &study, 5, CustomerPick::MostChanged, 0).is_none());
    }

    #[test]
    fn the_trainer_leaves_parts_out_and_picks_the_customer() {
        let report = report_of("password-reset", 4_096);
        let study = schema1("password-reset");
        let deck = Deck::new(&report, &study, 1, CustomerPick::Worst, 0).expect("a variant");
        let choices = Choices { skipped: vec![Part::Story, Part::Ripple, Part::Paths], ..Choices::default() };
        assert_eq!(deck.slides(&choices), [Slide::Question, Slide::Feelings, Slide::SideBySide, Slide::Reveal, Slide::Room]);
        let everything = Choices { skipped: Part::ALL.to_vec(), ..Choices::default() };
        assert_eq!(deck.slides(&everything), [Slide::Question]);
        // The worst is the baseline's unhappiest recorded customer; the
        // typical one is nearer the average than the worst.
        let base = &report.designs[0];
        let worst = deck.story.as_ref().expect("a story").story;
        let lowest = base.stories.iter().map(|s| s.satisfaction).fold(f64::INFINITY, f64::min);
        assert_eq!(base.stories[worst].satisfaction, lowest);
        let typical = pick_story(&report, 1, CustomerPick::Typical, 0).expect("a typical customer");
        let mean = base.kpis.get("satisfaction").and_then(|e| e.estimate).expect("a mean");
        assert!((base.stories[typical].satisfaction - mean).abs() < (lowest - mean).abs());
    }
}
