//! Any text as Markdown for `docx create`: a document or a typed error, and
//! the document opens again.
#![no_main]

use docskill_docx::create::{CreateOptions, create};
use docskill_docx::{ChangeView, Docx};
use docskill_opc::Limits;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(md) = std::str::from_utf8(data) else { return };
    let limits = Limits::default();
    let images = |_: &str| -> Option<Vec<u8>> { None };
    if let Ok(bytes) = create(md, &CreateOptions::default(), &images, &limits) {
        let doc = Docx::open(bytes, &limits).expect("created documents open");
        let _ = doc.markdown(ChangeView::Accept);
        assert!(doc.check().is_empty(), "created documents pass check: {:?}", doc.check());
    }
});
