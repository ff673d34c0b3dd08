//! Bounds on what a package may hold, checked before work is done.

/// Limits applied while opening and reading a package.
///
/// The defaults accept every real OOXML file we have seen (the largest corpus
/// package holds 212 entries and 2 MB) with wide margins, and refuse zip bombs
/// and entry floods before inflating anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest input accepted, in bytes. Default 1 GiB.
    pub max_input_bytes: u64,
    /// Most zip entries. Default 10,000.
    pub max_entries: u64,
    /// Most uncompressed bytes, summed over all entries. Default 1 GiB.
    pub max_total_uncompressed: u64,
    /// Largest single part, uncompressed. Default 512 MiB.
    pub max_part_size: u64,
    /// Highest compression ratio (uncompressed / compressed) for parts larger
    /// than [`Limits::ratio_min_size`]. Default 250.
    pub max_compression_ratio: u64,
    /// Parts smaller than this are not held to the ratio limit. Default 1 MiB.
    pub ratio_min_size: u64,
    /// Deepest element nesting accepted in XML. Default 256.
    pub max_xml_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_input_bytes: 1 << 30,
            max_entries: 10_000,
            max_total_uncompressed: 1 << 30,
            max_part_size: 512 << 20,
            max_compression_ratio: 250,
            ratio_min_size: 1 << 20,
            max_xml_depth: 256,
        }
    }
}
