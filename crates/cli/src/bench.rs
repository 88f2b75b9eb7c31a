//! `bench`: how fast the engine simulates on this machine, on one thread
//! and on several, and how much memory a run needs.
//!
//! Speed is simulated journeys × designs per second of wall time for the
//! whole run, report included; for a simulated centre also replications,
//! events and customers (arrivals, warm-up and run-out included) per
//! second. On a shared machine one run can be 20% off the next, so the
//! bench repeats the runs, one thread and several taking turns so that
//! both meet the same load, and gives the median with the best and worst.
//! Every run must give the same fingerprint; the bench says so, and fails
//! if they do not.

use std::time::Instant;

use journey_engine::{Study, chunk_count, report, tally_threads};

use crate::error::CliError;
use crate::format::{bytes, rate, thousands};

/// The study independent journeys are measured on: Password reset as it
/// was before the capacity model (schema 1), which every earlier figure of
/// the engine's speed is of.
pub const INDEPENDENT_STUDY: &str = include_str!("../../engine/tests/fixtures/schema1/password-reset.json");

/// Runs the study `runs` times on one thread and `runs` times on
/// `threads`, taking turns, and describes both.
pub fn bench(study: &Study, label: &str, threads: usize, runs: usize) -> Result<String, CliError> {
    let runs = runs.max(1);
    let designs = study.designs.len() as u64;
    let centre = study.demand.as_ref();
    let mut out = match centre {
        None => format!(
            "{label}: {} journeys × {designs} design{} = {} simulated journeys per run, {runs} run{} each\n",
            thousands(study.journeys),
            if designs == 1 { "" } else { "s" },
            thousands(study.journeys * designs),
            if runs == 1 { "" } else { "s" },
        ),
        Some(demand) => format!(
            "{label}: a simulated centre, {} replications × {designs} design{} of {} + {} days, {runs} run{} each\n",
            demand.replications,
            if designs == 1 { "" } else { "s" },
            demand.warmup_days,
            demand.days,
            if runs == 1 { "" } else { "s" },
        ),
    };
    let mut counts = vec![1];
    if threads > 1 {
        counts.push(threads);
    }
    let mut seconds: Vec<Vec<f64>> = vec![Vec::new(); counts.len()];
    let mut fingerprints: Vec<String> = Vec::new();
    // What one run simulates: journeys × designs, and for a centre its
    // events and arrivals (the same on every run).
    let mut work = (0u64, None);
    for _ in 0..runs {
        for (times, &t) in seconds.iter_mut().zip(&counts) {
            let start = Instant::now();
            let tally = tally_threads(study, t);
            let report = report(study, &tally);
            times.push(start.elapsed().as_secs_f64().max(1e-9));
            work = (report.journeys * designs, tally.centre_activity());
            if !fingerprints.contains(&report.fingerprint) {
                fingerprints.push(report.fingerprint);
            }
        }
    }
    if fingerprints.len() > 1 {
        return Err(CliError::Internal(format!(
            "runs of the same study gave different figures (fingerprints {})",
            fingerprints.join(", ")
        )));
    }
    let spreads: Vec<Spread> = seconds.iter().map(|times| Spread::of(times)).collect();
    let (simulated, activity) = work;
    if let Some((events, arrivals)) = activity {
        out.push_str(&format!(
            "  each run: {} counted journeys, {} customers arriving, {} events, {} replications\n",
            thousands(simulated),
            thousands(arrivals),
            thousands(events),
            thousands(chunk_count(study) * designs),
        ));
    }
    let speed = |count: u64, s: f64| rate(count as f64 / s);
    for (spread, &t) in spreads.iter().zip(&counts) {
        let speedup = if t == 1 { String::new() } else { format!(", {:.2}× one thread", spreads[0].median / spread.median) };
        out.push_str(&format!(
            "  {t:>3} {:<8} {:>11} journeys/s median (best {}, worst {}); {} a run{speedup}\n",
            if t == 1 { "thread:" } else { "threads:" },
            speed(simulated, spread.median),
            speed(simulated, spread.fastest),
            speed(simulated, spread.slowest),
            duration(spread.median),
        ));
        if let Some((events, arrivals)) = activity {
            out.push_str(&format!(
                "               {} events/s, {} customers/s, {} replications/s (median)\n",
                speed(events, spread.median),
                speed(arrivals, spread.median),
                rate((chunk_count(study) * designs) as f64 / spread.median),
            ));
        }
    }
    out.push_str(&format!("  fingerprint {} on every run\n", fingerprints.first().map_or("", String::as_str)));
    let memory = peak_memory().map_or_else(|| "unknown".to_owned(), bytes);
    out.push_str(&format!("  peak memory (resident): {memory}\n"));
    Ok(out)
}

/// The median, fastest and slowest of some run times [s].
#[derive(Debug, PartialEq)]
struct Spread {
    /// The mean of the middle two for an even count.
    median: f64,
    fastest: f64,
    slowest: f64,
}

impl Spread {
    /// Of at least one run time (none gives zeros).
    fn of(times: &[f64]) -> Self {
        let mut sorted = times.to_vec();
        sorted.sort_by(f64::total_cmp);
        let n = sorted.len();
        let median = match n {
            0 => 0.0,
            n if n % 2 == 1 => sorted[n / 2],
            n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
        };
        Self { median, fastest: sorted.first().copied().unwrap_or(0.0), slowest: sorted.last().copied().unwrap_or(0.0) }
    }
}

/// A run's wall time: milliseconds under a second, seconds above.
fn duration(seconds: f64) -> String {
    if seconds < 1.0 { format!("{:.0} ms", seconds * 1000.0) } else { format!("{seconds:.2} s") }
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

#[cfg(test)]
mod tests {
    use super::Spread;

    #[test]
    fn spread_of_odd_and_even_counts() {
        assert_eq!(Spread::of(&[3.0, 1.0, 2.0]), Spread { median: 2.0, fastest: 1.0, slowest: 3.0 });
        assert_eq!(Spread::of(&[4.0, 1.0, 3.0, 2.0]), Spread { median: 2.5, fastest: 1.0, slowest: 4.0 });
        assert_eq!(Spread::of(&[0.5]), Spread { median: 0.5, fastest: 0.5, slowest: 0.5 });
    }
}
