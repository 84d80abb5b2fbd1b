//! The KPI panel: each horizon KPI with a human label, its value in an
//! element with `data-kpi="<engine name>"` (text = the formatted number
//! only, `data-value` = the raw number) and, in Monte Carlo mode, the
//! P10–P90 range beside it.

use std::rc::Rc;

use yew::prelude::*;

use super::outcomes::{Derived, KPIS};
use crate::format;

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
    let basis = if d.monte_carlo {
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
                { for d.kpis.iter().zip(KPIS).map(|(k, spec)| {
                    let (label, fmt, help) = (spec.label, spec.format, spec.help);
                    let name = k.kpi.name();
                    let text = format::or_none(k.value, fmt);
                    let raw = k.value.map(|v| v.to_string()).unwrap_or_default();
                    html! {
                        <div class="kpi" title={help}>
                            <dt>{ label }</dt>
                            <dd>
                                <span class="kpi-value" data-kpi={name} data-value={raw}>{ text }</span>
                                if let Some((lo, hi)) = k.range {
                                    <span class="kpi-range">{ format!("P10–P90: {} – {}", fmt(lo), fmt(hi)) }</span>
                                }
                            </dd>
                        </div>
                    }
                }) }
            </dl>
        </section>
    }
}
