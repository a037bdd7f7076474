//! The "compare eras" view's runs (kweb): the same script — 3 brokers, topic `orders` with
//! replication factor 3, then kill broker 1, then kill the controller — in two labs at once,
//! one in ZooKeeper mode and one in KRaft mode, stepped by the page's one frame clock.
//!
//! This view is OUTSIDE the time machine: its two labs are private to it, their commands are
//! not journaled in the user's run, and rewinding the page does not move them. What it shows
//! (how many virtual ms after a kill something happened) is read from the runs' own event
//! logs and snapshots, never written in the text.

use kafka_lab::cli::Lab;
use kafka_lab::event::Event;
use kafka_lab::sim::Millis;
use kafka_lab::view::ClusterView;

use super::DEFAULT_SETUP;

/// Events handled at most per lab per frame (as the page's own frame budget).
const BUDGET: u64 = 200_000;

/// The broker the script kills first: broker 1, unless it holds ZooKeeper mode's
/// `/controller` (the first broker up usually does), then the next one — so step 1 kills a
/// plain broker in both eras and step 2 the controller.
pub fn first_victim(zk_controller: Option<u32>, brokers: &[u32]) -> u32 {
    brokers
        .iter()
        .copied()
        .find(|&b| Some(b) != zk_controller)
        .unwrap_or(1)
}

/// The two eras, in the order they are drawn.
pub const ERAS: [bool; 2] = [false, true];

/// One era's lab and what happened in it.
pub struct EraRun {
    /// KRaft mode (else ZooKeeper mode).
    pub kraft: bool,
    /// The lab (private to this view).
    pub lab: Lab,
    /// Its snapshot after the last frame.
    pub view: ClusterView,
    /// The broker killed in step 1, and when (virtual time).
    pub broker_killed: Option<u32>,
    /// Virtual time that broker was killed.
    pub broker_killed_at: Option<Millis>,
    /// The killed broker left the cluster's live set: ZooKeeper expired its session, or the active
    /// controller fenced it (virtual time).
    pub broker_gone_at: Option<Millis>,
    /// The controller killed in step 2 (a broker id, or a controller's node id), and when.
    pub controller_killed: Option<(u32, Millis)>,
    /// The new controller after step 2: who, its epoch, and when.
    pub new_controller: Option<(u32, u32, Millis)>,
    /// A setup or step command that failed (Kafka's or the lab's words).
    pub error: Option<String>,
}

impl EraRun {
    fn new(kraft: bool) -> Self {
        let mut lab = Lab::default();
        let mut error = None;
        let setup = [
            if kraft {
                "brokers 3 --mode kraft"
            } else {
                "brokers 3"
            },
            // Let the quorum elect its leader and the brokers register first.
            "advance 3s",
            DEFAULT_SETUP,
            "advance 2s",
        ];
        for line in setup {
            if let Err(e) = lab.run(line).result {
                error.get_or_insert(format!("{line}: {e}"));
            }
        }
        let view = ClusterView::of(lab.cluster());
        EraRun {
            kraft,
            lab,
            view,
            broker_killed: None,
            broker_killed_at: None,
            broker_gone_at: None,
            controller_killed: None,
            new_controller: None,
            error,
        }
    }

    fn run(&mut self, line: &str) {
        if let Err(e) = self.lab.run(line).result {
            self.error = Some(format!("{line}: {e}"));
        }
        self.observe();
    }

    /// The controller now: the broker holding `/controller`, or the active KRaft controller.
    pub fn controller(&self) -> Option<u32> {
        match &self.view.kraft {
            Some(k) => k.leader,
            None => self.view.controller,
        }
    }

    /// The controller's epoch now.
    pub fn controller_epoch(&self) -> u32 {
        match &self.view.kraft {
            Some(k) => k.epoch,
            None => self.view.controller_epoch,
        }
    }

    /// Reads what happened since the kills from the lab's event log: ZooKeeper's session
    /// expiry or the controller's `FenceBroker`; a new `/controller` or a new quorum leader.
    fn observe(&mut self) {
        self.view = ClusterView::of(self.lab.cluster());
        let log = self.lab.cluster().log();
        if let (Some(at), Some(victim), None) = (
            self.broker_killed_at,
            self.broker_killed,
            self.broker_gone_at,
        ) {
            self.broker_gone_at = log.iter().find_map(|l| {
                let gone = match l.event {
                    Event::SessionExpired { broker } => broker == victim,
                    Event::KraftBrokerFenced { broker, .. } => broker == victim,
                    _ => false,
                };
                (l.at >= at && gone).then_some(l.at)
            });
        }
        if let (Some((old, at)), None) = (self.controller_killed, self.new_controller) {
            self.new_controller = log.iter().find_map(|l| match l.event {
                Event::ControllerElected { broker, epoch } if l.at >= at && broker != old => {
                    Some((broker, epoch, l.at))
                }
                Event::KraftLeaderElected { node, epoch, .. } if l.at >= at && node != old => {
                    Some((node, epoch, l.at))
                }
                _ => None,
            });
        }
    }
}

/// Both runs, and the frame clock's carry.
pub struct CompareRun {
    /// ZooKeeper mode first, KRaft mode second.
    pub eras: [EraRun; 2],
    /// Steps taken (0: set up, 1: broker killed, 2: controller killed).
    pub step: u8,
    last_real: Option<f64>,
    carry: f64,
}

impl Default for CompareRun {
    fn default() -> Self {
        Self::new()
    }
}

impl CompareRun {
    /// Both labs set up.
    pub fn new() -> Self {
        let mut eras = ERAS.map(EraRun::new);
        // Setting up may take each mode a different time: start both clocks together.
        let latest = eras
            .iter()
            .map(|e| e.lab.cluster().now())
            .max()
            .unwrap_or(0);
        for e in &mut eras {
            let behind = latest - e.lab.cluster().now();
            if behind > 0 {
                e.lab.advance_bounded(behind, BUDGET);
                e.observe();
            }
        }
        CompareRun {
            eras,
            step: 0,
            last_real: None,
            carry: 0.0,
        }
    }

    /// The broker step 1 kills (the same in both runs).
    pub fn victim(&self) -> u32 {
        let zk = &self.eras[0];
        let ids: Vec<u32> = zk.view.brokers.iter().map(|b| b.id).collect();
        first_victim(zk.view.controller, &ids)
    }

    /// Step 1: kill the same broker in both runs at the same virtual moment.
    pub fn kill_broker(&mut self) {
        let victim = self.victim();
        for e in &mut self.eras {
            if e.broker_killed_at.is_none() {
                e.broker_killed = Some(victim);
                e.broker_killed_at = Some(e.lab.cluster().now());
                e.run(&format!("kill-broker {victim}"));
            }
        }
        self.step = self.step.max(1);
    }

    /// Step 2: kill the controller: the broker holding `/controller`, or the active KRaft
    /// controller.
    pub fn kill_controller(&mut self) {
        for e in &mut self.eras {
            if e.controller_killed.is_some() {
                continue;
            }
            let Some(c) = e.controller() else {
                continue;
            };
            let combined = e.view.kraft.as_ref().is_some_and(|k| k.combined);
            let line = if e.kraft && !combined {
                format!("kill-controller {c}")
            } else {
                format!("kill-broker {c}")
            };
            e.controller_killed = Some((c, e.lab.cluster().now()));
            e.run(&line);
        }
        self.step = 2;
    }

    /// Advances both labs by the same virtual time: `speed` virtual ms per real ms since the
    /// last frame (`real_now`, ms), when `playing`.
    pub fn frame(&mut self, real_now: f64, speed: f64, playing: bool) {
        let dt = self
            .last_real
            .map_or(0.0, |l| (real_now - l).clamp(0.0, 100.0));
        self.last_real = Some(real_now);
        if !playing {
            return;
        }
        let virt = dt * speed + self.carry;
        let whole = virt.floor();
        self.carry = virt - whole;
        self.advance(whole as Millis);
    }

    /// Advances both labs by `ms` virtual milliseconds.
    pub fn advance(&mut self, ms: Millis) {
        if ms == 0 {
            return;
        }
        for e in &mut self.eras {
            e.lab.advance_bounded(ms, BUDGET);
            e.observe();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn step_one_kills_a_broker_that_is_not_the_zookeeper_controller() {
        assert_eq!(first_victim(Some(1), &[1, 2, 3]), 2);
        assert_eq!(first_victim(Some(2), &[1, 2, 3]), 1);
        assert_eq!(first_victim(None, &[1, 2, 3]), 1);
        let run = CompareRun::new();
        assert_ne!(Some(run.victim()), run.eras[0].controller());
    }

    #[test]
    fn zookeeper_expires_the_session_after_the_kill() {
        let mut run = CompareRun::new();
        let zk = &run.eras[0];
        assert!(zk.error.is_none(), "{:?}", zk.error);
        assert_eq!(zk.view.brokers.len(), 3);
        assert!(zk.view.kraft.is_none());
        run.kill_broker();
        assert_eq!(run.step, 1);
        let killed = run.eras[0].broker_killed_at.unwrap();
        for _ in 0..40 {
            run.advance(1_000);
        }
        let gone = run.eras[0].broker_gone_at.expect("the session expires");
        // The lab's zookeeper.session.timeout.ms, read from the run, not assumed here.
        assert!(gone > killed, "{gone} > {killed}");
        // Both labs advanced together.
        assert_eq!(
            run.eras[0].lab.cluster().now(),
            run.eras[1].lab.cluster().now()
        );
    }

    #[test]
    fn killing_the_zookeeper_controller_elects_another_broker() {
        let mut run = CompareRun::new();
        let old = run.eras[0].controller().expect("a controller");
        run.kill_controller();
        for _ in 0..40 {
            run.advance(1_000);
        }
        let (new, epoch, at) = run.eras[0].new_controller.expect("a new controller");
        assert_ne!(new, old);
        assert!(epoch >= 2 && at >= run.eras[0].controller_killed.unwrap().1);
    }

    #[test]
    fn kraft_fences_the_broker_and_elects_a_new_active_controller() {
        let mut run = CompareRun::new();
        let kr = &run.eras[1];
        assert!(kr.error.is_none(), "{:?}", kr.error);
        let old = kr.controller().expect("an active controller");
        let epoch = kr.controller_epoch();
        run.kill_broker();
        let killed = run.eras[1].broker_killed_at.unwrap();
        for _ in 0..20 {
            run.advance(1_000);
        }
        let fenced = run.eras[1].broker_gone_at.expect("fenced");
        // broker.session.timeout.ms (9000 in Kafka 4.1) since the last heartbeat: the
        // number shown is the run's own.
        assert!(
            fenced > killed && fenced - killed <= 9_000,
            "{}",
            fenced - killed
        );
        run.kill_controller();
        for _ in 0..20 {
            run.advance(1_000);
        }
        let (new, e, _) = run.eras[1].new_controller.expect("a new leader");
        assert_ne!(new, old);
        assert!(e > epoch);
    }

    #[test]
    fn the_frame_clock_carries_fractions_and_stops_when_paused() {
        let mut run = CompareRun::new();
        let t0 = run.eras[0].lab.cluster().now();
        run.frame(1000.0, 0.5, true);
        run.frame(1016.0, 0.5, true);
        run.frame(1032.0, 0.5, true);
        assert_eq!(run.eras[0].lab.cluster().now(), t0 + 16);
        run.frame(1048.0, 0.5, false);
        assert_eq!(run.eras[0].lab.cluster().now(), t0 + 16);
    }
}
