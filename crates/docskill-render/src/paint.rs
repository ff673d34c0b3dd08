//! Fills and outlines: DrawingML fill choices, theme style references, dashes and arrowheads.

use docskill_opc::xml::dom::Element;
use tiny_skia::{
    GradientStop, LineCap, LineJoin, LinearGradient, Path, Point, RadialGradient, SpreadMode,
    Stroke, StrokeDash, Transform,
};

use crate::canvas::{Canvas, solid};
use crate::color::{Palette, Rgba, is_color};
use crate::trig::{atan2_deg, sin_cos_deg};
use crate::xml::{child, int, path, pt};

/// A fill, resolved.
#[derive(Debug, Clone)]
pub enum Fill {
    /// `a:noFill`.
    None,
    /// One colour.
    Solid(Rgba),
    /// Linear (angle in degrees) or radial (`path`) gradient with stops (0..=1, colour).
    Gradient {
        /// Stops, sorted.
        stops: Vec<(f64, Rgba)>,
        /// Degrees for linear; `None` for radial.
        angle: Option<f64>,
    },
    /// `a:blipFill`: the relationship id of the image.
    Picture(String),
}

/// Whether an element is a fill choice.
pub fn is_fill(local: &str) -> bool {
    matches!(
        local,
        "noFill" | "solidFill" | "gradFill" | "blipFill" | "pattFill" | "grpFill"
    )
}

/// Resolve one fill element (`a:solidFill`...), `ph` standing for `phClr`.
pub fn fill_of(pal: &Palette, el: &Element, ph: Option<Rgba>) -> Option<Fill> {
    match el.local() {
        "noFill" => Some(Fill::None),
        "solidFill" => Some(pal.color_in(el, ph).map_or(Fill::None, Fill::Solid)),
        "gradFill" => {
            let mut stops: Vec<(f64, Rgba)> = child(el, "gsLst")
                .map(|l| {
                    l.elements()
                        .filter_map(|gs| {
                            #[expect(clippy::cast_precision_loss, reason = "percent values")]
                            let pos = int(gs, "pos").unwrap_or(0) as f64 / 100_000.0;
                            Some((pos.clamp(0.0, 1.0), pal.color_in(gs, ph)?))
                        })
                        .collect()
                })
                .unwrap_or_default();
            stops.sort_by(|a, b| a.0.total_cmp(&b.0));
            if stops.is_empty() {
                return Some(Fill::None);
            }
            #[expect(clippy::cast_precision_loss, reason = "angles in 60,000ths")]
            let angle = match (child(el, "lin"), child(el, "path")) {
                (_, Some(_)) => None,
                (Some(l), None) => Some(int(l, "ang").unwrap_or(0) as f64 / 60_000.0),
                (None, None) => Some(90.0),
            };
            Some(Fill::Gradient { stops, angle })
        }
        "blipFill" => path(el, &["blip"])
            .and_then(|b| crate::xml::prefixed(b, "embed"))
            .map(|r| Fill::Picture(r.to_owned())),
        "pattFill" => {
            let fg = child(el, "fgClr")
                .and_then(|c| pal.color_in(c, ph))
                .unwrap_or(Rgba::BLACK);
            let bg = child(el, "bgClr")
                .and_then(|c| pal.color_in(c, ph))
                .unwrap_or(Rgba::WHITE);
            Some(Fill::Solid(Rgba {
                r: f64::midpoint(fg.r, bg.r),
                g: f64::midpoint(fg.g, bg.g),
                b: f64::midpoint(fg.b, bg.b),
                a: f64::midpoint(fg.a, bg.a),
            }))
        }
        _ => None,
    }
}

/// The first fill choice among an element's children.
pub fn fill_in(pal: &Palette, holder: &Element, ph: Option<Rgba>) -> Option<Fill> {
    holder
        .elements()
        .find(|e| is_fill(e.local()))
        .and_then(|e| fill_of(pal, e, ph))
}

/// The theme style list entry `idx` (1-based) of `fillStyleLst`, `lnStyleLst` or (from 1001) `bgFillStyleLst`.
pub fn theme_style<'t>(theme: Option<&'t Element>, list: &str, idx: i64) -> Option<&'t Element> {
    let l = theme.and_then(|t| path(t, &["themeElements", "fmtScheme", list]))?;
    let i = usize::try_from(idx.checked_sub(1)?).ok()?;
    l.elements().nth(i)
}

/// A style reference's colour (`a:fillRef`, `a:lnRef`, `a:fontRef`).
pub fn ref_color(pal: &Palette, r: &Element) -> Option<Rgba> {
    r.elements()
        .find(|e| is_color(e.local()))
        .and_then(|c| pal.color(c, None))
}

/// Fill a path in box (w × h) with a resolved fill (pictures are drawn by the caller).
pub fn fill_path(cv: &mut Canvas<'_>, p: &Path, fill: &Fill, w: f64, h: f64, t: Transform) {
    match fill {
        Fill::None | Fill::Picture(_) => {}
        Fill::Solid(c) => cv.fill(p, &solid(*c), t),
        Fill::Gradient { stops, angle } => {
            let gs: Vec<GradientStop> = stops
                .iter()
                .map(|(pos, c)| GradientStop::new(f32c(*pos), c.skia()))
                .collect();
            let shader = if let Some(ang) = angle {
                let (s, c) = sin_cos_deg(*ang);
                let half = f64::midpoint((w * c).abs(), (h * s).abs());
                let (cx, cy) = (w / 2.0, h / 2.0);
                LinearGradient::new(
                    Point::from_xy(f32c(cx - c * half), f32c(cy - s * half)),
                    Point::from_xy(f32c(cx + c * half), f32c(cy + s * half)),
                    gs,
                    SpreadMode::Pad,
                    Transform::identity(),
                )
            } else {
                let r = (w * w + h * h).sqrt() / 2.0;
                let centre = Point::from_xy(f32c(w / 2.0), f32c(h / 2.0));
                RadialGradient::new(
                    centre,
                    centre,
                    f32c(r),
                    gs,
                    SpreadMode::Pad,
                    Transform::identity(),
                )
            };
            match shader {
                Some(s) => cv.fill_shader(p, s, t),
                None => {
                    if let Some((_, c)) = stops.first() {
                        cv.fill(p, &solid(*c), t);
                    }
                }
            }
        }
    }
}

#[expect(
    clippy::cast_possible_truncation,
    reason = "slide coordinates fit in f32"
)]
fn f32c(v: f64) -> f32 {
    v as f32
}

/// An outline, resolved.
pub struct Outline {
    /// Colour (no outline when `None`).
    pub color: Option<Rgba>,
    /// Width, points.
    pub width: f64,
    /// Dash pattern in multiples of the width.
    pub dash: Option<Vec<f64>>,
    /// Arrowhead at the start and the end: (kind, width class, length class).
    pub head: Option<(String, String, String)>,
    /// Arrowhead at the end.
    pub tail: Option<(String, String, String)>,
}

/// Resolve an outline from `a:ln` elements (most specific first) and a theme `lnRef`.
pub fn outline(
    pal: &Palette,
    lns: &[&Element],
    theme: Option<&Element>,
    ln_ref: Option<&Element>,
) -> Outline {
    let ref_ln = ln_ref.and_then(|r| theme_style(theme, "lnStyleLst", int(r, "idx").unwrap_or(0)));
    let ref_color = ln_ref.and_then(|r| ref_color(pal, r));
    let mut chain: Vec<&Element> = lns.to_vec();
    chain.extend(ref_ln);
    let color = chain
        .iter()
        .find_map(|l| {
            l.elements()
                .find(|e| is_fill(e.local()))
                .map(|f| match fill_of(pal, f, ref_color) {
                    Some(Fill::Solid(c)) => Some(c),
                    Some(Fill::Gradient { stops, .. }) => stops.first().map(|s| s.1),
                    _ => None,
                })
        })
        .flatten();
    let width = chain
        .iter()
        .find_map(|l| int(l, "w"))
        .map_or(0.75, pt)
        .max(0.0);
    let dash = chain
        .iter()
        .find_map(|l| child(l, "prstDash").and_then(|d| d.attr("val")))
        .and_then(|d| {
            let v: &[f64] = match d {
                "dash" => &[4.0, 3.0],
                "sysDash" => &[3.0, 1.0],
                "dot" | "sysDot" => &[1.0, 1.0],
                "lgDash" => &[8.0, 3.0],
                "dashDot" => &[4.0, 3.0, 1.0, 3.0],
                "sysDashDot" => &[3.0, 1.0, 1.0, 1.0],
                "lgDashDot" => &[8.0, 3.0, 1.0, 3.0],
                "lgDashDotDot" | "sysDashDotDot" => &[8.0, 3.0, 1.0, 3.0, 1.0, 3.0],
                _ => return None,
            };
            Some(v.to_vec())
        });
    let end = |k: &str| {
        chain.iter().find_map(|l| child(l, k)).and_then(|e| {
            let kind = e.attr("type").unwrap_or("none");
            (kind != "none").then(|| {
                (
                    kind.to_owned(),
                    e.attr("w").unwrap_or("med").to_owned(),
                    e.attr("len").unwrap_or("med").to_owned(),
                )
            })
        })
    };
    Outline {
        color,
        width,
        dash,
        head: end("headEnd"),
        tail: end("tailEnd"),
    }
}

/// Stroke a path with an outline, then its arrowheads at the open ends.
pub fn stroke_path(
    cv: &mut Canvas<'_>,
    p: &Path,
    o: &Outline,
    ends: Option<[(f64, f64); 4]>,
    t: Transform,
) {
    let Some(color) = o.color else {
        return;
    };
    let w = o.width.max(0.1);
    let mut stroke = Stroke {
        width: f32c(w),
        line_cap: LineCap::Butt,
        line_join: LineJoin::Round,
        ..Stroke::default()
    };
    if let Some(d) = &o.dash {
        let arr: Vec<f32> = d.iter().map(|v| f32c(v * w)).collect();
        stroke.dash = StrokeDash::new(arr, 0.0);
    }
    cv.stroke(p, color, &stroke, t);
    let Some([s0, s1, e0, e1]) = ends else {
        return;
    };
    if let Some(h) = &o.head {
        arrowhead(cv, s1, s0, h, w, color, t);
    }
    if let Some(tl) = &o.tail {
        arrowhead(cv, e0, e1, tl, w, color, t);
    }
}

/// An arrowhead at `tip`, pointing away from `from`.
fn arrowhead(
    cv: &mut Canvas<'_>,
    from: (f64, f64),
    tip: (f64, f64),
    spec: &(String, String, String),
    w: f64,
    c: Rgba,
    t: Transform,
) {
    let class = |s: &str| match s {
        "sm" => 2.0,
        "lg" => 5.0,
        _ => 3.0,
    };
    let (hw, hl) = (class(&spec.1) * w.max(1.0), class(&spec.2) * w.max(1.0));
    let ang = atan2_deg(tip.1 - from.1, tip.0 - from.0);
    let (s, co) = sin_cos_deg(ang);
    let back = (tip.0 - co * hl, tip.1 - s * hl);
    let (nx, ny) = (-s * hw / 2.0, co * hw / 2.0);
    let mut pb = crate::geom::Pb::default();
    match spec.0.as_str() {
        "oval" => {
            let (cx, cy) = (tip.0 - co * hl / 2.0, tip.1 - s * hl / 2.0);
            pb.ellipse(cx - hl / 2.0, cy - hw / 2.0, hl, hw);
        }
        "diamond" => {
            let mid = (tip.0 - co * hl / 2.0, tip.1 - s * hl / 2.0);
            pb.poly(&[
                tip,
                (mid.0 + nx, mid.1 + ny),
                back,
                (mid.0 - nx, mid.1 - ny),
            ]);
        }
        "stealth" => {
            let notch = (tip.0 - co * hl * 0.6, tip.1 - s * hl * 0.6);
            pb.poly(&[
                tip,
                (back.0 + nx, back.1 + ny),
                notch,
                (back.0 - nx, back.1 - ny),
            ]);
        }
        _ => pb.poly(&[tip, (back.0 + nx, back.1 + ny), (back.0 - nx, back.1 - ny)]),
    }
    if let Some(g) = pb.finish(true) {
        cv.fill(&g.path, &solid(c), t);
    }
}
