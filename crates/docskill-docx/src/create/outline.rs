//! `docx create` from JSON: a document outline for programs that already hold
//! structured content. Text fields take inline Markdown (`**bold**`, `*italic*`,
//! `` `code` ``, `[link](url)`, `[^note]`) or an explicit array of runs.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::parse::{self, Align, Block, Span};

/// A whole document: blocks in order, plus header, footer and footnotes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Outline {
    /// Page header text on every page; `{page}` and `{pages}` become page-number
    /// fields, tabs split it into left, centre and right parts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header: Option<String>,
    /// Page footer text, like `header`, e.g. `"Page {page} of {pages}"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub footer: Option<String>,
    /// The body, one-key objects in order.
    pub blocks: Vec<OutlineBlock>,
    /// Footnote texts by label; text refers to them as `[^label]`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub footnotes: BTreeMap<String, Text>,
}

/// Text: a string of inline Markdown, or explicit runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Text {
    /// Inline Markdown.
    Markdown(String),
    /// Runs with their own formatting.
    Runs(Vec<Run>),
}

/// A run of text with formatting.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Run {
    /// The text, taken literally (no Markdown).
    #[serde(default)]
    pub text: String,
    /// Bold.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub bold: bool,
    /// Italic.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub italic: bool,
    /// Monospace (the template's code style).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub code: bool,
    /// A hyperlink target: a URL, or `#bookmark`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// A footnote reference by label (the run's text is ignored).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub footnote: Option<String>,
}

/// Paragraph or column alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Alignment {
    /// Left (the default).
    Left,
    /// Centred.
    Center,
    /// Right.
    Right,
}

/// One block of the body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum OutlineBlock {
    /// `{"heading": {"text": "Scope", "level": 1}}`.
    Heading(Heading),
    /// `{"paragraph": {"text": "Body with **bold**."}}`; optional template style id and alignment.
    Paragraph(Paragraph),
    /// `{"list": {"ordered": true, "items": ["one", {"text": "two", "items": ["two a"]}]}}`.
    List(List),
    /// `{"table": {"columns": [{"header": "Item", "width_cm": 6}], "rows": [["Pens"]]}}`.
    Table(Table),
    /// `{"image": {"path": "chart.png", "alt": "Sales by month", "width_cm": 12}}`.
    Image(Image),
    /// `{"code": {"text": "line 1\nline 2"}}`.
    Code(Code),
    /// `{"quote": {"text": "..."}}`.
    Quote(Quoted),
    /// `{"page_break": {}}`.
    PageBreak(Empty),
    /// `{"toc": {}}`: a table-of-contents field Word fills in on open.
    Toc(Empty),
}

/// No settings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Empty {}

/// A heading.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Heading {
    /// Its text.
    pub text: Text,
    /// 1 to 6 (default 1).
    #[serde(default = "one")]
    pub level: u8,
}

fn one() -> u8 {
    1
}

/// A paragraph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Paragraph {
    /// Its text.
    pub text: Text,
    /// A paragraph style id of the template, e.g. `Title` or `Quote`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub style: Option<String>,
    /// Alignment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub align: Option<Alignment>,
}

/// A bulleted or numbered list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct List {
    /// Numbered (true) or bulleted (false, the default).
    #[serde(default)]
    pub ordered: bool,
    /// The items.
    pub items: Vec<Item>,
}

/// A list item: text, or text with nested items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Item {
    /// Just text (inline Markdown).
    Text(String),
    /// Text with a nested list.
    Nested(NestedItem),
}

/// A list item with children.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NestedItem {
    /// Its text.
    pub text: Text,
    /// Nested items, one level deeper (same kind of list).
    #[serde(default)]
    pub items: Vec<Item>,
}

/// A table; the first row is a repeated header row when `columns` have headers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Table {
    /// Columns: header text, width and alignment.
    #[serde(default)]
    pub columns: Vec<Column>,
    /// Body rows, cells as text.
    #[serde(default)]
    pub rows: Vec<Vec<Text>>,
}

/// A table column.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Column {
    /// Header cell text (bold, repeated on each page).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header: Option<Text>,
    /// Width in centimetres (default: the remaining width shared equally).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width_cm: Option<f64>,
    /// Alignment of the column's cells.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub align: Option<Alignment>,
}

/// An image on its own line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Image {
    /// PNG, JPEG or GIF file, relative to the outline's folder.
    pub path: String,
    /// Alternative text.
    #[serde(default)]
    pub alt: String,
    /// Width in centimetres (default: natural size at 96 dpi, at most the text width).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width_cm: Option<f64>,
}

/// A code block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Code {
    /// The code; lines split at newlines.
    pub text: String,
}

/// A block quotation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Quoted {
    /// Its text.
    pub text: Text,
}

fn align(a: Option<Alignment>) -> Align {
    match a {
        Some(Alignment::Center) => Align::Center,
        Some(Alignment::Right) => Align::Right,
        _ => Align::Left,
    }
}

impl Text {
    pub(crate) fn spans(&self) -> Vec<Span> {
        match self {
            Text::Markdown(s) => parse::inline(s),
            Text::Runs(runs) => runs
                .iter()
                .map(|r| Span {
                    text: r.text.clone(),
                    bold: r.bold,
                    italic: r.italic,
                    code: r.code,
                    link: r.link.clone(),
                    footnote: r.footnote.clone(),
                })
                .collect(),
        }
    }
}

fn items(list: &List, items: &[Item], level: u8, id: usize, out: &mut Vec<Block>) {
    for it in items {
        let (spans, children) = match it {
            Item::Text(s) => (parse::inline(s), &[][..]),
            Item::Nested(n) => (n.text.spans(), &n.items[..]),
        };
        out.push(Block::Item {
            ordered: list.ordered,
            level,
            list: id,
            spans,
        });
        if !children.is_empty() {
            self::items(list, children, level.saturating_add(1).min(8), id, out);
        }
    }
}

impl Outline {
    /// The outline as the blocks and notes the writer works from.
    pub(crate) fn to_parsed(&self) -> parse::Parsed {
        let mut blocks = Vec::new();
        let mut lists = 0;
        for b in &self.blocks {
            match b {
                OutlineBlock::Heading(h) => {
                    blocks.push(Block::Heading(h.level.clamp(1, 6), h.text.spans()));
                }
                OutlineBlock::Paragraph(p) => blocks.push(Block::Styled {
                    style: p.style.clone(),
                    align: p.align.map(|a| align(Some(a))),
                    spans: p.text.spans(),
                }),
                OutlineBlock::List(l) => {
                    lists += 1;
                    items(l, &l.items, 0, lists, &mut blocks);
                }
                OutlineBlock::Table(t) => {
                    let header = t.columns.iter().any(|c| c.header.is_some());
                    let mut rows = Vec::new();
                    if header {
                        rows.push(
                            t.columns
                                .iter()
                                .map(|c| c.header.as_ref().map(Text::spans).unwrap_or_default())
                                .collect(),
                        );
                    }
                    rows.extend(t.rows.iter().map(|r| r.iter().map(Text::spans).collect()));
                    blocks.push(Block::Table {
                        align: t.columns.iter().map(|c| align(c.align)).collect(),
                        widths_cm: t.columns.iter().map(|c| c.width_cm).collect(),
                        header,
                        rows,
                    });
                }
                OutlineBlock::Image(i) => blocks.push(Block::Image {
                    alt: i.alt.clone(),
                    src: i.path.clone(),
                    width_cm: i.width_cm,
                }),
                OutlineBlock::Code(c) => {
                    blocks.push(Block::Code(c.text.lines().map(str::to_owned).collect()));
                }
                OutlineBlock::Quote(q) => blocks.push(Block::Quote(q.text.spans())),
                OutlineBlock::PageBreak(_) => blocks.push(Block::PageBreak),
                OutlineBlock::Toc(_) => blocks.push(Block::Toc),
            }
        }
        parse::Parsed {
            blocks,
            notes: self
                .footnotes
                .iter()
                .map(|(k, v)| (k.clone(), v.spans()))
                .collect(),
        }
    }
}
