//! `__cluster_metadata` in bytes, as Kafka 4.1 writes it: record batches (format v2, magic 2,
//! CRC-32C — the same encoder as every other log, [`crate::storage::batch`]) whose records
//! have no key and a value framed by `MetadataRecordSerde`
//! (`server-common/.../serialization/AbstractApiMessageSerde.java`):
//!
//! ```text
//! frame version (unsigned varint, 1) | api key (unsigned varint) | version (unsigned varint)
//! | the record's fields in the flexible encoding of its JSON schema
//! ```
//!
//! The flexible encoding (KIP-482): compact strings and arrays (length + 1 as an unsigned
//! varint, 0 for null), 16-byte uuids, big-endian integers, and after each struct its tagged
//! fields (a count, then tag, size, bytes, in tag order) — only those not at their default.
//! A Raft leader's first batch in an epoch is a control batch holding a `LeaderChangeMessage`
//! (key: control type 2, `LEADER_CHANGE`; value: the message, version 0 as 4.1 writes it).
//!
//! Versions written are those of `metadata.version` 4.1-IV1 (`MetadataVersion.java`):
//! `RegisterBrokerRecord` v3, `PartitionRecord` v2 and `PartitionChangeRecord` v2 (ELR),
//! `BrokerRegistrationChangeRecord` v0 for fencing / unfencing and v1 for controlled shutdown
//! (`ReplicationControlManager`), every other record v0.
//!
//! Decoding reads untrusted bytes: every length is checked, nothing is sized from a count
//! before the bytes are there, and problems come back as errors — never a panic.

use super::accessor::{bytes_of, Res, R, W};
use super::records::{
    MetadataEntry, MetadataRecord, PartitionChangeRecord, PartitionRecord, RegisterBrokerRecord,
    NO_LEADER_CHANGE,
};
use crate::model::BrokerId;
use crate::storage::batch::{
    decode_log, encode_with_attributes, DecodedRecord, ProducerFields, RecordIn,
};

/// `AbstractApiMessageSerde.DEFAULT_FRAME_VERSION`.
pub const FRAME_VERSION: u32 = 1;
/// `ControlRecordType.LEADER_CHANGE`.
pub const LEADER_CHANGE_TYPE: i16 = 2;

/// The record's api key (its `MetadataRecordType` id); `None` for the control record.
pub fn api_key(r: &MetadataRecord) -> Option<u16> {
    Some(match r {
        MetadataRecord::RegisterBroker(_) => 0,
        MetadataRecord::UnregisterBroker { .. } => 1,
        MetadataRecord::Topic { .. } => 2,
        MetadataRecord::Partition(_) => 3,
        MetadataRecord::Config { .. } => 4,
        MetadataRecord::PartitionChange(_) => 5,
        MetadataRecord::FenceBroker { .. } => 7,
        MetadataRecord::UnfenceBroker { .. } => 8,
        MetadataRecord::RemoveTopic { .. } => 9,
        MetadataRecord::FeatureLevel { .. } => 12,
        MetadataRecord::ProducerIds { .. } => 15,
        MetadataRecord::BrokerRegistrationChange { .. } => 17,
        MetadataRecord::NoOp => 20,
        MetadataRecord::LeaderChange { .. } => return None,
    })
}

/// `MetadataRecordType`'s name for an api key, as `kafka-dump-log.sh` prints it.
pub fn type_name(api_key: u16) -> &'static str {
    match api_key {
        0 => "REGISTER_BROKER_RECORD",
        1 => "UNREGISTER_BROKER_RECORD",
        2 => "TOPIC_RECORD",
        3 => "PARTITION_RECORD",
        4 => "CONFIG_RECORD",
        5 => "PARTITION_CHANGE_RECORD",
        7 => "FENCE_BROKER_RECORD",
        8 => "UNFENCE_BROKER_RECORD",
        9 => "REMOVE_TOPIC_RECORD",
        12 => "FEATURE_LEVEL_RECORD",
        15 => "PRODUCER_IDS_RECORD",
        17 => "BROKER_REGISTRATION_CHANGE_RECORD",
        20 => "NO_OP_RECORD",
        _ => "UNKNOWN",
    }
}

/// The version Kafka 4.1 (metadata.version 4.1-IV1) writes this record at.
pub fn record_version(r: &MetadataRecord) -> u16 {
    match r {
        MetadataRecord::RegisterBroker(_) => 3,
        MetadataRecord::Partition(_) | MetadataRecord::PartitionChange(_) => 2,
        MetadataRecord::BrokerRegistrationChange {
            in_controlled_shutdown,
            ..
        } => u16::from(*in_controlled_shutdown != 0),
        _ => 0,
    }
}

// ---------------------------------------------------------------- writing

/// `SecurityProtocol` ids by listener name as the lab names listeners.
fn security_protocol(name: &str) -> i16 {
    match name {
        "SSL" => 1,
        "SASL_PLAINTEXT" => 2,
        "SASL_SSL" => 3,
        _ => 0, // PLAINTEXT (and CONTROLLER, a PLAINTEXT listener in the quick start)
    }
}

fn write_register_broker(w: &mut W, r: &RegisterBrokerRecord) {
    w.i32(r.broker_id as i32);
    w.bool(false); // IsMigratingZkBroker (v2+)
    w.uuid(&r.incarnation_id);
    w.i64(r.broker_epoch as i64);
    w.uvarint(r.end_points.len() as u32 + 1);
    for (name, host, port) in &r.end_points {
        w.string(name);
        w.string(host);
        w.u16(*port);
        w.i16(security_protocol(name));
        w.uvarint(0);
    }
    w.uvarint(r.features.len() as u32 + 1);
    for (name, min, max) in &r.features {
        w.string(name);
        w.i16(*min);
        w.i16(*max);
        w.uvarint(0);
    }
    w.nullable_string(r.rack.as_deref());
    w.bool(r.fenced);
    w.bool(r.in_controlled_shutdown);
    let mut tags = Vec::new();
    if !r.log_dirs.is_empty() {
        tags.push((0, bytes_of(|t| t.uuids(&r.log_dirs))));
    }
    w.tagged(&tags);
}

fn write_partition(w: &mut W, p: &PartitionRecord) {
    w.i32(p.partition_id as i32);
    w.uuid(&p.topic_id);
    w.ids(&p.replicas);
    w.ids(&p.isr);
    w.ids(&p.removing_replicas);
    w.ids(&p.adding_replicas);
    w.i32(p.leader);
    w.i32(p.leader_epoch as i32);
    w.i32(p.partition_epoch as i32);
    w.uuids(&p.directories);
    // `PartitionRegistration.toRecord` sets the ELR fields only when they have members.
    let mut tags = Vec::new();
    if p.leader_recovery_state != 0 {
        tags.push((0, vec![p.leader_recovery_state as u8]));
    }
    if !p.eligible_leader_replicas.is_empty() {
        tags.push((1, bytes_of(|t| t.ids(&p.eligible_leader_replicas))));
    }
    if !p.last_known_elr.is_empty() {
        tags.push((2, bytes_of(|t| t.ids(&p.last_known_elr))));
    }
    w.tagged(&tags);
}

fn write_partition_change(w: &mut W, c: &PartitionChangeRecord) {
    w.i32(c.partition_id as i32);
    w.uuid(&c.topic_id);
    let mut tags = Vec::new();
    let ids = |v: &Option<Vec<BrokerId>>| v.as_ref().map(|v| bytes_of(|t| t.ids(v)));
    if let Some(b) = ids(&c.isr) {
        tags.push((0, b));
    }
    if c.leader != NO_LEADER_CHANGE {
        tags.push((1, c.leader.to_be_bytes().to_vec()));
    }
    for (tag, v) in [
        (2, &c.replicas),
        (3, &c.removing_replicas),
        (4, &c.adding_replicas),
    ] {
        if let Some(b) = ids(v) {
            tags.push((tag, b));
        }
    }
    if let Some(s) = c.leader_recovery_state {
        if s != -1 {
            tags.push((5, vec![s as u8]));
        }
    }
    if let Some(b) = ids(&c.eligible_leader_replicas) {
        tags.push((6, b));
    }
    if let Some(b) = ids(&c.last_known_elr) {
        tags.push((7, b));
    }
    if let Some(d) = &c.directories {
        tags.push((8, bytes_of(|t| t.uuids(d))));
    }
    w.tagged(&tags);
}

/// A record's value as `MetadataRecordSerde` writes it (frame, api key, version, body), or
/// `None` for the `LeaderChange` control record (see [`encode_leader_change`]).
pub fn encode_record(r: &MetadataRecord) -> Option<Vec<u8>> {
    let key = api_key(r)?;
    let mut w = W(Vec::with_capacity(64));
    w.uvarint(FRAME_VERSION);
    w.uvarint(u32::from(key));
    w.uvarint(u32::from(record_version(r)));
    match r {
        MetadataRecord::RegisterBroker(b) => write_register_broker(&mut w, b),
        MetadataRecord::UnregisterBroker {
            broker_id,
            broker_epoch,
        } => {
            w.i32(*broker_id as i32);
            w.i64(*broker_epoch as i64);
            w.uvarint(0);
        }
        MetadataRecord::Topic { name, topic_id } => {
            w.string(name);
            w.uuid(topic_id);
            w.uvarint(0);
        }
        MetadataRecord::Partition(p) => write_partition(&mut w, p),
        MetadataRecord::Config {
            resource_type,
            resource_name,
            name,
            value,
        } => {
            w.i8(*resource_type);
            w.string(resource_name);
            w.string(name);
            w.nullable_string(value.as_deref());
            w.uvarint(0);
        }
        MetadataRecord::PartitionChange(c) => write_partition_change(&mut w, c),
        MetadataRecord::FenceBroker { id, epoch } | MetadataRecord::UnfenceBroker { id, epoch } => {
            w.i32(*id as i32);
            w.i64(*epoch as i64);
            w.uvarint(0);
        }
        MetadataRecord::RemoveTopic { topic_id } => {
            w.uuid(topic_id);
            w.uvarint(0);
        }
        MetadataRecord::FeatureLevel {
            name,
            feature_level,
        } => {
            w.string(name);
            w.i16(*feature_level);
            w.uvarint(0);
        }
        MetadataRecord::ProducerIds {
            broker_id,
            broker_epoch,
            next_producer_id,
        } => {
            w.i32(*broker_id as i32);
            w.i64(*broker_epoch as i64);
            w.i64(*next_producer_id);
            w.uvarint(0);
        }
        MetadataRecord::BrokerRegistrationChange {
            broker_id,
            broker_epoch,
            fenced,
            in_controlled_shutdown,
        } => {
            w.i32(*broker_id as i32);
            w.i64(*broker_epoch as i64);
            let mut tags = Vec::new();
            if *fenced != 0 {
                tags.push((0, vec![*fenced as u8]));
            }
            if *in_controlled_shutdown != 0 {
                tags.push((1, vec![*in_controlled_shutdown as u8]));
            }
            w.tagged(&tags);
        }
        MetadataRecord::NoOp => w.uvarint(0),
        MetadataRecord::LeaderChange { .. } => return None,
    }
    Some(w.0)
}

/// A `LeaderChangeMessage` (version 0, `ControlRecordUtils.LEADER_CHANGE_CURRENT_VERSION`)
/// as the control record's value.
pub fn encode_leader_change(leader_id: u32, voters: &[u32], granting: &[u32]) -> Vec<u8> {
    let mut w = W(Vec::with_capacity(32));
    w.i16(0); // Version
    w.i32(leader_id as i32);
    for list in [voters, granting] {
        w.uvarint(list.len() as u32 + 1);
        for v in list {
            w.i32(*v as i32);
            w.uvarint(0);
        }
    }
    w.uvarint(0);
    w.0
}

/// The control record's key: version 0, type `LEADER_CHANGE`.
pub fn leader_change_key() -> [u8; 4] {
    let t = LEADER_CHANGE_TYPE.to_be_bytes();
    [0, 0, t[0], t[1]]
}

/// Encodes entries as the metadata log's batches. Entries with the same epoch and append
/// time at consecutive offsets share a batch (what the controller wrote in one go: a topic,
/// its partitions and configs); each `LeaderChange` is a control batch of its own. Raft
/// batches carry no producer: producer id, epoch and base sequence are -1.
pub fn encode_entries(entries: &[MetadataEntry]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < entries.len() {
        let first = &entries[i];
        let ts = first.append_time_ms as i64;
        if let MetadataRecord::LeaderChange {
            leader_id,
            voters,
            granting_voters,
        } = &first.record
        {
            let key = leader_change_key();
            let value = encode_leader_change(*leader_id, voters, granting_voters);
            let rec = RecordIn {
                timestamp: ts,
                key: Some(&key),
                value: Some(&value),
                headers: &[],
            };
            out.extend(encode_with_attributes(
                first.offset as i64,
                first.epoch as i32,
                ProducerFields::NONE,
                0x20,
                &[rec],
            ));
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < entries.len() {
            let e = &entries[j];
            if e.epoch != first.epoch
                || e.append_time_ms != first.append_time_ms
                || e.offset != first.offset + (j - i) as u64
                || matches!(e.record, MetadataRecord::LeaderChange { .. })
            {
                break;
            }
            j += 1;
        }
        let values: Vec<Vec<u8>> = entries[i..j]
            .iter()
            .map(|e| encode_record(&e.record).unwrap_or_default())
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
            first.offset as i64,
            first.epoch as i32,
            ProducerFields::NONE,
            0,
            &records,
        ));
        i = j;
    }
    out
}

// ---------------------------------------------------------------- reading

fn read_register_broker(r: &mut R<'_>, version: u16) -> Res<RegisterBrokerRecord> {
    let broker_id = r.i32()? as BrokerId;
    if version >= 2 {
        r.bool()?; // IsMigratingZkBroker
    }
    let incarnation_id = r.uuid()?;
    let broker_epoch = r.i64()? as u64;
    let n = r
        .array_len(6)?
        .ok_or("non-nullable field endPoints was serialized as null")?;
    let mut end_points = Vec::with_capacity(n);
    for _ in 0..n {
        let name = r.string()?;
        let host = r.string()?;
        let port = r.u16()?;
        r.i16()?;
        r.no_tags()?;
        end_points.push((name, host, port));
    }
    let n = r
        .array_len(6)?
        .ok_or("non-nullable field features was serialized as null")?;
    let mut features = Vec::with_capacity(n);
    for _ in 0..n {
        let name = r.string()?;
        let min = r.i16()?;
        let max = r.i16()?;
        r.no_tags()?;
        features.push((name, min, max));
    }
    let rack = r.nullable_string()?;
    let fenced = r.bool()?;
    let in_controlled_shutdown = if version >= 1 { r.bool()? } else { false };
    let mut log_dirs = Vec::new();
    r.tagged(|tag, t| {
        if tag == 0 && version >= 3 {
            log_dirs = t.uuids()?;
        }
        Ok(())
    })?;
    Ok(RegisterBrokerRecord {
        broker_id,
        incarnation_id,
        broker_epoch,
        end_points,
        rack,
        fenced,
        in_controlled_shutdown,
        log_dirs,
        features,
    })
}

fn read_partition(r: &mut R<'_>, version: u16) -> Res<PartitionRecord> {
    let partition_id = r.i32()? as u32;
    let topic_id = r.uuid()?;
    let replicas = r.ids()?;
    let isr = r.ids()?;
    let removing_replicas = r.ids()?;
    let adding_replicas = r.ids()?;
    let leader = r.i32()?;
    let leader_epoch = r.i32()? as u32;
    let partition_epoch = r.i32()? as u32;
    let directories = if version >= 1 { r.uuids()? } else { Vec::new() };
    let mut p = PartitionRecord {
        partition_id,
        topic_id,
        replicas,
        isr,
        removing_replicas,
        adding_replicas,
        leader,
        leader_recovery_state: 0,
        leader_epoch,
        partition_epoch,
        eligible_leader_replicas: Vec::new(),
        last_known_elr: Vec::new(),
        directories,
    };
    r.tagged(|tag, t| {
        match tag {
            0 => p.leader_recovery_state = t.i8()?,
            1 if version >= 2 => p.eligible_leader_replicas = t.nullable_ids()?.unwrap_or_default(),
            2 if version >= 2 => p.last_known_elr = t.nullable_ids()?.unwrap_or_default(),
            _ => {}
        }
        Ok(())
    })?;
    Ok(p)
}

fn read_partition_change(r: &mut R<'_>, version: u16) -> Res<PartitionChangeRecord> {
    let partition_id = r.i32()? as u32;
    let topic_id = r.uuid()?;
    let mut c = PartitionChangeRecord::new(topic_id, partition_id);
    r.tagged(|tag, t| {
        match tag {
            0 => c.isr = t.nullable_ids()?,
            1 => c.leader = t.i32()?,
            2 => c.replicas = t.nullable_ids()?,
            3 => c.removing_replicas = t.nullable_ids()?,
            4 => c.adding_replicas = t.nullable_ids()?,
            5 => {
                let s = t.i8()?;
                c.leader_recovery_state = (s != -1).then_some(s);
            }
            6 if version >= 2 => c.eligible_leader_replicas = t.nullable_ids()?,
            7 if version >= 2 => c.last_known_elr = t.nullable_ids()?,
            8 if version >= 1 => c.directories = t.nullable_uuids()?,
            _ => {}
        }
        Ok(())
    })?;
    Ok(c)
}

/// Reads one record value written by `MetadataRecordSerde`: the record and its version.
/// Errors are worded as Kafka's `MetadataParseException`s.
pub fn decode_record(bytes: &[u8]) -> Result<(MetadataRecord, u16), String> {
    let mut r = R::new(bytes);
    // `unsignedIntToShort`: each of the three varints must read and fit a short.
    let mut short = |entity: &str| -> Result<u16, String> {
        let v = r
            .uvarint()
            .map_err(|_| format!("Error while reading {entity}"))?;
        u16::try_from(v)
            .ok()
            .filter(|v| *v <= i16::MAX as u16)
            .ok_or_else(|| format!("Value for {entity} was too large."))
    };
    let frame = short("frame version")?;
    if frame == 0 {
        return Err("Could not deserialize metadata record with frame version 0. Note that upgrades from the preview release of KRaft in 2.8 to newer versions are not supported.".into());
    }
    if u32::from(frame) != FRAME_VERSION {
        return Err(format!("Could not deserialize metadata record due to unknown frame version {frame}(only frame version 1 is supported)"));
    }
    let key = short("type")?;
    let version = short("version")?;
    let max = match key {
        0 => 3,
        3 | 5 | 17 => 2,
        1 | 2 | 4 | 7 | 8 | 9 | 12 | 15 | 20 => 0,
        _ => {
            return Err(format!(
            "org.apache.kafka.common.errors.UnsupportedVersionException: Unknown metadata id {key}"
        ))
        }
    };
    if version > max {
        return Err(format!("Failed to deserialize record with type {key}"));
    }
    let body = |r: &mut R<'_>| -> Res<MetadataRecord> {
        Ok(match key {
            0 => MetadataRecord::RegisterBroker(read_register_broker(r, version)?),
            1 => {
                let broker_id = r.i32()? as BrokerId;
                let broker_epoch = r.i64()? as u64;
                r.no_tags()?;
                MetadataRecord::UnregisterBroker {
                    broker_id,
                    broker_epoch,
                }
            }
            2 => {
                let name = r.string()?;
                let topic_id = r.uuid()?;
                r.no_tags()?;
                MetadataRecord::Topic { name, topic_id }
            }
            3 => MetadataRecord::Partition(read_partition(r, version)?),
            4 => {
                let resource_type = r.i8()?;
                let resource_name = r.string()?;
                let name = r.string()?;
                let value = r.nullable_string()?;
                r.no_tags()?;
                MetadataRecord::Config {
                    resource_type,
                    resource_name,
                    name,
                    value,
                }
            }
            5 => MetadataRecord::PartitionChange(read_partition_change(r, version)?),
            7 | 8 => {
                let id = r.i32()? as BrokerId;
                let epoch = r.i64()? as u64;
                r.no_tags()?;
                if key == 7 {
                    MetadataRecord::FenceBroker { id, epoch }
                } else {
                    MetadataRecord::UnfenceBroker { id, epoch }
                }
            }
            9 => {
                let topic_id = r.uuid()?;
                r.no_tags()?;
                MetadataRecord::RemoveTopic { topic_id }
            }
            12 => {
                let name = r.string()?;
                let feature_level = r.i16()?;
                r.no_tags()?;
                MetadataRecord::FeatureLevel {
                    name,
                    feature_level,
                }
            }
            15 => {
                let broker_id = r.i32()? as BrokerId;
                let broker_epoch = r.i64()? as u64;
                let next_producer_id = r.i64()?;
                r.no_tags()?;
                MetadataRecord::ProducerIds {
                    broker_id,
                    broker_epoch,
                    next_producer_id,
                }
            }
            17 => {
                let broker_id = r.i32()? as BrokerId;
                let broker_epoch = r.i64()? as u64;
                let (mut fenced, mut in_controlled_shutdown) = (0, 0);
                r.tagged(|tag, t| {
                    match tag {
                        0 => fenced = t.i8()?,
                        1 if version >= 1 => in_controlled_shutdown = t.i8()?,
                        _ => {}
                    }
                    Ok(())
                })?;
                MetadataRecord::BrokerRegistrationChange {
                    broker_id,
                    broker_epoch,
                    fenced,
                    in_controlled_shutdown,
                }
            }
            _ => {
                r.no_tags()?;
                MetadataRecord::NoOp
            }
        })
    };
    let record =
        body(&mut r).map_err(|_| format!("Failed to deserialize record with type {key}"))?;
    if r.left() > 0 {
        return Err(format!("Found {} byte(s) of garbage after {key}", r.left()));
    }
    Ok((record, version))
}

/// Reads a `LeaderChangeMessage` value: (leader, voters, granting voters).
pub fn decode_leader_change(bytes: &[u8]) -> Result<(u32, Vec<u32>, Vec<u32>), String> {
    let mut r = R::new(bytes);
    let version = r.i16()?;
    if !(0..=1).contains(&version) {
        return Err(format!("Unsupported LeaderChangeMessage version {version}"));
    }
    let leader = r.i32()? as u32;
    let mut lists = [Vec::new(), Vec::new()];
    for list in &mut lists {
        let n = r
            .array_len(5)?
            .ok_or("non-nullable field voters was serialized as null")?;
        for _ in 0..n {
            list.push(r.i32()? as u32);
            if version >= 1 {
                r.uuid()?;
            }
            r.no_tags()?;
        }
    }
    r.no_tags()?;
    let [voters, granting] = lists;
    Ok((leader, voters, granting))
}

/// Reads the metadata log's batches back into entries (the inverse of [`encode_entries`]).
/// Any damage — a bad batch, a bad CRC, an unreadable record — is an error naming where.
pub fn decode_batches(bytes: &[u8]) -> Result<Vec<MetadataEntry>, String> {
    let mut out = Vec::new();
    for b in checked_batches(bytes)? {
        for rec in b.records {
            let epoch = u32::try_from(b.leader_epoch).unwrap_or(0);
            let append_time_ms = u64::try_from(rec.timestamp).unwrap_or(0);
            let offset =
                u64::try_from(rec.offset).map_err(|_| format!("negative offset {}", rec.offset))?;
            let value = rec.value.as_deref().unwrap_or(&[]);
            let record = if b.control {
                if control_type(&rec) != Some(LEADER_CHANGE_TYPE) {
                    return Err(format!(
                        "offset {offset}: a control record that is not a LeaderChange"
                    ));
                }
                let (leader_id, voters, granting_voters) =
                    decode_leader_change(value).map_err(|e| format!("offset {offset}: {e}"))?;
                MetadataRecord::LeaderChange {
                    leader_id,
                    voters,
                    granting_voters,
                }
            } else {
                decode_record(value)
                    .map_err(|e| format!("offset {offset}: {e}"))?
                    .0
            };
            out.push(MetadataEntry {
                offset,
                epoch,
                append_time_ms,
                record,
            });
        }
    }
    Ok(out)
}

/// One whole batch of a metadata log or snapshot file, its CRC checked and its records read.
pub(crate) struct CheckedBatch {
    /// A control batch (`LeaderChange`, a snapshot's header or footer).
    pub control: bool,
    /// The batch's partition leader epoch.
    pub leader_epoch: i32,
    /// Its records.
    pub records: Vec<DecodedRecord>,
}

/// The batches of a metadata log or snapshot file, as `decode_batches` and
/// `decode_snapshot` both need them: every byte in whole batches, every CRC valid, every
/// records section readable — else one error line naming where.
pub(crate) fn checked_batches(bytes: &[u8]) -> Result<Vec<CheckedBatch>, String> {
    let log = decode_log(bytes, true);
    if let Some(e) = log.error {
        return Err(e.to_string());
    }
    if log.valid_bytes != bytes.len() {
        return Err(format!(
            "{} trailing byte(s) after the last whole batch",
            bytes.len() - log.valid_bytes
        ));
    }
    let mut out = Vec::with_capacity(log.batches.len());
    for mut b in log.batches {
        if !b.crc_valid {
            return Err(format!("batch at byte {}: CRC mismatch", b.position));
        }
        let records = match b.records.take() {
            Some(Ok(r)) => r,
            Some(Err(e)) => return Err(e.to_string()),
            None => Vec::new(),
        };
        out.push(CheckedBatch {
            control: b.is_control(),
            leader_epoch: b.partition_leader_epoch,
            records,
        });
    }
    Ok(out)
}

/// A control record's type (the key's second int16), if its key is long enough.
pub(crate) fn control_type(rec: &DecodedRecord) -> Option<i16> {
    let key = rec.key.as_deref().unwrap_or(&[]);
    (key.len() >= 4).then(|| i16::from_be_bytes([key[2], key[3]]))
}

#[cfg(test)]
#[path = "serde_tests.rs"]
mod tests;
