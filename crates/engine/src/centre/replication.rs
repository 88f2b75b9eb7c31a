//! One replication of one design: the event loop of the simulated centre.
//!
//! ```text
//!  Arrival ─▶ new customer k (streams (seed, r, k)) ─▶ journey.advance ─┐
//!                                                                      ▼
//!   Need::Time     ─▶ Resume at now + minutes ─────────────────────────┤
//!   Need::Agent    ─▶ pool: closed ─▶ Answer::Closed at once ──────────┤
//!                         unit free ─▶ Answer::Answered at once ───────┤
//!                         else queue (+ Patience event if live) ───────┤
//!   Need::Handling ─▶ Handled at now + minutes: the unit frees, the ───┤
//!                     longest waiting is answered first, then the      │
//!                     customer goes on                                 │
//!   Need::Done     ─▶ a counted journey's figures join the tally ◀─────┘
//!   Roster         ─▶ units change at the top of the hour; waiting contacts are answered
//! ```
//!
//! The run ends once the measured days are over, every counted journey
//! has ended and every contact offered in the measured days has been
//! answered or has abandoned; at the latest, at the end of the run-out.

use super::clock::{Calendar, Time};
use super::figures::PoolReplication;
use super::pool::{Pool, WaitEnd, Waiting};
use super::schedule::{Event, Schedule};
use super::arrivals::Arrivals;
use crate::emotion::FirstContact;
use crate::journey::{Answer, Ignore, Journey, JourneyFigures, Need, Observer, PreparedDesign, Step, Timed};
use crate::kpi::{KPI_COUNT, RATIO_KPIS, journey_terms};
use crate::story::{STORY_COUNT, Story};
use crate::streams::JourneyStreams;
use crate::study::Demand;
use crate::tally::{ContactCounts, DesignTally, TallyObserver, add_histograms};

/// One thing that happened in the centre, for a picture of the day (the
/// workshop's animation) and for tests that compare two runs event by
/// event.
#[derive(Clone, Debug, PartialEq)]
pub struct TraceEvent {
    /// When, in minutes from the start of the first warm-up day.
    pub minutes: f64,
    /// The customer's number in the replication (arrival order).
    pub customer: u64,
    pub what: Traced,
}

/// What a [`TraceEvent`] records.
#[derive(Clone, Debug, PartialEq)]
pub enum Traced {
    /// A step of the customer's journey, as it began (a self-service step
    /// carries the minutes it then lasts, an agent's the handle time).
    Step(Step),
    /// The contact joined pool `pool`'s queue.
    Queued { pool: usize },
    /// A unit of the pool took it.
    Answered { pool: usize },
    /// The customer hung up in the pool's queue.
    Abandoned { pool: usize },
    /// The pool was closed.
    Closed { pool: usize },
}

/// What one design's run of a replication gives: its journeys' flows,
/// histograms and stories (into the design's tally), the sums of their
/// KPI terms, and its pools' figures.
pub(crate) struct DesignRun {
    pub(crate) kpis: KpiSums,
    pub(crate) stage_score: [f64; 6],
    pub(crate) pools: Vec<PoolReplication>,
    pub(crate) counted: u64,
    pub(crate) unfinished: u64,
    /// Events taken off the schedule, and customers who arrived.
    pub(crate) events: u64,
    pub(crate) arrivals: u64,
}

/// A customer in the centre.
struct Customer {
    journey: Journey,
    /// Their number in the replication (arrival order).
    index: u64,
    /// Whether they arrived in the measured days.
    counted: bool,
    /// The current wait for an agent: its number (unique in the run), the
    /// pool and when it began; `None` when not waiting.
    waiting: Option<(u32, u32, Time)>,
    /// The pool handling the customer's contact, if any.
    handled_by: Option<u32>,
    first_contact: FirstContact,
    /// The contact under way, for the rates by contact channel.
    contact: ContactCounts,
    story: Option<Story>,
}

/// Runs replication `replication` (whose streams' key is `key`) of
/// `design`, adding its journeys' flows, histograms, emotion curve and
/// stories to `tally`.
pub(crate) fn run(
    design: &PreparedDesign,
    demand: &Demand,
    key: u64,
    replication: u32,
    tally: &mut DesignTally,
    trace: Option<(&mut Vec<TraceEvent>, f64)>,
) -> DesignRun {
    let calendar = Calendar::new(demand);
    let mut centre = Centre {
        design,
        calendar,
        schedule: Schedule::default(),
        arrivals: Arrivals::new(demand, calendar, key),
        key,
        customers: Vec::new(),
        free: Vec::new(),
        pools: design.pools.iter().map(Pool::new).collect(),
        arrived: 0,
        waits: 0,
        open_counted: 0,
        stories: if replication == 0 { STORY_COUNT } else { 0 },
        trace: trace.map(|(events, until)| (events, Time::at_minutes(until))),
        tally,
        out: DesignRun {
            kpis: KpiSums::new(design.design.personas.len(), design.design.channels.len()),
            stage_score: [0.0; 6],
            pools: Vec::new(),
            counted: 0,
            unfinished: 0,
            events: 0,
            arrivals: 0,
        },
    };
    centre.run();
    let Centre { pools, mut out, .. } = centre;
    out.pools = pools.into_iter().zip(&design.pools).map(|(pool, plan)| PoolReplication::of(pool, plan, &calendar)).collect();
    out
}

struct Centre<'a, 's> {
    design: &'a PreparedDesign<'s>,
    calendar: Calendar,
    schedule: Schedule,
    arrivals: Arrivals,
    key: u64,
    /// Customers by slot; a finished customer's slot is reused.
    customers: Vec<Customer>,
    free: Vec<u32>,
    pools: Vec<Pool>,
    /// Customers arrived so far (the next one's number).
    arrived: u64,
    /// Waits for an agent begun so far (the next one's number).
    waits: u32,
    /// Counted customers whose journey has not ended.
    open_counted: u64,
    /// Stories still to record.
    stories: u64,
    /// Where to record what happens, and until when.
    trace: Option<(&'a mut Vec<TraceEvent>, Time)>,
    tally: &'a mut DesignTally,
    out: DesignRun,
}

impl Centre<'_, '_> {
    fn run(&mut self) {
        let start = Time::ZERO;
        for pool in &mut self.pools {
            pool.units = pool.capacity_at(self.calendar.hour_of_week(0));
        }
        self.schedule_roster(start);
        if let Some(first) = self.arrivals.next(self.calendar.horizon) {
            self.schedule.at(first, Event::Arrival);
        }
        let mut now = start;
        while let Some((time, event)) = self.schedule.next() {
            // A trace for a picture of the day needs nothing after its end.
            if time > self.calendar.horizon || self.trace.as_ref().is_some_and(|(_, until)| time > *until) {
                break;
            }
            now = time;
            self.out.events += 1;
            match event {
                Event::Arrival => {
                    self.arrive(now);
                    if let Some(next) = self.arrivals.next(self.calendar.horizon) {
                        self.schedule.at(next, Event::Arrival);
                    }
                }
                Event::Resume { customer } => self.go_on(customer, Answer::Go, now),
                Event::Handled { customer, pool } => {
                    let p = &mut self.pools[pool as usize];
                    p.count_time(now, &self.calendar);
                    p.busy = p.busy.saturating_sub(1);
                    // The freed unit takes the longest-waiting contact before
                    // anything else happens at this moment.
                    self.answer_waiting(pool, now);
                    self.go_on(customer, Answer::Go, now);
                }
                Event::Patience { customer, wait } => self.abandon(customer, wait, now),
                Event::Roster => {
                    let hour_of_week = self.calendar.hour_of_week(now.hour());
                    for p in 0..self.pools.len() {
                        let pool = &mut self.pools[p];
                        pool.count_time(now, &self.calendar);
                        pool.units = pool.capacity_at(hour_of_week);
                        self.answer_waiting(p as u32, now);
                    }
                    self.schedule_roster(now);
                }
            }
            if now >= self.calendar.measured.1 && self.open_counted == 0 && self.pools.iter().all(|p| p.measured_waiting == 0) {
                break;
            }
        }
        self.end(now.min(self.calendar.horizon));
    }

    /// A customer arrives: their journey begins.
    fn arrive(&mut self, now: Time) {
        let index = self.arrived;
        self.arrived += 1;
        self.out.arrivals += 1;
        let counted = self.calendar.is_measured(now);
        let story = (counted && self.stories > 0).then(|| {
            self.stories -= 1;
            Story::begin(index)
        });
        let journey = Journey::new(self.design, JourneyStreams::new(self.key, index));
        let slot = match self.free.pop() {
            // Field by field: the slot is rewritten in place rather than
            // built aside and copied in.
            Some(slot) => {
                let customer = &mut self.customers[slot as usize];
                customer.journey = journey;
                customer.index = index;
                customer.counted = counted;
                customer.waiting = None;
                customer.handled_by = None;
                customer.first_contact = FirstContact::default();
                customer.contact = ContactCounts::default();
                customer.story = story;
                slot
            }
            None => {
                let first_contact = FirstContact::default();
                self.customers.push(Customer {
                    journey,
                    index,
                    counted,
                    waiting: None,
                    handled_by: None,
                    first_contact,
                    contact: ContactCounts::default(),
                    story,
                });
                (self.customers.len() - 1) as u32
            }
        };
        if counted {
            self.open_counted += 1;
            self.out.counted += 1;
        }
        self.go_on(slot, Answer::Go, now);
    }

    /// The customer's journey goes on with `answer` until it needs the
    /// clock again.
    fn go_on(&mut self, slot: u32, mut answer: Answer, now: Time) {
        loop {
            let need = self.advance(slot, answer, now);
            match need {
                Need::Time { minutes } => {
                    self.schedule.at(now.plus_minutes(minutes), Event::Resume { customer: slot });
                    return;
                }
                Need::Handling { minutes } => {
                    let event = match self.customers[slot as usize].handled_by.take() {
                        Some(pool) => Event::Handled { customer: slot, pool },
                        // A drawn (unstaffed) agent holds no unit.
                        None => Event::Resume { customer: slot },
                    };
                    self.schedule.at(now.plus_minutes(minutes), event);
                    return;
                }
                Need::Agent { pool, patience } => {
                    let measured = self.calendar.is_measured(now);
                    let p = &mut self.pools[pool];
                    if p.closed() {
                        if measured {
                            p.record_closed(now);
                        }
                        self.record(slot, now, Traced::Closed { pool });
                        answer = Answer::Closed;
                        continue;
                    }
                    p.count_time(now, &self.calendar);
                    if p.free_unit() {
                        p.busy += 1;
                        if measured {
                            p.record_wait(now, 0.0, WaitEnd::Answered);
                        }
                        self.customers[slot as usize].handled_by = Some(pool as u32);
                        self.record(slot, now, Traced::Answered { pool });
                        answer = Answer::Answered { waited: 0.0 };
                        continue;
                    }
                    self.waits = self.waits.wrapping_add(1);
                    let wait = self.waits;
                    p.enqueue(Waiting { customer: slot, wait, since: now }, measured);
                    self.customers[slot as usize].waiting = Some((wait, pool as u32, now));
                    self.record(slot, now, Traced::Queued { pool });
                    if let Some(patience) = patience {
                        let at = now.plus_minutes(patience);
                        // A patience beyond the run never runs out in it.
                        if at <= self.calendar.horizon {
                            self.schedule.at(at, Event::Patience { customer: slot, wait });
                        }
                    }
                    return;
                }
                Need::Done => {
                    self.finish(slot);
                    return;
                }
            }
        }
    }

    /// One step of a customer's journey, observed as the tally needs when
    /// the customer is counted (and recorded, when tracing).
    fn advance(&mut self, slot: u32, answer: Answer, now: Time) -> Need {
        let customer = &mut self.customers[slot as usize];
        let tracing = self.trace.as_ref().is_some_and(|(_, until)| now <= *until);
        if tracing && let Some((events, _)) = &mut self.trace {
            let mut recorder = Recorder { events, minutes: now.minutes(), customer: customer.index };
            return if customer.counted {
                let mut observer = TallyObserver {
                    flow: &mut self.tally.flow,
                    stage_score: &mut self.out.stage_score,
                    stage_reached: &mut self.tally.stage_reached,
                    first_contact: &mut customer.first_contact,
                    contact: &mut customer.contact,
                    contact_batch: &mut self.tally.contact_batch,
                };
                customer.journey.advance::<Timed, _>(self.design, answer, &mut Both(&mut observer, &mut recorder))
            } else {
                customer.journey.advance::<Timed, _>(self.design, answer, &mut recorder)
            };
        }
        if !customer.counted {
            return customer.journey.advance::<Timed, _>(self.design, answer, &mut Ignore);
        }
        let mut observer = TallyObserver {
            flow: &mut self.tally.flow,
            stage_score: &mut self.out.stage_score,
            stage_reached: &mut self.tally.stage_reached,
            first_contact: &mut customer.first_contact,
            contact: &mut customer.contact,
            contact_batch: &mut self.tally.contact_batch,
        };
        match &mut customer.story {
            Some(story) => customer.journey.advance::<Timed, _>(self.design, answer, &mut Both(&mut observer, story)),
            None => customer.journey.advance::<Timed, _>(self.design, answer, &mut observer),
        }
    }

    /// Records `what` happened to the customer in `slot` at `now`, when
    /// tracing.
    fn record(&mut self, slot: u32, now: Time, what: Traced) {
        if let Some((events, until)) = &mut self.trace
            && now <= *until
        {
            let customer = self.customers[slot as usize].index;
            events.push(TraceEvent { minutes: now.minutes(), customer, what });
        }
    }

    /// Free units of `pool` take the longest-waiting contacts.
    fn answer_waiting(&mut self, pool: u32, now: Time) {
        loop {
            let p = &mut self.pools[pool as usize];
            if p.busy >= p.units {
                return;
            }
            let customers = &self.customers;
            let Some(entry) =
                p.take_next(|w| customers[w.customer as usize].waiting.is_some_and(|(wait, _, _)| wait == w.wait))
            else {
                return;
            };
            p.count_time(now, &self.calendar);
            p.busy += 1;
            let waited = now.minutes_since(entry.since);
            if self.calendar.is_measured(entry.since) {
                p.measured_waiting -= 1;
                p.record_wait(entry.since, waited, WaitEnd::Answered);
            }
            let customer = &mut self.customers[entry.customer as usize];
            customer.waiting = None;
            customer.handled_by = Some(pool);
            self.record(entry.customer, now, Traced::Answered { pool: pool as usize });
            self.go_on(entry.customer, Answer::Answered { waited }, now);
        }
    }

    /// The customer's patience ran out, if they are still in that wait.
    fn abandon(&mut self, slot: u32, wait: u32, now: Time) {
        let customer = &mut self.customers[slot as usize];
        let Some((current, pool, since)) = customer.waiting else { return };
        if current != wait {
            return;
        }
        customer.waiting = None;
        let p = &mut self.pools[pool as usize];
        p.count_time(now, &self.calendar);
        p.left();
        let waited = now.minutes_since(since);
        if self.calendar.is_measured(since) {
            p.measured_waiting -= 1;
            p.record_wait(since, waited, WaitEnd::Abandoned);
        }
        self.record(slot, now, Traced::Abandoned { pool: pool as usize });
        self.go_on(slot, Answer::Abandoned { waited }, now);
    }

    /// A journey ended: a counted one's figures join the run's.
    fn finish(&mut self, slot: u32) {
        let customer = &mut self.customers[slot as usize];
        if customer.counted {
            self.open_counted -= 1;
            let figures = customer.journey.figures();
            add_histograms(self.tally, figures);
            self.out.kpis.add(figures);
            if let Some(mut story) = customer.story.take() {
                story.persona = figures.persona;
                self.tally.stories.push(story);
            }
        }
        self.free.push(slot);
    }

    /// The run is over at `now`: busy and waiting time is counted to the
    /// end, contacts still queued are unanswered, and counted journeys
    /// still open give up where they stand.
    fn end(&mut self, now: Time) {
        for p in 0..self.pools.len() {
            self.pools[p].count_time(now, &self.calendar);
            let unanswered: Vec<Time> = self.pools[p]
                .queued()
                .filter(|w| self.customers[w.customer as usize].waiting.is_some_and(|(wait, _, _)| wait == w.wait))
                .map(|w| w.since)
                .filter(|since| self.calendar.is_measured(*since))
                .collect();
            for since in unanswered {
                self.pools[p].record_wait(since, now.minutes_since(since), WaitEnd::Unanswered);
            }
        }
        for slot in 0..self.customers.len() as u32 {
            // A finished customer's slot holds a finished journey until it
            // is reused.
            let customer = &self.customers[slot as usize];
            if !customer.counted || customer.journey.is_done() {
                continue;
            }
            self.out.unfinished += 1;
            let customer = &mut self.customers[slot as usize];
            let mut observer = TallyObserver {
                flow: &mut self.tally.flow,
                stage_score: &mut self.out.stage_score,
                stage_reached: &mut self.tally.stage_reached,
                first_contact: &mut customer.first_contact,
                contact: &mut customer.contact,
                contact_batch: &mut self.tally.contact_batch,
            };
            match &mut customer.story {
                Some(story) => customer.journey.give_up_unfinished(self.design, &mut Both(&mut observer, story)),
                None => customer.journey.give_up_unfinished(self.design, &mut observer),
            }
            self.finish(slot);
        }
    }

    /// Schedules the next top of the hour after `now` at which any pool's
    /// units change (none if they never do).
    fn schedule_roster(&mut self, now: Time) {
        let hour = now.hour();
        let changes = |h: u64| {
            let (before, at) = (self.calendar.hour_of_week(h - 1), self.calendar.hour_of_week(h));
            self.pools.iter().any(|p| p.capacity_at(before) != p.capacity_at(at))
        };
        if let Some(next) = (hour + 1..hour + 1 + 168).find(|&h| changes(h)) {
            self.schedule.at(Time::hour_start(next), Event::Roster);
        }
    }
}

/// Two observers told the same steps.
struct Both<'a, A, B>(&'a mut A, &'a mut B);

impl<A: Observer, B: Observer> Observer for Both<'_, A, B> {
    fn step(&mut self, step: &Step, score: f64) {
        self.0.step(step, score);
        self.1.step(step, score);
    }
}

/// Records a customer's journey steps in the trace.
struct Recorder<'a> {
    events: &'a mut Vec<TraceEvent>,
    minutes: f64,
    customer: u64,
}

impl Observer for Recorder<'_> {
    fn step(&mut self, step: &Step, _: f64) {
        self.events.push(TraceEvent { minutes: self.minutes, customer: self.customer, what: Traced::Step(step.clone()) });
    }
}

/// A replication's sums of its counted journeys' KPI terms (numerators and
/// denominators), by persona and first channel: one cell a journey, so
/// adding a journey's terms is done once; the sums in all, by persona and
/// by channel are added up from the cells at the end, in a fixed order.
pub(crate) struct KpiSums {
    channels: usize,
    cells: Vec<Moments>,
}

/// Numerators and denominators of every KPI.
pub(crate) type Moments = ([f64; KPI_COUNT], [f64; KPI_COUNT]);

const NO_MOMENTS: Moments = ([0.0; KPI_COUNT], [0.0; KPI_COUNT]);

impl KpiSums {
    fn new(personas: usize, channels: usize) -> Self {
        Self { channels, cells: vec![NO_MOMENTS; personas * channels] }
    }

    fn add(&mut self, figures: &JourneyFigures) {
        let terms = journey_terms(figures);
        let mut b = [1.0; KPI_COUNT];
        for (j, k) in RATIO_KPIS.into_iter().enumerate() {
            b[k] = terms.ratio_b[j];
        }
        let cell = &mut self.cells[figures.persona * self.channels + figures.first_channel];
        for ((a, sum_a), (b, sum_b)) in terms.a.iter().zip(cell.0.iter_mut()).zip(b.iter().zip(cell.1.iter_mut())) {
            *sum_a += a;
            *sum_b += b;
        }
    }

    /// The sums over every journey.
    pub(crate) fn total(&self) -> Moments {
        sum(self.cells.iter())
    }

    /// The sums over each persona's journeys.
    pub(crate) fn by_persona(&self) -> Vec<Moments> {
        self.cells.chunks(self.channels.max(1)).map(|row| sum(row.iter())).collect()
    }

    /// The sums over the journeys that began on each channel.
    pub(crate) fn by_channel(&self) -> Vec<Moments> {
        (0..self.channels).map(|c| sum(self.cells.iter().skip(c).step_by(self.channels))).collect()
    }
}

fn sum<'a>(cells: impl Iterator<Item = &'a Moments>) -> Moments {
    cells.fold(NO_MOMENTS, |(mut a, mut b), (ca, cb)| {
        a.iter_mut().zip(ca).for_each(|(x, y)| *x += y);
        b.iter_mut().zip(cb).for_each(|(x, y)| *x += y);
        (a, b)
    })
}
