//! `view::fast`: why Kafka is fast (notes sections 6 and 16), read off the running cluster —
//! each broker machine's page cache, the run's appends priced as sequential vs random I/O,
//! what batching saved the producers, and who read how much from which broker.

use crate::idxmap::IdxMap;
use std::collections::BTreeMap;

use crate::cluster::{Cluster, CONSUMER_BASE};
use crate::model::{BrokerId, NodeId, TopicPartition};
use crate::sim::Millis;
use crate::storage::page_cache::{CacheNote, CacheStats, SegmentCache, PAGE_SIZE};

/// `DefaultRecordBatch.RECORD_BATCH_OVERHEAD`: a v2 batch's header, paid once per batch.
pub const BATCH_OVERHEAD: u64 = 61;

/// One broker machine's page cache.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrokerCache {
    /// The broker.
    pub id: BrokerId,
    /// Its Kafka process runs (the cache survives it either way).
    pub alive: bool,
    /// Cache size in pages.
    pub max_pages: usize,
    /// Pages cached.
    pub cached: usize,
    /// Pages dirty (written by Kafka, not yet by the OS).
    pub dirty: usize,
    /// When the flusher writes the next dirty pages.
    pub next_flush_at: Option<Millis>,
    /// Counters.
    pub stats: CacheStats,
    /// Bytes served to follower replicas.
    pub to_followers: u64,
    /// Bytes served to consumers.
    pub to_consumers: u64,
    /// Notable events, oldest first.
    pub notes: Vec<CacheNote>,
}

/// A storage device's published speeds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Device {
    /// Which (an index into the page's names: 0 HDD, 1 SATA SSD, 2 Kafka's RAID-5 figure).
    pub kind: u8,
    /// Sequential throughput, MB/s.
    pub seq_mb_s: f64,
    /// Random 4 KiB writes per second.
    pub random_iops: f64,
}

/// Ballpark datasheet figures (see the README): a 7200 rpm SATA disk; a SATA SSD (4 KiB random
/// writes at queue depth 32); and the figure Kafka's design page gives for six 7200 rpm SATA
/// disks in RAID-5 (600 MB/s linear, about 100 KB/s random: 25 writes of 4 KiB a second).
pub const DEVICES: [Device; 3] = [
    Device {
        kind: 0,
        seq_mb_s: 150.0,
        random_iops: 150.0,
    },
    Device {
        kind: 1,
        seq_mb_s: 500.0,
        random_iops: 50_000.0,
    },
    Device {
        kind: 2,
        seq_mb_s: 600.0,
        random_iops: 25.0,
    },
];

/// The run's appends, priced.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct IoFigures {
    /// Bytes appended to log files on every broker (leaders and followers).
    pub bytes: u64,
    /// Per device: (device, ms as one sequential stream, ms as random 4 KiB writes).
    pub rows: Vec<(Device, f64, f64)>,
}

/// What batching did for the producers (user topics).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Batching {
    /// Records sent.
    pub records: u64,
    /// Batches sent.
    pub batches: u64,
    /// Produce requests sent.
    pub requests: u64,
    /// Bytes the leaders' logs hold for user topics (batched, as written).
    pub bytes: u64,
    /// Records in those logs.
    pub log_records: u64,
    /// Batches in those logs.
    pub log_batches: u64,
}

impl Batching {
    /// The same records one per batch: one batch header each.
    pub fn unbatched_bytes(&self) -> u64 {
        self.bytes + self.log_records.saturating_sub(self.log_batches) * BATCH_OVERHEAD
    }
}

/// One consumer's reads, per broker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReaderRow {
    /// `client.id`.
    pub name: String,
    /// `group.id` (empty if assigned).
    pub group: String,
    /// Bytes fetched from each broker.
    pub per_broker: Vec<(BrokerId, u64)>,
    /// Their sum.
    pub total: u64,
}

/// One producer's batches before and after `compression.type` (first attempts).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompressionRow {
    /// `client.id`.
    pub name: String,
    /// `compression.type`.
    pub codec: &'static str,
    /// Bytes of its batches uncompressed.
    pub before: u64,
    /// The same batches as written.
    pub after: u64,
}

impl CompressionRow {
    /// before / after (1 when nothing was sent).
    pub fn ratio(&self) -> f64 {
        if self.after == 0 {
            1.0
        } else {
            self.before as f64 / self.after as f64
        }
    }
}

/// Everything the why-fast panel draws.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FastView {
    /// Every broker machine's cache.
    pub brokers: Vec<BrokerCache>,
    /// Each segment's pages: (broker, partition, base offset).
    pub segments: BTreeMap<(BrokerId, TopicPartition, i64), SegmentCache>,
    /// Sequential vs random.
    pub io: IoFigures,
    /// Batching.
    pub batching: Batching,
    /// Consumers' reads.
    pub readers: Vec<ReaderRow>,
    /// Producers that sent batches: their bytes before and after compression.
    pub compression: Vec<CompressionRow>,
}

/// The why-fast snapshot.
pub fn why_fast(cluster: &Cluster) -> FastView {
    let now = cluster.now();
    let mut segments = BTreeMap::new();
    let mut brokers = Vec::new();
    let mut written = 0;
    let mut batching = Batching::default();
    let mut reads: IdxMap<u32, Vec<(BrokerId, u64)>> = IdxMap::new();
    for b in cluster.brokers.values() {
        let c = &b.page_cache;
        written += c.stats.written_bytes;
        let (mut to_followers, mut to_consumers) = (0, 0);
        for (reader, bytes) in &c.served {
            match reader {
                NodeId::Broker(_) => to_followers += bytes,
                NodeId::Client(id) if *id >= CONSUMER_BASE => {
                    to_consumers += bytes;
                    reads.entry(*id).or_default().push((b.id, *bytes));
                }
                _ => {}
            }
        }
        for (tp, log) in &b.replica_manager.logs {
            for s in log.files().segments() {
                segments.insert(
                    (b.id, *tp, s.base_offset()),
                    c.segment(tp, s.base_offset(), s.size(), now),
                );
            }
            let leads = b
                .replica_manager
                .partitions
                .get(tp)
                .is_some_and(|p| p.role == crate::cluster::replica::Role::Leader);
            if leads && !tp.topic.starts_with("__") {
                for s in log.files().segments() {
                    batching.bytes += s.size() as u64;
                    batching.log_batches += s.batches().len() as u64;
                }
                batching.log_records += log.leo().saturating_sub(log.log_start_offset());
            }
        }
        brokers.push(BrokerCache {
            id: b.id,
            alive: b.alive,
            max_pages: c.max_pages(),
            cached: c.cached_pages(),
            dirty: c.dirty_pages(now),
            next_flush_at: c.next_flush_after(now),
            stats: c.stats,
            to_followers,
            to_consumers,
            notes: c.notes().cloned().collect(),
        });
    }
    let mut compression = Vec::new();
    for p in cluster.producers.values() {
        if p.stats.batches_sent > 0 {
            compression.push(CompressionRow {
                name: p.name.clone(),
                codec: p.config.compression.name(),
                before: p.stats.bytes_uncompressed,
                after: p.stats.bytes_compressed,
            });
        }
        batching.records += p.stats.records_sent;
        batching.batches += p.stats.batches_sent;
        batching.requests += p.stats.requests;
    }
    let io = IoFigures {
        bytes: written,
        rows: DEVICES
            .iter()
            .map(|d| {
                let seq = written as f64 / (d.seq_mb_s * 1_000_000.0) * 1000.0;
                let random = written.div_ceil(PAGE_SIZE as u64) as f64 / d.random_iops * 1000.0;
                (*d, seq, random)
            })
            .collect(),
    };
    let readers = reads
        .into_iter()
        .filter_map(|(id, per_broker)| {
            let c = cluster.consumers.get(&id)?;
            Some(ReaderRow {
                name: c.name.clone(),
                group: c.config.group.clone(),
                total: per_broker.iter().map(|(_, b)| b).sum(),
                per_broker,
            })
        })
        .collect();
    FastView {
        brokers,
        segments,
        io,
        batching,
        readers,
        compression,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Lab;

    fn lab(lines: &[&str]) -> Lab {
        let mut lab = Lab::new(3, 1);
        for l in lines {
            lab.execute(l).unwrap_or_else(|e| panic!("{l}: {e}"));
        }
        lab
    }

    #[test]
    fn followers_and_a_consumer_at_the_tail_read_from_the_cache() {
        let lab = lab(&[
            "kafka-topics.sh --create --topic orders --partitions 1 --replication-factor 3",
            "produce --topic orders --acks all --count 20 --interval 5 --key k v",
            "advance 2s",
            "kafka-console-consumer.sh --topic orders --from-beginning --max-messages 20",
        ]);
        let v = why_fast(lab.cluster());
        let leader = lab
            .cluster()
            .leader_of(&TopicPartition::new("orders", 0))
            .unwrap();
        let b = v.brokers.iter().find(|b| b.id == leader).unwrap();
        assert!(b.to_followers > 0 && b.to_consumers > 0, "{b:?}");
        assert_eq!(b.stats.miss_pages, 0, "{b:?}");
        assert!(b.stats.hit_pages > 0);
        // Appends are still dirty: the first flusher run is 30 s away.
        assert!(b.dirty > 0);
        assert!(v.io.bytes > 0);
        let (_, seq, random) = v.io.rows[0];
        assert!(random > seq * 10.0, "{seq} {random}");
        assert_eq!(v.readers.len(), 1);
        assert_eq!(v.readers[0].total, b.to_consumers);
        assert_eq!(v.batching.log_records, 20);
        assert!(v.batching.unbatched_bytes() >= v.batching.bytes);
    }

    #[test]
    fn gzip_producers_show_their_bytes_before_and_after_and_the_log_holds_the_smaller() {
        let lab = lab(&[
            "kafka-topics.sh --create --topic orders --partitions 1 --replication-factor 3",
            "produce --topic orders --partition 0 --acks all --count 50 --interval 1 --producer-property linger.ms=100 --producer-property compression.type=gzip --client-id zip order-placed-by-customer",
            "produce --topic orders --partition 0 --acks all --count 5 --client-id plain v",
            "advance 2s",
        ]);
        let v = why_fast(lab.cluster());
        let zip = v.compression.iter().find(|r| r.name == "zip").unwrap();
        let plain = v.compression.iter().find(|r| r.name == "plain").unwrap();
        assert_eq!(zip.codec, "gzip");
        assert!(zip.ratio() > 3.0, "{zip:?}");
        assert_eq!((plain.codec, plain.before), ("none", plain.after));
        // The leader's log holds the compressed bytes, not the uncompressed ones.
        assert!(v.batching.bytes < zip.before, "{:?} {zip:?}", v.batching);
        assert_eq!(v.batching.bytes, zip.after + plain.after);
        // Every replica wrote the leader's bytes (followers re-encode deterministically).
        let tp = TopicPartition::new("orders", 0);
        let files: Vec<Vec<u8>> = lab
            .cluster()
            .brokers
            .values()
            .filter_map(|b| b.replica_manager.logs.get(&tp))
            .map(|l| {
                l.files()
                    .segments()
                    .iter()
                    .flat_map(|s| s.log_bytes().to_vec())
                    .collect()
            })
            .collect();
        assert_eq!(files.len(), 3);
        assert!(files.iter().all(|f| *f == files[0]));
    }

    #[test]
    fn dropping_the_cache_makes_the_next_read_cold() {
        let lab = lab(&[
            "kafka-topics.sh --create --topic orders --partitions 1 --replication-factor 1",
            "produce --topic orders --count 20 --interval 5 v",
            "advance 40s",
            "page-cache --drop",
            "kafka-console-consumer.sh --topic orders --from-beginning --max-messages 20",
        ]);
        let v = why_fast(lab.cluster());
        let b = v.brokers.iter().find(|b| b.to_consumers > 0).unwrap();
        assert!(b.stats.miss_pages > 0, "{b:?}");
        assert!(b.stats.flushed_pages > 0);
        assert!(b
            .notes
            .iter()
            .any(|n| matches!(n, CacheNote::ColdRead { .. })));
    }

    #[test]
    fn a_group_reads_its_partitions_from_different_brokers_at_once() {
        let mut lines = vec![
            "kafka-topics.sh --create --topic orders --partitions 3 --replication-factor 3"
                .to_string(),
            "produce --topic orders --acks all --count 90 --interval 5 v".to_string(),
        ];
        for c in ["c1", "c2", "c3"] {
            lines.push(format!(
                "consumer add --group g --id {c} --topics orders --consumer-property auto.offset.reset=earliest"
            ));
        }
        lines.push("advance 5s".into());
        for c in ["c1", "c2", "c3"] {
            lines.push(format!("consumer poll {c}"));
        }
        let lab = lab(&lines.iter().map(String::as_str).collect::<Vec<_>>());
        let v = why_fast(lab.cluster());
        assert_eq!(v.readers.len(), 3, "{:?}", v.readers);
        let mut brokers: Vec<BrokerId> = v
            .readers
            .iter()
            .map(|r| {
                assert_eq!(r.group, "g");
                assert_eq!(r.per_broker.len(), 1, "{r:?}");
                assert!(r.total > 0);
                r.per_broker[0].0
            })
            .collect();
        crate::sort::natural(&mut brokers);
        assert_eq!(
            brokers,
            [1, 2, 3],
            "each member read from its own partition's leader"
        );
    }
}
