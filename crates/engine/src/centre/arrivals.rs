//! Customers' arrivals: a Poisson process whose rate is constant within
//! each hour of the calendar (MODEL.md, "Demand").
//!
//! Within an hour, the gap to the next arrival is exponential at the hour's
//! rate; a gap that would cross the top of the hour is dropped and a fresh
//! one drawn from the top of the hour at the next hour's rate, which the
//! exponential's lack of memory makes exact. Hours with no demand are
//! skipped. Each gap takes the next number of the replication's arrival
//! stream, whatever the design, so every design meets the same customers
//! at the same moments.

use super::clock::{Calendar, Time};
use crate::study::{Demand, WEEK_HOURS};
use crate::streams::arrival_bits;

pub(crate) struct Arrivals {
    /// Customers per minute in each hour of the week.
    rates: [f64; WEEK_HOURS],
    calendar: Calendar,
    key: u64,
    draws: u64,
    /// The last arrival (or the start).
    last: Time,
}

impl Arrivals {
    /// The arrivals of the replication whose key is `key`.
    pub(crate) fn new(demand: &Demand, calendar: Calendar, key: u64) -> Self {
        Self { rates: demand.rates_per_minute(), calendar, key, draws: 0, last: Time::ZERO }
    }

    /// The next arrival, or `None` past `until`.
    pub(crate) fn next(&mut self, until: Time) -> Option<Time> {
        let mut t = self.last;
        while t < until {
            let hour = t.hour();
            let rate = self.rates[self.calendar.hour_of_week(hour)];
            let top = Time::hour_start(hour + 1);
            if rate > 0.0 {
                // An exponential gap of mean 1/rate, by the exponential
                // sampler's own inverse (one number, the engine's logarithm).
                let gap = crate::distribution::standard_exponential(arrival_bits(self.key, self.draws)) / rate;
                self.draws += 1;
                let at = t.plus_minutes(gap);
                if at < top {
                    self.last = at;
                    return (at < until).then_some(at);
                }
            }
            t = top;
        }
        self.last = t;
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Arrivals per hour follow the profile: the count in each hour of a
    /// long run is within its Poisson 99.9% interval of the expected count.
    #[test]
    fn arrivals_follow_the_hourly_and_weekday_profiles() {
        let mut demand = Demand::with_volume(2400.0);
        demand.hourly_profile = std::array::from_fn(|h| if (8..20).contains(&h) { 1.0 + (h % 3) as f64 } else { 0.0 });
        demand.weekday_profile = [1.2, 1.0, 1.0, 1.0, 0.9, 0.5, 0.3];
        demand.days = 28;
        demand.warmup_days = 0;
        let calendar = Calendar::new(&demand);
        let rates = demand.rates_per_minute();
        let mut counts = [0u64; WEEK_HOURS];
        let mut arrivals = Arrivals::new(&demand, calendar, 12345);
        let end = calendar.measured.1;
        while let Some(t) = arrivals.next(end) {
            counts[calendar.hour_of_week(t.hour())] += 1;
        }
        for h in 0..WEEK_HOURS {
            let expected = rates[h] * 60.0 * 4.0;
            let tolerance = 3.29 * expected.sqrt() + 1.0;
            assert!((counts[h] as f64 - expected).abs() <= tolerance, "hour {h}: {} arrivals, {expected} expected", counts[h]);
        }
        let total: u64 = counts.iter().sum();
        assert!((total as f64 - 2400.0 * 28.0).abs() < 3.29 * (2400.0f64 * 28.0).sqrt());
    }
}
