//! From a [`Tally`] to the figures a person reads: every KPI of every
//! design with its 95% confidence interval, every variant's difference from
//! the baseline with the interval of paired differences and a plain
//! verdict, breakdowns by persona and first channel, histograms, flows,
//! stage satisfaction and stories, and a fingerprint of it all.
//!
//! Intervals come from the delta method on KPI = Σa / Σb (see `kpi.rs`):
//! with dᵢ = aᵢ − R·bᵢ, Var(R) ≈ Σdᵢ² / (n (n − 1) b̄²). For a difference of
//! two designs the same journeys' terms are subtracted first
//! (ψᵢ = d_vᵢ / b̄_v − d_0ᵢ / b̄_0), which is why sharing random numbers
//! between designs narrows the interval of a difference.
//!
//! In a simulated centre the observations i are replications, not
//! journeys (a replication's journeys share its queues), and the quantile
//! is Student's t with R − 1 degrees of freedom; `capacity.rs` reports the
//! centre's own figures (pools, staffing) the same way.

use serde::{Deserialize, Serialize};
use serde::ser::SerializeMap;
use sha2::{Digest, Sha256};

use crate::histogram::Histogram;
use crate::kpi::{Better, KPI_COUNT, KPIS, Scale};
use crate::story::StoryStep;
use crate::study::Study;
use crate::emotion::STAGES;
use crate::tally::{CrossSums, DesignTally, Flow, Observations, Sums, Tally, float};

mod business_case;
mod capacity;

pub use business_case::{BusinessCase, DAYS_A_YEAR, DesignYear, Payback, Saving, business_case};
pub use capacity::{CapacityComparison, CapacityReport, PoolComparison, PoolKey, PoolReport};

/// z-score of a two-sided 95% interval.
pub const Z95: f64 = 1.959_963_984_540_054;

/// Everything a run reports.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    pub title: String,
    pub currency: String,
    pub seed: u64,
    /// Journeys simulated per design (fewer than the study asks while a run
    /// is still refining; in a simulated centre, the counted journeys of
    /// all replications so far).
    pub journeys: u64,
    /// Replications simulated so far (a simulated centre only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replications: Option<u64>,
    pub designs: Vec<DesignReport>,
    /// One per variant, against `designs[0]`.
    pub comparisons: Vec<Comparison>,
    /// Hash of every figure above: equal fingerprints, equal reports.
    pub fingerprint: String,
}

/// The figures of one design.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DesignReport {
    pub name: String,
    pub kpis: KpiTable<Estimate>,
    pub by_persona: Vec<GroupReport>,
    pub by_channel: Vec<GroupReport>,
    pub histograms: Histograms,
    pub flow: Flow,
    /// Average running satisfaction at each stage, in journey order.
    pub stages: Vec<StageScore>,
    /// Where journeys break, worst first.
    pub pain_points: Vec<PainPoint>,
    pub stories: Vec<StoryReport>,
    /// Rates by the channel where each contact happened (whatever the
    /// journey's first channel), in the design's channel order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub by_contact_channel: Vec<ContactChannelReport>,
    /// The simulated centre's own figures (pools, staffing).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capacity: Option<CapacityReport>,
}

/// The contacts made on one channel: containment and abandonment of its
/// self-service, abandonment of its queues, and the share after which the
/// journey ended resolved. Intervals are over batches (chunks of journeys,
/// or replications; see `tally/contact_channel.rs`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ContactChannelReport {
    pub name: String,
    /// Contacts made on the channel, in all, and the self-service attempts
    /// and queue entries among them (the rates' denominators).
    pub contacts: u64,
    pub self_service: u64,
    pub queue_entries: u64,
    /// `containment`, `self_service_abandonment`, `abandonment` and
    /// `resolution_rate` of this channel's contacts.
    pub rates: KpiTable<Estimate>,
}

/// An estimate and its 95% confidence interval; `None` where the figure
/// is undefined (containment of a design without self-service, say).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Estimate {
    pub estimate: Option<f64>,
    pub ci95: Option<[f64; 2]>,
}

/// A variant's change from the baseline.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Difference {
    /// Variant minus baseline.
    pub estimate: Option<f64>,
    /// Interval of the paired difference (designs share random numbers).
    pub ci95: Option<[f64; 2]>,
    /// The interval the same runs would give without pairing, for
    /// comparison.
    pub unpaired_ci95: Option<[f64; 2]>,
    pub verdict: Verdict,
}

/// What a difference means, in plain words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The interval excludes zero, in the good direction.
    Better,
    /// The interval excludes zero, in the bad direction.
    Worse,
    /// The interval includes zero.
    NoDetectableDifference,
    /// The whole interval lies within the smallest change that matters
    /// (the study's `smallest_changes`): whatever the change is, it is too
    /// small to act on.
    Negligible,
    /// The figure is undefined for one of the designs.
    NotApplicable,
    /// A percentile, which carries no interval: its change is shown but
    /// not judged.
    NoInterval,
    /// The interval excludes zero for a figure that is neither better nor
    /// worse when it moves (a pool's occupancy, contacts answered a day).
    Changed,
}

/// KPIs by key, in MODEL.md's order; serialised as a JSON object.
#[derive(Clone, Debug, PartialEq)]
pub struct KpiTable<T> {
    pub entries: Vec<(&'static str, T)>,
}

/// A variant against the baseline.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Comparison {
    pub design: String,
    pub baseline: String,
    pub kpis: KpiTable<Difference>,
    /// Paired differences of the simulated centre's own figures.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capacity: Option<CapacityComparison>,
}

/// The figures of the journeys of one persona or one first channel.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GroupReport {
    pub name: String,
    pub journeys: u64,
    pub kpis: KpiTable<Estimate>,
}

/// Distributions of per-journey figures.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Histograms {
    /// Resolved journeys only [h].
    pub hours_to_resolution: Histogram,
    pub contacts: Histogram,
    /// [currency]
    pub cost: Histogram,
    /// [points]
    pub satisfaction: Histogram,
}

/// One point of the emotion curve (see `emotion.rs`): the average over
/// every customer of their score at this stage of their first contact
/// (carried forward over stages they skipped; at the outcome, their final
/// score), which never rises from one stage to the next.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StageScore {
    pub stage: &'static str,
    pub mean: Option<f64>,
    /// Customers who reached this stage in their first contact (at the
    /// outcome: every customer).
    pub reached: u64,
}

/// A place where journeys break, counted per 1,000 customers (an event can
/// happen more than once per customer: a customer may abandon twice).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PainPoint {
    pub label: &'static str,
    pub per_thousand: f64,
}

/// One customer's journey, with words for each step.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StoryReport {
    pub journey: u64,
    pub persona: String,
    pub steps: Vec<StoryStep>,
    /// The steps a reader needs, in words.
    pub lines: Vec<String>,
    pub resolved: bool,
    pub satisfaction: f64,
}

impl Verdict {
    /// The verdict in words.
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Better => "better",
            Verdict::Worse => "worse",
            Verdict::NoDetectableDifference => "no detectable difference",
            Verdict::Negligible => "negligible",
            Verdict::NotApplicable => "not applicable",
            Verdict::NoInterval => "not judged (no interval)",
            Verdict::Changed => "changed",
        }
    }
}

impl<T> KpiTable<T> {
    /// The value for a KPI key.
    pub fn get(&self, key: &str) -> Option<&T> {
        self.entries.iter().find(|(k, _)| *k == key).map(|(_, v)| v)
    }
}

impl<T: Serialize> Serialize for KpiTable<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.entries.len()))?;
        for (k, v) in &self.entries {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl Estimate {
    const NONE: Estimate = Estimate { estimate: None, ci95: None };

    /// Half the width of the interval.
    pub fn half_width(&self) -> Option<f64> {
        self.ci95.map(|[lo, hi]| (hi - lo) / 2.0)
    }
}

impl Report {
    /// The channels of the rates by contact channel, by name, over every
    /// design (designs may have different channels): the baseline's first,
    /// then any only a variant has.
    pub fn contact_channels(&self) -> Vec<&str> {
        let mut names: Vec<&str> = Vec::new();
        for channel in self.designs.iter().flat_map(|d| &d.by_contact_channel) {
            if !names.contains(&channel.name.as_str()) {
                names.push(&channel.name);
            }
        }
        names
    }
}

impl DesignReport {
    /// The rates of the contacts made on channel `name`, if it has it.
    pub fn contact_channel(&self, name: &str) -> Option<&ContactChannelReport> {
        self.by_contact_channel.iter().find(|c| c.name == name)
    }
}

impl Difference {
    /// Half the width of the paired interval.
    pub fn half_width(&self) -> Option<f64> {
        self.ci95.map(|[lo, hi]| (hi - lo) / 2.0)
    }

    /// Half the width of the unpaired interval.
    pub fn unpaired_half_width(&self) -> Option<f64> {
        self.unpaired_ci95.map(|[lo, hi]| (hi - lo) / 2.0)
    }
}

/// Builds the report of a study from its tally.
pub fn report(study: &Study, tally: &Tally) -> Report {
    let stats = Stats::new(tally.observations, tally.chunks);
    let designs: Vec<DesignReport> =
        study.designs.iter().zip(&tally.designs).map(|(design, dt)| design_report(design, dt, stats)).collect();
    let baseline = &tally.designs[0];
    let comparisons = study
        .designs
        .iter()
        .zip(&tally.designs)
        .skip(1)
        .filter_map(|(design, dt)| {
            let cross = dt.versus_baseline.as_ref()?;
            Some(Comparison {
                design: design.name.clone(),
                baseline: study.designs[0].name.clone(),
                kpis: KpiTable {
                    entries: (0..KPI_COUNT)
                        .map(|k| {
                            let key = KPIS[k].key;
                            let reference = designs[0].kpis.get(key).and_then(|e| e.estimate).unwrap_or(0.0);
                            let smallest = study.smallest_changes.absolute(key, reference);
                            (key, stats.difference(k, Some(KPIS[k].better), smallest, &dt.total, &baseline.total, cross))
                        })
                        .flat_map(|(key, diff)| {
                            // Repeat contacts change exactly as contacts do; only
                            // the smallest change that matters is their own.
                            let repeat = (key == "contacts_per_journey").then(|| {
                                let reference = designs[0].kpis.get("repeat_contacts").and_then(|e| e.estimate).unwrap_or(0.0);
                                let smallest = study.smallest_changes.absolute("repeat_contacts", reference);
                                ("repeat_contacts", Difference { verdict: verdict_of(diff.estimate, diff.ci95, Some(Better::Lower), smallest), ..diff })
                            });
                            std::iter::once((key, diff)).chain(repeat)
                        })
                        .chain(percentile_differences(&dt.hours_to_resolution, &baseline.hours_to_resolution))
                        .collect(),
                },
                capacity: capacity::comparison(stats, dt, baseline),
            })
        })
        .collect();
    let mut report = Report {
        title: study.title.clone(),
        currency: study.currency.clone(),
        seed: study.seed,
        journeys: tally.journeys,
        replications: study.is_centre().then_some(tally.chunks),
        designs,
        comparisons,
        fingerprint: String::new(),
    };
    report.fingerprint = fingerprint(&report);
    report
}

/// The first 16 hex digits of SHA-256 over the report's JSON (without its
/// fingerprint: it is empty while this runs, or is left out of the hash by
/// the caller clearing it). JSON numbers print the exact bits of every figure, so equal
/// fingerprints mean equal figures.
pub fn fingerprint(report: &Report) -> String {
    let json = serde_json::to_vec(report).unwrap_or_default();
    Sha256::digest(&json).iter().take(8).map(|b| format!("{b:02x}")).collect()
}

fn design_report(design: &crate::study::Design, dt: &DesignTally, stats: Stats) -> DesignReport {
    let mut kpis = stats.kpi_table(&dt.total);
    let repeat = repeat_contacts(kpis.get("contacts_per_journey").copied().unwrap_or(Estimate::NONE));
    if let Some(at) = kpis.entries.iter().position(|(k, _)| *k == "contacts_per_journey") {
        kpis.entries.insert(at + 1, ("repeat_contacts", repeat));
    }
    let hours = &dt.hours_to_resolution;
    for (key, p) in [("hours_to_resolution_p50", 0.5), ("hours_to_resolution_p90", 0.9)] {
        kpis.entries.push((key, Estimate { estimate: hours.quantile(p), ci95: None }));
    }
    let group =
        |name: &str, sums: &Sums<i128>| GroupReport { name: name.to_owned(), journeys: stats.journeys(sums), kpis: stats.kpi_table(sums) };
    // Every journey reaches the outcome once, in either way of running.
    let journeys = dt.stage_reached[5];
    DesignReport {
        name: design.name.clone(),
        kpis,
        by_persona: design.personas.iter().zip(&dt.by_persona).map(|(p, s)| group(&p.name, s)).collect(),
        by_channel: design.channels.iter().zip(&dt.by_channel).map(|(c, s)| group(&c.name, s)).collect(),
        histograms: Histograms {
            hours_to_resolution: dt.hours_to_resolution.clone(),
            contacts: dt.flow.contacts(),
            cost: dt.cost.clone(),
            satisfaction: dt.satisfaction.clone(),
        },
        pain_points: pain_points(&dt.flow, journeys),
        flow: dt.flow.clone(),
        stages: STAGES
            .iter()
            .zip(dt.stage_reached)
            .zip(dt.stage_score)
            .map(|((stage, reached), score)| StageScore {
                stage,
                reached,
                mean: (journeys > 0).then(|| float(score) / journeys as f64),
            })
            .collect(),
        stories: dt
            .stories
            .iter()
            .map(|story| {
                let last = story.steps.last();
                StoryReport {
                    journey: story.journey,
                    persona: design.personas.get(story.persona).map(|p| p.name.clone()).unwrap_or_default(),
                    lines: story.lines(design),
                    resolved: matches!(last.map(|s| &s.step), Some(crate::journey::Step::Outcome { resolved: true })),
                    satisfaction: last.map_or(0.0, |s| s.score),
                    steps: story.steps.clone(),
                }
            })
            .collect(),
        by_contact_channel: design
            .channels
            .iter()
            .enumerate()
            .map(|(c, channel)| contact_channel(&channel.name, c, &dt.by_contact_channel))
            .collect(),
        capacity: dt.centre.as_ref().map(|centre| capacity::design(stats, centre)),
    }
}

/// Contacts after the first, per journey: contacts per journey − 1, whose
/// interval is the contacts' moved down by one (every journey has one).
fn repeat_contacts(contacts: Estimate) -> Estimate {
    Estimate {
        estimate: contacts.estimate.map(|e| (e - 1.0).max(0.0)),
        ci95: contacts.ci95.map(|[lo, hi]| [(lo - 1.0).max(0.0), (hi - 1.0).max(0.0)]),
    }
}

/// Channel `c`'s rates from the batch sums.
fn contact_channel(name: &str, c: usize, sums: &crate::tally::ContactChannelSums) -> ContactChannelReport {
    use crate::tally::CONTACT_CHANNEL_RATES;
    let counts = sums.counts.get(c).copied().unwrap_or_default();
    let n = sums.batches;
    let t = (n >= 2).then(|| crate::special::student_t_quantile(0.975, (n - 1) as f64));
    let rates = CONTACT_CHANNEL_RATES
        .iter()
        .enumerate()
        .map(|(r, (key, a, b))| {
            let (sum_a, sum_b) = (counts[*a] as f64, counts[*b] as f64);
            if sum_b <= 0.0 {
                return (*key, Estimate::NONE);
            }
            let ratio = sum_a / sum_b;
            let ci95 = t.zip(sums.squares.get(c)).map(|(t, squares)| {
                let [aa, bb, ab] = squares[r].map(|x| x as f64);
                let b_mean = sum_b / n as f64;
                let sum_d2 = (aa - 2.0 * ratio * ab + ratio * ratio * bb).max(0.0);
                let variance = sum_d2 / (n as f64 * (n as f64 - 1.0)) / (b_mean * b_mean);
                interval(Scale::Rate, ratio, variance, sum_b, t)
            });
            (*key, Estimate { estimate: Some(ratio), ci95 })
        })
        .collect();
    use crate::tally::{CONTACTS, QUEUE_ENTRIES, SELF_SERVICE};
    ContactChannelReport {
        name: name.to_owned(),
        contacts: counts[CONTACTS],
        self_service: counts[SELF_SERVICE],
        queue_entries: counts[QUEUE_ENTRIES],
        rates: KpiTable { entries: rates },
    }
}

/// Attempts that ended badly, by kind, and journeys that gave up, per 1,000
/// customers, worst first.
fn pain_points(flow: &Flow, journeys: u64) -> Vec<PainPoint> {
    use crate::journey::AttemptResult as R;
    let groups: [(&'static str, &[R]); 5] = [
        ("Self-service failed or abandoned", &[R::SelfServiceFailed, R::SelfServiceAbandoned]),
        ("Abandoned in a queue", &[R::QueueAbandoned, R::Tier2Abandoned]),
        ("Agent could not resolve", &[R::Unresolved, R::Tier2Unresolved, R::Reopened, R::Tier2Reopened]),
        ("Escalated to tier 2", &[R::Tier2Resolved, R::Tier2Unresolved, R::Tier2Reopened, R::Tier2Abandoned, R::Tier2Closed]),
        ("Found the line closed", &[R::Closed, R::Tier2Closed]),
    ];
    // Lines are closed only in the simulated centre; an independent run's
    // report keeps the four pain points it always had.
    let groups = &groups[..if flow.results > crate::journey::INDEPENDENT_RESULTS { 5 } else { 4 }];
    let per_thousand = |count: u64| if journeys == 0 { 0.0 } else { count as f64 * 1000.0 / journeys as f64 };
    let mut points: Vec<PainPoint> = groups
        .iter()
        .map(|(label, results)| {
            let count: u64 = results.iter().map(|r| flow.ended_with(*r)).sum();
            PainPoint { label, per_thousand: per_thousand(count) }
        })
        .collect();
    let gave_up: u64 =
        (0..flow.attempts).flat_map(|a| flow.results().iter().map(move |r| flow.end(a, *r, false))).sum();
    points.push(PainPoint { label: "Gave up unresolved", per_thousand: per_thousand(gave_up) });
    points.sort_by(|a, b| b.per_thousand.total_cmp(&a.per_thousand));
    points
}

/// Differences of the median and 90th percentile of hours to resolution,
/// which carry no interval.
fn percentile_differences(variant: &Histogram, baseline: &Histogram) -> [(&'static str, Difference); 2] {
    [("hours_to_resolution_p50", 0.5), ("hours_to_resolution_p90", 0.9)].map(|(key, p)| {
        let estimate = variant.quantile(p).zip(baseline.quantile(p)).map(|(v, b)| v - b);
        let verdict = if estimate.is_some() { Verdict::NoInterval } else { Verdict::NotApplicable };
        (key, Difference { estimate, ci95: None, unpaired_ci95: None, verdict })
    })
}

/// How the tally's observations turn into intervals.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Stats {
    observations: Observations,
    /// Student's t quantile for the tally's observations, computed once
    /// (every sum of a centre has one observation per replication).
    t95: Option<(u64, f64)>,
}

impl Stats {
    /// The two-sided 95% quantile for `n` observations: normal for
    /// journeys, Student's t with n − 1 degrees of freedom for
    /// replications.
    fn quantile(&self, n: u64) -> f64 {
        match (self.observations, self.t95) {
            (Observations::Journeys, _) => Z95,
            (Observations::Replications { .. }, Some((m, t))) if m == n => t,
            (Observations::Replications { .. }, _) => crate::special::student_t_quantile(0.975, n.saturating_sub(1) as f64),
        }
    }

    fn new(observations: Observations, replications: u64) -> Self {
        let t95 = match observations {
            Observations::Journeys => None,
            Observations::Replications { .. } => {
                Some((replications, crate::special::student_t_quantile(0.975, replications.saturating_sub(1) as f64)))
            }
        };
        Self { observations, t95 }
    }

    /// The same, for sums that are not scaled (a centre's pool and
    /// staffing figures).
    pub(crate) fn unscaled(self) -> Self {
        match self.observations {
            Observations::Journeys => self,
            Observations::Replications { .. } => Stats { observations: Observations::Replications { scale: 1.0 }, t95: self.t95 },
        }
    }

    /// What Σb of the sums stands for in trials (replications' KPI sums
    /// are scaled, see `tally/`).
    fn trials(&self, sum_b: f64) -> f64 {
        match self.observations {
            Observations::Journeys => sum_b,
            Observations::Replications { scale } => sum_b * scale,
        }
    }

    /// The journeys behind `sums`: their count for independent journeys;
    /// for replications, read off the denominators of a mean per journey
    /// (1 per journey, scaled).
    fn journeys(&self, sums: &Sums<i128>) -> u64 {
        match self.observations {
            Observations::Journeys => sums.n,
            Observations::Replications { scale } => {
                let per_journey = crate::kpi::KPIS.iter().position(|k| k.key == "contacts_per_journey").unwrap_or(0);
                (float(sums.b[per_journey]) * scale).round() as u64
            }
        }
    }

    fn kpi_table(&self, sums: &Sums<i128>) -> KpiTable<Estimate> {
        KpiTable { entries: (0..KPI_COUNT).map(|k| (KPIS[k].key, self.estimate(k, KPIS[k].scale, sums))).collect() }
    }

    /// Figure `k` of `s` (a ratio Σa/Σb) with its 95% interval, kept to
    /// the values of `scale`.
    pub(crate) fn estimate(&self, k: usize, scale: Scale, s: &Sums<i128>) -> Estimate {
        let Some(p) = ratio_parts(k, s) else {
            return Estimate::NONE;
        };
        let ci95 = (s.n >= 2).then(|| {
            let n = s.n as f64;
            let variance = p.sum_d2 / (n * (n - 1.0)) / (p.b_mean * p.b_mean);
            interval(scale, p.ratio, variance, self.trials(float(s.b[k])), self.quantile(s.n))
        });
        Estimate { estimate: Some(p.ratio), ci95 }
    }

    /// A variant's change in figure `k` from the baseline, with the paired
    /// and unpaired intervals, and the verdict (`better`: which way is
    /// good, if either; `smallest`: the smallest change that matters, in
    /// the figure's units, 0 for none).
    pub(crate) fn difference(
        &self,
        k: usize,
        better: Option<Better>,
        smallest: f64,
        variant: &Sums<i128>,
        baseline: &Sums<i128>,
        cross: &CrossSums<i128>,
    ) -> Difference {
        let (Some(v), Some(b)) = (ratio_parts(k, variant), ratio_parts(k, baseline)) else {
            return Difference { estimate: None, ci95: None, unpaired_ci95: None, verdict: Verdict::NotApplicable };
        };
        let diff = v.ratio - b.ratio;
        let n = variant.n as f64;
        if variant.n < 2 {
            return Difference { estimate: Some(diff), ci95: None, unpaired_ci95: None, verdict: Verdict::NoDetectableDifference };
        }
        let z = self.quantile(variant.n);
        // Σ d_v·d_0 = Σ (a_v − R_v b_v)(a_0 − R_0 b_0), expanded into the cross sums.
        let sum_dv_d0 = float(cross.a_a0[k]) - b.ratio * float(cross.a_b0[k]) - v.ratio * float(cross.b_a0[k])
            + v.ratio * b.ratio * float(cross.b_b0[k]);
        let sum_psi2 = (v.sum_d2 / (v.b_mean * v.b_mean) - 2.0 * sum_dv_d0 / (v.b_mean * b.b_mean)
            + b.sum_d2 / (b.b_mean * b.b_mean))
            .max(0.0);
        let paired = z * libm::sqrt(sum_psi2 / (n * (n - 1.0)));
        let var_v = v.sum_d2 / (n * (n - 1.0)) / (v.b_mean * v.b_mean);
        let var_b = b.sum_d2 / (n * (n - 1.0)) / (b.b_mean * b.b_mean);
        let unpaired = z * libm::sqrt(var_v + var_b);
        let verdict = verdict_of(Some(diff), Some([diff - paired, diff + paired]), better, smallest);
        Difference {
            estimate: Some(diff),
            ci95: Some([diff - paired, diff + paired]),
            unpaired_ci95: Some([diff - unpaired, diff + unpaired]),
            verdict,
        }
    }
}

/// The verdict on a change `diff` with paired interval `ci95` (see
/// [`Verdict`]); `smallest`: the smallest change that matters, 0 for none.
fn verdict_of(diff: Option<f64>, ci95: Option<[f64; 2]>, better: Option<Better>, smallest: f64) -> Verdict {
    let (Some(diff), Some([lo, hi])) = (diff, ci95) else {
        return if diff.is_some() { Verdict::NoDetectableDifference } else { Verdict::NotApplicable };
    };
    if smallest > 0.0 && lo > -smallest && hi < smallest {
        Verdict::Negligible
    } else if lo > 0.0 || hi < 0.0 {
        match (diff > 0.0, better) {
            (_, None) => Verdict::Changed,
            (true, Some(Better::Higher)) | (false, Some(Better::Lower)) => Verdict::Better,
            _ => Verdict::Worse,
        }
    } else {
        Verdict::NoDetectableDifference
    }
}

/// The ratio, the mean of b, and Σd² for KPI `k` of one design.
struct RatioParts {
    ratio: f64,
    b_mean: f64,
    sum_d2: f64,
}

fn ratio_parts(k: usize, s: &Sums<i128>) -> Option<RatioParts> {
    let (a, b) = (float(s.a[k]), float(s.b[k]));
    if s.n == 0 || b <= 0.0 {
        return None;
    }
    let r = a / b;
    let sum_d2 = (float(s.aa[k]) - 2.0 * r * float(s.ab[k]) + r * r * float(s.bb[k])).max(0.0);
    Some(RatioParts { ratio: r, b_mean: b / s.n as f64, sum_d2 })
}

/// The 95% interval of an estimate with the given variance (delta method),
/// kept to the values the KPI can take (see [`Scale`]) and never wider
/// than they allow.
///
/// A rate gets Wilson's score interval with the effective number of trials
/// n = p(1 − p) / variance: for independent yes/no trials this is Wilson's
/// interval itself; for contacts clustered in journeys (or journeys in
/// replications) the delta-method variance carries the clustering. Unlike
/// the plain normal interval it stays inside [0, 1] and keeps a width at
/// 0% and 100%, where every trial agreeing would make the variance 0: the
/// trials are then the `trials` observed (Σb). Amounts and scores keep the
/// normal interval, cut at 0 (and 100).
pub(crate) fn interval(scale: Scale, estimate: f64, variance: f64, trials: f64, z: f64) -> [f64; 2] {
    match scale {
        Scale::Rate => {
            let p = estimate.clamp(0.0, 1.0);
            let spread = p * (1.0 - p);
            let n = if variance > 0.0 && spread > 0.0 { spread / variance } else { trials };
            if n.is_nan() || n <= 0.0 || n.is_infinite() {
                return [p, p];
            }
            let z2 = z * z;
            let centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
            let half = z / (1.0 + z2 / n) * libm::sqrt(spread / n + z2 / (4.0 * n * n));
            [(centre - half).clamp(0.0, p), (centre + half).clamp(p, 1.0)]
        }
        Scale::Amount | Scale::Score => {
            let half = z * libm::sqrt(variance.max(0.0));
            let top = if scale == Scale::Score { 100.0 } else { f64::INFINITY };
            [(estimate - half).max(0.0), (estimate + half).min(top)]
        }
    }
}
