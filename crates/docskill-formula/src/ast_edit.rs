//! Operations on a parsed formula: moving it to another cell (how shared
//! formulas in a file expand) and writing it back as formula text.

use std::fmt::Write as _;

use crate::ast::{
    BinOp, CellAddr, Formula, MAX_COL, MAX_ROW, Node, NodeId, RefKind, UnaryOp, format_reference,
    quote_sheet,
};
use crate::value::{ErrorKind, Value};

fn shift(v: u32, by: i64, abs: bool, max: u32) -> Option<u32> {
    if abs {
        return Some(v);
    }
    let n = i64::from(v) + by;
    (0..=i64::from(max))
        .contains(&n)
        .then(|| u32::try_from(n).unwrap_or(0))
}

fn shift_cell(a: CellAddr, dr: i64, dc: i64) -> Option<CellAddr> {
    Some(CellAddr {
        row: shift(a.row, dr, a.row_abs, MAX_ROW)?,
        col: shift(a.col, dc, a.col_abs, MAX_COL)?,
        ..a
    })
}

/// A reference's cell part moved `dr` rows and `dc` columns (absolute parts
/// stay); `None` when it leaves the grid.
pub(crate) fn shift_kind(kind: RefKind, dr: i64, dc: i64) -> Option<RefKind> {
    match kind {
        RefKind::Cell(a) => shift_cell(a, dr, dc).map(RefKind::Cell),
        RefKind::Area(a, b) => shift_cell(a, dr, dc)
            .zip(shift_cell(b, dr, dc))
            .map(|(a, b)| RefKind::Area(a, b)),
        RefKind::Cols { first, last, abs } => shift(first, dc, abs.0, MAX_COL)
            .zip(shift(last, dc, abs.1, MAX_COL))
            .map(|(first, last)| RefKind::Cols { first, last, abs }),
        RefKind::Rows { first, last, abs } => shift(first, dr, abs.0, MAX_ROW)
            .zip(shift(last, dr, abs.1, MAX_ROW))
            .map(|(first, last)| RefKind::Rows { first, last, abs }),
    }
}

impl Formula {
    /// The formula as it reads when copied `dr` rows down and `dc` columns
    /// right (negative: up, left): relative references move, absolute ones
    /// stay, references pushed off the grid become `#REF!`. This is how a
    /// shared formula (`<f t="shared">`) applies to the other cells of its range.
    #[must_use]
    pub fn shifted(&self, dr: i64, dc: i64) -> Formula {
        let mut out = self.clone();
        for n in &mut out.nodes {
            let Node::Ref(r) = n else { continue };
            let kind = shift_kind(r.kind, dr, dc);
            match kind {
                Some(k) => r.kind = k,
                None => *n = Node::Literal(Value::Error(ErrorKind::Ref)),
            }
        }
        out
    }

    /// Formula text (without `=`) that parses back to the same tree.
    /// Function names are written without `_xlfn.` prefixes.
    pub fn to_formula_string(&self) -> String {
        let mut out = String::new();
        self.write(self.root, &mut out);
        out
    }

    fn write(&self, id: NodeId, out: &mut String) {
        match self.node(id) {
            Node::Literal(v) => write_literal(v, out),
            Node::Ref(r) => out.push_str(&format_reference(r)),
            Node::Name { sheet, name } => {
                if let Some(s) = sheet {
                    let _ = write!(out, "{}!", quote_sheet(s));
                }
                out.push_str(name);
            }
            Node::Unary(op, a) => {
                let inner = self.prec(*a) < unary_prec(*op);
                let wrap = |me: &Self, out: &mut String| {
                    if inner {
                        out.push('(');
                    }
                    me.write(*a, out);
                    if inner {
                        out.push(')');
                    }
                };
                match op {
                    UnaryOp::Neg => {
                        out.push('-');
                        wrap(self, out);
                    }
                    UnaryOp::Plus => {
                        out.push('+');
                        wrap(self, out);
                    }
                    UnaryOp::Implicit => {
                        out.push('@');
                        wrap(self, out);
                    }
                    UnaryOp::Percent => {
                        wrap(self, out);
                        out.push('%');
                    }
                    UnaryOp::Spill => {
                        wrap(self, out);
                        out.push('#');
                    }
                }
            }
            Node::Binary(op, a, b) => {
                let p = bin_prec(*op);
                let union = *op == BinOp::Union;
                if union {
                    out.push('(');
                }
                let lw = self.prec(*a) < p;
                let rw = self.prec(*b) <= p;
                if lw {
                    out.push('(');
                }
                self.write(*a, out);
                if lw {
                    out.push(')');
                }
                out.push_str(op.symbol());
                if rw {
                    out.push('(');
                }
                self.write(*b, out);
                if rw {
                    out.push(')');
                }
                if union {
                    out.push(')');
                }
            }
            Node::Call {
                name, first, len, ..
            } => {
                out.push_str(name);
                self.write_args(*first, *len, out);
            }
            Node::Apply { callee, first, len } => {
                let paren = self.prec(*callee) < 100;
                if paren {
                    out.push('(');
                }
                self.write(*callee, out);
                if paren {
                    out.push(')');
                }
                self.write_args(*first, *len, out);
            }
            Node::Missing => {}
            Node::Structured(s) => out.push_str(s),
        }
    }

    /// `(arg,arg,...)` of a call.
    fn write_args(&self, first: u32, len: u32, out: &mut String) {
        out.push('(');
        for (i, &a) in self.call_args(first, len).iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            self.write(a, out);
        }
        out.push(')');
    }

    /// Binding strength of the node as an operand (atoms bind tightest).
    fn prec(&self, id: NodeId) -> u8 {
        match self.node(id) {
            Node::Binary(op, ..) => bin_prec(*op),
            Node::Unary(op, _) => unary_prec(*op),
            Node::Literal(Value::Number(n)) if *n < 0.0 => unary_prec(UnaryOp::Neg),
            _ => 100,
        }
    }
}

fn bin_prec(op: BinOp) -> u8 {
    match op {
        BinOp::Union => 1,
        BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => 3,
        BinOp::Concat => 5,
        BinOp::Add | BinOp::Sub => 7,
        BinOp::Mul | BinOp::Div => 9,
        BinOp::Pow => 11,
        BinOp::Intersect => 17,
        BinOp::Range => 19,
    }
}

fn unary_prec(op: UnaryOp) -> u8 {
    match op {
        UnaryOp::Neg | UnaryOp::Plus => 13,
        UnaryOp::Percent => 15,
        UnaryOp::Implicit => 19,
        UnaryOp::Spill => 21,
    }
}

fn write_literal(v: &Value, out: &mut String) {
    match v {
        Value::Empty => {}
        Value::Number(n) => {
            let _ = write!(out, "{n}");
        }
        Value::Text(t) => {
            let _ = write!(out, "\"{}\"", t.replace('"', "\"\""));
        }
        Value::Bool(b) => out.push_str(if *b { "TRUE" } else { "FALSE" }),
        Value::Error(e) => out.push_str(e.as_str()),
        Value::Array(a) => {
            out.push('{');
            for r in 0..a.rows {
                if r > 0 {
                    out.push(';');
                }
                for c in 0..a.cols {
                    if c > 0 {
                        out.push(',');
                    }
                    if let Some(v) = a.get(r, c) {
                        write_literal(v, out);
                    }
                }
            }
            out.push('}');
        }
    }
}
