//! `docskill opc ls|cat|unpack|pack|check`.

use std::fmt::Write as _;

use docskill::ops::{OpcCat, OpcCheck, OpcLs, OpcPack, OpcUnpack, Request, Response};
use serde_json::Value;

use super::execute_and_print;
use crate::cli::args::OpcCommand;
use crate::cli::output;

pub fn run(cmd: OpcCommand, json: bool) -> u8 {
    let limits = docskill::ops::LimitOverrides::default();
    match cmd {
        OpcCommand::Ls(a) => execute_and_print(
            &Request::OpcLs(OpcLs {
                input: a.input,
                limits,
            }),
            json,
            print_ls,
        ),
        OpcCommand::Cat {
            input,
            part,
            pretty,
            output,
        } => {
            let req = Request::OpcCat(OpcCat {
                input: input.input,
                part,
                pretty,
                output,
                limits,
            });
            execute_and_print(&req, json, |r| match &r.payload {
                Some(bytes) => output::stdout(bytes),
                None => print_outputs(r),
            })
        }
        OpcCommand::Unpack {
            input,
            dir,
            raw,
            force,
        } => {
            let req = Request::OpcUnpack(OpcUnpack {
                input: input.input,
                dir,
                raw,
                force,
                limits,
            });
            execute_and_print(&req, json, |r| {
                output::stdout(
                    format!(
                        "unpacked {} files into {} ({} XML parts indented)\n",
                        r.result["files"],
                        str_of(&r.result["dir"]),
                        r.result["pretty_printed"]
                    )
                    .as_bytes(),
                );
            })
        }
        OpcCommand::Pack { dir, output, raw } => {
            let req = Request::OpcPack(OpcPack {
                dir,
                output,
                raw,
                limits,
            });
            execute_and_print(&req, json, print_outputs)
        }
        OpcCommand::Check(a) => execute_and_print(
            &Request::OpcCheck(OpcCheck {
                input: a.input,
                limits,
            }),
            json,
            print_check,
        ),
    }
}

fn str_of(v: &Value) -> &str {
    v.as_str().unwrap_or_default()
}

fn print_ls(r: &Response) {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{:>10} {:>10}  {:<72} name",
        "size", "packed", "content type"
    );
    for p in r.result["parts"].as_array().into_iter().flatten() {
        let packed = p["compressed_size"]
            .as_u64()
            .map_or_else(|| "-".into(), |n| n.to_string());
        let _ = writeln!(
            s,
            "{:>10} {:>10}  {:<72} {}",
            p["size"].as_u64().unwrap_or_default(),
            packed,
            p["content_type"].as_str().unwrap_or("(none)"),
            str_of(&p["name"])
        );
    }
    let _ = writeln!(
        s,
        "{} parts, {} bytes uncompressed",
        r.result["count"], r.result["total_size"]
    );
    output::stdout(s.as_bytes());
}

fn print_outputs(r: &Response) {
    let mut s = String::new();
    s.push_str(&output::written(r));
    output::stdout(s.as_bytes());
}

fn print_check(r: &Response) {
    let mut s = String::new();
    let findings = r.result["findings"].as_array().cloned().unwrap_or_default();
    for f in &findings {
        let _ = writeln!(
            s,
            "{:<24} {}  {}",
            str_of(&f["code"]),
            str_of(&f["part"]),
            str_of(&f["message"])
        );
    }
    if findings.is_empty() {
        let _ = writeln!(s, "clean: {} parts, no problems found", r.result["parts"]);
    } else {
        let _ = writeln!(
            s,
            "{} problem(s) in {} parts",
            findings.len(),
            r.result["parts"]
        );
    }
    output::stdout(s.as_bytes());
}
