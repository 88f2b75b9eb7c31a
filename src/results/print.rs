//! The printed report's first page: the answer, in words a boss reads
//! without the jargon (no seed, no fingerprint, no "KPI").
//!
//! On screen this section is hidden; in print (see `public/results.css`,
//! `@media print`) the editor and every control disappear and the first
//! page shows the title and what was simulated, the question (what each
//! design changes), the answer (each variant's biggest effects in words, a
//! simulated centre's year), and a compact table of every figure with each
//! design's estimate and each variant's change and verdict (the rows of
//! `comparison.rs`). The paths, the experience, one customer's story and
//! the appendix follow on pages of their own (`print_pages.rs`).

use journey_engine::Report;
use leptos::prelude::*;

use super::business_case::year_table;
use super::comparison::{comparison_rows, headlines};
use crate::editor::design_diff::design_changes;
use super::format::count;
use super::verdict::Tone;

/// One line saying what was simulated.
pub fn run_summary(report: &Report) -> String {
    let designs: Vec<String> =
        report.designs.iter().enumerate().map(|(i, d)| if i == 0 { format!("{} (baseline)", d.name) } else { d.name.clone() }).collect();
    format!(
        "{} simulated customers per design · designs: {} · seed {} · fingerprint {}",
        count(report.journeys),
        designs.join(", "),
        report.seed,
        report.fingerprint
    )
}

/// What was simulated, in words for the first page (the seed and
/// fingerprint are in the appendix).
pub fn plain_summary(report: &Report) -> String {
    let designs: Vec<String> = report.designs.iter().map(|d| d.name.clone()).collect();
    let what = match report.replications {
        Some(r) => format!("{} simulated customers per design over {r} runs of the simulated centre", count(report.journeys)),
        None => format!("{} simulated customers per design", count(report.journeys)),
    };
    let baseline = designs.first().cloned().unwrap_or_default();
    format!("{what}: {}. Every change is measured against {baseline}.", designs.join(", "))
}

/// Each variant's changes from the baseline, in the editor's words
/// ("Phone › IVR › containment: 0.03 → 0.35").
pub fn design_changes_in_words(study: Option<&journey_engine::Study>) -> Vec<(String, Vec<String>)> {
    let Some(study) = study else { return Vec::new() };
    let value = study.to_value();
    let Some(designs) = value.get("designs").and_then(|d| d.as_array()) else { return Vec::new() };
    let Some(baseline) = designs.first() else { return Vec::new() };
    designs
        .iter()
        .skip(1)
        .map(|d| {
            let name = d.get("name").and_then(|n| n.as_str()).unwrap_or_default().to_owned();
            let lines: Vec<String> = design_changes(baseline, d).iter().map(ToString::to_string).collect();
            (name, if lines.is_empty() { vec!["no changes".to_owned()] } else { lines })
        })
        .collect()
}

#[component]
pub fn PrintReport(
    #[prop(into)] report: Signal<Option<std::sync::Arc<Report>>>,
    #[prop(into)] study: Signal<Option<std::sync::Arc<journey_engine::Study>>>,
) -> impl IntoView {
    move || {
        report.get().map(|r| {
            // A simulated centre's year leads: what each variant saves.
            let year: Vec<String> = study.with(|s| {
                s.as_ref()
                    .and_then(|s| {
                        let case = journey_engine::report::business_case(s, &r)?;
                        Some(year_table(&case, &r.currency, s.demand.as_ref()?.customers_per_day))
                    })
                    .map(|t| t.rows.into_iter().filter_map(|row| row.saving).collect())
                    .unwrap_or_default()
            });
            let variants: Vec<String> = r.designs.iter().skip(1).map(|d| d.name.clone()).collect();
            let rows = comparison_rows(&r);
            let baseline = r.designs.first().map(|d| d.name.clone()).unwrap_or_default();
            view! {
                <section class="print-only print-report" aria-hidden="true">
                    <h2 class="print-title">{r.title.clone()}</h2>
                    <p class="print-summary">{plain_summary(&r)}</p>
                    // The answer first: what each design changes, then what that does.
                    <h3 class="print-heading">"The question"</h3>
                    <ul class="print-changes">
                        {design_changes_in_words(study.get().as_deref())
                            .into_iter()
                            .map(|(name, lines)| view! { <li><strong>{format!("{name} changes: ")}</strong>{lines.join("; ")}</li> })
                            .collect_view()}
                    </ul>
                    <h3 class="print-heading">"The answer"</h3>
                    <ul class="print-headlines">
                        {(1..r.designs.len())
                            // Two each from three designs on, so the first page holds them.
                            .flat_map(|i| headlines(&rows, i, if r.designs.len() > 2 { 2 } else { 3 }).into_iter().map(move |l| (i, l)))
                            .map(|(i, line)| {
                                let name = r.designs[i].name.clone();
                                view! { <li><strong>{format!("{name}: ")}</strong>{line}</li> }
                            })
                            .collect_view()}
                    </ul>
                    <ul class="print-year">{year.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
                    <h3 class="print-heading">"Every figure"</h3>
                    <table class="print-kpis">
                        <thead>
                            <tr>
                                <th scope="col">"Figure"</th>
                                {r.designs.iter().map(|d| view! { <th scope="col">{d.name.clone()}</th> }).collect_view()}
                                {variants
                                    .iter()
                                    .map(|v| view! { <th scope="col">{format!("{v} − {baseline}")}</th> })
                                    .collect_view()}
                            </tr>
                        </thead>
                        <tbody>
                            {rows
                                .iter()
                                .enumerate()
                                .flat_map(|(i, row)| {
                                    // A heading row where a group of KPIs starts.
                                    let head = (i == 0 || rows[i - 1].group != row.group).then(|| {
                                        view! {
                                            <tr class="print-group">
                                                <th colspan=(r.designs.len() * 2).to_string() scope="rowgroup">{row.group}</th>
                                            </tr>
                                        }
                                        .into_any()
                                    });
                                    let card = &row.card;
                                    let changes: Vec<_> = card.lines.iter().filter_map(|l| l.change.clone()).collect();
                                    let line = view! {
                                        <tr data-kpi=card.key>
                                            <th scope="row">{card.label}</th>
                                            {card
                                                .lines
                                                .iter()
                                                .map(|l| {
                                                    view! {
                                                        <td>
                                                            {l.value.clone()}
                                                            <span class="print-ci">{l.interval.clone().unwrap_or_default()}</span>
                                                        </td>
                                                    }
                                                })
                                                .collect_view()}
                                            {changes
                                                .into_iter()
                                                .map(|c| {
                                                    let tone = Tone::of(c.verdict);
                                                    view! {
                                                        <td class=tone.class()>
                                                            {c.value}
                                                            " "
                                                            <strong>{format!("{} {}", tone.icon(), c.verdict.label())}</strong>
                                                            <span class="print-ci">{c.interval.unwrap_or_default()}</span>
                                                        </td>
                                                    }
                                                })
                                                .collect_view()}
                                        </tr>
                                    }
                                    .into_any();
                                    head.into_iter().chain(std::iter::once(line))
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                    <p class="print-note">
                        "The small ranges are 95% intervals: the true value lies within them 19 times in 20. Every design met the same simulated customers. "
                        "\u{201c}Better\u{201d} or \u{201c}worse\u{201d}: the whole range of the change is on one side of no change; "
                        "\u{201c}no detectable difference\u{201d}: it includes no change; \u{201c}negligible\u{201d}: it is too small to matter. "
                        "Where customers go, how they feel, one customer\u{2019}s story and how the figures were made follow on the next pages."
                    </p>
                </section>
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::test_support::report_of;

    #[test]
    fn the_summary_names_journeys_designs_seed_and_fingerprint() {
        let report = report_of("password-reset", 4096);
        let s = run_summary(&report);
        assert!(s.starts_with("4,096 simulated customers per design"), "{s}");
        assert!(s.contains(&format!("{} (baseline)", report.designs[0].name)));
        assert!(s.contains(&report.fingerprint));
    }
}
