//! The share search the optimiser and goal seek share: a multi-start,
//! pairwise share-transfer pattern search on the bounded simplex
//! `Σ x = total, lo ≤ x ≤ hi` of the free channels.
//!
//! Why not a gradient step: the objective has kinks (sales capacity caps
//! the worked leads), flat stretches (reach caps) and interactions (the
//! shared unaware pool, word of mouth). A transfer of `step` of the budget
//! from channel `j` to channel `i` needs no derivative; polling every
//! ordered pair at a step, then shrinking the step, stops only where no
//! transfer of any size on the ladder helps. Several starts (the current
//! plan, an equal split, every channel at its maximum, a greedy
//! marginal-return allocation) guard against a local optimum.

use std::cell::Cell;

use crate::scenario::Scenario;
use crate::simulate::{self, Outcome};

/// How good a plan is: constraint violation first (0 = every constraint
/// met; smaller is better), then the value (larger is better).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Score {
    pub violation: f64,
    pub value: f64,
}

impl Score {
    /// Worse than any plan.
    pub const WORST: Score = Score { violation: f64::INFINITY, value: f64::NEG_INFINITY };

    /// Strictly better than `other` (by more than rounding noise).
    pub fn better_than(&self, other: &Score) -> bool {
        if self.violation.is_nan() || self.value.is_nan() {
            return false;
        }
        let dv = self.violation - other.violation;
        if dv < -1e-12 || (other.violation.is_infinite() && self.violation.is_finite()) {
            return true;
        }
        if dv > 1e-12 {
            return false;
        }
        let noise = 1e-12 * other.value.abs().max(1e-9);
        self.value > other.value + noise || (other.value == f64::NEG_INFINITY && self.value > f64::NEG_INFINITY)
    }
}

/// Runs expected mode and scores the outcome, counting evaluations.
pub(crate) struct Evaluator<'a> {
    score: &'a dyn Fn(&Scenario, &Outcome) -> Score,
    evals: Cell<usize>,
}

impl<'a> Evaluator<'a> {
    pub fn new(score: &'a dyn Fn(&Scenario, &Outcome) -> Score) -> Self {
        Evaluator { score, evals: Cell::new(0) }
    }
    /// Expected runs so far.
    pub fn evals(&self) -> usize {
        self.evals.get()
    }
    pub fn eval(&self, s: &Scenario) -> Score {
        self.evals.set(self.evals.get() + 1);
        let o = simulate::expected(s);
        (self.score)(s, &o)
    }
}

/// The share problem at one budget: which channels move, the share they
/// have between them, and each one's bounds (share units).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Mix {
    pub free: Vec<usize>,
    pub total: f64,
    pub lo: Vec<f64>,
    pub hi: Vec<f64>,
}

/// How hard to search.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Effort {
    /// Every start, steps 0.25 → 1e-5: the answer reported.
    Full,
    /// One warm start, steps 0.1 → 0.003: inside outer searches.
    Quick,
}

const COARSE: [f64; 3] = [0.25, 0.1, 0.03];
const FINE: [f64; 7] = [0.01, 3e-3, 1e-3, 3e-4, 1e-4, 3e-5, 1e-5];
const QUICK: [f64; 4] = [0.1, 0.03, 0.01, 3e-3];
/// Starts kept for the coarse steps of a full search.
const STARTS_KEPT: usize = 3;
/// Increments of the greedy start.
const GREEDY_STEPS: usize = 10;

impl Mix {
    /// Writes the free channels' shares `x` into a copy of `base`.
    pub fn apply(&self, base: &Scenario, x: &[f64]) -> Scenario {
        let mut s = base.clone();
        for (k, &i) in self.free.iter().enumerate() {
            if let (Some(c), Some(&v)) = (s.channels.get_mut(i), x.get(k)) {
                c.share = v;
            }
        }
        s
    }

    /// The free channels' shares in `s`.
    pub fn current(&self, s: &Scenario) -> Vec<f64> {
        self.free.iter().map(|&i| s.channels.get(i).map_or(0.0, |c| c.share)).collect()
    }

    /// The nearest point of the bounded simplex to `v` along a common shift:
    /// `clamp(v + t, lo, hi)` with `t` chosen so the sum is `total`.
    pub fn project(&self, v: &[f64]) -> Vec<f64> {
        let at = |t: f64| -> Vec<f64> {
            v.iter().zip(self.lo.iter().zip(&self.hi)).map(|(&x, (&lo, &hi))| (x + t).clamp(lo, hi)).collect()
        };
        let sum = |x: &[f64]| x.iter().sum::<f64>();
        let (mut a, mut b) = (-2.0, 2.0);
        for _ in 0..200 {
            let m = 0.5 * (a + b);
            if sum(&at(m)) < self.total { a = m } else { b = m }
        }
        let mut x = at(0.5 * (a + b));
        // Put the rounding left over on a channel with room.
        let gap = self.total - sum(&x);
        if let Some(k) = (0..x.len()).find(|&k| x[k] + gap >= self.lo[k] && x[k] + gap <= self.hi[k]) {
            x[k] += gap;
        }
        x
    }

    /// Searches the free shares of `base` for the best score.
    pub fn best(&self, ev: &Evaluator, base: &Scenario, effort: Effort, warm: Option<&[f64]>) -> (Vec<f64>, Score) {
        if self.free.len() <= 1 {
            let x = self.project(&self.current(base));
            let score = ev.eval(&self.apply(base, &x));
            return (x, score);
        }
        match effort {
            Effort::Quick => {
                let start = self.project(warm.map_or_else(|| self.current(base), <[f64]>::to_vec).as_slice());
                let score = ev.eval(&self.apply(base, &start));
                self.pattern(ev, base, start, score, &QUICK)
            }
            Effort::Full => {
                let mut starts = self.starts(ev, base);
                if let Some(w) = warm {
                    let x = self.project(w);
                    let score = ev.eval(&self.apply(base, &x));
                    starts.push((x, score));
                }
                starts.sort_by(|a, b| {
                    if a.1.better_than(&b.1) {
                        std::cmp::Ordering::Less
                    } else if b.1.better_than(&a.1) {
                        std::cmp::Ordering::Greater
                    } else {
                        std::cmp::Ordering::Equal
                    }
                });
                let mut kept: Vec<(Vec<f64>, Score)> = Vec::new();
                for (x, s) in starts {
                    if kept.len() < STARTS_KEPT && kept.iter().all(|(y, _)| distance(&x, y) > 1e-6) {
                        kept.push((x, s));
                    }
                }
                let mut best: Option<(Vec<f64>, Score)> = None;
                for (x, s) in kept {
                    let r = self.pattern(ev, base, x, s, &COARSE);
                    if best.as_ref().is_none_or(|b| r.1.better_than(&b.1)) {
                        best = Some(r);
                    }
                }
                let (x, s) = best.unwrap_or_else(|| {
                    let x = self.project(&self.current(base));
                    let s = ev.eval(&self.apply(base, &x));
                    (x, s)
                });
                self.pattern(ev, base, x, s, &FINE)
            }
        }
    }

    /// The starts of a full search, each evaluated.
    fn starts(&self, ev: &Evaluator, base: &Scenario) -> Vec<(Vec<f64>, Score)> {
        let n = self.free.len();
        let mut points = vec![self.project(&self.current(base)), self.project(&vec![self.total / n as f64; n])];
        for k in 0..n {
            let mut v = self.lo.clone();
            v[k] = self.hi[k];
            points.push(self.project(&v));
        }
        let mut out: Vec<(Vec<f64>, Score)> = Vec::new();
        for p in points {
            if out.iter().all(|(y, _)| distance(&p, y) > 1e-9) {
                let s = ev.eval(&self.apply(base, &p));
                out.push((p, s));
            }
        }
        out.push(self.greedy(ev, base));
        out
    }

    /// Greedy marginal-return start: from every channel at its minimum, give
    /// each tenth of what is left to the channel where it scores best.
    fn greedy(&self, ev: &Evaluator, base: &Scenario) -> (Vec<f64>, Score) {
        let mut x = self.lo.clone();
        let left = (self.total - x.iter().sum::<f64>()).max(0.0);
        let piece = left / GREEDY_STEPS as f64;
        let mut best_score = Score::WORST;
        for _ in 0..GREEDY_STEPS {
            let mut round: Option<(Vec<f64>, Score)> = None;
            for k in 0..x.len() {
                let room = self.hi[k] - x[k];
                if room <= 1e-12 {
                    continue;
                }
                let mut y = x.clone();
                y[k] += piece.min(room);
                let s = ev.eval(&self.apply(base, &y));
                if round.as_ref().is_none_or(|r| s.better_than(&r.1)) {
                    round = Some((y, s));
                }
            }
            match round {
                Some((y, s)) => {
                    x = y;
                    best_score = s;
                }
                None => break,
            }
        }
        // Rounding (or pieces capped by room) may leave a sliver: project.
        let p = self.project(&x);
        if distance(&p, &x) > 1e-12 {
            best_score = ev.eval(&self.apply(base, &p));
        }
        (p, best_score)
    }

    /// Pairwise-transfer pattern search over the step ladder `steps`
    /// (fractions of `total`); an accepted transfer is repeated with double
    /// the step while it keeps improving.
    fn pattern(
        &self,
        ev: &Evaluator,
        base: &Scenario,
        mut x: Vec<f64>,
        mut fx: Score,
        steps: &[f64],
    ) -> (Vec<f64>, Score) {
        let n = x.len();
        for &fraction in steps {
            let step = fraction * self.total;
            if step <= 1e-12 {
                continue;
            }
            loop {
                let mut improved = false;
                for i in 0..n {
                    for j in 0..n {
                        if i == j {
                            continue;
                        }
                        let mut wanted = step;
                        loop {
                            let d = wanted.min(self.hi[i] - x[i]).min(x[j] - self.lo[j]);
                            if d <= 1e-12 {
                                break;
                            }
                            let mut y = x.clone();
                            y[i] += d;
                            y[j] -= d;
                            let fy = ev.eval(&self.apply(base, &y));
                            if !fy.better_than(&fx) {
                                break;
                            }
                            x = y;
                            fx = fy;
                            improved = true;
                            if d < wanted {
                                // A bound stopped the transfer: nothing further this way.
                                break;
                            }
                            wanted = 2.0 * d;
                        }
                    }
                }
                if !improved {
                    break;
                }
            }
        }
        (x, fx)
    }
}

fn distance(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| (x - y).abs()).fold(0.0, f64::max)
}
