//! Every sampler against its distribution: the sample mean within its 99.9%
//! interval of the exact mean, and the share of draws below the exact
//! median and 90th percentile within the binomial 99.9% interval of 0.5 and
//! 0.9. Fixed seeds; tolerances come from the statistics.

use journey_engine::{Distribution, DistributionSpec};
use rand::{Rng, SeedableRng};
use rand_xoshiro::SplitMix64;

const Z999: f64 = 3.290_526_731_491_926;
const N: usize = 200_000;

fn check(spec: DistributionSpec, sd: f64) {
    let d = Distribution::new(spec.clone()).expect("valid");
    let mut rng = SplitMix64::seed_from_u64(2026);
    let draws: Vec<f64> = (0..N).map(|_| d.sample(rng.next_u64())).collect();
    let mean = draws.iter().sum::<f64>() / N as f64;
    let tolerance = Z999 * sd / (N as f64).sqrt();
    assert!((mean - d.mean()).abs() <= tolerance.max(1e-12), "{spec:?}: mean {mean} vs {}", d.mean());
    for p in [0.5, 0.9] {
        let q = d.quantile(p);
        let below = draws.iter().filter(|x| **x <= q).count() as f64 / N as f64;
        let tolerance = Z999 * (p * (1.0 - p) / N as f64).sqrt();
        assert!(below - p >= -tolerance, "{spec:?}: {below} of draws ≤ q{p} = {q}");
    }
    assert!(draws.iter().all(|x| x.is_finite() && *x >= 0.0), "{spec:?}: a draw out of range");
}

#[test]
fn uniform() {
    check(DistributionSpec::Uniform { min: 1.0, max: 3.0 }, 2.0 / 12f64.sqrt());
}

#[test]
fn triangular() {
    let (a, c, b) = (0.5f64, 1.5f64, 4.0f64);
    let var = (a * a + b * b + c * c - a * b - a * c - b * c) / 18.0;
    check(DistributionSpec::Triangular { min: a, mode: c, max: b }, var.sqrt());
}

#[test]
fn exponential() {
    check(DistributionSpec::Exponential { mean: 6.0 }, 6.0);
}

#[test]
fn lognormal() {
    let (median, p90) = (6.0f64, 14.0f64);
    let sigma = (p90 / median).ln() / 1.2815515655446004;
    let mean = median * (sigma * sigma / 2.0).exp();
    let sd = mean * ((sigma * sigma).exp() - 1.0).sqrt();
    check(DistributionSpec::Lognormal { median, p90 }, sd);
}

#[test]
fn gamma_above_and_below_shape_one() {
    check(DistributionSpec::Gamma { mean: 15.0, sd: 6.0 }, 6.0);
    check(DistributionSpec::Gamma { mean: 2.0, sd: 4.0 }, 4.0);
}

#[test]
fn empirical_and_fixed() {
    let values = vec![1.0, 2.0, 2.0, 7.0];
    let mean = 3.0;
    let sd = (values.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / 4.0f64).sqrt();
    check(DistributionSpec::Empirical { values }, sd);
    check(DistributionSpec::Fixed { value: 4.5 }, 0.0);
}

/// The upper side too: the share of draws strictly below the quantile must
/// not exceed p by more than the binomial tolerance (continuous kinds).
#[test]
fn quantiles_are_not_too_high_either() {
    for spec in [
        DistributionSpec::Exponential { mean: 3.0 },
        DistributionSpec::Lognormal { median: 4.0, p90: 12.0 },
        DistributionSpec::Gamma { mean: 15.0, sd: 6.0 },
        DistributionSpec::Triangular { min: 0.0, mode: 1.0, max: 5.0 },
    ] {
        let d = Distribution::new(spec.clone()).expect("valid");
        let mut rng = SplitMix64::seed_from_u64(7);
        let draws: Vec<f64> = (0..N).map(|_| d.sample(rng.next_u64())).collect();
        for p in [0.5, 0.9] {
            let q = d.quantile(p);
            let below = draws.iter().filter(|x| **x < q).count() as f64 / N as f64;
            let tolerance = Z999 * (p * (1.0 - p) / N as f64).sqrt();
            assert!((below - p).abs() <= tolerance, "{spec:?}: {below} below q{p}");
        }
    }
}
