//! Typed errors of the formula crate.

/// Why a formula could not be parsed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ParseErrorKind {
    /// The formula is empty.
    #[error("empty formula")]
    Empty,
    /// The formula is longer than [`crate::MAX_FORMULA_LEN`].
    #[error("formula longer than {0} bytes")]
    TooLong(usize),
    /// Nesting deeper than [`crate::MAX_DEPTH`].
    #[error("formula nested deeper than {0} levels")]
    TooDeep(usize),
    /// A character that cannot start a token.
    #[error("unexpected character {0:?}")]
    UnexpectedChar(char),
    /// A token that does not fit where it stands.
    #[error("unexpected {0}")]
    Unexpected(String),
    /// The formula ended where more was needed.
    #[error("unexpected end of formula")]
    UnexpectedEnd,
    /// A string literal without its closing quote.
    #[error("unterminated string")]
    UnterminatedString,
    /// A quoted sheet name without its closing quote.
    #[error("unterminated quoted sheet name")]
    UnterminatedSheetName,
    /// A `[` without its `]`.
    #[error("unterminated [")]
    UnterminatedBracket,
    /// A sheet name not followed by `!`.
    #[error("expected ! after the sheet name")]
    ExpectedBang,
    /// A number that does not parse or overflows.
    #[error("invalid number")]
    BadNumber,
    /// A reference outside the grid (column after XFD, row after 1048576).
    #[error("reference outside the sheet: {0}")]
    BadReference(String),
    /// An array constant with rows of different lengths or a non-constant item.
    #[error("invalid array constant")]
    BadArray,
    /// A reference into another workbook (`[1]Sheet1!A1`).
    #[error("references to other workbooks are not supported")]
    ExternalReference,
}

/// A parse error and the byte offset in the formula text where it was found
/// (the text without its leading `=`).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{kind} at offset {pos}")]
pub struct ParseError {
    /// What went wrong.
    pub kind: ParseErrorKind,
    /// Byte offset into the formula text.
    pub pos: usize,
}

/// Errors of the workbook model.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A sheet index that does not exist.
    #[error("no sheet with index {0}")]
    NoSuchSheet(usize),
    /// Two sheets with the same name (names compare case-insensitively).
    #[error("duplicate sheet name {0:?}")]
    DuplicateSheet(String),
    /// A cell outside the grid.
    #[error("cell outside the sheet: row {row}, column {col}")]
    OutOfGrid {
        /// Row, 0-based.
        row: u32,
        /// Column, 0-based.
        col: u32,
    },
    /// A cell of a multi-cell array formula ([`crate::FormulaMode::ArrayCell`])
    /// whose position in the formula's range lies beyond the sheet's grid.
    #[error("array formula cell outside the sheet: row {row}, column {col} of its range")]
    ArrayCellOutOfGrid {
        /// Row inside the range, 0-based.
        row: u32,
        /// Column inside the range, 0-based.
        col: u32,
    },
    /// The model would hold more cell slots than [`crate::Limits::max_cells`].
    #[error("more than {0} cell slots")]
    TooManyCells(usize),
}

/// Result alias of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
