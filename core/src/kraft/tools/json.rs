//! Metadata records as JSON, the way Kafka's generated `*JsonConverter.write` builds them and
//! Jackson's `ObjectNode.toString` prints them (compact, fields in schema order). The
//! generator (`generator/.../JsonConverterGenerator.java`) writes a tagged field only when
//! it is not at its default, and a field only in the versions that have it.

use crate::kraft::records::{
    MetadataRecord, PartitionChangeRecord, PartitionRecord, RegisterBrokerRecord, NO_LEADER_CHANGE,
};
use crate::kraft::serde::{api_key, type_name};
use crate::model::{BrokerId, Uuid};

/// A JSON value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum J {
    /// Any integer node (`ShortNode`, `IntNode`, `LongNode`).
    Int(i64),
    /// `BooleanNode`.
    Bool(bool),
    /// `TextNode`.
    Str(String),
    /// `NullNode`.
    Null,
    /// `ArrayNode`.
    Arr(Vec<J>),
    /// `ObjectNode`, in insertion order.
    Obj(Vec<(&'static str, J)>),
}

impl J {
    /// Jackson's compact text.
    pub fn write(&self, out: &mut String) {
        match self {
            J::Int(i) => out.push_str(&i.to_string()),
            J::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            J::Null => out.push_str("null"),
            J::Str(s) => quote(s, out),
            J::Arr(items) => {
                out.push('[');
                for (i, x) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    x.write(out);
                }
                out.push(']');
            }
            J::Obj(fields) => {
                out.push('{');
                for (i, (k, v)) in fields.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    quote(k, out);
                    out.push(':');
                    v.write(out);
                }
                out.push('}');
            }
        }
    }
    /// As text.
    pub fn text(&self) -> String {
        let mut s = String::new();
        self.write(&mut s);
        s
    }
}

/// Jackson's string escaping: `"` and `\`, the usual short escapes, other control
/// characters as `\u00XX`; everything else as is.
fn quote(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

fn ids(v: &[BrokerId]) -> J {
    J::Arr(v.iter().map(|i| J::Int(i64::from(*i))).collect())
}
fn uuid(u: &Uuid) -> J {
    J::Str(u.to_string())
}
fn uuids(v: &[Uuid]) -> J {
    J::Arr(v.iter().map(uuid).collect())
}

fn register_broker(r: &RegisterBrokerRecord, version: u16) -> J {
    let mut f = vec![("brokerId", J::Int(i64::from(r.broker_id)))];
    if version >= 2 {
        f.push(("isMigratingZkBroker", J::Bool(false)));
    }
    f.push(("incarnationId", uuid(&r.incarnation_id)));
    f.push(("brokerEpoch", J::Int(r.broker_epoch as i64)));
    f.push((
        "endPoints",
        J::Arr(
            r.end_points
                .iter()
                .map(|(name, host, port)| {
                    let protocol = match name.as_str() {
                        "SSL" => 1,
                        "SASL_PLAINTEXT" => 2,
                        "SASL_SSL" => 3,
                        _ => 0,
                    };
                    J::Obj(vec![
                        ("name", J::Str(name.clone())),
                        ("host", J::Str(host.clone())),
                        ("port", J::Int(i64::from(*port))),
                        ("securityProtocol", J::Int(protocol)),
                    ])
                })
                .collect(),
        ),
    ));
    f.push((
        "features",
        J::Arr(
            r.features
                .iter()
                .map(|(name, min, max)| {
                    J::Obj(vec![
                        ("name", J::Str(name.clone())),
                        ("minSupportedVersion", J::Int(i64::from(*min))),
                        ("maxSupportedVersion", J::Int(i64::from(*max))),
                    ])
                })
                .collect(),
        ),
    ));
    f.push(("rack", r.rack.clone().map_or(J::Null, J::Str)));
    f.push(("fenced", J::Bool(r.fenced)));
    if version >= 1 {
        f.push(("inControlledShutdown", J::Bool(r.in_controlled_shutdown)));
    }
    if version >= 3 && !r.log_dirs.is_empty() {
        f.push(("logDirs", uuids(&r.log_dirs)));
    }
    J::Obj(f)
}

fn partition(p: &PartitionRecord, version: u16) -> J {
    let mut f = vec![
        ("partitionId", J::Int(i64::from(p.partition_id))),
        ("topicId", uuid(&p.topic_id)),
        ("replicas", ids(&p.replicas)),
        ("isr", ids(&p.isr)),
        ("removingReplicas", ids(&p.removing_replicas)),
        ("addingReplicas", ids(&p.adding_replicas)),
        ("leader", J::Int(i64::from(p.leader))),
    ];
    if p.leader_recovery_state != 0 {
        f.push((
            "leaderRecoveryState",
            J::Int(i64::from(p.leader_recovery_state)),
        ));
    }
    f.push(("leaderEpoch", J::Int(i64::from(p.leader_epoch))));
    f.push(("partitionEpoch", J::Int(i64::from(p.partition_epoch))));
    if version >= 1 {
        f.push(("directories", uuids(&p.directories)));
    }
    if version >= 2 {
        if !p.eligible_leader_replicas.is_empty() {
            f.push(("eligibleLeaderReplicas", ids(&p.eligible_leader_replicas)));
        }
        if !p.last_known_elr.is_empty() {
            f.push(("lastKnownElr", ids(&p.last_known_elr)));
        }
    }
    J::Obj(f)
}

fn partition_change(c: &PartitionChangeRecord, version: u16) -> J {
    let mut f = vec![
        ("partitionId", J::Int(i64::from(c.partition_id))),
        ("topicId", uuid(&c.topic_id)),
    ];
    if let Some(v) = &c.isr {
        f.push(("isr", ids(v)));
    }
    if c.leader != NO_LEADER_CHANGE {
        f.push(("leader", J::Int(i64::from(c.leader))));
    }
    for (name, v) in [
        ("replicas", &c.replicas),
        ("removingReplicas", &c.removing_replicas),
        ("addingReplicas", &c.adding_replicas),
    ] {
        if let Some(v) = v {
            f.push((name, ids(v)));
        }
    }
    if let Some(s) = c.leader_recovery_state {
        if s != -1 {
            f.push(("leaderRecoveryState", J::Int(i64::from(s))));
        }
    }
    if version >= 1 {
        if let Some(d) = &c.directories {
            f.push(("directories", uuids(d)));
        }
    }
    if version >= 2 {
        if let Some(v) = &c.eligible_leader_replicas {
            f.push(("eligibleLeaderReplicas", ids(v)));
        }
        if let Some(v) = &c.last_known_elr {
            f.push(("lastKnownElr", ids(v)));
        }
    }
    J::Obj(f)
}

/// The record's `data` object at `version`.
pub fn record_data(r: &MetadataRecord, version: u16) -> J {
    match r {
        MetadataRecord::RegisterBroker(b) => register_broker(b, version),
        MetadataRecord::UnregisterBroker {
            broker_id,
            broker_epoch,
        } => J::Obj(vec![
            ("brokerId", J::Int(i64::from(*broker_id))),
            ("brokerEpoch", J::Int(*broker_epoch as i64)),
        ]),
        MetadataRecord::Topic { name, topic_id } => J::Obj(vec![
            ("name", J::Str(name.clone())),
            ("topicId", uuid(topic_id)),
        ]),
        MetadataRecord::Partition(p) => partition(p, version),
        MetadataRecord::Config {
            resource_type,
            resource_name,
            name,
            value,
        } => J::Obj(vec![
            ("resourceType", J::Int(i64::from(*resource_type))),
            ("resourceName", J::Str(resource_name.clone())),
            ("name", J::Str(name.clone())),
            ("value", value.clone().map_or(J::Null, J::Str)),
        ]),
        MetadataRecord::PartitionChange(c) => partition_change(c, version),
        MetadataRecord::FenceBroker { id, epoch } | MetadataRecord::UnfenceBroker { id, epoch } => {
            J::Obj(vec![
                ("id", J::Int(i64::from(*id))),
                ("epoch", J::Int(*epoch as i64)),
            ])
        }
        MetadataRecord::RemoveTopic { topic_id } => J::Obj(vec![("topicId", uuid(topic_id))]),
        MetadataRecord::FeatureLevel {
            name,
            feature_level,
        } => J::Obj(vec![
            ("name", J::Str(name.clone())),
            ("featureLevel", J::Int(i64::from(*feature_level))),
        ]),
        MetadataRecord::ProducerIds {
            broker_id,
            broker_epoch,
            next_producer_id,
        } => J::Obj(vec![
            // A snapshot's `ProducerIdsRecord` names no broker: -1, -1.
            ("brokerId", J::Int(i64::from(*broker_id as i32))),
            ("brokerEpoch", J::Int(*broker_epoch as i64)),
            ("nextProducerId", J::Int(*next_producer_id)),
        ]),
        MetadataRecord::BrokerRegistrationChange {
            broker_id,
            broker_epoch,
            fenced,
            in_controlled_shutdown,
        } => {
            let mut f = vec![
                ("brokerId", J::Int(i64::from(*broker_id))),
                ("brokerEpoch", J::Int(*broker_epoch as i64)),
            ];
            if *fenced != 0 {
                f.push(("fenced", J::Int(i64::from(*fenced))));
            }
            if version >= 1 && *in_controlled_shutdown != 0 {
                f.push((
                    "inControlledShutdown",
                    J::Int(i64::from(*in_controlled_shutdown)),
                ));
            }
            J::Obj(f)
        }
        MetadataRecord::NoOp => J::Obj(Vec::new()),
        MetadataRecord::LeaderChange {
            leader_id,
            voters,
            granting_voters,
        } => leader_change(*leader_id, voters, granting_voters),
    }
}

/// `LeaderChangeMessageJsonConverter.write` at version 0.
pub fn leader_change(leader_id: u32, voters: &[u32], granting: &[u32]) -> J {
    let list = |v: &[u32]| {
        J::Arr(
            v.iter()
                .map(|id| J::Obj(vec![("voterId", J::Int(i64::from(*id)))]))
                .collect(),
        )
    };
    J::Obj(vec![
        ("version", J::Int(0)),
        ("leaderId", J::Int(i64::from(leader_id))),
        ("voters", list(voters)),
        ("grantingVoters", list(granting)),
    ])
}

/// The `payload:` of `--cluster-metadata-decoder`:
/// `{"type":"PARTITION_CHANGE_RECORD","version":2,"data":{…}}`.
pub fn payload(r: &MetadataRecord, version: u16) -> String {
    let type_name = api_key(r).map_or("UNKNOWN", type_name);
    J::Obj(vec![
        ("type", J::Str(type_name.to_string())),
        ("version", J::Int(i64::from(version))),
        ("data", record_data(r, version)),
    ])
    .text()
}
