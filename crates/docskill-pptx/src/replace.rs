//! `replace`: new text in named shapes, keeping the look of what it replaces.

use std::collections::BTreeMap;

use docskill_opc::xml::dom::{Element, Node};
use serde::Serialize;

use crate::deck::{child, child_mut, path};
use crate::inventory::{id_name, kind_of};
use crate::model::Issue;
use crate::{Error, Pptx, Result};

/// How a new paragraph's bullet is set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bullet {
    /// `true`: the inherited bullet (an explicit "no bullet" is removed); `false`: no bullet.
    On(bool),
    /// This bullet character.
    Char(String),
}

/// One new paragraph.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewParagraph {
    /// The text; `\n` becomes a line break inside the paragraph.
    pub text: String,
    /// Outline level from 0 (default: the level of the paragraph replaced).
    pub level: Option<u32>,
    /// Bullet (default: as the paragraph replaced, which usually inherits the layout's).
    pub bullet: Option<Bullet>,
    /// Bold.
    pub bold: Option<bool>,
    /// Italic.
    pub italic: Option<bool>,
    /// `#RRGGBB`, `RRGGBB`, or a theme colour name (`accent1`, `tx1`...).
    pub color: Option<String>,
    /// `left`, `center`, `right`, `justify` (or `l`, `ctr`, `r`, `just`).
    pub alignment: Option<String>,
    /// Size in points.
    pub font_size: Option<f64>,
}

/// What goes into one shape.
#[derive(Debug, Clone, PartialEq)]
pub enum ShapeContent {
    /// Paragraphs for a text shape.
    Paragraphs(Vec<NewParagraph>),
    /// Cell texts for a table, row by row (cells not given keep their text).
    Rows(Vec<Vec<String>>),
}

/// Replacements: per slide index, per shape (name, or id as a number), the new content.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Replacements {
    /// Slide index → shape key → content. Shape keys keep the order given.
    pub slides: BTreeMap<usize, Vec<(String, ShapeContent)>>,
    /// Empty the text of the other text shapes on the slides named here.
    pub clear_unlisted: bool,
}

/// What `replace` did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ReplaceReport {
    /// Shapes whose text was replaced.
    pub shapes: usize,
    /// Paragraphs (and table cells) written.
    pub paragraphs: usize,
    /// Shapes emptied by `clear_unlisted`.
    pub cleared: usize,
    /// Warnings on the changed slides after the change (overflow re-estimated).
    pub issues: Vec<Issue>,
}

fn bad(msg: impl Into<String>) -> Error {
    Error::InvalidInput(msg.into())
}

impl Replacements {
    /// Parse the JSON form: `{"slide-0": {"Title 1": {"paragraphs": [...]}}}`;
    /// a shape's value may also be an array of paragraphs, a string, or
    /// `{"rows": [[...]]}` for a table; `"clear_unlisted": true` at the top.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming what is wrong and where.
    pub fn from_json(v: &serde_json::Value) -> Result<Self> {
        let obj = v
            .as_object()
            .ok_or_else(|| bad("replacements must be a JSON object"))?;
        let mut out = Self::default();
        for (k, v) in obj {
            if k == "clear_unlisted" {
                out.clear_unlisted = v
                    .as_bool()
                    .ok_or_else(|| bad("clear_unlisted must be true or false"))?;
                continue;
            }
            let index: usize = k.strip_prefix("slide-").unwrap_or(k).parse().map_err(|_| {
                bad(format!(
                    "{k:?}: keys are \"slide-N\" (N from 0) or \"clear_unlisted\""
                ))
            })?;
            let shapes = v
                .as_object()
                .ok_or_else(|| bad(format!("{k}: expected an object of shapes")))?;
            let mut list = Vec::new();
            for (name, c) in shapes {
                list.push((
                    name.clone(),
                    content(c).map_err(|e| bad(format!("{k} / {name}: {e}")))?,
                ));
            }
            out.slides.insert(index, list);
        }
        Ok(out)
    }
}

fn content(v: &serde_json::Value) -> std::result::Result<ShapeContent, String> {
    use serde_json::Value as V;
    match v {
        V::String(_) | V::Array(_) => paragraphs(v).map(ShapeContent::Paragraphs),
        V::Object(o) => {
            if let Some(rows) = o.get("rows") {
                if o.len() > 1 {
                    return Err("a table takes only \"rows\"".into());
                }
                let rows = rows
                    .as_array()
                    .ok_or("rows must be an array of arrays of strings")?;
                return rows
                    .iter()
                    .map(|r| {
                        r.as_array()
                            .ok_or_else(|| "rows must be an array of arrays of strings".to_owned())?
                            .iter()
                            .map(|c| match c {
                                V::String(s) => Ok(s.clone()),
                                V::Number(n) => Ok(n.to_string()),
                                _ => Err("table cells must be strings".to_owned()),
                            })
                            .collect()
                    })
                    .collect::<std::result::Result<_, _>>()
                    .map(ShapeContent::Rows);
            }
            match o.get("paragraphs") {
                Some(p) if o.len() == 1 => paragraphs(p).map(ShapeContent::Paragraphs),
                _ => Err("expected {\"paragraphs\": [...]} or {\"rows\": [[...]]}".into()),
            }
        }
        _ => Err("expected paragraphs (an array), a string, or {\"rows\": ...}".into()),
    }
}

fn paragraphs(v: &serde_json::Value) -> std::result::Result<Vec<NewParagraph>, String> {
    use serde_json::Value as V;
    let items = match v {
        V::Array(a) => a.clone(),
        other => vec![other.clone()],
    };
    items
        .iter()
        .enumerate()
        .map(|(i, p)| match p {
            V::String(s) => Ok(NewParagraph { text: s.clone(), ..NewParagraph::default() }),
            V::Object(o) => {
                let mut np = NewParagraph::default();
                for (k, v) in o {
                    let want = |what: &str| format!("paragraph {i}: {k} must be {what}");
                    match k.as_str() {
                        "text" => v.as_str().ok_or_else(|| want("a string"))?.clone_into(&mut np.text),
                        "level" => np.level = Some(v.as_u64().and_then(|l| u32::try_from(l).ok()).filter(|l| *l <= 8).ok_or_else(|| want("0 to 8"))?),
                        "bullet" => {
                            np.bullet = Some(match v {
                                V::Bool(b) => Bullet::On(*b),
                                V::String(s) => Bullet::Char(s.clone()),
                                _ => return Err(want("true, false or a character")),
                            });
                        }
                        "bold" => np.bold = Some(v.as_bool().ok_or_else(|| want("true or false"))?),
                        "italic" => np.italic = Some(v.as_bool().ok_or_else(|| want("true or false"))?),
                        "color" => np.color = Some(v.as_str().ok_or_else(|| want("a string"))?.to_owned()),
                        "alignment" => {
                            let a = v.as_str().ok_or_else(|| want("a string"))?;
                            np.alignment = Some(align(a).ok_or_else(|| want("left, center, right or justify"))?.to_owned());
                        }
                        "font_size" => np.font_size = Some(v.as_f64().filter(|s| *s >= 1.0 && *s <= 4000.0).ok_or_else(|| want("a size in points"))?),
                        _ => return Err(format!("paragraph {i}: unknown field {k:?} (valid: text, level, bullet, bold, italic, color, alignment, font_size)")),
                    }
                }
                Ok(np)
            }
            _ => Err(format!("paragraph {i}: expected a string or an object")),
        })
        .collect()
}

fn align(a: &str) -> Option<&'static str> {
    Some(match a {
        "left" | "l" => "l",
        "center" | "centre" | "ctr" => "ctr",
        "right" | "r" => "r",
        "justify" | "just" => "just",
        "distributed" | "dist" => "dist",
        _ => return None,
    })
}

/// Paths (child indexes from the shape tree) of every shape, with id, name and kind.
fn shape_paths(tree: &Element) -> Vec<(Vec<usize>, u32, String, &'static str)> {
    fn walk(
        el: &Element,
        at: &mut Vec<usize>,
        out: &mut Vec<(Vec<usize>, u32, String, &'static str)>,
    ) {
        for (i, c) in el.children.iter().enumerate() {
            let Node::Element(c) = c else { continue };
            at.push(i);
            match c.local() {
                "sp" | "pic" | "graphicFrame" | "cxnSp" => {
                    let (id, name) = id_name(c);
                    out.push((at.clone(), id, name, kind_of(c)));
                }
                "grpSp" => walk(c, at, out),
                "AlternateContent" => {
                    if let Some((j, Node::Element(choice))) = c
                        .children
                        .iter()
                        .enumerate()
                        .find(|(_, n)| matches!(n, Node::Element(_)))
                    {
                        at.push(j);
                        walk(choice, at, out);
                        at.pop();
                    }
                }
                _ => {}
            }
            at.pop();
        }
    }
    let mut out = Vec::new();
    walk(tree, &mut Vec::new(), &mut out);
    out
}

fn at_path<'e>(mut el: &'e mut Element, p: &[usize]) -> Option<&'e mut Element> {
    for &i in p {
        el = match el.children.get_mut(i)? {
            Node::Element(e) => e,
            _ => return None,
        };
    }
    Some(el)
}

impl Pptx {
    /// Replace the text of named shapes (see [`Replacements`]), then
    /// re-estimate overflow on the changed slides.
    ///
    /// # Errors
    /// [`Error::NoSuchSlide`], [`Error::NoSuchShape`] (with the shapes that
    /// exist), [`Error::WrongShape`] (text into a picture, rows into a text box).
    pub fn replace(&mut self, repl: &Replacements) -> Result<ReplaceReport> {
        let count = self.slides.len();
        let mut report = ReplaceReport::default();
        let mut touched = Vec::new();
        let mut edited = std::collections::BTreeMap::new();
        for (&index, shapes) in &repl.slides {
            let part = self
                .slides
                .get(index)
                .ok_or(Error::NoSuchSlide { index, count })?
                .part
                .clone();
            let mut doc = self.parse(&part)?;
            let Some(tree) = doc
                .root
                .elements_mut()
                .find(|e| e.local() == "cSld")
                .and_then(|c| child_mut(c, "spTree"))
            else {
                continue;
            };
            let paths = shape_paths(tree);
            let mut listed = Vec::new();
            for (key, content) in shapes {
                let found = paths
                    .iter()
                    .find(|(_, _, name, _)| name == key)
                    .or_else(|| {
                        let id: u32 = key.strip_prefix("id:").unwrap_or(key).parse().ok()?;
                        paths.iter().find(|(_, i, _, _)| *i == id)
                    })
                    .ok_or_else(|| Error::NoSuchShape {
                        slide: index,
                        shape: key.clone(),
                        available: paths
                            .iter()
                            .filter(|(_, _, _, k)| matches!(*k, "text" | "shape" | "table"))
                            .map(|(_, i, n, _)| (*i, n.clone()))
                            .collect(),
                    })?;
                listed.push(found.0.clone());
                let shape = at_path(tree, &found.0).ok_or_else(|| bad("shape vanished"))?;
                let wrong = |problem: &str| Error::WrongShape {
                    slide: index,
                    shape: found.2.clone(),
                    problem: problem.to_owned(),
                };
                match content {
                    ShapeContent::Paragraphs(ps) => {
                        let body = child_mut(shape, "txBody")
                            .ok_or_else(|| wrong(&format!("is a {} and holds no text", found.3)))?;
                        set_paragraphs(body, ps);
                        report.paragraphs += ps.len();
                    }
                    ShapeContent::Rows(rows) => {
                        report.paragraphs += set_rows(shape, rows).map_err(|e| wrong(&e))?;
                    }
                }
                report.shapes += 1;
            }
            if repl.clear_unlisted {
                for (p, _, _, kind) in &paths {
                    if *kind != "text" || listed.contains(p) {
                        continue;
                    }
                    if let Some(body) = at_path(tree, p).and_then(|s| child_mut(s, "txBody"))
                        && body.elements().any(|p| {
                            p.local() == "p" && !crate::inventory::paragraph_text(p).is_empty()
                        })
                    {
                        set_paragraphs(body, &[NewParagraph::default()]);
                        report.cleared += 1;
                    }
                }
            }
            self.pkg.set_part(&part, doc.to_bytes(), None)?;
            edited.insert(part, doc);
            touched.push(index);
        }
        report.issues = self.inventory_of(Some(&touched), edited)?.issues();
        Ok(report)
    }
}

/// Replace the paragraphs of a text body, keeping the formatting of those replaced.
fn set_paragraphs(body: &mut Element, ps: &[NewParagraph]) {
    let old: Vec<Element> = body
        .elements()
        .filter(|e| e.local() == "p")
        .cloned()
        .collect();
    let first = body
        .children
        .iter()
        .position(|n| matches!(n, Node::Element(e) if e.local() == "p"))
        .unwrap_or(body.children.len());
    body.children
        .retain(|n| !matches!(n, Node::Element(e) if e.local() == "p"));
    let prefix = body
        .name
        .split_once(':')
        .map_or("a:".to_owned(), |_| "a:".to_owned());
    let blank = Element::new(format!("{prefix}p"));
    let new: Vec<Node> = ps
        .iter()
        .enumerate()
        .map(|(k, np)| {
            let template = old.get(k).or_else(|| {
                let lvl = np.level;
                old.iter()
                    .rev()
                    .find(|p| lvl.is_some() && Some(level_of(p)) == lvl)
                    .or(old.last())
            });
            Node::Element(paragraph(template.unwrap_or(&blank), np))
        })
        .collect();
    let at = first.min(body.children.len());
    body.children.splice(at..at, new);
}

fn level_of(p: &Element) -> u32 {
    child(p, "pPr")
        .and_then(|p| p.attr("lvl"))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

fn clean(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control() || *c == '\t' || *c == '\n')
        .collect()
}

/// A new `a:p` with `np`'s text, formatted like `template`.
fn paragraph(template: &Element, np: &NewParagraph) -> Element {
    let ns = template
        .name
        .split_once(':')
        .map_or(String::new(), |(p, _)| format!("{p}:"));
    let ns = if ns.is_empty() { "a:".to_owned() } else { ns };
    let mut p = Element::new(template.name.clone());
    p.attrs.clone_from(&template.attrs);
    let mut ppr = child(template, "pPr").cloned();
    if np.level.is_some() || np.alignment.is_some() || np.bullet.is_some() {
        let ppr = ppr.get_or_insert_with(|| Element::new(format!("{ns}pPr")));
        match np.level {
            Some(0) => ppr.remove_attr("lvl"),
            Some(l) => ppr.set_attr("lvl", l.to_string()),
            None => {}
        }
        if let Some(a) = &np.alignment {
            ppr.set_attr("algn", a.clone());
        }
        if let Some(b) = &np.bullet {
            set_bullet(ppr, b, &ns);
        }
    }
    if let Some(ppr) = ppr {
        p.children.push(Node::Element(ppr));
    }
    let mut rpr = template
        .elements()
        .find(|c| matches!(c.local(), "r" | "fld"))
        .and_then(|r| child(r, "rPr"))
        .cloned()
        .or_else(|| {
            child(template, "endParaRPr").map(|e| {
                let mut r = e.clone();
                r.name = format!("{ns}rPr");
                r
            })
        });
    if let Some(r) = &mut rpr {
        r.children.retain(|c| !matches!(c, Node::Element(e) if matches!(e.local(), "hlinkClick" | "hlinkMouseOver")));
        r.remove_attr("dirty");
        r.remove_attr("err");
    }
    if np.bold.is_some() || np.italic.is_some() || np.font_size.is_some() || np.color.is_some() {
        let r =
            rpr.get_or_insert_with(|| Element::new(format!("{ns}rPr")).with_attr("lang", "en-US"));
        if let Some(b) = np.bold {
            r.set_attr("b", if b { "1" } else { "0" });
        }
        if let Some(i) = np.italic {
            r.set_attr("i", if i { "1" } else { "0" });
        }
        if let Some(s) = np.font_size {
            #[expect(
                clippy::cast_possible_truncation,
                reason = "checked to be 1..=4000 points"
            )]
            r.set_attr("sz", ((s * 100.0).round() as i64).to_string());
        }
        if let Some(c) = &np.color {
            set_color(r, c, &ns);
        }
    }
    let text = clean(&np.text);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            let mut br = Element::new(format!("{ns}br"));
            if let Some(r) = &rpr {
                br.children.push(Node::Element(r.clone()));
            }
            p.children.push(Node::Element(br));
        }
        if line.is_empty() {
            continue;
        }
        let mut run = Element::new(format!("{ns}r"));
        if let Some(r) = &rpr {
            run.children.push(Node::Element(r.clone()));
        }
        run.children.push(Node::Element(
            Element::new(format!("{ns}t")).with_child(Node::Text(line.to_owned())),
        ));
        p.children.push(Node::Element(run));
    }
    if let Some(end) = child(template, "endParaRPr") {
        p.children.push(Node::Element(end.clone()));
    }
    p
}

fn insert_before(parent: &mut Element, el: Element, later: &[&str]) {
    let at = parent
        .children
        .iter()
        .position(|n| matches!(n, Node::Element(e) if later.contains(&e.local())))
        .unwrap_or(parent.children.len());
    parent.children.insert(at, Node::Element(el));
}

fn set_bullet(ppr: &mut Element, b: &Bullet, ns: &str) {
    let bu = ["buNone", "buAutoNum", "buChar", "buBlip"];
    match b {
        Bullet::On(true) => ppr
            .children
            .retain(|n| !matches!(n, Node::Element(e) if e.local() == "buNone")),
        Bullet::On(false) | Bullet::Char(_) => {
            ppr.children
                .retain(|n| !matches!(n, Node::Element(e) if bu.contains(&e.local())));
            let el = match b {
                Bullet::Char(c) => Element::new(format!("{ns}buChar")).with_attr("char", c.clone()),
                Bullet::On(_) => Element::new(format!("{ns}buNone")),
            };
            insert_before(ppr, el, &["tabLst", "defRPr", "extLst"]);
        }
    }
}

fn set_color(rpr: &mut Element, c: &str, ns: &str) {
    let fills = [
        "noFill",
        "solidFill",
        "gradFill",
        "blipFill",
        "pattFill",
        "grpFill",
    ];
    rpr.children
        .retain(|n| !matches!(n, Node::Element(e) if fills.contains(&e.local())));
    let hex = c.trim_start_matches('#');
    let clr = if hex.len() == 6 && hex.chars().all(|c| c.is_ascii_hexdigit()) {
        Element::new(format!("{ns}srgbClr")).with_attr("val", hex.to_ascii_uppercase())
    } else {
        Element::new(format!("{ns}schemeClr")).with_attr("val", c.trim_start_matches("theme:"))
    };
    let fill = Element::new(format!("{ns}solidFill")).with_child(clr);
    let at = rpr
        .children
        .iter()
        .position(|n| matches!(n, Node::Element(e) if e.local() != "ln"))
        .unwrap_or(rpr.children.len());
    rpr.children.insert(at, Node::Element(fill));
}

/// Set table cell texts; returns the number of cells written.
fn set_rows(frame: &mut Element, rows: &[Vec<String>]) -> std::result::Result<usize, String> {
    if path(frame, &["graphic", "graphicData", "tbl"]).is_none() {
        return Err("is not a table; give it paragraphs instead of rows".into());
    }
    let tbl = child_mut(frame, "graphic")
        .and_then(|g| child_mut(g, "graphicData"))
        .and_then(|d| child_mut(d, "tbl"))
        .ok_or("is not a table")?;
    let mut trs: Vec<&mut Element> = tbl.elements_mut().filter(|e| e.local() == "tr").collect();
    let (nr, nc) = (
        trs.len(),
        trs.first()
            .map_or(0, |r| r.elements().filter(|e| e.local() == "tc").count()),
    );
    if rows.len() > nr || rows.iter().any(|r| r.len() > nc) {
        return Err(format!(
            "is a table of {nr} rows × {nc} columns; the rows given do not fit"
        ));
    }
    let mut n = 0;
    for (tr, row) in trs.iter_mut().zip(rows) {
        let mut tcs: Vec<&mut Element> = tr.elements_mut().filter(|e| e.local() == "tc").collect();
        for (tc, text) in tcs.iter_mut().zip(row) {
            if let Some(body) = child_mut(tc, "txBody") {
                set_paragraphs(
                    body,
                    &[NewParagraph {
                        text: text.clone(),
                        ..NewParagraph::default()
                    }],
                );
                n += 1;
            }
        }
    }
    Ok(n)
}
