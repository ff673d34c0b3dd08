//! A form parsed once and filled many times (batch filling).

use lopdf::Dictionary;

use super::fill::{FillOptions, FillReport, FillValue, check, default_resources, fill_prepared};
use super::model::Form;
use super::tree::{Terminal, terminals};
use crate::Document;
use crate::error::Result;

/// A parsed form whose field tree is read once; each [`FormTemplate::fill`]
/// works on a copy, so one template serves any number of fills (from
/// several threads too: it is `Sync` and `fill` takes `&self`).
///
/// ```
/// use docskill_pdf::acroform::{FillOptions, FillValue, FormTemplate};
/// let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/pdf/form.pdf")).unwrap();
/// let template = FormTemplate::new(docskill_pdf::open(&bytes, &Default::default()).unwrap());
/// for name in ["Ann", "Bob"] {
///     let values = vec![("applicant.name".to_owned(), FillValue::Text(name.into()))];
///     let (pdf, report) = template.fill(&values, FillOptions::default()).unwrap();
///     assert!(pdf.starts_with(b"%PDF-"));
///     assert_eq!(report.filled, 1);
/// }
/// ```
#[derive(Debug, Clone)]
pub struct FormTemplate {
    doc: Document,
    terms: Vec<Terminal>,
    dr: Option<Dictionary>,
}

impl FormTemplate {
    /// Reads the field tree of `doc`.
    pub fn new(doc: Document) -> Self {
        let terms = terminals(&doc);
        let dr = default_resources(&doc);
        Self { doc, terms, dr }
    }

    /// The opened document.
    pub fn document(&self) -> &Document {
        &self.doc
    }

    /// The field list, as [`super::fields`] gives it.
    pub fn fields(&self) -> Form {
        super::fields(&self.doc)
    }

    /// Whether the form has a terminal field named `name`.
    pub fn has_field(&self, name: &str) -> bool {
        self.terms.iter().any(|t| t.name == name)
    }

    /// The fully qualified names of the fields, in tree order.
    pub fn field_names(&self) -> Vec<&str> {
        self.terms.iter().map(|t| t.name.as_str()).collect()
    }

    /// Checks `values` without filling anything.
    ///
    /// # Errors
    /// [`crate::PdfError::FormValues`] listing every problem.
    pub fn check(&self, values: &[(String, FillValue)]) -> Result<()> {
        check(&self.terms, values)
    }

    /// Fills a copy of the form and returns the new file and what was done.
    ///
    /// # Errors
    /// [`crate::PdfError::FormValues`] when a value does not fit its field;
    /// [`crate::PdfError::Malformed`] when the result cannot be written.
    pub fn fill(
        &self,
        values: &[(String, FillValue)],
        options: FillOptions,
    ) -> Result<(Vec<u8>, FillReport)> {
        let mut doc = self.doc.clone();
        let report = fill_prepared(&mut doc, &self.terms, self.dr.as_ref(), values, options)?;
        let bytes = crate::save(doc.lopdf_mut())?;
        Ok((bytes, report))
    }
}
