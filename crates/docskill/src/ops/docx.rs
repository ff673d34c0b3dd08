//! `docx.*` operations: read Word documents, edit them with tracked changes, review revisions.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use docskill_docx::{ChangeView, Docx, Edit, Occurrence, Revision, Selection};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::fs::{guard_input, read_input};
use super::{Context, Done, LimitOverrides, OpError, OpResult};

/// Which revision view to show.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Changes {
    /// Every revision accepted (the text as it will read).
    #[default]
    Accept,
    /// Every revision rejected (the original text).
    Reject,
    /// Both, in CriticMarkup: `{++inserted++}`, `{--deleted--}`.
    All,
}

/// Output format of `docx.text`.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum TextFormat {
    /// One line per paragraph; other parts under a `[part]` line.
    #[default]
    Text,
    /// Every paragraph with its address and style.
    Json,
    /// The body as Markdown: headings, nested lists, pipe tables, links, images, notes.
    Md,
}

/// A group of story parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum PartKind {
    /// The main text, tables included.
    Body,
    /// Headers.
    Headers,
    /// Footers.
    Footers,
    /// Footnotes and endnotes.
    Notes,
    /// Comments.
    Comments,
}

/// `docx.text`: the text of a Word document, every paragraph with a stable address.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocxText {
    /// The document (.docx, .docm, .dotx).
    pub input: PathBuf,
    /// Revision view: accept (default), reject or all (CriticMarkup).
    #[serde(default)]
    pub changes: Changes,
    /// text (default), json (with addresses) or md (the body as Markdown).
    #[serde(default)]
    pub format: TextFormat,
    /// Which parts (default: all).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parts: Option<Vec<PartKind>>,
    /// Override the safety limits for this request.
    #[serde(default, skip_serializing_if = "is_default")]
    pub limits: LimitOverrides,
}

/// Which match of the text an edit applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum OccurrenceSpec {
    /// `first`, `last` or `all`.
    Word(OccurrenceWord),
    /// The n-th match (1-based), in reading order.
    Nth(usize),
}

/// `first`, `last` or `all`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum OccurrenceWord {
    /// The first match.
    First,
    /// The last match.
    Last,
    /// Every match.
    All,
}

impl From<OccurrenceSpec> for Occurrence {
    fn from(o: OccurrenceSpec) -> Self {
        match o {
            OccurrenceSpec::Word(OccurrenceWord::First) => Occurrence::First,
            OccurrenceSpec::Word(OccurrenceWord::Last) => Occurrence::Last,
            OccurrenceSpec::Word(OccurrenceWord::All) => Occurrence::All,
            OccurrenceSpec::Nth(n) => Occurrence::Nth(n),
        }
    }
}

fn yes() -> bool {
    true
}

/// Replace text, recorded as a tracked deletion and insertion.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReplaceSpec {
    /// Text to find; may span runs with different formatting; deleted text does not match.
    pub find: String,
    /// The new text.
    pub replace: String,
    /// Which match: first, last, all or a number; required when there are several.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occurrence: Option<OccurrenceSpec>,
    /// Only in the paragraph at this address (e.g. `p12`, `t1.r2.c3.p1`).
    #[serde(default, rename = "in", skip_serializing_if = "Option::is_none")]
    pub within: Option<String>,
    /// Match case (default true).
    #[serde(default = "yes")]
    pub match_case: bool,
    /// Match whole words only (default false).
    #[serde(default)]
    pub whole_word: bool,
}

/// Delete text (tracked).
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DeleteSpec {
    /// Text to delete.
    pub find: String,
    /// Which match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occurrence: Option<OccurrenceSpec>,
    /// Only in the paragraph at this address.
    #[serde(default, rename = "in", skip_serializing_if = "Option::is_none")]
    pub within: Option<String>,
}

/// Insert text (tracked) before or after an anchor: text in the document, or a paragraph address.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InsertSpec {
    /// The text to insert.
    pub text: String,
    /// Insert before this text or address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    /// Insert after this text or address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// Which match of an anchor text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occurrence: Option<OccurrenceSpec>,
}

/// Insert a new paragraph (tracked) before or after a paragraph.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InsertParagraphSpec {
    /// Its text.
    pub text: String,
    /// Before the paragraph at this address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    /// After the paragraph at this address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// Paragraph style id (default: the neighbour's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub style: Option<String>,
}

/// Delete a paragraph: its text and its paragraph mark (tracked).
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DeleteParagraphSpec {
    /// The paragraph's address.
    pub address: String,
}

/// One edit: an object with one key naming it.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum EditSpec {
    /// `{"replace": {"find": "30 days", "replace": "60 days"}}`
    Replace(ReplaceSpec),
    /// `{"delete": {"find": "draft "}}`
    Delete(DeleteSpec),
    /// `{"insert": {"text": " (amended)", "after": "Agreement"}}`
    Insert(InsertSpec),
    /// `{"insert_paragraph": {"after": "p3", "text": "New clause."}}`
    InsertParagraph(InsertParagraphSpec),
    /// `{"delete_paragraph": {"address": "p14"}}`
    DeleteParagraph(DeleteParagraphSpec),
}

fn one_side(
    before: Option<&String>,
    after: Option<&String>,
    what: &str,
) -> OpResult<(String, bool)> {
    match (before, after) {
        (Some(b), None) => Ok((b.clone(), false)),
        (None, Some(a)) => Ok((a.clone(), true)),
        _ => Err(OpError::new(
            "usage",
            format!("{what} needs exactly one of \"before\" and \"after\""),
        )),
    }
}

impl EditSpec {
    fn to_edit(&self) -> OpResult<Edit> {
        Ok(match self {
            Self::Replace(r) => Edit::Replace {
                find: r.find.clone(),
                replace: r.replace.clone(),
                occurrence: r.occurrence.map(Into::into),
                within: r.within.clone(),
                match_case: r.match_case,
                whole_word: r.whole_word,
            },
            Self::Delete(d) => Edit::Replace {
                find: d.find.clone(),
                replace: String::new(),
                occurrence: d.occurrence.map(Into::into),
                within: d.within.clone(),
                match_case: true,
                whole_word: false,
            },
            Self::Insert(i) => {
                let (anchor, after) = one_side(i.before.as_ref(), i.after.as_ref(), "insert")?;
                Edit::Insert {
                    text: i.text.clone(),
                    anchor,
                    after,
                    occurrence: i.occurrence.map(Into::into),
                }
            }
            Self::InsertParagraph(i) => {
                let (address, after) =
                    one_side(i.before.as_ref(), i.after.as_ref(), "insert_paragraph")?;
                Edit::InsertParagraph {
                    address,
                    after,
                    text: i.text.clone(),
                    style: i.style.clone(),
                }
            }
            Self::DeleteParagraph(d) => Edit::DeleteParagraph {
                address: d.address.clone(),
            },
        })
    }
}

/// `docx.edit`: apply edits as native tracked changes, all or nothing.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocxEdit {
    /// The document.
    pub input: PathBuf,
    /// Where to write the edited document (required unless `in_place`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<PathBuf>,
    /// Replace the input file.
    #[serde(default)]
    pub in_place: bool,
    /// Author of the revisions, as Word shows it.
    pub author: String,
    /// Date of the revisions (ISO 8601); default `SOURCE_DATE_EPOCH`, else none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The edits, applied in order.
    pub edits: Vec<EditSpec>,
    /// Also turn on Track Changes in the document, so later edits are tracked too.
    #[serde(default)]
    pub track_future_edits: bool,
    /// Override the safety limits for this request.
    #[serde(default, skip_serializing_if = "is_default")]
    pub limits: LimitOverrides,
}

/// `docx.changes`: list the tracked changes.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocxChanges {
    /// The document.
    pub input: PathBuf,
    /// Override the safety limits for this request.
    #[serde(default, skip_serializing_if = "is_default")]
    pub limits: LimitOverrides,
}

/// `docx.accept` / `docx.reject`: resolve tracked changes natively.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocxResolve {
    /// The document.
    pub input: PathBuf,
    /// Where to write the result (required unless `in_place`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<PathBuf>,
    /// Replace the input file.
    #[serde(default)]
    pub in_place: bool,
    /// Only revisions by this author.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Only revisions with these ids (see `docx changes`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ids: Option<Vec<String>>,
    /// Override the safety limits for this request.
    #[serde(default, skip_serializing_if = "is_default")]
    pub limits: LimitOverrides,
}

/// `docx.comments`: list comments and replies.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocxComments {
    /// The document.
    pub input: PathBuf,
    /// Override the safety limits for this request.
    #[serde(default, skip_serializing_if = "is_default")]
    pub limits: LimitOverrides,
}

/// `docx.comment`: add a comment on text or a paragraph, reply to one, or resolve one.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocxComment {
    /// The document.
    pub input: PathBuf,
    /// Where to write the result (required unless `in_place`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<PathBuf>,
    /// Replace the input file.
    #[serde(default)]
    pub in_place: bool,
    /// The comment's author.
    pub author: String,
    /// The author's initials.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initials: Option<String>,
    /// Date (ISO 8601); default `SOURCE_DATE_EPOCH`, else none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The comment's text (not needed with `resolve`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Anchor on this text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor: Option<String>,
    /// Which match of `anchor`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occurrence: Option<OccurrenceSpec>,
    /// Anchor on the whole paragraph at this address (or, with `anchor`, search only there).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Reply to the comment with this id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_to: Option<String>,
    /// Mark the comment with this id done (resolved).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolve: Option<String>,
    /// Override the safety limits for this request.
    #[serde(default, skip_serializing_if = "is_default")]
    pub limits: LimitOverrides,
}

/// Page size for `docx.create`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Page {
    /// 210 × 297 mm.
    A4,
    /// 8.5 × 11 in.
    Letter,
}

/// `docx.create`: a Word document from Markdown or a JSON outline.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocxCreate {
    /// A Markdown file, or a JSON outline file ending in `.json` (image paths
    /// in it are relative to its folder).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input: Option<PathBuf>,
    /// The Markdown itself, instead of `input` (image paths relative to the working folder).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub markdown: Option<String>,
    /// A JSON outline, instead of `input` (image paths relative to the working folder).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<docskill_docx::create::Outline>,
    /// The document to write.
    pub output: PathBuf,
    /// A .docx or .dotx whose styles, numbering, headers and footers to use (default: docskill's own).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<PathBuf>,
    /// Page size (default: the template's; A4 for the default template).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<Page>,
    /// Header text on every page, replacing the template's: `{page}` and
    /// `{pages}` become page numbers, tabs split it into left, centre and right.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header: Option<String>,
    /// Footer text, like `header`, e.g. `"Page {page} of {pages}"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub footer: Option<String>,
    /// Override the safety limits for this request.
    #[serde(default, skip_serializing_if = "is_default")]
    pub limits: LimitOverrides,
}

/// `docx.check`: problems that make Word report unreadable content.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocxCheck {
    /// The document.
    pub input: PathBuf,
    /// Override the safety limits for this request.
    #[serde(default, skip_serializing_if = "is_default")]
    pub limits: LimitOverrides,
}

fn is_default<T: Default + PartialEq>(v: &T) -> bool {
    *v == T::default()
}

fn open(input: &Path, limits: &LimitOverrides, ctx: &Context) -> OpResult<Docx> {
    let limits = limits.resolve();
    let bytes = read_input(&ctx.path(input), limits.max_input_bytes)?;
    Docx::open(bytes, &limits).map_err(|e| docx_error(e, &input.display().to_string()))
}

/// Map a DOCX error to a stable code.
pub(crate) fn docx_error(e: docskill_docx::Error, what: &str) -> OpError {
    use docskill_docx::Error as E;
    let msg = format!("{what}: {e}");
    let list = |v: &[(String, String)]| {
        serde_json::Value::Array(
            v.iter()
                .map(|(a, t)| json!({ "address": a, "text": t }))
                .collect(),
        )
    };
    match e {
        E::Package(p) => OpError::from_opc(p, what),
        E::NotWordprocessing => OpError::new("docx.not_wordprocessing", msg),
        E::NotFound { ref closest, .. } => {
            let hint = if closest.is_empty() {
                "check the spelling; text in deletions does not match; see `docx text --format json`".to_owned()
            } else {
                format!(
                    "closest paragraphs: {}",
                    closest
                        .iter()
                        .map(|(a, t)| format!("{a}: {t:?}"))
                        .collect::<Vec<_>>()
                        .join("; ")
                )
            };
            OpError::new("docx.text_not_found", msg)
                .hint(hint)
                .details(json!({ "closest": list(closest) }))
        }
        E::Ambiguous { ref matches, .. } => OpError::new("docx.ambiguous", msg)
            .hint("add \"occurrence\": \"first\" | \"last\" | \"all\" | N, or \"in\": ADDRESS")
            .details(json!({ "matches": list(matches) })),
        E::NoSuchOccurrence { .. } => OpError::new("docx.no_such_occurrence", msg),
        E::BadAddress { ref valid, .. } => {
            OpError::new("docx.bad_address", msg.clone()).hint(valid.clone())
        }
        E::InvalidEdit(_) => OpError::new("usage", msg),
        _ => OpError::new("docx.error", msg),
    }
}

fn parts_filter(parts: Option<&Vec<PartKind>>, address: &str) -> bool {
    let kind = if address.starts_with("header") {
        PartKind::Headers
    } else if address.starts_with("footer") {
        PartKind::Footers
    } else if address.starts_with("footnote") || address.starts_with("endnote") {
        PartKind::Notes
    } else if address.starts_with("comment") {
        PartKind::Comments
    } else {
        PartKind::Body
    };
    parts.is_none_or(|p| p.contains(&kind))
}

/// A paragraph in the JSON view: address, style, text, where its text runs on
/// into the next, and (outside the `all` view) its runs as character ranges.
fn paragraph_json(
    p: &docskill_docx::Paragraph,
    runs: &[docskill_docx::RunSpan],
    view: ChangeView,
) -> serde_json::Value {
    let mut v = json!({ "address": p.address, "style": p.style, "text": p.text });
    if p.joins_next {
        v["joins_next"] = json!(true);
    }
    if view != ChangeView::All {
        let runs: Vec<_> = runs
            .iter()
            .map(|r| {
                let mut o = json!({ "start": r.start, "end": r.end });
                for (k, on) in [
                    ("bold", r.format.bold),
                    ("italic", r.format.italic),
                    ("underline", r.format.underline),
                ] {
                    if on {
                        o[k] = json!(true);
                    }
                }
                if let Some(st) = &r.format.style {
                    o["style"] = json!(st);
                }
                o
            })
            .collect();
        v["runs"] = json!(runs);
    }
    v
}

/// The story an address belongs to: `""` for the body (`p3`, `t1.r2.c1.p1`,
/// `p4.tb1.p2`), else its first part (`header1`, `footnote2`, `comment0`).
fn story_of(address: &str) -> &str {
    let first = address.split('.').next().unwrap_or("");
    let letters = first.trim_end_matches(|c: char| c.is_ascii_digit());
    if letters == "p" || letters == "t" {
        ""
    } else {
        first
    }
}

pub(crate) fn text(a: &DocxText, ctx: &Context) -> OpResult<Done> {
    let d = open(&a.input, &a.limits, ctx)?;
    let view = match a.changes {
        Changes::Accept => ChangeView::Accept,
        Changes::Reject => ChangeView::Reject,
        Changes::All => ChangeView::All,
    };
    let paras: Vec<_> = d
        .paragraphs(view)
        .into_iter()
        .filter(|p| parts_filter(a.parts.as_ref(), &p.address))
        .collect();
    let mut text = String::new();
    let mut section = String::new();
    let mut joined = false;
    for (i, p) in paras.iter().enumerate() {
        let sec = story_of(&p.address);
        if sec != section {
            if joined {
                text.push('\n');
            }
            let _ = write!(text, "\n[{sec}]\n");
            sec.clone_into(&mut section);
        }
        text.push_str(&p.text);
        // A paragraph mark the view removes joins the next paragraph of the same story.
        let same_story = paras
            .get(i + 1)
            .is_some_and(|n| story_of(&n.address) == sec);
        joined = p.joins_next && same_story;
        if !joined {
            text.push('\n');
        }
    }
    if joined {
        text.push('\n');
    }
    let list: Vec<_> = if a.format == TextFormat::Json {
        let runs = d.paragraph_runs(view);
        d.paragraphs(view)
            .into_iter()
            .zip(runs)
            .filter(|(p, _)| parts_filter(a.parts.as_ref(), &p.address))
            .map(|(p, runs)| paragraph_json(&p, &runs, view))
            .collect()
    } else {
        Vec::new()
    };
    let (result, payload) = match a.format {
        TextFormat::Json => (json!({ "paragraphs": list }), None),
        TextFormat::Text => (
            json!({ "paragraphs": paras.len(), "text": text }),
            Some(text.into_bytes()),
        ),
        TextFormat::Md => {
            let md = d.markdown(view);
            (json!({ "markdown": md }), Some(md.into_bytes()))
        }
    };
    Ok(Done {
        result,
        payload,
        ..Done::default()
    })
}

/// The revision date: the request's, else `SOURCE_DATE_EPOCH`, else none.
fn revision_date(date: Option<&String>, ctx: &Context) -> OpResult<Option<String>> {
    if let Some(d) = date {
        let ok = d.len() >= 10 && d.as_bytes()[4] == b'-' && d.as_bytes()[7] == b'-';
        if !ok {
            return Err(OpError::new("usage", format!("date {d:?} is not ISO 8601"))
                .hint("e.g. 2026-11-22 or 2026-11-22T09:30:00Z"));
        }
        return Ok(Some(if d.len() == 10 {
            format!("{d}T00:00:00Z")
        } else {
            d.clone()
        }));
    }
    Ok(ctx.source_date_epoch.map(iso_from_epoch))
}

/// `YYYY-MM-DDTHH:MM:SSZ` from seconds since 1970 (proleptic Gregorian, UTC).
pub(crate) fn iso_from_epoch(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

fn output_path(
    input: &Path,
    output: Option<&PathBuf>,
    in_place: bool,
    ctx: &Context,
) -> OpResult<PathBuf> {
    let out = match (output, in_place) {
        (Some(o), _) => ctx.path(o),
        (None, true) => ctx.path(input),
        (None, false) => {
            return Err(OpError::new("usage", "no output given")
                .hint("pass -o OUT.docx, or --in-place to replace the input"));
        }
    };
    guard_input(&ctx.path(input), &out, in_place)?;
    Ok(out)
}

fn problems_json(d: &Docx) -> Vec<serde_json::Value> {
    d.check()
        .iter()
        .map(|p| json!({ "code": p.code, "part": p.part, "message": p.message }))
        .collect()
}

pub(crate) fn edit(a: &DocxEdit, ctx: &Context) -> OpResult<Done> {
    let out = output_path(&a.input, a.output.as_ref(), a.in_place, ctx)?;
    if a.author.trim().is_empty() {
        return Err(OpError::new("usage", "author must not be empty")
            .hint("the name reviewers see in Word, e.g. \"Contract Bot\""));
    }
    let mut d = open(&a.input, &a.limits, ctx)?;
    let edits = a
        .edits
        .iter()
        .map(EditSpec::to_edit)
        .collect::<OpResult<Vec<_>>>()?;
    let who = Revision {
        author: a.author.clone(),
        date: revision_date(a.date.as_ref(), ctx)?,
    };
    let applied = d
        .apply(&edits, &who)
        .map_err(|e| docx_error(e, &a.input.display().to_string()))?;
    if a.track_future_edits {
        d.track_future_edits()
            .map_err(|e| docx_error(e, &a.input.display().to_string()))?;
    }
    let changed = d.changed_parts();
    let problems = problems_json(&d);
    let bytes = d
        .to_bytes()
        .map_err(|e| docx_error(e, &out.display().to_string()))?;
    let written = ctx.write(&out, &bytes)?;
    let mut warnings: Vec<String> = problems
        .iter()
        .map(|p| format!("docx check: {}", p["message"]))
        .collect();
    for (i, ap) in applied.iter().enumerate() {
        if ap.in_field_result {
            warnings.push(format!(
                "edit {i} changed a field's result ({}): Word recomputes it when fields update; edit the source the field shows instead",
                ap.addresses.join(", ")
            ));
        }
    }
    Ok(Done {
        result: json!({
            "edits": applied.iter().enumerate().map(|(i, ap)| {
                let mut e = json!({ "edit": i, "addresses": ap.addresses });
                if ap.in_field_result {
                    e["in_field_result"] = json!(true);
                }
                e
            }).collect::<Vec<_>>(),
            "changed_parts": changed,
            "author": who.author,
            "date": who.date,
        }),
        outputs: vec![written],
        warnings,
        payload: None,
    })
}

pub(crate) fn changes(a: &DocxChanges, ctx: &Context) -> OpResult<Done> {
    let d = open(&a.input, &a.limits, ctx)?;
    let list: Vec<_> = d
        .changes()
        .into_iter()
        .map(|c| json!({ "id": c.id, "kind": c.kind, "author": c.author, "date": c.date, "text": c.text, "address": c.address }))
        .collect();
    Ok(Done {
        result: json!({ "count": list.len(), "changes": list }),
        ..Done::default()
    })
}

pub(crate) fn resolve(a: &DocxResolve, accept: bool, ctx: &Context) -> OpResult<Done> {
    let out = output_path(&a.input, a.output.as_ref(), a.in_place, ctx)?;
    let mut d = open(&a.input, &a.limits, ctx)?;
    let sel = Selection {
        author: a.author.clone(),
        ids: a.ids.clone(),
    };
    let n = if accept {
        d.accept(&sel)
    } else {
        d.reject(&sel)
    };
    let bytes = d
        .to_bytes()
        .map_err(|e| docx_error(e, &out.display().to_string()))?;
    let written = ctx.write(&out, &bytes)?;
    let key = if accept { "accepted" } else { "rejected" };
    Ok(Done {
        result: json!({ key: n, "remaining": d.changes().len() }),
        outputs: vec![written],
        ..Done::default()
    })
}

fn comment_json(c: &docskill_docx::Comment) -> serde_json::Value {
    json!({
        "id": c.id, "author": c.author, "initials": c.initials, "date": c.date, "text": c.text,
        "address": c.address, "reply_to": c.parent, "done": c.done,
    })
}

pub(crate) fn comments(a: &DocxComments, ctx: &Context) -> OpResult<Done> {
    let d = open(&a.input, &a.limits, ctx)?;
    let list: Vec<_> = d.comments().iter().map(comment_json).collect();
    Ok(Done {
        result: json!({ "count": list.len(), "comments": list }),
        ..Done::default()
    })
}

pub(crate) fn comment(a: &DocxComment, ctx: &Context) -> OpResult<Done> {
    use docskill_docx::CommentTarget;
    let out = output_path(&a.input, a.output.as_ref(), a.in_place, ctx)?;
    let mut d = open(&a.input, &a.limits, ctx)?;
    let what = a.input.display().to_string();
    let id = if let Some(id) = &a.resolve {
        d.resolve_comment(id, true)
            .map_err(|e| docx_error(e, &what))?;
        id.clone()
    } else {
        let target = match (&a.reply_to, &a.anchor, &a.address) {
            (Some(parent), None, None) => CommentTarget::ReplyTo(parent.clone()),
            (None, Some(find), within) => CommentTarget::Text {
                find: find.clone(),
                occurrence: a.occurrence.map(Into::into),
                within: within.clone(),
            },
            (None, None, Some(address)) => CommentTarget::Paragraph(address.clone()),
            _ => {
                return Err(OpError::new("usage", "say where the comment goes")
                    .hint("give anchor (text, optionally with address), address (a paragraph), reply_to (a comment id) or resolve (a comment id)"));
            }
        };
        let text = a
            .text
            .as_deref()
            .ok_or_else(|| OpError::new("usage", "a comment needs text"))?;
        let who = Revision {
            author: a.author.clone(),
            date: revision_date(a.date.as_ref(), ctx)?,
        };
        d.add_comment(&target, text, &who, a.initials.as_deref())
            .map_err(|e| docx_error(e, &what))?
    };
    let bytes = d
        .to_bytes()
        .map_err(|e| docx_error(e, &out.display().to_string()))?;
    let written = ctx.write(&out, &bytes)?;
    Ok(Done {
        result: json!({ "id": id, "resolved": a.resolve.is_some() }),
        outputs: vec![written],
        ..Done::default()
    })
}

/// What `docx.create` builds from.
enum Source {
    Markdown(String),
    Outline(docskill_docx::create::Outline),
}

fn create_source(a: &DocxCreate, ctx: &Context, max: u64) -> OpResult<(Source, PathBuf)> {
    let here = ctx.path(Path::new("."));
    match (&a.input, &a.markdown, &a.document) {
        (Some(path), None, None) => {
            let p = ctx.path(path);
            let bytes = read_input(&p, max)?;
            let base = p.parent().map(Path::to_path_buf).unwrap_or_default();
            let is_json = p
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("json"));
            if is_json {
                let outline = serde_json::from_slice(&bytes).map_err(|e| {
                    OpError::new(
                        "docx.invalid_input",
                        format!("{} is not a docx outline: {e}", path.display()),
                    )
                })?;
                return Ok((Source::Outline(outline), base));
            }
            let text = String::from_utf8(bytes).map_err(|_| {
                OpError::new("usage", format!("{} is not UTF-8 text", path.display()))
            })?;
            Ok((Source::Markdown(text), base))
        }
        (None, Some(md), None) => Ok((Source::Markdown(md.clone()), here)),
        (None, None, Some(doc)) => Ok((Source::Outline(doc.clone()), here)),
        _ => Err(OpError::new(
            "usage",
            "give exactly one of input (a Markdown or .json outline file), markdown (the text) and document (an outline)",
        )),
    }
}

pub(crate) fn create(a: &DocxCreate, ctx: &Context) -> OpResult<Done> {
    use docskill_docx::create::{CreateOptions, PageSize};
    let limits = a.limits.resolve();
    let (source, base) = create_source(a, ctx, limits.max_input_bytes)?;
    let template = match &a.template {
        Some(t) => Some(read_input(&ctx.path(t), limits.max_input_bytes)?),
        None => None,
    };
    let page = match a.page {
        None => PageSize::Template,
        Some(Page::A4) => PageSize::A4,
        Some(Page::Letter) => PageSize::Letter,
    };
    let images = |src: &str| -> Option<Vec<u8>> {
        let p = Path::new(src);
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            base.join(p)
        };
        read_input(&p, limits.max_part_size).ok()
    };
    let opts = CreateOptions {
        template,
        page,
        header: a.header.clone(),
        footer: a.footer.clone(),
    };
    let made = match &source {
        Source::Markdown(md) => docskill_docx::create::create(md, &opts, &images, &limits),
        Source::Outline(o) => docskill_docx::create::create_outline(o, &opts, &images, &limits),
    };
    let bytes = made.map_err(|e| match e {
        docskill_docx::Error::InvalidInput(m) => OpError::new("docx.invalid_input", m),
        other => docx_error(other, "template"),
    })?;
    let written = ctx.write(&ctx.path(&a.output), &bytes)?;
    let d = Docx::open(bytes, &limits).map_err(|e| docx_error(e, "created document"))?;
    let problems = problems_json(&d);
    let warnings = problems
        .iter()
        .map(|p| format!("docx check: {}", p["message"]))
        .collect();
    Ok(Done {
        result: json!({ "paragraphs": d.paragraphs(ChangeView::Accept).len() }),
        outputs: vec![written],
        warnings,
        payload: None,
    })
}

pub(crate) fn check(a: &DocxCheck, ctx: &Context) -> OpResult<Done> {
    let d = open(&a.input, &a.limits, ctx)?;
    let problems = problems_json(&d);
    Ok(Done {
        result: json!({ "clean": problems.is_empty(), "problems": problems }),
        ..Done::default()
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn iso_dates_from_epoch() {
        assert_eq!(super::iso_from_epoch(0), "1970-01-01T00:00:00Z");
        assert_eq!(super::iso_from_epoch(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(
            super::iso_from_epoch(1_795_305_600 + 3_661),
            "2026-11-22T01:01:01Z"
        );
    }
}
