//! `run --format json`: the report's figures as JSON, in the engine's own
//! serialisation.
//!
//! The default view keeps what a script comparing designs needs (every KPI
//! with its interval, the breakdowns by persona and first channel, the
//! rates by contact channel, a
//! simulated centre's capacity figures, and the comparisons) and leaves out
//! the plots' data and the stories, which are most of the report's size;
//! `--full` prints the whole [`Report`].

use journey_engine::report::{BusinessCase, CapacityReport, ContactChannelReport, GroupReport, KpiTable};
use journey_engine::{Comparison, Estimate, Report};
use serde::Serialize;

/// The trimmed report; field names and KPI objects are the engine's.
#[derive(Serialize)]
struct View<'a> {
    title: &'a str,
    currency: &'a str,
    seed: u64,
    journeys: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    replications: Option<u64>,
    fingerprint: &'a str,
    designs: Vec<DesignView<'a>>,
    comparisons: &'a [Comparison],
    /// A simulated centre's year: costs per design, savings per variant.
    #[serde(skip_serializing_if = "Option::is_none")]
    business_case: Option<&'a BusinessCase>,
}

#[derive(Serialize)]
struct DesignView<'a> {
    name: &'a str,
    kpis: &'a KpiTable<Estimate>,
    by_persona: &'a [GroupReport],
    by_channel: &'a [GroupReport],
    by_contact_channel: &'a [ContactChannelReport],
    #[serde(skip_serializing_if = "Option::is_none")]
    capacity: Option<&'a CapacityReport>,
}

/// The report as pretty-printed JSON, trimmed unless `full`.
pub fn render(report: &Report, year: Option<&BusinessCase>, full: bool) -> Result<String, serde_json::Error> {
    let mut text = if full {
        // The whole report, and the year beside it.
        #[derive(Serialize)]
        struct Full<'a> {
            #[serde(flatten)]
            report: &'a Report,
            #[serde(skip_serializing_if = "Option::is_none")]
            business_case: Option<&'a BusinessCase>,
        }
        serde_json::to_string_pretty(&Full { report, business_case: year })?
    } else {
        let view = View {
            title: &report.title,
            currency: &report.currency,
            seed: report.seed,
            journeys: report.journeys,
            replications: report.replications,
            fingerprint: &report.fingerprint,
            designs: report
                .designs
                .iter()
                .map(|d| DesignView {
                    name: &d.name,
                    kpis: &d.kpis,
                    by_persona: &d.by_persona,
                    by_channel: &d.by_channel,
                    by_contact_channel: &d.by_contact_channel,
                    capacity: d.capacity.as_ref(),
                })
                .collect(),
            comparisons: &report.comparisons,
            business_case: year,
        };
        serde_json::to_string_pretty(&view)?
    };
    text.push('\n');
    Ok(text)
}
