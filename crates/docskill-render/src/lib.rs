//! Slides to pixels: renders `PowerPoint` slides to PNG thumbnails and
//! contact-sheet grids without `LibreOffice`, with bundled open fonts
//! (Carlito, Caladea, Liberation, `DejaVu`) standing in for Office's.
//!
//! ```
//! let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/pptx/basic.pptx")).unwrap();
//! let mut r = docskill_render::Renderer::open(bytes, &Default::default()).unwrap();
//! let slide = r.render(0, 320).unwrap();
//! assert_eq!(slide.width, 320);
//! let png = slide.png().unwrap();
//! assert!(png.starts_with(b"\x89PNG"));
//! ```
//!
//! What it draws: backgrounds, placeholder inheritance (slide → layout →
//! master), theme colours and fonts, preset and custom geometries, gradients,
//! outlines with dashes and arrowheads, text with shaping, wrapping, bullets
//! and autofit, pictures (PNG, JPEG) with cropping, tables, and charts from the
//! data cached in the chart part (bar, line, area, pie, doughnut, scatter and
//! combinations; other kinds as a titled frame). Whatever it cannot draw faithfully is listed in
//! [`Slide::skipped`], so a caller knows which parts of an image to distrust.
//!
//! Deterministic: no SIMD, no platform trigonometry (see `trig`), so the same
//! slide gives the same PNG bytes everywhere. Pure: bytes in, bytes out.

#![forbid(unsafe_code)]
#![allow(
    clippy::many_single_char_names,
    clippy::too_many_arguments,
    reason = "geometry and drawing code names coordinates x, y, w, h"
)]

mod canvas;
mod chart;
mod color;
mod error;
mod fonts;
mod geom;
mod grid;
mod paint;
mod picture;
mod slide;
mod table;
mod text;
mod trig;
mod xml;

use std::collections::HashMap;
use std::sync::Arc;

use docskill_opc::Limits;
use docskill_opc::xml::dom::Document;
use docskill_pptx::style::ThemeFonts;
use docskill_pptx::{Pptx, SlideSources};
use serde::Serialize;
use tiny_skia::{Pixmap, Transform};

pub use error::{Error, Result};
pub use grid::{GridOptions, grid};

/// Most pixels in one image (slide or contact sheet): 64 million.
pub const MAX_PIXELS: u64 = 64_000_000;

/// Something on a slide that was drawn approximately or not at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    /// The shape: `name (id N)`, or `background`.
    pub shape: String,
    /// What kind of element: `chart`, `picture`, `geometry`, `text`...
    pub element: String,
    /// What was done instead.
    pub reason: String,
}

/// One rendered slide.
pub struct Slide {
    /// Position in the deck, from 0.
    pub index: usize,
    /// Hidden in the show.
    pub hidden: bool,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// What could not be drawn faithfully.
    pub skipped: Vec<Skipped>,
    pixmap: Pixmap,
}

impl Slide {
    /// The image as PNG bytes.
    ///
    /// # Errors
    /// [`Error::Encode`] when PNG encoding fails.
    pub fn png(&self) -> Result<Vec<u8>> {
        encode_png(&self.pixmap)
    }

    /// Premultiplied RGBA pixels, row by row.
    pub fn rgba(&self) -> &[u8] {
        self.pixmap.data()
    }

    pub(crate) fn pixmap(&self) -> &Pixmap {
        &self.pixmap
    }
}

/// PNG bytes of a pixmap: RGB when every pixel is opaque (slides are), else
/// straight-alpha RGBA.
pub(crate) fn encode_png(pix: &Pixmap) -> Result<Vec<u8>> {
    let data = pix.data();
    let opaque = data.chunks_exact(4).all(|p| p[3] == 0xFF);
    let (color, bytes) = if opaque {
        let rgb: Vec<u8> = data
            .chunks_exact(4)
            .flat_map(|p| [p[0], p[1], p[2]])
            .collect();
        (png::ColorType::Rgb, rgb)
    } else {
        let rgba: Vec<u8> = pix
            .pixels()
            .iter()
            .flat_map(|p| {
                let c = p.demultiply();
                [c.red(), c.green(), c.blue(), c.alpha()]
            })
            .collect();
        (png::ColorType::Rgba, rgba)
    };
    let mut out = Vec::with_capacity(bytes.len() / 4);
    let mut enc = png::Encoder::new(&mut out, pix.width(), pix.height());
    enc.set_color(color);
    enc.set_depth(png::BitDepth::Eight);
    enc.set_compression(png::Compression::Fast);
    let mut w = enc
        .write_header()
        .map_err(|e| Error::Encode(e.to_string()))?;
    w.write_image_data(&bytes)
        .map_err(|e| Error::Encode(e.to_string()))?;
    w.finish().map_err(|e| Error::Encode(e.to_string()))?;
    Ok(out)
}

/// An open deck, ready to render slides; keeps glyph outlines and decoded images between slides.
pub struct Renderer {
    deck: Pptx,
    sources: Vec<SlideSources>,
    size_pt: (f64, f64),
    pres: Option<Document>,
    caches: canvas::Caches,
    images: HashMap<String, Option<Pixmap>>,
    /// Layouts, masters and themes, parsed once (`None`: unreadable).
    docs: HashMap<String, Option<Arc<Document>>>,
}

impl Renderer {
    /// Open a deck.
    ///
    /// # Errors
    /// [`Error::Pptx`] when the bytes are not a presentation.
    pub fn open(bytes: Vec<u8>, limits: &Limits) -> Result<Self> {
        let deck = Pptx::open(bytes, limits)?;
        let (cx, cy) = deck.slide_size_emu()?;
        let sources = deck.slide_sources();
        let pres = deck.parse_part(deck.presentation_part()).ok();
        let clamp = |v: i64| xml::pt(v.clamp(12_700, 51_206_400));
        Ok(Self {
            size_pt: (clamp(cx), clamp(cy)),
            deck,
            sources,
            pres,
            caches: canvas::Caches::default(),
            images: HashMap::new(),
            docs: HashMap::new(),
        })
    }

    /// Number of slides.
    pub fn slide_count(&self) -> usize {
        self.sources.len()
    }

    /// Slide size in points.
    pub fn slide_size_pt(&self) -> (f64, f64) {
        self.size_pt
    }

    /// The pixel height a slide gets at `width`.
    pub fn height_for(&self, width: u32) -> u32 {
        let h = (f64::from(width) * self.size_pt.1 / self.size_pt.0).round();
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "bounded by the slide size clamp"
        )]
        let h = h.clamp(1.0, 4_000_000.0) as u32;
        h
    }

    /// A layout, master or theme part, parsed on first use and kept for the next slides.
    fn shared_doc(&mut self, part: Option<&str>) -> Option<Arc<Document>> {
        let part = part?;
        if let Some(d) = self.docs.get(part) {
            return d.clone();
        }
        let d = self.deck.parse_part(part).ok().map(Arc::new);
        self.docs.insert(part.to_owned(), d.clone());
        d
    }

    /// Render slide `index` (from 0) at `width` pixels.
    ///
    /// # Errors
    /// [`Error::NoSuchSlide`], [`Error::BadOption`] for a zero width,
    /// [`Error::TooLarge`] past [`MAX_PIXELS`], [`Error::Pptx`] when the slide part is unreadable.
    #[expect(clippy::too_many_lines, reason = "the slide's layers in drawing order")]
    pub fn render(&mut self, index: usize, width: u32) -> Result<Slide> {
        let Some(src) = self.sources.get(index).cloned() else {
            return Err(Error::NoSuchSlide {
                slide: index + 1,
                count: self.sources.len(),
            });
        };
        if width == 0 {
            return Err(Error::BadOption("width must be at least 1 pixel".into()));
        }
        let height = self.height_for(width);
        if u64::from(width) * u64::from(height) > MAX_PIXELS {
            return Err(Error::TooLarge {
                width,
                height,
                limit: MAX_PIXELS,
            });
        }
        let slide_doc = self.deck.parse_part(&src.part)?;
        let (layout, master, theme) = (
            self.shared_doc(src.layout.as_deref()),
            self.shared_doc(src.master.as_deref()),
            self.shared_doc(src.theme.as_deref()),
        );
        let mut pal = color::Palette::new(
            theme.as_ref().map(|d| &d.root),
            master.as_ref().and_then(|m| xml::child(&m.root, "clrMap")),
        );
        if let Some(l) = &layout {
            pal = pal.with_override(&l.root);
        }
        pal = pal.with_override(&slide_doc.root);
        let pres_default = self
            .pres
            .as_ref()
            .and_then(|p| xml::child(&p.root, "defaultTextStyle"));
        let mut pixmap = Pixmap::new(width, height).ok_or(Error::TooLarge {
            width,
            height,
            limit: MAX_PIXELS,
        })?;
        pixmap.fill(tiny_skia::Color::WHITE);
        let mut cv = canvas::Canvas {
            pix: pixmap,
            caches: &mut self.caches,
            skipped: Vec::new(),
            shape: String::new(),
        };
        let scale = f64::from(width) / self.size_pt.0;
        let mut scene = slide::Scene {
            deck: &self.deck,
            layout: layout.as_ref().map(|d| &d.root),
            master: master.as_ref().map(|d| &d.root),
            theme: theme.as_ref().map(|d| &d.root),
            theme_part: src.theme.as_deref(),
            pres_default,
            pal,
            fonts: ThemeFonts::from_theme(theme.as_ref().map(|d| &d.root)),
            images: &mut self.images,
            scale,
            child_map: slide::NO_MAP,
        };
        scene.background(
            &mut cv,
            &slide_doc.root,
            &src.part,
            src.layout.as_deref(),
            src.master.as_deref(),
            self.size_pt,
        );
        #[expect(clippy::cast_possible_truncation, reason = "pixels per point is small")]
        let t = Transform::from_scale(scale as f32, scale as f32);
        let show_master = xml::truthy(&slide_doc.root, "showMasterSp").unwrap_or(true);
        let layout_shows_master = layout
            .as_ref()
            .and_then(|l| xml::truthy(&l.root, "showMasterSp"))
            .unwrap_or(true);
        if show_master {
            if layout_shows_master
                && let (Some(m), Some(mp)) = (&master, &src.master)
                && let Some(tree) = xml::path(&m.root, &["cSld", "spTree"])
            {
                scene.tree(&mut cv, tree, mp, t, false, 0);
            }
            if let (Some(l), Some(lp)) = (&layout, &src.layout)
                && let Some(tree) = xml::path(&l.root, &["cSld", "spTree"])
            {
                scene.tree(&mut cv, tree, lp, t, false, 0);
            }
        }
        if let Some(tree) = xml::path(&slide_doc.root, &["cSld", "spTree"]) {
            scene.tree(&mut cv, tree, &src.part, t, true, 0);
        }
        let hidden = slide_doc
            .root
            .attr("show")
            .is_some_and(|v| v == "0" || v == "false");
        Ok(Slide {
            index,
            hidden,
            width,
            height,
            skipped: cv.skipped,
            pixmap: cv.pix,
        })
    }
}
