//! Large worksheets are read in pieces on the caller's threads; the result
//! must be the one-pass result, byte for byte, whatever the pieces and the
//! order their tasks run in: shared formulas whose anchor is in another
//! piece, rows out of order, rows without numbers, hidden rows, errors,
//! unsupported functions and a cycle across pieces.

use std::fmt::Write;
use std::sync::atomic::{AtomicUsize, Ordering};

use docskill_opc::pool::Pool;
use docskill_opc::{Limits, Package};
use docskill_xlsx::recalc::{RecalcOptions, check_with, recalc, recalc_with};
use docskill_xlsx::{BuildOptions, WorkbookSpec, build};

const ROWS: u32 = 15_000;

/// Cell `col`/`row` (1-based row) with inline text.
fn text_cell(x: &mut String, r: u32, s: &str, bogus: bool) {
    // A `<row>` inside a cell is not a row: a cut there must not count.
    let inner = if bogus {
        format!("<row r=\"{}\"/>", r + 3)
    } else {
        String::new()
    };
    let _ = write!(
        x,
        r#"<c r="B{r}" t="inlineStr"><is><t>{s}</t>{inner}</is></c>"#
    );
}

/// The Data sheet's XML: a mix of everything a loader must keep in order.
fn data_sheet(bogus_rows: bool) -> String {
    let mut x = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:H15000"/><sheetData>"#,
    );
    let half = ROWS / 2;
    for r in 1..=ROWS {
        let hidden = if r % 500 == 0 { r#" hidden="1""# } else { "" };
        // Every 10th row has no number: it follows the row before.
        if r % 10 == 0 {
            let _ = write!(x, "<row{hidden}>");
        } else {
            let _ = write!(x, r#"<row r="{r}" spans="1:8"{hidden}>"#);
        }
        let _ = write!(x, r#"<c r="A{r}"><v>{r}</v></c>"#);
        text_cell(&mut x, r, &format!("k{}", r % 97), bogus_rows);
        if r == 1 {
            let _ = write!(
                x,
                r#"<c r="C1"><f t="shared" ref="C1:C{ROWS}" si="0">A1*2</f><v>0</v></c>"#
            );
        } else {
            let _ = write!(x, r#"<c r="C{r}"><f t="shared" si="0"/><v>0</v></c>"#);
        }
        let d = match r {
            _ if r % 1000 == 0 => "1/0".to_owned(),
            _ if r % 777 == 0 => "WEBSERVICE(\"http://example.com\")".to_owned(),
            _ => format!("C{r}+A{r}"),
        };
        let _ = write!(x, r#"<c r="D{r}"><f>{d}</f></c>"#);
        // A second shared group anchored half way down, and its cells before
        // the anchor in the file order of another piece.
        if r == half {
            let _ = write!(
                x,
                r#"<c r="E{r}"><f t="shared" ref="E{half}:E{ROWS}" si="1">D{half}-1</f></c>"#
            );
        } else if r > half {
            let _ = write!(x, r#"<c r="E{r}"><f t="shared" si="1"/></c>"#);
        }
        match r {
            1 => x.push_str(r#"<c r="H1"><f>G5*2</f></c>"#),
            2 => {
                let _ = write!(x, r#"<c r="H2"><f>H{}+1</f></c>"#, ROWS - 1);
            }
            _ if r == ROWS - 1 => {
                let _ = write!(x, r#"<c r="H{r}"><f>H2+1</f></c>"#);
            }
            _ => {}
        }
        x.push_str("</row>");
    }
    // A row out of order, at the end: it sets G5 after everything else.
    x.push_str(r#"<row r="5"><c r="G5"><v>42</v></c></row>"#);
    x.push_str("</sheetData><pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/></worksheet>");
    x
}

/// A workbook with the Data sheet above and a small sheet reading it.
fn workbook(bogus_rows: bool) -> Vec<u8> {
    let spec: WorkbookSpec = serde_json::from_str(
        r#"{"sheets": [{"name": "Data", "rows": [[1]]},
            {"name": "Sum", "rows": [[{"formula": "=SUM(Data!C:C)"}, {"formula": "=COUNTIF(Data!B:B,\"k5\")"}, {"formula": "=Data!H1"}]]}]}"#,
    )
    .unwrap();
    let base = build(&spec, &BuildOptions::default()).unwrap().0;
    let mut pkg = Package::open(base, &Limits::default()).unwrap();
    let xml = data_sheet(bogus_rows).into_bytes();
    assert!(
        xml.len() > 3 << 20,
        "{} bytes: too small to be cut",
        xml.len()
    );
    pkg.set_part("/xl/worksheets/sheet1.xml", xml, None)
        .unwrap();
    pkg.to_bytes().unwrap()
}

static BIGGEST_BATCH: AtomicUsize = AtomicUsize::new(0);

/// Runs the tasks last to first, as threads may finish, noting the batch size.
fn backwards(tasks: &mut [&mut (dyn FnMut() + Send)]) {
    BIGGEST_BATCH.fetch_max(tasks.len(), Ordering::Relaxed);
    for t in tasks.iter_mut().rev() {
        t();
    }
}

const FOUR_BACKWARDS: Pool<'static> = Pool {
    threads: 4,
    run: &backwards,
};

#[test]
fn pieces_give_the_one_pass_result() {
    let opts = RecalcOptions::default();
    let limits = Limits::default();
    for bogus in [false, true] {
        let bytes = workbook(bogus);
        let (one, one_report) = recalc(bytes.clone(), &opts, &limits).unwrap();
        BIGGEST_BATCH.store(0, Ordering::Relaxed);
        let (many, many_report) =
            recalc_with(bytes.clone(), &opts, &limits, FOUR_BACKWARDS).unwrap();
        // Two sheets: a batch of more tasks than that is the pieces.
        assert!(
            BIGGEST_BATCH.load(Ordering::Relaxed) > 2,
            "the Data sheet was not cut"
        );
        assert_eq!(one_report, many_report);
        assert!(one == many, "the bytes differ (bogus rows: {bogus})");
        let checked = check_with(bytes, &opts, &limits, FOUR_BACKWARDS).unwrap();
        assert_eq!(checked, one_report);

        let r = &one_report;
        assert_eq!(r.status, "errors_found");
        // C, D for every row, E from half way, H1, H2, H14999, and Sum's three.
        let formulas = 2 * ROWS as usize + (ROWS / 2 + 1) as usize + 3 + 3;
        assert_eq!(r.total_formulas, formulas);
        assert_eq!(
            r.circular,
            [[
                "Data!H2".to_owned(),
                format!("Data!H{}", ROWS - 1),
                "Data!H2".to_owned()
            ]]
        );
        assert_eq!(r.unsupported.len(), 19, "{:?}", r.unsupported.first());
        let div0 = &r.error_summary["#DIV/0!"];
        assert!(div0.locations.contains(&"Data!D1000".to_owned()));
        assert!(div0.locations.contains(&format!("Data!E{ROWS}")));
        let values = docskill_xlsx::read(
            &one,
            &docskill_xlsx::ReadOptions {
                sheet: Some("Sum".into()),
                formulas: true,
                ..Default::default()
            },
            &limits,
        )
        .unwrap();
        // SUM of C = 2 * (1 + ... + ROWS); k5 in rows 5, 102, 199, ...; H1 = G5 * 2.
        let n = f64::from(ROWS);
        assert_eq!(values.rows[0][0]["value"], n * (n + 1.0));
        assert_eq!(values.rows[0][1]["value"], f64::from((ROWS - 5) / 97 + 1));
        assert_eq!(values.rows[0][2]["value"], 84.0);
    }
}
