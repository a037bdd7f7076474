//! A priority queue of events ordered by (virtual time, sequence number).

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use super::Millis;

/// One scheduled item.
#[derive(Clone, Debug)]
pub struct Scheduled<E> {
    /// When it is due.
    pub at: Millis,
    /// Assigned at scheduling time; breaks ties between items due at the same millisecond.
    pub seq: u64,
    /// The item itself.
    pub item: E,
}

impl<E> PartialEq for Scheduled<E> {
    fn eq(&self, other: &Self) -> bool {
        self.at == other.at && self.seq == other.seq
    }
}
impl<E> Eq for Scheduled<E> {}
impl<E> PartialOrd for Scheduled<E> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl<E> Ord for Scheduled<E> {
    fn cmp(&self, other: &Self) -> Ordering {
        // BinaryHeap is a max-heap: reverse so the earliest (then lowest seq) pops first.
        (other.at, other.seq).cmp(&(self.at, self.seq))
    }
}

/// Events waiting to happen, earliest first; FIFO among equals.
#[derive(Clone, Debug)]
pub struct EventQueue<E> {
    heap: BinaryHeap<Scheduled<E>>,
    next_seq: u64,
}

impl<E> Default for EventQueue<E> {
    fn default() -> Self {
        Self {
            heap: BinaryHeap::new(),
            next_seq: 0,
        }
    }
}

impl<E> EventQueue<E> {
    /// Schedules `item` at `at`; returns its sequence number.
    pub fn push(&mut self, at: Millis, item: E) -> u64 {
        let seq = self.next_seq;
        self.next_seq += 1;
        self.heap.push(Scheduled { at, seq, item });
        seq
    }

    /// When the earliest item is due.
    pub fn next_at(&self) -> Option<Millis> {
        self.heap.peek().map(|s| s.at)
    }

    /// Removes and returns the earliest item if it is due at or before `until`.
    pub fn pop_due(&mut self, until: Millis) -> Option<Scheduled<E>> {
        if self.next_at()? <= until {
            self.heap.pop()
        } else {
            None
        }
    }

    /// Number of items waiting.
    pub fn len(&self) -> usize {
        self.heap.len()
    }

    /// True when nothing is scheduled.
    pub fn is_empty(&self) -> bool {
        self.heap.is_empty()
    }

    /// All waiting items, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = &Scheduled<E>> {
        self.heap.iter()
    }

    /// How many items have ever been scheduled.
    pub fn scheduled_total(&self) -> u64 {
        self.next_seq
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pops_by_time_then_insertion_order() {
        let mut q = EventQueue::default();
        q.push(10, "c");
        q.push(5, "a");
        q.push(10, "d");
        q.push(5, "b");
        assert_eq!(q.pop_due(4).map(|s| s.item), None);
        let order: Vec<_> = std::iter::from_fn(|| q.pop_due(100).map(|s| s.item)).collect();
        assert_eq!(order, ["a", "b", "c", "d"]);
        assert!(q.is_empty());
        assert_eq!(q.scheduled_total(), 4);
    }
}
