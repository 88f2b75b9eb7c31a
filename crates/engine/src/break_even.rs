//! Break-even: the value of one input of a design at which a KPI reaches
//! a target ("the IVR containment at which cost per journey falls to
//! $0.80"), with the interval of that value.
//!
//! The search runs the design unmoved and the input at several values as
//! one study's designs (common random numbers: the same customers meet
//! every value), finds the two neighbouring values between which the KPI
//! crosses the target, and narrows that bracket the same way, a few
//! rounds (a bisection that splits in four, not two, per run). The answer
//! is read between the last bracket's ends by linear interpolation.
//!
//! Its interval comes from the paired intervals of the changes: the same
//! search on the upper and on the lower end of the 95% interval of the
//! KPI's change gives where the target is first and last within reach;
//! values between them reach the target as far as these runs can tell.
//! Only a KPI that moves one way as the input rises has one break-even;
//! for any other the answer is the first crossing found.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::report::{Estimate, Report};
use crate::sensitivity::{InputKind, get, inputs, moved_study, number, paired_change, run_variants};
use crate::study::{MAX_DESIGNS, Study};

/// Rounds of narrowing after the first grid: the bracket ends
/// `(MAX_DESIGNS - 2)^(ROUNDS + 1)` times narrower than the range.
const ROUNDS: usize = 4;

/// What the search found.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BreakEven {
    pub design: String,
    pub input: String,
    pub kpi: String,
    pub target: f64,
    /// The input's value in the study.
    pub current: f64,
    /// The KPI in the unmoved design.
    pub kpi_now: f64,
    /// The value of the input at which the KPI's estimate reaches the
    /// target.
    pub value: f64,
    /// Where the target is first and last within the 95% interval of the
    /// change (`None` where that end is not reached in the range).
    pub ci95: [Option<f64>; 2],
    /// The range searched.
    pub range: [f64; 2],
}

/// Solves for the value of input `path` (a number of design `design`: a
/// probability, a time or a cost) at which `kpi` reaches `target`.
pub fn break_even(study: &Study, design: usize, path: &str, kpi: &str, target: f64, threads: usize) -> Result<BreakEven, String> {
    let d = study.designs.get(design).ok_or_else(|| format!("the study has no design number {}", design + 1))?;
    if crate::kpi::kpi(kpi).is_none() {
        return Err(format!("unknown KPI \"{kpi}\""));
    }
    if !target.is_finite() {
        return Err("the target must be a number".to_owned());
    }
    let value = study.to_value();
    let current = get(&value, path).and_then(Value::as_f64).ok_or_else(|| format!("{path} is not a number of the study"))?;
    if !path.starts_with(&format!("designs[{design}].")) {
        return Err(format!("{path} is not an input of design {} (its paths start with designs[{design}].)", d.name));
    }
    // The range a value of this kind can take.
    let probability = inputs(study, design).iter().any(|i| i.path == path && i.kind == InputKind::Probability);
    let wide = if probability { [0.0, 1.0] } else { [0.0, (4.0 * current).max(1.0)] };
    // Other fields bound what this one can be (containment plus
    // abandonment at most 1): the range ends where the study stops being
    // valid.
    let valid = |x: f64| moved_study(study, design, &[(path, number(x))]).is_ok();
    let range = [valid_end(current, wide[0], &valid), valid_end(current, wide[1], &valid)];

    let mut search = Search { study, design, design_name: &d.name, path, kpi, threads, kpi_now: None, runs: Vec::new() };
    let value = search.crossing(range, target, Read::Estimate)?;
    // Every run gives the KPI now: the unmoved design runs first in each.
    let kpi_now = search.kpi_now.ok_or_else(|| format!("{kpi} is not defined for design {}", d.name))?;
    let value = value.ok_or_else(|| format!("{kpi} does not reach {target} for any value of {path} from {} to {}", range[0], range[1]))?;
    let ends = [search.crossing(range, target, Read::Upper)?, search.crossing(range, target, Read::Lower)?];
    let mut ci95 = ends;
    if let [Some(a), Some(b)] = ci95
        && a > b
    {
        ci95 = [Some(b), Some(a)];
    }
    Ok(BreakEven { design: d.name.clone(), input: path.to_owned(), kpi: kpi.to_owned(), target, current, kpi_now, value, ci95, range })
}

/// Which reading of the change the search follows.
#[derive(Clone, Copy)]
enum Read {
    Estimate,
    Lower,
    Upper,
}

struct Search<'a> {
    study: &'a Study,
    design: usize,
    design_name: &'a str,
    path: &'a str,
    kpi: &'a str,
    threads: usize,
    /// The KPI of the unmoved design, from the first run.
    kpi_now: Option<f64>,
    /// The paired changes at each point of every grid run so far, by
    /// bracket: the three searches start on the same grid, which runs once.
    runs: Vec<([f64; 2], Vec<Option<Estimate>>)>,
}

impl Search<'_> {
    /// Where the change's `read` takes the KPI to `target` within `range`:
    /// `None` when it does not cross.
    fn crossing(&mut self, range: [f64; 2], target: f64, read: Read) -> Result<Option<f64>, String> {
        let mut bracket = range;
        for round in 0..=ROUNDS {
            let points = grid(bracket);
            let changes = self.changes(bracket, &points)?;
            let want = target - self.kpi_now.ok_or_else(|| format!("{} is not defined for design {}", self.kpi, self.design_name))?;
            let values: Vec<Option<f64>> = changes
                .iter()
                .map(|c| {
                    let c = (*c)?;
                    match read {
                        Read::Estimate => c.estimate,
                        Read::Lower => c.ci95.map(|c| c[0]),
                        Read::Upper => c.ci95.map(|c| c[1]),
                    }
                })
                .collect();
            let crossing = (0..points.len() - 1).find(|&i| match (values[i], values[i + 1]) {
                (Some(a), Some(b)) => (a - want) * (b - want) <= 0.0,
                _ => false,
            });
            let Some(i) = crossing else { return Ok(None) };
            let (Some(a), Some(b)) = (values[i], values[i + 1]) else { return Ok(None) };
            if round == ROUNDS || a == b {
                let t = if a == b { 0.0 } else { (want - a) / (b - a) };
                return Ok(Some(points[i] + t * (points[i + 1] - points[i])));
            }
            bracket = [points[i], points[i + 1]];
        }
        Ok(None)
    }

    /// The paired change at each of `points` (the grid of `bracket`), in one
    /// run, or from the run that had them.
    fn changes(&mut self, bracket: [f64; 2], points: &[f64]) -> Result<Vec<Option<Estimate>>, String> {
        if let Some((_, changes)) = self.runs.iter().find(|(b, _)| *b == bracket) {
            return Ok(changes.clone());
        }
        let variants: Vec<Vec<(&str, Value)>> = points.iter().map(|&x| vec![(self.path, number(x))]).collect();
        let report: Report = run_variants(self.study, self.design, &variants, self.threads)?;
        if self.kpi_now.is_none() {
            self.kpi_now = report.designs.first().and_then(|r| r.kpis.get(self.kpi)).and_then(|e| e.estimate);
        }
        let changes: Vec<Option<Estimate>> = (1..=points.len()).map(|k| paired_change(&report, k, self.kpi)).collect();
        self.runs.push((bracket, changes.clone()));
        Ok(changes)
    }
}

/// The value nearest `end` from `from` (a valid value) that `valid` accepts,
/// to a millionth of the way.
fn valid_end(from: f64, end: f64, valid: &dyn Fn(f64) -> bool) -> f64 {
    if valid(end) {
        return end;
    }
    let (mut good, mut bad) = (from, end);
    for _ in 0..20 {
        let mid = (good + bad) / 2.0;
        if valid(mid) {
            good = mid;
        } else {
            bad = mid;
        }
    }
    good
}

/// Evenly spaced values from one end of `bracket` to the other, as many as
/// a study holds beside the unmoved design.
fn grid(bracket: [f64; 2]) -> Vec<f64> {
    let n = MAX_DESIGNS - 1;
    (0..n).map(|i| bracket[0] + (bracket[1] - bracket[0]) * i as f64 / (n - 1) as f64).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// One caller, one phone line with a fixed 10-minute call, always
    /// resolved: cost per journey is exactly 0.5 + 10 × cost_per_minute.
    fn one_call(resolution: f64) -> Study {
        Study::from_value(&json!({
            "schema": 1, "title": "One call", "seed": 5, "journeys": 4000,
            "designs": [{
                "name": "Current",
                "personas": [{"name": "Caller", "share": 1, "channel_mix": {"Phone": 1},
                    "patience": {"kind": "fixed", "value": 1000}, "max_contacts": 1}],
                "channels": [{"name": "Phone", "kind": "phone", "agent": {
                    "hold_minutes": {"kind": "fixed", "value": 1},
                    "handle_minutes": {"kind": "fixed", "value": 10},
                    "resolution": resolution, "cost_per_contact": 0.5, "cost_per_minute": 1.0}}]
            }]
        }))
        .expect("a valid study")
    }

    #[test]
    fn a_break_even_with_an_exact_answer_is_found_exactly() {
        let study = one_call(1.0);
        let found = break_even(&study, 0, "designs[0].channels[0].agent.cost_per_minute", "cost_per_journey", 3.5, 2).expect("an answer");
        assert!((found.kpi_now - 10.5).abs() < 1e-9, "{found:?}");
        assert!((found.value - 0.3).abs() < 1e-9, "{found:?}");
        // No luck in it: the interval is the answer itself.
        for end in found.ci95 {
            assert!((end.expect("an end") - 0.3).abs() < 1e-9, "{found:?}");
        }
        assert_eq!(found.range, [0.0, 4.0]);
    }

    #[test]
    fn a_break_even_under_luck_has_an_interval_around_the_truth() {
        // With one contact and no self-service, the resolution rate is the
        // agents' resolution: the target 0.6 is reached at 0.6.
        let study = one_call(0.8);
        let found = break_even(&study, 0, "designs[0].channels[0].agent.resolution", "resolution_rate", 0.6, 2).expect("an answer");
        let [Some(lo), Some(hi)] = found.ci95 else { panic!("an interval: {found:?}") };
        assert!(lo <= found.value && found.value <= hi, "{found:?}");
        assert!(lo < 0.6 && 0.6 < hi, "{found:?}");
        assert!(hi - lo < 0.1, "narrow: {found:?}");
    }

    #[test]
    fn the_range_ends_where_the_study_stops_being_valid() {
        let valid = |x: f64| x <= 0.96;
        let end = valid_end(0.35, 1.0, &valid);
        assert!(end <= 0.96 && end > 0.9599, "{end}");
        assert_eq!(valid_end(0.35, 0.0, &valid), 0.0);
    }

    #[test]
    fn an_unreachable_target_or_a_wrong_input_says_so() {
        let study = one_call(1.0);
        let e = break_even(&study, 0, "designs[0].channels[0].agent.cost_per_minute", "cost_per_journey", -5.0, 1).unwrap_err();
        assert!(e.contains("does not reach"), "{e}");
        let e = break_even(&study, 0, "designs[0].channels[0].name", "cost_per_journey", 3.0, 1).unwrap_err();
        assert!(e.contains("not a number"), "{e}");
        assert!(break_even(&study, 0, "designs[0].channels[0].agent.resolution", "nope", 0.5, 1).is_err());
    }
}
