//! Dependencies that are only known while evaluating: `OFFSET` and
//! `INDIRECT` (and a `:` range built from a computed operand) produce
//! references the static graph cannot see.
//!
//! # Design: on-demand evaluation with an explicit stack
//!
//! The static graph orders every formula after the cells it names. A
//! formula that reaches other cells through a dynamic reference may need a
//! formula cell that comes later in that order. While a calculation runs, a
//! [`Pending`] set holds the formula cells not yet computed in this pass
//! (per sheet and column, rows sorted, so "is anything pending in this
//! area" is a range query, never a scan). Whenever a dynamic reference is
//! produced, its area is checked against that set; each pending cell it
//! covers is noted as a need. When an evaluation ends with needs, its value
//! is thrown away, the needed cells are pushed on an explicit stack above
//! it, evaluated first, and the formula is evaluated again (the lookup
//! cache is cleared then, as it may hold indexes built over stale cells).
//! A formula evaluated out of its static order checks its static
//! references too, since their cells may not be computed yet either.
//! References that are only measured, never read (`ROW`, `ROWS`, `ISREF`,
//! `CELL("address")`, `OFFSET`'s own reference, the corners of `:`), are
//! evaluated through `Ctx::eval_unread`, which drops the needs of the area
//! they yield: `=SUMPRODUCT(ROW(INDIRECT("1:5")))` in row 3 is no cycle.
//!
//! No recursion: the stack is a `Vec`. A need on a formula that is itself
//! waiting lower on the stack is a cycle through a dynamic reference: its
//! cells get 0 and the path is reported with the static cycles. The total
//! number of evaluations is bounded (see [`MAX_ATTEMPTS_PER_FORMULA`]);
//! past it the remaining formulas are evaluated in static order without
//! checks rather than looping.
//!
//! In the common patterns the cost is one range query per dynamic reference:
//! running totals such as `=SUM(OFFSET($A$1,0,0,ROW(),1))` read cells that
//! are constants or earlier in the order, so nothing is re-evaluated.
//!
//! Formulas calling `OFFSET`, `INDIRECT` (directly or through a defined
//! name), `CELL` or `INFO` are volatile: the incremental recalculation
//! evaluates them every time, with the cells that depend on them.
//!
//! Why not the alternative, resolving dynamic references in a pre-pass and
//! adding their edges before sorting: the references depend on values
//! (`OFFSET(A1,0,0,COUNTA(A:A))`), so the pre-pass must evaluate, then sort,
//! then evaluate again until the references stop moving: at least two full
//! passes over the workbook, and a fix-point bound that is arbitrary. On
//! demand costs nothing for the cells already in order and one extra
//! evaluation per formula that ran ahead of a cell it reads.
//!
//! Workbooks without dynamic references never build the [`Pending`] set
//! (`CalcState::dynamic` is false) and keep the plain evaluation loop; with
//! them, the set costs one ordered-map entry per formula for the pass.

use std::collections::BTreeMap;

use crate::ast::{Formula, Node};
use crate::eval::interp::Area;
use crate::eval::lookup::LookupCache;
use crate::eval::{CalcOptions, CalcState};
use crate::value::Value;
use crate::workbook::{CellId, Workbook};

/// Evaluation attempts allowed per formula (on average) before the checks
/// stop: a bound on re-evaluation, far above what real patterns need.
pub(crate) const MAX_ATTEMPTS_PER_FORMULA: usize = 8;

/// Functions whose result changes without any precedent changing.
pub(crate) fn is_volatile_function(name: &str) -> bool {
    matches!(
        name,
        "NOW" | "TODAY" | "RAND" | "RANDBETWEEN" | "OFFSET" | "INDIRECT" | "CELL" | "INFO"
    )
}

/// Functions that return references to cells the formula does not name.
pub(crate) fn is_dynamic_function(name: &str) -> bool {
    matches!(name, "OFFSET" | "INDIRECT")
}

/// True when `f` (or a defined name it uses, to a bounded depth) calls a
/// function for which `pred` holds.
pub(crate) fn uses(wb: &Workbook, sheet: u32, f: &Formula, pred: fn(&str) -> bool) -> bool {
    // Fast path, no allocation: most formulas name no defined name.
    let mut names = false;
    for n in &f.nodes {
        match n {
            Node::Call {
                name,
                func: Some(_),
                ..
            } if pred(name) => return true,
            Node::Call { func: None, .. } | Node::Name { .. } => names = true,
            _ => {}
        }
    }
    if !names {
        return false;
    }
    let mut stack: Vec<(&Formula, u32)> = vec![(f, 0)];
    let mut seen = 0usize;
    while let Some((f, depth)) = stack.pop() {
        seen += 1;
        if seen > 256 {
            return false;
        }
        for n in &f.nodes {
            match n {
                Node::Call { name, func, .. } => {
                    if func.is_some() && pred(name) {
                        return true;
                    }
                    if func.is_none()
                        && depth < 16
                        && let Some(def) = wb.find_name(name, sheet)
                        && let Ok(p) = &def.parsed
                    {
                        stack.push((p, depth + 1));
                    }
                }
                Node::Name { sheet: s, name } if depth < 16 => {
                    let scope = match s {
                        Some(s) => wb.sheet_index(s),
                        None => Some(sheet),
                    };
                    if let Some(def) = scope.and_then(|s| wb.find_name(name, s))
                        && let Ok(p) = &def.parsed
                    {
                        stack.push((p, depth + 1));
                    }
                }
                _ => {}
            }
        }
    }
    false
}

/// True when the formula reaches cells through a dynamic reference.
pub(crate) fn is_dynamic(wb: &Workbook, sheet: u32, f: &Formula) -> bool {
    uses(wb, sheet, f, is_dynamic_function)
}

/// True when the formula must be evaluated on every recalculation.
pub(crate) fn is_volatile(wb: &Workbook, sheet: u32, f: &Formula) -> bool {
    uses(wb, sheet, f, is_volatile_function)
}

/// Functions whose first argument is only measured (position, size), never read.
fn measures_first_argument(name: &str) -> bool {
    matches!(
        name,
        "OFFSET" | "ROW" | "COLUMN" | "ROWS" | "COLUMNS" | "ISREF" | "AREAS"
    )
}

/// `CELL` info types that do not read the cell.
fn cell_info_measures(info: &str) -> bool {
    [
        "address",
        "col",
        "row",
        "width",
        "filename",
        "format",
        "protect",
        "parentheses",
        "color",
    ]
    .iter()
    .any(|k| k.eq_ignore_ascii_case(info))
}

/// True for a function some of whose reference arguments are not read.
pub(crate) fn has_unread_arguments(name: &str) -> bool {
    measures_first_argument(name) || name == "CELL"
}

/// Node ids of plain reference arguments that are only measured, never
/// read: the reference of `OFFSET` (it reads the area it moves to, checked
/// when evaluated), of `ROW`, `COLUMN`, `ROWS`, `COLUMNS`, `ISREF`, `AREAS`,
/// and of `CELL` with a literal info type that does not read the cell. They
/// are no static precedents, so `=OFFSET(C5,-1,0)+1` in C5 and `=ROW(A1)`
/// in A1 are no cycles.
pub(crate) fn unread_references(f: &Formula) -> Vec<u32> {
    let mut out = Vec::new();
    for n in &f.nodes {
        let Node::Call {
            name,
            func: Some(_),
            first,
            len,
        } = n
        else {
            continue;
        };
        let args = f.call_args(*first, *len);
        let arg = if measures_first_argument(name) {
            args.first()
        } else if &**name == "CELL"
            && args.len() == 2
            && matches!(f.node(args[0]), Node::Literal(Value::Text(t)) if cell_info_measures(t))
        {
            args.get(1)
        } else {
            None
        };
        if let Some(&a) = arg
            && matches!(f.node(a), Node::Ref(_))
        {
            out.push(a);
        }
    }
    out
}

/// Formula cells not computed yet in the running pass.
#[derive(Debug, Default)]
pub(crate) struct Pending {
    /// Per sheet: column → row → formula index.
    sheets: Vec<BTreeMap<u32, BTreeMap<u32, u32>>>,
}

impl Pending {
    /// The formulas flagged in `dirty`.
    pub fn new(wb: &Workbook, dirty: &[bool]) -> Pending {
        let mut sheets: Vec<BTreeMap<u32, BTreeMap<u32, u32>>> =
            (0..wb.sheets.len()).map(|_| BTreeMap::new()).collect();
        for (i, f) in wb.formulas.iter().enumerate() {
            if dirty.get(i).copied().unwrap_or(false)
                && let Some(s) = sheets.get_mut(f.cell.sheet as usize)
            {
                s.entry(f.cell.col)
                    .or_default()
                    .insert(f.cell.row, u32::try_from(i).unwrap_or(u32::MAX));
            }
        }
        Pending { sheets }
    }

    /// Marks the formula at (`sheet`, `row`, `col`) computed.
    pub fn done(&mut self, sheet: u32, row: u32, col: u32) {
        if let Some(s) = self.sheets.get_mut(sheet as usize)
            && let Some(c) = s.get_mut(&col)
        {
            c.remove(&row);
            if c.is_empty() {
                s.remove(&col);
            }
        }
    }

    /// Appends the formula indices of the pending cells inside `a`.
    pub fn collect(&self, a: Area, out: &mut Vec<u32>) {
        let Some(s) = self.sheets.get(a.sheet as usize) else {
            return;
        };
        for (_, rows) in s.range(a.c1..=a.c2) {
            out.extend(rows.range(a.r1..=a.r2).map(|(_, &fi)| fi));
        }
    }
}

impl Workbook {
    /// [`Workbook::run`] for a workbook with dynamic references: the plan
    /// order, with formulas reached through a dynamic reference before
    /// they are computed evaluated first on an explicit stack (see the
    /// module documentation). Returns how many evaluations ran.
    pub(super) fn run_dynamic(
        &mut self,
        state: &mut CalcState,
        dirty: &[bool],
        opts: &CalcOptions,
    ) -> usize {
        let nf = self.formulas.len();
        let mut pending = Pending::new(self, dirty);
        let mut computed = vec![false; nf];
        let mut waiting = vec![false; nf];
        let mut parent = vec![u32::MAX; nf];
        let mut cache = LookupCache::default();
        let budget = nf
            .saturating_mul(MAX_ATTEMPTS_PER_FORMULA)
            .saturating_add(1024);
        let mut evaluated = 0usize;
        let mut stack: Vec<u32> = Vec::new();
        state.dyn_circular.clear();
        for &step in &state.plan.order {
            let fi = step as usize;
            if !dirty.get(fi).copied().unwrap_or(false) || computed[fi] {
                continue;
            }
            stack.push(step);
            while let Some(&top) = stack.last() {
                let ti = top as usize;
                if computed[ti] {
                    stack.pop();
                    continue;
                }
                evaluated += 1;
                let cell = self.formulas[ti].cell;
                if !state.origins.is_empty() {
                    state.origins.remove(&cell);
                }
                let checks = evaluated <= budget;
                let ((value, origin), mut needs) = if state.plan.in_cycle[ti] {
                    ((Value::Number(0.0), cell), Vec::new())
                } else {
                    self.eval_one(
                        ti,
                        opts,
                        &mut cache,
                        &state.origins,
                        checks.then_some(&pending),
                        stack.len() > 1,
                    )
                };
                if !needs.is_empty() {
                    // The value read stale cells: compute those first, then retry.
                    cache = LookupCache::default();
                    waiting[ti] = true;
                    needs.sort_unstable();
                    needs.dedup();
                    if let Some(&w) = needs.iter().find(|&&n| waiting[n as usize]) {
                        let path = cycle_path(&parent, top, w, nf);
                        for &m in &path {
                            let m = m as usize;
                            let c = self.formulas[m].cell;
                            waiting[m] = false;
                            computed[m] = true;
                            pending.done(c.sheet, c.row, c.col);
                            state.origins.remove(&c);
                            self.store(c, Value::Number(0.0));
                        }
                        let mut cells: Vec<CellId> = path
                            .iter()
                            .map(|&m| self.formulas[m as usize].cell)
                            .collect();
                        if let Some(first) = cells.first().copied() {
                            cells.push(first);
                        }
                        state.dyn_circular.push(cells);
                        continue;
                    }
                    // Highest index on top: a chain of cells each reading the
                    // next is then computed from its end, once each.
                    for &n in &needs {
                        parent[n as usize] = top;
                        stack.push(n);
                    }
                    continue;
                }
                waiting[ti] = false;
                computed[ti] = true;
                pending.done(cell.sheet, cell.row, cell.col);
                stack.pop();
                if value.error().is_some() {
                    state.origins.insert(cell, origin);
                }
                self.store(cell, value);
            }
        }
        evaluated
    }
}

/// The formulas of a cycle through dynamic references: `top` needs `w`,
/// which waits lower on the stack; following who-needed-whom from `top`
/// leads back to `w`. Starts at the smallest index, in the order
/// precedent → dependent.
fn cycle_path(parent: &[u32], top: u32, w: u32, bound: usize) -> Vec<u32> {
    // w → top → parent[top] → ... → w
    let mut path = vec![w];
    let mut cur = top;
    let mut steps = 0;
    while cur != w && steps <= bound {
        path.push(cur);
        cur = parent.get(cur as usize).copied().unwrap_or(w);
        if cur == u32::MAX {
            break;
        }
        steps += 1;
    }
    let start = path
        .iter()
        .enumerate()
        .min_by_key(|&(_, &n)| n)
        .map_or(0, |(i, _)| i);
    path.rotate_left(start);
    path
}
