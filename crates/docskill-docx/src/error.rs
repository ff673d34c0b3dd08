//! Errors of the DOCX crate.

/// Everything that can go wrong reading or editing a Word document.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The package layer refused the file.
    #[error(transparent)]
    Package(#[from] docskill_opc::Error),
    /// The package has no main document part.
    #[error("not a Word document: no officeDocument relationship to a WordprocessingML part")]
    NotWordprocessing,
    /// The searched text does not occur (outside deleted text).
    #[error("text not found: {find:?}")]
    NotFound {
        /// The text searched for.
        find: String,
        /// Paragraphs with the closest text: (address, text).
        closest: Vec<(String, String)>,
    },
    /// Several matches and no occurrence chosen.
    #[error("{find:?} occurs {} times; choose one with \"occurrence\"", .matches.len())]
    Ambiguous {
        /// The text searched for.
        find: String,
        /// (address, paragraph text) of each match.
        matches: Vec<(String, String)>,
    },
    /// An occurrence number past the number of matches.
    #[error("occurrence {wanted} of {find:?} requested, but it occurs {found} time(s)")]
    NoSuchOccurrence {
        /// The text searched for.
        find: String,
        /// The occurrence asked for (1-based).
        wanted: usize,
        /// How many there are.
        found: usize,
    },
    /// An address that does not exist.
    #[error("no paragraph at address {address:?}")]
    BadAddress {
        /// The address given.
        address: String,
        /// A description of the valid ones.
        valid: String,
    },
    /// Input to `create` that cannot be used (a missing image, an undefined footnote).
    #[error("invalid input: {0}")]
    InvalidInput(String),
    /// An edit that is not valid as given.
    #[error("invalid edit: {0}")]
    InvalidEdit(String),
}

/// Result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
