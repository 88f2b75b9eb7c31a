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
    }
}

fn run(args: RunArgs) -> Result<(), CliError> {
    let format = match (args.full, args.format) {
        (false, format) => format.unwrap_or(Format::Table),
        (true, None | Some(Format::Json)) => Format::Json,
        (true, Some(_)) => return Err(CliError::Input("--full prints the whole report as JSON; it cannot be combined with --format table or csv".to_owned())),
    };
    let (_, mut study) = input::load(&args.study)?;
    override_study(&mut study, args.journeys, args.seed);
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

    let text = match format {
        // A table is for people wherever it goes: never raw control characters.
        Format::Table => terminal::safe(&table::render(&report, &table::RunInfo { elapsed, threads })).into_owned(),
        Format::Json => json::render(&report, args.full).map_err(|e| {
            CliError::Internal(format!("the report could not be written as JSON: {e}"))
        })?,
        Format::Csv => report_csv(&report, CsvLayout::TwoTables),
    };
    print(&text)
}

/// Applies `--journeys` and `--seed`. Both are in range by construction:
/// clap checked the journeys against the engine's limit, and every u64 is
/// a seed.
fn override_study(study: &mut Study, journeys: Option<u64>, seed: Option<u64>) {
    if let Some(journeys) = journeys {
        study.journeys = journeys;
    }
    if let Some(seed) = seed {
        study.seed = seed;
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
            let names: Vec<&str> = study.designs.iter().map(|d| d.name.as_str()).collect();
            let designs = study.designs.len();
            print(&format!(
                "ok: {}, {designs} design{} ({}), {} journeys per design, seed {}\n",
                study.title,
                if designs == 1 { "" } else { "s" },
                names.join(", "),
                thousands(study.journeys),
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
    let (label, mut study) = match &args.study {
        Some(arg) => {
            let (source, study) = input::load(arg)?;
            (source.label(), study)
        }
        None => {
            let preset = presets::find(&args.preset).ok_or_else(|| {
                let ids: Vec<&str> = presets::all().iter().map(|p| p.id).collect();
                CliError::Input(format!(
                    "there is no preset '{}'; the presets are {}",
                    args.preset,
                    ids.join(", ")
                ))
            })?;
            let study = Source::Preset(preset).study()?;
            (preset.name.to_owned(), study)
        }
    };
    override_study(&mut study, Some(args.journeys), None);
    let threads = args.threads.unwrap_or_else(default_threads);
    print(&bench::bench(&study, &label, threads, args.runs)?)
}

/// Writes the output in one go: as it is into a pipe or a file, with
/// control characters escaped on a terminal (see `terminal.rs`).
fn print(text: &str) -> Result<(), CliError> {
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
