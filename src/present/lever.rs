//! A lever of "Ask the room": one input of a design the trainer lets the
//! room move with a large slider, the results following through the live
//! preview: a channel's self-service containment, its agents' resolution,
//! or (with volume and staffing) the agents on duty, as extra agents in
//! every staffed hour of the prepared roster.
//!
//! A lever is named by its field path (`designs[1].channels[0].self_service.containment`),
//! as the validator names fields, so a link can carry it.

use journey_engine::Study;
use journey_engine::sensitivity::number;
use serde_json::Value;

use crate::state::path::{self, FieldPath};

/// What a lever moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LeverKind {
    /// `self_service.containment`, a share.
    Containment,
    /// `agent.resolution`, a share.
    Resolution,
    /// `agent.staffing.agents`: agents added to every staffed hour.
    Agents,
}

impl LeverKind {
    const ALL: [LeverKind; 3] = [LeverKind::Containment, LeverKind::Resolution, LeverKind::Agents];

    fn keys(self) -> &'static [&'static str] {
        match self {
            LeverKind::Containment => &["self_service", "containment"],
            LeverKind::Resolution => &["agent", "resolution"],
            LeverKind::Agents => &["agent", "staffing", "agents"],
        }
    }
}

/// One lever.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lever {
    pub design: usize,
    pub channel: usize,
    pub kind: LeverKind,
}

/// Most agents a lever takes away from, or adds to, every staffed hour.
const AGENTS_DOWN: f64 = 5.0;
const AGENTS_UP: f64 = 10.0;

impl Lever {
    /// The lever a field path names; `None` for any other path.
    pub fn from_path(text: &str) -> Option<Self> {
        let rest = text.strip_prefix("designs[")?;
        let (design, rest) = rest.split_once("].channels[")?;
        let (channel, rest) = rest.split_once("].")?;
        let keys: Vec<&str> = rest.split('.').collect();
        let kind = LeverKind::ALL.into_iter().find(|k| k.keys() == keys.as_slice())?;
        Some(Self { design: design.parse().ok()?, channel: channel.parse().ok()?, kind })
    }

    /// Its field path, as text.
    pub fn path(&self) -> String {
        self.field().to_string()
    }

    pub fn field(&self) -> FieldPath {
        self.kind.keys().iter().fold(FieldPath::design(self.design).key("channels").index(self.channel), |p, k| p.key(k))
    }

    /// The lever's value in a study JSON; `None` where the study has no
    /// such field.
    pub fn value<'v>(&self, study: &'v Value) -> Option<&'v Value> {
        path::get(study, &self.field()).filter(|v| v.is_number() || (self.kind == LeverKind::Agents && v.is_array()))
    }

    /// "Improved · Phone: self-service containment".
    pub fn label(&self, study: &Value) -> String {
        let design = study["designs"][self.design]["name"].as_str().unwrap_or("?");
        let channel = study["designs"][self.design]["channels"][self.channel]["name"].as_str().unwrap_or("?");
        let what = match self.kind {
            LeverKind::Containment => "self-service containment",
            LeverKind::Resolution => "agents resolve at first contact",
            LeverKind::Agents => "agents on duty",
        };
        format!("{design} \u{b7} {channel}: {what}")
    }

    /// The slider's range and step: percent for shares, extra agents for
    /// the roster.
    pub fn range(&self) -> (f64, f64, f64) {
        match self.kind {
            LeverKind::Containment | LeverKind::Resolution => (0.0, 100.0, 1.0),
            LeverKind::Agents => (-AGENTS_DOWN, AGENTS_UP, 1.0),
        }
    }

    /// Where the slider stands for `current`, the roster planned being
    /// `prepared`.
    pub fn position(&self, current: &Value, prepared: &Value) -> f64 {
        match self.kind {
            LeverKind::Containment | LeverKind::Resolution => (current.as_f64().unwrap_or(0.0) * 100.0).round(),
            LeverKind::Agents => {
                let planned = staffed(prepared);
                let now = staffed(current);
                match (planned.iter().position(|&a| a > 0.0), planned.is_empty()) {
                    (Some(h), false) => now.get(h).map_or(0.0, |n| n - planned[h]),
                    _ => 0.0,
                }
            }
        }
    }

    /// The value the slider at `position` gives, the roster planned being
    /// `prepared`. A staffed hour keeps at least one agent (taking the last
    /// would close it, which is a different question).
    pub fn apply(&self, position: f64, prepared: &Value) -> Value {
        let (low, high, _) = self.range();
        let position = position.clamp(low, high).round();
        match self.kind {
            LeverKind::Containment | LeverKind::Resolution => number(position / 100.0),
            LeverKind::Agents => {
                let add = |a: f64| if a > 0.0 { number((a + position).max(1.0)) } else { number(a) };
                match prepared {
                    Value::Array(hours) => Value::Array(hours.iter().map(|h| add(h.as_f64().unwrap_or(0.0))).collect()),
                    v => add(v.as_f64().unwrap_or(0.0)),
                }
            }
        }
    }

    /// The slider's value in words: "35%", "2 more agents every staffed hour".
    pub fn describe(&self, position: f64) -> String {
        match self.kind {
            LeverKind::Containment | LeverKind::Resolution => format!("{position:.0}%"),
            LeverKind::Agents => match position as i64 {
                0 => "as planned".to_owned(),
                1 => "1 more agent every staffed hour".to_owned(),
                -1 => "1 agent fewer every staffed hour".to_owned(),
                n if n > 0 => format!("{n} more agents every staffed hour"),
                n => format!("{} agents fewer every staffed hour", -n),
            },
        }
    }

    /// The levers a study offers when the trainer chose none, on design
    /// `variant`: the self-service containment the variant changes (else its
    /// first), and the agents on duty of its first staffed channel (else the
    /// resolution the variant changes, else its first).
    pub fn defaults(study: &Study, variant: usize) -> Vec<Lever> {
        let (Some(base), Some(design)) = (study.designs.first(), study.designs.get(variant)) else { return Vec::new() };
        let lever = |channel: usize, kind: LeverKind| Lever { design: variant, channel, kind };
        let changed = |c: usize, differs: &dyn Fn(&journey_engine::Channel, &journey_engine::Channel) -> bool| {
            let mine = &design.channels[c];
            base.channels.iter().find(|b| b.name == mine.name).is_none_or(|b| differs(b, mine))
        };
        let pick = |has: &dyn Fn(&journey_engine::Channel) -> bool,
                    differs: &dyn Fn(&journey_engine::Channel, &journey_engine::Channel) -> bool| {
            let with: Vec<usize> = (0..design.channels.len()).filter(|&c| has(&design.channels[c])).collect();
            with.iter().copied().find(|&c| changed(c, differs)).or(with.first().copied())
        };
        let mut levers = Vec::new();
        let containment = |c: &journey_engine::Channel| c.self_service.as_ref().map(|s| s.containment);
        if let Some(c) = pick(&|c| containment(c).is_some(), &|a, b| containment(a) != containment(b)) {
            levers.push(lever(c, LeverKind::Containment));
        }
        let staffed = study.demand.is_some().then(|| design.channels.iter().position(|c| c.agent.as_ref().is_some_and(|a| a.staffing.is_some())));
        match staffed.flatten() {
            Some(c) => levers.push(lever(c, LeverKind::Agents)),
            None => {
                let resolution = |c: &journey_engine::Channel| c.agent.as_ref().map(|a| a.resolution);
                if let Some(c) = pick(&|c| resolution(c).is_some(), &|a, b| resolution(a) != resolution(b)) {
                    levers.push(lever(c, LeverKind::Resolution));
                }
            }
        }
        levers
    }
}

/// The agents of every hour of a roster (one number is one hour).
fn staffed(value: &Value) -> Vec<f64> {
    match value {
        Value::Array(hours) => hours.iter().map(|h| h.as_f64().unwrap_or(0.0)).collect(),
        v => vec![v.as_f64().unwrap_or(0.0)],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::test_support::schema1;
    use serde_json::json;

    fn preset(id: &str) -> Study {
        Study::from_json(journey_engine::presets::find(id).expect("preset").json).expect("valid")
    }

    #[test]
    fn a_lever_is_named_by_its_field_path() {
        let text = "designs[1].channels[0].agent.staffing.agents";
        let lever = Lever::from_path(text).expect("a lever");
        assert_eq!(lever, Lever { design: 1, channel: 0, kind: LeverKind::Agents });
        assert_eq!(lever.path(), text);
        for wrong in ["designs[1].channels[0].agent", "designs[x].channels[0].agent.resolution", "title", "designs[1].personas[0].share"] {
            assert_eq!(Lever::from_path(wrong), None, "{wrong}");
        }
    }

    #[test]
    fn shares_move_in_percent_and_rosters_by_extra_agents() {
        let share = Lever { design: 1, channel: 0, kind: LeverKind::Containment };
        assert_eq!(share.apply(42.0, &json!(0.35)), json!(0.42));
        assert_eq!(share.apply(140.0, &json!(0.35)), json!(1));
        assert_eq!(share.position(&json!(0.42), &json!(0.35)), 42.0);
        let agents = Lever { design: 1, channel: 0, kind: LeverKind::Agents };
        let planned = json!([0, 0, 6, 13, 2]);
        assert_eq!(agents.apply(2.0, &planned), json!([0, 0, 8, 15, 4]));
        assert_eq!(agents.apply(-3.0, &planned), json!([0, 0, 3, 10, 1]), "a staffed hour keeps one agent");
        assert_eq!(agents.position(&json!([0, 0, 8, 15, 4]), &planned), 2.0);
        assert_eq!(agents.apply(1.0, &json!(14)), json!(15));
        assert_eq!(agents.describe(-2.0), "2 agents fewer every staffed hour");
    }

    #[test]
    fn the_defaults_are_the_changed_containment_and_the_agents() {
        let study = preset("password-reset");
        let levers = Lever::defaults(&study, 1);
        assert_eq!(levers.iter().map(|l| l.kind).collect::<Vec<_>>(), [LeverKind::Containment, LeverKind::Agents]);
        let json: Value = serde_json::from_str(&study.to_json()).expect("json");
        for lever in &levers {
            assert!(lever.value(&json).is_some(), "{}", lever.path());
        }
        assert!(levers[0].label(&json).contains("self-service containment"), "{}", levers[0].label(&json));
        // Without volume and staffing, the agents' resolution instead.
        let study = schema1("password-reset");
        let kinds: Vec<LeverKind> = Lever::defaults(&study, 1).iter().map(|l| l.kind).collect();
        assert_eq!(kinds, [LeverKind::Containment, LeverKind::Resolution]);
        assert!(Lever::defaults(&study, 7).is_empty());
    }
}
