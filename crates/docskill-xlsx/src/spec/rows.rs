//! The `rows` of a sheet, parsed at once or kept as JSON text until the builder writes
//! them.
//!
//! A spec read from a file with [`parse_deferred`] keeps each sheet's `rows` as raw JSON
//! (checked to be well-formed JSON, not yet turned into cells). The builder then parses
//! them a row at a time while it writes, so a million-cell sheet is never held as cells
//! all at once, and a caller with threads can parse on one core while the writer runs on
//! another (see [`crate::build::RowFeed`]). Both forms build byte-identical workbooks.

use std::cell::Cell as StdCell;
use std::fmt;

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::value::RawValue;

use super::{CellSpec, WorkbookSpec};
use crate::error::{Error, Result};

/// The rows of a sheet: each an array of cells written from the sheet's `start` down.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rows(Repr);

#[derive(Debug, Clone, PartialEq)]
enum Repr {
    Parsed(Vec<Vec<CellSpec>>),
    Raw(RawRows),
}

impl Default for Repr {
    fn default() -> Self {
        Repr::Parsed(Vec::new())
    }
}

/// `rows` still as JSON text, with where that text starts in the spec (for errors).
#[derive(Debug, Clone)]
pub struct RawRows {
    json: Box<RawValue>,
    /// Line and column where the text starts (while parsing: 0 and its byte offset).
    at: (usize, usize),
}

impl PartialEq for RawRows {
    fn eq(&self, other: &Self) -> bool {
        self.json.get() == other.json.get()
    }
}

impl From<Vec<Vec<CellSpec>>> for Rows {
    fn from(rows: Vec<Vec<CellSpec>>) -> Self {
        Rows(Repr::Parsed(rows))
    }
}

/// The rows of a sheet, as the builder meets them.
pub enum RowsRef<'a> {
    /// Already cells.
    Parsed(&'a [Vec<CellSpec>]),
    /// JSON text, parsed while writing.
    Raw(&'a RawRows),
}

impl Rows {
    /// Whether there are no rows (raw rows count as present).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        match &self.0 {
            Repr::Parsed(r) => r.is_empty(),
            Repr::Raw(_) => false,
        }
    }

    /// The rows in whichever form they are held.
    #[must_use]
    pub fn get(&self) -> RowsRef<'_> {
        match &self.0 {
            Repr::Parsed(r) => RowsRef::Parsed(r),
            Repr::Raw(r) => RowsRef::Raw(r),
        }
    }

    /// Whether there are at least `n` cells (`null` ones included), counted without
    /// parsing raw rows.
    #[must_use]
    pub fn has_cells(&self, n: usize) -> bool {
        match &self.0 {
            Repr::Parsed(r) => r.iter().map(Vec::len).sum::<usize>() >= n,
            Repr::Raw(r) => count_cells(r.json.get().as_bytes(), n) >= n,
        }
    }
}

impl RawRows {
    /// Call `f` with each row in order, parsing one row at a time. A JSON error names its
    /// line and column in the whole spec.
    ///
    /// # Errors
    /// [`Error::SpecJson`] for a row that is not an array of cells; whatever `f` returns.
    pub fn for_each_row(&self, mut f: impl FnMut(Vec<CellSpec>) -> Result<()>) -> Result<()> {
        let mut stopped = None;
        let mut de = serde_json::Deserializer::from_str(self.json.get());
        let parsed = de
            .deserialize_seq(EachRow {
                f: &mut f,
                stopped: &mut stopped,
            })
            .and_then(|()| de.end());
        if let Some(e) = stopped {
            return Err(e);
        }
        parsed.map_err(|e| self.error(&e))
    }

    /// `e`, found in this text, placed in the whole spec.
    fn error(&self, e: &serde_json::Error) -> Error {
        let text = e.to_string();
        let suffix = format!(" at line {} column {}", e.line(), e.column());
        let message = text.strip_suffix(&suffix).unwrap_or(&text).to_owned();
        let (line, column) = if e.line() <= 1 {
            (self.at.0, self.at.1 + e.column().saturating_sub(1))
        } else {
            (self.at.0 + e.line() - 1, e.column())
        };
        Error::SpecJson {
            message,
            line,
            column,
        }
    }
}

struct EachRow<'f, F> {
    f: &'f mut F,
    stopped: &'f mut Option<Error>,
}

impl<'de, F: FnMut(Vec<CellSpec>) -> Result<()>> Visitor<'de> for EachRow<'_, F> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of rows, each an array of cells")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<(), A::Error> {
        while let Some(super::cell::Row(r)) = seq.next_element()? {
            if let Err(e) = (self.f)(r) {
                *self.stopped = Some(e);
                return Err(de::Error::custom("stopped"));
            }
        }
        Ok(())
    }
}

/// Cells at depth 2 of a JSON array of arrays, counted by scanning bytes up to `stop`:
/// each value that starts inside a row counts once, whatever it holds. Text that is not an
/// array of arrays gives some count; parsing it later reports the error.
fn count_cells(json: &[u8], stop: usize) -> usize {
    let (mut depth, mut count, mut expect) = (0usize, 0usize, false);
    let mut i = 0;
    while i < json.len() && count < stop {
        let b = json[i];
        match b {
            b' ' | b'\t' | b'\n' | b'\r' => {}
            b',' => expect = depth == 2,
            b']' | b'}' => {
                depth = depth.saturating_sub(1);
                expect = false;
            }
            _ => {
                if depth == 2 && expect {
                    count += 1;
                    expect = false;
                }
                match b {
                    b'[' | b'{' => {
                        depth += 1;
                        expect = depth == 2 && b == b'[';
                    }
                    b'"' => {
                        i += 1;
                        while i < json.len() && json[i] != b'"' {
                            i += if json[i] == b'\\' { 2 } else { 1 };
                        }
                    }
                    _ => {}
                }
            }
        }
        i += 1;
    }
    count
}

thread_local! {
    /// While [`parse_deferred`] runs: the address and length of the text it parses.
    static DEFER: StdCell<Option<(usize, usize)>> = const { StdCell::new(None) };
}

/// Parse a spec, keeping each sheet's `rows` as JSON text for the builder to parse while
/// it writes.
///
/// # Errors
/// The parser's error, with its line and column, when the spec is not valid.
pub fn parse_deferred(json: &[u8]) -> serde_json::Result<WorkbookSpec> {
    struct Reset;
    impl Drop for Reset {
        fn drop(&mut self) {
            DEFER.with(|d| d.set(None));
        }
    }
    DEFER.with(|d| d.set(Some((json.as_ptr() as usize, json.len()))));
    let _reset = Reset;
    let mut spec: WorkbookSpec = serde_json::from_slice(json)?;
    let mut at: Vec<&mut (usize, usize)> = spec
        .sheets
        .iter_mut()
        .filter_map(|sheet| match &mut sheet.rows.0 {
            Repr::Raw(r) => Some(&mut r.at),
            Repr::Parsed(_) => None,
        })
        .collect();
    positions(json, &mut at);
    Ok(spec)
}

impl<'de> Deserialize<'de> for Rows {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let Some((base, len)) = DEFER.with(StdCell::get) else {
            return super::cell::rows(d).map(|r| Rows(Repr::Parsed(r)));
        };
        let raw: &'de RawValue = Deserialize::deserialize(d)?;
        // Where the text starts in the spec; [`parse_deferred`] turns it into a line and
        // column once parsing is done.
        let offset = (raw.get().as_ptr() as usize)
            .checked_sub(base)
            .filter(|o| *o <= len)
            .unwrap_or(0);
        Ok(Rows(Repr::Raw(RawRows {
            json: raw.to_owned(),
            at: (0, offset),
        })))
    }
}

/// Line and column (from 1, columns in bytes, as `serde_json` counts) of each offset in
/// `offsets` (ascending) into `json`, in one pass.
fn positions(json: &[u8], offsets: &mut [&mut (usize, usize)]) {
    let (mut at, mut line, mut line_start) = (0usize, 1usize, 0usize);
    for pos in offsets {
        let offset = pos.1.clamp(at, json.len());
        for (i, b) in json[at..offset].iter().enumerate() {
            if *b == b'\n' {
                line += 1;
                line_start = at + i + 1;
            }
        }
        at = offset;
        **pos = (line, offset - line_start + 1);
    }
}

impl Serialize for Rows {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match &self.0 {
            Repr::Parsed(r) => r.serialize(s),
            Repr::Raw(r) => r.json.serialize(s),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed_count(json: &str) -> usize {
        let rows: Vec<Vec<CellSpec>> =
            super::super::cell::rows(&mut serde_json::Deserializer::from_str(json)).unwrap();
        rows.iter().map(Vec::len).sum()
    }

    #[test]
    fn the_byte_count_of_cells_matches_the_parsed_one() {
        for json in [
            "[]",
            "[[]]",
            "[[], [1], []]",
            r#"[[1, "a", null, true], [{"formula": "=SUM(A1:A2)", "style": {"bold": true}}]]"#,
            r#"[["[,]", "\"],[", "\\", {"value": [1, 2]}], [ 1 , 2 ,3 ] ]"#,
            "[\n [\n1,\n2\n]\n,\n[3]]",
            r#"[[{"value": {"a": [[1], [2]]}}, "x"]]"#,
        ] {
            let parsed = parsed_count(json);
            assert_eq!(count_cells(json.as_bytes(), usize::MAX), parsed, "{json}");
            assert_eq!(count_cells(json.as_bytes(), 2), parsed.min(2), "{json}");
        }
    }

    #[test]
    fn a_bad_row_is_placed_in_the_whole_spec_as_a_full_parse_places_it() {
        for spec in [
            "{\"sheets\": [{\"name\": \"A\", \"rows\": [[1, 2],\n  [3, {\"formla\": \"=1\"}]]}]}",
            "{\"sheets\": [{\"name\": \"A\", \"rows\": [[1, [2]]]}]}",
            "{\"sheets\": [{\"name\": \"A\"},\n{\"name\": \"B\", \"rows\":\n\n   [[1], 7]}]}",
        ] {
            let full = serde_json::from_slice::<WorkbookSpec>(spec.as_bytes()).unwrap_err();
            let deferred = parse_deferred(spec.as_bytes()).unwrap();
            let raw = deferred
                .sheets
                .iter()
                .find_map(|s| match s.rows.get() {
                    RowsRef::Raw(r) => Some(r),
                    RowsRef::Parsed(_) => None,
                })
                .unwrap();
            let e = raw.for_each_row(|_| Ok(())).unwrap_err();
            assert_eq!(e.to_string(), full.to_string(), "{spec}");
        }
    }

    #[test]
    fn rows_stop_when_the_sink_says_so() {
        let spec =
            parse_deferred(br#"{"sheets": [{"name": "A", "rows": [[1], [2], [3]]}]}"#).unwrap();
        let RowsRef::Raw(raw) = spec.sheets[0].rows.get() else {
            panic!("rows were parsed")
        };
        let mut seen = 0;
        let e = raw
            .for_each_row(|_| {
                seen += 1;
                if seen == 2 {
                    Err(crate::error::spec("here", "stop"))
                } else {
                    Ok(())
                }
            })
            .unwrap_err();
        assert_eq!((seen, e.to_string()), (2, "here: stop".to_owned()));
        // Serialized, raw rows are the text as given.
        assert_eq!(
            serde_json::to_string(&spec).unwrap(),
            r#"{"sheets":[{"name":"A","rows":[[1], [2], [3]]}]}"#
        );
    }
}
