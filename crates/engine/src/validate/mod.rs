//! The one gate from untrusted input to a [`Study`].
//!
//! Study files, share links and the browser editor all arrive here as JSON.
//! [`Study::from_value`] walks the JSON tree once, checks every rule of
//! MODEL.md, and either builds the typed study or returns **all** the
//! problems it found, each with the path of the field at fault
//! (`designs[1].channels[0].agent.resolution`) and a message for the person
//! who typed it. Nothing downstream re-checks or unwraps.
//!
//! Unknown fields are problems too: a misspelt `resolutoin` must not be
//! silently ignored. Fields MODEL.md shows but that a hand-written file may
//! leave out take the defaults listed in `docs/model-choices.md`.
//!
//! Schema migration lives here as well: a file of an older schema is read
//! and upgraded, never rejected. Schema 2 only adds the capacity model, so
//! every schema 1 file is a schema 2 file that means the same; a file from
//! a newer version gets a clear message. The capacity model's sections
//! (`demand`, `staffing`) are read in `capacity.rs`, which also gives the
//! advice (warnings) a valid study may deserve.

use std::fmt;

use serde_json::{Map, Value};

use crate::distribution::{Distribution, DistributionSpec, readable};
mod capacity;
mod strict_json;

use crate::bounds;
use crate::study::*;

pub use capacity::advice;

/// The largest whole number every float represents exactly (2⁵³).
const EXACT_FLOAT_INTEGER: f64 = 9_007_199_254_740_992.0;

/// One thing wrong with a study, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Field path, such as `designs[0].personas[1].share`; empty for the
    /// file as a whole.
    pub path: String,
    /// What is wrong, in words for the person who typed it.
    pub message: String,
}

/// Everything wrong with a study file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StudyError {
    pub problems: Vec<Problem>,
}

impl Study {
    /// Parses and validates study-file JSON. A key given twice in one
    /// object is a problem (JSON parsers disagree on which one wins, so
    /// the file means different things to different programs).
    pub fn from_json(text: &str) -> Result<Study, StudyError> {
        let value: Value = strict_json::parse(text).map_err(|e| StudyError {
            problems: vec![Problem {
                path: String::new(),
                message: format!("this is not valid JSON (line {}, column {}): {}", e.line(), e.column(), strip_position(&e)),
            }],
        })?;
        Self::from_value(&value)
    }

    /// Validates a parsed JSON value.
    pub fn from_value(value: &Value) -> Result<Study, StudyError> {
        let mut reader = Reader::default();
        let study = reader.study(value);
        match study {
            Some(study) if reader.problems.is_empty() => Ok(study),
            _ => {
                if reader.problems.is_empty() {
                    // Every `None` above comes with a problem; this is a guard, not a path.
                    reader.problem("", "the study could not be read");
                }
                Err(reader.into_error())
            }
        }
    }
}

impl StudyError {
    /// The problem at exactly this path, if any (for showing at a field).
    pub fn at(&self, path: &str) -> Option<&Problem> {
        self.problems.iter().find(|p| p.path == path)
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() { write!(f, "{}", self.message) } else { write!(f, "{}: {}", self.path, self.message) }
    }
}

impl fmt::Display for StudyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for StudyError {}

fn strip_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.find(" at line ") {
        Some(i) => text[..i].to_owned(),
        None => text,
    }
}

/// Most problems listed by path; the rest are counted in one last problem,
/// so that a crafted study with hundreds of thousands of faults costs no
/// more to report, print or show than a hundred.
pub const MAX_LISTED_PROBLEMS: usize = 100;

/// Collects problems while reading; each reading function returns `None`
/// exactly when it recorded a problem.
#[derive(Default)]
struct Reader {
    problems: Vec<Problem>,
    /// Problems beyond [`MAX_LISTED_PROBLEMS`], counted only.
    unlisted: usize,
    /// Whether the study has a `demand` section (staffing needs one).
    has_demand: bool,
    /// The longest a staffed backlog queue can keep a contact [h]: the
    /// whole simulated period (0 without demand).
    backlog_hours: f64,
}

/// An object being read: its fields, its path, and which keys it may have.
struct Obj<'a> {
    map: &'a Map<String, Value>,
    path: String,
}

impl<'a> Obj<'a> {
    fn field(&self, key: &str) -> String {
        join(&self.path, key)
    }

    fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() { key.to_owned() } else { format!("{path}.{key}") }
}

fn describe(value: &Value) -> String {
    match value {
        Value::String(s) => format!("\"{}\"", s.chars().take(40).collect::<String>()),
        Value::Array(_) => "a list".to_owned(),
        Value::Object(_) => "an object".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Null => "empty".to_owned(),
        Value::Number(n) => n.to_string(),
    }
}

/// A number in a message: 0.30000000000000004 reads as 0.3, 1e-300 as
/// 1e-300 (not 0).
fn pretty(x: f64) -> String {
    readable(x)
}

impl Reader {
    fn problem(&mut self, path: &str, message: impl Into<String>) {
        if self.problems.len() < MAX_LISTED_PROBLEMS {
            self.problems.push(Problem { path: path.to_owned(), message: message.into() });
        } else {
            self.unlisted += 1;
        }
    }

    /// The problems, with a last one that counts those not listed.
    fn into_error(mut self) -> StudyError {
        if self.unlisted > 0 {
            let n = self.unlisted;
            self.problems.push(Problem {
                path: String::new(),
                message: format!(
                    "and {} more problem{} (only the first {MAX_LISTED_PROBLEMS} are listed)",
                    readable(n as f64),
                    if n == 1 { "" } else { "s" }
                ),
            });
        }
        StudyError { problems: self.problems }
    }

    fn object<'a>(&mut self, value: &'a Value, path: &str, allowed: &[&str]) -> Option<Obj<'a>> {
        let Value::Object(map) = value else {
            self.problem(path, format!("must be an object {{...}}, not {}", describe(value)));
            return None;
        };
        for key in map.keys() {
            if !allowed.contains(&key.as_str()) {
                let hint = allowed
                    .iter()
                    .find(|a| similar(a, key))
                    .map(|a| format!(" (did you mean \"{a}\"?)"))
                    .unwrap_or_default();
                self.problem(&join(path, key), format!("is not a field of this part of a study{hint}"));
            }
        }
        Some(Obj { map, path: path.to_owned() })
    }

    fn number(&mut self, o: &Obj, key: &str, default: Option<f64>) -> Option<f64> {
        let path = o.field(key);
        match o.get(key) {
            None => {
                if default.is_none() {
                    self.problem(&path, "is missing");
                }
                default
            }
            Some(Value::Number(n)) => match n.as_f64() {
                Some(x) if x.is_finite() => Some(x),
                _ => {
                    self.problem(&path, format!("{n} is not a finite number"));
                    None
                }
            },
            Some(other) => {
                self.problem(&path, format!("must be a number, not {}", describe(other)));
                None
            }
        }
    }

    fn non_negative(&mut self, o: &Obj, key: &str, default: Option<f64>) -> Option<f64> {
        let x = self.number(o, key, default)?;
        if x < 0.0 {
            self.problem(&o.field(key), format!("{} is negative; it must be 0 or more", pretty(x)));
            return None;
        }
        if x > MAX_VALUE {
            self.problem(&o.field(key), format!("{} is too large (at most 1,000,000,000)", pretty(x)));
            return None;
        }
        Some(x)
    }

    fn probability(&mut self, o: &Obj, key: &str, default: Option<f64>) -> Option<f64> {
        let x = self.number(o, key, default)?;
        if !(0.0..=1.0).contains(&x) {
            self.problem(&o.field(key), format!("{} is not a probability (it must be between 0 and 1)", pretty(x)));
            return None;
        }
        Some(x)
    }

    fn score(&mut self, o: &Obj, key: &str, default: Option<f64>) -> Option<f64> {
        let x = self.number(o, key, default)?;
        if !(0.0..=100.0).contains(&x) {
            self.problem(&o.field(key), format!("{} is not a score (it must be between 0 and 100)", pretty(x)));
            return None;
        }
        Some(x)
    }

    fn whole(&mut self, o: &Obj, key: &str, default: Option<u64>, min: u64, max: u64) -> Option<u64> {
        let path = o.field(key);
        let value = match o.get(key) {
            None => {
                if default.is_none() {
                    self.problem(&path, "is missing");
                }
                return default;
            }
            Some(v) => v,
        };
        // A whole number written with a decimal point or an exponent (3.0,
        // 2e4) is read as a float; beyond 2⁵³ floats skip whole numbers, so
        // such a seed would silently become another one.
        if let Value::Number(n) = value
            && n.as_u64().is_none()
            && n.as_f64().is_some_and(|x| x.fract() == 0.0 && x > EXACT_FLOAT_INTEGER)
        {
            self.problem(
                &path,
                format!(
                    "{n} is too large to be exact when written with a decimal point or an exponent; write it as plain digits (such as 18446744073709551615)"
                ),
            );
            return None;
        }
        let n = match value {
            Value::Number(n) => n
                .as_u64()
                .or_else(|| n.as_f64().filter(|x| x.fract() == 0.0 && *x >= 0.0 && *x <= EXACT_FLOAT_INTEGER).map(|x| x as u64)),
            _ => None,
        };
        match n {
            Some(n) if (min..=max).contains(&n) => Some(n),
            Some(n) => {
                self.problem(&path, format!("{n} is out of range (it must be from {min} to {max})"));
                None
            }
            None => {
                self.problem(&path, format!("must be a whole number from {min} to {max}, not {}", describe(value)));
                None
            }
        }
    }

    fn text(&mut self, o: &Obj, key: &str, default: Option<&str>) -> Option<String> {
        let path = o.field(key);
        match o.get(key) {
            None => {
                if default.is_none() {
                    self.problem(&path, "is missing");
                }
                default.map(str::to_owned)
            }
            Some(Value::String(s)) => Some(s.clone()),
            Some(other) => {
                self.problem(&path, format!("must be text in quotes, not {}", describe(other)));
                None
            }
        }
    }

    fn name(&mut self, o: &Obj, key: &str) -> Option<String> {
        let name = self.text(o, key, None)?;
        if name.trim().is_empty() {
            self.problem(&o.field(key), "must not be empty");
            return None;
        }
        if name.chars().count() > 80 {
            self.problem(&o.field(key), "is longer than 80 characters");
            return None;
        }
        Some(name)
    }

    fn flag(&mut self, o: &Obj, key: &str, default: bool) -> Option<bool> {
        match o.get(key) {
            None => Some(default),
            Some(Value::Bool(b)) => Some(*b),
            Some(other) => {
                self.problem(&o.field(key), format!("must be true or false, not {}", describe(other)));
                None
            }
        }
    }

    fn list<'a>(&mut self, o: &Obj<'a>, key: &str, min: usize, max: usize, what: &str) -> Option<&'a Vec<Value>> {
        let path = o.field(key);
        match o.get(key) {
            None => {
                self.problem(&path, "is missing");
                None
            }
            Some(Value::Array(items)) if items.len() < min => {
                self.problem(&path, format!("needs at least {min} {what}"));
                None
            }
            Some(Value::Array(items)) if items.len() > max => {
                self.problem(&path, format!("has {} {what}; at most {max} are allowed", items.len()));
                None
            }
            Some(Value::Array(items)) => Some(items),
            Some(other) => {
                self.problem(&path, format!("must be a list [...], not {}", describe(other)));
                None
            }
        }
    }

    /// A distribution field; a bare number is read as `fixed`.
    fn distribution(&mut self, o: &Obj, key: &str, default: Option<DistributionSpec>) -> Option<Distribution> {
        let path = o.field(key);
        let spec = match o.get(key) {
            None => {
                if default.is_none() {
                    self.problem(&path, "is missing");
                }
                default?
            }
            Some(Value::Number(_)) => DistributionSpec::Fixed { value: self.non_negative(o, key, None)? },
            Some(value) => self.distribution_spec(value, &path)?,
        };
        match Distribution::new(spec) {
            Ok(d) => Some(d),
            Err(errors) => {
                for e in errors {
                    self.problem(&join(&path, &e.field), e.message);
                }
                None
            }
        }
    }

    fn distribution_spec(&mut self, value: &Value, path: &str) -> Option<DistributionSpec> {
        const KINDS: &str = "fixed, uniform, triangular, exponential, lognormal, gamma or empirical";
        let kind = match value.get("kind") {
            Some(Value::String(k)) => k.as_str(),
            Some(other) => {
                self.problem(&join(path, "kind"), format!("must be one of {KINDS}, not {}", describe(other)));
                return None;
            }
            None if value.is_object() => {
                self.problem(&join(path, "kind"), format!("is missing (one of {KINDS})"));
                return None;
            }
            None => {
                self.problem(path, format!("must be a distribution such as {{\"kind\": \"fixed\", \"value\": 3}}, not {}", describe(value)));
                return None;
            }
        };
        let fields: &[&str] = match kind {
            "fixed" => &["kind", "value"],
            "uniform" => &["kind", "min", "max"],
            "triangular" => &["kind", "min", "mode", "max"],
            "exponential" => &["kind", "mean"],
            "lognormal" => &["kind", "median", "p90"],
            "gamma" => &["kind", "mean", "sd"],
            "empirical" => &["kind", "values"],
            other => {
                self.problem(&join(path, "kind"), format!("\"{other}\" is not a distribution kind (use {KINDS})"));
                return None;
            }
        };
        let o = self.object(value, path, fields)?;
        // Parameter signs and order are Distribution::new's job; here only numbers.
        let spec = match kind {
            "fixed" => DistributionSpec::Fixed { value: self.number(&o, "value", None)? },
            "uniform" => {
                let (min, max) = (self.number(&o, "min", None), self.number(&o, "max", None));
                DistributionSpec::Uniform { min: min?, max: max? }
            }
            "triangular" => {
                let (min, mode, max) = (self.number(&o, "min", None), self.number(&o, "mode", None), self.number(&o, "max", None));
                DistributionSpec::Triangular { min: min?, mode: mode?, max: max? }
            }
            "exponential" => DistributionSpec::Exponential { mean: self.number(&o, "mean", None)? },
            "lognormal" => {
                let (median, p90) = (self.number(&o, "median", None), self.number(&o, "p90", None));
                DistributionSpec::Lognormal { median: median?, p90: p90? }
            }
            "gamma" => {
                let (mean, sd) = (self.number(&o, "mean", None), self.number(&o, "sd", None));
                DistributionSpec::Gamma { mean: mean?, sd: sd? }
            }
            _ => {
                let values_path = o.field("values");
                let values = match o.get("values") {
                    Some(Value::Array(items)) => items,
                    Some(other) => {
                        self.problem(&values_path, format!("must be a list of numbers, not {}", describe(other)));
                        return None;
                    }
                    None => {
                        self.problem(&values_path, "is missing");
                        return None;
                    }
                };
                if values.len() > 100_000 {
                    self.problem(&values_path, "has more than 100,000 values");
                    return None;
                }
                let mut numbers = Vec::with_capacity(values.len());
                for (i, v) in values.iter().enumerate() {
                    match v.as_f64() {
                        Some(x) => numbers.push(x),
                        None => self.problem(&format!("{values_path}[{i}]"), format!("must be a number, not {}", describe(v))),
                    }
                }
                if numbers.len() != values.len() {
                    return None;
                }
                DistributionSpec::Empirical { values: numbers }
            }
        };
        Some(spec)
    }

    fn study(&mut self, value: &Value) -> Option<Study> {
        let o = self.object(value, "", &["schema", "title", "currency", "seed", "journeys", "demand", "satisfaction", "smallest_changes", "designs"])?;
        // A file without a schema number is taken as the current schema.
        let schema = match o.get("schema") {
            None => SCHEMA_VERSION,
            Some(v) => match v.as_u64() {
                Some(s) if s > SCHEMA_VERSION => {
                    self.problem(
                        "schema",
                        format!("this study was made by a newer version of Journey Simulator (schema {s}); this version reads schema {SCHEMA_VERSION} and older"),
                    );
                    return None;
                }
                Some(s) if s >= 1 => s,
                _ => {
                    self.problem("schema", format!("must be a schema number such as 2, not {}", describe(v)));
                    return None;
                }
            },
        };
        let title = self.text(&o, "title", Some("Untitled study"));
        let currency = self.text(&o, "currency", Some("USD"));
        let seed = self.whole(&o, "seed", Some(1), 0, u64::MAX);
        let journeys = self.whole(&o, "journeys", Some(20_000), 1, MAX_JOURNEYS);
        let demand = match o.get("demand") {
            None => Some(None),
            Some(v) => {
                self.has_demand = true;
                let demand = self.demand(v);
                if let Some(d) = &demand {
                    self.backlog_hours = f64::from(d.warmup_days + d.days + MAX_RUN_OUT_DAYS) * 24.0;
                }
                demand.map(Some)
            }
        };
        let satisfaction = match o.get("satisfaction") {
            None => Some(SatisfactionWeights::default()),
            Some(v) => self.satisfaction(v),
        };
        let smallest_changes = match o.get("smallest_changes") {
            None => Some(SmallestChanges::default()),
            Some(v) => self.smallest_changes(v),
        };
        let designs = self.list(&o, "designs", 1, MAX_DESIGNS, "design").and_then(|items| {
            let designs: Vec<Option<Design>> =
                items.iter().enumerate().map(|(i, d)| self.design(d, &format!("designs[{i}]"))).collect();
            self.unique_names(designs.iter().flatten().map(|d| d.name.as_str()), "designs", "design");
            designs.into_iter().collect::<Option<Vec<_>>>()
        });
        Some(migrate(Study {
            schema,
            title: title?,
            currency: currency?,
            seed: seed?,
            journeys: journeys?,
            demand: demand?,
            satisfaction: satisfaction?,
            smallest_changes: smallest_changes?,
            designs: designs?,
        }))
    }

    /// Per KPI key, a number from 0 to 1 (see `study/smallest_change.rs`).
    fn smallest_changes(&mut self, value: &Value) -> Option<SmallestChanges> {
        let keys: Vec<&str> = crate::kpi::KPIS.iter().chain(&crate::kpi::DERIVED_KPIS).map(|k| k.key).collect();
        let o = self.object(value, "smallest_changes", &keys)?;
        let mut set = Vec::new();
        let mut ok = true;
        for key in &keys {
            if o.get(key).is_none() {
                continue;
            }
            match self.number(&o, key, None) {
                Some(x) if (0.0..=1.0).contains(&x) => set.push((*key, x)),
                Some(x) => {
                    let unit = if SmallestChanges::is_relative(key) { "a share of the figure: 0.01 is 1%" } else { "a change of the rate: 0.005 is 0.5 points" };
                    self.problem(&o.field(key), format!("{} must be between 0 and 1 ({unit})", pretty(x)));
                    ok = false;
                }
                None => ok = false,
            }
        }
        ok.then(|| SmallestChanges::sorted(set))
    }

    fn satisfaction(&mut self, value: &Value) -> Option<SatisfactionWeights> {
        let keys = [
            "extra_contact",
            "hold_minute",
            "escalation",
            "switch",
            "repeat_explanation",
            "unresolved",
            "satisfied_threshold",
        ];
        let o = self.object(value, "satisfaction", &keys)?;
        let d = SatisfactionWeights::default();
        let extra_contact = self.non_negative(&o, "extra_contact", Some(d.extra_contact));
        let hold_minute = self.non_negative(&o, "hold_minute", Some(d.hold_minute));
        let escalation = self.non_negative(&o, "escalation", Some(d.escalation));
        let switch = self.non_negative(&o, "switch", Some(d.switch));
        let repeat_explanation = self.non_negative(&o, "repeat_explanation", Some(d.repeat_explanation));
        let unresolved = self.non_negative(&o, "unresolved", Some(d.unresolved));
        let satisfied_threshold = self.score(&o, "satisfied_threshold", Some(d.satisfied_threshold));
        Some(SatisfactionWeights {
            extra_contact: extra_contact?,
            hold_minute: hold_minute?,
            escalation: escalation?,
            switch: switch?,
            repeat_explanation: repeat_explanation?,
            unresolved: unresolved?,
            satisfied_threshold: satisfied_threshold?,
        })
    }

    fn design(&mut self, value: &Value, path: &str) -> Option<Design> {
        let o = self.object(
            value,
            path,
            &["name", "context_carryover", "repeat_explanation_minutes", "personas", "channels", "investment"],
        )?;
        let name = self.name(&o, "name");
        let investment = self.non_negative(&o, "investment", Some(0.0));
        let context_carryover = self.flag(&o, "context_carryover", false);
        let repeat = self.distribution(
            &o,
            "repeat_explanation_minutes",
            Some(DistributionSpec::Triangular { min: 0.5, mode: 1.5, max: 4.0 }),
        );
        // Channels first: personas' channel mixes refer to them by name.
        let channels: Option<Vec<Channel>> = self.list(&o, "channels", 1, MAX_CHANNELS, "channel").and_then(|items| {
            let channels: Vec<Option<Channel>> =
                items.iter().enumerate().map(|(i, c)| self.channel(c, &format!("{path}.channels[{i}]"))).collect();
            self.unique_names(channels.iter().flatten().map(|c| c.name.as_str()), &o.field("channels"), "channel");
            channels.into_iter().collect()
        });
        let channel_names: Vec<String> = match (&channels, o.get("channels")) {
            (Some(cs), _) => cs.iter().map(|c| c.name.clone()).collect(),
            // Channels with problems still lend their names, so a persona's
            // mix is not reported wrong because of an unrelated typo.
            (None, Some(Value::Array(items))) => {
                items.iter().filter_map(|c| c.get("name").and_then(Value::as_str).map(str::to_owned)).collect()
            }
            _ => Vec::new(),
        };
        let personas: Option<Vec<Persona>> = self.list(&o, "personas", 1, MAX_PERSONAS, "persona").and_then(|items| {
            let personas: Vec<Option<Persona>> = items
                .iter()
                .enumerate()
                .map(|(i, p)| self.persona(p, &format!("{path}.personas[{i}]"), &channel_names))
                .collect();
            self.unique_names(personas.iter().flatten().map(|p| p.name.as_str()), &o.field("personas"), "persona");
            let personas: Option<Vec<Persona>> = personas.into_iter().collect();
            if let Some(ps) = &personas
                && ps.iter().all(|p| p.share == 0.0)
            {
                self.problem(&o.field("personas"), "at least one persona needs a share above 0");
                return None;
            }
            personas
        });
        let design = Design {
            name: name?,
            context_carryover: context_carryover?,
            repeat_explanation_minutes: repeat?,
            personas: personas?,
            channels: channels?,
            investment: investment?,
        };
        if let Some(too_large) = bounds::check(&design, self.backlog_hours) {
            self.problem(&format!("{path}.channels[{}]", too_large.channel), too_large.message);
            return None;
        }
        Some(design)
    }

    fn persona(&mut self, value: &Value, path: &str, channel_names: &[String]) -> Option<Persona> {
        let o = self.object(
            value,
            path,
            &[
                "name",
                "share",
                "channel_mix",
                "patience",
                "hold_tolerance",
                "retry_after_abandon",
                "retry_after_failure",
                "switch_on_retry",
                "max_contacts",
                "retry_gap_hours",
                "baseline_satisfaction",
            ],
        )?;
        let name = self.name(&o, "name");
        let share = self.non_negative(&o, "share", None);
        let channel_mix = self.channel_mix(&o, channel_names);
        let patience = self.distribution(&o, "patience", None);
        let hold_tolerance = self.non_negative(&o, "hold_tolerance", Some(0.0));
        let retry_after_abandon = self.probability(&o, "retry_after_abandon", Some(0.0));
        let retry_after_failure = self.probability(&o, "retry_after_failure", Some(0.0));
        let switch_on_retry = self.probability(&o, "switch_on_retry", Some(0.0));
        let max_contacts = self.whole(&o, "max_contacts", Some(1), 1, MAX_CONTACTS as u64);
        let retry_gap_hours = self.distribution(&o, "retry_gap_hours", Some(DistributionSpec::Fixed { value: 0.0 }));
        let baseline_satisfaction = self.score(&o, "baseline_satisfaction", Some(80.0));
        Some(Persona {
            name: name?,
            share: share?,
            channel_mix: channel_mix?,
            patience: patience?,
            hold_tolerance: hold_tolerance?,
            retry_after_abandon: retry_after_abandon?,
            retry_after_failure: retry_after_failure?,
            switch_on_retry: switch_on_retry?,
            max_contacts: max_contacts? as u32,
            retry_gap_hours: retry_gap_hours?,
            baseline_satisfaction: baseline_satisfaction?,
        })
    }

    fn channel_mix(&mut self, o: &Obj, channel_names: &[String]) -> Option<ChannelMix> {
        let path = o.field("channel_mix");
        let Some(value) = o.get("channel_mix") else {
            self.problem(&path, "is missing");
            return None;
        };
        let Value::Object(map) = value else {
            self.problem(&path, format!("must be an object of channel weights such as {{\"Phone\": 1}}, not {}", describe(value)));
            return None;
        };
        let mut entries = Vec::with_capacity(map.len());
        let mut ok = true;
        for (name, weight) in map {
            let entry_path = format!("{path}[\"{name}\"]");
            let Some(index) = channel_names.iter().position(|c| c == name) else {
                let known = channel_names.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", ");
                self.problem(&entry_path, format!("there is no channel called \"{name}\" in this design (channels: {known})"));
                ok = false;
                continue;
            };
            match weight.as_f64() {
                Some(w) if w.is_finite() && (0.0..=MAX_VALUE).contains(&w) => entries.push((index, name.clone(), w)),
                Some(w) if w > MAX_VALUE => {
                    self.problem(&entry_path, format!("{} is too large (at most 1,000,000,000)", pretty(w)));
                    ok = false;
                }
                Some(w) => {
                    self.problem(&entry_path, format!("{} is not a weight (it must be 0 or more)", pretty(w)));
                    ok = false;
                }
                None => {
                    self.problem(&entry_path, format!("must be a number, not {}", describe(weight)));
                    ok = false;
                }
            }
        }
        if ok && !entries.iter().any(|(_, _, w)| *w > 0.0) {
            self.problem(&path, "at least one channel needs a weight above 0");
            return None;
        }
        ok.then_some(ChannelMix { entries })
    }

    fn channel(&mut self, value: &Value, path: &str) -> Option<Channel> {
        let o = self.object(value, path, &["name", "kind", "self_service", "agent"])?;
        let name = self.name(&o, "name");
        let kind = self.text(&o, "kind", Some("other")).and_then(|k| {
            let kind = ChannelKind::parse(&k);
            if kind.is_none() {
                self.problem(
                    &o.field("kind"),
                    format!("\"{k}\" is not a channel kind (use phone, chat, email, social, sms, web, chatbot or other)"),
                );
            }
            kind
        });
        let self_service = o.get("self_service").map(|v| self.self_service(v, &o.field("self_service")));
        let agent = o.get("agent").map(|v| self.agent(v, &o.field("agent")));
        if self_service.is_none() && agent.is_none() {
            self.problem(path, "needs self_service or agent (or both): a customer must meet someone or something");
            return None;
        }
        Some(Channel { name: name?, kind: kind?, self_service: optional(self_service)?, agent: optional(agent)? })
    }

    fn self_service(&mut self, value: &Value, path: &str) -> Option<SelfService> {
        let o = self.object(value, path, &["name", "containment", "abandonment", "minutes", "live_fallback", "cost"])?;
        let name = self.text(&o, "name", Some("Self-service"));
        let containment = self.probability(&o, "containment", None);
        let abandonment = self.probability(&o, "abandonment", Some(0.0));
        if let (Some(c), Some(a)) = (containment, abandonment)
            && c + a > 1.0 + 1e-12
        {
            self.problem(
                &o.field("abandonment"),
                format!("containment ({}) + abandonment ({}) = {} is more than 1", pretty(c), pretty(a), pretty(c + a)),
            );
        }
        let minutes = self.distribution(&o, "minutes", None);
        let live_fallback = self.flag(&o, "live_fallback", true);
        let cost = self.non_negative(&o, "cost", Some(0.0));
        Some(SelfService {
            name: name?,
            containment: containment?,
            abandonment: abandonment?,
            minutes: minutes?,
            live_fallback: live_fallback?,
            cost: cost?,
        })
    }

    fn agent(&mut self, value: &Value, path: &str) -> Option<Agent> {
        let o = self.object(
            value,
            path,
            &[
                "hold_minutes",
                "handle_minutes",
                "resolution",
                "escalation",
                "reopen",
                "response_delay_hours",
                "cost_per_contact",
                "cost_per_minute",
                "staffing",
                "tier2",
            ],
        )?;
        let staffing = self.staffing_of(&o);
        let hold = self.hold(&o, &staffing);
        let handle = self.distribution(&o, "handle_minutes", None);
        let resolution = self.probability(&o, "resolution", None);
        let escalation = self.probability(&o, "escalation", Some(0.0));
        if let (Some(r), Some(e)) = (resolution, escalation)
            && r + e > 1.0 + 1e-12
        {
            self.problem(
                &o.field("escalation"),
                format!("resolution ({}) + escalation ({}) = {} is more than 1", pretty(r), pretty(e), pretty(r + e)),
            );
        }
        let reopen = self.probability(&o, "reopen", Some(0.0));
        let delay = match o.get("response_delay_hours") {
            None => Some(None),
            Some(_) => self.distribution(&o, "response_delay_hours", None).map(Some),
        };
        let cost_per_contact = self.non_negative(&o, "cost_per_contact", Some(0.0));
        let cost_per_minute = self.non_negative(&o, "cost_per_minute", Some(0.0));
        let tier2 = match o.get("tier2") {
            Some(v) => Some(self.tier2(v, &o.field("tier2"))),
            None => {
                if let Some(e) = escalation
                    && e > 0.0
                {
                    self.problem(
                        &o.field("tier2"),
                        format!("is required because escalation is {} (escalated customers need a tier 2)", pretty(e)),
                    );
                }
                None
            }
        };
        Some(Agent {
            hold_minutes: hold?,
            handle_minutes: handle?,
            resolution: resolution?,
            escalation: escalation?,
            reopen: reopen?,
            response_delay_hours: delay?,
            cost_per_contact: cost_per_contact?,
            cost_per_minute: cost_per_minute?,
            staffing: staffing?,
            tier2: optional(tier2)?,
        })
    }

    /// `hold_minutes`: required of an agent that is not staffed; optional
    /// (kept, unused) on a staffed one.
    fn hold(&mut self, o: &Obj, staffing: &Option<Option<Staffing>>) -> Option<Option<Distribution>> {
        match (o.get("hold_minutes"), staffing) {
            (None, Some(Some(_))) => Some(None),
            (None, None) => None,
            _ => self.distribution(o, "hold_minutes", None).map(Some),
        }
    }

    fn tier2(&mut self, value: &Value, path: &str) -> Option<Tier2> {
        let o = self.object(value, path, &["hold_minutes", "handle_minutes", "resolution", "cost_per_minute", "staffing"])?;
        let staffing = self.staffing_of(&o);
        let hold = self.hold(&o, &staffing);
        let handle = self.distribution(&o, "handle_minutes", None);
        let resolution = self.probability(&o, "resolution", None);
        let cost_per_minute = self.non_negative(&o, "cost_per_minute", Some(0.0));
        Some(Tier2 {
            hold_minutes: hold?,
            handle_minutes: handle?,
            resolution: resolution?,
            cost_per_minute: cost_per_minute?,
            staffing: staffing?,
        })
    }

    fn unique_names<'n>(&mut self, names: impl Iterator<Item = &'n str>, path: &str, what: &str) {
        let mut seen: Vec<&str> = Vec::new();
        for (i, name) in names.enumerate() {
            if seen.contains(&name) {
                self.problem(&format!("{path}[{i}].name"), format!("another {what} is already called \"{name}\"; names must differ"));
            }
            seen.push(name);
        }
    }
}

/// Reads an optional section: `None` when it was absent, `Some(None)` when it
/// was present but had problems. Returns `None` for problems (so `?` stops
/// the build) and `Some(section or absent)` otherwise.
fn optional<T>(section: Option<Option<T>>) -> Option<Option<T>> {
    match section {
        None => Some(None),
        Some(None) => None,
        Some(Some(t)) => Some(Some(t)),
    }
}

/// Upgrades a study read from an older schema to the current one.
fn migrate(mut study: Study) -> Study {
    // Schema 2 only added the capacity model: a schema 1 study means the
    // same in schema 2. The study is written back with the lowest schema
    // that holds it.
    study.schema = study.schema_needed();
    study
}

/// Whether two field names are one typo apart (for "did you mean").
fn similar(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a == b {
        return false;
    }
    // Levenshtein distance ≤ 2, on short field names.
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()] <= 2
}
