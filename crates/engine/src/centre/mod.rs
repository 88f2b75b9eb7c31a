//! The simulated contact centre: the way a study with `demand` runs
//! (MODEL.md, "Capacity").
//!
//! Customers arrive over the calendar and their journeys (the rules of
//! `journey/`, driven on a `Timed` clock) wait for the finite agents of
//! each staffed pool, so waits, abandonment, the retries they cause and the
//! load those retries add all follow from volume and staffing.
//!
//! ```text
//!  replication r ─▶ for each design: replication::run ─▶ journeys' figures, pools' figures
//!                                      (clock.rs, arrivals.rs, schedule.rs, pool.rs)
//!               ─▶ one observation of every KPI and pool figure (figures.rs) ─▶ Tally
//! ```
//!
//! Replications are the unit of work, as chunks of journeys are for the
//! independent run: any thread or Web Worker can simulate any replication
//! and the tallies merge exactly, so the figures are the same however the
//! work is split. Replication r has its own arrival stream and its k-th
//! customer draws from streams addressed by (seed, r, k, purpose,
//! attempt): every design meets the same customers at the same moments
//! with the same luck, and only the waits, through load, differ.

mod arrivals;
mod clock;
mod figures;
mod pool;
mod replication;
mod schedule;

pub use figures::{CentreTally, POOL_FIGURES, PoolFigure, PoolTally, STAFFING_FIGURES};
pub use replication::{TraceEvent, Traced};

use crate::journey::PreparedDesign;
use crate::streams::replication_key;
use crate::study::Study;
use crate::tally::{Observations, Tally, add, fixed};
use replication::Moments;

impl Tally {
    /// Simulates replication `replication` of every design of a study with
    /// demand and adds it to this tally (nothing for a replication beyond
    /// the study's).
    pub fn simulate_replication(&mut self, study: &Study, prepared: &[PreparedDesign], replication: u64) {
        let Some(demand) = &study.demand else { return };
        if replication >= u64::from(demand.replications) {
            return;
        }
        let Observations::Replications { scale } = self.observations else { return };
        let key = replication_key(prepared.first().map_or(0, |p| p.streams), replication as u32);
        let runs: Vec<replication::DesignRun> = prepared
            .iter()
            .zip(&mut self.designs)
            .map(|(design, tally)| replication::run(design, demand, key, replication as u32, tally, None))
            .collect();
        let calendar = clock::Calendar::new(demand);
        let observations: Vec<Observation> = runs.iter().map(|run| Observation::of(&run.kpis, scale)).collect();
        let (first, rest) = self.designs.split_at_mut(1);
        for (d, dt) in first.iter_mut().chain(rest.iter_mut()).enumerate() {
            let mine = &observations[d];
            dt.total.add_observation(&mine.total.0, &mine.total.1);
            for (sums, (a, b)) in dt.by_persona.iter_mut().zip(&mine.by_persona) {
                sums.add_observation(a, b);
            }
            for (sums, (a, b)) in dt.by_channel.iter_mut().zip(&mine.by_channel) {
                sums.add_observation(a, b);
            }
            if let Some(cross) = &mut dt.versus_baseline {
                let base = &observations[0].total;
                cross.add_observation(&mine.total.0, &mine.total.1, &base.0, &base.1);
            }
            for (sum, score) in dt.stage_score.iter_mut().zip(runs[d].stage_score) {
                add(sum, fixed(score));
            }
            dt.end_contact_batch();
        }
        // The centre's own figures, paired with the baseline's of the same
        // replication.
        let base_centre = self.designs[0].centre.clone();
        for (d, dt) in self.designs.iter_mut().enumerate() {
            let Some(centre) = &mut dt.centre else { continue };
            let run = &runs[d];
            let baseline = (d > 0).then(|| base_centre.as_ref().map(|b| (b, runs[0].pools.as_slice(), runs[0].counted))).flatten();
            centre.add_replication(&calendar, &run.pools, run.counted, run.unfinished, baseline);
            centre.events += run.events;
            centre.arrivals += run.arrivals;
        }
        // Stories are recorded as journeys end; kept in customer order, as
        // a merge of tallies keeps them.
        for dt in &mut self.designs {
            dt.stories.sort_by_key(|s| s.journey);
        }
        self.journeys += runs.first().map_or(0, |r| r.counted);
        self.chunks += 1;
    }
}

impl Tally {
    /// For a simulated centre: the events taken off its schedules and the
    /// customers who arrived, over every design and replication so far.
    pub fn centre_activity(&self) -> Option<(u64, u64)> {
        let centres: Vec<&CentreTally> = self.designs.iter().filter_map(|d| d.centre.as_ref()).collect();
        (!centres.is_empty()).then(|| (centres.iter().map(|c| c.events).sum(), centres.iter().map(|c| c.arrivals).sum()))
    }
}

/// What happens in replication `replication` of `design` (an index into
/// the study's designs) until `until` minutes from the start of the first
/// warm-up day: every journey step and pool event, in time order. For the
/// workshop's picture of a day, and for tests that compare two runs.
pub fn trace(study: &Study, design: usize, replication: u32, until: f64) -> Vec<TraceEvent> {
    let (Some(demand), Some(d)) = (&study.demand, study.designs.get(design)) else { return Vec::new() };
    let prepared = PreparedDesign::new(study, d);
    let key = replication_key(prepared.streams, replication);
    let mut tally = Tally::new(study);
    let mut events = Vec::new();
    replication::run(&prepared, demand, key, replication, &mut tally.designs[design], Some((&mut events, until)));
    events
}

/// One replication's observation of every KPI: its sums divided by the
/// study's scale, in all, by persona and by first channel.
struct Observation {
    total: Moments,
    by_persona: Vec<Moments>,
    by_channel: Vec<Moments>,
}

impl Observation {
    fn of(sums: &replication::KpiSums, scale: f64) -> Self {
        let scaled = |(a, b): &Moments| (a.map(|x| x / scale), b.map(|x| x / scale));
        Self {
            total: scaled(&sums.total()),
            by_persona: sums.by_persona().iter().map(scaled).collect(),
            by_channel: sums.by_channel().iter().map(scaled).collect(),
        }
    }
}

