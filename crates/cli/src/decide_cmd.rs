//! The decision-tool subcommands (`optimise`, `goal`, `sensitivity`): their
//! flags, and their output as JSON (the engine's serde reports) or as a
//! readable text table. The work is `funnel_engine::decide`.

use std::io::{Read, Write};
use std::time::Instant;

use clap::Args;
use funnel_engine::decide::{
    self, BoundKind, ChannelBound, DecideError, EfficiencyTarget, GoalSpec, GoalTarget, Objective, OptimiseSpec, Range,
    Vary,
};
use funnel_engine::fields::{Field, SalesField};
use funnel_engine::format;
use funnel_engine::{Kpi, mix};
use serde_json::Value;

use crate::cli::{CliError, parse_threads, read_scenario, threads, usage, write};

/// Output format of the decision tools.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Format {
    Json,
    Text,
}

fn parse_format(v: &str) -> Result<Format, String> {
    match v {
        "json" => Ok(Format::Json),
        "text" => Ok(Format::Text),
        other => Err(format!("--format must be json or text, got {other}")),
    }
}

/// `optimise` options.
#[derive(Debug, Args)]
pub(crate) struct OptimiseArgs {
    /// The scenario file, or - for standard input.
    #[arg(value_name = "SCENARIO.json")]
    file: String,
    /// new_customers, revenue, gross_profit (maximised) or cac (minimised).
    #[arg(long, value_parser = parse_objective)]
    objective: String,
    /// With --objective cac: the fewest new customers accepted (default: the current plan's).
    #[arg(long, value_name = "N", value_parser = parse_non_negative("--min-customers"))]
    min_customers: Option<f64>,
    /// Let the budget per week vary within MIN..MAX (one number: fixed at it).
    #[arg(long, value_name = "MIN..MAX", value_parser = parse_budget)]
    budget: Option<Range>,
    /// Let the reps vary over whole numbers MIN..MAX.
    #[arg(long, value_name = "MIN..MAX", value_parser = parse_reps)]
    reps: Option<Range>,
    /// Per-channel bounds, "NAME=MIN..MAX,…" (either end may be left empty).
    #[arg(long, value_name = "NAME=MIN..MAX,…", allow_hyphen_values = true)]
    bounds: Option<String>,
    /// Units of --bounds: share (0..1, the default) or spend (per week).
    #[arg(long, value_parser = parse_bound_kind, default_value = "share")]
    bound_kind: BoundKind,
    /// Channels that keep their share, "NAME,…".
    #[arg(long, value_name = "NAME,…")]
    lock: Option<String>,
    /// Channels switched off (share 0, what they had goes to the others), "NAME,…".
    #[arg(long, value_name = "NAME,…")]
    off: Option<String>,
    /// Efficiency target: CAC at most X.
    #[arg(long, value_name = "X", conflicts_with = "target_roas", value_parser = parse_positive("--target-cac"))]
    target_cac: Option<f64>,
    /// Efficiency target: ROAS at least Y.
    #[arg(long, value_name = "Y", value_parser = parse_positive("--target-roas"))]
    target_roas: Option<f64>,
    /// Also compare before and after in Monte Carlo (the file's seed and runs, paired runs).
    #[arg(long)]
    monte_carlo: bool,
    /// Monte Carlo threads (1..=256).
    #[arg(long, value_name = "N", value_parser = parse_threads)]
    threads: Option<usize>,
    /// Flighting: spread a total media budget over --periods periods (new_customers, revenue or gross_profit).
    #[arg(long)]
    over_time: bool,
    /// With --over-time: the number of equal-length periods (1..=weeks; the weeks for per-week budgets).
    #[arg(long, value_name = "N", value_parser = parse_periods)]
    periods: Option<u32>,
    /// With --over-time: the total media budget over the horizon (default: budget per week × weeks).
    #[arg(long, value_name = "X", value_parser = parse_non_negative("--total"))]
    total: Option<f64>,
    /// With --over-time: bounds on every period's budget per week, MIN..MAX (either end may be left empty).
    #[arg(long, value_name = "MIN..MAX", value_parser = parse_period_bounds)]
    period_bounds: Option<Range>,
    /// json (default) or text.
    #[arg(long, value_parser = parse_format, default_value = "json")]
    format: Format,
}

fn parse_periods(v: &str) -> Result<u32, String> {
    v.parse::<u32>().ok().filter(|n| *n >= 1).ok_or_else(|| format!("--periods must be a whole number ≥ 1, got {v}"))
}

fn parse_period_bounds(v: &str) -> Result<Range, String> {
    let bad = || {
        format!("--period-bounds must be MIN..MAX with numbers ≥ 0 and MIN ≤ MAX (either end may be empty), got {v}")
    };
    let (a, b) = v.split_once("..").ok_or_else(bad)?;
    let end = |t: &str, default: f64| -> Result<f64, String> {
        let t = t.trim();
        if t.is_empty() {
            return Ok(default);
        }
        t.parse::<f64>().ok().filter(|x| x.is_finite() && *x >= 0.0).ok_or_else(bad)
    };
    let (min, max) = (end(a, 0.0)?, end(b, funnel_engine::validation::MAX_MONEY)?);
    if min > max {
        return Err(bad());
    }
    Ok(Range { min, max })
}

/// `goal` options.
#[derive(Debug, Args)]
pub(crate) struct GoalArgs {
    /// The scenario file, or - for standard input.
    #[arg(value_name = "SCENARIO.json")]
    file: String,
    /// new_customers=N or revenue=X.
    #[arg(long, value_parser = parse_target)]
    target: GoalTarget,
    /// The week by which to reach it (default: the horizon).
    #[arg(long, value_name = "T", value_parser = parse_week)]
    by_week: Option<u32>,
    /// What may change: budget, reps, budget,reps or budget,reps,mix.
    #[arg(long, value_parser = parse_vary, default_value = "budget")]
    vary: Vary,
    /// json (default) or text.
    #[arg(long, value_parser = parse_format, default_value = "json")]
    format: Format,
}

/// `sensitivity` options.
#[derive(Debug, Args)]
pub(crate) struct SensitivityArgs {
    /// The scenario file, or - for standard input.
    #[arg(value_name = "SCENARIO.json")]
    file: String,
    /// The KPI (new_customers, revenue, cac, roi, …).
    #[arg(long, value_parser = parse_kpi)]
    kpi: Kpi,
    /// Relative move of each assumption, in (0, 1).
    #[arg(long, value_parser = parse_delta, default_value = "0.2")]
    delta: f64,
    /// json (default) or text.
    #[arg(long, value_parser = parse_format, default_value = "json")]
    format: Format,
}

/// `hire` options.
#[derive(Debug, Args)]
pub(crate) struct HireArgs {
    /// The scenario file (version 1 or 2), or - for standard input.
    #[arg(value_name = "SCENARIO.json")]
    file: String,
    /// Reps to hire (they ramp up over the plan's ramp_weeks).
    #[arg(long, value_parser = |v: &str| number("--reps", v))]
    reps: f64,
    /// The most leads allowed to wait for sales in any week.
    #[arg(long = "max-backlog", value_parser = |v: &str| number("--max-backlog", v))]
    max_backlog: f64,
    /// json (default) or text.
    #[arg(long, value_parser = parse_format, default_value = "json")]
    format: Format,
}

fn parse_objective(v: &str) -> Result<String, String> {
    match v {
        "new_customers" | "revenue" | "gross_profit" | "cac" => Ok(v.to_string()),
        other => Err(format!("--objective must be new_customers, revenue, gross_profit or cac, got {other}")),
    }
}

fn number(flag: &str, v: &str) -> Result<f64, String> {
    v.trim().parse::<f64>().ok().filter(|x| x.is_finite()).ok_or_else(|| format!("{flag} must be a number, got {v}"))
}

fn parse_non_negative(flag: &'static str) -> impl Fn(&str) -> Result<f64, String> + Clone {
    move |v| number(flag, v).and_then(|x| if x >= 0.0 { Ok(x) } else { Err(format!("{flag} must be ≥ 0, got {v}")) })
}

fn parse_positive(flag: &'static str) -> impl Fn(&str) -> Result<f64, String> + Clone {
    move |v| number(flag, v).and_then(|x| if x > 0.0 { Ok(x) } else { Err(format!("{flag} must be > 0, got {v}")) })
}

/// `MIN..MAX` (or one number) within the field's valid range.
fn range(flag: &str, v: &str, field: Field) -> Result<Range, String> {
    let (lo, hi, whole) = field.spec().model_range();
    let allowed =
        format!("{flag} must be MIN..MAX with {lo} ≤ MIN ≤ MAX ≤ {hi}{}", if whole { ", whole numbers" } else { "" });
    let (a, b) = match v.split_once("..") {
        Some((a, b)) => (a, b),
        None => (v, v),
    };
    let (a, b) = (
        number(flag, a).map_err(|_| format!("{allowed}, got {v}"))?,
        number(flag, b).map_err(|_| format!("{allowed}, got {v}"))?,
    );
    if a > b || a < lo || b > hi || (whole && (a.fract() != 0.0 || b.fract() != 0.0)) {
        return Err(format!("{allowed}, got {v}"));
    }
    Ok(Range { min: a, max: b })
}

fn parse_budget(v: &str) -> Result<Range, String> {
    range("--budget", v, Field::BudgetPerWeek)
}

fn parse_reps(v: &str) -> Result<Range, String> {
    range("--reps", v, Field::Sales(SalesField::Reps))
}

fn parse_bound_kind(v: &str) -> Result<BoundKind, String> {
    match v {
        "share" => Ok(BoundKind::Share),
        "spend" => Ok(BoundKind::Spend),
        other => Err(format!("--bound-kind must be share or spend, got {other}")),
    }
}

fn parse_target(v: &str) -> Result<GoalTarget, String> {
    let bad = || format!("--target must be new_customers=N or revenue=X with a number > 0, got {v}");
    let (kpi, value) = v.split_once('=').ok_or_else(bad)?;
    let value = value.trim().parse::<f64>().ok().filter(|x| x.is_finite() && *x > 0.0).ok_or_else(bad)?;
    match kpi.trim() {
        "new_customers" => Ok(GoalTarget::NewCustomers(value)),
        "revenue" => Ok(GoalTarget::Revenue(value)),
        _ => Err(bad()),
    }
}

fn parse_week(v: &str) -> Result<u32, String> {
    v.parse::<u32>()
        .ok()
        .filter(|w| *w >= 1)
        .ok_or_else(|| format!("--by-week must be a whole number in 1..=520, got {v}"))
}

fn parse_vary(v: &str) -> Result<Vary, String> {
    Vary::parse(v).ok_or_else(|| format!("--vary must be budget, reps, budget,reps or budget,reps,mix, got {v}"))
}

fn parse_kpi(v: &str) -> Result<Kpi, String> {
    decide::kpi_by_name(v).ok_or_else(|| {
        let names: Vec<&str> = Kpi::ALL.iter().map(|k| k.name()).collect();
        format!("--kpi must be one of {}, got {v}", names.join(", "))
    })
}

fn parse_delta(v: &str) -> Result<f64, String> {
    v.parse::<f64>()
        .ok()
        .filter(|d| *d > 0.0 && *d < 1.0)
        .ok_or_else(|| format!("--delta must be a number in (0, 1), got {v}"))
}

/// `NAME=MIN..MAX,…` into bounds (channel names are checked by the engine).
fn parse_bounds(text: &str) -> Result<Vec<ChannelBound>, CliError> {
    let bad =
        |part: &str| usage(format!("--bounds must be \"NAME=MIN..MAX,…\" with numbers ≥ 0 and MIN ≤ MAX, got {part}"));
    let mut out = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (name, range) = part.rsplit_once('=').ok_or_else(|| bad(part))?;
        let (a, b) = range.split_once("..").ok_or_else(|| bad(part))?;
        let end = |t: &str| -> Result<Option<f64>, CliError> {
            let t = t.trim();
            if t.is_empty() {
                return Ok(None);
            }
            t.parse::<f64>().ok().filter(|x| x.is_finite() && *x >= 0.0).map(Some).ok_or_else(|| bad(part))
        };
        let (min, max) = (end(a)?, end(b)?);
        if let (Some(lo), Some(hi)) = (min, max)
            && lo > hi
        {
            return Err(usage(format!("--bounds: {name} has MIN {lo} above MAX {hi}")));
        }
        out.push(ChannelBound { channel: name.trim().to_string(), min, max });
    }
    Ok(out)
}

fn decide_error(flag: &str, e: DecideError) -> CliError {
    match e {
        DecideError::Scenario(e) => usage(e.to_string()),
        DecideError::UnknownChannel { .. } => usage(format!("{flag}: {e}")),
        other => usage(format!("{flag}: {other}")),
    }
}

fn json_out(stdout: &mut dyn Write, value: &Value) -> Result<(), CliError> {
    let text = serde_json::to_string_pretty(value).map_err(|e| CliError::Io(format!("cannot write JSON: {e}")))?;
    write(stdout, &format!("{text}\n"))
}

fn to_value<T: serde::Serialize>(v: &T) -> Result<Value, CliError> {
    serde_json::to_value(v).map_err(|e| CliError::Io(format!("cannot write JSON: {e}")))
}

fn channel_flags(s: &funnel_engine::Scenario, list: Option<&str>, flag: &str) -> Result<Vec<bool>, CliError> {
    let mut flags = vec![false; s.channels.len()];
    for name in list.unwrap_or_default().split(',').map(str::trim).filter(|n| !n.is_empty()) {
        let i = s.channels.iter().position(|c| c.name == name).ok_or_else(|| {
            let known: Vec<&str> = s.channels.iter().map(|c| c.name.as_str()).collect();
            usage(format!("{flag}: unknown channel {name:?} (channels: {})", known.join(", ")))
        })?;
        flags[i] = true;
    }
    Ok(flags)
}

/// A number for a table: grouped whole numbers from 1,000, else two decimals.
fn num(x: f64) -> String {
    if x.abs() >= 1000.0 { format::grouped(x.round()) } else { format!("{x:.2}") }
}

fn opt(v: Option<f64>) -> String {
    v.map_or_else(|| "none".into(), num)
}

/// `funnel-lab optimise`.
pub(crate) fn optimise(a: OptimiseArgs, stdin: &mut dyn Read, stdout: &mut dyn Write) -> Result<(), CliError> {
    let mut s = read_scenario(&a.file, stdin)?;
    let objective = Objective::from_name(&a.objective, a.min_customers)
        .ok_or_else(|| usage(format!("--objective: unknown objective {}", a.objective)))?;
    if a.over_time {
        return over_time(&a, &s, objective, stdout);
    }
    for (flag, set) in [
        ("--periods", a.periods.is_some()),
        ("--total", a.total.is_some()),
        ("--period-bounds", a.period_bounds.is_some()),
    ] {
        if set {
            return Err(usage(format!("{flag} goes with --over-time")));
        }
    }
    if a.min_customers.is_some() && !matches!(objective, Objective::Cac { .. }) {
        return Err(usage("--min-customers goes with --objective cac"));
    }
    let bounds = a.bounds.as_deref().map(parse_bounds).transpose()?.unwrap_or_default();
    let locked = channel_flags(&s, a.lock.as_deref(), "--lock")?;
    let off = channel_flags(&s, a.off.as_deref(), "--off")?;
    let mut enabled = vec![true; s.channels.len()];
    let mut shares: Vec<f64> = s.channels.iter().map(|c| c.share).collect();
    for (i, _) in off.iter().enumerate().filter(|(_, o)| **o) {
        if !mix::switch_off(&mut shares, &locked, &mut enabled, i) {
            return Err(usage(format!(
                "--off: cannot switch off {:?} (its share has nowhere to go)",
                s.channels[i].name
            )));
        }
    }
    for (c, v) in s.channels.iter_mut().zip(shares) {
        c.share = v;
    }
    let budget = match a.budget {
        Some(r) if r.min == r.max => {
            s.budget.per_week = r.min;
            None
        }
        other => other,
    };
    let reps = match a.reps {
        Some(r) if r.min == r.max => {
            s.sales.reps = r.min;
            None
        }
        other => other,
    };
    let spec = OptimiseSpec {
        objective,
        budget,
        reps,
        bounds,
        bound_kind: a.bound_kind,
        locked,
        enabled,
        target: a.target_cac.map(EfficiencyTarget::MaxCac).or(a.target_roas.map(EfficiencyTarget::MinRoas)),
        wider_bounds: true,
    };
    let start = Instant::now();
    let r = decide::optimise(&s, &spec).map_err(|e| decide_error("--bounds", e))?;
    let elapsed = start.elapsed().as_secs_f64() * 1e3;
    let mc = a.monte_carlo.then(|| decide::monte_carlo_compare(&s, &r.scenario, objective.kpi(), threads(a.threads)));
    match a.format {
        Format::Json => {
            let mut v = to_value(&r)?;
            if let (Some(map), Some(mc)) = (v.as_object_mut(), &mc) {
                map.insert("monte_carlo".into(), to_value(mc)?);
            }
            json_out(stdout, &v)
        }
        Format::Text => {
            let mut t = String::new();
            t.push_str(&format!(
                "Objective {} ({}): {} → {}{}\n",
                r.objective_kpi,
                if objective.maximises() { "maximise" } else { "minimise" },
                opt(r.objective_before),
                opt(r.objective_after),
                if r.constraints_met { "" } else { "   (constraints NOT met)" }
            ));
            t.push_str(&format!(
                "Budget per week {} → {}   reps {} → {}   ({} expected runs, {elapsed:.0} ms)\n\n",
                format::money(s.budget.per_week),
                format::money(r.scenario.budget.per_week),
                s.sales.reps,
                r.scenario.sales.reps,
                r.evaluations
            ));
            t.push_str(&format!(
                "{:<24} {:>8} {:>8} {:>11} {:>11} {:>14}  {}\n",
                "channel", "share", "→ share", "spend/wk", "→ spend/wk", "cust per $1k", "bound"
            ));
            for c in &r.channels {
                t.push_str(&format!(
                    "{:<24} {:>7.1}% {:>7.1}% {:>11} {:>11} {:>14}  {}\n",
                    c.name,
                    c.share_before * 100.0,
                    c.share_after * 100.0,
                    format::money(c.spend_before),
                    format::money(c.spend_after),
                    opt(c.marginal_customers_per_1k),
                    serde_json::to_value(c.binding).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default()
                ));
            }
            t.push_str(&format!("\n{:<22} {:>14} {:>14}\n", "KPI", "before", "after"));
            for k in
                [Kpi::NewCustomers, Kpi::Revenue, Kpi::Cost, Kpi::GrossProfit, Kpi::Cac, Kpi::Roas, Kpi::LeadsGoneCold]
            {
                t.push_str(&format!("{:<22} {:>14} {:>14}\n", k.name(), opt(r.before.get(k)), opt(r.after.get(k))));
            }
            if let Some(e) = &r.efficiency {
                t.push_str(&format!("\nEfficiency target {:?}: {}\n", e.target, if e.met { "met" } else { "NOT met" }));
            }
            if let Some(w) = &r.wider_bounds {
                t.push_str(&format!("\nWith bounds ×3 wider the objective would be {}\n", opt(w.objective)));
            }
            if let Some(mc) = &mc {
                let q = |s: Option<funnel_engine::stats::Summary>| {
                    s.map_or_else(
                        || "none".into(),
                        |s| format!("P10 {} P50 {} P90 {}", num(s.p10), num(s.p50), num(s.p90)),
                    )
                };
                t.push_str(&format!(
                    "\nMonte Carlo ({} paired runs): before {}; after {}; after better in {:.0} % of runs\n",
                    mc.runs,
                    q(mc.before),
                    q(mc.after),
                    mc.after_better_share * 100.0
                ));
            }
            write(stdout, &t)
        }
    }
}

/// `funnel-lab optimise --over-time`: flighting.
fn over_time(
    a: &OptimiseArgs,
    s: &funnel_engine::Scenario,
    objective: Objective,
    stdout: &mut dyn Write,
) -> Result<(), CliError> {
    let others = [
        ("--min-customers", a.min_customers.is_some()),
        ("--budget", a.budget.is_some()),
        ("--reps", a.reps.is_some()),
        ("--bounds", a.bounds.is_some()),
        ("--lock", a.lock.is_some()),
        ("--off", a.off.is_some()),
        ("--target-cac", a.target_cac.is_some()),
        ("--target-roas", a.target_roas.is_some()),
        ("--monte-carlo", a.monte_carlo),
    ];
    if let Some((flag, _)) = others.iter().find(|(_, set)| *set) {
        return Err(usage(format!("--over-time: {flag} cannot be combined with --over-time")));
    }
    if !objective.maximises() {
        return Err(usage("--over-time: --objective must be new_customers, revenue or gross_profit"));
    }
    let periods = a.periods.ok_or_else(|| usage("--over-time needs --periods N"))?;
    if periods > s.weeks {
        return Err(usage(format!(
            "--periods must be a whole number in 1..={} (the horizon's weeks), got {periods}",
            s.weeks
        )));
    }
    let spec =
        decide::FlightingSpec { objective, periods, total: a.total, bounds: a.period_bounds.into_iter().collect() };
    let start = Instant::now();
    let r = decide::flighting(s, &spec).map_err(|e| decide_error("--period-bounds", e))?;
    let elapsed = start.elapsed().as_secs_f64() * 1e3;
    match a.format {
        Format::Json => json_out(stdout, &to_value(&r)?),
        Format::Text => {
            let mut t = format!(
                "Flighting {} (maximise) over {} periods, total {}: flat {} → flighted {} (gain {}, {})\n",
                r.objective_kpi,
                r.periods.len(),
                format::money(r.total),
                opt(r.flat.objective),
                opt(r.flighted.objective),
                opt(r.gain.absolute),
                r.gain.percent.map_or_else(|| "none".into(), |p| format!("{p:+.1} %"))
            );
            t.push_str(&format!("({} expected runs, {elapsed:.0} ms, best start: {})\n\n", r.evaluations, r.start));
            t.push_str(&format!(
                "{:<8} {:>9} {:>14} {:>14} {:>14} {:>7}  {}\n",
                "period", "weeks", "flat/wk", "budget/wk", "budget", "share", "bound"
            ));
            for p in &r.periods {
                t.push_str(&format!(
                    "{:<8} {:>9} {:>14} {:>14} {:>14} {:>6.1}%  {}\n",
                    p.period,
                    format!("{}–{}", p.from_week, p.to_week),
                    format::money(p.flat_budget_per_week),
                    format::money(p.budget_per_week),
                    format::money(p.budget),
                    p.share_of_total * 100.0,
                    serde_json::to_value(p.binding).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default()
                ));
            }
            if !r.flat_within_bounds {
                t.push_str("\nThe flat plan is outside --period-bounds (it is reported, not allowed).\n");
            }
            write(stdout, &t)
        }
    }
}

/// `funnel-lab goal`.
pub(crate) fn goal(a: GoalArgs, stdin: &mut dyn Read, stdout: &mut dyn Write) -> Result<(), CliError> {
    let s = read_scenario(&a.file, stdin)?;
    if let Some(w) = a.by_week
        && w > s.weeks
    {
        return Err(usage(format!("--by-week must be a whole number in 1..={} (the horizon), got {w}", s.weeks)));
    }
    let spec = GoalSpec { by_week: a.by_week, vary: a.vary, ..GoalSpec::new(a.target) };
    let start = Instant::now();
    let g = decide::goal_seek(&s, &spec).map_err(|e| decide_error("--target", e))?;
    let elapsed = start.elapsed().as_secs_f64() * 1e3;
    match a.format {
        Format::Json => json_out(stdout, &to_value(&g)?),
        Format::Text => {
            let rf = &g.reverse_funnel;
            let mut t = format!(
                "Target {} ≥ {} by week {}: {}\n",
                g.target.name(),
                num(g.target.value()),
                g.by_week,
                if g.feasible { "reachable" } else { "NOT reachable" }
            );
            t.push_str(&format!(
                "Cheapest plan: budget {} a week, {} reps, total cost {} (now {}), reaches {} (now {})   ({} expected runs, {elapsed:.0} ms)\n",
                format::money(g.scenario.budget.per_week),
                g.scenario.sales.reps,
                format::money(g.total_cost),
                format::money(g.current_total_cost),
                num(g.achieved),
                num(g.current_achieved),
                g.evaluations
            ));
            t.push_str(&format!(
                "\nReverse funnel (flat rates): {} customers ← {} won ← {} opportunities ← {} SQLs ← {} MQLs ← {} visits\n  budget {} a week, {} reps\n",
                num(rf.customers),
                num(rf.won),
                num(rf.opportunities),
                num(rf.sqls),
                num(rf.mqls),
                num(rf.visits),
                rf.budget_per_week.map_or_else(|| "none".into(), format::money),
                opt(rf.reps)
            ));
            if !g.reasons.is_empty() {
                t.push_str("\nWhy the simulation differs:\n");
                g.reasons.iter().for_each(|r| t.push_str(&format!("  - {r}\n")));
            }
            if !g.limits.is_empty() {
                t.push_str("\nWhat limits it:\n");
                g.limits.iter().for_each(|r| t.push_str(&format!("  - {r}\n")));
            }
            write(stdout, &t)
        }
    }
}

/// `funnel-lab sensitivity`.
pub(crate) fn sensitivity(a: SensitivityArgs, stdin: &mut dyn Read, stdout: &mut dyn Write) -> Result<(), CliError> {
    let s = read_scenario(&a.file, stdin)?;
    let rows = decide::sensitivity(&s, a.kpi, a.delta).map_err(|e| decide_error("--delta", e))?;
    match a.format {
        Format::Json => json_out(stdout, &to_value(&rows)?),
        Format::Text => {
            let mut t = format!(
                "{} ±{:.0} % (base {})\n{:<44} {:>10} {:>10} {:>12} {:>12} {:>10}\n",
                a.kpi.name(),
                a.delta * 100.0,
                opt(rows.first().and_then(|r| r.kpi_base)),
                "assumption",
                "low",
                "high",
                "kpi low",
                "kpi high",
                "elasticity"
            );
            for r in &rows {
                t.push_str(&format!(
                    "{:<44} {:>10} {:>10} {:>12} {:>12} {:>10}\n",
                    r.label,
                    num(r.low),
                    num(r.high),
                    opt(r.kpi_low),
                    opt(r.kpi_high),
                    r.elasticity.map_or_else(|| "none".into(), |e| format!("{e:.2}"))
                ));
            }
            write(stdout, &t)
        }
    }
}

/// `hire`: the latest week a hire of `--reps` can start so that the lead
/// backlog never exceeds `--max-backlog`.
pub(crate) fn hire(a: HireArgs, stdin: &mut dyn Read, stdout: &mut dyn Write) -> Result<(), CliError> {
    let planned = crate::cli::read_planned(&a.file, stdin)?;
    let r = decide::rep_start_week(&planned, a.reps, a.max_backlog).map_err(|e| decide_error("--reps", e))?;
    match a.format {
        Format::Json => json_out(stdout, &to_value(&r)?),
        Format::Text => {
            let verdict = match (r.week, r.needed) {
                (_, false) => format!(
                    "No hire needed: the backlog peaks at {} without one (limit {}).",
                    num(r.peak_without_hire),
                    num(r.max_backlog)
                ),
                (Some(w), true) => format!(
                    "Start {} more reps by week {w} at the latest: the backlog then peaks at {} (limit {}; {} without the hire).",
                    num(r.extra_reps),
                    opt(r.peak_backlog),
                    num(r.max_backlog),
                    num(r.peak_without_hire)
                ),
                (None, true) => format!(
                    "Not enough: even {} more reps from week 1 leave a backlog peak of {} (limit {}).",
                    num(r.extra_reps),
                    r.peaks.first().map_or_else(|| "none".into(), |p| num(*p)),
                    num(r.max_backlog)
                ),
            };
            write(stdout, &format!("{verdict}\n"))
        }
    }
}
