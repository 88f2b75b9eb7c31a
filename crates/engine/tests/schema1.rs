//! Schema 1 keeps its figures: the four studies that were the built-in
//! presets before the capacity model (kept as fixtures, since the presets
//! now have volume and staffing) give, at three sizes and two seeds, the
//! report fingerprints they gave before it. A fingerprint hashes every
//! figure of a report, so equal fingerprints mean the same figures to the
//! bit. (`scripts/fingerprints.sh` printed these at the commit that
//! finished the hardening, 2ae0258; the figures added to reports since are
//! taken out before hashing, and the smallest change that matters, which
//! came later too, is turned off.)

use journey_engine::{Study, run};

const FINGERPRINTS: [(&str, u64, u64, &str); 24] = [
    ("password-reset", 1, 1, "f1bebd68f4419f1c"),
    ("password-reset", 1, 20240601, "b52bae119f81edf4"),
    ("password-reset", 5000, 1, "69d3381cff948977"),
    ("password-reset", 5000, 20240601, "4d52ef45a8f562fd"),
    ("password-reset", 100000, 1, "86cef44144609897"),
    ("password-reset", 100000, 20240601, "e77fba4350a44451"),
    ("pro-photographer", 1, 1, "5d297c1f1a60bcc0"),
    ("pro-photographer", 1, 20240601, "3e25f385168a6464"),
    ("pro-photographer", 5000, 1, "8cba0dfe4f57b598"),
    ("pro-photographer", 5000, 20240601, "a411d1093d1f72c9"),
    ("pro-photographer", 100000, 1, "02d5cbe5fd2a96a8"),
    ("pro-photographer", 100000, 20240601, "8ed83148fb2e134d"),
    ("help-centre-still-calls", 1, 1, "d364c557e11777bb"),
    ("help-centre-still-calls", 1, 20240601, "825eea174305c6af"),
    ("help-centre-still-calls", 5000, 1, "cecd5a5183984730"),
    ("help-centre-still-calls", 5000, 20240601, "9d7fc18d7a84bb4b"),
    ("help-centre-still-calls", 100000, 1, "d4d14aeb9dbc9d71"),
    ("help-centre-still-calls", 100000, 20240601, "09db944333c17cc2"),
    ("omnichannel-continuity", 1, 1, "835ab1ecd536f518"),
    ("omnichannel-continuity", 1, 20240601, "cb4e9d1bc2891ca6"),
    ("omnichannel-continuity", 5000, 1, "1368836f1d54a98d"),
    ("omnichannel-continuity", 5000, 20240601, "088a70de77c08849"),
    ("omnichannel-continuity", 100000, 1, "351607f673668a5c"),
    ("omnichannel-continuity", 100000, 20240601, "7b0e295d82f8c85a"),
];

#[test]
fn schema_1_studies_keep_every_figure() {
    for (id, journeys, seed, fingerprint) in FINGERPRINTS {
        let path = format!("{}/tests/fixtures/schema1/{id}.json", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let mut study = Study::from_json(&text).unwrap_or_else(|e| panic!("{id}: {e}"));
        assert_eq!(study.schema, 1, "{id} is a schema 1 study");
        study.journeys = journeys;
        study.seed = seed;
        // The fingerprints predate the smallest change that matters: with
        // it off, every figure and verdict is as it was.
        study.smallest_changes.set = journey_engine::kpi::KPIS.iter().map(|k| (k.key, 0.0)).collect();
        assert_eq!(figures_of_2ae0258(run(&study)), fingerprint, "{id}, {journeys} journeys, seed {seed}");
    }
}

/// The fingerprint of what a report held at 2ae0258: the figures added
/// since (repeat contacts, the rates by contact channel) are taken out
/// first, so that every figure that was there is checked to the bit.
fn figures_of_2ae0258(mut report: journey_engine::Report) -> String {
    for design in &mut report.designs {
        design.kpis.entries.retain(|(key, _)| *key != "repeat_contacts");
        design.by_contact_channel.clear();
    }
    for comparison in &mut report.comparisons {
        comparison.kpis.entries.retain(|(key, _)| *key != "repeat_contacts");
    }
    report.fingerprint.clear();
    journey_engine::report::fingerprint(&report)
}
