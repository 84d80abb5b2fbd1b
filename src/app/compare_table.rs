//! The compare panel: "Pin as A" (`#pin-a`) and "Unpin A" (`#unpin-a`), and
//! while A is pinned the table `#compare-table` with each headline KPI for
//! A, B and the difference B − A. When both are finished Monte Carlo
//! simulations with the same seed and number of runs, two more columns say
//! in what share of the paired runs B beats A and whether the difference is
//! larger than the noise ([`funnel_engine::compare::paired`]).

use std::rc::Rc;

use yew::prelude::*;

use super::compare::Pinned;
use super::monte_carlo::{McResult, McStatus};
use super::outcomes::{Derived, KPIS, KpiSpec};
use super::state::{Action, AppState};
use funnel_engine::compare::{self, Better, HEADLINE, Paired, Side};
use funnel_engine::format;
use funnel_engine::{Kpi, Scenario};

/// Props of [`ComparePanel`].
#[derive(Properties, PartialEq)]
pub struct ComparePanelProps {
    /// The current scenario (B).
    pub scenario: Rc<Scenario>,
    /// B's Monte Carlo status.
    pub mc: McStatus,
    /// B's results.
    pub b: Rc<Derived>,
    /// The pinned scenario, if any.
    pub pinned: Option<Pinned>,
    /// A's results (present when `pinned` is).
    pub a: Option<Rc<Derived>>,
    /// Pins and unpins.
    pub dispatcher: UseReducerDispatcher<AppState>,
}

/// The buttons and, while A is pinned, the comparison table.
#[component]
pub fn ComparePanel(props: &ComparePanelProps) -> Html {
    let on_pin = props.dispatcher.to_callback().reform(|_: MouseEvent| Action::PinA);
    let on_unpin = props.dispatcher.to_callback().reform(|_: MouseEvent| Action::UnpinA);
    let pairable = props.pinned.as_ref().and_then(|p| pairable(p, &props.scenario, &props.mc));
    let paired = use_memo(pairable, |results| {
        results.as_ref().map(|(a, b)| {
            HEADLINE
                .iter()
                .map(|k| compare::paired(&a.outcome.kpi_values(*k), &b.outcome.kpi_values(*k), Better::of(*k)))
                .collect::<Vec<_>>()
        })
    });
    let pinned_name = props.pinned.as_ref().and_then(|p| name_of(&p.scenario.scenario));
    html! {
        <section class="compare" aria-labelledby="compare-title">
            <div class="compare-head">
                <h2 id="compare-title">{ if props.pinned.is_some() { "Compare: A vs B" } else { "Compare" } }</h2>
                <button id="pin-a" type="button" onclick={on_pin}>
                    { if props.pinned.is_some() { "Pin current as A" } else { "Pin as A" } }
                </button>
                if props.pinned.is_some() {
                    <button id="unpin-a" type="button" class="secondary" onclick={on_unpin}>{ "Unpin A" }</button>
                }
            </div>
            if let (Some(pinned), Some(a)) = (&props.pinned, &props.a) {
                <p class="note">
                    { format!("A is pinned{}; keep editing: you are changing B. Charts show A dashed and B solid.",
                        pinned_name.map(|n| format!(" ({n})")).unwrap_or_default()) }
                </p>
                { for notes(pinned, &props.scenario, &props.mc, paired.is_some()).into_iter().map(|n| html! { <p class="note">{ n }</p> }) }
                <CompareTable a={a.clone()} b={props.b.clone()} paired={(*paired).clone().map(Rc::new)} />
            } else {
                <p class="note">
                    { "Pin the current scenario as A, then change anything: the weekly charts overlay A (dashed) \
                       and B (solid), and a table compares their key results." }
                </p>
            }
        </section>
    }
}

/// Both Monte Carlo results, when they are paired runs (same seed and runs).
fn pairable(pinned: &Pinned, scenario: &Scenario, mc: &McStatus) -> Option<(McResult, McResult)> {
    let (a, b) = (pinned.mc.result()?, mc.result()?);
    let a_key = (pinned.scenario.scenario.simulation.seed, a.outcome.runs());
    let b_key = (scenario.simulation.seed, b.outcome.runs());
    (a_key == b_key).then(|| (a.clone(), b.clone()))
}

/// A scenario's name for people, quoted; `None` if it has none.
fn name_of(scenario: &Scenario) -> Option<String> {
    let name = scenario.name.trim();
    (!name.is_empty()).then(|| format!("“{name}”"))
}

/// Why the Monte Carlo columns are missing, or what the values are.
fn notes(pinned: &Pinned, b: &Scenario, b_mc: &McStatus, paired: bool) -> Vec<String> {
    let a = &pinned.scenario.scenario;
    let running = |mc: &McStatus| matches!(mc, McStatus::Running { .. });
    let mut out = Vec::new();
    if running(&pinned.mc) || running(b_mc) {
        out.push("Monte Carlo runs are still going: expected values are shown until they finish.".to_string());
    }
    if paired {
        out.push(format!(
            "Means of {} Monte Carlo runs each. A and B use the same seed, so run i of A and run i of B share \
             their random numbers: “B beats A in” counts those paired runs, and a difference is “clear” when \
             its mean is more than {} standard errors from zero.",
            format::grouped(a.simulation.runs as f64),
            compare::NOISE_SE
        ));
    } else if let (Some(_), Some(_)) = (pinned.mc.result(), b_mc.result()) {
        out.push(format!(
            "“B beats A” needs A and B simulated with the same seed and number of runs (A: seed {}, {} runs; \
             B: seed {}, {} runs).",
            a.simulation.seed, a.simulation.runs, b.simulation.seed, b.simulation.runs
        ));
    } else if a.simulation.mode != b.simulation.mode && !running(&pinned.mc) && !running(b_mc) {
        out.push("A and B use different modes (expected vs Monte Carlo means): switch both to the same mode to compare like with like.".to_string());
    }
    out
}

/// Props of [`CompareTable`].
#[derive(Properties, PartialEq)]
struct CompareTableProps {
    a: Rc<Derived>,
    b: Rc<Derived>,
    /// Paired statistics per [`HEADLINE`] KPI (Monte Carlo, same seed and runs).
    paired: Option<Rc<Vec<Option<Paired>>>>,
}

/// One row per headline KPI: A, B, B − A (and the paired columns).
#[component]
fn CompareTable(props: &CompareTableProps) -> Html {
    let paired = props.paired.as_ref();
    html! {
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby="compare-caption">
            <table id="compare-table">
                <caption id="compare-caption">{ "Key results of A (pinned) and B (current), and the difference B − A" }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "KPI" }</th>
                        <th scope="col">{ "A" }</th>
                        <th scope="col">{ "B" }</th>
                        <th scope="col">{ "B − A" }</th>
                        if paired.is_some() {
                            <th scope="col">{ "B beats A in" }</th>
                            <th scope="col">{ "Difference vs noise" }</th>
                        }
                    </tr>
                </thead>
                <tbody>
                    { for HEADLINE.iter().enumerate().map(|(i, &kpi)| {
                        let stats = paired.map(|p| p.get(i).copied().flatten());
                        row(kpi, &props.a, &props.b, stats)
                    }) }
                </tbody>
            </table>
        </div>
    }
}

fn spec(kpi: Kpi) -> Option<&'static KpiSpec> {
    KPIS.iter().find(|s| s.kpi == kpi)
}

fn value(d: &Derived, kpi: Kpi) -> Option<f64> {
    d.kpis.iter().find(|k| k.kpi == kpi).and_then(|k| k.value)
}

/// A signed difference in the KPI's own format; ROI (a share) in percentage points.
fn signed(kpi: Kpi, d: f64, fmt: fn(f64) -> String) -> String {
    let text = if kpi == Kpi::Roi { format::percent(d).replace(" %", " pp") } else { fmt(d) };
    if d > 0.0 { format!("+{text}") } else { text }
}

/// One table row; `stats` is `Some` when the paired columns are shown.
fn row(kpi: Kpi, a: &Derived, b: &Derived, stats: Option<Option<Paired>>) -> Html {
    let Some(spec) = spec(kpi) else { return Html::default() };
    let fmt = spec.format;
    let (va, vb) = (value(a, kpi), value(b, kpi));
    let diff = compare::difference(va, vb);
    let favours = diff.and_then(|d| Better::of(kpi).favours(d));
    let (better, why) = match favours {
        Some(Side::B) => (Some("b"), " (B better)"),
        Some(Side::A) => (Some("a"), " (A better)"),
        None if diff.is_some() => (Some("same"), ""),
        None => (None, ""),
    };
    let raw = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
    html! {
        <tr data-compare-kpi={kpi.name()} title={spec.help}>
            <th scope="row">{ spec.label }</th>
            <td data-col="a" data-value={raw(va)}>{ format::or_none(va, fmt) }</td>
            <td data-col="b" data-value={raw(vb)}>{ format::or_none(vb, fmt) }</td>
            <td data-col="diff" data-value={raw(diff)} data-better={better}>
                { diff.map_or_else(|| "—".to_string(), |d| signed(kpi, d, fmt)) }
                if !why.is_empty() { <span class="visually-hidden">{ why }</span> }
            </td>
            if let Some(stats) = stats {
                { paired_cells(kpi, stats, fmt) }
            }
        </tr>
    }
}

/// "B beats A in" and "Difference vs noise" for one KPI.
fn paired_cells(kpi: Kpi, stats: Option<Paired>, fmt: fn(f64) -> String) -> Html {
    let Some(p) = stats else {
        return html! { <><td data-col="beats">{ "—" }</td><td data-col="noise">{ "—" }</td></> };
    };
    let ties = p.tie_share();
    let beats = if ties > 0.0 {
        format!("{} ({} tied)", format::percent(p.b_better_share()), format::percent(ties))
    } else {
        format::percent(p.b_better_share())
    };
    let se = p.se.map_or_else(|| "—".to_string(), |se| signed(kpi, se, fmt).trim_start_matches('+').to_string());
    let detail = format!(
        "Mean difference {} ± {} (standard error) over {} paired runs",
        signed(kpi, p.mean, fmt),
        se,
        format::grouped(p.pairs as f64)
    );
    html! {
        <>
            <td data-col="beats" data-value={p.b_better_share().to_string()}>{ beats }</td>
            <td data-col="noise" data-verdict={p.verdict.name()} title={detail}>{ p.verdict.label() }</td>
        </>
    }
}
