//! One simulated customer, step by step, exactly as MODEL.md's pseudo-code
//! says:
//!
//! ```text
//! persona  ~ share
//! channel  ~ persona.channel_mix
//! for attempt = 1 .. persona.max_contacts:
//!     self-service? ── contained ─────────────────────────────▶ RESOLVED
//!          │        ── abandoned ─────────────────────────────▶ ABANDONED
//!          │        ── not contained, no live fall-back ──────▶ FAILED
//!          ▼
//!     queue (hold vs fresh patience) ── hold > patience ──────▶ ABANDONED
//!          ▼
//!     agent (handle + repeat explanation, response delay)
//!          ├─ resolved ── reopened? ──────────────────────────▶ RESOLVED / FAILED
//!          ├─ escalated ─▶ tier 2: queue, agent, resolved? ───▶ RESOLVED / FAILED / ABANDONED
//!          └─ otherwise ──────────────────────────────────────▶ FAILED
//!     ABANDONED / FAILED: last attempt, or no retry ──────────▶ GAVE UP
//!                         else maybe switch channel, wait the retry gap, again
//! ```
//!
//! [`simulate`] returns the journey's figures and tells an [`Observer`]
//! each step as it happens, with the customer's running satisfaction; the
//! tally uses those steps for flows and stage satisfaction, and the first
//! journeys of a run keep them as stories.

use serde::{Deserialize, Serialize};

use crate::streams::{JourneyStreams, Purpose, study_key};
use crate::study::{Design, SatisfactionWeights, Study};

/// Everything a journey adds to the figures of its design.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct JourneyFigures {
    /// Index of the persona in the design.
    pub persona: usize,
    /// Index of the channel of the first contact.
    pub first_channel: usize,
    pub resolved: bool,
    /// Resolved on the first attempt.
    pub resolved_first: bool,
    /// Attempts (contacts), whatever their outcome.
    pub attempts: u32,
    pub self_service_attempts: u32,
    pub self_service_contained: u32,
    pub self_service_abandoned: u32,
    /// Waits for an agent, tier 1 or 2.
    pub queue_entries: u32,
    /// Waits that ended with the customer hanging up.
    pub queue_abandoned: u32,
    /// Entries into tier 2.
    pub escalations: u32,
    /// Contacts in which the customer reached a tier-1 agent.
    pub agent_contacts: u32,
    pub switches: u32,
    pub repeated_explanations: u32,
    /// The customer's own minutes: self-service, hold and handle [min].
    pub customer_minutes: f64,
    /// Every queue wait of the journey, abandoned ones included [min].
    pub hold_minutes: f64,
    /// Agent handle minutes, tiers 1 and 2 [min].
    pub agent_minutes: f64,
    /// Customer minutes, response delays and retry gaps [h].
    pub elapsed_hours: f64,
    /// [currency]
    pub cost: f64,
    /// Final score, clamped to [0, 100] [points].
    pub satisfaction: f64,
    pub satisfied: bool,
}

/// One step of a journey, as it happens.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum Step {
    /// The customer starts an attempt on a channel.
    Contact { attempt: u32, channel: usize, switched: bool },
    /// Self-service in front of the channel.
    SelfService { minutes: f64, result: SelfServiceResult },
    /// A wait for an agent.
    Wait { tier: u8, minutes: f64, abandoned: bool },
    /// An agent interaction.
    Agent { tier: u8, minutes: f64, repeated_explanation: bool, result: AgentResult },
    /// An asynchronous answer arrives after this delay.
    ResponseDelay { hours: f64 },
    /// Handed on to tier 2.
    Escalation,
    /// The attempt is over.
    AttemptEnd { attempt: u32, channel: usize, result: AttemptResult, next: Next },
    /// The customer waits before trying again.
    RetryGap { hours: f64 },
    /// The journey is over.
    Outcome { resolved: bool },
}

/// How self-service ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SelfServiceResult {
    Contained,
    Abandoned,
    /// Not contained; on to an agent if the channel falls back to one.
    NotContained,
}

/// How an agent interaction ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgentResult {
    Resolved,
    /// Resolved, but the resolution did not hold.
    Reopened,
    Escalated,
    Unresolved,
}

/// Where an attempt ended: one node per attempt in the flow diagram.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttemptResult {
    Contained,
    SelfServiceAbandoned,
    SelfServiceFailed,
    QueueAbandoned,
    Resolved,
    Reopened,
    Unresolved,
    Tier2Resolved,
    Tier2Reopened,
    Tier2Unresolved,
    Tier2Abandoned,
}

impl AttemptResult {
    /// Every result, in flow-diagram order.
    pub const ALL: [AttemptResult; 11] = [
        AttemptResult::Contained,
        AttemptResult::SelfServiceAbandoned,
        AttemptResult::SelfServiceFailed,
        AttemptResult::QueueAbandoned,
        AttemptResult::Resolved,
        AttemptResult::Reopened,
        AttemptResult::Unresolved,
        AttemptResult::Tier2Resolved,
        AttemptResult::Tier2Reopened,
        AttemptResult::Tier2Unresolved,
        AttemptResult::Tier2Abandoned,
    ];

    /// Words for a diagram label.
    pub fn label(self) -> &'static str {
        match self {
            AttemptResult::Contained => "Contained by self-service",
            AttemptResult::SelfServiceAbandoned => "Abandoned self-service",
            AttemptResult::SelfServiceFailed => "Self-service failed",
            AttemptResult::QueueAbandoned => "Abandoned in queue",
            AttemptResult::Resolved => "Resolved by agent",
            AttemptResult::Reopened => "Resolved, then reopened",
            AttemptResult::Unresolved => "Unresolved by agent",
            AttemptResult::Tier2Resolved => "Resolved at tier 2",
            AttemptResult::Tier2Reopened => "Tier 2 resolved, then reopened",
            AttemptResult::Tier2Unresolved => "Unresolved at tier 2",
            AttemptResult::Tier2Abandoned => "Abandoned in tier-2 queue",
        }
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

/// What follows an attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "then", rename_all = "snake_case")]
pub enum Next {
    Resolved,
    GaveUp,
    /// Tries again on this channel (index).
    Retry { channel: usize },
}

/// Told each step of a journey with the running satisfaction score.
pub trait Observer {
    fn step(&mut self, step: &Step, score: f64);
}

/// An observer that ignores everything, for figures only.
pub struct Ignore;

impl Observer for Ignore {
    #[inline]
    fn step(&mut self, _: &Step, _: f64) {}
}

/// A design prepared for fast simulation: cumulative weights precomputed.
#[derive(Clone, Debug)]
pub struct PreparedDesign<'s> {
    pub(crate) design: &'s Design,
    weights: &'s SatisfactionWeights,
    /// The study's key to its random streams.
    streams: u64,
    /// Cumulative persona shares, normalised to end at 1.
    persona_cdf: Vec<f64>,
    /// Per persona, the channel weights by channel index.
    channel_weights: Vec<Vec<f64>>,
    /// Per persona, the running sums of `channel_weights` (the last is
    /// their total), for the first channel.
    channel_running: Vec<Vec<f64>>,
}

impl<'s> PreparedDesign<'s> {
    pub fn new(study: &'s Study, design: &'s Design) -> Self {
        let total: f64 = design.personas.iter().map(|p| p.share).sum();
        let mut running = 0.0;
        let persona_cdf = design
            .personas
            .iter()
            .map(|p| {
                running += p.share;
                running / total
            })
            .collect();
        let channel_weights: Vec<Vec<f64>> = design
            .personas
            .iter()
            .map(|p| {
                let mut w = vec![0.0; design.channels.len()];
                for (index, _, weight) in &p.channel_mix.entries {
                    w[*index] += weight;
                }
                w
            })
            .collect();
        let channel_running = channel_weights
            .iter()
            .map(|w| {
                let mut running = 0.0;
                w.iter()
                    .map(|x| {
                        running += x;
                        running
                    })
                    .collect()
            })
            .collect();
        Self { design, weights: &study.satisfaction, streams: study_key(study.seed), persona_cdf, channel_weights, channel_running }
    }

    /// The persona of a customer whose uniform draw is `u`.
    ///
    /// The index is a count of thresholds passed rather than a search that
    /// stops at the first: no branch depends on the random draw, so none is
    /// mispredicted. The same for the first channel below.
    #[inline]
    fn persona(&self, u: f64) -> usize {
        let passed = self.persona_cdf.iter().map(|c| usize::from(*c <= u)).sum::<usize>();
        passed.min(self.persona_cdf.len() - 1)
    }

    /// The first channel of a customer of `persona` whose draw is `u`: the
    /// same choice as [`pick_weighted`] with nothing excluded.
    #[inline]
    fn first_channel(&self, persona: usize, u: f64) -> usize {
        let running = &self.channel_running[persona];
        let target = u * running.last().copied().unwrap_or(0.0);
        let passed = running.iter().map(|r| usize::from(*r <= target)).sum::<usize>();
        if passed < running.len() {
            passed
        } else {
            // Rounding put the target on the total: the last channel with weight.
            // Validation guarantees a channel with weight; fall back to 0 regardless.
            pick_weighted(&self.channel_weights[persona], None, u).unwrap_or(0)
        }
    }
}

/// Picks an index with probability proportional to its weight, skipping
/// `exclude`; `None` when no other index has weight.
fn pick_weighted(weights: &[f64], exclude: Option<usize>, u: f64) -> Option<usize> {
    let total: f64 = weights.iter().enumerate().filter(|(i, _)| Some(*i) != exclude).map(|(_, w)| w).sum();
    if total <= 0.0 {
        return None;
    }
    let target = u * total;
    let mut running = 0.0;
    let mut last = None;
    for (i, w) in weights.iter().enumerate() {
        if Some(i) == exclude || *w <= 0.0 {
            continue;
        }
        running += w;
        last = Some(i);
        if target < running {
            return Some(i);
        }
    }
    // Rounding can leave `target` a hair above the sum: take the last channel.
    last
}

/// The running score: baseline minus the penalties so far.
struct Score<'w> {
    weights: &'w SatisfactionWeights,
    baseline: f64,
    tolerance: f64,
    penalties: f64,
    hold_penalty: f64,
}

impl Score<'_> {
    fn value(&self) -> f64 {
        (self.baseline - self.penalties - self.hold_penalty).clamp(0.0, 100.0)
    }

    fn held(&mut self, total_hold: f64) {
        self.hold_penalty = self.weights.hold_minute * (total_hold - self.tolerance).max(0.0);
    }
}

/// A wait for an agent at `tier`: the customer hangs up when the hold
/// exceeds their patience. Adds the wait to the figures and the score, tells
/// the observer, and says whether the customer was answered.
fn wait_in_queue<O: Observer>(tier: u8, hold: f64, patience: f64, f: &mut JourneyFigures, score: &mut Score, observer: &mut O) -> bool {
    let abandoned = hold > patience;
    let minutes = if abandoned { patience } else { hold };
    f.queue_entries += 1;
    f.queue_abandoned += u32::from(abandoned);
    f.customer_minutes += minutes;
    f.hold_minutes += minutes;
    score.held(f.hold_minutes);
    observer.step(&Step::Wait { tier, minutes, abandoned }, score.value());
    !abandoned
}

/// How one attempt ended, for the retry logic.
enum AttemptEnd {
    Resolved,
    Abandoned,
    Failed,
}

/// Simulates journey number `journey` of the study under `design`.
pub fn simulate<O: Observer>(design: &PreparedDesign, journey: u64, observer: &mut O) -> JourneyFigures {
    let d = design.design;
    let rng = JourneyStreams::new(design.streams, journey);
    let persona_index = design.persona(rng.unit(Purpose::Persona, 0));
    let persona = &d.personas[persona_index];
    let mix = &design.channel_weights[persona_index];
    let mut channel_index = design.first_channel(persona_index, rng.unit(Purpose::Channel, 0));

    let mut f = JourneyFigures { persona: persona_index, first_channel: channel_index, ..Default::default() };
    let mut score = Score {
        weights: design.weights,
        baseline: persona.baseline_satisfaction,
        tolerance: persona.hold_tolerance,
        penalties: 0.0,
        hold_penalty: 0.0,
    };
    let w = design.weights;
    let mut delays_hours = 0.0;
    let mut agent_interactions = 0u32;
    let mut switched = false;

    for attempt in 0..persona.max_contacts {
        let channel = &d.channels[channel_index];
        f.attempts += 1;
        if attempt > 0 {
            score.penalties += w.extra_contact;
        }
        observer.step(&Step::Contact { attempt: attempt + 1, channel: channel_index, switched }, score.value());

        let mut result = None;
        if let Some(ss) = &channel.self_service {
            f.self_service_attempts += 1;
            let minutes = ss.minutes.sample(rng.draw(Purpose::SelfServiceMinutes, attempt));
            f.customer_minutes += minutes;
            f.cost += ss.cost;
            let u = rng.unit(Purpose::SelfServiceOutcome, attempt);
            let ss_result = if u < ss.containment {
                f.self_service_contained += 1;
                result = Some((AttemptEnd::Resolved, AttemptResult::Contained));
                SelfServiceResult::Contained
            } else if u < ss.containment + ss.abandonment {
                f.self_service_abandoned += 1;
                result = Some((AttemptEnd::Abandoned, AttemptResult::SelfServiceAbandoned));
                SelfServiceResult::Abandoned
            } else {
                if !(ss.live_fallback && channel.agent.is_some()) {
                    result = Some((AttemptEnd::Failed, AttemptResult::SelfServiceFailed));
                }
                SelfServiceResult::NotContained
            };
            observer.step(&Step::SelfService { minutes, result: ss_result }, score.value());
        }

        let (end, attempt_result) = match (result, &channel.agent) {
            (Some(r), _) => r,
            (None, None) => (AttemptEnd::Failed, AttemptResult::SelfServiceFailed),
            (None, Some(agent)) => {
                // Tier 1: the queue, against a fresh draw of patience.
                let hold = agent.hold_minutes.sample(rng.draw(Purpose::Hold, attempt));
                let patience = persona.patience.sample(rng.draw(Purpose::Patience, attempt));
                if !wait_in_queue(1, hold, patience, &mut f, &mut score, observer) {
                    (AttemptEnd::Abandoned, AttemptResult::QueueAbandoned)
                } else {
                    f.agent_contacts += 1;
                    let mut handle = agent.handle_minutes.sample(rng.draw(Purpose::Handle, attempt));
                    let repeated = agent_interactions > 0 && !d.context_carryover;
                    if repeated {
                        handle += d.repeat_explanation_minutes.sample(rng.draw(Purpose::RepeatExplanation, attempt));
                        f.repeated_explanations += 1;
                        score.penalties += w.repeat_explanation;
                    }
                    agent_interactions += 1;
                    f.customer_minutes += handle;
                    f.agent_minutes += handle;
                    f.cost += agent.cost_per_contact + agent.cost_per_minute * handle;

                    let u = rng.unit(Purpose::AgentOutcome, attempt);
                    let agent_result = if u < agent.resolution {
                        if rng.unit(Purpose::Reopen, attempt) < agent.reopen {
                            AgentResult::Reopened
                        } else {
                            AgentResult::Resolved
                        }
                    } else if u < agent.resolution + agent.escalation {
                        AgentResult::Escalated
                    } else {
                        AgentResult::Unresolved
                    };
                    observer.step(
                        &Step::Agent { tier: 1, minutes: handle, repeated_explanation: repeated, result: agent_result },
                        score.value(),
                    );
                    if let Some(delay) = &agent.response_delay_hours {
                        let hours = delay.sample(rng.draw(Purpose::ResponseDelay, attempt));
                        delays_hours += hours;
                        observer.step(&Step::ResponseDelay { hours }, score.value());
                    }

                    match (agent_result, &agent.tier2) {
                        (AgentResult::Resolved, _) => (AttemptEnd::Resolved, AttemptResult::Resolved),
                        (AgentResult::Reopened, _) => (AttemptEnd::Failed, AttemptResult::Reopened),
                        (AgentResult::Unresolved, _) | (AgentResult::Escalated, None) => {
                            (AttemptEnd::Failed, AttemptResult::Unresolved)
                        }
                        (AgentResult::Escalated, Some(tier2)) => {
                            f.escalations += 1;
                            score.penalties += w.escalation;
                            observer.step(&Step::Escalation, score.value());
                            let hold = tier2.hold_minutes.sample(rng.draw(Purpose::Tier2Hold, attempt));
                            let patience = persona.patience.sample(rng.draw(Purpose::Tier2Patience, attempt));
                            if !wait_in_queue(2, hold, patience, &mut f, &mut score, observer) {
                                (AttemptEnd::Abandoned, AttemptResult::Tier2Abandoned)
                            } else {
                                let mut handle = tier2.handle_minutes.sample(rng.draw(Purpose::Tier2Handle, attempt));
                                let repeated = !d.context_carryover;
                                if repeated {
                                    handle += d
                                        .repeat_explanation_minutes
                                        .sample(rng.draw(Purpose::Tier2RepeatExplanation, attempt));
                                    f.repeated_explanations += 1;
                                    score.penalties += w.repeat_explanation;
                                }
                                agent_interactions += 1;
                                f.customer_minutes += handle;
                                f.agent_minutes += handle;
                                f.cost += tier2.cost_per_minute * handle;
                                let tier2_result = if rng.unit(Purpose::Tier2Outcome, attempt) < tier2.resolution {
                                    if rng.unit(Purpose::Tier2Reopen, attempt) < agent.reopen {
                                        AgentResult::Reopened
                                    } else {
                                        AgentResult::Resolved
                                    }
                                } else {
                                    AgentResult::Unresolved
                                };
                                observer.step(
                                    &Step::Agent { tier: 2, minutes: handle, repeated_explanation: repeated, result: tier2_result },
                                    score.value(),
                                );
                                match tier2_result {
                                    AgentResult::Resolved => (AttemptEnd::Resolved, AttemptResult::Tier2Resolved),
                                    AgentResult::Reopened => (AttemptEnd::Failed, AttemptResult::Tier2Reopened),
                                    _ => (AttemptEnd::Failed, AttemptResult::Tier2Unresolved),
                                }
                            }
                        }
                    }
                }
            }
        };

        // What follows the attempt: resolution, giving up, or another try.
        let next = match end {
            AttemptEnd::Resolved => {
                f.resolved = true;
                f.resolved_first = attempt == 0;
                Next::Resolved
            }
            AttemptEnd::Abandoned | AttemptEnd::Failed if attempt + 1 == persona.max_contacts => Next::GaveUp,
            AttemptEnd::Abandoned | AttemptEnd::Failed => {
                let retry = match end {
                    AttemptEnd::Abandoned => persona.retry_after_abandon,
                    _ => persona.retry_after_failure,
                };
                if rng.unit(Purpose::Retry, attempt) >= retry {
                    Next::GaveUp
                } else {
                    let forced = channel.agent.is_none();
                    let wants_switch = forced || rng.unit(Purpose::Switch, attempt) < persona.switch_on_retry;
                    if !wants_switch {
                        switched = false;
                        Next::Retry { channel: channel_index }
                    } else {
                        match pick_weighted(mix, Some(channel_index), rng.unit(Purpose::SwitchChannel, attempt)) {
                            Some(other) => {
                                switched = true;
                                Next::Retry { channel: other }
                            }
                            // Nowhere else to go: a forced switch gives up, an optional one stays.
                            None if forced => Next::GaveUp,
                            None => {
                                switched = false;
                                Next::Retry { channel: channel_index }
                            }
                        }
                    }
                }
            }
        };
        observer.step(&Step::AttemptEnd { attempt: attempt + 1, channel: channel_index, result: attempt_result, next }, score.value());
        match next {
            Next::Retry { channel } => {
                if switched {
                    f.switches += 1;
                    score.penalties += w.switch;
                }
                channel_index = channel;
                let gap = persona.retry_gap_hours.sample(rng.draw(Purpose::RetryGap, attempt));
                delays_hours += gap;
                observer.step(&Step::RetryGap { hours: gap }, score.value());
            }
            Next::Resolved | Next::GaveUp => break,
        }
    }

    if !f.resolved {
        score.penalties += w.unresolved;
    }
    f.elapsed_hours = f.customer_minutes / 60.0 + delays_hours;
    f.satisfaction = score.value();
    f.satisfied = f.satisfaction >= w.satisfied_threshold;
    observer.step(&Step::Outcome { resolved: f.resolved }, f.satisfaction);
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weighted_pick_skips_the_excluded_and_the_weightless() {
        let w = [0.0, 2.0, 1.0];
        assert_eq!(pick_weighted(&w, None, 0.0), Some(1));
        assert_eq!(pick_weighted(&w, None, 0.7), Some(2));
        assert_eq!(pick_weighted(&w, Some(1), 0.0), Some(2));
        assert_eq!(pick_weighted(&w, Some(1), 0.999_999), Some(2));
        assert_eq!(pick_weighted(&[0.0, 1.0], Some(1), 0.5), None);
    }
}
