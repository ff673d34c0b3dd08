//! The drawing surface: a pixmap, the caches kept between slides (glyph
//! outlines, shaped words, rasterised glyphs) and the list of elements that
//! could not be drawn faithfully.

use std::collections::HashMap;
use std::sync::Arc;

use tiny_skia::{FillRule, Paint, Path, PathBuilder, Pixmap, Shader, Stroke, Transform};

use crate::Skipped;
use crate::color::Rgba;
use crate::fonts::{FaceId, Fonts};

/// One shaped glyph in font units: face, glyph id, x offset, advance, y offset.
pub type Shaped = (FaceId, u16, i32, i32, i32);

/// A glyph's coverage at one size and sub-pixel phase: left and top offsets from
/// the pen position's whole pixel, width, height, one byte of coverage per pixel.
pub struct GlyphMask {
    left: i32,
    top: i32,
    width: usize,
    coverage: Vec<u8>,
}

/// Key of a rasterised glyph: face, glyph id, x and y scale (pixels per font
/// unit, in 1/65536), x and y sub-pixel phase in quarter pixels.
type MaskKey = (FaceId, u16, u32, u32, u8, u8);

/// Past this many cached entries (or mask bytes) a cache starts again: bounded memory on hostile decks.
const MAX_ENTRIES: usize = 200_000;
const MAX_MASK_BYTES: usize = 64 << 20;

/// What a renderer learns once and reuses on every slide.
#[derive(Default)]
pub struct Caches {
    /// Glyph outlines in font units (y up), by face and glyph id.
    outlines: HashMap<(FaceId, u16), Option<Path>>,
    /// Shaped words by the face asked for and the text.
    shaped: HashMap<(FaceId, String), Arc<[Shaped]>>,
    /// Rasterised glyphs.
    masks: HashMap<MaskKey, Option<Arc<GlyphMask>>>,
    mask_bytes: usize,
}

impl Caches {
    /// The shaping of `text` asked for in `face`, computed by `make` on first use.
    pub fn shaped(
        &mut self,
        face: FaceId,
        text: &str,
        make: impl FnOnce() -> Vec<Shaped>,
    ) -> Arc<[Shaped]> {
        if let Some(s) = self.shaped.get(&(face, text.to_owned())) {
            return Arc::clone(s);
        }
        if self.shaped.len() >= MAX_ENTRIES {
            self.shaped.clear();
        }
        let s: Arc<[Shaped]> = make().into();
        self.shaped.insert((face, text.to_owned()), Arc::clone(&s));
        s
    }
}

/// What is drawn on, and what is learnt while drawing.
pub struct Canvas<'c> {
    /// The pixels.
    pub pix: Pixmap,
    /// Caches kept across slides.
    pub caches: &'c mut Caches,
    /// Elements drawn approximately or not at all.
    pub skipped: Vec<Skipped>,
    /// The shape being drawn (for [`Canvas::skip`]).
    pub shape: String,
}

/// A paint from a solid colour.
pub fn solid(c: Rgba) -> Paint<'static> {
    let mut p = Paint::default();
    p.set_color(c.skia());
    p.anti_alias = true;
    p
}

impl Canvas<'_> {
    /// Note an element that could not be drawn as the file describes.
    pub fn skip(&mut self, what: &str, reason: impl Into<String>) {
        let reason = reason.into();
        if !self
            .skipped
            .iter()
            .any(|s| s.shape == self.shape && s.element == what && s.reason == reason)
        {
            self.skipped.push(Skipped {
                shape: self.shape.clone(),
                element: what.to_owned(),
                reason,
            });
        }
    }

    /// Fill a path with a paint.
    pub fn fill(&mut self, path: &Path, paint: &Paint<'_>, t: Transform) {
        self.pix.fill_path(path, paint, FillRule::EvenOdd, t, None);
    }

    /// Fill a path with a shader.
    pub fn fill_shader(&mut self, path: &Path, shader: Shader<'_>, t: Transform) {
        let paint = Paint {
            shader,
            anti_alias: true,
            ..Paint::default()
        };
        self.pix.fill_path(path, &paint, FillRule::EvenOdd, t, None);
    }

    /// Stroke a path.
    pub fn stroke(&mut self, path: &Path, c: Rgba, stroke: &Stroke, t: Transform) {
        self.pix.stroke_path(path, &solid(c), stroke, t, None);
    }

    /// Fill a rectangle given in the transform's space.
    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, c: Rgba, t: Transform) {
        if let Some(r) = tiny_skia::Rect::from_xywh(x, y, w, h) {
            let path = PathBuilder::from_rect(r);
            self.fill(&path, &solid(c), t);
        }
    }

    /// The outline of a glyph, from the cache.
    pub fn glyph(&mut self, face: FaceId, id: u16) -> Option<Path> {
        if self.caches.outlines.len() >= MAX_ENTRIES {
            self.caches.outlines.clear();
        }
        self.caches
            .outlines
            .entry((face, id))
            .or_insert_with(|| {
                let mut b = Outline(PathBuilder::new());
                Fonts::get()
                    .face(face)
                    .outline_glyph(ttf_parser::GlyphId(id), &mut b)?;
                b.0.finish()
            })
            .clone()
    }

    /// Draw glyph `id` of `face` scaled by `s` (font units to points) with its
    /// origin at (`x`, `y`) under `t`. Under a plain scale-and-move transform the
    /// glyph is rasterised once per size and quarter-pixel phase and blended from
    /// the cache; under rotation, skew or flips its outline is filled directly.
    pub fn draw_glyph(
        &mut self,
        face: FaceId,
        id: u16,
        x: f32,
        y: f32,
        s: f32,
        color: Rgba,
        t: Transform,
    ) {
        let (sx, sy) = (t.sx * s, t.sy * s);
        let plain = t.kx == 0.0 && t.ky == 0.0 && sx > 0.0 && sy > 0.0 && sx < 0.25 && sy < 0.25;
        if !plain {
            if let Some(path) = self.glyph(face, id) {
                let gt = t.pre_translate(x, y).pre_scale(s, -s);
                self.pix
                    .fill_path(&path, &solid(color), FillRule::Winding, gt, None);
            }
            return;
        }
        // Device position of the pen, split into whole pixels and a quarter-pixel phase.
        let dx = f64::from(t.sx) * f64::from(x) + f64::from(t.tx);
        let dy = f64::from(t.sy) * f64::from(y) + f64::from(t.ty);
        let (fx, fy) = (dx.floor(), dy.floor());
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "phase is 0..=4, scales are bounded above"
        )]
        let key = (
            face,
            id,
            (f64::from(sx) * 65_536.0).round() as u32,
            (f64::from(sy) * 65_536.0).round() as u32,
            (((dx - fx) * 4.0).round() as u8).min(3),
            (((dy - fy) * 4.0).round() as u8).min(3),
        );
        let mask = if let Some(m) = self.caches.masks.get(&key) {
            m.clone()
        } else {
            let m = self.raster(key).map(Arc::new);
            if self.caches.masks.len() >= MAX_ENTRIES || self.caches.mask_bytes >= MAX_MASK_BYTES {
                self.caches.masks.clear();
                self.caches.mask_bytes = 0;
            }
            self.caches.mask_bytes += m.as_ref().map_or(0, |m| m.coverage.len());
            self.caches.masks.insert(key, m.clone());
            m
        };
        if let Some(m) = mask {
            #[expect(
                clippy::cast_possible_truncation,
                reason = "slide coordinates are bounded"
            )]
            self.blend(&m, fx as i32, fy as i32, color);
        }
    }

    /// Rasterise a glyph for its cache key.
    fn raster(&mut self, key: MaskKey) -> Option<GlyphMask> {
        let (face, id, sx, sy, px, py) = key;
        let path = self.glyph(face, id)?;
        #[expect(clippy::cast_precision_loss, reason = "scales are small")]
        let (sx, sy) = (sx as f32 / 65_536.0, sy as f32 / 65_536.0);
        let (px, py) = (f32::from(px) / 4.0, f32::from(py) / 4.0);
        let b = path.bounds();
        // Device box of the glyph: x from left*sx, y from -top*sy (y down), plus the phase.
        let left = (b.left() * sx + px).floor() - 1.0;
        let top = (-b.bottom() * sy + py).floor() - 1.0;
        let right = (b.right() * sx + px).ceil() + 1.0;
        let bottom = (-b.top() * sy + py).ceil() + 1.0;
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "glyph boxes are small and positive"
        )]
        let (w, h) = (
            (right - left).max(1.0) as u32,
            (bottom - top).max(1.0) as u32,
        );
        let mut pm = Pixmap::new(w, h)?;
        let gt = Transform::from_row(sx, 0.0, 0.0, -sy, px - left, py - top);
        pm.fill_path(&path, &solid(Rgba::BLACK), FillRule::Winding, gt, None);
        #[expect(clippy::cast_possible_truncation, reason = "glyph boxes are small")]
        Some(GlyphMask {
            left: left as i32,
            top: top as i32,
            width: w as usize,
            coverage: pm.data().chunks_exact(4).map(|p| p[3]).collect(),
        })
    }

    /// Source-over blend of a solid colour through a coverage mask, clipped to the pixmap.
    fn blend(&mut self, m: &GlyphMask, x: i32, y: i32, color: Rgba) {
        let c = color.skia().premultiply().to_color_u8();
        let (r, g, b, a) = (
            u32::from(c.red()),
            u32::from(c.green()),
            u32::from(c.blue()),
            u32::from(c.alpha()),
        );
        let (pw, ph) = (i64::from(self.pix.width()), i64::from(self.pix.height()));
        let data = self.pix.data_mut();
        for (row, cov_row) in m.coverage.chunks_exact(m.width.max(1)).enumerate() {
            let py = i64::from(y) + i64::from(m.top) + i64::try_from(row).unwrap_or(i64::MAX);
            if py < 0 || py >= ph {
                continue;
            }
            for (col, &cov) in cov_row.iter().enumerate() {
                let px = i64::from(x) + i64::from(m.left) + i64::try_from(col).unwrap_or(i64::MAX);
                if cov == 0 || px < 0 || px >= pw {
                    continue;
                }
                #[expect(
                    clippy::cast_sign_loss,
                    clippy::cast_possible_truncation,
                    reason = "checked in bounds"
                )]
                let at = ((py * pw + px) * 4) as usize;
                let cov = u32::from(cov);
                let sa = div255(a * cov);
                let inv = 255 - sa;
                let px = &mut data[at..at + 4];
                px[0] = blend_channel(div255(r * cov), px[0], inv);
                px[1] = blend_channel(div255(g * cov), px[1], inv);
                px[2] = blend_channel(div255(b * cov), px[2], inv);
                px[3] = blend_channel(sa, px[3], inv);
            }
        }
    }
}

/// `v / 255`, rounded, for `v` up to 255 × 255.
fn div255(v: u32) -> u32 {
    (v + 128 + ((v + 128) >> 8)) >> 8
}

/// `src + dst × inv / 255`, clamped to a byte.
fn blend_channel(src: u32, dst: u8, inv: u32) -> u8 {
    u8::try_from((src + div255(u32::from(dst) * inv)).min(255)).unwrap_or(255)
}

struct Outline(PathBuilder);

impl ttf_parser::OutlineBuilder for Outline {
    fn move_to(&mut self, x: f32, y: f32) {
        self.0.move_to(x, y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.0.line_to(x, y);
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        self.0.quad_to(x1, y1, x, y);
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.0.cubic_to(x1, y1, x2, y2, x, y);
    }
    fn close(&mut self) {
        self.0.close();
    }
}
