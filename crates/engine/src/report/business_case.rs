//! The business case of a simulated centre: what each design costs a year,
//! and what each variant saves against the baseline, with 95% intervals.
//!
//! The number a strategist's boss asks for. It is read off the report, so
//! it carries the report's precision and pairing:
//!
//! - customers a year = `demand.customers_per_day` × 365 (the mean day of
//!   MODEL.md, weekday profile included);
//! - contact costs a year = cost per journey × customers a year; its
//!   interval and the saving's (the paired difference) scale the same way;
//! - staffing cost and agent hours a year = the measured days' mean a day ×
//!   365. The roster does not depend on chance, so these carry no sampling
//!   error; with measured days that are not whole weeks the mean day leans
//!   on the weekdays measured (`docs/model-choices.md`).
//!
//! A saving is baseline minus variant: positive when the variant costs less.
//! A variant with a one-off `investment` pays it back in investment ÷
//! (total saving ÷ 12) months; the months' interval comes from the
//! saving's, and there is none when the saving may be zero. Against a
//! reference design with an investment of its own (`Study::against`), the
//! variant's extra investment is what its saving must pay back.

use serde::Serialize;

use super::{Estimate, Report};
use crate::study::Study;

/// Days in the year the business case scales a mean day to.
pub const DAYS_A_YEAR: f64 = 365.0;

/// A study's year, design by design.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BusinessCase {
    pub customers_per_year: f64,
    pub designs: Vec<DesignYear>,
    /// One per variant, against `designs[0]`.
    pub savings: Vec<Saving>,
}

/// What one design costs a year.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DesignYear {
    pub design: String,
    /// The journeys' own costs (contacts and handled minutes).
    pub contact_cost: Estimate,
    /// Paid agent time on duty.
    pub staffing_cost: Estimate,
    pub total_cost: Estimate,
    pub agent_hours: Estimate,
}

/// What a variant saves a year against the baseline (baseline − variant).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Saving {
    pub design: String,
    pub baseline: String,
    pub contact_cost: Estimate,
    pub staffing_cost: Estimate,
    pub total_cost: Estimate,
    /// Agent hours a year the variant frees (negative: it needs more).
    pub agent_hours: Estimate,
    /// The variant's one-off investment and the months its saving takes
    /// to pay it back, when the study gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payback: Option<Payback>,
}

/// How soon a one-off investment pays for itself.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Payback {
    pub investment: f64,
    /// Investment ÷ (total saving a year ÷ 12); `None` when the variant
    /// saves nothing (it never pays back).
    pub months: Option<f64>,
    /// From the saving's 95% interval (months fall as the saving grows):
    /// `None` when that interval reaches zero or below, so that the
    /// investment may never pay back.
    pub months_ci95: Option<[f64; 2]>,
}

impl Payback {
    /// The payback of `investment` from a saving a year of `saving`.
    pub fn of(investment: f64, saving: Estimate) -> Self {
        // A saving so small that the months overflow never pays back
        // either: no infinite month count reaches a person.
        let months = |per_year: f64| Some(12.0 * investment / per_year).filter(|m| *m > 0.0 && m.is_finite());
        Payback {
            investment,
            months: saving.estimate.filter(|s| *s > 0.0).and_then(months),
            months_ci95: saving.ci95.filter(|[lo, _]| *lo > 0.0).and_then(|[lo, hi]| Some([months(hi)?, months(lo)?])),
        }
    }
}

/// The business case of `report`, a report of `study`; `None` for a study
/// without demand (it has no volume to scale to a year).
pub fn business_case(study: &Study, report: &Report) -> Option<BusinessCase> {
    let demand = study.demand.as_ref()?;
    let customers = demand.customers_per_day * DAYS_A_YEAR;
    let designs = report
        .designs
        .iter()
        .map(|d| {
            let staffing = |key: &str| d.capacity.as_ref().and_then(|c| c.staffing.get(key)).copied().unwrap_or(Estimate::NONE);
            let contact_cost = scaled(d.kpis.get("cost_per_journey").copied().unwrap_or(Estimate::NONE), customers);
            let staffing_cost = scaled(staffing("staffing_cost_per_day"), DAYS_A_YEAR);
            DesignYear {
                design: d.name.clone(),
                contact_cost,
                staffing_cost,
                total_cost: sum(contact_cost, staffing_cost),
                agent_hours: scaled(staffing("agent_hours_per_day"), DAYS_A_YEAR),
            }
        })
        .collect();
    let savings = report
        .comparisons
        .iter()
        .map(|c| {
            // What the variant costs to make beyond the reference design
            // (itself already real, or made first).
            let reference = study.designs.first().map_or(0.0, |d| d.investment);
            let investment = study.designs.iter().find(|d| d.name == c.design).map_or(0.0, |d| d.investment) - reference;
            let staffing = |key: &str| {
                c.capacity.as_ref().and_then(|c| c.staffing.get(key)).map_or(Estimate::NONE, |d| Estimate { estimate: d.estimate, ci95: d.ci95 })
            };
            let kpi = c.kpis.get("cost_per_journey").map_or(Estimate::NONE, |d| Estimate { estimate: d.estimate, ci95: d.ci95 });
            // A saving is the difference turned round.
            let contact_cost = scaled(kpi, -customers);
            let staffing_cost = scaled(staffing("staffing_cost_per_day"), -DAYS_A_YEAR);
            let total_cost = sum(contact_cost, staffing_cost);
            Saving {
                design: c.design.clone(),
                baseline: c.baseline.clone(),
                contact_cost,
                staffing_cost,
                total_cost,
                agent_hours: scaled(staffing("agent_hours_per_day"), -DAYS_A_YEAR),
                payback: (investment > 0.0 && total_cost.estimate.is_some()).then(|| Payback::of(investment, total_cost)),
            }
        })
        .collect();
    Some(BusinessCase { customers_per_year: customers, designs, savings })
}

/// `e` times `factor` (a negative factor swaps the interval's ends).
fn scaled(e: Estimate, factor: f64) -> Estimate {
    Estimate {
        estimate: e.estimate.map(|x| x * factor),
        ci95: e.ci95.map(|[lo, hi]| {
            let (a, b) = (lo * factor, hi * factor);
            [a.min(b), a.max(b)]
        }),
    }
}

/// The sum of two figures. The second is a roster figure, without sampling
/// error in practice; should it have an interval, the half-widths add
/// (wider than the exact interval, never narrower).
fn sum(a: Estimate, b: Estimate) -> Estimate {
    let estimate = a.estimate.zip(b.estimate).map(|(x, y)| x + y);
    let ci95 = match (a.ci95, b.ci95) {
        (Some([alo, ahi]), Some([blo, bhi])) => Some([alo + blo, ahi + bhi]),
        _ => None,
    };
    Estimate { estimate, ci95 }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets;

    fn centre(replications: u32) -> Study {
        let preset = presets::find("password-reset").expect("preset");
        let mut study = Study::from_json(preset.json).expect("valid");
        if let Some(demand) = &mut study.demand {
            (demand.replications, demand.days) = (replications, 7);
        }
        study
    }

    #[test]
    fn a_year_is_the_report_scaled_and_a_saving_the_paired_difference_turned_round() {
        let study = centre(3);
        let report = crate::run(&study);
        let case = business_case(&study, &report).expect("a centre has a business case");
        let per_day = study.demand.as_ref().map(|d| d.customers_per_day).unwrap_or_default();
        assert_eq!(case.customers_per_year, per_day * 365.0);
        let cost = |i: usize| report.designs[i].kpis.get("cost_per_journey").and_then(|e| e.estimate).unwrap_or(f64::NAN);
        let year = &case.designs[0];
        assert!((year.contact_cost.estimate.unwrap_or_default() - cost(0) * case.customers_per_year).abs() < 1e-6);
        let total = year.total_cost.estimate.unwrap_or_default();
        let parts = year.contact_cost.estimate.unwrap_or_default() + year.staffing_cost.estimate.unwrap_or_default();
        assert!((total - parts).abs() < 1e-6);
        let saving = &case.savings[0];
        let expected = (cost(0) - cost(1)) * case.customers_per_year;
        assert!((saving.contact_cost.estimate.unwrap_or_default() - expected).abs() < 1e-3 * expected.abs().max(1.0));
        let [lo, hi] = saving.contact_cost.ci95.expect("an interval");
        assert!(lo <= expected && expected <= hi && lo < hi, "{lo} {expected} {hi}");
        // The same agents in both designs: no staffing saving.
        assert_eq!(saving.staffing_cost.estimate, Some(0.0));
    }

    #[test]
    fn a_one_off_investment_pays_back_in_months_of_the_saving() {
        let mut study = centre(3);
        study.designs[1].investment = 50_000.0;
        let report = crate::run(&study);
        let case = business_case(&study, &report).expect("a business case");
        let saving = &case.savings[0];
        let payback = saving.payback.as_ref().expect("an investment pays back");
        let per_year = saving.total_cost.estimate.expect("a saving");
        assert!(per_year > 0.0, "Improved saves");
        assert!((payback.months.expect("months") - 12.0 * 50_000.0 / per_year).abs() < 1e-9);
        let [lo, hi] = payback.months_ci95.expect("the saving's interval is above zero");
        assert!(lo <= payback.months.unwrap_or_default() && payback.months.unwrap_or_default() <= hi);
        // A saving that may be nothing may never pay back; none never does.
        let unsure = Payback::of(1_000.0, Estimate { estimate: Some(100.0), ci95: Some([-10.0, 210.0]) });
        assert_eq!((unsure.months, unsure.months_ci95), (Some(120.0), None));
        let dearer = Payback::of(1_000.0, Estimate { estimate: Some(-5.0), ci95: Some([-8.0, -2.0]) });
        assert_eq!((dearer.months, dearer.months_ci95), (None, None));
        // The validator's largest investment against a vanishing saving.
        let tiny = Payback::of(1e9, Estimate { estimate: Some(1e-300), ci95: Some([1e-310, 1e-290]) });
        assert_eq!((tiny.months, tiny.months_ci95), (None, None));
        // Against a reference that cost something itself, the extra pays back.
        study.designs[0].investment = 10_000.0;
        let extra = business_case(&study, &report).expect("a case").savings[0].payback.clone().expect("a payback");
        assert_eq!(extra.investment, 40_000.0);
        study.designs[0].investment = 0.0;
        // Without an investment, nothing is said.
        study.designs[1].investment = 0.0;
        assert!(business_case(&study, &report).expect("a case").savings[0].payback.is_none());
    }

    #[test]
    fn independent_journeys_have_no_year() {
        let mut study = Study::from_json(include_str!("../../tests/fixtures/schema1/password-reset.json")).expect("valid");
        study.journeys = 4096;
        let report = crate::run(&study);
        assert!(business_case(&study, &report).is_none());
    }
}
