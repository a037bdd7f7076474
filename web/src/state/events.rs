//! The event log as the page holds it ([`Events`]): one append-only copy of the core's log,
//! shared by every snapshot of the page, each snapshot seeing its first `len` entries.
//!
//! Until frames4 every frame that logged something copied the whole log (`log.to_vec()`):
//! a cost that grew with the run (a stream at ×100 logs segment rolls on most frames). Now a
//! frame copies only the entries added since the last one; a log that does not continue what
//! the store holds (a reset, a jump on the timeline) starts a new store.

use std::cell::{Ref, RefCell};
use std::rc::Rc;

use kafka_lab::event::Logged;

/// Entries compared, spread over the held prefix, to tell that a longer log continues it.
const CHECKS: usize = 8;

/// A snapshot of the event log: the first `len` entries of an append-only store. Two
/// snapshots are equal when they share the store and the length (O(1), like [`super::Shared`]).
#[derive(Clone, Default)]
pub struct Events {
    store: Rc<RefCell<Vec<Logged>>>,
    len: usize,
}

impl PartialEq for Events {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.store, &other.store) && self.len == other.len
    }
}

impl std::fmt::Debug for Events {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Events({} entries)", self.len)
    }
}

impl Events {
    /// A snapshot holding `log`.
    pub fn new(log: &[Logged]) -> Events {
        Events {
            store: Rc::new(RefCell::new(log.to_vec())),
            len: log.len(),
        }
    }

    /// Entries in this snapshot.
    pub fn len(&self) -> usize {
        self.len
    }

    /// No entries.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The entries, to read (borrowed for as long as the returned guard lives: never across
    /// a reduce, which may append to the store).
    pub fn all(&self) -> Ref<'_, [Logged]> {
        Ref::map(self.store.borrow(), |v| &v[..self.len])
    }

    /// Entry `i` of both snapshots is the same entry (a shared store holds one copy): no need
    /// to compare it.
    pub fn same_at(&self, other: &Events, i: usize) -> bool {
        Rc::ptr_eq(&self.store, &other.store) && i < self.len && i < other.len
    }

    /// Whether `log` is what this snapshot holds (same length, same entries at the checked
    /// points and at the end).
    pub fn holds(&self, log: &[Logged]) -> bool {
        log.len() == self.len && self.continued_by(log)
    }

    /// Whether `log` starts with what this snapshot holds: compared at [`CHECKS`] points spread
    /// over it and at its last entry (the log of one branch only grows; a reset or a jump
    /// changes its entries or shortens it).
    fn continued_by(&self, log: &[Logged]) -> bool {
        if log.len() < self.len {
            return false;
        }
        if self.len == 0 {
            return true;
        }
        let held = self.store.borrow();
        let step = (self.len / CHECKS).max(1);
        (0..self.len)
            .step_by(step)
            .chain([self.len - 1])
            .all(|i| held[i] == log[i])
    }

    /// The entries of `log` past this snapshot, when `log` continues it; `None` when it does
    /// not (a reset, a jump).
    pub fn added<'a>(&self, log: &'a [Logged]) -> Option<&'a [Logged]> {
        self.continued_by(log).then(|| &log[self.len..])
    }

    /// The snapshot of `log` after this one: this one itself when nothing changed; the same
    /// store with the new entries appended when `log` continues it (only the new entries are
    /// copied); else a new store.
    pub fn follow(&self, log: &[Logged]) -> Events {
        if self.holds(log) {
            return self.clone();
        }
        // Appending is safe only when no later snapshot already extended the store.
        if self.store.borrow().len() == self.len && self.continued_by(log) {
            self.store.borrow_mut().extend_from_slice(&log[self.len..]);
            return Events {
                store: self.store.clone(),
                len: log.len(),
            };
        }
        Events::new(log)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kafka_lab::cli::Lab;

    #[test]
    fn a_growing_log_is_appended_to_one_store_and_older_snapshots_keep_their_entries() {
        let mut lab = Lab::default();
        let first = Events::new(lab.cluster().log());
        let n = first.len();
        assert!(n > 0);
        lab.execute("kill-broker 2").unwrap();
        lab.execute("advance 100").unwrap();
        let log = lab.cluster().log().to_vec();
        assert!(log.len() > n);
        let next = first.follow(&log);
        assert!(next.same_at(&first, n - 1));
        assert!(!next.same_at(&first, n));
        assert_eq!(&*next.all(), &log[..]);
        // The older snapshot still sees its own entries only.
        assert_eq!(first.len(), n);
        assert_eq!(&*first.all(), &log[..n]);
        // Nothing new: the very same snapshot.
        assert!(next.follow(&log) == next);
        assert!(next != first);
    }

    #[test]
    fn a_reset_or_a_branch_from_an_older_snapshot_starts_a_new_store() {
        let mut lab = Lab::default();
        lab.execute("kill-broker 2").unwrap();
        lab.execute("advance 100").unwrap();
        let long = Events::new(lab.cluster().log());
        // A reset: a shorter log.
        lab.execute("brokers 4").unwrap();
        let reset = long.follow(lab.cluster().log());
        assert!(!reset.same_at(&long, 0));
        assert_eq!(&*reset.all(), lab.cluster().log());
        // A later snapshot extended the store: extending an older one copies instead.
        let old = Events::new(&lab.cluster().log()[..1]);
        let newer = old.follow(lab.cluster().log());
        let mut other = lab.cluster().log()[..1].to_vec();
        other.push(lab.cluster().log()[0].clone());
        let branched = old.follow(&other);
        assert_eq!(&*branched.all(), &other[..]);
        assert_eq!(&*newer.all(), lab.cluster().log());
        assert!(!branched.same_at(&newer, 0));
    }
}
