//! The embed widget's address: `?embed&controls=…&charts=…` before the
//! scenario fragment `#s=…`. Controls are named by the ids of
//! [`funnel_engine::fields`] (`budget-per-week`, `sales-win-rate`, `channel-0-share`
//! …), charts by their `data-chart` names (`funnel`, `new-customers` …).
//! Reading and writing that query is pure (no DOM), so the dialog that
//! writes it and the widget that reads it agree by construction.

use funnel_engine::Scenario;
use funnel_engine::fields::Field;

/// Most charts a widget shows (it must stay compact).
pub const MAX_CHARTS: usize = 2;

/// The query key that turns the page into the widget.
pub const EMBED_KEY: &str = "embed";

/// A chart the widget can show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EmbedChart {
    /// The funnel over the whole horizon.
    Funnel,
    /// New customers per week.
    NewCustomers,
    /// Revenue and cost per week.
    RevenueCost,
    /// MQL backlog and leads gone cold per week.
    Backlog,
    /// Per-channel results.
    Channels,
    /// Spend → new-aware response curves.
    Response,
}

impl EmbedChart {
    /// Every chart, in the order the dialog offers them.
    pub const ALL: [EmbedChart; 6] = [
        EmbedChart::Funnel,
        EmbedChart::NewCustomers,
        EmbedChart::RevenueCost,
        EmbedChart::Backlog,
        EmbedChart::Channels,
        EmbedChart::Response,
    ];

    /// The `data-chart` name, as used in the query.
    pub fn name(self) -> &'static str {
        match self {
            EmbedChart::Funnel => "funnel",
            EmbedChart::NewCustomers => "new-customers",
            EmbedChart::RevenueCost => "revenue-cost",
            EmbedChart::Backlog => "backlog",
            EmbedChart::Channels => "channels",
            EmbedChart::Response => "response",
        }
    }

    /// What a person reads in the dialog.
    pub fn label(self) -> &'static str {
        match self {
            EmbedChart::Funnel => "The funnel",
            EmbedChart::NewCustomers => "New customers per week",
            EmbedChart::RevenueCost => "Revenue and cost per week",
            EmbedChart::Backlog => "Lead backlog and cold leads",
            EmbedChart::Channels => "Results per channel",
            EmbedChart::Response => "Response curves",
        }
    }

    /// The chart with this `data-chart` name.
    pub fn from_name(name: &str) -> Option<EmbedChart> {
        EmbedChart::ALL.into_iter().find(|c| c.name() == name)
    }
}

/// What the widget shows.
#[derive(Clone, Debug, PartialEq)]
pub struct EmbedParams {
    /// Controls, in the order asked for.
    pub controls: Vec<Field>,
    /// One or two charts.
    pub charts: Vec<EmbedChart>,
    /// Names in the query that were not understood (or one chart too many),
    /// shown in the widget so its author can fix the snippet.
    pub ignored: Vec<String>,
}

impl Default for EmbedParams {
    /// The budget slider and the funnel.
    fn default() -> Self {
        EmbedParams { controls: vec![Field::BudgetPerWeek], charts: vec![EmbedChart::Funnel], ignored: Vec::new() }
    }
}

impl EmbedParams {
    /// Whether a query string (`?embed&…`, the `?` optional) asks for the widget.
    pub fn requested(query: &str) -> bool {
        pairs(query).any(|(key, _)| key == EMBED_KEY)
    }

    /// Reads `controls=` and `charts=` (comma-separated; absent = the
    /// default, empty = none) for `scenario`, whose channels decide which
    /// channel controls exist. Never fails: what is not understood is
    /// listed in [`EmbedParams::ignored`].
    pub fn parse(query: &str, scenario: &Scenario) -> EmbedParams {
        let mut params = EmbedParams::default();
        // The seed has no slider worth showing readers: it is left out.
        let fields: Vec<Field> = Field::all(scenario).into_iter().filter(|f| *f != Field::Seed).collect();
        for (key, value) in pairs(query) {
            match key.as_str() {
                "controls" => {
                    params.controls.clear();
                    for name in list(&value) {
                        match fields.iter().find(|f| f.id() == name) {
                            Some(f) if !params.controls.contains(f) => params.controls.push(*f),
                            Some(_) => {}
                            None => params.ignored.push(format!("control “{name}”")),
                        }
                    }
                }
                "charts" => {
                    params.charts.clear();
                    for name in list(&value) {
                        match EmbedChart::from_name(&name) {
                            Some(c) if params.charts.contains(&c) => {}
                            Some(c) if params.charts.len() < MAX_CHARTS => params.charts.push(c),
                            Some(_) => params.ignored.push(format!("chart “{name}” (at most {MAX_CHARTS} charts)")),
                            None => params.ignored.push(format!("chart “{name}”")),
                        }
                    }
                }
                _ => {}
            }
        }
        params
    }

    /// The query for these controls and charts: `?embed&controls=…&charts=…`.
    pub fn query(&self) -> String {
        let controls: Vec<String> = self.controls.iter().map(|f| f.id()).collect();
        let charts: Vec<&str> = self.charts.iter().map(|c| c.name()).collect();
        format!("?{EMBED_KEY}&controls={}&charts={}", controls.join(","), charts.join(","))
    }
}

/// The value of `key` in a query string (`?a=1&b=2`), decoded.
pub fn query_value(query: &str, key: &str) -> Option<String> {
    pairs(query).find(|(k, _)| k == key).map(|(_, v)| v)
}

/// `key=value` pairs of a query string, percent-decoded (`+` is a space).
fn pairs(query: &str) -> impl Iterator<Item = (String, String)> + '_ {
    query.trim_start_matches('?').split('&').filter(|p| !p.is_empty()).map(|pair| {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        (decode(key), decode(value))
    })
}

/// The non-empty, trimmed items of a comma-separated list.
fn list(value: &str) -> impl Iterator<Item = String> + '_ {
    value.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

/// Percent-decoding; a malformed escape is kept as written, invalid UTF-8
/// is replaced (an address is typed by people: never fail on it).
fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push((h * 16 + l) as u8);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The `<iframe>` for a widget at `src` (an address as built by
/// [`EmbedParams::query`] plus a fragment), `width` × `height` CSS pixels,
/// titled after the scenario. Everything put in an attribute is escaped: a
/// scenario name holding markup stays text.
pub fn iframe_snippet(src: &str, scenario_name: &str, width: u32, height: u32) -> String {
    let name = scenario_name.trim();
    let title = if name.is_empty() {
        "Funnel Lab: interactive funnel simulator".to_string()
    } else {
        format!("Funnel Lab: {name}")
    };
    format!(
        "<iframe src=\"{}\" title=\"{}\" width=\"{width}\" height=\"{height}\" style=\"border:0;max-width:100%\" loading=\"lazy\"></iframe>",
        escape_attr(src),
        escape_attr(&title)
    )
}

/// The script a page adds once to size every widget frame from `origin` to
/// the height the widget reports.
pub fn resize_script(origin: &str) -> String {
    format!(
        r#"<script>
/* Funnel Lab widgets: size each frame to the height its widget reports. */
window.addEventListener("message", function (e) {{
  if (e.origin !== "{}" || !e.data || e.data.type !== "{}" || typeof e.data.height !== "number") return;
  document.querySelectorAll("iframe").forEach(function (f) {{
    if (f.contentWindow === e.source) f.style.height = e.data.height + "px";
  }});
}});
</script>"#,
        origin.replace(['"', '\\', '<', '>'], ""),
        super::embed::HEIGHT_MESSAGE
    )
}

/// Escapes text for a double-quoted HTML attribute.
fn escape_attr(text: &str) -> String {
    text.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;")
}
