//! The text of a paragraph in each revision view.

use docskill_opc::xml::dom::Element;

/// Which text revisions contribute to a view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ChangeView {
    /// As if every revision were accepted: insertions in, deletions out.
    #[default]
    Accept,
    /// As if every revision were rejected: the original text.
    Reject,
    /// Both, marked in `CriticMarkup`: `{++inserted++}`, `{--deleted--}`, each
    /// group of adjacent revisions by one author followed by `{>>@author<<}`.
    All,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Kind {
    Normal,
    Inserted,
    Deleted,
    /// Deleted inside an insertion: in neither the accepted nor the original text.
    InsertedDeleted,
    /// A comment's reference point; the text is the comment id.
    Comment,
}

/// Around a comment id in the `All` view until the document layer puts in the comment.
pub(crate) const COMMENT_OPEN: char = '\u{E000}';
pub(crate) const COMMENT_CLOSE: char = '\u{E001}';

/// One piece of paragraph text with its revision state.
#[derive(Debug)]
pub(crate) struct Segment<'a> {
    pub text: String,
    pub kind: Kind,
    /// The author of the innermost revision holding the text.
    pub author: Option<String>,
    /// The `w:r` that holds the text.
    pub run: Option<&'a Element>,
    /// The text is a field's result (Word recomputes it when fields update).
    pub in_field: bool,
}

/// The character formatting of a run, as the JSON view reports it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunFormat {
    /// `w:b` on.
    pub bold: bool,
    /// `w:i` on.
    pub italic: bool,
    /// `w:u` other than `none`.
    pub underline: bool,
    /// `w:rStyle`.
    pub style: Option<String>,
}

/// One run's stretch of a paragraph's text in a view: `start..end` in characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunSpan {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The run's formatting.
    pub format: RunFormat,
}

/// The text pieces of a paragraph in document order; field instructions are left out.
pub(crate) fn segments<'a>(p: &'a Element, w: &str) -> Vec<Segment<'a>> {
    let mut out = Vec::new();
    let mut fields: Vec<bool> = Vec::new(); // true while in a field's instruction part
    let st = State {
        kind: Kind::Normal,
        author: None,
        run: None,
        in_field: false,
    };
    inline(p, w, st, &mut fields, &mut out);
    out
}

/// Revision state while walking a paragraph.
#[derive(Clone, Copy)]
struct State<'a> {
    kind: Kind,
    author: Option<&'a str>,
    /// The run being read.
    run: Option<&'a Element>,
    /// Inside a field's result (`w:fldSimple`, or between `separate` and `end`).
    in_field: bool,
}

fn on(e: Option<&Element>, w: &str) -> bool {
    e.is_some_and(|e| {
        !matches!(
            e.attr(&format!("{w}:val")),
            Some("0" | "false" | "off" | "none")
        )
    })
}

fn run_format(r: &Element, w: &str) -> RunFormat {
    let Some(rpr) = r.elements().find(|e| e.name == format!("{w}:rPr")) else {
        return RunFormat::default();
    };
    let get = |local: &str| {
        rpr.elements()
            .find(|e| e.local() == local && e.name.starts_with(w))
    };
    RunFormat {
        bold: on(get("b"), w),
        italic: on(get("i"), w),
        underline: on(get("u"), w),
        style: get("rStyle").and_then(|e| e.attr(&format!("{w}:val")).map(str::to_owned)),
    }
}

fn same_run(a: Option<&Element>, b: Option<&Element>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => std::ptr::eq(a, b),
        (None, None) => true,
        _ => false,
    }
}

fn push<'a>(out: &mut Vec<Segment<'a>>, text: &str, st: State<'a>) {
    let author = st.author.filter(|_| st.kind != Kind::Normal);
    match out.last_mut() {
        Some(s)
            if s.kind == st.kind
                && st.kind != Kind::Comment
                && s.author.as_deref() == author
                && same_run(s.run, st.run)
                && s.in_field == st.in_field =>
        {
            s.text.push_str(text);
        }
        _ => out.push(Segment {
            text: text.to_owned(),
            kind: st.kind,
            author: author.map(str::to_owned),
            run: st.run,
            in_field: st.in_field,
        }),
    }
}

fn inline<'a>(
    el: &'a Element,
    w: &str,
    st: State<'a>,
    fields: &mut Vec<bool>,
    out: &mut Vec<Segment<'a>>,
) {
    let kind = st.kind;
    for c in el.elements() {
        let author = c.attr(&format!("{w}:author")).or(st.author);
        let local = c.local();
        let ours = c.name.len() == w.len() + 1 + local.len();
        match local {
            "pPr" | "rPr" | "sectPr" if ours => {}
            "r" if ours => run(c, w, State { run: Some(c), ..st }, fields, out),
            "fldSimple" if ours => inline(
                c,
                w,
                State {
                    in_field: true,
                    ..st
                },
                fields,
                out,
            ),
            "ins" | "moveTo" if ours => {
                let kind = if kind == Kind::Deleted {
                    Kind::InsertedDeleted
                } else {
                    Kind::Inserted
                };
                inline(c, w, State { kind, author, ..st }, fields, out);
            }
            "del" | "moveFrom" if ours => {
                let kind = if kind == Kind::Inserted {
                    Kind::InsertedDeleted
                } else {
                    Kind::Deleted
                };
                inline(c, w, State { kind, author, ..st }, fields, out);
            }
            // A nested paragraph (text box content) is not this paragraph's text, and
            // alternate content's Fallback repeats its Choice.
            "p" | "tbl" | "txbxContent" | "Fallback" => {}
            "t" if !ours => push(out, &c.text(), st), // m:t in equations
            _ => inline(c, w, st, fields, out),
        }
    }
}

fn run<'a>(
    r: &'a Element,
    w: &str,
    st: State<'a>,
    fields: &mut Vec<bool>,
    out: &mut Vec<Segment<'a>>,
) {
    for c in r.elements() {
        if !c.name.starts_with(w) {
            // Drawings, pictures, alternate content: only text boxes hold text,
            // and those are paragraphs of their own.
            continue;
        }
        let in_instr = fields.last() == Some(&true);
        let st = State {
            in_field: st.in_field || fields.last() == Some(&false),
            ..st
        };
        match c.local() {
            "fldChar" => match c.attr(&format!("{w}:fldCharType")) {
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
            },
            "t" | "delText" if !in_instr => push(out, &c.text(), st),
            "tab" | "ptab" if !in_instr => push(out, "\t", st),
            "br" | "cr" if !in_instr => push(out, "\n", st),
            "noBreakHyphen" if !in_instr => push(out, "-", st),
            "commentReference" => {
                if let Some(id) = c.attr(&format!("{w}:id")) {
                    push(
                        out,
                        id,
                        State {
                            kind: Kind::Comment,
                            author: None,
                            run: None,
                            in_field: false,
                        },
                    );
                }
            }
            // Ruby: the base text, then the guide text in parentheses.
            "ruby" if !in_instr => {
                let part = |name: &str| {
                    c.elements().find(|e| e.local() == name).map(|e| {
                        let mut seg = Vec::new();
                        inline(e, w, st, &mut Vec::new(), &mut seg);
                        seg.into_iter().map(|s| s.text).collect::<String>()
                    })
                };
                let base = part("rubyBase").unwrap_or_default();
                match part("rt").filter(|g| !g.is_empty()) {
                    Some(guide) => push(out, &format!("{base}({guide})"), st),
                    None => push(out, &base, st),
                }
            }
            "sym" if !in_instr => {
                let ch = c
                    .attr(&format!("{w}:char"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .and_then(char::from_u32);
                if let Some(ch) = ch {
                    push(out, ch.encode_utf8(&mut [0; 4]), st);
                }
            }
            _ => {}
        }
    }
}

/// The paragraph's text in `view`.
pub(crate) fn paragraph_text(p: &Element, w: &str, view: ChangeView) -> String {
    let mut s = String::new();
    // In the `All` view: the author of the revisions written since the last attribution.
    let mut pending: Option<Option<String>> = None;
    let attribute = |s: &mut String, pending: &mut Option<Option<String>>| {
        if let Some(Some(a)) = pending
            .take()
            .filter(|a| a.as_deref().is_some_and(|a| !a.is_empty()))
        {
            s.push_str("{>>@");
            s.push_str(&a);
            s.push_str("<<}");
        }
    };
    for seg in merged(segments(p, w)) {
        let revision = matches!(
            seg.kind,
            Kind::Inserted | Kind::Deleted | Kind::InsertedDeleted
        );
        if view == ChangeView::All
            && (!revision || pending.as_ref().is_some_and(|a| *a != seg.author))
        {
            attribute(&mut s, &mut pending);
        }
        match (view, seg.kind) {
            (_, Kind::Normal)
            | (ChangeView::Accept, Kind::Inserted)
            | (ChangeView::Reject, Kind::Deleted) => s.push_str(&seg.text),
            (ChangeView::All, Kind::Inserted) => {
                s.push_str("{++");
                s.push_str(&seg.text);
                s.push_str("++}");
            }
            (ChangeView::All, Kind::Comment) => {
                s.push(COMMENT_OPEN);
                s.push_str(&seg.text);
                s.push(COMMENT_CLOSE);
            }
            (ChangeView::All, Kind::Deleted | Kind::InsertedDeleted) => {
                s.push_str("{--");
                s.push_str(&seg.text);
                s.push_str("--}");
            }
            _ => {}
        }
        if view == ChangeView::All && revision {
            pending = Some(seg.author);
        }
    }
    attribute(&mut s, &mut pending);
    s
}

/// Adjacent pieces with the same revision state, whatever run they are in, as one.
fn merged(segs: Vec<Segment<'_>>) -> Vec<Segment<'_>> {
    let mut out: Vec<Segment<'_>> = Vec::with_capacity(segs.len());
    for seg in segs {
        match out.last_mut() {
            Some(last)
                if last.kind == seg.kind
                    && seg.kind != Kind::Comment
                    && last.author == seg.author =>
            {
                last.text.push_str(&seg.text);
            }
            _ => out.push(seg),
        }
    }
    out
}

/// Where each run's text lies in the paragraph's text in `view` (`Accept` or
/// `Reject`; the `All` view has markup between runs and gets none).
pub(crate) fn run_spans(p: &Element, w: &str, view: ChangeView) -> Vec<RunSpan> {
    let mut spans: Vec<(Option<&Element>, RunSpan)> = Vec::new();
    let mut at = 0;
    for seg in segments(p, w) {
        let shown = match (view, seg.kind) {
            (ChangeView::All, _) => return Vec::new(),
            (_, Kind::Normal)
            | (ChangeView::Accept, Kind::Inserted)
            | (ChangeView::Reject, Kind::Deleted) => true,
            _ => false,
        };
        let len = seg.text.chars().count();
        if !shown || len == 0 {
            continue;
        }
        match spans.last_mut() {
            Some((run, span)) if same_run(*run, seg.run) && span.end == at => span.end += len,
            _ => spans.push((
                seg.run,
                RunSpan {
                    start: at,
                    end: at + len,
                    format: seg.run.map(|r| run_format(r, w)).unwrap_or_default(),
                },
            )),
        }
        at += len;
    }
    spans.into_iter().map(|(_, s)| s).collect()
}

/// Byte ranges of the paragraph's `Accept`-view text that are field results.
pub(crate) fn field_result_ranges(p: &Element, w: &str) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut at = 0;
    for seg in segments(p, w) {
        if !matches!(seg.kind, Kind::Normal | Kind::Inserted) {
            continue;
        }
        let end = at + seg.text.len();
        if seg.in_field && end > at {
            match out.last_mut() {
                Some(last) if last.1 == at => last.1 = end,
                _ => out.push((at, end)),
            }
        }
        at = end;
    }
    out
}

/// The text a revision element holds (inserted or deleted), without markup.
pub(crate) fn revision_text(rev: &Element, w: &str) -> String {
    let mut wrapper = Element::new(format!("{w}:p"));
    wrapper
        .children
        .push(docskill_opc::xml::dom::Node::Element(rev.clone()));
    segments(&wrapper, w)
        .into_iter()
        .filter(|s| s.kind != Kind::Comment)
        .map(|s| s.text)
        .collect()
}
