//! Goal seek in the Plan pane: a target (new customers or revenue by a
//! week), what may change (budget, reps, the mix), and the cheapest plan
//! that reaches it — beside the classic reverse-funnel arithmetic with flat
//! rates, and in words why the two differ. An unreachable target says so,
//! with the best reachable value and what limits it.

use std::rc::Rc;

use yew::prelude::*;

use super::form::GoalForm;
use super::proposal::PlanCompare;
use super::runner::Done;
use super::{ToolProps, form_edit, number_input, problems, ran_text, select_value, use_job};
use funnel_engine::decide::GoalResult;
use funnel_engine::decide::request::Answer;
use funnel_engine::{Scenario, format};

#[derive(Clone, PartialEq)]
struct Run {
    from: Rc<Scenario>,
    done: Done,
}

const VARY: [(&str, &str); 4] = [
    ("budget", "the budget"),
    ("reps", "the reps"),
    ("budget,reps", "the budget and the reps"),
    ("budget,reps,mix", "the budget, the reps and the mix"),
];

/// Goal seek's form and its answer.
#[component]
pub fn GoalTool(props: &ToolProps) -> Html {
    let scenario = props.state.scenario.clone();
    let form = use_state(|| GoalForm::new(&scenario));
    let job = use_job::<Run>();
    let edit = |f: fn(&mut GoalForm, String)| form_edit(&form, f);
    let on_select = |f: fn(&mut GoalForm, String)| {
        let edit = edit(f);
        Callback::from(move |e: Event| edit.emit(select_value(&e)))
    };
    let on_run = {
        let (form, job, scenario) = (form.clone(), job.clone(), scenario.clone());
        Callback::from(move |_: MouseEvent| {
            let from = scenario.clone();
            job.start(form.request(&scenario), move |done| Run { from: from.clone(), done });
        })
    };
    let f = &*form;
    html! {
        <section class="plan-tool" aria-labelledby="goal-title">
            <h3 id="goal-title">{ "Goal seek: the cheapest plan for a target" }</h3>
            <p class="note">{ "“How much budget and how many reps for 60 customers this quarter?” The answer is the plan with the least total cost (media spend plus the sales team) over the horizon that reaches the target." }</p>
            <div class="plan-form">
                <div class="plan-field">
                    <label for="goal-kpi">{ "Target" }</label>
                    <select id="goal-kpi" onchange={on_select(|f, v| f.kpi = v)}>
                        <option value="new_customers" selected={f.kpi == "new_customers"}>{ "New customers, at least" }</option>
                        <option value="revenue" selected={f.kpi == "revenue"}>{ "Revenue, at least ($)" }</option>
                    </select>
                </div>
                { number_input("goal-value", "Target value", &f.value, edit(|f, v| f.value = v)) }
                { number_input("goal-week", &format!("By week (1–{}; blank: the horizon)", scenario.weeks), &f.by_week, edit(|f, v| f.by_week = v)) }
                <div class="plan-field">
                    <label for="goal-vary">{ "Change" }</label>
                    <select id="goal-vary" onchange={on_select(|f, v| f.vary = v)}>
                        { for VARY.iter().map(|(v, l)| html! { <option value={*v} selected={f.vary == *v}>{ *l }</option> }) }
                    </select>
                </div>
            </div>
            { problems("goal-errors", &job.errors) }
            <p class="plan-actions">
                <button type="button" id="goal-run" onclick={on_run} disabled={*job.running}>{ if *job.running { "Searching…" } else { "Find the cheapest plan" } }</button>
            </p>
            <div id="goal-result" aria-live="polite" data-state={job.state()}>
                if let Some(r) = (*job.run).clone() {
                    { result(&r, &scenario, props) }
                }
            </div>
        </section>
    }
}

fn value_text(g: &GoalResult, v: f64) -> String {
    if g.target.name() == "revenue" { format::money(v) } else { format::count(v) }
}

fn result(run: &Run, now: &Rc<Scenario>, props: &ToolProps) -> Html {
    let g: Rc<GoalResult> = match &run.done.reply {
        Ok(Answer::Goal(g)) => Rc::new((**g).clone()),
        Ok(_) => return html! { <p class="message alert" role="alert">{ "Goal seek gave an unexpected answer." }</p> },
        Err(e) => {
            return html! { <p class="message alert" role="alert" id="goal-failed">{ format!("Could not seek the goal: {e}") }</p> };
        }
    };
    let stale = *run.from != **now;
    let what = if g.target.name() == "revenue" { "revenue" } else { "new customers" };
    let plan = Rc::new(g.scenario.clone());
    let headline = if g.feasible {
        format!(
            "{} {what} by week {}: budget {} a week and {} reps, total cost {} over the horizon (now {}).",
            value_text(&g, g.target.value()),
            g.by_week,
            format::money(g.scenario.budget.per_week),
            format::count(g.scenario.sales.reps),
            format::money(g.total_cost),
            format::money(g.current_total_cost),
        )
    } else {
        format!(
            "Not reachable: {} {what} by week {} cannot be reached by changing what you chose. The best reachable is {}.",
            value_text(&g, g.target.value()),
            g.by_week,
            value_text(&g, g.achieved),
        )
    };
    let rf = &g.reverse_funnel;
    let rows: Vec<(&str, String)> = vec![
        ("New customers wanted", format::count(rf.customers)),
        ("of which online purchases", format::count(rf.purchases)),
        ("of which deals won", format::count(rf.won)),
        ("Opportunities (won ÷ win rate)", format::count(rf.opportunities)),
        ("SQLs (÷ SQL → opportunity)", format::count(rf.sqls)),
        ("MQLs (÷ qualification rate)", format::count(rf.mqls)),
        ("Visits", format::count(rf.visits)),
        ("Budget per week (visits × cost per visit ÷ weeks)", format::or_none(rf.budget_per_week, format::money)),
        ("Reps (MQLs ÷ leads a rep works × weeks)", format::or_none(rf.reps, |v| format!("{v:.1}"))),
    ];
    let on_apply = {
        let (apply, plan) = (props.on_apply.clone(), plan.clone());
        Callback::from(move |_: MouseEvent| apply.emit((plan.clone(), "the goal-seek plan".to_string())))
    };
    html! {
        <div class="plan-result" data-feasible={if g.feasible { "yes" } else { "no" }}>
            <p class="plan-headline" id="goal-headline"><strong>{ headline }</strong></p>
            <p class="note">{ format!("Found {}; the plan as it is reaches {} by week {}.", ran_text(&run.done, Some(g.evaluations)), value_text(&g, g.current_achieved), g.by_week) }</p>
            if !g.limits.is_empty() {
                <div id="goal-limits"><p>{ "What limits it:" }</p><ul>{ for g.limits.iter().map(|l| html! { <li>{ l.clone() }</li> }) }</ul></div>
            }
            if stale {
                <p class="notice">{ "You have changed the scenario since: search again before applying." }</p>
            }
            <p class="plan-actions">
                <button type="button" id="goal-apply" onclick={on_apply} disabled={stale}>
                    { if g.feasible { "Apply this plan" } else { "Apply the best reachable plan" } }
                </button>
            </p>
            <div class="plan-reverse">
                <div class="table-scroll"><table id="goal-reverse">
                    <caption>{ format!("The classic reverse funnel: flat rates, no lags, {} weeks", rf.weeks) }</caption>
                    <tbody>{ for rows.iter().map(|(k, v)| html! { <tr><th scope="row">{ *k }</th><td>{ v.clone() }</td></tr> }) }</tbody>
                </table></div>
                <div>
                    <p><strong>{ "Why the simulation answers differently" }</strong></p>
                    <ul id="goal-reasons">{ for g.reasons.iter().map(|r| html! { <li>{ r.clone() }</li> }) }</ul>
                </div>
            </div>
            <PlanCompare id="goal" now={run.from.clone()} plan={plan} dark={props.dark} />
        </div>
    }
}
