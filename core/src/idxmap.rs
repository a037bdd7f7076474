//! An ordered map whose B-tree is shared by every value type: [`IdxMap`].
//!
//! A `BTreeMap<K, V>` gets its own copy of the standard library's B-tree code (search,
//! insertion with node splits, removal with rebalancing, iteration) for each key *and value*
//! type: the partition-keyed maps of the brokers, clients and coordinators were about 20 such
//! copies in the wasm bundle. An `IdxMap<K, V>` keeps a `BTreeMap<K, u32>` from each key to a
//! slot of a plain vector holding the entries, so the B-tree code exists once per key type
//! (`TopicPartition`: once), and each value type adds only the small vector code.
//!
//! Same answers and the same iteration order (ascending keys) as `BTreeMap`, the same `Hash`
//! (so digests of states holding one do not change) and `Debug` text. Lookups, insertions and
//! removals are the B-tree's plus one vector access; a removal moves the last slot into the
//! freed one. Iterating with `iter_mut`/`values_mut` collects one pointer per entry first.

use std::borrow::Borrow;
use std::collections::btree_map;
use std::collections::BTreeMap;
use std::fmt;
use std::ops::RangeBounds;
use std::rc::Rc;

/// An ordered map: a B-tree from key to slot, and the entries in a vector (see the module).
#[derive(Clone)]
pub struct IdxMap<K, V> {
    /// Behind an `Rc`: a clone of the map (every time-machine snapshot clones every broker's
    /// partition maps) shares the B-tree and copies only the slots; the first insertion or
    /// removal after it copies the tree (`Rc::make_mut`). Lookups and changes of a value
    /// never touch it.
    index: Rc<BTreeMap<K, u32>>,
    slots: Vec<(K, V)>,
}

impl<K, V> Default for IdxMap<K, V> {
    fn default() -> Self {
        Self::new()
    }
}

impl<K: fmt::Debug, V: fmt::Debug> fmt::Debug for IdxMap<K, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<K: PartialEq, V: PartialEq> PartialEq for IdxMap<K, V> {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl<K: Eq, V: Eq> Eq for IdxMap<K, V> {}

impl<K: std::hash::Hash, V: std::hash::Hash> std::hash::Hash for IdxMap<K, V> {
    // As `BTreeMap` hashes: the length, then each entry in key order.
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write_usize(self.len());
        for entry in self.iter() {
            entry.hash(state);
        }
    }
}

impl<K, V> IdxMap<K, V> {
    /// An empty map.
    pub fn new() -> Self {
        Self {
            index: Rc::new(BTreeMap::new()),
            slots: Vec::new(),
        }
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    /// Whether the map is empty.
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// Removes every entry.
    pub fn clear(&mut self) {
        self.index = Rc::new(BTreeMap::new());
        self.slots.clear();
    }

    /// The entries in key order.
    pub fn iter(&self) -> Iter<'_, K, V> {
        Iter {
            index: self.index.values(),
            slots: &self.slots,
        }
    }

    /// The entries in key order, values mutable.
    pub fn iter_mut(&mut self) -> IterMut<'_, K, V> {
        IterMut {
            order: self.index.values(),
            refs: self.slots.iter_mut().map(Some).collect(),
        }
    }

    /// The keys in order.
    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &K> + ExactSizeIterator + Clone {
        self.index.keys()
    }

    /// The values in key order.
    pub fn values(&self) -> impl DoubleEndedIterator<Item = &V> + ExactSizeIterator + Clone {
        self.iter().map(|(_, v)| v)
    }

    /// The values in key order, mutable.
    pub fn values_mut(&mut self) -> impl DoubleEndedIterator<Item = &mut V> + ExactSizeIterator {
        self.iter_mut().map(|(_, v)| v)
    }

    /// The keys in order, by value.
    pub fn into_keys(self) -> impl DoubleEndedIterator<Item = K> + ExactSizeIterator
    where
        K: Clone,
    {
        self.into_iter().map(|(k, _)| k)
    }

    /// The values in key order, by value.
    pub fn into_values(self) -> impl DoubleEndedIterator<Item = V> + ExactSizeIterator
    where
        K: Clone,
    {
        self.into_iter().map(|(_, v)| v)
    }

    /// The entry with the smallest key.
    pub fn first_key_value(&self) -> Option<(&K, &V)> {
        self.iter().next()
    }

    /// The entry with the largest key.
    pub fn last_key_value(&self) -> Option<(&K, &V)> {
        self.iter().next_back()
    }

    fn slot<Q: Ord + ?Sized>(&self, key: &Q) -> Option<usize>
    where
        K: Borrow<Q> + Ord,
    {
        self.index.get(key).map(|&i| i as usize)
    }

    /// The value for `key`.
    pub fn get<Q: Ord + ?Sized>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q> + Ord,
    {
        self.slot(key).map(|i| &self.slots[i].1)
    }

    /// The stored key and value for `key`.
    pub fn get_key_value<Q: Ord + ?Sized>(&self, key: &Q) -> Option<(&K, &V)>
    where
        K: Borrow<Q> + Ord,
    {
        self.slot(key).map(|i| {
            let (k, v) = &self.slots[i];
            (k, v)
        })
    }

    /// The value for `key`, mutable.
    pub fn get_mut<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<&mut V>
    where
        K: Borrow<Q> + Ord,
    {
        self.slot(key).map(|i| &mut self.slots[i].1)
    }

    /// Whether `key` has a value.
    pub fn contains_key<Q: Ord + ?Sized>(&self, key: &Q) -> bool
    where
        K: Borrow<Q> + Ord,
    {
        self.index.contains_key(key)
    }

    /// Takes slot `i` out, moving the last slot into it.
    fn take_slot(&mut self, i: usize) -> (K, V)
    where
        K: Ord + Clone,
    {
        let entry = self.slots.swap_remove(i);
        if let Some((moved, _)) = self.slots.get(i) {
            if let Some(slot) = Rc::make_mut(&mut self.index).get_mut(moved) {
                *slot = i as u32;
            }
        }
        entry
    }

    /// Removes `key`'s entry, returning it.
    pub fn remove_entry<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<(K, V)>
    where
        K: Borrow<Q> + Ord + Clone,
    {
        // Shared with a clone: copy the tree only if the key is there to remove.
        if Rc::get_mut(&mut self.index).is_none() && !self.index.contains_key(key) {
            return None;
        }
        let i = Rc::make_mut(&mut self.index).remove(key)? as usize;
        Some(self.take_slot(i))
    }

    /// Removes `key`'s entry, returning its value.
    pub fn remove<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<V>
    where
        K: Borrow<Q> + Ord + Clone,
    {
        self.remove_entry(key).map(|(_, v)| v)
    }

    /// Removes and returns the entry with the smallest key.
    pub fn pop_first(&mut self) -> Option<(K, V)>
    where
        K: Ord + Clone,
    {
        if self.index.is_empty() {
            return None;
        }
        let (_, i) = Rc::make_mut(&mut self.index).pop_first()?;
        Some(self.take_slot(i as usize))
    }

    /// Removes and returns the entry with the largest key.
    pub fn pop_last(&mut self) -> Option<(K, V)>
    where
        K: Ord + Clone,
    {
        if self.index.is_empty() {
            return None;
        }
        let (_, i) = Rc::make_mut(&mut self.index).pop_last()?;
        Some(self.take_slot(i as usize))
    }

    /// Keeps only the entries `keep` returns true for (called in key order).
    pub fn retain(&mut self, mut keep: impl FnMut(&K, &mut V) -> bool)
    where
        K: Ord + Clone,
    {
        let slots = &mut self.slots;
        let mut kept = vec![false; slots.len()];
        // In key order, as a B-tree's `retain` calls it; the tree is changed only if an
        // entry goes.
        for &i in self.index.values() {
            let (k, v) = &mut slots[i as usize];
            kept[i as usize] = keep(k, v);
        }
        if kept.iter().all(|&k| k) {
            return;
        }
        Rc::make_mut(&mut self.index).retain(|_, &mut i| kept[i as usize]);
        // Compact the slots, then renumber the index.
        let mut new_slot = vec![0u32; kept.len()];
        let mut n = 0u32;
        for (i, &k) in kept.iter().enumerate() {
            new_slot[i] = n;
            n += k as u32;
        }
        let mut i = 0;
        self.slots.retain(|_| {
            i += 1;
            kept[i - 1]
        });
        for slot in Rc::make_mut(&mut self.index).values_mut() {
            *slot = new_slot[*slot as usize];
        }
    }

    /// The entries whose keys are in `range`, in key order.
    pub fn range<Q: Ord + ?Sized, R: RangeBounds<Q>>(&self, range: R) -> Range<'_, K, V>
    where
        K: Borrow<Q> + Ord,
    {
        Range {
            index: self.index.range(range),
            slots: &self.slots,
        }
    }
}

impl<K: Ord + Clone, V> IdxMap<K, V> {
    /// Sets `key`'s value, returning the one it replaces.
    pub fn insert(&mut self, key: K, value: V) -> Option<V> {
        // Shared with a clone: a key it has only changes its value, without copying the tree.
        if Rc::get_mut(&mut self.index).is_none() {
            if let Some(i) = self.slot(&key) {
                return Some(std::mem::replace(&mut self.slots[i].1, value));
            }
        }
        match Rc::make_mut(&mut self.index).entry(key) {
            btree_map::Entry::Occupied(e) => Some(std::mem::replace(
                &mut self.slots[*e.get() as usize].1,
                value,
            )),
            btree_map::Entry::Vacant(e) => {
                let key = e.key().clone();
                e.insert(self.slots.len() as u32);
                self.slots.push((key, value));
                None
            }
        }
    }

    /// `key`'s entry, to read, insert or change in place.
    pub fn entry(&mut self, key: K) -> Entry<'_, K, V> {
        match self.slot(&key) {
            Some(slot) => Entry::Occupied(OccupiedEntry { map: self, slot }),
            None => Entry::Vacant(VacantEntry { map: self, key }),
        }
    }

    /// Moves every entry of `other` into this map (`other`'s values win), leaving it empty.
    pub fn append(&mut self, other: &mut Self) {
        for (k, v) in std::mem::take(other) {
            self.insert(k, v);
        }
    }
}

/// A map entry: [`IdxMap::entry`].
pub enum Entry<'a, K, V> {
    /// The key has a value.
    Occupied(OccupiedEntry<'a, K, V>),
    /// The key has none.
    Vacant(VacantEntry<'a, K, V>),
}

/// An entry whose key has a value.
pub struct OccupiedEntry<'a, K, V> {
    map: &'a mut IdxMap<K, V>,
    slot: usize,
}

/// An entry whose key has no value yet.
pub struct VacantEntry<'a, K, V> {
    map: &'a mut IdxMap<K, V>,
    key: K,
}

impl<'a, K: Ord + Clone, V> OccupiedEntry<'a, K, V> {
    /// The key.
    pub fn key(&self) -> &K {
        &self.map.slots[self.slot].0
    }
    /// The value.
    pub fn get(&self) -> &V {
        &self.map.slots[self.slot].1
    }
    /// The value, mutable.
    pub fn get_mut(&mut self) -> &mut V {
        &mut self.map.slots[self.slot].1
    }
    /// The value, mutable for as long as the map is borrowed.
    pub fn into_mut(self) -> &'a mut V {
        &mut self.map.slots[self.slot].1
    }
    /// Replaces the value, returning the old one.
    pub fn insert(&mut self, value: V) -> V {
        std::mem::replace(self.get_mut(), value)
    }
    /// Removes the entry, returning it.
    pub fn remove_entry(self) -> (K, V) {
        let key = &self.map.slots[self.slot].0;
        Rc::make_mut(&mut self.map.index).remove(key);
        self.map.take_slot(self.slot)
    }
    /// Removes the entry, returning its value.
    pub fn remove(self) -> V {
        self.remove_entry().1
    }
}

impl<'a, K: Ord + Clone, V> VacantEntry<'a, K, V> {
    /// The key.
    pub fn key(&self) -> &K {
        &self.key
    }
    /// The key, by value.
    pub fn into_key(self) -> K {
        self.key
    }
    /// Inserts `value` for the key.
    pub fn insert(self, value: V) -> &'a mut V {
        let slot = self.map.slots.len();
        Rc::make_mut(&mut self.map.index).insert(self.key.clone(), slot as u32);
        self.map.slots.push((self.key, value));
        &mut self.map.slots[slot].1
    }
}

impl<'a, K: Ord + Clone, V> Entry<'a, K, V> {
    /// The value, inserting `default` first if there was none.
    pub fn or_insert(self, default: V) -> &'a mut V {
        match self {
            Entry::Occupied(e) => e.into_mut(),
            Entry::Vacant(e) => e.insert(default),
        }
    }
    /// The value, inserting `default()` first if there was none.
    pub fn or_insert_with(self, default: impl FnOnce() -> V) -> &'a mut V {
        match self {
            Entry::Occupied(e) => e.into_mut(),
            Entry::Vacant(e) => e.insert(default()),
        }
    }
    /// The value, inserting `V::default()` first if there was none.
    pub fn or_default(self) -> &'a mut V
    where
        V: Default,
    {
        self.or_insert_with(V::default)
    }
    /// Changes the value in place if there is one.
    pub fn and_modify(mut self, f: impl FnOnce(&mut V)) -> Self {
        if let Entry::Occupied(e) = &mut self {
            f(e.get_mut());
        }
        self
    }
    /// The key.
    pub fn key(&self) -> &K {
        match self {
            Entry::Occupied(e) => e.key(),
            Entry::Vacant(e) => e.key(),
        }
    }
}

/// The entries of an [`IdxMap`] in key order.
pub struct Iter<'a, K, V> {
    index: btree_map::Values<'a, K, u32>,
    slots: &'a [(K, V)],
}

impl<K, V> Clone for Iter<'_, K, V> {
    fn clone(&self) -> Self {
        Self {
            index: self.index.clone(),
            slots: self.slots,
        }
    }
}

impl<'a, K, V> Iterator for Iter<'a, K, V> {
    type Item = (&'a K, &'a V);
    fn next(&mut self) -> Option<Self::Item> {
        let (k, v) = &self.slots[*self.index.next()? as usize];
        Some((k, v))
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.index.size_hint()
    }
}

impl<K, V> DoubleEndedIterator for Iter<'_, K, V> {
    fn next_back(&mut self) -> Option<Self::Item> {
        let (k, v) = &self.slots[*self.index.next_back()? as usize];
        Some((k, v))
    }
}

impl<K, V> ExactSizeIterator for Iter<'_, K, V> {}

/// The entries of an [`IdxMap`] whose keys are in a range, in key order.
pub struct Range<'a, K, V> {
    index: btree_map::Range<'a, K, u32>,
    slots: &'a [(K, V)],
}

impl<'a, K, V> Iterator for Range<'a, K, V> {
    type Item = (&'a K, &'a V);
    fn next(&mut self) -> Option<Self::Item> {
        let (_, &i) = self.index.next()?;
        let (k, v) = &self.slots[i as usize];
        Some((k, v))
    }
}

impl<K, V> DoubleEndedIterator for Range<'_, K, V> {
    fn next_back(&mut self) -> Option<Self::Item> {
        let (_, &i) = self.index.next_back()?;
        let (k, v) = &self.slots[i as usize];
        Some((k, v))
    }
}

/// The entries of an [`IdxMap`] in key order, values mutable.
pub struct IterMut<'a, K, V> {
    order: btree_map::Values<'a, K, u32>,
    refs: Vec<Option<&'a mut (K, V)>>,
}

impl<'a, K, V> IterMut<'a, K, V> {
    fn take(&mut self, i: u32) -> (&'a K, &'a mut V) {
        let (k, v) = self.refs[i as usize].take().expect("each slot once");
        (&*k, v)
    }
}

impl<'a, K, V> Iterator for IterMut<'a, K, V> {
    type Item = (&'a K, &'a mut V);
    fn next(&mut self) -> Option<Self::Item> {
        let i = *self.order.next()?;
        Some(self.take(i))
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.order.size_hint()
    }
}

impl<K, V> DoubleEndedIterator for IterMut<'_, K, V> {
    fn next_back(&mut self) -> Option<Self::Item> {
        let i = *self.order.next_back()?;
        Some(self.take(i))
    }
}

impl<K, V> ExactSizeIterator for IterMut<'_, K, V> {}

/// The entries of an [`IdxMap`] in key order, by value.
pub struct IntoIter<K, V> {
    order: btree_map::IntoValues<K, u32>,
    slots: Vec<Option<(K, V)>>,
}

impl<K, V> Iterator for IntoIter<K, V> {
    type Item = (K, V);
    fn next(&mut self) -> Option<(K, V)> {
        let i = self.order.next()?;
        self.slots[i as usize].take()
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.order.size_hint()
    }
}

impl<K, V> DoubleEndedIterator for IntoIter<K, V> {
    fn next_back(&mut self) -> Option<(K, V)> {
        let i = self.order.next_back()?;
        self.slots[i as usize].take()
    }
}

impl<K, V> ExactSizeIterator for IntoIter<K, V> {}

impl<'a, K, V> IntoIterator for &'a IdxMap<K, V> {
    type Item = (&'a K, &'a V);
    type IntoIter = Iter<'a, K, V>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<'a, K, V> IntoIterator for &'a mut IdxMap<K, V> {
    type Item = (&'a K, &'a mut V);
    type IntoIter = IterMut<'a, K, V>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter_mut()
    }
}

impl<K: Clone, V> IntoIterator for IdxMap<K, V> {
    type Item = (K, V);
    type IntoIter = IntoIter<K, V>;
    fn into_iter(self) -> Self::IntoIter {
        IntoIter {
            order: Rc::try_unwrap(self.index)
                .unwrap_or_else(|shared| (*shared).clone())
                .into_values(),
            slots: self.slots.into_iter().map(Some).collect(),
        }
    }
}

impl<K: Ord + Clone, V> Extend<(K, V)> for IdxMap<K, V> {
    fn extend<I: IntoIterator<Item = (K, V)>>(&mut self, iter: I) {
        for (k, v) in iter {
            self.insert(k, v);
        }
    }
}

impl<K: Ord + Clone, V> FromIterator<(K, V)> for IdxMap<K, V> {
    /// Like `collect()` into a `BTreeMap`: a later entry's value replaces an earlier one's.
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut map = Self::new();
        map.extend(iter);
        map
    }
}

impl<K: Ord + Clone, V, const N: usize> From<[(K, V); N]> for IdxMap<K, V> {
    fn from(entries: [(K, V); N]) -> Self {
        entries.into_iter().collect()
    }
}

impl<K: Borrow<Q> + Ord, Q: Ord + ?Sized, V> std::ops::Index<&Q> for IdxMap<K, V> {
    type Output = V;
    fn index(&self, key: &Q) -> &V {
        self.get(key).expect("no entry for the key")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::{Hash, Hasher};

    fn hash_of(x: &impl Hash) -> u64 {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        x.hash(&mut h);
        h.finish()
    }

    #[test]
    fn same_order_answers_hash_and_debug_as_a_btree() {
        let mut ours = IdxMap::new();
        let mut theirs = BTreeMap::new();
        let mut x: u64 = 11;
        // Clones taken along the way (they share the B-tree until one side changes its keys)
        // must keep their contents whatever the original does after.
        let mut kept = Vec::new();
        for step in 0..3_000u64 {
            if step % 97 == 0 {
                kept.push((ours.clone(), theirs.clone()));
            }
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let k = (x >> 33) % 89;
            match step % 9 {
                0..=2 => assert_eq!(ours.insert(k, step), theirs.insert(k, step)),
                3 => assert_eq!(ours.remove(&k), theirs.remove(&k)),
                4 => {
                    *ours.entry(k).or_insert(0) += 1;
                    *theirs.entry(k).or_insert(0) += 1;
                }
                5 => {
                    ours.retain(|k, v| (k + *v) % 7 != 0);
                    theirs.retain(|k, v| (k + *v) % 7 != 0);
                }
                6 => {
                    for (k, v) in ours.iter_mut() {
                        *v += k;
                    }
                    for (k, v) in theirs.iter_mut() {
                        *v += k;
                    }
                }
                7 => match step % 4 {
                    0 => assert_eq!(ours.pop_first(), theirs.pop_first()),
                    1 => assert_eq!(ours.pop_last(), theirs.pop_last()),
                    _ => {
                        if let Entry::Occupied(e) = ours.entry(k) {
                            assert_eq!(Some(e.remove()), theirs.remove(&k));
                        }
                    }
                },
                _ => {
                    assert_eq!(ours.get(&k), theirs.get(&k));
                    assert_eq!(ours.contains_key(&k), theirs.contains_key(&k));
                    *ours.entry(k).or_default() += 2;
                    *theirs.entry(k).or_default() += 2;
                }
            }
            assert!(ours.iter().eq(theirs.iter()), "step {step}");
            assert_eq!(ours.len(), theirs.len());
        }
        assert!(ours.iter().rev().eq(theirs.iter().rev()));
        assert!(ours.range(10..40).eq(theirs.range(10..40)));
        assert!(ours.range(..=10).rev().eq(theirs.range(..=10).rev()));
        assert!(ours.values().eq(theirs.values()));
        assert!(ours.keys().eq(theirs.keys()));
        assert_eq!(format!("{ours:?}"), format!("{theirs:?}"));
        assert_eq!(hash_of(&ours), hash_of(&theirs));
        assert!(ours.clone().into_iter().eq(theirs.clone()));
        assert!(ours
            .clone()
            .into_iter()
            .rev()
            .eq(theirs.clone().into_iter().rev()));
        let built: IdxMap<u64, u64> = theirs.clone().into_iter().rev().collect();
        assert_eq!(built, ours);
        assert_ne!(built, IdxMap::from([(1, 2)]));
        assert!(kept.len() > 30);
        for (o, t) in kept {
            assert!(o.iter().eq(t.iter()));
            assert!(o.range(20..).eq(t.range(20..)));
        }
    }

    #[test]
    fn a_clone_shares_the_b_tree_until_its_keys_change() {
        let mut map: IdxMap<u32, String> = (0..100).map(|i| (i, i.to_string())).collect();
        let copy = map.clone();
        assert!(Rc::ptr_eq(&map.index, &copy.index));
        // Changing values, or inserting over a key it has, leaves the tree shared.
        map.get_mut(&5).unwrap().push('!');
        *map.entry(6).or_default() += "?";
        map.insert(7, "seven".into());
        map.retain(|_, _| true);
        assert!(Rc::ptr_eq(&map.index, &copy.index));
        assert_eq!(copy.get(&5).map(String::as_str), Some("5"));
        assert_eq!(map.get(&5).map(String::as_str), Some("5!"));
        // A new key copies it; the clone keeps its own.
        map.insert(100, "new".into());
        assert!(!Rc::ptr_eq(&map.index, &copy.index));
        assert_eq!((map.len(), copy.len()), (101, 100));
        assert!(!copy.contains_key(&100));
        map.remove(&0);
        assert_eq!(copy.get(&0).map(String::as_str), Some("0"));
        assert_eq!(map.first_key_value().map(|(k, _)| *k), Some(1));
    }
}
