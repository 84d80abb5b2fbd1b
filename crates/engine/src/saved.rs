//! What the web app keeps in the browser's `localStorage`, as pure
//! functions tested natively (the app's `persistence` module makes the
//! storage calls): the autosaved current scenario, the list of named saved
//! scenarios, and file names for exports.
//!
//! Keys carry a format version (`….v1`). The saved list is
//! `{"version": 1, "scenarios": [{"name", "saved_at", "scenario"}]}`; each
//! scenario is kept as the JSON it was saved as and only read when opened,
//! so one damaged entry never costs the others.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::plan::PlannedScenario;
use crate::validation::ScenarioError;

/// Key of the autosaved current scenario (a JSON v1 scenario).
pub const AUTOSAVE_KEY: &str = "funnel-lab.autosave.v1";
/// `sessionStorage` key of this tab's current scenario: a reload shows
/// exactly what the tab showed, even if the address had not caught up yet
/// (it is rewritten a moment after the last change) or another tab has
/// autosaved since.
pub const TAB_KEY: &str = "funnel-lab.tab.v1";
/// Key of the named saved scenarios.
pub const SAVED_KEY: &str = "funnel-lab.saved.v1";
/// Appended to a key to keep a value that could not be read, so replacing
/// it loses nothing.
pub const UNREADABLE_SUFFIX: &str = ".unreadable";
/// Version of the saved-list format.
pub const SAVED_VERSION: u64 = 1;
/// Longest scenario or saved name, in characters.
pub const MAX_NAME_CHARS: usize = 120;

/// One named saved scenario.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedEntry {
    /// The name it is listed under (unique in the list).
    pub name: String,
    /// When it was saved, in milliseconds since 1970 (`Date.now()`).
    pub saved_at: f64,
    /// The scenario as JSON v1, read only when opened.
    pub scenario: Value,
}

#[derive(Serialize, Deserialize)]
struct SavedFile {
    version: u64,
    scenarios: Vec<SavedEntry>,
}

/// Why a saved-scenario operation did not happen.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum SavedError {
    /// The stored list is not in the expected format.
    #[error("the saved scenarios could not be read ({0})")]
    Unreadable(String),
    /// The stored list was written by a newer version of the app.
    #[error("the saved scenarios were written by a newer version of Funnel Lab (format {0})")]
    FutureVersion(u64),
    /// An empty (or blank) name.
    #[error("a name is needed")]
    EmptyName,
    /// A name over [`MAX_NAME_CHARS`].
    #[error("the name is too long ({0} characters; at most {MAX_NAME_CHARS})")]
    NameTooLong(usize),
    /// Another entry has that name.
    #[error("a saved scenario is already called “{0}”")]
    NameTaken(String),
    /// No entry has that name (another tab may have removed it).
    #[error("no saved scenario is called “{0}”")]
    NotFound(String),
    /// The entry's scenario is not valid.
    #[error("“{name}” could not be opened: {error}")]
    Broken {
        /// The entry.
        name: String,
        /// What is wrong with its scenario.
        error: ScenarioError,
    },
}

/// What [`SavedList::save`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Saved {
    /// A new entry.
    Added,
    /// An entry of the same name was replaced.
    Replaced,
}

/// The named saved scenarios, in the order they were first saved.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SavedList {
    entries: Vec<SavedEntry>,
}

/// A name trimmed and checked: not blank, not too long.
pub fn clean_name(name: &str) -> Result<String, SavedError> {
    let name = name.trim();
    let chars = name.chars().count();
    if chars == 0 {
        Err(SavedError::EmptyName)
    } else if chars > MAX_NAME_CHARS {
        Err(SavedError::NameTooLong(chars))
    } else {
        Ok(name.to_string())
    }
}

impl SavedList {
    /// Reads the stored list (`None`: nothing stored yet, an empty list).
    pub fn parse(stored: Option<&str>) -> Result<SavedList, SavedError> {
        let Some(text) = stored else { return Ok(SavedList::default()) };
        let value: Value = serde_json::from_str(text).map_err(|e| SavedError::Unreadable(e.to_string()))?;
        match value.get("version").and_then(Value::as_u64) {
            Some(SAVED_VERSION) => {}
            Some(v) if v > SAVED_VERSION => return Err(SavedError::FutureVersion(v)),
            _ => return Err(SavedError::Unreadable("no supported \"version\"".into())),
        }
        let file: SavedFile = serde_json::from_value(value).map_err(|e| SavedError::Unreadable(e.to_string()))?;
        Ok(SavedList { entries: file.scenarios })
    }

    /// The list as stored.
    pub fn to_text(&self) -> String {
        let file = SavedFile { version: SAVED_VERSION, scenarios: self.entries.clone() };
        // Strings, numbers and JSON values always serialise.
        serde_json::to_string(&file).unwrap_or_default()
    }

    /// Every entry, in order.
    pub fn entries(&self) -> &[SavedEntry] {
        &self.entries
    }

    fn position(&self, name: &str) -> Option<usize> {
        self.entries.iter().position(|e| e.name == name)
    }

    /// Saves `scenario` under `name` (also its name inside the entry),
    /// replacing an entry of the same name.
    pub fn save(&mut self, name: &str, scenario: &PlannedScenario, now: f64) -> Result<Saved, SavedError> {
        let name = clean_name(name)?;
        let mut scenario = scenario.clone();
        scenario.scenario.name = name.clone();
        let value = scenario.to_value();
        let entry = SavedEntry { name, saved_at: now, scenario: value };
        match self.position(&entry.name) {
            Some(i) => {
                self.entries[i] = entry;
                Ok(Saved::Replaced)
            }
            None => {
                self.entries.push(entry);
                Ok(Saved::Added)
            }
        }
    }

    /// Renames an entry (and the scenario inside it); the new name must be free.
    pub fn rename(&mut self, from: &str, to: &str) -> Result<(), SavedError> {
        let to = clean_name(to)?;
        let i = self.position(from).ok_or_else(|| SavedError::NotFound(from.to_string()))?;
        if to != from && self.position(&to).is_some() {
            return Err(SavedError::NameTaken(to));
        }
        let entry = &mut self.entries[i];
        if let Some(object) = entry.scenario.as_object_mut() {
            object.insert("name".into(), Value::String(to.clone()));
        }
        entry.name = to;
        Ok(())
    }

    /// Removes an entry and hands it back (for an undo).
    pub fn delete(&mut self, name: &str) -> Result<SavedEntry, SavedError> {
        let i = self.position(name).ok_or_else(|| SavedError::NotFound(name.to_string()))?;
        Ok(self.entries.remove(i))
    }

    /// Puts a deleted entry back (under a free name if its own was taken since).
    pub fn restore(&mut self, mut entry: SavedEntry) {
        entry.name = self.free_name(&entry.name);
        self.entries.push(entry);
    }

    /// `wanted`, or `wanted (2)`, `wanted (3)`, … whichever is not taken.
    pub fn free_name(&self, wanted: &str) -> String {
        let mut name = wanted.to_string();
        let mut n = 2;
        while self.position(&name).is_some() {
            name = format!("{wanted} ({n})");
            n += 1;
        }
        name
    }

    /// The scenario (and plan) saved under `name`, checked by every rule of
    /// the format.
    pub fn scenario(&self, name: &str) -> Result<PlannedScenario, SavedError> {
        let i = self.position(name).ok_or_else(|| SavedError::NotFound(name.to_string()))?;
        let entry = &self.entries[i];
        PlannedScenario::from_json(&entry.scenario.to_string())
            .map_err(|error| SavedError::Broken { name: entry.name.clone(), error })
    }
}

/// The autosave of the current scenario: compact JSON, version 1 without
/// a plan (as before plans existed), version 2 with one.
pub fn autosave_text(scenario: &PlannedScenario) -> String {
    scenario.to_value().to_string()
}

/// Reads an autosave (version 1 or 2) back, by the same rules as a scenario file.
pub fn read_autosave(text: &str) -> Result<PlannedScenario, ScenarioError> {
    PlannedScenario::from_json(text)
}

/// A file name stem for a scenario name: letters, digits, `-` and `_`
/// kept, runs of anything else become one `-`; at most 60 characters;
/// `scenario` if nothing is left.
pub fn file_stem(name: &str) -> String {
    let mut stem = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() || c == '_' || c == '-' {
            stem.push(c);
        } else if !stem.is_empty() && !stem.ends_with('-') {
            stem.push('-');
        }
    }
    let stem: String = stem.trim_end_matches('-').chars().take(60).collect();
    let stem = stem.trim_end_matches('-');
    if stem.is_empty() { "scenario".into() } else { stem.into() }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::presets::PRESETS;
    use crate::scenario::Scenario;

    fn list_with(names: &[&str]) -> SavedList {
        let mut list = SavedList::default();
        for (i, name) in names.iter().enumerate() {
            assert_eq!(list.save(name, &(PRESETS[i % PRESETS.len()].build)().into(), i as f64), Ok(Saved::Added));
        }
        list
    }

    #[test]
    fn save_list_rename_delete_and_read_back() {
        let mut list = list_with(&["Plan A", "Plan B"]);
        let stored = list.to_text();
        assert_eq!(SavedList::parse(Some(&stored)), Ok(list.clone()), "what is stored reads back");
        assert!(stored.starts_with("{\"version\":1,"), "{stored}");

        // Saving under an existing name replaces it; the entry keeps its place.
        let mut bigger = Scenario::default();
        bigger.budget.per_week *= 2.0;
        assert_eq!(list.save("  Plan A ", &bigger.clone().into(), 9.0), Ok(Saved::Replaced));
        let names: Vec<&str> = list.entries().iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["Plan A", "Plan B"]);
        let opened = list.scenario("Plan A");
        assert_eq!(opened.as_ref().map(|s| s.scenario.budget.per_week), Ok(bigger.budget.per_week));
        assert_eq!(opened.map(|s| s.scenario.name), Ok("Plan A".to_string()), "the saved name is the scenario's");

        assert_eq!(list.rename("Plan B", "Plan A"), Err(SavedError::NameTaken("Plan A".into())));
        assert_eq!(list.rename("Plan B", " "), Err(SavedError::EmptyName));
        assert_eq!(list.rename("Plan Z", "Plan C"), Err(SavedError::NotFound("Plan Z".into())));
        assert_eq!(list.rename("Plan B", "Plan C"), Ok(()));
        assert_eq!(list.scenario("Plan C").map(|s| s.scenario.name), Ok("Plan C".to_string()));
        assert_eq!(list.rename("Plan C", "Plan C"), Ok(()), "renaming to itself is fine");

        let removed = list.delete("Plan A");
        assert_eq!(list.entries().len(), 1);
        assert_eq!(list.scenario("Plan A"), Err(SavedError::NotFound("Plan A".into())));
        list.save("Plan A", &Scenario::default().into(), 10.0).ok();
        list.restore(removed.unwrap_or_else(|e| panic!("{e}")));
        let names: Vec<&str> = list.entries().iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["Plan C", "Plan A", "Plan A (2)"], "an undone delete never overwrites");
    }

    #[test]
    fn names_are_checked() {
        assert_eq!(clean_name("  x "), Ok("x".into()));
        assert_eq!(clean_name(""), Err(SavedError::EmptyName));
        let long = "é".repeat(MAX_NAME_CHARS + 1);
        assert_eq!(clean_name(&long), Err(SavedError::NameTooLong(MAX_NAME_CHARS + 1)));
        assert_eq!(clean_name(&long[..2 * MAX_NAME_CHARS]).map(|n| n.chars().count()), Ok(MAX_NAME_CHARS));
        let markup = "<img src=x onerror=alert(1)>";
        let list = list_with(&[markup]);
        assert_eq!(list.scenario(markup).map(|s| s.scenario.name), Ok(markup.to_string()), "kept as text");
    }

    #[test]
    fn unreadable_or_newer_stores_are_refused_not_guessed() {
        assert_eq!(SavedList::parse(None), Ok(SavedList::default()));
        assert!(matches!(SavedList::parse(Some("{not json")), Err(SavedError::Unreadable(_))));
        assert!(matches!(SavedList::parse(Some("[]")), Err(SavedError::Unreadable(_))));
        assert!(matches!(SavedList::parse(Some("{\"version\":1}")), Err(SavedError::Unreadable(_))));
        assert_eq!(SavedList::parse(Some("{\"version\":2,\"scenarios\":[]}")), Err(SavedError::FutureVersion(2)));
        let message = SavedError::FutureVersion(2).to_string();
        assert!(message.contains("newer version"), "{message}");
    }

    #[test]
    fn a_plan_is_saved_and_opened_with_its_phases() {
        let mut list = SavedList::default();
        let planned = (crate::presets::PLAN_PRESETS[0].build)();
        assert_eq!(list.save("Launch", &planned, 1.0), Ok(Saved::Added));
        let back = SavedList::parse(Some(&list.to_text())).unwrap_or_default().scenario("Launch");
        assert_eq!(back.as_ref().map(|p| p.plan.clone()), Ok(planned.plan.clone()));
        assert_eq!(back.map(|p| p.scenario.name), Ok("Launch".to_string()));
    }

    #[test]
    fn a_damaged_entry_costs_only_itself() {
        let list = list_with(&["good", "bad"]);
        let mut stored: Value = serde_json::from_str(&list.to_text()).unwrap_or_default();
        stored["scenarios"][1]["scenario"]["weeks"] = Value::from(0);
        let list = SavedList::parse(Some(&stored.to_string())).unwrap_or_default();
        assert_eq!(list.entries().len(), 2);
        assert!(list.scenario("good").is_ok());
        match list.scenario("bad") {
            Err(SavedError::Broken { name, error }) => {
                assert_eq!(name, "bad");
                assert_eq!(error.field_errors()[0].field, "weeks");
            }
            other => panic!("expected a broken entry, got {other:?}"),
        }
    }

    #[test]
    fn autosave_round_trips_every_preset() {
        for preset in PRESETS {
            let scenario: PlannedScenario = (preset.build)().into();
            let text = autosave_text(&scenario);
            assert_eq!(text, serde_json::to_string(&scenario.scenario).unwrap_or_default(), "v1 autosaves as before");
            assert_eq!(read_autosave(&text), Ok(scenario));
        }
        for preset in crate::presets::PLAN_PRESETS {
            let planned = (preset.build)();
            let text = autosave_text(&planned);
            assert!(text.contains("\"version\":2") && text.contains("\"plan\""), "{text}");
            assert_eq!(read_autosave(&text), Ok(planned), "{}", preset.id);
        }
        assert!(read_autosave("{\"version\":1,\"weeks\":-3}").is_err());
        assert!(read_autosave("").is_err());
    }

    #[test]
    fn file_stems_are_safe() {
        assert_eq!(file_stem("B2B SaaS, sales-led"), "B2B-SaaS-sales-led");
        assert_eq!(file_stem("<img src=x onerror=alert(1)>"), "img-src-x-onerror-alert-1");
        assert_eq!(file_stem("../../etc/passwd"), "etc-passwd");
        assert_eq!(file_stem("  "), "scenario");
        assert_eq!(file_stem("Plan ünï"), "Plan-ünï");
        assert!(file_stem(&"ab ".repeat(100)).chars().count() <= 60);
    }
}
