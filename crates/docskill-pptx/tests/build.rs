//! `build` on the project's templates and on a python-pptx deck: every slide
//! kind, layouts by role, a clean package, snapshots of the slide XML.

use std::collections::BTreeMap;

use docskill_opc::{Limits, Package, check, xml::canonicalize};
use docskill_pptx::Pptx;
use docskill_pptx::build::{Outline, TEMPLATE_DARK, TEMPLATE_LIGHT, build, parse_markdown};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/../../fixtures/pptx/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn images(o: &Outline) -> BTreeMap<String, Vec<u8>> {
    o.image_paths()
        .into_iter()
        .map(|p| {
            let b = fixture(&p);
            (p, b)
        })
        .collect()
}

fn markdown_outline() -> Outline {
    let md = String::from_utf8(fixture("build-outline.md")).unwrap();
    let (o, warnings) = parse_markdown(&md);
    assert_eq!(warnings, Vec::<String>::new());
    o
}

/// Every slide part of a built deck, canonicalised, one after the other.
fn slides_xml(bytes: &[u8]) -> String {
    let deck = Pptx::open(bytes.to_vec(), &Limits::default()).unwrap();
    let pkg = deck.package();
    let mut names: Vec<String> = pkg
        .part_names()
        .filter(|n| n.starts_with("/ppt/slides/") || n.starts_with("/ppt/notesSlides/"))
        .collect();
    names.sort_by_key(|n| {
        let digits: String = n.chars().filter(char::is_ascii_digit).collect();
        (
            n.contains("_rels"),
            n.contains("notes"),
            digits.parse::<u32>().unwrap_or(0),
        )
    });
    let mut out = String::new();
    for n in &names {
        let body = if n.contains("_rels/") {
            String::from_utf8(pkg.read_part(n).unwrap()).unwrap()
        } else {
            canonicalize(&pkg.read_part(n).unwrap(), n, &Limits::default()).unwrap()
        };
        out.push_str("=== ");
        out.push_str(n);
        out.push('\n');
        out.push_str(&body);
        out.push('\n');
    }
    out
}

#[test]
fn markdown_outline_on_the_light_template() {
    let o = markdown_outline();
    let (bytes, report) = build(&o, TEMPLATE_LIGHT, &images(&o), &Limits::default()).unwrap();
    let pkg = Package::open(bytes.clone(), &Limits::default()).unwrap();
    assert_eq!(check(&pkg), vec![], "opc check must be clean");
    insta::assert_json_snapshot!("light_report", report);
    insta::assert_snapshot!("light_slides", slides_xml(&bytes));
    let deck = Pptx::open(bytes.clone(), &Limits::default()).unwrap();
    let texts = docskill_pptx::slide_texts(&deck.inventory().unwrap());
    insta::assert_snapshot!("light_text", docskill_pptx::markdown(&texts));
    // Deterministic.
    let (again, _) = build(&o, TEMPLATE_LIGHT, &images(&o), &Limits::default()).unwrap();
    assert!(again == bytes, "the same outline must give the same bytes");
}

#[test]
fn json_outline_on_the_dark_template() {
    let o = Outline::from_json(&fixture("build-outline.json")).unwrap();
    let (bytes, report) = build(&o, TEMPLATE_DARK, &images(&o), &Limits::default()).unwrap();
    let pkg = Package::open(bytes.clone(), &Limits::default()).unwrap();
    assert_eq!(check(&pkg), vec![]);
    assert_eq!(report.slides, 8);
    assert!(
        report.layouts.iter().all(|l| !l.fallback),
        "{:?}",
        report.layouts
    );
    insta::assert_snapshot!("dark_slides", slides_xml(&bytes));
}

#[test]
fn any_template_gets_layouts_by_role_with_fallbacks() {
    // python-pptx's default layouts: no quote or closing layout.
    let o = markdown_outline();
    let (bytes, report) =
        build(&o, &fixture("basic.pptx"), &images(&o), &Limits::default()).unwrap();
    let pkg = Package::open(bytes.clone(), &Limits::default()).unwrap();
    assert_eq!(check(&pkg), vec![]);
    let used: Vec<String> = report
        .layouts
        .iter()
        .map(|l| {
            format!(
                "{} -> {}{}",
                l.kind,
                l.layout,
                if l.fallback { " (fallback)" } else { "" }
            )
        })
        .collect();
    insta::assert_snapshot!("basic_layouts", used.join("\n"));
    // The template's own slides, charts and notes are gone.
    assert!(!pkg.part_names().any(|n| n.contains("/charts/")));
    let deck = Pptx::open(bytes, &Limits::default()).unwrap();
    assert_eq!(deck.slide_count(), o.slides.len());
}

#[test]
fn bad_inputs_are_typed_errors() {
    let o = Outline::from_json(br#"{"slides": [{"kind": "image", "image": "x.png"}]}"#).unwrap();
    let err = build(&o, TEMPLATE_LIGHT, &BTreeMap::new(), &Limits::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid input: image \"x.png\" was not supplied"
    );
    let mut imgs = BTreeMap::new();
    imgs.insert("x.png".to_owned(), b"not an image".to_vec());
    let err = build(&o, TEMPLATE_LIGHT, &imgs, &Limits::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid input: image \"x.png\" is not PNG, JPEG or GIF"
    );
    let err =
        Outline::from_json(br#"{"slides": [{"kind": "bullets", "title": "t", "bulets": []}]}"#)
            .unwrap_err();
    assert!(err.to_string().contains("unknown field `bulets`"), "{err}");
    let err = build(
        &Outline::default(),
        b"not a zip",
        &BTreeMap::new(),
        &Limits::default(),
    );
    assert!(err.is_err());
}
