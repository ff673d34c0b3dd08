//! Text at given boxes of a page, for forms without fields: `FreeText`
//! annotations with appearance streams, or drawn into the page.
//!
//! Boxes are given as the page is seen: from the top-left corner of the
//! visible page (crop box, after `/Rotate`), y down, in points, or in
//! pixels of a page image of a stated size (for example one rendered by
//! `pdftoppm`). The text reads upright on the displayed page.

use lopdf::{Dictionary, Object, ObjectId};
use serde::{Deserialize, Serialize};

use crate::Document;
use crate::acroform::{
    Frame, TextStyle, encode_text, field_font, parse_da, placement_of, stamp, text_content,
};
use crate::error::{PdfError, Result};

/// Horizontal alignment of the text in its box.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Align {
    /// Left (default).
    #[default]
    Left,
    /// Centred.
    Center,
    /// Right.
    Right,
}

/// One piece of text to write.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TextBox {
    /// 1-based page number.
    pub page: u32,
    /// `[x0, y0, x1, y1]` from the top-left corner of the page as displayed,
    /// y down: points, or pixels when `image_size` is given.
    #[serde(rename = "box")]
    pub rect: [f64; 4],
    /// `[width, height]` in pixels of the page image `box` refers to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_size: Option<[f64; 2]>,
    /// The text; `\n` starts a new line, long lines wrap.
    pub text: String,
    /// Font size in points; 0 or absent fits the text to the box.
    #[serde(default)]
    pub font_size: f64,
    /// Alignment in the box.
    #[serde(default)]
    pub align: Align,
    /// Text colour as `[r, g, b]` from 0 to 1 (default black).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<[f64; 3]>,
}

/// How to annotate.
#[derive(Debug, Clone, Copy, Default)]
pub struct AnnotateOptions {
    /// Draw the text into the page content instead of adding annotations.
    pub flatten: bool,
}

/// Where a box landed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Placed {
    /// 1-based page.
    pub page: u32,
    /// The box in PDF user space `[left, bottom, right, top]`.
    pub rect: [f64; 4],
}

/// What `annotate` did.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct AnnotateReport {
    /// Boxes written, in order.
    pub placed: Vec<Placed>,
    /// Whether they were drawn into the pages.
    pub flattened: bool,
    /// Replaced characters and similar.
    pub warnings: Vec<String>,
}

/// Appearances to draw into one page: page, its resources, forms with matrices.
type Stamps = (ObjectId, Option<Object>, Vec<(Object, [f64; 6])>);

/// Maps a point of the displayed page (y down, from the top-left of the crop
/// box after rotation) to user space.
fn to_user(page: &crate::Page, u: f64, v: f64) -> (f64, f64) {
    let [cx0, cy0, cx1, cy1] = page.crop_box;
    let (cw, ch) = (cx1 - cx0, cy1 - cy0);
    let (x, y) = match page.rotate {
        90 => (v, u),
        180 => (cw - u, v),
        270 => (cw - v, ch - u),
        _ => (u, ch - v),
    };
    (cx0 + x, cy0 + y)
}

fn bad(i: usize, what: &str) -> PdfError {
    PdfError::Unsupported {
        what: format!("box {}: {what}", i + 1),
    }
}

/// Checks a box and returns it in displayed points `[u0, v0, u1, v1]`.
fn displayed(i: usize, b: &TextBox, page: &crate::Page) -> Result<[f64; 4]> {
    let [x0, y0, x1, y1] = b.rect;
    if !b.rect.iter().all(|v| v.is_finite()) || x1 <= x0 || y1 <= y0 {
        return Err(bad(i, "needs x0 < x1 and y0 < y1 (finite numbers)"));
    }
    let (w, h) = page.display_size();
    let (sx, sy) = match b.image_size {
        Some([iw, ih]) if iw > 0.0 && ih > 0.0 && iw.is_finite() && ih.is_finite() => {
            (w / iw, h / ih)
        }
        Some(_) => return Err(bad(i, "image_size must be two positive numbers")),
        None => (1.0, 1.0),
    };
    if !(b.font_size.is_finite() && (0.0..=1000.0).contains(&b.font_size)) {
        return Err(bad(i, "font_size must be between 0 and 1000"));
    }
    Ok([x0 * sx, y0 * sy, x1 * sx, y1 * sy])
}

/// Writes each box's text on its page, as a `FreeText` annotation with an
/// appearance stream (every viewer shows it) or, with `options.flatten`,
/// into the page content.
///
/// # Errors
/// [`PdfError::PageRange`] for a page the document lacks;
/// [`PdfError::Unsupported`] for an empty or inverted box.
pub fn annotate(
    doc: &mut Document,
    boxes: &[TextBox],
    options: AnnotateOptions,
) -> Result<AnnotateReport> {
    let mut report = AnnotateReport {
        flattened: options.flatten,
        ..AnnotateReport::default()
    };
    // Validate everything first: nothing changes when a box is wrong.
    let mut plans = Vec::with_capacity(boxes.len());
    for (i, b) in boxes.iter().enumerate() {
        let page = doc.page(b.page)?.clone();
        let d = displayed(i, b, &page)?;
        plans.push((b, page, d));
    }
    let font = field_font(doc.lopdf(), None, b"Helv");
    let mut stamps: Vec<Stamps> = Vec::new();
    for (i, (b, page, d)) in plans.into_iter().enumerate() {
        let corners = [
            to_user(&page, d[0], d[1]),
            to_user(&page, d[2], d[1]),
            to_user(&page, d[0], d[3]),
            to_user(&page, d[2], d[3]),
        ];
        let left = corners.iter().map(|p| p.0).fold(f64::INFINITY, f64::min);
        let right = corners
            .iter()
            .map(|p| p.0)
            .fold(f64::NEG_INFINITY, f64::max);
        let bottom = corners.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
        let top = corners
            .iter()
            .map(|p| p.1)
            .fold(f64::NEG_INFINITY, f64::max);
        let frame = Frame {
            w: d[2] - d[0],
            h: d[3] - d[1],
            rotation: i64::from(page.rotate),
            ..Frame::default()
        };
        let color = b.color.map_or_else(
            || "0 g".to_owned(),
            |[r, g, bl]| {
                format!(
                    "{} {} {} rg",
                    crate::acroform::num(r.clamp(0.0, 1.0)),
                    crate::acroform::num(g.clamp(0.0, 1.0)),
                    crate::acroform::num(bl.clamp(0.0, 1.0))
                )
            },
        );
        let da_text = format!("/Helv {} Tf {color}", crate::acroform::num(b.font_size));
        let da = parse_da(Some(da_text.as_bytes()));
        let style = TextStyle {
            quadding: match b.align {
                Align::Left => 0,
                Align::Center => 1,
                Align::Right => 2,
            },
            multiline: true,
            ..TextStyle::default()
        };
        let (content, lossy) = text_content(&frame, &font, &da, style, &b.text);
        if lossy {
            report.warnings.push(format!(
                "box {}: characters outside Latin-1 are shown as ?",
                i + 1
            ));
        }
        let mut fonts = Dictionary::new();
        fonts.set(font.name.clone(), font.object.clone());
        let mut res = Dictionary::new();
        res.set("Font", Object::Dictionary(fonts));
        let lo = doc.lopdf_mut();
        let ap_id = lo.add_object(frame.xobject(content, res));
        let rect = [left, bottom, right, top];
        report.placed.push(Placed {
            page: b.page,
            rect: rect.map(|v| (v * 1000.0).round() / 1000.0),
        });
        if options.flatten {
            let m = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];
            let placement = placement_of(lo, ap_id, rect).unwrap_or(m);
            match stamps.iter_mut().find(|(id, _, _)| *id == page.id) {
                Some((_, _, items)) => items.push((Object::Reference(ap_id), placement)),
                None => stamps.push((
                    page.id,
                    page.resources.clone(),
                    vec![(Object::Reference(ap_id), placement)],
                )),
            }
            continue;
        }
        let mut annot = Dictionary::new();
        annot.set("Type", Object::Name(b"Annot".to_vec()));
        annot.set("Subtype", Object::Name(b"FreeText".to_vec()));
        annot.set(
            "Rect",
            Object::Array(rect.iter().map(|v| Object::Real(*v as f32)).collect()),
        );
        annot.set("Contents", encode_text(&b.text));
        annot.set("DA", Object::string_literal(da_text.into_bytes()));
        annot.set("F", Object::Integer(4));
        annot.set("P", Object::Reference(page.id));
        let mut bs = Dictionary::new();
        bs.set("W", Object::Integer(0));
        annot.set("BS", Object::Dictionary(bs));
        annot.set("Q", Object::Integer(style.quadding));
        let mut ap = Dictionary::new();
        ap.set("N", Object::Reference(ap_id));
        annot.set("AP", Object::Dictionary(ap));
        let annot_id = lo.add_object(annot);
        add_annot(lo, page.id, annot_id);
    }
    for (page_id, resources, items) in stamps {
        stamp(doc.lopdf_mut(), page_id, resources.as_ref(), items);
    }
    Ok(report)
}

/// Appends `annot` to the page's `/Annots` (direct or indirect array).
fn add_annot(lo: &mut lopdf::Document, page_id: ObjectId, annot: ObjectId) {
    let existing = lo
        .objects
        .get(&page_id)
        .and_then(|o| o.as_dict().ok())
        .and_then(|d| d.get(b"Annots").ok())
        .cloned();
    match existing {
        Some(Object::Reference(r)) if matches!(lo.objects.get(&r), Some(Object::Array(_))) => {
            if let Some(Object::Array(a)) = lo.objects.get_mut(&r) {
                a.push(Object::Reference(annot));
            }
        }
        Some(Object::Array(mut a)) => {
            a.push(Object::Reference(annot));
            set_annots(lo, page_id, a);
        }
        _ => set_annots(lo, page_id, vec![Object::Reference(annot)]),
    }
}

fn set_annots(lo: &mut lopdf::Document, page_id: ObjectId, a: Vec<Object>) {
    if let Some(d) = lo
        .objects
        .get_mut(&page_id)
        .and_then(|o| o.as_dict_mut().ok())
    {
        d.set("Annots", Object::Array(a));
    }
}

#[cfg(test)]
mod tests {
    use super::to_user;
    use crate::Page;

    fn page(rotate: u16) -> Page {
        Page {
            id: (1, 0),
            media_box: [0.0, 0.0, 700.0, 900.0],
            crop_box: [100.0, 50.0, 700.0, 850.0],
            rotate,
            resources: None,
        }
    }

    #[test]
    fn displayed_top_left_maps_to_the_right_corner() {
        // Crop box 600 x 800 at (100, 50).
        assert_eq!(to_user(&page(0), 0.0, 0.0), (100.0, 850.0));
        assert_eq!(to_user(&page(0), 600.0, 800.0), (700.0, 50.0));
        // Turned clockwise: the displayed top-left is the crop box's bottom-left.
        assert_eq!(to_user(&page(90), 0.0, 0.0), (100.0, 50.0));
        assert_eq!(to_user(&page(90), 800.0, 0.0), (100.0, 850.0));
        assert_eq!(to_user(&page(180), 0.0, 0.0), (700.0, 50.0));
        assert_eq!(to_user(&page(270), 0.0, 0.0), (700.0, 850.0));
        assert_eq!(to_user(&page(270), 800.0, 600.0), (100.0, 50.0));
    }
}
