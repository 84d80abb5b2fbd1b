//! Response curves: spend per week → new aware people per week for each
//! channel, with the current operating point marked and, for a proposed
//! plan, its point and the spend range its bounds allow.

use web_sys::HtmlCanvasElement;

use plotters::style::Color;

use super::frame::{self, AxisSpec, Mark};
use super::{ChartError, ChartStyle, scale};
use funnel_engine::format;

/// One channel's response curve.
#[derive(Clone, Debug, PartialEq)]
pub struct ResponseCurve {
    /// Channel name.
    pub channel: String,
    /// `(spend per week, new aware per week)` points, by increasing spend.
    pub points: Vec<(f64, f64)>,
    /// The channel's current `(spend, new aware)`.
    pub current: (f64, f64),
    /// A proposed plan's `(spend, new aware)`, if there is one.
    pub proposed: Option<(f64, f64)>,
    /// The spend range `(low, high)` the plan's bounds allow, drawn as a
    /// thick stretch of the curve.
    pub feasible: Option<(f64, f64)>,
}

/// The data of the response chart.
#[derive(Clone, Debug, PartialEq)]
pub struct ResponseData {
    /// One curve per channel.
    pub curves: Vec<ResponseCurve>,
}

/// Draws every curve in its channel's series colour on shared axes (spend
/// per week → new aware per week), with a dot at the current operating
/// point, and a legend. Non-finite points are skipped; without curves or
/// finite points it writes "No data" and returns [`ChartError::NoData`].
pub fn draw(canvas: &HtmlCanvasElement, data: &ResponseData, style: &ChartStyle) -> Result<(), ChartError> {
    let frame = frame::open(canvas, style)?;
    let finite_point = |&(x, y): &(f64, f64)| scale::finite(x).zip(scale::finite(y));
    let all = || data.curves.iter().flat_map(|c| c.points.iter().chain([&c.current]).filter_map(finite_point));
    let (Some(x_bounds), Some(y_bounds)) = (scale::bounds(all().map(|p| p.0)), scale::bounds(all().map(|p| p.1)))
    else {
        return Err(frame.no_data(""));
    };

    let mut items: Vec<_> =
        data.curves.iter().enumerate().map(|(i, c)| (c.channel.clone(), frame.pal.series(i), Mark::Line)).collect();
    items.push(("current spend".to_string(), frame.pal.text, Mark::Dot));
    if data.curves.iter().any(|c| c.proposed.is_some()) {
        items.push(("proposed (ring), allowed range (thick)".to_string(), frame.pal.muted, Mark::Line));
    }
    let legend_bottom = frame.legend(&items, frame.px(8.0))?;
    let spec = AxisSpec {
        x: scale::nice_domain(x_bounds, true),
        y: scale::nice_domain(y_bounds, true),
        x_fmt: &format::money_short,
        y_fmt: &format::count,
        x_integer: false,
        y_integer: false,
        x_title: "spend per week",
        y_title: "new aware per week",
        y2: None,
    };
    let plot = frame.axes(legend_bottom + frame.px(26.0), &spec)?;

    let to_px = |(x, y): (f64, f64)| (plot.x.px(x), plot.y.px(y));
    for (i, curve) in data.curves.iter().enumerate() {
        // Skipping a bad point joins its neighbours: a response curve is smooth.
        let points: Vec<_> = curve.points.iter().filter_map(finite_point).map(to_px).collect();
        frame.line(points, frame.pal.series(i).to_rgba(), 2.0, false)?;
    }
    for (i, curve) in data.curves.iter().enumerate() {
        if let Some((lo, hi)) = curve.feasible {
            let inside: Vec<_> =
                curve.points.iter().filter(|(x, _)| *x >= lo && *x <= hi).filter_map(finite_point).map(to_px).collect();
            if inside.len() > 1 {
                frame.line(inside, frame.pal.series(i).mix(0.35), 9.0, false)?;
            }
        }
    }
    for (i, curve) in data.curves.iter().enumerate() {
        if let Some(current) = finite_point(&curve.current) {
            frame.dot(to_px(current), 4.5, frame.pal.series(i))?;
        }
        if let Some(proposed) = curve.proposed.as_ref().and_then(finite_point) {
            let at = to_px(proposed);
            frame.dot(at, 7.0, frame.pal.text)?;
            frame.dot(at, 5.0, frame.pal.background)?;
            frame.dot(at, 3.0, frame.pal.series(i))?;
        }
    }
    frame.area.present()?;
    Ok(())
}
