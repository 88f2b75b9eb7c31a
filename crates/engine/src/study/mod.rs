//! The validated study: what MODEL.md's study file means, as types.
//! Schema 2 adds the capacity model: [`Demand`] (`demand.rs`) at the study
//! level and [`Staffing`] (`staffing.rs`) on an agent or tier 2.
//!
//! A [`Study`] can only be made by [`Study::from_json`] /
//! [`Study::from_value`] (see `validate.rs`), so everything downstream may
//! rely on its invariants: probabilities in [0, 1], containment +
//! abandonment ≤ 1, resolution + escalation ≤ 1, a tier 2 wherever
//! escalation > 0, channel mixes that name existing channels, and so on.
//! Serialising a `Study` writes the study file format back, field for field.

mod demand;
mod smallest_change;
mod staffing;

use serde::Serialize;
use serde::ser::SerializeMap;

pub use demand::*;
pub use smallest_change::SmallestChanges;
pub use staffing::*;

use crate::distribution::Distribution;

/// The newest schema this build reads and writes. A study is written with
/// the lowest schema that holds it (1 without `demand`), so that studies
/// that do not use the capacity model stay readable by older versions;
/// older schemas are migrated on reading (see `validate.rs`).
pub const SCHEMA_VERSION: u64 = 2;

/// Most designs a study may compare (the baseline and up to five variants).
pub const MAX_DESIGNS: usize = 6;
/// Most journeys per design.
pub const MAX_JOURNEYS: u64 = 10_000_000;
/// Most contacts a persona makes before giving up.
pub const MAX_CONTACTS: u32 = 10;
/// Most personas or channels in one design. MODEL.md sets no limit; twelve
/// is more than any journey map we have seen and keeps the per-journey
/// tallies small.
pub const MAX_PERSONAS: usize = 12;
/// See [`MAX_PERSONAS`].
pub const MAX_CHANNELS: usize = 12;
/// Largest time, cost, weight or distribution parameter a study may hold.
/// MODEL.md sets no limit; a billion minutes, hours or currency units is
/// beyond any contact centre and keeps every sum far from overflow.
pub const MAX_VALUE: f64 = 1e9;

/// A whole study: customers, channels and designs to compare.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Study {
    /// 2 when the study has `demand`, else 1 (see [`SCHEMA_VERSION`]).
    pub schema: u64,
    pub title: String,
    /// Currency code shown beside costs; no conversion is ever made.
    pub currency: String,
    /// Base of every random stream: the same seed gives the same numbers.
    pub seed: u64,
    /// Simulated customers per design (independent journeys only: with
    /// `demand`, the arrivals decide).
    pub journeys: u64,
    /// Volume: when present, the study runs as a simulated contact centre.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub demand: Option<Demand>,
    pub satisfaction: SatisfactionWeights,
    /// The smallest change of each KPI that matters (this project's
    /// optional field, see `smallest_change.rs`); written only when set.
    #[serde(skip_serializing_if = "SmallestChanges::is_empty")]
    pub smallest_changes: SmallestChanges,
    /// `designs[0]` is the baseline ("Current"); the others are variants.
    pub designs: Vec<Design>,
}

/// Points taken off a customer's satisfaction score (0 to 100).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SatisfactionWeights {
    /// Per contact after the first [points].
    pub extra_contact: f64,
    /// Per minute of total hold beyond the persona's tolerance [points·min⁻¹].
    pub hold_minute: f64,
    /// Per escalation to tier 2 [points].
    pub escalation: f64,
    /// Per channel switch [points].
    pub switch: f64,
    /// Per repeated explanation [points].
    pub repeat_explanation: f64,
    /// When the journey ends unresolved [points].
    pub unresolved: f64,
    /// Score at or above which a customer counts as satisfied [points].
    pub satisfied_threshold: f64,
}

/// One way of running the contact centre.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Design {
    pub name: String,
    /// Whether context travels with the customer between agent interactions.
    pub context_carryover: bool,
    /// Extra handle time when the customer must explain again [min].
    pub repeat_explanation_minutes: Distribution,
    pub personas: Vec<Persona>,
    pub channels: Vec<Channel>,
    /// What making this design real costs once, in the study's currency
    /// (this project's optional field, docs/model-choices.md): a variant's
    /// business case says in how many months its saving pays it back. 0:
    /// none given; the baseline's is not used.
    #[serde(skip_serializing_if = "no_investment")]
    pub investment: f64,
}

fn no_investment(investment: &f64) -> bool {
    *investment == 0.0
}

/// A kind of customer, with their own channel preferences and patience.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Persona {
    pub name: String,
    /// Weight in the customer mix (normalised over personas).
    pub share: f64,
    /// Weight of each channel for the first contact, by channel index.
    pub channel_mix: ChannelMix,
    /// How long the customer waits in a queue before abandoning [min].
    pub patience: Distribution,
    /// Total hold accepted before satisfaction starts to fall [min].
    pub hold_tolerance: f64,
    /// Chance of trying again after abandoning.
    pub retry_after_abandon: f64,
    /// Chance of trying again after a failed contact.
    pub retry_after_failure: f64,
    /// Chance of changing channel on an optional switch.
    pub switch_on_retry: f64,
    /// Attempts before giving up (1 to 10).
    pub max_contacts: u32,
    /// Time between attempts [h].
    pub retry_gap_hours: Distribution,
    /// Starting satisfaction score [points].
    pub baseline_satisfaction: f64,
}

/// Channel weights of a persona, by channel index in the design, with the
/// channel names kept so the file writes back as it was read.
#[derive(Clone, Debug, PartialEq)]
pub struct ChannelMix {
    /// (channel index, channel name, weight), in file order.
    pub entries: Vec<(usize, String, f64)>,
}

/// How a customer reaches the company.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Channel {
    pub name: String,
    /// Picks icons and defaults, never behaviour.
    pub kind: ChannelKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub self_service: Option<SelfService>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agent: Option<Agent>,
}

/// The family a channel belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChannelKind {
    Phone,
    Chat,
    Email,
    Social,
    Sms,
    Web,
    Chatbot,
    Other,
}

/// IVR, chatbot, FAQ or help centre in front of a channel.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SelfService {
    pub name: String,
    /// Chance that self-service resolves the attempt.
    pub containment: f64,
    /// Chance that the customer abandons inside self-service.
    pub abandonment: f64,
    /// Time spent in self-service [min].
    pub minutes: Distribution,
    /// Whether a customer not contained goes on to an agent of the channel.
    pub live_fallback: bool,
    /// Cost per self-service attempt [currency].
    pub cost: f64,
}

/// Live agents behind a channel (tier 1), with an optional tier 2.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Agent {
    /// Wait before an agent answers [min]: drawn when the agent is not
    /// staffed (always present then); kept but unused when it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hold_minutes: Option<Distribution>,
    /// Agent handle time [min].
    pub handle_minutes: Distribution,
    pub resolution: f64,
    pub escalation: f64,
    /// Chance that a resolution does not hold and the customer comes back.
    pub reopen: f64,
    /// Elapsed time before an asynchronous answer [h].
    pub response_delay_hours: Option<Distribution>,
    /// Cost per tier-1 agent contact [currency].
    pub cost_per_contact: f64,
    /// Cost per tier-1 handle minute [currency·min⁻¹].
    pub cost_per_minute: f64,
    /// Agents on duty: a staffed agent is a pool whose waits emerge.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub staffing: Option<Staffing>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tier2: Option<Tier2>,
}

/// Specialists who take escalations.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Tier2 {
    /// Wait before a specialist answers [min]: as for [`Agent`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hold_minutes: Option<Distribution>,
    /// Specialist handle time [min].
    pub handle_minutes: Distribution,
    pub resolution: f64,
    /// Cost per tier-2 handle minute [currency·min⁻¹].
    pub cost_per_minute: f64,
    /// Specialists on duty (see [`Agent::staffing`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub staffing: Option<Staffing>,
}

impl Study {
    /// The baseline design every variant is compared against.
    pub fn baseline(&self) -> &Design {
        &self.designs[0]
    }

    /// Whether the study runs as a simulated contact centre (it has
    /// `demand`) rather than as independent journeys.
    pub fn is_centre(&self) -> bool {
        self.demand.is_some()
    }

    /// The same study with design `reference` as the baseline, the others
    /// after it in their order: its report compares every design with
    /// that one, with paired intervals (streams do not depend on a
    /// design's place, so every design's own figures stay as they were).
    /// `None` if there is no such design.
    pub fn against(&self, reference: usize) -> Option<Study> {
        let mut study = self.clone();
        if reference >= study.designs.len() {
            return None;
        }
        let design = study.designs.remove(reference);
        study.designs.insert(0, design);
        Some(study)
    }

    /// The lowest schema that holds the study.
    pub fn schema_needed(&self) -> u64 {
        if self.demand.is_some() { 2 } else { 1 }
    }

    /// The study as pretty-printed study-file JSON.
    pub fn to_json_pretty(&self) -> String {
        // Serialising plain data with string keys cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The study as compact study-file JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The study as a JSON value (what the editor edits).
    pub fn to_value(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or_default()
    }
}

impl ChannelKind {
    /// Every kind, in the order an editor offers them.
    pub const ALL: [ChannelKind; 8] = [
        ChannelKind::Phone,
        ChannelKind::Chat,
        ChannelKind::Email,
        ChannelKind::Social,
        ChannelKind::Sms,
        ChannelKind::Web,
        ChannelKind::Chatbot,
        ChannelKind::Other,
    ];

    /// The word the study file uses.
    pub fn as_str(self) -> &'static str {
        match self {
            ChannelKind::Phone => "phone",
            ChannelKind::Chat => "chat",
            ChannelKind::Email => "email",
            ChannelKind::Social => "social",
            ChannelKind::Sms => "sms",
            ChannelKind::Web => "web",
            ChannelKind::Chatbot => "chatbot",
            ChannelKind::Other => "other",
        }
    }

    /// Reads the study file's word.
    pub fn parse(word: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == word)
    }
}

impl Serialize for ChannelMix {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.entries.len()))?;
        for (_, name, weight) in &self.entries {
            map.serialize_entry(name, weight)?;
        }
        map.end()
    }
}

impl Default for SatisfactionWeights {
    /// The weights of MODEL.md's example study.
    fn default() -> Self {
        Self {
            extra_contact: 15.0,
            hold_minute: 2.0,
            escalation: 5.0,
            switch: 5.0,
            repeat_explanation: 5.0,
            unresolved: 40.0,
            satisfied_threshold: 70.0,
        }
    }
}
