//! Sensitivity (a tornado): every numeric assumption of the field table
//! ([`crate::fields::Field::all`]) moved down and up by `delta` relative,
//! clamped to its valid range (whole numbers rounded), with the chosen KPI
//! in expected mode at each end.
//!
//! - Channel shares move through [`crate::mix::set_share`]: the other
//!   channels rescale proportionally so the shares still sum to 1.
//! - Skipped: the horizon, runs and seed (settings, not assumptions), the
//!   deal-value spread (Monte Carlo only), fields at 0 (no relative move)
//!   and single-channel shares (they cannot move).
//! - An end that makes the scenario invalid (e.g. cycle weeks below the
//!   pipeline stages) falls back to the base value on that side; a field
//!   with no valid move at all is skipped.
//!
//! Elasticity = (Δ KPI / KPI base) ÷ (Δ value / value base) over the
//! actual (clamped) ends: % change in the KPI per 1 % change in the
//! assumption.

use serde::{Deserialize, Serialize};

use super::DecideError;
use crate::fields::{ChannelField, Field, RevenueField};
use crate::kpi::Kpi;
use crate::mix;
use crate::scenario::Scenario;
use crate::simulate;

/// The relative move used when none is given.
pub const DEFAULT_DELTA: f64 = 0.2;

/// One bar of the tornado.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SensitivityRow {
    /// The field path, as in validation errors (`channels[2].share`).
    pub field: String,
    /// The label people read.
    pub label: String,
    /// The value in the scenario (engine units: rates as fractions).
    pub base: f64,
    /// The low end actually used.
    pub low: f64,
    /// The high end actually used.
    pub high: f64,
    /// The KPI at the low end.
    pub kpi_low: Option<f64>,
    /// The KPI at the high end.
    pub kpi_high: Option<f64>,
    /// The KPI of the scenario.
    pub kpi_base: Option<f64>,
    /// |kpi_high − kpi_low| (0 when either is none).
    pub impact: f64,
    /// % change in the KPI per 1 % change in the field (none when the
    /// KPI is none or 0 at the base).
    pub elasticity: Option<f64>,
    /// Whether an end was clamped to the valid range.
    pub clamped: bool,
}

/// The tornado for `kpi` with relative move `delta` (in (0, 1)), sorted by
/// impact, largest first.
pub fn sensitivity(scenario: &Scenario, kpi: Kpi, delta: f64) -> Result<Vec<SensitivityRow>, DecideError> {
    scenario.validate()?;
    if !(delta > 0.0 && delta < 1.0) {
        return Err(DecideError::Invalid(format!("delta must be in (0, 1), got {delta}")));
    }
    let kpi_base = simulate::expected(scenario).kpis.get(kpi);
    let mut rows = Vec::new();
    for field in Field::all(scenario) {
        if matches!(field, Field::Weeks | Field::Runs | Field::Seed | Field::Revenue(RevenueField::DealValueCv)) {
            continue;
        }
        if matches!(field, Field::Channel(_, ChannelField::Share)) && scenario.channels.len() < 2 {
            continue;
        }
        let Some(base) = field.model_value(scenario) else { continue };
        if base == 0.0 {
            continue;
        }
        let (min, max, whole) = field.spec().model_range();
        let end = |factor: f64| {
            let raw = base * factor;
            let v = raw.clamp(min, max);
            let v = if whole { v.round() } else { v };
            (v, v != raw && (raw < min || raw > max))
        };
        let (low, low_clamped) = end(1.0 - delta);
        let (high, high_clamped) = end(1.0 + delta);
        let run = |v: f64| -> Option<Option<f64>> {
            if v == base {
                return Some(kpi_base);
            }
            let s = with_value(scenario, field, v)?;
            s.validate().ok()?;
            Some(simulate::expected(&s).kpis.get(kpi))
        };
        let (low, kpi_low) = match run(low) {
            Some(k) => (low, k),
            None => (base, kpi_base),
        };
        let (high, kpi_high) = match run(high) {
            Some(k) => (high, k),
            None => (base, kpi_base),
        };
        if high - low <= 0.0 {
            continue;
        }
        let impact = match (kpi_low, kpi_high) {
            (Some(a), Some(b)) => (b - a).abs(),
            _ => 0.0,
        };
        let elasticity = match (kpi_low, kpi_high, kpi_base) {
            (Some(a), Some(b), Some(k)) if k != 0.0 => {
                Some(((b - a) / k) / ((high - low) / base)).filter(|e| e.is_finite())
            }
            _ => None,
        };
        rows.push(SensitivityRow {
            field: field.path(),
            label: field.label(scenario),
            base,
            low,
            high,
            kpi_low,
            kpi_high,
            kpi_base,
            impact,
            elasticity,
            clamped: low_clamped || high_clamped,
        });
    }
    rows.sort_by(|a, b| b.impact.total_cmp(&a.impact));
    Ok(rows)
}

/// `scenario` with `field` at `value` (engine units); shares through the
/// mix rules. `None` when the value cannot be set.
fn with_value(scenario: &Scenario, field: Field, value: f64) -> Option<Scenario> {
    let mut s = scenario.clone();
    if let Field::Channel(i, ChannelField::Share) = field {
        let n = s.channels.len();
        let mut shares: Vec<f64> = s.channels.iter().map(|c| c.share).collect();
        if !mix::set_share(&mut shares, &vec![false; n], &vec![true; n], i, value) {
            return None;
        }
        for (c, v) in s.channels.iter_mut().zip(shares) {
            c.share = v;
        }
        return Some(s);
    }
    field.set(&mut s, field.spec().unit.show(value));
    Some(s)
}
