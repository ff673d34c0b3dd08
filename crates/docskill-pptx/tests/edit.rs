//! Assemble and replace on the fixtures: consistent packages, snapshots of the changed slides.

use docskill_opc::{Limits, Package, check, xml::canonicalize};
use docskill_pptx::{LayoutChoice, Pptx, Replacements};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/../../fixtures/pptx/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn canonical(pkg: &Package, part: &str) -> String {
    canonicalize(&pkg.read_part(part).unwrap(), part, &Limits::default()).unwrap()
}

#[test]
fn assemble_duplicates_reorders_drops_and_adds() {
    let mut deck = Pptx::open(fixture("basic.pptx"), &Limits::default()).unwrap();
    let report = deck
        .assemble(&[0, 3, 3, 1], &[LayoutChoice::parse("Title and Content")])
        .unwrap();
    let bytes = deck.to_bytes().unwrap();
    let pkg = Package::open(bytes.clone(), &Limits::default()).unwrap();
    assert_eq!(check(&pkg), vec![], "opc check must be clean");
    insta::assert_json_snapshot!("assemble_report", report);
    let again = Pptx::open(bytes, &Limits::default()).unwrap();
    let texts = docskill_pptx::slide_texts(&again.inventory().unwrap());
    insta::assert_snapshot!("assemble_text", docskill_pptx::markdown(&texts));
    insta::assert_snapshot!("assemble_new_slide", canonical(&pkg, &report.added[0].1));
}

#[test]
fn replace_keeps_formatting_and_reports_overflow() {
    let mut deck = Pptx::open(fixture("basic.pptx"), &Limits::default()).unwrap();
    let repl = Replacements::from_json(&serde_json::json!({
        "slide-1": {
            "Title 1": {"paragraphs": [{"text": "Q3 review", "bold": true}]},
            "Content Placeholder 2": {"paragraphs": [
                {"text": "Revenue up 14%"},
                {"text": "Asia strongest", "level": 1, "color": "#C00000"},
                {"text": "New line one\nline two", "bullet": false}
            ]}
        },
        "slide-2": {"Table 2": {"rows": [["Area", "A", "B"]]}}
    }))
    .unwrap();
    let report = deck.replace(&repl).unwrap();
    insta::assert_json_snapshot!("replace_report", report);
    let pkg = Package::open(deck.to_bytes().unwrap(), &Limits::default()).unwrap();
    assert_eq!(check(&pkg), vec![]);
    insta::assert_snapshot!("replace_slide2", canonical(&pkg, "/ppt/slides/slide2.xml"));
}

#[test]
fn unknown_shape_lists_what_exists() {
    let mut deck = Pptx::open(fixture("basic.pptx"), &Limits::default()).unwrap();
    let repl = Replacements::from_json(&serde_json::json!({"slide-0": {"Nope": ["x"]}})).unwrap();
    let err = deck.replace(&repl).unwrap_err();
    insta::assert_debug_snapshot!(err);
}

#[test]
fn replace_in_a_table_and_a_group() {
    let mut deck = Pptx::open(fixture("basic.pptx"), &Limits::default()).unwrap();
    let repl = Replacements::from_json(&serde_json::json!({
        "slide-2": {
            "Table 2": {"rows": [["Area", "Q1", "Q2"], ["North", "11", "12"]]},
            "Rectangle 4": ["Grouped, replaced"]
        }
    }))
    .unwrap();
    let report = deck.replace(&repl).unwrap();
    assert_eq!(report.shapes, 2);
    let pkg = Package::open(deck.to_bytes().unwrap(), &Limits::default()).unwrap();
    assert_eq!(check(&pkg), vec![]);
    insta::assert_snapshot!(
        "replace_table_group_slide",
        canonical(&pkg, "/ppt/slides/slide3.xml")
    );
}

#[test]
fn assemble_copies_a_chart_with_its_slide() {
    let mut deck = Pptx::open(fixture("basic.pptx"), &Limits::default()).unwrap();
    let report = deck.assemble(&[3, 3], &[]).unwrap();
    let pkg = Package::open(deck.to_bytes().unwrap(), &Limits::default()).unwrap();
    assert_eq!(check(&pkg), vec![]);
    let (_, copy) = &report.duplicated[0];
    let rels = pkg.relationships(copy).unwrap();
    let mut targets: Vec<String> = rels
        .items
        .iter()
        .map(|r| format!("{} -> {}", r.rel_type.rsplit('/').next().unwrap(), r.target))
        .collect();
    targets.sort();
    let charts: Vec<String> = pkg
        .part_names()
        .filter(|n| n.contains("/charts/") || n.contains("/embeddings/"))
        .collect();
    insta::assert_snapshot!(
        "assemble_chart_copy",
        format!(
            "{copy}\n{}\n\nparts: {}\n\n{}",
            targets.join("\n"),
            charts.join(", "),
            canonical(&pkg, copy)
        )
    );
}
