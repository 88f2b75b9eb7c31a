//! The rates by the channel of each contact: per channel, its
//! self-service's containment and abandonment, its queues' abandonment and
//! the share of its contacts after which the journey ended resolved, each
//! design side by side.
//!
//! ```text
//! By contact channel              Current        Improved
//! Phone: contacts                 48,211         22,012
//! Phone: self-service containment 3.0% ± 0.1%    35.1% ± 0.3%
//! ```

use journey_engine::Report;

use super::align;
use crate::format::{Scale, thousands};

const RATES: [(&str, &str); 4] = [
    ("containment", "self-service containment"),
    ("self_service_abandonment", "self-service abandonment"),
    ("abandonment", "queue abandonment"),
    ("resolution_rate", "resolved after the contact"),
];

/// The section; empty for a report without the rates.
pub fn table(report: &Report) -> String {
    let names = report.contact_channels();
    if names.is_empty() {
        return String::new();
    }
    let mut header = vec!["By contact channel".to_owned()];
    header.extend(report.designs.iter().map(|d| d.name.clone()));
    let mut lines = vec![header];
    let scale = Scale::percent();
    for name in names {
        let mut line = vec![format!("{name}: contacts")];
        line.extend(report.designs.iter().map(|d| d.contact_channel(name).map_or("–".to_owned(), |ch| thousands(ch.contacts))));
        lines.push(line);
        for (key, label) in RATES {
            let cells: Vec<String> = report
                .designs
                .iter()
                .map(|d| d.contact_channel(name).and_then(|ch| ch.rates.get(key)).map_or("–".to_owned(), |e| scale.estimate_cell(Some(e))))
                .collect();
            // A rate no design has (no self-service on the channel) is left out.
            if cells.iter().all(|cell| cell == "n/a" || cell == "–") {
                continue;
            }
            let mut line = vec![format!("{name}: {label}")];
            line.extend(cells);
            lines.push(line);
        }
    }
    align(&lines)
}
