//! The group coordinator's handlers and its records.

use super::metadata_manager::parse_offset_record;
use super::*;
use crate::cluster::coordinator::harness::{Harness, Out};

const ADMIN: NodeId = NodeId::Client(10_000);

fn commit(h: &mut Harness, c: &mut GroupCoordinator, request: u64, offset: Offset) -> Out {
    let req = GroupRequest::OffsetCommit {
        group: "g".into(),
        generation: -1,
        member_id: String::new(),
        offsets: crate::idxmap::IdxMap::from([(TopicPartition::new("orders", 0), offset)]),
    };
    h.call(10, |ctx, log| {
        c.on_group_request(ctx, ADMIN, request, req, log)
    })
}

fn response(out: &Out) -> Option<&GroupResponse> {
    out.sent.iter().find_map(|(_, m)| match m {
        Msg::GroupResponse { resp, .. } => Some(resp),
        _ => None,
    })
}

#[test]
fn an_offset_commit_counts_once_written_and_is_read_back_by_a_new_coordinator() {
    let mut h = Harness::leading(OFFSETS_TOPIC, 3);
    let mut c = GroupCoordinator::new(1);
    let out = commit(&mut h, &mut c, 1, 42);
    // A single in-sync replica: the record is committed at once, the answer goes.
    assert_eq!(response(&out), Some(&GroupResponse::OffsetCommit(Ok(()))));
    let tp = TopicPartition::new("orders", 0);
    assert_eq!(c.groups["g"].offsets[&tp], 42);
    let p = TopicPartition::new(OFFSETS_TOPIC, group_partition("g", 3));
    let records = h.rm.logs[&p].records();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].key.as_deref(), Some("g,orders,0"));
    // The broker dies and comes back as leader: the commit is read back from the log.
    c.kill_group_coordinator();
    assert!(c.groups.is_empty());
    let out = h.call(20, |ctx, log| c.load_group_partition(ctx, &p, log));
    assert!(out
        .events
        .iter()
        .any(|e| matches!(e, Event::GroupCoordinatorLoaded { .. })));
    assert_eq!(c.groups["g"].offsets[&tp], 42);
    let req = GroupRequest::OffsetFetch {
        group: "g".into(),
        partitions: vec![tp],
    };
    let out = h.call(30, |ctx, log| c.on_group_request(ctx, ADMIN, 2, req, log));
    assert_eq!(
        response(&out),
        Some(&GroupResponse::OffsetFetch(Ok(
            crate::idxmap::IdxMap::from([(tp, 42)])
        )))
    );
}

#[test]
fn a_broker_that_does_not_lead_the_group_partition_is_not_its_coordinator() {
    let mut h = Harness::leading(OFFSETS_TOPIC, 3);
    h.rm.partitions.clear();
    let mut c = GroupCoordinator::new(1);
    let out = commit(&mut h, &mut c, 1, 5);
    assert_eq!(
        response(&out),
        Some(&GroupResponse::OffsetCommit(Err(
            KafkaError::NotCoordinator
        )))
    );
    assert!(c.groups.is_empty());
    // FindCoordinator answers from the metadata cache, leading or not.
    let req = GroupRequest::FindCoordinator { group: "g".into() };
    let out = h.call(10, |ctx, log| c.on_group_request(ctx, ADMIN, 2, req, log));
    assert_eq!(response(&out), Some(&GroupResponse::FindCoordinator(Ok(1))));
}
use crate::partitioner::{java_string_hash, kafka_abs};

#[test]
fn partition_for_group() {
    assert_eq!(group_partition("polygenelubricants", 50), 0);
    let h = java_string_hash("orders-app");
    assert_eq!(group_partition("orders-app", 5), kafka_abs(h) as u32 % 5);
}

#[test]
fn group_metadata_record_round_trips() {
    let mut g = Group::new();
    g.generation = 4;
    g.protocol = Some(AssignorKind::CooperativeSticky);
    g.leader = Some("c1".into());
    g.state = GroupState::Stable;
    for (id, inst, parts) in [("c1", None, vec![0, 2]), ("c2", Some("host-b"), vec![1])] {
        g.join_order.push(id.to_string());
        g.members.insert(
            id.to_string(),
            Member {
                member_id: id.to_string(),
                instance_id: inst.map(str::to_string),
                client_id: id.to_string(),
                host: "/127.0.0.1".into(),
                node: NodeId::Client(7),
                session_timeout_ms: 45_000,
                rebalance_timeout_ms: 300_000,
                protocol: AssignorKind::CooperativeSticky,
                topics: ["orders".to_string(), "pay-ments".to_string()].into(),
                owned: Vec::new(),
                assignment: parts
                    .into_iter()
                    .map(|p| TopicPartition::new("pay-ments", p))
                    .collect(),
                last_heartbeat: 0,
                awaiting_join: None,
                awaiting_sync: None,
            },
        );
    }
    let v = group_metadata_value("g,1", &g, 1234);
    assert!(v.starts_with("GroupMetadata(groupId=g,1, protocolType=consumer, generation=4, protocol=cooperative-sticky, leader=c1, currentState=Stable, currentStateTimestamp=1234, members=[MemberMetadata(memberId=c1, groupInstanceId=None,"), "{v}");
    let s = parse_group_metadata(&v).expect("parses");
    assert_eq!(s.generation, 4);
    assert_eq!(s.protocol, Some(AssignorKind::CooperativeSticky));
    assert_eq!(s.leader.as_deref(), Some("c1"));
    assert_eq!(s.timestamp, 1234);
    assert_eq!(s.members.len(), 2);
    assert_eq!(s.members[1].instance_id.as_deref(), Some("host-b"));
    assert_eq!(
        s.members[0].assignment,
        vec![
            TopicPartition::new("pay-ments", 0),
            TopicPartition::new("pay-ments", 2)
        ]
    );
    assert_eq!(s.members[0].topics.len(), 2);
    assert_eq!(record_group("g,1", &v).as_deref(), Some("g,1"));
    // An empty group: no members, no protocol, no leader.
    let e = group_metadata_value("g", &Group::new(), 0);
    let s = parse_group_metadata(&e).expect("parses");
    assert!(s.members.is_empty() && s.protocol.is_none() && s.leader.is_none());
    // Damaged values are not records, and never panic.
    for bad in [
        "GroupMetadata(",
        "GroupMetadata(groupId=g)",
        &v[..v.len() - 3],
    ] {
        assert_eq!(parse_group_metadata(bad), None, "{bad}");
    }
}

#[test]
fn offset_record_round_trips() {
    let tp = TopicPartition::new("my-topic", 12);
    let k = offset_key("g,1", &tp);
    assert_eq!(
        parse_offset_record(&k, "offset=42 commitTimestamp=7"),
        Some(("g,1".to_string(), tp, 42))
    );
    assert_eq!(parse_offset_record("x", "offset=1"), None);
}
