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
    // {"atomic": true, "requests": [...]}: all outputs or none.
    if let Some(obj) = value.as_object()
        && obj.contains_key("requests")
    {
        let atomic = match obj.get("atomic") {
            None => false,
            Some(Value::Bool(b)) => *b,
            Some(_) => {
                let err = OpError::new("usage", "\"atomic\" must be true or false");
                return output::failure(None, &err, true);
            }
        };
        if let Some(k) = obj.keys().find(|k| *k != "atomic" && *k != "requests") {
            let err = OpError::new("usage", format!("unknown field {k:?} beside \"requests\""))
                .hint("{\"atomic\": true, \"requests\": [...]}, or a request, or an array of them");
            return output::failure(None, &err, true);
        }
        let Some(items) = obj.get("requests").and_then(Value::as_array) else {
            let err = OpError::new("usage", "\"requests\" must be an array of requests");
            return output::failure(None, &err, true);
        };
        return if atomic {
            run_atomic(items, ctx)
        } else {
            run_all(items, &ctx)
        };
    }
    match value {
        Value::Array(items) => run_all(&items, &ctx),
        v => {
            let (a, code) = answer(&v, &ctx);
            output::json(&a);
            code
        }
    }
}

/// Every request in turn; an array of answers.
fn run_all(items: &[Value], ctx: &Context) -> u8 {
    let mut worst = 0;
    let answers: Vec<Value> = items
        .iter()
        .map(|v| {
            let (a, code) = answer(v, ctx);
            worst = worst.max(code);
            a
        })
        .collect();
    output::json(&Value::Array(answers));
    worst
}

/// Every request in turn with outputs staged; they are moved into place only
/// when all succeeded. A failure stops the run; the answers say what happened.
fn run_atomic(items: &[Value], mut ctx: Context) -> u8 {
    let stage = std::sync::Arc::new(docskill::ops::fs::Staging::default());
    ctx.staging = Some(stage.clone());
    let mut answers = Vec::new();
    let mut worst = 0;
    for v in items {
        let (a, code) = answer(v, &ctx);
        answers.push(a);
        worst = worst.max(code);
        if code != 0 {
            break;
        }
    }
    let ran = answers.len();
    let committed = if worst == 0 {
        match stage.commit() {
            Ok(()) => true,
            Err(e) => {
                answers.push(Response::failure(None, &e));
                worst = 1;
                false
            }
        }
    } else {
        stage.discard();
        false
    };
    output::json(&serde_json::json!({
        "atomic": true,
        "committed": committed,
        "not_run": items.len() - ran,
        "answers": answers,
    }));
    worst
}
