//! Edits recorded as native tracked changes.
//!
//! A paragraph's matchable text is the concatenation of its visible `w:t`
//! (and tabs and breaks), leaving out text already deleted by a revision and
//! field instructions. A match may span any number of runs. Runs are split at
//! the match boundaries, the runs inside are wrapped in `w:del` (their `w:t`
//! become `w:delText`, their run properties stay), and the new text goes in a
//! `w:ins` run that takes the properties of the first replaced run. Common
//! leading and trailing words of the old and new text stay unmarked.

use docskill_opc::xml::dom::{Element, Node};

use crate::document::{Docx, Loc, is_w};
use crate::{Error, Result};

/// Who makes the edits, and when (`date` as ISO 8601; omitted when `None`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    /// Author shown in Word's review pane.
    pub author: String,
    /// `w:date` of each revision, e.g. `2026-11-22T00:00:00Z`.
    pub date: Option<String>,
}

/// Which match an edit applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Occurrence {
    /// The first in reading order.
    First,
    /// The last.
    Last,
    /// Every match.
    All,
    /// The n-th (1-based).
    Nth(usize),
}

/// One edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// Replace text (tracked). `find` may span runs with different formatting.
    Replace {
        /// Text to find (outside deleted text).
        find: String,
        /// New text (empty: a deletion).
        replace: String,
        /// Which match; `None` requires exactly one.
        occurrence: Option<Occurrence>,
        /// Only in the paragraph at this address.
        within: Option<String>,
        /// Match case (default true).
        match_case: bool,
        /// Only whole words.
        whole_word: bool,
    },
    /// Insert text before or after an anchor: text to find, or a paragraph address.
    Insert {
        /// Text to insert.
        text: String,
        /// Anchor text or address.
        anchor: String,
        /// After the anchor (else before).
        after: bool,
        /// Which match of an anchor text.
        occurrence: Option<Occurrence>,
    },
    /// Insert a new paragraph (tracked) before or after the paragraph at `address`.
    InsertParagraph {
        /// Neighbouring paragraph.
        address: String,
        /// After it (else before).
        after: bool,
        /// The new paragraph's text.
        text: String,
        /// Paragraph style id (default: the neighbour's).
        style: Option<String>,
    },
    /// Delete a paragraph's text and its paragraph mark (tracked).
    DeleteParagraph {
        /// The paragraph.
        address: String,
    },
}

impl Edit {
    /// A replacement of the only match of `find`.
    pub fn replace(find: &str, replace: &str) -> Self {
        Self::Replace {
            find: find.to_owned(),
            replace: replace.to_owned(),
            occurrence: None,
            within: None,
            match_case: true,
            whole_word: false,
        }
    }
}

/// What one edit changed: the addresses of the paragraphs it touched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// Addresses touched, in order.
    pub addresses: Vec<String>,
    /// The edit changed text that is a field's result (a date, a page number,
    /// a FILENAME...), which Word replaces when it updates fields.
    pub in_field_result: bool,
}

/// Where each case-sensitive needle of a batch can match: the paragraphs that
/// held it when the batch started, plus every paragraph an earlier edit of the
/// batch touched (the only places new text appears). One Aho-Corasick pass
/// builds it, so a batch of N edits does not scan the document N times.
#[derive(Debug, Clone, Default)]
pub(crate) struct SearchPlan {
    candidates: std::collections::HashMap<String, Vec<usize>>,
    touched: std::collections::BTreeSet<usize>,
}

impl SearchPlan {
    /// The paragraphs to search for `needle`, in order; `None`: search all.
    fn paragraphs(&self, needle: &str) -> Option<Vec<usize>> {
        let c = self.candidates.get(needle)?;
        let mut v: Vec<usize> = c
            .iter()
            .copied()
            .chain(self.touched.iter().copied())
            .collect();
        v.sort_unstable();
        v.dedup();
        Some(v)
    }
}

/// A piece of matchable text: a `w:t`, tab or break inside a run.
#[derive(Debug, Clone)]
pub(crate) struct Atom {
    /// Path from the paragraph to the run.
    pub(crate) run: Vec<usize>,
    /// Index of the leaf inside the run.
    leaf: usize,
    /// Byte offset in the paragraph's matchable text.
    pub(crate) start: usize,
    pub(crate) len: usize,
    /// True for `w:t` (splittable).
    is_text: bool,
}

pub(crate) fn atoms(p: &Element, w: &str) -> (String, Vec<Atom>) {
    let mut text = String::new();
    let mut out = Some(Vec::new());
    collect(p, w, &mut Vec::new(), &mut Vec::new(), &mut text, &mut out);
    (text, out.unwrap_or_default())
}

/// The matchable text alone, without recording where each piece lives.
pub(crate) fn matchable_text(p: &Element, w: &str) -> String {
    let mut text = String::new();
    collect(p, w, &mut Vec::new(), &mut Vec::new(), &mut text, &mut None);
    text
}

fn collect(
    el: &Element,
    w: &str,
    path: &mut Vec<usize>,
    fields: &mut Vec<bool>,
    text: &mut String,
    out: &mut Option<Vec<Atom>>,
) {
    for (i, n) in el.children.iter().enumerate() {
        let Node::Element(c) = n else { continue };
        let ours = c.name.strip_prefix(w).is_some_and(|r| r.starts_with(':'));
        let local = c.local();
        path.push(i);
        match local {
            "pPr" | "rPr" | "del" | "moveFrom" | "p" | "tbl" | "Fallback"
                if ours || local == "Fallback" => {}
            "r" if ours => {
                for (j, leaf) in c.children.iter().enumerate() {
                    let Node::Element(leaf) = leaf else { continue };
                    if !leaf.name.starts_with(w) {
                        continue;
                    }
                    let in_instr = fields.last() == Some(&true);
                    let piece = match leaf.local() {
                        "fldChar" => {
                            match leaf.attr(&format!("{w}:fldCharType")) {
                                Some("begin") => fields.push(true),
                                Some("separate") => {
                                    if let Some(f) = fields.last_mut() {
                                        *f = false;
                                    }
                                }
                                Some("end") => {
                                    fields.pop();
                                }
                                _ => {}
                            }
                            None
                        }
                        _ if in_instr => None,
                        "t" => Some((leaf.text(), true)),
                        "tab" => Some(("\t".to_owned(), false)),
                        "br" | "cr" => Some(("\n".to_owned(), false)),
                        _ => None,
                    };
                    if let Some((t, is_text)) = piece.filter(|(t, _)| !t.is_empty()) {
                        let Some(out) = out.as_mut() else {
                            text.push_str(&t);
                            continue;
                        };
                        out.push(Atom {
                            run: path.clone(),
                            leaf: j,
                            start: text.len(),
                            len: t.len(),
                            is_text,
                        });
                        text.push_str(&t);
                    }
                }
            }
            _ => collect(c, w, path, fields, text, out),
        }
        path.pop();
    }
}

/// The element at a child-index path (paths come from `reindex`, so they exist).
fn element_at<'a>(root: &'a Element, path: &[usize]) -> &'a Element {
    let mut e = root;
    for &k in path {
        if let Some(Node::Element(c)) = e.children.get(k) {
            e = c;
        }
    }
    e
}

pub(crate) fn get<'a>(root: &'a Element, path: &[usize]) -> &'a Element {
    path.iter().fold(root, |e, &i| match &e.children[i] {
        Node::Element(c) => c,
        _ => unreachable!("atom paths point at elements"),
    })
}

pub(crate) fn get_mut<'a>(root: &'a mut Element, path: &[usize]) -> &'a mut Element {
    path.iter().fold(root, |e, &i| match &mut e.children[i] {
        Node::Element(c) => c,
        _ => unreachable!("atom paths point at elements"),
    })
}

fn preserve(t: &mut Element) {
    let text = t.text();
    if text.starts_with(char::is_whitespace) || text.ends_with(char::is_whitespace) {
        t.set_attr("xml:space", "preserve");
    }
}

/// Make sure a run boundary falls at byte `off` of the matchable text.
pub(crate) fn split_at(p: &mut Element, ctx: &mut Ctx<'_>, off: usize) {
    let w = ctx.w;
    let (_, atoms) = atoms(p, w);
    let Some(i) = atoms
        .iter()
        .position(|a| a.start + a.len > off && a.start <= off)
    else {
        return;
    };
    let a = &atoms[i];
    if a.start == off {
        // Boundary between two atoms: split only if the previous atom is in the same run.
        let Some(prev) = i.checked_sub(1).map(|j| &atoms[j]) else {
            return;
        };
        if prev.run != a.run {
            return;
        }
        split_run(p, ctx, &a.run, a.leaf, None);
    } else if a.is_text {
        split_run(p, ctx, &a.run, a.leaf, Some(off - a.start));
    }
}

/// Split the run at `run_path` before child `leaf` (or inside its text at byte `at`).
fn split_run(
    p: &mut Element,
    ctx: &mut Ctx<'_>,
    run_path: &[usize],
    leaf: usize,
    at: Option<usize>,
) {
    let id_key = format!("{}:id", ctx.w);
    let run = get_mut(p, run_path);
    let mut rpr: Vec<Node> = run
        .children
        .iter()
        .filter(|n| matches!(n, Node::Element(e) if e.local() == "rPr"))
        .cloned()
        .collect();
    // A formatting revision copied into the second half needs an id of its own.
    for n in &mut rpr {
        if let Node::Element(r) = n {
            for change in r.elements_mut().filter(|e| e.local() == "rPrChange") {
                change.set_attr(&id_key, ctx.take_id().to_string());
            }
        }
    }
    let mut tail: Vec<Node> = match at {
        Some(at) => {
            let Node::Element(t) = &mut run.children[leaf] else {
                return;
            };
            let full = t.text();
            let mut second = Element {
                name: t.name.clone(),
                attrs: t.attrs.clone(),
                children: Vec::new(),
            };
            second.children.push(Node::Text(full[at..].to_owned()));
            t.children = vec![Node::Text(full[..at].to_owned())];
            preserve(t);
            preserve(&mut second);
            let mut rest = vec![Node::Element(second)];
            rest.extend(run.children.drain(leaf + 1..));
            rest
        }
        None => run.children.drain(leaf..).collect(),
    };
    let mut second = Element {
        name: run.name.clone(),
        attrs: run.attrs.clone(),
        children: rpr,
    };
    second.children.append(&mut tail);
    let (parent_path, idx) = run_path.split_at(run_path.len() - 1);
    get_mut(p, parent_path)
        .children
        .insert(idx[0] + 1, Node::Element(second));
}

/// The ids in use anywhere in the document (revisions, bookmarks, comments share one space).
pub(crate) fn max_id(d: &Docx) -> u64 {
    fn walk(e: &Element, key: &str, max: &mut u64) {
        if let Some(v) = e.attr(key).and_then(|v| v.parse::<u64>().ok()) {
            *max = (*max).max(v);
        }
        for c in e.elements() {
            walk(c, key, max);
        }
    }
    let mut max = 0;
    for s in &d.stories {
        walk(&s.doc.root, &format!("{}:id", s.w), &mut max);
    }
    max
}

pub(crate) struct Ctx<'a> {
    pub(crate) w: &'a str,
    pub(crate) who: &'a Revision,
    pub(crate) next_id: &'a mut u64,
}

impl Ctx<'_> {
    fn take_id(&mut self) -> u64 {
        *self.next_id += 1;
        *self.next_id
    }

    fn mark(&mut self, local: &str) -> Element {
        let id = self.take_id();
        self.mark_with_id(local, id)
    }

    fn mark_with_id(&self, local: &str, id: u64) -> Element {
        let mut e = Element::new(format!("{}:{local}", self.w))
            .with_attr(format!("{}:id", self.w), id.to_string())
            .with_attr(format!("{}:author", self.w), self.who.author.clone());
        if let Some(d) = &self.who.date {
            e.set_attr(&format!("{}:date", self.w), d.clone());
        }
        e
    }

    fn is(&self, e: &Element, local: &str) -> bool {
        is_w(e, self.w, local)
    }

    fn author_of(&self, e: &Element) -> Option<String> {
        e.attr(&format!("{}:author", self.w)).map(str::to_owned)
    }

    /// A run holding `text` with run properties `rpr`.
    pub(crate) fn run(&self, text: &str, rpr: Option<Element>) -> Element {
        let mut r = Element::new(format!("{}:r", self.w));
        if let Some(rpr) = rpr {
            r.children.push(Node::Element(rpr));
        }
        // Tabs and line breaks become their own elements.
        let mut buf = String::new();
        let flush = |buf: &mut String, r: &mut Element| {
            if !buf.is_empty() {
                let mut t = Element::new(format!("{}:t", self.w))
                    .with_child(Node::Text(std::mem::take(buf)));
                preserve(&mut t);
                r.children.push(Node::Element(t));
            }
        };
        for ch in text.chars() {
            match ch {
                '\t' => {
                    flush(&mut buf, &mut r);
                    r.children
                        .push(Node::Element(Element::new(format!("{}:tab", self.w))));
                }
                '\n' => {
                    flush(&mut buf, &mut r);
                    r.children
                        .push(Node::Element(Element::new(format!("{}:br", self.w))));
                }
                c => buf.push(c),
            }
        }
        flush(&mut buf, &mut r);
        r
    }
}

fn rpr_of(run: &Element, w: &str) -> Option<Element> {
    run.elements().find(|e| is_w(e, w, "rPr")).map(|r| {
        let mut r = r.clone();
        r.children
            .retain(|n| !matches!(n, Node::Element(e) if is_w(e, w, "rPrChange")));
        r
    })
}

/// Turn a run's text into deleted text.
fn to_deleted(run: &mut Element, w: &str) {
    for c in run.elements_mut() {
        if is_w(c, w, "t") {
            c.name = format!("{w}:delText");
            preserve(c);
        } else if is_w(c, w, "instrText") {
            c.name = format!("{w}:delInstrText");
        }
    }
}

/// Replace bytes `[ds, de)` of paragraph `p`'s matchable text with `new` (tracked).
fn tracked_replace(p: &mut Element, ctx: &mut Ctx<'_>, ds: usize, de: usize, new: &str) {
    let w = ctx.w.to_owned();
    split_at(p, ctx, de);
    split_at(p, ctx, ds);
    let (_, atoms) = atoms(p, &w);
    // Runs entirely inside the range, in document order, without repeats.
    let mut runs: Vec<Vec<usize>> = Vec::new();
    for a in atoms
        .iter()
        .filter(|a| a.start >= ds && a.start + a.len <= de)
    {
        if runs.last() != Some(&a.run) {
            runs.push(a.run.clone());
        }
    }
    // Run properties for the new text: the first replaced run, else the one before the point.
    let rpr = match runs.first() {
        Some(r) => rpr_of(get(p, r), &w),
        None => atoms
            .iter()
            .rev()
            .find(|a| a.start + a.len <= ds)
            .or_else(|| atoms.first())
            .and_then(|a| rpr_of(get(p, &a.run), &w)),
    };
    // Where the insertion goes: (parent path, index), decided before paths move.
    let anchor: Option<(Vec<usize>, usize)> = if let Some(last) = runs.last() {
        let (pp, i) = last.split_at(last.len() - 1);
        Some((pp.to_vec(), i[0] + 1))
    } else if let Some(a) = atoms.iter().find(|a| a.start >= ds) {
        let (pp, i) = a.run.split_at(a.run.len() - 1);
        Some((pp.to_vec(), i[0]))
    } else if let Some(a) = atoms.last() {
        let (pp, i) = a.run.split_at(a.run.len() - 1);
        Some((pp.to_vec(), i[0] + 1))
    } else {
        None
    };
    // Consecutive sibling runs form one group: one `w:del` each, numbered in document order.
    let mut groups: Vec<(Vec<usize>, usize, usize)> = Vec::new();
    for r in &runs {
        let (pp, i) = r.split_at(r.len() - 1);
        match groups.last_mut() {
            Some((gp, _, end)) if gp.as_slice() == pp && *end + 1 == i[0] => *end = i[0],
            _ => groups.push((pp.to_vec(), i[0], i[0])),
        }
    }
    let del_ids: Vec<u64> = groups.iter().map(|_| ctx.take_id()).collect();
    // Insert first (after the range), so wrapping the runs does not move its place.
    if !new.is_empty() {
        let run = ctx.run(new, rpr);
        if let Some((parent_path, idx)) = anchor {
            insert_tracked(p, ctx, &parent_path, idx, run);
        } else {
            let mut ins = ctx.mark("ins");
            ins.children.push(Node::Element(run));
            p.children.push(Node::Element(ins));
        }
    }
    // Wrap the groups, last first so earlier paths stay valid.
    for ((pp, first, last), id) in groups.into_iter().zip(del_ids).rev() {
        let parent = get_mut(p, &pp);
        let same_author_ins = (ctx.is(parent, "ins") || ctx.is(parent, "moveTo"))
            && ctx.author_of(parent).as_deref() == Some(ctx.who.author.as_str());
        let mut taken: Vec<Node> = parent.children.drain(first..=last).collect();
        if same_author_ins {
            // Deleting your own insertion just removes it, as Word does.
            continue;
        }
        for n in &mut taken {
            if let Node::Element(run) = n {
                to_deleted(run, &w);
            }
        }
        let mut del = ctx.mark_with_id("del", id);
        del.children = taken;
        parent.children.insert(first, Node::Element(del));
    }
}

/// Put `run` at `idx` in the element at `parent_path`, wrapped in a new `w:ins`
/// unless it lands inside an insertion of the same author. Another author's
/// insertion is split around it (insertions do not nest).
fn insert_tracked(
    p: &mut Element,
    ctx: &mut Ctx<'_>,
    parent_path: &[usize],
    idx: usize,
    run: Element,
) {
    let parent = get(p, parent_path);
    let is_ins = ctx.is(parent, "ins") || ctx.is(parent, "moveTo");
    if is_ins && ctx.author_of(parent).as_deref() == Some(ctx.who.author.as_str()) {
        get_mut(p, parent_path)
            .children
            .insert(idx, Node::Element(run));
        return;
    }
    let mut ins = ctx.mark("ins");
    ins.children.push(Node::Element(run));
    if !is_ins || parent_path.is_empty() {
        get_mut(p, parent_path)
            .children
            .insert(idx, Node::Element(ins));
        return;
    }
    // Split the other author's insertion: [..idx] stays, ours, then [idx..] in a copy.
    let (gp, ci) = parent_path.split_at(parent_path.len() - 1);
    let container = get_mut(p, parent_path);
    let rest: Vec<Node> = container.children.drain(idx..).collect();
    let mut nodes = vec![Node::Element(ins)];
    if rest.iter().any(|n| matches!(n, Node::Element(_))) {
        let mut copy = Element {
            name: container.name.clone(),
            attrs: container.attrs.clone(),
            children: rest,
        };
        *ctx.next_id += 1;
        copy.set_attr(&format!("{}:id", ctx.w), ctx.next_id.to_string());
        nodes.push(Node::Element(copy));
    }
    let gparent = get_mut(p, gp);
    let at = ci[0] + 1;
    for (k, n) in nodes.into_iter().enumerate() {
        gparent.children.insert(at + k, n);
    }
    // An emptied container goes away.
    if !get(p, parent_path)
        .children
        .iter()
        .any(|n| matches!(n, Node::Element(_)))
    {
        get_mut(p, gp).children.remove(ci[0]);
    }
}

/// Byte ranges where `find` occurs in `hay`.
fn find_all(hay: &str, find: &str, match_case: bool, whole_word: bool) -> Vec<(usize, usize)> {
    if find.is_empty() {
        return Vec::new();
    }
    let is_word = |ch: char| ch.is_alphanumeric() || ch == '_';
    let bounded = |start: usize, end: usize| {
        !whole_word
            || (hay[..start]
                .chars()
                .next_back()
                .is_none_or(|ch| !is_word(ch))
                && hay[end..].chars().next().is_none_or(|ch| !is_word(ch)))
    };
    if match_case {
        return hay
            .match_indices(find)
            .map(|(start, m)| (start, start + m.len()))
            .filter(|&(start, end)| bounded(start, end))
            .collect();
    }
    // Case-insensitive: compare lower-cased characters, keeping byte offsets into `hay`.
    let lower = |ch: char| ch.to_lowercase().next().unwrap_or(ch);
    let chars: Vec<(usize, char)> = hay.char_indices().map(|(at, ch)| (at, lower(ch))).collect();
    let needle: Vec<char> = find.chars().map(lower).collect();
    let mut out = Vec::new();
    let mut pos = 0;
    while pos + needle.len() <= chars.len() {
        if chars[pos..pos + needle.len()]
            .iter()
            .map(|(_, ch)| *ch)
            .eq(needle.iter().copied())
        {
            let start = chars[pos].0;
            let end = chars
                .get(pos + needle.len())
                .map_or(hay.len(), |(at, _)| *at);
            if bounded(start, end) {
                out.push((start, end));
                pos += needle.len();
                continue;
            }
        }
        pos += 1;
    }
    out
}

/// Words and the single characters between them.
fn tokens(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_word = false;
    for (i, c) in s.char_indices() {
        let w = c.is_alphanumeric();
        if w && in_word {
            continue;
        }
        if i > start {
            out.push(&s[start..i]);
        }
        start = i;
        in_word = w;
        if !w {
            out.push(&s[i..i + c.len_utf8()]);
            start = i + c.len_utf8();
            in_word = false;
        }
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

/// Lengths in bytes of the common prefix and suffix of `a` and `b`, in whole tokens.
fn common_ends(a: &str, b: &str) -> (usize, usize) {
    let (ta, tb) = (tokens(a), tokens(b));
    let pre = ta.iter().zip(&tb).take_while(|(x, y)| x == y).count();
    let max_suf = ta.len().min(tb.len()) - pre;
    let suf = ta
        .iter()
        .rev()
        .zip(tb.iter().rev())
        .take(max_suf)
        .take_while(|(x, y)| x == y)
        .count();
    let bytes = |t: &[&str]| t.iter().map(|s| s.len()).sum::<usize>();
    (bytes(&ta[..pre]), bytes(&ta[ta.len() - suf..]))
}

pub(crate) fn pick<T: Clone>(
    all: &[T],
    occ: Option<Occurrence>,
    find: &str,
    describe: impl Fn(&T) -> (String, String),
) -> Result<Vec<T>> {
    match occ {
        None if all.len() > 1 => Err(Error::Ambiguous {
            find: find.to_owned(),
            matches: all.iter().map(describe).collect(),
        }),
        None | Some(Occurrence::All) => Ok(all.to_vec()),
        Some(Occurrence::First) => Ok(all.first().cloned().into_iter().collect()),
        Some(Occurrence::Last) => Ok(all.last().cloned().into_iter().collect()),
        Some(Occurrence::Nth(n)) => {
            all.get(n.wrapping_sub(1))
                .cloned()
                .map(|m| vec![m])
                .ok_or(Error::NoSuchOccurrence {
                    find: find.to_owned(),
                    wanted: n,
                    found: all.len(),
                })
        }
    }
}

impl Docx {
    /// Apply edits in order, all or nothing: on an error the document is unchanged.
    ///
    /// # Errors
    /// [`Error::NotFound`] with the closest paragraphs, [`Error::Ambiguous`]
    /// with every match, [`Error::NoSuchOccurrence`], [`Error::BadAddress`],
    /// [`Error::InvalidEdit`].
    pub fn apply(&mut self, edits: &[Edit], who: &Revision) -> Result<Vec<Applied>> {
        let mut work = self.clone();
        let mut next_id = max_id(&work);
        work.plan_searches(edits);
        let mut applied = Vec::with_capacity(edits.len());
        for e in edits {
            applied.push(work.apply_one(e, who, &mut next_id)?);
        }
        work.plan = None;
        *self = work;
        Ok(applied)
    }

    /// Every match of `find`: (address, location, start, end, paragraph text).
    /// Every match: (address, location, start, end). Paragraph texts are cached
    /// in `self.texts` until an edit touches the paragraph.
    pub(crate) fn matches(
        &mut self,
        find: &str,
        within: Option<&str>,
        match_case: bool,
        whole_word: bool,
    ) -> Result<Vec<(String, Loc, usize, usize)>> {
        if let Some(a) = within {
            self.find(a)?;
        }
        if self.texts.len() != self.locs.len() {
            self.texts = vec![None; self.locs.len()];
        }
        let only = if match_case {
            self.plan.as_ref().and_then(|p| p.paragraphs(find))
        } else {
            None
        };
        let order: Vec<usize> = only.unwrap_or_else(|| (0..self.locs.len()).collect());
        let mut out = Vec::new();
        for i in order {
            let (addr, loc) = &self.locs[i];
            if within.is_some_and(|w| w != addr) {
                continue;
            }
            let text = self.texts[i].get_or_insert_with(|| {
                let s = &self.stories[loc.story];
                matchable_text(element_at(&s.doc.root, &loc.path), &s.w)
            });
            for (s, e) in find_all(text, find, match_case, whole_word) {
                out.push((addr.clone(), loc.clone(), s, e));
            }
        }
        Ok(out)
    }

    /// Forget the cached text of the paragraph at `loc` (it was edited).
    pub(crate) fn touched(&mut self, loc: &Loc) {
        if let Some(i) = self.locs.iter().position(|(_, l)| l == loc) {
            if let Some(t) = self.texts.get_mut(i) {
                *t = None;
            }
            if let Some(plan) = &mut self.plan {
                plan.touched.insert(i);
            }
        }
    }

    fn fill_texts(&mut self) {
        if self.texts.len() != self.locs.len() {
            self.texts = vec![None; self.locs.len()];
        }
        for (i, (_, loc)) in self.locs.iter().enumerate() {
            if self.texts[i].is_none() {
                let s = &self.stories[loc.story];
                self.texts[i] = Some(matchable_text(element_at(&s.doc.root, &loc.path), &s.w));
            }
        }
    }

    /// Find, in one pass, which paragraphs hold each case-sensitive needle of the batch.
    fn plan_searches(&mut self, edits: &[Edit]) {
        let mut needles: Vec<&str> = edits
            .iter()
            .filter_map(|e| match e {
                Edit::Replace {
                    find,
                    match_case: true,
                    ..
                } => Some(find.as_str()),
                Edit::Insert { anchor, .. } => Some(anchor.as_str()),
                _ => None,
            })
            .filter(|n| !n.is_empty())
            .collect();
        needles.sort_unstable();
        needles.dedup();
        if needles.len() < 2 {
            return; // one search is as cheap as the plan
        }
        let Ok(ac) = aho_corasick::AhoCorasick::new(&needles) else {
            return;
        };
        self.fill_texts();
        let mut candidates: std::collections::HashMap<String, Vec<usize>> = needles
            .iter()
            .map(|n| ((*n).to_owned(), Vec::new()))
            .collect();
        for (i, t) in self.texts.iter().enumerate() {
            let Some(t) = t else { continue };
            for m in ac.find_overlapping_iter(t) {
                let list = candidates
                    .get_mut(needles[m.pattern().as_usize()])
                    .expect("every needle has a list");
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
        self.plan = Some(SearchPlan {
            candidates,
            touched: std::collections::BTreeSet::new(),
        });
    }

    fn para_text(&self, loc: &Loc) -> String {
        matchable_text(self.element(loc), &self.stories[loc.story].w)
    }

    /// The match in context: up to 30 characters each side, the match in brackets.
    pub(crate) fn snippet(&self, loc: &Loc, s: usize, e: usize) -> String {
        let t = self.para_text(loc);
        let before: String = t[..s]
            .chars()
            .rev()
            .take(30)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let after: String = t[e..].chars().take(30).collect();
        let lead = if before.len() < s { "…" } else { "" };
        let tail = if after.len() < t.len() - e { "…" } else { "" };
        format!("{lead}{before}[{}]{after}{tail}", &t[s..e])
    }

    pub(crate) fn not_found(&self, find: &str) -> Error {
        let words: Vec<String> = find.split_whitespace().map(str::to_lowercase).collect();
        let mut scored: Vec<(usize, String, String)> = self
            .locs
            .iter()
            .map(|(a, l)| {
                let t = self.para_text(l);
                let low = t.to_lowercase();
                (
                    words.iter().filter(|w| low.contains(w.as_str())).count(),
                    a.clone(),
                    t,
                )
            })
            .filter(|(n, _, _)| *n > 0)
            .collect();
        scored.sort_by_key(|entry| std::cmp::Reverse(entry.0));
        Error::NotFound {
            find: find.to_owned(),
            closest: scored.into_iter().take(3).map(|(_, a, t)| (a, t)).collect(),
        }
    }

    fn apply_one(&mut self, e: &Edit, who: &Revision, next_id: &mut u64) -> Result<Applied> {
        let mut in_field_result = false;
        let addresses = match e {
            Edit::Replace {
                find,
                replace,
                occurrence,
                within,
                match_case,
                whole_word,
            } => {
                let all = self.matches(find, within.as_deref(), *match_case, *whole_word)?;
                if all.is_empty() {
                    return Err(self.not_found(find));
                }
                let chosen = pick(&all, *occurrence, find, |m| {
                    (m.0.clone(), self.snippet(&m.1, m.2, m.3))
                })?;
                let mut addresses = Vec::new();
                // Last first, so earlier offsets in the same paragraph stay valid.
                for (addr, loc, start, end) in chosen.into_iter().rev() {
                    let w = &self.stories[loc.story].w;
                    in_field_result |= crate::text::field_result_ranges(self.element(&loc), w)
                        .iter()
                        .any(|&(a, b)| a < end && start < b);
                    self.replace_range(&loc, start, end, replace, who, next_id);
                    addresses.insert(0, addr);
                }
                addresses
            }
            Edit::Insert {
                text,
                anchor,
                after,
                occurrence,
            } => self.insert_text(text, anchor, *after, *occurrence, who, next_id)?,
            Edit::DeleteParagraph { address } => {
                let loc = self.find(address)?;
                let w = self.stories[loc.story].w.clone();
                let len = self.para_text(&loc).len();
                let mut ctx = Ctx {
                    w: &w,
                    who,
                    next_id,
                };
                let para = self.element_mut(&loc);
                if len > 0 {
                    tracked_replace(para, &mut ctx, 0, len, "");
                }
                let mark = ctx.mark("del");
                mark_paragraph(para, &w, mark);
                self.touched(&loc);
                vec![address.clone()]
            }
            Edit::InsertParagraph {
                address,
                after,
                text,
                style,
            } => self.insert_paragraph(address, *after, text, style.as_deref(), who, next_id)?,
        };
        Ok(Applied {
            addresses,
            in_field_result,
        })
    }

    /// Replace bytes `[start, end)` of the paragraph at `loc`, marking only what differs.
    fn replace_range(
        &mut self,
        loc: &Loc,
        start: usize,
        end: usize,
        replace: &str,
        who: &Revision,
        next_id: &mut u64,
    ) {
        let old = self.para_text(loc)[start..end].to_owned();
        let (pre, suf) = common_ends(&old, replace);
        // Equal tokens have equal bytes, and pre + suf never exceeds either text.
        let new = &replace[pre..replace.len() - suf];
        let w = self.stories[loc.story].w.clone();
        let mut ctx = Ctx {
            w: &w,
            who,
            next_id,
        };
        tracked_replace(self.element_mut(loc), &mut ctx, start + pre, end - suf, new);
        self.touched(loc);
    }

    fn insert_text(
        &mut self,
        text: &str,
        anchor: &str,
        after: bool,
        occurrence: Option<Occurrence>,
        who: &Revision,
        next_id: &mut u64,
    ) -> Result<Vec<String>> {
        if text.is_empty() {
            return Err(Error::InvalidEdit("insert needs non-empty text".into()));
        }
        let (addr, loc, at) = if let Ok(loc) = self.find(anchor) {
            let len = self.para_text(&loc).len();
            (anchor.to_owned(), loc, if after { len } else { 0 })
        } else {
            let all = self.matches(anchor, None, true, false)?;
            if all.is_empty() {
                return Err(self.not_found(anchor));
            }
            let chosen = pick(&all, occurrence, anchor, |m| {
                (m.0.clone(), self.snippet(&m.1, m.2, m.3))
            })?;
            let (addr, loc, start, end) = chosen.into_iter().next().ok_or(Error::InvalidEdit(
                "insert applies to one place; choose an occurrence other than all".into(),
            ))?;
            (addr, loc, if after { end } else { start })
        };
        let w = self.stories[loc.story].w.clone();
        let mut ctx = Ctx {
            w: &w,
            who,
            next_id,
        };
        tracked_replace(self.element_mut(&loc), &mut ctx, at, at, text);
        self.touched(&loc);
        Ok(vec![addr])
    }

    fn insert_paragraph(
        &mut self,
        address: &str,
        after: bool,
        text: &str,
        style: Option<&str>,
        who: &Revision,
        next_id: &mut u64,
    ) -> Result<Vec<String>> {
        let loc = self.find(address)?;
        let w = self.stories[loc.story].w.clone();
        let style = style
            .map(str::to_owned)
            .or_else(|| crate::document::paragraph_style(self.element(&loc), &w));
        let mut ctx = Ctx {
            w: &w,
            who,
            next_id,
        };
        let mut para = Element::new(format!("{w}:p"));
        if let Some(st) = style {
            let ppr = Element::new(format!("{w}:pPr"))
                .with_child(Element::new(format!("{w}:pStyle")).with_attr(format!("{w}:val"), st));
            para.children.push(Node::Element(ppr));
        }
        let mark = ctx.mark("ins");
        mark_paragraph(&mut para, &w, mark);
        if !text.is_empty() {
            let mut ins = ctx.mark("ins");
            ins.children.push(Node::Element(ctx.run(text, None)));
            para.children.push(Node::Element(ins));
        }
        let (parent, index) = loc.path.split_at(loc.path.len() - 1);
        let parent_loc = Loc {
            story: loc.story,
            path: parent.to_vec(),
        };
        let at = if after { index[0] + 1 } else { index[0] };
        self.element_mut(&parent_loc)
            .children
            .insert(at, Node::Element(para));
        self.reindex();
        Ok(vec![address.to_owned()])
    }
}

/// Record a paragraph-mark revision (`w:pPr/w:rPr/w:ins|w:del`).
fn mark_paragraph(p: &mut Element, w: &str, mark: Element) {
    if !p.elements().any(|e| is_w(e, w, "pPr")) {
        p.children
            .insert(0, Node::Element(Element::new(format!("{w}:pPr"))));
    }
    let ppr = p
        .elements_mut()
        .find(|e| is_w(e, w, "pPr"))
        .expect("just ensured");
    // rPr comes after everything but sectPr and pPrChange.
    let pos = ppr
        .children
        .iter()
        .position(
            |n| matches!(n, Node::Element(e) if is_w(e, w, "sectPr") || is_w(e, w, "pPrChange")),
        )
        .unwrap_or(ppr.children.len());
    if !ppr.elements().any(|e| is_w(e, w, "rPr")) {
        ppr.children
            .insert(pos, Node::Element(Element::new(format!("{w}:rPr"))));
    }
    let rpr = ppr
        .elements_mut()
        .find(|e| is_w(e, w, "rPr"))
        .expect("just ensured");
    rpr.children.insert(0, Node::Element(mark));
}

#[cfg(test)]
mod tests {
    use super::{common_ends, find_all, tokens};

    #[test]
    fn tokens_and_common_ends() {
        assert_eq!(tokens("30 days, net"), ["30", " ", "days", ",", " ", "net"]);
        assert_eq!(common_ends("30 days", "60 days"), (0, 5));
        assert_eq!(common_ends("within 30 days", "within 45 days"), (7, 5));
        assert_eq!(common_ends("abc", "abc"), (3, 0));
        assert_eq!(common_ends("a b", "a b c"), (3, 0));
    }

    #[test]
    fn find_all_with_case_and_words() {
        assert_eq!(
            find_all("The the then", "the", true, false),
            [(4, 7), (8, 11)]
        );
        assert_eq!(
            find_all("The the then", "the", false, true),
            [(0, 3), (4, 7)]
        );
        assert_eq!(find_all("aaa", "aa", true, false), [(0, 2)]);
    }
}
