//! Journey engine: a Monte Carlo simulator of contact-centre customer
//! journeys, implementing `shared/MODEL.md` (schema 2; schema 1 files read
//! unchanged).
//!
//! The engine knows nothing about the browser: it imports no leptos,
//! web-sys, wasm-bindgen or gloo, and gives the same bits natively and on
//! wasm32. Data flows one way:
//!
//! ```text
//! JSON / link / editor ──validate──▶ Study ──run──▶ Tally (per unit of work, mergeable) ──report──▶ Report
//! ```
//!
//! A study runs one of two ways, both driving the same journey:
//!
//! ```text
//!                      ┌─ no demand:   independent/  every wait drawn from hold_minutes at once;
//!  journey/ (rules) ───┤                              chunks of 4,096 journeys are the unit of work
//!                      └─ demand:      centre/       customers arrive on a clock and queue for agents;
//!                                                    a replication is the unit of work
//! ```
//!
//! - [`Study`] (`study/`: designs, `demand.rs`, `staffing.rs`) is a
//!   validated study; [`Study::from_json`] (`validate/`) is the only way
//!   in, and reports every problem with its field path.
//! - [`distribution`] samples times and delays from one random number each.
//! - [`journey`] is one customer's journey as a resumable state machine
//!   (its figures and steps in `steps.rs`, a design made ready in
//!   `prepared.rs`); `streams.rs` gives every journey and purpose its own
//!   random stream, shared by all designs (common random numbers).
//! - [`independent`] answers a journey at once; [`centre`] runs a
//!   replication of the simulated centre (arrivals, pools, schedule, clock)
//!   and its pools' figures.
//! - [`Tally`] (`tally/`) accumulates units of work in memory that does not
//!   grow with the run, and merges exactly; `run.rs` splits a run over
//!   threads.
//! - [`report()`] (`report/`, capacity figures in `capacity.rs`) turns a
//!   tally into KPIs with confidence intervals, paired differences,
//!   breakdowns, plots' data and stories.
//! - [`csv`] writes a report as CSV, for the command line and the app's
//!   download alike.
//! - [`sensitivity`] ranks a design's inputs by how far a step of each
//!   moves a KPI (a tornado); [`break_even`] finds the value of one input
//!   at which a KPI reaches a target. Both run moved copies of a design
//!   beside it, so their effects are paired.
//! - [`ripple`] lays out where every customer is over a stretch of a day
//!   (a centre's replication, or journeys on their own clocks), for the
//!   workshop's animation.
//! - [`presets`] holds example studies; [`link`] packs a study into a URL
//!   fragment.

mod bounds;
pub mod agents_needed;
pub mod break_even;
pub mod centre;
pub mod csv;
pub mod distribution;
pub mod emotion;
pub mod histogram;
pub mod independent;
pub mod journey;
pub mod kpi;
pub mod link;
pub mod presets;
pub mod report;
pub mod ripple;
pub mod sensitivity;
mod special;
mod run;
mod streams;
pub mod story;
mod study;
mod tally;
mod validate;

pub use distribution::{Distribution, DistributionSpec};
pub use kpi::{KPIS, KpiInfo};
pub use report::{BusinessCase, Comparison, DesignReport, Difference, Estimate, PainPoint, Report, Verdict, report};
pub use run::{chunk_count, prepare, run, run_threads, simulate_chunks, tally_threads};
pub use special::student_t_quantile;
pub use study::*;
pub use emotion::STAGES;
pub use tally::{CHUNK_JOURNEYS, Flow, Tally};
pub use validate::{Problem, StudyError, advice};
