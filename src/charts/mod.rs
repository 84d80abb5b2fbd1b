//! Charts drawn with plotters on an HTML canvas (wasm32 only).
//!
//! Every chart is a plain function in its own module:
//! `draw(canvas, data, style) -> Result<(), ChartError>`, with no Yew inside.
//! The caller sizes the canvas's `width`/`height` attributes (CSS size ×
//! `devicePixelRatio`) before drawing; `draw` uses that pixel size and
//! scales fonts, lines and margins by [`ChartStyle::pixel_ratio`].
//!
//! Shared pieces: [`ChartError`] (error.rs), colours and scaling
//! ([`ChartStyle`], [`Palette`] in theme.rs), the canvas, axis and legend
//! helpers every chart uses (frame.rs) and the arithmetic of scales and
//! ticks (scale.rs).

pub mod card;
pub mod channels;
pub mod funnel;
pub mod histogram;
pub mod response;
pub mod timeseries;
pub mod tornado;

mod error;
mod frame;
mod scale;
mod theme;

pub use error::ChartError;
pub use theme::{ChartStyle, Palette};

/// Who owns a funnel stage; decides the stage's colour in every chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Owner {
    /// Awareness, visits, leads: the marketing team's stages.
    Marketing,
    /// Worked leads, SQLs, opportunities, deals won.
    Sales,
    /// Customers after the sale (retention, churn).
    CustomerSuccess,
}

impl Owner {
    /// The owner's name for legends: "Marketing", "Sales", "Customer success".
    pub fn label(self) -> &'static str {
        match self {
            Owner::Marketing => "Marketing",
            Owner::Sales => "Sales",
            Owner::CustomerSuccess => "Customer success",
        }
    }
}

/// What the numbers on an axis are; picks the `funnel_engine::format` function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// People or things, compact: `1.2k`.
    People,
    /// Money, compact: `$48k`.
    Money,
    /// A share shown as a percentage: `21 %`.
    Share,
}

impl Unit {
    /// `x` formatted for an axis tick or label in this unit.
    pub fn format(self, x: f64) -> String {
        match self {
            Unit::People => funnel_engine::format::count(x),
            Unit::Money => funnel_engine::format::money_short(x),
            Unit::Share => funnel_engine::format::percent(x),
        }
    }
}
