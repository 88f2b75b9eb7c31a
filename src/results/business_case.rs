//! The business case: what each design costs a year (contacts and paid
//! agent time) and what each variant saves against the baseline, with 95%
//! intervals, for a simulated centre. The engine computes it
//! (`journey_engine::report::business_case`); this module writes it as a
//! strategist reads it and lays it out.

use journey_engine::report::{BusinessCase, Estimate, business_case};
use journey_engine::{Report, Study};
use leptos::prelude::*;

use super::format::{NumberFormat, count};

/// One row of the business-case table.
#[derive(Clone, Debug, PartialEq)]
pub struct YearRow {
    pub design: String,
    pub index: usize,
    pub contact_cost: String,
    pub staffing_cost: String,
    pub total_cost: String,
    pub agent_hours: String,
    /// For variants: the saving a year against the baseline, in words.
    pub saving: Option<String>,
}

/// The business case as the page shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct YearTable {
    /// "876,000 customers a year (2,400 a day × 365)".
    pub basis: String,
    pub rows: Vec<YearRow>,
}

/// The rows of a business case.
pub fn year_table(case: &BusinessCase, currency: &str, customers_per_day: f64) -> YearTable {
    let largest = case.designs.iter().filter_map(|d| d.total_cost.estimate).fold(0.0, |a: f64, b| a.max(b.abs()));
    let money = NumberFormat::new("money", currency, largest.max(1000.0));
    let value = |e: &Estimate, f: &NumberFormat| e.estimate.map_or("–".to_owned(), |v| f.value(v));
    let with_interval = |e: &Estimate, f: &NumberFormat| match (e.estimate, e.ci95) {
        (Some(v), Some([lo, hi])) if hi > lo => format!("{} (95% CI {})", f.value(v), f.interval([lo, hi])),
        _ => value(e, f),
    };
    let rows = case
        .designs
        .iter()
        .enumerate()
        .map(|(i, d)| YearRow {
            design: d.design.clone(),
            index: i,
            contact_cost: with_interval(&d.contact_cost, &money),
            staffing_cost: value(&d.staffing_cost, &money),
            total_cost: with_interval(&d.total_cost, &money),
            agent_hours: d.agent_hours.estimate.map_or("–".to_owned(), |h| format!("{}\u{a0}h", count(h.max(0.0).round() as u64))),
            saving: (i > 0).then(|| case.savings.iter().find(|s| s.design == d.design)).flatten().map(|s| {
                let total = s.total_cost;
                let words = match (total.estimate, total.ci95) {
                    (Some(v), Some([lo, hi])) if lo > 0.0 => {
                        format!("saves {} a year (95% CI {} to {})", money.value(v), money.value(lo), money.value(hi))
                    }
                    (Some(v), Some([lo, hi])) if hi < 0.0 => {
                        format!("costs {} more a year (95% CI {} to {})", money.value(-v), money.value(-hi), money.value(-lo))
                    }
                    (Some(v), Some([lo, hi])) => format!(
                        "makes no detectable difference to the year's cost (saves {}, 95% CI {} to {})",
                        money.change(v),
                        money.change(lo),
                        money.change(hi)
                    ),
                    (Some(v), None) => format!("saves {} a year", money.change(v)),
                    _ => "–".to_owned(),
                };
                let freed = s.agent_hours.estimate.filter(|h| h.abs() >= 0.5).map_or(String::new(), |h| {
                    if h > 0.0 { format!("; frees {} agent hours", count(h.round() as u64)) } else { format!("; needs {} more agent hours", count((-h).round() as u64)) }
                });
                let payback = s.payback.as_ref().map_or(String::new(), |p| payback_words(p, &money));
                format!("{} {words}{freed}{payback}", d.design)
            }),
        })
        .collect();
    YearTable {
        basis: format!(
            "{} customers a year ({} a day × 365). Contact costs are each design's cost per journey for that many customers; staffing is the roster's paid hours.",
            count(case.customers_per_year.round() as u64),
            count(customers_per_day.round() as u64)
        ),
        rows,
    }
}

/// "; a one-off $50,000 pays back in 1.9 months (95% CI 1.8 to 2.0)".
pub fn payback_words(p: &journey_engine::report::Payback, money: &NumberFormat) -> String {
    let months = |m: f64| super::format::number(m, if m < 10.0 { 1 } else { 0 }, false);
    let spent = format!("; a one-off {}", money.value(p.investment));
    match (p.months, p.months_ci95) {
        (None, _) => format!("{spent} never pays back: the design saves nothing, or too little"),
        (Some(m), Some([lo, hi])) => format!("{spent} pays back in {} months (95% CI {} to {})", months(m), months(lo), months(hi)),
        (Some(m), None) => format!("{spent} pays back in {} months, but the saving may be nothing, so it may never pay back", months(m)),
    }
}

/// The business case, when the study is a simulated centre.
#[component]
pub fn BusinessCaseView(
    #[prop(into)] report: Signal<Option<std::sync::Arc<Report>>>,
    #[prop(into)] study: Signal<Option<std::sync::Arc<Study>>>,
) -> impl IntoView {
    let table = Memo::new(move |_| {
        report.with(|r| {
            study.with(|s| {
                let (r, s) = (r.as_ref()?, s.as_ref()?);
                let case = business_case(s, r)?;
                Some(year_table(&case, &r.currency, s.demand.as_ref()?.customers_per_day))
            })
        })
    });
    view! {
        <section class="results-section business-case" aria-labelledby="business-case-heading" hidden=move || table.with(Option::is_none)>
            <h3 id="business-case-heading">"The year: the business case"</h3>
            {move || {
                table
                    .get()
                    .map(|t| {
                        let savings: Vec<String> = t.rows.iter().filter_map(|r| r.saving.clone()).collect();
                        view! {
                            <ul class="business-case-savings">
                                {savings.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}
                            </ul>
                            <table class="business-case-table">
                                <caption class="visually-hidden">"What each design costs a year"</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">"Design"</th>
                                        <th scope="col">"Contact costs a year"</th>
                                        <th scope="col">"Staffing a year"</th>
                                        <th scope="col">"Total a year"</th>
                                        <th scope="col">"Agent hours a year"</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {t
                                        .rows
                                        .into_iter()
                                        .map(|r| {
                                            view! {
                                                <tr>
                                                    <th scope="row">
                                                        <span class=format!("swatch design-{}", r.index.min(5)) aria-hidden="true"></span>
                                                        {r.design}
                                                    </th>
                                                    <td>{r.contact_cost}</td>
                                                    <td>{r.staffing_cost}</td>
                                                    <td>{r.total_cost}</td>
                                                    <td>{r.agent_hours}</td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                            <p class="section-note">{t.basis}</p>
                        }
                    })
            }}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::test_support::centre_report_of;

    #[test]
    fn the_year_reads_in_money_and_a_variant_says_what_it_saves() {
        let report = centre_report_of("password-reset", 3, 2);
        let study = Study::from_json(journey_engine::presets::find("password-reset").unwrap().json).unwrap();
        let case = business_case(&study, &report).unwrap();
        let per_day = study.demand.as_ref().unwrap().customers_per_day;
        let table = year_table(&case, &report.currency, per_day);
        assert_eq!(table.rows.len(), report.designs.len());
        assert!(table.rows[0].saving.is_none());
        assert!(table.rows[0].total_cost.starts_with('$'), "{}", table.rows[0].total_cost);
        let saving = table.rows[1].saving.as_ref().unwrap();
        // Improved takes calls off the phones: cheaper contacts, same agents.
        assert!(saving.starts_with("Improved saves $"), "{saving}");
        assert!(saving.contains("95% CI"), "{saving}");
        assert!(table.basis.contains(" a day × 365"));
    }
}
