//! `pptx.*`: inventory, text, text replacement and slide assembly.

use std::path::{Path, PathBuf};

use docskill_pptx::{LayoutChoice, Pptx, Replacements};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::fs::{guard_input, read_input};
use super::{Context, Done, LimitOverrides, OpError, OpResult};

fn is_default<T: Default + PartialEq>(v: &T) -> bool {
    *v == T::default()
}

/// `pptx.inventory`: slides, layouts, shapes with effective formatting, and warnings.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PptxInventory {
    /// The deck or template (.pptx, .potx).
    pub input: PathBuf,
    /// Only the warnings (overflow, off-slide, overlap, leftover placeholder text).
    #[serde(default)]
    pub issues_only: bool,
    /// Override the safety limits for this request.
    #[serde(default, skip_serializing_if = "is_default")]
    pub limits: LimitOverrides,
}

/// Format of `pptx.text`.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum PptxTextFormat {
    /// Markdown: a heading per slide, bullets by level, tables, notes.
    #[default]
    Md,
    /// Structured per slide.
    Json,
}

/// `pptx.text`: titles, bullets with levels, tables and notes, per slide.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PptxText {
    /// The deck.
    pub input: PathBuf,
    /// `md` (default) or `json`.
    #[serde(default)]
    pub format: PptxTextFormat,
    /// Override the safety limits for this request.
    #[serde(default, skip_serializing_if = "is_default")]
    pub limits: LimitOverrides,
}

/// `pptx.replace`: new text for named shapes, keeping the template's formatting.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PptxReplace {
    /// The deck.
    pub input: PathBuf,
    /// Where to write the result (required unless `in_place`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<PathBuf>,
    /// Replace the input file.
    #[serde(default)]
    pub in_place: bool,
    /// `{"slide-0": {"Title 1": {"paragraphs": [{"text": "Q3", "bold": true}]}}, "clear_unlisted": false}`.
    pub replacements: serde_json::Value,
    /// Override the safety limits for this request.
    #[serde(default, skip_serializing_if = "is_default")]
    pub limits: LimitOverrides,
}

/// `pptx.assemble`: keep, reorder and duplicate slides, add slides from layouts.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PptxAssemble {
    /// The template or deck.
    pub input: PathBuf,
    /// The deck to write.
    pub output: PathBuf,
    /// Slide indexes (from 0) in the new order; repeats duplicate (default: all, in order).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slides: Option<Vec<usize>>,
    /// Layouts (name or index) to append a slide from, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub add_layout: Vec<String>,
    /// Override the safety limits for this request.
    #[serde(default, skip_serializing_if = "is_default")]
    pub limits: LimitOverrides,
}

/// Map a PPTX error to a stable code.
pub(super) fn pptx_error(e: docskill_pptx::Error, what: &str) -> OpError {
    use docskill_pptx::Error as E;
    let msg = format!("{what}: {e}");
    match e {
        E::Package(p) => OpError::from_opc(p, what),
        E::NotPresentation => OpError::new("pptx.not_presentation", msg),
        E::NoSuchSlide { count, .. } => OpError::new("pptx.no_such_slide", msg).hint(format!(
            "slides are numbered 0 to {}",
            count.saturating_sub(1)
        )),
        E::NoSuchShape { ref available, .. } => {
            let list: Vec<String> = available
                .iter()
                .map(|(id, n)| format!("{id} {n:?}"))
                .collect();
            OpError::new("pptx.no_such_shape", msg)
                .hint(format!("text shapes there: {}", list.join(", ")))
                .details(json!({ "available": available.iter().map(|(id, n)| json!({"id": id, "name": n})).collect::<Vec<_>>() }))
        }
        E::WrongShape { .. } => OpError::new("pptx.wrong_shape", msg),
        E::NoSuchLayout { ref available, .. } => OpError::new("pptx.no_such_layout", msg)
            .hint(format!("layouts: {}", available.join(", "))),
        E::InvalidInput(_) => OpError::new("pptx.invalid_input", msg),
        _ => OpError::new("pptx.error", msg),
    }
}

fn open(input: &Path, limits: &LimitOverrides, ctx: &Context) -> OpResult<Pptx> {
    let limits = limits.resolve();
    let bytes = read_input(&ctx.path(input), limits.max_input_bytes)?;
    Pptx::open(bytes, &limits).map_err(|e| pptx_error(e, &input.display().to_string()))
}

fn to_json<T: Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).unwrap_or_default()
}

pub(crate) fn inventory(a: &PptxInventory, ctx: &Context) -> OpResult<Done> {
    let deck = open(&a.input, &a.limits, ctx)?;
    let inv = deck
        .inventory()
        .map_err(|e| pptx_error(e, &a.input.display().to_string()))?;
    let result = if a.issues_only {
        json!({ "issues": to_json(&inv.issues()) })
    } else {
        to_json(&inv)
    };
    Ok(Done {
        result,
        ..Done::default()
    })
}

pub(crate) fn text(a: &PptxText, ctx: &Context) -> OpResult<Done> {
    let deck = open(&a.input, &a.limits, ctx)?;
    let inv = deck
        .inventory()
        .map_err(|e| pptx_error(e, &a.input.display().to_string()))?;
    let texts = docskill_pptx::slide_texts(&inv);
    Ok(match a.format {
        PptxTextFormat::Md => {
            let md = docskill_pptx::markdown(&texts);
            Done {
                result: json!({ "markdown": md }),
                payload: Some(md.into_bytes()),
                ..Done::default()
            }
        }
        PptxTextFormat::Json => Done {
            result: json!({ "slides": to_json(&texts) }),
            ..Done::default()
        },
    })
}

pub(crate) fn replace(a: &PptxReplace, ctx: &Context) -> OpResult<Done> {
    let out = match (&a.output, a.in_place) {
        (Some(o), _) => ctx.path(o),
        (None, true) => ctx.path(&a.input),
        (None, false) => {
            return Err(OpError::new("usage", "no output given")
                .hint("pass -o OUT.pptx, or --in-place to replace the input"));
        }
    };
    guard_input(&ctx.path(&a.input), &out, a.in_place)?;
    let repl =
        Replacements::from_json(&a.replacements).map_err(|e| pptx_error(e, "replacements"))?;
    let mut deck = open(&a.input, &a.limits, ctx)?;
    let report = deck
        .replace(&repl)
        .map_err(|e| pptx_error(e, &a.input.display().to_string()))?;
    let bytes = deck
        .to_bytes()
        .map_err(|e| pptx_error(e, &out.display().to_string()))?;
    let written = ctx.write(&out, &bytes)?;
    let warnings = report
        .issues
        .iter()
        .map(|i| to_json(i).to_string())
        .collect();
    Ok(Done {
        result: to_json(&report),
        outputs: vec![written],
        warnings,
        payload: None,
    })
}

pub(crate) fn assemble(a: &PptxAssemble, ctx: &Context) -> OpResult<Done> {
    let out = ctx.path(&a.output);
    guard_input(&ctx.path(&a.input), &out, false)?;
    let mut deck = open(&a.input, &a.limits, ctx)?;
    let order: Vec<usize> = a
        .slides
        .clone()
        .unwrap_or_else(|| (0..deck.slide_count()).collect());
    let add: Vec<LayoutChoice> = a
        .add_layout
        .iter()
        .map(|s| LayoutChoice::parse(s))
        .collect();
    let report = deck
        .assemble(&order, &add)
        .map_err(|e| pptx_error(e, &a.input.display().to_string()))?;
    let bytes = deck
        .to_bytes()
        .map_err(|e| pptx_error(e, &out.display().to_string()))?;
    let problems = docskill_opc::check(deck.package());
    let written = ctx.write(&out, &bytes)?;
    let mut warnings = report.warnings.clone();
    warnings.extend(problems.iter().map(|p| format!("opc check: {p:?}")));
    Ok(Done {
        result: to_json(&report),
        outputs: vec![written],
        warnings,
        payload: None,
    })
}

/// Look of the built-in templates of `pptx.build`.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum PptxStyle {
    /// White with a blue accent, Calibri (the default).
    #[default]
    Light,
    /// Navy with a sky-blue accent, Arial.
    Dark,
}

/// `pptx.build`: a deck from an outline on a template, slides mapped to layouts by role.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PptxBuild {
    /// An outline file: `.json` (schema: the `outline` field), else Markdown
    /// (`# Title`, `## Slide`, bullets, `|||` columns, `![caption](img.png)`,
    /// pipe tables, `> quote`, `Notes:`). Image paths are relative to its folder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input: Option<PathBuf>,
    /// The outline itself, instead of `input` (image paths relative to the working folder).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outline: Option<docskill_pptx::build::Outline>,
    /// Markdown, instead of `input` (image paths relative to the working folder).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub markdown: Option<String>,
    /// The deck to write.
    pub output: PathBuf,
    /// A .pptx or .potx whose layouts, theme and masters to use (its slides are dropped).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<PathBuf>,
    /// The built-in look when no template is given.
    #[serde(default, skip_serializing_if = "is_default")]
    pub style: PptxStyle,
    /// Override the safety limits for this request.
    #[serde(default, skip_serializing_if = "is_default")]
    pub limits: LimitOverrides,
}

pub(crate) fn build(a: &PptxBuild, ctx: &Context) -> OpResult<Done> {
    use docskill_pptx::build::{self as b, Outline};
    let limits = a.limits.resolve();
    let here = ctx.path(Path::new("."));
    let mut warnings = Vec::new();
    let (outline, base): (Outline, PathBuf) = match (&a.input, &a.outline, &a.markdown) {
        (Some(path), None, None) => {
            let p = ctx.path(path);
            let bytes = read_input(&p, limits.max_input_bytes)?;
            let base = p.parent().map(Path::to_path_buf).unwrap_or_default();
            if p.extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("json"))
            {
                let o = Outline::from_json(&bytes)
                    .map_err(|e| pptx_error(e, &path.display().to_string()))?;
                (o, base)
            } else {
                let text = String::from_utf8(bytes).map_err(|_| {
                    OpError::new("usage", format!("{} is not UTF-8 text", path.display()))
                })?;
                let (o, w) = b::parse_markdown(&text);
                warnings.extend(w);
                (o, base)
            }
        }
        (None, Some(o), None) => (o.clone(), here),
        (None, None, Some(md)) => {
            let (o, w) = b::parse_markdown(md);
            warnings.extend(w);
            (o, here)
        }
        _ => {
            return Err(OpError::new(
                "usage",
                "give exactly one of input (a .json or Markdown outline file), outline and markdown",
            ));
        }
    };
    if outline.slides.is_empty() {
        return Err(OpError::new("pptx.invalid_input", "the outline has no slides")
            .hint("a Markdown outline starts slides with # or ## headings; JSON has \"slides\": [...]"));
    }
    let mut images = std::collections::BTreeMap::new();
    for src in outline.image_paths() {
        let p = Path::new(&src);
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            base.join(p)
        };
        let bytes = read_input(&p, limits.max_part_size)?;
        images.insert(src, bytes);
    }
    let template = match &a.template {
        Some(t) => read_input(&ctx.path(t), limits.max_input_bytes)?,
        None => match a.style {
            PptxStyle::Light => b::TEMPLATE_LIGHT.to_vec(),
            PptxStyle::Dark => b::TEMPLATE_DARK.to_vec(),
        },
    };
    let what = a
        .template
        .as_ref()
        .map_or_else(|| "template".to_owned(), |t| t.display().to_string());
    let (bytes, report) =
        b::build(&outline, &template, &images, &limits).map_err(|e| pptx_error(e, &what))?;
    let out = ctx.path(&a.output);
    let problems = Pptx::open(bytes.clone(), &limits)
        .map(|d| docskill_opc::check(d.package()))
        .unwrap_or_default();
    let written = ctx.write(&out, &bytes)?;
    warnings.extend(report.warnings.iter().cloned());
    warnings.extend(problems.iter().map(|p| format!("opc check: {p:?}")));
    warnings.extend(report.issues.iter().map(|i| to_json(i).to_string()));
    Ok(Done {
        result: to_json(&report),
        outputs: vec![written],
        warnings,
        payload: None,
    })
}
