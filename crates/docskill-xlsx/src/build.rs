//! `build`: a [`WorkbookSpec`] into `.xlsx` bytes, with `rust_xlsxwriter`.

use std::collections::{BTreeMap, HashMap};

use rust_xlsxwriter::{
    Color, ConditionalFormatBlank, ConditionalFormatCell, ConditionalFormatCellRule,
    ConditionalFormatDuplicate, ConditionalFormatFormula, ConditionalFormatValue, DataValidation,
    DataValidationErrorStyle, DataValidationRule, DocProperties, ExcelDateTime, Format,
    FormatAlign, FormatBorder, FormatPattern, FormatUnderline, Formula, Workbook, Worksheet,
    XlsxError,
};
use serde_json::Value;

use crate::cellref::{Area, Cell};
use crate::dates;
use crate::error::{Error, Result, spec};
use crate::formula;
use crate::spec::{
    BorderStyle, CellSpec, ConditionalFormat, ConditionalType, ErrorStyle, HAlign, Operator,
    SheetSpec, Style, StyleRef, VAlign, Validation, ValidationType, ValueType, WorkbookSpec,
};

/// Options of [`build`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BuildOptions {
    /// Creation time for the document properties when the spec gives none (ISO 8601, UTC).
    /// Default `1980-01-01T00:00:00Z`, the zip epoch, so that output is reproducible.
    pub created: Option<String>,
}

/// What [`build`] made, besides the bytes.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct BuildSummary {
    /// Sheets written.
    pub sheets: usize,
    /// Cells written (values and formulas).
    pub cells: usize,
    /// Formulas among them.
    pub formulas: usize,
}

/// Build a workbook from a spec. Everything is checked before any byte is produced.
///
/// ```
/// use docskill_xlsx::{build, BuildOptions, WorkbookSpec};
/// let spec: WorkbookSpec = serde_json::from_str(r#"{"sheets": [{"name": "Data",
///     "cells": {"A1": "qty", "A2": 3, "B2": {"formula": "=A2*2"}}}]}"#).unwrap();
/// let (bytes, summary) = build(&spec, &BuildOptions::default()).unwrap();
/// assert_eq!(&bytes[..2], b"PK");
/// assert_eq!(summary.formulas, 1);
/// ```
///
/// # Errors
/// [`Error::Spec`] naming the sheet and cell (or rule) at fault, [`Error::Formula`] for a
/// formula that does not parse, [`Error::Write`] when the writer refuses a value.
pub fn build(spec: &WorkbookSpec, opts: &BuildOptions) -> Result<(Vec<u8>, BuildSummary)> {
    if spec.sheets.is_empty() {
        return Err(self::spec("sheets", "a workbook needs at least one sheet"));
    }
    let mut styles = Styles::new(&spec.styles)?;
    let mut wb = Workbook::new();
    let created = spec
        .created
        .as_deref()
        .or(opts.created.as_deref())
        .unwrap_or("1980-01-01T00:00:00Z");
    let created_dt = dates::parse_iso(created).ok_or_else(|| {
        self::spec(
            "created",
            format!("{created:?} is not an ISO 8601 date or time"),
        )
    })?;
    let created_x = ExcelDateTime::from_ymd(created_dt.year, created_dt.month, created_dt.day)
        .and_then(|d| {
            d.and_hms(
                u16::from(created_dt.hour),
                created_dt.minute,
                created_dt.second,
            )
        })
        .map_err(|e| write_err("created", &e))?;
    wb.set_properties(&DocProperties::new().set_creation_datetime(&created_x));

    let mut summary = BuildSummary {
        sheets: spec.sheets.len(),
        ..BuildSummary::default()
    };
    let first_visible = spec.sheets.iter().position(|s| !s.hidden);
    if first_visible.is_none() {
        return Err(self::spec(
            "sheets",
            "every sheet is hidden; at least one must be visible",
        ));
    }
    for (i, sheet) in spec.sheets.iter().enumerate() {
        check_sheet_name(&sheet.name, &spec.sheets[..i], i)?;
        let ws = wb.add_worksheet();
        ws.set_name(&sheet.name)
            .map_err(|e| self::spec(format!("sheets[{i}].name"), e.to_string()))?;
        if Some(i) == first_visible {
            ws.set_active(true);
        }
        write_sheet(ws, sheet, &mut styles, &mut summary)?;
    }
    for (name, refers) in &spec.defined_names {
        let at = format!("defined_names.{name}");
        let f = formula::prepare(refers).map_err(|reason| Error::Formula {
            at: at.clone(),
            formula: refers.clone(),
            reason,
        })?;
        wb.define_name(name, &format!("={f}"))
            .map_err(|e| self::spec(at, e.to_string()))?;
    }
    let bytes = wb.save_to_buffer().map_err(|e| write_err("workbook", &e))?;
    Ok((bytes, summary))
}

fn check_sheet_name(name: &str, before: &[SheetSpec], i: usize) -> Result<()> {
    let at = format!("sheets[{i}].name");
    let problem = if name.is_empty() || name.chars().count() > 31 {
        Some("must have 1 to 31 characters".to_owned())
    } else if let Some(c) = name.chars().find(|c| "[]:*?/\\".contains(*c)) {
        Some(format!("must not contain {c:?} (none of [ ] : * ? / \\)"))
    } else if name.starts_with('\'') || name.ends_with('\'') {
        Some("must not start or end with an apostrophe".to_owned())
    } else if before
        .iter()
        .any(|s| s.name.to_lowercase() == name.to_lowercase())
    {
        Some("is used twice (names are compared without case)".to_owned())
    } else {
        None
    };
    match problem {
        Some(p) => Err(spec(at, format!("sheet name {name:?} {p}"))),
        None => Ok(()),
    }
}

fn write_err(at: impl Into<String>, e: &XlsxError) -> Error {
    Error::Write {
        at: at.into(),
        message: e.to_string(),
    }
}

/// Named styles and the formats made from them.
struct Styles<'a> {
    named: &'a BTreeMap<String, Style>,
    cache: HashMap<(String, Option<&'static str>), Format>,
}

impl<'a> Styles<'a> {
    fn new(named: &'a BTreeMap<String, Style>) -> Result<Self> {
        let mut s = Self {
            named,
            cache: HashMap::new(),
        };
        for name in named.keys() {
            s.format(
                Some(&StyleRef::Named(name.clone())),
                None,
                &format!("styles.{name}"),
            )?;
        }
        Ok(s)
    }

    /// The format of a style reference, with `default_num` as number format when the style
    /// has none (dates). `None` when there is nothing to format.
    fn format(
        &mut self,
        style: Option<&StyleRef>,
        default_num: Option<&'static str>,
        at: &str,
    ) -> Result<Option<Format>> {
        match style {
            None => Ok(default_num.map(|n| Format::new().set_num_format(n))),
            Some(StyleRef::Inline(s)) => to_format(s, default_num, at).map(Some),
            Some(StyleRef::Named(name)) => {
                let key = (name.clone(), default_num);
                if let Some(f) = self.cache.get(&key) {
                    return Ok(Some(f.clone()));
                }
                let s = self.named.get(name).ok_or_else(|| {
                    let known: Vec<&str> = self.named.keys().map(String::as_str).collect();
                    spec(
                        at,
                        format!(
                            "unknown style {name:?} (styles: {})",
                            if known.is_empty() {
                                "none defined".into()
                            } else {
                                known.join(", ")
                            }
                        ),
                    )
                })?;
                let f = to_format(s, default_num, at)?;
                self.cache.insert(key, f.clone());
                Ok(Some(f))
            }
        }
    }
}

fn color(s: &str, at: &str, field: &str) -> Result<Color> {
    let hex = s.strip_prefix('#').unwrap_or(s);
    if hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(Color::RGB(u32::from_str_radix(hex, 16).unwrap_or(0)))
    } else {
        Err(spec(
            at,
            format!("{field} {s:?} is not a color like #1F4E79"),
        ))
    }
}

fn to_format(s: &Style, default_num: Option<&str>, at: &str) -> Result<Format> {
    let mut f = Format::new();
    if let Some(n) = s.num_format.as_deref().or(default_num) {
        f = f.set_num_format(n);
    }
    if s.bold == Some(true) {
        f = f.set_bold();
    }
    if s.italic == Some(true) {
        f = f.set_italic();
    }
    if s.underline == Some(true) {
        f = f.set_underline(FormatUnderline::Single);
    }
    if let Some(size) = s.size {
        if !(1.0..=409.0).contains(&size) {
            return Err(spec(at, format!("font size {size} is outside 1..409")));
        }
        f = f.set_font_size(size);
    }
    if let Some(c) = &s.color {
        f = f.set_font_color(color(c, at, "color")?);
    }
    if let Some(name) = &s.font {
        f = f.set_font_name(name);
    }
    if let Some(c) = &s.fill {
        f = f
            .set_pattern(FormatPattern::Solid)
            .set_background_color(color(c, at, "fill")?);
    }
    if let Some(b) = s.border {
        f = f.set_border(match b {
            BorderStyle::Thin => FormatBorder::Thin,
            BorderStyle::Medium => FormatBorder::Medium,
            BorderStyle::Thick => FormatBorder::Thick,
            BorderStyle::Dashed => FormatBorder::Dashed,
            BorderStyle::Dotted => FormatBorder::Dotted,
            BorderStyle::Double => FormatBorder::Double,
            BorderStyle::Hair => FormatBorder::Hair,
        });
    }
    if let Some(c) = &s.border_color {
        f = f.set_border_color(color(c, at, "border_color")?);
    }
    if let Some(a) = s.align {
        f = f.set_align(match a {
            HAlign::Left => FormatAlign::Left,
            HAlign::Center => FormatAlign::Center,
            HAlign::Right => FormatAlign::Right,
            HAlign::Fill => FormatAlign::Fill,
            HAlign::Justify => FormatAlign::Justify,
            HAlign::CenterAcross => FormatAlign::CenterAcross,
            HAlign::Distributed => FormatAlign::Distributed,
        });
    }
    if let Some(v) = s.valign {
        f = f.set_align(match v {
            VAlign::Top => FormatAlign::Top,
            VAlign::Center => FormatAlign::VerticalCenter,
            VAlign::Bottom => FormatAlign::Bottom,
            VAlign::Justify => FormatAlign::VerticalJustify,
            VAlign::Distributed => FormatAlign::VerticalDistributed,
        });
    }
    if s.wrap == Some(true) {
        f = f.set_text_wrap();
    }
    Ok(f)
}

fn cell_at(sheet: &str, cell: Cell) -> String {
    format!("{sheet}!{cell}")
}

fn area(s: &str, at: &str) -> Result<Area> {
    Area::parse(s).ok_or_else(|| spec(at, format!("{s:?} is not a range in A1 notation")))
}

#[expect(
    clippy::too_many_lines,
    reason = "one step per sheet feature, in order"
)]
fn write_sheet(
    ws: &mut Worksheet,
    sh: &SheetSpec,
    styles: &mut Styles<'_>,
    sum: &mut BuildSummary,
) -> Result<()> {
    let name = sh.name.as_str();
    // Every cell, rows first; `cells` wins where both give one.
    let mut cells: BTreeMap<Cell, &CellSpec> = BTreeMap::new();
    if !sh.rows.is_empty() {
        let start_s = sh.start.as_deref().unwrap_or("A1");
        let start = Cell::parse(start_s).ok_or_else(|| {
            spec(
                format!("{name}.start"),
                format!("{start_s:?} is not a cell reference"),
            )
        })?;
        for (r, row) in sh.rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                let cell = u32::try_from(r)
                    .ok()
                    .and_then(|r| start.row.checked_add(r))
                    .zip(u16::try_from(c).ok().and_then(|c| start.col.checked_add(c)));
                match cell {
                    Some((row, col))
                        if row < crate::cellref::MAX_ROWS && col < crate::cellref::MAX_COLS =>
                    {
                        cells.insert(Cell { row, col }, v);
                    }
                    _ => return Err(spec(format!("{name}.rows[{r}][{c}]"), "outside the sheet")),
                }
            }
        }
    }
    for (k, v) in &sh.cells {
        let cell = Cell::parse(k).ok_or_else(|| {
            spec(
                format!("{name}.cells.{k}"),
                format!("{k:?} is not a cell reference like B7"),
            )
        })?;
        cells.insert(cell, v);
    }

    for (i, m) in sh.merge.iter().enumerate() {
        let at = format!("{name}.merge[{i}]");
        let a = area(m, &at)?;
        if a.is_single() {
            return Err(spec(
                at,
                format!("{m:?} is a single cell; a merge needs two or more"),
            ));
        }
        let style = cells.get(&a.first).and_then(|c| match c {
            CellSpec::Full(o) => Some((o.style.as_ref(), default_num(o))),
            _ => None,
        });
        let f = match style {
            Some((s, dn)) => styles.format(s, dn, &at)?,
            None => None,
        }
        .unwrap_or_default();
        ws.merge_range(a.first.row, a.first.col, a.last.row, a.last.col, "", &f)
            .map_err(|e| write_err(&at, &e))?;
    }

    for (cell, v) in &cells {
        write_cell(ws, name, *cell, v, styles, sum)?;
    }

    for (i, col) in sh.columns.iter().enumerate() {
        let at = format!("{name}.columns[{i}]");
        let (c1, c2) = Area::parse_columns(&col.range).ok_or_else(|| {
            spec(
                &at,
                format!("{:?} is not a column span like B:D", col.range),
            )
        })?;
        if let Some(w) = col.width {
            if !(0.0..=255.0).contains(&w) {
                return Err(spec(at, format!("width {w} is outside 0..255")));
            }
            ws.set_column_range_width(c1, c2, w)
                .map_err(|e| write_err(&at, &e))?;
        }
        if let Some(f) = styles.format(col.style.as_ref(), None, &at)? {
            ws.set_column_range_format(c1, c2, &f)
                .map_err(|e| write_err(&at, &e))?;
        }
        if col.hidden {
            ws.set_column_range_hidden(c1, c2)
                .map_err(|e| write_err(&at, &e))?;
        }
    }
    for (row, h) in &sh.row_heights {
        let at = format!("{name}.row_heights.{row}");
        if *row == 0 || *row > crate::cellref::MAX_ROWS {
            return Err(spec(at, "row numbers start at 1"));
        }
        if !(0.0..=409.0).contains(h) {
            return Err(spec(at, format!("height {h} is outside 0..409")));
        }
        ws.set_row_height(row - 1, *h)
            .map_err(|e| write_err(&at, &e))?;
    }
    if let Some(fr) = &sh.freeze {
        let at = format!("{name}.freeze");
        let c =
            Cell::parse(fr).ok_or_else(|| spec(&at, format!("{fr:?} is not a cell reference")))?;
        ws.set_freeze_panes(c.row, c.col)
            .map_err(|e| write_err(&at, &e))?;
    }
    if let Some(af) = &sh.autofilter {
        let at = format!("{name}.autofilter");
        let a = area(af, &at)?;
        ws.autofilter(a.first.row, a.first.col, a.last.row, a.last.col)
            .map_err(|e| write_err(&at, &e))?;
    }
    for (i, v) in sh.data_validations.iter().enumerate() {
        let at = format!("{name}.data_validations[{i}]");
        let a = area(&v.range, &at)?;
        let dv = validation(v, &at)?;
        ws.add_data_validation(a.first.row, a.first.col, a.last.row, a.last.col, &dv)
            .map_err(|e| write_err(&at, &e))?;
    }
    for (i, cf) in sh.conditional_formats.iter().enumerate() {
        let at = format!("{name}.conditional_formats[{i}]");
        conditional(ws, cf, styles, &at)?;
    }
    if sh.hidden {
        ws.set_hidden(true);
    }
    Ok(())
}

fn default_num(o: &crate::spec::CellObject) -> Option<&'static str> {
    match o.kind {
        Some(ValueType::Date) => Some("yyyy-mm-dd"),
        Some(ValueType::Datetime) => Some("yyyy-mm-dd hh:mm:ss"),
        Some(ValueType::Time) => Some("hh:mm:ss"),
        _ => None,
    }
}

fn scalar_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Bool(b) => {
            if *b {
                "TRUE".into()
            } else {
                "FALSE".into()
            }
        }
        other => other.to_string(),
    }
}

#[expect(
    clippy::too_many_lines,
    clippy::many_single_char_names,
    reason = "one arm per value type; r, c are row and column"
)]
fn write_cell(
    ws: &mut Worksheet,
    sheet: &str,
    cell: Cell,
    v: &CellSpec,
    styles: &mut Styles<'_>,
    sum: &mut BuildSummary,
) -> Result<()> {
    let at = cell_at(sheet, cell);
    let (r, c) = (cell.row, cell.col);
    let w = |e: XlsxError| write_err(&at, &e);
    match v {
        CellSpec::Empty(()) => return Ok(()),
        CellSpec::Bool(b) => {
            ws.write_boolean(r, c, *b).map_err(w)?;
        }
        CellSpec::Number(n) => {
            ws.write_number(r, c, *n).map_err(w)?;
        }
        CellSpec::Text(s) => {
            ws.write_string(r, c, s).map_err(w)?;
        }
        CellSpec::Full(o) => {
            let fmt = styles.format(o.style.as_ref(), default_num(o), &at)?;
            let fmt = fmt.as_ref();
            if let Some(f) = &o.formula {
                if o.value.is_some() {
                    return Err(spec(at, "give either `value` or `formula`, not both"));
                }
                let prepared = formula::prepare(f).map_err(|reason| Error::Formula {
                    at: at.clone(),
                    formula: f.clone(),
                    reason,
                })?;
                let mut fm = Formula::new(prepared);
                if let Some(res) = &o.result {
                    fm = fm.set_result(scalar_text(res));
                }
                match fmt {
                    Some(fmt) => ws.write_formula_with_format(r, c, fm, fmt),
                    None => ws.write_formula(r, c, fm),
                }
                .map_err(w)?;
                sum.formulas += 1;
                sum.cells += 1;
                return Ok(());
            }
            if o.result.is_some() {
                return Err(spec(
                    at,
                    "`result` is the cached value of a `formula`; this cell has none",
                ));
            }
            let value = o.value.as_ref().unwrap_or(&Value::Null);
            match (o.kind, value) {
                (_, Value::Null) => match fmt {
                    Some(fmt) => {
                        ws.write_blank(r, c, fmt).map_err(w)?;
                    }
                    None => return Ok(()),
                },
                (
                    Some(k @ (ValueType::Date | ValueType::Datetime | ValueType::Time)),
                    Value::String(s),
                ) => {
                    let serial = if k == ValueType::Time {
                        dates::parse_time(s).map(|(h, m, sec)| {
                            (f64::from(h) * 3600.0 + f64::from(m) * 60.0 + sec) / 86_400.0
                        })
                    } else {
                        dates::parse_iso(s).map(|d| dates::to_serial(&d))
                    };
                    let serial = serial.ok_or_else(|| {
                        let want = match k {
                            ValueType::Date => "YYYY-MM-DD",
                            ValueType::Time => "HH:MM[:SS]",
                            _ => "YYYY-MM-DDTHH:MM[:SS]",
                        };
                        spec(
                            &at,
                            format!("{s:?} is not a valid {want} (years 1900 to 9999)"),
                        )
                    })?;
                    let fmt = fmt.cloned().unwrap_or_default();
                    ws.write_number_with_format(r, c, serial, &fmt).map_err(w)?;
                }
                (None | Some(ValueType::String), Value::String(s)) => {
                    match fmt {
                        Some(fmt) => ws.write_string_with_format(r, c, s, fmt),
                        None => ws.write_string(r, c, s),
                    }
                    .map_err(w)?;
                }
                (None | Some(ValueType::Number), Value::Number(n)) => {
                    let n = n.as_f64().unwrap_or_default();
                    match fmt {
                        Some(fmt) => ws.write_number_with_format(r, c, n, fmt),
                        None => ws.write_number(r, c, n),
                    }
                    .map_err(w)?;
                }
                (None | Some(ValueType::Bool), Value::Bool(b)) => {
                    match fmt {
                        Some(fmt) => ws.write_boolean_with_format(r, c, *b, fmt),
                        None => ws.write_boolean(r, c, *b),
                    }
                    .map_err(w)?;
                }
                (k, v) => {
                    return Err(spec(
                        at,
                        format!(
                            "value {v} does not fit type {}",
                            k.map_or("(from the value)".into(), |k| format!("{k:?}")
                                .to_lowercase())
                        ),
                    ));
                }
            }
        }
    }
    sum.cells += 1;
    Ok(())
}

fn prepared(f: &str, at: &str) -> Result<Formula> {
    formula::prepare(f)
        .map(Formula::new)
        .map_err(|reason| Error::Formula {
            at: at.to_owned(),
            formula: f.to_owned(),
            reason,
        })
}

fn rule<T: rust_xlsxwriter::IntoDataValidationValue>(
    v: &Validation,
    at: &str,
    conv: impl Fn(f64) -> Option<T>,
    what: &str,
) -> Result<DataValidationRule<T>> {
    let num = |x: Option<f64>, field: &str| -> Result<T> {
        let x = x.ok_or_else(|| spec(at, format!("`{field}` is required for this operator")))?;
        conv(x).ok_or_else(|| spec(at, format!("`{field}` {x} is not {what}")))
    };
    let op = match v.operator {
        Some(op) => op,
        None if v.min.is_some() && v.max.is_some() => Operator::Between,
        None => {
            return Err(spec(
                at,
                "give `min` and `max`, or an `operator` with a `value`",
            ));
        }
    };
    Ok(match op {
        Operator::Between => DataValidationRule::Between(num(v.min, "min")?, num(v.max, "max")?),
        Operator::NotBetween => {
            DataValidationRule::NotBetween(num(v.min, "min")?, num(v.max, "max")?)
        }
        Operator::Eq => DataValidationRule::EqualTo(num(v.value, "value")?),
        Operator::Ne => DataValidationRule::NotEqualTo(num(v.value, "value")?),
        Operator::Gt => DataValidationRule::GreaterThan(num(v.value, "value")?),
        Operator::Ge => DataValidationRule::GreaterThanOrEqualTo(num(v.value, "value")?),
        Operator::Lt => DataValidationRule::LessThan(num(v.value, "value")?),
        Operator::Le => DataValidationRule::LessThanOrEqualTo(num(v.value, "value")?),
    })
}

#[expect(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "checked to be whole and in range"
)]
fn validation(v: &Validation, at: &str) -> Result<DataValidation> {
    let dv = DataValidation::new();
    let mut dv = match v.kind {
        ValidationType::List => match (&v.formula, v.values.is_empty()) {
            (Some(f), true) => dv.allow_list_formula(prepared(f, at)?),
            (None, false) => dv
                .allow_list_strings(&v.values)
                .map_err(|e| spec(at, e.to_string()))?,
            _ => {
                return Err(spec(
                    at,
                    "a list needs either `values` or a `formula` (e.g. \"=$F$1:$F$5\")",
                ));
            }
        },
        ValidationType::Whole => dv.allow_whole_number(rule(
            v,
            at,
            |x| (x.fract() == 0.0 && x.abs() <= f64::from(i32::MAX)).then_some(x as i32),
            "a whole number",
        )?),
        ValidationType::Decimal => dv.allow_decimal_number(rule(v, at, Some, "a number")?),
        ValidationType::TextLength => dv.allow_text_length(rule(
            v,
            at,
            |x| (x.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&x)).then_some(x as u32),
            "a length",
        )?),
        ValidationType::Custom => {
            let f = v
                .formula
                .as_deref()
                .ok_or_else(|| spec(at, "a custom rule needs a `formula`"))?;
            dv.allow_custom(prepared(f, at)?)
        }
    };
    if v.kind != ValidationType::List && !v.values.is_empty() {
        return Err(spec(at, "`values` belongs to a list rule"));
    }
    if let Some(b) = v.ignore_blank {
        dv = dv.ignore_blank(b);
    }
    let e = |e: XlsxError| spec(at, e.to_string());
    if let Some(t) = &v.input_title {
        dv = dv.set_input_title(t).map_err(e)?;
    }
    if let Some(t) = &v.input_message {
        dv = dv.set_input_message(t).map_err(e)?;
    }
    if let Some(t) = &v.error_title {
        dv = dv.set_error_title(t).map_err(e)?;
    }
    if let Some(t) = &v.error_message {
        dv = dv.set_error_message(t).map_err(e)?;
    }
    if let Some(s) = v.error_style {
        dv = dv.set_error_style(match s {
            ErrorStyle::Stop => DataValidationErrorStyle::Stop,
            ErrorStyle::Warning => DataValidationErrorStyle::Warning,
            ErrorStyle::Information => DataValidationErrorStyle::Information,
        });
    }
    Ok(dv)
}

fn cf_value(v: Option<&Value>, field: &str, at: &str) -> Result<ConditionalFormatValue> {
    match v {
        Some(Value::Number(n)) => Ok(n.as_f64().unwrap_or_default().into()),
        Some(Value::Bool(b)) => Ok((*b).into()),
        Some(Value::String(s)) if s.starts_with('=') => Ok(prepared(s, at)?.into()),
        Some(Value::String(s)) => Ok(s.as_str().into()),
        Some(other) => Err(spec(
            at,
            format!("`{field}` {other} must be a number, text or a formula"),
        )),
        None => Err(spec(at, format!("`{field}` is required for this rule"))),
    }
}

fn conditional(
    ws: &mut Worksheet,
    cf: &ConditionalFormat,
    styles: &mut Styles<'_>,
    at: &str,
) -> Result<()> {
    let a = area(&cf.range, at)?;
    let fmt = styles
        .format(Some(&cf.format), None, at)?
        .unwrap_or_default();
    let (r1, c1, r2, c2) = (a.first.row, a.first.col, a.last.row, a.last.col);
    let w = |e: XlsxError| write_err(at, &e);
    let stop = cf.stop_if_true;
    match cf.kind {
        ConditionalType::Cell => {
            let op = match cf.operator {
                Some(op) => op,
                None if cf.min.is_some() && cf.max.is_some() => Operator::Between,
                None => return Err(spec(at, "a cell rule needs an `operator`")),
            };
            let v = |f: &str| {
                cf_value(
                    match f {
                        "min" => cf.min.as_ref(),
                        "max" => cf.max.as_ref(),
                        _ => cf.value.as_ref(),
                    },
                    f,
                    at,
                )
            };
            let rule = match op {
                Operator::Between => ConditionalFormatCellRule::Between(v("min")?, v("max")?),
                Operator::NotBetween => ConditionalFormatCellRule::NotBetween(v("min")?, v("max")?),
                Operator::Eq => ConditionalFormatCellRule::EqualTo(v("value")?),
                Operator::Ne => ConditionalFormatCellRule::NotEqualTo(v("value")?),
                Operator::Gt => ConditionalFormatCellRule::GreaterThan(v("value")?),
                Operator::Ge => ConditionalFormatCellRule::GreaterThanOrEqualTo(v("value")?),
                Operator::Lt => ConditionalFormatCellRule::LessThan(v("value")?),
                Operator::Le => ConditionalFormatCellRule::LessThanOrEqualTo(v("value")?),
            };
            let c = ConditionalFormatCell::new()
                .set_rule(rule)
                .set_format(fmt)
                .set_stop_if_true(stop);
            ws.add_conditional_format(r1, c1, r2, c2, &c).map_err(w)?;
        }
        ConditionalType::Formula => {
            let f = cf
                .formula
                .as_deref()
                .ok_or_else(|| spec(at, "a formula rule needs a `formula`"))?;
            let c = ConditionalFormatFormula::new()
                .set_rule(prepared(f, at)?)
                .set_format(fmt)
                .set_stop_if_true(stop);
            ws.add_conditional_format(r1, c1, r2, c2, &c).map_err(w)?;
        }
        ConditionalType::Duplicate | ConditionalType::Unique => {
            let mut c = ConditionalFormatDuplicate::new()
                .set_format(fmt)
                .set_stop_if_true(stop);
            if cf.kind == ConditionalType::Unique {
                c = c.invert();
            }
            ws.add_conditional_format(r1, c1, r2, c2, &c).map_err(w)?;
        }
        ConditionalType::Blank | ConditionalType::NoBlank => {
            let mut c = ConditionalFormatBlank::new()
                .set_format(fmt)
                .set_stop_if_true(stop);
            if cf.kind == ConditionalType::NoBlank {
                c = c.invert();
            }
            ws.add_conditional_format(r1, c1, r2, c2, &c).map_err(w)?;
        }
    }
    Ok(())
}
