//! Financial functions: PMT, NPV, IRR.

use crate::ast::{Formula, NodeId};
use crate::eval::interp::Ctx;
use crate::functions::stats::fold;
use crate::functions::{FnResult, num, number, number_or};
use crate::value::ErrorKind;

pub(crate) fn pmt(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let rate = number(ctx, f, args, 0)?;
    let nper = number(ctx, f, args, 1)?;
    let pv = number(ctx, f, args, 2)?;
    let fv = number_or(ctx, f, args, 3, 0.0)?;
    let due = number_or(ctx, f, args, 4, 0.0)? != 0.0;
    if nper == 0.0 {
        return Err(ErrorKind::Num);
    }
    if rate == 0.0 {
        return num(-(pv + fv) / nper);
    }
    let g = (1.0 + rate).powf(nper);
    let t = if due { 1.0 + rate } else { 1.0 };
    num(-(rate * (fv + pv * g)) / (t * (g - 1.0)))
}

pub(crate) fn npv(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let rate = number(ctx, f, args, 0)?;
    if (rate + 1.0).abs() < f64::EPSILON {
        return Err(ErrorKind::Div0);
    }
    let (mut total, mut k) = (0.0, 1.0);
    fold(ctx, f, &args[1..], &mut |v| {
        total += v / (1.0 + rate).powf(k);
        k += 1.0;
    })?;
    num(total)
}

pub(crate) fn irr(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let mut flows = Vec::new();
    fold(ctx, f, &args[..1], &mut |v| flows.push(v))?;
    let guess = number_or(ctx, f, args, 1, 0.1)?;
    if !flows.iter().any(|&v| v > 0.0) || !flows.iter().any(|&v| v < 0.0) {
        return Err(ErrorKind::Num);
    }
    let npv = |r: f64| -> (f64, f64) {
        let (mut v, mut d) = (0.0, 0.0);
        let mut t = 0.0f64;
        for &c in &flows {
            v += c / (1.0 + r).powf(t);
            d -= t * c / (1.0 + r).powf(t + 1.0);
            t += 1.0;
        }
        (v, d)
    };
    let mut r = guess;
    for _ in 0..100 {
        let (v, d) = npv(r);
        if d == 0.0 || !d.is_finite() {
            break;
        }
        let next = r - v / d;
        if (next - r).abs() < 1e-12 {
            return num(next);
        }
        r = next;
        if r <= -1.0 {
            r = -0.999_999;
        }
    }
    Err(ErrorKind::Num)
}
