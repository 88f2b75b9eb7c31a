//! Running a study: split it into units of work, simulate them on one
//! thread or several, merge the tallies, report.
//!
//! A unit of work (a "chunk") is 4,096 independent journeys of a study
//! without demand (`independent/`), and one replication of a simulated
//! centre (`centre/`). The browser does the same with Web Workers: each
//! worker calls [`simulate_chunks`] on the chunk ranges it is given and
//! sends the [`Tally`] back; the page merges and calls
//! [`report`](crate::report). Any split of the chunks gives identical
//! figures (see `tally/`).

use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::journey::PreparedDesign;
use crate::report::{Report, report};
use crate::study::Study;
use crate::tally::{CHUNK_JOURNEYS, Tally};

/// Number of chunks (units of work) of the study: its journeys in chunks
/// of [`CHUNK_JOURNEYS`], or its replications.
pub fn chunk_count(study: &Study) -> u64 {
    match &study.demand {
        None => study.journeys.div_ceil(CHUNK_JOURNEYS),
        Some(demand) => u64::from(demand.replications),
    }
}

/// Adds chunk `chunk` of the study to `tally`.
fn simulate_chunk(tally: &mut Tally, study: &Study, prepared: &[PreparedDesign], chunk: u64) {
    if study.is_centre() {
        tally.simulate_replication(study, prepared, chunk);
    } else {
        tally.simulate_chunk(study, prepared, chunk);
    }
}

/// Prepares every design of the study for simulation.
pub fn prepare(study: &Study) -> Vec<PreparedDesign<'_>> {
    study.designs.iter().map(|d| PreparedDesign::new(study, d)).collect()
}

/// Simulates the chunks in `chunks` (clipped to the study) into a tally.
pub fn simulate_chunks(study: &Study, chunks: Range<u64>) -> Tally {
    let prepared = prepare(study);
    let mut tally = Tally::new(study);
    for chunk in chunks.start..chunks.end.min(chunk_count(study)) {
        simulate_chunk(&mut tally, study, &prepared, chunk);
    }
    tally
}

/// Runs the whole study on the calling thread.
pub fn run(study: &Study) -> Report {
    report(study, &simulate_chunks(study, 0..chunk_count(study)))
}

/// Runs the whole study on `threads` threads (native builds; threads cannot
/// be spawned in a browser page, which uses Web Workers instead). The
/// figures equal those of [`run`].
pub fn run_threads(study: &Study, threads: usize) -> Report {
    report(study, &tally_threads(study, threads))
}

/// The tally of the whole study, simulated on `threads` threads that take
/// chunks from a shared counter.
pub fn tally_threads(study: &Study, threads: usize) -> Tally {
    let chunks = chunk_count(study);
    let next = AtomicU64::new(0);
    let prepared = prepare(study);
    let tallies: Vec<Tally> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads.max(1))
            .map(|_| {
                scope.spawn(|| {
                    let mut tally = Tally::new(study);
                    loop {
                        let chunk = next.fetch_add(1, Ordering::Relaxed);
                        if chunk >= chunks {
                            break tally;
                        }
                        simulate_chunk(&mut tally, study, &prepared, chunk);
                    }
                })
            })
            .collect();
        // A panic in a worker is a bug in the engine; pass it on rather than
        // report figures with its chunks missing.
        workers.into_iter().map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
    });
    let mut total = Tally::new(study);
    for t in &tallies {
        total.merge(t);
    }
    total
}
