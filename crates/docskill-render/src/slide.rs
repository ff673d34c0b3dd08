//! One slide: background, master and layout shapes, then the slide's own
//! shapes, each with placeholder inheritance, fills, outlines, text, pictures,
//! tables, chart frames and groups.

use std::collections::HashMap;

use docskill_opc::xml::dom::Element;
use docskill_pptx::Pptx;
use docskill_pptx::style::{Inherit, ThemeFonts};
use tiny_skia::{FilterQuality, PathBuilder, Pattern, Pixmap, SpreadMode, Transform};

use crate::canvas::{Canvas, solid};
use crate::color::{Palette, Rgba};
use crate::geom::{self, Geom};
use crate::paint::{self, Fill, fill_in, fill_path, outline, ref_color, stroke_path, theme_style};
use crate::picture::{self, NotDecoded};
use crate::text::{self, TextBox, TextEnv};
use crate::trig::sin_cos_deg;
use crate::xml::{child, int, path, prefixed, pt, truthy};

/// Everything shared while drawing one slide.
pub struct Scene<'a> {
    /// The deck.
    pub deck: &'a Pptx,
    /// Layout root.
    pub layout: Option<&'a Element>,
    /// Master root.
    pub master: Option<&'a Element>,
    /// Theme root.
    pub theme: Option<&'a Element>,
    /// Theme part name (pictures of the theme's fill styles are its relationships).
    pub theme_part: Option<&'a str>,
    /// The presentation's default text style.
    pub pres_default: Option<&'a Element>,
    /// Colours with the slide's mapping.
    pub pal: Palette,
    /// Theme fonts.
    pub fonts: ThemeFonts,
    /// Decoded images by part name (`None`: could not be decoded).
    pub images: &'a mut HashMap<String, Option<Pixmap>>,
    /// Pixels per point.
    pub scale: f64,
    /// Group child space → the group's box, as (x scale, y scale, x shift, y shift):
    /// applied to frames, not to the drawing transform, so that line widths and
    /// font sizes are not scaled with a group (as in `PowerPoint`).
    pub child_map: (f64, f64, f64, f64),
}

/// An outer shadow, resolved: offset (points, slide space), blur radius, colour.
struct Shadow {
    dx: f64,
    dy: f64,
    blur: f64,
    color: Rgba,
}

/// No group: child space is the slide.
pub const NO_MAP: (f64, f64, f64, f64) = (1.0, 1.0, 0.0, 0.0);

#[expect(
    clippy::cast_possible_truncation,
    reason = "slide coordinates fit in f32"
)]
fn f(v: f64) -> f32 {
    v as f32
}

/// A shape's box in its parent's space and how it is turned.
#[derive(Debug, Clone, Copy)]
struct Frame {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
    rot: f64,
    flip_h: bool,
    flip_v: bool,
}

fn frame_of(xfrm_el: &Element) -> Option<Frame> {
    let off = child(xfrm_el, "off");
    let ext = child(xfrm_el, "ext");
    if off.is_none() && ext.is_none() {
        return None;
    }
    let g = |e: Option<&Element>, k: &str| e.and_then(|e| int(e, k)).unwrap_or(0);
    #[expect(clippy::cast_precision_loss, reason = "60,000ths of a degree")]
    Some(Frame {
        x: pt(g(off, "x")),
        y: pt(g(off, "y")),
        w: pt(g(ext, "cx")),
        h: pt(g(ext, "cy")),
        rot: int(xfrm_el, "rot").unwrap_or(0) as f64 / 60_000.0,
        flip_h: truthy(xfrm_el, "flipH").unwrap_or(false),
        flip_v: truthy(xfrm_el, "flipV").unwrap_or(false),
    })
}

/// The frame of a shape along its inheritance chain: rotation and flips from
/// the first `a:xfrm`, position and size as docskill-pptx completes them (an
/// `a:xfrm` without `a:off` or `a:ext` takes the missing part from the layout).
/// A frame in group child space mapped into the group's box.
fn mapped(fr: Frame, (sx, sy, dx, dy): (f64, f64, f64, f64)) -> Frame {
    Frame {
        x: fr.x * sx + dx,
        y: fr.y * sy + dy,
        w: fr.w * sx,
        h: fr.h * sy,
        ..fr
    }
}

fn inherited_frame(inh: &Inherit<'_>) -> Option<Frame> {
    let mut fr = inh
        .shapes
        .iter()
        .find_map(|s| xfrm_el(s).and_then(frame_of))?;
    if let Some((x, _)) = inh.xfrm() {
        (fr.x, fr.y, fr.w, fr.h) = (pt(x.x), pt(x.y), pt(x.cx), pt(x.cy));
    }
    Some(fr)
}

/// The `a:xfrm` of a shape (`p:spPr`, `p:grpSpPr`, or `p:xfrm` on graphic frames).
fn xfrm_el(shape: &Element) -> Option<&Element> {
    child(shape, "xfrm").or_else(|| {
        shape
            .elements()
            .find(|e| matches!(e.local(), "spPr" | "grpSpPr"))
            .and_then(|p| child(p, "xfrm"))
    })
}

/// Rotation (clockwise degrees) about the centre and flips, in the frame's own space.
fn place(parent: Transform, fr: &Frame, with_flips: bool) -> Transform {
    let (s, c) = sin_cos_deg(fr.rot);
    let (cx, cy) = (fr.w / 2.0, fr.h / 2.0);
    let mut t = parent.pre_translate(f(fr.x + cx), f(fr.y + cy));
    if fr.rot != 0.0 {
        t = t.pre_concat(Transform::from_row(f(c), f(s), f(-s), f(c), 0.0, 0.0));
    }
    if with_flips && (fr.flip_h || fr.flip_v) {
        t = t.pre_scale(
            if fr.flip_h { -1.0 } else { 1.0 },
            if fr.flip_v { -1.0 } else { 1.0 },
        );
    }
    t.pre_translate(f(-cx), f(-cy))
}

impl Scene<'_> {
    /// Draw the background: slide, then layout, then master.
    pub fn background(
        &mut self,
        cv: &mut Canvas<'_>,
        slide: &Element,
        part: &str,
        layout_part: Option<&str>,
        master_part: Option<&str>,
        size: (f64, f64),
    ) {
        let t = Transform::from_scale(f(self.scale), f(self.scale));
        let Some(rect) = tiny_skia::Rect::from_xywh(0.0, 0.0, f(size.0), f(size.1)) else {
            return;
        };
        let p = PathBuilder::from_rect(rect);
        cv.fill(&p, &solid(Rgba::WHITE), t);
        let sources = [
            (Some(slide), Some(part)),
            (self.layout, layout_part),
            (self.master, master_part),
        ];
        for (root, part) in sources {
            let (Some(root), Some(mut part)) = (root, part) else {
                continue;
            };
            let Some(bg) = path(root, &["cSld", "bg"]) else {
                continue;
            };
            let fill = if let Some(pr) = child(bg, "bgPr") {
                fill_in(&self.pal, pr, None)
            } else if let Some(r) = child(bg, "bgRef") {
                let c = ref_color(&self.pal, r);
                let idx = int(r, "idx").unwrap_or(0);
                let list = if idx >= 1000 {
                    "bgFillStyleLst"
                } else {
                    "fillStyleLst"
                };
                let idx = if idx >= 1000 { idx - 1000 } else { idx };
                let style = theme_style(self.theme, list, idx);
                // A theme picture is the theme part's relationship; a duotone one is drawn
                // as the colour its mean brightness maps to.
                if style.is_some_and(|e| e.local() == "blipFill")
                    && let Some(tp) = self.theme_part
                {
                    part = tp;
                }
                style
                    .and_then(|e| {
                        self.duotone(e, part, c)
                            .or_else(|| paint::fill_of(&self.pal, e, c))
                    })
                    .or(c.map(Fill::Solid))
            } else {
                None
            };
            cv.shape = "background".into();
            match fill {
                Some(Fill::Picture(rid)) => {
                    self.picture(cv, part, &rid, None, &p, size.0, size.1, t);
                }
                Some(fill) => fill_path(cv, &p, &fill, size.0, size.1, t),
                None => continue,
            }
            return;
        }
    }

    /// A `blipFill` with an `a:duotone` as one colour: the two duotone colours mixed by the
    /// image's mean brightness (theme background textures are small tiles).
    fn duotone(&mut self, blip_fill: &Element, part: &str, ph: Option<Rgba>) -> Option<Fill> {
        let blip = child(blip_fill, "blip")?;
        let duo = child(blip, "duotone")?;
        let mut colours = duo
            .elements()
            .filter(|e| crate::color::is_color(e.local()))
            .filter_map(|e| self.pal.color(e, ph));
        let (dark, light) = (colours.next()?, colours.next()?);
        let target = prefixed(blip, "embed").and_then(|rid| self.deck.rel_target(part, rid));
        let bytes = target.and_then(|t| self.deck.package().read_part(&t).ok());
        let img = bytes.and_then(|b| picture::decode(&b).ok());
        #[expect(clippy::cast_precision_loss, reason = "pixel sums of a bounded image")]
        let level = img.map_or(0.5, |p| {
            let px = p.pixels();
            let sum: u64 = px
                .iter()
                .map(|c| {
                    let c = c.demultiply();
                    u64::from(c.red()) * 299
                        + u64::from(c.green()) * 587
                        + u64::from(c.blue()) * 114
                })
                .sum();
            sum as f64 / (px.len().max(1) as f64 * 255_000.0)
        });
        let mix = |a: f64, b: f64| a + (b - a) * level;
        Some(Fill::Solid(Rgba {
            r: mix(dark.r, light.r),
            g: mix(dark.g, light.g),
            b: mix(dark.b, light.b),
            a: 1.0,
        }))
    }

    /// Draw a shape tree (`p:spTree` or a group) under `t`. `placeholders`: draw placeholders too.
    pub fn tree(
        &mut self,
        cv: &mut Canvas<'_>,
        tree: &Element,
        part: &str,
        t: Transform,
        placeholders: bool,
        depth: usize,
    ) {
        if depth > 32 {
            cv.skip("group", "groups nested deeper than 32 levels");
            return;
        }
        for el in tree.elements() {
            let el = if el.local() == "AlternateContent" {
                match child(el, "Fallback")
                    .filter(|f| f.elements().next().is_some())
                    .or_else(|| child(el, "Choice"))
                {
                    Some(c) => {
                        self.tree(cv, c, part, t, placeholders, depth + 1);
                        continue;
                    }
                    None => continue,
                }
            } else {
                el
            };
            let is_ph = docskill_pptx::style::Ph::of(el).is_some();
            if is_ph && !placeholders {
                continue;
            }
            cv.shape = shape_name(el);
            match el.local() {
                "sp" | "cxnSp" => self.shape(cv, el, part, t),
                "pic" => self.pic(cv, el, part, t),
                "grpSp" => self.group(cv, el, part, t, placeholders, depth),
                "graphicFrame" => self.graphic_frame(cv, el, part, t),
                "contentPart" => cv.skip("ink", "ink (contentPart) is not drawn"),
                _ => {}
            }
        }
    }

    fn inherit<'e>(&self, el: &'e Element) -> Inherit<'e>
    where
        Self: 'e,
    {
        Inherit::new(el, self.layout, self.master, self.pres_default)
    }

    fn group(
        &mut self,
        cv: &mut Canvas<'_>,
        el: &Element,
        part: &str,
        t: Transform,
        placeholders: bool,
        depth: usize,
    ) {
        let Some(xe) = xfrm_el(el) else {
            self.tree(cv, el, part, t, placeholders, depth + 1);
            return;
        };
        let Some(raw) = frame_of(xe) else {
            self.tree(cv, el, part, t, placeholders, depth + 1);
            return;
        };
        let fr = mapped(raw, self.child_map);
        let g = place(t, &fr, true);
        let saved = self.child_map;
        self.child_map = if let (Some(co), Some(ce)) = (child(xe, "chOff"), child(xe, "chExt")) {
            let (ox, oy) = (pt(int(co, "x").unwrap_or(0)), pt(int(co, "y").unwrap_or(0)));
            let (cw, ch) = (
                pt(int(ce, "cx").unwrap_or(0)),
                pt(int(ce, "cy").unwrap_or(0)),
            );
            let sx = if cw > 0.0 { fr.w / cw } else { 1.0 };
            let sy = if ch > 0.0 { fr.h / ch } else { 1.0 };
            (sx, sy, -ox * sx, -oy * sy)
        } else {
            (1.0, 1.0, -raw.x, -raw.y)
        };
        self.tree(cv, el, part, g, placeholders, depth + 1);
        self.child_map = saved;
    }

    fn shape(&mut self, cv: &mut Canvas<'_>, el: &Element, part: &str, t: Transform) {
        let inh = self.inherit(el);
        let Some(fr) = inherited_frame(&inh).map(|f| mapped(f, self.child_map)) else {
            return;
        };
        let sp_prs: Vec<&Element> = inh.shapes.iter().filter_map(|s| child(s, "spPr")).collect();
        let style = child(el, "style");
        let st = place(t, &fr, true);
        let geom_el = sp_prs.iter().find_map(|s| geom::of_sppr(Some(s)));
        let g: Option<Geom> = match geom_el {
            Some(ge) if ge.local() == "custGeom" => {
                if geom::has_paths(ge) {
                    let g = geom::custom(ge, fr.w, fr.h);
                    if g.is_none() {
                        cv.skip("geometry", "custom geometry without a drawable path");
                    }
                    g
                } else {
                    None
                }
            }
            Some(ge) => {
                let name = ge.attr("prst").unwrap_or("rect");
                geom::preset(name, fr.w, fr.h, &geom::adjusts(ge)).or_else(|| {
                    cv.skip("geometry", format!("preset {name} drawn as a rectangle"));
                    geom::preset("rect", fr.w, fr.h, &geom::Adj::new())
                })
            }
            None => geom::preset("rect", fr.w, fr.h, &geom::Adj::new()),
        };
        if let Some(g) = &g {
            // Fill: spPr along the chain, then the style's fillRef.
            let fill = sp_prs
                .iter()
                .find_map(|s| fill_in(&self.pal, s, None))
                .or_else(|| {
                    let r = style.and_then(|s| child(s, "fillRef"))?;
                    let c = ref_color(&self.pal, r);
                    let idx = int(r, "idx").unwrap_or(0);
                    if idx == 0 {
                        return Some(Fill::None);
                    }
                    theme_style(self.theme, "fillStyleLst", idx)
                        .and_then(|e| paint::fill_of(&self.pal, e, c))
                        .or(c.map(Fill::Solid))
                });
            let visible = !matches!(fill, None | Some(Fill::None)) && g.fillable;
            if visible && let Some(sh) = self.shadow(&sp_prs, style) {
                self.draw_shadow(cv, &sh, &g.path, t, &fr);
            }
            if g.fillable {
                match &fill {
                    Some(Fill::Picture(rid)) => {
                        let src = child(el, "spPr").and_then(|s| child(s, "blipFill"));
                        self.picture(cv, part, rid, src, &g.path, fr.w, fr.h, st);
                    }
                    Some(fill) => fill_path(cv, &g.path, fill, fr.w, fr.h, st),
                    None => {}
                }
            }
            let lns: Vec<&Element> = sp_prs.iter().filter_map(|s| child(s, "ln")).collect();
            let ln_ref = style.and_then(|s| child(s, "lnRef"));
            let o = outline(&self.pal, &lns, self.theme, ln_ref);
            stroke_path(cv, &g.path, &o, g.ends, st);
        }
        if let Some(body) = child(el, "txBody") {
            let font_color = style
                .and_then(|s| child(s, "fontRef"))
                .and_then(|r| ref_color(&self.pal, r));
            let env = TextEnv {
                pal: &self.pal,
                fonts: &self.fonts,
                font_color,
                bold: None,
                italic: None,
                line_gap: true,
            };
            // Text turns with the shape but is not mirrored; a vertical flip turns it upside down.
            // SmartArt drawings give the text its own box (`dsp:txXfrm`).
            let mut tf = child(el, "txXfrm")
                .and_then(frame_of)
                .map_or(fr, |f| mapped(f, self.child_map));
            tf.flip_h = false;
            if fr.flip_v {
                tf.rot += 180.0;
                tf.flip_v = false;
            }
            let tt = place(t, &tf, false);
            let bx = TextBox {
                x: 0.0,
                y: 0.0,
                w: tf.w,
                h: tf.h,
                insets: None,
                anchor: None,
                vert: None,
            };
            text::draw(cv, body, &inh, bx, tt, &env);
        }
    }

    /// The outer shadow of a shape: `a:effectLst/a:outerShdw` along its `spPr` chain (an empty
    /// `a:effectLst` means none), else the theme effect style its `a:effectRef` names.
    fn shadow(&self, sp_prs: &[&Element], style: Option<&Element>) -> Option<Shadow> {
        let own = sp_prs.iter().find_map(|s| child(s, "effectLst"));
        let lst = if let Some(l) = own {
            l
        } else {
            let r = style.and_then(|s| child(s, "effectRef"))?;
            let idx = int(r, "idx").unwrap_or(0);
            let es = theme_style(self.theme, "effectStyleLst", idx)?;
            child(es, "effectLst")?
        };
        let sh = child(lst, "outerShdw")?;
        let color = self.pal.color_in(sh, None)?;
        #[expect(
            clippy::cast_precision_loss,
            reason = "angles in 60,000ths of a degree"
        )]
        let dir = int(sh, "dir").unwrap_or(0) as f64 / 60_000.0;
        let (s, c) = sin_cos_deg(dir);
        let dist = pt(int(sh, "dist").unwrap_or(0).clamp(0, 2_000_000));
        Some(Shadow {
            dx: dist * c,
            dy: dist * s,
            blur: pt(int(sh, "blurRad").unwrap_or(0).clamp(0, 2_000_000)),
            color,
        })
    }

    /// A shadow: the shape's silhouette moved by the offset, its edge softened by strokes of
    /// falling opacity out to the blur radius (cheap and deterministic, no pixel blur).
    fn draw_shadow(
        &self,
        cv: &mut Canvas<'_>,
        sh: &Shadow,
        path: &tiny_skia::Path,
        t: Transform,
        fr: &Frame,
    ) {
        let st = place(t.pre_translate(f(sh.dx), f(sh.dy)), fr, true);
        let steps = if sh.blur * self.scale > 1.0 { 3 } else { 0 };
        let base = sh.color;
        if steps == 0 {
            cv.fill(path, &solid(base), st);
            return;
        }
        // Inner core at full opacity, then rings outwards, each fainter.
        for i in (1..=steps).rev() {
            let k = f64::from(i) / f64::from(steps);
            let ring = tiny_skia::Stroke {
                width: f(sh.blur * k),
                line_join: tiny_skia::LineJoin::Round,
                ..tiny_skia::Stroke::default()
            };
            let c = Rgba {
                a: base.a * (1.0 - k) * 0.5 + base.a * 0.1,
                ..base
            };
            cv.stroke(path, c, &ring, st);
        }
        cv.fill(
            path,
            &solid(Rgba {
                a: base.a * 0.8,
                ..base
            }),
            st,
        );
    }

    fn pic(&mut self, cv: &mut Canvas<'_>, el: &Element, part: &str, t: Transform) {
        let inh = self.inherit(el);
        let Some(fr) = inherited_frame(&inh).map(|f| mapped(f, self.child_map)) else {
            return;
        };
        let st = place(t, &fr, true);
        let sp_pr = child(el, "spPr");
        let g = geom::of_sppr(sp_pr)
            .filter(|g| g.local() == "prstGeom")
            .and_then(|g| {
                geom::preset(
                    g.attr("prst").unwrap_or("rect"),
                    fr.w,
                    fr.h,
                    &geom::adjusts(g),
                )
            })
            .or_else(|| geom::preset("rect", fr.w, fr.h, &geom::Adj::new()));
        let Some(g) = g else {
            return;
        };
        let bf = child(el, "blipFill");
        if let Some(rid) = bf
            .and_then(|b| child(b, "blip"))
            .and_then(|b| prefixed(b, "embed"))
        {
            self.picture(cv, part, rid, bf, &g.path, fr.w, fr.h, st);
        } else if bf
            .and_then(|b| child(b, "blip"))
            .and_then(|b| prefixed(b, "link"))
            .is_some()
        {
            cv.skip(
                "picture",
                "linked (external) picture drawn as a neutral box",
            );
            neutral(cv, &g.path, st);
        }
        let lns: Vec<&Element> = sp_pr.and_then(|s| child(s, "ln")).into_iter().collect();
        let ln_ref = child(el, "style").and_then(|s| child(s, "lnRef"));
        let o = outline(&self.pal, &lns, self.theme, ln_ref);
        if !lns.is_empty() || ln_ref.is_some() {
            stroke_path(cv, &g.path, &o, None, st);
        }
    }

    /// Fill `clip` with the image `rid` of `part`, cropped by `blip_fill`'s `a:srcRect`, stretched to w × h.
    #[expect(
        clippy::too_many_arguments,
        reason = "the picture, its crop, and where it goes"
    )]
    fn picture(
        &mut self,
        cv: &mut Canvas<'_>,
        part: &str,
        rid: &str,
        blip_fill: Option<&Element>,
        clip: &tiny_skia::Path,
        w: f64,
        h: f64,
        t: Transform,
    ) {
        let Some(target) = self.deck.rel_target(part, rid) else {
            cv.skip("picture", "image relationship is missing");
            neutral(cv, clip, t);
            return;
        };
        if !self.images.contains_key(&target) {
            let decoded = match self.deck.package().read_part(&target) {
                Ok(bytes) => match picture::decode(&bytes) {
                    Ok(p) => Some(p),
                    Err(NotDecoded::Format(kind)) => {
                        cv.skip("picture", format!("{kind} image drawn as a neutral box"));
                        None
                    }
                    Err(NotDecoded::Bad(m)) => {
                        cv.skip("picture", format!("{m}; drawn as a neutral box"));
                        None
                    }
                },
                Err(e) => {
                    cv.skip("picture", format!("image part unreadable: {e}"));
                    None
                }
            };
            // Keep the decoded image small enough for the largest target seen so far.
            let reduced =
                decoded.map(|p| picture::reduce(p, w * self.scale * 2.0, h * self.scale * 2.0));
            self.images.insert(target.clone(), reduced);
        }
        let Some(img) = self.images.get(&target).and_then(Option::as_ref) else {
            neutral(cv, clip, t);
            return;
        };
        let src = blip_fill.and_then(|b| child(b, "srcRect"));
        #[expect(clippy::cast_precision_loss, reason = "crop in 1/1000 percent")]
        let crop = |k: &str| {
            src.and_then(|s| int(s, k))
                .map_or(0.0, |v| v as f64 / 100_000.0)
        };
        let (iw, ih) = (f64::from(img.width()), f64::from(img.height()));
        let (l, tp, r, b) = (crop("l"), crop("t"), crop("r"), crop("b"));
        let cw = iw * (1.0 - l - r);
        let ch = ih * (1.0 - tp - b);
        if cw <= 0.0 || ch <= 0.0 || w <= 0.0 || h <= 0.0 {
            return;
        }
        let (sx, sy) = (w / cw, h / ch);
        let pt_ = Transform::from_row(f(sx), 0.0, 0.0, f(sy), f(-l * iw * sx), f(-tp * ih * sy));
        let pattern = Pattern::new(
            img.as_ref(),
            SpreadMode::Pad,
            FilterQuality::Bilinear,
            1.0,
            pt_,
        );
        cv.fill_shader(clip, pattern, t);
    }

    fn graphic_frame(&mut self, cv: &mut Canvas<'_>, el: &Element, part: &str, t: Transform) {
        let inh = self.inherit(el);
        let Some(fr) = inherited_frame(&inh).map(|f| mapped(f, self.child_map)) else {
            return;
        };
        let st = place(t, &fr, true);
        let Some(data) = path(el, &["graphic", "graphicData"]) else {
            return;
        };
        let uri = data.attr("uri").unwrap_or_default();
        if let Some(tbl) = child(data, "tbl") {
            crate::table::draw(self, cv, tbl, fr.w, st);
        } else if uri.ends_with("/chart") || uri.ends_with("/chartex") {
            let doc = child(data, "chart")
                .and_then(|c| prefixed(c, "id"))
                .and_then(|rid| self.deck.rel_target(part, rid))
                .and_then(|p| self.deck.parse_part(&p).ok());
            let ctx = crate::chart::model::Ctx {
                pal: &self.pal,
                fonts: &self.fonts,
            };
            let why = match &doc {
                _ if uri.ends_with("/chartex") => "chartex (Office 2016 chart)".to_owned(),
                Some(d) => match crate::chart::draw(cv, &d.root, &ctx, fr.w, fr.h, st) {
                    Ok(()) => return,
                    Err(e) => e.0,
                },
                None => "chart part missing or unreadable".to_owned(),
            };
            let title = doc.map(|d| chart_title(&d.root)).unwrap_or_default();
            cv.skip(
                "chart",
                format!("{why}: chart drawn as its title and a placeholder frame"),
            );
            self.placeholder_frame(cv, &title, fr.w, fr.h, st);
        } else if uri.ends_with("/ole") && self.ole(cv, data, part, &fr, t, st) {
            // Drawn from its preview picture.
        } else if uri.ends_with("/diagram")
            && let Some((dpart, doc)) = self.diagram_drawing(data, part)
            && let Some(tree) = child(&doc.root, "spTree")
        {
            // `SmartArt`: the drawing `PowerPoint` saved with the diagram, in the frame's coordinates.
            let name = std::mem::take(&mut cv.shape);
            let saved = std::mem::replace(&mut self.child_map, NO_MAP);
            self.tree(cv, tree, &dpart, place(t, &fr, false), true, 1);
            self.child_map = saved;
            cv.shape = name;
        } else {
            let what = if uri.ends_with("/diagram") {
                "SmartArt diagram without a saved drawing"
            } else {
                "embedded object"
            };
            cv.skip(
                "graphicFrame",
                format!("{what} drawn as a placeholder frame"),
            );
            self.placeholder_frame(cv, "", fr.w, fr.h, st);
        }
    }

    /// An OLE object's preview: the `p:pic` saved inside `p:oleObj` (the `mc:Fallback` of
    /// newer files), else the legacy VML shape with the object's `spid` in the slide's
    /// `vmlDrawing` part (`v:imagedata o:relid`). `false` when there is no preview.
    fn ole(
        &mut self,
        cv: &mut Canvas<'_>,
        data: &Element,
        part: &str,
        fr: &Frame,
        t: Transform,
        st: Transform,
    ) -> bool {
        let objs = descendants(data, "oleObj", 4);
        if let Some(pic) = objs.iter().find_map(|o| child(o, "pic")) {
            // The picture carries the frame's own position.
            self.pic(cv, pic, part, t);
            return true;
        }
        let Some(spid) = objs.iter().find_map(|o| o.attr("spid")) else {
            return false;
        };
        let Some(vml) = self.deck.related_part(part, "vmlDrawing") else {
            return false;
        };
        let Some(doc) = self.deck.parse_part(&vml).ok() else {
            return false;
        };
        let Some(shape) = descendants(&doc.root, "shape", 3)
            .into_iter()
            .find(|s| s.attr("id") == Some(spid))
        else {
            return false;
        };
        let Some(rid) = child(shape, "imagedata").and_then(|i| prefixed(i, "relid")) else {
            return false;
        };
        let Some(rect) = tiny_skia::Rect::from_xywh(0.0, 0.0, f(fr.w.max(0.01)), f(fr.h.max(0.01)))
        else {
            return false;
        };
        let clip = PathBuilder::from_rect(rect);
        let rid = rid.to_owned();
        self.picture(cv, &vml, &rid, None, &clip, fr.w, fr.h, st);
        true
    }

    /// The drawing part saved with a `SmartArt` diagram (`dsp:drawing`): named by the
    /// data part's `dsp:dataModelExt@relId` (a relationship of the slide).
    fn diagram_drawing(
        &self,
        data: &Element,
        part: &str,
    ) -> Option<(String, docskill_opc::xml::dom::Document)> {
        let rel_ids = child(data, "relIds")?;
        let dm = prefixed(rel_ids, "dm").and_then(|rid| self.deck.rel_target(part, rid))?;
        let dm_doc = self.deck.parse_part(&dm).ok()?;
        let rid = find_attr(&dm_doc.root, "dataModelExt", "relId", 0)?;
        let dpart = self.deck.rel_target(part, &rid)?;
        let doc = self.deck.parse_part(&dpart).ok()?;
        Some((dpart, doc))
    }

    fn placeholder_frame(
        &mut self,
        cv: &mut Canvas<'_>,
        title: &str,
        w: f64,
        h: f64,
        t: Transform,
    ) {
        let Some(rect) = tiny_skia::Rect::from_xywh(0.0, 0.0, f(w), f(h)) else {
            return;
        };
        let p = PathBuilder::from_rect(rect);
        let border = self.pal.scheme("tx1").unwrap_or(Rgba::BLACK);
        let faint = Rgba { a: 0.35, ..border };
        let o = paint::Outline {
            color: Some(faint),
            width: 0.75,
            dash: Some(vec![4.0, 3.0]),
            head: None,
            tail: None,
        };
        stroke_path(cv, &p, &o, None, t);
        if title.is_empty() {
            return;
        }
        // The title as a centred text line at the top.
        let xml = format!(
            "<p:txBody xmlns:a=\"a\" xmlns:p=\"p\"><a:bodyPr/><a:p><a:pPr algn=\"ctr\"/><a:r><a:rPr sz=\"1400\"/><a:t>{}</a:t></a:r></a:p></p:txBody>",
            escape(title)
        );
        let Ok(doc) = docskill_opc::xml::dom::Document::parse(
            xml.as_bytes(),
            "chart-title",
            &docskill_opc::Limits::default(),
        ) else {
            return;
        };
        let holder = docskill_opc::xml::dom::Element::new("p:sp").with_child(doc.root.clone());
        let inh = Inherit::new(&holder, None, None, None);
        let env = TextEnv {
            pal: &self.pal,
            fonts: &self.fonts,
            font_color: None,
            bold: None,
            italic: None,
            line_gap: true,
        };
        let bx = TextBox {
            x: 0.0,
            y: 0.0,
            w,
            h,
            insets: None,
            anchor: Some("t"),
            vert: None,
        };
        text::draw(cv, &doc.root, &inh, bx, t, &env);
    }
}

/// The elements named `local` under `el`, depth-first, at most `depth` levels down.
fn descendants<'e>(el: &'e Element, local: &str, depth: usize) -> Vec<&'e Element> {
    let mut out = Vec::new();
    for c in el.elements() {
        if c.local() == local {
            out.push(c);
        } else if depth > 0 {
            out.extend(descendants(c, local, depth - 1));
        }
    }
    out
}

/// The attribute `attr` of the first element named `local` under `el` (depth-first, bounded).
fn find_attr(el: &Element, local: &str, attr: &str, depth: usize) -> Option<String> {
    if depth > 16 {
        return None;
    }
    el.elements().find_map(|c| {
        if c.local() == local {
            c.attr(attr).map(str::to_owned)
        } else {
            find_attr(c, local, attr, depth + 1)
        }
    })
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn chart_title(root: &Element) -> String {
    fn texts(el: &Element, out: &mut String) {
        for c in el.elements() {
            if c.local() == "t" {
                out.push_str(&c.text());
            } else {
                texts(c, out);
            }
        }
    }
    let mut out = String::new();
    if let Some(t) = path(root, &["chart", "title"]) {
        texts(t, &mut out);
    }
    out
}

/// A light grey box with a cross, for content that cannot be drawn.
fn neutral(cv: &mut Canvas<'_>, clip: &tiny_skia::Path, t: Transform) {
    cv.fill(clip, &solid(Rgba::rgb8(0xE6, 0xE6, 0xE6)), t);
    let b = clip.bounds();
    let mut pb = PathBuilder::new();
    pb.move_to(b.left(), b.top());
    pb.line_to(b.right(), b.bottom());
    pb.move_to(b.right(), b.top());
    pb.line_to(b.left(), b.bottom());
    if let Some(x) = pb.finish() {
        let s = tiny_skia::Stroke {
            width: 0.75,
            ..Default::default()
        };
        cv.stroke(&x, Rgba::rgb8(0xB0, 0xB0, 0xB0), &s, t);
    }
}

/// `cNvPr@name`, for reports.
pub fn shape_name(el: &Element) -> String {
    el.elements()
        .find(|e| e.local().starts_with("nv"))
        .and_then(|nv| child(nv, "cNvPr"))
        .map(|c| {
            let id = c.attr("id").unwrap_or("?");
            format!("{} (id {id})", c.attr("name").unwrap_or(""))
        })
        .unwrap_or_default()
}
