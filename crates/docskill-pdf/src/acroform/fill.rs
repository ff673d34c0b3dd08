//! Filling fields: validate every value first, then set `/V`, switch button
//! states and write an appearance stream for every widget of a filled field.

use std::collections::HashMap;

use lopdf::{Dictionary, Object, ObjectId};
use serde::{Deserialize, Serialize};

use super::appearance::{Frame, TextStyle, button_content, list_content, text_content};
use super::encoding::encode_text;
use super::font::{field_font, parse_da};
use super::model::FieldKind;
use super::tree::{Terminal, acroform, ff, rect_of, terminals};
use crate::Document;
use crate::document::{dict_of, resolve};
use crate::error::{PdfError, Result};

/// A value to put in a field.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(untagged)]
pub enum FillValue {
    /// Check (`true`) or clear (`false`) a checkbox.
    Bool(bool),
    /// Text, an option's value, a radio button's value, or a checkbox state.
    Text(String),
    /// A number, written as text.
    Number(f64),
    /// Several options of a multi-select list.
    List(Vec<String>),
}

impl FillValue {
    fn text(&self) -> Option<String> {
        match self {
            Self::Text(s) => Some(s.clone()),
            Self::Number(v) if v.fract() == 0.0 && v.abs() < 1e15 =>
            {
                #[expect(
                    clippy::cast_possible_truncation,
                    reason = "checked integral and small"
                )]
                Some((*v as i64).to_string())
            }
            Self::Number(v) => Some(v.to_string()),
            _ => None,
        }
    }
}

/// Why a value cannot go into a field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldProblem {
    /// The field name as given.
    pub field_id: String,
    /// `unknown_field`, `not_an_option`, `read_only`, `too_long`,
    /// `wrong_type` or `not_fillable`.
    pub code: &'static str,
    /// What is wrong, in words.
    pub message: String,
    /// Closest field names, or the valid options.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub valid: Vec<String>,
}

/// How to fill.
#[derive(Debug, Clone, Copy, Default)]
pub struct FillOptions {
    /// Merge the appearances into the pages and remove the form.
    pub flatten: bool,
}

/// What `fill` did.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FillReport {
    /// Fields set.
    pub filled: usize,
    /// Appearance streams written.
    pub appearances: usize,
    /// Widgets merged into page content when flattening.
    pub flattened: usize,
    /// Things a careful user wants to know (fallback fonts, replaced characters).
    pub warnings: Vec<String>,
}

/// What a validated value does to a field.
enum Action {
    Text(String),
    /// On-state name, or `None` for off.
    Button(Option<Vec<u8>>),
    Choice(Vec<String>),
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The closest names to `name` (at most 5).
fn closest(name: &str, names: &[&str]) -> Vec<String> {
    let lower = name.to_lowercase();
    let mut scored: Vec<(usize, &str)> = names
        .iter()
        .map(|n| {
            let nl = n.to_lowercase();
            let d = if nl.contains(&lower) || lower.contains(&nl) {
                0
            } else {
                levenshtein(&lower, &nl)
            };
            (d, *n)
        })
        .filter(|(d, n)| *d <= (n.chars().count() / 2).max(3))
        .collect();
    scored.sort_unstable();
    scored.dedup();
    scored
        .into_iter()
        .take(5)
        .map(|(_, n)| n.to_owned())
        .collect()
}

fn problem(field: &str, code: &'static str, message: String, valid: Vec<String>) -> FieldProblem {
    FieldProblem {
        field_id: field.to_owned(),
        code,
        message,
        valid,
    }
}

/// Checks one value against its field.
#[expect(clippy::too_many_lines, reason = "one arm per field kind")]
fn validate(t: &Terminal, value: &FillValue) -> std::result::Result<Action, FieldProblem> {
    let name = &t.name;
    if t.flags & ff::READ_ONLY != 0 {
        return Err(problem(
            name,
            "read_only",
            format!("{name} is read-only"),
            vec![],
        ));
    }
    let wrong = |expected: &str| {
        problem(
            name,
            "wrong_type",
            format!("{name} takes {expected}, not {value:?}"),
            vec![],
        )
    };
    match t.kind {
        FieldKind::Signature | FieldKind::Button => Err(problem(
            name,
            "not_fillable",
            format!("{name} is a {:?} field and holds no value", t.kind).to_lowercase(),
            vec![],
        )),
        FieldKind::Text => {
            let s = value.text().ok_or_else(|| wrong("text"))?;
            if let Some(max) = t.max_len {
                let len = s.chars().count();
                if len > max as usize {
                    return Err(problem(
                        name,
                        "too_long",
                        format!("{name} takes at most {max} characters; the value has {len}"),
                        vec![],
                    ));
                }
            }
            Ok(Action::Text(s))
        }
        FieldKind::Checkbox => {
            let on = t
                .widgets
                .iter()
                .find_map(|w| w.on_states.first().cloned())
                .unwrap_or_else(|| b"Yes".to_vec());
            let on_text = String::from_utf8_lossy(&on).into_owned();
            // `/Yes`, `/Off`: a PDF name written with its slash (as pypdf takes it).
            let unslashed = match value {
                FillValue::Text(s) if s.len() > 1 && s.starts_with('/') => {
                    FillValue::Text(s[1..].to_owned())
                }
                other => other.clone(),
            };
            match &unslashed {
                FillValue::Bool(b) => Ok(Action::Button(b.then_some(on))),
                FillValue::Text(s) if s == "Off" || s.is_empty() => Ok(Action::Button(None)),
                FillValue::Text(s)
                    if *s == on_text
                        || t.button_opt.first() == Some(s)
                        || s.eq_ignore_ascii_case("true")
                        || s.eq_ignore_ascii_case("yes") =>
                {
                    Ok(Action::Button(Some(on)))
                }
                FillValue::Text(s) if s.eq_ignore_ascii_case("false") => Ok(Action::Button(None)),
                FillValue::Text(s) => Err(problem(
                    name,
                    "not_an_option",
                    format!("{name} is a checkbox: {s:?} is neither its on-state nor Off"),
                    vec!["true".into(), "false".into(), on_text, "Off".into()],
                )),
                _ => Err(wrong("true or false")),
            }
        }
        FieldKind::RadioGroup => {
            let s = match value {
                FillValue::Text(s) if s.len() > 1 && s.starts_with('/') => s[1..].to_owned(),
                FillValue::Text(s) => s.clone(),
                FillValue::Number(_) => value.text().unwrap_or_default(),
                _ => return Err(wrong("one of its options (text)")),
            };
            if s == "Off" || s.is_empty() {
                return Ok(Action::Button(None));
            }
            let mut valid = Vec::new();
            for (i, w) in t.widgets.iter().enumerate() {
                if let Some(state) = w.on_states.first() {
                    let v = t.state_value(i, state);
                    if v == s || state.as_slice() == s.as_bytes() {
                        return Ok(Action::Button(Some(state.clone())));
                    }
                    valid.push(v);
                }
            }
            valid.dedup();
            Err(problem(
                name,
                "not_an_option",
                format!("{s:?} is not an option of {name}"),
                valid,
            ))
        }
        FieldKind::Choice => {
            let wanted: Vec<String> = match value {
                FillValue::List(l) if t.flags & ff::MULTI_SELECT != 0 => l.clone(),
                FillValue::List(l) if l.len() <= 1 => l.clone(),
                FillValue::List(_) => return Err(wrong("one option (it is not multi-select)")),
                FillValue::Bool(_) => return Err(wrong("one of its options (text)")),
                other => vec![other.text().unwrap_or_default()],
            };
            let editable = t.flags & ff::COMBO != 0 && t.flags & ff::EDIT != 0;
            let mut chosen = Vec::new();
            for w in wanted {
                if let Some((v, _)) = t.options.iter().find(|(v, _)| *v == w) {
                    chosen.push(v.clone());
                } else if let Some((v, _)) = t.options.iter().find(|(_, d)| *d == w) {
                    chosen.push(v.clone());
                } else if editable || w.is_empty() {
                    chosen.push(w);
                } else {
                    return Err(problem(
                        name,
                        "not_an_option",
                        format!("{w:?} is not an option of {name}"),
                        t.options.iter().map(|(v, _)| v.clone()).collect(),
                    ));
                }
            }
            chosen.retain(|c| !c.is_empty());
            Ok(Action::Choice(chosen))
        }
    }
}

/// Validates every value; the first problem of each field is reported.
///
/// # Errors
/// [`PdfError::FormValues`] listing every problem.
fn plan<'t>(
    terms: &'t [Terminal],
    values: &[(String, FillValue)],
) -> Result<Vec<(&'t Terminal, Action)>> {
    let mut by_name: HashMap<&str, Vec<&Terminal>> = HashMap::new();
    for t in terms {
        by_name.entry(t.name.as_str()).or_default().push(t);
    }
    let mut names: Vec<&str> = by_name.keys().copied().collect();
    names.sort_unstable();
    let mut problems = Vec::new();
    let mut actions = Vec::new();
    for (name, value) in values {
        let Some(ts) = by_name.get(name.as_str()) else {
            let near = closest(name, &names);
            let msg = if terms.is_empty() {
                format!("no field {name:?}: the PDF has no fillable fields")
            } else {
                format!("no field {name:?}")
            };
            problems.push(problem(name, "unknown_field", msg, near));
            continue;
        };
        for t in ts {
            match validate(t, value) {
                Ok(a) => actions.push((*t, a)),
                Err(p) => {
                    problems.push(p);
                    break;
                }
            }
        }
    }
    if problems.is_empty() {
        Ok(actions)
    } else {
        Err(PdfError::FormValues { problems })
    }
}

/// Fills the form of `doc` with `values` (by fully qualified field name).
///
/// Every value is checked before anything changes. Each filled field gets
/// `/V` and an appearance stream per widget (check boxes and radio buttons
/// switch `/AS`), `/NeedAppearances` is removed, and an XFA part is dropped
/// so viewers show the `AcroForm` values. With `options.flatten` the
/// appearances are then merged into the page content and the form removed.
///
/// # Errors
/// [`PdfError::FormValues`] when any value does not fit its field.
pub fn fill(
    doc: &mut Document,
    values: &[(String, FillValue)],
    options: FillOptions,
) -> Result<FillReport> {
    let terms = terminals(doc);
    let dr = default_resources(doc);
    fill_prepared(doc, &terms, dr.as_ref(), values, options)
}

/// The form's default resources (`/AcroForm /DR`).
pub(super) fn default_resources(doc: &Document) -> Option<Dictionary> {
    acroform(doc.lopdf())
        .and_then(|f| f.get(b"DR").ok())
        .and_then(|d| dict_of(doc.lopdf(), d))
        .cloned()
}

/// Checks `values` against the fields without changing anything.
///
/// # Errors
/// [`PdfError::FormValues`] listing every problem.
pub(super) fn check(terms: &[Terminal], values: &[(String, FillValue)]) -> Result<()> {
    plan(terms, values).map(|_| ())
}

/// [`fill`] with the field tree and default resources already read (they
/// must come from `doc` or from the document `doc` was cloned from).
pub(super) fn fill_prepared(
    doc: &mut Document,
    terms: &[Terminal],
    dr: Option<&Dictionary>,
    values: &[(String, FillValue)],
    options: FillOptions,
) -> Result<FillReport> {
    let actions = plan(terms, values)?;
    let mut report = FillReport::default();
    for (t, action) in &actions {
        apply(doc, t, action, dr, &mut report);
        report.filled += 1;
    }
    let lo = doc.lopdf_mut();
    if let Some(form_id) = form_id(lo) {
        if let Some(Object::Dictionary(form)) = lo.objects.get_mut(&form_id) {
            form.remove(b"NeedAppearances");
            if form.remove(b"XFA").is_some() {
                report
                    .warnings
                    .push("removed the XFA form so viewers show the AcroForm values".into());
            }
        }
    } else if let Ok(cat) = lo.catalog_mut()
        && let Ok(Object::Dictionary(form)) = cat.get_mut(b"AcroForm")
    {
        form.remove(b"NeedAppearances");
        form.remove(b"XFA");
    }
    if options.flatten {
        report.flattened = super::flatten::flatten_prepared(doc, terms)?;
    }
    Ok(report)
}

/// The object id of the `AcroForm` dictionary when it is indirect.
fn form_id(doc: &lopdf::Document) -> Option<ObjectId> {
    match doc.catalog().ok()?.get(b"AcroForm").ok()? {
        Object::Reference(id) => Some(*id),
        _ => None,
    }
}

fn set(doc: &mut lopdf::Document, id: ObjectId, key: &str, value: Object) {
    if let Some(d) = doc.objects.get_mut(&id).and_then(|o| o.as_dict_mut().ok()) {
        d.set(key, value);
    }
}

#[expect(clippy::too_many_lines, reason = "one arm per action")]
fn apply(
    doc: &mut Document,
    t: &Terminal,
    action: &Action,
    dr: Option<&Dictionary>,
    report: &mut FillReport,
) {
    match action {
        Action::Text(s) => {
            let lo = doc.lopdf_mut();
            set(lo, t.id, "V", encode_text(s));
            if let Some(d) = lo.objects.get_mut(&t.id).and_then(|o| o.as_dict_mut().ok()) {
                d.remove(b"RV");
            }
            let style = TextStyle {
                quadding: t.quadding,
                multiline: t.flags & ff::MULTILINE != 0,
                comb: (t.flags & ff::COMB != 0 && t.flags & (ff::MULTILINE | ff::PASSWORD) == 0)
                    .then_some(t.max_len)
                    .flatten(),
                password: t.flags & ff::PASSWORD != 0,
            };
            text_appearances(doc, t, dr, report, |frame, font, da| {
                text_content(frame, font, da, style, s)
            });
        }
        Action::Choice(chosen) => {
            let lo = doc.lopdf_mut();
            let v = match chosen.as_slice() {
                [] => Object::String(Vec::new(), lopdf::StringFormat::Literal),
                [one] => encode_text(one),
                many => Object::Array(many.iter().map(|c| encode_text(c)).collect()),
            };
            set(lo, t.id, "V", v);
            let indexes: Vec<usize> = t
                .options
                .iter()
                .enumerate()
                .filter(|(_, (v, _))| chosen.contains(v))
                .map(|(i, _)| i)
                .collect();
            let combo = t.flags & ff::COMBO != 0;
            if combo {
                if let Some(d) = lo.objects.get_mut(&t.id).and_then(|o| o.as_dict_mut().ok()) {
                    d.remove(b"I");
                }
                let shown = chosen
                    .first()
                    .map(|c| {
                        t.options
                            .iter()
                            .find(|(v, _)| v == c)
                            .map_or_else(|| c.clone(), |(_, d)| d.clone())
                    })
                    .unwrap_or_default();
                let style = TextStyle {
                    quadding: t.quadding,
                    ..TextStyle::default()
                };
                text_appearances(doc, t, dr, report, |frame, font, da| {
                    text_content(frame, font, da, style, &shown)
                });
            } else {
                set(
                    lo,
                    t.id,
                    "I",
                    Object::Array(
                        indexes
                            .iter()
                            .map(|i| Object::Integer(i64::try_from(*i).unwrap_or(i64::MAX)))
                            .collect(),
                    ),
                );
                let texts: Vec<String> = t.options.iter().map(|(_, d)| d.clone()).collect();
                let top = indexes.first().copied().unwrap_or(0);
                let top = if top < 3 { 0 } else { top };
                text_appearances(doc, t, dr, report, |frame, font, da| {
                    list_content(frame, font, da, &texts, &indexes, top)
                });
            }
        }
        Action::Button(state) => {
            let lo = doc.lopdf_mut();
            let v = state.clone().unwrap_or_else(|| b"Off".to_vec());
            set(lo, t.id, "V", Object::Name(v.clone()));
            let radio = t.kind == FieldKind::RadioGroup;
            for w in &t.widgets {
                let on = w.on_states.contains(&v);
                let has_ap = !w.on_states.is_empty();
                if !has_ap {
                    // No appearance to switch: draw one.
                    let Some(wd) = lo.objects.get(&w.id).and_then(|o| o.as_dict().ok()) else {
                        continue;
                    };
                    let Some(rect) = rect_of(lo, wd.get(b"Rect").ok()) else {
                        continue;
                    };
                    let frame = Frame::of_widget(lo, wd, rect);
                    let da = parse_da(
                        wd.get(b"DA")
                            .ok()
                            .and_then(|o| o.as_str().ok())
                            .or(t.da.as_deref()),
                    );
                    let on_name = if radio {
                        format!("Choice{}", w.id.0).into_bytes()
                    } else {
                        b"Yes".to_vec()
                    };
                    let on_stream =
                        frame.xobject(button_content(&frame, &da, radio, true), Dictionary::new());
                    let off_stream =
                        frame.xobject(button_content(&frame, &da, radio, false), Dictionary::new());
                    let on_id = lo.add_object(on_stream);
                    let off_id = lo.add_object(off_stream);
                    let mut n = Dictionary::new();
                    n.set(on_name.clone(), Object::Reference(on_id));
                    n.set("Off", Object::Reference(off_id));
                    let mut ap = Dictionary::new();
                    ap.set("N", Object::Dictionary(n));
                    set(lo, w.id, "AP", Object::Dictionary(ap));
                    report.appearances += 2;
                    let now_on = !radio && state.is_some();
                    let as_name = if now_on {
                        on_name.clone()
                    } else {
                        b"Off".to_vec()
                    };
                    set(lo, w.id, "AS", Object::Name(as_name));
                    if now_on {
                        set(lo, t.id, "V", Object::Name(on_name));
                    }
                    continue;
                }
                let as_name = if on { v.clone() } else { b"Off".to_vec() };
                set(lo, w.id, "AS", Object::Name(as_name));
            }
        }
    }
}

/// Writes a `/AP /N` for each widget of `t`, made by `content`.
fn text_appearances(
    doc: &mut Document,
    t: &Terminal,
    dr: Option<&Dictionary>,
    report: &mut FillReport,
    content: impl Fn(&Frame, &super::font::FieldFont, &super::font::Da) -> (Vec<u8>, bool),
) {
    let lo = doc.lopdf_mut();
    for w in &t.widgets {
        let Some(wd) = lo.objects.get(&w.id).and_then(|o| o.as_dict().ok()) else {
            continue;
        };
        let Some(rect) = rect_of(lo, wd.get(b"Rect").ok()) else {
            continue;
        };
        let frame = Frame::of_widget(lo, wd, rect);
        let da = parse_da(
            wd.get(b"DA")
                .ok()
                .map(|o| resolve(lo, o))
                .and_then(|o| o.as_str().ok())
                .or(t.da.as_deref()),
        );
        let font = field_font(lo, dr, &da.font);
        let (bytes, lossy) = content(&frame, &font, &da);
        if font.fallback
            && dr.is_some_and(|d| {
                dict_of(lo, d.get(b"Font").unwrap_or(&Object::Null))
                    .is_some_and(|f| f.has(&da.font))
            })
        {
            report.warnings.push(format!(
                "{}: font /{} cannot be used for new text; drew it in Helvetica",
                t.name,
                String::from_utf8_lossy(&da.font)
            ));
        }
        if lossy {
            report.warnings.push(format!(
                "{}: characters outside Latin-1 are shown as ? in the appearance (the value itself is kept)",
                t.name
            ));
        }
        let mut fonts = Dictionary::new();
        fonts.set(font.name.clone(), font.object.clone());
        let mut res = Dictionary::new();
        res.set("Font", Object::Dictionary(fonts));
        let stream = frame.xobject(bytes, res);
        let sid = lo.add_object(stream);
        let mut ap = Dictionary::new();
        ap.set("N", Object::Reference(sid));
        set(lo, w.id, "AP", Object::Dictionary(ap));
        if let Some(d) = lo.objects.get_mut(&w.id).and_then(|o| o.as_dict_mut().ok()) {
            d.remove(b"AS");
        }
        report.appearances += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn suggestions() {
        let names = ["applicant.name", "applicant.email", "state", "agree"];
        assert_eq!(closest("applicant.nam", &names)[0], "applicant.name");
        assert_eq!(closest("stat", &names)[0], "state");
        assert!(closest("zzzzzzzzzz", &names).is_empty());
    }
}
