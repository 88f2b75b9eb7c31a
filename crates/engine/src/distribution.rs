//! Distributions of times, delays and patience, exactly as MODEL.md defines
//! them (fixed, uniform, triangular, exponential, lognormal, gamma,
//! empirical).
//!
//! A [`Distribution`] that exists is valid: the only ways to make one are
//! [`Distribution::new`], which checks the parameters, and the presets of
//! this crate, which go through it too.
//!
//! Sampling turns **one** 64-bit number from the journey's random stream
//! into one value, by the inverse of the distribution function wherever that
//! has a closed form. One number per draw keeps the designs of a study
//! aligned draw by draw (common random numbers): a variant with a longer
//! handle time gets a longer handle time for the very same customers, not a
//! reshuffled sample. Gamma has no closed-form inverse, so its one number
//! seeds a small private generator for Marsaglia–Tsang rejection sampling;
//! the alignment of every other draw is unaffected.
//!
//! All transcendental maths goes through `libm`, or through this module's
//! own logarithm for the exponential sampler (basic IEEE operations and a
//! table computed with `libm`), so the browser (wasm32) and native builds
//! produce bit-identical samples.
//!
//! **Bounds.** Every distribution that validates samples finite values in
//! `[0, MAX_DRAW]`, in bounded time: [`Distribution::largest`] is the
//! largest value any 64-bit number can give, and [`Distribution::new`]
//! refuses parameters whose largest draw is beyond [`MAX_DRAW`] (an
//! exponential with a mean of ten billion, a lognormal whose p90 is a
//! million times its median), saying what range works. A gamma whose shape
//! is beyond [`GAMMA_NORMAL_SHAPE`] (sd under a thousandth of the mean) is
//! sampled as its normal limit; one more skewed than [`GAMMA_MAX_CV`] is
//! refused. `quantile` and `density` never panic and return finite numbers
//! for every valid distribution (see `docs/model-choices.md`).

use rand::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
use serde::Serialize;

/// z-score of the 90th percentile of the standard normal distribution.
pub const Z90: f64 = 1.2815515655446004;

/// Largest value a draw may take [the field's unit: minutes or hours]:
/// the same limit as every parameter of a study. Beyond it, a journey's
/// sums could lose their exactness (see `validate.rs`).
pub const MAX_DRAW: f64 = crate::study::MAX_VALUE;

/// Shape beyond which a gamma is sampled as its normal limit (mean, sd):
/// its skewness, 2/√shape, is then under 0.002, and Marsaglia–Tsang's
/// arithmetic in `f64` would lose the sd against the mean.
pub const GAMMA_NORMAL_SHAPE: f64 = 1e6;

/// Largest sd/mean a gamma may have. Beyond it (shape under 10⁻⁶) almost
/// every draw is 0 and the mean rests on draws too rare to simulate; an
/// empirical or lognormal distribution says such a spread better.
pub const GAMMA_MAX_CV: f64 = 1000.0;

/// The parameters of a distribution as a study file spells them.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum DistributionSpec {
    /// Always `value`.
    Fixed { value: f64 },
    /// Equally likely anywhere in `[min, max]`.
    Uniform { min: f64, max: f64 },
    /// Rises linearly from `min` to `mode`, falls to `max`.
    Triangular { min: f64, mode: f64, max: f64 },
    /// Memoryless waits with the given mean.
    Exponential { mean: f64 },
    /// Right-skewed, given by its median and 90th percentile.
    Lognormal { median: f64, p90: f64 },
    /// Given by mean and standard deviation.
    Gamma { mean: f64, sd: f64 },
    /// Resamples observed values uniformly.
    Empirical { values: Vec<f64> },
}

/// A problem with a distribution's parameters: which field, and what is wrong.
#[derive(Clone, Debug, PartialEq)]
pub struct DistributionError {
    /// The field at fault (`min`, `p90`, `values[3]`, ...).
    pub field: String,
    /// What is wrong, in words for the person who typed it.
    pub message: String,
}

/// A validated distribution, ready to sample.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(into = "DistributionSpec")]
pub struct Distribution {
    spec: DistributionSpec,
    sampler: Sampler,
}

impl Distribution {
    /// Checks the parameters (finite, ≥ 0, ordered) and precomputes what
    /// sampling needs. Reports every problem, not only the first.
    pub fn new(spec: DistributionSpec) -> Result<Self, Vec<DistributionError>> {
        let problems = check(&spec);
        if !problems.is_empty() {
            return Err(problems);
        }
        let sampler = sampler_of(&spec);
        let problems = check_bounds(&spec, &sampler);
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Self { spec, sampler })
    }

    /// Always `value`.
    pub fn fixed(value: f64) -> Result<Self, Vec<DistributionError>> {
        Self::new(DistributionSpec::Fixed { value })
    }


    /// The parameters, as the study file spells them.
    pub fn spec(&self) -> &DistributionSpec {
        &self.spec
    }

    /// One value from one 64-bit random number (see the module docs).
    ///
    /// Inlined at every call site on purpose: each site then has its own
    /// branch on the kind of distribution, which the processor predicts
    /// almost perfectly (a site's distribution never changes during a run),
    /// where one shared branch for every site is mispredicted often.
    #[inline(always)]
    pub fn sample(&self, bits: u64) -> f64 {
        match &self.sampler {
            Sampler::Fixed(v) => *v,
            Sampler::Uniform { min, width } => min + width * unit_closed_open(bits),
            Sampler::Triangular { min, mode, max, split } => {
                let u = unit_closed_open(bits);
                if u < *split {
                    min + libm::sqrt(u * (max - min) * (mode - min))
                } else {
                    max - libm::sqrt((1.0 - u) * (max - min) * (max - mode))
                }
            }
            Sampler::Exponential(mean) => (-mean * ln_unit(1.0 - unit_closed_open(bits))).max(0.0),
            // e^(σz) as 2^(σ·log₂e·z): libm's exp2 is table-driven and about
            // twice as fast as its exp.
            Sampler::Lognormal { median, sigma_log2, .. } => {
                median * libm::exp2(sigma_log2 * normal_quantile_open(unit_open(bits)))
            }
            Sampler::Gamma { shape, scale } => scale * gamma_marsaglia_tsang(*shape, bits),
            Sampler::Normal { mean, sd } => (mean + sd * normal_quantile_open(unit_open(bits))).max(0.0),
            Sampler::Empirical(values) => resample(values, bits),
        }
    }

    /// The largest value [`sample`](Self::sample) can give, over every
    /// 64-bit number: finite for every distribution that exists, and at
    /// most [`MAX_DRAW`].
    pub fn largest(&self) -> f64 {
        largest_draw(&self.sampler)
    }

    /// The mean of the distribution.
    pub fn mean(&self) -> f64 {
        match &self.spec {
            DistributionSpec::Fixed { value } => *value,
            DistributionSpec::Uniform { min, max } => (min + max) / 2.0,
            DistributionSpec::Triangular { min, mode, max } => (min + mode + max) / 3.0,
            DistributionSpec::Exponential { mean } | DistributionSpec::Gamma { mean, .. } => *mean,
            DistributionSpec::Lognormal { median, .. } => match self.sampler {
                Sampler::Lognormal { sigma, .. } => median * libm::exp(sigma * sigma / 2.0),
                _ => *median,
            },
            DistributionSpec::Empirical { values } => values.iter().sum::<f64>() / values.len() as f64,
        }
    }

    /// The `p`-quantile (0 < p < 1): the value below which a share `p` of
    /// draws fall. Used for the editor's median and 90th percentile, and by
    /// tests of the samplers. Never panics: `p` is clamped to [0, 1], and
    /// the quantile at 1 of an unbounded distribution is its largest draw
    /// (see [`Self::largest`]), so the result is always finite.
    pub fn quantile(&self, p: f64) -> f64 {
        let p = if p.is_nan() { 0.5 } else { p.clamp(0.0, 1.0) };
        if p >= 1.0 {
            return self.largest();
        }
        match &self.sampler {
            Sampler::Fixed(v) => *v,
            Sampler::Uniform { min, width } => min + width * p,
            Sampler::Triangular { min, mode, max, split } => {
                if p < *split {
                    min + libm::sqrt(p * (max - min) * (mode - min))
                } else {
                    max - libm::sqrt((1.0 - p) * (max - min) * (max - mode))
                }
            }
            Sampler::Exponential(mean) => -mean * libm::log(1.0 - p),
            // Without spread every quantile is the median (σ·z would be 0·∞).
            Sampler::Lognormal { median, sigma_log2, .. } if *sigma_log2 == 0.0 => *median,
            Sampler::Lognormal { median, sigma_log2, .. } => median * libm::exp2(sigma_log2 * standard_normal_quantile(p)),
            Sampler::Gamma { shape, scale } => scale * crate::special::gamma_quantile(p, *shape),
            Sampler::Normal { mean, sd } => (mean + sd * standard_normal_quantile(p)).max(0.0),
            Sampler::Empirical(values) => {
                let mut sorted = values.clone();
                sorted.sort_by(f64::total_cmp);
                // The inverse of the empirical distribution function.
                let rank = libm::ceil(p * sorted.len() as f64) as usize;
                sorted[rank.clamp(1, sorted.len()) - 1]
            }
        }
    }

    /// The probability density at `x`, for pictures of continuous
    /// distributions; `None` for fixed and empirical ones, which have point
    /// masses instead.
    pub fn density(&self, x: f64) -> Option<f64> {
        let d = match &self.sampler {
            Sampler::Fixed(_) | Sampler::Empirical(_) => return None,
            Sampler::Uniform { min, width } => {
                if *width == 0.0 {
                    return None;
                }
                if x >= *min && x <= min + width { 1.0 / width } else { 0.0 }
            }
            Sampler::Triangular { min, mode, max, .. } => {
                if max == min {
                    return None;
                }
                if x < *min || x > *max {
                    0.0
                } else if x < *mode {
                    2.0 * (x - min) / ((max - min) * (mode - min))
                } else if x > *mode {
                    2.0 * (max - x) / ((max - min) * (max - mode))
                } else {
                    2.0 / (max - min)
                }
            }
            Sampler::Exponential(mean) => {
                if *mean == 0.0 {
                    return None;
                }
                if x < 0.0 { 0.0 } else { libm::exp(-x / mean) / mean }
            }
            Sampler::Lognormal { median, sigma, .. } => {
                if *sigma == 0.0 || *median == 0.0 {
                    return None;
                }
                if x <= 0.0 {
                    0.0
                } else {
                    let z = (libm::log(x) - libm::log(*median)) / sigma;
                    libm::exp(-0.5 * z * z) / (x * sigma * libm::sqrt(2.0 * core::f64::consts::PI))
                }
            }
            Sampler::Gamma { shape, scale } => {
                if x <= 0.0 {
                    0.0
                } else {
                    libm::exp((shape - 1.0) * libm::log(x / scale) - x / scale - libm::lgamma(*shape)) / scale
                }
            }
            Sampler::Normal { mean, sd } => {
                let z = (x - mean) / sd;
                libm::exp(-0.5 * z * z) / (sd * libm::sqrt(2.0 * core::f64::consts::PI))
            }
        };
        // A density can be infinite where a gamma of shape below 1 starts;
        // pictures want a number.
        Some(if d.is_finite() { d } else { f64::MAX })
    }
}

impl From<Distribution> for DistributionSpec {
    fn from(d: Distribution) -> Self {
        d.spec
    }
}

/// What sampling needs, derived once from the parameters.
#[derive(Clone, Debug, PartialEq)]
enum Sampler {
    Fixed(f64),
    Uniform { min: f64, width: f64 },
    Triangular { min: f64, mode: f64, max: f64, split: f64 },
    Exponential(f64),
    /// `sigma_log2` is σ·log₂e, for sampling through exp2.
    Lognormal { median: f64, sigma: f64, sigma_log2: f64 },
    Gamma { shape: f64, scale: f64 },
    /// A gamma of shape beyond [`GAMMA_NORMAL_SHAPE`], as its normal limit.
    Normal { mean: f64, sd: f64 },
    Empirical(Vec<f64>),
}

/// What sampling needs, derived from parameters that passed [`check`].
fn sampler_of(spec: &DistributionSpec) -> Sampler {
    match spec {
        DistributionSpec::Fixed { value } => Sampler::Fixed(*value),
        DistributionSpec::Uniform { min, max } => Sampler::Uniform { min: *min, width: max - min },
        DistributionSpec::Triangular { min, mode, max } => Sampler::Triangular {
            min: *min,
            mode: *mode,
            max: *max,
            split: if max > min { (mode - min) / (max - min) } else { 0.0 },
        },
        DistributionSpec::Exponential { mean } => Sampler::Exponential(*mean),
        DistributionSpec::Lognormal { median, p90 } => {
            let sigma = if *median > 0.0 { libm::log(p90 / median) / Z90 } else { 0.0 };
            Sampler::Lognormal { median: *median, sigma, sigma_log2: sigma * core::f64::consts::LOG2_E }
        }
        DistributionSpec::Gamma { mean, sd } if *sd == 0.0 || *mean == 0.0 => Sampler::Fixed(*mean),
        DistributionSpec::Gamma { mean, sd } => gamma_sampler(*mean, *sd),
        DistributionSpec::Empirical { values } => Sampler::Empirical(values.clone()),
    }
}

/// The sampler of a gamma with mean and sd above 0.
fn gamma_sampler(mean: f64, sd: f64) -> Sampler {
    let ratio = mean / sd;
    let shape = ratio * ratio;
    if shape > GAMMA_NORMAL_SHAPE { Sampler::Normal { mean, sd } } else { Sampler::Gamma { shape, scale: sd * sd / mean } }
}

/// The standard normal quantile of the largest uniform the samplers draw
/// (about 8.21): no draw of a normal-based sampler goes further out.
fn z_max() -> f64 {
    normal_quantile_open(unit_open(u64::MAX))
}

/// See [`Distribution::largest`]. The inverse-CDF samplers grow with their
/// 64-bit number, so their largest draw is the draw of the largest number;
/// Marsaglia–Tsang returns d·v·boost with v = (1 + c·x)³, x a normal
/// quantile (at most [`z_max`]) and boost at most 1.
fn largest_draw(sampler: &Sampler) -> f64 {
    match sampler {
        Sampler::Fixed(v) => *v,
        Sampler::Uniform { min, width } => min + width,
        Sampler::Triangular { max, .. } => *max,
        Sampler::Gamma { shape, scale } => {
            let alpha = if *shape < 1.0 { shape + 1.0 } else { *shape };
            let d = alpha - 1.0 / 3.0;
            let c = 1.0 / libm::sqrt(9.0 * d);
            let v = 1.0 + c * z_max();
            scale * d * v * v * v
        }
        Sampler::Empirical(values) => values.iter().copied().fold(0.0, f64::max),
        Sampler::Exponential(_) | Sampler::Lognormal { .. } | Sampler::Normal { .. } => {
            let spec_free = Distribution { spec: DistributionSpec::Fixed { value: 0.0 }, sampler: sampler.clone() };
            spec_free.sample(u64::MAX)
        }
    }
}

fn check(spec: &DistributionSpec) -> Vec<DistributionError> {
    let mut problems = Vec::new();
    // Records a problem unless `value` is finite and ≥ 0; says whether it is.
    let need = |field: &str, value: f64, problems: &mut Vec<DistributionError>| {
        if !value.is_finite() {
            problems.push(DistributionError::new(field, format!("{value} is not a finite number")));
            false
        } else if value < 0.0 {
            problems.push(DistributionError::new(field, format!("{value} is negative; it must be 0 or more")));
            false
        } else if value > crate::study::MAX_VALUE {
            problems.push(DistributionError::new(field, format!("{value} is too large (at most 1,000,000,000)")));
            false
        } else {
            true
        }
    };
    match spec {
        DistributionSpec::Fixed { value } => {
            need("value", *value, &mut problems);
        }
        DistributionSpec::Uniform { min, max } => {
            if need("min", *min, &mut problems) & need("max", *max, &mut problems) && max < min {
                problems.push(DistributionError::new("max", format!("{max} is below min ({min})")));
            }
        }
        DistributionSpec::Triangular { min, mode, max } => {
            if need("min", *min, &mut problems) & need("mode", *mode, &mut problems) & need("max", *max, &mut problems) {
                if mode < min {
                    problems.push(DistributionError::new("mode", format!("{mode} is below min ({min})")));
                }
                if max < mode {
                    problems.push(DistributionError::new("max", format!("{max} is below mode ({mode})")));
                }
            }
        }
        DistributionSpec::Exponential { mean } => {
            need("mean", *mean, &mut problems);
        }
        DistributionSpec::Lognormal { median, p90 } => {
            if need("median", *median, &mut problems) & need("p90", *p90, &mut problems) {
                if p90 < median {
                    problems.push(DistributionError::new(
                        "p90",
                        format!("{p90} is below the median ({median}); the 90th percentile must be at least the median"),
                    ));
                } else if *median == 0.0 && *p90 > 0.0 {
                    problems.push(DistributionError::new(
                        "median",
                        "must be above 0 when p90 is above 0 (a lognormal is spread around a positive median)",
                    ));
                }
            }
        }
        DistributionSpec::Gamma { mean, sd } => {
            if need("mean", *mean, &mut problems) & need("sd", *sd, &mut problems) && *mean == 0.0 && *sd > 0.0 {
                problems.push(DistributionError::new("mean", "must be above 0 when sd is above 0"));
            }
        }
        DistributionSpec::Empirical { values } => {
            if values.is_empty() {
                problems.push(DistributionError::new("values", "needs at least one observed value"));
            }
            for (i, v) in values.iter().enumerate() {
                need(&format!("values[{i}]"), *v, &mut problems);
            }
        }
    }
    problems
}

/// The problems of parameters that are each in range but together give
/// draws beyond [`MAX_DRAW`], or a gamma too skewed to simulate, with the
/// range that works.
fn check_bounds(spec: &DistributionSpec, sampler: &Sampler) -> Vec<DistributionError> {
    let largest = largest_draw(sampler);
    let too_far = |what: String, field: &str, at_most: String| {
        vec![DistributionError::new(
            field,
            format!(
                "{what}: its longest draws would reach {}, beyond the limit of 1,000,000,000 for any time; {at_most}",
                readable(largest)
            ),
        )]
    };
    match spec {
        DistributionSpec::Gamma { mean, sd } if *mean > 0.0 && *sd > GAMMA_MAX_CV * mean => vec![DistributionError::new(
            "sd",
            format!(
                "{} is more than 1,000 times the mean ({}), and the sd can be at most 1,000 times the mean: such a gamma \
                 is almost always 0 with rare, huge draws; describe so wide a spread with a lognormal or observed values",
                readable(*sd),
                readable(*mean)
            ),
        )],
        _ if largest.is_finite() && largest <= MAX_DRAW => Vec::new(),
        DistributionSpec::Exponential { mean } => too_far(
            format!("a mean of {} is too long", readable(*mean)),
            "mean",
            format!("the mean can be at most {}", readable(MAX_DRAW / largest_exponential_multiple())),
        ),
        DistributionSpec::Lognormal { median, p90 } => {
            // The widest spread this median allows: median · e^(σ·z_max) = MAX_DRAW.
            let sigma = libm::log(MAX_DRAW / median) / z_max();
            too_far(
                format!("a p90 of {} with a median of {} is too wide a spread", readable(*p90), readable(*median)),
                "p90",
                format!("with this median the p90 can be at most {}", readable(median * libm::exp(sigma * Z90))),
            )
        }
        DistributionSpec::Gamma { mean, sd } => {
            let (mut ok, mut bad) = (0.0, *sd);
            for _ in 0..100 {
                let mid = 0.5 * (ok + bad);
                if largest_draw(&gamma_sampler(*mean, mid)) <= MAX_DRAW { ok = mid } else { bad = mid }
            }
            too_far(
                format!("an sd of {} with a mean of {} is too wide a spread", readable(*sd), readable(*mean)),
                "sd",
                format!("with this mean the sd can be at most {}", readable(ok)),
            )
        }
        // Fixed, uniform, triangular and observed values never draw beyond
        // their parameters, which `check` keeps within MAX_DRAW.
        _ => Vec::new(),
    }
}

/// The longest exponential draw as a multiple of its mean (about 36.7).
fn largest_exponential_multiple() -> f64 {
    largest_draw(&Sampler::Exponential(1.0))
}

/// A number for a message: whole numbers with thousands separators, small
/// ones with four significant digits, extreme ones in scientific notation
/// (`2.8e15`).
pub(crate) fn readable(x: f64) -> String {
    if !x.is_finite() {
        return if x.is_nan() { "not a number".to_owned() } else { "infinity".to_owned() };
    }
    let magnitude = x.abs();
    if magnitude == 0.0 {
        return "0".to_owned();
    }
    if !(1e-4..1e12).contains(&magnitude) {
        let text = format!("{x:.2e}");
        let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
        let mantissa = mantissa.trim_end_matches('0').trim_end_matches('.');
        return format!("{mantissa}e{exponent}");
    }
    if magnitude >= 1000.0 {
        let digits = format!("{:.0}", magnitude);
        let mut grouped = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(c);
        }
        return if x < 0.0 { format!("-{grouped}") } else { grouped };
    }
    let decimals = (3 - libm::floor(libm::log10(magnitude)) as i32).clamp(0, 8) as usize;
    let text = format!("{x:.decimals$}");
    if text.contains('.') { text.trim_end_matches('0').trim_end_matches('.').to_owned() } else { text }
}

impl DistributionError {
    fn new(field: &str, message: impl Into<String>) -> Self {
        Self { field: field.to_owned(), message: message.into() }
    }
}

/// A uniform number in [0, 1) from the top 53 bits.
#[inline]
pub(crate) fn unit_closed_open(bits: u64) -> f64 {
    (bits >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// An exponential draw of mean 1 from one 64-bit number: −ln(1 − u), as the
/// exponential sampler draws it.
#[inline]
pub(crate) fn standard_exponential(bits: u64) -> f64 {
    (-ln_unit(1.0 - unit_closed_open(bits))).max(0.0)
}

/// A uniform number in (0, 1), for transforms that are infinite at 0 or 1.
///
/// For the very largest `bits`, k + ½ with k = 2⁵³ − 1 rounds up to 2⁵³ and
/// the number would be exactly 1; it is held at the float just below 1
/// (every other input is unchanged).
#[inline]
fn unit_open(bits: u64) -> f64 {
    (((bits >> 11) as f64 + 0.5) * (1.0 / (1u64 << 53) as f64)).min(1.0 - f64::EPSILON / 2.0)
}

/// ln(x) for a positive normal number x ≤ 1 (1 − u for a uniform u, say), in
/// about a third of the time of `libm::log`: the exponential distribution's
/// sampler spends most of its time here.
///
/// x = 2ᵏ·m with m in [1, 2); m is brought next to 1 by the reciprocal of
/// the centre c of its 1/128-wide slice of [1, 2), from a table, so that
/// ln(x) = k·ln 2 − ln(1/c) + ln(1 + r) with r = m/c − 1 within ±1/256,
/// where six terms of the series for ln(1 + r) leave an error below 10⁻¹⁷.
/// Within 4 units in the last place of libm's (of ln x, or of 1 near x = 1).
/// No division, no branch; only +, −, × and bit operations, so wasm32
/// and native give the same bits.
#[inline]
fn ln_unit(x: f64) -> f64 {
    let bits = x.to_bits();
    let k = ((bits >> 52) as i64 - 1023) as f64;
    let m = f64::from_bits((bits & 0x000f_ffff_ffff_ffff) | 0x3ff0_0000_0000_0000);
    let (inv_c, ln_c) = LN_SLICES[((bits >> 45) & 127) as usize];
    let r = m * inv_c - 1.0;
    let series = r - r * r * (0.5 - r * (1.0 / 3.0 - r * (0.25 - r * (0.2 - r * (1.0 / 6.0)))));
    k * core::f64::consts::LN_2 + ln_c + series
}

/// Per 1/128-wide slice of [1, 2): 1/c for its centre c, and ln c, built at
/// compile time (a table behind a lazy lock cost a check on every draw).
const LN_SLICES: [(f64, f64); 128] = {
    let mut slices = [(0.0, 0.0); 128];
    let mut i = 0;
    while i < 128 {
        slices[i] = (1.0 / (1.0 + (i as f64 + 0.5) / 128.0), f64::from_bits(LN_CENTRES[i]));
        i += 1;
    }
    slices
};

/// ln c of each slice's centre c, as the bits of `-libm::log(1 / c)`
/// (checked by a test), so that every target reads the same numbers.
const LN_CENTRES: [u64; 128] = [
    0x3f6ff00aa2b10ba0, 0x3f87dc475f810a69, 0x3f93cea44346a584, 0x3f9b9fc027af919a,
    0x3fa1b0d98923d97f, 0x3fa58a5bafc8e4d3, 0x3fa95c830ec8e3f2, 0x3fad276b8adb0b56,
    0x3fb075983598e471, 0x3fb253f62f0a1417, 0x3fb42edcbea646ee, 0x3fb60658a93750c4,
    0x3fb7da766d7b12d0, 0x3fb9ab42462033ae, 0x3fbb78c82bb0eda0, 0x3fbd4313d66cb35d,
    0x3fbf0a30c01162a4, 0x3fc0671512ca596f, 0x3fc14785846742ac, 0x3fc2266f190a5acd,
    0x3fc303d718e47fd5, 0x3fc3dfc2b0ecc62a, 0x3fc4ba36f39a55e4, 0x3fc59338d9982085,
    0x3fc66acd4272ad51, 0x3fc740f8f54037a3, 0x3fc815c0a14357e9, 0x3fc8e928de886d41,
    0x3fc9bb362e7dfb85, 0x3fca8becfc882f19, 0x3fcb5b519e8fb5a6, 0x3fcc2968558c18c2,
    0x3fccf6354e09c5dd, 0x3fcdc1bca0abec7b, 0x3fce8c0252aa5a60, 0x3fcf550a564b7b37,
    0x3fd00e6c45ad501d, 0x3fd071b85fcd590d, 0x3fd0d46b579ab74b, 0x3fd136870293a8b0,
    0x3fd1980d2dd4236f, 0x3fd1f8ff9e48a2f3, 0x3fd2596010df763a, 0x3fd2b9303ab89d25,
    0x3fd31871c9544185, 0x3fd3772662bfd85c, 0x3fd3d54fa5c1f710, 0x3fd432ef2a04e813,
    0x3fd49006804009d0, 0x3fd4ec9732600269, 0x3fd548a2c3add263, 0x3fd5a42ab0f4cfe2,
    0x3fd5ff3070a793d4, 0x3fd659b57303e1f2, 0x3fd6b3bb2235943e, 0x3fd70d42e2789237,
    0x3fd7664e1239dbcf, 0x3fd7bede0a37afbf, 0x3fd816f41da0d495, 0x3fd86e919a330ba1,
    0x3fd8c5b7c858b48b, 0x3fd91c67eb45a83e, 0x3fd972a341135159, 0x3fd9c86b02dc0862,
    0x3fda1dc064d5b995, 0x3fda72a4966bd9e9, 0x3fdac718c258b0e5, 0x3fdb1b1e0ebdfc5a,
    0x3fdb6eb59d3cf35c, 0x3fdbc1e08b0dad0a, 0x3fdc149ff115f027, 0x3fdc66f4e3ff6ff9,
    0x3fdcb8e0744d7aca, 0x3fdd0a63ae721e64, 0x3fdd5b7f9ae2c684, 0x3fddac353e2c5954,
    0x3fddfc859906d5b6, 0x3fde4c71a8687704, 0x3fde9bfa659861f4, 0x3fdeeb20c640ddf2,
    0x3fdf39e5bc811e5d, 0x3fdf884a36fe9ec2, 0x3fdfd64f20f61571, 0x3fe011fab125ff8a,
    0x3fe0389eefce633c, 0x3fe05f14bd26459c, 0x3fe0855c884b450e, 0x3fe0ab76bece14d2,
    0x3fe0d163ccb9d6b8, 0x3fe0f7241c9b497e, 0x3fe11cb81787ccf8, 0x3fe1422025243d46,
    0x3fe1675cababa60e, 0x3fe18c6e0ff5cf07, 0x3fe1b154b57da29e, 0x3fe1d610fe677003,
    0x3fe1faa34b87094c, 0x3fe21f0bfc65beec, 0x3fe2434b6f483934, 0x3fe26762013430e0,
    0x3fe28b500df60783, 0x3fe2af15f02640ac, 0x3fe2d2b4012edc9d, 0x3fe2f62a99509546,
    0x3fe3197a0fa7fe6a, 0x3fe33ca2ba328994, 0x3fe35fa4edd36ea0, 0x3fe38280fe58797f,
    0x3fe3a5373e7ebdf9, 0x3fe3c7c7fff73206, 0x3fe3ea33936b2f5b, 0x3fe40c7a4880dcea,
    0x3fe42e9c6ddf80bf, 0x3fe4509a5133bb0a, 0x3fe472743f33aaad, 0x3fe4942a83a2fc07,
    0x3fe4b5bd6956e273, 0x3fe4d72d3a39fd01, 0x3fe4f87a3f5026e9, 0x3fe519a4c0ba3446,
    0x3fe53aad05b99b7c, 0x3fe55b9354b40bce, 0x3fe57c57f336f191, 0x3fe59cfb25fae87f,
    0x3fe5bd7d30e71c73, 0x3fe5ddde57149923, 0x3fe5fe1edad18919, 0x3fe61e3efda46467,
];

/// Inverse of the standard normal distribution function (Acklam's rational
/// approximation, relative error below 1.2e-9, far finer than any figure a
/// study reports). Infinite at 0 and 1.
pub(crate) fn standard_normal_quantile(p: f64) -> f64 {
    if p <= 0.0 {
        f64::NEG_INFINITY
    } else if p >= 1.0 {
        f64::INFINITY
    } else {
        normal_quantile_open(p)
    }
}

/// [`standard_normal_quantile`] for p strictly between 0 and 1, as the
/// samplers give it: a third of the lognormal sampler's time is here.
///
/// The central region's two polynomials are evaluated by Estrin's scheme
/// (pairs of terms, then pairs of pairs) rather than Horner's, which
/// halves the chain of dependent multiplications the processor must wait
/// for; the tails take `ln_unit`.
#[inline]
fn normal_quantile_open(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969683028665376e+01,
        2.209460984245205e+02,
        -2.759285104469687e+02,
        1.38357751867269e+02,
        -3.066479806614716e+01,
        2.506628277459239e+00,
    ];
    const B: [f64; 5] = [
        -5.447609879822406e+01,
        1.615858368580409e+02,
        -1.556989798598866e+02,
        6.680131188771972e+01,
        -1.328068155288572e+01,
    ];
    const C: [f64; 6] = [
        -7.784894002430293e-03,
        -3.223964580411365e-01,
        -2.400758277161838e+00,
        -2.549732539343734e+00,
        4.374664141464968e+00,
        2.938163982698783e+00,
    ];
    const D: [f64; 4] = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
    const P_LOW: f64 = 0.02425;
    let q = p - 0.5;
    if q.abs() <= 0.5 - P_LOW {
        let r = q * q;
        let r2 = r * r;
        let r4 = r2 * r2;
        // A₀r⁵ + A₁r⁴ + … + A₅ and B₀r⁵ + … + B₄r + 1, by Estrin's scheme.
        let num = (A[4] * r + A[5]) + r2 * (A[2] * r + A[3]) + r4 * (A[0] * r + A[1]);
        let den = (B[4] * r + 1.0) + r2 * (B[2] * r + B[3]) + r4 * (B[0] * r + B[1]);
        num * q / den
    } else {
        // The tail on p's side, mirrored for the upper one.
        let tail = if q < 0.0 { p } else { 1.0 - p };
        let t = libm::sqrt(-2.0 * ln_unit(tail));
        let z = (((((C[0] * t + C[1]) * t + C[2]) * t + C[3]) * t + C[4]) * t + C[5])
            / ((((D[0] * t + D[1]) * t + D[2]) * t + D[3]) * t + 1.0);
        if q < 0.0 { z } else { -z }
    }
}

/// One of the observed values, equally likely. Multiply-shift maps the 64
/// bits onto an index without bias worth measuring and without a division.
#[inline(never)]
fn resample(values: &[f64], bits: u64) -> f64 {
    let index = ((bits as u128 * values.len() as u128) >> 64) as usize;
    values[index]
}

/// A Gamma(shape, 1) draw by Marsaglia and Tsang's method, from a private
/// generator seeded by `bits` (see the module docs for why). Out of line,
/// since `sample` is inlined everywhere and this is long.
#[inline(never)]
fn gamma_marsaglia_tsang(shape: f64, bits: u64) -> f64 {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(bits);
    // For shape < 1, draw Gamma(shape + 1) and scale by U^(1/shape).
    let (alpha, boost) = if shape < 1.0 {
        let u = unit_open(rng.next_u64());
        (shape + 1.0, libm::pow(u, 1.0 / shape))
    } else {
        (shape, 1.0)
    };
    let d = alpha - 1.0 / 3.0;
    let c = 1.0 / libm::sqrt(9.0 * d);
    // Each try is accepted with probability above 0.95 for every shape the
    // validator allows, so the bound is never reached; it is there so that
    // no input can make this loop endless. Its fallback is the mode's
    // neighbourhood, d·boost.
    for _ in 0..MAX_GAMMA_TRIES {
        let x = standard_normal_quantile(unit_open(rng.next_u64()));
        let v = 1.0 + c * x;
        if v <= 0.0 {
            continue;
        }
        let v = v * v * v;
        let u = unit_open(rng.next_u64());
        if libm::log(u) < 0.5 * x * x + d - d * v + d * libm::log(v) {
            return d * v * boost;
        }
    }
    d * boost
}

/// Most tries of Marsaglia–Tsang's rejection step per draw.
const MAX_GAMMA_TRIES: u32 = 1000;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_log_table_is_libms() {
        for (i, (inv_c, ln_c)) in LN_SLICES.iter().enumerate() {
            let want = 1.0 / (1.0 + (i as f64 + 0.5) / 128.0);
            assert_eq!(inv_c.to_bits(), want.to_bits(), "1/c of slice {i}");
            assert_eq!(ln_c.to_bits(), (-libm::log(want)).to_bits(), "ln c of slice {i}");
        }
    }

    fn dist(spec: DistributionSpec) -> Distribution {
        Distribution::new(spec).expect("valid test distribution")
    }

    #[test]
    fn normal_quantile_inverts_the_normal_distribution_function() {
        // Reference: Newton's method on Φ(z) = p with Φ from libm's erfc,
        // started from the approximation. Acklam's bound is a relative error
        // of 1.15e-9 in z.
        let phi = |z: f64| 0.5 * libm::erfc(-z / core::f64::consts::SQRT_2);
        let density = |z: f64| libm::exp(-0.5 * z * z) / libm::sqrt(2.0 * core::f64::consts::PI);
        for i in 1..1000 {
            let p = i as f64 / 1000.0;
            let z = standard_normal_quantile(p);
            let mut exact = z;
            for _ in 0..3 {
                exact -= (phi(exact) - p) / density(exact);
            }
            assert!((z - exact).abs() <= 1.2e-9 * exact.abs().max(1e-3), "p={p} z={z} exact={exact}");
        }
        assert!((standard_normal_quantile(0.9) - Z90).abs() < 1e-8);
    }

    #[test]
    fn fast_logarithm_agrees_with_libm_over_its_whole_range() {
        // Every slice of the table, every power of two from 2⁻⁵³ to 1, and
        // both ends of the range; within a few units in the last place of
        // the larger of ln x and 1.
        let far = |x: f64| (ln_unit(x) - libm::log(x)).abs() / (f64::EPSILON * libm::log(x).abs().max(1.0));
        let mut worst: f64 = 0.0;
        for e in 0..=53 {
            for i in 0..4096 {
                worst = worst.max(far(libm::ldexp(1.0 + (f64::from(i) + 0.37) / 4096.0, -e - 1).min(1.0)));
            }
        }
        for x in [1.0, 1.0 - f64::EPSILON / 2.0, libm::ldexp(1.0, -53)] {
            worst = worst.max(far(x));
        }
        assert!(worst <= 4.0, "{worst} units in the last place apart");
        // An exponential sample is never negative, even where u is 0 and the
        // logarithm of 1 comes out a hair from 0.
        assert!(dist(DistributionSpec::Exponential { mean: 3.0 }).sample(0) >= 0.0);
    }

    #[test]
    fn rejects_disordered_negative_and_infinite_parameters() {
        let err = Distribution::new(DistributionSpec::Triangular { min: 3.0, mode: 2.0, max: 1.0 }).unwrap_err();
        assert_eq!(err.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(), ["mode", "max"]);
        let err = Distribution::new(DistributionSpec::Lognormal { median: 5.0, p90: 4.0 }).unwrap_err();
        assert_eq!(err[0].field, "p90");
        let err = Distribution::new(DistributionSpec::Uniform { min: -1.0, max: f64::INFINITY }).unwrap_err();
        assert_eq!(err.len(), 2);
        let err = Distribution::new(DistributionSpec::Empirical { values: vec![] }).unwrap_err();
        assert_eq!(err[0].field, "values");
        let err = Distribution::new(DistributionSpec::Empirical { values: vec![1.0, f64::NAN] }).unwrap_err();
        assert_eq!(err[0].field, "values[1]");
    }

    #[test]
    fn lognormal_sigma_follows_the_model_formula() {
        let d = dist(DistributionSpec::Lognormal { median: 6.0, p90: 14.0 });
        assert!((d.quantile(0.5) - 6.0).abs() < 1e-9);
        assert!((d.quantile(0.9) - 14.0).abs() < 1e-6);
    }

    #[test]
    fn gamma_quantiles_and_density_are_consistent() {
        let d = dist(DistributionSpec::Gamma { mean: 15.0, sd: 6.0 });
        let median = d.quantile(0.5);
        // Integrate the density up to the median with the trapezium rule.
        let steps = 20_000;
        let h = median / steps as f64;
        let area: f64 =
            (1..steps).map(|i| d.density(i as f64 * h).unwrap_or(0.0)).sum::<f64>() * h + d.density(median).unwrap_or(0.0) * h / 2.0;
        assert!((area - 0.5).abs() < 1e-3, "area {area}");
    }

    #[test]
    fn empirical_quantile_is_the_inverse_of_the_empirical_cdf() {
        let d = dist(DistributionSpec::Empirical { values: vec![5.0, 1.0, 3.0, 2.0] });
        assert_eq!(d.quantile(0.5), 2.0);
        assert_eq!(d.quantile(0.9), 5.0);
        assert_eq!(d.mean(), 2.75);
    }

    #[test]
    fn serialises_as_the_study_file_spells_it() {
        let d = dist(DistributionSpec::Lognormal { median: 4.0, p90: 12.0 });
        assert_eq!(serde_json::to_string(&d).unwrap(), r#"{"kind":"lognormal","median":4.0,"p90":12.0}"#);
    }
}
