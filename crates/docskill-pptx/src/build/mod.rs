//! `build`: a deck from an outline (JSON or Markdown) on a template, each
//! slide kind mapped to the template's layout for that role.

mod layouts;
mod markdown;
mod outline;
mod xml;

use std::collections::BTreeMap;

use docskill_opc::Limits;
use docskill_opc::xml::dom::{Element, Node};
use serde::Serialize;

pub use outline::{
    BulletSlide, Fit, ImageSlide, Item, NestedItem, Outline, QuoteSlide, SlideSpec, TableSlide,
    TitleSlide, TwoColumnSlide,
};

use crate::deck::{REL_LAYOUT, REL_SLIDE, SLIDE_CT, SlideRef, child, child_mut};
use crate::model::Issue;
use crate::parts::{fresh_name, relative};
use crate::{AssembleReport, Error, Pptx, Result};
use layouts::{Layout, Rect, Role, Slot, choose};
use xml::Para;

/// The default template: 16:9, light, Calibri (`templates/deck-light.pptx`).
pub const TEMPLATE_LIGHT: &[u8] = include_bytes!("../../../../templates/deck-light.pptx");
/// The dark template: 16:9, navy, Arial (`templates/deck-dark.pptx`).
pub const TEMPLATE_DARK: &[u8] = include_bytes!("../../../../templates/deck-dark.pptx");

const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
const CT: &str = "application/vnd.openxmlformats-officedocument.presentationml.";
const EMU_IN: i64 = 914_400;

/// The layout one built slide uses.
#[derive(Debug, Clone, Serialize)]
pub struct LayoutUse {
    /// The outline's kind (`bullets`...).
    pub kind: String,
    /// The layout's name.
    pub layout: String,
    /// True when the template has no layout made for this kind and another was adapted.
    pub fallback: bool,
}

/// What `build` made.
#[derive(Debug, Clone, Default, Serialize)]
pub struct BuildReport {
    /// Slides in the deck.
    pub slides: usize,
    /// The layout of each slide, in order.
    pub layouts: Vec<LayoutUse>,
    /// Things to look at (content left out, crowded tables).
    pub warnings: Vec<String>,
    /// Layout warnings on the built slides (overflow, off-slide...), as `inventory` reports them.
    pub issues: Vec<Issue>,
}

/// Parse a Markdown outline (see the crate's `pptx build` documentation);
/// also returns what was left out.
pub fn parse_markdown(md: &str) -> (Outline, Vec<String>) {
    let mut w = Vec::new();
    let o = markdown::parse(md, &mut w);
    (o, w)
}

/// Build a deck: `template` is a `.pptx`/`.potx` (its slides are dropped, its
/// layouts used); `images` maps each path in [`Outline::image_paths`] to its bytes.
///
/// # Examples
/// ```
/// use docskill_pptx::build::{build, parse_markdown, TEMPLATE_LIGHT};
/// let (outline, _) = parse_markdown("# Q3 review\nAnalytics\n\n## Highlights\n- Revenue up\n  - Europe\n");
/// let (bytes, report) = build(&outline, TEMPLATE_LIGHT, &Default::default(), &Default::default()).unwrap();
/// assert_eq!(report.slides, 2);
/// assert_eq!(report.layouts[1].layout, "Title and Content");
/// # assert!(!bytes.is_empty());
/// ```
///
/// # Errors
/// [`Error::Package`] / [`Error::NotPresentation`] for a template that is not a
/// presentation; [`Error::InvalidInput`] for a template without layouts, an
/// image missing from `images` or not PNG/JPEG/GIF.
pub fn build(
    outline: &Outline,
    template: &[u8],
    images: &BTreeMap<String, Vec<u8>>,
    limits: &Limits,
) -> Result<(Vec<u8>, BuildReport)> {
    let mut deck = Pptx::open(template.to_vec(), limits)?;
    let report = deck.build(outline, images)?;
    Ok((deck.to_bytes()?, report))
}

/// Where a picture goes in `area` and how it is cropped, keeping its aspect.
#[expect(
    clippy::cast_possible_truncation,
    clippy::cast_precision_loss,
    reason = "EMU and pixel values are far inside f64's exact range"
)]
fn fit_picture(area: Rect, px: (u32, u32), cover: bool) -> (Rect, Option<(i64, i64, i64, i64)>) {
    let (iw, ih) = (f64::from(px.0.max(1)), f64::from(px.1.max(1)));
    let (bw, bh) = (area.2.max(1) as f64, area.3.max(1) as f64);
    let (ia, ba) = (iw / ih, bw / bh);
    if cover {
        if (ia - ba).abs() < 1e-3 {
            return (area, None);
        }
        // Crop the sides (wider picture) or top and bottom (taller), centred.
        let keep = if ia > ba { ba / ia } else { ia / ba };
        let cut = ((1.0 - keep) / 2.0 * 100_000.0).round() as i64;
        let crop = if ia > ba {
            (cut, 0, cut, 0)
        } else {
            (0, cut, 0, cut)
        };
        return (area, Some(crop));
    }
    let (w, h) = if ia > ba {
        (bw, bw / ia)
    } else {
        (bh * ia, bh)
    };
    let (w, h) = (w.round() as i64, h.round() as i64);
    (
        (area.0 + (area.2 - w) / 2, area.1 + (area.3 - h) / 2, w, h),
        None,
    )
}

/// One slide while it is being made.
struct Draft {
    shapes: String,
    next_id: u32,
    /// Relationships after the layout's (`rId1`): (type, target part).
    rels: Vec<(String, String)>,
}

impl Draft {
    fn id(&mut self) -> u32 {
        self.next_id += 1;
        self.next_id - 1
    }

    fn rel(&mut self, kind: &str, target: &str) -> String {
        self.rels.push((format!("{REL}{kind}"), target.to_owned()));
        format!("rId{}", self.rels.len() + 1)
    }

    fn text(&mut self, slot: &Slot, paras: &str, rect: Option<Rect>) {
        let id = self.id();
        self.shapes
            .push_str(&xml::placeholder(id, slot, paras, rect, "<a:bodyPr/>"));
    }
}

fn plain_lines(text: &str, bullet: Option<bool>) -> String {
    text.split('\n')
        .map(|l| {
            xml::paragraph(
                l,
                &Para {
                    bullet,
                    ..Para::default()
                },
            )
        })
        .collect()
}

fn bullets(list: &[Item], heading: Option<&str>) -> String {
    let mut out = String::new();
    if let Some(h) = heading {
        out.push_str(&xml::paragraph(
            h,
            &Para {
                bullet: Some(false),
                rpr: r#" b="1""#,
                ..Para::default()
            },
        ));
    }
    xml::items(list, 0, &mut out);
    out
}

/// Context every slide is made in.
struct Ctx<'a> {
    /// Where content goes when a layout has no placeholder for it.
    content: Rect,
    images: &'a BTreeMap<String, Vec<u8>>,
    /// Image path → media part, shared between slides.
    media: BTreeMap<String, (String, (u32, u32))>,
    warnings: Vec<String>,
}

impl Pptx {
    /// Replace the deck's slides with slides built from `outline`.
    ///
    /// # Errors
    /// As [`build`].
    pub fn build(
        &mut self,
        outline: &Outline,
        images: &BTreeMap<String, Vec<u8>>,
    ) -> Result<BuildReport> {
        self.make_presentation_main();
        self.assemble(&[], &[])?;
        let layouts = self.layout_slots()?;
        if layouts.is_empty() {
            return Err(Error::InvalidInput(
                "the template has no slide layouts".into(),
            ));
        }
        let size = self.slide_size()?;
        let margin = EMU_IN * 6 / 10;
        let content = choose(&layouts, Role::Bullets)
            .and_then(|(l, _)| l.bodies().first().and_then(|s| s.rect))
            .unwrap_or((
                margin,
                EMU_IN * 7 / 4,
                size.0 - 2 * margin,
                size.1 - EMU_IN * 7 / 4 - margin,
            ));
        let mut ctx = Ctx {
            content,
            images,
            media: BTreeMap::new(),
            warnings: Vec::new(),
        };
        let notes_master = if outline.slides.iter().any(|s| s.notes().is_some()) {
            Some(self.ensure_notes_master()?)
        } else {
            None
        };
        let mut pres_rels = self.rels(&self.pres_part)?;
        let mut out = Vec::new();
        let mut report = BuildReport::default();
        let dir = "/ppt/slides";
        for (n, spec) in outline.slides.iter().enumerate() {
            let role = role_of(spec);
            let (layout, fallback) =
                choose(&layouts, role).ok_or_else(|| Error::InvalidInput("no layout".into()))?;
            let mut d = Draft {
                shapes: String::new(),
                next_id: 2,
                rels: Vec::new(),
            };
            self.fill(&mut d, spec, layout, &mut ctx, n)?;
            let part = fresh_name(&self.pkg, &format!("{dir}/slide1.xml"));
            self.pkg
                .set_part(&part, xml::slide(&d.shapes).into_bytes(), Some(SLIDE_CT))?;
            let mut rels = docskill_opc::Relationships::default();
            rels.add(REL_LAYOUT, &relative(&part, &layout.part), false);
            for (kind, target) in &d.rels {
                rels.add(kind, &relative(&part, target), false);
            }
            if let (Some(text), Some(master)) = (spec.notes(), &notes_master) {
                let np = fresh_name(&self.pkg, "/ppt/notesSlides/notesSlide1.xml");
                self.pkg.set_part(
                    &np,
                    xml::notes(text).into_bytes(),
                    Some(&format!("{CT}notesSlide+xml")),
                )?;
                let mut nr = docskill_opc::Relationships::default();
                nr.add(&format!("{REL}notesMaster"), &relative(&np, master), false);
                nr.add(REL_SLIDE, &relative(&np, &part), false);
                self.pkg.set_relationships(&np, &nr)?;
                rels.add(&format!("{REL}notesSlide"), &relative(&part, &np), false);
            }
            self.pkg.set_relationships(&part, &rels)?;
            let rid = pres_rels.add(REL_SLIDE, &relative(&self.pres_part, &part), false);
            #[expect(clippy::cast_possible_truncation, reason = "slide counts are small")]
            out.push(SlideRef {
                id: 256 + n as u32,
                rid,
                part,
            });
            report.layouts.push(LayoutUse {
                kind: spec.kind().to_owned(),
                layout: layout.name.clone(),
                fallback,
            });
        }
        self.pkg
            .set_relationships(&self.pres_part.clone(), &pres_rels)?;
        let sources = vec![None; out.len()];
        let mut ignored = AssembleReport::default();
        self.write_presentation(&out, &sources, &[], &mut ignored)?;
        self.slides = out;
        self.update_app_slide_count(self.slides.len());
        report.slides = self.slides.len();
        report.warnings = ctx.warnings;
        report.issues = self
            .inventory_of(None, std::collections::BTreeMap::new())?
            .issues();
        Ok(report)
    }

    /// A `.potx`/`.ppsx` main part becomes a presentation's.
    fn make_presentation_main(&mut self) {
        let main = format!("{CT}presentation.main+xml");
        let pres = self.pres_part.clone();
        if self
            .pkg
            .content_type(&pres)
            .is_some_and(|ct| ct.contains(".template.main") || ct.contains(".slideshow.main"))
        {
            self.pkg.content_types_mut().set(&pres, &main);
        }
    }

    /// The notes master's part, made (with a copy of the deck's theme) when the template has none.
    fn ensure_notes_master(&mut self) -> Result<String> {
        if let Some(m) = self.target_of(&self.pres_part, "notesMaster") {
            return Ok(m);
        }
        let part = fresh_name(&self.pkg, "/ppt/notesMasters/notesMaster1.xml");
        self.pkg.set_part(
            &part,
            xml::notes_master().into_bytes(),
            Some(&format!("{CT}notesMaster+xml")),
        )?;
        let mut rels = docskill_opc::Relationships::default();
        let theme = self
            .target_of(&self.pres_part, "theme")
            .or_else(|| {
                self.masters()
                    .ok()?
                    .first()
                    .and_then(|m| self.target_of(m, "theme"))
            })
            .ok_or_else(|| Error::InvalidInput("the template has no theme".into()))?;
        let copy = fresh_name(&self.pkg, &theme);
        let bytes = self.pkg.read_part(&theme)?;
        let ct = self.pkg.content_type(&theme).map(str::to_owned);
        self.pkg.set_part(&copy, bytes, ct.as_deref())?;
        rels.add(&format!("{REL}theme"), &relative(&part, &copy), false);
        self.pkg.set_relationships(&part, &rels)?;
        let mut pres_rels = self.rels(&self.pres_part)?;
        let rid = pres_rels.add(
            &format!("{REL}notesMaster"),
            &relative(&self.pres_part, &part),
            false,
        );
        self.pkg
            .set_relationships(&self.pres_part.clone(), &pres_rels)?;
        let mut doc = self.parse(&self.pres_part)?;
        let root = &mut doc.root;
        let prefix = root
            .name
            .split_once(':')
            .map_or(String::new(), |(p, _)| format!("{p}:"));
        let list = Element::new(format!("{prefix}notesMasterIdLst"))
            .with_child(Element::new(format!("{prefix}notesMasterId")).with_attr("r:id", rid));
        if child(root, "notesMasterIdLst").is_none() {
            let at = root
                .children
                .iter()
                .position(|n| matches!(n, Node::Element(e) if e.local() == "sldMasterIdLst"))
                .map_or(0, |i| i + 1);
            root.children.insert(at, Node::Element(list));
        } else if let Some(l) = child_mut(root, "notesMasterIdLst") {
            *l = list;
        }
        if !root.attrs.iter().any(|(k, _)| k == "xmlns:r") {
            root.attrs.push((
                "xmlns:r".into(),
                "http://schemas.openxmlformats.org/officeDocument/2006/relationships".into(),
            ));
        }
        self.pkg
            .set_part(&self.pres_part.clone(), doc.to_bytes(), None)?;
        Ok(part)
    }

    /// The media part for an image path (added once per build).
    fn media(&mut self, ctx: &mut Ctx<'_>, path: &str) -> Result<(String, (u32, u32))> {
        if let Some(m) = ctx.media.get(path) {
            return Ok(m.clone());
        }
        let bytes = ctx
            .images
            .get(path)
            .ok_or_else(|| Error::InvalidInput(format!("image {path:?} was not supplied")))?;
        let (w, h, ext, ct) = docskill_opc::image_info(bytes).ok_or_else(|| {
            Error::InvalidInput(format!("image {path:?} is not PNG, JPEG or GIF"))
        })?;
        let part = fresh_name(&self.pkg, &format!("/ppt/media/image1.{ext}"));
        self.pkg.set_part(&part, bytes.clone(), Some(ct))?;
        ctx.media.insert(path.to_owned(), (part.clone(), (w, h)));
        Ok((part, (w, h)))
    }

    /// The shapes of one slide.
    #[expect(
        clippy::too_many_lines,
        clippy::many_single_char_names,
        reason = "one arm per slide kind; d, l, s are the slide, layout and spec throughout"
    )]
    fn fill(
        &mut self,
        d: &mut Draft,
        spec: &SlideSpec,
        l: &Layout,
        ctx: &mut Ctx<'_>,
        n: usize,
    ) -> Result<()> {
        let title = |d: &mut Draft, ctx: &Ctx<'_>, text: &str| {
            if text.is_empty() {
                return;
            }
            if let Some(s) = l.title() {
                d.text(s, &plain_lines(text, None), None);
            } else {
                let id = d.id();
                let r = (ctx.content.0, EMU_IN / 3, ctx.content.2, EMU_IN);
                let p = xml::paragraph(
                    text,
                    &Para {
                        rpr: r#" sz="3200" b="1""#,
                        ..Para::default()
                    },
                );
                d.shapes
                    .push_str(&xml::text_box(id, &format!("Title {}", id - 1), r, &p, "b"));
            }
        };
        match spec {
            SlideSpec::Title(s) | SlideSpec::Section(s) | SlideSpec::Closing(s) => {
                title(d, ctx, &s.title);
                if let Some(sub) = &s.subtitle {
                    if let Some(slot) = l.subtitle() {
                        let bullet = (slot.kind != "subTitle").then_some(false);
                        d.text(slot, &plain_lines(sub, bullet), None);
                    } else {
                        {
                            let id = d.id();
                            let c = ctx.content;
                            let r = (c.0, c.1 + c.3 / 2, c.2, c.3 / 3);
                            d.shapes.push_str(&xml::text_box(
                                id,
                                &format!("Subtitle {}", id - 1),
                                r,
                                &plain_lines(sub, None),
                                "t",
                            ));
                        }
                    }
                }
            }
            SlideSpec::Bullets(s) => {
                title(d, ctx, &s.title);
                body(d, ctx, l, &bullets(&s.bullets, None), None);
            }
            SlideSpec::TwoColumn(s) => {
                title(d, ctx, &s.title);
                let left = bullets(&s.left, s.left_heading.as_deref());
                let right = bullets(&s.right, s.right_heading.as_deref());
                let bodies = l.bodies();
                if bodies.len() >= 2 {
                    d.text(bodies[0], &left, None);
                    d.text(bodies[1], &right, None);
                } else {
                    let area = bodies.first().and_then(|b| b.rect).unwrap_or(ctx.content);
                    let gap = EMU_IN / 2;
                    let w = (area.2 - gap) / 2;
                    let lr = (area.0, area.1, w, area.3);
                    let rr = (area.0 + w + gap, area.1, w, area.3);
                    body(d, ctx, l, &left, Some(lr));
                    body(d, ctx, l, &right, Some(rr));
                }
            }
            SlideSpec::Image(s) => {
                if let Some(t) = &s.title {
                    title(d, ctx, t);
                }
                let (media, px) = self.media(ctx, &s.image)?;
                let pic_slot = l.picture();
                let caption_slot = l.bodies().into_iter().next();
                let mut area = pic_slot.and_then(|p| p.rect).unwrap_or(ctx.content);
                let caption = s.caption.as_deref().unwrap_or_default();
                if !caption.is_empty() {
                    if let Some(slot) = caption_slot {
                        d.text(slot, &plain_lines(caption, Some(false)), None);
                    } else {
                        let h = EMU_IN / 2;
                        area.3 -= h + EMU_IN / 10;
                        let r = (area.0, area.1 + area.3 + EMU_IN / 10, area.2, h);
                        let id = d.id();
                        let p = xml::paragraph(
                            caption,
                            &Para {
                                align: Some("ctr"),
                                rpr: r#" sz="1400" i="1""#,
                                ..Para::default()
                            },
                        );
                        d.shapes.push_str(&xml::text_box(
                            id,
                            &format!("Caption {}", id - 1),
                            r,
                            &p,
                            "t",
                        ));
                    }
                }
                let cover = match s.fit {
                    Fit::Cover => true,
                    Fit::Contain => false,
                    Fit::Auto => pic_slot.is_some(),
                };
                let (rect, crop) = fit_picture(area, px, cover);
                let rid = d.rel("image", &media);
                let id = d.id();
                d.shapes
                    .push_str(&xml::picture(id, caption, &rid, pic_slot, rect, crop));
            }
            SlideSpec::Table(s) => {
                title(d, ctx, &s.title);
                let area = l
                    .bodies()
                    .first()
                    .and_then(|b| b.rect)
                    .unwrap_or(ctx.content);
                if !s.rows.is_empty() {
                    let id = d.id();
                    let (x, warn) = xml::table(id, area, &s.rows, s.header);
                    d.shapes.push_str(&x);
                    if let Some(w) = warn {
                        ctx.warnings.push(format!("slide {n}: {w}"));
                    }
                }
            }
            SlideSpec::Quote(s) => {
                let bodies = l.bodies();
                let who = s.attribution.as_deref().filter(|a| !a.is_empty());
                if l.named_quote() && !bodies.is_empty() {
                    d.text(bodies[0], &plain_lines(&s.text, Some(false)), None);
                    if let (Some(a), Some(slot)) = (who, bodies.get(1)) {
                        d.text(slot, &plain_lines(a, Some(false)), None);
                    }
                } else {
                    let mut p = xml::paragraph(
                        &format!("\u{201c}{}\u{201d}", s.text),
                        &Para {
                            bullet: Some(false),
                            rpr: r#" sz="2800" i="1""#,
                            ..Para::default()
                        },
                    );
                    if let Some(a) = who {
                        p.push_str(&xml::paragraph(
                            &format!("\u{2014} {a}"),
                            &Para {
                                bullet: Some(false),
                                align: Some("r"),
                                ..Para::default()
                            },
                        ));
                    }
                    body(d, ctx, l, &p, None);
                }
            }
        }
        Ok(())
    }
}

/// Paragraphs into the layout's first body placeholder, or a text box in the content area.
fn body(d: &mut Draft, ctx: &Ctx<'_>, l: &Layout, paras: &str, rect: Option<Rect>) {
    if let Some(slot) = l.bodies().first() {
        d.text(slot, paras, rect);
    } else {
        let id = d.id();
        d.shapes.push_str(&xml::text_box(
            id,
            &format!("Content {}", id - 1),
            rect.unwrap_or(ctx.content),
            paras,
            "t",
        ));
    }
}

fn role_of(s: &SlideSpec) -> Role {
    match s {
        SlideSpec::Title(_) => Role::Title,
        SlideSpec::Section(_) => Role::Section,
        SlideSpec::Bullets(_) => Role::Bullets,
        SlideSpec::TwoColumn(_) => Role::TwoColumn,
        SlideSpec::Image(_) => Role::Image,
        SlideSpec::Table(_) => Role::Table,
        SlideSpec::Quote(_) => Role::Quote,
        SlideSpec::Closing(_) => Role::Closing,
    }
}

#[cfg(test)]
mod tests {
    use super::fit_picture;

    #[test]
    fn pictures_keep_their_aspect() {
        // A 2:1 picture in a 1:1 box: letterboxed top and bottom, or cropped at the sides.
        let area = (0, 0, 1000, 1000);
        assert_eq!(
            fit_picture(area, (200, 100), false),
            ((0, 250, 1000, 500), None)
        );
        assert_eq!(
            fit_picture(area, (200, 100), true),
            (area, Some((25_000, 0, 25_000, 0)))
        );
        assert_eq!(
            fit_picture(area, (100, 400), true),
            (area, Some((0, 37_500, 0, 37_500)))
        );
    }
}
