//! Lattice tables: rulings that cross form a grid; cells are the grid's
//! boxes, and a box whose inner ruling is missing joins its neighbour
//! (a merged cell, reported with its span).

use super::edges::Edge;

/// Most crossings looked at on one page; past it the page's lattice search
/// stops with a warning.
const MAX_CROSSINGS: usize = 1_000_000;
/// Most grid boxes of one table.
const MAX_GRID_BOXES: usize = 250_000;

/// A cell of a grid: rows `r0..r1`, columns `c0..c1` (ends exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct GridCell {
    pub r0: usize,
    pub c0: usize,
    pub r1: usize,
    pub c1: usize,
}

/// One ruled table: column and row boundaries and its cells.
#[derive(Debug, Clone)]
pub(crate) struct Grid {
    /// Column boundaries, left to right.
    pub xs: Vec<f64>,
    /// Row boundaries, top to bottom.
    pub ys: Vec<f64>,
    /// Cells, row by row, left to right.
    pub cells: Vec<GridCell>,
}

struct UnionFind(Vec<usize>);

impl UnionFind {
    fn new(n: usize) -> Self {
        Self((0..n).collect())
    }
    fn find(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.0[ra.max(rb)] = ra.min(rb);
        }
    }
}

/// Whether the rulings in `lines` (sorted by start) cover `a..b` up to `tol`.
fn covered(lines: &[(f64, f64)], a: f64, b: f64, tol: f64) -> bool {
    lines.iter().any(|&(lo, hi)| lo <= a + tol && hi >= b - tol)
}

/// Distinct positions of `edges` and, for each, its rulings.
fn positions(edges: &[&Edge]) -> (Vec<f64>, Vec<Vec<(f64, f64)>>) {
    let mut sorted: Vec<&Edge> = edges.to_vec();
    sorted.sort_by(|a, b| a.pos.total_cmp(&b.pos).then(a.lo.total_cmp(&b.lo)));
    let mut pos: Vec<f64> = Vec::new();
    let mut lines: Vec<Vec<(f64, f64)>> = Vec::new();
    for e in sorted {
        if pos.last() != Some(&e.pos) {
            pos.push(e.pos);
            lines.push(Vec::new());
        }
        if let Some(l) = lines.last_mut() {
            l.push((e.lo, e.hi));
        }
    }
    (pos, lines)
}

/// Finds the ruled tables among snapped, joined edges (`h` horizontal,
/// `v` vertical, each sorted by position). `tol` is the intersection
/// tolerance. Problems that stop the search are pushed to `warnings`.
pub(crate) fn grids(h: &[Edge], v: &[Edge], tol: f64, warnings: &mut Vec<String>) -> Vec<Grid> {
    let nh = h.len();
    let mut uf = UnionFind::new(nh + v.len());
    let mut crossed = vec![false; nh + v.len()];
    let mut crossings = 0usize;
    'outer: for (i, he) in h.iter().enumerate() {
        let start = v.partition_point(|e| e.pos < he.lo - tol);
        for (j, ve) in v.iter().enumerate().skip(start) {
            if ve.pos > he.hi + tol {
                break;
            }
            if he.pos >= ve.lo - tol && he.pos <= ve.hi + tol {
                crossings += 1;
                if crossings > MAX_CROSSINGS {
                    warnings.push(format!(
                        "more than {MAX_CROSSINGS} ruling crossings: ruled-table search stopped"
                    ));
                    break 'outer;
                }
                uf.union(i, nh + j);
                crossed[i] = true;
                crossed[nh + j] = true;
            }
        }
    }
    // Group the crossing edges by component, in order of first appearance.
    let mut comps: Vec<(usize, Vec<usize>)> = Vec::new();
    for (k, _) in crossed.iter().enumerate().filter(|p| *p.1) {
        let root = uf.find(k);
        match comps.iter_mut().find(|c| c.0 == root) {
            Some(c) => c.1.push(k),
            None => comps.push((root, vec![k])),
        }
    }
    let mut out = Vec::new();
    for (_, members) in comps {
        let hs: Vec<&Edge> = members
            .iter()
            .filter(|&&k| k < nh)
            .map(|&k| &h[k])
            .collect();
        let vs: Vec<&Edge> = members
            .iter()
            .filter(|&&k| k >= nh)
            .map(|&k| &v[k - nh])
            .collect();
        if let Some(g) = grid(&hs, &vs, tol, warnings) {
            out.push(g);
        }
    }
    out.sort_by(|a, b| {
        a.ys[0]
            .total_cmp(&b.ys[0])
            .then(a.xs[0].total_cmp(&b.xs[0]))
    });
    out
}

/// The cells of one connected group of rulings.
fn grid(hs: &[&Edge], vs: &[&Edge], tol: f64, warnings: &mut Vec<String>) -> Option<Grid> {
    let (ys, hlines) = positions(hs);
    let (xs, vlines) = positions(vs);
    if ys.len() < 2 || xs.len() < 2 {
        return None;
    }
    let (rows, cols) = (ys.len() - 1, xs.len() - 1);
    if rows.saturating_mul(cols) > MAX_GRID_BOXES {
        warnings.push(format!(
            "a ruled grid of {rows}x{cols} boxes is larger than {MAX_GRID_BOXES}: skipped"
        ));
        return None;
    }
    // ruled_v[r * (cols + 1) + c]: the left side of box (r, c) is ruled.
    let mut ruled_v = vec![false; rows * (cols + 1)];
    for r in 0..rows {
        for c in 0..=cols {
            ruled_v[r * (cols + 1) + c] = covered(&vlines[c], ys[r], ys[r + 1], tol);
        }
    }
    // ruled_h[r * cols + c]: the top side of box (r, c) is ruled.
    let mut ruled_h = vec![false; (rows + 1) * cols];
    for r in 0..=rows {
        for c in 0..cols {
            ruled_h[r * cols + c] = covered(&hlines[r], xs[c], xs[c + 1], tol);
        }
    }
    let mut uf = UnionFind::new(rows * cols);
    for r in 0..rows {
        for c in 0..cols {
            if c + 1 < cols && !ruled_v[r * (cols + 1) + c + 1] {
                uf.union(r * cols + c, r * cols + c + 1);
            }
            if r + 1 < rows && !ruled_h[(r + 1) * cols + c] {
                uf.union(r * cols + c, (r + 1) * cols + c);
            }
        }
    }
    // Each region: bounds and box count.
    let mut regions: Vec<Option<(GridCell, usize)>> = vec![None; rows * cols];
    for r in 0..rows {
        for c in 0..cols {
            let root = uf.find(r * cols + c);
            let entry = regions[root].get_or_insert((
                GridCell {
                    r0: r,
                    c0: c,
                    r1: r + 1,
                    c1: c + 1,
                },
                0,
            ));
            entry.0.r0 = entry.0.r0.min(r);
            entry.0.c0 = entry.0.c0.min(c);
            entry.0.r1 = entry.0.r1.max(r + 1);
            entry.0.c1 = entry.0.c1.max(c + 1);
            entry.1 += 1;
        }
    }
    let enclosed = |g: &GridCell| {
        (g.r0..g.r1).all(|r| ruled_v[r * (cols + 1) + g.c0] && ruled_v[r * (cols + 1) + g.c1])
            && (g.c0..g.c1).all(|c| ruled_h[g.r0 * cols + c] && ruled_h[g.r1 * cols + c])
    };
    let mut cells = Vec::new();
    for r in 0..rows {
        for c in 0..cols {
            let root = uf.find(r * cols + c);
            if root != r * cols + c {
                continue;
            }
            let Some((g, count)) = regions[root] else {
                continue;
            };
            if count == (g.r1 - g.r0) * (g.c1 - g.c0) {
                if enclosed(&g) {
                    cells.push(g);
                }
            } else {
                // Not a rectangle: keep the enclosed boxes one by one.
                for rr in g.r0..g.r1 {
                    for cc in g.c0..g.c1 {
                        let one = GridCell {
                            r0: rr,
                            c0: cc,
                            r1: rr + 1,
                            c1: cc + 1,
                        };
                        if uf.find(rr * cols + cc) == root
                            && (ruled_v[rr * (cols + 1) + cc] || ruled_v[rr * (cols + 1) + cc + 1])
                            && (ruled_h[rr * cols + cc] || ruled_h[(rr + 1) * cols + cc])
                        {
                            cells.push(one);
                        }
                    }
                }
            }
        }
    }
    if cells.len() < 2 {
        return None;
    }
    cells.sort_by_key(|g| (g.r0, g.c0));
    Some(compact(&Grid { xs, ys, cells }))
}

/// Drops rows and columns of the grid that no cell starts or ends in, so
/// that indexes count the table's own rows and columns.
fn compact(g: &Grid) -> Grid {
    let mut used_y = vec![false; g.ys.len()];
    let mut used_x = vec![false; g.xs.len()];
    for c in &g.cells {
        used_y[c.r0] = true;
        used_y[c.r1] = true;
        used_x[c.c0] = true;
        used_x[c.c1] = true;
    }
    let remap = |used: &[bool]| {
        let mut map = vec![0; used.len()];
        let mut n = 0;
        for (i, &u) in used.iter().enumerate() {
            map[i] = n;
            if u {
                n += 1;
            }
        }
        map
    };
    let (my, mx) = (remap(&used_y), remap(&used_x));
    let ys: Vec<f64> =
        g.ys.iter()
            .zip(&used_y)
            .filter(|p| *p.1)
            .map(|p| *p.0)
            .collect();
    let xs: Vec<f64> =
        g.xs.iter()
            .zip(&used_x)
            .filter(|p| *p.1)
            .map(|p| *p.0)
            .collect();
    let cells = g
        .cells
        .iter()
        .map(|c| GridCell {
            r0: my[c.r0],
            c0: mx[c.c0],
            r1: my[c.r1],
            c1: mx[c.c1],
        })
        .collect();
    Grid { xs, ys, cells }
}
