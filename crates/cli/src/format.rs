//! Numbers in words for the table: KPI values in their units, intervals,
//! changes and verdicts, and counts with thousands separators.
//!
//! A KPI's unit (from the engine's [`KPIS`]) decides how it reads:
//! rates as percentages (changes in percentage points), money with the
//! study's currency code, times with `min` or `h`, counts as plain numbers.
//! The number of decimals is fixed per row, from the magnitude of the
//! baseline's figure, so a row's cells line up and compare at a glance.

use journey_engine::report::KpiTable;
use journey_engine::{Difference, Estimate, KPIS, Verdict};

/// How one row of the table writes its numbers.
#[derive(Clone, Debug, PartialEq)]
pub struct Scale {
    unit: Unit,
    decimals: usize,
}

#[derive(Clone, Debug, PartialEq)]
enum Unit {
    Percent,
    Money(String),
    Minutes,
    Hours,
    Count,
}

/// A row of the table: a KPI key with its label and scale.
#[derive(Clone, Debug)]
pub struct Row {
    pub key: &'static str,
    pub label: &'static str,
    pub scale: Scale,
}

/// The quantiles of hours to resolution, which have no interval and so are
/// not among the engine's [`KPIS`].
const QUANTILES: [(&str, &str); 2] = [
    ("hours_to_resolution_p50", "Hours to resolution, median"),
    ("hours_to_resolution_p90", "Hours to resolution, 90th pct"),
];

/// Every row of the table, in MODEL.md's order: the KPIs with intervals,
/// with the two quantiles right after the mean hours to resolution.
pub fn rows(baseline: &KpiTable<Estimate>, currency: &str) -> Vec<Row> {
    let mut rows = Vec::new();
    let magnitude = |key: &str| baseline.get(key).and_then(|e| e.estimate).unwrap_or(0.0);
    for info in &KPIS {
        let unit = match info.unit {
            "%" => Unit::Percent,
            "money" => Unit::Money(currency.to_owned()),
            "min" => Unit::Minutes,
            "h" => Unit::Hours,
            _ => Unit::Count,
        };
        rows.push(Row {
            key: info.key,
            label: info.label,
            scale: Scale::new(unit, magnitude(info.key)),
        });
        if info.key == "contacts_per_journey" {
            for derived in &journey_engine::kpi::DERIVED_KPIS {
                rows.push(Row { key: derived.key, label: derived.label, scale: Scale::new(Unit::Count, magnitude(derived.key)) });
            }
        }
        if info.key == "hours_to_resolution" {
            for (key, label) in QUANTILES {
                rows.push(Row {
                    key,
                    label,
                    scale: Scale::new(Unit::Hours, magnitude(key)),
                });
            }
        }
    }
    rows
}

impl Scale {
    /// A rate's scale (percent), for the rates by contact channel.
    pub fn percent() -> Self {
        Self::new(Unit::Percent, 0.5)
    }

    fn new(unit: Unit, magnitude: f64) -> Self {
        let decimals = match unit {
            Unit::Percent => 1,
            Unit::Money(_) => 2,
            // Two decimals below 10 keep 1.45 contacts or 0.82 h readable;
            // above, one is plenty for 63.4 points or 27.5 minutes.
            Unit::Minutes | Unit::Hours | Unit::Count => {
                if magnitude.abs() < 10.0 {
                    2
                } else {
                    1
                }
            }
        };
        Self { unit, decimals }
    }

    /// A figure with its unit: `81.2%`, `USD 6.35`, `12.4 min`.
    pub fn value(&self, x: f64) -> String {
        let n = self.number(x, false);
        match &self.unit {
            Unit::Percent => format!("{n}%"),
            Unit::Money(code) => format!("{code} {n}"),
            Unit::Minutes => format!("{n} min"),
            Unit::Hours => format!("{n} h"),
            Unit::Count => n,
        }
    }

    /// A change with its unit and sign: `+6.8 pt`, `USD -1.20`, `-0.35 h`.
    pub fn change(&self, x: f64) -> String {
        let n = self.number(x, true);
        match &self.unit {
            Unit::Percent => format!("{n} pt"),
            Unit::Money(code) => format!("{code} {n}"),
            Unit::Minutes => format!("{n} min"),
            Unit::Hours => format!("{n} h"),
            Unit::Count => n,
        }
    }

    /// The number alone, in this row's decimals (percentages ×100).
    fn number(&self, x: f64, signed: bool) -> String {
        let x = if self.unit == Unit::Percent {
            x * 100.0
        } else {
            x
        };
        let d = self.decimals;
        // Rounding to zero must not print "-0.0".
        let x = if format!("{:.d$}", x.abs())
            .trim_start_matches(['0', '.'])
            .is_empty()
        {
            0.0
        } else {
            x
        };
        if signed {
            format!("{x:+.d$}")
        } else {
            format!("{x:.d$}")
        }
    }

    /// A design's cell: `81.2% ± 0.5%`; the estimate alone when there is no
    /// interval; `n/a` when the figure is undefined for the design.
    pub fn estimate_cell(&self, e: Option<&Estimate>) -> String {
        match e.and_then(|e| e.estimate.map(|x| (x, e.half_width()))) {
            None => "n/a".to_owned(),
            Some((x, None)) => self.value(x),
            Some((x, Some(half))) => format!("{} ± {}", self.value(x), self.half_width(half)),
        }
    }

    /// A variant's change: `+6.8 pt [+6.3, +7.3]`.
    pub fn difference_cell(&self, d: &Difference) -> String {
        match (d.estimate, d.ci95) {
            (None, _) => "n/a".to_owned(),
            (Some(x), None) => self.change(x),
            (Some(x), Some([lo, hi])) => format!(
                "{} [{}, {}]",
                self.change(x),
                self.number(lo, true),
                self.number(hi, true)
            ),
        }
    }

    /// A half-width in the figure's unit; percentages keep their `%` (it
    /// is in percentage points, as a poll's "± 3%" is).
    fn half_width(&self, half: f64) -> String {
        let n = self.number(half, false);
        match &self.unit {
            Unit::Percent => format!("{n}%"),
            _ => n,
        }
    }
}

/// A verdict in plain words.
pub fn verdict(v: Verdict) -> &'static str {
    match v {
        Verdict::Better => "better",
        Verdict::Worse => "worse",
        Verdict::NoDetectableDifference => "no detectable difference",
        Verdict::Negligible => "negligible",
        Verdict::NotApplicable => "n/a",
        Verdict::NoInterval => "not judged (no interval)",
        Verdict::Changed => "changed",
    }
}

/// A count with thousands separators: `2,000,000`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A rate with three significant figures and separators: `1,234,000`.
pub fn rate(per_second: f64) -> String {
    if !per_second.is_finite() || per_second <= 0.0 {
        return "0".to_owned();
    }
    let digits = per_second.log10().floor() as i32;
    let step = 10f64.powi((digits - 2).max(0));
    thousands(((per_second / step).round() * step) as u64)
}

/// Bytes in KiB, MiB or GiB.
pub fn bytes(n: u64) -> String {
    const UNITS: [&str; 4] = ["bytes", "KiB", "MiB", "GiB"];
    let mut x = n as f64;
    let mut unit = 0;
    while x >= 1024.0 && unit < UNITS.len() - 1 {
        x /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{n} bytes")
    } else {
        format!("{x:.1} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scale(unit: Unit, magnitude: f64) -> Scale {
        Scale::new(unit, magnitude)
    }

    #[test]
    fn percentages_read_as_percent_and_change_in_points() {
        let s = scale(Unit::Percent, 0.8);
        let e = Estimate {
            estimate: Some(0.8123),
            ci95: Some([0.8073, 0.8173]),
        };
        assert_eq!(s.estimate_cell(Some(&e)), "81.2% ± 0.5%");
        let d = Difference {
            estimate: Some(0.068),
            ci95: Some([0.063, 0.073]),
            unpaired_ci95: None,
            verdict: Verdict::Better,
        };
        assert_eq!(s.difference_cell(&d), "+6.8 pt [+6.3, +7.3]");
    }

    #[test]
    fn money_carries_the_currency_code() {
        let s = scale(Unit::Money("EUR".into()), 6.0);
        assert_eq!(s.value(6.349), "EUR 6.35");
        assert_eq!(s.change(-1.2), "EUR -1.20");
    }

    #[test]
    fn decimals_follow_the_baseline_magnitude() {
        assert_eq!(scale(Unit::Count, 1.45).value(1.4512), "1.45");
        assert_eq!(scale(Unit::Count, 63.0).value(63.44), "63.4");
        assert_eq!(scale(Unit::Hours, 30.0).value(27.46), "27.5 h");
        assert_eq!(scale(Unit::Minutes, 3.0).value(3.456), "3.46 min");
    }

    #[test]
    fn undefined_figures_and_missing_intervals() {
        let s = scale(Unit::Count, 1.0);
        assert_eq!(s.estimate_cell(None), "n/a");
        assert_eq!(
            s.estimate_cell(Some(&Estimate {
                estimate: None,
                ci95: None
            })),
            "n/a"
        );
        assert_eq!(
            s.estimate_cell(Some(&Estimate {
                estimate: Some(2.0),
                ci95: None
            })),
            "2.00"
        );
    }

    #[test]
    fn tiny_negative_changes_do_not_print_minus_zero() {
        let s = scale(Unit::Percent, 0.5);
        assert_eq!(s.change(-0.00001), "+0.0 pt");
        assert_eq!(s.change(-0.001), "-0.1 pt");
    }

    #[test]
    fn every_kpi_repeat_contacts_and_both_quantiles_get_a_row() {
        let table = KpiTable {
            entries: Vec::new(),
        };
        let keys: Vec<_> = rows(&table, "USD").iter().map(|r| r.key).collect();
        assert_eq!(keys.len(), KPIS.len() + 3);
        let contacts = keys.iter().position(|k| *k == "contacts_per_journey").unwrap();
        assert_eq!(keys[contacts + 1], "repeat_contacts");
        let mean = keys
            .iter()
            .position(|k| *k == "hours_to_resolution")
            .unwrap();
        assert_eq!(keys[mean + 1], "hours_to_resolution_p50");
        assert_eq!(keys[mean + 2], "hours_to_resolution_p90");
    }

    #[test]
    fn counts_and_rates_group_thousands() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(10_000_000), "10,000,000");
        assert_eq!(rate(1_234_567.0), "1,230,000");
        assert_eq!(rate(987.6), "988");
        assert_eq!(bytes(512), "512 bytes");
        assert_eq!(bytes(3 << 20), "3.0 MiB");
    }
}
