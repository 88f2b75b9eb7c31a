//! The emotion curve: how customers feel as their first contact unfolds,
//! and at the end of their journey.
//!
//! A customer's running score only ever falls (every penalty subtracts),
//! so a curve of averages must never rise either, or it would show a
//! recovery no customer had. Averaging each stage over the customers who
//! happen to reach it does not keep that promise: customers who escalate
//! are unhappier than those who reach the outcome straight away, and the
//! curve would climb from "Escalation" to "Outcome". So every point here
//! averages **every** customer:
//!
//! ```text
//! stage      Contact ─ Self-service ─ Wait ─ Agent ─ Escalation ─ Outcome
//! score      at the first visit of each stage during the first contact;
//!            a customer who skips a stage keeps the score of the stage
//!            before; Outcome is the final score, after any later contacts
//! ```
//!
//! First visits of the first contact come in stage order (the tier-2 wait
//! and agent come after the escalation, so they are not first visits), so
//! each customer's sequence of six values never rises, and neither does
//! their average. Beside each point the report gives how many customers
//! reached the stage in their first contact.

use crate::journey::Step;

/// Stages of the emotion curve, in journey order.
pub const STAGES: [&str; 6] = ["Contact", "Self-service", "Wait", "Agent", "Escalation", "Outcome"];

/// One journey's scores at the stages of its first contact.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct FirstContact {
    /// Whether the journey is still in its first contact.
    first: bool,
    /// Which stages the first contact has reached, and the score at the
    /// first visit of each.
    reached: [bool; 5],
    score: [f64; 5],
}

impl FirstContact {
    /// Notes a step of the journey with the running score after it.
    #[inline(always)]
    pub(crate) fn step(&mut self, step: &Step, score: f64) {
        if let Step::Contact { attempt, .. } = step {
            self.first = *attempt == 1;
        }
        if let Some(stage) = step.stage()
            && stage < 5
            && self.first
            && !self.reached[stage]
        {
            self.reached[stage] = true;
            self.score[stage] = score;
        }
    }

    /// The journey's value at each stage (carried forward over the stages
    /// it skipped; `final_score` at the outcome) and which stages it
    /// reached.
    #[inline(always)]
    pub(crate) fn finish(&self, final_score: f64) -> ([f64; 6], [bool; 6]) {
        let mut values = [final_score; 6];
        let mut carried = self.score[0];
        for ((value, reached), score) in values.iter_mut().zip(self.reached).zip(self.score) {
            if reached {
                carried = score;
            }
            *value = carried;
        }
        let [a, b, c, d, e] = self.reached;
        (values, [a, b, c, d, e, true])
    }
}
