//! A fuzzer of the way in: share links and study files, mutated at random,
//! through the link decoder, the validator and (when valid) a short run
//! under a time budget. Counts how each input ended; a panic or a run over
//! budget is a failure. Shared by the bounded test in CI (`tests/fuzz.rs`)
//! and the longer run of `cargo run --example fuzz -- COUNT SEED`.

use std::collections::BTreeMap;
use std::sync::mpsc;
use std::time::Duration;

use journey_engine::{Study, link, presets};
use rand::{Rng, SeedableRng};
use rand_xoshiro::SplitMix64;
use serde_json::{Value, json};

/// Longest a short run of a valid fuzzed study may take.
pub const BUDGET: Duration = Duration::from_secs(60);

/// Journeys per design of a fuzzed study that validates.
const JOURNEYS: u64 = 300;

/// How the inputs ended.
#[derive(Debug, Default)]
pub struct Outcomes {
    pub inputs: usize,
    /// Refused by the link decoder, by kind of error.
    pub link_refused: BTreeMap<String, usize>,
    /// Refused by the validator, and how many problems the most had.
    pub study_refused: usize,
    pub most_problems: usize,
    /// Valid, and ran to finite figures within the budget.
    pub ran: usize,
    pub panics: Vec<String>,
    pub over_budget: Vec<String>,
    pub non_finite: Vec<String>,
}

/// Values at the edges of what a field may hold, and beyond.
const EDGES: [f64; 14] = [0.0, -0.0, 5e-324, 1e-300, 1e-9, 0.5, 1.0, 2.0, 1e6, 1e9, 2e9, -1.0, 1e300, 1.8446744073709552e19];

/// Runs `count` mutated inputs from `seed`.
pub fn fuzz(count: usize, seed: u64) -> Outcomes {
    let mut rng = SplitMix64::seed_from_u64(seed);
    // The presets (simulated centres) and the schema 1 studies that were
    // the presets before them (independent journeys).
    let mut studies: Vec<Value> = presets::all().iter().map(|p| serde_json::from_str(p.json).expect("preset parses")).collect();
    for id in ["password-reset", "pro-photographer", "help-centre-still-calls", "omnichannel-continuity"] {
        let path = format!("{}/tests/fixtures/schema1/{id}.json", env!("CARGO_MANIFEST_DIR"));
        studies.push(serde_json::from_str(&std::fs::read_to_string(path).expect("fixture")).expect("fixture parses"));
    }
    let mut outcomes = Outcomes::default();
    for i in 0..count {
        let base = &studies[i % studies.len()];
        let input = match rng.next_u64() % 4 {
            0 => mutate_text(&link::encode(&base.to_string()), &mut rng),
            1 => {
                let mut text = base.to_string();
                if rng.next_u64() % 2 == 0 {
                    text = mutate_text(&text, &mut rng);
                }
                link::encode(&text)
            }
            _ => {
                let mut value = base.clone();
                for _ in 0..1 + rng.next_u64() % 6 {
                    mutate_value(&mut value, &mut rng);
                }
                link::encode(&value.to_string())
            }
        };
        outcomes.inputs += 1;
        try_input(&input, &mut outcomes);
    }
    outcomes
}

fn try_input(input: &str, outcomes: &mut Outcomes) {
    let opened = std::panic::catch_unwind(|| link::decode(input).map(|json| Study::from_json(&json)));
    let study = match opened {
        Err(_) => return outcomes.panics.push(format!("decode/validate: {input}")),
        Ok(Err(e)) => {
            let kind = format!("{e:?}");
            *outcomes.link_refused.entry(kind.split('(').next().unwrap_or("").to_owned()).or_default() += 1;
            return;
        }
        Ok(Ok(Err(e))) => {
            outcomes.study_refused += 1;
            outcomes.most_problems = outcomes.most_problems.max(e.problems.len());
            return;
        }
        Ok(Ok(Ok(study))) => study,
    };
    let mut study = study;
    study.journeys = JOURNEYS;
    // A simulated centre: a small run (two replications of one day at no
    // more than 500 customers a day), enough to reach every rule.
    if let Some(demand) = &mut study.demand {
        (demand.replications, demand.days, demand.warmup_days) = (2, 1, 0);
        demand.customers_per_day = demand.customers_per_day.min(500.0);
    }
    let (send, receive) = mpsc::channel();
    let runner = study.clone();
    std::thread::spawn(move || {
        let _ = send.send(std::panic::catch_unwind(|| journey_engine::run(&runner)));
    });
    match receive.recv_timeout(BUDGET) {
        Ok(Ok(report)) => {
            let finite = report
                .designs
                .iter()
                .flat_map(|d| d.kpis.entries.iter().map(|(_, e)| e))
                .all(|e| e.estimate.is_none_or(f64::is_finite) && e.ci95.is_none_or(|[a, b]| a.is_finite() && b.is_finite()));
            if finite { outcomes.ran += 1 } else { outcomes.non_finite.push(input.to_owned()) }
        }
        Ok(Err(_)) => outcomes.panics.push(format!("run: {input}")),
        Err(_) => outcomes.over_budget.push(input.to_owned()),
    }
}

/// A character replaced, inserted or deleted, or the text cut short.
fn mutate_text(text: &str, rng: &mut SplitMix64) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    if chars.is_empty() {
        return text.to_owned();
    }
    for _ in 0..1 + rng.next_u64() % 3 {
        let at = (rng.next_u64() % chars.len() as u64) as usize;
        let c = char::from(b"0123456789abcXYZ_-.#{}[]\",:e+ "[(rng.next_u64() % 30) as usize]);
        match rng.next_u64() % 4 {
            0 => chars[at] = c,
            1 => chars.insert(at, c),
            2 if chars.len() > 1 => {
                chars.remove(at);
            }
            _ => chars.truncate(at.max(1)),
        }
    }
    chars.into_iter().collect()
}

/// A random leaf (or object) of the study changed to an edge value, a
/// value of another type, a repeated list, or an unknown key.
fn mutate_value(value: &mut Value, rng: &mut SplitMix64) {
    let mut pointers = Vec::new();
    collect(value, String::new(), &mut pointers);
    let pointer = &pointers[(rng.next_u64() % pointers.len() as u64) as usize];
    let Some(slot) = value.pointer_mut(pointer) else { return };
    match rng.next_u64() % 8 {
        0..=3 if slot.is_number() => *slot = json!(EDGES[(rng.next_u64() % EDGES.len() as u64) as usize]),
        0..=3 => *slot = json!(EDGES[(rng.next_u64() % EDGES.len() as u64) as usize]),
        4 => *slot = json!("x"),
        5 => {
            if let Value::Array(items) = slot
                && let Some(first) = items.first().cloned()
            {
                for _ in 0..rng.next_u64() % 200 {
                    items.push(first.clone());
                }
            }
        }
        6 => {
            if let Value::Object(map) = slot {
                map.insert("unknwon".to_owned(), json!(1));
            }
        }
        _ => *slot = Value::Null,
    }
}

fn collect(v: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match v {
        Value::Object(m) => m.iter().for_each(|(k, c)| collect(c, format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")), out)),
        Value::Array(a) => a.iter().enumerate().for_each(|(i, c)| collect(c, format!("{at}/{i}"), out)),
        _ => {}
    }
}
