//! Information functions: `IS*` tests and `NA()`.

use crate::ast::{Formula, NodeId};
use crate::eval::interp::Ctx;
use crate::functions::{FnResult, ok, scalar};
use crate::value::{ErrorKind, Value};

fn test(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId], p: fn(&Value) -> bool) -> FnResult {
    let v = scalar(ctx, f, args, 0);
    ok(Value::Bool(p(&v)))
}

pub(crate) fn isblank(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    test(ctx, f, args, Value::is_empty)
}

pub(crate) fn isnumber(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    test(ctx, f, args, |v| matches!(v, Value::Number(_)))
}

pub(crate) fn istext(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    test(ctx, f, args, |v| matches!(v, Value::Text(_)))
}

pub(crate) fn islogical(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    test(ctx, f, args, |v| matches!(v, Value::Bool(_)))
}

pub(crate) fn iserror(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    test(ctx, f, args, |v| v.error().is_some())
}

pub(crate) fn iserr(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    test(ctx, f, args, |v| {
        v.error().is_some_and(|e| e != ErrorKind::NA)
    })
}

pub(crate) fn isna(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    test(ctx, f, args, |v| v.error() == Some(ErrorKind::NA))
}

pub(crate) fn na(_: &mut Ctx<'_>, _: &Formula, _: &[NodeId]) -> FnResult {
    Err(ErrorKind::NA)
}
