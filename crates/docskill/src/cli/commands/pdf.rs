//! `docskill pdf info|text|tables`; the form and page commands are in `pdf_forms`.

use docskill::ops::pdf::{
    PdfInfo, PdfTableStrategy, PdfTables, PdfTablesFormat, PdfText, PdfTextFormat,
};
use docskill::ops::{LimitOverrides, Request};

use super::execute_and_print;
use crate::cli::args::{PdfCommand, PdfFormatArg, PdfStrategyArg, PdfTablesFormatArg};
use crate::cli::output;

pub fn run(cmd: PdfCommand, json: bool) -> u8 {
    let limits = LimitOverrides::default();
    match cmd {
        PdfCommand::Info { input, password } => execute_and_print(
            &Request::PdfInfo(PdfInfo {
                input,
                password,
                limits,
            }),
            json,
            |r| output::json(&r.result),
        ),
        PdfCommand::Text {
            input,
            pages,
            layout,
            format,
            chars,
            password,
        } => {
            let format = match format {
                PdfFormatArg::Text => PdfTextFormat::Text,
                PdfFormatArg::Md => PdfTextFormat::Md,
                PdfFormatArg::Json => PdfTextFormat::Json,
            };
            execute_and_print(
                &Request::PdfText(PdfText {
                    input,
                    pages,
                    layout,
                    format,
                    chars,
                    password,
                    limits,
                }),
                json,
                |r| match r.payload.as_deref() {
                    Some(p) => output::stdout(p),
                    None => output::json(&r.result),
                },
            )
        }
        PdfCommand::Tables {
            input,
            pages,
            format,
            strategy,
            snap_tolerance,
            join_tolerance,
            intersection_tolerance,
            min_edge_length,
            min_rows,
            column_gap,
            password,
        } => {
            let format = match format {
                PdfTablesFormatArg::Json => PdfTablesFormat::Json,
                PdfTablesFormatArg::Csv => PdfTablesFormat::Csv,
                PdfTablesFormatArg::Md => PdfTablesFormat::Md,
            };
            let strategy = match strategy {
                PdfStrategyArg::Auto => PdfTableStrategy::Auto,
                PdfStrategyArg::Lines => PdfTableStrategy::Lines,
                PdfStrategyArg::Text => PdfTableStrategy::Text,
            };
            execute_and_print(
                &Request::PdfTables(PdfTables {
                    input,
                    pages,
                    format,
                    strategy,
                    snap_tolerance,
                    join_tolerance,
                    intersection_tolerance,
                    min_edge_length,
                    min_rows,
                    column_gap,
                    password,
                    limits,
                }),
                json,
                |r| match r.payload.as_deref() {
                    Some(p) => output::stdout(p),
                    None => output::json(&r.result),
                },
            )
        }
        other => super::pdf_forms::run(other, json),
    }
}
