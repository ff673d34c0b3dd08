//! Stream tables: text without rulings whose line fragments line up in
//! columns separated by whitespace over consecutive lines.

use crate::text::layout::RLine;

/// Settings of the whitespace search.
#[derive(Debug, Clone, Copy)]
pub(crate) struct StreamParams {
    /// Fewest rows (text lines) a table has.
    pub min_rows: usize,
    /// Largest gap between two rows, in line heights.
    pub max_row_gap: f64,
}

/// A table found in the text: column ranges and rows of cell texts.
#[derive(Debug, Clone)]
pub(crate) struct StreamTable {
    /// Column x ranges, left to right.
    pub cols: Vec<(f64, f64)>,
    /// Rows: (top, bottom, text per column).
    pub rows: Vec<(f64, f64, Vec<String>)>,
}

/// Merges x ranges into disjoint sorted intervals.
fn merge(mut spans: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut out: Vec<(f64, f64)> = Vec::with_capacity(spans.len());
    for (a, b) in spans {
        match out.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => out.push((a, b)),
        }
    }
    out
}

fn spans_of(line: &RLine) -> Vec<(f64, f64)> {
    line.fragments
        .iter()
        .map(|f| (f.bbox.x0, f.bbox.x1))
        .collect()
}

/// Finds whitespace tables among `lines` (top to bottom).
pub(crate) fn tables(lines: &[RLine], params: &StreamParams) -> Vec<StreamTable> {
    let mut out = Vec::new();
    let mut block: Vec<usize> = Vec::new();
    let mut proj: Vec<(f64, f64)> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let spans = spans_of(line);
        if let Some(&last) = block.last() {
            let prev = &lines[last];
            let h = prev.bbox.height().max(line.bbox.height()).max(1.0);
            let gap = line.bbox.top - prev.bbox.bottom;
            if gap <= params.max_row_gap * h {
                let mut all = proj.clone();
                all.extend_from_slice(&spans);
                let merged = merge(all);
                if merged.len() >= 2 && (spans.len() >= 2 || merged.len() == proj.len()) {
                    proj = merged;
                    block.push(i);
                    continue;
                }
            }
            finish(lines, &block, &proj, params, &mut out);
            block.clear();
        }
        if spans.len() >= 2 {
            proj = merge(spans);
            block.push(i);
        }
    }
    finish(lines, &block, &proj, params, &mut out);
    out
}

/// Builds the table of a block of lines if it looks like one.
fn finish(
    lines: &[RLine],
    block: &[usize],
    cols: &[(f64, f64)],
    params: &StreamParams,
    out: &mut Vec<StreamTable>,
) {
    // Trailing single-fragment lines belong to the text after the table.
    let mut block = block;
    while let Some((&last, rest)) = block.split_last() {
        if lines[last].fragments.len() >= 2 {
            break;
        }
        block = rest;
    }
    if block.len() < params.min_rows.max(2) || cols.len() < 2 {
        return;
    }
    let multi = block
        .iter()
        .filter(|&&i| lines[i].fragments.len() >= 2)
        .count();
    if multi * 2 < block.len() || multi < 2 {
        return;
    }
    let mut rows = Vec::with_capacity(block.len());
    let (mut words, mut filled) = (0usize, 0usize);
    // Per column: words and non-empty cells.
    let mut per_col = vec![(0usize, 0usize); cols.len()];
    for &i in block {
        let line = &lines[i];
        let mut texts = vec![String::new(); cols.len()];
        for w in line.fragments.iter().flat_map(|f| &f.words) {
            let mid = f64::midpoint(w.bbox.x0, w.bbox.x1);
            let k = cols
                .iter()
                .position(|c| mid <= c.1)
                .unwrap_or(cols.len() - 1);
            if !texts[k].is_empty() {
                texts[k].push(' ');
            }
            texts[k].push_str(&w.text);
            words += 1;
            per_col[k].0 += 1;
        }
        for (k, t) in texts.iter().enumerate() {
            if !t.is_empty() {
                filled += 1;
                per_col[k].1 += 1;
            }
        }
        rows.push((line.bbox.top, line.bbox.bottom, texts));
    }
    // Prose in columns is not a table: long cells, no column of short
    // entries (labels, numbers), or two wide columns.
    if filled == 0 || words as f64 / filled as f64 > 5.0 {
        return;
    }
    if !per_col
        .iter()
        .any(|&(w, n)| n > 0 && w as f64 / n as f64 <= 2.5)
    {
        return;
    }
    let width = cols[cols.len() - 1].1 - cols[0].0;
    if cols.len() == 2 && cols.iter().all(|c| c.1 - c.0 > 0.4 * width) {
        return;
    }
    if filled * 2 < rows.len() * cols.len() {
        return;
    }
    out.push(StreamTable {
        cols: cols.to_vec(),
        rows,
    });
}
