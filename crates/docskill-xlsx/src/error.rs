//! Errors of the XLSX layer.

/// What went wrong building or reading a workbook.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The spec asks for something impossible; `at` says where (`Data!B2`, `sheets[1].merge[0]`).
    #[error("{at}: {message}")]
    Spec {
        /// Where in the spec.
        at: String,
        /// What is wrong.
        message: String,
    },
    /// The spec is not valid JSON of the right shape (found while reading `rows` late).
    #[error("{message} at line {line} column {column}")]
    SpecJson {
        /// The parser's message.
        message: String,
        /// Line in the spec, from 1.
        line: usize,
        /// Column in that line, from 1.
        column: usize,
    },
    /// A formula that does not parse.
    #[error("{at}: formula {formula:?} does not parse: {reason}")]
    Formula {
        /// Sheet and cell (`Data!C2`), or the rule or name holding it.
        at: String,
        /// The formula as given.
        formula: String,
        /// The problem and where it is.
        reason: String,
    },
    /// The writer refused something the checks let through.
    #[error("{at}: {message}")]
    Write {
        /// Where in the spec.
        at: String,
        /// The writer's message.
        message: String,
    },
    /// The package is not a readable OOXML zip (encrypted, corrupt, over a limit...).
    #[error(transparent)]
    Package(#[from] docskill_opc::Error),
    /// The workbook's XML could not be read.
    #[error("cannot read the workbook: {0}")]
    Read(String),
    /// No sheet of that name.
    #[error("no sheet named {name:?}")]
    SheetNotFound {
        /// The name asked for.
        name: String,
        /// The sheets the workbook has.
        available: Vec<String>,
    },
    /// The sheet exists but holds no cells (a chart sheet, a macro sheet).
    #[error("sheet {0:?} is not a worksheet")]
    NotAWorksheet(String),
    /// A range that is not A1 notation.
    #[error("invalid range {0:?}: expected A1 notation such as A1:F40")]
    InvalidRange(String),
    /// An edit that cannot be made; `at` names the sheet and cell, range or name.
    #[error("{at}: {message}")]
    Edit {
        /// Where (`Data!B2`, `Data!A1:C3`, `sheet "Old"`).
        at: String,
        /// What is wrong.
        message: String,
    },
    /// Operation `index` (from 0) of an edit failed; nothing was changed.
    #[error("op {index}: {source}")]
    Op {
        /// Position of the operation in the list.
        index: usize,
        /// Why it failed.
        source: Box<Error>,
    },
    /// More cells than the caller allowed.
    #[error("{what} has {cells} cells, more than the limit of {limit}")]
    TooManyCells {
        /// The sheet or range.
        what: String,
        /// Cells it holds.
        cells: u64,
        /// The limit.
        limit: u64,
    },
}

/// Result of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

pub(crate) fn spec(at: impl Into<String>, message: impl Into<String>) -> Error {
    Error::Spec {
        at: at.into(),
        message: message.into(),
    }
}

pub(crate) fn edit(at: impl Into<String>, message: impl Into<String>) -> Error {
    Error::Edit {
        at: at.into(),
        message: message.into(),
    }
}
