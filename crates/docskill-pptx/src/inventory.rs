//! `inventory`: what a deck holds, shape by shape, with effective formatting and warnings.

use std::collections::BTreeMap;

use docskill_opc::xml::dom::{Document, Element};

use crate::deck::{PartCache, Pptx, child, layout_name, path, slide_size_of};
use crate::metrics::{EstParagraph, LineSpacing, estimate};
use crate::model::{
    Inventory, LayoutInfo, ParagraphInfo, Placeholder, Rect, ShapeInfo, Size, SlideInfo, Warning,
};
use crate::style::{
    Inherit, Ph, ThemeFonts, Xfrm, color_of, first_attr, first_child, tree_shapes, tx_body,
};
use crate::{Result, inches_of_pt};

/// The parts a slide inherits from.
pub(crate) struct Chain {
    pub layout: Option<String>,
    pub master: Option<String>,
    pub theme: Option<String>,
}

impl Pptx {
    /// Describe the deck: slide size, layouts, and every slide's shapes with
    /// their text, effective formatting and warnings.
    ///
    /// # Errors
    /// [`crate::Error::Package`] when a slide cannot be read or parsed.
    pub fn inventory(&self) -> Result<Inventory> {
        self.inventory_of(None, BTreeMap::new())
    }

    pub(crate) fn chain(&self, slide: &str) -> Chain {
        let layout = self.target_of(slide, "slideLayout");
        let (master, theme) = layout
            .as_deref()
            .map(|l| self.above_layout(l))
            .unwrap_or_default();
        Chain {
            layout,
            master,
            theme,
        }
    }

    /// The master and theme above a layout.
    fn above_layout(&self, layout: &str) -> (Option<String>, Option<String>) {
        let master = self.target_of(layout, "slideMaster");
        let theme = master.as_deref().and_then(|m| self.target_of(m, "theme"));
        (master, theme)
    }

    /// The inventory of all slides, or of these slide indexes only (then
    /// without the layout list). `edited` holds slides already parsed, by
    /// part name (taken in place of the package's copy).
    pub(crate) fn inventory_of(
        &self,
        only: Option<&[usize]>,
        mut edited: BTreeMap<String, Document>,
    ) -> Result<Inventory> {
        let pres = self.parse(&self.pres_part)?;
        let (cx, cy) = slide_size_of(&pres);
        let pres_default = child(&pres.root, "defaultTextStyle");
        let mut cache = PartCache::default();
        let mut layouts = Vec::new();
        if only.is_none() {
            for (index, part) in self.layout_parts()?.into_iter().enumerate() {
                cache.load(self, &part);
                let doc = cache.doc(&part);
                let placeholders = doc
                    .map(|d| {
                        tree_shapes(&d.root)
                            .into_iter()
                            .filter_map(Ph::of)
                            .map(|p| match p.idx {
                                Some(i) => format!("{} {i}", p.kind),
                                None => p.kind,
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                layouts.push(LayoutInfo {
                    index,
                    name: doc.map(layout_name).unwrap_or_default(),
                    part,
                    placeholders,
                });
            }
        }
        // layout part → (master, theme): each layout's chain is followed once.
        let mut above: BTreeMap<String, (Option<String>, Option<String>)> = BTreeMap::new();
        let mut slides = Vec::new();
        for (index, s) in self.slides.iter().enumerate() {
            if only.is_some_and(|o| !o.contains(&index)) {
                continue;
            }
            let doc = match edited.remove(&s.part) {
                Some(d) => d,
                None => self.parse(&s.part)?,
            };
            let rels = self.rels(&s.part).ok();
            let target = |kind: &str| rels.as_ref().and_then(|r| self.target_in(r, &s.part, kind));
            let layout_part = target("slideLayout");
            let (master_part, theme_part) = match &layout_part {
                Some(l) => above
                    .entry(l.clone())
                    .or_insert_with(|| self.above_layout(l))
                    .clone(),
                None => (None, None),
            };
            for p in [&layout_part, &master_part, &theme_part]
                .into_iter()
                .flatten()
            {
                cache.load(self, p);
            }
            let layout = layout_part.as_deref().and_then(|p| cache.doc(p));
            let master = master_part.as_deref().and_then(|p| cache.doc(p));
            let theme = theme_part.as_deref().and_then(|p| cache.doc(p));
            let ctx = Ctx {
                layout: layout.map(|d| &d.root),
                master: master.map(|d| &d.root),
                pres_default,
                fonts: ThemeFonts::from_theme(theme.map(|d| &d.root)),
                slide: (cx, cy),
            };
            let mut z = 0;
            let mut shapes = Vec::new();
            if let Some(tree) = path(&doc.root, &["cSld", "spTree"]) {
                collect(tree, &ctx, None, &mut z, &mut shapes);
            }
            slide_warnings(&mut shapes, (cx, cy));
            let notes = target("notesSlide")
                .and_then(|n| self.parse(&n).ok())
                .map(|d| notes_text(&d.root))
                .filter(|t| !t.is_empty());
            slides.push(SlideInfo {
                index,
                part: s.part.clone(),
                layout: layout
                    .and_then(|d| child(&d.root, "cSld"))
                    .and_then(|c| c.attr("name"))
                    .map(str::to_owned),
                hidden: doc
                    .root
                    .attr("show")
                    .is_some_and(|v| v == "0" || v == "false"),
                notes,
                shapes,
            });
        }
        let mut inv = Inventory {
            slide_size: Size::new(cx, cy),
            layouts,
            slides,
            warning_count: 0,
        };
        inv.warning_count = inv.issues().len();
        Ok(inv)
    }
}

/// The text of a notes slide's body placeholder.
pub(crate) fn notes_text(root: &Element) -> String {
    let mut out = Vec::new();
    for s in tree_shapes(root) {
        if Ph::of(s).is_some_and(|p| p.kind == "body")
            && let Some(b) = tx_body(s)
        {
            out.extend(
                b.elements()
                    .filter(|p| p.local() == "p")
                    .map(paragraph_text),
            );
        }
    }
    out.join("\n").trim().to_owned()
}

pub(crate) struct Ctx<'e> {
    pub layout: Option<&'e Element>,
    pub master: Option<&'e Element>,
    pub pres_default: Option<&'e Element>,
    pub fonts: ThemeFonts,
    pub slide: (i64, i64),
}

/// The text of an `a:p`: runs, fields, `a:br` as newline.
pub(crate) fn paragraph_text(p: &Element) -> String {
    let mut s = String::new();
    for c in p.elements() {
        match c.local() {
            "r" | "fld" => {
                if let Some(t) = child(c, "t") {
                    s.push_str(&t.text());
                }
            }
            "br" => s.push('\n'),
            _ => {}
        }
    }
    s
}

/// The id and name of a shape's `cNvPr`.
pub(crate) fn id_name(shape: &Element) -> (u32, String) {
    let c = shape
        .elements()
        .find(|e| e.local().starts_with("nv"))
        .and_then(|nv| child(nv, "cNvPr"));
    (
        c.and_then(|c| c.attr("id"))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0),
        c.and_then(|c| c.attr("name"))
            .unwrap_or_default()
            .to_owned(),
    )
}

fn graphic_uri(frame: &Element) -> &str {
    path(frame, &["graphic", "graphicData"])
        .and_then(|g| g.attr("uri"))
        .unwrap_or_default()
}

/// Table cell texts of a graphic frame holding `a:tbl`.
pub(crate) fn table_text(frame: &Element) -> Option<Vec<Vec<String>>> {
    let tbl = path(frame, &["graphic", "graphicData", "tbl"])?;
    Some(
        tbl.elements()
            .filter(|r| r.local() == "tr")
            .map(|tr| {
                tr.elements()
                    .filter(|c| c.local() == "tc")
                    .map(|tc| {
                        tx_body(tc)
                            .map(|b| {
                                b.elements()
                                    .filter(|p| p.local() == "p")
                                    .map(paragraph_text)
                                    .collect::<Vec<_>>()
                                    .join("\n")
                            })
                            .unwrap_or_default()
                    })
                    .collect()
            })
            .collect(),
    )
}

/// The kind of a shape, as inventory names it.
pub(crate) fn kind_of(el: &Element) -> &'static str {
    match el.local() {
        "sp" => {
            let has_text = tx_body(el).is_some_and(|b| {
                b.elements()
                    .any(|p| p.local() == "p" && !paragraph_text(p).is_empty())
            });
            if has_text || (Ph::of(el).is_some() && tx_body(el).is_some()) {
                "text"
            } else {
                "shape"
            }
        }
        "pic" => "picture",
        "grpSp" => "group",
        "cxnSp" => "connector",
        "graphicFrame" => {
            let uri = graphic_uri(el);
            if uri.ends_with("/table") {
                "table"
            } else if uri.ends_with("/chart") || uri.ends_with("/chartex") {
                "chart"
            } else if uri.ends_with("/diagram") {
                "diagram"
            } else {
                "graphic_frame"
            }
        }
        _ => "other",
    }
}

fn collect(
    tree: &Element,
    ctx: &Ctx<'_>,
    group: Option<&Xfrm>,
    z: &mut usize,
    out: &mut Vec<ShapeInfo>,
) {
    for el in tree.elements() {
        match el.local() {
            "sp" | "pic" | "graphicFrame" | "cxnSp" | "grpSp" => {
                out.push(shape_info(el, ctx, group, z));
            }
            "AlternateContent" => {
                if let Some(choice) = el.elements().next() {
                    collect(choice, ctx, group, z, out);
                }
            }
            _ => {}
        }
    }
}

#[expect(
    clippy::many_single_char_names,
    reason = "x, y, cx, cy as in DrawingML"
)]
fn shape_info(el: &Element, ctx: &Ctx<'_>, group: Option<&Xfrm>, z: &mut usize) -> ShapeInfo {
    let (id, name) = id_name(el);
    let kind = kind_of(el);
    let inh = Inherit::new(el, ctx.layout, ctx.master, ctx.pres_default);
    let ph = Ph::of(el);
    let xf = inh.xfrm();
    let position = xf.map(|(x, inherited)| {
        let r = (x.x, x.y, x.cx, x.cy);
        Rect::new(group.map_or(r, |g| g.map_child(r)), inherited)
    });
    let mut info = ShapeInfo {
        id,
        name,
        kind,
        placeholder: ph.map(|p| Placeholder {
            kind: p.kind,
            idx: p.idx,
        }),
        position,
        rotation: xf.map(|(x, _)| x.rot).filter(|r| *r != 0.0),
        z: *z,
        paragraphs: Vec::new(),
        table: None,
        children: Vec::new(),
        warnings: Vec::new(),
    };
    *z += 1;
    match el.local() {
        "grpSp" => {
            // Children are positioned in the group's child space.
            let gx = xf.map(|(x, _)| {
                let mut x = x;
                if let Some(g) = group {
                    let (a, b, c, d) = g.map_child((x.x, x.y, x.cx, x.cy));
                    x = Xfrm {
                        x: a,
                        y: b,
                        cx: c,
                        cy: d,
                        ..x
                    };
                }
                x
            });
            collect(el, ctx, gx.as_ref(), z, &mut info.children);
        }
        "graphicFrame" => info.table = table_text(el),
        _ => {}
    }
    if let Some(body) = tx_body(el) {
        info.paragraphs = body
            .elements()
            .filter(|p| p.local() == "p")
            .map(|p| paragraph_info(p, &inh, &ctx.fonts))
            .collect();
        if info.paragraphs.iter().all(|p| p.text.is_empty()) {
            info.paragraphs.clear();
        }
        if let Some(r) = position {
            shape_text_warnings(&mut info, &inh, &r, ctx);
        }
    }
    info
}

fn has_bullet_choice(e: &Element) -> bool {
    e.elements()
        .any(|c| matches!(c.local(), "buNone" | "buChar" | "buAutoNum" | "buBlip"))
}

fn truthy(v: Option<&str>) -> bool {
    matches!(v, Some("1" | "true"))
}

fn pts(v: Option<&str>) -> Option<f64> {
    v.and_then(|v| v.parse::<f64>().ok()).map(|v| v / 100.0)
}

/// Effective formatting of one paragraph.
pub(crate) fn paragraph_info(p: &Element, inh: &Inherit<'_>, fonts: &ThemeFonts) -> ParagraphInfo {
    let ppr = child(p, "pPr");
    let level = ppr
        .and_then(|e| e.attr("lvl"))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0u32);
    let mut chain: Vec<&Element> = ppr.into_iter().collect();
    chain.extend(inh.levels(level));
    let bullet = chain.iter().find(|e| has_bullet_choice(e)).and_then(|e| {
        e.elements().find_map(|c| match c.local() {
            "buChar" => c.attr("char").map(str::to_owned),
            "buAutoNum" => Some(format!(
                "autonum:{}",
                c.attr("type").unwrap_or("arabicPeriod")
            )),
            "buBlip" => Some("picture".to_owned()),
            _ => None,
        })
    });
    let first_run = p
        .elements()
        .find(|c| matches!(c.local(), "r" | "fld"))
        .and_then(|r| child(r, "rPr"))
        .or_else(|| child(p, "endParaRPr"));
    let mut rchain: Vec<&Element> = first_run.into_iter().collect();
    rchain.extend(chain.iter().filter_map(|e| child(e, "defRPr")));
    let font = rchain
        .iter()
        .find_map(|r| child(r, "latin").and_then(|l| l.attr("typeface")))
        .map(|f| fonts.resolve(f))
        .or_else(|| {
            let f = if inh.title {
                &fonts.major
            } else {
                &fonts.minor
            };
            (!f.is_empty()).then(|| f.clone())
        });
    let size = pts(first_attr(&rchain, "sz"));
    let spacing = |local: &str| {
        first_child(&chain, local).and_then(|s| {
            let pct = child(s, "spcPct")
                .and_then(|v| v.attr("val"))
                .and_then(|v| v.parse::<f64>().ok());
            let pt = pts(child(s, "spcPts").and_then(|v| v.attr("val")));
            pt.or_else(|| pct.map(|pc| pc / 100_000.0 * size.unwrap_or(18.0) * 1.2))
        })
    };
    let line_spacing = first_child(&chain, "lnSpc").and_then(|s| {
        if let Some(v) = child(s, "spcPct").and_then(|v| v.attr("val")) {
            let v: f64 = v.parse().ok()?;
            Some(format!("{}%", v / 1000.0))
        } else {
            pts(child(s, "spcPts").and_then(|v| v.attr("val"))).map(|v| format!("{v}pt"))
        }
    });
    ParagraphInfo {
        text: paragraph_text(p),
        level,
        bullet,
        alignment: first_attr(&chain, "algn").map(str::to_owned),
        font,
        size,
        bold: truthy(first_attr(&rchain, "b")),
        italic: truthy(first_attr(&rchain, "i")),
        underline: first_attr(&rchain, "u")
            .filter(|u| *u != "none")
            .map(str::to_owned),
        color: first_child(&rchain, "solidFill").and_then(color_of),
        space_before: spacing("spcBef"),
        space_after: spacing("spcAft"),
        line_spacing,
    }
}

fn emu_attr(chain: &[&Element], k: &str, default: i64) -> i64 {
    first_attr(chain, k)
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[expect(
    clippy::cast_precision_loss,
    reason = "EMU values are far inside f64's exact range"
)]
fn emu_to_pt(emu: i64) -> f64 {
    emu as f64 / 12_700.0
}

fn shape_text_warnings(info: &mut ShapeInfo, inh: &Inherit<'_>, r: &Rect, ctx: &Ctx<'_>) {
    let text: String = info
        .paragraphs
        .iter()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let lower = text.to_lowercase();
    if let Some(hit) = [
        "click to add",
        "click to edit",
        "lorem ipsum",
        "xxxx",
        "{{",
        "[insert",
    ]
    .iter()
    .find(|m| lower.contains(*m))
    {
        info.warnings.push(Warning {
            code: "placeholder_text",
            message: format!("leftover placeholder text ({hit:?})"),
        });
    }
    if text.trim().is_empty() {
        if info
            .placeholder
            .as_ref()
            .is_some_and(|p| !matches!(p.kind.as_str(), "dt" | "ftr" | "sldNum" | "hdr"))
        {
            info.warnings.push(Warning {
                code: "empty_placeholder",
                message: "empty placeholder: PowerPoint shows its prompt while editing and nothing in the show".into(),
            });
        }
        return;
    }
    if let Some(w) = overflow(info, inh, r, ctx) {
        info.warnings.push(w);
    }
}

/// Estimate whether the text fits its box (see [`crate::metrics`]).
fn overflow(info: &ShapeInfo, inh: &Inherit<'_>, r: &Rect, ctx: &Ctx<'_>) -> Option<Warning> {
    let bodies = inh.body_props();
    if first_attr(&bodies, "vert").is_some_and(|v| v != "horz") {
        return None;
    }
    let autofit = bodies.iter().find_map(|b| {
        b.elements()
            .find(|c| matches!(c.local(), "normAutofit" | "spAutoFit" | "noAutofit"))
    });
    let (mut scale, mut reduce, mut shrink, mut grow) = (1.0, 0.0, false, false);
    if let Some(a) = autofit {
        match a.local() {
            "normAutofit" => {
                shrink = true;
                scale = a
                    .attr("fontScale")
                    .and_then(|v| v.parse::<f64>().ok())
                    .map_or(1.0, |v| v / 100_000.0);
                reduce = a
                    .attr("lnSpcReduction")
                    .and_then(|v| v.parse::<f64>().ok())
                    .map_or(0.0, |v| v / 100_000.0);
            }
            "spAutoFit" => grow = true,
            _ => {}
        }
    }
    let w = emu_to_pt(r.cx - emu_attr(&bodies, "lIns", 91_440) - emu_attr(&bodies, "rIns", 91_440));
    let h = emu_to_pt(r.cy - emu_attr(&bodies, "tIns", 45_720) - emu_attr(&bodies, "bIns", 45_720));
    let wrap = first_attr(&bodies, "wrap") != Some("none");
    let paras: Vec<EstParagraph> = info
        .paragraphs
        .iter()
        .map(|p| EstParagraph {
            text: p.text.clone(),
            size: p.size.unwrap_or(18.0),
            font: p.font.clone().unwrap_or_default(),
            bold: p.bold,
            indent: 0.0,
            space_before: p.space_before.unwrap_or(0.0),
            space_after: p.space_after.unwrap_or(0.0),
            line: match p.line_spacing.as_deref() {
                Some(s) if s.ends_with('%') => LineSpacing::Factor(
                    s.trim_end_matches('%').parse::<f64>().unwrap_or(100.0) / 100.0,
                ),
                Some(s) => LineSpacing::Points(s.trim_end_matches("pt").parse().unwrap_or(18.0)),
                None => LineSpacing::Factor(1.0),
            },
        })
        .collect();
    let paras = with_indents(paras, info, inh);
    let (need, widest) = estimate(&paras, w, wrap, scale, reduce);
    if grow {
        #[expect(
            clippy::cast_possible_truncation,
            reason = "an estimate in EMU, far below i64::MAX"
        )]
        let bottom = r.y + r.cy + ((need - h).max(0.0) * 12_700.0) as i64;
        return (bottom > ctx.slide.1).then(|| Warning {
            code: "overflow",
            message: format!(
                "the box grows to fit its text (about {:.2} in of text) and then reaches past the slide bottom",
                inches_of_pt(need)
            ),
        });
    }
    if !wrap && widest > w * 1.05 + 2.0 {
        return Some(Warning {
            code: "overflow",
            message: format!(
                "a line is about {:.2} in wide in a box {:.2} in wide (no wrapping)",
                inches_of_pt(widest),
                inches_of_pt(w)
            ),
        });
    }
    (need > h * 1.05 + 2.0).then(|| Warning {
        code: "overflow",
        message: format!(
            "text needs about {:.2} in of height, the box has {:.2} in{}",
            inches_of_pt(need),
            inches_of_pt(h),
            if shrink {
                " (shrink-on-overflow is on: PowerPoint will shrink it when the slide is next edited, possibly a lot)"
            } else {
                ""
            }
        ),
    })
}

/// Left margins (`marL`) per paragraph level, in points.
fn with_indents(
    mut paras: Vec<EstParagraph>,
    info: &ShapeInfo,
    inh: &Inherit<'_>,
) -> Vec<EstParagraph> {
    for (e, p) in paras.iter_mut().zip(&info.paragraphs) {
        let lv = inh.levels(p.level);
        e.indent = emu_to_pt(emu_attr(&lv, "marL", 0));
    }
    paras
}

fn intersect(a: &Rect, b: &Rect) -> i128 {
    let w = (a.x + a.cx).min(b.x + b.cx) - a.x.max(b.x);
    let h = (a.y + a.cy).min(b.y + b.cy) - a.y.max(b.y);
    if w <= 0 || h <= 0 {
        0
    } else {
        i128::from(w) * i128::from(h)
    }
}

/// Off-slide shapes and overlapping text shapes.
fn slide_warnings(shapes: &mut [ShapeInfo], (sw, sh): (i64, i64)) {
    let mut texts: Vec<(usize, Rect, String)> = Vec::new();
    for (i, s) in shapes.iter_mut().enumerate() {
        let Some(r) = s.position else { continue };
        if r.cx > 0 || r.cy > 0 {
            let slide = Rect::new((0, 0, sw, sh), false);
            if intersect(&r, &slide) == 0 {
                s.warnings.push(Warning {
                    code: "off_slide",
                    message: "entirely off the slide".into(),
                });
            } else if r.x < 0 || r.y < 0 || r.x + r.cx > sw || r.y + r.cy > sh {
                let past = [-r.x, -r.y, r.x + r.cx - sw, r.y + r.cy - sh]
                    .into_iter()
                    .max()
                    .unwrap_or(0);
                if past > 12_700 {
                    s.warnings.push(Warning {
                        code: "off_slide",
                        message: format!(
                            "reaches {:.2} in past the slide edge",
                            crate::model::inches(past)
                        ),
                    });
                }
            }
        }
        if s.kind == "text" && !s.paragraphs.is_empty() {
            texts.push((i, r, s.name.clone()));
        }
    }
    for (k, (i, a, _)) in texts.iter().enumerate() {
        for (_, b, bname) in &texts[..k] {
            let area = intersect(a, b);
            let smaller =
                (i128::from(a.cx) * i128::from(a.cy)).min(i128::from(b.cx) * i128::from(b.cy));
            if area > 0 && smaller > 0 && area * 10 > smaller {
                shapes[*i].warnings.push(Warning {
                    code: "overlap",
                    message: format!(
                        "overlaps the text of {bname:?} ({}% of the smaller box)",
                        area * 100 / smaller
                    ),
                });
            }
        }
    }
}
