//! Tracked edits on `fixtures/docx/review.docx`: canonical XML of every
//! touched paragraph and the three text views, as snapshots; plus the
//! invariants (accept view = new text, reject view = original text).

use std::fmt::Write as _;

use docskill_docx::{ChangeView, Docx, Edit, Occurrence, Revision};
use docskill_opc::{Limits, xml::canonicalize};

fn fixture() -> Docx {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fixtures/docx/review.docx"
    );
    Docx::open(std::fs::read(path).unwrap(), &Limits::default()).unwrap()
}

fn who() -> Revision {
    Revision {
        author: "Reviewer".into(),
        date: Some("2026-11-22T00:00:00Z".into()),
    }
}

fn text(d: &Docx, view: ChangeView, address: &str) -> String {
    d.paragraphs(view)
        .into_iter()
        .find(|p| p.address == address)
        .unwrap()
        .text
}

/// Apply `edits`, write, reopen; return a report of the touched paragraphs.
fn run(edits: &[Edit], addresses: &[&str]) -> (Docx, String) {
    let mut d = fixture();
    d.apply(edits, &who()).unwrap();
    let d = Docx::open(d.to_bytes().unwrap(), &Limits::default()).unwrap();
    let mut report = String::new();
    for a in addresses {
        let xml = d.paragraph_xml(a).unwrap();
        let _ = writeln!(
            report,
            "== {a}\naccept: {}\nreject: {}\nall:    {}\n{}",
            text(&d, ChangeView::Accept, a),
            text(&d, ChangeView::Reject, a),
            text(&d, ChangeView::All, a),
            canonicalize(xml.as_bytes(), a, &Limits::default()).unwrap()
        );
    }
    (d, report)
}

#[test]
fn replacement_spanning_three_differently_formatted_runs() {
    let (d, report) = run(
        &[Edit::replace(
            "shall deliver the goods within thirty",
            "must deliver the goods within 30",
        )],
        &["p2"],
    );
    assert_eq!(
        text(&d, ChangeView::Accept, "p2"),
        "The supplier must deliver the goods within 30 days."
    );
    assert_eq!(
        text(&d, ChangeView::Reject, "p2"),
        "The supplier shall deliver the goods within thirty days."
    );
    insta::assert_snapshot!(report);
}

#[test]
fn minimal_replacement_marks_only_the_changed_word() {
    let (_, report) = run(
        &[Edit::replace("within thirty days", "within 30 days")],
        &["p2"],
    );
    insta::assert_snapshot!(report);
}

#[test]
fn replacement_inside_a_nested_table() {
    let (d, report) = run(
        &[Edit::replace("45 days", "60 days")],
        &["t1.r2.c2.t1.r1.c2.p1"],
    );
    assert_eq!(
        text(&d, ChangeView::Accept, "t1.r2.c2.t1.r1.c2.p1"),
        "Payment is due in 60 days."
    );
    insta::assert_snapshot!(report);
}

#[test]
fn replacements_in_a_header_and_a_footnote() {
    let (d, report) = run(
        &[
            Edit::replace("draft", "final"),
            Edit::replace("twelve months", "24 months"),
        ],
        &["header1.p1", "footnote1.p1"],
    );
    assert_eq!(
        text(&d, ChangeView::Accept, "header1.p1"),
        "Confidential final"
    );
    assert_eq!(
        text(&d, ChangeView::Reject, "footnote1.p1"),
        "Valid for twelve months from delivery."
    );
    insta::assert_snapshot!(report);
}

#[test]
fn replacement_next_to_another_authors_revision() {
    let (d, report) = run(
        &[Edit::replace("payable in euros", "payable in dollars")],
        &["p3"],
    );
    assert_eq!(
        text(&d, ChangeView::Accept, "p3"),
        "Prices are fixed and payable in dollars."
    );
    assert_eq!(
        text(&d, ChangeView::Reject, "p3"),
        "Prices are subject to change and payable in euros."
    );
    insta::assert_snapshot!(report);
}

#[test]
fn deleting_and_replacing_inside_another_authors_insertion() {
    let (d, report) = run(
        &[Edit::Replace {
            find: "fixed".into(),
            replace: "firm".into(),
            occurrence: Some(Occurrence::First),
            within: Some("p3".into()),
            match_case: true,
            whole_word: true,
        }],
        &["p3"],
    );
    assert_eq!(
        text(&d, ChangeView::Accept, "p3"),
        "Prices are firm and payable in euros."
    );
    // Rejecting everything also rejects Alice's insertion.
    assert_eq!(
        text(&d, ChangeView::Reject, "p3"),
        "Prices are subject to change and payable in euros."
    );
    insta::assert_snapshot!(report);
}

#[test]
fn inserting_and_deleting_paragraphs() {
    let (d, report) = run(
        &[
            Edit::DeleteParagraph {
                address: "p5".into(),
            },
            Edit::InsertParagraph {
                address: "p6".into(),
                after: true,
                text: "Signed in Paris too.".into(),
                style: None,
            },
            Edit::Insert {
                text: " and Munich".into(),
                anchor: "Berlin".into(),
                after: true,
                occurrence: None,
            },
        ],
        &["p5", "p6", "p7"],
    );
    assert_eq!(text(&d, ChangeView::Accept, "p5"), "");
    assert_eq!(
        text(&d, ChangeView::Reject, "p5"),
        "Either party may terminate this agreement."
    );
    assert_eq!(
        text(&d, ChangeView::Accept, "p6"),
        "Signed in Berlin and Munich."
    );
    insta::assert_snapshot!(report);
}

#[test]
fn only_the_edited_parts_change() {
    let mut d = fixture();
    d.apply(
        &[
            Edit::replace("draft", "final"),
            Edit::replace("twelve months", "24 months"),
        ],
        &who(),
    )
    .unwrap();
    assert_eq!(
        d.changed_parts(),
        ["/word/header1.xml", "/word/footnotes.xml"]
    );
    let (before, after) = (
        fixture().package().clone(),
        Docx::open(d.to_bytes().unwrap(), &Limits::default()).unwrap(),
    );
    for name in before.part_names() {
        let same = before.read_part(&name).unwrap() == after.package().read_part(&name).unwrap();
        assert_eq!(same, !d.changed_parts().contains(&name), "{name}");
    }
}

#[test]
fn revision_ids_continue_after_every_id_in_use() {
    let mut d = fixture();
    d.apply(&[Edit::replace("Warranty", "Guarantee")], &who())
        .unwrap();
    let xml = d.paragraph_xml("p4").unwrap();
    // Alice's revisions use 101 and 102; the bookmark 0; ours start at 103.
    assert!(
        xml.contains("w:id=\"103\"") && xml.contains("w:id=\"104\""),
        "{xml}"
    );
}

#[test]
fn edits_are_all_or_nothing_and_errors_help() {
    let mut d = fixture();
    let before = d.to_bytes().unwrap();
    let err = d
        .apply(
            &[
                Edit::replace("Supply", "Sale"),
                Edit::replace("nonexistent words", "x"),
            ],
            &who(),
        )
        .unwrap_err();
    assert_eq!(d.to_bytes().unwrap(), before, "nothing applied");
    insta::assert_snapshot!(format!("{err} {err:?}"));
    let err = d.apply(&[Edit::replace("in", "on")], &who()).unwrap_err();
    insta::assert_snapshot!(format!("{err:?}"));
    let err = d
        .apply(
            &[Edit::DeleteParagraph {
                address: "p99".into(),
            }],
            &who(),
        )
        .unwrap_err();
    insta::assert_snapshot!(format!("{err}: {err:?}"));
}

#[test]
fn deleted_text_is_not_matchable() {
    let mut d = fixture();
    let err = d
        .apply(&[Edit::replace("subject to change", "x")], &who())
        .unwrap_err();
    assert!(
        matches!(err, docskill_docx::Error::NotFound { .. }),
        "{err:?}"
    );
}

#[test]
fn text_deleted_earlier_in_a_batch_is_not_matchable_later_in_it() {
    let mut d = fixture();
    let err = d
        .apply(
            &[
                Edit::DeleteParagraph {
                    address: "p6".into(),
                },
                Edit::replace("Berlin", "Paris"),
                Edit::replace("Signed", "Done"),
            ],
            &who(),
        )
        .unwrap_err();
    assert!(
        matches!(err, docskill_docx::Error::NotFound { .. }),
        "{err:?}"
    );
}

#[test]
fn edits_in_field_results_are_flagged() {
    let l = Limits::default();
    let base = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fixtures/opc/minimal.docx"
    ))
    .unwrap();
    let mut pkg = docskill_opc::Package::open(base, &l).unwrap();
    let w = docskill_docx::W_NS;
    let body = format!(
        r#"<w:document xmlns:w="{w}"><w:body>
<w:p><w:r><w:t xml:space="preserve">Printed on </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> DATE \@ "d MMMM yyyy" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1 May 2026</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> in May.</w:t></w:r></w:p>
<w:p><w:fldSimple w:instr=" AUTHOR "><w:r><w:t>Alice</w:t></w:r></w:fldSimple><w:r><w:t xml:space="preserve"> wrote this.</w:t></w:r></w:p>
</w:body></w:document>"#
    );
    pkg.set_part("/word/document.xml", body.into_bytes(), None)
        .unwrap();
    let doc = Docx::open(pkg.to_bytes().unwrap(), &l).unwrap();
    assert_eq!(
        doc.paragraphs(ChangeView::Accept)[0].text,
        "Printed on 1 May 2026 in May."
    );
    let flags = |find: &str, occurrence: Option<Occurrence>| {
        let mut d = doc.clone();
        let edit = Edit::Replace {
            find: find.into(),
            replace: "X".into(),
            occurrence,
            within: None,
            match_case: true,
            whole_word: false,
        };
        d.apply(&[edit], &who()).unwrap()[0].in_field_result
    };
    assert!(flags("May 2026", None), "complex field result");
    assert!(flags("Alice", None), "simple field result");
    assert!(!flags("in May", None), "ordinary text");
    assert!(!flags("wrote", None), "ordinary text after a simple field");
    assert!(flags("on 1", None), "a match that reaches into a result");
}
