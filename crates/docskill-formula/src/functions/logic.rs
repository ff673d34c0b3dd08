//! Logical and choice functions; the lazy ones evaluate only the branch they take.

use std::sync::Arc;

use crate::ast::{Formula, Node, NodeId};
use crate::eval::interp::Ctx;
use crate::functions::stats::each_value;
use crate::functions::{FnResult, boolean, is_missing, number, ok, scalar, value};
use crate::value::{Array, ErrorKind, Value, compare};

fn branch(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId], i: usize, default: Value) -> FnResult {
    if i >= args.len() {
        return ok(default);
    }
    if is_missing(f, args, i) {
        return ok(Value::Number(0.0));
    }
    Ok(ctx.eval(f, args[i]))
}

pub(crate) fn if_(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let cond = value(ctx, f, args, 0);
    if let Value::Array(c) = &cond {
        // Element-wise IF over an array condition.
        let t = branch(ctx, f, args, 1, Value::Bool(true))?;
        let t = ctx.value(t);
        let e = branch(ctx, f, args, 2, Value::Bool(false))?;
        let e = ctx.value(e);
        let pick = |v: &Value, r: usize, col: usize| match v {
            Value::Array(a) => a
                .get(
                    if a.rows == 1 { 0 } else { r },
                    if a.cols == 1 { 0 } else { col },
                )
                .cloned()
                .unwrap_or(Value::Error(ErrorKind::NA)),
            v => v.clone(),
        };
        let mut items = Vec::with_capacity(c.items.len());
        for r in 0..c.rows {
            for col in 0..c.cols {
                let item = c.get(r, col).cloned().unwrap_or_default();
                items.push(match item.to_bool() {
                    Ok(true) => pick(&t, r, col),
                    Ok(false) => pick(&e, r, col),
                    Err(err) => Value::Error(err),
                });
            }
        }
        return ok(Value::Array(Arc::new(Array::new(c.rows, c.cols, items))));
    }
    if cond.to_bool()? {
        branch(ctx, f, args, 1, Value::Bool(true))
    } else {
        branch(ctx, f, args, 2, Value::Bool(false))
    }
}

pub(crate) fn ifs(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    if !args.len().is_multiple_of(2) {
        return Err(ErrorKind::Value);
    }
    for i in (0..args.len()).step_by(2) {
        if boolean(ctx, f, args, i)? {
            return Ok(ctx.eval(f, args[i + 1]));
        }
    }
    Err(ErrorKind::NA)
}

pub(crate) fn iferror(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let v = value(ctx, f, args, 0);
    if v.error().is_some() {
        Ok(ctx.eval(f, args[1]))
    } else {
        ok(v)
    }
}

pub(crate) fn ifna(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let v = value(ctx, f, args, 0);
    if v.error() == Some(ErrorKind::NA) {
        Ok(ctx.eval(f, args[1]))
    } else {
        ok(v)
    }
}

/// Logical values of the arguments: ranges and arrays contribute only
/// logicals and numbers, direct text must be TRUE/FALSE.
fn logicals(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> Result<Vec<bool>, ErrorKind> {
    let mut out = Vec::new();
    let mut err = None;
    each_value(ctx, f, args, &mut |v, direct| match v {
        Value::Bool(b) => out.push(*b),
        Value::Number(n) => out.push(*n != 0.0),
        Value::Error(e) => {
            err.get_or_insert(*e);
        }
        Value::Text(_) if direct => match v.to_bool() {
            Ok(b) => out.push(b),
            Err(e) => {
                err.get_or_insert(e);
            }
        },
        _ => {}
    });
    if let Some(e) = err {
        return Err(e);
    }
    if out.is_empty() {
        return Err(ErrorKind::Value);
    }
    Ok(out)
}

pub(crate) fn and(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    ok(Value::Bool(logicals(ctx, f, args)?.iter().all(|&b| b)))
}

pub(crate) fn or(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    ok(Value::Bool(logicals(ctx, f, args)?.iter().any(|&b| b)))
}

pub(crate) fn xor(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    ok(Value::Bool(
        logicals(ctx, f, args)?.iter().filter(|&&b| b).count() % 2 == 1,
    ))
}

pub(crate) fn not(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    ok(Value::Bool(!boolean(ctx, f, args, 0)?))
}

pub(crate) fn true_(_: &mut Ctx<'_>, _: &Formula, _: &[NodeId]) -> FnResult {
    ok(Value::Bool(true))
}

pub(crate) fn false_(_: &mut Ctx<'_>, _: &Formula, _: &[NodeId]) -> FnResult {
    ok(Value::Bool(false))
}

pub(crate) fn switch(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let x = scalar(ctx, f, args, 0);
    if let Value::Error(e) = x {
        return Err(e);
    }
    let pairs = (args.len() - 1) / 2;
    for p in 0..pairs {
        let v = scalar(ctx, f, args, 1 + 2 * p);
        if let Value::Error(e) = v {
            return Err(e);
        }
        if std::mem::discriminant(&v) == std::mem::discriminant(&x) && compare(&v, &x).is_eq() {
            return Ok(ctx.eval(f, args[2 + 2 * p]));
        }
    }
    if args.len().is_multiple_of(2) {
        Ok(ctx.eval(f, args[args.len() - 1]))
    } else {
        Err(ErrorKind::NA)
    }
}

pub(crate) fn choose(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let i = number(ctx, f, args, 0)?.trunc();
    if i < 1.0 || i >= f64::from(u32::try_from(args.len()).unwrap_or(u32::MAX)) {
        return Err(ErrorKind::Value);
    }
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "checked range"
    )]
    let i = i as usize;
    Ok(ctx.eval(f, args[i]))
}

pub(crate) fn let_(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    if args.len().is_multiple_of(2) {
        return Err(ErrorKind::Value);
    }
    let base = ctx.lets.len();
    for p in 0..args.len() / 2 {
        let Node::Name { sheet: None, name } = f.node(args[2 * p]) else {
            ctx.lets.truncate(base);
            return Err(ErrorKind::Value);
        };
        let v = ctx.eval(f, args[2 * p + 1]);
        ctx.lets.push((name.clone(), v));
    }
    let r = ctx.eval(f, args[args.len() - 1]);
    ctx.lets.truncate(base);
    Ok(r)
}

#[expect(clippy::unnecessary_wraps, reason = "signature of every built-in")]
pub(crate) fn single(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let op = ctx.eval(f, args[0]);
    Ok(ctx.implicit(op))
}
