//! The distributions a report plots agree with its KPIs, for independent
//! journeys and for the journeys of a simulated centre.

mod support {
    pub mod fixtures;
}

use journey_engine::{Report, Study, presets, run};

/// Every journey is counted once, at its number of contacts.
fn check(what: &str, report: &Report) {
    for design in &report.designs {
        let counts = &design.histograms.contacts.counts;
        let journeys: u64 = counts.iter().sum();
        assert_eq!(journeys, report.journeys, "{what} / {}", design.name);
        // Bin k holds the journeys with k + 1 contacts.
        let contacts: u64 = counts.iter().enumerate().map(|(k, n)| (k as u64 + 1) * n).sum();
        let mean = design.kpis.get("contacts_per_journey").and_then(|e| e.estimate).expect("always defined");
        let n = report.journeys as f64;
        assert!((contacts as f64 / n - mean).abs() < 1e-9, "{what} / {}: {contacts} vs {mean}", design.name);
    }
}

#[test]
fn the_contacts_histogram_counts_every_journey_once_at_its_number_of_contacts() {
    for id in support::fixtures::SCHEMA1 {
        check(id, &run(&support::fixtures::schema1(id, 9_000)));
    }
    for preset in presets::all() {
        let mut study = Study::from_json(preset.json).expect("preset is valid");
        let demand = study.demand.as_mut().expect("demand");
        (demand.replications, demand.days) = (2, 1);
        let report = run(&study);
        assert!(report.designs.iter().all(|d| d.capacity.as_ref().is_some_and(|c| c.unfinished_journeys == 0)));
        check(preset.id, &report);
    }
}
