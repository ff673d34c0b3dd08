//! The Markdown view: headings from styles and outline levels, nested lists
//! from numbering, pipe tables (merged cells as empty cells), hyperlinks,
//! images as `![alt](media)`, footnotes and endnotes as `[^n]`.

use std::collections::HashMap;
use std::fmt::Write as _;

use docskill_opc::xml::dom::{Document, Element, Node};
use docskill_opc::{Limits, Relationships, resolve_target};

use crate::document::{Docx, is_w};
use crate::text::{ChangeView, paragraph_text};

#[derive(Default)]
struct Style {
    name: String,
    based_on: Option<String>,
    outline: Option<u8>,
    num: Option<(String, u8)>,
}

struct Context<'a> {
    w: &'a str,
    view: ChangeView,
    styles: HashMap<String, Style>,
    /// numId → level → numFmt.
    numbering: HashMap<String, HashMap<u8, String>>,
    rels: Relationships,
    main: String,
    notes: Vec<String>,
    /// The `numId` of the list item written last, while a list runs.
    last_list: Option<String>,
}

fn val<'a>(e: &'a Element, w: &str) -> Option<&'a str> {
    e.attr(&format!("{w}:val"))
}

fn child<'a>(e: &'a Element, w: &str, local: &str) -> Option<&'a Element> {
    e.elements().find(|c| is_w(c, w, local))
}

fn num_pr(ppr: &Element, w: &str) -> Option<(String, u8)> {
    let np = child(ppr, w, "numPr")?;
    let id = child(np, w, "numId").and_then(|e| val(e, w))?.to_owned();
    let lvl = child(np, w, "ilvl")
        .and_then(|e| val(e, w))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    Some((id, lvl))
}

impl Docx {
    fn part_doc(&self, rel_suffix: &str) -> Option<Document> {
        let main = &self.stories[0].part;
        let rels = self.pkg.relationships(main).ok()?;
        let part = rels
            .items
            .iter()
            .find(|r| r.rel_type.ends_with(rel_suffix) && !r.external)
            .and_then(|r| resolve_target(main, &r.target))?;
        Document::parse(&self.pkg.read_part(&part).ok()?, &part, &Limits::default()).ok()
    }

    /// The body as Markdown, in the given revision view, with footnotes and endnotes at the end.
    pub fn markdown(&self, view: ChangeView) -> String {
        let story = &self.stories[0];
        let w = story.w.as_str();
        let mut ctx = Context {
            w,
            view,
            styles: self
                .part_doc("/styles")
                .map(|d| styles(&d.root, w))
                .unwrap_or_default(),
            numbering: self
                .part_doc("/numbering")
                .map(|d| numbering(&d.root, w))
                .unwrap_or_default(),
            rels: self.pkg.relationships(&story.part).unwrap_or_default(),
            main: story.part.clone(),
            notes: Vec::new(),
            last_list: None,
        };
        let mut out = String::new();
        if let Some(body) = child(&story.doc.root, w, "body") {
            blocks(body, &mut ctx, &mut out);
        }
        let notes = if view == ChangeView::All {
            self.comment_notes()
        } else {
            HashMap::new()
        };
        let mut out = crate::document::expand_comments(out, &notes);
        for (kind, label) in [("footnotes", "fn"), ("endnotes", "en")] {
            let Some(s) = self.stories.iter().find(|s| is_w(&s.doc.root, &s.w, kind)) else {
                continue;
            };
            for note in s.doc.root.elements() {
                let id = note.attr(&format!("{}:id", s.w)).unwrap_or_default();
                let marker = format!("[^{label}{id}]");
                if !ctx.notes.contains(&marker) {
                    continue;
                }
                let text: Vec<String> = note
                    .elements()
                    .filter(|p| is_w(p, &s.w, "p"))
                    .map(|p| paragraph_text(p, &s.w, view).trim().to_owned())
                    .filter(|t| !t.is_empty())
                    .collect();
                let _ = writeln!(out, "{marker}: {}", text.join(" "));
            }
        }
        out.trim_end().to_owned() + "\n"
    }
}

fn styles(root: &Element, w: &str) -> HashMap<String, Style> {
    root.elements()
        .filter(|s| is_w(s, w, "style"))
        .filter_map(|s| {
            let id = s.attr(&format!("{w}:styleId"))?.to_owned();
            let ppr = child(s, w, "pPr");
            Some((
                id,
                Style {
                    name: child(s, w, "name")
                        .and_then(|n| val(n, w))
                        .unwrap_or_default()
                        .to_lowercase(),
                    based_on: child(s, w, "basedOn")
                        .and_then(|b| val(b, w))
                        .map(str::to_owned),
                    outline: ppr
                        .and_then(|p| child(p, w, "outlineLvl"))
                        .and_then(|o| val(o, w))
                        .and_then(|v| v.parse().ok()),
                    num: ppr.and_then(|p| num_pr(p, w)),
                },
            ))
        })
        .collect()
}

fn numbering(root: &Element, w: &str) -> HashMap<String, HashMap<u8, String>> {
    let abstracts: HashMap<&str, HashMap<u8, String>> = root
        .elements()
        .filter(|a| is_w(a, w, "abstractNum"))
        .filter_map(|a| {
            let id = a.attr(&format!("{w}:abstractNumId"))?;
            let levels = a
                .elements()
                .filter(|l| is_w(l, w, "lvl"))
                .filter_map(|l| {
                    let ilvl = l.attr(&format!("{w}:ilvl"))?.parse().ok()?;
                    let fmt = child(l, w, "numFmt")
                        .and_then(|f| val(f, w))
                        .unwrap_or("decimal");
                    Some((ilvl, fmt.to_owned()))
                })
                .collect();
            Some((id, levels))
        })
        .collect();
    root.elements()
        .filter(|n| is_w(n, w, "num"))
        .filter_map(|n| {
            let id = n.attr(&format!("{w}:numId"))?.to_owned();
            let abs = child(n, w, "abstractNumId").and_then(|a| val(a, w))?;
            Some((id, abstracts.get(abs).cloned().unwrap_or_default()))
        })
        .collect()
}

/// Walk a style and the styles it is based on (at most 20, against loops).
fn style_chain<'a>(ctx: &'a Context<'_>, id: Option<&str>) -> Vec<&'a Style> {
    let mut out = Vec::new();
    let mut next = id.map(str::to_owned);
    while let Some(id) = next.take() {
        let Some(s) = ctx.styles.get(&id) else { break };
        out.push(s);
        if out.len() >= 20 {
            break;
        }
        next.clone_from(&s.based_on);
    }
    out
}

fn heading_level(ppr: Option<&Element>, ctx: &Context<'_>) -> Option<u8> {
    let w = ctx.w;
    if let Some(l) = ppr
        .and_then(|p| child(p, w, "outlineLvl"))
        .and_then(|o| val(o, w))
        .and_then(|v| v.parse::<u8>().ok())
    {
        return (l < 9).then_some(l + 1);
    }
    let style = ppr
        .and_then(|p| child(p, w, "pStyle"))
        .and_then(|s| val(s, w));
    let chain = style_chain(ctx, style);
    if let Some(l) = chain.iter().find_map(|s| s.outline) {
        return (l < 9).then_some(l + 1);
    }
    let name = chain.first().map(|s| s.name.as_str()).unwrap_or_default();
    if name == "title" {
        return Some(1);
    }
    name.strip_prefix("heading ").and_then(|n| n.parse().ok())
}

/// A list paragraph's numbering id and Markdown marker.
fn list_marker(ppr: Option<&Element>, ctx: &Context<'_>) -> Option<(String, String)> {
    let w = ctx.w;
    let own = ppr.and_then(|p| num_pr(p, w));
    let style = ppr
        .and_then(|p| child(p, w, "pStyle"))
        .and_then(|s| val(s, w));
    let (id, lvl) = own.or_else(|| style_chain(ctx, style).iter().find_map(|s| s.num.clone()))?;
    if id == "0" {
        return None;
    }
    let bullet = ctx
        .numbering
        .get(&id)
        .and_then(|l| l.get(&lvl))
        .is_some_and(|f| f == "bullet");
    let indent = "   ".repeat(usize::from(lvl));
    let marker = if bullet {
        format!("{indent}- ")
    } else {
        format!("{indent}1. ")
    };
    Some((id, marker))
}

fn blocks(el: &Element, ctx: &mut Context<'_>, out: &mut String) {
    let w = ctx.w.to_owned();
    for c in el.elements() {
        if is_w(c, &w, "p") {
            paragraph(c, ctx, out);
        } else if is_w(c, &w, "tbl") {
            if ctx.last_list.take().is_some() && out.lines().last().is_some_and(|l| !l.is_empty()) {
                out.push('\n');
            }
            table(c, ctx, out);
        } else if is_w(c, &w, "sdt") {
            if let Some(content) = child(c, &w, "sdtContent") {
                blocks(content, ctx, out);
            }
        } else if is_w(c, &w, "customXml") {
            blocks(c, ctx, out);
        }
    }
}

fn paragraph(p: &Element, ctx: &mut Context<'_>, out: &mut String) {
    let ppr = child(p, ctx.w, "pPr");
    let text = inline(p, ctx).trim().to_owned();
    if text.is_empty() {
        return;
    }
    let list = list_marker(ppr, ctx);
    // A blank line ends a list, and separates two lists that follow each other.
    let other_list = list.as_ref().map(|(id, _)| id) != ctx.last_list.as_ref();
    if ctx.last_list.is_some() && other_list && out.lines().last().is_some_and(|l| !l.is_empty()) {
        out.push('\n');
    }
    ctx.last_list = list.as_ref().map(|(id, _)| id.clone());
    if let Some(level) = heading_level(ppr, ctx) {
        let _ = writeln!(out, "{} {text}\n", "#".repeat(usize::from(level.min(6))));
    } else if let Some((_, marker)) = list {
        let _ = writeln!(out, "{marker}{text}");
    } else {
        if out.lines().last().is_some_and(|l| !l.is_empty()) {
            out.push('\n');
        }
        let _ = writeln!(out, "{text}\n");
    }
}

/// A paragraph's inline content as Markdown.
fn inline(p: &Element, ctx: &mut Context<'_>) -> String {
    let w = ctx.w.to_owned();
    let mut out = String::new();
    let mut group = Element::new(format!("{w}:p"));
    let flush = |group: &mut Element, out: &mut String, view| {
        if !group.children.is_empty() {
            out.push_str(&paragraph_text(group, &w, view));
            group.children.clear();
        }
    };
    for node in &p.children {
        let Node::Element(c) = node else { continue };
        if is_w(c, &w, "hyperlink") {
            flush(&mut group, &mut out, ctx.view);
            let mut wrapper = Element::new(format!("{w}:p"));
            wrapper.children.clone_from(&c.children);
            let text = paragraph_text(&wrapper, &w, ctx.view);
            let target = c
                .attr("r:id")
                .and_then(|id| ctx.rels.get(id))
                .map(|r| {
                    if r.external {
                        r.target.clone()
                    } else {
                        resolve_target(&ctx.main, &r.target).unwrap_or_default()
                    }
                })
                .or_else(|| c.attr(&format!("{w}:anchor")).map(|a| format!("#{a}")));
            match target {
                Some(t) if !text.is_empty() => {
                    let _ = write!(out, "[{text}]({t})");
                }
                _ => out.push_str(&text),
            }
        } else if is_w(c, &w, "r") && special_run(c, &w) {
            flush(&mut group, &mut out, ctx.view);
            run_extras(c, ctx, &mut out);
        } else {
            group.children.push(node.clone());
        }
    }
    flush(&mut group, &mut out, ctx.view);
    out
}

fn special_run(r: &Element, w: &str) -> bool {
    r.elements().any(|c| {
        c.local() == "drawing"
            || c.local() == "pict"
            || is_w(c, w, "footnoteReference")
            || is_w(c, w, "endnoteReference")
    })
}

fn find_desc<'a>(e: &'a Element, local: &str) -> Option<&'a Element> {
    e.elements().find_map(|c| {
        if c.local() == local {
            Some(c)
        } else {
            find_desc(c, local)
        }
    })
}

fn run_extras(r: &Element, ctx: &mut Context<'_>, out: &mut String) {
    let w = ctx.w.to_owned();
    for c in r.elements() {
        if is_w(c, &w, "footnoteReference") || is_w(c, &w, "endnoteReference") {
            let label = if c.local() == "footnoteReference" {
                "fn"
            } else {
                "en"
            };
            let marker = format!(
                "[^{label}{}]",
                c.attr(&format!("{w}:id")).unwrap_or_default()
            );
            out.push_str(&marker);
            ctx.notes.push(marker);
        } else if c.local() == "drawing" || c.local() == "pict" {
            let alt = find_desc(c, "docPr")
                .and_then(|d| {
                    d.attr("descr")
                        .filter(|s| !s.is_empty())
                        .or_else(|| d.attr("name"))
                })
                .unwrap_or("image");
            let target = find_desc(c, "blip")
                .and_then(|b| b.attr("r:embed"))
                .or_else(|| find_desc(c, "imagedata").and_then(|i| i.attr("r:id")))
                .and_then(|id| ctx.rels.get(id))
                .map(|rel| {
                    if rel.external {
                        rel.target.clone()
                    } else {
                        rel.target.trim_start_matches('/').to_owned()
                    }
                });
            if let Some(t) = target {
                let _ = write!(out, "![{alt}]({t})");
            }
        } else if is_w(c, &w, "t") {
            out.push_str(&c.text());
        }
    }
}

fn cell_text(tc: &Element, ctx: &mut Context<'_>) -> String {
    let w = ctx.w.to_owned();
    let mut parts = Vec::new();
    for c in tc.elements() {
        if is_w(c, &w, "p") {
            let t = inline(c, ctx).trim().to_owned();
            if !t.is_empty() {
                parts.push(t);
            }
        } else if is_w(c, &w, "tbl") {
            for row in c.elements().filter(|r| is_w(r, &w, "tr")) {
                let cells: Vec<String> = row
                    .elements()
                    .filter(|x| is_w(x, &w, "tc"))
                    .map(|x| cell_text(x, ctx))
                    .collect();
                parts.push(cells.join(" / "));
            }
        }
    }
    parts.join("<br>").replace('|', "\\|").replace('\n', "<br>")
}

fn table(tbl: &Element, ctx: &mut Context<'_>, out: &mut String) {
    let w = ctx.w.to_owned();
    let mut rows: Vec<Vec<String>> = Vec::new();
    for row in tbl.elements().filter(|r| is_w(r, &w, "tr")) {
        let mut cells = Vec::new();
        for tc in row.elements().filter(|c| is_w(c, &w, "tc")) {
            let tcpr = child(tc, &w, "tcPr");
            let span = tcpr
                .and_then(|p| child(p, &w, "gridSpan"))
                .and_then(|g| val(g, &w))
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(1);
            // A vertically merged continuation cell shows empty, like the merged area in Word.
            let continued = tcpr
                .and_then(|p| child(p, &w, "vMerge"))
                .is_some_and(|v| val(v, &w).is_none_or(|x| x == "continue"));
            cells.push(if continued {
                String::new()
            } else {
                cell_text(tc, ctx)
            });
            cells.extend(std::iter::repeat_n(String::new(), span.saturating_sub(1)));
        }
        rows.push(cells);
    }
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    if width == 0 {
        return;
    }
    if out.lines().last().is_some_and(|l| !l.is_empty()) {
        out.push('\n');
    }
    for (i, row) in rows.iter().enumerate() {
        let cells: Vec<&str> = (0..width)
            .map(|k| row.get(k).map_or("", String::as_str))
            .collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
        if i == 0 {
            let _ = writeln!(out, "|{}", " --- |".repeat(width));
        }
    }
    out.push('\n');
}
