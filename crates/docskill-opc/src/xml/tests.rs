use super::{canonicalize, check_well_formed, condense, pretty};
use crate::Limits;

fn p(x: &str) -> String {
    String::from_utf8(pretty(x.as_bytes(), "t.xml", &Limits::default()).unwrap()).unwrap()
}
fn c(x: &str) -> String {
    String::from_utf8(condense(x.as_bytes(), "t.xml", &Limits::default()).unwrap()).unwrap()
}

#[test]
fn pretty_and_condense_are_inverse_on_condensed_xml() {
    let cases = [
        r#"<a><b><t xml:space="preserve"> x </t></b><c/></a>"#,
        "<a><v> </v><f>SUM(A1 )</f></a>",
        "<a><x> </x><y>\t</y></a>",
        "<a>mixed <b>bold</b> tail</a>",
        "<a><b/>tail after child</a>",
        "<a><![CDATA[ raw <stuff> ]]><b/></a>",
        "<a><!-- note --><b>1 &amp; 2</b></a>",
        r#"<w:r xmlns:w="w"><w:t> lead</w:t><w:delText>gone </w:delText><w:instrText> PAGE </w:instrText></w:r>"#,
        r#"<p xml:space="preserve"><q> <r/> </q></p>"#,
    ];
    for x in cases {
        assert_eq!(c(&p(x)), x, "case {x}");
        assert_eq!(c(x), x, "condense keeps condensed input: {x}");
    }
}

#[test]
fn xml_space_default_turns_preservation_off_again() {
    let x = r#"<a xml:space="preserve"><b xml:space="default"><c/></b></a>"#;
    assert_eq!(
        p(x),
        "<a xml:space=\"preserve\"><b xml:space=\"default\">\n    <c/>\n  </b></a>"
    );
    assert_eq!(c(&p(x)), x);
}

#[test]
fn condense_removes_layout_of_hand_indented_xml_but_not_content() {
    let x = "<?xml version=\"1.0\"?>\n<a>\n  <t> keep </t>\n  <b>\n    <c/>\n  </b>\n</a>\n";
    assert_eq!(
        c(x),
        "<?xml version=\"1.0\"?>\r\n<a><t> keep </t><b><c/></b></a>"
    );
}

#[test]
fn malformed_and_unbalanced_xml_is_an_error() {
    let l = Limits::default();
    for bad in [
        "<a><b></a>",
        "<a>",
        "<a/><b/>",
        "",
        "text only",
        "<a></a>junk",
    ] {
        assert!(
            check_well_formed(bad.as_bytes(), "x", &l).is_err(),
            "{bad:?} accepted"
        );
        assert!(
            pretty(bad.as_bytes(), "x", &l).is_err() || bad.is_empty(),
            "{bad:?} pretty-printed"
        );
    }
    assert!(check_well_formed(b"<?xml version=\"1.0\"?><a/>", "x", &l).is_ok());
    assert!(
        check_well_formed(b"<!DOCTYPE a><a/>", "x", &l).is_ok(),
        "a DTD without entities is fine"
    );
}

#[test]
fn canonical_form_sorts_attributes_namespaces_first() {
    let got = canonicalize(
        br#"<r z="1" xmlns:b="B" a="2" xmlns="N"><x/></r>"#,
        "x",
        &Limits::default(),
    )
    .unwrap();
    assert_eq!(
        got,
        "<r xmlns=\"N\" xmlns:b=\"B\" a=\"2\" z=\"1\">\n  <x/>\n</r>"
    );
}
