//! `docskill schema [OP] [--list]`.

use docskill::ops::{op_names, request_schema};

use crate::cli::output;

pub fn run(op: Option<&str>, list: bool) -> u8 {
    if list {
        output::stdout(format!("{}\n", op_names().join("\n")).as_bytes());
        return 0;
    }
    match request_schema(op) {
        Ok(s) => {
            output::json(&s);
            0
        }
        Err(e) => output::failure(op, &e, false),
    }
}
