//! Reports of the built-in example studies for native tests, simulated by
//! the engine itself (fixed seeds, so every test sees the same numbers).

use journey_engine::{Report, Study, presets};

/// The report of preset `id` with `journeys` per design.
pub fn report_of(id: &str, journeys: u64) -> Report {
    let preset = presets::find(id).unwrap_or_else(|| panic!("no preset {id}"));
    let mut study = Study::from_json(preset.json).unwrap_or_else(|e| panic!("{id}: {e:?}"));
    study.journeys = journeys;
    journey_engine::run(&study)
}
