//! Figures by the channel where each contact happened (the engine's
//! `by_contact_channel`): for every channel and design, its contacts and
//! their share of the design's, its self-service's containment and
//! abandonment, its queues' abandonment, and the share of its contacts
//! after which the customer was resolved. Unlike "by first channel", a
//! phone call that follows a failed chat counts here as the phone's.

use journey_engine::Report;
use leptos::prelude::*;

use super::format::{NumberFormat, count, number};
use super::group_tables::{design_cell, group_body, runs_of, value_cell};

/// The rates shown, with their column headings.
pub const RATES: [(&str, &str, &str); 4] = [
    ("containment", "Contained", "self-service resolutions / self-service attempts on this channel"),
    ("self_service_abandonment", "Left self-service", "self-service abandonments / self-service attempts on this channel"),
    ("abandonment", "Hung up waiting", "queue abandonments / queue entries on this channel"),
    ("resolution_rate", "Resolved", "contacts on this channel after which the customer was resolved / contacts on this channel"),
];

/// A rate with fewer trials than this shows no figure (see
/// `group_tables::FEW_JOURNEYS`).
const FEW: f64 = 30.0;

/// One channel's row for one design.
#[derive(Clone, Debug, PartialEq)]
pub struct ChannelRow {
    pub channel: String,
    pub design: String,
    pub design_index: usize,
    pub contacts: String,
    pub share: String,
    /// Per rate: value and "± half-width", or `None` where the channel has
    /// no such step or too few contacts reached it.
    pub rates: Vec<Option<(String, String)>>,
}

/// Rows in the baseline's channel order, a row per design.
pub fn channel_rows(report: &Report) -> Vec<ChannelRow> {
    let f = NumberFormat::new("%", &report.currency, 0.5);
    let mut rows = Vec::new();
    for name in report.contact_channels() {
        for (i, d) in report.designs.iter().enumerate() {
            let Some(c) = d.contact_channel(name) else { continue };
            let total: u64 = d.by_contact_channel.iter().map(|c| c.contacts).sum();
            let share = if total == 0 { 0.0 } else { c.contacts as f64 / total as f64 };
            let rates = RATES
                .iter()
                .map(|(key, _, _)| {
                    let e = c.rates.get(key)?;
                    let value = e.estimate?;
                    // A rate from a handful of trials says nothing at all.
                    let trials = match *key {
                        "containment" | "self_service_abandonment" => c.self_service,
                        "abandonment" => c.queue_entries,
                        _ => c.contacts,
                    };
                    (trials as f64 >= FEW).then_some(())?;
                    let interval = e.ci95.map(|[lo, hi]| format!("±{}", f.change((hi - lo) / 2.0).trim_start_matches(['+', '\u{2212}']))).unwrap_or_default();
                    Some((f.value(value), interval))
                })
                .collect();
            rows.push(ChannelRow {
                channel: name.to_owned(),
                design: d.name.clone(),
                design_index: i,
                contacts: count(c.contacts),
                share: format!("{}%", number(share * 100.0, 1, false)),
                rates,
            });
        }
    }
    rows
}

#[component]
pub fn ContactChannelTable(#[prop(into)] report: Signal<Option<std::sync::Arc<Report>>>) -> impl IntoView {
    let rows = Memo::new(move |_| report.with(|r| r.as_ref().map(|r| channel_rows(r)).unwrap_or_default()));
    view! {
        <div class="table-scroll" hidden=move || rows.with(Vec::is_empty)>
            <table class="group-table" data-dimension="Contact channel">
                <caption>"By contact channel"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Channel and design"</th>
                        <th scope="col" class="num" title="contacts on this channel / all contacts of the design">"Contacts"</th>
                        {RATES.iter().map(|(_, label, meaning)| view! { <th scope="col" class="num" title=*meaning>{*label}</th> }).collect_view()}
                    </tr>
                </thead>
                {move || {
                    runs_of(rows.get(), |row| &row.channel)
                        .into_iter()
                        .map(|(name, members)| {
                            let rows = members
                                .into_iter()
                                .map(|row| {
                                    view! {
                                        <tr>
                                            {design_cell(row.design_index, row.design)}
                                            {value_cell(row.share, row.contacts)}
                                            {row
                                                .rates
                                                .into_iter()
                                                .map(|rate| match rate {
                                                    Some((value, interval)) => value_cell(value, interval).into_any(),
                                                    None => view! { <td class="num">"–"</td> }.into_any(),
                                                })
                                                .collect_view()}
                                        </tr>
                                    }
                                })
                                .collect_view();
                            group_body(name, 2 + RATES.len(), rows)
                        })
                        .collect_view()
                }}
            </table>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::test_support::report_of;

    #[test]
    fn a_row_per_channel_and_design_with_the_rates_a_channel_has() {
        let report = report_of("password-reset", 8192);
        let rows = channel_rows(&report);
        assert_eq!(rows.len(), report.designs[0].by_contact_channel.len() * report.designs.len());
        assert!(rows.iter().all(|r| r.rates.len() == RATES.len()));
        // Password reset's help centre has self-service and no agents: no
        // queue to hang up in.
        let help = rows.iter().find(|r| r.channel == "Help centre").expect("help centre");
        assert!(help.rates[0].is_some() && help.rates[2].is_none(), "{help:?}");
        let phone = rows.iter().find(|r| r.channel == "Phone").expect("phone");
        assert!(phone.rates.iter().all(Option::is_some), "{phone:?}");
        assert!(phone.rates[0].as_ref().is_some_and(|(v, i)| v.ends_with('%') && i.starts_with('±')), "{phone:?}");
    }
}
