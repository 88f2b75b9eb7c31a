//! Demand: how many customers arrive, and when (MODEL.md, "Capacity").
//!
//! A study with `demand` is simulated as a contact centre: customers arrive
//! as a Poisson process whose rate is constant within each hour of the
//! calendar, over warm-up days, measured days and a run-out, in several
//! independent replications.

use serde::Serialize;

/// Minutes in an hour, a day and a week.
pub const HOUR_MINUTES: f64 = 60.0;
pub const DAY_MINUTES: f64 = 1440.0;
pub const WEEK_HOURS: usize = 168;

/// Most warm-up days.
pub const MAX_WARMUP_DAYS: u32 = 7;
/// Most measured days.
pub const MAX_DAYS: u32 = 28;
/// Longest run-out after the measured days [days]: counted journeys still
/// open then are reported as unfinished.
pub const MAX_RUN_OUT_DAYS: u32 = 28;
/// Fewest and most replications.
pub const MIN_REPLICATIONS: u32 = 2;
pub const MAX_REPLICATIONS: u32 = 1000;
/// Most expected arrivals in one replication, the run-out included.
pub const MAX_ARRIVALS: f64 = 10_000_000.0;

/// The volume of a study.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Demand {
    /// Mean number of new journeys on an average day (all personas).
    pub customers_per_day: f64,
    /// Weights of the 24 hours of a day, midnight first.
    pub hourly_profile: [f64; 24],
    /// Weights of the 7 days of a week, Monday first.
    pub weekday_profile: [f64; 7],
    /// Measured days per replication (1 to 28); day 1 is a Monday.
    pub days: u32,
    /// Days simulated before the measured ones, from an empty centre (0 to 7).
    pub warmup_days: u32,
    /// Independent runs of the whole period (2 to 1,000).
    pub replications: u32,
    /// Answer target of live pools [s].
    pub service_level_seconds: f64,
}

impl Demand {
    /// Flat profiles, one measured day and one warm-up day, 20
    /// replications, a 20-second target: what a file may leave out.
    pub fn with_volume(customers_per_day: f64) -> Self {
        Self {
            customers_per_day,
            hourly_profile: [1.0; 24],
            weekday_profile: [1.0; 7],
            days: 7,
            warmup_days: 1,
            replications: 20,
            service_level_seconds: 20.0,
        }
    }

    /// Arrival rate in each hour of the week [customers per minute],
    /// Monday 00:00 first: a day's mean volume is customers_per_day × its
    /// weekday weight / the mean weekday weight, spread over its hours by
    /// the hourly profile.
    pub fn rates_per_minute(&self) -> [f64; WEEK_HOURS] {
        let week_mean = self.weekday_profile.iter().sum::<f64>() / 7.0;
        let day_total: f64 = self.hourly_profile.iter().sum();
        let mut rates = [0.0; WEEK_HOURS];
        if week_mean <= 0.0 || day_total <= 0.0 {
            return rates;
        }
        for (day, weight) in self.weekday_profile.iter().enumerate() {
            let volume = self.customers_per_day * weight / week_mean;
            for (hour, share) in self.hourly_profile.iter().enumerate() {
                rates[day * 24 + hour] = volume * share / day_total / HOUR_MINUTES;
            }
        }
        rates
    }

    /// Days on the calendar before the first measured day.
    pub fn measured_start_day(&self) -> u32 {
        self.warmup_days
    }

    /// The weekday (0 = Monday) of calendar day `day` (day 0 is the first
    /// warm-up day; measured day 1 is a Monday).
    pub fn weekday(&self, day: u32) -> usize {
        ((day + 7 * MAX_WARMUP_DAYS - self.warmup_days) % 7) as usize
    }

    /// Expected arrivals of the longest possible replication: warm-up,
    /// measured days and the longest run-out.
    pub fn most_expected_arrivals(&self) -> f64 {
        let rates = self.rates_per_minute();
        let days = self.warmup_days + self.days + MAX_RUN_OUT_DAYS;
        (0..days).map(|day| rates[self.weekday(day) * 24..self.weekday(day) * 24 + 24].iter().sum::<f64>() * HOUR_MINUTES).sum()
    }
}
