//! Running a scenario: one exact pass in expected mode, or many seeded runs
//! in Monte Carlo mode, summarised without keeping every run.
//!
//! Monte Carlo memory is bounded: weekly means use running sums over all
//! runs; weekly percentiles come from the first `sample_runs` runs (runs are
//! independent and identically distributed, so the first R are a random
//! sample of them), with R chosen so the sample stays under
//! [`SAMPLE_BUDGET`] values. Horizon KPIs are kept for every run (a few
//! dozen numbers each), so their percentiles, histograms and the per-run
//! CSV are exact. The runs are done in chunks ([`crate::chunks`]), so the
//! result is the same on any number of threads or workers.

use crate::chunks::{KeptRuns, McMerge, McPlan, SampleRows, Scratch, kpi_width};
pub use crate::chunks::{MIN_SAMPLE_RUNS, SAMPLE_BUDGET};
use crate::kpi::{self, Kpi, Kpis, SourceKpi};
use crate::metrics::{Metric, Trace};
use crate::model::{Model, State};
use crate::plan::{PlanColumn, PlannedScenario, Quota, QuotaKpis};
use crate::sampler::{Expected, Random};
use crate::scenario::Scenario;
use crate::stats::{self, Histogram, Summary};

/// The result of expected mode: the exact weekly trace and its KPIs.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// Weekly values per source and in total.
    pub trace: Trace,
    /// Horizon KPIs.
    pub kpis: Kpis,
    /// Quota KPIs, when the scenario's plan sets a quota.
    pub quota: Option<QuotaKpis>,
}

/// Runs the scenario once in expected mode.
pub fn expected(scenario: &Scenario) -> Outcome {
    let model = Model::new(scenario);
    let mut trace = model.new_trace();
    model.run(&mut Expected, &mut State::default(), &mut trace);
    let kpis = kpi::compute(scenario, &trace);
    Outcome { trace, kpis, quota: None }
}

/// Runs a scenario with its plan over time once in expected mode (without
/// a plan: exactly [`expected`]).
pub fn expected_planned(planned: &PlannedScenario) -> Outcome {
    let model = Model::planned(planned);
    let mut trace = model.new_trace();
    model.run(&mut Expected, &mut State::default(), &mut trace);
    let kpis = kpi::compute(&planned.scenario, &trace);
    let quota = planned.plan.as_ref().and_then(|p| p.quota.as_ref()).map(|q| QuotaKpis::compute(q, &trace));
    Outcome { trace, kpis, quota }
}

/// Runs one Monte Carlo run of a scenario with its plan (`run` selects its
/// random stream).
pub fn single_run_planned(planned: &PlannedScenario, run: u64) -> Outcome {
    let model = Model::planned(planned).for_draws();
    let mut trace = model.new_trace();
    let mut sampler = Random::for_run(planned.scenario.simulation.seed, run);
    model.run(&mut sampler, &mut State::default(), &mut trace);
    let kpis = kpi::compute(&planned.scenario, &trace);
    let quota = planned.plan.as_ref().and_then(|p| p.quota.as_ref()).map(|q| QuotaKpis::compute(q, &trace));
    Outcome { trace, kpis, quota }
}

/// Runs every Monte Carlo run of a scenario with its plan on this thread.
pub fn monte_carlo_planned(planned: &PlannedScenario) -> McOutcome {
    let plan = McPlan::planned(planned, SampleRows::All);
    let mut merge = plan.merger();
    let mut scratch = Scratch::default();
    for index in 0..plan.chunk_count() {
        // Chunks come in order here, so `add` cannot refuse them.
        let _ = merge.add(plan.run_chunk(index, &mut scratch));
    }
    merge.finish()
}

/// Runs one Monte Carlo run (`run` selects its random stream).
pub fn single_run(scenario: &Scenario, run: u64) -> Outcome {
    let model = Model::new(scenario).for_draws();
    let mut trace = model.new_trace();
    let mut sampler = Random::for_run(scenario.simulation.seed, run);
    model.run(&mut sampler, &mut State::default(), &mut trace);
    let kpis = kpi::compute(scenario, &trace);
    Outcome { trace, kpis, quota: None }
}

/// A Monte Carlo simulation in progress on one thread; [`MonteCarlo::advance`]
/// runs it a chunk at a time so a browser can stay responsive and drop
/// stale work. Same result as [`monte_carlo`] and as any number of workers.
#[derive(Clone, Debug)]
pub struct MonteCarlo {
    plan: McPlan,
    merge: McMerge,
    next_chunk: usize,
    scratch: Scratch,
}

impl MonteCarlo {
    /// Prepares `scenario.simulation.runs` runs of a (valid) scenario, with
    /// weekly percentiles for every row.
    pub fn new(scenario: &Scenario) -> Self {
        Self::with_rows(scenario, SampleRows::All)
    }

    /// The same, with weekly percentiles only for `rows`.
    pub fn with_rows(scenario: &Scenario, rows: SampleRows) -> Self {
        Self::from_plan(McPlan::new(scenario, rows))
    }

    /// The same for a scenario with a plan over time (or without: then
    /// exactly [`MonteCarlo::with_rows`]).
    pub fn planned_with_rows(planned: &PlannedScenario, rows: SampleRows) -> Self {
        Self::from_plan(McPlan::planned(planned, rows))
    }

    fn from_plan(plan: McPlan) -> Self {
        MonteCarlo { merge: plan.merger(), plan, next_chunk: 0, scratch: Scratch::default() }
    }

    /// Runs at least `min_runs` more runs (whole chunks; fewer at the end);
    /// returns true when all are done.
    pub fn advance(&mut self, min_runs: usize) -> bool {
        let target = self.merge.done_runs().saturating_add(min_runs.max(1));
        while self.next_chunk < self.plan.chunk_count() && self.merge.done_runs() < target {
            let chunk = self.plan.run_chunk(self.next_chunk, &mut self.scratch);
            // Chunks come in order here, so `add` cannot refuse them.
            let _ = self.merge.add(chunk);
            self.next_chunk += 1;
        }
        self.is_done()
    }

    /// Whether every run is done.
    pub fn is_done(&self) -> bool {
        self.merge.is_done()
    }

    /// Runs done and runs in all.
    pub fn progress(&self) -> (usize, usize) {
        (self.merge.done_runs(), self.plan.runs())
    }

    /// Runs whatever is left and summarises.
    pub fn finish(mut self) -> McOutcome {
        self.advance(usize::MAX);
        self.merge.finish()
    }
}

/// Runs every Monte Carlo run of the scenario on this thread and summarises.
pub fn monte_carlo(scenario: &Scenario) -> McOutcome {
    MonteCarlo::new(scenario).finish()
}

/// A summary whose every percentile is its mean (a value with no spread,
/// or whose runs were not kept).
fn flat(mean: f64) -> Summary {
    Summary { mean, p10: mean, p50: mean, p90: mean }
}

/// Summaries of a finished Monte Carlo simulation, built by
/// [`crate::chunks::McMerge::finish`].
#[derive(Clone, Debug)]
pub struct McOutcome {
    pub(crate) weeks: usize,
    pub(crate) sources: usize,
    pub(crate) stages: usize,
    pub(crate) runs: usize,
    pub(crate) has_sales_team: bool,
    /// Whether the traces have a plan block.
    pub(crate) plan: bool,
    /// The plan's quota; its KPIs end every run's KPI row.
    pub(crate) quota: Option<Quota>,
    pub(crate) quota_columns: usize,
    pub(crate) rows: SampleRows,
    /// Mean over all runs of every weekly value (trace layout).
    pub(crate) mean: Vec<f64>,
    /// Every week's summaries, once [`McOutcome::summarise_weeks`] ran.
    pub(crate) weekly_summaries: Option<Vec<Summary>>,
    /// Runs whose weekly values are kept in `sample`.
    pub(crate) sample_runs: usize,
    pub(crate) sample: KeptRuns,
    /// Every run's KPI row (NaN = none).
    pub(crate) kpis: Vec<f64>,
}

/// Bit-for-bit equality (a KPI that is none is NaN inside, and equal to itself here).
impl PartialEq for McOutcome {
    fn eq(&self, other: &Self) -> bool {
        let same =
            |a: &[f64], b: &[f64]| a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.to_bits() == y.to_bits());
        (self.weeks, self.sources, self.stages, self.runs, self.has_sales_team, self.rows, self.sample_runs)
            == (
                other.weeks,
                other.sources,
                other.stages,
                other.runs,
                other.has_sales_team,
                other.rows,
                other.sample_runs,
            )
            && (self.plan, self.quota, self.quota_columns) == (other.plan, other.quota, other.quota_columns)
            && same(&self.mean, &other.mean)
            && same(&self.kpis, &other.kpis)
            && self.sample.values().map(f32::to_bits).eq(other.sample.values().map(f32::to_bits))
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

    /// Pipeline stages.
    pub fn stages(&self) -> usize {
        self.stages
    }

    /// Values kept per run when only the total row is sampled.
    fn total_stride(&self) -> usize {
        self.weeks * (Metric::COUNT + self.stages + self.plan_columns())
    }

    fn plan_columns(&self) -> usize {
        if self.plan { PlanColumn::COUNT } else { 0 }
    }

    /// Whether the scenario had a plan (weekly phase, reps and capacity exist).
    pub fn has_plan(&self) -> bool {
        self.plan
    }

    /// Mean and percentiles of a plan value of week `week` (all zero without a plan).
    pub fn plan_weekly(&self, week: usize, column: PlanColumn) -> Summary {
        let zero = Summary { mean: 0.0, p10: 0.0, p50: 0.0, p90: 0.0 };
        if !self.plan {
            return zero;
        }
        let in_run = self.weeks * self.stages + week * PlanColumn::COUNT + column.index();
        let cell = self.weeks * (self.sources + 1) * Metric::COUNT + in_run;
        let Some(&mean) = self.mean.get(cell) else { return zero };
        let (stride, at) = match self.rows {
            SampleRows::All => (self.mean.len(), cell),
            SampleRows::Total => (self.total_stride(), self.weeks * Metric::COUNT + in_run),
        };
        self.sampled(mean, stride, at)
    }

    /// The plan's quota, when it set one.
    pub fn quota(&self) -> Option<Quota> {
        self.quota
    }

    /// Every run's quota attainment over the horizon (`quarter` `None`) or
    /// in quarter `quarter` (0-based); NaN where it was none, empty without a quota.
    pub fn quota_values(&self, quarter: Option<usize>) -> Vec<f64> {
        let column = quarter.map_or(0, |q| q + 1);
        if column >= self.quota_columns {
            return Vec::new();
        }
        self.column(kpi_width(self.sources) + column)
    }

    /// Mean and percentiles of the quota attainment (horizon or a quarter).
    pub fn quota_attainment(&self, quarter: Option<usize>) -> Option<Summary> {
        stats::summarize(&mut self.quota_values(quarter))
    }

    /// Share of the runs (where attainment is defined) in which the team
    /// reached at least 100 % of its quota over the horizon.
    pub fn runs_on_target(&self) -> Option<f64> {
        let values: Vec<f64> = self.quota_values(None).into_iter().filter(|v| !v.is_nan()).collect();
        let on = values.iter().filter(|&&v| v >= 1.0).count();
        kpi::ratio(on as f64, values.len() as f64)
    }

    /// Mean over all runs of the open opportunities in stage `stage`
    /// (0-based) at the end of week `week`.
    pub fn stage_mean(&self, week: usize, stage: usize) -> f64 {
        let metrics = self.weeks * (self.sources + 1) * Metric::COUNT;
        self.mean.get(metrics + week * self.stages + stage).copied().unwrap_or(0.0)
    }

    /// Mean and percentiles of the open opportunities in stage `stage`
    /// (0-based) at the end of week `week`, over all sources.
    pub fn stage_weekly(&self, week: usize, stage: usize) -> Summary {
        let metrics = self.weeks * (self.sources + 1) * Metric::COUNT;
        let cell = metrics + week * self.stages + stage;
        let mean = self.mean.get(cell).copied().unwrap_or(0.0);
        let (stride, at) = match self.rows {
            SampleRows::All => (self.mean.len(), cell),
            SampleRows::Total => (self.total_stride(), self.weeks * Metric::COUNT + week * self.stages + stage),
        };
        self.sampled(mean, stride, at)
    }

    /// Whether row `row` (a source, or `sources()` for the total) has weekly
    /// percentiles; without them [`Self::weekly`] gives its mean only.
    pub fn has_weekly_percentiles(&self, row: usize) -> bool {
        self.rows == SampleRows::All || row == self.sources
    }

    /// Mean and percentiles of one weekly value. A row whose runs were not
    /// kept (see [`SampleRows`]) gets its mean as every percentile.
    pub fn weekly(&self, week: usize, row: usize, metric: Metric) -> Summary {
        let cell = self.cell(week, row, metric);
        let mean = self.mean[cell];
        let (stride, at) = match self.rows {
            SampleRows::All => (self.mean.len(), cell),
            SampleRows::Total if row == self.sources => (self.total_stride(), week * Metric::COUNT + metric.index()),
            SampleRows::Total => return flat(mean),
        };
        self.sampled(mean, stride, at)
    }

    /// Mean `mean` and the percentiles of the kept runs' values at `at`
    /// within each run's `stride` values (the mean alone if none is kept).
    fn sampled(&self, mean: f64, stride: usize, at: usize) -> Summary {
        let mut values: Vec<f32> =
            (0..self.sample_runs).filter_map(|r| self.sample.run(r, stride)?.get(at)).copied().collect();
        stats::summarize_unsorted_f32(&mut values, mean).unwrap_or(flat(mean))
    }

    /// Mean and percentiles of every value of week `week`, at
    /// `row × Metric::COUNT + metric` (rows: sources, then the total). One
    /// pass over the kept runs, much faster than asking [`Self::weekly`]
    /// cell by cell; served from [`Self::summarise_weeks`]'s work when that
    /// ran.
    pub fn week_summaries(&self, week: usize) -> Vec<Summary> {
        let width = (self.sources + 1) * Metric::COUNT;
        if let Some(all) = &self.weekly_summaries {
            return all[week * width..(week + 1) * width].to_vec();
        }
        self.compute_week_summaries(week)
    }

    /// Computes every week's summaries up front on `threads` threads, so
    /// that a report writing them week by week does not wait for each.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn summarise_weeks(&mut self, threads: usize) {
        let weeks = self.weeks;
        let threads = threads.clamp(1, weeks.max(1));
        let per_thread = weeks.div_ceil(threads);
        let this = &*self;
        let parts: Vec<Vec<Summary>> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..threads)
                .map(|t| {
                    scope.spawn(move || {
                        let range = (t * per_thread).min(weeks)..((t + 1) * per_thread).min(weeks);
                        range.flat_map(|w| this.compute_week_summaries(w)).collect::<Vec<_>>()
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap_or_default()).collect()
        });
        let all: Vec<Summary> = parts.concat();
        if all.len() == weeks * (self.sources + 1) * Metric::COUNT {
            self.weekly_summaries = Some(all);
        }
    }

    fn compute_week_summaries(&self, week: usize) -> Vec<Summary> {
        let rows = self.sources + 1;
        let first_cell = self.cell(week, 0, Metric::Spend);
        let width = rows * Metric::COUNT;
        let mut out: Vec<Summary> = self.mean[first_cell..first_cell + width].iter().map(|&mean| flat(mean)).collect();
        let (stride, offset, sampled) = match self.rows {
            SampleRows::All => (self.mean.len(), first_cell, 0..width),
            SampleRows::Total => (self.total_stride(), week * Metric::COUNT, (width - Metric::COUNT)..width),
        };
        let runs = self.sample_runs;
        if runs == 0 {
            return out;
        }
        // Transpose this week's block (runs × cells) so each cell's runs
        // are contiguous, a tile of runs at a time so the writes stay in
        // cache lines already loaded.
        const TILE: usize = 16;
        let cells = sampled.len();
        // This week's values of each kept run (NaN where a run has none).
        let week_rows: Vec<&[f32]> = (0..runs)
            .map(|r| self.sample.run(r, stride).and_then(|v| v.get(offset..offset + cells)).unwrap_or(&[]))
            .collect();
        let mut block = vec![0.0f32; cells * runs];
        for r0 in (0..runs).step_by(TILE) {
            let tile = r0..(r0 + TILE).min(runs);
            for c in 0..cells {
                let column = &mut block[c * runs..(c + 1) * runs];
                for r in tile.clone() {
                    column[r] = week_rows[r].get(c).copied().unwrap_or(f32::NAN);
                }
            }
        }
        for (c, values) in block.chunks_mut(runs).enumerate() {
            let at = sampled.start + c;
            if let Some(summary) = stats::summarize_unsorted_f32(values, out[at].mean) {
                out[at] = summary;
            }
        }
        out
    }

    /// A whole weekly series (for charts with bands).
    pub fn series(&self, row: usize, metric: Metric) -> Vec<Summary> {
        (0..self.weeks).map(|w| self.weekly(w, row, metric)).collect()
    }

    fn width(&self) -> usize {
        kpi_width(self.sources) + self.quota_columns
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
