//! Everything shown as a result, derived from the scenario and (in Monte
//! Carlo mode, once finished) its Monte Carlo summary: KPI values, the
//! funnel per week, weekly series with P10–P90 bands, per-channel results,
//! response curves, histograms and the results table. Only engine calls and
//! rearranging here: no model math, no Yew, no DOM.

use crate::charts::channels::{ChannelData, ChannelStat};
use crate::charts::funnel::{FunnelData, FunnelStage};
use crate::charts::histogram::HistogramData;
use crate::charts::response::{ResponseCurve, ResponseData};
use crate::charts::timeseries::{PlanLine, Series, TimeSeriesData};
use crate::charts::{Owner, Unit};
use funnel_engine::format;
use funnel_engine::plan::{PlannedScenario, QuotaUnit};
use funnel_engine::simulate::expected_planned;
use funnel_engine::stats::Summary;
use funnel_engine::{Kpi, McOutcome, Metric, Outcome, Scenario, SourceKpi, response};

/// How one KPI of the panel is shown.
#[derive(Clone, Copy, Debug)]
pub struct KpiSpec {
    /// The engine KPI (its name is the `data-kpi` value).
    pub kpi: Kpi,
    /// Label a person reads.
    pub label: &'static str,
    /// Formatter from [`funnel_engine::format`].
    pub format: fn(f64) -> String,
    /// One line of help.
    pub help: &'static str,
}

const fn k(kpi: Kpi, label: &'static str, format: fn(f64) -> String, help: &'static str) -> KpiSpec {
    KpiSpec { kpi, label, format, help }
}

/// The KPIs of the KPI panel, in order.
pub const KPIS: [KpiSpec; 12] = [
    k(Kpi::NewCustomers, "New customers", format::count, "Online purchases plus deals won over the horizon"),
    k(Kpi::Revenue, "Revenue", format::money, "Everything customers paid over the horizon"),
    k(Kpi::Cost, "Cost", format::money, "Media spend plus the sales team"),
    k(Kpi::Cac, "CAC", format::money, "Total cost per new customer"),
    k(Kpi::MarketingCac, "Marketing CAC", format::money, "Media spend per new customer"),
    k(Kpi::Roas, "ROAS", format::multiple, "Revenue per dollar of media"),
    k(Kpi::Roi, "ROI", format::percent, "Gross profit over total cost"),
    k(Kpi::CostPerLead, "Cost per lead", format::money, "Media spend per lead (MQL)"),
    k(Kpi::LeadsGoneCold, "Leads gone cold", format::count, "Leads nobody worked in time"),
    k(Kpi::SalesUtilization, "Sales utilisation", format::percent, "Share of rep capacity used"),
    k(Kpi::PaybackWeek, "Payback week", format::grouped, "First week cumulative profit is ≥ 0"),
    k(Kpi::SalesVelocity, "Sales velocity", format::money, "Expected revenue per week from the open pipeline"),
];

/// One KPI as shown: the value (the mean in Monte Carlo mode) and, in Monte
/// Carlo mode, its P10–P90 range.
#[derive(Clone, Debug, PartialEq)]
pub struct KpiValue {
    /// Which KPI.
    pub kpi: Kpi,
    /// `None` when undefined (a zero denominator, or never reached).
    pub value: Option<f64>,
    /// P10 and P90 over the runs.
    pub range: Option<(f64, f64)>,
}

/// The stages of the funnel: label, owner, weekly metric counted.
const STAGES: [(&str, Owner, Metric); 8] = [
    ("New aware", Owner::Marketing, Metric::NewAware),
    ("Visits", Owner::Marketing, Metric::Visits),
    ("Leads (MQL)", Owner::Marketing, Metric::Leads),
    ("Worked by sales", Owner::Sales, Metric::Worked),
    ("SQL (qualified)", Owner::Sales, Metric::Sql),
    ("Opportunities", Owner::Sales, Metric::Opportunities),
    ("Deals won", Owner::Sales, Metric::Won),
    ("New customers", Owner::CustomerSuccess, Metric::NewCustomers),
];

/// Columns of the results table (after the week): header and metric.
pub const TABLE: [(&str, Metric); 12] = [
    ("New aware", Metric::NewAware),
    ("Visits", Metric::Visits),
    ("Leads", Metric::Leads),
    ("Worked", Metric::Worked),
    ("SQL", Metric::Sql),
    ("Opportunities", Metric::Opportunities),
    ("Won", Metric::Won),
    ("New customers", Metric::NewCustomers),
    ("MQL backlog", Metric::MqlBacklog),
    ("Gone cold", Metric::Cold),
    ("Revenue", Metric::Revenue),
    ("Cost", Metric::Cost),
];

/// Weekly series the time-series charts draw.
const SERIES: [Metric; 5] = [Metric::NewCustomers, Metric::Revenue, Metric::Cost, Metric::MqlBacklog, Metric::Cold];

/// The weekly time-series charts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeChart {
    /// New customers per week.
    NewCustomers,
    /// Revenue and cost per week.
    RevenueCost,
    /// MQL backlog and leads gone cold per week.
    Backlog,
}

/// One weekly series: values (means in Monte Carlo mode) and optional P10–P90.
#[derive(Clone, Debug, PartialEq)]
struct Weekly {
    values: Vec<f64>,
    band: Option<Vec<(f64, f64)>>,
}

/// All results of one scenario, ready for the panels and charts.
#[derive(Clone, Debug, PartialEq)]
pub struct Derived {
    /// Weeks in the horizon.
    pub weeks: usize,
    /// Whether these are Monte Carlo summaries (else the expected run).
    pub monte_carlo: bool,
    /// Monte Carlo runs summarised (0 in expected mode).
    pub runs: usize,
    /// The KPI panel, in [`KPIS`] order.
    pub kpis: Vec<KpiValue>,
    /// Per week (0-based), the stage totals from week 1 up to that week.
    cumulative: Vec<[f64; STAGES.len()]>,
    series: Vec<Weekly>,
    /// Per-channel results (first touch, organic last).
    pub channels: ChannelData,
    /// Spend → new-aware curves per channel.
    pub response: ResponseData,
    /// Histograms of new customers and ROI (Monte Carlo only).
    pub histograms: Option<(HistogramData, HistogramData)>,
    /// Results table rows: per week, the [`TABLE`] values.
    pub table: Vec<[f64; TABLE.len()]>,
    /// Per week, the open opportunities in each pipeline stage.
    pipeline: Vec<Vec<f64>>,
    /// The plan over time as the charts draw it (none without a plan).
    pub plan: Option<PlanShown>,
}

/// A plan's weekly inputs and its quota results, for the charts and the KPIs.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanShown {
    /// Media budget per week.
    pub budget: Vec<f64>,
    /// Reps on board per week (paid).
    pub headcount: Vec<f64>,
    /// Full-speed reps per week after ramp-up.
    pub effective_reps: Vec<f64>,
    /// Weeks (1-based) in which phases 2, 3, … start.
    pub starts: Vec<usize>,
    /// Quota attainment, when the plan sets a quota.
    pub quota: Option<QuotaShown>,
}

/// Quota attainment as shown (achieved ÷ target).
#[derive(Clone, Debug, PartialEq)]
pub struct QuotaShown {
    /// Deals or revenue.
    pub unit: QuotaUnit,
    /// Over the horizon (the mean in Monte Carlo mode).
    pub attainment: Option<f64>,
    /// P10–P90 over the runs (Monte Carlo mode).
    pub range: Option<(f64, f64)>,
    /// Per quarter of 13 weeks.
    pub quarters: Vec<Option<f64>>,
    /// Share of runs in which the team reached its quota (Monte Carlo mode).
    pub on_target: Option<f64>,
}

impl PlanShown {
    fn new(planned: &PlannedScenario, quota: Option<QuotaShown>) -> Option<PlanShown> {
        let plan = planned.plan.as_ref()?;
        let schedule = planned.schedule();
        Some(PlanShown {
            budget: schedule.budget,
            headcount: schedule.headcount,
            effective_reps: schedule.effective_reps,
            starts: plan.phases.iter().skip(1).map(|p| p.from_week as usize).collect(),
            quota,
        })
    }
}

/// Reads weekly totals from either kind of result.
trait Totals {
    fn weeks(&self) -> usize;
    fn total(&self, week: usize, metric: Metric) -> f64;
    /// Open opportunities per pipeline stage at the end of `week`.
    fn stages(&self, week: usize) -> Vec<f64>;
}

impl Totals for Outcome {
    fn weeks(&self) -> usize {
        self.trace.weeks()
    }
    fn total(&self, week: usize, metric: Metric) -> f64 {
        self.trace.get(week, self.trace.total(), metric)
    }
    fn stages(&self, week: usize) -> Vec<f64> {
        self.trace.stage_row(week).to_vec()
    }
}

impl Totals for McOutcome {
    fn weeks(&self) -> usize {
        McOutcome::weeks(self)
    }
    fn total(&self, week: usize, metric: Metric) -> f64 {
        self.mean(week, self.sources(), metric)
    }
    fn stages(&self, week: usize) -> Vec<f64> {
        (0..self.stages()).map(|j| self.stage_mean(week, j)).collect()
    }
}

impl Derived {
    /// Results of `planned`: the Monte Carlo summary `mc` when given (it must
    /// belong to this scenario), else the expected run.
    pub fn new(planned: &PlannedScenario, mc: Option<&McOutcome>) -> Derived {
        match mc {
            Some(mc) => {
                let mut steps = McSteps::default();
                loop {
                    if let Some(done) = steps.step(planned, mc) {
                        return done;
                    }
                }
            }
            None => {
                let outcome = expected_planned(planned);
                let quota = outcome.quota.as_ref().map(|q| QuotaShown {
                    unit: q.quota.unit,
                    attainment: q.attainment,
                    range: None,
                    quarters: q.quarters.clone(),
                    on_target: None,
                });
                Derived { plan: PlanShown::new(planned, quota), ..Derived::from_expected(&planned.scenario, &outcome) }
            }
        }
    }

    fn from_expected(scenario: &Scenario, outcome: &Outcome) -> Derived {
        let kpis = KPIS.iter().map(|k| KpiValue { kpi: k.kpi, value: outcome.kpis.get(k.kpi), range: None }).collect();
        let channels = (0..outcome.trace.sources())
            .map(|s| {
                let k = |x: SourceKpi| outcome.kpis.by_source.get(s).and_then(|row| row[x.index()]);
                stat(scenario.source_name(s), k)
            })
            .collect();
        let series = SERIES
            .iter()
            .map(|&m| Weekly { values: outcome.trace.series(outcome.trace.total(), m).collect(), band: None })
            .collect();
        Derived::assemble(scenario, outcome, kpis, channels, series, None, 0)
    }

    fn assemble(
        scenario: &Scenario,
        totals: &impl Totals,
        kpis: Vec<KpiValue>,
        channels: Vec<ChannelStat>,
        series: Vec<Weekly>,
        histograms: Option<(HistogramData, HistogramData)>,
        runs: usize,
    ) -> Derived {
        let weeks = totals.weeks();
        let mut running = [0.0; STAGES.len()];
        let cumulative = (0..weeks)
            .map(|w| {
                for (sum, (_, _, metric)) in running.iter_mut().zip(STAGES) {
                    *sum += totals.total(w, metric);
                }
                running
            })
            .collect();
        let table = (0..weeks).map(|w| TABLE.map(|(_, metric)| totals.total(w, metric))).collect();
        let pipeline = (0..weeks).map(|w| totals.stages(w)).collect();
        Derived {
            weeks,
            monte_carlo: runs > 0,
            runs,
            kpis,
            cumulative,
            series,
            channels: ChannelData { channels },
            response: response_curves(scenario),
            histograms,
            table,
            pipeline,
            plan: None,
        }
    }

    /// Pipeline stages (1 = no stages to show).
    pub fn stage_count(&self) -> usize {
        self.pipeline.first().map_or(1, Vec::len)
    }

    /// The sales pipeline at the end of `week` (1-based): open opportunities
    /// in each stage, named as a sales manager would.
    pub fn pipeline(&self, week: usize) -> FunnelData {
        let at = week.clamp(1, self.weeks.max(1)) - 1;
        let values = self.pipeline.get(at).cloned().unwrap_or_default();
        let k = values.len();
        FunnelData {
            title: format!("Sales pipeline, end of week {}: open opportunities by stage", at + 1),
            stages: values
                .into_iter()
                .enumerate()
                .map(|(j, value)| FunnelStage {
                    label: format!("{}. {}", j + 1, funnel_engine::pipeline::stage_name(j, k)),
                    owner: Owner::Sales,
                    value,
                })
                .collect(),
            conversions: false,
        }
    }

    /// The funnel from week 1 up to `week` (1-based, clamped to the horizon).
    pub fn funnel(&self, week: usize) -> FunnelData {
        let at = week.clamp(1, self.weeks.max(1)) - 1;
        let values = self.cumulative.get(at).copied().unwrap_or_default();
        FunnelData {
            conversions: true,
            title: format!("The funnel, weeks 1–{}", at + 1),
            stages: STAGES
                .iter()
                .zip(values)
                .map(|(&(label, owner, _), value)| FunnelStage { label: label.into(), owner, value })
                .collect(),
        }
    }

    /// Leads gone cold from week 1 up to `week` (the hand-off problem in one number).
    pub fn cold_until(&self, week: usize) -> f64 {
        let cold = TABLE.iter().position(|(_, m)| *m == Metric::Cold).unwrap_or(0);
        self.table.iter().take(week).map(|row| row[cold]).sum()
    }

    /// Leads generated from week 1 up to `week`.
    pub fn leads_until(&self, week: usize) -> f64 {
        let at = week.clamp(1, self.weeks.max(1)) - 1;
        self.cumulative.get(at).map_or(0.0, |v| v[2])
    }

    /// One weekly chart with a marker at `week`.
    pub fn timeseries(&self, chart: TimeChart, week: usize) -> TimeSeriesData {
        let line = |i: usize, label: &str, dashed: bool| {
            let w = &self.series[i];
            Series { label: label.into(), values: w.values.clone(), band: w.band.clone(), dashed }
        };
        let (title, unit, series) = match chart {
            TimeChart::NewCustomers => ("New customers per week", Unit::People, vec![line(0, "New customers", false)]),
            TimeChart::RevenueCost => {
                ("Revenue and cost per week", Unit::Money, vec![line(1, "Revenue", false), line(2, "Cost", true)])
            }
            TimeChart::Backlog => (
                "MQL backlog and cold leads",
                Unit::People,
                vec![line(3, "MQL backlog", false), line(4, "Gone cold", true)],
            ),
        };
        let plan_line = self.plan.as_ref().and_then(|p| match chart {
            TimeChart::NewCustomers => Some(PlanLine {
                label: "Budget per week (right axis)".into(),
                unit: Unit::Money,
                values: p.budget.clone(),
            }),
            TimeChart::Backlog => Some(PlanLine {
                label: "Reps at full speed (right axis)".into(),
                unit: Unit::People,
                values: p.effective_reps.clone(),
            }),
            TimeChart::RevenueCost => None,
        });
        TimeSeriesData {
            title: title.into(),
            unit,
            series,
            marker_week: Some(week.clamp(1, self.weeks.max(1))),
            plan_line,
            phase_starts: self.plan.as_ref().map(|p| p.starts.clone()).unwrap_or_default(),
        }
    }
}

/// Summarising a Monte Carlo result step by step, each step a few
/// milliseconds (percentiles sort every run's values), so the Monte Carlo
/// job can yield to the browser between steps instead of freezing it.
/// Start with `McSteps::default()`.
#[derive(Debug, Default)]
pub struct McSteps {
    kpis: Option<Vec<KpiValue>>,
    channels: Option<Vec<ChannelStat>>,
    series: Vec<Weekly>,
    histograms: Option<Option<(HistogramData, HistogramData)>>,
}

impl McSteps {
    /// Does the next step; returns the results after the last one.
    pub fn step(&mut self, planned: &PlannedScenario, mc: &McOutcome) -> Option<Derived> {
        let scenario = &planned.scenario;
        let band = |s: &Summary| (s.p10, s.p90);
        if self.kpis.is_none() {
            let kpis = KPIS.iter().map(|k| {
                let summary = mc.kpi(k.kpi);
                KpiValue { kpi: k.kpi, value: summary.map(|s| s.mean), range: summary.as_ref().map(band) }
            });
            self.kpis = Some(kpis.collect());
        } else if self.channels.is_none() {
            let channels =
                (0..mc.sources()).map(|s| stat(scenario.source_name(s), |x| mc.source_kpi(s, x).map(|v| v.mean)));
            self.channels = Some(channels.collect());
        } else if let Some(&metric) = SERIES.get(self.series.len()) {
            let summaries = mc.series(mc.sources(), metric);
            let values = summaries.iter().map(|s| s.mean).collect();
            self.series.push(Weekly { values, band: Some(summaries.iter().map(band).collect()) });
        } else if self.histograms.is_none() {
            let histogram = |kpi: Kpi, title: &str, unit: Unit| {
                Some(HistogramData {
                    title: title.into(),
                    unit,
                    histogram: mc.histogram(kpi, 30)?,
                    mean: mc.kpi(kpi)?.mean,
                })
            };
            self.histograms =
                Some(histogram(Kpi::NewCustomers, "New customers over the runs", Unit::People).zip(histogram(
                    Kpi::Roi,
                    "ROI over the runs",
                    Unit::Share,
                )));
        } else {
            let (kpis, channels) = (self.kpis.take()?, self.channels.take()?);
            let series = std::mem::take(&mut self.series);
            let histograms = self.histograms.take()?;
            let quota = mc.quota().map(|q| {
                let horizon = mc.quota_attainment(None);
                QuotaShown {
                    unit: q.unit,
                    attainment: horizon.as_ref().map(|s| s.mean),
                    range: horizon.as_ref().map(band),
                    quarters: (0..funnel_engine::plan::quarters(mc.weeks()))
                        .map(|i| mc.quota_attainment(Some(i)).map(|s| s.mean))
                        .collect(),
                    on_target: mc.runs_on_target(),
                }
            });
            let derived = Derived::assemble(scenario, mc, kpis, channels, series, histograms, mc.runs());
            return Some(Derived { plan: PlanShown::new(planned, quota), ..derived });
        }
        None
    }
}

fn stat(name: &str, k: impl Fn(SourceKpi) -> Option<f64>) -> ChannelStat {
    ChannelStat {
        name: name.into(),
        spend: k(SourceKpi::Spend).unwrap_or(0.0),
        leads: k(SourceKpi::Leads).unwrap_or(0.0),
        customers: k(SourceKpi::NewCustomers).unwrap_or(0.0),
        cac: k(SourceKpi::Cac),
        roi: k(SourceKpi::Roi),
    }
}

/// Points per response curve.
const CURVE_POINTS: usize = 48;

/// Every channel's curve over the same spend range: up to the whole weekly
/// budget, or twice the largest current spend if that is more.
fn response_curves(scenario: &Scenario) -> ResponseData {
    let points: Vec<_> = (0..scenario.channels.len()).map(|c| response::operating_point(scenario, c)).collect();
    let largest = points.iter().map(|p| p.spend).fold(0.0, f64::max);
    let max_spend = scenario.budget.per_week.max(2.0 * largest).max(100.0);
    ResponseData {
        curves: scenario
            .channels
            .iter()
            .zip(&points)
            .enumerate()
            .map(|(c, (channel, point))| ResponseCurve {
                channel: channel.name.clone(),
                points: response::curve(scenario, c, max_spend, CURVE_POINTS)
                    .iter()
                    .map(|p| (p.spend, p.new_aware))
                    .collect(),
                current: (point.spend, point.new_aware),
                proposed: None,
                feasible: None,
            })
            .collect(),
    }
}
