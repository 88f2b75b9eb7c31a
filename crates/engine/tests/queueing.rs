//! The simulated centre against queueing theory. One live phone channel
//! without self-service, one persona, flat arrivals, exponential handle
//! times, constant agents, no retries, a week of measured days in each of
//! 20 replications: a textbook M/M/n+G queue, whose probability of
//! waiting, abandonment, mean wait and service level are known exactly
//! (Erlang C without abandonment, Erlang A with exponential patience, the
//! Baccelli–Hébuterne / Zeltyn–Mandelbaum integrals for any patience),
//! computed here from their formulas. Each must fall within the run's own
//! 99.9% interval. Then the identities: every contact ends in one state,
//! Little's law, occupancy as handled load over capacity.

use journey_engine::report::PoolReport;
use journey_engine::{Estimate, Report, Study, run_threads};
use serde_json::json;

/// λ per minute, μ per minute, agents, answer target [min].
const MU: f64 = 1.0 / 3.0;
const AGENTS: u32 = 14;
const TARGET: f64 = 20.0 / 60.0;
const REPLICATIONS: u32 = 20;

#[derive(Clone, Copy, Debug)]
enum Patience {
    Never,
    Exponential { mean: f64 },
    Lognormal { median: f64, p90: f64 },
    Fixed(f64),
}

/// Exact figures of an M/M/n+G queue.
#[derive(Debug)]
struct Exact {
    p_wait: f64,
    p_abandon: f64,
    mean_wait: f64,
    service_level: f64,
}

/// Erlang B with `n` agents and load `a`, by the recursion that never
/// overflows.
fn erlang_b(n: u32, a: f64) -> f64 {
    (1..=n).fold(1.0, |b, k| a * b / (f64::from(k) + a * b))
}

fn erlang_c(lambda: f64, mu: f64, n: u32, t: f64) -> Exact {
    let a = lambda / mu;
    let b = erlang_b(n, a);
    let c = f64::from(n) * b / (f64::from(n) - a * (1.0 - b));
    let drain = f64::from(n) * mu - lambda;
    Exact { p_wait: c, p_abandon: 0.0, mean_wait: c / drain, service_level: 1.0 - c * (-drain * t).exp() }
}

/// Ḡ(x) and H(x) = ∫₀ˣ Ḡ of a patience distribution.
fn survival(p: Patience, x: f64) -> (f64, f64) {
    let phi = |z: f64| 0.5 * libm::erfc(-z / std::f64::consts::SQRT_2);
    match p {
        Patience::Never => (1.0, x),
        Patience::Exponential { mean } => ((-x / mean).exp(), mean * (1.0 - (-x / mean).exp())),
        Patience::Fixed(d) => (if x < d { 1.0 } else { 0.0 }, x.min(d)),
        Patience::Lognormal { median, p90 } => {
            if x <= 0.0 {
                return (1.0, 0.0);
            }
            let (m, s) = (median.ln(), (p90 / median).ln() / 1.2815515655446004);
            let g = 0.5 * libm::erfc((x.ln() - m) / (s * std::f64::consts::SQRT_2));
            (g, x * g + (m + s * s / 2.0).exp() * phi((x.ln() - m - s * s) / s))
        }
    }
}

/// Composite Simpson's rule on [a, b].
fn simpson(f: impl Fn(f64) -> f64, a: f64, b: f64, steps: usize) -> f64 {
    if b <= a {
        return 0.0;
    }
    let h = (b - a) / steps as f64;
    let inner: f64 = (1..steps).map(|i| f(a + i as f64 * h) * if i % 2 == 1 { 4.0 } else { 2.0 }).sum();
    (f(a) + inner + f(b)) * h / 3.0
}

/// M/M/n+G by the level-crossing integrals: with φ(x) = λH(x) − nμx,
/// J = ∫e^φ, J₁ = ∫H e^φ, K(t) = ∫₀ᵗ Ḡ e^φ and E = 1/B(n − 1, a):
/// P(wait) = λJ/(E + λJ), P(abandon) = (1 + (λ − nμ)J)/(E + λJ), mean
/// wait = λJ₁/(E + λJ), service level = (E + λK(t))/(E + λJ).
fn mmn_g(lambda: f64, mu: f64, n: u32, t: f64, patience: Patience) -> Exact {
    if let Patience::Never = patience {
        return erlang_c(lambda, mu, n, t);
    }
    let nmu = f64::from(n) * mu;
    let phi = |x: f64| {
        let (_, h) = survival(patience, x);
        lambda * h - nmu * x
    };
    // The integrand's peak (where λḠ = nμ) and a far end past which it is
    // negligible; the pieces split where Ḡ has a kink.
    let peak = if lambda <= nmu {
        0.0
    } else {
        let (mut lo, mut hi) = (0.0, 1e4);
        for _ in 0..200 {
            let mid = 0.5 * (lo + hi);
            if lambda * survival(patience, mid).0 > nmu { lo = mid } else { hi = mid }
        }
        lo
    };
    let top = phi(peak);
    let mut end = peak.max(1.0 / nmu);
    while phi(end) - top > -60.0 {
        end *= 1.5;
    }
    let mut cuts = vec![0.0, peak, t, end];
    if let Patience::Fixed(d) = patience {
        cuts.push(d.min(end));
    }
    cuts.sort_by(f64::total_cmp);
    cuts.dedup();
    let integral = |f: &dyn Fn(f64) -> f64, upto: f64| -> f64 {
        cuts.windows(2).map(|w| simpson(f, w[0].min(upto), w[1].min(upto), 20_000)).sum()
    };
    let scaled = |x: f64| (phi(x) - top).exp();
    let j = integral(&scaled, end);
    let j1 = integral(&|x| survival(patience, x).1 * scaled(x), end);
    let k_t = integral(&|x| survival(patience, x).0 * scaled(x), t);
    let e = (-top).exp() / erlang_b(n - 1, lambda / mu);
    let denominator = e + lambda * j;
    Exact {
        p_wait: lambda * j / denominator,
        p_abandon: ((-top).exp() + (lambda - nmu) * j) / denominator,
        mean_wait: lambda * j1 / denominator,
        service_level: (e + lambda * k_t) / denominator,
    }
}

fn queue_study(lambda: f64, patience: Patience, seed: u64) -> Study {
    let patience = match patience {
        Patience::Never => json!({"kind": "fixed", "value": 1e8}),
        Patience::Exponential { mean } => json!({"kind": "exponential", "mean": mean}),
        Patience::Lognormal { median, p90 } => json!({"kind": "lognormal", "median": median, "p90": p90}),
        Patience::Fixed(d) => json!({"kind": "fixed", "value": d}),
    };
    let study = json!({
        "schema": 2, "title": "A textbook queue", "seed": seed,
        "demand": {"customers_per_day": lambda * 1440.0, "days": 7, "warmup_days": 1,
                   "replications": REPLICATIONS, "service_level_seconds": TARGET * 60.0},
        "designs": [{"name": "Current", "context_carryover": true,
            "personas": [{"name": "Caller", "share": 1, "channel_mix": {"Phone": 1}, "patience": patience, "max_contacts": 1}],
            "channels": [{"name": "Phone", "kind": "phone", "agent": {
                "handle_minutes": {"kind": "exponential", "mean": 1.0 / MU}, "resolution": 1,
                "staffing": {"agents": AGENTS}}}]}]
    });
    Study::from_value(&study).unwrap_or_else(|e| panic!("{e}"))
}

fn run(study: &Study) -> Report {
    run_threads(study, std::thread::available_parallelism().map_or(2, |n| n.get()))
}

fn pool(report: &Report) -> &PoolReport {
    &report.designs[0].capacity.as_ref().expect("a centre").pools[0]
}

fn figure<'r>(pool: &'r PoolReport, key: &str) -> &'r Estimate {
    pool.figures.get(key).unwrap_or_else(|| panic!("{key}"))
}

/// The run's 99.9% interval on the side of `exact`, from its 95% one.
fn within_999(what: &str, estimate: &Estimate, exact: f64) {
    let (Some(x), Some([lo, hi])) = (estimate.estimate, estimate.ci95) else { panic!("{what}: no interval") };
    let widen = journey_engine::student_t_quantile(0.9995, f64::from(REPLICATIONS - 1))
        / journey_engine::student_t_quantile(0.975, f64::from(REPLICATIONS - 1));
    let half = if exact > x { hi - x } else { x - lo };
    assert!((x - exact).abs() <= half * widen, "{what}: simulated {x} (95% [{lo}, {hi}]), exactly {exact}");
}

fn check_against(lambda: f64, patience: Patience, seed: u64) -> Report {
    let exact = mmn_g(lambda, MU, AGENTS, TARGET, patience);
    let report = run(&queue_study(lambda, patience, seed));
    let p = pool(&report);
    let what = format!("λ {lambda}, {patience:?}");
    within_999(&format!("{what}: P(wait)"), figure(p, "waiting_share"), exact.p_wait);
    within_999(&format!("{what}: service level"), figure(p, "service_level"), exact.service_level);
    within_999(&format!("{what}: mean wait"), figure(p, "mean_wait_minutes"), exact.mean_wait);
    if exact.p_abandon > 0.0 {
        within_999(&format!("{what}: abandonment"), figure(p, "abandonment"), exact.p_abandon);
    }
    identities(&report);
    report
}

/// Every contact ends in one state; Little's law on the queue; occupancy
/// is the handled load over the units on duty.
fn identities(report: &Report) {
    let p = pool(report);
    let value = |key: &str| figure(p, key).estimate.unwrap_or(f64::NAN);
    let (offered, answered, abandoned) = (value("offered_per_day"), value("answered_per_day"), value("abandoned_per_day"));
    assert!((offered - answered - abandoned).abs() < 1e-9 * offered, "offered {offered} = answered {answered} + abandoned {abandoned}");
    // L = λW, over the same contacts up to those that straddle the ends of
    // the measured days: within the interval of the mean in queue.
    let little = offered / 1440.0 * value("mean_wait_minutes");
    within_999("Little's law", figure(p, "mean_in_queue"), little);
    // Occupancy: answered contacts' handle time over the units on duty.
    let load = answered / 1440.0 / MU / f64::from(AGENTS);
    within_999("occupancy", figure(p, "occupancy"), load);
}

#[test]
fn the_formulas_give_the_textbook_values() {
    let c = erlang_c(10.0 / 3.0, MU, AGENTS, TARGET);
    assert!((c.p_wait - 0.174132).abs() < 5e-7 && (c.mean_wait - 0.130599).abs() < 5e-7 && (c.service_level - 0.888350).abs() < 5e-7, "{c:?}");
    let a = mmn_g(10.0 / 3.0, MU, AGENTS, TARGET, Patience::Exponential { mean: 5.0 });
    for (x, want) in [(a.p_wait, 0.145260), (a.p_abandon, 0.013984), (a.mean_wait, 0.069919), (a.service_level, 0.916792)] {
        assert!((x - want).abs() < 5e-7, "Erlang A {a:?}");
    }
    let l = mmn_g(10.0 / 3.0, MU, AGENTS, TARGET, Patience::Lognormal { median: 4.0, p90: 12.0 });
    for (x, want) in [(l.p_wait, 0.162770), (l.p_abandon, 0.005503), (l.mean_wait, 0.098017), (l.service_level, 0.900548)] {
        assert!((x - want).abs() < 5e-6, "lognormal {l:?}");
    }
    let o = mmn_g(6.0, MU, AGENTS, TARGET, Patience::Exponential { mean: 5.0 });
    assert!((o.p_abandon - 0.233176).abs() < 5e-6, "overload {o:?}");
}

#[test]
fn erlang_c_without_abandonment() {
    check_against(10.0 / 3.0, Patience::Never, 1);
}

#[test]
fn erlang_a_with_exponential_patience() {
    check_against(10.0 / 3.0, Patience::Exponential { mean: 5.0 }, 2);
}

#[test]
fn mmn_g_with_lognormal_and_fixed_patience() {
    check_against(10.0 / 3.0, Patience::Lognormal { median: 4.0, p90: 12.0 }, 3);
    check_against(10.0 / 3.0, Patience::Fixed(5.0), 4);
}

/// In a long overload, abandonment is the exact M/M/n+M figure, near the
/// fluid limit 1 − nμ/λ.
#[test]
fn an_overloaded_queue_abandons_what_it_cannot_answer() {
    let report = check_against(6.0, Patience::Exponential { mean: 5.0 }, 5);
    let abandonment = figure(pool(&report), "abandonment").estimate.unwrap_or(0.0);
    let fluid = 1.0 - f64::from(AGENTS) * MU / 6.0;
    assert!((abandonment / fluid - 1.0).abs() < 0.1, "abandonment {abandonment}, fluid limit {fluid}");
}
