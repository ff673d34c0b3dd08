//! Lookup indexes: a hash index per lookup vector for exact matches (built
//! once, reused by every lookup into the same range), binary search for
//! approximate matches, linear scans only for wildcards and arrays.

use std::cmp::Ordering;
use std::sync::Arc;

use crate::eval::interp::{Area, Ctx};
use crate::eval::keyed::KeyedMap;
use crate::functions::text::wildcard_match;
use crate::value::{Array, Value, compare};

/// Hashable form of a lookup key: numbers by bits, text lower-cased.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Key {
    Num(u64),
    Text(Box<str>),
    Bool(bool),
}

pub(crate) fn key_of(v: &Value) -> Option<Key> {
    match v {
        Value::Number(n) => Some(Key::Num(if *n == 0.0 { 0 } else { n.to_bits() })),
        Value::Text(t) => Some(Key::Text(if t.is_ascii() {
            t.to_ascii_lowercase().into()
        } else {
            t.to_lowercase().into()
        })),
        Value::Bool(b) => Some(Key::Bool(*b)),
        _ => None,
    }
}

/// First and last position of every key in one vector.
#[derive(Debug, Default)]
pub(crate) struct ExactIndex {
    first: KeyedMap<Key, u32>,
    last: KeyedMap<Key, u32>,
}

/// Indexes built during one calculation, keyed by the vector's area. Values
/// never change once computed (evaluation follows dependency order), so an
/// index stays valid for the rest of the calculation.
#[derive(Debug, Default)]
pub(crate) struct LookupCache {
    exact: KeyedMap<Area, Arc<ExactIndex>>,
    /// The index used last (lookups in a column of formulas mostly use the
    /// same vector one after another).
    last_exact: Option<(Area, Arc<ExactIndex>)>,
    /// Grouped indexes of conditional aggregates, by their ranges.
    pub(crate) ifs: KeyedMap<
        crate::functions::criteria::index::IndexKey,
        crate::functions::criteria::index::Slot,
    >,
    /// The grouped index used last.
    pub(crate) last_ifs: Option<(
        crate::functions::criteria::index::IndexKey,
        Arc<crate::functions::criteria::index::GroupIndex>,
    )>,
}

/// A one-dimensional lookup vector: part of a sheet or of an array.
#[derive(Clone, Debug)]
pub(crate) enum Vector {
    /// A single row or column of a sheet.
    Area(Area),
    /// Row `Some(r)` or column `None`+col of an array.
    Array {
        arr: Arc<Array>,
        row: Option<usize>,
        col: usize,
    },
}

impl Vector {
    pub fn len(&self) -> usize {
        match self {
            Vector::Area(a) => (a.rows().max(a.cols())) as usize,
            Vector::Array {
                arr, row: Some(_), ..
            } => arr.cols,
            Vector::Array { arr, row: None, .. } => arr.rows,
        }
    }

    pub fn get(&self, ctx: &Ctx<'_>, i: usize) -> Value {
        let i32_ = u32::try_from(i).unwrap_or(u32::MAX);
        match self {
            Vector::Area(a) => {
                let (r, c) = if a.c1 == a.c2 {
                    (a.r1 + i32_, a.c1)
                } else {
                    (a.r1, a.c1 + i32_)
                };
                ctx.wb
                    .sheets
                    .get(a.sheet as usize)
                    .map_or(Value::Empty, |s| s.get(r, c).clone())
            }
            Vector::Array {
                arr, row: Some(r), ..
            } => arr.get(*r, i).cloned().unwrap_or_default(),
            Vector::Array {
                arr,
                row: None,
                col,
            } => arr.get(i, *col).cloned().unwrap_or_default(),
        }
    }
}

fn has_wildcard(v: &Value) -> bool {
    matches!(v, Value::Text(t) if t.contains(['*', '?', '~']))
}

/// Exact match (with wildcards for text when `wildcards`), first or last occurrence.
pub(crate) fn find_exact(
    ctx: &mut Ctx<'_>,
    vec: &Vector,
    needle: &Value,
    wildcards: bool,
    reverse: bool,
) -> Option<usize> {
    let n = vec.len();
    if wildcards && has_wildcard(needle) {
        let Value::Text(pat) = needle else {
            return None;
        };
        let hit = |i: usize| matches!(vec.get(ctx, i), Value::Text(t) if wildcard_match(pat, &t));
        return if reverse {
            (0..n).rev().find(|&i| hit(i))
        } else {
            (0..n).find(|&i| hit(i))
        };
    }
    let key = key_of(needle)?;
    match vec {
        Vector::Area(a) => {
            // The index used last serves as it is; another one is found or
            // built, and becomes the last.
            if ctx.cache.last_exact.as_ref().is_none_or(|(l, _)| l != a) {
                let idx = ctx.cache.exact.get(a).cloned().unwrap_or_else(|| {
                    let mut ix = ExactIndex::default();
                    let sheet = ctx.wb.sheets.get(a.sheet as usize);
                    let len = u32::try_from(n).unwrap_or(u32::MAX);
                    let used = sheet.map_or(0, |s| {
                        if a.c1 == a.c2 {
                            s.used_rows()
                        } else {
                            s.used_cols()
                        }
                    });
                    let start = if a.c1 == a.c2 { a.r1 } else { a.c1 };
                    for i in 0..len.min(used.saturating_sub(start)) {
                        if let Some(k) = key_of(&vec.get(ctx, i as usize)) {
                            ix.first.entry(k.clone()).or_insert(i);
                            ix.last.insert(k, i);
                        }
                    }
                    let ix = Arc::new(ix);
                    ctx.cache.exact.insert(*a, ix.clone());
                    ix
                });
                ctx.cache.last_exact = Some((*a, idx));
            }
            let idx = &ctx.cache.last_exact.as_ref()?.1;
            let map = if reverse { &idx.last } else { &idx.first };
            map.get(&key).map(|&i| i as usize)
        }
        Vector::Array { .. } => {
            let hit = |i: usize| key_of(&vec.get(ctx, i)).as_ref() == Some(&key);
            if reverse {
                (0..n).rev().find(|&i| hit(i))
            } else {
                (0..n).find(|&i| hit(i))
            }
        }
    }
}

fn same_type(a: &Value, b: &Value) -> bool {
    std::mem::discriminant(a) == std::mem::discriminant(b)
}

/// Binary search in a vector sorted ascending (or descending): the last
/// position whose value is `<= needle` (`>= needle` when descending), of the
/// needle's type, as Excel's approximate MATCH/VLOOKUP do.
pub(crate) fn find_sorted(
    ctx: &Ctx<'_>,
    vec: &Vector,
    needle: &Value,
    descending: bool,
) -> Option<usize> {
    let (mut lo, mut hi) = (0usize, vec.len());
    let mut found = None;
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let v = vec.get(ctx, mid);
        let ord = compare(&v, needle);
        let ok = if descending {
            ord != Ordering::Less
        } else {
            ord != Ordering::Greater
        };
        if ok && !v.is_empty() {
            found = Some(mid);
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    let i = found?;
    if !same_type(&vec.get(ctx, i), needle) {
        return None;
    }
    Some(i)
}

/// Linear search for XLOOKUP/XMATCH's next-smaller (`-1`) or next-larger (`1`) modes.
pub(crate) fn find_nearest(
    ctx: &Ctx<'_>,
    vec: &Vector,
    needle: &Value,
    mode: i8,
    reverse: bool,
) -> Option<usize> {
    let n = vec.len();
    let mut best: Option<(usize, Value)> = None;
    let order: Box<dyn Iterator<Item = usize>> = if reverse {
        Box::new((0..n).rev())
    } else {
        Box::new(0..n)
    };
    for i in order {
        let v = vec.get(ctx, i);
        if !same_type(&v, needle) {
            continue;
        }
        let ord = compare(&v, needle);
        if ord == Ordering::Equal {
            return Some(i);
        }
        let side = if mode < 0 {
            Ordering::Less
        } else {
            Ordering::Greater
        };
        if ord == side {
            let better = match &best {
                None => true,
                Some((_, b)) => compare(&v, b) == side.reverse(),
            };
            if better {
                best = Some((i, v));
            }
        }
    }
    best.map(|(i, _)| i)
}
