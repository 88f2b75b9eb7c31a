//! Which input moves a KPI most: every numeric input of one design moved
//! one at a time by a sensible step, each run against the unmoved design
//! with common random numbers, ranked by how far it swings the KPI (a
//! tornado). [`break_even`](crate::break_even) answers the inverse
//! question for one input.
//!
//! The steps, as a strategist would try them:
//! - a probability (containment, abandonment, resolution, escalation,
//!   reopening, retrying, switching): 5 percentage points down and up,
//!   within 0 and 1;
//! - a time or a cost (a distribution of minutes or hours, scaled as a
//!   whole so its shape holds; a hold tolerance; every cost): 20% down and
//!   up;
//! - the agents of a staffing roster: 10% down and up in every staffed
//!   hour (at least one agent either way, never below one).
//!
//! Persona shares, channel mixes, caps and satisfaction weights are the
//! study's description of its customers, not levers of a design, and are
//! left alone.
//!
//! Each moved design runs beside the unmoved one in a study of their own
//! (a study holds at most [`MAX_DESIGNS`](crate::MAX_DESIGNS), so the
//! inputs go in batches, each with the unmoved design first): every design
//! of a batch meets the same customers with the same luck, so each effect
//! is the report's paired difference and its interval is the paired one.
//! The unmoved design gives the same figures in every batch (same seed,
//! same customers), so effects from different batches compare directly.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::report::{Estimate, Report};
use crate::run::{run, run_threads};
use crate::study::{MAX_DESIGNS, Study};

/// How an input is stepped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InputKind {
    /// A share between 0 and 1: ±5 percentage points.
    Probability,
    /// A time or a cost (a whole distribution, or one number): ±20%.
    Scale,
    /// A staffing roster: ±10% of every staffed hour's agents.
    Agents,
}

/// One numeric input of a design.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Input {
    /// Its field path, as the validator names fields
    /// (`designs[0].channels[1].agent.resolution`).
    pub path: String,
    pub kind: InputKind,
    /// Its value in the study (a number, a distribution or a roster).
    pub value: Value,
}

/// Probability steps [share].
pub const PROBABILITY_STEP: f64 = 0.05;
/// Time and cost steps [fraction].
pub const SCALE_STEP: f64 = 0.2;
/// Staffing steps [fraction].
pub const AGENTS_STEP: f64 = 0.1;

/// Keys of a design whose numbers are probabilities.
const PROBABILITIES: [&str; 8] =
    ["containment", "abandonment", "resolution", "escalation", "reopen", "retry_after_abandon", "retry_after_failure", "switch_on_retry"];
/// Keys whose values are distributions of time, stepped whole.
const TIMES: [&str; 7] =
    ["minutes", "hold_minutes", "handle_minutes", "retry_gap_hours", "response_delay_hours", "repeat_explanation_minutes", "patience"];

impl Input {
    /// The input's value moved one step down (`up` false) or up; `None`
    /// when it cannot move that way (a probability already at 0, say).
    pub fn moved(&self, up: bool) -> Option<Value> {
        let sign = if up { 1.0 } else { -1.0 };
        let moved = match self.kind {
            InputKind::Probability => {
                let v = self.value.as_f64()?;
                let to = (v + sign * PROBABILITY_STEP).clamp(0.0, 1.0);
                (to != v).then(|| number(round(to, 6)))?
            }
            InputKind::Scale => scale(&self.value, 1.0 + sign * SCALE_STEP)?,
            InputKind::Agents => {
                let step = |a: f64| {
                    if a <= 0.0 {
                        a
                    } else {
                        (a + sign * (a * AGENTS_STEP).round().max(1.0)).max(1.0)
                    }
                };
                match &self.value {
                    Value::Array(hours) => Value::Array(hours.iter().map(|h| number(step(h.as_f64().unwrap_or(0.0)))).collect()),
                    v => number(step(v.as_f64()?)),
                }
            }
        };
        (moved != self.value).then_some(moved)
    }
}

/// Every numeric input of design `design` with its step, in the design's
/// order; empty without such a design.
pub fn inputs(study: &Study, design: usize) -> Vec<Input> {
    let value = study.to_value();
    let mut found = Vec::new();
    if let Some(d) = value.get("designs").and_then(|ds| ds.get(design)) {
        walk(d, &format!("designs[{design}]"), "", &mut found);
    }
    found
}

fn walk(value: &Value, path: &str, key: &str, found: &mut Vec<Input>) {
    let input = |kind| Input { path: path.to_owned(), kind, value: value.clone() };
    match value {
        Value::Object(fields) => {
            if TIMES.contains(&key) && fields.contains_key("kind") {
                found.push(input(InputKind::Scale));
                return;
            }
            for (k, v) in fields {
                // Channel mixes and the customers' own description are not
                // levers.
                if matches!(k.as_str(), "channel_mix" | "share" | "max_contacts" | "baseline_satisfaction" | "concurrency") {
                    continue;
                }
                walk(v, &format!("{path}.{k}"), k, found);
            }
        }
        Value::Array(items) => {
            if key == "agents" {
                found.push(input(InputKind::Agents));
                return;
            }
            for (i, v) in items.iter().enumerate() {
                walk(v, &format!("{path}[{i}]"), key, found);
            }
        }
        Value::Number(_) => {
            if PROBABILITIES.contains(&key) {
                found.push(input(InputKind::Probability));
            } else if key == "agents" {
                found.push(input(InputKind::Agents));
            } else if key.contains("cost") || key == "hold_tolerance" || TIMES.contains(&key) {
                found.push(input(InputKind::Scale));
            }
        }
        _ => {}
    }
}

/// One input's effect on the KPI.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InputEffect {
    pub path: String,
    pub kind: InputKind,
    pub value: Value,
    /// The input one step down and up (`None`: it cannot move that way, or
    /// the moved study would not be valid).
    pub low: Option<Value>,
    pub high: Option<Value>,
    /// The KPI's paired change from the unmoved design, one step down and
    /// up.
    pub low_effect: Option<Estimate>,
    pub high_effect: Option<Estimate>,
    /// The larger of the two changes' sizes: what the inputs are ranked by.
    pub swing: f64,
}

/// The inputs of one design ranked by how far they move one KPI.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Sensitivity {
    pub design: String,
    pub kpi: String,
    /// The KPI in the unmoved design.
    pub baseline: Estimate,
    /// Largest swing first.
    pub inputs: Vec<InputEffect>,
}

/// The sensitivity of KPI `kpi` of design `design` to each of its inputs,
/// on `threads` threads.
pub fn sensitivity(study: &Study, design: usize, kpi: &str, threads: usize) -> Result<Sensitivity, String> {
    sensitivity_part(study, design, kpi, threads, 0, 1)
}

/// Part `part` of `parts` of [`sensitivity`]: the batches `part`,
/// `part + parts`, … of moved designs, for as many workers as there are
/// parts. The parts' answers [`merge`](Sensitivity::merge) into the whole
/// (the same figures: every batch runs alone with the same customers).
pub fn sensitivity_part(study: &Study, design: usize, kpi: &str, threads: usize, part: usize, parts: usize) -> Result<Sensitivity, String> {
    let parts = parts.max(1);
    let base = study.designs.get(design).ok_or_else(|| format!("the study has no design number {}", design + 1))?;
    if crate::kpi::kpi(kpi).is_none() {
        return Err(format!("unknown KPI \"{kpi}\""));
    }
    let inputs = inputs(study, design);
    // Every valid move, as (input, up, moved value).
    let mut moves: Vec<(usize, bool, Value)> = Vec::new();
    for (i, input) in inputs.iter().enumerate() {
        for up in [false, true] {
            if let Some(to) = input.moved(up)
                && moved_study(study, design, &[(&input.path, to.clone())]).is_ok()
            {
                moves.push((i, up, to));
            }
        }
    }
    let mut effects: Vec<InputEffect> = inputs
        .iter()
        .map(|input| InputEffect {
            path: input.path.clone(),
            kind: input.kind,
            value: input.value.clone(),
            low: None,
            high: None,
            low_effect: None,
            high_effect: None,
            swing: 0.0,
        })
        .collect();
    let mut baseline = None;
    for batch in moves.chunks(MAX_DESIGNS - 1).skip(part).step_by(parts) {
        let variants: Vec<Vec<(&str, Value)>> = batch.iter().map(|(i, _, to)| vec![(inputs[*i].path.as_str(), to.clone())]).collect();
        let report = run_variants(study, design, &variants, threads)?;
        baseline = baseline.or_else(|| report.designs.first().and_then(|d| d.kpis.get(kpi)).copied());
        for (k, (i, up, to)) in batch.iter().enumerate() {
            let change = paired_change(&report, k + 1, kpi);
            let effect = &mut effects[*i];
            if *up {
                (effect.high, effect.high_effect) = (Some(to.clone()), change);
            } else {
                (effect.low, effect.low_effect) = (Some(to.clone()), change);
            }
        }
    }
    let baseline = match baseline {
        Some(b) => b,
        None => run_variants(study, design, &[], threads)?.designs.first().and_then(|d| d.kpis.get(kpi)).copied().unwrap_or(Estimate { estimate: None, ci95: None }),
    };
    Ok(Sensitivity { design: base.name.clone(), kpi: kpi.to_owned(), baseline, inputs: effects }.ranked())
}

impl Sensitivity {
    /// The parts of one sensitivity as one: each input's two effects from
    /// whichever part ran them.
    pub fn merge(parts: Vec<Sensitivity>) -> Option<Sensitivity> {
        let mut parts = parts.into_iter();
        let mut whole = parts.next()?;
        for part in parts {
            for effect in part.inputs {
                match whole.inputs.iter_mut().find(|e| e.path == effect.path) {
                    Some(mine) => {
                        if effect.low_effect.is_some() {
                            (mine.low, mine.low_effect) = (effect.low, effect.low_effect);
                        }
                        if effect.high_effect.is_some() {
                            (mine.high, mine.high_effect) = (effect.high, effect.high_effect);
                        }
                    }
                    None => whole.inputs.push(effect),
                }
            }
        }
        Some(whole.ranked())
    }

    /// Swings computed, inputs without any effect left out, the largest
    /// swing first.
    fn ranked(mut self) -> Self {
        for effect in &mut self.inputs {
            let size = |e: &Option<Estimate>| e.and_then(|e| e.estimate).map_or(0.0, f64::abs);
            effect.swing = size(&effect.low_effect).max(size(&effect.high_effect));
        }
        self.inputs.retain(|e| e.low_effect.is_some() || e.high_effect.is_some());
        self.inputs.sort_by(|a, b| b.swing.total_cmp(&a.swing).then(a.path.cmp(&b.path)));
        self
    }
}

/// Design `variant`'s paired change of `kpi` from the report's first design.
pub(crate) fn paired_change(report: &Report, variant: usize, kpi: &str) -> Option<Estimate> {
    let difference = report.comparisons.get(variant.checked_sub(1)?)?.kpis.get(kpi)?;
    Some(Estimate { estimate: difference.estimate, ci95: difference.ci95 })
}

/// Runs design `design` unmoved, then each of `variants` (each a list of
/// field paths and their new values), as one study's designs.
pub(crate) fn run_variants(study: &Study, design: usize, variants: &[Vec<(&str, Value)>], threads: usize) -> Result<Report, String> {
    let mut value = study.to_value();
    let base = value["designs"].get(design).cloned().ok_or("no such design")?;
    let mut designs = vec![base];
    for (k, changes) in variants.iter().enumerate() {
        let mut moved = value.clone();
        for (path, to) in changes {
            set(&mut moved, path, to.clone()).ok_or_else(|| format!("{path} is not a field of the study"))?;
        }
        let mut d = moved["designs"][design].clone();
        d["name"] = Value::from(format!("moved {}", k + 1));
        designs.push(d);
    }
    value["designs"] = Value::Array(designs);
    let study = Study::from_value(&value).map_err(|e| e.to_string())?;
    // One thread runs here: a Web Worker cannot spawn threads.
    Ok(if threads <= 1 { run(&study) } else { run_threads(&study, threads) })
}

/// The study with design `design` moved as `changes` say, checked by the
/// validator.
pub(crate) fn moved_study(study: &Study, design: usize, changes: &[(&str, Value)]) -> Result<Study, String> {
    let mut value = study.to_value();
    for (path, to) in changes {
        set(&mut value, path, to.clone()).ok_or_else(|| format!("{path} is not a field of the study"))?;
    }
    let d = value["designs"].get(design).cloned().ok_or("no such design")?;
    value["designs"] = Value::Array(vec![d]);
    Study::from_value(&value).map_err(|e| e.to_string())
}

/// The value at a field path (`designs[0].channels[1].agent.resolution`).
pub fn get<'v>(value: &'v Value, path: &str) -> Option<&'v Value> {
    segments(path)?.iter().try_fold(value, |v, seg| match seg {
        Segment::Key(k) => v.get(k.as_str()),
        Segment::Index(i) => v.get(*i),
    })
}

/// Sets the value at an existing field path; `None` when there is none.
pub fn set(value: &mut Value, path: &str, to: Value) -> Option<()> {
    let slot = segments(path)?.iter().try_fold(value, |v, seg| match seg {
        Segment::Key(k) => v.get_mut(k.as_str()),
        Segment::Index(i) => v.get_mut(*i),
    })?;
    *slot = to;
    Some(())
}

enum Segment {
    Key(String),
    Index(usize),
}

/// A field path's steps: names, `[n]` indices and `["name"]` keys.
fn segments(path: &str) -> Option<Vec<Segment>> {
    let mut out = Vec::new();
    let mut rest = path;
    while !rest.is_empty() {
        rest = rest.strip_prefix('.').unwrap_or(rest);
        if let Some(inner) = rest.strip_prefix("[\"") {
            let end = inner.find("\"]")?;
            out.push(Segment::Key(inner[..end].to_owned()));
            rest = &inner[end + 2..];
        } else if let Some(inner) = rest.strip_prefix('[') {
            let end = inner.find(']')?;
            out.push(Segment::Index(inner[..end].parse().ok()?));
            rest = &inner[end + 1..];
        } else {
            let end = rest.find(['.', '[']).unwrap_or(rest.len());
            if end == 0 {
                return None;
            }
            out.push(Segment::Key(rest[..end].to_owned()));
            rest = &rest[end..];
        }
    }
    Some(out)
}

/// Every number of a value (a distribution's parameters, one number)
/// times `factor`, its kind kept.
fn scale(value: &Value, factor: f64) -> Option<Value> {
    match value {
        Value::Number(n) => Some(number(round(n.as_f64()? * factor, 9))),
        Value::Object(fields) => Some(Value::Object(
            fields.iter().map(|(k, v)| (k.clone(), if v.is_number() { scale(v, factor).unwrap_or(Value::Null) } else { v.clone() })).collect(),
        )),
        _ => None,
    }
}

fn round(x: f64, digits: i32) -> f64 {
    let p = 10f64.powi(digits);
    (x * p).round() / p
}

/// A JSON number, whole numbers without a fraction.
pub fn number(x: f64) -> Value {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        Value::from(x as i64)
    } else {
        serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(id: &str, journeys: u64) -> Study {
        let path = format!("{}/tests/fixtures/schema1/{id}.json", env!("CARGO_MANIFEST_DIR"));
        let mut value: Value = serde_json::from_str(&std::fs::read_to_string(path).expect("fixture")).expect("json");
        value["journeys"] = journeys.into();
        Study::from_value(&value).expect("valid")
    }

    #[test]
    fn inputs_are_the_designs_levers_with_their_steps() {
        let study = fixture("password-reset", 1_000);
        let found = inputs(&study, 0);
        let kind = |path: &str| found.iter().find(|i| i.path == path).map(|i| i.kind);
        assert_eq!(kind("designs[0].channels[1].agent.resolution"), Some(InputKind::Probability));
        assert_eq!(kind("designs[0].channels[1].agent.handle_minutes"), Some(InputKind::Scale));
        assert_eq!(kind("designs[0].channels[1].agent.cost_per_minute"), Some(InputKind::Scale));
        assert_eq!(kind("designs[0].personas[0].retry_after_abandon"), Some(InputKind::Probability));
        assert_eq!(kind("designs[0].personas[0].share"), None);
        assert!(found.iter().all(|i| !i.path.contains("channel_mix") && !i.path.contains("handle_minutes.")));
        let resolution = found.iter().find(|i| i.path == "designs[0].channels[1].agent.resolution").expect("an input");
        assert_eq!((resolution.moved(false), resolution.moved(true)), (Some(number(0.8)), Some(number(0.9))));
        let handle = found.iter().find(|i| i.path == "designs[0].channels[1].agent.handle_minutes").expect("an input");
        assert_eq!(handle.moved(true), Some(serde_json::json!({"kind": "lognormal", "median": 8.4, "p90": 18})));
        let full = Input { path: "x".into(), kind: InputKind::Probability, value: number(1.0) };
        assert_eq!(full.moved(true), None);
        let roster = Input { path: "x".into(), kind: InputKind::Agents, value: serde_json::json!([0, 2, 14, 30]) };
        assert_eq!(roster.moved(true), Some(serde_json::json!([0, 3, 15, 33])));
        assert_eq!(roster.moved(false), Some(serde_json::json!([0, 1, 13, 27])));
    }

    #[test]
    fn paths_read_and_write_what_the_validator_names() {
        let mut value = fixture("password-reset", 1_000).to_value();
        assert_eq!(get(&value, "designs[0].personas[0].channel_mix[\"Help centre\"]"), Some(&number(0.55)));
        assert!(set(&mut value, "designs[1].channels[1].agent.resolution", number(0.5)).is_some());
        assert_eq!(get(&value, "designs[1].channels[1].agent.resolution"), Some(&number(0.5)));
        assert!(set(&mut value, "designs[1].channels[9].agent", number(1.0)).is_none());
        assert!(get(&value, "designs[1]..x").is_none());
    }

    #[test]
    fn the_tornado_ranks_inputs_by_their_paired_effect() {
        let study = fixture("password-reset", 4_000);
        let s = sensitivity(&study, 0, "resolution_rate", 2).expect("a sensitivity");
        assert_eq!(s.design, "Current");
        assert!(s.inputs.windows(2).all(|w| w[0].swing >= w[1].swing), "ranked");
        // More agent resolution on the phone resolves more journeys, and
        // the paired interval says so.
        let phone = s.inputs.iter().find(|e| e.path == "designs[0].channels[1].agent.resolution").expect("phone resolution");
        let high = phone.high_effect.expect("an effect");
        assert!(high.estimate.expect("an estimate") > 0.0);
        assert!(high.ci95.expect("an interval")[0] > 0.0, "{high:?}");
        // A cost cannot change resolution: its effect is exactly zero.
        let cost = s.inputs.iter().find(|e| e.path == "designs[0].channels[1].agent.cost_per_minute").expect("a cost");
        assert_eq!(cost.swing, 0.0);
        assert!(s.inputs[0].swing > 0.0);
        // Split over three workers, the parts merge into the same answer.
        let parts = (0..3).map(|p| sensitivity_part(&study, 0, "resolution_rate", 1, p, 3).expect("a part")).collect();
        assert_eq!(Sensitivity::merge(parts), Some(s.clone()));
        assert!(sensitivity(&study, 0, "no_such_kpi", 1).is_err());
        assert!(sensitivity(&study, 7, "resolution_rate", 1).is_err());
    }
}
