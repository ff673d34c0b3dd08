//! Sheet protection and print setup.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Sheet protection: locked cells (every cell unless its style says `"locked": false`)
/// cannot be changed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Protection {
    /// Password to unprotect (optional; Excel's legacy hash, a deterrent, not security).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    /// What users may still do besides selecting cells and editing unlocked ones.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allow: Vec<ProtectAllow>,
    /// Which cells may be selected (default `all`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub select: Option<SelectCells>,
}

/// Actions a protected sheet may still allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[expect(missing_docs, reason = "the names say it")]
pub enum ProtectAllow {
    FormatCells,
    FormatColumns,
    FormatRows,
    InsertColumns,
    InsertRows,
    InsertLinks,
    DeleteColumns,
    DeleteRows,
    Sort,
    Autofilter,
    PivotTables,
    EditObjects,
    EditScenarios,
}

/// Which cells of a protected sheet can be selected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SelectCells {
    /// Locked and unlocked cells.
    All,
    /// Only unlocked cells (the inputs).
    Unlocked,
    /// No cells.
    None,
}

/// Page setup for printing.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PrintSetup {
    /// `portrait` (default) or `landscape`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub orientation: Option<Orientation>,
    /// Paper size (default the printer's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paper: Option<Paper>,
    /// Fit the print to this many pages wide (0: as many as needed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fit_width: Option<u16>,
    /// Fit the print to this many pages tall (0: as many as needed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fit_height: Option<u16>,
    /// Print scale in percent, 10 to 400 (ignored when fitting to pages).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<u16>,
    /// Margins in inches.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub margins: Option<Margins>,
    /// Rows repeated at the top of every page, e.g. `"1:1"` or `"1:2"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repeat_rows: Option<String>,
    /// Columns repeated at the left of every page, e.g. `"A:A"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repeat_columns: Option<String>,
    /// The range to print, e.g. `"A1:H40"` (default the used range).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    /// Page header in Excel's codes (`&C&A` centres the sheet name; `&P` page, `&N` pages).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header: Option<String>,
    /// Page footer, same codes (`&CPage &P of &N`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub footer: Option<String>,
    /// Centre the print horizontally on the page.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub center_horizontally: bool,
    /// Print the cell gridlines.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub gridlines: bool,
}

/// Page orientation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[expect(missing_docs, reason = "the names say it")]
pub enum Orientation {
    Portrait,
    Landscape,
}

/// Paper sizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[expect(missing_docs, reason = "the names say it")]
pub enum Paper {
    Letter,
    Legal,
    Tabloid,
    A3,
    A4,
    A5,
}

/// Page margins in inches; a missing side keeps Excel's default.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[expect(missing_docs, reason = "the names say it")]
pub struct Margins {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub left: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub right: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bottom: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub footer: Option<f64>,
}
