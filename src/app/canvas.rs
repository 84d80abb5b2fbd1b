//! `ChartCanvas`: the one component that owns a `<canvas>`. It sizes the
//! canvas's pixel buffer from its CSS size × devicePixelRatio (sharp on
//! high-DPI screens), follows its container's size, and redraws with the
//! chart functions of [`crate::charts`] whenever the data, size or colour
//! scheme changes (one task per canvas, so redraws never pile up into a
//! long task).

use std::rc::Rc;

use web_sys::HtmlCanvasElement;
use yew::prelude::*;

use super::browser::{Size, Timeout, use_element_size};
use crate::charts::card::{self, CardData};
use crate::charts::channels::{self, ChannelData};
use crate::charts::funnel::{self, FunnelData};
use crate::charts::histogram::{self, HistogramData};
use crate::charts::response::{self, ResponseData};
use crate::charts::timeseries::{self, TimeSeriesData};
use crate::charts::tornado::{self, TornadoData};
use crate::charts::{ChartError, ChartStyle};

/// The data of one chart, of any kind.
#[derive(Clone, Debug, PartialEq)]
pub enum Chart {
    /// The funnel.
    Funnel(FunnelData),
    /// A weekly time series.
    TimeSeries(TimeSeriesData),
    /// Per-channel results.
    Channels(ChannelData),
    /// Response curves.
    Response(ResponseData),
    /// A Monte Carlo histogram.
    Histogram(HistogramData),
    /// A sensitivity tornado.
    Tornado(TornadoData),
    /// A learner's result card.
    Card(CardData),
}

impl Chart {
    /// Draws on a canvas whose pixel size is already set.
    pub fn draw(&self, canvas: &HtmlCanvasElement, style: &ChartStyle) -> Result<(), ChartError> {
        match self {
            Chart::Funnel(d) => funnel::draw(canvas, d, style),
            Chart::TimeSeries(d) => timeseries::draw(canvas, d, style),
            Chart::Channels(d) => channels::draw(canvas, d, style),
            Chart::Response(d) => response::draw(canvas, d, style),
            Chart::Tornado(d) => tornado::draw(canvas, d, style),
            Chart::Histogram(d) => histogram::draw(canvas, d, style),
            Chart::Card(d) => card::draw(canvas, d, style),
        }
    }
}

/// Props of [`ChartCanvas`].
#[derive(Properties, PartialEq)]
pub struct ChartCanvasProps {
    /// What to draw.
    pub chart: Rc<Chart>,
    /// The chart's name for tests and styles (`data-chart`).
    pub name: AttrValue,
    /// What the chart shows, for screen readers (`aria-label`).
    pub label: AttrValue,
    /// Dark colour scheme.
    pub dark: bool,
    /// Extra classes of the figure (its CSS decides the height).
    #[prop_or_default]
    pub class: Classes,
    /// A CSS height in pixels for charts whose height follows their data
    /// (one row per channel); otherwise the stylesheet decides.
    #[prop_or_default]
    pub height: Option<u32>,
    /// Show a small "PNG" button that downloads the chart as an image.
    #[prop_or(true)]
    pub downloadable: bool,
}

/// How a chart is called in its download button ("new customers", "ROI histogram").
fn spoken_name(name: &str) -> String {
    let words = name.replace('-', " ");
    match words.strip_prefix("hist ") {
        Some(rest) => format!("{} histogram", rest.replace("roi", "ROI")),
        None => words,
    }
}

/// A `<figure data-chart=…>` holding a canvas drawn by a chart function.
#[component]
pub fn ChartCanvas(props: &ChartCanvasProps) -> Html {
    let canvas = use_node_ref();
    let size = use_element_size(canvas.clone());
    {
        let canvas = canvas.clone();
        use_effect_with((props.chart.clone(), size, props.dark), move |(chart, size, dark)| {
            // Each canvas draws in a task of its own, right after the render:
            // a render that changes every chart (switching to Monte Carlo, a
            // finished run) never adds up to one long task, and a newer
            // render cancels a draw that has not happened yet.
            let (chart, size, dark) = (chart.clone(), *size, *dark);
            let pending = Timeout::new(0, move || {
                if let Some(canvas) = canvas.cast::<HtmlCanvasElement>() {
                    draw(&canvas, &chart, size, dark);
                }
            });
            move || drop(pending)
        });
    }
    let on_png = {
        let (canvas, name) = (canvas.clone(), props.name.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(canvas) = canvas.cast::<HtmlCanvasElement>() else { return };
            if let Err(e) = super::downloads::download_canvas_png(&canvas, &format!("funnel-lab-{name}.png")) {
                web_sys::console::warn_1(&format!("chart could not be downloaded: {e}").into());
            }
        })
    };
    let png_label = format!("Download {} chart as PNG", spoken_name(&props.name));
    html! {
        <figure class={classes!("chart", props.class.clone())} data-chart={props.name.clone()}>
            <canvas ref={canvas} role="img" aria-label={props.label.clone()}
                style={props.height.map(|h| format!("height:{h}px"))}></canvas>
            if props.downloadable {
                <button type="button" class="png-button" aria-label={png_label.clone()} title={png_label}
                    onclick={on_png}>{ "PNG" }</button>
            }
        </figure>
    }
}

/// Sizes the pixel buffer and draws; a chart that cannot draw says why in
/// the console (an empty chart already shows "No data" on the canvas).
fn draw(canvas: &HtmlCanvasElement, chart: &Chart, size: Size, dark: bool) {
    if size.width == 0 || size.height == 0 {
        return; // Not laid out (e.g. inside a closed <details>): drawn when it appears.
    }
    let width = (f64::from(size.width) * size.ratio).round() as u32;
    let height = (f64::from(size.height) * size.ratio).round() as u32;
    if canvas.width() != width {
        canvas.set_width(width);
    }
    if canvas.height() != height {
        canvas.set_height(height);
    }
    match chart.draw(canvas, &ChartStyle { dark, pixel_ratio: size.ratio }) {
        Ok(()) | Err(ChartError::NoData | ChartError::TooSmall { .. }) => {}
        Err(e) => web_sys::console::warn_1(&format!("chart could not be drawn: {e}").into()),
    }
    announce_first_chart();
}

/// The event the page gets once, when its first chart is on screen. The
/// release build's loader (scripts/split-wasm.mjs) then fetches the part
/// of the app's code that the first chart did not need.
pub const FIRST_CHART_EVENT: &str = "funnel-lab-first-chart";

fn announce_first_chart() {
    thread_local! {
        static ANNOUNCED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    if ANNOUNCED.replace(true) {
        return;
    }
    if let (Some(window), Ok(event)) = (web_sys::window(), web_sys::Event::new(FIRST_CHART_EVENT)) {
        let _ = window.dispatch_event(&event);
    }
}
