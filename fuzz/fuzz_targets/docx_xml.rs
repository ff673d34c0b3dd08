//! Any bytes as `word/document.xml` of a small package: open, every view,
//! Markdown, changes, a tracked replacement, accept and reject, check.
#![no_main]

use docskill_docx::{ChangeView, Docx, Edit, Revision, Selection};
use docskill_opc::{Limits, Package};
use libfuzzer_sys::fuzz_target;

const BASE: &[u8] = include_bytes!("../../fixtures/opc/minimal.docx");

fuzz_target!(|data: &[u8]| {
    let limits = Limits::default();
    let Ok(mut pkg) = Package::open(BASE.to_vec(), &limits) else { return };
    if pkg.set_part("/word/document.xml", data.to_vec(), None).is_err() {
        return;
    }
    let Ok(bytes) = pkg.to_bytes() else { return };
    let Ok(doc) = Docx::open(bytes, &limits) else { return };
    for view in [ChangeView::Accept, ChangeView::Reject, ChangeView::All] {
        let paras = doc.paragraphs(view);
        let runs = doc.paragraph_runs(view);
        assert_eq!(paras.len(), runs.len());
        let _ = doc.markdown(view);
    }
    let _ = doc.changes();
    let _ = doc.check();
    let who = Revision { author: "fuzz".into(), date: None };
    let word = doc
        .paragraphs(ChangeView::Accept)
        .iter()
        .find_map(|p| p.text.split_whitespace().next().map(str::to_owned));
    let mut edited = doc.clone();
    if let Some(word) = word {
        let edit = Edit::Replace {
            find: word,
            replace: "fuzzed".into(),
            occurrence: Some(docskill_docx::Occurrence::First),
            within: None,
            match_case: true,
            whole_word: false,
        };
        let _ = edited.apply(&[edit], &who);
    }
    for accept in [true, false] {
        let mut d = edited.clone();
        if accept {
            d.accept(&Selection::default());
        } else {
            d.reject(&Selection::default());
        }
        if let Ok(b) = d.to_bytes() {
            let _ = Docx::open(b, &limits);
        }
    }
});
