//! What a calculation learns from the formulas before evaluating them:
//! volatile and dynamic ones, unsupported functions, `SUBTOTAL` cells.
//!
//! Formulas copied down a column share one parsed tree, so what depends
//! only on the tree (and the sheet, for defined names) is worked out once
//! per tree and remembered for the next cells.

use std::sync::Arc;

use crate::ast::{Formula, Node, UnaryOp};
use crate::eval::{CalcReport, Unsupported, dynamic};
use crate::workbook::{CellId, Workbook};

/// What one formula tree holds, at one cell.
#[derive(Clone, Debug, Default)]
#[expect(clippy::struct_excessive_bools, reason = "independent facts")]
struct Facts {
    volatile: bool,
    dynamic: bool,
    subtotal: bool,
    /// Unsupported functions and constructs, each once, in order of appearance.
    unsupported: Vec<String>,
    /// True when the facts depend on the cell (a structured reference).
    per_cell: bool,
}

fn facts(wb: &Workbook, cell: CellId, p: &Formula) -> Facts {
    let volatile = dynamic::is_volatile(wb, cell.sheet, p);
    let unknown: Vec<&str> = p
        .unknown_functions()
        .filter(|name| wb.find_name(name, cell.sheet).is_none())
        .collect();
    let mut unsupported: Vec<String> = Vec::new();
    let mut per_cell = false;
    for n in &p.nodes {
        let what = match n {
            Node::Call {
                name, func: None, ..
            } => unknown
                .iter()
                .find(|u| ***u == **name)
                .map(|u| (*u).to_owned()),
            Node::Structured(s) => {
                per_cell = true;
                wb.structured_area(s, cell.sheet, cell.row, cell.col, true)
                    .is_none()
                    .then(|| "structured reference".to_owned())
            }
            Node::Unary(UnaryOp::Spill, _) => Some("spill reference".to_owned()),
            _ => None,
        };
        if let Some(function) = what
            && !unsupported.contains(&function)
        {
            unsupported.push(function);
        }
    }
    Facts {
        volatile,
        dynamic: volatile && dynamic::is_dynamic(wb, cell.sheet, p),
        subtotal: p.functions().any(|n| matches!(n, "SUBTOTAL" | "AGGREGATE")),
        unsupported,
        per_cell,
    }
}

/// What the calculation needs to know before evaluating.
pub(super) struct Survey {
    /// Volatile formulas, by index.
    pub volatile: Vec<u32>,
    /// True when some formula reaches cells through `OFFSET` or `INDIRECT`.
    pub dynamic: bool,
}

impl Workbook {
    /// Looks at every formula (sorted by cell): fills the report's
    /// unsupported functions and parse errors and the `SUBTOTAL` cells.
    pub(super) fn survey(&mut self, report: &mut CalcReport) -> Survey {
        let mut out = Survey {
            volatile: Vec::new(),
            dynamic: false,
        };
        let mut subtotal = std::collections::HashSet::new();
        // The trees seen last, with their sheet: the columns of a row take turns.
        let mut recent: Vec<((usize, u32), Facts)> = Vec::with_capacity(8);
        let mut next = 0usize;
        for (i, f) in self.formulas.iter().enumerate() {
            let Some(p) = f.tree() else {
                if let Some(e) = f.parse_error() {
                    report.parse_errors.push((f.cell, e));
                }
                continue;
            };
            let key = (Arc::as_ptr(p) as usize, f.cell.sheet);
            let computed;
            let facts = if let Some((_, known)) = recent.iter().find(|(k, _)| *k == key) {
                known
            } else {
                computed = facts(self, f.cell, p);
                if computed.per_cell {
                    &computed
                } else {
                    let slot = next % 8;
                    next += 1;
                    if recent.len() <= slot {
                        recent.push((key, computed));
                    } else {
                        recent[slot] = (key, computed);
                    }
                    &recent[slot].1
                }
            };
            if facts.volatile {
                out.volatile.push(u32::try_from(i).unwrap_or(u32::MAX));
                out.dynamic = out.dynamic || facts.dynamic;
            }
            if facts.subtotal {
                subtotal.insert(f.cell);
            }
            for function in &facts.unsupported {
                report.unsupported.push(Unsupported {
                    cell: f.cell,
                    function: function.clone(),
                });
            }
        }
        report.unsupported.sort_by_key(|u| u.cell);
        self.subtotal_cells = subtotal;
        out
    }
}
