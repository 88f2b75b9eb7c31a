//! Taking results away: one CSV of every design's KPIs with intervals and
//! every variant's change from the baseline, and the browser downloads
//! that the CSV, the SVG and the PNG exports go through.
//!
//! The CSV is one table (one header row), so a spreadsheet opens it as is:
//!
//! ```text
//! study,journeys,design,role,kpi,label,unit,estimate,ci95_low,ci95_high,
//!   difference,difference_ci95_low,difference_ci95_high,
//!   unpaired_ci95_low,unpaired_ci95_high,verdict
//! ```
//!
//! A row per design and KPI; the difference columns are filled on a
//! variant's rows. Numbers are in the report's own units (rates as
//! fractions, `unit` says which) at full precision, as the command line's
//! CSV writes them; an undefined figure is an empty field. The verdict is
//! the engine's JSON word (`no_detectable_difference`).

use journey_engine::kpi::kpi;
use journey_engine::{Report, Verdict};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// The CSV header.
pub const CSV_HEADER: [&str; 16] = [
    "study",
    "journeys",
    "design",
    "role",
    "kpi",
    "label",
    "unit",
    "estimate",
    "ci95_low",
    "ci95_high",
    "difference",
    "difference_ci95_low",
    "difference_ci95_high",
    "unpaired_ci95_low",
    "unpaired_ci95_high",
    "verdict",
];

/// The report as one CSV table.
pub fn results_csv(report: &Report) -> String {
    let mut out = String::new();
    push_record(&mut out, CSV_HEADER.iter().map(|s| s.to_string()));
    for (d, design) in report.designs.iter().enumerate() {
        let comparison = if d == 0 { None } else { report.comparisons.iter().find(|c| c.design == design.name) };
        for (key, e) in &design.kpis.entries {
            let (label, unit) = match kpi(key) {
                Some(info) => (info.label.to_owned(), unit_word(info.unit, &report.currency)),
                None => (percentile_label(key), "h".to_owned()),
            };
            let diff = comparison.and_then(|c| c.kpis.get(key));
            let [lo, hi] = interval(e.ci95);
            let [dlo, dhi] = interval(diff.and_then(|d| d.ci95));
            let [ulo, uhi] = interval(diff.and_then(|d| d.unpaired_ci95));
            push_record(
                &mut out,
                [
                    report.title.clone(),
                    report.journeys.to_string(),
                    design.name.clone(),
                    if d == 0 { "baseline" } else { "variant" }.to_owned(),
                    (*key).to_owned(),
                    label,
                    unit,
                    number(e.estimate),
                    lo,
                    hi,
                    number(diff.and_then(|d| d.estimate)),
                    dlo,
                    dhi,
                    ulo,
                    uhi,
                    diff.map(|d| verdict_word(d.verdict)).unwrap_or_default(),
                ]
                .into_iter(),
            );
        }
    }
    out
}

fn percentile_label(key: &str) -> String {
    match key {
        "hours_to_resolution_p50" => "Hours to resolution, median".to_owned(),
        "hours_to_resolution_p90" => "Hours to resolution, 90th percentile".to_owned(),
        other => other.to_owned(),
    }
}

fn unit_word(unit: &str, currency: &str) -> String {
    match unit {
        "%" => "fraction".to_owned(),
        "money" => currency.to_owned(),
        "" => "number".to_owned(),
        other => other.to_owned(),
    }
}

fn number(x: Option<f64>) -> String {
    x.map(|x| x.to_string()).unwrap_or_default()
}

fn interval(ci: Option<[f64; 2]>) -> [String; 2] {
    match ci {
        Some([lo, hi]) => [lo.to_string(), hi.to_string()],
        None => [String::new(), String::new()],
    }
}

/// The verdict as the engine writes it in JSON.
pub fn verdict_word(v: Verdict) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(word)) => word,
        _ => String::new(),
    }
}

/// Appends one CSV record, quoting fields that need it (RFC 4180).
fn push_record(out: &mut String, fields: impl Iterator<Item = String>) {
    for (i, field) in fields.enumerate() {
        if i > 0 {
            out.push(',');
        }
        if field.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&field);
        }
    }
    out.push_str("\r\n");
}

/// A file name from a study title: "Password reset fix" → "password-reset-fix".
pub fn file_slug(title: &str) -> String {
    let slug: String = title
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if slug.is_empty() { "study".to_owned() } else { slug.chars().take(60).collect() }
}

/// Offers `text` as a download named `file_name`.
pub fn download_text(file_name: &str, mime: &str, text: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    download_url(file_name, &url);
    // Give the browser a moment to start the download before the data goes.
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(10),
    );
}

/// Offers the resource at `url` (an object or data URL) as a download.
pub fn download_url(file_name: &str, url: &str) {
    let Some(document) = window().document() else { return };
    let Ok(anchor) = document.create_element("a") else { return };
    let anchor: web_sys::HtmlAnchorElement = anchor.unchecked_into();
    anchor.set_href(url);
    anchor.set_download(file_name);
    anchor.click();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::test_support::report_of;

    /// Splits one CSV line (no embedded newlines) into fields.
    fn fields(line: &str) -> Vec<String> {
        let mut out = vec![String::new()];
        let mut quoted = false;
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '"' if quoted && chars.peek() == Some(&'"') => {
                    chars.next();
                    out.last_mut().unwrap().push('"');
                }
                '"' => quoted = !quoted,
                ',' if !quoted => out.push(String::new()),
                c => out.last_mut().unwrap().push(c),
            }
        }
        out
    }

    #[test]
    fn one_row_per_design_and_kpi_with_the_comparison_on_variant_rows() {
        let report = report_of("password-reset", 4096);
        let csv = results_csv(&report);
        let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert_eq!(fields(lines[0]), CSV_HEADER.to_vec());
        let kpis = report.designs[0].kpis.entries.len();
        assert_eq!(lines.len() - 1, kpis * report.designs.len());
        for line in &lines[1..] {
            let f = fields(line);
            assert_eq!(f.len(), CSV_HEADER.len(), "{line}");
        }
        // A variant's resolution row carries the paired difference.
        let row = lines[1..].iter().map(|l| fields(l)).find(|f| f[3] == "variant" && f[4] == "resolution_rate").expect("a variant row");
        let diff = report.comparisons[0].kpis.get("resolution_rate").unwrap();
        assert_eq!(row[10].parse::<f64>().unwrap(), diff.estimate.unwrap());
        assert_eq!(row[11].parse::<f64>().unwrap(), diff.ci95.unwrap()[0]);
        assert_eq!(row[15], verdict_word(diff.verdict));
        assert_eq!(row[6], "fraction");
        // Baseline rows leave the comparison empty.
        let base = lines[1..].iter().map(|l| fields(l)).find(|f| f[3] == "baseline").unwrap();
        assert!(base[10].is_empty() && base[15].is_empty());
    }

    #[test]
    fn fields_with_commas_and_quotes_are_quoted() {
        let mut out = String::new();
        push_record(&mut out, ["a,b".to_owned(), "say \"hi\"".to_owned(), "plain".to_owned()].into_iter());
        assert_eq!(out, "\"a,b\",\"say \"\"hi\"\"\",plain\r\n");
        assert_eq!(fields(out.trim_end()), vec!["a,b", "say \"hi\"", "plain"]);
    }

    #[test]
    fn slugs_are_safe_file_names() {
        assert_eq!(file_slug("Password reset fix"), "password-reset-fix");
        assert_eq!(file_slug("  Help centre — still calls!  "), "help-centre-still-calls");
        assert_eq!(file_slug("***"), "study");
    }
}
