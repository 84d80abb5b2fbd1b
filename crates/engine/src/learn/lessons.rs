//! The lessons: each a typed value with an intro, a start scenario built
//! from a preset, a prediction whose answer the model computes, a
//! challenge goal, the dials the learner may turn, hints, a reference
//! solution (for tests and a "show me" button) and a debrief.

use super::debrief::{self, Explain};
use super::goal::{self, Compare, Condition, Goal, GoalStatus, Target};
use super::ownership::Team;
use super::{Edit, edited, kpi_label, kpi_text};
use crate::fields::{ChannelField, Field, RevenueField, SalesField};
use crate::kpi::Kpi;
use crate::presets;
use crate::scenario::Scenario;

/// A field the learner may change in a lesson, and the range the lesson
/// allows (shown units: dollars, percent for rates, whole reps).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Dial {
    /// The field.
    pub field: Field,
    /// Smallest value the lesson allows.
    pub min: f64,
    /// Largest value the lesson allows.
    pub max: f64,
}

/// One option of a prediction question.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Choice {
    /// The option as the learner reads it.
    pub text: &'static str,
    /// For [`Rule::Most`] / [`Rule::Least`]: the change this option makes
    /// to the start scenario.
    pub edits: &'static [Edit],
    /// For [`Rule::Change`]: the range of `changed / start` this option
    /// stands for, `[low, high)`.
    pub band: (f64, f64),
}

/// How the model picks a prediction's right option.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Rule {
    /// The option whose edits give the highest value of the KPI.
    Most(Kpi),
    /// The option whose edits give the lowest value of the KPI.
    Least(Kpi),
    /// One change (`edits`) to the start; the option whose band holds
    /// `KPI after / KPI before` is right.
    Change(Kpi, &'static [Edit]),
}

/// A multiple-choice prediction, asked before the learner touches a dial.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Prediction {
    /// The question.
    pub question: &'static str,
    /// Horizon of the comparison (`None`: the scenario's).
    pub weeks: Option<u32>,
    /// How the answer is found.
    pub rule: Rule,
    /// Three or four options.
    pub choices: &'static [Choice],
}

/// The model's answer to a prediction.
#[derive(Clone, Debug, PartialEq)]
pub struct Reveal {
    /// Index of the right option.
    pub answer: usize,
    /// The KPI in the start scenario.
    pub start: Option<f64>,
    /// [`Rule::Most`] / [`Rule::Least`]: the KPI under each option;
    /// [`Rule::Change`]: one value, the KPI after the change.
    pub values: Vec<Option<f64>>,
    /// The answer in a sentence with the numbers.
    pub text: String,
}

/// Runs the prediction's variants in expected mode and picks the right
/// option; `None` if the start is invalid or no option fits.
pub fn reveal(prediction: &Prediction, start: &Scenario) -> Option<Reveal> {
    let value = |s: &Scenario, kpi: Kpi| goal::measure(s, prediction.weeks).and_then(|o| o.kpis.get(kpi));
    match prediction.rule {
        Rule::Most(kpi) | Rule::Least(kpi) => {
            let base = value(start, kpi);
            let values: Vec<Option<f64>> =
                prediction.choices.iter().map(|c| value(&edited(start, c.edits), kpi)).collect();
            let most = matches!(prediction.rule, Rule::Most(_));
            let answer = values
                .iter()
                .enumerate()
                .filter_map(|(i, v)| v.map(|v| (i, v)))
                .reduce(|a, b| if (most && b.1 > a.1) || (!most && b.1 < a.1) { b } else { a })?
                .0;
            let list: Vec<String> = prediction
                .choices
                .iter()
                .zip(&values)
                .map(|(c, v)| format!("{}: {}", c.text, v.map_or_else(|| "—".into(), |v| kpi_text(kpi, v))))
                .collect();
            let text = format!(
                "{} from {} at the start. {}.",
                kpi_label(kpi),
                base.map_or_else(|| "—".into(), |v| kpi_text(kpi, v)),
                list.join("; ")
            );
            Some(Reveal { answer, start: base, values, text })
        }
        Rule::Change(kpi, edits) => {
            let before = value(start, kpi)?;
            let after = value(&edited(start, edits), kpi)?;
            let ratio = crate::kpi::ratio(after, before)?;
            let answer = prediction.choices.iter().position(|c| ratio >= c.band.0 && ratio < c.band.1)?;
            let text = format!(
                "{} go from {} to {}: × {}.",
                kpi_label(kpi),
                kpi_text(kpi, before),
                kpi_text(kpi, after),
                crate::format::multiple(ratio).trim_end_matches('×')
            );
            Some(Reveal { answer, start: Some(before), values: vec![Some(after)], text })
        }
    }
}

/// A lesson.
#[derive(Clone, Copy, Debug)]
pub struct Lesson {
    /// Stable identifier (`balance`).
    pub id: &'static str,
    /// Title.
    pub title: &'static str,
    /// What the lesson is about, at most 120 words.
    pub intro: &'static str,
    /// Glossary ids the lesson teaches.
    pub concepts: &'static [&'static str],
    /// The teams the lesson is about.
    pub teams: &'static [Team],
    /// The preset the start is built from.
    pub preset: &'static str,
    /// Edits to the preset that make the lesson's start.
    pub setup: &'static [Edit],
    /// The question asked before the challenge.
    pub prediction: Prediction,
    /// Why the answer is what it is, once revealed (the numbers come from [`reveal`]).
    pub lesson: &'static str,
    /// The challenge.
    pub goal: Goal,
    /// The fields the learner may change, and their ranges; the app shows only these.
    pub dials: &'static [Dial],
    /// Two or three hints, mildest first.
    pub hints: &'static [&'static str],
    /// A reference solution: edits to the start within the dials that meet the goal.
    pub solution: &'static [Edit],
    /// Lesson-specific debrief paragraphs.
    pub(crate) explain: Explain,
}

impl Lesson {
    /// The start scenario: the preset with the lesson's edits (the default
    /// preset if the named one is missing).
    pub fn start(&self) -> Scenario {
        let base = presets::find(self.preset).map_or_else(presets::default_scenario, |p| (p.build)());
        edited(&base, self.setup)
    }

    /// The start with the reference solution applied.
    pub fn solved(&self) -> Scenario {
        edited(&self.start(), self.solution)
    }

    /// Whether the learner may change `field`.
    pub fn allows(&self, field: Field) -> bool {
        self.dials.iter().any(|d| d.field == field)
    }

    /// The goal's state for the learner's plan.
    pub fn check(&self, current: &Scenario) -> GoalStatus {
        goal::check(&self.goal, &self.start(), current)
    }

    /// The prediction's answer, from the model.
    pub fn reveal(&self) -> Option<Reveal> {
        reveal(&self.prediction, &self.start())
    }

    /// The debrief of the learner's plan.
    pub fn debrief(&self, learner: &Scenario) -> Vec<String> {
        debrief::debrief(self, &self.start(), learner)
    }
}

/// The lesson with this id.
pub fn lesson(id: &str) -> Option<&'static Lesson> {
    LESSONS.iter().find(|l| l.id == id)
}

const BUDGET: Field = Field::BudgetPerWeek;
const REPS: Field = Field::Sales(SalesField::Reps);
const LEADS_PER_REP: Field = Field::Sales(SalesField::LeadsPerRepPerWeek);
const COST_PER_REP: Field = Field::Sales(SalesField::CostPerRepPerWeek);
const QUALIFICATION: Field = Field::Sales(SalesField::QualificationRate);
const WIN_RATE: Field = Field::Sales(SalesField::WinRate);
const CYCLE: Field = Field::Sales(SalesField::CycleWeeks);
const OPPORTUNITY: Field = Field::Sales(SalesField::OpportunityRate);
const CHURN: Field = Field::Revenue(RevenueField::ChurnRate);
const fn share(channel: usize) -> Field {
    Field::Channel(channel, ChannelField::Share)
}
const fn dial(field: Field, min: f64, max: f64) -> Dial {
    Dial { field, min, max }
}
const fn choice(text: &'static str, edits: &'static [Edit]) -> Choice {
    Choice { text, edits, band: (0.0, 0.0) }
}
const fn band(text: &'static str, low: f64, high: f64) -> Choice {
    Choice { text, edits: &[], band: (low, high) }
}
const fn at_least(kpi: Kpi, target: Target) -> Condition {
    Condition { kpi, compare: Compare::AtLeast, target }
}
const fn at_most(kpi: Kpi, target: Target) -> Condition {
    Condition { kpi, compare: Compare::AtMost, target }
}
const INF: f64 = f64::INFINITY;
const SHARE_DIALS: [Dial; 3] = [dial(share(0), 0.0, 100.0), dial(share(1), 0.0, 100.0), dial(share(2), 0.0, 100.0)];

/// Every lesson, in teaching order.
pub const LESSONS: &[Lesson] = &[
    Lesson {
        id: "top-of-funnel",
        title: "Marketing fills the top of the funnel",
        intro: "Marketing talks to many people at once. It buys impressions in channels such as paid search, LinkedIn and social ads; a few of the people who see them become aware of the brand, some of those visit, and a few visitors leave their details: a lead. Marketing hands the leads to sales. This software company spends $10,000 a week. Here you are the marketing manager: the only dial is the budget, and you are judged by the leads you bring and what each one costs.",
        concepts: &[
            "impression",
            "cpm",
            "awareness",
            "engagement",
            "lead",
            "lead-generation",
            "cost-per-lead",
            "channel",
        ],
        teams: &[Team::Marketing],
        preset: "b2b-saas",
        setup: &[],
        prediction: Prediction {
            question: "Marketing doubles the budget from $10,000 to $20,000 a week. How do the year's leads change?",
            weeks: None,
            rule: Rule::Change(Kpi::Leads, &[Edit::times(BUDGET, 2.0)]),
            choices: &[
                band("They more than double", 2.05, INF),
                band("They double", 1.95, 2.05),
                band("They grow, but less than double", 1.2, 1.95),
                band("They hardly change (under +20 %)", 0.0, 1.2),
            ],
        },
        lesson: "Twice the money buys twice the impressions, but not twice the leads: more of the new impressions fall on people a channel has already reached, and paid search can reach only the 30 % of the market that searches.",
        goal: Goal {
            text: "Bring 1.5 × the leads of the start in the year, at no more than $90 a lead.",
            weeks: None,
            conditions: &[
                at_least(Kpi::Leads, Target::TimesStart(1.5)),
                at_most(Kpi::CostPerLead, Target::Value(90.0)),
            ],
        },
        dials: &[dial(BUDGET, 0.0, 40_000.0)],
        hints: &[
            "Leads grow more slowly than the budget: you need more than 1.5 × the money.",
            "Watch the cost per lead as you go up: it creeps up with every step.",
            "Try a budget between $15,000 and $20,000 a week.",
        ],
        solution: &[Edit::to(BUDGET, 16_000.0)],
        explain: debrief::top_of_funnel,
    },
    Lesson {
        id: "diminishing-returns",
        title: "Every extra dollar buys less",
        intro: "A channel can only reach the people in it: only so many buyers search for your product each week. Inside that pool, ads land at random, so the more you spend the more often they hit people already reached. Each extra dollar buys less than the one before: diminishing returns. Advertising also works on after it runs (carryover). This company puts 90 % of $20,000 a week into paid search, which reaches at most 30 % of the market. Sales has ten reps, so every lead is worked. Split the same budget better.",
        concepts: &["diminishing-returns", "reach", "reach-cap", "carryover", "channel", "cost-per-lead"],
        teams: &[Team::Marketing],
        preset: "b2b-saas",
        setup: &[
            Edit::to(BUDGET, 20_000.0),
            Edit::to(REPS, 10.0),
            Edit::to(share(0), 90.0),
            Edit::to(share(1), 5.0),
            Edit::to(share(2), 5.0),
        ],
        prediction: Prediction {
            question: "You may add $5,000 a week to one channel. Which brings the most leads in a year?",
            weeks: None,
            rule: Rule::Most(Kpi::Leads),
            choices: &[
                choice(
                    "Paid search, already at $18,000",
                    &[
                        Edit::to(BUDGET, 25_000.0),
                        Edit::to(share(0), 92.0),
                        Edit::to(share(1), 4.0),
                        Edit::to(share(2), 4.0),
                    ],
                ),
                choice(
                    "LinkedIn ads, at $1,000",
                    &[
                        Edit::to(BUDGET, 25_000.0),
                        Edit::to(share(0), 72.0),
                        Edit::to(share(1), 24.0),
                        Edit::to(share(2), 4.0),
                    ],
                ),
                choice(
                    "Paid social lead ads, at $1,000",
                    &[
                        Edit::to(BUDGET, 25_000.0),
                        Edit::to(share(0), 72.0),
                        Edit::to(share(1), 4.0),
                        Edit::to(share(2), 24.0),
                    ],
                ),
            ],
        },
        lesson: "Paid search is near its ceiling: most people who search have seen the ads already. The same $5,000 in a channel that is far from its reach cap and cheap per lead does much more. Marketing mix models measure exactly these curves.",
        goal: Goal {
            text: "With the same $20,000 a week, bring 1.3 × the leads at no more than $80 a lead.",
            weeks: None,
            conditions: &[
                at_least(Kpi::Leads, Target::TimesStart(1.3)),
                at_most(Kpi::CostPerLead, Target::Value(80.0)),
            ],
        },
        dials: &SHARE_DIALS,
        hints: &[
            "The budget is fixed; only the split changes. Shares always add up to 100 %.",
            "Look at each channel's reach cap: which one is close to it?",
            "Move at least half of the budget out of paid search.",
        ],
        solution: &[Edit::to(share(0), 30.0), Edit::to(share(1), 40.0), Edit::to(share(2), 30.0)],
        explain: debrief::diminishing_returns,
    },
    Lesson {
        id: "sales-pipeline",
        title: "Sales closes one deal at a time",
        intro: "Sales works one-to-one. A rep calls each lead: some qualify (SQL), some of those become opportunities, and each opportunity moves through the pipeline (discovery, demo, proposal, negotiation) until it is won or lost. Here that takes 11 weeks on average and about one decided deal in five is won. Sales teams are judged by deals won against their quota, by win rate and by the value of the pipeline. The sales manager has 26 weeks to show results.",
        concepts: &[
            "sql",
            "opportunity",
            "pipeline",
            "pipeline-stage",
            "sales-cycle",
            "win-rate",
            "sales-velocity",
            "quota",
        ],
        teams: &[Team::Sales],
        preset: "b2b-saas",
        setup: &[],
        prediction: Prediction {
            question: "Which wins the most deals by week 26?",
            weeks: Some(26),
            rule: Rule::Most(Kpi::Won),
            choices: &[
                choice("Hire two more reps (7 in all)", &[Edit::to(REPS, 7.0)]),
                choice("Raise the win rate from 21 % to 25 %", &[Edit::to(WIN_RATE, 25.0)]),
                choice("Shorten the sales cycle from 11 to 7 weeks", &[Edit::to(CYCLE, 7.0)]),
            ],
        },
        lesson: "The five reps already work every lead, so more reps add cost and no deals. A better win rate helps every deal; a shorter cycle helps most in the first months, when deals opened in spring close before the deadline instead of after it.",
        goal: Goal {
            text: "Win 1.5 × the deals of the start by week 26.",
            weeks: Some(26),
            conditions: &[at_least(Kpi::Won, Target::TimesStart(1.5))],
        },
        dials: &[dial(WIN_RATE, 15.0, 30.0), dial(CYCLE, 7.0, 16.0), dial(OPPORTUNITY, 30.0, 60.0)],
        hints: &[
            "Deals opened after week 15 or so rarely close before week 26 at an 11-week cycle.",
            "No single lever gets far enough within its range; combine two.",
            "Try a win rate near 30 % with a cycle near 8 weeks.",
        ],
        solution: &[Edit::to(WIN_RATE, 30.0), Edit::to(CYCLE, 8.0)],
        explain: debrief::sales_pipeline,
    },
    Lesson {
        id: "sales-capacity",
        title: "Double the budget without hiring",
        intro: "Marketing has doubled the budget to $20,000 a week and celebrates twice the leads. But sales still has five reps, each able to work 40 leads a week. Leads that wait go cold: after a few days, a lead that asked for a call no longer answers. The service-level agreement (SLA) between the teams says sales works every lead within its week. You are the sales manager: hire enough reps to keep the SLA without letting the cost per customer run away.",
        concepts: &["sales-capacity", "lead-decay", "sla", "cold-lead-spend", "mql", "cac"],
        teams: &[Team::Marketing, Team::Sales],
        preset: "b2b-saas",
        setup: &[Edit::to(BUDGET, 20_000.0)],
        prediction: Prediction {
            question: "Sales doubles to 10 reps. How do the year's new customers change?",
            weeks: None,
            rule: Rule::Change(Kpi::NewCustomers, &[Edit::to(REPS, 10.0)]),
            choices: &[
                band("They double", 1.8, INF),
                band("They rise by 40–80 %", 1.4, 1.8),
                band("They rise by 5–40 %", 1.05, 1.4),
                band("They hardly change (under +5 %)", 0.0, 1.05),
            ],
        },
        lesson: "Reps only create customers from leads that would otherwise go cold, so doubling the team adds the cold leads back, not a second funnel. Hiring pays until every lead is worked; after that each rep is pure cost.",
        goal: Goal {
            text: "Keep the SLA (leads gone cold at most 5 % of the start's), win 1.2 × the start's new customers, and keep CAC under $10,000.",
            weeks: None,
            conditions: &[
                at_most(Kpi::LeadsGoneCold, Target::TimesStart(0.05)),
                at_least(Kpi::NewCustomers, Target::TimesStart(1.2)),
                at_most(Kpi::Cac, Target::Value(10_000.0)),
            ],
        },
        dials: &[dial(REPS, 0.0, 20.0)],
        hints: &[
            "Compare the leads per week with 40 leads per rep per week.",
            "Busy weeks matter: leads arrive faster late in the year as awareness builds.",
            "Somewhere between 8 and 12 reps the cold leads disappear; stop there.",
        ],
        solution: &[Edit::to(REPS, 10.0)],
        explain: debrief::sales_capacity,
    },
    Lesson {
        id: "lead-quality",
        title: "\"Marketing sends junk\"",
        intro: "Marketing is paid by the lead, so it buys the cheapest leads it can: $20,000 a week of form fills, of which sales qualifies only 15 %. Sales is swamped and blames marketing; marketing blames slow follow-up. Both are right. The other half of the SLA is a quality bar: marketing sends only leads that meet it (lead scoring), and spends only what sales can follow up. Here, good scoring can lift qualification to 30 %, the benchmark. As leadership, set the budget and the quality bar together.",
        concepts: &["qualification-rate", "sla", "mql", "sql", "cost-per-lead", "cost-per-sql", "cold-lead-spend"],
        teams: &[Team::Marketing, Team::Sales, Team::Leadership],
        preset: "b2b-saas",
        setup: &[Edit::to(BUDGET, 20_000.0), Edit::to(QUALIFICATION, 15.0)],
        prediction: Prediction {
            question: "Which brings the most new customers in a year?",
            weeks: None,
            rule: Rule::Most(Kpi::NewCustomers),
            choices: &[
                choice("Marketing spends 50 % more on the same leads ($30,000 a week)", &[Edit::to(BUDGET, 30_000.0)]),
                choice("A quality bar: qualification rises from 15 % to 25 %", &[Edit::to(QUALIFICATION, 25.0)]),
                choice("Sales hires two more reps (7 in all)", &[Edit::to(REPS, 7.0)]),
            ],
        },
        lesson: "When reps are busy, each junk lead takes the place of a good one. Better leads turn the same rep hours into more SQLs; more spend only lengthens the queue and the list of leads gone cold.",
        goal: Goal {
            text: "Bring CAC under $9,000 and cold-lead spend under $50,000, with at least the start's new customers.",
            weeks: None,
            conditions: &[
                at_most(Kpi::Cac, Target::Value(9_000.0)),
                at_most(Kpi::ColdLeadSpend, Target::Value(50_000.0)),
                at_least(Kpi::NewCustomers, Target::TimesStart(1.0)),
            ],
        },
        dials: &[dial(BUDGET, 5_000.0, 30_000.0), dial(QUALIFICATION, 10.0, 30.0)],
        hints: &[
            "Two things go wrong at the start: too many leads for the team, and too few of them any good.",
            "Quality alone lowers CAC but leaves the cold leads; a smaller budget alone loses customers.",
            "Raise qualification to 30 % and bring the budget down to what five reps can follow up.",
        ],
        solution: &[Edit::to(QUALIFICATION, 30.0), Edit::to(BUDGET, 14_000.0)],
        explain: debrief::lead_quality,
    },
    Lesson {
        id: "balance",
        title: "Grow the business: balance marketing and sales",
        intro: "A local trade spends $600 a week on search, postcards and radio, and one office manager answers enquiries: about ten a week. The owner wants twice the new customers by week 26 while keeping CAC (all marketing and sales cost per new customer) under $600. More advertising alone brings enquiries nobody answers; more people answering the phone alone have nothing more to answer. Only marketing and sales growing together can do it.",
        concepts: &["sales-capacity", "cac", "diminishing-returns", "lead-decay", "word-of-mouth", "new-customers"],
        teams: &[Team::Marketing, Team::Sales, Team::Leadership],
        preset: "local-services",
        setup: &[],
        prediction: Prediction {
            question: "The owner triples the advertising to $1,800 a week and keeps one person on the phone. New customers by week 26?",
            weeks: Some(26),
            rule: Rule::Change(Kpi::NewCustomers, &[Edit::to(BUDGET, 1_800.0)]),
            choices: &[
                band("About triple (× 2.5 or more)", 2.5, INF),
                band("About double (× 1.5–2.5)", 1.5, 2.5),
                band("A little more (× 1.05–1.5)", 1.05, 1.5),
                band("No change (under × 1.05)", 0.0, 1.05),
            ],
        },
        lesson: "One person can answer only so many enquiries; the rest go unanswered and cold. Extra advertising is wasted until someone can take the calls.",
        goal: Goal {
            text: "Double new customers by week 26 while keeping CAC under $600.",
            weeks: Some(26),
            conditions: &[
                at_least(Kpi::NewCustomers, Target::TimesStart(2.0)),
                at_most(Kpi::Cac, Target::Value(600.0)),
            ],
        },
        dials: &[dial(BUDGET, 0.0, 5_000.0), dial(REPS, 0.0, 6.0)],
        hints: &[
            "Turn one dial to its end and watch where new customers stop growing.",
            "Each person on the phone answers about ten enquiries a week. How many does the budget bring?",
            "Try three people and about $1,500–$1,800 a week.",
        ],
        solution: &[Edit::to(BUDGET, 1_800.0), Edit::to(REPS, 3.0)],
        explain: debrief::balance,
    },
    Lesson {
        id: "niche-b2b",
        title: "A niche product leans on sales",
        intro: "This company sells a $150,000-a-year contract to a market of only 20,000 accounts. Events, direct outreach and LinkedIn soon reach the accounts that can be reached; after that, more marketing mostly reaches the same accounts again. Each deal takes nine months through five stages, and an enterprise rep handles six leads a week. In businesses like this the sales team, not the ad budget, sets the pace. You have three years.",
        concepts: &["market-size", "sales-cycle", "pipeline-stage", "sales-capacity", "roi", "payback", "ltv"],
        teams: &[Team::Sales, Team::Marketing, Team::Leadership],
        preset: "b2b-enterprise",
        setup: &[],
        prediction: Prediction {
            question: "Marketing doubles the budget to $16,000 a week; sales keeps five reps. New customers in three years?",
            weeks: None,
            rule: Rule::Change(Kpi::NewCustomers, &[Edit::times(BUDGET, 2.0)]),
            choices: &[
                band("Nearly double (× 1.7 or more)", 1.7, INF),
                band("× 1.4–1.7", 1.4, 1.7),
                band("× 1.1–1.4", 1.1, 1.4),
                band("Hardly any more (under × 1.1)", 0.0, 1.1),
            ],
        },
        lesson: "Five reps at six leads a week can work only 30 leads a week; doubling marketing pushes the queue past that, and the extra leads go cold while the market itself is small.",
        goal: Goal {
            text: "Win 1.3 × the start's new customers in three years with an ROI of at least 15 %.",
            weeks: None,
            conditions: &[
                at_least(Kpi::NewCustomers, Target::TimesStart(1.3)),
                at_least(Kpi::Roi, Target::Value(0.15)),
            ],
        },
        dials: &[dial(BUDGET, 2_000.0, 20_000.0), dial(REPS, 1.0, 12.0)],
        hints: &[
            "Check how many leads a week the team can work against how many arrive.",
            "Reps are expensive ($5,800 a week each): add only as many as the leads need.",
            "Try about $16,000 a week with seven reps.",
        ],
        solution: &[Edit::to(BUDGET, 16_000.0), Edit::to(REPS, 7.0)],
        explain: debrief::niche_b2b,
    },
    Lesson {
        id: "digital-first",
        title: "A web shop needs no sales team",
        intro: "This shop sells $60 orders online. Visitors from social ads, search and partner emails buy on the spot: nobody calls them, so there are no leads and no sales team. Marketing owns the whole path from ad to order and is judged by return on ad spend (ROAS), cost per customer and profit. Each customer is credited to the channel that first made them aware (first-touch attribution). Find the split of channels that earns the most.",
        concepts: &["online-purchase", "roas", "first-touch-attribution", "marketing-cac", "gross-profit", "channel"],
        teams: &[Team::Marketing],
        preset: "dtc-shop",
        setup: &[],
        prediction: Prediction {
            question: "The shop hires two sales reps at $1,500 a week each. What happens to new customers?",
            weeks: None,
            rule: Rule::Change(
                Kpi::NewCustomers,
                &[Edit::to(REPS, 2.0), Edit::to(LEADS_PER_REP, 40.0), Edit::to(COST_PER_REP, 1_500.0)],
            ),
            choices: &[
                band("They rise by more than 20 %", 1.2, INF),
                band("They rise a little (2–20 %)", 1.02, 1.2),
                band("Nothing changes (within 2 %)", 0.98, 1.02),
                band("They fall", 0.0, 0.98),
            ],
        },
        lesson: "Reps work leads, and a shop's visitors do not leave their details: they buy or leave. The reps add cost and no customers. Digital-first businesses grow through the channel mix, the site's conversion and repeat orders.",
        goal: Goal {
            text: "Earn 1.2 × the start's gross profit in the year without losing new customers.",
            weeks: None,
            conditions: &[
                at_least(Kpi::GrossProfit, Target::TimesStart(1.2)),
                at_least(Kpi::NewCustomers, Target::TimesStart(1.0)),
            ],
        },
        dials: &[dial(BUDGET, 5_000.0, 30_000.0), SHARE_DIALS[0], SHARE_DIALS[1], SHARE_DIALS[2]],
        hints: &[
            "Compare the channels' cost per customer in the results by source.",
            "Paid social here is cheap per visit and reaches 80 % of shoppers.",
            "Try 70 % social, 20 % search, 10 % email at the same budget.",
        ],
        solution: &[Edit::to(share(0), 70.0), Edit::to(share(1), 20.0), Edit::to(share(2), 10.0)],
        explain: debrief::digital_first,
    },
    Lesson {
        id: "retention",
        title: "Customer success keeps what sales won",
        intro: "The shop's customers reorder about every four months, but 2 % of them drift away each week. Every customer lost takes their future orders along, and marketing must pay again to replace them. Keeping customers is customer success's job: onboarding, support, reminders, a reason to come back. Its numbers are churn and the customers still active at the end. Here marketing's budget is fixed: grow the year's profit by keeping customers longer.",
        concepts: &["churn", "retention", "ltv", "customer-success", "word-of-mouth", "gross-margin"],
        teams: &[Team::CustomerSuccess],
        preset: "dtc-shop",
        setup: &[],
        prediction: Prediction {
            question: "Which earns the most gross profit in the year?",
            weeks: None,
            rule: Rule::Most(Kpi::GrossProfit),
            choices: &[
                choice("Marketing spends 50 % more", &[Edit::times(BUDGET, 1.5)]),
                choice("Marketing doubles the budget", &[Edit::times(BUDGET, 2.0)]),
                choice("Customer success halves churn, from 2 % to 1 % a week", &[Edit::to(CHURN, 1.0)]),
            ],
        },
        lesson: "More spend buys more customers but at a rising cost each; a kept customer keeps paying at no acquisition cost. Half the churn doubles how long a customer stays, and so their lifetime value.",
        goal: Goal {
            text: "Earn 1.25 × the start's gross profit and end the year with 1.2 × the active customers.",
            weeks: None,
            conditions: &[
                at_least(Kpi::GrossProfit, Target::TimesStart(1.25)),
                at_least(Kpi::CustomersEnd, Target::TimesStart(1.2)),
            ],
        },
        dials: &[dial(CHURN, 0.5, 3.0)],
        hints: &[
            "Churn is per week: 2 % a week loses two customers in three within a year.",
            "Expected weeks as a customer are 1 / churn: 50 weeks at 2 %, 100 at 1 %.",
            "Bring churn to about 1 % a week.",
        ],
        solution: &[Edit::to(CHURN, 1.0)],
        explain: debrief::retention,
    },
];
