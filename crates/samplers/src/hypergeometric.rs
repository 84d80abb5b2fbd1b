//! Hypergeometric variates: the number of marked items among `draws` taken
//! without replacement from `population` items of which `marked` are marked.
//!
//! Symmetries first move every case into the corner `draws ≤ marked ≤
//! population/2`, where the support is `[0, draws]`:
//! complementing the sample (`draws → population − draws`, `X → marked − X`),
//! complementing the marking (`marked → population − marked`,
//! `X → draws − X`) and exchanging the roles of `draws` and `marked`, which
//! leaves the distribution unchanged. Then one of three exact methods runs:
//!
//! * **Urn loop** for at most [`URN_MAX_DRAWS`] draws: one exactly uniform
//!   integer per draw, no floating point at all.
//! * **HIN** (inversion) for a mode below [`HIN_MAX_MODE`]: sequential search
//!   from 0 along the pmf recurrence, started from `f(0)` computed with
//!   log-factorial differences.
//! * **HRUA**, ratio of uniforms with Stadlober's table-mountain hat:
//!   E. Stadlober, "Sampling from Poisson, binomial and hypergeometric
//!   distributions: ratio of uniforms as a simple and fast alternative",
//!   Bericht 303, Math.-Stat. Sektion, Forschungsgesellschaft Joanneum, Graz
//!   (1989), and "The ratio of uniforms approach for generating discrete
//!   random variates", J. Comput. Appl. Math. 31 (1990) 181–189. The hat is
//!   centred at `μ + ½` with width `2√(2/e)·√(σ² + ½) + 3 − 2√(3/e)`.
//!   Unlike common implementations the hat is not truncated at `μ + 16σ`, so
//!   no tail mass is dropped; far proposals are rejected by the squeeze.
//!
//! The acceptance test of HRUA needs `ln f(z)/f(m)`, a signed sum of eight
//! log-factorials of arguments up to the population size. Evaluated naively
//! at population 10¹⁰ that sum has an absolute error near 1e-4; here the big
//! Stirling terms are cancelled analytically (see `HruaSetup::ln_ratio`) so
//! the error is proportional to the result.

use crate::log_factorial::{
    STIRLING_ERR, ln_1p_fast, ln_fact_diff, ln_fact_ratio, stirling_err, stirling_err_from_recip,
};
use crate::uniform::{uniform_below, uniform01, uniform01_open};
use rand::Rng;

/// Corner cases with at most this many draws use the urn loop.
///
/// The loop costs ~1.9 ns per draw on the benchmark machine; the cheapest
/// alternative (HIN with a mode of 0) costs ~50 ns, so the loop wins up to
/// about 25 draws whatever the other parameters.
pub const URN_MAX_DRAWS: u64 = 24;

/// Corner cases whose mode is below this use inversion (HIN), others HRUA.
/// Must stay ≥ 1: HRUA's setup needs every factorial argument at the mode ≥ 1.
///
/// HIN costs ~85 ns plus ~2.7 ns per unit of mode on the benchmark machine,
/// HRUA a flat ~145 ns; they break even between modes 20 and 25.
pub const HIN_MAX_MODE: u64 = 24;

/// `2√(2/e)`: ratio-of-uniforms width factor for the normal-like core.
const D1: f64 = 1.715_527_769_921_413_5;
/// `3 − 2√(3/e)`: width allowance for the histogram's steps.
const D2: f64 = 0.898_916_162_058_898_8;

/// Draws the number of marked items among `draws` items taken without
/// replacement from `population` items of which `marked` are marked.
///
/// Exact for `population ≤ 2⁵³` (up to rounding of the pmf at the level of
/// 1e-9 relative or better); expected cost is bounded independently of the
/// population. Out-of-range arguments saturate: `marked` and `draws` larger
/// than `population` are treated as `population`. The result always lies in
/// `[max(0, draws + marked − population), min(draws, marked)]`. Never panics.
pub fn hypergeometric<R: Rng + ?Sized>(rng: &mut R, population: u64, marked: u64, draws: u64) -> u64 {
    let total = population;
    let marked = marked.min(total);
    let draws = draws.min(total);
    if draws == 0 || marked == 0 {
        return 0;
    }
    if marked == total {
        return draws;
    }
    if draws == total {
        return marked;
    }
    let (d1, flip_draws) = if draws > total - draws { (total - draws, true) } else { (draws, false) };
    let (m1, flip_marked) = if marked > total - marked { (total - marked, true) } else { (marked, false) };
    // Both are now ≤ total/2, so the corner's support starts at 0.
    let x = if d1 <= m1 { corner(rng, total, m1, d1) } else { corner(rng, total, d1, m1) };
    // x counts the m1-class among the d1 sampled items.
    let y = if flip_marked { d1.saturating_sub(x) } else { x };
    // y counts originally marked items among the d1 sampled items.
    if flip_draws { marked.saturating_sub(y) } else { y }
}

/// Requires `1 ≤ draws ≤ marked ≤ total/2`; returns a value in `[0, draws]`.
#[inline]
fn corner<R: Rng + ?Sized>(rng: &mut R, total: u64, marked: u64, draws: u64) -> u64 {
    if draws <= URN_MAX_DRAWS {
        return urn(rng, total, marked, draws);
    }
    // Exact integer mode: an f64 product could round across an integer and
    // put the hat's apex off the true maximum of the pmf.
    let mode = ((draws as u128 + 1) * (marked as u128 + 1) / (total as u128 + 2)) as u64;
    if mode < HIN_MAX_MODE {
        hin(rng, total, marked, draws)
    } else {
        // The clamp only matters above 2⁵³, where draws + 1 rounds in f64.
        HruaSetup::new(total, marked, draws, mode).sample(rng).min(draws)
    }
}

/// Direct simulation of `draws` draws, exact in integer arithmetic.
fn urn<R: Rng + ?Sized>(rng: &mut R, total: u64, marked: u64, draws: u64) -> u64 {
    let mut left = marked;
    let mut remaining = total;
    for _ in 0..draws {
        if uniform_below(rng, remaining) < left {
            left -= 1;
        }
        remaining -= 1;
    }
    marked - left
}

/// Inversion by sequential search from 0 (the corner's lower bound).
fn hin<R: Rng + ?Sized>(rng: &mut R, total: u64, marked: u64, draws: u64) -> u64 {
    let rest = total - marked - draws; // ≥ 0 in the corner
    // f(0) = C(total − marked, draws)/C(total, draws). Using the smaller of
    // draws/marked as the falling-factorial length keeps the magnitude of the
    // two cancelling terms (≈ draws·ln total) small.
    let ln_f0 = ln_fact_diff(total - marked, rest) - ln_fact_diff(total, total - draws);
    let mut u = uniform01(rng);
    // f(0) = e^{ln_f0} ≥ 1 + ln_f0: a tiny mean is mostly settled without exp.
    if u < 1.0 + ln_f0 {
        return 0;
    }
    let f0 = libm::exp(ln_f0);
    let (kf, nf, rf) = (marked as f64, draws as f64, rest as f64);
    loop {
        let mut f = f0;
        let mut x = 0u64;
        loop {
            if u < f {
                return x;
            }
            u -= f;
            if x == draws || f == 0.0 {
                // u fell past the computed cdf (rounding): draw again.
                break;
            }
            x += 1;
            let xf = x as f64;
            f *= (kf - xf + 1.0) * (nf - xf + 1.0) / (xf * (rf + xf));
        }
        u = uniform01(rng);
    }
}

/// Per-call constants of HRUA for a corner case.
struct HruaSetup {
    draws: u64,
    marked: u64,
    rest: u64,
    /// Hat centre `μ + ½`.
    centre: f64,
    /// Full width of the ratio-of-uniforms rectangle in the v direction.
    width: f64,
    /// Proposals must satisfy `z < upper = draws + 1`.
    upper: f64,
    /// The mode `m`.
    mode: f64,
    /// Factorial arguments at the mode: `aᵢ = m, draws − m, marked − m, rest + m`.
    at_mode: [f64; 4],
    /// `λ = ln((draws − m)(marked − m) / (m·(rest + m)))`.
    lambda: f64,
    /// `Σ E(aᵢ)`, Stirling errors at the mode.
    err_mode: f64,
}

impl HruaSetup {
    fn new(total: u64, marked: u64, draws: u64, mode: u64) -> HruaSetup {
        let rest = total - marked - draws;
        let (nf, kf, tf) = (draws as f64, marked as f64, total as f64);
        let frac = kf / tf;
        let mean = nf * frac;
        let var = mean * (1.0 - frac) * (tf - nf) / (tf - 1.0);
        // In the corner with mode ≥ 1 all four are ≥ 1.
        let at_mode = [mode as f64, (draws - mode) as f64, (marked - mode) as f64, (rest + mode) as f64];
        HruaSetup {
            draws,
            marked,
            rest,
            centre: mean + 0.5,
            width: D1 * (var + 0.5).sqrt() + D2,
            upper: nf + 1.0,
            mode: mode as f64,
            at_mode,
            lambda: libm::log((at_mode[1] * at_mode[2]) / (at_mode[0] * at_mode[3])),
            err_mode: at_mode.iter().map(|&a| stirling_err(a)).sum(),
        }
    }

    fn sample<R: Rng + ?Sized>(&self, rng: &mut R) -> u64 {
        loop {
            let x = uniform01_open(rng);
            let y = uniform01(rng);
            let w = self.centre + self.width * (y - 0.5) / x;
            if !(w >= 0.0 && w < self.upper) {
                continue;
            }
            let z = w.floor();
            let t = self.ln_ratio(z);
            // 2 ln x ≤ t is the exact test; x(4 − x) − 3 ≥ 2 ln x and
            // x − 1/x ≤ 2 ln x on (0, 1] give cheap accept/reject bounds.
            if x * (4.0 - x) - 3.0 <= t {
                return z as u64;
            }
            if x * (x - t) >= 1.0 {
                continue;
            }
            if 2.0 * libm::log(x) <= t {
                return z as u64;
            }
        }
    }

    /// `ln(f(z)/f(m)) = Σᵢ [ln(aᵢ!) − ln(bᵢ!)]` for an integer `z` in
    /// `[0, draws]`, with `bᵢ = z, draws − z, marked − z, rest + z`.
    ///
    /// Writing every factorial in Stirling form `(x + ½) ln x − x + ½ ln 2π +
    /// E(x)`, the linear terms cancel because `Σ aᵢ = Σ bᵢ`, and
    /// `(aᵢ + ½) ln aᵢ − (bᵢ + ½) ln bᵢ = (bᵢ + ½)·ln(1 + (aᵢ − bᵢ)/bᵢ) +
    /// (aᵢ − bᵢ)·ln aᵢ`. As `aᵢ − bᵢ = −d, d, d, −d` with `d = z − m`, the last
    /// terms sum to `d·λ`. Every remaining term is no larger than about
    /// `|d|·ln aᵢ`, so the rounding error is proportional to the result
    /// instead of to `ln(population!)`.
    #[inline]
    fn ln_ratio(&self, z: f64) -> f64 {
        let (nf, kf, rf) = (self.draws as f64, self.marked as f64, self.rest as f64);
        let b = [z, nf - z, kf - z, rf + z];
        if b.iter().any(|&v| v < 1.0) {
            return self.ln_ratio_edge(z as u64);
        }
        let mut t = (z - self.mode) * self.lambda + self.err_mode;
        for (&bi, &ai) in b.iter().zip(&self.at_mode) {
            let inv = 1.0 / bi;
            let rel = (ai - bi) * inv;
            let err_b = if bi < 256.0 { STIRLING_ERR[bi as usize] } else { stirling_err_from_recip(inv) };
            t += (bi + 0.5) * ln_1p_fast(rel) - err_b;
        }
        t
    }

    /// [`Self::ln_ratio`] when a factorial argument is 0, where Stirling's
    /// form has no value: accurate log-factorial differences, one by one.
    #[cold]
    fn ln_ratio_edge(&self, z: u64) -> f64 {
        let z = z.min(self.draws);
        let m = self.mode as u64;
        ln_fact_ratio(m, z)
            + ln_fact_ratio(self.draws - m, self.draws - z)
            + ln_fact_ratio(self.marked - m, self.marked - z)
            + ln_fact_ratio(self.rest + m, self.rest + z)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Corner cases `(total, marked, draws)` with a mode of at least `min_mode`.
    fn corner_grid(min_mode: u64) -> Vec<(u64, u64, u64)> {
        let mut out = Vec::new();
        for &total in &[40u64, 100, 1_000, 10_000, 1_000_000, 10_000_000_000] {
            for &kf in &[0.01, 0.05, 0.2, 0.5] {
                for &nf in &[0.001, 0.01, 0.05, 0.2, 0.5] {
                    let marked = ((total as f64 * kf) as u64).max(1);
                    let draws = ((total as f64 * nf) as u64).max(1);
                    let (d, k) = (draws.min(marked), draws.max(marked));
                    if 2 * k > total || d <= URN_MAX_DRAWS {
                        continue;
                    }
                    let mode = ((d as u128 + 1) * (k as u128 + 1) / (total as u128 + 2)) as u64;
                    if mode >= min_mode {
                        out.push((total, k, d));
                    }
                }
            }
        }
        out
    }

    /// The table-mountain rectangle must contain the whole ratio-of-uniforms
    /// region of the histogram, or HRUA would undersample the flanks; and the
    /// fast `ln_ratio` must agree with plain log-factorial differences.
    #[test]
    fn hrua_hat_covers_histogram_and_ln_ratio_is_accurate() {
        // Checked from mode 1 so the test still covers HRUA if the HIN threshold moves.
        let grid = corner_grid(1);
        assert!(grid.len() > 20);
        for (total, marked, draws) in grid {
            let mode = ((draws as u128 + 1) * (marked as u128 + 1) / (total as u128 + 2)) as u64;
            let h = HruaSetup::new(total, marked, draws, mode);
            let sd = (h.width - D2) / D1;
            let lo = (h.centre - 60.0 * sd).max(0.0) as u64;
            let hi = ((h.centre + 60.0 * sd) as u64).min(draws);
            let step = ((hi - lo) / 20_000).max(1) as usize;
            for z in (lo..=hi).step_by(step).chain(mode.saturating_sub(50)..=(mode + 50).min(draws)) {
                let exact = h.ln_ratio_edge(z);
                let fast = h.ln_ratio(z as f64);
                let d = (z as f64 - h.mode).abs();
                assert!(
                    (exact - fast).abs() <= 1e-11 * (1.0 + d) * libm::log(total as f64),
                    "ln_ratio {total} {marked} {draws} z={z}: {fast} vs {exact}"
                );
                assert!(exact <= 1e-12, "mode is not the maximum: {total} {marked} {draws} z={z}");
                let zf = z as f64;
                let reach = (zf - h.centre).abs().max((zf + 1.0 - h.centre).abs());
                assert!(
                    reach * libm::exp(0.5 * exact) <= 0.5 * h.width,
                    "hat too narrow: {total} {marked} {draws} z={z}"
                );
            }
        }
    }
}
