//! The deterministic simulation kernel: virtual time, an ordered event queue, a seeded PRNG
//! and a network with configurable delay.
//!
//! Nothing here reads a wall clock. Time is a `u64` count of virtual milliseconds that only
//! moves when the queue is drained up to a later instant. Two events due at the same
//! millisecond run in the order they were scheduled (a sequence number breaks the tie), so a
//! seed plus the list of commands given determines the whole run.

pub mod queue;
pub mod rng;

pub use queue::EventQueue;
pub use rng::SimRng;

/// Virtual milliseconds since the simulation began.
pub type Millis = u64;

/// The simulated network: every message takes `delay_ms` plus up to `jitter_ms` more.
///
/// Faults (cut links, slow nodes, dropped messages) are added by the replication lab; the
/// shape is here so that every message already crosses it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Network {
    /// One-way delay of every message, in virtual milliseconds.
    pub delay_ms: Millis,
    /// Extra random delay, uniform in `0..=jitter_ms`.
    pub jitter_ms: Millis,
}

impl Default for Network {
    fn default() -> Self {
        Self {
            delay_ms: 2,
            jitter_ms: 1,
        }
    }
}

impl Network {
    /// How long the next message takes to arrive.
    pub fn transit_ms(&self, rng: &mut SimRng) -> Millis {
        let jitter = if self.jitter_ms == 0 {
            0
        } else {
            rng.below(self.jitter_ms + 1)
        };
        self.delay_ms.max(1) + jitter
    }
}
