//! Numbers formatted for people: `1.2k`, `$48,300`, `21 %`. Shared by the
//! app and the charts; pure, so it is tested natively.

/// A count of people or things: `950`, `1.2k`, `48k`, `3.4M`.
pub fn count(x: f64) -> String {
    compact(x, "")
}

/// Money with a `$` sign: `$950`, `$48,300`, `$1.2M` (large values compact).
pub fn money(x: f64) -> String {
    if !x.is_finite() {
        return "—".into();
    }
    let sign = if x < 0.0 { "−" } else { "" };
    let a = x.abs();
    if a >= 1e6 {
        format!("{sign}${}", compact(a, "").trim_start_matches('−'))
    } else {
        format!("{sign}${}", grouped(a.round()))
    }
}

/// Money, always compact (for axis ticks): `$48k`.
pub fn money_short(x: f64) -> String {
    if !x.is_finite() {
        return "—".into();
    }
    let sign = if x < 0.0 { "−" } else { "" };
    format!("{sign}${}", compact(x.abs(), ""))
}

/// A share as a percentage: `21 %`, `3.5 %`, `0.42 %`.
pub fn percent(share: f64) -> String {
    if !share.is_finite() {
        return "—".into();
    }
    let p = share * 100.0;
    let a = p.abs();
    let text = if a >= 10.0 || a == 0.0 {
        format!("{p:.0}")
    } else if a >= 1.0 {
        trim(format!("{p:.1}"))
    } else {
        trim(format!("{p:.2}"))
    };
    format!("{} %", text.replace('-', "−"))
}

/// A multiple such as ROAS: `2.9×`.
pub fn multiple(x: f64) -> String {
    if !x.is_finite() {
        return "—".into();
    }
    format!("{}×", trim(format!("{x:.1}")).replace('-', "−"))
}

/// An optional value, `—` for none.
pub fn or_none(value: Option<f64>, f: fn(f64) -> String) -> String {
    value.map_or_else(|| "—".into(), f)
}

/// Whole number with thousands separators: `48,300`.
pub fn grouped(x: f64) -> String {
    if !x.is_finite() {
        return "—".into();
    }
    let digits = format!("{:.0}", x.abs());
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if x < 0.0 && digits != "0" { format!("−{out}") } else { out }
}

fn compact(x: f64, suffix: &str) -> String {
    if !x.is_finite() {
        return "—".into();
    }
    let a = x.abs();
    let sign = if x < 0.0 { "−" } else { "" };
    let (value, unit) = match a {
        a if a >= 1e9 => (a / 1e9, "B"),
        a if a >= 1e6 => (a / 1e6, "M"),
        a if a >= 1e3 => (a / 1e3, "k"),
        _ => (a, ""),
    };
    let text = if unit.is_empty() {
        if a >= 10.0 || a == 0.0 { format!("{value:.0}") } else { trim(format!("{value:.1}")) }
    } else if value >= 100.0 {
        format!("{value:.0}")
    } else {
        trim(format!("{value:.1}"))
    };
    format!("{sign}{text}{unit}{suffix}")
}

fn trim(s: String) -> String {
    if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_string() } else { s }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_compact() {
        assert_eq!(count(950.0), "950");
        assert_eq!(count(1234.0), "1.2k");
        assert_eq!(count(48_000.0), "48k");
        assert_eq!(count(3_400_000.0), "3.4M");
        assert_eq!(count(2.5), "2.5");
        assert_eq!(count(0.0), "0");
        assert_eq!(count(-1500.0), "−1.5k");
    }

    #[test]
    fn money_has_separators() {
        assert_eq!(money(48_300.0), "$48,300");
        assert_eq!(money(950.4), "$950");
        assert_eq!(money(1_260_000.0), "$1.3M");
        assert_eq!(money(-2_000.0), "−$2,000");
        assert_eq!(money_short(48_300.0), "$48.3k");
        assert_eq!(money(f64::NAN), "—");
    }

    #[test]
    fn percents_keep_useful_digits() {
        assert_eq!(percent(0.21), "21 %");
        assert_eq!(percent(0.035), "3.5 %");
        assert_eq!(percent(0.0042), "0.42 %");
        assert_eq!(percent(0.0), "0 %");
        assert_eq!(percent(-0.5), "−50 %");
        assert_eq!(multiple(2.94), "2.9×");
        assert_eq!(or_none(None, percent), "—");
    }
}
