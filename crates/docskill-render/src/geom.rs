//! Preset and custom geometries as paths in the shape's own box (points).

use std::collections::BTreeMap;

use docskill_opc::xml::dom::Element;
use tiny_skia::{Path, PathBuilder};

use crate::trig::{atan2_deg, sin_cos_deg};
use crate::xml::{child, int, path};

/// A shape outline ready to fill and stroke.
pub struct Geom {
    /// The outline.
    pub path: Path,
    /// False for lines, arcs and connectors: stroke only.
    pub fillable: bool,
    /// For open paths: (start, the point after it) and (the point before the end, end), for arrowheads.
    pub ends: Option<[(f64, f64); 4]>,
}

/// Path building in f64 with the conversion to tiny-skia's f32 in one place.
#[derive(Default)]
pub struct Pb {
    b: PathBuilder,
    cur: (f64, f64),
    first: Option<[(f64, f64); 2]>,
    last: [(f64, f64); 2],
}

#[expect(
    clippy::cast_possible_truncation,
    reason = "slide coordinates fit in f32"
)]
fn f(v: f64) -> f32 {
    v as f32
}

impl Pb {
    /// Start a subpath.
    pub fn m(&mut self, x: f64, y: f64) {
        self.b.move_to(f(x), f(y));
        self.cur = (x, y);
        self.last = [(x, y), (x, y)];
    }
    /// Line to.
    pub fn l(&mut self, x: f64, y: f64) {
        self.b.line_to(f(x), f(y));
        self.note(self.cur, (x, y));
        self.cur = (x, y);
    }
    /// Cubic Bézier to.
    pub fn c(&mut self, c1: (f64, f64), c2: (f64, f64), p: (f64, f64)) {
        self.b
            .cubic_to(f(c1.0), f(c1.1), f(c2.0), f(c2.1), f(p.0), f(p.1));
        self.note(c1, p);
        self.last[0] = c2;
        self.cur = p;
    }
    /// Quadratic Bézier to.
    pub fn q(&mut self, c1: (f64, f64), p: (f64, f64)) {
        self.b.quad_to(f(c1.0), f(c1.1), f(p.0), f(p.1));
        self.note(c1, p);
        self.last[0] = c1;
        self.cur = p;
    }
    fn note(&mut self, from_dir: (f64, f64), to: (f64, f64)) {
        if self.first.is_none() {
            self.first = Some([self.last[0], from_dir]);
        }
        self.last = [self.cur, to];
    }
    /// Close the subpath.
    pub fn z(&mut self) {
        self.b.close();
    }
    /// A polygon.
    pub fn poly(&mut self, pts: &[(f64, f64)]) {
        for (i, p) in pts.iter().enumerate() {
            if i == 0 {
                self.m(p.0, p.1);
            } else {
                self.l(p.0, p.1);
            }
        }
        self.z();
    }
    /// An elliptic arc around the centre from `start` sweeping `sweep` degrees (clockwise, y down).
    pub fn arc_center(
        &mut self,
        cx: f64,
        cy: f64,
        rx: f64,
        ry: f64,
        start: f64,
        sweep: f64,
        line: bool,
    ) {
        let n = ((sweep.abs() / 90.0).ceil()).clamp(1.0, 8.0);
        let step = sweep / n;
        // Control distance for a circular arc of `step` degrees: 4/3 tan(step/4).
        let (s4, c4) = sin_cos_deg(step / 4.0);
        let k = 4.0 / 3.0 * s4 / c4;
        let (s0, c0) = sin_cos_deg(start);
        let p0 = (cx + rx * c0, cy + ry * s0);
        if line {
            self.l(p0.0, p0.1);
        } else {
            self.m(p0.0, p0.1);
        }
        let mut a = start;
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "1..=8"
        )]
        for _ in 0..(n as u32) {
            let (sa, ca) = sin_cos_deg(a);
            let (sb, cb) = sin_cos_deg(a + step);
            let c1 = (cx + rx * (ca - k * sa), cy + ry * (sa + k * ca));
            let c2 = (cx + rx * (cb + k * sb), cy + ry * (sb - k * cb));
            self.c(c1, c2, (cx + rx * cb, cy + ry * sb));
            a += step;
        }
    }
    /// An ellipse filling the box.
    pub fn ellipse(&mut self, x: f64, y: f64, w: f64, h: f64) {
        self.arc_center(
            x + w / 2.0,
            y + h / 2.0,
            w / 2.0,
            h / 2.0,
            0.0,
            360.0,
            false,
        );
        self.z();
    }
    /// A rectangle with corner radius `r`.
    pub fn round_rect(&mut self, w: f64, h: f64, r: f64) {
        let r = r.clamp(0.0, w.min(h) / 2.0);
        if r <= 0.0 {
            self.poly(&[(0.0, 0.0), (w, 0.0), (w, h), (0.0, h)]);
            return;
        }
        self.m(r, 0.0);
        self.l(w - r, 0.0);
        self.arc_center(w - r, r, r, r, 270.0, 90.0, true);
        self.l(w, h - r);
        self.arc_center(w - r, h - r, r, r, 0.0, 90.0, true);
        self.l(r, h);
        self.arc_center(r, h - r, r, r, 90.0, 90.0, true);
        self.l(0.0, r);
        self.arc_center(r, r, r, r, 180.0, 90.0, true);
        self.z();
    }
    /// Finish.
    pub fn finish(self, fillable: bool) -> Option<Geom> {
        let ends = self.first.map(|f| [f[0], f[1], self.last[0], self.last[1]]);
        Some(Geom {
            path: self.b.finish()?,
            fillable,
            ends: if fillable { None } else { ends },
        })
    }
}

/// Adjust values by name (`adj`, `adj1`...), in the file's units (1/100000 mostly).
pub type Adj = BTreeMap<String, f64>;

/// The `a:avLst` values of a geometry element.
pub fn adjusts(geom: &Element) -> Adj {
    let mut out = Adj::new();
    if let Some(av) = child(geom, "avLst") {
        for gd in av.elements() {
            if let (Some(n), Some(v)) = (gd.attr("name"), gd.attr("fmla"))
                && let Some(v) = v.strip_prefix("val ").and_then(|v| v.trim().parse().ok())
            {
                out.insert(n.to_owned(), v);
            }
        }
    }
    out
}

fn a(adj: &Adj, name: &str, default: f64) -> f64 {
    adj.get(name)
        .or_else(|| if name == "adj1" { adj.get("adj") } else { None })
        .copied()
        .unwrap_or(default)
}

/// A preset geometry, or `None` when it is not one this renderer knows.
#[expect(clippy::too_many_lines, reason = "one arm per preset")]
pub fn preset(name: &str, w: f64, h: f64, adj: &Adj) -> Option<Geom> {
    let ss = w.min(h);
    let mut p = Pb::default();
    let mut fillable = true;
    match name {
        "rect"
        | "flowChartProcess"
        | "textBox"
        | "flowChartPredefinedProcess"
        | "frame"
        | "cube"
        | "can"
        | "bevel"
        | "plaque"
        | "foldedCorner" => {
            p.poly(&[(0.0, 0.0), (w, 0.0), (w, h), (0.0, h)]);
        }
        "roundRect" | "flowChartAlternateProcess" => {
            p.round_rect(w, h, ss * a(adj, "adj", 16_667.0) / 100_000.0);
        }
        "flowChartTerminator" => p.round_rect(w, h, ss / 2.0),
        "round2SameRect" => {
            let r = (ss * a(adj, "adj1", 16_667.0) / 100_000.0).clamp(0.0, ss / 2.0);
            p.m(r, 0.0);
            p.l(w - r, 0.0);
            p.arc_center(w - r, r, r, r, 270.0, 90.0, true);
            p.l(w, h);
            p.l(0.0, h);
            p.l(0.0, r);
            p.arc_center(r, r, r, r, 180.0, 90.0, true);
            p.z();
        }
        "snip1Rect" => {
            let s = ss * a(adj, "adj", 16_667.0) / 100_000.0;
            p.poly(&[(0.0, 0.0), (w - s, 0.0), (w, s), (w, h), (0.0, h)]);
        }
        "ellipse" | "flowChartConnector" | "cloud" | "cloudCallout" | "sun" | "moon" | "heart"
        | "smileyFace" => {
            p.ellipse(0.0, 0.0, w, h);
        }
        "donut" => {
            let d = ss * a(adj, "adj", 25_000.0) / 100_000.0;
            p.ellipse(0.0, 0.0, w, h);
            p.ellipse(d, d, (w - 2.0 * d).max(0.0), (h - 2.0 * d).max(0.0));
        }
        "triangle" | "flowChartExtract" => {
            let x = w * a(adj, "adj", 50_000.0) / 100_000.0;
            p.poly(&[(x, 0.0), (w, h), (0.0, h)]);
        }
        "flowChartMerge" => p.poly(&[(0.0, 0.0), (w, 0.0), (w / 2.0, h)]),
        "rtTriangle" => p.poly(&[(0.0, 0.0), (w, h), (0.0, h)]),
        "diamond" | "flowChartDecision" => {
            p.poly(&[(w / 2.0, 0.0), (w, h / 2.0), (w / 2.0, h), (0.0, h / 2.0)]);
        }
        "parallelogram" | "flowChartInputOutput" => {
            let d = if name == "parallelogram" {
                a(adj, "adj", 25_000.0)
            } else {
                20_000.0
            };
            let x = (ss * d / 100_000.0).min(w);
            p.poly(&[(x, 0.0), (w, 0.0), (w - x, h), (0.0, h)]);
        }
        "trapezoid" | "flowChartManualOperation" => {
            let x = (ss * a(adj, "adj", 25_000.0) / 100_000.0).min(w / 2.0);
            if name == "trapezoid" {
                p.poly(&[(0.0, h), (x, 0.0), (w - x, 0.0), (w, h)]);
            } else {
                p.poly(&[(0.0, 0.0), (w, 0.0), (w - x, h), (x, h)]);
            }
        }
        "homePlate" => {
            let x = w - (ss * a(adj, "adj", 50_000.0) / 100_000.0).min(w);
            p.poly(&[(0.0, 0.0), (x, 0.0), (w, h / 2.0), (x, h), (0.0, h)]);
        }
        "chevron" => {
            let d = (ss * a(adj, "adj", 50_000.0) / 100_000.0).min(w);
            p.poly(&[
                (0.0, 0.0),
                (w - d, 0.0),
                (w, h / 2.0),
                (w - d, h),
                (0.0, h),
                (d, h / 2.0),
            ]);
        }
        "hexagon" => {
            let x = (ss * a(adj, "adj", 25_000.0) / 100_000.0).min(w / 2.0);
            p.poly(&[
                (0.0, h / 2.0),
                (x, 0.0),
                (w - x, 0.0),
                (w, h / 2.0),
                (w - x, h),
                (x, h),
            ]);
        }
        "octagon" => {
            let x = (ss * a(adj, "adj", 29_289.0) / 100_000.0).min(ss / 2.0);
            p.poly(&[
                (x, 0.0),
                (w - x, 0.0),
                (w, x),
                (w, h - x),
                (w - x, h),
                (x, h),
                (0.0, h - x),
                (0.0, x),
            ]);
        }
        "plus" | "mathPlus" => {
            let x = (ss * a(adj, "adj", 25_000.0) / 100_000.0).min(ss / 2.0);
            p.poly(&[
                (x, 0.0),
                (w - x, 0.0),
                (w - x, x),
                (w, x),
                (w, h - x),
                (w - x, h - x),
                (w - x, h),
                (x, h),
                (x, h - x),
                (0.0, h - x),
                (0.0, x),
                (x, x),
            ]);
        }
        "pentagon" | "regularPentagon" => regular(&mut p, w, h, 5, None),
        "heptagon" => regular(&mut p, w, h, 7, None),
        "decagon" => regular(&mut p, w, h, 10, None),
        "dodecagon" => regular(&mut p, w, h, 12, None),
        "star4" => regular(&mut p, w, h, 4, Some(a(adj, "adj", 12_500.0) / 50_000.0)),
        "star5" => regular(&mut p, w, h, 5, Some(a(adj, "adj", 19_098.0) / 50_000.0)),
        "star6" => regular(&mut p, w, h, 6, Some(a(adj, "adj", 28_868.0) / 50_000.0)),
        "star7" => regular(&mut p, w, h, 7, Some(a(adj, "adj", 34_601.0) / 50_000.0)),
        "star8" => regular(&mut p, w, h, 8, Some(a(adj, "adj", 38_250.0) / 50_000.0)),
        "star10" => regular(&mut p, w, h, 10, Some(a(adj, "adj", 42_533.0) / 50_000.0)),
        "star12" => regular(&mut p, w, h, 12, Some(a(adj, "adj", 37_500.0) / 50_000.0)),
        "star16" | "star24" | "star32" => {
            regular(&mut p, w, h, 16, Some(a(adj, "adj", 37_500.0) / 50_000.0));
        }
        "rightArrow" | "leftArrow" | "upArrow" | "downArrow" | "leftRightArrow" | "upDownArrow"
        | "notchedRightArrow" => {
            arrow(&mut p, name, w, h, adj);
        }
        "wedgeRectCallout"
        | "wedgeRoundRectCallout"
        | "wedgeEllipseCallout"
        | "borderCallout1"
        | "callout1"
        | "accentCallout1" => {
            callout(&mut p, name, w, h, adj);
        }
        "pie" | "arc" | "blockArc" | "chord" => {
            let st = a(adj, "adj1", if name == "pie" { 0.0 } else { 16_200_000.0 }) / 60_000.0;
            let en = a(adj, "adj2", if name == "pie" { 16_200_000.0 } else { 0.0 }) / 60_000.0;
            let mut sw = en - st;
            if sw <= 0.0 {
                sw += 360.0;
            }
            p.arc_center(w / 2.0, h / 2.0, w / 2.0, h / 2.0, st, sw, false);
            match name {
                "pie" => {
                    p.l(w / 2.0, h / 2.0);
                    p.z();
                }
                "chord" | "blockArc" => p.z(),
                _ => fillable = false,
            }
        }
        "line" | "straightConnector1" | "lineInv" => {
            if name == "lineInv" {
                p.m(0.0, h);
                p.l(w, 0.0);
            } else {
                p.m(0.0, 0.0);
                p.l(w, h);
            }
            fillable = false;
        }
        "bentConnector2" => {
            p.m(0.0, 0.0);
            p.l(w, 0.0);
            p.l(w, h);
            fillable = false;
        }
        "bentConnector3" | "bentConnector4" | "bentConnector5" => {
            let x = w * a(adj, "adj1", 50_000.0) / 100_000.0;
            p.m(0.0, 0.0);
            p.l(x, 0.0);
            p.l(x, h);
            p.l(w, h);
            fillable = false;
        }
        "curvedConnector2" | "curvedConnector3" | "curvedConnector4" | "curvedConnector5" => {
            let x = w * a(adj, "adj1", 50_000.0) / 100_000.0;
            p.m(0.0, 0.0);
            p.c((x, 0.0), (x, h), (w, h));
            fillable = false;
        }
        _ => return None,
    }
    p.finish(fillable)
}

/// A regular polygon (or a star with inner radius ratio `star`) inscribed in the box.
fn regular(p: &mut Pb, w: f64, h: f64, n: u32, star: Option<f64>) {
    let (cx, cy, rx, ry) = (w / 2.0, h / 2.0, w / 2.0, h / 2.0);
    let mut pts = Vec::new();
    let steps = if star.is_some() { 2 * n } else { n };
    for i in 0..steps {
        let ang = -90.0 + 360.0 * f64::from(i) / f64::from(steps);
        let (s, c) = sin_cos_deg(ang);
        let k = if star.is_some() && i % 2 == 1 {
            star.unwrap_or(0.5)
        } else {
            1.0
        };
        pts.push((cx + rx * k * c, cy + ry * k * s));
    }
    p.poly(&pts);
}

/// The block arrows: drawn pointing right in a (length × thickness) box, then mapped.
fn arrow(p: &mut Pb, name: &str, w: f64, h: f64, adj: &Adj) {
    let vertical = matches!(name, "upArrow" | "downArrow" | "upDownArrow");
    let (len, thick) = if vertical { (h, w) } else { (w, h) };
    let ss = len.min(thick);
    let shaft = thick * a(adj, "adj1", 50_000.0) / 100_000.0;
    let head = (ss * a(adj, "adj2", 50_000.0) / 100_000.0).min(len);
    let (y1, y2) = ((thick - shaft) / 2.0, f64::midpoint(thick, shaft));
    let both = matches!(name, "leftRightArrow" | "upDownArrow");
    let mut pts = vec![];
    if both {
        let head = head.min(len / 2.0);
        pts.extend([
            (0.0, thick / 2.0),
            (head, 0.0),
            (head, y1),
            (len - head, y1),
            (len - head, 0.0),
            (len, thick / 2.0),
            (len - head, thick),
            (len - head, y2),
            (head, y2),
            (head, thick),
        ]);
    } else {
        let x1 = len - head;
        pts.extend([
            (0.0, y1),
            (x1, y1),
            (x1, 0.0),
            (len, thick / 2.0),
            (x1, thick),
            (x1, y2),
            (0.0, y2),
        ]);
        if name == "notchedRightArrow" {
            pts.push((head.min(len) * shaft / thick.max(1e-9) / 2.0, thick / 2.0));
        }
    }
    let map = |(x, y): (f64, f64)| match name {
        "leftArrow" => (len - x, y),
        "upArrow" => (y, len - x),
        "downArrow" | "upDownArrow" => (y, x),
        _ => (x, y),
    };
    let pts: Vec<_> = pts.into_iter().map(map).collect();
    p.poly(&pts);
}

/// Callouts: the body with a wedge toward the point given by adj1/adj2.
fn callout(p: &mut Pb, name: &str, w: f64, h: f64, adj: &Adj) {
    let tx = w / 2.0 + w * a(adj, "adj1", -20_833.0) / 100_000.0;
    let ty = h / 2.0 + h * a(adj, "adj2", 62_500.0) / 100_000.0;
    match name {
        "wedgeEllipseCallout" => {
            let ang = atan2_deg((ty - h / 2.0) / h.max(1e-9), (tx - w / 2.0) / w.max(1e-9));
            p.arc_center(w / 2.0, h / 2.0, w / 2.0, h / 2.0, ang + 10.0, 340.0, false);
            p.l(tx, ty);
            p.z();
            return;
        }
        "wedgeRoundRectCallout" => p.round_rect(w, h, ss_r(w, h, a(adj, "adj3", 16_667.0))),
        _ => p.poly(&[(0.0, 0.0), (w, 0.0), (w, h), (0.0, h)]),
    }
    if (0.0..=w).contains(&tx) && (0.0..=h).contains(&ty) {
        return;
    }
    // The wedge's base on the side the point lies beyond.
    let (b1, b2) = if ty > h || ty < 0.0 {
        let y = if ty > h { h } else { 0.0 };
        (
            (w * 7.0 / 12.0 - w / 6.0 + w / 12.0, y),
            (w * 7.0 / 12.0, y),
        )
    } else {
        let x = if tx > w { w } else { 0.0 };
        (
            (x, h * 7.0 / 12.0 - h / 6.0 + h / 12.0),
            (x, h * 7.0 / 12.0),
        )
    };
    let (b1, b2) = if tx < w / 2.0 && (ty > h || ty < 0.0) {
        ((w - b2.0, b2.1), (w - b1.0, b1.1))
    } else {
        (b1, b2)
    };
    p.poly(&[b1, (tx, ty), b2]);
}

fn ss_r(w: f64, h: f64, adj: f64) -> f64 {
    w.min(h) * adj / 100_000.0
}

/// A custom geometry (`a:custGeom`) scaled to the box; guides with formulas are evaluated.
pub fn custom(geom: &Element, w: f64, h: f64) -> Option<Geom> {
    let list = child(geom, "pathLst")?;
    let mut p = Pb::default();
    let mut any_fill = false;
    let mut vars = builtins(w, h);
    for holder in [child(geom, "avLst"), child(geom, "gdLst")]
        .into_iter()
        .flatten()
    {
        for gd in holder.elements() {
            if let (Some(n), Some(f)) = (gd.attr("name"), gd.attr("fmla")) {
                let v = eval(f, &vars);
                vars.insert(n.to_owned(), v);
            }
        }
    }
    for sub in list.elements().filter(|e| e.local() == "path") {
        #[expect(clippy::cast_precision_loss, reason = "path units are small integers")]
        let (pw, ph) = (
            int(sub, "w").map_or(w, |v| v as f64),
            int(sub, "h").map_or(h, |v| v as f64),
        );
        let sx = if pw > 0.0 { w / pw } else { 1.0 };
        let sy = if ph > 0.0 { h / ph } else { 1.0 };
        if sub.attr("fill") != Some("none") {
            any_fill = true;
        }
        let val = |s: Option<&str>| -> f64 {
            s.map_or(0.0, |s| {
                s.parse::<f64>()
                    .ok()
                    .or_else(|| vars.get(s).copied())
                    .unwrap_or(0.0)
            })
        };
        let pt = |e: &Element| (val(e.attr("x")) * sx, val(e.attr("y")) * sy);
        for cmd in sub.elements() {
            let pts: Vec<(f64, f64)> = cmd
                .elements()
                .filter(|e| e.local() == "pt")
                .map(pt)
                .collect();
            match (cmd.local(), pts.as_slice()) {
                ("moveTo", [a, ..]) => p.m(a.0, a.1),
                ("lnTo", [a, ..]) => p.l(a.0, a.1),
                ("cubicBezTo", [a, b, c, ..]) => p.c(*a, *b, *c),
                ("quadBezTo", [a, b, ..]) => p.q(*a, *b),
                ("arcTo", _) => {
                    let rx = val(cmd.attr("wR")) * sx;
                    let ry = val(cmd.attr("hR")) * sy;
                    let st = val(cmd.attr("stAng")) / 60_000.0;
                    let sw = val(cmd.attr("swAng")) / 60_000.0;
                    let (s, c) = sin_cos_deg(st);
                    let (cx, cy) = (p.cur.0 - rx * c, p.cur.1 - ry * s);
                    p.arc_center(cx, cy, rx, ry, st, sw, true);
                }
                ("close", _) => p.z(),
                _ => {}
            }
        }
    }
    p.finish(any_fill)
}

fn builtins(w: f64, h: f64) -> BTreeMap<String, f64> {
    let ss = w.min(h);
    let mut v = BTreeMap::new();
    for (k, x) in [
        ("w", w),
        ("h", h),
        ("l", 0.0),
        ("t", 0.0),
        ("r", w),
        ("b", h),
        ("hc", w / 2.0),
        ("vc", h / 2.0),
        ("ss", ss),
        ("ls", w.max(h)),
        ("wd2", w / 2.0),
        ("hd2", h / 2.0),
        ("wd4", w / 4.0),
        ("hd4", h / 4.0),
        ("wd8", w / 8.0),
        ("hd8", h / 8.0),
        ("ssd2", ss / 2.0),
        ("ssd4", ss / 4.0),
        ("ssd8", ss / 8.0),
        ("cd2", 10_800_000.0),
        ("cd4", 5_400_000.0),
        ("cd8", 2_700_000.0),
        ("3cd4", 16_200_000.0),
        ("3cd8", 8_100_000.0),
        ("5cd8", 13_500_000.0),
        ("7cd8", 18_900_000.0),
    ] {
        v.insert(k.to_owned(), x);
    }
    v
}

/// Evaluate a DrawingML guide formula.
fn eval(f: &str, vars: &BTreeMap<String, f64>) -> f64 {
    let mut it = f.split_whitespace();
    let op = it.next().unwrap_or("");
    let args: Vec<f64> = it
        .map(|t| {
            t.parse::<f64>()
                .ok()
                .or_else(|| vars.get(t).copied())
                .unwrap_or(0.0)
        })
        .collect();
    let g = |i: usize| args.get(i).copied().unwrap_or(0.0);
    let deg = |v: f64| v / 60_000.0;
    match op {
        "val" => g(0),
        "*/" => {
            if g(2) == 0.0 {
                0.0
            } else {
                g(0) * g(1) / g(2)
            }
        }
        "+-" => g(0) + g(1) - g(2),
        "+/" => {
            if g(2) == 0.0 {
                0.0
            } else {
                (g(0) + g(1)) / g(2)
            }
        }
        "?:" => {
            if g(0) > 0.0 {
                g(1)
            } else {
                g(2)
            }
        }
        "abs" => g(0).abs(),
        "min" => g(0).min(g(1)),
        "max" => g(0).max(g(1)),
        "pin" => g(1).clamp(g(0).min(g(2)), g(2).max(g(0))),
        "sqrt" => g(0).max(0.0).sqrt(),
        "mod" => (g(0) * g(0) + g(1) * g(1) + g(2) * g(2)).sqrt(),
        "sin" => g(0) * sin_cos_deg(deg(g(1))).0,
        "cos" => g(0) * sin_cos_deg(deg(g(1))).1,
        "tan" => {
            let (s, c) = sin_cos_deg(deg(g(1)));
            if c == 0.0 { 0.0 } else { g(0) * s / c }
        }
        "at2" => atan2_deg(g(1), g(0)) * 60_000.0,
        "cat2" => g(0) * sin_cos_deg(atan2_deg(g(2), g(1))).1,
        "sat2" => g(0) * sin_cos_deg(atan2_deg(g(2), g(1))).0,
        _ => 0.0,
    }
}

/// The geometry element of a shape's `spPr`: preset or custom, defaulting to a rectangle.
pub fn of_sppr(sp_pr: Option<&Element>) -> Option<&Element> {
    sp_pr.and_then(|s| child(s, "prstGeom").or_else(|| child(s, "custGeom")))
}

/// Whether a custom geometry has any path (some decks write empty ones for text boxes).
pub fn has_paths(geom: &Element) -> bool {
    path(geom, &["pathLst", "path"]).is_some()
}

#[cfg(test)]
mod tests {
    use super::{Adj, preset};

    #[test]
    fn every_listed_preset_builds() {
        for name in [
            "rect",
            "roundRect",
            "ellipse",
            "triangle",
            "rtTriangle",
            "diamond",
            "parallelogram",
            "trapezoid",
            "pentagon",
            "hexagon",
            "octagon",
            "chevron",
            "homePlate",
            "plus",
            "star5",
            "rightArrow",
            "leftArrow",
            "upArrow",
            "downArrow",
            "wedgeRectCallout",
            "wedgeEllipseCallout",
            "line",
            "straightConnector1",
            "bentConnector3",
            "pie",
            "arc",
        ] {
            let g = preset(name, 100.0, 50.0, &Adj::new());
            assert!(g.is_some(), "{name}");
        }
        assert!(
            preset("line", 100.0, 0.0, &Adj::new())
                .is_some_and(|g| !g.fillable && g.ends.is_some())
        );
        assert!(preset("noSuchShape", 10.0, 10.0, &Adj::new()).is_none());
    }
}
