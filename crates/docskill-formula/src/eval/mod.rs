//! Calculation: dependency graph, evaluation order, cycles, report.

mod dynamic;
mod graph;
pub(crate) mod interp;
pub(crate) mod keyed;
pub(crate) mod lookup;
pub(crate) mod parallel;
mod survey;

pub use parallel::RunTasks;

use std::collections::HashMap;

use crate::error::ParseError;
use crate::value::{ErrorKind, Value};
use crate::workbook::{CellId, Workbook};
use interp::Ctx;
use lookup::LookupCache;

/// Options of one calculation.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CalcOptions {
    /// Serial date-time `NOW()` returns (`TODAY()` is its whole part). Default
    /// 45658.5 (2025-01-01 12:00), so results are reproducible.
    pub now: f64,
    /// Seed of `RAND` and `RANDBETWEEN`. Default 0.
    pub seed: u64,
}

impl Default for CalcOptions {
    fn default() -> CalcOptions {
        CalcOptions {
            now: 45_658.5,
            seed: 0,
        }
    }
}

/// A formula cell whose value is an error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CellError {
    /// The cell.
    pub cell: CellId,
    /// Its error.
    pub error: ErrorKind,
    /// The first cell in its dependency chain where the error arose (the cell itself when it did).
    pub origin: CellId,
}

/// Something the engine does not implement, met in a formula.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unsupported {
    /// The formula cell.
    pub cell: CellId,
    /// A function name (upper case, e.g. `WEBSERVICE`) or a construct (`structured reference`, `spill reference`).
    pub function: String,
}

/// What a calculation found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CalcReport {
    /// Number of formula cells.
    pub formulas: usize,
    /// Formula cells whose value is an error, in sheet, row, column order.
    pub errors: Vec<CellError>,
    /// Circular references: each a closed path of cells (first cell repeated at
    /// the end). As in Excel with iterative calculation off, every cell of a
    /// cycle holds 0, so they are not listed in `errors`.
    pub circular: Vec<Vec<CellId>>,
    /// Unsupported functions and constructs, per cell.
    pub unsupported: Vec<Unsupported>,
    /// Formulas that did not parse (their cells get `#NAME?`).
    pub parse_errors: Vec<(CellId, ParseError)>,
    /// How many formula evaluations ran (all formulas for a full calculation,
    /// plus the re-evaluations of formulas whose `OFFSET`/`INDIRECT` reached a
    /// formula cell not computed yet).
    pub evaluated: usize,
}

/// What a calculation keeps for the next incremental one.
#[derive(Clone, Debug)]
pub(crate) struct CalcState {
    graph: graph::Graph,
    plan: graph::Plan,
    origins: HashMap<CellId, CellId>,
    /// The parts of the report that only change with the formulas.
    report: CalcReport,
    /// Formulas evaluated on every recalculation (`NOW`, `OFFSET`...).
    volatile: Vec<u32>,
    /// True when some formula reaches cells through a dynamic reference
    /// (`OFFSET`, `INDIRECT`): evaluation then tracks pending cells.
    dynamic: bool,
    /// Cycles found through dynamic references in the last pass.
    dyn_circular: Vec<Vec<CellId>>,
}

impl CalcState {
    /// Records where the error in `cell` (if `value` is one) arose
    /// (`old_origins`: an entry from a previous pass may be there).
    fn keep_origin(&mut self, cell: CellId, value: &Value, origin: CellId, old_origins: bool) {
        if value.error().is_some() {
            self.origins.insert(cell, origin);
        } else if old_origins {
            self.origins.remove(&cell);
        }
    }
}

impl Workbook {
    /// Evaluates every formula in dependency order and stores the results in
    /// the cells. Never fails: problems are reported per cell.
    pub fn calculate(&mut self, opts: &CalcOptions) -> CalcReport {
        self.calculate_with(opts, 1, &parallel::in_order)
    }

    /// [`Workbook::calculate`] on the caller's threads: `run` runs every task
    /// of a batch once, in any order, possibly at the same time, and returns
    /// when all have run; `threads` says how many run at once (1: the tasks
    /// are not split). The formulas of one level of the dependency order
    /// (reading only formulas of lower levels) are evaluated in parallel;
    /// the values, the report and the error origins are the same as
    /// [`Workbook::calculate`]'s, whatever `threads` and the order the tasks
    /// run in. Workbooks with `OFFSET` or `INDIRECT`, cycles and small
    /// levels are evaluated on the calling thread.
    ///
    /// ```
    /// use docskill_formula::{CalcOptions, Value, Workbook};
    /// let mut wb = Workbook::new();
    /// let s = wb.add_sheet("Sheet1").unwrap();
    /// wb.set_value(s, 0, 0, Value::Number(2.0)).unwrap();
    /// wb.set_formula(s, 0, 1, "=A1*21").unwrap();
    /// // A runner that runs the tasks backwards, one after another.
    /// let run = |tasks: &mut [&mut (dyn FnMut() + Send)]| {
    ///     tasks.iter_mut().rev().for_each(|t| t());
    /// };
    /// wb.calculate_with(&CalcOptions::default(), 2, &run);
    /// assert_eq!(wb.value(s, 0, 1), &Value::Number(42.0));
    /// ```
    pub fn calculate_with(
        &mut self,
        opts: &CalcOptions,
        threads: usize,
        run: RunTasks<'_>,
    ) -> CalcReport {
        let mut report = CalcReport {
            formulas: self.formulas.len(),
            ..CalcReport::default()
        };
        self.formulas.sort_by_key(|f| f.cell);
        self.formulas.dedup_by(|b, a| {
            a.cell == b.cell && {
                *a = b.clone();
                true
            }
        });
        report.formulas = self.formulas.len();
        let survey = self.survey(&mut report);
        let graph = graph::Graph::build_with(self, threads, run);
        let plan = graph.plan();
        report.circular = plan
            .cycles
            .iter()
            .map(|c| c.iter().map(|&i| self.formulas[i as usize].cell).collect())
            .collect();
        report.circular.sort();
        let mut state = CalcState {
            graph,
            plan,
            origins: HashMap::new(),
            report,
            volatile: survey.volatile,
            dynamic: survey.dynamic,
            dyn_circular: Vec::new(),
        };
        let evaluated = if threads > 1
            && !state.dynamic
            && self.formulas.len() >= parallel::PARALLEL_FROM
            && parallel::reads_only_precedents(self)
        {
            self.run_levels(&mut state, opts, threads, run)
        } else {
            let all = vec![true; self.formulas.len()];
            self.run(&mut state, &all, opts)
        };
        let report = self.collect_report(&state, evaluated);
        self.state = Some(Box::new(state));
        report
    }

    /// Recalculates after constant cells changed (through
    /// [`Workbook::set_value`]): only formulas that depend on `changed`, and
    /// volatile ones, are evaluated again, in the order found by the last
    /// [`Workbook::calculate`]. Falls back to a full calculation when formulas
    /// or names changed since, or when nothing was calculated yet.
    pub fn recalculate(&mut self, changed: &[CellId], opts: &CalcOptions) -> CalcReport {
        let Some(mut state) = self.state.take() else {
            return self.calculate(opts);
        };
        let nf = self.formulas.len();
        let mut dirty = vec![false; state.graph.node_count()];
        let mut queue = Vec::new();
        let mut areas = Vec::new();
        for &v in &state.volatile {
            if let Some(d) = dirty.get_mut(v as usize) {
                *d = true;
                queue.push(v);
            }
        }
        for (i, f) in self.formulas.iter().enumerate() {
            let Some(p) = f.tree() else { continue };
            if dirty[i] {
                continue;
            }
            areas.clear();
            graph::collect_areas(self, f.cell, p, f.shift(), 0, &mut areas);
            let hit = changed.iter().any(|c| {
                areas.iter().any(|a| {
                    a.sheet == c.sheet
                        && (a.r1..=a.r2).contains(&c.row)
                        && (a.c1..=a.c2).contains(&c.col)
                })
            });
            if hit {
                dirty[i] = true;
                queue.push(u32::try_from(i).unwrap_or(0));
            }
        }
        while let Some(n) = queue.pop() {
            for &s in state.graph.successors(n) {
                if !dirty[s as usize] {
                    dirty[s as usize] = true;
                    queue.push(s);
                }
            }
        }
        let evaluated = self.run(&mut state, &dirty[..nf], opts);
        let report = self.collect_report(&state, evaluated);
        self.state = Some(state);
        report
    }

    /// Evaluates the formulas flagged in `dirty` in plan order; returns how many.
    fn run(&mut self, state: &mut CalcState, dirty: &[bool], opts: &CalcOptions) -> usize {
        if state.dynamic {
            return self.run_dynamic(state, dirty, opts);
        }
        let mut cache = LookupCache::default();
        let mut evaluated = 0;
        // Each formula is evaluated once here: only the origins known
        // before this pass can be out of date.
        let old_origins = !state.origins.is_empty();
        for i in 0..state.plan.order.len() {
            let fi = state.plan.order[i] as usize;
            if !dirty[fi] {
                continue;
            }
            evaluated += 1;
            self.eval_store(state, fi, opts, &mut cache, old_origins);
        }
        evaluated
    }

    /// Evaluates formula `fi` and stores its value and error origin
    /// (`old_origins`: the origins may hold an entry for it from a previous pass).
    fn eval_store(
        &mut self,
        state: &mut CalcState,
        fi: usize,
        opts: &CalcOptions,
        cache: &mut LookupCache,
        old_origins: bool,
    ) {
        let cell = self.formulas[fi].cell;
        // Excel (iteration off) leaves 0 in every cell of a circular
        // reference; the cycle itself is reported in `circular`.
        let (value, origin) = if state.plan.in_cycle[fi] {
            (Value::Number(0.0), cell)
        } else {
            self.eval_one(fi, opts, cache, &state.origins, None, false)
                .0
        };
        state.keep_origin(cell, &value, origin, old_origins);
        self.store(cell, value);
    }

    /// Puts a computed value in its formula cell.
    fn store(&mut self, cell: CellId, value: Value) {
        if let Some(s) = self.sheets.get_mut(cell.sheet as usize)
            && let Some(slot) = s
                .cols
                .get_mut(cell.col as usize)
                .and_then(|c| c.get_mut(cell.row as usize))
        {
            *slot = value;
        }
    }

    fn collect_report(&self, state: &CalcState, evaluated: usize) -> CalcReport {
        let mut report = state.report.clone();
        report.evaluated = evaluated;
        if !state.dyn_circular.is_empty() {
            report.circular.extend(state.dyn_circular.iter().cloned());
            report.circular.sort();
            report.circular.dedup();
        }
        for f in &self.formulas {
            if let Value::Error(e) = self.value(f.cell.sheet, f.cell.row, f.cell.col) {
                let origin = state.origins.get(&f.cell).copied().unwrap_or(f.cell);
                report.errors.push(CellError {
                    cell: f.cell,
                    error: *e,
                    origin,
                });
            }
        }
        report
    }

    /// Evaluates a one-off formula against the current values (call
    /// [`Workbook::calculate`] first so formula cells hold their results), as
    /// if it stood in `sheet` at A1. The result is the top-left value of an array.
    ///
    /// # Errors
    /// The parse error of a formula that does not parse.
    pub fn evaluate(
        &self,
        sheet: u32,
        text: &str,
        opts: &CalcOptions,
    ) -> Result<Value, ParseError> {
        let f = crate::parser::parse(text)?;
        let mut cache = LookupCache::default();
        let origins = HashMap::new();
        let mut ctx = Ctx {
            wb: self,
            cell: CellId::new(sheet, 0, 0),
            opts,
            cache: &mut cache,
            origins: &origins,
            first_err: None,
            lets: Vec::new(),
            name_depth: 0,
            rand_calls: 0,
            legacy: false,
            array_depth: 0,
            shift: (0, 0),
            pending: None,
            check_all: false,
            needs: Vec::new(),
        };
        let op = ctx.eval(&f, f.root);
        Ok(ctx.scalar(op))
    }

    fn eval_one(
        &self,
        fi: usize,
        opts: &CalcOptions,
        cache: &mut LookupCache,
        origins: &HashMap<CellId, CellId>,
        pending: Option<&dynamic::Pending>,
        check_all: bool,
    ) -> ((Value, CellId), Vec<u32>) {
        let fc = &self.formulas[fi];
        let Some(f) = fc.tree() else {
            return ((Value::Error(ErrorKind::Name), fc.cell), Vec::new());
        };
        let mut ctx = Ctx {
            wb: self,
            cell: fc.cell,
            opts,
            cache,
            origins,
            first_err: None,
            lets: Vec::new(),
            name_depth: 0,
            rand_calls: 0,
            legacy: fc.mode() == crate::workbook::FormulaMode::Legacy,
            array_depth: 0,
            shift: fc.shift(),
            pending,
            check_all,
            needs: Vec::new(),
        };
        let op = ctx.eval(f, f.root);
        let v = match fc.mode() {
            crate::workbook::FormulaMode::ArrayCell { row, col } => {
                let v = ctx.value(op);
                array_cell(v, row, col)
            }
            _ => ctx.scalar(op),
        };
        let v = match v {
            Value::Empty => Value::Number(0.0),
            v => v,
        };
        let origin = match (&v, ctx.first_err) {
            (Value::Error(e), Some((k, o))) if *e == k => o,
            _ => fc.cell,
        };
        ((v, origin), ctx.needs)
    }
}

/// Element (`row`, `col`) of an array formula's result spread over its range:
/// a single value fills the range, a single row or column repeats, and a cell
/// beyond a larger result is `#N/A`.
pub(crate) fn array_cell(v: Value, row: u32, col: u32) -> Value {
    match v {
        Value::Array(a) => {
            let r = if a.rows == 1 { 0 } else { row as usize };
            let c = if a.cols == 1 { 0 } else { col as usize };
            a.get(r, c).cloned().unwrap_or(Value::Error(ErrorKind::NA))
        }
        v => v,
    }
}
