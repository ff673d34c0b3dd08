//! Evaluates one formula's node tree against the workbook's current values.

use std::collections::HashMap;
use std::sync::Arc;

use crate::ast::{
    BinOp, Formula, MAX_COL, MAX_ROW, Node, NodeId, RefKind, Reference, SheetRef, UnaryOp,
};
use crate::eval::CalcOptions;
use crate::eval::lookup::LookupCache;
use crate::functions::BUILTINS;
use crate::value::{Array, ErrorKind, Value, compare};
use crate::workbook::{CellId, Workbook};

/// Most cells materialised into one array intermediate.
const MAX_ARRAY: usize = 10_000_000;

/// A rectangle on one sheet, 0-based and inclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Area {
    pub sheet: u32,
    pub r1: u32,
    pub c1: u32,
    pub r2: u32,
    pub c2: u32,
}

impl Area {
    pub fn rows(&self) -> u32 {
        self.r2 - self.r1 + 1
    }
    pub fn cols(&self) -> u32 {
        self.c2 - self.c1 + 1
    }
    pub fn is_cell(&self) -> bool {
        self.r1 == self.r2 && self.c1 == self.c2
    }
}

/// An evaluated operand: a value or a reference not yet read.
#[derive(Clone, Debug)]
pub(crate) enum Op {
    V(Value),
    R(Area),
    Rs(Vec<Area>),
    /// A lambda value, called with `(args)` or passed to `MAP` and friends.
    L(Arc<crate::functions::lambda::Lambda>),
}

impl From<Value> for Op {
    fn from(v: Value) -> Op {
        Op::V(v)
    }
}

impl From<ErrorKind> for Op {
    fn from(e: ErrorKind) -> Op {
        Op::V(Value::Error(e))
    }
}

/// Evaluation context of one formula cell.
pub(crate) struct Ctx<'a> {
    pub wb: &'a Workbook,
    pub cell: CellId,
    pub opts: &'a CalcOptions,
    pub cache: &'a mut LookupCache,
    pub origins: &'a HashMap<CellId, CellId>,
    /// First error read from another cell: its kind and origin.
    pub first_err: Option<(ErrorKind, CellId)>,
    pub lets: Vec<(Box<str>, Op)>,
    pub name_depth: u32,
    pub rand_calls: u64,
    /// Implicit intersection of ranges where one value is expected.
    pub legacy: bool,
    /// Depth of array arguments being evaluated (no implicit intersection inside).
    pub array_depth: u32,
    /// Rows and columns the relative references of the formula move by (a
    /// tree shared by cells holding the same relative formula); zero inside
    /// defined names.
    pub shift: (i64, i64),
    /// Formula cells not computed yet in this pass, when the workbook has
    /// dynamic references (see `eval::dynamic`).
    pub pending: Option<&'a crate::eval::dynamic::Pending>,
    /// Check static references against `pending` too (the formula is
    /// evaluated out of its static order).
    pub check_all: bool,
    /// Pending formulas (by index) this evaluation reached.
    pub needs: Vec<u32>,
}

impl Ctx<'_> {
    /// Notes the pending formula cells inside a reference this evaluation
    /// produced: they must be computed before its value can be trusted.
    pub fn track(&mut self, a: Area) {
        if let Some(p) = self.pending {
            p.collect(a, &mut self.needs);
        }
    }

    /// [`Ctx::track`] for every area of an operand.
    pub fn track_op(&mut self, op: &Op) {
        if self.pending.is_none() {
            return;
        }
        match op {
            Op::R(a) => self.track(*a),
            Op::Rs(v) => {
                for a in v {
                    self.track(*a);
                }
            }
            Op::V(_) | Op::L(_) => {}
        }
    }

    /// Evaluates an argument whose cells are not read, only its position or
    /// size (`ROWS`, `ROW`, `ISREF`, `OFFSET`'s reference...): the pending
    /// cells of the area it yields are no needs, so `=ROW(INDIRECT("1:5"))`
    /// in row 3 is no cycle. Needs found inside the argument stay.
    pub fn eval_unread(&mut self, f: &Formula, id: NodeId) -> Op {
        let before = self.needs.len();
        let op = self.eval(f, id);
        if let (Some(p), Op::R(a)) = (self.pending, &op)
            && self.needs.len() > before
        {
            // The area's own needs were noted last, when it was produced.
            let mut own = Vec::new();
            p.collect(*a, &mut own);
            let n = self.needs.len();
            if !own.is_empty() && n - before >= own.len() && self.needs[n - own.len()..] == own[..]
            {
                self.needs.truncate(n - own.len());
            }
        }
        op
    }

    pub fn note_error(&mut self, e: ErrorKind, at: CellId) {
        if self.first_err.is_none() {
            let origin = self.origins.get(&at).copied().unwrap_or(at);
            self.first_err = Some((e, origin));
        }
    }

    /// Reads one cell, noting error origins.
    pub fn cell_value(&mut self, sheet: u32, row: u32, col: u32) -> Value {
        let v = self
            .wb
            .sheets
            .get(sheet as usize)
            .map_or(&Value::Empty, |s| s.get(row, col));
        if let Value::Error(e) = v {
            self.note_error(*e, CellId::new(sheet, row, col));
        }
        v.clone()
    }

    /// Rows and columns of an area clipped to the sheet's used extent.
    pub fn clip(&self, a: Area) -> Option<Area> {
        let s = self.wb.sheets.get(a.sheet as usize)?;
        let r2 = a.r2.min(s.used_rows().saturating_sub(1));
        let c2 = a.c2.min(s.used_cols().saturating_sub(1));
        if s.used_rows() == 0 || s.used_cols() == 0 || r2 < a.r1 || c2 < a.c1 {
            return None;
        }
        Some(Area { r2, c2, ..a })
    }

    /// Calls `f` with every stored value of the area, with its position, column by column.
    /// Cells beyond the stored extent are empty and skipped.
    pub fn each_cell(&mut self, a: Area, mut f: impl FnMut(&Value, u32, u32)) {
        let Some(s) = self.wb.sheets.get(a.sheet as usize) else {
            return;
        };
        let mut err = None;
        for c in a.c1..=a.c2.min(s.used_cols().saturating_sub(1)) {
            let col = s.column(c);
            let end = (a.r2 as usize + 1).min(col.len());
            let start = (a.r1 as usize).min(end);
            for (i, v) in col[start..end].iter().enumerate() {
                if err.is_none()
                    && let Value::Error(e) = v
                {
                    err = Some((
                        *e,
                        CellId::new(a.sheet, a.r1 + u32::try_from(i).unwrap_or(0), c),
                    ));
                }
                f(v, a.r1 + u32::try_from(i).unwrap_or(0), c);
            }
        }
        if let Some((e, at)) = err {
            self.note_error(e, at);
        }
    }

    /// Reads a whole area as an array (clipped to the used extent, padded back to the area size
    /// when it is small).
    pub fn area_array(&mut self, a: Area) -> Value {
        let full = (a.rows() as usize).saturating_mul(a.cols() as usize);
        let a = if full <= 1_000_000 {
            Some(a)
        } else {
            self.clip(a)
        };
        let Some(a) = a else { return Value::Empty };
        let (rows, cols) = (a.rows() as usize, a.cols() as usize);
        if rows.saturating_mul(cols) > MAX_ARRAY {
            return Value::Error(ErrorKind::Num);
        }
        let mut items = Vec::with_capacity(rows * cols);
        for r in a.r1..=a.r2 {
            for c in a.c1..=a.c2 {
                items.push(self.cell_value(a.sheet, r, c));
            }
        }
        Value::Array(Arc::new(Array::new(rows, cols, items)))
    }

    /// The value of an operand: a single cell's value, an area as an array.
    pub fn value(&mut self, op: Op) -> Value {
        match op {
            Op::V(v) => v,
            Op::R(a) if !a.is_cell() && self.legacy && self.array_depth == 0 => {
                let one = self.implicit(Op::R(a));
                self.value(one)
            }
            Op::R(a) if a.is_cell() => self.cell_value(a.sheet, a.r1, a.c1),
            Op::R(a) => self.area_array(a),
            Op::Rs(_) => Value::Error(ErrorKind::Value),
            // A lambda left uncalled.
            Op::L(_) => Value::Error(ErrorKind::Calc),
        }
    }

    /// The scalar value of an operand (top-left of arrays and areas).
    pub fn scalar(&mut self, op: Op) -> Value {
        match op {
            Op::R(a) if !a.is_cell() && self.legacy && self.array_depth == 0 => self.value(op),
            Op::R(a) => self.cell_value(a.sheet, a.r1, a.c1),
            op => self.value(op).scalar(),
        }
    }

    fn resolve_sheets(&self, s: &SheetRef) -> Option<(u32, u32)> {
        match s {
            SheetRef::Current => Some((self.cell.sheet, self.cell.sheet)),
            SheetRef::Named(n) => self.wb.sheet_index(n).map(|i| (i, i)),
            SheetRef::Span(a, b) => {
                let (x, y) = (self.wb.sheet_index(a)?, self.wb.sheet_index(b)?);
                Some((x.min(y), x.max(y)))
            }
        }
    }

    pub fn reference(&self, r: &Reference) -> Op {
        let Some((s1, s2)) = self.resolve_sheets(&r.sheet) else {
            return ErrorKind::Ref.into();
        };
        let kind = if self.shift == (0, 0) {
            r.kind
        } else {
            match crate::ast_edit::shift_kind(r.kind, self.shift.0, self.shift.1) {
                Some(k) => k,
                None => return ErrorKind::Ref.into(),
            }
        };
        let (r1, c1, r2, c2) = match kind {
            RefKind::Cell(a) => (a.row, a.col, a.row, a.col),
            RefKind::Area(a, b) => (
                a.row.min(b.row),
                a.col.min(b.col),
                a.row.max(b.row),
                a.col.max(b.col),
            ),
            RefKind::Cols { first, last, .. } => (0, first, MAX_ROW, last),
            RefKind::Rows { first, last, .. } => (first, 0, last, MAX_COL),
        };
        if s1 == s2 {
            Op::R(Area {
                sheet: s1,
                r1,
                c1,
                r2,
                c2,
            })
        } else {
            Op::Rs(
                (s1..=s2)
                    .map(|sheet| Area {
                        sheet,
                        r1,
                        c1,
                        r2,
                        c2,
                    })
                    .collect(),
            )
        }
    }

    /// Evaluates node `id` of formula `f`.
    pub fn eval(&mut self, f: &Formula, id: NodeId) -> Op {
        match f.node(id) {
            Node::Literal(v) => Op::V(v.clone()),
            Node::Missing => Op::V(Value::Empty),
            Node::Ref(r) => {
                let op = self.reference(r);
                if self.check_all {
                    self.track_op(&op);
                }
                op
            }
            Node::Name { sheet, name } => self.name(sheet.as_deref(), name),
            Node::Structured(s) => {
                let c = self.cell;
                match self.wb.structured_area(s, c.sheet, c.row, c.col, false) {
                    Some(a) => {
                        if self.check_all {
                            self.track(a);
                        }
                        Op::R(a)
                    }
                    // A row outside the table; an unknown table or column.
                    None if self
                        .wb
                        .structured_area(s, c.sheet, c.row, c.col, true)
                        .is_some() =>
                    {
                        ErrorKind::Value.into()
                    }
                    None => ErrorKind::Name.into(),
                }
            }
            Node::Unary(op, a) => self.unary(f, *op, *a),
            Node::Binary(op, a, b) => self.binary(f, *op, *a, *b),
            Node::Call {
                func: Some(i),
                first,
                len,
                ..
            } => {
                let args = f.call_args(*first, *len);
                let b = &BUILTINS[*i as usize];
                if args.len() < b.min as usize || args.len() > b.max as usize {
                    return ErrorKind::Value.into();
                }
                match (b.run)(self, f, args) {
                    Ok(op) => op,
                    Err(e) => e.into(),
                }
            }
            // A LET variable, LAMBDA parameter or defined name holding a lambda.
            Node::Call {
                name,
                func: None,
                first,
                len,
            } => {
                let callee = self.name(None, name);
                crate::functions::lambda::apply(self, callee, f, f.call_args(*first, *len))
            }
            Node::Apply { callee, first, len } => {
                let callee = self.eval(f, *callee);
                crate::functions::lambda::apply(self, callee, f, f.call_args(*first, *len))
            }
        }
    }

    fn name(&mut self, sheet: Option<&str>, name: &str) -> Op {
        if sheet.is_none()
            && let Some((_, v)) = self
                .lets
                .iter()
                .rev()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
        {
            return v.clone();
        }
        let scope = match sheet {
            Some(s) => match self.wb.sheet_index(s) {
                Some(i) => i,
                None => return ErrorKind::Ref.into(),
            },
            None => self.cell.sheet,
        };
        let Some(def) = self.wb.find_name(name, scope) else {
            return ErrorKind::Name.into();
        };
        let Ok(f) = &def.parsed else {
            return ErrorKind::Name.into();
        };
        if self.name_depth > 32 {
            return ErrorKind::Calc.into();
        }
        let f = f.clone();
        self.name_depth += 1;
        let saved = std::mem::take(&mut self.lets);
        let shift = std::mem::take(&mut self.shift);
        let r = self.eval(&f, f.root);
        self.shift = shift;
        self.lets = saved;
        self.name_depth -= 1;
        r
    }

    fn unary(&mut self, f: &Formula, op: UnaryOp, a: NodeId) -> Op {
        let x = self.eval(f, a);
        match op {
            UnaryOp::Plus => x,
            UnaryOp::Neg => map1_in(&self.value(x), self.wb.date1904, |n| Ok(-n)).into(),
            UnaryOp::Percent => map1_in(&self.value(x), self.wb.date1904, |n| Ok(n / 100.0)).into(),
            UnaryOp::Implicit => self.implicit(x),
            UnaryOp::Spill => ErrorKind::Ref.into(),
        }
    }

    /// `@x`: the cell of an area on the formula's row or column.
    pub fn implicit(&mut self, x: Op) -> Op {
        match x {
            Op::R(a) if a.is_cell() => Op::R(a),
            Op::R(a) => {
                let (r, c) = (self.cell.row, self.cell.col);
                if a.c1 == a.c2 && (a.r1..=a.r2).contains(&r) {
                    Op::R(Area { r1: r, r2: r, ..a })
                } else if a.r1 == a.r2 && (a.c1..=a.c2).contains(&c) {
                    Op::R(Area { c1: c, c2: c, ..a })
                } else {
                    ErrorKind::Value.into()
                }
            }
            Op::V(v) => Op::V(v.scalar()),
            Op::Rs(_) => ErrorKind::Value.into(),
            Op::L(_) => ErrorKind::Calc.into(),
        }
    }

    fn binary(&mut self, f: &Formula, op: BinOp, a: NodeId, b: NodeId) -> Op {
        if op == BinOp::Range {
            // The corners are not read; the whole range is, tracked as one.
            let x = self.eval_unread(f, a);
            let y = self.eval_unread(f, b);
            let op = range_op(&x, &y);
            self.track_op(&op);
            return op;
        }
        let x = self.eval(f, a);
        let y = self.eval(f, b);
        match op {
            BinOp::Range => range_op(&x, &y),
            BinOp::Intersect => intersect(&x, &y),
            BinOp::Union => {
                let mut v = Vec::new();
                for o in [x, y] {
                    match o {
                        Op::R(r) => v.push(r),
                        Op::Rs(rs) => v.extend(rs),
                        Op::V(Value::Error(e)) => return e.into(),
                        Op::V(_) | Op::L(_) => return ErrorKind::Value.into(),
                    }
                }
                Op::Rs(v)
            }
            _ => {
                let (x, y) = (self.value(x), self.value(y));
                let date1904 = self.wb.date1904;
                lift2(&x, &y, |p, q| scalar_binary(op, p, q, date1904)).into()
            }
        }
    }
}

fn range_op(x: &Op, y: &Op) -> Op {
    match (x, y) {
        (Op::R(p), Op::R(q)) if p.sheet == q.sheet => Op::R(Area {
            sheet: p.sheet,
            r1: p.r1.min(q.r1),
            c1: p.c1.min(q.c1),
            r2: p.r2.max(q.r2),
            c2: p.c2.max(q.c2),
        }),
        (Op::V(Value::Error(e)), _) | (_, Op::V(Value::Error(e))) => (*e).into(),
        _ => ErrorKind::Value.into(),
    }
}

fn intersect(x: &Op, y: &Op) -> Op {
    match (x, y) {
        (Op::R(p), Op::R(q)) => {
            let a = Area {
                sheet: p.sheet,
                r1: p.r1.max(q.r1),
                c1: p.c1.max(q.c1),
                r2: p.r2.min(q.r2),
                c2: p.c2.min(q.c2),
            };
            if p.sheet != q.sheet || a.r1 > a.r2 || a.c1 > a.c2 {
                ErrorKind::Null.into()
            } else {
                Op::R(a)
            }
        }
        (Op::V(Value::Error(e)), _) | (_, Op::V(Value::Error(e))) => (*e).into(),
        _ => ErrorKind::Value.into(),
    }
}

/// Applies a numeric function to a value or element-wise to an array.
pub(crate) fn map1(v: &Value, f: impl Fn(f64) -> Result<f64, ErrorKind>) -> Value {
    map1_in(v, false, f)
}

/// [`map1`] with date text read in the workbook's date system.
pub(crate) fn map1_in(
    v: &Value,
    date1904: bool,
    f: impl Fn(f64) -> Result<f64, ErrorKind>,
) -> Value {
    let one = |v: &Value| match v.to_number_in(date1904).and_then(&f) {
        Ok(n) => num(n),
        Err(e) => Value::Error(e),
    };
    match v {
        Value::Array(a) => {
            let items = a.items.iter().map(one).collect();
            Value::Array(Arc::new(Array::new(a.rows, a.cols, items)))
        }
        _ => one(v),
    }
}

/// A number result; NaN and infinities become `#NUM!`, `-0` becomes `0`.
pub(crate) fn num(n: f64) -> Value {
    if n.is_finite() {
        Value::Number(if n == 0.0 { 0.0 } else { n })
    } else {
        Value::Error(ErrorKind::Num)
    }
}

/// Element-wise application with Excel's broadcasting: a single row or
/// column stretches, other mismatches give `#N/A`.
pub(crate) fn lift2(x: &Value, y: &Value, f: impl Fn(&Value, &Value) -> Value) -> Value {
    match (x, y) {
        (Value::Array(a), Value::Array(b)) => {
            let rows = if a.rows == 1 {
                b.rows
            } else if b.rows == 1 {
                a.rows
            } else {
                a.rows.max(b.rows)
            };
            let cols = if a.cols == 1 {
                b.cols
            } else if b.cols == 1 {
                a.cols
            } else {
                a.cols.max(b.cols)
            };
            let pick = |m: &Array, r: usize, c: usize| {
                let r = if m.rows == 1 { 0 } else { r };
                let c = if m.cols == 1 { 0 } else { c };
                m.get(r, c).cloned()
            };
            let mut items = Vec::with_capacity(rows * cols);
            for r in 0..rows {
                for c in 0..cols {
                    items.push(match (pick(a, r, c), pick(b, r, c)) {
                        (Some(p), Some(q)) => f(&p, &q),
                        _ => Value::Error(ErrorKind::NA),
                    });
                }
            }
            Value::Array(Arc::new(Array::new(rows, cols, items)))
        }
        (Value::Array(a), s) => {
            let items = a.items.iter().map(|p| f(p, s)).collect();
            Value::Array(Arc::new(Array::new(a.rows, a.cols, items)))
        }
        (s, Value::Array(b)) => {
            let items = b.items.iter().map(|q| f(s, q)).collect();
            Value::Array(Arc::new(Array::new(b.rows, b.cols, items)))
        }
        _ => f(x, y),
    }
}

fn scalar_binary(op: BinOp, x: &Value, y: &Value, date1904: bool) -> Value {
    use std::cmp::Ordering::{Equal, Greater, Less};
    if let Value::Error(e) = x {
        return Value::Error(*e);
    }
    if let Value::Error(e) = y {
        return Value::Error(*e);
    }
    let arith = |g: fn(f64, f64) -> Result<f64, ErrorKind>| match (
        x.to_number_in(date1904),
        y.to_number_in(date1904),
    ) {
        (Ok(a), Ok(b)) => match g(a, b) {
            Ok(n) => num(n),
            Err(e) => Value::Error(e),
        },
        (Err(e), _) | (_, Err(e)) => Value::Error(e),
    };
    match op {
        BinOp::Add => arith(|a, b| Ok(a + b)),
        BinOp::Sub => arith(|a, b| Ok(a - b)),
        BinOp::Mul => arith(|a, b| Ok(a * b)),
        BinOp::Div => arith(|a, b| {
            if b == 0.0 {
                Err(ErrorKind::Div0)
            } else {
                Ok(a / b)
            }
        }),
        BinOp::Pow => arith(power),
        BinOp::Concat => match (x.to_text(), y.to_text()) {
            (Ok(a), Ok(b)) => Value::text(format!("{a}{b}")),
            (Err(e), _) | (_, Err(e)) => Value::Error(e),
        },
        BinOp::Eq => Value::Bool(compare(x, y) == Equal),
        BinOp::Ne => Value::Bool(compare(x, y) != Equal),
        BinOp::Lt => Value::Bool(compare(x, y) == Less),
        BinOp::Le => Value::Bool(compare(x, y) != Greater),
        BinOp::Gt => Value::Bool(compare(x, y) == Greater),
        BinOp::Ge => Value::Bool(compare(x, y) != Less),
        BinOp::Range | BinOp::Intersect | BinOp::Union => Value::Error(ErrorKind::Value),
    }
}

/// `a^b` with Excel's errors: `0^0` and roots of negative numbers are `#NUM!`, `0^-1` is `#DIV/0!`.
pub(crate) fn power(a: f64, b: f64) -> Result<f64, ErrorKind> {
    if a == 0.0 && b == 0.0 {
        return Err(ErrorKind::Num);
    }
    if a == 0.0 && b < 0.0 {
        return Err(ErrorKind::Div0);
    }
    if a < 0.0 && b.fract() != 0.0 {
        return Err(ErrorKind::Num);
    }
    let r = a.powf(b);
    if r.is_finite() {
        Ok(r)
    } else {
        Err(ErrorKind::Num)
    }
}
