//! Numbers as a person reads them: KPI values by unit, their intervals and
//! their changes.
//!
//! A KPI's unit (`KpiInfo::unit`: "%", "min", "h", "money" or "" for a
//! count) and the size of its estimate decide how every number of that KPI
//! is written, so an estimate, its interval and the change from the
//! baseline share one unit and one number of decimals. Rates are fractions
//! in the report and read as percentages here; their changes are in
//! percentage points. Negative numbers take a true minus sign (U+2212).

/// How the numbers of one KPI are written.
#[derive(Clone, Debug, PartialEq)]
pub struct NumberFormat {
    kind: Kind,
}

#[derive(Clone, Debug, PartialEq)]
enum Kind {
    /// A fraction written as a percentage with one decimal.
    Percent,
    /// Minutes, with `decimals`.
    Minutes { decimals: usize },
    /// Whole seconds (a fast queue's waits).
    Seconds,
    /// Elapsed time: a value in hours written in the unit that suits it.
    Duration(TimeUnit),
    /// Money in the study's currency.
    Money { prefix: String, suffix: String, decimals: usize },
    /// A plain number (counts per journey, satisfaction points).
    Plain { decimals: usize },
}

/// The unit an elapsed time is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeUnit {
    Minutes,
    Hours,
    Days,
}

impl TimeUnit {
    /// The unit that suits a time of `hours`.
    pub fn for_hours(hours: f64) -> Self {
        let hours = hours.abs();
        if hours < 1.0 {
            TimeUnit::Minutes
        } else if hours < 48.0 {
            TimeUnit::Hours
        } else {
            TimeUnit::Days
        }
    }
}

impl NumberFormat {
    /// The format for a KPI of `unit` whose values are about `reference`
    /// (its estimate, or the largest of the designs' estimates).
    pub fn new(unit: &str, currency: &str, reference: f64) -> Self {
        let size = if reference.is_finite() { reference.abs() } else { 0.0 };
        let kind = match unit {
            "%" => Kind::Percent,
            "min" => Kind::Minutes { decimals: if size >= 100.0 { 0 } else { 1 } },
            "s" => Kind::Seconds,
            "h" => Kind::Duration(TimeUnit::for_hours(size)),
            "money" => {
                let (prefix, suffix) = match currency_symbol(currency) {
                    Some(symbol) => (symbol.to_owned(), String::new()),
                    None => (String::new(), format!("\u{a0}{currency}")),
                };
                Kind::Money { prefix, suffix, decimals: if size >= 1000.0 { 0 } else { 2 } }
            }
            _ => Kind::Plain { decimals: if size >= 10.0 { 1 } else { 2 } },
        };
        Self { kind }
    }

    /// A value with its unit: "72.3%", "12.5 min", "3.2 h", "$12.34".
    pub fn value(&self, v: f64) -> String {
        self.write(v, false)
    }

    /// A change with its sign and unit: "+5.8 pp", "−$1.20", "−0.12".
    pub fn change(&self, d: f64) -> String {
        self.write(d, true)
    }

    /// An interval of values: "71.7% to 72.9%".
    pub fn interval(&self, [lo, hi]: [f64; 2]) -> String {
        format!("{} to {}", self.value(lo), self.value(hi))
    }

    /// An interval of changes: "+5.3 to +6.3 pp".
    pub fn change_interval(&self, [lo, hi]: [f64; 2]) -> String {
        format!("{} to {}", self.change(lo), self.change(hi))
    }

    /// The unit in words, for a table header: "%", "pp", "min", "h", "USD".
    pub fn unit_label(&self, change: bool) -> String {
        match &self.kind {
            Kind::Percent if change => "pp".to_owned(),
            Kind::Percent => "%".to_owned(),
            Kind::Minutes { .. } => "min".to_owned(),
            Kind::Seconds => "s".to_owned(),
            Kind::Duration(TimeUnit::Minutes) => "min".to_owned(),
            Kind::Duration(TimeUnit::Hours) => "h".to_owned(),
            Kind::Duration(TimeUnit::Days) => "days".to_owned(),
            Kind::Money { prefix, suffix, .. } => format!("{prefix}{}", suffix.trim()),
            Kind::Plain { .. } => String::new(),
        }
    }

    fn write(&self, v: f64, signed: bool) -> String {
        if !v.is_finite() {
            return "–".to_owned();
        }
        match &self.kind {
            Kind::Percent => {
                let unit = if signed { "\u{a0}pp" } else { "%" };
                format!("{}{unit}", number(v * 100.0, 1, signed))
            }
            Kind::Minutes { decimals } => format!("{}\u{a0}min", number(v, *decimals, signed)),
            Kind::Seconds => format!("{}\u{a0}s", number(v, 0, signed)),
            Kind::Duration(unit) => {
                let (x, word, decimals) = match unit {
                    TimeUnit::Minutes => (v * 60.0, "min", if (v * 60.0).abs() >= 10.0 { 0 } else { 1 }),
                    TimeUnit::Hours => (v, "h", 1),
                    TimeUnit::Days => (v / 24.0, "days", 1),
                };
                format!("{}\u{a0}{word}", number(x, decimals, signed))
            }
            Kind::Money { prefix, suffix, decimals } => {
                // The sign goes before the currency symbol: "−$1.20".
                let digits = number(v.abs(), *decimals, false);
                let sign = sign_of(v, *decimals, signed);
                format!("{sign}{prefix}{digits}{suffix}")
            }
            Kind::Plain { decimals } => number(v, *decimals, signed),
        }
    }
}

/// The symbol of a common currency code; other codes are written out.
pub fn currency_symbol(code: &str) -> Option<&'static str> {
    Some(match code.trim().to_ascii_uppercase().as_str() {
        "USD" => "$",
        "EUR" => "€",
        "GBP" => "£",
        "JPY" => "¥",
        "INR" => "₹",
        "AUD" => "A$",
        "CAD" => "C$",
        "NZD" => "NZ$",
        _ => return None,
    })
}

/// `v` rounded to `decimals`, with thousands separators and a true minus
/// sign; `signed` adds "+" to positive numbers.
pub fn number(v: f64, decimals: usize, signed: bool) -> String {
    let digits = group_thousands(&format!("{:.*}", decimals, v.abs()));
    format!("{}{digits}", sign_of(v, decimals, signed))
}

/// A count of journeys: "20,000".
pub fn count(n: u64) -> String {
    group_thousands(&n.to_string())
}

/// The sign a number shows once rounded: nothing for zero, so a value that
/// rounds to 0 never reads "−0.0".
fn sign_of(v: f64, decimals: usize, signed: bool) -> &'static str {
    let rounds_to_zero = format!("{:.*}", decimals, v.abs()).bytes().all(|b| b == b'0' || b == b'.');
    if rounds_to_zero {
        ""
    } else if v < 0.0 {
        "\u{2212}"
    } else if signed {
        "+"
    } else {
        ""
    }
}

/// Puts commas between groups of three digits of the integer part.
fn group_thousands(digits: &str) -> String {
    let (int, frac) = digits.split_once('.').map_or((digits, None), |(i, f)| (i, Some(f)));
    let mut out = String::with_capacity(digits.len() + int.len() / 3);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(frac) = frac {
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// A duration in hours in words for an axis or a story: "45 s", "12 min",
/// "3.5 h", "2.1 days".
pub fn duration_hours(hours: f64) -> String {
    let minutes = hours * 60.0;
    if minutes < 1.0 {
        format!("{:.0}\u{a0}s", minutes * 60.0)
    } else if hours < 1.0 {
        format!("{}\u{a0}min", trim_zeros(minutes, if minutes < 10.0 { 1 } else { 0 }))
    } else if hours < 48.0 {
        format!("{}\u{a0}h", trim_zeros(hours, if hours < 10.0 { 1 } else { 0 }))
    } else {
        let days = hours / 24.0;
        format!("{}\u{a0}days", trim_zeros(days, if days < 10.0 { 1 } else { 0 }))
    }
}

/// `v` with at most `decimals`, without trailing zeros: 2.50 → "2.5".
pub fn trim_zeros(v: f64, decimals: usize) -> String {
    let s = number(v, decimals, false);
    if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_owned() } else { s }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_have_one_decimal_and_changes_are_in_points() {
        let f = NumberFormat::new("%", "USD", 0.72);
        assert_eq!(f.value(0.7234), "72.3%");
        assert_eq!(f.change(0.058), "+5.8\u{a0}pp");
        assert_eq!(f.change(-0.0581), "\u{2212}5.8\u{a0}pp");
        assert_eq!(f.interval([0.717, 0.729]), "71.7% to 72.9%");
        assert_eq!(f.unit_label(true), "pp");
    }

    #[test]
    fn money_uses_the_currency_symbol_or_code_and_signs_before_it() {
        let usd = NumberFormat::new("money", "USD", 12.0);
        assert_eq!(usd.value(12.345), "$12.35");
        assert_eq!(usd.change(-1.2), "\u{2212}$1.20");
        assert_eq!(usd.change(0.5), "+$0.50");
        let chf = NumberFormat::new("money", "CHF", 12.0);
        assert_eq!(chf.value(3.0), "3.00\u{a0}CHF");
        let big = NumberFormat::new("money", "EUR", 12_500.0);
        assert_eq!(big.value(12_499.6), "€12,500");
    }

    #[test]
    fn hours_are_written_in_the_unit_that_suits_the_estimate() {
        let short = NumberFormat::new("h", "USD", 0.4);
        assert_eq!(short.value(0.4), "24\u{a0}min");
        assert_eq!(short.value(0.1), "6.0\u{a0}min");
        let medium = NumberFormat::new("h", "USD", 5.26);
        assert_eq!(medium.value(5.26), "5.3\u{a0}h");
        // The interval keeps the estimate's unit even where an end is small.
        assert_eq!(medium.interval([0.5, 9.0]), "0.5\u{a0}h to 9.0\u{a0}h");
        let long = NumberFormat::new("h", "USD", 72.0);
        assert_eq!(long.value(72.0), "3.0\u{a0}days");
    }

    #[test]
    fn counts_and_minutes_have_sensible_decimals() {
        assert_eq!(NumberFormat::new("", "USD", 1.43).value(1.4321), "1.43");
        assert_eq!(NumberFormat::new("", "USD", 72.4).value(72.44), "72.4");
        assert_eq!(NumberFormat::new("min", "USD", 12.0).value(12.34), "12.3\u{a0}min");
        assert_eq!(NumberFormat::new("min", "USD", 150.0).value(150.4), "150\u{a0}min");
    }

    #[test]
    fn a_value_that_rounds_to_zero_has_no_sign() {
        let f = NumberFormat::new("%", "USD", 0.5);
        assert_eq!(f.change(-0.00001), "0.0\u{a0}pp");
        assert_eq!(number(-0.004, 2, true), "0.00");
        assert_eq!(number(1234567.891, 2, false), "1,234,567.89");
        assert_eq!(number(-1234.5, 0, false), "\u{2212}1,234");
    }

    #[test]
    fn undefined_numbers_show_a_dash() {
        assert_eq!(NumberFormat::new("%", "USD", 0.5).value(f64::NAN), "–");
    }

    #[test]
    fn durations_for_axes_and_stories() {
        assert_eq!(duration_hours(0.5 / 60.0), "30\u{a0}s");
        assert_eq!(duration_hours(0.25), "15\u{a0}min");
        assert_eq!(duration_hours(2.5), "2.5\u{a0}h");
        assert_eq!(duration_hours(24.0), "24\u{a0}h");
        assert_eq!(duration_hours(72.0), "3\u{a0}days");
        assert_eq!(count(20_000), "20,000");
    }
}
