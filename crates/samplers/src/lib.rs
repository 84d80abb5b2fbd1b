//! Fast, exact random-variate samplers for Monte Carlo simulation.
//!
//! * [`Binomial`] — binomial variates for a fixed `p` and any trial count,
//!   by inversion (small mean) or Hörmann's BTRD (1993).
//! * [`hypergeometric`] — hypergeometric variates by an urn loop (few draws),
//!   inversion (small mode) or Stadlober's HRUA ratio of uniforms (1989/1990).
//! * [`ln_factorial`] — `ln k!` to about one ulp.
//! * [`uniform01`], [`uniform01_open`], [`uniform_below`] — the uniform
//!   building blocks, made directly from `Rng::next_u64`.
//!
//! Every sampler takes any `R: rand::Rng + ?Sized` and never panics.

#![warn(missing_docs)]

mod binomial;
mod exp;
mod hypergeometric;
mod log_factorial;
mod uniform;

pub use binomial::{Binomial, INVERSION_MAX_MEAN, SMALL_MAX_TRIALS};
pub use hypergeometric::{HIN_MAX_MODE, URN_MAX_DRAWS, hypergeometric};
pub use log_factorial::ln_factorial;
pub use uniform::{uniform_below, uniform01, uniform01_open};
