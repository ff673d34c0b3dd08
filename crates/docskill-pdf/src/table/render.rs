//! Tables as CSV and Markdown.

use super::Table;

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The tables as CSV, one after another with a blank line between them; a
/// merged cell's text sits at its top-left position.
pub fn tables_csv(tables: &[Table]) -> String {
    let mut out = String::new();
    for (i, t) in tables.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        for row in t.grid() {
            let fields: Vec<String> = row.iter().map(|s| csv_field(s)).collect();
            out.push_str(&fields.join(","));
            out.push('\n');
        }
    }
    out
}

fn md_field(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('\n', "<br>")
}

/// The tables as Markdown, each under a heading naming its page; the first
/// row is the header row.
pub fn tables_markdown(tables: &[Table]) -> String {
    let mut out = String::new();
    for (i, t) in tables.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&format!(
            "## Table {} (page {}, {})\n\n",
            i + 1,
            t.page,
            match t.strategy {
                super::TableStrategy::Text => "text",
                _ => "lines",
            }
        ));
        for (r, row) in t.grid().iter().enumerate() {
            out.push('|');
            for cell in row {
                out.push(' ');
                out.push_str(&md_field(cell));
                out.push_str(" |");
            }
            out.push('\n');
            if r == 0 {
                out.push('|');
                out.push_str(&" --- |".repeat(row.len()));
                out.push('\n');
            }
        }
    }
    out
}
