//! The optimiser's section of the Plan pane: objective, free budget and
//! reps, per-channel bounds beside each channel's share, an efficiency
//! target; then the plan found, before → after, the channels' marginal
//! returns and binding bounds, what the bounds cost, and (in Monte Carlo
//! mode) how often the plan wins over paired runs.

use std::rc::Rc;

use yew::prelude::*;

use super::form::{OptimiseForm, TargetKind};
use super::proposal::PlanCompare;
use super::runner::{self, Done, Ticket};
use super::{ToolProps, change, form_edit, number_input, problems, ran_text, select_value, use_job};
use funnel_engine::decide::request::{Answer, Request};
use funnel_engine::decide::{Binding, BoundKind, McComparison, Optimised};
use funnel_engine::scenario::Mode;
use funnel_engine::{Kpi, Scenario, format};

/// One optimiser run: what it was asked about and what came back.
#[derive(Clone, PartialEq)]
struct Run {
    /// The scenario it optimised.
    from: Rc<Scenario>,
    /// The unit its bounds were given in.
    kind: BoundKind,
    /// The answer.
    done: Done,
}

/// The Monte Carlo check of a plan.
#[derive(Clone, PartialEq)]
enum McCheck {
    Running,
    Done(Rc<McComparison>),
    Failed(String),
}

const OBJECTIVES: [(&str, &str); 4] = [
    ("new_customers", "Most new customers"),
    ("revenue", "Most revenue"),
    ("gross_profit", "Most gross profit"),
    ("cac", "Lowest CAC (with at least N new customers)"),
];

/// The optimiser's form and its result.
#[component]
pub fn OptimiseTool(props: &ToolProps) -> Html {
    let state = &props.state;
    let scenario = state.scenario.clone();
    let form = use_state(|| OptimiseForm::new(&scenario));
    {
        // Another preset (other channels): a fresh form.
        let form = form.clone();
        let names: Vec<String> = scenario.channels.iter().map(|c| c.name.clone()).collect();
        let s = scenario.clone();
        use_effect_with(names, move |_| {
            if form.mins.len() != s.channels.len() {
                form.set(OptimiseForm::new(&s));
            }
        });
    }
    let job = use_job::<Run>();
    let mc = use_state(|| None::<McCheck>);
    let mc_ticket = use_mut_ref(|| None::<Ticket>);

    let edit = |f: fn(&mut OptimiseForm, String)| form_edit(&form, f);
    let on_objective = {
        let edit = edit(|f, v| f.objective = v);
        Callback::from(move |e: Event| edit.emit(select_value(&e)))
    };
    let toggle = |f: fn(&mut OptimiseForm, bool)| {
        let form = form.clone();
        Callback::from(move |e: Event| {
            let mut next = (*form).clone();
            f(&mut next, crate::app::controls::input_checked(&e));
            form.set(next);
        })
    };
    let on_kind = |kind: BoundKind| {
        let form = form.clone();
        Callback::from(move |_: Event| {
            let mut next = (*form).clone();
            next.bound_kind = kind;
            form.set(next);
        })
    };
    let on_target = {
        let form = form.clone();
        Callback::from(move |e: Event| {
            let mut next = (*form).clone();
            next.target = match select_value(&e).as_str() {
                "max_cac" => TargetKind::MaxCac,
                "min_roas" => TargetKind::MinRoas,
                _ => TargetKind::None,
            };
            form.set(next);
        })
    };
    let bound_input = |i: usize, max: bool| {
        let form = form.clone();
        Callback::from(move |text: String| {
            let mut next = (*form).clone();
            let list = if max { &mut next.maxes } else { &mut next.mins };
            if let Some(slot) = list.get_mut(i) {
                *slot = text;
            }
            form.set(next);
        })
    };

    let on_run = {
        let (form, job, mc, mc_ticket) = (form.clone(), job.clone(), mc.clone(), mc_ticket.clone());
        let (scenario, locked, enabled) = (scenario.clone(), state.locked.clone(), state.enabled.clone());
        Callback::from(move |_: MouseEvent| {
            let request = form.request(&scenario, &locked, &enabled);
            if request.is_ok() {
                mc.set(None);
                *mc_ticket.borrow_mut() = None;
            }
            let (mc, mc_ticket, from, kind) = (mc.clone(), mc_ticket.clone(), scenario.clone(), form.bound_kind);
            job.start(request, move |done: Done| {
                if from.simulation.mode == Mode::MonteCarlo
                    && let Ok(Answer::Optimise(o)) = &done.reply
                {
                    mc.set(Some(McCheck::Running));
                    let request = Request::Compare {
                        before: (*from).clone(),
                        after: o.scenario.clone(),
                        kpi: o.objective_kpi.clone(),
                    };
                    let mc = mc.clone();
                    let on_mc = Callback::from(move |d: Done| {
                        mc.set(Some(match d.reply {
                            Ok(Answer::Compare(c)) => McCheck::Done(Rc::new(c)),
                            Ok(_) => McCheck::Failed("an unexpected answer".into()),
                            Err(e) => McCheck::Failed(e),
                        }))
                    });
                    *mc_ticket.borrow_mut() = Some(runner::submit(&request, on_mc));
                }
                Run { from: from.clone(), kind, done }
            });
        })
    };

    let f = &*form;
    let share_kind = f.bound_kind == BoundKind::Share;
    let unit = if share_kind { "%" } else { "$ / week" };
    html! {
        <section class="plan-tool" aria-labelledby="optimise-title">
            <h3 id="optimise-title">{ "Optimise the plan" }</h3>
            <p class="note">{ "Finds the best split of the budget over the channels — and, if you let it, the budget and the team size — within your bounds." }</p>
            <div class="plan-form">
                <div class="plan-field">
                    <label for="optimise-objective">{ "Objective" }</label>
                    <select id="optimise-objective" onchange={on_objective}>
                        { for OBJECTIVES.iter().map(|(v, l)| html! { <option value={*v} selected={f.objective == *v}>{ *l }</option> }) }
                    </select>
                </div>
                if f.objective == "cac" {
                    { number_input("optimise-min-customers", "At least this many new customers (blank: as many as now)", &f.min_customers, edit(|f, v| f.min_customers = v)) }
                }
                <fieldset class="plan-range">
                    <legend>
                        <input type="checkbox" id="optimise-budget-free" checked={f.budget_free} onchange={toggle(|f, on| f.budget_free = on)} />
                        <label for="optimise-budget-free">{ format!("Let the budget move (now {} a week)", format::money(scenario.budget.per_week)) }</label>
                    </legend>
                    if f.budget_free {
                        { number_input("optimise-budget-min", "From ($ / week)", &f.budget_min, edit(|f, v| f.budget_min = v)) }
                        { number_input("optimise-budget-max", "To ($ / week)", &f.budget_max, edit(|f, v| f.budget_max = v)) }
                    }
                </fieldset>
                <fieldset class="plan-range">
                    <legend>
                        <input type="checkbox" id="optimise-reps-free" checked={f.reps_free} onchange={toggle(|f, on| f.reps_free = on)} />
                        <label for="optimise-reps-free">{ format!("Let the team size move (now {} reps)", format::count(scenario.sales.reps)) }</label>
                    </legend>
                    if f.reps_free {
                        { number_input("optimise-reps-min", "From (reps)", &f.reps_min, edit(|f, v| f.reps_min = v)) }
                        { number_input("optimise-reps-max", "To (reps)", &f.reps_max, edit(|f, v| f.reps_max = v)) }
                    }
                </fieldset>
                <fieldset class="plan-bounds">
                    <legend>{ "Per-channel bounds (blank: none)" }</legend>
                    <div class="plan-kind" role="radiogroup" aria-label="Bounds are">
                        <input type="radio" id="optimise-kind-share" name="optimise-kind" checked={share_kind} onchange={on_kind(BoundKind::Share)} />
                        <label for="optimise-kind-share">{ "shares of the budget (%)" }</label>
                        <input type="radio" id="optimise-kind-spend" name="optimise-kind" checked={!share_kind} onchange={on_kind(BoundKind::Spend)} />
                        <label for="optimise-kind-spend">{ "spend per week ($)" }</label>
                    </div>
                    <div class="table-scroll">
                        <table class="plan-bounds-table">
                            <thead><tr><th scope="col">{ "Channel" }</th><th scope="col">{ "Now" }</th><th scope="col">{ format!("Min ({unit})") }</th><th scope="col">{ format!("Max ({unit})") }</th></tr></thead>
                            <tbody>
                                { for scenario.channels.iter().enumerate().map(|(i, c)| {
                                    let fixed = if state.enabled.get(i) == Some(&false) { Some("off") }
                                        else if state.locked.get(i) == Some(&true) { Some("locked") } else { None };
                                    let now = if share_kind { format::percent(c.share) } else { format::money(c.share * scenario.budget.per_week) };
                                    html! {
                                        <tr>
                                            <th scope="row">{ c.name.clone() }</th>
                                            <td>{ now }{ fixed.map(|w| format!(" ({w}: stays)")).unwrap_or_default() }</td>
                                            <td><input type="text" inputmode="decimal" id={format!("optimise-min-{i}")} aria-label={format!("{} minimum {}", c.name, unit)}
                                                value={f.mins.get(i).cloned().unwrap_or_default()} disabled={fixed.is_some()}
                                                oninput={bound_input(i, false).reform(|e: InputEvent| crate::app::controls::input_value(&e))} /></td>
                                            <td><input type="text" inputmode="decimal" id={format!("optimise-max-{i}")} aria-label={format!("{} maximum {}", c.name, unit)}
                                                value={f.maxes.get(i).cloned().unwrap_or_default()} disabled={fixed.is_some()}
                                                oninput={bound_input(i, true).reform(|e: InputEvent| crate::app::controls::input_value(&e))} /></td>
                                        </tr>
                                    }
                                }) }
                            </tbody>
                        </table>
                    </div>
                </fieldset>
                <div class="plan-field">
                    <label for="optimise-target">{ "Efficiency target" }</label>
                    <select id="optimise-target" onchange={on_target}>
                        <option value="none" selected={f.target == TargetKind::None}>{ "None" }</option>
                        <option value="max_cac" selected={f.target == TargetKind::MaxCac}>{ "CAC at most…" }</option>
                        <option value="min_roas" selected={f.target == TargetKind::MinRoas}>{ "ROAS at least…" }</option>
                    </select>
                </div>
                if f.target != TargetKind::None {
                    { number_input("optimise-target-value", if f.target == TargetKind::MaxCac { "Target CAC ($)" } else { "Target ROAS (×)" }, &f.target_value, edit(|f, v| f.target_value = v)) }
                }
            </div>
            { problems("optimise-errors", &job.errors) }
            <p class="plan-actions">
                <button type="button" id="optimise-run" onclick={on_run} disabled={*job.running}>{ if *job.running { "Optimising…" } else { "Optimise" } }</button>
            </p>
            <div id="optimise-result" aria-live="polite" data-state={job.state()}>
                if let Some(r) = (*job.run).clone() {
                    { result(&r, &scenario, &mc, props) }
                }
            </div>
        </section>
    }
}

fn binding_text(b: Binding) -> &'static str {
    match b {
        Binding::None => "inside its bounds",
        Binding::Min => "at its minimum",
        Binding::Max => "at its maximum",
        Binding::Locked => "locked",
        Binding::Off => "switched off",
    }
}

fn kpi_text(name: &str, v: Option<f64>) -> String {
    let f: fn(f64) -> String = match name {
        "new_customers" => format::count,
        _ => format::money,
    };
    format::or_none(v, f)
}

fn result(run: &Run, now: &Rc<Scenario>, mc: &Option<McCheck>, props: &ToolProps) -> Html {
    let o: Rc<Optimised> = match &run.done.reply {
        Ok(Answer::Optimise(o)) => Rc::new((**o).clone()),
        Ok(_) => {
            return html! { <p class="message alert" role="alert">{ "The optimiser gave an unexpected answer." }</p> };
        }
        Err(e) => {
            return html! { <p class="message alert" role="alert" id="optimise-failed">{ format!("Could not optimise: {e}") }</p> };
        }
    };
    let stale = *run.from != **now;
    let plan = Rc::new(o.scenario.clone());
    let name = o.objective_kpi.as_str();
    let label = funnel_engine::decide::kpi_by_name(name).map_or(name.to_string(), |k| kpi_label(k).to_string());
    let headline = format!(
        "{label}: {} → {} ({}){}",
        kpi_text(name, o.objective_before),
        kpi_text(name, o.objective_after),
        change(o.objective_before, o.objective_after),
        if o.constraints_met { "" } else { " — the constraints cannot all be met; this is the closest plan" },
    );
    let feasible: Rc<Vec<(f64, f64)>> = Rc::new(
        o.channels
            .iter()
            .map(|c| {
                let budget = o.scenario.budget.per_week;
                let kind_share = run.kind == BoundKind::Share;
                let to_spend = |v: f64| {
                    if kind_share { v * budget } else { v }
                };
                match c.binding {
                    Binding::Locked | Binding::Off => (c.spend_after, c.spend_after),
                    _ => (c.min.map_or(0.0, to_spend), c.max.map_or(budget, to_spend)),
                }
            })
            .collect(),
    );
    let on_apply = {
        let (apply, plan) = (props.on_apply.clone(), plan.clone());
        let what = format!("the optimised plan ({})", label.to_lowercase());
        Callback::from(move |_: MouseEvent| apply.emit((plan.clone(), what.clone())))
    };
    html! {
        <div class="plan-result">
            <p class="plan-headline" id="optimise-headline"><strong>{ headline }</strong></p>
            <p class="note">{ format!("Found {}.", ran_text(&run.done, Some(o.evaluations))) }</p>
            if o.scenario.budget.per_week != run.from.budget.per_week || o.scenario.sales.reps != run.from.sales.reps {
                <p>{ format!("Budget {} → {} a week; reps {} → {}.",
                    format::money(run.from.budget.per_week), format::money(o.scenario.budget.per_week),
                    format::count(run.from.sales.reps), format::count(o.scenario.sales.reps)) }</p>
            }
            if let Some(e) = &o.efficiency {
                <p id="optimise-efficiency">{ format!("Efficiency target {}: {} → {} — {}.",
                    match e.target { funnel_engine::decide::EfficiencyTarget::MaxCac(v) => format!("CAC ≤ {}", format::money(v)),
                                     funnel_engine::decide::EfficiencyTarget::MinRoas(v) => format!("ROAS ≥ {}", format::multiple(v)) },
                    format::or_none(e.before, format::money), format::or_none(e.after, format::money),
                    if e.met { "met" } else { "not met" }) }</p>
            }
            if stale {
                <p class="notice">{ "You have changed the scenario since: optimise again before applying." }</p>
            }
            <p class="plan-actions">
                <button type="button" id="optimise-apply" onclick={on_apply} disabled={stale}>{ "Apply this plan" }</button>
            </p>
            <div class="table-scroll">
                <table class="plan-channels" id="optimise-channels">
                    <caption>{ "Per channel at the optimum" }</caption>
                    <thead><tr>
                        <th scope="col">{ "Channel" }</th><th scope="col">{ "Share now → plan" }</th><th scope="col">{ "Spend / week" }</th>
                        <th scope="col">{ "New customers per extra $1k / week" }</th><th scope="col">{ "Bound" }</th>
                    </tr></thead>
                    <tbody>
                        { for o.channels.iter().map(|c| html! {
                            <tr data-binding={binding_text(c.binding)}>
                                <th scope="row">{ c.name.clone() }</th>
                                <td>{ format!("{} → {}", format::percent(c.share_before), format::percent(c.share_after)) }</td>
                                <td>{ format!("{} → {}", format::money(c.spend_before), format::money(c.spend_after)) }</td>
                                <td>{ c.marginal_customers_per_1k.map_or("—".to_string(), |m| format!("{:.2}", m)) }</td>
                                <td>{ binding_text(c.binding) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            if let Some(w) = &o.wider_bounds {
                <p id="optimise-wider">{ format!("With every bound three times wider (minimums ÷ 3, maximums × 3) the objective would be {} instead of {}: that is what your bounds cost.",
                    kpi_text(name, w.objective), kpi_text(name, o.objective_after)) }</p>
            }
            { mc_text(mc, name) }
            <PlanCompare id="optimise" now={run.from.clone()} plan={plan} feasible={Some(feasible)} dark={props.dark} />
        </div>
    }
}

fn kpi_label(k: Kpi) -> &'static str {
    crate::app::outcomes::KPIS.iter().find(|s| s.kpi == k).map_or(k.name(), |s| s.label)
}

fn mc_text(mc: &Option<McCheck>, name: &str) -> Html {
    match mc {
        None => html! {},
        Some(McCheck::Running) => {
            html! { <p id="optimise-mc" data-state="running">{ "Checking the plan over paired Monte Carlo runs…" }</p> }
        }
        Some(McCheck::Failed(e)) => {
            html! { <p id="optimise-mc" class="message alert" role="alert">{ format!("The Monte Carlo check failed: {e}") }</p> }
        }
        Some(McCheck::Done(c)) => {
            let band = |s: &Option<funnel_engine::stats::Summary>| {
                s.map_or("—".to_string(), |s| {
                    format!("{} – {}", kpi_text(name, Some(s.p10)), kpi_text(name, Some(s.p90)))
                })
            };
            html! {
                <p id="optimise-mc" data-state="done" data-wins={c.after_better_share.to_string()}>
                    { format!("Over {} paired Monte Carlo runs: P10–P90 now {}, with the plan {}. The plan does better in {} of the runs ({}).",
                        format::grouped(c.runs as f64), band(&c.before), band(&c.after), format::percent(c.after_better_share),
                        match c.verdict.as_str() { "clear" => "a clear difference", "noise" => "within the noise", "same" => "the same in every run", _ => "too few runs to say" }) }
                </p>
            }
        }
    }
}
