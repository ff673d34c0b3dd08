//! Unit tests of the package model: content types, relationships, zip writing.

use crate::{ContentTypes, Limits, Package, Relationships};

const CT: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/Word/Document.xml" ContentType="text/x-main"/></Types>"#;

fn pkg() -> Package {
    Package::from_parts(
        [
            ("[Content_Types].xml".to_owned(), CT.as_bytes().to_vec()),
            ("word/document.xml".to_owned(), b"<d/>".to_vec()),
            ("_rels/.rels".to_owned(), Relationships::default().to_xml()),
        ],
        &Limits::default(),
    )
    .unwrap()
}

#[test]
fn content_types_resolve_override_then_default_case_insensitively() {
    let ct = ContentTypes::parse(CT.as_bytes()).unwrap();
    assert_eq!(ct.get("/word/document.xml"), Some("text/x-main"));
    assert_eq!(ct.get("/word/styles.XML"), Some("application/xml"));
    assert_eq!(ct.get("/media/image.png"), None);
    assert_eq!(ct.get("/noext"), None);
    assert_eq!(ContentTypes::parse(&ct.to_xml()).unwrap(), ct);
}

#[test]
fn relationship_ids_are_fresh_and_removal_works() {
    let mut r = Relationships::default();
    assert_eq!(r.add("t", "a.xml", false), "rId1");
    r.items[0].id = "rId7".into();
    assert_eq!(r.add("t", "b.xml", false), "rId8");
    assert_eq!(r.add("u", "http://x", true), "rId9");
    let back = Relationships::parse(&r.to_xml(), "x.rels").unwrap();
    assert_eq!(back, r);
    assert!(back.get("rId9").unwrap().external);
    assert_eq!(r.remove("rId8").unwrap().target, "b.xml");
    assert_eq!(r.by_type("t").count(), 1);
}

#[test]
fn parts_can_be_added_replaced_renamed_and_removed() {
    let mut p = pkg();
    p.add_part("/word/media/a.png", vec![1, 2, 3], "image/png")
        .unwrap();
    assert!(
        p.add_part("/WORD/MEDIA/A.PNG", vec![], "image/png")
            .is_err(),
        "names compare case-insensitively"
    );
    p.set_part("word/document.xml", b"<d>new</d>".to_vec(), None)
        .unwrap();
    p.rename_part("/word/media/a.png", "/word/media/b.png")
        .unwrap();
    assert_eq!(p.content_type("/word/media/b.png"), Some("image/png"));
    assert_eq!(p.content_type("/word/media/a.png"), None);
    p.remove_part("/word/document.xml").unwrap();
    assert_eq!(
        p.content_type("/word/document.xml"),
        Some("application/xml"),
        "override removed"
    );

    let mut rels = p.relationships("/").unwrap();
    rels.add("http://x/image", "word/media/b.png", false);
    p.set_relationships("/", &rels).unwrap();

    let out = Package::open(p.to_bytes().unwrap(), &Limits::default()).unwrap();
    let names: Vec<String> = out.part_names().collect();
    assert_eq!(
        names,
        ["/_rels/.rels", "/word/media/b.png"],
        "new parts sorted after old ones"
    );
    assert_eq!(out.read_part("/word/media/b.png").unwrap(), [1, 2, 3]);
    assert_eq!(out.relationships("/").unwrap().items.len(), 1);
    assert!(crate::check(&out).is_empty(), "{:?}", crate::check(&out));
}

#[test]
fn writing_is_deterministic_and_uses_fixed_timestamps() {
    let a = pkg().to_bytes().unwrap();
    let b = pkg().to_bytes().unwrap();
    assert_eq!(a, b);
    // Local header of the first entry: DOS time 0, date 1980-01-01.
    assert_eq!(&a[10..14], &[0, 0, 0x21, 0]);
    assert!(a.starts_with(b"PK\x03\x04"));
    assert_eq!(
        &a[30..30 + 19],
        b"[Content_Types].xml",
        "content types come first"
    );
}

#[test]
fn invalid_part_names_are_refused() {
    let mut p = pkg();
    for bad in ["", "/", "a//b", "a/./b", "../x", "a\\b", "dir/"] {
        assert!(p.set_part(bad, vec![], None).is_err(), "{bad:?}");
    }
    assert!(p.set_part("[Content_Types].xml", vec![], None).is_err());
}
