//! The most one journey can add to a sum, and the check that keeps every
//! sum of a run exact.
//!
//! The tally adds journeys' figures and their squares in fixed point
//! (`tally.rs`), exact up to about 4·10²⁸. With at most 10⁷ journeys, a
//! square of at most 10²⁰ per journey keeps every sum below 10²⁷, so the
//! validator refuses a design in which one journey could reach more than
//! [`MAX_JOURNEY_FIGURE`] minutes, hours or money. Each bound is the sum,
//! over the most contacts any persona makes, of the largest draw of every
//! time in an attempt (see `Distribution::largest`) and the costs they
//! bring: a limit no real study comes near (a billion minutes is nineteen
//! centuries), but one a crafted link cannot pass either.

use crate::distribution::{Distribution, readable};
use crate::study::{Channel, Design, Persona, QueueKind, Staffing};

/// Largest customer minutes, elapsed hours or cost one journey may reach.
pub const MAX_JOURNEY_FIGURE: f64 = 1e10;

/// The largest figures one attempt on a channel can add.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct AttemptBound {
    /// Customer minutes (self-service, waits, handling) [min].
    minutes: f64,
    /// Response delay [h].
    delay_hours: f64,
    /// [currency]
    cost: f64,
}

/// What is too large in a design: the channel most to blame (an index into
/// `design.channels`) and the message for it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct TooLarge {
    pub(crate) channel: usize,
    pub(crate) message: String,
}

/// Checks that no journey of `design` can reach more than
/// [`MAX_JOURNEY_FIGURE`]; `backlog_hours` is the longest a staffed backlog
/// queue can keep a contact waiting (0 without one).
pub(crate) fn check(design: &Design, backlog_hours: f64) -> Option<TooLarge> {
    let contacts = design.personas.iter().map(|p| p.max_contacts).max().unwrap_or(1) as f64;
    let patience = design.personas.iter().map(|p| p.patience.largest()).fold(0.0, f64::max);
    let gap = design.personas.iter().map(|p: &Persona| p.retry_gap_hours.largest()).fold(0.0, f64::max);
    let repeat = if design.context_carryover { 0.0 } else { design.repeat_explanation_minutes.largest() };
    let attempts: Vec<AttemptBound> = design.channels.iter().map(|c| attempt_bound(c, patience, repeat)).collect();
    let worst = |figure: fn(&AttemptBound) -> f64| {
        attempts.iter().enumerate().map(|(i, a)| (i, figure(a))).fold((0, 0.0), |best, x| if x.1 > best.1 { x } else { best })
    };
    let (channel, minutes) = worst(|a| a.minutes);
    if contacts * minutes > MAX_JOURNEY_FIGURE {
        return Some(too_large(channel, "last", contacts * minutes, "minutes", "its longest times"));
    }
    let (channel, cost) = worst(|a| a.cost);
    if contacts * cost > MAX_JOURNEY_FIGURE {
        return Some(too_large(channel, "cost", contacts * cost, "", "its costs per minute or its longest handle times"));
    }
    let (channel, delay) = worst(|a| a.delay_hours);
    let hours = contacts * (minutes / 60.0 + delay + gap + backlog_hours);
    if hours > MAX_JOURNEY_FIGURE {
        return Some(too_large(channel, "last", hours, "hours", "its longest response delays, or the retry gaps"));
    }
    None
}

fn too_large(channel: usize, verb: &str, value: f64, unit: &str, lower: &str) -> TooLarge {
    let unit = if unit.is_empty() { String::new() } else { format!(" {unit}") };
    TooLarge {
        channel,
        message: format!(
            "one journey through this channel could {verb} up to {}{unit}, beyond the limit of 10,000,000,000 per journey \
             that keeps the figures exact; lower {lower}",
            readable(value)
        ),
    }
}

fn attempt_bound(channel: &Channel, patience: f64, repeat: f64) -> AttemptBound {
    let mut bound = AttemptBound::default();
    if let Some(ss) = &channel.self_service {
        bound.minutes += ss.minutes.largest();
        bound.cost += ss.cost;
    }
    if let Some(agent) = &channel.agent {
        let handle = agent.handle_minutes.largest() + repeat;
        bound.minutes += wait_bound(agent.hold_minutes.as_ref(), agent.staffing.as_ref(), patience) + handle;
        bound.cost += agent.cost_per_contact + agent.cost_per_minute * handle;
        bound.delay_hours += agent.response_delay_hours.as_ref().map_or(0.0, |d| d.largest());
        if let Some(tier2) = &agent.tier2 {
            let handle = tier2.handle_minutes.largest() + repeat;
            bound.minutes += wait_bound(tier2.hold_minutes.as_ref(), tier2.staffing.as_ref(), patience) + handle;
            bound.cost += tier2.cost_per_minute * handle;
        }
    }
    bound
}

/// The longest wait a customer spends on the line for an agent [min]: a
/// drawn hold or a live queue ends when it is answered or the patience
/// runs out; a backlog wait is not the customer's own time (it counts in
/// elapsed hours, bounded by the whole simulated period).
fn wait_bound(hold: Option<&Distribution>, staffing: Option<&Staffing>, patience: f64) -> f64 {
    match (staffing, hold) {
        (Some(s), _) if s.queue() == QueueKind::Backlog => 0.0,
        (Some(_), _) => patience,
        (None, Some(hold)) => hold.largest().min(patience),
        (None, None) => 0.0,
    }
}
