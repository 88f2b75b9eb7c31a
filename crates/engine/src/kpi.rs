//! The reported figures of MODEL.md ("What a run reports"), with what each
//! means for a person and which direction is good.
//!
//! Every KPI is a ratio of two per-journey sums, Σa / Σb: a plain mean per
//! journey has b = 1, a rate such as containment has a = resolutions and
//! b = self-service attempts. One form lets one piece of code give every
//! KPI its confidence interval (the delta method) and its paired difference.

use serde::Serialize;

use crate::journey::JourneyFigures;

/// Which way a KPI should move for customers and the business.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Better {
    Higher,
    Lower,
}

/// The values a KPI can take, which its interval must respect.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Scale {
    /// A share of something, in [0, 1]: a score interval (Wilson's) keeps
    /// its interval inside.
    Rate,
    /// Zero or more: counts, minutes, hours, money.
    Amount,
    /// A satisfaction score, in [0, 100].
    Score,
}

/// What a KPI measures and how to show it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct KpiInfo {
    /// The key of MODEL.md's table, as the command line's JSON prints it.
    pub key: &'static str,
    /// A short label for a card or table.
    pub label: &'static str,
    /// What the number is, in a sentence.
    pub meaning: &'static str,
    /// Unit for display: "%", "min", "h", "money" or "" (a count).
    pub unit: &'static str,
    pub better: Better,
    pub scale: Scale,
}

/// Number of KPIs with confidence intervals.
pub const KPI_COUNT: usize = 17;

/// Every KPI with an interval, in MODEL.md's order.
pub const KPIS: [KpiInfo; KPI_COUNT] = [
    info("resolution_rate", "Resolution", "resolved journeys / journeys", "%", Better::Higher),
    info("first_contact_resolution", "First-contact resolution", "journeys resolved on attempt 1 / journeys", "%", Better::Higher),
    info("containment", "Self-service containment", "self-service resolutions / self-service attempts", "%", Better::Higher),
    info("self_service_abandonment", "Self-service abandonment", "self-service abandonments / self-service attempts", "%", Better::Lower),
    info("abandonment", "Queue abandonment", "queue abandonments (tier 1 and 2) / queue entries", "%", Better::Lower),
    info("escalation_rate", "Escalation", "escalations / tier-1 agent contacts", "%", Better::Lower),
    info("gave_up_rate", "Gave up", "journeys that gave up / journeys", "%", Better::Lower),
    info("contacts_per_journey", "Contacts per journey", "attempts per journey", "", Better::Lower),
    info("agent_contacts_per_journey", "Agent contacts per journey", "tier-1 agent contacts per journey", "", Better::Lower),
    info("switches_per_journey", "Channel switches per journey", "channel switches per journey", "", Better::Lower),
    info("customer_minutes", "Customer minutes", "customer's own minutes per journey", "min", Better::Lower),
    info("agent_minutes", "Agent minutes", "agent handle minutes (tiers 1 and 2) per journey", "min", Better::Lower),
    info("hours_to_resolution", "Hours to resolution", "mean elapsed hours of resolved journeys", "h", Better::Lower),
    info("cost_per_journey", "Cost per journey", "total cost / journeys", "money", Better::Lower),
    info("cost_per_resolution", "Cost per resolution", "total cost / resolved journeys", "money", Better::Lower),
    info("satisfaction", "Satisfaction", "mean satisfaction score (0 to 100)", "", Better::Higher),
    info("satisfied_rate", "Satisfied customers", "share of journeys with a satisfied score", "%", Better::Higher),
];

/// Figures read off the KPIs above rather than summed on their own: the
/// report carries them beside the KPIs, with intervals and differences
/// that follow from their source's.
pub const DERIVED_KPIS: [KpiInfo; 1] = [info(
    "repeat_contacts",
    "Repeat contacts",
    "contacts after the first, per journey (contacts per journey − 1)",
    "",
    Better::Lower,
)];

const fn info(key: &'static str, label: &'static str, meaning: &'static str, unit: &'static str, better: Better) -> KpiInfo {
    // Every rate is shown in percent, the score has no unit, and every
    // other KPI is an amount.
    let scale = match (unit.as_bytes(), key.as_bytes()) {
        (b"%", _) => Scale::Rate,
        (_, b"satisfaction") => Scale::Score,
        _ => Scale::Amount,
    };
    KpiInfo { key, label, meaning, unit, better, scale }
}

/// Looks a KPI up by its key.
pub fn kpi(key: &str) -> Option<&'static KpiInfo> {
    KPIS.iter().chain(&DERIVED_KPIS).find(|k| k.key == key)
}

/// Indices of the KPIs whose denominator b varies by journey (true
/// ratios); every other KPI is a mean per journey, with b = 1.
pub(crate) const RATIO_KPIS: [usize; RATIO_COUNT] = [2, 3, 4, 5, 12, 14];

/// Number of true ratios among the KPIs.
pub(crate) const RATIO_COUNT: usize = 6;

/// One journey's contribution to every KPI: the numerator a of each KPI in
/// [`KPIS`] order (the denominator of a mean is 1), and for the true ratios
/// ([`RATIO_KPIS`], in that order) numerator and denominator again, side by
/// side. Contiguous arrays, so that the tally's sums over them vectorise.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Terms {
    pub(crate) a: [f64; KPI_COUNT],
    pub(crate) ratio_a: [f64; RATIO_COUNT],
    pub(crate) ratio_b: [f64; RATIO_COUNT],
}

/// The terms of one journey.
#[inline]
pub(crate) fn journey_terms(f: &JourneyFigures) -> Terms {
    let resolved = f64::from(u8::from(f.resolved));
    let ss_attempts = f64::from(f.self_service_attempts);
    let a = [
        resolved,
        f64::from(u8::from(f.resolved_first)),
        f64::from(f.self_service_contained),
        f64::from(f.self_service_abandoned),
        f64::from(f.queue_abandoned),
        f64::from(f.escalations),
        1.0 - resolved,
        f64::from(f.attempts),
        f64::from(f.agent_contacts),
        f64::from(f.switches),
        f.customer_minutes,
        f.agent_minutes,
        f.elapsed_hours * resolved,
        f.cost,
        f.cost,
        f.satisfaction,
        f64::from(u8::from(f.satisfied)),
    ];
    Terms {
        a,
        ratio_a: RATIO_KPIS.map(|k| a[k]),
        ratio_b: [ss_attempts, ss_attempts, f64::from(f.queue_entries), f64::from(f.agent_contacts), resolved, resolved],
    }
}
