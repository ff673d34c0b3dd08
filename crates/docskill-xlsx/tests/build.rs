//! `build`, `info` and `read` on the fixture spec that exercises every feature.

use std::path::PathBuf;

use docskill_xlsx::{BuildOptions, Error, ReadOptions, WorkbookSpec, build, info, read};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/xlsx")
}

fn full_spec() -> WorkbookSpec {
    let text = std::fs::read_to_string(fixtures().join("full-spec.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn build_full() -> Vec<u8> {
    build(&full_spec(), &BuildOptions::default()).unwrap().0
}

fn limits() -> docskill_opc::Limits {
    docskill_opc::Limits::default()
}

fn part(bytes: &[u8], name: &str) -> String {
    let pkg = docskill_opc::Package::open(bytes.to_vec(), &limits()).unwrap();
    let xml = pkg.read_part(name).unwrap();
    docskill_opc::xml::canonicalize(&xml, name, &limits()).unwrap()
}

#[test]
fn same_spec_gives_identical_bytes() {
    assert_eq!(build_full(), build_full());
}

#[test]
fn committed_fixture_matches_the_spec() {
    let committed = std::fs::read(fixtures().join("full.xlsx")).unwrap();
    assert!(
        committed == build_full(),
        "fixtures/xlsx/full.xlsx is stale: rebuild it with \
         `docskill xlsx build fixtures/xlsx/full-spec.json -o fixtures/xlsx/full.xlsx`"
    );
}

#[test]
fn creation_time_comes_from_the_spec_or_the_options_never_the_clock() {
    let bytes = build_full();
    assert!(part(&bytes, "/docProps/core.xml").contains("2024-01-31T09:00:00Z"));
    let mut spec = full_spec();
    spec.created = None;
    let (a, _) = build(&spec, &BuildOptions::default()).unwrap();
    assert!(part(&a, "/docProps/core.xml").contains("1980-01-01T00:00:00Z"));
    let opts = BuildOptions {
        created: Some("2030-05-06T07:08:09Z".into()),
    };
    let (b, _) = build(&spec, &opts).unwrap();
    assert!(part(&b, "/docProps/core.xml").contains("2030-05-06T07:08:09Z"));
}

#[test]
fn sheet1_xml() {
    let xml = part(&build_full(), "/xl/worksheets/sheet1.xml");
    // Newer functions carry their prefix, older ones do not.
    assert!(xml.contains("_xlfn.XLOOKUP(A3,A3:A5,B3:B5)"), "{xml}");
    assert!(
        xml.contains("_xlfn.IFS(") && xml.contains("_xlfn.LET("),
        "{xml}"
    );
    assert!(xml.contains("<f>SUM(E3:E5)</f>"), "{xml}");
    insta::assert_snapshot!(xml);
}

#[test]
fn workbook_xml_has_names_and_hidden_sheet() {
    let xml = part(&build_full(), "/xl/workbook.xml");
    assert!(xml.contains("state=\"hidden\""), "{xml}");
    insta::assert_snapshot!(xml);
}

#[test]
fn info_of_the_fixture() {
    let i = info(&build_full(), &limits()).unwrap();
    assert_eq!(i.formulas, 18);
    assert_eq!(i.sheets[3].visibility, "hidden");
    assert_eq!(i.tables[0].name, "Quarters");
    insta::assert_json_snapshot!(i);
}

#[test]
fn read_values_and_formulas() {
    let bytes = build_full();
    let t = read(
        &bytes,
        &ReadOptions {
            formulas: true,
            ..ReadOptions::default()
        },
        &limits(),
    )
    .unwrap();
    assert_eq!(t.range.as_deref(), Some("A1:L7"));
    // Dates and times come back as ISO text; cached results beside formulas.
    assert_eq!(t.rows[2][6], "2024-01-31T12:30:00");
    assert_eq!(t.rows[3][6], "13:45:00");
    assert_eq!(t.rows[4][6], "2024-02-29");
    assert_eq!(t.rows[2][4]["value"], 36.9);
    assert_eq!(t.rows[2][4]["formula"], "=C3*D3*(1+TaxRate)");
    // Storage prefixes are dropped, as Excel shows the formula.
    assert_eq!(t.rows[2][5]["formula"], "=XLOOKUP(A3,A3:A5,B3:B5)");
    assert_eq!(t.rows[3][5]["formula"], "=IFS(C4>2,\"many\",TRUE,\"few\")");
    insta::assert_json_snapshot!("read_full", t);
    let settings = ReadOptions {
        sheet: Some("Settings".into()),
        ..ReadOptions::default()
    };
    let t = read(&bytes, &settings, &limits()).unwrap();
    insta::assert_snapshot!("read_settings_md", t.to_markdown());
    insta::assert_snapshot!("read_settings_csv", t.to_csv());
}

#[test]
fn read_a_range_and_refuse_bad_requests() {
    let bytes = build_full();
    let opts = ReadOptions {
        range: Some("B3:C4".into()),
        ..ReadOptions::default()
    };
    let t = read(&bytes, &opts, &limits()).unwrap();
    assert_eq!(
        serde_json::json!(t.rows),
        serde_json::json!([["widget", 3], ["gadget", 1]])
    );

    let missing = ReadOptions {
        sheet: Some("Nope".into()),
        ..ReadOptions::default()
    };
    match read(&bytes, &missing, &limits()) {
        Err(Error::SheetNotFound { name, available }) => {
            assert_eq!(name, "Nope");
            assert_eq!(available, ["Data", "Settings", "Report", "Hidden"]);
        }
        other => panic!("{other:?}"),
    }
    let bad = ReadOptions {
        range: Some("A1:ZZZZ9".into()),
        ..ReadOptions::default()
    };
    assert!(matches!(
        read(&bytes, &bad, &limits()),
        Err(Error::InvalidRange(_))
    ));
    let small = ReadOptions {
        max_cells: 10,
        ..ReadOptions::default()
    };
    assert!(matches!(
        read(&bytes, &small, &limits()),
        Err(Error::TooManyCells { cells: 84, .. })
    ));
}

fn spec_error(json: &str) -> String {
    let spec: WorkbookSpec = serde_json::from_str(json).unwrap();
    build(&spec, &BuildOptions::default())
        .unwrap_err()
        .to_string()
}

#[test]
fn spec_errors_name_sheet_and_cell() {
    let cases = [
        r#"{"sheets": []}"#,
        r#"{"sheets": [{"name": "S", "cells": {"C2": {"formula": "=SUM(A1:A3"}}}]}"#,
        r#"{"sheets": [{"name": "S", "cells": {"C2": {"formula": "=\"abc"}}}]}"#,
        r#"{"sheets": [{"name": "S", "cells": {"B7": {"value": 1, "style": "nope"}}}]}"#,
        r#"{"sheets": [{"name": "S", "cells": {"A1": {"value": "2023-02-29", "type": "date"}}}]}"#,
        r#"{"sheets": [{"name": "S", "cells": {"A0": 1}}]}"#,
        r#"{"sheets": [{"name": "S", "cells": {"A1": {"value": "x", "type": "number"}}}]}"#,
        r#"{"sheets": [{"name": "S", "cells": {"A1": {"value": 1, "style": {"fill": "red"}}}}]}"#,
        r#"{"sheets": [{"name": "S[1]"}]}"#,
        r#"{"sheets": [{"name": "S", "merge": ["A1"]}]}"#,
        r#"{"sheets": [{"name": "S", "data_validations": [{"range": "A1:A5", "type": "whole", "min": 0.5, "max": 3}]}]}"#,
        r#"{"sheets": [{"name": "S", "data_validations": [{"range": "A1:A5", "type": "custom"}]}]}"#,
        r#"{"sheets": [{"name": "S", "conditional_formats": [{"range": "A1:A5", "type": "formula", "formula": "=(A1>2", "format": {"bold": true}}]}]}"#,
        r#"{"sheets": [{"name": "S", "conditional_formats": [{"range": "A1:A5", "type": "cell", "value": 2, "format": {"bold": true}}]}]}"#,
        r#"{"sheets": [{"name": "S"}], "defined_names": {"Bad": "=SUM((A1)"}}"#,
        r#"{"sheets": [{"name": "S", "hidden": true}]}"#,
    ];
    let messages: Vec<String> = cases.iter().map(|c| spec_error(c)).collect();
    insta::assert_snapshot!(messages.join("\n"));
}

#[test]
fn formula_errors_carry_where_and_what() {
    let spec: WorkbookSpec = serde_json::from_str(
        r#"{"sheets": [{"name": "Data", "rows": [[1, {"formula": "=IF(A1>0,\"x\""}]]}]}"#,
    )
    .unwrap();
    match build(&spec, &BuildOptions::default()) {
        Err(Error::Formula { at, formula, .. }) => {
            assert_eq!(at, "Data!B1");
            assert_eq!(formula, "=IF(A1>0,\"x\"");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn unknown_fields_are_refused() {
    let e = serde_json::from_str::<WorkbookSpec>(r#"{"sheets": [], "colour": 1}"#).unwrap_err();
    assert!(e.to_string().contains("unknown field `colour`"), "{e}");
    let e = serde_json::from_str::<WorkbookSpec>(r#"{"sheets": [{"name": "S", "frezze": "A2"}]}"#)
        .unwrap_err();
    assert!(e.to_string().contains("unknown field `frezze`"), "{e}");
}

#[test]
fn a_hundred_thousand_rows_build_and_read_back() {
    let rows: Vec<serde_json::Value> = (0..100_000)
        .map(|i| serde_json::json!([i, format!("row {i}"), f64::from(i) * 0.5, i % 2 == 0]))
        .collect();
    let spec: WorkbookSpec =
        serde_json::from_value(serde_json::json!({"sheets": [{"name": "Big", "rows": rows}]}))
            .unwrap();
    let (bytes, summary) = build(&spec, &BuildOptions::default()).unwrap();
    assert_eq!(summary.cells, 400_000);
    let opts = ReadOptions {
        range: Some("A99999:D100000".into()),
        ..ReadOptions::default()
    };
    let t = read(&bytes, &opts, &limits()).unwrap();
    assert_eq!(
        serde_json::json!(t.rows),
        serde_json::json!([
            [99_998, "row 99998", 49_999, true],
            [99_999, "row 99999", 49_999.5, false]
        ])
    );
}

#[test]
fn parts_of_notes_links_tables_charts_protection_and_print() {
    let bytes = build_full();
    let settings = part(&bytes, "/xl/worksheets/sheet2.xml");
    assert!(settings.contains("<sheetProtection"), "{settings}");
    assert!(settings.contains("<hyperlink"), "{settings}");
    let data = part(&bytes, "/xl/worksheets/sheet1.xml");
    assert!(data.contains("orientation=\"landscape\"") && data.contains("paperSize=\"9\""));
    assert!(data.contains("type=\"colorScale\"") && data.contains("type=\"iconSet\""));
    assert!(data.contains("t=\"array\""), "{data}");
    for name in [
        "/xl/worksheets/sheet2.xml",
        "/xl/worksheets/sheet3.xml",
        "/xl/comments1.xml",
        "/xl/tables/table1.xml",
        "/xl/charts/chart1.xml",
        "/xl/drawings/drawing1.xml",
    ] {
        let snap = name.trim_start_matches('/').replace('/', "_");
        insta::assert_snapshot!(snap, part(&bytes, name));
    }
}

#[test]
fn errors_of_the_new_features_name_where() {
    let bad = |sheet: serde_json::Value| -> String {
        let spec: WorkbookSpec =
            serde_json::from_value(serde_json::json!({"sheets": [sheet]})).unwrap();
        build(&spec, &BuildOptions::default())
            .unwrap_err()
            .to_string()
    };
    let msgs = [
        bad(
            serde_json::json!({"name": "S", "charts": [{"type": "line", "series": [{"values": "Nope!A1:A3"}]}]}),
        ),
        bad(
            serde_json::json!({"name": "S", "charts": [{"type": "scatter", "series": [{"values": "A1:A3"}]}]}),
        ),
        bad(
            serde_json::json!({"name": "S", "cells": {"A1": {"value": "x", "link": "javascript:alert(1)"}}}),
        ),
        bad(
            serde_json::json!({"name": "S", "cells": {"A1": {"formula": "=B1:B3", "array": "B1:B3"}}}),
        ),
        bad(
            serde_json::json!({"name": "S", "conditional_formats": [{"range": "A1:A3", "type": "color_scale", "colors": ["#FFFFFF"]}]}),
        ),
        bad(
            serde_json::json!({"name": "S", "conditional_formats": [{"range": "A1:A3", "type": "top"}]}),
        ),
        bad(serde_json::json!({"name": "S", "tables": [{"range": "A1:B1"}]})),
        bad(serde_json::json!({"name": "S", "tables": [{"range": "A1:B3", "style": "Fancy"}]})),
        bad(serde_json::json!({"name": "S", "print": {"repeat_rows": "x"}})),
        bad(
            serde_json::json!({"name": "S", "data_validations": [{"range": "A1", "type": "date", "min": "2024-13-01", "max": "2024-12-31"}]}),
        ),
        bad(serde_json::json!({"name": "S", "notes": {"ZZZZ1": "x"}})),
    ];
    insta::assert_snapshot!(msgs.join("\n"));
}

/// Rows of every kind of cell: numbers, text, booleans, dates, styled values and formulas.
fn plain_rows(n: usize) -> Vec<serde_json::Value> {
    (1..=n)
        .map(|i| {
            let r = i + 1;
            serde_json::json!([
                i,
                format!("item {i}"),
                i % 3 == 0,
                {"value": "2024-02-29", "type": "date"},
                {"value": 1.5 * f64::from(u32::try_from(i).unwrap()), "style": "money"},
                {"formula": format!("=A{r}*E{r}"), "style": {"num_format": "0.0"}},
                {"formula": format!("=IF(C{r},\"yes\",\"no\")")},
            ])
        })
        .collect()
}

fn plain_sheet(name: &str, rows: usize) -> serde_json::Value {
    let mut all = vec![serde_json::json!([
        "n", "name", "flag", "day", "price", "total", "yes"
    ])];
    all.extend(plain_rows(rows));
    serde_json::json!({
        "name": name,
        "rows": all,
        "columns": [{"range": "A:A", "width": 8}, {"range": "E:F", "width": 14}],
        "freeze": "A2",
        "autofilter": "A1:G2",
        "data_validations": [{"range": "A2:A10", "type": "whole", "min": 0, "max": 100_000}],
        "conditional_formats": [{"range": "E2:E10", "type": "cell", "operator": ">", "value": 5,
                                  "format": {"bold": true}}],
    })
}

/// A big plain sheet is written a row at a time and reads back exactly as the same rows
/// written the ordinary way.
#[test]
fn big_plain_sheets_stream_and_read_back_the_same() {
    let mut spec = full_spec();
    let json = serde_json::json!({
        "styles": {"money": {"num_format": "#,##0.00"}},
        "sheets": [plain_sheet("Big", 8_000), plain_sheet("Small", 60)],
    });
    let extra: WorkbookSpec = serde_json::from_value(json).unwrap();
    spec.styles = extra.styles;
    spec.sheets = extra.sheets;
    spec.defined_names.clear();
    let (bytes, summary) = build(&spec, &BuildOptions::default()).unwrap();
    assert_eq!(summary.cells, 2 * 7 + 8_060 * 7);
    #[cfg(feature = "low-memory")]
    assert_eq!(
        summary.streamed_sheets, 1,
        "the big sheet streams, the small one does not"
    );
    #[cfg(not(feature = "low-memory"))]
    assert_eq!(summary.streamed_sheets, 0);
    assert_eq!(
        bytes,
        build(&spec, &BuildOptions::default()).unwrap().0,
        "deterministic"
    );
    let read_sheet = |sheet: &str, range: &str| {
        let opts = ReadOptions {
            sheet: Some(sheet.into()),
            range: Some(range.into()),
            formulas: true,
            ..ReadOptions::default()
        };
        read(&bytes, &opts, &limits()).unwrap().rows
    };
    assert_eq!(read_sheet("Big", "A1:G61"), read_sheet("Small", "A1:G61"));
    let last = read_sheet("Big", "A8001:G8001");
    assert_eq!(last[0][0], 8000.0);
    assert_eq!(last[0][1], "item 8000");
    assert_eq!(last[0][6]["formula"], "=IF(C8001,\"yes\",\"no\")");
    // Everything besides the cells (and which tab is selected) is the same in both sheets.
    let strip = |xml: String| {
        let a = xml.find("<sheetData").unwrap();
        let b = xml.find("</sheetData>").unwrap();
        let xml = format!("{}{}", &xml[..a], &xml[b..]);
        let d = xml.find("<dimension").unwrap();
        let e = d + xml[d..].find("/>").unwrap() + 2;
        // Only the first sheet is the selected tab.
        format!("{}{}", &xml[..d], &xml[e..]).replace(" tabSelected=\"1\"", "")
    };
    assert_eq!(
        strip(part(&bytes, "xl/worksheets/sheet1.xml")),
        strip(part(&bytes, "xl/worksheets/sheet2.xml"))
    );
}

/// LET and LAMBDA parameters are stored with `_xlpm.`, the functions with `_xlfn.`.
#[test]
fn let_and_lambda_parameters_get_their_storage_prefix() {
    let spec: WorkbookSpec = serde_json::from_str(
        r#"{"sheets": [{"name": "S", "cells": {"A1": 3,
            "B1": {"formula": "=LET(x, A1*2, y, x+1, x*y)"},
            "C1": {"formula": "=LAMBDA(t, t*10)(A1)"}}}],
           "defined_names": {"Twice": "=LAMBDA(n, n*2)"}}"#,
    )
    .unwrap();
    let bytes = build(&spec, &BuildOptions::default()).unwrap().0;
    let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(
        sheet.contains("<f>_xlfn.LET(_xlpm.x, A1*2, _xlpm.y, _xlpm.x+1, _xlpm.x*_xlpm.y)</f>"),
        "{sheet}"
    );
    // Written as a dynamic formula (`t="array"`), as Excel stores LAMBDA calls.
    assert!(
        sheet.contains(">_xlfn.LAMBDA(_xlpm.t, _xlpm.t*10)(A1)</f>"),
        "{sheet}"
    );
    let book = part(&bytes, "xl/workbook.xml");
    assert!(book.contains("_xlfn.LAMBDA(_xlpm.n, _xlpm.n*2)"), "{book}");
}
