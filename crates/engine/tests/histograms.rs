//! The distributions a report plots agree with its KPIs.

use journey_engine::{Study, presets, run};

#[test]
fn the_contacts_histogram_counts_every_journey_once_at_its_number_of_contacts() {
    for preset in presets::all() {
        let mut study = Study::from_json(preset.json).expect("preset is valid");
        study.journeys = 9_000;
        let report = run(&study);
        for design in &report.designs {
            let counts = &design.histograms.contacts.counts;
            let journeys: u64 = counts.iter().sum();
            assert_eq!(journeys, 9_000, "{} / {}", preset.id, design.name);
            // Bin k holds the journeys with k + 1 contacts.
            let contacts: u64 = counts.iter().enumerate().map(|(k, n)| (k as u64 + 1) * n).sum();
            let mean = design.kpis.get("contacts_per_journey").and_then(|e| e.estimate).expect("always defined");
            assert!((contacts as f64 / 9_000.0 - mean).abs() < 1e-9, "{} / {}: {contacts} vs {mean}", preset.id, design.name);
        }
    }
}
