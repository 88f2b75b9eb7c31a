//! Fixed-bin histograms of per-journey figures: hours to resolution,
//! contacts, cost and satisfaction.
//!
//! The bins are fixed before a run starts, so histograms from different
//! chunks, threads or workers add up bin by bin, and the designs of a study
//! share bins (their distributions overlay on one plot). Hours and cost span
//! orders of magnitude, so they use logarithmic bins, 100 per decade (each
//! bin 2.3 % wide); the median and 90th percentile of hours to resolution
//! are read from them by interpolation.

use serde::{Deserialize, Serialize};

/// How values map to bins.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "scale", rename_all = "snake_case")]
pub enum Binning {
    /// Bin 0 holds [0, `low`); bin i ≥ 1 holds
    /// [low·10^((i−1)/per_decade), low·10^(i/per_decade)); the last bin
    /// holds everything from `low`·10^`decades` up.
    Log { low: f64, decades: u32, per_decade: u32 },
    /// Bin i holds [min + i·width, min + (i+1)·width); the last bin also
    /// holds its upper edge and above, the first everything below.
    Linear { min: f64, width: f64, bins: u32 },
}

/// Counts of journeys per bin.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Histogram {
    pub binning: Binning,
    pub counts: Vec<u64>,
}

/// Hours to resolution: 0.001 h (under 4 s) to 10,000 h (over a year).
pub const HOURS: Binning = Binning::Log { low: 0.001, decades: 7, per_decade: 100 };
/// Cost per journey: 0.01 to 1,000,000 in the study's currency.
pub const COST: Binning = Binning::Log { low: 0.01, decades: 8, per_decade: 100 };
/// Contacts per journey: 1 to 10.
pub const CONTACTS: Binning = Binning::Linear { min: 1.0, width: 1.0, bins: 10 };
/// Satisfaction score: 0 to 100 in steps of 1 (100 falls in the last bin).
pub const SATISFACTION: Binning = Binning::Linear { min: 0.0, width: 1.0, bins: 100 };

impl Binning {
    /// Number of bins.
    pub fn len(&self) -> usize {
        match *self {
            Binning::Log { decades, per_decade, .. } => (decades * per_decade) as usize + 2,
            Binning::Linear { bins, .. } => bins as usize,
        }
    }

    /// Always false: every binning has bins.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// The bin a value falls in.
    #[inline]
    pub fn bin(&self, x: f64) -> usize {
        let last = self.len() - 1;
        match *self {
            Binning::Log { low, per_decade, .. } => {
                if x.is_nan() || x < low {
                    0
                } else {
                    let i = libm::floor(libm::log10(x / low) * f64::from(per_decade)) as usize + 1;
                    i.min(last)
                }
            }
            Binning::Linear { min, width, .. } => {
                let i = libm::floor((x - min) / width);
                if i.is_nan() || i < 0.0 { 0 } else { (i as usize).min(last) }
            }
        }
    }

    /// The lower and upper edges of bin `i` (the open-ended last bin of a
    /// log scale is given one more bin's width).
    pub fn edges(&self, i: usize) -> (f64, f64) {
        match *self {
            Binning::Log { low, per_decade, .. } => {
                if i == 0 {
                    (0.0, low)
                } else {
                    let at = |k: usize| low * libm::pow(10.0, k as f64 / f64::from(per_decade));
                    (at(i - 1), at(i))
                }
            }
            Binning::Linear { min, width, .. } => (min + i as f64 * width, min + (i + 1) as f64 * width),
        }
    }
}

impl Histogram {
    pub fn new(binning: Binning) -> Self {
        Self { binning, counts: vec![0; binning.len()] }
    }

    #[inline]
    pub fn add(&mut self, x: f64) {
        let i = self.binning.bin(x);
        self.counts[i] += 1;
    }

    pub fn merge(&mut self, other: &Histogram) {
        for (a, b) in self.counts.iter_mut().zip(&other.counts) {
            *a += b;
        }
    }

    pub fn total(&self) -> u64 {
        self.counts.iter().sum()
    }

    /// The `p`-quantile, interpolated within its bin (geometrically on a log
    /// scale); `None` for an empty histogram.
    pub fn quantile(&self, p: f64) -> Option<f64> {
        let total = self.total();
        if total == 0 {
            return None;
        }
        let target = p.clamp(0.0, 1.0) * total as f64;
        let mut below = 0u64;
        for (i, &count) in self.counts.iter().enumerate() {
            if count > 0 && (below + count) as f64 >= target {
                let within = ((target - below as f64) / count as f64).clamp(0.0, 1.0);
                let (lo, hi) = self.binning.edges(i);
                return Some(match self.binning {
                    Binning::Log { .. } if lo > 0.0 => lo * libm::pow(hi / lo, within),
                    _ => lo + (hi - lo) * within,
                });
            }
            below += count;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_bins_cover_their_edges() {
        for x in [0.0, 0.0005, 0.001, 0.0123, 1.0, 24.0, 9_999.0, 1e9] {
            let i = HOURS.bin(x);
            let (lo, hi) = HOURS.edges(i);
            let last = i == HOURS.len() - 1;
            assert!(x >= lo * (1.0 - 1e-12) && (x < hi * (1.0 + 1e-12) || last), "x={x} bin={i} [{lo},{hi})");
        }
    }

    #[test]
    fn quantiles_of_a_known_sample_are_within_a_bin() {
        let mut h = Histogram::new(HOURS);
        for k in 1..=1000 {
            h.add(k as f64 / 10.0);
        }
        let median = h.quantile(0.5).unwrap();
        assert!((median / 50.0 - 1.0).abs() < 0.024, "{median}");
        let p90 = h.quantile(0.9).unwrap();
        assert!((p90 / 90.0 - 1.0).abs() < 0.024, "{p90}");
    }

    #[test]
    fn linear_bins_clamp_at_both_ends() {
        assert_eq!(SATISFACTION.bin(100.0), 99);
        assert_eq!(SATISFACTION.bin(-1.0), 0);
        assert_eq!(CONTACTS.bin(1.0), 0);
        assert_eq!(CONTACTS.bin(10.0), 9);
    }
}
