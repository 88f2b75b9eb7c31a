//! Staffing: the agents on duty at a staffed agent or tier 2, which makes
//! it a **pool** whose waits emerge from load (MODEL.md, "Capacity").

use serde::ser::SerializeSeq;
use serde::{Deserialize, Serialize};

use super::demand::WEEK_HOURS;

/// Most agents a pool may have on duty in an hour.
pub const MAX_AGENTS: u32 = 100_000;
/// Most contacts one agent works at once.
pub const MAX_CONCURRENCY: u32 = 10;
/// Default answer target of a backlog pool [s]: a day.
pub const BACKLOG_SERVICE_LEVEL_SECONDS: f64 = 86_400.0;

/// The agents of a pool and how they work.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Staffing {
    /// Agents on duty, as the file gives them.
    pub agents: Roster,
    /// Contacts one agent works at once (chat); capacity = agents × this.
    #[serde(skip_serializing_if = "is_one")]
    pub concurrency: u32,
    /// As the file gives it (`None`: live); a tier 2 behind a staffed
    /// tier 1 takes its tier 1's queue whatever it says (see
    /// [`Staffing::queue_of_tier2`]). Kept as written so that a study
    /// writes back as it was read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub queue: Option<QueueKind>,
    /// Paid agent time on duty, busy or not [currency·h⁻¹].
    #[serde(skip_serializing_if = "is_zero")]
    pub cost_per_agent_hour: f64,
    /// This pool's answer target [s]; `None`: the study's for a live pool,
    /// a day for a backlog pool.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_level_seconds: Option<f64>,
}

/// Agents on duty: always the same, by hour of day, or by hour of week.
#[derive(Clone, Debug, PartialEq)]
pub enum Roster {
    Constant(u32),
    /// Every day alike, midnight first.
    ByHour([u32; 24]),
    /// Monday 00:00 first.
    ByWeekHour(Box<[u32; WEEK_HOURS]>),
}

/// How a pool's queue behaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QueueKind {
    /// The customer waits on the line and abandons past their patience; a
    /// pool with no agent on duty is closed.
    Live,
    /// The contact waits, without patience, until an agent takes it.
    Backlog,
}

impl Roster {
    /// Agents on duty in hour `hour_of_week` (0 = Monday 00:00).
    pub fn agents(&self, hour_of_week: usize) -> u32 {
        match self {
            Roster::Constant(n) => *n,
            Roster::ByHour(hours) => hours[hour_of_week % 24],
            Roster::ByWeekHour(hours) => hours[hour_of_week % WEEK_HOURS],
        }
    }

    /// Agents on duty in each hour of the week.
    pub fn week(&self) -> [u32; WEEK_HOURS] {
        std::array::from_fn(|h| self.agents(h))
    }
}

impl Staffing {
    /// The queue as the file gives it, live when it says nothing.
    pub fn queue(&self) -> QueueKind {
        self.queue.unwrap_or(QueueKind::Live)
    }

    /// The target this pool answers against [s].
    pub fn service_level_seconds(&self, queue: QueueKind, study_target: f64) -> f64 {
        self.service_level_seconds.unwrap_or(match queue {
            QueueKind::Live => study_target,
            QueueKind::Backlog => BACKLOG_SERVICE_LEVEL_SECONDS,
        })
    }

    /// The queue a tier 2 pool runs: its tier 1's when tier 1 is staffed,
    /// its own otherwise.
    pub fn queue_of_tier2(tier2: &Staffing, tier1: Option<&Staffing>) -> QueueKind {
        tier1.map_or(tier2.queue(), Staffing::queue)
    }
}

impl Serialize for Roster {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let hours: &[u32] = match self {
            Roster::Constant(n) => return serializer.serialize_u32(*n),
            Roster::ByHour(hours) => hours,
            Roster::ByWeekHour(hours) => &hours[..],
        };
        let mut seq = serializer.serialize_seq(Some(hours.len()))?;
        for h in hours {
            seq.serialize_element(h)?;
        }
        seq.end()
    }
}

fn is_one(n: &u32) -> bool {
    *n == 1
}

fn is_zero(x: &f64) -> bool {
    *x == 0.0
}
