//! Grouped indexes for conditional aggregates (`SUMIFS`, `COUNTIFS`,
//! `AVERAGEIFS`, `MINIFS`, `MAXIFS` and the one-criterion forms) whose criteria
//! are all plain equality: one pass over the ranges groups the rows by the
//! values of their criteria cells and keeps each group's totals, so every
//! later call with the same ranges is one hash lookup instead of a scan.
//!
//! An index is built on the second call with the same ranges (a set of ranges
//! used once costs one scan, as before) and kept for the rest of the
//! calculation, like the exact-match lookup indexes: values never change once
//! computed, because evaluation follows dependency order. Criteria with an
//! operator (`">5"`, `"<>x"`), wildcards (`*`, `?`, `~`) or blank targets
//! (`""`, `"="`) always scan.

use std::sync::Arc;

use super::{Acc, Criterion, Ordering2, Target};
use crate::eval::interp::{Area, Ctx};
use crate::eval::keyed::KeyedMap;
use crate::value::{ErrorKind, Value, parse_number};

/// A cell value as equality criteria compare it: numbers (and numeric text) by
/// their exact bits (as `total_cmp` does), other text lower-cased character by character (as
/// `wildcard_match` does), logicals and errors as they are.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) enum CellKey {
    Num(u64),
    Text(Box<str>),
    Bool(bool),
    Error(ErrorKind),
}

fn fold(s: &str) -> Box<str> {
    if s.is_ascii() {
        s.to_ascii_lowercase().into()
    } else {
        s.chars()
            .flat_map(char::to_lowercase)
            .collect::<String>()
            .into()
    }
}

/// The key of a cell; `None` for a value no equality criterion can match
/// (empty cells, arrays).
fn cell_key(v: &Value) -> Option<CellKey> {
    match v {
        Value::Number(x) => Some(CellKey::Num(x.to_bits())),
        // Numeric text matches `=`/`<>` number criteria by its number, as in a scan
        // (`COUNTIF(A:A,7)` counts the text "7"); no text criterion can match it, since
        // criteria text that reads as a number is a number criterion.
        Value::Text(t) => Some(match parse_number(t) {
            Some(x) => CellKey::Num(x.to_bits()),
            None => CellKey::Text(fold(t)),
        }),
        Value::Bool(b) => Some(CellKey::Bool(*b)),
        Value::Error(e) => Some(CellKey::Error(*e)),
        Value::Empty | Value::Array(_) => None,
    }
}

impl Criterion {
    /// The one key a cell must have to match, for a plain equality criterion.
    fn eq_key(&self) -> Option<CellKey> {
        if self.op != Ordering2::Eq {
            return None;
        }
        match &self.target {
            Target::Number(n) => Some(CellKey::Num(n.to_bits())),
            Target::Bool(b) => Some(CellKey::Bool(*b)),
            Target::Error(e) => Some(CellKey::Error(*e)),
            Target::Text(p) if !p.contains(['*', '?', '~']) => Some(CellKey::Text(fold(p))),
            Target::Text(_) | Target::Blank => None,
        }
    }
}

/// Totals of the rows that match one combination of criteria values.
#[derive(Clone, Debug, Default)]
pub(crate) struct Group {
    /// Rows where every criterion holds.
    pub matches: u64,
    /// The target range's values on those rows.
    pub acc: Acc,
}

/// The target range and criteria ranges of one call.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct IndexKey {
    target: Area,
    conds: Box<[Area]>,
}

/// Rows grouped by their criteria cells' keys, in criteria order.
#[derive(Debug, Default)]
pub(crate) struct GroupIndex {
    groups: KeyedMap<Box<[CellKey]>, Group>,
}

/// What the calculation knows about one set of ranges.
#[derive(Debug)]
pub(crate) enum Slot {
    /// Seen once (scanned).
    Seen,
    /// Indexed.
    Built(Arc<GroupIndex>),
}

/// The matches of `conds` over `target`, from the grouped index of these
/// ranges; `None` when the call must scan (a criterion that is not plain
/// equality, ranges of different shapes, or the first call with these ranges).
/// `rows` and `cols` are the offsets the scan would visit.
pub(super) fn lookup(
    ctx: &mut Ctx<'_>,
    target: Area,
    conds: &[(Area, Criterion)],
    rows: u32,
    cols: u32,
) -> Option<Group> {
    if conds
        .iter()
        .any(|(a, _)| a.rows() != target.rows() || a.cols() != target.cols())
    {
        return None;
    }
    let want: Box<[CellKey]> = conds
        .iter()
        .map(|(_, c)| c.eq_key())
        .collect::<Option<_>>()?;
    // The ranges of the call before, compared without making a key.
    if let Some((k, ix)) = &ctx.cache.last_ifs
        && k.target == target
        && k.conds.iter().eq(conds.iter().map(|(a, _)| a))
    {
        return Some(ix.groups.get(&want).cloned().unwrap_or_default());
    }
    let key = IndexKey {
        target,
        conds: conds.iter().map(|(a, _)| *a).collect(),
    };
    let index = match ctx.cache.ifs.get(&key) {
        None => {
            ctx.cache.ifs.insert(key, Slot::Seen);
            return None;
        }
        Some(Slot::Built(ix)) => ix.clone(),
        Some(Slot::Seen) => {
            let ix = Arc::new(build(ctx, &key, rows, cols));
            ctx.cache.ifs.insert(key.clone(), Slot::Built(ix.clone()));
            ix
        }
    };
    ctx.cache.last_ifs = Some((key, index.clone()));
    Some(index.groups.get(&want).cloned().unwrap_or_default())
}

/// One pass over the ranges, in the order a scan visits them (column by
/// column, row by row), so each group's sum adds the same numbers in the
/// same order as a scan would.
fn build(ctx: &Ctx<'_>, key: &IndexKey, rows: u32, cols: u32) -> GroupIndex {
    let wb = ctx.wb;
    let get = |a: &Area, dr: u32, dc: u32| {
        wb.sheets
            .get(a.sheet as usize)
            .map_or(&Value::Empty, |s| s.get(a.r1 + dr, a.c1 + dc))
    };
    let mut ix = GroupIndex::default();
    let mut keys: Vec<CellKey> = Vec::with_capacity(key.conds.len());
    for dc in 0..cols {
        'row: for dr in 0..rows {
            keys.clear();
            for a in &key.conds {
                match cell_key(get(a, dr, dc)) {
                    Some(k) => keys.push(k),
                    None => continue 'row,
                }
            }
            let group = match ix.groups.get_mut(keys.as_slice()) {
                Some(g) => g,
                None => ix
                    .groups
                    .entry(keys.clone().into_boxed_slice())
                    .or_default(),
            };
            group.matches += 1;
            group.acc.add(get(&key.target, dr, dc));
        }
    }
    ix
}
