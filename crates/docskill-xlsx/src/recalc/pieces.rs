//! Large rewritten worksheets patched and deflated in pieces, each piece in
//! one task on the caller's pool ([`docskill_opc::deflate::deflate_pieces`]).
//!
//! The part's bytes are cut into ranges of about [`CHUNK`] bytes, never inside
//! an edited cell, so each range can be patched on its own; the cuts depend
//! only on the part and its edits, so the output does not depend on the pool.
//! A task makes its compressor's dictionary (the last 32 KiB of patched
//! output before its range) by patching the end of the range before it again.

use std::ops::Range;

use docskill_opc::deflate::{CHUNK, Deflated, WINDOW, deflate_pieces};
use docskill_opc::pool::Pool;

use super::patch::{Edit, patch_range};
use crate::edit::CachedValue;
use crate::error::{Error, Result};

/// Where a cut meant for `p` goes: `p`, or the start of the edited cell that
/// `p` falls inside.
fn cut_at<E: Edit>(edits: &[E], p: usize) -> usize {
    let i = edits.partition_point(|e| e.span().1 <= p);
    match edits.get(i).map(Edit::span) {
        Some((a, _)) if a < p => a,
        _ => p,
    }
}

/// The cuts of a part of `len` bytes into ranges of about `size` bytes: `0`,
/// then ascending positions that are not inside an edited cell, then `len`.
/// A range is shorter than `size` when a cut moves back to a cell's start
/// (the last range may be as short as one byte) and longer after a cell
/// larger than `size`.
pub(crate) fn cuts<E: Edit>(len: usize, edits: &[E], size: usize) -> Vec<usize> {
    let size = size.max(1);
    let mut cuts = Vec::with_capacity(len / size + 2);
    cuts.push(0);
    let mut target = size;
    while target < len {
        let c = cut_at(edits, target);
        if cuts.last().is_some_and(|&last| c > last) {
            cuts.push(c);
        }
        target += size;
    }
    if len > 0 {
        cuts.push(len);
    }
    cuts
}

/// The edits that start inside `range`.
fn edits_in<E: Edit>(edits: &[E], range: Range<usize>) -> &[E] {
    let from = edits.partition_point(|e| e.span().0 < range.start);
    let to = edits.partition_point(|e| e.span().0 < range.end);
    edits.get(from..to).unwrap_or_default()
}

/// The end of the patched part before `start` (a cut), at least its last
/// [`WINDOW`] bytes (or all, when fewer), into `dict`: patched again, taking
/// twice as much each time until it gives [`WINDOW`] bytes or reaches the
/// part's start.
fn tail_before<E: Edit>(
    xml: &[u8],
    edits: &[E],
    start: usize,
    value: &impl Fn(E::Key) -> CachedValue,
    dict: &mut Vec<u8>,
) -> Result<()> {
    let mut back = WINDOW;
    loop {
        let from = cut_at(edits, start.saturating_sub(back));
        dict.clear();
        patch_range(xml, from..start, edits_in(edits, from..start), value, dict)?;
        if dict.len() >= WINDOW || from == 0 {
            return Ok(());
        }
        back = back.saturating_mul(2);
    }
}

/// The part with the cells at `edits` (as [`super::patch::patch_into`] takes
/// them) rewritten to hold `value(key)`, deflated, with ranges of about
/// `size` bytes patched and compressed as tasks on `pool`.
///
/// # Errors
/// As [`super::patch::patch_into`]: [`Error::Read`] for spans out of order
/// or out of the part, before any work starts.
pub(crate) fn patch_deflated<E: Edit>(
    xml: &[u8],
    edits: &[E],
    value: &(impl Fn(E::Key) -> CachedValue + Sync),
    size: usize,
    pool: Pool<'_>,
) -> Result<Deflated> {
    // Cuts and ranges are found by binary search: the spans must be in order.
    let mut at = 0;
    for e in edits {
        let (a, b) = e.span();
        if a < at || a > b || b > xml.len() {
            return Err(Error::Read("overlapping cell spans".into()));
        }
        at = b;
    }
    let cuts = cuts(xml.len(), edits, size);
    let produce = |i: usize, dict: &mut Vec<u8>, data: &mut Vec<u8>| -> Result<()> {
        let (start, end) = (cuts[i], cuts[i + 1]);
        patch_range(xml, start..end, edits_in(edits, start..end), value, data)?;
        tail_before(xml, edits, start, value, dict)
    };
    deflate_pieces(cuts.len().saturating_sub(1), produce, pool)
}

/// [`patch_deflated`] with ranges of [`CHUNK`] bytes.
///
/// # Errors
/// As [`super::patch::patch_into`].
pub(crate) fn patch_deflated_chunks<E: Edit>(
    xml: &[u8],
    edits: &[E],
    value: &(impl Fn(E::Key) -> CachedValue + Sync),
    pool: Pool<'_>,
) -> Result<Deflated> {
    patch_deflated(xml, edits, value, CHUNK, pool)
}

#[cfg(test)]
mod tests;
