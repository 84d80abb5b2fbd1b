//! The funnel: people at each stage, one horizontal bar per stage coloured by
//! the stage's owner, with the conversion rate between consecutive stages.
//!
//! Bars are centred (the funnel look) and their widths follow a log scale:
//! a market of 100k people and 50 customers differ by three orders of
//! magnitude, and on a linear scale every stage after the first few would
//! be a hair. The exact values and rates are written beside the bars.
//!
//! Where marketing's last stage meets sales' first (the lead queue, where
//! the service-level agreement between the teams applies) a dashed line
//! marks the hand-off, labelled "hand-off (SLA)" with the team above and
//! below it.

use web_sys::HtmlCanvasElement;

use plotters::style::Color;
use plotters::style::text_anchor::{HPos, VPos};

use super::frame::{self, Frame, Mark};
use super::{ChartError, ChartStyle, Owner, scale};
use funnel_engine::format;

/// One stage of the funnel.
#[derive(Clone, Debug, PartialEq)]
pub struct FunnelStage {
    /// Stage name ("Aware", "Leads", ...).
    pub label: String,
    /// Who owns the stage: decides its colour.
    pub owner: Owner,
    /// People at the stage.
    pub value: f64,
}

/// The data of the funnel chart, stages from top to bottom.
#[derive(Clone, Debug, PartialEq)]
pub struct FunnelData {
    /// Chart title.
    pub title: String,
    /// Stages in funnel order.
    pub stages: Vec<FunnelStage>,
    /// Whether to write the conversion between consecutive stages (a
    /// funnel of flows); off for stocks such as the pipeline's stages.
    pub conversions: bool,
}

/// Draws one centred bar per stage, its value on the right and, between
/// two stages, the conversion `value[i] / value[i - 1]` ("—" when the
/// previous stage is 0). A non-finite value is shown as "—" with no bar;
/// without stages or finite values it writes "No data" and returns
/// [`ChartError::NoData`].
pub fn draw(canvas: &HtmlCanvasElement, data: &FunnelData, style: &ChartStyle) -> Result<(), ChartError> {
    let frame = frame::open(canvas, style)?;
    // Negative people make no sense; treat them like missing values.
    let values: Vec<Option<f64>> = data.stages.iter().map(|s| scale::finite(s.value).filter(|v| *v >= 0.0)).collect();
    let Some((_, max)) = scale::bounds(values.iter().flatten().copied()) else {
        return Err(frame.no_data(&data.title));
    };

    let title_bottom = frame.title(&data.title)?;
    let top = draw_legend(&frame, data, title_bottom)? + frame.px(4.0);
    let bottom = frame.height - frame.px(18.0);

    let n = data.stages.len() as i32;
    let row = ((bottom - top) / n).max(1);
    // Text shrinks (in CSS pixels) when many stages share a short canvas.
    let row_css = f64::from(row) / frame.ratio;
    let size = (row_css * 0.42).clamp(7.0, 12.0);
    let label_w = data.stages.iter().map(|s| frame.text_width(&s.label, size)).max().unwrap_or(0);
    let label_right = frame.px(10.0) + label_w.min(frame.width * 3 / 10);
    let value_w = frame.text_width("↓ 100 %", size).max(frame.text_width("888.8k", size));
    let value_left = frame.width - frame.px(10.0) - value_w;
    let (bar_left, bar_right) = (label_right + frame.px(12.0), value_left - frame.px(12.0));
    let centre = (bar_left + bar_right) / 2;
    let half_max = f64::from((bar_right - bar_left).max(0)) / 2.0;

    for (i, (stage, value)) in data.stages.iter().zip(&values).enumerate() {
        let y0 = top + row * i as i32;
        let mid = y0 + row / 2;
        let half_bar = (f64::from(row) * 0.32).round() as i32;
        if let Some(v) = value.filter(|v| *v > 0.0) {
            let half = (half_max * log_share(v, max)).round().max(f64::from(frame.px(1.5))) as i32;
            let color = frame.pal.owner(stage.owner).to_rgba();
            frame.rect((centre - half, mid - half_bar), (centre + half, mid + half_bar), color)?;
        }
        frame.text(&stage.label, (label_right, mid), size, frame.pal.text, HPos::Right, VPos::Center)?;
        let shown = value.map_or_else(|| "—".to_string(), format::count);
        frame.bold(&shown, (value_left, mid), size, frame.pal.text, HPos::Left, VPos::Center)?;
        if i > 0 && data.conversions {
            let rate = conversion(values[i - 1], *value);
            let text = format!("↓ {}", format::or_none(rate, format::percent));
            frame.text(&text, (value_left, y0), size * 0.9, frame.pal.muted, HPos::Left, VPos::Center)?;
        }
    }
    // After the bars: the label sits on top of their edges.
    if let Some(at) = handoff(&data.stages) {
        draw_handoff(&frame, data, at, top + row * at as i32, (frame.px(10.0), bar_right), size * 0.85)?;
    }
    frame.text(
        "bar width: log scale",
        (frame.width - frame.px(10.0), frame.height - frame.px(6.0)),
        9.5,
        frame.pal.muted,
        HPos::Right,
        VPos::Bottom,
    )?;
    frame.area.present()?;
    Ok(())
}

/// The index of the first sales stage right after a marketing stage: the
/// hand-off from marketing to sales is drawn above it.
pub fn handoff(stages: &[FunnelStage]) -> Option<usize> {
    stages.windows(2).position(|w| w[0].owner == Owner::Marketing && w[1].owner == Owner::Sales).map(|i| i + 1)
}

/// The dashed hand-off line at `y` from `left` to `right`, its label in the
/// middle on the background, and the two teams' names at its ends when they fit.
fn draw_handoff(
    frame: &Frame,
    data: &FunnelData,
    at: usize,
    y: i32,
    (left, right): (i32, i32),
    size: f64,
) -> Result<(), ChartError> {
    let color = frame.pal.muted.to_rgba();
    frame.line(vec![(left, y), (right, y)], color, 1.0, true)?;
    let label = "hand-off (SLA)";
    let w = frame.text_width(label, size);
    let h = frame.px(size * 1.3);
    let centre = (left + right) / 2;
    frame.rect(
        (centre - w / 2 - frame.px(3.0), y - h / 2),
        (centre + w / 2 + frame.px(3.0), y + h / 2),
        frame.pal.background.to_rgba(),
    )?;
    frame.text(label, (centre, y), size, frame.pal.text, HPos::Center, VPos::Center)?;
    let above = format!("{} ↑", data.stages[at - 1].owner.label());
    let below = format!("↓ {}", data.stages[at].owner.label());
    let room = (right - left - w) / 2 - frame.px(12.0);
    if frame.text_width(&above, size) <= room && frame.text_width(&below, size) <= room {
        for (text, x, at_left) in [(above, left, true), (below, right, false)] {
            let tw = frame.text_width(&text, size);
            let (x0, h_pos) = if at_left { (x, HPos::Left) } else { (x - tw, HPos::Right) };
            frame.rect(
                (x0 - frame.px(2.0), y - h / 2),
                (x0 + tw + frame.px(2.0), y + h / 2),
                frame.pal.background.to_rgba(),
            )?;
            frame.text(&text, (x, y), size, frame.pal.muted, h_pos, VPos::Center)?;
        }
    }
    Ok(())
}

/// `value / previous`, `None` when either is missing or the previous is 0.
fn conversion(previous: Option<f64>, value: Option<f64>) -> Option<f64> {
    previous.zip(value).filter(|(p, _)| *p > 0.0).map(|(p, v)| v / p)
}

/// Bar width as a share of the widest, on a log scale (1 person → a sliver).
fn log_share(value: f64, max: f64) -> f64 {
    let share = (1.0 + value).ln() / (1.0 + max).ln();
    if share.is_finite() { share.clamp(0.0, 1.0) } else { 0.0 }
}

/// One legend entry per owner present, in funnel order.
fn draw_legend(frame: &Frame, data: &FunnelData, y: i32) -> Result<i32, ChartError> {
    let mut owners: Vec<Owner> = Vec::new();
    for stage in &data.stages {
        if !owners.contains(&stage.owner) {
            owners.push(stage.owner);
        }
    }
    let items: Vec<_> = owners.iter().map(|&o| (o.label().to_string(), frame.pal.owner(o), Mark::Block)).collect();
    frame.legend(&items, y)
}
