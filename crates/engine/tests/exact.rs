//! The engine against an independent exact calculation.
//!
//! For a study whose times are fixed or exponential, every KPI has an exact
//! value that can be found without simulation: enumerate every path a
//! journey can take (self-service outcome, queue abandoned or answered,
//! agent outcome, tier 2, retry, switch, channel) with its probability, and
//! add up the expected figures along each path. Two facts make that exact:
//! for exponential hold H and patience P, the time spent waiting, min(H, P),
//! has mean 1 / (1/h + 1/p) whichever of the two ends the wait, and
//! P(H > P) = h / (h + p); with no hold penalty the satisfaction score is a
//! function of the path alone.
//!
//! The test then requires every KPI of every design, and every paired
//! difference, to lie within its 99.9% confidence interval of the exact
//! value. The seed is fixed, so the test fails only when the code is wrong.

use journey_engine::{KPIS, Study, run};
use serde_json::json;

/// z-score of a two-sided 99.9% interval.
const Z999: f64 = 3.290_526_731_491_926;
const Z95: f64 = 1.959_963_984_540_054;

fn study(journeys: u64) -> Study {
    let persona_a = json!({
        "name": "Busy parent", "share": 0.6,
        "channel_mix": {"Phone": 0.5, "Email": 0.2, "Help centre": 0.3},
        "patience": {"kind": "exponential", "mean": 4},
        "hold_tolerance": 0, "retry_after_abandon": 0.7, "retry_after_failure": 0.8,
        "switch_on_retry": 0.3, "max_contacts": 3,
        "retry_gap_hours": {"kind": "uniform", "min": 1, "max": 5},
        "baseline_satisfaction": 100
    });
    let persona_b = json!({
        "name": "Retiree", "share": 0.4,
        "channel_mix": {"Phone": 1, "Help centre": 1},
        "patience": {"kind": "exponential", "mean": 10},
        "hold_tolerance": 0, "retry_after_abandon": 0.5, "retry_after_failure": 0.9,
        "switch_on_retry": 0.5, "max_contacts": 2,
        "retry_gap_hours": {"kind": "fixed", "value": 2},
        "baseline_satisfaction": 90
    });
    let channels = |ivr_containment: f64| {
        json!([
            {"name": "Phone", "kind": "phone",
             "self_service": {"name": "IVR", "containment": ivr_containment, "abandonment": 0.1,
                              "minutes": {"kind": "fixed", "value": 2}, "live_fallback": true, "cost": 0.5},
             "agent": {"hold_minutes": {"kind": "exponential", "mean": 3},
                       "handle_minutes": {"kind": "fixed", "value": 6},
                       "resolution": 0.6, "escalation": 0.2, "reopen": 0.1,
                       "cost_per_contact": 1, "cost_per_minute": 0.9,
                       "tier2": {"hold_minutes": {"kind": "exponential", "mean": 5},
                                 "handle_minutes": {"kind": "fixed", "value": 12},
                                 "resolution": 0.7, "cost_per_minute": 1.5}}},
            {"name": "Email", "kind": "email",
             "agent": {"hold_minutes": {"kind": "fixed", "value": 0},
                       "handle_minutes": {"kind": "fixed", "value": 8},
                       "resolution": 0.7, "escalation": 0, "reopen": 0.05,
                       "response_delay_hours": {"kind": "fixed", "value": 24},
                       "cost_per_contact": 4, "cost_per_minute": 0}},
            {"name": "Help centre", "kind": "web",
             "self_service": {"name": "Articles", "containment": 0.3, "abandonment": 0.2,
                              "minutes": {"kind": "fixed", "value": 5}, "live_fallback": false, "cost": 0.1}}
        ])
    };
    let design = |name: &str, ivr: f64, carryover: bool| {
        json!({"name": name, "context_carryover": carryover,
               "repeat_explanation_minutes": {"kind": "fixed", "value": 2},
               "personas": [persona_a, persona_b], "channels": channels(ivr)})
    };
    let value = json!({
        "schema": 1, "title": "Exact", "currency": "USD", "seed": 20261122, "journeys": journeys,
        "satisfaction": {"extra_contact": 15, "hold_minute": 0, "escalation": 5, "switch": 5,
                         "repeat_explanation": 5, "unresolved": 40, "satisfied_threshold": 70},
        "designs": [design("Current", 0.2, false), design("Improved", 0.4, true)]
    });
    Study::from_value(&value).expect("the exact-test study is valid")
}

/// Expected per-journey sums, Σ P(path) × figure, for each KPI's (a, b).
#[derive(Default, Clone)]
struct Expect {
    a: [f64; 17],
    b: [f64; 17],
}

/// One path's figures so far (continuous ones as conditional expectations).
#[derive(Clone, Default)]
struct Path {
    prob: f64,
    attempts: f64,
    ss_attempts: f64,
    ss_contained: f64,
    ss_abandoned: f64,
    queue_entries: f64,
    queue_abandoned: f64,
    escalations: f64,
    agent_contacts: f64,
    switches: f64,
    customer_minutes: f64,
    agent_minutes: f64,
    delay_hours: f64,
    cost: f64,
    penalty: f64,
    interacted: bool,
}

enum End {
    Resolved,
    Abandoned,
    Failed,
}

struct Enumerator<'s> {
    study: &'s Study,
    design: usize,
    out: Expect,
}

impl Enumerator<'_> {
    fn wait(hold_mean: f64, patience_mean: f64) -> (f64, f64) {
        // (probability of abandoning, expected minutes waited)
        if hold_mean == 0.0 {
            (0.0, 0.0)
        } else {
            (hold_mean / (hold_mean + patience_mean), 1.0 / (1.0 / hold_mean + 1.0 / patience_mean))
        }
    }

    fn mean_of(d: &journey_engine::Distribution) -> f64 {
        d.mean()
    }

    fn attempt(&mut self, persona: usize, channel: usize, attempt: u32, mut p: Path) {
        let design = &self.study.designs[self.design];
        let w = &self.study.satisfaction;
        let c = &design.channels[channel];
        p.attempts += 1.0;
        if attempt > 0 {
            p.penalty += w.extra_contact;
        }
        let mut branches: Vec<(Path, End)> = Vec::new();
        let mut to_agent = vec![p.clone()];
        if let Some(ss) = &c.self_service {
            p.ss_attempts += 1.0;
            p.customer_minutes += Self::mean_of(&ss.minutes);
            p.cost += ss.cost;
            let mut contained = p.clone();
            contained.prob *= ss.containment;
            contained.ss_contained += 1.0;
            branches.push((contained, End::Resolved));
            let mut abandoned = p.clone();
            abandoned.prob *= ss.abandonment;
            abandoned.ss_abandoned += 1.0;
            branches.push((abandoned, End::Abandoned));
            let mut rest = p.clone();
            rest.prob *= 1.0 - ss.containment - ss.abandonment;
            if ss.live_fallback && c.agent.is_some() {
                to_agent = vec![rest];
            } else {
                branches.push((rest, End::Failed));
                to_agent = vec![];
            }
        }
        if let Some(agent) = &c.agent {
            let patience = Self::mean_of(&design.personas[persona].patience);
            for mut q in to_agent {
                let (p_abandon, waited) = Self::wait(Self::mean_of(agent.hold_minutes.as_ref().expect("schema 1: a drawn hold")), patience);
                q.queue_entries += 1.0;
                q.customer_minutes += waited;
                let mut abandoned = q.clone();
                abandoned.prob *= p_abandon;
                abandoned.queue_abandoned += 1.0;
                branches.push((abandoned, End::Abandoned));
                let mut answered = q;
                answered.prob *= 1.0 - p_abandon;
                answered.agent_contacts += 1.0;
                let mut handle = Self::mean_of(&agent.handle_minutes);
                if answered.interacted && !design.context_carryover {
                    handle += Self::mean_of(&design.repeat_explanation_minutes);
                    answered.penalty += w.repeat_explanation;
                }
                answered.interacted = true;
                answered.customer_minutes += handle;
                answered.agent_minutes += handle;
                answered.cost += agent.cost_per_contact + agent.cost_per_minute * handle;
                answered.delay_hours += agent.response_delay_hours.as_ref().map_or(0.0, Self::mean_of);
                let mut resolved = answered.clone();
                resolved.prob *= agent.resolution * (1.0 - agent.reopen);
                branches.push((resolved, End::Resolved));
                let mut reopened = answered.clone();
                reopened.prob *= agent.resolution * agent.reopen;
                branches.push((reopened, End::Failed));
                let mut unresolved = answered.clone();
                unresolved.prob *= 1.0 - agent.resolution - agent.escalation;
                branches.push((unresolved, End::Failed));
                if let Some(t2) = &agent.tier2 {
                    let mut esc = answered;
                    esc.prob *= agent.escalation;
                    esc.escalations += 1.0;
                    esc.penalty += w.escalation;
                    esc.queue_entries += 1.0;
                    let (p_abandon, waited) = Self::wait(Self::mean_of(t2.hold_minutes.as_ref().expect("schema 1: a drawn hold")), patience);
                    esc.customer_minutes += waited;
                    let mut abandoned = esc.clone();
                    abandoned.prob *= p_abandon;
                    abandoned.queue_abandoned += 1.0;
                    branches.push((abandoned, End::Abandoned));
                    let mut answered = esc;
                    answered.prob *= 1.0 - p_abandon;
                    let mut handle = Self::mean_of(&t2.handle_minutes);
                    if !design.context_carryover {
                        handle += Self::mean_of(&design.repeat_explanation_minutes);
                        answered.penalty += w.repeat_explanation;
                    }
                    answered.customer_minutes += handle;
                    answered.agent_minutes += handle;
                    answered.cost += t2.cost_per_minute * handle;
                    let mut resolved = answered.clone();
                    resolved.prob *= t2.resolution * (1.0 - agent.reopen);
                    branches.push((resolved, End::Resolved));
                    let mut failed = answered;
                    failed.prob *= 1.0 - t2.resolution * (1.0 - agent.reopen);
                    branches.push((failed, End::Failed));
                }
            }
        }
        for (path, end) in branches {
            if path.prob > 0.0 {
                self.after(persona, channel, attempt, path, end);
            }
        }
    }

    fn after(&mut self, persona: usize, channel: usize, attempt: u32, p: Path, end: End) {
        let design = &self.study.designs[self.design];
        let per = &design.personas[persona];
        let retry = match end {
            End::Resolved => return self.finish(persona, p, true, attempt == 0),
            End::Abandoned => per.retry_after_abandon,
            End::Failed => per.retry_after_failure,
        };
        if attempt + 1 == per.max_contacts {
            return self.finish(persona, p, false, false);
        }
        let mut give_up = p.clone();
        give_up.prob *= 1.0 - retry;
        self.finish(persona, give_up, false, false);
        let mut again = p;
        again.prob *= retry;
        again.delay_hours += per.retry_gap_hours.mean();
        let weights: Vec<f64> = (0..design.channels.len())
            .map(|c| per.channel_mix.entries.iter().filter(|(i, _, _)| *i == c).map(|(_, _, w)| w).sum())
            .collect();
        let others: f64 = weights.iter().enumerate().filter(|(c, _)| *c != channel).map(|(_, w)| w).sum();
        let forced = design.channels[channel].agent.is_none();
        let p_switch = if forced { 1.0 } else { per.switch_on_retry };
        if others == 0.0 {
            if forced {
                let mut g = again;
                g.delay_hours -= per.retry_gap_hours.mean();
                return self.finish(persona, g, false, false);
            }
            return self.attempt(persona, channel, attempt + 1, again);
        }
        if p_switch < 1.0 {
            let mut stay = again.clone();
            stay.prob *= 1.0 - p_switch;
            self.attempt(persona, channel, attempt + 1, stay);
        }
        for (c, w) in weights.iter().enumerate() {
            if c == channel || *w == 0.0 {
                continue;
            }
            let mut moved = again.clone();
            moved.prob *= p_switch * w / others;
            moved.switches += 1.0;
            moved.penalty += self.study.satisfaction.switch;
            self.attempt(persona, c, attempt + 1, moved);
        }
    }

    fn finish(&mut self, persona: usize, mut p: Path, resolved: bool, first: bool) {
        let w = &self.study.satisfaction;
        if !resolved {
            p.penalty += w.unresolved;
        }
        let baseline = self.study.designs[self.design].personas[persona].baseline_satisfaction;
        let score = (baseline - p.penalty).clamp(0.0, 100.0);
        let elapsed = p.customer_minutes / 60.0 + p.delay_hours;
        let r = if resolved { 1.0 } else { 0.0 };
        let terms = [
            (r, 1.0),
            (if first { 1.0 } else { 0.0 }, 1.0),
            (p.ss_contained, p.ss_attempts),
            (p.ss_abandoned, p.ss_attempts),
            (p.queue_abandoned, p.queue_entries),
            (p.escalations, p.agent_contacts),
            (1.0 - r, 1.0),
            (p.attempts, 1.0),
            (p.agent_contacts, 1.0),
            (p.switches, 1.0),
            (p.customer_minutes, 1.0),
            (p.agent_minutes, 1.0),
            (elapsed * r, r),
            (p.cost, 1.0),
            (p.cost, r),
            (score, 1.0),
            (if score >= w.satisfied_threshold { 1.0 } else { 0.0 }, 1.0),
        ];
        for (k, (a, b)) in terms.iter().enumerate() {
            self.out.a[k] += p.prob * a;
            self.out.b[k] += p.prob * b;
        }
    }
}

/// The exact value of every KPI of design `d`, in KPIS order.
fn exact(study: &Study, d: usize) -> Vec<f64> {
    let design = &study.designs[d];
    let mut e = Enumerator { study, design: d, out: Expect::default() };
    let total_share: f64 = design.personas.iter().map(|p| p.share).sum();
    for (pi, persona) in design.personas.iter().enumerate() {
        let total_weight: f64 = persona.channel_mix.entries.iter().map(|(_, _, w)| w).sum();
        for (ci, _, w) in &persona.channel_mix.entries {
            let path = Path { prob: persona.share / total_share * w / total_weight, ..Default::default() };
            e.attempt(pi, *ci, 0, path);
        }
    }
    let total_prob: f64 = e.out.b[0];
    assert!((total_prob - 1.0).abs() < 1e-12, "path probabilities add up to {total_prob}");
    (0..17).map(|k| e.out.a[k] / e.out.b[k]).collect()
}

#[test]
fn every_kpi_lies_within_its_999_interval_of_the_exact_value() {
    let study = study(200_000);
    let report = run(&study);
    for (d, design) in report.designs.iter().enumerate() {
        let exact = exact(&study, d);
        for (k, info) in KPIS.iter().enumerate() {
            let est = design.kpis.get(info.key).unwrap();
            let (value, half95) = (est.estimate.unwrap(), est.half_width().unwrap());
            let tolerance = half95 / Z95 * Z999;
            assert!(
                (value - exact[k]).abs() <= tolerance,
                "{} {}: simulated {value} ± {tolerance} (99.9%), exact {}",
                design.name,
                info.key,
                exact[k]
            );
        }
    }
}

#[test]
fn every_paired_difference_lies_within_its_999_interval_of_the_exact_difference() {
    let study = study(200_000);
    let report = run(&study);
    let (current, improved) = (exact(&study, 0), exact(&study, 1));
    let comparison = &report.comparisons[0];
    let mut narrower = 0;
    for (k, info) in KPIS.iter().enumerate() {
        let diff = comparison.kpis.get(info.key).unwrap();
        let (value, half95) = (diff.estimate.unwrap(), diff.half_width().unwrap());
        let tolerance = half95 / Z95 * Z999;
        let truth = improved[k] - current[k];
        assert!(
            (value - truth).abs() <= tolerance,
            "{}: simulated difference {value} ± {tolerance} (99.9%), exact {truth}",
            info.key
        );
        if half95 < diff.unpaired_half_width().unwrap() {
            narrower += 1;
        }
    }
    // Shared random numbers make most differences sharper than independent runs would.
    assert!(narrower >= 12, "paired intervals narrower for only {narrower} of 17 KPIs");
}

#[test]
fn hold_penalty_tolerance_and_costs_follow_the_model_exactly() {
    // One customer, one fixed path: IVR fails over to an agent who resolves.
    let value = json!({
        "seed": 1, "journeys": 10,
        "satisfaction": {"extra_contact": 15, "hold_minute": 2, "escalation": 5, "switch": 5,
                         "repeat_explanation": 5, "unresolved": 40, "satisfied_threshold": 70},
        "designs": [{"name": "Only", "personas": [{"name": "P", "share": 1, "channel_mix": {"Phone": 1},
            "patience": {"kind": "fixed", "value": 30}, "hold_tolerance": 2, "max_contacts": 1,
            "baseline_satisfaction": 80}],
          "channels": [{"name": "Phone", "kind": "phone",
            "self_service": {"containment": 0, "abandonment": 0, "minutes": {"kind": "fixed", "value": 1.5}, "cost": 0.25},
            "agent": {"hold_minutes": {"kind": "fixed", "value": 5}, "handle_minutes": {"kind": "fixed", "value": 10},
                      "resolution": 1, "cost_per_contact": 2, "cost_per_minute": 0.5}}]}]
    });
    let report = run(&Study::from_value(&value).unwrap());
    let k = |key: &str| report.designs[0].kpis.get(key).unwrap().estimate.unwrap();
    assert_eq!(k("customer_minutes"), 1.5 + 5.0 + 10.0);
    assert_eq!(k("cost_per_journey"), 0.25 + 2.0 + 0.5 * 10.0);
    // 80 − 2 × (5 − 2) = 74.
    assert_eq!(k("satisfaction"), 74.0);
    assert_eq!(k("satisfied_rate"), 1.0);
    assert_eq!(k("hours_to_resolution"), 16.5 / 60.0);
    assert_eq!(k("containment"), 0.0);
}
