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

mod prepared;
mod steps;

pub use prepared::PreparedDesign;
pub use steps::*;

use prepared::pick_weighted;

use crate::distribution::Distribution;
use crate::streams::{JourneyStreams, Purpose};
use crate::study::{Design, SatisfactionWeights};

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

/// The random streams of one tier of agents. Tier 2 has its own, so an
/// escalation never shifts the numbers of a tier-1 contact.
struct TierStreams {
    hold: Purpose,
    patience: Purpose,
    handle: Purpose,
    repeat_explanation: Purpose,
    outcome: Purpose,
    reopen: Purpose,
}

const TIER1: TierStreams = TierStreams {
    hold: Purpose::Hold,
    patience: Purpose::Patience,
    handle: Purpose::Handle,
    repeat_explanation: Purpose::RepeatExplanation,
    outcome: Purpose::AgentOutcome,
    reopen: Purpose::Reopen,
};

const TIER2: TierStreams = TierStreams {
    hold: Purpose::Tier2Hold,
    patience: Purpose::Tier2Patience,
    handle: Purpose::Tier2Handle,
    repeat_explanation: Purpose::Tier2RepeatExplanation,
    outcome: Purpose::Tier2Outcome,
    reopen: Purpose::Tier2Reopen,
};

/// An agent's handle time at one tier, with a repeated explanation when
/// the customer already explained to another agent and context did not
/// travel with them. Adds it to the figures and the score.
#[allow(clippy::too_many_arguments)]
#[inline(always)]
fn handle_time(
    tier: &TierStreams,
    handle: &Distribution,
    d: &Design,
    rng: &JourneyStreams,
    attempt: u32,
    agent_interactions: &mut u32,
    f: &mut JourneyFigures,
    score: &mut Score,
) -> (f64, bool) {
    let mut minutes = handle.sample(rng.draw(tier.handle, attempt));
    let repeated = *agent_interactions > 0 && !d.context_carryover;
    if repeated {
        minutes += d.repeat_explanation_minutes.sample(rng.draw(tier.repeat_explanation, attempt));
        f.repeated_explanations += 1;
        score.penalties += score.weights.repeat_explanation;
    }
    *agent_interactions += 1;
    f.customer_minutes += minutes;
    f.agent_minutes += minutes;
    (minutes, repeated)
}

/// How an agent interaction ends: resolved (unless the resolution does not
/// hold), escalated, or unresolved.
#[inline(always)]
fn agent_outcome(tier: &TierStreams, rng: &JourneyStreams, attempt: u32, resolution: f64, escalation: f64, reopen: f64) -> AgentResult {
    let u = rng.unit(tier.outcome, attempt);
    if u < resolution {
        if rng.unit(tier.reopen, attempt) < reopen { AgentResult::Reopened } else { AgentResult::Resolved }
    } else if u < resolution + escalation {
        AgentResult::Escalated
    } else {
        AgentResult::Unresolved
    }
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
                let hold = agent.hold_minutes.sample(rng.draw(TIER1.hold, attempt));
                let patience = persona.patience.sample(rng.draw(TIER1.patience, attempt));
                if !wait_in_queue(1, hold, patience, &mut f, &mut score, observer) {
                    (AttemptEnd::Abandoned, AttemptResult::QueueAbandoned)
                } else {
                    f.agent_contacts += 1;
                    let (handle, repeated) =
                        handle_time(&TIER1, &agent.handle_minutes, d, &rng, attempt, &mut agent_interactions, &mut f, &mut score);
                    f.cost += agent.cost_per_contact + agent.cost_per_minute * handle;
                    let agent_result = agent_outcome(&TIER1, &rng, attempt, agent.resolution, agent.escalation, agent.reopen);
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
                            let hold = tier2.hold_minutes.sample(rng.draw(TIER2.hold, attempt));
                            let patience = persona.patience.sample(rng.draw(TIER2.patience, attempt));
                            if !wait_in_queue(2, hold, patience, &mut f, &mut score, observer) {
                                (AttemptEnd::Abandoned, AttemptResult::Tier2Abandoned)
                            } else {
                                let (handle, repeated) = handle_time(
                                    &TIER2,
                                    &tier2.handle_minutes,
                                    d,
                                    &rng,
                                    attempt,
                                    &mut agent_interactions,
                                    &mut f,
                                    &mut score,
                                );
                                f.cost += tier2.cost_per_minute * handle;
                                // Tier 2 resolves or not; there is no tier 3.
                                let tier2_result = agent_outcome(&TIER2, &rng, attempt, tier2.resolution, 0.0, agent.reopen);
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
