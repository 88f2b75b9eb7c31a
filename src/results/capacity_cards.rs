//! Capacity cards: one per staffed pool of a simulated centre (a channel's
//! agents or its tier 2), with the figures a workforce planner reads first
//! (service level, average speed of answer, abandonment, occupancy,
//! contacts offered a day) for every design, each variant's paired change
//! and the engine's verdict.
//!
//! A pool's card is plain data ([`PoolCard`], tested natively); the
//! component lays it out as a table, a column per design.

use journey_engine::report::PoolKey;
use journey_engine::{QueueKind, Report, Study};
use leptos::prelude::*;

use super::charts::canvas::ChartFigure;
use super::charts::Chart;
use super::charts::day::day_chart;
use super::export::file_slug;
use super::format::{NumberFormat, number};
use super::kpi_cards::{Change, DesignLine};
use super::verdict::{VerdictBadge, direction_arrow};

/// One staffed pool across the designs.
#[derive(Clone, Debug, PartialEq)]
pub struct PoolCard {
    pub channel: String,
    pub tier: u8,
    /// The answer target in words: "20 s", "24 h".
    pub target: String,
    /// "Phone", "Phone · tier 2".
    pub title: String,
    /// "Live queue: callers wait on the line and may give up".
    pub queue: String,
    /// What "answered within target" means for this pool.
    pub definition: String,
    pub rows: Vec<FigureRow>,
}

/// One figure of a pool, for every design.
#[derive(Clone, Debug, PartialEq)]
pub struct FigureRow {
    pub key: &'static str,
    pub label: String,
    pub lines: Vec<DesignLine>,
}

/// The cards of every pool of the baseline (and pools only a variant has,
/// after them), or none for a study without demand.
pub fn pool_cards(report: &Report, study: &Study) -> Vec<PoolCard> {
    let Some(demand) = &study.demand else { return Vec::new() };
    report
        .pools()
        .into_iter()
        .map(|PoolKey { channel, tier, queue }| {
            let target = target_seconds(study, &channel, tier, queue, demand.service_level_seconds);
            let within = format!("Answered within {}", duration_seconds(target));
            let figures: [(&'static str, String); 5] = [
                ("service_level", within.clone()),
                ("asa_minutes", "Average speed of answer".to_owned()),
                ("abandonment", "Abandoned in the queue".to_owned()),
                ("occupancy", "Occupancy".to_owned()),
                ("offered_per_day", "Contacts offered a day".to_owned()),
            ];
            let rows = figures
                .into_iter()
                // A backlog queue has no patience: nobody abandons it.
                .filter(|(key, _)| !(queue == QueueKind::Backlog && *key == "abandonment"))
                .map(|(key, label)| FigureRow { key, label, lines: lines(report, &channel, tier, key) })
                .collect();
            PoolCard {
                channel: channel.clone(),
                tier,
                target: duration_seconds(target),
                title: if tier == 1 { channel.clone() } else { format!("{channel} · tier 2") },
                queue: match queue {
                    QueueKind::Live => "Live queue: customers wait on the line and give up when their patience runs out".to_owned(),
                    QueueKind::Backlog => "Backlog queue: contacts wait, across closed hours too, until an agent takes them".to_owned(),
                },
                definition: format!(
                    "Service level: contacts answered within {} ÷ contacts offered{}. Occupancy: the share of agents' time on duty spent handling contacts.",
                    duration_seconds(target),
                    if queue == QueueKind::Live { " (those who gave up count as missed)" } else { "" }
                ),
                rows,
            }
        })
        .collect()
}

/// Every design's line for one figure of one pool.
fn lines(report: &Report, channel: &str, tier: u8, key: &'static str) -> Vec<DesignLine> {
    fn pool_of<'a>(d: &'a journey_engine::DesignReport, channel: &str, tier: u8, key: &str) -> Option<&'a journey_engine::Estimate> {
        d.capacity.as_ref().and_then(|c| c.pools.iter().find(|p| p.channel == channel && p.tier == tier)).and_then(|p| p.figures.get(key))
    }
    let pool_of = |d| pool_of(d, channel, tier, key);
    let reference = report.designs.iter().filter_map(|d| pool_of(d).and_then(|e| e.estimate)).fold(0.0, |a: f64, b| a.max(b.abs()));
    // Each wait (and its interval) reads in the unit that suits it: seconds
    // of a phone queue that answers fast beside minutes of a strained one,
    // hours of an email backlog. Other figures share one format.
    let format_of = |minutes: f64| -> (NumberFormat, f64) {
        let (unit, factor) = match key {
            "service_level" | "abandonment" | "occupancy" => ("%", 1.0),
            "asa_minutes" if minutes.abs() < 1.0 => ("s", 60.0),
            "asa_minutes" if minutes.abs() < 60.0 => ("min", 1.0),
            "asa_minutes" => ("h", 1.0 / 60.0),
            _ => ("", 1.0),
        };
        let size = if key == "asa_minutes" { minutes } else { reference };
        (NumberFormat::new(unit, &report.currency, size * factor), factor)
    };
    report
        .designs
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let e = pool_of(d);
            let diff = (i > 0)
                .then(|| report.comparisons.iter().find(|c| c.design == d.name))
                .flatten()
                .and_then(|c| c.capacity.as_ref())
                .and_then(|c| c.pools.iter().find(|p| p.channel == channel && p.tier == tier))
                .and_then(|p| p.figures.get(key));
            let (f, factor) = format_of(e.and_then(|e| e.estimate).unwrap_or(reference));
            let scaled = |[lo, hi]: [f64; 2]| [lo * factor, hi * factor];
            DesignLine {
                design: d.name.clone(),
                index: i,
                value: e.and_then(|e| e.estimate).map_or("–".to_owned(), |v| f.value(v * factor)),
                interval: e.and_then(|e| e.ci95).map(|ci| f.interval(scaled(ci))),
                change: diff.map(|d| {
                    let (f, factor) = format_of(d.estimate.unwrap_or(reference));
                    let scaled = |[lo, hi]: [f64; 2]| [lo * factor, hi * factor];
                    Change {
                        arrow: direction_arrow(d.estimate),
                        value: d.estimate.map_or("–".to_owned(), |v| f.change(v * factor)),
                        interval: d.ci95.map(|ci| f.change_interval(scaled(ci))),
                        verdict: d.verdict,
                    }
                }),
            }
        })
        .collect()
}

/// The answer target of a pool [s], as the baseline design sets it.
fn target_seconds(study: &Study, channel: &str, tier: u8, queue: QueueKind, study_target: f64) -> f64 {
    let agent = study.designs.iter().flat_map(|d| &d.channels).find(|c| c.name == channel).and_then(|c| c.agent.as_ref());
    let staffing = match tier {
        1 => agent.and_then(|a| a.staffing.as_ref()),
        _ => agent.and_then(|a| a.tier2.as_ref()).and_then(|t| t.staffing.as_ref()),
    };
    staffing.map_or(study_target, |s| s.service_level_seconds(queue, study_target))
}

/// "20 s", "2 min", "24 h".
pub fn duration_seconds(seconds: f64) -> String {
    if seconds < 120.0 {
        format!("{}\u{a0}s", number(seconds, 0, false))
    } else if seconds < 7_200.0 {
        format!("{}\u{a0}min", number(seconds / 60.0, if seconds % 60.0 == 0.0 { 0 } else { 1 }, false))
    } else {
        format!("{}\u{a0}h", number(seconds / 3_600.0, if seconds % 3_600.0 == 0.0 { 0 } else { 1 }, false))
    }
}

/// The pools' cards, when the study is a simulated centre.
#[component]
pub fn CapacityCards(
    #[prop(into)] report: Signal<Option<std::sync::Arc<Report>>>,
    #[prop(into)] study: Signal<Option<std::sync::Arc<Study>>>,
) -> impl IntoView {
    let cards = Memo::new(move |_| report.with(|r| study.with(|s| r.as_ref().zip(s.as_ref()).map(|(r, s)| pool_cards(r, s)))));
    let pools = Memo::new(move |_| {
        cards.with(|c| c.iter().flatten().map(|c| (c.channel.clone(), c.tier, c.target.clone())).collect::<Vec<(String, u8, String)>>())
    });
    let designs = Memo::new(move |_| report.with(|r| r.as_ref().map(|r| r.designs.iter().map(|d| d.name.clone()).collect::<Vec<_>>())));
    view! {
        <section
            class="results-section capacity"
            aria-labelledby="capacity-heading"
            hidden=move || cards.with(|c| c.as_ref().is_none_or(Vec::is_empty))
        >
            <h3 id="capacity-heading">"Queues and agents"</h3>
            <p class="section-note">
                "Each staffed pool over the measured days, 95% intervals over the replications. Changes compare the same customers arriving at the same moments: only the waits, through load, differ."
            </p>
            <div class="capacity-grid">
                {move || {
                    let names = designs.get().unwrap_or_default();
                    cards
                        .get()
                        .unwrap_or_default()
                        .into_iter()
                        .map(|card| view! { <PoolCardView card=card designs=names.clone() /> })
                        .collect_view()
                }}
            </div>
            <h4 class="capacity-day-heading">"The day at a glance"</h4>
            <p class="section-note">
                "Hour by hour: contacts offered against what the agents on duty could answer (dashed), the share answered within target, and the mean wait."
            </p>
            {move || {
                // A figure per pool, made again only when the pools change;
                // a new report redraws them.
                pools
                    .get()
                    .into_iter()
                    .map(|(channel, tier, target)| {
                        let stem_channel = channel.clone();
                        let chart = Memo::new(move |_| {
                            report.with(|r| r.as_ref().and_then(|r| day_chart(r, &channel, tier, &target)).map(Chart::Day))
                        });
                        let stem = Signal::derive(move || {
                            format!("{}-day-{}-{tier}", report.with(|r| r.as_ref().map(|r| file_slug(&r.title)).unwrap_or_default()), file_slug(&stem_channel))
                        });
                        view! {
                            <div class="chart-cell wide">
                                <ChartFigure chart=chart file_stem=stem />
                            </div>
                        }
                    })
                    .collect_view()
            }}
        </section>
    }
}

#[component]
fn PoolCardView(card: PoolCard, designs: Vec<String>) -> impl IntoView {
    let title = card.title.clone();
    view! {
        <article class="capacity-card" data-pool=title.clone()>
            <h4 class="capacity-title">{card.title}</h4>
            <p class="capacity-queue">{card.queue}</p>
            <table class="capacity-table">
                <caption class="visually-hidden">{format!("{title}: figures by design")}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Figure"</th>
                        {designs
                            .into_iter()
                            .enumerate()
                            .map(|(i, name)| {
                                view! {
                                    <th scope="col">
                                        <span class=format!("swatch design-{}", i.min(5)) aria-hidden="true"></span>
                                        {name}
                                    </th>
                                }
                            })
                            .collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {card
                        .rows
                        .into_iter()
                        .map(|row| {
                            view! {
                                <tr data-figure=row.key>
                                    <th scope="row">{row.label}</th>
                                    {row.lines.into_iter().map(|line| view! { <td><FigureCell line=line /></td> }).collect_view()}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
            <p class="capacity-definition">{card.definition}</p>
        </article>
    }
}

#[component]
fn FigureCell(line: DesignLine) -> impl IntoView {
    view! {
        <span class="capacity-value">{line.value}</span>
        <span class="capacity-interval">{line.interval.map(|i| format!("95% CI {i}")).unwrap_or_else(|| "no interval".to_owned())}</span>
        {line
            .change
            .map(|c| {
                view! {
                    <span class="capacity-change">
                        <span aria-hidden="true">{c.arrow}</span>
                        " "
                        {c.value}
                        {c.interval.map(|i| format!(" ({i})")).unwrap_or_default()}
                        " "
                        <VerdictBadge verdict=c.verdict />
                    </span>
                }
            })}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::test_support::{centre_report_of, report_of, schema1};

    #[test]
    fn every_staffed_pool_has_a_card_with_its_figures_for_every_design() {
        let report = centre_report_of("password-reset", 3, 2);
        let study = journey_engine::Study::from_json(journey_engine::presets::find("password-reset").unwrap().json).unwrap();
        let cards = pool_cards(&report, &study);
        let pools = report.designs[0].capacity.as_ref().unwrap().pools.len();
        assert_eq!(cards.len(), pools);
        let phone = &cards[0];
        assert_eq!(phone.title, "Phone");
        assert_eq!(phone.rows[0].label, "Answered within 20\u{a0}s");
        assert!(phone.definition.contains("gave up count as missed"));
        for row in &phone.rows {
            assert_eq!(row.lines.len(), report.designs.len());
            assert!(row.lines[0].change.is_none());
            assert!(row.lines[1].change.is_some(), "{}", row.key);
        }
        let sl = &phone.rows[0].lines[0];
        assert!(sl.value.ends_with('%') && sl.interval.as_ref().is_some_and(|i| i.contains(" to ")), "{sl:?}");
        assert!(phone.rows[0].lines[1].change.as_ref().unwrap().value.ends_with("pp"));
        assert!(cards.iter().any(|c| c.title == "Phone · tier 2"));
        // Waits in the unit of the longest: never "0.0 min" for seconds.
        let asa = phone.rows.iter().find(|r| r.key == "asa_minutes").unwrap();
        for line in &asa.lines {
            assert!(!line.value.starts_with("0.0") && !line.value.starts_with("0\u{a0}"), "{}", line.value);
        }
    }

    #[test]
    fn a_backlog_pool_has_no_abandonment_and_reads_its_target_in_hours() {
        let report = centre_report_of("pro-photographer", 2, 2);
        let study = journey_engine::Study::from_json(journey_engine::presets::find("pro-photographer").unwrap().json).unwrap();
        let cards = pool_cards(&report, &study);
        let backlog: Vec<&PoolCard> = cards.iter().filter(|c| c.queue.starts_with("Backlog")).collect();
        assert!(!backlog.is_empty(), "{:?}", cards.iter().map(|c| &c.title).collect::<Vec<_>>());
        for card in backlog {
            assert!(card.rows.iter().all(|r| r.key != "abandonment"));
            assert_eq!(card.rows[0].label, "Answered within 24\u{a0}h");
        }
    }

    #[test]
    fn independent_journeys_have_no_pools() {
        assert!(pool_cards(&report_of("password-reset", 4096), &schema1("password-reset")).is_empty());
        assert_eq!(duration_seconds(20.0), "20\u{a0}s");
        assert_eq!(duration_seconds(300.0), "5\u{a0}min");
        assert_eq!(duration_seconds(86_400.0), "24\u{a0}h");
    }
}
