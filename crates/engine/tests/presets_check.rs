//! The preset check (issue 11): every built-in preset, run in expected
//! mode, keeps each headline figure inside the range its source gives
//! (`funnel_engine::calibration::CHECKS`), and doubling its budget or its
//! sales team moves new customers and CAC the way a manager expects.

use funnel_engine::calibration::{self, ASSUMPTION, CHECKS, Figure};
use funnel_engine::presets::{self, PRESETS};

#[test]
fn every_preset_keeps_every_figure_inside_its_cited_range() {
    let mut failures = Vec::new();
    for preset in PRESETS {
        let weeks = (preset.build)().weeks;
        let rows = calibration::rows_for(preset.id);
        assert!(!rows.is_empty(), "preset {} has no checks", preset.id);
        for row in rows.iter().filter(|r| !r.inside()) {
            failures.push(format!(
                "preset {}: {} = {} is outside {} (source: {}; {})",
                preset.id,
                row.check.figure.label(),
                row.value_text(weeks),
                row.check.range_text(),
                row.check.source,
                row.check.why
            ));
        }
    }
    assert!(failures.is_empty(), "{} figure(s) out of range:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn every_preset_checks_the_headline_figures_and_every_paid_channel() {
    for preset in PRESETS {
        let scenario = (preset.build)();
        let figures: Vec<Figure> = calibration::checks_for(preset.id).map(|c| c.figure).collect();
        let has = |f: Figure| figures.contains(&f);
        assert!(has(Figure::Cac) || has(Figure::LtvToCac), "{}: no CAC or LTV:CAC check", preset.id);
        assert!(has(Figure::LtvToCac), "{}: no LTV:CAC check", preset.id);
        assert!(has(Figure::PaybackWeek) || has(Figure::CacPaybackWeeks), "{}: no payback check", preset.id);
        if scenario.sales.reps > 0.0 {
            for f in [Figure::LeadToCustomer, Figure::WinRate, Figure::CostPerLead, Figure::ColdShare] {
                assert!(has(f), "{}: a sales-led preset without a {} check", preset.id, f.label());
            }
        } else {
            assert!(has(Figure::VisitToPurchase), "{}: a shop without a visit → purchase check", preset.id);
        }
        for channel in scenario.channels.iter().filter(|c| c.share > 0.0) {
            let name = channel.name.as_str();
            assert!(
                figures.iter().any(|f| matches!(f, Figure::ChannelRoi(c) if *c == name)),
                "{}: paid channel {name} has no ROI check",
                preset.id
            );
        }
    }
}

#[test]
fn every_check_names_a_real_preset_and_channel_and_says_where_it_comes_from() {
    for check in CHECKS {
        let preset = presets::find(check.preset);
        let Some(preset) = preset else { panic!("a check names unknown preset {}", check.preset) };
        let scenario = (preset.build)();
        if let Figure::ChannelRoi(name)
        | Figure::ChannelVisitRate(name)
        | Figure::ChannelCostPerLead(name)
        | Figure::ChannelFrequency(name) = check.figure
        {
            assert!(scenario.channels.iter().any(|c| c.name == name), "{}: no channel {name}", check.preset);
        }
        assert!(check.min <= check.max, "{}: {} has an empty range", check.preset, check.figure.label());
        assert!(!check.why.trim().is_empty(), "{}: {} says nothing about why", check.preset, check.figure.label());
        assert_eq!(check.assumption, check.source == ASSUMPTION, "{}: {}", check.preset, check.figure.label());
        if !check.assumption {
            assert!(
                check.source.chars().any(|c| c.is_alphabetic()),
                "{}: {} cites nothing",
                check.preset,
                check.figure.label()
            );
        }
    }
}

#[test]
fn the_check_catches_a_figure_that_leaves_its_range() {
    let mut scenario = presets::default_scenario();
    scenario.sales.win_rate = 0.6;
    let rows = calibration::evaluate("b2b-saas", &scenario);
    let win = rows.iter().find(|r| r.check.figure == Figure::WinRate);
    let Some(win) = win else { panic!("b2b-saas has no win-rate check") };
    assert!(!win.inside(), "a 60 % win rate passed: {:?}", win.value);
    // Starving the sales team makes leads go cold, which the cold-lead check sees.
    scenario.sales.reps = 1.0;
    let rows = calibration::evaluate("b2b-saas", &scenario);
    assert!(rows.iter().any(|r| r.check.figure == Figure::ColdShare && !r.inside()));
}

#[test]
fn doubling_the_budget_brings_more_customers_with_diminishing_returns() {
    for preset in PRESETS {
        let d = calibration::doubling(&(preset.build)());
        let (base, twice) = (d.base.new_customers, d.budget.new_customers);
        assert!(twice > base, "{}: 2× budget should bring more new customers: {base} → {twice}", preset.id);
        assert!(
            twice < 2.0 * base,
            "{}: 2× budget should bring fewer than 2× the customers: {base} → {twice}",
            preset.id
        );
        let (Some(cac), Some(cac2)) = (d.base.marketing_cac, d.budget.marketing_cac) else {
            panic!("{}: no marketing CAC", preset.id)
        };
        assert!(cac2 > cac, "{}: each extra customer should cost more media: ${cac:.0} → ${cac2:.0}", preset.id);
    }
}

#[test]
fn doubling_the_reps_helps_only_where_leads_go_cold() {
    for preset in PRESETS {
        let scenario = (preset.build)();
        let d = calibration::doubling(&scenario);
        let (base, twice) = (d.base.new_customers, d.reps.new_customers);
        let cold = d.base.cold_share.unwrap_or(0.0);
        if cold > 0.01 {
            assert!(
                twice > base,
                "{}: {:.0} % of leads go cold, so 2× reps should help: {base} → {twice}",
                preset.id,
                100.0 * cold
            );
        } else {
            assert!(
                (twice - base).abs() <= 1e-6 * base.max(1.0),
                "{}: no leads go cold, 2× reps should change nothing: {base} → {twice}",
                preset.id
            );
            if scenario.sales.reps > 0.0 && scenario.sales.cost_per_rep_per_week > 0.0 {
                let (Some(cac), Some(cac2)) = (d.base.cac, d.reps.cac) else { panic!("{}: no CAC", preset.id) };
                assert!(cac2 > cac, "{}: idle reps should raise CAC: ${cac:.0} → ${cac2:.0}", preset.id);
            }
        }
    }
}

#[test]
fn exactly_the_local_services_preset_means_to_show_cold_leads() {
    for preset in PRESETS {
        let cold = calibration::doubling(&(preset.build)()).base.cold_share.unwrap_or(0.0);
        if preset.id == "local-services" {
            assert!(cold > 0.1, "local-services should show leads going cold: {cold}");
        } else {
            assert!(cold <= 0.05, "{}: {:.1} % of leads go cold", preset.id, 100.0 * cold);
        }
    }
}
