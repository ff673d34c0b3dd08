//! `docskill pdf fields|fill|merge|split|select|delete|reorder|rotate`.

use std::io::Read as _;

use docskill::ops::pdf_annotate::PdfAnnotate;
use docskill::ops::pdf_batch::{DataFormat, PdfFillBatch};
use docskill::ops::pdf_forms::{
    FieldsFormat, PdfFields, PdfFill, PdfMerge, PdfPages, PdfRotate, PdfSplit,
};
use docskill::ops::{OpError, Request, Response};

use super::execute_and_print;
use crate::cli::args::{PdfCommand, PdfDataFormatArg, PdfFieldsFormatArg};
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
        PdfCommand::FillBatch {
            input,
            data,
            out_dir,
            name,
            flatten,
            format,
            jobs,
            password,
        } => super::pdf_batch::run(
            PdfFillBatch {
                input,
                data,
                format: format.map(|f| match f {
                    PdfDataFormatArg::Csv => DataFormat::Csv,
                    PdfDataFormatArg::Jsonl => DataFormat::Jsonl,
                }),
                out_dir,
                name,
                flatten,
                password,
                jobs,
            },
            json,
        ),
        PdfCommand::Annotate {
            input,
            boxes,
            output: out,
            flatten,
            password,
        } => {
            let boxes = match read_json(&boxes) {
                Ok(v) => v,
                Err(e) => {
                    let err =
                        OpError::new("usage", format!("cannot read {}: {e}", boxes.display()));
                    return output::failure(Some("pdf.annotate"), &err, json);
                }
            };
            execute_and_print(
                &Request::PdfAnnotate(PdfAnnotate {
                    input,
                    boxes,
                    output: out,
                    flatten,
                    password,
                }),
                json,
                |r| {
                    let n = r.result["placed"].as_array().map_or(0, Vec::len);
                    output::stdout(
                        format!(
                            "{n} box(es){}\n{}",
                            if flatten {
                                ", drawn into the pages"
                            } else {
                                " as annotations"
                            },
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
            password,
        } => execute_and_print(
            &Request::PdfMerge(PdfMerge {
                inputs,
                output: out,
                password,
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
            password,
        } => execute_and_print(
            &Request::PdfSplit(PdfSplit {
                input,
                pages,
                each,
                out_dir: out,
                password,
            }),
            json,
            wrote,
        ),
        PdfCommand::Select {
            input,
            pages,
            output: out,
            password,
        } => execute_and_print(
            &Request::PdfSelect(PdfPages {
                input,
                pages,
                output: out,
                password,
            }),
            json,
            wrote,
        ),
        PdfCommand::Delete {
            input,
            pages,
            output: out,
            password,
        } => execute_and_print(
            &Request::PdfDelete(PdfPages {
                input,
                pages,
                output: out,
                password,
            }),
            json,
            wrote,
        ),
        PdfCommand::Reorder {
            input,
            pages,
            output: out,
            password,
        } => execute_and_print(
            &Request::PdfReorder(PdfPages {
                input,
                pages,
                output: out,
                password,
            }),
            json,
            wrote,
        ),
        PdfCommand::Rotate {
            input,
            degrees,
            pages,
            output: out,
            password,
        } => execute_and_print(
            &Request::PdfRotate(PdfRotate {
                input,
                degrees,
                pages,
                output: out,
                password,
            }),
            json,
            wrote,
        ),
        PdfCommand::Info { .. } | PdfCommand::Text { .. } | PdfCommand::Tables { .. } => {
            super::pdf::run(cmd, json)
        }
    }
}
