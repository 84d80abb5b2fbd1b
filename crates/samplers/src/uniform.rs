//! Uniform building blocks made directly from `Rng::next_u64`.
//!
//! Floats use the top 53 bits of one 64-bit word, which gives every multiple
//! of `2⁻⁵³` in `[0, 1)` with equal probability. Bounded integers use
//! Lemire's multiply-and-reject method ("Fast random integer generation in an
//! interval", ACM TOMACS 29(1), 2019), which is exact and usually needs no
//! division.

use rand::Rng;

/// `2⁻⁵³`.
const SCALE: f64 = 1.0 / (1u64 << 53) as f64;

/// Uniform on `[0, 1)`, a multiple of `2⁻⁵³`.
#[inline]
pub fn uniform01<R: Rng + ?Sized>(rng: &mut R) -> f64 {
    (rng.next_u64() >> 11) as f64 * SCALE
}

/// Uniform on the open interval `(0, 1)`: the midpoints `(j + ½)·2⁻⁵³`, so it
/// can be divided by or passed to `ln` safely.
#[inline]
pub fn uniform01_open<R: Rng + ?Sized>(rng: &mut R) -> f64 {
    ((rng.next_u64() >> 11) as f64 + 0.5) * SCALE
}

/// Exactly uniform integer in `[0, bound)`; returns 0 when `bound == 0`
/// (an empty range has no valid answer, and this must not panic).
#[inline]
pub fn uniform_below<R: Rng + ?Sized>(rng: &mut R, bound: u64) -> u64 {
    if bound == 0 {
        return 0;
    }
    let mut m = rng.next_u64() as u128 * bound as u128;
    if (m as u64) < bound {
        // Only low words below 2⁶⁴ mod bound are over-represented; the
        // modulo is computed on this rare path alone.
        let threshold = bound.wrapping_neg() % bound;
        while (m as u64) < threshold {
            m = rng.next_u64() as u128 * bound as u128;
        }
    }
    (m >> 64) as u64
}
