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

/// The values a file holds for its formula cells are not kept while loading:
/// read again from each cell's XML, they are the ones in the file, of every
/// type, and a formula the engine cannot read reports its file's error.
#[test]
fn cached_values_read_again_from_the_xml_are_the_files() {
    use crate::edit::CachedValue;
    let base = book(r#"{"sheets": [{"name": "S", "rows": [[1]]}]}"#);
    let mut pkg = docskill_opc::Package::open(base, &limits()).unwrap();
    let xml = concat!(
        r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">"#,
        r#"<c r="A1"><v>2</v></c>"#,
        r#"<c r="B1"><f>A1*3</f><v>6.5</v></c>"#,
        r#"<c r="C1" t="str"><f>"a"&amp;"b"</f><v>a&lt;b</v></c>"#,
        r#"<c r="D1" t="b"><f>A1&gt;1</f><v>1</v></c>"#,
        r#"<c r="E1" t="e"><f>A1/0</f><v>#DIV/0!</v></c>"#,
        r#"<c r="F1"><f>A1*</f><v>7</v></c>"#,
        r#"<c r="G1" t="e"><f>SUM(</f><v>#REF!</v></c>"#,
        r#"<c r="H1"><f>A1+1</f></c>"#,
        r#"</row></sheetData></worksheet>"#
    );
    pkg.set_part("/xl/worksheets/sheet1.xml", xml.as_bytes().to_vec(), None)
        .unwrap();
    let bytes = pkg.to_bytes().unwrap();
    let ld = super::load::load(
        bytes.clone(),
        &limits(),
        docskill_opc::pool::Pool::SEQUENTIAL,
    )
    .unwrap();
    let cached: Vec<Option<CachedValue>> = ld.sites.iter().map(|s| ld.cached(s)).collect();
    assert_eq!(
        cached,
        [
            Some(CachedValue::Number(6.5)),
            Some(CachedValue::Text("a<b".into())),
            Some(CachedValue::Bool(true)),
            Some(CachedValue::Error("#DIV/0!".into())),
            Some(CachedValue::Number(7.0)),
            Some(CachedValue::Error("#REF!".into())),
            None,
        ]
    );
    // The unreadable formulas keep the file's values; the report lists the
    // kept error with its formula, read again from the XML too.
    let report = check(bytes, &RecalcOptions::default(), &limits()).unwrap();
    let kept: Vec<(&str, &str, &str)> = report
        .errors
        .iter()
        .map(|e| (e.cell.as_str(), e.error.as_str(), e.formula.as_str()))
        .collect();
    assert_eq!(
        kept,
        [("S!E1", "#DIV/0!", "=A1/0"), ("S!G1", "#REF!", "=SUM(")]
    );
}
