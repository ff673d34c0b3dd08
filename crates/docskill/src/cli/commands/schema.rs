//! `docskill schema [OP] [--list]`.

use std::path::Path;

use docskill::ops::fs::write_atomic;
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

/// `docskill schema --all -o DIR`: `DIR/OP.json` for every operation and
/// `DIR/request.json` for the union, pretty-printed with a final newline.
pub fn write_all(dir: &Path) -> u8 {
    if let Err(e) = std::fs::create_dir_all(dir) {
        output::stderr_line(&format!("error: cannot create {}: {e}", dir.display()));
        return 1;
    }
    let mut names: Vec<Option<&str>> = op_names().into_iter().map(Some).collect();
    names.push(None);
    for op in names {
        let schema = match request_schema(op) {
            Ok(s) => s,
            Err(e) => return output::failure(op, &e, false),
        };
        let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
        text.push('\n');
        let file = dir.join(format!("{}.json", op.unwrap_or("request")));
        if let Err(e) = write_atomic(&file, text.as_bytes()) {
            return output::failure(op, &e, false);
        }
    }
    output::stdout(
        format!(
            "wrote {} schemas in {}\n",
            op_names().len() + 1,
            dir.display()
        )
        .as_bytes(),
    );
    0
}
