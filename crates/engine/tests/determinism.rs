//! The same study and seed give bit-identical figures however the work is
//! split into chunks (of journeys, or replications of a simulated centre)
//! or threads, and in any merge order.

mod support {
    pub mod fixtures;
}

use journey_engine::{CHUNK_JOURNEYS, Study, Tally, chunk_count, presets, report, run, run_threads, simulate_chunks};
use support::fixtures::schema1 as preset;

/// A built-in preset (a simulated centre) with `replications` replications
/// of `days` measured days.
fn centre(id: &str, replications: u32, days: u32) -> Study {
    let mut study = Study::from_json(presets::find(id).expect("preset exists").json).expect("preset is valid");
    let demand = study.demand.as_mut().expect("presets have demand");
    demand.replications = replications;
    demand.days = days;
    study
}

#[test]
fn a_centre_gives_one_fingerprint_on_any_number_of_threads_and_in_any_merge_order() {
    let study = centre("password-reset", 5, 2);
    let one = run(&study);
    assert_eq!(one.replications, Some(5));
    for threads in [2, 3] {
        assert_eq!(run_threads(&study, threads), one, "{threads} threads");
    }
    let mut backwards = Tally::new(&study);
    for r in (0..5).rev() {
        backwards.merge(&simulate_chunks(&study, r..r + 1));
    }
    assert_eq!(report(&study, &backwards), one);
    // Through the wire format the page and the workers use.
    let tally = simulate_chunks(&study, 2..4);
    let back: Tally = serde_json::from_str(&serde_json::to_string(&tally).expect("serialises")).expect("deserialises");
    assert_eq!(back, tally);
}

#[test]
fn designs_of_a_centre_meet_the_same_customers_at_the_same_moments() {
    // The same design twice: every figure, the waits included, the same.
    let mut study = centre("help-centre-still-calls", 3, 1);
    let mut twin = study.designs[0].clone();
    twin.name = "Twin".into();
    study.designs.truncate(1);
    study.designs.push(twin);
    let r = run(&study);
    let comparison = &r.comparisons[0];
    for (key, d) in &comparison.kpis.entries {
        assert!(d.estimate.is_none_or(|e| e == 0.0), "{key}: {:?}", d.estimate);
    }
    for pool in &comparison.capacity.as_ref().expect("a centre").pools {
        for (key, d) in &pool.figures.entries {
            assert!(d.estimate.is_none_or(|e| e == 0.0), "{} {key}: {:?}", pool.channel, d.estimate);
        }
    }
}

#[test]
fn chunks_merged_in_any_order_and_split_give_identical_reports() {
    // Not a multiple of the chunk size, so the last chunk is partial.
    let study = preset("password-reset", 7 * CHUNK_JOURNEYS + 123);
    let whole = run(&study);
    let chunks = chunk_count(&study);
    assert_eq!(chunks, 8);
    // Backwards, one chunk at a time.
    let mut backwards = Tally::new(&study);
    for c in (0..chunks).rev() {
        backwards.merge(&simulate_chunks(&study, c..c + 1));
    }
    assert_eq!(report(&study, &backwards), whole);
    // Uneven ranges, merged out of order.
    let mut uneven = simulate_chunks(&study, 5..8);
    uneven.merge(&simulate_chunks(&study, 0..2));
    uneven.merge(&simulate_chunks(&study, 2..5));
    let uneven = report(&study, &uneven);
    assert_eq!(uneven.fingerprint, whole.fingerprint);
    assert_eq!(uneven, whole);
}

#[test]
fn threads_give_the_figures_of_one_thread() {
    let study = preset("pro-photographer", 20_000);
    let one = run(&study);
    for threads in [2, 3, 5] {
        assert_eq!(run_threads(&study, threads), one, "{threads} threads");
    }
}

#[test]
fn a_tally_survives_serialisation_between_workers() {
    let study = preset("omnichannel-continuity", 3 * CHUNK_JOURNEYS);
    let tally = simulate_chunks(&study, 1..3);
    let json = serde_json::to_string(&tally).expect("serialises");
    let back: Tally = serde_json::from_str(&json).expect("deserialises");
    assert_eq!(back, tally);
}

#[test]
fn the_seed_changes_the_numbers_and_fixes_them() {
    let a = preset("help-centre-still-calls", 5_000);
    let mut b = a.clone();
    b.seed += 1;
    assert_eq!(run(&a).fingerprint, run(&a.clone()).fingerprint);
    assert_ne!(run(&a).fingerprint, run(&b).fingerprint);
}

#[test]
fn a_variant_identical_to_the_baseline_differs_by_exactly_zero_with_a_vanishing_interval() {
    // Common random numbers: the same design twice meets the same customers.
    let mut study = preset("password-reset", 10_000);
    let mut twin = study.designs[0].clone();
    twin.name = "Twin".into();
    study.designs.truncate(1);
    study.designs.push(twin);
    let r = run(&study);
    for (key, d) in &r.comparisons[0].kpis.entries {
        if let Some(e) = d.estimate {
            assert_eq!(e, 0.0, "{key}");
            // Zero up to rounding in the variance sums (percentiles have no interval).
            assert!(d.half_width().is_none_or(|h| h < 1e-6), "{key}: {:?}", d.half_width());
        }
    }
}

#[test]
fn pain_points_agree_with_the_kpis() {
    let study = preset("password-reset", 8_000);
    let r = run(&study);
    for d in &r.designs {
        let gave_up = d.pain_points.iter().find(|p| p.label == "Gave up unresolved").unwrap().per_thousand;
        let rate = d.kpis.get("gave_up_rate").unwrap().estimate.unwrap();
        assert!((gave_up - 1000.0 * rate).abs() < 1e-9, "{gave_up} vs {rate}");
        assert!(d.pain_points.windows(2).all(|w| w[0].per_thousand >= w[1].per_thousand), "worst first");
    }
}
