//! The channel mix: moving one channel's share of the budget rescales the
//! others so that the shares always sum to 1, respecting locks and
//! switched-off channels. Pure and native-tested; the web app calls it from
//! its reducer. (This is bookkeeping of the user's budget split, not model
//! math, so it lives outside `engine`.)
//!
//! Rules:
//! - a **locked** channel keeps its share;
//! - a **switched-off** channel has share 0, and what it had goes to the
//!   others;
//! - the **free** channels (on and unlocked, other than the one moved) absorb
//!   every change in proportion to their current shares, or equally when
//!   they are all at 0;
//! - when no free channel is left, the moved share cannot change (the
//!   others are pinned), so the request is clamped to what keeps the sum at 1.

/// Shares within this distance of each other count as equal (the engine
/// accepts sums within 1e-6 of 1).
const EPSILON: f64 = 1e-12;

/// The largest share channel `i` may take: 1 minus the shares of the other
/// locked channels that are on.
pub fn max_share(shares: &[f64], locked: &[bool], enabled: &[bool], i: usize) -> f64 {
    let pinned: f64 =
        (0..shares.len()).filter(|&j| j != i && is_on(enabled, j) && is_locked(locked, j)).map(|j| shares[j]).sum();
    (1.0 - pinned).clamp(0.0, 1.0)
}

/// Sets channel `i`'s share to `value` (clamped to what the locks allow) and
/// rescales the free channels so the shares sum to 1. A locked or switched-off
/// channel does not move. Returns whether anything changed.
pub fn set_share(shares: &mut [f64], locked: &[bool], enabled: &[bool], i: usize, value: f64) -> bool {
    if i >= shares.len() || is_locked(locked, i) || !is_on(enabled, i) || !value.is_finite() {
        return false;
    }
    let before = shares.to_vec();
    let free: Vec<usize> = free_channels(shares.len(), locked, enabled, i);
    let cap = max_share(shares, locked, enabled, i);
    // Without a free channel to absorb the difference, `i` takes exactly the rest.
    let value = if free.is_empty() { cap } else { value.clamp(0.0, cap) };
    shares[i] = value;
    spread(shares, &free, cap - value);
    zero_switched_off(shares, enabled);
    shares.iter().zip(&before).any(|(a, b)| (a - b).abs() > EPSILON)
}

/// Whether channel `i` can be switched off: it is on, some other channel is
/// on, and its share (if any) has somewhere to go (a free channel).
pub fn can_switch_off(shares: &[f64], locked: &[bool], enabled: &[bool], i: usize) -> bool {
    if i >= shares.len() || !is_on(enabled, i) {
        return false;
    }
    let others_on = (0..shares.len()).any(|j| j != i && is_on(enabled, j));
    let free = free_channels(shares.len(), locked, enabled, i);
    others_on && (shares[i] <= EPSILON || !free.is_empty())
}

/// Switches channel `i` off: its share becomes 0 and goes to the free
/// channels. `enabled[i]` is cleared. Returns false (and changes nothing)
/// when [`can_switch_off`] says no.
pub fn switch_off(shares: &mut [f64], locked: &[bool], enabled: &mut [bool], i: usize) -> bool {
    if !can_switch_off(shares, locked, enabled, i) {
        return false;
    }
    let free = free_channels(shares.len(), locked, enabled, i);
    let released = shares[i];
    shares[i] = 0.0;
    enabled[i] = false;
    let current: f64 = free.iter().map(|&j| shares[j]).sum();
    spread(shares, &free, current + released);
    true
}

/// Switches channel `i` back on and gives it `wanted` (e.g. the share it had
/// before), as far as the locks allow; the free channels make room.
/// Returns false when it was already on.
pub fn switch_on(shares: &mut [f64], locked: &[bool], enabled: &mut [bool], i: usize, wanted: f64) -> bool {
    if i >= shares.len() || is_on(enabled, i) {
        return false;
    }
    enabled[i] = true;
    shares[i] = 0.0;
    let free = free_channels(shares.len(), locked, enabled, i);
    let cap = max_share(shares, locked, enabled, i);
    let wanted = if wanted.is_finite() { wanted } else { 0.0 };
    let value = if free.is_empty() { cap } else { wanted.clamp(0.0, cap) };
    // A locked channel switched on keeps `wanted` only if nothing else moves;
    // switching on never breaks the sum.
    shares[i] = value;
    spread(shares, &free, cap - value);
    true
}

/// Spreads `total` over the channels `free`, in proportion to their current
/// shares, or equally when those are all 0.
fn spread(shares: &mut [f64], free: &[usize], total: f64) {
    if free.is_empty() {
        return;
    }
    let total = total.max(0.0);
    let current: f64 = free.iter().map(|&j| shares[j]).sum();
    if current > EPSILON {
        for &j in free {
            shares[j] = shares[j] / current * total;
        }
    } else {
        let each = total / free.len() as f64;
        for &j in free {
            shares[j] = each;
        }
    }
}

fn zero_switched_off(shares: &mut [f64], enabled: &[bool]) {
    for (j, share) in shares.iter_mut().enumerate() {
        if !is_on(enabled, j) {
            *share = 0.0;
        }
    }
}

/// Channels other than `i` that are on and unlocked.
fn free_channels(n: usize, locked: &[bool], enabled: &[bool], i: usize) -> Vec<usize> {
    (0..n).filter(|&j| j != i && is_on(enabled, j) && !is_locked(locked, j)).collect()
}

/// Missing flags count as "on" and "unlocked" (a fresh scenario).
fn is_on(enabled: &[bool], j: usize) -> bool {
    enabled.get(j).copied().unwrap_or(true)
}

fn is_locked(locked: &[bool], j: usize) -> bool {
    locked.get(j).copied().unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sum(shares: &[f64]) -> f64 {
        shares.iter().sum()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn moving_one_rescales_the_others_proportionally() {
        let mut s = vec![0.5, 0.3, 0.2];
        assert!(set_share(&mut s, &[false; 3], &[true; 3], 0, 0.7));
        assert!(close(s[0], 0.7));
        // 0.3 : 0.2 keeps its 3 : 2 ratio over the remaining 0.3.
        assert!(close(s[1], 0.18) && close(s[2], 0.12), "{s:?}");
        assert!(close(sum(&s), 1.0));
    }

    #[test]
    fn others_at_zero_share_equally() {
        let mut s = vec![1.0, 0.0, 0.0];
        set_share(&mut s, &[false; 3], &[true; 3], 0, 0.4);
        assert!(close(s[1], 0.3) && close(s[2], 0.3), "{s:?}");
    }

    #[test]
    fn a_locked_channel_keeps_its_share_and_caps_the_others() {
        let mut s = vec![0.5, 0.3, 0.2];
        let locked = [false, true, false];
        set_share(&mut s, &locked, &[true; 3], 0, 0.9);
        assert!(close(s[1], 0.3), "locked share moved: {s:?}");
        assert!(close(s[0], 0.7) && close(s[2], 0.0), "{s:?}");
        assert!(close(max_share(&s, &locked, &[true; 3], 0), 0.7));
    }

    #[test]
    fn locked_or_switched_off_channels_do_not_move_when_dragged() {
        let mut s = vec![0.5, 0.5];
        assert!(!set_share(&mut s, &[true, false], &[true; 2], 0, 0.2));
        assert!(!set_share(&mut s, &[false; 2], &[true, false], 1, 0.2));
        assert_eq!(s, vec![0.5, 0.5]);
    }

    #[test]
    fn with_every_other_channel_locked_the_share_is_pinned() {
        let mut s = vec![0.6, 0.4];
        assert!(!set_share(&mut s, &[false, true], &[true; 2], 0, 0.1));
        assert!(close(s[0], 0.6) && close(s[1], 0.4));
    }

    #[test]
    fn switching_off_redistributes_and_switching_on_restores() {
        let mut s = vec![0.5, 0.3, 0.2];
        let mut on = vec![true; 3];
        assert!(switch_off(&mut s, &[false; 3], &mut on, 0));
        assert_eq!(on, vec![false, true, true]);
        assert!(close(s[0], 0.0) && close(s[1], 0.6) && close(s[2], 0.4), "{s:?}");
        // A switched-off channel cannot be dragged and gets no share.
        assert!(!set_share(&mut s, &[false; 3], &on, 0, 0.5));
        set_share(&mut s, &[false; 3], &on, 1, 0.5);
        assert!(close(s[0], 0.0) && close(s[2], 0.5), "{s:?}");
        assert!(switch_on(&mut s, &[false; 3], &mut on, 0, 0.5));
        assert!(close(s[0], 0.5) && close(s[1], 0.25) && close(s[2], 0.25), "{s:?}");
        assert!(!switch_on(&mut s, &[false; 3], &mut on, 0, 0.5), "already on");
    }

    #[test]
    fn the_last_channel_on_cannot_be_switched_off() {
        let mut s = vec![0.0, 1.0];
        let mut on = vec![false, true];
        assert!(!can_switch_off(&s, &[false; 2], &on, 1));
        assert!(!switch_off(&mut s, &[false; 2], &mut on, 1));
        assert_eq!(on, vec![false, true]);
    }

    #[test]
    fn a_share_with_only_locked_channels_left_cannot_be_switched_off() {
        let s = vec![0.5, 0.5];
        assert!(!can_switch_off(&s, &[false, true], &[true; 2], 0));
        // But a channel at 0 % can always go (if another stays on).
        assert!(can_switch_off(&[0.0, 1.0], &[false, true], &[true; 2], 0));
    }

    #[test]
    fn switching_on_next_to_locked_channels_takes_only_what_is_left() {
        let mut s = vec![0.0, 0.7, 0.3];
        let mut on = vec![false, true, true];
        let locked = [false, true, false];
        switch_on(&mut s, &locked, &mut on, 0, 0.5);
        assert!(close(s[0], 0.3) && close(s[1], 0.7) && close(s[2], 0.0), "{s:?}");
    }

    #[test]
    fn bad_requests_change_nothing() {
        let mut s = vec![0.5, 0.5];
        assert!(!set_share(&mut s, &[false; 2], &[true; 2], 0, f64::NAN));
        assert!(!set_share(&mut s, &[false; 2], &[true; 2], 7, 0.1));
        assert_eq!(s, vec![0.5, 0.5]);
        // Out-of-range requests are clamped, never break the sum.
        set_share(&mut s, &[false; 2], &[true; 2], 0, 3.0);
        assert!(close(s[0], 1.0) && close(s[1], 0.0));
    }

    /// Property tests (native only: proptest does not build for wasm32).
    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;
        use proptest::prelude::*;

        fn mix() -> impl Strategy<Value = (Vec<f64>, Vec<bool>, Vec<bool>)> {
            (1usize..9).prop_flat_map(|n| {
                (
                    prop::collection::vec(0.0f64..1.0, n),
                    prop::collection::vec(prop::bool::weighted(0.25), n),
                    prop::collection::vec(prop::bool::weighted(0.8), n),
                )
            })
        }

        /// Normalises random shares into a valid starting mix (sum 1, off = 0).
        fn valid(shares: &mut [f64], enabled: &mut [bool]) {
            if !enabled.iter().any(|&e| e) {
                enabled[0] = true;
            }
            for (s, &e) in shares.iter_mut().zip(enabled.iter()) {
                if !e {
                    *s = 0.0;
                }
            }
            let total: f64 = shares.iter().sum();
            if total > 0.0 {
                shares.iter_mut().for_each(|s| *s /= total);
            } else {
                let first_on = enabled.iter().position(|&e| e).unwrap_or(0);
                shares[first_on] = 1.0;
            }
        }

        proptest! {
            #[test]
            fn every_operation_keeps_the_sum_at_one_and_locks_in_place(
                (mut shares, locked, mut enabled) in mix(),
                i in 0usize..9,
                value in -0.5f64..1.5,
                op in 0u8..3,
            ) {
                valid(&mut shares, &mut enabled);
                let i = i % shares.len();
                let before = shares.clone();
                match op {
                    0 => { set_share(&mut shares, &locked, &enabled, i, value); }
                    1 => { switch_off(&mut shares, &locked, &mut enabled, i); }
                    _ => { switch_on(&mut shares, &locked, &mut enabled, i, value); }
                }
                prop_assert!((sum(&shares) - 1.0).abs() < 1e-9, "sum {} of {:?}", sum(&shares), shares);
                for j in 0..shares.len() {
                    prop_assert!((0.0..=1.0 + 1e-12).contains(&shares[j]));
                    if !enabled[j] {
                        prop_assert_eq!(shares[j], 0.0);
                    }
                    if j != i && locked[j] && enabled[j] {
                        prop_assert!((shares[j] - before[j]).abs() < 1e-12, "locked {} moved", j);
                    }
                }
            }
        }
    }
}
