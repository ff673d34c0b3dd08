//! The workbook spec: what `xlsx.build` turns into a workbook. Plain serde types with a
//! JSON Schema; unknown fields are refused.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

mod cell;
mod objects;
mod page;
mod rows;
mod rules;

pub use objects::{
    ChartSpec, ChartType, LegendPosition, Note, NoteSpec, SeriesSpec, TableColumn, TableSpec,
    TotalFunction,
};
pub use page::{Margins, Orientation, Paper, PrintSetup, ProtectAllow, Protection, SelectCells};
pub use rows::{RawRows, Rows, RowsRef, parse_deferred};
pub use rules::{
    Bound, ConditionalFormat, ConditionalType, ErrorStyle, IconStyle, Operator, Validation,
    ValidationType,
};

/// A whole workbook.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WorkbookSpec {
    /// The sheets, in tab order (at least one).
    pub sheets: Vec<SheetSpec>,
    /// Named styles that cells, columns and conditional formats refer to by name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub styles: BTreeMap<String, Style>,
    /// Defined names: `"TaxRate": "=Data!$B$1"`; a sheet-scoped name is written `"Data!Local"`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub defined_names: BTreeMap<String, String>,
    /// Creation time stored in the document properties (ISO 8601, UTC). Default: none given
    /// here, the caller's (fixed, so output is reproducible).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
}

/// One worksheet.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SheetSpec {
    /// Tab name (1 to 31 characters, none of `[]:*?/\`).
    pub name: String,
    /// Cells by A1 reference: `"A1": "qty"`, `"A2": 3`, `"C2": {"formula": "=A2*B2"}`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub cells: BTreeMap<String, CellSpec>,
    /// Rows of values written from `start` down; `null` leaves a cell empty.
    #[serde(default, skip_serializing_if = "Rows::is_empty")]
    #[schemars(with = "Vec<Vec<CellSpec>>")]
    pub rows: Rows,
    /// Top-left cell of `rows` (default `A1`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    /// Column widths, styles and visibility.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<ColumnSpec>,
    /// Row heights in points by row number: `{"1": 24}`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub row_heights: BTreeMap<u32, f64>,
    /// Merged ranges, e.g. `"A1:C1"`; the merged cell shows the top-left cell's value and style.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub merge: Vec<String>,
    /// Freeze rows above and columns left of this cell (`"A2"` freezes the first row).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub freeze: Option<String>,
    /// Range with filter buttons on its first row, e.g. `"A1:D20"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub autofilter: Option<String>,
    /// Data validation rules.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub data_validations: Vec<Validation>,
    /// Conditional formats.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditional_formats: Vec<ConditionalFormat>,
    /// Notes (comments) by cell: `"B2": "Source: FY24 report"` or `{"text": ..., "author": ...}`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub notes: BTreeMap<String, NoteSpec>,
    /// Charts placed on this sheet.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub charts: Vec<ChartSpec>,
    /// Excel tables over ranges of this sheet.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tables: Vec<TableSpec>,
    /// Protect the sheet: locked cells cannot be edited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protection: Option<Protection>,
    /// Page setup for printing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub print: Option<PrintSetup>,
    /// Hide the sheet tab.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hidden: bool,
}

/// A cell: a plain value, or an object with a formula, a type or a style.
// Deserialized by hand (spec/cell.rs) rather than as an untagged enum: a million-cell spec
// then parses without buffering every value and trying each variant in turn.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum CellSpec {
    /// Nothing (leaves the cell empty; useful in `rows`).
    Empty(()),
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Number(f64),
    /// Text, written as it is (a leading `=` does not make it a formula).
    Text(String),
    /// A value with a type, a formula or a style.
    Full(Box<CellObject>),
}

/// A cell written as an object.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CellObject {
    /// The value (ISO 8601 text for dates and times).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<serde_json::Value>,
    /// How to read `value`; by default from its JSON type.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<ValueType>,
    /// A formula, e.g. `=SUM(A1:A3)`; newer functions get their `_xlfn.` prefix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub formula: Option<String>,
    /// Cached result of the formula, shown by readers that do not recalculate (for an array
    /// formula, the value of its top-left cell).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<serde_json::Value>,
    /// Range filled by a legacy array formula (`{=...}`, entered with Ctrl+Shift+Enter),
    /// starting at this cell, e.g. `"C2:C5"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub array: Option<String>,
    /// A dynamic-array formula that spills from this cell (Excel 365). Formulas using
    /// FILTER, SORT, UNIQUE, SEQUENCE, ... are dynamic without this flag.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub dynamic: bool,
    /// Hyperlink of the cell: `https://...`, `mailto:...`, or `#Sheet!A1` for a place in the
    /// workbook. `value` is the text shown (default the link itself).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// Tooltip of the hyperlink.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tip: Option<String>,
    /// Style: a named style or an inline one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub style: Option<StyleRef>,
}

/// How to read a cell's `value`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ValueType {
    /// Text.
    String,
    /// A number.
    Number,
    /// `true`/`false`.
    Bool,
    /// `YYYY-MM-DD`, shown as `yyyy-mm-dd` unless the style has a number format.
    Date,
    /// `YYYY-MM-DDTHH:MM[:SS]`, shown as `yyyy-mm-dd hh:mm:ss` by default.
    Datetime,
    /// `HH:MM[:SS]`, shown as `hh:mm:ss` by default.
    Time,
}

/// A style by name (from `styles`) or inline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum StyleRef {
    /// The name of a style in `styles`.
    Named(String),
    /// An inline style.
    Inline(Box<Style>),
}

/// Cell formatting. Every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Style {
    /// Number format, e.g. `#,##0.00`, `0%`, `yyyy-mm-dd`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub num_format: Option<String>,
    /// Bold font.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bold: Option<bool>,
    /// Italic font.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub italic: Option<bool>,
    /// Single underline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub underline: Option<bool>,
    /// Font size in points.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<f64>,
    /// Font color, `#RRGGBB`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    /// Font name, e.g. `Arial`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub font: Option<String>,
    /// Solid background color, `#RRGGBB`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fill: Option<String>,
    /// Border on all four sides.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub border: Option<BorderStyle>,
    /// Border color, `#RRGGBB`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub border_color: Option<String>,
    /// Horizontal alignment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub align: Option<HAlign>,
    /// Vertical alignment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valign: Option<VAlign>,
    /// Wrap text in the cell.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wrap: Option<bool>,
    /// `false` unlocks the cell: it stays editable when the sheet is protected (inputs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locked: Option<bool>,
    /// Hide the cell's formula in the formula bar when the sheet is protected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hide_formula: Option<bool>,
}

/// Border line style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[expect(missing_docs, reason = "the names say it")]
pub enum BorderStyle {
    Thin,
    Medium,
    Thick,
    Dashed,
    Dotted,
    Double,
    Hair,
}

/// Horizontal alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[expect(missing_docs, reason = "the names say it")]
pub enum HAlign {
    Left,
    Center,
    Right,
    Fill,
    Justify,
    CenterAcross,
    Distributed,
}

/// Vertical alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[expect(missing_docs, reason = "the names say it")]
pub enum VAlign {
    Top,
    Center,
    Bottom,
    Justify,
    Distributed,
}

/// Width, style or visibility of a span of columns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ColumnSpec {
    /// Columns, e.g. `"A:A"`, `"B:D"` or `"C"`.
    pub range: String,
    /// Width in characters of the default font.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<f64>,
    /// Default style of the columns' cells.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub style: Option<StyleRef>,
    /// Hide the columns.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hidden: bool,
}
