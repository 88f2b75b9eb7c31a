//! Schema-valid studies from the whole allowed range, extremes included
//! (0, 5e-324, 1e-300, 1e9, spreads near every bound), each run for 1,000
//! journeys under a time budget: every run must end, and every figure must
//! be finite and mean what it says (rates in [0, 1], amounts at least 0 and
//! at most what one journey can reach, intervals around their estimates,
//! a cost per journey no lower than what every journey must pay).
//!
//! The studies come from a seeded generator rather than proptest so that
//! the test can also insist that enough of them validate to be worth
//! running (the generator aims at the edges, and the validator refuses
//! what is beyond them). In debug builds the tally also asserts that no
//! sum is NaN or saturated.

mod support {
    pub mod fixtures;
}

use std::sync::mpsc;
use std::time::Duration;

use journey_engine::kpi::Scale;
use journey_engine::{KPIS, Report, Study};
use rand::{Rng, SeedableRng};
use rand_xoshiro::SplitMix64;
use serde_json::{Value, json};

/// Studies generated.
const STUDIES: usize = 1000;
/// Longest a 1,000-journey run may take, on the slowest machine we know,
/// in a debug build (they take milliseconds).
const BUDGET: Duration = Duration::from_secs(60);
/// Largest minutes, hours or money one journey may reach (bounds.rs).
const MAX_JOURNEY_FIGURE: f64 = 1e10;

/// Values at the edges of the allowed range and a few ordinary ones.
const EDGES: [f64; 12] = [0.0, 5e-324, 1e-300, 1e-9, 0.01, 0.5, 1.0, 3.0, 1e3, 1e6, 1e8, 1e9];

struct Gen(SplitMix64);

impl Gen {
    fn unit(&mut self) -> f64 {
        (self.0.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[(self.0.next_u64() % items.len() as u64) as usize]
    }
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    /// An amount from 0 to 1e9: about one time in twelve an edge of the
    /// range (any of [`EDGES`], the huge and the tiny) or a draw from the
    /// whole range; otherwise an ordinary size. With some thirty
    /// distributions and a dozen costs in a study, most studies hold a few
    /// edges, and a good share of them are still valid.
    fn amount(&mut self) -> f64 {
        match self.0.next_u64() % 24 {
            0 => self.unit() * 1e9 * self.unit().powi(6),
            1 => self.pick(&EDGES),
            _ => self.unit() * 20.0,
        }
    }

    fn probability(&mut self) -> f64 {
        match self.0.next_u64() % 3 {
            0 => self.unit(),
            _ => self.pick(&[0.0, 5e-324, 1e-300, 1e-9, 0.5, 1.0 - 1e-9, 1.0]),
        }
    }
    /// Two probabilities whose sum is at most 1.
    fn pair(&mut self) -> (f64, f64) {
        let (a, b) = (self.probability(), self.probability());
        if a + b <= 1.0 { (a, b) } else { (a, 1.0 - a) }
    }
    fn sorted<const N: usize>(&mut self) -> [f64; N] {
        let mut values = [0.0; N];
        for v in &mut values {
            *v = self.amount();
        }
        values.sort_by(f64::total_cmp);
        values
    }
    /// A distribution of any kind, with parameters near its bounds: equal
    /// values, a huge or tiny ratio between them.
    fn distribution(&mut self) -> Value {
        match self.0.next_u64() % 7 {
            0 => json!({"kind": "fixed", "value": self.amount()}),
            1 => {
                let [min, max] = self.sorted();
                json!({"kind": "uniform", "min": min, "max": max})
            }
            2 => {
                let [min, mode, max] = self.sorted();
                json!({"kind": "triangular", "min": min, "mode": mode, "max": max})
            }
            3 => json!({"kind": "exponential", "mean": self.amount()}),
            4 => {
                let [median, p90] = self.sorted();
                json!({"kind": "lognormal", "median": median, "p90": p90})
            }
            5 => json!({"kind": "gamma", "mean": self.amount(), "sd": self.amount()}),
            _ => {
                let n = 1 + self.0.next_u64() % 5;
                json!({"kind": "empirical", "values": (0..n).map(|_| self.amount()).collect::<Vec<_>>()})
            }
        }
    }

    fn study(&mut self) -> Value {
        let channels = ["Phone", "Chat", "Web"];
        let designs: Vec<Value> = (0..1 + self.0.next_u64() % 2).map(|d| self.design(d, &channels)).collect();
        json!({
            "schema": 1, "title": "Extremes", "seed": self.0.next_u64(), "journeys": 1000,
            "satisfaction": {
                "extra_contact": self.amount(), "hold_minute": self.amount(), "escalation": self.amount(),
                "switch": self.amount(), "repeat_explanation": self.amount(), "unresolved": self.amount(),
                "satisfied_threshold": self.pick(&[0.0, 50.0, 100.0])
            },
            "designs": designs
        })
    }

    fn design(&mut self, index: u64, channels: &[&str]) -> Value {
        let personas: Vec<Value> = (0..2)
            .map(|p| {
                let mut mix = serde_json::Map::new();
                for c in channels {
                    if self.chance(0.7) {
                        mix.insert((*c).to_owned(), json!(self.amount()));
                    }
                }
                mix.insert(channels[p % channels.len()].to_owned(), json!(self.pick(&[5e-324, 1.0, 1e9])));
                let (abandon, failure) = (self.probability(), self.probability());
                json!({
                    "name": format!("Persona {p}"), "share": self.pick(&[5e-324, 1.0, 1e9, 0.3]),
                    "channel_mix": mix, "patience": self.distribution(), "hold_tolerance": self.amount(),
                    "retry_after_abandon": abandon, "retry_after_failure": failure,
                    "switch_on_retry": self.probability(), "max_contacts": 1 + self.0.next_u64() % 10,
                    "retry_gap_hours": self.distribution(), "baseline_satisfaction": self.pick(&[0.0, 5e-324, 70.0, 100.0])
                })
            })
            .collect();
        let channels: Vec<Value> = channels
            .iter()
            .map(|name| {
                let mut channel = json!({"name": name, "kind": "other"});
                let with_agent = self.chance(0.8);
                if !with_agent || self.chance(0.6) {
                    let (containment, abandonment) = self.pair();
                    channel["self_service"] = json!({
                        "containment": containment, "abandonment": abandonment, "minutes": self.distribution(),
                        "live_fallback": self.chance(0.8), "cost": self.amount()
                    });
                }
                if with_agent {
                    let (resolution, escalation) = self.pair();
                    let mut agent = json!({
                        "hold_minutes": self.distribution(), "handle_minutes": self.distribution(),
                        "resolution": resolution, "escalation": escalation, "reopen": self.probability(),
                        "cost_per_contact": self.amount(), "cost_per_minute": self.amount()
                    });
                    if self.chance(0.3) {
                        agent["response_delay_hours"] = self.distribution();
                    }
                    if escalation > 0.0 || self.chance(0.3) {
                        agent["tier2"] = json!({
                            "hold_minutes": self.distribution(), "handle_minutes": self.distribution(),
                            "resolution": self.probability(), "cost_per_minute": self.amount()
                        });
                    }
                    channel["agent"] = agent;
                }
                channel
            })
            .collect();
        json!({
            "name": format!("Design {index}"), "context_carryover": self.chance(0.5),
            "repeat_explanation_minutes": self.distribution(), "personas": personas, "channels": channels
        })
    }
}

/// The least any journey of `design` pays: its first channel's
/// self-service cost, which every first attempt there pays.
fn least_cost(design: &Value) -> f64 {
    let channels = design["channels"].as_array().cloned().unwrap_or_default();
    let mut least = f64::INFINITY;
    for persona in design["personas"].as_array().cloned().unwrap_or_default() {
        if persona["share"].as_f64().unwrap_or(0.0) <= 0.0 {
            continue;
        }
        for (name, weight) in persona["channel_mix"].as_object().cloned().unwrap_or_default() {
            if weight.as_f64().unwrap_or(0.0) <= 0.0 {
                continue;
            }
            let channel = channels.iter().find(|c| c["name"] == json!(name));
            let cost = channel.and_then(|c| c["self_service"]["cost"].as_f64()).unwrap_or(0.0);
            least = least.min(cost);
        }
    }
    if least.is_finite() { least } else { 0.0 }
}

fn check_report(study: &Value, report: &Report) -> Result<(), String> {
    for (design, json_design) in report.designs.iter().zip(study["designs"].as_array().into_iter().flatten()) {
        for info in KPIS.iter() {
            let Some(e) = design.kpis.get(info.key) else { return Err(format!("{} missing", info.key)) };
            let Some(x) = e.estimate else { continue };
            let (lo, hi) = match info.scale {
                Scale::Rate => (0.0, 1.0),
                Scale::Score => (0.0, 100.0),
                Scale::Amount => (0.0, MAX_JOURNEY_FIGURE * 10.0),
            };
            if !(x.is_finite() && x >= lo && x <= hi) {
                return Err(format!("{}: {} = {x} outside [{lo}, {hi}]", design.name, info.key));
            }
            if let Some([a, b]) = e.ci95
                && !(a.is_finite() && b.is_finite() && lo <= a && a <= x * (1.0 + 1e-12) + 1e-300 && x <= b * (1.0 + 1e-12) + 1e-300 && b <= hi)
            {
                return Err(format!("{}: {} = {x} has interval [{a}, {b}]", design.name, info.key));
            }
        }
        let cost = design.kpis.get("cost_per_journey").and_then(|e| e.estimate).unwrap_or(0.0);
        let least = least_cost(json_design);
        // The sums are exact to 2⁻³² of a unit per chunk of 4,096 journeys,
        // so a cost of 5e-324 per journey sums to 0: an absolute error far
        // below anything a currency shows.
        if cost < least * (1.0 - 1e-9) - 1e-9 {
            return Err(format!("{}: cost per journey {cost} below the {least} every journey pays", design.name));
        }
        for key in ["hours_to_resolution_p50", "hours_to_resolution_p90"] {
            if let Some(x) = design.kpis.get(key).and_then(|e| e.estimate)
                && !(x.is_finite() && (0.0..=MAX_JOURNEY_FIGURE * 1.1).contains(&x))
            {
                return Err(format!("{}: {key} = {x}", design.name));
            }
        }
        if design.stages.iter().any(|s| s.mean.is_some_and(|m| !(0.0..=100.0).contains(&m))) {
            return Err(format!("{}: a stage score outside [0, 100]", design.name));
        }
    }
    for comparison in &report.comparisons {
        for (key, d) in &comparison.kpis.entries {
            if d.estimate.is_some_and(|x| !x.is_finite()) || d.ci95.is_some_and(|[a, b]| !(a.is_finite() && b.is_finite() && a <= b)) {
                return Err(format!("{}: {key} difference {d:?}", comparison.design));
            }
        }
    }
    Ok(())
}

/// Runs the study on a thread of its own and waits at most [`BUDGET`]: a
/// run that never ends fails the test instead of hanging it.
fn run_within_budget(study: &Study) -> Result<Report, String> {
    let (send, receive) = mpsc::channel();
    let runner = study.clone();
    std::thread::spawn(move || {
        let _ = send.send(std::panic::catch_unwind(|| journey_engine::run(&runner)));
    });
    match receive.recv_timeout(BUDGET) {
        Ok(Ok(report)) => Ok(report),
        Ok(Err(_)) => Err(format!("panicked: {}", study.to_json())),
        Err(_) => Err(format!("did not finish within {BUDGET:?}: {}", study.to_json())),
    }
}

#[test]
fn studies_at_the_edges_run_in_bounded_time_with_finite_sane_figures() {
    let mut generator = Gen(SplitMix64::seed_from_u64(20261202));
    let mut valid = 0;
    let mut refusals = std::collections::BTreeMap::<String, usize>::new();
    for i in 0..STUDIES {
        let value = generator.study();
        let study = match Study::from_value(&value) {
            Ok(study) => study,
            Err(e) => {
                for p in e.problems {
                    let words: String = p.message.split(':').next().unwrap_or("").chars().filter(|c| !c.is_ascii_digit()).collect();
                    *refusals.entry(format!("{} {}", p.path.rsplit('.').next().unwrap_or(""), words)).or_default() += 1;
                }
                continue;
            }
        };
        valid += 1;
        let report = run_within_budget(&study).unwrap_or_else(|e| panic!("study {i} {e}"));
        if let Err(problem) = check_report(&value, &report) {
            panic!("study {i}: {problem}\n{}", study.to_json());
        }
    }
    eprintln!("{valid} of {STUDIES} generated studies were valid");
    // The edges must be explored, not only refused.
    assert!(valid >= STUDIES / 5, "only {valid} of {STUDIES} generated studies were valid; refusals: {refusals:#?}");
}

/// The studies of the hardening issue, each refused with a message that
/// says why or run to finite figures.
#[test]
fn the_studies_that_hung_or_lied_are_refused_or_run_honestly() {
    let preset: Value = serde_json::from_str(&support::fixtures::schema1_json("password-reset")).expect("fixture");
    let at = |pointer: &str, value: Value| {
        let mut study = preset.clone();
        *study.pointer_mut(pointer).expect("field") = value;
        study["journeys"] = json!(1000);
        study
    };
    let handle = "/designs/0/channels/1/agent/handle_minutes";
    for (value, refused_at) in [
        // Endless: the gamma's shape overflowed to infinity.
        (json!({"kind": "gamma", "mean": 1, "sd": 1e-155}), None),
        // NaN draws: a shape of 0 and an infinite scale.
        (json!({"kind": "gamma", "mean": 1e-300, "sd": 1e9}), Some("handle_minutes.sd")),
        (json!({"kind": "gamma", "mean": 1e-170, "sd": 1}), Some("handle_minutes.sd")),
        (json!({"kind": "gamma", "mean": 12, "sd": 0.0002}), None),
        // Saturated sums.
        (json!({"kind": "lognormal", "median": 1, "p90": 1e9}), Some("handle_minutes.p90")),
        (json!({"kind": "exponential", "mean": 1e9}), Some("handle_minutes.mean")),
    ] {
        let study = at(handle, value.clone());
        match (Study::from_value(&study), refused_at) {
            (Ok(valid), None) => {
                let report = run_within_budget(&valid).unwrap_or_else(|e| panic!("{value} {e}"));
                check_report(&study, &report).unwrap_or_else(|p| panic!("{value}: {p}"));
            }
            (Err(e), Some(field)) => assert!(
                e.problems.iter().any(|p| p.path.ends_with(field) && p.message.contains("at most")),
                "{value}: {e}"
            ),
            (Ok(_), Some(field)) => panic!("{value} should be refused at {field}"),
            (Err(e), None) => panic!("{value} should run: {e}"),
        }
    }
}
