//! `create`: Markdown to a Word document on the default template.

use docskill_docx::create::{CreateOptions, PageSize, create};
use docskill_docx::{ChangeView, Docx};
use docskill_opc::{Limits, Package, xml::canonicalize};

fn dir() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/docx")
}

fn images(src: &str) -> Option<Vec<u8>> {
    std::fs::read(dir().join(src)).ok()
}

fn sample(opts: &CreateOptions) -> Vec<u8> {
    let md = std::fs::read_to_string(dir().join("create-sample.md")).unwrap();
    create(&md, opts, &images, &Limits::default()).unwrap()
}

#[test]
fn sample_builds_a_clean_document() {
    let bytes = sample(&CreateOptions::default());
    assert_eq!(bytes, sample(&CreateOptions::default()), "deterministic");
    let pkg = Package::open(bytes.clone(), &Limits::default()).unwrap();
    assert!(
        docskill_opc::check(&pkg).is_empty(),
        "{:?}",
        docskill_opc::check(&pkg)
    );
    let d = Docx::open(bytes, &Limits::default()).unwrap();
    assert_eq!(d.check(), []);
    insta::assert_snapshot!("markdown", d.markdown(ChangeView::Accept));
    let body = canonicalize(
        &pkg.read_part("/word/document.xml").unwrap(),
        "document",
        &Limits::default(),
    )
    .unwrap();
    insta::assert_snapshot!("document_xml", body);
    assert_eq!(
        pkg.content_type("/word/media/image1.png"),
        Some("image/png")
    );
    let fns = String::from_utf8(pkg.read_part("/word/footnotes.xml").unwrap()).unwrap();
    assert!(fns.contains("Unaudited figures."));
    let settings = String::from_utf8(pkg.read_part("/word/settings.xml").unwrap()).unwrap();
    assert!(
        settings.contains("<w:updateFields w:val=\"true\"/>"),
        "TOC asks for a field update"
    );
}

#[test]
fn page_size_and_template() {
    let letter = sample(&CreateOptions {
        page: PageSize::Letter,
        ..Default::default()
    });
    let pkg = Package::open(letter.clone(), &Limits::default()).unwrap();
    let doc = String::from_utf8(pkg.read_part("/word/document.xml").unwrap()).unwrap();
    assert!(
        doc.contains(r#"<w:pgSz w:w="12240" w:h="15840"/>"#),
        "{doc}"
    );
    // A created document works as a template for the next.
    let again = create(
        "# Second\n\n- item\n",
        &CreateOptions {
            template: Some(letter),
            page: PageSize::Template,
        },
        &images,
        &Limits::default(),
    )
    .unwrap();
    let d = Docx::open(again, &Limits::default()).unwrap();
    assert_eq!(d.check(), []);
    assert_eq!(d.markdown(ChangeView::Accept), "# Second\n\n- item\n");
}

#[test]
fn bad_input_is_named() {
    let l = Limits::default();
    let err = create("![x](missing.png)", &CreateOptions::default(), &images, &l).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid input: image \"missing.png\" cannot be read"
    );
    let err = create("text[^n]", &CreateOptions::default(), &images, &l).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid input: footnote [^n] has no definition ([^n]: text)"
    );
    let err = create(
        "x",
        &CreateOptions {
            template: Some(b"not a zip".to_vec()),
            ..Default::default()
        },
        &images,
        &l,
    )
    .unwrap_err();
    assert!(matches!(err, docskill_docx::Error::Package(_)), "{err:?}");
}
