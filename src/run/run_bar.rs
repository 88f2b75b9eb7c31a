//! The run bar: what the simulation is doing, how far it is, how long it
//! has left, and a Stop button.
//!
//! Its element (`#run-bar`) carries the current report's fingerprint and
//! the runner's timings as `data-*` attributes, for the end-to-end tests
//! and benchmarks (`e2e/`): `data-state`, `data-fingerprint`,
//! `data-journeys`, `data-run-id`, `data-workers`, `data-merge-ms`,
//! `data-report-ms`, `data-render-ms`, `data-preview-ms`, their maxima, and
//! `data-report-interval-ms`.

use leptos::prelude::*;

use super::context::{RunStatus, SimulationContext, Unit};
use super::runner::RunDiagnostics;

#[component]
pub fn RunBar() -> impl IntoView {
    let sim = SimulationContext::get();
    let diagnostics = expect_context::<Signal<RunDiagnostics>>();
    let status = sim.status;

    let state = move || match status.get() {
        RunStatus::Idle => "idle",
        RunStatus::Running { .. } => "running",
        RunStatus::Done { .. } => "done",
        RunStatus::Cancelled { .. } => "cancelled",
        RunStatus::Failed { .. } => "failed",
    };
    let percent = move || match status.get() {
        RunStatus::Running { done, total, .. } if total > 0 => (done as f64 * 100.0 / total as f64).floor().min(100.0),
        RunStatus::Done { .. } => 100.0,
        RunStatus::Cancelled { done, .. } => sim.study.with(|s| {
            s.as_ref().map_or(0.0, |s| {
                let total = if s.is_centre() { journey_engine::chunk_count(s) } else { s.journeys };
                (done as f64 * 100.0 / total.max(1) as f64).floor()
            })
        }),
        _ => 0.0,
    };
    let running = move || status.with(RunStatus::is_running);
    let resumable = move || matches!(status.get(), RunStatus::Cancelled { .. } | RunStatus::Failed { .. });
    let fingerprint = move || sim.report.with(|r| r.as_ref().map(|r| r.fingerprint.clone()).unwrap_or_default());
    let journeys = move || sim.report.with(|r| r.as_ref().map_or(0, |r| r.journeys));
    let ms = |x: f64| format!("{x:.2}");

    view! {
        <section
            id="run-bar"
            class="run-bar"
            aria-label="Simulation"
            data-state=state
            data-fingerprint=fingerprint
            data-journeys=journeys
            data-run-id=move || diagnostics.with(|d| d.run_id)
            data-workers=move || diagnostics.with(|d| d.workers)
            data-workers-ready=move || diagnostics.with(|d| d.workers_ready)
            data-merge-ms=move || diagnostics.with(|d| ms(d.merge_ms))
            data-max-merge-ms=move || diagnostics.with(|d| ms(d.max_merge_ms))
            data-report-ms=move || diagnostics.with(|d| ms(d.report_ms))
            data-max-report-ms=move || diagnostics.with(|d| ms(d.max_report_ms))
            data-render-ms=move || diagnostics.with(|d| ms(d.render_ms))
            data-max-render-ms=move || diagnostics.with(|d| ms(d.max_render_ms))
            data-report-interval-ms=move || diagnostics.with(|d| ms(d.report_interval_ms))
            data-preview-ms=move || diagnostics.with(|d| d.preview_ms.map(ms).unwrap_or_default())
            data-seconds=move || match status.get() {
                RunStatus::Done { seconds, .. } => format!("{seconds:.4}"),
                _ => String::new(),
            }
        >
            <p id="run-status" class="run-status" class:error=move || state() == "failed" role="status">
                {move || describe(&status.get())}
            </p>
            <div
                class="run-progress"
                role="progressbar"
                aria-label="Simulation progress"
                aria-valuemin="0"
                aria-valuemax="100"
                aria-valuenow=move || percent().to_string()
                aria-valuetext=move || format!("{}%", percent())
            >
                <div class="run-progress-fill" class:done=move || state() == "done" style:width=move || format!("{}%", percent())></div>
            </div>
            <div class="run-actions">
                <Show when=running>
                    <button type="button" class="run-stop" on:click=move |_| sim.cancel.run(())>
                        "Stop"
                    </button>
                </Show>
                <Show when=resumable>
                    <button type="button" class="run-resume" on:click=move |_| sim.run_full.run(())>
                        {move || if state() == "failed" { "Try again" } else { "Finish the run" }}
                    </button>
                </Show>
            </div>
        </section>
    }
}

/// The status in words.
fn describe(status: &RunStatus) -> String {
    match status {
        RunStatus::Idle => "Starting the simulation…".to_owned(),
        RunStatus::Running { done: 0, total, unit, .. } => match unit {
            Unit::Journeys => format!("Simulating {} journeys per design…", thousands(*total)),
            Unit::Replications => format!("Simulating {} replications of the centre…", thousands(*total)),
        },
        RunStatus::Running { done, total, unit, preview: true, .. } => {
            format!("Preview of {} {}… refining toward {}", thousands(*done), unit.words(*done), thousands(*total))
        }
        RunStatus::Running { done, total, unit, eta_seconds, preview: false } => {
            let percent = (*done as f64 * 100.0 / (*total).max(1) as f64).floor();
            let left = eta_seconds.map(|s| format!(" — {}", time_left(s))).unwrap_or_default();
            format!("Refining {percent}% ({} of {} {}){left}", thousands(*done), thousands(*total), unit.words(*total))
        }
        RunStatus::Done { seconds, done, unit: Unit::Journeys, .. } => {
            format!("Done: {} journeys per design in {}", thousands(*done), duration(*seconds))
        }
        RunStatus::Done { seconds, done, unit: Unit::Replications, journeys } => {
            format!("Done: {} replications ({} customers per design) in {}", thousands(*done), thousands(*journeys), duration(*seconds))
        }
        RunStatus::Cancelled { done: 0, unit, .. } => match unit {
            Unit::Journeys => "Stopped before any journey was simulated.".to_owned(),
            Unit::Replications => "Stopped before any replication was simulated.".to_owned(),
        },
        RunStatus::Cancelled { done, unit: Unit::Journeys, .. } => {
            format!("Stopped: the results show the first {} journeys per design.", thousands(*done))
        }
        // Replications finish in any order across the workers.
        RunStatus::Cancelled { done, unit: Unit::Replications, journeys } => format!(
            "Stopped: the results show {} {} ({} customers per design).",
            thousands(*done),
            Unit::Replications.words(*done),
            thousands(*journeys)
        ),
        RunStatus::Failed { message } => format!("The simulation failed: {message}"),
    }
}

/// "about 3 s left", "about 2 min left".
fn time_left(seconds: f64) -> String {
    if seconds < 1.0 {
        "less than a second left".to_owned()
    } else if seconds < 90.0 {
        format!("about {} s left", seconds.round())
    } else {
        format!("about {} min left", (seconds / 60.0).round())
    }
}

/// "0.02 s", "1.8 s", "42 s".
fn duration(seconds: f64) -> String {
    if seconds < 0.1 {
        format!("{seconds:.2} s")
    } else if seconds < 10.0 {
        format!("{seconds:.1} s")
    } else {
        format!("{} s", seconds.round())
    }
}

/// 1234567 → "1,234,567".
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_read_as_sentences() {
        let j = Unit::Journeys;
        assert_eq!(
            describe(&RunStatus::Running { done: 20_480, total: 10_000_000, unit: j, eta_seconds: None, preview: true }),
            "Preview of 20,480 journeys per design… refining toward 10,000,000"
        );
        assert_eq!(
            describe(&RunStatus::Running { done: 4_500_000, total: 10_000_000, unit: j, eta_seconds: Some(3.2), preview: false }),
            "Refining 45% (4,500,000 of 10,000,000 journeys per design) — about 3 s left"
        );
        assert_eq!(
            describe(&RunStatus::Done { seconds: 1.83, done: 200_000, unit: j, journeys: 200_000 }),
            "Done: 200,000 journeys per design in 1.8 s"
        );
        assert_eq!(
            describe(&RunStatus::Cancelled { done: 1_234_567, unit: j, journeys: 1_234_567 }),
            "Stopped: the results show the first 1,234,567 journeys per design."
        );
        let r = Unit::Replications;
        assert_eq!(
            describe(&RunStatus::Running { done: 5, total: 20, unit: r, eta_seconds: None, preview: true }),
            "Preview of 5 replications… refining toward 20"
        );
        assert_eq!(
            describe(&RunStatus::Done { seconds: 0.9, done: 20, unit: r, journeys: 336_207 }),
            "Done: 20 replications (336,207 customers per design) in 0.9 s"
        );
        assert_eq!(
            describe(&RunStatus::Cancelled { done: 1, unit: r, journeys: 16_811 }),
            "Stopped: the results show 1 replication (16,811 customers per design)."
        );
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(10_000_000), "10,000,000");
    }

    #[test]
    fn time_left_is_rounded_to_what_a_person_needs() {
        assert_eq!(time_left(0.4), "less than a second left");
        assert_eq!(time_left(12.6), "about 13 s left");
        assert_eq!(time_left(600.0), "about 10 min left");
    }
}
