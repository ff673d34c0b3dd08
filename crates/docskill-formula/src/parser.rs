//! Pratt parser from tokens to the flat [`Formula`] arena.
//!
//! Precedence, loosest first: union `,` (inside parentheses only),
//! comparisons, `&`, `+ -`, `* /`, `^` (left-associative), prefix `- +`,
//! postfix `%`, intersection (space), prefix `@`, range `:`, postfix `#`.
//! As in Excel, `-2^2` is 4.

use crate::ast::{
    BinOp, CellAddr, Formula, MAX_COL, MAX_ROW, Node, NodeId, RefKind, Reference, SheetRef,
    UnaryOp, array_value, error_node,
};
use crate::error::{ParseError, ParseErrorKind};
use crate::lexer::{Tok, Token, tokenize};
use crate::value::Value;

/// Longest formula text accepted, in bytes (Excel's limit is 8,192 characters).
pub const MAX_FORMULA_LEN: usize = 32_768;
/// Deepest nesting of operators, parentheses and calls.
pub const MAX_DEPTH: usize = 128;

/// Parses formula text (with or without its leading `=`).
///
/// # Errors
/// A [`ParseError`] with the byte offset (in the text without `=`) where the
/// problem was found.
pub fn parse(text: &str) -> Result<Formula, ParseError> {
    let src = text.strip_prefix('=').unwrap_or(text);
    if src.len() > MAX_FORMULA_LEN {
        return Err(ParseError {
            kind: ParseErrorKind::TooLong(MAX_FORMULA_LEN),
            pos: 0,
        });
    }
    let toks = tokenize(src)?;
    let mut p = Parser {
        toks,
        i: 0,
        depth: 0,
        end: src.len(),
        nodes: Vec::new(),
        args: Vec::new(),
    };
    p.skip_space();
    if p.i >= p.toks.len() {
        return Err(ParseError {
            kind: ParseErrorKind::Empty,
            pos: 0,
        });
    }
    let root = p.expr(0, false)?;
    p.skip_space();
    if let Some(t) = p.toks.get(p.i) {
        return Err(ParseError {
            kind: ParseErrorKind::Unexpected(describe(&t.tok)),
            pos: t.pos,
        });
    }
    Ok(Formula {
        nodes: p.nodes,
        args: p.args,
        root,
    })
}

fn describe(t: &Tok) -> String {
    match t {
        Tok::Number(n) => format!("number {n}"),
        Tok::Str(_) => "text".into(),
        Tok::Error(e) => format!("error {e}"),
        Tok::Word(w) => format!("name {w:?}"),
        Tok::Func(f) => format!("function {f:?}"),
        Tok::Rows(a, b) => format!("rows {a}:{b}"),
        Tok::Sheet(_) => "sheet prefix".into(),
        Tok::Structured(s) => format!("table reference {s:?}"),
        Tok::Op(o) => format!("{o:?}"),
        Tok::Space => "space".into(),
    }
}

struct Parser {
    toks: Vec<Token>,
    i: usize,
    depth: usize,
    end: usize,
    nodes: Vec<Node>,
    args: Vec<NodeId>,
}

/// Parses `$?LETTERS` into a 0-based column.
pub(crate) fn parse_col(s: &str) -> Option<(u32, bool)> {
    let (abs, s) = match s.strip_prefix('$') {
        Some(r) => (true, r),
        None => (false, s),
    };
    if s.is_empty() || s.len() > 3 || !s.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let mut n: u32 = 0;
    for b in s.bytes() {
        n = n * 26 + u32::from(b.to_ascii_uppercase() - b'A' + 1);
    }
    (n - 1 <= MAX_COL).then_some((n - 1, abs))
}

/// Parses `$?DIGITS` into a 0-based row.
fn parse_row(s: &str) -> Option<(u32, bool)> {
    let (abs, s) = match s.strip_prefix('$') {
        Some(r) => (true, r),
        None => (false, s),
    };
    if s.is_empty() || s.len() > 7 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u32 = s.parse().ok()?;
    (1..=MAX_ROW + 1).contains(&n).then(|| (n - 1, abs))
}

/// Parses `$?COL$?ROW`.
pub(crate) fn parse_cell(s: &str) -> Option<CellAddr> {
    let b = s.as_bytes();
    let mut i = usize::from(b.first() == Some(&b'$'));
    while i < b.len() && b[i].is_ascii_alphabetic() {
        i += 1;
    }
    let (col, col_abs) = parse_col(&s[..i])?;
    let (row, row_abs) = parse_row(&s[i..])?;
    Some(CellAddr {
        row,
        col,
        row_abs,
        col_abs,
    })
}

impl Parser {
    fn skip_space(&mut self) {
        while matches!(
            self.toks.get(self.i),
            Some(Token {
                tok: Tok::Space,
                ..
            })
        ) {
            self.i += 1;
        }
    }

    fn peek(&mut self) -> Option<&Tok> {
        self.skip_space();
        self.toks.get(self.i).map(|t| &t.tok)
    }

    fn pos(&self) -> usize {
        self.toks.get(self.i).map_or(self.end, |t| t.pos)
    }

    fn err(&self, kind: ParseErrorKind) -> ParseError {
        ParseError {
            kind,
            pos: self.pos(),
        }
    }

    fn unexpected(&mut self) -> ParseError {
        self.skip_space();
        match self.toks.get(self.i) {
            Some(t) => ParseError {
                kind: ParseErrorKind::Unexpected(describe(&t.tok)),
                pos: t.pos,
            },
            None => self.err(ParseErrorKind::UnexpectedEnd),
        }
    }

    fn push(&mut self, n: Node) -> NodeId {
        self.nodes.push(n);
        u32::try_from(self.nodes.len() - 1).unwrap_or(u32::MAX)
    }

    fn expect_op(&mut self, op: &'static str) -> Result<(), ParseError> {
        if self.peek() == Some(&Tok::Op(op)) {
            self.i += 1;
            Ok(())
        } else {
            Err(self.unexpected())
        }
    }

    /// True when the token at `i` (no spaces skipped) can start an operand of the intersection operator.
    fn starts_reference(&self, i: usize) -> bool {
        matches!(
            self.toks.get(i).map(|t| &t.tok),
            Some(Tok::Word(_) | Tok::Sheet(_) | Tok::Rows(..) | Tok::Func(_) | Tok::Op("(")),
        )
    }

    fn expr(&mut self, min_bp: u8, union: bool) -> Result<NodeId, ParseError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.err(ParseErrorKind::TooDeep(MAX_DEPTH)));
        }
        let mut lhs = self.prefix(union)?;
        loop {
            // Intersection: a space between two references.
            if matches!(
                self.toks.get(self.i),
                Some(Token {
                    tok: Tok::Space,
                    ..
                })
            ) && self.starts_reference(self.i + 1)
            {
                let (l, r) = (17, 18);
                if l < min_bp {
                    break;
                }
                self.i += 1;
                let rhs = self.expr(r, union)?;
                lhs = self.push(Node::Binary(BinOp::Intersect, lhs, rhs));
                continue;
            }
            // A call of the lambda a call yields: `LAMBDA(x,x*2)(5)` (no space before `(`).
            if matches!(self.toks.get(self.i).map(|t| &t.tok), Some(Tok::Op("(")))
                && matches!(
                    self.nodes.get(lhs as usize),
                    Some(Node::Call { .. } | Node::Apply { .. })
                )
            {
                self.i += 1;
                let (first, len) = self.arg_list()?;
                lhs = self.push(Node::Apply {
                    callee: lhs,
                    first,
                    len,
                });
                continue;
            }
            let Some(Tok::Op(op)) = self.peek().cloned() else {
                break;
            };
            let (op, l, r) = match op {
                "," if union => (BinOp::Union, 1, 2),
                "=" => (BinOp::Eq, 3, 4),
                "<>" => (BinOp::Ne, 3, 4),
                "<" => (BinOp::Lt, 3, 4),
                "<=" => (BinOp::Le, 3, 4),
                ">" => (BinOp::Gt, 3, 4),
                ">=" => (BinOp::Ge, 3, 4),
                "&" => (BinOp::Concat, 5, 6),
                "+" => (BinOp::Add, 7, 8),
                "-" => (BinOp::Sub, 7, 8),
                "*" => (BinOp::Mul, 9, 10),
                "/" => (BinOp::Div, 9, 10),
                "^" => (BinOp::Pow, 11, 12),
                "%" => {
                    if 15 < min_bp {
                        break;
                    }
                    self.i += 1;
                    lhs = self.push(Node::Unary(UnaryOp::Percent, lhs));
                    continue;
                }
                "#" => {
                    if 21 < min_bp {
                        break;
                    }
                    self.i += 1;
                    lhs = self.push(Node::Unary(UnaryOp::Spill, lhs));
                    continue;
                }
                ":" => (BinOp::Range, 19, 20),
                _ => break,
            };
            if l < min_bp {
                break;
            }
            self.i += 1;
            let rhs = self.expr(r, union)?;
            lhs = if op == BinOp::Range {
                self.range(lhs, rhs)
            } else {
                self.push(Node::Binary(op, lhs, rhs))
            };
        }
        self.depth -= 1;
        Ok(lhs)
    }

    /// `A1:B2` between two plain cell references folds into one area.
    fn range(&mut self, lhs: NodeId, rhs: NodeId) -> NodeId {
        if let (Node::Ref(a), Node::Ref(b)) = (&self.nodes[lhs as usize], &self.nodes[rhs as usize])
            && let (RefKind::Cell(x), RefKind::Cell(y)) = (a.kind, b.kind)
            && (b.sheet == SheetRef::Current || b.sheet == a.sheet)
            && rhs as usize == self.nodes.len() - 1
            && lhs as usize == self.nodes.len() - 2
        {
            let sheet = a.sheet.clone();
            self.nodes.truncate(lhs as usize);
            return self.push(Node::Ref(Reference {
                sheet,
                kind: RefKind::Area(x, y),
            }));
        }
        self.push(Node::Binary(BinOp::Range, lhs, rhs))
    }

    fn prefix(&mut self, union: bool) -> Result<NodeId, ParseError> {
        let Some(tok) = self.peek().cloned() else {
            return Err(self.err(ParseErrorKind::UnexpectedEnd));
        };
        let start = self.i;
        self.i += 1;
        match tok {
            Tok::Number(n) => Ok(self.push(Node::Literal(Value::Number(n)))),
            Tok::Str(s) => Ok(self.push(Node::Literal(Value::text(s)))),
            Tok::Error(e) => Ok(self.push(error_node(e))),
            Tok::Op("-") => {
                let a = self.expr(13, union)?;
                Ok(self.push(Node::Unary(UnaryOp::Neg, a)))
            }
            Tok::Op("+") => {
                let a = self.expr(13, union)?;
                Ok(self.push(Node::Unary(UnaryOp::Plus, a)))
            }
            Tok::Op("@") => {
                let a = self.expr(19, union)?;
                Ok(self.push(Node::Unary(UnaryOp::Implicit, a)))
            }
            Tok::Op("(") => {
                let inner = self.expr(0, true)?;
                self.expect_op(")")?;
                Ok(inner)
            }
            Tok::Op("{") => self.array(),
            Tok::Func(name) => self.call(&name),
            Tok::Structured(s) => Ok(self.push(Node::Structured(s.into()))),
            Tok::Word(w) => self.word(SheetRef::Current, &w, start),
            Tok::Rows(a, b) => self.rows(SheetRef::Current, &a, &b, start),
            Tok::Sheet(sheet) => {
                // No spaces between a sheet prefix and its reference.
                let next = self.toks.get(self.i).map(|t| t.tok.clone());
                self.i += 1;
                match next {
                    Some(Tok::Word(w)) => self.word(sheet, &w, start),
                    Some(Tok::Rows(a, b)) => self.rows(sheet, &a, &b, start),
                    Some(Tok::Number(n)) if n.fract() == 0.0 => {
                        // `Sheet1!1:1` where the row range did not lex as one token.
                        Err(ParseError {
                            kind: ParseErrorKind::BadReference(format!("{n}")),
                            pos: self.toks[start].pos,
                        })
                    }
                    Some(Tok::Error(e)) => Ok(self.push(error_node(e))),
                    _ => {
                        self.i -= 1;
                        Err(self.unexpected())
                    }
                }
            }
            _ => {
                self.i = start;
                Err(self.unexpected())
            }
        }
    }

    fn word(&mut self, sheet: SheetRef, w: &str, start: usize) -> Result<NodeId, ParseError> {
        if sheet == SheetRef::Current {
            if w.eq_ignore_ascii_case("TRUE") {
                return Ok(self.push(Node::Literal(Value::Bool(true))));
            }
            if w.eq_ignore_ascii_case("FALSE") {
                return Ok(self.push(Node::Literal(Value::Bool(false))));
            }
        }
        if let Some(a) = parse_cell(w) {
            return Ok(self.push(Node::Ref(Reference {
                sheet,
                kind: RefKind::Cell(a),
            })));
        }
        // Whole columns: `A:C` (no spaces around the colon).
        if let Some((c1, a1)) = parse_col(w)
            && matches!(self.toks.get(self.i).map(|t| &t.tok), Some(Tok::Op(":")))
            && let Some(Tok::Word(w2)) = self.toks.get(self.i + 1).map(|t| &t.tok)
            && let Some((c2, a2)) = parse_col(w2)
        {
            self.i += 2;
            let kind = RefKind::Cols {
                first: c1.min(c2),
                last: c1.max(c2),
                abs: (a1, a2),
            };
            return Ok(self.push(Node::Ref(Reference { sheet, kind })));
        }
        let bad = w.starts_with('$')
            || w.chars()
                .next()
                .is_some_and(|c| c.is_ascii_digit() || c == '.' || c == '?');
        if bad {
            return Err(ParseError {
                kind: ParseErrorKind::BadReference(w.to_owned()),
                pos: self.toks[start].pos,
            });
        }
        let name = strip_prefixes(w);
        let sheet = match sheet {
            SheetRef::Current => None,
            SheetRef::Named(s) => Some(s),
            SheetRef::Span(..) => {
                return Err(ParseError {
                    kind: ParseErrorKind::BadReference(w.to_owned()),
                    pos: self.toks[start].pos,
                });
            }
        };
        Ok(self.push(Node::Name {
            sheet,
            name: name.into(),
        }))
    }

    fn rows(
        &mut self,
        sheet: SheetRef,
        a: &str,
        b: &str,
        start: usize,
    ) -> Result<NodeId, ParseError> {
        let bad = || ParseError {
            kind: ParseErrorKind::BadReference(format!("{a}:{b}")),
            pos: self.toks[start].pos,
        };
        let (r1, a1) = parse_row(a).ok_or_else(bad)?;
        let (r2, a2) = parse_row(b).ok_or_else(bad)?;
        let kind = RefKind::Rows {
            first: r1.min(r2),
            last: r1.max(r2),
            abs: (a1, a2),
        };
        Ok(self.push(Node::Ref(Reference { sheet, kind })))
    }

    fn call(&mut self, raw: &str) -> Result<NodeId, ParseError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.err(ParseErrorKind::TooDeep(MAX_DEPTH)));
        }
        let name = strip_prefixes(raw).to_ascii_uppercase();
        let func = crate::functions::index_of(&name);
        let (first, len) = self.arg_list()?;
        self.depth -= 1;
        Ok(self.push(Node::Call {
            name: name.into(),
            func,
            first,
            len,
        }))
    }

    /// The arguments of a call after its `(`, through the closing `)`:
    /// their `first` index into the argument list and their number.
    fn arg_list(&mut self) -> Result<(u32, u32), ParseError> {
        let mut list = Vec::new();
        if self.peek() == Some(&Tok::Op(")")) {
            self.i += 1;
        } else {
            loop {
                let arg = match self.peek() {
                    Some(Tok::Op("," | ")")) => self.push(Node::Missing),
                    _ => self.expr(0, false)?,
                };
                list.push(arg);
                match self.peek() {
                    Some(Tok::Op(",")) => self.i += 1,
                    Some(Tok::Op(")")) => {
                        self.i += 1;
                        break;
                    }
                    _ => return Err(self.unexpected()),
                }
            }
        }
        let first = u32::try_from(self.args.len()).unwrap_or(u32::MAX);
        let len = u32::try_from(list.len()).unwrap_or(u32::MAX);
        self.args.extend(list);
        Ok((first, len))
    }

    fn array(&mut self) -> Result<NodeId, ParseError> {
        let mut rows: Vec<Vec<Value>> = vec![Vec::new()];
        loop {
            let v = self.array_item()?;
            if let Some(r) = rows.last_mut() {
                r.push(v);
            }
            match self.peek() {
                Some(Tok::Op(",")) => self.i += 1,
                Some(Tok::Op(";")) => {
                    self.i += 1;
                    rows.push(Vec::new());
                }
                Some(Tok::Op("}")) => {
                    self.i += 1;
                    break;
                }
                _ => return Err(self.unexpected()),
            }
        }
        let cols = rows[0].len();
        if rows.iter().any(|r| r.len() != cols) {
            return Err(self.err(ParseErrorKind::BadArray));
        }
        let n = rows.len();
        let items = rows.into_iter().flatten().collect();
        Ok(self.push(Node::Literal(array_value(n, cols, items))))
    }

    fn array_item(&mut self) -> Result<Value, ParseError> {
        let neg = match self.peek() {
            Some(Tok::Op("-")) => {
                self.i += 1;
                true
            }
            Some(Tok::Op("+")) => {
                self.i += 1;
                false
            }
            _ => false,
        };
        let v = match self.peek().cloned() {
            Some(Tok::Number(n)) => Value::Number(if neg { -n } else { n }),
            Some(Tok::Str(s)) if !neg => Value::text(s),
            Some(Tok::Error(e)) if !neg => Value::Error(e),
            Some(Tok::Word(w)) if !neg && w.eq_ignore_ascii_case("TRUE") => Value::Bool(true),
            Some(Tok::Word(w)) if !neg && w.eq_ignore_ascii_case("FALSE") => Value::Bool(false),
            None => return Err(self.err(ParseErrorKind::UnexpectedEnd)),
            Some(_) => return Err(self.err(ParseErrorKind::BadArray)),
        };
        self.i += 1;
        Ok(v)
    }
}

/// Removes the `_xlfn.`, `_xlws.` and `_xlpm.` prefixes Excel writes in files.
pub fn strip_prefixes(name: &str) -> &str {
    let mut n = name;
    loop {
        let lower = n.get(..6).map(str::to_ascii_lowercase);
        match lower.as_deref() {
            Some("_xlfn." | "_xlws." | "_xlpm.") => n = &n[6..],
            _ => return n,
        }
    }
}
