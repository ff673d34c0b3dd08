//! Number formats of chart labels: the common spreadsheet format codes
//! (`General`, `0`, `0.0`, `#,##0`, `0%`, currency prefixes, simple dates).

/// Format `v` with a spreadsheet format code (the first section; the second for negatives).
pub fn format(v: f64, code: &str) -> String {
    if !v.is_finite() {
        return String::new();
    }
    let sections = split_sections(code);
    let (sec, v, neg_section) = match sections.as_slice() {
        [pos, neg, ..] if v < 0.0 => (*neg, -v, true),
        [first, ..] => (*first, v, false),
        [] => ("General", v, false),
    };
    let sec = sec.trim();
    if sec.is_empty() || sec.eq_ignore_ascii_case("general") || sec == "@" {
        return general(if neg_section { -v } else { v });
    }
    let (lits, body) = strip(sec);
    if is_date(&body) {
        return date(v, &body);
    }
    let number = numeric(v, &body);
    let (pre, post) = lits;
    format!("{pre}{number}{post}")
}

/// Sections of a format code, split at `;` outside quotes.
fn split_sections(code: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut quoted = false;
    for (i, c) in code.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => {
                out.push(&code[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&code[start..]);
    out
}

/// Literal text before and after the number part, and the number part itself.
/// Drops colours and conditions (`[Red]`), padding (`_x`, `*x`), and unquotes literals.
fn strip(sec: &str) -> ((String, String), String) {
    let mut pre = String::new();
    let mut post = String::new();
    let mut body = String::new();
    let mut chars = sec.chars().peekable();
    let mut seen_digit = false;
    let push_lit = |s: &str, seen: bool, pre: &mut String, post: &mut String| {
        if seen {
            post.push_str(s);
        } else {
            pre.push_str(s);
        }
    };
    while let Some(c) = chars.next() {
        match c {
            '[' => {
                let mut inner = String::new();
                for d in chars.by_ref() {
                    if d == ']' {
                        break;
                    }
                    inner.push(d);
                }
                // `[$€-407]`: a currency symbol.
                if let Some(sym) = inner.strip_prefix('$') {
                    let sym = sym.split('-').next().unwrap_or("");
                    push_lit(sym, seen_digit, &mut pre, &mut post);
                }
            }
            '"' => {
                let mut lit = String::new();
                for d in chars.by_ref() {
                    if d == '"' {
                        break;
                    }
                    lit.push(d);
                }
                push_lit(&lit, seen_digit, &mut pre, &mut post);
            }
            '\\' => {
                if let Some(d) = chars.next() {
                    push_lit(&d.to_string(), seen_digit, &mut pre, &mut post);
                }
            }
            '_' | '*' => {
                chars.next();
            }
            '0' | '#' | '?' | '.' | ',' | '%' | 'E' | 'e' | '+' | '-'
                if seen_digit || matches!(c, '0' | '#' | '?' | '.') =>
            {
                seen_digit = true;
                body.push(c);
            }
            c if c.is_ascii_alphabetic() => {
                body.push(c);
                seen_digit = true;
            }
            '/' | ':' if seen_digit => body.push(c),
            c => push_lit(&c.to_string(), seen_digit, &mut pre, &mut post),
        }
    }
    // A percent sign among the trailing literals still scales the number.
    if post.contains('%') && !body.contains('%') {
        body.push('%');
        post = post.replacen('%', "", 1);
    }
    ((pre, post), body)
}

fn is_date(body: &str) -> bool {
    body.chars()
        .any(|c| matches!(c.to_ascii_lowercase(), 'y' | 'd' | 'm'))
        && !body.contains(['0', '#'])
}

/// `0.00`, `#,##0`, `0%`, `0.0E+00`.
fn numeric(v: f64, body: &str) -> String {
    let percent = body.contains('%');
    let v = if percent { v * 100.0 } else { v };
    let mantissa = body.split(['E', 'e']).next().unwrap_or(body);
    let decimals = mantissa
        .split_once('.')
        .map_or(0, |(_, d)| {
            d.chars().filter(|c| matches!(c, '0' | '#' | '?')).count()
        })
        .min(15);
    if body.contains(['E', 'e']) {
        let s = format!("{v:.decimals$E}");
        // Rust writes `1.5E3`; spreadsheets write `1.5E+03`.
        return match s.split_once('E') {
            Some((m, e)) => {
                let (sign, digits) = e.strip_prefix('-').map_or(("+", e), |d| ("-", d));
                format!("{m}E{sign}{digits:0>2}")
            }
            None => s,
        };
    }
    let int_part = mantissa.split('.').next().unwrap_or("");
    let thousands = int_part.contains(',') && int_part.trim_end_matches(',').contains(',');
    // Trailing commas scale by a thousand each.
    let scale_k = int_part.len() - int_part.trim_end_matches(',').len();
    let mut v = v;
    for _ in 0..scale_k.min(4) {
        v /= 1000.0;
    }
    let optional_decimals = mantissa
        .split_once('.')
        .is_some_and(|(_, d)| d.contains('#') && !d.contains('0'));
    // Half away from zero, as spreadsheets round (Rust's formatting rounds half to even).
    let mut k = 1.0_f64;
    for _ in 0..decimals {
        k *= 10.0;
    }
    let rounded = ((v.abs() * k) + 0.5).floor() / k;
    let mut s = format!("{rounded:.decimals$}");
    if optional_decimals && s.contains('.') {
        s = s.trim_end_matches('0').trim_end_matches('.').to_owned();
    }
    let leading_zero = int_part.contains('0');
    let (ip, fp) = s.split_once('.').map_or((s.as_str(), ""), |(a, b)| (a, b));
    let mut ip = ip.to_owned();
    if ip == "0" && !leading_zero && !fp.is_empty() {
        ip.clear();
    }
    if thousands {
        ip = group(&ip);
    }
    let neg = v < 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0');
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    out.push_str(&ip);
    if !fp.is_empty() {
        out.push('.');
        out.push_str(fp);
    }
    if percent {
        out.push('%');
    }
    out
}

fn group(digits: &str) -> String {
    let n = digits.len();
    let mut out = String::with_capacity(n + n / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (n - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Excel's `General`: up to 10 significant digits, no trailing zeros, exponent for huge or tiny values.
pub fn general(v: f64) -> String {
    if v == 0.0 || !v.is_finite() {
        return "0".to_owned();
    }
    let a = v.abs();
    if !(1e-9..1e11).contains(&a) {
        let s = format!("{v:.5E}");
        return match s.split_once('E') {
            Some((m, e)) => {
                let m = m.trim_end_matches('0').trim_end_matches('.');
                let (sign, digits) = e.strip_prefix('-').map_or(("+", e), |d| ("-", d));
                format!("{m}E{sign}{digits:0>2}")
            }
            None => s,
        };
    }
    // Digits before the point decide how many decimals fit in 10 significant digits.
    let mut int_digits = 1_usize;
    let mut t = a;
    while t >= 10.0 && int_digits < 12 {
        t /= 10.0;
        int_digits += 1;
    }
    let decimals = 10_usize.saturating_sub(int_digits);
    let s = format!("{v:.decimals$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        s
    }
}

/// A spreadsheet date serial (1900 system) as `y`, `m`, `d`.
fn ymd(serial: f64) -> (i64, u32, u32) {
    #[expect(clippy::cast_possible_truncation, reason = "serials are bounded below")]
    let days = serial.clamp(0.0, 2_958_465.0).floor() as i64;
    // Serial 60 is the phantom 29 Feb 1900; serial 1 is 1 Jan 1900.
    let days = if days >= 60 { days - 1 } else { days };
    // Days since 1899-12-31 → civil date (Howard Hinnant's algorithm from 1970-01-01).
    let z = days - 25_568 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (
        y,
        u32::try_from(m).unwrap_or(1),
        u32::try_from(d).unwrap_or(1),
    )
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Dates: `yyyy`, `yy`, `mmmm`, `mmm`, `mm`, `m`, `dd`, `d` and literal separators.
fn date(serial: f64, body: &str) -> String {
    let (y, m, d) = ymd(serial);
    let month = MONTHS[(m as usize).clamp(1, 12) - 1];
    let chars: Vec<char> = body.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].to_ascii_lowercase();
        let mut n = 1;
        while i + n < chars.len() && chars[i + n].to_ascii_lowercase() == c {
            n += 1;
        }
        match (c, n) {
            ('y', 1..=2) => out.push_str(&two(y.rem_euclid(100))),
            ('y', _) => out.push_str(&y.to_string()),
            ('m', 1) => out.push_str(&m.to_string()),
            ('m', 2) => out.push_str(&two(i64::from(m))),
            ('m', 3) => out.push_str(&month[..3]),
            ('m', 5) => out.push_str(&month[..1]),
            ('m', _) => out.push_str(month),
            ('d', 1) => out.push_str(&d.to_string()),
            ('d', 2) => out.push_str(&two(i64::from(d))),
            ('d', _) => out.push_str(&day_name(serial, n)),
            _ => {
                for _ in 0..n {
                    out.push(chars[i]);
                }
            }
        }
        i += n;
    }
    out
}

/// Two digits, zero-padded.
fn two(v: i64) -> String {
    format!("{v:02}")
}

fn day_name(serial: f64, n: usize) -> String {
    const DAYS: [&str; 7] = [
        "Saturday",
        "Sunday",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
    ];
    #[expect(clippy::cast_possible_truncation, reason = "clamped")]
    let k = serial.clamp(0.0, 2_958_465.0).floor() as i64;
    let name = DAYS[usize::try_from(k.rem_euclid(7)).unwrap_or(0)];
    if n == 3 {
        name[..3].to_owned()
    } else {
        name.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::{format, general};

    #[test]
    fn common_codes() {
        assert_eq!(format(1234.5, "General"), "1234.5");
        assert_eq!(format(1234.5, "0"), "1235");
        assert_eq!(format(3.04, "0.0"), "3.0");
        assert_eq!(format(1_234_567.0, "#,##0"), "1,234,567");
        assert_eq!(format(0.256, "0%"), "26%");
        assert_eq!(format(0.256, "0.0%"), "25.6%");
        assert_eq!(format(1500.0, "\"$\"#,##0"), "$1,500");
        assert_eq!(format(1500.0, "[$€-407]#,##0.00"), "€1,500.00");
        assert_eq!(format(-2.0, "0;(0)"), "(2)");
        assert_eq!(format(-2.5, "0.0"), "-2.5");
        assert_eq!(format(37261.0, "m/d/yyyy"), "1/5/2002");
        assert_eq!(format(45292.0, "mmm-yy"), "Jan-24");
        assert_eq!(format(45292.0, "d-mmm"), "1-Jan");
        assert_eq!(format(12_000.0, "0.0E+00"), "1.2E+04");
    }

    #[test]
    fn general_like_excel() {
        assert_eq!(general(0.1 + 0.2), "0.3");
        assert_eq!(general(8.200_000_000_000_001), "8.2");
        assert_eq!(general(-42.0), "-42");
        assert_eq!(general(1e12), "1E+12");
    }
}
