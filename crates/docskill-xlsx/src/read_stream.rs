//! `read` into a writer a row at a time: memory holds one row of the sheet, however many
//! rows it has, so there is no cell limit.
//!
//! The used range comes from a first pass over the cells (or from the range asked for);
//! the second pass writes. Cells must come in row order, as the format requires; a file
//! that breaks that is refused with a hint to read it into memory instead.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::Write;

use calamine::{Data, DataRef};
use serde_json::{Value, json};

use crate::cellref::{Area, Cell};
use crate::error::{Error, Result};
use crate::read::{
    ReadOptions, chosen_sheet, csv_row, markdown_header, markdown_row, merged_in, open,
    strip_prefixes, value_json,
};

/// Text formats [`read_into`] writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StreamFormat {
    /// `{"merged", "range", "rows": [[...], ...], "sheet"}`, as [`crate::read`]'s table
    /// serialises (`merged` only when the range holds merged cells).
    Json,
    /// RFC 4180 CSV, formulas in place of values when asked for.
    Csv,
    /// A Markdown table with column letters and row numbers.
    Markdown,
}

/// What [`read_into`] wrote.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StreamSummary {
    /// The sheet read.
    pub sheet: String,
    /// The range written (`None` for an empty sheet).
    pub range: Option<String>,
    /// Rows written.
    pub rows: u64,
    /// Cells written (rows × columns).
    pub cells: u64,
}

/// Write a sheet's values (and formulas, with `opts.formulas`) to `out` a row at a time.
/// `opts.max_cells` does not apply: memory holds one row.
///
/// # Errors
/// As [`crate::read`] (without [`Error::TooManyCells`]), plus [`Error::Read`] for cells out
/// of row order and [`Error::Write`] when `out` fails.
pub fn read_into(
    bytes: &[u8],
    opts: &ReadOptions,
    format: StreamFormat,
    limits: &docskill_opc::Limits,
    out: &mut dyn Write,
) -> Result<StreamSummary> {
    let (mut wb, _) = open(bytes, limits)?;
    let date1904 = wb.has_1904_epoch();
    let sheet = chosen_sheet(&wb, opts.sheet.as_deref())?;
    let read_err = |e: calamine::XlsxError| Error::Read(format!("{sheet}: {e}"));
    let area = match &opts.range {
        Some(r) => Some(Area::parse(r).ok_or_else(|| Error::InvalidRange(r.clone()))?),
        None => used_area(&mut wb, &sheet).map_err(read_err)?,
    };
    let merged = area
        .map(|a| merged_in(&mut wb, &sheet, a))
        .unwrap_or_default();
    let mut w = Rows::new(format, out, &sheet, area, &merged);
    if let Some(area) = area {
        let mut cells = wb.worksheet_cells_reader(&sheet).map_err(read_err)?;
        loop {
            let (pos, value, formula) = if opts.formulas {
                match cells.next_cell_with_formula().map_err(read_err)? {
                    Some(c) => (c.pos, c.value, c.formula),
                    None => break,
                }
            } else {
                match cells.next_cell().map_err(read_err)? {
                    Some(c) => (c.get_position(), c.get_value().clone(), None),
                    None => break,
                }
            };
            let Some(col) = u16::try_from(pos.1).ok().filter(|c| {
                pos.0 >= area.first.row
                    && pos.0 <= area.last.row
                    && *c >= area.first.col
                    && *c <= area.last.col
            }) else {
                continue;
            };
            let formula = formula.filter(|f| !f.is_empty());
            if matches!(value, DataRef::Empty) && formula.is_none() {
                continue;
            }
            w.put(pos.0, col, &value, formula.as_deref(), date1904)?;
        }
    }
    w.finish()
}

/// The smallest area holding every non-empty cell (`None` for an empty sheet).
fn used_area<R: std::io::Read + std::io::Seek>(
    wb: &mut calamine::Xlsx<R>,
    sheet: &str,
) -> std::result::Result<Option<Area>, calamine::XlsxError> {
    let mut cells = wb.worksheet_cells_reader(sheet)?;
    let mut area: Option<Area> = None;
    while let Some(c) = cells.next_cell()? {
        if matches!(c.get_value(), DataRef::Empty) {
            continue;
        }
        let (row, col) = c.get_position();
        let Ok(col) = u16::try_from(col) else {
            continue;
        };
        let cell = Cell { row, col };
        area = Some(match area {
            None => Area {
                first: cell,
                last: cell,
            },
            Some(a) => Area {
                first: Cell {
                    row: a.first.row.min(row),
                    col: a.first.col.min(col),
                },
                last: Cell {
                    row: a.last.row.max(row),
                    col: a.last.col.max(col),
                },
            },
        });
    }
    Ok(area)
}

/// Rows on their way out: the one being filled, and text waiting to be written.
struct Rows<'w> {
    format: StreamFormat,
    out: &'w mut dyn Write,
    sheet: String,
    area: Option<Area>,
    /// The row being filled (absolute index) and its cells.
    row: u32,
    values: Vec<Value>,
    formulas: Vec<Option<String>>,
    buf: String,
    written: u64,
}

/// Text is handed to the writer in pieces of about this size.
const FLUSH_AT: usize = 1 << 16;

fn write_err(e: &std::io::Error) -> Error {
    Error::Write {
        at: "output".into(),
        message: e.to_string(),
    }
}

impl<'w> Rows<'w> {
    fn new(
        format: StreamFormat,
        out: &'w mut dyn Write,
        sheet: &str,
        area: Option<Area>,
        merged: &[String],
    ) -> Self {
        let width = area.map_or(0, |a| usize::from(a.last.col - a.first.col) + 1);
        let mut rows = Self {
            format,
            out,
            sheet: sheet.to_owned(),
            area,
            row: area.map_or(0, |a| a.first.row),
            values: vec![Value::Null; width],
            formulas: vec![None; width],
            buf: String::new(),
            written: 0,
        };
        match format {
            StreamFormat::Json => {
                // Keys in the order `read`'s answer serialises them: merged (when there
                // are any), range, rows, sheet.
                rows.buf.push('{');
                if !merged.is_empty() {
                    let _ = write!(rows.buf, "\"merged\":{},", json!(merged));
                }
                let range = json!(area.map(|a| a.to_string()));
                let _ = write!(rows.buf, "\"range\":{range},\"rows\":[");
            }
            StreamFormat::Markdown => {
                if let Some(a) = area {
                    rows.buf.push_str(&markdown_header(a));
                }
            }
            StreamFormat::Csv => {}
        }
        rows
    }

    /// Place one cell, writing every row before it first.
    fn put(
        &mut self,
        row: u32,
        col: u16,
        value: &DataRef,
        formula: Option<&str>,
        date1904: bool,
    ) -> Result<()> {
        let Some(area) = self.area else {
            return Ok(());
        };
        if row < self.row {
            return Err(Error::Read(format!(
                "{}: the cells are not in row order (row {} comes after row {}); \
                 read it without an output file",
                self.sheet,
                row + 1,
                self.row
            )));
        }
        while self.row < row {
            self.emit()?;
        }
        let i = usize::from(col - area.first.col);
        self.values[i] = value_json(&Data::from(value.clone()), date1904);
        self.formulas[i] = formula.map(|f| format!("={}", strip_prefixes(f)));
        Ok(())
    }

    /// Write the row being filled and move to the next.
    fn emit(&mut self) -> Result<()> {
        let Some(area) = self.area else {
            return Ok(());
        };
        let number = self.row as usize + 1;
        match self.format {
            StreamFormat::Json => {
                if self.written > 0 {
                    self.buf.push(',');
                }
                let cells: Vec<Value> = self
                    .values
                    .iter_mut()
                    .zip(&mut self.formulas)
                    .map(|(v, f)| {
                        let v = std::mem::take(v);
                        match f.take() {
                            Some(f) => json!({"value": v, "formula": f}),
                            None => v,
                        }
                    })
                    .collect();
                self.buf.push_str(&Value::Array(cells).to_string());
            }
            StreamFormat::Csv | StreamFormat::Markdown => {
                let texts = self.values.iter().zip(&self.formulas).map(|(v, f)| {
                    f.as_deref()
                        .map_or_else(|| crate::read::plain(v), Cow::Borrowed)
                });
                if self.format == StreamFormat::Csv {
                    csv_row(&mut self.buf, texts);
                } else {
                    markdown_row(&mut self.buf, number, texts);
                }
                self.values.fill(Value::Null);
                self.formulas.fill(None);
            }
        }
        self.written += 1;
        self.row += 1;
        if self.buf.len() >= FLUSH_AT {
            self.out
                .write_all(self.buf.as_bytes())
                .map_err(|e| write_err(&e))?;
            self.buf.clear();
        }
        debug_assert!(self.row <= area.last.row + 1);
        Ok(())
    }

    fn finish(mut self) -> Result<StreamSummary> {
        let sheet_range = self.area;
        if let Some(area) = self.area {
            while self.row <= area.last.row {
                self.emit()?;
            }
        }
        if self.format == StreamFormat::Json {
            let sheet = json!(self.sheet);
            let _ = writeln!(self.buf, "],\"sheet\":{sheet}}}");
        }
        self.out
            .write_all(self.buf.as_bytes())
            .and_then(|()| self.out.flush())
            .map_err(|e| write_err(&e))?;
        let width = sheet_range.map_or(0, |a| u64::from(a.last.col - a.first.col) + 1);
        Ok(StreamSummary {
            sheet: self.sheet,
            range: sheet_range.map(|a| a.to_string()),
            rows: self.written,
            cells: self.written * width,
        })
    }
}
