//! The Markdown view of the project fixtures, in each revision view.

use docskill_docx::{ChangeView, Docx};
use docskill_opc::Limits;

fn md(name: &str, view: ChangeView) -> String {
    let path = format!("{}/../../fixtures/docx/{name}", env!("CARGO_MANIFEST_DIR"));
    Docx::open(std::fs::read(path).unwrap(), &Limits::default())
        .unwrap()
        .markdown(view)
}

#[test]
fn review_fixture() {
    insta::assert_snapshot!("review_accept", md("review.docx", ChangeView::Accept));
    insta::assert_snapshot!("review_all", md("review.docx", ChangeView::All));
}

#[test]
fn revisions_fixture() {
    insta::assert_snapshot!("revisions_all", md("revisions.docx", ChangeView::All));
}
