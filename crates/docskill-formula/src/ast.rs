//! The compiled form of a formula: a flat arena of nodes that refer to each
//! other by index, so a formula is two vectors and no per-node allocation.

use std::fmt::{self, Write as _};
use std::sync::Arc;

use crate::value::{Array, ErrorKind, Value};

/// Index of a node in [`Formula::nodes`].
pub type NodeId = u32;

/// Largest row index (0-based) of a worksheet: 1,048,576 rows.
pub const MAX_ROW: u32 = 1_048_575;
/// Largest column index (0-based) of a worksheet: 16,384 columns (XFD).
pub const MAX_COL: u32 = 16_383;

/// A cell address inside a reference, 0-based, with its `$` flags.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CellAddr {
    /// Row, 0-based.
    pub row: u32,
    /// Column, 0-based.
    pub col: u32,
    /// `$` before the row.
    pub row_abs: bool,
    /// `$` before the column.
    pub col_abs: bool,
}

/// Which sheet(s) a reference points into.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SheetRef {
    /// No sheet prefix: the formula's own sheet.
    Current,
    /// `Sheet1!` or `'My Sheet'!`.
    Named(Box<str>),
    /// `Sheet1:Sheet3!` (a 3D reference): every sheet from the first to the last in workbook order.
    Span(Box<str>, Box<str>),
}

/// The shape of a reference.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefKind {
    /// One cell, `A1`.
    Cell(CellAddr),
    /// A rectangle, `A1:B2` (corners as written).
    Area(CellAddr, CellAddr),
    /// Whole columns, `A:C`.
    Cols {
        /// First column.
        first: u32,
        /// Last column.
        last: u32,
        /// `$` flags of the two columns.
        abs: (bool, bool),
    },
    /// Whole rows, `1:3` (0-based).
    Rows {
        /// First row.
        first: u32,
        /// Last row.
        last: u32,
        /// `$` flags of the two rows.
        abs: (bool, bool),
    },
}

/// A sheet-qualified reference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    /// The sheet part.
    pub sheet: SheetRef,
    /// The cell part.
    pub kind: RefKind,
}

/// A unary operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    /// `-x`
    Neg,
    /// `+x`
    Plus,
    /// `x%`
    Percent,
    /// `@x`, implicit intersection.
    Implicit,
    /// `x#`, the spill range anchored at x.
    Spill,
}

/// A binary operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
    /// `^`
    Pow,
    /// `&`
    Concat,
    /// `=`
    Eq,
    /// `<>`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `:` between two references that are not plain cells.
    Range,
    /// space, intersection.
    Intersect,
    /// `,` inside parentheses, union.
    Union,
}

impl BinOp {
    /// The operator as written.
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::Pow => "^",
            BinOp::Concat => "&",
            BinOp::Eq => "=",
            BinOp::Ne => "<>",
            BinOp::Lt => "<",
            BinOp::Le => "<=",
            BinOp::Gt => ">",
            BinOp::Ge => ">=",
            BinOp::Range => ":",
            BinOp::Intersect => " ",
            BinOp::Union => ",",
        }
    }
}

/// One node of a compiled formula.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    /// A literal value (number, text, logical, error) or an array constant.
    Literal(Value),
    /// A cell or range reference.
    Ref(Reference),
    /// A defined name or a `LET` variable, optionally sheet-qualified.
    Name {
        /// `Sheet1!` qualifier, if any.
        sheet: Option<Box<str>>,
        /// The name as written (with any `_xlpm.` prefix removed).
        name: Box<str>,
    },
    /// A unary operator applied to a node.
    Unary(UnaryOp, NodeId),
    /// A binary operator.
    Binary(BinOp, NodeId, NodeId),
    /// A function call; the arguments are `args[first..first+len]` of the formula.
    Call {
        /// Upper-case name with `_xlfn.`, `_xlws.` and `_xlpm.` prefixes removed.
        name: Box<str>,
        /// Index of the built-in function, `None` when the engine does not implement it.
        func: Option<u16>,
        /// Index into [`Formula::args`].
        first: u32,
        /// Number of arguments.
        len: u32,
    },
    /// A call of the lambda an expression yields: `LAMBDA(x,x*2)(5)`; the
    /// arguments are `args[first..first+len]` of the formula.
    Apply {
        /// The node that yields the lambda.
        callee: NodeId,
        /// Index into [`Formula::args`].
        first: u32,
        /// Number of arguments.
        len: u32,
    },
    /// An omitted argument, as in `IF(A1,,2)`.
    Missing,
    /// A structured reference such as `Table1[Col]` (kept as written).
    Structured(Box<str>),
}

/// A parsed formula: nodes in an arena, function arguments in a side list.
#[derive(Clone, Debug, PartialEq)]
pub struct Formula {
    /// All nodes; children always come before their parents.
    pub nodes: Vec<Node>,
    /// Argument lists of calls, as node ids.
    pub args: Vec<NodeId>,
    /// The root node.
    pub root: NodeId,
}

impl Formula {
    /// The node with id `id`.
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id as usize]
    }

    /// The argument node ids of a call node's `first`/`len`.
    pub fn call_args(&self, first: u32, len: u32) -> &[NodeId] {
        &self.args[first as usize..(first + len) as usize]
    }

    /// Names of all functions called, upper case, in order of appearance.
    pub fn functions(&self) -> impl Iterator<Item = &str> {
        self.nodes.iter().filter_map(|n| match n {
            Node::Call { name, .. } => Some(&**name),
            _ => None,
        })
    }

    /// Functions called that the engine does not implement, upper case, in
    /// order of appearance: calls of a built-in the registry lacks, except
    /// names bound in the formula itself (a `LET` variable or `LAMBDA`
    /// parameter called as `f(x)`).
    pub fn unknown_functions(&self) -> impl Iterator<Item = &str> {
        self.nodes.iter().filter_map(|n| match n {
            Node::Call {
                name, func: None, ..
            } if !self.binds(name) => Some(&**name),
            _ => None,
        })
    }

    /// True when `name` is a `LET` variable or `LAMBDA` parameter of this formula.
    fn binds(&self, name: &str) -> bool {
        self.nodes.iter().any(|n| match n {
            Node::Call {
                name: f,
                first,
                len,
                ..
            } if &**f == "LET" || &**f == "LAMBDA" => {
                self.call_args(*first, *len).iter().any(|&a| {
                    matches!(self.node(a), Node::Name { sheet: None, name: n }
                        if n.eq_ignore_ascii_case(name))
                })
            }
            _ => false,
        })
    }

    /// A canonical S-expression of the tree, used by snapshot tests.
    pub fn to_sexpr(&self) -> String {
        let mut out = String::new();
        self.write_sexpr(self.root, &mut out);
        out
    }

    fn write_sexpr(&self, id: NodeId, out: &mut String) {
        match self.node(id) {
            Node::Literal(Value::Text(t)) => {
                let _ = write!(out, "{:?}", &**t);
            }
            Node::Literal(Value::Array(a)) => write_array(a, out),
            Node::Literal(v) => {
                let _ = write!(out, "{v}");
            }
            Node::Ref(r) => out.push_str(&format_reference(r)),
            Node::Name { sheet, name } => {
                if let Some(s) = sheet {
                    let _ = write!(out, "{}!", quote_sheet(s));
                }
                let _ = write!(out, "name:{name}");
            }
            Node::Unary(op, a) => {
                let sym = match op {
                    UnaryOp::Neg => "neg",
                    UnaryOp::Plus => "plus",
                    UnaryOp::Percent => "%",
                    UnaryOp::Implicit => "@",
                    UnaryOp::Spill => "#",
                };
                let _ = write!(out, "({sym} ");
                self.write_sexpr(*a, out);
                out.push(')');
            }
            Node::Binary(op, a, b) => {
                let sym = match op {
                    BinOp::Intersect => "isect",
                    BinOp::Union => "union",
                    o => o.symbol(),
                };
                let _ = write!(out, "({sym} ");
                self.write_sexpr(*a, out);
                out.push(' ');
                self.write_sexpr(*b, out);
                out.push(')');
            }
            Node::Call {
                name, first, len, ..
            } => {
                let _ = write!(out, "({name}");
                for &a in self.call_args(*first, *len) {
                    out.push(' ');
                    self.write_sexpr(a, out);
                }
                out.push(')');
            }
            Node::Apply { callee, first, len } => {
                out.push_str("(apply ");
                self.write_sexpr(*callee, out);
                for &a in self.call_args(*first, *len) {
                    out.push(' ');
                    self.write_sexpr(a, out);
                }
                out.push(')');
            }
            Node::Missing => out.push('_'),
            Node::Structured(s) => {
                let _ = write!(out, "table:{s}");
            }
        }
    }
}

fn write_array(a: &Array, out: &mut String) {
    out.push('{');
    for r in 0..a.rows {
        if r > 0 {
            out.push(';');
        }
        for c in 0..a.cols {
            if c > 0 {
                out.push(',');
            }
            match a.get(r, c) {
                Some(Value::Text(t)) => {
                    let _ = write!(out, "{:?}", &**t);
                }
                Some(v) => {
                    let _ = write!(out, "{v}");
                }
                None => {}
            }
        }
    }
    out.push('}');
}

/// Column letters for a 0-based column index (`0` → `A`, `27` → `AB`).
pub fn col_letters(col: u32) -> String {
    let mut n = col + 1;
    let mut buf = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        buf.push(b'A' + u8::try_from(rem).unwrap_or(0));
        n = (n - 1) / 26;
    }
    buf.reverse();
    String::from_utf8(buf).unwrap_or_default()
}

/// Quotes a sheet name when Excel would (`'My Sheet'`).
pub fn quote_sheet(name: &str) -> String {
    let plain = !name.is_empty()
        && !name.as_bytes()[0].is_ascii_digit()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '.');
    if plain {
        name.to_owned()
    } else {
        format!("'{}'", name.replace('\'', "''"))
    }
}

fn fmt_cell(a: CellAddr) -> String {
    format!(
        "{}{}{}{}",
        if a.col_abs { "$" } else { "" },
        col_letters(a.col),
        if a.row_abs { "$" } else { "" },
        a.row + 1
    )
}

/// Formats a reference in A1 notation.
pub fn format_reference(r: &Reference) -> String {
    let mut s = match &r.sheet {
        SheetRef::Current => String::new(),
        SheetRef::Named(n) => format!("{}!", quote_sheet(n)),
        SheetRef::Span(a, b) => format!("{}:{}!", quote_sheet(a), quote_sheet(b)),
    };
    let d = |b: bool| if b { "$" } else { "" };
    match r.kind {
        RefKind::Cell(a) => s.push_str(&fmt_cell(a)),
        RefKind::Area(a, b) => {
            let _ = write!(s, "{}:{}", fmt_cell(a), fmt_cell(b));
        }
        RefKind::Cols { first, last, abs } => {
            let _ = write!(
                s,
                "{}{}:{}{}",
                d(abs.0),
                col_letters(first),
                d(abs.1),
                col_letters(last)
            );
        }
        RefKind::Rows { first, last, abs } => {
            let _ = write!(s, "{}{}:{}{}", d(abs.0), first + 1, d(abs.1), last + 1);
        }
    }
    s
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format_reference(self))
    }
}

/// Helper to build an array literal value.
pub(crate) fn array_value(rows: usize, cols: usize, items: Vec<Value>) -> Value {
    Value::Array(Arc::new(Array::new(rows, cols, items)))
}

/// Helper for error literal nodes.
pub(crate) fn error_node(e: ErrorKind) -> Node {
    Node::Literal(Value::Error(e))
}
