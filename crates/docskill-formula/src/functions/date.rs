//! Dates in the 1900 date system: serial 1 is 1900-01-01 and serial 60 is
//! the 1900-02-29 that never existed (kept for Lotus compatibility). In a
//! 1904 workbook (serial 0 is 1904-01-01) arguments are moved into the 1900
//! system on the way in ([`serial_arg`]) and back on the way out ([`serial_in`]).

use crate::ast::{Formula, NodeId};
use crate::eval::interp::Ctx;
use crate::functions::{FnResult, num, number};
use crate::value::ErrorKind;

/// Days from 1970-01-01 to a proleptic Gregorian date.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (
        if m <= 2 {
            yoe + era * 400 + 1
        } else {
            yoe + era * 400
        },
        m,
        d,
    )
}

/// 1899-12-31 as days since 1970-01-01.
const EPOCH: i64 = -25_568;

/// Serial number of a date; months and days out of range roll over as in `DATE()`.
pub(crate) fn ymd_to_serial(y: i64, m: i64, d: i64) -> Option<i64> {
    let total_m = y * 12 + (m - 1);
    let (y, m) = (total_m.div_euclid(12), total_m.rem_euclid(12) + 1);
    // Month starts from March 1900 on are one higher because of the fake
    // leap day, so DATE(1900,2,29) and DATE(1900,3,0) are both serial 60.
    let first = days_from_civil(y, m, 1) - EPOCH;
    let first = if first >= 60 { first + 1 } else { first };
    let serial = first + d - 1;
    (0..=2_958_465).contains(&serial).then_some(serial)
}

/// Year, month, day of a serial number (serial 60 is 1900-02-29, 0 is 1900-01-00).
pub(crate) fn serial_to_ymd(serial: i64) -> (i64, i64, i64) {
    match serial {
        0 => (1900, 1, 0),
        60 => (1900, 2, 29),
        s => civil_from_days(EPOCH + if s > 60 { s - 1 } else { s }),
    }
}

/// Days between the 1900 and 1904 date systems' serial numbers.
pub(crate) const OFFSET_1904: i64 = 1462;

pub(crate) fn serial_arg(
    ctx: &mut Ctx<'_>,
    f: &Formula,
    args: &[NodeId],
    i: usize,
) -> Result<i64, ErrorKind> {
    let n = number(ctx, f, args, i)?;
    #[expect(clippy::cast_precision_loss, reason = "a small constant")]
    let n = if ctx.wb.date1904 {
        n + OFFSET_1904 as f64
    } else {
        n
    };
    if !(0.0..2_958_466.0).contains(&n) {
        return Err(ErrorKind::Num);
    }
    #[expect(clippy::cast_possible_truncation, reason = "checked range")]
    Ok(n.floor() as i64)
}

#[expect(clippy::cast_precision_loss, reason = "serials are small")]
fn count(s: i64) -> FnResult {
    num(s as f64)
}

/// A serial number in the workbook's date system.
#[expect(clippy::cast_precision_loss, reason = "serials are small")]
pub(crate) fn serial_in(ctx: &Ctx<'_>, s: i64) -> FnResult {
    if ctx.wb.date1904 {
        if s < OFFSET_1904 {
            return Err(ErrorKind::Num);
        }
        num((s - OFFSET_1904) as f64)
    } else {
        num(s as f64)
    }
}

pub(crate) fn date(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let y = number(ctx, f, args, 0)?.trunc();
    let m = number(ctx, f, args, 1)?.trunc();
    let d = number(ctx, f, args, 2)?.trunc();
    if !(0.0..10_000.0).contains(&y) || m.abs() > 1e6 || d.abs() > 1e8 {
        return Err(ErrorKind::Num);
    }
    let y = if y < 1900.0 { y + 1900.0 } else { y };
    #[expect(clippy::cast_possible_truncation, reason = "checked ranges")]
    let s = ymd_to_serial(y as i64, m as i64, d as i64).ok_or(ErrorKind::Num)?;
    serial_in(ctx, s)
}

pub(crate) fn year(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let s = serial_arg(ctx, f, args, 0)?;
    count(serial_to_ymd(s).0)
}

pub(crate) fn month(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let s = serial_arg(ctx, f, args, 0)?;
    count(serial_to_ymd(s).1)
}

pub(crate) fn day(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let s = serial_arg(ctx, f, args, 0)?;
    count(serial_to_ymd(s).2)
}

fn add_months(
    ctx: &mut Ctx<'_>,
    f: &Formula,
    args: &[NodeId],
    end: bool,
) -> Result<i64, ErrorKind> {
    let s = serial_arg(ctx, f, args, 0)?;
    let k = number(ctx, f, args, 1)?.trunc();
    if k.abs() > 120_000.0 {
        return Err(ErrorKind::Num);
    }
    #[expect(clippy::cast_possible_truncation, reason = "checked range")]
    let k = k as i64;
    let (y, m, d) = serial_to_ymd(s);
    let first_next = ymd_to_serial(y, m + k + 1, 1).ok_or(ErrorKind::Num)?;
    let last = first_next - 1;
    if end {
        return Ok(last);
    }
    let (_, _, last_day) = serial_to_ymd(last);
    ymd_to_serial(y, m + k, d.min(last_day)).ok_or(ErrorKind::Num)
}

pub(crate) fn edate(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let s = add_months(ctx, f, args, false)?;
    serial_in(ctx, s)
}

pub(crate) fn eomonth(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let s = add_months(ctx, f, args, true)?;
    serial_in(ctx, s)
}

pub(crate) fn today(ctx: &mut Ctx<'_>, _: &Formula, _: &[NodeId]) -> FnResult {
    num(now_in(ctx)?.floor())
}

#[expect(clippy::cast_precision_loss, reason = "a small constant")]
#[expect(clippy::unnecessary_wraps, reason = "chained with ?")]
pub(crate) fn now_in(ctx: &Ctx<'_>) -> Result<f64, ErrorKind> {
    Ok(if ctx.wb.date1904 {
        ctx.opts.now - OFFSET_1904 as f64
    } else {
        ctx.opts.now
    })
}

pub(crate) fn now(ctx: &mut Ctx<'_>, _: &Formula, _: &[NodeId]) -> FnResult {
    num(now_in(ctx)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serials() {
        assert_eq!(ymd_to_serial(1900, 1, 1), Some(1));
        assert_eq!(ymd_to_serial(1900, 2, 28), Some(59));
        assert_eq!(ymd_to_serial(1900, 3, 1), Some(61));
        assert_eq!(ymd_to_serial(2024, 1, 31), Some(45322));
        assert_eq!(ymd_to_serial(9999, 12, 31), Some(2_958_465));
        assert_eq!(serial_to_ymd(60), (1900, 2, 29));
        assert_eq!(serial_to_ymd(61), (1900, 3, 1));
        assert_eq!(serial_to_ymd(45322), (2024, 1, 31));
        for s in [1, 59, 61, 1000, 45322, 2_958_465] {
            let (y, m, d) = serial_to_ymd(s);
            assert_eq!(ymd_to_serial(y, m, d), Some(s));
        }
    }
}
