//! What the storage tab draws of KRaft (kweb2): each controller's metadata directory —
//! `meta.properties` and the `__cluster_metadata-0` log — as `ls` / `cat` show them in the
//! console, as a typed snapshot for the page.

use crate::cluster::Cluster;
use crate::kraft::MetadataMode;
use crate::model::NodeId;

/// The metadata log directory (`metadata.log.dir`, the lab's `log.dirs`).
pub const METADATA_DIR: &str = "/var/lib/kafka/data";

/// One controller's metadata directory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MetadataDisk {
    /// `node.id`.
    pub node: u32,
    /// Running or killed (its files stay on disk).
    pub alive: bool,
    /// Records in `__cluster_metadata-0` (its log end offset).
    pub records: u64,
    /// The log segment's size in bytes.
    pub log_bytes: usize,
    /// The segment's name: `<log start offset>.log` (KIP-630: it moves up as snapshots let
    /// the log below them be deleted).
    pub segment: String,
    /// Its `.checkpoint` snapshots: (file name, bytes), oldest first.
    pub checkpoints: Vec<(String, usize)>,
    /// The text of `meta.properties`.
    pub meta_properties: String,
}

/// Every controller's metadata directory (empty in ZooKeeper mode).
pub fn metadata_disks(cluster: &Cluster) -> Vec<MetadataDisk> {
    if cluster.mode() != MetadataMode::Kraft {
        return Vec::new();
    }
    let cluster_id = cluster.cluster_id().to_string();
    cluster
        .controllers
        .values()
        .map(|n| MetadataDisk {
            node: n.id,
            alive: n.alive,
            records: n.raft.log.len() as u64,
            log_bytes: crate::kraft::serde::encode_entries(&n.raft.log).len(),
            segment: format!("{:020}.log", n.raft.log_start_offset),
            checkpoints: n
                .raft
                .snapshots
                .iter()
                .map(|s| (s.file_name(), s.bytes().len()))
                .collect(),
            meta_properties: crate::kraft::tools::storage::meta_properties(
                n.id,
                cluster.directory_id(NodeId::Controller(n.id)),
                &cluster_id,
                0,
            ),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Lab;

    #[test]
    fn each_controller_has_its_metadata_log_and_meta_properties() {
        let mut lab = Lab::default();
        lab.execute("brokers 3 --mode kraft").unwrap();
        lab.execute("advance 3s").unwrap();
        let disks = metadata_disks(lab.cluster());
        assert_eq!(
            disks.iter().map(|d| d.node).collect::<Vec<_>>(),
            [3000, 3001, 3002]
        );
        for d in &disks {
            assert!(d.records > 0 && d.log_bytes > 0, "{d:?}");
            assert_eq!(d.segment, "00000000000000000000.log");
            assert!(
                d.checkpoints.is_empty(),
                "no snapshot at the default thresholds"
            );
            assert!(
                d.meta_properties.contains(&format!("node.id={}", d.node)),
                "{d:?}"
            );
            assert!(d.meta_properties.contains("cluster.id="), "{d:?}");
        }
        let mut zk = Lab::default();
        zk.execute("brokers 3").unwrap();
        assert!(metadata_disks(zk.cluster()).is_empty());
    }
}
