//! Errors of the PPTX crate.

/// Everything that can go wrong reading or changing a presentation.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The package layer refused the file.
    #[error(transparent)]
    Package(#[from] docskill_opc::Error),
    /// The package has no presentation part.
    #[error("not a presentation: no officeDocument relationship to a PresentationML part")]
    NotPresentation,
    /// A slide index past the end of the deck.
    #[error("no slide {index}: the deck has {count} slide(s), numbered from 0")]
    NoSuchSlide {
        /// The index asked for.
        index: usize,
        /// How many slides there are.
        count: usize,
    },
    /// A shape name or id that is not on the slide.
    #[error("slide {slide} has no shape {shape:?}")]
    NoSuchShape {
        /// The slide index.
        slide: usize,
        /// The name or id asked for.
        shape: String,
        /// `(id, name)` of the shapes on that slide that hold text.
        available: Vec<(u32, String)>,
    },
    /// A shape that cannot hold what was asked (text in a picture, rows in a text box).
    #[error("shape {shape:?} on slide {slide} {problem}")]
    WrongShape {
        /// The slide index.
        slide: usize,
        /// The shape's name.
        shape: String,
        /// What is wrong.
        problem: String,
    },
    /// A layout name or index that the deck does not have.
    #[error("no layout {wanted:?}")]
    NoSuchLayout {
        /// What was asked for.
        wanted: String,
        /// The layout names, in index order.
        available: Vec<String>,
    },
    /// Input that cannot be used as given.
    #[error("invalid input: {0}")]
    InvalidInput(String),
}

/// Result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
