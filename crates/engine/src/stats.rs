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
    summarize_by(values, mean, |v| by_selection(v, f64::total_cmp))
}

/// [`summarize_unsorted`] of single-precision values (the kept weekly
/// samples), with exactly the result of the same values widened to `f64`:
/// selection compares order-preserving integer keys, which is several
/// times faster than comparing floats in total order.
pub fn summarize_unsorted_f32(values: &mut [f32], mean: f64) -> Option<Summary> {
    summarize_by(values, mean, |v| {
        let mut keys: Vec<u32> = v.iter().map(|&x| order_key(x)).collect();
        by_selection(&mut keys, u32::cmp).map(|k| f64::from(from_order_key(k)))
    })
}

/// Moves the values that are not NaN to the front; returns how many there are.
fn drop_nan<T: Sample>(values: &mut [T]) -> usize {
    // A fold, not `any`: no early exit, so the scan vectorises.
    if !values.iter().fold(false, |nan, &v| nan | v.into().is_nan()) {
        return values.len();
    }
    let mut n = 0;
    for i in 0..values.len() {
        if !values[i].into().is_nan() {
            values[n] = values[i];
            n += 1;
        }
    }
    n
}

/// A float type the summaries work on.
trait Sample: Copy + Into<f64> + PartialOrd {
    /// Whether the value is a whole number, without branches or library
    /// calls so the scan over the runs vectorises: adding and subtracting
    /// 2^(mantissa bits) rounds to a whole number, and changes nothing
    /// only if it was one (larger values are all whole).
    fn is_whole(self) -> bool;
}

impl Sample for f64 {
    fn is_whole(self) -> bool {
        const SHIFT: f64 = 4_503_599_627_370_496.0; // 2^52
        let a = self.abs();
        (a >= SHIFT) | ((a + SHIFT) - SHIFT == a)
    }
}

impl Sample for f32 {
    fn is_whole(self) -> bool {
        const SHIFT: f32 = 8_388_608.0; // 2^23
        let a = self.abs();
        (a >= SHIFT) | ((a + SHIFT) - SHIFT == a)
    }
}

/// Smallest and largest of some values (not NaN), and whether every
/// value is a whole number.
fn range_of<T: Sample>(first: T, values: &[T]) -> (f64, f64, bool) {
    let (mut min, mut max, mut whole) = (first, first, true);
    for &v in values {
        min = if v < min { v } else { min };
        max = if v > max { v } else { max };
        whole &= v.is_whole();
    }
    (min.into(), max.into(), whole)
}

/// The summary of `values` once NaN is dropped: by counting, or by `select`
/// (the six order statistics around the type-7 positions).
fn summarize_by<T: Sample>(values: &mut [T], mean: f64, select: impl FnOnce(&mut [T]) -> [f64; 6]) -> Option<Summary> {
    let n = drop_nan(values);
    let values = &mut values[..n];
    let &first = values.first()?;
    let (min, max, whole) = range_of(first, values);
    let positions = quantile_positions(n);
    let order: [f64; 6] = if min == max {
        [min; 6]
    } else if whole && max - min <= n.max(64) as f64 {
        by_counting(values, min, max, &positions)
    } else {
        select(values)
    };
    let [p10, p50, p90] = [0, 1, 2].map(|i| interpolate(order[2 * i], order[2 * i + 1], positions[i].1));
    Some(Summary { mean, p10, p50, p90 })
}

/// `f32` → `u32` so that integer order is `f32::total_cmp` order.
fn order_key(v: f32) -> u32 {
    let bits = v.to_bits();
    if bits >> 31 == 1 { !bits } else { bits | 0x8000_0000 }
}

fn from_order_key(key: u32) -> f32 {
    f32::from_bits(if key >> 31 == 1 { key & 0x7fff_ffff } else { !key })
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

/// The six order statistics around `positions`, by counting whole
/// numbers in `[min, max]`.
fn by_counting<T: Sample>(values: &[T], min: f64, max: f64, positions: &[(usize, f64); 3]) -> [f64; 6] {
    let mut counts = vec![0u32; (max - min) as usize + 1];
    for &v in values {
        counts[(v.into() - min) as usize] += 1;
    }
    let n = values.len();
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
    found
}

/// The six order statistics around the type-7 positions of 0.1, 0.5 and
/// 0.9, by selection in the order `cmp`.
fn by_selection<T: Copy>(values: &mut [T], cmp: impl Fn(&T, &T) -> std::cmp::Ordering + Copy) -> [T; 6] {
    let n = values.len();
    let [(l10, _), (l50, _), (l90, _)] = quantile_positions(n);
    let least =
        |part: &[T], or: T| part.iter().copied().reduce(|a, b| if cmp(&b, &a).is_lt() { b } else { a }).unwrap_or(or);
    // The median first; the outer quantiles then select within each half.
    let (_, &mut m, right) = values.select_nth_unstable_by(l50, cmp);
    let m_next = least(right, m);
    let (left, right) = values.split_at_mut(l50);
    let (lo10, hi10) = if l10 < l50 { select_pair(left, l10, m, cmp) } else { (m, m_next) };
    let right = &mut right[1..];
    let (lo90, hi90) = if l90 > l50 { select_pair(right, l90 - l50 - 1, m_next, cmp) } else { (m, m_next) };
    [lo10, hi10, m, m_next, lo90, hi90]
}

/// Order statistics `k` and `k + 1` of `part` (`after` is the value
/// following `part` in sorted order).
fn select_pair<T: Copy>(part: &mut [T], k: usize, after: T, cmp: impl Fn(&T, &T) -> std::cmp::Ordering) -> (T, T) {
    if k >= part.len() {
        return (after, after);
    }
    let (_, &mut lo, right) = part.select_nth_unstable_by(k, &cmp);
    let hi = right.iter().copied().reduce(|a, b| if cmp(&b, &a).is_lt() { b } else { a }).unwrap_or(after);
    (lo, hi)
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

        /// Single precision gives exactly the summary of the same values widened.
        #[test]
        fn f32_summaries_equal_those_of_the_widened_values(
            values in prop::collection::vec(prop_oneof![
                6 => (0u32..50).prop_map(|v| v as f32),
                1 => Just(f32::NAN),
                1 => Just(-0.0f32),
                4 => -1e6..1e6f32,
                1 => (0u64..10_000_000_000).prop_map(|v| v as f32),
            ], 0..300),
        ) {
            let widened: Vec<f64> = values.iter().map(|&v| f64::from(v)).collect();
            let expected = by_sorting(&widened, 2.5);
            prop_assert_eq!(summarize_unsorted_f32(&mut values.clone(), 2.5), expected);
        }

        /// Many values spread over magnitudes, with outliers that put most
        /// of them in one histogram bin.
        #[test]
        fn f32_summaries_of_many_spread_values_equal_sorted_ones(
            values in prop::collection::vec(prop_oneof![
                8 => (-3.0..10.0f64).prop_map(|e| 10f64.powf(e) as f32),
                2 => (1000u32..1100).prop_map(|v| v as f32 + 0.5),
                1 => Just(f32::MAX),
                1 => Just(-1e30f32),
            ], 500..2000),
        ) {
            let widened: Vec<f64> = values.iter().map(|&v| f64::from(v)).collect();
            prop_assert_eq!(summarize_unsorted_f32(&mut values.clone(), 0.0), by_sorting(&widened, 0.0));
        }

        #[test]
        fn order_keys_sort_like_total_order(a in any::<f32>(), b in any::<f32>()) {
            prop_assert_eq!(order_key(a).cmp(&order_key(b)), a.total_cmp(&b));
            prop_assert_eq!(from_order_key(order_key(a)).to_bits(), a.to_bits());
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
