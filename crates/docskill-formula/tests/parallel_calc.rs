//! `Workbook::calculate_with` gives exactly what `calculate` gives: every
//! value, the report and the error origins, whatever the thread count and
//! the order the tasks run in; workbooks whose formulas can read beyond
//! their static references are evaluated on the calling thread.

use std::sync::atomic::{AtomicUsize, Ordering};

use docskill_formula::{CalcOptions, CalcReport, ErrorKind, Value, Workbook};

type Tasks<'a, 'b> = &'a mut [&'b mut (dyn FnMut() + Send)];

/// Runs the tasks backwards, one after another.
fn backwards(tasks: Tasks<'_, '_>) {
    for t in tasks.iter_mut().rev() {
        t();
    }
}

/// Runs every task on its own thread.
fn on_threads(tasks: Tasks<'_, '_>) {
    std::thread::scope(|s| {
        for t in tasks.iter_mut() {
            s.spawn(t);
        }
    });
}

/// Runs only the first task: the others must run on the calling thread.
fn first_only(tasks: Tasks<'_, '_>) {
    if let Some(t) = tasks.first_mut() {
        t();
    }
}

/// Every value of every sheet, numbers by their bits.
fn values(wb: &Workbook) -> Vec<String> {
    let mut out = Vec::new();
    for (i, s) in wb.sheets().iter().enumerate() {
        for c in 0..s.used_cols() {
            for r in 0..s.used_rows() {
                let v = s.get(r, c);
                let text = match v {
                    Value::Number(n) => format!("{:x}", n.to_bits()),
                    v => format!("{v:?}"),
                };
                out.push(format!("{i}:{r}:{c} {text}"));
            }
        }
    }
    out
}

/// Calculates `make()` sequentially and with `threads` and `run`; asserts
/// the values and reports agree and returns the report with how many
/// batches `run` was given.
fn compare(
    make: &dyn Fn() -> Workbook,
    threads: usize,
    run: &(dyn Fn(Tasks<'_, '_>) + Sync),
) -> (CalcReport, usize) {
    let opts = CalcOptions::default();
    let mut seq = make();
    let expected = seq.calculate(&opts);
    let batches = AtomicUsize::new(0);
    let counting = |tasks: Tasks<'_, '_>| {
        batches.fetch_add(1, Ordering::Relaxed);
        run(tasks);
    };
    let mut par = make();
    let got = par.calculate_with(&opts, threads, &counting);
    assert_eq!(got, expected);
    let (a, b) = (values(&seq), values(&par));
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x, y);
    }
    (got, batches.into_inner())
}

const TABLE: u32 = 2000;
const ROWS: u32 = 4500;

/// A lookup table on `Data` (key, category, amount with a few error
/// constants) and, on `Calc`, wide columns of lookups, aggregates, text
/// and errors, a running chain, a cycle and cells downstream of it.
fn lookups() -> Workbook {
    let mut wb = Workbook::new();
    let data = wb.add_sheet("Data").unwrap();
    let calc = wb.add_sheet("Calc").unwrap();
    for r in 0..TABLE {
        let amount = if r % 397 == 5 {
            Value::Error(ErrorKind::Div0)
        } else {
            Value::Number(f64::from(r) * 1.25 + 0.1)
        };
        wb.set_value(data, r, 0, Value::Number(f64::from(r * 3)))
            .unwrap();
        wb.set_value(data, r, 1, Value::text(format!("cat{}", r % 7)))
            .unwrap();
        wb.set_value(data, r, 2, amount).unwrap();
    }
    for r in 0..ROWS {
        let n = r + 1;
        let cells = [
            format!("=Data!C{}*2+0.3", n % TABLE + 1),
            format!("=SUMIFS(Data!$C$1:$C$700,Data!$B$1:$B$700,\"cat\"&MOD(ROW(),7))+{n}"),
            format!("=XLOOKUP({},Data!$A$1:$A$2000,Data!$C$1:$C$2000)", n * 2),
            format!("=VLOOKUP({},Data!$A$1:$B$2000,2,FALSE)&\"-\"&A{n}", n * 4),
            format!("=IF(ISNUMBER(C{n}),\"v\"&C{n},\"missing\")"),
            format!("=A{n}+C{n}"),
            if n == 1 {
                "=F1*2".to_owned()
            } else {
                format!("=F{n}*2+G{}", n - 1)
            },
            "=SUMIF(Data!$B$1:$B$60,\"cat3\",Data!$C$1:$C$60)+RAND()".to_owned(),
            format!("=COUNTIFS(Data!$B$1:$B$40,\"cat\"&MOD({n},7),Data!$A$1:$A$40,\">\"&{n})"),
        ];
        for (c, f) in cells.iter().enumerate() {
            wb.set_formula(calc, r, u32::try_from(c).unwrap(), f)
                .unwrap();
        }
    }
    // A cycle, cells downstream of it, a parse error and an unknown function.
    wb.set_formula(calc, 0, 10, "=L1+1").unwrap();
    wb.set_formula(calc, 0, 11, "=K1*2").unwrap();
    wb.set_formula(calc, 1, 10, "=K1+A2").unwrap();
    wb.set_formula(calc, 2, 10, "=SUM(A1:A3").unwrap();
    wb.set_formula(calc, 3, 10, "=NOSUCHFN(1)+A4").unwrap();
    wb
}

#[test]
fn lookups_aggregates_text_and_errors_match_the_sequential_calculation() {
    for (threads, run) in [
        (4, &backwards as &(dyn Fn(Tasks<'_, '_>) + Sync)),
        (2, &on_threads),
        (3, &first_only),
    ] {
        let (report, batches) = compare(&lookups, threads, run);
        assert!(batches > 0, "the wide levels went to the runner");
        assert_eq!(report.formulas, 9 * ROWS as usize + 5);
        assert_eq!(report.evaluated, report.formulas);
        assert!(report.errors.len() > 100);
        assert!(report.errors.iter().any(|e| e.origin != e.cell));
        assert_eq!(report.circular.len(), 1);
        assert_eq!(report.unsupported.len(), 1, "{:?}", report.unsupported);
        assert_eq!(report.parse_errors.len(), 1);
    }
}

#[test]
fn one_thread_or_a_small_workbook_never_uses_the_runner() {
    let (_, batches) = compare(&lookups, 1, &backwards);
    assert_eq!(batches, 0);
    let small = || {
        let mut wb = Workbook::new();
        let s = wb.add_sheet("S").unwrap();
        for r in 0..100 {
            wb.set_value(s, r, 0, Value::Number(f64::from(r))).unwrap();
            wb.set_formula(s, r, 1, &format!("=A{}*2", r + 1)).unwrap();
        }
        wb
    };
    let (_, batches) = compare(&small, 4, &backwards);
    assert_eq!(batches, 0);
}

/// Independent columns of chains: many levels, each wide.
fn chains() -> Workbook {
    let mut wb = Workbook::new();
    let s = wb.add_sheet("S").unwrap();
    for c in 0..5000u32 {
        wb.set_value(s, 0, c, Value::Number(f64::from(c) / 7.0))
            .unwrap();
        for r in 1..4u32 {
            let above = format!("{}{}", col_name(c), r);
            let f = match r {
                1 => format!("=IF({above}>300,1/0,{above}*3+1)"),
                2 => format!("=IFERROR({above}^0.5,-1)+{above}"),
                _ => format!("={above}&\"x\""),
            };
            wb.set_formula(s, r, c, &f).unwrap();
        }
    }
    wb
}

fn col_name(mut c: u32) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + u8::try_from(c % 26).unwrap());
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap()
}

#[test]
fn wide_levels_of_chains_with_errors_match() {
    let (report, batches) = compare(&chains, 4, &on_threads);
    assert!(batches >= 3, "three wide levels");
    assert_eq!(report.formulas, 15_000);
    // Column 2101 onwards divides by zero; the errors go down the chain.
    let e = report
        .errors
        .iter()
        .find(|e| e.cell.row == 3)
        .expect("an error at the end of a chain");
    assert_eq!(e.origin.row, 1);
}

/// Wide columns whose formulas reach cells through `OFFSET`/`INDIRECT`, a
/// `:` range with a computed end, or a `SUMIF` sum range smaller than its
/// range: evaluated on the calling thread, as before.
#[test]
fn dynamic_references_keep_the_sequential_loop() {
    let forms = [
        "=SUM(OFFSET($A$1,0,0,ROW(),1))",
        "=INDIRECT(\"A\"&ROW())*2",
        "=SUM(A1:INDEX(A:A,ROW()))",
        "=SUMIF(A1:A3,\">0\",C1)",
    ];
    for form in forms {
        let make = || {
            let mut wb = Workbook::new();
            let s = wb.add_sheet("S").unwrap();
            for r in 0..5000 {
                wb.set_value(s, r, 0, Value::Number(f64::from(r % 13)))
                    .unwrap();
                wb.set_formula(s, r, 1, form).unwrap();
                wb.set_formula(s, r, 2, &format!("=A{}+1", r + 1)).unwrap();
            }
            wb
        };
        let (report, batches) = compare(&make, 4, &backwards);
        assert_eq!(batches, 0, "{form}");
        assert_eq!(report.evaluated, report.formulas);
    }
}

/// The sequential fallbacks still give the documented results.
#[test]
fn fallbacks_keep_their_results() {
    let mut wb = Workbook::new();
    let s = wb.add_sheet("S").unwrap();
    for r in 0..5000 {
        wb.set_value(s, r, 0, Value::Number(1.0)).unwrap();
        wb.set_formula(s, r, 1, "=SUM(OFFSET($A$1,0,0,ROW(),1))")
            .unwrap();
    }
    wb.set_formula(s, 0, 3, "=D2").unwrap();
    wb.set_formula(s, 1, 3, "=D1").unwrap();
    let report = wb.calculate_with(&CalcOptions::default(), 4, &backwards);
    assert_eq!(wb.value(s, 4999, 1), &Value::Number(5000.0));
    assert_eq!(wb.value(s, 0, 3), &Value::Number(0.0));
    assert_eq!(report.circular.len(), 1);
    assert!(report.errors.is_empty());
}

/// An edit after a parallel calculation recalculates as after a sequential one.
#[test]
fn recalculation_after_an_edit_matches() {
    let opts = CalcOptions::default();
    let edit = |wb: &mut Workbook| {
        let changed = [docskill_formula::CellId::new(0, 7, 2)];
        wb.set_value(0, 7, 2, Value::Error(ErrorKind::Value))
            .unwrap();
        wb.recalculate(&changed, &opts)
    };
    let mut seq = lookups();
    seq.calculate(&opts);
    let expected = edit(&mut seq);
    let mut par = lookups();
    par.calculate_with(&opts, 2, &on_threads);
    let got = edit(&mut par);
    assert_eq!(got, expected);
    assert!(got.evaluated < got.formulas);
    assert_eq!(values(&par), values(&seq));
}
