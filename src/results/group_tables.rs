//! Figures by persona and by first channel (and, from
//! `contact_channels.rs`, by the channel of each contact): for each group, a row per
//! design with its journeys, its share of the design's journeys, and the
//! key KPIs with their 95% intervals.
//!
//! Rows of one group sit together (persona first, then design), so the
//! eye compares Current and Improved for the same customers.

use journey_engine::Report;
use journey_engine::kpi::kpi;
use leptos::prelude::*;

use super::format::{NumberFormat, count, number};

/// The KPIs shown per group.
pub const GROUP_KPIS: [&str; 5] = ["resolution_rate", "contacts_per_journey", "hours_to_resolution", "satisfaction", "cost_per_journey"];

/// Persona or first channel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dimension {
    Persona,
    Channel,
}

impl Dimension {
    pub fn heading(self) -> &'static str {
        match self {
            Dimension::Persona => "By persona",
            Dimension::Channel => "By first channel",
        }
    }

    pub fn column(self) -> &'static str {
        match self {
            Dimension::Persona => "Persona",
            Dimension::Channel => "First channel",
        }
    }

    fn groups(self, d: &journey_engine::DesignReport) -> &[journey_engine::report::GroupReport] {
        match self {
            Dimension::Persona => &d.by_persona,
            Dimension::Channel => &d.by_channel,
        }
    }
}

/// A cell: the value and, below it, its 95% interval as "± half-width"
/// (the intervals are symmetric), which fits a narrow column.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    pub value: String,
    pub interval: Option<String>,
}

/// Column headings short enough for a results pane beside the study.
pub fn short_label(key: &str) -> &'static str {
    match key {
        "resolution_rate" => "Resolved",
        "contacts_per_journey" => "Contacts",
        "hours_to_resolution" => "To resolve",
        // A soft hyphen lets the narrow column break the word.
        "satisfaction" => "Satis\u{ad}faction",
        "cost_per_journey" => "Cost",
        _ => kpi(key).map_or("", |i| i.label),
    }
}

/// "± half-width" in the KPI's unit: "±0.8 pp", "±$0.86", "±0.6 h".
fn plus_minus(f: &NumberFormat, [lo, hi]: [f64; 2]) -> String {
    let text = f.change((hi - lo) / 2.0);
    format!("±{}", text.trim_start_matches(['+', '\u{2212}']))
}

/// Fewer journeys than this in a group say nothing worth showing: its
/// figures would swing with a handful of customers, and the normal
/// approximation behind the intervals does not hold (the usual rule of
/// thumb for a mean is 30). Such a row says so instead.
pub const FEW_JOURNEYS: u64 = 30;

#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub group: String,
    pub design: String,
    pub design_index: usize,
    pub journeys: String,
    pub share: String,
    /// Empty when the group has too few journeys ([`FEW_JOURNEYS`]).
    pub cells: Vec<Cell>,
}

/// The rows of one dimension: groups in the baseline's order (a group only
/// a variant has comes after), each with a row per design whose journeys
/// include it.
pub fn rows(report: &Report, dimension: Dimension) -> Vec<Row> {
    let mut names: Vec<String> = Vec::new();
    for d in &report.designs {
        for g in dimension.groups(d) {
            if !names.contains(&g.name) {
                names.push(g.name.clone());
            }
        }
    }
    let formats: Vec<NumberFormat> = GROUP_KPIS
        .iter()
        .map(|&key| {
            let info = kpi(key).expect("known KPI");
            let reference =
                report.designs.iter().filter_map(|d| d.kpis.get(key).and_then(|e| e.estimate)).fold(0.0, |a: f64, b| a.max(b.abs()));
            NumberFormat::new(info.unit, &report.currency, reference)
        })
        .collect();
    let mut out = Vec::new();
    for name in &names {
        for (i, d) in report.designs.iter().enumerate() {
            // A channel nobody starts on has no row (and no figures).
            let Some(g) = dimension.groups(d).iter().find(|g| &g.name == name && g.journeys > 0) else { continue };
            let share = if report.journeys == 0 { 0.0 } else { g.journeys as f64 / report.journeys as f64 };
            out.push(Row {
                group: name.clone(),
                design: d.name.clone(),
                design_index: i,
                journeys: count(g.journeys),
                share: format!("{}%", number(share * 100.0, 1, false)),
                cells: if g.journeys < FEW_JOURNEYS { Vec::new() } else { GROUP_KPIS
                    .iter()
                    .zip(&formats)
                    .map(|(&key, f)| {
                        let e = g.kpis.get(key);
                        Cell {
                            value: e.and_then(|e| e.estimate).map_or("–".to_owned(), |v| f.value(v)),
                            interval: e.and_then(|e| e.ci95).map(|ci| plus_minus(f, ci)),
                        }
                    })
                    .collect() },
            });
        }
    }
    out
}

/// Consecutive rows of one group together, in order: (the group's name,
/// its rows), for a heading row per group.
pub fn runs_of<T>(rows: Vec<T>, group: impl Fn(&T) -> &str) -> Vec<(String, Vec<T>)> {
    let mut runs: Vec<(String, Vec<T>)> = Vec::new();
    for row in rows {
        match runs.last_mut() {
            Some((name, members)) if name == group(&row) => members.push(row),
            _ => runs.push((group(&row).to_owned(), vec![row])),
        }
    }
    runs
}

/// One group's rows: a heading row across `columns` cells with its name,
/// then `rows` (a row per design).
pub fn group_body(name: String, columns: usize, rows: impl IntoView) -> impl IntoView {
    let key = name.clone();
    view! {
        <tbody data-group=key>
            <tr class="group-head">
                <th colspan=columns.to_string() scope="rowgroup">{name}</th>
            </tr>
            {rows}
        </tbody>
    }
}

/// A number and, under it, its interval or what it counts.
pub fn value_cell(value: String, below: String) -> impl IntoView {
    view! {
        <td class="num">
            <span class="cell-value">{value}</span>
            <span class="cell-interval">{below}</span>
        </td>
    }
}

/// A design's row heading: its colour swatch and name.
pub fn design_cell(index: usize, name: String) -> impl IntoView {
    view! {
        <th scope="row" class="design-cell">
            <span class=format!("swatch design-{}", index.min(5)) aria-hidden="true"></span>
            {name}
        </th>
    }
}

#[component]
pub fn GroupTables(#[prop(into)] report: Signal<Option<std::sync::Arc<Report>>>) -> impl IntoView {
    view! {
        <section class="results-section groups" aria-labelledby="groups-heading">
            <h3 id="groups-heading">"Who and where"</h3>
            <div class="group-tables">
                {[Dimension::Persona, Dimension::Channel]
                    .into_iter()
                    .map(|dimension| {
                        let table = Memo::new(move |_| report.with(|r| r.as_ref().map(|r| rows(r, dimension))));
                        view! {
                            <div class="table-scroll">
                                <table class="group-table" data-dimension=dimension.column()>
                                    <caption>{dimension.heading()}</caption>
                                    <thead>
                                        <tr>
                                            <th scope="col">{format!("{} and design", dimension.column())}</th>
                                            <th scope="col" class="num">"Share"</th>
                                            {GROUP_KPIS
                                                .iter()
                                                .map(|k| {
                                                    view! {
                                                        <th scope="col" class="num" title=kpi(k).map(|i| i.meaning).unwrap_or_default()>
                                                            {short_label(k)}
                                                        </th>
                                                    }
                                                })
                                                .collect_view()}
                                        </tr>
                                    </thead>
                                    // A heading row per persona or channel, then a row per
                                    // design: no column spent on repeating the group's name,
                                    // so the table fits a results pane beside the study.
                                    {move || {
                                        runs_of(table.get().unwrap_or_default(), |row| &row.group)
                                            .into_iter()
                                            .map(|(name, members)| {
                                                let rows = members
                                                    .into_iter()
                                                    .map(|row| {
                                                        view! {
                                                            <tr>
                                                                {design_cell(row.design_index, row.design)}
                                                                {value_cell(row.share, row.journeys)}
                                                                {row.cells.is_empty().then(|| view! {
                                                                    <td class="too-few" colspan=GROUP_KPIS.len().to_string()>
                                                                        {format!("Too few journeys to say anything (fewer than {FEW_JOURNEYS}): run more journeys.")}
                                                                    </td>
                                                                })}
                                                                {row.cells.into_iter().map(|c| value_cell(c.value, c.interval.unwrap_or_default())).collect_view()}
                                                            </tr>
                                                        }
                                                    })
                                                    .collect_view();
                                                group_body(name, 2 + GROUP_KPIS.len(), rows)
                                            })
                                            .collect_view()
                                    }}
                                </table>
                            </div>
                        }
                    })
                    .collect_view()}
                <super::contact_channels::ContactChannelTable report=report />
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_keep_consecutive_rows_of_a_group_together() {
        let runs = runs_of(vec![("a", 1), ("a", 2), ("b", 3), ("a", 4)], |r| r.0);
        let shape: Vec<(&str, usize)> = runs.iter().map(|(name, members)| (name.as_str(), members.len())).collect();
        assert_eq!(shape, [("a", 2), ("b", 1), ("a", 1)]);
    }
    use crate::results::test_support::report_of;

    #[test]
    fn a_group_with_too_few_journeys_says_so_instead_of_figures() {
        let report = report_of("password-reset", 200);
        let rows = rows(&report, Dimension::Persona);
        let small: Vec<&Row> = rows.iter().filter(|r| r.journeys.replace(',', "").parse::<u64>().unwrap() < FEW_JOURNEYS).collect();
        assert!(!small.is_empty(), "200 journeys leave a small persona");
        assert!(small.iter().all(|r| r.cells.is_empty()));
        assert!(rows.iter().filter(|r| !small.contains(r)).all(|r| r.cells.len() == GROUP_KPIS.len()));
    }

    #[test]
    fn intervals_read_as_plus_or_minus_half_their_width() {
        let f = NumberFormat::new("%", "USD", 0.8);
        assert_eq!(plus_minus(&f, [0.871, 0.887]), "±0.8\u{a0}pp");
        let money = NumberFormat::new("money", "USD", 20.0);
        assert_eq!(plus_minus(&money, [19.80, 21.52]), "±$0.86");
        assert_eq!(short_label("hours_to_resolution"), "To resolve");
        assert!(GROUP_KPIS.iter().all(|k| !short_label(k).is_empty()));
    }

    #[test]
    fn a_row_per_group_and_design_with_shares_that_add_up() {
        let report = report_of("pro-photographer", 4096);
        for dimension in [Dimension::Persona, Dimension::Channel] {
            let rows = rows(&report, dimension);
            let groups = report.designs[0].by_persona.len();
            if dimension == Dimension::Persona {
                assert!(rows.len() <= groups * report.designs.len());
            }
            for (i, d) in report.designs.iter().enumerate() {
                let journeys: u64 =
                    rows.iter().filter(|r| r.design_index == i).map(|r| r.journeys.replace(',', "").parse::<u64>().unwrap()).sum();
                // Every journey has one persona and one first channel.
                assert_eq!(journeys, report.journeys, "{} {dimension:?}", d.name);
            }
            assert!(rows.iter().all(|r| r.cells.len() == GROUP_KPIS.len()));
            // Rows of one group are together.
            let mut seen: Vec<&str> = Vec::new();
            for r in &rows {
                if seen.last() != Some(&r.group.as_str()) {
                    assert!(!seen.contains(&r.group.as_str()), "{} split", r.group);
                    seen.push(&r.group);
                }
            }
        }
    }
}
