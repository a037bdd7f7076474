//! Looking an offset or a timestamp up in a segment's `.index` / `.timeindex` (Kafka's `AbstractIndex`, `OffsetIndex`, `TimeIndex`), step by step for the storage tab.

use super::{info_of, BatchInfo, IndexEntry, OFFSET_ENTRY_SIZE, WARM_SECTION_BYTES};
use crate::storage::batch::DecodedBatch;

/// One probe of a binary search over an index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Probe {
    /// The slot read.
    pub slot: usize,
    /// The offset (or timestamp) found there.
    pub key: i64,
    /// -1, 0 or 1: the key compared with the target.
    pub cmp: i8,
    /// Why it was read: `warm` (is the target in the warm section?), `first` (is it below
    /// the first entry?) or `search` (a step of the binary search).
    pub phase: &'static str,
}

/// A binary search of one index.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct IndexSearch {
    /// Entries in the index.
    pub entries: usize,
    /// The first slot of the warm section (`entries - 1 - warmEntries`, at least 0).
    pub first_hot_slot: usize,
    /// Every slot read, in order.
    pub probes: Vec<Probe>,
    /// The slot found: the largest entry ≤ the target (`None`: none, start at the segment's
    /// beginning).
    pub slot: Option<usize>,
}

/// Kafka's `AbstractIndex.indexSlotRangeFor` lower bound, recording each slot it reads.
pub fn search_index(
    keys: &dyn Fn(usize) -> i64,
    entries: usize,
    entry_size: usize,
    target: i64,
) -> IndexSearch {
    let mut s = IndexSearch {
        entries,
        ..IndexSearch::default()
    };
    if entries == 0 {
        return s;
    }
    let warm = WARM_SECTION_BYTES / entry_size;
    let first_hot = (entries - 1).saturating_sub(warm);
    s.first_hot_slot = first_hot;
    let probe = |slot: usize, probes: &mut Vec<Probe>, phase: &'static str| {
        let key = keys(slot);
        let cmp = key.cmp(&target) as i8;
        probes.push(Probe {
            slot,
            key,
            cmp,
            phase,
        });
        cmp
    };
    let mut probes = Vec::new();
    let binary = |lo: usize, hi: usize, probes: &mut Vec<Probe>| {
        let (mut lo, mut hi) = (lo, hi);
        while lo < hi {
            let mid = (lo + hi).div_ceil(2);
            match probe(mid, probes, "search") {
                1 => hi = mid - 1,
                -1 => lo = mid,
                _ => return mid,
            }
        }
        lo
    };
    let slot = if probe(first_hot, &mut probes, "warm") < 0 {
        Some(binary(first_hot, entries - 1, &mut probes))
    } else if probe(0, &mut probes, "first") > 0 {
        None
    } else {
        Some(binary(0, first_hot, &mut probes))
    };
    s.probes = probes;
    s.slot = slot;
    s
}

/// What an offset lookup did, step by step.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct OffsetLookup {
    /// The offset looked for.
    pub target: i64,
    /// Base offsets of the segments, and the one chosen (largest base ≤ target).
    pub segment_bases: Vec<i64>,
    /// The chosen segment's base offset (`None`: the target is below the log start or at or
    /// past its end).
    pub segment: Option<i64>,
    /// The index search in that segment.
    pub index: IndexSearch,
    /// The index entry the scan starts from (offset, position); (base, 0) when none.
    pub start: IndexEntry,
    /// Batches read from that position, the last one holding the target.
    pub scanned: Vec<BatchInfo>,
    /// The batch holding the target.
    pub found: Option<BatchInfo>,
    /// Batches a scan from the log's first byte would have read to find it.
    pub linear_steps: usize,
}

impl OffsetLookup {
    /// Steps taken: index probes plus batches read.
    pub fn steps(&self) -> usize {
        self.index.probes.len() + self.scanned.len()
    }
}

/// What a timestamp lookup did.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct TimestampLookup {
    /// The timestamp looked for.
    pub target: i64,
    /// The first segment whose largest timestamp is ≥ the target.
    pub segment: Option<i64>,
    /// The time index search.
    pub time_index: IndexSearch,
    /// The offset the time index pointed at.
    pub time_offset: i64,
    /// The offset index search for that offset.
    pub index: IndexSearch,
    /// Batches read.
    pub scanned: Vec<BatchInfo>,
    /// The first record with timestamp ≥ target: (timestamp, offset).
    pub found: Option<(i64, i64)>,
}

/// The index search and batch scan inside one segment.
pub(super) fn lookup_in_segment(
    out: &mut OffsetLookup,
    base: i64,
    batches: &[BatchInfo],
    index: &[IndexEntry],
) {
    let target = out.target;
    out.index = search_index(&|i| index[i].offset, index.len(), OFFSET_ENTRY_SIZE, target);
    out.start = out.index.slot.map_or(
        IndexEntry {
            offset: base,
            position: 0,
        },
        |i| index[i],
    );
    // Batches are in position order: jump to the one the index points at.
    let first = batches.partition_point(|b| b.position < out.start.position);
    for b in &batches[first..] {
        out.scanned.push(*b);
        if b.last_offset >= target {
            out.found = Some(*b);
            break;
        }
    }
}

/// Looks `target` up in one segment file given as its batches and (optionally) its index
/// entries: a real Kafka file that was uploaded.
pub fn lookup_in_file(
    batches: &[DecodedBatch],
    index: &[IndexEntry],
    base: i64,
    target: i64,
) -> OffsetLookup {
    let infos: Vec<BatchInfo> = batches.iter().map(info_of).collect();
    let mut out = OffsetLookup {
        target,
        segment_bases: vec![base],
        segment: None,
        index: IndexSearch::default(),
        start: IndexEntry {
            offset: base,
            position: 0,
        },
        scanned: Vec::new(),
        found: None,
        linear_steps: infos.iter().take_while(|b| b.last_offset < target).count() + 1,
    };
    let in_range = infos.first().is_some_and(|f| f.base_offset <= target)
        && infos.last().is_some_and(|l| target <= l.last_offset);
    if in_range {
        out.segment = Some(base);
        lookup_in_segment(&mut out, base, &infos, index);
    }
    out
}

/// Reads `.index` bytes into entries, stopping at the first zero entry after the first (a
/// preallocated index), as `DumpLogSegments` does.
pub fn parse_index(bytes: &[u8], base: i64) -> Vec<IndexEntry> {
    let mut out = Vec::with_capacity(bytes.len() / OFFSET_ENTRY_SIZE);
    for (i, e) in bytes.chunks_exact(OFFSET_ENTRY_SIZE).enumerate() {
        let rel = i32::from_be_bytes([e[0], e[1], e[2], e[3]]);
        let pos = i32::from_be_bytes([e[4], e[5], e[6], e[7]]);
        if (rel == 0 && i > 0) || pos < 0 {
            break;
        }
        out.push(IndexEntry {
            offset: base.wrapping_add(i64::from(rel)),
            position: pos as u32,
        });
    }
    out
}
