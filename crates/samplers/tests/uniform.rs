//! Tests of the uniform building blocks.

mod common;

use common::{Pmf, chi_square, rng_for};
use funnel_samplers::{uniform_below, uniform01, uniform01_open};

#[test]
fn floats_stay_in_their_intervals() {
    let mut rng = rng_for(7, 0, 0);
    for _ in 0..100_000 {
        let u = uniform01(&mut rng);
        assert!((0.0..1.0).contains(&u));
        let v = uniform01_open(&mut rng);
        assert!(v > 0.0 && v < 1.0);
    }
}

/// Bounded integers are uniform, including a bound just above 2⁶³ where the
/// rejection step is taken for almost half of all words.
#[test]
fn bounded_integers_are_uniform() {
    let mut rng = rng_for(8, 0, 0);
    for &bound in &[1u64, 2, 7, 10, 1000] {
        let samples: Vec<u64> = (0..50_000).map(|_| uniform_below(&mut rng, bound)).collect();
        assert!(samples.iter().all(|&x| x < bound));
        let pmf = Pmf { lo: 0, probs: vec![1.0 / bound as f64; bound as usize] };
        let gof = chi_square(&samples, &pmf);
        assert!(gof.passed(), "bound {bound}: {gof:?}");
    }
    let bound = (1u64 << 63) + 12345;
    // Split the range into 8 equal-probability cells by the top bits.
    let samples: Vec<u64> = (0..50_000)
        .map(|_| {
            let x = uniform_below(&mut rng, bound);
            assert!(x < bound);
            ((x as u128 * 8) / bound as u128) as u64
        })
        .collect();
    let gof = chi_square(&samples, &Pmf { lo: 0, probs: vec![0.125; 8] });
    assert!(gof.passed(), "{gof:?}");
    assert_eq!(uniform_below(&mut rng, 0), 0);
}
