//! Shared statistics for the goodness-of-fit tests.
#![allow(dead_code)]

use rand::SeedableRng;
use rand_xoshiro::Xoshiro256PlusPlus;

/// Φ⁻¹(1 − 1e-6): a chi-square or z statistic beyond this level is a false
/// alarm with probability 1e-6, negligible over the few hundred cells tested.
pub const Z_1E6: f64 = 4.753_424_308_822_899;

/// Upper quantile of χ²(df) at standard-normal level `z`, by Wilson–Hilferty.
/// For df ≤ 2 it overestimates slightly, which only makes the test milder.
pub fn chi2_quantile(df: f64, z: f64) -> f64 {
    let h = 2.0 / (9.0 * df);
    df * (1.0 - h + z * h.sqrt()).powi(3)
}

/// A fixed, per-cell seed so the suite is deterministic.
pub fn rng_for(tag: u64, a: u64, b: u64) -> Xoshiro256PlusPlus {
    let mix = tag
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .wrapping_add(a.wrapping_mul(0xBF58_476D_1CE4_E5B9))
        .wrapping_add(b.wrapping_mul(0x94D0_49BB_1331_11EB));
    Xoshiro256PlusPlus::seed_from_u64(mix)
}

/// An exact pmf tabulated on `[lo, lo + probs.len())`; the mass outside is
/// `1 − Σ probs`.
pub struct Pmf {
    pub lo: u64,
    pub probs: Vec<f64>,
}

impl Pmf {
    /// Tabulates `exp(ln_pmf(k))` on `[lo, hi]`.
    pub fn tabulate(lo: u64, hi: u64, ln_pmf: impl Fn(u64) -> f64) -> Pmf {
        Pmf { lo, probs: (lo..=hi).map(|k| ln_pmf(k).exp()).collect() }
    }

    /// `(Σ p, mean, central 2nd and 4th moments)` of the tabulated part.
    pub fn moments(&self) -> (f64, f64, f64, f64) {
        let total: f64 = self.probs.iter().sum();
        let mean = self.probs.iter().enumerate().map(|(i, p)| p * i as f64).sum::<f64>() / total;
        let (mut m2, mut m4) = (0.0, 0.0);
        for (i, p) in self.probs.iter().enumerate() {
            let d = i as f64 - mean;
            m2 += p * d * d;
            m4 += p * d * d * d * d;
        }
        (total, mean + self.lo as f64, m2 / total, m4 / total)
    }
}

/// Outcome of a chi-square goodness-of-fit comparison.
#[derive(Debug)]
pub struct Gof {
    pub stat: f64,
    pub df: usize,
    pub limit: f64,
}

impl Gof {
    pub fn passed(&self) -> bool {
        self.df == 0 || self.stat <= self.limit
    }
}

/// Chi-square statistic of `samples` against `pmf`, pooling adjacent values
/// until every bin expects at least `max(5, n/1000)` counts. Values outside
/// the table share one bin with the untabulated mass. `df = 0` means the
/// distribution is degenerate at this sample size (a single bin).
pub fn chi_square(samples: &[u64], pmf: &Pmf) -> Gof {
    let n = samples.len() as f64;
    let len = pmf.probs.len();
    let mut counts = vec![0u64; len];
    let mut outside = 0u64;
    for &x in samples {
        if x >= pmf.lo && x - pmf.lo < len as u64 {
            counts[(x - pmf.lo) as usize] += 1;
        } else {
            outside += 1;
        }
    }
    let min_expected = (n / 1000.0).max(5.0);
    let mut bins: Vec<(f64, f64)> = Vec::new(); // (expected, observed)
    let (mut e, mut o) = (0.0, 0.0);
    for (&p, &c) in pmf.probs.iter().zip(&counts) {
        e += p * n;
        o += c as f64;
        if e >= min_expected {
            bins.push((e, o));
            e = 0.0;
            o = 0.0;
        }
    }
    let tail_e = (1.0 - pmf.probs.iter().sum::<f64>()).max(0.0) * n;
    e += tail_e;
    o += outside as f64;
    // Leftover mass (both tails) joins the last full bin if it is too small.
    if e >= min_expected || bins.is_empty() {
        bins.push((e, o));
    } else {
        let last = bins.last_mut().unwrap();
        last.0 += e;
        last.1 += o;
    }
    let stat: f64 = bins.iter().map(|&(e, o)| (o - e) * (o - e) / e).sum();
    let df = bins.len() - 1;
    Gof { stat, df, limit: if df == 0 { f64::INFINITY } else { chi2_quantile(df as f64, Z_1E6) } }
}

/// Checks the sample mean and variance against the exact values, within five
/// standard errors plus a slack of ten unit "events" (`10/n` for the mean,
/// `40/n` for the variance, allowing events of size 2). The slack keeps
/// near-degenerate cells, where only a handful of draws are nonzero and the
/// normal approximation behind the standard error fails, from false alarms;
/// it is negligible wherever the standard error is meaningful.
pub fn check_moments(samples: &[u64], mean: f64, var: f64, mu4: f64) -> Result<(), String> {
    let n = samples.len() as f64;
    // Centre on the exact mean so large values (~1e10) lose no precision.
    let (mut s1, mut s2) = (0.0, 0.0);
    for &x in samples {
        let d = x as f64 - mean;
        s1 += d;
        s2 += d * d;
    }
    let dmean = s1 / n;
    let svar = (s2 - n * dmean * dmean) / (n - 1.0);
    let se_mean = (var / n).sqrt();
    let var_of_svar = ((mu4 - var * var * (n - 3.0) / (n - 1.0)) / n).max(0.0);
    let se_var = var_of_svar.sqrt();
    let slack = 10.0 / n;
    if dmean.abs() > 5.0 * se_mean + slack {
        return Err(format!("mean off by {dmean:e} (se {se_mean:e}), expected {mean}"));
    }
    if (svar - var).abs() > 5.0 * se_var + 4.0 * slack {
        return Err(format!("variance {svar} vs {var} (se {se_var:e})"));
    }
    Ok(())
}
