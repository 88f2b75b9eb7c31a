//! Reports for native tests, simulated by the engine itself (fixed seeds,
//! so every test sees the same numbers): the schema 1 studies that were the
//! presets before the capacity model (independent journeys, kept as the
//! engine's test fixtures), and the presets themselves (simulated centres).

use journey_engine::{Report, Study, presets};

/// The schema 1 study `id` (independent journeys).
pub fn schema1(id: &str) -> Study {
    let json = match id {
        "password-reset" => include_str!("../../crates/engine/tests/fixtures/schema1/password-reset.json"),
        "pro-photographer" => include_str!("../../crates/engine/tests/fixtures/schema1/pro-photographer.json"),
        "help-centre-still-calls" => include_str!("../../crates/engine/tests/fixtures/schema1/help-centre-still-calls.json"),
        "omnichannel-continuity" => include_str!("../../crates/engine/tests/fixtures/schema1/omnichannel-continuity.json"),
        other => panic!("no schema 1 study {other}"),
    };
    Study::from_json(json).unwrap_or_else(|e| panic!("{id}: {e:?}"))
}

/// The report of the schema 1 study `id` with `journeys` per design.
pub fn report_of(id: &str, journeys: u64) -> Report {
    let mut study = schema1(id);
    study.journeys = journeys;
    journey_engine::run(&study)
}

/// The report of preset `id` (a simulated centre) with `replications`
/// replications of `days` measured days.
pub fn centre_report_of(id: &str, replications: u32, days: u32) -> Report {
    let preset = presets::find(id).unwrap_or_else(|| panic!("no preset {id}"));
    let mut study = Study::from_json(preset.json).unwrap_or_else(|e| panic!("{id}: {e:?}"));
    if let Some(demand) = &mut study.demand {
        (demand.replications, demand.days) = (replications, days);
    }
    journey_engine::run(&study)
}
