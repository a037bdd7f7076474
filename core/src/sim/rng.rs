//! The simulation's only source of randomness.
//!
//! A ChaCha8 stream seeded from a `u64`. Every draw goes through methods that use fixed-width
//! integers (never `usize`), so one seed gives the same sequence on x86_64 and wasm32.

use rand_chacha::ChaCha8Rng;
use rand_core::{RngCore, SeedableRng};

/// A seeded, platform-independent pseudo-random number generator.
#[derive(Clone, Debug)]
pub struct SimRng {
    inner: ChaCha8Rng,
}

/// Where the stream stands (the seed and the position in it).
impl std::hash::Hash for SimRng {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.inner.get_seed().hash(h);
        self.inner.get_word_pos().hash(h);
    }
}

impl SimRng {
    /// A generator whose whole sequence is determined by `seed`.
    pub fn new(seed: u64) -> Self {
        Self {
            inner: ChaCha8Rng::seed_from_u64(seed),
        }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.inner.next_u64()
    }

    /// A uniform draw from `0..n` (`n > 0`), without modulo bias (Lemire's method).
    pub fn below(&mut self, n: u64) -> u64 {
        assert!(n > 0, "below(0)");
        // Rejection sampling on the 128-bit product keeps the draw exactly uniform.
        let threshold = n.wrapping_neg() % n;
        loop {
            let m = u128::from(self.next_u64()) * u128::from(n);
            if (m as u64) >= threshold {
                return (m >> 64) as u64;
            }
        }
    }

    /// A uniform draw from `lo..=hi`.
    pub fn between(&mut self, lo: u64, hi: u64) -> u64 {
        debug_assert!(lo <= hi);
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `p` (clamped to 0..=1).
    pub fn chance(&mut self, p: f64) -> bool {
        if p <= 0.0 {
            return false;
        }
        if p >= 1.0 {
            return true;
        }
        // 53 random bits give every representable probability step of an f64 in [0, 1).
        let x = (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        x < p
    }

    /// 16 random bytes, e.g. for a topic id.
    pub fn bytes16(&mut self) -> [u8; 16] {
        let mut out = [0u8; 16];
        out[..8].copy_from_slice(&self.next_u64().to_be_bytes());
        out[8..].copy_from_slice(&self.next_u64().to_be_bytes());
        out
    }
}

/// The first draw of seed 42, recorded on x86_64. The wasm tests assert the same value in the
/// browser, proving that a seed means the same run on both platforms.
pub const KNOWN_FIRST_U64_OF_SEED_42: u64 = 12_578_764_544_318_200_737;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_sequence_and_known_first_values() {
        let mut a = SimRng::new(42);
        let mut b = SimRng::new(42);
        let xs: Vec<u64> = (0..5).map(|_| a.next_u64()).collect();
        let ys: Vec<u64> = (0..5).map(|_| b.next_u64()).collect();
        assert_eq!(xs, ys);
        // Pinned so that a change of algorithm (which would change every recorded run) is noticed.
        // The same value is asserted by the wasm test in web/tests.
        assert_eq!(SimRng::new(42).next_u64(), KNOWN_FIRST_U64_OF_SEED_42);
        assert_ne!(SimRng::new(43).next_u64(), KNOWN_FIRST_U64_OF_SEED_42);
    }

    #[test]
    fn below_is_in_range_and_covers_it() {
        let mut r = SimRng::new(7);
        let mut seen = [0u32; 5];
        for _ in 0..5000 {
            let x = r.below(5);
            assert!(x < 5);
            seen[x as usize] += 1;
        }
        assert!(seen.iter().all(|&c| c > 800), "not uniform: {seen:?}");
    }

    #[test]
    fn chance_extremes() {
        let mut r = SimRng::new(1);
        assert!(!r.chance(0.0));
        assert!(r.chance(1.0));
        let hits = (0..10_000).filter(|_| r.chance(0.25)).count();
        assert!((2200..2800).contains(&hits), "{hits}");
    }
}
