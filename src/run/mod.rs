//! Running the current study and publishing its results.
//!
//! - `context.rs`: [`SimulationContext`], the contract the results view
//!   reads (`use_context::<SimulationContext>()`), and its provider.
//!
//! ```text
//!  StudyState::valid ──(debounce)──▶ run ──▶ report / status / convergence ──▶ results view
//! ```

mod context;

// Read by the results view and the run bar.
#[allow(unused_imports)]
pub use context::{ConvergencePoint, KpiHalfWidths, RunStatus, SimulationContext, provide_simulation};
