//! Scenarios as links: the part of the address after `#s=`. Pure functions,
//! tested natively; the app's effects call them (`app::persistence`).
//!
//! The encoding is base64url (no padding) of minified JSON holding
//! `"version": 1` and only what differs from the version's frozen baseline
//! scenario ([`crate::baseline`]): within `market`, `budget`, `sales`,
//! `revenue` and `simulation` only the changed fields, `channels` only when
//! the list differs (each channel without the fields equal to a neutral
//! channel, which the scenario format fills in). Decoding lays that over
//! the baseline of the version the link names and reads it as a JSON v1
//! scenario file, so every rule of the format applies and every problem
//! comes back as a [`LinkError`] naming what was wrong — never a panic,
//! whatever the address holds.
//!
//! The baseline is part of the format, so it is frozen per version: it is
//! a copy of the default preset as it was when version 1 was published, not
//! the current default preset. Recalibrating the presets therefore changes
//! no link already shared (`tests/links_v1.rs` holds links made before the
//! recalibration and the scenarios they must still open as). The payload
//! carries the scenario file version, so a newer format is recognised and
//! refused politely.
//!
//! A scenario with a plan over time (format version 2) is linked with
//! [`encode_planned`]: the same version 1 payload of its scenario, with
//! `"version": 2` and the whole plan; [`decode_planned`] reads both
//! versions. [`decode`] stays the version 1 reader, so a build (or a page)
//! that does not know plans says the link comes from a newer Funnel Lab.

pub mod base64url;

use serde_json::{Map, Value};

use crate::baseline;
use crate::plan::{PLAN_VERSION, PlannedScenario};
use crate::scenario::{Channel, SCENARIO_VERSION, Scenario};
use crate::validation::{FieldError, ScenarioError, describe};

/// The fragment parameter that holds the scenario (`#s=…`).
pub const PARAM: &str = "s";

/// Longest encoded scenario accepted, in characters: far above any real
/// scenario (16 channels with every field set is about 7,000), far below
/// anything that could slow the page down.
pub const MAX_LEN: usize = 64 * 1024;

/// Why a link does not hold a scenario. The messages finish the sentence
/// "The link could not be opened: …".
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum LinkError {
    /// Nothing after `s=`.
    #[error("it holds no scenario (nothing follows \"#s=\")")]
    Empty,
    /// Longer than [`MAX_LEN`].
    #[error("it is too long ({length} characters; a scenario link has at most {max})")]
    TooLong {
        /// Characters found.
        length: usize,
        /// The limit.
        max: usize,
    },
    /// Not base64url: damaged or cut.
    #[error("it is damaged: {0}")]
    NotBase64(#[from] base64url::DecodeError),
    /// The bytes are not UTF-8 text.
    #[error("it is damaged: it does not decode to text")]
    NotText,
    /// The text is not JSON (cut short, altered, or not a scenario at all).
    #[error("it is damaged or cut short: {0}")]
    NotJson(String),
    /// JSON, but not an object.
    #[error("it does not hold a scenario (expected a JSON object)")]
    NotAnObject,
    /// No `version` field.
    #[error("it does not say which scenario format it uses (no \"version\")")]
    MissingVersion,
    /// A version other than a whole number.
    #[error("its scenario version {0} is not a version number")]
    BadVersion(String),
    /// Made by a newer Funnel Lab.
    #[error(
        "it was made by a newer version of Funnel Lab (scenario format {found}; this one reads format {supported})"
    )]
    FutureVersion {
        /// The version in the link.
        found: u64,
        /// The version this build reads.
        supported: u32,
    },
    /// A version older than any that existed.
    #[error("its scenario format {0} does not exist (this version reads format {SCENARIO_VERSION})")]
    UnknownVersion(u64),
    /// The scenario breaks rules of the format; every broken rule is listed.
    #[error("its scenario is invalid: {}", describe(.0))]
    Invalid(Vec<FieldError>),
}

impl LinkError {
    /// The message without the list of broken rules (for a page that lists
    /// [`LinkError::field_errors`] beneath it).
    pub fn short(&self) -> String {
        match self {
            LinkError::Invalid(errors) if errors.len() == 1 => "its scenario is invalid (1 problem)".into(),
            LinkError::Invalid(errors) => format!("its scenario is invalid ({} problems)", errors.len()),
            other => other.to_string(),
        }
    }

    /// The broken rules, each naming its field (empty unless [`LinkError::Invalid`]).
    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            LinkError::Invalid(errors) => errors,
            _ => &[],
        }
    }
}

impl From<ScenarioError> for LinkError {
    fn from(e: ScenarioError) -> Self {
        match e {
            ScenarioError::Syntax(message) => LinkError::NotJson(message),
            ScenarioError::Invalid(errors) => LinkError::Invalid(errors),
        }
    }
}

fn to_value<T: serde::Serialize>(value: &T) -> Value {
    // Plain structs of numbers and strings always serialise.
    serde_json::to_value(value).unwrap_or(Value::Null)
}

/// Fields of `object` that differ from `base` (both JSON objects).
fn changed_fields(object: &Map<String, Value>, base: Option<&Map<String, Value>>) -> Map<String, Value> {
    object
        .iter()
        .filter(|(key, value)| base.and_then(|b| b.get(*key)) != Some(*value))
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect()
}

/// The JSON a link holds: the version and what differs from the frozen
/// baseline of the current format version.
pub fn payload(scenario: &Scenario) -> Value {
    let full = to_value(scenario);
    let base = to_value(&baseline::for_version(u64::from(SCENARIO_VERSION)).unwrap_or_default());
    let neutral = to_value(&Channel::default());
    let (Some(full), Some(base)) = (full.as_object(), base.as_object()) else {
        return Value::Null;
    };
    let mut out = Map::new();
    out.insert("version".into(), Value::from(SCENARIO_VERSION));
    for (key, value) in full {
        let default = base.get(key);
        if key == "version" || default == Some(value) {
            continue;
        }
        let compact = match (key.as_str(), value) {
            ("channels", Value::Array(channels)) => Value::Array(
                channels
                    .iter()
                    .map(|c| {
                        c.as_object().map_or(Value::Null, |c| Value::Object(changed_fields(c, neutral.as_object())))
                    })
                    .collect(),
            ),
            (_, Value::Object(section)) => Value::Object(changed_fields(section, default.and_then(Value::as_object))),
            _ => value.clone(),
        };
        out.insert(key.clone(), compact);
    }
    Value::Object(out)
}

/// Encodes a scenario for the address (without `#s=`).
pub fn encode(scenario: &Scenario) -> String {
    base64url::encode(payload(scenario).to_string().as_bytes())
}

/// The whole fragment for a scenario and its plan (`#s=…`; a scenario
/// without a plan gets exactly its version 1 link), or `None` when it is
/// too large to be opened again (see [`MAX_LEN`]).
pub fn fragment(planned: &PlannedScenario) -> Option<String> {
    let code = encode_planned(planned);
    (code.len() <= MAX_LEN).then(|| format!("#{PARAM}={code}"))
}

/// The JSON a link to a scenario with a plan holds: the version 1 payload
/// of its scenario, `"version": 2` and the whole plan (plans are short).
/// Without a plan it is exactly [`payload`].
pub fn payload_planned(planned: &PlannedScenario) -> Value {
    let mut out = payload(&planned.scenario);
    if let (Some(plan), Value::Object(map)) = (&planned.plan, &mut out) {
        map.insert("version".into(), Value::from(PLAN_VERSION));
        map.insert("plan".into(), to_value(plan));
    }
    out
}

/// Encodes a scenario with its plan for the address (without `#s=`); a
/// build that reads only version 1 says the link comes from a newer version.
pub fn encode_planned(planned: &PlannedScenario) -> String {
    base64url::encode(payload_planned(planned).to_string().as_bytes())
}

/// Decodes a version 1 or 2 link (a version 1 link: no plan, exactly what
/// [`decode`] gives).
pub fn decode_planned(code: &str) -> Result<PlannedScenario, LinkError> {
    let Value::Object(mut diff) = diff_of(code)? else { return Err(LinkError::NotAnObject) };
    if diff.get("version").and_then(Value::as_u64) != Some(u64::from(PLAN_VERSION)) {
        return scenario_of(diff).map(PlannedScenario::from);
    }
    let Some(plan) = diff.remove("plan") else {
        return Err(LinkError::Invalid(vec![FieldError {
            field: "version".into(),
            message: "2 is not supported without a \"plan\"".into(),
        }]));
    };
    diff.insert("version".into(), Value::from(SCENARIO_VERSION));
    let scenario = scenario_of(diff)?;
    // Read as a file, so every rule of the format applies.
    let mut file = to_value(&scenario);
    if let Value::Object(map) = &mut file {
        map.insert("version".into(), Value::from(PLAN_VERSION));
        map.insert("plan".into(), plan);
    }
    Ok(PlannedScenario::from_json(&file.to_string())?)
}

/// Decodes a scenario from a link's code (what follows `#s=`).
pub fn decode(code: &str) -> Result<Scenario, LinkError> {
    match diff_of(code)? {
        Value::Object(diff) => scenario_of(diff),
        _ => Err(LinkError::NotAnObject),
    }
}

/// The JSON object a link's code holds (base64url of JSON, at most
/// [`MAX_LEN`] characters): every problem is a [`LinkError`].
pub(crate) fn diff_of(code: &str) -> Result<Value, LinkError> {
    let code = code.trim();
    if code.is_empty() {
        return Err(LinkError::Empty);
    }
    if code.len() > MAX_LEN {
        return Err(LinkError::TooLong { length: code.chars().count(), max: MAX_LEN });
    }
    let bytes = base64url::decode(code)?;
    let text = String::from_utf8(bytes).map_err(|_| LinkError::NotText)?;
    // serde_json refuses nesting deeper than 128 levels with an error, so
    // hostile nesting cannot exhaust the stack.
    let value: Value = serde_json::from_str(&text).map_err(|e| LinkError::NotJson(e.to_string()))?;
    if !value.is_object() {
        return Err(LinkError::NotAnObject);
    }
    Ok(value)
}

/// A version 1 payload ([`payload`]) laid over its baseline and read as a
/// scenario file.
pub(crate) fn scenario_of(diff: Map<String, Value>) -> Result<Scenario, LinkError> {
    let base = match diff.get("version") {
        None => return Err(LinkError::MissingVersion),
        Some(v) => match v.as_u64() {
            Some(n) if n > u64::from(SCENARIO_VERSION) => {
                return Err(LinkError::FutureVersion { found: n, supported: SCENARIO_VERSION });
            }
            // Each version decodes against its own frozen baseline.
            Some(n) => baseline::for_version(n).ok_or(LinkError::UnknownVersion(n))?,
            None => return Err(LinkError::BadVersion(v.to_string())),
        },
    };
    let Value::Object(mut merged) = to_value(&base) else {
        return Err(LinkError::NotAnObject);
    };
    for (key, value) in diff {
        match (merged.get_mut(&key), value) {
            // A section's fields lie over the baseline's; anything else replaces.
            (Some(Value::Object(section)), Value::Object(fields)) if key != "channels" => section.extend(fields),
            (_, value) => {
                merged.insert(key, value);
            }
        }
    }
    Ok(Scenario::from_json(&Value::Object(merged).to_string())?)
}

/// The value of parameter `name` in a fragment like `#s=…&x=1` (the `#` is
/// optional); `None` when it is absent.
pub fn fragment_param<'a>(fragment: &'a str, name: &str) -> Option<&'a str> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    fragment.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        (key == name).then_some(value)
    })
}

/// The scenario (with its plan, from a version 2 link) in an address
/// fragment: `None` when the fragment holds no `s=` parameter, else the
/// decoded scenario or why it could not be.
pub fn from_fragment(fragment: &str) -> Option<Result<PlannedScenario, LinkError>> {
    fragment_param(fragment, PARAM).map(decode_planned)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
