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

/// A gamma whose shape is beyond the normal limit's threshold (sd under a
/// thousandth of the mean) is sampled as that normal: the draws keep the
/// mean and sd, and the quantiles agree with them.
#[test]
fn gamma_with_a_huge_shape_is_sampled_as_its_normal_limit() {
    check(DistributionSpec::Gamma { mean: 12.0, sd: 0.0002 }, 0.0002);
    check(DistributionSpec::Gamma { mean: 1.0, sd: 1e-155 }, 1e-155);
}

/// Every valid distribution's quantiles and density are finite for every
/// probability and point the editor may ask about, and no draw exceeds
/// its largest: the editor's preview and the validator's bounds rely on
/// both. (Its quantile used to panic inside the incomplete gamma inverse.)
#[test]
fn quantiles_density_and_largest_draw_are_safe_at_the_edges() {
    let specs = [
        DistributionSpec::Gamma { mean: 12.0, sd: 0.0002 },
        DistributionSpec::Gamma { mean: 1e-170, sd: 1e-168 },
        DistributionSpec::Gamma { mean: 1.0, sd: 999.0 },
        DistributionSpec::Gamma { mean: 1e6, sd: 1.0 },
        DistributionSpec::Gamma { mean: 1e8, sd: 9e5 },
        DistributionSpec::Gamma { mean: 5e-324, sd: 5e-324 },
        DistributionSpec::Gamma { mean: 15.0, sd: 6.0 },
        DistributionSpec::Lognormal { median: 5e-324, p90: 5e-324 },
        DistributionSpec::Lognormal { median: 1e-300, p90: 1e-299 },
        DistributionSpec::Lognormal { median: 1.0, p90: 25.0 },
        DistributionSpec::Exponential { mean: 5e-324 },
        DistributionSpec::Exponential { mean: 2.7e7 },
        DistributionSpec::Uniform { min: 0.0, max: 1e9 },
        DistributionSpec::Triangular { min: 5e-324, mode: 5e-324, max: 5e-324 },
        DistributionSpec::Empirical { values: vec![0.0, 1e9] },
    ];
    let ps = [0.0, 5e-324, 1e-300, 1e-9, 0.001, 0.5, 0.9, 0.999, 1.0 - 1e-16, 1.0, f64::NAN];
    for spec in specs {
        let d = Distribution::new(spec.clone()).unwrap_or_else(|e| panic!("{spec:?} should be valid: {e:?}"));
        let largest = d.largest();
        assert!(largest.is_finite() && largest <= 1e9, "{spec:?}: largest {largest}");
        let mut previous = 0.0;
        for p in ps {
            let q = d.quantile(p);
            assert!(q.is_finite() && q >= 0.0 && q <= largest * (1.0 + 1e-12), "{spec:?}: quantile({p}) = {q}");
            if !p.is_nan() {
                assert!(q >= previous * (1.0 - 1e-9), "{spec:?}: quantile falls at {p}");
                previous = q;
            }
        }
        for x in [0.0, 5e-324, d.quantile(0.5), d.quantile(0.9), largest, 2.0 * largest + 1.0] {
            if let Some(y) = d.density(x) {
                assert!(y.is_finite() && y >= 0.0, "{spec:?}: density({x}) = {y}");
            }
        }
        let mut rng = SplitMix64::seed_from_u64(11);
        let extremes = [0, 1, 1 << 11, u64::MAX >> 1, u64::MAX - (1 << 11), u64::MAX - 1, u64::MAX];
        for bits in extremes.into_iter().chain((0..20_000).map(|_| rng.next_u64())) {
            let x = d.sample(bits);
            assert!(x.is_finite() && x >= 0.0 && x <= largest, "{spec:?}: sample({bits}) = {x} beyond {largest}");
        }
    }
}

/// The gamma quantile (bisection on the incomplete gamma function, which
/// cannot fail, where puruspe's Newton inverse panicked for shapes as
/// ordinary as 0.01) inverts the gamma's distribution function for every
/// shape a study may have, from 10⁻⁶ to 10⁶: checked where that function
/// has a closed form (shape 1: exponential; 2: Erlang; ½: through erf).
#[test]
fn gamma_quantile_inverts_the_distribution_function() {
    type Cdf = fn(f64) -> f64;
    let closed_forms: [(f64, Cdf); 3] = [
        (1.0, |x| 1.0 - libm::exp(-x)),
        (2.0, |x| 1.0 - libm::exp(-x) * (1.0 + x)),
        (0.5, |x| libm::erf(libm::sqrt(x))),
    ];
    for (shape, cdf) in closed_forms {
        for scale in [0.001, 1.0, 40.0] {
            let (mean, sd) = (shape * scale, libm::sqrt(shape) * scale);
            let d = Distribution::new(DistributionSpec::Gamma { mean, sd }).expect("valid");
            for p in [1e-6, 0.01, 0.1, 0.5, 0.9, 0.99, 0.999_999] {
                let q = d.quantile(p);
                assert!((cdf(q / scale) - p).abs() <= 1e-12, "shape {shape}, scale {scale}: q{p} = {q}");
            }
        }
    }
    // Shapes at both ends: the median of Gamma(a) is near a − 1/3 for large
    // a, and a tiny shape puts almost all mass at 0.
    let huge = Distribution::new(DistributionSpec::Gamma { mean: 1000.0, sd: 1.0 }).expect("valid");
    assert!((huge.quantile(0.5) - (1000.0 - 1.0 / 3000.0)).abs() < 1e-3, "{}", huge.quantile(0.5));
    let tiny = Distribution::new(DistributionSpec::Gamma { mean: 1.0, sd: 999.0 }).expect("valid");
    assert!(tiny.quantile(0.5) < 1e-100 && tiny.quantile(0.9999) > 0.0, "{} {}", tiny.quantile(0.5), tiny.quantile(0.9999));
}
