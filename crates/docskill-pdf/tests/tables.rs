//! Snapshots of the tables found on the hand-made fixtures
//! (`fixtures/pdf/make_tables.py`): a ruled table with merged cells drawn
//! three ways through a scaling `cm`, a whitespace table between
//! paragraphs, a table on a `/Rotate 90` page, a table over two pages.

#![allow(
    clippy::format_push_string,
    reason = "snapshot text is built line by line"
)]

use docskill_pdf::{
    OpenOptions, PageTables, TableOptions, TableStrategy, open, page_tables, tables_csv,
    tables_markdown,
};

fn tables(name: &str, strategy: TableStrategy) -> Vec<PageTables> {
    let path = format!("{}/../../fixtures/pdf/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let doc = open(&bytes, &OpenOptions::default()).unwrap();
    page_tables(
        &doc,
        &TableOptions {
            strategy,
            ..TableOptions::default()
        },
    )
    .unwrap()
}

fn summary(pages: &[PageTables]) -> String {
    let mut s = String::new();
    for p in pages {
        for (i, t) in p.tables.iter().enumerate() {
            s.push_str(&format!(
                "page {} table {} {:?} {}x{} bbox {:?}\n",
                p.page, i, t.strategy, t.n_rows, t.n_cols, t.bbox
            ));
            for row in &t.rows {
                for c in row {
                    s.push_str(&format!(
                        "  r{} c{} span {}x{} {:?} {:?}\n",
                        c.row, c.col, c.row_span, c.col_span, c.bbox, c.text
                    ));
                }
            }
        }
        for w in &p.warnings {
            s.push_str(&format!("page {} warning: {w}\n", p.page));
        }
    }
    s
}

#[test]
fn ruled_table_with_merged_cells() {
    let pages = tables("table-ruled-merged.pdf", TableStrategy::Auto);
    let t = &pages[0].tables;
    assert_eq!(t.len(), 1);
    assert_eq!((t[0].n_rows, t[0].n_cols), (5, 4));
    insta::assert_snapshot!(summary(&pages));
    let flat: Vec<_> = pages.into_iter().flat_map(|p| p.tables).collect();
    insta::assert_snapshot!("ruled_table_csv", tables_csv(&flat));
    insta::assert_snapshot!("ruled_table_md", tables_markdown(&flat));
}

#[test]
fn ruled_table_is_also_found_by_lines_only() {
    let auto = tables("table-ruled-merged.pdf", TableStrategy::Auto);
    let lines = tables("table-ruled-merged.pdf", TableStrategy::Lines);
    assert_eq!(auto[0].tables, lines[0].tables);
}

#[test]
fn whitespace_table_between_paragraphs() {
    let pages = tables("table-whitespace.pdf", TableStrategy::Auto);
    assert_eq!(pages[0].tables.len(), 1);
    assert!(
        tables("table-whitespace.pdf", TableStrategy::Lines)[0]
            .tables
            .is_empty()
    );
    insta::assert_snapshot!(summary(&pages));
}

#[test]
fn rotated_page_table_in_display_coordinates() {
    let pages = tables("table-rotated-page.pdf", TableStrategy::Auto);
    assert_eq!(pages[0].tables.len(), 1);
    insta::assert_snapshot!(summary(&pages));
}

#[test]
fn table_over_two_pages_is_reported_per_page() {
    let pages = tables("table-two-pages.pdf", TableStrategy::Lines);
    assert_eq!(pages.len(), 2);
    assert_eq!(pages[0].tables[0].n_rows, 4);
    assert_eq!(pages[1].tables[0].n_rows, 3);
    insta::assert_snapshot!(summary(&pages));
}

#[test]
fn text_only_strategy_ignores_rules() {
    let pages = tables("table-two-pages.pdf", TableStrategy::Text);
    insta::assert_snapshot!(summary(&pages));
}

#[test]
fn prose_gives_no_tables() {
    for name in ["two-columns.pdf", "hello.pdf", "rotated-page.pdf"] {
        let pages = tables(name, TableStrategy::Auto);
        assert!(pages.iter().all(|p| p.tables.is_empty()), "{name}");
    }
}
