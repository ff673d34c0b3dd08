//! Around the plots: gridlines, axis lines, tick labels, axis titles, legend and title.

use tiny_skia::Transform;

use super::draw::{self, line_height, text_at, text_width, wrap};
use super::layout::{GAP, Layout, Placed, cat_offset, tick_text};
use super::model::{AxisKind, Chart, Symbol, TextStyle};
use crate::canvas::Canvas;
use crate::color::Rgba;

/// The automatic colour of axis lines and gridlines: the text colour lightened
/// (#878787 on black text, as Office's default chart style and `LibreOffice` draw them).
pub fn axis_grey(ch: &Chart) -> Rgba {
    super::mix(ch.dark, Rgba::WHITE, 0.47)
}

/// Offset of value `v` along an axis of length `len` from its start.
fn val_offset(p: &Placed, reversed: bool, len: f64, v: f64) -> f64 {
    let fr = p.scale.map_or(0.0, |s| s.frac(v));
    if reversed { (1.0 - fr) * len } else { fr * len }
}

/// Offsets of an axis' ticks (values) or category band edges, from the axis start.
fn tick_offsets(ch: &Chart, p: &Placed, len: f64) -> Vec<f64> {
    let rev = ch.axes[p.index].reversed;
    if let Some(s) = &p.scale {
        return s
            .ticks()
            .iter()
            .map(|v| val_offset(p, rev, len, *v))
            .collect();
    }
    let n = p.count.max(1);
    if p.between {
        (0..=n).map(|i| len * i as f64 / n as f64).collect()
    } else {
        (0..n)
            .map(|i| cat_offset(len, n, false, rev, i as f64))
            .collect()
    }
}

/// Major gridlines of every axis that has them.
pub fn gridlines(cv: &mut Canvas<'_>, ch: &Chart, lay: &Layout, t: Transform) {
    let r = lay.inner;
    for p in &lay.axes {
        let ax = &ch.axes[p.index];
        let Some(g) = ax.grid else { continue };
        let Some(c) = g.color else { continue };
        let len = if p.horizontal { r.w } else { r.h };
        for off in tick_offsets(ch, p, len) {
            if p.horizontal {
                let x = r.x + off;
                draw::polyline(cv, &[(x, r.y), (x, r.y + r.h)], c, g.width, t);
            } else {
                let y = r.y + r.h - off;
                draw::polyline(cv, &[(r.x, y), (r.x + r.w, y)], c, g.width, t);
            }
        }
    }
}

/// Where a category axis line sits across the plot: at the crossing value axis' zero.
fn cross_offset(ch: &Chart, lay: &Layout, p: &Placed) -> Option<f64> {
    let plot = ch.plots.iter().find(|pl| pl.axes.contains(&p.id))?;
    let other = plot
        .axes
        .iter()
        .filter(|id| **id != p.id)
        .find_map(|id| lay.axis(*id))?;
    let s = other.scale?;
    let len = if other.horizontal {
        lay.inner.w
    } else {
        lay.inner.h
    };
    let ax = &ch.axes[p.index];
    let v = match ax.crosses.as_str() {
        "max" => s.max,
        "min" => s.min,
        _ => 0.0_f64.clamp(s.min, s.max),
    };
    Some(val_offset(other, ch.axes[other.index].reversed, len, v))
}

/// Axis lines, tick labels and axis titles.
#[expect(clippy::too_many_lines, reason = "four sides, values or categories")]
pub fn axes(cv: &mut Canvas<'_>, ch: &Chart, lay: &Layout, t: Transform) {
    let r = lay.inner;
    for p in &lay.axes {
        let ax = &ch.axes[p.index];
        if ax.deleted {
            continue;
        }
        // The line: a category axis crosses its value axis at zero; value axes sit at an edge.
        let line = ax.line.unwrap_or(super::model::Line {
            color: Some(axis_grey(ch)),
            width: 0.75,
        });
        let cross = if ax.kind == AxisKind::Category {
            cross_offset(ch, lay, p)
        } else {
            None
        };
        if let Some(c) = line.color {
            if p.horizontal {
                let y = cross.map_or(if p.far { r.y } else { r.y + r.h }, |o| r.y + r.h - o);
                draw::polyline(cv, &[(r.x, y), (r.x + r.w, y)], c, line.width, t);
            } else {
                let x = cross.map_or(if p.far { r.x + r.w } else { r.x }, |o| r.x + o);
                draw::polyline(cv, &[(x, r.y), (x, r.y + r.h)], c, line.width, t);
            }
        }
        let st = &ax.style;
        let lh = line_height(st);
        let mut extent = 0.0_f64;
        if ax.labels {
            let len = if p.horizontal { r.w } else { r.h };
            let items: Vec<(f64, Vec<String>)> = if let Some(s) = &p.scale {
                s.ticks()
                    .iter()
                    .map(|v| (val_offset(p, ax.reversed, len, *v), vec![tick_text(p, *v)]))
                    .collect()
            } else {
                {
                    let n = p.count.max(1);
                    // Distance between neighbouring labels.
                    let band = if p.between || n < 2 {
                        len / n as f64
                    } else {
                        len / (n - 1) as f64
                    };
                    // Crowded categories: label every k-th.
                    let widest = p
                        .cats
                        .iter()
                        .take(n)
                        .map(|c| text_width(cv, c, st))
                        .fold(0.0, f64::max);
                    let step = if p.horizontal {
                        let min_word = p
                            .cats
                            .iter()
                            .take(n)
                            .flat_map(|c| c.split_whitespace())
                            .map(|w| text_width(cv, w, st))
                            .fold(0.0, f64::max);
                        ((min_word.min(widest) + 2.0) / band).ceil().max(1.0)
                    } else {
                        ((lh * 1.05) / band).ceil().max(1.0)
                    };
                    #[expect(
                        clippy::cast_possible_truncation,
                        clippy::cast_sign_loss,
                        reason = "small"
                    )]
                    let step = step as usize;
                    (0..n)
                        .step_by(step)
                        .map(|i| {
                            let text = p.cats.get(i).cloned().unwrap_or_default();
                            let lines = if p.horizontal {
                                let mut l = wrap(cv, &text, st, band * step as f64 * 0.95);
                                l.truncate(4);
                                l
                            } else {
                                vec![text]
                            };
                            (cat_offset(len, n, p.between, ax.reversed, i as f64), lines)
                        })
                        .collect()
                }
            };
            for (off, lines) in items {
                if p.horizontal {
                    let x = r.x + off;
                    let mut y = if p.far {
                        r.y - GAP - lh * lines.len() as f64
                    } else {
                        r.y + r.h + GAP
                    };
                    for l in &lines {
                        let w = text_width(cv, l, st);
                        text_at(cv, l, st, x - w / 2.0, y, t);
                        y += lh;
                    }
                    extent = extent.max(lh * lines.len() as f64);
                } else {
                    let y = r.y + r.h - off - lh / 2.0;
                    for l in &lines {
                        let w = text_width(cv, l, st);
                        let x = if p.far {
                            r.x + r.w + GAP
                        } else {
                            r.x - GAP - w
                        };
                        text_at(cv, l, st, x, y, t);
                        extent = extent.max(w);
                    }
                }
            }
        }
        if let Some(title) = &ax.title {
            let text = title.lines.join(" ");
            let tst = &title.style;
            let tw = text_width(cv, &text, tst);
            let tlh = line_height(tst);
            if p.horizontal {
                let y = if p.far {
                    r.y - GAP - extent - GAP - tlh
                } else {
                    r.y + r.h + GAP + extent + GAP
                };
                text_at(cv, &text, tst, r.x + (r.w - tw) / 2.0, y, t);
            } else {
                // Turned a quarter turn anticlockwise, left of the labels.
                let x = if p.far {
                    r.x + r.w + GAP + extent + GAP + tlh
                } else {
                    r.x - GAP - extent - GAP
                };
                let y = r.y + f64::midpoint(r.h, tw);
                let turned = t
                    .pre_translate(draw::f(x), draw::f(y))
                    .pre_concat(Transform::from_row(0.0, -1.0, 1.0, 0.0, 0.0, 0.0));
                text_at(cv, &text, tst, 0.0, -tlh, turned);
            }
        }
    }
}

/// The legend: a swatch (box, or line with marker) and the text of each entry.
pub fn legend(cv: &mut Canvas<'_>, ch: &Chart, lay: &Layout, t: Transform) {
    let (Some(l), Some(lb)) = (&ch.legend, &lay.legend) else {
        return;
    };
    let st: &TextStyle = &l.style;
    let lh = line_height(st);
    let sw = lh * 0.7;
    for (e, x, y) in &lb.entries {
        let cy = y + lh / 2.0;
        if let Some(c) = e.color {
            if e.line {
                if e.stroke {
                    draw::polyline(cv, &[(*x, cy), (x + sw, cy)], c, 1.5, t);
                }
                if e.marker != Symbol::None {
                    draw::marker(
                        cv,
                        e.marker,
                        x + sw / 2.0,
                        cy,
                        sw * 0.6,
                        Some(c),
                        Some(c),
                        t,
                    );
                }
            } else {
                draw::rect(cv, *x, cy - sw / 2.0, sw, sw, c, t);
            }
        }
        text_at(cv, &e.text, st, x + sw + lh * 0.4, *y, t);
    }
}

/// The chart title, each line centred in the title block.
pub fn title(cv: &mut Canvas<'_>, ch: &Chart, lay: &Layout, t: Transform) {
    let (Some(ti), Some((x, y, w))) = (&ch.title, lay.title) else {
        return;
    };
    let lh = line_height(&ti.style);
    let mut yy = y;
    for l in &ti.lines {
        let lw = text_width(cv, l, &ti.style);
        text_at(cv, l, &ti.style, x + (w - lw) / 2.0, yy, t);
        yy += lh;
    }
}
