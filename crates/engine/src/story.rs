//! Individual customers' journeys, step by step, for trainers to tell and
//! strategists to sanity-check.
//!
//! The first [`STORY_COUNT`] journeys of every design are recorded as they
//! are simulated. Because designs share random numbers, story *n* of the
//! Improved design is the same customer as story *n* of Current, meeting the
//! changed design: the pair shows what the change does to one person.

use serde::{Deserialize, Serialize};

use crate::journey::{AgentResult, AttemptResult, Next, Observer, SelfServiceResult, Step};
use crate::study::Design;

/// Journeys recorded as stories per design.
pub const STORY_COUNT: u64 = 20;

/// One recorded journey.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Story {
    /// Index of the journey in the run.
    pub journey: u64,
    /// Persona index in the design.
    pub persona: usize,
    pub steps: Vec<StoryStep>,
}

/// One step with the customer's clock and mood at that point.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoryStep {
    pub step: Step,
    /// Elapsed time since the journey began, after this step [h].
    pub elapsed_hours: f64,
    /// Running satisfaction after this step [points].
    pub score: f64,
}

impl Story {
    pub(crate) fn begin(journey: u64) -> Self {
        Self { journey, persona: 0, steps: Vec::new() }
    }

    /// The story in words, a line per step, naming the design's channels.
    pub fn lines(&self, design: &Design) -> Vec<String> {
        self.steps.iter().filter_map(|s| describe(&s.step, design)).collect()
    }
}

impl Observer for Story {
    fn step(&mut self, step: &Step, score: f64) {
        let before = self.steps.last().map_or(0.0, |s| s.elapsed_hours);
        let elapsed_hours = before
            + match step {
                Step::SelfService { minutes, .. } | Step::Wait { minutes, .. } | Step::Agent { minutes, .. } => minutes / 60.0,
                Step::ResponseDelay { hours } | Step::RetryGap { hours } => *hours,
                _ => 0.0,
            };
        self.steps.push(StoryStep { step: step.clone(), elapsed_hours, score });
    }
}

/// A step in words; `None` for bookkeeping steps a reader need not see.
pub fn describe(step: &Step, design: &Design) -> Option<String> {
    let channel = |i: usize| design.channels.get(i).map_or("?", |c| c.name.as_str());
    let text = match step {
        Step::Contact { attempt: 1, channel: c, .. } => format!("Contacts us by {}", channel(*c)),
        Step::Contact { attempt, channel: c, switched: true } => format!("Contact {attempt}: switches to {}", channel(*c)),
        Step::Contact { attempt, channel: c, .. } => format!("Contact {attempt}: tries {} again", channel(*c)),
        Step::SelfService { minutes, result } => {
            let what = match result {
                SelfServiceResult::Contained => "and it solves the problem",
                SelfServiceResult::Abandoned => "then gives up on it",
                SelfServiceResult::NotContained => "without a solution",
            };
            format!("Spends {} in self-service {what}", minutes_text(*minutes))
        }
        Step::Wait { tier, minutes, backlog: true, .. } => {
            let who = if *tier == 2 { "a specialist" } else { "an agent" };
            format!("The message waits {} for {who} to take it", hours_text(*minutes / 60.0))
        }
        Step::Wait { tier, minutes, abandoned, .. } => {
            let queue = if *tier == 2 { "the specialist queue" } else { "the queue" };
            if *abandoned {
                format!("Hangs up after {} in {queue}", minutes_text(*minutes))
            } else {
                format!("Waits {} in {queue}", minutes_text(*minutes))
            }
        }
        Step::Agent { tier, minutes, repeated_explanation, result } => {
            let who = if *tier == 2 { "a specialist" } else { "an agent" };
            let repeat = if *repeated_explanation { ", explaining everything again," } else { "" };
            let how = match result {
                AgentResult::Resolved => "who resolves it",
                AgentResult::Reopened => "who resolves it, but the fix does not hold",
                AgentResult::Escalated => "who escalates",
                AgentResult::Unresolved => "without a resolution",
            };
            format!("Talks {} with {who}{repeat} {how}", minutes_text(*minutes))
        }
        Step::ResponseDelay { hours } => format!("Waits {} for the answer", hours_text(*hours)),
        Step::Escalation => "Is handed on to tier 2".to_owned(),
        Step::AttemptEnd { result: AttemptResult::Closed, next, .. } => closed_text("No one is on duty", *next),
        Step::AttemptEnd { result: AttemptResult::Tier2Closed, next, .. } => closed_text("No specialist is on duty", *next),
        Step::AttemptEnd { result: AttemptResult::Unfinished, .. } => "Still waiting when the simulated period ends".to_owned(),
        Step::AttemptEnd { next: Next::GaveUp, result, .. } if *result != AttemptResult::Contained => "Gives up".to_owned(),
        Step::AttemptEnd { .. } => return None,
        Step::RetryGap { hours } => format!("Tries again {} later", hours_text(*hours)),
        Step::Outcome { resolved: true } => "Resolved".to_owned(),
        Step::Outcome { resolved: false } => "Journey ends unresolved".to_owned(),
    };
    Some(text)
}

/// A closed pool, and what the customer does about it.
fn closed_text(what: &str, next: Next) -> String {
    match next {
        Next::GaveUp => format!("{what}: the line is closed, and the customer gives up"),
        _ => format!("{what}: the line is closed"),
    }
}

fn minutes_text(minutes: f64) -> String {
    if minutes < 1.0 { format!("{:.0} s", minutes * 60.0) } else { format!("{minutes:.1} min") }
}

fn hours_text(hours: f64) -> String {
    if hours < 1.0 {
        format!("{:.0} min", hours * 60.0)
    } else if hours < 48.0 {
        format!("{hours:.1} h")
    } else {
        format!("{:.1} days", hours / 24.0)
    }
}
