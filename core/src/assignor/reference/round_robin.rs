//! `RoundRobinAssignor`: every subscribed partition dealt round the sorted members.

use super::*;

pub(super) fn round_robin(g: &Group) -> BTreeMap<String, Vec<TopicPartition>> {
    let mut out = g.empty_assignment();
    let mut members = g.order.clone();
    members.sort_by(|a, b| member_cmp(a, b));
    let mut at = 0usize;
    for topic in g.sorted_topics() {
        for p in 0..g.ppt[topic] {
            let mut tries = 0;
            while !members[at].topics.contains(topic) && tries < members.len() {
                at = (at + 1) % members.len();
                tries += 1;
            }
            if let Some(list) = out.get_mut(&members[at].member_id) {
                list.push(TopicPartition::new(topic.as_str(), p));
            }
            at = (at + 1) % members.len();
        }
    }
    out
}
