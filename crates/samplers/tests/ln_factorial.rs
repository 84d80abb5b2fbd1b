//! Accuracy tests of `ln_factorial`.

use funnel_samplers::ln_factorial;

/// Neumaier-compensated Σ ln i, so the reference itself is accurate to about
/// one ulp rather than drifting by ~k/2 ulps.
fn ln_factorial_by_sum(k: u64) -> Vec<f64> {
    let mut out = Vec::with_capacity(k as usize + 1);
    let (mut sum, mut comp) = (0.0f64, 0.0f64);
    out.push(0.0);
    for i in 1..=k {
        let term = (i as f64).ln();
        let t = sum + term;
        if sum.abs() >= term.abs() {
            comp += (sum - t) + term;
        } else {
            comp += (term - t) + sum;
        }
        sum = t;
        out.push(sum + comp);
    }
    out
}

#[test]
fn matches_direct_sum_up_to_ten_thousand() {
    let reference = ln_factorial_by_sum(10_000);
    let mut worst = 0.0f64;
    for (k, &want) in reference.iter().enumerate() {
        let got = ln_factorial(k as f64);
        if k < 2 {
            assert_eq!(got, 0.0, "ln({k}!)");
            continue;
        }
        let rel = ((got - want) / want).abs();
        worst = worst.max(rel);
        assert!(rel < 1e-13, "ln({k}!) = {got}, direct sum {want}, rel {rel:e}");
    }
    // Both sides are near one ulp; a much larger gap means a real defect.
    assert!(worst < 1e-15, "worst relative error {worst:e}");
}

#[test]
fn matches_known_values() {
    // ln(170!) from the f64 product (170! is the largest finite factorial).
    let product: f64 = (1..=170).map(|i| i as f64).product();
    let got = ln_factorial(170.0);
    assert!(((got - product.ln()) / got).abs() < 1e-15, "{got} vs {}", product.ln());
    assert_eq!(ln_factorial(10.0), 3_628_800f64.ln());
    // Correctly rounded values computed with mpmath at 60 digits.
    let known = [
        (170.0, 706.5730622457874),
        (1_000.0, 5912.128178488163),
        (1e6, 12815518.384658169),
        (1e10, 220258509311.83643),
        (1e15, 3.3538776394910704e16),
    ];
    for (k, want) in known {
        let got = ln_factorial(k);
        assert!(((got - want) / want).abs() < 1e-15, "ln({k}!) = {got}, want {want}");
    }
}

#[test]
fn continuous_across_the_table_boundary() {
    for k in 250..262 {
        let k = k as f64;
        let step = ln_factorial(k + 1.0) - ln_factorial(k);
        assert!((step - (k + 1.0).ln()).abs() < 1e-12, "k = {k}: step {step}");
    }
}

#[test]
fn non_integer_arguments_give_ln_gamma() {
    // ln Γ(x + 1), mpmath.
    let known = [
        (0.5, -0.12078223763524522),
        (1.5, 0.2846828704729192),
        (2.25, 0.9358019311087253),
        (7.75, 10.07315123968124),
        (300.5, 1417.7589897952414),
    ];
    for (x, want) in known {
        let got = ln_factorial(x);
        assert!((got - want).abs() < 1e-14 * want.abs().max(1.0), "lnΓ({x}+1) = {got}, want {want}");
    }
}

#[test]
fn special_inputs() {
    assert_eq!(ln_factorial(0.0), 0.0);
    assert_eq!(ln_factorial(-0.0), 0.0);
    assert_eq!(ln_factorial(1.0), 0.0);
    assert!(ln_factorial(-1.0).is_nan());
    assert!(ln_factorial(-0.5).is_nan());
    assert!(ln_factorial(f64::NAN).is_nan());
    assert!(ln_factorial(f64::NEG_INFINITY).is_nan());
    assert_eq!(ln_factorial(f64::INFINITY), f64::INFINITY);
    assert!(ln_factorial(1e300).is_finite());
}
