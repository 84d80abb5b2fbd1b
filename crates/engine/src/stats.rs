//! Summaries of many runs: mean and quantiles, and histograms.

use serde::Serialize;

/// Mean and the 10th, 50th and 90th percentiles of a set of values.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, serde::Deserialize)]
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

/// The same summary as [`summarize_with_mean`] (type-7 percentiles, NaN
/// dropped), without sorting: in O(n) by counting when the values are
/// whole numbers in a narrow range (most weekly counts), else by selection.
/// `values` is reordered.
pub fn summarize_unsorted(values: &mut [f64], mean: f64) -> Option<Summary> {
    let mut n = 0;
    let (mut min, mut max, mut whole) = (f64::INFINITY, f64::NEG_INFINITY, true);
    for i in 0..values.len() {
        let v = values[i];
        if v.is_nan() {
            continue;
        }
        values[n] = v;
        n += 1;
        min = if v < min { v } else { min };
        max = if v > max { v } else { max };
        // A cast, not `fract()`: no libm call in the loop.
        whole &= v.abs() < 4.5e15 && (v as i64) as f64 == v;
    }
    let values = &mut values[..n];
    if n == 0 {
        return None;
    }
    let order: [f64; 3] = if min == max {
        [min; 3]
    } else if whole && max - min <= n.max(64) as f64 {
        by_counting(values, min, max)
    } else {
        by_selection(values)
    };
    Some(Summary { mean, p10: order[0], p50: order[1], p90: order[2] })
}

/// Positions of the type-7 quantiles 0.1, 0.5, 0.9 among `n` sorted values:
/// the lower order statistic and the interpolation weight of the next.
fn quantile_positions(n: usize) -> [(usize, f64); 3] {
    [0.1, 0.5, 0.9].map(|q| {
        let pos = q * (n - 1) as f64;
        let lo = pos.floor();
        (lo as usize, pos - lo)
    })
}

fn interpolate(lo: f64, hi: f64, weight: f64) -> f64 {
    lo + (hi - lo) * weight
}

fn by_counting(values: &[f64], min: f64, max: f64) -> [f64; 3] {
    let mut counts = vec![0u32; (max - min) as usize + 1];
    for &v in values {
        counts[(v - min) as usize] += 1;
    }
    let n = values.len();
    let positions = quantile_positions(n);
    // The six order statistics needed, visited in ascending order: one
    // walk over the counts.
    let wanted = positions.map(|(lo, _)| [lo, (lo + 1).min(n - 1)]).concat();
    let mut visit = [0, 1, 2, 3, 4, 5];
    visit.sort_by_key(|&i| wanted[i]);
    let mut found = [0.0; 6];
    let (mut next, mut seen) = (0, 0usize);
    for (value, &c) in counts.iter().enumerate() {
        seen += c as usize;
        while next < visit.len() && wanted[visit[next]] < seen {
            found[visit[next]] = min + value as f64;
            next += 1;
        }
        if next == visit.len() {
            break;
        }
    }
    [0, 1, 2].map(|i| interpolate(found[2 * i], found[2 * i + 1], positions[i].1))
}

fn by_selection(values: &mut [f64]) -> [f64; 3] {
    let n = values.len();
    let [(l10, w10), (l50, w50), (l90, w90)] = quantile_positions(n);
    // The median first; the outer quantiles then select within each half.
    let (_, &mut m, right) = values.select_nth_unstable_by(l50, f64::total_cmp);
    let m_next = right.iter().copied().reduce(f64::min).unwrap_or(m);
    let p50 = interpolate(m, m_next, w50);
    let (left, right) = values.split_at_mut(l50);
    let p10 = if l10 < l50 { select_pair(left, l10, w10, m) } else { interpolate(m, m_next, w10) };
    let right = &mut right[1..];
    let p90 = if l90 > l50 { select_pair(right, l90 - l50 - 1, w90, m_next) } else { interpolate(m, m_next, w90) };
    [p10, p50, p90]
}

/// The type-7 quantile from order statistics `k` and `k + 1` of `part`
/// (`after` is the value following `part` in sorted order).
fn select_pair(part: &mut [f64], k: usize, weight: f64, after: f64) -> f64 {
    if k >= part.len() {
        return after;
    }
    let (_, &mut lo, right) = part.select_nth_unstable_by(k, f64::total_cmp);
    let hi = right.iter().copied().reduce(f64::min).unwrap_or(after);
    interpolate(lo, hi, weight)
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn by_sorting(values: &[f64], mean: f64) -> Option<Summary> {
        summarize_with_mean(&mut values.to_vec(), mean)
    }

    proptest! {
        /// Counting and selection give exactly the sorted type-7 percentiles.
        #[test]
        fn unsorted_summaries_equal_sorted_ones(
            values in prop::collection::vec(prop_oneof![
                6 => (0u32..50).prop_map(f64::from),
                1 => Just(f64::NAN),
                4 => -1e6..1e6f64,
                1 => (0u64..10_000_000_000).prop_map(|v| v as f64),
            ], 0..300),
        ) {
            let expected = by_sorting(&values, 1.5);
            let got = summarize_unsorted(&mut values.clone(), 1.5);
            prop_assert_eq!(got, expected);
        }

        #[test]
        fn whole_numbers_in_a_narrow_range_are_counted_exactly(
            values in prop::collection::vec(0u32..30, 1..2000),
        ) {
            let values: Vec<f64> = values.into_iter().map(f64::from).collect();
            prop_assert_eq!(summarize_unsorted(&mut values.clone(), 0.0), by_sorting(&values, 0.0));
        }
    }

    #[test]
    fn constant_and_empty_inputs() {
        assert_eq!(summarize_unsorted(&mut [], 0.0), None);
        assert_eq!(summarize_unsorted(&mut [f64::NAN], 0.0), None);
        let s = summarize_unsorted(&mut [7.0; 10], 7.0).expect("values");
        assert_eq!((s.p10, s.p50, s.p90), (7.0, 7.0, 7.0));
    }
}
