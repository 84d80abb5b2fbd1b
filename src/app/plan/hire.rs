//! When to hire, in the Plan pane: the latest week a number of new reps
//! can start so that the leads waiting for sales (the MQL backlog) never
//! exceed a limit, with their ramp-up counted. It reads the scenario with
//! its plan over time, shows the backlog's peak for every start week, and
//! can add the hire to the plan (a phase from that week on).

use std::rc::Rc;

use yew::prelude::*;

use super::adopt::{AdoptPlan, Adopted};
use super::form::HireForm;
use super::runner::Done;
use super::{TimelineToolProps, form_edit, number_input, problems, ran_text, use_job};
use crate::app::canvas::{Chart, ChartCanvas};
use crate::charts::Unit;
use crate::charts::timeseries::{Series, TimeSeriesData};
use funnel_engine::decide::hiring::RepStart;
use funnel_engine::decide::request::Answer;
use funnel_engine::format;
use funnel_engine::plan::PlannedScenario;

#[derive(Clone, PartialEq)]
struct Run {
    from: Rc<PlannedScenario>,
    done: Done,
}

/// The when-to-hire form and its answer.
#[component]
pub fn HireTool(props: &TimelineToolProps) -> Html {
    let planned = props.state.planned();
    let form = use_state(HireForm::new);
    let job = use_job::<Run>();
    let adopted: Adopted = use_state(|| None);
    let edit = |f: fn(&mut HireForm, String)| form_edit(&form, f);
    let on_run = {
        let (form, job, planned, adopted) = (form.clone(), job.clone(), planned.clone(), adopted.clone());
        Callback::from(move |_: MouseEvent| {
            let from = planned.clone();
            adopted.set(None);
            job.start(form.request(&planned), move |done| Run { from: from.clone(), done });
        })
    };
    let f = &*form;
    html! {
        <section class="plan-tool" aria-labelledby="hire-title">
            <h3 id="hire-title">{ "When to hire: the latest start for new reps" }</h3>
            <p class="note">{ "“Which week must the new reps start so the leads waiting for sales never pile up beyond a limit?” \
                               New reps ramp up as the plan over time says; the answer counts it." }</p>
            <div class="plan-form">
                { number_input("hire-reps", "Reps to hire", &f.reps, edit(|f, v| f.reps = v)) }
                { number_input("hire-backlog", "Most leads waiting for sales (MQL backlog)", &f.max_backlog, edit(|f, v| f.max_backlog = v)) }
            </div>
            { problems("hire-errors", &job.errors) }
            <p class="plan-actions">
                <button type="button" id="hire-run" onclick={on_run} disabled={*job.running}>
                    { if *job.running { "Searching…" } else { "Find the latest start week" } }
                </button>
            </p>
            <div id="hire-result" aria-live="polite" data-state={job.state()}>
                if let Some(r) = (*job.run).clone() {
                    { result(&r, &planned, props, &adopted) }
                }
            </div>
        </section>
    }
}

/// The backlog's peak for each start week, and the limit.
fn peaks_chart(h: &RepStart) -> TimeSeriesData {
    TimeSeriesData {
        title: "Peak MQL backlog by the week the new reps start".into(),
        unit: Unit::People,
        series: vec![
            Series { label: "Peak backlog".into(), values: h.peaks.clone(), band: None, dashed: false },
            Series { label: "Limit".into(), values: vec![h.max_backlog; h.peaks.len()], band: None, dashed: true },
        ],
        marker_week: h.week.map(|w| w as usize),
        plan_line: None,
        phase_starts: Vec::new(),
    }
}

fn headline(h: &RepStart) -> String {
    let reps = format::count(h.extra_reps);
    let limit = format::count(h.max_backlog);
    match h.week {
        _ if !h.needed => format!(
            "No hire is needed for this: without it the backlog peaks at {}, within {limit}.",
            format::count(h.peak_without_hire)
        ),
        Some(w) => format!(
            "Start {reps} new rep(s) by week {w} at the latest: the backlog then peaks at {} (limit {limit}; {} without the hire).",
            format::or_none(h.peak_backlog, format::count),
            format::count(h.peak_without_hire)
        ),
        None => format!(
            "Not reachable: even starting in week 1, {reps} new rep(s) cannot keep the backlog within {limit} (lowest peak {}). Hire more, or sooner than the horizon starts.",
            format::count(h.peaks.iter().copied().fold(f64::INFINITY, f64::min))
        ),
    }
}

fn result(run: &Run, now: &Rc<PlannedScenario>, props: &TimelineToolProps, adopted: &Adopted) -> Html {
    let h: Rc<RepStart> = match &run.done.reply {
        Ok(Answer::Hire(h)) => Rc::new((**h).clone()),
        Ok(_) => {
            return html! { <p class="message alert" role="alert">{ "The hiring search gave an unexpected answer." }</p> };
        }
        Err(e) => {
            return html! { <p class="message alert" role="alert" id="hire-failed">{ format!("Could not find a start week: {e}") }</p> };
        }
    };
    let stale = *run.from != **now;
    let plan = h.plan.as_ref().and_then(|v| PlannedScenario::from_json(&v.to_string()).ok()).and_then(|p| p.plan);
    let chart = Rc::new(Chart::TimeSeries(peaks_chart(&h)));
    html! {
        <div class="plan-result" data-week={h.week.map(|w| w.to_string())}>
            <p class="plan-headline" id="hire-headline"><strong>{ headline(&h) }</strong></p>
            <p class="note">{ format!("Found {}; every start week was tried.", ran_text(&run.done, Some(h.peaks.len()))) }</p>
            <ChartCanvas {chart} name="hire-peaks" dark={props.dark}
                label="Line chart: the peak MQL backlog for each week the new reps could start, the limit dashed, the latest start week marked" />
            if stale {
                <p class="notice">{ "You have changed the scenario since: search again before adding the hire." }</p>
            }
            if let Some(plan) = plan.filter(|_| h.needed) {
                <AdoptPlan id="hire" plan={Rc::new(plan)} current={props.state.plan.clone()} adopted={adopted.clone()}
                    {stale} label="Add the hire to the plan" on_action={props.on_action.clone()}
                    done="Added to the plan over time: the timeline above the weekly charts shows the hire." />
            }
        </div>
    }
}
