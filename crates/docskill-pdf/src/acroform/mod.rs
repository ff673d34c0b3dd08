//! Interactive forms (`AcroForm`): list fields, fill them with appearance
//! streams every viewer shows, flatten them into the page.
//!
//! ```
//! let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/pdf/form.pdf")).unwrap();
//! let doc = docskill_pdf::open(&bytes, &Default::default()).unwrap();
//! let form = docskill_pdf::acroform::fields(&doc);
//! assert!(form.fields.iter().any(|f| f.field_id == "applicant.name"));
//! ```

mod appearance;
mod encoding;
mod fill;
mod flatten;
mod font;
mod model;
mod tree;

pub use fill::{FieldProblem, FillOptions, FillReport, FillValue, fill};
pub use flatten::flatten;
pub use model::{ChoiceOption, Field, FieldKind, Form, RadioOption};
pub use tree::fields;

pub(crate) use encoding::{decode_text, encode_text};
