//! Sheet protection and print setup.

use rust_xlsxwriter::{ProtectionOptions, Worksheet};

use super::{area, write_err};
use crate::cellref::Area;
use crate::error::{Result, spec};
use crate::spec::{Orientation, Paper, PrintSetup, ProtectAllow, Protection, SelectCells};

/// Protect the sheet with the actions `p` allows.
pub(super) fn protect(ws: &mut Worksheet, p: &Protection) {
    let mut o = ProtectionOptions::new();
    match p.select.unwrap_or(SelectCells::All) {
        SelectCells::All => {}
        SelectCells::Unlocked => o.select_locked_cells = false,
        SelectCells::None => {
            o.select_locked_cells = false;
            o.select_unlocked_cells = false;
        }
    }
    for a in &p.allow {
        match a {
            ProtectAllow::FormatCells => o.format_cells = true,
            ProtectAllow::FormatColumns => o.format_columns = true,
            ProtectAllow::FormatRows => o.format_rows = true,
            ProtectAllow::InsertColumns => o.insert_columns = true,
            ProtectAllow::InsertRows => o.insert_rows = true,
            ProtectAllow::InsertLinks => o.insert_links = true,
            ProtectAllow::DeleteColumns => o.delete_columns = true,
            ProtectAllow::DeleteRows => o.delete_rows = true,
            ProtectAllow::Sort => o.sort = true,
            ProtectAllow::Autofilter => o.use_autofilter = true,
            ProtectAllow::PivotTables => o.use_pivot_tables = true,
            ProtectAllow::EditObjects => o.edit_objects = true,
            ProtectAllow::EditScenarios => o.edit_scenarios = true,
        }
    }
    if let Some(pw) = p.password.as_deref().filter(|pw| !pw.is_empty()) {
        ws.protect_with_password(pw);
    }
    ws.protect_with_options(&o);
}

/// Apply the print setup.
pub(super) fn print(ws: &mut Worksheet, p: &PrintSetup, at: &str) -> Result<()> {
    match p.orientation {
        Some(Orientation::Landscape) => {
            ws.set_landscape();
        }
        Some(Orientation::Portrait) => {
            ws.set_portrait();
        }
        None => {}
    }
    if let Some(paper) = p.paper {
        ws.set_paper_size(match paper {
            Paper::Letter => 1,
            Paper::Tabloid => 3,
            Paper::Legal => 5,
            Paper::A3 => 8,
            Paper::A4 => 9,
            Paper::A5 => 11,
        });
    }
    if p.fit_width.is_some() || p.fit_height.is_some() {
        ws.set_print_fit_to_pages(p.fit_width.unwrap_or(1), p.fit_height.unwrap_or(0));
    }
    if let Some(s) = p.scale {
        if !(10..=400).contains(&s) {
            return Err(spec(at, format!("`scale` {s} is outside 10..400 percent")));
        }
        ws.set_print_scale(s);
    }
    if let Some(m) = &p.margins {
        let sides = [m.left, m.right, m.top, m.bottom, m.header, m.footer];
        if sides.iter().flatten().any(|v| !(0.0..=49.0).contains(v)) {
            return Err(spec(at, "margins are inches from 0 to 49"));
        }
        // The writer keeps its default for a negative side.
        let v = |x: Option<f64>| x.unwrap_or(-1.0);
        ws.set_margins(
            v(m.left),
            v(m.right),
            v(m.top),
            v(m.bottom),
            v(m.header),
            v(m.footer),
        );
    }
    if let Some(rows) = &p.repeat_rows {
        let (a, b) = row_span(rows).ok_or_else(|| {
            spec(
                at,
                format!("`repeat_rows` {rows:?} is not a row span like 1:2"),
            )
        })?;
        ws.set_repeat_rows(a, b).map_err(|e| write_err(at, &e))?;
    }
    if let Some(cols) = &p.repeat_columns {
        let (a, b) = Area::parse_columns(cols).ok_or_else(|| {
            spec(
                at,
                format!("`repeat_columns` {cols:?} is not a column span like A:B"),
            )
        })?;
        ws.set_repeat_columns(a, b).map_err(|e| write_err(at, &e))?;
    }
    if let Some(r) = &p.area {
        let a = area(r, at)?;
        ws.set_print_area(a.first.row, a.first.col, a.last.row, a.last.col)
            .map_err(|e| write_err(at, &e))?;
    }
    if let Some(h) = &p.header {
        ws.set_header(h);
    }
    if let Some(f) = &p.footer {
        ws.set_footer(f);
    }
    if p.center_horizontally {
        ws.set_print_center_horizontally(true);
    }
    if p.gridlines {
        ws.set_print_gridlines(true);
    }
    Ok(())
}

/// `1:2` (or `3`) to zero-based first and last rows.
fn row_span(s: &str) -> Option<(u32, u32)> {
    let (a, b) = s.split_once(':').unwrap_or((s, s));
    let p = |x: &str| -> Option<u32> {
        let n: u32 = x.trim().trim_start_matches('$').parse().ok()?;
        (1..=crate::cellref::MAX_ROWS).contains(&n).then(|| n - 1)
    };
    let (a, b) = (p(a)?, p(b)?);
    Some((a.min(b), a.max(b)))
}
