//! Fixed-bin histograms of per-journey figures: hours to resolution,
//! contacts, cost and satisfaction.
//!
//! The bins are fixed before a run starts, so histograms from different
//! chunks, threads or workers add up bin by bin, and the designs of a study
//! share bins (their distributions overlay on one plot). Hours and cost span
//! orders of magnitude, so they use log-linear bins: each power of two is
//! split into 32 equal bins (at most 3.1 % wide), and a value's bin is read
//! straight from the exponent and top mantissa bits of its `f64`, with no
//! logarithm on the hot path. The median and 90th percentile of hours to
//! resolution are interpolated within these bins.

use serde::{Deserialize, Serialize};

/// How values map to bins.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "scale", rename_all = "snake_case")]
pub enum Binning {
    /// Bin 0 holds [0, 2^`low_exponent`); then every octave
    /// [2^e, 2^(e+1)) from e = `low_exponent` on is split into
    /// [`PER_OCTAVE`] equal bins, for `octaves` octaves; the last bin holds
    /// everything above.
    LogLinear { low_exponent: i32, octaves: u32 },
    /// Bin i holds [min + i·width, min + (i+1)·width); the last bin also
    /// holds its upper edge and above, the first everything below.
    Linear { min: f64, width: f64, bins: u32 },
}

/// Counts of journeys per bin. A report writes every bin; a tally sends
/// only the non-empty ones (see [`sparse`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Histogram {
    pub binning: Binning,
    pub counts: Vec<u64>,
}

/// A histogram as a tally sends it between workers and the page: its
/// non-empty bins only. Most of a replication's 900 wait bins are empty,
/// and a centre's tally holds 25 wait histograms a pool, so sending every
/// bin made a replication's answer nearly twice the size. Use as
/// `#[serde(with = "crate::histogram::sparse")]` (or `sparse::many` for a
/// `Vec<Histogram>`).
#[derive(Serialize, Deserialize)]
struct SparseHistogram {
    binning: Binning,
    /// (bin, count) of every bin with a count, in bin order.
    bins: Vec<(u32, u64)>,
}

impl From<&Histogram> for SparseHistogram {
    fn from(histogram: &Histogram) -> Self {
        let bins = histogram.counts.iter().enumerate().filter(|(_, c)| **c > 0).map(|(i, c)| (i as u32, *c)).collect();
        Self { binning: histogram.binning, bins }
    }
}

impl TryFrom<SparseHistogram> for Histogram {
    type Error = String;

    fn try_from(sparse: SparseHistogram) -> Result<Self, String> {
        // Every binning the engine uses has at most a few thousand bins.
        let bins = match sparse.binning {
            Binning::LogLinear { octaves, .. } => u64::from(octaves) * u64::from(PER_OCTAVE) + 2,
            Binning::Linear { bins, .. } => u64::from(bins),
        };
        if bins > 1 << 16 {
            return Err(format!("a histogram of {bins} bins is not one the engine makes"));
        }
        let mut histogram = Histogram::new(sparse.binning);
        for (bin, count) in sparse.bins {
            let slot = histogram.counts.get_mut(bin as usize).ok_or_else(|| format!("bin {bin} is past the histogram's end"))?;
            *slot += count;
        }
        Ok(histogram)
    }
}

/// Serde functions that write a histogram sparse (for tallies).
pub(crate) mod sparse {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::{Histogram, SparseHistogram};

    pub(crate) fn serialize<S: Serializer>(histogram: &Histogram, serializer: S) -> Result<S::Ok, S::Error> {
        SparseHistogram::from(histogram).serialize(serializer)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Histogram, D::Error> {
        Histogram::try_from(SparseHistogram::deserialize(deserializer)?).map_err(serde::de::Error::custom)
    }

    /// The same for a list of histograms.
    pub(crate) mod many {
        use serde::ser::SerializeSeq;
        use serde::{Deserialize, Deserializer, Serializer};

        use super::super::{Histogram, SparseHistogram};

        pub(crate) fn serialize<S: Serializer>(histograms: &[Histogram], serializer: S) -> Result<S::Ok, S::Error> {
            let mut seq = serializer.serialize_seq(Some(histograms.len()))?;
            for histogram in histograms {
                seq.serialize_element(&SparseHistogram::from(histogram))?;
            }
            seq.end()
        }

        pub(crate) fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Histogram>, D::Error> {
            Vec::<SparseHistogram>::deserialize(deserializer)?
                .into_iter()
                .map(|sparse| Histogram::try_from(sparse).map_err(serde::de::Error::custom))
                .collect()
        }
    }
}

/// Bins per octave of a log-linear binning (5 mantissa bits).
pub const PER_OCTAVE: u32 = 32;

/// Hours to resolution: 2⁻¹⁰ h (under 4 s) to 2³⁴ h. No journey can take
/// longer (the validator caps a journey's elapsed hours at 10¹⁰, below
/// 2³⁴), so the open-ended last bin stays empty and every quantile falls
/// inside a closed bin.
pub const HOURS: Binning = Binning::LogLinear { low_exponent: -10, octaves: 44 };
/// Cost per journey: 2⁻⁷ (under 0.01) to 2²¹ (about two million).
pub const COST: Binning = Binning::LogLinear { low_exponent: -7, octaves: 28 };
/// Waits in a pool's queue: 2⁻¹⁰ min (under 0.06 s; an answer at once is
/// 0, in the first bin) to 2¹⁸ min (182 days, beyond any run).
pub const WAIT_MINUTES: Binning = Binning::LogLinear { low_exponent: -10, octaves: 28 };
/// Contacts per journey: 1 to 10.
pub const CONTACTS: Binning = Binning::Linear { min: 1.0, width: 1.0, bins: 10 };
/// Satisfaction score: 0 to 100 in steps of 1 (100 falls in the last bin).
pub const SATISFACTION: Binning = Binning::Linear { min: 0.0, width: 1.0, bins: 100 };

impl Binning {
    /// Number of bins.
    #[inline(always)]
    pub fn len(&self) -> usize {
        match *self {
            Binning::LogLinear { octaves, .. } => (octaves * PER_OCTAVE) as usize + 2,
            Binning::Linear { bins, .. } => bins as usize,
        }
    }

    /// Always false: every binning has bins.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// The bin a value falls in.
    #[inline(always)]
    pub fn bin(&self, x: f64) -> usize {
        let last = self.len() - 1;
        match *self {
            Binning::LogLinear { low_exponent, .. } => {
                if x.is_nan() {
                    return 0;
                }
                // The sign, exponent and top five mantissa bits of a float, read
                // as one integer, count octaves and 32nds of an octave: shifted
                // so that [2^low_exponent, ...) starts at bin 1, the bin follows
                // with no logarithm and no branch. Everything below the first
                // octave (zero included) comes out at 0 or less, and negative
                // numbers, whose sign bit makes the integer negative, too.
                let octaves_and_32nds = (x.to_bits() as i64) >> (52 - 5);
                let first = i64::from(low_exponent + 1023) * i64::from(PER_OCTAVE) - 1;
                (octaves_and_32nds - first).clamp(0, last as i64) as usize
            }
            Binning::Linear { min, width, .. } => {
                // `as` truncates toward zero, which is floor for what passes the
                // test; to i32, because x86 converts floats to signed integers in
                // one instruction and to unsigned ones in several (it saturates).
                let i = (x - min) / width;
                if i >= 0.0 { (i as i32 as usize).min(last) } else { 0 }
            }
        }
    }

    /// The lower and upper edges of bin `i` (the open-ended last bin of a
    /// log scale is given one more bin's width).
    pub fn edges(&self, i: usize) -> (f64, f64) {
        match *self {
            Binning::LogLinear { low_exponent, .. } => {
                if i == 0 {
                    (0.0, libm::ldexp(1.0, low_exponent))
                } else {
                    let (octave, sub) = ((i - 1) / PER_OCTAVE as usize, (i - 1) % PER_OCTAVE as usize);
                    let base = libm::ldexp(1.0, low_exponent + octave as i32);
                    let step = base / f64::from(PER_OCTAVE);
                    (base + step * sub as f64, base + step * (sub + 1) as f64)
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

    /// Adds one journey of value `x`.
    pub fn add(&mut self, x: f64) {
        self.add_count(x, 1);
    }

    /// Adds `count` journeys of value `x`.
    pub fn add_count(&mut self, x: f64, count: u64) {
        let i = self.binning.bin(x);
        self.counts[i] += count;
    }

    /// Adds one journey of value `x` if `yes`, on the tally's hot path:
    /// without a branch on `yes` (whether a journey was resolved, say, which
    /// the processor cannot predict), and with the histogram's `binning`
    /// given as a constant, so that the bin is a shift, a subtraction and a
    /// clamp, the binning's branches and sizes folded away at compile time.
    #[inline(always)]
    pub(crate) fn add_if_binned(&mut self, binning: Binning, yes: bool, x: f64) {
        debug_assert_eq!(binning, self.binning);
        let i = binning.bin(x);
        self.counts[i] += u64::from(yes);
    }

    pub fn merge(&mut self, other: &Histogram) {
        for (a, b) in self.counts.iter_mut().zip(&other.counts) {
            *a += b;
        }
    }

    pub fn total(&self) -> u64 {
        self.counts.iter().sum()
    }

    /// The `p`-quantile of whole-number values, one per bin (contacts): the
    /// lower edge of the first bin at which the cumulative share reaches
    /// `p`, with no interpolation (a median of contacts is 1 or 2, never
    /// 1.87); `None` for an empty histogram.
    pub fn quantile_whole(&self, p: f64) -> Option<f64> {
        let total = self.total();
        if total == 0 {
            return None;
        }
        let target = p.clamp(0.0, 1.0) * total as f64;
        let mut below = 0u64;
        for (i, &count) in self.counts.iter().enumerate() {
            below += count;
            if count > 0 && below as f64 >= target {
                return Some(self.binning.edges(i).0);
            }
        }
        None
    }

    /// The `p`-quantile, interpolated linearly within its bin; `None` for an
    /// empty histogram.
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
                return Some(lo + (hi - lo) * within);
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
    fn a_sparse_histogram_reads_back_and_refuses_bins_past_its_end() {
        let mut waits = Histogram::new(WAIT_MINUTES);
        for x in [0.0, 0.5, 0.5, 3.0, 1e9] {
            waits.add(x);
        }
        let text = serde_json::to_string(&SparseHistogram::from(&waits)).expect("serialises");
        assert!(text.len() < 200, "only the non-empty bins: {text}");
        let back = Histogram::try_from(serde_json::from_str::<SparseHistogram>(&text).expect("parses")).expect("valid");
        assert_eq!(back, waits);
        let past = SparseHistogram { binning: CONTACTS, bins: vec![(10, 1)] };
        assert!(Histogram::try_from(past).is_err());
        let huge = SparseHistogram { binning: Binning::Linear { min: 0.0, width: 1.0, bins: u32::MAX }, bins: vec![] };
        assert!(Histogram::try_from(huge).is_err());
    }

    #[test]
    fn log_bins_cover_their_edges() {
        for x in [0.0, 0.0005, 0.001, 0.0123, 1.0, 1.03, 24.0, 9_999.0, 1e9, f64::NAN] {
            let i = HOURS.bin(x);
            let (lo, hi) = HOURS.edges(i);
            let last = i == HOURS.len() - 1;
            assert!(x.is_nan() && i == 0 || x >= lo && (x < hi || last), "x={x} bin={i} [{lo},{hi})");
        }
    }

    #[test]
    fn quantiles_of_a_known_sample_are_within_a_bin() {
        let mut h = Histogram::new(HOURS);
        for k in 1..=1000 {
            h.add(k as f64 / 10.0);
        }
        // Within one bin (at most 1/32 of the value) of the exact quantiles.
        let median = h.quantile(0.5).unwrap();
        assert!((median / 50.0 - 1.0).abs() < 1.0 / 32.0, "{median}");
        let p90 = h.quantile(0.9).unwrap();
        assert!((p90 / 90.0 - 1.0).abs() < 1.0 / 32.0, "{p90}");
    }

    #[test]
    fn hours_bins_reach_beyond_the_longest_journey() {
        let top = HOURS.edges(HOURS.len() - 2).1;
        assert!(top > crate::bounds::MAX_JOURNEY_FIGURE, "{top}");
        let mut h = Histogram::new(HOURS);
        h.add(20_000.0);
        let median = h.quantile(0.5).unwrap();
        assert!((median / 20_000.0 - 1.0).abs() < 1.0 / 32.0, "{median}");
    }

    #[test]
    fn whole_number_quantiles_are_whole() {
        let mut h = Histogram::new(CONTACTS);
        h.add_count(1.0, 576);
        h.add_count(2.0, 300);
        h.add_count(3.0, 124);
        assert_eq!(h.quantile_whole(0.5), Some(1.0));
        assert_eq!(h.quantile_whole(0.576), Some(1.0));
        assert_eq!(h.quantile_whole(0.6), Some(2.0));
        assert_eq!(h.quantile_whole(0.9), Some(3.0));
        assert_eq!(Histogram::new(CONTACTS).quantile_whole(0.5), None);
    }

    #[test]
    fn linear_bins_clamp_at_both_ends() {
        assert_eq!(SATISFACTION.bin(100.0), 99);
        assert_eq!(SATISFACTION.bin(-1.0), 0);
        assert_eq!(CONTACTS.bin(1.0), 0);
        assert_eq!(CONTACTS.bin(10.0), 9);
    }
}
