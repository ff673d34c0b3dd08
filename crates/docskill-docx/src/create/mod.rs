//! `docx create`: a Word document from Markdown or a JSON outline, on the
//! project's default template (`templates/default.docx`) or on the caller's own
//! `.docx`/`.dotx`.

mod body;
mod outline;
mod parse;
mod parts;

use std::collections::HashMap;
use std::fmt::Write as _;

use docskill_opc::xml::dom::{Document, Element, Node};
use docskill_opc::{Limits, Package, resolve_target};

use crate::document::is_w;
use crate::{Error, Result};
use body::Out;
pub use outline::{
    Alignment, Code, Column, Empty, Heading, Image, Item, List, NestedItem, Outline, OutlineBlock,
    Paragraph, Quoted, Run, Table, Text,
};
use parse::{Block, Parsed};

/// The default template, made by the project (`templates/make_templates.py`).
pub const DEFAULT_TEMPLATE: &[u8] = include_bytes!("../../../../templates/default.docx");

const CT: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.";
const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// Page size of a created document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PageSize {
    /// The template's own (A4 for the default template).
    #[default]
    Template,
    /// 210 × 297 mm.
    A4,
    /// 8.5 × 11 in.
    Letter,
}

/// Options of [`create`] and [`create_outline`].
#[derive(Debug, Clone, Default)]
pub struct CreateOptions {
    /// A `.docx` or `.dotx` whose styles, numbering, headers and footers to use
    /// (its body is replaced); `None` for the default template.
    pub template: Option<Vec<u8>>,
    /// Page size.
    pub page: PageSize,
    /// Header text on every page (`{page}`, `{pages}` are fields; tabs split
    /// left, centre and right); replaces the template's default header.
    pub header: Option<String>,
    /// Footer text, like `header`; replaces the template's default footer.
    pub footer: Option<String>,
}

/// Build a Word document from Markdown. `images` returns the bytes of an image
/// path used in the Markdown (the caller decides where paths point).
///
/// # Errors
/// [`Error::InvalidInput`] for an image that cannot be read or decoded, a
/// footnote without definition; [`Error::Package`] / [`Error::NotWordprocessing`]
/// for a template that is not a Word document.
pub fn create(
    markdown: &str,
    opts: &CreateOptions,
    images: &dyn Fn(&str) -> Option<Vec<u8>>,
    limits: &Limits,
) -> Result<Vec<u8>> {
    build(&parse::parse(markdown), opts, images, limits)
}

/// Build a Word document from a JSON outline; the options' header and footer
/// win over the outline's.
///
/// # Errors
/// As [`create`], and [`Error::InvalidInput`] for a paragraph style the
/// template does not define.
pub fn create_outline(
    outline: &Outline,
    opts: &CreateOptions,
    images: &dyn Fn(&str) -> Option<Vec<u8>>,
    limits: &Limits,
) -> Result<Vec<u8>> {
    let mut opts = opts.clone();
    if opts.header.is_none() {
        opts.header.clone_from(&outline.header);
    }
    if opts.footer.is_none() {
        opts.footer.clone_from(&outline.footer);
    }
    build(&outline.to_parsed(), &opts, images, limits)
}

/// The template opened: its package, main part, document and last section.
struct Template {
    pkg: Package,
    main: String,
    doc: Document,
    sect: Element,
}

impl Template {
    fn open(bytes: &[u8], limits: &Limits) -> Result<Self> {
        let pkg = Package::open(bytes.to_vec(), limits)?;
        let main = pkg
            .relationships("/")?
            .items
            .iter()
            .find(|r| r.rel_type.ends_with("/officeDocument"))
            .and_then(|r| resolve_target("/", &r.target))
            .ok_or(Error::NotWordprocessing)?;
        let doc = Document::parse(&pkg.read_part(&main)?, &main, limits)?;
        // Keep the last section's properties (page, headers, footers); the content goes.
        let sect = body_of(&doc)?
            .elements()
            .filter(|e| is_w(e, "w", "sectPr"))
            .last()
            .cloned()
            .unwrap_or_else(|| Element::new("w:sectPr"));
        Ok(Self {
            pkg,
            main,
            doc,
            sect,
        })
    }

    fn set_page(&mut self, page: PageSize) {
        let (pw, ph) = match page {
            PageSize::A4 => (11906, 16838),
            PageSize::Letter => (12240, 15840),
            PageSize::Template => return,
        };
        let sect = &mut self.sect;
        sect.children
            .retain(|n| !matches!(n, Node::Element(e) if is_w(e, "w", "pgSz")));
        let pos = sect
            .children
            .iter()
            .position(|n| matches!(n, Node::Element(e) if is_w(e, "w", "pgMar")))
            .unwrap_or(sect.children.len());
        sect.children.insert(
            pos,
            Node::Element(
                Element::new("w:pgSz")
                    .with_attr("w:w", pw.to_string())
                    .with_attr("w:h", ph.to_string()),
            ),
        );
    }

    /// Page width minus left and right margins, in twips.
    fn text_width(&self) -> i64 {
        let page_w: i64 = self
            .sect
            .elements()
            .find(|e| is_w(e, "w", "pgSz"))
            .and_then(|e| e.attr("w:w"))
            .and_then(|v| v.parse().ok())
            .unwrap_or(11906);
        let margins: i64 = self
            .sect
            .elements()
            .find(|e| is_w(e, "w", "pgMar"))
            .map_or(2880, |m| {
                ["w:left", "w:right"]
                    .iter()
                    .filter_map(|k| m.attr(k)?.parse::<i64>().ok())
                    .sum()
            });
        page_w - margins
    }

    /// Paragraph style ids in the template's styles part.
    fn paragraph_styles(&self, limits: &Limits) -> Result<Vec<String>> {
        let Some(part) = parts::part_of(&self.pkg, &self.main, "/styles") else {
            return Ok(Vec::new());
        };
        let styles = Document::parse(&self.pkg.read_part(&part)?, &part, limits)?;
        Ok(styles
            .root
            .elements()
            .filter(|e| is_w(e, "w", "style") && e.attr("w:type") == Some("paragraph"))
            .filter_map(|e| e.attr("w:styleId").map(str::to_owned))
            .collect())
    }

    /// The body content in place of the template's, then the section.
    fn set_body(&mut self, xml: &str, limits: &Limits) -> Result<()> {
        for &(k, v) in NAMESPACES {
            if self.doc.root.attr(k).is_none() {
                self.doc.root.set_attr(k, v);
            }
        }
        let decls = NAMESPACES.iter().fold(String::new(), |mut d, (k, v)| {
            let _ = write!(d, " {k}=\"{v}\"");
            d
        });
        let wrapped = format!("<w:body{decls}>{xml}</w:body>");
        let content = Document::parse(wrapped.as_bytes(), &self.main, limits)?
            .root
            .children;
        let sect = self.sect.clone();
        let body = self
            .doc
            .root
            .elements_mut()
            .find(|e| is_w(e, "w", "body"))
            .ok_or(Error::NotWordprocessing)?;
        body.children = content;
        body.children.push(Node::Element(sect));
        Ok(())
    }
}

const NAMESPACES: &[(&str, &str)] = &[
    ("xmlns:w", crate::W_NS),
    ("xmlns:r", R_NS),
    (
        "xmlns:wp",
        "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    ),
    (
        "xmlns:a",
        "http://schemas.openxmlformats.org/drawingml/2006/main",
    ),
    (
        "xmlns:pic",
        "http://schemas.openxmlformats.org/drawingml/2006/picture",
    ),
];

fn body_of(doc: &Document) -> Result<&Element> {
    doc.root
        .elements()
        .find(|e| is_w(e, "w", "body"))
        .ok_or(Error::NotWordprocessing)
}

fn build(
    parsed: &Parsed,
    opts: &CreateOptions,
    images: &dyn Fn(&str) -> Option<Vec<u8>>,
    limits: &Limits,
) -> Result<Vec<u8>> {
    let mut t = Template::open(opts.template.as_deref().unwrap_or(DEFAULT_TEMPLATE), limits)?;
    t.set_page(opts.page);
    let numbering = parts::Numbering::load(&t.pkg, &t.main, limits)?;
    let notes: HashMap<String, u32> = parsed
        .notes
        .iter()
        .enumerate()
        .map(|(i, (l, _))| (l.clone(), u32::try_from(i + 1).unwrap_or(u32::MAX)))
        .collect();
    let mut out = Out {
        body: String::new(),
        rels: t.pkg.relationships(&t.main)?,
        notes,
        note_order: Vec::new(),
        bullets_num: numbering.num_base + 1,
        ordered_nums: HashMap::new(),
        next_num: numbering.num_base + 1,
        media: Vec::new(),
        images,
        text_width: t.text_width(),
        drawing_id: 0,
        toc: false,
        styles: t.paragraph_styles(limits)?,
    };
    for b in &parsed.blocks {
        out.block(b)?;
    }
    if out.body.is_empty() {
        out.body.push_str("<w:p/>");
    }
    for (kind, text) in [("header", &opts.header), ("footer", &opts.footer)] {
        if let Some(text) = text {
            parts::set_header_footer(&mut t, &mut out.rels, kind, text, limits)?;
        }
    }
    let xml = std::mem::take(&mut out.body);
    t.set_body(&xml, limits)?;
    if parsed
        .blocks
        .iter()
        .any(|b| matches!(b, Block::Item { .. }))
    {
        numbering.write(&mut t.pkg, &mut out, limits)?;
    }
    parts::write_footnotes(&mut t.pkg, &t.main, parsed, &mut out, limits)?;
    if out.toc {
        parts::update_fields_on_open(&mut t.pkg, &t.main, limits)?;
    }
    parts::write_media(&mut t.pkg, &t.main, &mut out)?;
    t.pkg.set_relationships(&t.main, &out.rels)?;
    // A template's main part becomes a document's.
    let bytes = t.doc.to_bytes();
    t.pkg
        .set_part(&t.main, bytes, Some(&format!("{CT}document.main+xml")))?;
    Ok(t.pkg.to_bytes()?)
}
