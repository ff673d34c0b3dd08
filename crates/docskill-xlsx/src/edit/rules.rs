//! Data validation and conditional formatting added to a worksheet, with the same rule
//! shapes as `xlsx.build`.

use docskill_opc::xml::dom::{Element, Node};
use serde_json::Value;

use super::Editor;
use super::parts::{WORKSHEET_ORDER, ensure_child, insert_ordered, prefix_of, recount, set_text};
use super::write::stored_formula;
use crate::cellref::{Area, Cell};
use crate::error::{Result, edit};
use crate::spec::{
    Bound, ConditionalFormat, ConditionalType, ErrorStyle, Operator, Style, StyleRef, Validation,
    ValidationType, ValueType,
};

fn operator_name(op: Operator) -> &'static str {
    match op {
        Operator::Between => "between",
        Operator::NotBetween => "notBetween",
        Operator::Eq => "equal",
        Operator::Ne => "notEqual",
        Operator::Gt => "greaterThan",
        Operator::Ge => "greaterThanOrEqual",
        Operator::Lt => "lessThan",
        Operator::Le => "lessThanOrEqual",
    }
}

/// Ranges of a rule: `A2:A10` or several separated by spaces or commas, all on one sheet.
fn sqref(ed: &Editor, range: &str) -> Result<(usize, String)> {
    let (sheet, rest) = ed.locate(range)?;
    let mut out = Vec::new();
    for piece in rest.split([' ', ',']).filter(|p| !p.is_empty()) {
        let a = Area::parse(piece).ok_or_else(|| {
            edit(
                ed.at(sheet, rest),
                format!("{piece:?} is not a range in A1 notation"),
            )
        })?;
        out.push(a.to_string());
    }
    if out.is_empty() {
        return Err(edit(ed.at(sheet, rest), "the rule needs a range"));
    }
    Ok((sheet, out.join(" ")))
}

/// The areas of a space-separated `sqref`; `None` when a piece is not an A1 area.
fn areas_of(sqref: &str) -> Option<Vec<Area>> {
    sqref.split_ascii_whitespace().map(Area::parse).collect()
}

/// `a` without the cells of `b`: up to four rectangles (above, below, left, right).
fn subtract(a: Area, b: Area) -> Vec<Area> {
    let (top, bottom) = (a.first.row.max(b.first.row), a.last.row.min(b.last.row));
    let (left, right) = (a.first.col.max(b.first.col), a.last.col.min(b.last.col));
    if top > bottom || left > right {
        return vec![a];
    }
    let mut out = Vec::new();
    let area = |r0: u32, c0: u16, r1: u32, c1: u16| Area {
        first: Cell { row: r0, col: c0 },
        last: Cell { row: r1, col: c1 },
    };
    if a.first.row < top {
        out.push(area(a.first.row, a.first.col, top - 1, a.last.col));
    }
    if bottom < a.last.row {
        out.push(area(bottom + 1, a.first.col, a.last.row, a.last.col));
    }
    if a.first.col < left {
        out.push(area(top, a.first.col, bottom, left - 1));
    }
    if right < a.last.col {
        out.push(area(top, right + 1, bottom, a.last.col));
    }
    out
}

/// Every area of `from` without the cells of any area of `cut`.
fn subtract_all(from: &[Area], cut: &[Area]) -> Vec<Area> {
    let mut left = from.to_vec();
    for &c in cut {
        left = left.into_iter().flat_map(|a| subtract(a, c)).collect();
    }
    left
}

/// A bound as formula text: whole numbers are checked for `whole` and `text_length`, ISO
/// dates and times become serial numbers for `date` and `time`.
fn bound(x: Option<&Bound>, field: &str, kind: ValidationType, at: &str) -> Result<String> {
    let x = x.ok_or_else(|| edit(at, format!("`{field}` is required for this operator")))?;
    let n = match (x, kind) {
        (Bound::Number(n), _) => *n,
        (Bound::Text(s), ValidationType::Date | ValidationType::Time) => {
            let vt = if kind == ValidationType::Date {
                ValueType::Date
            } else {
                ValueType::Time
            };
            crate::dates::serial_of(vt, s)
                .ok_or_else(|| edit(at, format!("`{field}` {s:?} is not a valid date or time")))?
        }
        (Bound::Text(s), _) => {
            return Err(edit(at, format!("`{field}` {s:?} is not a number")));
        }
    };
    let whole = matches!(kind, ValidationType::Whole | ValidationType::TextLength);
    if whole && n.fract() != 0.0 {
        return Err(edit(at, format!("`{field}` {n} is not a whole number")));
    }
    Ok(super::cells::number_text(n))
}

fn formula_el(prefix: &str, local: &str, text: &str) -> Element {
    let mut e = Element::new(format!("{prefix}{local}"));
    set_text(&mut e, text);
    e
}

/// A conditional format's compared value as formula text.
fn cf_operand(v: Option<&Value>, field: &str, at: &str) -> Result<String> {
    match v {
        Some(Value::Number(n)) => Ok(super::cells::number_text(n.as_f64().unwrap_or_default())),
        Some(Value::Bool(b)) => Ok(if *b { "TRUE" } else { "FALSE" }.to_owned()),
        Some(Value::String(s)) if s.starts_with('=') => stored_formula(s, at),
        Some(Value::String(s)) => Ok(format!("\"{}\"", s.replace('"', "\"\""))),
        Some(other) => Err(edit(
            at,
            format!("`{field}` {other} must be a number, text or a formula"),
        )),
        None => Err(edit(at, format!("`{field}` is required for this rule"))),
    }
}

impl Editor {
    /// The `add_validation` operation.
    #[expect(clippy::too_many_lines, reason = "one rule kind after the other")]
    pub(crate) fn add_validation(&mut self, v: &Validation) -> Result<()> {
        let (sheet, refs) = sqref(self, &v.range)?;
        let at = self.at(sheet, &refs);
        let mut dv = Element::new("dataValidation");
        let f1: Option<String>;
        let mut f2: Option<String> = None;
        let kind = match v.kind {
            ValidationType::List => "list",
            ValidationType::Whole => "whole",
            ValidationType::Decimal => "decimal",
            ValidationType::Date => "date",
            ValidationType::Time => "time",
            ValidationType::TextLength => "textLength",
            ValidationType::Custom => "custom",
        };
        dv.set_attr("type", kind);
        match v.kind {
            ValidationType::List => match (&v.formula, v.values.is_empty()) {
                (Some(f), true) => f1 = Some(stored_formula(f, &at)?),
                (None, false) => {
                    if let Some(bad) = v.values.iter().find(|s| s.contains(',')) {
                        return Err(edit(at, format!("list value {bad:?} holds a comma")));
                    }
                    let joined = v.values.join(",");
                    if joined.chars().count() > 255 {
                        return Err(edit(
                            at,
                            "the list is longer than Excel's 255 characters; put the values in cells and use `formula`",
                        ));
                    }
                    f1 = Some(format!("\"{}\"", joined.replace('"', "\"\"")));
                }
                _ => {
                    return Err(edit(
                        at,
                        "a list needs either `values` or a `formula` (e.g. \"=$F$1:$F$5\")",
                    ));
                }
            },
            ValidationType::Custom => {
                let f = v
                    .formula
                    .as_deref()
                    .ok_or_else(|| edit(&at, "a custom rule needs a `formula`"))?;
                f1 = Some(stored_formula(f, &at)?);
            }
            ValidationType::Whole
            | ValidationType::Decimal
            | ValidationType::Date
            | ValidationType::Time
            | ValidationType::TextLength => {
                let op = match v.operator {
                    Some(op) => op,
                    None if v.min.is_some() && v.max.is_some() => Operator::Between,
                    None => {
                        return Err(edit(
                            at,
                            "give `min` and `max`, or an `operator` with a `value`",
                        ));
                    }
                };
                if op != Operator::Between {
                    dv.set_attr("operator", operator_name(op));
                }
                if matches!(op, Operator::Between | Operator::NotBetween) {
                    f1 = Some(bound(v.min.as_ref(), "min", v.kind, &at)?);
                    f2 = Some(bound(v.max.as_ref(), "max", v.kind, &at)?);
                } else {
                    f1 = Some(bound(v.value.as_ref(), "value", v.kind, &at)?);
                }
            }
        }
        if v.kind != ValidationType::List && !v.values.is_empty() {
            return Err(edit(at, "`values` belongs to a list rule"));
        }
        match v.error_style {
            Some(ErrorStyle::Warning) => dv.set_attr("errorStyle", "warning"),
            Some(ErrorStyle::Information) => dv.set_attr("errorStyle", "information"),
            _ => {}
        }
        if v.ignore_blank.unwrap_or(true) {
            dv.set_attr("allowBlank", "1");
        }
        dv.set_attr("showInputMessage", "1");
        dv.set_attr("showErrorMessage", "1");
        for (key, val) in [
            ("errorTitle", &v.error_title),
            ("error", &v.error_message),
            ("promptTitle", &v.input_title),
            ("prompt", &v.input_message),
        ] {
            if let Some(t) = val {
                dv.set_attr(key, t.as_str());
            }
        }
        dv.set_attr("sqref", refs.as_str());
        let root = self.sheet_mut(sheet)?;
        let list = ensure_child(root, "dataValidations", WORKSHEET_ORDER);
        // A cell has one validation: the new rule replaces older ones on its cells, as in
        // Excel (overlapping rules make Excel and LibreOffice drop one of them).
        let new_areas = areas_of(&refs).unwrap_or_default();
        list.children.retain_mut(|n| match n {
            Node::Element(old) if old.local() == "dataValidation" => {
                // A range we cannot read is left as it is.
                let Some(before) = old.attr("sqref").and_then(areas_of) else {
                    return true;
                };
                let after = subtract_all(&before, &new_areas);
                if after != before {
                    let text: Vec<String> = after.iter().map(ToString::to_string).collect();
                    old.set_attr("sqref", text.join(" "));
                }
                !after.is_empty()
            }
            _ => true,
        });
        let prefix = prefix_of(list);
        dv.name = format!("{prefix}dataValidation");
        if let Some(f) = f1 {
            dv.children
                .push(Node::Element(formula_el(&prefix, "formula1", &f)));
        }
        if let Some(f) = f2 {
            dv.children
                .push(Node::Element(formula_el(&prefix, "formula2", &f)));
        }
        list.children.push(Node::Element(dv));
        recount(list);
        self.values_changed = true;
        Ok(())
    }

    /// The `add_conditional_format` operation.
    pub(crate) fn add_conditional_format(&mut self, cf: &ConditionalFormat) -> Result<()> {
        let (sheet, refs) = sqref(self, &cf.range)?;
        let at = self.at(sheet, &refs);
        if let Some(scale) = super::scales::scale_rule(cf, &at)? {
            if cf.format.is_some() {
                return Err(edit(
                    at,
                    "color scales, data bars and icon sets take no `format`",
                ));
            }
            return self.add_rule_block(sheet, &refs, scale, None, cf.stop_if_true);
        }
        let style: Style = match &cf.format {
            Some(StyleRef::Inline(s)) => (**s).clone(),
            Some(StyleRef::Named(n)) => {
                return Err(edit(
                    at,
                    format!("named style {n:?}: edits take inline styles only"),
                ));
            }
            None => return Err(edit(at, "this rule needs a `format`")),
        };
        let first = refs.split([' ', ':']).next().unwrap_or("A1").to_owned();
        let mut rule = Element::new("cfRule");
        let mut formulas: Vec<String> = Vec::new();
        match cf.kind {
            ConditionalType::Cell => {
                let op = match cf.operator {
                    Some(op) => op,
                    None if cf.min.is_some() && cf.max.is_some() => Operator::Between,
                    None => return Err(edit(at, "a cell rule needs an `operator`")),
                };
                rule.set_attr("type", "cellIs");
                if matches!(op, Operator::Between | Operator::NotBetween) {
                    formulas.push(cf_operand(cf.min.as_ref(), "min", &at)?);
                    formulas.push(cf_operand(cf.max.as_ref(), "max", &at)?);
                } else {
                    formulas.push(cf_operand(cf.value.as_ref(), "value", &at)?);
                }
                rule.set_attr("operator", operator_name(op));
            }
            ConditionalType::Formula => {
                let f = cf
                    .formula
                    .as_deref()
                    .ok_or_else(|| edit(&at, "a formula rule needs a `formula`"))?;
                rule.set_attr("type", "expression");
                formulas.push(stored_formula(f, &at)?);
            }
            ConditionalType::Duplicate => rule.set_attr("type", "duplicateValues"),
            ConditionalType::Unique => rule.set_attr("type", "uniqueValues"),
            ConditionalType::Blank => {
                rule.set_attr("type", "containsBlanks");
                formulas.push(format!("LEN(TRIM({first}))=0"));
            }
            ConditionalType::NoBlank => {
                rule.set_attr("type", "notContainsBlanks");
                formulas.push(format!("LEN(TRIM({first}))>0"));
            }
            ConditionalType::Top | ConditionalType::Bottom => {
                let n = cf.rank.unwrap_or(10);
                if n == 0 || (cf.percent && n > 100) || n > 1000 {
                    return Err(edit(
                        at,
                        format!("`rank` {n} must be 1 to 1000 (1 to 100 with `percent`)"),
                    ));
                }
                rule.set_attr("type", "top10");
                if cf.percent {
                    rule.set_attr("percent", "1");
                }
                if cf.kind == ConditionalType::Bottom {
                    rule.set_attr("bottom", "1");
                }
                rule.set_attr("rank", n.to_string());
            }
            ConditionalType::AboveAverage => rule.set_attr("type", "aboveAverage"),
            ConditionalType::BelowAverage => {
                rule.set_attr("type", "aboveAverage");
                rule.set_attr("aboveAverage", "0");
            }
            ConditionalType::ColorScale | ConditionalType::DataBar | ConditionalType::IconSet => {
                unreachable!("handled by scale_rule above")
            }
        }
        for f in formulas {
            rule.children
                .push(Node::Element(formula_el("", "formula", &f)));
        }
        let dxf = self.add_dxf(&style, &at)?;
        self.add_rule_block(sheet, &refs, rule, Some(dxf), cf.stop_if_true)
    }

    /// Put `rule` in a new `conditionalFormatting` block over `refs`, with the next priority.
    fn add_rule_block(
        &mut self,
        sheet: usize,
        refs: &str,
        mut rule: Element,
        dxf: Option<u32>,
        stop_if_true: bool,
    ) -> Result<()> {
        let root = self.sheet_mut(sheet)?;
        let priority = max_priority(root) + 1;
        let prefix = prefix_of(root);
        rename_all(&mut rule, &prefix);
        // Attribute order as Excel writes it: type, dxfId, priority, stopIfTrue, then the
        // rule's own.
        let own: Vec<(String, String)> = rule
            .attrs
            .iter()
            .filter(|(k, _)| k.as_str() != "type")
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let kind = rule.attr("type").unwrap_or_default().to_owned();
        rule.attrs.clear();
        rule.set_attr("type", kind);
        if let Some(d) = dxf {
            rule.set_attr("dxfId", d.to_string());
        }
        rule.set_attr("priority", priority.to_string());
        if stop_if_true {
            rule.set_attr("stopIfTrue", "1");
        }
        for (k, v) in own {
            rule.set_attr(&k, v);
        }
        let block = Element::new(format!("{prefix}conditionalFormatting"))
            .with_attr("sqref", refs)
            .with_child(rule);
        insert_ordered(root, block, WORKSHEET_ORDER);
        self.values_changed = true;
        Ok(())
    }
}

/// Give `e` and its descendants the namespace prefix of the sheet.
fn rename_all(e: &mut Element, prefix: &str) {
    if !prefix.is_empty() && !e.name.contains(':') {
        e.name = format!("{prefix}{}", e.name);
    }
    for c in &mut e.children {
        if let Node::Element(c) = c {
            rename_all(c, prefix);
        }
    }
}

/// The highest `priority` of the sheet's conditional format rules (0 when none).
fn max_priority(e: &Element) -> u32 {
    let own = if e.local() == "cfRule" {
        e.attr("priority").and_then(|p| p.parse().ok()).unwrap_or(0)
    } else {
        0
    };
    e.elements()
        .filter(|c| {
            matches!(
                c.local(),
                "conditionalFormatting" | "cfRule" | "extLst" | "ext"
            ) || c.local().ends_with("conditionalFormattings")
        })
        .map(max_priority)
        .fold(own, u32::max)
}
