//! Rates by the channel of each contact: each channel's self-service
//! contains and loses customers at the rates the study gives it, whatever
//! channel the journey began on; the channels' counts add up to the
//! design's; intervals come from batches (chunks, or replications).

use journey_engine::{Study, presets, run};

mod support {
    pub mod fixtures;
}

#[test]
fn each_channels_self_service_contains_at_its_own_rate() {
    let study = support::fixtures::schema1("password-reset", 100_000);
    let report = run(&study);
    let design = &report.designs[0];
    assert_eq!(design.by_contact_channel.len(), study.designs[0].channels.len());
    for (channel, spec) in design.by_contact_channel.iter().zip(&study.designs[0].channels) {
        let Some(self_service) = &spec.self_service else { continue };
        let attempts = channel.contacts as f64;
        for (key, p) in [("containment", self_service.containment), ("self_service_abandonment", self_service.abandonment)] {
            let rate = channel.rates.get(key).expect("rate");
            let estimate = rate.estimate.expect("estimate");
            // Every contact on a channel with self-service begins there, so
            // the channel's contacts are its self-service attempts; 4.5
            // standard errors fail a correct engine about once in 150,000.
            let sd = (p * (1.0 - p) / attempts).sqrt();
            assert!((estimate - p).abs() < 4.5 * sd, "{} {key}: {estimate} vs {p}", channel.name);
            let [lo, hi] = rate.ci95.expect("25 chunks give an interval");
            assert!(lo <= estimate && estimate <= hi, "{} {key}", channel.name);
        }
    }
}

#[test]
fn channel_counts_add_up_to_the_designs_figures() {
    let study = support::fixtures::schema1("password-reset", 20_000);
    let report = run(&study);
    for design in &report.designs {
        let contacts: u64 = design.by_contact_channel.iter().map(|c| c.contacts).sum();
        let per_journey = design.kpis.get("contacts_per_journey").and_then(|e| e.estimate).expect("contacts");
        assert!((contacts as f64 - per_journey * report.journeys as f64).abs() < 1e-6 * contacts as f64, "{}", design.name);
        // Repeat contacts are the contacts after the first.
        let repeat = design.kpis.get("repeat_contacts").and_then(|e| e.estimate).expect("repeat contacts");
        assert!((repeat - (per_journey - 1.0)).abs() < 1e-12);
        // Weighted by their contacts, the channels' resolution is the
        // resolved journeys over all contacts.
        let resolved: f64 = design
            .by_contact_channel
            .iter()
            .map(|c| c.rates.get("resolution_rate").and_then(|e| e.estimate).unwrap_or(0.0) * c.contacts as f64)
            .sum();
        let resolution = design.kpis.get("resolution_rate").and_then(|e| e.estimate).expect("resolution");
        assert!((resolved - resolution * report.journeys as f64).abs() < 1e-6 * resolved.max(1.0), "{}", design.name);
    }
    // Repeat contacts change as contacts do.
    let (contacts, repeat) = (
        report.comparisons[0].kpis.get("contacts_per_journey").expect("kpi"),
        report.comparisons[0].kpis.get("repeat_contacts").expect("kpi"),
    );
    assert_eq!((contacts.estimate, contacts.ci95), (repeat.estimate, repeat.ci95));
}

#[test]
fn a_centre_has_rates_by_contact_channel_with_intervals_over_replications() {
    let mut study = Study::from_json(presets::find("password-reset").expect("preset").json).expect("valid");
    if let Some(demand) = study.demand.as_mut() {
        demand.replications = 3;
        demand.days = 2;
    }
    let report = run(&study);
    let phone = report.designs[0].by_contact_channel.iter().find(|c| c.name == "Phone").expect("a phone channel");
    let abandonment = phone.rates.get("abandonment").expect("rate");
    assert!(abandonment.ci95.is_some(), "three replications give an interval");
    // Improved takes calls off the phones: fewer hang up in its queue.
    let improved = report.designs[1].by_contact_channel.iter().find(|c| c.name == "Phone").expect("a phone channel");
    let [_, improved_hi] = improved.rates.get("abandonment").and_then(|e| e.ci95).expect("interval");
    let [current_lo, _] = abandonment.ci95.expect("interval");
    assert!(improved_hi < current_lo, "Improved's phone queue loses fewer customers");
}
