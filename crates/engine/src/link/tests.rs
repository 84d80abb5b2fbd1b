//! Links: every preset and random edits round-trip to the identical
//! scenario; damaged, truncated, hostile and future-version links are typed
//! errors, never panics.

use proptest::prelude::*;
use serde_json::json;

use super::*;
use crate::presets::PRESETS;
use crate::scenario::Mode;

fn code_of(value: &Value) -> String {
    base64url::encode(value.to_string().as_bytes())
}

#[test]
fn every_preset_round_trips_identically() {
    for preset in PRESETS {
        let mut scenario = (preset.build)();
        assert_eq!(decode(&encode(&scenario)).as_ref(), Ok(&scenario), "preset {}", preset.id);
        // Monte Carlo settings (the seed in particular) travel too.
        scenario.simulation = crate::scenario::Simulation { mode: Mode::MonteCarlo, runs: 777, seed: u64::MAX };
        assert_eq!(decode(&encode(&scenario)), Ok(scenario), "preset {} in Monte Carlo mode", preset.id);
    }
}

#[test]
fn the_default_scenario_is_a_tiny_link_and_an_edit_costs_only_its_field() {
    let mut scenario = Scenario::default();
    assert_eq!(payload(&scenario), json!({ "version": 1 }));
    scenario.budget.per_week = 12_345.5;
    scenario.sales.win_rate = 0.3;
    assert_eq!(
        payload(&scenario),
        json!({ "version": 1, "budget": { "per_week": 12_345.5 }, "sales": { "win_rate": 0.3 } })
    );
    let code = encode(&scenario);
    assert!(code.len() < 100, "{} characters: {code}", code.len());
    assert!(code.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_'), "URL-safe: {code}");
    assert_eq!(decode(&code), Ok(scenario));
}

#[test]
fn removing_every_channel_is_kept_as_an_empty_list() {
    let mut scenario = Scenario::default();
    scenario.channels.clear();
    assert_eq!(decode(&encode(&scenario)), Ok(scenario));
}

#[test]
fn a_name_with_markup_survives_as_the_same_text() {
    let scenario = Scenario {
        name: "<img src=x onerror=alert(1)> & \"quotes\" — ünïcödé 📈".into(),
        ..Scenario::default()
    };
    assert_eq!(decode(&encode(&scenario)), Ok(scenario));
}

#[test]
fn fragments_carry_the_code_after_s() {
    let scenario = Scenario::default();
    let fragment = fragment(&scenario.clone().into()).unwrap_or_default();
    assert!(fragment.starts_with("#s="), "{fragment}");
    assert_eq!(from_fragment(&fragment), Some(Ok(scenario.clone().into())));
    assert_eq!(fragment_param("#x=1&s=abc&y", "s"), Some("abc"));
    assert_eq!(fragment_param("s=abc", "s"), Some("abc"));
    assert_eq!(fragment_param("#y", "y"), Some(""));
    assert_eq!(from_fragment(""), None);
    assert_eq!(from_fragment("#section-2"), None);
    assert_eq!(from_fragment("#s="), Some(Err(LinkError::Empty)));
}

#[test]
fn every_truncation_of_a_link_is_an_error() {
    for preset in PRESETS {
        let code = encode(&(preset.build)());
        for cut in 1..code.len() {
            let result = decode(&code[..cut]);
            assert!(result.is_err(), "{} cut to {cut} characters decoded: {result:?}", preset.id);
        }
    }
}

#[test]
fn damage_is_named() {
    let code = encode(&(PRESETS[2].build)());
    let mut damaged = code.clone();
    damaged.replace_range(10..11, "*");
    assert_eq!(
        decode(&damaged),
        Err(LinkError::NotBase64(base64url::DecodeError::InvalidCharacter { character: '*', position: 11 }))
    );
    assert!(matches!(decode("%7B%22version"), Err(LinkError::NotBase64(_))));
    assert_eq!(decode(&base64url::encode(&[0xff, 0xfe, 0x00])), Err(LinkError::NotText));
    assert!(matches!(decode(&base64url::encode(b"hello, world")), Err(LinkError::NotJson(_))));
    assert_eq!(decode(&code_of(&json!([1, 2]))), Err(LinkError::NotAnObject));
    let message = decode(&damaged).map_err(|e| e.to_string()).err().unwrap_or_default();
    assert!(message.contains("damaged") && message.contains("position 11"), "{message}");
}

#[test]
fn versions_other_than_one_are_refused_by_name() {
    assert_eq!(decode(&code_of(&json!({ "weeks": 10 }))), Err(LinkError::MissingVersion));
    assert_eq!(
        decode(&code_of(&json!({ "version": 2, "weeks": 10 }))),
        Err(LinkError::FutureVersion { found: 2, supported: 1 })
    );
    let future = decode(&code_of(&json!({ "version": 2 }))).map_err(|e| e.to_string()).err().unwrap_or_default();
    assert!(future.contains("newer version of Funnel Lab"), "{future}");
    assert_eq!(decode(&code_of(&json!({ "version": 0 }))), Err(LinkError::UnknownVersion(0)));
    assert_eq!(decode(&code_of(&json!({ "version": "1" }))), Err(LinkError::BadVersion("\"1\"".into())));
    assert_eq!(decode(&code_of(&json!({ "version": 1.5 }))), Err(LinkError::BadVersion("1.5".into())));
}

fn fields_of(result: Result<Scenario, LinkError>) -> Vec<String> {
    match result {
        Err(e) => e.field_errors().iter().map(|f| f.field.clone()).collect(),
        Ok(_) => vec!["(decoded)".into()],
    }
}

#[test]
fn hostile_links_are_errors() {
    // Huge.
    let huge = "A".repeat(MAX_LEN + 4);
    assert_eq!(decode(&huge), Err(LinkError::TooLong { length: MAX_LEN + 4, max: MAX_LEN }));
    // Deeply nested: refused by the JSON parser's depth limit, not the stack.
    let nested = format!("{{\"version\":1,\"name\":{}{}}}", "[".repeat(20_000), "]".repeat(20_000));
    assert!(matches!(decode(&base64url::encode(nested.as_bytes())), Err(LinkError::NotJson(_))));
    // Numbers JSON cannot hold, and NaN spelled as text.
    let out_of_range = "{\"version\":1,\"budget\":{\"per_week\":1e999}}";
    assert!(matches!(decode(&base64url::encode(out_of_range.as_bytes())), Err(LinkError::NotJson(_))));
    let nan = "{\"version\":1,\"budget\":{\"per_week\":NaN}}";
    assert!(matches!(decode(&base64url::encode(nan.as_bytes())), Err(LinkError::NotJson(_))));
    assert_eq!(
        fields_of(decode(&code_of(&json!({ "version": 1, "budget": { "per_week": "NaN" } })))),
        ["budget.per_week"]
    );
    // Values outside the rules: every broken rule is named.
    let broken = json!({ "version": 1, "weeks": 9999, "sales": { "win_rate": 3, "reps": -1 } });
    assert_eq!(fields_of(decode(&code_of(&broken))), ["weeks", "sales.reps", "sales.win_rate"]);
    let error = decode(&code_of(&broken)).err().unwrap_or(LinkError::Empty);
    assert_eq!(error.short(), "its scenario is invalid (3 problems)");
    assert!(error.to_string().contains("sales.win_rate must be in [0, 1], got 3"), "{error}");
    // Unknown fields and wrong shapes.
    assert_eq!(fields_of(decode(&code_of(&json!({ "version": 1, "market": { "sise": 5 } })))), ["market.sise"]);
    assert_eq!(fields_of(decode(&code_of(&json!({ "version": 1, "evil": "<script>" })))), ["evil"]);
    assert_eq!(fields_of(decode(&code_of(&json!({ "version": 1, "channels": {} })))), ["channels"]);
    assert_eq!(fields_of(decode(&code_of(&json!({ "version": 1, "budget": 5 })))), ["budget"]);
    // 17 channels is one too many.
    let many: Vec<Value> = (0..17).map(|i| json!({ "name": format!("c{i}"), "share": 1.0 / 17.0 })).collect();
    assert!(fields_of(decode(&code_of(&json!({ "version": 1, "channels": many })))).contains(&"channels".to_string()));
}

#[test]
fn every_error_message_says_what_was_wrong() {
    let errors = [
        decode(""),
        decode("A"),
        decode("Zh"),
        decode(&base64url::encode(b"{")),
        decode(&code_of(&json!(null))),
        decode(&code_of(&json!({}))),
        decode(&code_of(&json!({ "version": 7 }))),
        decode(&code_of(&json!({ "version": 1, "weeks": 0 }))),
    ];
    for result in errors {
        let message = result.map_err(|e| e.to_string()).err().unwrap_or_default();
        assert!(message.len() > 15, "message too thin: {message:?}");
    }
}

/// A preset with random edits applied, if the result is a valid scenario.
fn edited(preset: usize, edits: &[(u8, f64)], name: &str, seed: u64) -> Option<Scenario> {
    let mut s = (PRESETS[preset % PRESETS.len()].build)();
    for &(which, x) in edits {
        match which % 16 {
            0 => s.weeks = 1 + (x * 519.0) as u32,
            1 => s.budget.per_week = x * 1e6,
            2 => s.market.size = (1.0 + x * 1e7).round(),
            3 => s.market.word_of_mouth = x * 100.0,
            4 => s.sales.win_rate = x,
            5 => s.sales.reps = (x * 50.0).round(),
            6 => s.sales.cycle_weeks = 1.0 + x * 60.0,
            7 => s.revenue.deal_value = x * 1e6,
            8 => s.revenue.churn_rate = x,
            9 => s.simulation.mode = if x < 0.5 { Mode::Expected } else { Mode::MonteCarlo },
            10 => s.simulation.runs = 1 + (x * 99_999.0) as u32,
            11 => {
                if let Some(c) = s.channels.first_mut() {
                    c.cpm = 1.0 + x * 1000.0;
                }
            }
            12 => {
                // Move share between the first two channels.
                if s.channels.len() >= 2 {
                    let total = s.channels[0].share + s.channels[1].share;
                    s.channels[0].share = total * x;
                    s.channels[1].share = total - s.channels[0].share;
                }
            }
            13 => {
                if let Some(c) = s.channels.last_mut() {
                    c.name = format!("Channel {x}");
                }
            }
            14 => s.market.forget_rate = x * 0.5,
            _ => s.revenue.gross_margin = x,
        }
    }
    s.name = name.to_string();
    s.simulation.seed = seed;
    s.validate().is_ok().then_some(s)
}

proptest! {
    #[test]
    fn random_edits_round_trip_identically(
        preset in 0usize..16,
        edits in proptest::collection::vec((any::<u8>(), 0.0f64..=1.0), 0..12),
        name in "\\PC{0,40}",
        seed in any::<u64>(),
    ) {
        if let Some(scenario) = edited(preset, &edits, &name, seed) {
            let code = encode(&scenario);
            prop_assert_eq!(decode(&code), Ok(scenario));
        }
    }

    #[test]
    fn any_text_is_decoded_or_refused_without_panicking(text in "\\PC{0,200}") {
        if let Ok(scenario) = decode(&text) {
            prop_assert!(scenario.validate().is_ok());
        }
    }

    #[test]
    fn damaged_links_are_refused_or_still_valid(
        preset in 0usize..16,
        position in any::<prop::sample::Index>(),
        replacement in "[A-Za-z0-9_*=+/%-]",
        cut in any::<prop::sample::Index>(),
    ) {
        let code = encode(&(PRESETS[preset % PRESETS.len()].build)());
        let at = position.index(code.len());
        let mut damaged = code.clone();
        damaged.replace_range(at..=at, &replacement);
        let damaged = &damaged[..cut.index(damaged.len()) + 1];
        if let Ok(scenario) = decode(damaged) {
            prop_assert!(scenario.validate().is_ok());
        }
    }
}
