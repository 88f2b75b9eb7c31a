//! `run --format csv`: two tables, for a spreadsheet or a data frame.
//!
//! ```text
//! design,kpi,estimate,ci95_low,ci95_high                 one row per design and KPI
//! <blank line>
//! design,kpi,difference,ci95_low,ci95_high,verdict       one row per variant and KPI
//! ```
//!
//! The second table's `design` is the variant; its baseline is always the
//! first design of the first table. Numbers are written in full precision
//! (the shortest text that reads back as the same `f64`); a figure that is
//! undefined, or an interval the KPI does not have, is an empty field.

use journey_engine::{Report, Verdict};

/// The report as CSV text: the designs' table, a blank line, the
/// comparisons' table.
pub fn render(report: &Report) -> Result<String, csv::Error> {
    let mut designs = csv::Writer::from_writer(Vec::new());
    designs.write_record(["design", "kpi", "estimate", "ci95_low", "ci95_high"])?;
    for design in &report.designs {
        for (key, e) in &design.kpis.entries {
            let [lo, hi] = interval(e.ci95);
            designs.write_record([design.name.as_str(), key, &number(e.estimate), &lo, &hi])?;
        }
    }

    let mut comparisons = csv::Writer::from_writer(Vec::new());
    comparisons.write_record([
        "design",
        "kpi",
        "difference",
        "ci95_low",
        "ci95_high",
        "verdict",
    ])?;
    for comparison in &report.comparisons {
        for (key, d) in &comparison.kpis.entries {
            let [lo, hi] = interval(d.ci95);
            comparisons.write_record([
                comparison.design.as_str(),
                key,
                &number(d.estimate),
                &lo,
                &hi,
                &verdict(d.verdict),
            ])?;
        }
    }

    let mut text = into_string(designs)?;
    text.push('\n');
    text.push_str(&into_string(comparisons)?);
    Ok(text)
}

fn number(x: Option<f64>) -> String {
    x.map(|x| x.to_string()).unwrap_or_default()
}

fn interval(ci: Option<[f64; 2]>) -> [String; 2] {
    match ci {
        Some([lo, hi]) => [lo.to_string(), hi.to_string()],
        None => [String::new(), String::new()],
    }
}

/// The verdict exactly as the engine serialises it in JSON
/// (`no_detectable_difference`), so scripts can match either output.
fn verdict(v: Verdict) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(word)) => word,
        _ => String::new(),
    }
}

fn into_string(writer: csv::Writer<Vec<u8>>) -> Result<String, csv::Error> {
    let bytes = writer
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))?;
    // Every field above is a Rust string, so the bytes are UTF-8.
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
