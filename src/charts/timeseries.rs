//! Weekly time series: lines over weeks 1..=n with optional P10–P90 bands,
//! dashed lines, a legend and a marker at the scrubbed week; with a plan
//! over time, the plan's budget or reps as a step line on a scale of its
//! own (right axis) and the weeks a phase starts.

use web_sys::HtmlCanvasElement;

use plotters::style::Color;
use plotters::style::text_anchor::VPos;

use super::frame::{self, AxisSpec, Frame, Mark, Plot, SecondAxis};
use super::{ChartError, ChartStyle, Unit, scale};

/// One line of the chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// Legend text.
    pub label: String,
    /// Value per week; `values[0]` is week 1. Non-finite values leave a gap.
    pub values: Vec<f64>,
    /// P10–P90 per week, drawn as a translucent band (Monte Carlo mode).
    pub band: Option<Vec<(f64, f64)>>,
    /// Draw the line dashed.
    pub dashed: bool,
}

/// The data of a time-series chart.
#[derive(Clone, Debug, PartialEq)]
pub struct TimeSeriesData {
    /// Chart title.
    pub title: String,
    /// Unit of the y axis.
    pub unit: Unit,
    /// The lines, coloured from the series palette in order.
    pub series: Vec<Series>,
    /// Week (1-based) to mark with a vertical line.
    pub marker_week: Option<usize>,
    /// A line of the plan (budget per week, reps) on its own right-hand scale.
    pub plan_line: Option<PlanLine>,
    /// Weeks (1-based) in which a later phase of the plan starts.
    pub phase_starts: Vec<usize>,
}

/// A plan's weekly input drawn over a chart's outcomes, as steps.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanLine {
    /// Legend text ("Budget per week (right axis)").
    pub label: String,
    /// Unit of the right axis.
    pub unit: Unit,
    /// Value per week.
    pub values: Vec<f64>,
}

/// Draws the lines over weeks 1..=n (n = the longest series), bands under
/// them, the legend above and the marker week. Non-finite values leave gaps;
/// with no series or no finite value it writes "No data" and returns
/// [`ChartError::NoData`].
pub fn draw(canvas: &HtmlCanvasElement, data: &TimeSeriesData, style: &ChartStyle) -> Result<(), ChartError> {
    let frame = frame::open(canvas, style)?;
    let weeks = data.series.iter().map(|s| s.values.len()).max().unwrap_or(0);
    let values = data.series.iter().flat_map(|s| {
        let band = s.band.iter().flatten().flat_map(|&(lo, hi)| [lo, hi]);
        s.values.iter().copied().chain(band)
    });
    let Some(bounds) = scale::bounds(values).filter(|_| weeks > 0) else {
        return Err(frame.no_data(&data.title));
    };

    let top = frame.title(&data.title)?;
    // A plan line without a finite value is left out (legend included).
    let plan_domain = data.plan_line.as_ref().and_then(|l| scale::bounds(l.values.iter().copied()));
    let legend_bottom = frame.legend(&legend(&frame, data, plan_domain.is_some()), top)?;
    let unit = data.unit;
    let week = |w: f64| funnel_engine::format::count(w);
    let spec = AxisSpec {
        x: (1.0, weeks.max(2) as f64),
        y: scale::nice_domain(bounds, true),
        x_fmt: &week,
        y_fmt: &|v| unit.format(v),
        x_integer: true,
        y_integer: false,
        x_title: "week",
        y_title: "",
        y2: None,
    };
    let plan_fmt = |v: f64| data.plan_line.as_ref().map_or_else(String::new, |l| l.unit.format(v));
    let spec = AxisSpec {
        y2: plan_domain.map(|b| SecondAxis {
            domain: scale::nice_domain(b, true),
            fmt: &plan_fmt,
            colour: frame.pal.muted,
        }),
        ..spec
    };
    let plot = frame.axes(legend_bottom + frame.px(10.0), &spec)?;
    for &start in data.phase_starts.iter().filter(|w| (2..=weeks).contains(*w)) {
        // Between the last week of one phase and the first of the next.
        let x = plot.x.px(start as f64 - 0.5);
        frame.line(vec![(x, plot.top), (x, plot.bottom)], frame.pal.axis.mix(0.45), 1.0, true)?;
    }
    if let (Some(line), Some(scale)) = (&data.plan_line, &plot.y2) {
        draw_steps(&frame, &plot, scale, &line.values)?;
    }

    for (i, series) in data.series.iter().enumerate() {
        if let Some(band) = &series.band {
            draw_band(&frame, &plot, band, frame.pal.series(i).mix(frame.pal.band_alpha))?;
        }
    }
    for (i, series) in data.series.iter().enumerate() {
        draw_line(&frame, &plot, series, frame.pal.series(i))?;
    }
    if let Some(week) = data.marker_week.filter(|w| (1..=weeks).contains(w)) {
        draw_marker(&frame, &plot, week)?;
    }
    frame.area.present()?;
    Ok(())
}

/// One legend entry per series, plus one for the bands when there are any
/// and one for the plan line when it is drawn.
fn legend(frame: &Frame, data: &TimeSeriesData, with_plan: bool) -> Vec<(String, plotters::style::RGBColor, Mark)> {
    let mut items: Vec<_> = data
        .series
        .iter()
        .enumerate()
        .map(|(i, s)| (s.label.clone(), frame.pal.series(i), if s.dashed { Mark::Dashed } else { Mark::Line }))
        .collect();
    if data.series.iter().any(|s| s.band.is_some()) {
        items.push(("P10–P90".to_string(), frame.pal.axis, Mark::Block));
    }
    if let Some(line) = data.plan_line.as_ref().filter(|_| with_plan) {
        items.push((line.label.clone(), frame.pal.muted, Mark::Dashed));
    }
    items
}

/// A plan line as steps (each week's value held across the week), dashed,
/// on the right-hand scale.
fn draw_steps(frame: &Frame, plot: &Plot, scale: &scale::Scale, values: &[f64]) -> Result<(), ChartError> {
    let mut points = Vec::with_capacity(values.len() * 2);
    for (i, &v) in values.iter().enumerate() {
        let Some(v) = scale::finite(v) else { continue };
        let week = (i + 1) as f64;
        let y = scale.px(v);
        points.push((plot.x.px((week - 0.5).max(1.0)), y));
        points.push((plot.x.px((week + 0.5).min(values.len().max(2) as f64)), y));
    }
    frame.line(points, frame.pal.muted.to_rgba(), 1.5, true)
}

/// The pixel of week `i + 1` and value `v`, if `v` is finite.
fn point(plot: &Plot, i: usize, v: f64) -> Option<(i32, i32)> {
    scale::finite(v).map(|v| (plot.x.px((i + 1) as f64), plot.y.px(v)))
}

/// The band as one polygon per run of weeks where both edges are finite.
fn draw_band(
    frame: &Frame,
    plot: &Plot,
    band: &[(f64, f64)],
    color: plotters::style::RGBAColor,
) -> Result<(), ChartError> {
    let edges = band.iter().enumerate().map(|(i, &(lo, hi))| point(plot, i, lo).zip(point(plot, i, hi)));
    for run in scale::runs(edges) {
        let mut outline: Vec<(i32, i32)> = run.iter().map(|&(_, hi)| hi).collect();
        outline.extend(run.iter().rev().map(|&(lo, _)| lo));
        frame.fill(outline, color)?;
    }
    Ok(())
}

/// The series as lines broken at missing values; a lone value becomes a dot.
fn draw_line(frame: &Frame, plot: &Plot, series: &Series, color: plotters::style::RGBColor) -> Result<(), ChartError> {
    let points = series.values.iter().enumerate().map(|(i, &v)| point(plot, i, v));
    for run in scale::runs(points) {
        if let [only] = run[..] {
            frame.dot(only, 2.5, color)?;
        } else {
            frame.line(run, color.to_rgba(), 2.0, series.dashed)?;
        }
    }
    Ok(())
}

/// A vertical line at the scrubbed week, labelled at the top.
fn draw_marker(frame: &Frame, plot: &Plot, week: usize) -> Result<(), ChartError> {
    let x = plot.x.px(week as f64);
    frame.line(vec![(x, plot.top), (x, plot.bottom)], frame.pal.text.mix(0.55), 1.5, false)?;
    let (anchor, dx) = plot.label_beside(x, frame.px(4.0));
    frame.text(&format!("week {week}"), (x + dx, plot.top), 10.5, frame.pal.muted, anchor, VPos::Top)
}
