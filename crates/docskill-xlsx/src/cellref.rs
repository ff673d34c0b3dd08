//! A1 references: cells (`B7`, `$B$7`), ranges (`A1:C3`) and column spans (`A:C`).

/// Rows in a worksheet.
pub const MAX_ROWS: u32 = 1_048_576;
/// Columns in a worksheet.
pub const MAX_COLS: u16 = 16_384;

/// A cell position, zero-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Cell {
    /// Row, from 0.
    pub row: u32,
    /// Column, from 0.
    pub col: u16,
}

/// A rectangle of cells, corners included, zero-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Area {
    /// Top-left cell.
    pub first: Cell,
    /// Bottom-right cell.
    pub last: Cell,
}

impl Cell {
    /// Parse `B7` or `$B$7`; `None` when it is not a cell inside the sheet.
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim().trim_start_matches('$');
        let letters = s.bytes().take_while(u8::is_ascii_alphabetic).count();
        let (col, rest) = s.split_at(letters);
        let rest = rest.strip_prefix('$').unwrap_or(rest);
        if rest.is_empty() || !rest.bytes().all(|b| b.is_ascii_digit()) || rest.starts_with('0') {
            return None;
        }
        let row: u32 = rest.parse().ok()?;
        let col = column_index(col)?;
        (row <= MAX_ROWS).then(|| Self { row: row - 1, col })
    }
}

impl std::fmt::Display for Cell {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}{}", column_name(self.col), self.row + 1)
    }
}

impl Area {
    /// Parse `A1:C3` (either corner order) or a single cell `B2`.
    pub fn parse(s: &str) -> Option<Self> {
        let (a, b) = s.split_once(':').unwrap_or((s, s));
        let (a, b) = (Cell::parse(a)?, Cell::parse(b)?);
        Some(Self {
            first: Cell {
                row: a.row.min(b.row),
                col: a.col.min(b.col),
            },
            last: Cell {
                row: a.row.max(b.row),
                col: a.col.max(b.col),
            },
        })
    }

    /// Parse a column span `A:C` (or `B`); returns the first and last column.
    pub fn parse_columns(s: &str) -> Option<(u16, u16)> {
        let (a, b) = s.split_once(':').unwrap_or((s, s));
        let (a, b) = (
            column_index(a.trim().trim_start_matches('$'))?,
            column_index(b.trim().trim_start_matches('$'))?,
        );
        Some((a.min(b), a.max(b)))
    }

    /// True when the area is one cell.
    pub fn is_single(&self) -> bool {
        self.first == self.last
    }
}

impl std::fmt::Display for Area {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.is_single() {
            write!(f, "{}", self.first)
        } else {
            write!(f, "{}:{}", self.first, self.last)
        }
    }
}

/// `A` → 0, `XFD` → 16383; `None` for anything else.
pub fn column_index(s: &str) -> Option<u16> {
    if s.is_empty() || s.len() > 3 || !s.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let n = s.bytes().fold(0u32, |n, b| {
        n * 26 + u32::from(b.to_ascii_uppercase() - b'A' + 1)
    });
    u16::try_from(n - 1).ok().filter(|c| *c < MAX_COLS)
}

/// 0 → `A`, 27 → `AB`.
pub fn column_name(col: u16) -> String {
    let mut n = u32::from(col) + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(b'A' + u8::try_from(r).unwrap_or(0));
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_parse_and_print() {
        assert_eq!(Cell::parse("A1"), Some(Cell { row: 0, col: 0 }));
        assert_eq!(Cell::parse("$AB$12"), Some(Cell { row: 11, col: 27 }));
        assert_eq!(
            Cell::parse("xfd1048576").map(|c| c.to_string()).as_deref(),
            Some("XFD1048576")
        );
        for bad in [
            "", "A", "1", "A0", "XFE1", "A1048577", "A1B", "A01", "AAAA1",
        ] {
            assert_eq!(Cell::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn areas_and_columns() {
        let a = Area::parse("C3:A1").unwrap();
        assert_eq!(a.to_string(), "A1:C3");
        assert_eq!(Area::parse("B2").unwrap().to_string(), "B2");
        assert_eq!(Area::parse_columns("A:C"), Some((0, 2)));
        assert_eq!(Area::parse_columns("D"), Some((3, 3)));
        assert_eq!(Area::parse("A1:"), None);
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(16383), "XFD");
    }
}
