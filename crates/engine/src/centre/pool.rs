//! A pool: a staffed agent or tier 2 of one design, with its units of
//! capacity, its first-come-first-served queue, and what it measures.
//!
//! ```text
//!  contact ─▶ closed? (live, no one on duty) ─────────────▶ Closed
//!          ─▶ a unit free and no one waiting ─────────────▶ answered at once
//!          ─▶ queue (FIFO) ── unit frees: longest waiting ▶ answered
//!                          ── live: patience runs out ────▶ abandoned (leaves the queue)
//!                          ── still waiting at the end ───▶ unanswered
//! ```
//!
//! A contact that leaves the queue is left in place and skipped when it
//! reaches the head (its customer no longer waits with that wait number),
//! which keeps every operation O(1).
//!
//! What the pool measures covers the contacts that entered its queue in
//! the measured days (each by the hour of the day it entered, its whole
//! wait counted even when it ends later), and the busy, on-duty and
//! waiting time within the measured days, hour by hour.

use std::collections::VecDeque;

use super::clock::{Calendar, Time};
use super::figures::PoolHour;
use crate::histogram::{self, Histogram};
use crate::journey::PoolPlan;
use crate::study::{QueueKind, WEEK_HOURS};

/// A contact in the queue.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Waiting {
    pub(crate) customer: u32,
    /// The customer's wait number when they joined; stale once it differs.
    pub(crate) wait: u32,
    pub(crate) since: Time,
}

pub(crate) struct Pool {
    /// Units on duty in each hour of the week.
    capacity: [u32; WEEK_HOURS],
    /// Units on duty now.
    pub(crate) units: u32,
    /// Units handling a contact now.
    pub(crate) busy: u32,
    pub(crate) live: bool,
    queue: VecDeque<Waiting>,
    /// Contacts still waiting (the queue less those who left it).
    pub(crate) waiting: u32,
    /// Contacts that entered in the measured days and are still waiting.
    pub(crate) measured_waiting: u32,
    /// Answer target [min].
    target: f64,
    /// Until when busy, on-duty and waiting time has been added up.
    counted_until: Time,
    /// By hour of the day, over the measured days.
    pub(crate) hours: [PoolHour; 24],
    /// Waits of contacts that entered in the measured days [min], in all
    /// and by hour of entry.
    pub(crate) waits: Histogram,
    pub(crate) waits_by_hour: Vec<Histogram>,
}

/// How a contact's wait ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum WaitEnd {
    Answered,
    Abandoned,
    /// Still waiting when the run ended.
    Unanswered,
}

impl Pool {
    pub(crate) fn new(plan: &PoolPlan) -> Self {
        Self {
            capacity: plan.capacity,
            units: 0,
            busy: 0,
            live: plan.queue == QueueKind::Live,
            queue: VecDeque::new(),
            waiting: 0,
            measured_waiting: 0,
            target: plan.target_minutes,
            counted_until: Time::ZERO,
            hours: [PoolHour::default(); 24],
            waits: Histogram::new(histogram::WAIT_MINUTES),
            waits_by_hour: vec![Histogram::new(histogram::WAIT_MINUTES); 24],
        }
    }

    /// Units on duty in hour `hour_of_week`.
    pub(crate) fn capacity_at(&self, hour_of_week: usize) -> u32 {
        self.capacity[hour_of_week]
    }

    /// Whether a live pool has no one on duty now.
    pub(crate) fn closed(&self) -> bool {
        self.live && self.units == 0
    }

    /// Whether a unit is free for a contact that does not have to queue.
    pub(crate) fn free_unit(&self) -> bool {
        self.busy < self.units && self.waiting == 0
    }

    /// Adds up busy, on-duty and waiting time from where it was counted to
    /// `now`, hour by hour, within the measured days. Call before anything
    /// that changes them.
    pub(crate) fn count_time(&mut self, now: Time, calendar: &Calendar) {
        let (start, end) = calendar.measured;
        let mut t = self.counted_until.max(start);
        let until = now.min(end);
        self.counted_until = now;
        // On duty: the units rostered, or more while more are still busy
        // (agents finish their contacts when the roster falls).
        let (busy, on_duty, waiting) = (f64::from(self.busy), f64::from(self.units.max(self.busy)), f64::from(self.waiting));
        while t < until {
            let hour = t.hour();
            let top = Time::hour_start(hour + 1).min(until);
            let minutes = top.minutes_since(t);
            let h = &mut self.hours[(hour % 24) as usize];
            h.busy_minutes += busy * minutes;
            h.on_duty_minutes += on_duty * minutes;
            h.queue_minutes += waiting * minutes;
            t = top;
        }
    }

    /// A contact joins the queue (the caller has checked it is not closed
    /// and found no free unit, or chose to queue it).
    pub(crate) fn enqueue(&mut self, entry: Waiting, measured: bool) {
        self.queue.push_back(entry);
        self.waiting += 1;
        self.measured_waiting += u32::from(measured);
    }

    /// The longest-waiting contact still waiting, taken off the queue;
    /// `is_current` says whether a queued wait is still its customer's.
    pub(crate) fn take_next(&mut self, is_current: impl Fn(&Waiting) -> bool) -> Option<Waiting> {
        while let Some(entry) = self.queue.pop_front() {
            if is_current(&entry) {
                self.waiting -= 1;
                return Some(entry);
            }
        }
        None
    }

    /// A contact left the queue before it was answered (its entry stays
    /// until it reaches the head).
    pub(crate) fn left(&mut self) {
        self.waiting = self.waiting.saturating_sub(1);
    }

    /// The contacts still queued, for the end of the run.
    pub(crate) fn queued(&self) -> impl Iterator<Item = &Waiting> {
        self.queue.iter()
    }

    /// Records a contact that entered the queue at `since` (in the measured
    /// days) and whose wait of `minutes` ended as `end`.
    pub(crate) fn record_wait(&mut self, since: Time, minutes: f64, end: WaitEnd) {
        let hour = (since.hour() % 24) as usize;
        let h = &mut self.hours[hour];
        h.offered += 1.0;
        h.offered_wait += minutes;
        h.waited += f64::from(u8::from(minutes > 0.0));
        match end {
            WaitEnd::Answered => {
                h.answered += 1.0;
                h.answered_wait += minutes;
                h.within_target += f64::from(u8::from(minutes <= self.target));
            }
            WaitEnd::Abandoned => h.abandoned += 1.0,
            WaitEnd::Unanswered => {}
        }
        self.waits.add(minutes);
        self.waits_by_hour[hour].add(minutes);
    }

    /// Records a contact that found the (live) pool closed.
    pub(crate) fn record_closed(&mut self, at: Time) {
        self.hours[(at.hour() % 24) as usize].closed += 1.0;
    }
}
