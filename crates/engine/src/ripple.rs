//! The ripple: where every customer is, minute by minute, over a stretch
//! of a day, for the workshop's animation (customers as dots moving
//! through self-service, queue, agent, trying later, resolved or given
//! up).
//!
//! A study with demand gives the real sequence of one replication of the
//! simulated centre (`centre::trace`): the busiest four hours of the first
//! measured day, queues swelling with the arrivals and shrinking with the
//! agents. A study without demand has no shared clock, so [`RIPPLE_JOURNEYS`]
//! journeys are laid out over the same four hours, each on its own clock
//! with its drawn waits. Either way every design meets the same customers
//! at the same moments (common random numbers), so two designs' ripples
//! side by side show what the change does.
//!
//! The browser asks a simulation worker for a ripple (the page's own
//! bundle carries no simulation).

use serde::{Deserialize, Serialize};

use crate::centre::{self, Traced};
use crate::independent;
use crate::journey::{Observer, PreparedDesign, Step};
use crate::study::{DAY_MINUTES, HOUR_MINUTES, Study};

/// Length of the stretch shown [min].
pub const RIPPLE_MINUTES: f64 = 4.0 * HOUR_MINUTES;
/// Journeys laid out over the stretch for a study without demand.
pub const RIPPLE_JOURNEYS: u64 = 400;
/// Most customers expected in the stretch that get a dot each; a larger
/// centre shows every k-th customer (the same ones in every design), each
/// dot standing for k, so that its ripple stays quick to send and to draw.
/// The presets expect under 1,000.
pub const RIPPLE_MOST_DOTS: f64 = 1_500.0;

/// Where a customer is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Place {
    /// Has just made contact (an instant).
    Contact,
    SelfService,
    /// Waiting for an agent or specialist (a live queue or a backlog).
    Queue,
    Agent,
    Specialist,
    /// Between contacts: waiting for a reply or to try again.
    Later,
    Resolved,
    GaveUp,
}

impl Place {
    /// Every place, in the order a journey flows.
    pub const ALL: [Place; 8] =
        [Place::Contact, Place::SelfService, Place::Queue, Place::Agent, Place::Specialist, Place::Later, Place::Resolved, Place::GaveUp];

    /// Whether the journey is over here.
    pub fn is_end(self) -> bool {
        matches!(self, Place::Resolved | Place::GaveUp)
    }

    /// Its position in [`Place::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// One customer's places over time.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Track {
    /// The customer's number (arrival order in a replication; the journey
    /// index without demand): the same customer in every design.
    pub customer: u64,
    /// From when [minutes from the stretch's start] the customer is where,
    /// in time order; the last is where they stay.
    pub points: Vec<(f64, Place)>,
    /// When they hung up in a queue [minutes from the stretch's start].
    pub hang_ups: Vec<f64>,
}

impl Track {
    /// Where the customer is at `minutes` (from the stretch's start), with
    /// when they got there; `None` before their first contact.
    pub fn at(&self, minutes: f64) -> Option<(f64, Place)> {
        let after = self.points.partition_point(|&(t, _)| t <= minutes);
        after.checked_sub(1).map(|i| self.points[i])
    }
}

/// One design's stretch of a day.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Ripple {
    /// Minute of the day the stretch starts (0 = midnight).
    pub day_minute: f64,
    /// Length of the stretch [min].
    pub minutes: f64,
    /// Whether the customers share one centre's agents (a study with
    /// demand), or each is on their own clock.
    pub shared: bool,
    /// Customers seen in the stretch, in order of arrival (every
    /// `per_dot`-th customer of a large centre).
    pub tracks: Vec<Track>,
    /// Customers each track stands for: 1 but in a centre that expects
    /// more than [`RIPPLE_MOST_DOTS`] customers in the stretch.
    #[serde(default = "one")]
    pub per_dot: u64,
}

fn one() -> u64 {
    1
}

impl Ripple {
    /// The ripple of design `design` (an index into the study's designs);
    /// empty without such a design.
    pub fn of(study: &Study, design: usize) -> Self {
        match &study.demand {
            Some(demand) => {
                let day_minute = busiest_stretch(&demand.hourly_profile);
                let start = f64::from(demand.warmup_days) * DAY_MINUTES + day_minute;
                let events = centre::trace(study, design, 0, start + RIPPLE_MINUTES);
                // From the study alone, so every design keeps the same customers.
                let rates = demand.rates_per_minute();
                let weekday = demand.weekday(demand.warmup_days) * 24;
                let first = weekday + (day_minute / HOUR_MINUTES) as usize;
                let hours = (RIPPLE_MINUTES / HOUR_MINUTES) as usize;
                let expected: f64 = rates[first..first + hours].iter().sum::<f64>() * HOUR_MINUTES;
                let per_dot = (expected / RIPPLE_MOST_DOTS).ceil().max(1.0) as u64;
                let mut builder = Builder::default();
                for event in &events {
                    if let Traced::Step(step) = &event.what
                        && event.customer % per_dot == 0
                    {
                        builder.step(event.customer, event.minutes - start, step);
                    }
                }
                Self { day_minute, minutes: RIPPLE_MINUTES, shared: true, tracks: builder.finish(RIPPLE_MINUTES), per_dot }
            }
            None => {
                let Some(d) = study.designs.get(design) else {
                    return Self { day_minute: 9.0 * HOUR_MINUTES, minutes: RIPPLE_MINUTES, shared: false, tracks: Vec::new(), per_dot: 1 };
                };
                let prepared = PreparedDesign::new(study, d);
                let mut builder = Builder::default();
                for journey in 0..RIPPLE_JOURNEYS {
                    // Evenly spread over the stretch: no shared clock, so no
                    // arrival process to honour.
                    let arrival = (journey as f64 + 0.5) * RIPPLE_MINUTES / RIPPLE_JOURNEYS as f64;
                    let mut clock = OwnClock { builder: &mut builder, customer: journey, minutes: arrival };
                    independent::simulate(&prepared, journey, &mut clock);
                }
                Self { day_minute: 9.0 * HOUR_MINUTES, minutes: RIPPLE_MINUTES, shared: false, tracks: builder.finish(RIPPLE_MINUTES), per_dot: 1 }
            }
        }
    }

    /// How many customers are at each place of [`Place::ALL`] at `minutes`
    /// (from the stretch's start); the ended ones count only if they ended
    /// within the stretch. Each track counts for `per_dot` customers.
    pub fn counts_at(&self, minutes: f64) -> [usize; 8] {
        let mut counts = [0; 8];
        for track in &self.tracks {
            if let Some((since, place)) = track.at(minutes)
                && !(place.is_end() && since < 0.0)
            {
                counts[place.index()] += self.per_dot as usize;
            }
        }
        counts
    }

    /// Customers who hung up in a queue from the stretch's start until
    /// `minutes` (each track counting for `per_dot`).
    pub fn hang_ups_until(&self, minutes: f64) -> usize {
        self.per_dot as usize * self.tracks.iter().map(|t| t.hang_ups.iter().filter(|&&h| (0.0..=minutes).contains(&h)).count()).sum::<usize>()
    }
}

/// The minute of the day the busiest four hours of the hourly profile
/// start, on the hour.
fn busiest_stretch(profile: &[f64; 24]) -> f64 {
    let hours = (RIPPLE_MINUTES / HOUR_MINUTES) as usize;
    let best = (0..=24 - hours)
        .map(|h| (h, profile[h..h + hours].iter().sum::<f64>()))
        // The earliest of equally busy stretches.
        .fold((0, f64::NEG_INFINITY), |best, (h, w)| if w > best.1 { (h, w) } else { best });
    best.0 as f64 * HOUR_MINUTES
}

/// Turns journey steps, each with the minute it was told, into tracks.
///
/// A step is told when it begins (contact, self-service, agent, delays,
/// outcome), except a wait for an agent, told when it ends (its length is
/// known then), as both the centre and [`OwnClock`] tell it.
#[derive(Default)]
struct Builder {
    tracks: Vec<Track>,
    /// Position in `tracks` of each customer number seen.
    index: std::collections::HashMap<u64, usize>,
}

impl Builder {
    fn step(&mut self, customer: u64, minutes: f64, step: &Step) {
        let place = match step {
            Step::Contact { .. } => Place::Contact,
            Step::SelfService { .. } => Place::SelfService,
            Step::Wait { minutes: waited, abandoned, .. } => {
                let track = self.track(customer);
                track.points.push((minutes - waited, Place::Queue));
                if *abandoned {
                    track.hang_ups.push(minutes);
                }
                return;
            }
            Step::Agent { tier: 2, .. } => Place::Specialist,
            Step::Agent { .. } => Place::Agent,
            Step::ResponseDelay { .. } | Step::RetryGap { .. } => Place::Later,
            Step::Outcome { resolved: true } => Place::Resolved,
            Step::Outcome { resolved: false } => Place::GaveUp,
            Step::Escalation | Step::AttemptEnd { .. } => return,
        };
        self.track(customer).points.push((minutes, place));
    }

    fn track(&mut self, customer: u64) -> &mut Track {
        let next = self.tracks.len();
        let i = *self.index.entry(customer).or_insert(next);
        if i == next {
            self.tracks.push(Track { customer, points: Vec::new(), hang_ups: Vec::new() });
        }
        &mut self.tracks[i]
    }

    /// The tracks of customers seen in the stretch (`0..minutes`): not
    /// ended before it, and arrived before its end.
    fn finish(self, minutes: f64) -> Vec<Track> {
        let mut tracks: Vec<Track> = self
            .tracks
            .into_iter()
            .filter_map(|mut t| {
                // Points told at one moment: the last one stands.
                t.points.sort_by(|a, b| a.0.total_cmp(&b.0));
                let first = t.points.first()?.0;
                let ended_before = t.points.last().is_some_and(|&(at, p)| p.is_end() && at < 0.0);
                (first < minutes && !ended_before).then_some(t)
            })
            .collect();
        tracks.sort_by(|a, b| a.points[0].0.total_cmp(&b.points[0].0).then(a.customer.cmp(&b.customer)));
        tracks
    }
}

/// A journey's own clock: an independent journey is told all at once, so
/// this adds up the steps' lengths to give each the minute it happens.
struct OwnClock<'a> {
    builder: &'a mut Builder,
    customer: u64,
    minutes: f64,
}

impl Observer for OwnClock<'_> {
    fn step(&mut self, step: &Step, _score: f64) {
        let before = self.minutes;
        // A wait is told at its end, every other step at its start.
        if let Step::Wait { minutes, .. } = step {
            self.minutes += minutes;
            self.builder.step(self.customer, self.minutes, step);
            return;
        }
        self.builder.step(self.customer, before, step);
        self.minutes += match step {
            Step::SelfService { minutes, .. } | Step::Agent { minutes, .. } => *minutes,
            Step::ResponseDelay { hours } | Step::RetryGap { hours } => hours * HOUR_MINUTES,
            _ => 0.0,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets;

    fn preset(name: &str) -> Study {
        let json = presets::find(name).expect("preset").json;
        Study::from_json(json).expect("valid preset")
    }

    #[test]
    fn a_large_centre_shows_every_kth_customer_the_same_in_every_design() {
        let mut study = preset("password-reset");
        assert_eq!(Ripple::of(&study, 0).per_dot, 1, "the presets get a dot per customer");
        if let Some(demand) = study.demand.as_mut() {
            demand.customers_per_day *= 25.0;
        }
        let (current, improved) = (Ripple::of(&study, 0), Ripple::of(&study, 1));
        assert!(current.per_dot > 1 && current.per_dot == improved.per_dot, "{}", current.per_dot);
        // About the cap's worth of arrivals, and a few still in the centre
        // from before the stretch.
        assert!((current.tracks.len() as f64) < 1.5 * RIPPLE_MOST_DOTS, "{} tracks", current.tracks.len());
        assert!(current.tracks.iter().all(|t| t.customer % current.per_dot == 0));
        let customers = |r: &Ripple| r.tracks.iter().map(|t| t.customer).collect::<std::collections::BTreeSet<_>>();
        let (a, b) = (customers(&current), customers(&improved));
        assert!(a.intersection(&b).count() as f64 > 0.9 * a.len().min(b.len()) as f64, "the same customers, mostly");
        // Counts stand for every customer: a multiple of the dots.
        let counts = current.counts_at(current.minutes / 2.0);
        assert!(counts.iter().all(|c| c % current.per_dot as usize == 0));
    }

    #[test]
    fn the_busiest_stretch_starts_on_the_peak() {
        let mut profile = [1.0; 24];
        profile[10] = 5.0;
        profile[11] = 4.0;
        assert_eq!(busiest_stretch(&profile), 8.0 * 60.0);
        assert_eq!(busiest_stretch(&[1.0; 24]), 0.0);
    }

    #[test]
    fn a_centre_ripple_follows_the_replication_and_the_fix_shrinks_the_queue() {
        let study = preset("password-reset");
        let (current, improved) = (Ripple::of(&study, 0), Ripple::of(&study, 1));
        assert!(current.shared);
        assert!(current.tracks.len() > 500, "{} customers", current.tracks.len());
        for track in &current.tracks {
            assert!(track.points.windows(2).all(|w| w[0].0 <= w[1].0), "time order: {track:?}");
        }
        // The same customers arrive in both designs at the same moments.
        let first = |r: &Ripple| r.tracks.iter().find(|t| t.points[0].0 >= 0.0).map(|t| (t.customer, t.points[0].0));
        assert_eq!(first(&current), first(&improved));
        let peak_queue = |r: &Ripple| (0..240).map(|m| r.counts_at(f64::from(m))[Place::Queue.index()]).max().unwrap_or(0);
        let (a, b) = (peak_queue(&current), peak_queue(&improved));
        assert!(a > b, "Current's longest queue {a} should exceed Improved's {b}");
        assert!(current.hang_ups_until(RIPPLE_MINUTES) > improved.hang_ups_until(RIPPLE_MINUTES));
    }

    #[test]
    fn without_demand_journeys_are_laid_out_on_their_own_clocks() {
        let mut study = preset("password-reset");
        study.demand = None;
        let ripple = Ripple::of(&study, 0);
        assert!(!ripple.shared);
        assert_eq!(ripple.tracks.len() as u64, RIPPLE_JOURNEYS);
        assert!(ripple.tracks.iter().all(|t| t.points[0].1 == Place::Contact && (0.0..RIPPLE_MINUTES).contains(&t.points[0].0)));
        assert!(ripple.tracks.iter().all(|t| t.points.last().is_some_and(|p| p.1.is_end())));
        let counts = ripple.counts_at(RIPPLE_MINUTES * 10.0);
        assert_eq!(counts[Place::Resolved.index()] + counts[Place::GaveUp.index()], RIPPLE_JOURNEYS as usize);
    }

    #[test]
    fn no_design_no_customers() {
        let mut study = preset("password-reset");
        study.demand = None;
        assert!(Ripple::of(&study, 9).tracks.is_empty());
    }
}
