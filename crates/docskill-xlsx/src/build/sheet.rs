//! One worksheet: cells, merges and layout, then the rules, objects and page setup the
//! other modules write.

use rust_xlsxwriter::Worksheet;

use super::cells::{SheetCells, default_num, write_cell};
use super::styles::Styles;
use super::{
    BuildSummary, RowFeed, area, charts, conditional, objects, page, validation, write_err,
};
use crate::cellref::{Area, Cell, MAX_ROWS};
use crate::error::{Result, spec};
use crate::spec::{CellSpec, RowsRef, SheetSpec};

/// Write everything the spec says about sheet `sh`; `sheets` are the names of all sheets
/// (for chart ranges).
/// Rows kept as JSON text are parsed by `feed`: as they are written when `streamed` (the
/// sheet is written a row at a time and needs no random access to its cells), else first.
pub(super) fn write_sheet(
    ws: &mut Worksheet,
    sh: &SheetSpec,
    sheets: &[&str],
    styles: &mut Styles<'_>,
    sum: &mut BuildSummary,
    (feed, streamed): (&mut dyn RowFeed, bool),
) -> Result<()> {
    let name = sh.name.as_str();
    let parsed;
    let (rows, raw) = match sh.rows.get() {
        RowsRef::Parsed(rows) => (rows, None),
        RowsRef::Raw(raw) if streamed => (&[][..], Some(raw)),
        RowsRef::Raw(raw) => {
            let mut v = Vec::new();
            feed.rows(raw, &mut |row| {
                v.push(std::mem::take(row));
                Ok(())
            })?;
            v.shrink_to_fit();
            parsed = v;
            (&parsed[..], None)
        }
    };
    let cells = SheetCells::new(sh, rows)?;
    merges(ws, sh, &cells, styles)?;
    let write = |cell, v: &CellSpec| write_cell(ws, name, cell, v, styles, sum);
    match raw {
        Some(raw) => cells.stream(raw, feed, write)?,
        None => cells.for_each(write)?,
    }
    layout(ws, sh, styles)?;
    for (i, v) in sh.data_validations.iter().enumerate() {
        let at = format!("{name}.data_validations[{i}]");
        let a = area(&v.range, &at)?;
        let dv = validation::validation(v, &at)?;
        ws.add_data_validation(a.first.row, a.first.col, a.last.row, a.last.col, &dv)
            .map_err(|e| write_err(&at, &e))?;
    }
    for (i, cf) in sh.conditional_formats.iter().enumerate() {
        let at = format!("{name}.conditional_formats[{i}]");
        conditional::conditional(ws, cf, styles, &at)?;
    }
    objects::notes(ws, sh)?;
    objects::tables(ws, sh, &cells, styles)?;
    for (i, ch) in sh.charts.iter().enumerate() {
        charts::chart(ws, ch, name, sheets, &format!("{name}.charts[{i}]"))?;
    }
    if let Some(p) = &sh.protection {
        page::protect(ws, p);
    }
    if let Some(p) = &sh.print {
        page::print(ws, p, &format!("{name}.print"))?;
    }
    if sh.hidden {
        ws.set_hidden(true);
    }
    Ok(())
}

fn merges(
    ws: &mut Worksheet,
    sh: &SheetSpec,
    cells: &SheetCells<'_>,
    styles: &mut Styles<'_>,
) -> Result<()> {
    for (i, m) in sh.merge.iter().enumerate() {
        let at = format!("{}.merge[{i}]", sh.name);
        let a = area(m, &at)?;
        if a.is_single() {
            return Err(spec(
                at,
                format!("{m:?} is a single cell; a merge needs two or more"),
            ));
        }
        let style = cells.get(a.first).and_then(|c| match c {
            CellSpec::Full(o) => Some((o.style.as_ref(), default_num(o))),
            _ => None,
        });
        let f = match style {
            Some((s, dn)) => styles.format(s, dn, &at)?,
            None => None,
        }
        .unwrap_or_default();
        ws.merge_range(a.first.row, a.first.col, a.last.row, a.last.col, "", &f)
            .map_err(|e| write_err(&at, &e))?;
    }
    Ok(())
}

/// Column widths, styles and visibility, row heights, freeze panes, autofilter.
fn layout(ws: &mut Worksheet, sh: &SheetSpec, styles: &mut Styles<'_>) -> Result<()> {
    let name = sh.name.as_str();
    for (i, col) in sh.columns.iter().enumerate() {
        let at = format!("{name}.columns[{i}]");
        let (c1, c2) = Area::parse_columns(&col.range).ok_or_else(|| {
            spec(
                &at,
                format!("{:?} is not a column span like B:D", col.range),
            )
        })?;
        if let Some(w) = col.width {
            if !(0.0..=255.0).contains(&w) {
                return Err(spec(at, format!("width {w} is outside 0..255")));
            }
            ws.set_column_range_width(c1, c2, w)
                .map_err(|e| write_err(&at, &e))?;
        }
        if let Some(f) = styles.format(col.style.as_ref(), None, &at)? {
            ws.set_column_range_format(c1, c2, &f)
                .map_err(|e| write_err(&at, &e))?;
        }
        if col.hidden {
            ws.set_column_range_hidden(c1, c2)
                .map_err(|e| write_err(&at, &e))?;
        }
    }
    for (row, h) in &sh.row_heights {
        let at = format!("{name}.row_heights.{row}");
        if *row == 0 || *row > MAX_ROWS {
            return Err(spec(at, "row numbers start at 1"));
        }
        if !(0.0..=409.0).contains(h) {
            return Err(spec(at, format!("height {h} is outside 0..409")));
        }
        ws.set_row_height(row - 1, *h)
            .map_err(|e| write_err(&at, &e))?;
    }
    if let Some(fr) = &sh.freeze {
        let at = format!("{name}.freeze");
        let c =
            Cell::parse(fr).ok_or_else(|| spec(&at, format!("{fr:?} is not a cell reference")))?;
        ws.set_freeze_panes(c.row, c.col)
            .map_err(|e| write_err(&at, &e))?;
    }
    if let Some(af) = &sh.autofilter {
        let at = format!("{name}.autofilter");
        let a = area(af, &at)?;
        ws.autofilter(a.first.row, a.first.col, a.last.row, a.last.col)
            .map_err(|e| write_err(&at, &e))?;
    }
    Ok(())
}
