//! Tables (`a:tbl`): grid, merged cells, cell fills, borders and text.

use docskill_opc::xml::dom::Element;
use docskill_pptx::style::Inherit;
use tiny_skia::{PathBuilder, Transform};

use crate::canvas::Canvas;
use crate::color::Rgba;
use crate::paint::{Fill, Outline, fill_in, fill_path, outline, stroke_path};
use crate::slide::Scene;
use crate::text::{self, TextBox, TextEnv};
use crate::xml::{child, int, pt, truthy};

#[expect(
    clippy::cast_possible_truncation,
    reason = "slide coordinates fit in f32"
)]
fn f(v: f64) -> f32 {
    v as f32
}

/// Draw a table at the origin of `t`.
#[expect(clippy::too_many_lines, reason = "fills, text, then borders")]
pub fn draw(sc: &mut Scene<'_>, cv: &mut Canvas<'_>, tbl: &Element, frame_w: f64, t: Transform) {
    let cols: Vec<f64> = child(tbl, "tblGrid")
        .map(|g| {
            g.elements()
                .filter(|c| c.local() == "gridCol")
                .map(|c| pt(int(c, "w").unwrap_or(0)))
                .collect()
        })
        .unwrap_or_default();
    if cols.is_empty() {
        return;
    }
    let _ = frame_w;
    let rows: Vec<&Element> = tbl.elements().filter(|e| e.local() == "tr").collect();
    // Row heights grow to fit text roughly: at least the declared height.
    let heights: Vec<f64> = rows.iter().map(|r| pt(int(r, "h").unwrap_or(0))).collect();
    let xs: Vec<f64> = std::iter::once(0.0)
        .chain(cols.iter().scan(0.0, |a, w| {
            *a += w;
            Some(*a)
        }))
        .collect();
    let ys: Vec<f64> = std::iter::once(0.0)
        .chain(heights.iter().scan(0.0, |a, h| {
            *a += h;
            Some(*a)
        }))
        .collect();
    let pr = child(tbl, "tblPr");
    let styled = pr.and_then(|p| child(p, "tableStyleId")).is_some();
    let first_row = pr.and_then(|p| truthy(p, "firstRow")).unwrap_or(false);
    let band_row = pr.and_then(|p| truthy(p, "bandRow")).unwrap_or(false);
    if styled {
        cv.skip(
            "table",
            "table style approximated (accent header, banded rows)",
        );
    }
    let accent = sc
        .pal
        .scheme("accent1")
        .unwrap_or(Rgba::rgb8(0x44, 0x72, 0xC4));
    let tint = |k: f64| Rgba {
        r: accent.r + (1.0 - accent.r) * k,
        g: accent.g + (1.0 - accent.g) * k,
        b: accent.b + (1.0 - accent.b) * k,
        a: 1.0,
    };
    let mut borders: Vec<(tiny_skia::Path, Outline)> = Vec::new();
    for (ri, row) in rows.iter().enumerate() {
        for (col, tc) in row.elements().filter(|e| e.local() == "tc").enumerate() {
            let span =
                usize::try_from(int(tc, "gridSpan").unwrap_or(1).clamp(1, 1000)).unwrap_or(1);
            if truthy(tc, "hMerge") == Some(true) || truthy(tc, "vMerge") == Some(true) {
                continue;
            }
            let rspan =
                usize::try_from(int(tc, "rowSpan").unwrap_or(1).clamp(1, 1000)).unwrap_or(1);
            let (Some(&x0), Some(&y0)) = (xs.get(col), ys.get(ri)) else {
                continue;
            };
            let x1 = xs.get(col + span).or(xs.last()).copied().unwrap_or(x0);
            let y1 = ys.get(ri + rspan).or(ys.last()).copied().unwrap_or(y0);
            let (w, h) = (x1 - x0, y1 - y0);
            let Some(rect) = tiny_skia::Rect::from_xywh(0.0, 0.0, f(w.max(0.01)), f(h.max(0.01)))
            else {
                continue;
            };
            let cell_t = t.pre_translate(f(x0), f(y0));
            let path = PathBuilder::from_rect(rect);
            let tc_pr = child(tc, "tcPr");
            let header = styled && first_row && ri == 0;
            let fill = tc_pr.and_then(|p| fill_in(&sc.pal, p, None)).or_else(|| {
                styled.then(|| {
                    if header {
                        Fill::Solid(accent)
                    } else if band_row && (ri - usize::from(first_row)) % 2 == 0 {
                        Fill::Solid(tint(0.6))
                    } else {
                        Fill::Solid(tint(0.8))
                    }
                })
            });
            if let Some(fill) = &fill {
                fill_path(cv, &path, fill, w, h, cell_t);
            }
            if let Some(body) = child(tc, "txBody") {
                let inh = Inherit::new(tc, None, sc.master, sc.pres_default);
                let font_color = header.then_some(Rgba::WHITE);
                let env = TextEnv {
                    pal: &sc.pal,
                    fonts: &sc.fonts,
                    font_color,
                };
                let m = |k: &str, d: i64| pt(tc_pr.and_then(|p| int(p, k)).unwrap_or(d));
                let anchor = match tc_pr.and_then(|p| p.attr("anchor")) {
                    Some("ctr") => "ctr",
                    Some("b") => "b",
                    _ => "t",
                };
                let bx = TextBox {
                    x: 0.0,
                    y: 0.0,
                    w,
                    h,
                    insets: Some([
                        m("marL", 91_440),
                        m("marT", 45_720),
                        m("marR", 91_440),
                        m("marB", 45_720),
                    ]),
                    anchor: Some(anchor),
                };
                text::draw(cv, body, &inh, bx, cell_t, &env);
            }
            // Borders: explicit lines, or white rules for styled tables.
            for (k, (ax, ay, bx_, by)) in [
                ("lnL", (0.0, 0.0, 0.0, h)),
                ("lnR", (w, 0.0, w, h)),
                ("lnT", (0.0, 0.0, w, 0.0)),
                ("lnB", (0.0, h, w, h)),
            ] {
                let ln = tc_pr.and_then(|p| child(p, k));
                let o = match ln {
                    Some(l) => outline(&sc.pal, &[l], None, None),
                    None if styled => Outline {
                        color: Some(Rgba::WHITE),
                        width: 1.0,
                        dash: None,
                        head: None,
                        tail: None,
                    },
                    None => continue,
                };
                if o.color.is_none() || ln.is_some_and(|l| child(l, "noFill").is_some()) {
                    continue;
                }
                let mut pb = PathBuilder::new();
                pb.move_to(f(x0 + ax), f(y0 + ay));
                pb.line_to(f(x0 + bx_), f(y0 + by));
                if let Some(p) = pb.finish() {
                    borders.push((p, o));
                }
            }
        }
    }
    for (p, o) in &borders {
        stroke_path(cv, p, o, None, t);
    }
}
