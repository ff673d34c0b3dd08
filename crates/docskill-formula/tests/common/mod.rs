//! A small workbook and a checker shared by the function test files.

#![allow(dead_code, reason = "each test file uses part of it")]

use docskill_formula::{CalcOptions, ErrorKind, Value, Workbook};

/// An expected result.
#[derive(Clone, Copy, Debug)]
pub enum Want {
    /// A number (relative tolerance 1e-9).
    N(f64),
    /// Text, exactly.
    T(&'static str),
    /// A logical.
    B(bool),
    /// An error kind.
    E(ErrorKind),
}

/// `Sheet1`: A1:A5 = 1..5, B1:B5 = 10,20,30,40,50, C1:C5 = a..e,
/// D1:D3 = dates 2024-01-15, 2024-02-29, 2024-12-31 (1900 serials).
pub fn workbook(date1904: bool) -> (Workbook, u32) {
    let mut wb = Workbook::new();
    wb.set_date1904(date1904);
    let s = wb.add_sheet("Sheet1").unwrap();
    for r in 0..5u32 {
        let n = f64::from(r + 1);
        wb.set_value(s, r, 0, Value::Number(n)).unwrap();
        wb.set_value(s, r, 1, Value::Number(n * 10.0)).unwrap();
        let t = ["a", "b", "c", "d", "e"][r as usize];
        wb.set_value(s, r, 2, Value::text(t)).unwrap();
    }
    let off = if date1904 { 1462.0 } else { 0.0 };
    for (r, d) in [45_306.0, 45_351.0, 45_657.0].into_iter().enumerate() {
        let r = u32::try_from(r).unwrap();
        wb.set_value(s, r, 3, Value::Number(d - off)).unwrap();
    }
    (wb, s)
}

/// Evaluates every formula in column Z of `wb` and compares with `want`.
pub fn check_in(mut wb: Workbook, s: u32, cases: &[(&str, Want)]) {
    for (i, (f, _)) in cases.iter().enumerate() {
        wb.set_formula(s, u32::try_from(i).unwrap() + 10, 25, f)
            .unwrap();
    }
    let opts = CalcOptions {
        now: 45_322.75,
        seed: 7,
    };
    wb.calculate(&opts);
    let mut failures = Vec::new();
    for (i, (f, want)) in cases.iter().enumerate() {
        let got = wb.value(s, u32::try_from(i).unwrap() + 10, 25).clone();
        if !matches(*want, &got) {
            failures.push(format!("{f}: got {got:?}, want {want:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Checks `cases` in the 1900 date system workbook.
pub fn check(cases: &[(&str, Want)]) {
    let (wb, s) = workbook(false);
    check_in(wb, s, cases);
}

/// True when `got` is what `want` describes.
pub fn matches(want: Want, got: &Value) -> bool {
    match (want, got) {
        (Want::N(w), Value::Number(g)) => (w - g).abs() <= 1e-9 * w.abs().max(1.0),
        (Want::T(w), Value::Text(g)) => **g == *w,
        (Want::B(w), Value::Bool(g)) => w == *g,
        (Want::E(w), Value::Error(g)) => w == *g,
        _ => false,
    }
}
