//! Running a scenario: one exact pass in expected mode, or many seeded runs
//! in Monte Carlo mode, summarised without keeping every run.
//!
//! Monte Carlo memory is bounded: weekly means use running sums over all
//! runs; weekly percentiles come from the first `sample_runs` runs (runs are
//! independent and identically distributed, so the first R are a random
//! sample of them), with R chosen so the sample stays under
//! [`SAMPLE_BUDGET`] values. Horizon KPIs are kept for every run (a few
//! dozen numbers each), so their percentiles, histograms and the per-run
//! CSV are exact.

use crate::kpi::{self, Kpi, Kpis, SourceKpi};
use crate::metrics::{Metric, Trace};
use crate::model::{Model, State};
use crate::sampler::{Expected, Random};
use crate::scenario::Scenario;
use crate::stats::{self, Histogram, Summary};

/// Weekly values (runs × weeks × rows × metrics) kept for percentiles, as
/// `f32`: 64 MB.
pub const SAMPLE_BUDGET: usize = 16_000_000;
/// Fewest runs kept for weekly percentiles: 50 runs of the largest
/// scenario (16 channels, 520 weeks) still fit in the budget.
pub const MIN_SAMPLE_RUNS: usize = 50;

/// The result of expected mode: the exact weekly trace and its KPIs.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// Weekly values per source and in total.
    pub trace: Trace,
    /// Horizon KPIs.
    pub kpis: Kpis,
}

/// Runs the scenario once in expected mode.
pub fn expected(scenario: &Scenario) -> Outcome {
    let model = Model::new(scenario);
    let mut trace = model.new_trace();
    model.run(&mut Expected, &mut State::default(), &mut trace);
    let kpis = kpi::compute(scenario, &trace);
    Outcome { trace, kpis }
}

/// Runs one Monte Carlo run (`run` selects its random stream).
pub fn single_run(scenario: &Scenario, run: u64) -> Outcome {
    let model = Model::new(scenario);
    let mut trace = model.new_trace();
    let mut sampler = Random::for_run(scenario.simulation.seed, run);
    model.run(&mut sampler, &mut State::default(), &mut trace);
    let kpis = kpi::compute(scenario, &trace);
    Outcome { trace, kpis }
}

/// Values kept per run for the horizon KPIs: the funnel KPIs, then each
/// source's KPIs (NaN marks a KPI that is none in that run).
fn kpi_width(sources: usize) -> usize {
    Kpi::COUNT + sources * SourceKpi::COUNT
}

/// A Monte Carlo simulation in progress; [`MonteCarlo::advance`] runs it in
/// slices so a browser can stay responsive and drop stale work.
#[derive(Clone, Debug)]
pub struct MonteCarlo {
    scenario: Scenario,
    model: Model,
    runs: usize,
    done: usize,
    state: State,
    trace: Trace,
    sums: Vec<f64>,
    sample_runs: usize,
    sample: Vec<f32>,
    kpis: Vec<f64>,
}

impl MonteCarlo {
    /// Prepares `scenario.simulation.runs` runs of a (valid) scenario.
    pub fn new(scenario: &Scenario) -> Self {
        let model = Model::new(scenario);
        let trace = model.new_trace();
        let runs = scenario.simulation.runs.max(1) as usize;
        let cells = trace.values().len().max(1);
        let sample_runs = runs.min((SAMPLE_BUDGET / cells).max(MIN_SAMPLE_RUNS));
        MonteCarlo {
            scenario: scenario.clone(),
            runs,
            done: 0,
            state: State::default(),
            sums: vec![0.0; cells],
            sample_runs,
            sample: Vec::with_capacity(sample_runs * cells),
            kpis: Vec::with_capacity(runs * kpi_width(model.sources())),
            trace,
            model,
        }
    }

    /// Runs up to `max_runs` more runs; returns true when all are done.
    pub fn advance(&mut self, max_runs: usize) -> bool {
        let end = self.done.saturating_add(max_runs).min(self.runs);
        for run in self.done..end {
            let mut sampler = Random::for_run(self.scenario.simulation.seed, run as u64);
            self.model.run(&mut sampler, &mut self.state, &mut self.trace);
            for (s, v) in self.sums.iter_mut().zip(self.trace.values()) {
                *s += v;
            }
            if run < self.sample_runs {
                self.sample.extend(self.trace.values().iter().map(|&v| v as f32));
            }
            let k = kpi::compute(&self.scenario, &self.trace);
            let none = f64::NAN;
            self.kpis.extend(k.values.iter().map(|v| v.unwrap_or(none)));
            for row in &k.by_source {
                self.kpis.extend(row.iter().map(|v| v.unwrap_or(none)));
            }
        }
        self.done = end;
        self.is_done()
    }

    /// Whether every run is done.
    pub fn is_done(&self) -> bool {
        self.done >= self.runs
    }

    /// Runs done and runs in all.
    pub fn progress(&self) -> (usize, usize) {
        (self.done, self.runs)
    }

    /// Runs whatever is left and summarises.
    pub fn finish(mut self) -> McOutcome {
        self.advance(usize::MAX);
        let runs = self.done.max(1) as f64;
        let mean = self.sums.iter().map(|s| s / runs).collect();
        McOutcome {
            weeks: self.trace.weeks(),
            sources: self.trace.sources(),
            runs: self.done,
            has_sales_team: self.scenario.sales.reps * self.scenario.sales.leads_per_rep_per_week > 0.0,
            mean,
            sample_runs: self.sample_runs.min(self.done),
            sample: self.sample,
            kpis: self.kpis,
        }
    }
}

/// Runs every Monte Carlo run of the scenario and summarises.
pub fn monte_carlo(scenario: &Scenario) -> McOutcome {
    MonteCarlo::new(scenario).finish()
}

/// Summaries of a finished Monte Carlo simulation.
#[derive(Clone, Debug)]
pub struct McOutcome {
    weeks: usize,
    sources: usize,
    runs: usize,
    has_sales_team: bool,
    mean: Vec<f64>,
    sample_runs: usize,
    sample: Vec<f32>,
    kpis: Vec<f64>,
}

/// Bit-for-bit equality (a KPI that is none is NaN inside, and equal to itself here).
impl PartialEq for McOutcome {
    fn eq(&self, other: &Self) -> bool {
        let same = |a: &[f64], b: &[f64]| a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.to_bits() == y.to_bits());
        (self.weeks, self.sources, self.runs, self.has_sales_team, self.sample_runs)
            == (other.weeks, other.sources, other.runs, other.has_sales_team, other.sample_runs)
            && same(&self.mean, &other.mean)
            && same(&self.kpis, &other.kpis)
            && self.sample.iter().map(|v| v.to_bits()).eq(other.sample.iter().map(|v| v.to_bits()))
    }
}

impl McOutcome {
    /// Weeks in the horizon.
    pub fn weeks(&self) -> usize {
        self.weeks
    }
    /// Sources (channels + organic); the total row is index `sources`.
    pub fn sources(&self) -> usize {
        self.sources
    }
    /// Runs summarised.
    pub fn runs(&self) -> usize {
        self.runs
    }
    /// Runs whose weekly values feed the weekly percentiles.
    pub fn sample_runs(&self) -> usize {
        self.sample_runs
    }
    /// Whether weekly sales utilisation is defined (capacity > 0).
    pub fn has_sales_team(&self) -> bool {
        self.has_sales_team
    }

    fn cell(&self, week: usize, row: usize, metric: Metric) -> usize {
        (week * (self.sources + 1) + row) * Metric::COUNT + metric.index()
    }

    /// Mean over all runs of one weekly value.
    pub fn mean(&self, week: usize, row: usize, metric: Metric) -> f64 {
        self.mean[self.cell(week, row, metric)]
    }

    /// Mean and percentiles of one weekly value.
    pub fn weekly(&self, week: usize, row: usize, metric: Metric) -> Summary {
        let cell = self.cell(week, row, metric);
        let stride = self.mean.len();
        let mut values: Vec<f64> = (0..self.sample_runs).map(|r| f64::from(self.sample[r * stride + cell])).collect();
        let mean = self.mean[cell];
        stats::summarize_with_mean(&mut values, mean)
            .unwrap_or(Summary { mean, p10: mean, p50: mean, p90: mean })
    }

    /// A whole weekly series (for charts with bands).
    pub fn series(&self, row: usize, metric: Metric) -> Vec<Summary> {
        (0..self.weeks).map(|w| self.weekly(w, row, metric)).collect()
    }

    fn width(&self) -> usize {
        kpi_width(self.sources)
    }

    /// Every run's value of column `column` of the KPI table (NaN = none).
    fn column(&self, column: usize) -> Vec<f64> {
        self.kpis.iter().skip(column).step_by(self.width()).copied().collect()
    }

    /// Every run's value of a KPI (NaN where it was none).
    pub fn kpi_values(&self, kpi: Kpi) -> Vec<f64> {
        self.column(kpi.index())
    }

    /// Every run's value of a source KPI (NaN where it was none).
    pub fn source_kpi_values(&self, source: usize, kpi: SourceKpi) -> Vec<f64> {
        self.column(Kpi::COUNT + source * SourceKpi::COUNT + kpi.index())
    }

    /// Mean and percentiles of a KPI over the runs where it is defined.
    pub fn kpi(&self, kpi: Kpi) -> Option<Summary> {
        stats::summarize(&mut self.kpi_values(kpi))
    }

    /// Mean and percentiles of a source KPI.
    pub fn source_kpi(&self, source: usize, kpi: SourceKpi) -> Option<Summary> {
        stats::summarize(&mut self.source_kpi_values(source, kpi))
    }

    /// Histogram of a KPI's final values over the runs.
    pub fn histogram(&self, kpi: Kpi, bins: usize) -> Option<Histogram> {
        Histogram::new(&self.kpi_values(kpi), bins)
    }
}
