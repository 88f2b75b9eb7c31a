//! Reading numbers the person types, and writing numbers back as text.
//!
//! Number inputs are text inputs: a browser's `type="number"` input hides
//! what was typed when it is not a number, and we want to keep it on
//! screen with a message instead. So a field's text goes through
//! [`read_number`]: a number goes into the study draft as a JSON number,
//! anything else goes in as the typed text, and the validator reports it
//! ("must be a number") at the field's path, while the last valid study
//! stays as it was.

use serde_json::{Number, Value};

/// The JSON value for what was typed into a number field: a number when
/// the text is one, otherwise the text itself (trimmed), for the validator
/// to report.
///
/// Whole numbers are kept exact as integers (a seed may use all 64 bits,
/// beyond what an `f64` holds). `inf`, `NaN` and the like are not numbers
/// here, although Rust's parser accepts them.
pub fn read_number(text: &str) -> Value {
    match parse_number(text) {
        Some(n) => Value::Number(n),
        None => Value::String(text.trim().to_owned()),
    }
}

/// [`read_number`] for the way people write numbers: `1,200`, `1 200`
/// and `1.200,5` with thousands separators, `0,3` with a decimal comma
/// where that is unambiguous (a comma followed by other than three digits,
/// or after a leading 0), and, for a rate (`percent`), `20%` as 0.2.
/// Anything else goes to [`read_number`] unchanged.
pub fn read_written_number(text: &str, percent: bool) -> Value {
    let trimmed = text.trim();
    if percent && let Some(rest) = trimmed.strip_suffix('%') {
        return match written(rest).and_then(|t| t.parse::<f64>().ok()).filter(|x| x.is_finite()) {
            Some(x) => Number::from_f64(x / 100.0).map_or_else(|| read_number(text), Value::Number),
            None => read_number(text),
        };
    }
    match written(trimmed) {
        Some(plain) if plain != trimmed => read_number(&plain),
        _ => read_number(text),
    }
}

/// `text` with thousands separators taken out and a decimal comma made a
/// point, when it reads one way only; `None` when it is not written so.
fn written(text: &str) -> Option<String> {
    let text = text.trim();
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest.trim_start()),
        None => ("", text),
    };
    // Spaces (plain, no-break, thin) between groups of three digits.
    let spaced: String = digits.chars().filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')).collect();
    if spaced.len() != digits.len() && !groups_of_three(digits.split([' ', '\u{a0}', '\u{202f}', '\u{2009}']).filter(|g| !g.is_empty())) {
        return None;
    }
    let digits = spaced;
    let commas = digits.matches(',').count();
    let points = digits.matches('.').count();
    let plain = match (commas, points) {
        (0, _) => digits,
        // "1.200,5": points group thousands, the comma is decimal.
        (1, p) if p >= 1 => {
            let (whole, fraction) = digits.split_once(',')?;
            if !groups_of_three(whole.split('.')) {
                return None;
            }
            format!("{}.{fraction}", whole.replace('.', ""))
        }
        // "0,3", "1,25": a decimal comma. "1,200": thousands.
        (1, 0) => {
            let (whole, fraction) = digits.split_once(',')?;
            if fraction.len() == 3 && whole != "0" && !whole.is_empty() { format!("{whole}{fraction}") } else { format!("{whole}.{fraction}") }
        }
        // "1,200,000" or "1,200,000.5": commas group thousands.
        (_, 0 | 1) => {
            let (whole, fraction) = digits.split_once('.').map_or((digits.as_str(), None), |(w, f)| (w, Some(f)));
            if !groups_of_three(whole.split(',')) {
                return None;
            }
            let whole = whole.replace(',', "");
            fraction.map_or(whole.clone(), |f| format!("{whole}.{f}"))
        }
        _ => return None,
    };
    plain.chars().all(|c| c.is_ascii_digit() || c == '.').then(|| format!("{sign}{plain}"))
}

/// Whether `groups` is 1–3 digits, then groups of exactly three.
fn groups_of_three<'a>(mut groups: impl Iterator<Item = &'a str>) -> bool {
    let Some(first) = groups.next() else { return false };
    (1..=3).contains(&first.len()) && first.chars().all(|c| c.is_ascii_digit()) && groups.all(|g| g.len() == 3 && g.chars().all(|c| c.is_ascii_digit()))
}

/// The number in `text`, if it is one: digits with an optional sign,
/// decimal point and exponent (`3`, `-2`, `0.45`, `.5`, `2.`, `1e3`).
pub fn parse_number(text: &str) -> Option<Number> {
    let text = text.trim();
    let plain = text.strip_prefix(['+', '-']).unwrap_or(text);
    // Only digits, one point and an exponent: this turns away "inf", "NaN",
    // "0x10" and "1_000", which `str::parse` would partly accept.
    if !plain.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        || !plain.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'))
    {
        return None;
    }
    let unsigned = text.strip_prefix('+').unwrap_or(text);
    if let Ok(n) = unsigned.parse::<u64>() {
        return Some(n.into());
    }
    if let Ok(n) = unsigned.parse::<i64>() {
        return Some(n.into());
    }
    unsigned.parse::<f64>().ok().filter(|x| x.is_finite()).and_then(Number::from_f64)
}

/// A number as a field shows it: integers as integers, other values in the
/// shortest form that reads back to the same `f64` (`0.45`, not
/// `0.45000000000000001`), never with an exponent.
pub fn format_number(n: &Number) -> String {
    if let Some(i) = n.as_u64() {
        i.to_string()
    } else if let Some(i) = n.as_i64() {
        i.to_string()
    } else {
        n.as_f64().map(format_f64).unwrap_or_default()
    }
}

/// See [`format_number`].
pub fn format_f64(x: f64) -> String {
    // Rust's `Display` for f64 is the shortest round-trip form without an
    // exponent, and prints 3.0 as "3".
    let text = x.to_string();
    if text == "-0" { "0".to_owned() } else { text }
}

/// Whether two JSON values are the same number (`3` and `3.0` are).
pub fn same_number(a: &Number, b: &Number) -> bool {
    match (a.as_u64(), b.as_u64()) {
        (Some(x), Some(y)) => x == y,
        _ => a.as_f64() == b.as_f64(),
    }
}

/// Whether two JSON values are equal, numbers compared by value.
pub fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => same_number(x, y),
        (Value::Array(xs), Value::Array(ys)) => xs.len() == ys.len() && xs.iter().zip(ys).all(|(x, y)| same_value(x, y)),
        (Value::Object(xs), Value::Object(ys)) => {
            xs.len() == ys.len() && xs.iter().all(|(k, x)| ys.get(k).is_some_and(|y| same_value(x, y)))
        }
        _ => a == b,
    }
}

/// The JSON value for a typed list of observed values (an empirical
/// distribution): a list of numbers when every item is one, otherwise the
/// text itself. Items are separated by commas, semicolons or spaces.
pub fn read_numbers(text: &str) -> Value {
    let items: Vec<&str> = text.split([',', ';', ' ', '\t', '\n']).filter(|s| !s.trim().is_empty()).collect();
    let numbers: Option<Vec<Value>> = items.iter().map(|s| parse_number(s).map(Value::Number)).collect();
    match numbers {
        Some(numbers) if !numbers.is_empty() => Value::Array(numbers),
        _ => Value::String(text.trim().to_owned()),
    }
}

/// The JSON value for a typed roster of agents: one number stays a number
/// (agents all day), several become a list (by hour of day or of week),
/// anything else stays text for the validator to report.
pub fn read_roster(text: &str) -> Value {
    match read_numbers(text) {
        Value::Array(mut items) if items.len() == 1 => items.remove(0),
        other => other,
    }
}

/// A list of numbers as a field shows it: `2, 3.5, 8`.
pub fn format_numbers(items: &[Value]) -> String {
    items.iter().map(shown).collect::<Vec<_>>().join(", ")
}

/// Any JSON value as a text field shows it: numbers as [`format_number`],
/// lists as [`format_numbers`], text as itself, nothing as empty.
pub fn shown(value: &Value) -> String {
    match value {
        Value::Number(n) => format_number(n),
        Value::String(s) => s.clone(),
        Value::Array(items) => format_numbers(items),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_plain_decimal_and_exponent_numbers() {
        assert_eq!(read_number("3"), json!(3));
        assert_eq!(read_number(" 0.45 "), json!(0.45));
        assert_eq!(read_number(".5"), json!(0.5));
        assert_eq!(read_number("2."), json!(2.0));
        assert_eq!(read_number("-2"), json!(-2));
        assert_eq!(read_number("+7"), json!(7));
        assert_eq!(read_number("1e3"), json!(1000.0));
        assert_eq!(read_number("2.5E-1"), json!(0.25));
    }

    #[test]
    fn reads_numbers_as_people_write_them() {
        assert_eq!(read_written_number("1,200", false), json!(1200));
        assert_eq!(read_written_number("1 200", false), json!(1200));
        assert_eq!(read_written_number("1\u{a0}200\u{a0}000", false), json!(1200000));
        assert_eq!(read_written_number("1,200,000.5", false), json!(1200000.5));
        assert_eq!(read_written_number("1.200,5", false), json!(1200.5));
        assert_eq!(read_written_number("0,3", false), json!(0.3));
        assert_eq!(read_written_number("1,25", false), json!(1.25));
        assert_eq!(read_written_number("-2,5", false), json!(-2.5));
        assert_eq!(read_written_number("20%", true), json!(0.2));
        assert_eq!(read_written_number(" 12,5 % ", true), json!(0.125));
        // Plain numbers are as before; what reads two ways or not at all stays text.
        assert_eq!(read_written_number("0.45", true), json!(0.45));
        assert_eq!(read_written_number("20240601", false), json!(20240601));
        for text in ["20%", "1,2,3", "12 34", "1.2.3,4", "abc", "1,,2", "1 2345"] {
            let percent = false;
            assert!(read_written_number(text, percent).is_string(), "{text:?} → {:?}", read_written_number(text, percent));
        }
    }

    #[test]
    fn keeps_whole_numbers_exact_up_to_u64_max() {
        assert_eq!(read_number("18446744073709551615"), json!(u64::MAX));
        assert_eq!(read_number("20240601"), json!(20240601));
    }

    #[test]
    fn keeps_text_that_is_not_a_number() {
        for text in ["", "  ", "abc", "0.4x", "inf", "NaN", "infinity", "0x10", "1,5", "1_000", "--1", "e5", ".", "1e999"] {
            assert_eq!(read_number(text), Value::String(text.trim().to_owned()), "{text:?}");
        }
        assert!(parse_number("1e999").is_none(), "overflow to infinity is not a number");
    }

    #[test]
    fn formats_numbers_briefly_and_round_trips() {
        assert_eq!(format_number(&Number::from_f64(0.45).unwrap()), "0.45");
        assert_eq!(format_number(&Number::from_f64(3.0).unwrap()), "3");
        assert_eq!(format_number(&Number::from_f64(0.1 + 0.2).unwrap()), "0.30000000000000004");
        assert_eq!(format_number(&Number::from(u64::MAX)), "18446744073709551615");
        assert_eq!(format_number(&Number::from_f64(1e-7).unwrap()), "0.0000001");
        assert_eq!(format_f64(-0.0), "0");
        for x in [0.35, 1.0 / 3.0, 12.5, 1e-9, 123456.789] {
            let text = format_f64(x);
            assert_eq!(parse_number(&text).and_then(|n| n.as_f64()), Some(x), "{text}");
        }
    }

    #[test]
    fn compares_numbers_by_value() {
        assert!(same_value(&json!(3), &json!(3.0)));
        assert!(same_value(&json!({"a": [1, 2.0]}), &json!({"a": [1.0, 2]})));
        assert!(!same_value(&json!(3), &json!("3")));
        assert!(!same_value(&json!(u64::MAX), &json!(u64::MAX - 1)));
    }

    #[test]
    fn reads_lists_of_observed_values() {
        assert_eq!(read_numbers("2, 3.5, 8"), json!([2, 3.5, 8]));
        assert_eq!(read_numbers("2;3 4\n5,"), json!([2, 3, 4, 5]));
        assert_eq!(read_numbers("2, x, 8"), json!("2, x, 8"));
        assert_eq!(read_numbers(" "), json!(""));
        assert_eq!(format_numbers(&[json!(2), json!(3.5)]), "2, 3.5");
        assert_eq!(shown(&json!([2.0, 3.5])), "2, 3.5");
        assert_eq!(shown(&Value::Null), "");
    }
}
