//! The one error type of the charts.

use plotters::drawing::DrawingAreaErrorKind;

/// Why a chart could not be drawn. Drawing never panics: every failure ends here.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ChartError {
    /// The canvas has no 2d context (for example it already holds another kind).
    #[error("the canvas has no 2d drawing context")]
    NoContext,
    /// The canvas is too small to draw on (zero width or height, or a few pixels).
    #[error("the canvas is too small to draw on ({width}×{height} px)")]
    TooSmall {
        /// Canvas width in device pixels.
        width: u32,
        /// Canvas height in device pixels.
        height: u32,
    },
    /// Nothing to draw: no stages, series, channels or finite values. A
    /// "No data" message is drawn on the canvas before this is returned.
    #[error("no data to draw")]
    NoData,
    /// plotters or the canvas reported an error while drawing.
    #[error("drawing failed: {0}")]
    Drawing(String),
}

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for ChartError {
    fn from(e: DrawingAreaErrorKind<E>) -> Self {
        ChartError::Drawing(e.to_string())
    }
}
