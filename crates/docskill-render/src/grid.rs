//! Contact sheets: slides as tiles with their numbers, hidden slides marked.

use tiny_skia::{Pixmap, PixmapPaint, Transform};

use crate::canvas::{Caches, Canvas};
use crate::color::Rgba;
use crate::text::{label, label_width};
use crate::{Error, MAX_PIXELS, Result, Slide};

/// How a contact sheet is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GridOptions {
    /// Tiles per row. Default 4.
    pub cols: u32,
    /// Rows per sheet; more slides start another sheet. Default 6.
    pub rows: u32,
}

impl Default for GridOptions {
    fn default() -> Self {
        Self { cols: 4, rows: 6 }
    }
}

const GAP: u32 = 12;
const LABEL: u32 = 22;

/// Lay rendered slides (all the same size) out as contact sheets, PNG bytes per sheet.
///
/// # Errors
/// [`Error::BadOption`] for zero columns or rows or no slides; [`Error::TooLarge`]
/// past [`MAX_PIXELS`]; [`Error::Encode`] when PNG encoding fails.
pub fn grid(slides: &[Slide], opts: &GridOptions) -> Result<Vec<Vec<u8>>> {
    if opts.cols == 0 || opts.rows == 0 {
        return Err(Error::BadOption("cols and rows must be at least 1".into()));
    }
    let Some(first) = slides.first() else {
        return Err(Error::BadOption("no slides to lay out".into()));
    };
    let (tw, th) = (first.width, first.height);
    let per = (opts.cols * opts.rows) as usize;
    let mut caches = Caches::default();
    let mut out = Vec::new();
    for chunk in slides.chunks(per) {
        let n = u32::try_from(chunk.len()).unwrap_or(u32::MAX);
        let cols = n.min(opts.cols);
        let rows = n.div_ceil(opts.cols);
        let w = cols * (tw + GAP) + GAP;
        let h = rows * (th + LABEL + GAP) + GAP;
        if u64::from(w) * u64::from(h) > MAX_PIXELS {
            return Err(Error::TooLarge {
                width: w,
                height: h,
                limit: MAX_PIXELS,
            });
        }
        let mut pix = Pixmap::new(w, h).ok_or(Error::TooLarge {
            width: w,
            height: h,
            limit: MAX_PIXELS,
        })?;
        pix.fill(tiny_skia::Color::from_rgba8(0xF2, 0xF2, 0xF2, 0xFF));
        let mut cv = Canvas {
            pix,
            caches: &mut caches,
            skipped: Vec::new(),
            shape: String::new(),
        };
        for (i, s) in chunk.iter().enumerate() {
            let i = u32::try_from(i).unwrap_or(0);
            let (c, r) = (i % opts.cols, i / opts.cols);
            let x = GAP + c * (tw + GAP);
            let y = GAP + r * (th + LABEL + GAP);
            let (xi, yi) = (i32::try_from(x).unwrap_or(0), i32::try_from(y).unwrap_or(0));
            // A thin frame, then the slide.
            cv.rect(
                f(x) - 1.0,
                f(y) - 1.0,
                f(s.width) + 2.0,
                f(s.height) + 2.0,
                Rgba::rgb8(0xBF, 0xBF, 0xBF),
                Transform::identity(),
            );
            blit(&mut cv.pix, xi, yi, s.pixmap());
            let mut text = (s.index + 1).to_string();
            if s.hidden {
                text.push_str("  hidden");
                // Grey veil and a diagonal band over hidden slides.
                cv.rect(
                    f(x),
                    f(y),
                    f(s.width),
                    f(s.height),
                    Rgba {
                        a: 0.55,
                        ..Rgba::rgb8(0xF2, 0xF2, 0xF2)
                    },
                    Transform::identity(),
                );
            }
            let size = 13.0;
            let lw = label_width(&mut cv, &text, size, true);
            let lx = f64::from(x) + (f64::from(s.width) - lw) / 2.0;
            let color = if s.hidden {
                Rgba::rgb8(0xC0, 0x39, 0x2B)
            } else {
                Rgba::rgb8(0x33, 0x33, 0x33)
            };
            label(
                &mut cv,
                &text,
                lx,
                f64::from(y + s.height) + 16.0,
                size,
                color,
                true,
                Transform::identity(),
            );
        }
        out.push(crate::encode_png(&cv.pix)?);
    }
    Ok(out)
}

#[expect(clippy::cast_precision_loss, reason = "pixel counts are small")]
fn f(v: u32) -> f32 {
    v as f32
}

/// Draw `src` with its top-left corner at (`x`, `y`): opaque slides are copied row by row,
/// anything with transparency goes through source-over compositing.
fn blit(dst: &mut Pixmap, x: i32, y: i32, src: &Pixmap) {
    let opaque = src.data().chunks_exact(4).all(|p| p[3] == 0xFF);
    let (Ok(ux), Ok(uy)) = (usize::try_from(x), usize::try_from(y)) else {
        return;
    };
    let (dw, dh) = (dst.width() as usize, dst.height() as usize);
    let (sw, sh) = (src.width() as usize, src.height() as usize);
    if !opaque || ux + sw > dw || uy + sh > dh {
        dst.draw_pixmap(
            x,
            y,
            src.as_ref(),
            &PixmapPaint::default(),
            Transform::identity(),
            None,
        );
        return;
    }
    let data = dst.data_mut();
    for (r, row) in src.data().chunks_exact(sw * 4).enumerate() {
        let at = ((uy + r) * dw + ux) * 4;
        data[at..at + sw * 4].copy_from_slice(row);
    }
}
