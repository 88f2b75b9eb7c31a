//! The conversation between the page and its simulation workers, and the
//! page's plan for splitting a run into work items.
//!
//! ```text
//!   page                                            worker (one of a pool)
//!    |  new Worker(journey-worker_loader.js)           |
//!    | <---------------- Ready { version } ----------- |  wasm loaded, handler installed
//!    | --- Run { run_id, study_json, chunks } -------> |  simulate_chunks(study, chunks)
//!    | <---------------- Tally { run_id, chunks, .. }- |  or Error { run_id, message }
//!    | --- Run { .. } ------------------------------> |  (one work item at a time)
//! ```
//!
//! - The worker announces `Ready` first because a dedicated worker drops
//!   any message that arrives before its `onmessage` handler exists, and
//!   the handler only exists once the wasm module is instantiated.
//! - Requests travel as JSON text: they are small (a study is a few KB),
//!   and a benchmark or a test can send one from plain JavaScript.
//! - Responses travel as CBOR bytes (an `ArrayBuffer`, transferred, not
//!   copied). A [`Tally`] holds `f64`s (story steps) that must arrive bit
//!   for bit, or the page's report fingerprint would differ from the
//!   command line's: serde_json's default float parser can be one unit in
//!   the last place off on 17-digit numbers, and postcard cannot read the
//!   engine's internally tagged enums. CBOR is exact and self-describing.
//! - Every response carries the request's `run_id`; the page drops those of
//!   a run it has abandoned, so results of an outdated study never show.
//!
//! The worker keeps the last study it parsed, so the many work items of
//! one run parse the study once. [`plan`] is the page's side: which chunks
//! go into the next work item.
//!
//! Everything here is plain Rust so it is tested natively; the browser glue
//! lives in `main.rs` (worker) and the app's `src/run/` (page).

pub mod plan;

use std::ops::Range;

use journey_engine::agents_needed::{DesignNeed, Target, agents_needed};
use journey_engine::break_even::{BreakEven, break_even};
use journey_engine::ripple::Ripple;
use journey_engine::sensitivity::{Sensitivity, sensitivity_part};
use journey_engine::{Study, Tally};
use serde::{Deserialize, Serialize};

/// A message from the page to a worker (JSON text).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Request {
    /// Simulate chunks `chunks` (of `journey_engine::CHUNK_JOURNEYS`
    /// journeys each, clipped to the study) of the study, for run `run_id`.
    Run {
        run_id: u64,
        /// The study file (`Study::to_json`); validated again here.
        study_json: String,
        chunks: Range<u64>,
    },
    /// Find the agents design `design` of the study needs to answer
    /// `share` of contacts within `seconds` (the whole search, on this
    /// worker's thread; `journey_engine::agents_needed`).
    Staff { run_id: u64, study_json: String, design: usize, share: f64, seconds: f64 },
    /// Lay out where every customer of design `design` is over a stretch
    /// of a day (`journey_engine::ripple`), for the workshop's animation.
    Ripple { run_id: u64, study_json: String, design: usize },
    /// Part `part` of `parts` of the sensitivity of KPI `kpi` of design
    /// `design` to its inputs (`journey_engine::sensitivity`).
    Sensitivity { run_id: u64, study_json: String, design: usize, kpi: String, part: usize, parts: usize },
    /// The value of `input` (a field path) of design `design` at which
    /// `kpi` reaches `target` (`journey_engine::break_even`).
    BreakEven { run_id: u64, study_json: String, design: usize, input: String, kpi: String, target: f64 },
}

/// A message from a worker to the page (CBOR bytes).
///
/// Externally tagged: an internally tagged enum is read through serde's
/// buffered content, which has no room for the tally's `i128` sums.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Response {
    /// The worker has loaded and now accepts requests.
    Ready { version: String },
    /// The tally of `chunks` of run `run_id`.
    Tally { run_id: u64, chunks: Range<u64>, tally: Tally },
    /// What design `design` needs (`None`: it has no live staffed pool).
    Staffed { run_id: u64, design: usize, need: Option<DesignNeed> },
    /// Design `design`'s stretch of a day.
    Ripple { run_id: u64, design: usize, ripple: Ripple },
    /// A part of a sensitivity, to merge with the others.
    Sensitivity { run_id: u64, part: usize, sensitivity: Sensitivity },
    /// What a break-even search found, or why it found nothing.
    BreakEven { run_id: u64, found: Result<BreakEven, String> },
    /// The request could not be carried out (`run_id` when it was known).
    Error { run_id: Option<u64>, message: String },
}

/// Version of this crate, reported in `Response::Ready`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The first message a worker sends once it can take requests.
pub fn ready() -> Response {
    Response::Ready { version: VERSION.to_owned() }
}

/// A worker's state between requests: the last study it parsed.
#[derive(Default)]
pub struct Worker {
    study: Option<(String, Study)>,
}

impl Worker {
    pub fn new() -> Self {
        Self::default()
    }

    /// Answers one request.
    pub fn handle(&mut self, request: Request) -> Response {
        match request {
            Request::Run { run_id, study_json, chunks } => match self.study(study_json) {
                Ok(study) => Response::Tally {
                    run_id,
                    tally: journey_engine::simulate_chunks(study, chunks.clone()),
                    chunks,
                },
                Err(message) => Response::Error { run_id: Some(run_id), message },
            },
            Request::Staff { run_id, study_json, design, share, seconds } => match self.study(study_json) {
                Ok(study) => {
                    let target = Target { share, seconds };
                    Response::Staffed { run_id, design, need: agents_needed(study, design, target, 1) }
                }
                Err(message) => Response::Error { run_id: Some(run_id), message },
            },
            Request::Ripple { run_id, study_json, design } => match self.study(study_json) {
                Ok(study) => Response::Ripple { run_id, design, ripple: Ripple::of(study, design) },
                Err(message) => Response::Error { run_id: Some(run_id), message },
            },
            Request::Sensitivity { run_id, study_json, design, kpi, part, parts } => {
                match self.study(study_json).and_then(|study| sensitivity_part(study, design, &kpi, 1, part, parts)) {
                    Ok(sensitivity) => Response::Sensitivity { run_id, part, sensitivity },
                    Err(message) => Response::Error { run_id: Some(run_id), message },
                }
            }
            Request::BreakEven { run_id, study_json, design, input, kpi, target } => match self.study(study_json) {
                Ok(study) => Response::BreakEven { run_id, found: break_even(study, design, &input, &kpi, target, 1) },
                Err(message) => Response::Error { run_id: Some(run_id), message },
            },
        }
    }

    /// Answers one request given as JSON text, as it arrives from
    /// `postMessage`, with the encoded response.
    ///
    /// Never fails: text that is not a valid request becomes
    /// `Response::Error`, so the page always hears back.
    pub fn handle_json(&mut self, text: &str) -> Vec<u8> {
        let response = match serde_json::from_str::<Request>(text) {
            Ok(request) => self.handle(request),
            Err(err) => Response::Error { run_id: None, message: format!("unreadable request: {err}") },
        };
        encode_response(&response)
    }

    /// The study of `json`, parsed once per distinct text.
    fn study(&mut self, json: String) -> Result<&Study, String> {
        if self.study.as_ref().is_none_or(|(text, _)| *text != json) {
            let study = Study::from_json(&json).map_err(|err| format!("invalid study: {err}"))?;
            self.study = Some((json, study));
        }
        Ok(&self.study.as_ref().expect("just stored").1)
    }
}

/// Encodes a request for `postMessage` (JSON text).
pub fn encode_request(request: &Request) -> String {
    // Strings and integers only: always serialises.
    serde_json::to_string(request).expect("requests always serialise")
}

/// Decodes a request (JSON text).
pub fn decode_request(text: &str) -> Result<Request, serde_json::Error> {
    serde_json::from_str(text)
}

/// Encodes a response for `postMessage` (CBOR bytes).
pub fn encode_response(response: &Response) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(32 * 1024);
    // Writing to a Vec cannot fail, and every value in a response
    // serialises (no maps with non-string keys, no NaN-rejecting format).
    ciborium::into_writer(response, &mut bytes).expect("responses always serialise");
    bytes
}

/// Decodes a response (CBOR bytes).
pub fn decode_response(bytes: &[u8]) -> Result<Response, String> {
    ciborium::from_reader(bytes).map_err(|err| err.to_string())
}

#[cfg(test)]
mod tests {
    use journey_engine::{CHUNK_JOURNEYS, chunk_count, presets, report, simulate_chunks};

    use super::*;

    /// A schema 1 study (independent journeys): one that was a preset
    /// before the capacity model, kept as the engine's test fixture.
    fn preset(id: &str, journeys: u64) -> Study {
        let path = format!("{}/../engine/tests/fixtures/schema1/{id}.json", env!("CARGO_MANIFEST_DIR"));
        let mut value: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        value["journeys"] = journeys.into();
        Study::from_value(&value).unwrap()
    }

    /// A built-in preset (a simulated centre) with `replications`
    /// replications of one measured day.
    fn centre(id: &str, replications: u32) -> Study {
        let mut study = Study::from_json(presets::find(id).unwrap().json).unwrap();
        let demand = study.demand.as_mut().unwrap();
        (demand.replications, demand.days) = (replications, 1);
        study
    }

    /// A simulated centre's chunks are its replications: handed out over
    /// the wire in any split, they merge to the plain run.
    #[test]
    fn a_centres_replications_travel_as_chunks_and_merge_to_the_plain_run() {
        let study = centre("omnichannel-continuity", 4);
        assert_eq!(chunk_count(&study), 4);
        let mut worker = Worker::new();
        let mut merged = Tally::new(&study);
        for chunks in [2..4, 0..1, 1..2] {
            let bytes = worker.handle_json(&encode_request(&run(1, &study, chunks)));
            let Ok(Response::Tally { tally, .. }) = decode_response(&bytes) else {
                panic!("expected a tally");
            };
            merged.merge(&tally);
        }
        assert_eq!(merged.chunks, 4);
        assert_eq!(report(&study, &merged).fingerprint, journey_engine::run(&study).fingerprint);
    }

    fn run(run_id: u64, study: &Study, chunks: Range<u64>) -> Request {
        Request::Run { run_id, study_json: study.to_json(), chunks }
    }

    #[test]
    fn run_is_answered_with_the_tally_of_its_chunks() {
        let study = preset("password-reset", 3 * CHUNK_JOURNEYS);
        let bytes = Worker::new().handle_json(&encode_request(&run(9, &study, 1..3)));
        let Response::Tally { run_id, chunks, tally } = decode_response(&bytes).unwrap() else {
            panic!("expected a tally");
        };
        assert_eq!((run_id, chunks), (9, 1..3));
        assert_eq!(tally, simulate_chunks(&study, 1..3));
        assert_eq!(tally.journeys, 2 * CHUNK_JOURNEYS);
    }

    /// The page's report from merged worker tallies equals a plain run:
    /// the wire format loses no bit, and any split of the chunks merges to
    /// the same figures.
    #[test]
    fn tallies_sent_over_the_wire_merge_to_the_plain_run() {
        for id in ["password-reset", "pro-photographer", "omnichannel-continuity"] {
            let study = preset(id, 5 * CHUNK_JOURNEYS + 123);
            let mut worker = Worker::new();
            let mut merged = Tally::new(&study);
            // Out of order and uneven, as a pool hands them back.
            for chunks in [3..6, 0..1, 2..3, 1..2] {
                let bytes = worker.handle_json(&encode_request(&run(1, &study, chunks)));
                let Ok(Response::Tally { tally, .. }) = decode_response(&bytes) else {
                    panic!("expected a tally");
                };
                merged.merge(&tally);
            }
            assert_eq!(merged.chunks, chunk_count(&study));
            assert_eq!(report(&study, &merged).fingerprint, journey_engine::run(&study).fingerprint, "{id}");
        }
    }

    #[test]
    fn chunks_beyond_the_study_give_an_empty_tally() {
        let study = preset("password-reset", 100);
        let Response::Tally { tally, .. } = Worker::new().handle(run(1, &study, 1..5)) else {
            panic!("expected a tally");
        };
        assert_eq!((tally.journeys, tally.chunks), (0, 0));
    }

    #[test]
    fn an_invalid_study_is_an_error_for_its_run() {
        let request = Request::Run { run_id: 4, study_json: "{\"schema\":1}".into(), chunks: 0..1 };
        let reply = Worker::new().handle(request);
        assert!(
            matches!(&reply, Response::Error { run_id: Some(4), message } if message.starts_with("invalid study")),
            "got {reply:?}"
        );
    }

    #[test]
    fn a_staffing_request_answers_with_the_designs_rosters_and_survives_the_wire() {
        let hourly: Vec<u32> = (0..24).map(|h| u32::from((9..13).contains(&h))).collect();
        let roster: Vec<u32> = (0..24).map(|h| if (9..13).contains(&h) { 2 } else { 0 }).collect();
        let study = serde_json::json!({
            "schema": 2, "title": "Line", "seed": 5,
            "demand": {"customers_per_day": 300, "hourly_profile": hourly, "days": 1, "warmup_days": 0, "replications": 3},
            "designs": [{"name": "Current", "context_carryover": true,
                "personas": [{"name": "Caller", "share": 1, "channel_mix": {"Phone": 1}, "patience": {"kind": "exponential", "mean": 4}, "max_contacts": 1}],
                "channels": [{"name": "Phone", "kind": "phone",
                    "agent": {"handle_minutes": {"kind": "exponential", "mean": 4}, "resolution": 1, "staffing": {"agents": roster}}}]}]
        });
        let request = Request::Staff { run_id: 9, study_json: study.to_string(), design: 0, share: 0.8, seconds: 20.0 };
        let bytes = Worker::new().handle_json(&encode_request(&request));
        let Ok(Response::Staffed { run_id: 9, design: 0, need: Some(need) }) = decode_response(&bytes) else {
            panic!("not a staffing answer: {:?}", decode_response(&bytes));
        };
        assert!(need.met);
        assert!(need.pools[0].needed[10] > 2 && need.pools[0].needed[3] == 0, "{:?}", need.pools[0].needed);
    }

    #[test]
    fn a_new_study_replaces_the_parsed_one() {
        let mut worker = Worker::new();
        let small = preset("password-reset", 10);
        let other = preset("pro-photographer", 10);
        worker.handle(run(1, &small, 0..1));
        let Response::Tally { tally, .. } = worker.handle(run(2, &other, 0..1)) else {
            panic!("expected a tally");
        };
        assert_eq!(tally, simulate_chunks(&other, 0..1));
    }

    #[test]
    fn unreadable_request_gets_an_error_reply() {
        let reply = decode_response(&Worker::new().handle_json("{\"kind\":\"fly\"}")).unwrap();
        assert!(
            matches!(reply, Response::Error { run_id: None, ref message } if message.contains("unreadable request")),
            "got {reply:?}"
        );
    }

    #[test]
    fn requests_are_tagged_json() {
        let request = Request::Run { run_id: 3, study_json: "{}".into(), chunks: 2..5 };
        assert_eq!(
            encode_request(&request),
            r#"{"kind":"run","run_id":3,"study_json":"{}","chunks":{"start":2,"end":5}}"#
        );
        assert_eq!(decode_request(&encode_request(&request)).unwrap(), request);
    }

    #[test]
    fn ready_names_the_worker_version() {
        assert_eq!(
            decode_response(&encode_response(&ready())).unwrap(),
            Response::Ready { version: VERSION.to_owned() }
        );
    }

    /// The preset studies survive the page → worker trip unchanged (their
    /// numbers are short decimals, which every float parser reads exactly).
    #[test]
    fn presets_survive_the_trip_to_the_worker() {
        for preset in presets::all() {
            let study = Study::from_json(preset.json).unwrap();
            assert_eq!(Study::from_json(&study.to_json()).unwrap(), study, "{}", preset.id);
        }
    }

    /// The workshop's ripple is laid out in a worker and arrives exactly
    /// as the engine laid it out (CBOR keeps every minute bit for bit).
    #[test]
    fn a_ripple_arrives_as_the_engine_lays_it_out() {
        let study = centre("password-reset", 2);
        let mut worker = Worker::new();
        let bytes = worker.handle_json(&encode_request(&Request::Ripple { run_id: 4, study_json: study.to_json(), design: 1 }));
        let Ok(Response::Ripple { run_id: 4, design: 1, ripple }) = decode_response(&bytes) else {
            panic!("expected a ripple");
        };
        assert!(!ripple.tracks.is_empty());
        assert_eq!(ripple, Ripple::of(&study, 1));
    }
}
