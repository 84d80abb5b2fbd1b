//! Binomial variates for a fixed success probability and per-call trial count.
//!
//! Two exact algorithms, chosen per call from the mean `n·r` with
//! `r = min(p, 1 − p)` (the other tail is obtained as `n − X`):
//!
//! * **Inversion** for small means: sequential search from 0 along the pmf
//!   recurrence `f(x)/f(x−1) = (n − x + 1)/x · r/(1 − r)`, starting from
//!   `f(0) = (1 − r)ⁿ = exp(n ln(1 − r))`. Cost grows with the mean only.
//! * **BTRD** for larger means: W. Hörmann, "The generation of binomial random
//!   variates", J. Statist. Comput. Simul. 46 (1993) 101–110 — transformed
//!   rejection with a decomposition that accepts most draws from one uniform
//!   without evaluating the pmf. Cost is bounded independently of `n`.
//!
//! A sampler prepared with [`Binomial::with_small_table`] also keeps, for
//! every `n ≤ SMALL_MAX_TRIALS`, the cdf of Binomial(n, p): a draw with so
//! few trials (most of a funnel's weekly draws) is then one uniform counted
//! against at most 16 cdf values, without branches, instead of a walk
//! along the pmf from an `exp`.
//!
//! The final acceptance test of BTRD is evaluated in a rearranged but
//! algebraically identical form: Hörmann's `(n + 1)·ln(nm/nk)` and
//! `(m + ½)·ln((m + 1)/(r·nm))` each carry an absolute rounding error of about
//! `n·ε` (≈ 1e-6 at `n = 10¹⁰`), whereas the `ln_1p` form below keeps the error
//! proportional to `|k − m|·ε`.

use crate::log_factorial::{ln_factorial, stirling_err};
use crate::uniform::uniform01;
use rand::Rng;

/// Means below this use inversion, at or above it BTRD.
///
/// BTRD's constants are only validated by Hörmann for `n·r ≥ 10`, so this
/// must stay ≥ 10. On the benchmark machine BTRD costs a flat ~65 ns at small
/// means (its quick-accept box shrinks there) while inversion costs ~23 ns
/// plus ~1.4 ns per unit of mean; they break even near 25. The switch sits a
/// little lower because inversion's cost also varies with the drawn value.
/// It is also bounded above by `INVERSION_CAP` and by underflow of
/// `(1 − r)ⁿ ≥ e^{−2 ln 2 · mean}`, both far away at 20.
pub const INVERSION_MAX_MEAN: f64 = 20.0;

/// Inversion never walks past this many successes. With a mean below
/// [`INVERSION_MAX_MEAN`] the neglected tail mass is below 1e-100, far below
/// the 2⁻⁵³ resolution of the uniform, so truncation changes no probability
/// that could be represented.
const INVERSION_CAP: u64 = 255;

/// `1/x` for `x < 256`, so the inversion recurrence avoids a division.
const RECIP: [f64; 256] = {
    let mut t = [0.0; 256];
    let mut i = 1;
    while i < 256 {
        t[i] = 1.0 / i as f64;
        i += 1;
    }
    t
};

/// Up to this many trials, [`Binomial::with_small_table`] draws from a table.
pub const SMALL_MAX_TRIALS: u64 = 16;

/// Binomial(n, p) sampler for a fixed `p`, with every `p`-dependent constant
/// computed once in [`Binomial::new`]; the trial count is given per draw.
#[derive(Clone, Debug, PartialEq)]
pub struct Binomial {
    /// The (clamped) success probability as given.
    p: f64,
    /// Whether `p > ½`, in which case failures are sampled and `n − X` returned.
    flipped: bool,
    /// `r = min(p, 1 − p)`.
    r: f64,
    /// `1 − r`.
    q: f64,
    /// `ln(1 − r)`; NaN when [`Binomial::for_one_draw`] leaves it to the
    /// inversion, the only step that needs it.
    ln_q: f64,
    /// Odds `s = r/(1 − r)`.
    s: f64,
    /// With a small table: row `n − 1` holds `P(X ≤ x)` for `x < n`, then
    /// padding above every uniform, [`SMALL_MAX_TRIALS`] values per row.
    small: Option<Box<[f64]>>,
}

impl Binomial {
    /// Prepares a sampler for success probability `p`.
    ///
    /// `p` outside `[0, 1]` is clamped to the interval and NaN is treated as 0,
    /// so this never panics.
    pub fn new(p: f64) -> Binomial {
        let b = Binomial::for_one_draw(p);
        Binomial { ln_q: libm::log1p(-b.r), ..b }
    }

    /// A sampler for a probability used for one draw: `ln(1 − r)` is then
    /// computed by the inversion if the draw takes it, and not at all by
    /// BTRD (which does not use it). Same numbers as [`Binomial::new`]; `p`
    /// is clamped the same way.
    pub fn for_one_draw(p: f64) -> Binomial {
        let p = if p.is_nan() { 0.0 } else { p.clamp(0.0, 1.0) };
        let flipped = p > 0.5;
        // Exact for p in [½, 1] (Sterbenz), so p = 1 gives r = 0 exactly.
        let r = if flipped { 1.0 - p } else { p };
        let q = 1.0 - r;
        Binomial { p, flipped, r, q, ln_q: f64::NAN, s: r / q, small: None }
    }

    /// The same sampler, with the cdf of every trial count up to
    /// [`SMALL_MAX_TRIALS`] tabulated (2 KB; worth it for a `p` that many
    /// draws share). Each pmf value is computed on its own from
    /// log-factorials, so the table is exact to a few ulps.
    pub fn with_small_table(p: f64) -> Binomial {
        let mut b = Binomial::new(p);
        if b.r == 0.0 {
            return b; // certain outcomes need no table
        }
        // ln p and ln(1 − p), each from the smaller of p and 1 − p.
        let (ln_p, ln_q) = if b.flipped { (libm::log1p(-b.r), libm::log(b.r)) } else { (libm::log(b.r), b.ln_q) };
        let width = SMALL_MAX_TRIALS as usize;
        let mut table = vec![2.0; width * width];
        for n in 1..=SMALL_MAX_TRIALS {
            let row = &mut table[(n as usize - 1) * width..n as usize * width];
            let mut cdf = 0.0;
            for x in 0..n {
                let (k, m) = (x as f64, (n - x) as f64);
                let ln_choose = ln_factorial(n as f64) - ln_factorial(k) - ln_factorial(m);
                cdf += libm::exp(ln_choose + k * ln_p + m * ln_q);
                row[x as usize] = cdf.min(1.0);
            }
        }
        b.small = Some(table.into_boxed_slice());
        b
    }

    /// Whether [`Binomial::with_small_table`] built a table (it does not
    /// for a certain outcome, `p ∈ {0, 1}`).
    pub fn has_small_table(&self) -> bool {
        self.small.is_some()
    }

    /// The success probability after clamping.
    pub fn p(&self) -> f64 {
        self.p
    }

    /// Draws the number of successes in `n` independent trials.
    ///
    /// Exact up to floating-point rounding of the pmf for `n ≤ 2⁵³`; above
    /// that `n` itself is not representable in an `f64` and the result is
    /// correct to that resolution (and always within `[0, n]`). Consumes no
    /// randomness when the answer is certain (`n = 0`, `p ∈ {0, 1}`).
    #[inline]
    pub fn sample<R: Rng + ?Sized>(&self, rng: &mut R, n: u64) -> u64 {
        if n == 0 || self.r == 0.0 {
            return if self.flipped { n } else { 0 };
        }
        if let Some(x) = self.sample_small(rng, n) {
            return x;
        }
        let nf = n as f64;
        let x = if nf * self.r < INVERSION_MAX_MEAN { self.inversion(rng, n) } else { self.btrd(rng, n).min(n) };
        if self.flipped { n - x } else { x }
    }

    /// A draw from the small-trials table, if this sampler has one and
    /// `1 ≤ n ≤ SMALL_MAX_TRIALS` (else `None`, consuming no randomness):
    /// one uniform counted against the row's cdf values, without branches.
    #[inline]
    pub fn sample_small<R: Rng + ?Sized>(&self, rng: &mut R, n: u64) -> Option<u64> {
        let table = self.small.as_ref().filter(|_| (1..=SMALL_MAX_TRIALS).contains(&n))?;
        let width = SMALL_MAX_TRIALS as usize;
        let row = &table[(n as usize - 1) * width..n as usize * width];
        let u = uniform01(rng);
        // X = #{x : P(X ≤ x) ≤ u}; the padding never counts. The table is
        // only built for 0 < p < 1, so no certain outcome gets here.
        Some(row.iter().map(|&cdf| u64::from(cdf <= u)).sum())
    }

    /// Sequential-search inversion; requires `n·r < INVERSION_MAX_MEAN`, which
    /// keeps `(1 − r)ⁿ ≥ e^{−2·ln 2·20} ≈ 1e-12` far from underflow.
    #[inline]
    fn inversion<R: Rng + ?Sized>(&self, rng: &mut R, n: u64) -> u64 {
        let nf = n as f64;
        let ln_q = if self.ln_q.is_nan() { libm::log1p(-self.r) } else { self.ln_q };
        let ln_f0 = nf * ln_q;
        let mut u = uniform01(rng);
        // f(0) = e^x with x = ln_f0 ≤ 0, and e^x ≥ 1 + x + x²/2 + x³/6 there
        // (the remainder x⁴/24·e^ξ is positive): a uniform below that bound
        // is a 0 without evaluating exp, which settles most draws of a mean
        // below 1 (at mean ½ the bound is within 0.4 % of e^x).
        let x = ln_f0;
        if u < 1.0 + x * (1.0 + x * (0.5 + x * (1.0 / 6.0))) {
            return 0;
        }
        let f0 = crate::exp::exp(ln_f0);
        let n_plus_1 = nf + 1.0;
        let cap = n.min(INVERSION_CAP);
        loop {
            let mut f = f0;
            let mut x = 0u64;
            loop {
                if u < f {
                    return x;
                }
                u -= f;
                x += 1;
                if x > cap {
                    // u landed in the rounding gap above the computed cdf
                    // (probability ~1e-16): a fresh uniform keeps it exact.
                    break;
                }
                let xf = x as f64;
                f *= (n_plus_1 - xf) * RECIP[x as usize] * self.s;
            }
            u = uniform01(rng);
        }
    }

    /// Hörmann's BTRD; requires `n·r ≥ 10`. Step numbers follow the paper.
    fn btrd<R: Rng + ?Sized>(&self, rng: &mut R, n: u64) -> u64 {
        let (r, s) = (self.r, self.s);
        let nf = n as f64;
        // Setup (the n-dependent constants; p-dependent ones are cached).
        let m = ((nf + 1.0) * r).floor();
        let nr = (nf + 1.0) * s;
        let npq = nf * r * self.q;
        let spq = npq.sqrt();
        let b = 1.15 + 2.53 * spq;
        let a = -0.0873 + 0.0248 * b + 0.01 * r;
        let c = nf * r + 0.5;
        let inv_b = 1.0 / b;
        let alpha = (2.83 + 5.1 * inv_b) * spq;
        let v_r = 0.92 - 4.2 * inv_b;
        let ur_vr = 0.86 * v_r;
        let two_a = 2.0 * a;
        // Constants of step 3.3, needed only by the few draws reaching it.
        let mut step33: Option<(f64, f64)> = None;
        loop {
            // Step 1: the central box is accepted outright; v doubles as u.
            let mut v = uniform01(rng);
            if v <= ur_vr {
                let u = v / v_r - 0.43;
                return ((two_a / (0.5 - u.abs()) + b) * u + c).floor() as u64;
            }
            // Step 2: place (u, v) uniformly in the rest of the rectangle.
            let u;
            if v >= v_r {
                u = uniform01(rng) - 0.5;
            } else {
                let w = v / v_r - 0.93;
                u = 0.5f64.copysign(w) - w;
                v = uniform01(rng) * v_r;
            }
            // Step 3.0: transform to k. us = 0 gives k = ±∞, rejected here.
            let us = 0.5 - u.abs();
            let k = ((two_a / us + b) * u + c).floor();
            if !(k >= 0.0 && k <= nf) {
                continue;
            }
            v *= alpha / (a / (us * us) + b);
            let km = (k - m).abs();
            if km <= 15.0 {
                // Step 3.1: f(k)/f(m) by the recurrence, exact in few steps.
                let mut f = 1.0;
                if m < k {
                    let mut i = m + 1.0;
                    while i <= k {
                        f *= nr / i - s;
                        i += 1.0;
                    }
                } else if m > k {
                    let mut i = k + 1.0;
                    while i <= m {
                        v *= nr / i - s;
                        i += 1.0;
                    }
                }
                if v <= f {
                    return k as u64;
                }
                continue;
            }
            // Step 3.2: squeeze on ln(f(k)/f(m)) ≈ −km²/(2npq), tested as
            // v against e^(t ∓ ρ) (the table exp is a third of a log's cost).
            let rho = (km / npq) * (((km / 3.0 + 0.625) * km + 1.0 / 6.0) / npq + 0.5);
            let t = -km * km / (2.0 * npq);
            if v < crate::exp::exp(t - rho) {
                return k as u64;
            }
            if v > crate::exp::exp(t + rho) {
                continue;
            }
            let ln_v = libm::log(v);
            // Steps 3.3–3.4: exact test ln v ≤ ln(f(k)/f(m)). With
            // fc(j) = stirling_err(j + 1) and Stirling's form of each
            // factorial, ln(f(k)/f(m)) equals
            //   (k+½)·ln(1 + (m−k)/(k+1)) + (n−k+½)·ln(1 + (k−m)/(n−k+1))
            //   + (k−m)·ln(s·(n−m+1)/(m+1)) + fc(m) + fc(n−m) − fc(k) − fc(n−k),
            // where every product is of the size of the result.
            let (h, c_m) = *step33.get_or_insert_with(|| {
                let h = stirling_err(m + 1.0) + stirling_err(nf - m + 1.0);
                // One ln of a product near 1 rather than ln s + ln(…),
                // whose two large terms would cancel.
                let c_m = libm::log(s * (nf - m + 1.0) / (m + 1.0));
                (h, c_m)
            });
            let d = k - m;
            let ln_ratio = (k + 0.5) * libm::log1p(-d / (k + 1.0))
                + (nf - k + 0.5) * libm::log1p(d / (nf - k + 1.0))
                + d * c_m
                + h
                - stirling_err(k + 1.0)
                - stirling_err(nf - k + 1.0);
            if ln_v <= ln_ratio {
                return k as u64;
            }
        }
    }
}
