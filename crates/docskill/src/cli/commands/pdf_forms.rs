//! `docskill pdf fields|fill|merge|split|select|delete|reorder|rotate`.

use std::io::Read as _;

use docskill::ops::pdf_forms::{
    FieldsFormat, PdfFields, PdfFill, PdfMerge, PdfPages, PdfRotate, PdfSplit,
};
use docskill::ops::{OpError, Request, Response};

use super::execute_and_print;
use crate::cli::args::{PdfCommand, PdfFieldsFormatArg};
use crate::cli::output;

fn wrote(r: &Response) {
    output::stdout(output::written(r).as_bytes());
}

fn read_json(path: &std::path::Path) -> Result<serde_json::Value, String> {
    let text = if path.as_os_str() == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| e.to_string())?;
        s
    } else {
        std::fs::read_to_string(path).map_err(|e| e.to_string())?
    };
    serde_json::from_str(&text).map_err(|e| e.to_string())
}

#[expect(
    clippy::too_many_lines,
    reason = "one arm per command, each only builds its request"
)]
pub fn run(cmd: PdfCommand, json: bool) -> u8 {
    match cmd {
        PdfCommand::Fields {
            input,
            format,
            password,
        } => {
            let format = match format {
                PdfFieldsFormatArg::Json => FieldsFormat::Json,
                PdfFieldsFormatArg::Md => FieldsFormat::Md,
            };
            execute_and_print(
                &Request::PdfFields(PdfFields {
                    input,
                    password,
                    format,
                }),
                json,
                |r| match r.payload.as_deref() {
                    Some(p) => output::stdout(p),
                    None => output::json(&r.result),
                },
            )
        }
        PdfCommand::Fill {
            input,
            values,
            output: out,
            flatten,
            password,
        } => {
            let values = match read_json(&values) {
                Ok(v) => v,
                Err(e) => {
                    let err =
                        OpError::new("usage", format!("cannot read {}: {e}", values.display()));
                    return output::failure(Some("pdf.fill"), &err, json);
                }
            };
            execute_and_print(
                &Request::PdfFill(PdfFill {
                    input,
                    values,
                    output: out,
                    flatten,
                    password,
                }),
                json,
                |r| {
                    output::stdout(
                        format!(
                            "filled {} field(s), {} appearance stream(s){}\n{}",
                            r.result["filled"],
                            r.result["appearances"],
                            if flatten { ", flattened" } else { "" },
                            output::written(r)
                        )
                        .as_bytes(),
                    );
                },
            )
        }
        PdfCommand::Merge {
            inputs,
            output: out,
        } => execute_and_print(
            &Request::PdfMerge(PdfMerge {
                inputs,
                output: out,
            }),
            json,
            |r| {
                output::stdout(
                    format!("{} page(s)\n{}", r.result["pages"], output::written(r)).as_bytes(),
                );
            },
        ),
        PdfCommand::Split {
            input,
            pages,
            each,
            output: out,
        } => execute_and_print(
            &Request::PdfSplit(PdfSplit {
                input,
                pages,
                each,
                out_dir: out,
            }),
            json,
            wrote,
        ),
        PdfCommand::Select {
            input,
            pages,
            output: out,
        } => execute_and_print(
            &Request::PdfSelect(PdfPages {
                input,
                pages,
                output: out,
            }),
            json,
            wrote,
        ),
        PdfCommand::Delete {
            input,
            pages,
            output: out,
        } => execute_and_print(
            &Request::PdfDelete(PdfPages {
                input,
                pages,
                output: out,
            }),
            json,
            wrote,
        ),
        PdfCommand::Reorder {
            input,
            pages,
            output: out,
        } => execute_and_print(
            &Request::PdfReorder(PdfPages {
                input,
                pages,
                output: out,
            }),
            json,
            wrote,
        ),
        PdfCommand::Rotate {
            input,
            degrees,
            pages,
            output: out,
        } => execute_and_print(
            &Request::PdfRotate(PdfRotate {
                input,
                degrees,
                pages,
                output: out,
            }),
            json,
            wrote,
        ),
        PdfCommand::Info { .. } | PdfCommand::Text { .. } | PdfCommand::Tables { .. } => {
            super::pdf::run(cmd, json)
        }
    }
}
