//! Working days with any weekend: `NETWORKDAYS.INTL` and `WORKDAY.INTL`.

use crate::ast::{Formula, NodeId};
use crate::eval::interp::Ctx;
use crate::functions::date::{OFFSET_1904, serial_arg, serial_in};
use crate::functions::stats::fold;
use crate::functions::{FnResult, is_missing, num, number, scalar};
use crate::value::{ErrorKind, Value};

/// Weekend days, Monday = 0 ... Sunday = 6, from a weekend code (1-7 pairs,
/// 11-17 single days) or a `"0000011"` mask starting on Monday.
fn weekend(
    ctx: &mut Ctx<'_>,
    f: &Formula,
    args: &[NodeId],
    i: usize,
) -> Result<[bool; 7], ErrorKind> {
    if is_missing(f, args, i) {
        return Ok([false, false, false, false, false, true, true]);
    }
    let mut mask = [false; 7];
    match scalar(ctx, f, args, i) {
        Value::Text(t) => {
            if t.len() != 7 || !t.bytes().all(|b| b == b'0' || b == b'1') || &*t == "1111111" {
                return Err(ErrorKind::Value);
            }
            for (k, b) in t.bytes().enumerate() {
                mask[k] = b == b'1';
            }
        }
        Value::Error(e) => return Err(e),
        v => {
            let code = v.to_number()?;
            let whole = code.fract() == 0.0 && (0.0..100.0).contains(&code);
            #[expect(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                reason = "checked range"
            )]
            let c = if whole { code as usize } else { 0 };
            match c {
                1..=7 if whole => {
                    // 1: Saturday+Sunday, 2: Sunday+Monday, ... 7: Friday+Saturday.
                    mask[(c + 4) % 7] = true;
                    mask[(c + 5) % 7] = true;
                }
                11..=17 if whole => mask[(c - 11 + 6) % 7] = true,
                _ => return Err(ErrorKind::Num),
            }
        }
    }
    Ok(mask)
}

/// Monday = 0 of a 1900-system serial.
fn monday0(s: i64) -> usize {
    usize::try_from((s + 5).rem_euclid(7)).unwrap_or(0)
}

fn holidays(
    ctx: &mut Ctx<'_>,
    f: &Formula,
    args: &[NodeId],
    i: usize,
) -> Result<Vec<i64>, ErrorKind> {
    let mut h = Vec::new();
    if !is_missing(f, args, i) {
        let base = if ctx.wb.date1904 { OFFSET_1904 } else { 0 };
        #[expect(clippy::cast_possible_truncation, reason = "floored serials")]
        fold(ctx, f, &args[i..=i], &mut |d| {
            h.push(d.floor() as i64 + base);
        })?;
    }
    h.sort_unstable();
    h.dedup();
    Ok(h)
}

/// `NETWORKDAYS.INTL(start, end, [weekend], [holidays])`.
pub(crate) fn networkdays_intl(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let a = serial_arg(ctx, f, args, 0)?;
    let b = serial_arg(ctx, f, args, 1)?;
    let off = weekend(ctx, f, args, 2)?;
    let hol = holidays(ctx, f, args, 3)?;
    let (s, e) = (a.min(b), a.max(b));
    let work = |d: i64| !off[monday0(d)];
    let per_week = i64::try_from(off.iter().filter(|&&w| !w).count()).unwrap_or(0);
    let days = e - s + 1;
    let mut n = days / 7 * per_week;
    for d in s + days / 7 * 7..=e {
        n += i64::from(work(d));
    }
    n -= i64::try_from(
        hol.iter()
            .filter(|&&h| (s..=e).contains(&h) && work(h))
            .count(),
    )
    .unwrap_or(0);
    #[expect(clippy::cast_precision_loss, reason = "day counts are small")]
    num(if a > b { -n } else { n } as f64)
}

/// `WORKDAY.INTL(start, days, [weekend], [holidays])`.
pub(crate) fn workday_intl(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let start = serial_arg(ctx, f, args, 0)?;
    let days = number(ctx, f, args, 1)?.trunc();
    if days.abs() > 1e6 {
        return Err(ErrorKind::Num);
    }
    let off = weekend(ctx, f, args, 2)?;
    let hol = holidays(ctx, f, args, 3)?;
    #[expect(clippy::cast_possible_truncation, reason = "checked range")]
    let (mut left, step) = (days.abs() as i64, if days < 0.0 { -1 } else { 1 });
    let mut d = start;
    while left > 0 {
        d += step;
        if !(0..=2_958_465).contains(&d) {
            return Err(ErrorKind::Num);
        }
        if !off[monday0(d)] && hol.binary_search(&d).is_err() {
            left -= 1;
        }
    }
    serial_in(ctx, d)
}
