//! Bounds on what a PDF may hold, checked while it is opened and read.

/// Limits applied while opening and interpreting a PDF.
///
/// The defaults accept every real PDF we have seen with wide margins and
/// refuse decompression bombs, object floods and runaway content streams
/// with [`crate::PdfError::LimitExceeded`] instead of hanging.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest input accepted, in bytes. Default 1 GiB.
    pub max_input_bytes: u64,
    /// Most pages. Default 50,000.
    pub max_pages: usize,
    /// Most indirect objects. Default 5,000,000.
    pub max_objects: usize,
    /// Largest size one stream may decompress to, in bytes. Default 256 MiB.
    pub max_stream_bytes: usize,
    /// Deepest nesting of form XObjects (and Type3 glyph procedures) drawn
    /// inside each other. Default 12.
    pub max_xobject_depth: usize,
    /// Most content-stream operators interpreted on one page, counting those
    /// inside form XObjects. Default 5,000,000.
    pub max_operators_per_page: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_input_bytes: 1 << 30,
            max_pages: 50_000,
            max_objects: 5_000_000,
            max_stream_bytes: 256 << 20,
            max_xobject_depth: 12,
            max_operators_per_page: 5_000_000,
        }
    }
}
