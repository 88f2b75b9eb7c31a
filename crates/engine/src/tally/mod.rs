//! Streaming accumulators: everything a run needs to report, in memory that
//! does not grow with the number of journeys.
//!
//! Journeys are simulated in chunks of [`CHUNK_JOURNEYS`] consecutive
//! journeys. Inside a chunk, sums are kept in `f64` (fast); at the end of
//! the chunk they are rounded once to fixed point (2⁻³² units, in `i128`)
//! and added to the [`Tally`]. Integer addition is exact, so tallies of
//! chunks merge to the same bits in any order: two threads or eight Web
//! Workers give the figures one thread gives, which is what lets the
//! browser's report fingerprint match the command line's.
//!
//! ```text
//! chunk k ──simulate──▶ f64 sums ──round once──▶ Tally_k ─┐
//! chunk j ──simulate──▶ f64 sums ──round once──▶ Tally_j ─┼─ exact add ─▶ Tally ─▶ Report
//! ...                                                     ┘
//! ```

use serde::{Deserialize, Serialize};

mod contact_channel;

pub(crate) use contact_channel::{CONTACT_CHANNEL_RATES, CONTACTS, QUEUE_ENTRIES, SELF_SERVICE};
pub(crate) use contact_channel::{COUNTS, ContactChannelSums, ContactCounts};

use crate::emotion::FirstContact;
use crate::histogram::{self, Histogram};
use crate::independent::simulate;
use crate::journey::{AttemptResult, INDEPENDENT_RESULTS, JourneyFigures, Next, Observer, PreparedDesign, Step};
use crate::kpi::{KPI_COUNT, RATIO_COUNT, RATIO_KPIS, Terms, journey_terms};
use crate::story::{STORY_COUNT, Story};
use crate::study::Study;

/// Journeys per chunk, the unit of work for threads and Web Workers.
pub const CHUNK_JOURNEYS: u64 = 4096;

/// Fixed-point scale of the exact sums: 2^SCALE_BITS units per 1.
const SCALE_BITS: u32 = 32;
const SCALE: f64 = (1u64 << SCALE_BITS) as f64;


/// Everything accumulated so far, for every design of a study.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Tally {
    /// Journeys simulated per design so far (in a centre: counted
    /// journeys, the same in every design).
    pub journeys: u64,
    /// Chunks simulated so far (in a centre: replications).
    pub chunks: u64,
    /// What one observation of the sums is.
    pub(crate) observations: Observations,
    pub(crate) designs: Vec<DesignTally>,
}

/// What the KPI sums count as one observation, which decides their
/// intervals.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub(crate) enum Observations {
    /// Independent journeys: each journey, normal quantiles.
    Journeys,
    /// A simulated centre: each replication (its journeys share queues and
    /// are not independent), Student's t with R − 1 degrees of freedom.
    /// A replication's sums are divided by `scale` (the expected counted
    /// journeys of a replication, at least 1) so that their squares stay
    /// far inside the exact range; ratios and their intervals are
    /// unchanged by it.
    Replications { scale: f64 },
}

/// The sums of one design.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(crate) struct DesignTally {
    pub(crate) total: Sums<i128>,
    pub(crate) by_persona: Vec<Sums<i128>>,
    pub(crate) by_channel: Vec<Sums<i128>>,
    /// Cross sums with the baseline, journey by journey (variants only).
    pub(crate) versus_baseline: Option<CrossSums<i128>>,
    #[serde(with = "crate::histogram::sparse")]
    pub(crate) hours_to_resolution: Histogram,
    #[serde(with = "crate::histogram::sparse")]
    pub(crate) cost: Histogram,
    #[serde(with = "crate::histogram::sparse")]
    pub(crate) satisfaction: Histogram,
    pub(crate) flow: Flow,
    /// Per stage of the emotion curve: the sum over journeys of each one's
    /// value there (see `emotion.rs`), fixed point.
    pub(crate) stage_score: [i128; 6],
    /// Per stage: journeys that reached it in their first contact.
    pub(crate) stage_reached: [u64; 6],
    pub(crate) stories: Vec<Story>,
    /// The simulated centre's own figures (pools, staffing).
    #[serde(default)]
    pub(crate) centre: Option<crate::centre::CentreTally>,
    /// Rates by the channel of each contact, one observation per batch
    /// (`contact_channel.rs`).
    #[serde(default)]
    pub(crate) by_contact_channel: ContactChannelSums,
    /// The current batch's counts per channel; empty between batches.
    #[serde(skip)]
    pub(crate) contact_batch: Vec<[u64; COUNTS]>,
}

impl DesignTally {
    /// Ends a batch (a chunk, a replication): its counts become one
    /// observation of the rates by contact channel.
    pub(crate) fn end_contact_batch(&mut self) {
        let batch = std::mem::take(&mut self.contact_batch);
        self.by_contact_channel.add_batch(&batch);
    }
}

/// Per KPI: Σa, Σb, Σa², Σb², Σab over observations (journeys, or
/// replications), and their count. A centre's pool figures use the same
/// sums, in their first [`POOL_FIGURES`](crate::centre::POOL_FIGURES)
/// slots.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(crate) struct Sums<T> {
    pub(crate) n: u64,
    pub(crate) a: [T; KPI_COUNT],
    pub(crate) b: [T; KPI_COUNT],
    pub(crate) aa: [T; KPI_COUNT],
    pub(crate) bb: [T; KPI_COUNT],
    pub(crate) ab: [T; KPI_COUNT],
}

/// Per KPI, sums of products of a variant's (a, b) with the baseline's
/// (a₀, b₀) for the same journey: Σa·a₀, Σa·b₀, Σb·a₀, Σb·b₀.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(crate) struct CrossSums<T> {
    pub(crate) a_a0: [T; KPI_COUNT],
    pub(crate) a_b0: [T; KPI_COUNT],
    pub(crate) b_a0: [T; KPI_COUNT],
    pub(crate) b_b0: [T; KPI_COUNT],
}

/// Journey counts between flow-diagram nodes.
///
/// Nodes: "attempt k on channel c", "attempt k ended with result r", and
/// the two final outcomes. Edges are stored densely: attempts ≤ 10,
/// channels ≤ 12 and at most 14 results keep this a few thousand counters.
/// An independent run's flows have the first 11 results only (a closed
/// pool and an unfinished journey need the centre), and write no
/// `results` field, so that their JSON is what it always was.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Flow {
    pub attempts: usize,
    pub channels: usize,
    /// Results per attempt: [`INDEPENDENT_RESULTS`] or all of
    /// [`AttemptResult::ALL`].
    #[serde(default = "independent_results", skip_serializing_if = "is_independent")]
    pub results: usize,
    /// [attempt][channel][result]: attempt k on channel c ended with r.
    pub entry: Vec<u64>,
    /// [attempt][result][channel]: after result r, retried on channel c.
    pub retry: Vec<u64>,
    /// [attempt][result][0 = resolved, 1 = gave up].
    pub end: Vec<u64>,
}

fn independent_results() -> usize {
    INDEPENDENT_RESULTS
}

fn is_independent(results: &usize) -> bool {
    *results == INDEPENDENT_RESULTS
}

impl Flow {
    pub(crate) fn new(attempts: usize, channels: usize, results: usize) -> Self {
        Self {
            attempts,
            channels,
            results,
            entry: vec![0; attempts * channels * results],
            retry: vec![0; attempts * results * channels],
            end: vec![0; attempts * results * 2],
        }
    }

    /// The results a flow of this kind counts, in diagram order.
    pub fn results(&self) -> &'static [AttemptResult] {
        &AttemptResult::ALL[..self.results.min(AttemptResult::ALL.len())]
    }

    /// Journeys whose attempt `attempt` (0-based) on `channel` ended with `result`.
    pub fn entry(&self, attempt: usize, channel: usize, result: AttemptResult) -> u64 {
        if result.index() >= self.results {
            return 0;
        }
        self.entry[(attempt * self.channels + channel) * self.results + result.index()]
    }

    /// Attempts, whatever their number and channel, that ended with `result`.
    pub fn ended_with(&self, result: AttemptResult) -> u64 {
        (0..self.attempts).flat_map(|a| (0..self.channels).map(move |c| self.entry(a, c, result))).sum()
    }

    /// Journeys that, after `result` on attempt `attempt`, retried on `channel`.
    pub fn retry(&self, attempt: usize, result: AttemptResult, channel: usize) -> u64 {
        if result.index() >= self.results {
            return 0;
        }
        self.retry[(attempt * self.results + result.index()) * self.channels + channel]
    }

    /// Journeys that ended after `result` on attempt `attempt`: resolved or not.
    pub fn end(&self, attempt: usize, result: AttemptResult, resolved: bool) -> u64 {
        if result.index() >= self.results {
            return 0;
        }
        self.end[(attempt * self.results + result.index()) * 2 + usize::from(!resolved)]
    }

    /// Journeys by their number of contacts: every journey ends (resolved
    /// or giving up) after exactly one attempt, so the end counts of attempt
    /// k are the journeys with k contacts. Read off the flow rather than
    /// counted a second time per journey.
    pub fn contacts(&self) -> Histogram {
        let mut histogram = Histogram::new(histogram::CONTACTS);
        for attempt in 0..self.attempts {
            let ended = self.end[attempt * self.results * 2..(attempt + 1) * self.results * 2].iter().sum();
            histogram.add_count(attempt as f64 + 1.0, ended);
        }
        histogram
    }

    fn merge(&mut self, other: &Flow) {
        for (a, b) in self.entry.iter_mut().zip(&other.entry) {
            *a += b;
        }
        for (a, b) in self.retry.iter_mut().zip(&other.retry) {
            *a += b;
        }
        for (a, b) in self.end.iter_mut().zip(&other.end) {
            *a += b;
        }
    }
}

impl Tally {
    /// An empty tally for the study's designs.
    pub fn new(study: &Study) -> Self {
        let results = if study.is_centre() { AttemptResult::ALL.len() } else { INDEPENDENT_RESULTS };
        let designs = study
            .designs
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let attempts = d.personas.iter().map(|p| p.max_contacts as usize).max().unwrap_or(1);
                DesignTally {
                    total: Sums::zero(),
                    by_persona: vec![Sums::zero(); d.personas.len()],
                    by_channel: vec![Sums::zero(); d.channels.len()],
                    versus_baseline: (i > 0).then(CrossSums::zero),
                    hours_to_resolution: Histogram::new(histogram::HOURS),
                    cost: Histogram::new(histogram::COST),
                    satisfaction: Histogram::new(histogram::SATISFACTION),
                    flow: Flow::new(attempts, d.channels.len(), results),
                    stage_score: [0; 6],
                    stage_reached: [0; 6],
                    stories: Vec::new(),
                    centre: study.is_centre().then(|| crate::centre::CentreTally::new(study, i)),
                    by_contact_channel: ContactChannelSums::new(d.channels.len()),
                    contact_batch: Vec::new(),
                }
            })
            .collect();
        let observations = match &study.demand {
            None => Observations::Journeys,
            Some(demand) => Observations::Replications { scale: (demand.customers_per_day * f64::from(demand.days)).max(1.0) },
        };
        Self { journeys: 0, chunks: 0, observations, designs }
    }

    /// Adds another tally of the same study (of other chunks). Exact, so
    /// the order of merging never matters.
    pub fn merge(&mut self, other: &Tally) {
        self.journeys += other.journeys;
        self.chunks += other.chunks;
        for (a, b) in self.designs.iter_mut().zip(&other.designs) {
            a.total.merge(&b.total);
            for (x, y) in a.by_persona.iter_mut().zip(&b.by_persona) {
                x.merge(y);
            }
            for (x, y) in a.by_channel.iter_mut().zip(&b.by_channel) {
                x.merge(y);
            }
            if let (Some(x), Some(y)) = (&mut a.versus_baseline, &b.versus_baseline) {
                x.merge(y);
            }
            a.hours_to_resolution.merge(&b.hours_to_resolution);
            a.cost.merge(&b.cost);
            a.satisfaction.merge(&b.satisfaction);
            a.flow.merge(&b.flow);
            for s in 0..6 {
                add(&mut a.stage_score[s], b.stage_score[s]);
                a.stage_reached[s] += b.stage_reached[s];
            }
            a.stories.extend(b.stories.iter().cloned());
            a.stories.sort_by_key(|s| s.journey);
            a.stories.dedup_by_key(|s| s.journey);
            if let (Some(x), Some(y)) = (&mut a.centre, &b.centre) {
                x.merge(y);
            }
            a.by_contact_channel.merge(&b.by_contact_channel);
        }
    }

    /// Simulates chunk `chunk` (journeys `chunk·CHUNK_JOURNEYS ..`) of every
    /// design and adds it to this tally.
    pub fn simulate_chunk(&mut self, study: &Study, prepared: &[PreparedDesign], chunk: u64) {
        let start = chunk.saturating_mul(CHUNK_JOURNEYS).min(study.journeys);
        let end = start.saturating_add(CHUNK_JOURNEYS).min(study.journeys);
        if start >= end {
            return;
        }
        let mut local: Vec<ChunkSums> = self.designs.iter().map(ChunkSums::new).collect();
        let mut baseline_terms = Terms::default();
        for journey in start..end {
            for (d, design) in prepared.iter().enumerate() {
                let sums = &mut local[d];
                let dt = &mut self.designs[d];
                let mut first_contact = FirstContact::default();
                let mut contact = ContactCounts::default();
                let mut observer = TallyObserver {
                    flow: &mut dt.flow,
                    stage_score: &mut sums.stage_score,
                    stage_reached: &mut dt.stage_reached,
                    first_contact: &mut first_contact,
                    contact: &mut contact,
                    contact_batch: &mut dt.contact_batch,
                };
                let figures = if journey < STORY_COUNT {
                    let mut story = Story::begin(journey);
                    let f = simulate(design, journey, &mut (&mut observer, &mut story));
                    story.persona = f.persona;
                    dt.stories.push(story);
                    f
                } else {
                    simulate(design, journey, &mut observer)
                };
                let terms = journey_terms(&figures);
                sums.cells[figures.persona * sums.channels + figures.first_channel].add(&terms);
                if d == 0 {
                    baseline_terms = terms;
                } else if let Some(cross) = &mut sums.cross {
                    cross.add(&terms, &baseline_terms);
                }
                add_histograms(dt, &figures);
            }
        }
        // Cells → persona, channel and design sums, in exact fixed point.
        let totals: Vec<Sums<i128>> = self
            .designs
            .iter_mut()
            .zip(&local)
            .map(|(dt, sums)| {
                let mut total = Sums::zero();
                for (i, cell) in sums.cells.iter().enumerate().filter(|(_, c)| c.n > 0) {
                    let cell = Sums::fixed(cell);
                    dt.by_persona[i / sums.channels].merge(&cell);
                    dt.by_channel[i % sums.channels].merge(&cell);
                    total.merge(&cell);
                }
                dt.total.merge(&total);
                total
            })
            .collect();
        for ((dt, sums), total) in self.designs.iter_mut().zip(&local).zip(&totals) {
            if let (Some(x), Some(y)) = (&mut dt.versus_baseline, &sums.cross) {
                x.absorb(y, total, &totals[0]);
            }
            for s in 0..6 {
                add(&mut dt.stage_score[s], fixed(sums.stage_score[s]));
            }
        }
        for dt in &mut self.designs {
            dt.end_contact_batch();
        }
        self.journeys += end - start;
        self.chunks += 1;
    }
}

pub(crate) fn add_histograms(dt: &mut DesignTally, f: &JourneyFigures) {
    dt.hours_to_resolution.add_if_binned(histogram::HOURS, f.resolved, f.elapsed_hours);
    dt.cost.add_if_binned(histogram::COST, true, f.cost);
    dt.satisfaction.add_if_binned(histogram::SATISFACTION, true, f.satisfaction);
}

/// The f64 sums of one design within one chunk.
///
/// Each journey is added once, to the cell of its persona and first
/// channel; persona, channel and design sums are cell sums, formed exactly
/// in fixed point at the end of the chunk.
struct ChunkSums {
    channels: usize,
    /// [persona × channels + first channel]
    cells: Vec<CellSums>,
    cross: Option<CellCross>,
    stage_score: [f64; 6],
}

impl ChunkSums {
    fn new(dt: &DesignTally) -> Self {
        Self {
            channels: dt.by_channel.len(),
            cells: vec![CellSums::default(); dt.by_persona.len() * dt.by_channel.len()],
            cross: dt.versus_baseline.as_ref().map(|_| CellCross::default()),
            stage_score: [0.0; 6],
        }
    }
}

/// Feeds flow counts and the emotion curve from a journey's steps (the
/// journey's own first-contact scores in `first_contact`, which a centre
/// keeps with its customer between steps).
pub(crate) struct TallyObserver<'a> {
    pub(crate) flow: &'a mut Flow,
    pub(crate) stage_score: &'a mut [f64; 6],
    pub(crate) stage_reached: &'a mut [u64; 6],
    pub(crate) first_contact: &'a mut FirstContact,
    /// The contact under way (kept with the customer between steps) and
    /// the batch's counts by contact channel.
    pub(crate) contact: &'a mut ContactCounts,
    pub(crate) contact_batch: &'a mut Vec<[u64; COUNTS]>,
}

impl Observer for TallyObserver<'_> {
    /// Inlined into the journey, where each call site's step is known, so
    /// the matches below fold away.
    #[inline(always)]
    fn step(&mut self, step: &Step, score: f64) {
        self.contact.step(step, self.contact_batch, self.flow.channels);
        match step {
            Step::AttemptEnd { attempt, channel, result, next } => {
                let flow = &mut *self.flow;
                let a = (*attempt as usize - 1).min(flow.attempts - 1);
                let results = flow.results;
                flow.entry[(a * flow.channels + channel) * results + result.index()] += 1;
                match next {
                    Next::Retry { channel } => flow.retry[(a * results + result.index()) * flow.channels + channel] += 1,
                    Next::Resolved => flow.end[(a * results + result.index()) * 2] += 1,
                    Next::GaveUp => flow.end[(a * results + result.index()) * 2 + 1] += 1,
                }
            }
            Step::Outcome { .. } => {
                let (values, reached) = self.first_contact.finish(score);
                for stage in 0..6 {
                    self.stage_score[stage] += values[stage];
                    self.stage_reached[stage] += u64::from(reached[stage]);
                }
            }
            _ => self.first_contact.step(step, score),
        }
    }
}

impl<A: Observer, B: Observer> Observer for (&mut A, &mut B) {
    fn step(&mut self, step: &Step, score: f64) {
        self.0.step(step, score);
        self.1.step(step, score);
    }
}

/// Largest magnitude a sum may reach before it stops being exact [value
/// units]: 2⁹⁴, half the fixed-point range. The validator's bounds
/// (`bounds.rs`) keep every sum of a valid study below 10²⁷.
const EXACT_LIMIT: f64 = 1.9807040628566084e28;

#[inline]
pub(crate) fn fixed(x: f64) -> i128 {
    debug_assert!(x.is_finite() && x.abs() < EXACT_LIMIT, "a chunk's sum is {x}: NaN, infinite or beyond exact range");
    // `as` saturates, so even absurd inputs cannot overflow or panic here.
    (x * SCALE).round() as i128
}

/// Adds to a fixed-point sum. Saturating in release builds, so nothing can
/// crash here; in debug builds (the tests) reaching the limit is a failure,
/// since the validator's bounds must keep every study far from it.
#[inline]
pub(crate) fn add(sum: &mut i128, x: i128) {
    debug_assert!(sum.checked_add(x).is_some_and(|s| s.unsigned_abs() < (1u128 << 126)), "a fixed-point sum overflowed");
    *sum = sum.saturating_add(x);
}

/// Converts an exact fixed-point sum back to a number.
pub(crate) fn float(x: i128) -> f64 {
    x as f64 / SCALE
}

impl<T: Copy + Default> Sums<T> {
    pub(crate) fn zero() -> Self {
        let z = [T::default(); KPI_COUNT];
        Self { n: 0, a: z, b: z, aa: z, bb: z, ab: z }
    }
}

/// A chunk's f64 sums in one cell: Σa and Σa² for every KPI, and Σb, Σb²
/// and Σab for the true ratios only (for a mean, b = 1 and those sums follow
/// from n and Σa; [`Sums::fixed`] fills them in exactly). Every array is
/// added to element by element, which the compiler turns into vector
/// instructions.
#[derive(Clone, Debug, Default)]
struct CellSums {
    n: u64,
    a: [f64; KPI_COUNT],
    aa: [f64; KPI_COUNT],
    b: [f64; RATIO_COUNT],
    bb: [f64; RATIO_COUNT],
    ab: [f64; RATIO_COUNT],
}

impl CellSums {
    #[inline]
    fn add(&mut self, terms: &Terms) {
        self.n += 1;
        for ((s, ss), a) in self.a.iter_mut().zip(&mut self.aa).zip(&terms.a) {
            *s += a;
            *ss += a * a;
        }
        for (((s, ss), sab), (a, b)) in self.b.iter_mut().zip(&mut self.bb).zip(&mut self.ab).zip(terms.ratio_a.iter().zip(&terms.ratio_b)) {
            *s += b;
            *ss += b * b;
            *sab += a * b;
        }
    }
}

/// A chunk's f64 cross sums of a variant with the baseline, journey by
/// journey: Σa·a₀ for every KPI, the products with b for the true ratios
/// only (as in [`CellSums`]).
#[derive(Clone, Debug, Default)]
struct CellCross {
    a_a0: [f64; KPI_COUNT],
    a_b0: [f64; RATIO_COUNT],
    b_a0: [f64; RATIO_COUNT],
    b_b0: [f64; RATIO_COUNT],
}

impl CellCross {
    #[inline]
    fn add(&mut self, terms: &Terms, baseline: &Terms) {
        for ((s, a), a0) in self.a_a0.iter_mut().zip(&terms.a).zip(&baseline.a) {
            *s += a * a0;
        }
        for j in 0..RATIO_COUNT {
            let (a, b, a0, b0) = (terms.ratio_a[j], terms.ratio_b[j], baseline.ratio_a[j], baseline.ratio_b[j]);
            self.a_b0[j] += a * b0;
            self.b_a0[j] += b * a0;
            self.b_b0[j] += b * b0;
        }
    }
}

impl Sums<i128> {
    /// Adds one observation (a replication) whose figures are the ratios
    /// `a[k] / b[k]`, each rounded once to fixed point with its square and
    /// product.
    pub(crate) fn add_observation(&mut self, a: &[f64], b: &[f64]) {
        self.n += 1;
        for (k, (&a, &b)) in a.iter().zip(b).enumerate().take(KPI_COUNT) {
            add(&mut self.a[k], fixed(a));
            add(&mut self.b[k], fixed(b));
            add(&mut self.aa[k], fixed(a * a));
            add(&mut self.bb[k], fixed(b * b));
            add(&mut self.ab[k], fixed(a * b));
        }
    }

    /// The chunk's f64 sums, rounded once to fixed point.
    fn fixed(local: &CellSums) -> Self {
        let mut s = Self::zero();
        s.n = local.n;
        let n = fixed(local.n as f64);
        for k in 0..KPI_COUNT {
            s.a[k] = fixed(local.a[k]);
            s.aa[k] = fixed(local.aa[k]);
            // For a mean, b = 1: Σb = Σb² = n and Σab = Σa, exactly.
            s.b[k] = n;
            s.bb[k] = n;
            s.ab[k] = s.a[k];
        }
        for (j, k) in RATIO_KPIS.into_iter().enumerate() {
            s.b[k] = fixed(local.b[j]);
            s.bb[k] = fixed(local.bb[j]);
            s.ab[k] = fixed(local.ab[j]);
        }
        s
    }

    pub(crate) fn merge(&mut self, other: &Sums<i128>) {
        self.n += other.n;
        for k in 0..KPI_COUNT {
            add(&mut self.a[k], other.a[k]);
            add(&mut self.b[k], other.b[k]);
            add(&mut self.aa[k], other.aa[k]);
            add(&mut self.bb[k], other.bb[k]);
            add(&mut self.ab[k], other.ab[k]);
        }
    }
}

impl<T: Copy + Default> CrossSums<T> {
    pub(crate) fn zero() -> Self {
        let z = [T::default(); KPI_COUNT];
        Self { a_a0: z, a_b0: z, b_a0: z, b_b0: z }
    }
}

impl CrossSums<i128> {
    /// Adds one observation's products of a variant's (a, b) with the
    /// baseline's (a₀, b₀).
    pub(crate) fn add_observation(&mut self, a: &[f64], b: &[f64], a0: &[f64], b0: &[f64]) {
        for k in 0..a.len().min(KPI_COUNT) {
            add(&mut self.a_a0[k], fixed(a[k] * a0[k]));
            add(&mut self.a_b0[k], fixed(a[k] * b0[k]));
            add(&mut self.b_a0[k], fixed(b[k] * a0[k]));
            add(&mut self.b_b0[k], fixed(b[k] * b0[k]));
        }
    }

    /// `variant` and `baseline` are the two designs' own sums of the chunk,
    /// which give the cross sums of means exactly (b = b₀ = 1).
    fn absorb(&mut self, local: &CellCross, variant: &Sums<i128>, baseline: &Sums<i128>) {
        let mut chunk = CrossSums::zero();
        for k in 0..KPI_COUNT {
            chunk.a_a0[k] = fixed(local.a_a0[k]);
            chunk.a_b0[k] = variant.a[k];
            chunk.b_a0[k] = baseline.a[k];
            chunk.b_b0[k] = variant.b[k];
        }
        for (j, k) in RATIO_KPIS.into_iter().enumerate() {
            chunk.a_b0[k] = fixed(local.a_b0[j]);
            chunk.b_a0[k] = fixed(local.b_a0[j]);
            chunk.b_b0[k] = fixed(local.b_b0[j]);
        }
        self.merge(&chunk);
    }

    pub(crate) fn merge(&mut self, other: &CrossSums<i128>) {
        for k in 0..KPI_COUNT {
            add(&mut self.a_a0[k], other.a_a0[k]);
            add(&mut self.a_b0[k], other.a_b0[k]);
            add(&mut self.b_a0[k], other.b_a0[k]);
            add(&mut self.b_b0[k], other.b_b0[k]);
        }
    }
}
