//! The comparison at the top of the results: one table, a row per KPI and
//! a column per design, then each variant's change from the baseline with
//! its paired interval and verdict. Ordered as the cards below, or with the
//! biggest real changes first, so a strategist sees at once which figures
//! a design moves most.
//!
//! The rows are plain data built from the cards' own contents
//! (`kpi_cards.rs`), so the table and the cards never disagree.

use std::sync::Arc;

use journey_engine::{Report, Study, Verdict};
use leptos::prelude::*;

use super::kpi_cards::{GROUPS, KpiCard, kpi_card};
use super::verdict::Tone;
use super::charts::palette::design_color;
use crate::run::{ReferenceRun, ReferenceState, RunStatus, SimulationContext};

/// One KPI's row.
#[derive(Clone, Debug, PartialEq)]
pub struct ComparisonRow {
    pub group: &'static str,
    pub card: KpiCard,
    /// Each variant's change where the engine calls it real (better,
    /// worse or changed), relative to the baseline's value; 0 where it is
    /// not. Ranks figures of any unit.
    pub effects: Vec<f64>,
}

impl ComparisonRow {
    /// The largest of the variants' effects.
    pub fn effect(&self) -> f64 {
        self.effects.iter().copied().fold(0.0, f64::max)
    }
}

/// The few biggest real changes of variant `variant` (1 is the first
/// variant) in plain words, biggest first: "Resolution goes from 79.5% to
/// 93.6%: +14.1 pp (95% CI +13.9 to +14.3 pp), better."
pub fn headlines(rows: &[ComparisonRow], variant: usize, most: usize) -> Vec<String> {
    let mut ranked: Vec<(&ComparisonRow, f64)> =
        rows.iter().filter_map(|r| r.effects.get(variant - 1).map(|e| (r, *e))).filter(|(_, e)| *e > 0.0).collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
    ranked
        .into_iter()
        .take(most)
        .filter_map(|(row, _)| {
            let (base, line) = (row.card.lines.first()?, row.card.lines.get(variant)?);
            let change = line.change.as_ref()?;
            let interval = change.interval.as_ref().map(|ci| format!(" (95% CI {ci})")).unwrap_or_default();
            Some(format!(
                "{} goes from {} to {}: {}{interval}, {}.",
                row.card.label, base.value, line.value, change.value, change.verdict.label()
            ))
        })
        .collect()
}

/// Every KPI's row, in the cards' order.
pub fn comparison_rows(report: &Report) -> Vec<ComparisonRow> {
    GROUPS
        .iter()
        .flat_map(|(group, keys)| keys.iter().map(move |key| (*group, *key)))
        .filter_map(|(group, key)| {
            let card = kpi_card(report, key)?;
            let effects = report.comparisons.iter().map(|c| effect(report, c, key)).collect();
            Some(ComparisonRow { group, card, effects })
        })
        .collect()
}

/// The rows with the biggest real changes first; the rest keep their order.
pub fn biggest_first(mut rows: Vec<ComparisonRow>) -> Vec<ComparisonRow> {
    rows.sort_by(|a, b| b.effect().total_cmp(&a.effect()));
    rows
}

fn effect(report: &Report, comparison: &journey_engine::Comparison, key: &str) -> f64 {
    let base = report.designs.first().and_then(|d| d.kpis.get(key)).and_then(|e| e.estimate);
    // Repeat contacts move exactly as contacts do: ranking both would tell
    // one fact twice.
    if journey_engine::kpi::DERIVED_KPIS.iter().any(|k| k.key == key) {
        return 0.0;
    }
    let Some(diff) = comparison.kpis.get(key) else { return 0.0 };
    if !matches!(diff.verdict, Verdict::Better | Verdict::Worse | Verdict::Changed) {
        return 0.0;
    }
    let effect = match (diff.estimate, base) {
        (Some(delta), Some(b)) if b.abs() > 1e-12 => (delta / b).abs(),
        (Some(delta), _) => delta.abs(),
        (None, _) => 0.0,
    };
    if effect.is_finite() { effect } else { 0.0 }
}

/// The designs' names in the study's order (their colours' order).
fn names_of(study: &Signal<Option<Arc<Study>>>) -> Vec<String> {
    study.with_untracked(|s| s.as_ref().map(|s| s.designs.iter().map(|d| d.name.clone()).collect()).unwrap_or_default())
}

#[component]
pub fn ComparisonTable(
    #[prop(into)] report: Signal<Option<Arc<Report>>>,
    /// The study `report` belongs to, to run again against another design.
    #[prop(into)]
    study: Signal<Option<Arc<Study>>>,
) -> impl IntoView {
    let (biggest, set_biggest) = signal(false);
    // The design every other is compared with: 0 is the study's baseline;
    // any other runs the study again with that design first.
    let reference = RwSignal::new(0usize);
    let against = RwSignal::new(ReferenceState::Idle);
    let asked: StoredValue<Option<(Arc<Study>, usize)>> = StoredValue::new(None);
    let worker_run = StoredValue::new_local(None::<ReferenceRun>);
    let status = use_context::<SimulationContext>().map(|sim| sim.status);
    Effect::new(move |_| {
        let chosen = reference.get();
        let Some(study) = study.get() else { return };
        if chosen == 0 || chosen >= study.designs.len() {
            worker_run.set_value(None);
            asked.set_value(None);
            return;
        }
        // A run for a study that is gone stops at once (its workers would
        // take the cores from the new study's run).
        if asked.with_value(|a| a.as_ref().is_some_and(|(s, _)| !Arc::ptr_eq(s, &study))) {
            worker_run.set_value(None);
            asked.set_value(None);
        }
        // Waits for the study's own run, which has the workers first.
        if status.is_some_and(|s| s.with(RunStatus::is_running)) {
            return;
        }
        let same = asked.with_value(|a| a.as_ref().is_some_and(|(s, r)| Arc::ptr_eq(s, &study) && *r == chosen));
        if !same {
            asked.set_value(Some((study.clone(), chosen)));
            worker_run.set_value(Some(ReferenceRun::start(&study, chosen, against)));
        }
    });
    // The report the table shows: the study's own, or the one run against
    // the chosen design while it belongs to the current study.
    let shown = Memo::new(move |_| {
        let chosen = reference.get();
        let current = study.get();
        if chosen == 0 || current.as_ref().is_none_or(|s| chosen >= s.designs.len()) {
            return Ok(report.get());
        }
        let fresh = asked.with_value(|a| {
            a.as_ref().zip(current.as_ref()).is_some_and(|((s, r), c)| Arc::ptr_eq(s, c) && *r == chosen)
        });
        match against.get() {
            ReferenceState::Done(r) if fresh => Ok(Some(r)),
            ReferenceState::Failed(message) if fresh => Err(message),
            _ => Err(String::new()),
        }
    });
    let names = Memo::new(move |_| report.with(|r| r.as_ref().map(|r| r.designs.iter().map(|d| d.name.clone()).collect::<Vec<_>>())));
    let rows = Memo::new(move |_| {
        shown.with(|r| match r {
            Ok(Some(r)) => Ok(Some({
                let rows = comparison_rows(r);
                let names: Vec<String> = r.designs.iter().map(|d| d.name.clone()).collect();
                (names, rows)
            })),
            Ok(None) => Ok(None),
            Err(message) => Err(message.clone()),
        })
    });
    let table = move || {
        let (names, rows) = match rows.get() {
            Ok(Some(found)) => found,
            Ok(None) => return None,
            Err(message) => {
                let name = names.with(|n| n.as_ref().and_then(|n| n.get(reference.get_untracked()).cloned())).unwrap_or_default();
                let text = if message.is_empty() {
                    format!("Comparing every design with {name}: the study runs again with {name} as the reference\u{2026}")
                } else {
                    format!("The comparison with {name} could not be made: {message}")
                };
                return Some(view! { <p class="section-note comparison-status" role="status">{text}</p> }.into_any());
            }
        };
        let baseline = names[0].clone();
        let study_order: Vec<String> = self::names_of(&study);
        let in_short: Vec<(String, Vec<String>)> =
            (1..names.len()).map(|i| (format!("{} vs {baseline}", names[i]), headlines(&rows, i, 3))).collect();
        let rows = if biggest.get() { biggest_first(rows) } else { rows };
        Some(
            view! {
                <p class="section-note">
                    {format!(
                        "Every figure for every design, and what each changes from {baseline} with its paired 95% interval. \
                         \u{201c}Biggest change first\u{201d} ranks the figures by the largest real change, relative to {baseline}."
                    )}
                </p>
                <div class="headlines">
                    {in_short
                        .into_iter()
                        .map(|(title, lines)| {
                            view! {
                                <div class="headline-group">
                                    <h4>{format!("{title}: the biggest changes")}</h4>
                                    {if lines.is_empty() {
                                        view! { <p>"No figure changes by enough to matter."</p> }.into_any()
                                    } else {
                                        view! { <ul>{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul> }.into_any()
                                    }}
                                </div>
                            }
                        })
                        .collect_view()}
                </div>
                    <div class="table-scroll" tabindex="0" role="region" aria-label="Comparison table">
                        <table class="comparison-table">
                            <thead>
                                <tr>
                                    <th scope="col">"Figure"</th>
                                    {names
                                        .iter()
                                        .enumerate()
                                        .map(|(i, n)| {
                                            // Each design keeps its colour whichever is the reference.
                                            let colour = study_order.iter().position(|s| s == n).unwrap_or(i);
                                            view! {
                                                <th scope="col">
                                                    <span class="design-swatch" aria-hidden="true" style:background=design_color(colour).css()></span>
                                                    {n.clone()}
                                                </th>
                                            }
                                        })
                                        .collect_view()}
                                    {names
                                        .iter()
                                        .skip(1)
                                        .map(|n| view! { <th scope="col">{format!("{n} vs {baseline}")}</th> })
                                        .collect_view()}
                                </tr>
                            </thead>
                            <tbody>
                                {rows
                                    .into_iter()
                                    .map(|row| {
                                        let card = row.card;
                                        let changes: Vec<_> = card.lines.iter().filter_map(|l| l.change.clone()).collect();
                                        view! {
                                            <tr data-kpi=card.key>
                                                <th scope="row">
                                                    {card.label}
                                                    <span class="comparison-group">{row.group}</span>
                                                </th>
                                                {card
                                                    .lines
                                                    .iter()
                                                    .map(|l| view! { <td class="comparison-value">{l.value.clone()}</td> })
                                                    .collect_view()}
                                                {changes
                                                    .into_iter()
                                                    .map(|c| {
                                                        let tone = Tone::of(c.verdict);
                                                        view! {
                                                            <td class=format!("comparison-change {}", tone.class())>
                                                                <span class="comparison-delta">{format!("{} {}", c.arrow, c.value)}</span>
                                                                <span class="comparison-verdict">{format!("{} {}", tone.icon(), c.verdict.label())}</span>
                                                                <span class="comparison-ci">{c.interval.unwrap_or_default()}</span>
                                                            </td>
                                                        }
                                                    })
                                                    .collect_view()}
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </div>
            }
            .into_any(),
        )
    };
    move || {
        let names = names.get().filter(|n| n.len() > 1)?;
        Some(view! {
            <section class="results-section comparison" aria-labelledby="comparison-heading">
                <div class="section-head">
                    <h3 id="comparison-heading">"Comparison"</h3>
                    <label class="comparison-reference no-print">
                        "Compare with "
                        <select on:change=move |ev| reference.set(event_target_value(&ev).parse().unwrap_or(0))>
                            {names
                                .iter()
                                .enumerate()
                                .map(|(i, n)| {
                                    let text = if i == 0 { format!("{n} (the baseline)") } else { n.clone() };
                                    view! { <option value=i.to_string() selected=move || reference.get() == i>{text}</option> }
                                })
                                .collect_view()}
                        </select>
                    </label>
                    <div class="toggle no-print" role="group" aria-label="Order the comparison">
                        <button type="button" class="toggle-option" aria-pressed=move || (!biggest.get()).to_string()
                            on:click=move |_| set_biggest.set(false)>
                            "As grouped"
                        </button>
                        <button type="button" class="toggle-option" aria-pressed=move || biggest.get().to_string()
                            on:click=move |_| set_biggest.set(true)>
                            "Biggest change first"
                        </button>
                    </div>
                </div>
                <p class="verdict-legend">
                    <span class="verdict tone-good">"\u{2713} better"</span>" or "
                    <span class="verdict tone-bad">"\u{2717} worse"</span>
                    ": the whole 95% interval of the change lies on one side of no change. "
                    <span class="verdict tone-neutral">"= no detectable difference"</span>
                    ": the interval includes no change. "
                    <span class="verdict tone-negligible">"\u{2248} negligible"</span>
                    ": the whole interval lies within the smallest change that matters (half a point of a rate, 1% of another figure, unless the study sets its own)."
                </p>
                {table}
            </section>
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::test_support::report_of;

    #[test]
    fn every_kpi_has_a_row_with_every_design_and_each_variants_change() {
        let report = report_of("password-reset", 4_000);
        let rows = comparison_rows(&report);
        let keys: usize = GROUPS.iter().map(|(_, k)| k.len()).sum();
        assert_eq!(rows.len(), keys);
        for row in &rows {
            assert_eq!(row.card.lines.len(), report.designs.len(), "{}", row.card.key);
            assert_eq!(row.card.lines.iter().filter(|l| l.change.is_some()).count(), report.designs.len() - 1);
            assert!(row.effect().is_finite() && row.effect() >= 0.0);
        }
    }

    #[test]
    fn biggest_first_ranks_real_changes_by_their_relative_size() {
        let report = report_of("password-reset", 4_000);
        let rows = biggest_first(comparison_rows(&report));
        assert!(rows.windows(2).all(|w| w[0].effect() >= w[1].effect()));
        assert!(rows[0].effect() > 0.0, "the fix changes something");
        // A figure no variant changes detectably has no effect to rank by,
        // nor has repeat contacts, which tells the contacts' change again.
        for row in &rows {
            let real = row.card.lines.iter().filter_map(|l| l.change.as_ref()).any(|c| {
                matches!(c.verdict, Verdict::Better | Verdict::Worse | Verdict::Changed)
            });
            let derived = journey_engine::kpi::DERIVED_KPIS.iter().any(|k| k.key == row.card.key);
            assert_eq!(real && !derived, row.effect() > 0.0, "{}", row.card.key);
        }
    }

    #[test]
    fn headlines_say_the_biggest_changes_in_words() {
        let report = report_of("password-reset", 4_000);
        let rows = comparison_rows(&report);
        let lines = headlines(&rows, 1, 3);
        assert_eq!(lines.len(), 3);
        let top = biggest_first(rows.clone());
        assert!(lines[0].starts_with(&format!("{} goes from ", top[0].card.label)), "{lines:?}");
        assert!(lines.iter().all(|l| l.contains("95% CI") && l.ends_with('.')), "{lines:?}");
    }
}
