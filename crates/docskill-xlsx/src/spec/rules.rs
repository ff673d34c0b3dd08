//! Rules on ranges: data validation and conditional formats.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::StyleRef;

/// A bound of a validation rule: a number, or an ISO date or time for `date` and `time` rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Bound {
    /// A number (for dates, an Excel serial number).
    Number(f64),
    /// `YYYY-MM-DD` for dates, `HH:MM[:SS]` for times.
    Text(String),
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
    /// Comparison for `whole`, `decimal`, `date`, `time` and `text_length` (default `between`
    /// when `min` and `max` are given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operator: Option<Operator>,
    /// Lower bound (`between`, `not_between`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<Bound>,
    /// Upper bound (`between`, `not_between`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<Bound>,
    /// The value compared with other operators.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Bound>,
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
    /// Dates; bounds as `YYYY-MM-DD` (or serial numbers).
    Date,
    /// Times of day; bounds as `HH:MM[:SS]` (or fractions of a day).
    Time,
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
#[expect(
    clippy::struct_excessive_bools,
    reason = "the spec's flags, each optional in JSON"
)]
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
    /// Style applied where the rule holds (font, fill, border, number format). Required by
    /// every kind except `color_scale`, `data_bar` and `icon_set`, which draw on their own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<StyleRef>,
    /// Colors of a `color_scale`, lowest value first: two (`#RRGGBB`) or three (the middle
    /// one for the 50th percentile). Default red, yellow, green.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub colors: Vec<String>,
    /// Bar color of a `data_bar`, `#RRGGBB` (default Excel's blue).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    /// Icons of an `icon_set` (default `3_traffic_lights`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icons: Option<IconStyle>,
    /// Reverse the order of the icons of an `icon_set`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub reverse: bool,
    /// Show only the icons or bars, not the values (`icon_set`, `data_bar`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hide_values: bool,
    /// How many cells a `top` or `bottom` rule marks (default 10), or what percent of them
    /// with `percent`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank: Option<u16>,
    /// `rank` is a percentage (`top`, `bottom`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub percent: bool,
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
    /// The `rank` highest values (or top `rank` percent with `percent`).
    Top,
    /// The `rank` lowest values (or bottom `rank` percent with `percent`).
    Bottom,
    /// Values above the range's average.
    AboveAverage,
    /// Values below the range's average.
    BelowAverage,
    /// A 2- or 3-color gradient from the lowest to the highest value (`colors`).
    ColorScale,
    /// A bar in each cell, as long as its value (`color`).
    DataBar,
    /// An icon in each cell by the value's third, quarter or fifth (`icons`).
    IconSet,
}

/// Icon sets: how many icons (3, 4 or 5) and which.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[expect(missing_docs, reason = "the names say it")]
pub enum IconStyle {
    #[serde(rename = "3_arrows")]
    Arrows3,
    #[serde(rename = "3_arrows_gray")]
    ArrowsGray3,
    #[serde(rename = "3_flags")]
    Flags3,
    #[serde(rename = "3_traffic_lights")]
    TrafficLights3,
    #[serde(rename = "3_traffic_lights_rimmed")]
    TrafficLightsRimmed3,
    #[serde(rename = "3_signs")]
    Signs3,
    #[serde(rename = "3_symbols")]
    Symbols3,
    #[serde(rename = "3_symbols_circled")]
    SymbolsCircled3,
    #[serde(rename = "3_stars")]
    Stars3,
    #[serde(rename = "3_triangles")]
    Triangles3,
    #[serde(rename = "4_arrows")]
    Arrows4,
    #[serde(rename = "4_arrows_gray")]
    ArrowsGray4,
    #[serde(rename = "4_red_to_black")]
    RedToBlack4,
    #[serde(rename = "4_ratings")]
    Ratings4,
    #[serde(rename = "4_traffic_lights")]
    TrafficLights4,
    #[serde(rename = "5_arrows")]
    Arrows5,
    #[serde(rename = "5_arrows_gray")]
    ArrowsGray5,
    #[serde(rename = "5_ratings")]
    Ratings5,
    #[serde(rename = "5_quarters")]
    Quarters5,
    #[serde(rename = "5_boxes")]
    Boxes5,
}
