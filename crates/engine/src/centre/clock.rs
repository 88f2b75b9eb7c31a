//! The centre's clock and calendar.
//!
//! Time is kept in whole ticks of 2⁻²⁰ minute (about 57 µs) from the start
//! of the first warm-up day, in a `u64`: adding a duration is exact, so a
//! 28-day run never drifts and the top of every hour is one exact tick,
//! where capacity changes. Durations drawn in minutes are rounded to the
//! nearest tick once, when they are scheduled.

use crate::study::{DAY_MINUTES, Demand, HOUR_MINUTES};

/// Ticks in a minute.
pub(crate) const TICKS_PER_MINUTE: u64 = 1 << 20;
/// Ticks in an hour.
pub(crate) const TICKS_PER_HOUR: u64 = 60 * TICKS_PER_MINUTE;

/// A moment on the clock [ticks from the start of the first warm-up day].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Time(pub(crate) u64);

impl Time {
    pub(crate) const ZERO: Time = Time(0);

    /// The moment `minutes` after the start.
    pub(crate) fn at_minutes(minutes: f64) -> Time {
        Time(ticks(minutes))
    }

    /// The moment `minutes` after this one (never before it, never past the
    /// end of time).
    pub(crate) fn plus_minutes(self, minutes: f64) -> Time {
        Time(self.0.saturating_add(ticks(minutes)))
    }

    /// Minutes since the start.
    pub(crate) fn minutes(self) -> f64 {
        self.0 as f64 / TICKS_PER_MINUTE as f64
    }

    /// Minutes from `earlier` to this moment (0 if `earlier` is later).
    pub(crate) fn minutes_since(self, earlier: Time) -> f64 {
        self.0.saturating_sub(earlier.0) as f64 / TICKS_PER_MINUTE as f64
    }

    /// The hour this moment falls in, counted from the start.
    pub(crate) fn hour(self) -> u64 {
        self.0 / TICKS_PER_HOUR
    }

    /// The top of hour `hour`.
    pub(crate) fn hour_start(hour: u64) -> Time {
        Time(hour.saturating_mul(TICKS_PER_HOUR))
    }
}

/// A duration in minutes as ticks: rounded to the nearest, 0 for anything
/// not positive, saturating (every duration a valid study draws is below
/// 10¹⁰ minutes, 10¹⁶ ticks).
fn ticks(minutes: f64) -> u64 {
    if minutes > 0.0 { round_positive(minutes * TICKS_PER_MINUTE as f64) } else { 0 }
}

/// `x.round() as u64` for x > 0, without the call to libm's `round` that
/// x86-64's baseline instruction set needs (SSE4.1 has no place there):
/// below 2⁵², taking away the whole part is exact, so the half is judged
/// exactly; from 2⁵² on, every f64 is already whole.
fn round_positive(x: f64) -> u64 {
    const WHOLE_FROM: f64 = (1u64 << 52) as f64;
    if x >= WHOLE_FROM {
        return x as u64;
    }
    let whole = x as u64;
    whole + u64::from(x - whole as f64 >= 0.5)
}

/// Where a run's days fall on the calendar.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Calendar {
    warmup_days: u32,
    /// First moment of the measured days, and the first moment after them.
    pub(crate) measured: (Time, Time),
    /// The latest the run goes on: the measured days' end plus the longest
    /// run-out.
    pub(crate) horizon: Time,
    pub(crate) days: u32,
}

impl Calendar {
    pub(crate) fn new(demand: &Demand) -> Self {
        let start = f64::from(demand.warmup_days) * DAY_MINUTES;
        let end = start + f64::from(demand.days) * DAY_MINUTES;
        let horizon = end + f64::from(crate::study::MAX_RUN_OUT_DAYS) * DAY_MINUTES;
        Self {
            warmup_days: demand.warmup_days,
            measured: (Time::at_minutes(start), Time::at_minutes(end)),
            horizon: Time::at_minutes(horizon),
            days: demand.days,
        }
    }

    /// The hour of the week (0 = Monday 00:00) of hour `hour` of the run:
    /// measured day 1 is a Monday, so the warm-up days before it are the
    /// end of the week before.
    pub(crate) fn hour_of_week(&self, hour: u64) -> usize {
        let day = hour / 24;
        let weekday = (day + 7 * u64::from(crate::study::MAX_WARMUP_DAYS) - u64::from(self.warmup_days)) % 7;
        (weekday * 24 + hour % 24) as usize
    }

    /// Whether `t` falls in the measured days.
    pub(crate) fn is_measured(&self, t: Time) -> bool {
        t >= self.measured.0 && t < self.measured.1
    }

    /// Minutes of one hour of the day over the measured days.
    pub(crate) fn hour_minutes(&self) -> f64 {
        HOUR_MINUTES * f64::from(self.days)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_is_libms_round() {
        let below_half = 0.5 - f64::EPSILON / 4.0;
        for x in [1e-300, 0.25, below_half, 0.5, 1.5, 2.5, 2.4999999999999996, 12345.678, 4503599627370495.5, 4503599627370496.0, 1e16, 1e19, 1e300] {
            assert_eq!(round_positive(x), x.round() as u64, "{x}");
        }
        let mut state = 1u64;
        for _ in 0..100_000 {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let x = f64::from_bits((state >> 12) | 0x3FF0_0000_0000_0000) * 1e9 * ((state & 0xFF) as f64 / 255.0);
            if x > 0.0 {
                assert_eq!(round_positive(x), x.round() as u64, "{x}");
            }
        }
    }

    #[test]
    fn time_is_exact_over_four_weeks() {
        let four_weeks = Time::at_minutes(28.0 * DAY_MINUTES);
        assert_eq!(four_weeks, Time::hour_start(28 * 24));
        let mut t = Time::ZERO;
        for _ in 0..28 * 24 * 60 {
            t = t.plus_minutes(1.0);
        }
        assert_eq!(t, four_weeks, "40,320 one-minute steps land exactly on day 28");
        assert_eq!(four_weeks.minutes(), 40_320.0);
        assert_eq!(Time::at_minutes(90.5).hour(), 1);
    }

    #[test]
    fn measured_day_one_is_a_monday() {
        let mut demand = Demand::with_volume(100.0);
        demand.warmup_days = 2;
        let calendar = Calendar::new(&demand);
        assert_eq!(calendar.hour_of_week(2 * 24), 0, "the first measured hour is Monday 00:00");
        assert_eq!(calendar.hour_of_week(24 + 9), 6 * 24 + 9, "the day before is a Sunday");
        assert_eq!(calendar.hour_of_week(0), 5 * 24, "two warm-up days start on a Saturday");
        assert!(calendar.is_measured(Time::hour_start(48)) && !calendar.is_measured(Time::hour_start(47)));
    }
}
