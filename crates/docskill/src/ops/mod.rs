//! The one request model: every operation is a [`Request`] variant, and the
//! CLI, `docskill run`, batch jobs and the MCP server all call [`execute`].
//!
//! ```
//! use docskill::ops::{execute, Context, Request};
//! let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/opc/minimal.docx");
//! let req: Request = serde_json::from_value(serde_json::json!({"op": "opc.ls", "input": fixture})).unwrap();
//! let resp = execute(&req, &Context::default()).unwrap();
//! assert_eq!(resp.result["count"], 5);
//! ```

pub mod batch;
mod csv;
pub mod docx;
mod error;
pub mod fs;
mod opc;
pub mod pdf;
pub mod pdf_annotate;
pub mod pdf_batch;
pub mod pdf_forms;
pub mod pptx;
pub mod pptx_render;
mod schema;
pub mod skills;
mod xlsx;
mod xlsx_recalc;
mod xlsx_rows;

use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::{Deserialize, Serialize};

pub use error::{OpError, OpResult};
pub use opc::{OpcCat, OpcCheck, OpcLs, OpcPack, OpcUnpack};
pub use schema::{op_names, request_schema};
pub use xlsx::{ReadFormat, SpecSource, XlsxBuild, XlsxEdit, XlsxInfo, XlsxRead};
pub use xlsx_recalc::{XlsxEval, XlsxRecalc};

/// One operation, tagged by `"op"`. Unknown fields are rejected.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "op")]
pub enum Request {
    /// List the parts of a package.
    #[serde(rename = "opc.ls")]
    OpcLs(OpcLs),
    /// Print one part.
    #[serde(rename = "opc.cat")]
    OpcCat(OpcCat),
    /// Unpack a package into a folder, XML pretty-printed.
    #[serde(rename = "opc.unpack")]
    OpcUnpack(OpcUnpack),
    /// Pack a folder into a package, XML condensed.
    #[serde(rename = "opc.pack")]
    OpcPack(OpcPack),
    /// Check a package for structural problems.
    #[serde(rename = "opc.check")]
    OpcCheck(OpcCheck),
    /// The text of a Word document, with paragraph addresses.
    #[serde(rename = "docx.text")]
    DocxText(docx::DocxText),
    /// Edit a Word document with native tracked changes.
    #[serde(rename = "docx.edit")]
    DocxEdit(docx::DocxEdit),
    /// List the tracked changes of a Word document.
    #[serde(rename = "docx.changes")]
    DocxChanges(docx::DocxChanges),
    /// Accept tracked changes.
    #[serde(rename = "docx.accept")]
    DocxAccept(docx::DocxResolve),
    /// Reject tracked changes.
    #[serde(rename = "docx.reject")]
    DocxReject(docx::DocxResolve),
    /// Check a Word document for problems that make Word repair it.
    #[serde(rename = "docx.check")]
    DocxCheck(docx::DocxCheck),
    /// List comments and replies.
    #[serde(rename = "docx.comments")]
    DocxComments(docx::DocxComments),
    /// Add, reply to or resolve a comment.
    #[serde(rename = "docx.comment")]
    DocxComment(docx::DocxComment),
    /// Create a Word document from Markdown.
    #[serde(rename = "docx.create")]
    DocxCreate(docx::DocxCreate),
    /// Build a workbook from a JSON spec.
    #[serde(rename = "xlsx.build")]
    XlsxBuild(XlsxBuild),
    /// Edit an existing workbook in place (values, formulas, styles, sheets, layout, rules, names).
    #[serde(rename = "xlsx.edit")]
    XlsxEdit(xlsx::XlsxEdit),
    /// Describe a workbook: sheets, used ranges, defined names, tables, formula counts.
    #[serde(rename = "xlsx.info")]
    XlsxInfo(XlsxInfo),
    /// Read typed values (and formulas) of a sheet or range.
    #[serde(rename = "xlsx.read")]
    XlsxRead(XlsxRead),
    /// Compute every formula and write the values back; report errors, cycles, unsupported.
    #[serde(rename = "xlsx.recalc")]
    XlsxRecalc(XlsxRecalc),
    /// Evaluate one formula against a workbook.
    #[serde(rename = "xlsx.eval")]
    XlsxEval(XlsxEval),
    /// A deck's slides, layouts, shapes with effective formatting, and warnings.
    #[serde(rename = "pptx.inventory")]
    PptxInventory(pptx::PptxInventory),
    /// A deck's text per slide (Markdown or JSON).
    #[serde(rename = "pptx.text")]
    PptxText(pptx::PptxText),
    /// Replace the text of named shapes, keeping the template's look.
    #[serde(rename = "pptx.replace")]
    PptxReplace(pptx::PptxReplace),
    /// Keep, reorder and duplicate slides; add slides from layouts.
    #[serde(rename = "pptx.assemble")]
    PptxAssemble(pptx::PptxAssemble),
    /// A deck from an outline (JSON or Markdown) on a template, slides mapped to layouts by role.
    #[serde(rename = "pptx.build")]
    PptxBuild(pptx::PptxBuild),
    /// Slides as PNG images (`slide-N.png`), with what could not be drawn.
    #[serde(rename = "pptx.thumbnails")]
    PptxThumbnails(pptx_render::PptxThumbnails),
    /// A contact sheet of all slides, numbered, hidden slides marked.
    #[serde(rename = "pptx.grid")]
    PptxGrid(pptx_render::PptxGrid),
    /// A PDF's pages and sizes, version, encryption, metadata, fonts, form, tagging, images.
    #[serde(rename = "pdf.info")]
    PdfInfo(pdf::PdfInfo),
    /// A PDF's text: reading order, visual layout, Markdown, or words with positions (JSON).
    #[serde(rename = "pdf.text")]
    PdfText(pdf::PdfText),
    /// A PDF's tables (ruled and whitespace): cells with boxes, spans and text; JSON, CSV or Markdown.
    #[serde(rename = "pdf.tables")]
    PdfTables(pdf::PdfTables),
    /// Every form field of a PDF: name, type, page, position, value, options, flags.
    #[serde(rename = "pdf.fields")]
    PdfFields(pdf_forms::PdfFields),
    /// Fill PDF form fields with validated values and appearance streams; optionally flatten.
    #[serde(rename = "pdf.fill")]
    PdfFill(pdf_forms::PdfFill),
    /// Fill a form once per CSV or JSON Lines row, in parallel; bad rows reported and skipped.
    #[serde(rename = "pdf.fill_batch")]
    PdfFillBatch(pdf_batch::PdfFillBatch),
    /// Write text at boxes of pages (points or page-image pixels), as annotations or flattened.
    #[serde(rename = "pdf.annotate")]
    PdfAnnotate(pdf_annotate::PdfAnnotate),
    /// Merge PDFs in order (forms kept, clashing field names renamed, bookmarks chained).
    #[serde(rename = "pdf.merge")]
    PdfMerge(pdf_forms::PdfMerge),
    /// Split a PDF into page groups or single pages.
    #[serde(rename = "pdf.split")]
    PdfSplit(pdf_forms::PdfSplit),
    /// Keep only the given pages, in the given order.
    #[serde(rename = "pdf.select")]
    PdfSelect(pdf_forms::PdfPages),
    /// Remove the given pages.
    #[serde(rename = "pdf.delete")]
    PdfDelete(pdf_forms::PdfPages),
    /// Move the given pages to the front in the given order.
    #[serde(rename = "pdf.reorder")]
    PdfReorder(pdf_forms::PdfPages),
    /// Rotate pages clockwise by a multiple of 90 degrees.
    #[serde(rename = "pdf.rotate")]
    PdfRotate(pdf_forms::PdfRotate),
    /// The Agent Skills index: name and description of each.
    #[serde(rename = "skills.list")]
    SkillsList(skills::SkillsList),
    /// A skill's instructions or one of its reference files.
    #[serde(rename = "skills.show")]
    SkillsShow(skills::SkillsShow),
    /// Copy the skill folders where an agent looks for them.
    #[serde(rename = "skills.install")]
    SkillsInstall(skills::SkillsInstall),
    /// Check skill folders against the format rules and the CLI.
    #[serde(rename = "skills.lint")]
    SkillsLint(skills::SkillsLint),
}

impl Request {
    /// The operation name, as in `"op"`.
    pub fn op(&self) -> &'static str {
        match self {
            Self::OpcLs(_) => "opc.ls",
            Self::OpcCat(_) => "opc.cat",
            Self::OpcUnpack(_) => "opc.unpack",
            Self::OpcPack(_) => "opc.pack",
            Self::OpcCheck(_) => "opc.check",
            Self::DocxText(_) => "docx.text",
            Self::DocxEdit(_) => "docx.edit",
            Self::DocxChanges(_) => "docx.changes",
            Self::DocxAccept(_) => "docx.accept",
            Self::DocxReject(_) => "docx.reject",
            Self::DocxCheck(_) => "docx.check",
            Self::DocxComments(_) => "docx.comments",
            Self::DocxComment(_) => "docx.comment",
            Self::DocxCreate(_) => "docx.create",
            Self::XlsxBuild(_) => "xlsx.build",
            Self::XlsxInfo(_) => "xlsx.info",
            Self::XlsxRead(_) => "xlsx.read",
            Self::XlsxEdit(_) => "xlsx.edit",
            Self::XlsxRecalc(_) => "xlsx.recalc",
            Self::XlsxEval(_) => "xlsx.eval",
            Self::PptxInventory(_) => "pptx.inventory",
            Self::PptxText(_) => "pptx.text",
            Self::PptxReplace(_) => "pptx.replace",
            Self::PptxAssemble(_) => "pptx.assemble",
            Self::PptxBuild(_) => "pptx.build",
            Self::PptxThumbnails(_) => "pptx.thumbnails",
            Self::PptxGrid(_) => "pptx.grid",
            Self::PdfInfo(_) => "pdf.info",
            Self::PdfText(_) => "pdf.text",
            Self::PdfTables(_) => "pdf.tables",
            Self::PdfFields(_) => "pdf.fields",
            Self::PdfFill(_) => "pdf.fill",
            Self::PdfFillBatch(_) => "pdf.fill_batch",
            Self::PdfAnnotate(_) => "pdf.annotate",
            Self::PdfMerge(_) => "pdf.merge",
            Self::PdfSplit(_) => "pdf.split",
            Self::PdfSelect(_) => "pdf.select",
            Self::PdfDelete(_) => "pdf.delete",
            Self::PdfReorder(_) => "pdf.reorder",
            Self::PdfRotate(_) => "pdf.rotate",
            Self::SkillsList(_) => "skills.list",
            Self::SkillsShow(_) => "skills.show",
            Self::SkillsInstall(_) => "skills.install",
            Self::SkillsLint(_) => "skills.lint",
        }
    }

    /// Parse a request from JSON, turning serde's complaint into a `usage` error.
    ///
    /// # Errors
    /// `usage`, with the valid operation names as hint when `op` is unknown.
    pub fn from_json(json: &serde_json::Value) -> OpResult<Self> {
        serde_json::from_value(json.clone()).map_err(|e| {
            let mut err = OpError::new("usage", format!("invalid request: {e}"));
            if e.to_string().contains("unknown variant")
                || e.to_string().contains("missing field `op`")
            {
                err = err.hint(format!("valid operations: {}", op_names().join(", ")));
            } else if let Some(op) = json.get("op").and_then(|o| o.as_str()) {
                err = err.hint(format!("see the fields with `docskill schema {op}`"));
            }
            err
        })
    }
}

/// Optional overrides of the default safety limits (omitted fields keep their defaults).
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct LimitOverrides {
    /// Largest input file, in bytes (default 1 GiB).
    pub max_input_bytes: Option<u64>,
    /// Most zip entries (default 10,000).
    pub max_entries: Option<u64>,
    /// Most uncompressed bytes over all parts (default 1 GiB).
    pub max_total_uncompressed: Option<u64>,
    /// Largest part, uncompressed (default 512 MiB).
    pub max_part_size: Option<u64>,
    /// Highest compression ratio for parts over 1 MiB (default 250).
    pub max_compression_ratio: Option<u64>,
    /// Deepest XML nesting (default 256).
    pub max_xml_depth: Option<usize>,
}

impl LimitOverrides {
    /// The defaults with these overrides applied.
    pub fn resolve(&self) -> docskill_opc::Limits {
        let d = docskill_opc::Limits::default();
        docskill_opc::Limits {
            max_input_bytes: self.max_input_bytes.unwrap_or(d.max_input_bytes),
            max_entries: self.max_entries.unwrap_or(d.max_entries),
            max_total_uncompressed: self
                .max_total_uncompressed
                .unwrap_or(d.max_total_uncompressed),
            max_part_size: self.max_part_size.unwrap_or(d.max_part_size),
            max_compression_ratio: self
                .max_compression_ratio
                .unwrap_or(d.max_compression_ratio),
            max_xml_depth: self.max_xml_depth.unwrap_or(d.max_xml_depth),
            ..d
        }
    }
}

/// Parses a command line (`docskill ...` as words) the way the CLI would.
pub type CommandCheck = fn(&[String]) -> Result<(), String>;

/// Where and how requests run.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// Folder that relative paths are resolved against (default: the process's).
    pub cwd: Option<PathBuf>,
    /// Seconds since 1970 to use where a date is needed and the request gives none
    /// (from `SOURCE_DATE_EPOCH`); `None` leaves dates out.
    pub source_date_epoch: Option<i64>,
    /// Checks a `docskill ...` command line the way the CLI would parse it
    /// (`skills.lint` uses it; the CLI sets it).
    pub command_check: Option<CommandCheck>,
    /// When set, outputs are staged beside their destination and only moved
    /// into place by [`fs::Staging::commit`] (atomic request arrays).
    pub staging: Option<std::sync::Arc<fs::Staging>>,
}

impl Context {
    /// The context of a command-line run: `SOURCE_DATE_EPOCH` from the environment.
    pub fn from_env() -> Self {
        let source_date_epoch = std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|v| v.trim().parse().ok());
        Self {
            cwd: None,
            source_date_epoch,
            command_check: None,
            staging: None,
        }
    }

    /// Write an output file: atomically in place, or staged when this context stages.
    ///
    /// # Errors
    /// `io.write` when the folder is missing or not writable.
    pub fn write(&self, path: &Path, bytes: &[u8]) -> OpResult<OutputFile> {
        match &self.staging {
            Some(stage) => stage.write(path, bytes),
            None => fs::write_atomic(path, bytes),
        }
    }

    /// Write an output file produced a piece at a time, atomically or staged like
    /// [`Context::write`].
    ///
    /// # Errors
    /// `io.write`, and whatever `fill` returns (nothing is left behind).
    pub fn write_streamed(
        &self,
        path: &Path,
        fill: &mut dyn FnMut(&mut dyn std::io::Write) -> OpResult<()>,
    ) -> OpResult<OutputFile> {
        fs::write_streamed(path, self.staging.as_deref(), fill)
    }

    /// Resolve a path from a request.
    pub fn path(&self, p: &Path) -> PathBuf {
        match &self.cwd {
            Some(c) if p.is_relative() => c.join(p),
            _ => p.to_path_buf(),
        }
    }
}

/// A file an operation wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct OutputFile {
    /// Path as given in the request (resolved against the context folder).
    pub path: String,
    /// Size in bytes.
    pub bytes: u64,
    /// SHA-256 of the content, hex.
    pub sha256: String,
}

/// The answer to a request that ran.
#[derive(Debug, Clone, Serialize)]
pub struct Response {
    /// Always true here; failures are [`OpError`]s (see [`Response::failure`]).
    pub ok: bool,
    /// The operation.
    pub op: &'static str,
    /// docskill's version.
    pub version: &'static str,
    /// Wall time spent, in milliseconds.
    pub elapsed_ms: u64,
    /// Operation-specific result.
    pub result: serde_json::Value,
    /// Files written.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub outputs: Vec<OutputFile>,
    /// Things that did not stop the operation but that a careful user wants to know.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// Raw bytes for the CLI to print as they are (e.g. `opc cat`); not serialised.
    #[serde(skip)]
    pub payload: Option<Vec<u8>>,
}

impl Response {
    /// The JSON of a failed request.
    pub fn failure(op: Option<&str>, err: &OpError) -> serde_json::Value {
        serde_json::json!({
            "ok": false,
            "op": op,
            "version": VERSION,
            "error": err,
        })
    }
}

/// docskill's version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// What an operation hands back before timing is added.
#[derive(Debug, Default)]
pub(crate) struct Done {
    pub result: serde_json::Value,
    pub outputs: Vec<OutputFile>,
    pub warnings: Vec<String>,
    pub payload: Option<Vec<u8>>,
}

/// Run one request.
///
/// # Errors
/// An [`OpError`] with a stable code; nothing is written when it fails.
pub fn execute(req: &Request, ctx: &Context) -> OpResult<Response> {
    let start = Instant::now();
    let done = match req {
        Request::OpcLs(a) => opc::ls(a, ctx),
        Request::OpcCat(a) => opc::cat(a, ctx),
        Request::OpcUnpack(a) => opc::unpack(a, ctx),
        Request::OpcPack(a) => opc::pack(a, ctx),
        Request::OpcCheck(a) => opc::check(a, ctx),
        Request::DocxText(a) => docx::text(a, ctx),
        Request::DocxEdit(a) => docx::edit(a, ctx),
        Request::DocxChanges(a) => docx::changes(a, ctx),
        Request::DocxAccept(a) => docx::resolve(a, true, ctx),
        Request::DocxReject(a) => docx::resolve(a, false, ctx),
        Request::DocxCheck(a) => docx::check(a, ctx),
        Request::DocxComments(a) => docx::comments(a, ctx),
        Request::DocxComment(a) => docx::comment(a, ctx),
        Request::DocxCreate(a) => docx::create(a, ctx),
        Request::XlsxBuild(a) => xlsx::build(a, ctx),
        Request::XlsxInfo(a) => xlsx::info(a, ctx),
        Request::XlsxRead(a) => xlsx::read(a, ctx),
        Request::XlsxEdit(a) => xlsx::edit(a, ctx),
        Request::XlsxRecalc(a) => xlsx_recalc::recalc(a, ctx),
        Request::XlsxEval(a) => xlsx_recalc::eval(a, ctx),
        Request::PptxInventory(a) => pptx::inventory(a, ctx),
        Request::PptxText(a) => pptx::text(a, ctx),
        Request::PptxReplace(a) => pptx::replace(a, ctx),
        Request::PptxAssemble(a) => pptx::assemble(a, ctx),
        Request::PptxBuild(a) => pptx::build(a, ctx),
        Request::PptxThumbnails(a) => pptx_render::thumbnails(a, ctx),
        Request::PptxGrid(a) => pptx_render::grid(a, ctx),
        Request::PdfInfo(a) => pdf::info(a, ctx),
        Request::PdfText(a) => pdf::text(a, ctx),
        Request::PdfTables(a) => pdf::tables(a, ctx),
        Request::PdfFields(a) => pdf_forms::fields(a, ctx),
        Request::PdfFill(a) => pdf_forms::fill(a, ctx),
        Request::PdfFillBatch(a) => pdf_batch::fill_batch(a, ctx),
        Request::PdfAnnotate(a) => pdf_annotate::annotate(a, ctx),
        Request::PdfMerge(a) => pdf_forms::merge(a, ctx),
        Request::PdfSplit(a) => pdf_forms::split(a, ctx),
        Request::PdfSelect(a) => pdf_forms::pages(a, pdf_forms::PageOp::Select, ctx),
        Request::PdfDelete(a) => pdf_forms::pages(a, pdf_forms::PageOp::Delete, ctx),
        Request::PdfReorder(a) => pdf_forms::pages(a, pdf_forms::PageOp::Reorder, ctx),
        Request::PdfRotate(a) => pdf_forms::rotate(a, ctx),
        Request::SkillsList(a) => skills::list(a, ctx),
        Request::SkillsShow(a) => skills::show(a, ctx),
        Request::SkillsInstall(a) => skills::install(a, ctx),
        Request::SkillsLint(a) => skills::lint(a, ctx),
    };
    let elapsed_ms = u64::try_from(start.elapsed().as_millis()).unwrap_or(u64::MAX);
    let done = match done {
        Ok(d) => {
            tracing::info!(
                op = req.op(),
                elapsed_ms,
                outputs = d.outputs.len(),
                warnings = d.warnings.len(),
                "done"
            );
            d
        }
        Err(e) => {
            tracing::warn!(op = req.op(), elapsed_ms, code = %e.code, error = %e.message, "failed");
            return Err(e);
        }
    };
    Ok(Response {
        ok: true,
        op: req.op(),
        version: VERSION,
        elapsed_ms: u64::try_from(start.elapsed().as_millis()).unwrap_or(u64::MAX),
        result: done.result,
        outputs: done.outputs,
        warnings: done.warnings,
        payload: done.payload,
    })
}
