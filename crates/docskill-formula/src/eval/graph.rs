//! The dependency graph of formula cells and the evaluation plan.
//!
//! Nodes are formula cells, plus one shared node per large range (so a
//! range read by many formulas costs one set of edges, not one per reader).
//! Edges point from a precedent to its dependent. The plan is Kahn's
//! topological order; whatever remains is split into strongly connected
//! components (iterative Tarjan) so cycles are found and reported while the
//! cells downstream of them are still evaluated in order.

use std::collections::{HashMap, HashSet, VecDeque};

use crate::ast::{Formula, MAX_COL, MAX_ROW, Node, RefKind, SheetRef};
use crate::eval::interp::Area;
use crate::eval::parallel::RunTasks;
use crate::workbook::{CellId, Workbook};

/// Above this many formula cells inside one range, readers share a range node.
const SHARE_ABOVE: usize = 16;

/// The columns of one sheet holding formulas, ascending, each with its
/// formula rows (and formula indices), ascending.
type FormulaColumns = Vec<(u32, Vec<(u32, u32)>)>;

#[derive(Clone, Debug)]
pub(crate) struct Graph {
    formulas: usize,
    nodes: usize,
    /// CSR adjacency: successors of node `n` are `succ[start[n]..start[n+1]]`.
    start: Vec<u32>,
    succ: Vec<u32>,
}

#[derive(Clone, Debug)]
pub(crate) struct Plan {
    /// Formula indices in evaluation order (cycle members included).
    pub order: Vec<u32>,
    /// Each cycle as a closed path of formula indices.
    pub cycles: Vec<Vec<u32>>,
    /// Every formula inside a strongly connected component with a cycle
    /// (a component can hold more cells than the path reported for it).
    pub in_cycle: Vec<bool>,
    /// Length of the part of `order` found by the topological sort: the
    /// formulas outside any cycle and not downstream of one.
    pub acyclic: usize,
    /// Per formula of that part, its level: 0 when it reads no formula cell,
    /// else one more than the highest level of the formulas it reads. The
    /// formulas of one level do not read each other.
    pub level: Vec<u32>,
}

fn resolve(wb: &Workbook, cur: u32, s: &SheetRef) -> Option<(u32, u32)> {
    match s {
        SheetRef::Current => Some((cur, cur)),
        SheetRef::Named(n) => wb.sheet_index(n).map(|i| (i, i)),
        SheetRef::Span(a, b) => {
            let (x, y) = (wb.sheet_index(a)?, wb.sheet_index(b)?);
            Some((x.min(y), x.max(y)))
        }
    }
}

/// Every area a formula reads statically (through defined names too).
/// References only measured (`OFFSET`'s own, `ROW(A1)`...) are left out
/// (see `dynamic::unread_references`).
pub(crate) fn collect_areas(
    wb: &Workbook,
    cell: CellId,
    f: &Formula,
    shift: (i64, i64),
    depth: u32,
    out: &mut Vec<Area>,
) {
    let start = out.len();
    // One pass in the common case; a formula calling OFFSET, ROW, CELL... is
    // collected again without the references those only measure.
    if collect_areas_except(wb, cell, f, shift, depth, out, &[]) {
        let unread = crate::eval::dynamic::unread_references(f);
        if !unread.is_empty() {
            out.truncate(start);
            collect_areas_except(wb, cell, f, shift, depth, out, &unread);
        }
    }
}

/// [`collect_areas`] leaving out the reference nodes in `unread`; true
/// when the formula calls a function that only measures some argument.
fn collect_areas_except(
    wb: &Workbook,
    cell: CellId,
    f: &Formula,
    shift: (i64, i64),
    depth: u32,
    out: &mut Vec<Area>,
    unread: &[u32],
) -> bool {
    let cur = cell.sheet;
    let mut offset = false;
    for (id, n) in f.nodes.iter().enumerate() {
        match n {
            Node::Call {
                name,
                func: Some(_),
                ..
            } => offset = offset || crate::eval::dynamic::has_unread_arguments(name),
            Node::Ref(_)
                if !unread.is_empty()
                    && unread.contains(&u32::try_from(id).unwrap_or(u32::MAX)) => {}
            Node::Ref(r) => {
                let Some((s1, s2)) = resolve(wb, cur, &r.sheet) else {
                    continue;
                };
                let kind = if shift == (0, 0) {
                    Some(r.kind)
                } else {
                    crate::ast_edit::shift_kind(r.kind, shift.0, shift.1)
                };
                let Some(kind) = kind else { continue };
                let (r1, c1, r2, c2) = match kind {
                    RefKind::Cell(a) => (a.row, a.col, a.row, a.col),
                    RefKind::Area(a, b) => (
                        a.row.min(b.row),
                        a.col.min(b.col),
                        a.row.max(b.row),
                        a.col.max(b.col),
                    ),
                    RefKind::Cols { first, last, .. } => (0, first, MAX_ROW, last),
                    RefKind::Rows { first, last, .. } => (first, 0, last, MAX_COL),
                };
                for sheet in s1..=s2 {
                    out.push(Area {
                        sheet,
                        r1,
                        c1,
                        r2,
                        c2,
                    });
                }
            }
            Node::Structured(s) => {
                if let Some(a) = wb.structured_area(s, cur, cell.row, cell.col, true) {
                    out.push(a);
                }
            }
            Node::Name { sheet, name } if depth < 16 => {
                let scope = match sheet {
                    Some(s) => wb.sheet_index(s),
                    None => Some(cur),
                };
                if let Some(def) = scope.and_then(|s| wb.find_name(name, s))
                    && let Ok(p) = &def.parsed
                {
                    collect_areas(wb, cell, p, (0, 0), depth + 1, out);
                }
            }
            // A defined name holding a lambda, called as `f(x)`.
            Node::Call {
                name, func: None, ..
            } if depth < 16 => {
                if let Some(def) = wb.find_name(name, cur)
                    && let Ok(p) = &def.parsed
                {
                    collect_areas(wb, cell, p, (0, 0), depth + 1, out);
                }
            }
            _ => {}
        }
    }
    offset
}

/// Per sheet, the columns holding formulas, ascending, each with its formula
/// rows (and formula indices), ascending (formulas are sorted by cell).
fn formula_columns(wb: &Workbook) -> Vec<FormulaColumns> {
    let mut by_col: Vec<Vec<Vec<(u32, u32)>>> = vec![Vec::new(); wb.sheets.len()];
    for (i, f) in wb.formulas.iter().enumerate() {
        let Some(cols) = by_col.get_mut(f.cell.sheet as usize) else {
            continue;
        };
        let c = f.cell.col as usize;
        if cols.len() <= c {
            cols.resize_with(c + 1, Vec::new);
        }
        cols[c].push((f.cell.row, u32::try_from(i).unwrap_or(0)));
    }
    by_col
        .into_iter()
        .map(|cols| {
            cols.into_iter()
                .enumerate()
                .filter(|(_, rows)| !rows.is_empty())
                .map(|(c, rows)| (u32::try_from(c).unwrap_or(u32::MAX), rows))
                .collect()
        })
        .collect()
}

/// What one formula's references add to the graph, found without the shared
/// range nodes of the formulas before it.
enum Reach {
    /// An edge between formulas.
    Edge(u32, u32),
    /// Formula `me` reads `area`, which holds many formula cells: `hits` of
    /// the slice's list (empty when the slice met the area before).
    Range {
        area: Area,
        me: u32,
        hits: (u32, u32),
    },
}

/// The reaches of the formulas `from..to`, and the formula cells the ranges
/// among them hold.
fn reaches(
    wb: &Workbook,
    cols: &[FormulaColumns],
    from: usize,
    to: usize,
) -> (Vec<Reach>, Vec<u32>) {
    let mut out = Vec::new();
    let mut all_hits = Vec::new();
    let mut seen: HashSet<Area> = HashSet::new();
    let mut areas = Vec::new();
    let mut hits = Vec::new();
    for (i, f) in wb.formulas.iter().enumerate().take(to).skip(from) {
        let Some(p) = f.tree() else { continue };
        let me = u32::try_from(i).unwrap_or(0);
        areas.clear();
        collect_areas(wb, f.cell, p, f.shift(), 0, &mut areas);
        for a in &areas {
            let Some(cols) = cols.get(a.sheet as usize) else {
                continue;
            };
            let lo = cols.partition_point(|(c, _)| *c < a.c1);
            // No formula column in the area (constants only): no edge.
            if cols.get(lo).is_none_or(|(c, _)| *c > a.c2) {
                continue;
            }
            if seen.contains(a) {
                out.push(Reach::Range {
                    area: *a,
                    me,
                    hits: (0, 0),
                });
                continue;
            }
            hits.clear();
            for (c, rows) in &cols[lo..] {
                if *c > a.c2 {
                    break;
                }
                let s = rows.partition_point(|&(r, _)| r < a.r1);
                let e = rows.partition_point(|&(r, _)| r <= a.r2);
                hits.extend(rows[s..e].iter().map(|&(_, id)| id));
            }
            if hits.len() > SHARE_ABOVE {
                seen.insert(*a);
                let at = u32::try_from(all_hits.len()).unwrap_or(u32::MAX);
                all_hits.extend_from_slice(&hits);
                let end = u32::try_from(all_hits.len()).unwrap_or(u32::MAX);
                out.push(Reach::Range {
                    area: *a,
                    me,
                    hits: (at, end),
                });
            } else {
                out.extend(hits.iter().map(|&h| Reach::Edge(h, me)));
            }
        }
    }
    (out, all_hits)
}

/// Formulas per task of a parallel graph build, at least.
const BUILD_SLICE: usize = 1 << 14;

impl Graph {
    /// The graph of `wb`'s formulas. The references of slices of the formulas
    /// are followed on `threads` tasks of `run`; the edges and the shared range
    /// nodes are then numbered in formula order, so the graph is the same
    /// whatever the threads.
    pub fn build_with(wb: &Workbook, threads: usize, run: RunTasks<'_>) -> Graph {
        Self::build_sliced(wb, threads, run, BUILD_SLICE)
    }

    /// [`Graph::build_with`], with tasks of `slice` formulas at least.
    fn build_sliced(wb: &Workbook, threads: usize, run: RunTasks<'_>, slice: usize) -> Graph {
        let nf = wb.formulas.len();
        let cols = formula_columns(wb);
        let tasks = threads.clamp(1, (nf / slice.max(1)).max(1));
        let per = nf.div_ceil(tasks);
        let mut found: Vec<Option<(Vec<Reach>, Vec<u32>)>> = Vec::new();
        found.resize_with(tasks, || None);
        // A single task runs below, without the runner.
        if tasks > 1 {
            let cols = &cols;
            let mut jobs: Vec<_> = found
                .iter_mut()
                .enumerate()
                .map(|(t, slot)| {
                    move || *slot = Some(reaches(wb, cols, t * per, ((t + 1) * per).min(nf)))
                })
                .collect();
            crate::eval::parallel::run_batch(run, &mut jobs);
        }
        let mut edges: Vec<(u32, u32)> = Vec::new();
        let mut shared: HashMap<Area, u32> = HashMap::new();
        let mut next = u32::try_from(nf).unwrap_or(u32::MAX);
        for (t, slot) in found.into_iter().enumerate() {
            // A task the runner left out runs here.
            let (list, hits) =
                slot.unwrap_or_else(|| reaches(wb, &cols, t * per, ((t + 1) * per).min(nf)));
            for r in list {
                match r {
                    Reach::Edge(a, b) => edges.push((a, b)),
                    Reach::Range {
                        area,
                        me,
                        hits: (s, e),
                    } => {
                        if let Some(&node) = shared.get(&area) {
                            edges.push((node, me));
                            continue;
                        }
                        let node = next;
                        next += 1;
                        shared.insert(area, node);
                        edges.extend(hits[s as usize..e as usize].iter().map(|&h| (h, node)));
                        edges.push((node, me));
                    }
                }
            }
        }
        let nodes = next as usize;
        let mut start = vec![0u32; nodes + 1];
        for &(a, _) in &edges {
            start[a as usize + 1] += 1;
        }
        for i in 0..nodes {
            start[i + 1] += start[i];
        }
        let mut fill = start.clone();
        let mut succ = vec![0u32; edges.len()];
        for &(a, b) in &edges {
            succ[fill[a as usize] as usize] = b;
            fill[a as usize] += 1;
        }
        Graph {
            formulas: nf,
            nodes,
            start,
            succ,
        }
    }

    pub fn node_count(&self) -> usize {
        self.nodes
    }

    pub fn successors(&self, n: u32) -> &[u32] {
        self.succ(n)
    }

    fn succ(&self, n: u32) -> &[u32] {
        &self.succ[self.start[n as usize] as usize..self.start[n as usize + 1] as usize]
    }

    pub fn plan(&self) -> Plan {
        let mut indeg = vec![0u32; self.nodes];
        for &s in &self.succ {
            indeg[s as usize] += 1;
        }
        let mut queue: VecDeque<u32> = (0..self.nodes)
            .filter(|&n| indeg[n] == 0)
            .map(|n| u32::try_from(n).unwrap_or(0))
            .collect();
        let mut order = Vec::with_capacity(self.formulas);
        let mut done = vec![false; self.nodes];
        // Per node: a formula's level; for a shared range node, the level
        // its readers start at (one more than its highest formula).
        let mut level = vec![0u32; self.nodes];
        while let Some(n) = queue.pop_front() {
            done[n as usize] = true;
            let mut next = level[n as usize];
            if (n as usize) < self.formulas {
                order.push(n);
                next += 1;
            }
            for &s in self.succ(n) {
                level[s as usize] = level[s as usize].max(next);
                indeg[s as usize] -= 1;
                if indeg[s as usize] == 0 {
                    queue.push_back(s);
                }
            }
        }
        let acyclic = order.len();
        level.truncate(self.formulas);
        let mut cycles = Vec::new();
        let mut in_cycle = vec![false; self.formulas];
        if order.len() < self.formulas || done.iter().any(|d| !d) {
            for scc in self.sccs(&done).into_iter().rev() {
                let cyclic = scc.len() > 1 || self.succ(scc[0]).contains(&scc[0]);
                if cyclic {
                    cycles.push(self.cycle_path(&scc));
                    for &n in &scc {
                        if let Some(flag) = in_cycle.get_mut(n as usize) {
                            *flag = true;
                        }
                    }
                }
                let mut members: Vec<u32> = scc
                    .iter()
                    .copied()
                    .filter(|&n| (n as usize) < self.formulas)
                    .collect();
                members.sort_unstable();
                order.extend(members);
            }
        }
        Plan {
            order,
            cycles,
            in_cycle,
            acyclic,
            level,
        }
    }

    /// Strongly connected components of the nodes not yet `done`, in
    /// reverse topological order (iterative Tarjan).
    fn sccs(&self, done: &[bool]) -> Vec<Vec<u32>> {
        const NONE: u32 = u32::MAX;
        let n = self.nodes;
        let mut index = vec![NONE; n];
        let mut low = vec![0u32; n];
        let mut on_stack = vec![false; n];
        let mut stack = Vec::new();
        let mut out = Vec::new();
        let mut counter = 0u32;
        let mut call: Vec<(u32, usize)> = Vec::new();
        for root in 0..n {
            if done[root] || index[root] != NONE {
                continue;
            }
            call.push((u32::try_from(root).unwrap_or(0), 0));
            while let Some(&mut (v, ref mut pos)) = call.last_mut() {
                let vi = v as usize;
                if *pos == 0 && index[vi] == NONE {
                    index[vi] = counter;
                    low[vi] = counter;
                    counter += 1;
                    stack.push(v);
                    on_stack[vi] = true;
                }
                let succ = self.succ(v);
                if *pos < succ.len() {
                    let w = succ[*pos];
                    *pos += 1;
                    let wi = w as usize;
                    if done[wi] {
                        continue;
                    }
                    if index[wi] == NONE {
                        call.push((w, 0));
                    } else if on_stack[wi] {
                        low[vi] = low[vi].min(index[wi]);
                    }
                    continue;
                }
                call.pop();
                if let Some(&(parent, _)) = call.last() {
                    low[parent as usize] = low[parent as usize].min(low[vi]);
                }
                if low[vi] == index[vi] {
                    let mut comp = Vec::new();
                    while let Some(w) = stack.pop() {
                        on_stack[w as usize] = false;
                        comp.push(w);
                        if w == v {
                            break;
                        }
                    }
                    out.push(comp);
                }
            }
        }
        out
    }

    /// A closed path through the component starting at its smallest formula node.
    fn cycle_path(&self, scc: &[u32]) -> Vec<u32> {
        let inside: std::collections::HashSet<u32> = scc.iter().copied().collect();
        let start = scc
            .iter()
            .copied()
            .filter(|&n| (n as usize) < self.formulas)
            .min()
            .unwrap_or(scc[0]);
        let mut parent: HashMap<u32, u32> = HashMap::new();
        let mut queue = VecDeque::from([start]);
        let mut last = None;
        'bfs: while let Some(u) = queue.pop_front() {
            for &w in self.succ(u) {
                if w == start {
                    last = Some(u);
                    break 'bfs;
                }
                if inside.contains(&w) && !parent.contains_key(&w) {
                    parent.insert(w, u);
                    queue.push_back(w);
                }
            }
        }
        let mut path = vec![start];
        let mut cur = last.unwrap_or(start);
        let mut back = Vec::new();
        while cur != start {
            back.push(cur);
            cur = parent.get(&cur).copied().unwrap_or(start);
        }
        path.extend(back.into_iter().rev());
        path.push(start);
        path.retain(|&n| (n as usize) < self.formulas);
        path
    }
}

#[cfg(test)]
mod tests {
    use super::Graph;
    use crate::workbook::Workbook;

    /// Tasks run backwards, and the second of each batch left out (it then
    /// runs on the calling thread).
    fn backwards_skipping(tasks: &mut [&mut (dyn FnMut() + Send)]) {
        for (i, t) in tasks.iter_mut().enumerate().rev() {
            if i != 1 {
                t();
            }
        }
    }

    /// Built in slices, in any order, the graph is the one built in one pass:
    /// the same edges in the same order, the same shared range nodes.
    #[test]
    fn a_graph_built_in_slices_is_the_graph_built_in_one_pass() {
        let mut wb = Workbook::new();
        let s = wb.add_sheet("S").unwrap();
        let t = wb.add_sheet("T").unwrap();
        for r in 0..200 {
            wb.set_formula(s, r, 0, &format!("={r}")).unwrap();
            // Shared ranges (more than 16 formula cells), met by every slice.
            wb.set_formula(s, r, 1, "=SUM(A1:A100)+SUM($A$50:$A$200)")
                .unwrap();
            // Small areas: direct edges; a running chain.
            wb.set_formula(s, r, 2, &format!("=A{}+C{}", r + 1, r.max(1)))
                .unwrap();
            wb.set_formula(t, r, 0, &format!("=S!B{}+SUM(S!A:A)", r + 1))
                .unwrap();
        }
        wb.formulas.sort_by_key(|f| f.cell);
        let one = Graph::build_sliced(&wb, 1, &crate::eval::parallel::in_order, 7);
        let many = Graph::build_sliced(&wb, 5, &backwards_skipping, 7);
        assert!(
            one.nodes > wb.formulas.len(),
            "shared range nodes were made"
        );
        assert_eq!(one.nodes, many.nodes);
        assert_eq!(one.start, many.start);
        assert_eq!(one.succ, many.succ);
    }
}
