//! How a flow is resolved: its expected value ([`Expected`]) or a random
//! draw ([`Random`]). The model ([`crate::model`]) is written once
//! against [`Sampler`]; the two modes differ only here.
//!
//! Counts are carried as `f64` in both modes (whole numbers in Monte Carlo,
//! exact up to 2^53, far above the 1e10 market limit).
//!
//! Most probabilities are fixed for a whole scenario (engagement, churn,
//! win rate…): the model prepares them once as a [`Chance`] or a
//! [`Competing`] pair, so a draw pays only for itself. The draws are the
//! exact samplers of `funnel-samplers` (a cdf table for up to 16 trials of
//! a prepared probability, inversion and BTRD for the binomial, urn, inversion and HRUA for the hypergeometric), whose cost
//! does not grow with the number of trials; deal values use `rand_distr`'s
//! Gamma, whose set-up is a square root.

use funnel_samplers::{Binomial, SMALL_MAX_TRIALS, hypergeometric, uniform01};
use rand::{Rng, SeedableRng};
use rand_distr::{Distribution, Gamma};
use rand_xoshiro::Xoshiro256PlusPlus;

/// A probability prepared once for many binomial draws. For Monte Carlo,
/// [`Chance::tabulate`] adds the cdf of every small trial count (see
/// [`Binomial::with_small_table`]); the expected mode needs only `p`.
#[derive(Clone, Debug, PartialEq)]
pub struct Chance {
    binomial: Binomial,
}

impl Chance {
    /// Prepares `p` (clamped to [0, 1]; NaN counts as 0).
    pub fn new(p: f64) -> Chance {
        Chance { binomial: Binomial::new(unit(p)) }
    }

    /// Prepares `p` for a single draw ([`Binomial::for_one_draw`]).
    fn for_one_draw(p: f64) -> Chance {
        Chance { binomial: Binomial::for_one_draw(unit(p)) }
    }

    /// Adds the small-trials table, for many random draws (2 KB, a few
    /// microseconds to build).
    pub fn tabulate(&mut self) {
        if !self.binomial.has_small_table() {
            self.binomial = Binomial::with_small_table(self.binomial.p());
        }
    }
    /// The probability.
    pub fn p(&self) -> f64 {
        self.binomial.p()
    }
}

/// Two competing outcomes with probabilities `p1 + p2 ≤ 1` (the rest stay),
/// prepared once. A multinomial drawn as the total `T ~ Binomial(n, p1 + p2)`
/// then `first ~ Binomial(T, p1 / (p1 + p2))`: the same law as drawing the
/// outcomes one after the other, but the second draw has only the few
/// trials that had an outcome, and none at all when `T = 0`.
#[derive(Clone, Debug, PartialEq)]
pub struct Competing {
    p1: f64,
    p2: f64,
    either: Chance,
    first_given_either: Chance,
}

impl Competing {
    /// Adds both draws' small-trials tables ([`Chance::tabulate`]).
    pub fn tabulate(&mut self) {
        self.either.tabulate();
        self.first_given_either.tabulate();
    }

    /// Prepares the pair.
    pub fn new(p1: f64, p2: f64) -> Competing {
        let (p1, p2) = (unit(p1), unit(p2));
        let either = (p1 + p2).min(1.0);
        let share = if either > 0.0 { (p1 / either).min(1.0) } else { 0.0 };
        Competing { p1, p2, either: Chance::new(either), first_given_either: Chance::new(share) }
    }
}

/// Resolves the model's random quantities.
pub trait Sampler {
    /// An initial head count given as `share × size`.
    fn head_count(&mut self, x: f64) -> f64;
    /// Sales capacity in leads per week.
    fn capacity(&mut self, w: f64) -> f64;
    /// Successes among `n` trials of probability `p` (used once).
    fn binomial(&mut self, n: f64, p: f64) -> f64;
    /// Successes among `n` trials of a prepared probability.
    fn chance(&mut self, n: f64, chance: &Chance) -> f64;
    /// Two prepared competing outcomes among `n`; the rest stay.
    fn competing(&mut self, n: f64, pair: &Competing) -> (f64, f64);
    /// Splits `n` over groups in proportion to `weights` (Σ > 0).
    fn split(&mut self, n: f64, weights: &[f64], out: &mut [f64]);
    /// Draws `k` of the `Σ groups` items without replacement, counting
    /// how many come from each group.
    fn draw_from_groups(&mut self, k: f64, groups: &[f64], out: &mut [f64]);
    /// Total value of `n` deals of mean `mean` and coefficient of variation `cv`.
    fn deal_values(&mut self, n: f64, mean: f64, cv: f64) -> f64;
}

/// Expected mode: every flow is its expected value.
#[derive(Clone, Copy, Debug, Default)]
pub struct Expected;

impl Sampler for Expected {
    fn head_count(&mut self, x: f64) -> f64 {
        x
    }
    fn capacity(&mut self, w: f64) -> f64 {
        w
    }
    fn binomial(&mut self, n: f64, p: f64) -> f64 {
        n * p
    }
    fn chance(&mut self, n: f64, chance: &Chance) -> f64 {
        n * chance.p()
    }
    fn competing(&mut self, n: f64, pair: &Competing) -> (f64, f64) {
        (n * pair.p1, n * pair.p2)
    }
    fn split(&mut self, n: f64, weights: &[f64], out: &mut [f64]) {
        let total: f64 = weights.iter().sum();
        for (o, w) in out.iter_mut().zip(weights) {
            *o = n * w / total;
        }
    }
    fn draw_from_groups(&mut self, k: f64, groups: &[f64], out: &mut [f64]) {
        let total: f64 = groups.iter().sum();
        if k >= total {
            // Everything is drawn: exact, with no rounding left in `groups − out`.
            out.copy_from_slice(groups);
            return;
        }
        for (o, g) in out.iter_mut().zip(groups) {
            *o = if total > 0.0 { k * g / total } else { 0.0 };
        }
    }
    fn deal_values(&mut self, n: f64, mean: f64, _cv: f64) -> f64 {
        n * mean
    }
}

/// Monte Carlo: every flow is a draw from a seeded xoshiro256++ stream,
/// whose output is the same natively and in wasm.
#[derive(Clone, Debug)]
pub struct Random<R: Rng> {
    rng: R,
}

impl Random<Xoshiro256PlusPlus> {
    /// The stream of run `run` under `seed`. Runs get independent streams,
    /// so run `i` of two scenarios with one seed shares its random numbers
    /// (common random numbers for comparisons).
    pub fn for_run(seed: u64, run: u64) -> Self {
        let mixed = splitmix64(splitmix64(seed) ^ run);
        Random { rng: Xoshiro256PlusPlus::seed_from_u64(mixed) }
    }
}

impl<R: Rng> Random<R> {
    /// Wraps any generator (tests use this to inject their own).
    pub fn new(rng: R) -> Self {
        Random { rng }
    }
}

fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// `p` forced into [0, 1] (rounding in ratios can step just outside).
fn unit(p: f64) -> f64 {
    if p.is_nan() { 0.0 } else { p.clamp(0.0, 1.0) }
}

impl<R: Rng> Random<R> {
    fn draw(&mut self, n: f64, chance: &Chance) -> f64 {
        // Most draws have a handful of trials of a tabulated chance: they
        // go first, past no other test.
        if n <= SMALL_MAX_TRIALS as f64
            && n >= 1.0
            && let Some(x) = chance.binomial.sample_small(&mut self.rng, n as u64)
        {
            return x as f64;
        }
        // Exact fast paths: nothing to draw.
        let p = chance.p();
        if n < 1.0 || p <= 0.0 {
            return 0.0;
        }
        if p >= 1.0 {
            return n;
        }
        if n <= BERNOULLI_MAX_TRIALS && !chance.binomial.has_small_table() {
            // A handful of trials: count them one by one (exact, and
            // cheaper than the pmf walk's exp).
            return (0..n as u32).filter(|_| uniform01(&mut self.rng) < p).count() as f64;
        }
        chance.binomial.sample(&mut self.rng, n as u64) as f64
    }
}

/// Up to this many trials, counting Bernoulli trials beats any set-up (for
/// a probability drawn once; a prepared one has its table).
const BERNOULLI_MAX_TRIALS: f64 = 4.0;

impl<R: Rng> Sampler for Random<R> {
    fn head_count(&mut self, x: f64) -> f64 {
        x.round()
    }
    fn capacity(&mut self, w: f64) -> f64 {
        w.floor()
    }
    fn binomial(&mut self, n: f64, p: f64) -> f64 {
        if n < 1.0 {
            return 0.0;
        }
        self.draw(n, &Chance::for_one_draw(p))
    }
    fn chance(&mut self, n: f64, chance: &Chance) -> f64 {
        self.draw(n, chance)
    }
    fn competing(&mut self, n: f64, pair: &Competing) -> (f64, f64) {
        let either = self.draw(n, &pair.either);
        let first = self.draw(either, &pair.first_given_either);
        (first, either - first)
    }
    fn split(&mut self, n: f64, weights: &[f64], out: &mut [f64]) {
        out.iter_mut().for_each(|o| *o = 0.0);
        let Some(last) = weights.iter().rposition(|&w| w > 0.0) else { return };
        let mut remaining_n = n;
        let mut remaining_w: f64 = weights.iter().sum();
        for (i, &w) in weights.iter().enumerate().take(last) {
            if remaining_n < 1.0 {
                return;
            }
            if w > 0.0 {
                let x = self.binomial(remaining_n, w / remaining_w);
                out[i] = x;
                remaining_n -= x;
                remaining_w -= w;
            }
        }
        out[last] = remaining_n;
    }
    fn draw_from_groups(&mut self, k: f64, groups: &[f64], out: &mut [f64]) {
        let mut population: f64 = groups.iter().sum();
        if k >= population {
            out.copy_from_slice(groups);
            return;
        }
        out.iter_mut().for_each(|o| *o = 0.0);
        let mut remaining = k;
        for (i, &g) in groups.iter().enumerate() {
            if remaining < 1.0 {
                return;
            }
            if g <= 0.0 {
                continue;
            }
            let x = if g >= population {
                remaining
            } else {
                hypergeometric(&mut self.rng, population as u64, g as u64, remaining as u64) as f64
            };
            out[i] = x;
            remaining -= x;
            population -= g;
        }
    }
    fn deal_values(&mut self, n: f64, mean: f64, cv: f64) -> f64 {
        if n < 1.0 || mean <= 0.0 {
            return 0.0;
        }
        if cv <= 0.0 {
            return n * mean;
        }
        // n i.i.d. Gamma(k, θ) values sum to one Gamma(n·k, θ) draw.
        let k = 1.0 / (cv * cv);
        match Gamma::new(n * k, mean / k) {
            Ok(d) => d.sample(&mut self.rng),
            Err(_) => n * mean,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draws(groups: &[f64], k: f64, seeds: u64) -> Vec<Vec<f64>> {
        (0..seeds)
            .map(|seed| {
                let mut r = Random::for_run(seed, 0);
                let mut out = vec![0.0; groups.len()];
                r.draw_from_groups(k, groups, &mut out);
                out
            })
            .collect()
    }

    #[test]
    fn group_draws_stay_within_their_groups() {
        // rand_distr's Hypergeometric::new refuses (6218, 6063, 166): the urn must take over.
        for groups in [[6063.0_f64, 155.0], [155.0, 6063.0], [3.0, 5.0], [1000.0, 1000.0]] {
            let k = (groups[0] + groups[1]).min(166.0) - 1.0;
            for out in draws(&groups, k, 200) {
                assert_eq!(out.iter().sum::<f64>(), k, "{groups:?} → {out:?}");
                assert!(out.iter().zip(&groups).all(|(o, g)| o <= g && *o >= 0.0), "{groups:?} → {out:?}");
            }
        }
    }

    #[test]
    fn group_draws_have_the_hypergeometric_mean() {
        // E[x₀] = k × g₀ / Σg for both the urn (k ≤ 16) and rand_distr (k > 16).
        for k in [10.0, 166.0] {
            let groups = [600.0, 1400.0];
            let runs = draws(&groups, k, 4000);
            let mean = runs.iter().map(|o| o[0]).sum::<f64>() / runs.len() as f64;
            let expected = k * 0.3;
            // SD of one draw ≤ √(k · 0.3 · 0.7); 5 standard errors.
            let tolerance = 5.0 * (k * 0.21).sqrt() / (runs.len() as f64).sqrt();
            assert!((mean - expected).abs() < tolerance, "k = {k}: mean {mean}, expected {expected}");
        }
    }
}
