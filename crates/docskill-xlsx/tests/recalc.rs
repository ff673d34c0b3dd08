//! `recalc` reports on generated workbooks: every error kind with its origin,
//! a circular chain, an unsupported function, the exact JSON an agent reads.

use docskill_opc::{Limits, Package};
use docskill_xlsx::recalc::{RecalcOptions, recalc};
use docskill_xlsx::{BuildOptions, WorkbookSpec, build};

fn book(spec: &str) -> Vec<u8> {
    let spec: WorkbookSpec = serde_json::from_str(spec).unwrap();
    build(&spec, &BuildOptions::default()).unwrap().0
}

const MODEL: &str = r#"{"sheets": [
  {"name": "Model", "cells": {
    "A1": 10, "A2": 0, "A3": "text",
    "B1": {"formula": "=A1/A2"},
    "B2": {"formula": "=B1*2"},
    "B3": {"formula": "=A1+A3"},
    "B4": {"formula": "=VLOOKUP(99,A1:A3,1,FALSE)"},
    "B5": {"formula": "=SQRT(-1)"},
    "B6": {"formula": "=NOSUCHNAME+1"},
    "B7": {"formula": "=INDEX(A1:A3,5)"},
    "B8": {"formula": "=A1:A3 A5:A6"},
    "B9": {"formula": "=B7+1"},
    "C1": {"formula": "=SUM(A1:A2)*2"},
    "C2": {"formula": "=\"ok\""},
    "C3": {"formula": "=A1>5"}}},
  {"name": "Calc", "cells": {
    "B2": {"formula": "=B3+1"}, "B3": {"formula": "=B4+1"}, "B4": {"formula": "=B2+1"},
    "C1": {"formula": "=B2*2"}}},
  {"name": "Data", "cells": {"F2": {"formula": "=WEBSERVICE(\"http://example.com\")"}}}]}"#;

#[test]
fn report_of_each_error_kind_cycle_and_unsupported() {
    let (out, report) = recalc(book(MODEL), &RecalcOptions::default(), &Limits::default()).unwrap();
    insta::assert_json_snapshot!("model_report", report);
    // calcChain is gone, the package still opens, the values are there.
    let pkg = Package::open(out, &Limits::default()).unwrap();
    assert!(!pkg.part_names().any(|p| p.contains("calcChain")));
}

#[test]
fn clean_workbook_reports_success() {
    let bytes = book(
        r#"{"sheets": [{"name": "S", "rows": [[1, 2, {"formula": "=A1+B1"}, {"formula": "=TODAY()"}]]}]}"#,
    );
    let opts = RecalcOptions {
        now: 45_747.25,
        ..RecalcOptions::default()
    };
    let (out, report) = recalc(bytes, &opts, &Limits::default()).unwrap();
    assert_eq!(report.status, "success");
    assert_eq!(report.total_formulas, 2);
    let sheet = Package::open(out, &Limits::default())
        .unwrap()
        .read_part("/xl/worksheets/sheet1.xml")
        .unwrap();
    let xml = String::from_utf8(sheet).unwrap();
    assert!(xml.contains("<f>A1+B1</f><v>3</v>"), "{xml}");
    assert!(xml.contains("<f>TODAY()</f><v>45747</v>"), "{xml}");
}

#[test]
fn untouched_parts_keep_their_bytes() {
    let bytes = book(MODEL);
    let before = Package::open(bytes.clone(), &Limits::default()).unwrap();
    let (out, _) = recalc(bytes, &RecalcOptions::default(), &Limits::default()).unwrap();
    let after = Package::open(out, &Limits::default()).unwrap();
    for p in before.part_names() {
        if p.contains("/worksheets/") || p.contains("calcChain") {
            continue;
        }
        assert_eq!(
            before.read_part(&p).unwrap(),
            after.read_part(&p).unwrap(),
            "{p} changed"
        );
    }
}

/// OFFSET and INDIRECT reaching formulas later in the sheet, a cycle through
/// INDIRECT, and bad reference text: values written back and the report.
#[test]
fn dynamic_references_are_computed_and_reported() {
    let bytes = book(
        r#"{"sheets": [{"name": "S", "cells": {
          "A1": {"formula": "=SUM(OFFSET(A2,0,0,3,1))"},
          "A2": {"formula": "=A3*2"},
          "A3": {"formula": "=INDIRECT(\"A4\")+1"},
          "A4": {"formula": "=B1*3"},
          "B1": 2,
          "C1": {"formula": "=INDIRECT(\"C2\")"},
          "C2": {"formula": "=INDIRECT(\"C1\")"},
          "D1": {"formula": "=INDIRECT(\"no ref\")"},
          "D2": {"formula": "=INDIRECT(\"R4C1\",FALSE)*10"}}}]}"#,
    );
    let (out, report) = recalc(bytes, &RecalcOptions::default(), &Limits::default()).unwrap();
    insta::assert_json_snapshot!("dynamic_report", report);
    let sheet = Package::open(out, &Limits::default())
        .unwrap()
        .read_part("/xl/worksheets/sheet1.xml")
        .unwrap();
    let xml = String::from_utf8(sheet).unwrap();
    for want in [
        "<f>SUM(OFFSET(A2,0,0,3,1))</f><v>27</v>",
        "<f>A3*2</f><v>14</v>",
        "<v>7</v>",
        "<f>B1*3</f><v>6</v>",
        "<v>60</v>",
    ] {
        assert!(xml.contains(want), "{want} not in {xml}");
    }
}

/// A sheet of `rows` rows: a number and a formula on it, well over one
/// deflate chunk of XML when `rows` is large.
fn long_book(rows: usize) -> Vec<u8> {
    let rows: Vec<String> = (1..=rows)
        .map(|r| format!(r#"[{r}, {{"formula": "=A{r}*2+0.5"}}, {{"formula": "=IF(B{r}>9,\"big\",\"small\")"}}]"#))
        .collect();
    book(&format!(
        r#"{{"sheets": [{{"name": "S", "rows": [{}]}}]}}"#,
        rows.join(",")
    ))
}

#[test]
fn large_sheets_are_deflated_in_chunks_with_the_same_bytes_in_any_order() {
    use docskill_opc::deflate::CHUNK;
    use docskill_opc::pool::Pool;
    use docskill_xlsx::recalc::recalc_with;
    let bytes = long_book(40_000);
    let sheet_len = Package::open(bytes.clone(), &Limits::default())
        .unwrap()
        .read_part("/xl/worksheets/sheet1.xml")
        .unwrap()
        .len();
    assert!(
        sheet_len > 2 * CHUNK,
        "{sheet_len} bytes: too small to test chunks"
    );
    let opts = RecalcOptions::default();
    let (a, report) = recalc(bytes.clone(), &opts, &Limits::default()).unwrap();
    assert_eq!(report.total_formulas, 80_000);
    // Tasks run last to first (as threads may finish) give the same bytes.
    let backwards = |tasks: &mut [&mut (dyn FnMut() + Send)]| {
        for t in tasks.iter_mut().rev() {
            t();
        }
    };
    let reversed = Pool {
        threads: 4,
        run: &backwards,
    };
    let (b, _) = recalc_with(bytes, &opts, &Limits::default(), reversed).unwrap();
    assert!(
        a == b,
        "output depends on the order chunks are compressed in"
    );
    // read_part checks size and CRC.
    let xml = Package::open(a, &Limits::default())
        .unwrap()
        .read_part("/xl/worksheets/sheet1.xml")
        .unwrap();
    let xml = String::from_utf8(xml).unwrap();
    assert!(xml.contains("<f>A1*2+0.5</f><v>2.5</v>"), "first row");
    assert!(
        xml.contains(r#"<c r="C40000" t="str"><f>IF(B40000&gt;9,"big","small")</f><v>big</v></c>"#),
        "last row"
    );
}
