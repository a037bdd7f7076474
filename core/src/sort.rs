//! One stable sort for the whole lab, compiled once.
//!
//! `slice::sort_by` is generic: every call site with its own element type or comparator gets
//! its own copy of the standard library's driftsort, about 3.5 KB of wasm each (measured with
//! twiggy on the release bundle: 44 call sites, 160 KB). Here the sorting works on a vector of
//! indices through a `dyn` comparator, so there is one copy of it; each call site keeps only
//! two small closures. Same result as `sort_by` (stable: equal elements keep their order).
//! For the simulation's hot paths (the assignors on 10,000 partitions) keep `sort_by`: the
//! indirection costs time there.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// `collect()` into a B-tree sorts the items first (another driftsort copy per item type,
/// and a bulk builder): these insert them one at a time instead. Same result as `collect()`.
pub trait Collect: Iterator + Sized {
    /// Like `collect::<BTreeMap<_, _>>()`: a later entry's value replaces an earlier one's.
    fn collect_map<K: Ord, V>(self) -> BTreeMap<K, V>
    where
        Self: Iterator<Item = (K, V)>,
    {
        let mut map = BTreeMap::new();
        map.extend(self);
        map
    }

    /// Like `collect::<BTreeSet<_>>()`.
    fn collect_set(self) -> BTreeSet<Self::Item>
    where
        Self::Item: Ord,
    {
        let mut set = BTreeSet::new();
        set.extend(self);
        set
    }
}

impl<I: Iterator> Collect for I {}

/// Sorts `v` by `cmp`, stably: the same order as `v.sort_by(cmp)`.
pub fn by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let mut order = order(v.len(), &mut |a, b| cmp(&v[a], &v[b]));
    permute(&mut order, &mut |a, b| v.swap(a, b));
}

/// Sorts `v` by a key, stably: the same order as `v.sort_by_key(key)`.
pub fn by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` in its natural order, stably: the same order as `v.sort()`.
pub fn natural<T: Ord>(v: &mut [T]) {
    by(v, T::cmp);
}

/// The positions `0..n` in sorted order: `order[i]` is the index of the element that goes to
/// position `i`.
#[inline(never)]
fn order(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<u32> {
    let n = u32::try_from(n).expect("fewer than 2^32 elements to sort");
    let mut order: Vec<u32> = (0..n).collect();
    order.sort_by(|&a, &b| cmp(a as usize, b as usize));
    order
}

/// Moves every element to its sorted position by following the permutation's cycles, one swap
/// per misplaced element.
#[inline(never)]
fn permute(order: &mut [u32], swap: &mut dyn FnMut(usize, usize)) {
    for i in 0..order.len() {
        let mut j = i;
        while order[j] as usize != i {
            let k = order[j] as usize;
            order[j] = j as u32;
            swap(j, k);
            j = k;
        }
        order[j] = j as u32;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn stable_like_sort_by() {
        let mut v = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e'), (0, 'f')];
        by_key(&mut v, |p| p.0);
        assert_eq!(
            v,
            [(0, 'f'), (1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]
        );
        let mut w = vec!["pear", "fig", "apple", "fig"];
        natural(&mut w);
        assert_eq!(w, ["apple", "fig", "fig", "pear"]);
    }

    #[test]
    fn collects_like_collect() {
        let pairs = [(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd')];
        let ours = pairs.iter().copied().collect_map();
        let std: BTreeMap<_, _> = pairs.iter().copied().collect();
        assert_eq!(ours, std);
        assert_eq!(ours[&3], 'c');
        let set = pairs.iter().map(|p| p.0).collect_set();
        assert_eq!(set.into_iter().collect::<Vec<_>>(), [1, 2, 3]);
    }

    proptest! {
        #[test]
        fn same_order_as_std(v in proptest::collection::vec((0u8..6, any::<u16>()), 0..200)) {
            let mut ours = v.clone();
            let mut std = v;
            by(&mut ours, |a, b| b.0.cmp(&a.0));
            std.sort_by_key(|b| std::cmp::Reverse(b.0));
            prop_assert_eq!(ours, std);
        }
    }
}
