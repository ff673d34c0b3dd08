//! The parts around a created body: numbering, footnotes, settings, media,
//! headers and footers.

use std::fmt::Write as _;

use docskill_opc::xml::dom::{Document, Element, Node};
use docskill_opc::{Limits, Package, Relationships, resolve_target};

use super::body::Out;
use super::parse::{Parsed, Span};
use super::{CT, R_NS, Template};
use crate::document::is_w;
use crate::{Error, Result};

const RT: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

/// A part name in the same folder as `main`.
fn sibling(main: &str, name: &str) -> String {
    let dir = main.rsplit_once('/').map_or("", |(d, _)| d);
    format!("{dir}/{name}")
}

/// The part `main` relates to with a relationship type ending in `suffix`.
pub(super) fn part_of(pkg: &Package, main: &str, suffix: &str) -> Option<String> {
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

/// The template's numbering part and the first free ids in it.
pub(super) struct Numbering {
    main: String,
    part: Option<String>,
    doc: Document,
    abs_base: u32,
    pub num_base: u32,
}

impl Numbering {
    pub(super) fn load(pkg: &Package, main: &str, limits: &Limits) -> Result<Self> {
        let part = part_of(pkg, main, "/numbering");
        let doc = load_or(
            pkg,
            part.as_ref(),
            &format!("<w:numbering xmlns:w=\"{}\"/>", crate::W_NS),
            limits,
        )?;
        let max_of = |local: &str, key: &str| {
            doc.root
                .elements()
                .filter(|e| is_w(e, "w", local))
                .filter_map(|e| e.attr(key)?.parse::<u32>().ok())
                .max()
                .unwrap_or(0)
        };
        Ok(Self {
            main: main.to_owned(),
            abs_base: max_of("abstractNum", "w:abstractNumId") + 1,
            num_base: max_of("num", "w:numId"),
            part,
            doc,
        })
    }

    /// A nine-level bullet or decimal/letter/roman definition.
    fn abstract_num(id: u32, bullet: bool) -> Element {
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
    }

    fn num(id: u32, abs_id: u32, restart: bool) -> Element {
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
    }

    /// Our bullet and numbered definitions after the template's, one `w:num` per list.
    pub(super) fn write(
        mut self,
        pkg: &mut Package,
        out: &mut Out<'_>,
        limits: &Limits,
    ) -> Result<()> {
        let _ = limits;
        let children = &mut self.doc.root.children;
        let last_abs = children
            .iter()
            .rposition(|n| matches!(n, Node::Element(e) if is_w(e, "w", "abstractNum")))
            .map_or(0, |i| i + 1);
        children.insert(
            last_abs,
            Node::Element(Self::abstract_num(self.abs_base + 1, false)),
        );
        children.insert(
            last_abs,
            Node::Element(Self::abstract_num(self.abs_base, true)),
        );
        children.push(Node::Element(Self::num(
            out.bullets_num,
            self.abs_base,
            false,
        )));
        let mut ordered: Vec<u32> = out.ordered_nums.values().copied().collect();
        ordered.sort_unstable();
        for id in ordered {
            children.push(Node::Element(Self::num(id, self.abs_base + 1, true)));
        }
        let part = self.part.clone().unwrap_or_else(|| {
            out.rels
                .add(&format!("{RT}numbering"), "numbering.xml", false);
            sibling(&self.main, "numbering.xml")
        });
        pkg.set_part(
            &part,
            self.doc.to_bytes(),
            Some(&format!("{CT}numbering+xml")),
        )?;
        Ok(())
    }
}

/// Footnotes, in order of first reference.
pub(super) fn write_footnotes(
    pkg: &mut Package,
    main: &str,
    parsed: &Parsed,
    out: &mut Out<'_>,
    limits: &Limits,
) -> Result<()> {
    if out.note_order.is_empty() {
        return Ok(());
    }
    let fn_part = part_of(pkg, main, "/footnotes");
    let separators = format!(
        "<w:footnotes xmlns:w=\"{}\"><w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote></w:footnotes>",
        crate::W_NS
    );
    let mut notes_doc = load_or(pkg, fn_part.as_ref(), &separators, limits)?;
    let part = fn_part
        .clone()
        .unwrap_or_else(|| sibling(main, "footnotes.xml"));
    // Links in notes are relationships of the notes part, not of the document.
    let mut note_rels = pkg.relationships(&part)?;
    std::mem::swap(&mut out.rels, &mut note_rels);
    let written = footnote_elements(parsed, out, limits);
    std::mem::swap(&mut out.rels, &mut note_rels);
    notes_doc.root.children.extend(written?);
    if notes_doc.root.attr("xmlns:r").is_none() {
        notes_doc.root.set_attr("xmlns:r", R_NS);
    }
    if fn_part.is_none() {
        out.rels
            .add(&format!("{RT}footnotes"), "footnotes.xml", false);
    }
    if !note_rels.items.is_empty() {
        pkg.set_relationships(&part, &note_rels)?;
    }
    pkg.set_part(
        &part,
        notes_doc.to_bytes(),
        Some(&format!("{CT}footnotes+xml")),
    )?;
    Ok(())
}

/// The `w:footnote` elements, in order of first reference.
fn footnote_elements(parsed: &Parsed, out: &mut Out<'_>, limits: &Limits) -> Result<Vec<Node>> {
    let mut notes = Vec::new();
    let mut i = 0;
    // Notes may refer to further notes; those are appended to `note_order` as they come.
    while let Some(label) = out.note_order.get(i).cloned() {
        i += 1;
        let id = out.notes[&label];
        let Some((_, spans)) = parsed.notes.iter().find(|(l, _)| *l == label) else {
            continue;
        };
        let runs = out.runs(spans, false)?;
        let xml = format!(
            "<w:footnote xmlns:w=\"{}\" xmlns:r=\"{R_NS}\" w:id=\"{id}\"><w:p><w:pPr><w:pStyle w:val=\"FootnoteText\"/></w:pPr><w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space=\"preserve\"> </w:t></w:r>{runs}</w:p></w:footnote>",
            crate::W_NS
        );
        let mut note = Document::parse(xml.as_bytes(), "footnote", limits)?.root;
        note.attrs.retain(|(k, _)| !k.starts_with("xmlns"));
        notes.push(Node::Element(note));
    }
    Ok(notes)
}

/// Ask Word to update fields (the table of contents) when the document opens.
pub(super) fn update_fields_on_open(pkg: &mut Package, main: &str, limits: &Limits) -> Result<()> {
    let Some(sp) = part_of(pkg, main, "/settings") else {
        return Ok(());
    };
    let mut settings = Document::parse(&pkg.read_part(&sp)?, &sp, limits)?;
    if !settings
        .root
        .elements()
        .any(|e| is_w(e, "w", "updateFields"))
    {
        settings.root.children.insert(
            0,
            Node::Element(Element::new("w:updateFields").with_attr("w:val", "true")),
        );
    }
    pkg.set_part(&sp, settings.to_bytes(), None)?;
    Ok(())
}

/// Images collected while writing the body.
pub(super) fn write_media(pkg: &mut Package, main: &str, out: &mut Out<'_>) -> Result<()> {
    let dir = main.rsplit_once('/').map_or("", |(d, _)| d).to_owned();
    for (name, bytes, ct) in std::mem::take(&mut out.media) {
        let ext = name.rsplit('.').next().unwrap_or("png").to_owned();
        pkg.content_types_mut().add_default(&ext, ct);
        pkg.set_part(&format!("{dir}/media/{name}"), bytes, None)?;
    }
    Ok(())
}

/// Runs for header or footer text: `{page}` and `{pages}` become fields, tabs stay tabs.
fn header_runs(text: &str) -> Result<String> {
    let mut s = String::new();
    let mut rest = text;
    while !rest.is_empty() {
        let next = ["{page}", "{pages}"]
            .iter()
            .filter_map(|tok| rest.find(tok).map(|i| (i, *tok)))
            .min();
        let (literal, field) = match next {
            Some((i, tok)) => (&rest[..i], Some(tok)),
            None => (rest, None),
        };
        for part in literal.split_inclusive('\t') {
            let (piece, tab) = part.strip_suffix('\t').map_or((part, false), |t| (t, true));
            for sp in super::parse::inline(piece) {
                s.push_str(&plain_run(&sp)?);
            }
            if tab {
                s.push_str("<w:r><w:tab/></w:r>");
            }
        }
        if let Some(tok) = field {
            let instr = if tok == "{page}" { "PAGE" } else { "NUMPAGES" };
            let _ = write!(
                s,
                r#"<w:fldSimple w:instr=" {instr} "><w:r><w:t>1</w:t></w:r></w:fldSimple>"#
            );
            rest = &rest[literal.len() + tok.len()..];
        } else {
            rest = "";
        }
    }
    Ok(s)
}

fn plain_run(sp: &Span) -> Result<String> {
    if sp.footnote.is_some() {
        return Err(Error::InvalidInput(
            "a header or footer cannot hold a footnote reference".into(),
        ));
    }
    let mut rpr = String::new();
    if sp.bold {
        rpr.push_str("<w:b/>");
    }
    if sp.italic {
        rpr.push_str("<w:i/>");
    }
    let rpr = if rpr.is_empty() {
        rpr
    } else {
        format!("<w:rPr>{rpr}</w:rPr>")
    };
    Ok(format!(
        "<w:r>{rpr}{}</w:r>",
        super::body::run_content(&sp.text)
    ))
}

/// Replace the default header or footer of the section, or add one.
pub(super) fn set_header_footer(
    t: &mut Template,
    rels: &mut Relationships,
    kind: &str,
    text: &str,
    limits: &Limits,
) -> Result<()> {
    let (root, style) = if kind == "header" {
        ("w:hdr", "Header")
    } else {
        ("w:ftr", "Footer")
    };
    let styles = t.paragraph_styles(limits)?;
    let ppr = if styles.iter().any(|s| s == style) {
        format!(
            r#"<w:pPr><w:pStyle w:val="{style}"/>{}</w:pPr>"#,
            if text.contains('\t') {
                ""
            } else {
                r#"<w:jc w:val="center"/>"#
            }
        )
    } else if text.contains('\t') {
        String::new()
    } else {
        r#"<w:pPr><w:jc w:val="center"/></w:pPr>"#.to_owned()
    };
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<{root} xmlns:w=\"{}\" xmlns:r=\"{R_NS}\"><w:p>{ppr}{}</w:p></{root}>",
        crate::W_NS,
        header_runs(text)?
    );
    // Check the XML we made before it goes in.
    Document::parse(xml.as_bytes(), kind, limits)?;
    let reference = format!("{kind}Reference");
    let existing = t
        .sect
        .elements()
        .find(|e| is_w(e, "w", &reference) && e.attr("w:type").unwrap_or("default") == "default")
        .and_then(|e| e.attr("r:id"))
        .and_then(|id| rels.items.iter().find(|r| r.id == id))
        .and_then(|r| resolve_target(&t.main, &r.target));
    let ct = format!("{CT}{kind}+xml");
    if let Some(part) = existing {
        t.pkg.set_part(&part, xml.into_bytes(), Some(&ct))?;
        return Ok(());
    }
    let dir = t.main.rsplit_once('/').map_or("", |(d, _)| d).to_owned();
    let name = (1..=10_000)
        .map(|n| format!("{kind}{n}.xml"))
        .find(|n| t.pkg.read_part(&format!("{dir}/{n}")).is_err())
        .unwrap_or_default();
    let id = rels.add(&format!("{RT}{kind}"), &name, false);
    t.pkg
        .set_part(&format!("{dir}/{name}"), xml.into_bytes(), Some(&ct))?;
    // Header references come first in a section, then footer references.
    let pos = t
        .sect
        .children
        .iter()
        .position(|n| match n {
            Node::Element(e) => {
                !(is_w(e, "w", "headerReference")
                    || (kind == "footer" && is_w(e, "w", "footerReference")))
            }
            _ => false,
        })
        .unwrap_or(t.sect.children.len());
    t.sect.children.insert(
        pos,
        Node::Element(
            Element::new(format!("w:{reference}"))
                .with_attr("w:type", "default")
                .with_attr("r:id", id),
        ),
    );
    Ok(())
}
