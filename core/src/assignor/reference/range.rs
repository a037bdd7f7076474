//! `RangeAssignor`: per topic, consecutive ranges for the sorted subscribed members.

use super::*;

pub(super) fn range(g: &Group) -> BTreeMap<String, Vec<TopicPartition>> {
    let mut out = g.empty_assignment();
    for topic in &g.topic_order {
        let n = g.ppt[topic];
        let mut consumers: Vec<&Subscription> = g
            .order
            .iter()
            .filter(|m| m.topics.contains(topic))
            .copied()
            .collect();
        if consumers.is_empty() {
            continue;
        }
        consumers.sort_by(|a, b| member_cmp(a, b));
        let c = consumers.len() as u32;
        let (each, extra) = (n / c, n % c);
        let mut next = 0u32;
        for (i, m) in consumers.iter().enumerate() {
            let count = each + u32::from((i as u32) < extra);
            if let Some(list) = out.get_mut(&m.member_id) {
                list.extend((next..next + count).map(|p| TopicPartition::new(topic.as_str(), p)));
            }
            next += count;
        }
    }
    out
}
