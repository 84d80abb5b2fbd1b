//! Colours and scaling: the light and dark palettes and the chart style the
//! caller passes to every `draw`.

use plotters::style::RGBColor;

use super::Owner;

/// How to draw: colour scheme and device pixel ratio.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChartStyle {
    /// Dark colour scheme (`prefers-color-scheme: dark`).
    pub dark: bool,
    /// `window.devicePixelRatio`: fonts, lines and margins are multiplied by it
    /// so that a canvas sized in device pixels looks the same, only sharper.
    pub pixel_ratio: f64,
}

impl Default for ChartStyle {
    fn default() -> Self {
        ChartStyle { dark: false, pixel_ratio: 1.0 }
    }
}

impl ChartStyle {
    /// The palette of this colour scheme.
    pub fn palette(&self) -> Palette {
        if self.dark { Palette::dark() } else { Palette::light() }
    }

    /// The pixel ratio made safe: a NaN, zero or absurd ratio from the
    /// browser would otherwise give invisible or gigantic text.
    pub fn ratio(&self) -> f64 {
        if self.pixel_ratio.is_finite() && self.pixel_ratio > 0.0 { self.pixel_ratio.clamp(0.5, 4.0) } else { 1.0 }
    }
}

/// The colours of one scheme. Owner and series colours come from the
/// Okabe–Ito set, which stays distinguishable with the common kinds of colour
/// blindness; each scheme uses the shades that contrast with its background.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Palette {
    /// Canvas background.
    pub background: RGBColor,
    /// Titles, labels and values.
    pub text: RGBColor,
    /// Secondary text: axis ticks, conversion rates, captions.
    pub muted: RGBColor,
    /// Grid lines.
    pub grid: RGBColor,
    /// Axis lines and markers.
    pub axis: RGBColor,
    /// Stages owned by marketing.
    pub marketing: RGBColor,
    /// Stages owned by sales.
    pub sales: RGBColor,
    /// Stages owned by customer success.
    pub customer_success: RGBColor,
    /// Colours for series, channels and curves, in order.
    pub series: [RGBColor; 8],
    /// Opacity of P10–P90 bands (a dark background needs more).
    pub band_alpha: f64,
}

impl Palette {
    /// Colours for a light background.
    pub fn light() -> Palette {
        Palette {
            background: RGBColor(255, 255, 255),
            text: RGBColor(31, 35, 40),
            muted: RGBColor(92, 99, 108),
            grid: RGBColor(228, 231, 235),
            axis: RGBColor(150, 156, 164),
            marketing: RGBColor(0, 114, 178),
            sales: RGBColor(213, 94, 0),
            customer_success: RGBColor(0, 158, 115),
            series: [
                RGBColor(0, 114, 178),   // blue
                RGBColor(213, 94, 0),    // vermillion
                RGBColor(0, 158, 115),   // bluish green
                RGBColor(204, 121, 167), // reddish purple
                RGBColor(230, 159, 0),   // orange
                RGBColor(86, 180, 233),  // sky blue
                RGBColor(60, 60, 60),    // near black
                RGBColor(170, 150, 0),   // dark yellow (yellow itself vanishes on white)
            ],
            band_alpha: 0.2,
        }
    }

    /// Colours for a dark background.
    pub fn dark() -> Palette {
        Palette {
            background: RGBColor(24, 26, 31),
            text: RGBColor(232, 234, 237),
            muted: RGBColor(163, 169, 178),
            grid: RGBColor(50, 54, 62),
            axis: RGBColor(112, 118, 128),
            marketing: RGBColor(86, 180, 233),
            sales: RGBColor(240, 145, 40),
            customer_success: RGBColor(40, 190, 140),
            series: [
                RGBColor(86, 180, 233),  // sky blue
                RGBColor(240, 145, 40),  // orange
                RGBColor(40, 190, 140),  // bluish green
                RGBColor(224, 150, 195), // reddish purple, lightened
                RGBColor(240, 228, 66),  // yellow
                RGBColor(235, 110, 40),  // vermillion, lightened
                RGBColor(210, 210, 210), // light grey
                RGBColor(90, 150, 220),  // blue, lightened (the pure one is too dark here)
            ],
            band_alpha: 0.3,
        }
    }

    /// The colour of an owner's stages.
    pub fn owner(&self, owner: Owner) -> RGBColor {
        match owner {
            Owner::Marketing => self.marketing,
            Owner::Sales => self.sales,
            Owner::CustomerSuccess => self.customer_success,
        }
    }

    /// Series colour `i`, repeating after the eighth.
    pub fn series(&self, i: usize) -> RGBColor {
        self.series[i % self.series.len()]
    }

    /// A colour as CSS hex (`#0072b2`), for HTML legends that match the charts.
    pub fn css(color: RGBColor) -> String {
        format!("#{:02x}{:02x}{:02x}", color.0, color.1, color.2)
    }
}
