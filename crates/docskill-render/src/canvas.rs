//! The drawing surface: a pixmap, the glyph outline cache and the list of
//! elements that could not be drawn faithfully.

use std::collections::HashMap;

use tiny_skia::{FillRule, Paint, Path, PathBuilder, Pixmap, Shader, Stroke, Transform};

use crate::Skipped;
use crate::color::Rgba;
use crate::fonts::{FaceId, Fonts};

/// Glyph outlines in font units (y up), by face and glyph id.
pub type GlyphCache = HashMap<(FaceId, u16), Option<Path>>;

/// What is drawn on, and what is learnt while drawing.
pub struct Canvas<'c> {
    /// The pixels.
    pub pix: Pixmap,
    /// Glyph outlines, kept across slides.
    pub glyphs: &'c mut GlyphCache,
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
        self.glyphs
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
