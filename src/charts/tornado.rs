//! A tornado chart: for each assumption moved down and up, the KPI at the
//! low end and at the high end as bars from the base value, largest impact
//! on top.

use web_sys::HtmlCanvasElement;

use plotters::style::Color;
use plotters::style::text_anchor::{HPos, VPos};

use super::frame::{self, Mark};
use super::{ChartError, ChartStyle, Unit, scale};

/// One bar: an assumption and the KPI at its low and high ends.
#[derive(Clone, Debug, PartialEq)]
pub struct TornadoBar {
    /// The assumption's label.
    pub label: String,
    /// The KPI with the assumption at its low end.
    pub kpi_low: f64,
    /// The KPI with the assumption at its high end.
    pub kpi_high: f64,
}

/// The data of a tornado chart.
#[derive(Clone, Debug, PartialEq)]
pub struct TornadoData {
    /// Chart title.
    pub title: String,
    /// Unit of the KPI.
    pub unit: Unit,
    /// The KPI of the scenario as it is.
    pub base: f64,
    /// The relative move of each assumption (0.2 = ±20 %).
    pub delta: f64,
    /// Bars, drawn top to bottom in this order (sort by impact first).
    pub bars: Vec<TornadoBar>,
}

/// Draws one row per bar: the assumption's label on the left, a bar from
/// the base to the KPI at the low end (first series colour) and one to the
/// KPI at the high end (second colour), a line at the base, and a legend.
/// Rows with a non-finite end skip that end; without a finite base or any
/// bar it writes "No data" and returns [`ChartError::NoData`].
pub fn draw(canvas: &HtmlCanvasElement, data: &TornadoData, style: &ChartStyle) -> Result<(), ChartError> {
    let frame = frame::open(canvas, style)?;
    let Some(base) = scale::finite(data.base) else { return Err(frame.no_data(&data.title)) };
    if data.bars.is_empty() {
        return Err(frame.no_data(&data.title));
    }
    let ends = data.bars.iter().flat_map(|b| [b.kpi_low, b.kpi_high]).filter(|v| v.is_finite());
    let (lo, hi) = scale::bounds(ends.chain([base])).unwrap_or((base, base));
    let spread = (hi - lo).max(base.abs() * 1e-6).max(1e-9);
    let (lo, hi) = (lo - spread * 0.06, hi + spread * 0.06);

    let top = frame.title(&data.title)?;
    let (low_colour, high_colour) = (frame.pal.series(0), frame.pal.series(1));
    let items = [
        (format!("assumption {} lower", funnel_engine::format::percent(data.delta)), low_colour, Mark::Block),
        (format!("assumption {} higher", funnel_engine::format::percent(data.delta)), high_colour, Mark::Block),
    ];
    let legend_bottom = frame.legend(&items, top)?;
    let size = 10.5;
    let label_w = data.bars.iter().map(|b| frame.text_width(&b.label, size)).max().unwrap_or(0).min(frame.width / 3);
    let left = frame.px(10.0) + label_w + frame.px(8.0);
    let right = frame.width - frame.px(60.0);
    let rows_top = legend_bottom + frame.px(6.0);
    let rows_bottom = frame.height - frame.px(24.0);
    let row = ((rows_bottom - rows_top) / data.bars.len() as i32).max(1);
    let x = |v: f64| left + (((v - lo) / (hi - lo)) * f64::from(right - left)).round() as i32;
    let base_x = x(base);
    for (i, bar) in data.bars.iter().enumerate() {
        let y0 = rows_top + row * i as i32;
        let (top_y, bottom_y) = (y0 + row / 6, y0 + row - row / 6);
        frame.text(
            &bar.label,
            (left - frame.px(8.0), y0 + row / 2),
            size,
            frame.pal.text,
            HPos::Right,
            VPos::Center,
        )?;
        for (v, colour) in [(bar.kpi_low, low_colour), (bar.kpi_high, high_colour)] {
            if let Some(v) = scale::finite(v) {
                let end = x(v);
                let (a, b) = if end < base_x { (end, base_x) } else { (base_x, end.max(base_x + 1)) };
                frame.rect((a, top_y), (b, bottom_y), colour.mix(0.9))?;
            }
        }
    }
    frame.line(vec![(base_x, rows_top), (base_x, rows_bottom)], frame.pal.text.to_rgba(), 1.5, true)?;
    let label = format!("now {}", data.unit.format(base));
    frame.bold(&label, (base_x, rows_bottom + frame.px(4.0)), 10.5, frame.pal.text, HPos::Center, VPos::Top)?;
    frame.area.present()?;
    Ok(())
}
