//! Monte Carlo in fixed-size chunks of runs, so any number of threads or
//! Web Workers give bit-identical results for a seed.
//!
//! Every run has its own random stream ([`Random::for_run`]), so a run's
//! numbers never depend on who computed it. What could still differ is the
//! order in which floating-point sums are added; so the runs are cut into
//! chunks of [`CHUNK_RUNS`], each chunk sums its own runs in run order, and
//! [`McMerge`] adds the chunks in chunk order, whatever order they arrive
//! in. One thread, sixteen threads and N browser workers therefore produce
//! the same [`McOutcome`] to the last bit.
//!
//! A chunk crosses a worker boundary as bytes ([`McChunk::to_bytes`]):
//! little-endian, length-checked, decoded without panicking.

use std::collections::BTreeMap;

use crate::kpi::{self, Kpi, SourceKpi};
use crate::metrics::{Metric, Trace};
use crate::model::{Model, State};
use crate::plan::{PlanColumn, PlannedScenario, Quota, QuotaKpis};
use crate::sampler::Random;
use crate::scenario::Scenario;
use crate::simulate::McOutcome;

/// Runs per chunk: the unit of parallel work and of the fixed reduction order.
pub const CHUNK_RUNS: usize = 25;

/// Weekly values (runs × weeks × rows × metrics) kept for percentiles, as
/// `f32`: 64 MB.
pub const SAMPLE_BUDGET: usize = 16_000_000;
/// Fewest runs kept for weekly percentiles: 50 runs of the largest
/// scenario (16 channels, 520 weeks) still fit in the budget.
pub const MIN_SAMPLE_RUNS: usize = 50;

/// Which rows of the weekly table keep every run's values (for percentiles).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SampleRows {
    /// Every source and the total (reports, the command line).
    All,
    /// Only the total row (the app's charts, which band totals only): a
    /// tenth of the data to move between a worker and the page.
    Total,
}

/// Values kept per run for the horizon KPIs: the funnel KPIs, then each
/// source's KPIs (NaN marks a KPI that is none in that run).
pub(crate) fn kpi_width(sources: usize) -> usize {
    Kpi::COUNT + sources * SourceKpi::COUNT
}

/// A Monte Carlo simulation cut into chunks: everything that does not
/// depend on the run, prepared once and shared (read-only) by every thread.
#[derive(Clone, Debug)]
pub struct McPlan {
    scenario: Scenario,
    /// The plan's quota, when it has one: each run's KPI row then ends with
    /// its quota KPIs.
    quota: Option<Quota>,
    model: Model,
    runs: usize,
    rows: SampleRows,
    sample_runs: usize,
    /// Weekly cells of one run (weeks × rows × metrics).
    cells: usize,
    /// Sampled cells of one run.
    sampled_cells: usize,
}

/// The weekly values kept for percentiles: each chunk's own buffer, moved
/// in as it is merged (never copied into one big array), in chunk order.
/// Run `r` is row `r % CHUNK_RUNS` of chunk `r / CHUNK_RUNS`: the kept runs
/// are the first ones, so every chunk before the last kept one is full.
#[derive(Clone, Debug, Default)]
pub struct KeptRuns {
    chunks: Vec<Vec<f32>>,
}

impl KeptRuns {
    fn push(&mut self, chunk: Vec<f32>) {
        if !chunk.is_empty() {
            self.chunks.push(chunk);
        }
    }

    /// The `stride` values kept of run `r`, if it was kept.
    pub fn run(&self, r: usize, stride: usize) -> Option<&[f32]> {
        let row = r % CHUNK_RUNS;
        self.chunks.get(r / CHUNK_RUNS)?.get(row * stride..(row + 1) * stride)
    }

    /// Every kept value, run after run.
    pub fn values(&self) -> impl Iterator<Item = f32> + '_ {
        self.chunks.iter().flatten().copied()
    }
}

/// Per-thread scratch space, reused across the chunks a thread runs.
#[derive(Clone, Debug, Default)]
pub struct Scratch {
    state: State,
    trace: Option<Trace>,
}

/// One chunk's results: sums over its runs, the sampled weekly values of
/// its runs that fall under the sample, and every run's KPI row.
#[derive(Clone, Debug, PartialEq)]
pub struct McChunk {
    /// Chunk number (runs `index × CHUNK_RUNS ..`).
    pub index: usize,
    /// Runs in this chunk.
    pub runs: usize,
    /// Σ over the chunk's runs of every weekly cell, summed in run order.
    pub sums: Vec<f64>,
    /// Sampled weekly values of the chunk's runs below `sample_runs`.
    pub sample: Vec<f32>,
    /// KPI rows, one per run.
    pub kpis: Vec<f64>,
}

impl McPlan {
    /// Plans `scenario.simulation.runs` runs of a (valid) scenario, keeping
    /// weekly percentiles for `rows`.
    pub fn new(scenario: &Scenario, rows: SampleRows) -> Self {
        Self::build(scenario, None, Model::new(scenario).for_draws(), rows)
    }

    /// Plans the runs of a (valid) scenario with its plan over time.
    pub fn planned(planned: &PlannedScenario, rows: SampleRows) -> Self {
        let quota = planned.plan.as_ref().and_then(|p| p.quota);
        Self::build(&planned.scenario, quota, Model::planned(planned).for_draws(), rows)
    }

    fn build(scenario: &Scenario, quota: Option<Quota>, model: Model, rows: SampleRows) -> Self {
        let weeks = model.weeks();
        // Every weekly value, including the open opportunities per stage
        // and the plan block.
        let cells = model.new_trace().values().len().max(1);
        let plan_columns = if model.has_plan() { PlanColumn::COUNT } else { 0 };
        let sampled_cells = match rows {
            SampleRows::All => cells,
            SampleRows::Total => (weeks * (Metric::COUNT + model.stages() + plan_columns)).max(1),
        };
        let runs = scenario.simulation.runs.max(1) as usize;
        let sample_runs = runs.min((SAMPLE_BUDGET / sampled_cells).max(MIN_SAMPLE_RUNS));
        McPlan { scenario: scenario.clone(), quota, model, runs, rows, sample_runs, cells, sampled_cells }
    }

    /// Per-run KPI values after the funnel and source KPIs (the quota KPIs).
    fn quota_columns(&self) -> usize {
        if self.quota.is_some() { QuotaKpis::width(self.model.weeks()) } else { 0 }
    }

    /// Runs in all.
    pub fn runs(&self) -> usize {
        self.runs
    }

    /// Number of chunks.
    pub fn chunk_count(&self) -> usize {
        self.runs.div_ceil(CHUNK_RUNS)
    }

    /// The runs of chunk `index`.
    pub fn chunk_runs(&self, index: usize) -> std::ops::Range<usize> {
        let start = (index * CHUNK_RUNS).min(self.runs);
        start..(start + CHUNK_RUNS).min(self.runs)
    }

    /// The scenario being simulated.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// Runs chunk `index` (`< chunk_count()`; past the end it is empty).
    pub fn run_chunk(&self, index: usize, scratch: &mut Scratch) -> McChunk {
        let runs = self.chunk_runs(index);
        // Scratch space may come from another plan (a worker's previous job).
        let fits = |t: &Trace| t.weeks() == self.model.weeks() && t.sources() == self.model.sources();
        if !scratch.trace.as_ref().is_some_and(fits) {
            scratch.trace = None;
        }
        let trace = scratch.trace.get_or_insert_with(|| self.model.new_trace());
        let width = kpi_width(self.model.sources()) + self.quota_columns();
        let sampled_here = runs.start.max(self.sample_runs.min(runs.end))..runs.end;
        let sampled_runs = runs.len() - sampled_here.len();
        let mut chunk = McChunk {
            index,
            runs: runs.len(),
            sums: vec![0.0; self.cells],
            sample: Vec::with_capacity(sampled_runs * self.sampled_cells),
            kpis: Vec::with_capacity(runs.len() * width),
        };
        let total_row = self.model.sources();
        for run in runs {
            let mut sampler = Random::for_run(self.scenario.simulation.seed, run as u64);
            self.model.run(&mut sampler, &mut scratch.state, trace);
            for (s, v) in chunk.sums.iter_mut().zip(trace.values()) {
                *s += v;
            }
            if run < self.sample_runs {
                match self.rows {
                    SampleRows::All => chunk.sample.extend(trace.values().iter().map(|&v| v as f32)),
                    SampleRows::Total => {
                        for week in 0..trace.weeks() {
                            chunk.sample.extend(trace.row(week, total_row).iter().map(|&v| v as f32));
                        }
                        let stages = &trace.values()[trace.stage_block_start()..];
                        chunk.sample.extend(stages.iter().map(|&v| v as f32));
                    }
                }
            }
            let k = kpi::compute(&self.scenario, trace);
            chunk.kpis.extend(k.values.iter().map(|v| v.unwrap_or(f64::NAN)));
            for row in &k.by_source {
                chunk.kpis.extend(row.iter().map(|v| v.unwrap_or(f64::NAN)));
            }
            if let Some(quota) = &self.quota {
                chunk.kpis.extend(QuotaKpis::compute(quota, trace).row());
            }
        }
        chunk
    }

    /// An empty reduction for this plan's chunks.
    pub fn merger(&self) -> McMerge {
        McMerge {
            weeks: self.model.weeks(),
            sources: self.model.sources(),
            stages: self.model.stages(),
            runs: self.runs,
            rows: self.rows,
            has_sales_team: self.model.has_sales_team(),
            plan: self.model.has_plan(),
            quota: self.quota,
            quota_columns: self.quota_columns(),
            sample_runs: self.sample_runs,
            sums: vec![0.0; self.cells],
            sample: KeptRuns::default(),
            kpis: Vec::with_capacity(self.runs * (kpi_width(self.model.sources()) + self.quota_columns())),
            next: 0,
            done_runs: 0,
            waiting: BTreeMap::new(),
        }
    }
}

/// Folds chunks into one result in chunk order, buffering any that arrive
/// early, so the result never depends on who finished first.
#[derive(Clone, Debug)]
pub struct McMerge {
    weeks: usize,
    sources: usize,
    stages: usize,
    runs: usize,
    rows: SampleRows,
    has_sales_team: bool,
    plan: bool,
    quota: Option<Quota>,
    quota_columns: usize,
    sample_runs: usize,
    sums: Vec<f64>,
    sample: KeptRuns,
    kpis: Vec<f64>,
    next: usize,
    done_runs: usize,
    waiting: BTreeMap<usize, McChunk>,
}

/// Why a chunk was refused.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ChunkError {
    /// The chunk's arrays do not fit this plan.
    #[error("Monte Carlo chunk {0} does not fit this simulation (a stale or corrupt result)")]
    Mismatch(usize),
    /// The same chunk came twice.
    #[error("Monte Carlo chunk {0} arrived twice")]
    Duplicate(usize),
    /// The bytes are not a chunk.
    #[error("a Monte Carlo result could not be read: {0}")]
    Corrupt(&'static str),
}

impl McMerge {
    /// Adds a chunk (in any order).
    pub fn add(&mut self, chunk: McChunk) -> Result<(), ChunkError> {
        if chunk.sums.len() != self.sums.len() || chunk.index * CHUNK_RUNS >= self.runs.max(1) {
            return Err(ChunkError::Mismatch(chunk.index));
        }
        if chunk.index < self.next || self.waiting.contains_key(&chunk.index) {
            return Err(ChunkError::Duplicate(chunk.index));
        }
        self.waiting.insert(chunk.index, chunk);
        while let Some(chunk) = self.waiting.remove(&self.next) {
            for (s, v) in self.sums.iter_mut().zip(&chunk.sums) {
                *s += v;
            }
            self.sample.push(chunk.sample);
            self.kpis.extend_from_slice(&chunk.kpis);
            self.done_runs += chunk.runs;
            self.next += 1;
        }
        Ok(())
    }

    /// Runs folded in so far (chunks waiting for an earlier one not counted).
    pub fn done_runs(&self) -> usize {
        self.done_runs
    }

    /// Runs in all.
    pub fn total_runs(&self) -> usize {
        self.runs
    }

    /// Whether every run is in.
    pub fn is_done(&self) -> bool {
        self.done_runs >= self.runs
    }

    /// The runs folded in so far, leaving the merge as it is: what the app
    /// draws while the rest are still running (bands that refine as chunks
    /// arrive). Once every run is in, the same as [`McMerge::finish`].
    pub fn snapshot(&self) -> McOutcome {
        self.clone_in_order().finish()
    }

    /// A copy without the chunks still waiting for an earlier one.
    fn clone_in_order(&self) -> McMerge {
        McMerge {
            weeks: self.weeks,
            sources: self.sources,
            stages: self.stages,
            runs: self.runs,
            rows: self.rows,
            has_sales_team: self.has_sales_team,
            plan: self.plan,
            quota: self.quota,
            quota_columns: self.quota_columns,
            sample_runs: self.sample_runs,
            sums: self.sums.clone(),
            sample: self.sample.clone(),
            kpis: self.kpis.clone(),
            next: self.next,
            done_runs: self.done_runs,
            waiting: BTreeMap::new(),
        }
    }

    /// The summary of the runs folded in so far.
    pub fn finish(self) -> McOutcome {
        let runs = self.done_runs.max(1) as f64;
        McOutcome {
            weeks: self.weeks,
            sources: self.sources,
            stages: self.stages,
            runs: self.done_runs,
            has_sales_team: self.has_sales_team,
            plan: self.plan,
            quota: self.quota,
            quota_columns: self.quota_columns,
            rows: self.rows,
            mean: self.sums.iter().map(|s| s / runs).collect(),
            weekly_summaries: None,
            sample_runs: self.sample_runs.min(self.done_runs),
            sample: self.sample,
            kpis: self.kpis,
        }
    }
}

/// Runs every chunk on `threads` threads (at least one) and merges them in
/// chunk order: the same result for any thread count.
#[cfg(not(target_arch = "wasm32"))]
pub fn run_parallel(plan: &McPlan, threads: usize) -> McOutcome {
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicUsize, Ordering};

    let threads = threads.clamp(1, plan.chunk_count().max(1));
    let mut merge = plan.merger();
    if threads == 1 {
        let mut scratch = Scratch::default();
        for index in 0..plan.chunk_count() {
            // Chunks come in order here, so `add` cannot refuse them.
            let _ = merge.add(plan.run_chunk(index, &mut scratch));
        }
        return merge.finish();
    }
    let next = AtomicUsize::new(0);
    let merge = Mutex::new(merge);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                let mut scratch = Scratch::default();
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    if index >= plan.chunk_count() {
                        break;
                    }
                    let chunk = plan.run_chunk(index, &mut scratch);
                    if let Ok(mut m) = merge.lock() {
                        let _ = m.add(chunk);
                    }
                }
            });
        }
    });
    match merge.into_inner() {
        Ok(m) => m.finish(),
        Err(poisoned) => poisoned.into_inner().finish(),
    }
}

/// What a Web Worker keeps between messages: the plan of the job it is
/// working on (prepared once per job, not per chunk) and its scratch space.
#[derive(Clone, Debug, Default)]
pub struct ChunkRunner {
    job: Option<(u64, SampleRows, McPlan)>,
    scratch: Scratch,
}

impl ChunkRunner {
    /// Runs chunk `chunk` of job `job` (whose scenario is `scenario_json`,
    /// read only when the job changes) and returns the chunk's bytes, or a
    /// message naming what is wrong.
    pub fn run(&mut self, job: u64, scenario_json: &str, rows: SampleRows, chunk: usize) -> Result<Vec<u8>, String> {
        let current = matches!(&self.job, Some((id, r, _)) if *id == job && *r == rows);
        if !current {
            // Version 1 or 2 (with a plan).
            let scenario = PlannedScenario::from_json(scenario_json)
                .map_err(|e| format!("the worker's scenario is invalid: {e}"))?;
            self.job = Some((job, rows, McPlan::planned(&scenario, rows)));
        }
        let Some((_, _, plan)) = &self.job else { return Err("no job".into()) };
        if chunk >= plan.chunk_count() {
            return Err(format!("chunk {chunk} is past the last chunk ({})", plan.chunk_count().saturating_sub(1)));
        }
        Ok(plan.run_chunk(chunk, &mut self.scratch).to_bytes())
    }
}

const MAGIC: &[u8; 4] = b"FLC1";

impl McChunk {
    /// The chunk as bytes for a worker message: a header (magic, index,
    /// runs, three lengths) then the arrays, all little-endian.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(4 + 5 * 8 + self.sums.len() * 8 + self.sample.len() * 4 + self.kpis.len() * 8);
        out.extend_from_slice(MAGIC);
        for n in [self.index, self.runs, self.sums.len(), self.sample.len(), self.kpis.len()] {
            out.extend_from_slice(&(n as u64).to_le_bytes());
        }
        self.sums.iter().for_each(|v| out.extend_from_slice(&v.to_le_bytes()));
        self.sample.iter().for_each(|v| out.extend_from_slice(&v.to_le_bytes()));
        self.kpis.iter().for_each(|v| out.extend_from_slice(&v.to_le_bytes()));
        out
    }

    /// Reads [`McChunk::to_bytes`]'s output back; never panics.
    pub fn from_bytes(bytes: &[u8]) -> Result<McChunk, ChunkError> {
        let mut r = Reader { bytes, at: 0 };
        if r.take(4)? != MAGIC {
            return Err(ChunkError::Corrupt("not a chunk"));
        }
        let mut header = [0usize; 5];
        for h in &mut header {
            *h = usize::try_from(r.u64()?).map_err(|_| ChunkError::Corrupt("length too large"))?;
        }
        let [index, runs, sums, sample, kpis] = header;
        let need = sums.checked_mul(8).zip(sample.checked_mul(4)).zip(kpis.checked_mul(8));
        match need.and_then(|((a, b), c)| a.checked_add(b)?.checked_add(c)) {
            Some(n) if n == bytes.len() - r.at => {}
            _ => return Err(ChunkError::Corrupt("wrong length")),
        }
        Ok(McChunk {
            index,
            runs,
            sums: (0..sums).map(|_| r.u64().map(f64::from_bits)).collect::<Result<_, _>>()?,
            sample: (0..sample).map(|_| r.u32().map(f32::from_bits)).collect::<Result<_, _>>()?,
            kpis: (0..kpis).map(|_| r.u64().map(f64::from_bits)).collect::<Result<_, _>>()?,
        })
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], ChunkError> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len()).ok_or(ChunkError::Corrupt("truncated"))?;
        let slice = &self.bytes[self.at..end];
        self.at = end;
        Ok(slice)
    }
    fn u64(&mut self) -> Result<u64, ChunkError> {
        let mut b = [0u8; 8];
        b.copy_from_slice(self.take(8)?);
        Ok(u64::from_le_bytes(b))
    }
    fn u32(&mut self) -> Result<u32, ChunkError> {
        let mut b = [0u8; 4];
        b.copy_from_slice(self.take(4)?);
        Ok(u32::from_le_bytes(b))
    }
}
