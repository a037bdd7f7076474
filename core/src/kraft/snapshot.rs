//! A `__cluster_metadata` snapshot (KIP-630) as Kafka 4.1 writes it: the image as records in
//! `MetadataImage.write` order (features — `metadata.version` first —, brokers, topics with
//! their partitions, configs, producer ids), framed by `RecordsSnapshotWriter`: a control
//! batch with the `SnapshotHeaderRecord` (control type 3) at offset 0, the records in batches
//! of at most 1024 (`SnapshotEmitter`'s batch size), and a control batch with the
//! `SnapshotFooterRecord` (type 4). Every batch carries the snapshot's epoch and the time it
//! was written. A cluster with static voters (`kraft.version` 0, as the lab's) writes no
//! `KRaftVersion` / `KRaftVoters` records.
//!
//! Also what a broker must act on when a snapshot replaces its image
//! ([`snapshot_changes`], `MetadataDelta` between two images).

use crate::cluster::msg::ConfigEntity;
use crate::kraft::accessor::R;
use crate::kraft::controller::admin::config_resource;
use crate::kraft::image::{Change, MetadataImage};
use crate::kraft::raft::RaftSnapshot;
use crate::kraft::records::{MetadataRecord, RegisterBrokerRecord};
use crate::kraft::serde::{checked_batches, control_type, decode_record, encode_record};
use crate::storage::batch::{encode_with_attributes, ProducerFields, RecordIn};

/// `ControlRecordType.SNAPSHOT_HEADER`.
pub const SNAPSHOT_HEADER_TYPE: i16 = 3;
/// `ControlRecordType.SNAPSHOT_FOOTER`.
pub const SNAPSHOT_FOOTER_TYPE: i16 = 4;
/// `SnapshotEmitter.DEFAULT_BATCH_SIZE`: records per `append`.
pub const RECORDS_PER_BATCH: usize = 1024;

/// The image as records, in `MetadataImage.write` order.
pub fn image_records(image: &MetadataImage) -> Vec<MetadataRecord> {
    let mut out = Vec::new();
    // FeaturesImage: metadata.version first, then the others.
    if let Some(&mv) = image.features.get("metadata.version") {
        out.push(MetadataRecord::FeatureLevel {
            name: "metadata.version".into(),
            feature_level: mv,
        });
    }
    for (name, &level) in &image.features {
        if name != "metadata.version" {
            out.push(MetadataRecord::FeatureLevel {
                name: name.clone(),
                feature_level: level,
            });
        }
    }
    // ClusterImage: each broker's registration as it is now.
    for (&id, b) in &image.brokers {
        out.push(MetadataRecord::RegisterBroker(RegisterBrokerRecord {
            broker_id: id,
            incarnation_id: b.incarnation,
            broker_epoch: b.epoch,
            fenced: b.fenced,
            in_controlled_shutdown: b.in_controlled_shutdown,
            ..b.record.clone()
        }));
    }
    // TopicsImage: each topic, then its partitions.
    for (name, t) in &image.topics {
        out.push(MetadataRecord::Topic {
            name: name.clone(),
            topic_id: t.id,
        });
        for p in image.partitions.iter().filter(|(tp, _)| &tp.topic == name) {
            out.push(MetadataRecord::Partition(p.1.clone()));
        }
    }
    // ConfigurationsImage: topics' configs, then brokers'.
    let mut configs: Vec<(ConfigEntity, &crate::vecmap::VecMap<String, String>)> = image
        .topics
        .iter()
        .map(|(n, t)| (ConfigEntity::Topic(n.clone()), &t.configs))
        .collect();
    configs.extend(image.broker_configs.iter().map(|(e, c)| (e.clone(), c)));
    for (entity, c) in configs {
        let (resource_type, resource_name) = config_resource(&entity);
        for (name, value) in c {
            out.push(MetadataRecord::Config {
                resource_type,
                resource_name: resource_name.clone(),
                name: name.clone(),
                value: Some(value.clone()),
            });
        }
    }
    // ProducerIdsImage (the lab's empty image has 0, Kafka's -1).
    if image.next_producer_id > 0 {
        out.push(MetadataRecord::ProducerIds {
            broker_id: u32::MAX,    // -1
            broker_epoch: u64::MAX, // -1
            next_producer_id: image.next_producer_id,
        });
    }
    out
}

fn control_key(kind: i16) -> [u8; 4] {
    let t = kind.to_be_bytes();
    [0, 0, t[0], t[1]]
}

/// `SnapshotHeaderRecord` v0: version, lastContainedLogTimestamp, tagged fields.
fn header_value(last_contained_log_timestamp: i64) -> Vec<u8> {
    let mut w = crate::kraft::accessor::W(Vec::with_capacity(11));
    w.i16(0);
    w.i64(last_contained_log_timestamp);
    w.uvarint(0);
    w.0
}

/// `SnapshotFooterRecord` v0: version, tagged fields.
fn footer_value() -> Vec<u8> {
    let mut w = crate::kraft::accessor::W(Vec::with_capacity(3));
    w.i16(0);
    w.uvarint(0);
    w.0
}

/// The `.checkpoint` file's bytes.
pub fn encode_snapshot(s: &RaftSnapshot) -> Vec<u8> {
    let ts = s.written_ms as i64;
    let epoch = s.epoch as i32;
    let mut out = Vec::new();
    let control = |offset: i64, kind: i16, value: &[u8], out: &mut Vec<u8>| {
        let key = control_key(kind);
        let rec = RecordIn {
            timestamp: ts,
            key: Some(&key),
            value: Some(value),
            headers: &[],
        };
        out.extend(encode_with_attributes(
            offset,
            epoch,
            ProducerFields::NONE,
            0x20,
            &[rec],
        ));
    };
    control(
        0,
        SNAPSHOT_HEADER_TYPE,
        &header_value(s.last_contained_log_timestamp as i64),
        &mut out,
    );
    let mut offset = 1i64;
    for chunk in s.records.chunks(RECORDS_PER_BATCH) {
        let values: Vec<Vec<u8>> = chunk
            .iter()
            .map(|r| encode_record(r).unwrap_or_default())
            .collect();
        let records: Vec<RecordIn<'_>> = values
            .iter()
            .map(|v| RecordIn {
                timestamp: ts,
                key: None,
                value: Some(v),
                headers: &[],
            })
            .collect();
        out.extend(encode_with_attributes(
            offset,
            epoch,
            ProducerFields::NONE,
            0,
            &records,
        ));
        offset += chunk.len() as i64;
    }
    control(offset, SNAPSHOT_FOOTER_TYPE, &footer_value(), &mut out);
    out
}

/// What a `.checkpoint` file holds, read back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodedSnapshot {
    /// The header's `LastContainedLogTimestamp`.
    pub last_contained_log_timestamp: i64,
    /// The records between the header and the footer.
    pub records: Vec<MetadataRecord>,
}

/// Reads a `.checkpoint` file: a header first, a footer last, metadata records between.
/// Damaged bytes come back as an error, never a panic.
pub fn decode_snapshot(bytes: &[u8]) -> Result<DecodedSnapshot, String> {
    let mut header = None;
    let mut footer = false;
    let mut records = Vec::new();
    for b in checked_batches(bytes)? {
        let control = b.control;
        for rec in b.records {
            if footer {
                return Err(format!("offset {}: a record after the footer", rec.offset));
            }
            let value = rec.value.as_deref().unwrap_or(&[]);
            if control {
                let mut r = R::new(value);
                match control_type(&rec) {
                    Some(SNAPSHOT_HEADER_TYPE) if header.is_none() && records.is_empty() => {
                        let _version = r.i16()?;
                        header = Some(r.i64()?);
                    }
                    Some(SNAPSHOT_FOOTER_TYPE) if header.is_some() => {
                        let _version = r.i16()?;
                        footer = true;
                    }
                    _ => {
                        return Err(format!(
                            "offset {}: an unexpected control record in a snapshot",
                            rec.offset
                        ))
                    }
                }
            } else {
                if header.is_none() {
                    return Err("the snapshot does not start with a SnapshotHeader".into());
                }
                let (record, _) =
                    decode_record(value).map_err(|e| format!("offset {}: {e}", rec.offset))?;
                records.push(record);
            }
        }
    }
    match (header, footer) {
        (Some(last_contained_log_timestamp), true) => Ok(DecodedSnapshot {
            last_contained_log_timestamp,
            records,
        }),
        (None, _) => Err("the snapshot does not start with a SnapshotHeader".into()),
        (Some(_), false) => Err("the snapshot does not end with a SnapshotFooter".into()),
    }
}

/// What a broker acts on when `new` (a loaded snapshot) replaces `old`: removed topics,
/// changed brokers, topic and broker configs, and partitions (the broker compares leader
/// epochs itself), in that order.
pub fn snapshot_changes(old: &MetadataImage, new: &MetadataImage) -> Vec<Change> {
    let mut out = Vec::new();
    for (name, t) in &old.topics {
        if new.topics.get(name).is_none_or(|n| n.id != t.id) {
            let tps = old
                .partitions
                .keys()
                .filter(|tp| &tp.topic == name)
                .cloned()
                .collect();
            out.push(Change::TopicRemoved(tps));
        }
    }
    let ids: std::collections::BTreeSet<_> = old.brokers.keys().chain(new.brokers.keys()).collect();
    for id in ids {
        if old.brokers.get(id) != new.brokers.get(id) {
            out.push(Change::Broker(*id));
        }
    }
    for (name, t) in &new.topics {
        if old.topics.get(name).is_none_or(|o| o.configs != t.configs) {
            out.push(Change::TopicConfig(name.clone()));
        }
    }
    let entities: std::collections::BTreeSet<_> = old
        .broker_configs
        .keys()
        .chain(new.broker_configs.keys())
        .collect();
    for e in entities {
        if old.broker_configs.get(e) != new.broker_configs.get(e) {
            out.push(Change::BrokerConfig(e.clone()));
        }
    }
    for (tp, p) in &new.partitions {
        if old.partitions.get(tp) != Some(p) {
            out.push(Change::Partition(*tp));
        }
    }
    out
}

#[cfg(test)]
#[path = "snapshot_tests.rs"]
mod tests;
