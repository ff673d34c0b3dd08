//! `docskill pptx inventory|text|replace|assemble|build|thumbnails|grid`.

use std::fmt::Write as _;

use docskill::ops::pptx::{
    PptxAssemble, PptxBuild, PptxInventory, PptxReplace, PptxStyle, PptxText, PptxTextFormat,
};
use docskill::ops::pptx_render::{PptxGrid, PptxThumbnails};
use docskill::ops::{LimitOverrides, OpError, Request};

use super::execute_and_print;
use crate::cli::args::{PptxCommand, PptxFormatArg, PptxStyleArg};
use crate::cli::output;

pub fn run(cmd: PptxCommand, json: bool) -> u8 {
    let limits = LimitOverrides::default();
    match cmd {
        PptxCommand::Inventory { input, issues_only } => execute_and_print(
            &Request::PptxInventory(PptxInventory {
                input,
                issues_only,
                limits,
            }),
            json,
            |r| output::json(&r.result),
        ),
        PptxCommand::Text { input, format } => {
            let format = match format {
                PptxFormatArg::Md => PptxTextFormat::Md,
                PptxFormatArg::Json => PptxTextFormat::Json,
            };
            execute_and_print(
                &Request::PptxText(PptxText {
                    input,
                    format,
                    limits,
                }),
                json,
                |r| match r.payload.as_deref() {
                    Some(p) => output::stdout(p),
                    None => output::json(&r.result),
                },
            )
        }
        PptxCommand::Replace {
            input,
            replacements,
            output: out,
            in_place,
        } => {
            let value = match std::fs::read_to_string(&replacements)
                .map_err(|e| e.to_string())
                .and_then(|t| serde_json::from_str(&t).map_err(|e| e.to_string()))
            {
                Ok(v) => v,
                Err(e) => {
                    let err = OpError::new(
                        "usage",
                        format!("cannot read {}: {e}", replacements.display()),
                    );
                    return output::failure(Some("pptx.replace"), &err, json);
                }
            };
            execute_and_print(
                &Request::PptxReplace(PptxReplace {
                    input,
                    output: out,
                    in_place,
                    replacements: value,
                    limits,
                }),
                json,
                |r| {
                    output::stdout(
                        format!(
                            "replaced text in {} shape(s), {} paragraph(s)\n{}",
                            r.result["shapes"],
                            r.result["paragraphs"],
                            output::written(r)
                        )
                        .as_bytes(),
                    );
                },
            )
        }
        PptxCommand::Assemble {
            input,
            output: out,
            slides,
            add_layout,
        } => execute_and_print(
            &Request::PptxAssemble(PptxAssemble {
                input,
                output: out,
                slides,
                add_layout,
                limits,
            }),
            json,
            |r| {
                output::stdout(
                    format!("{} slide(s)\n{}", r.result["slides"], output::written(r)).as_bytes(),
                );
            },
        ),
        PptxCommand::Build {
            input,
            output: out,
            template,
            style,
        } => build(input, out, template, style, json),
        cmd @ (PptxCommand::Thumbnails { .. } | PptxCommand::Grid { .. }) => images(cmd, json),
    }
}

/// `pptx thumbnails` and `pptx grid`.
fn images(cmd: PptxCommand, json: bool) -> u8 {
    let limits = LimitOverrides::default();
    let req = match cmd {
        PptxCommand::Thumbnails {
            input,
            output: out,
            width,
            slides,
        } => Request::PptxThumbnails(PptxThumbnails {
            input,
            output: out,
            width,
            slides,
            limits,
        }),
        PptxCommand::Grid {
            input,
            output: out,
            cols,
            rows,
            width,
        } => Request::PptxGrid(PptxGrid {
            input,
            output: out,
            cols,
            rows,
            width,
            limits,
        }),
        _ => return 2,
    };
    execute_and_print(&req, json, print_images)
}

/// Files written, then what was drawn approximately.
fn print_images(r: &docskill::ops::Response) {
    let mut text = output::written(r);
    if let Some(list) = r.result["skipped"].as_array().filter(|l| !l.is_empty()) {
        let _ = writeln!(text, "not drawn faithfully ({}):", list.len());
        for s in list {
            let _ = writeln!(
                text,
                "  slide {}: {} [{}] {}",
                s["slide"],
                s["shape"].as_str().unwrap_or(""),
                s["element"].as_str().unwrap_or(""),
                s["reason"].as_str().unwrap_or("")
            );
        }
    }
    output::stdout(text.as_bytes());
}

fn build(
    input: std::path::PathBuf,
    out: std::path::PathBuf,
    template: Option<std::path::PathBuf>,
    style: PptxStyleArg,
    json: bool,
) -> u8 {
    execute_and_print(
        &Request::PptxBuild(PptxBuild {
            input: Some(input),
            outline: None,
            markdown: None,
            output: out,
            template,
            style: match style {
                PptxStyleArg::Light => PptxStyle::Light,
                PptxStyleArg::Dark => PptxStyle::Dark,
            },
            limits: LimitOverrides::default(),
        }),
        json,
        |r| {
            output::stdout(
                format!("{} slide(s)\n{}", r.result["slides"], output::written(r)).as_bytes(),
            );
        },
    )
}
