//! Notes on cells and Excel tables.

use rust_xlsxwriter::{
    Note as XNote, Table, TableColumn as XColumn, TableFunction, TableStyle, Worksheet,
};

use super::cells::{SheetCells, default_num};
use super::styles::Styles;
use super::{area, prepared, write_err};
use crate::cellref::Cell;
use crate::error::{Result, spec};
use crate::spec::{CellSpec, NoteSpec, SheetSpec, TableSpec, TotalFunction};

/// The notes of a sheet.
pub(super) fn notes(ws: &mut Worksheet, sh: &SheetSpec) -> Result<()> {
    for (k, n) in &sh.notes {
        let at = format!("{}.notes.{k}", sh.name);
        let cell = Cell::parse(k)
            .ok_or_else(|| spec(&at, format!("{k:?} is not a cell reference like B7")))?;
        let note = match n {
            NoteSpec::Text(t) => XNote::new(t).add_author_prefix(false),
            NoteSpec::Full(n) => {
                let mut x = XNote::new(&n.text).set_visible(n.visible);
                if let Some(a) = &n.author {
                    x = x.set_author(a).add_author_prefix(false);
                }
                if let Some(w) = n.width {
                    x = x.set_width(w.clamp(10, 2000));
                }
                if let Some(h) = n.height {
                    x = x.set_height(h.clamp(10, 2000));
                }
                x
            }
        };
        ws.insert_note(cell.row, cell.col, &note)
            .map_err(|e| write_err(&at, &e))?;
    }
    Ok(())
}

const LIGHT: [TableStyle; 21] = [
    TableStyle::Light1,
    TableStyle::Light2,
    TableStyle::Light3,
    TableStyle::Light4,
    TableStyle::Light5,
    TableStyle::Light6,
    TableStyle::Light7,
    TableStyle::Light8,
    TableStyle::Light9,
    TableStyle::Light10,
    TableStyle::Light11,
    TableStyle::Light12,
    TableStyle::Light13,
    TableStyle::Light14,
    TableStyle::Light15,
    TableStyle::Light16,
    TableStyle::Light17,
    TableStyle::Light18,
    TableStyle::Light19,
    TableStyle::Light20,
    TableStyle::Light21,
];
const MEDIUM: [TableStyle; 28] = [
    TableStyle::Medium1,
    TableStyle::Medium2,
    TableStyle::Medium3,
    TableStyle::Medium4,
    TableStyle::Medium5,
    TableStyle::Medium6,
    TableStyle::Medium7,
    TableStyle::Medium8,
    TableStyle::Medium9,
    TableStyle::Medium10,
    TableStyle::Medium11,
    TableStyle::Medium12,
    TableStyle::Medium13,
    TableStyle::Medium14,
    TableStyle::Medium15,
    TableStyle::Medium16,
    TableStyle::Medium17,
    TableStyle::Medium18,
    TableStyle::Medium19,
    TableStyle::Medium20,
    TableStyle::Medium21,
    TableStyle::Medium22,
    TableStyle::Medium23,
    TableStyle::Medium24,
    TableStyle::Medium25,
    TableStyle::Medium26,
    TableStyle::Medium27,
    TableStyle::Medium28,
];
const DARK: [TableStyle; 11] = [
    TableStyle::Dark1,
    TableStyle::Dark2,
    TableStyle::Dark3,
    TableStyle::Dark4,
    TableStyle::Dark5,
    TableStyle::Dark6,
    TableStyle::Dark7,
    TableStyle::Dark8,
    TableStyle::Dark9,
    TableStyle::Dark10,
    TableStyle::Dark11,
];

/// `TableStyleMedium2` (or `Medium2`, `none`) to the writer's style.
fn table_style(s: &str, at: &str) -> Result<TableStyle> {
    let t = s.trim();
    if t.eq_ignore_ascii_case("none") {
        return Ok(TableStyle::None);
    }
    let t = t.strip_prefix("TableStyle").unwrap_or(t);
    let found = [
        ("Light", &LIGHT[..]),
        ("Medium", &MEDIUM[..]),
        ("Dark", &DARK[..]),
    ]
    .iter()
    .find_map(|(p, list)| {
        let n: usize = t.strip_prefix(p)?.parse().ok()?;
        list.get(n.checked_sub(1)?).copied()
    });
    found.ok_or_else(|| {
        spec(
            at,
            format!(
                "table style {s:?} is not one of TableStyleLight1..21, TableStyleMedium1..28, \
                 TableStyleDark1..11 or none"
            ),
        )
    })
}

fn total(f: TotalFunction) -> TableFunction {
    match f {
        TotalFunction::Sum => TableFunction::Sum,
        TotalFunction::Average => TableFunction::Average,
        TotalFunction::Count => TableFunction::Count,
        TotalFunction::CountNumbers => TableFunction::CountNumbers,
        TotalFunction::Max => TableFunction::Max,
        TotalFunction::Min => TableFunction::Min,
        TotalFunction::StdDev => TableFunction::StdDev,
        TotalFunction::Var => TableFunction::Var,
    }
}

/// The tables of a sheet. Header texts default to the cells of the first row; their styles
/// are kept.
pub(super) fn tables(
    ws: &mut Worksheet,
    sh: &SheetSpec,
    cells: &SheetCells<'_>,
    styles: &mut Styles<'_>,
) -> Result<()> {
    for (i, t) in sh.tables.iter().enumerate() {
        let at = format!("{}.tables[{i}]", sh.name);
        table(ws, t, cells, styles, &at)?;
    }
    Ok(())
}

fn table(
    ws: &mut Worksheet,
    t: &TableSpec,
    cells: &SheetCells<'_>,
    styles: &mut Styles<'_>,
    at: &str,
) -> Result<()> {
    let a = area(&t.range, at)?;
    let width = usize::from(a.last.col - a.first.col) + 1;
    if t.columns.len() > width {
        return Err(spec(
            at,
            format!("{} columns given for a range {width} wide", t.columns.len()),
        ));
    }
    let min_rows = if t.total_row { 3 } else { 2 };
    if a.last.row - a.first.row + 1 < min_rows {
        return Err(spec(
            at,
            "a table needs a header row and at least one data row (and the total row if any)",
        ));
    }
    let mut columns = Vec::with_capacity(width);
    for j in 0..width {
        let col = a.first.col + u16::try_from(j).unwrap_or(0);
        let given = t.columns.get(j);
        let header_cell = cells.get(Cell {
            row: a.first.row,
            col,
        });
        let header = given
            .and_then(|g| g.header.clone())
            .or_else(|| match header_cell {
                Some(CellSpec::Text(s)) => Some(s.clone()),
                Some(CellSpec::Full(o)) => {
                    o.value.as_ref().and_then(|v| v.as_str()).map(str::to_owned)
                }
                _ => None,
            });
        let mut c = XColumn::new().set_header(header.unwrap_or_else(|| format!("Column{}", j + 1)));
        if let Some(CellSpec::Full(o)) = header_cell
            && let Some(f) = styles.format(o.style.as_ref(), default_num(o), at)?
        {
            c = c.set_header_format(f);
        }
        if let Some(g) = given {
            if (g.total.is_some() || g.total_label.is_some()) && !t.total_row {
                return Err(spec(
                    at,
                    format!(
                        "column {}: `total` and `total_label` need `total_row`",
                        j + 1
                    ),
                ));
            }
            if let Some(f) = g.total {
                c = c.set_total_function(total(f));
            }
            if let Some(l) = &g.total_label {
                c = c.set_total_label(l);
            }
            if let Some(f) = &g.formula {
                c = c.set_formula(prepared(f, at)?);
            }
        }
        columns.push(c);
    }
    let mut table = Table::new()
        .set_columns(&columns)
        .set_total_row(t.total_row)
        .set_banded_rows(t.banded_rows.unwrap_or(true))
        .set_autofilter(t.autofilter.unwrap_or(true));
    if let Some(n) = &t.name {
        table = table.set_name(n);
    }
    if let Some(s) = &t.style {
        table = table.set_style(table_style(s, at)?);
    }
    ws.add_table(a.first.row, a.first.col, a.last.row, a.last.col, &table)
        .map_err(|e| write_err(at, &e))?;
    Ok(())
}
