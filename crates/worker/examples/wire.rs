//! Measures the response wire format: size and encode/decode time of one
//! work item's tally, CBOR (what the worker sends) against JSON, and
//! whether each gives back the same bits.
//!
//! ```sh
//! cargo run --release -p journey-worker --example wire [preset] [chunks]
//! ```

use std::time::Instant;

use journey_engine::{Study, Tally, presets, simulate_chunks};
use journey_worker::{Response, decode_response, encode_response};

fn main() {
    let mut args = std::env::args().skip(1);
    let id = args.next().unwrap_or_else(|| "password-reset".to_owned());
    let chunks: u64 = args.next().map_or(1, |c| c.parse().expect("chunks: a number"));
    let mut value: serde_json::Value = serde_json::from_str(presets::find(&id).expect("a preset id").json).unwrap();
    value["journeys"] = 10_000_000u64.into();
    let study = Study::from_value(&value).unwrap();

    for (label, range) in [("chunk 0 (with stories)", 0..chunks), ("later chunks", 10..10 + chunks)] {
        let tally = simulate_chunks(&study, range.clone());
        let response = Response::Tally { run_id: 1, chunks: range, tally: tally.clone() };
        let reps = 200;

        let t = Instant::now();
        let mut cbor = Vec::new();
        for _ in 0..reps {
            cbor = encode_response(&response);
        }
        let cbor_enc = t.elapsed().as_secs_f64() / reps as f64;
        let t = Instant::now();
        let mut back = None;
        for _ in 0..reps {
            back = Some(decode_response(&cbor).unwrap());
        }
        let cbor_dec = t.elapsed().as_secs_f64() / reps as f64;
        let cbor_exact = back.as_ref() == Some(&response);

        let t = Instant::now();
        let mut json = String::new();
        for _ in 0..reps {
            json = serde_json::to_string(&tally).unwrap();
        }
        let json_enc = t.elapsed().as_secs_f64() / reps as f64;
        let t = Instant::now();
        let mut json_back: Option<Tally> = None;
        for _ in 0..reps {
            json_back = Some(serde_json::from_str(&json).unwrap());
        }
        let json_dec = t.elapsed().as_secs_f64() / reps as f64;
        let json_exact = json_back.as_ref() == Some(&tally);

        println!("{id}, {label}, {chunks} chunk(s):");
        println!(
            "  CBOR {:>7} bytes, encode {:>6.0} µs, decode {:>6.0} µs, exact: {cbor_exact}",
            cbor.len(),
            cbor_enc * 1e6,
            cbor_dec * 1e6
        );
        println!(
            "  JSON {:>7} bytes, encode {:>6.0} µs, decode {:>6.0} µs, exact: {json_exact}",
            json.len(),
            json_enc * 1e6,
            json_dec * 1e6
        );
    }
}
