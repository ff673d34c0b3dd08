//! `CELL`, `INFO`, `T.TEST`/`TTEST`, `LINEST` with several x variables and
//! its statistics, `LOGEST`: the examples of Excel's documentation, plus
//! error cases.

mod common;

use common::Want::{E, N, T};
use common::{check, check_in};
use docskill_formula::{ErrorKind, Value, Workbook};

#[test]
fn cell_info_types() {
    // Sheet1: A1:A5 = 1..5, B1:B5 = 10..50, C1:C5 = a..e; formulas in Z11...
    let (mut wb, s) = common::workbook(false);
    let o = wb.add_sheet("Other Sheet").unwrap();
    wb.set_value(o, 0, 0, Value::Number(1.0)).unwrap();
    check_in(
        wb,
        s,
        &[
            ("=CELL(\"address\",B3)", T("$B$3")),
            (
                "=CELL(\"address\",'Other Sheet'!A1)",
                T("'Other Sheet'!$A$1"),
            ),
            ("=CELL(\"address\",OFFSET(A1,2,1))", T("$B$3")),
            ("=CELL(\"col\",C2:D9)", N(3.0)),
            ("=CELL(\"row\",C2:D9)", N(2.0)),
            ("=CELL(\"row\")", N(16.0)),
            ("=CELL(\"contents\",B2)", N(20.0)),
            ("=CELL(\"contents\",C2)", T("b")),
            ("=CELL(\"type\",C2)", T("l")),
            ("=CELL(\"type\",A2)", T("v")),
            ("=CELL(\"type\",H9)", T("b")),
            ("=CELL(\"prefix\",C2)", T("'")),
            ("=CELL(\"prefix\",A2)", T("")),
            ("=CELL(\"width\",A1)", N(8.0)),
            ("=CELL(\"filename\",A1)", T("")),
            ("=CELL(\"format\",A1)", T("G")),
            ("=CELL(\"protect\",A1)", N(1.0)),
            ("=CELL(\"parentheses\",A1)", N(0.0)),
            ("=CELL(\"ROW\",B4)", N(4.0)),
            ("=CELL(\"nonsense\",A1)", E(ErrorKind::Value)),
            ("=CELL(\"row\",5)", E(ErrorKind::Value)),
            ("=CELL(\"row\",1/0)", E(ErrorKind::Div0)),
        ],
    );
    check(&[
        ("=INFO(\"numfile\")", N(1.0)),
        ("=INFO(\"recalc\")", T("Automatic")),
        ("=INFO(\"system\")", T("pcdos")),
        ("=INFO(\"osversion\")", T("Windows (64-bit) NT 10.00")),
        ("=INFO(\"release\")", T("16.0")),
        ("=INFO(\"origin\")", T("$A:$A$1")),
        ("=INFO(\"directory\")", T("")),
        ("=INFO(\"memavail\")", E(ErrorKind::NA)),
        ("=INFO(\"other\")", E(ErrorKind::Value)),
    ]);
}

/// Data of Excel's T.TEST example in A1:B9, and a short column in C1:C3.
fn ttest_book() -> (Workbook, u32) {
    let mut wb = Workbook::new();
    let s = wb.add_sheet("S").unwrap();
    let a = [3.0, 4.0, 5.0, 8.0, 9.0, 1.0, 2.0, 4.0, 5.0];
    let b = [6.0, 19.0, 3.0, 2.0, 14.0, 4.0, 5.0, 17.0, 1.0];
    for (r, (x, y)) in a.iter().zip(&b).enumerate() {
        let r = u32::try_from(r).unwrap();
        wb.set_value(s, r, 0, Value::Number(*x)).unwrap();
        wb.set_value(s, r, 1, Value::Number(*y)).unwrap();
    }
    for r in 0..3u32 {
        wb.set_value(s, r, 2, Value::Number(f64::from(r))).unwrap();
    }
    wb.set_value(s, 0, 3, Value::Number(1.0)).unwrap();
    wb.set_value(s, 1, 3, Value::Number(1.0)).unwrap();
    (wb, s)
}

#[test]
fn t_test_types_and_errors() {
    // Excel's documentation: T.TEST(A2:A10,B2:B10,2,1) = 0.196016. The other
    // references are Simpson integrations of the t density (1e-9).
    let (wb, s) = ttest_book();
    check_in(
        wb,
        s,
        &[
            ("=T.TEST(A1:A9,B1:B9,2,1)", N(0.196_015_784_925_265_4)),
            ("=TTEST(A1:A9,B1:B9,1,1)", N(0.098_007_892_462_632_7)),
            ("=T.TEST(A1:A9,B1:B9,2,2)", N(0.191_995_886_760_410_8)),
            ("=T.TEST(A1:A9,B1:B9,1,2)", N(0.095_997_943_380_205_4)),
            ("=T.TEST(A1:A9,B1:B9,2,3)", N(0.202_293_923_368_657_15)),
            ("=T.TEST(A1:A9,B1:B9,2.9,1.5)", N(0.196_015_784_925_265_4)),
            ("=T.TEST(A1:A9,C1:C3,2,1)", E(ErrorKind::NA)),
            ("=T.TEST(A1:A9,B1:B9,3,1)", E(ErrorKind::Num)),
            ("=T.TEST(A1:A9,B1:B9,2,4)", E(ErrorKind::Num)),
            ("=T.TEST(A1:A9,B1:B9,2,0)", E(ErrorKind::Num)),
            ("=T.TEST(A1,B1,2,2)", E(ErrorKind::Div0)),
            ("=T.TEST(D1:D2,D1:D2,2,1)", E(ErrorKind::Div0)),
            ("=T.TEST(A1:A9,B1:B9,\"x\",1)", E(ErrorKind::Value)),
        ],
    );
}

/// Excel's LINEST example 4 (office buildings): x1..x4 in A1:D11, y in E1:E11.
fn buildings() -> (Workbook, u32) {
    let rows: [[f64; 5]; 11] = [
        [2310.0, 2.0, 2.0, 20.0, 142_000.0],
        [2333.0, 2.0, 2.0, 12.0, 144_000.0],
        [2356.0, 3.0, 1.5, 33.0, 151_000.0],
        [2379.0, 3.0, 2.0, 43.0, 150_000.0],
        [2402.0, 2.0, 3.0, 53.0, 139_000.0],
        [2425.0, 4.0, 2.0, 23.0, 169_000.0],
        [2448.0, 2.0, 1.5, 99.0, 126_000.0],
        [2471.0, 2.0, 2.0, 34.0, 142_900.0],
        [2494.0, 3.0, 3.0, 23.0, 163_000.0],
        [2517.0, 4.0, 4.0, 55.0, 169_000.0],
        [2540.0, 2.0, 3.0, 22.0, 149_000.0],
    ];
    let mut wb = Workbook::new();
    let s = wb.add_sheet("S").unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let (r, c) = (u32::try_from(r).unwrap(), u32::try_from(c).unwrap());
            wb.set_value(s, r, c, Value::Number(*v)).unwrap();
        }
        // F: twice x1 (collinear with it).
        let r32 = u32::try_from(r).unwrap();
        wb.set_value(s, r32, 5, Value::Number(row[0] * 2.0))
            .unwrap();
    }
    // LOGEST example: months 11..16 in H1:H6, units in I1:I6.
    for (r, (m, u)) in [
        (11.0, 33_100.0),
        (12.0, 47_300.0),
        (13.0, 69_000.0),
        (14.0, 102_000.0),
        (15.0, 150_000.0),
        (16.0, 220_000.0),
    ]
    .into_iter()
    .enumerate()
    {
        let r = u32::try_from(r).unwrap();
        wb.set_value(s, r, 7, Value::Number(m)).unwrap();
        wb.set_value(s, r, 8, Value::Number(u)).unwrap();
    }
    (wb, s)
}

#[test]
fn linest_several_x_with_statistics() {
    // The values of Excel's documentation (checked with exact rational
    // arithmetic: normal equations over fractions).
    let (wb, s) = buildings();
    let l = "LINEST(E1:E11,A1:D11,TRUE,TRUE)";
    let at = |r: u32, c: u32| format!("=INDEX({l},{r},{c})");
    let cases: Vec<(String, common::Want)> = vec![
        (at(1, 1), N(-234.237_164_471_202_42)),
        (at(1, 2), N(2_553.210_660_391_538)),
        (at(1, 3), N(12_529.768_167_086_751)),
        (at(1, 4), N(27.641_387_366_020_286)),
        (at(1, 5), N(52_317.830_507_291_32)),
        (at(2, 1), N(13.268_011_475_500_364)),
        (at(2, 2), N(530.669_151_930_378_2)),
        (at(2, 3), N(400.066_838_193_953_06)),
        (at(2, 4), N(5.429_374_041_545_315)),
        (at(2, 5), N(12_237.361_602_862_353)),
        (at(3, 1), N(0.996_747_993_384_510_1)),
        (at(3, 2), N(970.578_462_928_506_2)),
        (at(3, 3), E(ErrorKind::NA)),
        (at(4, 1), N(459.753_674_225_392_44)),
        (at(4, 2), N(6.0)),
        (at(5, 1), N(1_732_393_319.229_250_7)),
        (at(5, 2), N(5_652_135.316_203_97)),
        (at(5, 5), E(ErrorKind::NA)),
        ("=ROWS(LINEST(E1:E11,A1:D11,TRUE,TRUE))".into(), N(5.0)),
        ("=COLUMNS(LINEST(E1:E11,A1:D11))".into(), N(5.0)),
        ("=ROWS(LINEST(E1:E11,A1:D11))".into(), N(1.0)),
        // One variable: Excel's example 1.
        ("=INDEX(LINEST({1,9,5,7},{0,4,2,3}),1)".into(), N(2.0)),
        ("=INDEX(LINEST({1,9,5,7},{0,4,2,3}),2)".into(), N(1.0)),
        // No constant: b is 0 and its standard error #N/A.
        (
            "=INDEX(LINEST({2,4,6.5},{1,2,3},FALSE,TRUE),1,2)".into(),
            N(0.0),
        ),
        (
            "=INDEX(LINEST({2,4,6.5},{1,2,3},FALSE,TRUE),2,2)".into(),
            E(ErrorKind::NA),
        ),
        // sum(xy)/sum(x²) = (2+8+19.5)/14
        (
            "=INDEX(LINEST({2,4,6.5},{1,2,3},FALSE),1)".into(),
            N(29.5 / 14.0),
        ),
        // A column twice another: dropped, coefficient and standard error 0,
        // one more degree of freedom.
        (
            "=INDEX(LINEST(E1:E11,HSTACK(A1:A11,F1:F11),TRUE,TRUE),1,1)".into(),
            N(0.0),
        ),
        (
            "=INDEX(LINEST(E1:E11,HSTACK(A1:A11,F1:F11),TRUE,TRUE),2,1)".into(),
            N(0.0),
        ),
        (
            "=INDEX(LINEST(E1:E11,HSTACK(A1:A11,F1:F11),TRUE,TRUE),4,2)".into(),
            N(9.0),
        ),
        ("=LINEST(E1:E11,A1:A5)".into(), E(ErrorKind::Ref)),
        ("=LINEST({1,\"a\"},{1,2})".into(), E(ErrorKind::Value)),
        // LOGEST, Excel's example: m = 1.463275628, b = 495.3047702.
        (
            "=INDEX(LOGEST(I1:I6,H1:H6,TRUE,FALSE),1)".into(),
            N(1.463_275_628),
        ),
        (
            "=INDEX(LOGEST(I1:I6,H1:H6,TRUE,FALSE),2)".into(),
            N(495.304_770_2),
        ),
        ("=LOGEST({1,-2},{1,2})".into(), E(ErrorKind::Num)),
        // More than 64 x variables: #NUM! rather than a long computation.
        (
            "=LINEST(SEQUENCE(70),SEQUENCE(70,65))".into(),
            E(ErrorKind::Num),
        ),
    ];
    let cases: Vec<(&str, common::Want)> = cases.iter().map(|(f, w)| (f.as_str(), *w)).collect();
    check_in(wb, s, &cases);
}

#[test]
fn linest_of_exact_data_is_exact() {
    let mut wb = Workbook::new();
    let s = wb.add_sheet("S").unwrap();
    for r in 0..3u32 {
        wb.set_value(s, r, 0, Value::Number(f64::from(r + 1)))
            .unwrap();
        wb.set_value(s, r, 1, Value::Number(f64::from(2 * r + 5)))
            .unwrap();
    }
    wb.set_formula(s, 0, 3, "=INDEX(LINEST(A1:A3,A1:A3),1)")
        .unwrap();
    wb.set_formula(s, 1, 3, "=INDEX(LINEST(B1:B3,A1:A3),1)")
        .unwrap();
    wb.set_formula(s, 2, 3, "=INDEX(LINEST(B1:B3,A1:A3),2)")
        .unwrap();
    wb.calculate(&docskill_formula::CalcOptions::default());
    assert_eq!(wb.value(s, 0, 3), &Value::Number(1.0));
    assert_eq!(wb.value(s, 1, 3), &Value::Number(2.0));
    assert_eq!(wb.value(s, 2, 3), &Value::Number(3.0));
}
