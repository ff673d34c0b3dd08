//! Splits formula text into tokens. References are recognised here only as
//! far as their sheet prefix; the parser decides what a word means.

use crate::ast::SheetRef;
use crate::error::{ParseError, ParseErrorKind};
use crate::value::ErrorKind;

/// One token and the byte offset where it starts.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Token {
    pub tok: Tok,
    pub pos: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Tok {
    Number(f64),
    Str(String),
    Error(ErrorKind),
    /// A run of name characters: cell address, column, name, TRUE/FALSE.
    Word(String),
    /// A word directly followed by `(`; the parenthesis is part of the token.
    Func(String),
    /// Whole rows such as `1:3` or `$2:$2` (text of both sides).
    Rows(String, String),
    /// `Sheet1!`, `'My Sheet'!`, `Sheet1:Sheet3!`.
    Sheet(SheetRef),
    /// `Table1[Col]` or `[@Col]`, as written.
    Structured(String),
    /// An operator or punctuation character (`<=`, `>=` and `<>` are folded into one).
    Op(&'static str),
    /// One or more spaces (significant for the intersection operator).
    Space,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '.' | '\\' | '?' | '$')
}

pub(crate) fn tokenize(src: &str) -> Result<Vec<Token>, ParseError> {
    let mut lx = Lexer {
        src,
        pos: 0,
        out: Vec::new(),
    };
    lx.run()?;
    Ok(lx.out)
}

fn perr(kind: ParseErrorKind, pos: usize) -> ParseError {
    ParseError { kind, pos }
}

fn number_ahead(rest: &str) -> bool {
    let b = rest.as_bytes();
    b[0].is_ascii_digit() || (b[0] == b'.' && b.get(1).is_some_and(u8::is_ascii_digit))
}

struct Lexer<'a> {
    src: &'a str,
    pos: usize,
    out: Vec<Token>,
}

impl Lexer<'_> {
    fn rest(&self) -> &str {
        &self.src[self.pos..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn push(&mut self, tok: Tok, pos: usize) {
        self.out.push(Token { tok, pos });
    }

    fn run(&mut self) -> Result<(), ParseError> {
        while let Some(c) = self.peek() {
            let start = self.pos;
            match c {
                ' ' | '\t' | '\r' | '\n' => {
                    while self
                        .peek()
                        .is_some_and(|c| matches!(c, ' ' | '\t' | '\r' | '\n'))
                    {
                        self.pos += 1;
                    }
                    self.push(Tok::Space, start);
                }
                '"' => self.string()?,
                '\'' => self.quoted_sheet()?,
                '#' => self.hash(),
                '[' => self.bracket(start, String::new())?,
                '0'..='9' | '.' if self.rows_ahead().is_none() && number_ahead(self.rest()) => {
                    self.number()?;
                }
                _ if self.rows_ahead().is_some() => {
                    let (a, b, len) = self.rows_ahead().unwrap_or_default();
                    self.pos += len;
                    self.push(Tok::Rows(a, b), start);
                }
                c if is_word_char(c) => self.word()?,
                _ => self.op(c)?,
            }
        }
        Ok(())
    }

    /// `$?digits:$?digits` not followed by a name character.
    fn rows_ahead(&self) -> Option<(String, String, usize)> {
        let b = self.rest().as_bytes();
        let mut i = 0;
        let side = |i: &mut usize| -> Option<String> {
            let s = *i;
            if b.get(*i) == Some(&b'$') {
                *i += 1;
            }
            let d = *i;
            while b.get(*i).is_some_and(u8::is_ascii_digit) {
                *i += 1;
            }
            (*i > d).then(|| String::from_utf8_lossy(&b[s..*i]).into_owned())
        };
        let a = side(&mut i)?;
        if b.get(i) != Some(&b':') {
            return None;
        }
        i += 1;
        let c = side(&mut i)?;
        let next = self.rest()[i..].chars().next();
        if next.is_some_and(|c| is_word_char(c) || c == '!' || c == '(') {
            return None;
        }
        Some((a, c, i))
    }

    fn number(&mut self) -> Result<(), ParseError> {
        let start = self.pos;
        let b = self.src.as_bytes();
        let i = number_end(b, self.pos);
        let text = &self.src[start..i];
        let n: f64 = text
            .parse()
            .map_err(|_| perr(ParseErrorKind::BadNumber, start))?;
        if !n.is_finite() {
            return Err(perr(ParseErrorKind::BadNumber, start));
        }
        self.pos = i;
        self.push(Tok::Number(n), start);
        Ok(())
    }

    fn string(&mut self) -> Result<(), ParseError> {
        let start = self.pos;
        self.pos += 1;
        let mut s = String::new();
        loop {
            let Some(c) = self.peek() else {
                return Err(perr(ParseErrorKind::UnterminatedString, start));
            };
            self.pos += c.len_utf8();
            if c == '"' {
                if self.peek() == Some('"') {
                    self.pos += 1;
                    s.push('"');
                } else {
                    break;
                }
            } else {
                s.push(c);
            }
        }
        self.push(Tok::Str(s), start);
        Ok(())
    }

    fn quoted_sheet(&mut self) -> Result<(), ParseError> {
        let start = self.pos;
        self.pos += 1;
        let mut s = String::new();
        loop {
            let Some(c) = self.peek() else {
                return Err(perr(ParseErrorKind::UnterminatedSheetName, start));
            };
            self.pos += c.len_utf8();
            if c == '\'' {
                if self.peek() == Some('\'') {
                    self.pos += 1;
                    s.push('\'');
                } else {
                    break;
                }
            } else {
                s.push(c);
            }
        }
        if self.peek() != Some('!') {
            return Err(perr(ParseErrorKind::ExpectedBang, self.pos));
        }
        self.pos += 1;
        if s.starts_with('[') {
            return Err(perr(ParseErrorKind::ExternalReference, start));
        }
        let sheet = match s.split_once(':') {
            Some((a, b)) => SheetRef::Span(a.into(), b.into()),
            None => SheetRef::Named(s.into()),
        };
        self.push(Tok::Sheet(sheet), start);
        Ok(())
    }

    fn hash(&mut self) {
        let start = self.pos;
        let rest = self.rest();
        for k in ErrorKind::ALL {
            let t = k.as_str();
            if rest.len() >= t.len()
                && rest.is_char_boundary(t.len())
                && rest[..t.len()].eq_ignore_ascii_case(t)
            {
                self.pos += t.len();
                self.push(Tok::Error(k), start);
                return;
            }
        }
        self.pos += 1;
        self.push(Tok::Op("#"), start);
    }

    /// `[...]` with nested brackets; `prefix` is a table name already read.
    fn bracket(&mut self, start: usize, prefix: String) -> Result<(), ParseError> {
        let mut depth = 0usize;
        let mut s = prefix;
        let inner_start = self.pos;
        while let Some(c) = self.peek() {
            self.pos += c.len_utf8();
            s.push(c);
            match c {
                '\'' => {
                    // Escape character inside structured references.
                    if let Some(n) = self.peek() {
                        self.pos += n.len_utf8();
                        s.push(n);
                    }
                }
                '[' => depth += 1,
                ']' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                _ => {}
            }
        }
        if depth != 0 {
            return Err(perr(ParseErrorKind::UnterminatedBracket, start));
        }
        let inner = &self.src[inner_start..self.pos];
        // `[1]Sheet!A1`: a reference into another workbook.
        if s.len() == inner.len()
            && inner.len() > 2
            && inner[1..inner.len() - 1]
                .bytes()
                .all(|b| b.is_ascii_digit())
        {
            return Err(perr(ParseErrorKind::ExternalReference, start));
        }
        self.push(Tok::Structured(s), start);
        Ok(())
    }

    fn word(&mut self) -> Result<(), ParseError> {
        let start = self.pos;
        while self.peek().is_some_and(is_word_char) {
            self.pos += self.peek().map_or(1, char::len_utf8);
        }
        let w = self.src[start..self.pos].to_owned();
        match self.peek() {
            Some('!') => {
                self.pos += 1;
                self.push(Tok::Sheet(SheetRef::Named(w.into())), start);
            }
            Some('(') => {
                self.pos += 1;
                self.push(Tok::Func(w), start);
            }
            Some('[') => self.bracket(start, w)?,
            Some(':') => {
                // `Sheet1:Sheet3!` is a 3D prefix; otherwise `:` is the range operator.
                let after = &self.src[self.pos + 1..];
                let len = after
                    .chars()
                    .take_while(|&c| is_word_char(c))
                    .map(char::len_utf8)
                    .sum::<usize>();
                if len > 0 && after[len..].starts_with('!') {
                    let second = after[..len].to_owned();
                    self.pos += 1 + len + 1;
                    self.push(Tok::Sheet(SheetRef::Span(w.into(), second.into())), start);
                } else {
                    self.push(Tok::Word(w), start);
                }
            }
            _ => self.push(Tok::Word(w), start),
        }
        Ok(())
    }

    fn op(&mut self, c: char) -> Result<(), ParseError> {
        let start = self.pos;
        let two = self.rest().get(..2);
        let sym: &'static str = match (c, two) {
            (_, Some("<=")) => "<=",
            (_, Some(">=")) => ">=",
            (_, Some("<>")) => "<>",
            ('+', _) => "+",
            ('-', _) => "-",
            ('*', _) => "*",
            ('/', _) => "/",
            ('^', _) => "^",
            ('&', _) => "&",
            ('=', _) => "=",
            ('<', _) => "<",
            ('>', _) => ">",
            ('%', _) => "%",
            (':', _) => ":",
            (',', _) => ",",
            (';', _) => ";",
            ('(', _) => "(",
            (')', _) => ")",
            ('{', _) => "{",
            ('}', _) => "}",
            ('@', _) => "@",
            _ => return Err(perr(ParseErrorKind::UnexpectedChar(c), start)),
        };
        self.pos += sym.len();
        self.push(Tok::Op(sym), start);
        Ok(())
    }
}

/// End of the number starting at `i`: digits and dots, then an exponent if one follows.
pub(crate) fn number_end(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'.') {
        i += 1;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        let mut j = i + 1;
        if j < b.len() && (b[j] == b'+' || b[j] == b'-') {
            j += 1;
        }
        if j < b.len() && b[j].is_ascii_digit() {
            while j < b.len() && b[j].is_ascii_digit() {
                j += 1;
            }
            i = j;
        }
    }
    i
}
