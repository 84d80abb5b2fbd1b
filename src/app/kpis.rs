//! The KPI panel: each horizon KPI with a human label, its value in an
//! element with `data-kpi="<engine name>"` (text = the formatted number
//! only, `data-value` = the raw number) and, in Monte Carlo mode, the
//! P10–P90 range beside it. Cards are grouped by the team judged by them
//! ([`kpi_team`]): each card carries its team's colour and a thin label,
//! shown on the first card of a group. The label opens the KPI's glossary
//! term inline. [`kpi_card`] is that card alone, which the embeddable
//! widget shows too.

use std::rc::Rc;

use yew::prelude::*;

use super::learn::glossary::Term;
use super::outcomes::QuotaShown;
use super::outcomes::{Derived, KPIS, KpiSpec};
use funnel_engine::format;
use funnel_engine::learn::{Team, kpi_team, term_for_kpi};
use funnel_engine::plan::QuotaUnit;

/// The order of the KPI groups: the whole business first, then the funnel.
const GROUPS: [Team; 6] =
    [Team::Leadership, Team::Marketing, Team::Sales, Team::CustomerSuccess, Team::Market, Team::Simulation];

/// Props of [`KpiPanel`].
#[derive(Properties, PartialEq)]
pub struct KpiPanelProps {
    /// The results to show.
    pub derived: Rc<Derived>,
    /// Monte Carlo is still running: the values are the expected run's.
    pub pending: bool,
}

/// The grid of KPI cards.
#[component]
pub fn KpiPanel(props: &KpiPanelProps) -> Html {
    let d = &props.derived;
    let basis = if d.monte_carlo && props.pending {
        format!(
            "Mean of the {} Monte Carlo runs finished so far, with the range of the middle 80 % (P10–P90); the rest are still running.",
            format::grouped(d.runs as f64)
        )
    } else if d.monte_carlo {
        format!(
            "Mean of {} Monte Carlo runs, with the range of the middle 80 % (P10–P90).",
            format::grouped(d.runs as f64)
        )
    } else if props.pending {
        "Expected values; Monte Carlo ranges follow when the runs finish.".to_string()
    } else {
        "Expected values over the horizon.".to_string()
    };
    html! {
        <section class="kpis" aria-labelledby="kpis-title">
            <h2 id="kpis-title">{ "Key results" }</h2>
            <p class="note">{ basis }</p>
            <dl class="kpi-grid">
                { for GROUPS.iter().flat_map(|team| {
                    d.kpis.iter().zip(&KPIS).filter(move |(_, spec)| kpi_team(spec.kpi) == *team).enumerate()
                        .map(|(i, (k, spec))| kpi_card(spec, k.value, k.range, i == 0))
                }) }
                if let Some(q) = d.plan.as_ref().and_then(|p| p.quota.as_ref()) {
                    { quota_card(q) }
                }
            </dl>
            if let Some(q) = d.plan.as_ref().and_then(|p| p.quota.as_ref()) {
                <p class="note quota-kpis" id="quota-quarters">{ quota_text(q) }</p>
            }
        </section>
    }
}

/// The sales team's own scorecard: quota attainment over the horizon.
fn quota_card(q: &QuotaShown) -> Html {
    let raw = q.attainment.map(|v| v.to_string()).unwrap_or_default();
    let what = match q.unit {
        QuotaUnit::Deals => "Won deals ÷ the team's quota (reps on board × quota per quarter)",
        QuotaUnit::Revenue => "Revenue from won deals ÷ the team's quota (reps on board × quota per quarter)",
    };
    html! {
        <div class="kpi team-sales team-first" title={what}>
            <dt>
                { "Quota attainment" }
                <span class="kpi-team"><span class="visually-hidden">{ ", judged: " }</span>{ "Sales" }</span>
            </dt>
            <dd>
                <span class="kpi-value" data-kpi="quota_attainment" data-value={raw}>{ format::or_none(q.attainment, format::percent) }</span>
                if let Some((lo, hi)) = q.range {
                    <span class="kpi-range">{ format!("P10–P90: {} – {}", format::percent(lo), format::percent(hi)) }</span>
                }
            </dd>
        </div>
    }
}

/// Attainment quarter by quarter, and how often the team made it.
fn quota_text(q: &QuotaShown) -> String {
    let quarters: Vec<String> = q
        .quarters
        .iter()
        .enumerate()
        .map(|(i, v)| format!("Q{} {}", i + 1, format::or_none(*v, format::percent)))
        .collect();
    let mut text = format!("Quota attainment by quarter (13 weeks): {}.", quarters.join(", "));
    if let Some(share) = q.on_target {
        text.push_str(&format!(" The team reached its quota in {} of the runs.", format::percent(share)));
    }
    text
}

/// One KPI card (for a `<dl>`): its label, its `value` (`None` shows "—")
/// in the `data-kpi` element, the P10–P90 `range` when there is one, and
/// the team judged by it (its label shown when `first` of its group).
pub fn kpi_card(spec: &KpiSpec, value: Option<f64>, range: Option<(f64, f64)>, first: bool) -> Html {
    let team = kpi_team(spec.kpi);
    let fmt = spec.format;
    let text = format::or_none(value, fmt);
    let raw = value.map(|v| v.to_string()).unwrap_or_default();
    html! {
        <div class={classes!("kpi", format!("team-{}", team.id()), first.then_some("team-first"))} title={spec.help}>
            <dt>
                if let Some(term) = term_for_kpi(spec.kpi) {
                    <Term id={term.id} label={AttrValue::from(spec.label)} />
                } else {
                    { spec.label }
                }
                <span class="kpi-team"><span class="visually-hidden">{ ", judged: " }</span>{ team.label() }</span>
            </dt>
            <dd>
                <span class="kpi-value" data-kpi={spec.kpi.name()} data-value={raw}>{ text }</span>
                if let Some((lo, hi)) = range {
                    <span class="kpi-range">{ format!("P10–P90: {} – {}", fmt(lo), fmt(hi)) }</span>
                }
            </dd>
        </div>
    }
}
