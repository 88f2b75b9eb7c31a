//! `journey-sim`: the native command line of Journey Simulator.
//!
//! ```text
//! argv ──clap (args.rs)──▶ Command ──input.rs──▶ Study ──journey_engine::run_threads──▶ Report
//!                                                        └─ table.rs / json.rs / journey_engine::csv ──▶ stdout
//! ```
//!
//! Every command builds its whole output as text and writes it at the end,
//! so a failure never leaves half a report on stdout. Failures print one
//! clear message on stderr and exit 2 when the input is at fault (see
//! `error.rs`); the panic hook is a last line of defence that turns a bug
//! into a one-line message instead of a backtrace.

mod args;
mod bench;
mod error;
mod format;
mod input;
mod json;
mod levers;
mod staff;
mod table;
mod terminal;

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use journey_engine::csv::{CsvLayout, report_csv};
use journey_engine::{Study, link, presets, run_threads};

use crate::args::{BenchArgs, Cli, Command, Format, RunArgs, default_threads};
use crate::error::{CliError, EXIT_INTERNAL, problem_lines};
use crate::format::thousands;
use crate::input::Source;

fn main() -> ExitCode {
    install_panic_hook();
    let cli = Cli::parse();
    match execute(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            if !e.is_silent() {
                eprintln!("{}", terminal::safe(&e.to_string()));
            }
            e.exit_code()
        }
    }
}

fn execute(command: Command) -> Result<(), CliError> {
    match command {
        Command::Run(args) => run(args),
        Command::Presets => print(&list_presets()),
        Command::Preset { name } => print(&preset(&name)?),
        Command::Validate { study } => validate(&study),
        Command::Link { study } => {
            let (_, study) = input::load(&study)?;
            print(&format!("{}\n", link::encode(&study.to_json())))
        }
        Command::Bench(args) => bench(args),
        Command::Staff(args) => staff::staff(args),
        Command::Sensitivity(args) => levers::sensitivity_command(args),
        Command::Solve(args) => levers::solve_command(args),
    }
}

fn run(args: RunArgs) -> Result<(), CliError> {
    let format = match (args.full, args.format) {
        (false, format) => format.unwrap_or(Format::Table),
        (true, None | Some(Format::Json)) => Format::Json,
        (true, Some(_)) => return Err(CliError::Input("--full prints the whole report as JSON; it cannot be combined with --format table or csv".to_owned())),
    };
    let (source, mut study) = input::load(&args.study)?;
    override_study(&mut study, args.journeys, args.seed)?;
    override_replications(&mut study, args.replications)?;
    if let Some(name) = &args.against {
        study = against(&study, name)?;
    }
    warn(&source.label(), &study);
    let threads = args.threads.unwrap_or_else(default_threads);

    let start = Instant::now();
    let report = run_threads(&study, threads);
    let elapsed = start.elapsed();
    match (&study.demand, report.replications) {
        (None, _) if report.journeys != study.journeys => {
            return Err(CliError::Internal(format!(
                "the run simulated {} journeys per design instead of {}",
                report.journeys, study.journeys
            )));
        }
        (Some(demand), Some(r)) if r != u64::from(demand.replications) => {
            return Err(CliError::Internal(format!(
                "the run simulated {r} replications instead of {}",
                demand.replications
            )));
        }
        _ => {}
    }

    let year = journey_engine::report::business_case(&study, &report);
    let text = match format {
        // A table is for people wherever it goes: never raw control characters.
        Format::Table => terminal::safe(&table::render(&report, year.as_ref(), &table::RunInfo { elapsed, threads })).into_owned(),
        Format::Json => json::render(&report, year.as_ref(), args.full).map_err(|e| {
            CliError::Internal(format!("the report could not be written as JSON: {e}"))
        })?,
        Format::Csv => report_csv(&report, CsvLayout::TwoTables),
    };
    print(&text)
}

/// The study with design `name` first (`--against`), or a message naming
/// the designs there are.
fn against(study: &Study, name: &str) -> Result<Study, CliError> {
    let found = study.designs.iter().position(|d| d.name == name).and_then(|i| study.against(i));
    found.ok_or_else(|| {
        let names: Vec<String> = study.designs.iter().map(|d| format!("\"{}\"", d.name)).collect();
        CliError::Input(format!("--against: the study has no design called \"{name}\" (designs: {})", names.join(", ")))
    })
}

/// Applies `--journeys` and `--seed`. Both are in range by construction:
/// clap checked the journeys against the engine's limit, and every u64 is
/// a seed. A simulated centre has no journey count (its arrivals decide).
pub(crate) fn override_study(study: &mut Study, journeys: Option<u64>, seed: Option<u64>) -> Result<(), CliError> {
    if let Some(journeys) = journeys {
        if study.is_centre() {
            return Err(CliError::Input(
                "--journeys applies to independent journeys; this study is a simulated centre (it has demand), whose \
                 arrivals decide its journeys: use --replications"
                    .to_owned(),
            ));
        }
        study.journeys = journeys;
    }
    if let Some(seed) = seed {
        study.seed = seed;
    }
    Ok(())
}

/// Applies `--replications`, which only a simulated centre has.
pub(crate) fn override_replications(study: &mut Study, replications: Option<u32>) -> Result<(), CliError> {
    match (replications, &mut study.demand) {
        (None, _) => Ok(()),
        (Some(r), Some(demand)) => {
            demand.replications = r;
            Ok(())
        }
        (Some(_), None) => Err(CliError::Input(
            "--replications applies to a simulated centre (a study with demand); this study runs independent journeys: use --journeys".to_owned(),
        )),
    }
}

/// Prints the study's advice (what it holds but does not use, what looks
/// like a mistake) as warnings on standard error.
pub(crate) fn warn(source: &str, study: &Study) {
    for advice in journey_engine::advice(study) {
        eprintln!("{}", terminal::safe(&format!("warning: {source}: {advice}")));
    }
}

fn list_presets() -> String {
    let width = presets::all().iter().map(|p| p.id.len()).max().unwrap_or(0);
    let mut out = String::new();
    for p in presets::all() {
        out.push_str(&format!(
            "{:<width$}  {}\n{:<width$}  {}\n",
            p.id, p.name, "", p.summary
        ));
    }
    out
}

fn preset(name: &str) -> Result<String, CliError> {
    let preset = presets::find(name).ok_or_else(|| {
        let ids: Vec<&str> = presets::all().iter().map(|p| p.id).collect();
        CliError::Input(format!(
            "there is no preset '{name}'; the presets are {}",
            ids.join(", ")
        ))
    })?;
    // Printed as the engine writes it, so the file is exactly what a
    // round trip through the validator gives.
    let study = Study::from_json(preset.json)
        .map_err(|e| CliError::Internal(format!("preset '{}' is invalid: {e}", preset.id)))?;
    Ok(format!("{}\n", study.to_json_pretty()))
}

fn validate(arg: &str) -> Result<(), CliError> {
    let source = Source::classify(arg);
    let text = source.study_json()?;
    match Study::from_json(&text) {
        Ok(study) => {
            warn(&source.label(), &study);
            let names: Vec<&str> = study.designs.iter().map(|d| d.name.as_str()).collect();
            let designs = study.designs.len();
            let size = match &study.demand {
                None => format!("{} journeys per design", thousands(study.journeys)),
                Some(demand) => format!(
                    "a simulated centre of {} customers a day over {} measured day{}, {} replications",
                    thousands(demand.customers_per_day.round() as u64),
                    demand.days,
                    if demand.days == 1 { "" } else { "s" },
                    demand.replications
                ),
            };
            print(&format!(
                "ok: {}, {designs} design{} ({}), {size}, seed {}\n",
                study.title,
                if designs == 1 { "" } else { "s" },
                names.join(", "),
                study.seed
            ))
        }
        Err(error) => {
            // Just the problems, one per line: validate exists to list them.
            let mut stderr = io::stderr().lock();
            for line in problem_lines(&source.label(), &error) {
                writeln!(stderr, "{}", terminal::safe(&line)).map_err(CliError::Output)?;
            }
            Err(CliError::Reported)
        }
    }
}

fn bench(args: BenchArgs) -> Result<(), CliError> {
    let threads = args.threads.unwrap_or_else(default_threads);
    let mut studies = Vec::new();
    match (&args.study, &args.preset) {
        (Some(arg), _) => {
            let (source, study) = input::load(arg)?;
            studies.push((source.label(), study));
        }
        (None, Some(id)) => {
            let preset = presets::find(id).ok_or_else(|| {
                let ids: Vec<&str> = presets::all().iter().map(|p| p.id).collect();
                CliError::Input(format!("there is no preset '{id}'; the presets are {}", ids.join(", ")))
            })?;
            studies.push((preset.name.to_owned(), Source::Preset(preset).study()?));
        }
        // By default: independent journeys on the schema 1 Password reset
        // (the figure the engine's speed has always been measured by), and
        // the Password reset preset as a simulated centre.
        (None, None) => {
            let independent = Study::from_json(bench::INDEPENDENT_STUDY)
                .map_err(|e| CliError::Internal(format!("the benchmark study is invalid: {e}")))?;
            studies.push(("Password reset, independent journeys (schema 1)".to_owned(), independent));
            let preset = presets::find("password-reset").ok_or_else(|| CliError::Internal("no password-reset preset".to_owned()))?;
            studies.push(("Password reset, simulated centre".to_owned(), Source::Preset(preset).study()?));
        }
    }
    let mut out = String::new();
    for (label, mut study) in studies {
        if study.demand.is_none() {
            override_study(&mut study, Some(args.journeys), None)?;
        }
        if study.demand.is_some() {
            override_replications(&mut study, args.replications)?;
        }
        out.push_str(&bench::bench(&study, &label, threads, args.runs)?);
    }
    print(&out)
}

/// Writes the output in one go: as it is into a pipe or a file, with
/// control characters escaped on a terminal (see `terminal.rs`).
pub(crate) fn print(text: &str) -> Result<(), CliError> {
    let mut stdout = io::stdout().lock();
    let text = if stdout.is_terminal() { terminal::safe(text) } else { text.into() };
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(CliError::Output)
}

/// A bug must not show a user a backtrace, nor let a run go on without the
/// journeys a crashed worker thread held: print one line and exit.
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_owned());
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let _ = writeln!(
            io::stderr(),
            "{}",
            CliError::Internal(format!("{what}{place}"))
        );
        std::process::exit(i32::from(EXIT_INTERNAL));
    }));
}
