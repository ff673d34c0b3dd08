//! The number formats `TEXT()` understands: General, digit placeholders
//! (`0 # ?`), decimals, thousands separators, scaling commas, percent,
//! scientific (`0.00E+00`), literal text, sections (`pos;neg;zero`), and
//! date/time codes (`yyyy mm dd hh mm ss AM/PM`, month and day names).

use crate::functions::date::serial_to_ymd;
use crate::functions::math::round_half_away;
use crate::value::{ErrorKind, format_general};

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Lit(String),
    Ch(char),
}

fn tokenize(fmt: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut it = fmt.chars().peekable();
    while let Some(c) = it.next() {
        match c {
            '"' => {
                let mut s = String::new();
                for d in it.by_ref() {
                    if d == '"' {
                        break;
                    }
                    s.push(d);
                }
                out.push(Tok::Lit(s));
            }
            '\\' => {
                if let Some(d) = it.next() {
                    out.push(Tok::Lit(d.to_string()));
                }
            }
            '[' => {
                // Colours and conditions such as [Red] are ignored.
                for d in it.by_ref() {
                    if d == ']' {
                        break;
                    }
                }
            }
            '_' => {
                it.next();
                out.push(Tok::Lit(" ".into()));
            }
            '*' => {
                it.next();
            }
            c => out.push(Tok::Ch(c)),
        }
    }
    out
}

fn split_sections(fmt: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut quoted = false;
    for c in fmt.chars() {
        if c == '"' {
            quoted = !quoted;
        }
        if c == ';' && !quoted {
            out.push(String::new());
        } else if let Some(s) = out.last_mut() {
            s.push(c);
        }
    }
    out
}

/// Formats `n` with an Excel number format.
///
/// # Errors
/// `#VALUE!` for a date format applied to a negative number.
#[cfg(test)]
pub(crate) fn format(n: f64, fmt: &str) -> Result<String, ErrorKind> {
    format_in(n, fmt, false)
}

/// [`format`] in the workbook's date system (`date1904`: serial 0 is 1904-01-01).
///
/// # Errors
/// As [`format`].
pub(crate) fn format_in(n: f64, fmt: &str, date1904: bool) -> Result<String, ErrorKind> {
    let sections = split_sections(fmt);
    let (sec, v, signed) = if n < 0.0 && sections.len() >= 2 {
        (&sections[1], -n, false)
    } else if n == 0.0 && sections.len() >= 3 {
        (&sections[2], n, false)
    } else {
        (&sections[0], n, true)
    };
    if sec.trim().eq_ignore_ascii_case("general") || sec.is_empty() {
        return Ok(format_general(if signed { v } else { v.abs() }));
    }
    let toks = tokenize(sec);
    let is_date = toks.iter().any(
        |t| matches!(t, Tok::Ch(c) if matches!(c.to_ascii_lowercase(), 'y' | 'd' | 'h' | 's')),
    ) || (toks.iter().any(|t| matches!(t, Tok::Ch('m' | 'M')))
        && !toks.iter().any(|t| matches!(t, Tok::Ch('0' | '#' | '?'))));
    if is_date {
        if v < 0.0 {
            return Err(ErrorKind::Value);
        }
        return Ok(format_date(if date1904 { v + 1462.0 } else { v }, &toks));
    }
    Ok(format_number(v, &toks, signed))
}

#[expect(clippy::too_many_lines, reason = "one pass over the pattern")]
fn format_number(v: f64, toks: &[Tok], signed: bool) -> String {
    let is_ph = |t: &Tok| matches!(t, Tok::Ch('0' | '#' | '?' | '.' | ','));
    let first = toks.iter().position(is_ph);
    let last = toks.iter().rposition(is_ph);
    let (Some(first), Some(last)) = (first, last) else {
        // No digits at all: literal text only.
        return toks
            .iter()
            .map(|t| match t {
                Tok::Lit(s) => s.clone(),
                Tok::Ch(c) => c.to_string(),
            })
            .collect();
    };
    let lit = |ts: &[Tok]| -> String {
        ts.iter()
            .map(|t| match t {
                Tok::Lit(s) => s.clone(),
                Tok::Ch(c) => c.to_string(),
            })
            .collect()
    };
    let mut prefix = lit(&toks[..first]);
    let suffix = lit(&toks[last + 1..]);
    let block: String = toks[first..=last]
        .iter()
        .map(|t| match t {
            Tok::Ch(c) => *c,
            Tok::Lit(_) => ' ',
        })
        .collect();
    let mut x = v;
    let pct = prefix.matches('%').count() + suffix.matches('%').count();
    for _ in 0..pct {
        x *= 100.0;
    }
    // Scientific: `0.00E+00`.
    if let Some(e_at) = block.find(['E', 'e'])
        && block[e_at + 1..].starts_with(['+', '-'])
    {
        let exp_digits = block[e_at + 2..]
            .chars()
            .filter(|c| matches!(c, '0' | '#'))
            .count()
            .max(1);
        let mant = &block[..e_at];
        let decimals = mant
            .split('.')
            .nth(1)
            .map_or(0, |d| d.chars().filter(|c| matches!(c, '0' | '#')).count());
        let s = format!("{:.*e}", decimals, x.abs());
        let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
        let e: i32 = e.parse().unwrap_or(0);
        let sign = if x < 0.0 && signed { "-" } else { "" };
        let esign = if e < 0 {
            "-"
        } else if block[e_at + 1..].starts_with('+') {
            "+"
        } else {
            ""
        };
        return format!(
            "{sign}{prefix}{m}E{esign}{:0width$}{suffix}",
            e.abs(),
            width = exp_digits
        );
    }
    let (int_pat, frac_pat) = block.split_once('.').unwrap_or((&block, ""));
    let trailing_commas = int_pat.len() - int_pat.trim_end_matches(',').len();
    for _ in 0..trailing_commas {
        x /= 1000.0;
    }
    let int_pat = int_pat.trim_end_matches(',');
    let thousands = int_pat.contains(',');
    let min_int = int_pat.chars().filter(|&c| c == '0').count();
    let max_dec = frac_pat
        .chars()
        .filter(|c| matches!(c, '0' | '#' | '?'))
        .count();
    let min_dec = frac_pat.chars().filter(|&c| c == '0').count();
    #[expect(clippy::cast_precision_loss, reason = "small counts")]
    let r = round_half_away(x.abs(), max_dec as f64);
    let s = format!("{r:.max_dec$}");
    let (ip, fp) = s.split_once('.').unwrap_or((&s, ""));
    let mut fp = fp.to_owned();
    while fp.len() > min_dec && fp.ends_with('0') {
        fp.pop();
    }
    let mut ip = ip.trim_start_matches('0').to_owned();
    while ip.len() < min_int {
        ip.insert(0, '0');
    }
    if thousands {
        let digits: Vec<char> = ip.chars().collect();
        let mut g = String::new();
        for (i, c) in digits.iter().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                g.push(',');
            }
            g.push(*c);
        }
        ip = g;
    }
    let mut out = ip;
    if max_dec > 0 && (!fp.is_empty() || frac_pat.contains('.') || block.contains('.')) {
        out.push('.');
        out.push_str(&fp);
    }
    let neg = x < 0.0 && signed && r != 0.0;
    if neg {
        prefix.insert(0, '-');
    }
    if suffix.is_empty() && prefix.is_empty() {
        return out;
    }
    format!("{prefix}{out}{suffix}")
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
const DAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

#[expect(clippy::format_push_string, reason = "one small piece per date code")]
fn format_date(v: f64, toks: &[Tok]) -> String {
    #[expect(clippy::cast_possible_truncation, reason = "serials are small")]
    let days = v.floor() as i64;
    #[expect(clippy::cast_possible_truncation, reason = "seconds in a day")]
    let mut secs = ((v - v.floor()) * 86_400.0).round() as i64;
    let days = days + secs / 86_400;
    secs %= 86_400;
    let (y, m, d) = serial_to_ymd(days);
    let (hh, mi, ss) = (secs / 3600, (secs / 60) % 60, secs % 60);
    let ampm = toks.windows(5).any(|w| {
        let s: String = w
            .iter()
            .filter_map(|t| if let Tok::Ch(c) = t { Some(*c) } else { None })
            .collect();
        s.eq_ignore_ascii_case("AM/PM")
    });
    // Group runs of the same letter.
    let mut runs: Vec<(char, usize, Option<String>)> = Vec::new();
    for t in toks {
        match t {
            Tok::Lit(s) => runs.push(('\0', 0, Some(s.clone()))),
            Tok::Ch(c) => {
                let lc = c.to_ascii_lowercase();
                match runs.last_mut() {
                    Some((p, n, None)) if *p == lc && "ymdhs".contains(lc) => *n += 1,
                    _ => runs.push((lc, 1, None)),
                }
            }
        }
    }
    let mut out = String::new();
    let mut i = 0;
    while i < runs.len() {
        let (c, n, lit) = &runs[i];
        if let Some(s) = lit {
            out.push_str(s);
            i += 1;
            continue;
        }
        let prev_h = runs[..i]
            .iter()
            .rev()
            .find(|r| r.2.is_none() && "ymdhs".contains(r.0))
            .is_some_and(|r| r.0 == 'h');
        let next_s = runs[i + 1..]
            .iter()
            .find(|r| r.2.is_none() && "ymdhs".contains(r.0))
            .is_some_and(|r| r.0 == 's');
        match c {
            'y' => out.push_str(&if *n <= 2 {
                format!("{:02}", y % 100)
            } else {
                format!("{y:04}")
            }),
            'm' if (prev_h || next_s) && *n <= 2 => out.push_str(&if *n == 2 {
                format!("{mi:02}")
            } else {
                mi.to_string()
            }),
            'm' => {
                let name = MONTHS[usize::try_from(m - 1).unwrap_or(0) % 12];
                out.push_str(&match n {
                    1 => m.to_string(),
                    2 => format!("{m:02}"),
                    3 => name[..3].to_owned(),
                    4 => name.to_owned(),
                    _ => name[..1].to_owned(),
                });
            }
            'd' => {
                let wd = usize::try_from((days + 6).rem_euclid(7)).unwrap_or(0);
                out.push_str(&match n {
                    1 => d.to_string(),
                    2 => format!("{d:02}"),
                    3 => DAYS[wd][..3].to_owned(),
                    _ => DAYS[wd].to_owned(),
                });
            }
            'h' => {
                let h = if ampm { (hh + 11) % 12 + 1 } else { hh };
                out.push_str(&if *n >= 2 {
                    format!("{h:02}")
                } else {
                    h.to_string()
                });
            }
            's' => out.push_str(&if *n >= 2 {
                format!("{ss:02}")
            } else {
                ss.to_string()
            }),
            'a' if ampm => {
                out.push_str(if hh < 12 { "AM" } else { "PM" });
                i += 5;
                continue;
            }
            c => out.push(*c),
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::format;

    #[test]
    fn formats() {
        let cases = [
            (1234.567, "0.00", "1234.57"),
            (1234.567, "#,##0", "1,235"),
            (1234.567, "#,##0.00", "1,234.57"),
            (0.256, "0%", "26%"),
            (0.256, "0.0%", "25.6%"),
            (-5.0, "0.00", "-5.00"),
            (-5.0, "0.00;(0.00)", "(5.00)"),
            (0.5, "#.00", ".50"),
            (1234.5, "$#,##0.00", "$1,234.50"),
            (12345.0, "0.00E+00", "1.23E+04"),
            (45322.0, "yyyy-mm-dd", "2024-01-31"),
            (45322.0, "mm/dd/yyyy", "01/31/2024"),
            (45322.0, "d-mmm-yy", "31-Jan-24"),
            (45322.0, "dddd, mmmm d", "Wednesday, January 31"),
            (45322.75, "hh:mm", "18:00"),
            (45322.75, "h:mm AM/PM", "6:00 PM"),
            (7.0, "General", "7"),
            (1_500_000.0, "#,##0,,\"M\"", "2M"),
            (42.0, "000", "042"),
        ];
        for (n, f, want) in cases {
            assert_eq!(format(n, f).unwrap(), want, "{n} {f}");
        }
    }
}
