//! The emotion curve's stage visits, which the tally reads off other
//! counts, equal the journeys' steps counted one by one.

use journey_engine::journey::{Observer, Step, simulate};
use journey_engine::{STAGES, Study, prepare, presets, run};

/// Counts each journey step by its stage of [`STAGES`].
#[derive(Default)]
struct StageCounter([u64; 6]);

impl Observer for StageCounter {
    fn step(&mut self, step: &Step, _: f64) {
        if let Some(stage) = step.stage() {
            self.0[stage] += 1;
        }
    }
}

#[test]
fn stage_visits_equal_the_steps_of_every_journey_on_every_preset() {
    for preset in presets::all() {
        let mut study = Study::from_json(preset.json).expect("preset is valid");
        study.journeys = 9_000;
        let report = run(&study);
        for (design, prepared) in report.designs.iter().zip(prepare(&study)) {
            let mut counter = StageCounter::default();
            for journey in 0..study.journeys {
                simulate(&prepared, journey, &mut counter);
            }
            let visits: Vec<u64> = design.stages.iter().map(|s| s.visits).collect();
            assert_eq!(visits, counter.0, "{} / {}: stages {STAGES:?}", preset.id, design.name);
        }
    }
}
