//! A small Markdown reader for `docx create`: the subset documents need.
//!
//! Blocks: ATX headings, paragraphs, nested bullet and numbered lists, pipe
//! tables (alignment row honoured), fenced code, block quotes, standalone
//! images `![alt](src){width=8cm}`, `\pagebreak`, `[TOC]`, footnote
//! definitions `[^id]: text`. Inline: `**bold**`, `*italic*`/`_italic_`,
//! `` `code` ``, `[text](url)`, `[^id]` footnote references, `\` escapes.

/// A run of text with its formatting.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Span {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    pub code: bool,
    pub link: Option<String>,
    pub footnote: Option<String>,
}

/// Column alignment of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Block {
    Heading(u8, Vec<Span>),
    Para(Vec<Span>),
    /// A paragraph with a template style and alignment (from JSON outlines).
    Styled {
        style: Option<String>,
        align: Option<Align>,
        spans: Vec<Span>,
    },
    Item {
        ordered: bool,
        level: u8,
        list: usize,
        spans: Vec<Span>,
    },
    Table {
        align: Vec<Align>,
        /// Column widths in centimetres; `None` shares the rest equally.
        widths_cm: Vec<Option<f64>>,
        /// The first row is a header row (bold, repeated on each page).
        header: bool,
        rows: Vec<Vec<Vec<Span>>>,
    },
    Code(Vec<String>),
    Quote(Vec<Span>),
    Image {
        alt: String,
        src: String,
        width_cm: Option<f64>,
    },
    PageBreak,
    Toc,
}

pub(crate) struct Parsed {
    pub blocks: Vec<Block>,
    /// Footnote definitions in order of appearance: (label, text).
    pub notes: Vec<(String, Vec<Span>)>,
}

fn list_marker(line: &str) -> Option<(usize, bool, &str)> {
    let indent = line.len() - line.trim_start().len();
    let t = line.trim_start();
    for m in ["- ", "* ", "+ "] {
        if let Some(rest) = t.strip_prefix(m) {
            return Some((indent, false, rest));
        }
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && digits < 10 {
        let rest = &t[digits..];
        if let Some(r) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return Some((indent, true, r));
        }
    }
    None
}

fn table_cells(line: &str) -> Vec<String> {
    let t = line.trim().trim_start_matches('|');
    let t = t.strip_suffix('|').unwrap_or(t);
    let mut cells = vec![String::new()];
    let mut chars = t.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cells.last_mut().expect("one cell").push('|');
                chars.next();
            }
            '|' => cells.push(String::new()),
            c => cells.last_mut().expect("one cell").push(c),
        }
    }
    cells.into_iter().map(|c| c.trim().to_owned()).collect()
}

fn is_separator(line: &str) -> bool {
    let cells = table_cells(line);
    !cells.is_empty()
        && cells.iter().all(|c| {
            let c = c.trim_matches(':');
            !c.is_empty() && c.chars().all(|x| x == '-')
        })
}

fn image(line: &str) -> Option<Block> {
    let t = line.trim();
    let rest = t.strip_prefix("![")?;
    let (alt, rest) = rest.split_once("](")?;
    let (src, rest) = rest.split_once(')')?;
    let rest = rest.trim();
    let width_cm = if rest.is_empty() {
        None
    } else {
        let w = rest.strip_prefix("{width=")?.strip_suffix('}')?;
        Some(if let Some(cm) = w.strip_suffix("cm") {
            cm.trim().parse().ok()?
        } else if let Some(inch) = w.strip_suffix("in") {
            inch.trim().parse::<f64>().ok()? * 2.54
        } else {
            return None;
        })
    };
    Some(Block::Image {
        alt: alt.to_owned(),
        src: src.trim().to_owned(),
        width_cm,
    })
}

/// The state of the line-driven block parser.
struct Parser<'a> {
    lines: Vec<&'a str>,
    i: usize,
    blocks: Vec<Block>,
    notes: Vec<(String, Vec<Span>)>,
    para: Vec<&'a str>,
    /// Indents of the open list levels.
    indents: Vec<usize>,
    lists: usize,
    in_list: bool,
    last_ordered: Option<bool>,
}

/// Parse a Markdown document.
pub(crate) fn parse(md: &str) -> Parsed {
    let mut p = Parser {
        lines: md.lines().collect(),
        i: 0,
        blocks: Vec::new(),
        notes: Vec::new(),
        para: Vec::new(),
        indents: Vec::new(),
        lists: 0,
        in_list: false,
        last_ordered: None,
    };
    while p.i < p.lines.len() {
        let line = p.lines[p.i];
        let handled = p.blank(line)
            || p.fence(line)
            || p.single_line(line)
            || p.table(line)
            || p.list_item(line)
            || p.continuation(line);
        if !handled {
            p.in_list = false;
            p.indents.clear();
            p.para.push(line.trim());
            p.i += 1;
        }
    }
    p.flush();
    Parsed {
        blocks: p.blocks,
        notes: p.notes,
    }
}

impl<'a> Parser<'a> {
    fn flush(&mut self) {
        if !self.para.is_empty() {
            self.blocks.push(Block::Para(inline(&self.para.join(" "))));
            self.para.clear();
        }
    }

    /// A block that takes exactly this line.
    fn push_line(&mut self, b: Block) -> bool {
        self.flush();
        self.blocks.push(b);
        self.i += 1;
        true
    }

    fn blank(&mut self, line: &str) -> bool {
        if !line.trim().is_empty() {
            return false;
        }
        self.flush();
        // A blank line ends a list unless a list item follows.
        if self
            .lines
            .get(self.i + 1)
            .is_none_or(|l| list_marker(l).is_none())
        {
            self.in_list = false;
            self.indents.clear();
        }
        self.i += 1;
        true
    }

    fn fence(&mut self, line: &str) -> bool {
        if !line.trim().starts_with("```") {
            return false;
        }
        self.flush();
        let mut code = Vec::new();
        self.i += 1;
        while self.i < self.lines.len() && !self.lines[self.i].trim_start().starts_with("```") {
            code.push(self.lines[self.i].to_owned());
            self.i += 1;
        }
        self.blocks.push(Block::Code(code));
        self.i += 1;
        true
    }

    /// Headings, page breaks, `[TOC]`, footnote definitions, quotes and images.
    fn single_line(&mut self, line: &str) -> bool {
        let t = line.trim();
        if t.starts_with('#') {
            let level = t.bytes().take_while(|&b| b == b'#').count();
            if level <= 6 && t.as_bytes().get(level) == Some(&b' ') {
                let spans = inline(t[level..].trim());
                return self.push_line(Block::Heading(u8::try_from(level).unwrap_or(6), spans));
            }
        }
        if t == "\\pagebreak" || t == "<!-- pagebreak -->" {
            return self.push_line(Block::PageBreak);
        }
        if t == "[TOC]" {
            return self.push_line(Block::Toc);
        }
        if let Some((label, text)) = t.strip_prefix("[^").and_then(|r| r.split_once("]:")) {
            self.flush();
            self.notes.push((label.to_owned(), inline(text.trim())));
            self.i += 1;
            return true;
        }
        if let Some(q) = t.strip_prefix('>') {
            return self.push_line(Block::Quote(inline(q.trim())));
        }
        if let Some(img) = image(line) {
            return self.push_line(img);
        }
        false
    }

    fn table(&mut self, line: &str) -> bool {
        let is_table = line.trim().starts_with('|')
            && self.lines.get(self.i + 1).is_some_and(|l| is_separator(l));
        if !is_table {
            return false;
        }
        self.flush();
        let align: Vec<Align> = table_cells(self.lines[self.i + 1])
            .iter()
            .map(|c| match (c.starts_with(':'), c.ends_with(':')) {
                (true, true) => Align::Center,
                (false, true) => Align::Right,
                _ => Align::Left,
            })
            .collect();
        let mut rows = vec![
            table_cells(line)
                .iter()
                .map(|c| inline(c))
                .collect::<Vec<_>>(),
        ];
        self.i += 2;
        while self.i < self.lines.len() && self.lines[self.i].trim().starts_with('|') {
            rows.push(
                table_cells(self.lines[self.i])
                    .iter()
                    .map(|c| inline(c))
                    .collect(),
            );
            self.i += 1;
        }
        self.blocks.push(Block::Table {
            widths_cm: vec![None; align.len()],
            align,
            header: true,
            rows,
        });
        true
    }

    fn list_item(&mut self, line: &'a str) -> bool {
        let Some((indent, ordered, rest)) = list_marker(line) else {
            return false;
        };
        self.flush();
        // A new list starts after other content, or where bullets and numbers switch at the top level.
        let switched = indent == 0 && self.last_ordered.is_some_and(|o| o != ordered);
        if !self.in_list || switched {
            self.lists += 1;
            self.in_list = true;
        }
        if indent == 0 {
            self.last_ordered = Some(ordered);
        }
        while self.indents.last().is_some_and(|&l| indent < l) {
            self.indents.pop();
        }
        if self.indents.last().is_none_or(|&l| indent > l) {
            self.indents.push(indent);
        }
        let level = u8::try_from(self.indents.len().saturating_sub(1).min(8)).unwrap_or(8);
        self.push_line(Block::Item {
            ordered,
            level,
            list: self.lists,
            spans: inline(rest.trim()),
        })
    }

    /// A continuation line of the last list item.
    fn continuation(&mut self, line: &str) -> bool {
        if !(self.in_list && line.starts_with("  ")) {
            return false;
        }
        let Some(Block::Item { spans, .. }) = self.blocks.last_mut() else {
            return false;
        };
        spans.push(Span {
            text: " ".into(),
            ..Span::default()
        });
        spans.extend(inline(line.trim()));
        self.i += 1;
        true
    }
}

/// Inline Markdown to spans.
pub(crate) fn inline(s: &str) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    let (mut bold, mut italic) = (false, false);
    let mut buf = String::new();
    let chars: Vec<char> = s.chars().collect();
    let flush = |buf: &mut String, out: &mut Vec<Span>, bold: bool, italic: bool| {
        if !buf.is_empty() {
            out.push(Span {
                text: std::mem::take(buf),
                bold,
                italic,
                ..Span::default()
            });
        }
    };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        match c {
            '\\' if next.is_some_and(|n| n.is_ascii_punctuation()) => {
                buf.push(next.unwrap_or_default());
                i += 2;
            }
            '*' if next == Some('*') => {
                flush(&mut buf, &mut out, bold, italic);
                bold = !bold;
                i += 2;
            }
            '*' | '_' if italic || chars[i + 1..].contains(&c) => {
                // `_` inside a word (snake_case) stays text.
                let inside_word = c == '_'
                    && i > 0
                    && chars[i - 1].is_alphanumeric()
                    && next.is_some_and(char::is_alphanumeric);
                if inside_word {
                    buf.push(c);
                } else {
                    flush(&mut buf, &mut out, bold, italic);
                    italic = !italic;
                }
                i += 1;
            }
            '`' => {
                if let Some(end) = chars[i + 1..].iter().position(|&x| x == '`') {
                    flush(&mut buf, &mut out, bold, italic);
                    let code: String = chars[i + 1..i + 1 + end].iter().collect();
                    out.push(Span {
                        text: code,
                        bold,
                        italic,
                        code: true,
                        ..Span::default()
                    });
                    i += end + 2;
                } else {
                    buf.push(c);
                    i += 1;
                }
            }
            '[' => {
                let rest: String = chars[i..].iter().collect();
                if let Some(label) = rest
                    .strip_prefix("[^")
                    .and_then(|r| r.split_once(']'))
                    .map(|(l, _)| l.to_owned())
                {
                    flush(&mut buf, &mut out, bold, italic);
                    out.push(Span {
                        footnote: Some(label.clone()),
                        ..Span::default()
                    });
                    i += label.chars().count() + 3;
                } else if let Some((text, url)) = rest[1..]
                    .split_once("](")
                    .and_then(|(t, r)| r.split_once(')').map(|(u, _)| (t.to_owned(), u.to_owned())))
                {
                    flush(&mut buf, &mut out, bold, italic);
                    out.push(Span {
                        text: text.clone(),
                        bold,
                        italic,
                        link: Some(url.clone()),
                        ..Span::default()
                    });
                    i += text.chars().count() + url.chars().count() + 4;
                } else {
                    buf.push(c);
                    i += 1;
                }
            }
            c => {
                buf.push(c);
                i += 1;
            }
        }
    }
    flush(&mut buf, &mut out, bold, italic);
    out
}

#[cfg(test)]
mod tests {
    use super::{Block, inline, parse};

    #[test]
    fn inline_markup() {
        let spans = inline("a **b** *c* `d` [e](http://x) f[^1] snake_case \\*");
        let shown: Vec<String> = spans
            .iter()
            .map(|s| {
                format!(
                    "{:?}{}{}{}{}{}",
                    s.text,
                    if s.bold { "B" } else { "" },
                    if s.italic { "I" } else { "" },
                    if s.code { "C" } else { "" },
                    s.link.as_deref().unwrap_or(""),
                    s.footnote.as_deref().unwrap_or("")
                )
            })
            .collect();
        assert_eq!(
            shown,
            [
                "\"a \"",
                "\"b\"B",
                "\" \"",
                "\"c\"I",
                "\" \"",
                "\"d\"C",
                "\" \"",
                "\"e\"http://x",
                "\" f\"",
                "\"\"1",
                "\" snake_case *\""
            ]
        );
    }

    #[test]
    fn blocks_and_lists() {
        let p = parse(
            "# T\n\npara\nline two\n\n- a\n  - b\n- c\n\n1. x\n2. y\n\n| h | i |\n|:-:|--:|\n| 1 | 2 |\n\n\\pagebreak\n[^1]: note\n",
        );
        let kinds: Vec<String> = p
            .blocks
            .iter()
            .map(|b| match b {
                Block::Heading(l, _) => format!("H{l}"),
                Block::Para(s) => format!(
                    "P:{}",
                    s.iter().map(|x| x.text.as_str()).collect::<String>()
                ),
                Block::Item {
                    ordered,
                    level,
                    list,
                    ..
                } => format!("I{ordered}{level}/{list}"),
                Block::Table { rows, align, .. } => {
                    format!("T{}x{}{align:?}", rows.len(), rows[0].len())
                }
                other => format!("{other:?}"),
            })
            .collect();
        assert_eq!(
            kinds,
            [
                "H1",
                "P:para line two",
                "Ifalse0/1",
                "Ifalse1/1",
                "Ifalse0/1",
                "Itrue0/2",
                "Itrue0/2",
                "T2x2[Center, Right]",
                "PageBreak"
            ]
        );
        assert_eq!(p.notes.len(), 1);
    }
}
