//! The maths behind the distribution editor, in plain Rust: reading a
//! distribution from the draft JSON, proposing parameters when its kind
//! changes, and drawing its density (or histogram) as SVG geometry.
//!
//! The component in `distribution_editor.rs` only wraps these.

use journey_engine::{Distribution, DistributionSpec};
use serde_json::{Value, json};

use super::number_text::format_f64;

/// The kinds a study file knows, in the order the editor offers them, with
/// the words it shows for each.
pub const KINDS: [(&str, &str); 7] = [
    ("fixed", "Fixed"),
    ("uniform", "Uniform"),
    ("triangular", "Triangular"),
    ("exponential", "Exponential"),
    ("lognormal", "Lognormal"),
    ("gamma", "Gamma"),
    ("empirical", "Observed values"),
];

/// The parameter fields of a kind, with their labels.
pub fn fields(kind: &str) -> &'static [(&'static str, &'static str)] {
    match kind {
        "fixed" => &[("value", "Value")],
        "uniform" => &[("min", "Minimum"), ("max", "Maximum")],
        "triangular" => &[("min", "Minimum"), ("mode", "Most likely"), ("max", "Maximum")],
        "exponential" => &[("mean", "Mean")],
        "lognormal" => &[("median", "Median"), ("p90", "90th percentile")],
        "gamma" => &[("mean", "Mean"), ("sd", "Standard deviation")],
        "empirical" => &[("values", "Observed values (comma-separated)")],
        _ => &[],
    }
}

/// The kind of a draft distribution (a bare number is a fixed one).
pub fn kind_of(value: &Value) -> String {
    match value {
        Value::Number(_) => "fixed".to_owned(),
        _ => value.get("kind").and_then(Value::as_str).unwrap_or("").to_owned(),
    }
}

/// The distribution a draft value describes, if its parameters are valid.
pub fn distribution_of(value: &Value) -> Option<Distribution> {
    Distribution::new(spec_of(value)?).ok()
}

/// The parameters a draft value spells, if they are all numbers.
pub fn spec_of(value: &Value) -> Option<DistributionSpec> {
    if let Some(x) = value.as_f64() {
        return Some(DistributionSpec::Fixed { value: x });
    }
    let n = |key: &str| value.get(key).and_then(Value::as_f64);
    Some(match value.get("kind")?.as_str()? {
        "fixed" => DistributionSpec::Fixed { value: n("value")? },
        "uniform" => DistributionSpec::Uniform { min: n("min")?, max: n("max")? },
        "triangular" => DistributionSpec::Triangular { min: n("min")?, mode: n("mode")?, max: n("max")? },
        "exponential" => DistributionSpec::Exponential { mean: n("mean")? },
        "lognormal" => DistributionSpec::Lognormal { median: n("median")?, p90: n("p90")? },
        "gamma" => DistributionSpec::Gamma { mean: n("mean")?, sd: n("sd")? },
        "empirical" => DistributionSpec::Empirical {
            values: value.get("values")?.as_array()?.iter().map(Value::as_f64).collect::<Option<_>>()?,
        },
        _ => return None,
    })
}

/// A number rounded for people: three significant digits, or a whole
/// number from 100 up.
pub fn nice(x: f64) -> f64 {
    if !x.is_finite() || x == 0.0 {
        return if x.is_finite() { 0.0 } else { x };
    }
    if x.abs() >= 100.0 {
        return x.round();
    }
    let digits = 2 - x.abs().log10().floor() as i32;
    let scale = 10f64.powi(digits);
    (x * scale).round() / scale
}

/// [`nice`], as text.
pub fn nice_text(x: f64) -> String {
    format_f64(nice(x))
}

/// The mean the old draft value stood for, for proposing new parameters:
/// its distribution's mean when valid, else the first usable parameter,
/// else 1.
fn old_mean(old: &Value) -> f64 {
    if let Some(d) = distribution_of(old) {
        return d.mean();
    }
    ["mean", "median", "value", "mode", "max", "min"]
        .iter()
        .find_map(|k| old.get(*k).and_then(Value::as_f64).filter(|x| x.is_finite() && *x >= 0.0))
        .unwrap_or(1.0)
}

/// A distribution of kind `kind` with sensible parameters of about the old
/// one's mean, for when the person picks another kind. Spreads are the
/// ones a contact-centre time usually has: half to one and a half times
/// the mean, a 90th percentile two and a half times the median.
pub fn propose(kind: &str, old: &Value) -> Value {
    let m = old_mean(old);
    let r = |x: f64| json!(nice(x));
    match kind {
        "fixed" => json!({"kind": "fixed", "value": r(m)}),
        "uniform" => json!({"kind": "uniform", "min": r(0.5 * m), "max": r(1.5 * m)}),
        "triangular" => json!({"kind": "triangular", "min": r(0.5 * m), "mode": r(m), "max": r(1.5 * m)}),
        "exponential" => json!({"kind": "exponential", "mean": r(m)}),
        "lognormal" => {
            let sigma = 2.5f64.ln() / journey_engine::distribution::Z90;
            let median = m / (sigma * sigma / 2.0).exp();
            json!({"kind": "lognormal", "median": r(median), "p90": r(2.5 * median)})
        }
        "gamma" => json!({"kind": "gamma", "mean": r(m), "sd": r(0.5 * m)}),
        _ => json!({"kind": "empirical", "values": [r(0.5 * m), r(m), r(1.5 * m)]}),
    }
}

/// Width and height of the picture's SVG view box.
pub const WIDTH: f64 = 300.0;
pub const HEIGHT: f64 = 80.0;

/// A distribution drawn in a `WIDTH` × `HEIGHT` view box, y downwards.
#[derive(Clone, Debug, PartialEq)]
pub struct Picture {
    /// SVG path data of the filled density, when it has one.
    pub area: Option<String>,
    /// Histogram bars `(x, y, width, height)` for fixed and observed values.
    pub bars: Vec<(f64, f64, f64, f64)>,
    /// The axis runs from `from` to `to` (in the distribution's unit).
    pub from: f64,
    pub to: f64,
    pub median: f64,
    pub p90: f64,
    /// Where the median and 90th percentile are drawn.
    pub median_x: f64,
    pub p90_x: f64,
}

/// Draws `d`: its density where it has one, else a histogram of its
/// values; the median and 90th percentile are marked.
pub fn picture(d: &Distribution) -> Picture {
    let (median, p90) = (d.quantile(0.5), d.quantile(0.9));
    let continuous = d.density(median).is_some();
    let (from, to) = axis(d);
    let x_of = |x: f64| (x - from) / (to - from) * WIDTH;
    let mut picture = Picture { area: None, bars: Vec::new(), from, to, median, p90, median_x: x_of(median), p90_x: x_of(p90) };
    if continuous {
        const STEPS: usize = 120;
        let points: Vec<(f64, f64)> = (0..=STEPS)
            .map(|i| {
                let x = from + (to - from) * i as f64 / STEPS as f64;
                (x, d.density(x).filter(|y| y.is_finite()).unwrap_or(0.0))
            })
            .collect();
        // Scale to the top, unless one spike (a gamma with shape below 1,
        // near 0) towers over the rest: then to a high percentile of the
        // heights, and the spike is clipped.
        let mut heights: Vec<f64> = points.iter().map(|p| p.1).collect();
        heights.sort_by(f64::total_cmp);
        let highest = heights[heights.len() - 1];
        let high = heights[heights.len() * 95 / 100];
        let top = if highest > 1.5 * high { high } else { highest }.max(f64::MIN_POSITIVE);
        let y_of = |y: f64| HEIGHT - (y / top).min(1.0) * HEIGHT * 0.92;
        let mut path = format!("M0 {HEIGHT}");
        for (x, y) in &points {
            path.push_str(&format!(" L{:.1} {:.1}", x_of(*x), y_of(*y)));
        }
        path.push_str(&format!(" L{WIDTH} {HEIGHT} Z"));
        picture.area = Some(path);
    } else {
        picture.bars = histogram(d, x_of);
    }
    picture
}

/// The range the picture shows: from 0 (or just below a range that starts
/// far from 0) to the top of the range, or to the 98th percentile of a
/// distribution without a top (further out, a long tail would squeeze the
/// part that matters into a corner).
fn axis(d: &Distribution) -> (f64, f64) {
    let bounded = !matches!(
        d.spec(),
        DistributionSpec::Exponential { .. } | DistributionSpec::Lognormal { .. } | DistributionSpec::Gamma { .. }
    );
    let low = d.quantile(0.0);
    let high = if bounded { d.quantile(1.0) } else { d.quantile(0.98) };
    // Also when either is NaN.
    if high.partial_cmp(&low) != Some(std::cmp::Ordering::Greater) || !high.is_finite() {
        // One value: put it in the middle.
        return (0.0, if low > 0.0 && low.is_finite() { 2.0 * low } else { 1.0 });
    }
    let from = if low > 0.5 * high { (low - 0.1 * (high - low)).max(0.0) } else { 0.0 };
    (from, high + 0.04 * (high - from))
}

/// Bars of equal width over the observed values (one bar for a fixed one).
fn histogram(d: &Distribution, x_of: impl Fn(f64) -> f64) -> Vec<(f64, f64, f64, f64)> {
    let values: Vec<f64> = match d.spec() {
        DistributionSpec::Empirical { values } => values.clone(),
        _ => vec![d.quantile(0.5)],
    };
    let (lo, hi) = (d.quantile(0.0), d.quantile(1.0));
    let bins = if hi > lo { values.len().clamp(1, 12) } else { 1 };
    let width = if hi > lo { (hi - lo) / bins as f64 } else { 0.0 };
    let mut counts = vec![0usize; bins];
    for v in &values {
        let i = if width > 0.0 { (((v - lo) / width) as usize).min(bins - 1) } else { 0 };
        counts[i] += 1;
    }
    let most = counts.iter().copied().max().unwrap_or(1).max(1) as f64;
    // A bar is at least 3% of the width, so a single value stays visible.
    let min_width = 0.03 * WIDTH;
    counts
        .iter()
        .enumerate()
        .filter(|(_, c)| **c > 0)
        .map(|(i, c)| {
            let (a, b) = (x_of(lo + width * i as f64), x_of(lo + width * (i + 1) as f64));
            let w = (b - a).max(min_width);
            let x = if b - a < min_width { ((a + b) / 2.0 - w / 2.0).clamp(0.0, WIDTH - w) } else { a };
            let h = *c as f64 / most * HEIGHT * 0.92;
            (x, HEIGHT - h, w, h)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_kind_and_bare_numbers() {
        assert_eq!(spec_of(&json!(3)), Some(DistributionSpec::Fixed { value: 3.0 }));
        assert_eq!(spec_of(&json!({"kind": "gamma", "mean": 10, "sd": 4})), Some(DistributionSpec::Gamma { mean: 10.0, sd: 4.0 }));
        assert_eq!(spec_of(&json!({"kind": "empirical", "values": [1, 2.5]})), Some(DistributionSpec::Empirical { values: vec![1.0, 2.5] }));
        assert_eq!(spec_of(&json!({"kind": "uniform", "min": "1x", "max": 3})), None);
        assert_eq!(spec_of(&json!({"kind": "weibull"})), None);
        assert_eq!(kind_of(&json!(3)), "fixed");
        assert_eq!(kind_of(&json!({"kind": "lognormal"})), "lognormal");
        assert!(distribution_of(&json!({"kind": "uniform", "min": 5, "max": 1})).is_none());
    }

    #[test]
    fn rounds_for_people() {
        assert_eq!(nice(15.4231), 15.4);
        assert_eq!(nice(0.000123456), 0.000123);
        assert_eq!(nice(1234.5), 1235.0);
        assert_eq!(nice(2.0), 2.0);
        assert_eq!(nice(0.0), 0.0);
        assert_eq!(nice_text(4.64758), "4.65");
    }

    #[test]
    fn proposals_keep_about_the_old_mean_and_are_valid() {
        let old = json!({"kind": "exponential", "mean": 6});
        for (kind, _) in KINDS {
            let new = propose(kind, &old);
            assert_eq!(kind_of(&new), kind);
            let d = distribution_of(&new).unwrap_or_else(|| panic!("{kind}: {new}"));
            assert!((d.mean() - 6.0).abs() / 6.0 < 0.02, "{kind}: mean {} from {new}", d.mean());
        }
        assert_eq!(propose("uniform", &old), json!({"kind": "uniform", "min": 3.0, "max": 9.0}));
    }

    #[test]
    fn proposals_from_invalid_or_zero_values_are_still_valid() {
        let typo = json!({"kind": "lognormal", "median": 4, "p90": "x"});
        assert_eq!(propose("fixed", &typo), json!({"kind": "fixed", "value": 4.0}));
        for (kind, _) in KINDS {
            for old in [json!({"kind": "fixed", "value": 0}), json!({"kind": "nonsense"}), json!("text")] {
                assert!(distribution_of(&propose(kind, &old)).is_some(), "{kind} from {old}");
            }
        }
    }

    #[test]
    fn pictures_mark_median_and_p90_inside_the_axis() {
        for value in [
            json!({"kind": "exponential", "mean": 3}),
            json!({"kind": "lognormal", "median": 6, "p90": 14}),
            json!({"kind": "gamma", "mean": 2, "sd": 4}),
            json!({"kind": "uniform", "min": 100, "max": 110}),
            json!({"kind": "triangular", "min": 0.5, "mode": 1.5, "max": 4}),
        ] {
            let d = distribution_of(&value).unwrap();
            let p = picture(&d);
            let area = p.area.as_deref().unwrap_or_else(|| panic!("{value} has no area"));
            assert!(area.starts_with("M0 80") && area.ends_with('Z'));
            assert!(!area.contains("NaN") && !area.contains("inf"), "{area}");
            assert!(0.0 <= p.median_x && p.median_x <= p.p90_x && p.p90_x <= WIDTH, "{value}: {p:?}");
            assert!(area.contains(&format!(" {:.1}", HEIGHT - HEIGHT * 0.92)), "{value}: the peak reaches the top: {area}");
            assert!((p.median - d.quantile(0.5)).abs() < 1e-12);
        }
        let uniform = picture(&distribution_of(&json!({"kind": "uniform", "min": 100, "max": 110})).unwrap());
        assert!(uniform.from > 50.0, "a range far from 0 is not squashed against it: {uniform:?}");
    }

    #[test]
    fn fixed_and_observed_values_are_drawn_as_bars() {
        let fixed = picture(&distribution_of(&json!({"kind": "fixed", "value": 4})).unwrap());
        assert_eq!(fixed.area, None);
        assert_eq!(fixed.bars.len(), 1);
        assert_eq!(fixed.median, 4.0);

        let zero = picture(&distribution_of(&json!({"kind": "fixed", "value": 0})).unwrap());
        assert_eq!(zero.bars.len(), 1);
        assert!(zero.bars[0].0 >= 0.0 && zero.bars[0].0 + zero.bars[0].2 <= WIDTH);

        let observed = picture(&distribution_of(&json!({"kind": "empirical", "values": [1, 1, 2, 8]})).unwrap());
        let heights: f64 = observed.bars.iter().map(|b| b.3).sum();
        assert!(observed.bars.len() >= 2 && heights > 0.0);
        assert!(observed.bars.iter().all(|&(x, y, w, h)| x >= 0.0 && x + w <= WIDTH + 1e-9 && y >= 0.0 && h > 0.0));
        assert_eq!(observed.p90, 8.0);
    }

    #[test]
    fn degenerate_continuous_distributions_are_drawn_as_one_bar() {
        for value in [json!({"kind": "exponential", "mean": 0}), json!({"kind": "uniform", "min": 2, "max": 2})] {
            let p = picture(&distribution_of(&value).unwrap());
            assert_eq!(p.area, None, "{value}");
            assert_eq!(p.bars.len(), 1, "{value}");
        }
    }
}
