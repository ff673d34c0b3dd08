//! The content-stream interpreter: graphics and text state, text showing,
//! form XObjects, marked content (`ActualText`) and path painting.

use std::collections::HashMap;
use std::rc::Rc;

use lopdf::content::Content;
use lopdf::{Dictionary, Object, ObjectId};

use super::matrix::Matrix;
use super::{PageContent, PathRect, Segment, TextChar};
use crate::document::{Document, Page, dict_of, number, resolve, stream_content};
use crate::error::{PdfError, Result};
use crate::font::{Font, Glyph};

/// Most path segments and rectangles kept per page.
const MAX_PATH_ITEMS: usize = 200_000;

/// Fonts loaded so far, shared by the pages of a document.
#[derive(Default)]
pub(crate) struct FontCache {
    by_id: HashMap<ObjectId, Rc<Font>>,
    forms: HashMap<ObjectId, Rc<Vec<u8>>>,
}

#[derive(Clone)]
struct GState {
    ctm: Matrix,
    fill: [f64; 3],
    char_spacing: f64,
    word_spacing: f64,
    hscale: f64,
    leading: f64,
    font: Option<Rc<Font>>,
    size: f64,
    rise: f64,
    render: i64,
}

struct Interp<'a> {
    doc: &'a lopdf::Document,
    fonts: &'a mut FontCache,
    stream_limit: usize,
    max_depth: usize,
    max_ops: usize,
    ops: usize,
    out: PageContent,
    gs: GState,
    stack: Vec<GState>,
    tm: Matrix,
    tlm: Matrix,
    /// Current path: subpaths of points in display space.
    subpaths: Vec<Vec<(f64, f64)>>,
    closed: Vec<bool>,
    rects: Vec<[f64; 4]>,
    marked: Vec<Option<(String, usize)>>,
    glyphs: Vec<Glyph>,
    fallback_font: Rc<Font>,
}

fn nums(operands: &[Object]) -> Vec<f64> {
    operands.iter().filter_map(number).collect()
}

fn hex_color(rgb: [f64; 3]) -> String {
    let c = |v: f64| (v.clamp(0.0, 1.0) * 255.0).round() as u8;
    format!("#{:02x}{:02x}{:02x}", c(rgb[0]), c(rgb[1]), c(rgb[2]))
}

fn color_from(v: &[f64]) -> Option<[f64; 3]> {
    match v.len() {
        1 => Some([v[0]; 3]),
        3 => Some([v[0], v[1], v[2]]),
        4 => {
            let k = v[3];
            Some([
                (1.0 - v[0]) * (1.0 - k),
                (1.0 - v[1]) * (1.0 - k),
                (1.0 - v[2]) * (1.0 - k),
            ])
        }
        _ => None,
    }
}

/// Interprets one page's content.
pub(crate) fn interpret_page(
    doc: &Document,
    page: &Page,
    fonts: &mut FontCache,
) -> Result<PageContent> {
    let limits = doc.limits();
    let (width, height) = page.display_size();
    let ctm = Matrix::display(page.crop_box, page.rotate);
    let mut it = Interp {
        doc: doc.lopdf(),
        fonts,
        stream_limit: limits.max_stream_bytes,
        max_depth: limits.max_xobject_depth,
        max_ops: limits.max_operators_per_page,
        ops: 0,
        out: PageContent {
            width,
            height,
            ..PageContent::default()
        },
        gs: GState {
            ctm,
            fill: [0.0; 3],
            char_spacing: 0.0,
            word_spacing: 0.0,
            hscale: 1.0,
            leading: 0.0,
            font: None,
            size: 0.0,
            rise: 0.0,
            render: 0,
        },
        stack: Vec::new(),
        tm: Matrix::IDENTITY,
        tlm: Matrix::IDENTITY,
        subpaths: Vec::new(),
        closed: Vec::new(),
        rects: Vec::new(),
        marked: Vec::new(),
        glyphs: Vec::new(),
        fallback_font: Rc::new(Font::fallback("unknown")),
    };
    let content = it.page_content(page);
    let resources = page.resources.as_ref().and_then(|r| dict_of(it.doc, r));
    it.run(&content, resources, 0)?;
    it.draw_annotations(page, ctm)?;
    Ok(it.out)
}

impl<'a> Interp<'a> {
    fn page_content(&mut self, page: &Page) -> Vec<u8> {
        let Ok(dict) = self.doc.get_dictionary(page.id) else {
            return Vec::new();
        };
        let Ok(contents) = dict.get(b"Contents") else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let parts: Vec<&Object> = match resolve(self.doc, contents) {
            Object::Array(items) => items.iter().collect(),
            other => vec![other],
        };
        for part in parts {
            if let Object::Stream(s) = resolve(self.doc, part) {
                match stream_content(self.doc, s, self.stream_limit.saturating_sub(out.len())) {
                    Ok(bytes) => out.extend_from_slice(&bytes),
                    Err(e) => self
                        .out
                        .warnings
                        .push(format!("content stream skipped: {e}")),
                }
                out.push(b'\n');
            }
        }
        out
    }

    fn run(
        &mut self,
        content: &[u8],
        resources: Option<&'a Dictionary>,
        depth: usize,
    ) -> Result<()> {
        for op in Content::decode_iter(content) {
            let Ok(op) = op else {
                self.out
                    .warnings
                    .push("content stream ends in unreadable data".into());
                break;
            };
            self.ops += 1;
            if self.ops > self.max_ops {
                return Err(PdfError::LimitExceeded {
                    what: "operators per page".into(),
                    limit: self.max_ops as u64,
                    found: self.ops as u64,
                });
            }
            self.op(&op.operator, &op.operands, resources, depth)?;
        }
        Ok(())
    }

    #[expect(
        clippy::too_many_lines,
        reason = "one arm per operator reads best as one match"
    )]
    fn op(
        &mut self,
        name: &str,
        operands: &[Object],
        resources: Option<&'a Dictionary>,
        depth: usize,
    ) -> Result<()> {
        let v = || nums(operands);
        match name {
            "q" => {
                if self.stack.len() < 4096 {
                    self.stack.push(self.gs.clone());
                }
            }
            "Q" => {
                if let Some(gs) = self.stack.pop() {
                    self.gs = gs;
                }
            }
            "cm" => {
                if let Some(m) = Matrix::from_slice(&v()) {
                    self.gs.ctm = m.then(&self.gs.ctm);
                }
            }
            "BT" => {
                self.tm = Matrix::IDENTITY;
                self.tlm = Matrix::IDENTITY;
            }
            "ET" => {}
            "Tc" => {
                if let Some(x) = v().first() {
                    self.gs.char_spacing = *x;
                }
            }
            "Tw" => {
                if let Some(x) = v().first() {
                    self.gs.word_spacing = *x;
                }
            }
            "Tz" => {
                if let Some(x) = v().first() {
                    self.gs.hscale = x / 100.0;
                }
            }
            "TL" => {
                if let Some(x) = v().first() {
                    self.gs.leading = *x;
                }
            }
            "Ts" => {
                if let Some(x) = v().first() {
                    self.gs.rise = *x;
                }
            }
            "Tr" => {
                if let Some(Object::Integer(i)) = operands.first() {
                    self.gs.render = *i;
                }
            }
            "Tf" => {
                if let (Some(Object::Name(n)), Some(size)) =
                    (operands.first(), operands.get(1).and_then(number))
                {
                    self.gs.font = Some(self.font(resources, n));
                    self.gs.size = size;
                }
            }
            "Td" => {
                if let [x, y, ..] = v()[..] {
                    self.move_line(x, y);
                }
            }
            "TD" => {
                if let [x, y, ..] = v()[..] {
                    self.gs.leading = -y;
                    self.move_line(x, y);
                }
            }
            "Tm" => {
                if let Some(m) = Matrix::from_slice(&v()) {
                    self.tm = m;
                    self.tlm = m;
                }
            }
            "T*" => self.move_line(0.0, -self.gs.leading),
            "Tj" => {
                if let Some(Object::String(s, _)) = operands.first() {
                    self.show(s);
                }
            }
            "'" => {
                self.move_line(0.0, -self.gs.leading);
                if let Some(Object::String(s, _)) = operands.first() {
                    self.show(s);
                }
            }
            "\"" => {
                if let [aw, ac, ..] = v()[..] {
                    self.gs.word_spacing = aw;
                    self.gs.char_spacing = ac;
                }
                self.move_line(0.0, -self.gs.leading);
                if let Some(Object::String(s, _)) = operands.get(2) {
                    self.show(s);
                }
            }
            "TJ" => {
                if let Some(Object::Array(items)) = operands.first() {
                    for item in items {
                        match item {
                            Object::String(s, _) => self.show(s),
                            other => {
                                if let Some(n) = number(other) {
                                    self.adjust(n);
                                }
                            }
                        }
                    }
                }
            }
            "g" | "rg" | "k" | "sc" | "scn" => {
                if let Some(c) = color_from(&v()) {
                    self.gs.fill = c;
                }
            }
            "cs" => self.gs.fill = [0.0; 3],
            "m" => {
                if let [x, y, ..] = v()[..] {
                    let p = self.gs.ctm.apply(x, y);
                    self.subpaths.push(vec![p]);
                    self.closed.push(false);
                }
            }
            "l" => {
                if let [x, y, ..] = v()[..] {
                    let p = self.gs.ctm.apply(x, y);
                    match self.subpaths.last_mut() {
                        Some(sp) => sp.push(p),
                        None => {
                            self.subpaths.push(vec![p]);
                            self.closed.push(false);
                        }
                    }
                }
            }
            "c" | "v" | "y" => {
                // Curves end a straight run: start a new subpath at the end point.
                let vals = v();
                if vals.len() >= 4 {
                    let (x, y) = (vals[vals.len() - 2], vals[vals.len() - 1]);
                    let p = self.gs.ctm.apply(x, y);
                    self.subpaths.push(vec![p]);
                    self.closed.push(false);
                }
            }
            "h" => {
                if let Some(c) = self.closed.last_mut() {
                    *c = true;
                }
            }
            "re" => {
                if let [x, y, w, h, ..] = v()[..] {
                    let pts = [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]
                        .map(|(px, py)| self.gs.ctm.apply(px, py));
                    let xs = pts.map(|p| p.0);
                    let ys = pts.map(|p| p.1);
                    let min = |a: [f64; 4]| a.iter().copied().fold(f64::INFINITY, f64::min);
                    let max = |a: [f64; 4]| a.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                    self.rects.push([min(xs), min(ys), max(xs), max(ys)]);
                }
            }
            "S" | "s" => self.paint(true, false, name == "s"),
            "f" | "F" | "f*" => self.paint(false, true, false),
            "B" | "B*" => self.paint(true, true, false),
            "b" | "b*" => self.paint(true, true, true),
            "n" => self.paint(false, false, false),
            "Do" => {
                if let Some(Object::Name(n)) = operands.first() {
                    self.draw_xobject(resources, n, depth)?;
                }
            }
            "BI" => self.out.images += 1,
            "BMC" => self.marked.push(None),
            "BDC" => {
                let props = match operands.get(1) {
                    Some(Object::Name(n)) => resources
                        .and_then(|r| r.get(b"Properties").ok())
                        .and_then(|p| dict_of(self.doc, p))
                        .and_then(|p| p.get(n).ok())
                        .and_then(|o| dict_of(self.doc, o)),
                    Some(o) => dict_of(self.doc, o),
                    None => None,
                };
                let actual = props
                    .and_then(|p| p.get(b"ActualText").ok())
                    .map(|o| resolve(self.doc, o))
                    .and_then(|o| lopdf::decode_text_string(o).ok());
                self.marked.push(actual.map(|t| (t, self.out.chars.len())));
            }
            "EMC" => {
                if let Some(Some((text, start))) = self.marked.pop() {
                    self.replace_with_actual_text(text, start);
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn move_line(&mut self, x: f64, y: f64) {
        self.tlm = Matrix::translate(x, y).then(&self.tlm);
        self.tm = self.tlm;
    }

    fn adjust(&mut self, n: f64) {
        let font_vertical = self.gs.font.as_ref().is_some_and(|f| f.vertical);
        let d = -n / 1000.0 * self.gs.size;
        self.tm = if font_vertical {
            Matrix::translate(0.0, d).then(&self.tm)
        } else {
            Matrix::translate(d * self.gs.hscale, 0.0).then(&self.tm)
        };
    }

    fn font(&mut self, resources: Option<&Dictionary>, name: &[u8]) -> Rc<Font> {
        let entry = resources
            .and_then(|r| r.get(b"Font").ok())
            .and_then(|f| dict_of(self.doc, f))
            .and_then(|f| f.get(name).ok());
        let Some(entry) = entry else {
            return Rc::new(Font::fallback(&String::from_utf8_lossy(name)));
        };
        let id = match entry {
            Object::Reference(id) => Some(*id),
            _ => None,
        };
        if let Some(id) = id
            && let Some(f) = self.fonts.by_id.get(&id)
        {
            return Rc::clone(f);
        }
        let font = match dict_of(self.doc, entry) {
            Some(d) => Rc::new(Font::load(self.doc, d, self.stream_limit)),
            None => Rc::new(Font::fallback(&String::from_utf8_lossy(name))),
        };
        if let Some(id) = id {
            self.fonts.by_id.insert(id, Rc::clone(&font));
        }
        font
    }

    fn show(&mut self, bytes: &[u8]) {
        let font = self
            .gs
            .font
            .clone()
            .unwrap_or_else(|| Rc::clone(&self.fallback_font));
        let mut glyphs = std::mem::take(&mut self.glyphs);
        font.decode(bytes, &mut glyphs);
        let size = self.gs.size;
        let th = self.gs.hscale;
        let color = hex_color(self.gs.fill);
        let invisible = self.gs.render == 3 || self.gs.render == 7;
        for g in &glyphs {
            let trm = Matrix([size * th, 0.0, 0.0, size, 0.0, self.gs.rise])
                .then(&self.tm)
                .then(&self.gs.ctm);
            let (ox, oy) = trm.apply(0.0, 0.0);
            let (bx0, by0, bx1, by1) = if font.vertical {
                (-0.5, -0.12, 0.5, 0.88)
            } else {
                let top = if font.is_type3 {
                    font.ascent.max(font.descent + 0.5)
                } else {
                    font.descent + 1.0
                };
                (0.0, font.descent, g.width, top)
            };
            let corners =
                [(bx0, by0), (bx1, by0), (bx1, by1), (bx0, by1)].map(|(x, y)| trm.apply(x, y));
            let (mut x0, mut y0, mut x1, mut y1) = (
                f64::INFINITY,
                f64::INFINITY,
                f64::NEG_INFINITY,
                f64::NEG_INFINITY,
            );
            for (x, y) in corners {
                x0 = x0.min(x);
                y0 = y0.min(y);
                x1 = x1.max(x);
                y1 = y1.max(y);
            }
            let (dx, dy) = (trm.0[0], trm.0[1]);
            let rotation = rotation_of(dx, -dy);
            let eff_size = (trm.0[2].powi(2) + trm.0[3].powi(2)).sqrt();
            let (text, unmapped) = match &g.unicode {
                Some(t) => (t.clone(), false),
                None => ("\u{FFFD}".to_string(), true),
            };
            if x0.is_finite() && y0.is_finite() && x1.is_finite() && y1.is_finite() {
                self.out.chars.push(TextChar {
                    text,
                    x0,
                    top: y0,
                    x1,
                    bottom: y1,
                    font: font.name.clone(),
                    size: (eff_size * 100.0).round() / 100.0,
                    color: color.clone(),
                    rotation,
                    unmapped,
                    invisible,
                    ox,
                    oy,
                    vertical: font.vertical,
                });
            }
            let spacing = self.gs.char_spacing
                + if g.is_space {
                    self.gs.word_spacing
                } else {
                    0.0
                };
            self.tm = if font.vertical {
                Matrix::translate(0.0, g.vertical_advance * size + spacing).then(&self.tm)
            } else {
                Matrix::translate((g.width * size + spacing) * th, 0.0).then(&self.tm)
            };
        }
        self.glyphs = glyphs;
    }

    /// Draws the normal appearance of each visible annotation (filled form
    /// fields, free text, stamps), as viewers and `pdftotext` do.
    fn draw_annotations(&mut self, page: &Page, page_ctm: Matrix) -> Result<()> {
        let doc = self.doc;
        let Some(annots) = doc
            .get_dictionary(page.id)
            .ok()
            .and_then(|d| d.get(b"Annots").ok())
            .and_then(|o| resolve(doc, o).as_array().ok())
        else {
            return Ok(());
        };
        for annot in annots.iter().take(10_000) {
            let Some(a) = dict_of(doc, annot) else {
                continue;
            };
            let flags = a
                .get(b"F")
                .ok()
                .and_then(|o| resolve(doc, o).as_i64().ok())
                .unwrap_or(0);
            if flags & 2 != 0
                || a.get(b"Subtype").ok().and_then(|o| o.as_name().ok()) == Some(b"Popup")
            {
                continue;
            }
            let Some(normal) = a
                .get(b"AP")
                .ok()
                .and_then(|o| dict_of(doc, o))
                .and_then(|ap| ap.get(b"N").ok())
            else {
                continue;
            };
            let (entry, stream) = match resolve(doc, normal) {
                Object::Stream(s) => (normal, s),
                Object::Dictionary(states) => {
                    let Some(state) = a.get(b"AS").ok().and_then(|o| o.as_name().ok()) else {
                        continue;
                    };
                    let Some(e) = states.get(state).ok() else {
                        continue;
                    };
                    let Object::Stream(s) = resolve(doc, e) else {
                        continue;
                    };
                    (e, s)
                }
                _ => continue,
            };
            let rect = a
                .get(b"Rect")
                .ok()
                .and_then(|o| resolve(doc, o).as_array().ok())
                .map(|r| nums(r));
            let Some([rx0, ry0, rx1, ry1]) = rect.and_then(|r| <[f64; 4]>::try_from(r).ok()) else {
                continue;
            };
            let bbox = stream
                .dict
                .get(b"BBox")
                .ok()
                .and_then(|o| resolve(doc, o).as_array().ok())
                .map(|b| nums(b))
                .and_then(|b| <[f64; 4]>::try_from(b).ok())
                .unwrap_or([0.0, 0.0, 1.0, 1.0]);
            let m = stream
                .dict
                .get(b"Matrix")
                .ok()
                .and_then(|o| resolve(doc, o).as_array().ok())
                .and_then(|a| Matrix::from_slice(&nums(a)))
                .unwrap_or(Matrix::IDENTITY);
            // The appearance box after its matrix, mapped onto the rectangle.
            let corners = [
                (bbox[0], bbox[1]),
                (bbox[2], bbox[1]),
                (bbox[2], bbox[3]),
                (bbox[0], bbox[3]),
            ]
            .map(|(x, y)| m.apply(x, y));
            let bx0 = corners.iter().map(|c| c.0).fold(f64::INFINITY, f64::min);
            let by0 = corners.iter().map(|c| c.1).fold(f64::INFINITY, f64::min);
            let bx1 = corners
                .iter()
                .map(|c| c.0)
                .fold(f64::NEG_INFINITY, f64::max);
            let by1 = corners
                .iter()
                .map(|c| c.1)
                .fold(f64::NEG_INFINITY, f64::max);
            let (bw, bh) = (bx1 - bx0, by1 - by0);
            if bw.abs() < 1e-9 || bh.abs() < 1e-9 || !bw.is_finite() || !bh.is_finite() {
                continue;
            }
            let (sx, sy) = ((rx1 - rx0).abs() / bw, (ry1 - ry0).abs() / bh);
            let place = Matrix([
                sx,
                0.0,
                0.0,
                sy,
                rx0.min(rx1) - bx0 * sx,
                ry0.min(ry1) - by0 * sy,
            ]);
            let id = match entry {
                Object::Reference(id) => Some(*id),
                _ => None,
            };
            self.gs.ctm = page_ctm;
            let resources = stream
                .dict
                .get(b"Resources")
                .ok()
                .and_then(|r| dict_of(doc, r));
            self.run_form(stream, id, Some(place), resources, 1)?;
        }
        Ok(())
    }

    fn replace_with_actual_text(&mut self, text: String, start: usize) {
        if start >= self.out.chars.len() {
            return;
        }
        let drawn: Vec<TextChar> = self.out.chars.drain(start..).collect();
        let mut first = drawn[0].clone();
        for c in &drawn[1..] {
            first.x0 = first.x0.min(c.x0);
            first.top = first.top.min(c.top);
            first.x1 = first.x1.max(c.x1);
            first.bottom = first.bottom.max(c.bottom);
        }
        first.text = text;
        first.unmapped = false;
        self.out.chars.push(first);
    }

    fn paint(&mut self, stroke: bool, fill: bool, close: bool) {
        let subpaths = std::mem::take(&mut self.subpaths);
        let closed = std::mem::take(&mut self.closed);
        let rects = std::mem::take(&mut self.rects);
        if !stroke && !fill {
            return;
        }
        let room = |out: &PageContent| out.segments.len() + out.rects.len() < MAX_PATH_ITEMS;
        for r in rects {
            if room(&self.out) {
                self.out.rects.push(PathRect {
                    x0: r[0],
                    top: r[1],
                    x1: r[2],
                    bottom: r[3],
                    stroke,
                    fill,
                });
            }
        }
        for (sp, was_closed) in subpaths.iter().zip(closed) {
            if let Some(r) = axis_rect(sp) {
                if room(&self.out) {
                    self.out.rects.push(PathRect {
                        x0: r[0],
                        top: r[1],
                        x1: r[2],
                        bottom: r[3],
                        stroke,
                        fill,
                    });
                }
                continue;
            }
            if !stroke {
                continue;
            }
            for w in sp.windows(2) {
                if room(&self.out) {
                    self.out.segments.push(Segment {
                        x0: w[0].0,
                        y0: w[0].1,
                        x1: w[1].0,
                        y1: w[1].1,
                    });
                }
            }
            if (close || was_closed)
                && sp.len() > 2
                && let (Some(a), Some(b)) = (sp.last(), sp.first())
                && room(&self.out)
            {
                self.out.segments.push(Segment {
                    x0: a.0,
                    y0: a.1,
                    x1: b.0,
                    y1: b.1,
                });
            }
        }
    }

    fn draw_xobject(
        &mut self,
        resources: Option<&'a Dictionary>,
        name: &[u8],
        depth: usize,
    ) -> Result<()> {
        let Some(entry) = resources
            .and_then(|r| r.get(b"XObject").ok())
            .and_then(|x| dict_of(self.doc, x))
            .and_then(|x| x.get(name).ok())
        else {
            return Ok(());
        };
        let Object::Stream(stream) = resolve(self.doc, entry) else {
            return Ok(());
        };
        let subtype = stream
            .dict
            .get(b"Subtype")
            .ok()
            .and_then(|o| o.as_name().ok());
        if subtype == Some(b"Image") {
            self.out.images += 1;
            return Ok(());
        }
        if subtype != Some(b"Form") {
            return Ok(());
        }
        if depth + 1 > self.max_depth {
            self.out.warnings.push(format!(
                "form XObjects nested deeper than {}: skipped",
                self.max_depth
            ));
            return Ok(());
        }
        let id = match entry {
            Object::Reference(id) => Some(*id),
            _ => None,
        };
        self.run_form(stream, id, None, resources, depth)
    }

    /// Draws a form XObject (or an annotation appearance, mapped by `place`
    /// from its box to the annotation rectangle).
    fn run_form(
        &mut self,
        stream: &'a lopdf::Stream,
        id: Option<ObjectId>,
        place: Option<Matrix>,
        resources: Option<&'a Dictionary>,
        depth: usize,
    ) -> Result<()> {
        let bytes = match id.and_then(|id| self.fonts.forms.get(&id)) {
            Some(b) => Rc::clone(b),
            None => {
                let Ok(b) = stream_content(self.doc, stream, self.stream_limit) else {
                    self.out
                        .warnings
                        .push("form XObject stream unreadable: skipped".into());
                    return Ok(());
                };
                let b = Rc::new(b);
                if let Some(id) = id {
                    self.fonts.forms.insert(id, Rc::clone(&b));
                }
                b
            }
        };
        let form_resources = stream
            .dict
            .get(b"Resources")
            .ok()
            .and_then(|r| dict_of(self.doc, r))
            .or(resources);
        let saved = self.gs.clone();
        let saved_stack = self.stack.len();
        let form_matrix = stream
            .dict
            .get(b"Matrix")
            .ok()
            .and_then(|o| resolve(self.doc, o).as_array().ok())
            .and_then(|a| Matrix::from_slice(&nums(a)))
            .unwrap_or(Matrix::IDENTITY);
        let place = place.unwrap_or(Matrix::IDENTITY);
        self.gs.ctm = form_matrix.then(&place).then(&self.gs.ctm);
        let (tm, tlm) = (self.tm, self.tlm);
        let result = self.run(&bytes, form_resources, depth + 1);
        self.stack.truncate(saved_stack);
        self.gs = saved;
        self.tm = tm;
        self.tlm = tlm;
        result
    }
}

fn rotation_of(dx: f64, dy: f64) -> u16 {
    let angle = dy.atan2(dx).to_degrees().rem_euclid(360.0);
    for r in [0u16, 90, 180, 270, 360] {
        if (angle - f64::from(r)).abs() < 3.0 {
            return r % 360;
        }
    }
    (angle.round() as u16) % 360
}

/// An axis-aligned rectangle drawn as a 4-point (or closed 5-point) path.
fn axis_rect(points: &[(f64, f64)]) -> Option<[f64; 4]> {
    let pts = match points.len() {
        4 => points,
        5 if (points[0].0 - points[4].0).abs() < 0.01
            && (points[0].1 - points[4].1).abs() < 0.01 =>
        {
            &points[..4]
        }
        _ => return None,
    };
    let xs: Vec<f64> = pts.iter().map(|p| p.0).collect();
    let ys: Vec<f64> = pts.iter().map(|p| p.1).collect();
    let (x0, x1) = (
        xs.iter().copied().fold(f64::INFINITY, f64::min),
        xs.iter().copied().fold(f64::NEG_INFINITY, f64::max),
    );
    let (y0, y1) = (
        ys.iter().copied().fold(f64::INFINITY, f64::min),
        ys.iter().copied().fold(f64::NEG_INFINITY, f64::max),
    );
    let on_edge = |p: &(f64, f64)| {
        ((p.0 - x0).abs() < 0.01 || (p.0 - x1).abs() < 0.01)
            && ((p.1 - y0).abs() < 0.01 || (p.1 - y1).abs() < 0.01)
    };
    pts.iter().all(on_edge).then_some([x0, y0, x1, y1])
}
