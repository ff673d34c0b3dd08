//! More financial functions: `NPER`, `RATE`, `IPMT`, `PPMT`, `CUMIPMT`,
//! `CUMPRINC`, depreciation (`SLN`, `SYD`, `DDB`, `DB`), `EFFECT`,
//! `NOMINAL`, `XNPV`, `XIRR`, `MIRR`.

use crate::ast::{Formula, NodeId};
use crate::eval::interp::Ctx;
use crate::functions::stats::fold;
use crate::functions::{FnResult, num, number, number_or};
use crate::value::ErrorKind;

/// Payment per period (Excel's PMT, `due` for payments at the start).
fn pmt_of(rate: f64, nper: f64, pv: f64, fv: f64, due: bool) -> f64 {
    if rate == 0.0 {
        return -(pv + fv) / nper;
    }
    let g = (1.0 + rate).powf(nper);
    let t = if due { 1.0 + rate } else { 1.0 };
    -(rate * (fv + pv * g)) / (t * (g - 1.0))
}

/// Future value (Excel's FV).
fn fv_of(rate: f64, nper: f64, pmt: f64, pv: f64, due: bool) -> f64 {
    if rate == 0.0 {
        return -(pv + pmt * nper);
    }
    let g = (1.0 + rate).powf(nper);
    let t = if due { 1.0 + rate } else { 1.0 };
    -(pv * g + pmt * t * (g - 1.0) / rate)
}

/// Interest part of payment `per` (1-based).
fn ipmt_of(rate: f64, per: f64, nper: f64, pv: f64, fv: f64, due: bool) -> f64 {
    let pmt = pmt_of(rate, nper, pv, fv, due);
    let i = if matches!(per, 1.0) {
        if due { 0.0 } else { -pv }
    } else if due {
        fv_of(rate, per - 2.0, pmt, pv, true) - pmt
    } else {
        fv_of(rate, per - 1.0, pmt, pv, false)
    };
    i * rate
}

fn due_arg(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId], i: usize) -> Result<bool, ErrorKind> {
    Ok(number_or(ctx, f, args, i, 0.0)? != 0.0)
}

/// The arguments of `IPMT` and `PPMT`: `(rate, per, nper, pv, fv, due)`, with
/// `per` inside `1..=nper`.
fn period_args(
    ctx: &mut Ctx<'_>,
    f: &Formula,
    args: &[NodeId],
) -> Result<(f64, f64, f64, f64, f64, bool), ErrorKind> {
    let (rate, per, nper, pv) = (
        number(ctx, f, args, 0)?,
        number(ctx, f, args, 1)?,
        number(ctx, f, args, 2)?,
        number(ctx, f, args, 3)?,
    );
    let fv = number_or(ctx, f, args, 4, 0.0)?;
    let due = due_arg(ctx, f, args, 5)?;
    if per < 1.0 || per > nper {
        return Err(ErrorKind::Num);
    }
    Ok((rate, per, nper, pv, fv, due))
}

/// `IPMT(rate, per, nper, pv, [fv], [type])`.
pub(crate) fn ipmt(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let (rate, per, nper, pv, fv, due) = period_args(ctx, f, args)?;
    num(ipmt_of(rate, per, nper, pv, fv, due))
}

/// `PPMT(rate, per, nper, pv, [fv], [type])`.
pub(crate) fn ppmt(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let (rate, per, nper, pv, fv, due) = period_args(ctx, f, args)?;
    num(pmt_of(rate, nper, pv, fv, due) - ipmt_of(rate, per, nper, pv, fv, due))
}

fn cumulative(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId], principal: bool) -> FnResult {
    let (rate, nper, pv) = (
        number(ctx, f, args, 0)?,
        number(ctx, f, args, 1)?.trunc(),
        number(ctx, f, args, 2)?,
    );
    let (start, end) = (
        number(ctx, f, args, 3)?.trunc(),
        number(ctx, f, args, 4)?.trunc(),
    );
    let kind = number(ctx, f, args, 5)?;
    if rate <= 0.0
        || nper <= 0.0
        || pv <= 0.0
        || start < 1.0
        || end < start
        || end > nper
        || !matches!(kind, 0.0 | 1.0)
    {
        return Err(ErrorKind::Num);
    }
    let due = matches!(kind, 1.0);
    let pmt = pmt_of(rate, nper, pv, 0.0, due);
    let mut total = 0.0;
    let mut per = start;
    while per <= end {
        let i = ipmt_of(rate, per, nper, pv, 0.0, due);
        total += if principal { pmt - i } else { i };
        per += 1.0;
    }
    num(total)
}

pub(crate) fn cumipmt(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    cumulative(ctx, f, args, false)
}

pub(crate) fn cumprinc(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    cumulative(ctx, f, args, true)
}

/// `NPER(rate, pmt, pv, [fv], [type])`.
pub(crate) fn nper(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let (rate, pmt, pv) = (
        number(ctx, f, args, 0)?,
        number(ctx, f, args, 1)?,
        number(ctx, f, args, 2)?,
    );
    let fv = number_or(ctx, f, args, 3, 0.0)?;
    let due = due_arg(ctx, f, args, 4)?;
    if rate == 0.0 {
        if pmt == 0.0 {
            return Err(ErrorKind::Num);
        }
        return num(-(pv + fv) / pmt);
    }
    let t = if due { 1.0 + rate } else { 1.0 };
    let x = (pmt * t - fv * rate) / (pmt * t + pv * rate);
    if x <= 0.0 || rate <= -1.0 {
        return Err(ErrorKind::Num);
    }
    num(x.ln() / (1.0 + rate).ln())
}

/// Newton's method with a numerical derivative, from `guess`.
fn solve(guess: f64, g: impl Fn(f64) -> f64) -> Result<f64, ErrorKind> {
    let mut r = guess;
    for _ in 0..200 {
        let v = g(r);
        if !v.is_finite() {
            return Err(ErrorKind::Num);
        }
        let h = 1e-6 * r.abs().max(1.0);
        let d = (g(r + h) - g(r - h)) / (2.0 * h);
        if d == 0.0 || !d.is_finite() {
            return Err(ErrorKind::Num);
        }
        let next = r - v / d;
        if v == 0.0 || (next - r).abs() <= 1e-12 * next.abs().max(1.0) {
            return Ok(next);
        }
        r = if next <= -1.0 { (r - 1.0) / 2.0 } else { next };
    }
    Err(ErrorKind::Num)
}

/// `RATE(nper, pmt, pv, [fv], [type], [guess])`.
pub(crate) fn rate(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let (nper, pmt, pv) = (
        number(ctx, f, args, 0)?,
        number(ctx, f, args, 1)?,
        number(ctx, f, args, 2)?,
    );
    let fv = number_or(ctx, f, args, 3, 0.0)?;
    let due = due_arg(ctx, f, args, 4)?;
    let guess = number_or(ctx, f, args, 5, 0.1)?;
    if nper <= 0.0 {
        return Err(ErrorKind::Num);
    }
    // (1+r)^n - 1 through exp_m1/ln_1p: exact near r = 0, where a rate of 0 is a root.
    num(solve(guess, |r| {
        let growth = (nper * r.ln_1p()).exp_m1();
        let annuity = if r.abs() < 1e-12 { nper } else { growth / r };
        let t = if due { 1.0 + r } else { 1.0 };
        pv * (1.0 + growth) + pmt * t * annuity + fv
    })?)
}

/// `SLN(cost, salvage, life)`.
pub(crate) fn sln(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let (cost, salvage, life) = (
        number(ctx, f, args, 0)?,
        number(ctx, f, args, 1)?,
        number(ctx, f, args, 2)?,
    );
    if life == 0.0 {
        return Err(ErrorKind::Div0);
    }
    num((cost - salvage) / life)
}

/// `SYD(cost, salvage, life, per)`.
pub(crate) fn syd(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let (cost, salvage, life, per) = (
        number(ctx, f, args, 0)?,
        number(ctx, f, args, 1)?,
        number(ctx, f, args, 2)?,
        number(ctx, f, args, 3)?,
    );
    if life <= 0.0 || per <= 0.0 || per > life {
        return Err(ErrorKind::Num);
    }
    num((cost - salvage) * (life - per + 1.0) * 2.0 / (life * (life + 1.0)))
}

/// `DDB(cost, salvage, life, period, [factor])`.
pub(crate) fn ddb(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let (cost, salvage, life, period) = (
        number(ctx, f, args, 0)?,
        number(ctx, f, args, 1)?,
        number(ctx, f, args, 2)?,
        number(ctx, f, args, 3)?,
    );
    let factor = number_or(ctx, f, args, 4, 2.0)?;
    if cost < 0.0 || salvage < 0.0 || life <= 0.0 || period <= 0.0 || period > life || factor <= 0.0
    {
        return Err(ErrorKind::Num);
    }
    let mut rate = factor / life;
    let old = if rate >= 1.0 {
        rate = 1.0;
        if matches!(period, 1.0) { cost } else { 0.0 }
    } else {
        cost * (1.0 - rate).powf(period - 1.0)
    };
    let new = cost * (1.0 - rate).powf(period);
    let d = if new < salvage {
        old - salvage
    } else {
        old - new
    };
    num(d.max(0.0))
}

/// `DB(cost, salvage, life, period, [month])`: fixed-declining balance.
pub(crate) fn db(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let (cost, salvage, life, period) = (
        number(ctx, f, args, 0)?,
        number(ctx, f, args, 1)?,
        number(ctx, f, args, 2)?.trunc(),
        number(ctx, f, args, 3)?.trunc(),
    );
    let month = number_or(ctx, f, args, 4, 12.0)?.trunc();
    if cost < 0.0
        || salvage < 0.0
        || life <= 0.0
        || period <= 0.0
        || !(1.0..=12.0).contains(&month)
        || period > life + 1.0
        || life > 1e6
    {
        return Err(ErrorKind::Num);
    }
    if cost == 0.0 {
        return num(0.0);
    }
    let rate =
        crate::functions::math::round_half_away(1.0 - (salvage / cost).powf(1.0 / life), 3.0);
    let first = cost * rate * month / 12.0;
    if matches!(period, 1.0) {
        return num(first);
    }
    let mut total = first;
    let mut d = 0.0;
    let mut p = 2.0;
    while p <= period {
        d = if p > life {
            (cost - total) * rate * (12.0 - month) / 12.0
        } else {
            (cost - total) * rate
        };
        total += d;
        p += 1.0;
    }
    num(d)
}

/// `EFFECT(nominal_rate, npery)`.
pub(crate) fn effect(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let r = number(ctx, f, args, 0)?;
    let n = number(ctx, f, args, 1)?.trunc();
    if r <= 0.0 || n < 1.0 {
        return Err(ErrorKind::Num);
    }
    num((1.0 + r / n).powf(n) - 1.0)
}

/// `NOMINAL(effect_rate, npery)`.
pub(crate) fn nominal(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let r = number(ctx, f, args, 0)?;
    let n = number(ctx, f, args, 1)?.trunc();
    if r <= 0.0 || n < 1.0 {
        return Err(ErrorKind::Num);
    }
    num(n * ((1.0 + r).powf(1.0 / n) - 1.0))
}

/// Cash flows and their dates (same count, dates not before the first).
fn dated_flows(
    ctx: &mut Ctx<'_>,
    f: &Formula,
    args: &[NodeId],
) -> Result<Vec<(f64, f64)>, ErrorKind> {
    let mut values = Vec::new();
    fold(ctx, f, &args[..1], &mut |v| values.push(v))?;
    let mut dates = Vec::new();
    fold(ctx, f, &args[1..2], &mut |d| dates.push(d.trunc()))?;
    if values.len() != dates.len() || values.is_empty() {
        return Err(ErrorKind::Num);
    }
    let d0 = dates[0];
    if dates.iter().any(|&d| d < d0 || d < 0.0) {
        return Err(ErrorKind::Num);
    }
    Ok(values
        .into_iter()
        .zip(dates.into_iter().map(|d| (d - d0) / 365.0))
        .collect())
}

fn xnpv_of(rate: f64, flows: &[(f64, f64)]) -> f64 {
    flows.iter().map(|&(v, t)| v / (1.0 + rate).powf(t)).sum()
}

/// `XNPV(rate, values, dates)`.
pub(crate) fn xnpv(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let rate = number(ctx, f, args, 0)?;
    let flows = dated_flows(ctx, f, &args[1..])?;
    if rate <= -1.0 {
        return Err(ErrorKind::Num);
    }
    num(xnpv_of(rate, &flows))
}

/// `XIRR(values, dates, [guess])`.
pub(crate) fn xirr(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let flows = dated_flows(ctx, f, args)?;
    let guess = number_or(ctx, f, args, 2, 0.1)?;
    if !flows.iter().any(|q| q.0 > 0.0) || !flows.iter().any(|q| q.0 < 0.0) {
        return Err(ErrorKind::Num);
    }
    num(solve(guess, |r| xnpv_of(r, &flows))?)
}

/// `MIRR(values, finance_rate, reinvest_rate)`.
pub(crate) fn mirr(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let mut v = Vec::new();
    fold(ctx, f, &args[..1], &mut |x| v.push(x))?;
    let fr = number(ctx, f, args, 1)?;
    let rr = number(ctx, f, args, 2)?;
    #[expect(clippy::cast_precision_loss, reason = "counts are small")]
    let n = v.len() as f64;
    let (mut pos, mut neg) = (0.0, 0.0);
    let mut i = 0.0;
    for &x in &v {
        if x > 0.0 {
            pos += x / (1.0 + rr).powf(i);
        } else {
            neg += x / (1.0 + fr).powf(i);
        }
        i += 1.0;
    }
    if pos == 0.0 || neg == 0.0 || n < 2.0 {
        return Err(ErrorKind::Div0);
    }
    num((-pos * (1.0 + rr).powf(n) / (neg * (1.0 + rr))).powf(1.0 / (n - 1.0)) - 1.0)
}
