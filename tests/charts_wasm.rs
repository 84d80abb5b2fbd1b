//! In-browser tests of the chart functions: each draws on a real canvas in
//! headless Chromium with data from the engine, and the tests read the
//! pixels back (`getImageData`) to check what was drawn.
#![cfg(target_arch = "wasm32")]

use std::collections::HashSet;

use funnel_engine::simulate::{self, McOutcome, Outcome};
use funnel_engine::stats::Histogram;
use funnel_engine::{Kpi, Metric, Scenario, SourceKpi, response as engine_response};
use funnel_lab::charts::channels::{ChannelData, ChannelStat};
use funnel_lab::charts::funnel::{FunnelData, FunnelStage};
use funnel_lab::charts::histogram::HistogramData;
use funnel_lab::charts::response::{ResponseCurve, ResponseData};
use funnel_lab::charts::timeseries::{Series, TimeSeriesData};
use funnel_lab::charts::tornado::{self, TornadoBar, TornadoData};
use funnel_lab::charts::{
    ChartError, ChartStyle, Owner, Palette, Unit, channels, funnel, histogram, response, timeseries,
};
use plotters::style::RGBColor;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

wasm_bindgen_test_configure!(run_in_browser);

const LIGHT: ChartStyle = ChartStyle { dark: false, pixel_ratio: 1.0 };
const DARK: ChartStyle = ChartStyle { dark: true, pixel_ratio: 1.0 };

// ---- canvas and pixel helpers ----

/// A canvas of `w`×`h` device pixels attached to the page.
fn canvas(w: u32, h: u32) -> HtmlCanvasElement {
    let document = web_sys::window().and_then(|w| w.document()).expect("a document");
    let canvas: HtmlCanvasElement =
        document.create_element("canvas").expect("canvas").dyn_into().expect("a canvas element");
    canvas.set_width(w);
    canvas.set_height(h);
    document.body().expect("a body").append_child(&canvas).expect("attached");
    canvas
}

/// RGBA bytes of the whole canvas.
fn pixels(canvas: &HtmlCanvasElement) -> Vec<u8> {
    let ctx: CanvasRenderingContext2d =
        canvas.get_context("2d").expect("context call").expect("a 2d context").dyn_into().expect("2d");
    let image =
        ctx.get_image_data(0.0, 0.0, f64::from(canvas.width()), f64::from(canvas.height())).expect("image data");
    image.data().0
}

fn rgb_of(px: &[u8]) -> impl Iterator<Item = (u8, u8, u8)> + '_ {
    px.chunks_exact(4).map(|p| (p[0], p[1], p[2]))
}

/// Pixels whose colour is not `bg`.
fn differing(px: &[u8], bg: RGBColor) -> usize {
    rgb_of(px).filter(|&c| c != (bg.0, bg.1, bg.2)).count()
}

/// Pixels within `tol` of `color` in every channel.
fn count_near(px: &[u8], color: RGBColor, tol: u8) -> usize {
    let near = |a: u8, b: u8| a.abs_diff(b) <= tol;
    rgb_of(px).filter(|c| near(c.0, color.0) && near(c.1, color.1) && near(c.2, color.2)).count()
}

fn distinct_colours(px: &[u8]) -> usize {
    rgb_of(px).collect::<HashSet<_>>().len()
}

// ---- data from the engine ----

fn scenario() -> Scenario {
    let mut s = Scenario::default();
    // Few runs: the test build is unoptimised wasm.
    s.simulation.runs = 60;
    s
}

fn expected() -> Outcome {
    simulate::expected(&scenario())
}

fn monte_carlo() -> McOutcome {
    simulate::monte_carlo(&scenario())
}

fn funnel_data(outcome: &Outcome) -> FunnelData {
    let t = &outcome.trace;
    let total = t.total();
    let stage = |label: &str, owner, value| FunnelStage { label: label.into(), owner, value };
    let last = t.weeks() - 1;
    FunnelData {
        conversions: true,
        title: "Funnel over the horizon".into(),
        stages: vec![
            stage("Aware", Owner::Marketing, t.sum(total, Metric::NewAware)),
            stage("Visits", Owner::Marketing, t.sum(total, Metric::Visits)),
            stage("Leads", Owner::Marketing, t.sum(total, Metric::Leads)),
            stage("SQLs", Owner::Sales, t.sum(total, Metric::Sql)),
            stage("Opportunities", Owner::Sales, t.sum(total, Metric::Opportunities)),
            stage("Won", Owner::Sales, t.sum(total, Metric::Won)),
            stage("Customers", Owner::CustomerSuccess, t.get(last, total, Metric::Customers)),
        ],
    }
}

fn series(label: &str, values: Vec<f64>) -> Series {
    Series { label: label.into(), values, band: None, dashed: false }
}

fn timeseries_data(outcome: &Outcome) -> TimeSeriesData {
    let t = &outcome.trace;
    TimeSeriesData {
        title: "Revenue vs cost".into(),
        unit: Unit::Money,
        series: vec![
            series("Revenue", t.series(t.total(), Metric::Revenue).collect()),
            series("Cost", t.series(t.total(), Metric::Cost).collect()),
        ],
        marker_week: None,
        plan_line: None,
        phase_starts: vec![],
    }
}

fn banded_data(mc: &McOutcome) -> TimeSeriesData {
    let summaries = mc.series(mc.sources(), Metric::NewCustomers);
    TimeSeriesData {
        title: "New customers per week".into(),
        unit: Unit::People,
        series: vec![Series {
            label: "New customers".into(),
            values: summaries.iter().map(|s| s.mean).collect(),
            band: Some(summaries.iter().map(|s| (s.p10, s.p90)).collect()),
            dashed: false,
        }],
        marker_week: None,
        plan_line: None,
        phase_starts: vec![],
    }
}

fn channel_data(outcome: &Outcome) -> ChannelData {
    let s = scenario();
    let k = &outcome.kpis;
    let get = |src: usize, kpi: SourceKpi| k.by_source[src][kpi.index()];
    let channels = (0..s.source_count())
        .map(|src| ChannelStat {
            name: s.source_name(src).to_string(),
            spend: get(src, SourceKpi::Spend).unwrap_or(0.0),
            leads: get(src, SourceKpi::Leads).unwrap_or(0.0),
            customers: get(src, SourceKpi::NewCustomers).unwrap_or(0.0),
            cac: get(src, SourceKpi::Cac),
            roi: get(src, SourceKpi::Roi),
        })
        .collect();
    ChannelData { channels }
}

fn response_data() -> ResponseData {
    let s = scenario();
    let curves = (0..s.channels.len())
        .map(|c| {
            let now = engine_response::operating_point(&s, c);
            let points = engine_response::curve(&s, c, s.budget.per_week * 1.5, 40);
            ResponseCurve {
                channel: s.channels[c].name.clone(),
                points: points.iter().map(|p| (p.spend, p.new_aware)).collect(),
                current: (now.spend, now.new_aware),
                proposed: Some((now.spend * 1.2, now.new_aware * 1.1)),
                feasible: Some((now.spend * 0.5, now.spend * 1.3)),
            }
        })
        .collect();
    ResponseData { curves }
}

fn histogram_data(mc: &McOutcome) -> HistogramData {
    HistogramData {
        title: "New customers over runs".into(),
        unit: Unit::People,
        histogram: mc.histogram(Kpi::NewCustomers, 20).expect("runs give a histogram"),
        mean: mc.kpi(Kpi::NewCustomers).expect("a mean").mean,
    }
}

/// What every healthy chart shows: a real share of the canvas painted, in
/// several colours (text anti-aliasing alone gives a handful).
fn assert_drawn(canvas: &HtmlCanvasElement, style: &ChartStyle) {
    let px = pixels(canvas);
    let bg = style.palette().background;
    let share = differing(&px, bg) as f64 / (px.len() / 4) as f64;
    assert!(share > 0.03, "only {:.2} % of the canvas was drawn", share * 100.0);
    assert!(distinct_colours(&px) >= 20, "only {} colours on the canvas", distinct_colours(&px));
}

// ---- funnel ----

#[wasm_bindgen_test]
fn funnel_draws_every_owner_colour() {
    let c = canvas(600, 300);
    funnel::draw(&c, &funnel_data(&expected()), &LIGHT).expect("funnel draws");
    assert_drawn(&c, &LIGHT);
    let px = pixels(&c);
    let pal = Palette::light();
    let owners = [Owner::Marketing, Owner::Sales, Owner::CustomerSuccess];
    let colours: HashSet<_> = owners.iter().map(|&o| pal.owner(o)).collect();
    assert_eq!(colours.len(), 3, "each owner has its own colour");
    for owner in owners {
        let n = count_near(&px, pal.owner(owner), 0);
        assert!(n > 1000, "{owner:?} bars cover only {n} pixels");
    }
}

#[wasm_bindgen_test]
fn funnel_dark_and_light_differ() {
    let data = funnel_data(&expected());
    let (light, dark) = (canvas(600, 300), canvas(600, 300));
    funnel::draw(&light, &data, &LIGHT).expect("light");
    funnel::draw(&dark, &data, &DARK).expect("dark");
    let (lp, dp) = (pixels(&light), pixels(&dark));
    assert_ne!(lp, dp);
    let dark_pal = Palette::dark();
    assert_eq!(&dp[..3], &[dark_pal.background.0, dark_pal.background.1, dark_pal.background.2]);
    for owner in [Owner::Marketing, Owner::Sales, Owner::CustomerSuccess] {
        assert!(count_near(&dp, dark_pal.owner(owner), 0) > 1000, "{owner:?} in dark");
    }
    assert_drawn(&dark, &DARK);
}

#[wasm_bindgen_test]
fn funnel_with_zeros_or_bad_values() {
    let mut data = funnel_data(&expected());
    data.stages[1].value = f64::INFINITY;
    data.stages[3].value = f64::NAN;
    let c = canvas(600, 300);
    funnel::draw(&c, &data, &LIGHT).expect("draws the finite stages");
    assert_drawn(&c, &LIGHT);

    for stage in &mut data.stages {
        stage.value = 0.0;
    }
    funnel::draw(&c, &data, &LIGHT).expect("zeros are data");
    let px = pixels(&c);
    assert!(differing(&px, Palette::light().background) > 500, "labels are written");
    // Only the legend swatch (10 × 10 px) is in the marketing colour.
    assert!(count_near(&px, Palette::light().marketing, 0) < 200, "no marketing bars at zero");
}

#[wasm_bindgen_test]
fn funnel_without_data_says_so() {
    let c = canvas(600, 300);
    let empty = FunnelData { title: "Funnel".into(), stages: vec![], conversions: true };
    assert_eq!(funnel::draw(&c, &empty, &LIGHT), Err(ChartError::NoData));
    assert!(differing(&pixels(&c), Palette::light().background) > 50, "a 'No data' message is drawn");

    let nan = FunnelData {
        title: String::new(),
        stages: vec![FunnelStage { label: "Aware".into(), owner: Owner::Marketing, value: f64::NAN }],
        conversions: true,
    };
    assert_eq!(funnel::draw(&c, &nan, &LIGHT), Err(ChartError::NoData));
}

#[wasm_bindgen_test]
fn high_dpi_scales_with_the_canvas() {
    // The same chart at twice the pixel ratio on a canvas twice as large
    // covers about four times the pixels: text and lines grew with it.
    let data = funnel_data(&expected());
    let (small, big) = (canvas(600, 300), canvas(1200, 600));
    let hi = ChartStyle { dark: false, pixel_ratio: 2.0 };
    funnel::draw(&small, &data, &LIGHT).expect("1×");
    funnel::draw(&big, &data, &hi).expect("2×");
    let bg = Palette::light().background;
    let (a, b) = (differing(&pixels(&small), bg) as f64, differing(&pixels(&big), bg) as f64);
    assert!((3.0..5.5).contains(&(b / a)), "painted pixels grew {:.2}× instead of ~4×", b / a);
}

// ---- time series ----

#[wasm_bindgen_test]
fn timeseries_draws_lines_in_series_colours() {
    let c = canvas(600, 300);
    timeseries::draw(&c, &timeseries_data(&expected()), &LIGHT).expect("draws");
    assert_drawn(&c, &LIGHT);
    let px = pixels(&c);
    let pal = Palette::light();
    assert!(count_near(&px, pal.series(0), 0) > 300, "first series line");
    assert!(count_near(&px, pal.series(1), 0) > 300, "second series line");
}

#[wasm_bindgen_test]
fn timeseries_bands_marker_and_dashes_change_the_picture() {
    let data = banded_data(&monte_carlo());
    let bg = Palette::light().background;
    let draw = |d: &TimeSeriesData| {
        let c = canvas(600, 300);
        timeseries::draw(&c, d, &LIGHT).expect("draws");
        pixels(&c)
    };
    let with_band = draw(&data);
    let mut no_band = data.clone();
    no_band.series[0].band = None;
    let without = draw(&no_band);
    assert!(differing(&with_band, bg) > differing(&without, bg) + 2000, "the band fills area");

    let mut marked = no_band.clone();
    marked.marker_week = Some(10);
    assert_ne!(draw(&marked), without, "the marker shows");

    let mut dashed = no_band.clone();
    dashed.series[0].dashed = true;
    let dashed_px = draw(&dashed);
    assert!(
        count_near(&dashed_px, Palette::light().series(0), 0) < count_near(&without, Palette::light().series(0), 0),
        "dashes leave gaps"
    );
}

#[wasm_bindgen_test]
fn timeseries_draws_a_plan_line_on_its_own_scale_and_the_phase_starts() {
    use funnel_lab::charts::timeseries::PlanLine;
    let data = timeseries_data(&expected());
    let draw = |d: &TimeSeriesData| {
        let c = canvas(600, 300);
        timeseries::draw(&c, d, &LIGHT).expect("draws");
        pixels(&c)
    };
    let plain = draw(&data);
    let weeks = data.series[0].values.len();
    // A budget a thousand times the outcomes' scale still fits: it has its own axis.
    let budget: Vec<f64> = (0..weeks).map(|w| if w < weeks / 2 { 5e6 } else { 1.5e7 }).collect();
    let mut planned = data.clone();
    planned.plan_line =
        Some(PlanLine { label: "Budget per week (right axis)".into(), unit: Unit::Money, values: budget });
    let with_line = draw(&planned);
    let muted = Palette::light().muted;
    assert!(count_near(&with_line, muted, 0) > count_near(&plain, muted, 0) + 150, "the step line and its labels show");
    let mut phased = data.clone();
    phased.phase_starts = vec![weeks / 2, weeks + 5];
    assert_ne!(draw(&phased), plain, "a phase start is marked (one past the horizon is ignored)");
    let mut broken = planned.clone();
    if let Some(line) = broken.plan_line.as_mut() {
        line.values = vec![f64::NAN; weeks];
    }
    assert_eq!(draw(&broken), plain, "a plan line without finite values is left out");
}

#[wasm_bindgen_test]
fn timeseries_skips_non_finite_values_and_reports_no_data() {
    let mut data = timeseries_data(&expected());
    data.series[0].values[3] = f64::NAN;
    data.series[1].values[7] = f64::NEG_INFINITY;
    data.marker_week = Some(1000); // beyond the horizon: ignored
    let c = canvas(600, 300);
    timeseries::draw(&c, &data, &LIGHT).expect("gaps are fine");
    assert_drawn(&c, &LIGHT);

    let empty = TimeSeriesData {
        title: "Empty".into(),
        unit: Unit::People,
        series: vec![],
        marker_week: None,
        plan_line: None,
        phase_starts: vec![],
    };
    assert_eq!(timeseries::draw(&c, &empty, &LIGHT), Err(ChartError::NoData));
    let all_nan = TimeSeriesData { series: vec![series("x", vec![f64::NAN; 5])], ..empty.clone() };
    assert_eq!(timeseries::draw(&c, &all_nan, &DARK), Err(ChartError::NoData));
    let one_week = TimeSeriesData { series: vec![series("x", vec![4.0])], unit: Unit::Share, ..empty };
    timeseries::draw(&c, &one_week, &LIGHT).expect("a single week draws");
}

// ---- channels ----

#[wasm_bindgen_test]
fn channels_draw_a_bar_row_per_channel() {
    let data = channel_data(&expected());
    let c = canvas(600, 300);
    channels::draw(&c, &data, &LIGHT).expect("draws");
    assert_drawn(&c, &LIGHT);
    let px = pixels(&c);
    let pal = Palette::light();
    for (i, ch) in data.channels.iter().enumerate().filter(|(_, ch)| ch.spend > 0.0) {
        assert!(count_near(&px, pal.series(i), 0) > 40, "bars of {}", ch.name);
    }
}

#[wasm_bindgen_test]
fn channels_handle_none_and_bad_numbers() {
    let data = ChannelData {
        channels: vec![
            ChannelStat { name: "Search".into(), spend: 1000.0, leads: 40.0, customers: 0.0, cac: None, roi: None },
            ChannelStat {
                name: "Broken".into(),
                spend: f64::NAN,
                leads: f64::INFINITY,
                customers: -3.0,
                cac: Some(f64::NAN),
                roi: Some(-0.4),
            },
        ],
    };
    let c = canvas(600, 300);
    channels::draw(&c, &data, &DARK).expect("draws");
    assert_drawn(&c, &DARK);
    assert_eq!(channels::draw(&c, &ChannelData { channels: vec![] }, &LIGHT), Err(ChartError::NoData));
}

// ---- response ----

#[wasm_bindgen_test]
fn response_draws_a_curve_and_a_dot_per_channel() {
    let data = response_data();
    assert!(data.curves.len() >= 2, "the default scenario has several channels");
    let c = canvas(600, 300);
    response::draw(&c, &data, &LIGHT).expect("draws");
    assert_drawn(&c, &LIGHT);
    let px = pixels(&c);
    for i in 0..data.curves.len() {
        assert!(count_near(&px, Palette::light().series(i), 0) > 300, "curve {i}");
    }
    // Moving the operating point moves the dot.
    let mut moved = data.clone();
    moved.curves[0].current = moved.curves[0].points[5];
    let c2 = canvas(600, 300);
    response::draw(&c2, &moved, &LIGHT).expect("draws");
    assert_ne!(pixels(&c2), px);
}

#[wasm_bindgen_test]
fn response_without_points_reports_no_data() {
    let c = canvas(600, 300);
    assert_eq!(response::draw(&c, &ResponseData { curves: vec![] }, &LIGHT), Err(ChartError::NoData));
    let bad = ResponseData {
        curves: vec![ResponseCurve {
            channel: "x".into(),
            points: vec![(f64::NAN, 1.0)],
            current: (f64::INFINITY, 0.0),
            proposed: Some((f64::NAN, 1.0)),
            feasible: Some((f64::NAN, f64::INFINITY)),
        }],
    };
    assert_eq!(response::draw(&c, &bad, &LIGHT), Err(ChartError::NoData));
}

// ---- histogram ----

#[wasm_bindgen_test]
fn histogram_draws_bars_and_the_mean() {
    let data = histogram_data(&monte_carlo());
    let c = canvas(600, 300);
    histogram::draw(&c, &data, &LIGHT).expect("draws");
    assert_drawn(&c, &LIGHT);
    let without_mean = HistogramData { mean: f64::NAN, ..data.clone() };
    let c2 = canvas(600, 300);
    histogram::draw(&c2, &without_mean, &LIGHT).expect("a NaN mean is left out");
    let bg = Palette::light().background;
    assert!(differing(&pixels(&c), bg) > differing(&pixels(&c2), bg), "the mean line and label add pixels");
    // The bars are the first series colour at 85 % over the background.
    let s = Palette::light().series(0);
    let blend = |c: u8| (f64::from(c) * 0.85 + 255.0 * 0.15).round() as u8;
    assert!(count_near(&pixels(&c), RGBColor(blend(s.0), blend(s.1), blend(s.2)), 2) > 500, "bars drawn");
}

#[wasm_bindgen_test]
fn histogram_of_one_value_and_of_nothing() {
    let c = canvas(600, 300);
    let single = HistogramData {
        title: "ROI".into(),
        unit: Unit::Share,
        histogram: Histogram { min: 0.4, width: 0.0, counts: vec![50, 0, 0] },
        mean: 0.4,
    };
    histogram::draw(&c, &single, &LIGHT).expect("one value draws");
    assert_drawn(&c, &LIGHT);
    let none = HistogramData { histogram: Histogram { min: 0.0, width: 1.0, counts: vec![] }, ..single.clone() };
    assert_eq!(histogram::draw(&c, &none, &LIGHT), Err(ChartError::NoData));
    let nan = HistogramData { histogram: Histogram { min: f64::NAN, width: 1.0, counts: vec![3] }, ..single };
    assert_eq!(histogram::draw(&c, &nan, &LIGHT), Err(ChartError::NoData));
}

// ---- canvas problems, for every chart ----

/// Draws every chart on `canvas` in turn, calling `check` right after each.
fn draw_each(canvas: &HtmlCanvasElement, style: &ChartStyle, mut check: impl FnMut(&str, Result<(), ChartError>)) {
    let (outcome, mc) = (expected(), monte_carlo());
    check("funnel", funnel::draw(canvas, &funnel_data(&outcome), style));
    check("time series", timeseries::draw(canvas, &banded_data(&mc), style));
    check("channels", channels::draw(canvas, &channel_data(&outcome), style));
    check("response", response::draw(canvas, &response_data(), style));
    check("histogram", histogram::draw(canvas, &histogram_data(&mc), style));
    check("tornado", tornado::draw(canvas, &tornado_data(), style));
}

/// The engine's sensitivity of new customers, as the Plan pane draws it.
fn tornado_data() -> TornadoData {
    let s = scenario();
    let rows = funnel_engine::decide::sensitivity(&s, Kpi::NewCustomers, 0.2).expect("sensitivity runs");
    TornadoData {
        title: "New customers".into(),
        unit: Unit::People,
        base: rows[0].kpi_base.unwrap_or(f64::NAN),
        delta: 0.2,
        bars: rows
            .iter()
            .take(8)
            .map(|r| TornadoBar {
                label: r.label.clone(),
                kpi_low: r.kpi_low.unwrap_or(f64::NAN),
                kpi_high: r.kpi_high.unwrap_or(f64::NAN),
            })
            .collect(),
    }
}

#[wasm_bindgen_test]
fn tornado_draws_both_ends_in_their_colours() {
    let c = canvas(700, 360);
    assert_eq!(tornado::draw(&c, &tornado_data(), &LIGHT), Ok(()));
    let px = pixels(&c);
    let pal = LIGHT.palette();
    assert!(count_near(&px, pal.series(0), 30) > 200, "low ends drawn");
    assert!(count_near(&px, pal.series(1), 30) > 200, "high ends drawn");
}

#[wasm_bindgen_test]
fn tornado_without_a_base_or_bars_reports_no_data() {
    let c = canvas(600, 300);
    let mut data = tornado_data();
    data.base = f64::NAN;
    assert_eq!(tornado::draw(&c, &data, &LIGHT), Err(ChartError::NoData));
    let mut data = tornado_data();
    data.bars.clear();
    assert_eq!(tornado::draw(&c, &data, &LIGHT), Err(ChartError::NoData));
    // Non-finite ends are skipped, not fatal.
    let mut data = tornado_data();
    data.bars[0].kpi_low = f64::INFINITY;
    data.bars[1].kpi_high = f64::NAN;
    assert_eq!(tornado::draw(&c, &data, &LIGHT), Ok(()));
}

#[wasm_bindgen_test]
fn zero_size_canvas_is_an_error_for_every_chart() {
    for (w, h) in [(0, 0), (600, 0), (0, 300), (10, 10)] {
        draw_each(&canvas(w, h), &LIGHT, |name, result| {
            assert_eq!(result, Err(ChartError::TooSmall { width: w, height: h }), "{name}");
        });
    }
}

#[wasm_bindgen_test]
fn canvas_without_2d_context_is_an_error_for_every_chart() {
    let c = canvas(600, 300);
    // A canvas holds one kind of context: once it has another, "2d" is null.
    let other = c.get_context("bitmaprenderer").expect("context call");
    assert!(other.is_some(), "the browser gives a bitmaprenderer context");
    draw_each(&c, &LIGHT, |name, result| assert_eq!(result, Err(ChartError::NoContext), "{name}"));
}

#[wasm_bindgen_test]
fn every_chart_draws_on_a_small_high_dpi_canvas() {
    // 360 × 200 CSS px at 3× (a phone), dark: nothing panics, each shows.
    let style = ChartStyle { dark: true, pixel_ratio: 3.0 };
    let c = canvas(1080, 600);
    draw_each(&c, &style, |name, result| {
        assert_eq!(result, Ok(()), "{name}");
        assert_drawn(&c, &style);
    });
}

// ---- the marketing → sales hand-off on the funnel ----

#[wasm_bindgen_test]
fn the_funnel_marks_the_hand_off_between_marketing_and_sales() {
    let data = funnel_data(&expected());
    // Aware, Visits, Leads are marketing's; the hand-off sits above SQLs.
    assert_eq!(funnel::handoff(&data.stages), Some(3));
    let all_sales: Vec<FunnelStage> =
        data.stages.iter().map(|s| FunnelStage { owner: Owner::Sales, ..s.clone() }).collect();
    assert_eq!(funnel::handoff(&all_sales), None, "no hand-off inside one team's stages (the pipeline)");

    // The dashed line and its label add muted/text pixels in the gap
    // between the Leads and the SQL rows.
    let (with, without) = (canvas(600, 300), canvas(600, 300));
    funnel::draw(&with, &data, &LIGHT).expect("drawn");
    let no_handoff = FunnelData {
        stages: data
            .stages
            .iter()
            .map(|s| FunnelStage {
                owner: if s.owner == Owner::Sales { Owner::CustomerSuccess } else { s.owner },
                ..s.clone()
            })
            .collect(),
        ..data.clone()
    };
    funnel::draw(&without, &no_handoff, &LIGHT).expect("drawn");
    let bg = Palette::light().background;
    let (a, b) = (differing(&pixels(&with), bg), differing(&pixels(&without), bg));
    assert!(a > b + 100, "the hand-off adds a line and a label: {a} vs {b} painted pixels");
}
