#![allow(dead_code)] // Each test file uses some of these.

//! The schema 1 studies that were the presets before the capacity model,
//! kept under `tests/fixtures/schema1/` for the tests of independent
//! journeys.

use journey_engine::Study;

/// The ids of the schema 1 fixtures.
pub const SCHEMA1: [&str; 4] = ["password-reset", "pro-photographer", "help-centre-still-calls", "omnichannel-continuity"];

/// The study file of schema 1 fixture `id`.
pub fn schema1_json(id: &str) -> String {
    let path = format!("{}/tests/fixtures/schema1/{id}.json", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Schema 1 fixture `id` with `journeys` journeys per design.
pub fn schema1(id: &str, journeys: u64) -> Study {
    let mut study = Study::from_json(&schema1_json(id)).unwrap_or_else(|e| panic!("{id}: {e}"));
    study.journeys = journeys;
    study
}
