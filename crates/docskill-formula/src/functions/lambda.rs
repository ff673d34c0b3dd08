//! `LAMBDA` values, their calls (`LAMBDA(x,x*2)(5)`, a `LET` name or a
//! defined name called as `f(x)`), and the functions that take one: `MAP`,
//! `REDUCE`, `SCAN`, `BYROW`, `BYCOL`, `MAKEARRAY`, `ISOMITTED`.

use std::sync::Arc;

use crate::ast::{Formula, Node, NodeId};
use crate::eval::interp::{Ctx, Op};
use crate::functions::{FnResult, number, ok, value};
use crate::value::{Array, ErrorKind, Value};

/// Deepest nesting of lambda calls (a recursive named lambda), as for names.
const MAX_CALL_DEPTH: u32 = 32;
/// Most elements `MAKEARRAY` builds.
const MAX_CELLS: f64 = 1_048_576.0;

/// A lambda value: its parameters and body in the formula that wrote it,
/// with the `LET` variables it captured.
#[derive(Debug)]
pub(crate) struct Lambda {
    formula: Arc<Formula>,
    params: Vec<Box<str>>,
    body: NodeId,
    env: Vec<(Box<str>, Op)>,
    shift: (i64, i64),
}

/// `LAMBDA(param, ..., body)`: a lambda value, evaluated only when called.
pub(crate) fn lambda(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let (body, params) = args.split_last().ok_or(ErrorKind::Value)?;
    let mut names: Vec<Box<str>> = Vec::with_capacity(params.len());
    for &p in params {
        match f.node(p) {
            Node::Name { sheet: None, name }
                if !names.iter().any(|n| n.eq_ignore_ascii_case(name)) =>
            {
                names.push(name.clone());
            }
            _ => return Err(ErrorKind::Value),
        }
    }
    Ok(Op::L(Arc::new(Lambda {
        formula: Arc::new(f.clone()),
        params: names,
        body: *body,
        env: ctx.lets.clone(),
        shift: ctx.shift,
    })))
}

/// Calls `lam` with arguments already evaluated (`None` for an omitted one).
pub(crate) fn invoke(ctx: &mut Ctx<'_>, lam: &Lambda, args: Vec<Op>) -> Op {
    if args.len() > lam.params.len() {
        return ErrorKind::Value.into();
    }
    if ctx.name_depth > MAX_CALL_DEPTH {
        return ErrorKind::Num.into();
    }
    let mut lets = lam.env.clone();
    let mut args = args.into_iter();
    for p in &lam.params {
        // Parameters not passed are omitted (see ISOMITTED).
        lets.push((p.clone(), args.next().unwrap_or(Op::V(Value::Empty))));
    }
    let saved = std::mem::replace(&mut ctx.lets, lets);
    let shift = std::mem::replace(&mut ctx.shift, lam.shift);
    ctx.name_depth += 1;
    let r = ctx.eval(&lam.formula, lam.body);
    ctx.name_depth -= 1;
    ctx.shift = shift;
    ctx.lets = saved;
    r
}

/// Evaluates the arguments of a call node for a lambda call.
pub(crate) fn call_args(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> Vec<Op> {
    args.iter()
        .map(|&a| match f.node(a) {
            Node::Missing => Op::V(Value::Empty),
            _ => ctx.eval(f, a),
        })
        .collect()
}

/// `callee(args)` where `callee` evaluated to `op`.
pub(crate) fn apply(ctx: &mut Ctx<'_>, op: Op, f: &Formula, args: &[NodeId]) -> Op {
    match op {
        Op::L(lam) => {
            let args = call_args(ctx, f, args);
            invoke(ctx, &lam, args)
        }
        Op::V(Value::Error(e)) => e.into(),
        _ => ErrorKind::Value.into(),
    }
}

/// The lambda argument `i`, or `#VALUE!`.
fn lambda_arg(
    ctx: &mut Ctx<'_>,
    f: &Formula,
    args: &[NodeId],
    i: usize,
) -> Result<Arc<Lambda>, ErrorKind> {
    let id = *args.get(i).ok_or(ErrorKind::Value)?;
    match ctx.eval(f, id) {
        Op::L(l) => Ok(l),
        Op::V(Value::Error(e)) => Err(e),
        _ => Err(ErrorKind::Value),
    }
}

/// Calls `lam` with plain values and returns a plain value.
fn call_values(ctx: &mut Ctx<'_>, lam: &Lambda, args: Vec<Value>) -> Value {
    let op = invoke(ctx, lam, args.into_iter().map(Op::V).collect());
    ctx.value(op)
}

/// The array of argument `i` (a single value is a 1×1 array).
fn array_arg(
    ctx: &mut Ctx<'_>,
    f: &Formula,
    args: &[NodeId],
    i: usize,
) -> Result<Arc<Array>, ErrorKind> {
    match value(ctx, f, args, i) {
        Value::Array(a) => Ok(a),
        Value::Error(e) => Err(e),
        v => Ok(Arc::new(Array::new(1, 1, vec![v]))),
    }
}

fn array(rows: usize, cols: usize, items: Vec<Value>) -> FnResult {
    ok(Value::Array(Arc::new(Array::new(rows, cols, items))))
}

/// A result that must be one value: arrays from a lambda are `#CALC!`.
fn single(v: Value) -> Value {
    match v {
        Value::Array(a) if a.items.len() == 1 => a.items[0].clone(),
        Value::Array(_) => Value::Error(ErrorKind::Calc),
        v => v,
    }
}

/// `MAP(array1, [array2, ...], lambda)`: the lambda applied element by element.
pub(crate) fn map(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let lam = lambda_arg(ctx, f, args, args.len() - 1)?;
    let mut arrays = Vec::new();
    for i in 0..args.len() - 1 {
        arrays.push(array_arg(ctx, f, args, i)?);
    }
    let rows = arrays.iter().map(|a| a.rows).max().unwrap_or(0);
    let cols = arrays.iter().map(|a| a.cols).max().unwrap_or(0);
    let mut items = Vec::with_capacity(rows * cols);
    for r in 0..rows {
        for c in 0..cols {
            let vals: Option<Vec<Value>> = arrays
                .iter()
                .map(|a| {
                    let r = if a.rows == 1 { 0 } else { r };
                    let c = if a.cols == 1 { 0 } else { c };
                    a.get(r, c).cloned()
                })
                .collect();
            items.push(match vals {
                Some(v) => single(call_values(ctx, &lam, v)),
                None => Value::Error(ErrorKind::NA),
            });
        }
    }
    array(rows, cols, items)
}

/// `REDUCE(initial, array, lambda(acc, x))`: the last accumulator.
pub(crate) fn reduce(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let (acc, _) = accumulate(ctx, f, args)?;
    ok(single(acc))
}

/// `SCAN(initial, array, lambda(acc, x))`: every accumulator, shaped like `array`.
pub(crate) fn scan(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let (_, steps) = accumulate(ctx, f, args)?;
    let a = array_arg(ctx, f, args, 1)?;
    array(a.rows, a.cols, steps)
}

fn accumulate(
    ctx: &mut Ctx<'_>,
    f: &Formula,
    args: &[NodeId],
) -> Result<(Value, Vec<Value>), ErrorKind> {
    let lam = lambda_arg(ctx, f, args, 2)?;
    let mut acc = value(ctx, f, args, 0).scalar();
    let a = array_arg(ctx, f, args, 1)?;
    let mut steps = Vec::with_capacity(a.items.len());
    for v in &a.items {
        acc = call_values(ctx, &lam, vec![acc, v.clone()]);
        steps.push(single(acc.clone()));
    }
    Ok((acc, steps))
}

/// `BYROW(array, lambda(row))`: one value per row.
pub(crate) fn byrow(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let a = array_arg(ctx, f, args, 0)?;
    let lam = lambda_arg(ctx, f, args, 1)?;
    let mut items = Vec::with_capacity(a.rows);
    for r in 0..a.rows {
        let row = a.items[r * a.cols..(r + 1) * a.cols].to_vec();
        let arg = Value::Array(Arc::new(Array::new(1, a.cols, row)));
        items.push(single(call_values(ctx, &lam, vec![arg])));
    }
    array(a.rows, 1, items)
}

/// `BYCOL(array, lambda(column))`: one value per column.
pub(crate) fn bycol(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let a = array_arg(ctx, f, args, 0)?;
    let lam = lambda_arg(ctx, f, args, 1)?;
    let mut items = Vec::with_capacity(a.cols);
    for c in 0..a.cols {
        let col = (0..a.rows).filter_map(|r| a.get(r, c).cloned()).collect();
        let arg = Value::Array(Arc::new(Array::new(a.rows, 1, col)));
        items.push(single(call_values(ctx, &lam, vec![arg])));
    }
    array(1, a.cols, items)
}

/// `MAKEARRAY(rows, cols, lambda(r, c))`.
pub(crate) fn makearray(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let rows = number(ctx, f, args, 0)?.trunc();
    let cols = number(ctx, f, args, 1)?.trunc();
    if rows < 1.0 || cols < 1.0 || rows * cols > MAX_CELLS {
        return Err(ErrorKind::Value);
    }
    let lam = lambda_arg(ctx, f, args, 2)?;
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "checked range"
    )]
    let (rows, cols) = (rows as usize, cols as usize);
    let mut items = Vec::with_capacity(rows * cols);
    for r in 1..=rows {
        for c in 1..=cols {
            #[expect(clippy::cast_precision_loss, reason = "at most a million")]
            let v = call_values(
                ctx,
                &lam,
                vec![Value::Number(r as f64), Value::Number(c as f64)],
            );
            items.push(single(v));
        }
    }
    array(rows, cols, items)
}

/// `ISOMITTED(param)`: true when a lambda parameter was not passed (or passed empty, as `f(1,)`).
pub(crate) fn isomitted(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let op = ctx.eval(f, args[0]);
    ok(Value::Bool(matches!(op, Op::V(Value::Empty))))
}
