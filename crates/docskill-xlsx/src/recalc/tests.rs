use super::{RecalcOptions, check, recalc};
use crate::{BuildOptions, WorkbookSpec, build};

fn book(spec: &str) -> Vec<u8> {
    let spec: WorkbookSpec = serde_json::from_str(spec).unwrap();
    build(&spec, &BuildOptions::default()).unwrap().0
}

fn limits() -> docskill_opc::Limits {
    docskill_opc::Limits::default()
}

#[test]
fn values_written_back_and_read_again() {
    let bytes = book(
        r#"{"sheets": [{"name": "Data", "rows": [[2, 3, {"formula": "=A1*B1"},
            {"formula": "=\"n=\"&C1"}, {"formula": "=C1>5"}, {"formula": "=A1/0"}]]}]}"#,
    );
    let (out, report) = recalc(bytes, &RecalcOptions::default(), &limits()).unwrap();
    assert_eq!(report.total_formulas, 4);
    assert_eq!(report.total_errors, 1);
    let opts = crate::ReadOptions {
        formulas: true,
        ..Default::default()
    };
    let t = crate::read(&out, &opts, &limits()).unwrap();
    assert_eq!(t.rows[0][2]["value"], 6.0);
    assert_eq!(t.rows[0][3]["value"], "n=6");
    assert_eq!(t.rows[0][4]["value"], true);
    // A second pass finds the same and agrees with what the first wrote.
    let again = check(
        out,
        &RecalcOptions {
            compare_cached: true,
            ..RecalcOptions::default()
        },
        &limits(),
    )
    .unwrap();
    let c = again.comparison.unwrap();
    assert_eq!((c.compared, c.agree), (4, 4));
}

#[test]
fn formula_text_read_again_from_the_xml_is_the_loaded_text() {
    let bytes = book(
        r#"{"sheets": [{"name": "S", "rows": [[2, "a<b", {"formula": "=A1*2"},
            {"formula": "=IF(A1>1,\"x&y\",B1&\"<\")"}, {"formula": "=C1/0"},
            {"formula": "=SUM(A1:C1)+NOSUCH(1)"}], [3, "q", {"formula": "=A2*2"}]]}]}"#,
    );
    let ld = super::load::load(bytes, &limits(), docskill_opc::pool::Pool::SEQUENTIAL).unwrap();
    let xml = &ld.sheets[0].xml;
    let mut loaded = std::collections::HashMap::new();
    super::scan::scan_cells(xml, "sheet", 64, |c| {
        if let Some(f) = c.formula() {
            loaded.insert(c.span, format!("={}", f.text));
        }
        Ok(())
    })
    .unwrap();
    assert_eq!(ld.sites.len(), 5);
    for s in ld.sites.iter() {
        assert!(s.text.is_none(), "{:?} keeps its text", s.at);
        assert_eq!(ld.formula_text(s), loaded[&s.span]);
    }
    assert_eq!(
        ld.formula_text(ld.sites.iter().nth(1).unwrap()),
        "=IF(A1>1,\"x&y\",B1&\"<\")"
    );
    let report = super::report::build(
        &ld,
        &ld.wb
            .clone()
            .calculate(&docskill_formula::CalcOptions::default()),
        false,
    );
    assert_eq!(report.errors[0].formula, "=C1/0");
}

#[test]
fn the_package_is_written_whatever_tasks_the_pool_runs() {
    use docskill_opc::pool::Pool;
    let bytes = book(r#"{"sheets": [{"name": "S", "rows": [[2, {"formula": "=A1*21"}]]}]}"#);
    let (want, _) = recalc(bytes.clone(), &RecalcOptions::default(), &limits()).unwrap();
    // A pool that runs none of the tasks, or only the first, or all backwards.
    let none = |_: &mut [&mut (dyn FnMut() + Send)]| {};
    let first = |tasks: &mut [&mut (dyn FnMut() + Send)]| tasks[0]();
    let backwards = |tasks: &mut [&mut (dyn FnMut() + Send)]| {
        for t in tasks.iter_mut().rev() {
            t();
        }
    };
    for run in [
        &none as &(dyn Fn(&mut [&mut (dyn FnMut() + Send)]) + Sync),
        &first,
        &backwards,
    ] {
        let pool = Pool { threads: 2, run };
        let (got, _) =
            super::recalc_with(bytes.clone(), &RecalcOptions::default(), &limits(), pool).unwrap();
        assert!(got == want);
    }
}
