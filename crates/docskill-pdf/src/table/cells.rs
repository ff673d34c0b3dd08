//! From a found grid (or whitespace columns) to a [`Table`]: cell boxes,
//! spans, and each cell's text from the characters whose centre it holds.

use super::lattice::Grid;
use super::stream::StreamTable;
use super::{Table, TableCell, TableStrategy, bbox};
use crate::content::TextChar;
use crate::text::LayoutParams;
use crate::text::layout::{lines_in, rotation_group};

/// Index of the grid interval holding `v` (`bounds` sorted), if any.
fn slot(bounds: &[f64], v: f64) -> Option<usize> {
    let k = bounds.partition_point(|&b| b <= v);
    (k >= 1 && k < bounds.len()).then(|| k - 1)
}

/// The text of the characters `idx`: the most common rotation first, each
/// group in its own reading order; words joined by spaces, lines by `\n`.
fn cell_text(chars: &[TextChar], idx: &[usize]) -> String {
    let mut groups: Vec<(u16, Vec<usize>)> = Vec::new();
    for &i in idx {
        let r = rotation_group(&chars[i]);
        match groups.iter_mut().find(|g| g.0 == r) {
            Some(g) => g.1.push(i),
            None => groups.push((r, vec![i])),
        }
    }
    groups.sort_by_key(|g| std::cmp::Reverse(g.1.len()));
    let params = LayoutParams::default();
    let mut out = String::new();
    for (rotation, members) in groups {
        for line in lines_in(chars, &members, rotation, &params) {
            if !out.is_empty() {
                out.push('\n');
            }
            let mut first = true;
            for w in line.fragments.iter().flat_map(|f| &f.words) {
                if !first {
                    out.push(' ');
                }
                out.push_str(&w.text);
                first = false;
            }
        }
    }
    out
}

/// A ruled table from its grid.
pub(crate) fn lattice_table(page: u32, g: &Grid, chars: &[TextChar], dup: &[bool]) -> Table {
    let (rows, cols) = (g.ys.len() - 1, g.xs.len() - 1);
    let mut owner: Vec<Option<usize>> = vec![None; rows * cols];
    for (k, c) in g.cells.iter().enumerate() {
        for r in c.r0..c.r1 {
            for col in c.c0..c.c1 {
                owner[r * cols + col] = Some(k);
            }
        }
    }
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); g.cells.len()];
    for (i, ch) in chars.iter().enumerate() {
        if dup[i] || ch.text.trim().is_empty() {
            continue;
        }
        let (cx, cy) = (
            f64::midpoint(ch.x0, ch.x1),
            f64::midpoint(ch.top, ch.bottom),
        );
        if let (Some(c), Some(r)) = (slot(&g.xs, cx), slot(&g.ys, cy))
            && let Some(k) = owner[r * cols + c]
        {
            members[k].push(i);
        }
    }
    let mut out_rows: Vec<Vec<TableCell>> = vec![Vec::new(); rows];
    for (c, m) in g.cells.iter().zip(&members) {
        out_rows[c.r0].push(TableCell {
            row: c.r0,
            col: c.c0,
            row_span: c.r1 - c.r0,
            col_span: c.c1 - c.c0,
            bbox: bbox(g.xs[c.c0], g.ys[c.r0], g.xs[c.c1], g.ys[c.r1]),
            text: cell_text(chars, m),
        });
    }
    Table {
        page,
        bbox: bbox(g.xs[0], g.ys[0], g.xs[cols], g.ys[rows]),
        strategy: TableStrategy::Lines,
        n_rows: rows,
        n_cols: cols,
        rows: out_rows,
    }
}

/// A whitespace table from its columns and rows.
pub(crate) fn stream_table(page: u32, t: &StreamTable) -> Table {
    let rows: Vec<Vec<TableCell>> = t
        .rows
        .iter()
        .enumerate()
        .map(|(r, (top, bottom, texts))| {
            t.cols
                .iter()
                .zip(texts)
                .enumerate()
                .map(|(c, (&(x0, x1), text))| TableCell {
                    row: r,
                    col: c,
                    row_span: 1,
                    col_span: 1,
                    bbox: bbox(x0, *top, x1, *bottom),
                    text: text.clone(),
                })
                .collect()
        })
        .collect();
    let top = t.rows.first().map_or(0.0, |r| r.0);
    let bottom = t.rows.last().map_or(0.0, |r| r.1);
    let x0 = t.cols.first().map_or(0.0, |c| c.0);
    let x1 = t.cols.last().map_or(0.0, |c| c.1);
    Table {
        page,
        bbox: bbox(x0, top, x1, bottom),
        strategy: TableStrategy::Text,
        n_rows: t.rows.len(),
        n_cols: t.cols.len(),
        rows,
    }
}
