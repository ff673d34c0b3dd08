//! Ruling edges: horizontal and vertical lines taken from stroked segments
//! and painted rectangles, snapped onto shared positions and joined.

use crate::content::PageContent;

/// An axis-aligned ruling: at `pos` (y for horizontal, x for vertical),
/// from `lo` to `hi` along the other axis. Display coordinates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Edge {
    pub pos: f64,
    pub lo: f64,
    pub hi: f64,
}

/// Horizontal and vertical edges of a page.
#[derive(Debug, Clone, Default)]
pub(crate) struct Edges {
    pub h: Vec<Edge>,
    pub v: Vec<Edge>,
}

/// A segment this far off the axis (in points) still counts as straight.
const AXIS_SLACK: f64 = 1.0;
/// A rectangle at most this thin is one ruling, not four edges.
const THIN: f64 = 2.0;

/// The rulings of a page, at least `min_len` long.
pub(crate) fn collect(content: &PageContent, min_len: f64) -> Edges {
    let mut e = Edges::default();
    let mut push = |horizontal: bool, pos: f64, a: f64, b: f64| {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        if hi - lo >= min_len && pos.is_finite() && lo.is_finite() && hi.is_finite() {
            let edge = Edge { pos, lo, hi };
            if horizontal {
                e.h.push(edge)
            } else {
                e.v.push(edge)
            }
        }
    };
    for s in &content.segments {
        if (s.y1 - s.y0).abs() <= AXIS_SLACK {
            push(true, f64::midpoint(s.y0, s.y1), s.x0, s.x1);
        } else if (s.x1 - s.x0).abs() <= AXIS_SLACK {
            push(false, f64::midpoint(s.x0, s.x1), s.y0, s.y1);
        }
    }
    for r in &content.rects {
        let (w, h) = (r.x1 - r.x0, r.bottom - r.top);
        if w <= THIN && h <= THIN {
            continue;
        }
        if h <= THIN {
            push(true, f64::midpoint(r.top, r.bottom), r.x0, r.x1);
        } else if w <= THIN {
            push(false, f64::midpoint(r.x0, r.x1), r.top, r.bottom);
        } else {
            push(true, r.top, r.x0, r.x1);
            push(true, r.bottom, r.x0, r.x1);
            push(false, r.x0, r.top, r.bottom);
            push(false, r.x1, r.top, r.bottom);
        }
    }
    e
}

/// Moves edges whose positions lie within `tolerance` of each other (in a
/// chain) onto their mean position.
pub(crate) fn snap(edges: &mut [Edge], tolerance: f64) {
    edges.sort_by(|a, b| a.pos.total_cmp(&b.pos).then(a.lo.total_cmp(&b.lo)));
    let mut start = 0;
    while start < edges.len() {
        let mut end = start + 1;
        while end < edges.len() && edges[end].pos - edges[end - 1].pos <= tolerance {
            end += 1;
        }
        let mean = edges[start..end].iter().map(|e| e.pos).sum::<f64>() / (end - start) as f64;
        for e in &mut edges[start..end] {
            e.pos = mean;
        }
        start = end;
    }
}

/// Joins edges at the same position that overlap or lie within `tolerance`
/// of each other end to end. Expects snapped edges; returns them sorted by
/// position, then start.
pub(crate) fn join(mut edges: Vec<Edge>, tolerance: f64) -> Vec<Edge> {
    edges.sort_by(|a, b| a.pos.total_cmp(&b.pos).then(a.lo.total_cmp(&b.lo)));
    let mut out: Vec<Edge> = Vec::with_capacity(edges.len());
    for e in edges {
        if let Some(last) = out.last_mut()
            && last.pos == e.pos
            && e.lo <= last.hi + tolerance
        {
            last.hi = last.hi.max(e.hi);
            continue;
        }
        out.push(e);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{Edge, join, snap};

    fn e(pos: f64, lo: f64, hi: f64) -> Edge {
        Edge { pos, lo, hi }
    }

    #[test]
    fn snapping_and_joining_merge_broken_rules() {
        let mut edges = vec![
            e(100.0, 0.0, 50.0),
            e(101.0, 52.0, 100.0),
            e(200.0, 0.0, 100.0),
        ];
        snap(&mut edges, 3.0);
        assert_eq!(edges[0].pos, 100.5);
        assert_eq!(edges[1].pos, 100.5);
        let joined = join(edges, 3.0);
        assert_eq!(joined, vec![e(100.5, 0.0, 100.0), e(200.0, 0.0, 100.0)]);
    }

    #[test]
    fn gaps_wider_than_the_join_tolerance_stay_apart() {
        let joined = join(vec![e(10.0, 0.0, 10.0), e(10.0, 20.0, 30.0)], 3.0);
        assert_eq!(joined.len(), 2);
    }
}
