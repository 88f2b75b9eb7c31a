//! Running the current study in Web Workers and publishing its results.
//!
//! ```text
//!  StudyState::valid ──(at once / 60 ms after an edit)──▶ Runner ──▶ workers (crates/worker)
//!                                                            │
//!          results view ◀── SimulationContext (report, status, convergence) ◀──┘
//! ```
//!
//! - `context.rs`: [`SimulationContext`], the contract the results view
//!   reads (`use_context::<SimulationContext>()`), and its provider.
//! - `runner.rs`: the worker pool, the work plan of the current run, the
//!   merging and the throttled reports.
//! - `worker.rs`: one Web Worker seen from the page.
//! - `staffing_search.rs`: workers of their own that find the agents a
//!   centre needs (one per design).
//! - `break_even_search.rs`: a worker that finds the value of an input
//!   at which a figure reaches a target.
//! - `sensitivity_search.rs`: workers that try every input of a design
//!   (which one moves a KPI most), a part each.
//! - `reference_run.rs`: workers that run the study again with another
//!   design as the reference, for the comparison.
//! - `ripple_layout.rs`: workers that lay out the workshop's day in the
//!   centre (one per design).
//! - `run_bar.rs`: status, progress, time left and Stop.

mod break_even_search;
mod reference_run;
mod context;
mod run_bar;
mod ripple_layout;
mod runner;
mod sensitivity_search;
mod staffing_search;
mod worker;

// Read by the results view and the run bar.
#[allow(unused_imports)]
pub use context::{ConvergencePoint, DEBOUNCE, KpiHalfWidths, RunStatus, SimulationContext, Unit, provide_simulation};
pub use ripple_layout::RippleLayout;
pub use break_even_search::{BreakEvenSearch, BreakEvenState};
pub use reference_run::{ReferenceRun, ReferenceState};
pub use run_bar::RunBar;
pub use sensitivity_search::{SensitivitySearch, SensitivityState};
pub use staffing_search::{SearchState, StaffingSearch};
#[allow(unused_imports)]
pub use runner::RunDiagnostics;

use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen]
extern "C" {
    /// `performance.now()`: milliseconds since the page opened, to a few µs.
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
}

/// The page's clock [ms].
fn now_ms() -> f64 {
    performance_now()
}
