//! One customer's journey: the rules of MODEL.md's pseudo-code, once, as a
//! resumable state machine. Both ways a study runs drive it:
//!
//! - the **independent run** (`independent/`) answers every wait for an
//!   agent at once, from `hold_minutes`, and lets no time pass;
//! - the **simulated centre** (`centre/`) answers a wait when a unit of
//!   the pool's capacity frees (or the customer's patience runs out), and
//!   lets self-service, handling, response delays and retry gaps pass on
//!   its clock.
//!
//! ```text
//! persona  ~ share
//! channel  ~ persona.channel_mix
//! for attempt = 1 .. persona.max_contacts:
//!     self-service? ── contained ─────────────────────────────▶ RESOLVED
//!          │        ── abandoned ─────────────────────────────▶ ABANDONED
//!          │        ── not contained, no live fall-back ──────▶ FAILED
//!          ▼   (Need::Time: the self-service minutes pass)
//!     queue (Need::Agent) ── patience runs out ───────────────▶ ABANDONED
//!          │              ── closed (no one on duty) ─────────▶ FAILED (closed)
//!          ▼
//!     agent (Need::Handling: handle + repeat explanation), response delay (Need::Time)
//!          ├─ resolved ── reopened? ──────────────────────────▶ RESOLVED / FAILED
//!          ├─ escalated ─▶ tier 2: queue, agent, resolved? ───▶ RESOLVED / FAILED / ABANDONED
//!          └─ otherwise ──────────────────────────────────────▶ FAILED
//!     ABANDONED / FAILED: last attempt, or no retry ──────────▶ GAVE UP
//!                         else maybe switch channel, wait the retry gap (Need::Time), again
//! ```
//!
//! [`Journey::advance`] runs the journey until it needs something from its
//! clock and returns that [`Need`]; the caller answers with an [`Answer`]
//! when it has one. Every step is told to an [`Observer`] as it happens,
//! with the customer's running satisfaction; the tally uses the steps for
//! flows and the emotion curve, and the first journeys keep them as
//! stories. Where a wait is drawn (an agent that is not staffed) the
//! journey draws it itself, so the independent run's whole journey is one
//! call: the same code, with the same figures to the bit, as before the
//! capacity model.

mod prepared;
mod steps;

pub use prepared::{PoolPlan, PreparedDesign, WaitRule};
pub use steps::*;

use prepared::pick_weighted;

use crate::distribution::Distribution;
use crate::streams::{JourneyStreams, Purpose};
use crate::study::{Design, SatisfactionWeights};

/// What a journey needs from its clock before it can go on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Need {
    /// Time passes (self-service, a response delay, a retry gap) [min].
    Time { minutes: f64 },
    /// An agent of pool `pool` (see [`PreparedDesign::pools`]); `patience`
    /// is how long the customer waits on a live queue [min], `None` in a
    /// backlog queue.
    Agent { pool: usize, patience: Option<f64> },
    /// The agent works on the contact, holding a unit of the pool
    /// [min].
    Handling { minutes: f64 },
    /// The journey is over.
    Done,
}

/// How the clock answers a [`Need`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Answer {
    /// The time passed, or the handling ended (or the journey starts).
    Go,
    /// An agent took the contact after `waited` minutes.
    Answered { waited: f64 },
    /// The customer hung up after `waited` minutes.
    Abandoned { waited: f64 },
    /// No one was on duty: the attempt ends at once.
    Closed,
}

/// Whether a journey's waits pass on a clock (the centre) or not (the
/// independent run, which then never sees `Need::Time` nor
/// `Need::Handling`).
pub trait Clock {
    const TIMED: bool;
}

/// The independent run: no time passes, drawn waits only.
pub struct Untimed;

/// The simulated centre: time passes, pools answer.
pub struct Timed;

impl Clock for Untimed {
    const TIMED: bool = false;
}

impl Clock for Timed {
    const TIMED: bool = true;
}

/// Which agents a wait or an interaction is with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tier {
    One,
    Two,
}

impl Tier {
    /// 1 or 2, as steps and reports number them.
    pub fn number(self) -> u8 {
        match self {
            Tier::One => 1,
            Tier::Two => 2,
        }
    }

    pub(crate) fn index(self) -> usize {
        match self {
            Tier::One => 0,
            Tier::Two => 1,
        }
    }

    fn streams(self) -> &'static TierStreams {
        match self {
            Tier::One => &TIER1,
            Tier::Two => &TIER2,
        }
    }
}

/// One customer on their way: where they stand, and everything so far.
#[derive(Clone, Debug)]
pub struct Journey {
    rng: JourneyStreams,
    persona: usize,
    channel: usize,
    /// The current attempt, from 0.
    attempt: u32,
    /// Whether the current attempt's channel differs from the last one's.
    switched: bool,
    /// Agent interactions so far (for repeated explanations).
    agent_interactions: u32,
    /// Response delays, retry gaps and backlog waits [h].
    delays_hours: f64,
    score: Score,
    figures: JourneyFigures,
    state: State,
    /// The current attempt's result once it is known, before the attempt
    /// ends (self-service's outcome, an agent's).
    pending: Option<(AttemptEnd, AttemptResult)>,
    agent_result: AgentResult,
}

/// Where the journey stands between two calls of [`Journey::advance`].
#[derive(Clone, Copy, Debug, PartialEq)]
enum State {
    /// An attempt is about to start (first, or after a retry gap).
    Start,
    /// Self-service is over (its minutes passed).
    AfterSelfService,
    /// Waiting for an agent of `tier` (the clock answers).
    Queue(Tier),
    /// A drawn wait is passing on the clock; its answer is known.
    DrawnWait(Tier, Answer),
    /// About to join the queue of `tier` (after an escalation).
    EnterQueue(Tier),
    /// The agent of `tier` finished handling.
    AfterHandling(Tier),
    /// Tier 1's response delay passed.
    AfterDelay,
    Finished,
}

/// What a step leads to: the next state, and what the clock must answer
/// before the journey goes on (`None`: it goes straight on).
type Then = (State, Option<Need>);

/// How one attempt ended, for the retry logic.
#[derive(Clone, Copy, Debug, PartialEq)]
enum AttemptEnd {
    Resolved,
    Abandoned,
    Failed,
}

/// The running score: baseline minus the penalties so far.
#[derive(Clone, Copy, Debug)]
struct Score {
    baseline: f64,
    tolerance: f64,
    penalties: f64,
    hold_penalty: f64,
}

impl Score {
    fn value(&self) -> f64 {
        (self.baseline - self.penalties - self.hold_penalty).clamp(0.0, 100.0)
    }

    fn held(&mut self, weights: &SatisfactionWeights, total_hold: f64) {
        self.hold_penalty = weights.hold_minute * (total_hold - self.tolerance).max(0.0);
    }
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

impl Journey {
    /// A new customer of `design` whose random numbers are `rng`: their
    /// persona and first channel are drawn now.
    #[inline(always)]
    pub(crate) fn new(design: &PreparedDesign, rng: JourneyStreams) -> Self {
        let persona = design.persona(rng.unit(Purpose::Persona, 0));
        let channel = design.first_channel(persona, rng.unit(Purpose::Channel, 0));
        let p = &design.design.personas[persona];
        Self {
            rng,
            persona,
            channel,
            attempt: 0,
            switched: false,
            agent_interactions: 0,
            delays_hours: 0.0,
            score: Score { baseline: p.baseline_satisfaction, tolerance: p.hold_tolerance, penalties: 0.0, hold_penalty: 0.0 },
            figures: JourneyFigures { persona, first_channel: channel, ..Default::default() },
            state: State::Start,
            pending: None,
            agent_result: AgentResult::Unresolved,
        }
    }

    /// The journey's figures (final once `advance` has returned
    /// [`Need::Done`]).
    pub fn figures(&self) -> &JourneyFigures {
        &self.figures
    }

    /// The journey's figures, taken.
    #[inline(always)]
    pub fn into_figures(self) -> JourneyFigures {
        self.figures
    }

    /// Whether the journey has ended.
    pub fn is_done(&self) -> bool {
        self.state == State::Finished
    }

    /// Goes on with the journey, given the clock's `answer` to what it last
    /// needed ([`Answer::Go`] to start), until it needs something again.
    ///
    /// Each state's step is a method that says which state follows. On a
    /// timed clock a step returns to the clock whenever time must pass;
    /// untimed, it goes straight on into the next step's method, so that
    /// the independent run's journey compiles to straight-line code with
    /// one turn of this loop per attempt (and per escalation).
    #[inline(always)]
    pub fn advance<C: Clock, O: Observer>(&mut self, design: &PreparedDesign, answer: Answer, observer: &mut O) -> Need {
        let mut state = self.state;
        let need = loop {
            let (next, need) = match state {
                State::Start => self.start::<C, O>(design, observer),
                State::AfterSelfService => self.after_self_service::<C, O>(design, observer),
                State::Queue(tier) => self.answered::<C, O>(design, tier, answer, observer),
                State::DrawnWait(tier, drawn) => self.answered::<C, O>(design, tier, drawn, observer),
                State::EnterQueue(tier) => self.queue::<C, O>(design, tier, observer),
                State::AfterHandling(tier) => self.after_handling::<C, O>(design, tier, observer),
                State::AfterDelay => self.after_delay::<C, O>(design, observer),
                State::Finished => (State::Finished, Some(Need::Done)),
            };
            state = next;
            if let Some(need) = need {
                break need;
            }
        };
        self.state = state;
        need
    }

    /// An attempt begins: the contact, and self-service if the channel has
    /// it.
    #[inline(always)]
    fn start<C: Clock, O: Observer>(&mut self, design: &PreparedDesign, observer: &mut O) -> Then {
        let d = design.design;
        let attempt = self.attempt;
        let channel = &d.channels[self.channel];
        self.figures.attempts += 1;
        if attempt > 0 {
            self.score.penalties += design.weights.extra_contact;
        }
        observer.step(&Step::Contact { attempt: attempt + 1, channel: self.channel, switched: self.switched }, self.score.value());
        self.pending = None;
        if let Some(ss) = &channel.self_service {
            let f = &mut self.figures;
            f.self_service_attempts += 1;
            let minutes = ss.minutes.sample(self.rng.draw(Purpose::SelfServiceMinutes, attempt));
            f.customer_minutes += minutes;
            f.cost += ss.cost;
            let u = self.rng.unit(Purpose::SelfServiceOutcome, attempt);
            let result = if u < ss.containment {
                f.self_service_contained += 1;
                self.pending = Some((AttemptEnd::Resolved, AttemptResult::Contained));
                SelfServiceResult::Contained
            } else if u < ss.containment + ss.abandonment {
                f.self_service_abandoned += 1;
                self.pending = Some((AttemptEnd::Abandoned, AttemptResult::SelfServiceAbandoned));
                SelfServiceResult::Abandoned
            } else {
                if !(ss.live_fallback && channel.agent.is_some()) {
                    self.pending = Some((AttemptEnd::Failed, AttemptResult::SelfServiceFailed));
                }
                SelfServiceResult::NotContained
            };
            observer.step(&Step::SelfService { minutes, result }, self.score.value());
            if C::TIMED {
                return (State::AfterSelfService, Some(Need::Time { minutes }));
            }
        }
        self.after_self_service::<C, O>(design, observer)
    }

    /// Self-service is over: its result ends the attempt, or the customer
    /// goes on to the agent (or the attempt fails without one).
    #[inline(always)]
    fn after_self_service<C: Clock, O: Observer>(&mut self, design: &PreparedDesign, observer: &mut O) -> Then {
        match (self.pending, &design.design.channels[self.channel].agent) {
            (Some((end, result)), _) => self.end_attempt::<C, O>(design, end, result, observer),
            (None, None) => self.end_attempt::<C, O>(design, AttemptEnd::Failed, AttemptResult::SelfServiceFailed, observer),
            (None, Some(_)) => self.queue::<C, O>(design, Tier::One, observer),
        }
    }

    /// Ends a journey the centre's run-out cut short: it gives up where it
    /// stands, with what it did so far (MODEL.md: unfinished journeys count
    /// as having given up). Its last attempt ends as *unfinished*.
    pub fn give_up_unfinished<O: Observer>(&mut self, design: &PreparedDesign, observer: &mut O) {
        if self.state == State::Finished {
            return;
        }
        // `attempt` is the attempt under way, or, between attempts, the one
        // about to begin: that one ends unfinished, so every journey's path
        // ends exactly once.
        let step = Step::AttemptEnd { attempt: self.attempt + 1, channel: self.channel, result: AttemptResult::Unfinished, next: Next::GaveUp };
        observer.step(&step, self.score.value());
        self.state = State::Finished;
        self.finish(design.weights, observer);
    }

    /// The customer reaches the queue of `tier`: a drawn wait is decided at
    /// once (and passes on a timed clock); a pool's is the clock's to
    /// answer.
    #[inline(always)]
    fn queue<C: Clock, O: Observer>(&mut self, design: &PreparedDesign, tier: Tier, observer: &mut O) -> Then {
        let streams = tier.streams();
        let patience = &design.design.personas[self.persona].patience;
        match design.wait_rule(self.channel, tier) {
            WaitRule::Drawn(hold) => {
                let hold = hold.sample(self.rng.draw(streams.hold, self.attempt));
                let patience = patience.sample(self.rng.draw(streams.patience, self.attempt));
                let (answer, waited) = if hold > patience {
                    (Answer::Abandoned { waited: patience }, patience)
                } else {
                    (Answer::Answered { waited: hold }, hold)
                };
                if C::TIMED {
                    return (State::DrawnWait(tier, answer), Some(Need::Time { minutes: waited }));
                }
                self.answered::<C, O>(design, tier, answer, observer)
            }
            WaitRule::Pool { pool, live } => {
                let patience = live.then(|| patience.sample(self.rng.draw(streams.patience, self.attempt)));
                (State::Queue(tier), Some(Need::Agent { pool, patience }))
            }
        }
    }

    /// The wait for an agent of `tier` ended as `answer` says.
    #[inline(always)]
    fn answered<C: Clock, O: Observer>(&mut self, design: &PreparedDesign, tier: Tier, answer: Answer, observer: &mut O) -> Then {
        let backlog = design.is_backlog(self.channel, tier);
        let w = design.weights;
        match answer {
            Answer::Answered { waited } => {
                self.waited(w, tier, waited, false, backlog, observer);
                self.handle::<C, O>(design, tier, observer)
            }
            Answer::Abandoned { waited } => {
                self.waited(w, tier, waited, true, backlog, observer);
                let result = if tier == Tier::One { AttemptResult::QueueAbandoned } else { AttemptResult::Tier2Abandoned };
                self.end_attempt::<C, O>(design, AttemptEnd::Abandoned, result, observer)
            }
            // No one on duty (a clock answers a pool's wait with nothing
            // else).
            Answer::Closed | Answer::Go => {
                let result = if tier == Tier::One { AttemptResult::Closed } else { AttemptResult::Tier2Closed };
                self.end_attempt::<C, O>(design, AttemptEnd::Failed, result, observer)
            }
        }
    }

    /// The agent of `tier` has finished: tier 1's response delay follows
    /// (if the channel has one); tier 2's outcome ends the attempt.
    #[inline(always)]
    fn after_handling<C: Clock, O: Observer>(&mut self, design: &PreparedDesign, tier: Tier, observer: &mut O) -> Then {
        if tier == Tier::Two {
            let (end, result) = match self.agent_result {
                AgentResult::Resolved => (AttemptEnd::Resolved, AttemptResult::Tier2Resolved),
                AgentResult::Reopened => (AttemptEnd::Failed, AttemptResult::Tier2Reopened),
                _ => (AttemptEnd::Failed, AttemptResult::Tier2Unresolved),
            };
            return self.end_attempt::<C, O>(design, end, result, observer);
        }
        if let Some(delay) = design.response_delay(self.channel) {
            let hours = delay.sample(self.rng.draw(Purpose::ResponseDelay, self.attempt));
            self.delays_hours += hours;
            observer.step(&Step::ResponseDelay { hours }, self.score.value());
            if C::TIMED {
                return (State::AfterDelay, Some(Need::Time { minutes: hours * 60.0 }));
            }
        }
        self.after_delay::<C, O>(design, observer)
    }

    /// Tier 1's answer has reached the customer: the outcome ends the
    /// attempt, or the escalation takes them to tier 2's queue (a turn of
    /// `advance`'s loop, which keeps the steps' calls free of cycles).
    #[inline(always)]
    fn after_delay<C: Clock, O: Observer>(&mut self, design: &PreparedDesign, observer: &mut O) -> Then {
        let agent = design.design.channels[self.channel].agent.as_ref();
        match (self.agent_result, agent.and_then(|a| a.tier2.as_ref())) {
            (AgentResult::Resolved, _) => self.end_attempt::<C, O>(design, AttemptEnd::Resolved, AttemptResult::Resolved, observer),
            (AgentResult::Reopened, _) => self.end_attempt::<C, O>(design, AttemptEnd::Failed, AttemptResult::Reopened, observer),
            (AgentResult::Unresolved, _) | (AgentResult::Escalated, None) => {
                self.end_attempt::<C, O>(design, AttemptEnd::Failed, AttemptResult::Unresolved, observer)
            }
            (AgentResult::Escalated, Some(_)) => {
                self.figures.escalations += 1;
                self.score.penalties += design.weights.escalation;
                observer.step(&Step::Escalation, self.score.value());
                (State::EnterQueue(Tier::Two), None)
            }
        }
    }

    /// Adds a wait for an agent to the figures and the score, and tells
    /// the observer. A backlog wait is not the customer's own time: it adds
    /// to elapsed hours only.
    #[inline(always)]
    fn waited<O: Observer>(&mut self, w: &SatisfactionWeights, tier: Tier, minutes: f64, abandoned: bool, backlog: bool, observer: &mut O) {
        let f = &mut self.figures;
        f.queue_entries += 1;
        f.queue_abandoned += u32::from(abandoned);
        if backlog {
            self.delays_hours += minutes / 60.0;
        } else {
            f.customer_minutes += minutes;
            f.hold_minutes += minutes;
            self.score.held(w, f.hold_minutes);
        }
        observer.step(&Step::Wait { tier: tier.number(), minutes, abandoned, backlog }, self.score.value());
    }

    /// An agent of `tier` takes the contact: handle time (with a repeated
    /// explanation when due), cost, outcome. On a timed clock the handling
    /// passes before the journey goes on.
    #[inline(always)]
    fn handle<C: Clock, O: Observer>(&mut self, design: &PreparedDesign, tier: Tier, observer: &mut O) -> Then {
        let d = design.design;
        let next = State::AfterHandling(tier);
        // A wait for an agent is only ever entered on a channel with one
        // (and for tier 2, with a tier 2): without, nothing is handled.
        let Some(agent) = d.channels[self.channel].agent.as_ref() else {
            self.agent_result = AgentResult::Unresolved;
            return (next, None);
        };
        let streams = tier.streams();
        let (handle, resolution, escalation, cost_per_minute) = match (tier, &agent.tier2) {
            (Tier::One, _) => (&agent.handle_minutes, agent.resolution, agent.escalation, agent.cost_per_minute),
            (Tier::Two, Some(tier2)) => (&tier2.handle_minutes, tier2.resolution, 0.0, tier2.cost_per_minute),
            (Tier::Two, None) => {
                self.agent_result = AgentResult::Unresolved;
                return (next, None);
            }
        };
        if tier == Tier::One {
            self.figures.agent_contacts += 1;
        }
        let (minutes, repeated) = self.handle_time(streams, handle, d, design.weights);
        if tier == Tier::One {
            self.figures.cost += agent.cost_per_contact + cost_per_minute * minutes;
        } else {
            self.figures.cost += cost_per_minute * minutes;
        }
        // Tier 2 resolves or not; there is no tier 3.
        self.agent_result = agent_outcome(streams, &self.rng, self.attempt, resolution, escalation, agent.reopen);
        observer.step(
            &Step::Agent { tier: tier.number(), minutes, repeated_explanation: repeated, result: self.agent_result },
            self.score.value(),
        );
        if C::TIMED {
            return (next, Some(Need::Handling { minutes }));
        }
        self.after_handling::<C, O>(design, tier, observer)
    }

    /// An agent's handle time at one tier, with a repeated explanation when
    /// the customer already explained to another agent and context did not
    /// travel with them. Adds it to the figures and the score.
    #[inline(always)]
    fn handle_time(&mut self, tier: &TierStreams, handle: &Distribution, d: &Design, w: &SatisfactionWeights) -> (f64, bool) {
        let mut minutes = handle.sample(self.rng.draw(tier.handle, self.attempt));
        let repeated = self.agent_interactions > 0 && !d.context_carryover;
        if repeated {
            minutes += d.repeat_explanation_minutes.sample(self.rng.draw(tier.repeat_explanation, self.attempt));
            self.figures.repeated_explanations += 1;
            self.score.penalties += w.repeat_explanation;
        }
        self.agent_interactions += 1;
        self.figures.customer_minutes += minutes;
        self.figures.agent_minutes += minutes;
        (minutes, repeated)
    }

    /// What follows an attempt: resolution, giving up, or another try
    /// after a retry gap (which passes on a timed clock).
    #[inline(always)]
    fn end_attempt<C: Clock, O: Observer>(&mut self, design: &PreparedDesign, end: AttemptEnd, result: AttemptResult, observer: &mut O) -> Then {
        let d = design.design;
        let persona = &d.personas[self.persona];
        let attempt = self.attempt;
        let channel_index = self.channel;
        let channel = &d.channels[channel_index];
        let next = match end {
            AttemptEnd::Resolved => {
                self.figures.resolved = true;
                self.figures.resolved_first = attempt == 0;
                Next::Resolved
            }
            AttemptEnd::Abandoned | AttemptEnd::Failed if attempt + 1 == persona.max_contacts => Next::GaveUp,
            AttemptEnd::Abandoned | AttemptEnd::Failed => {
                let retry = match end {
                    AttemptEnd::Abandoned => persona.retry_after_abandon,
                    _ => persona.retry_after_failure,
                };
                if self.rng.unit(Purpose::Retry, attempt) >= retry {
                    Next::GaveUp
                } else {
                    let forced = channel.agent.is_none();
                    let wants_switch = forced || self.rng.unit(Purpose::Switch, attempt) < persona.switch_on_retry;
                    if !wants_switch {
                        self.switched = false;
                        Next::Retry { channel: channel_index }
                    } else {
                        let mix = &design.channel_weights[self.persona];
                        match pick_weighted(mix, Some(channel_index), self.rng.unit(Purpose::SwitchChannel, attempt)) {
                            Some(other) => {
                                self.switched = true;
                                Next::Retry { channel: other }
                            }
                            // Nowhere else to go: a forced switch gives up, an optional one stays.
                            None if forced => Next::GaveUp,
                            None => {
                                self.switched = false;
                                Next::Retry { channel: channel_index }
                            }
                        }
                    }
                }
            }
        };
        observer.step(&Step::AttemptEnd { attempt: attempt + 1, channel: channel_index, result, next }, self.score.value());
        match next {
            Next::Retry { channel } => {
                if self.switched {
                    self.figures.switches += 1;
                    self.score.penalties += design.weights.switch;
                }
                self.channel = channel;
                let gap = persona.retry_gap_hours.sample(self.rng.draw(Purpose::RetryGap, attempt));
                self.delays_hours += gap;
                observer.step(&Step::RetryGap { hours: gap }, self.score.value());
                self.attempt += 1;
                (State::Start, C::TIMED.then_some(Need::Time { minutes: gap * 60.0 }))
            }
            Next::Resolved | Next::GaveUp => (State::Finished, Some(self.finish(design.weights, observer))),
        }
    }

    /// The journey's end: the unresolved penalty, elapsed hours, the final
    /// score.
    #[inline(always)]
    fn finish<O: Observer>(&mut self, w: &SatisfactionWeights, observer: &mut O) -> Need {
        let f = &mut self.figures;
        if !f.resolved {
            self.score.penalties += w.unresolved;
        }
        f.elapsed_hours = f.customer_minutes / 60.0 + self.delays_hours;
        f.satisfaction = self.score.value();
        f.satisfied = f.satisfaction >= w.satisfied_threshold;
        observer.step(&Step::Outcome { resolved: f.resolved }, f.satisfaction);
        Need::Done
    }
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
