//! Conditional aggregates answered from a grouped index (every formula repeated,
//! so the second and later calls with the same ranges use the index) give
//! exactly what a scan gives (each formula once, so every call scans).

use docskill_formula::{CalcOptions, ErrorKind, Value, Workbook};

/// A 240-row table: A category (text in mixed case, non-ASCII, numbers, signed
/// zeros, logicals, errors, blanks), B amount (numbers, some text and errors),
/// C a second key.
fn table(wb: &mut Workbook) -> u32 {
    let s = wb.add_sheet("T").unwrap();
    let cats: [Value; 14] = [
        Value::text("Apple"),
        Value::text("APPLE"),
        Value::text("pear"),
        Value::text("Äpfel"),
        Value::text("äPFEL"),
        Value::text("ΣΑΣ"),
        Value::Number(5.0),
        Value::Number(0.0),
        Value::Number(-0.0),
        Value::Bool(true),
        Value::Error(ErrorKind::NA),
        Value::Empty,
        Value::text(""),
        Value::text("5"),
    ];
    for r in 0..240u32 {
        let cat = cats[(r as usize * 5) % cats.len()].clone();
        wb.set_value(s, r, 0, cat).unwrap();
        let amount = match r {
            11 => Value::Error(ErrorKind::Div0),
            r if r % 23 == 0 => Value::text("x"),
            _ => Value::Number(f64::from(r) * 0.1 + 0.3),
        };
        wb.set_value(s, r, 1, amount).unwrap();
        wb.set_value(s, r, 2, Value::Number(f64::from(r % 3)))
            .unwrap();
    }
    s
}

const FORMULAS: &[&str] = &[
    "=SUMIFS(T!$B$1:$B$240,T!$A$1:$A$240,\"apple\")",
    "=SUMIFS(T!$B$1:$B$240,T!$A$1:$A$240,\"pear\",T!$C$1:$C$240,1)",
    "=SUMIFS(T!$B$1:$B$240,T!$A$1:$A$240,\"äpfel\")",
    "=SUMIFS(T!$B$1:$B$240,T!$A$1:$A$240,\"σασ\")",
    "=SUMIFS(T!$B$1:$B$240,T!$A$1:$A$240,5)",
    "=SUMIFS(T!$B$1:$B$240,T!$A$1:$A$240,\"5\")",
    "=SUMIFS(T!$B$1:$B$240,T!$A$1:$A$240,0)",
    "=SUMIFS(T!$B$1:$B$240,T!$A$1:$A$240,-0)",
    "=SUMIFS(T!$B$1:$B$240,T!$A$1:$A$240,TRUE)",
    "=SUMIFS(T!$B$1:$B$240,T!$A$1:$A$240,\"TRUE\")",
    "=SUMIFS(T!$B$1:$B$240,T!$A$1:$A$240,\"#N/A\")",
    "=SUMIFS(T!$B$1:$B$240,T!$A$1:$A$240,\"=pear\")",
    "=SUMIFS(T!$B$1:$B$240,T!$A$1:$A$240,\"missing\")",
    "=SUMIFS(T!$B$1:$B$240,T!$A$1:$A$240,\"\")",
    "=SUMIFS(T!$B$1:$B$240,T!$A$1:$A$240,\"<>apple\")",
    "=SUMIFS(T!$B$1:$B$240,T!$A$1:$A$240,\"app*\")",
    "=SUMIFS(T!$B$1:$B$240,T!$A$1:$A$240,\">4\")",
    "=SUMIFS(T!$B$1:$B$240,T!$A$1:$A$239,\"apple\")",
    "=SUMIFS(T!$B:$B,T!$A:$A,\"pear\")",
    "=SUMIF(T!$A$1:$A$240,\"apple\",T!$B$1)",
    "=COUNTIFS(T!$A$1:$A$240,\"apple\",T!$C$1:$C$240,2)",
    "=COUNTIF(T!$A$1:$A$240,\"Äpfel\")",
    "=COUNTIF(T!$A:$A,\"pear\")",
    "=AVERAGEIFS(T!$B$1:$B$240,T!$A$1:$A$240,\"pear\")",
    "=AVERAGEIFS(T!$B$1:$B$240,T!$A$1:$A$240,\"missing\")",
    "=MINIFS(T!$B$1:$B$240,T!$A$1:$A$240,\"ΣΑΣ\")",
    "=MAXIFS(T!$B$1:$B$240,T!$C$1:$C$240,0,T!$A$1:$A$240,5)",
];

fn values(repeat: u32) -> Vec<Value> {
    let mut wb = Workbook::new();
    table(&mut wb);
    let out = wb.add_sheet("Out").unwrap();
    for (i, f) in FORMULAS.iter().enumerate() {
        for k in 0..repeat {
            let row = u32::try_from(i).unwrap();
            wb.set_formula(out, row, k, f).unwrap();
        }
    }
    wb.calculate(&CalcOptions::default());
    let mut got = Vec::new();
    for i in 0..FORMULAS.len() {
        for k in 0..repeat {
            got.push(wb.value(out, u32::try_from(i).unwrap(), k).clone());
        }
    }
    got
}

fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.to_bits() == y.to_bits(),
        _ => a == b,
    }
}

#[test]
fn indexed_aggregates_equal_scans() {
    let scanned = values(1);
    let indexed = values(3);
    for (i, f) in FORMULAS.iter().enumerate() {
        for k in 0..3 {
            let got = &indexed[i * 3 + k];
            assert!(
                same(got, &scanned[i]),
                "{f} (copy {k}): index {got:?}, scan {:?}",
                scanned[i]
            );
        }
    }
    // The answers themselves, for a few: case-insensitive text, exact numbers.
    let pear_count = (0..240).filter(|r| (r * 5) % 14 == 2).count();
    assert!(pear_count > 0);
    assert_eq!(
        scanned[FORMULAS
            .iter()
            .position(|f| f.starts_with("=COUNTIF(T!$A:$A"))
            .unwrap()],
        Value::Number(f64::from(u32::try_from(pear_count).unwrap()))
    );
}
