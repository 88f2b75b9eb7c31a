//! How a change ripples through a simulated centre, as properties over
//! several seeds: more containment never lengthens the phone queue's
//! wait beyond noise, one more agent never lowers the service level beyond
//! noise, and a roster changed only from hour k on leaves everything
//! before hour k exactly as it was.

use journey_engine::centre::{TraceEvent, trace};
use journey_engine::{Study, run_threads};
use serde_json::{Value, json};

/// A phone line with an IVR in front and a staffed agent behind, two
/// designs that differ as `change` makes the second.
fn study(seed: u64, containment: f64, agents: Value, change: impl Fn(&mut Value)) -> Study {
    let design = json!({"name": "Current",
        "personas": [{"name": "Caller", "share": 1, "channel_mix": {"Phone": 1},
            "patience": {"kind": "lognormal", "median": 4, "p90": 12},
            "retry_after_abandon": 0.7, "retry_after_failure": 0.5, "max_contacts": 3,
            "retry_gap_hours": {"kind": "exponential", "mean": 0.5}}],
        "channels": [{"name": "Phone", "kind": "phone",
            "self_service": {"name": "IVR", "containment": containment, "abandonment": 0.05, "minutes": {"kind": "uniform", "min": 1, "max": 2}},
            "agent": {"handle_minutes": {"kind": "lognormal", "median": 5, "p90": 11}, "resolution": 0.8,
                "staffing": {"agents": agents}}}]});
    let mut variant = design.clone();
    variant["name"] = json!("Changed");
    change(&mut variant);
    let study = json!({"schema": 2, "seed": seed,
        "demand": {"customers_per_day": 1500, "hourly_profile": [0,0,0,0,0,0,0,2,6,9,10,9,8,8,9,9,8,6,4,2,0,0,0,0],
                   "days": 2, "warmup_days": 1, "replications": 8},
        "designs": [design, variant]});
    Study::from_value(&study).unwrap_or_else(|e| panic!("{e}"))
}

fn phone_change<'r>(
    report: &'r journey_engine::Report,
    key: &str,
) -> &'r journey_engine::Difference {
    let pool = &report.comparisons[0]
        .capacity
        .as_ref()
        .expect("a centre")
        .pools[0];
    pool.figures.get(key).unwrap_or_else(|| panic!("{key}"))
}

const ROSTER: [u32; 24] = [
    0, 0, 0, 0, 0, 0, 0, 3, 7, 10, 11, 10, 9, 9, 10, 10, 9, 7, 5, 3, 0, 0, 0, 0,
];

#[test]
fn more_containment_never_lengthens_the_phone_wait_beyond_noise() {
    for (seed, containment) in [(1, 0.0), (2, 0.2), (3, 0.45)] {
        let report = run_threads(
            &study(seed, containment, json!(ROSTER), |v| {
                v["channels"][0]["self_service"]["containment"] = json!(containment + 0.15);
            }),
            2,
        );
        let asa = phone_change(&report, "asa_minutes");
        let [low, _] = asa.ci95.expect("an interval");
        assert!(
            low <= 0.0,
            "seed {seed}, containment {containment}: the wait rose by {asa:?}"
        );
        let offered = phone_change(&report, "offered_per_day")
            .estimate
            .expect("offered");
        assert!(
            offered < 0.0,
            "seed {seed}: fewer calls reach the agents ({offered})"
        );
    }
}

#[test]
fn one_more_agent_never_lowers_the_service_level_beyond_noise() {
    for (seed, hour) in [(4, 10), (5, 14), (6, 18)] {
        let report = run_threads(
            &study(seed, 0.1, json!(ROSTER), |v| {
                let mut more = ROSTER;
                more[hour] += 1;
                v["channels"][0]["agent"]["staffing"]["agents"] = json!(more);
            }),
            2,
        );
        let level = phone_change(&report, "service_level");
        let [_, high] = level.ci95.expect("an interval");
        assert!(
            high >= 0.0,
            "seed {seed}, an agent more at {hour}:00: service level fell by {level:?}"
        );
    }
}

/// Event by event: with a roster that differs only from hour `k` of the
/// run on, the two runs are identical before hour `k`.
#[test]
fn a_roster_changed_from_hour_k_leaves_everything_before_it_as_it_was() {
    for (seed, k) in [(7, 24 + 11), (8, 48 + 15)] {
        let mut week = vec![0u32; 168];
        for (h, n) in week.iter_mut().enumerate() {
            *n = ROSTER[h % 24];
        }
        // Hour k of the run (the first warm-up day is a Sunday) is hour
        // (k − 24) of the week; from there on, two agents fewer.
        let changed: Vec<u32> = week
            .iter()
            .enumerate()
            .map(|(h, n)| {
                if h + 24 >= k && h + 24 < k + 24 {
                    n.saturating_sub(2)
                } else {
                    *n
                }
            })
            .collect();
        let s = study(seed, 0.1, json!(week), |v| {
            v["channels"][0]["agent"]["staffing"]["agents"] = json!(changed)
        });
        let until = (k * 60) as f64;
        let before = |events: Vec<TraceEvent>| -> Vec<TraceEvent> {
            events.into_iter().filter(|e| e.minutes < until).collect()
        };
        let (a, b) = (
            before(trace(&s, 0, 0, until)),
            before(trace(&s, 1, 0, until)),
        );
        assert!(a.len() > 1000, "a busy morning: {} events", a.len());
        assert_eq!(a, b, "seed {seed}: the runs part before hour {k}");
        // And they do part after it.
        let (a, b) = (
            trace(&s, 0, 0, until + 600.0),
            trace(&s, 1, 0, until + 600.0),
        );
        assert_ne!(a, b, "seed {seed}: two agents fewer changes nothing");
    }
}
