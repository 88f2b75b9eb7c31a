//! The smallest change that matters, per KPI: how far a variant must move a
//! figure before the change is worth a decision. A change whose whole 95%
//! interval lies within it is *negligible* (see `report/`), however sure
//! the run is that it is not zero: with a million journeys, 0.01 hours is
//! "detectable" and still nothing to spend money on.
//!
//! MODEL.md has no field for this; the optional `smallest_changes` object of
//! the study file is this project's (docs/model-choices.md). For a rate the
//! value is a change of the rate itself (0.005 = 0.5 percentage points);
//! for every other figure a share of the reference design's value (0.01 =
//! 1%). A KPI left out takes [`default_for`]; 0 turns the verdict off.

use serde::Serialize;
use serde::ser::SerializeMap;

use crate::kpi::{DERIVED_KPIS, KPIS, Scale, kpi};

/// The study's own smallest changes, the KPIs it sets, in [`KPIS`] order;
/// every other KPI takes its default.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SmallestChanges {
    pub set: Vec<(&'static str, f64)>,
}

/// The default for a KPI of `scale`: half a percentage point of a rate,
/// 1% of anything else.
pub fn default_for(scale: Scale) -> f64 {
    match scale {
        Scale::Rate => 0.005,
        Scale::Amount | Scale::Score => 0.01,
    }
}

impl SmallestChanges {
    /// The smallest change of `key` that matters, as the file writes it.
    pub fn of(&self, key: &str) -> f64 {
        match self.set.iter().find(|(k, _)| *k == key) {
            Some((_, value)) => *value,
            None => kpi(key).map_or(0.0, |info| default_for(info.scale)),
        }
    }

    /// The same in the figure's own units, for a reference value
    /// `reference` (the baseline's estimate): a rate's change as it is, a
    /// share of anything else times the reference's size.
    pub fn absolute(&self, key: &str, reference: f64) -> f64 {
        let value = self.of(key);
        match kpi(key).map(|info| info.scale) {
            Some(Scale::Rate) => value,
            _ if reference.is_finite() => value * reference.abs(),
            _ => 0.0,
        }
    }

    /// Whether `key`'s value is written relative to the reference (every
    /// KPI but the rates).
    pub fn is_relative(key: &str) -> bool {
        kpi(key).is_some_and(|info| info.scale != Scale::Rate)
    }

    pub fn is_empty(&self) -> bool {
        self.set.is_empty()
    }

    /// Keeps the entries in [`KPIS`] order, so a file is written the same
    /// way whatever order it was read in.
    pub(crate) fn sorted(mut set: Vec<(&'static str, f64)>) -> Self {
        set.sort_by_key(|(key, _)| KPIS.iter().chain(&DERIVED_KPIS).position(|k| k.key == *key));
        Self { set }
    }
}

impl Serialize for SmallestChanges {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.set.len()))?;
        for (key, value) in &self.set {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_take_half_a_point_and_other_figures_one_percent_of_the_reference() {
        let none = SmallestChanges::default();
        assert_eq!(none.of("resolution_rate"), 0.005);
        assert_eq!(none.absolute("resolution_rate", 0.8), 0.005);
        assert_eq!(none.of("cost_per_journey"), 0.01);
        assert!((none.absolute("cost_per_journey", -7.5) - 0.075).abs() < 1e-15);
        assert!((none.absolute("satisfaction", 70.0) - 0.7).abs() < 1e-12);
        assert_eq!(none.absolute("cost_per_journey", f64::NAN), 0.0);
        let set = SmallestChanges::sorted(vec![("satisfaction", 0.0), ("resolution_rate", 0.02)]);
        assert_eq!(set.set[0].0, "resolution_rate", "written in KPI order");
        assert_eq!(set.of("resolution_rate"), 0.02);
        assert_eq!(set.absolute("satisfaction", 70.0), 0.0);
        assert!(SmallestChanges::is_relative("hours_to_resolution") && !SmallestChanges::is_relative("containment"));
    }
}
