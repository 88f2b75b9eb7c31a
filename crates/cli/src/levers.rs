//! `journey-sim sensitivity` and `journey-sim solve`: which input of a
//! design moves a KPI most, and what value of one input reaches a target
//! (`journey_engine::sensitivity` and `journey_engine::break_even`, whose
//! module docs give the method).

use journey_engine::break_even::{BreakEven, break_even};
use journey_engine::report::KpiTable;
use journey_engine::sensitivity::{Sensitivity, sensitivity};
use journey_engine::{Difference, Estimate, Study, Verdict};
use serde_json::Value;

use crate::args::{Format, LeverRuns, SensitivityArgs, SolveArgs, default_threads};
use crate::error::CliError;
use crate::format::{Scale, rows};
use crate::table::align;
use crate::{input, override_replications, override_study, print, warn};

pub fn sensitivity_command(args: SensitivityArgs) -> Result<(), CliError> {
    let (format, study, design, threads) = prepare(&args.study, args.design.as_deref(), &args.runs, "sensitivity")?;
    let kpi = kpi_key(&args.kpi)?;
    let found = sensitivity(&study, design, kpi, threads).map_err(CliError::Input)?;
    let text = match format {
        Format::Json => json(&found)?,
        _ => sensitivity_table(&study, &found),
    };
    print(&text)
}

pub fn solve_command(args: SolveArgs) -> Result<(), CliError> {
    let (format, study, design, threads) = prepare(&args.study, args.design.as_deref(), &args.runs, "solve")?;
    let kpi = kpi_key(&args.kpi)?;
    let found = break_even(&study, design, args.input.trim(), kpi, args.target, threads).map_err(CliError::Input)?;
    let text = match format {
        Format::Json => json(&found)?,
        _ => solve_text(&study, &found),
    };
    print(&text)
}

/// The output format, the study with the run's overrides, the index of
/// the named design and the threads.
fn prepare(arg: &str, design: Option<&str>, runs: &LeverRuns, command: &str) -> Result<(Format, Study, usize, usize), CliError> {
    let format = match runs.format.unwrap_or(Format::Table) {
        Format::Csv => return Err(CliError::Input(format!("{command} prints a table or JSON (--format table or json)"))),
        f => f,
    };
    let (source, mut study) = input::load(arg)?;
    override_replications(&mut study, runs.replications)?;
    override_study(&mut study, runs.journeys, None)?;
    warn(&source.label(), &study);
    let index = match design {
        None => 0,
        Some(name) => study.designs.iter().position(|d| d.name.trim().eq_ignore_ascii_case(name.trim())).ok_or_else(|| {
            let names: Vec<&str> = study.designs.iter().map(|d| d.name.as_str()).collect();
            CliError::Input(format!("no design is called \"{name}\"; the designs are: {}", names.join(", ")))
        })?,
    };
    Ok((format, study, index, runs.threads.unwrap_or_else(default_threads)))
}

fn kpi_key(key: &str) -> Result<&'static str, CliError> {
    journey_engine::kpi::kpi(key.trim()).map(|k| k.key).ok_or_else(|| {
        let keys: Vec<&str> = journey_engine::KPIS.iter().chain(&journey_engine::kpi::DERIVED_KPIS).map(|k| k.key).collect();
        CliError::Input(format!("unknown KPI \"{key}\"; the KPIs are: {}", keys.join(", ")))
    })
}

fn json<T: serde::Serialize>(value: &T) -> Result<String, CliError> {
    let mut text = serde_json::to_string_pretty(value).map_err(|e| CliError::Internal(format!("the answer could not be written as JSON: {e}")))?;
    text.push('\n');
    Ok(text)
}

/// How the KPI's figures are written (its unit and decimals).
fn scale_of(study: &Study, kpi: &'static str, baseline: Estimate) -> Option<Scale> {
    let table = KpiTable { entries: vec![(kpi, baseline)] };
    rows(&table, &study.currency).into_iter().find(|r| r.key == kpi).map(|r| r.scale)
}

fn sensitivity_table(study: &Study, found: &Sensitivity) -> String {
    let label = journey_engine::kpi::kpi(&found.kpi).map_or(found.kpi.as_str(), |k| k.label);
    let Some(scale) = journey_engine::kpi::kpi(&found.kpi).and_then(|k| scale_of(study, k.key, found.baseline)) else {
        return format!("{label}: no figures\n");
    };
    let mut out = format!(
        "{}: {label} of {} is {}; each input moved one step down and up (probabilities ±5 pp, times and costs ±20%, agents ±10%), the same customers every time\n\n",
        study.title,
        found.design,
        scale.estimate_cell(Some(&found.baseline)),
    );
    let change = |e: &Option<Estimate>| match e {
        Some(e) => scale.difference_cell(&Difference { estimate: e.estimate, ci95: e.ci95, unpaired_ci95: None, verdict: Verdict::NotApplicable }),
        None => "—".to_owned(),
    };
    let mut lines = vec![vec!["Input".to_owned(), "Now".to_owned(), "Low".to_owned(), "Change".to_owned(), "High".to_owned(), "Change".to_owned()]];
    for e in &found.inputs {
        lines.push(vec![
            e.path.clone(),
            short(&e.value),
            e.low.as_ref().map_or("—".to_owned(), short),
            change(&e.low_effect),
            e.high.as_ref().map_or("—".to_owned(), short),
            change(&e.high_effect),
        ]);
    }
    out.push_str(&align(&lines));
    out.push_str("\nLargest swing first. Changes are paired differences from the unmoved design with their 95% intervals.\n");
    out
}

/// A value in one cell: a number, or a distribution or roster in brief.
fn short(value: &Value) -> String {
    match value {
        // 7.0 and 12 alike: the shortest text of the number.
        Value::Number(n) => n.as_f64().map_or_else(|| n.to_string(), |x| format!("{x}")),
        Value::Object(fields) => {
            let params: Vec<String> =
                fields.iter().filter(|(k, _)| k.as_str() != "kind").map(|(k, v)| format!("{k} {}", short(v))).collect();
            format!("{} ({})", fields.get("kind").and_then(Value::as_str).unwrap_or("?"), params.join(", "))
        }
        Value::Array(items) => {
            let peak = items.iter().filter_map(Value::as_f64).fold(0.0, f64::max);
            format!("roster, peak {peak}")
        }
        other => other.to_string(),
    }
}

fn solve_text(study: &Study, found: &BreakEven) -> String {
    let label = journey_engine::kpi::kpi(&found.kpi).map_or(found.kpi.as_str(), |k| k.label);
    let estimate = Estimate { estimate: Some(found.kpi_now), ci95: None };
    let value = |x: f64| journey_engine::kpi::kpi(&found.kpi).and_then(|k| scale_of(study, k.key, estimate)).map_or(format!("{x}"), |s| s.value(x));
    let end = |x: Option<f64>| x.map_or("out of range".to_owned(), |x| format!("{x:.4}"));
    format!(
        "{}: {label} of {} reaches {} when {} is {:.4} (95% interval {} to {}; now {}, where {label} is {}).\n\
         Searched from {} to {}, every value meeting the same customers.\n",
        study.title,
        found.design,
        value(found.target),
        found.input,
        found.value,
        end(found.ci95[0]),
        end(found.ci95[1]),
        found.current,
        value(found.kpi_now),
        brief(found.range[0]),
        brief(found.range[1]),
    )
}

/// A number to four decimals at most: 0.96, not 0.9599998474121093.
fn brief(x: f64) -> String {
    let text = format!("{x:.4}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}
