//! The simulation context: what the results view reads.
//!
//! **Contract for readers** (results, export, anything that shows figures):
//!
//! ```ignore
//! let sim = use_context::<SimulationContext>().expect("provided at the app root");
//! sim.report.with(|r| …);       // Option<Arc<Report>>, tracked
//! sim.status.get();             // RunStatus, tracked
//! sim.convergence.with(|c| …);  // Vec<ConvergencePoint>, tracked
//! sim.cancel.run(()); sim.run_full.run(());
//! ```
//!
//! - `report` always belongs to the **current valid study**
//!   (`StudyState::valid`). The moment the valid study changes it becomes
//!   `None`, then fills again as the new run's first chunks come in, and is
//!   replaced by ever more precise reports as the run refines. A report of
//!   an outdated study never shows. `Report::journeys` says how many
//!   journeys per design it holds (fewer than `Study::journeys` while a run
//!   is refining or after a cancel).
//! - `study` is the study `report` was computed from (same lifetime), for
//!   readers that need more than the report's names: units, currency,
//!   personas' shares.
//! - `status` says what the runner is doing (see [`RunStatus`]).
//! - `convergence` holds one point per report of the current run, in order,
//!   for a plot of interval half-widths against journeys.
//! - `cancel` stops the running simulation at once; what was merged so far
//!   stays in `report`. `run_full` (re)starts the current study's run
//!   toward its full journey count (after a cancel, say).
//!
//! Nothing else is needed: the provider is mounted at the app root.

// Parts of the contract are read only by views still being written.
#![allow(dead_code)]

use std::sync::Arc;

use journey_engine::{KPIS, Report, Study};
use leptos::prelude::*;

/// What the simulation is doing.
#[derive(Clone, Debug, PartialEq)]
pub enum RunStatus {
    /// Nothing has run yet (or the study was just replaced and its run is
    /// about to start).
    Idle,
    /// A run is under way.
    Running {
        /// Journeys per design simulated and merged so far.
        journeys_done: u64,
        /// Journeys per design the run will simulate (the study's).
        journeys_total: u64,
        /// Estimated time left [s]; `None` until there is a rate to go by.
        eta_seconds: Option<f64>,
        /// True while the shown report is only the quick preview (the
        /// run's first journeys) and refinement has not yet reported.
        preview: bool,
    },
    /// The run simulated every journey of the study.
    Done {
        /// Wall time of the run, from start to last merge [s].
        seconds: f64,
        /// Journeys per design.
        journeys: u64,
    },
    /// Stopped by a person; `report` holds the journeys merged until then.
    Cancelled {
        /// Journeys per design in the report.
        journeys: u64,
    },
    /// The run could not go on (a worker failed to load or crashed).
    Failed { message: String },
}

impl RunStatus {
    /// Whether a run is under way.
    pub fn is_running(&self) -> bool {
        matches!(self, RunStatus::Running { .. })
    }
}

/// How wide the 95% intervals were after some number of journeys.
#[derive(Clone, Debug, PartialEq)]
pub struct ConvergencePoint {
    /// Journeys per design in the report this point was taken from.
    pub journeys: u64,
    /// One per design, in study order: each KPI's interval half-width.
    pub designs: Vec<KpiHalfWidths>,
    /// One per variant (`report.comparisons` order): the half-width of the
    /// paired difference from the baseline.
    pub comparisons: Vec<KpiHalfWidths>,
}

/// Interval half-widths of one design or one comparison.
#[derive(Clone, Debug, PartialEq)]
pub struct KpiHalfWidths {
    /// Design name (for a comparison, the variant's name).
    pub name: String,
    /// `(KPI key, half-width)` in `journey_engine::KPIS` order; `None`
    /// where the KPI is undefined or has too few journeys for an interval.
    /// Half-widths are in the KPI's own unit (a fraction for rates).
    pub half_widths: Vec<(&'static str, Option<f64>)>,
}

impl ConvergencePoint {
    /// The half-widths of `report`'s KPIs with intervals.
    pub fn of(report: &Report) -> Self {
        let designs = report
            .designs
            .iter()
            .map(|d| KpiHalfWidths {
                name: d.name.clone(),
                half_widths: KPIS.iter().map(|k| (k.key, d.kpis.get(k.key).and_then(|e| e.half_width()))).collect(),
            })
            .collect();
        let comparisons = report
            .comparisons
            .iter()
            .map(|c| KpiHalfWidths {
                name: c.design.clone(),
                half_widths: KPIS.iter().map(|k| (k.key, c.kpis.get(k.key).and_then(|e| e.half_width()))).collect(),
            })
            .collect();
        Self { journeys: report.journeys, designs, comparisons }
    }
}

/// What the results view reads. Provided at the app root by
/// [`provide_simulation`]; `Copy`, so closures take it freely.
#[derive(Clone, Copy)]
pub struct SimulationContext {
    /// Latest report for the CURRENT valid study: `None` until the first
    /// chunk is in, and cleared the moment the study changes, so results of
    /// an outdated study never show.
    pub report: Signal<Option<Arc<Report>>>,
    /// The study `report` belongs to (`None` exactly when `report` is).
    pub study: Signal<Option<Arc<Study>>>,
    /// What the runner is doing.
    pub status: Signal<RunStatus>,
    /// `(journeys, interval half-widths)` after each refinement step of the
    /// current run, oldest first, for the convergence plot.
    pub convergence: Signal<Vec<ConvergencePoint>>,
    /// Stops the running simulation now; the report keeps what was merged.
    pub cancel: Callback<()>,
    /// Runs the current study to its full journey count (again).
    pub run_full: Callback<()>,
}

impl SimulationContext {
    /// The context provided at the app root.
    pub fn get() -> Self {
        expect_context::<Self>()
    }
}

/// Journeys the temporary main-thread provider simulates (two chunks).
const MAIN_THREAD_JOURNEYS: u64 = 2 * journey_engine::CHUNK_JOURNEYS;

/// Provides [`SimulationContext`] to everything below.
///
/// TEMPORARY: computes a small report (at most two chunks, 8,192 journeys
/// per design) on the main thread whenever the valid study changes, so the
/// results view can be built against the contract. The Web Worker pool
/// replaces it behind the same contract.
pub fn provide_simulation() -> SimulationContext {
    let state = crate::state::StudyState::get();
    let (report, set_report) = signal(None::<Arc<Report>>);
    let (study, set_study) = signal(None::<Arc<Study>>);
    let (status, set_status) = signal(RunStatus::Idle);
    let (convergence, set_convergence) = signal(Vec::<ConvergencePoint>::new());

    let run = move || {
        let current = Arc::new(state.valid().get_untracked());
        let total = current.journeys;
        let journeys = total.min(MAIN_THREAD_JOURNEYS);
        set_status.set(RunStatus::Running { journeys_done: 0, journeys_total: total, eta_seconds: None, preview: true });
        let started = now_seconds();
        let chunks = journeys.div_ceil(journey_engine::CHUNK_JOURNEYS);
        let tally = journey_engine::simulate_chunks(&current, 0..chunks);
        let result = Arc::new(journey_engine::report(&current, &tally));
        set_convergence.set(vec![ConvergencePoint::of(&result)]);
        set_study.set(Some(current));
        set_report.set(Some(result));
        set_status.set(if journeys == total {
            RunStatus::Done { seconds: now_seconds() - started, journeys }
        } else {
            RunStatus::Cancelled { journeys }
        });
    };

    // Syncs the results with the study: an effect, as it feeds the outside
    // world's equivalent here (a computation), and later the workers.
    Effect::new(move |_| {
        state.valid().track();
        set_report.set(None);
        set_study.set(None);
        set_convergence.set(Vec::new());
        run();
    });

    let context = SimulationContext {
        report: report.into(),
        study: study.into(),
        status: status.into(),
        convergence: convergence.into(),
        cancel: Callback::new(move |()| {}),
        run_full: Callback::new(move |()| run()),
    };
    provide_context(context);
    context
}

fn now_seconds() -> f64 {
    js_sys::Date::now() / 1000.0
}
