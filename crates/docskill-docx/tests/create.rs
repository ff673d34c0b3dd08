//! `create`: Markdown to a Word document on the default template.

use std::fmt::Write as _;

use docskill_docx::create::{CreateOptions, Outline, PageSize, create, create_outline};
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
            ..Default::default()
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

fn outline() -> Outline {
    let json = std::fs::read_to_string(dir().join("create-outline.json")).unwrap();
    serde_json::from_str(&json).unwrap()
}

fn canon_part(pkg: &Package, name: &str) -> String {
    canonicalize(&pkg.read_part(name).unwrap(), name, &Limits::default()).unwrap()
}

#[test]
fn outline_builds_a_clean_document_with_header_footer_and_widths() {
    let l = Limits::default();
    let bytes = create_outline(&outline(), &CreateOptions::default(), &images, &l).unwrap();
    assert_eq!(
        bytes,
        create_outline(&outline(), &CreateOptions::default(), &images, &l).unwrap(),
        "deterministic"
    );
    let pkg = Package::open(bytes.clone(), &l).unwrap();
    assert!(
        docskill_opc::check(&pkg).is_empty(),
        "{:?}",
        docskill_opc::check(&pkg)
    );
    let d = Docx::open(bytes, &l).unwrap();
    assert_eq!(d.check(), []);
    insta::assert_snapshot!("outline_markdown", d.markdown(ChangeView::Accept));
    insta::assert_snapshot!(
        "outline_document_xml",
        canon_part(&pkg, "/word/document.xml")
    );
    // The default template has a footer (replaced) and no header (added).
    let mut hf = String::new();
    for name in ["/word/header1.xml", "/word/footer1.xml"] {
        let _ = writeln!(
            hf,
            "== {name} ({})\n{}",
            pkg.content_type(name).unwrap(),
            canon_part(&pkg, name)
        );
    }
    insta::assert_snapshot!("outline_header_footer", hf);
}

#[test]
fn header_and_footer_options_win_and_styles_are_checked() {
    let l = Limits::default();
    let opts = CreateOptions {
        footer: Some("Draft {page}".into()),
        ..Default::default()
    };
    let bytes = create_outline(&outline(), &opts, &images, &l).unwrap();
    let pkg = Package::open(bytes, &l).unwrap();
    let footer = canon_part(&pkg, "/word/footer1.xml");
    assert!(footer.contains("Draft "), "{footer}");
    assert!(!footer.contains("NUMPAGES"), "{footer}");
    // Markdown documents take the options too.
    let md = create("# A\n", &opts, &images, &l).unwrap();
    let pkg = Package::open(md, &l).unwrap();
    assert!(canon_part(&pkg, "/word/footer1.xml").contains("Draft "));

    let bad: Outline =
        serde_json::from_str(r#"{"blocks": [{"paragraph": {"text": "x", "style": "Fancy"}}]}"#)
            .unwrap();
    let err = create_outline(&bad, &CreateOptions::default(), &images, &l).unwrap_err();
    insta::assert_snapshot!("unknown_style", err.to_string());
    let unknown = serde_json::from_str::<Outline>(r#"{"blocks": [{"para": {"text": "x"}}]}"#)
        .unwrap_err()
        .to_string();
    assert!(unknown.contains("unknown variant `para`"), "{unknown}");
}

#[test]
fn control_characters_never_reach_the_xml() {
    // Found by the docx_markdown fuzz target: C0 controls in the Markdown.
    let l = Limits::default();
    let bytes = create(
        "> Quoted remar\u{f}\u{0}k\n\nTab\there",
        &CreateOptions::default(),
        &images,
        &l,
    )
    .unwrap();
    let d = Docx::open(bytes, &l).unwrap();
    assert_eq!(d.check(), []);
    let texts: Vec<String> = d
        .paragraphs(ChangeView::Accept)
        .into_iter()
        .filter(|p| !p.address.contains('.'))
        .map(|p| p.text)
        .collect();
    assert_eq!(texts, ["Quoted remark", "Tab\there"]);
    // Outline text keeps line breaks and tabs as Word elements.
    let o: Outline = serde_json::from_str(
        r#"{"blocks": [{"paragraph": {"text": [{"text": "a\tb\nc\u0001"}]}}]}"#,
    )
    .unwrap();
    let d = Docx::open(
        create_outline(&o, &CreateOptions::default(), &images, &l).unwrap(),
        &l,
    )
    .unwrap();
    assert_eq!(d.check(), []);
    assert_eq!(d.paragraphs(ChangeView::Accept)[0].text, "a\tb\nc");
    let xml = d.paragraph_xml("p1").unwrap();
    assert!(xml.contains("<w:tab/>") && xml.contains("<w:br/>"), "{xml}");
}

#[test]
fn links_in_footnotes_are_the_notes_part_relationships() {
    // Found by the docx_markdown fuzz target.
    let l = Limits::default();
    let md = "Text[^a].\n\n[^a]: See [the site](https://example.com) and [^b].\n[^b]: Second.\n";
    let bytes = create(md, &CreateOptions::default(), &images, &l).unwrap();
    let pkg = Package::open(bytes.clone(), &l).unwrap();
    assert!(
        docskill_opc::check(&pkg).is_empty(),
        "{:?}",
        docskill_opc::check(&pkg)
    );
    let rels = pkg.relationships("/word/footnotes.xml").unwrap();
    assert_eq!(rels.items.len(), 1);
    assert_eq!(rels.items[0].target, "https://example.com");
    let d = Docx::open(bytes, &l).unwrap();
    assert_eq!(d.check(), []);
    let notes: Vec<String> = d
        .paragraphs(ChangeView::Accept)
        .into_iter()
        .filter(|p| p.address.starts_with("footnote"))
        .map(|p| p.text)
        .collect();
    assert_eq!(notes, [" See the site and .", " Second."]);
}
