//! Errors of the renderer.

/// Why a deck or slide could not be rendered.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The deck could not be opened or a part could not be read.
    #[error(transparent)]
    Pptx(#[from] docskill_pptx::Error),
    /// A slide number outside the deck.
    #[error("slide {slide} does not exist (the deck has {count} slides)")]
    NoSuchSlide {
        /// The 1-based slide number asked for.
        slide: usize,
        /// Slides in the deck.
        count: usize,
    },
    /// The image asked for is too large.
    #[error("an image of {width}×{height} pixels exceeds the limit of {limit} pixels")]
    TooLarge {
        /// Width asked for.
        width: u32,
        /// Height that follows.
        height: u32,
        /// Most pixels allowed.
        limit: u64,
    },
    /// A width of zero or similar nonsense.
    #[error("invalid option: {0}")]
    BadOption(String),
    /// PNG encoding failed.
    #[error("PNG encoding failed: {0}")]
    Encode(String),
}

/// Result of the renderer.
pub type Result<T> = std::result::Result<T, Error>;
