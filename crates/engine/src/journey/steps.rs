//! What a journey reports: its figures at the end, and each step as it
//! happens to an [`Observer`] (the tally's flows and stage satisfaction,
//! and the stories of the first journeys).

use serde::{Deserialize, Serialize};

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
    /// A wait for an agent; in a backlog queue (the contact waits, not the
    /// customer on the line) `backlog` is set.
    Wait {
        tier: u8,
        minutes: f64,
        abandoned: bool,
        #[serde(default, skip_serializing_if = "is_false")]
        backlog: bool,
    },
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

impl Step {
    /// The stage of the emotion curve this step is a visit to, as an index
    /// into [`STAGES`](crate::STAGES); `None` for what happens between
    /// stages (an attempt's end, a response delay, a retry gap).
    #[inline(always)]
    pub fn stage(&self) -> Option<usize> {
        match self {
            Step::Contact { .. } => Some(0),
            Step::SelfService { .. } => Some(1),
            Step::Wait { .. } => Some(2),
            Step::Agent { .. } => Some(3),
            Step::Escalation => Some(4),
            Step::Outcome { .. } => Some(5),
            Step::AttemptEnd { .. } | Step::ResponseDelay { .. } | Step::RetryGap { .. } => None,
        }
    }
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
    /// The simulated centre only: the live pool had no one on duty.
    Closed,
    /// The escalation met a tier 2 with no one on duty.
    Tier2Closed,
    /// The centre's run-out ended before the journey did.
    Unfinished,
}

/// Results an independent run can give (a closed pool and an unfinished
/// journey need the simulated centre); its flows have this many.
pub const INDEPENDENT_RESULTS: usize = 11;

impl AttemptResult {
    /// Every result, in flow-diagram order (the independent run's first).
    pub const ALL: [AttemptResult; 14] = [
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
        AttemptResult::Closed,
        AttemptResult::Tier2Closed,
        AttemptResult::Unfinished,
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
            AttemptResult::Closed => "Closed: no one on duty",
            AttemptResult::Tier2Closed => "Tier 2 closed: no one on duty",
            AttemptResult::Unfinished => "Still going when the run ended",
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

fn is_false(b: &bool) -> bool {
    !*b
}
