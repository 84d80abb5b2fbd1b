//! The weekly results as a table screen readers can use in place of the
//! charts, inside a `<details>`. Its rows are only built while it is open:
//! a few hundred cells re-rendered on every slider move would cost time
//! nobody sees.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::prelude::*;

use super::outcomes::{Derived, TABLE};
use funnel_engine::Metric;
use funnel_engine::format;

/// Props of [`ResultsTable`].
#[derive(Properties, PartialEq)]
pub struct ResultsTableProps {
    /// The results to show.
    pub derived: Rc<Derived>,
}

/// Weekly totals: week, funnel stages, backlog, cold leads, revenue, cost.
#[component]
pub fn ResultsTable(props: &ResultsTableProps) -> Html {
    let open = use_state_eq(|| false);
    let on_toggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            let is_open =
                e.target().and_then(|t| t.dyn_into::<Element>().ok()).is_some_and(|d| d.has_attribute("open"));
            open.set(is_open);
        })
    };
    let d = &props.derived;
    let what = if d.monte_carlo { "means over the Monte Carlo runs" } else { "expected values" };
    html! {
        <details class="results-table" ontoggle={on_toggle}>
            <summary>{ "Weekly results as a table" }</summary>
            if *open {
                <div class="table-scroll" tabindex="0" role="region" aria-labelledby="results-caption">
                    <table>
                        <caption id="results-caption">{ format!("Weekly totals, {what}") }</caption>
                        <thead>
                            <tr>
                                <th scope="col">{ "Week" }</th>
                                { for TABLE.iter().map(|(h, _)| html! { <th scope="col">{ *h }</th> }) }
                            </tr>
                        </thead>
                        <tbody>
                            { for d.table.iter().enumerate().map(|(w, row)| html! {
                                <tr>
                                    <th scope="row">{ w + 1 }</th>
                                    { for row.iter().zip(TABLE).map(|(v, (_, m))| html! { <td>{ cell(*v, m) }</td> }) }
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            }
        </details>
    }
}

fn cell(v: f64, metric: Metric) -> String {
    match metric {
        Metric::Revenue | Metric::Cost => format::money(v),
        _ => format::count(v),
    }
}
