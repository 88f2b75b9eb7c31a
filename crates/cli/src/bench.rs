//! `bench`: how fast the engine simulates on this machine, on one thread
//! and on several, and how much memory a run needs.
//!
//! Speed is simulated journeys × designs per second of wall time for the
//! whole `run_threads` call, report included. Both runs must give the same
//! fingerprint; the bench says so, and fails if they do not.

use std::time::Instant;

use journey_engine::{Report, Study, run_threads};

use crate::error::CliError;
use crate::format::{bytes, rate, thousands};

/// One timed run.
struct Timing {
    threads: usize,
    seconds: f64,
    report: Report,
}

/// Runs the study on one thread, then on `threads`, and describes both.
pub fn bench(study: &Study, label: &str, threads: usize) -> Result<String, CliError> {
    let designs = study.designs.len() as u64;
    let simulated = study.journeys * designs;
    let mut out = format!(
        "{label}: {} journeys × {designs} design{} = {} simulated journeys per run\n",
        thousands(study.journeys),
        if designs == 1 { "" } else { "s" },
        thousands(simulated)
    );
    let mut counts = vec![1];
    if threads > 1 {
        counts.push(threads);
    }
    let mut timings: Vec<Timing> = Vec::new();
    for t in counts {
        let start = Instant::now();
        let report = run_threads(study, t);
        let timing = Timing {
            threads: t,
            seconds: start.elapsed().as_secs_f64(),
            report,
        };
        let speed = simulated as f64 / timing.seconds.max(1e-9);
        let speedup = timings
            .first()
            .map(|one| {
                format!(
                    " ({:.2}× one thread)",
                    one.seconds / timing.seconds.max(1e-9)
                )
            })
            .unwrap_or_default();
        out.push_str(&format!(
            "  {:>3} {:<8} {:>7.2} s, {:>11} journeys/s{speedup}\n",
            timing.threads,
            if timing.threads == 1 {
                "thread:"
            } else {
                "threads:"
            },
            timing.seconds,
            rate(speed),
        ));
        timings.push(timing);
    }
    let fingerprints: Vec<&str> = timings
        .iter()
        .map(|t| t.report.fingerprint.as_str())
        .collect();
    if fingerprints.windows(2).any(|w| w[0] != w[1]) {
        return Err(CliError::Internal(format!(
            "runs on different thread counts gave different figures (fingerprints {})",
            fingerprints.join(", ")
        )));
    }
    out.push_str(&format!(
        "  fingerprint {} on every thread count\n",
        fingerprints.first().unwrap_or(&"")
    ));
    let memory = peak_memory().map_or_else(|| "unknown".to_owned(), bytes);
    out.push_str(&format!("  peak memory (resident): {memory}\n"));
    Ok(out)
}

/// The process's peak resident set size, from `VmHWM` in
/// `/proc/self/status` (Linux); `None` where that cannot be read.
pub fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    // "VmHWM:     12345 kB"
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}
