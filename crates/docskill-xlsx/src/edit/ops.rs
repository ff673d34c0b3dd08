//! The operations of `xlsx.edit`: each is a one-key JSON object, e.g.
//! `{"set": {"cell": "Data!B2", "value": 42}}`. A cell or range without a sheet name means
//! the first sheet.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::spec::{CellSpec, ConditionalFormat, Style, Validation, ValueType};

/// One edit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum EditOp {
    /// Set values, formulas, number formats or styles of a cell or range.
    Set(SetOp),
    /// Empty the cells of a range (values and formulas; formats too with `formats`).
    Clear(ClearOp),
    /// Add an empty worksheet.
    AddSheet(AddSheetOp),
    /// Rename a sheet; formulas, defined names, validations, conditional formats, charts
    /// and hyperlinks that point to it follow.
    RenameSheet(RenameSheetOp),
    /// Move a sheet to another tab position.
    MoveSheet(MoveSheetOp),
    /// Hide a sheet tab (`very_hidden`: only code can show it again).
    HideSheet(HideSheetOp),
    /// Show a hidden sheet tab.
    ShowSheet(SheetNameOp),
    /// Delete a sheet and the parts only it used; references to it become `#REF!`.
    DeleteSheet(SheetNameOp),
    /// Width or visibility of columns.
    Columns(ColumnsOp),
    /// Height or visibility of rows.
    Rows(RowsOp),
    /// Freeze the rows above and the columns left of a cell (`A1` unfreezes).
    Freeze(FreezeOp),
    /// Merge a range.
    Merge(RangeOp),
    /// Undo merges inside a range.
    Unmerge(RangeOp),
    /// Add a data validation rule (as in `xlsx.build`; `range` may name the sheet).
    AddValidation(Validation),
    /// Add a conditional format (as in `xlsx.build`; `range` may name the sheet).
    AddConditionalFormat(ConditionalFormat),
    /// Define (or redefine) a name.
    DefineName(DefineNameOp),
    /// Remove a defined name.
    DeleteName(DeleteNameOp),
}

/// `set`: values, formulas and formats.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SetOp {
    /// Cell or range, e.g. `B2`, `Data!B2:B10`, `'My data'!C3`.
    #[serde(alias = "range")]
    pub cell: String,
    /// The value for every cell of the range (ISO 8601 text with `type` date/datetime/time).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<serde_json::Value>,
    /// How to read `value`; by default from its JSON type.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<ValueType>,
    /// A formula for the range's first cell, e.g. `=A2*B2`; the other cells get it with
    /// relative references moved, as when Excel fills a range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub formula: Option<String>,
    /// Cached result of `formula`, shown by readers that do not recalculate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<serde_json::Value>,
    /// Rows of values written from `cell` down and right, as `rows` in `xlsx.build`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rows: Option<Vec<Vec<CellSpec>>>,
    /// Formatting merged into each cell's current format.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub style: Option<Style>,
    /// Number format, e.g. `#,##0.00` (short for `"style": {"num_format": ...}`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub num_format: Option<String>,
}

/// `clear`: empty a range.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClearOp {
    /// The range, e.g. `Data!B2:D20`.
    #[serde(alias = "cell")]
    pub range: String,
    /// Also remove formatting (default: keep it, like Excel's Clear Contents).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub formats: bool,
}

/// `add_sheet`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AddSheetOp {
    /// Tab name (1 to 31 characters, none of `[]:*?/\`).
    pub name: String,
    /// Tab position from 0 (default: last).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index: Option<usize>,
}

/// `rename_sheet`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RenameSheetOp {
    /// Current name.
    pub from: String,
    /// New name.
    pub to: String,
}

/// `move_sheet`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MoveSheetOp {
    /// The sheet.
    pub name: String,
    /// New tab position from 0.
    pub index: usize,
}

/// `hide_sheet`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HideSheetOp {
    /// The sheet.
    pub name: String,
    /// Hide it so that only code can show it again.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub very_hidden: bool,
}

/// A sheet by name.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SheetNameOp {
    /// The sheet.
    pub name: String,
}

/// `columns`: width and visibility.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ColumnsOp {
    /// Columns, e.g. `B`, `B:D`, `Data!A:A`.
    pub columns: String,
    /// Width in characters of the default font.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<f64>,
    /// Hide (`true`) or show (`false`) them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hidden: Option<bool>,
}

/// `rows`: height and visibility.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RowsOp {
    /// Rows, e.g. `1`, `2:5`, `Data!3`.
    pub rows: String,
    /// Height in points.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<f64>,
    /// Hide (`true`) or show (`false`) them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hidden: Option<bool>,
}

/// `freeze`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FreezeOp {
    /// The first cell that scrolls, e.g. `B2` (row 1 and column A stay); `A1` unfreezes.
    pub cell: String,
}

/// A range.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RangeOp {
    /// The range, e.g. `Data!A1:D1`.
    pub range: String,
}

/// `define_name`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DefineNameOp {
    /// The name, e.g. `TaxRate`.
    pub name: String,
    /// What it refers to, e.g. `=Data!$B$1` or `=0.2`.
    pub refers_to: String,
    /// Scope it to this sheet (default: the whole workbook).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
}

/// `delete_name`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DeleteNameOp {
    /// The name.
    pub name: String,
    /// The sheet it is scoped to (default: a workbook-wide name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
}
