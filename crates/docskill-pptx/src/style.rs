//! Where a shape's text formatting comes from: the shape itself, then the
//! matching placeholder on the layout and on the master, then the master's
//! text styles (or the presentation's default text style). Public so the
//! renderer (`docskill-render`) resolves inheritance the same way.

use docskill_opc::xml::dom::Element;

use crate::deck::{child, path};

/// The theme's fonts: `+mj-lt` (major, headings) and `+mn-lt` (minor, body).
#[derive(Debug, Clone, Default)]
pub struct ThemeFonts {
    /// Major (headings) Latin typeface.
    pub major: String,
    /// Minor (body) Latin typeface.
    pub minor: String,
}

impl ThemeFonts {
    /// The major and minor fonts of a theme part's root.
    pub fn from_theme(theme: Option<&Element>) -> Self {
        let font = |which: &str| {
            theme
                .and_then(|t| path(t, &["themeElements", "fontScheme", which, "latin"]))
                .and_then(|l| l.attr("typeface"))
                .unwrap_or_default()
                .to_owned()
        };
        Self {
            major: font("majorFont"),
            minor: font("minorFont"),
        }
    }

    /// Resolve a typeface that names a theme font.
    pub fn resolve(&self, face: &str) -> String {
        match face {
            "+mj-lt" | "+mj-ea" | "+mj-cs" => self.major.clone(),
            "+mn-lt" | "+mn-ea" | "+mn-cs" => self.minor.clone(),
            f => f.to_owned(),
        }
    }
}

/// A placeholder reference: `type` (default `obj`) and `idx`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ph {
    /// `type`, `obj` when absent.
    pub kind: String,
    /// `idx`, when given.
    pub idx: Option<u32>,
}

impl Ph {
    /// The `p:ph` of a shape, if it is a placeholder.
    pub fn of(shape: &Element) -> Option<Self> {
        let nv = shape.elements().find(|e| e.local().starts_with("nv"))?;
        let ph = path(nv, &["nvPr", "ph"])?;
        Some(Self {
            kind: ph.attr("type").unwrap_or("obj").to_owned(),
            idx: ph.attr("idx").and_then(|v| v.parse().ok()),
        })
    }

    /// Title placeholders (`title`, `ctrTitle`).
    pub fn is_title(&self) -> bool {
        matches!(self.kind.as_str(), "title" | "ctrTitle")
    }

    /// The type a master placeholder has for this one.
    fn master_kind(&self) -> &str {
        match self.kind.as_str() {
            "title" | "ctrTitle" => "title",
            "dt" | "ftr" | "sldNum" | "hdr" => &self.kind,
            _ => "body",
        }
    }
}

/// Shapes at the top of a slide-like part's shape tree (groups opened).
pub fn tree_shapes(root: &Element) -> Vec<&Element> {
    fn walk<'e>(el: &'e Element, out: &mut Vec<&'e Element>) {
        for c in el.elements() {
            match c.local() {
                "sp" | "pic" | "graphicFrame" | "cxnSp" => out.push(c),
                "grpSp" => walk(c, out),
                "AlternateContent" => {
                    if let Some(choice) = c.elements().next() {
                        walk(choice, out);
                    }
                }
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    if let Some(tree) = path(root, &["cSld", "spTree"]) {
        walk(tree, &mut out);
    }
    out
}

/// The placeholder on a layout or master that `ph` inherits from.
pub fn find_placeholder<'e>(root: &'e Element, ph: &Ph, master: bool) -> Option<&'e Element> {
    let shapes: Vec<(&Element, Ph)> = tree_shapes(root)
        .into_iter()
        .filter_map(|s| Some((s, Ph::of(s)?)))
        .collect();
    if master {
        let want = ph.master_kind();
        return shapes
            .iter()
            .find(|(_, p)| p.master_kind() == want)
            .map(|(s, _)| *s);
    }
    if ph.idx.is_some()
        && let Some((s, _)) = shapes.iter().find(|(_, p)| p.idx == ph.idx)
    {
        return Some(s);
    }
    shapes
        .iter()
        .find(|(_, p)| p.kind == ph.kind)
        .or_else(|| {
            shapes
                .iter()
                .find(|(_, p)| p.master_kind() == ph.master_kind() && ph.idx.is_none())
        })
        .map(|(s, _)| *s)
}

/// Everything a shape inherits from, most specific first.
#[derive(Debug, Default)]
pub struct Inherit<'e> {
    /// The shape, then its layout and master placeholders.
    pub shapes: Vec<&'e Element>,
    /// List styles (`a:lstStyle`, `p:titleStyle`...), most specific first.
    pub lists: Vec<&'e Element>,
    /// True for title placeholders (major theme font by default).
    pub title: bool,
}

/// The text body of a shape (`p:txBody`, or `a:txBody` in table cells).
pub fn tx_body(shape: &Element) -> Option<&Element> {
    child(shape, "txBody")
}

impl<'e> Inherit<'e> {
    /// The chain for `shape` on a slide with this layout and master.
    pub fn new(
        shape: &'e Element,
        layout: Option<&'e Element>,
        master: Option<&'e Element>,
        pres_default: Option<&'e Element>,
    ) -> Self {
        let mut inh = Self {
            shapes: vec![shape],
            ..Self::default()
        };
        let ph = Ph::of(shape);
        if let Some(ph) = &ph {
            inh.title = ph.is_title();
            if let Some(l) = layout.and_then(|l| find_placeholder(l, ph, false)) {
                inh.shapes.push(l);
            }
            if let Some(m) = master.and_then(|m| find_placeholder(m, ph, true)) {
                inh.shapes.push(m);
            }
        }
        for s in &inh.shapes {
            if let Some(l) = tx_body(s).and_then(|b| child(b, "lstStyle")) {
                inh.lists.push(l);
            }
        }
        let styles = master.and_then(|m| child(m, "txStyles"));
        match &ph {
            Some(p) if p.is_title() => inh
                .lists
                .extend(styles.and_then(|s| child(s, "titleStyle"))),
            Some(p) if !matches!(p.kind.as_str(), "dt" | "ftr" | "sldNum" | "hdr") => {
                inh.lists.extend(styles.and_then(|s| child(s, "bodyStyle")));
            }
            _ => {
                inh.lists
                    .extend(styles.and_then(|s| child(s, "otherStyle")));
                inh.lists.extend(pres_default);
            }
        }
        inh
    }

    /// The `a:bodyPr` elements, most specific first.
    pub fn body_props(&self) -> Vec<&'e Element> {
        self.shapes
            .iter()
            .filter_map(|s| tx_body(s).and_then(|b| child(b, "bodyPr")))
            .collect()
    }

    /// The first `a:xfrm` (or `p:xfrm`) along the chain, and whether it was
    /// inherited. An `a:xfrm` that lacks its `a:off` or `a:ext` (python-pptx
    /// writes `<a:xfrm><a:ext/></a:xfrm>` when only a size is set) takes the
    /// missing part from the next one up the chain, as `PowerPoint` and
    /// `LibreOffice` do.
    pub fn xfrm(&self) -> Option<(Xfrm, bool)> {
        let mut found: Option<(Xfrm, bool, bool, bool)> = None;
        for (i, s) in self.shapes.iter().enumerate() {
            let Some(x) = Xfrm::of(s) else { continue };
            let (has_off, has_ext) = Xfrm::parts(s);
            match &mut found {
                None => found = Some((x, i > 0, has_off, has_ext)),
                Some((f, _, off, ext)) => {
                    if !*off && has_off {
                        (f.x, f.y, *off) = (x.x, x.y, true);
                    }
                    if !*ext && has_ext {
                        (f.cx, f.cy, *ext) = (x.cx, x.cy, true);
                    }
                }
            }
            if found.is_some_and(|(_, _, o, e)| o && e) {
                break;
            }
        }
        found.map(|(x, inherited, _, _)| (x, inherited))
    }

    /// The paragraph-level elements for `level` (0-based): `a:lvlNpPr` of each list style.
    pub fn levels(&self, level: u32) -> Vec<&'e Element> {
        let name = format!("lvl{}pPr", level.min(8) + 1);
        self.lists.iter().filter_map(|l| child(l, &name)).collect()
    }
}

/// A position and size in EMU, with rotation in degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Xfrm {
    /// Left, EMU.
    pub x: i64,
    /// Top, EMU.
    pub y: i64,
    /// Width, EMU.
    pub cx: i64,
    /// Height, EMU.
    pub cy: i64,
    /// Rotation, degrees clockwise.
    pub rot: f64,
    /// Child offset and extent (groups).
    pub ch: Option<(i64, i64, i64, i64)>,
}

impl Xfrm {
    /// The `a:xfrm` element of a shape: `p:spPr/a:xfrm`, `p:xfrm` (graphic frames), `p:grpSpPr/a:xfrm`.
    fn element(shape: &Element) -> Option<&Element> {
        child(shape, "xfrm").or_else(|| {
            shape
                .elements()
                .find(|e| matches!(e.local(), "spPr" | "grpSpPr"))
                .and_then(|p| child(p, "xfrm"))
        })
    }

    /// Whether a shape's transform has its `a:off` and its `a:ext`.
    fn parts(shape: &Element) -> (bool, bool) {
        Self::element(shape).map_or((false, false), |x| {
            (child(x, "off").is_some(), child(x, "ext").is_some())
        })
    }

    /// The transform of a shape: `p:spPr/a:xfrm`, `p:xfrm` (graphic frames), `p:grpSpPr/a:xfrm`.
    pub fn of(shape: &Element) -> Option<Self> {
        let x = Self::element(shape)?;
        let num = |e: Option<&Element>, k: &str| -> i64 {
            e.and_then(|e| e.attr(k))
                .and_then(|v| v.parse().ok())
                .unwrap_or(0)
        };
        let off = child(x, "off");
        let ext = child(x, "ext");
        if off.is_none() && ext.is_none() {
            return None;
        }
        let ch = child(x, "chOff").map(|o| {
            let e = child(x, "chExt");
            (
                num(Some(o), "x"),
                num(Some(o), "y"),
                num(e, "cx"),
                num(e, "cy"),
            )
        });
        #[expect(
            clippy::cast_precision_loss,
            reason = "rotation in 60,000ths of a degree"
        )]
        let rot = x
            .attr("rot")
            .and_then(|v| v.parse::<i64>().ok())
            .map_or(0.0, |r| r as f64 / 60_000.0);
        Some(Self {
            x: num(off, "x"),
            y: num(off, "y"),
            cx: num(ext, "cx"),
            cy: num(ext, "cy"),
            rot,
            ch,
        })
    }

    /// Map a rectangle in this group's child space to its parent's space.
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_precision_loss,
        reason = "EMU values are far inside f64's exact range"
    )]
    pub fn map_child(&self, r: (i64, i64, i64, i64)) -> (i64, i64, i64, i64) {
        let Some((ox, oy, ocx, ocy)) = self.ch else {
            return r;
        };
        let sx = if ocx == 0 {
            1.0
        } else {
            self.cx as f64 / ocx as f64
        };
        let sy = if ocy == 0 {
            1.0
        } else {
            self.cy as f64 / ocy as f64
        };
        (
            self.x + ((r.0 - ox) as f64 * sx).round() as i64,
            self.y + ((r.1 - oy) as f64 * sy).round() as i64,
            (r.2 as f64 * sx).round() as i64,
            (r.3 as f64 * sy).round() as i64,
        )
    }
}

/// The first value of attribute `k` along `chain`.
pub fn first_attr<'e>(chain: &[&'e Element], k: &str) -> Option<&'e str> {
    chain.iter().find_map(|e| e.attr(k))
}

/// The first child named `local` along `chain`.
pub fn first_child<'e>(chain: &[&'e Element], local: &str) -> Option<&'e Element> {
    chain.iter().find_map(|e| child(e, local))
}

/// A colour fill (`a:solidFill`) as `#RRGGBB` or a theme colour name.
pub fn color_of(fill: &Element) -> Option<String> {
    let c = fill.elements().next()?;
    let val = c.attr("val").or_else(|| c.attr("lastClr"))?;
    Some(match c.local() {
        "srgbClr" => format!("#{}", val.to_ascii_uppercase()),
        "schemeClr" => format!("theme:{val}"),
        "sysClr" => format!("system:{val}"),
        "prstClr" => val.to_owned(),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use docskill_opc::Limits;
    use docskill_opc::xml::dom::Document;

    use super::{Inherit, Xfrm};

    fn sp(xml: &str) -> Document {
        let text = format!(
            r#"<p:sp xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><p:spPr>{xml}</p:spPr></p:sp>"#
        );
        Document::parse(text.as_bytes(), "/t.xml", &Limits::default()).unwrap()
    }

    #[test]
    fn an_xfrm_without_offset_takes_the_layouts_offset() {
        let slide = sp(r#"<a:xfrm><a:ext cx="5486400" cy="0"/></a:xfrm>"#);
        let layout = sp(
            r#"<a:xfrm><a:off x="457200" y="1600200"/><a:ext cx="8229600" cy="4525963"/></a:xfrm>"#,
        );
        let inh = Inherit {
            shapes: vec![&slide.root, &layout.root],
            lists: Vec::new(),
            title: false,
        };
        let (x, inherited) = inh.xfrm().unwrap();
        assert!(!inherited);
        assert_eq!((x.x, x.y, x.cx, x.cy), (457_200, 1_600_200, 5_486_400, 0));
        // A complete xfrm on the slide wins as a whole.
        let slide = sp(r#"<a:xfrm><a:off x="1" y="2"/><a:ext cx="3" cy="4"/></a:xfrm>"#);
        let inh = Inherit {
            shapes: vec![&slide.root, &layout.root],
            lists: Vec::new(),
            title: false,
        };
        let (x, _) = inh.xfrm().unwrap();
        assert_eq!((x.x, x.y, x.cx, x.cy), (1, 2, 3, 4));
        assert!(Xfrm::of(&layout.root).is_some());
    }
}
