//! Where everything goes: title, legend, axis label bands and the plot's inner
//! area (from `c:manualLayout` when given), and the scale of every axis.

use super::draw::{line_height, text_width, wrap};
use super::model::{AxisKind, Chart, Grouping, Kind, LegendPos, Plot, Symbol};
use super::numfmt;
use super::scale::{self, Scale};
use crate::canvas::Canvas;
use crate::color::Rgba;

/// A rectangle in chart points.
#[derive(Debug, Clone, Copy, Default)]
pub struct Rect {
    /// Left.
    pub x: f64,
    /// Top.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

/// One axis, placed.
#[derive(Debug, Clone)]
pub struct Placed {
    /// `c:axId`.
    pub id: i64,
    /// Index into [`Chart::axes`].
    pub index: usize,
    /// Runs left to right (else bottom to top).
    pub horizontal: bool,
    /// Value scale (value axes and scatter x axes).
    pub scale: Option<Scale>,
    /// Categories: count and labels (category axes).
    pub count: usize,
    /// Category labels.
    pub cats: Vec<String>,
    /// Points sit in the middle of category bands (else on the band edges).
    pub between: bool,
    /// Format of the tick labels.
    pub fmt: String,
    /// Labels drawn on the far side (right or top).
    pub far: bool,
}

/// A legend entry.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Text.
    pub text: String,
    /// Swatch colour.
    pub color: Option<Rgba>,
    /// Drawn as a line (with a marker) rather than a box.
    pub line: bool,
    /// Line entries: the line segment is drawn (else the marker alone).
    pub stroke: bool,
    /// Marker of line entries.
    pub marker: Symbol,
}

/// The legend, placed: its box and where each entry starts.
#[derive(Debug, Clone)]
pub struct LegendBox {
    /// Entries with their top-left corners.
    pub entries: Vec<(Entry, f64, f64)>,
}

/// Everything placed.
#[derive(Debug, Clone)]
pub struct Layout {
    /// Inner plot area (inside the axes).
    pub inner: Rect,
    /// Title: top-left corner of the block and its width.
    pub title: Option<(f64, f64, f64)>,
    /// Legend.
    pub legend: Option<LegendBox>,
    /// Axes.
    pub axes: Vec<Placed>,
}

impl Layout {
    /// The placed axis with this id.
    pub fn axis(&self, id: i64) -> Option<&Placed> {
        self.axes.iter().find(|a| a.id == id)
    }
}

/// Gap between a label band and the plot, points.
pub const GAP: f64 = 4.0;

/// Number of categories of a plot.
pub fn count(p: &Plot) -> usize {
    p.series
        .iter()
        .map(|s| s.vals.len().max(s.cats.len()))
        .max()
        .unwrap_or(0)
}

/// Stacked totals per category: (sum of positives, sum of negatives).
pub fn totals(p: &Plot) -> Vec<(f64, f64)> {
    let n = count(p);
    let mut out = vec![(0.0, 0.0); n];
    for s in &p.series {
        for (i, v) in s.vals.iter().enumerate().take(n) {
            if let Some(v) = v {
                if *v >= 0.0 {
                    out[i].0 += v;
                } else {
                    out[i].1 += v;
                }
            }
        }
    }
    out
}

/// Data range of a plot on one of its axes (`role` 0: categories or x, 1: values or y).
fn range(p: &Plot, role: usize) -> (f64, f64) {
    let mut lo = f64::INFINITY;
    let mut hi = f64::NEG_INFINITY;
    let mut take = |v: f64| {
        lo = lo.min(v);
        hi = hi.max(v);
    };
    if role == 0 {
        for s in &p.series {
            if s.xs.iter().any(Option::is_some) {
                s.xs.iter().flatten().for_each(|v| take(*v));
            } else {
                #[expect(clippy::cast_precision_loss, reason = "point counts are bounded")]
                (1..=s.vals.len()).for_each(|i| take(i as f64));
            }
        }
        return (lo, hi);
    }
    match p.grouping {
        Grouping::Standard => {
            for s in &p.series {
                s.vals.iter().flatten().for_each(|v| take(*v));
            }
        }
        Grouping::Stacked => {
            for (pos, neg) in totals(p) {
                take(pos);
                take(neg);
            }
        }
        Grouping::Percent => {
            for (pos, neg) in totals(p) {
                take(if pos > 0.0 { 1.0 } else { 0.0 });
                take(if neg < 0.0 { -1.0 } else { 0.0 });
            }
        }
    }
    (lo, hi)
}

/// Place the axes: scales, categories and formats (sizes come later).
fn axes(ch: &Chart) -> Vec<Placed> {
    let mut out = Vec::new();
    for (index, ax) in ch.axes.iter().enumerate() {
        let users: Vec<(&Plot, usize)> = ch
            .plots
            .iter()
            .filter_map(|p| p.axes.iter().position(|a| *a == ax.id).map(|r| (p, r)))
            .collect();
        let Some(&(first, _)) = users.first() else {
            continue;
        };
        let horizontal = matches!(ax.pos, 'b' | 't');
        let scatter_x = ax.kind == AxisKind::Value
            && users
                .iter()
                .any(|(p, r)| p.kind == Kind::Scatter && *r == 0);
        let mut fmt = ax
            .fmt
            .clone()
            .filter(|f| !ax.linked && !f.is_empty())
            .unwrap_or_default();
        let (scale, cats, count_) = if ax.kind == AxisKind::Value {
            let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
            for (p, r) in &users {
                let (a, b) = range(p, *r);
                lo = lo.min(a);
                hi = hi.max(b);
            }
            if fmt.is_empty() {
                fmt = if users.iter().any(|(p, _)| p.grouping == Grouping::Percent) {
                    "0%".into()
                } else if scatter_x {
                    "General".into()
                } else {
                    first
                        .series
                        .first()
                        .map_or("General".into(), |s| s.fmt.clone())
                };
            }
            // 100% stacks run from 0 (or -100%) to 100% unless the axis says otherwise.
            let percent = users
                .iter()
                .all(|(p, r)| *r == 1 && p.grouping == Grouping::Percent);
            let (min, max) = if percent {
                (
                    ax.min.or(Some(if lo < 0.0 { -1.0 } else { 0.0 })),
                    ax.max.or(Some(if hi > 0.0 { 1.0 } else { 0.0 })),
                )
            } else {
                (ax.min, ax.max)
            };
            (
                Some(scale::auto(lo, hi, min, max, ax.major, !scatter_x)),
                Vec::new(),
                0,
            )
        } else {
            let n = users.iter().map(|(p, _)| count(p)).max().unwrap_or(0);
            let cats = first
                .series
                .iter()
                .find(|s| !s.cats.is_empty())
                .map_or_else(
                    || (1..=n).map(|i| i.to_string()).collect(),
                    |s| s.cats.clone(),
                );
            (None, cats, n)
        };
        // Category points sit between tick marks unless the crossing value axis says `midCat`;
        // bars always sit between.
        let bars = users
            .iter()
            .any(|(p, _)| matches!(p.kind, Kind::Bar { .. }));
        let between = bars
            || first
                .axes
                .iter()
                .filter_map(|id| ch.axes.iter().find(|a| a.id == *id))
                .find(|a| a.kind == AxisKind::Value)
                .is_none_or(|a| a.between);
        out.push(Placed {
            id: ax.id,
            index,
            horizontal,
            scale,
            count: count_,
            cats,
            between,
            fmt,
            far: matches!(ax.pos, 'r' | 't'),
        });
    }
    out
}

/// Offset along a category axis of length `len` (from its start) of category `i`'s point:
/// the middle of its band (`between`) or its tick mark.
pub fn cat_offset(len: f64, n: usize, between: bool, reversed: bool, i: f64) -> f64 {
    let n = n.max(1) as f64;
    let off = if between {
        (i + 0.5) * len / n
    } else if n > 1.0 {
        i * len / (n - 1.0)
    } else {
        len / 2.0
    };
    if reversed { len - off } else { off }
}

/// Tick label text of a value.
pub fn tick_text(p: &Placed, v: f64) -> String {
    numfmt::format(v, &p.fmt)
}

/// Legend entries: one per series, or one per point for a single varied-colour plot.
fn entries(ch: &Chart, vertical_legend: bool) -> Vec<Entry> {
    let mut out = Vec::new();
    let vary_single = ch.plots.len() == 1
        && ch.plots[0].vary
        && ch.plots[0].series.len() == 1
        && !matches!(ch.plots[0].kind, Kind::Line | Kind::Area | Kind::Scatter);
    if vary_single {
        let p = &ch.plots[0];
        let s = &p.series[0];
        let n = count(p);
        for i in 0..n {
            out.push(Entry {
                text: s
                    .cats
                    .get(i)
                    .cloned()
                    .unwrap_or_else(|| (i + 1).to_string()),
                color: super::plots::point_fill(ch, p, s, i, n),
                line: false,
                stroke: false,
                marker: Symbol::None,
            });
        }
        return out;
    }
    let total: usize = ch.plots.iter().map(|p| p.series.len()).sum();
    for p in &ch.plots {
        // Listed in the order the eye meets them: bottom-up stacks and horizontal bars reversed
        // (as `LibreOffice` lists them).
        let horizontal = matches!(
            p.kind,
            Kind::Bar {
                horizontal: true,
                ..
            }
        );
        let stacked = p.grouping != Grouping::Standard
            && matches!(p.kind, Kind::Bar { .. } | Kind::Area)
            && vertical_legend;
        let mut list: Vec<&super::model::Series> = p.series.iter().collect();
        if horizontal || stacked {
            list.reverse();
        }
        for s in list {
            let lined = matches!(p.kind, Kind::Line | Kind::Scatter);
            let (color, marker, stroke) = if lined {
                let mk = super::plots::series_marker(p, s);
                let auto = super::auto_color(ch, s.idx, total);
                // Without a line, the marker alone in the marker's colour.
                let line = super::plots::series_line(ch, p, s, total)
                    .color
                    .filter(|_| p.kind == Kind::Line || p.lines);
                let color = line.or_else(|| mk.fill.unwrap_or(Some(auto)));
                (
                    color,
                    mk.symbol,
                    line.is_some() || mk.symbol == Symbol::None,
                )
            } else {
                (
                    super::plots::series_fill(ch, p, s, total),
                    Symbol::None,
                    false,
                )
            };
            out.push(Entry {
                text: s.name.clone(),
                color,
                line: lined,
                stroke,
                marker,
            });
        }
    }
    out
}

/// Place everything in a `w` × `h` chart.
#[expect(clippy::too_many_lines, reason = "title, legend, then axis bands")]
pub fn place(cv: &mut Canvas<'_>, ch: &Chart, w: f64, h: f64) -> Layout {
    let pad = (w.min(h) * 0.03).clamp(3.0, 10.0);
    let mut area = Rect {
        x: pad,
        y: pad,
        w: w - 2.0 * pad,
        h: h - 2.0 * pad,
    };
    // Title.
    let mut title = None;
    if let Some(t) = &ch.title {
        let lh = line_height(&t.style);
        let tw = t
            .lines
            .iter()
            .map(|l| text_width(cv, l, &t.style))
            .fold(0.0, f64::max);
        let th = lh * t.lines.len().max(1) as f64;
        // Automatic place: as `LibreOffice` puts it, half a line down, with most of a line below.
        let (x, y) =
            t.at.map_or(((w - tw) / 2.0, pad + lh * 0.5), |m| (m.x * w, m.y * h));
        title = Some((x, y, tw));
        if !t.overlay && t.at.is_none() {
            let used = lh * 0.5 + th + lh * 0.7;
            area.y += used;
            area.h -= used;
        }
    }
    // Legend.
    let mut legend = None;
    if let Some(l) = &ch.legend {
        let vertical = matches!(
            l.pos,
            LegendPos::Right | LegendPos::Left | LegendPos::TopRight
        );
        let list: Vec<Entry> = entries(ch, vertical)
            .into_iter()
            .enumerate()
            .filter(|(i, _)| !l.deleted.contains(i))
            .map(|(_, e)| e)
            .collect();
        if !list.is_empty() {
            let lh = line_height(&l.style);
            let sw = lh * 0.7;
            let widths: Vec<f64> = list
                .iter()
                .map(|e| sw + lh * 0.4 + text_width(cv, &e.text, &l.style))
                .collect();
            let mut placed = Vec::new();
            let (lw, lhh) = if vertical {
                let lw = widths.iter().fold(0.0, |a: f64, b| a.max(*b)) + 2.0 * GAP;
                let mut y = GAP;
                for e in list {
                    placed.push((e, GAP, y));
                    y += lh * 1.15;
                }
                (lw.min(area.w * 0.5), y + GAP - lh * 0.15)
            } else {
                // Rows of entries, each row centred.
                let maxw = area.w;
                let mut rows: Vec<Vec<(Entry, f64)>> = vec![Vec::new()];
                let mut row_w = 0.0;
                for (e, ew) in list.into_iter().zip(widths) {
                    let step = ew + lh;
                    if row_w + ew > maxw && rows.last().is_some_and(|r| !r.is_empty()) {
                        rows.push(Vec::new());
                        row_w = 0.0;
                    }
                    if let Some(r) = rows.last_mut() {
                        r.push((e, ew));
                    }
                    row_w += step;
                }
                let widest = rows
                    .iter()
                    .map(|r| r.iter().map(|(_, ew)| ew + lh).sum::<f64>() - lh)
                    .fold(0.0, f64::max);
                let lw = widest + 2.0 * GAP;
                let mut y = GAP;
                for r in rows {
                    let rw = r.iter().map(|(_, ew)| ew + lh).sum::<f64>() - lh;
                    let mut x = GAP + (widest - rw) / 2.0;
                    for (e, ew) in r {
                        placed.push((e, x, y));
                        x += ew + lh;
                    }
                    y += lh * 1.15;
                }
                (lw, y + GAP - lh * 0.15)
            };
            let rect = if let Some(m) = l.at {
                Rect {
                    x: m.x * w,
                    y: m.y * h,
                    w: m.w.map_or(lw, |v| v * w),
                    h: m.h.map_or(lhh, |v| v * h),
                }
            } else {
                match l.pos {
                    LegendPos::Right => Rect {
                        x: area.x + area.w - lw,
                        y: area.y + (area.h - lhh) / 2.0,
                        w: lw,
                        h: lhh,
                    },
                    LegendPos::TopRight => Rect {
                        x: area.x + area.w - lw,
                        y: area.y,
                        w: lw,
                        h: lhh,
                    },
                    LegendPos::Left => Rect {
                        x: area.x,
                        y: area.y + (area.h - lhh) / 2.0,
                        w: lw,
                        h: lhh,
                    },
                    LegendPos::Top => Rect {
                        x: (w - lw) / 2.0,
                        y: area.y,
                        w: lw,
                        h: lhh,
                    },
                    LegendPos::Bottom => Rect {
                        x: (w - lw) / 2.0,
                        y: area.y + area.h - lhh,
                        w: lw,
                        h: lhh,
                    },
                }
            };
            if !l.overlay && l.at.is_none() {
                match l.pos {
                    LegendPos::Right | LegendPos::TopRight => area.w -= lw + pad,
                    LegendPos::Left => {
                        area.x += lw + pad;
                        area.w -= lw + pad;
                    }
                    LegendPos::Top => {
                        area.y += lhh + pad;
                        area.h -= lhh + pad;
                    }
                    LegendPos::Bottom => area.h -= lhh + pad,
                }
            }
            let entries = placed
                .into_iter()
                .map(|(e, x, y)| (e, rect.x + x, rect.y + y))
                .collect();
            legend = Some(LegendBox { entries });
        }
    }
    let mut placed = axes(ch);
    let manual_inner = ch
        .plot_at
        .filter(|m| m.inner && m.w.is_some() && m.h.is_some());
    if let Some(m) = ch.plot_at.filter(|m| !m.inner) {
        area = Rect {
            x: m.x * w,
            y: m.y * h,
            w: m.w.map_or(area.w, |v| v * w),
            h: m.h.map_or(area.h, |v| v * h),
        };
    }
    // Label bands: vertical axes first (their widths set the category band width below).
    let mut inner = area;
    let mut bands = [0.0_f64; 4]; // left, right, top, bottom
    for p in placed.iter().filter(|p| !p.horizontal) {
        let ax = &ch.axes[p.index];
        if ax.deleted {
            continue;
        }
        let mut need = 0.0;
        if ax.labels {
            let texts: Vec<String> = match &p.scale {
                Some(s) => s.ticks().iter().map(|v| tick_text(p, *v)).collect(),
                None => p.cats.clone(),
            };
            let widest = texts
                .iter()
                .map(|t| text_width(cv, t, &ax.style))
                .fold(0.0, f64::max);
            need += widest.min(area.w * 0.4) + GAP;
        }
        if let Some(t) = &ax.title {
            need += line_height(&t.style) + GAP;
        }
        let side = usize::from(p.far);
        bands[side] = bands[side].max(need);
    }
    inner.x += bands[0];
    inner.w -= bands[0] + bands[1];
    for p in placed.iter_mut().filter(|p| p.horizontal) {
        let ax = &ch.axes[p.index];
        if ax.deleted {
            continue;
        }
        let mut need = 0.0;
        if ax.labels {
            let lh = line_height(&ax.style);
            let lines = if p.scale.is_some() {
                1
            } else {
                let band = inner.w / p.count.max(1) as f64;
                p.cats
                    .iter()
                    .map(|c| wrap(cv, c, &ax.style, band * 0.95).len())
                    .max()
                    .unwrap_or(1)
                    .min(4)
            };
            need += lh * lines as f64 + GAP;
        }
        if let Some(t) = &ax.title {
            need += line_height(&t.style) + GAP;
        }
        let side = 2 + usize::from(!p.far);
        bands[side] = bands[side].max(need);
    }
    inner.y += bands[2];
    inner.h -= bands[2] + bands[3];
    // Room for the last horizontal tick label to spill past the plot's right edge.
    if let Some(m) = manual_inner {
        inner = Rect {
            x: m.x * w,
            y: m.y * h,
            w: m.w.unwrap_or(0.5) * w,
            h: m.h.unwrap_or(0.5) * h,
        };
    }
    inner.w = inner.w.max(1.0);
    inner.h = inner.h.max(1.0);
    Layout {
        inner,
        title,
        legend,
        axes: placed,
    }
}
