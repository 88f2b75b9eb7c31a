//! The emotion curve averages every customer and never rises: each
//! stage's point is the mean of every journey's score at its first visit
//! to that stage in the first contact, carried forward over stages the
//! contact skipped, with the final score at the outcome. Counted here from
//! the journeys' own steps, one by one, and compared with the report.

mod support {
    pub mod fixtures;
}

use journey_engine::independent::simulate;
use journey_engine::journey::{Observer, Step};
use journey_engine::{STAGES, prepare, run};

/// One journey's steps with the running score after each.
#[derive(Default)]
struct Steps(Vec<(Step, f64)>);

impl Observer for Steps {
    fn step(&mut self, step: &Step, score: f64) {
        self.0.push((step.clone(), score));
    }
}

/// The journey's value at each stage, and which stages its first contact
/// reached, read straight off its steps.
fn stage_values(steps: &[(Step, f64)]) -> ([f64; 6], [bool; 6]) {
    let mut first_visit: [Option<f64>; 5] = [None; 5];
    let mut in_first = false;
    for (step, score) in steps {
        if let Step::Contact { attempt, .. } = step {
            in_first = *attempt == 1;
        }
        if !in_first {
            continue;
        }
        let stage = match step {
            Step::Contact { .. } => 0,
            Step::SelfService { .. } => 1,
            Step::Wait { .. } => 2,
            Step::Agent { .. } => 3,
            Step::Escalation => 4,
            _ => continue,
        };
        first_visit[stage].get_or_insert(*score);
    }
    let final_score = steps.last().map(|(_, s)| *s).unwrap_or_default();
    let mut values = [final_score; 6];
    let mut reached = [true; 6];
    let mut carried = first_visit[0].unwrap_or(final_score);
    for stage in 0..5 {
        reached[stage] = first_visit[stage].is_some();
        carried = first_visit[stage].unwrap_or(carried);
        values[stage] = carried;
    }
    (values, reached)
}

#[test]
fn the_emotion_curve_is_every_customers_first_contact_and_never_rises() {
    for id in support::fixtures::SCHEMA1 {
        let study = support::fixtures::schema1(id, 9_000);
        let report = run(&study);
        for (design, prepared) in report.designs.iter().zip(prepare(&study)) {
            let mut sums = [0.0; 6];
            let mut reached = [0u64; 6];
            for journey in 0..study.journeys {
                let mut steps = Steps::default();
                simulate(&prepared, journey, &mut steps);
                let (values, visited) = stage_values(&steps.0);
                for stage in 0..6 {
                    // A customer's own scores never rise along the stages.
                    if stage > 0 {
                        assert!(values[stage] <= values[stage - 1], "{}: journey {journey} rises at {}", id, STAGES[stage]);
                    }
                    sums[stage] += values[stage];
                    reached[stage] += u64::from(visited[stage]);
                }
            }
            let got_reached: Vec<u64> = design.stages.iter().map(|s| s.reached).collect();
            assert_eq!(got_reached, reached, "{} / {}: stages {STAGES:?}", id, design.name);
            for (stage, point) in design.stages.iter().enumerate() {
                let expected = sums[stage] / study.journeys as f64;
                let got = point.mean.expect("every stage has a mean");
                assert!((got - expected).abs() <= 1e-9 * expected.abs().max(1.0), "{} / {} / {}: {got} vs {expected}", id, design.name, STAGES[stage]);
                if stage > 0 {
                    assert!(got <= design.stages[stage - 1].mean.unwrap_or(f64::INFINITY), "{} / {}: the curve rises", id, design.name);
                }
            }
        }
    }
}
