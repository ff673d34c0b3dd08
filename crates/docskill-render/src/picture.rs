//! Raster images: PNG and JPEG decoding into premultiplied pixmaps, bounded.

use tiny_skia::{IntSize, Pixmap};
use zune_jpeg::JpegDecoder;
use zune_jpeg::zune_core::colorspace::ColorSpace;
use zune_jpeg::zune_core::options::DecoderOptions;

/// Largest image decoded, in pixels (bigger ones are drawn as a neutral box).
pub const MAX_IMAGE_PIXELS: u64 = 40_000_000;

/// Why an image was not decoded.
pub enum NotDecoded {
    /// A format this renderer does not draw (EMF, WMF, SVG, GIF, TIFF...).
    Format(&'static str),
    /// Corrupt or too large.
    Bad(String),
}

/// Decode PNG or JPEG bytes.
pub fn decode(bytes: &[u8]) -> Result<Pixmap, NotDecoded> {
    if bytes.starts_with(b"\x89PNG") {
        if let Some((w, h, _, _)) = docskill_opc::image_info(bytes)
            && u64::from(w) * u64::from(h) > MAX_IMAGE_PIXELS
        {
            return Err(NotDecoded::Bad(format!(
                "PNG of {w}×{h} pixels is too large"
            )));
        }
        return Pixmap::decode_png(bytes).map_err(|e| NotDecoded::Bad(format!("PNG: {e}")));
    }
    if bytes.starts_with(&[0xFF, 0xD8]) {
        let mut d = JpegDecoder::new_with_options(
            bytes,
            DecoderOptions::new_safe()
                .jpeg_set_out_colorspace(ColorSpace::RGBA)
                .set_max_width(20_000)
                .set_max_height(20_000),
        );
        d.decode_headers()
            .map_err(|e| NotDecoded::Bad(format!("JPEG: {e:?}")))?;
        let (w, h) = d
            .dimensions()
            .ok_or_else(|| NotDecoded::Bad("JPEG without size".into()))?;
        if (w as u64) * (h as u64) > MAX_IMAGE_PIXELS {
            return Err(NotDecoded::Bad(format!(
                "JPEG of {w}×{h} pixels is too large"
            )));
        }
        let data = d
            .decode()
            .map_err(|e| NotDecoded::Bad(format!("JPEG: {e:?}")))?;
        let size = IntSize::from_wh(u32::try_from(w).unwrap_or(0), u32::try_from(h).unwrap_or(0))
            .ok_or_else(|| NotDecoded::Bad("JPEG of zero size".into()))?;
        if data.len() != w * h * 4 {
            return Err(NotDecoded::Bad("JPEG decoded to an unexpected size".into()));
        }
        return Pixmap::from_vec(data, size).ok_or_else(|| NotDecoded::Bad("JPEG pixels".into()));
    }
    Err(NotDecoded::Format(sniff(bytes)))
}

fn sniff(b: &[u8]) -> &'static str {
    if b.starts_with(b"GIF8") {
        "GIF"
    } else if b.get(40..44) == Some(b" EMF") {
        "EMF"
    } else if b.starts_with(&[0xD7, 0xCD, 0xC6, 0x9A]) || b.starts_with(&[1, 0, 9, 0]) {
        "WMF"
    } else if b.starts_with(b"II*\0") || b.starts_with(b"MM\0*") {
        "TIFF"
    } else if b.starts_with(b"<") || b.starts_with(b"\xEF\xBB\xBF<") {
        "SVG"
    } else if b.starts_with(b"BM") {
        "BMP"
    } else {
        "unknown"
    }
}

/// Halve the image (box filter) while it is more than twice as large as `target_w` × `target_h`,
/// so that bilinear sampling does not alias.
pub fn reduce(mut img: Pixmap, target_w: f64, target_h: f64) -> Pixmap {
    while f64::from(img.width()) > 2.0 * target_w.max(1.0)
        && f64::from(img.height()) > 2.0 * target_h.max(1.0)
    {
        let (w, h) = (img.width() / 2, img.height() / 2);
        let Some(mut out) = Pixmap::new(w.max(1), h.max(1)) else {
            return img;
        };
        let src = img.data();
        let sw = img.width() as usize;
        let dst = out.data_mut();
        for y in 0..h as usize {
            for x in 0..w as usize {
                for c in 0..4 {
                    let at = |dx: usize, dy: usize| {
                        u32::from(src[((2 * y + dy) * sw + 2 * x + dx) * 4 + c])
                    };
                    let v = (at(0, 0) + at(1, 0) + at(0, 1) + at(1, 1) + 2) / 4;
                    dst[(y * w as usize + x) * 4 + c] = u8::try_from(v).unwrap_or(255);
                }
            }
        }
        img = out;
    }
    img
}
