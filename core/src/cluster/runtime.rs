//! The event loop: pop the next due item, hand it to its node's handler, turn the handler's effects into deliveries and timers on the simulated network.

use super::broker::Broker;
use super::msg::{Ctx, Effect, Msg, Timer};
use super::zookeeper::ZooKeeper;
use super::{handle, invariants, Cluster, Delivery, Item, ADMIN, CONSUMER_BASE, RECENT_DELIVERIES};
use crate::event::{Event, Logged};
use crate::model::{BrokerId, NodeId, TopicPartition};
use crate::sim::Millis;
use std::collections::BTreeSet;

impl Cluster {
    /// Runs every item due up to `now + ms`, then sets the clock there.
    pub fn advance(&mut self, ms: Millis) {
        let until = self.now.saturating_add(ms);
        while let Some(s) = self.queue.pop_due(until) {
            self.now = s.at;
            self.dispatch(s.item);
        }
        self.now = until;
    }

    /// Like [`Cluster::advance`], but stops after `max_items` items. Returns false if it had
    /// to stop early (the clock then stays at the last item run).
    pub fn advance_bounded(&mut self, ms: Millis, max_items: u64) -> bool {
        let until = self.now.saturating_add(ms);
        let start = self.processed;
        while let Some(at) = self.queue.next_at().filter(|&at| at <= until) {
            if self.processed - start >= max_items {
                return false;
            }
            if let Some(s) = self.queue.pop_due(at) {
                self.now = s.at;
                self.dispatch(s.item);
            }
        }
        self.now = until;
        true
    }

    /// Runs the next item only, moving the clock to it. Returns false if nothing is queued.
    pub fn step(&mut self) -> bool {
        match self.queue.pop_due(Millis::MAX) {
            Some(s) => {
                self.now = s.at;
                self.dispatch(s.item);
                true
            }
            None => false,
        }
    }

    /// Runs items until `processed` items have been handled since the start (never past
    /// `at`), then sets the clock to `at`. Replaying a journal uses this to stop exactly where
    /// a command originally ran, even between two items due at the same millisecond.
    pub fn run_to(&mut self, at: Millis, processed: u64) {
        while self.processed < processed {
            match self.queue.pop_due(at) {
                Some(s) => {
                    self.now = s.at;
                    self.dispatch(s.item);
                }
                None => break,
            }
        }
        self.now = self.now.max(at);
    }

    /// Runs items until `done` holds (checked after each item) or `max_ms` have passed.
    /// Returns whether `done` held.
    pub fn run_until(&mut self, max_ms: Millis, mut done: impl FnMut(&Cluster) -> bool) -> bool {
        let deadline = self.now.saturating_add(max_ms);
        loop {
            if done(self) {
                return true;
            }
            match self.queue.pop_due(deadline) {
                Some(s) => {
                    self.now = s.at;
                    self.dispatch(s.item);
                }
                None => {
                    self.now = deadline;
                    return done(self);
                }
            }
        }
    }

    /// True when a controller is elected, every live broker is registered and knows the
    /// controller, and every created partition has had its first leader.
    pub fn is_settled(&self) -> bool {
        self.metadata_source().settled()
    }

    pub(super) fn with_zk(&mut self, f: impl FnOnce(&mut ZooKeeper, &mut Ctx<'_>) -> bool) {
        let (_, out, events) = handle(self.now, &mut self.rng, &mut self.zk, f);
        self.apply(NodeId::ZooKeeper, out, events);
    }

    pub(super) fn send(&mut self, from: NodeId, to: NodeId, msg: Msg) {
        let admin_metadata = (from == ADMIN || to == ADMIN)
            && match &msg {
                Msg::Metadata { .. } | Msg::MetadataResponse { .. } => true,
                Msg::Undeliverable(inner) => matches!(**inner, Msg::Metadata { .. }),
                _ => false,
            };
        let rng = if admin_metadata {
            &mut self.admin_rng
        } else {
            &mut self.rng
        };
        let earliest = self.now + self.net.transit_ms(rng);
        let last = self.link_clock.entry((from, to)).or_insert(0);
        let at = earliest.max(*last);
        *last = at;
        let dropped = self.faults.drop_per_million > 0
            && self.rng.below(1_000_000) < u64::from(self.faults.drop_per_million);
        let lost = from != to && (self.faults.is_cut(from, to) || dropped);
        self.queue.push(
            at,
            Item::Deliver {
                from,
                to,
                sent_at: self.now,
                msg,
                lost,
            },
        );
    }

    pub(super) fn incarnation(&self, node: NodeId) -> u32 {
        match node {
            NodeId::Broker(b) => self.brokers.get(&b).map_or(0, |x| x.incarnation),
            NodeId::Client(c) if c >= CONSUMER_BASE => {
                self.consumers.get(&c).map_or(0, |p| p.incarnation)
            }
            NodeId::Client(c) => self.producers.get(&c).map_or(0, |p| p.incarnation),
            NodeId::ZooKeeper => 0,
            NodeId::Controller(c) => self.controllers.get(&c).map_or(0, |x| x.incarnation),
        }
    }

    pub(super) fn apply(&mut self, node: NodeId, effects: Vec<Effect>, events: Vec<Event>) {
        if let NodeId::Broker(id) = node {
            self.observe_page_cache(id, &effects);
        }
        if let NodeId::Client(id) = node {
            if let Some(c) = self.consumers.get(&id) {
                self.ownership.observe(self.now, id, c);
            }
        }
        for e in events {
            if let Event::TopicDeleted { topic } = &e {
                self.ledger.topic_deleted(topic);
            }
            self.log_items.push(self.processed);
            self.log.push(Logged {
                at: self.now,
                event: e,
            });
        }
        for eff in effects {
            match eff {
                Effect::Send { to, msg } => self.send(node, to, msg),
                Effect::Ledger(note) => self.ledger.apply(note, self.now),
                Effect::SetTimer { after, timer } => {
                    let incarnation = self.incarnation(node);
                    self.queue.push(
                        self.now + after,
                        Item::Timer {
                            node,
                            incarnation,
                            timer,
                        },
                    );
                }
            }
        }
    }

    /// Shows a broker machine's page cache what the step wrote (the partitions it marked
    /// dirty) and what the fetch answers it sends read. Observes only: nothing here changes
    /// what the simulation does.
    pub(super) fn observe_page_cache(&mut self, id: BrokerId, effects: &[Effect]) {
        let now = self.now;
        let Some(b) = self.brokers.get_mut(&id) else {
            return;
        };
        let cache = &mut b.page_cache;
        if b.replica_manager.dirty_all {
            cache.retain_partitions(&b.replica_manager.logs.keys().collect());
            for (tp, log) in &b.replica_manager.logs {
                cache.observe_log(now, tp, log.files());
            }
        } else {
            for tp in &b.replica_manager.dirty {
                if let Some(log) = b.replica_manager.logs.get(tp) {
                    cache.observe_log(now, tp, log.files());
                }
            }
        }
        for eff in effects {
            let Effect::Send { to, msg } = eff else {
                continue;
            };
            let reads: Vec<(&TopicPartition, &[crate::log::Record])> = match msg {
                Msg::FetchResponse { partitions, .. } => partitions
                    .iter()
                    .map(|p| (&p.tp, p.records.as_slice()))
                    .collect(),
                Msg::ConsumerFetchResponse { partitions, .. } => partitions
                    .iter()
                    .map(|p| (&p.tp, p.records.as_slice()))
                    .collect(),
                _ => continue,
            };
            for (tp, records) in reads {
                if let (Some(first), Some(last), Some(log)) = (
                    records.first(),
                    records.last(),
                    b.replica_manager.logs.get(tp),
                ) {
                    cache.read(
                        now,
                        *to,
                        tp,
                        log.files(),
                        first.offset as i64,
                        last.offset as i64,
                    );
                }
            }
        }
    }

    pub(super) fn with_broker(&mut self, id: BrokerId, f: impl FnOnce(&mut Broker, &mut Ctx<'_>)) {
        if let Some(b) = self.brokers.get_mut(&id) {
            let ((), out, events) = handle(self.now, &mut self.rng, b, f);
            self.apply(NodeId::Broker(id), out, events);
        }
    }

    pub(super) fn dispatch(&mut self, item: Item) {
        self.processed += 1;
        let (mut out, mut events) = (Vec::new(), Vec::new());
        let node = match item {
            Item::Deliver {
                from,
                to,
                msg,
                sent_at,
                lost,
            } => {
                let alive = match to {
                    NodeId::Broker(id) => self.brokers.get(&id).is_some_and(|b| b.alive),
                    NodeId::Controller(id) => self.controllers.get(&id).is_some_and(|c| c.alive),
                    _ => true,
                };
                if self.recent.len() == RECENT_DELIVERIES {
                    self.recent.pop_front();
                }
                self.recent.push_back(Delivery {
                    seq: self.processed,
                    from,
                    to,
                    kind: msg.kind(),
                    sent_at,
                    at: self.now,
                    dropped: lost || !alive,
                });
                if lost {
                    self.dropped += 1;
                    return;
                }
                let mut ctx = Ctx {
                    now: self.now,
                    out: &mut out,
                    events: &mut events,
                    rng: if to == ADMIN {
                        &mut self.admin_rng
                    } else {
                        &mut self.rng
                    },
                };
                match to {
                    NodeId::ZooKeeper => self.zk.on_message(&mut ctx, from, msg),
                    NodeId::Broker(id) => match self.brokers.get_mut(&id) {
                        Some(b) if b.alive => b.on_message(&mut ctx, from, msg, &self.config),
                        _ => {
                            self.dropped += 1;
                            // A dead broker's host refuses the connection: requests bounce.
                            if msg.is_request() {
                                ctx.send(from, Msg::Undeliverable(Box::new(msg)));
                            }
                        }
                    },
                    NodeId::Controller(id) => match self.controllers.get_mut(&id) {
                        Some(c) if c.alive => c.on_message(&mut ctx, from, msg),
                        _ => {
                            self.dropped += 1;
                            if msg.is_request() {
                                ctx.send(from, Msg::Undeliverable(Box::new(msg)));
                            }
                        }
                    },
                    ADMIN => self.admin.on_message(&mut ctx, from, msg),
                    NodeId::Client(c) => {
                        if let Some(p) = self.producers.get_mut(&c) {
                            p.on_message(&mut ctx, msg);
                        } else if let Some(k) = self.consumers.get_mut(&c) {
                            k.on_message(&mut ctx, msg);
                        }
                    }
                }
                to
            }
            Item::Timer {
                node,
                incarnation,
                timer,
            } => {
                let mut ctx = Ctx {
                    now: self.now,
                    out: &mut out,
                    events: &mut events,
                    rng: if node == ADMIN {
                        &mut self.admin_rng
                    } else {
                        &mut self.rng
                    },
                };
                match node {
                    NodeId::ZooKeeper => self.zk.on_timer(&mut ctx, timer),
                    NodeId::Controller(id) => {
                        if let Some(c) = self.controllers.get_mut(&id) {
                            if c.alive && c.incarnation == incarnation {
                                c.on_timer(&mut ctx, timer);
                            }
                        }
                    }
                    NodeId::Broker(id) => {
                        if let Some(b) = self.brokers.get_mut(&id) {
                            if b.alive && b.incarnation == incarnation {
                                b.on_timer(&mut ctx, timer, &self.config);
                            }
                        }
                    }
                    ADMIN => self.admin.on_timer(&mut ctx, timer),
                    NodeId::Client(c) => {
                        if let Some(p) = self.producers.get_mut(&c) {
                            if p.incarnation == incarnation {
                                p.on_timer(&mut ctx, timer);
                            }
                        } else if let Some(k) = self.consumers.get_mut(&c) {
                            if k.incarnation == incarnation {
                                if let Timer::ConsumerAppPoll { run } = timer {
                                    let read = k.app_poll(&mut ctx, run);
                                    self.ledger.read.extend(read);
                                } else {
                                    k.on_timer(&mut ctx, timer);
                                }
                            }
                        }
                    }
                }
                node
            }
        };
        self.apply(node, out, events);
        if self.combined {
            if let NodeId::Broker(b) = node {
                self.after_combined_broker_step(b);
            }
        }
        let (all, dirty) = match node {
            NodeId::Broker(b) => match self.brokers.get_mut(&b) {
                Some(b) => (
                    std::mem::take(&mut b.replica_manager.dirty_all),
                    std::mem::take(&mut b.replica_manager.dirty),
                ),
                None => (false, BTreeSet::new()),
            },
            _ => (false, BTreeSet::new()),
        };
        if !all && dirty.is_empty() && node != NodeId::ZooKeeper {
            return;
        }
        let found = invariants::check(
            &mut self.monitor,
            &self.zk,
            &self.brokers,
            node,
            (!all).then_some(&dirty),
        );
        if !found.is_empty() {
            self.record_violations(found);
        }
    }

    pub(super) fn record_violations(&mut self, found: Vec<invariants::Violation>) {
        for v in found {
            if !self.violations.contains(&v) {
                self.log_items.push(self.processed);
                self.log.push(Logged {
                    at: self.now,
                    event: Event::InvariantBroken {
                        name: v.name,
                        detail: v.detail.clone(),
                    },
                });
                self.violations.push(v);
            }
        }
    }
}
