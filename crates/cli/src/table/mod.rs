//! `run --format table`: the report for a person at a terminal.
//!
//! ```text
//! title, journeys, seed
//! KPI | each design's estimate ± half-width | each variant's change [interval] | verdict
//! what the intervals are; fingerprint and run time
//! two customers' journeys, told once per design
//! ```

use std::time::Duration;

use journey_engine::report::{BusinessCase, StoryReport};
use journey_engine::{Estimate, Report};

use crate::format::{self, thousands};

mod capacity;
mod contact_channel;
mod year;

/// Stories told under the table.
const STORIES: usize = 2;

/// How the run went, for the footer.
pub struct RunInfo {
    pub elapsed: Duration,
    pub threads: usize,
}

/// The whole table output.
pub fn render(report: &Report, year: Option<&BusinessCase>, run: &RunInfo) -> String {
    let mut out = String::new();
    let designs = report.designs.len();
    out.push_str(&format!("{}\n", report.title));
    match report.replications {
        None => out.push_str(&format!(
            "{} journeys per design, {} design{}, seed {}\n\n",
            thousands(report.journeys),
            designs,
            if designs == 1 { "" } else { "s" },
            report.seed
        )),
        Some(replications) => out.push_str(&format!(
            "A simulated contact centre: {} counted journeys per design over {} replication{}, {} design{}, seed {}\n\n",
            thousands(report.journeys),
            replications,
            if replications == 1 { "" } else { "s" },
            designs,
            if designs == 1 { "" } else { "s" },
            report.seed
        )),
    }
    out.push_str(&kpi_table(report));
    out.push('\n');
    out.push_str(&contact_channel::table(report));
    out.push('\n');
    if report.replications.is_some() {
        out.push_str(&capacity::table(report));
        out.push('\n');
    }
    if let Some(year) = year {
        out.push_str(&year::table(year, &report.currency));
        out.push('\n');
    }
    let baseline = report
        .designs
        .first()
        .map_or("the baseline", |d| d.name.as_str());
    out.push_str(
        "± is the half-width of the 95% confidence interval (percentage points for rates).\n",
    );
    if designs > 1 {
        let paired = if report.replications.is_some() { "replication by replication" } else { "journey by journey" };
        out.push_str(&format!(
            "Changes are differences from {baseline} with their 95% interval, paired {paired}\n\
             (every design meets the same customers); a verdict needs the interval to exclude zero, and a\n\
             change is negligible when the whole interval lies within the smallest change that matters.\n"
        ));
    }
    if report.replications.is_some() {
        out.push_str(
            "Intervals of a simulated centre are over its replications (Student's t): journeys that share\n\
             queues are not independent.\n",
        );
    }
    out.push_str(&format!(
        "Fingerprint {}, simulated in {:.2} s on {} thread{}.\n",
        report.fingerprint,
        run.elapsed.as_secs_f64(),
        run.threads,
        if run.threads == 1 { "" } else { "s" }
    ));
    let stories = stories(report);
    if !stories.is_empty() {
        out.push('\n');
        out.push_str(&stories);
    }
    out
}

/// The KPI table: one row per KPI, aligned columns.
fn kpi_table(report: &Report) -> String {
    let Some(baseline) = report.designs.first() else {
        return String::new();
    };
    let mut header = vec!["KPI".to_owned()];
    header.extend(report.designs.iter().map(|d| d.name.clone()));
    for c in &report.comparisons {
        header.push(format!("{} vs {}", c.design, c.baseline));
        header.push("Verdict".to_owned());
    }
    let mut lines = vec![header];
    for row in format::rows(&baseline.kpis, &report.currency) {
        let mut line = vec![row.label.to_owned()];
        line.extend(
            report
                .designs
                .iter()
                .map(|d| row.scale.estimate_cell(d.kpis.get(row.key))),
        );
        for (c, design) in report.comparisons.iter().zip(report.designs.iter().skip(1)) {
            match c.kpis.get(row.key) {
                Some(d) => {
                    line.push(row.scale.difference_cell(d));
                    line.push(format::verdict(d.verdict).to_owned());
                }
                // The quantiles have no interval, hence no paired difference
                // from the engine: show the plain change, and no verdict.
                None => {
                    let value = |e: Option<&Estimate>| e.and_then(|e| e.estimate);
                    match (
                        value(design.kpis.get(row.key)),
                        value(baseline.kpis.get(row.key)),
                    ) {
                        (Some(v), Some(b)) => line.push(row.scale.change(v - b)),
                        _ => line.push("n/a".to_owned()),
                    }
                    line.push("(no interval)".to_owned());
                }
            }
        }
        lines.push(line);
    }
    align(&lines)
}

/// Left-aligned columns two spaces apart, with a rule under the header.
pub(crate) fn align(lines: &[Vec<String>]) -> String {
    let columns = lines.iter().map(Vec::len).max().unwrap_or(0);
    let width = |c: usize| {
        lines
            .iter()
            .filter_map(|l| l.get(c))
            .map(|s| s.chars().count())
            .max()
            .unwrap_or(0)
    };
    let widths: Vec<usize> = (0..columns).map(width).collect();
    let mut out = String::new();
    let mut write_line = |cells: &mut dyn Iterator<Item = (usize, &str)>| {
        let mut line = String::new();
        for (c, cell) in cells {
            if c > 0 {
                line.push_str("  ");
            }
            line.push_str(&format!("{cell:<w$}", w = widths[c]));
        }
        out.push_str(line.trim_end());
        out.push('\n');
    };
    for (i, cells) in lines.iter().enumerate() {
        write_line(&mut cells.iter().map(String::as_str).enumerate());
        if i == 0 {
            let rules: Vec<String> = widths.iter().map(|&w| "-".repeat(w)).collect();
            write_line(&mut rules.iter().map(String::as_str).enumerate());
        }
    }
    out
}

/// Two customers, each told once per design. Story *n* of every design is
/// the same customer, so the pair shows what a change does to one person.
/// Customers whose journeys differ between the baseline and the first
/// variant come first: they are the ones the change is about.
fn stories(report: &Report) -> String {
    let Some(baseline) = report.designs.first() else {
        return String::new();
    };
    let story_of = |design: usize, journey: u64| -> Option<&StoryReport> {
        report
            .designs
            .get(design)?
            .stories
            .iter()
            .find(|s| s.journey == journey)
    };
    let differs = |s: &&StoryReport| story_of(1, s.journey).is_some_and(|v| v.lines != s.lines);
    let mut chosen: Vec<&StoryReport> = baseline
        .stories
        .iter()
        .filter(differs)
        .take(STORIES)
        .collect();
    for s in &baseline.stories {
        if chosen.len() >= STORIES {
            break;
        }
        if !chosen.iter().any(|c| c.journey == s.journey) {
            chosen.push(s);
        }
    }
    chosen.sort_by_key(|s| s.journey);

    let mut out = String::new();
    for (n, first) in chosen.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        out.push_str(&format!(
            "Customer {} of the run ({}):\n",
            first.journey + 1,
            first.persona
        ));
        for (d, design) in report.designs.iter().enumerate() {
            let Some(story) = story_of(d, first.journey) else {
                continue;
            };
            let outcome = if story.resolved {
                "resolved"
            } else {
                "unresolved"
            };
            out.push_str(&format!(
                "  {}: {outcome}, satisfaction {:.0}\n",
                design.name, story.satisfaction
            ));
            for line in &story.lines {
                out.push_str(&format!("    {line}\n"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_align_by_characters_not_bytes() {
        let lines = vec![
            vec!["KPI".to_owned(), "A".to_owned()],
            vec!["x".to_owned(), "1 ± 2".to_owned()],
            vec!["longer".to_owned(), "3".to_owned()],
        ];
        let text = align(&lines);
        let rows: Vec<&str> = text.lines().collect();
        assert_eq!(rows[0], "KPI     A");
        assert_eq!(rows[1], "------  -----");
        assert_eq!(rows[2], "x       1 ± 2");
        assert_eq!(rows[3], "longer  3");
    }
}
