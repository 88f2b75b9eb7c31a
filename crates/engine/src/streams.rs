//! Named random streams, one per purpose per journey (common random
//! numbers).
//!
//! Every random number a journey uses is addressed by (seed, journey index,
//! purpose, attempt): the `attempt`-th number of the stream that belongs to
//! this journey and purpose. The address does not depend on the design, so
//! all designs of a study see the same numbers for the same customer, and a
//! variant that changes one parameter changes only what it must. Nor does it
//! depend on which chunk, thread or Web Worker simulates the journey, which
//! is what makes results identical however the work is split.
//!
//! The generator is SplitMix64 (`rand_xoshiro::SplitMix64`): the k-th number
//! of a stream is the generator seeded at the stream's start and advanced k
//! times, which SplitMix64 lets us compute directly.

use rand::{Rng, SeedableRng};
use rand_xoshiro::SplitMix64;

/// What a random number is for. Each purpose has its own stream, so an
/// extra draw for one purpose never shifts the numbers of another.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Purpose {
    Persona = 1,
    Channel,
    SelfServiceOutcome,
    SelfServiceMinutes,
    Hold,
    Patience,
    Handle,
    RepeatExplanation,
    ResponseDelay,
    AgentOutcome,
    Reopen,
    Tier2Hold,
    Tier2Patience,
    Tier2Handle,
    Tier2RepeatExplanation,
    Tier2Outcome,
    Tier2Reopen,
    Retry,
    Switch,
    SwitchChannel,
    RetryGap,
}

/// SplitMix64's increment (the golden ratio in 64-bit fixed point).
const PHI: u64 = 0x9e37_79b9_7f4a_7c15;
/// Spacing between the streams of different purposes; odd and unrelated to
/// `PHI`, so no two (purpose, attempt) addresses of a journey meet.
const PURPOSE_SPACING: u64 = 0xd1b5_4a32_d192_ed03;

/// SplitMix64's output function: its number for the state `z`.
#[inline(always)]
fn mix(z: u64) -> u64 {
    let z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    let z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The key to the streams of replication `replication` of a simulated
/// centre, from the study's key: its customers' streams are addressed by
/// (replication key, customer), and its arrivals by [`arrival_bits`].
pub(crate) fn replication_key(study: u64, replication: u32) -> u64 {
    mix(study ^ mix(u64::from(replication).wrapping_add(1).wrapping_mul(REPLICATION_SPACING)))
}

/// Spacing between replications' keys; odd, unrelated to the others.
const REPLICATION_SPACING: u64 = 0xa076_1d64_78bd_642f;
/// Where a replication's arrival stream starts from its key.
const ARRIVALS: u64 = 0xe703_7ed1_a0b4_28db;

/// The `index`-th number of the arrival stream of the replication whose
/// key is `replication` (see [`replication_key`]). The same in every
/// design, so every design meets the same customers at the same moments.
#[inline]
pub(crate) fn arrival_bits(replication: u64, index: u64) -> u64 {
    mix(replication.wrapping_add(ARRIVALS).wrapping_add(index.wrapping_add(1).wrapping_mul(PHI)))
}

/// The streams of one journey.
#[derive(Clone, Copy, Debug)]
pub(crate) struct JourneyStreams {
    base: u64,
}

/// The study's key to its streams, derived from its seed once per run
/// rather than once per journey.
pub(crate) fn study_key(seed: u64) -> u64 {
    SplitMix64::seed_from_u64(seed).next_u64()
}

impl JourneyStreams {
    /// The streams of journey `journey` of the study whose key is `study`
    /// (see [`study_key`]).
    #[inline]
    pub(crate) fn new(study: u64, journey: u64) -> Self {
        let base = SplitMix64::seed_from_u64(study ^ journey.wrapping_mul(PHI)).next_u64();
        Self { base }
    }

    /// The `attempt`-th number of this journey's stream for `purpose`.
    #[inline]
    pub(crate) fn draw(&self, purpose: Purpose, attempt: u32) -> u64 {
        // The generator's state after its one step, written as the attempt's
        // part plus the purpose's constant: the attempt's part is then shared
        // by every draw of the attempt, where "stream start + attempt" made
        // the compiler compute and keep every purpose's start at once.
        let attempt_part = self.base.wrapping_add(u64::from(attempt).wrapping_add(1).wrapping_mul(PHI));
        mix(attempt_part.wrapping_add((purpose as u64).wrapping_mul(PURPOSE_SPACING)))
    }

    /// A uniform number in [0, 1) from the same address.
    #[inline]
    pub(crate) fn unit(&self, purpose: Purpose, attempt: u32) -> f64 {
        crate::distribution::unit_closed_open(self.draw(purpose, attempt))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_differ_by_journey_purpose_and_attempt_and_repeat_exactly() {
        let a = JourneyStreams::new(study_key(42), 7);
        let b = JourneyStreams::new(study_key(42), 8);
        assert_eq!(a.draw(Purpose::Hold, 0), JourneyStreams::new(study_key(42), 7).draw(Purpose::Hold, 0));
        assert_ne!(a.draw(Purpose::Hold, 0), b.draw(Purpose::Hold, 0));
        assert_ne!(a.draw(Purpose::Hold, 0), a.draw(Purpose::Patience, 0));
        assert_ne!(a.draw(Purpose::Hold, 0), a.draw(Purpose::Hold, 1));
        assert_ne!(a.draw(Purpose::Hold, 0), JourneyStreams::new(study_key(43), 7).draw(Purpose::Hold, 0));
    }

    #[test]
    fn the_kth_number_is_the_kth_output_of_the_seeded_generator() {
        let s = JourneyStreams::new(study_key(1), 2);
        let start = s.base.wrapping_add((Purpose::Retry as u64).wrapping_mul(PURPOSE_SPACING));
        let mut rng = SplitMix64::seed_from_u64(start);
        for k in 0..5 {
            assert_eq!(rng.next_u64(), s.draw(Purpose::Retry, k));
        }
    }
}
