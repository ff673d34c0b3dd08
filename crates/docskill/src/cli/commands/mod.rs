//! One module per subcommand.

mod batch;
mod docx;
mod opc;
mod pdf;
mod pdf_batch;
mod pdf_forms;
mod pptx;
mod run;
mod schema;
mod skills;
mod xlsx;

use docskill::ops::{Context, Request, execute};

use super::args::{Cli, Command};
use super::output;

pub fn dispatch(cli: Cli) -> u8 {
    match cli.command {
        Command::Opc(c) => opc::run(c, cli.json),
        Command::Docx(c) => docx::run(c, cli.json),
        Command::Xlsx(c) => xlsx::run(c, cli.json),
        Command::Pptx(c) => pptx::run(c, cli.json),
        Command::Pdf(c) => pdf::run(c, cli.json),
        Command::Skills(c) => skills::run(c, cli.json),
        Command::Run { request } => run::run(&request),
        #[cfg(feature = "mcp")]
        Command::Mcp => super::mcp::serve(),
        Command::Batch(args) => batch::run(&args, cli.json),
        Command::Schema {
            op,
            list,
            all,
            output,
        } => match (all, output) {
            (true, Some(dir)) => schema::write_all(&dir),
            _ => schema::run(op.as_deref(), list),
        },
    }
}

/// The context of a command-line run: `SOURCE_DATE_EPOCH`, and this CLI's
/// parser for `skills.lint` to check command lines with.
pub fn context() -> Context {
    let mut ctx = Context::from_env();
    ctx.command_check = Some(check_command);
    ctx
}

/// Whether `args` (starting with `docskill`) parse as a command of this CLI.
fn check_command(args: &[String]) -> Result<(), String> {
    use clap::Parser as _;
    match Cli::try_parse_from(args) {
        Ok(_) => Ok(()),
        Err(e)
            if matches!(
                e.kind(),
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion
            ) =>
        {
            Ok(())
        }
        Err(e) => Err(e
            .to_string()
            .lines()
            .next()
            .unwrap_or("does not parse")
            .trim_start_matches("error: ")
            .to_owned()),
    }
}

/// Execute `req`; print JSON when asked, else hand the response to `human`.
/// Returns the exit code (1 when the result says `"clean": false`).
pub fn execute_and_print(
    req: &Request,
    as_json: bool,
    human: impl FnOnce(&docskill::ops::Response),
) -> u8 {
    match execute(req, &context()) {
        Ok(resp) => {
            if as_json {
                output::response_json(&resp);
            } else {
                human(&resp);
                output::warnings(&resp);
            }
            u8::from(resp.result.get("clean") == Some(&serde_json::Value::Bool(false)))
        }
        Err(e) => output::failure(Some(req.op()), &e, as_json),
    }
}
