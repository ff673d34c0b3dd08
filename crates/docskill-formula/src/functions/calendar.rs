//! Calendar arithmetic on date serials: `DATEVALUE`, `DAYS`, `DATEDIF`,
//! `DAYS360`, `YEARFRAC`, `WEEKNUM`, `ISOWEEKNUM`, `NETWORKDAYS`. Arguments
//! are read in the workbook's date system and computed in the 1900 one.

use crate::ast::{Formula, NodeId};
use crate::eval::interp::Ctx;
use crate::functions::date::{
    OFFSET_1904, now_in, serial_arg, serial_in, serial_to_ymd, ymd_to_serial,
};
use crate::functions::stats::fold;
use crate::functions::{FnResult, is_missing, num, number_or, scalar, text};
use crate::value::{ErrorKind, Value, parse_date_text};

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn month_of(word: &str) -> Option<i64> {
    let w = word.to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let i = MONTHS.iter().position(|m| w.starts_with(m))?;
    (full[i].starts_with(&w) || w == "sept").then(|| i64::try_from(i).unwrap_or(0) + 1)
}

fn full_year(y: i64, digits: usize) -> i64 {
    match (digits, y) {
        (1 | 2, 0..=29) => 2000 + y,
        (1 | 2, _) => 1900 + y,
        _ => y,
    }
}

/// The 1900-system serial of date text: ISO `2024-01-31`, US `1/31/2024`,
/// `2024/01/31`, `31-Jan-2024`, `31 January 2024`, `January 31, 2024`,
/// `Jan-2024`, and with `this_year` also `31-Jan` and `1/31`; a time after
/// the date is ignored.
fn parse_date(text: &str, this_year: i64) -> Option<i64> {
    named_date(text, Some(this_year))
}

/// [`parse_date`]; without `this_year`, dates must have a year.
pub(crate) fn named_date(text: &str, this_year: Option<i64>) -> Option<i64> {
    // Drop a time part: tokens with `:` and AM/PM.
    let date: Vec<&str> = text
        .split_whitespace()
        .filter(|t| {
            !t.contains(':') && !t.eq_ignore_ascii_case("am") && !t.eq_ignore_ascii_case("pm")
        })
        .collect();
    let date = date.join(" ");
    if date
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b'-' || b == b'/')
    {
        #[expect(clippy::cast_possible_truncation, reason = "serials are small")]
        if let Some(s) = parse_date_text(&date) {
            return Some(s as i64);
        }
    }
    let parts: Vec<&str> = date
        .split([' ', '-', '/', ','])
        .filter(|p| !p.is_empty())
        .collect();
    let numeric = |p: &str| {
        (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<i64>().ok())
            .flatten()
    };
    let (y, m, d) = match parts.as_slice() {
        [a, b, c] => {
            if let (Some(d), Some(m), Some(y)) = (numeric(a), month_of(b), numeric(c)) {
                (full_year(y, c.len()), m, d)
            } else if let (Some(m), Some(d), Some(y)) = (month_of(a), numeric(b), numeric(c)) {
                (full_year(y, c.len()), m, d)
            } else {
                return None;
            }
        }
        [a, b] => {
            if let (Some(m), Some(n)) = (month_of(a), numeric(b)) {
                if b.len() <= 2 && n <= 31 {
                    (this_year?, m, n)
                } else {
                    (full_year(n, b.len()), m, 1)
                }
            } else if let (Some(d), Some(m)) = (numeric(a), month_of(b)) {
                (this_year?, m, d)
            } else if let (Some(m), Some(d)) = (numeric(a), numeric(b))
                && date.contains('/')
            {
                (this_year?, m, d)
            } else {
                return None;
            }
        }
        _ => return None,
    };
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || !(1900..=9999).contains(&y) {
        return None;
    }
    let s = ymd_to_serial(y, m, d)?;
    (serial_to_ymd(s).1 == m).then_some(s)
}

/// `DATEVALUE(text)`: the serial of date text, in the workbook's date system.
pub(crate) fn datevalue(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let t = match scalar(ctx, f, args, 0) {
        Value::Text(t) => t,
        Value::Error(e) => return Err(e),
        _ => return Err(ErrorKind::Value),
    };
    let now = now_in(ctx)?;
    #[expect(clippy::cast_possible_truncation, reason = "serials are small")]
    let now = if ctx.wb.date1904 {
        now as i64 + OFFSET_1904
    } else {
        now as i64
    };
    let this_year = serial_to_ymd(now.max(1)).0;
    let s = parse_date(&t, this_year).ok_or(ErrorKind::Value)?;
    serial_in(ctx, s).map_err(|_| ErrorKind::Value)
}

#[expect(clippy::cast_precision_loss, reason = "serials are small")]
fn count(n: i64) -> FnResult {
    num(n as f64)
}

/// `DAYS(end, start)`.
pub(crate) fn days(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let end = serial_arg(ctx, f, args, 0)?;
    let start = serial_arg(ctx, f, args, 1)?;
    count(end - start)
}

fn days_in_month(y: i64, m: i64) -> i64 {
    let (y, m) = if m > 12 { (y + 1, 1) } else { (y, m) };
    match (ymd_to_serial(y, m, 1), ymd_to_serial(y, m + 1, 1)) {
        (Some(a), Some(b)) => b - a,
        _ => 31,
    }
}

/// `DATEDIF(start, end, unit)` with units `Y`, `M`, `D`, `MD`, `YM`, `YD`.
pub(crate) fn datedif(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let s = serial_arg(ctx, f, args, 0)?;
    let e = serial_arg(ctx, f, args, 1)?;
    let unit = text(ctx, f, args, 2)?.to_ascii_uppercase();
    if s > e {
        return Err(ErrorKind::Num);
    }
    let (y1, m1, d1) = serial_to_ymd(s);
    let (y2, m2, d2) = serial_to_ymd(e);
    let months = (y2 - y1) * 12 + (m2 - m1) - i64::from(d2 < d1);
    match unit.as_str() {
        "Y" => count(months.div_euclid(12)),
        "M" => count(months),
        "D" => count(e - s),
        "YM" => count(months.rem_euclid(12)),
        "MD" => {
            if d2 >= d1 {
                count(d2 - d1)
            } else {
                let (py, pm) = if m2 == 1 { (y2 - 1, 12) } else { (y2, m2 - 1) };
                count(days_in_month(py, pm) - d1 + d2)
            }
        }
        "YD" => {
            let mut start = ymd_to_serial(y2, m1, d1).ok_or(ErrorKind::Num)?;
            if start > e {
                start = ymd_to_serial(y2 - 1, m1, d1).ok_or(ErrorKind::Num)?;
            }
            count(e - start)
        }
        _ => Err(ErrorKind::Num),
    }
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn last_of_feb(y: i64, m: i64, d: i64) -> bool {
    m == 2 && d == if is_leap(y) { 29 } else { 28 }
}

/// Days between two serials on a 360-day calendar, US (NASD) or European.
fn days360_between(s: i64, e: i64, european: bool, yearfrac: bool) -> i64 {
    let (y1, m1, mut d1) = serial_to_ymd(s);
    let (y2, m2, mut d2) = serial_to_ymd(e);
    if european {
        d1 = d1.min(30);
        d2 = d2.min(30);
    } else {
        let feb1 = last_of_feb(y1, m1, d1);
        if yearfrac && feb1 && last_of_feb(y2, m2, d2) {
            d2 = 30;
        }
        if d1 == 31 || feb1 {
            d1 = 30;
        }
        if d2 == 31 && d1 == 30 {
            d2 = 30;
        }
    }
    (y2 - y1) * 360 + (m2 - m1) * 30 + (d2 - d1)
}

/// `DAYS360(start, end, [european])`.
pub(crate) fn days360(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let s = serial_arg(ctx, f, args, 0)?;
    let e = serial_arg(ctx, f, args, 1)?;
    let european = number_or(ctx, f, args, 2, 0.0)? != 0.0;
    count(days360_between(s, e, european, false))
}

/// `YEARFRAC(start, end, [basis])` with bases 0 (30/360 US), 1 (actual/actual),
/// 2 (actual/360), 3 (actual/365), 4 (30/360 European).
pub(crate) fn yearfrac(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let a = serial_arg(ctx, f, args, 0)?;
    let b = serial_arg(ctx, f, args, 1)?;
    let basis = number_or(ctx, f, args, 2, 0.0)?.trunc();
    let (s, e) = (a.min(b), a.max(b));
    #[expect(clippy::cast_precision_loss, reason = "serials are small")]
    let frac = match basis {
        0.0 => days360_between(s, e, false, true) as f64 / 360.0,
        4.0 => days360_between(s, e, true, true) as f64 / 360.0,
        2.0 => (e - s) as f64 / 360.0,
        3.0 => (e - s) as f64 / 365.0,
        1.0 => {
            let (y1, m1, d1) = serial_to_ymd(s);
            let (y2, m2, d2) = serial_to_ymd(e);
            let within_year = y1 == y2 || (y2 == y1 + 1 && (m1, d1) >= (m2, d2));
            let denom = if within_year {
                let feb29 = (y1..=y2).any(|y| {
                    is_leap(y) && ymd_to_serial(y, 2, 29).is_some_and(|x| (s..=e).contains(&x))
                });
                if (y1 == y2 && is_leap(y1)) || feb29 {
                    366.0
                } else {
                    365.0
                }
            } else {
                let total: i64 = (y1..=y2).map(|y| if is_leap(y) { 366 } else { 365 }).sum();
                total as f64 / (y2 - y1 + 1) as f64
            };
            (e - s) as f64 / denom
        }
        _ => return Err(ErrorKind::Num),
    };
    num(frac)
}

/// Day of the week of a 1900-system serial, 0 = Sunday (serial 1 is a Sunday, as in Excel).
fn sunday0(s: i64) -> i64 {
    (s + 6).rem_euclid(7)
}

/// `WEEKNUM(date, [return_type])`: 1/17 Sunday, 2/11 Monday, 12-16 Tuesday
/// to Saturday, 21 ISO.
pub(crate) fn weeknum(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let s = serial_arg(ctx, f, args, 0)?;
    let kind = number_or(ctx, f, args, 1, 1.0)?;
    let first_day = match kind {
        1.0 | 17.0 => 0,
        2.0 | 11.0 => 1,
        12.0 => 2,
        13.0 => 3,
        14.0 => 4,
        15.0 => 5,
        16.0 => 6,
        21.0 => return count(iso_week(s)),
        _ => return Err(ErrorKind::Num),
    };
    let (y, _, _) = serial_to_ymd(s);
    let jan1 = ymd_to_serial(y, 1, 1).ok_or(ErrorKind::Num)?;
    let offset = (sunday0(jan1) - first_day).rem_euclid(7);
    count((s - jan1 + offset) / 7 + 1)
}

fn iso_week(s: i64) -> i64 {
    let iso_day = (sunday0(s) + 6).rem_euclid(7) + 1; // Monday = 1
    let thursday = s - iso_day + 4;
    let (y, _, _) = serial_to_ymd(thursday.max(1));
    let jan1 = ymd_to_serial(y, 1, 1).unwrap_or(1);
    (thursday - jan1) / 7 + 1
}

/// `ISOWEEKNUM(date)`.
pub(crate) fn isoweeknum(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let s = serial_arg(ctx, f, args, 0)?;
    count(iso_week(s))
}

/// `NETWORKDAYS(start, end, [holidays])`: weekdays from start to end
/// inclusive, less holidays; negative when end is before start.
pub(crate) fn networkdays(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let a = serial_arg(ctx, f, args, 0)?;
    let b = serial_arg(ctx, f, args, 1)?;
    let mut holidays = Vec::new();
    if !is_missing(f, args, 2) {
        let base = if ctx.wb.date1904 { OFFSET_1904 } else { 0 };
        #[expect(clippy::cast_possible_truncation, reason = "floored serials")]
        fold(ctx, f, &args[2..3], &mut |h| {
            holidays.push(h.floor() as i64 + base);
        })?;
    }
    holidays.sort_unstable();
    holidays.dedup();
    let (s, e) = (a.min(b), a.max(b));
    let weekday = |d: i64| (1..=5).contains(&sunday0(d));
    let days = e - s + 1;
    let mut n = days / 7 * 5;
    for d in s + days / 7 * 7..=e {
        n += i64::from(weekday(d));
    }
    n -= i64::try_from(
        holidays
            .iter()
            .filter(|&&h| (s..=e).contains(&h) && weekday(h))
            .count(),
    )
    .unwrap_or(0);
    count(if a > b { -n } else { n })
}
