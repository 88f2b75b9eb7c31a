//! The results view: what the current study's simulation says, for CX
//! strategists deciding on a change and for trainers telling it.
//!
//! ```text
//!  SimulationContext { report, study, status, convergence }   (src/run/)
//!     │
//!     ├─▶ status line: preview / refining / done
//!     ├─▶ comparison.rs    one table: every KPI × design, each variant's change, biggest first
//!     ├─▶ kpi_cards.rs     every KPI, every design, changes and verdicts
//!     ├─▶ capacity_cards.rs a simulated centre's pools: service level, waits, occupancy
//!     ├─▶ agents_needed.rs the fewest agents per hour meeting a target (workers), applied with a click
//!     ├─▶ business_case.rs what each design costs a year, what a variant saves
//!     ├─▶ stories.rs       the same customer in Current and Improved
//!     ├─▶ charts/          distributions, journey paths, emotion curve,
//!     │                    pain points, precision (plotters on <canvas>)
//!     ├─▶ group_tables.rs  by persona, by first channel
//!     ├─▶ export.rs        downloads: the engine's CSV of everything; each chart as SVG / PNG
//!     ├─▶ how_it_works.rs  the model and the verdicts in plain words (a dialog)
//!     └─▶ print.rs         the one-page printable report
//! ```
//!
//! Everything that computes (formatting, card contents, bins, layouts,
//! story picks) is plain Rust with native tests; components only lay
//! the results out. Nothing here writes to the study or the run.

pub mod agents_needed;
pub mod business_case;
pub mod capacity_cards;
pub mod charts;
pub mod comparison;
pub mod contact_channels;
pub mod export;
pub mod format;
pub mod group_tables;
pub mod how_it_works;
pub mod kpi_cards;
pub mod print;
pub mod print_pages;
pub mod sensitivity;
pub mod stories;
#[cfg(test)]
pub mod test_support;
pub mod verdict;

use journey_engine::Report;
use journey_engine::csv::{CsvLayout, report_csv};
use leptos::prelude::*;

use charts::canvas::ChartFigure;
use charts::histogram::{Metric, Mode};
use charts::{Chart, convergence, emotion_curve, histogram, pain_points, sankey};
use format::{count, number};
use group_tables::GroupTables;
use agents_needed::AgentsNeeded;
use business_case::BusinessCaseView;
use capacity_cards::CapacityCards;
use kpi_cards::KpiCards;
use print::PrintReport;
use sensitivity::SensitivityPanel;
use stories::Stories;

use crate::run::{RunStatus, SimulationContext, Unit};

/// What the status line says, and how it looks.
pub fn status_line(status: &RunStatus, report: Option<&Report>) -> (String, &'static str) {
    match status {
        RunStatus::Idle => ("Waiting for the simulation to start…".to_owned(), "status-idle"),
        RunStatus::Running { preview: true, done: 0, total, unit: Unit::Replications, .. } => {
            (format!("Simulating the first of {} replications…", count(*total)), "status-preview")
        }
        RunStatus::Running { preview: true, done, total, unit: Unit::Replications, .. } => {
            (format!("Preview from {} of {} replications; refining…", count(*done), count(*total)), "status-preview")
        }
        RunStatus::Running { preview: true, total, .. } => (
            format!(
                "Preview from the first {} journeys per design; refining toward {}…",
                report.map_or("few".to_owned(), |r| count(r.journeys)),
                count(*total)
            ),
            "status-preview",
        ),
        RunStatus::Running { done, total, unit, eta_seconds, .. } => {
            let eta = eta_seconds.map(|s| format!(", about {} s left", number(s.max(1.0), 0, false))).unwrap_or_default();
            (format!("Refining: {} of {} {}{eta}…", count(*done), count(*total), unit.words(*total)), "status-refining")
        }
        RunStatus::Done { seconds, done, unit, journeys } => {
            let took = if *seconds < 0.1 { "under 0.1".to_owned() } else { number(*seconds, 1, false) };
            let what = match unit {
                Unit::Journeys => format!("{} journeys per design", count(*done)),
                Unit::Replications => format!("{} replications of the centre ({} customers per design)", count(*done), count(*journeys)),
            };
            (format!("{what}, simulated in {took} s."), "status-done")
        }
        RunStatus::Cancelled { done, unit, .. } => {
            (format!("Stopped at {} {}: intervals are wider than a full run's.", count(*done), unit.words(*done)), "status-cancelled")
        }
        RunStatus::Failed { message } => (format!("The simulation failed: {message}"), "status-failed error"),
    }
}

/// The status line while the draft has problems: the figures are those of
/// the last valid study.
pub fn stale((text, class): (String, &'static str)) -> (String, &'static str) {
    let class = match class {
        "status-done" => "status-done status-stale",
        "status-cancelled" => "status-cancelled status-stale",
        _ => class,
    };
    (format!("Not updated: a field in the editor is invalid, so these are the last valid study's figures. ({text})"), class)
}

/// The whole results view.
#[component]
pub fn Results() -> impl IntoView {
    let sim = SimulationContext::get();
    let report = sim.report;
    let (mode, set_mode) = signal(Mode::Histogram);
    let slug = Memo::new(move |_| report.with(|r| r.as_ref().map(|r| export::file_slug(&r.title)).unwrap_or_default()));
    let has_report = move || report.with(Option::is_some);
    let design_count = Memo::new(move |_| report.with(|r| r.as_ref().map_or(0, |r| r.designs.len())));
    // While a field on screen is invalid the run keeps the last valid
    // study: the results say so instead of a plain "done".
    let state = crate::state::StudyState::get();
    let status = move || {
        let line = sim.status.with(|s| report.with(|r| status_line(s, r.as_deref())));
        if state.draft_is_valid() { line } else { stale(line) }
    };
    let busy = move || sim.status.with(RunStatus::is_running);

    let download_csv = move |_| {
        report.with_untracked(|r| {
            if let Some(r) = r {
                export::download_text(
                    &format!("{}-results.csv", slug.get_untracked()),
                    "text/csv;charset=utf-8",
                    &report_csv(r, CsvLayout::OneTable),
                );
            }
        })
    };
    let print = move |_| {
        let _ = window().print();
    };

    view! {
        <section id="results" class="results panel" aria-labelledby="results-heading" aria-busy=move || busy().to_string()>
            <header class="results-header">
                <h2 id="results-heading">"Results"</h2>
                <p class=move || format!("results-status {}", status().1) role="status" data-status=move || status().1>
                    {move || status().0}
                </p>
                <div class="results-actions no-print">
                    <crate::present::PresentButton />
                    <how_it_works::HowItWorks />
                    <button type="button" class="secondary" on:click=download_csv disabled=move || !has_report()>
                        "Download CSV"
                    </button>
                    <button type="button" class="secondary" on:click=print disabled=move || !has_report()>
                        "Print report"
                    </button>
                </div>
            </header>
            <p class="results-empty" hidden=has_report>
                "Results appear here as soon as the first journeys are simulated."
            </p>
            // Mounted once and hidden while there is no report (a study just
            // changed): a new study's results then update the same cards and
            // canvases instead of building the whole view again.
            <div class="results-body" hidden=move || !has_report()>
                <PrintReport report=report study=sim.study />
                <comparison::ComparisonTable report=report study=sim.study />
                <KpiCards report=report />
                <CapacityCards report=report study=sim.study />
                <AgentsNeeded study=sim.study />
                <BusinessCaseView report=report study=sim.study />
                <Stories report=report study=sim.study />
                <section class="results-section distributions" aria-labelledby="distributions-heading">
                    <div class="section-head">
                        <h3 id="distributions-heading">"Distributions"</h3>
                        <div class="toggle no-print" role="group" aria-label="Show distributions as">
                            {[(Mode::Histogram, "Histogram"), (Mode::Cdf, "Cumulative (CDF)")]
                                .into_iter()
                                .map(|(m, label)| {
                                    view! {
                                        <button
                                            type="button"
                                            class="toggle-option"
                                            data-mode=m.key()
                                            aria-pressed=move || (mode.get() == m).to_string()
                                            on:click=move |_| set_mode.set(m)
                                        >
                                            {label}
                                        </button>
                                    }
                                })
                                .collect_view()}
                        </div>
                    </div>
                    <div class="chart-grid">
                        {Metric::ALL
                            .into_iter()
                            .map(|metric| {
                                let chart = Memo::new(move |_| {
                                    let m = mode.get();
                                    report.with(|r| r.as_ref().map(|r| Chart::Distribution(histogram::distribution(r, metric, m))))
                                });
                                let stem = Signal::derive(move || format!("{}-{}-{}", slug.get(), metric.key(), mode.get().key()));
                                let key = metric == Metric::HoursToResolution;
                                view! {
                                    <div class="chart-cell" class:print-key=key>
                                        <ChartFigure chart=chart file_stem=stem />
                                    </div>
                                }
                            })
                            .collect_view()}
                    </div>
                </section>
                <section class="results-section paths" aria-labelledby="paths-heading">
                    <h3 id="paths-heading">"Journey paths"</h3>
                    <p class="section-note">
                        "Where customers go, contact by contact. Band widths are journeys; every design is drawn to the same scale."
                    </p>
                    {move || {
                        // Figures are made once per design (a new report
                        // redraws them; only a new number of designs
                        // makes new ones).
                        (0..design_count.get())
                            .map(|i| {
                                let chart = Memo::new(move |_| report.with(|r| r.as_ref().and_then(|r| sankey_of(r, i))));
                                let stem = Signal::derive(move || format!("{}-paths-{}", slug.get(), i + 1));
                                view! {
                                    <div class="chart-cell wide">
                                        <ChartFigure chart=chart file_stem=stem />
                                    </div>
                                }
                            })
                            .collect_view()
                    }}
                </section>
                <section class="results-section experience" aria-labelledby="experience-heading">
                    <h3 id="experience-heading">"Experience and pain points"</h3>
                    <p class="section-note">{emotion_curve::WHAT_IT_AVERAGES}</p>
                    <div class="chart-grid">
                        <div class="chart-cell print-key">
                            <ChartFigure
                                chart=Memo::new(move |_| report.with(|r| r.as_ref().map(|r| Chart::Emotion(emotion_curve::emotion_curve(r)))))
                                file_stem=Signal::derive(move || format!("{}-emotion-curve", slug.get()))
                            />
                        </div>
                        <div class="chart-cell">
                            <ChartFigure
                                chart=Memo::new(move |_| report.with(|r| r.as_ref().map(|r| Chart::PainPoints(pain_points::pain_points(r)))))
                                file_stem=Signal::derive(move || format!("{}-pain-points", slug.get()))
                            />
                        </div>
                    </div>
                </section>
                <print_pages::PrintStory report=report study=sim.study />
                <GroupTables report=report />
                <SensitivityPanel report=report />
                <section class="results-section precision" aria-labelledby="precision-heading">
                    <h3 id="precision-heading">"Precision"</h3>
                    <p class="section-note">
                        "How the 95% intervals narrow as journeys accumulate. Dashed: the paired change from the baseline, which decides each verdict. Faint: what four times the journeys would give (half the width)."
                    </p>
                    <div class="chart-cell wide">
                        <ChartFigure
                            chart=Memo::new(move |_| {
                                let currency = report.with(|r| r.as_ref().map(|r| r.currency.clone()));
                                let history = sim.convergence.get();
                                currency.map(|c| Chart::Convergence(convergence::convergence(&history, &c)))
                            })
                            file_stem=Signal::derive(move || format!("{}-precision", slug.get()))
                        />
                    </div>
                </section>
                <print_pages::PrintAppendix report=report study=sim.study />
            </div>
        </section>
    }
}

/// The Sankey chart of design `i`.
fn sankey_of(report: &Report, i: usize) -> Option<Chart> {
    let d = report.designs.get(i)?;
    let channels: Vec<String> = d.by_channel.iter().map(|c| c.name.clone()).collect();
    Some(Chart::Sankey(sankey::Sankey::new(&d.name, i, &d.flow, &channels)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::test_support::report_of;

    #[test]
    fn the_status_line_tells_preview_refining_and_done_apart() {
        let report = report_of("password-reset", 4096);
        let preview = status_line(
            &RunStatus::Running { done: 4096, total: 20000, unit: Unit::Journeys, eta_seconds: None, preview: true },
            Some(&report),
        );
        assert!(preview.0.contains("Preview") && preview.0.contains("4,096") && preview.0.contains("20,000"), "{}", preview.0);
        let refining = status_line(
            &RunStatus::Running { done: 8192, total: 20000, unit: Unit::Journeys, eta_seconds: Some(2.4), preview: false },
            Some(&report),
        );
        assert!(refining.0.contains("8,192 of 20,000") && refining.0.contains("2 s left"), "{}", refining.0);
        let done = status_line(&RunStatus::Done { seconds: 1.25, done: 20000, unit: Unit::Journeys, journeys: 20000 }, Some(&report));
        assert_eq!(done.1, "status-done");
        let classes: Vec<&str> = [preview.1, refining.1, done.1].to_vec();
        assert_eq!(classes, vec!["status-preview", "status-refining", "status-done"]);
    }
}
