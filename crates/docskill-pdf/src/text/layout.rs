//! From positioned characters to words, lines and reading order.
//!
//! Characters are grouped by baseline direction and turned upright; lines are
//! baseline clusters; words split at whitespace and gaps; lines split into
//! fragments at wide gaps (column gutters, table cells); fragments are put in
//! reading order by recursive XY-cut: full-width horizontal gaps first
//! (bands, top to bottom), then vertical gutters (columns, left to right).

use std::collections::HashMap;

use crate::content::TextChar;

/// Tunable thresholds, as fractions of the font size.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LayoutParams {
    /// A gap wider than this starts a new word.
    pub word_gap: f64,
    /// A gap wider than this starts a new fragment (column, cell).
    pub fragment_gap: f64,
    /// A horizontal band gap at least this high splits the page into bands.
    pub band_gap: f64,
}

impl Default for LayoutParams {
    fn default() -> Self {
        Self {
            word_gap: 0.15,
            fragment_gap: 1.0,
            band_gap: 1.0,
        }
    }
}

/// A box in the upright frame of its rotation group.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct BBox {
    pub x0: f64,
    pub top: f64,
    pub x1: f64,
    pub bottom: f64,
}

impl BBox {
    fn union(&self, o: &Self) -> Self {
        Self {
            x0: self.x0.min(o.x0),
            top: self.top.min(o.top),
            x1: self.x1.max(o.x1),
            bottom: self.bottom.max(o.bottom),
        }
    }
    pub(crate) fn height(&self) -> f64 {
        self.bottom - self.top
    }
}

/// A word: indexes of its characters (in the page's char list) and its text.
#[derive(Debug, Clone)]
pub(crate) struct LWord {
    pub chars: Vec<usize>,
    pub text: String,
    /// Upright-frame box.
    pub bbox: BBox,
    pub size: f64,
}

/// Words on one baseline that belong together.
#[derive(Debug, Clone)]
pub(crate) struct Fragment {
    pub words: Vec<LWord>,
    pub bbox: BBox,
}

/// A line of a region in reading order: fragments left to right.
#[derive(Debug, Clone)]
pub(crate) struct RLine {
    pub fragments: Vec<Fragment>,
    pub bbox: BBox,
}

/// A region found by XY-cut: lines top to bottom.
#[derive(Debug, Clone)]
pub(crate) struct Region {
    pub lines: Vec<RLine>,
}

/// A display-space point in the upright frame of `rotation`.
fn upright_point(rotation: u16, (x, y): (f64, f64)) -> (f64, f64) {
    match rotation {
        90 => (-y, x),
        180 => (-x, -y),
        270 => (y, -x),
        _ => (x, y),
    }
}

/// The baselines (upright y of the origins) of the characters `idx`.
fn baselines_of(chars: &[TextChar], idx: &[usize], rotation: u16) -> Vec<f64> {
    idx.iter()
        .map(|&i| upright_point(rotation, (chars[i].ox, chars[i].oy)).1)
        .collect()
}

/// The upright box of a char in the frame of `rotation`.
fn upright(c: &TextChar, rotation: u16) -> BBox {
    let corners = [(c.x0, c.top), (c.x1, c.bottom)];
    let map = |p| upright_point(rotation, p);
    let a = map(corners[0]);
    let b = map(corners[1]);
    BBox {
        x0: a.0.min(b.0),
        top: a.1.min(b.1),
        x1: a.0.max(b.0),
        bottom: a.1.max(b.1),
    }
}

fn group_rotation(c: &TextChar) -> u16 {
    if c.vertical {
        return 270;
    }
    match c.rotation {
        r @ (90 | 180 | 270) => r,
        _ => 0,
    }
}

/// Indexes of characters drawn twice at (nearly) the same place with the same
/// text (fake bold, shadows): all but the first.
pub(crate) fn duplicates(chars: &[TextChar]) -> Vec<bool> {
    let mut dup = vec![false; chars.len()];
    let mut grid: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
    for (i, c) in chars.iter().enumerate() {
        if c.text.trim().is_empty() {
            continue;
        }
        let (qx, qy) = (c.ox.round() as i64, c.oy.round() as i64);
        let mut found = false;
        'search: for dx in -1..=1 {
            for dy in -1..=1 {
                if let Some(list) = grid.get(&(qx + dx, qy + dy)) {
                    for &j in list {
                        let o = &chars[j];
                        if o.text == c.text
                            && (o.ox - c.ox).abs() <= 1.0
                            && (o.oy - c.oy).abs() <= 1.0
                        {
                            found = true;
                            break 'search;
                        }
                    }
                }
            }
        }
        if found {
            dup[i] = true;
        } else {
            grid.entry((qx, qy)).or_default().push(i);
        }
    }
    dup
}

fn expand_ligature(s: &str, out: &mut String) {
    for ch in s.chars() {
        match ch {
            '\u{FB00}' => out.push_str("ff"),
            '\u{FB01}' => out.push_str("fi"),
            '\u{FB02}' => out.push_str("fl"),
            '\u{FB03}' => out.push_str("ffi"),
            '\u{FB04}' => out.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => out.push_str("st"),
            '\0' => {}
            c => out.push(c),
        }
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    if v.is_empty() {
        return 10.0;
    }
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Lays out the characters of one page: regions in reading order, for each
/// rotation group in turn (upright text first).
pub(crate) fn layout(chars: &[TextChar], params: &LayoutParams) -> Vec<Region> {
    let dup = duplicates(chars);
    let mut groups: Vec<(u16, Vec<usize>)> = Vec::new();
    for (i, c) in chars.iter().enumerate() {
        if dup[i] {
            continue;
        }
        let r = group_rotation(c);
        match groups.iter_mut().find(|g| g.0 == r) {
            Some(g) => g.1.push(i),
            None => groups.push((r, vec![i])),
        }
    }
    groups.sort_by_key(|g| match g.0 {
        0 => 0,
        90 => 1,
        270 => 2,
        _ => 3,
    });
    let mut regions = Vec::new();
    for (rotation, idx) in groups {
        let boxes: Vec<BBox> = idx.iter().map(|&i| upright(&chars[i], rotation)).collect();
        let baselines = baselines_of(chars, &idx, rotation);
        let fragments = fragments(chars, &idx, &boxes, &baselines, params);
        let size = median(
            fragments
                .iter()
                .flat_map(|f| f.words.iter().map(|w| w.size))
                .collect(),
        );
        let mut order = Vec::new();
        let all: Vec<usize> = (0..fragments.len()).collect();
        xycut(&fragments, all, size, params, 0, &mut order);
        for leaf in order {
            regions.push(Region {
                lines: lines_of(&fragments, &leaf),
            });
        }
    }
    regions
}

/// Baseline clusters of characters, split into words and fragments.
fn fragments(
    chars: &[TextChar],
    idx: &[usize],
    boxes: &[BBox],
    baselines: &[f64],
    params: &LayoutParams,
) -> Vec<Fragment> {
    // Sort by vertical centre, then cluster lines by overlap.
    let mut order: Vec<usize> = (0..idx.len()).collect();
    order.sort_by(|&a, &b| {
        let ca = boxes[a].top + boxes[a].bottom;
        let cb = boxes[b].top + boxes[b].bottom;
        ca.total_cmp(&cb).then(boxes[a].x0.total_cmp(&boxes[b].x0))
    });
    let mut lines: Vec<(BBox, Vec<usize>)> = Vec::new();
    for k in order {
        let b = boxes[k];
        let h = b.height().max(0.1);
        let mut placed = false;
        // Look at the last few lines only (sorted by centre).
        for line in lines.iter_mut().rev().take(4) {
            let overlap = b.bottom.min(line.0.bottom) - b.top.max(line.0.top);
            let lh = line.0.height().max(0.1);
            if overlap >= 0.5 * h.min(lh) {
                line.0 = line.0.union(&b);
                line.1.push(k);
                placed = true;
                break;
            }
        }
        if !placed {
            lines.push((b, vec![k]));
        }
    }
    let lines = split_colliding_baselines(lines, boxes, baselines, |k| {
        chars[idx[k]].text.chars().any(char::is_alphanumeric)
    });
    let mut out = Vec::new();
    for mut members in lines {
        members.sort_by(|&a, &b| boxes[a].x0.total_cmp(&boxes[b].x0));
        drop_covered_spaces(chars, idx, boxes, &mut members);
        let mut frag: Option<Fragment> = None;
        let mut word: Option<LWord> = None;
        let mut prev: Option<BBox> = None;
        let mut prev_size = 0.0f64;
        for k in members {
            let c = &chars[idx[k]];
            let b = boxes[k];
            let size = c.size.max(0.1);
            let space = c.text.chars().all(char::is_whitespace);
            let gap = prev.map_or(0.0, |p| b.x0 - p.x1);
            let ref_size = size.max(prev_size);
            let new_fragment = prev.is_some() && gap > params.fragment_gap * ref_size;
            let new_word =
                new_fragment || space || gap > params.word_gap * ref_size || gap < -0.6 * ref_size;
            if new_word && let Some(w) = word.take() {
                push_word(&mut frag, w);
            }
            if new_fragment && let Some(f) = frag.take() {
                out.push(f);
            }
            if !space {
                let w = word.get_or_insert_with(|| LWord {
                    chars: Vec::new(),
                    text: String::new(),
                    bbox: b,
                    size,
                });
                w.chars.push(idx[k]);
                expand_ligature(&c.text, &mut w.text);
                w.bbox = w.bbox.union(&b);
                w.size = w.size.max(size);
                prev = Some(b);
                prev_size = size;
            } else if let Some(p) = prev.as_mut() {
                // A space advances the pen without starting a fragment.
                p.x1 = p.x1.max(b.x1);
            }
        }
        if let Some(w) = word.take() {
            push_word(&mut frag, w);
        }
        if let Some(f) = frag.take() {
            out.push(f);
        }
    }
    out
}

/// Splits a line cluster into its baselines when characters of different
/// baselines are drawn over each other: two tightly set lines of a side bar,
/// both overlapping one line of the main column, would otherwise be read
/// letter by letter in turn. Sub- and superscripts, which sit beside the
/// text, keep their line.
fn split_colliding_baselines(
    lines: Vec<(BBox, Vec<usize>)>,
    boxes: &[BBox],
    baselines: &[f64],
    is_letter: impl Fn(usize) -> bool,
) -> Vec<Vec<usize>> {
    let mut out = Vec::with_capacity(lines.len());
    for (_, members) in lines {
        // Baseline groups: sorted by baseline, a new group where it jumps.
        let mut by_base = members.clone();
        by_base.sort_by(|&a, &b| baselines[a].total_cmp(&baselines[b]));
        let mut group_of: Vec<(usize, usize)> = Vec::with_capacity(members.len());
        let mut groups = 0usize;
        let mut last: Option<f64> = None;
        for &k in &by_base {
            let tol = 0.25 * boxes[k].height().max(0.1);
            if last.is_none_or(|b| baselines[k] - b > tol) {
                groups += 1;
            }
            last = Some(baselines[k]);
            group_of.push((k, groups - 1));
        }
        if groups < 2 {
            out.push(members);
            continue;
        }
        // Collisions: letters or digits, neighbours in x order, from
        // different baselines, whose boxes overlap by more than a third of
        // the narrower one (accents placed over letters do not count).
        group_of.sort_by(|a, b| boxes[a.0].x0.total_cmp(&boxes[b.0].x0));
        let collide = group_of.windows(2).any(|w| {
            let (a, b) = (&boxes[w[0].0], &boxes[w[1].0]);
            let overlap = a.x1.min(b.x1) - a.x0.max(b.x0);
            let narrow = (a.x1 - a.x0).min(b.x1 - b.x0).max(0.01);
            w[0].1 != w[1].1 && overlap > narrow / 3.0 && is_letter(w[0].0) && is_letter(w[1].0)
        });
        if !collide {
            out.push(members);
            continue;
        }
        let mut split: Vec<Vec<usize>> = vec![Vec::new(); groups];
        for (k, g) in group_of {
            split[g].push(k);
        }
        out.extend(split);
    }
    out
}

/// Removes from a line (sorted by `x0`) the space characters drawn over other
/// characters: padding spaces that run on under the next cell's text would
/// otherwise split its words at every letter. Overlap with the characters
/// drawn just before and after the space (tight kerning, a dot leader that
/// starts early) does not count.
fn drop_covered_spaces(
    chars: &[TextChar],
    idx: &[usize],
    boxes: &[BBox],
    members: &mut Vec<usize>,
) {
    let is_space = |k: usize| chars[idx[k]].text.chars().all(char::is_whitespace);
    let ink: Vec<usize> = members.iter().copied().filter(|&k| !is_space(k)).collect();
    if ink.is_empty() || ink.len() == members.len() {
        return;
    }
    members.retain(|&k| {
        if !is_space(k) {
            return true;
        }
        let (a, b) = (boxes[k].x0, boxes[k].x1);
        let width = (b - a).max(0.01);
        let end = ink.partition_point(|&j| boxes[j].x0 < b);
        let covered: f64 = ink[..end]
            .iter()
            .rev()
            .take(8)
            .filter(|&&j| idx[j].abs_diff(idx[k]) > 1)
            .map(|&j| (boxes[j].x1.min(b) - boxes[j].x0.max(a)).max(0.0))
            .sum();
        covered < 0.5 * width
    });
}

/// Strong right-to-left letters (Hebrew, Arabic and their presentation forms).
pub(crate) fn is_rtl(c: char) -> bool {
    matches!(u32::from(c), 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF)
}

fn push_word(frag: &mut Option<Fragment>, mut w: LWord) {
    // Right-to-left words are drawn left to right in visual order: give them
    // in logical (reading) order, as the text is stored.
    if w.text.chars().any(is_rtl) {
        w.text = w.text.chars().rev().collect();
    }
    match frag {
        Some(f) => {
            f.bbox = f.bbox.union(&w.bbox);
            f.words.push(w);
        }
        None => {
            *frag = Some(Fragment {
                bbox: w.bbox,
                words: vec![w],
            })
        }
    }
}

/// Gaps in the projection of `spans` (sorted by start): split points.
fn split_by_gaps(
    items: &[usize],
    span: impl Fn(usize) -> (f64, f64),
    min_gap: f64,
) -> Vec<Vec<usize>> {
    let mut sorted: Vec<usize> = items.to_vec();
    sorted.sort_by(|&a, &b| span(a).0.total_cmp(&span(b).0));
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut end = f64::NEG_INFINITY;
    for i in sorted {
        let (s, e) = span(i);
        if groups.is_empty() || s - end > min_gap {
            groups.push(vec![i]);
        } else if let Some(g) = groups.last_mut() {
            g.push(i);
        }
        end = end.max(e);
    }
    groups
}

fn xycut(
    frags: &[Fragment],
    items: Vec<usize>,
    size: f64,
    params: &LayoutParams,
    depth: usize,
    out: &mut Vec<Vec<usize>>,
) {
    if items.len() <= 1 || depth > 48 {
        out.push(items);
        return;
    }
    let bands = split_by_gaps(
        &items,
        |i| (frags[i].bbox.top, frags[i].bbox.bottom),
        params.band_gap * size,
    );
    if bands.len() > 1 {
        for b in bands {
            xycut(frags, b, size, params, depth + 1, out);
        }
        return;
    }
    let columns = split_by_gaps(&items, |i| (frags[i].bbox.x0, frags[i].bbox.x1), 0.5 * size);
    if columns.len() > 1 {
        for c in columns {
            xycut(frags, c, size, params, depth + 1, out);
        }
        return;
    }
    out.push(items);
}

fn lines_of(frags: &[Fragment], leaf: &[usize]) -> Vec<RLine> {
    let mut sorted: Vec<usize> = leaf.to_vec();
    sorted.sort_by(|&a, &b| {
        let ca = frags[a].bbox.top + frags[a].bbox.bottom;
        let cb = frags[b].bbox.top + frags[b].bbox.bottom;
        ca.total_cmp(&cb)
    });
    let mut lines: Vec<RLine> = Vec::new();
    for i in sorted {
        let f = &frags[i];
        let h = f.bbox.height().max(0.1);
        if let Some(line) = lines.last_mut() {
            let overlap = f.bbox.bottom.min(line.bbox.bottom) - f.bbox.top.max(line.bbox.top);
            if overlap >= 0.5 * h.min(line.bbox.height().max(0.1)) {
                line.bbox = line.bbox.union(&f.bbox);
                line.fragments.push(f.clone());
                continue;
            }
        }
        lines.push(RLine {
            fragments: vec![f.clone()],
            bbox: f.bbox,
        });
    }
    for line in &mut lines {
        line.fragments
            .sort_by(|a, b| a.bbox.x0.total_cmp(&b.bbox.x0));
    }
    lines
}

/// All lines of the page, each across the full width (for `--layout`):
/// the upright group only; other rotations follow as their own lines.
pub(crate) fn page_lines(chars: &[TextChar], params: &LayoutParams) -> Vec<RLine> {
    let dup = duplicates(chars);
    let mut out = Vec::new();
    for rotation in [0u16, 90, 270, 180] {
        let idx: Vec<usize> = (0..chars.len())
            .filter(|&i| !dup[i] && group_rotation(&chars[i]) == rotation)
            .collect();
        out.extend(lines_in(chars, &idx, rotation, params));
    }
    out
}

/// The lines (top to bottom, fragments left to right) of the characters
/// `idx`, all of one rotation group, in that group's upright frame.
pub(crate) fn lines_in(
    chars: &[TextChar],
    idx: &[usize],
    rotation: u16,
    params: &LayoutParams,
) -> Vec<RLine> {
    if idx.is_empty() {
        return Vec::new();
    }
    let boxes: Vec<BBox> = idx.iter().map(|&i| upright(&chars[i], rotation)).collect();
    let baselines = baselines_of(chars, idx, rotation);
    let frags = fragments(chars, idx, &boxes, &baselines, params);
    let all: Vec<usize> = (0..frags.len()).collect();
    lines_of(&frags, &all)
}

/// The rotation group of a character: 0, 90, 180 or 270 (vertical writing
/// counts as 270).
pub(crate) fn rotation_group(c: &TextChar) -> u16 {
    group_rotation(c)
}

#[cfg(test)]
mod tests;
