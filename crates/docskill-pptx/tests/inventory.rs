//! Inventory and text of the fixtures, as snapshots.

use docskill_pptx::{Pptx, markdown, slide_texts};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/../../fixtures/pptx/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

#[test]
fn inventory_of_basic() {
    let deck = Pptx::open(fixture("basic.pptx"), &docskill_opc::Limits::default()).unwrap();
    let inv = deck.inventory().unwrap();
    insta::assert_json_snapshot!(inv);
}

#[test]
fn issues_of_basic() {
    let deck = Pptx::open(fixture("basic.pptx"), &docskill_opc::Limits::default()).unwrap();
    insta::assert_json_snapshot!(deck.inventory().unwrap().issues());
}

#[test]
fn text_of_basic() {
    let deck = Pptx::open(fixture("basic.pptx"), &docskill_opc::Limits::default()).unwrap();
    let texts = slide_texts(&deck.inventory().unwrap());
    insta::assert_snapshot!(markdown(&texts));
}
