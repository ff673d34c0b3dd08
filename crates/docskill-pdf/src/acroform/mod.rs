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
mod template;
mod tree;

pub use fill::{FieldProblem, FillOptions, FillReport, FillValue, fill};
pub use flatten::flatten;
pub use model::{ChoiceOption, Field, FieldKind, Form, RadioOption};
pub use template::FormTemplate;
pub use tree::fields;

pub(crate) use appearance::{Frame, TextStyle, n as num, text_content};
pub(crate) use encoding::{decode_text, encode_text};
pub(crate) use flatten::{placement_of, stamp};
pub(crate) use font::{field_font, parse_da};
