//! The screen-reader summary of every chart says the true figures: each
//! number in it is checked here against the engine's report, formatted as
//! the summary formats it.

use journey_engine::Report;

use super::histogram::{Metric, Mode, distribution};
use super::{emotion_curve, pain_points, sankey};
use crate::results::format::number;
use crate::results::test_support::report_of;

const PRESETS: [&str; 4] = ["password-reset", "pro-photographer", "help-centre-still-calls", "omnichannel-continuity"];

fn kpi(report: &Report, design: usize, key: &str) -> f64 {
    report.designs[design].kpis.get(key).and_then(|e| e.estimate).unwrap_or_else(|| panic!("{key}"))
}

#[test]
fn distribution_medians_are_the_engines() {
    for id in PRESETS {
        let report = report_of(id, 4096);
        for (d, design) in report.designs.iter().enumerate() {
            let contacts = distribution(&report, Metric::Contacts, Mode::Histogram);
            let whole = design.histograms.contacts.quantile_whole(0.5);
            assert_eq!(contacts.series[d].median, whole, "{id}");
            let share_of_one = design.histograms.contacts.counts[0] as f64 / design.histograms.contacts.total() as f64;
            if share_of_one >= 0.5 {
                assert_eq!(whole, Some(1.0), "{id}: {share_of_one} of journeys have one contact");
            }
            assert!(contacts.summary().contains(&format!("{} {}", design.name, number(whole.unwrap_or(0.0), 0, false))), "{}", contacts.summary());

            let hours = distribution(&report, Metric::HoursToResolution, Mode::Cdf);
            assert_eq!(hours.series[d].median, design.kpis.get("hours_to_resolution_p50").and_then(|e| e.estimate), "{id}");
        }
    }
}

#[test]
fn no_bin_reads_as_an_empty_range() {
    for id in PRESETS {
        let report = report_of(id, 4096);
        for metric in [Metric::Cost, Metric::HoursToResolution, Metric::Satisfaction] {
            for bin in distribution(&report, metric, Mode::Histogram).bins {
                if let Some((a, b)) = bin.label.split_once(" to ") {
                    assert_ne!(a, b, "{id}: bin {:?}", bin.label);
                }
            }
        }
    }
}

#[test]
fn path_summaries_are_the_reported_rates() {
    for id in PRESETS {
        let report = report_of(id, 4096);
        for d in 0..report.designs.len() {
            let design = &report.designs[d];
            let channels: Vec<String> = design.by_channel.iter().map(|c| c.name.clone()).collect();
            let summary = sankey::Sankey::new(&design.name, d, &design.flow, &channels).summary();
            let percent = |key: &str| format!("{}%", number(kpi(&report, d, key) * 100.0, 0, false));
            for key in ["resolution_rate", "first_contact_resolution", "gave_up_rate"] {
                assert!(summary.contains(&percent(key)), "{id}: {summary} lacks {key} {}", percent(key));
            }
        }
    }
}

#[test]
fn emotion_summary_runs_from_the_first_stage_to_the_final_satisfaction() {
    for id in PRESETS {
        let report = report_of(id, 4096);
        let summary = emotion_curve::emotion_curve(&report).summary();
        for (d, design) in report.designs.iter().enumerate() {
            let first = design.stages[0].mean.expect("contact");
            let last = kpi(&report, d, "satisfaction");
            let words = format!("{} from {} to {}", design.name, number(first, 1, false), number(last, 1, false));
            assert!(summary.contains(&words), "{id}: {summary} lacks {words}");
        }
    }
}

#[test]
fn pain_point_summary_names_the_worst_with_the_engines_figures() {
    for id in PRESETS {
        let report = report_of(id, 4096);
        let chart = pain_points::pain_points(&report);
        let summary = chart.summary();
        let worst = &chart.labels[0];
        let top = report.designs.iter().flat_map(|d| d.pain_points.iter()).fold(0.0f64, |m, p| m.max(p.per_thousand));
        assert!(report.designs.iter().any(|d| d.pain_points.iter().any(|p| p.label == worst && p.per_thousand == top)), "{id}");
        for design in &report.designs {
            let value = design.pain_points.iter().find(|p| p.label == worst).map_or(0.0, |p| p.per_thousand);
            assert!(summary.contains(&format!("{} {}", design.name, number(value, 0, false))), "{id}: {summary}");
        }
    }
}
