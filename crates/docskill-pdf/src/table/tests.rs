//! Unit tests of the lattice grid: merged cells, open sides, spans.

use super::edges::Edge;
use super::lattice::{GridCell, grids};

fn e(pos: f64, lo: f64, hi: f64) -> Edge {
    Edge { pos, lo, hi }
}

fn cell(r0: usize, c0: usize, r1: usize, c1: usize) -> GridCell {
    GridCell { r0, c0, r1, c1 }
}

#[test]
fn a_missing_inner_rule_makes_a_spanning_cell() {
    // 2x3 grid; the rule between columns 1 and 2 is missing in row 0.
    let h = vec![e(0.0, 0.0, 300.0), e(20.0, 0.0, 300.0), e(40.0, 0.0, 300.0)];
    let v = vec![
        e(0.0, 0.0, 40.0),
        e(100.0, 0.0, 40.0),
        e(200.0, 20.0, 40.0),
        e(300.0, 0.0, 40.0),
    ];
    let mut warnings = Vec::new();
    let g = grids(&h, &v, 3.0, &mut warnings);
    assert_eq!(g.len(), 1);
    assert_eq!(
        g[0].cells,
        vec![
            cell(0, 0, 1, 1),
            cell(0, 1, 1, 3),
            cell(1, 0, 2, 1),
            cell(1, 1, 2, 2),
            cell(1, 2, 2, 3)
        ]
    );
}

#[test]
fn an_open_corner_is_not_a_cell() {
    // Header row only over columns 1..2; the top-left box has no top or left rule.
    let h = vec![
        e(0.0, 100.0, 300.0),
        e(20.0, 0.0, 300.0),
        e(40.0, 0.0, 300.0),
    ];
    let v = vec![
        e(0.0, 20.0, 40.0),
        e(100.0, 0.0, 40.0),
        e(200.0, 0.0, 40.0),
        e(300.0, 0.0, 40.0),
    ];
    let mut warnings = Vec::new();
    let g = grids(&h, &v, 3.0, &mut warnings);
    assert_eq!(g[0].cells.len(), 5);
    assert!(!g[0].cells.contains(&cell(0, 0, 1, 1)));
}

#[test]
fn separate_rule_groups_are_separate_tables_and_a_lone_box_is_none() {
    let h = vec![
        e(0.0, 0.0, 100.0),
        e(10.0, 0.0, 100.0),
        e(20.0, 0.0, 100.0),
        e(300.0, 0.0, 100.0),
        e(320.0, 0.0, 100.0),
    ];
    let v = vec![
        e(0.0, 0.0, 20.0),
        e(0.0, 300.0, 320.0),
        e(100.0, 0.0, 20.0),
        e(100.0, 300.0, 320.0),
    ];
    let mut warnings = Vec::new();
    let g = grids(&h, &v, 3.0, &mut warnings);
    assert_eq!(g.len(), 1, "the single box at y 300 is not a table");
    assert_eq!(g[0].cells.len(), 2);
}
