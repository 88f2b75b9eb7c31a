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
//!   stays in `report`. `run_full` carries a cancelled (or failed) run on
//!   toward the study's full journey count, from where it stopped; it does
//!   nothing while a run is going or once it is done.
//!
//! Runs are automatic: the study runs when the page opens and again after
//! every edit (see [`DEBOUNCE`]), first as a quick preview of about 20,000
//! journeys per design, then refining toward the study's journey count.
//!
//! Nothing else is needed: the provider is mounted at the app root.


use std::sync::Arc;

use std::time::Duration;

use journey_engine::{KPIS, Report, Study};
use leptos::prelude::*;
use send_wrapper::SendWrapper;

use super::runner::{Outputs, RunDiagnostics, Runner};

/// What the simulation is doing.
#[derive(Clone, Debug, PartialEq)]
pub enum RunStatus {
    /// Nothing has run yet: the page has just opened.
    Idle,
    /// A run is under way, or about to start (just after an edit, while
    /// the editor's changes settle: `done` is 0).
    Running {
        /// Work simulated and merged so far, and the whole run's, in
        /// `unit`s: journeys per design, or a centre's replications.
        done: u64,
        total: u64,
        unit: Unit,
        /// Estimated time left [s]; `None` until there is a rate to go by.
        eta_seconds: Option<f64>,
        /// True while the shown report is only the quick preview (the
        /// run's first journeys or replications) and refinement has not
        /// yet reported.
        preview: bool,
    },
    /// The run simulated all its work.
    Done {
        /// Wall time of the run, from start to last merge [s].
        seconds: f64,
        /// Work done, in `unit`s, and the journeys per design (a centre's
        /// counted journeys).
        done: u64,
        unit: Unit,
        journeys: u64,
    },
    /// Stopped by a person; `report` holds the work merged until then.
    Cancelled { done: u64, unit: Unit, journeys: u64 },
    /// The run could not go on (a worker failed to load or crashed).
    Failed { message: String },
}

/// What a run's work is counted in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Independent journeys, per design.
    Journeys,
    /// Replications of a simulated centre.
    Replications,
}

impl Unit {
    /// The unit of a study's run.
    pub fn of(study: &Study) -> Self {
        if study.is_centre() { Unit::Replications } else { Unit::Journeys }
    }

    /// "journeys per design" or "replications", for `n` of them.
    pub fn words(self, n: u64) -> &'static str {
        match (self, n) {
            (Unit::Journeys, _) => "journeys per design",
            (Unit::Replications, 1) => "replication",
            (Unit::Replications, _) => "replications",
        }
    }
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
    /// Carries a cancelled or failed run on to the study's full journey
    /// count; does nothing while running or when done.
    pub run_full: Callback<()>,
}

impl SimulationContext {
    /// The context provided at the app root.
    pub fn get() -> Self {
        expect_context::<Self>()
    }
}

/// Quiet time after an edit before the new study runs. Short, because the
/// preview costs the workers only 20–40 ms and a newer edit cancels it: the
/// preview must be on screen within 200 ms of an edit.
pub const DEBOUNCE: Duration = Duration::from_millis(60);

/// Provides [`SimulationContext`] to everything below, and the runner
/// behind it: a pool of Web Workers that runs the valid study whenever it
/// changes (at once on opening, [`DEBOUNCE`] after an edit).
///
/// Also provides `Signal<RunDiagnostics>` (the runner's own timings) for
/// the run bar.
pub fn provide_simulation() -> SimulationContext {
    let state = crate::state::StudyState::get();
    let (report, set_report) = signal(None::<Arc<Report>>);
    let (study, set_study) = signal(None::<Arc<Study>>);
    let (status, set_status) = signal(RunStatus::Idle);
    let (convergence, set_convergence) = signal(Vec::<ConvergencePoint>::new());
    let (diagnostics, set_diagnostics) = signal(RunDiagnostics::default());

    // The runner holds web workers, which stay on this thread; SendWrapper
    // checks that at run time.
    let runner = SendWrapper::new(Runner::new(Outputs {
        report: set_report,
        study: set_study,
        status: set_status,
        convergence: set_convergence,
        diagnostics: set_diagnostics,
    }));

    // Syncs the workers with the valid study: an effect, because the
    // workers are the outside world.
    Effect::new({
        let runner = runner.clone();
        move |ran_before: Option<()>| {
            let study = state.valid().get();
            if ran_before.is_none() {
                runner.start(study);
            } else {
                runner.start_after(study, DEBOUNCE);
            }
        }
    });

    let context = SimulationContext {
        report: report.into(),
        study: study.into(),
        status: status.into(),
        convergence: convergence.into(),
        cancel: Callback::new({
            let runner = runner.clone();
            move |()| runner.cancel()
        }),
        run_full: Callback::new(move |()| runner.resume()),
    };
    provide_context(context);
    provide_context::<Signal<RunDiagnostics>>(diagnostics.into());
    context
}
