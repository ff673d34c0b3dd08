//! SpreadsheetML for docskill: build workbooks from a JSON spec (`rust_xlsxwriter`) and read
//! their structure, values and formulas (calamine).
//!
//! ```
//! use docskill_xlsx::{build, read, BuildOptions, ReadOptions, WorkbookSpec};
//! let spec: WorkbookSpec = serde_json::from_str(r#"{"sheets": [{"name": "Data",
//!     "rows": [["qty", "price", "total"], [3, 2.5, {"formula": "=A2*B2", "result": 7.5}]]}]}"#).unwrap();
//! let (bytes, _) = build(&spec, &BuildOptions::default()).unwrap();
//! let opts = ReadOptions { formulas: true, ..ReadOptions::default() };
//! let table = read(&bytes, &opts, &docskill_opc::Limits::default()).unwrap();
//! assert_eq!(table.rows[1][2]["formula"], "=A2*B2");
//! assert_eq!(table.rows[1][2]["value"], 7.5);
//! ```
//!
//! Bytes in, bytes and data out: no file system, no clock, no printing. The same spec
//! always gives the same bytes.

#![forbid(unsafe_code)]

mod build;
pub mod cellref;
pub mod dates;
pub mod edit;
mod error;
pub mod formula;
mod future;
mod lambda_params;
mod read;
mod read_stream;
pub mod recalc;
pub mod refs;
mod sheet_objects;
pub mod spec;

pub use build::{BuildOptions, BuildSummary, ParseFeed, RowFeed, build, build_with_feed};
pub use edit::{EditOp, EditSummary, Editor, edit_workbook};
pub use error::{Error, Result};
pub use read::{DefinedName, Info, ReadOptions, SheetInfo, Table, TableInfo, info, read};
pub use read_stream::{StreamFormat, StreamSummary, read_into};
pub use spec::WorkbookSpec;
