//! The command line's grammar: subcommands, options and the parsers that
//! turn option text into checked values.
//!
//! Everything a flag can get wrong is caught here, before any study is
//! read, so clap reports it as a usage error (exit code 2) naming the flag.
//! What a study file can get wrong is the engine's validator's business
//! (see `input.rs`).

use clap::{Args, Parser, Subcommand, ValueEnum};
use journey_engine::MAX_JOURNEYS;

/// Most worker threads `--threads` accepts. More threads than cores only
/// costs memory; this cap stops a typo (`--threads 40000`) from spawning
/// tens of thousands of them.
pub const MAX_THREADS: usize = 1024;

/// Journeys per design `bench` simulates unless told otherwise.
pub const BENCH_JOURNEYS: u64 = 2_000_000;
/// Runs per thread count `bench` times unless told otherwise: enough for
/// a median that one slow run on a shared machine does not move.
pub const BENCH_RUNS: usize = 7;
/// The most runs `bench` takes.
pub const MAX_RUNS: usize = 1000;

/// Simulate contact-centre customer journeys: compare a current design with
/// improved ones, KPI by KPI, with 95% confidence intervals.
///
/// STUDY is a study JSON file, `-` for standard input, a share link (a URL
/// containing `#s1.` or a bare `s1.` fragment), or the id of a built-in
/// preset (see `journey-sim presets`).
#[derive(Debug, Parser)]
#[command(name = "journey-sim", version, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Simulate a study and report every KPI, every variant's change from
    /// the baseline and two customers' journeys.
    Run(RunArgs),
    /// List the built-in example studies.
    Presets,
    /// Print a built-in example study as a study file.
    Preset {
        /// Preset id or name, as `journey-sim presets` lists them.
        name: String,
    },
    /// Check a study and print every problem with its field path.
    Validate {
        /// Study file, `-`, share link or preset id.
        #[arg(value_name = "STUDY")]
        study: String,
    },
    /// Print the share-link fragment (`s1.…`) of a study.
    Link {
        /// Study file, `-`, share link or preset id.
        #[arg(value_name = "STUDY")]
        study: String,
    },
    /// Measure simulation speed on one thread and on several, and peak memory.
    Bench(BenchArgs),
    /// Find the fewest agents per hour that meet a service-level target,
    /// for every live staffed pool of every design of a simulated centre.
    Staff(StaffArgs),
    /// Rank a design's inputs by how far one step of each moves a KPI
    /// (probabilities ±5 pp, times and costs ±20%, agents ±10%), with
    /// paired intervals.
    Sensitivity(SensitivityArgs),
    /// Find the value of one input of a design at which a KPI reaches a
    /// target, with its interval.
    Solve(SolveArgs),
}

/// How `sensitivity` and `solve` run the study, and print.
#[derive(Debug, Args)]
pub struct LeverRuns {
    /// Simulated customers per design, instead of the study's.
    #[arg(long, value_name = "N", value_parser = parse_journeys)]
    pub journeys: Option<u64>,
    /// Replications of a simulated centre, instead of the study's.
    #[arg(long, value_name = "R", value_parser = parse_replications)]
    pub replications: Option<u32>,
    /// Worker threads [default: available parallelism].
    #[arg(long, value_name = "T", value_parser = parse_threads)]
    pub threads: Option<usize>,
    /// Output format: `table` (default) or `json`.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,
}

#[derive(Debug, Args)]
pub struct SensitivityArgs {
    /// Study file, `-`, share link or preset id.
    #[arg(value_name = "STUDY")]
    pub study: String,
    /// The design whose inputs are moved [default: the first].
    #[arg(long, value_name = "NAME")]
    pub design: Option<String>,
    /// The KPI to rank by (a key `journey-sim run --format json` prints,
    /// such as cost_per_journey).
    #[arg(long, value_name = "KEY")]
    pub kpi: String,
    #[command(flatten)]
    pub runs: LeverRuns,
}

#[derive(Debug, Args)]
pub struct SolveArgs {
    /// Study file, `-`, share link or preset id.
    #[arg(value_name = "STUDY")]
    pub study: String,
    /// The design whose input is moved [default: the first].
    #[arg(long, value_name = "NAME")]
    pub design: Option<String>,
    /// The input, as a field path such as
    /// designs[0].channels[1].self_service.containment.
    #[arg(long, value_name = "FIELD_PATH")]
    pub input: String,
    /// The KPI that must reach the target.
    #[arg(long, value_name = "KEY")]
    pub kpi: String,
    /// The value the KPI must reach.
    #[arg(long, value_name = "X", allow_negative_numbers = true)]
    pub target: f64,
    #[command(flatten)]
    pub runs: LeverRuns,
}

#[derive(Debug, Args)]
pub struct StaffArgs {
    /// Study file, `-`, share link or preset id (a simulated centre).
    #[arg(value_name = "STUDY")]
    pub study: String,
    /// Service-level target as PERCENT/SECONDS: `80/20` is 80% of contacts
    /// answered within 20 seconds.
    #[arg(long, value_name = "PERCENT/SECONDS", value_parser = parse_target, default_value = "80/20")]
    pub target: journey_engine::agents_needed::Target,
    /// Replications of each evaluation, instead of the study's (2 to 1,000).
    #[arg(long, value_name = "R", value_parser = parse_replications)]
    pub replications: Option<u32>,
    /// Worker threads [default: available parallelism].
    #[arg(long, value_name = "T", value_parser = parse_threads)]
    pub threads: Option<usize>,
    /// Output format: `table` (default) or `json`.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,
}

/// Reads a service-level target: `80/20` (percent answered / seconds).
pub fn parse_target(text: &str) -> Result<journey_engine::agents_needed::Target, String> {
    let bad = || format!("must be PERCENT/SECONDS such as 80/20 (a percentage above 0 and at most 100, then seconds above 0), not '{text}'");
    let (share, seconds) = text.trim().split_once('/').ok_or_else(bad)?;
    let share: f64 = share.trim().trim_end_matches('%').parse().map_err(|_| bad())?;
    let seconds: f64 = seconds.trim().trim_end_matches('s').trim().parse().map_err(|_| bad())?;
    if !(share > 0.0 && share <= 100.0 && seconds > 0.0 && seconds <= 86_400.0 * 7.0) {
        return Err(bad());
    }
    Ok(journey_engine::agents_needed::Target { share: share / 100.0, seconds })
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// Study file, `-`, share link or preset id.
    #[arg(value_name = "STUDY")]
    pub study: String,
    /// Simulated customers per design, instead of the study's (1 to
    /// 10,000,000; `2,000,000` and `2_000_000` are accepted).
    #[arg(long, value_name = "N", value_parser = parse_journeys)]
    pub journeys: Option<u64>,
    /// Base random seed, instead of the study's.
    #[arg(long, value_name = "S")]
    pub seed: Option<u64>,
    /// Replications of a simulated centre (a study with demand), instead
    /// of the study's (2 to 1,000).
    #[arg(long, value_name = "R", value_parser = parse_replications)]
    pub replications: Option<u32>,
    /// Compare every design with this one (by name) instead of the first:
    /// two variants compared directly, with paired intervals.
    #[arg(long, value_name = "DESIGN")]
    pub against: Option<String>,
    /// Worker threads [default: available parallelism]. The figures are
    /// identical whatever the number.
    #[arg(long, value_name = "T", value_parser = parse_threads)]
    pub threads: Option<usize>,
    /// Output format [default: table].
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,
    /// Print the whole report as JSON: breakdowns, histograms, flows, stage
    /// satisfaction and stories.
    #[arg(long)]
    pub full: bool,
}

#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Simulated customers per design.
    #[arg(long, value_name = "N", value_parser = parse_journeys, default_value_t = BENCH_JOURNEYS)]
    pub journeys: u64,
    /// Threads for the parallel run [default: available parallelism].
    #[arg(long, value_name = "T", value_parser = parse_threads)]
    pub threads: Option<usize>,
    /// Built-in preset to simulate [default: Password reset, as
    /// independent journeys and as a simulated centre].
    #[arg(long, value_name = "ID")]
    pub preset: Option<String>,
    /// Study file, `-` or share link to simulate instead of a preset.
    #[arg(long, value_name = "STUDY", conflicts_with = "preset")]
    pub study: Option<String>,
    /// Runs on each thread count, taking turns; the bench reports the
    /// median, best and worst.
    #[arg(long, value_name = "R", value_parser = parse_runs, default_value_t = BENCH_RUNS)]
    pub runs: usize,
    /// Replications of a simulated centre, instead of the study's.
    #[arg(long, value_name = "R", value_parser = parse_replications)]
    pub replications: Option<u32>,
}

/// Reads a replication count: a whole number from 2 to 1,000.
pub fn parse_replications(text: &str) -> Result<u32, String> {
    use journey_engine::{MAX_REPLICATIONS, MIN_REPLICATIONS};
    match text.trim().parse::<u32>() {
        Ok(r) if (MIN_REPLICATIONS..=MAX_REPLICATIONS).contains(&r) => Ok(r),
        _ => Err(format!("must be a whole number of replications from {MIN_REPLICATIONS} to {MAX_REPLICATIONS}, not '{text}'")),
    }
}

/// How `run` prints its report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned table for reading, with two customers' stories.
    Table,
    /// KPIs and comparisons as JSON.
    Json,
    /// One row per design and KPI, then one per comparison and KPI.
    Csv,
}

/// Reads a journey count: a whole number from 1 to [`MAX_JOURNEYS`], with
/// `,` or `_` allowed between digits as people write large numbers.
pub fn parse_journeys(text: &str) -> Result<u64, String> {
    let range = format!(
        "a whole number from 1 to {}",
        crate::format::thousands(MAX_JOURNEYS)
    );
    let n = parse_grouped(text).ok_or_else(|| format!("expected {range}"))?;
    if (1..=MAX_JOURNEYS).contains(&n) {
        Ok(n)
    } else {
        Err(format!("{n} is out of range: expected {range}"))
    }
}

/// Reads a thread count: 1 to [`MAX_THREADS`].
pub fn parse_threads(text: &str) -> Result<usize, String> {
    parse_count(text, MAX_THREADS)
}

/// Reads a number of bench runs: 1 to [`MAX_RUNS`].
pub fn parse_runs(text: &str) -> Result<usize, String> {
    parse_count(text, MAX_RUNS)
}

/// Reads a whole number from 1 to `max`.
fn parse_count(text: &str, max: usize) -> Result<usize, String> {
    let range = format!("a whole number from 1 to {max}");
    let n = parse_grouped(text).ok_or_else(|| format!("expected {range}"))?;
    match usize::try_from(n) {
        Ok(count) if (1..=max).contains(&count) => Ok(count),
        _ => Err(format!("{n} is out of range: expected {range}")),
    }
}

/// A non-negative whole number whose digits may be grouped by `,` or `_`
/// (but may not start or end with a separator).
fn parse_grouped(text: &str) -> Option<u64> {
    let text = text.trim();
    let starts_or_ends_badly = |c: char| c == ',' || c == '_';
    if text.is_empty()
        || text.starts_with(starts_or_ends_badly)
        || text.ends_with(starts_or_ends_badly)
    {
        return None;
    }
    let digits: String = text.chars().filter(|&c| c != ',' && c != '_').collect();
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// The threads to use when `--threads` is not given.
pub fn default_threads() -> usize {
    std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(MAX_THREADS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn journeys_accept_grouped_digits_within_the_limits() {
        assert_eq!(parse_journeys("2000000"), Ok(2_000_000));
        assert_eq!(parse_journeys("2,000,000"), Ok(2_000_000));
        assert_eq!(parse_journeys("10_000_000"), Ok(10_000_000));
        assert_eq!(parse_journeys("1"), Ok(1));
        for bad in [
            "0",
            "10000001",
            "",
            "-5",
            "1e6",
            "2.5",
            ",5",
            "5_",
            "many",
            "99999999999999999999999",
        ] {
            assert!(parse_journeys(bad).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn threads_accept_one_to_the_cap() {
        assert_eq!(parse_threads("1"), Ok(1));
        assert_eq!(parse_threads("1024"), Ok(1024));
        for bad in ["0", "1025", "two", "-1"] {
            assert!(parse_threads(bad).is_err(), "{bad:?} was accepted");
        }
    }
}
