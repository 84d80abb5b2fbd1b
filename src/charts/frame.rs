//! Canvas plumbing shared by every chart: opening the canvas, text and
//! lines scaled by the pixel ratio, axes with grid and tick labels, legends
//! and the "no data" message. The arithmetic behind axes is in scale.rs.
//!
//! Axes and legends are drawn here rather than with plotters' mesh and
//! series labels: those measure every label by inserting a `<span>` into the
//! page (a forced layout each time), which would cost milliseconds per
//! redraw while a slider moves. Our labels go straight to `fillText`.

use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;

use super::scale::{Scale, ticks};
use super::{ChartError, ChartStyle, Palette};

/// The whole canvas, in device pixels.
pub(super) type Area = DrawingArea<CanvasBackend, Shift>;

/// Below this many device pixels a side there is no room for any chart.
const MIN_SIDE: u32 = 24;
/// Average glyph width as a share of the font size, to size label columns
/// without measuring text in the DOM.
const GLYPH: f64 = 0.6;
const FONT: &str = "sans-serif";

/// An opened canvas: drawing area, palette and pixel ratio.
pub(super) struct Frame {
    /// The whole canvas, background already filled.
    pub area: Area,
    /// Colours of the chosen scheme.
    pub pal: Palette,
    /// Sanitised device pixel ratio.
    pub ratio: f64,
    /// Canvas width in device pixels.
    pub width: i32,
    /// Canvas height in device pixels.
    pub height: i32,
}

/// Checks the canvas size, gets its 2d context and fills the background.
pub(super) fn open(canvas: &HtmlCanvasElement, style: &ChartStyle) -> Result<Frame, ChartError> {
    let (width, height) = (canvas.width(), canvas.height());
    if width < MIN_SIDE || height < MIN_SIDE {
        return Err(ChartError::TooSmall { width, height });
    }
    let backend = CanvasBackend::with_canvas_object(canvas.clone()).ok_or(ChartError::NoContext)?;
    let area = backend.into_drawing_area();
    let pal = style.palette();
    area.fill(&pal.background)?;
    let to_i32 = |v: u32| i32::try_from(v).unwrap_or(i32::MAX);
    Ok(Frame { area, pal, ratio: style.ratio(), width: to_i32(width), height: to_i32(height) })
}

/// How a legend entry shows its colour.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Mark {
    /// A solid line (time series).
    Line,
    /// A dashed line (forecasts, expected-value lines).
    Dashed,
    /// A filled square (bars, bands).
    Block,
    /// A dot (marked points).
    Dot,
}

impl Frame {
    /// CSS pixels to device pixels.
    pub fn px(&self, css: f64) -> i32 {
        (css * self.ratio).round() as i32
    }

    /// A line width in device pixels (at least one).
    pub fn stroke(&self, css: f64) -> u32 {
        (css * self.ratio).round().max(1.0) as u32
    }

    /// Estimated width in device pixels of `text` at `size` CSS pixels.
    pub fn text_width(&self, text: &str, size: f64) -> i32 {
        (text.chars().count() as f64 * size * GLYPH * self.ratio).ceil() as i32
    }

    /// Draws `text` at `at` (device pixels), `size` in CSS pixels, anchored by `h`/`v`.
    pub fn text(
        &self,
        text: &str,
        at: (i32, i32),
        size: f64,
        color: RGBColor,
        h: HPos,
        v: VPos,
    ) -> Result<(), ChartError> {
        self.styled(text, at, size, color, (h, v), FontStyle::Normal)
    }

    /// Like [`Frame::text`], in bold.
    pub fn bold(
        &self,
        text: &str,
        at: (i32, i32),
        size: f64,
        color: RGBColor,
        h: HPos,
        v: VPos,
    ) -> Result<(), ChartError> {
        self.styled(text, at, size, color, (h, v), FontStyle::Bold)
    }

    fn styled(
        &self,
        text: &str,
        at: (i32, i32),
        size: f64,
        color: RGBColor,
        (h, v): (HPos, VPos),
        weight: FontStyle,
    ) -> Result<(), ChartError> {
        let px = (size * self.ratio * 10.0).round() / 10.0;
        let style = (FONT, px, weight).into_font().color(&color).pos(Pos::new(h, v));
        self.area.draw(&Text::new(text.to_string(), at, style))?;
        Ok(())
    }

    /// A straight or broken line through `points` (device pixels).
    pub fn line(&self, points: Vec<(i32, i32)>, color: RGBAColor, width: f64, dashed: bool) -> Result<(), ChartError> {
        let style = ShapeStyle::from(&color).stroke_width(self.stroke(width));
        if dashed {
            let (dash, gap) = (self.px(6.0).max(2), self.px(4.0).max(2));
            self.area.draw(&DashedPathElement::new(points, dash, gap, style))?;
        } else {
            self.area.draw(&PathElement::new(points, style))?;
        }
        Ok(())
    }

    /// A filled polygon through `points` (device pixels).
    pub fn fill(&self, points: Vec<(i32, i32)>, color: RGBAColor) -> Result<(), ChartError> {
        self.area.draw(&Polygon::new(points, ShapeStyle::from(&color).filled()))?;
        Ok(())
    }

    /// A dot of `radius` CSS pixels with a ring in the background colour, so
    /// it stands out where it sits on a line of the same colour.
    pub fn dot(&self, at: (i32, i32), radius: f64, color: RGBColor) -> Result<(), ChartError> {
        let r = self.stroke(radius);
        self.area.draw(&Circle::new(at, r + self.stroke(1.5), ShapeStyle::from(&self.pal.background).filled()))?;
        self.area.draw(&Circle::new(at, r, ShapeStyle::from(&color).filled()))?;
        Ok(())
    }

    /// A filled rectangle between two corners (device pixels).
    pub fn rect(&self, a: (i32, i32), b: (i32, i32), color: RGBAColor) -> Result<(), ChartError> {
        self.area.draw(&Rectangle::new([a, b], ShapeStyle::from(&color).filled()))?;
        Ok(())
    }

    /// The chart title at the top left; returns the y below it.
    pub fn title(&self, title: &str) -> Result<i32, ChartError> {
        if title.is_empty() {
            return Ok(self.px(8.0));
        }
        self.bold(title, (self.px(10.0), self.px(8.0)), 14.0, self.pal.text, HPos::Left, VPos::Top)?;
        Ok(self.px(30.0))
    }

    /// Writes "No data" in the middle of the canvas and returns
    /// [`ChartError::NoData`] (or the drawing error, if writing failed).
    pub fn no_data(&self, title: &str) -> ChartError {
        let drawn = self.title(title).and_then(|_| {
            let centre = (self.width / 2, self.height / 2);
            self.text("No data", centre, 13.0, self.pal.muted, HPos::Center, VPos::Center)
        });
        drawn.err().unwrap_or(ChartError::NoData)
    }

    /// A legend row across the canvas (wrapping) starting at height `y`;
    /// returns the y below it.
    pub fn legend(&self, items: &[(String, RGBColor, Mark)], y: i32) -> Result<i32, ChartError> {
        let (x, max_x) = (self.px(10.0), self.width - self.px(10.0));
        let (size, swatch, gap, row) = (11.0, self.px(16.0), self.px(14.0), self.px(17.0));
        let (mut cx, mut cy) = (x, y);
        for (label, color, mark) in items {
            let w = swatch + self.px(5.0) + self.text_width(label, size);
            if cx > x && cx + w > max_x {
                cx = x;
                cy += row;
            }
            let mid = cy + row / 2;
            match mark {
                Mark::Block => {
                    let s = self.px(5.0);
                    self.rect((cx + swatch / 2 - s, mid - s), (cx + swatch / 2 + s, mid + s), color.to_rgba())?
                }
                Mark::Dot => self.dot((cx + swatch / 2, mid), 4.0, *color)?,
                Mark::Line | Mark::Dashed => {
                    self.line(vec![(cx, mid), (cx + swatch, mid)], color.to_rgba(), 2.5, *mark == Mark::Dashed)?
                }
            }
            self.text(label, (cx + swatch + self.px(5.0), mid), size, self.pal.text, HPos::Left, VPos::Center)?;
            cx += w + gap;
        }
        Ok(cy + row)
    }

    /// Draws grid, ticks and tick labels for a plot from height `top` down
    /// to the bottom of the canvas (inside the margins every chart keeps),
    /// leaving room on the left for the y labels, and returns the scales
    /// that map data into the plot.
    pub fn axes(&self, top: i32, spec: &AxisSpec) -> Result<Plot, ChartError> {
        let (size, pad) = (10.5, self.px(6.0));
        // A second y axis (a plan line's own scale) takes room on the right.
        let y2 = spec.y2.as_ref().map(|a| {
            let ticks = ticks(a.domain.0, a.domain.1, ((self.height - top) / self.px(42.0)).clamp(2, 6) as usize);
            let labels: Vec<String> = ticks.iter().map(|&v| (a.fmt)(v)).collect();
            let width = labels.iter().map(|l| self.text_width(l, size)).max().unwrap_or(0);
            (a.domain, ticks, labels, width)
        });
        let right_room = y2.as_ref().map_or(self.px(16.0), |(_, _, _, w)| w + pad * 2);
        let (left, right, bottom) = (self.px(10.0), self.width - right_room, self.height - self.px(6.0));
        let mut y_ticks = ticks(spec.y.0, spec.y.1, ((bottom - top) / self.px(42.0)).clamp(2, 8) as usize);
        if spec.y_integer {
            y_ticks.retain(|v| v.fract() == 0.0);
        }
        let y_labels: Vec<String> = y_ticks.iter().map(|&v| (spec.y_fmt)(v)).collect();
        let label_w = y_labels.iter().map(|l| self.text_width(l, size)).max().unwrap_or(0);
        let plot_left = left + label_w + pad * 2;
        let plot_bottom = bottom - self.px(size * 1.4) - pad - if spec.x_title.is_empty() { 0 } else { self.px(16.0) };
        let plot = Plot {
            x: Scale::new(spec.x, (plot_left, right)),
            y: Scale::new(spec.y, (plot_bottom, top)),
            y2: y2.as_ref().map(|(domain, ..)| Scale::new(*domain, (plot_bottom, top))),
            left: plot_left,
            top,
            right,
            bottom: plot_bottom,
        };
        let grid = self.pal.grid.to_rgba();
        for (&v, label) in y_ticks.iter().zip(&y_labels) {
            let py = plot.y.px(v);
            self.line(vec![(plot_left, py), (right, py)], grid, 1.0, false)?;
            self.text(label, (plot_left - pad, py), size, self.pal.muted, HPos::Right, VPos::Center)?;
        }
        if let (Some((_, ticks, labels, _)), Some(scale)) = (&y2, &plot.y2) {
            let colour = spec.y2.as_ref().map_or(self.pal.muted, |a| a.colour);
            for (&v, label) in ticks.iter().zip(labels) {
                self.text(label, (right + pad, scale.px(v)), size, colour, HPos::Left, VPos::Center)?;
            }
        }
        let x_count = ((right - plot_left) / self.px(64.0)).clamp(2, 12) as usize;
        let mut x_ticks = ticks(spec.x.0, spec.x.1, x_count);
        if spec.x_integer {
            x_ticks.retain(|v| v.fract() == 0.0);
        }
        for &v in &x_ticks {
            let px = plot.x.px(v);
            self.line(vec![(px, plot_bottom), (px, plot_bottom + pad)], self.pal.axis.to_rgba(), 1.0, false)?;
            let label = (spec.x_fmt)(v);
            // A label centred on the last tick would run off the canvas.
            let half = self.text_width(&label, size) / 2;
            let anchor = if px + half > self.width { HPos::Right } else { HPos::Center };
            self.text(&label, (px, plot_bottom + pad + self.px(2.0)), size, self.pal.muted, anchor, VPos::Top)?;
        }
        self.line(vec![(plot_left, plot_bottom), (right, plot_bottom)], self.pal.axis.to_rgba(), 1.0, false)?;
        if !spec.x_title.is_empty() {
            self.text(spec.x_title, (right, bottom), 11.0, self.pal.muted, HPos::Right, VPos::Bottom)?;
        }
        if !spec.y_title.is_empty() {
            // Clear of the top tick label, which is centred on the top edge.
            self.text(spec.y_title, (left, top - self.px(9.0)), 11.0, self.pal.muted, HPos::Left, VPos::Bottom)?;
        }
        Ok(plot)
    }
}

/// What [`Frame::axes`] needs to know about the data.
pub(super) struct AxisSpec<'a> {
    /// x domain (already padded, `lo < hi`).
    pub x: (f64, f64),
    /// y domain (already padded, `lo < hi`).
    pub y: (f64, f64),
    /// Tick label of an x value.
    pub x_fmt: &'a dyn Fn(f64) -> String,
    /// Tick label of a y value.
    pub y_fmt: &'a dyn Fn(f64) -> String,
    /// Only whole-number ticks on x (weeks).
    pub x_integer: bool,
    /// Only whole-number ticks on y (counts of runs).
    pub y_integer: bool,
    /// Written under the x axis at the right ("" for none).
    pub x_title: &'a str,
    /// Written above the y axis at the left ("" for none).
    pub y_title: &'a str,
    /// A second y axis, labelled on the right (a plan line's own scale).
    pub y2: Option<SecondAxis<'a>>,
}

/// The right-hand y axis of [`AxisSpec::y2`].
pub(super) struct SecondAxis<'a> {
    /// Its domain (already padded, `lo < hi`).
    pub domain: (f64, f64),
    /// Tick label of a value.
    pub fmt: &'a dyn Fn(f64) -> String,
    /// Colour of its labels (the line's).
    pub colour: RGBColor,
}

/// The plotting rectangle and its scales, from [`Frame::axes`].
pub(super) struct Plot {
    pub x: Scale,
    pub y: Scale,
    /// The right-hand axis, when the spec has one.
    pub y2: Option<Scale>,
    pub left: i32,
    pub top: i32,
    pub right: i32,
    pub bottom: i32,
}

impl Plot {
    /// Where a label for a vertical line at `x` goes: `gap` device pixels
    /// to the side with more room (anchor and x offset), so it stays on
    /// the canvas.
    pub fn label_beside(&self, x: i32, gap: i32) -> (HPos, i32) {
        if x > (self.left + self.right) / 2 { (HPos::Right, -gap) } else { (HPos::Left, gap) }
    }
}
