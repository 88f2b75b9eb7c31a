//! Independent journeys: the way a study without `demand` runs (schema 1).
//!
//! Every customer is simulated on their own: a wait for an agent is drawn
//! from `hold_minutes` the moment the journey reaches it, no clock runs,
//! and no customer's journey depends on another's. Journeys are simulated
//! in chunks of [`CHUNK_JOURNEYS`](crate::CHUNK_JOURNEYS) that any thread
//! or Web Worker can take (see `tally.rs`, which adds each journey to the
//! figures as one observation).
//!
//! The journey's rules are `journey/`'s; this module only answers them at
//! once, with the `Untimed` clock.

use crate::journey::{Answer, Journey, JourneyFigures, Need, Observer, PreparedDesign, Untimed};
use crate::streams::JourneyStreams;

/// Simulates journey number `journey` of the study under `design` to its
/// end, telling `observer` every step.
#[inline(always)]
pub fn simulate<O: Observer>(design: &PreparedDesign, journey: u64, observer: &mut O) -> JourneyFigures {
    let mut customer = Journey::new(design, JourneyStreams::new(design.streams, journey));
    let mut answer = Answer::Go;
    // Untimed, the journey draws its own waits and lets no time pass, so
    // the first call runs it to the end. A pool's wait (which a study
    // without demand cannot have) would be answered at once.
    loop {
        match customer.advance::<Untimed, O>(design, answer, observer) {
            Need::Done => return customer.into_figures(),
            Need::Agent { .. } => answer = Answer::Answered { waited: 0.0 },
            Need::Time { .. } | Need::Handling { .. } => answer = Answer::Go,
        }
    }
}
