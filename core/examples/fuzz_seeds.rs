//! Writes the seed corpus of the `decode_metadata` fuzz target (`make fuzz` runs it first):
//! a KRaft run's `__cluster_metadata` log as each controller holds it (whole and in pieces of
//! a few batches) and its KIP-630 checkpoints, so that libFuzzer starts from valid batches
//! (with their CRC-32C) instead of having to find one.
//!
//! `cargo run -p kafka-lab-core --example fuzz_seeds -- DIR`

use kafka_lab::cli::Lab;
use kafka_lab::cluster::testing;
use kafka_lab::kraft::serde::encode_entries;
use kafka_lab::kraft::snapshot::encode_snapshot;

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "core/fuzz/corpus/decode_metadata".into());
    std::fs::create_dir_all(&dir).expect("the corpus folder can be created");
    let mut lab = Lab::new(3, 1);
    for line in [
        "brokers 3 --mode kraft --override metadata.log.max.record.bytes.between.snapshots=4096 --override metadata.max.retention.bytes=8192",
        "kafka-topics.sh --bootstrap-server localhost:9092 --create --topic orders --partitions 3 --replication-factor 3 --config min.insync.replicas=2",
        "produce --topic orders --acks all --count 6 --key k order",
        "kill-broker 3",
        "advance 65s",
        "start-broker 3",
        "kafka-configs.sh --bootstrap-server localhost:9092 --entity-type topics --entity-name orders --alter --add-config retention.ms=1000",
        "kill-controller 3001",
        "advance 10s",
    ] {
        if let Err(e) = lab.execute(line) {
            panic!("{line}: {e}");
        }
    }
    let mut written = 0;
    for (id, node) in testing::controllers(lab.cluster()) {
        let log = &node.raft.log;
        let mut put = |name: String, bytes: Vec<u8>| {
            std::fs::write(format!("{dir}/{name}"), bytes).expect("a seed can be written");
            written += 1;
        };
        put(format!("log-{id}.bin"), encode_entries(log));
        for (i, piece) in log.chunks(4).enumerate().take(16) {
            put(format!("log-{id}-{i}.bin"), encode_entries(piece));
        }
        for (i, s) in node.raft.snapshots.iter().enumerate() {
            put(format!("checkpoint-{id}-{i}.bin"), encode_snapshot(s));
        }
    }
    println!("{written} seeds in {dir}");
}
