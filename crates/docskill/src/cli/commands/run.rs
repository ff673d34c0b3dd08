//! `docskill run REQUEST.json|-`: one request or an array; the answer is always JSON.

use std::io::Read;
use std::path::Path;

use docskill::ops::{Context, OpError, Request, Response, execute};
use serde_json::Value;

use crate::cli::output;

fn answer(v: &Value, ctx: &Context) -> (Value, u8) {
    let req = match Request::from_json(v) {
        Ok(r) => r,
        Err(e) => {
            let op = v.get("op").and_then(Value::as_str);
            return (Response::failure(op, &e), 2);
        }
    };
    match execute(&req, ctx) {
        Ok(resp) => (serde_json::to_value(&resp).unwrap_or_default(), 0),
        Err(e) => (
            Response::failure(Some(req.op()), &e),
            if e.is_usage() { 2 } else { 1 },
        ),
    }
}

pub fn run(path: &Path) -> u8 {
    let mut text = String::new();
    let read = if path.as_os_str() == "-" {
        std::io::stdin().read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::read_to_string(path).map(|t| text = t)
    };
    if let Err(e) = read {
        let err = OpError::new("usage", format!("cannot read {}: {e}", path.display()));
        return output::failure(None, &err, true);
    }
    let value: Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => {
            let err = OpError::new("usage", format!("the request is not valid JSON: {e}"));
            return output::failure(None, &err, true);
        }
    };
    let ctx = super::context();
    match value {
        Value::Array(items) => {
            let mut worst = 0;
            let answers: Vec<Value> = items
                .iter()
                .map(|v| {
                    let (a, code) = answer(v, &ctx);
                    worst = worst.max(code);
                    a
                })
                .collect();
            output::json(&Value::Array(answers));
            worst
        }
        v => {
            let (a, code) = answer(&v, &ctx);
            output::json(&a);
            code
        }
    }
}
