//! Flighting in the Plan pane: the same total media budget shaped over the
//! horizon's periods (quarters, months…) for the most new customers,
//! revenue or gross profit. Carryover, reach caps and sales capacity decide
//! whether a burst beats spending evenly; the answer says by how much, per
//! period, and can be adopted as the plan over time (the timeline editor
//! above the weekly charts then shows its phases).

use std::rc::Rc;

use yew::prelude::*;

use super::adopt::{AdoptPlan, Adopted};
use super::form::FlightForm;
use super::runner::Done;
use super::{TimelineToolProps, change, form_edit, number_input, problems, ran_text, select_value, use_job};
use crate::app::canvas::{Chart, ChartCanvas};
use crate::charts::Unit;
use crate::charts::timeseries::{Series, TimeSeriesData};
use funnel_engine::decide::flighting::{Flighted, PeriodBinding};
use funnel_engine::decide::request::Answer;
use funnel_engine::{Scenario, format};

#[derive(Clone, PartialEq)]
struct Run {
    from: Rc<Scenario>,
    done: Done,
}

const PERIODS: [(&str, &str); 4] =
    [("2", "two halves"), ("4", "four quarters"), ("6", "six two-month periods"), ("12", "twelve months")];

/// The flighting form and its answer.
#[component]
pub fn FlightTool(props: &TimelineToolProps) -> Html {
    let state = &props.state;
    let scenario = state.scenario.clone();
    let form = use_state(|| FlightForm::new(&scenario));
    let job = use_job::<Run>();
    // The plan this tool replaced when its answer was adopted (for Undo).
    let adopted: Adopted = use_state(|| None);
    let edit = |f: fn(&mut FlightForm, String)| form_edit(&form, f);
    let on_select = |f: fn(&mut FlightForm, String)| {
        let edit = edit(f);
        Callback::from(move |e: Event| edit.emit(select_value(&e)))
    };
    let on_run = {
        let (form, job, scenario, adopted) = (form.clone(), job.clone(), scenario.clone(), adopted.clone());
        Callback::from(move |_: MouseEvent| {
            let from = scenario.clone();
            adopted.set(None);
            job.start(form.request(&scenario), move |done| Run { from: from.clone(), done });
        })
    };
    let f = &*form;
    let weeks = scenario.weeks;
    html! {
        <section class="plan-tool" aria-labelledby="flight-title">
            <h3 id="flight-title">{ "Shape the budget over time (flighting)" }</h3>
            <p class="note">{ "The same total media budget, spread over the periods of the horizon so the result is as large as it can be: \
                               a burst can beat spending evenly when carryover keeps it working, or lose when reach caps and the sales team's \
                               capacity waste it. The channel mix stays as it is." }</p>
            if state.plan.is_some() {
                <p class="notice" id="flight-plan-note">{ "The scenario has a plan over time: flighting starts from the flat scenario, and adopting its answer replaces the plan's phases." }</p>
            }
            <div class="plan-form">
                <div class="plan-field">
                    <label for="flight-objective">{ "Maximise" }</label>
                    <select id="flight-objective" onchange={on_select(|f, v| f.objective = v)}>
                        <option value="new_customers" selected={f.objective == "new_customers"}>{ "new customers" }</option>
                        <option value="revenue" selected={f.objective == "revenue"}>{ "revenue" }</option>
                        <option value="gross_profit" selected={f.objective == "gross_profit"}>{ "gross profit" }</option>
                    </select>
                </div>
                <div class="plan-field">
                    <label for="flight-periods">{ "Periods" }</label>
                    <select id="flight-periods" onchange={on_select(|f, v| f.periods = v)}>
                        { for PERIODS.iter().filter(|(p, _)| p.parse::<u32>().is_ok_and(|p| p <= weeks)).map(|(v, l)| html! {
                            <option value={*v} selected={f.periods == *v}>{ *l }</option>
                        }) }
                    </select>
                </div>
                { number_input("flight-total", &format!("Total over the horizon ($; blank: {})",
                    format::money(scenario.budget.per_week * f64::from(weeks))), &f.total, edit(|f, v| f.total = v)) }
                { number_input("flight-min", "Lowest budget per week ($; blank: 0)", &f.min, edit(|f, v| f.min = v)) }
                { number_input("flight-max", "Highest budget per week ($; blank: no limit)", &f.max, edit(|f, v| f.max = v)) }
            </div>
            { problems("flight-errors", &job.errors) }
            <p class="plan-actions">
                <button type="button" id="flight-run" onclick={on_run} disabled={*job.running}>
                    { if *job.running { "Shaping…" } else { "Find the best shape" } }
                </button>
            </p>
            <div id="flight-result" aria-live="polite" data-state={job.state()}>
                if let Some(r) = (*job.run).clone() {
                    { result(&r, &scenario, props, &adopted) }
                }
            </div>
        </section>
    }
}

/// The flat and flighted budget per week, as a chart.
fn budget_chart(f: &Flighted, weeks: u32) -> TimeSeriesData {
    let per_week = |pick: fn(&funnel_engine::decide::flighting::PeriodReport) -> f64| {
        let mut out = vec![f64::NAN; weeks as usize];
        for p in &f.periods {
            for w in p.from_week..=p.to_week.min(weeks) {
                out[(w - 1) as usize] = pick(p);
            }
        }
        out
    };
    TimeSeriesData {
        title: "Budget per week: flat and flighted".into(),
        unit: Unit::Money,
        series: vec![
            Series { label: "Flat".into(), values: per_week(|p| p.flat_budget_per_week), band: None, dashed: true },
            Series { label: "Flighted".into(), values: per_week(|p| p.budget_per_week), band: None, dashed: false },
        ],
        marker_week: None,
        plan_line: None,
        phase_starts: f.periods.iter().skip(1).map(|p| p.from_week as usize).collect(),
    }
}

fn result(run: &Run, now: &Rc<Scenario>, props: &TimelineToolProps, adopted: &Adopted) -> Html {
    let f: Rc<Flighted> = match &run.done.reply {
        Ok(Answer::Flight(f)) => Rc::new((**f).clone()),
        Ok(_) => return html! { <p class="message alert" role="alert">{ "Flighting gave an unexpected answer." }</p> },
        Err(e) => {
            return html! { <p class="message alert" role="alert" id="flight-failed">{ format!("Could not shape the budget: {e}") }</p> };
        }
    };
    let stale = *run.from != **now;
    let kpi = funnel_engine::decide::kpi_by_name(&f.objective_kpi);
    let show = |v: Option<f64>| match kpi {
        Some(funnel_engine::Kpi::NewCustomers) => format::or_none(v, format::count),
        _ => format::or_none(v, format::money),
    };
    let what = f.objective_kpi.replace('_', " ");
    let gain = match f.gain.absolute {
        Some(a) if a > 0.0 => {
            format!(
                "beats spending evenly by {} {what} ({})",
                show(Some(a)),
                change(f.flat.objective, f.flighted.objective)
            )
        }
        _ if !f.flat_within_bounds => "is the best within your bounds (spending evenly is outside them)".to_string(),
        _ => "does no better than spending evenly: keep the budget flat".to_string(),
    };
    let headline = format!(
        "Flighted: {} {what} against {} when spent evenly — shaping {} over {} periods {gain}.",
        show(f.flighted.objective),
        show(f.flat.objective),
        format::money(f.total),
        f.periods.len(),
    );
    let chart = Rc::new(Chart::TimeSeries(budget_chart(&f, now.weeks)));
    let binding = |b: PeriodBinding| match b {
        PeriodBinding::None => "",
        PeriodBinding::Min => "at its lowest",
        PeriodBinding::Max => "at its highest",
    };
    html! {
        <div class="plan-result">
            <p class="plan-headline" id="flight-headline"><strong>{ headline }</strong></p>
            <p class="note">{ format!("Found {}.", ran_text(&run.done, Some(f.evaluations))) }</p>
            <ChartCanvas {chart} name="flight-budget" dark={props.dark}
                label={format!("Step chart: budget per week in each of {} periods, flat (dashed) and flighted (solid)", f.periods.len())} />
            <div class="table-scroll"><table id="flight-periods-table">
                <caption>{ "Per period" }</caption>
                <thead><tr>
                    <th scope="col">{ "Period" }</th><th scope="col">{ "Weeks" }</th>
                    <th scope="col">{ "Flat per week" }</th><th scope="col">{ "Flighted per week" }</th>
                    <th scope="col">{ "Share of the total" }</th><th scope="col">{ "Bound" }</th>
                </tr></thead>
                <tbody>{ for f.periods.iter().map(|p| html! {
                    <tr>
                        <th scope="row">{ p.period }</th>
                        <td>{ format!("{}–{}", p.from_week, p.to_week) }</td>
                        <td>{ format::money(p.flat_budget_per_week) }</td>
                        <td>{ format::money(p.budget_per_week) }</td>
                        <td>{ format::percent(p.share_of_total) }</td>
                        <td>{ binding(p.binding) }</td>
                    </tr>
                }) }</tbody>
            </table></div>
            if stale {
                <p class="notice">{ "You have changed the scenario since: shape it again before adopting." }</p>
            }
            if let Some(plan) = f.plan.plan.clone() {
                <AdoptPlan id="flight" plan={Rc::new(plan)} current={props.state.plan.clone()} adopted={adopted.clone()}
                    {stale} label="Adopt as the plan over time" on_action={props.on_action.clone()}
                    done="Adopted as the plan over time: the timeline above the weekly charts shows its periods." />
            }
        </div>
    }
}
