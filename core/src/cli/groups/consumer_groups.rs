//! `kafka-consumer-groups.sh --list | --describe | --reset-offsets`, as Kafka's
//! `ConsumerGroupCommand` prints them.

// Headers are written as Kafka's format strings lay them out.
#![allow(clippy::write_literal)]

use super::*;
use crate::cluster::AdminRequest;

/// `kafka-consumer-groups.sh`.
pub fn consumer_groups(
    cluster: &mut Cluster,
    args: &[String],
    budget: u64,
) -> Result<String, String> {
    let p = parse(
        args,
        &[
            value("bootstrap-server"),
            flag("list"),
            flag("describe"),
            value("group"),
            flag("all-groups"),
            flag("members"),
            flag("verbose"),
            flag("state"),
            flag("offsets"),
            flag("reset-offsets"),
            value("topic"),
            flag("to-earliest"),
            flag("to-latest"),
            value("to-offset"),
            flag("execute"),
            flag("dry-run"),
        ],
    )?;
    p.only_options("kafka-consumer-groups.sh: ")?;
    let actions = ["list", "describe", "reset-offsets"]
        .iter()
        .filter(|a| p.has(a))
        .count();
    if actions != 1 {
        return Err("Command must include exactly one action: --list, --describe, --delete, --reset-offsets, --delete-offsets".into());
    }
    if p.has("list") {
        let mut names: BTreeSet<String> = BTreeSet::new();
        for b in cluster.brokers.values().filter(|b| b.alive) {
            names.extend(b.groups.groups.keys().cloned());
        }
        return Ok(names.into_iter().map(|g| g + "\n").collect());
    }
    // --all-groups: every group --list shows, one after the other, as the tool does.
    let groups: Vec<String> = match (p.value("group"), p.has("all-groups")) {
        // The tool takes --all-groups over --group when both are given.
        (Some(g), false) => vec![g.to_string()],
        (_, true) => {
            let mut names: BTreeSet<String> = BTreeSet::new();
            for b in cluster.brokers.values().filter(|b| b.alive) {
                names.extend(b.groups.groups.keys().cloned());
            }
            names.into_iter().collect()
        }
        (None, false) => {
            return Err(if p.has("reset-offsets") {
                "Option [reset-offsets] takes one of these options: [all-groups], [group]"
            } else {
                "Option [describe] takes one of these options: [all-groups], [group]"
            }
            .into())
        }
    };
    let mut out = String::new();
    for group in &groups {
        out += &if p.has("reset-offsets") {
            reset(cluster, &p, group, budget)?
        } else {
            describe_group(cluster, &p, group)?
        };
    }
    Ok(out)
}

/// `--describe --group G` (offsets, `--members` or `--state`).
fn describe_group(
    cluster: &Cluster,
    p: &crate::cli::args::Parsed,
    group: &str,
) -> Result<String, String> {
    let group = group.to_string();
    let Some(coord) = cluster.group_coordinator(&group) else {
        return Err(format!("Error: Consumer group '{group}' does not exist."));
    };
    let Some(g) = coord.groups.groups.get(&group) else {
        return Err(format!("Error: Consumer group '{group}' does not exist."));
    };
    let kafka4 = cluster.client_version == crate::cluster::producer::ClientVersion::V4_0;
    // What the tool prints does not depend on the group's protocol, only on what it is told:
    // a consumer-protocol (KIP-848) group brings member epochs and target assignments.
    let described = match &g.consumer {
        Some(cg) => Described::kip848(cg),
        None => Described::classic(g),
    };
    let mut out = String::new();
    state_header(&mut out, &group, described.state);
    if p.has("state") {
        print_state(&mut out, &group, coord.id, &described, p.has("verbose"));
        return Ok(out);
    }
    if p.has("members") {
        // Kafka 4.x's tool prints epochs and both assignments for every group (a classic
        // member has no epoch and no target: `-`); before, one ASSIGNMENT column.
        let kafka4_columns = kafka4 || described.epochs.is_some();
        print_members(
            &mut out,
            &group,
            &described.members,
            p.has("verbose"),
            kafka4_columns,
        );
        return Ok(out);
    }
    // Offsets. LOG-END-OFFSET is what `consumer.endOffsets()` returns: the high watermark.
    let end_of = |tp: &TopicPartition| -> Option<u64> {
        let leader = cluster
            .leader_of(tp)
            .and_then(|l| cluster.brokers.get(&l))?;
        leader.replica_manager.partitions.get(tp).map(|p| p.hw)
    };
    // Offsets a Kafka 0.8 consumer (offsets.storage=zookeeper) wrote into ZooKeeper.
    let zk = cluster.zk.consumer_offsets.get(&group);
    let row = |tp: &TopicPartition, who: Option<&MemberLine>| {
        let current = g
            .offsets
            .get(tp)
            .or_else(|| zk.and_then(|z| z.get(tp)))
            .copied();
        let end = end_of(tp);
        let who = |f: fn(&MemberLine) -> &str| who.map_or("-", f).to_string();
        [
            tp.topic.to_string(),
            tp.partition.to_string(),
            current.map_or("-".into(), |o| o.to_string()),
            end.map_or("-".into(), |o| o.to_string()),
            match (current, end) {
                (Some(c), Some(e)) => e.saturating_sub(c).to_string(),
                _ => "-".into(),
            },
            who(|m| &m.member_id),
            who(|m| &m.host),
            who(|m| &m.client_id),
        ]
    };
    // Members with partitions, most partitions first; each one's partitions by number; then
    // the committed partitions nobody owns.
    let mut owners: Vec<&MemberLine> = described
        .members
        .iter()
        .filter(|m| !m.assignment.is_empty())
        .collect();
    crate::sort::by_key(&mut owners, |m| std::cmp::Reverse(m.assignment.len()));
    let mut rows = Vec::new();
    let mut assigned = BTreeSet::new();
    for m in owners {
        let mut parts = m.assignment.clone();
        crate::sort::by_key(&mut parts, |tp| tp.partition);
        for tp in &parts {
            assigned.insert(*tp);
            rows.push(row(tp, Some(m)));
        }
    }
    let mut rest: Vec<&TopicPartition> = g
        .offsets
        .keys()
        .filter(|tp| !assigned.contains(*tp))
        .collect();
    crate::sort::by_key(&mut rest, |tp| tp.partition);
    rows.extend(rest.into_iter().map(|tp| row(tp, None)));
    print_offsets(&mut out, &group, &rows);
    Ok(out)
}

/// A member as `--describe --members` prints it (Kafka's `MemberAssignmentState`).
struct MemberLine {
    member_id: String,
    instance_id: Option<String>,
    host: String,
    client_id: String,
    assignment: Vec<TopicPartition>,
    /// KIP-848: its member epoch, the group's target assignment epoch, its target.
    epochs: Option<(i32, i32, Vec<TopicPartition>)>,
}

/// A group as the tool describes it (Kafka's `GroupInformation` and members).
struct Described {
    state: &'static str,
    assignor: &'static str,
    /// KIP-848: the group epoch and the target assignment epoch.
    epochs: Option<(i32, i32)>,
    members: Vec<MemberLine>,
}

impl Described {
    fn classic(g: &crate::cluster::group::Group) -> Self {
        Self {
            state: g.state.name(),
            assignor: g.protocol.map_or("", |p| p.name()),
            epochs: None,
            members: g
                .members_in_order()
                .map(|m| MemberLine {
                    member_id: m.member_id.clone(),
                    instance_id: m.instance_id.clone(),
                    host: m.host.clone(),
                    client_id: m.client_id.clone(),
                    assignment: m.assignment.clone(),
                    epochs: None,
                })
                .collect(),
        }
    }

    fn kip848(cg: &crate::cluster::kip848::ConsumerGroup) -> Self {
        Self {
            state: cg.state_name(),
            assignor: cg.assignor().name(),
            epochs: Some((cg.group_epoch, cg.assignment_epoch)),
            members: cg
                .members
                .values()
                .map(|m| MemberLine {
                    member_id: m.member_id.clone(),
                    instance_id: m.instance_id.clone(),
                    host: m.host.clone(),
                    client_id: m.client_id.clone(),
                    assignment: m.assigned.iter().cloned().collect(),
                    epochs: Some((
                        m.member_epoch,
                        cg.assignment_epoch,
                        cg.target
                            .get(&m.member_id)
                            .map(|t| t.iter().cloned().collect())
                            .unwrap_or_default(),
                    )),
                })
                .collect(),
        }
    }
}

/// The line Kafka's tool prints before a group's table when the group is empty or rebalancing.
fn state_header(out: &mut String, group: &str, state: &str) {
    match state {
        "Empty" => {
            let _ = writeln!(out, "\nConsumer group '{group}' has no active members.");
        }
        "PreparingRebalance" | "CompletingRebalance" | "Assigning" | "Reconciling" => {
            let _ = writeln!(out, "\nWarning: Consumer group '{group}' is rebalancing.");
        }
        _ => {}
    }
}

/// `--describe --state [--verbose]` (`printStates`; the group column as wide as the
/// coordinator's, as the tool's format has it).
fn print_state(
    out: &mut String,
    group: &str,
    coordinator: crate::model::BrokerId,
    d: &Described,
    verbose: bool,
) {
    let coordinator = format!("broker-{coordinator}:9092 ({coordinator})");
    let w = coordinator.len().max(25);
    let members = d.members.len();
    match d.epochs.filter(|_| verbose) {
        Some((epoch, target)) => {
            let _ = write!(
                out,
                "\n{:<w$} {:<25} {:<20} {:<15} {:<15} {:<25} {}",
                "GROUP",
                "COORDINATOR (ID)",
                "ASSIGNMENT-STRATEGY",
                "STATE",
                "GROUP-EPOCH",
                "TARGET-ASSIGNMENT-EPOCH",
                "#MEMBERS"
            );
            let _ = writeln!(
                out,
                "\n{:<w$} {:<25} {:<20} {:<15} {:<15} {:<25} {}",
                group, coordinator, d.assignor, d.state, epoch, target, members
            );
        }
        None => {
            let _ = write!(
                out,
                "\n{:<w$} {:<25} {:<20} {:<15} {}",
                "GROUP", "COORDINATOR (ID)", "ASSIGNMENT-STRATEGY", "STATE", "#MEMBERS"
            );
            let _ = writeln!(
                out,
                "\n{:<w$} {:<25} {:<20} {:<15} {}",
                group, coordinator, d.assignor, d.state, members
            );
        }
    }
}

/// `--describe --members [--verbose]` (`printMembers`): with `kafka4_columns`, Kafka 4's
/// `CURRENT-EPOCH CURRENT-ASSIGNMENT TARGET-EPOCH TARGET-ASSIGNMENT`, else one ASSIGNMENT
/// column as the tool printed it up to 3.7.
fn print_members(
    out: &mut String,
    group: &str,
    members: &[MemberLine],
    verbose: bool,
    kafka4_columns: bool,
) {
    if members.is_empty() {
        return;
    }
    let width = |f: &dyn Fn(&MemberLine) -> usize, min: usize| {
        members.iter().map(f).max().unwrap_or(0).max(min)
    };
    let current =
        |m: &MemberLine| format_assignment_column(&m.assignment, AssignmentColumnStyle::Kafka4);
    let target = |m: &MemberLine| {
        m.epochs.as_ref().map_or("-".to_string(), |(_, _, t)| {
            format_assignment_column(t, AssignmentColumnStyle::Kafka4)
        })
    };
    let gl = group.len().max(15);
    let cl = width(&|m| m.member_id.len(), 15);
    let il = width(&|m| m.instance_id.as_deref().map_or(0, str::len), 17);
    let hl = width(&|m| m.host.len(), 15);
    let kl = width(&|m| m.client_id.len(), 15);
    let cal = width(&|m| current(m).len(), 20);
    let tal = width(&|m| target(m).len(), 20);
    let with_instance = members.iter().any(|m| m.instance_id.is_some());
    if with_instance {
        let _ = write!(
            out,
            "\n{:<gl$} {:<cl$} {:<il$} {:<hl$} {:<kl$} {:<15} ",
            "GROUP", "CONSUMER-ID", "GROUP-INSTANCE-ID", "HOST", "CLIENT-ID", "#PARTITIONS"
        );
    } else {
        let _ = write!(
            out,
            "\n{:<gl$} {:<cl$} {:<hl$} {:<kl$} {:<15} ",
            "GROUP", "CONSUMER-ID", "HOST", "CLIENT-ID", "#PARTITIONS"
        );
    }
    if verbose && kafka4_columns {
        let _ = write!(
            out,
            "{:<15} {:<cal$} {:<15} {:<tal$}",
            "CURRENT-EPOCH", "CURRENT-ASSIGNMENT", "TARGET-EPOCH", "TARGET-ASSIGNMENT"
        );
    } else if verbose {
        out.push_str("ASSIGNMENT");
    }
    out.push('\n');
    for m in members {
        if with_instance {
            let _ = write!(
                out,
                "{:<gl$} {:<cl$} {:<il$} {:<hl$} {:<kl$} {:<15} ",
                group,
                m.member_id,
                m.instance_id.as_deref().unwrap_or(""),
                m.host,
                m.client_id,
                m.assignment.len()
            );
        } else {
            let _ = write!(
                out,
                "{:<gl$} {:<cl$} {:<hl$} {:<kl$} {:<15} ",
                group,
                m.member_id,
                m.host,
                m.client_id,
                m.assignment.len()
            );
        }
        if verbose && kafka4_columns {
            let (epoch, target_epoch) = m
                .epochs
                .as_ref()
                .map_or(("-".to_string(), "-".to_string()), |(e, t, _)| {
                    (e.to_string(), t.to_string())
                });
            let _ = write!(
                out,
                "{:<15} {:<cal$} {:<15} {:<tal$}",
                epoch,
                current(m),
                target_epoch,
                target(m)
            );
        } else if verbose {
            out.push_str(&format_assignment_column(
                &m.assignment,
                AssignmentColumnStyle::Scala,
            ));
        }
        out.push('\n');
    }
}

/// `--describe` offsets (`printOffsets`): GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET
/// LAG CONSUMER-ID HOST CLIENT-ID.
fn print_offsets(out: &mut String, group: &str, rows: &[[String; 8]]) {
    if rows.is_empty() {
        return;
    }
    let width = |i: usize| rows.iter().map(|r| r[i].len()).max().unwrap_or(0).max(15);
    let (gl, tl, cl, hl) = (group.len().max(15), width(0), width(5), width(6));
    let _ = writeln!(
        out,
        "\n{:<gl$} {:<tl$} {:<10} {:<15} {:<15} {:<15} {:<cl$} {:<hl$} {}",
        "GROUP",
        "TOPIC",
        "PARTITION",
        "CURRENT-OFFSET",
        "LOG-END-OFFSET",
        "LAG",
        "CONSUMER-ID",
        "HOST",
        "CLIENT-ID"
    );
    for r in rows {
        let _ = writeln!(
            out,
            "{:<gl$} {:<tl$} {:<10} {:<15} {:<15} {:<15} {:<cl$} {:<hl$} {}",
            group, r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7]
        );
    }
}

fn reset(
    cluster: &mut Cluster,
    p: &crate::cli::args::Parsed,
    group: &str,
    budget: u64,
) -> Result<String, String> {
    let topic = p
        .value("topic")
        .ok_or("One of the reset scopes should be defined: --all-topics, --topic.")?;
    let t = cluster
        .topics_meta()
        .get(topic)
        .ok_or_else(|| format!("Error: topic {topic} does not exist"))?;
    let partitions: Vec<u32> = t.assignment.keys().copied().collect();
    let specs = [p.has("to-earliest"), p.has("to-latest"), p.has("to-offset")]
        .iter()
        .filter(|x| **x)
        .count();
    if specs != 1 {
        return Err("Option [reset-offsets] takes exactly one reset specification: --to-earliest, --to-latest, --to-offset".into());
    }
    let to_offset: Option<u64> = p.number("to-offset")?;
    let mut out = String::new();
    // `describeConsumerGroups`: the admin client finds the coordinator, retrying by itself.
    admin_group_call(
        cluster,
        AdminRequest::FindGroupCoordinator {
            group: group.to_string(),
        },
        budget,
    )?;
    if let Some(g) = cluster
        .group_coordinator(group)
        .and_then(|b| b.groups.groups.get(group))
    {
        if let Some(cg) = g.consumer.as_ref().filter(|cg| !cg.members.is_empty()) {
            return Err(format!(
                "Error: Assignments can only be reset if the group '{group}' is inactive, but the current state is {}.",
                cg.state_name()
            ));
        }
        if g.consumer.is_none() && g.state != GroupState::Empty {
            return Err(format!(
                "Error: Assignments can only be reset if the group '{group}' is inactive, but the current state is {}.",
                g.state.name()
            ));
        }
    }
    let mut offsets = crate::idxmap::IdxMap::new();
    for part in partitions {
        let tp = TopicPartition::new(topic, part);
        let Some(leader) = cluster.leader_of(&tp).and_then(|l| cluster.brokers.get(&l)) else {
            continue;
        };
        let (Some(log), Some(state)) = (
            leader.replica_manager.logs.get(&tp),
            leader.replica_manager.partitions.get(&tp),
        ) else {
            continue;
        };
        let (start, end) = (log.log_start_offset(), state.hw);
        let o = match to_offset {
            // Out of range: clamped to the log, as Kafka warns and does.
            Some(o) => o.clamp(start, end),
            None if p.has("to-earliest") => start,
            None => end,
        };
        offsets.insert(tp, o);
    }
    let _ = writeln!(
        out,
        "\n{:<30} {:<30} {:<10} {:<15}",
        "GROUP", "TOPIC", "PARTITION", "NEW-OFFSET"
    );
    for (tp, o) in &offsets {
        let _ = writeln!(
            out,
            "{:<30} {:<30} {:<10} {:<15}",
            group, tp.topic, tp.partition, o
        );
    }
    if !p.has("execute") {
        return Ok(out);
    }
    // `alterConsumerGroupOffsets`: the admin client looks the coordinator up again and sends
    // it an OffsetCommit with no generation.
    match admin_group_call(
        cluster,
        AdminRequest::CommitGroupOffsets {
            group: group.to_string(),
            offsets,
        },
        budget,
    )? {
        GroupResponse::OffsetCommit(Ok(())) => Ok(out),
        GroupResponse::OffsetCommit(Err(e)) => {
            Err(format!("Error: could not reset offsets: {}", e.name()))
        }
        _ => Err("Error: the group coordinator is not available".into()),
    }
}

/// `ConsumerGroupCommand`'s `--timeout` default, which its admin calls take: 5000 ms in
/// Kafka 2.x, 30000 since 3.x.
fn tool_timeout_ms(cluster: &Cluster) -> u64 {
    match cluster.client_version {
        crate::cluster::producer::ClientVersion::V2_3 => 5_000,
        _ => 30_000,
    }
}

/// One group call through the admin client, waited for: its answer, or the tool's error
/// when the client gave up (its `TimeoutException` as `ConsumerGroupCommand` prints it:
/// Kafka 2.x lets the `ExecutionException` through, 3.x+ wraps it in a `RuntimeException`).
fn admin_group_call(
    cluster: &mut Cluster,
    req: AdminRequest,
    budget: u64,
) -> Result<GroupResponse, String> {
    if let Some(e) = super::offsets_topic_unavailable(cluster) {
        return Err(format!("Error: {e}"));
    }
    let unavailable = || "Error: the group coordinator is not available".to_string();
    let timeout = tool_timeout_ms(cluster);
    let request = cluster
        .admin_request_with_timeout(req, Some(timeout))
        .ok_or_else(unavailable)?;
    let start = cluster.processed();
    cluster.run_until(timeout + 1_000, |c| {
        c.processed() - start >= budget
            || c.admin_group_response(request).is_some()
            || c.admin_response(request).is_some()
    });
    if let Some(r) = cluster.admin_group_response(request) {
        return Ok(r.clone());
    }
    match cluster.admin_response(request) {
        Some(Err(e)) => Err(match cluster.client_version {
            crate::cluster::producer::ClientVersion::V2_3 => {
                format!("Error: Executing consumer group command failed due to {e}")
            }
            _ => format!(
                "Error: Executing consumer group command failed due to java.util.concurrent.ExecutionException: {e}"
            ),
        }),
        _ => Err(unavailable()),
    }
}
