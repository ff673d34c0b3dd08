//! Excel tables and structured references (`Table1[Col]`, `[@Col]`,
//! `Table1[[#Headers],[A]:[C]]`), resolved to plain areas.

use crate::eval::interp::Area;
use crate::workbook::{Workbook, eq_names};

/// An Excel table (a `ListObject`): a named rectangle with named columns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// Table name as formulas write it (`Table1`).
    pub name: String,
    /// Sheet index.
    pub sheet: u32,
    /// First row (0-based), the header row when there is one.
    pub first_row: u32,
    /// Last row (0-based), the totals row when there is one.
    pub last_row: u32,
    /// First column (0-based).
    pub first_col: u32,
    /// Column names, left to right.
    pub columns: Vec<String>,
    /// Number of header rows (0 or 1).
    pub header_rows: u32,
    /// Number of totals rows (0 or 1).
    pub totals_rows: u32,
}

#[derive(Clone, Copy, Default)]
#[expect(
    clippy::struct_excessive_bools,
    reason = "the five special items of a structured reference"
)]
struct Parts {
    all: bool,
    data: bool,
    headers: bool,
    totals: bool,
    this_row: bool,
}

/// Splits the inside of a structured reference into items: `#Data`, column names, `:`.
fn items(inner: &str) -> (Vec<String>, bool) {
    let mut out = Vec::new();
    let mut at = false;
    let chars: Vec<char> = inner.chars().collect();
    let mut i = 0;
    let read = |i: &mut usize, stop: Option<char>| -> String {
        let mut s = String::new();
        while *i < chars.len() {
            let c = chars[*i];
            if c == '\'' && *i + 1 < chars.len() {
                s.push(chars[*i + 1]);
                *i += 2;
                continue;
            }
            if Some(c) == stop {
                *i += 1;
                break;
            }
            s.push(c);
            *i += 1;
        }
        s
    };
    while i < chars.len() {
        match chars[i] {
            ' ' | ',' => i += 1,
            '@' => {
                at = true;
                i += 1;
            }
            ':' => {
                out.push(":".to_owned());
                i += 1;
            }
            '[' => {
                i += 1;
                let s = read(&mut i, Some(']'));
                out.push(s);
            }
            _ => {
                let s = read(&mut i, None);
                out.push(s.trim_end().to_owned());
            }
        }
    }
    (out, at)
}

impl Table {
    fn data_rows(&self) -> (u32, u32) {
        (
            self.first_row + self.header_rows,
            self.last_row.saturating_sub(self.totals_rows),
        )
    }

    fn column(&self, name: &str) -> Option<u32> {
        self.columns
            .iter()
            .position(|c| eq_names(c.trim(), name.trim()))
            .and_then(|i| u32::try_from(i).ok())
    }

    /// The area of the reference `inner` (the text between the outer brackets)
    /// for a formula in (`row`, on this table's sheet or elsewhere).
    fn area(&self, inner: &str, row: u32, same_sheet: bool, whole: bool) -> Option<Area> {
        let (list, at) = items(inner);
        let mut p = Parts {
            this_row: at,
            ..Parts::default()
        };
        let mut cols: Option<(u32, u32)> = None;
        let mut range_next = false;
        for it in &list {
            if it == ":" {
                range_next = true;
                continue;
            }
            if let Some(special) = it.strip_prefix('#') {
                match special.to_ascii_lowercase().as_str() {
                    "all" => p.all = true,
                    "data" => p.data = true,
                    "headers" => p.headers = true,
                    "totals" => p.totals = true,
                    "this row" => p.this_row = true,
                    _ => return None,
                }
                continue;
            }
            if it.is_empty() {
                continue;
            }
            let c = self.column(it)?;
            cols = Some(match (cols, range_next) {
                (Some((a, _)), true) => (a.min(c), a.max(c)),
                _ => (c, c),
            });
            range_next = false;
        }
        let (d1, d2) = self.data_rows();
        let (r1, r2) = if p.all {
            (self.first_row, self.last_row)
        } else if p.this_row && whole {
            (d1, d2)
        } else if p.this_row {
            if !same_sheet || row < d1 || row > d2 {
                return None;
            }
            (row, row)
        } else {
            let top = if p.headers {
                if self.header_rows == 0 {
                    return None;
                }
                self.first_row
            } else {
                d1
            };
            let bottom = if p.totals {
                if self.totals_rows == 0 {
                    return None;
                }
                self.last_row
            } else {
                d2
            };
            let (top, bottom) = match (p.headers, p.data, p.totals) {
                (true, false, false) => (self.first_row, self.first_row),
                (false, false, true) => (self.last_row, self.last_row),
                _ => (top, bottom),
            };
            (top, bottom)
        };
        let n = u32::try_from(self.columns.len()).ok()?.checked_sub(1)?;
        let (c1, c2) = cols.unwrap_or((0, n));
        (r1 <= r2).then_some(Area {
            sheet: self.sheet,
            r1,
            c1: self.first_col + c1,
            r2,
            c2: self.first_col + c2,
        })
    }
}

impl Workbook {
    /// Registers a table so structured references to it resolve.
    pub fn add_table(&mut self, table: Table) {
        self.state = None;
        self.tables.push(table);
    }

    /// The tables registered.
    pub fn tables(&self) -> &[Table] {
        &self.tables
    }

    /// Resolves a structured reference written in a formula at
    /// (`sheet`, `row`, `col`); `None` when it names no table or column.
    /// With `whole`, `@` (this row) reads as the whole data column (for the
    /// dependency graph).
    pub(crate) fn structured_area(
        &self,
        text: &str,
        sheet: u32,
        row: u32,
        col: u32,
        whole: bool,
    ) -> Option<Area> {
        let open = text.find('[')?;
        let (name, rest) = text.split_at(open);
        let inner = rest.strip_prefix('[')?.strip_suffix(']')?;
        let table = if name.is_empty() {
            self.tables.iter().find(|t| {
                t.sheet == sheet
                    && (t.first_row..=t.last_row).contains(&row)
                    && col >= t.first_col
                    && (col - t.first_col) < u32::try_from(t.columns.len()).unwrap_or(0)
            })?
        } else {
            self.tables.iter().find(|t| eq_names(&t.name, name))?
        };
        table.area(inner, row, table.sheet == sheet, whole)
    }
}

#[cfg(test)]
mod tests {
    use super::Table;
    use crate::Workbook;

    fn wb() -> Workbook {
        let mut wb = Workbook::new();
        wb.add_sheet("S").unwrap();
        wb.add_table(Table {
            name: "Sales".into(),
            sheet: 0,
            first_row: 1,
            last_row: 5,
            first_col: 1,
            columns: vec!["Item".into(), "Qty".into(), "Price ]x".into()],
            header_rows: 1,
            totals_rows: 1,
        });
        wb
    }

    fn area(wb: &Workbook, s: &str, row: u32) -> Option<(u32, u32, u32, u32)> {
        wb.structured_area(s, 0, row, 2, false)
            .map(|a| (a.r1, a.c1, a.r2, a.c2))
    }

    #[test]
    fn resolves() {
        let wb = wb();
        assert_eq!(area(&wb, "Sales[Qty]", 0), Some((2, 2, 4, 2)));
        assert_eq!(area(&wb, "sales[]", 0), Some((2, 1, 4, 3)));
        assert_eq!(area(&wb, "Sales[#All]", 0), Some((1, 1, 5, 3)));
        assert_eq!(area(&wb, "Sales[#Headers]", 0), Some((1, 1, 1, 3)));
        assert_eq!(area(&wb, "Sales[[#Totals],[Qty]]", 0), Some((5, 2, 5, 2)));
        assert_eq!(
            area(&wb, "Sales[[#Headers],[#Data],[Qty]]", 0),
            Some((1, 2, 4, 2))
        );
        assert_eq!(area(&wb, "Sales[[Item]:[Qty]]", 0), Some((2, 1, 4, 2)));
        assert_eq!(area(&wb, "[@Qty]", 3), Some((3, 2, 3, 2)));
        assert_eq!(area(&wb, "Sales[@[Price ']x]]", 3), Some((3, 3, 3, 3)));
        assert_eq!(
            area(&wb, "Sales[[#This Row],[Item]]", 2),
            Some((2, 1, 2, 1))
        );
        assert_eq!(area(&wb, "[@Qty]", 1), None);
        assert_eq!(area(&wb, "Sales[Nope]", 1), None);
        assert_eq!(area(&wb, "Other[Qty]", 1), None);
    }
}
