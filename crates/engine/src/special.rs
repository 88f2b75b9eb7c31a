//! The special functions the engine computes itself, each bounded in time
//! and never panicking: the regularised incomplete gamma function (for the
//! gamma distribution's quantiles) and the regularised incomplete beta
//! function (for Student's t, which the simulated centre's intervals over
//! replications use).
//!
//! Numerical Recipes' forms (§6.2, §6.4): a series or a continued fraction
//! evaluated by Lentz's method, with an iteration cap far above what any
//! argument the engine passes needs.

/// The p-quantile of Gamma(shape, 1), 0 < p < 1, by bisection on
/// [`lower_regularized_gamma`]: slower than a Newton iteration, but it
/// cannot fail or loop (puruspe's Newton inverse panicked on shapes as
/// ordinary as 0.01, and a panic in the page is a blank page).
pub(crate) fn gamma_quantile(p: f64, shape: f64) -> f64 {
    // NaN compares false, so it takes this way out too.
    if p.is_nan() || shape.is_nan() || p <= 0.0 || shape <= 0.0 {
        return 0.0;
    }
    let below = |x: f64| lower_regularized_gamma(shape, x) < p;
    let (mut lo, mut hi) = (0.0, shape.max(1.0));
    for _ in 0..2000 {
        if !below(hi) || !(hi * 2.0).is_finite() {
            break;
        }
        lo = hi;
        hi *= 2.0;
    }
    for _ in 0..1100 {
        let mid = 0.5 * (lo + hi);
        if mid <= lo || mid >= hi {
            break;
        }
        if below(mid) { lo = mid } else { hi = mid }
    }
    hi
}

/// Most terms of the series or the continued fraction below: far more
/// than a shape of 10⁶ needs (about 9,000), so the bound only stops
/// inputs that would not converge.
const MAX_GAMMA_TERMS: u32 = 100_000;

/// The regularised lower incomplete gamma function P(a, x) = γ(a, x)/Γ(a)
/// for a > 0: the series below a + 1, Lentz's continued fraction for
/// 1 − P above (Numerical Recipes, §6.2). Always in [0, 1], never NaN for
/// a > 0, and bounded in time.
pub(crate) fn lower_regularized_gamma(a: f64, x: f64) -> f64 {
    if a.is_nan() || x.is_nan() || a <= 0.0 || x <= 0.0 {
        return 0.0;
    }
    if x.is_infinite() {
        return 1.0;
    }
    // ln(xᵃ e⁻ˣ / Γ(a)), the common factor of both forms.
    let log_factor = a * libm::log(x) - x - libm::lgamma(a);
    let p = if x < a + 1.0 {
        let (mut term, mut n) = (1.0 / a, a);
        let mut sum = term;
        for _ in 0..MAX_GAMMA_TERMS {
            n += 1.0;
            term *= x / n;
            sum += term;
            if term < sum * 1e-17 {
                break;
            }
        }
        libm::exp(log_factor) * sum
    } else {
        const TINY: f64 = 1e-300;
        let mut b = x + 1.0 - a;
        let mut c = 1.0 / TINY;
        let mut d = 1.0 / b;
        let mut fraction = d;
        for i in 1..MAX_GAMMA_TERMS {
            let an = -f64::from(i) * (f64::from(i) - a);
            b += 2.0;
            d = an * d + b;
            if d.abs() < TINY {
                d = TINY;
            }
            c = b + an / c;
            if c.abs() < TINY {
                c = TINY;
            }
            d = 1.0 / d;
            let step = d * c;
            fraction *= step;
            if (step - 1.0).abs() < 1e-16 {
                break;
            }
        }
        1.0 - libm::exp(log_factor) * fraction
    };
    if p.is_nan() { 0.0 } else { p.clamp(0.0, 1.0) }
}

/// Most terms of the incomplete beta function's continued fraction.
const MAX_BETA_TERMS: u32 = 10_000;

/// The regularised incomplete beta function I_x(a, b) for a, b > 0 and x
/// in [0, 1]: always in [0, 1], never NaN for such arguments.
pub(crate) fn regularized_incomplete_beta(a: f64, b: f64, x: f64) -> f64 {
    if x.is_nan() || x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let log_front = libm::lgamma(a + b) - libm::lgamma(a) - libm::lgamma(b) + a * libm::log(x) + b * libm::log(1.0 - x);
    // The continued fraction converges fast for x below (a + 1)/(a + b + 2);
    // above, the symmetry I_x(a, b) = 1 − I_(1−x)(b, a).
    let p = if x < (a + 1.0) / (a + b + 2.0) {
        libm::exp(log_front) * beta_fraction(a, b, x) / a
    } else {
        1.0 - libm::exp(log_front) * beta_fraction(b, a, 1.0 - x) / b
    };
    if p.is_nan() { 0.0 } else { p.clamp(0.0, 1.0) }
}

/// The continued fraction of the incomplete beta function (Lentz).
fn beta_fraction(a: f64, b: f64, x: f64) -> f64 {
    const TINY: f64 = 1e-300;
    let (qab, qap, qam) = (a + b, a + 1.0, a - 1.0);
    let mut c = 1.0;
    let mut d = 1.0 - qab * x / qap;
    if d.abs() < TINY {
        d = TINY;
    }
    d = 1.0 / d;
    let mut h = d;
    for m in 1..MAX_BETA_TERMS {
        let m = f64::from(m);
        let m2 = 2.0 * m;
        let aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        for (num, last) in [(aa, false), (-(a + m) * (qab + m) * x / ((a + m2) * (qap + m2)), true)] {
            d = 1.0 + num * d;
            if d.abs() < TINY {
                d = TINY;
            }
            c = 1.0 + num / c;
            if c.abs() < TINY {
                c = TINY;
            }
            d = 1.0 / d;
            let step = d * c;
            h *= step;
            if last && (step - 1.0).abs() < 1e-16 {
                return h;
            }
        }
    }
    h
}

/// The upper `p` quantile of Student's t with `df` degrees of freedom
/// (`p` = 0.975 for a two-sided 95% interval), by bisection on its
/// distribution function. Infinite `df` is the normal's.
pub fn student_t_quantile(p: f64, df: f64) -> f64 {
    if p.is_nan() || p <= 0.5 {
        return 0.0;
    }
    if df.is_nan() || df <= 0.0 {
        return f64::INFINITY;
    }
    // P(T > t) = I_(df/(df + t²))(df/2, ½) / 2.
    let above = |t: f64| 0.5 * regularized_incomplete_beta(df / 2.0, 0.5, df / (df + t * t));
    let target = 1.0 - p;
    let (mut lo, mut hi) = (0.0, 1.0);
    for _ in 0..2000 {
        if above(hi) <= target || !(hi * 2.0).is_finite() {
            break;
        }
        lo = hi;
        hi *= 2.0;
    }
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if mid <= lo || mid >= hi {
            break;
        }
        if above(mid) > target { lo = mid } else { hi = mid }
    }
    hi
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn incomplete_gamma_matches_its_closed_forms() {
        for x in [1e-6, 0.01, 0.3, 1.0, 2.5, 7.0, 30.0, 200.0] {
            let cases = [
                (1.0, 1.0 - libm::exp(-x)),
                (2.0, 1.0 - libm::exp(-x) * (1.0 + x)),
                (0.5, libm::erf(libm::sqrt(x))),
            ];
            for (a, exact) in cases {
                let p = lower_regularized_gamma(a, x);
                assert!((p - exact).abs() <= 1e-14, "P({a}, {x}) = {p}, exactly {exact}");
            }
        }
        // Large shapes: the median of Gamma(a) is close to a − 1/3.
        for a in [100.0, 1e4, 1e6] {
            let p = lower_regularized_gamma(a, a - 1.0 / 3.0);
            assert!((p - 0.5).abs() < 1e-3, "P({a}, a - 1/3) = {p}");
        }
        assert_eq!(lower_regularized_gamma(1e-6, 0.0), 0.0);
        assert_eq!(lower_regularized_gamma(3.0, f64::INFINITY), 1.0);
    }

    #[test]
    fn incomplete_beta_matches_its_closed_forms() {
        for x in [1e-9, 0.01, 0.3, 0.5, 0.77, 0.999] {
            // I_x(1, b) = 1 − (1 − x)^b; I_x(a, 1) = x^a.
            for (a, b, exact) in [(1.0, 3.0, 1.0 - libm::pow(1.0 - x, 3.0)), (2.5, 1.0, libm::pow(x, 2.5)), (0.5, 0.5, 2.0 / core::f64::consts::PI * libm::asin(libm::sqrt(x)))] {
                let p = regularized_incomplete_beta(a, b, x);
                assert!((p - exact).abs() <= 1e-13, "I_{x}({a}, {b}) = {p}, exactly {exact}");
            }
        }
    }

    #[test]
    fn student_t_quantiles_match_the_tables() {
        // Two-sided 95% and 99.9% values, from any statistics table.
        for (df, t975, t9995) in [(1.0, 12.7062047361747, 636.619249432), (2.0, 4.30265272974946, 31.5990545764), (4.0, 2.77644510519779, 8.61030158138), (19.0, 2.09302405440831, 3.88340559026), (100.0, 1.98397151852355, 3.39049131861)] {
            let t = student_t_quantile(0.975, df);
            assert!((t - t975).abs() < 1e-9 * t975, "t(0.975, {df}) = {t}, table {t975}");
            let t = student_t_quantile(0.9995, df);
            assert!((t - t9995).abs() < 1e-6 * t9995, "t(0.9995, {df}) = {t}, table {t9995}");
        }
        assert!((student_t_quantile(0.975, 1e9) - 1.959963984540054).abs() < 1e-6);
    }
}
