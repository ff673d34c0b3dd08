//! Calculation-level behaviour: order, cycles, error origins, unsupported
//! functions, long chains, lookup indexes.
#![expect(clippy::format_push_string, reason = "readable report text in a test")]

use docskill_formula::{CalcOptions, CalcReport, ErrorKind, Value, Workbook};

fn report_text(wb: &Workbook, r: &CalcReport) -> String {
    let mut out = format!("formulas: {}\n", r.formulas);
    for e in &r.errors {
        out.push_str(&format!(
            "error {} {} origin {}\n",
            wb.cell_name(e.cell),
            e.error,
            wb.cell_name(e.origin)
        ));
    }
    for c in &r.circular {
        let names: Vec<String> = c.iter().map(|&id| wb.cell_name(id)).collect();
        out.push_str(&format!("circular {}\n", names.join(" -> ")));
    }
    for u in &r.unsupported {
        out.push_str(&format!(
            "unsupported {} {}\n",
            wb.cell_name(u.cell),
            u.function
        ));
    }
    for (cell, e) in &r.parse_errors {
        out.push_str(&format!("parse error {} {e}\n", wb.cell_name(*cell)));
    }
    out
}

#[test]
fn evaluates_in_dependency_order_not_insertion_order() {
    let mut wb = Workbook::new();
    let s = wb.add_sheet("S").unwrap();
    wb.set_formula(s, 0, 0, "=B1*2").unwrap();
    wb.set_formula(s, 0, 1, "=C1+1").unwrap();
    wb.set_formula(s, 0, 2, "=SUM(D1:D3)").unwrap();
    for r in 0..3 {
        wb.set_value(s, r, 3, Value::Number(f64::from(r + 1)))
            .unwrap();
    }
    let r = wb.calculate(&CalcOptions::default());
    assert_eq!(wb.value(s, 0, 0), &Value::Number(14.0));
    assert!(r.errors.is_empty() && r.circular.is_empty());
}

#[test]
fn error_kinds_cycles_and_unsupported_are_reported() {
    let mut wb = Workbook::new();
    let m = wb.add_sheet("Model").unwrap();
    let c = wb.add_sheet("Calc").unwrap();
    let d = wb.add_sheet("Data").unwrap();
    wb.set_value(m, 0, 0, Value::Number(0.0)).unwrap();
    wb.set_formula(m, 1, 0, "=10/A1").unwrap(); // #DIV/0! arises here
    wb.set_formula(m, 2, 0, "=A2*2").unwrap(); // inherits it
    wb.set_formula(m, 3, 0, "=SUM(A1:A3)+1").unwrap(); // through a range
    wb.set_formula(m, 4, 0, "=IFERROR(A4,0)").unwrap(); // caught
    wb.set_formula(m, 0, 2, "=VLOOKUP(99,Data!A1:B3,2,FALSE)")
        .unwrap(); // #N/A
    wb.set_formula(m, 1, 2, "=\"a\"+1").unwrap(); // #VALUE!
    wb.set_formula(m, 2, 2, "=Nowhere!A1").unwrap(); // #REF!
    wb.set_formula(m, 3, 2, "=SQRT(-1)").unwrap(); // #NUM!
    wb.set_formula(m, 4, 2, "=A1:A2 C1:C2").unwrap(); // #NULL!
    wb.set_formula(m, 5, 2, "=UndefinedName").unwrap(); // #NAME?
    wb.set_formula(c, 1, 1, "=B3+1").unwrap(); // cycle B2 <-> B3
    wb.set_formula(c, 2, 1, "=B2+1").unwrap();
    wb.set_formula(c, 3, 1, "=B2*2").unwrap(); // downstream of the cycle
    wb.set_formula(c, 5, 1, "=B6").unwrap(); // self reference
    wb.set_formula(d, 5, 5, "=WEBSERVICE(\"http://example.invalid\")")
        .unwrap();
    wb.set_formula(d, 6, 5, "=1+").unwrap();
    let r = wb.calculate(&CalcOptions::default());
    insta::assert_snapshot!(report_text(&wb, &r));
    assert_eq!(wb.value(m, 4, 0), &Value::Number(0.0));
    // Downstream of a cycle reads the cycle's 0.
    assert_eq!(wb.value(c, 3, 1), &Value::Number(0.0));
}

#[test]
fn long_chain_is_iterative() {
    let mut wb = Workbook::new();
    let s = wb.add_sheet("S").unwrap();
    wb.set_value(s, 0, 0, Value::Number(1.0)).unwrap();
    let n = 100_000u32;
    // Inserted bottom-up so insertion order is the worst case.
    for r in (1..n).rev() {
        wb.set_formula(s, r, 0, &format!("=A{r}+1")).unwrap();
    }
    let rep = wb.calculate(&CalcOptions::default());
    assert!(rep.errors.is_empty());
    assert_eq!(wb.value(s, n - 1, 0), &Value::Number(f64::from(n)));
}

#[test]
fn long_cycle_is_found_without_recursion() {
    let mut wb = Workbook::new();
    let s = wb.add_sheet("S").unwrap();
    let n = 50_000u32;
    for r in 0..n {
        let next = if r + 1 == n { 1 } else { r + 2 };
        wb.set_formula(s, r, 0, &format!("=A{next}+1")).unwrap();
    }
    let rep = wb.calculate(&CalcOptions::default());
    assert_eq!(rep.circular.len(), 1);
    assert_eq!(rep.circular[0].len(), usize::try_from(n).unwrap() + 1);
    // Every cell of the cycle holds 0, as in Excel; none is an error.
    assert!(rep.errors.is_empty());
    assert_eq!(wb.value(s, n - 1, 0), &Value::Number(0.0));
}

#[test]
fn every_cell_of_a_tangled_cycle_holds_zero() {
    // A1 -> B1 -> A1 and A1 -> C1 -> A1: one component, two loops.
    let mut wb = Workbook::new();
    let s = wb.add_sheet("S").unwrap();
    wb.set_formula(s, 0, 0, "=B1+C1").unwrap();
    wb.set_formula(s, 0, 1, "=A1").unwrap();
    wb.set_formula(s, 0, 2, "=A1*2").unwrap();
    let rep = wb.calculate(&CalcOptions::default());
    assert_eq!(rep.circular.len(), 1);
    for c in 0..3 {
        assert_eq!(wb.value(s, 0, c), &Value::Number(0.0), "column {c}");
    }
}

#[test]
fn many_readers_of_one_large_range() {
    // Every formula reads a range holding 1,000 formulas: the graph shares one range node.
    let mut wb = Workbook::new();
    let s = wb.add_sheet("S").unwrap();
    for r in 0..1000 {
        wb.set_value(s, r, 0, Value::Number(f64::from(r))).unwrap();
        wb.set_formula(s, r, 1, &format!("=A{}*2", r + 1)).unwrap();
    }
    for r in 0..5000 {
        wb.set_formula(s, r, 2, "=SUM($B$1:$B$1000)").unwrap();
    }
    let rep = wb.calculate(&CalcOptions::default());
    assert!(rep.errors.is_empty());
    assert_eq!(wb.value(s, 4999, 2), &Value::Number(999_000.0));
}

#[test]
fn lookups_into_formula_columns_see_computed_values() {
    let mut wb = Workbook::new();
    let s = wb.add_sheet("S").unwrap();
    for r in 0..100 {
        wb.set_formula(s, r, 0, &format!("=ROW_KEY+{r}")).unwrap();
        wb.set_value(s, r, 1, Value::Number(f64::from(r) * 10.0))
            .unwrap();
    }
    wb.define_name("ROW_KEY", None, "1000").unwrap();
    wb.set_formula(s, 0, 3, "=VLOOKUP(1050,A1:B100,2,FALSE)")
        .unwrap();
    wb.set_formula(s, 1, 3, "=MATCH(1099,A1:A100,0)").unwrap();
    wb.calculate(&CalcOptions::default());
    assert_eq!(wb.value(s, 0, 3), &Value::Number(500.0));
    assert_eq!(wb.value(s, 1, 3), &Value::Number(100.0));
}

#[test]
fn volatile_functions_follow_options() {
    let mut wb = Workbook::new();
    let s = wb.add_sheet("S").unwrap();
    wb.set_formula(s, 0, 0, "=RAND()").unwrap();
    wb.set_formula(s, 0, 1, "=TODAY()").unwrap();
    let opts = CalcOptions {
        now: 45_000.25,
        seed: 42,
    };
    wb.calculate(&opts);
    let first = wb.value(s, 0, 0).clone();
    wb.calculate(&opts);
    assert_eq!(wb.value(s, 0, 0), &first);
    assert_eq!(wb.value(s, 0, 1), &Value::Number(45_000.0));
    wb.calculate(&CalcOptions { seed: 43, ..opts });
    assert_ne!(wb.value(s, 0, 0), &first);
}

#[test]
fn cell_limit_is_enforced() {
    let mut wb = Workbook::with_limits(docskill_formula::Limits { max_cells: 1000 });
    let s = wb.add_sheet("S").unwrap();
    assert!(wb.set_value(s, 999, 0, Value::Number(1.0)).is_ok());
    assert_eq!(
        wb.set_value(s, 0, 1, Value::Number(1.0)),
        Err(docskill_formula::Error::TooManyCells(1000))
    );
    assert!(wb.set_value(s, 2_000_000, 0, Value::Number(1.0)).is_err());
}

#[test]
fn evaluating_mutated_formulas_never_panics() {
    // Every function with odd arguments, and byte mutations of formulas, evaluated.
    let names: Vec<&str> = docskill_formula::supported_functions().collect();
    let arg_sets = [
        "",
        "A1:C3",
        "-1,0",
        "\"x\",A:A,{1,2;3,4}",
        "#N/A,,TRUE,1:1",
        "A1:A3,\">1\",B1:B3,\"*\"",
        "1E300,1E300,1E300",
        "(A1:A2,B1),Sheet1:Sheet2!A1,0",
    ];
    let mut wb = Workbook::new();
    let s = wb.add_sheet("Sheet1").unwrap();
    wb.add_sheet("Sheet2").unwrap();
    for r in 0..3 {
        wb.set_value(s, r, 0, Value::Number(f64::from(r))).unwrap();
        wb.set_value(s, r, 1, Value::text(format!("t{r}"))).unwrap();
        wb.set_value(s, r, 2, Value::Error(ErrorKind::Div0))
            .unwrap();
    }
    let mut row = 10;
    for n in &names {
        for a in arg_sets {
            wb.set_formula(s, row, 4, &format!("={n}({a})")).unwrap();
            row += 1;
        }
    }
    let seed =
        "=IF(SUM('Sheet2'!A1:B2,{1,2;3,4})>=1%,\"x\"&A1,@Sheet1:Sheet2!$A$1)+INDEX(A1:C3,2,2)";
    let alphabet = b"=()+-*/^&%:,;{}!'\"#@$ A1.9<>";
    for i in 1..seed.len() {
        for &c in alphabet {
            let mut b = seed.as_bytes().to_vec();
            b[i] = c;
            if let Ok(t) = String::from_utf8(b) {
                wb.set_formula(s, row, 5, &t).unwrap();
                row += 1;
            }
        }
    }
    let rep = wb.calculate(&CalcOptions::default());
    assert_eq!(rep.formulas, wb.formula_count());
}

#[test]
fn legacy_formulas_intersect_implicitly() {
    use docskill_formula::FormulaMode::{Dynamic, Legacy};
    let mut wb = Workbook::new();
    let s = wb.add_sheet("S").unwrap();
    for r in 0..5 {
        wb.set_value(s, r, 0, Value::Number(f64::from(r + 1)))
            .unwrap();
    }
    let cases = [
        (2, "=A1:A5*2", Legacy, Value::Number(6.0)),
        (2, "=SUM(A1:A5*2)", Legacy, Value::Number(6.0)),
        (2, "=SUMPRODUCT(A1:A5*2)", Legacy, Value::Number(30.0)),
        (2, "=SUM(A1:A5)", Legacy, Value::Number(15.0)),
        (2, "=A1:A5", Legacy, Value::Number(3.0)),
        (9, "=A1:A5", Legacy, Value::Error(ErrorKind::Value)),
        (2, "=IF(A1:A5>2,\"y\",\"n\")", Legacy, Value::text("y")),
        (2, "=SUM({1,2,3}*2)", Legacy, Value::Number(12.0)),
        (2, "=SUM(A1:A5*2)", Dynamic, Value::Number(30.0)),
        (2, "=A1:A5", Dynamic, Value::Number(1.0)),
    ];
    for (i, (row, f, mode, _)) in cases.iter().enumerate() {
        wb.set_formula_with(s, *row, 2 + u32::try_from(i).unwrap(), f, *mode)
            .unwrap();
    }
    wb.calculate(&CalcOptions::default());
    for (i, (row, f, mode, want)) in cases.iter().enumerate() {
        let got = wb.value(s, *row, 2 + u32::try_from(i).unwrap());
        assert_eq!(got, want, "{f} {mode:?}");
    }
}

#[test]
fn shared_formula_expanded_with_shifted() {
    use docskill_formula::FormulaMode::Legacy;
    let mut wb = Workbook::new();
    let s = wb.add_sheet("S").unwrap();
    for r in 0..4 {
        wb.set_value(s, r, 0, Value::Number(f64::from(r + 1)))
            .unwrap();
    }
    // B1 holds the master `=A1*10`; B2:B4 share it.
    let master = docskill_formula::parse("=A1*10").unwrap();
    for r in 0..4 {
        wb.set_parsed_formula(s, r, 1, master.shifted(i64::from(r), 0), Legacy)
            .unwrap();
    }
    wb.calculate(&CalcOptions::default());
    assert_eq!(wb.value(s, 3, 1), &Value::Number(40.0));
    let texts: Vec<(String, &str)> = wb.formulas().map(|(c, t)| (wb.cell_name(c), t)).collect();
    assert_eq!(texts[3], ("S!B4".to_owned(), "=A4*10"));
}

#[test]
fn recalculate_evaluates_only_dependents() {
    let mut wb = Workbook::new();
    let s = wb.add_sheet("S").unwrap();
    wb.set_value(s, 0, 0, Value::Number(1.0)).unwrap(); // A1
    wb.set_value(s, 0, 1, Value::Number(10.0)).unwrap(); // B1
    wb.set_formula(s, 1, 0, "=A1*2").unwrap(); // A2 <- A1
    wb.set_formula(s, 2, 0, "=A2+1").unwrap(); // A3 <- A2
    wb.set_formula(s, 3, 0, "=VLOOKUP(1,A1:B1,2,FALSE)")
        .unwrap(); // A4 <- A1:B1
    wb.set_formula(s, 1, 1, "=B1*3").unwrap(); // B2 <- B1 only
    wb.set_formula(s, 2, 1, "=1/(B1-10)").unwrap(); // B3: #DIV/0! until B1 changes
    let full = wb.calculate(&CalcOptions::default());
    assert_eq!(full.evaluated, 5);
    assert_eq!(full.errors.len(), 1);

    wb.set_value(s, 0, 0, Value::Number(5.0)).unwrap();
    let inc = wb.recalculate(
        &[docskill_formula::CellId::new(s, 0, 0)],
        &CalcOptions::default(),
    );
    assert_eq!(inc.evaluated, 3, "A2, A3 and A4 only");
    assert_eq!(wb.value(s, 2, 0), &Value::Number(11.0));
    assert_eq!(wb.value(s, 3, 0), &Value::Error(ErrorKind::NA));
    assert_eq!(inc.errors.len(), 2);

    wb.set_value(s, 0, 1, Value::Number(12.0)).unwrap();
    let inc = wb.recalculate(
        &[docskill_formula::CellId::new(s, 0, 1)],
        &CalcOptions::default(),
    );
    assert_eq!(inc.evaluated, 3, "A4, B2 and B3");
    assert_eq!(wb.value(s, 2, 1), &Value::Number(0.5));
    assert_eq!(inc.errors.len(), 1);

    // A formula change invalidates the plan: everything is evaluated again.
    wb.set_formula(s, 4, 0, "=A3").unwrap();
    let again = wb.recalculate(&[], &CalcOptions::default());
    assert_eq!(again.evaluated, 6);
}

#[test]
fn evaluate_a_one_off_formula() {
    let mut wb = Workbook::new();
    let data = wb.add_sheet("Data").unwrap();
    for r in 0..10 {
        wb.set_value(data, r, 1, Value::Number(f64::from(r)))
            .unwrap();
    }
    wb.set_formula(data, 0, 2, "=SUM(B1:B10)").unwrap();
    let opts = CalcOptions::default();
    wb.calculate(&opts);
    assert_eq!(
        wb.evaluate(data, "=SUM(Data!B2:B99)", &opts),
        Ok(Value::Number(45.0))
    );
    assert_eq!(wb.evaluate(data, "=C1*2", &opts), Ok(Value::Number(90.0)));
    assert!(wb.evaluate(data, "=SUM(", &opts).is_err());
}

#[test]
fn one_tree_shared_by_many_cells_moves_relative_references() {
    use docskill_formula::{CellId, FormulaMode::Legacy, formula_shape};
    use std::sync::Arc;
    let mut wb = Workbook::new();
    let s = wb.add_sheet("S").unwrap();
    for r in 0..5 {
        wb.set_value(s, r, 0, Value::Number(f64::from(r + 1)))
            .unwrap();
    }
    wb.define_name("Base", None, "S!$A$1+A1").unwrap();
    // Parsed once for B1, used in B2:B5: `=A1*10+$A$5+Base`.
    let tree = Arc::new(docskill_formula::parse("=A1*10+$A$5+Base").unwrap());
    let mut shape = Vec::new();
    let mut first = Vec::new();
    assert!(formula_shape("A1*10+$A$5+Base", 0, 1, &mut first));
    for r in 0..5 {
        let text = format!("=A{}*10+$A$5+Base", r + 1);
        assert!(formula_shape(&text[1..], r, 1, &mut shape));
        assert_eq!(shape, first, "{text}");
        wb.set_formula_shared(
            CellId::new(s, r, 1),
            text.as_str(),
            tree.clone(),
            (0, 1),
            Legacy,
        )
        .unwrap();
    }
    // Moved off the grid: #REF!, as Formula::shifted gives.
    let up = Arc::new(docskill_formula::parse("=A1+1").unwrap());
    wb.set_formula_shared(CellId::new(s, 0, 2), "=A0+1", up, (1, 2), Legacy)
        .unwrap();
    let rep = wb.calculate(&CalcOptions::default());
    for r in 0..5 {
        // Names are not moved: Base is always $A$1 + A1 = 2.
        let want = f64::from(r + 1) * 10.0 + 5.0 + 2.0;
        assert_eq!(wb.value(s, r, 1), &Value::Number(want), "row {r}");
    }
    assert_eq!(wb.value(s, 0, 2), &Value::Error(ErrorKind::Ref));
    assert_eq!(rep.errors.len(), 1);
    // The dependency graph follows the moved references: B5 is computed from A5.
    wb.set_value(s, 4, 0, Value::Number(100.0)).unwrap();
    wb.recalculate(&[CellId::new(s, 4, 0)], &CalcOptions::default());
    assert_eq!(wb.value(s, 4, 1), &Value::Number(1000.0 + 100.0 + 2.0));
}
