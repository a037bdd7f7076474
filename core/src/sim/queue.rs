//! A priority queue of events ordered by (virtual time, sequence number).

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use super::Millis;

/// One scheduled item (the queue orders its small `Key`s, not these).
#[derive(Clone, Debug, Hash)]
pub struct Scheduled<E> {
    /// When it is due.
    pub at: Millis,
    /// Assigned at scheduling time; breaks ties between items due at the same millisecond.
    pub seq: u64,
    /// The item itself.
    pub item: E,
}

/// A waiting item's place: the heap orders these small keys, and the item itself stays put in
/// its slot (a heap of whole items moved every message — a few hundred bytes — at each of the
/// log2(n) steps of every push and pop: a tenth of a producer run's time).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Key {
    at: Millis,
    seq: u64,
    slot: u32,
}

impl PartialOrd for Key {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Key {
    fn cmp(&self, other: &Self) -> Ordering {
        // BinaryHeap is a max-heap: reverse so the earliest (then lowest seq) pops first.
        (other.at, other.seq).cmp(&(self.at, self.seq))
    }
}

/// Events waiting to happen, earliest first; FIFO among equals.
#[derive(Clone)]
pub struct EventQueue<E> {
    heap: BinaryHeap<Key>,
    slots: Vec<Option<Scheduled<E>>>,
    free: Vec<u32>,
    next_seq: u64,
}

impl<E> Default for EventQueue<E> {
    fn default() -> Self {
        Self {
            heap: BinaryHeap::new(),
            slots: Vec::new(),
            free: Vec::new(),
            next_seq: 0,
        }
    }
}

/// The waiting items in the order they will run (the same text whatever the slots' layout).
impl<E: std::fmt::Debug> std::fmt::Debug for EventQueue<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut keys: Vec<Key> = self.heap.iter().copied().collect();
        crate::sort::by(&mut keys, |a, b| b.cmp(a));
        f.debug_struct("EventQueue")
            .field(
                "items",
                &keys
                    .iter()
                    .filter_map(|k| self.slots[k.slot as usize].as_ref())
                    .collect::<Vec<_>>(),
            )
            .field("next_seq", &self.next_seq)
            .finish()
    }
}

/// The waiting items in the order they will run, as `Debug` shows them.
impl<E: std::hash::Hash> std::hash::Hash for EventQueue<E> {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        let mut keys: Vec<Key> = self.heap.iter().copied().collect();
        crate::sort::by(&mut keys, |a, b| b.cmp(a));
        for k in &keys {
            self.slots[k.slot as usize].hash(h);
        }
        self.next_seq.hash(h);
    }
}

impl<E> EventQueue<E> {
    /// Schedules `item` at `at`; returns its sequence number.
    pub fn push(&mut self, at: Millis, item: E) -> u64 {
        let seq = self.next_seq;
        self.next_seq += 1;
        let scheduled = Some(Scheduled { at, seq, item });
        let slot = match self.free.pop() {
            Some(slot) => {
                self.slots[slot as usize] = scheduled;
                slot
            }
            None => {
                self.slots.push(scheduled);
                u32::try_from(self.slots.len() - 1).expect("fewer than 2^32 items waiting")
            }
        };
        self.heap.push(Key { at, seq, slot });
        seq
    }

    /// When the earliest item is due.
    pub fn next_at(&self) -> Option<Millis> {
        self.heap.peek().map(|k| k.at)
    }

    /// Removes and returns the earliest item if it is due at or before `until`.
    pub fn pop_due(&mut self, until: Millis) -> Option<Scheduled<E>> {
        if self.next_at()? > until {
            return None;
        }
        let key = self.heap.pop()?;
        self.free.push(key.slot);
        self.slots[key.slot as usize].take()
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
        self.slots.iter().flatten()
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
        // Freed slots are reused, and the order still holds.
        q.push(30, "f");
        q.push(20, "e");
        q.push(30, "g");
        assert_eq!(q.iter().count(), 3);
        assert_eq!(format!("{q:?}").matches("item").count(), 4, "{q:?}");
        let order: Vec<_> = std::iter::from_fn(|| q.pop_due(100).map(|s| s.item)).collect();
        assert_eq!(order, ["e", "f", "g"]);
    }
}
