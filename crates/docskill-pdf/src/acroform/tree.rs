//! Walking the field tree: terminal fields with inherited attributes and
//! their widgets.

use std::collections::{HashMap, HashSet};

use lopdf::{Dictionary, Object, ObjectId};
use serde_json::Value;

use super::encoding::object_text;
use super::model::{ChoiceOption, Field, FieldKind, Form, RadioOption};
use crate::Document;
use crate::document::{dict_of, resolve};

/// Field flags (`/Ff`) by bit.
pub(crate) mod ff {
    pub const READ_ONLY: i64 = 1;
    pub const REQUIRED: i64 = 1 << 1;
    pub const MULTILINE: i64 = 1 << 12;
    pub const PASSWORD: i64 = 1 << 13;
    pub const NO_TOGGLE_TO_OFF: i64 = 1 << 14;
    pub const RADIO: i64 = 1 << 15;
    pub const PUSHBUTTON: i64 = 1 << 16;
    pub const COMBO: i64 = 1 << 17;
    pub const EDIT: i64 = 1 << 18;
    pub const MULTI_SELECT: i64 = 1 << 21;
    pub const COMB: i64 = 1 << 24;
}

const MAX_DEPTH: usize = 64;
const MAX_FIELDS: usize = 100_000;

/// A widget annotation of a field.
#[derive(Debug, Clone)]
pub(crate) struct Widget {
    pub id: ObjectId,
    pub page: Option<u32>,
    pub rect: Option<[f64; 4]>,
    /// Names in `/AP /N` other than `Off` (the on-states).
    pub on_states: Vec<Vec<u8>>,
}

/// A terminal field with inherited attributes resolved.
#[derive(Debug, Clone)]
pub(crate) struct Terminal {
    /// The field dictionary (holds `/V`).
    pub id: ObjectId,
    pub name: String,
    pub kind: FieldKind,
    pub flags: i64,
    pub value: Option<Object>,
    pub default: Option<Object>,
    pub tooltip: Option<String>,
    pub da: Option<Vec<u8>>,
    pub quadding: i64,
    pub max_len: Option<u32>,
    /// `(export value, display text)` of a choice field.
    pub options: Vec<(String, String)>,
    /// `/Opt` of a checkbox or radio group (export values by widget index).
    pub button_opt: Vec<String>,
    pub widgets: Vec<Widget>,
}

impl Terminal {
    /// The first widget's page and rectangle.
    pub fn position(&self) -> (Option<u32>, Option<[f64; 4]>) {
        self.widgets
            .first()
            .map_or((None, None), |w| (w.page, w.rect))
    }

    /// The user-facing value of an on-state: the `/Opt` text for an index
    /// state, the state name otherwise.
    pub fn state_value(&self, widget_index: usize, state: &[u8]) -> String {
        if let Some(t) = self.button_opt.get(widget_index) {
            return t.clone();
        }
        String::from_utf8_lossy(state).into_owned()
    }
}

#[derive(Clone, Default)]
struct Inherited {
    name: String,
    ft: Option<Vec<u8>>,
    ff: Option<i64>,
    v: Option<Object>,
    dv: Option<Object>,
    da: Option<Vec<u8>>,
    q: Option<i64>,
    max_len: Option<i64>,
    opt: Option<Object>,
}

/// Rectangle `[l, b, r, t]` of a dictionary entry.
pub(crate) fn rect_of(doc: &lopdf::Document, o: Option<&Object>) -> Option<[f64; 4]> {
    crate::document::rect(doc, o)
}

/// Map from annotation object to 1-based page number.
pub(crate) fn annot_pages(doc: &Document) -> HashMap<ObjectId, u32> {
    let mut map = HashMap::new();
    let lo = doc.lopdf();
    for (i, page) in doc.pages().iter().enumerate() {
        let Some(pd) = lo.objects.get(&page.id).and_then(|o| o.as_dict().ok()) else {
            continue;
        };
        if let Some(annots) = pd
            .get(b"Annots")
            .ok()
            .and_then(|a| resolve(lo, a).as_array().ok())
        {
            for a in annots {
                if let Object::Reference(id) = a {
                    map.entry(*id)
                        .or_insert(u32::try_from(i + 1).unwrap_or(u32::MAX));
                }
            }
        }
    }
    map
}

/// The `AcroForm` dictionary.
pub(crate) fn acroform(doc: &lopdf::Document) -> Option<&Dictionary> {
    let cat = doc.catalog().ok()?;
    dict_of(doc, cat.get(b"AcroForm").ok()?)
}

fn name_of(o: &Object) -> Option<Vec<u8>> {
    o.as_name().ok().map(<[u8]>::to_vec)
}

/// Every terminal field, in tree order.
#[expect(clippy::too_many_lines, reason = "one walk with inheritance")]
pub(crate) fn terminals(doc: &Document) -> Vec<Terminal> {
    let lo = doc.lopdf();
    let Some(form) = acroform(lo) else {
        return Vec::new();
    };
    let pages = annot_pages(doc);
    let page_index: HashMap<ObjectId, u32> = doc
        .pages()
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id, u32::try_from(i + 1).unwrap_or(u32::MAX)))
        .collect();
    let root_da = form
        .get(b"DA")
        .ok()
        .and_then(|o| resolve(lo, o).as_str().ok())
        .map(<[u8]>::to_vec);
    let Some(roots) = form
        .get(b"Fields")
        .ok()
        .and_then(|f| resolve(lo, f).as_array().ok())
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    let base = Inherited {
        da: root_da,
        ..Inherited::default()
    };
    let mut stack: Vec<(Object, Inherited, usize)> = roots
        .iter()
        .rev()
        .map(|r| (r.clone(), base.clone(), 0))
        .collect();
    while let Some((node, parent, depth)) = stack.pop() {
        if depth > MAX_DEPTH || out.len() >= MAX_FIELDS {
            continue;
        }
        let Object::Reference(id) = node else {
            continue;
        };
        if !seen.insert(id) {
            continue;
        }
        let Some(d) = dict_of(lo, &node) else {
            continue;
        };
        let mut inh = parent;
        let get = |k: &[u8]| d.get(k).ok().map(|o| resolve(lo, o));
        if let Some(t) = get(b"T").and_then(object_text) {
            inh.name = if inh.name.is_empty() {
                t
            } else {
                format!("{}.{t}", inh.name)
            };
        }
        if let Some(ft) = get(b"FT").and_then(name_of) {
            inh.ft = Some(ft);
        }
        if let Some(ff) = get(b"Ff").and_then(|o| o.as_i64().ok()) {
            inh.ff = Some(ff);
        }
        if let Some(v) = get(b"V") {
            inh.v = Some(v.clone());
        }
        if let Some(v) = get(b"DV") {
            inh.dv = Some(v.clone());
        }
        if let Some(v) = get(b"DA").and_then(|o| o.as_str().ok()) {
            inh.da = Some(v.to_vec());
        }
        if let Some(v) = get(b"Q").and_then(|o| o.as_i64().ok()) {
            inh.q = Some(v);
        }
        if let Some(v) = get(b"MaxLen").and_then(|o| o.as_i64().ok()) {
            inh.max_len = Some(v);
        }
        if let Some(v) = get(b"Opt") {
            inh.opt = Some(v.clone());
        }
        let kids: Vec<Object> = get(b"Kids")
            .and_then(|k| k.as_array().ok())
            .cloned()
            .unwrap_or_default();
        let kid_is_field = |k: &Object| {
            dict_of(lo, k).is_some_and(|kd| kd.has(b"T") || kd.has(b"FT") && !kd.has(b"Rect"))
        };
        if kids.iter().any(kid_is_field) {
            for k in kids.iter().rev() {
                if kid_is_field(k) {
                    stack.push((k.clone(), inh.clone(), depth + 1));
                }
            }
            continue;
        }
        let widget_ids: Vec<ObjectId> = if kids.is_empty() {
            vec![id]
        } else {
            kids.iter()
                .filter_map(|k| match k {
                    Object::Reference(r) => Some(*r),
                    _ => None,
                })
                .collect()
        };
        let widgets = widget_ids
            .into_iter()
            .filter_map(|wid| {
                let wd = lo.objects.get(&wid).and_then(|o| o.as_dict().ok())?;
                let page = pages.get(&wid).copied().or_else(|| match wd.get(b"P") {
                    Ok(Object::Reference(p)) => page_index.get(p).copied(),
                    _ => None,
                });
                let on_states = wd
                    .get(b"AP")
                    .ok()
                    .and_then(|ap| dict_of(lo, ap))
                    .and_then(|ap| ap.get(b"N").ok())
                    .and_then(|n| match resolve(lo, n) {
                        Object::Dictionary(nd) => Some(
                            nd.iter()
                                .map(|(k, _)| k.clone())
                                .filter(|k| k.as_slice() != b"Off")
                                .collect(),
                        ),
                        _ => None,
                    })
                    .unwrap_or_default();
                Some(Widget {
                    id: wid,
                    page,
                    rect: rect_of(lo, wd.get(b"Rect").ok()),
                    on_states,
                })
            })
            .collect();
        let ff = inh.ff.unwrap_or(0);
        let kind = match inh.ft.as_deref() {
            Some(b"Tx") => FieldKind::Text,
            Some(b"Ch") => FieldKind::Choice,
            Some(b"Sig") => FieldKind::Signature,
            Some(b"Btn") if ff & ff::PUSHBUTTON != 0 => FieldKind::Button,
            Some(b"Btn") if ff & ff::RADIO != 0 => FieldKind::RadioGroup,
            Some(b"Btn") => FieldKind::Checkbox,
            _ => continue,
        };
        let opt_list: Vec<Object> = inh
            .opt
            .as_ref()
            .and_then(|o| o.as_array().ok())
            .cloned()
            .unwrap_or_default();
        let (options, button_opt) = if kind == FieldKind::Choice {
            let opts = opt_list
                .iter()
                .filter_map(|o| match resolve(lo, o) {
                    Object::Array(pair) if pair.len() >= 2 => Some((
                        object_text(resolve(lo, &pair[0]))?,
                        object_text(resolve(lo, &pair[1]))?,
                    )),
                    other => object_text(other).map(|t| (t.clone(), t)),
                })
                .collect();
            (opts, Vec::new())
        } else if matches!(kind, FieldKind::Checkbox | FieldKind::RadioGroup) {
            let texts = opt_list
                .iter()
                .filter_map(|o| object_text(resolve(lo, o)))
                .collect();
            (Vec::new(), texts)
        } else {
            (Vec::new(), Vec::new())
        };
        out.push(Terminal {
            id,
            name: inh.name.clone(),
            kind,
            flags: ff,
            value: inh.v.clone(),
            default: inh.dv.clone(),
            tooltip: get(b"TU").and_then(object_text),
            da: inh.da.clone(),
            quadding: inh.q.unwrap_or(0),
            max_len: inh.max_len.and_then(|m| u32::try_from(m).ok()),
            options,
            button_opt,
            widgets,
        });
    }
    out
}

fn flag_names(kind: FieldKind, ff: i64) -> Vec<&'static str> {
    let mut v = Vec::new();
    let mut add = |bit: i64, name| {
        if ff & bit != 0 {
            v.push(name);
        }
    };
    add(ff::REQUIRED, "required");
    add(ff::READ_ONLY, "read_only");
    match kind {
        FieldKind::Text => {
            add(ff::MULTILINE, "multiline");
            add(ff::PASSWORD, "password");
            add(ff::COMB, "comb");
        }
        FieldKind::Choice => {
            add(ff::COMBO, "combo");
            add(ff::EDIT, "editable");
            add(ff::MULTI_SELECT, "multi_select");
        }
        FieldKind::RadioGroup => add(ff::NO_TOGGLE_TO_OFF, "no_toggle_to_off"),
        _ => {}
    }
    v
}

/// The JSON value of `/V` (or `/DV`) of field `t`.
fn value_json(t: &Terminal, v: Option<&Object>) -> Option<Value> {
    let v = v?;
    match t.kind {
        FieldKind::Checkbox => Some(Value::Bool(
            v.as_name().is_ok_and(|n| n != b"Off" && !n.is_empty()),
        )),
        FieldKind::RadioGroup => {
            let state = v.as_name().ok()?;
            if state == b"Off" {
                return None;
            }
            let value = t
                .widgets
                .iter()
                .enumerate()
                .find(|(_, w)| w.on_states.iter().any(|s| s == state))
                .map_or_else(
                    || String::from_utf8_lossy(state).into_owned(),
                    |(i, _)| t.state_value(i, state),
                );
            Some(Value::String(value))
        }
        FieldKind::Choice => match v {
            Object::Array(a) => Some(Value::Array(
                a.iter()
                    .filter_map(object_text)
                    .map(Value::String)
                    .collect(),
            )),
            other => object_text(other).map(Value::String),
        },
        FieldKind::Text => object_text(v).map(Value::String),
        FieldKind::Signature | FieldKind::Button => None,
    }
}

fn to_field(t: &Terminal) -> Field {
    let (page, rect) = t.position();
    let (checked, unchecked) = if t.kind == FieldKind::Checkbox {
        let on = t
            .widgets
            .iter()
            .find_map(|w| w.on_states.first())
            .map_or_else(
                || "Yes".to_owned(),
                |s| String::from_utf8_lossy(s).into_owned(),
            );
        (Some(on), Some("Off".to_owned()))
    } else {
        (None, None)
    };
    let radio_options = if t.kind == FieldKind::RadioGroup {
        t.widgets
            .iter()
            .enumerate()
            .filter_map(|(i, w)| {
                Some(RadioOption {
                    value: t.state_value(i, w.on_states.first()?),
                    page: w.page,
                    rect: w.rect,
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    Field {
        field_id: t.name.clone(),
        kind: t.kind,
        page,
        rect,
        value: value_json(t, t.value.as_ref()),
        default: value_json(t, t.default.as_ref()),
        description: t.tooltip.clone(),
        flags: flag_names(t.kind, t.flags),
        max_len: t.max_len.filter(|_| t.kind == FieldKind::Text),
        checked_value: checked,
        unchecked_value: unchecked,
        radio_options,
        choice_options: t
            .options
            .iter()
            .map(|(v, d)| ChoiceOption {
                value: v.clone(),
                text: d.clone(),
            })
            .collect(),
    }
}

/// Sort key: page (none last), top descending, left ascending.
pub(crate) fn reading_order(a: &Field, b: &Field) -> std::cmp::Ordering {
    let page = |f: &Field| f.page.unwrap_or(u32::MAX);
    let top = |f: &Field| f.rect.map_or(0.0, |r| r[3]);
    let left = |f: &Field| f.rect.map_or(0.0, |r| r[0]);
    page(a)
        .cmp(&page(b))
        .then(top(b).total_cmp(&top(a)))
        .then(left(a).total_cmp(&left(b)))
        .then(a.field_id.cmp(&b.field_id))
}

/// Lists the form: every terminal field with its properties, by page then
/// top to bottom.
pub fn fields(doc: &Document) -> Form {
    let lo = doc.lopdf();
    let form = acroform(lo);
    let xfa = form.is_some_and(|f| f.has(b"XFA"));
    let need_appearances = form
        .and_then(|f| f.get(b"NeedAppearances").ok())
        .is_some_and(|o| resolve(lo, o).as_bool().unwrap_or(false));
    let mut fields: Vec<Field> = terminals(doc).iter().map(to_field).collect();
    fields.sort_by(reading_order);
    Form {
        xfa,
        xfa_only: xfa && fields.is_empty(),
        need_appearances,
        fields,
    }
}
