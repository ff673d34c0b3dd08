//! docskill: work on Word, Excel, PowerPoint and PDF files the way a careful
//! professional would, from agents, scripts and CI.
//!
//! This crate is the ops layer: every operation is a [`ops::Request`], run by
//! [`ops::execute`], which reads inputs, calls the format crates (bytes in,
//! bytes out) and writes outputs atomically. The `docskill` binary is a thin
//! CLI over it.
//!
//! ```
//! use docskill::ops::{execute, Context, Request};
//! let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/opc/check-problems.docx");
//! let req = Request::from_json(&serde_json::json!({"op": "opc.check", "input": fixture})).unwrap();
//! let resp = execute(&req, &Context::default()).unwrap();
//! assert_eq!(resp.result["clean"], false);
//! ```

#![forbid(unsafe_code)]

pub mod ops;
pub mod skills;
