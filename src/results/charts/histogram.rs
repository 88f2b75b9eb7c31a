//! Overlaid distributions of a per-journey figure for every design: hours
//! to resolution (log axis), contacts, cost (log axis) and satisfaction,
//! as a histogram or as a cumulative share (CDF).
//!
//! The engine's histograms have fixed bins shared by all designs (fine
//! ones: 32 per doubling for hours and cost). For reading, they are merged
//! into display bins: quarter-doublings on log axes (each within 4% of the
//! same width on the log scale), whole contacts, and five points of
//! satisfaction. On log axes the thin tails (0.1% of journeys at each end,
//! pooled over designs) are folded into the first and last bins so one
//! extreme journey does not stretch the axis.

use journey_engine::Report;
use journey_engine::histogram::{Binning, Histogram, PER_OCTAVE};
use plotters::prelude::DrawingBackend;

use super::DataTable;
use super::axes::{self, Key, LegendItem, PlotArea, Tick, X_AXIS_HEIGHT};
use super::paint::{Align, Baseline, DrawResult, Painter, TextStyle, size};
use super::palette::{INK, MUTED, WHITE, design_color};
use super::scale::{Linear, Log, duration_ticks, log_ticks_125, nice_axis};
use crate::results::format::{duration_hours, number, trim_zeros};

/// Which per-journey figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Metric {
    HoursToResolution,
    Contacts,
    Cost,
    Satisfaction,
}

impl Metric {
    pub const ALL: [Metric; 4] = [Metric::HoursToResolution, Metric::Contacts, Metric::Cost, Metric::Satisfaction];

    /// Stable key for ids, file names and data attributes.
    pub fn key(self) -> &'static str {
        match self {
            Metric::HoursToResolution => "hours-to-resolution",
            Metric::Contacts => "contacts",
            Metric::Cost => "cost",
            Metric::Satisfaction => "satisfaction",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Metric::HoursToResolution => "Hours to resolution",
            Metric::Contacts => "Contacts per journey",
            Metric::Cost => "Cost per journey",
            Metric::Satisfaction => "Satisfaction",
        }
    }

    fn axis_title(self, currency: &str) -> String {
        match self {
            Metric::HoursToResolution => "Time from first contact to resolution (log scale)".to_owned(),
            Metric::Contacts => "Contacts in the journey".to_owned(),
            Metric::Cost => format!("Cost of the journey, {currency} (log scale)"),
            Metric::Satisfaction => "Satisfaction score at the end (0–100)".to_owned(),
        }
    }

    fn population(self) -> &'static str {
        match self {
            Metric::HoursToResolution => "resolved journeys",
            _ => "journeys",
        }
    }

    fn histogram(self, design: &journey_engine::DesignReport) -> &Histogram {
        let h = &design.histograms;
        match self {
            Metric::HoursToResolution => &h.hours_to_resolution,
            Metric::Contacts => &h.contacts,
            Metric::Cost => &h.cost,
            Metric::Satisfaction => &h.satisfaction,
        }
    }

    fn log_axis(self) -> bool {
        matches!(self, Metric::HoursToResolution | Metric::Cost)
    }

    fn discrete(self) -> bool {
        self == Metric::Contacts
    }
}

/// Histogram or cumulative share.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mode {
    Histogram,
    Cdf,
}

impl Mode {
    pub fn key(self) -> &'static str {
        match self {
            Mode::Histogram => "histogram",
            Mode::Cdf => "cdf",
        }
    }
}

/// A display bin: `[lo, hi)` in the metric's unit, and its label.
#[derive(Clone, Debug, PartialEq)]
pub struct Bin {
    pub lo: f64,
    pub hi: f64,
    pub label: String,
}

/// One design's distribution over the display bins.
#[derive(Clone, Debug, PartialEq)]
pub struct DistSeries {
    pub name: String,
    pub design: usize,
    /// Journeys counted (resolved journeys for hours to resolution).
    pub total: u64,
    /// Share of `total` in each bin, as a fraction.
    pub shares: Vec<f64>,
    /// Median from the engine's fine bins.
    pub median: Option<f64>,
}

impl DistSeries {
    /// Cumulative share at the upper edge of each bin.
    pub fn cumulative(&self) -> Vec<f64> {
        self.shares
            .iter()
            .scan(0.0, |sum, s| {
                *sum += s;
                Some(*sum)
            })
            .collect()
    }
}

/// Everything needed to draw one distribution plot.
#[derive(Clone, Debug, PartialEq)]
pub struct Distribution {
    pub metric: Metric,
    pub mode: Mode,
    pub currency: String,
    pub bins: Vec<Bin>,
    pub series: Vec<DistSeries>,
}

/// A group of consecutive engine bins and its edges.
struct Group {
    bins: std::ops::Range<usize>,
    lo: f64,
    hi: f64,
}

/// Sub-bin boundaries (of 32 per doubling) closest to quarter-doublings:
/// 2^(j/4) − 1 ≈ 0, 6/32, 13/32, 22/32.
const QUARTERS: [usize; 5] = [0, 6, 13, 22, 32];

/// Groups the engine's bins into display bins.
fn groups(binning: &Binning) -> Vec<Group> {
    match *binning {
        Binning::LogLinear { low_exponent, octaves } => {
            debug_assert_eq!(PER_OCTAVE as usize, *QUARTERS.last().unwrap_or(&0));
            let first = libm_ldexp(low_exponent);
            // Bin 0 holds everything below the first doubling (zero too); on
            // a log axis it is shown as the half-doubling below it.
            let mut out = vec![Group { bins: 0..1, lo: first / 2.0, hi: first }];
            for octave in 0..octaves as usize {
                for q in 0..4 {
                    let start = 1 + octave * PER_OCTAVE as usize + QUARTERS[q];
                    let end = 1 + octave * PER_OCTAVE as usize + QUARTERS[q + 1];
                    out.push(Group { bins: start..end, lo: binning.edges(start).0, hi: binning.edges(end - 1).1 });
                }
            }
            let last = binning.len() - 1;
            let (lo, hi) = binning.edges(last);
            out.push(Group { bins: last..last + 1, lo, hi });
            out
        }
        Binning::Linear { bins, .. } => {
            let step = (bins as usize / 20).max(1);
            (0..bins as usize)
                .step_by(step)
                .map(|start| {
                    let end = (start + step).min(bins as usize);
                    Group { bins: start..end, lo: binning.edges(start).0, hi: binning.edges(end - 1).1 }
                })
                .collect()
        }
    }
}

fn libm_ldexp(e: i32) -> f64 {
    2f64.powi(e)
}

/// The distribution of `metric` in every design of `report`.
pub fn distribution(report: &Report, metric: Metric, mode: Mode) -> Distribution {
    let Some(first) = report.designs.first() else {
        return Distribution { metric, mode, currency: report.currency.clone(), bins: Vec::new(), series: Vec::new() };
    };
    let groups = groups(&metric.histogram(first).binning);
    let counts: Vec<Vec<u64>> = report
        .designs
        .iter()
        .map(|d| {
            let h = metric.histogram(d);
            groups.iter().map(|g| h.counts.get(g.bins.clone()).map_or(0, |c| c.iter().sum())).collect()
        })
        .collect();
    let pooled: Vec<u64> = (0..groups.len()).map(|i| counts.iter().map(|c| c[i]).sum()).collect();
    let total: u64 = pooled.iter().sum();

    let (from, to) = if total == 0 {
        (0, 0)
    } else if metric.log_axis() {
        // Fold the thinnest 0.1% at each end into the edge bins.
        let tail = total as f64 * 0.001;
        let mut below = 0.0;
        let from = pooled.iter().position(|&c| {
            below += c as f64;
            below > tail
        });
        let mut above = 0.0;
        let to = pooled.iter().rposition(|&c| {
            above += c as f64;
            above > tail
        });
        (from.unwrap_or(0), to.unwrap_or(groups.len() - 1).max(from.unwrap_or(0)))
    } else if metric.discrete() {
        let last = pooled.iter().rposition(|&c| c > 0).unwrap_or(0);
        (0, last)
    } else {
        (0, groups.len() - 1)
    };

    let folded_below = pooled[..from].iter().any(|&c| c > 0);
    let folded_above = total > 0 && pooled[to + 1..].iter().any(|&c| c > 0);
    let bins: Vec<Bin> = if total == 0 {
        Vec::new()
    } else {
        (from..=to)
            .map(|i| {
                let g = &groups[i];
                let label = bin_label(
                    metric,
                    &report.currency,
                    g.lo,
                    g.hi,
                    i == from && (folded_below || g.bins.start == 0) && metric.log_axis(),
                    i == to && folded_above,
                );
                Bin { lo: g.lo, hi: g.hi, label }
            })
            .collect()
    };
    let series = report
        .designs
        .iter()
        .enumerate()
        .map(|(d, design)| {
            let c = &counts[d];
            let n: u64 = c.iter().sum();
            let shares = if total == 0 {
                Vec::new()
            } else {
                (from..=to)
                    .map(|i| {
                        let mut k = c[i];
                        if i == from {
                            k += c[..from].iter().sum::<u64>();
                        }
                        if i == to {
                            k += c[to + 1..].iter().sum::<u64>();
                        }
                        if n == 0 { 0.0 } else { k as f64 / n as f64 }
                    })
                    .collect()
            };
            let histogram = metric.histogram(design);
            // Contacts are whole numbers: their median is one too.
            let median = if metric.discrete() { histogram.quantile_whole(0.5) } else { histogram.quantile(0.5) };
            DistSeries { name: design.name.clone(), design: d, total: n, shares, median }
        })
        .collect();
    Distribution { metric, mode, currency: report.currency.clone(), bins, series }
}

fn value_label(metric: Metric, currency: &str, v: f64) -> String {
    match metric {
        Metric::HoursToResolution => duration_hours(v),
        Metric::Cost => money_label(currency, v),
        Metric::Contacts | Metric::Satisfaction => trim_zeros(v, 2),
    }
}

/// Money on a log axis: whole units from 1 up ("$5"), cents below
/// ("$0.50"), and a third decimal below a cent ("$0.005").
fn money_label(currency: &str, v: f64) -> String {
    let decimals = if v >= 1.0 {
        0
    } else if v >= 0.01 {
        2
    } else {
        3
    };
    money_label_with(currency, v, decimals)
}

fn bin_label(metric: Metric, currency: &str, lo: f64, hi: f64, open_below: bool, open_above: bool) -> String {
    match metric {
        Metric::Contacts if open_above => format!("{} or more", trim_zeros(lo, 0)),
        Metric::Contacts => trim_zeros(lo, 0),
        _ if open_below => format!("under {}", value_label(metric, currency, hi)),
        _ if open_above => format!("{} or more", value_label(metric, currency, lo)),
        Metric::Satisfaction => format!("{} to {}", trim_zeros(lo, 0), trim_zeros(hi, 0)),
        Metric::Cost => {
            // Enough decimals that the two ends differ: "$1.19 to $1.41",
            // never "$1 to $1".
            let (mut a, mut b) = (money_label(currency, lo), money_label(currency, hi));
            for decimals in 2..=4 {
                if a != b {
                    break;
                }
                a = money_label_with(currency, lo, decimals);
                b = money_label_with(currency, hi, decimals);
            }
            format!("{a} to {b}")
        }
        _ => format!("{} to {}", value_label(metric, currency, lo), value_label(metric, currency, hi)),
    }
}

/// Money with a fixed number of decimals.
fn money_label_with(currency: &str, v: f64, decimals: usize) -> String {
    let digits = number(v, decimals, false);
    match crate::results::format::currency_symbol(currency) {
        Some(symbol) => format!("{symbol}{digits}"),
        None => format!("{digits}\u{a0}{currency}"),
    }
}

impl Distribution {
    pub fn title(&self) -> String {
        match self.mode {
            Mode::Histogram => format!("{} by design", self.metric.title()),
            Mode::Cdf => format!("{} by design, cumulative", self.metric.title()),
        }
    }

    fn y_title(&self) -> String {
        match self.mode {
            Mode::Histogram => format!("Share of {}", self.metric.population()),
            Mode::Cdf => "Share at or below".to_owned(),
        }
    }

    /// One sentence for screen readers.
    pub fn summary(&self) -> String {
        if self.bins.is_empty() {
            return format!("{}: no {} to show yet.", self.title(), self.metric.population());
        }
        let medians: Vec<String> = self
            .series
            .iter()
            .map(|s| match s.median {
                Some(m) => format!("{} {}", s.name, value_label(self.metric, &self.currency, m)),
                None => format!("{} none", s.name),
            })
            .collect();
        format!(
            "{} over {} bins from {} to {}. Median: {}.",
            self.title(),
            self.bins.len(),
            self.bins[0].label,
            self.bins[self.bins.len() - 1].label,
            medians.join(", ")
        )
    }

    /// What is plotted for each series, a fraction per bin: its share of
    /// the bin (histogram) or the cumulative share up to the bin's upper
    /// edge (CDF). The drawing and the data table both read these.
    fn plotted(&self) -> Vec<Vec<f64>> {
        self.series
            .iter()
            .map(|s| match self.mode {
                Mode::Histogram => s.shares.clone(),
                Mode::Cdf => s.cumulative(),
            })
            .collect()
    }

    /// The plotted numbers, a row per bin.
    pub fn table(&self) -> DataTable {
        let mut headers = vec![self.metric.axis_title(&self.currency)];
        headers.extend(self.series.iter().map(|s| s.name.clone()));
        let values = self.plotted();
        let rows = self
            .bins
            .iter()
            .enumerate()
            .map(|(i, bin)| {
                let mut row = vec![bin.label.clone()];
                row.extend(values.iter().map(|v| format!("{}%", number(v[i] * 100.0, 1, false))));
                row
            })
            .collect();
        let what = match self.mode {
            Mode::Histogram => format!("share of {} in each bin", self.metric.population()),
            Mode::Cdf => format!("cumulative share of {} up to each bin's upper edge", self.metric.population()),
        };
        DataTable { caption: format!("{}: {what}", self.title()), headers, rows }
    }

    pub fn legend(&self) -> Vec<LegendItem> {
        self.series
            .iter()
            .map(|s| LegendItem {
                name: s.name.clone(),
                color: design_color(s.design),
                key: if self.mode == Mode::Cdf || !self.metric.discrete() { Key::Line(None) } else { Key::Swatch },
            })
            .collect()
    }

    /// Draws the plot to fill the painter's frame.
    pub fn draw<DB: DrawingBackend>(&self, p: &Painter<DB>) -> DrawResult {
        let frame = p.frame();
        p.clear(WHITE)?;
        let top = axes::draw_title_and_legend(p, &self.title(), &self.legend())? + 6.0;
        if self.bins.is_empty() {
            return p.text(
                &format!("No {} yet.", self.metric.population()),
                (frame.width / 2.0, (top + frame.height) / 2.0),
                TextStyle::new(size::LABEL, MUTED).align(Align::Middle),
            );
        }

        // y axis: percent.
        let values = self.plotted();
        let y_axis = match self.mode {
            Mode::Histogram => {
                let max = values.iter().flatten().fold(0.0f64, |a, &b| a.max(b)) * 100.0;
                nice_axis(0.0, max.max(1.0), 4)
            }
            Mode::Cdf => nice_axis(0.0, 100.0, 4),
        };
        let bottom = frame.height - X_AXIS_HEIGHT;
        let y_ticks_at = |y: &Linear| -> Vec<Tick> {
            y_axis.ticks.iter().map(|&t| Tick { at: y.map(t), label: format!("{}%", trim_zeros(t, 1)) }).collect()
        };
        let probe = Linear::new((y_axis.min, y_axis.max), (bottom, top));
        let left = 16.0 + axes::y_axis_width(&y_ticks_at(&probe));
        let plot = PlotArea { left, top, right: frame.width - 24.0, bottom };
        let y = Linear::new((y_axis.min, y_axis.max), (plot.bottom, plot.top));
        axes::draw_y_axis(p, plot, &y_ticks_at(&y), &self.y_title())?;

        let x_title = self.metric.axis_title(&self.currency);
        let (lo, hi) = (self.bins[0].lo, self.bins[self.bins.len() - 1].hi);
        if self.metric.discrete() {
            return self.draw_discrete(p, plot, &y, &values, &x_title);
        }
        let (x, ticks): (Box<dyn Fn(f64) -> f64>, Vec<Tick>) = if self.metric.log_axis() {
            let x = Log::new((lo, hi), (plot.left, plot.right));
            let candidates = match self.metric {
                Metric::HoursToResolution => duration_ticks(lo, hi),
                _ => log_ticks_125(lo, hi),
            };
            let ticks = candidates.iter().map(|&v| Tick { at: x.map(v), label: value_label(self.metric, &self.currency, v) }).collect();
            (Box::new(move |v| x.map(v)), ticks)
        } else {
            let x = Linear::new((lo, hi), (plot.left, plot.right));
            let ticks = nice_axis(lo, hi, 5).ticks.iter().map(|&v| Tick { at: x.map(v), label: trim_zeros(v, 1) }).collect();
            (Box::new(move |v| x.map(v)), ticks)
        };
        axes::draw_x_axis(p, plot, &ticks, &x_title)?;
        self.draw_continuous(p, &*x, &y, &values)
    }

    /// Step outlines (histogram) or lines through the bin edges (CDF),
    /// baseline first and filled, so variants lie on top of it.
    fn draw_continuous<DB: DrawingBackend>(&self, p: &Painter<DB>, x: &dyn Fn(f64) -> f64, y: &Linear, values: &[Vec<f64>]) -> DrawResult {
        for (s, v) in self.series.iter().zip(values) {
            let color = design_color(s.design);
            let points: Vec<(f64, f64)> = match self.mode {
                Mode::Histogram => {
                    let mut pts = vec![(x(self.bins[0].lo), y.map(0.0))];
                    for (bin, share) in self.bins.iter().zip(v) {
                        pts.push((x(bin.lo), y.map(share * 100.0)));
                        pts.push((x(bin.hi), y.map(share * 100.0)));
                    }
                    pts.push((x(self.bins[self.bins.len() - 1].hi), y.map(0.0)));
                    pts
                }
                Mode::Cdf => std::iter::once((x(self.bins[0].lo), y.map(0.0)))
                    .chain(self.bins.iter().zip(v).map(|(bin, c)| (x(bin.hi), y.map(c * 100.0))))
                    .collect(),
            };
            if s.design == 0 && self.mode == Mode::Histogram {
                p.polygon(&points, color, 0.14)?;
            }
            p.line(&points, color, if s.design == 0 { 3.0 } else { 3.5 })?;
        }
        Ok(())
    }

    /// Grouped bars (histogram) or steps (CDF) over whole contacts.
    fn draw_discrete<DB: DrawingBackend>(
        &self,
        p: &Painter<DB>,
        plot: PlotArea,
        y: &Linear,
        values: &[Vec<f64>],
        x_title: &str,
    ) -> DrawResult {
        let n = self.bins.len();
        let band = plot.width() / n as f64;
        let centre = |i: usize| plot.left + band * (i as f64 + 0.5);
        let ticks: Vec<Tick> = self.bins.iter().enumerate().map(|(i, b)| Tick { at: centre(i), label: b.label.clone() }).collect();
        axes::draw_x_axis(p, plot, &ticks, x_title)?;
        let k = self.series.len().max(1) as f64;
        let bar = (band * 0.8 / k).min(60.0);
        // Left edge of series j's bar over contact count i: the designs'
        // bars side by side, centred on the count.
        let bar_left = |i: usize, j: usize| centre(i) - bar * k / 2.0 + bar * j as f64;
        for (j, (s, v)) in self.series.iter().zip(values).enumerate() {
            let color = design_color(s.design);
            match self.mode {
                Mode::Histogram => {
                    for (i, share) in v.iter().enumerate() {
                        let x0 = bar_left(i, j);
                        p.rect((x0 + 1.0, y.map(share * 100.0)), (x0 + bar - 1.0, y.map(0.0)), color, 1.0)?;
                    }
                }
                Mode::Cdf => {
                    let mut points = vec![(plot.left, y.map(0.0))];
                    for (i, c) in v.iter().enumerate() {
                        let x0 = plot.left + band * i as f64;
                        points.push((x0, points.last().map_or(y.map(0.0), |pt| pt.1)));
                        points.push((x0, y.map(c * 100.0)));
                        points.push((x0 + band, y.map(c * 100.0)));
                    }
                    p.line(&points, color, 3.5)?;
                    for (i, c) in v.iter().enumerate() {
                        p.marker(super::palette::design_marker(s.design), (centre(i), y.map(c * 100.0)), 4.5, color)?;
                    }
                }
            }
        }
        if self.mode == Mode::Histogram {
            // Values above the bars of the few contact counts, after every
            // bar so no neighbouring bar covers them.
            for (j, v) in values.iter().enumerate() {
                for (i, share) in v.iter().enumerate() {
                    if *share >= 0.005 && bar >= 30.0 {
                        p.text(
                            &format!("{}%", number(share * 100.0, 0, false)),
                            (bar_left(i, j) + bar / 2.0, y.map(share * 100.0) - 3.0),
                            TextStyle::new(size::SMALL, INK).align(Align::Middle).baseline(Baseline::Bottom),
                        )?;
                    }
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::test_support::report_of;

    #[test]
    fn quarter_doublings_are_nearly_equal_on_a_log_scale() {
        let widths: Vec<f64> = QUARTERS.windows(2).map(|w| ((32 + w[1]) as f64 / (32 + w[0]) as f64).log2()).collect();
        for w in widths {
            assert!((w - 0.25).abs() / 0.25 < 0.06, "{w}");
        }
    }

    #[test]
    fn display_bins_cover_every_engine_bin_once() {
        for binning in [
            journey_engine::histogram::HOURS,
            journey_engine::histogram::COST,
            journey_engine::histogram::SATISFACTION,
            journey_engine::histogram::CONTACTS,
        ] {
            let gs = groups(&binning);
            let mut next = 0;
            for g in &gs {
                assert_eq!(g.bins.start, next);
                assert!(g.lo < g.hi);
                next = g.bins.end;
            }
            assert_eq!(next, binning.len());
        }
    }

    #[test]
    fn shares_sum_to_one_and_cdfs_end_at_one_for_every_metric() {
        let report = report_of("password-reset", 4096);
        for metric in Metric::ALL {
            let d = distribution(&report, metric, Mode::Histogram);
            assert!(!d.bins.is_empty(), "{metric:?}");
            assert_eq!(d.series.len(), report.designs.len());
            for s in &d.series {
                assert_eq!(s.shares.len(), d.bins.len());
                if s.total > 0 {
                    let sum: f64 = s.shares.iter().sum();
                    assert!((sum - 1.0).abs() < 1e-9, "{metric:?} {sum}");
                    assert!((s.cumulative().last().unwrap() - 1.0).abs() < 1e-9);
                }
            }
            // Bins run left to right without gaps.
            assert!(d.bins.windows(2).all(|w| (w[0].hi - w[1].lo).abs() < 1e-12));
        }
    }

    #[test]
    fn hours_are_shared_among_resolved_journeys_only() {
        let report = report_of("password-reset", 4096);
        let d = distribution(&report, Metric::HoursToResolution, Mode::Histogram);
        for (s, design) in d.series.iter().zip(&report.designs) {
            let resolved = design.kpis.get("resolution_rate").and_then(|e| e.estimate).unwrap();
            assert_eq!(s.total, (resolved * report.journeys as f64).round() as u64);
        }
    }

    #[test]
    fn contacts_are_whole_numbers_from_one() {
        let report = report_of("pro-photographer", 4096);
        let d = distribution(&report, Metric::Contacts, Mode::Histogram);
        assert_eq!(d.bins[0].label, "1");
        assert!(d.bins.iter().all(|b| b.hi - b.lo == 1.0));
        // The table has a row per bin and a column per design.
        let t = d.table();
        assert_eq!(t.rows.len(), d.bins.len());
        assert_eq!(t.headers.len(), 1 + report.designs.len());
        assert!(d.summary().contains("Median"));
    }

    #[test]
    fn money_ticks_keep_the_leading_digit() {
        assert_eq!(money_label("USD", 0.005), "$0.005");
        assert_eq!(money_label("USD", 0.5), "$0.50");
        assert_eq!(money_label("USD", 20.0), "$20");
        assert_eq!(money_label("SEK", 2000.0), "2,000\u{a0}SEK");
    }

    #[test]
    fn an_empty_report_gives_an_empty_plot_not_a_panic() {
        let mut report = report_of("password-reset", 4096);
        for d in &mut report.designs {
            d.histograms.hours_to_resolution.counts.iter_mut().for_each(|c| *c = 0);
        }
        let d = distribution(&report, Metric::HoursToResolution, Mode::Cdf);
        assert!(d.bins.is_empty());
        assert!(d.summary().contains("no resolved journeys"));
    }
}
