//! `pptx.thumbnails` and `pptx.grid`: slides as PNG images, drawn by `docskill-render`.

use std::path::{Path, PathBuf};

use docskill_render::{GridOptions, Renderer};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::fs::read_input;
use super::pptx::pptx_error;
use super::{Context, Done, LimitOverrides, OpError, OpResult};

fn is_default<T: Default + PartialEq>(v: &T) -> bool {
    *v == T::default()
}

fn default_width() -> u32 {
    480
}

fn default_grid_width() -> u32 {
    320
}

fn default_cols() -> u32 {
    4
}

fn default_rows() -> u32 {
    6
}

/// `pptx.thumbnails`: one PNG per slide (`slide-N.png`, N from 1) in a folder.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PptxThumbnails {
    /// The deck.
    pub input: PathBuf,
    /// The folder to write `slide-N.png` into (created when missing).
    pub output: PathBuf,
    /// Image width in pixels; the height follows the slide's proportions. Default 480.
    #[serde(default = "default_width")]
    pub width: u32,
    /// Slides to draw, numbered from 1: `"1,3-5"` (default: all).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slides: Option<String>,
    /// Override the safety limits for this request.
    #[serde(default, skip_serializing_if = "is_default")]
    pub limits: LimitOverrides,
}

/// `pptx.grid`: a contact sheet of all slides, labelled with their numbers, hidden slides marked.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PptxGrid {
    /// The deck.
    pub input: PathBuf,
    /// The PNG to write; decks with more than `cols` × `rows` slides also get `NAME-2.png`, `NAME-3.png`...
    pub output: PathBuf,
    /// Tiles per row. Default 4.
    #[serde(default = "default_cols")]
    pub cols: u32,
    /// Rows per sheet. Default 6.
    #[serde(default = "default_rows")]
    pub rows: u32,
    /// Tile width in pixels. Default 320.
    #[serde(default = "default_grid_width")]
    pub width: u32,
    /// Override the safety limits for this request.
    #[serde(default, skip_serializing_if = "is_default")]
    pub limits: LimitOverrides,
}

/// Map a renderer error to a stable code.
fn render_error(e: docskill_render::Error, what: &str) -> OpError {
    use docskill_render::Error as E;
    let msg = format!("{what}: {e}");
    match e {
        E::Pptx(p) => pptx_error(p, what),
        E::NoSuchSlide { count, .. } => OpError::new("render.no_such_slide", msg)
            .hint(format!("slides are numbered 1 to {count}")),
        E::TooLarge { .. } => OpError::new("render.too_large", msg)
            .hint("ask for a smaller --width (or fewer --cols)"),
        E::BadOption(_) => OpError::new("usage", msg),
        _ => OpError::new("render.error", msg),
    }
}

/// Parse `"1,3-5"` (1-based, inclusive) into 0-based indexes, in order given.
fn parse_slides(spec: &str, count: usize) -> OpResult<Vec<usize>> {
    let bad =
        |m: String| OpError::new("usage", m).hint("slides are numbered from 1: --slides 1,3-5");
    let mut out = Vec::new();
    for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (a, b) = part.split_once('-').unwrap_or((part, part));
        let num = |s: &str| -> OpResult<usize> {
            s.trim()
                .parse::<usize>()
                .ok()
                .filter(|n| *n >= 1)
                .ok_or_else(|| bad(format!("{part:?} is not a slide number or range")))
        };
        let (a, b) = (num(a)?, num(b)?);
        if a > b {
            return Err(bad(format!("range {part:?} runs backwards")));
        }
        if b > count {
            return Err(OpError::new(
                "render.no_such_slide",
                format!("slide {b} does not exist (the deck has {count} slides)"),
            )
            .hint(format!("slides are numbered 1 to {count}")));
        }
        out.extend((a - 1)..b);
    }
    if out.is_empty() {
        return Err(bad(format!("{spec:?} names no slides")));
    }
    Ok(out)
}

fn open(input: &Path, limits: &LimitOverrides, ctx: &Context) -> OpResult<Renderer> {
    let limits = limits.resolve();
    let bytes = read_input(&ctx.path(input), limits.max_input_bytes)?;
    Renderer::open(bytes, &limits).map_err(|e| render_error(e, &input.display().to_string()))
}

fn skipped_json(slide: usize, s: &[docskill_render::Skipped]) -> Vec<serde_json::Value> {
    s.iter()
        .map(|k| json!({ "slide": slide + 1, "shape": k.shape, "element": k.element, "reason": k.reason }))
        .collect()
}

pub(crate) fn thumbnails(a: &PptxThumbnails, ctx: &Context) -> OpResult<Done> {
    let what = a.input.display().to_string();
    let mut r = open(&a.input, &a.limits, ctx)?;
    let order = match &a.slides {
        Some(spec) => parse_slides(spec, r.slide_count())?,
        None => (0..r.slide_count()).collect(),
    };
    let dir = ctx.path(&a.output);
    std::fs::create_dir_all(&dir)
        .map_err(|e| super::fs::io_error("io.write", "create folder", &dir, &e))?;
    let mut outputs = Vec::new();
    let mut slides = Vec::new();
    let mut skipped = Vec::new();
    for i in order {
        let s = r.render(i, a.width).map_err(|e| render_error(e, &what))?;
        let png = s.png().map_err(|e| render_error(e, &what))?;
        let written = ctx.write(&dir.join(format!("slide-{}.png", i + 1)), &png)?;
        skipped.extend(skipped_json(i, &s.skipped));
        slides.push(json!({
            "slide": i + 1,
            "file": written.path,
            "width": s.width,
            "height": s.height,
            "hidden": s.hidden,
        }));
        outputs.push(written);
    }
    Ok(Done {
        result: json!({ "slides": slides, "skipped": skipped }),
        outputs,
        warnings: Vec::new(),
        payload: None,
    })
}

pub(crate) fn grid(a: &PptxGrid, ctx: &Context) -> OpResult<Done> {
    let what = a.input.display().to_string();
    let mut r = open(&a.input, &a.limits, ctx)?;
    if r.slide_count() == 0 {
        return Err(OpError::new(
            "render.no_slides",
            format!("{what}: the deck has no slides"),
        ));
    }
    let mut tiles = Vec::new();
    let mut skipped = Vec::new();
    for i in 0..r.slide_count() {
        let s = r.render(i, a.width).map_err(|e| render_error(e, &what))?;
        skipped.extend(skipped_json(i, &s.skipped));
        tiles.push(s);
    }
    let opts = GridOptions {
        cols: a.cols,
        rows: a.rows,
    };
    let sheets = docskill_render::grid(&tiles, &opts).map_err(|e| render_error(e, &what))?;
    let out = ctx.path(&a.output);
    let mut outputs = Vec::new();
    for (n, png) in sheets.iter().enumerate() {
        let path = if n == 0 {
            out.clone()
        } else {
            numbered(&out, n + 1)
        };
        outputs.push(ctx.write(&path, png)?);
    }
    let files: Vec<&str> = outputs.iter().map(|o| o.path.as_str()).collect();
    let hidden: Vec<usize> = tiles
        .iter()
        .filter(|t| t.hidden)
        .map(|t| t.index + 1)
        .collect();
    Ok(Done {
        result: json!({ "sheets": files, "slides": tiles.len(), "hidden": hidden, "skipped": skipped }),
        outputs,
        warnings: Vec::new(),
        payload: None,
    })
}

/// `grid.png` → `grid-2.png`.
fn numbered(p: &Path, n: usize) -> PathBuf {
    let stem = p
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ext = p
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    p.with_file_name(format!("{stem}-{n}{ext}"))
}

#[cfg(test)]
mod tests {
    use super::parse_slides;

    #[test]
    fn slide_specs() {
        assert_eq!(parse_slides("1,3-5", 6).ok(), Some(vec![0, 2, 3, 4]));
        assert_eq!(parse_slides("2", 2).ok(), Some(vec![1]));
        assert_eq!(
            parse_slides("7", 6).err().map(|e| e.code),
            Some("render.no_such_slide".to_owned())
        );
        assert!(parse_slides("0", 6).is_err());
        assert!(parse_slides("4-2", 6).is_err());
        assert!(parse_slides("x", 6).is_err());
    }
}
