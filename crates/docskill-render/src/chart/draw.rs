//! Drawing primitives for charts, in the chart frame's points: rectangles,
//! polylines, polygons, wedges, markers and one-line texts.

use tiny_skia::{LineCap, LineJoin, PathBuilder, Stroke, Transform};

use super::model::{Symbol, TextStyle};
use crate::canvas::{Canvas, solid};
use crate::color::Rgba;
use crate::fonts::{FaceId, Fonts};
use crate::text;
use crate::trig::sin_cos_deg;

#[expect(
    clippy::cast_possible_truncation,
    reason = "chart coordinates fit in f32"
)]
pub fn f(v: f64) -> f32 {
    v as f32
}

/// Fill an axis-aligned rectangle (any sign of width and height).
pub fn rect(cv: &mut Canvas<'_>, x: f64, y: f64, w: f64, h: f64, c: Rgba, t: Transform) {
    let (x0, x1) = (x.min(x + w), x.max(x + w));
    let (y0, y1) = (y.min(y + h), y.max(y + h));
    cv.rect(f(x0), f(y0), f(x1 - x0), f(y1 - y0), c, t);
}

/// Stroke the outline of a rectangle.
pub fn rect_outline(
    cv: &mut Canvas<'_>,
    x: f64,
    y: f64,
    w: f64,
    h: f64,
    c: Rgba,
    width: f64,
    t: Transform,
) {
    let (x0, x1) = (x.min(x + w), x.max(x + w));
    let (y0, y1) = (y.min(y + h), y.max(y + h));
    polyline(
        cv,
        &[(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)],
        c,
        width,
        t,
    );
}

/// A line width in points, at least one device pixel wide (as `LibreOffice` draws hairlines).
fn visible(width: f64, t: Transform) -> f64 {
    let px = f64::from(t.sx.abs().max(t.ky.abs()));
    if px > 0.0 { width.max(1.0 / px) } else { width }
}

/// Stroke a polyline.
pub fn polyline(cv: &mut Canvas<'_>, pts: &[(f64, f64)], c: Rgba, width: f64, t: Transform) {
    if pts.len() < 2 || width <= 0.0 {
        return;
    }
    let width = visible(width, t);
    let mut pb = PathBuilder::new();
    pb.move_to(f(pts[0].0), f(pts[0].1));
    for p in &pts[1..] {
        pb.line_to(f(p.0), f(p.1));
    }
    if let Some(path) = pb.finish() {
        let s = Stroke {
            width: f(width),
            line_cap: LineCap::Butt,
            line_join: LineJoin::Round,
            ..Stroke::default()
        };
        cv.stroke(&path, c, &s, t);
    }
}

/// Fill a closed polygon.
pub fn polygon(cv: &mut Canvas<'_>, pts: &[(f64, f64)], c: Rgba, t: Transform) {
    if let Some(path) = polygon_path(pts) {
        cv.fill(&path, &solid(c), t);
    }
}

fn polygon_path(pts: &[(f64, f64)]) -> Option<tiny_skia::Path> {
    if pts.len() < 3 {
        return None;
    }
    let mut pb = PathBuilder::new();
    pb.move_to(f(pts[0].0), f(pts[0].1));
    for p in &pts[1..] {
        pb.line_to(f(p.0), f(p.1));
    }
    pb.close();
    pb.finish()
}

/// Stroke a closed polygon.
pub fn polygon_outline(cv: &mut Canvas<'_>, pts: &[(f64, f64)], c: Rgba, width: f64, t: Transform) {
    if let Some(path) = polygon_path(pts) {
        let s = Stroke {
            width: f(visible(width, t)),
            line_join: LineJoin::Round,
            ..Stroke::default()
        };
        cv.stroke(&path, c, &s, t);
    }
}

/// A point on a circle: `deg` clockwise from 12 o'clock.
pub fn on_circle(cx: f64, cy: f64, r: f64, deg: f64) -> (f64, f64) {
    let (s, c) = sin_cos_deg(deg);
    (cx + r * s, cy - r * c)
}

/// The outline of a ring sector from `a0` to `a1` (degrees clockwise from 12 o'clock),
/// radii `r0` (inner, 0 for a pie wedge) and `r1`.
pub fn wedge(cx: f64, cy: f64, r0: f64, r1: f64, a0: f64, a1: f64) -> Vec<(f64, f64)> {
    let sweep = (a1 - a0).clamp(0.0, 360.0);
    // About 2° per segment, at least 2.
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "0..=180"
    )]
    let n = ((sweep / 2.0).ceil() as usize).max(2);
    #[expect(clippy::cast_precision_loss, reason = "a few hundred steps")]
    let at = |i: usize| a0 + sweep * i as f64 / n as f64;
    let mut pts: Vec<(f64, f64)> = (0..=n).map(|i| on_circle(cx, cy, r1, at(i))).collect();
    if r0 > 0.0 {
        pts.extend((0..=n).rev().map(|i| on_circle(cx, cy, r0, at(i))));
    } else if sweep < 360.0 {
        pts.push((cx, cy));
    }
    pts
}

/// A marker centred at (`x`, `y`), `size` points across.
pub fn marker(
    cv: &mut Canvas<'_>,
    sym: Symbol,
    x: f64,
    y: f64,
    size: f64,
    fill: Option<Rgba>,
    line: Option<Rgba>,
    t: Transform,
) {
    let r = size / 2.0;
    let shape: Vec<(f64, f64)> = match sym {
        Symbol::None => return,
        Symbol::Square => vec![
            (x - r, y - r),
            (x + r, y - r),
            (x + r, y + r),
            (x - r, y + r),
        ],
        Symbol::Diamond => vec![(x, y - r), (x + r, y), (x, y + r), (x - r, y)],
        Symbol::Triangle => vec![(x, y - r), (x + r, y + r), (x - r, y + r)],
        Symbol::Circle | Symbol::Dot => {
            let r = if sym == Symbol::Dot { r / 2.0 } else { r };
            wedge(x, y, 0.0, r, 0.0, 360.0)
        }
        Symbol::X | Symbol::Plus | Symbol::Star | Symbol::Dash => {
            let c = line.or(fill).unwrap_or(Rgba::BLACK);
            let w = (size / 6.0).max(0.5);
            if matches!(sym, Symbol::X | Symbol::Star) {
                polyline(cv, &[(x - r, y - r), (x + r, y + r)], c, w, t);
                polyline(cv, &[(x - r, y + r), (x + r, y - r)], c, w, t);
            }
            if matches!(sym, Symbol::Plus | Symbol::Star) {
                polyline(cv, &[(x, y - r), (x, y + r)], c, w, t);
            }
            if matches!(sym, Symbol::Plus | Symbol::Dash) {
                polyline(cv, &[(x - r, y), (x + r, y)], c, w, t);
            }
            return;
        }
    };
    if let Some(c) = fill {
        polygon(cv, &shape, c, t);
    }
    if let Some(c) = line {
        polygon_outline(cv, &shape, c, 0.75, t);
    }
}

/// The face a text look draws with.
pub fn face(s: &TextStyle) -> FaceId {
    Fonts::resolve(&s.font, s.bold, s.italic)
}

/// Width of one line of text.
pub fn text_width(cv: &mut Canvas<'_>, s: &str, st: &TextStyle) -> f64 {
    text::run_width(cv, s, face(st), st.size)
}

/// Height of one line of text (ascent + descent).
pub fn line_height(st: &TextStyle) -> f64 {
    let (a, d) = text::face_metrics(face(st), st.size);
    a + d
}

/// Draw one line of text with its top-left corner at (`x`, `y`).
pub fn text_at(cv: &mut Canvas<'_>, s: &str, st: &TextStyle, x: f64, y: f64, t: Transform) {
    let (a, _) = text::face_metrics(face(st), st.size);
    text::run(cv, s, face(st), st.size, st.color, x, y + a, t);
}

/// Draw one line of text centred on (`cx`, `cy`).
pub fn text_centred(cv: &mut Canvas<'_>, s: &str, st: &TextStyle, cx: f64, cy: f64, t: Transform) {
    let w = text_width(cv, s, st);
    text_at(cv, s, st, cx - w / 2.0, cy - line_height(st) / 2.0, t);
}

/// Words of `s` broken into lines no wider than `max` (a word wider than `max` keeps its own line).
pub fn wrap(cv: &mut Canvas<'_>, s: &str, st: &TextStyle, max: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    for word in s.split_whitespace() {
        let cand = if cur.is_empty() {
            word.to_owned()
        } else {
            format!("{cur} {word}")
        };
        if !cur.is_empty() && text_width(cv, &cand, st) > max {
            lines.push(std::mem::replace(&mut cur, word.to_owned()));
        } else {
            cur = cand;
        }
    }
    if !cur.is_empty() || lines.is_empty() {
        lines.push(cur);
    }
    lines
}
