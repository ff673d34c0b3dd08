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
    Item {
        ordered: bool,
        level: u8,
        list: usize,
        spans: Vec<Span>,
    },
    Table {
        align: Vec<Align>,
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

/// Parse a Markdown document.
#[expect(
    clippy::too_many_lines,
    reason = "one line-driven state machine; to be split by block kind"
)]
pub(crate) fn parse(md: &str) -> Parsed {
    let lines: Vec<&str> = md.lines().collect();
    let mut blocks = Vec::new();
    let mut notes = Vec::new();
    let mut para: Vec<&str> = Vec::new();
    let mut indents: Vec<usize> = Vec::new();
    let mut lists = 0usize;
    let mut in_list = false;
    let mut last_ordered: Option<bool> = None;
    let flush = |para: &mut Vec<&str>, blocks: &mut Vec<Block>| {
        if !para.is_empty() {
            blocks.push(Block::Para(inline(&para.join(" "))));
            para.clear();
        }
    };
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let t = line.trim();
        if t.is_empty() {
            flush(&mut para, &mut blocks);
            // A blank line ends a list unless a list item follows.
            if lines.get(i + 1).is_none_or(|l| list_marker(l).is_none()) {
                in_list = false;
                indents.clear();
            }
            i += 1;
            continue;
        }
        if let Some(fence) = t.strip_prefix("```") {
            let _ = fence;
            flush(&mut para, &mut blocks);
            let mut code = Vec::new();
            i += 1;
            while i < lines.len() && !lines[i].trim_start().starts_with("```") {
                code.push(lines[i].to_owned());
                i += 1;
            }
            blocks.push(Block::Code(code));
            i += 1;
            continue;
        }
        if t.starts_with('#') {
            let level = t.bytes().take_while(|&b| b == b'#').count();
            if level <= 6 && t.as_bytes().get(level) == Some(&b' ') {
                flush(&mut para, &mut blocks);
                let level = u8::try_from(level).unwrap_or(6);
                blocks.push(Block::Heading(
                    level,
                    inline(t[usize::from(level)..].trim()),
                ));
                i += 1;
                continue;
            }
        }
        if t == "\\pagebreak" || t == "<!-- pagebreak -->" {
            flush(&mut para, &mut blocks);
            blocks.push(Block::PageBreak);
            i += 1;
            continue;
        }
        if t == "[TOC]" {
            flush(&mut para, &mut blocks);
            blocks.push(Block::Toc);
            i += 1;
            continue;
        }
        if let Some(def) = t.strip_prefix("[^").and_then(|r| r.split_once("]:")) {
            flush(&mut para, &mut blocks);
            notes.push((def.0.to_owned(), inline(def.1.trim())));
            i += 1;
            continue;
        }
        if let Some(q) = t.strip_prefix('>') {
            flush(&mut para, &mut blocks);
            blocks.push(Block::Quote(inline(q.trim())));
            i += 1;
            continue;
        }
        if t.starts_with('|') && lines.get(i + 1).is_some_and(|l| is_separator(l)) {
            flush(&mut para, &mut blocks);
            let align = table_cells(lines[i + 1])
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
            i += 2;
            while i < lines.len() && lines[i].trim().starts_with('|') {
                rows.push(table_cells(lines[i]).iter().map(|c| inline(c)).collect());
                i += 1;
            }
            blocks.push(Block::Table { align, rows });
            continue;
        }
        if let Some(img) = image(line) {
            flush(&mut para, &mut blocks);
            blocks.push(img);
            i += 1;
            continue;
        }
        if let Some((indent, ordered, rest)) = list_marker(line) {
            flush(&mut para, &mut blocks);
            // A new list starts after other content, or where bullets and numbers switch at the top level.
            let switched = indent == 0 && last_ordered.is_some_and(|o| o != ordered);
            if !in_list || switched {
                lists += 1;
                in_list = true;
            }
            if indent == 0 {
                last_ordered = Some(ordered);
            }
            while indents.last().is_some_and(|&l| indent < l) {
                indents.pop();
            }
            if indents.last().is_none_or(|&l| indent > l) {
                indents.push(indent);
            }
            let level = u8::try_from(indents.len().saturating_sub(1).min(8)).unwrap_or(8);
            blocks.push(Block::Item {
                ordered,
                level,
                list: lists,
                spans: inline(rest.trim()),
            });
            i += 1;
            continue;
        }
        if in_list && line.starts_with("  ") {
            // A continuation line of the last list item.
            if let Some(Block::Item { spans, .. }) = blocks.last_mut() {
                spans.push(Span {
                    text: " ".into(),
                    ..Span::default()
                });
                spans.extend(inline(t));
                i += 1;
                continue;
            }
        }
        in_list = false;
        indents.clear();
        para.push(t);
        i += 1;
    }
    flush(&mut para, &mut blocks);
    Parsed { blocks, notes }
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
                Block::Table { rows, align } => {
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
