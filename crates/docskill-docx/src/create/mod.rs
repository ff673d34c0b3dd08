//! `docx create`: a Word document from Markdown, on the project's default
//! template (`templates/default.docx`) or on the caller's own `.docx`/`.dotx`.

mod parse;

use std::collections::HashMap;
use std::fmt::Write as _;

use docskill_opc::xml::dom::{Document, Element, Node};
use docskill_opc::xml::escape_text as esc;
use docskill_opc::{Limits, Package, resolve_target};

use crate::document::is_w;
use crate::{Error, Result};
use parse::{Align, Block, Span};

/// The default template, made by the project (`templates/make_templates.py`).
pub const DEFAULT_TEMPLATE: &[u8] = include_bytes!("../../../../templates/default.docx");

const RT: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
const CT: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.";
const EMU_PER_TWIP: i64 = 635;

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

/// Options of [`create`].
#[derive(Debug, Clone, Default)]
pub struct CreateOptions {
    /// A `.docx` or `.dotx` whose styles, numbering, headers and footers to use
    /// (its body is replaced); `None` for the default template.
    pub template: Option<Vec<u8>>,
    /// Page size.
    pub page: PageSize,
}

struct Out<'a> {
    body: String,
    rels: docskill_opc::Relationships,
    notes: HashMap<String, u32>,
    note_order: Vec<String>,
    bullets_num: u32,
    ordered_nums: HashMap<usize, u32>,
    next_num: u32,
    media: Vec<(String, Vec<u8>, &'static str)>,
    images: &'a dyn Fn(&str) -> Option<Vec<u8>>,
    text_width: i64,
    drawing_id: u32,
    toc: bool,
}

/// Image pixel size from PNG, JPEG or GIF headers, with its extension and content type.
fn image_info(b: &[u8]) -> Option<(u32, u32, &'static str, &'static str)> {
    if b.starts_with(b"\x89PNG\r\n\x1a\n") && b.len() >= 24 {
        let w = u32::from_be_bytes([b[16], b[17], b[18], b[19]]);
        let h = u32::from_be_bytes([b[20], b[21], b[22], b[23]]);
        return Some((w, h, "png", "image/png"));
    }
    if b.starts_with(b"GIF8") && b.len() >= 10 {
        return Some((
            u32::from(u16::from_le_bytes([b[6], b[7]])),
            u32::from(u16::from_le_bytes([b[8], b[9]])),
            "gif",
            "image/gif",
        ));
    }
    if b.starts_with(&[0xFF, 0xD8]) {
        let mut i = 2;
        while i + 9 < b.len() {
            if b[i] != 0xFF {
                return None;
            }
            let marker = b[i + 1];
            let len = usize::from(u16::from_be_bytes([b[i + 2], b[i + 3]]));
            if matches!(marker, 0xC0..=0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF) {
                let h = u32::from(u16::from_be_bytes([b[i + 5], b[i + 6]]));
                let w = u32::from(u16::from_be_bytes([b[i + 7], b[i + 8]]));
                return Some((w, h, "jpeg", "image/jpeg"));
            }
            i += 2 + len;
        }
    }
    None
}

impl Out<'_> {
    fn runs(&mut self, spans: &[Span], bold_all: bool) -> Result<String> {
        let mut s = String::new();
        for sp in spans {
            if let Some(label) = &sp.footnote {
                let id = *self.notes.get(label).ok_or_else(|| {
                    Error::InvalidInput(format!(
                        "footnote [^{label}] has no definition ([^{label}]: text)"
                    ))
                })?;
                if !self.note_order.contains(label) {
                    self.note_order.push(label.clone());
                }
                let _ = write!(
                    s,
                    r#"<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{id}"/></w:r>"#
                );
                continue;
            }
            let mut rpr = String::new();
            if sp.link.is_some() {
                rpr.push_str(r#"<w:rStyle w:val="Hyperlink"/>"#);
            } else if sp.code {
                rpr.push_str(r#"<w:rStyle w:val="CodeChar"/>"#);
            }
            if sp.bold || bold_all {
                rpr.push_str("<w:b/>");
            }
            if sp.italic {
                rpr.push_str("<w:i/>");
            }
            let rpr = if rpr.is_empty() {
                String::new()
            } else {
                format!("<w:rPr>{rpr}</w:rPr>")
            };
            let run = format!(
                r#"<w:r>{rpr}<w:t xml:space="preserve">{}</w:t></w:r>"#,
                esc(&sp.text.replace('\t', "    "))
            );
            match &sp.link {
                Some(url) if url.starts_with('#') => {
                    let _ = write!(
                        s,
                        r#"<w:hyperlink w:anchor="{}">{run}</w:hyperlink>"#,
                        esc(&url[1..])
                    );
                }
                Some(url) => {
                    let id = self.rels.add(&format!("{RT}hyperlink"), url, true);
                    let _ = write!(s, r#"<w:hyperlink r:id="{id}">{run}</w:hyperlink>"#);
                }
                None => s.push_str(&run),
            }
        }
        Ok(s)
    }

    fn para(&mut self, style: Option<&str>, extra_ppr: &str, spans: &[Span]) -> Result<()> {
        let st = style
            .map(|s| format!(r#"<w:pStyle w:val="{s}"/>"#))
            .unwrap_or_default();
        let ppr = if st.is_empty() && extra_ppr.is_empty() {
            String::new()
        } else {
            format!("<w:pPr>{st}{extra_ppr}</w:pPr>")
        };
        let runs = self.runs(spans, false)?;
        let _ = write!(self.body, "<w:p>{ppr}{runs}</w:p>");
        Ok(())
    }

    fn table(&mut self, align: &[Align], rows: &[Vec<Vec<Span>>]) -> Result<()> {
        let cols = rows.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let col_w = self.text_width / i64::try_from(cols).unwrap_or(1);
        let _ = write!(
            self.body,
            r#"<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="5000" w:type="pct"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>{}</w:tblGrid>"#,
            format!(r#"<w:gridCol w:w="{col_w}"/>"#).repeat(cols)
        );
        for (r, row) in rows.iter().enumerate() {
            self.body.push_str("<w:tr>");
            if r == 0 {
                self.body.push_str("<w:trPr><w:tblHeader/></w:trPr>");
            }
            for c in 0..cols {
                let jc = match align.get(c) {
                    Some(Align::Center) => r#"<w:jc w:val="center"/>"#,
                    Some(Align::Right) => r#"<w:jc w:val="right"/>"#,
                    _ => "",
                };
                let runs = match row.get(c) {
                    Some(spans) => self.runs(spans, r == 0)?,
                    None => String::new(),
                };
                let _ = write!(
                    self.body,
                    r#"<w:tc><w:tcPr><w:tcW w:w="{col_w}" w:type="dxa"/></w:tcPr><w:p><w:pPr><w:spacing w:after="0"/>{jc}</w:pPr>{runs}</w:p></w:tc>"#
                );
            }
            self.body.push_str("</w:tr>");
        }
        self.body.push_str("</w:tbl><w:p/>");
        Ok(())
    }

    fn image(&mut self, alt: &str, src: &str, width_cm: Option<f64>) -> Result<()> {
        let bytes = (self.images)(src)
            .ok_or_else(|| Error::InvalidInput(format!("image {src:?} cannot be read")))?;
        let (pw, ph, ext, ct) = image_info(&bytes)
            .ok_or_else(|| Error::InvalidInput(format!("image {src:?} is not PNG, JPEG or GIF")))?;
        if pw == 0 || ph == 0 {
            return Err(Error::InvalidInput(format!("image {src:?} has no size")));
        }
        // 96 pixels per inch, at most the text width, unless a width is given.
        let natural = i64::from(pw) * 9525;
        let max = self.text_width * EMU_PER_TWIP;
        #[expect(
            clippy::cast_possible_truncation,
            reason = "centimetres of a page fit easily"
        )]
        let cx = width_cm
            .map_or(natural.min(max), |cm| (cm * 360_000.0).round() as i64)
            .max(1);
        let cy = cx * i64::from(ph) / i64::from(pw);
        self.drawing_id += 1;
        let n = self.drawing_id;
        let name = format!("image{n}.{ext}");
        let rid = self
            .rels
            .add(&format!("{RT}image"), &format!("media/{name}"), false);
        self.media.push((name.clone(), bytes, ct));
        let alt = esc(alt);
        let _ = write!(
            self.body,
            r#"<w:p><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{n}" name="Picture {n}" descr="{alt}"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="{n}" name="{name}" descr="{alt}"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"#
        );
        Ok(())
    }

    fn block(&mut self, b: &Block) -> Result<()> {
        match b {
            Block::Heading(level, spans) => {
                self.para(Some(&format!("Heading{level}")), "", spans)?;
            }
            Block::Para(spans) => self.para(None, "", spans)?,
            Block::Quote(spans) => self.para(Some("Quote"), "", spans)?,
            Block::Item {
                ordered,
                level,
                list,
                spans,
            } => {
                let num = if *ordered {
                    *self.ordered_nums.entry(*list).or_insert_with(|| {
                        self.next_num += 1;
                        self.next_num
                    })
                } else {
                    self.bullets_num
                };
                let numpr = format!(
                    r#"<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr>"#
                );
                self.para(Some("ListParagraph"), &numpr, spans)?;
            }
            Block::Table { align, rows } => self.table(align, rows)?,
            Block::Code(lines) => {
                for l in lines {
                    let t = esc(&l.replace('\t', "    ")).into_owned();
                    let _ = write!(
                        self.body,
                        r#"<w:p><w:pPr><w:pStyle w:val="CodeBlock"/></w:pPr><w:r><w:t xml:space="preserve">{t}</w:t></w:r></w:p>"#
                    );
                }
            }
            Block::Image { alt, src, width_cm } => self.image(alt, src, *width_cm)?,
            Block::PageBreak => self
                .body
                .push_str(r#"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#),
            Block::Toc => {
                self.toc = true;
                self.body.push_str(concat!(
                    r#"<w:p><w:pPr><w:pStyle w:val="TOCHeading"/></w:pPr><w:r><w:t>Contents</w:t></w:r></w:p>"#,
                    r#"<w:p><w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \o "1-3" \h \z \u </w:instrText></w:r>"#,
                    r#"<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>Update the field (F9) to build the table of contents.</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#
                ));
            }
        }
        Ok(())
    }
}

fn part_of(pkg: &Package, main: &str, suffix: &str) -> Option<String> {
    let rels = pkg.relationships(main).ok()?;
    rels.items
        .iter()
        .find(|r| r.rel_type.ends_with(suffix) && !r.external)
        .and_then(|r| resolve_target(main, &r.target))
}

fn load_or(
    pkg: &Package,
    part: Option<&String>,
    fallback: &str,
    limits: &Limits,
) -> Result<Document> {
    match part {
        Some(p) => Ok(Document::parse(&pkg.read_part(p)?, p, limits)?),
        None => Ok(Document::parse(fallback.as_bytes(), "new part", limits)?),
    }
}

/// Build a Word document from Markdown. `images` returns the bytes of an image
/// path used in the Markdown (the caller decides where paths point).
///
/// # Panics
/// Never: footnote labels come from the parsed definitions.
///
/// # Errors
/// [`Error::InvalidInput`] for an image that cannot be read or decoded, a
/// footnote without definition; [`Error::Package`] / [`Error::NotWordprocessing`]
/// for a template that is not a Word document.
#[expect(
    clippy::too_many_lines,
    reason = "template, numbering, notes and media steps; to be split"
)]
pub fn create(
    markdown: &str,
    opts: &CreateOptions,
    images: &dyn Fn(&str) -> Option<Vec<u8>>,
    limits: &Limits,
) -> Result<Vec<u8>> {
    let template = opts.template.as_deref().unwrap_or(DEFAULT_TEMPLATE);
    let mut pkg = Package::open(template.to_vec(), limits)?;
    let main = pkg
        .relationships("/")?
        .items
        .iter()
        .find(|r| r.rel_type.ends_with("/officeDocument"))
        .and_then(|r| resolve_target("/", &r.target))
        .ok_or(Error::NotWordprocessing)?;
    let parsed = parse::parse(markdown);
    let mut doc = Document::parse(&pkg.read_part(&main)?, &main, limits)?;
    let w = "w";
    // Keep the last section's properties (page, headers, footers); drop the template's content.
    let body = doc
        .root
        .elements_mut()
        .find(|e| is_w(e, w, "body"))
        .ok_or(Error::NotWordprocessing)?;
    let mut sect = body
        .elements()
        .filter(|e| is_w(e, w, "sectPr"))
        .last()
        .cloned()
        .unwrap_or_else(|| Element::new("w:sectPr"));
    body.children.clear();
    let (pw, ph) = match opts.page {
        PageSize::A4 => (Some(11906), Some(16838)),
        PageSize::Letter => (Some(12240), Some(15840)),
        PageSize::Template => (None, None),
    };
    if let (Some(pw), Some(ph)) = (pw, ph) {
        sect.children
            .retain(|n| !matches!(n, Node::Element(e) if is_w(e, w, "pgSz")));
        let pos = sect
            .children
            .iter()
            .position(|n| matches!(n, Node::Element(e) if is_w(e, w, "pgMar")))
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
    let page_w: i64 = sect
        .elements()
        .find(|e| is_w(e, w, "pgSz"))
        .and_then(|e| e.attr("w:w"))
        .and_then(|v| v.parse().ok())
        .unwrap_or(11906);
    let margins: i64 = sect
        .elements()
        .find(|e| is_w(e, w, "pgMar"))
        .map_or(2880, |m| {
            ["w:left", "w:right"]
                .iter()
                .filter_map(|k| m.attr(k)?.parse::<i64>().ok())
                .sum()
        });
    for (k, v) in [
        ("xmlns:w", crate::W_NS),
        (
            "xmlns:r",
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
        ),
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
    ] {
        if doc.root.attr(k).is_none() {
            doc.root.set_attr(k, v);
        }
    }
    // Numbering: our own bullet and decimal definitions, after whatever the template has.
    let numbering_part = part_of(&pkg, &main, "/numbering");
    let mut numbering = load_or(
        &pkg,
        numbering_part.as_ref(),
        &format!("<w:numbering xmlns:w=\"{}\"/>", crate::W_NS),
        limits,
    )?;
    let max_of = |local: &str, key: &str| {
        numbering
            .root
            .elements()
            .filter(|e| is_w(e, w, local))
            .filter_map(|e| e.attr(key)?.parse::<u32>().ok())
            .max()
            .unwrap_or(0)
    };
    let (abs_base, num_base) = (
        max_of("abstractNum", "w:abstractNumId") + 1,
        max_of("num", "w:numId"),
    );
    let notes: HashMap<String, u32> = parsed
        .notes
        .iter()
        .enumerate()
        .map(|(i, (l, _))| (l.clone(), u32::try_from(i + 1).unwrap_or(u32::MAX)))
        .collect();
    let mut out = Out {
        body: String::new(),
        rels: pkg.relationships(&main)?,
        notes,
        note_order: Vec::new(),
        bullets_num: num_base + 1,
        ordered_nums: HashMap::new(),
        next_num: num_base + 1,
        media: Vec::new(),
        images,
        text_width: page_w - margins,
        drawing_id: 0,
        toc: false,
    };
    for b in &parsed.blocks {
        out.block(b)?;
    }
    if out.body.is_empty() {
        out.body.push_str("<w:p/>");
    }
    let wrapped = format!(
        "<w:body xmlns:w=\"{}\" xmlns:r=\"{}\" xmlns:wp=\"{}\" xmlns:a=\"{}\" xmlns:pic=\"{}\">{}</w:body>",
        crate::W_NS,
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
        "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
        "http://schemas.openxmlformats.org/drawingml/2006/main",
        "http://schemas.openxmlformats.org/drawingml/2006/picture",
        out.body
    );
    let content = Document::parse(wrapped.as_bytes(), &main, limits)?
        .root
        .children;
    let body = doc
        .root
        .elements_mut()
        .find(|e| is_w(e, w, "body"))
        .ok_or(Error::NotWordprocessing)?;
    body.children = content;
    body.children.push(Node::Element(sect));
    // Lists.
    let has_lists = parsed
        .blocks
        .iter()
        .any(|b| matches!(b, Block::Item { .. }));
    if has_lists {
        let abs = |id: u32, bullet: bool| {
            let mut a = Element::new("w:abstractNum").with_attr("w:abstractNumId", id.to_string());
            a.children.push(Node::Element(
                Element::new("w:multiLevelType").with_attr("w:val", "hybridMultilevel"),
            ));
            for i in 0..9u32 {
                let (fmt, text) = if bullet {
                    (
                        "bullet",
                        ["\u{2022}", "\u{25e6}", "\u{25aa}"][(i % 3) as usize].to_owned(),
                    )
                } else {
                    (
                        ["decimal", "lowerLetter", "lowerRoman"][(i % 3) as usize],
                        format!("%{}.", i + 1),
                    )
                };
                let lvl = Element::new("w:lvl")
                    .with_attr("w:ilvl", i.to_string())
                    .with_child(Element::new("w:start").with_attr("w:val", "1"))
                    .with_child(Element::new("w:numFmt").with_attr("w:val", fmt))
                    .with_child(Element::new("w:lvlText").with_attr("w:val", text))
                    .with_child(Element::new("w:lvlJc").with_attr("w:val", "left"))
                    .with_child(
                        Element::new("w:pPr").with_child(
                            Element::new("w:ind")
                                .with_attr("w:left", (720 + 360 * i).to_string())
                                .with_attr("w:hanging", "360"),
                        ),
                    );
                a.children.push(Node::Element(lvl));
            }
            a
        };
        let last_abs = numbering
            .root
            .children
            .iter()
            .rposition(|n| matches!(n, Node::Element(e) if is_w(e, w, "abstractNum")))
            .map_or(0, |i| i + 1);
        numbering
            .root
            .children
            .insert(last_abs, Node::Element(abs(abs_base + 1, false)));
        numbering
            .root
            .children
            .insert(last_abs, Node::Element(abs(abs_base, true)));
        let num = |id: u32, abs_id: u32, restart: bool| {
            let mut n = Element::new("w:num")
                .with_attr("w:numId", id.to_string())
                .with_child(Element::new("w:abstractNumId").with_attr("w:val", abs_id.to_string()));
            if restart {
                n.children.push(Node::Element(
                    Element::new("w:lvlOverride")
                        .with_attr("w:ilvl", "0")
                        .with_child(Element::new("w:startOverride").with_attr("w:val", "1")),
                ));
            }
            n
        };
        numbering
            .root
            .children
            .push(Node::Element(num(out.bullets_num, abs_base, false)));
        let mut ordered: Vec<u32> = out.ordered_nums.values().copied().collect();
        ordered.sort_unstable();
        for id in ordered {
            numbering
                .root
                .children
                .push(Node::Element(num(id, abs_base + 1, true)));
        }
        let part = numbering_part.clone().unwrap_or_else(|| {
            out.rels
                .add(&format!("{RT}numbering"), "numbering.xml", false);
            "/word/numbering.xml".to_owned()
        });
        pkg.set_part(
            &part,
            numbering.to_bytes(),
            Some(&format!("{CT}numbering+xml")),
        )?;
    }
    // Footnotes, in order of first reference.
    if !out.note_order.is_empty() {
        let fn_part = part_of(&pkg, &main, "/footnotes");
        let separators = format!(
            "<w:footnotes xmlns:w=\"{}\"><w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote></w:footnotes>",
            crate::W_NS
        );
        let mut notes_doc = load_or(&pkg, fn_part.as_ref(), &separators, limits)?;
        for label in &out.note_order.clone() {
            let id = out.notes[label];
            let spans = &parsed
                .notes
                .iter()
                .find(|(l, _)| l == label)
                .expect("defined")
                .1;
            let runs = out.runs(spans, false)?;
            let xml = format!(
                "<w:footnote xmlns:w=\"{}\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" w:id=\"{id}\"><w:p><w:pPr><w:pStyle w:val=\"FootnoteText\"/></w:pPr><w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space=\"preserve\"> </w:t></w:r>{runs}</w:p></w:footnote>",
                crate::W_NS
            );
            let mut note = Document::parse(xml.as_bytes(), "footnote", limits)?.root;
            note.attrs.retain(|(k, _)| !k.starts_with("xmlns"));
            notes_doc.root.children.push(Node::Element(note));
        }
        if notes_doc.root.attr("xmlns:r").is_none() {
            notes_doc.root.set_attr(
                "xmlns:r",
                "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
            );
        }
        let part = fn_part.unwrap_or_else(|| {
            out.rels
                .add(&format!("{RT}footnotes"), "footnotes.xml", false);
            "/word/footnotes.xml".to_owned()
        });
        pkg.set_part(
            &part,
            notes_doc.to_bytes(),
            Some(&format!("{CT}footnotes+xml")),
        )?;
    }
    // A table of contents asks Word to update fields on open.
    if out.toc
        && let Some(sp) = part_of(&pkg, &main, "/settings")
    {
        {
            let mut settings = Document::parse(&pkg.read_part(&sp)?, &sp, limits)?;
            if !settings.root.elements().any(|e| is_w(e, w, "updateFields")) {
                settings.root.children.insert(
                    0,
                    Node::Element(Element::new("w:updateFields").with_attr("w:val", "true")),
                );
            }
            pkg.set_part(&sp, settings.to_bytes(), None)?;
        }
    }
    let dir = main.rsplit_once('/').map_or("", |(d, _)| d).to_owned();
    for (name, bytes, ct) in std::mem::take(&mut out.media) {
        let ext = name.rsplit('.').next().unwrap_or("png").to_owned();
        pkg.content_types_mut().add_default(&ext, ct);
        pkg.set_part(&format!("{dir}/media/{name}"), bytes, None)?;
    }
    pkg.set_relationships(&main, &out.rels)?;
    // A template's main part becomes a document's.
    pkg.set_part(
        &main,
        doc.to_bytes(),
        Some(&format!("{CT}document.main+xml")),
    )?;
    Ok(pkg.to_bytes()?)
}
