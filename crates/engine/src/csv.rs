//! The report as CSV text, in the two layouts its readers want.
//!
//! The command line (`journey-sim run --format csv`) prints two tables for a
//! script or a data frame; the app's "Download CSV" gives one table that a
//! spreadsheet opens as is. Both write numbers the same way: in the report's
//! own units (rates as fractions) at full precision, the shortest text that
//! reads back as the same `f64`; an undefined figure, or an interval the KPI
//! does not have, is an empty field. A verdict is the engine's JSON word
//! (`no_detectable_difference`), so scripts can match either output. Fields
//! with a comma, a quote or a line break are quoted (RFC 4180).
//!
//! [`CsvLayout::TwoTables`], lines ending in `\n`:
//!
//! ```text
//! design,kpi,estimate,ci95_low,ci95_high                 one row per design and KPI
//! <blank line>
//! design,kpi,difference,ci95_low,ci95_high,verdict       one row per variant and KPI
//! ```
//!
//! The second table's `design` is the variant; its baseline is always the
//! first design of the first table.
//!
//! [`CsvLayout::OneTable`], lines ending in `\r\n`:
//!
//! ```text
//! study,journeys,design,role,kpi,label,unit,estimate,ci95_low,ci95_high,
//!   difference,difference_ci95_low,difference_ci95_high,
//!   unpaired_ci95_low,unpaired_ci95_high,verdict
//! ```
//!
//! A row per design and KPI; the difference columns are filled on a
//! variant's rows, and `unit` says what the numbers are (`fraction`, `min`,
//! `h`, the currency code or `number`).

use crate::kpi::kpi;
use crate::{Report, Verdict};

/// How [`report_csv`] lays out the report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CsvLayout {
    /// The command line's: the designs' table, a blank line, the
    /// comparisons' table; lines end in `\n`.
    TwoTables,
    /// The app's download: one table with one header row, every column
    /// named and labelled for a spreadsheet; lines end in `\r\n`.
    OneTable,
}

/// The report as CSV text, laid out as `layout` says.
pub fn report_csv(report: &Report, layout: CsvLayout) -> String {
    match layout {
        CsvLayout::TwoTables => two_tables(report),
        CsvLayout::OneTable => one_table(report),
    }
}

/// Header of the designs' table in [`CsvLayout::TwoTables`].
const DESIGNS_HEADER: [&str; 5] = ["design", "kpi", "estimate", "ci95_low", "ci95_high"];

/// Header of the comparisons' table in [`CsvLayout::TwoTables`].
const COMPARISONS_HEADER: [&str; 6] = ["design", "kpi", "difference", "ci95_low", "ci95_high", "verdict"];

/// Header of [`CsvLayout::OneTable`].
const ONE_TABLE_HEADER: [&str; 16] = [
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

fn two_tables(report: &Report) -> String {
    const END: &str = "\n";
    let mut out = String::new();
    push_record(&mut out, DESIGNS_HEADER, END);
    for design in &report.designs {
        for (key, e) in &design.kpis.entries {
            let [lo, hi] = interval(e.ci95);
            push_record(&mut out, [design.name.as_str(), key, &number(e.estimate), &lo, &hi], END);
        }
    }
    out.push_str(END);
    push_record(&mut out, COMPARISONS_HEADER, END);
    for comparison in &report.comparisons {
        for (key, d) in &comparison.kpis.entries {
            let [lo, hi] = interval(d.ci95);
            push_record(&mut out, [comparison.design.as_str(), key, &number(d.estimate), &lo, &hi, &verdict_word(d.verdict)], END);
        }
    }
    out
}

fn one_table(report: &Report) -> String {
    const END: &str = "\r\n";
    let mut out = String::new();
    push_record(&mut out, ONE_TABLE_HEADER, END);
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
                ],
                END,
            );
        }
    }
    out
}

/// Labels of the two KPIs the report adds without an interval (they are
/// not in [`crate::KPIS`]).
fn percentile_label(key: &str) -> String {
    match key {
        "hours_to_resolution_p50" => "Hours to resolution, median".to_owned(),
        "hours_to_resolution_p90" => "Hours to resolution, 90th percentile".to_owned(),
        other => other.to_owned(),
    }
}

/// The `unit` column: what a KPI's numbers are, in one word.
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

/// The verdict exactly as the engine serialises it in JSON.
fn verdict_word(v: Verdict) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(word)) => word,
        _ => String::new(),
    }
}

/// Appends one record and its line end, quoting a field that holds a
/// comma, a quote or a line break, and doubling its quotes (RFC 4180).
///
/// A field that a spreadsheet would take for a formula (text starting with
/// `=`, `+`, `-`, `@`, a tab or a carriage return, such as a design named
/// `=HYPERLINK(…)`) gets a leading `'`, as OWASP's advice on CSV injection
/// says; numbers, negative ones included, are written as they are.
fn push_record<S: AsRef<str>>(out: &mut String, fields: impl IntoIterator<Item = S>, end: &str) {
    for (i, field) in fields.into_iter().enumerate() {
        let field = neutralised(field.as_ref());
        let field = field.as_ref();
        if i > 0 {
            out.push(',');
        }
        if field.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(field);
        }
    }
    out.push_str(end);
}

/// The field, with a `'` in front if a spreadsheet would read it as a
/// formula (see [`push_record`]).
fn neutralised(field: &str) -> std::borrow::Cow<'_, str> {
    let formula = field.starts_with(['=', '+', '-', '@', '\t', '\r']) && field.trim().parse::<f64>().is_err();
    if formula { format!("'{field}").into() } else { field.into() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Study, presets, run};

    /// A preset's report, with few journeys so the test is quick.
    fn report_of(id: &str, journeys: u64) -> Report {
        let preset = presets::find(id).unwrap_or_else(|| panic!("no preset {id}"));
        let mut study = Study::from_json(preset.json).unwrap_or_else(|e| panic!("{id}: {e:?}"));
        study.journeys = journeys;
        run(&study)
    }

    /// Splits one CSV line (no embedded line breaks) into fields.
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
    fn two_tables_have_a_header_a_row_per_design_kpi_then_per_comparison_kpi() {
        let report = report_of("password-reset", 4096);
        let csv = report_csv(&report, CsvLayout::TwoTables);
        assert!(!csv.contains('\r'), "lines end in \\n alone");
        let (designs, comparisons) = csv.split_once("\n\n").expect("a blank line between the tables");
        let kpis = report.designs[0].kpis.entries.len();

        let designs: Vec<&str> = designs.lines().collect();
        assert_eq!(designs[0], "design,kpi,estimate,ci95_low,ci95_high");
        assert_eq!(designs.len() - 1, kpis * report.designs.len());
        // The baseline's resolution rate, with its interval.
        let e = report.designs[0].kpis.get("resolution_rate").unwrap();
        let [lo, hi] = e.ci95.unwrap();
        let row = format!("{},resolution_rate,{},{lo},{hi}", report.designs[0].name, e.estimate.unwrap());
        assert!(designs.contains(&row.as_str()), "{row} in {designs:?}");
        // A KPI without an interval leaves both bounds empty.
        let p90 = designs.iter().find(|l| l.contains(",hours_to_resolution_p90,")).unwrap();
        assert!(p90.ends_with(",,"), "{p90}");

        let comparisons: Vec<&str> = comparisons.lines().collect();
        assert_eq!(comparisons[0], "design,kpi,difference,ci95_low,ci95_high,verdict");
        assert_eq!(comparisons.len() - 1, kpis_with_difference(&report));
        let d = report.comparisons[0].kpis.get("resolution_rate").unwrap();
        let [lo, hi] = d.ci95.unwrap();
        let row = format!("{},resolution_rate,{},{lo},{hi},{}", report.comparisons[0].design, d.estimate.unwrap(), verdict_word(d.verdict));
        assert!(comparisons.contains(&row.as_str()), "{row} in {comparisons:?}");
    }

    fn kpis_with_difference(report: &Report) -> usize {
        report.comparisons.iter().map(|c| c.kpis.entries.len()).sum()
    }

    #[test]
    fn one_table_has_a_row_per_design_and_kpi_with_the_comparison_on_variant_rows() {
        let report = report_of("password-reset", 4096);
        let csv = report_csv(&report, CsvLayout::OneTable);
        assert!(csv.ends_with("\r\n"));
        let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert_eq!(fields(lines[0]), ONE_TABLE_HEADER.to_vec());
        let kpis = report.designs[0].kpis.entries.len();
        assert_eq!(lines.len() - 1, kpis * report.designs.len());
        for line in &lines[1..] {
            assert_eq!(fields(line).len(), ONE_TABLE_HEADER.len(), "{line}");
        }
        // A design row: its estimate and interval.
        let base = lines[1..].iter().map(|l| fields(l)).find(|f| f[3] == "baseline" && f[4] == "resolution_rate").unwrap();
        let e = report.designs[0].kpis.get("resolution_rate").unwrap();
        assert_eq!(base[0], report.title);
        assert_eq!(base[1], report.journeys.to_string());
        assert_eq!(base[6], "fraction");
        assert_eq!(base[7].parse::<f64>().unwrap(), e.estimate.unwrap());
        assert_eq!(base[8].parse::<f64>().unwrap(), e.ci95.unwrap()[0]);
        assert_eq!(base[9].parse::<f64>().unwrap(), e.ci95.unwrap()[1]);
        // Baseline rows leave the comparison empty.
        assert!(base[10..].iter().all(String::is_empty), "{base:?}");
        // A variant's row carries the paired difference and the unpaired interval.
        let row = lines[1..].iter().map(|l| fields(l)).find(|f| f[3] == "variant" && f[4] == "resolution_rate").expect("a variant row");
        let diff = report.comparisons[0].kpis.get("resolution_rate").unwrap();
        assert_eq!(row[10].parse::<f64>().unwrap(), diff.estimate.unwrap());
        assert_eq!(row[11].parse::<f64>().unwrap(), diff.ci95.unwrap()[0]);
        assert_eq!(row[12].parse::<f64>().unwrap(), diff.ci95.unwrap()[1]);
        assert_eq!(row[13].parse::<f64>().unwrap(), diff.unpaired_ci95.unwrap()[0]);
        assert_eq!(row[15], verdict_word(diff.verdict));
        // The percentiles have a label and are in hours.
        let p50 = lines[1..].iter().map(|l| fields(l)).find(|f| f[4] == "hours_to_resolution_p50").unwrap();
        assert_eq!((p50[5].as_str(), p50[6].as_str()), ("Hours to resolution, median", "h"));
    }

    #[test]
    fn cells_a_spreadsheet_would_run_as_formulas_are_neutralised() {
        let mut out = String::new();
        push_record(&mut out, ["=HYPERLINK(\"http://x\")", "+1+2", "@SUM(A1)", "-0.25", "-3", "\tx", "plain"], "\n");
        assert_eq!(out, "\"'=HYPERLINK(\"\"http://x\"\")\",'+1+2,'@SUM(A1),-0.25,-3,'\tx,plain\n");
        let mut report = report_of("password-reset", 100);
        report.designs[1].name = "=cmd|' /C calc'!A0".to_owned();
        report.title = "@title".to_owned();
        for layout in [CsvLayout::TwoTables, CsvLayout::OneTable] {
            let csv = report_csv(&report, layout);
            assert!(!csv.lines().any(|l| l.split(',').any(|f| f.starts_with('=') || f.starts_with('@'))), "{csv}");
        }
    }

    #[test]
    fn names_with_commas_and_quotes_are_quoted() {
        let mut report = report_of("password-reset", 1024);
        report.designs[1].name = "Fixed, \"new\" flow".to_owned();
        report.comparisons[0].design = report.designs[1].name.clone();
        let quoted = "\"Fixed, \"\"new\"\" flow\"";
        let two = report_csv(&report, CsvLayout::TwoTables);
        let (_, comparisons) = two.split_once("\n\n").unwrap();
        let first = comparisons.lines().nth(1).unwrap();
        assert!(first.starts_with(&format!("{quoted},")), "{first}");
        assert_eq!(fields(first)[0], report.designs[1].name);
        let one = report_csv(&report, CsvLayout::OneTable);
        assert!(one.contains(&format!(",{quoted},variant,")), "{one}");
    }

    #[test]
    fn records_quote_only_fields_that_need_it() {
        let mut out = String::new();
        push_record(&mut out, ["a,b", "say \"hi\"", "two\nlines", "plain"], "\r\n");
        assert_eq!(out, "\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",plain\r\n");
    }
}
