//! `docskill xlsx build|info|read`.

use std::fmt::Write as _;

use docskill::ops::{
    OpError, ReadFormat, Request, Response, SpecSource, XlsxBuild, XlsxEdit, XlsxEval, XlsxInfo,
    XlsxRead, XlsxRecalc,
};
use serde_json::Value;

use super::execute_and_print;
use crate::cli::args::{ReadFormatArg, XlsxCommand};
use crate::cli::output;

#[expect(clippy::too_many_lines, reason = "one arm per subcommand")]
pub fn run(cmd: XlsxCommand, json: bool) -> u8 {
    let limits = docskill::ops::LimitOverrides::default();
    match cmd {
        XlsxCommand::Build {
            spec,
            output,
            created,
        } => {
            let req = Request::XlsxBuild(XlsxBuild {
                spec: SpecSource::Path(spec),
                output,
                created,
            });
            execute_and_print(&req, json, print_build)
        }
        XlsxCommand::Edit {
            input,
            ops,
            output: out,
            in_place,
        } => {
            let parsed = std::fs::read_to_string(&ops)
                .map_err(|e| e.to_string())
                .and_then(|t| serde_json::from_str(&t).map_err(|e| e.to_string()));
            let ops = match parsed {
                Ok(v) => v,
                Err(e) => {
                    let err = OpError::new("usage", format!("{}: {e}", ops.display()))
                        .hint("an array of one-key objects; see `docskill schema xlsx.edit`");
                    return output::failure(Some("xlsx.edit"), &err, json);
                }
            };
            let req = Request::XlsxEdit(XlsxEdit {
                input,
                output: out,
                in_place,
                ops,
                limits,
            });
            execute_and_print(&req, json, |r| {
                output::stdout(
                    format!(
                        "{} op(s) applied, {} cell(s) written; changed {}\n{}",
                        r.result["ops"],
                        r.result["cells"],
                        r.result["changed_parts"]
                            .as_array()
                            .map(|a| a
                                .iter()
                                .filter_map(Value::as_str)
                                .collect::<Vec<_>>()
                                .join(", "))
                            .unwrap_or_default(),
                        output::written(r)
                    )
                    .as_bytes(),
                );
            })
        }
        XlsxCommand::Recalc {
            input,
            output: out,
            in_place,
            date,
            seed,
            check,
            compare_cached,
        } => {
            let req = Request::XlsxRecalc(XlsxRecalc {
                input,
                output: out,
                in_place,
                date,
                seed,
                check,
                compare_cached,
                limits,
            });
            execute_and_print(&req, json, print_recalc)
        }
        XlsxCommand::Eval {
            input,
            formula,
            sheet,
            date,
        } => {
            let req = Request::XlsxEval(XlsxEval {
                input,
                formula,
                sheet,
                date,
                seed: None,
                limits,
            });
            execute_and_print(&req, json, |r| {
                let v = &r.result["value"];
                let text = v.as_str().map_or_else(|| v.to_string(), str::to_owned);
                output::stdout(format!("{text}\n").as_bytes());
            })
        }
        XlsxCommand::Info(a) => execute_and_print(
            &Request::XlsxInfo(XlsxInfo {
                input: a.input,
                limits,
            }),
            json,
            print_info,
        ),
        XlsxCommand::Read {
            input,
            sheet,
            range,
            format,
            formulas,
            max_cells,
            output,
        } => {
            let format = match format {
                ReadFormatArg::Json => ReadFormat::Json,
                ReadFormatArg::Csv => ReadFormat::Csv,
                ReadFormatArg::Md => ReadFormat::Md,
            };
            let req = Request::XlsxRead(XlsxRead {
                input: input.input,
                sheet,
                range,
                format,
                formulas,
                max_cells,
                output,
                limits,
            });
            execute_and_print(&req, json, |r| match &r.payload {
                Some(bytes) => output::stdout(bytes),
                None => output::json(&r.result),
            })
        }
    }
}

fn print_recalc(r: &Response) {
    let res = &r.result;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{}: {} formula(s), {} error(s), {} circular reference(s), {} unsupported",
        str_of(&res["status"]),
        res["total_formulas"],
        res["total_errors"],
        res["circular"].as_array().map_or(0, Vec::len),
        res["unsupported"].as_array().map_or(0, Vec::len)
    );
    for e in res["errors"].as_array().into_iter().flatten() {
        let origin = str_of(&e["origin"]);
        let from = if origin == str_of(&e["cell"]) {
            String::new()
        } else {
            format!(" (from {origin})")
        };
        let _ = writeln!(
            s,
            "  {} {} {}{from}",
            str_of(&e["cell"]),
            str_of(&e["error"]),
            str_of(&e["formula"])
        );
    }
    for c in res["circular"].as_array().into_iter().flatten() {
        let path: Vec<&str> = c.as_array().into_iter().flatten().map(str_of).collect();
        let _ = writeln!(s, "  circular: {}", path.join(" -> "));
    }
    for u in res["unsupported"].as_array().into_iter().flatten() {
        let _ = writeln!(
            s,
            "  {} unsupported: {}",
            str_of(&u["cell"]),
            str_of(&u["function"])
        );
    }
    if let Some(c) = res.get("comparison") {
        let _ = writeln!(
            s,
            "compared with cached values: {} of {} agree ({} of {} numbers)",
            c["agree"], c["compared"], c["numeric_agree"], c["numeric"]
        );
        for d in res["disagreements"].as_array().into_iter().flatten() {
            let _ = writeln!(
                s,
                "  {} {} ours {} theirs {}",
                str_of(&d["cell"]),
                str_of(&d["formula"]),
                d["ours"],
                d["theirs"]
            );
        }
    }
    if !r.outputs.is_empty() {
        let _ = writeln!(s, "{}", output::written(r));
    }
    output::stdout(s.as_bytes());
}

fn print_build(r: &Response) {
    let mut s = String::new();
    for o in &r.outputs {
        let _ = writeln!(
            s,
            "wrote {} ({} sheets, {} cells, {} formulas; {} bytes, sha256 {})",
            o.path, r.result["sheets"], r.result["cells"], r.result["formulas"], o.bytes, o.sha256
        );
    }
    output::stdout(s.as_bytes());
}

fn str_of(v: &Value) -> &str {
    v.as_str().unwrap_or_default()
}

fn print_info(r: &Response) {
    let res = &r.result;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{:<24} {:<11} {:<10} {:<14} {:>8} {:>8} {:>6}",
        "sheet", "visibility", "kind", "used range", "cells", "formulas", "merged"
    );
    for sh in res["sheets"].as_array().into_iter().flatten() {
        let _ = writeln!(
            s,
            "{:<24} {:<11} {:<10} {:<14} {:>8} {:>8} {:>6}",
            str_of(&sh["name"]),
            str_of(&sh["visibility"]),
            str_of(&sh["kind"]),
            sh["used_range"].as_str().unwrap_or("(empty)"),
            sh["cells"].to_string(),
            sh["formulas"].to_string(),
            sh["merged"].to_string()
        );
    }
    let names = res["defined_names"].as_array().cloned().unwrap_or_default();
    if !names.is_empty() {
        let _ = writeln!(s, "\ndefined names:");
        for n in &names {
            let _ = writeln!(s, "  {} = {}", str_of(&n["name"]), str_of(&n["refers_to"]));
        }
    }
    let tables = res["tables"].as_array().cloned().unwrap_or_default();
    if !tables.is_empty() {
        let _ = writeln!(s, "\ntables:");
        for t in &tables {
            let _ = writeln!(
                s,
                "  {} (sheet {})",
                str_of(&t["name"]),
                str_of(&t["sheet"])
            );
        }
    }
    let _ = writeln!(
        s,
        "\n{} sheets, {} formulas{}",
        res["sheets"].as_array().map_or(0, Vec::len),
        res["formulas"],
        if res["date1904"] == true {
            ", 1904 date system"
        } else {
            ""
        }
    );
    output::stdout(s.as_bytes());
}
