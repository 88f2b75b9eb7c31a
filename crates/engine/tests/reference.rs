//! Any design as the reference: a study run with another design first
//! gives every design the figures it had, and compares them with that
//! design with paired intervals; two variants can be compared directly.

use journey_engine::{Study, presets, run};

mod support {
    pub mod fixtures;
}

fn three_designs(mut study: Study) -> Study {
    let mut third = study.designs[1].clone();
    third.name = "Improved, twice the cost".to_owned();
    for channel in &mut third.channels {
        if let Some(agent) = channel.agent.as_mut() {
            agent.cost_per_minute *= 2.0;
        }
    }
    study.designs.push(third);
    study
}

fn check(study: &Study) {
    let whole = run(study);
    let against = study.against(1).expect("design 1 exists");
    assert_eq!(against.designs[0].name, study.designs[1].name);
    let moved = run(&against);
    // Every design's own figures are those of the first run.
    for design in &whole.designs {
        let again = moved.designs.iter().find(|d| d.name == design.name).expect("same designs");
        assert_eq!(again.kpis, design.kpis, "{}", design.name);
    }
    // Current against Improved is Improved against Current, reversed, with
    // the same paired interval.
    let forward = whole.comparisons[0].kpis.get("cost_per_journey").expect("kpi");
    let back = moved.comparisons.iter().find(|c| c.design == study.designs[0].name).expect("Current compared");
    let back = back.kpis.get("cost_per_journey").expect("kpi");
    let (f, b) = (forward.estimate.expect("estimate"), back.estimate.expect("estimate"));
    assert!((f + b).abs() < 1e-9 * f.abs().max(1.0), "{f} vs {b}");
    let (fw, bw) = (forward.half_width().expect("interval"), back.half_width().expect("interval"));
    assert!((fw - bw).abs() < 1e-9 * fw.max(1e-12), "{fw} vs {bw}");
    // The two variants, compared directly: the dearer one costs more, surely.
    let dearer = moved.comparisons.iter().find(|c| c.design == "Improved, twice the cost").expect("compared");
    let dearer = dearer.kpis.get("cost_per_journey").expect("kpi");
    assert_eq!(dearer.verdict, journey_engine::Verdict::Worse);
    assert!(study.against(3).is_none());
}

#[test]
fn independent_journeys_compare_with_any_design() {
    check(&three_designs(support::fixtures::schema1("password-reset", 8_000)));
}

#[test]
fn a_simulated_centre_compares_with_any_design() {
    let mut study = Study::from_json(presets::find("password-reset").expect("preset").json).expect("valid");
    if let Some(demand) = study.demand.as_mut() {
        demand.replications = 4;
        demand.days = 2;
    }
    check(&three_designs(study));
}
