//! The distribution of a final KPI over Monte Carlo runs, with the mean marked.

use web_sys::HtmlCanvasElement;

use plotters::style::Color;
use plotters::style::text_anchor::VPos;

use super::frame::{self, AxisSpec};
use super::{ChartError, ChartStyle, Unit, scale};
use funnel_engine::stats::Histogram;

/// The data of a histogram chart.
#[derive(Clone, Debug, PartialEq)]
pub struct HistogramData {
    /// Chart title.
    pub title: String,
    /// Unit of the KPI (x axis).
    pub unit: Unit,
    /// Runs per bin.
    pub histogram: Histogram,
    /// Mean of the KPI over the runs.
    pub mean: f64,
}

/// Draws one bar per bin (x in the KPI's unit, y in runs) and a line at
/// the mean labelled with its value. When every run gave the same value
/// (`width` 0) the single bar is drawn narrow around it. Without runs or
/// with a non-finite `min`/`width` it writes "No data" and returns
/// [`ChartError::NoData`]; a non-finite mean is left out.
pub fn draw(canvas: &HtmlCanvasElement, data: &HistogramData, style: &ChartStyle) -> Result<(), ChartError> {
    let frame = frame::open(canvas, style)?;
    let h = &data.histogram;
    let any_runs = h.counts.iter().any(|&c| c > 0);
    let valid = h.min.is_finite() && h.width.is_finite() && h.width >= 0.0;
    let end = h.min + h.width * h.counts.len() as f64;
    if !any_runs || !valid || !end.is_finite() {
        return Err(frame.no_data(&data.title));
    }
    let mean = scale::finite(data.mean);
    // One value everywhere: give the lone bar a visible width around it.
    let (bin_width, x0) = if h.width > 0.0 {
        (h.width, h.min)
    } else {
        (h.min.abs().max(1.0) * 0.1, h.min - h.min.abs().max(1.0) * 0.05)
    };
    let x1 = x0 + bin_width * h.counts.len() as f64;
    let x_bounds = scale::bounds([x0, x1, mean.unwrap_or(x0)]).unwrap_or((x0, x1));
    let pad = (x_bounds.1 - x_bounds.0) * 0.03;
    let max_count = h.counts.iter().copied().max().unwrap_or(0);

    let top = frame.title(&data.title)?;
    let unit = data.unit;
    let spec = AxisSpec {
        x: (x_bounds.0 - pad, x_bounds.1 + pad),
        // Headroom above the tallest bar keeps the mean label clear of it.
        y: scale::nice_domain((0.0, f64::from(max_count) * 1.15), true),
        x_fmt: &|v| unit.format(v),
        y_fmt: &funnel_engine::format::count,
        x_integer: false,
        y_integer: true,
        x_title: "",
        y_title: "runs",
        y2: None,
    };
    let plot = frame.axes(top + frame.px(26.0), &spec)?;

    let color = frame.pal.series(0).mix(0.85);
    let gap = frame.px(1.0);
    for (i, &count) in h.counts.iter().enumerate().filter(|(_, c)| **c > 0) {
        let left = plot.x.px(x0 + bin_width * i as f64);
        let right = (plot.x.px(x0 + bin_width * (i + 1) as f64) - gap).max(left + 1);
        frame.rect((left, plot.y.px(f64::from(count))), (right, plot.bottom), color)?;
    }
    if let Some(mean) = mean {
        let x = plot.x.px(mean);
        frame.line(vec![(x, plot.top), (x, plot.bottom)], frame.pal.text.to_rgba(), 2.0, true)?;
        let (anchor, dx) = plot.label_beside(x, frame.px(5.0));
        let label = format!("mean {}", unit.format(mean));
        frame.bold(&label, (x + dx, plot.top), 11.0, frame.pal.text, anchor, VPos::Top)?;
    }
    frame.area.present()?;
    Ok(())
}
