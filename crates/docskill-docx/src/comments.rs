//! Comments: listing them, and adding comments, replies and resolutions the
//! way Word writes them: `comments.xml`, plus `commentsExtended.xml` (threads
//! and "done"), `commentsIds.xml` (durable ids), `commentsExtensible.xml` (durable ids'
//! UTC dates) and `people.xml` (authors),
//! with relationships and content types, and the range markers and reference
//! run in the document.

use std::collections::{HashMap, HashSet};

use docskill_opc::resolve_target;
use docskill_opc::xml::dom::{Document, Element, Node};

use crate::document::{Docx, Story, is_w};
use crate::edit::{Ctx, Occurrence, Revision, atoms, get_mut, max_id, pick, split_at};
use crate::text::{ChangeView, paragraph_text};
use crate::{Error, Result};

const W14: &str = "http://schemas.microsoft.com/office/word/2010/wordml";
const W15: &str = "http://schemas.microsoft.com/office/word/2012/wordml";
const W16CID: &str = "http://schemas.microsoft.com/office/word/2016/wordml/cid";
const W16CEX: &str = "http://schemas.microsoft.com/office/word/2018/wordml/cex";
const MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";
const DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n";
const CT: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.";

/// A comment as `docx comments` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// `w:id`.
    pub id: String,
    /// Author.
    pub author: String,
    /// Initials, if recorded.
    pub initials: Option<String>,
    /// Date, if recorded.
    pub date: Option<String>,
    /// The comment's text (paragraphs joined with newlines).
    pub text: String,
    /// Address of the paragraph the comment is anchored in.
    pub address: Option<String>,
    /// The comment this one replies to.
    pub parent: Option<String>,
    /// Marked done (resolved).
    pub done: bool,
}

/// Where a new comment goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommentTarget {
    /// On text in the document.
    Text {
        /// The text to anchor on.
        find: String,
        /// Which match.
        occurrence: Option<Occurrence>,
        /// Only in this paragraph.
        within: Option<String>,
    },
    /// On a whole paragraph.
    Paragraph(String),
    /// A reply to the comment with this id.
    ReplyTo(String),
}

struct Aux {
    rel_suffix: &'static str,
    rel_type: &'static str,
    name: &'static str,
    content_type: &'static str,
}

const EXTENDED: Aux = Aux {
    rel_suffix: "/commentsExtended",
    rel_type: "http://schemas.microsoft.com/office/2011/relationships/commentsExtended",
    name: "commentsExtended.xml",
    content_type: "commentsExtended+xml",
};
const PEOPLE: Aux = Aux {
    rel_suffix: "/people",
    rel_type: "http://schemas.microsoft.com/office/2011/relationships/people",
    name: "people.xml",
    content_type: "people+xml",
};
const IDS: Aux = Aux {
    rel_suffix: "/commentsIds",
    rel_type: "http://schemas.microsoft.com/office/2016/09/relationships/commentsIds",
    name: "commentsIds.xml",
    content_type: "commentsIds+xml",
};

const EXTENSIBLE: Aux = Aux {
    rel_suffix: "/commentsExtensible",
    rel_type: "http://schemas.microsoft.com/office/2018/08/relationships/commentsExtensible",
    name: "commentsExtensible.xml",
    content_type: "commentsExtensible+xml",
};

fn find_el<'a>(e: &'a Element, pred: &dyn Fn(&Element) -> bool) -> Option<&'a Element> {
    if pred(e) {
        return Some(e);
    }
    e.elements().find_map(|c| find_el(c, pred))
}

/// Child-index path to the first element matching `pred`.
fn find_path(e: &Element, pred: &dyn Fn(&Element) -> bool, path: &mut Vec<usize>) -> bool {
    for (i, n) in e.children.iter().enumerate() {
        let Node::Element(c) = n else { continue };
        path.push(i);
        if pred(c) || find_path(c, pred, path) {
            return true;
        }
        path.pop();
    }
    false
}

fn collect_attr(e: &Element, key: &str, out: &mut HashSet<String>) {
    if let Some(v) = e.attr(key) {
        out.insert(v.to_owned());
    }
    for c in e.elements() {
        collect_attr(c, key, out);
    }
}

/// The next 8-hex-digit id below 0x80000000 that is not in `used`.
fn fresh_hex(used: &mut HashSet<String>, base: u32) -> String {
    let mut n = base;
    loop {
        let s = format!("{n:08X}");
        if used.insert(s.clone()) {
            return s;
        }
        n = n.wrapping_add(1) & 0x7FFF_FFFF;
    }
}

impl Docx {
    fn comments_story(&self) -> Option<usize> {
        self.stories
            .iter()
            .position(|s| is_w(&s.doc.root, &s.w, "comments"))
    }

    fn aux(&self, a: &Aux) -> Option<(String, Document)> {
        let main = &self.stories[0].part;
        let rels = self.pkg.relationships(main).ok()?;
        let part = rels
            .items
            .iter()
            .find(|r| r.rel_type.ends_with(a.rel_suffix) && !r.external)
            .and_then(|r| resolve_target(main, &r.target))?;
        let doc =
            Document::parse(&self.pkg.read_part(&part).ok()?, &part, self.pkg.limits()).ok()?;
        Some((part, doc))
    }

    /// Load an auxiliary comments part, or make an empty one (with its relationship).
    fn aux_or_new(&mut self, a: &Aux, root: &str, ns: &str) -> Result<(String, Document)> {
        if let Some(found) = self.aux(a) {
            return Ok(found);
        }
        let main = self.stories[0].part.clone();
        let dir = main.rsplit_once('/').map_or("", |(d, _)| d);
        let mut rels = self.pkg.relationships(&main)?;
        rels.add(a.rel_type, a.name, false);
        self.pkg.set_relationships(&main, &rels)?;
        let prefix = root.split_once(':').map_or("", |(p, _)| p);
        let el = Element::new(root).with_attr(format!("xmlns:{prefix}"), ns);
        Ok((
            format!("{dir}/{}", a.name),
            Document {
                prolog: DECL.into(),
                root: el,
                epilog: String::new(),
            },
        ))
    }

    fn save_aux(&mut self, a: &Aux, part: &str, doc: &Document) -> Result<()> {
        self.pkg.set_part(
            part,
            doc.to_bytes(),
            Some(&format!("{CT}{}", a.content_type)),
        )?;
        Ok(())
    }

    /// Every comment, in `comments.xml` order, with its anchor paragraph and thread.
    pub fn comments(&self) -> Vec<Comment> {
        let Some(si) = self.comments_story() else {
            return Vec::new();
        };
        let s = &self.stories[si];
        let w = s.w.as_str();
        // paraId of each comment's last paragraph → comment id.
        let mut para_of: HashMap<String, String> = HashMap::new();
        let mut list = Vec::new();
        for c in s.doc.root.elements().filter(|c| is_w(c, w, "comment")) {
            let id = c.attr(&format!("{w}:id")).unwrap_or_default().to_owned();
            let paras: Vec<&Element> = c.elements().filter(|p| is_w(p, w, "p")).collect();
            if let Some(pid) = paras.last().and_then(|p| p.attr("w14:paraId")) {
                para_of.insert(pid.to_owned(), id.clone());
            }
            let text = paras
                .iter()
                .map(|p| paragraph_text(p, w, ChangeView::Accept))
                .collect::<Vec<_>>()
                .join("\n");
            list.push(Comment {
                address: self.anchor_address(&id),
                author: c
                    .attr(&format!("{w}:author"))
                    .unwrap_or_default()
                    .to_owned(),
                initials: c.attr(&format!("{w}:initials")).map(str::to_owned),
                date: c.attr(&format!("{w}:date")).map(str::to_owned),
                id,
                text,
                parent: None,
                done: false,
            });
        }
        if let Some((_, ext)) = self.aux(&EXTENDED) {
            let p = ext
                .root
                .name
                .split_once(':')
                .map_or("w15", |(p, _)| p)
                .to_owned();
            for ex in ext.root.elements() {
                let Some(cid) = ex
                    .attr(&format!("{p}:paraId"))
                    .and_then(|pid| para_of.get(pid))
                else {
                    continue;
                };
                let parent = ex
                    .attr(&format!("{p}:paraIdParent"))
                    .and_then(|pp| para_of.get(pp))
                    .cloned();
                let done = ex.attr(&format!("{p}:done")) == Some("1");
                if let Some(c) = list.iter_mut().find(|c| &c.id == cid) {
                    c.parent = parent;
                    c.done = done;
                }
            }
        }
        list
    }

    /// The address of the paragraph holding comment `id`'s range start or reference.
    fn anchor_address(&self, id: &str) -> Option<String> {
        self.locs
            .iter()
            .filter(|(a, _)| !a.starts_with("comment"))
            .find_map(|(addr, loc)| {
                let w = &self.stories[loc.story].w;
                let hit = |e: &Element| {
                    (is_w(e, w, "commentRangeStart") || is_w(e, w, "commentReference"))
                        && e.attr(&format!("{w}:id")) == Some(id)
                };
                find_el(self.element(loc), &hit).map(|_| addr.clone())
            })
    }

    /// Add a comment (or a reply) by `who`; returns its id. All or nothing.
    ///
    /// # Errors
    /// [`Error::NotFound`], [`Error::Ambiguous`], [`Error::BadAddress`] for the
    /// anchor; [`Error::InvalidEdit`] for an unknown comment to reply to or empty text.
    pub fn add_comment(
        &mut self,
        target: &CommentTarget,
        text: &str,
        who: &Revision,
        initials: Option<&str>,
    ) -> Result<String> {
        if text.trim().is_empty() {
            return Err(Error::InvalidEdit("a comment needs text".into()));
        }
        let mut work = self.clone();
        let id = work.add_comment_inner(target, text, who, initials)?;
        *self = work;
        Ok(id)
    }

    fn add_comment_inner(
        &mut self,
        target: &CommentTarget,
        text: &str,
        who: &Revision,
        initials: Option<&str>,
    ) -> Result<String> {
        let mut next_id = max_id(self);
        let id = {
            next_id += 1;
            next_id.to_string()
        };
        let mut used_para: HashSet<String> = HashSet::new();
        for s in &self.stories {
            collect_attr(&s.doc.root, "w14:paraId", &mut used_para);
        }
        // Anchor in the document first: it may fail and must change nothing.
        let parent_para = match target {
            CommentTarget::ReplyTo(parent) => {
                Some(self.anchor_reply(parent, &id, &mut used_para)?)
            }
            CommentTarget::Text {
                find,
                occurrence,
                within,
            } => {
                self.anchor_text(find, *occurrence, within.as_deref(), &id, who, &mut next_id)?;
                None
            }
            CommentTarget::Paragraph(address) => {
                self.anchor_paragraph(address, &id)?;
                None
            }
        };
        let para_id = fresh_hex(
            &mut used_para,
            0x1000_0000 + u32::try_from(next_id % 0x1000_0000).unwrap_or(0),
        );
        self.write_comment(&id, text, who, initials, &para_id, &mut next_id);
        let (part, mut ext) = self.aux_or_new(&EXTENDED, "w15:commentsEx", W15)?;
        let mut ex = Element::new("w15:commentEx").with_attr("w15:paraId", para_id.clone());
        if let Some(pp) = parent_para {
            ex.set_attr("w15:paraIdParent", pp);
        }
        ex.set_attr("w15:done", "0");
        ext.root.children.push(Node::Element(ex));
        self.save_aux(&EXTENDED, &part, &ext)?;
        let (part, mut ids) = self.aux_or_new(&IDS, "w16cid:commentsIds", W16CID)?;
        let mut used_durable = HashSet::new();
        collect_attr(&ids.root, "w16cid:durableId", &mut used_durable);
        let durable = fresh_hex(
            &mut used_durable,
            0x2000_0000 + u32::try_from(next_id % 0x1000_0000).unwrap_or(0),
        );
        ids.root.children.push(Node::Element(
            Element::new("w16cid:commentId")
                .with_attr("w16cid:paraId", para_id)
                .with_attr("w16cid:durableId", durable.clone()),
        ));
        self.save_aux(&IDS, &part, &ids)?;
        // The durable id's extensible record: Word keeps the UTC date here.
        let (part, mut cex) = self.aux_or_new(&EXTENSIBLE, "w16cex:commentsExtensible", W16CEX)?;
        let mut rec =
            Element::new("w16cex:commentExtensible").with_attr("w16cex:durableId", durable);
        if let Some(date) = &who.date {
            rec.set_attr("w16cex:dateUtc", date.clone());
        }
        cex.root.children.push(Node::Element(rec));
        self.save_aux(&EXTENSIBLE, &part, &cex)?;
        let (part, mut people) = self.aux_or_new(&PEOPLE, "w15:people", W15)?;
        let known = people
            .root
            .elements()
            .any(|p| p.attr("w15:author") == Some(who.author.as_str()));
        if !known {
            people.root.children.push(Node::Element(
                Element::new("w15:person")
                    .with_attr("w15:author", who.author.clone())
                    .with_child(
                        Element::new("w15:presenceInfo")
                            .with_attr("w15:providerId", "None")
                            .with_attr("w15:userId", who.author.clone()),
                    ),
            ));
            self.save_aux(&PEOPLE, &part, &people)?;
        }
        self.reindex();
        Ok(id)
    }

    /// Append the `w:comment` to `comments.xml`, creating the part if needed.
    fn write_comment(
        &mut self,
        id: &str,
        text: &str,
        who: &Revision,
        initials: Option<&str>,
        para_id: &str,
        next_id: &mut u64,
    ) {
        let si = if let Some(si) = self.comments_story() {
            si
        } else {
            let main = self.stories[0].part.clone();
            let w = self.stories[0].w.clone();
            let dir = main.rsplit_once('/').map_or("", |(d, _)| d).to_owned();
            if let Ok(mut rels) = self.pkg.relationships(&main) {
                rels.add(
                    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments",
                    "comments.xml",
                    false,
                );
                let _ = self.pkg.set_relationships(&main, &rels);
            }
            let part = format!("{dir}/comments.xml");
            let ns = self.stories[0]
                .doc
                .root
                .attr(&format!("xmlns:{w}"))
                .unwrap_or(crate::W_NS)
                .to_owned();
            let root = Element::new(format!("{w}:comments")).with_attr(format!("xmlns:{w}"), ns);
            let doc = Document {
                prolog: DECL.into(),
                root,
                epilog: String::new(),
            };
            let _ = self
                .pkg
                .set_part(&part, Vec::new(), Some(&format!("{CT}comments+xml")));
            self.stories.push(Story {
                part,
                prefix: String::new(),
                doc,
                w,
                dirty: true,
            });
            self.stories.len() - 1
        };
        let story = &mut self.stories[si];
        story.dirty = true;
        let w = story.w.clone();
        let root = &mut story.doc.root;
        if root.attr("xmlns:w14").is_none() {
            root.set_attr("xmlns:w14", W14);
        }
        if root.attr("xmlns:mc").is_none() {
            root.set_attr("xmlns:mc", MC);
        }
        match root.attr("mc:Ignorable").map(str::to_owned) {
            Some(v) if v.split_whitespace().any(|p| p == "w14") => {}
            Some(v) => root.set_attr("mc:Ignorable", format!("{v} w14")),
            None => root.set_attr("mc:Ignorable", "w14"),
        }
        let ctx = Ctx {
            w: &w,
            who,
            next_id,
        };
        let mut p = Element::new(format!("{w}:p"))
            .with_attr("w14:paraId", para_id)
            .with_attr("w14:textId", "77777777");
        p.children.push(Node::Element(
            Element::new(format!("{w}:r")).with_child(Element::new(format!("{w}:annotationRef"))),
        ));
        p.children.push(Node::Element(ctx.run(text, None)));
        let mut c = Element::new(format!("{w}:comment"))
            .with_attr(format!("{w}:id"), id)
            .with_attr(format!("{w}:author"), who.author.clone());
        if let Some(d) = &who.date {
            c.set_attr(&format!("{w}:date"), d.clone());
        }
        if let Some(i) = initials {
            c.set_attr(&format!("{w}:initials"), i);
        }
        c.children.push(Node::Element(p));
        root.children.push(Node::Element(c));
    }

    fn reference_run(w: &str, id: &str) -> Element {
        Element::new(format!("{w}:r")).with_child(
            Element::new(format!("{w}:commentReference")).with_attr(format!("{w}:id"), id),
        )
    }

    fn anchor_text(
        &mut self,
        find: &str,
        occurrence: Option<Occurrence>,
        within: Option<&str>,
        id: &str,
        who: &Revision,
        next_id: &mut u64,
    ) -> Result<()> {
        let all: Vec<_> = self
            .matches(find, within, true, false)?
            .into_iter()
            .filter(|m| !m.0.starts_with("comment"))
            .collect();
        if all.is_empty() {
            return Err(self.not_found(find));
        }
        let chosen = pick(&all, occurrence, find, |m| {
            (m.0.clone(), self.snippet(&m.1, m.2, m.3))
        })?;
        let (_, loc, start, end) = chosen
            .into_iter()
            .next()
            .ok_or(Error::InvalidEdit("a comment anchors in one place".into()))?;
        let w = self.stories[loc.story].w.clone();
        let mut ctx = Ctx {
            w: &w,
            who,
            next_id,
        };
        let p = self.element_mut(&loc);
        split_at(p, &mut ctx, end);
        split_at(p, &mut ctx, start);
        let (_, pieces) = atoms(p, &w);
        let inside: Vec<_> = pieces
            .iter()
            .filter(|a| a.start >= start && a.start + a.len <= end)
            .collect();
        let (Some(first), Some(last)) = (
            inside.first().map(|a| a.run.clone()),
            inside.last().map(|a| a.run.clone()),
        ) else {
            return Err(Error::InvalidEdit(
                "nothing to anchor the comment on".into(),
            ));
        };
        let (lp, li) = last.split_at(last.len() - 1);
        let parent = get_mut(p, lp);
        parent.children.insert(
            li[0] + 1,
            Node::Element(
                Element::new(format!("{w}:commentRangeEnd")).with_attr(format!("{w}:id"), id),
            ),
        );
        parent
            .children
            .insert(li[0] + 2, Node::Element(Self::reference_run(&w, id)));
        let (fp, fi) = first.split_at(first.len() - 1);
        get_mut(p, fp).children.insert(
            fi[0],
            Node::Element(
                Element::new(format!("{w}:commentRangeStart")).with_attr(format!("{w}:id"), id),
            ),
        );
        self.touched(&loc);
        Ok(())
    }

    fn anchor_paragraph(&mut self, address: &str, id: &str) -> Result<()> {
        let loc = self.find(address)?;
        if address.starts_with("comment") {
            return Err(Error::InvalidEdit(
                "comments cannot be anchored inside comments".into(),
            ));
        }
        let w = self.stories[loc.story].w.clone();
        let p = self.element_mut(&loc);
        let at = p
            .children
            .iter()
            .position(|n| matches!(n, Node::Element(e) if is_w(e, &w, "pPr")))
            .map_or(0, |i| i + 1);
        p.children.insert(
            at,
            Node::Element(
                Element::new(format!("{w}:commentRangeStart")).with_attr(format!("{w}:id"), id),
            ),
        );
        p.children.push(Node::Element(
            Element::new(format!("{w}:commentRangeEnd")).with_attr(format!("{w}:id"), id),
        ));
        p.children.push(Node::Element(Self::reference_run(&w, id)));
        self.touched(&loc);
        Ok(())
    }

    /// Place a reply's markers beside its parent's; return the parent's paraId.
    fn anchor_reply(
        &mut self,
        parent: &str,
        id: &str,
        used_para: &mut HashSet<String>,
    ) -> Result<String> {
        let si = self.comments_story().ok_or_else(|| {
            Error::InvalidEdit(format!(
                "no comment {parent} to reply to: the document has no comments"
            ))
        })?;
        let w = self.stories[si].w.clone();
        let idx = self.stories[si].doc.root.children.iter().position(|n| {
            matches!(n, Node::Element(c) if is_w(c, &w, "comment") && c.attr(&format!("{w}:id")) == Some(parent))
        });
        let Some(idx) = idx else {
            let ids: Vec<String> = self.comments().into_iter().map(|c| c.id).collect();
            return Err(Error::InvalidEdit(format!(
                "no comment {parent} to reply to (comments: {})",
                ids.join(", ")
            )));
        };
        // The parent's last paragraph needs a paraId for the thread link.
        let story = &mut self.stories[si];
        let Node::Element(pc) = &mut story.doc.root.children[idx] else {
            unreachable!()
        };
        let Some(last_p) = pc.elements_mut().filter(|p| is_w(p, &w, "p")).last() else {
            return Err(Error::InvalidEdit(format!(
                "comment {parent} has no paragraph"
            )));
        };
        let parent_para = if let Some(existing) = last_p.attr("w14:paraId") {
            existing.to_owned()
        } else {
            let fresh = fresh_hex(used_para, 0x3000_0000);
            last_p.set_attr("w14:paraId", fresh.clone());
            story.dirty = true;
            fresh
        };
        // Markers right after the parent's in the document.
        for (story_idx, s) in self.stories.iter_mut().enumerate() {
            if story_idx == si {
                continue;
            }
            let w = s.w.clone();
            for (marker, after_ref) in [("commentRangeStart", false), ("commentRangeEnd", true)] {
                let mut path = Vec::new();
                let is_parent =
                    |e: &Element| is_w(e, &w, marker) && e.attr(&format!("{w}:id")) == Some(parent);
                if !find_path(&s.doc.root, &is_parent, &mut path) {
                    continue;
                }
                s.dirty = true;
                let (pp, i) = path.split_at(path.len() - 1);
                let container = get_mut(&mut s.doc.root, pp);
                // Skip past the parent's reference run after its range end.
                let mut at = i[0] + 1;
                if after_ref {
                    let next_is_ref = matches!(container.children.get(at), Some(Node::Element(r)) if is_w(r, &w, "r") && find_el(r, &|e| is_w(e, &w, "commentReference")).is_some());
                    if next_is_ref {
                        at += 1;
                    }
                }
                container.children.insert(
                    at,
                    Node::Element(
                        Element::new(format!("{w}:{marker}")).with_attr(format!("{w}:id"), id),
                    ),
                );
                if after_ref {
                    container
                        .children
                        .insert(at + 1, Node::Element(Self::reference_run(&w, id)));
                }
            }
        }
        Ok(parent_para)
    }

    /// Mark a comment done (resolved) or open again.
    ///
    /// # Errors
    /// [`Error::InvalidEdit`] when there is no such comment.
    pub fn resolve_comment(&mut self, id: &str, done: bool) -> Result<()> {
        let si = self
            .comments_story()
            .ok_or_else(|| Error::InvalidEdit(format!("no comment {id}")))?;
        let w = self.stories[si].w.clone();
        let para_id = self.stories[si]
            .doc
            .root
            .elements()
            .find(|c| is_w(c, &w, "comment") && c.attr(&format!("{w}:id")) == Some(id))
            .ok_or_else(|| Error::InvalidEdit(format!("no comment {id}")))?
            .elements()
            .filter(|p| is_w(p, &w, "p"))
            .last()
            .and_then(|p| p.attr("w14:paraId"))
            .map(str::to_owned);
        let Some(para_id) = para_id else {
            return Err(Error::InvalidEdit(format!(
                "comment {id} has no w14:paraId to record its state on"
            )));
        };
        let (part, mut ext) = self.aux_or_new(&EXTENDED, "w15:commentsEx", W15)?;
        let prefix = ext
            .root
            .name
            .split_once(':')
            .map_or("w15", |(p, _)| p)
            .to_owned();
        let flag = if done { "1" } else { "0" };
        let key = format!("{prefix}:paraId");
        if let Some(e) = ext
            .root
            .elements_mut()
            .find(|e| e.attr(&key) == Some(para_id.as_str()))
        {
            e.set_attr(&format!("{prefix}:done"), flag);
        } else {
            ext.root.children.push(Node::Element(
                Element::new(format!("{prefix}:commentEx"))
                    .with_attr(key, para_id)
                    .with_attr(format!("{prefix}:done"), flag),
            ));
        }
        self.save_aux(&EXTENDED, &part, &ext)
    }
}
