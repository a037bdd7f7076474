//! The OS page cache of one broker's machine, as Kafka relies on it (notes sections 6 and 16).
//!
//! Kafka does not flush its log itself by default (`log.flush.interval.messages` is
//! `Long.MAX_VALUE`, `log.flush.interval.ms` unset): an append is a `write()` into the page
//! cache, the page is *dirty*, and Linux's writeback writes it to disk later. The lab uses
//! Linux's defaults: the flusher wakes every `vm.dirty_writeback_centisecs` = 500 (5 s) and
//! writes the pages dirty for at least `vm.dirty_expire_centisecs` = 3000 (30 s). A read is
//! served from the cache when its pages are there (a *hit*: `sendfile` copies them to the
//! socket, zero-copy); otherwise they are read from disk first (a *miss*) and stay cached. The
//! cache is bounded (`max_pages` pages of 4 KiB, configurable) and evicts the least recently
//! used page, writing it first if it is dirty.
//!
//! Simplified: only `.log` files are cached (Kafka's `.index` files are memory-mapped, also
//! through the page cache, but small); no readahead; no `dirty_background_ratio` threshold.
//!
//! An observer only: the cluster tells it what its logs wrote and what its fetches read, and it
//! never changes the simulation's timing. Writeback runs lazily in virtual time (a page dirtied
//! at `d` is written at the first flusher wake-up at or after `d + 30 s`), so it needs no
//! events of its own. The lab's `kill-broker` is the Kafka *process* dying: the machine and its
//! page cache survive, dirty pages included, and are written as usual.

use crate::idxmap::IdxMap;
use crate::sort::Collect as _;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

use crate::model::{NodeId, TopicPartition};
use crate::sim::Millis;
use crate::storage::segment::SegmentedLog;

/// Linux's page size.
pub const PAGE_SIZE: usize = 4096;
/// `vm.dirty_writeback_centisecs` = 500: how often the flusher threads wake.
pub const DIRTY_WRITEBACK_MS: Millis = 5_000;
/// `vm.dirty_expire_centisecs` = 3000: how old a dirty page must be to be written.
pub const DIRTY_EXPIRE_MS: Millis = 30_000;
/// The lab's default cache size per broker, in pages (128 KiB: a lab-sized machine, so that
/// eviction shows within a few thousand records).
pub const DEFAULT_MAX_PAGES: usize = 32;
/// The largest cache a command may set, in pages.
pub const MAX_MAX_PAGES: usize = 65_536;
/// How many notable events a cache remembers for the page.
const NOTES_KEPT: usize = 6;

/// When the flusher writes a page dirtied at `since`.
pub fn flush_at(since: Millis) -> Millis {
    (since + DIRTY_EXPIRE_MS).div_ceil(DIRTY_WRITEBACK_MS) * DIRTY_WRITEBACK_MS
}

/// One page of a segment's `.log` file: partition (numbered by the cache), segment base
/// offset, page number.
type PageKey = (u32, i64, u32);

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Page {
    /// When it became dirty (not yet written), if it is dirty.
    dirty_since: Option<Millis>,
    /// Its place in the LRU order.
    used: u64,
}

/// Counters since the broker's machine started.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct CacheStats {
    /// Pages a read found in the cache.
    pub hit_pages: u64,
    /// Pages a read had to fetch from disk.
    pub miss_pages: u64,
    /// Bytes of batches served from cache only (sendfile straight from the page cache).
    pub hit_bytes: u64,
    /// Bytes of batches that needed at least one page from disk.
    pub miss_bytes: u64,
    /// Bytes appended to the log files (writes into the cache).
    pub written_bytes: u64,
    /// Pages written to disk by the flusher (or before being evicted, or by `sync`).
    pub flushed_pages: u64,
    /// Pages evicted to make room.
    pub evicted_pages: u64,
}

/// Something worth a line on the page.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum CacheNote {
    /// The flusher wrote pages dirty for 30 s.
    Flushed {
        /// When.
        at: Millis,
        /// How many.
        pages: u64,
    },
    /// A read missed: pages came from disk.
    ColdRead {
        /// When.
        at: Millis,
        /// Whose files.
        tp: TopicPartition,
        /// The first segment read.
        base: i64,
        /// How many pages.
        pages: u64,
    },
    /// Pages were evicted to make room.
    Evicted {
        /// When.
        at: Millis,
        /// How many.
        pages: u64,
    },
    /// `sync; echo 1 > /proc/sys/vm/drop_caches`.
    Dropped {
        /// When.
        at: Millis,
        /// How many pages were dropped.
        pages: u64,
    },
}

/// What one read found.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReadOutcome {
    /// Pages found cached.
    pub hit_pages: u64,
    /// Pages read from disk.
    pub miss_pages: u64,
    /// Bytes of the batches read.
    pub bytes: u64,
}

/// Where a segment's pages are.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SegmentCache {
    /// Pages the file spans.
    pub pages: u32,
    /// Of those, in the cache.
    pub cached: u32,
    /// Of the cached ones, dirty (not on disk yet).
    pub dirty: u32,
}

/// One broker machine's page cache.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PageCache {
    /// Its size in pages.
    max_pages: usize,
    pages: BTreeMap<PageKey, Page>,
    lru: BTreeMap<u64, PageKey>,
    tick: u64,
    /// Partitions numbered, so page keys are small and copied without allocating.
    ids: IdxMap<TopicPartition, u32>,
    next_id: u32,
    /// Each segment's size when last seen, per partition.
    known: IdxMap<u32, BTreeMap<i64, usize>>,
    /// The earliest moment a dirty page is due to be written.
    next_flush: Option<Millis>,
    /// Counters.
    pub stats: CacheStats,
    /// Bytes served to each reader (followers and consumers).
    pub served: IdxMap<NodeId, u64>,
    notes: VecDeque<CacheNote>,
}

impl Default for PageCache {
    fn default() -> Self {
        Self::new(DEFAULT_MAX_PAGES)
    }
}

impl PageCache {
    /// An empty cache of `max_pages` pages (at least one).
    pub fn new(max_pages: usize) -> Self {
        Self {
            max_pages: max_pages.max(1),
            pages: BTreeMap::new(),
            lru: BTreeMap::new(),
            tick: 0,
            ids: IdxMap::new(),
            next_id: 0,
            known: IdxMap::new(),
            next_flush: None,
            stats: CacheStats::default(),
            served: IdxMap::new(),
            notes: VecDeque::new(),
        }
    }

    /// Its size in pages.
    pub fn max_pages(&self) -> usize {
        self.max_pages
    }

    /// Pages cached now.
    pub fn cached_pages(&self) -> usize {
        self.pages.len()
    }

    /// Pages dirty at `now` (the flusher may not have run yet in the model: this asks the
    /// schedule, so it is right at any moment).
    pub fn dirty_pages(&self, now: Millis) -> usize {
        self.pages.values().filter(|p| is_dirty(p, now)).count()
    }

    /// When the flusher will next write something, if anything is dirty at `now`.
    pub fn next_flush_after(&self, now: Millis) -> Option<Millis> {
        self.pages
            .values()
            .filter_map(|p| p.dirty_since.map(flush_at))
            .filter(|&t| t > now)
            .min()
    }

    /// The notable events, oldest first.
    pub fn notes(&self) -> impl Iterator<Item = &CacheNote> {
        self.notes.iter()
    }

    /// A segment's pages at `now`.
    pub fn segment(
        &self,
        tp: &TopicPartition,
        base: i64,
        size: usize,
        now: Millis,
    ) -> SegmentCache {
        let pages = pages_for(size);
        let mut s = SegmentCache {
            pages,
            ..SegmentCache::default()
        };
        let Some(&id) = self.ids.get(tp) else {
            return s;
        };
        for (_, p) in self.pages.range((id, base, 0)..=(id, base, u32::MAX)) {
            s.cached += 1;
            if is_dirty(p, now) {
                s.dirty += 1;
            }
        }
        s
    }

    /// Resizes the cache, evicting the least recently used pages if it shrank.
    pub fn set_max_pages(&mut self, max_pages: usize, now: Millis) {
        self.writeback(now);
        self.max_pages = max_pages.max(1);
        let evicted = self.evict_to(self.max_pages);
        self.note_evicted(now, evicted);
    }

    /// `sync; echo 1 > /proc/sys/vm/drop_caches`: writes every dirty page, then empties the
    /// cache. Returns the pages dropped.
    pub fn drop_caches(&mut self, now: Millis) -> u64 {
        self.writeback(now);
        let dirty = self
            .pages
            .values()
            .filter(|p| p.dirty_since.is_some())
            .count() as u64;
        self.stats.flushed_pages += dirty;
        let n = self.pages.len() as u64;
        self.pages.clear();
        self.lru.clear();
        self.next_flush = None;
        self.push_note(CacheNote::Dropped { at: now, pages: n });
        n
    }

    /// Runs the flusher's wake-ups up to `now`: every page dirty for 30 s at a wake-up is
    /// written.
    pub fn writeback(&mut self, now: Millis) {
        if self.next_flush.is_none_or(|t| t > now) {
            return;
        }
        // Group the writes by the wake-up that made them, for the notes.
        let mut by_wakeup: BTreeMap<Millis, u64> = BTreeMap::new();
        let mut next = None;
        for p in self.pages.values_mut() {
            if let Some(since) = p.dirty_since {
                let due = flush_at(since);
                if due <= now {
                    p.dirty_since = None;
                    *by_wakeup.entry(due).or_default() += 1;
                } else {
                    next = Some(next.map_or(due, |n: Millis| n.min(due)));
                }
            }
        }
        self.next_flush = next;
        for (at, pages) in by_wakeup {
            self.stats.flushed_pages += pages;
            self.push_note(CacheNote::Flushed { at, pages });
        }
    }

    /// Looks at what the log of `tp` holds now and caches what was written since last time
    /// (dirty pages), and forgets what was truncated or deleted.
    pub fn observe_log(&mut self, now: Millis, tp: &TopicPartition, files: &SegmentedLog) {
        self.writeback(now);
        let id = self.id(tp);
        let mut known = self.known.remove(&id).unwrap_or_default();
        let segments = files.segments();
        // The usual step appends to the active segment only: when the same segments are there,
        // only the last can have changed (truncation and retention change the set).
        let same = known.len() == segments.len()
            && known.keys().next() == segments.first().map(|s| s.base_offset()).as_ref()
            && known.keys().next_back() == segments.last().map(|s| s.base_offset()).as_ref();
        // A roll adds segments after the known ones: then only the last known one (which may
        // have grown) and the new ones need a look, not every segment of the log (with the
        // lab's 1 KiB segments a log has hundreds, and looking at all of them after every
        // roll made a long producer run quadratic).
        let rolled = !same
            && !known.is_empty()
            && known.len() < segments.len()
            && known
                .keys()
                .zip(segments)
                .all(|(&k, s)| k == s.base_offset());
        let changed = if same {
            &segments[segments.len().saturating_sub(1)..]
        } else if rolled {
            &segments[known.len() - 1..]
        } else {
            segments
        };
        if !same && !rolled {
            let present: BTreeSet<i64> = segments.iter().map(|s| s.base_offset()).collect_set();
            let gone: Vec<i64> = known
                .keys()
                .filter(|b| !present.contains(b))
                .copied()
                .collect();
            for base in gone {
                known.remove(&base);
                self.forget(id, base, 0);
            }
        }
        let mut evicted = 0;
        for s in changed {
            let base = s.base_offset();
            let size = s.size();
            let old = known.insert(base, size).unwrap_or(0);
            if size > old {
                self.stats.written_bytes += (size - old) as u64;
                let first = (old / PAGE_SIZE) as u32;
                for page in first..pages_for(size) {
                    evicted += self.dirty(now, (id, base, page));
                }
            } else if size < old {
                // Truncated: the pages past the end are gone, the last one was rewritten.
                self.forget(id, base, pages_for(size));
                if size % PAGE_SIZE != 0 {
                    evicted += self.dirty(now, (id, base, pages_for(size) - 1));
                }
            }
        }
        self.known.insert(id, known);
        self.note_evicted(now, evicted);
    }

    /// Forgets partitions this machine no longer has a log for.
    pub fn retain_partitions(&mut self, keep: &BTreeSet<&TopicPartition>) {
        let gone: Vec<TopicPartition> = self
            .ids
            .keys()
            .filter(|tp| !keep.contains(tp))
            .cloned()
            .collect();
        for tp in gone {
            let Some(id) = self.ids.remove(&tp) else {
                continue;
            };
            self.known.remove(&id);
            let keys: Vec<PageKey> = self
                .pages
                .range((id, i64::MIN, 0)..=(id, i64::MAX, u32::MAX))
                .map(|(k, _)| *k)
                .collect();
            for k in keys {
                self.remove(&k);
            }
        }
    }

    /// A fetch served `reader` the batches of `tp` holding offsets `first..=last`.
    pub fn read(
        &mut self,
        now: Millis,
        reader: NodeId,
        tp: &TopicPartition,
        files: &SegmentedLog,
        first: i64,
        last: i64,
    ) -> ReadOutcome {
        self.writeback(now);
        let id = self.id(tp);
        let mut out = ReadOutcome::default();
        let mut evicted = 0;
        let segments = files.segments();
        let from = segments.partition_point(|s| s.next_offset() <= first);
        for s in &segments[from..] {
            if s.base_offset() > last {
                break;
            }
            if s.next_offset() <= first {
                continue;
            }
            let mut start = None;
            let mut end = 0usize;
            for b in s.batches() {
                if b.last_offset >= first && b.base_offset <= last {
                    start.get_or_insert(b.position as usize);
                    end = b.position as usize + b.size as usize;
                    out.bytes += u64::from(b.size);
                }
            }
            let Some(start) = start else { continue };
            let base = s.base_offset();
            let mut missed = 0;
            for page in (start / PAGE_SIZE) as u32..pages_for(end) {
                let key = (id, base, page);
                if self.pages.contains_key(&key) {
                    out.hit_pages += 1;
                    self.touch(&key);
                } else {
                    missed += 1;
                    evicted += self.insert(
                        key,
                        Page {
                            dirty_since: None,
                            used: 0,
                        },
                    );
                }
            }
            if missed > 0 {
                out.miss_pages += missed;
                self.push_note(CacheNote::ColdRead {
                    at: now,
                    tp: *tp,
                    base,
                    pages: missed,
                });
            }
        }
        self.stats.hit_pages += out.hit_pages;
        self.stats.miss_pages += out.miss_pages;
        if out.miss_pages > 0 {
            self.stats.miss_bytes += out.bytes;
        } else {
            self.stats.hit_bytes += out.bytes;
        }
        *self.served.entry(reader).or_default() += out.bytes;
        self.note_evicted(now, evicted);
        out
    }

    /// Marks a page dirty (caching it if needed). Returns how many pages were evicted.
    fn dirty(&mut self, now: Millis, key: PageKey) -> u64 {
        let due = flush_at(now);
        self.next_flush = Some(self.next_flush.map_or(due, |n| n.min(due)));
        if let Some(p) = self.pages.get_mut(&key) {
            p.dirty_since.get_or_insert(now);
            self.touch(&key);
            0
        } else {
            self.insert(
                key,
                Page {
                    dirty_since: Some(now),
                    used: 0,
                },
            )
        }
    }

    fn touch(&mut self, key: &PageKey) {
        self.tick += 1;
        if let Some(p) = self.pages.get_mut(key) {
            self.lru.remove(&p.used);
            p.used = self.tick;
            self.lru.insert(self.tick, *key);
        }
    }

    fn insert(&mut self, key: PageKey, mut page: Page) -> u64 {
        let evicted = self.evict_to(self.max_pages - 1);
        self.tick += 1;
        page.used = self.tick;
        self.lru.insert(self.tick, key);
        self.pages.insert(key, page);
        evicted
    }

    /// Evicts least recently used pages until at most `n` remain (a dirty one is written
    /// first).
    fn evict_to(&mut self, n: usize) -> u64 {
        let mut evicted = 0;
        while self.pages.len() > n {
            let Some((_, key)) = self.lru.pop_first() else {
                break;
            };
            if let Some(p) = self.pages.remove(&key) {
                if p.dirty_since.is_some() {
                    self.stats.flushed_pages += 1;
                }
                evicted += 1;
            }
        }
        self.stats.evicted_pages += evicted;
        evicted
    }

    fn remove(&mut self, key: &PageKey) {
        if let Some(p) = self.pages.remove(key) {
            self.lru.remove(&p.used);
        }
    }

    /// Drops the pages of a segment from page `from` on (a deleted or truncated file).
    fn forget(&mut self, id: u32, base: i64, from: u32) {
        let keys: Vec<PageKey> = self
            .pages
            .range((id, base, from)..=(id, base, u32::MAX))
            .map(|(k, _)| *k)
            .collect();
        for k in keys {
            self.remove(&k);
        }
    }

    /// The number of `tp`'s files in page keys.
    fn id(&mut self, tp: &TopicPartition) -> u32 {
        if let Some(&id) = self.ids.get(tp) {
            return id;
        }
        let id = self.next_id;
        self.next_id += 1;
        self.ids.insert(*tp, id);
        id
    }

    fn note_evicted(&mut self, at: Millis, pages: u64) {
        if pages == 0 {
            return;
        }
        if let Some(CacheNote::Evicted { at: a, pages: p }) = self.notes.back_mut() {
            if *a == at {
                *p += pages;
                return;
            }
        }
        self.push_note(CacheNote::Evicted { at, pages });
    }

    fn push_note(&mut self, note: CacheNote) {
        // Cold reads of one partition at one moment are one line (from its first segment).
        if let (
            Some(CacheNote::ColdRead {
                at: a0,
                tp: t0,
                base: b0,
                pages: p0,
            }),
            CacheNote::ColdRead {
                at,
                tp,
                base,
                pages,
                ..
            },
        ) = (self.notes.back_mut(), &note)
        {
            if t0 == tp && a0 == at {
                *b0 = (*b0).min(*base);
                *p0 += pages;
                return;
            }
        }
        if self.notes.len() == NOTES_KEPT {
            self.notes.pop_front();
        }
        self.notes.push_back(note);
    }
}

fn is_dirty(p: &Page, now: Millis) -> bool {
    p.dirty_since.is_some_and(|d| flush_at(d) > now)
}

/// Pages a file of `size` bytes spans.
pub fn pages_for(size: usize) -> u32 {
    u32::try_from(size.div_ceil(PAGE_SIZE)).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::batch::{encode_batch, ProducerFields, RecordIn};
    use crate::storage::segment::SegmentConfig;

    fn tp(p: u32) -> TopicPartition {
        TopicPartition::new("orders", p)
    }

    /// A log with `n` batches of one ~`value_len`-byte record each.
    fn log_with(n: i64, value_len: usize, config: &SegmentConfig) -> SegmentedLog {
        let mut log = SegmentedLog::default();
        let v = vec![b'x'; value_len];
        for i in 0..n {
            let rec = RecordIn {
                timestamp: i,
                key: None,
                value: Some(&v),
                headers: &[],
            };
            log.append(config, &encode_batch(i, 0, ProducerFields::NONE, &[rec]), 0);
        }
        log
    }

    const BIG: SegmentConfig = SegmentConfig {
        segment_bytes: 1 << 30,
        ..SegmentConfig::LAB
    };

    #[test]
    fn a_roll_is_seen_like_a_fresh_look_at_every_segment() {
        // Observed after every append (rolls every few batches with the lab's 1 KiB
        // segments: the short path) and once at the end by a fresh cache (the full look).
        let config = SegmentConfig::LAB;
        let mut log = SegmentedLog::default();
        let mut step = PageCache::new(MAX_MAX_PAGES);
        let v = vec![b'x'; 300];
        for i in 0..40 {
            let rec = RecordIn {
                timestamp: i,
                key: None,
                value: Some(&v),
                headers: &[],
            };
            log.append(
                &config,
                &encode_batch(i, 0, ProducerFields::NONE, &[rec]),
                0,
            );
            step.observe_log(0, &tp(0), &log);
        }
        assert!(log.segments().len() > 10, "the appends rolled");
        let mut fresh = PageCache::new(MAX_MAX_PAGES);
        fresh.observe_log(0, &tp(0), &log);
        let total: usize = log.segments().iter().map(|s| s.size()).sum();
        assert_eq!(step.stats.written_bytes, total as u64);
        assert_eq!(step.cached_pages(), fresh.cached_pages());
        for s in log.segments() {
            assert_eq!(
                step.segment(&tp(0), s.base_offset(), s.size(), 1),
                fresh.segment(&tp(0), s.base_offset(), s.size(), 1)
            );
        }
    }

    #[test]
    fn flush_follows_linux_writeback_defaults() {
        // Dirtied at 0: 30 s old at the 30 s wake-up. At 1 ms: the next wake-up after 30.001 s.
        assert_eq!(flush_at(0), 30_000);
        assert_eq!(flush_at(1), 35_000);
        assert_eq!(flush_at(4_999), 35_000);
        assert_eq!(flush_at(5_000), 35_000);
    }

    #[test]
    fn appends_are_dirty_until_the_flusher_writes_them() {
        let log = log_with(10, 100, &BIG);
        let mut c = PageCache::new(8);
        c.observe_log(1_000, &tp(0), &log);
        let size = log.segments()[0].size();
        assert_eq!(c.stats.written_bytes, size as u64);
        assert_eq!(c.cached_pages(), 1);
        assert_eq!(c.dirty_pages(1_000), 1);
        assert_eq!(c.dirty_pages(34_999), 1);
        assert_eq!(c.next_flush_after(1_000), Some(35_000));
        assert_eq!(c.dirty_pages(35_000), 0);
        c.writeback(35_000);
        assert_eq!(c.stats.flushed_pages, 1);
        assert_eq!(
            c.notes().last(),
            Some(&CacheNote::Flushed {
                at: 35_000,
                pages: 1
            })
        );
        // Written but still cached: a read is a hit.
        let r = c.read(36_000, NodeId::Client(10_000), &tp(0), &log, 0, 9);
        assert_eq!((r.hit_pages, r.miss_pages), (1, 0));
        assert_eq!(r.bytes, size as u64);
    }

    #[test]
    fn a_read_of_evicted_pages_misses_then_hits() {
        // 40 batches of ~370 bytes span 4 pages of one segment.
        let log = log_with(40, 300, &BIG);
        let size = log.segments()[0].size();
        let pages = pages_for(size);
        assert!(pages >= 3, "{size}");
        let mut c = PageCache::new(2);
        c.observe_log(0, &tp(0), &log);
        // Only the last two pages fit: the first ones were evicted (written first: dirty).
        assert_eq!(c.cached_pages(), 2);
        assert_eq!(c.stats.evicted_pages, u64::from(pages) - 2);
        assert_eq!(c.stats.flushed_pages, u64::from(pages) - 2);
        // The tail is a hit.
        let r = c.read(10, NodeId::Broker(2), &tp(0), &log, 39, 39);
        assert_eq!((r.hit_pages, r.miss_pages), (1, 0));
        // The head is a miss, then cached.
        let r = c.read(20, NodeId::Client(10_000), &tp(0), &log, 0, 0);
        assert_eq!((r.hit_pages, r.miss_pages), (0, 1));
        let r = c.read(30, NodeId::Client(10_000), &tp(0), &log, 0, 0);
        assert_eq!((r.hit_pages, r.miss_pages), (1, 0));
        assert!(matches!(c.notes().last(), Some(CacheNote::Evicted { .. })));
        assert_eq!(c.served[&NodeId::Client(10_000)], 2 * r.bytes);
    }

    #[test]
    fn lru_evicts_the_least_recently_used() {
        let a = log_with(3, 10, &BIG);
        let mut c = PageCache::new(2);
        c.observe_log(0, &tp(0), &a);
        c.observe_log(0, &tp(1), &a);
        // Touch orders-0, then bring in orders-2: orders-1 goes.
        c.read(1, NodeId::Broker(2), &tp(0), &a, 0, 0);
        c.observe_log(2, &tp(2), &a);
        assert_eq!(c.segment(&tp(0), 0, a.size(), 2).cached, 1);
        assert_eq!(c.segment(&tp(1), 0, a.size(), 2).cached, 0);
        assert_eq!(c.segment(&tp(2), 0, a.size(), 2).cached, 1);
    }

    #[test]
    fn truncation_and_deletion_forget_pages_and_drop_caches_empties() {
        let mut log = log_with(40, 300, &BIG);
        let mut c = PageCache::new(64);
        c.observe_log(0, &tp(0), &log);
        let before = c.cached_pages();
        log.truncate_to(2, 0);
        c.observe_log(1, &tp(0), &log);
        assert_eq!(c.cached_pages(), 1);
        assert!(before > 1);
        c.retain_partitions(&BTreeSet::new());
        assert_eq!(c.cached_pages(), 0);
        c.observe_log(2, &tp(1), &log);
        assert_eq!(c.drop_caches(3), 1);
        assert_eq!(c.cached_pages(), 0);
        assert_eq!(c.stats.flushed_pages, 1);
    }

    #[test]
    fn the_same_inputs_give_the_same_cache() {
        let run = || {
            let log = log_with(40, 300, &SegmentConfig::LAB);
            let mut c = PageCache::new(3);
            for t in 0..5 {
                c.observe_log(t * 7_000, &tp(t as u32 % 2), &log);
                c.read(t * 7_000 + 1, NodeId::Broker(1), &tp(0), &log, 0, 40);
            }
            c.writeback(100_000);
            c
        };
        assert_eq!(run(), run());
    }
}
