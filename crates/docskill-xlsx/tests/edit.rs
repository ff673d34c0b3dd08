//! `edit` on the fixture workbook: canonical-XML snapshots of every changed part, untouched
//! parts byte for byte, values read back, errors that name the sheet and cell.

use std::path::PathBuf;

use docskill_opc::Package;
use docskill_xlsx::{EditOp, Editor, Error, ReadOptions, edit_workbook, read};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/xlsx")
}

fn limits() -> docskill_opc::Limits {
    docskill_opc::Limits::default()
}

fn base() -> Vec<u8> {
    std::fs::read(fixtures().join("edit-source.xlsx")).unwrap()
}

fn ops(json: &str) -> Vec<EditOp> {
    serde_json::from_str(json).unwrap()
}

fn fixture_ops() -> Vec<EditOp> {
    ops(&std::fs::read_to_string(fixtures().join("edit-ops.json")).unwrap())
}

fn canonical(bytes: &[u8], part: &str) -> String {
    let pkg = Package::open(bytes.to_vec(), &limits()).unwrap();
    docskill_opc::xml::canonicalize(&pkg.read_part(part).unwrap(), part, &limits()).unwrap()
}

/// Parts whose bytes differ between two packages (added and removed ones included).
fn differing_parts(a: &[u8], b: &[u8]) -> Vec<String> {
    let (pa, pb) = (
        Package::open(a.to_vec(), &limits()).unwrap(),
        Package::open(b.to_vec(), &limits()).unwrap(),
    );
    let mut names: Vec<String> = pa.part_names().chain(pb.part_names()).collect();
    names.sort();
    names.dedup();
    let mut out: Vec<String> = names
        .into_iter()
        .filter(|n| pa.read_part(n).ok() != pb.read_part(n).ok())
        .collect();
    if pa.content_types_xml() != pb.content_types_xml() {
        out.push("[Content_Types].xml".into());
    }
    out
}

fn assert_clean(bytes: &[u8]) {
    let pkg = Package::open_lenient(bytes.to_vec(), &limits()).unwrap();
    let findings = docskill_opc::check(&pkg);
    assert!(findings.is_empty(), "{findings:?}");
}

fn cell(bytes: &[u8], sheet: &str, range: &str) -> serde_json::Value {
    let opts = ReadOptions {
        sheet: Some(sheet.into()),
        range: Some(range.into()),
        formulas: true,
        ..ReadOptions::default()
    };
    read(bytes, &opts, &limits()).unwrap().rows[0][0].clone()
}

#[test]
fn every_operation_on_the_fixture() {
    let (out, summary) = edit_workbook(base(), &fixture_ops(), &limits()).unwrap();
    insta::assert_json_snapshot!("summary", summary);
    let changed = differing_parts(&base(), &out);
    insta::assert_json_snapshot!("differing_parts", changed);
    for part in &summary.changed_parts {
        if std::path::Path::new(part)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("xml"))
            && Package::open(out.clone(), &limits())
                .unwrap()
                .has_part(part)
        {
            let name = part.trim_start_matches('/').replace('/', "_");
            insta::assert_snapshot!(name, canonical(&out, part));
        }
    }
    assert_clean(&out);
    assert_eq!(cell(&out, "Data", "H3"), 99.0);
    assert_eq!(cell(&out, "Data", "A7"), "added text");
    assert_eq!(cell(&out, "Data", "B7"), "widget");
    assert_eq!(cell(&out, "Data", "C8")["formula"], "=C4*2");
    assert_eq!(cell(&out, "Data", "D7"), "2024-03-01");
    assert_eq!(cell(&out, "My Settings", "D5"), " padded ");
    assert_eq!(
        cell(&out, "My Settings", "E5")["formula"],
        "=C5+XLOOKUP(1,C5:C5,C5:C5)"
    );
    assert_eq!(cell(&out, "Data", "H5"), serde_json::Value::Null);
    let info = docskill_xlsx::info(&out, &limits()).unwrap();
    let tabs: Vec<_> = info
        .sheets
        .iter()
        .map(|s| format!("{} {}", s.name, s.visibility))
        .collect();
    assert_eq!(
        tabs,
        [
            "Data visible",
            "Hidden visible",
            "New sheet hidden",
            "My Settings visible"
        ]
    );
}

#[test]
fn same_edit_gives_identical_bytes() {
    let a = edit_workbook(base(), &fixture_ops(), &limits()).unwrap().0;
    let b = edit_workbook(base(), &fixture_ops(), &limits()).unwrap().0;
    assert!(a == b);
}

#[test]
fn a_value_edit_changes_only_its_sheet() {
    let (out, _) = edit_workbook(
        base(),
        &ops(r#"[{"set": {"cell": "Settings!B1", "value": 0.2}}]"#),
        &limits(),
    )
    .unwrap();
    assert_eq!(
        differing_parts(&base(), &out),
        ["/xl/worksheets/sheet2.xml"]
    );
    assert!(canonical(&out, "/xl/workbook.xml").contains("fullCalcOnLoad=\"1\""));
}

#[test]
fn deleting_a_sheet_turns_references_into_ref_errors() {
    let (out, summary) = edit_workbook(
        base(),
        &ops(r#"[{"delete_sheet": {"name": "settings"}}]"#),
        &limits(),
    )
    .unwrap();
    assert!(
        summary
            .changed_parts
            .contains(&"/xl/worksheets/sheet2.xml".to_owned())
    );
    let pkg = Package::open(out.clone(), &limits()).unwrap();
    assert!(!pkg.has_part("/xl/worksheets/sheet2.xml"));
    assert_clean(&out);
    insta::assert_snapshot!("deleted_workbook_xml", canonical(&out, "/xl/workbook.xml"));
}

#[test]
fn shared_formulas_survive_overwriting_their_first_cell() {
    // A sheet where C1:C3 share the formula of C1.
    let mut ed = Editor::open(base(), &limits()).unwrap();
    ed.apply(&ops(r#"[{"set": {"cell": "Hidden!A1:A3", "value": 2}}]"#))
        .unwrap();
    let bytes = ed.to_bytes().unwrap();
    let mut pkg = Package::open(bytes, &limits()).unwrap();
    let xml = String::from_utf8(pkg.read_part("/xl/worksheets/sheet3.xml").unwrap()).unwrap();
    let xml = xml.replace(
        "<sheetData>",
        "<sheetData><row r=\"10\"><c r=\"C10\"><f t=\"shared\" ref=\"C10:C12\" si=\"0\">A1*2</f><v>4</v></c></row><row r=\"11\"><c r=\"C11\"><f t=\"shared\" si=\"0\"/><v>4</v></c></row><row r=\"12\"><c r=\"C12\"><f t=\"shared\" si=\"0\"/><v>4</v></c></row>",
    );
    let xml = xml
        .replace("<row r=\"1\"", "<row r=\"0\"")
        .replace("<row r=\"0\"", "<row r=\"1\"");
    pkg.set_part("/xl/worksheets/sheet3.xml", xml.into_bytes(), None)
        .unwrap();
    let shared = pkg.to_bytes().unwrap();
    let (out, _) = edit_workbook(
        shared,
        &ops(r#"[{"set": {"cell": "Hidden!C10", "value": 0}}]"#),
        &limits(),
    )
    .unwrap();
    assert_eq!(cell(&out, "Hidden", "C11")["formula"], "=A2*2");
    assert_eq!(cell(&out, "Hidden", "C12")["formula"], "=A3*2");
}

#[test]
fn cached_values_can_be_written_under_formulas() {
    let mut ed = Editor::open(base(), &limits()).unwrap();
    let e6 = docskill_xlsx::cellref::Cell::parse("E6").unwrap();
    ed.set_cached_value("Data", e6, &docskill_xlsx::edit::CachedValue::Number(50.5))
        .unwrap();
    let err = ed
        .set_cached_value(
            "Data",
            docskill_xlsx::cellref::Cell::parse("A3").unwrap(),
            &docskill_xlsx::edit::CachedValue::Number(1.0),
        )
        .unwrap_err();
    assert_eq!(err.to_string(), "Data!A3: the cell holds no formula");
    let out = ed.to_bytes().unwrap();
    assert_eq!(cell(&out, "Data", "E6")["value"], 50.5);
    assert_eq!(cell(&out, "Data", "E6")["formula"], "=SUM(E3:E5)");
}

#[test]
fn errors_name_the_operation_sheet_and_cell() {
    let cases = [
        r#"[{"set": {"cell": "A1", "value": 1}}, {"set": {"cell": "Data!C2", "formula": "=SUM(A1:A3"}}]"#,
        r#"[{"set": {"cell": "Nope!A1", "value": 1}}]"#,
        r#"[{"set": {"cell": "Data!A1:A", "value": 1}}]"#,
        r#"[{"rename_sheet": {"from": "Data", "to": "settings"}}]"#,
        r#"[{"merge": {"range": "Data!B1:B2"}}]"#,
        r#"[{"delete_sheet": {"name": "Data"}}, {"delete_sheet": {"name": "Settings"}}]"#,
        r#"[{"set": {"cell": "B2", "value": "x", "formula": "=1"}}]"#,
        r#"[{"add_validation": {"range": "Data!A1", "type": "whole", "min": 1.5, "max": 2}}]"#,
        r#"[{"define_name": {"name": "A1", "refers_to": "=1"}}]"#,
        r#"[{"set": {"cell": "Data!B2", "style": {"color": "red"}}}]"#,
        r#"[{"unmerge": {"range": "Data!D4"}}]"#,
    ];
    let messages: Vec<String> = cases
        .iter()
        .map(|c| match edit_workbook(base(), &ops(c), &limits()) {
            Err(e @ Error::Op { .. }) => e.to_string(),
            other => panic!("{c}: {other:?}"),
        })
        .collect();
    insta::assert_json_snapshot!(messages);
}

/// LET and LAMBDA parameters are stored with `_xlpm.`, the functions with `_xlfn.`.
#[test]
fn let_and_lambda_parameters_get_their_storage_prefix() {
    let (out, _) = edit_workbook(
        base(),
        &ops(
            r#"[{"set": {"cell": "Settings!C1", "formula": "=LET(rate, B1, 100*(1+Rate))"}},
                {"set": {"cell": "Settings!C2", "formula": "=LAMBDA(t, t*2)(B1)"}}]"#,
        ),
        &limits(),
    )
    .unwrap();
    let xml = canonical(&out, "/xl/worksheets/sheet2.xml");
    assert!(
        xml.contains("<f>_xlfn.LET(_xlpm.rate, B1, 100*(1+_xlpm.Rate))</f>"),
        "{xml}"
    );
    assert!(
        xml.contains("<f>_xlfn.LAMBDA(_xlpm.t, _xlpm.t*2)(B1)</f>"),
        "{xml}"
    );
}

/// Hiding or deleting the active sheet moves the active tab and its selection mark to the
/// first visible sheet; a hidden sheet left selected would group with it in Excel.
#[test]
fn the_selected_tab_follows_the_active_sheet() {
    let view = |bytes: &[u8], part: &str| {
        let xml = canonical(bytes, part);
        let a = xml.find("<sheetView ").unwrap();
        xml[a..a + xml[a..].find('>').unwrap()].to_owned()
    };
    for op in [
        r#"[{"hide_sheet": {"name": "Data"}}]"#,
        r#"[{"delete_sheet": {"name": "Data"}}]"#,
    ] {
        let (out, _) = edit_workbook(base(), &ops(op), &limits()).unwrap();
        let book = canonical(&out, "/xl/workbook.xml");
        let settings = if op.contains("delete") {
            // Settings is now the first sheet: activeTab 0, written by leaving it out.
            assert!(!book.contains("activeTab"), "{op}: {book}");
            "/xl/worksheets/sheet2.xml"
        } else {
            assert!(book.contains("activeTab=\"1\""), "{op}: {book}");
            assert!(
                !view(&out, "/xl/worksheets/sheet1.xml").contains("tabSelected"),
                "{op}"
            );
            "/xl/worksheets/sheet2.xml"
        };
        assert!(view(&out, settings).contains("tabSelected=\"1\""), "{op}");
    }
    // Moving tabs does not move the selection mark.
    let (out, _) = edit_workbook(
        base(),
        &ops(r#"[{"move_sheet": {"name": "Settings", "index": 0}}]"#),
        &limits(),
    )
    .unwrap();
    assert!(view(&out, "/xl/worksheets/sheet1.xml").contains("tabSelected=\"1\""));
    assert!(!view(&out, "/xl/worksheets/sheet2.xml").contains("tabSelected"));
}

/// Every validation and conditional-format kind `edit` can add, as the sheet stores them
/// (the styles they use are in the `dxfs` of styles.xml).
#[test]
fn every_rule_kind_added_by_edit() {
    let rules = ops(&std::fs::read_to_string(fixtures().join("edit-rules-ops.json")).unwrap());
    let (out, summary) = edit_workbook(base(), &rules, &limits()).unwrap();
    assert_eq!(summary.ops, rules.len());
    assert_eq!(
        differing_parts(&base(), &out),
        ["/xl/styles.xml", "/xl/worksheets/sheet1.xml"]
    );
    assert_clean(&out);
    let pkg = Package::open(out.clone(), &limits()).unwrap();
    let sheet = docskill_opc::xml::dom::Document::parse(
        &pkg.read_part("/xl/worksheets/sheet1.xml").unwrap(),
        "sheet1",
        &limits(),
    )
    .unwrap();
    let kept: Vec<String> = sheet
        .root
        .elements()
        .filter(|e| matches!(e.local(), "conditionalFormatting" | "dataValidations"))
        .map(docskill_opc::xml::dom::Element::to_xml)
        .collect();
    insta::assert_snapshot!(kept.join("\n"));
    let styles = docskill_opc::xml::dom::Document::parse(
        &pkg.read_part("/xl/styles.xml").unwrap(),
        "styles",
        &limits(),
    )
    .unwrap();
    let dxfs = styles
        .root
        .child("dxfs")
        .map(docskill_opc::xml::dom::Element::to_xml)
        .unwrap_or_default();
    insta::assert_snapshot!("every_rule_kind_dxfs", dxfs);
    let info = docskill_xlsx::info(&out, &limits()).unwrap();
    let data = info.sheets.iter().find(|s| s.name == "Data").unwrap();
    insta::assert_json_snapshot!("every_rule_kind_info", data);
}

/// A cell has one validation: a new rule takes its cells out of older ones, splitting
/// their ranges, and an older rule left with no cells goes.
#[test]
fn a_new_validation_replaces_older_ones_on_its_cells() {
    let (out, _) = edit_workbook(
        base(),
        &ops(
            r#"[{"add_validation": {"range": "Settings!B2:D9", "type": "whole", "min": 0, "max": 9}},
                {"add_validation": {"range": "Settings!C4:C5", "type": "decimal", "min": 0, "max": 1}},
                {"add_validation": {"range": "Settings!F1:F3", "type": "list", "values": ["a"]}},
                {"add_validation": {"range": "Settings!F1:F9", "type": "list", "values": ["b"]}}]"#,
        ),
        &limits(),
    )
    .unwrap();
    let xml = canonical(&out, "/xl/worksheets/sheet2.xml");
    let sqrefs: Vec<&str> = xml
        .lines()
        .filter(|l| l.contains("<dataValidation "))
        .filter_map(|l| l.split("sqref=\"").nth(1)?.split('"').next())
        .collect();
    assert_eq!(
        sqrefs,
        ["B1", "B2:D3 B6:D9 B4:B5 D4:D5", "C4:C5", "F1:F9"],
        "{xml}"
    );
}
