//! The simulated centre's own figures, for people: per design, the counted
//! and unfinished journeys, each staffed pool's figures over the measured
//! days and by hour of day, and the staffing's hours and cost; per
//! variant, their paired differences from the baseline's (pools matched by
//! channel name and tier). MODEL.md, "What a capacity run reports".

use serde::Serialize;

use super::{Difference, Estimate, KpiTable, Stats};
use crate::centre::{CentreTally, POOL_FIGURES, PoolTally, STAFFING_FIGURES};
use crate::histogram::Histogram;
use crate::kpi::{Better, Scale};
use crate::study::QueueKind;
use crate::tally::DesignTally;

/// A design's centre figures.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CapacityReport {
    /// Journeys whose customer first arrived in the measured days, over
    /// every replication.
    pub counted_journeys: u64,
    /// Counted journeys still open when the run-out ended (counted as
    /// having given up).
    pub unfinished_journeys: u64,
    pub pools: Vec<PoolReport>,
    /// `agent_hours_per_day`, `staffing_cost_per_day`,
    /// `staffing_cost_per_journey`.
    #[serde(flatten)]
    pub staffing: KpiTable<Estimate>,
}

/// One staffed pool's figures.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PoolReport {
    pub channel: String,
    pub tier: u8,
    pub queue: QueueKind,
    /// Every figure of [`POOL_FIGURES`] by key.
    #[serde(flatten)]
    pub figures: KpiTable<Estimate>,
    /// 90th percentile of the waits of all offered contacts [min], pooled
    /// over the replications (no interval).
    pub p90_wait_minutes: Option<f64>,
    /// The same figures for each hour of the day, midnight first.
    pub by_hour: Vec<PoolHourReport>,
}

/// One pool's figures in one hour of the day.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PoolHourReport {
    pub hour: u8,
    #[serde(flatten)]
    pub figures: KpiTable<Estimate>,
    pub p90_wait_minutes: Option<f64>,
}

/// A variant's centre figures against the baseline's.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CapacityComparison {
    /// The variant's pools that the baseline has too (same channel name
    /// and tier).
    pub pools: Vec<PoolComparison>,
    #[serde(flatten)]
    pub staffing: KpiTable<Difference>,
}

/// Paired differences of one pool's figures.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PoolComparison {
    pub channel: String,
    pub tier: u8,
    #[serde(flatten)]
    pub figures: KpiTable<Difference>,
    pub by_hour: Vec<PoolHourComparison>,
}

/// Paired differences of one pool's figures in one hour of the day.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PoolHourComparison {
    pub hour: u8,
    #[serde(flatten)]
    pub figures: KpiTable<Difference>,
}

/// A staffed pool as the report names it: channel, tier and queue.
#[derive(Clone, Debug, PartialEq)]
pub struct PoolKey {
    pub channel: String,
    pub tier: u8,
    pub queue: QueueKind,
}

impl super::Report {
    /// Every staffed pool any design has, in the order they first appear
    /// (the baseline's first, then those only a variant has); none for
    /// independent journeys.
    pub fn pools(&self) -> Vec<PoolKey> {
        let mut pools: Vec<PoolKey> = Vec::new();
        for pool in self.designs.iter().filter_map(|d| d.capacity.as_ref()).flat_map(|c| &c.pools) {
            if !pools.iter().any(|k| k.channel == pool.channel && k.tier == pool.tier) {
                pools.push(PoolKey { channel: pool.channel.clone(), tier: pool.tier, queue: pool.queue });
            }
        }
        pools
    }
}

/// Which way each pool figure is good, if either, and what values it
/// takes.
fn pool_figure(key: &str) -> (Option<Better>, Scale) {
    match key {
        "service_level" => (Some(Better::Higher), Scale::Rate),
        "abandonment" => (Some(Better::Lower), Scale::Rate),
        "waiting_share" => (Some(Better::Lower), Scale::Rate),
        "occupancy" => (None, Scale::Rate),
        "answered_per_day" | "offered_per_day" => (None, Scale::Amount),
        _ => (Some(Better::Lower), Scale::Amount),
    }
}

fn staffing_figure(_key: &str) -> (Option<Better>, Scale) {
    (Some(Better::Lower), Scale::Amount)
}

pub(super) fn design(stats: Stats, centre: &CentreTally) -> CapacityReport {
    let stats = stats.unscaled();
    CapacityReport {
        counted_journeys: centre.counted,
        unfinished_journeys: centre.unfinished,
        pools: centre.pools.iter().map(|pool| pool_report(stats, pool)).collect(),
        staffing: table(stats, &STAFFING_FIGURES, staffing_figure, &centre.staffing),
    }
}

fn pool_report(stats: Stats, pool: &PoolTally) -> PoolReport {
    let keys = POOL_FIGURES.map(|f| f.key);
    PoolReport {
        channel: pool.channel.clone(),
        tier: pool.tier,
        queue: pool.queue,
        figures: table(stats, &keys, pool_figure, &pool.total),
        p90_wait_minutes: p90(&pool.waits),
        by_hour: (0..24)
            .map(|h| PoolHourReport {
                hour: h as u8,
                figures: table(stats, &keys, pool_figure, &pool.by_hour[h]),
                p90_wait_minutes: p90(&pool.waits_by_hour[h]),
            })
            .collect(),
    }
}

fn p90(waits: &Histogram) -> Option<f64> {
    waits.quantile(0.9)
}

fn table(
    stats: Stats,
    keys: &[&'static str],
    kind: fn(&str) -> (Option<Better>, Scale),
    sums: &crate::tally::Sums<i128>,
) -> KpiTable<Estimate> {
    KpiTable { entries: keys.iter().enumerate().map(|(k, key)| (*key, stats.estimate(k, kind(key).1, sums))).collect() }
}

pub(super) fn comparison(stats: Stats, variant: &DesignTally, baseline: &DesignTally) -> Option<CapacityComparison> {
    let stats = stats.unscaled();
    let (mine, theirs) = (variant.centre.as_ref()?, baseline.centre.as_ref()?);
    let keys = POOL_FIGURES.map(|f| f.key);
    let differences = |keys: &[&'static str], kind: fn(&str) -> (Option<Better>, Scale), v, b, cross| KpiTable {
        entries: keys.iter().enumerate().map(|(k, key)| (*key, stats.difference(k, kind(key).0, 0.0, v, b, cross))).collect(),
    };
    let pools = mine
        .pools
        .iter()
        .filter_map(|pool| {
            let (total, by_hour) = pool.versus_baseline.as_ref()?;
            let base = theirs.pools.iter().find(|b| b.channel == pool.channel && b.tier == pool.tier)?;
            Some(PoolComparison {
                channel: pool.channel.clone(),
                tier: pool.tier,
                figures: differences(&keys, pool_figure, &pool.total, &base.total, total),
                by_hour: (0..24)
                    .map(|h| PoolHourComparison {
                        hour: h as u8,
                        figures: differences(&keys, pool_figure, &pool.by_hour[h], &base.by_hour[h], &by_hour[h]),
                    })
                    .collect(),
            })
        })
        .collect();
    let cross = mine.staffing_versus_baseline.as_ref()?;
    Some(CapacityComparison {
        pools,
        staffing: differences(&STAFFING_FIGURES, staffing_figure, &mine.staffing, &theirs.staffing, cross),
    })
}
