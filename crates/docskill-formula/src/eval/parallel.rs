//! Evaluation on the caller's threads, level by level.
//!
//! A formula's level is 0 when it reads no formula cell, else one more than
//! the highest level of the formulas it reads (see `graph::Plan::level`).
//! The formulas of one level read only cells of lower levels, so they can be
//! evaluated at the same time against the shared, read-only workbook: each
//! task computes the values (and error origins) of a contiguous slice of a
//! level with its own lookup cache, and the calling thread stores them, in
//! order, before the next level starts. Every formula then sees exactly the
//! values it would see in the sequential order, so the results, the report
//! and the error origins are the same whatever the thread count and the
//! order the tasks run in.
//!
//! That holds only when every cell a formula reads is one of its static
//! precedents. [`reads_only_precedents`] checks the workbook for what can
//! read elsewhere (`OFFSET`, `INDIRECT`, a `:` range built from a computed
//! operand, a `SUMIF` whose sum range is smaller than its range, a chain of
//! defined names deeper than the graph follows); such workbooks, cycles and
//! small levels keep the sequential loop.

use std::collections::HashMap;
use std::sync::Arc;

use crate::ast::{BinOp, Formula, Node, RefKind};
use crate::eval::lookup::LookupCache;
use crate::eval::{CalcOptions, CalcState};
use crate::value::Value;
use crate::workbook::{CellId, Workbook, eq_names};

/// Levels with fewer formulas are evaluated on the calling thread: handing
/// them to other threads costs more than it saves.
pub(crate) const PARALLEL_FROM: usize = 4096;

/// Most formulas one task evaluates before the calling thread stores the
/// results: bounds the memory held by results not stored yet.
const TASK_WINDOW: usize = 16_384;

/// Above this many defined names, chains of names are not checked (the
/// check compares every name with every other) and the workbook is
/// evaluated sequentially when names refer to names.
const MAX_NAMES_CHECKED: usize = 4096;

/// Depth of defined names the dependency graph follows (see `graph::collect_areas`).
const GRAPH_NAME_DEPTH: usize = 16;

/// A batch runner: runs every task of a batch once, in any order and
/// possibly at the same time, and returns when all have run (the type of
/// `docskill_opc::pool::Pool::run`).
pub type RunTasks<'a> = &'a (dyn Fn(&mut [&mut (dyn FnMut() + Send)]) + Sync);

/// Runs tasks one after another on the calling thread.
pub(crate) fn in_order(tasks: &mut [&mut (dyn FnMut() + Send)]) {
    for t in tasks {
        t();
    }
}

/// Runs `jobs` as one batch of `run`.
pub(crate) fn run_batch<F: FnMut() + Send>(run: RunTasks<'_>, jobs: &mut [F]) {
    let mut refs: Vec<&mut (dyn FnMut() + Send)> = jobs
        .iter_mut()
        .map(|j| j as &mut (dyn FnMut() + Send))
        .collect();
    run(&mut refs);
}

/// True when `f` reads only cells its static references name: no
/// `OFFSET`/`INDIRECT`, no `:` between computed operands, no `SUMIF` or
/// `AVERAGEIF` whose sum range may be smaller than its range (it is
/// stretched to the range's size).
fn formula_reads_only_references(f: &Formula) -> bool {
    f.nodes.iter().all(|n| match n {
        Node::Binary(BinOp::Range, ..) => false,
        Node::Call {
            name,
            func: Some(_),
            first,
            len,
        } => {
            if crate::eval::dynamic::is_dynamic_function(name) {
                return false;
            }
            if matches!(&**name, "SUMIF" | "AVERAGEIF") && *len == 3 {
                let args = f.call_args(*first, *len);
                return covers(f.node(args[2]), f.node(args[0]));
            }
            true
        }
        _ => true,
    })
}

/// True when the sum range `target` is at least as large as `range` in
/// both directions, wherever the formula is copied.
fn covers(target: &Node, range: &Node) -> bool {
    let (Node::Ref(t), Node::Ref(r)) = (target, range) else {
        return false;
    };
    match (fixed_size(t.kind), fixed_size(r.kind)) {
        (Some((tr, tc)), Some((rr, rc))) => tr >= rr && tc >= rc,
        _ => false,
    }
}

/// Rows and columns of a reference when moving it keeps its size (both
/// corners equally anchored).
fn fixed_size(k: RefKind) -> Option<(u32, u32)> {
    match k {
        RefKind::Cell(_) => Some((1, 1)),
        RefKind::Area(a, b) if a.row_abs == b.row_abs && a.col_abs == b.col_abs => {
            Some((a.row.abs_diff(b.row) + 1, a.col.abs_diff(b.col) + 1))
        }
        RefKind::Cols { first, last, abs } if abs.0 == abs.1 => {
            Some((crate::ast::MAX_ROW + 1, first.abs_diff(last) + 1))
        }
        RefKind::Rows { first, last, abs } if abs.0 == abs.1 => {
            Some((first.abs_diff(last) + 1, crate::ast::MAX_COL + 1))
        }
        RefKind::Area(..) | RefKind::Cols { .. } | RefKind::Rows { .. } => None,
    }
}

/// True when no formula of the workbook can read a cell that is not one of
/// its static precedents (the condition for evaluating a level in parallel).
pub(crate) fn reads_only_precedents(wb: &Workbook) -> bool {
    let names_ok = wb.names.iter().all(|n| {
        n.parsed
            .as_ref()
            .is_ok_and(|p| formula_reads_only_references(p))
    });
    if !names_ok || !name_chains_followed(wb) {
        return false;
    }
    // Formulas copied down a column share one tree: check each tree once
    // (the last few seen are remembered; formulas are in row order, so the
    // columns of a row take turns).
    let mut recent: [usize; 8] = [0; 8];
    let mut next = 0;
    wb.formulas.iter().all(|fc| {
        let Some(p) = fc.tree() else { return true };
        let ptr = Arc::as_ptr(p) as usize;
        if recent.contains(&ptr) {
            return true;
        }
        let ok = formula_reads_only_references(p);
        recent[next % recent.len()] = ptr;
        next += 1;
        ok
    })
}

/// True when the graph follows every chain of defined names: there are too
/// few names for a chain deeper than the graph goes, or no name refers to
/// another one.
fn name_chains_followed(wb: &Workbook) -> bool {
    if wb.names.len() <= GRAPH_NAME_DEPTH {
        return true;
    }
    if wb.names.len() > MAX_NAMES_CHECKED {
        return false;
    }
    let is_name = |s: &str| wb.names.iter().any(|d| eq_names(&d.name, s));
    wb.names.iter().all(|n| {
        n.parsed.as_ref().is_ok_and(|p| {
            p.nodes.iter().all(|node| match node {
                Node::Name { name, .. }
                | Node::Call {
                    name, func: None, ..
                } => !is_name(name),
                _ => true,
            })
        })
    })
}

/// One task: the values of a slice of a level.
struct Task<'a> {
    formulas: &'a [u32],
    cache: &'a mut LookupCache,
    out: Vec<(Value, CellId)>,
    done: bool,
}

impl Task<'_> {
    fn run(&mut self, wb: &Workbook, opts: &CalcOptions, origins: &HashMap<CellId, CellId>) {
        if self.done {
            return;
        }
        self.out.reserve(self.formulas.len());
        for &fi in self.formulas {
            let (result, _) = wb.eval_one(fi as usize, opts, self.cache, origins, None, false);
            self.out.push(result);
        }
        self.done = true;
    }
}

/// The formulas of `order` (all of them outside cycles) grouped by level,
/// in plan order inside a level; and where each level starts.
fn by_level(order: &[u32], level: &[u32]) -> (Vec<u32>, Vec<usize>) {
    let levels = order
        .iter()
        .map(|&f| level.get(f as usize).copied().unwrap_or(0) as usize + 1)
        .max()
        .unwrap_or(0);
    let mut starts = vec![0usize; levels + 1];
    for &f in order {
        starts[level.get(f as usize).copied().unwrap_or(0) as usize + 1] += 1;
    }
    for i in 0..levels {
        starts[i + 1] += starts[i];
    }
    let mut fill = starts.clone();
    let mut sorted = vec![0u32; order.len()];
    for &f in order {
        let l = level.get(f as usize).copied().unwrap_or(0) as usize;
        sorted[fill[l]] = f;
        fill[l] += 1;
    }
    (sorted, starts)
}

impl Workbook {
    /// A full evaluation of every formula, the levels found by the plan
    /// handed to `run` in tasks of up to `threads` at a time; the cycles and
    /// what follows them evaluated after, in order. Returns how many.
    pub(super) fn run_levels(
        &mut self,
        state: &mut CalcState,
        opts: &CalcOptions,
        threads: usize,
        run: RunTasks<'_>,
    ) -> usize {
        let acyclic = state.plan.acyclic.min(state.plan.order.len());
        let (sorted, starts) = by_level(&state.plan.order[..acyclic], &state.plan.level);
        let mut caches: Vec<LookupCache> = (0..threads.max(1))
            .map(|_| LookupCache::default())
            .collect();
        let old_origins = !state.origins.is_empty();
        for w in starts.windows(2) {
            let level = &sorted[w[0]..w[1]];
            if level.len() < PARALLEL_FROM || threads < 2 {
                for &fi in level {
                    self.eval_store(state, fi as usize, opts, &mut caches[0], old_origins);
                }
                continue;
            }
            for window in level.chunks(threads.saturating_mul(TASK_WINDOW)) {
                let results = self.eval_tasks(window, state, opts, &mut caches, run);
                for (&fi, (value, origin)) in window.iter().zip(results.into_iter().flatten()) {
                    let cell = self.formulas[fi as usize].cell;
                    state.keep_origin(cell, &value, origin, old_origins);
                    self.store(cell, value);
                }
            }
        }
        for i in acyclic..state.plan.order.len() {
            let fi = state.plan.order[i] as usize;
            self.eval_store(state, fi, opts, &mut caches[0], old_origins);
        }
        state.plan.order.len()
    }

    /// The results of the formulas of `window` (of one level), split in
    /// one contiguous slice per cache, in `window`'s order per slice.
    fn eval_tasks(
        &self,
        window: &[u32],
        state: &CalcState,
        opts: &CalcOptions,
        caches: &mut [LookupCache],
        run: RunTasks<'_>,
    ) -> Vec<Vec<(Value, CellId)>> {
        let size = window.len().div_ceil(caches.len().max(1)).max(1);
        let mut tasks: Vec<Task<'_>> = window
            .chunks(size)
            .zip(caches.iter_mut())
            .map(|(formulas, cache)| Task {
                formulas,
                cache,
                out: Vec::new(),
                done: false,
            })
            .collect();
        let origins = &state.origins;
        {
            let mut jobs: Vec<_> = tasks
                .iter_mut()
                .map(|t| move || t.run(self, opts, origins))
                .collect();
            run_batch(run, &mut jobs);
        }
        // A task the runner left out runs here.
        for t in &mut tasks {
            t.run(self, opts, origins);
        }
        tasks.into_iter().map(|t| t.out).collect()
    }
}
