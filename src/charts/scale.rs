//! The arithmetic of axes, apart from any drawing: linear scales, data
//! bounds that skip non-finite values, "nice" domains and ticks, and
//! splitting series at their gaps.

/// A linear map from a data domain to a pixel range.
#[derive(Clone, Copy, Debug)]
pub(super) struct Scale {
    d0: f64,
    d1: f64,
    p0: f64,
    p1: f64,
}

impl Scale {
    /// Maps `domain` onto `pixels` (either may run backwards).
    pub fn new(domain: (f64, f64), pixels: (i32, i32)) -> Scale {
        Scale { d0: domain.0, d1: domain.1, p0: f64::from(pixels.0), p1: f64::from(pixels.1) }
    }

    /// The pixel of a data value.
    pub fn px(&self, v: f64) -> i32 {
        let span = self.d1 - self.d0;
        let t = if span != 0.0 && span.is_finite() { (v - self.d0) / span } else { 0.5 };
        // Clamped so that later pixel arithmetic cannot overflow.
        (self.p0 + (self.p1 - self.p0) * t).round().clamp(-1e6, 1e6) as i32
    }
}

/// Splits a sequence at its gaps (`None`) into runs of consecutive items,
/// so lines break where values are missing instead of jumping across.
pub(super) fn runs<T>(items: impl IntoIterator<Item = Option<T>>) -> Vec<Vec<T>> {
    let (mut out, mut run) = (Vec::new(), Vec::new());
    for item in items {
        match item {
            Some(v) => run.push(v),
            None if !run.is_empty() => out.push(std::mem::take(&mut run)),
            None => {}
        }
    }
    if !run.is_empty() {
        out.push(run);
    }
    out
}

/// `Some(v)` when `v` is finite.
pub(super) fn finite(v: f64) -> Option<f64> {
    v.is_finite().then_some(v)
}

/// Smallest and largest finite value, `None` if there is none.
pub(super) fn bounds(values: impl IntoIterator<Item = f64>) -> Option<(f64, f64)> {
    values.into_iter().filter(|v| v.is_finite()).fold(None, |acc, v| match acc {
        None => Some((v, v)),
        Some((lo, hi)) => Some((lo.min(v), hi.max(v))),
    })
}

/// A domain for an axis: includes zero if asked, never empty, and widened to
/// whole tick steps so the top grid line sits at the edge.
pub(super) fn nice_domain((lo, hi): (f64, f64), include_zero: bool) -> (f64, f64) {
    let (mut lo, mut hi) = if include_zero { (lo.min(0.0), hi.max(0.0)) } else { (lo, hi) };
    if !(lo.is_finite() && hi.is_finite()) {
        return (0.0, 1.0);
    }
    if hi - lo <= f64::EPSILON * hi.abs().max(1.0) {
        let pad = if hi == 0.0 { 1.0 } else { hi.abs() * 0.1 };
        (lo, hi) = (lo - if include_zero && lo >= 0.0 { 0.0 } else { pad }, hi + pad);
    }
    let step = nice_step((hi - lo) / 5.0);
    ((lo / step).floor() * step, (hi / step).ceil() * step)
}

/// A 1, 2 or 5 × 10ⁿ step at least `raw`.
fn nice_step(raw: f64) -> f64 {
    if !(raw.is_finite() && raw > 0.0) {
        return 1.0;
    }
    let mag = 10f64.powf(raw.log10().floor());
    let r = raw / mag;
    mag * if r <= 1.0 {
        1.0
    } else if r <= 2.0 {
        2.0
    } else if r <= 5.0 {
        5.0
    } else {
        10.0
    }
}

/// About `count` round tick values within `[lo, hi]`.
pub(super) fn ticks(lo: f64, hi: f64, count: usize) -> Vec<f64> {
    if !(lo.is_finite() && hi.is_finite()) || hi <= lo {
        return vec![];
    }
    let step = nice_step((hi - lo) / count.max(1) as f64);
    let first = (lo / step).ceil() as i64;
    let last = (hi / step).floor() as i64;
    (first..=last).take(50).map(|i| i as f64 * step).collect()
}
