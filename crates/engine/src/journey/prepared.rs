//! A design made ready for fast simulation: its random-stream key and its
//! cumulative persona and channel weights computed once per run.

use crate::streams::study_key;
use crate::study::{Design, SatisfactionWeights, Study};

/// A design prepared for fast simulation: cumulative weights precomputed.
#[derive(Clone, Debug)]
pub struct PreparedDesign<'s> {
    pub(crate) design: &'s Design,
    pub(super) weights: &'s SatisfactionWeights,
    /// The study's key to its random streams.
    pub(super) streams: u64,
    /// Cumulative persona shares, normalised to end at 1.
    persona_cdf: Vec<f64>,
    /// Per persona, the channel weights by channel index.
    pub(super) channel_weights: Vec<Vec<f64>>,
    /// Per persona, the running sums of `channel_weights` (the last is
    /// their total), for the first channel.
    channel_running: Vec<Vec<f64>>,
}

impl<'s> PreparedDesign<'s> {
    pub fn new(study: &'s Study, design: &'s Design) -> Self {
        let total: f64 = design.personas.iter().map(|p| p.share).sum();
        let mut running = 0.0;
        let persona_cdf = design
            .personas
            .iter()
            .map(|p| {
                running += p.share;
                running / total
            })
            .collect();
        let channel_weights: Vec<Vec<f64>> = design
            .personas
            .iter()
            .map(|p| {
                let mut w = vec![0.0; design.channels.len()];
                for (index, _, weight) in &p.channel_mix.entries {
                    w[*index] += weight;
                }
                w
            })
            .collect();
        let channel_running = channel_weights
            .iter()
            .map(|w| {
                let mut running = 0.0;
                w.iter()
                    .map(|x| {
                        running += x;
                        running
                    })
                    .collect()
            })
            .collect();
        Self { design, weights: &study.satisfaction, streams: study_key(study.seed), persona_cdf, channel_weights, channel_running }
    }

    /// The persona of a customer whose uniform draw is `u`.
    ///
    /// The index is a count of thresholds passed rather than a search that
    /// stops at the first: no branch depends on the random draw, so none is
    /// mispredicted. The same for the first channel below.
    #[inline]
    pub(super) fn persona(&self, u: f64) -> usize {
        let passed = self.persona_cdf.iter().map(|c| usize::from(*c <= u)).sum::<usize>();
        passed.min(self.persona_cdf.len() - 1)
    }

    /// The first channel of a customer of `persona` whose draw is `u`: the
    /// same choice as [`pick_weighted`] with nothing excluded.
    #[inline]
    pub(super) fn first_channel(&self, persona: usize, u: f64) -> usize {
        let running = &self.channel_running[persona];
        let target = u * running.last().copied().unwrap_or(0.0);
        let passed = running.iter().map(|r| usize::from(*r <= target)).sum::<usize>();
        if passed < running.len() {
            passed
        } else {
            // Rounding put the target on the total: the last channel with weight.
            // Validation guarantees a channel with weight; fall back to 0 regardless.
            pick_weighted(&self.channel_weights[persona], None, u).unwrap_or(0)
        }
    }
}

/// Picks an index with probability proportional to its weight, skipping
/// `exclude`; `None` when no other index has weight.
pub(super) fn pick_weighted(weights: &[f64], exclude: Option<usize>, u: f64) -> Option<usize> {
    let total: f64 = weights.iter().enumerate().filter(|(i, _)| Some(*i) != exclude).map(|(_, w)| w).sum();
    if total <= 0.0 {
        return None;
    }
    let target = u * total;
    let mut running = 0.0;
    let mut last = None;
    for (i, w) in weights.iter().enumerate() {
        if Some(i) == exclude || *w <= 0.0 {
            continue;
        }
        running += w;
        last = Some(i);
        if target < running {
            return Some(i);
        }
    }
    // Rounding can leave `target` a hair above the sum: take the last channel.
    last
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weighted_pick_skips_the_excluded_and_the_weightless() {
        let w = [0.0, 2.0, 1.0];
        assert_eq!(pick_weighted(&w, None, 0.0), Some(1));
        assert_eq!(pick_weighted(&w, None, 0.7), Some(2));
        assert_eq!(pick_weighted(&w, Some(1), 0.0), Some(2));
        assert_eq!(pick_weighted(&w, Some(1), 0.999_999), Some(2));
        assert_eq!(pick_weighted(&[0.0, 1.0], Some(1), 0.5), None);
    }
}
