//! `pdf.fill_batch`: one filled copy of a form per row of a CSV or JSON Lines
//! file. The form is parsed once; rows are filled in parallel; a bad row is
//! reported and skipped.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use docskill_pdf::acroform::{FillOptions, FillValue, FormTemplate};
use docskill_pdf::{OpenOptions, PdfError};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use super::fs::{guard_input, read_input};
use super::pdf_forms::{parse_values, pdf_error};
use super::{Context, Done, OpError, OpResult, OutputFile};

/// Rows of data: CSV (header row = field names) or JSON Lines (one object per line).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum DataFormat {
    /// Comma-separated values; the first row names the fields.
    Csv,
    /// One JSON object per line, keyed by field name.
    Jsonl,
}

/// `pdf.fill_batch`: fill a form once per data row, one output file each.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PdfFillBatch {
    /// The PDF form (parsed once).
    pub input: PathBuf,
    /// The rows: `.csv` (header = field names) or `.jsonl` (an object per line).
    pub data: PathBuf,
    /// `csv` or `jsonl`; by default from the data file's extension.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<DataFormat>,
    /// Folder for the filled files (created when missing).
    pub out_dir: PathBuf,
    /// File name pattern: `{column}` is the row's value of that column, `{row}`
    /// the 1-based row number, `{id}` the `id` column or else the row number.
    #[serde(default = "default_name")]
    pub name: String,
    /// Draw the values into the pages and remove the form.
    #[serde(default)]
    pub flatten: bool,
    /// Password of an encrypted form (outputs are not encrypted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    /// Worker threads (0 = one per core).
    #[serde(default)]
    pub jobs: usize,
}

fn default_name() -> String {
    "{id}.pdf".into()
}

/// The column whose value names a row in results and in `{id}`.
const ID_COLUMN: &str = "id";
/// Longest file name written (bytes).
const MAX_NAME: usize = 200;

/// One row as read: its number, its cells, or why it cannot be read.
struct Row {
    number: usize,
    cells: Result<Map<String, Value>, OpError>,
}

/// A row ready to fill.
struct Job {
    number: usize,
    id: String,
    path: Option<PathBuf>,
    work: Result<Vec<(String, FillValue)>, OpError>,
}

/// What a fill batch did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FillBatchSummary {
    /// Rows read.
    pub total: usize,
    /// Files written.
    pub ok: usize,
    /// Rows reported and skipped.
    pub failed: usize,
}

fn data_error(m: impl Into<String>) -> OpError {
    OpError::new("pdf.batch_data", m)
}

fn read_rows(a: &PdfFillBatch, ctx: &Context) -> OpResult<(Vec<Row>, Option<Vec<String>>)> {
    let format = match a.format {
        Some(f) => f,
        None => match a
            .data
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("csv") => DataFormat::Csv,
            Some("jsonl" | "ndjson" | "json") => DataFormat::Jsonl,
            _ => {
                return Err(OpError::new(
                    "usage",
                    format!("{}: cannot tell CSV from JSON Lines", a.data.display()),
                )
                .hint("name the file .csv or .jsonl, or pass --format csv|jsonl"));
            }
        },
    };
    let bytes = read_input(
        &ctx.path(&a.data),
        OpenOptions::default().limits.max_input_bytes,
    )?;
    let text = String::from_utf8(bytes)
        .map_err(|e| data_error(format!("{}: not UTF-8 text: {e}", a.data.display())))?;
    match format {
        DataFormat::Csv => {
            let records = super::csv::parse(&text).map_err(|e| {
                data_error(format!(
                    "{} line {}: {}",
                    a.data.display(),
                    e.line,
                    e.message
                ))
            })?;
            let mut records = records.into_iter();
            let Some((_, header)) = records.next() else {
                return Ok((Vec::new(), Some(Vec::new())));
            };
            let header: Vec<String> = header.into_iter().map(|h| h.trim().to_owned()).collect();
            let mut seen = HashSet::new();
            if let Some(dup) = header.iter().find(|h| !seen.insert(h.as_str())) {
                return Err(data_error(format!(
                    "{}: the column {dup:?} appears twice in the header",
                    a.data.display()
                )));
            }
            let rows = records
                .enumerate()
                .map(|(i, (line, cells))| Row {
                    number: i + 1,
                    cells: if cells.len() == header.len() {
                        Ok(header
                            .iter()
                            .cloned()
                            .zip(cells.into_iter().map(Value::String))
                            .collect())
                    } else {
                        Err(data_error(format!(
                            "line {line} has {} cells; the header has {}",
                            cells.len(),
                            header.len()
                        )))
                    },
                })
                .collect();
            Ok((rows, Some(header)))
        }
        DataFormat::Jsonl => {
            let rows = text
                .lines()
                .enumerate()
                .filter(|(_, l)| !l.trim().is_empty())
                .enumerate()
                .map(|(i, (line, l))| Row {
                    number: i + 1,
                    cells: match serde_json::from_str::<Value>(l) {
                        Ok(Value::Object(m)) => Ok(m),
                        Ok(_) => Err(data_error(format!(
                            "line {} is not a JSON object",
                            line + 1
                        ))),
                        Err(e) => Err(data_error(format!(
                            "line {} is not valid JSON: {e}",
                            line + 1
                        ))),
                    },
                })
                .collect();
            Ok((rows, None))
        }
    }
}

/// A piece of a name pattern.
#[derive(Debug, PartialEq, Eq)]
enum Piece {
    Text(String),
    Column(String),
}

/// Splits a `--name` pattern into text and `{column}` placeholders.
///
/// # Errors
/// `usage` for an unclosed brace or a path separator in the pattern.
fn parse_pattern(pattern: &str) -> OpResult<Vec<Piece>> {
    let bad = |m: &str| {
        OpError::new("usage", format!("--name {pattern:?}: {m}"))
            .hint("a file name with {column} placeholders, e.g. \"{id}.pdf\" or \"{last_name}-{row}.pdf\"")
    };
    if pattern.contains(['/', '\\']) {
        return Err(bad(
            "is a file name, not a path (use --out-dir for the folder)",
        ));
    }
    let mut pieces = Vec::new();
    let mut text = String::new();
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                text.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                text.push('}');
            }
            '{' => {
                let mut col = String::new();
                loop {
                    match chars.next() {
                        Some('}') => break,
                        Some(c) => col.push(c),
                        None => return Err(bad("a { is never closed")),
                    }
                }
                if col.is_empty() {
                    return Err(bad("{} names no column"));
                }
                if !text.is_empty() {
                    pieces.push(Piece::Text(std::mem::take(&mut text)));
                }
                pieces.push(Piece::Column(col));
            }
            '}' => return Err(bad("a } without {")),
            c => text.push(c),
        }
    }
    if !text.is_empty() {
        pieces.push(Piece::Text(text));
    }
    if !pieces.iter().any(|p| matches!(p, Piece::Column(_))) {
        return Err(bad("has no {column}: every row would write the same file"));
    }
    Ok(pieces)
}

/// A cell as it goes into a file name.
fn cell_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// Makes a value safe inside a file name: path separators, control
/// characters and characters Windows refuses become `_`.
fn sanitize(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                '_'
            } else {
                c
            }
        })
        .collect()
}

/// The file name of a row.
fn row_name(
    pieces: &[Piece],
    row: usize,
    id: &str,
    cells: &Map<String, Value>,
) -> OpResult<String> {
    let mut name = String::new();
    for p in pieces {
        match p {
            Piece::Text(t) => name.push_str(t),
            Piece::Column(c) if c == "row" && !cells.contains_key("row") => {
                name.push_str(&row.to_string());
            }
            Piece::Column(c) if c == ID_COLUMN => name.push_str(&sanitize(id)),
            Piece::Column(c) => match cells.get(c) {
                Some(v) => name.push_str(&sanitize(cell_text(v).trim())),
                None => {
                    return Err(OpError::new(
                        "pdf.batch_name",
                        format!("the row has no column {c:?} for the file name"),
                    ));
                }
            },
        }
    }
    let name = name.trim().to_owned();
    if name.is_empty() || name.chars().all(|c| c == '.' || c == '_') {
        return Err(OpError::new(
            "pdf.batch_name",
            format!("the file name is empty or meaningless ({name:?})"),
        )
        .hint("fill the columns the --name pattern uses"));
    }
    let name = match name.strip_prefix('.') {
        Some(rest) => format!("_{rest}"),
        None => name,
    };
    if name.len() > MAX_NAME {
        return Err(OpError::new(
            "pdf.batch_name",
            format!("the file name is longer than {MAX_NAME} bytes"),
        ));
    }
    Ok(name)
}

/// Turns read rows into jobs: ids, file names (clashes are errors of the
/// later row), values to fill.
fn plan_jobs(rows: Vec<Row>, pieces: &[Piece], ignored: &HashSet<String>, dir: &Path) -> Vec<Job> {
    let mut taken: HashMap<String, usize> = HashMap::new();
    rows.into_iter()
        .map(|row| {
            let number = row.number;
            let cells = match row.cells {
                Ok(c) => c,
                Err(e) => {
                    return Job {
                        number,
                        id: number.to_string(),
                        path: None,
                        work: Err(e),
                    };
                }
            };
            let id = cells
                .get(ID_COLUMN)
                .map(cell_text)
                .filter(|s| !s.trim().is_empty())
                .map_or_else(|| number.to_string(), |s| s.trim().to_owned());
            let name = row_name(pieces, number, &id, &cells).and_then(|name| {
                let key = name.to_lowercase();
                if let Some(first) = taken.get(&key) {
                    return Err(OpError::new(
                        "pdf.batch_name_clash",
                        format!("row {number} would write {name}, which row {first} writes"),
                    )
                    .hint("make --name unique per row, e.g. add {row}"));
                }
                taken.insert(key, number);
                Ok(name)
            });
            let path = name.as_ref().ok().map(|n| dir.join(n));
            let values: Map<String, Value> = cells
                .into_iter()
                .filter(|(k, v)| {
                    !ignored.contains(k)
                        && !matches!(v, Value::Null)
                        && v.as_str().is_none_or(|s| !s.is_empty())
                })
                .collect();
            let work = name.and_then(|_| parse_values(&Value::Object(values)));
            Job {
                number,
                id,
                path,
                work,
            }
        })
        .collect()
}

/// A row filled in memory: its result line, and the bytes to write (or why not).
struct Filled {
    line: Value,
    outcome: Result<(docskill_pdf::acroform::FillReport, PathBuf, Vec<u8>), OpError>,
}

/// Fills one job in memory.
fn fill_job(job: &Job, template: &FormTemplate, options: FillOptions) -> Filled {
    let line = json!({ "row": job.number, "id": job.id });
    let outcome = job.work.as_ref().map_err(Clone::clone).and_then(|values| {
        let (bytes, report) = template
            .fill(values, options)
            .map_err(|e| pdf_error(e, &format!("row {}", job.number)))?;
        let path = job
            .path
            .clone()
            .ok_or_else(|| OpError::new("pdf.batch_name", "no file name"))?;
        Ok((report, path, bytes))
    });
    Filled { line, outcome }
}

/// Writes one filled row; its final result line and the written file.
fn write_job(filled: Filled, ctx: &Context) -> (Value, Option<OutputFile>) {
    let Filled { mut line, outcome } = filled;
    let outcome = outcome.and_then(|(report, path, bytes)| {
        let written = ctx.write(&path, &bytes)?;
        Ok((report, written))
    });
    match outcome {
        Ok((report, written)) => {
            line["output"] = json!(written.path);
            line["ok"] = json!(true);
            line["filled"] = json!(report.filled);
            if !report.warnings.is_empty() {
                line["warnings"] = json!(report.warnings);
            }
            (line, Some(written))
        }
        Err(e) => {
            line["ok"] = json!(false);
            line["error"] = serde_json::to_value(&e).unwrap_or_default();
            (line, None)
        }
    }
}

/// Rows filled between two progress reports (per worker).
#[cfg(feature = "parallel")]
const CHUNK_PER_WORKER: usize = 16;

/// Threads that write files. Writing waits on the disk (each file is
/// flushed before it is renamed into place), not on the CPU, so more
/// writers than cores keep the disk busy while the workers fill the next rows.
#[cfg(feature = "parallel")]
const WRITERS: usize = 8;

/// Fills the jobs chunk by chunk on `pool` while the previous chunk is
/// written on `writers`: filling (CPU) and flushing files (disk) overlap.
#[cfg(feature = "parallel")]
fn run_jobs(
    jobs: &[Job],
    template: &FormTemplate,
    options: FillOptions,
    ctx: &Context,
    workers: usize,
    emit: &mut dyn FnMut(Value, Option<OutputFile>),
) -> OpResult<()> {
    use rayon::prelude::*;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(workers)
        .build()
        .map_err(|e| OpError::new("io.thread", format!("cannot start worker threads: {e}")))?;
    let writers = rayon::ThreadPoolBuilder::new()
        .num_threads(WRITERS)
        .build()
        .map_err(|e| OpError::new("io.thread", format!("cannot start writer threads: {e}")))?;
    let chunk_len = CHUNK_PER_WORKER * pool.current_num_threads().max(1);
    std::thread::scope(|scope| {
        let mut pending: Option<std::thread::ScopedJoinHandle<'_, Vec<_>>> = None;
        let mut finish = |handle: std::thread::ScopedJoinHandle<'_, Vec<_>>| {
            // A writer thread only panics on a bug: pass it on, as rayon does.
            let rows = handle
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p));
            for (line, written) in rows {
                emit(line, written);
            }
        };
        for chunk in jobs.chunks(chunk_len) {
            let filled: Vec<Filled> = pool.install(|| {
                chunk
                    .par_iter()
                    .map(|j| fill_job(j, template, options))
                    .collect()
            });
            if let Some(h) = pending.take() {
                finish(h);
            }
            let writers = &writers;
            pending = Some(scope.spawn(move || {
                writers.install(|| filled.into_par_iter().map(|f| write_job(f, ctx)).collect())
            }));
        }
        if let Some(h) = pending.take() {
            finish(h);
        }
    });
    Ok(())
}

#[cfg(not(feature = "parallel"))]
fn run_jobs(
    jobs: &[Job],
    template: &FormTemplate,
    options: FillOptions,
    ctx: &Context,
    _workers: usize,
    emit: &mut dyn FnMut(Value, Option<OutputFile>),
) -> OpResult<()> {
    for j in jobs {
        let (line, written) = write_job(fill_job(j, template, options), ctx);
        emit(line, written);
    }
    Ok(())
}

/// Checks the CSV header: every column is a field, `id`, or used by the name.
fn check_header(
    header: &[String],
    template: &FormTemplate,
    ignored: &HashSet<String>,
) -> OpResult<()> {
    let unknown: Vec<(String, FillValue)> = header
        .iter()
        .filter(|h| !ignored.contains(*h) && !template.has_field(h))
        .map(|h| (h.clone(), FillValue::Text(String::new())))
        .collect();
    if unknown.is_empty() {
        return Ok(());
    }
    match template.check(&unknown) {
        Err(e @ PdfError::FormValues { .. }) => Err(pdf_error(e, "CSV header")),
        _ => Ok(()),
    }
}

/// Runs a fill batch, handing each row's result line (in row order) and the
/// number of rows done so far to `on_row`.
///
/// # Errors
/// When the form or the data cannot be read, the pattern is bad, or the
/// CSV header names a column that is not a field; row problems are not
/// errors but result lines with `"ok": false`.
pub fn run_fill_batch(
    a: &PdfFillBatch,
    ctx: &Context,
    on_row: &mut dyn FnMut(&Value, usize, usize),
) -> OpResult<(FillBatchSummary, Vec<OutputFile>)> {
    let pieces = parse_pattern(&a.name)?;
    let input = ctx.path(&a.input);
    let dir = ctx.path(&a.out_dir);
    let options = OpenOptions {
        password: a.password.clone(),
        ..OpenOptions::default()
    };
    let bytes = read_input(&input, options.limits.max_input_bytes)?;
    let doc = docskill_pdf::open(&bytes, &options)
        .map_err(|e| pdf_error(e, &a.input.display().to_string()))?;
    let template = FormTemplate::new(doc);
    if template.field_names().is_empty() {
        return Err(OpError::new(
            "pdf.no_fields",
            format!("{}: the PDF has no form fields to fill", a.input.display()),
        )
        .hint("use `docskill pdf annotate` to write text at positions instead"));
    }
    let (rows, header) = read_rows(a, ctx)?;
    let mut ignored: HashSet<String> = pieces
        .iter()
        .filter_map(|p| match p {
            Piece::Column(c) => Some(c.clone()),
            Piece::Text(_) => None,
        })
        .chain([ID_COLUMN.to_owned()])
        .collect();
    ignored.retain(|c| !template.has_field(c));
    if let Some(h) = &header {
        check_header(h, &template, &ignored)?;
    }
    std::fs::create_dir_all(&dir)
        .map_err(|e| super::fs::io_error("io.write", "create", &dir, &e))?;
    let jobs = plan_jobs(rows, &pieces, &ignored, &dir);
    for j in &jobs {
        if let Some(p) = &j.path {
            guard_input(&input, p, false)?;
        }
    }
    let fill_options = FillOptions { flatten: a.flatten };
    let mut summary = FillBatchSummary {
        total: jobs.len(),
        ..FillBatchSummary::default()
    };
    let mut outputs = Vec::new();
    let mut done = 0;
    run_jobs(
        &jobs,
        &template,
        fill_options,
        ctx,
        a.jobs,
        &mut |line, written| {
            done += 1;
            match written {
                Some(w) => {
                    summary.ok += 1;
                    outputs.push(w);
                }
                None => summary.failed += 1,
            }
            on_row(&line, done, summary.total);
        },
    )?;
    Ok((summary, outputs))
}

pub(crate) fn fill_batch(a: &PdfFillBatch, ctx: &Context) -> OpResult<Done> {
    let mut rows = Vec::new();
    let (summary, outputs) = run_fill_batch(a, ctx, &mut |line, _, _| rows.push(line.clone()))?;
    let mut warnings = Vec::new();
    if summary.failed > 0 {
        warnings.push(format!(
            "{} of {} rows failed and were skipped (see rows)",
            summary.failed, summary.total
        ));
    }
    Ok(Done {
        result: json!({
            "total": summary.total,
            "ok": summary.ok,
            "failed": summary.failed,
            "clean": summary.failed == 0,
            "rows": rows,
        }),
        outputs,
        warnings,
        payload: None,
    })
}

#[cfg(test)]
mod tests {
    use super::{Piece, parse_pattern, row_name, sanitize};
    use serde_json::{Map, Value, json};

    #[test]
    fn patterns() {
        assert_eq!(
            parse_pattern("{id}-{{x}}.pdf").unwrap(),
            vec![Piece::Column("id".into()), Piece::Text("-{x}.pdf".into())]
        );
        for bad in [
            "a/{id}.pdf",
            "{id.pdf",
            "x}.pdf",
            "{}.pdf",
            "same.pdf",
            "..\\{id}",
        ] {
            assert_eq!(parse_pattern(bad).unwrap_err().code, "usage", "{bad}");
        }
    }

    #[test]
    fn names_are_sanitised() {
        assert_eq!(sanitize("../../etc/passwd"), ".._.._etc_passwd");
        let cells: Map<String, Value> =
            serde_json::from_value(json!({"who": "../x", "n": 3})).unwrap();
        let p = parse_pattern("{who}-{n}.pdf").unwrap();
        assert_eq!(row_name(&p, 1, "1", &cells).unwrap(), "_._x-3.pdf");
        let p = parse_pattern("{who}").unwrap();
        let cells: Map<String, Value> = serde_json::from_value(json!({"who": ".."})).unwrap();
        assert_eq!(
            row_name(&p, 1, "1", &cells).unwrap_err().code,
            "pdf.batch_name"
        );
        let p = parse_pattern("{missing}.pdf").unwrap();
        assert_eq!(
            row_name(&p, 1, "1", &cells).unwrap_err().code,
            "pdf.batch_name"
        );
        let p = parse_pattern("{row}.pdf").unwrap();
        assert_eq!(row_name(&p, 7, "1", &cells).unwrap(), "7.pdf");
    }
}
