//! The sales pipeline of MODEL.md 1.1: open opportunities pass through `k`
//! stages (discovery, demo, proposal, negotiation…) before a decision.
//! Each week an opportunity in a stage before the last advances with
//! probability `a = k / cycle_weeks`; one in the last stage is decided with
//! that probability, won with `a × win_rate`, lost with `a × (1 − win_rate)`.
//! The time from opening to decision is a sum of `k` geometric waits: mean
//! `cycle_weeks`, never less than `k` weeks. With `k = 1` it is the
//! memoryless cycle, draw for draw.
//!
//! The model calls [`Pipeline::draw`] on the start-of-week stocks (step 5)
//! and [`Pipeline::update`] with the week's new opportunities (step 10).

use crate::sampler::{Chance, Competing, Sampler};
use crate::scenario::Sales;

/// Names a sales manager knows, for display only (stage `j` of `k`).
pub fn stage_name(stage: usize, stages: usize) -> &'static str {
    const FOUR: [&str; 4] = ["Discovery", "Demo", "Proposal", "Negotiation"];
    const MORE: [&str; 12] = [
        "Discovery",
        "Qualification",
        "Needs analysis",
        "Demo",
        "Technical review",
        "Business case",
        "Proposal",
        "Security review",
        "Procurement",
        "Legal",
        "Negotiation",
        "Signature",
    ];
    match stages {
        1 => "Open",
        2 => ["Discovery", "Proposal"].get(stage).copied().unwrap_or("Stage"),
        3 => ["Discovery", "Proposal", "Negotiation"].get(stage).copied().unwrap_or("Stage"),
        4 => FOUR.get(stage).copied().unwrap_or("Stage"),
        // Spread the twelve names over k stages, from discovery to signature.
        k => MORE.get(stage * 11 / (k - 1)).copied().unwrap_or("Stage"),
    }
}

/// A prepared pipeline: its stage count and weekly probabilities.
#[derive(Clone, Debug, PartialEq)]
pub struct Pipeline {
    stages: usize,
    advance: Chance,
    decide: Competing,
}

impl Pipeline {
    /// Adds the small-trials tables of its draws ([`Chance::tabulate`]).
    pub fn tabulate(&mut self) {
        self.advance.tabulate();
        self.decide.tabulate();
    }

    /// The pipeline of a (valid) sales team; stage counts outside 1..=12
    /// run as one stage.
    pub fn new(sales: &Sales) -> Pipeline {
        let stages = if (1.0..=12.0).contains(&sales.pipeline_stages) { sales.pipeline_stages as usize } else { 1 };
        let k = stages as f64;
        // (k × rate) / cycle rather than (k / cycle) × rate: with k = 1 the
        // same floating-point numbers as the single-stage model.
        Pipeline {
            stages,
            advance: Chance::new(k / sales.cycle_weeks),
            decide: Competing::new(
                k * sales.win_rate / sales.cycle_weeks,
                k * (1.0 - sales.win_rate) / sales.cycle_weeks,
            ),
        }
    }

    /// Stages `k`.
    pub fn stages(&self) -> usize {
        self.stages
    }

    /// This week's moves from the start-of-week stocks `open` (one value per
    /// stage): writes the opportunities leaving each stage before the last
    /// into `advanced`, and returns the last stage's (won, lost).
    pub fn draw<S: Sampler>(&self, sampler: &mut S, open: &[f64], advanced: &mut [f64]) -> (f64, f64) {
        let last = self.stages - 1;
        for (moved, &stock) in advanced.iter_mut().zip(&open[..last]) {
            *moved = sampler.chance(stock, &self.advance);
        }
        sampler.competing(open[last], &self.decide)
    }

    /// Applies the week: `opened` new opportunities enter stage 1, the
    /// advanced ones move one stage on, the decided ones leave the last.
    /// Returns the opportunities still open.
    pub fn update(&self, open: &mut [f64], advanced: &[f64], opened: f64, won: f64, lost: f64) -> f64 {
        let last = self.stages - 1;
        let mut arriving = opened;
        for (stock, &moved) in open[..last].iter_mut().zip(advanced) {
            *stock += arriving - moved;
            arriving = moved;
        }
        open[last] += arriving - won - lost;
        open.iter().sum()
    }
}
