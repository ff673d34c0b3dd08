//! Differential test: generated formulas evaluated by our engine and by
//! IronCalc over the same grid of typed inputs must agree (numbers within a
//! relative 1e-9, text exactly, errors by kind). Every disagreement is
//! either a bug to fix or pinned in [`PINNED`] with the reason, decided by
//! Excel's documented behaviour.
//!
//! Run with `cargo test -p docskill-formula --features ironcalc-diff --test ironcalc_diff`
//! (`.ci/run` does); `DIFF_VERBOSE=1` prints every disagreement.

#![allow(
    clippy::many_single_char_names,
    reason = "r, c, s, f, m: row, column, sheet, formulas, model"
)]
#![allow(clippy::print_stderr, reason = "the test reports its counts")]

mod generators;

use std::collections::BTreeMap;
use std::fmt::Write as _;

use docskill_formula::{CalcOptions, Value, Workbook};
use ironcalc_base::Model;
use ironcalc_base::cell::CellValue;
use ironcalc_base::types::CellType;

/// How many formulas are generated.
const FORMULAS: usize = 7000;
/// How many `OFFSET`/`INDIRECT` formulas are added to them.
const REFERENCE_FORMULAS: usize = 700;
/// Column of the formulas (K).
const OUT_COL: u32 = 10;

/// Disagreements explained: a disagreement whose line (formula, our result,
/// IronCalc's result) contains every pattern is counted under the reason
/// instead of failing the test. Each reason was checked against Excel's
/// documentation; IronCalc is the one that differs in every case.
const PINNED: &[(&[&str], &str)] = &[
    (
        &["\">=b\""],
        "IronCalc: text criteria with < > (\">=b\") do not compare text; Excel matches text from b on",
    ),
    (
        &["\"<>x\""],
        "IronCalc: \"<>x\" skips numbers, logicals and blanks; Excel matches every cell not equal to x",
    ),
    (
        &["TEXTJOIN(\"-\",TRUE,\"\""],
        "IronCalc: TEXTJOIN keeps an empty text argument that ignore_empty=TRUE drops",
    ),
    (
        &["\"0.0E+00\""],
        "IronCalc: the format 0.0E+00 writes positive exponents as E-00",
    ),
    (
        &["DATE(1900,"],
        "IronCalc: serials before 1900-03-01 are one off (Excel counts the fictitious 1900-02-29), DATE(1900,0,40) is #NUM! and date formats of serial 0 are #VALUE! there",
    ),
    (
        &["=TEXT(", "1900"],
        "IronCalc: serials before 1900-03-01 are one off (Excel counts the fictitious 1900-02-29), DATE(1900,0,40) is #NUM! and date formats of serial 0 are #VALUE! there",
    ),
    (
        &["=TEXT(", "\"mmmm\")", "January"],
        "IronCalc: serials before 1900-03-01 are one off (Excel counts the fictitious 1900-02-29), DATE(1900,0,40) is #NUM! and date formats of serial 0 are #VALUE! there",
    ),
    (
        &["=TEXT(", "\"mmmm\")", "February"],
        "IronCalc: serials before 1900-03-01 are one off (Excel counts the fictitious 1900-02-29), DATE(1900,0,40) is #NUM! and date formats of serial 0 are #VALUE! there",
    ),
    (
        &["=TEXT(", "\"dddd\")", "Saturday", "#VALUE!"],
        "IronCalc: serials before 1900-03-01 are one off (Excel counts the fictitious 1900-02-29), DATE(1900,0,40) is #NUM! and date formats of serial 0 are #VALUE! there",
    ),
    (
        &["=TEXT(", "#,##0\")", "=> T(\"-"],
        "IronCalc: TEXT with #,##0 drops the minus sign of a negative number",
    ),
    (
        &["=INDEX(XLOOKUP(", "#VALUE!"],
        "IronCalc: INDEX over the cell XLOOKUP returns is #VALUE!; in Excel XLOOKUP returns a reference INDEX reads",
    ),
    (
        &["=YEARFRAC(", ",0)"],
        "IronCalc: YEARFRAC basis 0 moves month-end end dates (the 31st, the end of February) to the 30th; Excel's NASD rule keeps them unless the start is a month end too",
    ),
    (
        &["=YEARFRAC(", "#NUM!"],
        "IronCalc: YEARFRAC with the start after the end is #NUM! in basis 1; Excel swaps the dates",
    ),
    (
        &["OFFSET(", "=> E(\"#REF!\") => E(\"#VALUE!\")"],
        "IronCalc: an OFFSET area leaving the sheet is #VALUE!; Excel documents #REF!",
    ),
    (
        &["OFFSET(", ",-2,", "=> E(\"#VALUE!\")"],
        "IronCalc: OFFSET with a negative height or width is #VALUE!; Excel extends the area up or left from the moved cell (LibreOffice rejects it too)",
    ),
    (
        &["OFFSET(", ",-1))", "=> E(\"#VALUE!\")"],
        "IronCalc: OFFSET with a negative height or width is #VALUE!; Excel extends the area up or left from the moved cell (LibreOffice rejects it too)",
    ),
    (
        &["=ISREF(INDIRECT(", "B(false)", "B(true)"],
        "IronCalc: ISREF(INDIRECT(text)) is TRUE for text that is no reference; INDIRECT gives #REF! there, no reference (LibreOffice agrees with us)",
    ),
    (
        &["=AND(", "E(\"#", "B(false)"],
        "IronCalc: AND stops at the first FALSE; Excel evaluates every argument, so a later error is the result",
    ),
];

/// One input cell: what our engine stores, and what IronCalc is told.
#[derive(Clone)]
enum Input {
    Num(f64),
    Text(&'static str),
    Bool(bool),
    Formula(&'static str),
    Blank,
}

/// Columns A..H, rows 1..6.
fn grid() -> Vec<Vec<Input>> {
    use Input::{Blank, Bool, Formula, Num, Text};
    vec![
        vec![
            Num(3.0),
            Num(-2.5),
            Num(0.0),
            Num(10.0),
            Num(0.125),
            Num(100.0),
        ],
        vec![
            Text("apple"),
            Text("Banana"),
            Text("7"),
            Text("a b "),
            Text("cherry"),
            Text("x"),
        ],
        vec![
            Bool(true),
            Bool(false),
            Bool(true),
            Blank,
            Num(5.0),
            Text("TRUE"),
        ],
        vec![Blank, Num(1.0), Blank, Num(2.0), Blank, Num(3.0)],
        vec![
            Formula("=1/0"),
            Formula("=NA()"),
            Num(4.0),
            Formula("=SQRT(-1)"),
            Text("e"),
            Num(8.0),
        ],
        vec![
            Num(45_306.0),
            Num(45_351.0),
            Num(45_657.0),
            Num(40_777.0),
            Num(36_526.0),
            Num(44_000.0),
        ],
        vec![Num(1.0), Num(2.0), Num(3.0), Num(5.0), Num(8.0), Num(13.0)],
        vec![
            Text("a"),
            Text("b"),
            Text("c"),
            Text("d"),
            Text("e"),
            Text("f"),
        ],
    ]
}

/// One engine's result, comparable across engines.
#[derive(Debug, Clone, PartialEq)]
enum Out {
    N(f64),
    T(String),
    B(bool),
    E(String),
}

fn ours(f: &[String]) -> Vec<Out> {
    let mut wb = Workbook::new();
    let s = wb.add_sheet("Sheet1").unwrap();
    for (c, col) in grid().into_iter().enumerate() {
        let c = u32::try_from(c).unwrap();
        for (r, v) in col.into_iter().enumerate() {
            let r = u32::try_from(r).unwrap();
            match v {
                Input::Num(n) => wb.set_value(s, r, c, Value::Number(n)).unwrap(),
                Input::Text(t) => wb.set_value(s, r, c, Value::text(t)).unwrap(),
                Input::Bool(b) => wb.set_value(s, r, c, Value::Bool(b)).unwrap(),
                Input::Formula(t) => wb.set_formula(s, r, c, t).unwrap(),
                Input::Blank => {}
            }
        }
    }
    for (i, t) in f.iter().enumerate() {
        wb.set_formula(s, u32::try_from(i).unwrap(), OUT_COL, t)
            .unwrap();
    }
    wb.calculate(&CalcOptions::default());
    (0..f.len())
        .map(|i| match wb.value(s, u32::try_from(i).unwrap(), OUT_COL) {
            Value::Number(n) => Out::N(*n),
            Value::Text(t) => Out::T(t.to_string()),
            Value::Bool(b) => Out::B(*b),
            Value::Error(e) => Out::E(e.as_str().to_owned()),
            Value::Empty => Out::N(0.0),
            Value::Array(_) => Out::E("array".to_owned()),
        })
        .collect()
}

fn theirs(f: &[String]) -> Vec<Out> {
    let mut m = Model::new_empty("diff", "en", "UTC", "en").unwrap();
    for (c, col) in grid().into_iter().enumerate() {
        let c = i32::try_from(c).unwrap() + 1;
        for (r, v) in col.into_iter().enumerate() {
            let r = i32::try_from(r).unwrap() + 1;
            match v {
                Input::Num(n) => m.update_cell_with_number(0, r, c, n).unwrap(),
                Input::Text(t) => m.update_cell_with_text(0, r, c, t).unwrap(),
                Input::Bool(b) => m.update_cell_with_bool(0, r, c, b).unwrap(),
                Input::Formula(t) => m.update_cell_with_formula(0, r, c, t.to_owned()).unwrap(),
                Input::Blank => {}
            }
        }
    }
    let col = i32::try_from(OUT_COL).unwrap() + 1;
    for (i, t) in f.iter().enumerate() {
        let row = i32::try_from(i).unwrap() + 1;
        m.update_cell_with_formula(0, row, col, t.clone()).unwrap();
    }
    m.evaluate();
    (0..f.len())
        .map(|i| {
            let row = i32::try_from(i).unwrap() + 1;
            let v = m.get_cell_value_by_index(0, row, col).unwrap();
            let error = matches!(m.get_cell_type(0, row, col), Ok(CellType::ErrorValue));
            match v {
                CellValue::String(s) if error => Out::E(s),
                CellValue::String(s) => Out::T(s),
                CellValue::Number(n) => Out::N(n),
                CellValue::Boolean(b) => Out::B(b),
                CellValue::None => Out::N(0.0),
            }
        })
        .collect()
}

fn agree(a: &Out, b: &Out) -> bool {
    match (a, b) {
        // Solvers (RATE, IRR) stop within 1e-10 of a root: absolute tolerance near 0.
        (Out::N(x), Out::N(y)) => {
            (x - y).abs() <= 1e-9 * x.abs().max(y.abs()) || (x - y).abs() < 1e-10
        }
        _ => a == b,
    }
}

#[test]
fn generated_formulas_agree_with_ironcalc() {
    let mut f = generators::formulas(FORMULAS);
    f.extend(generators::reference_formulas(REFERENCE_FORMULAS));
    let started = std::time::Instant::now();
    let (a, b) = (ours(&f), theirs(&f));
    let elapsed = started.elapsed();
    let verbose = std::env::var_os("DIFF_VERBOSE").is_some();
    let mut agreed = 0;
    let mut pinned: BTreeMap<&str, usize> = BTreeMap::new();
    let mut failures = String::new();
    for ((t, x), y) in f.iter().zip(&a).zip(&b) {
        if agree(x, y) {
            agreed += 1;
            continue;
        }
        let line = format!("{t} => {x:?} => {y:?}");
        if let Some((_, why)) = PINNED
            .iter()
            .find(|(p, _)| p.iter().all(|p| line.contains(p)))
        {
            *pinned.entry(why).or_default() += 1;
            if verbose {
                eprintln!("pinned {t}: ours {x:?}, IronCalc {y:?}");
            }
            continue;
        }
        let _ = writeln!(failures, "{t}: ours {x:?}, IronCalc {y:?}");
    }
    let mut summary = format!("formulas: {}\nagreed: {agreed}\n", f.len());
    for (why, n) in &pinned {
        let _ = writeln!(summary, "pinned {n}: {why}");
    }
    let distinct = f.iter().collect::<std::collections::BTreeSet<_>>().len();
    eprintln!("{summary}distinct formulas: {distinct}\nboth engines: {elapsed:?}");
    assert!(failures.is_empty(), "disagreements:\n{failures}");
    insta::assert_snapshot!(summary);
}
