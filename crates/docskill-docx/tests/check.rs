//! `Docx::check` names every problem it knows, on a document the test breaks on purpose,
//! and finds nothing in the project fixtures or in what `apply` writes.

use docskill_docx::{Docx, Edit, Revision};
use docskill_opc::{Limits, Package};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/../../fixtures/docx/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

#[test]
fn every_problem_is_reported() {
    let mut pkg = Package::open(fixture("review.docx"), &Limits::default()).unwrap();
    let doc = String::from_utf8(pkg.read_part("/word/document.xml").unwrap()).unwrap();
    let broken = doc
        .replace(
            "<w:t xml:space=\"preserve\">Supply agreement</w:t>",
            "<w:t xml:space=\"preserve\">Supply\tagreement</w:t>",
        )
        .replace(
            "<w:r><w:t xml:space=\"preserve\">Signed in Berlin.</w:t></w:r>",
            concat!(
                "<w:del w:id=\"101\" w:author=\"X\"><w:r><w:t>in a deletion</w:t></w:r></w:del>",
                "<w:r><w:delText>outside</w:delText></w:r><w:commentRangeStart w:id=\"7\"/>",
                "<w:r><w:commentReference w:id=\"8\"/></w:r>",
                "<w:r><w:drawing><x r:embed=\"rId42\"/></w:drawing></w:r>"
            ),
        )
        .replace("<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr>", "<w:p w14:paraId=\"9ABCDEF0\"><w:pPr><w:pStyle w:val=\"Heading1\"/><w:numPr><w:numId w:val=\"5\"/></w:numPr></w:pPr>")
        .replace("<w:bookmarkEnd w:id=\"0\"/>", "<w:bookmarkEnd w:id=\"0\"/><w:bookmarkStart w:id=\"0\" w:name=\"again\"/>");
    assert_ne!(broken, doc);
    pkg.set_part("/word/document.xml", broken.into_bytes(), None)
        .unwrap();
    let d = Docx::open(pkg.to_bytes().unwrap(), &Limits::default()).unwrap();
    let report: Vec<String> = d
        .check()
        .iter()
        .map(|p| format!("{} {} {}", p.code, p.part, p.message))
        .collect();
    insta::assert_snapshot!(report.join("\n"));
}

#[test]
fn fixtures_and_edited_outputs_are_clean() {
    for name in ["review.docx", "revisions.docx"] {
        let mut d = Docx::open(fixture(name), &Limits::default()).unwrap();
        assert_eq!(d.check(), [], "{name}");
        let who = Revision {
            author: "R".into(),
            date: None,
        };
        let edits = [
            Edit::Replace {
                find: "e".into(),
                replace: "E".into(),
                occurrence: Some(docskill_docx::Occurrence::All),
                within: None,
                match_case: true,
                whole_word: false,
            },
            Edit::DeleteParagraph {
                address: "p2".into(),
            },
            Edit::InsertParagraph {
                address: "p1".into(),
                after: false,
                text: "First\tline\nsecond".into(),
                style: None,
            },
        ];
        d.apply(&edits, &who).unwrap();
        let d = Docx::open(d.to_bytes().unwrap(), &Limits::default()).unwrap();
        assert_eq!(d.check(), [], "{name} after edits");
    }
}
