//! The workbook spec: what `xlsx.build` turns into a workbook. Plain serde types with a
//! JSON Schema; unknown fields are refused.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

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
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rows: Vec<Vec<CellSpec>>,
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
    /// Hide the sheet tab.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hidden: bool,
}

/// A cell: a plain value, or an object with a formula, a type or a style.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
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
    /// Cached result of the formula, shown by readers that do not recalculate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<serde_json::Value>,
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

/// A data validation rule on a range.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Validation {
    /// Cells it applies to, e.g. `"A2:A100"`.
    pub range: String,
    /// What is allowed.
    #[serde(rename = "type")]
    pub kind: ValidationType,
    /// Comparison for `whole`, `decimal` and `text_length` (default `between` when `min` and
    /// `max` are given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operator: Option<Operator>,
    /// Lower bound (`between`, `not_between`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// Upper bound (`between`, `not_between`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// The value compared with other operators.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// Choices of a `list` rule.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
    /// Formula of a `custom` rule, or the source range of a `list` (`=$F$1:$F$5`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub formula: Option<String>,
    /// Allow empty cells (default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ignore_blank: Option<bool>,
    /// Title of the message shown when a cell is selected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input_title: Option<String>,
    /// Message shown when a cell is selected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input_message: Option<String>,
    /// Title of the error shown for an invalid entry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_title: Option<String>,
    /// Error shown for an invalid entry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_message: Option<String>,
    /// `stop` (default) refuses invalid entries; `warning` and `information` only warn.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_style: Option<ErrorStyle>,
}

/// Kinds of data validation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ValidationType {
    /// One of `values` (or of the cells in `formula`).
    List,
    /// Whole numbers.
    Whole,
    /// Any numbers.
    Decimal,
    /// Text whose length satisfies the comparison.
    TextLength,
    /// Values for which `formula` is true.
    Custom,
}

/// Comparison operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[expect(missing_docs, reason = "the names say it")]
pub enum Operator {
    #[serde(rename = "between")]
    Between,
    #[serde(rename = "not_between")]
    NotBetween,
    #[serde(rename = "==")]
    Eq,
    #[serde(rename = "!=")]
    Ne,
    #[serde(rename = ">")]
    Gt,
    #[serde(rename = ">=")]
    Ge,
    #[serde(rename = "<")]
    Lt,
    #[serde(rename = "<=")]
    Le,
}

/// How an invalid entry is treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[expect(missing_docs, reason = "the names say it")]
pub enum ErrorStyle {
    Stop,
    Warning,
    Information,
}

/// A conditional format on a range.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConditionalFormat {
    /// Cells it applies to, e.g. `"C2:C100"`.
    pub range: String,
    /// The kind of rule.
    #[serde(rename = "type")]
    pub kind: ConditionalType,
    /// Comparison of a `cell` rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operator: Option<Operator>,
    /// Compared value of a `cell` rule: a number, text, or a formula starting with `=`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<serde_json::Value>,
    /// Lower bound of a `between` rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<serde_json::Value>,
    /// Upper bound of a `between` rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<serde_json::Value>,
    /// Formula of a `formula` rule, relative to the range's top-left cell (`=$C2>5`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub formula: Option<String>,
    /// Style applied where the rule holds (font, fill, border, number format).
    pub format: StyleRef,
    /// Do not evaluate later rules where this one holds.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub stop_if_true: bool,
}

/// Kinds of conditional format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ConditionalType {
    /// Compare the cell's value (`operator`, `value` or `min`/`max`).
    Cell,
    /// A formula that is true for the cells to format.
    Formula,
    /// Values that appear more than once.
    Duplicate,
    /// Values that appear once.
    Unique,
    /// Empty cells.
    Blank,
    /// Cells that are not empty.
    NoBlank,
}
