//! A proposed plan beside the current one: weekly new customers of both
//! (the current plan dashed), every headline KPI before → after, and the
//! channels' response curves with the proposed spend and the range its
//! bounds allow. Both plans are shown in expected mode, as the tools
//! search it.

use std::rc::Rc;

use yew::prelude::*;

use super::change;
use crate::app::canvas::{Chart, ChartCanvas};
use crate::app::compare::overlay_named;
use crate::app::outcomes::{Derived, KPIS, TimeChart};
use crate::charts::response::ResponseData;
use funnel_engine::scenario::Mode;
use funnel_engine::{Scenario, format, response};

/// Props of [`PlanCompare`].
#[derive(Properties, PartialEq)]
pub struct PlanCompareProps {
    /// Prefix of element ids (`optimise`, `goal`).
    pub id: AttrValue,
    /// The plan as it is.
    pub now: Rc<Scenario>,
    /// The proposed plan.
    pub plan: Rc<Scenario>,
    /// Per channel: the spend per week its bounds allow (`None`: not shown).
    #[prop_or_default]
    pub feasible: Option<Rc<Vec<(f64, f64)>>>,
    /// Dark colour scheme.
    pub dark: bool,
}

/// The scenario in expected mode, and what the charts show of it.
fn expected(s: &Scenario) -> Rc<Derived> {
    let mut s = s.clone();
    s.simulation.mode = Mode::Expected;
    Rc::new(Derived::new(&s.into(), None))
}

/// Charts and the KPI table of a proposal.
#[component]
pub fn PlanCompare(props: &PlanCompareProps) -> Html {
    let now = use_memo(props.now.clone(), |s| expected(s));
    let plan = use_memo(props.plan.clone(), |s| expected(s));
    let weeks = plan.weeks;
    let weekly = use_memo((now.clone(), plan.clone()), move |(n, p)| {
        Chart::TimeSeries(overlay_named(p, Some(n), TimeChart::NewCustomers, weeks, ("now", "plan")))
    });
    let curves = use_memo((plan.clone(), props.plan.clone(), props.feasible.clone()), |(d, s, feasible)| {
        let mut data: ResponseData = d.response.clone();
        for (c, curve) in data.curves.iter_mut().enumerate() {
            let spend = s.budget.per_week * s.channels.get(c).map_or(0.0, |ch| ch.share);
            curve.proposed = Some((spend, response::new_aware_at(s, c, spend)));
            curve.feasible = feasible.as_ref().and_then(|f| f.get(c).copied());
        }
        Chart::Response(data)
    });
    let id = &props.id;
    html! {
        <div class="plan-compare">
            <div class="table-scroll">
            <table class="plan-kpis" id={format!("{id}-kpis")}>
                <caption>{ "Every headline KPI, now → with the plan (expected mode)" }</caption>
                <thead><tr><th scope="col">{ "KPI" }</th><th scope="col">{ "Now" }</th><th scope="col">{ "Plan" }</th><th scope="col">{ "Change" }</th></tr></thead>
                <tbody>
                    { for KPIS.iter().zip(now.kpis.iter().zip(&plan.kpis)).map(|(spec, (b, a))| html! {
                        <tr data-kpi-row={spec.kpi.name()}>
                            <th scope="row">{ spec.label }</th>
                            <td data-col="now">{ format::or_none(b.value, spec.format) }</td>
                            <td data-col="plan">{ format::or_none(a.value, spec.format) }</td>
                            <td data-col="change">{ change(b.value, a.value) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            </div>
            <div class="chart-grid">
                <ChartCanvas chart={weekly} name={format!("{id}-weekly")} dark={props.dark}
                    label={format!("Line chart: new customers per week over {weeks} weeks, the current plan dashed and the proposed plan solid")} />
                <ChartCanvas chart={curves} name={format!("{id}-response")} class="tall" dark={props.dark}
                    label="Response curves per channel: weekly spend against new aware people per week, the current spend as a dot, the proposed spend as a ring, and the spend range the bounds allow as a thick stretch" />
            </div>
        </div>
    }
}
