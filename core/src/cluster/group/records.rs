//! The `__consumer_offsets` records as typed values, after Kafka's `coordinator-common` /
//! `group-coordinator` schemas: `OffsetCommitKey` / `OffsetCommitValue` for a committed
//! offset, `GroupMetadataKey` / `GroupMetadataValue` for a classic group's membership.
//!
//! Kafka writes these as versioned binary schemas and prints them only through a formatter
//! (`kafka-console-consumer.sh --formatter`, `kafka-dump-log.sh --offsets-decoder`). The lab's
//! log holds text, so each record's stored form *is* its display form: `Display` writes it,
//! `parse` reads it back, and nothing else in the crate builds or splits these strings.

use std::collections::BTreeSet;
use std::fmt;

use super::metadata_manager::{fields, parse_list, parse_tp};
use crate::assignor::AssignorKind;
use crate::log::Offset;
use crate::model::TopicPartition;
use crate::sim::Millis;

/// The key of a committed offset: the group and the partition (`group,topic,partition`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OffsetCommitKey {
    pub group: String,
    pub tp: TopicPartition,
}

impl fmt::Display for OffsetCommitKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{},{},{}", self.group, self.tp.topic, self.tp.partition)
    }
}

impl OffsetCommitKey {
    /// Reads a key back (`None`: not an offset commit's key). A group id may hold commas: the
    /// topic and partition are the last two fields.
    pub fn parse(key: &str) -> Option<Self> {
        let mut parts = key.rsplitn(3, ',');
        let partition: u32 = parts.next()?.parse().ok()?;
        let topic = parts.next()?;
        let group = parts.next()?;
        Some(Self {
            group: group.to_string(),
            tp: TopicPartition::new(topic, partition),
        })
    }
}

/// A committed offset: `offset=N commitTimestamp=T`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OffsetCommitValue {
    pub offset: Offset,
    /// When the coordinator wrote it (virtual ms); absent in a hand-written record.
    pub commit_timestamp: Option<Millis>,
}

impl fmt::Display for OffsetCommitValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "offset={}", self.offset)?;
        if let Some(t) = self.commit_timestamp {
            write!(f, " commitTimestamp={t}")?;
        }
        Ok(())
    }
}

impl OffsetCommitValue {
    /// Reads a value back (`None`: it has no `offset=N`).
    pub fn parse(value: &str) -> Option<Self> {
        let field = |name: &str| {
            value
                .split(' ')
                .find_map(|f| f.strip_prefix(name)?.strip_prefix('='))
        };
        Some(Self {
            offset: field("offset")?.parse().ok()?,
            commit_timestamp: field("commitTimestamp").and_then(|t| t.parse().ok()),
        })
    }
}

/// The key of a classic group's membership record: the group id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupMetadataKey {
    pub group: String,
}

impl fmt::Display for GroupMetadataKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.group)
    }
}

/// What a GroupMetadata record says of a group (its value's fields).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredGroup {
    pub generation: i32,
    pub protocol: Option<AssignorKind>,
    pub leader: Option<String>,
    pub state: String,
    pub timestamp: Millis,
    pub members: Vec<StoredMember>,
}

/// Kafka's name for the value of a group's membership record.
pub type GroupMetadataValue = StoredGroup;

/// One member in a GroupMetadata record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredMember {
    pub member_id: String,
    pub instance_id: Option<String>,
    pub client_id: String,
    pub host: String,
    pub rebalance_timeout_ms: Millis,
    pub session_timeout_ms: Millis,
    pub topics: BTreeSet<String>,
    pub assignment: Vec<TopicPartition>,
}

pub(super) const GROUP_METADATA: &str = "GroupMetadata(";
pub(super) const MEMBER_METADATA: &str = "MemberMetadata(";

impl StoredGroup {
    /// The record's text, as Kafka's `GroupMetadataMessageFormatter` prints one
    /// (`GroupMetadata(groupId=…, protocolType=consumer, generation=…, …, members=[…])`); the
    /// group id comes from the key, as the formatter takes it.
    pub fn display(&self, key: &GroupMetadataKey) -> String {
        let members: Vec<String> = self
            .members
            .iter()
            .map(|m| {
                let topics: Vec<&str> = m.topics.iter().map(String::as_str).collect();
                let parts: Vec<String> = m.assignment.iter().map(|t| t.to_string()).collect();
                format!(
                    "{MEMBER_METADATA}memberId={}, groupInstanceId={}, clientId={}, clientHost={}, rebalanceTimeoutMs={}, sessionTimeoutMs={}, subscription=[{}], assignment=[{}])",
                    m.member_id,
                    m.instance_id.as_deref().unwrap_or("None"),
                    m.client_id,
                    m.host,
                    m.rebalance_timeout_ms,
                    m.session_timeout_ms,
                    topics.join(","),
                    parts.join(",")
                )
            })
            .collect();
        format!(
            "{GROUP_METADATA}groupId={}, protocolType=consumer, generation={}, protocol={}, leader={}, currentState={}, currentStateTimestamp={}, members=[{}])",
            key.group,
            self.generation,
            self.protocol.map_or("", |p| p.name()),
            self.leader.as_deref().unwrap_or(""),
            self.state,
            self.timestamp,
            members.join(", ")
        )
    }

    /// Reads a GroupMetadata record's value back (`None`: not one, or damaged).
    pub fn parse(value: &str) -> Option<Self> {
        let body = value.strip_prefix(GROUP_METADATA)?.strip_suffix(')')?;
        let f = fields(
            body,
            &[
                "groupId",
                "protocolType",
                "generation",
                "protocol",
                "leader",
                "currentState",
                "currentStateTimestamp",
                "members",
            ],
        )?;
        let members_text = f[7].strip_prefix('[')?.strip_suffix(']')?;
        let mut members = Vec::new();
        if !members_text.is_empty() {
            let inner = members_text
                .strip_prefix(MEMBER_METADATA)?
                .strip_suffix(')')?;
            for m in inner.split(&format!("), {MEMBER_METADATA}")) {
                let mf = fields(
                    m,
                    &[
                        "memberId",
                        "groupInstanceId",
                        "clientId",
                        "clientHost",
                        "rebalanceTimeoutMs",
                        "sessionTimeoutMs",
                        "subscription",
                        "assignment",
                    ],
                )?;
                let assignment = parse_list(mf[7])?
                    .into_iter()
                    .map(parse_tp)
                    .collect::<Option<Vec<_>>>()?;
                members.push(StoredMember {
                    member_id: mf[0].to_string(),
                    instance_id: (mf[1] != "None").then(|| mf[1].to_string()),
                    client_id: mf[2].to_string(),
                    host: mf[3].to_string(),
                    rebalance_timeout_ms: mf[4].parse().ok()?,
                    session_timeout_ms: mf[5].parse().ok()?,
                    topics: parse_list(mf[6])?.into_iter().map(str::to_string).collect(),
                    assignment,
                });
            }
        }
        Some(StoredGroup {
            generation: f[2].parse().ok()?,
            protocol: AssignorKind::parse(f[3]),
            leader: (!f[4].is_empty()).then(|| f[4].to_string()),
            state: f[5].to_string(),
            timestamp: f[6].parse().ok()?,
            members,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offset_commit_records_read_back_what_they_print() {
        let key = OffsetCommitKey {
            group: "billing,eu".to_string(),
            tp: TopicPartition::new("orders", 2),
        };
        assert_eq!(key.to_string(), "billing,eu,orders,2");
        assert_eq!(OffsetCommitKey::parse(&key.to_string()), Some(key));
        let value = OffsetCommitValue {
            offset: 42,
            commit_timestamp: Some(7),
        };
        assert_eq!(value.to_string(), "offset=42 commitTimestamp=7");
        assert_eq!(OffsetCommitValue::parse(&value.to_string()), Some(value));
        assert_eq!(OffsetCommitValue::parse("commitTimestamp=7"), None);
        assert_eq!(OffsetCommitKey::parse("orders,x"), None);
    }

    #[test]
    fn group_metadata_prints_as_kafkas_formatter_and_reads_back() {
        let value = GroupMetadataValue {
            generation: 3,
            protocol: Some(AssignorKind::Range),
            leader: Some("c-1".to_string()),
            state: "Stable".to_string(),
            timestamp: 99,
            members: vec![StoredMember {
                member_id: "c-1".to_string(),
                instance_id: None,
                client_id: "c".to_string(),
                host: "/10.0.0.1".to_string(),
                rebalance_timeout_ms: 300_000,
                session_timeout_ms: 45_000,
                topics: ["orders".to_string()].into_iter().collect(),
                assignment: vec![TopicPartition::new("orders", 0)],
            }],
        };
        let text = value.display(&GroupMetadataKey {
            group: "g".to_string(),
        });
        assert!(
            text.starts_with("GroupMetadata(groupId=g, protocolType=consumer, generation=3, protocol=range, leader=c-1, currentState=Stable"),
            "{text}"
        );
        assert_eq!(GroupMetadataValue::parse(&text), Some(value));
    }
}
