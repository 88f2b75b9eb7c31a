//! The business case of a simulated centre in the table: each design's
//! costs a year, and what each variant saves against the baseline.
//!
//! ```text
//! The year (876,000 customers)   Current         Improved        Improved saves vs Current
//! Contact costs                  USD 849,000     USD 534,000     USD 315,000 [309,000, 321,000]
//! ```

use journey_engine::Estimate;
use journey_engine::report::{BusinessCase, DesignYear, Saving};

use super::align;
use crate::format::thousands;

/// The section.
pub fn table(year: &BusinessCase, currency: &str) -> String {
    let mut header = vec![format!("The year ({} customers)", thousands(year.customers_per_year.round() as u64))];
    header.extend(year.designs.iter().map(|d| d.design.clone()));
    header.extend(year.savings.iter().map(|s| format!("{} saves vs {}", s.design, s.baseline)));
    let money = |x: f64| format!("{currency} {}", signed_thousands(x));
    let hours = |x: f64| format!("{} h", signed_thousands(x));
    let rows = [
        Row { label: "Contact costs", of_design: |d| d.contact_cost, of_saving: |s| s.contact_cost, money: true },
        Row { label: "Staffing", of_design: |d| d.staffing_cost, of_saving: |s| s.staffing_cost, money: true },
        Row { label: "Total", of_design: |d| d.total_cost, of_saving: |s| s.total_cost, money: true },
        Row { label: "Agent hours (freed)", of_design: |d| d.agent_hours, of_saving: |s| s.agent_hours, money: false },
    ];
    let mut lines = vec![header];
    for row in rows {
        let show = |x: f64| if row.money { money(x) } else { hours(x) };
        let mut line = vec![row.label.to_owned()];
        line.extend(year.designs.iter().map(|d| (row.of_design)(d).estimate.map_or("n/a".to_owned(), show)));
        line.extend(year.savings.iter().map(|s| {
            let e = (row.of_saving)(s);
            let value = e.estimate.map_or("n/a".to_owned(), show);
            match e.ci95 {
                Some([lo, hi]) if hi > lo => format!("{value} [{}, {}]", signed_thousands(lo), signed_thousands(hi)),
                _ => value,
            }
        }));
        lines.push(line);
    }
    if year.savings.iter().any(|s| s.payback.is_some()) {
        let mut line = vec!["One-off investment: payback".to_owned()];
        line.extend(year.designs.iter().map(|_| String::new()));
        line.extend(year.savings.iter().map(|s| match &s.payback {
            None => "–".to_owned(),
            Some(p) => {
                let spent = money(p.investment);
                match (p.months, p.months_ci95) {
                    (None, _) => format!("{spent}: never (no saving, or too little)"),
                    (Some(m), Some([lo, hi])) => format!("{spent}: {m:.1} months [{lo:.1}, {hi:.1}]"),
                    (Some(m), None) => format!("{spent}: {m:.1} months [may never pay back]"),
                }
            }
        }));
        lines.push(line);
    }
    let mut out = align(&lines);
    out.push_str(
        "A year is 365 mean days of the study's volume: contact costs are the cost per journey for that many\n\
         customers, staffing the roster's paid hours. A saving is the baseline's cost minus the variant's,\n\
         with its paired 95% interval; a one-off investment pays back in investment / (saving / 12) months.\n",
    );
    out
}

/// One line of the section: what it shows of a design and of a saving.
struct Row {
    label: &'static str,
    of_design: fn(&DesignYear) -> Estimate,
    of_saving: fn(&Saving) -> Estimate,
    money: bool,
}

/// A whole amount with thousands separators and a minus sign when negative.
fn signed_thousands(x: f64) -> String {
    let rounded = x.round();
    let text = thousands(rounded.abs() as u64);
    if rounded < 0.0 { format!("-{text}") } else { text }
}
