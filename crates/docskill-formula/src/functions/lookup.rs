//! Lookup and reference functions, backed by the indexes in `eval::lookup`.

use crate::ast::{Formula, NodeId};
use crate::eval::interp::{Area, Ctx, Op};
use crate::eval::lookup::{Vector, find_exact, find_nearest, find_sorted};
use crate::functions::{FnResult, boolean, is_missing, number, number_or, ok, scalar};
use crate::value::{ErrorKind, Value};

/// A 2-D table argument: a sheet area or an array value.
enum Table {
    Area(Area),
    Array(std::sync::Arc<crate::value::Array>),
}

impl Table {
    fn rows(&self) -> usize {
        match self {
            Table::Area(a) => a.rows() as usize,
            Table::Array(a) => a.rows,
        }
    }
    fn cols(&self) -> usize {
        match self {
            Table::Area(a) => a.cols() as usize,
            Table::Array(a) => a.cols,
        }
    }
    /// Column `c` (0-based) as a vector.
    fn column(&self, c: usize) -> Vector {
        let c32 = u32::try_from(c).unwrap_or(0);
        match self {
            Table::Area(a) => Vector::Area(Area {
                c1: a.c1 + c32,
                c2: a.c1 + c32,
                ..*a
            }),
            Table::Array(a) => Vector::Array {
                arr: a.clone(),
                row: None,
                col: c,
            },
        }
    }
    fn row(&self, r: usize) -> Vector {
        let r32 = u32::try_from(r).unwrap_or(0);
        match self {
            Table::Area(a) => Vector::Area(Area {
                r1: a.r1 + r32,
                r2: a.r1 + r32,
                ..*a
            }),
            Table::Array(a) => Vector::Array {
                arr: a.clone(),
                row: Some(r),
                col: 0,
            },
        }
    }
    /// The cell at (`r`, `c`) as an operand (a reference for areas).
    fn at(&self, r: usize, c: usize) -> Op {
        let (r32, c32) = (u32::try_from(r).unwrap_or(0), u32::try_from(c).unwrap_or(0));
        match self {
            Table::Area(a) => Op::R(Area {
                sheet: a.sheet,
                r1: a.r1 + r32,
                r2: a.r1 + r32,
                c1: a.c1 + c32,
                c2: a.c1 + c32,
            }),
            Table::Array(a) => Op::V(a.get(r, c).cloned().unwrap_or_default()),
        }
    }
}

fn table(ctx: &mut Ctx<'_>, f: &Formula, id: NodeId) -> Result<Table, ErrorKind> {
    match ctx.eval(f, id) {
        Op::R(a) => {
            // Whole columns / rows: stop at the used extent.
            let a = if a.rows() > 65_536 || a.cols() > 1_024 {
                let clipped = ctx.clip(a).unwrap_or(Area {
                    r2: a.r1,
                    c2: a.c1,
                    ..a
                });
                Area {
                    r2: clipped.r2.max(a.r1),
                    c2: clipped.c2.max(a.c1),
                    ..a
                }
            } else {
                a
            };
            Ok(Table::Area(a))
        }
        Op::Rs(_) | Op::L(_) => Err(ErrorKind::Value),
        Op::V(Value::Array(a)) => Ok(Table::Array(a)),
        Op::V(Value::Error(e)) => Err(e),
        Op::V(v) => Ok(Table::Array(std::sync::Arc::new(crate::value::Array::new(
            1,
            1,
            vec![v],
        )))),
    }
}

fn needle(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> Result<Value, ErrorKind> {
    match scalar(ctx, f, args, 0) {
        Value::Error(e) => Err(e),
        Value::Empty => Err(ErrorKind::NA),
        v => Ok(v),
    }
}

fn index_arg(
    ctx: &mut Ctx<'_>,
    f: &Formula,
    args: &[NodeId],
    i: usize,
) -> Result<usize, ErrorKind> {
    let n = number(ctx, f, args, i)?.trunc();
    if n < 1.0 {
        return Err(ErrorKind::Value);
    }
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "positive, clamped"
    )]
    Ok(n.min(1e9) as usize - 1)
}

fn vhlookup(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId], vertical: bool) -> FnResult {
    let x = needle(ctx, f, args)?;
    let t = table(ctx, f, args[1])?;
    let k = index_arg(ctx, f, args, 2)?;
    let approx = if is_missing(f, args, 3) {
        true
    } else {
        boolean(ctx, f, args, 3)?
    };
    let (span, vec) = if vertical {
        (t.cols(), t.column(0))
    } else {
        (t.rows(), t.row(0))
    };
    if k >= span {
        return Err(ErrorKind::Ref);
    }
    let hit = if approx {
        find_sorted(ctx, &vec, &x, false)
    } else {
        find_exact(ctx, &vec, &x, true, false)
    };
    let i = hit.ok_or(ErrorKind::NA)?;
    Ok(if vertical { t.at(i, k) } else { t.at(k, i) })
}

pub(crate) fn vlookup(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    vhlookup(ctx, f, args, true)
}

pub(crate) fn hlookup(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    vhlookup(ctx, f, args, false)
}

fn vector(ctx: &mut Ctx<'_>, f: &Formula, id: NodeId) -> Result<(Table, Vector, bool), ErrorKind> {
    let t = table(ctx, f, id)?;
    if t.rows() == 1 {
        let v = t.row(0);
        Ok((t, v, false))
    } else if t.cols() == 1 {
        let v = t.column(0);
        Ok((t, v, true))
    } else {
        Err(ErrorKind::NA)
    }
}

pub(crate) fn match_(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let x = needle(ctx, f, args)?;
    let (_, vec, _) = vector(ctx, f, args[1])?;
    let mode = number_or(ctx, f, args, 2, 1.0)?;
    let hit = if mode == 0.0 {
        find_exact(ctx, &vec, &x, true, false)
    } else {
        find_sorted(ctx, &vec, &x, mode < 0.0)
    };
    #[expect(clippy::cast_precision_loss, reason = "positions")]
    hit.map_or(Err(ErrorKind::NA), |i| ok(Value::Number((i + 1) as f64)))
}

/// XMATCH / XLOOKUP search: `mode` 0 exact, -1 next smaller, 1 next larger,
/// 2 wildcard; `search` 1 first-to-last, -1 last-to-first, ±2 binary.
fn xsearch(
    ctx: &mut Ctx<'_>,
    vec: &Vector,
    x: &Value,
    mode: i8,
    search: i8,
) -> Result<Option<usize>, ErrorKind> {
    let reverse = search == -1;
    Ok(match (mode, search) {
        (_, 2 | -2) if mode != 2 => {
            let i = find_sorted(ctx, vec, x, search == -2);
            match (mode, i) {
                (0, Some(i)) if crate::value::compare(&vec.get(ctx, i), x).is_eq() => Some(i),
                (0, _) => None,
                _ => find_nearest(ctx, vec, x, mode, false),
            }
        }
        (0, _) => find_exact(ctx, vec, x, false, reverse),
        (2, _) => find_exact(ctx, vec, x, true, reverse),
        (-1 | 1, _) => find_nearest(ctx, vec, x, mode, reverse),
        _ => return Err(ErrorKind::Value),
    })
}

fn small_int(
    ctx: &mut Ctx<'_>,
    f: &Formula,
    args: &[NodeId],
    i: usize,
    default: f64,
) -> Result<i8, ErrorKind> {
    let n = number_or(ctx, f, args, i, default)?;
    if !(-2.0..=2.0).contains(&n) || n.fract() != 0.0 {
        return Err(ErrorKind::Value);
    }
    #[expect(clippy::cast_possible_truncation, reason = "checked range")]
    Ok(n as i8)
}

pub(crate) fn xmatch(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let x = needle(ctx, f, args)?;
    let (_, vec, _) = vector(ctx, f, args[1])?;
    let mode = small_int(ctx, f, args, 2, 0.0)?;
    let search = small_int(ctx, f, args, 3, 1.0)?;
    #[expect(clippy::cast_precision_loss, reason = "positions")]
    xsearch(ctx, &vec, &x, mode, search)?
        .map_or(Err(ErrorKind::NA), |i| ok(Value::Number((i + 1) as f64)))
}

pub(crate) fn xlookup(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let x = needle(ctx, f, args)?;
    let (lt, vec, vertical) = vector(ctx, f, args[1])?;
    let ret = table(ctx, f, args[2])?;
    let len = if vertical { lt.rows() } else { lt.cols() };
    if (vertical && ret.rows() != len) || (!vertical && ret.cols() != len) {
        return Err(ErrorKind::Value);
    }
    let mode = small_int(ctx, f, args, 4, 0.0)?;
    let search = small_int(ctx, f, args, 5, 1.0)?;
    match xsearch(ctx, &vec, &x, mode, search)? {
        Some(i) => Ok(match (&ret, vertical) {
            (Table::Area(a), true) => {
                let r = a.r1 + u32::try_from(i).unwrap_or(0);
                Op::R(Area { r1: r, r2: r, ..*a })
            }
            (Table::Area(a), false) => {
                let c = a.c1 + u32::try_from(i).unwrap_or(0);
                Op::R(Area { c1: c, c2: c, ..*a })
            }
            (Table::Array(_), true) => ret.at(i, 0),
            (Table::Array(_), false) => ret.at(0, i),
        }),
        None if !is_missing(f, args, 3) => Ok(ctx.eval(f, args[3])),
        None => Err(ErrorKind::NA),
    }
}

pub(crate) fn index(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let t = table(ctx, f, args[0])?;
    let r = number_or(ctx, f, args, 1, 0.0)?.trunc();
    let c = number_or(ctx, f, args, 2, 0.0)?.trunc();
    if r < 0.0 || c < 0.0 {
        return Err(ErrorKind::Value);
    }
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "non-negative, clamped"
    )]
    let (mut r, mut c) = (r.min(1e9) as usize, c.min(1e9) as usize);
    // A single row or column takes one index as position along it.
    if t.rows() == 1 && c == 0 && r > 0 && is_missing(f, args, 2) {
        c = r;
        r = 1;
    }
    if r > t.rows() || c > t.cols() {
        return Err(ErrorKind::Ref);
    }
    match (r, c, &t) {
        (0, 0, _) => Err(ErrorKind::Value),
        (0, c, Table::Area(a)) => {
            let col = a.c1 + u32::try_from(c - 1).unwrap_or(0);
            Ok(Op::R(Area {
                c1: col,
                c2: col,
                ..*a
            }))
        }
        (r, 0, Table::Area(a)) if t.cols() > 1 => {
            let row = a.r1 + u32::try_from(r - 1).unwrap_or(0);
            Ok(Op::R(Area {
                r1: row,
                r2: row,
                ..*a
            }))
        }
        (r, 0, _) => Ok(t.at(r - 1, 0)),
        (0, c, _) => Ok(t.at(0, c - 1)),
        (r, c, _) => Ok(t.at(r - 1, c - 1)),
    }
}
