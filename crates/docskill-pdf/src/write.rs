//! Writing a document back to bytes.

use crate::error::{PdfError, Result};

/// Serialises `doc` (decrypted: an opened encrypted file is written without
/// its encryption). Output depends only on the document: no dates, no IDs
/// are added.
///
/// # Errors
/// [`PdfError::Malformed`] when lopdf cannot write an object.
pub fn save(doc: &mut lopdf::Document) -> Result<Vec<u8>> {
    doc.trailer.remove(b"Encrypt");
    doc.encryption_state = None;
    let mut out = Vec::new();
    doc.save_to(&mut out)
        .map_err(|e| PdfError::malformed(format!("cannot write the PDF: {e}")))?;
    Ok(out)
}
