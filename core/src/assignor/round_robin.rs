//! `RoundRobinAssignor`: every subscribed partition dealt round the sorted members.

use super::*;

pub(super) fn round_robin(g: &Group) -> Vec<Vec<Part>> {
    let mut out = g.empty_assignment();
    let members = g.sorted_members();
    let mut at = 0usize;
    // Topics by `String.compareTo` (the `Topic` order), each one's partitions in order.
    for p in 0..g.total as Part {
        let topic = g.part_topic[p as usize];
        let mut tries = 0;
        while !g.subscribes(members[at], topic) && tries < members.len() {
            at = (at + 1) % members.len();
            tries += 1;
        }
        out[members[at] as usize].push(p);
        at = (at + 1) % members.len();
    }
    out
}
