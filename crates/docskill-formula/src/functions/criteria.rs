//! Conditional aggregates: COUNTIF(S), SUMIF(S), AVERAGEIF(S), MINIFS, MAXIFS.

use std::cmp::Ordering;

use crate::ast::{Formula, NodeId};
use crate::eval::interp::{Area, Ctx, Op};
use crate::functions::text::wildcard_match;
use crate::functions::{FnResult, is_missing, num, scalar};
use crate::value::{ErrorKind, Value, cmp_text, parse_number};

pub(crate) mod index;

/// A parsed criterion such as `">=10"`, `"apple*"`, `5` or `"<>"`.
#[derive(Clone, Debug)]
pub(crate) struct Criterion {
    op: Ordering2,
    target: Target,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Ordering2 {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

#[derive(Clone, Debug)]
enum Target {
    Number(f64),
    Bool(bool),
    Text(String),
    Error(ErrorKind),
    /// `""` / `"="`: blank cells; with `<>`: non-blank cells.
    Blank,
}

impl Criterion {
    /// [`Criterion::parse`] in a workbook's date system: in a 1904 workbook
    /// date text (`">=2024-01-01"`) becomes a 1904 serial.
    pub fn parse_in(v: &Value, date1904: bool) -> Criterion {
        let mut c = Criterion::parse(v);
        if date1904 && let (Target::Number(n), Value::Text(t)) = (&mut c.target, v) {
            let rest = t.trim_start_matches(['<', '>', '=']);
            if crate::value::parse_date_text(rest.trim()).is_some() {
                *n -= 1462.0;
            }
        }
        c
    }

    pub fn parse(v: &Value) -> Criterion {
        let eq = |target| Criterion {
            op: Ordering2::Eq,
            target,
        };
        match v {
            Value::Number(n) => eq(Target::Number(*n)),
            Value::Bool(b) => eq(Target::Bool(*b)),
            Value::Error(e) => eq(Target::Error(*e)),
            Value::Empty => eq(Target::Number(0.0)),
            Value::Array(a) => Criterion::parse(a.items.first().unwrap_or(&Value::Empty)),
            Value::Text(t) => {
                let (op, rest) = [
                    ("<=", Ordering2::Le),
                    (">=", Ordering2::Ge),
                    ("<>", Ordering2::Ne),
                    ("<", Ordering2::Lt),
                    (">", Ordering2::Gt),
                    ("=", Ordering2::Eq),
                ]
                .into_iter()
                .find_map(|(p, o)| t.strip_prefix(p).map(|r| (o, r)))
                .unwrap_or((Ordering2::Eq, t));
                let target = if rest.is_empty() {
                    Target::Blank
                } else if let Some(n) = parse_number(rest) {
                    Target::Number(n)
                } else if rest.eq_ignore_ascii_case("TRUE") {
                    Target::Bool(true)
                } else if rest.eq_ignore_ascii_case("FALSE") {
                    Target::Bool(false)
                } else if let Some(e) = ErrorKind::parse(rest) {
                    Target::Error(e)
                } else {
                    Target::Text(rest.to_owned())
                };
                Criterion { op, target }
            }
        }
    }

    fn ord(&self, o: Ordering) -> bool {
        match self.op {
            Ordering2::Eq => o == Ordering::Equal,
            Ordering2::Ne => o != Ordering::Equal,
            Ordering2::Lt => o == Ordering::Less,
            Ordering2::Le => o != Ordering::Greater,
            Ordering2::Gt => o == Ordering::Greater,
            Ordering2::Ge => o != Ordering::Less,
        }
    }

    pub fn matches(&self, v: &Value) -> bool {
        let blank = v.is_empty() || matches!(v, Value::Text(t) if t.is_empty());
        match &self.target {
            Target::Blank => match self.op {
                Ordering2::Eq => blank,
                Ordering2::Ne => !v.is_empty(),
                _ => false,
            },
            Target::Number(n) => match v {
                Value::Number(x) => self.ord(x.total_cmp(n)),
                // As in Excel, `=` and `<>` compare numeric text by its number
                // (`COUNTIF(A:A,7)` counts the text "7" too).
                Value::Text(t) if matches!(self.op, Ordering2::Eq | Ordering2::Ne) => {
                    match parse_number(t) {
                        Some(x) => self.ord(x.total_cmp(n)),
                        None => self.op == Ordering2::Ne,
                    }
                }
                _ => self.op == Ordering2::Ne,
            },
            Target::Bool(b) => match v {
                Value::Bool(x) => self.ord(x.cmp(b)),
                _ => self.op == Ordering2::Ne,
            },
            Target::Error(e) => match v {
                Value::Error(x) => self.ord(x.cmp(e)),
                _ => self.op == Ordering2::Ne,
            },
            Target::Text(pat) => match (self.op, v) {
                (Ordering2::Eq, Value::Text(t)) => wildcard_match(pat, t),
                (Ordering2::Eq, _) => false,
                (Ordering2::Ne, Value::Text(t)) => !wildcard_match(pat, t),
                (Ordering2::Ne, _) => true,
                (_, Value::Text(t)) => self.ord(cmp_text(t, pat)),
                _ => false,
            },
        }
    }
}

fn area_arg(ctx: &mut Ctx<'_>, f: &Formula, id: NodeId) -> Result<Area, ErrorKind> {
    match ctx.eval(f, id) {
        Op::R(a) => Ok(a),
        Op::V(Value::Error(e)) => Err(e),
        _ => Err(ErrorKind::Value),
    }
}

/// Rows and columns of `target` a scan visits: whole-column ranges stop at
/// the largest used extent of the sheets involved.
fn extent(ctx: &Ctx<'_>, target: Area, conds: &[(Area, Criterion)]) -> (u32, u32) {
    let wb = ctx.wb;
    let used = |a: &Area| {
        wb.sheets.get(a.sheet as usize).map_or((0, 0), |s| {
            (
                s.used_rows().saturating_sub(a.r1),
                s.used_cols().saturating_sub(a.c1),
            )
        })
    };
    let (mut ur, mut uc) = used(&target);
    for (a, _) in conds {
        let (r, c) = used(a);
        ur = ur.max(r);
        uc = uc.max(c);
    }
    (target.rows().min(ur), target.cols().min(uc))
}

/// Calls `g` with the value at every offset of `target` where all criteria
/// hold. Whole-column ranges stop at the used extent.
fn each_match(
    ctx: &mut Ctx<'_>,
    target: Area,
    conds: &[(Area, Criterion)],
    g: &mut dyn FnMut(&Value),
) -> Result<(), ErrorKind> {
    for (a, _) in conds {
        if a.rows() != target.rows() || a.cols() != target.cols() {
            return Err(ErrorKind::Value);
        }
    }
    let wb = ctx.wb;
    let (rows, cols) = extent(ctx, target, conds);
    let get = |a: &Area, dr: u32, dc: u32| {
        wb.sheets
            .get(a.sheet as usize)
            .map_or(&Value::Empty, |s| s.get(a.r1 + dr, a.c1 + dc))
    };
    for dc in 0..cols {
        for dr in 0..rows {
            if conds.iter().all(|(a, c)| c.matches(get(a, dr, dc))) {
                g(get(&target, dr, dc));
            }
        }
    }
    Ok(())
}

/// The rows where all criteria hold: their count and the totals of the
/// target's values there, from a grouped index when every criterion is plain
/// equality ([`index`]), else by a scan.
fn matched(
    ctx: &mut Ctx<'_>,
    target: Area,
    conds: &[(Area, Criterion)],
) -> Result<index::Group, ErrorKind> {
    let (rows, cols) = extent(ctx, target, conds);
    if let Some(g) = index::lookup(ctx, target, conds, rows, cols) {
        return Ok(g);
    }
    let mut g = index::Group::default();
    each_match(ctx, target, conds, &mut |v| {
        g.matches += 1;
        g.acc.add(v);
    })?;
    Ok(g)
}

fn pairs(
    ctx: &mut Ctx<'_>,
    f: &Formula,
    args: &[NodeId],
) -> Result<Vec<(Area, Criterion)>, ErrorKind> {
    if !args.len().is_multiple_of(2) {
        return Err(ErrorKind::Value);
    }
    let mut out = Vec::new();
    for p in 0..args.len() / 2 {
        let a = area_arg(ctx, f, args[2 * p])?;
        let c = Criterion::parse_in(&scalar(ctx, f, args, 2 * p + 1), ctx.wb.date1904);
        out.push((a, c));
    }
    Ok(out)
}

/// Totals of the target values on matching rows.
#[derive(Clone, Debug, Default)]
pub(crate) struct Acc {
    sum: f64,
    n: u32,
    min: Option<f64>,
    max: Option<f64>,
    err: Option<ErrorKind>,
}

impl Acc {
    fn add(&mut self, v: &Value) {
        match v {
            Value::Number(x) => {
                self.sum += x;
                self.n += 1;
                self.min = Some(self.min.map_or(*x, |m| m.min(*x)));
                self.max = Some(self.max.map_or(*x, |m| m.max(*x)));
            }
            Value::Error(e) => {
                self.err.get_or_insert(*e);
            }
            _ => {}
        }
    }
}

fn aggregate_ifs(
    ctx: &mut Ctx<'_>,
    f: &Formula,
    target: NodeId,
    rest: &[NodeId],
) -> Result<Acc, ErrorKind> {
    let t = area_arg(ctx, f, target)?;
    let conds = pairs(ctx, f, rest)?;
    let acc = matched(ctx, t, &conds)?.acc;
    if let Some(e) = acc.err {
        return Err(e);
    }
    Ok(acc)
}

/// `XIF(range, criterion, [target])`: the target defaults to the range and
/// takes the range's size from its top-left cell.
fn aggregate_if(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> Result<Acc, ErrorKind> {
    let range = area_arg(ctx, f, args[0])?;
    let crit = Criterion::parse_in(&scalar(ctx, f, args, 1), ctx.wb.date1904);
    let target = if is_missing(f, args, 2) {
        range
    } else {
        let t = area_arg(ctx, f, args[2])?;
        Area {
            sheet: t.sheet,
            r1: t.r1,
            c1: t.c1,
            r2: t.r1 + range.rows() - 1,
            c2: t.c1 + range.cols() - 1,
        }
    };
    let acc = matched(ctx, target, &[(range, crit)])?.acc;
    if let Some(e) = acc.err {
        return Err(e);
    }
    Ok(acc)
}

pub(crate) fn countif(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    countifs(ctx, f, args)
}

pub(crate) fn countifs(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let conds = pairs(ctx, f, args)?;
    let first = conds[0].0;
    let mut n = matched(ctx, first, &conds)?.matches;
    // Blank cells beyond the used extent match criteria that accept blanks.
    let counted_rows = {
        let s = ctx.wb.sheets.get(first.sheet as usize);
        let ur = s
            .map_or(0, |s| s.used_rows().saturating_sub(first.r1))
            .min(first.rows());
        let uc = s
            .map_or(0, |s| s.used_cols().saturating_sub(first.c1))
            .min(first.cols());
        u64::from(ur) * u64::from(uc)
    };
    let total = u64::from(first.rows()) * u64::from(first.cols());
    if total > counted_rows
        && conds.iter().all(|(_, c)| c.matches(&Value::Empty))
        && conds.len() == 1
    {
        n += total - counted_rows;
    }
    #[expect(clippy::cast_precision_loss, reason = "cell counts")]
    num(n as f64)
}

pub(crate) fn sumif(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    num(aggregate_if(ctx, f, args)?.sum)
}

pub(crate) fn averageif(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let a = aggregate_if(ctx, f, args)?;
    if a.n == 0 {
        Err(ErrorKind::Div0)
    } else {
        num(a.sum / f64::from(a.n))
    }
}

pub(crate) fn sumifs(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    num(aggregate_ifs(ctx, f, args[0], &args[1..])?.sum)
}

pub(crate) fn averageifs(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let a = aggregate_ifs(ctx, f, args[0], &args[1..])?;
    if a.n == 0 {
        Err(ErrorKind::Div0)
    } else {
        num(a.sum / f64::from(a.n))
    }
}

pub(crate) fn minifs(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    num(aggregate_ifs(ctx, f, args[0], &args[1..])?
        .min
        .unwrap_or(0.0))
}

pub(crate) fn maxifs(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    num(aggregate_ifs(ctx, f, args[0], &args[1..])?
        .max
        .unwrap_or(0.0))
}
