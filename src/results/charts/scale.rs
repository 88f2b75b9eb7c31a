//! Chart maths shared by every plot: scales from data to pixels, "nice"
//! tick values, thinning labels so they never overlap, and an estimate of
//! text width for layout.
//!
//! All of it is plain arithmetic on `f64`, tested natively; the drawing
//! code only asks these functions where things go.

/// A linear map from a data interval to a pixel interval.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Linear {
    d0: f64,
    d1: f64,
    r0: f64,
    r1: f64,
}

impl Linear {
    /// Maps `domain` onto `range` (either may run backwards: a y axis maps
    /// low values to the bottom, a larger pixel coordinate).
    pub fn new(domain: (f64, f64), range: (f64, f64)) -> Self {
        let (d0, mut d1) = domain;
        if (d1 - d0).abs() < f64::EPSILON * d0.abs().max(1.0) {
            d1 = d0 + 1.0;
        }
        Self { d0, d1, r0: range.0, r1: range.1 }
    }

    pub fn map(&self, x: f64) -> f64 {
        self.r0 + (x - self.d0) / (self.d1 - self.d0) * (self.r1 - self.r0)
    }
}

/// A logarithmic map from a positive data interval to a pixel interval.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Log {
    inner: Linear,
}

impl Log {
    /// `domain` must be positive; values at or below zero are clamped to
    /// the smallest positive `f64` before mapping.
    pub fn new(domain: (f64, f64), range: (f64, f64)) -> Self {
        Self { inner: Linear::new((safe_log(domain.0), safe_log(domain.1)), range) }
    }

    pub fn map(&self, x: f64) -> f64 {
        self.inner.map(safe_log(x))
    }
}

fn safe_log(x: f64) -> f64 {
    x.max(f64::MIN_POSITIVE).log10()
}

/// A step of 1, 2 or 5 times a power of ten that cuts `span` into about
/// `target` intervals.
pub fn nice_step(span: f64, target: usize) -> f64 {
    let span = if span.is_finite() && span > 0.0 { span } else { 1.0 };
    let raw = span / target.max(1) as f64;
    let magnitude = 10f64.powf(raw.log10().floor());
    let fraction = raw / magnitude;
    let nice = if fraction <= 1.0 {
        1.0
    } else if fraction <= 2.0 {
        2.0
    } else if fraction <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * magnitude
}

/// An axis from `lo` to `hi` widened to whole steps, with its ticks.
#[derive(Clone, Debug, PartialEq)]
pub struct NiceAxis {
    pub min: f64,
    pub max: f64,
    pub step: f64,
    pub ticks: Vec<f64>,
}

/// Widens `[lo, hi]` to multiples of a nice step and lists the ticks.
pub fn nice_axis(lo: f64, hi: f64, target: usize) -> NiceAxis {
    let (lo, hi) = if hi > lo { (lo, hi) } else { (lo, lo + 1.0) };
    let step = nice_step(hi - lo, target);
    let min = (lo / step + 1e-9).floor() * step;
    let max = (hi / step - 1e-9).ceil() * step;
    let count = ((max - min) / step).round() as usize;
    let ticks = (0..=count).map(|i| clean(min + i as f64 * step, step)).collect();
    NiceAxis { min, max, step, ticks }
}

/// Rounds away the floating-point dust of `k × step` (0.30000000000000004).
fn clean(x: f64, step: f64) -> f64 {
    let decimals = decimals_for_step(step) as i32;
    let f = 10f64.powi(decimals);
    (x * f).round() / f
}

/// Decimals a tick label needs to tell ticks `step` apart.
pub fn decimals_for_step(step: f64) -> usize {
    if !(step.is_finite() && step > 0.0) || step >= 1.0 { 0 } else { (-step.log10() - 1e-9).ceil().max(0.0) as usize }
}

/// Tick candidates of a log axis: 1, 2, 5 × each power of ten within
/// `[lo, hi]`.
pub fn log_ticks_125(lo: f64, hi: f64) -> Vec<f64> {
    let (lo, hi) = (lo.max(f64::MIN_POSITIVE), hi.max(lo));
    let first = lo.log10().floor() as i32;
    let last = hi.log10().ceil() as i32;
    let mut ticks = Vec::new();
    for e in first..=last {
        for m in [1.0, 2.0, 5.0] {
            let v = m * 10f64.powi(e);
            if v >= lo * (1.0 - 1e-9) && v <= hi * (1.0 + 1e-9) {
                ticks.push(v);
            }
        }
    }
    ticks
}

/// Tick candidates for a log axis of elapsed hours, at durations people
/// think in (1 min, 15 min, 1 h, 4 h, 1 day, 1 week …).
pub fn duration_ticks(lo_hours: f64, hi_hours: f64) -> Vec<f64> {
    const HOURS: [f64; 18] = [
        1.0 / 60.0,
        5.0 / 60.0,
        15.0 / 60.0,
        0.5,
        1.0,
        2.0,
        4.0,
        8.0,
        24.0,
        48.0,
        96.0,
        168.0,
        336.0,
        720.0,
        1440.0,
        2160.0,
        4320.0,
        8760.0,
    ];
    HOURS.into_iter().filter(|&h| h >= lo_hours * (1.0 - 1e-9) && h <= hi_hours * (1.0 + 1e-9)).collect()
}

/// Of labels centred at `positions` (pixels, increasing) with `widths`,
/// the indices to keep so that neighbours are at least `gap` pixels apart:
/// greedy from the left, which keeps the first label.
pub fn thin_labels(positions: &[f64], widths: &[f64], gap: f64) -> Vec<usize> {
    let mut kept: Vec<usize> = Vec::new();
    for i in 0..positions.len() {
        let ok = kept.last().is_none_or(|&j| {
            let right_of_previous = positions[j] + widths[j] / 2.0;
            let left_of_this = positions[i] - widths[i] / 2.0;
            left_of_this - right_of_previous >= gap
        });
        if ok {
            kept.push(i);
        }
    }
    kept
}

/// Estimated width of `text` at `size` pixels in a sans-serif font.
///
/// Layout only needs to know roughly how wide a label is (to thin ticks,
/// wrap a legend, shorten a name). Measuring real glyphs would mean a
/// canvas in the browser and a font file natively, so this uses per-class
/// advance widths of DejaVu Sans, the widest of the usual system fonts
/// (Arial and Liberation Sans run about 10% narrower): labels may get a
/// little more room than they need, never less.
pub fn text_width(text: &str, size: f64) -> f64 {
    let ems: f64 = text
        .chars()
        .map(|c| match c {
            'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' | 'I' => 0.3,
            ' ' | '\u{a0}' => 0.32,
            'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '-' => 0.41,
            'm' | 'w' | 'M' | 'W' | '%' | '—' => 0.95,
            '0'..='9' | '$' | '+' | '−' | '–' | '=' | '€' | '£' => 0.64,
            c if c.is_uppercase() => 0.72,
            _ => 0.6,
        })
        .sum();
    ems * size
}

/// `text` cut to fit `max_width` at `size`, ending in "…" when cut.
pub fn fit_text(text: &str, size: f64, max_width: f64) -> String {
    if text_width(text, size) <= max_width {
        return text.to_owned();
    }
    let mut out = String::new();
    for c in text.chars() {
        out.push(c);
        if text_width(&out, size) + text_width("…", size) > max_width {
            out.pop();
            break;
        }
    }
    format!("{}…", out.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linear_scales_map_ends_to_ends_and_can_run_backwards() {
        let y = Linear::new((0.0, 100.0), (400.0, 0.0));
        assert_eq!(y.map(0.0), 400.0);
        assert_eq!(y.map(100.0), 0.0);
        assert_eq!(y.map(25.0), 300.0);
        // A degenerate domain does not divide by zero.
        assert!(Linear::new((5.0, 5.0), (0.0, 10.0)).map(5.0).is_finite());
    }

    #[test]
    fn log_scales_give_each_decade_the_same_width() {
        let x = Log::new((0.1, 100.0), (0.0, 300.0));
        assert!((x.map(0.1) - 0.0).abs() < 1e-9);
        assert!((x.map(1.0) - 100.0).abs() < 1e-9);
        assert!((x.map(10.0) - 200.0).abs() < 1e-9);
        assert!(x.map(0.0).is_finite());
    }

    #[test]
    fn nice_steps_are_one_two_or_five_times_a_power_of_ten() {
        assert_eq!(nice_step(100.0, 5), 20.0);
        assert_eq!(nice_step(1.0, 4), 0.5);
        assert_eq!(nice_step(0.07, 5), 0.02);
        assert_eq!(nice_step(37.0, 4), 10.0);
    }

    #[test]
    fn nice_axes_cover_the_data_with_clean_ticks() {
        let axis = nice_axis(0.0, 37.2, 4);
        assert_eq!(axis.min, 0.0);
        assert_eq!(axis.max, 40.0);
        assert_eq!(axis.ticks, vec![0.0, 10.0, 20.0, 30.0, 40.0]);
        let axis = nice_axis(0.1, 0.7, 6);
        assert_eq!(axis.ticks, vec![0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]);
        assert_eq!(decimals_for_step(axis.step), 1);
        assert_eq!(decimals_for_step(0.05), 2);
        assert_eq!(decimals_for_step(20.0), 0);
    }

    #[test]
    fn log_ticks_run_one_two_five() {
        assert_eq!(log_ticks_125(0.3, 30.0), vec![0.5, 1.0, 2.0, 5.0, 10.0, 20.0]);
        let d = duration_ticks(0.2, 30.0);
        assert_eq!(d, vec![0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 24.0]);
    }

    #[test]
    fn thinning_keeps_labels_apart() {
        let positions = [0.0, 10.0, 20.0, 30.0, 40.0];
        let widths = [8.0; 5];
        assert_eq!(thin_labels(&positions, &widths, 4.0), vec![0, 2, 4]);
        assert_eq!(thin_labels(&positions, &widths, 1.0), vec![0, 1, 2, 3, 4]);
    }

    #[test]
    fn text_is_cut_to_fit_with_an_ellipsis() {
        assert!(text_width("Phone", 16.0) > text_width("Ph", 16.0));
        assert_eq!(fit_text("Phone", 16.0, 500.0), "Phone");
        let cut = fit_text("A very long channel name indeed", 16.0, 80.0);
        assert!(cut.ends_with('…'));
        assert!(text_width(&cut, 16.0) <= 80.0);
    }
}
