//! What a simulated centre adds to the tally beyond the journeys' KPIs:
//! each pool's figures by hour of day, and the staffing's hours and cost.
//!
//! Every figure is a ratio of two sums over a replication (offered
//! contacts per measured day: offered / days; service level: answered
//! within the target / offered; occupancy: busy unit-minutes / on-duty
//! unit-minutes), so one replication is one observation of it, added
//! exactly to the same moment sums the KPIs use (`tally.rs`), and the
//! report gives each the KPIs' interval over replications.

use serde::{Deserialize, Serialize};

use super::clock::Calendar;
use super::pool::Pool;
use crate::histogram::{self, Histogram};
use crate::journey::PreparedDesign;
use crate::study::{QueueKind, Study};
use crate::tally::{CrossSums, Sums};

/// The pool figures, in the order of their slots in [`Sums`], with how
/// each is computed: (key, numerator, denominator).
pub const POOL_FIGURES: [PoolFigure; 12] = [
    PoolFigure { key: "offered_per_day", numerator: Part::Offered, denominator: Part::Days },
    PoolFigure { key: "answered_per_day", numerator: Part::Answered, denominator: Part::Days },
    PoolFigure { key: "abandoned_per_day", numerator: Part::Abandoned, denominator: Part::Days },
    PoolFigure { key: "closed_per_day", numerator: Part::Closed, denominator: Part::Days },
    PoolFigure { key: "abandonment", numerator: Part::Abandoned, denominator: Part::Offered },
    PoolFigure { key: "service_level", numerator: Part::WithinTarget, denominator: Part::Offered },
    PoolFigure { key: "asa_minutes", numerator: Part::AnsweredWait, denominator: Part::Answered },
    PoolFigure { key: "mean_wait_minutes", numerator: Part::OfferedWait, denominator: Part::Offered },
    PoolFigure { key: "occupancy", numerator: Part::BusyMinutes, denominator: Part::OnDutyMinutes },
    PoolFigure { key: "agent_hours_per_day", numerator: Part::AgentHours, denominator: Part::Days },
    PoolFigure { key: "waiting_share", numerator: Part::Waited, denominator: Part::Offered },
    PoolFigure { key: "mean_in_queue", numerator: Part::QueueMinutes, denominator: Part::Minutes },
];

/// Staffing figures of a design, in their slots: agent hours and staffing
/// cost per measured day, and staffing cost per counted journey.
pub const STAFFING_FIGURES: [&str; 3] = ["agent_hours_per_day", "staffing_cost_per_day", "staffing_cost_per_journey"];

/// One pool figure: a key of the report and its ratio.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PoolFigure {
    pub key: &'static str,
    numerator: Part,
    denominator: Part,
}

/// The sums a pool keeps per hour of the day in one replication.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    Offered,
    Answered,
    Abandoned,
    Closed,
    WithinTarget,
    AnsweredWait,
    OfferedWait,
    Waited,
    BusyMinutes,
    OnDutyMinutes,
    QueueMinutes,
    AgentHours,
    /// Measured days.
    Days,
    /// Minutes of the hour over the measured days.
    Minutes,
}

/// One pool's sums for one hour of the day over one replication's measured
/// days (counts, minutes and unit-minutes).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct PoolHour {
    /// Contacts that entered the queue in this hour (closed ones apart).
    pub(crate) offered: f64,
    pub(crate) answered: f64,
    pub(crate) abandoned: f64,
    /// Contacts that found the live pool closed.
    pub(crate) closed: f64,
    /// Answered within the pool's target.
    pub(crate) within_target: f64,
    /// Waits of the answered [min], and of all offered (abandoned and
    /// unanswered ones for as long as they waited).
    pub(crate) answered_wait: f64,
    pub(crate) offered_wait: f64,
    /// Offered contacts that waited at all.
    pub(crate) waited: f64,
    /// Unit-minutes busy, on duty (max of rostered and busy) and contacts
    /// waiting, within this hour.
    pub(crate) busy_minutes: f64,
    pub(crate) on_duty_minutes: f64,
    pub(crate) queue_minutes: f64,
    /// Agents rostered in this hour, over the measured days [h].
    pub(crate) agent_hours: f64,
}

impl PoolHour {
    fn part(&self, part: Part, calendar: &Calendar) -> f64 {
        match part {
            Part::Offered => self.offered,
            Part::Answered => self.answered,
            Part::Abandoned => self.abandoned,
            Part::Closed => self.closed,
            Part::WithinTarget => self.within_target,
            Part::AnsweredWait => self.answered_wait,
            Part::OfferedWait => self.offered_wait,
            Part::Waited => self.waited,
            Part::BusyMinutes => self.busy_minutes,
            Part::OnDutyMinutes => self.on_duty_minutes,
            Part::QueueMinutes => self.queue_minutes,
            Part::AgentHours => self.agent_hours,
            Part::Days => f64::from(calendar.days),
            Part::Minutes => calendar.hour_minutes(),
        }
    }

    fn add(&mut self, other: &PoolHour) {
        self.offered += other.offered;
        self.answered += other.answered;
        self.abandoned += other.abandoned;
        self.closed += other.closed;
        self.within_target += other.within_target;
        self.answered_wait += other.answered_wait;
        self.offered_wait += other.offered_wait;
        self.waited += other.waited;
        self.busy_minutes += other.busy_minutes;
        self.on_duty_minutes += other.on_duty_minutes;
        self.queue_minutes += other.queue_minutes;
        self.agent_hours += other.agent_hours;
    }

    /// The observation of every pool figure: numerators and denominators,
    /// `whole_day` when the hour is the whole day (24 hours of minutes).
    fn observation(&self, calendar: &Calendar, whole_day: bool) -> ([f64; 12], [f64; 12]) {
        let scale = |part: Part, x: f64| if whole_day && part == Part::Minutes { 24.0 * x } else { x };
        let a = POOL_FIGURES.map(|f| scale(f.numerator, self.part(f.numerator, calendar)));
        let b = POOL_FIGURES.map(|f| scale(f.denominator, self.part(f.denominator, calendar)));
        (a, b)
    }
}

/// A pool's figures over the replications so far.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PoolTally {
    /// The channel's name and index in its design, the tier (1 or 2), and
    /// the queue the pool runs.
    pub channel: String,
    pub channel_index: usize,
    pub tier: u8,
    pub queue: QueueKind,
    pub(crate) total: Sums<i128>,
    pub(crate) by_hour: Vec<Sums<i128>>,
    /// Cross sums with the baseline's pool of the same channel and tier
    /// (variants only, where the baseline has one).
    pub(crate) versus_baseline: Option<(CrossSums<i128>, Vec<CrossSums<i128>>)>,
    /// Waits of every offered contact [min], in all and by hour of entry.
    #[serde(with = "crate::histogram::sparse")]
    pub(crate) waits: Histogram,
    #[serde(with = "crate::histogram::sparse::many")]
    pub(crate) waits_by_hour: Vec<Histogram>,
}

/// A design's centre figures over the replications so far.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CentreTally {
    /// Counted journeys, and those still open when the run-out ended.
    pub counted: u64,
    pub unfinished: u64,
    pub pools: Vec<PoolTally>,
    /// See [`STAFFING_FIGURES`].
    pub(crate) staffing: Sums<i128>,
    pub(crate) staffing_versus_baseline: Option<CrossSums<i128>>,
    /// Events the centre took off its schedule, and customers who arrived
    /// (warm-up and run-out included): what the simulation cost.
    #[serde(default)]
    pub events: u64,
    #[serde(default)]
    pub arrivals: u64,
}

/// One pool's figures in one replication.
pub(crate) struct PoolReplication {
    pub(crate) hours: [PoolHour; 24],
    pub(crate) waits: Histogram,
    pub(crate) waits_by_hour: Vec<Histogram>,
    /// Rostered agent-hours in the measured days, and their cost.
    pub(crate) agent_hours: f64,
    pub(crate) cost: f64,
}

impl PoolReplication {
    /// What `pool` measured, with the roster of `plan` over the measured
    /// days added.
    pub(crate) fn of(pool: Pool, plan: &crate::journey::PoolPlan, calendar: &Calendar) -> Self {
        let mut hours = pool.hours;
        let first = calendar.measured.0.hour();
        let mut agent_hours = 0.0;
        for hour in first..first + 24 * u64::from(calendar.days) {
            let agents = f64::from(plan.staffing.agents.agents(calendar.hour_of_week(hour)));
            hours[(hour % 24) as usize].agent_hours += agents;
            agent_hours += agents;
        }
        Self { hours, waits: pool.waits, waits_by_hour: pool.waits_by_hour, agent_hours, cost: agent_hours * plan.staffing.cost_per_agent_hour }
    }

    fn whole_day(&self) -> PoolHour {
        let mut day = PoolHour::default();
        for h in &self.hours {
            day.add(h);
        }
        day
    }
}

impl CentreTally {
    /// An empty tally for design `design` of the study.
    pub(crate) fn new(study: &Study, design: usize) -> Self {
        let d = &study.designs[design];
        let prepared = PreparedDesign::new(study, d);
        let baseline = PreparedDesign::new(study, &study.designs[0]);
        let pools = prepared
            .pools
            .iter()
            .map(|plan| {
                let channel = d.channels[plan.channel].name.clone();
                let paired = design > 0
                    && baseline.pools.iter().any(|b| b.tier == plan.tier && study.designs[0].channels[b.channel].name == channel);
                PoolTally {
                    channel,
                    channel_index: plan.channel,
                    tier: plan.tier.number(),
                    queue: plan.queue,
                    total: Sums::zero(),
                    by_hour: vec![Sums::zero(); 24],
                    versus_baseline: paired.then(|| (CrossSums::zero(), vec![CrossSums::zero(); 24])),
                    waits: Histogram::new(histogram::WAIT_MINUTES),
                    waits_by_hour: vec![Histogram::new(histogram::WAIT_MINUTES); 24],
                }
            })
            .collect();
        Self {
            counted: 0,
            unfinished: 0,
            pools,
            staffing: Sums::zero(),
            staffing_versus_baseline: (design > 0).then(CrossSums::zero),
            events: 0,
            arrivals: 0,
        }
    }

    pub(crate) fn merge(&mut self, other: &CentreTally) {
        self.events += other.events;
        self.arrivals += other.arrivals;
        self.counted += other.counted;
        self.unfinished += other.unfinished;
        for (a, b) in self.pools.iter_mut().zip(&other.pools) {
            a.total.merge(&b.total);
            for (x, y) in a.by_hour.iter_mut().zip(&b.by_hour) {
                x.merge(y);
            }
            if let (Some((x, xs)), Some((y, ys))) = (&mut a.versus_baseline, &b.versus_baseline) {
                x.merge(y);
                for (x, y) in xs.iter_mut().zip(ys) {
                    x.merge(y);
                }
            }
            a.waits.merge(&b.waits);
            for (x, y) in a.waits_by_hour.iter_mut().zip(&b.waits_by_hour) {
                x.merge(y);
            }
        }
        self.staffing.merge(&other.staffing);
        if let (Some(x), Some(y)) = (&mut self.staffing_versus_baseline, &other.staffing_versus_baseline) {
            x.merge(y);
        }
    }

    /// Adds one replication: its pools (`pools[i]` is this design's pool
    /// `i`), counted and unfinished journeys, and, for a variant, the
    /// baseline's pools of the same replication for the paired sums.
    pub(crate) fn add_replication(
        &mut self,
        calendar: &Calendar,
        pools: &[PoolReplication],
        counted: u64,
        unfinished: u64,
        baseline: Option<(&CentreTally, &[PoolReplication], u64)>,
    ) {
        self.counted += counted;
        self.unfinished += unfinished;
        let observe = |p: &PoolReplication| -> Vec<([f64; 12], [f64; 12])> {
            let mut all: Vec<_> = p.hours.iter().map(|h| h.observation(calendar, false)).collect();
            all.push(p.whole_day().observation(calendar, true));
            all
        };
        for (tally, replication) in self.pools.iter_mut().zip(pools) {
            let mine = observe(replication);
            tally.total.add_observation(&mine[24].0, &mine[24].1);
            for (sums, (a, b)) in tally.by_hour.iter_mut().zip(&mine) {
                sums.add_observation(a, b);
            }
            tally.waits.merge(&replication.waits);
            for (x, y) in tally.waits_by_hour.iter_mut().zip(&replication.waits_by_hour) {
                x.merge(y);
            }
            if let (Some((total, by_hour)), Some((base_tally, base_pools, _))) = (&mut tally.versus_baseline, baseline)
                && let Some(i) = base_tally.pools.iter().position(|b| b.channel == tally.channel && b.tier == tally.tier)
            {
                let theirs = observe(&base_pools[i]);
                total.add_observation(&mine[24].0, &mine[24].1, &theirs[24].0, &theirs[24].1);
                for (sums, ((a, b), (a0, b0))) in by_hour.iter_mut().zip(mine.iter().zip(&theirs)) {
                    sums.add_observation(a, b, a0, b0);
                }
            }
        }
        let staffing = |pools: &[PoolReplication], counted: u64| {
            let days = f64::from(calendar.days);
            let hours: f64 = pools.iter().map(|p| p.agent_hours).sum();
            let cost: f64 = pools.iter().map(|p| p.cost).sum();
            ([hours, cost, cost], [days, days, counted as f64])
        };
        let (a, b) = staffing(pools, counted);
        self.staffing.add_observation(&a, &b);
        if let (Some(cross), Some((_, base_pools, base_counted))) = (&mut self.staffing_versus_baseline, baseline) {
            let (a0, b0) = staffing(base_pools, base_counted);
            cross.add_observation(&a, &b, &a0, &b0);
        }
    }
}
