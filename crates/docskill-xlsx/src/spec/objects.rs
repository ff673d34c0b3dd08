//! Things placed on a sheet besides cell values: notes, charts and Excel tables.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A note (a classic Excel comment) on a cell: its text, or an object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum NoteSpec {
    /// Just the text.
    Text(String),
    /// Text with an author or visibility.
    Full(Note),
}

/// A note written as an object.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Note {
    /// The text.
    pub text: String,
    /// Author shown with the note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Show the note all the time, not only on hover.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub visible: bool,
    /// Box width in pixels (default 128).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    /// Box height in pixels (default 74).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
}

/// A chart over ranges of the workbook, placed on this sheet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChartSpec {
    /// Kind of chart.
    #[serde(rename = "type")]
    pub kind: ChartType,
    /// The series (at least one).
    pub series: Vec<SeriesSpec>,
    /// Chart title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Title of the category (x) axis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub x_title: Option<String>,
    /// Title of the value (y) axis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub y_title: Option<String>,
    /// Cell at the chart's top-left corner (default `H2`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
    /// Width in pixels (default 480).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    /// Height in pixels (default 288).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
    /// Where the legend goes (default `right`), or `none`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legend: Option<LegendPosition>,
    /// Stack the series (`column`, `bar`, `line`, `area`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub stacked: bool,
}

/// Kinds of chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChartType {
    /// Vertical bars.
    Column,
    /// Horizontal bars.
    Bar,
    /// Lines through the points.
    Line,
    /// Slices of a whole (the first series).
    Pie,
    /// Points at (x, y); `categories` are the x values.
    Scatter,
    /// Filled areas under lines.
    Area,
}

/// One series of a chart. Ranges are `A2:A10` on this sheet or `'Other sheet'!A2:A10`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SeriesSpec {
    /// The values.
    pub values: String,
    /// Category labels (or x values of a scatter chart).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub categories: Option<String>,
    /// The series name: text, or a cell holding it (`=B1`, `=Data!B1`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Line or fill color, `#RRGGBB`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
}

/// Legend positions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[expect(missing_docs, reason = "the names say it")]
pub enum LegendPosition {
    Right,
    Left,
    Top,
    Bottom,
    None,
}

/// An Excel table (a list object) over a range whose first row holds the headers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TableSpec {
    /// The whole table with its header row (and total row if any), e.g. `"A1:D20"`.
    pub range: String,
    /// Table name used in structured references (`Sales[Amount]`); default `Table1`, ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Built-in style such as `TableStyleMedium2` (default), `TableStyleLight9`, or `none`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub style: Option<String>,
    /// Columns: header and total row settings, in order. Headers default to the text in the
    /// range's first row, then `Column1`, ...
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<TableColumn>,
    /// The last row of the range is a total row.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub total_row: bool,
    /// Shade every other row (default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub banded_rows: Option<bool>,
    /// Filter buttons in the header row (default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub autofilter: Option<bool>,
}

/// One column of a table.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TableColumn {
    /// Header text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header: Option<String>,
    /// Function of the total row under this column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<TotalFunction>,
    /// Text in the total row under this column (e.g. `Total`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_label: Option<String>,
    /// Formula filling the column's data cells (`=[@Qty]*[@Price]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub formula: Option<String>,
}

/// Total row functions (`SUBTOTAL` in the file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[expect(missing_docs, reason = "the names say it")]
pub enum TotalFunction {
    Sum,
    Average,
    Count,
    CountNumbers,
    Max,
    Min,
    StdDev,
    Var,
}
