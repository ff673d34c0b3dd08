//! `styles.xml`: derive a cell format from a cell's current one plus a [`Style`], reusing
//! identical fonts, fills, borders, number formats and cell formats (`cellXfs`) before
//! adding new ones; differential formats (`dxfs`) for conditional formatting.

use docskill_opc::xml::dom::{Document, Element, Node};

use super::Editor;
use super::parts::{STYLES_ORDER, child, ensure_child, prefix_of, recount};
use crate::error::{Result, edit};
use crate::spec::{BorderStyle, HAlign, Style, VAlign};

const REL_STYLES: &str = "/styles";
const CT_STYLES: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml";
const MAIN_NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

/// Number formats built into Excel, by id.
const BUILTIN_FORMATS: &[(u32, &str)] = &[
    (0, "General"),
    (1, "0"),
    (2, "0.00"),
    (3, "#,##0"),
    (4, "#,##0.00"),
    (9, "0%"),
    (10, "0.00%"),
    (11, "0.00E+00"),
    (12, "# ?/?"),
    (13, "# ??/??"),
    (14, "mm-dd-yy"),
    (15, "d-mmm-yy"),
    (16, "d-mmm"),
    (17, "mmm-yy"),
    (18, "h:mm AM/PM"),
    (19, "h:mm:ss AM/PM"),
    (20, "h:mm"),
    (21, "h:mm:ss"),
    (22, "m/d/yy h:mm"),
    (37, "#,##0 ;(#,##0)"),
    (38, "#,##0 ;[Red](#,##0)"),
    (39, "#,##0.00;(#,##0.00)"),
    (40, "#,##0.00;[Red](#,##0.00)"),
    (45, "mm:ss"),
    (46, "[h]:mm:ss"),
    (47, "mmss.0"),
    (48, "##0.0E+0"),
    (49, "@"),
];

/// Whether a number format shows dates or times.
pub(crate) fn is_date_code(code: &str) -> bool {
    let mut in_quote = false;
    let mut chars = code.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => in_quote = !in_quote,
            _ if in_quote => {}
            '\\' | '_' | '*' => {
                chars.next();
            }
            '[' => {
                // Colors and conditions are skipped; elapsed time ([h], [mm], [ss]) is a time.
                let inner: String = chars.by_ref().take_while(|c| *c != ']').collect();
                let lower = inner.to_ascii_lowercase();
                if !lower.is_empty() && lower.chars().all(|c| matches!(c, 'h' | 'm' | 's')) {
                    return true;
                }
            }
            'y' | 'Y' | 'd' | 'D' | 'h' | 'H' | 's' | 'S' | 'm' | 'M' => return true,
            _ => {}
        }
    }
    false
}

fn rgb(hex: &str, at: &str, field: &str) -> Result<String> {
    let h = hex.strip_prefix('#').unwrap_or(hex);
    if h.len() == 6 && h.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(format!("FF{}", h.to_ascii_uppercase()))
    } else {
        Err(edit(
            at,
            format!("{field} {hex:?} is not a color like #1F4E79"),
        ))
    }
}

fn border_name(b: BorderStyle) -> &'static str {
    match b {
        BorderStyle::Thin => "thin",
        BorderStyle::Medium => "medium",
        BorderStyle::Thick => "thick",
        BorderStyle::Dashed => "dashed",
        BorderStyle::Dotted => "dotted",
        BorderStyle::Double => "double",
        BorderStyle::Hair => "hair",
    }
}

fn h_name(a: HAlign) -> &'static str {
    match a {
        HAlign::Left => "left",
        HAlign::Center => "center",
        HAlign::Right => "right",
        HAlign::Fill => "fill",
        HAlign::Justify => "justify",
        HAlign::CenterAcross => "centerContinuous",
        HAlign::Distributed => "distributed",
    }
}

fn v_name(a: VAlign) -> &'static str {
    match a {
        VAlign::Top => "top",
        VAlign::Center => "center",
        VAlign::Bottom => "bottom",
        VAlign::Justify => "justify",
        VAlign::Distributed => "distributed",
    }
}

/// The index of `el` among `list`'s children (an identical one), appending it when new.
fn intern(list: &mut Element, el: Element) -> u32 {
    let xml = el.to_xml();
    let pos = list
        .elements()
        .position(|e| e.local() == el.local() && e.to_xml() == xml);
    let i = pos.unwrap_or_else(|| {
        let n = list.elements().count();
        list.children.push(Node::Element(el));
        recount(list);
        n
    });
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// The `n`-th child element (of any name) of `list`.
fn nth(list: Option<&Element>, n: u32) -> Option<&Element> {
    list?.elements().nth(usize::try_from(n).ok()?)
}

fn attr_u32(e: &Element, k: &str) -> u32 {
    e.attr(k).and_then(|v| v.parse().ok()).unwrap_or(0)
}

/// Set (or replace) a child element with a `val` attribute in a font.
fn font_child(font: &mut Element, p: &str, local: &str, val: Option<&str>) {
    font.children
        .retain(|n| !matches!(n, Node::Element(e) if e.local() == local));
    let mut e = Element::new(format!("{p}{local}"));
    if let Some(v) = val {
        e.set_attr(if local == "color" { "rgb" } else { "val" }, v);
    }
    font.children.push(Node::Element(e));
}

fn has_font_change(s: &Style) -> bool {
    s.bold.is_some()
        || s.italic.is_some()
        || s.underline.is_some()
        || s.size.is_some()
        || s.color.is_some()
        || s.font.is_some()
}

impl Editor {
    /// The styles part, created (minimal) when the workbook has none.
    fn styles_part(&mut self) -> Result<String> {
        let rels = self.pkg.relationships(&self.wb_part)?;
        if let Some(p) = rels
            .items
            .iter()
            .find(|r| r.rel_type.ends_with(REL_STYLES) && !r.external)
            .and_then(|r| docskill_opc::resolve_target(&self.wb_part, &r.target))
            .filter(|p| self.pkg.has_part(p) || self.parts.is_loaded(p))
        {
            return Ok(p);
        }
        let dir = self.wb_part.rsplit_once('/').map_or("", |(d, _)| d);
        let part = format!("{dir}/styles.xml");
        let xml = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<styleSheet xmlns=\"{MAIN_NS}\"><fonts count=\"1\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts><fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills><borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs><cellXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/></cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles></styleSheet>"
        );
        let doc = Document::parse(xml.as_bytes(), &part, self.pkg.limits())?;
        self.pkg.add_part(&part, xml.into_bytes(), CT_STYLES)?;
        self.parts.insert(&part, doc);
        let mut rels = self.pkg.relationships(&self.wb_part)?;
        rels.add(
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles",
            "styles.xml",
            false,
        );
        self.pkg.set_relationships(&self.wb_part, &rels)?;
        Ok(part)
    }

    /// Whether cell format `xf` shows dates.
    pub(crate) fn is_date_xf(&mut self, xf: u32) -> Result<bool> {
        let part = self.styles_part()?;
        let doc = self.parts.get(&self.pkg, &part)?;
        let Some(x) = nth(child(&doc.root, "cellXfs"), xf) else {
            return Ok(false);
        };
        let id = attr_u32(x, "numFmtId");
        if (14..=22).contains(&id) || (45..=47).contains(&id) {
            return Ok(true);
        }
        Ok(child(&doc.root, "numFmts")
            .into_iter()
            .flat_map(Element::elements)
            .find(|n| attr_u32(n, "numFmtId") == id)
            .and_then(|n| n.attr("formatCode"))
            .is_some_and(is_date_code))
    }

    /// The id of a number format, added to `<numFmts>` when it is neither built in nor
    /// already there.
    fn num_fmt_id(root: &mut Element, code: &str) -> u32 {
        if let Some((id, _)) = BUILTIN_FORMATS.iter().find(|(_, c)| *c == code) {
            return *id;
        }
        let fmts = ensure_child(root, "numFmts", STYLES_ORDER);
        if let Some(n) = fmts.elements().find(|n| n.attr("formatCode") == Some(code)) {
            return attr_u32(n, "numFmtId");
        }
        let id = fmts
            .elements()
            .map(|n| attr_u32(n, "numFmtId"))
            .max()
            .unwrap_or(163)
            .max(163)
            + 1;
        let p = prefix_of(fmts);
        fmts.children.push(Node::Element(
            Element::new(format!("{p}numFmt"))
                .with_attr("numFmtId", id.to_string())
                .with_attr("formatCode", code),
        ));
        recount(fmts);
        id
    }

    /// The cell format that is `base` with `style` applied, reusing an identical one.
    #[expect(clippy::too_many_lines, reason = "one field after the other")]
    pub(crate) fn derive_xf(&mut self, base: u32, style: &Style, at: &str) -> Result<u32> {
        if let Some(size) = style.size
            && !(1.0..=409.0).contains(&size)
        {
            return Err(edit(at, format!("font size {size} is outside 1..409")));
        }
        let color = style
            .color
            .as_deref()
            .map(|c| rgb(c, at, "color"))
            .transpose()?;
        let fill = style
            .fill
            .as_deref()
            .map(|c| rgb(c, at, "fill"))
            .transpose()?;
        let bcolor = style
            .border_color
            .as_deref()
            .map(|c| rgb(c, at, "border_color"))
            .transpose()?;
        let part = self.styles_part()?;
        let doc = self.parts.edit(&self.pkg, &part)?;
        let root = &mut doc.root;
        let p = prefix_of(root);
        let mut xf = nth(child(root, "cellXfs"), base)
            .cloned()
            .unwrap_or_else(|| {
                Element::new(format!("{p}xf"))
                    .with_attr("numFmtId", "0")
                    .with_attr("fontId", "0")
                    .with_attr("fillId", "0")
                    .with_attr("borderId", "0")
                    .with_attr("xfId", "0")
            });
        if let Some(code) = &style.num_format {
            let id = Self::num_fmt_id(root, code);
            xf.set_attr("numFmtId", id.to_string());
            xf.set_attr("applyNumberFormat", "1");
        }
        if has_font_change(style) {
            let mut font = nth(child(root, "fonts"), attr_u32(&xf, "fontId"))
                .cloned()
                .unwrap_or_else(|| Element::new(format!("{p}font")));
            let flag = |font: &mut Element, local: &str, on: Option<bool>| match on {
                Some(true) => font_child(font, &p, local, None),
                Some(false) => font
                    .children
                    .retain(|n| !matches!(n, Node::Element(e) if e.local() == local)),
                None => {}
            };
            flag(&mut font, "b", style.bold);
            flag(&mut font, "i", style.italic);
            flag(&mut font, "u", style.underline);
            if let Some(size) = style.size {
                font_child(
                    &mut font,
                    &p,
                    "sz",
                    Some(&crate::edit::cells::number_text(size)),
                );
            }
            if let Some(c) = &color {
                font_child(&mut font, &p, "color", Some(c));
            }
            if let Some(name) = &style.font {
                font_child(&mut font, &p, "name", Some(name));
                font.children
                    .retain(|n| !matches!(n, Node::Element(e) if e.local() == "scheme"));
            }
            let fonts = ensure_child(root, "fonts", STYLES_ORDER);
            let id = intern(fonts, font);
            xf.set_attr("fontId", id.to_string());
            xf.set_attr("applyFont", "1");
        }
        if let Some(c) = &fill {
            let fill = Element::new(format!("{p}fill")).with_child(
                Element::new(format!("{p}patternFill"))
                    .with_attr("patternType", "solid")
                    .with_child(Element::new(format!("{p}fgColor")).with_attr("rgb", c.as_str()))
                    .with_child(Element::new(format!("{p}bgColor")).with_attr("indexed", "64")),
            );
            let fills = ensure_child(root, "fills", STYLES_ORDER);
            let id = intern(fills, fill);
            xf.set_attr("fillId", id.to_string());
            xf.set_attr("applyFill", "1");
        }
        if style.border.is_some() || bcolor.is_some() {
            let line = border_name(style.border.unwrap_or(BorderStyle::Thin));
            let mut border = Element::new(format!("{p}border"));
            for side in ["left", "right", "top", "bottom"] {
                let mut s = Element::new(format!("{p}{side}")).with_attr("style", line);
                if let Some(c) = &bcolor {
                    s = s
                        .with_child(Element::new(format!("{p}color")).with_attr("rgb", c.as_str()));
                }
                border.children.push(Node::Element(s));
            }
            border
                .children
                .push(Node::Element(Element::new(format!("{p}diagonal"))));
            let borders = ensure_child(root, "borders", STYLES_ORDER);
            let id = intern(borders, border);
            xf.set_attr("borderId", id.to_string());
            xf.set_attr("applyBorder", "1");
        }
        if style.align.is_some() || style.valign.is_some() || style.wrap.is_some() {
            let at_align = super::parts::position(&xf, "alignment");
            let mut al = at_align
                .and_then(|i| match &xf.children[i] {
                    Node::Element(e) => Some(e.clone()),
                    _ => None,
                })
                .unwrap_or_else(|| Element::new(format!("{p}alignment")));
            if let Some(a) = style.align {
                al.set_attr("horizontal", h_name(a));
            }
            if let Some(v) = style.valign {
                al.set_attr("vertical", v_name(v));
            }
            match style.wrap {
                Some(true) => al.set_attr("wrapText", "1"),
                Some(false) => al.remove_attr("wrapText"),
                None => {}
            }
            match at_align {
                Some(i) => xf.children[i] = Node::Element(al),
                None => xf.children.insert(0, Node::Element(al)),
            }
            xf.set_attr("applyAlignment", "1");
        }
        let xfs = ensure_child(root, "cellXfs", STYLES_ORDER);
        Ok(intern(xfs, xf))
    }

    /// A differential format (for conditional formatting) made from `style`.
    pub(crate) fn add_dxf(&mut self, style: &Style, at: &str) -> Result<u32> {
        let color = style
            .color
            .as_deref()
            .map(|c| rgb(c, at, "color"))
            .transpose()?;
        let fill = style
            .fill
            .as_deref()
            .map(|c| rgb(c, at, "fill"))
            .transpose()?;
        let bcolor = style
            .border_color
            .as_deref()
            .map(|c| rgb(c, at, "border_color"))
            .transpose()?;
        let part = self.styles_part()?;
        let doc = self.parts.edit(&self.pkg, &part)?;
        let root = &mut doc.root;
        let p = prefix_of(root);
        let mut dxf = Element::new(format!("{p}dxf"));
        if has_font_change(style) {
            let mut font = Element::new(format!("{p}font"));
            for (local, on) in [
                ("b", style.bold),
                ("i", style.italic),
                ("u", style.underline),
            ] {
                if on == Some(true) {
                    font_child(&mut font, &p, local, None);
                }
            }
            if let Some(c) = &color {
                font_child(&mut font, &p, "color", Some(c));
            }
            dxf.children.push(Node::Element(font));
        }
        if let Some(code) = &style.num_format {
            let id = Self::num_fmt_id(root, code);
            dxf.children.push(Node::Element(
                Element::new(format!("{p}numFmt"))
                    .with_attr("numFmtId", id.to_string())
                    .with_attr("formatCode", code.as_str()),
            ));
        }
        if let Some(c) = &fill {
            dxf.children.push(Node::Element(
                Element::new(format!("{p}fill")).with_child(
                    Element::new(format!("{p}patternFill")).with_child(
                        Element::new(format!("{p}bgColor")).with_attr("rgb", c.as_str()),
                    ),
                ),
            ));
        }
        if style.border.is_some() || bcolor.is_some() {
            let line = border_name(style.border.unwrap_or(BorderStyle::Thin));
            let mut border = Element::new(format!("{p}border"));
            for side in ["left", "right", "top", "bottom"] {
                let mut s = Element::new(format!("{p}{side}")).with_attr("style", line);
                if let Some(c) = &bcolor {
                    s = s
                        .with_child(Element::new(format!("{p}color")).with_attr("rgb", c.as_str()));
                }
                border.children.push(Node::Element(s));
            }
            dxf.children.push(Node::Element(border));
        }
        let dxfs = ensure_child(root, "dxfs", STYLES_ORDER);
        // Rules with the same look share one differential format, as Excel's do.
        let xml = dxf.to_xml();
        if let Some(i) = dxfs.elements().position(|d| d.to_xml() == xml) {
            return Ok(u32::try_from(i).unwrap_or(u32::MAX));
        }
        let n = u32::try_from(dxfs.elements().count()).unwrap_or(u32::MAX);
        dxfs.children.push(Node::Element(dxf));
        recount(dxfs);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::is_date_code;

    #[test]
    fn date_codes() {
        for d in ["yyyy-mm-dd", "d-mmm-yy", "hh:mm:ss", "[h]:mm", "m/d/yyyy"] {
            assert!(is_date_code(d), "{d}");
        }
        for n in ["0.00", "#,##0", "0%", "\"days\" 0", "[Red]0.0", "@"] {
            assert!(!is_date_code(n), "{n}");
        }
    }
}
