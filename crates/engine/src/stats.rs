//! Summaries of many runs: mean and quantiles, and histograms.

use serde::Serialize;

/// Mean and the 10th, 50th and 90th percentiles of a set of values.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Summary {
    /// Arithmetic mean.
    pub mean: f64,
    /// 10th percentile.
    pub p10: f64,
    /// Median.
    pub p50: f64,
    /// 90th percentile.
    pub p90: f64,
}

/// Quantile `q` of sorted values, linearly interpolated between order
/// statistics (Hyndman & Fan type 7, as numpy and R default to).
pub fn quantile_sorted(sorted: &[f64], q: f64) -> f64 {
    match sorted.len() {
        0 => 0.0,
        1 => sorted[0],
        n => {
            let pos = q.clamp(0.0, 1.0) * (n - 1) as f64;
            let lo = pos.floor() as usize;
            let hi = (lo + 1).min(n - 1);
            sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f64)
        }
    }
}

/// Sorts finite values in place (NaN, if any, is dropped first).
pub fn sort_values(values: &mut Vec<f64>) {
    values.retain(|v| !v.is_nan());
    values.sort_unstable_by(f64::total_cmp);
}

/// Percentiles of `values` (sorted here) with the given mean; `None` if empty.
pub fn summarize_with_mean(values: &mut Vec<f64>, mean: f64) -> Option<Summary> {
    sort_values(values);
    if values.is_empty() {
        return None;
    }
    Some(Summary {
        mean,
        p10: quantile_sorted(values, 0.1),
        p50: quantile_sorted(values, 0.5),
        p90: quantile_sorted(values, 0.9),
    })
}

/// Mean and percentiles of `values`, ignoring NaN (a KPI that was none in
/// that run); `None` when no value is left.
pub fn summarize(values: &mut Vec<f64>) -> Option<Summary> {
    sort_values(values);
    let mean = mean(values)?;
    summarize_with_mean(values, mean)
}

/// Arithmetic mean, `None` for no values.
pub fn mean(values: &[f64]) -> Option<f64> {
    if values.is_empty() { None } else { Some(values.iter().sum::<f64>() / values.len() as f64) }
}

/// Sample standard deviation (n − 1), `None` below two values.
pub fn std_dev(values: &[f64]) -> Option<f64> {
    let m = mean(values)?;
    if values.len() < 2 {
        return None;
    }
    let ss: f64 = values.iter().map(|v| (v - m) * (v - m)).sum();
    Some((ss / (values.len() - 1) as f64).sqrt())
}

/// Equal-width bins over the range of the values.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Histogram {
    /// Lower edge of the first bin.
    pub min: f64,
    /// Width of every bin (0 when all values are equal).
    pub width: f64,
    /// Values per bin.
    pub counts: Vec<u32>,
}

impl Histogram {
    /// `bins` equal bins from the smallest to the largest value (NaN ignored);
    /// `None` without values.
    pub fn new(values: &[f64], bins: usize) -> Option<Histogram> {
        let finite = || values.iter().copied().filter(|v| v.is_finite());
        let min = finite().reduce(f64::min)?;
        let max = finite().reduce(f64::max)?;
        let bins = bins.max(1);
        let width = (max - min) / bins as f64;
        let mut counts = vec![0u32; bins];
        for v in finite() {
            let i = if width > 0.0 { (((v - min) / width) as usize).min(bins - 1) } else { 0 };
            counts[i] += 1;
        }
        Some(Histogram { min, width, counts })
    }

    /// Lower edge of bin `i`.
    pub fn edge(&self, i: usize) -> f64 {
        self.min + self.width * i as f64
    }
}
