//! Comparing two scenarios' results, "A" (pinned) and "B" (being edited):
//! which way each KPI is better, the difference B − A, and, for Monte Carlo
//! results, paired statistics over the runs.
//!
//! Run `i` of a Monte Carlo simulation draws from the random stream
//! `(seed, i)`, so with the same seed and number of runs, run `i` of A and
//! run `i` of B share their random numbers (common random numbers). The
//! per-run differences `b[i] − a[i]` then cancel most of the luck both
//! scenarios share, and their mean and standard error say whether B's
//! difference is larger than the noise. This is statistics over the
//! engine's outputs, not model math; it is pure and tested natively.

use crate::Kpi;
use crate::stats;

/// A difference counts as "clear" when its mean is more than this many
/// standard errors from zero (about a 95 % two-sided test for many runs).
pub const NOISE_SE: f64 = 2.0;

/// The headline KPIs a comparison shows, in order.
pub const HEADLINE: [Kpi; 10] = [
    Kpi::NewCustomers,
    Kpi::Revenue,
    Kpi::Cost,
    Kpi::Cac,
    Kpi::MarketingCac,
    Kpi::Roas,
    Kpi::Roi,
    Kpi::CostPerLead,
    Kpi::LeadsGoneCold,
    Kpi::PaybackWeek,
];

/// Which way a KPI is better for the business.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Better {
    /// More is better (customers, revenue, ROAS, ROI, conversions).
    Higher,
    /// Less is better (costs, CAC, cost per lead, cold leads, payback week).
    Lower,
}

/// One of the two scenarios compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// The pinned scenario.
    A,
    /// The scenario being edited.
    B,
}

impl Better {
    /// The direction of every engine KPI (no wildcard: a new KPI must be decided here).
    pub fn of(kpi: Kpi) -> Better {
        use Kpi::*;
        match kpi {
            MarketingSpend | SalesCost | Cost | CostPerLead | CostPerSql | Cac | MarketingCac | LeadsGoneCold
            | ColdLeadSpend | PaybackWeek | ChurnedTotal => Better::Lower,
            NewCustomers | Purchases | Won | Leads | Sql | Opportunities | Visits | NewAware | Revenue
            | GrossProfit | Roas | Roi | VisitToLead | VisitToPurchase | LeadToSql | SqlToOpportunity
            | OpportunityToWon | LeadToCustomer | SalesUtilization | PipelineValue | SalesVelocity | CustomersEnd => {
                Better::Higher
            }
        }
    }

    /// Which side a difference `b − a` favours; `None` for no difference
    /// (or a difference that is not a number).
    pub fn favours(self, diff: f64) -> Option<Side> {
        if diff.is_nan() || diff == 0.0 {
            return None;
        }
        let b_higher = diff > 0.0;
        Some(if b_higher == (self == Better::Higher) { Side::B } else { Side::A })
    }
}

/// B − A when both values exist.
pub fn difference(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    Some(b? - a?).filter(|d| d.is_finite())
}

/// Whether a Monte Carlo difference stands out from the noise.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// |mean difference| > [`NOISE_SE`] standard errors: the side named is better.
    Clear(Side),
    /// The mean difference is within [`NOISE_SE`] standard errors of zero.
    WithinNoise,
    /// Every paired run gave exactly the same value.
    NoDifference,
    /// Fewer than two paired runs: no standard error.
    TooFewRuns,
}

impl Verdict {
    /// A short label for people: "clear (B better)", "within noise", …
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Clear(Side::B) => "clear: B better",
            Verdict::Clear(Side::A) => "clear: A better",
            Verdict::WithinNoise => "within noise",
            Verdict::NoDifference => "no difference",
            Verdict::TooFewRuns => "too few runs",
        }
    }

    /// A stable name for attributes and tests: `clear`, `noise`, `same`, `few`.
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Clear(_) => "clear",
            Verdict::WithinNoise => "noise",
            Verdict::NoDifference => "same",
            Verdict::TooFewRuns => "few",
        }
    }
}

/// Paired statistics of one KPI over runs that share random numbers.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Paired {
    /// Runs where the KPI exists in both A and B (the others are left out).
    pub pairs: usize,
    /// Pairs where B's value is better than A's.
    pub b_better: usize,
    /// Pairs where A's value is better than B's.
    pub a_better: usize,
    /// Mean of the differences `b − a`.
    pub mean: f64,
    /// Standard error of that mean (sample SD / √pairs); `None` below two pairs.
    pub se: Option<f64>,
    /// Whether the mean difference is larger than the noise.
    pub verdict: Verdict,
}

impl Paired {
    /// Share of pairs where B is better (0 to 1).
    pub fn b_better_share(&self) -> f64 {
        share(self.b_better, self.pairs)
    }

    /// Share of pairs where A and B are equal.
    pub fn tie_share(&self) -> f64 {
        share(self.pairs - self.b_better - self.a_better, self.pairs)
    }
}

fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 { 0.0 } else { part as f64 / whole as f64 }
}

/// Pairs run `i` of A with run `i` of B (values per run, NaN where the KPI
/// does not exist, as [`crate::McOutcome::kpi_values`] gives them),
/// keeps the pairs where both are finite, and summarises who is better and
/// whether the mean difference is larger than the noise. `None` without a
/// single pair. Runs beyond the shorter slice are ignored.
pub fn paired(a: &[f64], b: &[f64], better: Better) -> Option<Paired> {
    let diffs: Vec<f64> = a.iter().zip(b).filter(|(x, y)| x.is_finite() && y.is_finite()).map(|(x, y)| y - x).collect();
    let mean = stats::mean(&diffs)?;
    let b_better = diffs.iter().filter(|d| better.favours(**d) == Some(Side::B)).count();
    let a_better = diffs.iter().filter(|d| better.favours(**d) == Some(Side::A)).count();
    let se = stats::std_dev(&diffs).map(|sd| sd / (diffs.len() as f64).sqrt());
    let verdict = match se {
        None => Verdict::TooFewRuns,
        Some(_) if diffs.iter().all(|d| *d == 0.0) => Verdict::NoDifference,
        // Zero spread but a non-zero mean: every run moved by the same amount.
        Some(se) if mean.abs() > NOISE_SE * se => better.favours(mean).map_or(Verdict::WithinNoise, Verdict::Clear),
        Some(_) => Verdict::WithinNoise,
    };
    Some(Paired { pairs: diffs.len(), b_better, a_better, mean, se, verdict })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::simulate::monte_carlo;
    use crate::{Mode, Scenario};

    #[test]
    fn headline_directions() {
        for kpi in [Kpi::NewCustomers, Kpi::Revenue, Kpi::Roas, Kpi::Roi] {
            assert_eq!(Better::of(kpi), Better::Higher, "{}", kpi.name());
        }
        for kpi in [Kpi::Cost, Kpi::Cac, Kpi::MarketingCac, Kpi::CostPerLead, Kpi::LeadsGoneCold, Kpi::PaybackWeek] {
            assert_eq!(Better::of(kpi), Better::Lower, "{}", kpi.name());
        }
        // Every cost-like KPI (cost, CAC, cold leads, churn) is better lower.
        for kpi in Kpi::ALL {
            let name = kpi.name();
            if ["cost", "cac", "cold", "churn"].iter().any(|w| name.contains(w)) {
                assert_eq!(Better::of(*kpi), Better::Lower, "{name}");
            }
        }
    }

    #[test]
    fn favours_follows_the_direction() {
        assert_eq!(Better::Higher.favours(3.0), Some(Side::B));
        assert_eq!(Better::Higher.favours(-3.0), Some(Side::A));
        assert_eq!(Better::Lower.favours(3.0), Some(Side::A));
        assert_eq!(Better::Lower.favours(-0.5), Some(Side::B));
        assert_eq!(Better::Lower.favours(0.0), None);
        assert_eq!(Better::Higher.favours(f64::NAN), None);
    }

    #[test]
    fn difference_needs_both_values() {
        assert_eq!(difference(Some(2.0), Some(5.5)), Some(3.5));
        assert_eq!(difference(Some(5.0), Some(2.0)), Some(-3.0));
        assert_eq!(difference(None, Some(2.0)), None);
        assert_eq!(difference(Some(2.0), None), None);
        assert_eq!(difference(Some(f64::MAX), Some(-f64::MAX)), None, "overflow is no difference");
    }

    #[test]
    fn paired_by_hand() {
        // Differences 1, 0, 2, −1: mean 0.5, SD √(5/3), SE √(5/3)/2 ≈ 0.645.
        let a = [1.0, 2.0, 3.0, 4.0];
        let b = [2.0, 2.0, 5.0, 3.0];
        let p = paired(&a, &b, Better::Higher).expect("pairs");
        assert_eq!((p.pairs, p.b_better, p.a_better), (4, 2, 1));
        assert!((p.mean - 0.5).abs() < 1e-12);
        let se = p.se.expect("an SE");
        assert!((se - (5.0f64 / 3.0).sqrt() / 2.0).abs() < 1e-12, "{se}");
        assert_eq!(p.verdict, Verdict::WithinNoise);
        assert!((p.b_better_share() - 0.5).abs() < 1e-12);
        assert!((p.tie_share() - 0.25).abs() < 1e-12);

        // Lower is better: the same differences favour A twice and B once.
        let p = paired(&a, &b, Better::Lower).expect("pairs");
        assert_eq!((p.b_better, p.a_better), (1, 2));
    }

    #[test]
    fn missing_values_drop_their_pair() {
        let a = [1.0, f64::NAN, 3.0, 10.0, 7.0];
        let b = [2.0, 5.0, f64::NAN, 11.0];
        let p = paired(&a, &b, Better::Higher).expect("pairs");
        assert_eq!(p.pairs, 2, "runs 1 and 2 have a missing side, run 4 has no B");
        assert_eq!(p.b_better, 2);
        assert!(paired(&[f64::NAN], &[1.0], Better::Higher).is_none());
        assert!(paired(&[], &[], Better::Higher).is_none());
    }

    #[test]
    fn verdicts() {
        // A steady shift with small noise: clear, and the direction decides who wins.
        let a: Vec<f64> = (0..40).map(|i| 100.0 + f64::from(i % 7)).collect();
        let b: Vec<f64> = a.iter().enumerate().map(|(i, x)| x + 5.0 + if i % 2 == 0 { 1.0 } else { -1.0 }).collect();
        assert_eq!(paired(&a, &b, Better::Higher).map(|p| p.verdict), Some(Verdict::Clear(Side::B)));
        assert_eq!(paired(&a, &b, Better::Lower).map(|p| p.verdict), Some(Verdict::Clear(Side::A)));
        // Noise around zero: within noise.
        let noisy: Vec<f64> = a.iter().enumerate().map(|(i, x)| x + if i % 2 == 0 { 3.0 } else { -3.0 }).collect();
        assert_eq!(paired(&a, &noisy, Better::Higher).map(|p| p.verdict), Some(Verdict::WithinNoise));
        // Identical runs, a constant shift, a single pair.
        assert_eq!(paired(&a, &a, Better::Higher).map(|p| p.verdict), Some(Verdict::NoDifference));
        let shifted: Vec<f64> = a.iter().map(|x| x - 2.0).collect();
        assert_eq!(paired(&a, &shifted, Better::Lower).map(|p| p.verdict), Some(Verdict::Clear(Side::B)));
        assert_eq!(paired(&[1.0], &[2.0], Better::Higher).map(|p| p.verdict), Some(Verdict::TooFewRuns));
    }

    fn mc_scenario(runs: u32) -> Scenario {
        let mut s = Scenario::default();
        s.simulation.mode = Mode::MonteCarlo;
        s.simulation.runs = runs;
        s
    }

    #[test]
    fn same_scenario_same_seed_ties_every_run() {
        let s = mc_scenario(30);
        let (a, b) = (monte_carlo(&s), monte_carlo(&s));
        let p =
            paired(&a.kpi_values(Kpi::NewCustomers), &b.kpi_values(Kpi::NewCustomers), Better::Higher).expect("pairs");
        assert_eq!(p.pairs, 30);
        assert_eq!((p.b_better, p.a_better, p.verdict), (0, 0, Verdict::NoDifference));
    }

    #[test]
    fn a_much_larger_budget_clearly_wins_more_customers_with_common_random_numbers() {
        let a = mc_scenario(40);
        let mut b = a.clone();
        b.budget.per_week *= 3.0;
        let (ra, rb) = (monte_carlo(&a), monte_carlo(&b));
        let p = paired(&ra.kpi_values(Kpi::NewCustomers), &rb.kpi_values(Kpi::NewCustomers), Better::Higher)
            .expect("pairs");
        assert_eq!(p.verdict, Verdict::Clear(Side::B), "{p:?}");
        // Rejection samplers (BTRD, HRUA) use a varying count of uniforms per
        // draw, so paired runs drift apart over the weeks: most, not all,
        // pairs favour B.
        assert!(p.b_better_share() >= 0.8, "{p:?}");
        // More spend is a higher cost: lower is better, so A wins on cost in every run.
        let cost = paired(&ra.kpi_values(Kpi::Cost), &rb.kpi_values(Kpi::Cost), Better::of(Kpi::Cost)).expect("pairs");
        assert_eq!((cost.a_better, cost.verdict), (40, Verdict::Clear(Side::A)));
    }
}
