//! The plots: bars, lines, areas, scatter points, pie and doughnut slices,
//! and their data labels.

use tiny_skia::Transform;

use super::auto_color;
use super::draw::{self, line_height, text_centred, text_width};
use super::layout::{Layout, Placed, Rect, cat_offset, count, totals};
use super::model::{Chart, Grouping, Kind, Line, Marker, Plot, Series, Symbol, TextStyle};
use super::numfmt;
use super::scale::Scale;
use crate::canvas::Canvas;
use crate::color::Rgba;

/// Total series in the chart (for the automatic colours of monochrome styles).
fn total_series(ch: &Chart) -> usize {
    ch.plots.iter().map(|p| p.series.len()).sum()
}

/// A series' fill: its own, else the automatic colour.
pub fn series_fill(ch: &Chart, _p: &Plot, s: &Series, total: usize) -> Option<Rgba> {
    match s.fill {
        Some(f) => f,
        None => Some(auto_color(ch, s.idx, total)),
    }
}

/// The fill of point `i` of `n`: its `c:dPt`, else the varied or series colour.
pub fn point_fill(ch: &Chart, p: &Plot, s: &Series, i: usize, n: usize) -> Option<Rgba> {
    if let Some((_, f)) = s.points.iter().find(|(k, _)| *k == i) {
        return *f;
    }
    if p.vary && (p.series.len() == 1 || matches!(p.kind, Kind::Pie { .. })) {
        return Some(auto_color(ch, i, n));
    }
    series_fill(ch, p, s, total_series(ch))
}

/// The line of a line or scatter series: its own, else 2.25 pt in the automatic colour.
pub fn series_line(ch: &Chart, p: &Plot, s: &Series, total: usize) -> Line {
    let auto = auto_color(ch, s.idx, total);
    let width = if p.kind == Kind::Scatter { 1.75 } else { 2.25 };
    match s.line {
        Some(l) => Line {
            color: l.color,
            width: l.width,
        },
        None => Line {
            color: Some(auto),
            width,
        },
    }
}

/// The marker of a line or scatter series.
pub fn series_marker(p: &Plot, s: &Series) -> Marker {
    const AUTO: [Symbol; 6] = [
        Symbol::Square,
        Symbol::Diamond,
        Symbol::Triangle,
        Symbol::X,
        Symbol::Star,
        Symbol::Circle,
    ];
    let auto = if p.markers {
        AUTO[s.idx % AUTO.len()]
    } else {
        Symbol::None
    };
    match s.marker {
        Some(m) => m,
        None => Marker {
            symbol: auto,
            size: 5.0,
            fill: None,
            line: None,
        },
    }
}

/// Maps categories and values of one plot to chart points.
struct Map {
    inner: Rect,
    /// Values run along x (horizontal bars).
    values_x: bool,
    val: Scale,
    val_rev: bool,
    cat_rev: bool,
    n: usize,
    between: bool,
    /// Scatter: the x scale.
    xscale: Option<Scale>,
    xrev: bool,
}

impl Map {
    fn of(ch: &Chart, lay: &Layout, p: &Plot) -> Self {
        let cat = p.axes.first().and_then(|id| lay.axis(*id));
        let val = p.axes.get(1).and_then(|id| lay.axis(*id));
        let rev = |a: Option<&Placed>| a.is_some_and(|a| ch.axes[a.index].reversed);
        let horizontal = matches!(
            p.kind,
            Kind::Bar {
                horizontal: true,
                ..
            }
        );
        Self {
            inner: lay.inner,
            values_x: val.map_or(horizontal, |v| v.horizontal),
            val: val.and_then(|v| v.scale).unwrap_or(Scale {
                min: 0.0,
                max: 1.0,
                step: 0.2,
            }),
            val_rev: rev(val),
            cat_rev: rev(cat),
            n: cat
                .map_or_else(|| count(p), |c| c.count.max(count(p)))
                .max(1),
            between: cat.is_none_or(|c| c.between),
            xscale: cat.and_then(|c| c.scale),
            xrev: rev(cat),
        }
    }

    /// Length of the category direction.
    fn cat_len(&self) -> f64 {
        if self.values_x {
            self.inner.h
        } else {
            self.inner.w
        }
    }

    /// Width of one category band.
    fn band(&self) -> f64 {
        self.cat_len() / self.n as f64
    }

    /// Offset along the category direction (from its start) of category `i`'s centre.
    fn cat_at(&self, i: f64) -> f64 {
        cat_offset(self.cat_len(), self.n, self.between, self.cat_rev, i)
    }

    /// Offset along the value direction (from its start) of value `v`.
    fn val_at(&self, v: f64) -> f64 {
        let len = if self.values_x {
            self.inner.w
        } else {
            self.inner.h
        };
        let fr = self.val.frac(v).clamp(-0.5, 1.5);
        if self.val_rev {
            (1.0 - fr) * len
        } else {
            fr * len
        }
    }

    /// The chart point of category offset `c` and value offset `v`.
    fn point(&self, c: f64, v: f64) -> (f64, f64) {
        let r = self.inner;
        if self.values_x {
            (r.x + v, r.y + r.h - c)
        } else {
            (r.x + c, r.y + r.h - v)
        }
    }

    /// Where the bars and areas grow from.
    fn base(&self) -> f64 {
        0.0_f64.clamp(
            self.val.min.min(self.val.max),
            self.val.max.max(self.val.min),
        )
    }

    /// Scatter: the point of x value `x` and y value `y`.
    fn xy(&self, x: f64, y: f64) -> (f64, f64) {
        let r = self.inner;
        let fx = self.xscale.map_or(0.5, |s| s.frac(x)).clamp(-0.5, 1.5);
        let fx = if self.xrev { 1.0 - fx } else { fx };
        (r.x + fx * r.w, r.y + r.h - self.val_at(y))
    }
}

/// Stacked value per category and series: (start, end) of each point.
fn stacked(p: &Plot) -> Vec<Vec<Option<(f64, f64)>>> {
    let n = count(p);
    let tot = totals(p);
    let mut pos = vec![0.0; n];
    let mut neg = vec![0.0; n];
    p.series
        .iter()
        .map(|s| {
            (0..n)
                .map(|i| {
                    let v = s.vals.get(i).copied().flatten()?;
                    let v = if p.grouping == Grouping::Percent {
                        let t = tot[i].0 - tot[i].1;
                        if t > 0.0 { v / t } else { 0.0 }
                    } else {
                        v
                    };
                    let acc = if v >= 0.0 { &mut pos[i] } else { &mut neg[i] };
                    let start = *acc;
                    *acc += v;
                    Some((start, *acc))
                })
                .collect()
        })
        .collect()
}

/// Spans (start, end) of every point of every series of a category plot.
fn spans(p: &Plot, base: f64) -> Vec<Vec<Option<(f64, f64)>>> {
    if p.grouping == Grouping::Standard {
        let n = count(p);
        p.series
            .iter()
            .map(|s| {
                (0..n)
                    .map(|i| s.vals.get(i).copied().flatten().map(|v| (base, v)))
                    .collect()
            })
            .collect()
    } else {
        stacked(p)
    }
}

/// Draw every plot (areas first, so lines and bars stay visible).
pub fn draw_all(cv: &mut Canvas<'_>, ch: &Chart, lay: &Layout, t: Transform) {
    let order = |k: &Kind| match k {
        Kind::Area => 0,
        Kind::Pie { .. } | Kind::Bar { .. } => 1,
        Kind::Line | Kind::Scatter => 2,
    };
    let mut plots: Vec<&Plot> = ch.plots.iter().collect();
    plots.sort_by_key(|p| order(&p.kind));
    for p in plots {
        match p.kind {
            Kind::Bar { gap, overlap, .. } => bars(cv, ch, lay, p, gap, overlap, t),
            Kind::Line => lines(cv, ch, lay, p, t),
            Kind::Area => areas(cv, ch, lay, p, t),
            Kind::Scatter => scatter(cv, ch, lay, p, t),
            Kind::Pie { first, hole } => pie(cv, ch, lay, p, first, hole, t),
        }
    }
}

/// One bar's rectangle (x, y, w, h) in chart points: series slot `k`, category `i`.
fn bar_rect(
    m: &Map,
    p: &Plot,
    gap: f64,
    overlap: f64,
    k: usize,
    i: usize,
    span: (f64, f64),
) -> Rect {
    let slots = if p.grouping == Grouping::Standard {
        p.series.len().max(1)
    } else {
        1
    };
    let k = if slots == 1 { 0 } else { k };
    let band = m.band();
    let bw = band / (slots as f64 - (slots as f64 - 1.0) * overlap + gap);
    let start = m.cat_at(i as f64) - band / 2.0 + gap * bw / 2.0;
    let c0 = start + k as f64 * bw * (1.0 - overlap);
    let (v0, v1) = (m.val_at(span.0), m.val_at(span.1));
    let (a, b) = (m.point(c0, v0), m.point(c0 + bw, v1));
    Rect {
        x: a.0.min(b.0),
        y: a.1.min(b.1),
        w: (a.0 - b.0).abs(),
        h: (a.1 - b.1).abs(),
    }
}

fn bars(
    cv: &mut Canvas<'_>,
    ch: &Chart,
    lay: &Layout,
    p: &Plot,
    gap: f64,
    overlap: f64,
    t: Transform,
) {
    let m = Map::of(ch, lay, p);
    let base = m.base();
    let n = count(p);
    let all = spans(p, base);
    for (k, (s, sp)) in p.series.iter().zip(&all).enumerate() {
        for (i, span) in sp.iter().enumerate() {
            let Some(span) = *span else { continue };
            let r = bar_rect(&m, p, gap, overlap, k, i, span);
            if let Some(c) = point_fill(ch, p, s, i, n) {
                draw::rect(cv, r.x, r.y, r.w, r.h, c, t);
            }
            if let Some(l) = s.line
                && let Some(c) = l.color
            {
                draw::rect_outline(cv, r.x, r.y, r.w, r.h, c, l.width, t);
            }
        }
    }
}

/// The chart points of a category series, split at gaps.
fn runs(m: &Map, sp: &[Option<(f64, f64)>]) -> Vec<Vec<(f64, f64)>> {
    let mut out = vec![Vec::new()];
    for (i, v) in sp.iter().enumerate() {
        match v {
            Some((_, end)) => {
                let pt = m.point(m.cat_at(i as f64), m.val_at(*end));
                if let Some(r) = out.last_mut() {
                    r.push(pt);
                }
            }
            None => out.push(Vec::new()),
        }
    }
    out.retain(|r| !r.is_empty());
    out
}

/// A series' markers at `pts`, in its own marker colours or else `auto`.
fn markers<'a>(
    cv: &mut Canvas<'_>,
    p: &Plot,
    s: &Series,
    pts: impl Iterator<Item = &'a (f64, f64)>,
    auto: Rgba,
    t: Transform,
) {
    let mk = series_marker(p, s);
    for pt in pts {
        draw::marker(
            cv,
            mk.symbol,
            pt.0,
            pt.1,
            mk.size,
            mk.fill.unwrap_or(Some(auto)),
            mk.line.unwrap_or(Some(auto)),
            t,
        );
    }
}

fn lines(cv: &mut Canvas<'_>, ch: &Chart, lay: &Layout, p: &Plot, t: Transform) {
    let m = Map::of(ch, lay, p);
    let all = spans(p, 0.0);
    let total = total_series(ch);
    for (s, sp) in p.series.iter().zip(&all) {
        let l = series_line(ch, p, s, total);
        let pts = runs(&m, sp);
        if let Some(c) = l.color {
            for r in &pts {
                draw::polyline(cv, r, c, l.width, t);
            }
        }
        let auto = l.color.unwrap_or_else(|| auto_color(ch, s.idx, total));
        markers(cv, p, s, pts.iter().flatten(), auto, t);
    }
}

fn areas(cv: &mut Canvas<'_>, ch: &Chart, lay: &Layout, p: &Plot, t: Transform) {
    let m = Map::of(ch, lay, p);
    let base = m.base();
    let n = count(p);
    let all = spans(p, base);
    let total = total_series(ch);
    // Overlapping (standard) areas: the first series in front, as LibreOffice draws them.
    let order: Vec<usize> = if p.grouping == Grouping::Standard {
        (0..p.series.len()).rev().collect()
    } else {
        (0..p.series.len()).collect()
    };
    for k in order {
        let (s, sp) = (&p.series[k], &all[k]);
        let mut top = Vec::with_capacity(n);
        let mut bottom = Vec::with_capacity(n);
        for (i, v) in sp.iter().enumerate() {
            let (a, b) = v.unwrap_or((base, base));
            let a = if p.grouping == Grouping::Standard {
                base
            } else {
                a
            };
            let c = m.cat_at(i as f64);
            top.push(m.point(c, m.val_at(b)));
            bottom.push(m.point(c, m.val_at(a)));
        }
        bottom.reverse();
        top.extend(bottom);
        if let Some(c) = series_fill(ch, p, s, total) {
            draw::polygon(cv, &top, c, t);
        }
        if let Some(l) = s.line
            && let Some(c) = l.color
        {
            draw::polygon_outline(cv, &top, c, l.width, t);
        }
    }
}

fn scatter(cv: &mut Canvas<'_>, ch: &Chart, lay: &Layout, p: &Plot, t: Transform) {
    let m = Map::of(ch, lay, p);
    let total = total_series(ch);
    for s in &p.series {
        let pts: Vec<Option<(f64, f64)>> = s
            .vals
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let x = if s.xs.iter().any(Option::is_some) {
                    s.xs.get(i).copied().flatten()?
                } else {
                    (i + 1) as f64
                };
                Some(m.xy(x, (*v)?))
            })
            .collect();
        let l = series_line(ch, p, s, total);
        if p.lines
            && let Some(c) = l.color
        {
            for run in pts.split(Option::is_none) {
                let run: Vec<(f64, f64)> = run.iter().flatten().copied().collect();
                draw::polyline(cv, &run, c, l.width, t);
            }
        }
        markers(
            cv,
            p,
            s,
            pts.iter().flatten(),
            auto_color(ch, s.idx, total),
            t,
        );
    }
}

/// Centre and outer radius of a pie in the plot area.
fn pie_circle(lay: &Layout) -> (f64, f64, f64) {
    let r = lay.inner;
    (r.x + r.w / 2.0, r.y + r.h / 2.0, r.w.min(r.h) / 2.0)
}

/// Slices of a pie series: (start angle, end angle, point index).
fn slices(s: &Series, first: f64) -> Vec<(f64, f64, usize)> {
    let total: f64 = s.vals.iter().flatten().filter(|v| **v > 0.0).sum();
    if total <= 0.0 {
        return Vec::new();
    }
    let mut a = first;
    s.vals
        .iter()
        .enumerate()
        .filter_map(|(i, v)| {
            let v = v.filter(|v| *v > 0.0)?;
            let sweep = v / total * 360.0;
            let out = (a, a + sweep, i);
            a += sweep;
            Some(out)
        })
        .collect()
}

fn pie(
    cv: &mut Canvas<'_>,
    ch: &Chart,
    lay: &Layout,
    p: &Plot,
    first: f64,
    hole: f64,
    t: Transform,
) {
    let (cx, cy, r) = pie_circle(lay);
    let rings: Vec<&Series> = if hole > 0.0 {
        p.series.iter().collect()
    } else {
        p.series.iter().take(1).collect()
    };
    let nr = rings.len().max(1) as f64;
    for (k, s) in rings.iter().enumerate() {
        let expl = s.explosion.min(1.0);
        let r_out = r / (1.0 + expl);
        let (r0, r1) = if hole > 0.0 {
            let inner = r_out * hole;
            let ring = (r_out - inner) / nr;
            (inner + ring * k as f64, inner + ring * (k as f64 + 1.0))
        } else {
            (0.0, r_out)
        };
        let n = s.vals.len();
        for (a0, a1, i) in slices(s, first) {
            let (dx, dy) = if expl > 0.0 {
                let (ox, oy) = draw::on_circle(0.0, 0.0, expl * r_out, f64::midpoint(a0, a1));
                (ox, oy)
            } else {
                (0.0, 0.0)
            };
            let pts = draw::wedge(cx + dx, cy + dy, r0, r1, a0, a1);
            if let Some(c) = point_fill(ch, p, s, i, n) {
                draw::polygon(cv, &pts, c, t);
            }
            if let Some(l) = s.line
                && let Some(c) = l.color
            {
                draw::polygon_outline(cv, &pts, c, l.width, t);
            }
        }
    }
}

/// The label text of point `i` of a series.
fn label_text(s: &Series, i: usize, v: f64, pct: Option<f64>) -> String {
    let l = &s.labels;
    let mut parts = Vec::new();
    if l.series {
        parts.push(s.name.clone());
    }
    if l.category
        && let Some(c) = s.cats.get(i)
    {
        parts.push(c.clone());
    }
    if l.value {
        let fmt = l.fmt.clone().unwrap_or_else(|| s.fmt.clone());
        parts.push(numfmt::format(v, &fmt));
    }
    if l.percent
        && let Some(f) = pct
    {
        parts.push(numfmt::format(f, "0%"));
    }
    parts.join(", ")
}

/// The text look of a series' labels.
fn label_style(ch: &Chart, s: &Series) -> TextStyle {
    s.labels.style.clone().unwrap_or_else(|| ch.text.clone())
}

/// Draw the data labels of every plot.
pub fn labels_all(cv: &mut Canvas<'_>, ch: &Chart, lay: &Layout, t: Transform) {
    for p in &ch.plots {
        if !p.series.iter().any(|s| s.labels.any()) {
            continue;
        }
        match p.kind {
            Kind::Pie { first, hole } => pie_labels(cv, ch, lay, p, first, hole, t),
            Kind::Scatter => {}
            _ => category_labels(cv, ch, lay, p, t),
        }
    }
}

/// Centre of a bar's label: `pos` is `c:dLblPos`; `up` when the bar grows towards larger values.
fn bar_label_at(r: &Rect, values_x: bool, up: bool, pos: &str, tw: f64, lh: f64) -> (f64, f64) {
    if values_x {
        let (end, start) = if up {
            (r.x + r.w, r.x)
        } else {
            (r.x, r.x + r.w)
        };
        let dir = if up { 1.0 } else { -1.0 };
        let x = match pos {
            "ctr" => r.x + r.w / 2.0,
            "inEnd" => end - dir * (tw / 2.0 + 2.0),
            "inBase" => start + dir * (tw / 2.0 + 2.0),
            _ => end + dir * (tw / 2.0 + 2.0),
        };
        (x, r.y + r.h / 2.0)
    } else {
        let (end, start) = if up {
            (r.y, r.y + r.h)
        } else {
            (r.y + r.h, r.y)
        };
        let dir = if up { -1.0 } else { 1.0 };
        let y = match pos {
            "ctr" => r.y + r.h / 2.0,
            "inEnd" => end - dir * (lh / 2.0 + 1.0),
            "inBase" => start + dir * (lh / 2.0 + 1.0),
            _ => end + dir * (lh / 2.0 + 1.0),
        };
        (r.x + r.w / 2.0, y)
    }
}

fn category_labels(cv: &mut Canvas<'_>, ch: &Chart, lay: &Layout, p: &Plot, t: Transform) {
    let m = Map::of(ch, lay, p);
    let base = m.base();
    let all = spans(p, base);
    for (k, (s, sp)) in p.series.iter().zip(&all).enumerate() {
        if !s.labels.any() {
            continue;
        }
        let st = label_style(ch, s);
        let lh = line_height(&st);
        for (i, span) in sp.iter().enumerate() {
            let (Some(span), Some(Some(v))) = (span, s.vals.get(i)) else {
                continue;
            };
            if s.labels.deleted.contains(&i) {
                continue;
            }
            let text = label_text(s, i, *v, None);
            let tw = text_width(cv, &text, &st);
            let (cx, cy) = if let Kind::Bar { gap, overlap, .. } = p.kind {
                let r = bar_rect(&m, p, gap, overlap, k, i, *span);
                let pos = s
                    .labels
                    .pos
                    .as_deref()
                    .unwrap_or(if p.grouping == Grouping::Standard {
                        "outEnd"
                    } else {
                        "ctr"
                    });
                bar_label_at(&r, m.values_x, span.1 >= span.0, pos, tw, lh)
            } else {
                let (x, y) = m.point(m.cat_at(i as f64), m.val_at(span.1));
                match s.labels.pos.as_deref() {
                    Some("ctr") => (x, y),
                    Some("l") => (x - tw / 2.0 - 4.0, y),
                    Some("t") => (x, y - lh / 2.0 - 3.0),
                    Some("b") => (x, y + lh / 2.0 + 3.0),
                    _ => (x + tw / 2.0 + 4.0, y),
                }
            };
            text_centred(cv, &text, &st, cx, cy, t);
        }
    }
}

fn pie_labels(
    cv: &mut Canvas<'_>,
    ch: &Chart,
    lay: &Layout,
    p: &Plot,
    first: f64,
    hole: f64,
    t: Transform,
) {
    let (cx, cy, r) = pie_circle(lay);
    let Some(s) = p.series.first() else { return };
    if !s.labels.any() {
        return;
    }
    let st = label_style(ch, s);
    let total: f64 = s.vals.iter().flatten().filter(|v| **v > 0.0).sum();
    for (a0, a1, i) in slices(s, first) {
        if s.labels.deleted.contains(&i) {
            continue;
        }
        let Some(Some(v)) = s.vals.get(i) else {
            continue;
        };
        let text = label_text(s, i, *v, (total > 0.0).then(|| v / total));
        let mid = f64::midpoint(a0, a1);
        let rr = match s.labels.pos.as_deref() {
            Some("outEnd") => {
                let tw = text_width(cv, &text, &st);
                r + tw.max(line_height(&st)) / 2.0 + 2.0
            }
            Some("inEnd") => r * 0.8,
            Some("ctr") => r * f64::midpoint(hole, 1.0),
            _ if hole > 0.0 => r * f64::midpoint(hole, 1.0),
            _ => r * 0.8,
        };
        let (x, y) = draw::on_circle(cx, cy, rr, mid);
        text_centred(cv, &text, &st, x, y, t);
    }
}
