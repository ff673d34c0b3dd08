//! Appearance streams: text (single line, multiline, comb), choice fields,
//! check boxes and radio buttons.

use std::fmt::Write as _;

use lopdf::{Dictionary, Object, Stream};

use super::encoding::literal;
use super::font::{Da, FieldFont, encode};
use crate::document::{number, resolve};

/// Inner padding between the border and the text, in points.
const PAD: f64 = 2.0;
/// Line height as a multiple of the font size.
const LEADING: f64 = 1.16;
/// Auto size bounds.
const MAX_AUTO: f64 = 12.0;
const MIN_AUTO: f64 = 4.0;

/// Formats a number for a content stream: at most 3 decimals, no trailing zeros.
pub(crate) fn n(v: f64) -> String {
    let v = if v.is_finite() { v } else { 0.0 };
    let s = format!("{v:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.into() }
}

/// The look of a widget: size (after `/MK /R`), background and border.
#[derive(Debug, Clone, Default)]
pub(crate) struct Frame {
    pub w: f64,
    pub h: f64,
    /// `/MK /R` in degrees (0, 90, 180, 270).
    pub rotation: i64,
    pub background: Option<Vec<f64>>,
    pub border_color: Option<Vec<f64>>,
    pub border_width: f64,
}

fn color_op(c: &[f64], stroke: bool) -> Option<String> {
    let comps: Vec<String> = c.iter().map(|v| n(*v)).collect();
    let op = match (c.len(), stroke) {
        (1, false) => "g",
        (1, true) => "G",
        (3, false) => "rg",
        (3, true) => "RG",
        (4, false) => "k",
        (4, true) => "K",
        _ => return None,
    };
    Some(format!("{} {op}", comps.join(" ")))
}

impl Frame {
    /// Reads `/Rect`, `/MK` and `/BS` of a widget.
    pub fn of_widget(doc: &lopdf::Document, widget: &Dictionary, rect: [f64; 4]) -> Self {
        let mk = widget.get(b"MK").ok().and_then(|o| match resolve(doc, o) {
            Object::Dictionary(d) => Some(d),
            _ => None,
        });
        let colors = |k: &[u8]| -> Option<Vec<f64>> {
            let a = resolve(doc, mk?.get(k).ok()?).as_array().ok()?;
            let v: Vec<f64> = a.iter().filter_map(|o| number(resolve(doc, o))).collect();
            (!v.is_empty() && v.len() == a.len()).then_some(v)
        };
        let rotation = mk
            .and_then(|m| m.get(b"R").ok())
            .and_then(|o| resolve(doc, o).as_i64().ok())
            .unwrap_or(0)
            .rem_euclid(360)
            / 90
            * 90;
        let border_color = colors(b"BC");
        let border_width = widget
            .get(b"BS")
            .ok()
            .and_then(|bs| match resolve(doc, bs) {
                Object::Dictionary(d) => d.get(b"W").ok().and_then(|o| number(resolve(doc, o))),
                _ => None,
            })
            .unwrap_or(1.0)
            .clamp(0.0, 20.0);
        let (mut w, mut h) = (rect[2] - rect[0], rect[3] - rect[1]);
        if rotation % 180 == 90 {
            std::mem::swap(&mut w, &mut h);
        }
        Self {
            w,
            h,
            rotation,
            background: colors(b"BG"),
            border_width: if border_color.is_some() {
                border_width
            } else {
                0.0
            },
            border_color,
        }
    }

    /// Background and border operators.
    fn decoration(&self) -> String {
        let mut s = String::new();
        if let Some(op) = self.background.as_deref().and_then(|c| color_op(c, false)) {
            let _ = writeln!(s, "{op} 0 0 {} {} re f", n(self.w), n(self.h));
        }
        if self.border_width > 0.0
            && let Some(op) = self.border_color.as_deref().and_then(|c| color_op(c, true))
        {
            let b = self.border_width;
            let _ = writeln!(
                s,
                "{op} {} w {} {} {} {} re S",
                n(b),
                n(b / 2.0),
                n(b / 2.0),
                n(self.w - b),
                n(self.h - b)
            );
        }
        s
    }

    fn pad(&self) -> f64 {
        PAD + self.border_width.max(0.0)
    }

    /// Wraps content into a form `XObject` with this frame's box and rotation.
    pub fn xobject(&self, content: Vec<u8>, resources: Dictionary) -> Stream {
        let mut d = Dictionary::new();
        d.set("Type", Object::Name(b"XObject".to_vec()));
        d.set("Subtype", Object::Name(b"Form".to_vec()));
        d.set(
            "BBox",
            Object::Array(vec![0.into(), 0.into(), real(self.w), real(self.h)]),
        );
        let m: Option<[i64; 4]> = match self.rotation {
            90 => Some([0, 1, -1, 0]),
            180 => Some([-1, 0, 0, -1]),
            270 => Some([0, -1, 1, 0]),
            _ => None,
        };
        if let Some(m) = m {
            let mut a: Vec<Object> = m.iter().map(|v| Object::Integer(*v)).collect();
            a.extend([Object::Integer(0), Object::Integer(0)]);
            d.set("Matrix", Object::Array(a));
        }
        d.set("Resources", Object::Dictionary(resources));
        Stream::new(d, content)
    }
}

fn real(v: f64) -> Object {
    // Rect sizes are small; f32 keeps them exactly enough.
    #[expect(clippy::cast_possible_truncation, reason = "page coordinates fit f32")]
    Object::Real(v as f32)
}

/// How to lay out the text of a field.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct TextStyle {
    /// `/Q`: 0 left, 1 centre, 2 right.
    pub quadding: i64,
    pub multiline: bool,
    /// `Some(max_len)` for a comb field.
    pub comb: Option<u32>,
    pub password: bool,
}

/// Splits `text` into lines that fit `width` at `size`.
fn wrap(font: &FieldFont, text: &[u8], size: f64, width: f64) -> Vec<Vec<u8>> {
    let mut lines = Vec::new();
    let normalised: Vec<u8> = text
        .windows(2)
        .filter(|w| !(w[0] == b'\r' && w[1] == b'\n'))
        .map(|w| w[0])
        .chain(text.last().copied())
        .collect();
    for para in normalised.split(|&b| b == b'\n' || b == b'\r') {
        let mut line: Vec<u8> = Vec::new();
        for word in para.split(|&b| b == b' ') {
            let candidate: Vec<u8> = if line.is_empty() {
                word.to_vec()
            } else {
                [line.as_slice(), b" ", word].concat()
            };
            if font.text_width(&candidate, size) <= width || line.is_empty() && word.is_empty() {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // A word longer than the line is broken by characters.
            for &b in word {
                let mut next = line.clone();
                next.push(b);
                if font.text_width(&next, size) > width && !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    line.push(b);
                } else {
                    line = next;
                }
            }
        }
        lines.push(line);
        if lines.len() > 10_000 {
            break;
        }
    }
    lines
}

/// Content of a text field (or combo box) showing `text`. Returns the stream
/// content and whether characters had to be replaced.
pub(crate) fn text_content(
    frame: &Frame,
    font: &FieldFont,
    da: &Da,
    style: TextStyle,
    text: &str,
) -> (Vec<u8>, bool) {
    let shown: String = if style.password {
        "*".repeat(text.chars().count())
    } else {
        text.to_owned()
    };
    let (bytes, lossy) = encode(&shown);
    let pad = frame.pad();
    let avail_w = (frame.w - 2.0 * pad).max(1.0);
    let avail_h = (frame.h - 2.0 * pad).max(1.0);
    let mut out = frame.decoration();
    out.push_str("/Tx BMC\nq\n");
    let _ = writeln!(
        out,
        "{} {} {} {} re W n",
        n(pad - 1.0),
        n(pad - 1.0),
        n(avail_w + 2.0),
        n(avail_h + 2.0)
    );
    let name = String::from_utf8_lossy(&font.name).into_owned();
    let mut body: Vec<u8> = Vec::new();
    if let Some(cells) = style.comb.filter(|c| *c > 0 && !style.multiline) {
        let cell = frame.w / f64::from(cells);
        let size = if da.size > 0.0 {
            da.size
        } else {
            (avail_h / LEADING)
                .min(cell * 1.2)
                .clamp(MIN_AUTO, MAX_AUTO)
        };
        let y = baseline(frame.h, size);
        let _ = write!(out, "BT\n/{name} {} Tf {}\n", n(size), da.color);
        for (i, &b) in bytes.iter().take(cells as usize).enumerate() {
            let cw = font.text_width(&[b], size);
            #[expect(clippy::cast_precision_loss, reason = "cell index is small")]
            let x = i as f64 * cell + (cell - cw) / 2.0;
            body.extend_from_slice(format!("1 0 0 1 {} {} Tm ", n(x), n(y)).as_bytes());
            body.extend_from_slice(&literal(&[b]));
            body.extend_from_slice(b" Tj\n");
        }
    } else if style.multiline {
        let mut size = if da.size > 0.0 { da.size } else { MAX_AUTO };
        let mut lines = wrap(font, &bytes, size, avail_w);
        if da.size <= 0.0 {
            #[expect(clippy::cast_precision_loss, reason = "line counts are small")]
            while size > MIN_AUTO && lines.len() as f64 * size * LEADING > avail_h {
                size = (size - 0.5).max(MIN_AUTO);
                lines = wrap(font, &bytes, size, avail_w);
            }
        }
        let _ = write!(out, "BT\n/{name} {} Tf {}\n", n(size), da.color);
        let mut y = frame.h - pad - size * 0.93;
        for line in &lines {
            let x = aligned_x(style.quadding, font.text_width(line, size), pad, avail_w);
            body.extend_from_slice(format!("1 0 0 1 {} {} Tm ", n(x), n(y)).as_bytes());
            body.extend_from_slice(&literal(line));
            body.extend_from_slice(b" Tj\n");
            y -= size * LEADING;
        }
    } else {
        let single: Vec<u8> = bytes
            .iter()
            .map(|&b| if b == b'\n' || b == b'\r' { b' ' } else { b })
            .collect();
        let size = if da.size > 0.0 {
            da.size
        } else {
            let by_height = (avail_h / LEADING).clamp(MIN_AUTO, MAX_AUTO);
            let tw = font.text_width(&single, by_height);
            if tw > avail_w {
                (by_height * avail_w / tw).max(MIN_AUTO)
            } else {
                by_height
            }
        };
        let _ = write!(out, "BT\n/{name} {} Tf {}\n", n(size), da.color);
        let x = aligned_x(style.quadding, font.text_width(&single, size), pad, avail_w);
        body.extend_from_slice(
            format!("1 0 0 1 {} {} Tm ", n(x), n(baseline(frame.h, size))).as_bytes(),
        );
        body.extend_from_slice(&literal(&single));
        body.extend_from_slice(b" Tj\n");
    }
    let mut content = out.into_bytes();
    content.extend_from_slice(&body);
    content.extend_from_slice(b"ET\nQ\nEMC\n");
    (content, lossy)
}

/// Baseline of one line of text centred vertically in a box of height `h`.
fn baseline(h: f64, size: f64) -> f64 {
    (h - size * 0.925) / 2.0 + size * 0.207
}

fn aligned_x(quadding: i64, text_w: f64, pad: f64, avail_w: f64) -> f64 {
    match quadding {
        1 => pad + (avail_w - text_w) / 2.0,
        2 => pad + avail_w - text_w,
        _ => pad,
    }
}

/// Content of a list box: the options from `top`, selected ones highlighted.
pub(crate) fn list_content(
    frame: &Frame,
    font: &FieldFont,
    da: &Da,
    options: &[String],
    selected: &[usize],
    top: usize,
) -> (Vec<u8>, bool) {
    let pad = frame.pad();
    let size = if da.size > 0.0 { da.size } else { MAX_AUTO };
    let line_h = size * LEADING;
    let mut out = frame.decoration();
    out.push_str("/Tx BMC\nq\n");
    let _ = writeln!(
        out,
        "{} {} {} {} re W n",
        n(pad - 1.0),
        n(pad - 1.0),
        n(frame.w - 2.0 * pad + 2.0),
        n(frame.h - 2.0 * pad + 2.0)
    );
    let mut y_top = frame.h - pad;
    let mut lossy = false;
    let mut text: Vec<u8> = Vec::new();
    let name = String::from_utf8_lossy(&font.name).into_owned();
    text.extend_from_slice(format!("BT\n/{name} {} Tf {}\n", n(size), da.color).as_bytes());
    for (i, opt) in options.iter().enumerate().skip(top) {
        if y_top < pad {
            break;
        }
        if selected.contains(&i) {
            let _ = writeln!(
                out,
                "0.6 0.75 0.85 rg {} {} {} {} re f",
                n(pad - 1.0),
                n(y_top - line_h),
                n(frame.w - 2.0 * pad + 2.0),
                n(line_h)
            );
        }
        let (bytes, l) = encode(opt);
        lossy |= l;
        text.extend_from_slice(
            format!("1 0 0 1 {} {} Tm ", n(pad), n(y_top - size * 0.93)).as_bytes(),
        );
        text.extend_from_slice(&literal(&bytes));
        text.extend_from_slice(b" Tj\n");
        y_top -= line_h;
    }
    text.extend_from_slice(b"ET\nQ\nEMC\n");
    let mut content = out.into_bytes();
    content.extend_from_slice(&text);
    (content, lossy)
}

/// Content of a check box or radio button in its on (or off) state.
pub(crate) fn button_content(frame: &Frame, da: &Da, radio: bool, on: bool) -> Vec<u8> {
    let mut out = frame.decoration();
    if !on {
        return out.into_bytes();
    }
    let (w, h) = (frame.w, frame.h);
    let fill = da.color.clone();
    let stroke = stroke_color(&da.color);
    if radio {
        let r = w.min(h) * 0.25;
        let (cx, cy) = (w / 2.0, h / 2.0);
        let k = r * 0.552_284_75;
        let _ = writeln!(
            out,
            "q {fill} {} {} m {} {} {} {} {} {} c {} {} {} {} {} {} c {} {} {} {} {} {} c {} {} {} {} {} {} c f Q",
            n(cx + r),
            n(cy),
            n(cx + r),
            n(cy + k),
            n(cx + k),
            n(cy + r),
            n(cx),
            n(cy + r),
            n(cx - k),
            n(cy + r),
            n(cx - r),
            n(cy + k),
            n(cx - r),
            n(cy),
            n(cx - r),
            n(cy - k),
            n(cx - k),
            n(cy - r),
            n(cx),
            n(cy - r),
            n(cx + k),
            n(cy - r),
            n(cx + r),
            n(cy - k),
            n(cx + r),
            n(cy),
        );
    } else {
        let s = w.min(h);
        let (ox, oy) = ((w - s) / 2.0, (h - s) / 2.0);
        let _ = writeln!(
            out,
            "q {stroke} {} w 1 J 1 j {} {} m {} {} l {} {} l S Q",
            n(s * 0.1),
            n(ox + s * 0.2),
            n(oy + s * 0.52),
            n(ox + s * 0.42),
            n(oy + s * 0.28),
            n(ox + s * 0.8),
            n(oy + s * 0.75)
        );
    }
    out.into_bytes()
}

/// The stroking form of a fill colour operator (`0 g` → `0 G`).
fn stroke_color(fill: &str) -> String {
    match fill.rsplit_once(' ') {
        Some((ops, "g")) => format!("{ops} G"),
        Some((ops, "rg")) => format!("{ops} RG"),
        Some((ops, "k")) => format!("{ops} K"),
        _ => "0 G".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::acroform::font::parse_da;

    fn helv() -> FieldFont {
        super::super::font::field_font(&lopdf::Document::new(), None, b"Helv")
    }

    #[test]
    fn numbers() {
        assert_eq!(n(1.0), "1");
        assert_eq!(n(1.2345), "1.234");
        assert_eq!(n(-0.0001), "0");
    }

    #[test]
    fn wraps_words() {
        let f = helv();
        let lines = wrap(&f, b"aaaa bbbb cccc", 10.0, 50.0);
        assert_eq!(lines, vec![b"aaaa bbbb".to_vec(), b"cccc".to_vec()]);
        let lines = wrap(&f, b"one\ntwo", 10.0, 500.0);
        assert_eq!(lines.len(), 2);
    }

    #[test]
    fn single_line_auto_size_shrinks_long_text() {
        let frame = Frame {
            w: 60.0,
            h: 20.0,
            ..Frame::default()
        };
        let da = parse_da(Some(b"/Helv 0 Tf 0 g"));
        let (c, _) = text_content(
            &frame,
            &helv(),
            &da,
            TextStyle::default(),
            "a rather long value",
        );
        let s = String::from_utf8(c).unwrap();
        assert!(s.contains("/Helv "), "{s}");
        assert!(!s.contains("/Helv 12 Tf"), "{s}");
    }
}
