//! The body of a created document: paragraphs, lists, tables, images.

use std::collections::HashMap;
use std::fmt::Write as _;

use docskill_opc::xml::escape_text as esc;

use super::parse::{Align, Block, Span};
use crate::{Error, Result};

const RT: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
const EMU_PER_TWIP: i64 = 635;

/// Text without the characters XML 1.0 or Word's text runs cannot hold
/// (C0 controls other than tab and newline, U+FFFE, U+FFFF).
pub(super) fn clean(s: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| (c < ' ' && c != '\t' && c != '\n') || c == '\u{FFFE}' || c == '\u{FFFF}';
    if s.contains(bad) {
        s.chars().filter(|&c| !bad(c)).collect::<String>().into()
    } else {
        s.into()
    }
}

/// A run's content: text pieces, with tabs and line breaks as `w:tab` and `w:br`.
pub(super) fn run_content(text: &str) -> String {
    let mut out = String::new();
    let mut piece = String::new();
    let flush = |piece: &mut String, out: &mut String| {
        if !piece.is_empty() {
            let _ = write!(out, r#"<w:t xml:space="preserve">{}</w:t>"#, esc(piece));
            piece.clear();
        }
    };
    for c in clean(text).chars() {
        match c {
            '\t' => {
                flush(&mut piece, &mut out);
                out.push_str("<w:tab/>");
            }
            '\n' => {
                flush(&mut piece, &mut out);
                out.push_str("<w:br/>");
            }
            c => piece.push(c),
        }
    }
    flush(&mut piece, &mut out);
    if out.is_empty() {
        out.push_str(r#"<w:t xml:space="preserve"></w:t>"#);
    }
    out
}

fn jc(a: Option<Align>) -> &'static str {
    match a {
        Some(Align::Center) => r#"<w:jc w:val="center"/>"#,
        Some(Align::Right) => r#"<w:jc w:val="right"/>"#,
        _ => "",
    }
}

pub(super) struct Out<'a> {
    pub body: String,
    pub rels: docskill_opc::Relationships,
    pub notes: HashMap<String, u32>,
    pub note_order: Vec<String>,
    pub bullets_num: u32,
    pub ordered_nums: HashMap<usize, u32>,
    pub next_num: u32,
    pub media: Vec<(String, Vec<u8>, &'static str)>,
    pub images: &'a dyn Fn(&str) -> Option<Vec<u8>>,
    pub text_width: i64,
    pub drawing_id: u32,
    pub toc: bool,
    /// Paragraph style ids the template defines.
    pub styles: Vec<String>,
}

impl Out<'_> {
    pub(super) fn runs(&mut self, spans: &[Span], bold_all: bool) -> Result<String> {
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
            let run = format!("<w:r>{rpr}{}</w:r>", run_content(&sp.text));
            match &sp.link {
                Some(url) if url.starts_with('#') => {
                    let _ = write!(
                        s,
                        r#"<w:hyperlink w:anchor="{}">{run}</w:hyperlink>"#,
                        esc(&clean(&url[1..]))
                    );
                }
                Some(url) => {
                    let id = self.rels.add(&format!("{RT}hyperlink"), &clean(url), true);
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

    /// Column widths in twips: given ones as given, the rest share what is left.
    fn column_widths(&self, cols: usize, widths_cm: &[Option<f64>]) -> Vec<i64> {
        #[expect(
            clippy::cast_possible_truncation,
            reason = "centimetres of a page fit easily"
        )]
        let given: Vec<Option<i64>> = (0..cols)
            .map(|c| {
                widths_cm
                    .get(c)
                    .copied()
                    .flatten()
                    .filter(|w| w.is_finite() && *w > 0.0)
                    .map(|w| (w * 1440.0 / 2.54).round() as i64)
            })
            .collect();
        let fixed: i64 = given.iter().flatten().sum();
        let free = i64::try_from(given.iter().filter(|w| w.is_none()).count()).unwrap_or(1);
        let share = if free == 0 {
            0
        } else {
            ((self.text_width - fixed) / free).max(567)
        };
        given.into_iter().map(|w| w.unwrap_or(share)).collect()
    }

    fn table(
        &mut self,
        align: &[Align],
        widths_cm: &[Option<f64>],
        header: bool,
        rows: &[Vec<Vec<Span>>],
    ) -> Result<()> {
        let cols = rows
            .iter()
            .map(Vec::len)
            .chain([align.len(), widths_cm.len()])
            .max()
            .unwrap_or(1)
            .max(1);
        let widths = self.column_widths(cols, widths_cm);
        let explicit = widths_cm.iter().any(Option::is_some);
        let (tbl_w, layout) = if explicit {
            (
                format!(
                    r#"<w:tblW w:w="{}" w:type="dxa"/>"#,
                    widths.iter().sum::<i64>()
                ),
                r#"<w:tblLayout w:type="fixed"/>"#,
            )
        } else {
            (r#"<w:tblW w:w="5000" w:type="pct"/>"#.to_owned(), "")
        };
        let grid = widths.iter().fold(String::new(), |mut g, w| {
            let _ = write!(g, r#"<w:gridCol w:w="{w}"/>"#);
            g
        });
        let _ = write!(
            self.body,
            r#"<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/>{tbl_w}{layout}<w:tblLook w:val="04A0" w:firstRow="{}" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>"#,
            u8::from(header)
        );
        for (r, row) in rows.iter().enumerate() {
            let head = header && r == 0;
            self.body.push_str("<w:tr>");
            if head {
                self.body.push_str("<w:trPr><w:tblHeader/></w:trPr>");
            }
            for (c, w) in widths.iter().enumerate() {
                let runs = match row.get(c) {
                    Some(spans) => self.runs(spans, head)?,
                    None => String::new(),
                };
                let _ = write!(
                    self.body,
                    r#"<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr><w:p><w:pPr><w:spacing w:after="0"/>{}</w:pPr>{runs}</w:p></w:tc>"#,
                    jc(align.get(c).copied())
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
        let (pw, ph, ext, ct) = docskill_opc::image_info(&bytes)
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
        let alt = esc(&clean(alt).replace(['\t', '\n'], " ")).into_owned();
        let _ = write!(
            self.body,
            r#"<w:p><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{n}" name="Picture {n}" descr="{alt}"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="{n}" name="{name}" descr="{alt}"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"#
        );
        Ok(())
    }

    pub(super) fn block(&mut self, b: &Block) -> Result<()> {
        match b {
            Block::Heading(level, spans) => {
                self.para(Some(&format!("Heading{level}")), "", spans)?;
            }
            Block::Para(spans) => self.para(None, "", spans)?,
            Block::Styled {
                style,
                align,
                spans,
            } => {
                if let Some(st) = style
                    && !self.styles.iter().any(|s| s == st)
                {
                    return Err(Error::InvalidInput(format!(
                        "paragraph style {st:?} is not in the template; it has: {}",
                        self.styles.join(", ")
                    )));
                }
                self.para(style.as_deref(), jc(*align), spans)?;
            }
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
            Block::Table {
                align,
                widths_cm,
                header,
                rows,
            } => self.table(align, widths_cm, *header, rows)?,
            Block::Code(lines) => {
                for l in lines {
                    let t = esc(&clean(&l.replace('\t', "    "))).into_owned();
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
