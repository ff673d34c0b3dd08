//! Behaviours found by comparing with the values Excel cached in real
//! workbooks (`recalc --compare-cached` over the shared corpus), one test per
//! cause: circular references hold 0, array formulas broadcast over their
//! range, SUBTOTAL skips nested subtotals and hidden rows, TIMEVALUE lifts
//! over arrays, UNIQUE.

use docskill_formula::{CalcOptions, ErrorKind, FormulaMode, Value, Workbook};

fn n(x: f64) -> Value {
    Value::Number(x)
}

#[test]
fn cells_of_a_cycle_hold_zero_and_the_cycle_is_reported() {
    // calamine issue 567: `A1 = A$1` (a cell that reads itself) and a
    // neighbour reading it. Excel with iteration off caches 0 in both.
    let mut wb = Workbook::new();
    let s = wb.add_sheet("S").unwrap();
    wb.set_formula(s, 0, 0, "=A$1").unwrap();
    wb.set_formula(s, 1, 0, "=A$1+5").unwrap();
    wb.set_formula(s, 0, 1, "=C1+1").unwrap(); // B1 <-> C1
    wb.set_formula(s, 0, 2, "=B1*2").unwrap();
    let rep = wb.calculate(&CalcOptions::default());
    assert_eq!(wb.value(s, 0, 0), &n(0.0));
    assert_eq!(wb.value(s, 1, 0), &n(5.0));
    assert_eq!(wb.value(s, 0, 1), &n(0.0));
    assert_eq!(wb.value(s, 0, 2), &n(0.0));
    assert_eq!(rep.circular.len(), 2);
    assert!(rep.errors.is_empty(), "{:?}", rep.errors);
}

#[test]
fn array_formula_cells_broadcast_a_smaller_result() {
    // `{=SUM(B1:C1*B2:C2)}` entered over A1:A3 (rust_xlsxwriter
    // array_formula01): every cell of the range shows the single result.
    let mut wb = Workbook::new();
    let s = wb.add_sheet("S").unwrap();
    for (r, c, v) in [(0, 1, 2.0), (0, 2, 3.0), (1, 1, 4.0), (1, 2, 5.0)] {
        wb.set_value(s, r, c, n(v)).unwrap();
    }
    let cell = |row, col| FormulaMode::ArrayCell { row, col };
    for r in 0..3 {
        wb.set_formula_with(s, r, 0, "=SUM(B1:C1*B2:C2)", cell(r, 0))
            .unwrap();
    }
    // A one-row result over two rows repeats; a 2x2 result over 3 rows is #N/A below.
    for r in 0..2 {
        for c in 0..2 {
            wb.set_formula_with(s, 4 + r, 4 + c, "=B1:C1*10", cell(r, c))
                .unwrap();
        }
    }
    for r in 0..3 {
        wb.set_formula_with(s, 4 + r, 7, "=B1:B2+1", cell(r, 0))
            .unwrap();
    }
    wb.calculate(&CalcOptions::default());
    for r in 0..3 {
        assert_eq!(wb.value(s, r, 0), &n(23.0), "row {r}");
    }
    assert_eq!(wb.value(s, 4, 4), &n(20.0));
    assert_eq!(wb.value(s, 5, 4), &n(20.0));
    assert_eq!(wb.value(s, 5, 5), &n(30.0));
    assert_eq!(wb.value(s, 4, 7), &n(3.0));
    assert_eq!(wb.value(s, 5, 7), &n(5.0));
    assert_eq!(wb.value(s, 6, 7), &Value::Error(ErrorKind::NA));
}

#[test]
fn subtotal_skips_nested_subtotals() {
    // rust_xlsxwriter outline01: a grand total over rows holding subtotals.
    let mut wb = Workbook::new();
    let s = wb.add_sheet("S").unwrap();
    for (r, v) in [(1, 1000.0), (2, 1200.0), (3, 900.0), (4, 1200.0)] {
        wb.set_value(s, r, 1, n(v)).unwrap();
    }
    wb.set_formula(s, 5, 1, "=SUBTOTAL(9,B2:B5)").unwrap();
    for (r, v) in [(6, 400.0), (7, 600.0), (8, 500.0), (9, 600.0)] {
        wb.set_value(s, r, 1, n(v)).unwrap();
    }
    wb.set_formula(s, 10, 1, "=SUBTOTAL(9,B7:B10)*1").unwrap();
    wb.set_formula(s, 11, 1, "=SUBTOTAL(9,B2:B11)").unwrap();
    wb.set_formula(s, 12, 1, "=SUBTOTAL(3,B2:B11)").unwrap();
    wb.set_formula(s, 13, 1, "=SUM(B2:B11)").unwrap();
    wb.calculate(&CalcOptions::default());
    assert_eq!(wb.value(s, 5, 1), &n(4300.0));
    assert_eq!(wb.value(s, 10, 1), &n(2100.0));
    assert_eq!(wb.value(s, 11, 1), &n(6400.0));
    assert_eq!(wb.value(s, 12, 1), &n(8.0));
    assert_eq!(wb.value(s, 13, 1), &n(12_800.0));
}

#[test]
fn subtotal_every_code_and_hidden_rows() {
    let mut wb = Workbook::new();
    let s = wb.add_sheet("S").unwrap();
    for (r, v) in [1.0, 2.0, 3.0, 4.0, 10.0].into_iter().enumerate() {
        wb.set_value(s, u32::try_from(r).unwrap(), 0, n(v)).unwrap();
    }
    wb.set_value(s, 5, 0, Value::text("x")).unwrap();
    wb.set_row_hidden(s, 4, true).unwrap(); // the 10 is hidden
    let cases: [(&str, Value); 14] = [
        ("=SUBTOTAL(1,A1:A6)", n(4.0)),
        ("=SUBTOTAL(2,A1:A6)", n(5.0)),
        ("=SUBTOTAL(3,A1:A6)", n(6.0)),
        ("=SUBTOTAL(4,A1:A6)", n(10.0)),
        ("=SUBTOTAL(5,A1:A6)", n(1.0)),
        ("=SUBTOTAL(6,A1:A6)", n(240.0)),
        ("=SUBTOTAL(9,A1:A6)", n(20.0)),
        ("=SUBTOTAL(11,A1:A6)", n(10.0)),
        ("=SUBTOTAL(109,A1:A6)", n(10.0)),
        ("=SUBTOTAL(104,A1:A6)", n(4.0)),
        ("=SUBTOTAL(110,A1:A6)", n(5.0 / 3.0)),
        ("=SUBTOTAL(107,A1:A2)", n(std::f64::consts::FRAC_1_SQRT_2)),
        ("=SUBTOTAL(107,A1)", Value::Error(ErrorKind::Div0)),
        ("=SUBTOTAL(12,A1:A6)", Value::Error(ErrorKind::Value)),
    ];
    for (i, (f, _)) in cases.iter().enumerate() {
        wb.set_formula(s, u32::try_from(i).unwrap(), 3, f).unwrap();
    }
    wb.calculate(&CalcOptions::default());
    for (i, (f, want)) in cases.iter().enumerate() {
        let got = wb.value(s, u32::try_from(i).unwrap(), 3);
        match (got, want) {
            (Value::Number(g), Value::Number(w)) => assert!((g - w).abs() < 1e-12, "{f}: {g}"),
            _ => assert_eq!(got, want, "{f}"),
        }
    }
}

#[test]
fn timevalue_parses_times_and_lifts_over_an_array() {
    // rust_xlsxwriter dynamic_array01: `{=AVERAGE(TIMEVALUE(B1:B2))}`.
    let mut wb = Workbook::new();
    let s = wb.add_sheet("S").unwrap();
    wb.set_value(s, 0, 1, Value::text("12:00")).unwrap();
    wb.set_value(s, 1, 1, Value::text("6:00 PM")).unwrap();
    wb.set_formula(s, 0, 0, "=AVERAGE(TIMEVALUE(B1:B2))")
        .unwrap();
    let cases: [(&str, Value); 7] = [
        ("=TIMEVALUE(\"6:35 AM\")", n((6.0 * 60.0 + 35.0) / 1440.0)),
        (
            "=TIMEVALUE(\"18:35:30\")",
            n((18.0 * 3600.0 + 35.0 * 60.0 + 30.0) / 86_400.0),
        ),
        ("=TIMEVALUE(\"2011-08-22 06:00\")", n(0.25)),
        ("=TIMEVALUE(\"12:00 AM\")", n(0.0)),
        ("=TIMEVALUE(\"2011-08-22\")", n(0.0)),
        ("=TIMEVALUE(\"noon\")", Value::Error(ErrorKind::Value)),
        ("=TIMEVALUE(0.5)", Value::Error(ErrorKind::Value)),
    ];
    for (i, (f, _)) in cases.iter().enumerate() {
        wb.set_formula(s, u32::try_from(i).unwrap(), 3, f).unwrap();
    }
    wb.calculate(&CalcOptions::default());
    assert_eq!(wb.value(s, 0, 0), &n(0.625));
    for (i, (f, want)) in cases.iter().enumerate() {
        let got = wb.value(s, u32::try_from(i).unwrap(), 3);
        match (got, want) {
            (Value::Number(g), Value::Number(w)) => assert!((g - w).abs() < 1e-12, "{f}: {g}"),
            _ => assert_eq!(got, want, "{f}"),
        }
    }
}

#[test]
fn unique_keeps_first_appearances() {
    // rust_xlsxwriter dynamic_array02: `=UNIQUE(A1)` over one cell holding 0.
    let mut wb = Workbook::new();
    let s = wb.add_sheet("S").unwrap();
    wb.set_value(s, 0, 0, n(0.0)).unwrap();
    for (r, v) in ["b", "A", "B", "c", "a"].into_iter().enumerate() {
        wb.set_value(s, u32::try_from(r).unwrap(), 2, Value::text(v))
            .unwrap();
    }
    wb.set_formula(s, 0, 1, "=UNIQUE(A1)").unwrap();
    wb.set_formula(s, 1, 1, "=ROWS(UNIQUE(C1:C5))").unwrap();
    wb.set_formula(s, 2, 1, "=INDEX(UNIQUE(C1:C5),2)").unwrap();
    wb.set_formula(s, 3, 1, "=INDEX(UNIQUE(C1:C5,FALSE,TRUE),1)")
        .unwrap();
    wb.set_formula(s, 4, 1, "=COLUMNS(UNIQUE({1,2,1},TRUE))")
        .unwrap();
    wb.set_formula(s, 5, 1, "=UNIQUE({1;1},FALSE,TRUE)")
        .unwrap();
    wb.calculate(&CalcOptions::default());
    assert_eq!(wb.value(s, 0, 1), &n(0.0));
    assert_eq!(wb.value(s, 1, 1), &n(3.0));
    assert_eq!(wb.value(s, 2, 1), &Value::text("A"));
    assert_eq!(wb.value(s, 3, 1), &Value::text("c"));
    assert_eq!(wb.value(s, 4, 1), &n(2.0));
    assert_eq!(wb.value(s, 5, 1), &Value::Error(ErrorKind::Calc));
}
