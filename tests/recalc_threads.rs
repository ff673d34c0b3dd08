//! `xlsx.recalc` writes the same bytes whatever the number of threads that
//! deflate the chunks of a large rewritten worksheet (rayon's pool in the ops
//! layer): one thread and two give identical files.

#![cfg(feature = "parallel")]

use docskill::ops::{Context, Request, execute};
use docskill_xlsx::{BuildOptions, WorkbookSpec, build};

/// A workbook whose one sheet is several deflate chunks of XML.
fn long_book(rows: usize) -> Vec<u8> {
    let rows: Vec<String> = (1..=rows)
        .map(|r| {
            format!(
                r#"[{r}, {{"formula": "=A{r}*3"}}, {{"formula": "=IF(B{r}>9,\"big\",\"small\")"}}]"#
            )
        })
        .collect();
    let spec = format!(
        r#"{{"sheets": [{{"name": "S", "rows": [{}]}}]}}"#,
        rows.join(",")
    );
    let spec: WorkbookSpec = serde_json::from_str(&spec).unwrap();
    build(&spec, &BuildOptions::default()).unwrap().0
}

#[test]
fn one_thread_and_two_give_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("long.xlsx");
    std::fs::write(&input, long_book(40_000)).unwrap();
    let mut outputs = Vec::new();
    for threads in [1, 2, 1] {
        let output = dir.path().join(format!("out{}.xlsx", outputs.len()));
        let req: Request = serde_json::from_value(serde_json::json!({
            "op": "xlsx.recalc", "input": input, "output": output,
        }))
        .unwrap();
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let resp = pool.install(|| execute(&req, &Context::default())).unwrap();
        assert_eq!(resp.result["total_formulas"], 80_000);
        outputs.push(std::fs::read(&output).unwrap());
    }
    assert!(outputs[0] == outputs[1], "1 and 2 threads differ");
    assert!(outputs[0] == outputs[2], "two runs differ");
    let pkg = docskill_opc::Package::open(outputs.swap_remove(0), &docskill_opc::Limits::default())
        .unwrap();
    let xml = String::from_utf8(pkg.read_part("/xl/worksheets/sheet1.xml").unwrap()).unwrap();
    assert!(xml.contains(r#"<c r="B40000"><f>A40000*3</f><v>120000</v></c>"#));
}
