//! The embeddable widget: the page opened with `?embed` (see
//! [`super::embed_params`] for the query) renders [`Embed`] instead of the
//! full app: the scenario from the address fragment (`#s=…`, read with
//! [`funnel_engine::link`]), the chosen controls, the headline KPIs, one or two
//! charts and an "Open in Funnel Lab" link to the full app with the same
//! (edited) scenario. It works from 320 px wide, and tells the page that
//! frames it its content height (`postMessage` of
//! `{type: "funnel-lab:height", height}`) whenever that changes, so a blog
//! can size the frame. It keeps nothing in storage: a reader playing with a
//! widget must not overwrite their own autosaved scenario.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;
use wasm_bindgen::closure::Closure;
use web_sys::{Element, ResizeObserver};
use yew::prelude::*;

use super::browser::use_prefers_dark;
use super::canvas::{Chart, ChartCanvas};
use super::controls::number_field;
use super::embed_params::{EmbedChart, EmbedParams, query_value};
use super::kpis::kpi_card;
use super::learn::lesson::LessonView;
use super::learn::state::{Opened, use_learn};
use super::monte_carlo::McStatus;
use super::outcomes::{Derived, KPIS, TimeChart};
use super::results::{channel_rows_height, use_derived};
use super::state::AppState;
use super::use_simulator;
use crate::charts::timeseries::TimeSeriesData;
use funnel_engine::Kpi;
use funnel_engine::learn::{self, play::LESSON_KEY};
use funnel_engine::plan::PlannedScenario;
use funnel_engine::presets;
use funnel_engine::{format, link};

/// The `type` of the height message sent to the parent page.
pub const HEIGHT_MESSAGE: &str = "funnel-lab:height";

/// The KPIs the widget shows (a compact subset of the headline KPIs).
const EMBED_KPIS: [Kpi; 6] = [Kpi::NewCustomers, Kpi::Revenue, Kpi::Cost, Kpi::Cac, Kpi::Roi, Kpi::PaybackWeek];

/// Whether this page was opened as the widget (`?embed` in the query).
pub fn requested() -> bool {
    web_sys::window().and_then(|w| w.location().search().ok()).is_some_and(|q| EmbedParams::requested(&q))
}

/// The widget for the current address: reads the query and fragment once.
/// `?embed&lesson=ID` shows that lesson ([`EmbedLesson`]) instead; an
/// unknown id shows a notice above the normal widget.
#[component]
pub fn Embed() -> Html {
    let asked = use_memo((), |_| {
        let query = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
        query_value(&query, LESSON_KEY).map(|id| learn::lesson(id.trim()).map(|l| l.id).ok_or(id))
    });
    match (*asked).clone() {
        Some(Ok(id)) => html! { <EmbedLesson {id} /> },
        Some(Err(id)) => {
            let notice = format!(
                "There is no lesson called “{id}” (the link may be old or mistyped): showing the simulator instead."
            );
            html! { <EmbedScenario notice={AttrValue::from(notice)} /> }
        }
        None => html! { <EmbedScenario /> },
    }
}

/// Props of [`EmbedScenario`].
#[derive(Properties, PartialEq)]
struct EmbedScenarioProps {
    /// A notice to show above the widget.
    #[prop_or_default]
    notice: Option<AttrValue>,
}

/// The normal widget for the address's scenario.
#[component]
fn EmbedScenario(props: &EmbedScenarioProps) -> Html {
    let notice = props.notice.clone();
    let setup = use_memo((), |_| {
        let location = web_sys::window().map(|w| w.location());
        let read = |f: fn(&web_sys::Location) -> Result<String, JsValue>| {
            location.as_ref().and_then(|l| f(l).ok()).unwrap_or_default()
        };
        let (query, hash) = (read(web_sys::Location::search), read(web_sys::Location::hash));
        let (scenario, link_problem) = match link::from_fragment(&hash) {
            None => (presets::default_scenario().into(), None),
            Some(Ok(scenario)) => (scenario, None),
            Some(Err(e)) => (
                presets::default_scenario().into(),
                Some(AttrValue::from(format!("The link could not be opened: {e}. Showing the default scenario."))),
            ),
        };
        let problem = match (notice, link_problem) {
            (Some(a), Some(b)) => Some(AttrValue::from(format!("{a} {b}"))),
            (a, b) => a.or(b),
        };
        let params = Rc::new(EmbedParams::parse(&query, &scenario.scenario));
        let app_url =
            AttrValue::from(format!("{}{}", read(web_sys::Location::origin), read(web_sys::Location::pathname)));
        EmbedViewProps { scenario: Rc::new(scenario), params, problem, app_url }
    });
    let props = (*setup).clone();
    html! { <EmbedView ..props /> }
}

/// Props of [`EmbedLesson`].
#[derive(Properties, PartialEq)]
pub struct EmbedLessonProps {
    /// The lesson's id (one that exists).
    pub id: &'static str,
}

/// One lesson as a widget (`?embed&lesson=ID`): its idea, prediction,
/// challenge with the dials and live goal, debrief and result card, with
/// its own simulator (nothing kept in storage) and the height messages.
#[component]
pub fn EmbedLesson(props: &EmbedLessonProps) -> Html {
    let id = props.id;
    let dark = use_prefers_dark();
    let (state, on_action) = use_simulator(move || {
        AppState::new(learn::lesson(id).map_or_else(presets::default_scenario, learn::Lesson::start).into())
    });
    let lesson_state = use_learn(Some(Opened::Lesson(id)), false);
    let root = use_node_ref();
    use_post_height(root.clone());
    let href = {
        let location = web_sys::window().map(|w| w.location());
        let base = location
            .map(|l| format!("{}{}", l.origin().unwrap_or_default(), l.pathname().unwrap_or_default()))
            .unwrap_or_default();
        format!("{base}?{LESSON_KEY}={id}")
    };
    html! {
        <main id="embed" class="embed embed-lesson" ref={root}>
            <LessonView {id} learn={lesson_state} state={state} {on_action} {dark} />
            <p class="embed-link">
                <a id="embed-full" href={href} target="_blank" rel="noopener">{ "Open in Funnel Lab ↗" }</a>
            </p>
        </main>
    }
}

/// Props of [`EmbedView`].
#[derive(Properties, PartialEq, Clone)]
pub struct EmbedViewProps {
    /// The scenario (and plan) to start from.
    pub scenario: Rc<PlannedScenario>,
    /// Which controls and charts.
    pub params: Rc<EmbedParams>,
    /// Why the link's scenario could not be used, if it could not.
    #[prop_or_default]
    pub problem: Option<AttrValue>,
    /// The full app's address without query or fragment.
    pub app_url: AttrValue,
}

/// The widget itself (the test suite mounts it directly).
#[component]
pub fn EmbedView(props: &EmbedViewProps) -> Html {
    let dark = use_prefers_dark();
    let (state, on_action) = use_simulator({
        let scenario = props.scenario.clone();
        move || AppState::new((*scenario).clone())
    });
    let derived = use_derived(&state);
    let week = state.week;
    let charts = use_memo((derived.clone(), week, props.params.charts.clone()), |(d, week, charts)| {
        charts.iter().map(|c| Rc::new(chart_data(*c, d, *week))).collect::<Vec<_>>()
    });
    let root = use_node_ref();
    use_post_height(root.clone());

    let s = &state.scenario;
    let href = format!("{}{}", props.app_url, link::fragment(&state.planned()).unwrap_or_default());
    let title = if s.name.trim().is_empty() { "Funnel Lab".to_string() } else { s.name.trim().to_string() };
    let snapshot = (*state).clone();
    html! {
        <main id="embed" class="embed" ref={root}>
            if let Some(problem) = props.problem.clone() {
                <p class="notice" role="alert">{ problem }</p>
            }
            <h1 class="embed-title">{ title }</h1>
            if !props.params.controls.is_empty() {
                <section class="embed-controls" aria-label="Assumptions">
                    { for props.params.controls.iter().map(|f| number_field(&snapshot, *f, &on_action)) }
                </section>
            }
            if let McStatus::Running { done, total } = state.mc {
                <p class="note" role="status" data-mc-status="running">
                    { format!("Monte Carlo: {} of {} runs…", format::grouped(done as f64), format::grouped(total as f64)) }
                </p>
            }
            <dl class="kpi-grid embed-kpis" aria-label="Key results">
                { for EMBED_KPIS.iter().filter_map(|kpi| KPIS.iter().find(|s| s.kpi == *kpi)).map(|spec| {
                    // No ranges: the widget keeps its cards compact.
                    let value = derived.kpis.iter().find(|k| k.kpi == spec.kpi).and_then(|k| k.value);
                    kpi_card(spec, value, None, false)
                }) }
            </dl>
            { for props.params.charts.iter().zip(charts.iter()).map(|(c, data)| {
                let height = (*c == EmbedChart::Channels).then(|| channel_rows_height(derived.channels.channels.len()));
                let class = if *c == EmbedChart::Funnel { "tall" } else { "" };
                html! {
                    <ChartCanvas chart={data.clone()} name={c.name()} {height} class={class} {dark} downloadable=false
                        label={chart_label(*c, derived.weeks)} />
                }
            }) }
            if !props.params.ignored.is_empty() {
                <p class="note embed-ignored">{ format!("Left out (not understood): {}.", props.params.ignored.join(", ")) }</p>
            }
            <p class="embed-link">
                <a id="embed-full" href={href} target="_blank" rel="noopener">{ "Open in Funnel Lab ↗" }</a>
            </p>
        </main>
    }
}

/// The data of one chart of the widget, at `week` (the end of the horizon).
fn chart_data(chart: EmbedChart, d: &Derived, week: usize) -> Chart {
    // No week marker: the widget has no scrubber, so it would only mark the end.
    let weekly = |c: TimeChart| Chart::TimeSeries(TimeSeriesData { marker_week: None, ..d.timeseries(c, week) });
    match chart {
        EmbedChart::Funnel => Chart::Funnel(d.funnel(week)),
        EmbedChart::NewCustomers => weekly(TimeChart::NewCustomers),
        EmbedChart::RevenueCost => weekly(TimeChart::RevenueCost),
        EmbedChart::Backlog => weekly(TimeChart::Backlog),
        EmbedChart::Channels => Chart::Channels(d.channels.clone()),
        EmbedChart::Response => Chart::Response(d.response.clone()),
    }
}

/// What a chart shows, for screen readers.
fn chart_label(chart: EmbedChart, weeks: usize) -> String {
    match chart {
        EmbedChart::Funnel => {
            format!("Funnel: people at each stage over {weeks} weeks, with stage-to-stage conversion rates")
        }
        EmbedChart::NewCustomers => format!("Line chart: new customers per week over {weeks} weeks"),
        EmbedChart::RevenueCost => format!("Line chart: revenue and cost per week over {weeks} weeks"),
        EmbedChart::Backlog => "Line chart: leads waiting for sales and leads gone cold per week".to_string(),
        EmbedChart::Channels => "Bar chart per channel: spend, leads, new customers, with CAC and ROI".to_string(),
        EmbedChart::Response => {
            "Response curves: weekly spend against new aware people per week for each channel".to_string()
        }
    }
}

/// The height to report: the root's rendered height, whole pixels up.
fn content_height(element: &Element) -> i32 {
    element.get_bounding_client_rect().height().ceil() as i32
}

/// Posts `{type: "funnel-lab:height", height}` to `parent`.
fn post_height(parent: &web_sys::Window, height: i32) {
    let message = js_sys::Object::new();
    let set = |key: &str, value: JsValue| js_sys::Reflect::set(&message, &JsValue::from_str(key), &value).is_ok();
    if set("type", JsValue::from_str(HEIGHT_MESSAGE)) && set("height", JsValue::from(height)) {
        // "*": the widget holds nothing secret, and any blog may frame it.
        let _ = parent.post_message(&message, "*");
    }
}

/// Tells the framing page the height of the element behind `node` whenever
/// it changes (a `ResizeObserver`, disconnected on teardown). Nothing is
/// sent when the page is not framed (`window.parent === window`).
#[hook]
pub fn use_post_height(node: NodeRef) {
    use_effect_with(node, |node| {
        let window = web_sys::window();
        let parent = window.as_ref().and_then(|w| {
            let parent = w.parent().ok().flatten()?;
            (!js_sys::Object::is(&parent, w)).then_some(parent)
        });
        let observer = node.cast::<Element>().zip(parent).and_then(|(element, parent)| {
            let last = Rc::new(Cell::new(-1));
            let watched = element.clone();
            let callback = Closure::<dyn FnMut()>::new(move || {
                let height = content_height(&watched);
                if height != last.get() {
                    last.set(height);
                    post_height(&parent, height);
                }
            });
            // The observer reports the first size as soon as it observes.
            let observer = ResizeObserver::new(callback.as_ref().unchecked_ref()).ok()?;
            observer.observe(&element);
            Some((observer, callback))
        });
        move || {
            if let Some((observer, _callback)) = observer {
                observer.disconnect();
            }
        }
    });
}
