//! The simulated centre's section of the table: each staffed pool's
//! figures per design, and each variant's change, then the staffing's
//! hours and cost.
//!
//! ```text
//! Pool figure                      | each design       | each variant's change [interval] | verdict
//! Phone (tier 1, live): offered/day   1,504 ± 12        -800 [-812, -788]                 better
//! …
//! ```

use journey_engine::report::{CapacityReport, PoolKey};
use journey_engine::{Difference, Estimate, QueueKind, Report};

use super::align;
use crate::format::{self, thousands};

/// The figures shown per pool, with their label and how to show them.
const FIGURES: [(&str, &str, Show); 7] = [
    ("offered_per_day", "contacts offered a day", Show::Count),
    ("service_level", "answered within target", Show::Percent),
    ("asa_minutes", "average speed of answer", Show::Minutes),
    ("abandonment", "abandoned", Show::Percent),
    ("closed_per_day", "found it closed, a day", Show::Count),
    ("occupancy", "occupancy", Show::Percent),
    ("agent_hours_per_day", "agent hours a day", Show::Count),
];

#[derive(Clone, Copy)]
enum Show {
    Count,
    Percent,
    Minutes,
    Money,
}

/// The section, or nothing for a report without a centre.
pub fn table(report: &Report) -> String {
    let capacities: Vec<&CapacityReport> = report.designs.iter().filter_map(|d| d.capacity.as_ref()).collect();
    if capacities.is_empty() {
        return String::new();
    }
    let mut header = vec!["Pool figure".to_owned()];
    header.extend(report.designs.iter().map(|d| d.name.clone()));
    for c in &report.comparisons {
        header.push(format!("{} vs {}", c.design, c.baseline));
        header.push("Verdict".to_owned());
    }
    let mut lines = vec![header];
    for PoolKey { channel, tier, queue } in &report.pools() {
        let queue = if *queue == QueueKind::Backlog { "backlog" } else { "live" };
        for (key, label, show) in FIGURES {
            let mut line = vec![format!("{channel} (tier {tier}, {queue}): {label}")];
            for capacity in &capacities {
                let estimate = capacity.pools.iter().find(|p| p.channel == *channel && p.tier == *tier).and_then(|p| p.figures.get(key));
                line.push(estimate.map_or("–".to_owned(), |e| cell(e, show, &report.currency)));
            }
            for comparison in &report.comparisons {
                let change = comparison
                    .capacity
                    .as_ref()
                    .and_then(|c| c.pools.iter().find(|p| p.channel == *channel && p.tier == *tier))
                    .and_then(|p| p.figures.get(key));
                push_change(&mut line, change, show, &report.currency);
            }
            lines.push(line);
        }
    }
    for (key, label) in [("agent_hours_per_day", "All pools: agent hours a day"), ("staffing_cost_per_day", "Staffing cost a day"), ("staffing_cost_per_journey", "Staffing cost per counted journey")] {
        let show = if key == "agent_hours_per_day" { Show::Count } else { Show::Money };
        let mut line = vec![label.to_owned()];
        for capacity in &capacities {
            line.push(capacity.staffing.get(key).map_or("–".to_owned(), |e| cell(e, show, &report.currency)));
        }
        for comparison in &report.comparisons {
            push_change(&mut line, comparison.capacity.as_ref().and_then(|c| c.staffing.get(key)), show, &report.currency);
        }
        lines.push(line);
    }
    let unfinished: u64 = capacities.iter().map(|c| c.unfinished_journeys).sum();
    let mut out = align(&lines);
    out.push_str(
        "Pool figures cover the contacts that entered each queue in the measured days (per measured day:\n\
         over every replication). Service level counts abandoned contacts as missed.\n",
    );
    if unfinished > 0 {
        out.push_str(&format!(
            "{} counted journeys were still going when the run-out ended; they count as having given up.\n",
            thousands(unfinished)
        ));
    }
    out
}

fn push_change(line: &mut Vec<String>, change: Option<&Difference>, show: Show, currency: &str) {
    match change {
        Some(d) => {
            let value = d.estimate.map_or("n/a".to_owned(), |x| number(x, show, currency, true));
            let interval = d.ci95.map_or(String::new(), |[lo, hi]| {
                format!(" [{}, {}]", number(lo, show, currency, true), number(hi, show, currency, true))
            });
            line.push(format!("{value}{interval}"));
            line.push(format::verdict(d.verdict).to_owned());
        }
        None => {
            line.push("–".to_owned());
            line.push(String::new());
        }
    }
}

fn cell(e: &Estimate, show: Show, currency: &str) -> String {
    match (e.estimate, e.ci95) {
        (None, _) => "n/a".to_owned(),
        (Some(x), None) => number(x, show, currency, false),
        (Some(x), Some([lo, hi])) => {
            let half = ((hi - lo) / 2.0).abs();
            // The currency once, as in the KPI table: "USD 0.97 ± 0.01".
            format!("{} ± {}", number(x, show, currency, false), number(half, show, "", false).trim_start())
        }
    }
}

fn number(x: f64, show: Show, currency: &str, signed: bool) -> String {
    let sign = if signed && x > 0.0 { "+" } else { "" };
    match show {
        Show::Count => format!("{sign}{}", grouped(x, if x.abs() < 100.0 { 1 } else { 0 })),
        // A change of a rate is in percentage points, as in the KPI table.
        Show::Percent if signed => format!("{sign}{:.1} pt", x * 100.0),
        Show::Percent => format!("{:.1}%", x * 100.0),
        Show::Minutes => format!("{sign}{:.2} min", x),
        Show::Money => format!("{currency} {sign}{}", grouped(x, 2)),
    }
}

/// `x` with `decimals` decimals and thousands separators.
fn grouped(x: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, x.abs());
    let (whole, fraction) = text.split_once('.').map_or((text.as_str(), None), |(w, f)| (w, Some(f)));
    let digits = thousands(whole.parse().unwrap_or(0));
    let minus = if x < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') { "-" } else { "" };
    match fraction {
        Some(f) => format!("{minus}{digits}.{f}"),
        None => format!("{minus}{digits}"),
    }
}
