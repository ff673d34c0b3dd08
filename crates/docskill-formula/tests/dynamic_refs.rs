//! `OFFSET` and `INDIRECT`: references computed while evaluating, their
//! error cases, and the dependencies they create (cells reached that are
//! computed later in the static order, cycles through them, volatility in
//! the incremental path, cost on long running totals).

mod common;

use common::Want::{B, E, N, T};
use common::check;
use docskill_formula::{CalcOptions, ErrorKind, Value, Workbook};

#[test]
fn offset_forms_and_errors() {
    // Sheet1: A1:A5 = 1..5, B1:B5 = 10..50, C1:C5 = a..e.
    check(&[
        ("=OFFSET(A1,2,1)", N(30.0)),
        ("=OFFSET(B5,-4,-1)", N(1.0)),
        ("=SUM(OFFSET(A1,1,0,3,1))", N(9.0)),
        ("=SUM(OFFSET(A1:B2,1,0))", N(55.0)),
        ("=SUM(OFFSET(A1,0,0,2,2))", N(33.0)),
        ("=SUM(OFFSET(A5,0,0,-3,1))", N(12.0)),
        ("=SUM(OFFSET(B3,0,0,1,-2))", N(33.0)),
        ("=ROWS(OFFSET(A1,0,0,4,3))", N(4.0)),
        ("=COLUMNS(OFFSET(A1,0,0,4,3))", N(3.0)),
        ("=COUNTIF(OFFSET(A1,0,0,5,1),\">2\")", N(3.0)),
        (
            "=SUMIFS(OFFSET(B1,0,0,5),OFFSET(A1,0,0,5),\"<=2\")",
            N(30.0),
        ),
        ("=VLOOKUP(3,OFFSET(A1,0,0,5,3),3,FALSE)", T("c")),
        ("=INDEX(OFFSET(A1,1,0,4,2),2,2)", N(30.0)),
        ("=MATCH(40,OFFSET(B1,0,0,5),0)", N(4.0)),
        ("=SUM(A1:OFFSET(A1,3,0))", N(10.0)),
        ("=SUM(OFFSET(A1,1,0):A5)", N(14.0)),
        ("=ISREF(OFFSET(A1,1,1))", B(true)),
        ("=OFFSET(OFFSET(A1,1,0),1,1)", N(30.0)),
        ("=OFFSET(A1,2.9,0.5)", N(3.0)),
        ("=OFFSET(A1,-1,0)", E(ErrorKind::Ref)),
        ("=OFFSET(A1,0,-1)", E(ErrorKind::Ref)),
        ("=OFFSET(A1,1048576,0)", E(ErrorKind::Ref)),
        ("=OFFSET(A1,0,16384)", E(ErrorKind::Ref)),
        ("=OFFSET(A1,0,0,0,1)", E(ErrorKind::Ref)),
        ("=OFFSET(A1,0,0,1,0)", E(ErrorKind::Ref)),
        ("=OFFSET(A1,0,0,-2,1)", E(ErrorKind::Ref)),
        ("=OFFSET(5,0,0)", E(ErrorKind::Value)),
        ("=OFFSET(A1,\"x\",0)", E(ErrorKind::Value)),
        ("=OFFSET(1/0,0,0)", E(ErrorKind::Div0)),
        ("=OFFSET((A1,B1),0,0)", E(ErrorKind::Value)),
        // Arrays of offsets (arrays of references in Excel) are not modelled.
        (
            "=SUMPRODUCT(SUBTOTAL(9,OFFSET(A1,ROW(A1:A3)-1,0)))",
            E(ErrorKind::Value),
        ),
        ("=SUM(OFFSET(A1,{1},0))", N(2.0)),
    ]);
}

#[test]
fn indirect_forms_and_errors() {
    let (mut wb, s) = common::workbook(false);
    let o = wb.add_sheet("My Sheet").unwrap();
    wb.set_value(o, 1, 1, Value::Number(7.0)).unwrap();
    wb.set_value(s, 0, 7, Value::text("A3")).unwrap(); // H1
    wb.define_name("Tens", None, "=Sheet1!$B$1:$B$5").unwrap();
    common::check_in(
        wb,
        s,
        &[
            ("=INDIRECT(\"B2\")", N(20.0)),
            ("=INDIRECT(H1)", N(3.0)),
            ("=INDIRECT(\"a\"&\"4\")", N(4.0)),
            ("=SUM(INDIRECT(\"A1:A5\"))", N(15.0)),
            ("=SUM(INDIRECT(\"Sheet1!B1:B2\"))", N(30.0)),
            ("=INDIRECT(\"'My Sheet'!B2\")", N(7.0)),
            ("=SUM(INDIRECT(\"A:A\"))", N(15.0)),
            ("=SUM(INDIRECT(\"2:3\"))", N(91_063.0)), // with the dates in D2:D3
            ("=SUM(INDIRECT(\"Tens\"))", N(150.0)),
            ("=INDIRECT(\"R2C2\",FALSE)", N(20.0)),
            ("=SUM(INDIRECT(\"R1C1:R5C1\",FALSE))", N(15.0)),
            ("=INDIRECT(\"'My Sheet'!R2C2\",FALSE)", N(7.0)),
            // This case stands in Z23: R[-21]C[-25] is A2.
            ("=INDIRECT(\"R[-21]C[-25]\",FALSE)", N(2.0)),
            ("=SUM(INDIRECT(\"C2\",FALSE))", N(150.0)),
            ("=SUM(INDIRECT(\"B1\"):B5)", N(150.0)),
            ("=SUM(A1:INDIRECT(\"A5\"))", N(15.0)),
            ("=OFFSET(INDIRECT(\"B2\"),1,1)", T("c")),
            ("=INDIRECT(ADDRESS(4,2))", N(40.0)),
            ("=ISREF(INDIRECT(\"A1\"))", B(true)),
            ("=ROWS(INDIRECT(\"A2:C4\"))", N(3.0)),
            ("=INDIRECT(\"Nope!A1\")", E(ErrorKind::Ref)),
            ("=INDIRECT(\"not a ref\")", E(ErrorKind::Ref)),
            ("=INDIRECT(\"1+2\")", E(ErrorKind::Ref)),
            ("=INDIRECT(\"=A1\")", E(ErrorKind::Ref)),
            ("=INDIRECT(\"\")", E(ErrorKind::Ref)),
            ("=INDIRECT(\"A1\",FALSE)", E(ErrorKind::Ref)),
            ("=INDIRECT(\"R1C1\")", E(ErrorKind::Ref)),
            ("=INDIRECT(\"XFE1\")", E(ErrorKind::Ref)),
            ("=INDIRECT(1/0)", E(ErrorKind::Div0)),
            // Arrays of texts (arrays of references in Excel) are not modelled.
            (
                "=SUMPRODUCT(SUMIF(INDIRECT({\"A1:A5\",\"B1:B5\"}),\">2\"))",
                E(ErrorKind::Value),
            ),
            ("=INDIRECT({\"B2\"})", N(20.0)),
        ],
    );
}

/// Formulas that reach, through OFFSET and INDIRECT, formula cells that come
/// later in the sheet (and so later in any static order).
#[test]
fn dynamic_references_see_later_formulas() {
    let mut wb = Workbook::new();
    let s = wb.add_sheet("S").unwrap();
    wb.set_formula(s, 0, 0, "=SUM(OFFSET(A2,0,0,3,1))").unwrap(); // A1
    wb.set_formula(s, 1, 0, "=A3*2").unwrap(); // A2 = 14
    wb.set_formula(s, 2, 0, "=INDIRECT(\"A4\")+1").unwrap(); // A3 = 7
    wb.set_formula(s, 3, 0, "=B1*3").unwrap(); // A4 = 6
    wb.set_value(s, 0, 1, Value::Number(2.0)).unwrap(); // B1
    wb.set_formula(s, 0, 2, "=INDIRECT(\"A\"&B1)").unwrap(); // C1 = A2
    let r = wb.calculate(&CalcOptions::default());
    assert_eq!(wb.value(s, 3, 0), &Value::Number(6.0));
    assert_eq!(wb.value(s, 2, 0), &Value::Number(7.0));
    assert_eq!(wb.value(s, 1, 0), &Value::Number(14.0));
    assert_eq!(wb.value(s, 0, 0), &Value::Number(27.0));
    assert_eq!(wb.value(s, 0, 2), &Value::Number(14.0));
    assert!(r.errors.is_empty() && r.circular.is_empty(), "{r:?}");

    // Recalculating after an edit: the dynamic formulas are volatile, and
    // the cells they reach are recomputed before them.
    wb.set_value(s, 0, 1, Value::Number(3.0)).unwrap();
    let r = wb.recalculate(
        &[docskill_formula::CellId::new(s, 0, 1)],
        &CalcOptions::default(),
    );
    assert_eq!(wb.value(s, 3, 0), &Value::Number(9.0));
    assert_eq!(wb.value(s, 2, 0), &Value::Number(10.0));
    assert_eq!(wb.value(s, 1, 0), &Value::Number(20.0));
    assert_eq!(wb.value(s, 0, 0), &Value::Number(39.0));
    assert_eq!(wb.value(s, 0, 2), &Value::Number(10.0)); // now INDIRECT("A3")
    assert!(r.circular.is_empty());
}

#[test]
fn a_lookup_through_offset_sees_later_formulas() {
    let mut wb = Workbook::new();
    let s = wb.add_sheet("S").unwrap();
    wb.set_formula(s, 0, 0, "=VLOOKUP(3,OFFSET(B1,1,0,5,2),2,FALSE)")
        .unwrap();
    wb.set_formula(s, 0, 1, "=VLOOKUP(\"x\",OFFSET(B1,1,0,5,2),2,FALSE)")
        .unwrap();
    for r in 1..6u32 {
        wb.set_value(s, r, 1, Value::Number(f64::from(r))).unwrap();
        wb.set_formula(s, r, 2, &format!("=B{}*100", r + 1))
            .unwrap();
    }
    let r = wb.calculate(&CalcOptions::default());
    assert_eq!(wb.value(s, 0, 0), &Value::Number(300.0));
    assert_eq!(wb.value(s, 0, 1), &Value::Error(ErrorKind::NA));
    assert!(r.circular.is_empty());
}

#[test]
fn offset_of_its_own_cell_is_no_cycle_but_reading_itself_is() {
    let mut wb = Workbook::new();
    let s = wb.add_sheet("S").unwrap();
    wb.set_value(s, 0, 0, Value::Number(1.0)).unwrap();
    for r in 1..4u32 {
        // The pattern that survives inserted rows: previous row + 1.
        wb.set_formula(s, r, 0, &format!("=OFFSET(A{},-1,0)+1", r + 1))
            .unwrap();
    }
    wb.set_formula(s, 0, 2, "=SUM(OFFSET(C1,0,0,2,1))").unwrap(); // reads itself
    wb.set_formula(s, 5, 0, "=INDIRECT(\"A7\")").unwrap(); // A6 ↔ A7
    wb.set_formula(s, 6, 0, "=INDIRECT(\"A6\")").unwrap();
    let r = wb.calculate(&CalcOptions::default());
    assert_eq!(wb.value(s, 3, 0), &Value::Number(4.0));
    assert_eq!(wb.value(s, 0, 2), &Value::Number(0.0));
    let cycles: Vec<Vec<String>> = r
        .circular
        .iter()
        .map(|c| c.iter().map(|&id| wb.cell_name(id)).collect())
        .collect();
    assert_eq!(
        cycles,
        vec![
            vec!["S!C1".to_owned(), "S!C1".to_owned()],
            vec!["S!A6".to_owned(), "S!A7".to_owned(), "S!A6".to_owned()],
        ]
    );
    assert_eq!(wb.value(s, 5, 0), &Value::Number(0.0));
    assert!(r.errors.is_empty(), "{r:?}");
}

/// Running totals over 10,000 rows: every formula evaluated once (nothing
/// re-evaluated), whether they read constants or the formulas above.
#[test]
fn running_totals_evaluate_each_formula_once() {
    let n = 10_000u32;
    let mut wb = Workbook::new();
    let s = wb.add_sheet("S").unwrap();
    for r in 0..n {
        wb.set_value(s, r, 0, Value::Number(1.0)).unwrap();
        wb.set_formula(s, r, 1, "=SUM(OFFSET($A$1,0,0,ROW(),1))")
            .unwrap();
        // Reads the formulas of column B above (and including) its row.
        wb.set_formula(
            s,
            r,
            2,
            &format!("=INDIRECT(\"B\"&ROW())+0*SUM(OFFSET($B$1,0,0,{}))", r + 1),
        )
        .unwrap();
    }
    let r = wb.calculate(&CalcOptions::default());
    assert_eq!(r.evaluated, 2 * n as usize);
    assert_eq!(wb.value(s, n - 1, 1), &Value::Number(f64::from(n)));
    assert_eq!(wb.value(s, n - 1, 2), &Value::Number(f64::from(n)));
    assert!(r.circular.is_empty() && r.errors.is_empty());
}

/// A chain where each cell reads the next one through INDIRECT: the static
/// order is the worst possible, yet each formula is evaluated at most twice.
#[test]
fn a_backward_chain_is_evaluated_in_linear_time() {
    let n = 2_000u32;
    let mut wb = Workbook::new();
    let s = wb.add_sheet("S").unwrap();
    for r in 0..n - 1 {
        wb.set_formula(s, r, 0, &format!("=INDIRECT(\"A{}\")+1", r + 2))
            .unwrap();
    }
    wb.set_value(s, n - 1, 0, Value::Number(0.0)).unwrap();
    let r = wb.calculate(&CalcOptions::default());
    assert_eq!(wb.value(s, 0, 0), &Value::Number(f64::from(n - 1)));
    assert!(r.evaluated <= 2 * n as usize, "{}", r.evaluated);
    assert!(r.circular.is_empty());
}

/// Functions that only take the position or size of a reference (ROW, ROWS,
/// COLUMNS, ISREF, CELL("address"), OFFSET's own reference) do not read its
/// cells: an area covering their own cell, or a neighbour doing the same, is
/// no cycle.
#[test]
fn areas_only_measured_are_no_cycle() {
    let mut wb = Workbook::new();
    let s = wb.add_sheet("S").unwrap();
    // The classic idiom, twice on the same row: each covers both cells.
    wb.set_formula(s, 2, 0, "=SUMPRODUCT(ROW(INDIRECT(\"1:\"&5)))")
        .unwrap();
    wb.set_formula(s, 2, 1, "=SUMPRODUCT(ROW(INDIRECT(\"1:\"&5)))")
        .unwrap();
    wb.set_formula(
        s,
        2,
        2,
        "=ROWS(OFFSET(A1,0,0,5))+COLUMNS(C1:OFFSET(C3,0,0))",
    )
    .unwrap();
    wb.set_formula(s, 2, 3, "=ISREF(OFFSET(D3,0,0))").unwrap();
    wb.set_formula(s, 2, 4, "=CELL(\"address\",INDIRECT(\"E3\"))")
        .unwrap();
    wb.set_formula(s, 2, 5, "=OFFSET(INDIRECT(\"F3\"),1,0)+1")
        .unwrap();
    wb.set_value(s, 3, 5, Value::Number(41.0)).unwrap();
    let r = wb.calculate(&CalcOptions::default());
    assert!(r.circular.is_empty(), "{:?}", r.circular);
    assert_eq!(wb.value(s, 2, 0), &Value::Number(15.0));
    assert_eq!(wb.value(s, 2, 1), &Value::Number(15.0));
    assert_eq!(wb.value(s, 2, 2), &Value::Number(6.0));
    assert_eq!(wb.value(s, 2, 3), &Value::Bool(true));
    assert_eq!(wb.value(s, 2, 4), &Value::text("$E$3"));
    assert_eq!(wb.value(s, 2, 5), &Value::Number(42.0));
}

#[test]
fn row_and_column_of_a_range_are_arrays_except_in_plain_file_formulas() {
    use docskill_formula::FormulaMode;
    let mut wb = Workbook::new();
    let s = wb.add_sheet("S").unwrap();
    wb.set_formula(s, 0, 0, "=SUM(ROW(B2:B4))").unwrap();
    wb.set_formula(s, 1, 0, "=SUM(COLUMN(B2:D2))").unwrap();
    wb.set_formula_with(s, 2, 0, "=SUM(ROW(B2:B4))", FormulaMode::Legacy)
        .unwrap();
    wb.set_formula_with(s, 3, 0, "=SUMPRODUCT(ROW(B2:B4))", FormulaMode::Legacy)
        .unwrap();
    wb.calculate(&CalcOptions::default());
    assert_eq!(wb.value(s, 0, 0), &Value::Number(9.0));
    assert_eq!(wb.value(s, 1, 0), &Value::Number(9.0));
    assert_eq!(wb.value(s, 2, 0), &Value::Number(2.0));
    assert_eq!(wb.value(s, 3, 0), &Value::Number(9.0));
}

/// A defined name holding INDIRECT or OFFSET makes the formulas using it
/// volatile and dynamic: an edit to a cell only the name reaches is seen.
#[test]
fn names_holding_dynamic_references_are_volatile() {
    let mut wb = Workbook::new();
    let s = wb.add_sheet("S").unwrap();
    wb.define_name("Pick", None, "=INDIRECT(\"S!B\"&S!$D$1)")
        .unwrap();
    wb.define_name("Grow", None, "=OFFSET(S!$A$1,0,0,COUNT(S!$A:$A),1)")
        .unwrap();
    wb.set_value(s, 0, 3, Value::Number(5.0)).unwrap(); // D1
    wb.set_value(s, 4, 1, Value::Number(7.0)).unwrap(); // B5
    for r in 0..3u32 {
        wb.set_formula(s, r, 0, &format!("=B{}+1", r + 1)).unwrap(); // A1:A3
    }
    wb.set_formula(s, 0, 2, "=Pick*2").unwrap(); // C1
    wb.set_formula(s, 1, 2, "=SUM(Grow)").unwrap(); // C2
    wb.calculate(&CalcOptions::default());
    assert_eq!(wb.value(s, 0, 2), &Value::Number(14.0));
    assert_eq!(wb.value(s, 1, 2), &Value::Number(3.0));
    wb.set_value(s, 4, 1, Value::Number(8.0)).unwrap();
    wb.set_value(s, 0, 1, Value::Number(10.0)).unwrap();
    let changed = [
        docskill_formula::CellId::new(s, 4, 1),
        docskill_formula::CellId::new(s, 0, 1),
    ];
    wb.recalculate(&changed, &CalcOptions::default());
    assert_eq!(wb.value(s, 0, 2), &Value::Number(16.0));
    assert_eq!(wb.value(s, 1, 2), &Value::Number(13.0));
}

#[test]
fn indirect_reads_table_references() {
    let mut wb = Workbook::new();
    let s = wb.add_sheet("S").unwrap();
    wb.set_value(s, 0, 0, Value::text("Item")).unwrap();
    wb.set_value(s, 0, 1, Value::text("Qty")).unwrap();
    for r in 1..4u32 {
        wb.set_value(s, r, 0, Value::text(format!("i{r}"))).unwrap();
        wb.set_value(s, r, 1, Value::Number(f64::from(r * 10)))
            .unwrap();
    }
    wb.add_table(docskill_formula::Table {
        name: "Stock".into(),
        sheet: s,
        first_row: 0,
        last_row: 3,
        first_col: 0,
        columns: vec!["Item".into(), "Qty".into()],
        header_rows: 1,
        totals_rows: 0,
    });
    wb.set_formula(s, 0, 4, "=SUM(INDIRECT(\"Stock[Qty]\"))")
        .unwrap();
    wb.set_formula(s, 1, 4, "=INDIRECT(\"Stock[Nope]\")")
        .unwrap();
    wb.calculate(&CalcOptions::default());
    assert_eq!(wb.value(s, 0, 4), &Value::Number(60.0));
    assert_eq!(wb.value(s, 1, 4), &Value::Error(ErrorKind::Ref));
}

/// A reference only measured is no precedent: `=ROW(A1)` in A1 and
/// `=CELL("address",B2)` in B2 are no cycles; `CELL("contents")` reads.
#[test]
fn measured_static_references_are_no_precedents() {
    let mut wb = Workbook::new();
    let s = wb.add_sheet("S").unwrap();
    wb.set_formula(s, 0, 0, "=ROW(A1)+COLUMNS(A1:B1)").unwrap();
    wb.set_formula(s, 1, 1, "=CELL(\"address\",B2)").unwrap();
    wb.set_formula(s, 2, 2, "=CELL(\"contents\",C3)").unwrap();
    let r = wb.calculate(&CalcOptions::default());
    assert_eq!(wb.value(s, 0, 0), &Value::Number(3.0));
    assert_eq!(wb.value(s, 1, 1), &Value::text("$B$2"));
    let cycles: Vec<Vec<String>> = r
        .circular
        .iter()
        .map(|c| c.iter().map(|&id| wb.cell_name(id)).collect())
        .collect();
    assert_eq!(cycles, vec![vec!["S!C3".to_owned(), "S!C3".to_owned()]]);
}

/// A cycle through INDIRECT is found again by the incremental
/// recalculation, reported once, and broken when the text moves.
#[test]
fn dynamic_cycles_in_the_incremental_path() {
    let mut wb = Workbook::new();
    let s = wb.add_sheet("S").unwrap();
    wb.set_value(s, 0, 3, Value::text("A2")).unwrap(); // D1
    wb.set_formula(s, 0, 0, "=INDIRECT(D1)+1").unwrap(); // A1 -> A2
    wb.set_formula(s, 1, 0, "=A1*2").unwrap(); // A2 -> A1
    let r = wb.calculate(&CalcOptions::default());
    assert_eq!(r.circular.len(), 1, "{:?}", r.circular);
    let d1 = docskill_formula::CellId::new(s, 0, 3);
    let r = wb.recalculate(&[d1], &CalcOptions::default());
    assert_eq!(r.circular.len(), 1, "{:?}", r.circular);
    wb.set_value(s, 0, 3, Value::text("C9")).unwrap();
    let r = wb.recalculate(&[d1], &CalcOptions::default());
    assert!(r.circular.is_empty(), "{:?}", r.circular);
    assert_eq!(wb.value(s, 0, 0), &Value::Number(1.0));
    assert_eq!(wb.value(s, 1, 0), &Value::Number(2.0));
}
