//! KPI cards: one per KPI, grouped as a strategist reads them (outcome,
//! effort, cost, experience, channels). Each card lists every design's
//! estimate with its 95% interval and, for each variant, the change from
//! the baseline with the paired interval and a plain verdict.
//!
//! The card's content is built as plain data ([`KpiCard`]) and tested
//! natively; the component only lays it out.

use journey_engine::kpi::kpi;
use journey_engine::{Report, Verdict};
use leptos::prelude::*;

use super::format::{NumberFormat, duration_hours};
use super::verdict::{Tone, VerdictBadge, direction_arrow};

/// The groups of cards and the KPIs in each, in reading order.
pub const GROUPS: [(&str, &[&str]); 5] = [
    ("Outcome", &["resolution_rate", "first_contact_resolution", "gave_up_rate"]),
    ("Effort", &["contacts_per_journey", "repeat_contacts", "agent_contacts_per_journey", "switches_per_journey", "customer_minutes", "hours_to_resolution"]),
    ("Cost", &["cost_per_journey", "cost_per_resolution", "agent_minutes"]),
    ("Experience", &["satisfaction", "satisfied_rate"]),
    ("Channels", &["containment", "self_service_abandonment", "abandonment", "escalation_rate"]),
];

/// One design's line on a card.
#[derive(Clone, Debug, PartialEq)]
pub struct DesignLine {
    pub design: String,
    pub index: usize,
    /// "72.3%", or "–" where the KPI is undefined for this design.
    pub value: String,
    /// "71.7% to 72.9%".
    pub interval: Option<String>,
    /// For variants: the change from the baseline.
    pub change: Option<Change>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub arrow: &'static str,
    /// "+5.8 pp".
    pub value: String,
    /// "+5.3 to +6.3 pp".
    pub interval: Option<String>,
    pub verdict: Verdict,
}

/// Median and 90th percentile of hours to resolution (no intervals).
#[derive(Clone, Debug, PartialEq)]
pub struct PercentileLine {
    pub design: String,
    pub index: usize,
    pub median: String,
    pub p90: String,
    pub change: Option<(String, String)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct KpiCard {
    pub key: &'static str,
    pub label: &'static str,
    pub meaning: &'static str,
    pub lines: Vec<DesignLine>,
    pub percentiles: Vec<PercentileLine>,
}

impl KpiCard {
    /// The tone of the card: the verdict of the first variant.
    pub fn tone(&self) -> Tone {
        self.lines.iter().find_map(|l| l.change.as_ref()).map_or(Tone::NotApplicable, |c| Tone::of(c.verdict))
    }
}

/// The card of KPI `key`, or `None` for an unknown key.
pub fn kpi_card(report: &Report, key: &'static str) -> Option<KpiCard> {
    let info = kpi(key)?;
    let estimate = |d: &journey_engine::DesignReport, key: &str| d.kpis.get(key).and_then(|e| e.estimate);
    // One unit and precision for every number on the card.
    let reference = report.designs.iter().filter_map(|d| estimate(d, key)).fold(0.0, |a: f64, b| a.max(b.abs()));
    let f = NumberFormat::new(info.unit, &report.currency, reference);
    let lines = report
        .designs
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let e = d.kpis.get(key);
            let diff = (i > 0).then(|| report.comparisons.iter().find(|c| c.design == d.name).and_then(|c| c.kpis.get(key))).flatten();
            DesignLine {
                design: d.name.clone(),
                index: i,
                value: e.and_then(|e| e.estimate).map_or("–".to_owned(), |v| f.value(v)),
                interval: e.and_then(|e| e.ci95).map(|ci| f.interval(ci)),
                change: diff.map(|d| Change {
                    arrow: direction_arrow(d.estimate),
                    value: d.estimate.map_or("–".to_owned(), |v| f.change(v)),
                    interval: d.ci95.map(|ci| f.change_interval(ci)),
                    verdict: d.verdict,
                }),
            }
        })
        .collect();
    let percentiles = if key == "hours_to_resolution" {
        // Each figure in the unit that suits it: a median of minutes beside
        // a 90th percentile of days.
        let pf = |d: &journey_engine::DesignReport, k: &str| estimate(d, k);
        let show = |v: Option<f64>| v.map_or("–".to_owned(), duration_hours);
        let base = report.designs.first();
        report
            .designs
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let (m, p) = (pf(d, "hours_to_resolution_p50"), pf(d, "hours_to_resolution_p90"));
                let change = (i > 0).then(|| {
                    let delta = |a: Option<f64>, k: &str| {
                        a.zip(base.and_then(|b| pf(b, k))).map_or("–".to_owned(), |(a, b)| signed_duration(a - b))
                    };
                    (delta(m, "hours_to_resolution_p50"), delta(p, "hours_to_resolution_p90"))
                });
                PercentileLine { design: d.name.clone(), index: i, median: show(m), p90: show(p), change }
            })
            .collect()
    } else {
        Vec::new()
    };
    Some(KpiCard { key: info.key, label: info.label, meaning: info.meaning, lines, percentiles })
}

/// A change of elapsed time with its sign: "+2.5 h", "−12 min", "0 s".
fn signed_duration(hours: f64) -> String {
    let text = duration_hours(hours.abs());
    if text.starts_with("0\u{a0}") || text.starts_with("0.0\u{a0}") {
        text
    } else if hours < 0.0 {
        format!("\u{2212}{text}")
    } else {
        format!("+{text}")
    }
}

/// Every card, grouped.
#[component]
pub fn KpiCards(#[prop(into)] report: Signal<Option<std::sync::Arc<Report>>>) -> impl IntoView {
    view! {
        <section class="results-section kpis" aria-labelledby="kpi-heading">
            <h3 id="kpi-heading">"Key figures"</h3>
            <p class="section-note">
                "95% intervals. Changes from "
                {move || report.with(|r| r.as_ref().and_then(|r| r.designs.first()).map(|d| d.name.clone()).unwrap_or_default())}
                " compare the same customers: ✓ better, ✗ worse, = no detectable difference."
            </p>
            {GROUPS
                .iter()
                .map(|(group, keys)| {
                    view! {
                        <div class="kpi-group" data-group=*group>
                            <h4 class="kpi-group-title">{*group}</h4>
                            <div class="kpi-grid">
                                {keys
                                    .iter()
                                    .map(|&key| {
                                        let card = Memo::new(move |_| report.with(|r| r.as_ref().and_then(|r| kpi_card(r, key))));
                                        move || card.get().map(|card| view! { <KpiCardView card=card /> })
                                    })
                                    .collect_view()}
                            </div>
                        </div>
                    }
                })
                .collect_view()}
        </section>
    }
}

#[component]
fn KpiCardView(card: KpiCard) -> impl IntoView {
    let tone = card.tone();
    let percentiles = card.percentiles.clone();
    view! {
        <article class=format!("kpi-card {}", tone.class()) data-kpi=card.key>
            <h5 class="kpi-label">{card.label}</h5>
            <p class="kpi-meaning">{card.meaning}</p>
            <ul class="kpi-lines">
                {card
                    .lines
                    .into_iter()
                    .map(|line| {
                        view! {
                            <li class="kpi-line" data-design=line.design.clone()>
                                <span class="kpi-design">
                                    <span class=format!("swatch design-{}", line.index.min(5)) aria-hidden="true"></span>
                                    {line.design.clone()}
                                </span>
                                <span class="kpi-value">{line.value}</span>
                                <span class="kpi-interval">
                                    {line.interval.map(|i| format!("95% CI {i}")).unwrap_or_else(|| "no interval".to_owned())}
                                </span>
                                {line
                                    .change
                                    .map(|c| {
                                        view! {
                                            <span class="kpi-change">
                                                <span class="kpi-change-value">
                                                    <span aria-hidden="true">{c.arrow}</span>
                                                    " "
                                                    {c.value}
                                                </span>
                                                <span class="kpi-change-interval">
                                                    {c.interval.map(|i| format!("({i})")).unwrap_or_default()}
                                                </span>
                                                <VerdictBadge verdict=c.verdict />
                                            </span>
                                        }
                                    })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            {(!percentiles.is_empty())
                .then(|| {
                    view! {
                        <table class="kpi-percentiles">
                            <thead>
                                <tr>
                                    <th scope="col">"Design"</th>
                                    <th scope="col">"Median"</th>
                                    <th scope="col">"90th pct"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {percentiles
                                    .into_iter()
                                    .map(|p| {
                                        let (dm, dp) = p.change.clone().map_or((String::new(), String::new()), |(m, p)| (format!(" ({m})"), format!(" ({p})")));
                                        view! {
                                            <tr>
                                                <th scope="row">{p.design}</th>
                                                <td>{p.median}{dm}</td>
                                                <td>{p.p90}{dp}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    }
                })}
        </article>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::test_support::report_of;
    use journey_engine::KPIS;

    #[test]
    fn every_kpi_is_on_exactly_one_card() {
        for info in KPIS.iter().chain(&journey_engine::kpi::DERIVED_KPIS) {
            let n = GROUPS.iter().flat_map(|(_, keys)| keys.iter()).filter(|k| **k == info.key).count();
            assert_eq!(n, 1, "{}", info.key);
        }
        let total: usize = GROUPS.iter().map(|(_, keys)| keys.len()).sum();
        assert_eq!(total, KPIS.len() + journey_engine::kpi::DERIVED_KPIS.len());
    }

    #[test]
    fn cards_show_every_design_and_changes_for_variants_only() {
        let report = report_of("password-reset", 4096);
        for info in KPIS {
            let card = kpi_card(&report, info.key).unwrap();
            assert_eq!(card.lines.len(), report.designs.len());
            assert!(card.lines[0].change.is_none());
            for line in &card.lines[1..] {
                let change = line.change.as_ref().expect("variants have a change");
                let expected = report.comparisons[line.index - 1].kpis.get(info.key).unwrap().verdict;
                assert_eq!(change.verdict, expected);
            }
        }
    }

    #[test]
    fn a_rate_card_reads_in_percent_and_points() {
        let report = report_of("password-reset", 4096);
        let card = kpi_card(&report, "resolution_rate").unwrap();
        assert!(card.lines[0].value.ends_with('%'), "{}", card.lines[0].value);
        assert!(card.lines[0].interval.as_ref().unwrap().contains(" to "));
        let change = card.lines[1].change.as_ref().unwrap();
        assert!(change.value.ends_with("pp"), "{}", change.value);
        let cost = kpi_card(&report, "cost_per_journey").unwrap();
        assert!(cost.lines[0].value.starts_with('$'), "{}", cost.lines[0].value);
    }

    #[test]
    fn hours_to_resolution_carries_median_and_90th_percentile() {
        let report = report_of("pro-photographer", 4096);
        let card = kpi_card(&report, "hours_to_resolution").unwrap();
        assert_eq!(card.percentiles.len(), report.designs.len());
        assert!(card.percentiles[1].change.is_some());
        assert!(kpi_card(&report, "resolution_rate").unwrap().percentiles.is_empty());
        // Each percentile in its own unit, never "0.0 days" for minutes.
        for p in &card.percentiles {
            assert!(!p.median.starts_with("0.0"), "{}", p.median);
        }
        assert_eq!(signed_duration(-0.5), "\u{2212}30\u{a0}min");
        assert_eq!(signed_duration(36.0), "+36\u{a0}h");
    }

    #[test]
    fn the_card_tone_follows_the_first_variant() {
        let report = report_of("password-reset", 4096);
        let card = kpi_card(&report, "resolution_rate").unwrap();
        let verdict = report.comparisons[0].kpis.get("resolution_rate").unwrap().verdict;
        assert_eq!(card.tone(), Tone::of(verdict));
    }
}
