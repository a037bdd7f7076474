//! The sends a producer has no answer for yet.
//!
//! Send ids come from the ledger in increasing order, and a producer's pending ones span a
//! short range of them: a flag per id from the oldest pending one on makes an insert a push at
//! the back and a removal a flag cleared (a `BTreeSet` spent a node search and an allocation on
//! each: a tenth of the replication benchmark). Batches of several partitions are answered in
//! any order, so removals come from anywhere in the range. Same order, same `Debug` output as
//! the set it replaces.

use std::collections::VecDeque;

use crate::log::SendId;

/// A set of send ids: `flags[i]` says whether `base + i` is in it. Canonical (the first and
/// last flags are set; empty is base 0 and no flags), so the derived equality is the sets'.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct SendSet {
    base: SendId,
    flags: VecDeque<bool>,
    len: usize,
}

impl SendSet {
    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `send`; false if it was there already.
    pub fn insert(&mut self, send: SendId) -> bool {
        if self.flags.is_empty() {
            self.base = send;
            self.flags.push_back(true);
            self.len = 1;
            return true;
        }
        if send < self.base {
            for _ in send + 1..self.base {
                self.flags.push_front(false);
            }
            self.flags.push_front(true);
            self.base = send;
            self.len += 1;
            return true;
        }
        let i = usize::try_from(send - self.base).unwrap_or(usize::MAX);
        while self.flags.len() < i {
            self.flags.push_back(false);
        }
        if i == self.flags.len() {
            self.flags.push_back(true);
        } else if self.flags[i] {
            return false;
        } else {
            self.flags[i] = true;
        }
        self.len += 1;
        true
    }

    fn index(&self, send: SendId) -> Option<usize> {
        let i = usize::try_from(send.checked_sub(self.base)?).ok()?;
        (i < self.flags.len()).then_some(i)
    }

    /// Removes `send`; false if it was not there.
    pub fn remove(&mut self, send: &SendId) -> bool {
        let Some(i) = self.index(*send).filter(|&i| self.flags[i]) else {
            return false;
        };
        self.flags[i] = false;
        self.len -= 1;
        if self.len == 0 {
            *self = Self::default();
            return true;
        }
        while self.flags.front() == Some(&false) {
            self.flags.pop_front();
            self.base += 1;
        }
        while self.flags.back() == Some(&false) {
            self.flags.pop_back();
        }
        true
    }

    /// True if `send` is in the set.
    pub fn contains(&self, send: &SendId) -> bool {
        self.index(*send).is_some_and(|i| self.flags[i])
    }

    /// True if any send in `first..=last` is in the set.
    pub fn any_in(&self, first: SendId, last: SendId) -> bool {
        if self.len == 0 || last < first {
            return false;
        }
        let end = self.base + self.flags.len() as SendId - 1;
        if first <= self.base {
            // The oldest pending send is in the set: is it in the range?
            return last >= self.base;
        }
        if first > end {
            return false;
        }
        let (from, to) = (
            (first - self.base) as usize,
            (last.min(end) - self.base) as usize,
        );
        self.flags.range(from..=to).any(|&f| f)
    }

    /// True if there is none.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// How many.
    pub fn len(&self) -> usize {
        self.len
    }

    /// In increasing order.
    pub fn iter(&self) -> impl Iterator<Item = SendId> + '_ {
        let base = self.base;
        self.flags
            .iter()
            .enumerate()
            .filter(|(_, &f)| f)
            .map(move |(i, _)| base + i as SendId)
    }
}

impl std::fmt::Debug for SendSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::SendSet;
    use std::collections::BTreeSet;

    #[test]
    fn behaves_as_a_btree_set() {
        // A fixed pseudo-random mix of inserts (mostly increasing, some older ids again) and
        // removals (mostly oldest first, some from the middle and some absent).
        let mut set = SendSet::new();
        let mut model = BTreeSet::new();
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = 1;
        for _ in 0..5_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            match x % 10 {
                0..=4 => {
                    assert_eq!(set.insert(next), model.insert(next));
                    next += 1;
                }
                5 => {
                    let old = x % next.max(1);
                    assert_eq!(set.insert(old), model.insert(old));
                }
                6 => {
                    let first = model.iter().next().copied().unwrap_or(0);
                    assert_eq!(set.remove(&first), model.remove(&first));
                }
                7 => {
                    // Another partition's batch answered first: a send from the middle.
                    let mid = model.iter().nth(model.len() / 2).copied().unwrap_or(0);
                    assert_eq!(set.remove(&mid), model.remove(&mid));
                }
                _ => {
                    let any = x % (next + 2);
                    assert_eq!(set.remove(&any), model.remove(&any));
                }
            }
            let (a, b) = (x % (next + 1), (x >> 20) % (next + 1));
            let (lo, hi) = (a.min(b), a.max(b));
            assert_eq!(set.any_in(lo, hi), model.range(lo..=hi).next().is_some());
            assert_eq!(set.contains(&a), model.contains(&a));
            assert_eq!(set.len(), model.len());
        }
        assert!(set.iter().eq(model.iter().copied()));
        assert_eq!(format!("{set:?}"), format!("{model:?}"));
        assert!(!set.is_empty());
        for s in model.clone() {
            assert!(set.remove(&s));
        }
        assert!(set.is_empty());
        assert_eq!(set, SendSet::new(), "an emptied set equals a new one");
    }
}
