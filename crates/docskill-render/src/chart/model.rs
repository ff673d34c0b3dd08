//! The chart part (`c:chartSpace`) read into a small, bounded model: plots with
//! their cached series data, axes, title, legend, layout and resolved colours.

use docskill_opc::xml::dom::Element;
use docskill_pptx::style::ThemeFonts;

use crate::color::{Palette, Rgba};
use crate::paint::{Fill, fill_in};
use crate::xml::{child, int, path, pt};

/// Most series read per chart, and points per series (the rest is left out).
pub const MAX_SERIES: usize = 64;
/// Most points read per series.
pub const MAX_POINTS: usize = 2_000;

/// How text of one chart element looks.
#[derive(Debug, Clone)]
pub struct TextStyle {
    /// Typeface name (resolved from the theme).
    pub font: String,
    /// Size, points.
    pub size: f64,
    /// Colour.
    pub color: Rgba,
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
}

/// A fraction-of-chart rectangle (`c:manualLayout`).
#[derive(Debug, Clone, Copy)]
pub struct Manual {
    /// Left, top, width, height as fractions of the chart; width and height may be absent.
    pub x: f64,
    /// Top.
    pub y: f64,
    /// Width.
    pub w: Option<f64>,
    /// Height.
    pub h: Option<f64>,
    /// The box is the plot's inner area (without tick labels).
    pub inner: bool,
}

/// A line: colour (none: not drawn) and width in points.
#[derive(Debug, Clone, Copy)]
pub struct Line {
    /// Colour; `None` when `a:noFill`.
    pub color: Option<Rgba>,
    /// Width, points.
    pub width: f64,
}

/// The title.
#[derive(Debug, Clone)]
pub struct Title {
    /// Lines of text.
    pub lines: Vec<String>,
    /// Look.
    pub style: TextStyle,
    /// Manual position of its top-left corner.
    pub at: Option<Manual>,
    /// Drawn over the plot area (takes no room).
    pub overlay: bool,
}

/// Where the legend goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegendPos {
    /// Right (default).
    Right,
    /// Left.
    Left,
    /// Top.
    Top,
    /// Bottom.
    Bottom,
    /// Top-right corner.
    TopRight,
}

/// The legend.
#[derive(Debug, Clone)]
pub struct Legend {
    /// Position.
    pub pos: LegendPos,
    /// Look of its text.
    pub style: TextStyle,
    /// Manual box.
    pub at: Option<Manual>,
    /// Drawn over the plot area.
    pub overlay: bool,
    /// Entries left out (`c:legendEntry/c:delete`).
    pub deleted: Vec<usize>,
}

/// Stacking of a plot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grouping {
    /// Side by side (bars) or on their own (lines, areas).
    Standard,
    /// Stacked.
    Stacked,
    /// Stacked to 100%.
    Percent,
}

/// The kind of plot.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    /// Bars: horizontal or columns, gap width and overlap (fractions of a bar).
    Bar {
        /// `barDir="bar"`.
        horizontal: bool,
        /// Gap between categories, in bar widths.
        gap: f64,
        /// Overlap of the series' bars, -1..=1.
        overlap: f64,
    },
    /// Lines.
    Line,
    /// Areas.
    Area,
    /// Pie or doughnut: first slice angle (degrees) and hole (fraction of the radius).
    Pie {
        /// Angle of the first slice's start, clockwise from 12 o'clock.
        first: f64,
        /// Hole as a fraction of the radius (0 for pies).
        hole: f64,
    },
    /// X/Y scatter.
    Scatter,
}

/// A marker symbol.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Symbol {
    /// No marker.
    None,
    /// Square.
    Square,
    /// Diamond.
    Diamond,
    /// Triangle.
    Triangle,
    /// Circle.
    Circle,
    /// Cross (×).
    X,
    /// Plus.
    Plus,
    /// Star (× with a bar).
    Star,
    /// Short horizontal bar.
    Dash,
    /// Small dot.
    Dot,
}

/// A marker.
#[derive(Debug, Clone, Copy)]
pub struct Marker {
    /// Symbol.
    pub symbol: Symbol,
    /// Size, points.
    pub size: f64,
    /// Fill (`None`: the series colour).
    pub fill: Option<Option<Rgba>>,
    /// Outline (`None`: the series colour).
    pub line: Option<Option<Rgba>>,
}

/// What data labels show.
#[derive(Debug, Clone, Default)]
pub struct Labels {
    /// The value.
    pub value: bool,
    /// The percentage (pies).
    pub percent: bool,
    /// The category name.
    pub category: bool,
    /// The series name.
    pub series: bool,
    /// `c:dLblPos`.
    pub pos: Option<String>,
    /// Number format.
    pub fmt: Option<String>,
    /// Look of the text (`None`: the chart's).
    pub style: Option<TextStyle>,
    /// Points whose label is deleted.
    pub deleted: Vec<usize>,
}

impl Labels {
    /// Whether any label is shown.
    pub fn any(&self) -> bool {
        self.value || self.percent || self.category || self.series
    }
}

/// One series, with its cached data.
#[derive(Debug, Clone)]
pub struct Series {
    /// Name (legend entry).
    pub name: String,
    /// `c:idx`: picks the automatic colour.
    pub idx: usize,
    /// Category labels (or formatted x values).
    pub cats: Vec<String>,
    /// Values.
    pub vals: Vec<Option<f64>>,
    /// X values (scatter).
    pub xs: Vec<Option<f64>>,
    /// Number format of the values.
    pub fmt: String,
    /// Fill: `Some(None)` for `a:noFill`, `None` for automatic.
    pub fill: Option<Option<Rgba>>,
    /// Outline or line: `None` for automatic.
    pub line: Option<Line>,
    /// Marker (`None`: automatic).
    pub marker: Option<Marker>,
    /// Per-point fills.
    pub points: Vec<(usize, Option<Rgba>)>,
    /// Pie slice explosion, fraction of the radius.
    pub explosion: f64,
    /// Data labels.
    pub labels: Labels,
}

/// One plot: a chart type with its series, on a pair of axes.
#[derive(Debug, Clone)]
pub struct Plot {
    /// Kind.
    pub kind: Kind,
    /// Stacking.
    pub grouping: Grouping,
    /// One colour per point (pies) rather than per series.
    pub vary: bool,
    /// Series in drawing order.
    pub series: Vec<Series>,
    /// Axis ids (category or x, value or y).
    pub axes: Vec<i64>,
    /// Line charts and scatter: markers on unless the series says otherwise.
    pub markers: bool,
    /// Scatter style: lines drawn.
    pub lines: bool,
}

/// Axis kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AxisKind {
    /// Categories (or dates).
    Category,
    /// Values.
    Value,
}

/// One axis.
#[derive(Debug, Clone)]
pub struct Axis {
    /// `c:axId`.
    pub id: i64,
    /// Kind.
    pub kind: AxisKind,
    /// `c:axPos`: `l`, `r`, `t`, `b`.
    pub pos: char,
    /// `c:delete`.
    pub deleted: bool,
    /// Fixed minimum.
    pub min: Option<f64>,
    /// Fixed maximum.
    pub max: Option<f64>,
    /// Fixed major unit.
    pub major: Option<f64>,
    /// Number format code (not linked to the source).
    pub fmt: Option<String>,
    /// Format linked to the source data.
    pub linked: bool,
    /// Major gridlines.
    pub grid: Option<Line>,
    /// `maxMin` orientation.
    pub reversed: bool,
    /// Tick labels shown.
    pub labels: bool,
    /// Look of the tick labels.
    pub style: TextStyle,
    /// The axis line.
    pub line: Option<Line>,
    /// `c:crosses`: `autoZero`, `min`, `max`.
    pub crosses: String,
    /// `c:crossBetween`: points between tick marks (`between`) or on them (`midCat`).
    pub between: bool,
    /// Axis title text.
    pub title: Option<Title>,
}

/// A chart's area fill and outline.
#[derive(Debug, Clone, Copy, Default)]
pub struct Area {
    /// Fill: `Some(None)` no fill, `None` automatic.
    pub fill: Option<Option<Rgba>>,
    /// Outline: `None` automatic.
    pub line: Option<Line>,
}

/// The whole chart.
#[derive(Debug, Clone)]
pub struct Chart {
    /// Title.
    pub title: Option<Title>,
    /// Legend.
    pub legend: Option<Legend>,
    /// Plots, in order.
    pub plots: Vec<Plot>,
    /// Axes.
    pub axes: Vec<Axis>,
    /// Manual plot area.
    pub plot_at: Option<Manual>,
    /// The chart's base text look.
    pub text: TextStyle,
    /// The chart area.
    pub space: Area,
    /// The plot area.
    pub plot_area: Area,
    /// `c:style` (1..=48): picks the automatic colours.
    pub style: i64,
    /// Colours of the theme.
    pub accents: [Rgba; 6],
    /// Dark text colour of the theme (`tx1`).
    pub dark: Rgba,
}

/// Why a chart is drawn as a frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsupported(pub String);

/// What the model needs from the slide.
pub struct Ctx<'a> {
    /// Colours.
    pub pal: &'a Palette,
    /// Theme fonts.
    pub fonts: &'a ThemeFonts,
}

fn val_attr(el: &Element, k: &str) -> Option<String> {
    child(el, k).and_then(|e| e.attr("val")).map(str::to_owned)
}

fn flag(el: &Element, k: &str) -> Option<bool> {
    child(el, k).map(|e| e.attr("val").is_none_or(|v| v == "1" || v == "true"))
}

fn num_attr(el: &Element, k: &str) -> Option<f64> {
    child(el, k)
        .and_then(|e| e.attr("val"))
        .and_then(|v| v.trim().parse::<f64>().ok())
        .filter(|v| v.is_finite())
}

/// The cached points of a data reference (`c:cat`, `c:val`, `c:xVal`, `c:tx`...):
/// strings and numbers by index, and the format code of a number cache.
fn cache(src: &Element) -> (Vec<Option<String>>, String) {
    let holder = src.elements().find_map(|r| match r.local() {
        "strRef" => child(r, "strCache"),
        "numRef" => child(r, "numCache"),
        "multiLvlStrRef" => child(r, "multiLvlStrCache"),
        "strLit" | "numLit" => Some(r),
        _ => None,
    });
    let Some(holder) = holder else {
        return (Vec::new(), String::new());
    };
    let fmt = child(holder, "formatCode")
        .map(Element::text)
        .unwrap_or_default();
    // Multi-level categories: the innermost level (the first `c:lvl`) names each point.
    let holder = child(holder, "lvl").unwrap_or(holder);
    let count = child(holder, "ptCount")
        .and_then(|c| int(c, "val"))
        .and_then(|n| usize::try_from(n).ok());
    let mut out: Vec<Option<String>> = Vec::new();
    for p in holder.elements().filter(|e| e.local() == "pt") {
        let Some(i) = int(p, "idx").and_then(|i| usize::try_from(i).ok()) else {
            continue;
        };
        if i >= MAX_POINTS || count.is_some_and(|n| i >= n) {
            continue;
        }
        if out.len() <= i {
            out.resize(i + 1, None);
        }
        out[i] = child(p, "v").map(Element::text);
    }
    if let Some(n) = count {
        out.resize(n.min(MAX_POINTS).max(out.len()), None);
    }
    (out, fmt)
}

fn numbers(raw: &[Option<String>]) -> Vec<Option<f64>> {
    raw.iter()
        .map(|v| {
            v.as_deref()
                .and_then(|s| s.trim().parse::<f64>().ok())
                .filter(|v| v.is_finite())
        })
        .collect()
}

/// A fill from an `spPr`: `Some(None)` for no fill, `None` when it names none.
fn fill(ctx: &Ctx<'_>, sp_pr: Option<&Element>) -> Option<Option<Rgba>> {
    match fill_in(ctx.pal, sp_pr?, None)? {
        Fill::None => Some(None),
        Fill::Solid(c) => Some(Some(c)),
        Fill::Gradient { stops, .. } => {
            let mid = stops.get(stops.len() / 2).map(|s| s.1);
            Some(mid)
        }
        Fill::Picture(_) => None,
    }
}

/// The outline (`a:ln`) of an `spPr`.
fn line(ctx: &Ctx<'_>, sp_pr: Option<&Element>) -> Option<Line> {
    let ln = child(sp_pr?, "ln")?;
    let width = int(ln, "w").map(pt);
    let color = match fill_in(ctx.pal, ln, None) {
        Some(Fill::None | Fill::Picture(_)) => None,
        Some(Fill::Solid(c)) => Some(c),
        Some(Fill::Gradient { stops, .. }) => stops.first().map(|s| s.1),
        None if width.is_none() => return None,
        None => Some(Rgba::BLACK),
    };
    Some(Line {
        color,
        width: width.unwrap_or(0.75).clamp(0.0, 20.0),
    })
}

/// Text look from a `c:txPr` (first paragraph's `defRPr`) over a base.
fn text_style(ctx: &Ctx<'_>, tx_pr: Option<&Element>, base: &TextStyle) -> TextStyle {
    let mut s = base.clone();
    let Some(rpr) = tx_pr.and_then(|t| {
        t.elements()
            .find(|e| e.local() == "p")
            .and_then(|p| path(p, &["pPr", "defRPr"]))
    }) else {
        return s;
    };
    apply_rpr(ctx, rpr, &mut s);
    s
}

fn apply_rpr(ctx: &Ctx<'_>, rpr: &Element, s: &mut TextStyle) {
    if let Some(sz) = int(rpr, "sz") {
        #[expect(clippy::cast_precision_loss, reason = "sizes are small")]
        let size = sz as f64 / 100.0;
        s.size = size.clamp(1.0, 400.0);
    }
    if let Some(b) = rpr.attr("b") {
        s.bold = b == "1" || b == "true";
    }
    if let Some(i) = rpr.attr("i") {
        s.italic = i == "1" || i == "true";
    }
    if let Some(c) = child(rpr, "solidFill").and_then(|f| ctx.pal.color_in(f, None)) {
        s.color = c;
    }
    if let Some(f) = child(rpr, "latin").and_then(|l| l.attr("typeface")) {
        s.font = ctx.fonts.resolve(f);
    }
}

fn manual(layout: Option<&Element>) -> Option<Manual> {
    let m = child(layout?, "manualLayout")?;
    let g = |k: &str| num_attr(m, k).map(|v| v.clamp(-1.0, 2.0));
    // Only edge mode is placed exactly; factor mode (offsets from the automatic place) is ignored.
    let edge = |k: &str| val_attr(m, k).is_some_and(|v| v == "edge");
    if !edge("xMode") || !edge("yMode") {
        return None;
    }
    Some(Manual {
        x: g("x")?,
        y: g("y")?,
        w: g("w").filter(|v| *v > 0.0),
        h: g("h").filter(|v| *v > 0.0),
        inner: val_attr(m, "layoutTarget").is_some_and(|v| v == "inner"),
    })
}

/// The text of a `c:tx/c:rich` as lines, and the look of its first run.
fn rich(ctx: &Ctx<'_>, tx: &Element, base: &TextStyle) -> (Vec<String>, TextStyle) {
    let mut style = base.clone();
    let mut lines = Vec::new();
    let mut styled = false;
    if let Some(r) = child(tx, "rich") {
        for p in r.elements().filter(|e| e.local() == "p") {
            if !styled && let Some(d) = path(p, &["pPr", "defRPr"]) {
                apply_rpr(ctx, d, &mut style);
            }
            let mut line = String::new();
            for run in p.elements() {
                match run.local() {
                    "r" | "fld" => {
                        if !styled && let Some(rpr) = child(run, "rPr") {
                            apply_rpr(ctx, rpr, &mut style);
                            styled = true;
                        }
                        line.push_str(&child(run, "t").map(Element::text).unwrap_or_default());
                    }
                    "br" => lines.push(std::mem::take(&mut line)),
                    _ => {}
                }
            }
            lines.push(line);
        }
    } else if let Some(v) = child(tx, "v") {
        lines.push(v.text());
    } else if let (raw, _) = cache(tx)
        && let Some(Some(s)) = raw.first()
    {
        lines.push(s.clone());
    }
    (lines, style)
}

fn title(ctx: &Ctx<'_>, el: &Element, base: &TextStyle, auto: Option<&str>) -> Option<Title> {
    let style = text_style(ctx, child(el, "txPr"), base);
    let (lines, style) = match child(el, "tx") {
        Some(tx) => rich(ctx, tx, &style),
        None => (vec![auto?.to_owned()], style),
    };
    if lines.iter().all(String::is_empty) {
        return None;
    }
    Some(Title {
        lines,
        style,
        at: manual(child(el, "layout")),
        overlay: flag(el, "overlay").unwrap_or(false),
    })
}

fn labels(ctx: &Ctx<'_>, el: Option<&Element>, base: &TextStyle, inherit: &Labels) -> Labels {
    let Some(el) = el else {
        return inherit.clone();
    };
    if flag(el, "delete") == Some(true) {
        return Labels::default();
    }
    let mut l = inherit.clone();
    let set = |k: &str, v: &mut bool| {
        if let Some(f) = flag(el, k) {
            *v = f;
        }
    };
    set("showVal", &mut l.value);
    set("showPercent", &mut l.percent);
    set("showCatName", &mut l.category);
    set("showSerName", &mut l.series);
    if let Some(p) = val_attr(el, "dLblPos") {
        l.pos = Some(p);
    }
    if let Some(f) = child(el, "numFmt")
        .filter(|n| n.attr("sourceLinked") != Some("1"))
        .and_then(|n| n.attr("formatCode"))
    {
        l.fmt = Some(f.to_owned());
    }
    if child(el, "txPr").is_some() {
        l.style = Some(text_style(ctx, child(el, "txPr"), base));
    }
    for d in el.elements().filter(|e| e.local() == "dLbl") {
        if flag(d, "delete") == Some(true)
            && let Some(i) = child(d, "idx")
                .and_then(|i| int(i, "val"))
                .and_then(|i| usize::try_from(i).ok())
        {
            l.deleted.push(i);
        }
    }
    l
}

fn symbol(s: &str) -> Symbol {
    match s {
        "none" => Symbol::None,
        "diamond" => Symbol::Diamond,
        "triangle" => Symbol::Triangle,
        "circle" => Symbol::Circle,
        "x" => Symbol::X,
        "plus" => Symbol::Plus,
        "star" => Symbol::Star,
        "dash" => Symbol::Dash,
        "dot" => Symbol::Dot,
        _ => Symbol::Square,
    }
}

fn marker(ctx: &Ctx<'_>, el: &Element) -> Marker {
    let sp = child(el, "spPr");
    #[expect(clippy::cast_precision_loss, reason = "sizes 2..=72")]
    let size = child(el, "size")
        .and_then(|s| int(s, "val"))
        .map_or(5.0, |v| v.clamp(2, 72) as f64);
    Marker {
        symbol: val_attr(el, "symbol").map_or(Symbol::Square, |s| symbol(&s)),
        size,
        fill: fill(ctx, sp),
        line: line(ctx, sp).map(|l| l.color),
    }
}

fn series(ctx: &Ctx<'_>, el: &Element, base: &TextStyle, plot_labels: &Labels) -> Series {
    let idx = child(el, "idx")
        .and_then(|i| int(i, "val"))
        .and_then(|i| usize::try_from(i).ok())
        .unwrap_or(0)
        .min(10_000);
    let name = child(el, "tx")
        .map(|tx| rich(ctx, tx, base).0.join(" "))
        .unwrap_or_default();
    let cat_el = child(el, "cat").or_else(|| child(el, "xVal"));
    let (cats_raw, cat_fmt) = cat_el.map(cache).unwrap_or_default();
    let cats: Vec<String> = cats_raw
        .iter()
        .map(|c| match c {
            Some(s) if !cat_fmt.is_empty() => s
                .trim()
                .parse::<f64>()
                .map_or_else(|_| s.clone(), |v| super::numfmt::format(v, &cat_fmt)),
            Some(s) => s
                .trim()
                .parse::<f64>()
                .map_or_else(|_| s.clone(), super::numfmt::general),
            None => String::new(),
        })
        .collect();
    let (vals_raw, fmt) = child(el, "val")
        .or_else(|| child(el, "yVal"))
        .map(cache)
        .unwrap_or_default();
    let xs = child(el, "xVal")
        .map(|x| numbers(&cache(x).0))
        .unwrap_or_default();
    let sp = child(el, "spPr");
    let points = el
        .elements()
        .filter(|e| e.local() == "dPt")
        .take(MAX_POINTS)
        .filter_map(|d| {
            let i = usize::try_from(int(child(d, "idx")?, "val")?).ok()?;
            Some((i, fill(ctx, child(d, "spPr"))?))
        })
        .collect();
    #[expect(clippy::cast_precision_loss, reason = "percent values")]
    let explosion = child(el, "explosion")
        .and_then(|e| int(e, "val"))
        .map_or(0.0, |v| v.clamp(0, 400) as f64 / 100.0);
    Series {
        name,
        idx,
        cats,
        vals: numbers(&vals_raw),
        xs,
        fmt: if fmt.is_empty() {
            "General".into()
        } else {
            fmt
        },
        fill: fill(ctx, sp),
        line: line(ctx, sp),
        marker: child(el, "marker").map(|m| marker(ctx, m)),
        points,
        explosion,
        labels: labels(ctx, child(el, "dLbls"), base, plot_labels),
    }
}

fn plot(ctx: &Ctx<'_>, el: &Element, base: &TextStyle) -> Result<Option<Plot>, Unsupported> {
    let local = el.local();
    let grouping = match val_attr(el, "grouping").as_deref() {
        Some("stacked") => Grouping::Stacked,
        Some("percentStacked") => Grouping::Percent,
        _ => Grouping::Standard,
    };
    #[expect(clippy::cast_precision_loss, reason = "percent values")]
    let pct = |k: &str, d: i64, lo: i64, hi: i64| {
        child(el, k)
            .and_then(|e| int(e, "val"))
            .unwrap_or(d)
            .clamp(lo, hi) as f64
            / 100.0
    };
    let kind = match local {
        "barChart" | "bar3DChart" => Kind::Bar {
            horizontal: val_attr(el, "barDir").is_some_and(|d| d == "bar"),
            gap: pct("gapWidth", 150, 0, 500),
            overlap: if grouping == Grouping::Standard {
                pct("overlap", 0, -100, 100)
            } else {
                1.0
            },
        },
        "lineChart" | "line3DChart" => Kind::Line,
        "areaChart" | "area3DChart" => Kind::Area,
        "pieChart" | "pie3DChart" | "doughnutChart" => Kind::Pie {
            first: child(el, "firstSliceAng")
                .and_then(|e| int(e, "val"))
                .map_or(0.0, |v| {
                    #[expect(clippy::cast_precision_loss, reason = "0..=360")]
                    let a = v.clamp(0, 360) as f64;
                    a
                }),
            hole: if local == "doughnutChart" {
                pct("holeSize", 50, 10, 90)
            } else {
                0.0
            },
        },
        "scatterChart" => Kind::Scatter,
        "layout" | "spPr" | "extLst" | "dTable" => return Ok(None),
        other if other.ends_with("Ax") => return Ok(None),
        other => return Err(Unsupported(format!("{other} is not drawn"))),
    };
    // Bar grouping "clustered"/"standard" and stacked groupings of lines and areas.
    let scatter_style = val_attr(el, "scatterStyle").unwrap_or_default();
    let plot_labels = labels(ctx, child(el, "dLbls"), base, &Labels::default());
    let mut series_list: Vec<Series> = el
        .elements()
        .filter(|e| e.local() == "ser")
        .take(MAX_SERIES)
        .map(|s| series(ctx, s, base, &plot_labels))
        .collect();
    // Drawing order is `c:order`, which python-pptx and Office keep equal to document order.
    series_list.sort_by_key(|s| s.idx);
    Ok(Some(Plot {
        kind,
        grouping,
        vary: flag(el, "varyColors").unwrap_or(false),
        series: series_list,
        axes: el
            .elements()
            .filter(|e| e.local() == "axId")
            .filter_map(|e| int(e, "val"))
            .collect(),
        markers: flag(el, "marker").unwrap_or(local == "scatterChart"),
        lines: !matches!(scatter_style.as_str(), "marker" | "none"),
    }))
}

/// One axis; `grey` is the automatic gridline colour.
fn axis(ctx: &Ctx<'_>, el: &Element, base: &TextStyle, grey: Rgba) -> Option<Axis> {
    let kind = match el.local() {
        "catAx" | "dateAx" => AxisKind::Category,
        "valAx" => AxisKind::Value,
        _ => return None,
    };
    let scaling = child(el, "scaling");
    let num = |k: &str| scaling.and_then(|s| num_attr(s, k));
    let nf = child(el, "numFmt");
    let style = text_style(ctx, child(el, "txPr"), base);
    Some(Axis {
        id: child(el, "axId").and_then(|a| int(a, "val"))?,
        kind,
        pos: val_attr(el, "axPos")
            .and_then(|p| p.chars().next())
            .unwrap_or('b'),
        deleted: flag(el, "delete").unwrap_or(false),
        min: num("min"),
        max: num("max"),
        major: num_attr(el, "majorUnit").filter(|v| *v > 0.0),
        fmt: nf.and_then(|n| n.attr("formatCode")).map(str::to_owned),
        linked: nf.is_none_or(|n| n.attr("sourceLinked") == Some("1")),
        grid: child(el, "majorGridlines").map(|g| {
            line(ctx, child(g, "spPr")).unwrap_or(Line {
                color: Some(grey),
                width: 0.75,
            })
        }),
        reversed: scaling
            .and_then(|s| val_attr(s, "orientation"))
            .is_some_and(|o| o == "maxMin"),
        labels: val_attr(el, "tickLblPos").is_none_or(|p| p != "none"),
        line: line(ctx, child(el, "spPr")),
        crosses: val_attr(el, "crosses").unwrap_or_else(|| "autoZero".into()),
        between: val_attr(el, "crossBetween").is_none_or(|b| b == "between"),
        title: child(el, "title").and_then(|t| {
            let mut b = style.clone();
            b.bold = true;
            title(ctx, t, &b, Some("Axis Title"))
        }),
        style,
    })
}

fn legend(ctx: &Ctx<'_>, l: &Element, base: &TextStyle) -> Legend {
    Legend {
        pos: match val_attr(l, "legendPos").as_deref() {
            Some("l") => LegendPos::Left,
            Some("t") => LegendPos::Top,
            Some("b") => LegendPos::Bottom,
            Some("tr") => LegendPos::TopRight,
            _ => LegendPos::Right,
        },
        style: text_style(ctx, child(l, "txPr"), base),
        at: manual(child(l, "layout")),
        overlay: flag(l, "overlay").unwrap_or(false),
        deleted: l
            .elements()
            .filter(|e| e.local() == "legendEntry" && flag(e, "delete") == Some(true))
            .filter_map(|e| {
                child(e, "idx")
                    .and_then(|i| int(i, "val"))
                    .and_then(|i| usize::try_from(i).ok())
            })
            .collect(),
    }
}

/// `c:style` (the fallback of Office 2010's `c14:style`), 2 when absent.
fn chart_style(root: &Element) -> i64 {
    root.elements()
        .find_map(|e| match e.local() {
            "style" => int(e, "val"),
            "AlternateContent" => child(e, "Fallback")
                .and_then(|f| child(f, "style"))
                .and_then(|s| int(s, "val")),
            _ => None,
        })
        .unwrap_or(2)
        .clamp(1, 48)
}

/// Read a chart part's root (`c:chartSpace`).
///
/// # Errors
/// [`Unsupported`] for chart types that are not drawn (surface, radar, stock, bubble, of-pie).
pub fn read(ctx: &Ctx<'_>, root: &Element) -> Result<Chart, Unsupported> {
    if root.local() != "chartSpace" {
        return Err(Unsupported(format!("{} chart part", root.local())));
    }
    let chart = child(root, "chart").ok_or_else(|| Unsupported("no c:chart".into()))?;
    let dark = ctx.pal.scheme("tx1").unwrap_or(Rgba::BLACK);
    let base = text_style(
        ctx,
        child(root, "txPr"),
        &TextStyle {
            font: ctx.fonts.minor.clone(),
            size: 10.0,
            color: dark,
            bold: false,
            italic: false,
        },
    );
    let plot_area = child(chart, "plotArea").ok_or_else(|| Unsupported("no plot area".into()))?;
    let mut plots = Vec::new();
    for el in plot_area.elements() {
        if let Some(p) = plot(ctx, el, &base)? {
            plots.push(p);
        }
    }
    if plots.is_empty() {
        return Err(Unsupported("no plot".into()));
    }
    let axes = plot_area
        .elements()
        .filter_map(|e| axis(ctx, e, &base, super::mix(dark, Rgba::WHITE, 0.47)))
        .collect();
    let all: Vec<&Series> = plots.iter().flat_map(|p| &p.series).collect();
    let auto_title = (all.len() == 1).then(|| all[0].name.as_str());
    let auto_deleted = flag(chart, "autoTitleDeleted").unwrap_or(false);
    let mut title_base = base.clone();
    title_base.size = (base.size * 1.2).clamp(1.0, 400.0);
    title_base.bold = true;
    let title = match child(chart, "title") {
        Some(t) => title(ctx, t, &title_base, auto_title.or(Some("Chart Title"))),
        // No title element: a single series names the chart (as Office and LibreOffice show it).
        None if !auto_deleted => auto_title.and_then(|a| {
            let holder = Element::new("c:title");
            title(ctx, &holder, &title_base, Some(a))
        }),
        None => None,
    };
    let legend = child(chart, "legend").map(|l| legend(ctx, l, &base));
    let style = chart_style(root);
    let accent = |i: usize| {
        ctx.pal
            .scheme(&format!("accent{i}"))
            .unwrap_or(Rgba::rgb8(0x44, 0x72, 0xC4))
    };
    Ok(Chart {
        title,
        legend,
        plots,
        axes,
        plot_at: manual(child(plot_area, "layout")),
        text: base,
        space: Area {
            fill: fill(ctx, child(root, "spPr")),
            line: line(ctx, child(root, "spPr")),
        },
        plot_area: Area {
            fill: fill(ctx, child(plot_area, "spPr")),
            line: line(ctx, child(plot_area, "spPr")),
        },
        style,
        accents: [
            accent(1),
            accent(2),
            accent(3),
            accent(4),
            accent(5),
            accent(6),
        ],
        dark,
    })
}
