//! The page's plan for one run: which chunks go into the next work item.
//!
//! A run's chunks (`journey_engine::chunk_count`, 4,096 journeys each) are
//! handed out in order, a work item at a time, to whichever worker is free:
//!
//! ```text
//! chunk  0 1 2 3 4 | 5 6 7 8 9 10 11 ... 40 41 ...                        N-1
//!        preview   | refinement: items sized to take ~TARGET_ITEM_SECONDS
//!        (split evenly over the workers)    (smaller again near the end)
//! ```
//!
//! - The preview chunks come first and are split evenly over the workers,
//!   so the first report (the quick what-if preview) lands as soon as
//!   possible. They are the first chunks of the full run: nothing is
//!   simulated twice, and the final figures equal a plain full run.
//! - Refinement items are sized from the measured speed so each takes about
//!   [`TARGET_ITEM_SECONDS`]: long enough that messaging costs little, short
//!   enough that progress moves smoothly and all workers finish together
//!   (an item never exceeds an even share of what is left).
//! - An item lost with its worker (cancelled, crashed) goes back with
//!   [`Plan::give_back`] and is handed out again first.
//!
//! Also here: [`eta_seconds`], the estimate of time left.

use std::collections::VecDeque;
use std::ops::Range;

/// Chunks of the quick preview: 5 × 4,096 = 20,480 journeys per design.
pub const PREVIEW_CHUNKS: u64 = 5;

/// How long a refinement work item should take on one worker [s].
pub const TARGET_ITEM_SECONDS: f64 = 0.1;

/// Largest work item [chunks] (262,144 journeys): bounds the work lost to
/// a cancel and the wait for the last item.
pub const MAX_ITEM_CHUNKS: u64 = 64;

/// Refinement item size before any speed has been measured [chunks].
const FIRST_REFINEMENT_CHUNKS: u64 = 4;

/// Which chunks of a run are still to be handed out.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    total_chunks: u64,
    preview_chunks: u64,
    workers: u64,
    /// Given back by lost items; handed out before `next`.
    returned: VecDeque<Range<u64>>,
    /// First chunk never handed out.
    next: u64,
    /// Measured seconds per chunk on one worker.
    seconds_per_chunk: Option<f64>,
}

impl Plan {
    /// A plan for `total_chunks` chunks on `workers` workers, the first
    /// `preview_chunks` of them being the preview.
    pub fn new(total_chunks: u64, preview_chunks: u64, workers: usize) -> Self {
        Self {
            total_chunks,
            preview_chunks: preview_chunks.min(total_chunks),
            workers: workers.max(1) as u64,
            returned: VecDeque::new(),
            next: 0,
            seconds_per_chunk: None,
        }
    }

    /// Chunks in the whole run.
    pub fn total_chunks(&self) -> u64 {
        self.total_chunks
    }

    /// Chunks of the preview (the first ones).
    pub fn preview_chunks(&self) -> u64 {
        self.preview_chunks
    }

    /// Whether every chunk has been handed out (and none given back).
    pub fn is_exhausted(&self) -> bool {
        self.returned.is_empty() && self.next >= self.total_chunks
    }

    /// The next work item, or `None` when every chunk has been handed out.
    pub fn next_item(&mut self) -> Option<Range<u64>> {
        if let Some(item) = self.returned.pop_front() {
            return Some(item);
        }
        let remaining = self.total_chunks.checked_sub(self.next).filter(|&r| r > 0)?;
        let size = if self.next < self.preview_chunks {
            // An even share of the preview, never past its end.
            self.preview_chunks.div_ceil(self.workers).min(self.preview_chunks - self.next)
        } else {
            let by_speed = match self.seconds_per_chunk {
                Some(s) if s > 0.0 => (TARGET_ITEM_SECONDS / s).round() as u64,
                Some(_) => MAX_ITEM_CHUNKS,
                None => FIRST_REFINEMENT_CHUNKS,
            };
            by_speed.clamp(1, MAX_ITEM_CHUNKS).min(remaining.div_ceil(self.workers))
        };
        let item = self.next..self.next + size.max(1);
        self.next = item.end;
        Some(item)
    }

    /// Puts back an item that will not be answered (its worker was
    /// stopped); it is handed out again before any new chunk.
    pub fn give_back(&mut self, item: Range<u64>) {
        if !item.is_empty() {
            self.returned.push_back(item);
        }
    }

    /// Records that one worker simulated `chunks` chunks in `seconds`
    /// (round trip included). Later items are sized from a moving average.
    pub fn record(&mut self, chunks: u64, seconds: f64) {
        if chunks == 0 || !seconds.is_finite() || seconds <= 0.0 {
            return;
        }
        let measured = seconds / chunks as f64;
        self.seconds_per_chunk = Some(match self.seconds_per_chunk {
            Some(old) => 0.5 * old + 0.5 * measured,
            None => measured,
        });
    }
}

/// Estimated seconds left for a run that has done `done` of `total`
/// journeys in `elapsed` seconds: `None` until the rate means something
/// (a tenth of a second and some journeys in).
pub fn eta_seconds(done: u64, total: u64, elapsed: f64) -> Option<f64> {
    if done == 0 || elapsed < 0.1 || done > total {
        return None;
    }
    let rate = done as f64 / elapsed;
    Some((total - done) as f64 / rate)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drain(plan: &mut Plan) -> Vec<Range<u64>> {
        std::iter::from_fn(|| plan.next_item()).collect()
    }

    /// Items cover every chunk exactly once, in order.
    fn assert_tiles(items: &[Range<u64>], total: u64) {
        let mut next = 0;
        for item in items {
            assert_eq!(item.start, next, "items {items:?}");
            assert!(item.end > item.start, "empty item in {items:?}");
            next = item.end;
        }
        assert_eq!(next, total, "items {items:?}");
    }

    #[test]
    fn the_preview_is_split_evenly_over_the_workers() {
        let mut plan = Plan::new(100, 5, 2);
        assert_eq!(plan.next_item(), Some(0..3));
        assert_eq!(plan.next_item(), Some(3..5));
        // Refinement starts after the preview.
        assert_eq!(plan.next_item().map(|r| r.start), Some(5));
    }

    #[test]
    fn items_tile_the_run_for_any_size_and_pool() {
        for total in [0, 1, 4, 5, 6, 37, 245, 2442] {
            for workers in [1, 2, 3, 8] {
                let mut plan = Plan::new(total, PREVIEW_CHUNKS, workers);
                let items = drain(&mut plan);
                assert_tiles(&items, total);
                assert!(plan.is_exhausted());
            }
        }
    }

    #[test]
    fn a_study_smaller_than_the_preview_is_all_preview() {
        let mut plan = Plan::new(2, PREVIEW_CHUNKS, 4);
        assert_eq!(plan.preview_chunks(), 2);
        assert_eq!(drain(&mut plan), [0..1, 1..2]);
    }

    #[test]
    fn refinement_items_take_about_the_target_time() {
        let mut plan = Plan::new(10_000, 5, 2);
        drain_preview(&mut plan);
        // 2 ms per chunk: 50 chunks make 0.1 s.
        plan.record(10, 0.02);
        assert_eq!(plan.next_item().map(|r| r.end - r.start), Some(50));
        // Very fast chunks are capped.
        plan.record(10, 1e-6);
        plan.record(10, 1e-6);
        plan.record(10, 1e-6);
        assert_eq!(plan.next_item().map(|r| r.end - r.start), Some(MAX_ITEM_CHUNKS));
        // Very slow ones go one at a time.
        for _ in 0..20 {
            plan.record(1, 5.0);
        }
        assert_eq!(plan.next_item().map(|r| r.end - r.start), Some(1));
    }

    #[test]
    fn items_shrink_near_the_end_so_workers_finish_together() {
        let mut plan = Plan::new(45, 5, 4);
        drain_preview(&mut plan);
        plan.record(1, 1e-4); // fast: MAX_ITEM_CHUNKS by speed
        // 40 left on 4 workers: at most 10 each.
        assert_eq!(plan.next_item(), Some(5..15));
        let rest = drain(&mut plan);
        assert!(rest.iter().all(|r| r.end - r.start <= 10), "{rest:?}");
        assert_eq!(rest.last().map(|r| r.end), Some(45));
    }

    #[test]
    fn given_back_items_are_handed_out_again_first() {
        let mut plan = Plan::new(20, 5, 1);
        let first = plan.next_item().unwrap();
        let second = plan.next_item().unwrap();
        plan.give_back(first.clone());
        assert!(!plan.is_exhausted());
        assert_eq!(plan.next_item(), Some(first));
        assert_eq!(plan.next_item().map(|r| r.start), Some(second.end));
        plan.give_back(5..5);
        let mut items = drain(&mut plan);
        items.insert(0, second);
        assert_eq!(items.last().map(|r| r.end), Some(20));
    }

    #[test]
    fn eta_follows_the_rate_once_there_is_one() {
        assert_eq!(eta_seconds(0, 100, 1.0), None);
        assert_eq!(eta_seconds(10, 100, 0.05), None);
        assert_eq!(eta_seconds(25, 100, 1.0), Some(3.0));
        assert_eq!(eta_seconds(100, 100, 2.0), Some(0.0));
    }

    fn drain_preview(plan: &mut Plan) {
        while plan.next < plan.preview_chunks {
            plan.next_item();
        }
    }
}
