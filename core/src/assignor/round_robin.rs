//! `RoundRobinAssignor`: every subscribed partition dealt round the sorted members.

use super::*;

pub(super) fn round_robin(g: &Group) -> Vec<Vec<Part>> {
    let members = g.sorted_members();
    let mut at = 0usize;
    // Each partition's member, dealt first; then every member's list allocated once at its
    // final size and filled in partition order.
    let mut owner: Vec<Member> = Vec::with_capacity(g.total);
    let mut sizes = vec![0usize; g.members.len()];
    // Topics by `String.compareTo` (the `Topic` order), each one's partitions in order.
    for p in 0..g.total as Part {
        let topic = g.part_topic[p as usize];
        let mut tries = 0;
        while !g.subscribes(members[at], topic) && tries < members.len() {
            at = (at + 1) % members.len();
            tries += 1;
        }
        owner.push(members[at]);
        sizes[members[at] as usize] += 1;
        at = (at + 1) % members.len();
    }
    let mut out: Vec<Vec<Part>> = sizes.into_iter().map(Vec::with_capacity).collect();
    for (p, m) in owner.into_iter().enumerate() {
        out[m as usize].push(p as Part);
    }
    out
}
