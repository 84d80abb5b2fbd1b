//! Learn mode: every lesson is consistent, solvable and honest about the
//! model; the glossary and the ownership map cover every KPI and field.

use std::collections::HashSet;

use funnel_engine::Kpi;
use funnel_engine::fields::{Field, SalesField};
use funnel_engine::learn::{self, Dial, Edit, LESSONS, Lesson, Rule, TERMS, Team};
use funnel_engine::scenario::Scenario;
use funnel_engine::simulate;

fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Fields whose value differs between two scenarios.
fn changed_fields(a: &Scenario, b: &Scenario) -> Vec<Field> {
    Field::all(a).into_iter().filter(|f| f.get(a) != f.get(b)).collect()
}

/// A sweep of a dial's range: `n` evenly spaced values, whole for whole fields.
fn sweep(dial: &Dial, n: usize) -> Vec<f64> {
    let whole = dial.field.spec().whole;
    let mut values: Vec<f64> = (0..n)
        .map(|i| dial.min + (dial.max - dial.min) * i as f64 / (n - 1) as f64)
        .map(|v| if whole { v.round() } else { v })
        .collect();
    values.dedup();
    values
}

#[test]
fn every_lesson_is_well_formed() {
    assert!(LESSONS.len() >= 8);
    let mut ids = HashSet::new();
    for l in LESSONS {
        assert!(ids.insert(l.id), "duplicate lesson id {}", l.id);
        assert!(learn::lesson(l.id).is_some());
        assert!(words(l.intro) <= 120, "{}: intro has {} words", l.id, words(l.intro));
        assert!(!l.title.is_empty() && !l.goal.text.is_empty() && !l.goal.conditions.is_empty(), "{}", l.id);
        assert!((2..=3).contains(&l.hints.len()), "{}: {} hints", l.id, l.hints.len());
        assert!((3..=4).contains(&l.prediction.choices.len()), "{}: {} choices", l.id, l.prediction.choices.len());
        assert!(!l.dials.is_empty(), "{}", l.id);
        let start = l.start();
        assert!(start.validate().is_ok(), "{}: {:?}", l.id, start.validate());
        for d in l.dials {
            let spec = d.field.spec();
            assert!(
                d.min >= spec.min && d.max <= spec.max && d.min < d.max,
                "{}: dial {} out of its field's range",
                l.id,
                d.field.path()
            );
            let now = d.field.get(&start).unwrap_or(f64::NAN);
            assert!(now >= d.min && now <= d.max, "{}: start {} = {now} outside its dial", l.id, d.field.path());
        }
    }
}

#[test]
fn no_goal_is_met_at_the_start() {
    for l in LESSONS {
        let start = l.start();
        let status = l.check(&start);
        assert!(!status.met, "{}: the goal is met before the learner does anything", l.id);
        assert_eq!(status.conditions.len(), l.goal.conditions.len());
    }
}

#[test]
fn every_reference_solution_meets_its_goal_with_allowed_fields_inside_their_dials() {
    for l in LESSONS {
        let start = l.start();
        let solved = l.solved();
        let status = l.check(&solved);
        assert!(
            status.met,
            "{}: the solution misses: {:?}",
            l.id,
            status.conditions.iter().map(|c| c.text()).collect::<Vec<_>>()
        );
        for f in changed_fields(&start, &solved) {
            assert!(l.allows(f), "{}: the solution changes {}, which is not a dial", l.id, f.path());
        }
        for e in l.solution {
            let d = l.dials.iter().find(|d| d.field == e.field).expect("solution field is a dial");
            let v = e.field.get(&solved).unwrap_or(f64::NAN);
            assert!(v >= d.min && v <= d.max, "{}: solution {} = {v} outside its dial", l.id, e.field.path());
        }
    }
}

/// The balancing lesson needs both dials: no single dial over its whole
/// range meets the goal.
#[test]
fn the_balancing_lesson_cannot_be_solved_with_one_dial() {
    let l = learn::lesson("balance").expect("balance lesson");
    assert_eq!(l.dials.len(), 2);
    let start = l.start();
    for d in l.dials {
        for v in sweep(d, 40) {
            let plan = learn::edited(&start, &[Edit::to(d.field, v)]);
            assert!(!l.check(&plan).met, "balance: {} = {v} alone meets the goal", d.field.path());
        }
    }
    assert!(l.check(&l.solved()).met);
    assert_eq!(changed_fields(&start, &l.solved()).len(), 2, "the solution turns both dials");
}

/// The same holds for the lead-quality lesson (budget and quality bar).
#[test]
fn the_lead_quality_lesson_needs_budget_and_quality_together() {
    let l = learn::lesson("lead-quality").expect("lead-quality lesson");
    let start = l.start();
    for d in l.dials {
        for v in sweep(d, 40) {
            let plan = learn::edited(&start, &[Edit::to(d.field, v)]);
            assert!(!l.check(&plan).met, "lead-quality: {} = {v} alone meets the goal", d.field.path());
        }
    }
}

/// Each prediction's answer is the model's, recomputed here directly from
/// the simulator, and is the one the lesson's explanation is written for.
#[test]
fn predictions_agree_with_the_model() {
    let expected_answer = |id: &str| match id {
        "top-of-funnel" => 2,       // leads grow less than double
        "diminishing-returns" => 2, // paid social lead ads
        "sales-pipeline" => 2,      // a shorter cycle
        "sales-capacity" => 2,      // +5–40 %
        "lead-quality" => 1,        // the quality bar
        "balance" => 2,             // a little more
        "niche-b2b" => 2,           // × 1.1–1.4
        "digital-first" => 2,       // nothing changes
        "retention" => 2,           // halve churn
        other => panic!("no expected answer for {other}"),
    };
    for l in LESSONS {
        let start = l.start();
        let reveal = l.reveal().unwrap_or_else(|| panic!("{}: no answer", l.id));
        let p = &l.prediction;
        let run = |s: &Scenario, kpi: Kpi| {
            let mut s = s.clone();
            if let Some(w) = p.weeks {
                s.weeks = w;
            }
            simulate::expected(&s).kpis.get(kpi).expect("defined")
        };
        match p.rule {
            Rule::Most(kpi) | Rule::Least(kpi) => {
                let values: Vec<f64> = p.choices.iter().map(|c| run(&learn::edited(&start, c.edits), kpi)).collect();
                let best = values[reveal.answer];
                for (i, v) in values.iter().enumerate() {
                    if i == reveal.answer {
                        continue;
                    }
                    // A clear winner (at least 3 % ahead), so the lesson does not hinge on noise in the presets.
                    let clear = if matches!(p.rule, Rule::Most(_)) { best > v * 1.03 } else { best < v / 1.03 };
                    assert!(clear, "{}: option {} ({v}) is too close to the answer ({best})", l.id, i);
                }
            }
            Rule::Change(kpi, edits) => {
                let ratio = run(&learn::edited(&start, edits), kpi) / run(&start, kpi);
                let band = p.choices[reveal.answer].band;
                assert!(ratio >= band.0 && ratio < band.1, "{}: ratio {ratio} outside the answer's band", l.id);
                // Not on the edge of a band either.
                assert!(
                    ratio >= band.0 * 1.01 && (band.1.is_infinite() || ratio <= band.1 / 1.01),
                    "{}: ratio {ratio} on a band edge {band:?}",
                    l.id
                );
                let mut bands: Vec<(f64, f64)> = p.choices.iter().map(|c| c.band).collect();
                bands.sort_by(|a, b| a.0.total_cmp(&b.0));
                assert!(bands.windows(2).all(|w| w[0].1 == w[1].0), "{}: bands leave gaps or overlap", l.id);
            }
        }
        assert_eq!(
            reveal.answer,
            expected_answer(l.id),
            "{}: the model's answer moved ({}); revise the lesson text",
            l.id,
            reveal.text
        );
        assert!(!reveal.text.is_empty());
    }
}

#[test]
fn debriefs_use_the_learners_numbers() {
    for l in LESSONS {
        let start = l.start();
        // A plan of the learner's own: halfway to the reference solution's values.
        let mut plan = start.clone();
        for e in l.solution {
            let a = e.field.get(&start).unwrap_or(0.0);
            let b = e.field.get(&l.solved()).unwrap_or(0.0);
            let v = (a + b) / 2.0;
            e.field.set(&mut plan, if e.field.spec().whole { v.round() } else { v });
        }
        if plan.validate().is_err() {
            plan = l.solved();
        }
        let text = l.debrief(&plan).join("\n");
        let mut measured = plan.clone();
        if let Some(w) = l.goal.weeks {
            measured.weeks = w;
        }
        let kpis = simulate::expected(&measured).kpis;
        for c in l.goal.conditions {
            let shown = learn::kpi_text(c.kpi, kpis.get(c.kpi).expect("defined"));
            assert!(text.contains(&shown), "{}: debrief lacks the learner's {} = {shown}:\n{text}", l.id, c.kpi.name());
        }
        let cac = learn::kpi_text(Kpi::Cac, kpis.get(Kpi::Cac).expect("defined"));
        assert!(text.contains(&cac), "{}: scorecard lacks CAC {cac}", l.id);
        assert!(
            text.contains("You met the goal") == l.check(&plan).met,
            "{}: the verdict disagrees with the check",
            l.id
        );
    }
}

#[test]
fn the_capacity_debrief_counts_cold_leads() {
    let l = learn::lesson("sales-capacity").expect("lesson");
    let start = l.start();
    let text = l.debrief(&start).join("\n");
    let cold = simulate::expected(&start).kpis.get(Kpi::LeadsGoneCold).expect("defined");
    assert!(cold > 0.0);
    assert!(text.contains(&funnel_engine::format::count(cold)), "{text}");
    assert!(text.contains("5 reps can work 200 a week"), "{text}");
}

#[test]
fn an_invalid_plan_gets_a_message_not_a_panic() {
    for l in LESSONS {
        let mut bad = l.start();
        bad.budget.per_week = f64::NAN;
        bad.sales.win_rate = 7.0;
        let status = l.check(&bad);
        assert!(!status.met && status.conditions.iter().all(|c| c.current.is_none()));
        let text = l.debrief(&bad);
        assert_eq!(text.len(), 1);
        assert!(text[0].contains("cannot be run"), "{}", text[0]);
        // A plan with a channel removed: the dials simply find nothing.
        let mut fewer = l.start();
        fewer.channels.clear();
        let _ = l.check(&fewer);
        let _ = l.debrief(&fewer);
    }
}

#[test]
fn glossary_terms_are_complete_and_unique() {
    let mut ids = HashSet::new();
    for t in TERMS {
        assert!(ids.insert(t.id), "duplicate term {}", t.id);
        assert!(!t.term.is_empty() && !t.formula.is_empty(), "{}", t.id);
        assert!(!t.definition.is_empty() && words(t.definition) <= 60, "{}: {} words", t.id, words(t.definition));
        assert_eq!(learn::term(t.id).map(|x| x.id), Some(t.id));
    }
    let required = [
        "awareness",
        "reach",
        "impression",
        "cpm",
        "reach-cap",
        "diminishing-returns",
        "carryover",
        "engagement",
        "mql",
        "lead",
        "lead-generation",
        "sla",
        "sql",
        "qualification-rate",
        "opportunity",
        "pipeline",
        "pipeline-stage",
        "win-rate",
        "sales-cycle",
        "lead-decay",
        "sales-capacity",
        "quota",
        "cac",
        "marketing-cac",
        "cost-per-lead",
        "roas",
        "roi",
        "gross-margin",
        "gross-profit",
        "ltv",
        "churn",
        "retention",
        "sales-velocity",
        "word-of-mouth",
        "customer-success",
        "payback",
        "first-touch-attribution",
    ];
    for id in required {
        assert!(learn::term(id).is_some(), "missing term {id}");
    }
    assert!(learn::term("nope").is_none());
    for l in LESSONS {
        for c in l.concepts {
            assert!(learn::term(c).is_some(), "{}: concept {c} is not in the glossary", l.id);
        }
    }
}

#[test]
fn every_kpi_has_a_term_and_a_team() {
    for &k in Kpi::ALL {
        assert!(learn::term_for_kpi(k).is_some(), "no term for {}", k.name());
        let _ = learn::kpi_team(k);
        assert!(!learn::kpi_label(k).is_empty());
    }
    assert_eq!(learn::term_for_kpi(Kpi::Cac).map(|t| t.id), Some("cac"));
    assert_eq!(learn::kpi_team(Kpi::CostPerLead), Team::Marketing);
    assert_eq!(learn::kpi_team(Kpi::OpportunityToWon), Team::Sales);
    assert_eq!(learn::kpi_team(Kpi::CustomersEnd), Team::CustomerSuccess);
    assert_eq!(learn::kpi_team(Kpi::Roi), Team::Leadership);
}

#[test]
fn every_field_has_a_team_and_the_decisions_sit_with_the_right_team() {
    for p in funnel_engine::presets::PRESETS {
        let s = (p.build)();
        for f in Field::all(&s) {
            let _ = learn::field_team(f);
        }
    }
    let s = funnel_engine::presets::default_scenario();
    let team = |path: &str| learn::field_team(Field::from_path(&s, path).expect(path));
    assert_eq!(team("market.size"), Team::Market);
    assert_eq!(team("budget.per_week"), Team::Marketing);
    assert_eq!(team("channels[1].cpm"), Team::Marketing);
    assert_eq!(team("sales.reps"), Team::Sales);
    assert_eq!(team("sales.win_rate"), Team::Sales);
    assert_eq!(team("revenue.churn_rate"), Team::CustomerSuccess);
    assert_eq!(team("revenue.deal_value"), Team::Leadership);
    // Channel fields of any channel link to the same term.
    let cpm0 = Field::from_path(&s, "channels[0].cpm").expect("cpm");
    let cpm2 = Field::from_path(&s, "channels[2].cpm").expect("cpm");
    assert_eq!(learn::term_for_field(cpm0).map(|t| t.id), Some("cpm"));
    assert_eq!(learn::term_for_field(cpm2).map(|t| t.id), Some("cpm"));
    assert_eq!(learn::term_for_field(Field::Sales(SalesField::LeadDecay)).map(|t| t.id), Some("lead-decay"));
    // Every sales and channel field explains itself.
    for f in Field::all(&s) {
        if matches!(f, Field::Sales(_) | Field::Channel(..)) {
            assert!(learn::term_for_field(f).is_some(), "no term for {}", f.path());
        }
    }
}

#[test]
fn the_funnel_hands_off_from_marketing_to_sales() {
    use learn::Stage;
    let owners: Vec<Team> = Stage::ALL.iter().map(|s| learn::stage_owner(*s)).collect();
    assert_eq!(owners.first(), Some(&Team::Marketing));
    assert_eq!(owners.last(), Some(&Team::CustomerSuccess));
    let (last_marketing, first_sales) = learn::HANDOFF;
    assert_eq!(learn::stage_owner(last_marketing), Team::Marketing);
    assert_eq!(learn::stage_owner(first_sales), Team::Sales);
    assert_eq!(last_marketing, Stage::Leads);
    for s in Stage::ALL {
        assert!(learn::term(s.term()).is_some(), "stage {} links to a missing term", s.label());
    }
    for t in Team::ALL {
        assert!(!t.label().is_empty() && !t.description().is_empty() && !t.id().is_empty());
    }
}

/// Lessons are independent of each other's ids in the UI: each one's
/// teams are named.
#[test]
fn every_lesson_names_its_teams() {
    let all: &[Lesson] = LESSONS;
    assert!(all.iter().all(|l| !l.teams.is_empty()));
    assert!(all.iter().any(|l| l.teams.contains(&Team::CustomerSuccess)));
}

/// Lessons whose hints say one dial is not enough: sweeping any single
/// dial over its whole range never meets the goal.
#[test]
fn lessons_that_need_two_dials_cannot_be_solved_with_one() {
    for id in ["sales-pipeline", "niche-b2b"] {
        let l = learn::lesson(id).expect("lesson");
        let start = l.start();
        for d in l.dials {
            for v in sweep(d, 40) {
                let plan = learn::edited(&start, &[Edit::to(d.field, v)]);
                assert!(!l.check(&plan).met, "{id}: {} = {v} alone meets the goal", d.field.path());
            }
        }
    }
}

/// The capacity lesson's hint: cold leads vanish somewhere between 8 and
/// 12 reps.
#[test]
fn the_capacity_hint_holds() {
    let l = learn::lesson("sales-capacity").expect("lesson");
    let cold = |reps: f64| {
        let s = learn::edited(&l.start(), &[Edit::to(Field::Sales(SalesField::Reps), reps)]);
        simulate::expected(&s).kpis.get(Kpi::LeadsGoneCold).expect("defined")
    };
    assert!(cold(7.0) > 1.0, "{}", cold(7.0));
    assert!(cold(12.0) < 1e-6, "{}", cold(12.0));
}

/// A term's formula names the KPIs and fields it explains, so the two
/// cannot drift apart silently.
#[test]
fn formulas_name_what_they_explain() {
    let s = funnel_engine::presets::default_scenario();
    for t in TERMS {
        for k in t.kpis {
            assert!(t.formula.contains(k.name()), "{}: formula does not name {}", t.id, k.name());
        }
        for f in t.fields {
            let path = f.path();
            let tail = path.rsplit('.').next().unwrap_or(&path);
            assert!(t.formula.contains(tail), "{}: formula does not name {tail}", t.id);
            assert!(Field::all(&s).contains(f), "{}: {} is not an editable field", t.id, path);
        }
    }
}

// ---- Playing a lesson in the app (learn::play) and the e2e solution table.

/// The Learn pane's e2e test types these into the dials.
const E2E_SOLUTIONS: &str = include_str!("../../../tests/e2e/learn_solutions.json");

/// One typed step of the e2e table.
#[derive(Debug, serde::Deserialize)]
struct Typed {
    field: String,
    value: f64,
    #[serde(default)]
    lock: bool,
}

fn e2e_table() -> std::collections::BTreeMap<String, Vec<Typed>> {
    #[derive(serde::Deserialize)]
    struct Table {
        lessons: std::collections::BTreeMap<String, Vec<Typed>>,
    }
    serde_json::from_str::<Table>(E2E_SOLUTIONS).map(|t| t.lessons).unwrap_or_default()
}

/// The plan a student reaches by typing the steps into the app: channel
/// shares go through the mix rules with the locks, as in the reducer.
fn typed_plan(l: &Lesson, steps: &[Typed]) -> Scenario {
    let mut s = l.start();
    let mut locked = vec![false; s.channels.len()];
    let enabled = vec![true; s.channels.len()];
    for step in steps {
        let field = Field::all(&s).into_iter().find(|f| f.id() == step.field).expect("a field id of the scenario");
        if let Field::Channel(i, funnel_engine::fields::ChannelField::Share) = field {
            let mut shares: Vec<f64> = s.channels.iter().map(|c| c.share).collect();
            funnel_engine::mix::set_share(&mut shares, &locked, &enabled, i, step.value / 100.0);
            for (c, v) in s.channels.iter_mut().zip(shares) {
                c.share = v;
            }
            if step.lock {
                locked[i] = true;
            }
        } else {
            field.set(&mut s, step.value);
        }
    }
    s
}

#[test]
fn the_e2e_solution_table_matches_the_engine_and_solves_every_lesson_as_typed() {
    let table = e2e_table();
    assert_eq!(table.len(), LESSONS.len(), "one entry per lesson in tests/e2e/learn_solutions.json");
    for l in LESSONS {
        let steps = table.get(l.id).unwrap_or_else(|| panic!("{}: missing from the e2e table", l.id));
        let mut typed: Vec<(String, f64)> = steps.iter().map(|t| (t.field.clone(), t.value)).collect();
        let mut engine: Vec<(String, f64)> = l
            .solution
            .iter()
            .map(|e| match e.change {
                learn::Change::To(v) => (e.field.id(), v),
                learn::Change::Times(f) => (e.field.id(), e.field.get(&l.start()).unwrap_or(f64::NAN) * f),
            })
            .collect();
        typed.sort_by(|a, b| a.0.cmp(&b.0));
        engine.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(typed, engine, "{}: the e2e table drifted from the engine's solution", l.id);
        let plan = typed_plan(l, steps);
        let status = l.check(&plan);
        assert!(
            status.met,
            "{}: typed as in the e2e test, the goal is missed: {:?}",
            l.id,
            learn::feedback(&status, &[])
        );
        assert_eq!(learn::breaches(l, &plan), Vec::<String>::new(), "{}", l.id);
    }
}

#[test]
fn the_start_breaks_no_rule_and_gets_feedback_naming_each_failing_condition() {
    for l in LESSONS {
        let start = l.start();
        assert!(learn::breaches(l, &start).is_empty(), "{}: {:?}", l.id, learn::breaches(l, &start));
        let status = l.check(&start);
        let feedback = learn::feedback(&status, &[]);
        let failing = status.conditions.iter().filter(|c| !c.met).count();
        assert_eq!(feedback.len(), failing, "{}: {feedback:?}", l.id);
        for (c, text) in status.conditions.iter().filter(|c| !c.met).zip(&feedback) {
            assert!(text.starts_with(learn::kpi_label(c.condition.kpi)), "{}: {text}", l.id);
            assert!(
                text.contains("short of") || text.contains("over") || text.contains("no value"),
                "{}: {text}",
                l.id
            );
        }
    }
}

#[test]
fn a_dial_outside_its_range_or_a_change_outside_the_dials_breaks_the_rules() {
    let l = learn::lesson("top-of-funnel").expect("lesson");
    let mut plan = l.solved();
    Field::BudgetPerWeek.set(&mut plan, 50_000.0);
    let b = learn::breaches(l, &plan);
    assert_eq!(b.len(), 1, "{b:?}");
    assert!(b[0].contains("$50,000") && b[0].contains("$40,000"), "{}", b[0]);

    let mut plan = l.solved();
    Field::Sales(SalesField::Reps).set(&mut plan, 9.0);
    let b = learn::breaches(l, &plan);
    assert_eq!(b.len(), 1, "{b:?}");
    assert!(b[0].contains("only its dials"), "{}", b[0]);
    // The runs and the seed are not decisions.
    let mut plan = l.solved();
    Field::Seed.set(&mut plan, 99.0);
    assert!(learn::breaches(l, &plan).is_empty());
}

#[test]
fn lesson_links_and_progress_read_safely() {
    use learn::LessonLink;
    assert!(matches!(learn::lesson_link("?lesson=balance"), Some(LessonLink::Known(l)) if l.id == "balance"));
    assert!(matches!(learn::lesson_link("?embed&lesson=retention"), Some(LessonLink::Known(l)) if l.id == "retention"));
    assert_eq!(learn::lesson_link("?lesson=nope"), Some(LessonLink::Unknown("nope")));
    assert_eq!(learn::lesson_link("?lesson"), Some(LessonLink::Unknown("")));
    assert_eq!(learn::lesson_link(""), None);
    assert_eq!(learn::lesson_link("?embed"), None);

    assert_eq!(learn::next_lesson(LESSONS[0].id).map(|l| l.id), Some(LESSONS[1].id));
    assert!(learn::next_lesson(LESSONS[LESSONS.len() - 1].id).is_none());

    assert_eq!(learn::parse_progress(None), Ok(Default::default()));
    let done: std::collections::BTreeSet<String> = ["balance".to_string(), "retention".to_string()].into();
    let text = learn::progress_text(&done);
    assert_eq!(text, r#"["balance","retention"]"#);
    assert_eq!(learn::parse_progress(Some(&text)), Ok(done));
    for bad in ["", "{", "[1,2]", "null", "\"balance\""] {
        assert!(learn::parse_progress(Some(bad)).is_err(), "{bad}");
    }
}
