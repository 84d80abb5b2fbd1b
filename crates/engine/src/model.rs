//! The week-by-week stock-and-flow model of MODEL.md, written once for both
//! modes: every random quantity goes through a [`Sampler`].
//!
//! Paid reach depends only on spend, which is fixed in advance week by
//! week (the same every week, or set by a plan's phases), so the adstock and
//! each channel's reach probability are computed once per scenario
//! ([`Model::new`], [`Model::planned`]); only word of mouth depends on the
//! run. The adstock runs straight across phase boundaries, so a burst keeps
//! working after it ends. Sales capacity and cost are per week too (reps
//! hired by a plan ramp up).
//!
//! Open opportunities move through `k` pipeline stages (MODEL.md 1.1): each
//! week an opportunity advances a stage with probability `k / cycle_weeks`,
//! and from the last stage it is decided (won or lost) with that same
//! probability. With `k = 1` this is the memoryless cycle, draw for draw.

use crate::metrics::{Metric, Trace};
use crate::pipeline::Pipeline;
use crate::plan::{PlanColumn, PlannedScenario, Schedule};
use crate::sampler::{Chance, Competing, Sampler};
use crate::scenario::Scenario;

/// A scenario prepared for simulation: everything that does not depend on
/// the run, computed once.
#[derive(Clone, Debug)]
pub struct Model {
    weeks: usize,
    channels: usize,
    sources: usize,
    size: f64,
    initially_aware: f64,
    initial_customers: f64,
    word_of_mouth: f64,
    /// Spend and impressions of channel `c` in week `t` at `t * channels + c`.
    spend: Vec<f64>,
    impressions: Vec<f64>,
    /// Reach probability of channel `c` in week `t` at `t * channels + c`.
    channel_reach: Vec<f64>,
    /// Its hazard `−ln(1 − p)` (where no channel reaches for certain).
    channel_hazard: Vec<f64>,
    /// Per week: `Π (1 − p)` over the channels, in channel order, and
    /// whether some channel reaches everyone (`p = 1`).
    channel_miss: Vec<f64>,
    channel_certain: Vec<bool>,
    /// Per source: engaged (engagement rate) or forgot (forget rate).
    engage_or_forget: Vec<Competing>,
    /// Per source: an engaged visitor buys online or becomes a lead.
    buy_or_lead: Vec<Competing>,
    /// Leads the team can work in week `t` (ramped reps × leads per rep).
    capacity: Vec<f64>,
    /// Cost of the reps on board in week `t`.
    sales_cost: Vec<f64>,
    /// With a plan: phase number (1-based) and headcount per week, written
    /// to the trace's plan block; empty without one.
    phase: Vec<f64>,
    headcount: Vec<f64>,
    qualify: Chance,
    open_opportunity: Chance,
    go_cold: Chance,
    /// Open opportunities' stages and weekly decisions.
    pipeline: Pipeline,
    churn: Chance,
    deal_value: f64,
    deal_value_cv: f64,
    order_value: f64,
    recurring: f64,
    margin: f64,
}

/// Reach probability of one unaware person in a week for a channel with
/// adstocked impressions `effective`: Poisson reach inside the channel's
/// reachable pool `reach_cap × size`.
pub fn reach_probability(awareness_per_impression: f64, reach_cap: f64, effective: f64, size: f64) -> f64 {
    let per_person = awareness_per_impression * effective / (reach_cap * size);
    reach_cap * -libm::expm1(-per_person)
}

impl Model {
    /// Prepares a scenario (which should be valid; see [`Scenario::validate`]).
    pub fn new(scenario: &Scenario) -> Self {
        Self::build(scenario, &Schedule::new(scenario, None), false)
    }

    /// Prepares a scenario with its plan (which should be valid; see
    /// [`PlannedScenario::validate`]). Without a plan this is [`Model::new`].
    pub fn planned(planned: &PlannedScenario) -> Self {
        Self::build(&planned.scenario, &planned.schedule(), planned.plan.is_some())
    }

    fn build(scenario: &Scenario, schedule: &Schedule, has_plan: bool) -> Self {
        let weeks = scenario.weeks as usize;
        let channels = scenario.channels.len();
        let m = &scenario.market;
        let mut spend = Vec::with_capacity(weeks * channels);
        let mut impressions = Vec::with_capacity(weeks * channels);
        let mut adstock = vec![0.0; channels];
        let mut channel_reach = Vec::with_capacity(weeks * channels);
        let mut channel_hazard = Vec::with_capacity(weeks * channels);
        let mut channel_miss = Vec::with_capacity(weeks);
        let mut channel_certain = Vec::with_capacity(weeks);
        for t in 0..weeks {
            let (mut miss, mut certain) = (1.0, false);
            for (i, c) in scenario.channels.iter().enumerate() {
                let x = schedule.spend(t, i);
                let shown = 1000.0 * x / c.cpm;
                spend.push(x);
                impressions.push(shown);
                adstock[i] = (1.0 - c.carryover) * shown + c.carryover * adstock[i];
                let p = reach_probability(c.awareness_per_impression, c.reach_cap, adstock[i], m.size);
                channel_reach.push(p);
                channel_hazard.push(-libm::log1p(-p));
                miss *= 1.0 - p;
                certain |= p >= 1.0;
            }
            channel_miss.push(miss);
            channel_certain.push(certain);
        }
        let per_source = |f: fn(&crate::scenario::Channel) -> f64, organic: f64| {
            scenario.channels.iter().map(f).chain(std::iter::once(organic)).collect::<Vec<_>>()
        };
        let s = &scenario.sales;
        let r = &scenario.revenue;
        let pipeline = Pipeline::new(s);
        Model {
            weeks,
            channels,
            sources: channels + 1,
            size: m.size,
            initially_aware: m.initially_aware,
            initial_customers: m.initial_customers,
            word_of_mouth: m.word_of_mouth,
            spend,
            impressions,
            channel_reach,
            channel_hazard,
            channel_miss,
            channel_certain,
            engage_or_forget: per_source(|c| c.engagement_rate, m.organic_engagement_rate)
                .into_iter()
                .map(|engage| Competing::new(engage, m.forget_rate))
                .collect(),
            buy_or_lead: per_source(|c| c.purchase_rate, m.organic_purchase_rate)
                .into_iter()
                .zip(per_source(|c| c.lead_rate, m.organic_lead_rate))
                .map(|(buy, lead)| Competing::new(buy, lead))
                .collect(),
            capacity: schedule.effective_reps.iter().map(|r| r * s.leads_per_rep_per_week).collect(),
            sales_cost: schedule.headcount.iter().map(|r| r * s.cost_per_rep_per_week).collect(),
            phase: if has_plan { schedule.phase.iter().map(|&p| (p + 1) as f64).collect() } else { Vec::new() },
            headcount: if has_plan { schedule.headcount.clone() } else { Vec::new() },
            qualify: Chance::new(s.qualification_rate),
            open_opportunity: Chance::new(s.opportunity_rate),
            go_cold: Chance::new(s.lead_decay),
            pipeline,
            churn: Chance::new(r.churn_rate),
            deal_value: r.deal_value,
            deal_value_cv: r.deal_value_cv,
            order_value: r.order_value,
            recurring: r.recurring_per_week,
            margin: r.gross_margin,
        }
    }

    /// The same model prepared for many random draws: every fixed
    /// probability gets its small-trials table ([`Chance::tabulate`]). The
    /// expected mode does not need it, so decision tools that build
    /// thousands of models do not pay for it.
    pub fn for_draws(mut self) -> Self {
        for pair in self.engage_or_forget.iter_mut().chain(self.buy_or_lead.iter_mut()) {
            pair.tabulate();
        }
        for chance in [&mut self.qualify, &mut self.open_opportunity, &mut self.go_cold, &mut self.churn] {
            chance.tabulate();
        }
        self.pipeline.tabulate();
        self
    }

    /// Weeks in the horizon.
    pub fn weeks(&self) -> usize {
        self.weeks
    }

    /// Sources: channels, then organic.
    pub fn sources(&self) -> usize {
        self.sources
    }

    /// Pipeline stages.
    pub fn stages(&self) -> usize {
        self.pipeline.stages()
    }

    /// A zeroed trace of the right shape for this model.
    pub fn new_trace(&self) -> Trace {
        Trace::with_plan(self.weeks, self.sources, self.stages(), self.has_plan())
    }

    /// Whether the model runs a plan (its traces then have a plan block).
    pub fn has_plan(&self) -> bool {
        !self.phase.is_empty()
    }

    /// Whether some week has sales capacity (utilisation is defined).
    pub fn has_sales_team(&self) -> bool {
        self.capacity.iter().any(|&w| w > 0.0)
    }

    /// Runs the whole horizon once, writing every week into `trace`.
    pub fn run<S: Sampler>(&self, sampler: &mut S, state: &mut State, trace: &mut Trace) {
        state.reset(self, sampler);
        for week in 0..self.weeks {
            self.step(week, sampler, state, trace);
        }
    }

    /// One week, in the order of MODEL.md.
    fn step<S: Sampler>(&self, week: usize, sampler: &mut S, st: &mut State, trace: &mut Trace) {
        let k = self.channels;
        let n = self.sources;
        let k_st = self.stages();
        let f = &mut st.flows;

        // 4. Reach: paid channels (precomputed, with their hazards) and word of mouth.
        let customers: f64 = st.c.iter().sum();
        f.p[..k].copy_from_slice(&self.channel_reach[week * k..(week + 1) * k]);
        let word_of_mouth = -libm::expm1(-self.word_of_mouth * customers / self.size);
        f.p[k] = word_of_mouth;
        let reach_all;
        if self.channel_certain[week] || word_of_mouth >= 1.0 {
            // Certain reach: those sources share equally, the others get nothing.
            for (h, &p) in f.h.iter_mut().zip(&f.p) {
                *h = if p >= 1.0 { 1.0 } else { 0.0 };
            }
            reach_all = 1.0;
        } else {
            f.h[..k].copy_from_slice(&self.channel_hazard[week * k..(week + 1) * k]);
            f.h[k] = -libm::log1p(-word_of_mouth);
            reach_all = 1.0 - self.channel_miss[week] * (1.0 - word_of_mouth);
        }

        // 5. Draws on start-of-week stocks.
        let any_hazard = f.h.iter().any(|&h| h > 0.0);
        let new_aware_total = if any_hazard { sampler.binomial(st.u, reach_all) } else { 0.0 };
        if new_aware_total > 0.0 {
            sampler.split(new_aware_total, &f.h, &mut f.new_aware);
        } else {
            f.new_aware.iter_mut().for_each(|x| *x = 0.0);
        }
        for s in 0..n {
            (f.engaged[s], f.forgot[s]) = sampler.competing(st.a[s], &self.engage_or_forget[s]);
            let stages = s * k_st..(s + 1) * k_st;
            (f.won[s], f.lost[s]) = self.pipeline.draw(sampler, &st.o[stages.clone()], &mut f.advanced[stages]);
            f.churned[s] = sampler.chance(st.c[s], &self.churn);
            // 6. Visits become buyers or leads.
            (f.purchases[s], f.leads[s]) = sampler.competing(f.engaged[s], &self.buy_or_lead[s]);
            f.queue[s] = st.m[s] + f.leads[s];
        }

        // 7. Sales works the lead queue.
        let capacity = sampler.capacity(self.capacity[week]);
        let queued: f64 = f.queue.iter().sum();
        sampler.draw_from_groups(queued.min(capacity), &f.queue, &mut f.worked);

        let mut forgot_total = 0.0;
        let mut won_value_total = 0.0;
        let total = n;
        trace.row_mut(week, total).fill(0.0);
        for s in 0..n {
            let sql = sampler.chance(f.worked[s], &self.qualify);
            // 8. Unworked leads go cold.
            let unworked = f.queue[s] - f.worked[s];
            let cold = sampler.chance(unworked, &self.go_cold);
            // 9. Opportunities.
            let opportunities = sampler.chance(sql, &self.open_opportunity);

            // 10. Update the stocks.
            let disqualified = f.worked[s] - sql;
            let not_opportunity = sql - opportunities;
            st.a[s] += f.new_aware[s] - f.purchases[s] - f.leads[s] - f.forgot[s]
                + disqualified
                + cold
                + not_opportunity
                + f.lost[s];
            st.m[s] = unworked - cold;
            let stages = s * k_st..(s + 1) * k_st;
            let open = self.pipeline.update(
                &mut st.o[stages.clone()],
                &f.advanced[stages],
                opportunities,
                f.won[s],
                f.lost[s],
            );
            st.c[s] += f.purchases[s] + f.won[s] - f.churned[s];
            st.x[s] += f.churned[s];
            forgot_total += f.forgot[s];

            // 11. Money (per source: media spend is its only cost).
            let spend = if s < k { self.spend[week * k + s] } else { 0.0 };
            let won_value = sampler.deal_values(f.won[s], self.deal_value, self.deal_value_cv);
            won_value_total += won_value;
            let revenue = f.purchases[s] * self.order_value + won_value + st.c[s] * self.recurring;

            let row = trace.row_mut(week, s);
            row[Metric::Spend.index()] = spend;
            row[Metric::Impressions.index()] = if s < k { self.impressions[week * k + s] } else { 0.0 };
            row[Metric::NewAware.index()] = f.new_aware[s];
            row[Metric::Visits.index()] = f.engaged[s];
            row[Metric::Purchases.index()] = f.purchases[s];
            row[Metric::Leads.index()] = f.leads[s];
            row[Metric::Worked.index()] = f.worked[s];
            row[Metric::Sql.index()] = sql;
            row[Metric::Opportunities.index()] = opportunities;
            row[Metric::Won.index()] = f.won[s];
            row[Metric::Lost.index()] = f.lost[s];
            row[Metric::Cold.index()] = cold;
            row[Metric::Churned.index()] = f.churned[s];
            row[Metric::NewCustomers.index()] = f.purchases[s] + f.won[s];
            row[Metric::Revenue.index()] = revenue;
            row[Metric::Cost.index()] = spend;
            row[Metric::GrossProfit.index()] = revenue * self.margin - spend;
            row[Metric::SalesUtilization.index()] = if capacity > 0.0 { f.worked[s] / capacity } else { 0.0 };
            row[Metric::Unaware.index()] = 0.0;
            row[Metric::Aware.index()] = st.a[s];
            row[Metric::MqlBacklog.index()] = st.m[s];
            row[Metric::OpenOpportunities.index()] = open;
            row[Metric::Customers.index()] = st.c[s];
            row[Metric::ChurnedTotal.index()] = st.x[s];
            add_row(trace, week, s, total);
        }
        st.u += forgot_total - new_aware_total;

        // Open opportunities per stage, over all sources.
        let by_stage = trace.stage_row_mut(week);
        by_stage.fill(0.0);
        for s in 0..n {
            for (j, v) in by_stage.iter_mut().enumerate() {
                *v += st.o[s * k_st + j];
            }
        }

        // Totals: the sums, except what belongs to the whole market.
        let row = trace.row_mut(week, total);
        row[Metric::Unaware.index()] = st.u;
        row[Metric::Cost.index()] += self.sales_cost[week];
        row[Metric::GrossProfit.index()] = row[Metric::Revenue.index()] * self.margin - row[Metric::Cost.index()];

        if self.has_plan() {
            let plan = trace.plan_row_mut(week);
            plan[PlanColumn::Phase.index()] = self.phase[week];
            plan[PlanColumn::Reps.index()] = self.headcount[week];
            plan[PlanColumn::Capacity.index()] = capacity;
            plan[PlanColumn::WonValue.index()] = won_value_total;
        }
    }
}

fn add_row(trace: &mut Trace, week: usize, from: usize, into: usize) {
    let source: [f64; Metric::COUNT] = match trace.row(week, from).try_into() {
        Ok(row) => row,
        Err(_) => return, // rows always have Metric::COUNT values
    };
    for (t, v) in trace.row_mut(week, into).iter_mut().zip(source) {
        *t += v;
    }
}

/// The stocks of one run and scratch space for one week's flows, kept
/// between runs so a Monte Carlo batch allocates once.
#[derive(Clone, Debug, Default)]
pub struct State {
    u: f64,
    a: Vec<f64>,
    m: Vec<f64>,
    /// Open opportunities of source `s` in stage `j`, at `s × stages + j`.
    o: Vec<f64>,
    c: Vec<f64>,
    x: Vec<f64>,
    flows: Flows,
}

#[derive(Clone, Debug, Default)]
struct Flows {
    p: Vec<f64>,
    h: Vec<f64>,
    new_aware: Vec<f64>,
    engaged: Vec<f64>,
    forgot: Vec<f64>,
    won: Vec<f64>,
    lost: Vec<f64>,
    churned: Vec<f64>,
    purchases: Vec<f64>,
    leads: Vec<f64>,
    queue: Vec<f64>,
    worked: Vec<f64>,
    /// Opportunities moving on from stage `j` of source `s`, at `s × k + j`.
    advanced: Vec<f64>,
}

impl State {
    /// The initial state of MODEL.md.
    fn reset<S: Sampler>(&mut self, model: &Model, sampler: &mut S) {
        let n = model.sources;
        for v in [&mut self.a, &mut self.m, &mut self.c, &mut self.x] {
            v.clear();
            v.resize(n, 0.0);
        }
        self.o.clear();
        self.o.resize(n * model.stages(), 0.0);
        self.flows.advanced.clear();
        self.flows.advanced.resize(n * model.stages(), 0.0);
        let f = &mut self.flows;
        for v in [
            &mut f.p,
            &mut f.h,
            &mut f.new_aware,
            &mut f.engaged,
            &mut f.forgot,
            &mut f.won,
            &mut f.lost,
            &mut f.churned,
            &mut f.purchases,
            &mut f.leads,
            &mut f.queue,
            &mut f.worked,
        ] {
            v.clear();
            v.resize(n, 0.0);
        }
        let organic = n - 1;
        self.a[organic] = sampler.head_count(model.initially_aware * model.size);
        self.c[organic] = model.initial_customers;
        self.u = model.size - self.a[organic] - self.c[organic];
    }
}
