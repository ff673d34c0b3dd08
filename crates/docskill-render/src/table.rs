//! Tables (`a:tbl`): grid, merged cells, cell fills, borders and text.

use docskill_opc::xml::dom::Element;
use docskill_pptx::style::Inherit;
use tiny_skia::{PathBuilder, Transform};

use crate::canvas::Canvas;
use crate::color::Rgba;
use crate::paint::{
    Fill, Outline, fill_in, fill_of, fill_path, outline, ref_color, stroke_path, theme_style,
};
use crate::slide::Scene;
use crate::text::{self, TextBox, TextEnv};
use crate::xml::{child, int, path as xml_path, pt, truthy};

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
    let xs: Vec<f64> = std::iter::once(0.0)
        .chain(cols.iter().scan(0.0, |a, w| {
            *a += w;
            Some(*a)
        }))
        .collect();
    // Row heights grow to fit their text: at least the declared height.
    let heights: Vec<f64> = rows
        .iter()
        .map(|r| {
            let declared = pt(int(r, "h").unwrap_or(0));
            let mut need: f64 = 0.0;
            for (col, tc) in r.elements().filter(|e| e.local() == "tc").enumerate() {
                if int(tc, "rowSpan").unwrap_or(1) > 1
                    || truthy(tc, "hMerge") == Some(true)
                    || truthy(tc, "vMerge") == Some(true)
                {
                    continue;
                }
                let span =
                    usize::try_from(int(tc, "gridSpan").unwrap_or(1).clamp(1, 1000)).unwrap_or(1);
                let (Some(&x0), Some(body)) = (xs.get(col), child(tc, "txBody")) else {
                    continue;
                };
                let x1 = xs.get(col + span).or(xs.last()).copied().unwrap_or(x0);
                let tc_pr = child(tc, "tcPr");
                let vertical = tc_pr
                    .and_then(|p| p.attr("vert"))
                    .is_some_and(|v| v != "horz");
                let m = |k: &str, d: i64| pt(tc_pr.and_then(|p| int(p, k)).unwrap_or(d));
                let inh = Inherit::new(tc, None, sc.master, sc.pres_default);
                let env = TextEnv {
                    pal: &sc.pal,
                    fonts: &sc.fonts,
                    font_color: None,
                    bold: None,
                    italic: None,
                    line_gap: false,
                };
                let bx = TextBox {
                    x: 0.0,
                    y: 0.0,
                    w: x1 - x0,
                    h: declared,
                    insets: Some([
                        m("marL", 91_440),
                        m("marT", 45_720),
                        m("marR", 91_440),
                        m("marB", 45_720),
                    ]),
                    anchor: Some("t"),
                    vert: None,
                };
                if vertical {
                    // Turned text runs along the row: the row grows until the text, wrapped
                    // to the row's height, fits the column's width (bisection, bounded).
                    let across = |cv: &mut Canvas<'_>, len: f64| {
                        let turned = TextBox {
                            w: len,
                            h: x1 - x0,
                            ..bx
                        };
                        text::measure(cv, body, &inh, turned, &env)
                    };
                    let (mut lo, mut hi) = (declared.max(1.0), declared.max(1.0));
                    while across(cv, hi) > x1 - x0 && hi < 10_000.0 {
                        (lo, hi) = (hi, hi * 2.0);
                    }
                    for _ in 0..12 {
                        let mid = f64::midpoint(lo, hi);
                        if across(cv, mid) > x1 - x0 {
                            lo = mid;
                        } else {
                            hi = mid;
                        }
                    }
                    need = need.max(hi);
                    continue;
                }
                need = need.max(text::measure(cv, body, &inh, bx, &env));
            }
            declared.max(need.min(10_000.0))
        })
        .collect();
    let ys: Vec<f64> = std::iter::once(0.0)
        .chain(heights.iter().scan(0.0, |a, h| {
            *a += h;
            Some(*a)
        }))
        .collect();
    let pr = child(tbl, "tblPr");
    let style_id = pr.and_then(|p| child(p, "tableStyleId")).map(Element::text);
    let flag = |k: &str| pr.and_then(|p| truthy(p, k)).unwrap_or(false);
    let (first_row, band_row, last_row) = (flag("firstRow"), flag("bandRow"), flag("lastRow"));
    let (first_col, last_col) = (flag("firstCol"), flag("lastCol"));
    // A style the deck defines is drawn from its parts; one it only names is approximated.
    let style_doc = style_id.as_deref().and_then(|id| style_part(sc, id));
    let style = style_doc.as_ref().and_then(|d| {
        let id = style_id.as_deref().unwrap_or("").trim();
        d.root
            .elements()
            .find(|s| s.local() == "tblStyle" && s.attr("styleId") == Some(id))
    });
    let styled = style_id.is_some() && style.is_none();
    if styled {
        cv.skip(
            "table",
            "table style approximated (accent header, banded rows)",
        );
    }
    let n_rows = rows.len();
    let n_cols = cols.len();
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
            // The style parts that apply to this cell, most specific first.
            let mut parts: Vec<&Element> = Vec::new();
            if let Some(st) = style {
                let banded = ri >= usize::from(first_row) && (ri - usize::from(first_row)) % 2 == 0;
                for (on, k) in [
                    (first_row && ri == 0, "firstRow"),
                    (last_row && ri + rspan >= n_rows, "lastRow"),
                    (first_col && col == 0, "firstCol"),
                    (last_col && col + span >= n_cols, "lastCol"),
                    (band_row && banded, "band1H"),
                    (band_row && !banded, "band2H"),
                    (true, "wholeTbl"),
                ] {
                    if let Some(e) = child(st, k).filter(|_| on) {
                        parts.push(e);
                    }
                }
            }
            let part_fill = parts.iter().find_map(|e| {
                let ts = child(e, "tcStyle")?;
                if let Some(f) = child(ts, "fill") {
                    return fill_in(&sc.pal, f, None);
                }
                // A theme fill reference with its colour (`a:fillRef idx="1"`).
                let r = child(ts, "fillRef")?;
                let c = ref_color(&sc.pal, r);
                theme_style(sc.theme, "fillStyleLst", int(r, "idx").unwrap_or(0))
                    .and_then(|t| fill_of(&sc.pal, t, c))
                    .or(c.map(Fill::Solid))
            });
            let part_text = parts.iter().find_map(|e| {
                child(e, "tcTxStyle").and_then(|t| {
                    t.elements()
                        .find(|c| c.local().ends_with("Clr") && c.local() != "scrgbClr")
                        .and_then(|c| sc.pal.color(c, None))
                })
            });
            let part_border = |k: &str| {
                parts.iter().find_map(|e| {
                    xml_path(e, &["tcStyle", "tcBdr", k]).and_then(|b| child(b, "ln"))
                })
            };
            let fill = tc_pr
                .and_then(|p| fill_in(&sc.pal, p, None))
                .or(part_fill)
                .or_else(|| {
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
                let font_color = header.then_some(Rgba::WHITE).or(part_text);
                // `a:tcTxStyle b="on"` / `i="on"` of the most specific part that says.
                let part_flag = |k: &str| {
                    parts.iter().find_map(|e| {
                        child(e, "tcTxStyle")
                            .and_then(|t| t.attr(k))
                            .map(|v| v == "on")
                    })
                };
                let env = TextEnv {
                    pal: &sc.pal,
                    fonts: &sc.fonts,
                    font_color,
                    bold: part_flag("b").or(header.then_some(true)),
                    italic: part_flag("i"),
                    line_gap: false,
                };
                let m = |k: &str, d: i64| pt(tc_pr.and_then(|p| int(p, k)).unwrap_or(d));
                let vert = match tc_pr.and_then(|p| p.attr("vert")) {
                    Some("vert") => Some("vert"),
                    Some("vert270") => Some("vert270"),
                    Some("eaVert") => Some("eaVert"),
                    Some("wordArtVert") => Some("wordArtVert"),
                    _ => None,
                };
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
                    vert,
                };
                text::draw(cv, body, &inh, bx, cell_t, &env);
            }
            // Borders: explicit lines, or white rules for styled tables.
            let edge = |outer: bool, o: &'static str, i: &'static str| if outer { o } else { i };
            for (k, sk, (ax, ay, bx_, by)) in [
                ("lnL", edge(col == 0, "left", "insideV"), (0.0, 0.0, 0.0, h)),
                (
                    "lnR",
                    edge(col + span >= n_cols, "right", "insideV"),
                    (w, 0.0, w, h),
                ),
                ("lnT", edge(ri == 0, "top", "insideH"), (0.0, 0.0, w, 0.0)),
                (
                    "lnB",
                    edge(ri + rspan >= n_rows, "bottom", "insideH"),
                    (0.0, h, w, h),
                ),
            ] {
                let ln = tc_pr.and_then(|p| child(p, k)).or_else(|| part_border(sk));
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

/// The deck's table styles part, parsed, when a table names style `id`.
fn style_part(sc: &Scene<'_>, id: &str) -> Option<docskill_opc::xml::dom::Document> {
    let _ = id;
    let deck = sc.deck;
    deck.related_part(deck.presentation_part(), "tableStyles")
        .and_then(|p| deck.parse_part(&p).ok())
}
