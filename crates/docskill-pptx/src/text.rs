//! `text`: titles, bullets with levels, tables and notes, slide by slide.

use std::fmt::Write as _;

use serde::Serialize;

use crate::model::{Inventory, ShapeInfo};

/// The text of one slide.
#[derive(Debug, Clone, Serialize)]
pub struct SlideText {
    /// Slide index, from 0.
    pub index: usize,
    /// The title placeholder's text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Text blocks other than the title, in z-order.
    pub blocks: Vec<Block>,
    /// Speaker notes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Hidden in the show.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub hidden: bool,
}

/// A shape's text: paragraphs, or a table.
#[derive(Debug, Clone, Serialize)]
pub struct Block {
    /// Shape name.
    pub shape: String,
    /// Paragraphs `(text, level, bulleted)`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub paragraphs: Vec<TextParagraph>,
    /// Table rows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table: Option<Vec<Vec<String>>>,
}

/// One paragraph of a block.
#[derive(Debug, Clone, Serialize)]
pub struct TextParagraph {
    /// The text.
    pub text: String,
    /// Outline level, from 0.
    pub level: u32,
    /// Has a bullet or number.
    pub bullet: bool,
}

fn is_title(s: &ShapeInfo) -> bool {
    s.placeholder
        .as_ref()
        .is_some_and(|p| matches!(p.kind.as_str(), "title" | "ctrTitle"))
}

fn blocks(shapes: &[ShapeInfo], title: &mut Option<String>, out: &mut Vec<Block>) {
    for s in shapes {
        if s.kind == "group" {
            blocks(&s.children, title, out);
            continue;
        }
        if s.placeholder
            .as_ref()
            .is_some_and(|p| matches!(p.kind.as_str(), "dt" | "ftr" | "sldNum"))
        {
            continue;
        }
        let text: Vec<&str> = s.paragraphs.iter().map(|p| p.text.as_str()).collect();
        if is_title(s) && title.is_none() && !s.paragraphs.is_empty() {
            *title = Some(text.join(" ").replace('\n', " "));
            continue;
        }
        if s.table.is_some() || !s.paragraphs.is_empty() {
            out.push(Block {
                shape: s.name.clone(),
                paragraphs: s
                    .paragraphs
                    .iter()
                    .map(|p| TextParagraph {
                        text: p.text.clone(),
                        level: p.level,
                        bullet: p.bullet.is_some(),
                    })
                    .collect(),
                table: s.table.clone(),
            });
        }
    }
}

/// The text of every slide.
pub fn slide_texts(inv: &Inventory) -> Vec<SlideText> {
    inv.slides
        .iter()
        .map(|s| {
            let mut title = None;
            let mut out = Vec::new();
            blocks(&s.shapes, &mut title, &mut out);
            SlideText {
                index: s.index,
                title,
                blocks: out,
                notes: s.notes.clone(),
                hidden: s.hidden,
            }
        })
        .collect()
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', "<br>")
}

/// The deck as Markdown: a `## n. Title` heading per slide, bullets indented
/// by level, pipe tables, notes as a quote.
pub fn markdown(texts: &[SlideText]) -> String {
    let mut md = String::new();
    for s in texts {
        let _ = writeln!(
            md,
            "## {}. {}{}\n",
            s.index,
            s.title.as_deref().unwrap_or("(no title)"),
            if s.hidden { " (hidden)" } else { "" }
        );
        for b in &s.blocks {
            for p in &b.paragraphs {
                if p.text.is_empty() {
                    continue;
                }
                let text = p.text.replace('\n', " ");
                if p.bullet {
                    let _ = writeln!(md, "{}- {text}", "  ".repeat(p.level as usize));
                } else {
                    let _ = writeln!(md, "{text}");
                }
            }
            if let Some(rows) = &b.table {
                for (i, r) in rows.iter().enumerate() {
                    let cells: Vec<String> = r.iter().map(|c| cell(c)).collect();
                    let _ = writeln!(md, "| {} |", cells.join(" | "));
                    if i == 0 {
                        let _ = writeln!(md, "|{}", "---|".repeat(r.len()));
                    }
                }
            }
            md.push('\n');
        }
        if let Some(n) = &s.notes {
            for line in n.lines() {
                let _ = writeln!(md, "> {line}");
            }
            md.push('\n');
        }
    }
    md
}
