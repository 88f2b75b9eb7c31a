//! The centre's future events, taken in time order; events at the same
//! moment in the order they were scheduled (a sequence number), so every
//! run is deterministic.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::clock::Time;

/// Something that will happen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Event {
    /// The next customer arrives.
    Arrival,
    /// A customer's time has passed (self-service, a delay, a drawn wait).
    Resume { customer: u32 },
    /// An agent of `pool` finished the customer's contact.
    Handled { customer: u32, pool: u32 },
    /// A customer's patience runs out in the queue they entered as wait
    /// number `wait` (if they are still in it).
    Patience { customer: u32, wait: u32 },
    /// The agents on duty change at the top of this hour.
    Roster,
}

/// An event in the heap, ordered by its moment and then its sequence
/// number (the time in the high 64 bits, so one comparison decides).
#[derive(Debug)]
struct Entry {
    order: u128,
    event: EventKey,
}

impl PartialEq for Entry {
    fn eq(&self, other: &Self) -> bool {
        self.order == other.order
    }
}

impl Eq for Entry {}

impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Entry {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.order.cmp(&other.order)
    }
}

/// An event packed small.
#[derive(Debug)]
struct EventKey(u8, u32, u32);

/// Events to come.
#[derive(Default)]
pub(crate) struct Schedule {
    heap: BinaryHeap<Reverse<Entry>>,
    sequence: u64,
}

impl Schedule {
    pub(crate) fn at(&mut self, time: Time, event: Event) {
        self.sequence += 1;
        let key = match event {
            Event::Arrival => EventKey(0, 0, 0),
            Event::Resume { customer } => EventKey(1, customer, 0),
            Event::Handled { customer, pool } => EventKey(2, customer, pool),
            Event::Patience { customer, wait } => EventKey(3, customer, wait),
            Event::Roster => EventKey(4, 0, 0),
        };
        self.heap.push(Reverse(Entry { order: u128::from(time.0) << 64 | u128::from(self.sequence), event: key }));
    }

    /// The next event and its time.
    pub(crate) fn next(&mut self) -> Option<(Time, Event)> {
        let Reverse(entry) = self.heap.pop()?;
        let EventKey(kind, a, b) = entry.event;
        let event = match kind {
            0 => Event::Arrival,
            1 => Event::Resume { customer: a },
            2 => Event::Handled { customer: a, pool: b },
            3 => Event::Patience { customer: a, wait: b },
            _ => Event::Roster,
        };
        Some((Time((entry.order >> 64) as u64), event))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_come_in_time_order_and_ties_in_scheduling_order() {
        let mut schedule = Schedule::default();
        schedule.at(Time(5), Event::Roster);
        schedule.at(Time(3), Event::Resume { customer: 7 });
        schedule.at(Time(5), Event::Arrival);
        schedule.at(Time(3), Event::Patience { customer: 1, wait: 2 });
        let order: Vec<(Time, Event)> = std::iter::from_fn(|| schedule.next()).collect();
        assert_eq!(
            order,
            [
                (Time(3), Event::Resume { customer: 7 }),
                (Time(3), Event::Patience { customer: 1, wait: 2 }),
                (Time(5), Event::Roster),
                (Time(5), Event::Arrival),
            ]
        );
    }
}
