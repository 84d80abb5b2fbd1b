//! Every validation rule of MODEL.md rejects a bad value with an error that
//! names the field; random bytes and random JSON never panic the parser.

use funnel_engine::Scenario;
use funnel_engine::scenario::Channel;
use proptest::prelude::*;
use serde_json::{Value, json};

/// The default scenario as JSON, with `edit` applied.
fn edited(edit: impl FnOnce(&mut Value)) -> String {
    let mut v: Value = serde_json::from_str(&Scenario::default().to_json()).unwrap_or(Value::Null);
    edit(&mut v);
    v.to_string()
}

/// Asserts the text is rejected with an error on `field` mentioning `needle`.
fn rejects(text: &str, field: &str, needle: &str) {
    match Scenario::from_json(text) {
        Ok(_) => panic!("accepted, expected an error on {field}"),
        Err(e) => {
            let message = e.to_string();
            assert!(
                e.field_errors().iter().any(|f| f.field == field && f.message.contains(needle)),
                "expected {field} … {needle}; got: {message}"
            );
        }
    }
}

fn set(path: &[&str], value: Value) -> String {
    edited(|v| {
        let mut at = v;
        for (i, key) in path.iter().enumerate() {
            at = match key.parse::<usize>() {
                Ok(n) => &mut at[n],
                Err(_) if i + 1 == path.len() => {
                    at[*key] = value.clone();
                    return;
                }
                Err(_) => &mut at[*key],
            };
        }
    })
}

#[test]
fn the_default_and_the_spec_example_are_valid() {
    assert!(Scenario::from_json(&Scenario::default().to_json()).is_ok());
    assert!(Scenario::from_json(include_str!("data/spec_example.json")).is_ok());
}

#[test]
fn round_trips_through_json() {
    let s = Scenario::default();
    assert_eq!(Scenario::from_json(&s.to_json()).ok(), Some(s));
}

#[test]
fn every_rate_and_share_is_in_zero_one() {
    for path in [
        &["market", "initially_aware"][..],
        &["market", "forget_rate"],
        &["market", "organic_engagement_rate"],
        &["market", "organic_lead_rate"],
        &["market", "organic_purchase_rate"],
        &["sales", "qualification_rate"],
        &["sales", "opportunity_rate"],
        &["sales", "lead_decay"],
        &["sales", "win_rate"],
        &["revenue", "gross_margin"],
        &["revenue", "churn_rate"],
        &["channels", "0", "share"],
        &["channels", "0", "awareness_per_impression"],
        &["channels", "0", "carryover"],
        &["channels", "0", "engagement_rate"],
        &["channels", "0", "lead_rate"],
        &["channels", "0", "purchase_rate"],
    ] {
        let field = path.join(".").replace(".0.", "[0].");
        rejects(&set(path, json!(1.5)), &field, "in [0, 1], got 1.5");
        rejects(&set(path, json!(-0.1)), &field, "in [0, 1]");
    }
}

#[test]
fn engagement_plus_forgetting_at_most_one() {
    let text = edited(|v| {
        v["market"]["forget_rate"] = json!(0.5);
        v["channels"][1]["engagement_rate"] = json!(0.6);
    });
    rejects(&text, "channels[1].engagement_rate", "plus market.forget_rate must be ≤ 1");
    let text = edited(|v| {
        v["market"]["forget_rate"] = json!(0.5);
        v["market"]["organic_engagement_rate"] = json!(0.6);
    });
    rejects(&text, "market.organic_engagement_rate", "plus market.forget_rate");
}

#[test]
fn purchase_plus_lead_rate_at_most_one() {
    let text = edited(|v| {
        v["channels"][0]["purchase_rate"] = json!(0.7);
        v["channels"][0]["lead_rate"] = json!(0.4);
    });
    rejects(&text, "channels[0].purchase_rate", "plus channels[0].lead_rate must be ≤ 1, got 0.7 + 0.4");
    let text = edited(|v| {
        v["market"]["organic_purchase_rate"] = json!(0.7);
        v["market"]["organic_lead_rate"] = json!(0.4);
    });
    rejects(&text, "market.organic_purchase_rate", "plus market.organic_lead_rate");
}

#[test]
fn reps_may_be_zero() {
    let text = set(&["sales", "reps"], json!(0));
    assert!(Scenario::from_json(&text).is_ok());
    rejects(&set(&["sales", "reps"], json!(-1)), "sales.reps", "whole number in [0, 1000000]");
    rejects(&set(&["sales", "reps"], json!(2.5)), "sales.reps", "whole number");
}

#[test]
fn shares_sum_to_one() {
    rejects(&set(&["channels", "0", "share"], json!(0.6)), "channels", "shares must sum to 1");
    // Within 1e-6 is fine.
    let text = edited(|v| {
        let s = v["channels"][0]["share"].as_f64().unwrap_or(0.0);
        v["channels"][0]["share"] = json!(s + 5e-7);
    });
    assert!(Scenario::from_json(&text).is_ok());
}

#[test]
fn cpm_at_least_a_cent_and_reach_cap_at_least_a_tenth_of_a_percent() {
    rejects(&set(&["channels", "2", "cpm"], json!(0)), "channels[2].cpm", "in [0.01, 1000000], got 0");
    rejects(&set(&["channels", "2", "cpm"], json!(0.001)), "channels[2].cpm", "in [0.01, 1000000]");
    assert!(Scenario::from_json(&set(&["channels", "2", "cpm"], json!(0.01))).is_ok());
    rejects(&set(&["channels", "2", "reach_cap"], json!(0)), "channels[2].reach_cap", "in [0.001, 1], got 0");
    rejects(&set(&["channels", "2", "reach_cap"], json!(1.5)), "channels[2].reach_cap", "in [0.001, 1], got 1.5");
    assert!(Scenario::from_json(&set(&["channels", "2", "reach_cap"], json!(1.0))).is_ok());
    assert!(Scenario::from_json(&set(&["channels", "2", "reach_cap"], json!(0.001))).is_ok());
}

#[test]
fn market_size_is_a_whole_number_up_to_1e10() {
    rejects(&set(&["market", "size"], json!(0)), "market.size", "whole number in [1, 1e10]");
    rejects(&set(&["market", "size"], json!(1000.5)), "market.size", "whole number");
    rejects(&set(&["market", "size"], json!(2e10)), "market.size", "whole number in [1, 1e10]");
    assert!(Scenario::from_json(&set(&["market", "size"], json!(1e10))).is_ok());
}

#[test]
fn money_is_finite_and_not_negative() {
    for path in [
        &["budget", "per_week"][..],
        &["sales", "cost_per_rep_per_week"],
        &["revenue", "deal_value"],
        &["revenue", "order_value"],
        &["revenue", "recurring_per_week"],
    ] {
        rejects(&set(path, json!(-1)), &path.join("."), "in [0, 1e12], got -1");
        rejects(&set(path, json!(1e300)), &path.join("."), "1e12");
    }
}

#[test]
fn weeks_runs_and_cycle_ranges() {
    rejects(&set(&["weeks"], json!(0)), "weeks", "whole number in [1, 520]");
    rejects(&set(&["weeks"], json!(521)), "weeks", "whole number in [1, 520]");
    rejects(&set(&["simulation", "runs"], json!(0)), "simulation.runs", "whole number in [1, 100000]");
    rejects(&set(&["simulation", "runs"], json!(100_001)), "simulation.runs", "whole number in [1, 100000]");
    rejects(&set(&["sales", "cycle_weeks"], json!(0.5)), "sales.cycle_weeks", "in [1, 520]");
    rejects(&set(&["sales", "cycle_weeks"], json!(521)), "sales.cycle_weeks", "in [1, 520]");
    rejects(&set(&["sales", "pipeline_stages"], json!(0)), "sales.pipeline_stages", "whole number in [1, 12]");
    rejects(&set(&["sales", "pipeline_stages"], json!(13)), "sales.pipeline_stages", "whole number in [1, 12]");
    rejects(&set(&["sales", "pipeline_stages"], json!(2.5)), "sales.pipeline_stages", "whole number");
}

#[test]
fn the_cycle_holds_at_least_a_week_per_stage() {
    let mut s = Scenario::default();
    s.sales.pipeline_stages = 6.0;
    s.sales.cycle_weeks = 5.0;
    let errors = s.validate().expect_err("five weeks cannot hold six stages");
    assert!(errors.to_string().contains("sales.cycle_weeks"), "{errors}");
    assert!(errors.to_string().contains("at least sales.pipeline_stages (6)"), "{errors}");
    s.sales.cycle_weeks = 6.0;
    assert!(s.validate().is_ok());
}

#[test]
fn initial_people_fit_in_the_market() {
    let text = edited(|v| {
        v["market"]["size"] = json!(1000);
        v["market"]["initially_aware"] = json!(0.5);
        v["market"]["initial_customers"] = json!(600);
    });
    rejects(&text, "market.initial_customers", "must not exceed market.size");
}

#[test]
fn at_most_sixteen_channels() {
    let text = edited(|v| {
        let channels: Vec<Value> = (0..17)
            .map(|i| {
                let c = Channel { name: format!("C{i}"), share: 1.0 / 17.0, ..Channel::default() };
                serde_json::to_value(c).unwrap_or(Value::Null)
            })
            .collect();
        v["channels"] = Value::Array(channels);
    });
    rejects(&text, "channels", "at most 16");
}

#[test]
fn unknown_version_and_unknown_fields_are_rejected() {
    rejects(&set(&["version"], json!(2)), "version", "not supported");
    rejects(&edited(|v| v["version"] = Value::Null), "version", "not supported");
    rejects(&set(&["sales", "win_rat"], json!(0.2)), "sales.win_rat", "unknown field");
    rejects(&set(&["typo"], json!(1)), "typo", "unknown field");
}

#[test]
fn wrong_types_name_their_field() {
    rejects(&set(&["channels", "1", "cpm"], json!("cheap")), "channels[1].cpm", "invalid type");
    rejects(&set(&["weeks"], json!(-3)), "weeks", "invalid");
}

#[test]
fn non_finite_numbers_are_rejected() {
    // JSON has no NaN or infinity; an overflowing literal is refused by the parser.
    let text = Scenario::default().to_json().replacen("\"per_week\": 10000.0", "\"per_week\": 1e999", 1);
    assert!(text.contains("1e999"));
    assert!(Scenario::from_json(&text).is_err());
    // And a scenario built in code with NaN is refused by validation.
    let mut s = Scenario::default();
    s.sales.win_rate = f64::NAN;
    let e = s.validate().err().map(|e| e.to_string()).unwrap_or_default();
    assert!(e.contains("sales.win_rate must be a finite number"), "{e}");
}

#[test]
fn all_problems_are_reported_at_once() {
    let text = edited(|v| {
        v["sales"]["win_rate"] = json!(2);
        v["weeks"] = json!(0);
    });
    let errors = Scenario::from_json(&text).err().map(|e| e.field_errors().len()).unwrap_or(0);
    assert_eq!(errors, 2);
}

#[test]
fn names_are_bounded() {
    rejects(&set(&["name"], json!("x".repeat(201))), "name", "at most 200 characters, got 201");
    rejects(&set(&["channels", "0", "name"], json!("y".repeat(201))), "channels[0].name", "at most 200 characters");
    assert!(Scenario::from_json(&set(&["name"], json!("é".repeat(200)))).is_ok());
}

#[test]
fn sections_and_channels_must_be_objects() {
    rejects(&set(&["budget"], json!([])), "budget", "must be a JSON object");
    rejects(&set(&["market"], json!([1000])), "market", "must be a JSON object");
    rejects(&edited(|v| v["channels"][1] = json!([])), "channels[1]", "must be a JSON object");
}

#[test]
fn bad_syntax_is_an_error_not_a_panic() {
    assert!(Scenario::from_json("").is_err());
    assert!(Scenario::from_json("[1,2]").is_err());
    assert!(Scenario::from_json("{\"version\": 1,").is_err());
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<f64>().prop_map(|f| json!(f)),
        any::<i64>().prop_map(|i| json!(i)),
        "[a-z_]{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::btree_map(
                prop_oneof![
                    Just("version".to_string()),
                    Just("market".to_string()),
                    Just("channels".to_string()),
                    Just("size".to_string()),
                    Just("share".to_string()),
                    "[a-z_]{1,10}"
                ],
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = Scenario::from_json(&text);
    }

    #[test]
    fn random_json_never_panics(mut value in json_value(), version in prop_oneof![Just(1u32), any::<u32>()]) {
        if let Value::Object(map) = &mut value {
            map.insert("version".into(), json!(version));
        }
        let _ = Scenario::from_json(&value.to_string());
    }

    #[test]
    fn random_edits_of_the_default_never_panic(
        section in prop_oneof![Just("market"), Just("sales"), Just("revenue"), Just("budget")],
        field in prop_oneof![Just("size"), Just("reps"), Just("win_rate"), Just("per_week"), Just("deal_value"), Just("churn_rate")],
        x in any::<f64>(),
    ) {
        let text = set(&[section, field], json!(x));
        if let Ok(s) = Scenario::from_json(&text) {
            // Whatever validates must simulate without NaN.
            let out = funnel_engine::simulate::expected(&s);
            prop_assert!(out.trace.values().iter().all(|v| v.is_finite()));
        }
    }
}

/// The controls and validation read one table: every editable field's
/// slider stays inside the accepted range, and both ends of that range are
/// accepted while a step past either end is refused, with the same range
/// in the message.
#[test]
fn the_field_table_is_the_one_source_of_ranges() {
    use funnel_engine::fields::Field;
    let base = funnel_engine::presets::default_scenario();
    for field in Field::all(&base) {
        if field == Field::Seed {
            continue;
        }
        let spec = field.spec();
        assert!(spec.min <= spec.slider.0 && spec.slider.1 <= spec.max, "{}: slider outside the range", field.path());
        let (min, max, _) = spec.model_range();
        for (value, accepted) in
            [(min, true), (max, true), (min - min.abs().max(1.0), false), (max + max.abs().max(1.0), false)]
        {
            let mut s = base.clone();
            field.set(&mut s, spec.unit.show(value));
            // Keep the rules between fields out of the way of the range.
            s.sales.pipeline_stages =
                if field.path() == "sales.pipeline_stages" { s.sales.pipeline_stages } else { 1.0 };
            s.market.initially_aware =
                if field.path() == "market.initially_aware" { s.market.initially_aware } else { 0.0 };
            s.market.initial_customers =
                if field.path() == "market.initial_customers" { s.market.initial_customers } else { 0.0 };
            if field.path().starts_with("market.") && field.path() != "market.size" {
                s.market.size = 1e10;
            }
            let errors = s.validate().err().map(|e| e.to_string()).unwrap_or_default();
            let own: Vec<&str> = errors.split("; ").filter(|e| e.starts_with(&format!("{} ", field.path()))).collect();
            let range_error = own.iter().any(|e| e.contains("must be") && e.contains(" in ["));
            assert_eq!(!range_error, accepted, "{} = {value}: {errors}", field.path());
        }
    }
}
