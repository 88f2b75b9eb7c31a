//! Rates by the channel where each contact happened (not by the journey's
//! first channel, as the breakdowns are): self-service containment and
//! abandonment, queue abandonment and resolution of each channel's
//! contacts.
//!
//! A contact's counts are gathered while its attempt runs (self-service
//! and waits carry no channel; the attempt's end does) and given to its
//! channel at the attempt's end. Counts are whole numbers, summed per
//! batch: a chunk of journeys, or a centre's replication. Each batch is one
//! observation of every rate, so the interval is that of a ratio over
//! batches (the delta method, Student's t with batches − 1 degrees of
//! freedom): batch means, which need no per-journey sums in the hot path
//! and hold for a centre, whose journeys share queues, as for independent
//! journeys. A run of one batch has estimates but no intervals.

use serde::{Deserialize, Serialize};

use crate::journey::{Next, SelfServiceResult, Step};

/// The rates, as (numerator, denominator) count indices.
pub const CONTACT_CHANNEL_RATES: [(&str, usize, usize); 4] = [
    ("containment", CONTAINED, SELF_SERVICE),
    ("self_service_abandonment", SELF_SERVICE_ABANDONED, SELF_SERVICE),
    ("abandonment", QUEUE_ABANDONED, QUEUE_ENTRIES),
    ("resolution_rate", RESOLVED, CONTACTS),
];

/// Count indices.
pub const CONTACTS: usize = 0;
pub const SELF_SERVICE: usize = 1;
pub const CONTAINED: usize = 2;
pub const SELF_SERVICE_ABANDONED: usize = 3;
pub const QUEUE_ENTRIES: usize = 4;
pub const QUEUE_ABANDONED: usize = 5;
/// Contacts after which the journey ended resolved.
pub const RESOLVED: usize = 6;
pub const COUNTS: usize = 7;

/// One contact's counts so far (kept with the customer between steps).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct ContactCounts {
    counts: [u32; COUNTS],
}

impl ContactCounts {
    /// Notes a step; at the attempt's end, hands the contact's counts to
    /// its channel in `batch` and starts afresh.
    #[inline(always)]
    pub(crate) fn step(&mut self, step: &Step, batch: &mut Vec<[u64; COUNTS]>, channels: usize) {
        match step {
            Step::SelfService { result, .. } => {
                self.counts[SELF_SERVICE] += 1;
                match result {
                    SelfServiceResult::Contained => self.counts[CONTAINED] += 1,
                    SelfServiceResult::Abandoned => self.counts[SELF_SERVICE_ABANDONED] += 1,
                    SelfServiceResult::NotContained => {}
                }
            }
            Step::Wait { abandoned, .. } => {
                self.counts[QUEUE_ENTRIES] += 1;
                self.counts[QUEUE_ABANDONED] += u32::from(*abandoned);
            }
            Step::AttemptEnd { channel, next, .. } => {
                self.counts[CONTACTS] = 1;
                self.counts[RESOLVED] = u32::from(matches!(next, Next::Resolved));
                if batch.len() < channels {
                    batch.resize(channels, [0; COUNTS]);
                }
                if let Some(into) = batch.get_mut(*channel) {
                    for (sum, count) in into.iter_mut().zip(self.counts) {
                        *sum += u64::from(count);
                    }
                }
                self.counts = [0; COUNTS];
            }
            _ => {}
        }
    }
}

/// Per channel, per rate: Σa, Σb, Σa², Σb², Σab over batches, exact.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct ContactChannelSums {
    pub(crate) batches: u64,
    /// [channel][count]: the counts of every batch, added.
    pub(crate) counts: Vec<[u64; COUNTS]>,
    /// [channel][rate]: Σa², Σb², Σab.
    pub(crate) squares: Vec<[[i128; 3]; 4]>,
}

impl ContactChannelSums {
    pub(crate) fn new(channels: usize) -> Self {
        Self { batches: 0, counts: vec![[0; COUNTS]; channels], squares: vec![[[0; 3]; 4]; channels] }
    }

    /// Adds one batch's counts as an observation.
    pub(crate) fn add_batch(&mut self, batch: &[[u64; COUNTS]]) {
        self.batches += 1;
        for ((counts, squares), of) in self.counts.iter_mut().zip(&mut self.squares).zip(batch) {
            for (sum, count) in counts.iter_mut().zip(of) {
                *sum += count;
            }
            for (square, (_, a, b)) in squares.iter_mut().zip(CONTACT_CHANNEL_RATES) {
                let (a, b) = (i128::from(of[a]), i128::from(of[b]));
                square[0] += a * a;
                square[1] += b * b;
                square[2] += a * b;
            }
        }
    }

    pub(crate) fn merge(&mut self, other: &Self) {
        // A tally read without these sums (an older worker's) has none.
        if self.counts.len() < other.counts.len() {
            self.counts.resize(other.counts.len(), [0; COUNTS]);
            self.squares.resize(other.squares.len(), [[0; 3]; 4]);
        }
        self.batches += other.batches;
        for (a, b) in self.counts.iter_mut().zip(&other.counts) {
            for (x, y) in a.iter_mut().zip(b) {
                *x += y;
            }
        }
        for (a, b) in self.squares.iter_mut().zip(&other.squares) {
            for (x, y) in a.iter_mut().zip(b) {
                for (p, q) in x.iter_mut().zip(y) {
                    *p += q;
                }
            }
        }
    }
}
