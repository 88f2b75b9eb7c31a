//! A design made ready for simulation: its random-stream key, its
//! cumulative persona and channel weights, and how each wait for an agent
//! is answered (drawn from `hold_minutes`, or by a pool of the centre),
//! computed once per run.

use crate::distribution::Distribution;
use crate::streams::study_key;
use crate::study::{Design, QueueKind, SatisfactionWeights, Staffing, Study, WEEK_HOURS};

use super::Tier;

/// A design prepared for simulation.
#[derive(Clone, Debug)]
pub struct PreparedDesign<'s> {
    pub(crate) design: &'s Design,
    pub(crate) weights: &'s SatisfactionWeights,
    /// The study's key to its random streams.
    pub(crate) streams: u64,
    /// Cumulative persona shares, normalised to end at 1.
    persona_cdf: Vec<f64>,
    /// Per persona, the channel weights by channel index.
    pub(super) channel_weights: Vec<Vec<f64>>,
    /// Per persona, the running sums of `channel_weights` (the last is
    /// their total), for the first channel.
    channel_running: Vec<Vec<f64>>,
    /// Per channel: how tier 1 and tier 2 waits are answered, and the
    /// response delay that follows tier-1 handling.
    channels: Vec<ChannelPlan<'s>>,
    /// The design's staffed agents and tiers 2, in channel order (tier 1
    /// before tier 2): the pools of the simulated centre.
    pub pools: Vec<PoolPlan<'s>>,
}

/// How a wait for an agent is answered.
#[derive(Clone, Copy, Debug)]
pub enum WaitRule<'s> {
    /// Drawn from `hold_minutes` (schema 1; an agent that is not staffed).
    Drawn(&'s Distribution),
    /// By a pool of the centre: its index in [`PreparedDesign::pools`],
    /// and whether its queue is live (customers have patience).
    Pool { pool: usize, live: bool },
}

#[derive(Clone, Debug)]
struct ChannelPlan<'s> {
    /// Where the design has neither a hold time nor staffing (which the
    /// validator allows only where no one ever waits: no agent, or no tier
    /// 2), a wait of 0 is drawn.
    tiers: [WaitRule<'s>; 2],
    response_delay: Option<&'s Distribution>,
}

/// A staffed agent or tier 2: the centre's pool of units.
#[derive(Clone, Debug)]
pub struct PoolPlan<'s> {
    /// Channel index in the design.
    pub channel: usize,
    pub tier: Tier,
    pub staffing: &'s Staffing,
    /// The queue it runs (a tier 2 takes its staffed tier 1's).
    pub queue: QueueKind,
    /// Units of capacity (agents × concurrency) in each hour of the week.
    pub capacity: [u32; WEEK_HOURS],
    /// Answer target [min].
    pub target_minutes: f64,
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
        let target = study.demand.as_ref().map_or(20.0, |d| d.service_level_seconds);
        let mut pools = Vec::new();
        let channels = design
            .channels
            .iter()
            .enumerate()
            .map(|(c, channel)| {
                let no_wait = WaitRule::Drawn(&NO_WAIT);
                let Some(agent) = &channel.agent else { return ChannelPlan { tiers: [no_wait; 2], response_delay: None } };
                let mut rule = |tier: Tier, staffing: Option<&'s Staffing>, hold: Option<&'s Distribution>, queue: Option<QueueKind>| {
                    match (staffing, hold) {
                        (Some(staffing), _) => {
                            let queue = queue.unwrap_or(staffing.queue());
                            let week = staffing.agents.week();
                            pools.push(PoolPlan {
                                channel: c,
                                tier,
                                staffing,
                                queue,
                                capacity: std::array::from_fn(|h| week[h].saturating_mul(staffing.concurrency)),
                                target_minutes: staffing.service_level_seconds(queue, target) / 60.0,
                            });
                            Some(WaitRule::Pool { pool: pools.len() - 1, live: queue == QueueKind::Live })
                        }
                        (None, Some(hold)) => Some(WaitRule::Drawn(hold)),
                        // The validator requires one of the two.
                        (None, None) => None,
                    }
                };
                let tier1 = rule(Tier::One, agent.staffing.as_ref(), agent.hold_minutes.as_ref(), None);
                let tier2 = agent.tier2.as_ref().and_then(|t2| {
                    let queue = t2.staffing.as_ref().map(|s| Staffing::queue_of_tier2(s, agent.staffing.as_ref()));
                    rule(Tier::Two, t2.staffing.as_ref(), t2.hold_minutes.as_ref(), queue)
                });
                // A backlog queue's delay emerges from its agents; the
                // response delay a file may still hold is not used.
                let backlog = agent.staffing.as_ref().is_some_and(|s| s.queue() == QueueKind::Backlog);
                ChannelPlan {
                    tiers: [tier1.unwrap_or(no_wait), tier2.unwrap_or(no_wait)],
                    response_delay: if backlog { None } else { agent.response_delay_hours.as_ref() },
                }
            })
            .collect();
        Self {
            design,
            weights: &study.satisfaction,
            streams: study_key(study.seed),
            persona_cdf,
            channel_weights,
            channel_running,
            channels,
            pools,
        }
    }

    /// The persona of a customer whose uniform draw is `u`.
    ///
    /// The index is a count of thresholds passed rather than a search that
    /// stops at the first: no branch depends on the random draw, so none is
    /// mispredicted. The same for the first channel below.
    #[inline]
    pub(super) fn persona(&self, u: f64) -> usize {
        let passed = self.persona_cdf.iter().map(|c| usize::from(*c <= u)).sum::<usize>();
        passed.min(self.persona_cdf.len() - 1)
    }

    /// The first channel of a customer of `persona` whose draw is `u`: the
    /// same choice as [`pick_weighted`] with nothing excluded.
    #[inline]
    pub(super) fn first_channel(&self, persona: usize, u: f64) -> usize {
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

    /// How a wait for `tier` on `channel` is answered.
    #[inline(always)]
    pub fn wait_rule(&self, channel: usize, tier: Tier) -> WaitRule<'s> {
        self.channels[channel].tiers[tier.index()]
    }

    /// Whether the wait for `tier` on `channel` is a backlog pool's.
    #[inline(always)]
    pub(super) fn is_backlog(&self, channel: usize, tier: Tier) -> bool {
        matches!(self.wait_rule(channel, tier), WaitRule::Pool { live: false, .. })
    }

    /// The response delay after tier-1 handling on `channel`, if any.
    #[inline(always)]
    pub(super) fn response_delay(&self, channel: usize) -> Option<&'s Distribution> {
        self.channels[channel].response_delay
    }
}

/// A wait of 0 minutes, for a wait rule the validator never lets be missing.
static NO_WAIT: std::sync::LazyLock<Distribution> =
    std::sync::LazyLock::new(|| Distribution::fixed(0.0).unwrap_or_else(|_| unreachable!("0 is a valid fixed value")));

/// Picks an index with probability proportional to its weight, skipping
/// `exclude`; `None` when no other index has weight.
pub(super) fn pick_weighted(weights: &[f64], exclude: Option<usize>, u: f64) -> Option<usize> {
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
