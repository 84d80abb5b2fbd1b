//! Sensitivity in the Plan pane: every assumption moved down and up by a
//! chosen share, the chosen KPI at each end as a tornado chart (largest
//! impact on top), and the elasticities as a table.

use std::rc::Rc;

use yew::prelude::*;

use super::runner::Done;
use super::{number_input, problems, ran_text, select_value, use_job};
use crate::app::canvas::{Chart, ChartCanvas};
use crate::app::outcomes::KPIS;
use crate::charts::Unit;
use crate::charts::tornado::{TornadoBar, TornadoData};
use funnel_engine::decide::SensitivityRow;
use funnel_engine::decide::request::{Answer, Request};
use funnel_engine::{Scenario, format};

/// Bars drawn in the tornado (the table lists every assumption).
const TORNADO_BARS: usize = 12;

/// Props of [`SensitivityTool`].
#[derive(Properties, PartialEq)]
pub struct SensitivityProps {
    /// The scenario.
    pub scenario: Rc<Scenario>,
    /// Dark colour scheme.
    pub dark: bool,
}

#[derive(Clone, PartialEq)]
struct Run {
    from: Rc<Scenario>,
    kpi: String,
    delta: f64,
    done: Done,
}

/// Money KPIs get money on the axis; counts get counts.
fn unit_of(kpi: &str) -> Unit {
    match kpi {
        "new_customers" | "won" | "leads" | "purchases" | "customers_end" => Unit::People,
        _ => Unit::Money,
    }
}

/// The sensitivity form, the tornado and the table.
#[component]
pub fn SensitivityTool(props: &SensitivityProps) -> Html {
    let kpi = use_state(|| "new_customers".to_string());
    let delta = use_state(|| "20".to_string());
    let job = use_job::<Run>();
    let on_kpi = {
        let kpi = kpi.clone();
        Callback::from(move |e: Event| kpi.set(select_value(&e)))
    };
    let on_delta = {
        let delta = delta.clone();
        Callback::from(move |t: String| delta.set(t))
    };
    let on_run = {
        let (kpi, delta, job, scenario) = (kpi.clone(), delta.clone(), job.clone(), props.scenario.clone());
        Callback::from(move |_: MouseEvent| {
            let share =
                delta.trim().trim_end_matches('%').trim().parse::<f64>().ok().filter(|d| *d > 0.0 && *d < 100.0);
            let request = share
                .map(|share| Request::Sensitivity {
                    scenario: (*scenario).clone(),
                    kpi: (*kpi).clone(),
                    delta: share / 100.0,
                })
                .ok_or_else(|| vec!["Move each assumption by: a number above 0 and below 100 (%)".to_string()]);
            let (from, name, delta) = (scenario.clone(), (*kpi).clone(), share.unwrap_or(0.0) / 100.0);
            job.start(request, move |done| Run { from: from.clone(), kpi: name.clone(), delta, done });
        })
    };
    html! {
        <section class="plan-tool" aria-labelledby="sens-title">
            <h3 id="sens-title">{ "Sensitivity: which assumption matters most" }</h3>
            <div class="plan-form">
                <div class="plan-field">
                    <label for="sens-kpi">{ "KPI" }</label>
                    <select id="sens-kpi" onchange={on_kpi}>
                        { for KPIS.iter().filter(|s| s.kpi.name() != "payback_week").map(|s| html! {
                            <option value={s.kpi.name()} selected={*kpi == s.kpi.name()}>{ s.label }</option>
                        }) }
                    </select>
                </div>
                { number_input("sens-delta", "Move each assumption by (%)", &delta, on_delta) }
            </div>
            { problems("sens-errors", &job.errors) }
            <p class="plan-actions">
                <button type="button" id="sens-run" onclick={on_run} disabled={*job.running}>{ if *job.running { "Working…" } else { "Show the drivers" } }</button>
            </p>
            <div id="sens-result" aria-live="polite" data-state={job.state()}>
                if let Some(r) = (*job.run).clone() {
                    <SensitivityResult stale={*props.scenario != *r.from} run={Rc::new(r)} dark={props.dark} />
                }
            </div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ResultProps {
    run: Rc<Run>,
    stale: bool,
    dark: bool,
}

#[component]
fn SensitivityResult(props: &ResultProps) -> Html {
    let run = &props.run;
    let rows: Rc<Vec<SensitivityRow>> = match &run.done.reply {
        Ok(Answer::Sensitivity(rows)) => Rc::new(rows.clone()),
        Ok(_) => Rc::new(Vec::new()),
        Err(e) => {
            return html! { <p class="message alert" role="alert" id="sens-failed">{ format!("Could not compute the sensitivity: {e}") }</p> };
        }
    };
    let label = KPIS.iter().find(|s| s.kpi.name() == run.kpi).map_or(run.kpi.clone(), |s| s.label.to_string());
    let chart = use_memo((rows.clone(), run.kpi.clone(), run.delta), |(rows, kpi, delta)| {
        let base = rows.first().and_then(|r| r.kpi_base).unwrap_or(f64::NAN);
        Chart::Tornado(TornadoData {
            title: format!(
                "{} when each assumption moves ±{}",
                KPIS.iter().find(|s| s.kpi.name() == kpi).map_or(kpi.as_str(), |s| s.label),
                format::percent(*delta)
            ),
            unit: unit_of(kpi),
            base,
            delta: *delta,
            bars: rows
                .iter()
                .take(TORNADO_BARS)
                .map(|r| TornadoBar {
                    label: r.label.clone(),
                    kpi_low: r.kpi_low.unwrap_or(f64::NAN),
                    kpi_high: r.kpi_high.unwrap_or(f64::NAN),
                })
                .collect(),
        })
    });
    let unit = unit_of(&run.kpi);
    let fmt = |v: Option<f64>| v.map_or("—".to_string(), |x| unit.format(x));
    let bars = rows.len().min(TORNADO_BARS);
    let height = (70 + 26 * bars as u32).max(200);
    html! {
        <div class="plan-result">
            <p class="note">{ format!("{} assumptions, each moved down and up within its valid range; {}.", rows.len(), ran_text(&run.done, None)) }</p>
            if props.stale {
                <p class="notice">{ "You have changed the scenario since: run it again to see the drivers of the plan as it is now." }</p>
            }
            <ChartCanvas {chart} name="tornado" dark={props.dark} height={Some(height)}
                label={format!("Tornado chart: {label} with each of the {bars} most important assumptions moved down (left colour) and up (right colour); the line is the value now")} />
            <div class="table-scroll">
                <table id="sens-table">
                    <caption>{ format!("Elasticity: % change in {label} per 1 % change in the assumption") }</caption>
                    <thead><tr><th scope="col">{ "Assumption" }</th><th scope="col">{ "Low → high" }</th><th scope="col">{ format!("{label} low → high") }</th><th scope="col">{ "Elasticity" }</th></tr></thead>
                    <tbody>
                        { for rows.iter().map(|r| html! {
                            <tr data-field={r.field.clone()}>
                                <th scope="row">{ r.label.clone() }</th>
                                <td>{ format!("{} → {}{}", short(r.low), short(r.high), if r.clamped { " (clamped)" } else { "" }) }</td>
                                <td>{ format!("{} → {}", fmt(r.kpi_low), fmt(r.kpi_high)) }</td>
                                <td data-elasticity={r.elasticity.map(|e| e.to_string()).unwrap_or_default()}>{ r.elasticity.map_or("—".to_string(), |e| format!("{e:+.2}")) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        </div>
    }
}

/// A model value in few digits (rates stay fractions: the table says so in the field's label).
fn short(v: f64) -> String {
    if v.abs() >= 1000.0 {
        format::grouped(v)
    } else if v.abs() >= 10.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.3}")
    }
}
