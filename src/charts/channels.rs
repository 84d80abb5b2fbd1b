//! Per-channel results (first touch, "organic" included): spend, leads and
//! customers as bars, CAC and ROI as text.
//!
//! A table of bars: one row per channel, one column per measure. Each bar
//! column has its own scale (money and people do not share an axis) and
//! every bar carries its value; a channel keeps its series colour here and
//! in the response chart.

use web_sys::HtmlCanvasElement;

use plotters::style::Color;
use plotters::style::text_anchor::{HPos, VPos};

use super::frame::{self, Frame};
use super::{ChartError, ChartStyle, scale};
use funnel_engine::format;

/// Results of one channel over the horizon.
#[derive(Clone, Debug, PartialEq)]
pub struct ChannelStat {
    /// Channel name.
    pub name: String,
    /// Money spent.
    pub spend: f64,
    /// Leads first touched by the channel.
    pub leads: f64,
    /// New customers first touched by the channel.
    pub customers: f64,
    /// Cost per customer; `None` without customers.
    pub cac: Option<f64>,
    /// Return on investment; `None` without spend.
    pub roi: Option<f64>,
}

/// The data of the channel chart.
#[derive(Clone, Debug, PartialEq)]
pub struct ChannelData {
    /// One row per channel, in order.
    pub channels: Vec<ChannelStat>,
}

/// One bar column: its header, the value it shows and how to write it.
struct Measure {
    header: &'static str,
    get: fn(&ChannelStat) -> f64,
    fmt: fn(f64) -> String,
}

/// The bar columns, left to right.
const MEASURES: [Measure; 3] = [
    Measure { header: "Spend", get: |c| c.spend, fmt: format::money_short },
    Measure { header: "Leads", get: |c| c.leads, fmt: format::count },
    Measure { header: "Customers", get: |c| c.customers, fmt: format::count },
];

/// Draws one row per channel: name, spend, leads and customers as bars
/// with their values, then CAC and ROI ("—" for none). Non-finite or
/// negative measures show "—" and no bar; without channels it writes
/// "No data" and returns [`ChartError::NoData`].
pub fn draw(canvas: &HtmlCanvasElement, data: &ChannelData, style: &ChartStyle) -> Result<(), ChartError> {
    let frame = frame::open(canvas, style)?;
    if data.channels.is_empty() {
        return Err(frame.no_data(""));
    }
    let size = if f64::from(frame.width) / frame.ratio < 440.0 { 10.0 } else { 11.5 };
    let pad = frame.px(10.0);
    let widest = |texts: &mut dyn Iterator<Item = String>| texts.map(|t| frame.text_width(&t, size)).max().unwrap_or(0);
    let name_w = widest(&mut data.channels.iter().map(|c| c.name.clone()))
        .max(frame.text_width("Channel", size))
        .min(frame.width * 3 / 10);
    let cac_w = widest(&mut data.channels.iter().map(cac_text)).max(frame.text_width("CAC", size));
    let roi_w = widest(&mut data.channels.iter().map(roi_text)).max(frame.text_width("ROI", size));
    let cell_w = (frame.width - pad * 6 - name_w - cac_w - roi_w) / 3;
    let first_cell = pad + name_w + pad;
    let cac_right = first_cell + cell_w * 3 + pad + cac_w;
    let roi_right = frame.width - pad;

    // Header.
    let header_y = frame.px(10.0);
    let muted = frame.pal.muted;
    frame.bold("Channel", (pad, header_y), size, muted, HPos::Left, VPos::Top)?;
    for (k, measure) in MEASURES.iter().enumerate() {
        frame.bold(measure.header, (first_cell + cell_w * k as i32, header_y), size, muted, HPos::Left, VPos::Top)?;
    }
    frame.bold("CAC", (cac_right, header_y), size, muted, HPos::Right, VPos::Top)?;
    frame.bold("ROI", (roi_right, header_y), size, muted, HPos::Right, VPos::Top)?;
    let top = header_y + frame.px(size * 1.6);
    frame.line(vec![(pad, top), (frame.width - pad, top)], frame.pal.axis.to_rgba(), 1.0, false)?;

    let n = data.channels.len() as i32;
    let row = ((frame.height - top - frame.px(4.0)) / n).clamp(1, frame.px(38.0));
    for (i, channel) in data.channels.iter().enumerate() {
        let y0 = top + row * i as i32;
        let mid = y0 + row / 2;
        let color = frame.pal.series(i);
        frame.text(&channel.name, (pad, mid), size, frame.pal.text, HPos::Left, VPos::Center)?;
        for (k, measure) in MEASURES.iter().enumerate() {
            let cell = Cell { left: first_cell + cell_w * k as i32, width: cell_w, mid, row, size };
            draw_bar(&frame, data, &cell, channel, measure, color)?;
        }
        frame.text(&cac_text(channel), (cac_right, mid), size, frame.pal.text, HPos::Right, VPos::Center)?;
        frame.text(&roi_text(channel), (roi_right, mid), size, frame.pal.text, HPos::Right, VPos::Center)?;
        if i + 1 < data.channels.len() {
            frame.line(vec![(pad, y0 + row), (frame.width - pad, y0 + row)], frame.pal.grid.to_rgba(), 1.0, false)?;
        }
    }
    frame.area.present()?;
    Ok(())
}

/// Where one bar goes, in device pixels.
struct Cell {
    left: i32,
    width: i32,
    mid: i32,
    row: i32,
    size: f64,
}

/// One measure of one channel: a bar on the column's own scale, then its value.
fn draw_bar(
    frame: &Frame,
    data: &ChannelData,
    cell: &Cell,
    channel: &ChannelStat,
    Measure { get, fmt, .. }: &Measure,
    color: plotters::style::RGBColor,
) -> Result<(), ChartError> {
    let valid = |c: &ChannelStat| scale::finite(get(c)).filter(|v| *v >= 0.0);
    let max = data.channels.iter().filter_map(valid).fold(0.0, f64::max);
    let text_w =
        data.channels.iter().map(|c| frame.text_width(&valid(c).map_or("—".into(), fmt), cell.size)).max().unwrap_or(0);
    // Room for the widest value after the longest bar, then a gap to the next column.
    let room = f64::from((cell.width - text_w - frame.px(18.0)).max(0));
    let value = valid(channel);
    let mut end = cell.left;
    if let Some(v) = value.filter(|v| *v > 0.0 && max > 0.0) {
        end = cell.left + ((v / max) * room).round().max(f64::from(frame.px(1.0))) as i32;
        let half = (f64::from(cell.row) * 0.25).round() as i32;
        frame.rect((cell.left, cell.mid - half), (end, cell.mid + half), color.to_rgba())?;
    }
    let shown = value.map_or_else(|| "—".to_string(), fmt);
    frame.text(&shown, (end + frame.px(4.0), cell.mid), cell.size, frame.pal.text, HPos::Left, VPos::Center)
}

/// CAC as money, "—" for none.
fn cac_text(c: &ChannelStat) -> String {
    format::or_none(c.cac.and_then(scale::finite), format::money)
}

/// ROI as a percentage, "—" for none.
fn roi_text(c: &ChannelStat) -> String {
    format::or_none(c.roi.and_then(scale::finite), format::percent)
}
