//! Results as files: JSON (weekly totals and per source, plus KPIs), weekly
//! CSV, and the per-run CSV of a Monte Carlo simulation. Writers stream
//! week by week (a 520-week Monte Carlo JSON never sits in memory whole);
//! [`to_text`] collects one into a string for the app's exports.
//!
//! In Monte Carlo mode every number becomes `{"mean", "p10", "p50", "p90"}`;
//! a KPI that is none (zero denominator) is `null`.
//!
//! A scenario with a plan over time (format version 2) adds, and only then:
//! per week `phase`, `reps` and `capacity` (JSON keys; CSV columns at the
//! end, filled on total rows), and with a quota a `quota` object in the KPIs
//! and quota columns in the per-run CSV. Output of a scenario without a
//! plan is byte for byte what it was.

use std::io::{self, Write};

use serde::Serialize;
use serde::ser::SerializeMap;
use serde_json::{Map, Value, json};

use crate::kpi::{Kpi, Kpis, SourceKpi};
use crate::metrics::Metric;
use crate::plan::{PlanColumn, quota_head};
use crate::scenario::Scenario;
use crate::simulate::{McOutcome, Outcome};
use crate::stats::Summary;

fn summary_json(s: Summary) -> Value {
    json!({ "mean": s.mean, "p10": s.p10, "p50": s.p50, "p90": s.p90 })
}

fn number(x: f64) -> Value {
    serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number)
}

fn option(x: Option<f64>) -> Value {
    x.map_or(Value::Null, number)
}

/// One weekly row as JSON, streamed: in total every metric, per source the
/// ones that belong to a source. Utilisation is `null` without a sales team.
struct RowOut<'a, F> {
    total: bool,
    team: bool,
    source: usize,
    value: &'a F,
}

impl<V: Serialize, F: Fn(usize, Metric) -> V> Serialize for RowOut<'_, F> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        for m in Metric::ALL {
            if !self.total && !m.per_source() {
                continue;
            }
            let defined = m != Metric::SalesUtilization || self.team;
            map.serialize_entry(m.name(), &defined.then(|| (self.value)(self.source, m)))?;
        }
        map.end()
    }
}

/// Whether utilisation is defined: some week has sales capacity.
fn has_sales_team(scenario: &Scenario, trace: &crate::metrics::Trace) -> bool {
    if trace.has_plan() {
        (0..trace.weeks()).any(|w| trace.plan_value(w, PlanColumn::Capacity) > 0.0)
    } else {
        scenario.sales.reps * scenario.sales.leads_per_rep_per_week > 0.0
    }
}

/// A phase number as a JSON integer (it is a label, not a measurement).
fn phase_json(phase: f64) -> Value {
    json!(phase.max(0.0) as u64)
}

/// The weekly plan values a report shows (the won value is internal).
const PLAN_SHOWN: [PlanColumn; 3] = [PlanColumn::Phase, PlanColumn::Reps, PlanColumn::Capacity];

/// Week `w` (0-based) as JSON, streamed without building a tree: totals
/// (`value(sources, metric)`), every source (`value(s, metric)`), and the
/// open opportunities in each of the `stages` pipeline stages
/// (`stage(j)`); with a plan (`plan` returns `Some`), the phase, reps and
/// capacity. A value that is NaN is written `null`.
struct WeekOut<'a, F, G, H> {
    scenario: &'a Scenario,
    team: bool,
    week: usize,
    value: F,
    stages: usize,
    stage: G,
    plan: H,
}

impl<V, F, W, G, H> Serialize for WeekOut<'_, F, G, H>
where
    V: Serialize,
    W: Serialize,
    F: Fn(usize, Metric) -> V,
    G: Fn(usize) -> W,
    H: Fn(PlanColumn) -> Option<Value>,
{
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (team, value) = (self.team, &self.value);
        let total = RowOut { total: true, team, source: self.scenario.source_count(), value };
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("week", &(self.week + 1))?;
        map.serialize_entry("total", &total)?;
        map.serialize_entry("by_source", &BySource { scenario: self.scenario, team, value })?;
        let stages: Vec<W> = (0..self.stages).map(&self.stage).collect();
        map.serialize_entry("open_opportunities_by_stage", &stages)?;
        for column in PLAN_SHOWN {
            if let Some(v) = (self.plan)(column) {
                map.serialize_entry(column.name(), &v)?;
            }
        }
        map.end()
    }
}

/// The per-source rows of a week, keyed by source name.
struct BySource<'a, F> {
    scenario: &'a Scenario,
    team: bool,
    value: &'a F,
}

impl<V: Serialize, F: Fn(usize, Metric) -> V> Serialize for BySource<'_, F> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.scenario.source_count()))?;
        for source in 0..self.scenario.source_count() {
            let row = RowOut { total: false, team: self.team, source, value: self.value };
            map.serialize_entry(self.scenario.source_name(source), &row)?;
        }
        map.end()
    }
}

/// The names of `k` pipeline stages (display names; the numbers are by position).
fn stage_names(k: usize) -> Value {
    Value::Array((0..k).map(|j| json!(crate::pipeline::stage_name(j, k))).collect())
}

/// Writes `{…head, "weeks": [week, …], "kpis": …}` one week at a time, so a
/// long horizon never sits in memory as one JSON tree.
fn write_json<T: Serialize>(
    out: &mut dyn Write,
    head: Map<String, Value>,
    weeks: usize,
    mut week: impl FnMut(usize) -> T,
    kpis: Value,
) -> io::Result<()> {
    let head = serde_json::to_string(&Value::Object(head))?;
    // `head` is a non-empty object: reopen it to append the weeks.
    out.write_all(&head.as_bytes()[..head.len() - 1])?;
    out.write_all(b",\"weeks\":[")?;
    for w in 0..weeks {
        if w > 0 {
            out.write_all(b",")?;
        }
        serde_json::to_writer(&mut *out, &week(w))?;
    }
    out.write_all(b"],\"kpis\":")?;
    serde_json::to_writer(&mut *out, &kpis)?;
    out.write_all(b"}\n")
}

fn kpis_json(
    scenario: &Scenario,
    kpi: impl Fn(Kpi) -> Value,
    source_kpi: impl Fn(usize, SourceKpi) -> Value,
    quota: Option<Value>,
) -> Value {
    let mut out = Map::new();
    for &k in Kpi::ALL {
        out.insert(k.name().into(), kpi(k));
    }
    let mut by_source = Map::new();
    for s in 0..scenario.source_count() {
        let row: Map<String, Value> =
            SourceKpi::ALL.iter().map(|&k| (k.name().to_string(), source_kpi(s, k))).collect();
        by_source.insert(scenario.source_name(s).into(), Value::Object(row));
    }
    out.insert("by_source".into(), Value::Object(by_source));
    if let Some(quota) = quota {
        out.insert("quota".into(), quota);
    }
    Value::Object(out)
}

/// Writes expected-mode results as JSON.
pub fn write_expected_json(out: &mut dyn Write, scenario: &Scenario, outcome: &Outcome) -> io::Result<()> {
    let t = &outcome.trace;
    let k: &Kpis = &outcome.kpis;
    let mut head = Map::new();
    head.insert("scenario".into(), json!(scenario.name));
    head.insert("mode".into(), json!("expected"));
    head.insert("pipeline_stages".into(), stage_names(t.stages()));
    let quota = outcome.quota.as_ref().map(|q| {
        let mut m = quota_head(&q.quota);
        m.insert("attainment".into(), option(q.attainment));
        m.insert("quarters".into(), Value::Array(q.quarters.iter().map(|&a| option(a)).collect()));
        Value::Object(m)
    });
    let kpis = kpis_json(scenario, |kpi| option(k.get(kpi)), |s, kpi| option(k.by_source[s][kpi.index()]), quota);
    let team = has_sales_team(scenario, t);
    write_json(
        out,
        head,
        t.weeks(),
        |w| WeekOut {
            scenario,
            team,
            week: w,
            value: move |s, m| t.get(w, s, m),
            stages: t.stages(),
            stage: move |j| t.stage_row(w)[j],
            plan: move |c| {
                t.has_plan().then(|| match c {
                    PlanColumn::Phase => phase_json(t.plan_value(w, c)),
                    _ => number(t.plan_value(w, c)),
                })
            },
        },
        kpis,
    )
}

/// Writes Monte Carlo results as JSON (every number a summary).
pub fn write_monte_carlo_json(out: &mut dyn Write, scenario: &Scenario, outcome: &McOutcome) -> io::Result<()> {
    let mut head = Map::new();
    head.insert("scenario".into(), json!(scenario.name));
    head.insert("mode".into(), json!("monte-carlo"));
    head.insert("runs".into(), json!(outcome.runs()));
    head.insert("weekly_percentiles_from_runs".into(), json!(outcome.sample_runs()));
    head.insert("pipeline_stages".into(), stage_names(outcome.stages()));
    let summary_or_null = |s: Option<Summary>| s.map_or(Value::Null, summary_json);
    let quota = outcome.quota().map(|q| {
        let mut m = quota_head(&q);
        m.insert("attainment".into(), summary_or_null(outcome.quota_attainment(None)));
        let quarters = (0..crate::plan::quarters(outcome.weeks()))
            .map(|i| summary_or_null(outcome.quota_attainment(Some(i))))
            .collect();
        m.insert("quarters".into(), Value::Array(quarters));
        m.insert("runs_on_target".into(), option(outcome.runs_on_target()));
        Value::Object(m)
    });
    let kpis = kpis_json(
        scenario,
        |kpi| outcome.kpi(kpi).map_or(Value::Null, summary_json),
        |s, kpi| outcome.source_kpi(s, kpi).map_or(Value::Null, summary_json),
        quota,
    );
    write_json(
        out,
        head,
        outcome.weeks(),
        |w| {
            let week = outcome.week_summaries(w);
            WeekOut {
                scenario,
                team: outcome.has_sales_team(),
                week: w,
                value: move |s, m: Metric| week[s * Metric::COUNT + m.index()],
                stages: outcome.stages(),
                stage: move |j| outcome.stage_weekly(w, j),
                plan: move |c| {
                    outcome.has_plan().then(|| match c {
                        // The phase is a label, the same in every run.
                        PlanColumn::Phase => phase_json(outcome.plan_weekly(w, c).mean),
                        _ => summary_json(outcome.plan_weekly(w, c)),
                    })
                },
            }
        },
        kpis,
    )
}

/// Runs a writer into a `String` (for exports and tests).
pub fn to_text(write: impl FnOnce(&mut Vec<u8>) -> io::Result<()>) -> String {
    let mut buffer = Vec::new();
    // Writing into memory cannot fail.
    let _ = write(&mut buffer);
    String::from_utf8_lossy(&buffer).into_owned()
}

/// Quotes a CSV field when it needs it (RFC 4180).
pub fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) { format!("\"{}\"", text.replace('"', "\"\"")) } else { text.to_string() }
}

fn csv_number(x: f64) -> String {
    if x.is_finite() { format!("{x}") } else { String::new() }
}

/// The metric columns, then one `open_stage_J` column per pipeline stage
/// when there is more than one (filled on total rows, empty elsewhere),
/// then with a plan `phase,reps,capacity` (filled on total rows).
fn metric_header(stages: usize, plan: bool) -> String {
    let stage_columns = (1..=stages).filter(|_| stages > 1).map(|j| format!("open_stage_{j}"));
    let plan_columns = PLAN_SHOWN.iter().filter(|_| plan).map(|c| c.name().to_string());
    Metric::ALL
        .iter()
        .map(|m| m.name().to_string())
        .chain(stage_columns)
        .chain(plan_columns)
        .collect::<Vec<_>>()
        .join(",")
}

/// The plan columns of a row: values on total rows, empty on source rows,
/// nothing without a plan.
fn plan_cells(plan: bool, total: bool, value: impl Fn(PlanColumn) -> f64) -> String {
    if !plan {
        return String::new();
    }
    PLAN_SHOWN.iter().map(|&c| if total { format!(",{}", csv_number(value(c))) } else { ",".to_string() }).collect()
}

/// The stage columns of a row: the values on total rows, empty on source
/// rows, nothing with a single stage.
fn stage_cells(stages: usize, total: bool, value: impl Fn(usize) -> f64) -> String {
    if stages <= 1 {
        return String::new();
    }
    (0..stages).map(|j| if total { format!(",{}", csv_number(value(j))) } else { ",".to_string() }).collect()
}

/// Writes weekly results as CSV, one row per week and source (`total` last).
pub fn write_expected_csv(out: &mut dyn Write, scenario: &Scenario, outcome: &Outcome) -> io::Result<()> {
    let t = &outcome.trace;
    let k = t.stages();
    writeln!(out, "week,source,{}", metric_header(k, t.has_plan()))?;
    for w in 0..t.weeks() {
        for s in 0..=t.sources() {
            let name = if s == t.sources() { "total" } else { scenario.source_name(s) };
            let values: Vec<String> = t.row(w, s).iter().map(|&v| csv_number(v)).collect();
            let stages = stage_cells(k, s == t.sources(), |j| t.stage_row(w)[j]);
            let plan = plan_cells(t.has_plan(), s == t.sources(), |c| t.plan_value(w, c));
            writeln!(out, "{},{},{}{stages}{plan}", w + 1, csv_field(name), values.join(","))?;
        }
    }
    Ok(())
}

/// Reads one statistic of a weekly summary.
type Stat = fn(&Summary) -> f64;

/// Writes Monte Carlo weekly results as CSV: one row per week, source and
/// statistic (`mean`, `p10`, `p50`, `p90`; `mean` alone for a source whose
/// weekly percentiles were not kept).
pub fn write_monte_carlo_csv(out: &mut dyn Write, scenario: &Scenario, outcome: &McOutcome) -> io::Result<()> {
    let sources = outcome.sources();
    let k = outcome.stages();
    writeln!(out, "week,source,stat,{}", metric_header(k, outcome.has_plan()))?;
    for w in 0..outcome.weeks() {
        let week = outcome.week_summaries(w);
        for s in 0..=sources {
            let name = if s == sources { "total" } else { scenario.source_name(s) };
            let summaries = &week[s * Metric::COUNT..(s + 1) * Metric::COUNT];
            let stats: [(&str, Stat); 4] =
                [("mean", |x| x.mean), ("p10", |x| x.p10), ("p50", |x| x.p50), ("p90", |x| x.p90)];
            // Rows without weekly percentiles (the app keeps them for the
            // total only) get their mean row alone.
            let kept = if outcome.has_weekly_percentiles(s) { 4 } else { 1 };
            for (stat, pick) in stats.into_iter().take(kept) {
                let values: Vec<String> = summaries.iter().map(|x| csv_number(pick(x))).collect();
                let stages = stage_cells(k, s == sources, |j| pick(&outcome.stage_weekly(w, j)));
                let plan = plan_cells(outcome.has_plan(), s == sources, |c| pick(&outcome.plan_weekly(w, c)));
                writeln!(out, "{},{},{stat},{}{stages}{plan}", w + 1, csv_field(name), values.join(","))?;
            }
        }
    }
    Ok(())
}

/// One row per Monte Carlo run with that run's horizon KPIs (empty where
/// a KPI is none in that run), for analysts who want the raw distribution.
pub fn write_per_run_csv(out: &mut dyn Write, outcome: &McOutcome) -> io::Result<()> {
    let mut columns: Vec<Vec<f64>> = Kpi::ALL.iter().map(|&k| outcome.kpi_values(k)).collect();
    let mut header: Vec<String> = Kpi::ALL.iter().map(|k| k.name().to_string()).collect();
    // With a quota: the attainment over the horizon, then per quarter.
    if outcome.quota().is_some() {
        columns.push(outcome.quota_values(None));
        header.push("quota_attainment".into());
        for q in 0..crate::plan::quarters(outcome.weeks()) {
            columns.push(outcome.quota_values(Some(q)));
            header.push(format!("quota_attainment_q{}", q + 1));
        }
    }
    writeln!(out, "run,{}", header.join(","))?;
    for run in 0..outcome.runs() {
        let values: Vec<String> = columns.iter().map(|c| csv_number(c[run])).collect();
        writeln!(out, "{},{}", run + 1, values.join(","))?;
    }
    Ok(())
}
