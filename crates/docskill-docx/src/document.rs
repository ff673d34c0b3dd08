//! The document: its story parts (body, headers, footers, notes, comments)
//! parsed into trees, and the paragraph addresses edits and views share.

use std::collections::HashMap;

use docskill_opc::xml::dom::{Document, Element, Node};
use docskill_opc::{Limits, Package, resolve_target};

use crate::text::{ChangeView, paragraph_text};
use crate::{Error, Result};

const W_STRICT: &str = "http://purl.oclc.org/ooxml/wordprocessingml/main";

/// A story part: the body, or a header, footer, notes or comments part.
#[derive(Debug, Clone)]
pub(crate) struct Story {
    /// Part name (`/word/document.xml`).
    pub part: String,
    /// Address prefix: empty for the body, `header1.` for `/word/header1.xml`.
    pub prefix: String,
    /// The parsed part.
    pub doc: Document,
    /// The prefix bound to the WordprocessingML namespace (`w` almost always).
    pub w: String,
    /// Changed since opening.
    pub dirty: bool,
}

/// Where a paragraph lives: its story and the child-index path from the root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Loc {
    pub story: usize,
    pub path: Vec<usize>,
}

/// One paragraph as the views show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// Stable address: `p12`, `t1.r2.c3.p1`, `header1.p2`, `footnote2.p1`, `comment0.p1`.
    pub address: String,
    /// Paragraph style id, if any.
    pub style: Option<String>,
    /// Text in the chosen view.
    pub text: String,
    /// In this view the paragraph mark is gone (deleted and accepted, or
    /// inserted and rejected): the text runs on into the next paragraph.
    pub joins_next: bool,
}

/// An open Word document.
#[derive(Debug, Clone)]
pub struct Docx {
    pub(crate) pkg: Package,
    pub(crate) stories: Vec<Story>,
    pub(crate) locs: Vec<(String, Loc)>,
    /// Matchable text per paragraph (same order as `locs`), filled while edits search.
    pub(crate) texts: Vec<Option<String>>,
    /// While a batch of edits runs: for each case-sensitive needle, the paragraphs
    /// that held it when the batch started (see `edit::SearchPlan`).
    pub(crate) plan: Option<crate::edit::SearchPlan>,
}

/// True when `el` is `{w}:{local}`.
pub(crate) fn is_w(el: &Element, w: &str, local: &str) -> bool {
    el.name.strip_prefix(w).and_then(|r| r.strip_prefix(':')) == Some(local)
}

fn w_prefix(root: &Element) -> String {
    root.attrs
        .iter()
        .find(|(k, v)| k.starts_with("xmlns:") && (v == crate::W_NS || v == W_STRICT))
        .map_or_else(|| "w".to_owned(), |(k, _)| k["xmlns:".len()..].to_owned())
}

impl Docx {
    /// Open a `.docx` (also `.docm`, `.dotx`, `.dotm`).
    ///
    /// # Errors
    /// [`Error::Package`] for anything the package layer refuses (encrypted,
    /// legacy, corrupt, hostile); [`Error::NotWordprocessing`] when there is
    /// no main document part.
    pub fn open(bytes: Vec<u8>, limits: &Limits) -> Result<Self> {
        let pkg = Package::open(bytes, limits)?;
        let main = pkg
            .relationships("/")?
            .items
            .iter()
            .find(|r| r.rel_type.ends_with("/officeDocument") && !r.external)
            .and_then(|r| resolve_target("/", &r.target))
            .filter(|p| pkg.has_part(p))
            .ok_or(Error::NotWordprocessing)?;
        let mut stories = vec![load(&pkg, &main, String::new(), limits)?];
        let rels = pkg.relationships(&main)?;
        for kind in ["header", "footer", "footnotes", "endnotes", "comments"] {
            for r in rels
                .items
                .iter()
                .filter(|r| r.rel_type.ends_with(&format!("/{kind}")) && !r.external)
            {
                let Some(part) = resolve_target(&main, &r.target).filter(|p| pkg.has_part(p))
                else {
                    continue;
                };
                let stem = part
                    .rsplit('/')
                    .next()
                    .unwrap_or(&part)
                    .trim_end_matches(".xml");
                let prefix = match kind {
                    "header" | "footer" => format!("{stem}."),
                    _ => String::new(), // notes and comments: per-item prefixes below
                };
                stories.push(load(&pkg, &part, prefix, limits)?);
            }
        }
        let mut d = Self {
            pkg,
            stories,
            locs: Vec::new(),
            texts: Vec::new(),
            plan: None,
        };
        d.reindex();
        Ok(d)
    }

    /// Recompute paragraph addresses (after structural edits).
    pub(crate) fn reindex(&mut self) {
        let mut locs = Vec::new();
        for (si, s) in self.stories.iter().enumerate() {
            let root = &s.doc.root;
            let w = s.w.as_str();
            let mut out = Vec::new();
            if is_w(root, w, "document") {
                if let Some((bi, body)) =
                    root.children.iter().enumerate().find_map(|(i, n)| match n {
                        Node::Element(e) if is_w(e, w, "body") => Some((i, e)),
                        _ => None,
                    })
                {
                    walk_blocks(
                        body,
                        w,
                        "",
                        &mut vec![bi],
                        &mut Counters::default(),
                        &mut out,
                    );
                }
            } else if ["footnotes", "endnotes", "comments"]
                .iter()
                .any(|k| is_w(root, w, k))
            {
                let item = root.local().trim_end_matches('s').to_owned();
                for (i, n) in root.children.iter().enumerate() {
                    let Node::Element(e) = n else { continue };
                    if e.attr(&format!("{w}:type")).is_some_and(|t| t != "normal") {
                        continue; // separators
                    }
                    let id = e.attr(&format!("{w}:id")).unwrap_or("?");
                    let prefix = format!("{item}{id}.");
                    walk_blocks(
                        e,
                        w,
                        &prefix,
                        &mut vec![i],
                        &mut Counters::default(),
                        &mut out,
                    );
                }
            } else {
                walk_blocks(
                    root,
                    w,
                    &s.prefix,
                    &mut Vec::new(),
                    &mut Counters::default(),
                    &mut out,
                );
            }
            locs.extend(
                out.into_iter()
                    .map(|(a, path)| (a, Loc { story: si, path })),
            );
        }
        self.locs = locs;
        self.texts = vec![None; self.locs.len()];
        // Paragraph indices moved: candidate lists no longer apply.
        self.plan = None;
    }

    /// Every paragraph with its address, style and text in `view`, in
    /// reading order: body, then headers, footers, notes, comments.
    pub fn paragraphs(&self, view: ChangeView) -> Vec<Paragraph> {
        let notes = if view == ChangeView::All {
            self.comment_notes()
        } else {
            HashMap::new()
        };
        self.locs
            .iter()
            .map(|(address, loc)| {
                let s = &self.stories[loc.story];
                let p = self.element(loc);
                Paragraph {
                    address: address.clone(),
                    style: paragraph_style(p, &s.w),
                    text: expand_comments(paragraph_text(p, &s.w, view), &notes),
                    joins_next: matches!(
                        (view, mark_revision(p, &s.w)),
                        (ChangeView::Accept, Some("del" | "moveFrom"))
                            | (ChangeView::Reject, Some("ins" | "moveTo"))
                    ),
                }
            })
            .collect()
    }

    /// For each paragraph of [`Docx::paragraphs`] (same order), where each run's
    /// text lies in it and the run's formatting; empty in the `All` view.
    pub fn paragraph_runs(&self, view: ChangeView) -> Vec<Vec<crate::RunSpan>> {
        self.locs
            .iter()
            .map(|(_, loc)| {
                crate::text::run_spans(self.element(loc), &self.stories[loc.story].w, view)
            })
            .collect()
    }

    pub(crate) fn element(&self, loc: &Loc) -> &Element {
        let mut e = &self.stories[loc.story].doc.root;
        for &i in &loc.path {
            if let Some(Node::Element(c)) = e.children.get(i) {
                e = c;
            }
        }
        e
    }

    pub(crate) fn element_mut(&mut self, loc: &Loc) -> &mut Element {
        let story = &mut self.stories[loc.story];
        story.dirty = true;
        let mut e = &mut story.doc.root;
        for &i in &loc.path {
            e = match e.children.get_mut(i) {
                Some(Node::Element(c)) => c,
                _ => unreachable!("paths come from reindex"),
            };
        }
        e
    }

    /// The location of an address.
    pub(crate) fn find(&self, address: &str) -> Result<Loc> {
        self.locs.iter().find(|(a, _)| a == address).map(|(_, l)| l.clone()).ok_or_else(|| {
            let body = self.locs.iter().filter(|(a, _)| a.starts_with('p')).count();
            let valid = format!(
                "body paragraphs p1..p{body}; {} addresses in all (see `docx text --format json`)",
                self.locs.len()
            );
            Error::BadAddress { address: address.to_owned(), valid }
        })
    }

    /// The package with every changed story written back.
    ///
    /// # Errors
    /// [`Error::Package`] when writing fails.
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        let mut pkg = self.pkg.clone();
        for s in self.stories.iter().filter(|s| s.dirty) {
            pkg.set_part(&s.part, s.doc.to_bytes(), None)?;
        }
        Ok(pkg.to_bytes()?)
    }

    /// The XML of the paragraph at `address`.
    ///
    /// # Errors
    /// [`Error::BadAddress`].
    pub fn paragraph_xml(&self, address: &str) -> Result<String> {
        Ok(self.element(&self.find(address)?).to_xml())
    }

    /// Every paragraph address, in reading order.
    pub fn addresses(&self) -> impl Iterator<Item = &str> {
        self.locs.iter().map(|(a, _)| a.as_str())
    }

    /// The underlying package (read-only).
    pub fn package(&self) -> &Package {
        &self.pkg
    }

    /// The parsed main document part (`word/document.xml`).
    pub fn main_document(&self) -> &Document {
        &self.stories[0].doc
    }

    /// Names of the parts changed since opening.
    pub fn changed_parts(&self) -> Vec<String> {
        self.stories
            .iter()
            .filter(|s| s.dirty)
            .map(|s| s.part.clone())
            .collect()
    }
}

/// Put `{>>author: text<<}` where the `All` view marked a comment reference.
pub(crate) fn expand_comments(text: String, notes: &HashMap<String, String>) -> String {
    use crate::text::{COMMENT_CLOSE, COMMENT_OPEN};
    if !text.contains(COMMENT_OPEN) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 32);
    let mut rest = text.as_str();
    while let Some(i) = rest.find(COMMENT_OPEN) {
        out.push_str(&rest[..i]);
        let after = &rest[i + COMMENT_OPEN.len_utf8()..];
        let end = after.find(COMMENT_CLOSE).unwrap_or(after.len());
        if let Some(note) = notes.get(&after[..end]) {
            out.push_str("{>>");
            out.push_str(note);
            out.push_str("<<}");
        }
        rest = after.get(end + COMMENT_CLOSE.len_utf8()..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

impl Docx {
    /// Comment id → `author: text`, for the `All` view.
    pub(crate) fn comment_notes(&self) -> HashMap<String, String> {
        self.comments()
            .into_iter()
            .map(|c| (c.id, format!("{}: {}", c.author, c.text.replace('\n', " "))))
            .collect()
    }
}

fn load(pkg: &Package, part: &str, prefix: String, limits: &Limits) -> Result<Story> {
    let doc = Document::parse(&pkg.read_part(part)?, part, limits)?;
    let w = w_prefix(&doc.root);
    Ok(Story {
        part: part.to_owned(),
        prefix,
        doc,
        w,
        dirty: false,
    })
}

/// The revision on a paragraph's mark (`w:pPr/w:rPr/w:ins|del|moveFrom|moveTo`), by local name.
fn mark_revision<'a>(p: &'a Element, w: &str) -> Option<&'a str> {
    let ppr = p.elements().find(|e| is_w(e, w, "pPr"))?;
    let rpr = ppr.elements().find(|e| is_w(e, w, "rPr"))?;
    rpr.elements()
        .map(Element::local)
        .find(|l| matches!(*l, "ins" | "del" | "moveFrom" | "moveTo"))
}

pub(crate) fn paragraph_style(p: &Element, w: &str) -> Option<String> {
    let ppr = p.elements().find(|e| is_w(e, w, "pPr"))?;
    let st = ppr.elements().find(|e| is_w(e, w, "pStyle"))?;
    st.attr(&format!("{w}:val")).map(str::to_owned)
}

#[derive(Default)]
struct Counters {
    p: usize,
    t: usize,
}

/// Collect the paragraphs of a block container (body, cell, header, note).
/// `sdt` and `customXml` wrappers are transparent: they share the counters.
fn walk_blocks(
    el: &Element,
    w: &str,
    prefix: &str,
    path: &mut Vec<usize>,
    n: &mut Counters,
    out: &mut Vec<(String, Vec<usize>)>,
) {
    for (i, child) in el.children.iter().enumerate() {
        let Node::Element(c) = child else { continue };
        path.push(i);
        if is_w(c, w, "p") {
            n.p += 1;
            let address = format!("{prefix}p{}", n.p);
            out.push((address.clone(), path.clone()));
            // Text boxes anchored in this paragraph: `p3.tb1.p1`.
            let mut boxes = 0;
            text_boxes(c, w, &address, path, &mut boxes, out);
        } else if is_w(c, w, "tbl") {
            n.t += 1;
            let tprefix = format!("{prefix}t{}.", n.t);
            walk_table(c, w, &tprefix, path, out);
        } else if is_w(c, w, "sdt") {
            if let Some((ci, content)) = c.children.iter().enumerate().find_map(|(j, x)| match x {
                Node::Element(e) if is_w(e, w, "sdtContent") => Some((j, e)),
                _ => None,
            }) {
                path.push(ci);
                walk_blocks(content, w, prefix, path, n, out);
                path.pop();
            }
        } else if is_w(c, w, "customXml") {
            walk_blocks(c, w, prefix, path, n, out);
        }
        path.pop();
    }
}

/// Find `w:txbxContent` below a paragraph (not inside another one, and not in
/// `mc:Fallback`, which repeats the `mc:Choice` content) and walk each as a block container.
fn text_boxes(
    el: &Element,
    w: &str,
    address: &str,
    path: &mut Vec<usize>,
    boxes: &mut usize,
    out: &mut Vec<(String, Vec<usize>)>,
) {
    for (i, child) in el.children.iter().enumerate() {
        let Node::Element(c) = child else { continue };
        if c.local() == "Fallback" {
            continue;
        }
        path.push(i);
        if c.local() == "AlternateContent" {
            // Use mc:Choice; if it holds no text box content (a linked box), the Fallback.
            let before = *boxes;
            for (j, branch) in c.children.iter().enumerate() {
                let Node::Element(b) = branch else { continue };
                if b.local() == "Choice" {
                    path.push(j);
                    text_boxes(b, w, address, path, boxes, out);
                    path.pop();
                }
            }
            if *boxes == before
                && let Some((j, b)) = c.children.iter().enumerate().find_map(|(j, n)| match n {
                    Node::Element(b) if b.local() == "Fallback" => Some((j, b)),
                    _ => None,
                })
            {
                path.push(j);
                text_boxes(b, w, address, path, boxes, out);
                path.pop();
            }
        } else if is_w(c, w, "txbxContent") {
            *boxes += 1;
            let prefix = format!("{address}.tb{boxes}.");
            walk_blocks(c, w, &prefix, path, &mut Counters::default(), out);
        } else if !is_w(c, w, "p") && !is_w(c, w, "pPr") && !is_w(c, w, "rPr") {
            text_boxes(c, w, address, path, boxes, out);
        }
        path.pop();
    }
}

fn walk_table(
    tbl: &Element,
    w: &str,
    prefix: &str,
    path: &mut Vec<usize>,
    out: &mut Vec<(String, Vec<usize>)>,
) {
    let mut r = 0;
    for (ri, row) in tbl.children.iter().enumerate() {
        let Node::Element(row) = row else { continue };
        if !is_w(row, w, "tr") {
            continue;
        }
        r += 1;
        path.push(ri);
        let mut c = 0;
        for (ci, cell) in row.children.iter().enumerate() {
            let Node::Element(cell) = cell else { continue };
            if !is_w(cell, w, "tc") {
                continue;
            }
            c += 1;
            path.push(ci);
            let cprefix = format!("{prefix}r{r}.c{c}.");
            walk_blocks(cell, w, &cprefix, path, &mut Counters::default(), out);
            path.pop();
        }
        path.pop();
    }
}
