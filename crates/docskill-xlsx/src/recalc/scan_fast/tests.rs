//! The byte scanner gives exactly the cells (and errors) the XML reader gives.

use super::super::scan::{RawCell, scan_with};

fn cells(xml: &str, fast: bool) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    scan_with(
        xml.as_bytes(),
        None,
        "sheet.xml",
        64,
        |c: &RawCell| {
            out.push(format!(
                "{}:{} {:?} v={:?} is={:?} f={:?} span={:?} hidden={}",
                c.row,
                c.col,
                c.t,
                c.v(),
                c.inline(),
                c.formula().map(|f| (f.kind, &f.text, &f.range, f.si)),
                c.span,
                c.row_hidden
            ));
            Ok(())
        },
        fast,
        usize::MAX,
    )
    .map_err(|e| e.to_string())?;
    Ok(out)
}

fn sheet(data: &str) -> String {
    format!(
        r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1"/><sheetData>{data}</sheetData><extLst><ext uri="x"><c r="Z9"><v>7</v></c></ext></extLst></worksheet>"#
    )
}

const DATA: &[&str] = &[
    r#"<row r="1"><c r="A1"><f>B1*2</f><v></v></c><c r="B1" t="n"><v>3</v></c></row>"#,
    r#"<row r="2" spans="1:3" hidden="1"><c r="A2" s="1" t="str"><f>"a"&amp;"b"</f><v>a&lt;b&#65;&#x42;</v></c></row>"#,
    r#"<row><c><v>1</v></c><c t="b"><v>1</v></c><c r="E3" t="e"><v>#N/A</v></c><c><v>2</v></c></row><row><c><v>9</v></c></row>"#,
    r#"<row r="7"><c r="A7" t="inlineStr"><is><t>plain</t></is></c><c r="B7" t="inlineStr"><is><t xml:space="preserve"> two _x0041_ </t><t>runs</t></is></c><c r="C7" t="inlineStr"><is/></c></row>"#,
    r#"<row r="8"><c r="A8" t="inlineStr"><is><r><rPr><b/></rPr><t>rich</t></r><r><t>text</t></r><rPh sb="0" eb="1"><t>ph</t></rPh></is></c></row>"#,
    r#"<row r="9"><c r="A9"><f t="shared" ref="A9:A12" si="0">B9+1</f><v>0</v></c><c r="B9"><f t="shared" si="0"/><v/></c><c r="C9"><f t="array" ref="C9:D10">B9:C10*2</f></c><c r="D9"/></row>"#,
    r#"<x:row r="10"><x:c r="A10"><x:f>1+1</x:f><x:v>2</x:v></x:c></x:row>"#,
    r#"<row r="11"><!-- note --><c r="A11"><!-- inside --><f>1</f><v>1</v></c><?pi x?><c r="B11"><f><![CDATA[1+2]]></f></c></row>"#,
    r#"<row r="12"><c r="A12"><f>1</f><v>1</v><extLst><ext/></extLst></c><c r='B12' t='s'><v>0</v></c><c  r = "C12" ><v>5</v></c></row>"#,
    "<row r=\"13\"><c r=\"A13\" t=\"str\"><v>line\r\nbreak</v></c><c r=\"B13\"><f>\n1\t+2</f></c></row>",
    r#"<row r="14"/><row r="15" hidden="true"><c r="A15"><v>1</v></c></row>"#,
    r#"<row r="16"><c r="A16"><f t="array" ref="A16:&#x42;17">1</f></c><c r="B16"><f t="dataTable" ref="B16:C17" dt2D="1" r1="A1" r2="B1"/></c></row>"#,
    r#"<row r="17">  <c r="A17">  <f>1</f>  <v>1</v>  </c>  text  </row>"#,
    r#"<row r="18"><c r="A18"><v>ünïcödé €</v></c><c r="B18" t="str"><f>"é"</f><v>é</v></c></row>"#,
    r#"<row r="19"><c r="A19" r="B19"><v>dup</v></c><foo><c r="C19"><v>in foo</v></c></foo></row>"#,
    r#"<row r="20"><c r="A20"><f ref="A20:A21" t="shared" si="3">SUM(A1:A2)</f><v>3</v></c></row>"#,
    "",
];

#[test]
fn fast_and_reader_give_the_same_cells() {
    for d in DATA {
        let xml = sheet(d);
        let slow = cells(&xml, false);
        let fast = cells(&xml, true);
        assert_eq!(fast, slow, "{d}");
    }
    let all = sheet(&DATA.concat());
    assert_eq!(cells(&all, true), cells(&all, false));
    assert!(cells(&all, true).unwrap().len() > 30);
}

#[test]
fn malformed_sheets_are_errors_on_both_paths() {
    for d in [
        r#"<row r="1"><c r="A1"><v>1</v></row>"#,
        r#"<row r="1"><c r="A1"><v>1</x></c></row>"#,
        r#"<row r="1"><c r="A1"><v>&bogus;</v></c></row>"#,
        r#"<row r="1"><c r="A1"><v>1</v></c></sheetData>"#,
        r#"<row r="1"></col>"#,
    ] {
        let xml = sheet(d);
        let slow = cells(&xml, false);
        let fast = cells(&xml, true);
        assert!(slow.is_err(), "{d}: reader {slow:?}");
        assert!(fast.is_err(), "{d}: fast {fast:?}");
    }
    // After </sheetData> the rest of the part is still checked.
    let xml = sheet("").replace("</extLst>", "</extLs>");
    assert!(cells(&xml, true).is_err());
    // A document that ends inside <sheetData>: the cells read so far, as the reader gives.
    let cut = r#"<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2"#;
    assert_eq!(cells(cut, true), cells(cut, false));
}
