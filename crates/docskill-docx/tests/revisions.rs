//! Listing, accepting and rejecting every revision kind of `fixtures/docx/revisions.docx`.

use docskill_docx::{ChangeView, Docx, Selection};
use docskill_opc::{Limits, xml::canonicalize};

fn fixture() -> Docx {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fixtures/docx/revisions.docx"
    );
    Docx::open(std::fs::read(path).unwrap(), &Limits::default()).unwrap()
}

fn body_texts(d: &Docx, view: ChangeView) -> Vec<String> {
    d.paragraphs(view)
        .into_iter()
        .filter(|p| p.address.starts_with('p') || p.address.starts_with('t'))
        .map(|p| p.text)
        .collect()
}

fn body_xml(d: &Docx) -> String {
    let reopened = Docx::open(d.to_bytes().unwrap(), &Limits::default()).unwrap();
    let root = &reopened.main_document().root;
    canonicalize(root.to_xml().as_bytes(), "document.xml", &Limits::default()).unwrap()
}

#[test]
fn changes_lists_every_kind() {
    let list: Vec<String> = fixture()
        .changes()
        .iter()
        .map(|c| {
            format!(
                "{} {:<26} {:<5} {:?} {:?} {}",
                c.id, c.kind, c.author, c.date, c.text, c.address
            )
        })
        .collect();
    insta::assert_snapshot!(list.join("\n"));
}

#[test]
fn accept_all_gives_the_accept_view_and_leaves_no_revision() {
    let mut d = fixture();
    let expected = body_texts(&d, ChangeView::Accept);
    assert_eq!(d.accept(&Selection::default()), 16);
    assert!(d.changes().is_empty(), "{:?}", d.changes());
    let mut want: Vec<String> = expected.into_iter().filter(|t| !t.is_empty()).collect();
    // The deleted paragraph mark of p8 joins it with p9.
    let i = want.iter().position(|t| t == "Joined by Bob ").unwrap();
    let next = want.remove(i + 1);
    want[i].push_str(&next);
    let got: Vec<String> = body_texts(&d, ChangeView::Accept)
        .into_iter()
        .filter(|t| !t.is_empty())
        .collect();
    assert_eq!(got, want);
    insta::assert_snapshot!(body_xml(&d));
}

#[test]
fn reject_all_gives_the_original_and_leaves_no_revision() {
    let mut d = fixture();
    let expected = body_texts(&d, ChangeView::Reject);
    assert_eq!(d.reject(&Selection::default()), 16);
    assert!(d.changes().is_empty(), "{:?}", d.changes());
    let mut want: Vec<String> = expected.into_iter().filter(|t| !t.is_empty()).collect();
    // The inserted paragraph mark of p6 goes away: p6 joins p7.
    let i = want.iter().position(|t| t == "Split by Bob, ").unwrap();
    let next = want.remove(i + 1);
    want[i].push_str(&next);
    let got: Vec<String> = body_texts(&d, ChangeView::Reject)
        .into_iter()
        .filter(|t| !t.is_empty())
        .collect();
    assert_eq!(got, want);
    insta::assert_snapshot!(body_xml(&d));
}

#[test]
fn selection_by_author_and_id() {
    let mut d = fixture();
    assert_eq!(
        d.accept(&Selection {
            author: Some("Alice".into()),
            ids: None
        }),
        1
    );
    assert_eq!(
        body_texts(&d, ChangeView::All)[1],
        "Alice wrote this {--and that --}{>>@Bob<<}here."
    );
    assert_eq!(
        d.reject(&Selection {
            author: None,
            ids: Some(vec!["4".into()])
        }),
        1
    );
    assert_eq!(
        body_texts(&d, ChangeView::All)[1],
        "Alice wrote this and that here."
    );
    let left: Vec<String> = d.changes().into_iter().map(|c| c.id).collect();
    assert_eq!(
        left,
        [
            "1", "2", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16"
        ]
    );
}
