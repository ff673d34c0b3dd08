//! One module per subcommand.

mod docx;
mod opc;
mod run;
mod schema;
mod xlsx;

use docskill::ops::{Context, Request, execute};

use super::args::{Cli, Command};
use super::output;

pub fn dispatch(cli: Cli) -> u8 {
    match cli.command {
        Command::Opc(c) => opc::run(c, cli.json),
        Command::Docx(c) => docx::run(c, cli.json),
        Command::Xlsx(c) => xlsx::run(c, cli.json),
        Command::Run { request } => run::run(&request),
        Command::Schema { op, list } => schema::run(op.as_deref(), list),
    }
}

/// Execute `req`; print JSON when asked, else hand the response to `human`.
/// Returns the exit code (1 when the result says `"clean": false`).
pub fn execute_and_print(
    req: &Request,
    as_json: bool,
    human: impl FnOnce(&docskill::ops::Response),
) -> u8 {
    match execute(req, &Context::from_env()) {
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
