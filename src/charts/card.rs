//! The result card as a picture: the lines of a
//! [`funnel_engine::learn::ResultCard`] (title, date, each goal condition
//! with the learner's value, the key changes) on the chart background,
//! for the learner to download as a PNG and share.

use plotters::style::Color;
use plotters::style::text_anchor::{HPos, VPos};
use web_sys::HtmlCanvasElement;

use super::frame;
use super::{ChartError, ChartStyle};

/// The card's lines: the first is the title, a line `Goal …`/`What I …`
/// heads a block, an empty line is a gap.
#[derive(Clone, Debug, PartialEq)]
pub struct CardData {
    /// The lines, as [`funnel_engine::learn::ResultCard::lines`] gives them.
    pub lines: Vec<String>,
}

/// Height of one line in CSS pixels.
pub const LINE: f64 = 22.0;

/// The CSS height a card of `lines` lines needs.
pub fn height(lines: usize) -> u32 {
    (LINE * lines as f64 + 36.0).ceil() as u32
}

/// Draws the card: a coloured band at the left, the title in bold, block
/// headings in bold, the rest as text (long lines are cut with "…" to fit).
pub fn draw(canvas: &HtmlCanvasElement, data: &CardData, style: &ChartStyle) -> Result<(), ChartError> {
    let frame = frame::open(canvas, style)?;
    if data.lines.is_empty() {
        return Err(frame.no_data("Result card"));
    }
    let band = frame.pal.series(0);
    frame.rect((0, 0), (frame.px(6.0), frame.height), band.mix(1.0))?;
    let left = frame.px(20.0);
    let room = frame.width - left - frame.px(12.0);
    let mut y = frame.px(16.0);
    for (i, line) in data.lines.iter().enumerate() {
        let size = if i == 0 { 16.0 } else { 13.0 };
        let text = fit(&frame, line, size, room);
        let heading = i == 0 || line == "The goal" || line == "What I changed";
        if heading {
            frame.bold(&text, (left, y), size, frame.pal.text, HPos::Left, VPos::Top)?;
        } else {
            let colour = if i == 1 { frame.pal.muted } else { frame.pal.text };
            frame.text(&text, (left, y), size, colour, HPos::Left, VPos::Top)?;
        }
        y += frame.px(if line.is_empty() { LINE / 2.0 } else { LINE });
    }
    Ok(())
}

/// `line` cut to fit `room` device pixels at `size`.
fn fit(frame: &frame::Frame, line: &str, size: f64, room: i32) -> String {
    if frame.text_width(line, size) <= room {
        return line.to_string();
    }
    let mut out: String = line.chars().collect();
    while !out.is_empty() && frame.text_width(&format!("{out}…"), size) > room {
        out.pop();
    }
    format!("{out}…")
}
