//! `assemble`: keep, reorder and duplicate slides, add slides from layouts.

use std::collections::{BTreeMap, BTreeSet};

use docskill_opc::xml::dom::{Element, Node};
use docskill_opc::{Relationships, resolve_target};
use serde::Serialize;

use crate::deck::{
    REL_LAYOUT, REL_SLIDE, SLIDE_CT, SlideRef, child, child_mut, prefixed_attr, rel_kind,
};
use crate::parts::{collect_garbage, deep_copy, fresh_name, key, reachable, relative};
use crate::style::{Ph, tree_shapes};
use crate::{Error, Pptx, Result};

/// A layout chosen by name (case-insensitive) or by index (as `inventory` numbers them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LayoutChoice {
    /// By `p:cSld@name`.
    Name(String),
    /// By index across all masters.
    Index(usize),
}

impl LayoutChoice {
    /// A number is an index, anything else a name.
    pub fn parse(s: &str) -> Self {
        s.trim()
            .parse()
            .map_or_else(|_| Self::Name(s.trim().to_owned()), Self::Index)
    }
}

/// What `assemble` did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct AssembleReport {
    /// Slides in the output.
    pub slides: usize,
    /// `(source slide index, new part)` for each duplicate.
    pub duplicated: Vec<(usize, String)>,
    /// `(layout name, new part)` for each slide added from a layout.
    pub added: Vec<(String, String)>,
    /// Parts removed because nothing refers to them any more.
    pub removed_parts: Vec<String>,
    /// Things a careful user wants to know.
    pub warnings: Vec<String>,
}

impl Pptx {
    /// Rebuild the slide list: `order` lists source slide indexes (repeat one
    /// to duplicate it; leave one out to remove it), then one slide is added
    /// per entry of `add`, made from that layout with its placeholders.
    ///
    /// Duplicates get their own copies of charts (with embedded workbooks),
    /// embedded objects, diagrams, tags, comments and notes; parts only the
    /// removed slides used are removed.
    ///
    /// # Errors
    /// [`Error::NoSuchSlide`], [`Error::NoSuchLayout`], [`Error::Package`].
    pub fn assemble(&mut self, order: &[usize], add: &[LayoutChoice]) -> Result<AssembleReport> {
        let count = self.slides.len();
        if let Some(&index) = order.iter().find(|&&i| i >= count) {
            return Err(Error::NoSuchSlide { index, count });
        }
        let layouts = self.layouts()?;
        let mut chosen = Vec::new();
        for a in add {
            let found = match a {
                LayoutChoice::Index(i) => layouts.get(*i),
                LayoutChoice::Name(n) => layouts.iter().find(|l| l.name.eq_ignore_ascii_case(n)),
            };
            let l = found.ok_or_else(|| Error::NoSuchLayout {
                wanted: match a {
                    LayoutChoice::Index(i) => i.to_string(),
                    LayoutChoice::Name(n) => n.clone(),
                },
                available: layouts
                    .iter()
                    .enumerate()
                    .map(|(i, l)| format!("{i}: {}", l.name))
                    .collect(),
            })?;
            chosen.push(l.clone());
        }
        let before = reachable(&self.pkg);
        let mut report = AssembleReport::default();
        let mut pres_rels = self.rels(&self.pres_part)?;
        let slide_rel_type = self
            .slides
            .first()
            .and_then(|s| pres_rels.get(&s.rid))
            .map_or(REL_SLIDE.to_owned(), |r| r.rel_type.clone());
        let mut next_id = self
            .slides
            .iter()
            .map(|s| s.id)
            .max()
            .unwrap_or(255)
            .max(255)
            + 1;
        let mut used = vec![false; count];
        let mut out: Vec<SlideRef> = Vec::new();
        // The id of the slide each output slide comes from (none: from a layout).
        let mut sources: Vec<Option<u32>> = Vec::new();
        for &i in order {
            sources.push(Some(self.slides[i].id));
            let src = self.slides[i].clone();
            if used[i] {
                let mut map = BTreeMap::new();
                let part = deep_copy(&mut self.pkg, &src.part, &mut map)?;
                let rid = pres_rels.add(&slide_rel_type, &relative(&self.pres_part, &part), false);
                report.duplicated.push((i, part.clone()));
                out.push(SlideRef {
                    id: next_id,
                    rid,
                    part,
                });
                next_id += 1;
            } else {
                used[i] = true;
                out.push(src);
            }
        }
        for l in &chosen {
            let part = self.slide_from_layout(&l.part)?;
            let rid = pres_rels.add(&slide_rel_type, &relative(&self.pres_part, &part), false);
            report.added.push((l.name.clone(), part.clone()));
            out.push(SlideRef {
                id: next_id,
                rid,
                part,
            });
            sources.push(None);
            next_id += 1;
        }
        let removed: Vec<SlideRef> = self
            .slides
            .iter()
            .zip(&used)
            .filter(|(_, u)| !**u)
            .map(|(s, _)| s.clone())
            .collect();
        for s in &removed {
            pres_rels.remove(&s.rid);
        }
        let removed_parts: BTreeSet<String> = removed.iter().map(|s| key(&s.part)).collect();
        self.write_presentation(&out, &sources, &removed, &mut report)?;
        self.pkg
            .set_relationships(&self.pres_part.clone(), &pres_rels)?;
        for s in &out {
            self.unlink_removed(&s.part, &removed_parts)?;
        }
        report.removed_parts = collect_garbage(&mut self.pkg, &before)?;
        self.update_app_slide_count(out.len());
        report.slides = out.len();
        self.slides = out;
        Ok(report)
    }

    /// Write `p:sldIdLst`, custom shows and sections for the new slide list.
    pub(crate) fn write_presentation(
        &mut self,
        out: &[SlideRef],
        sources: &[Option<u32>],
        removed: &[SlideRef],
        report: &mut AssembleReport,
    ) -> Result<()> {
        let mut doc = self.parse(&self.pres_part)?;
        let root = &mut doc.root;
        let prefix = root
            .name
            .split_once(':')
            .map_or(String::new(), |(p, _)| format!("{p}:"));
        let r_prefix = root
            .attrs
            .iter()
            .find(|(k, v)| k.starts_with("xmlns:") && v.ends_with("/relationships"))
            .map_or("r".to_owned(), |(k, _)| k["xmlns:".len()..].to_owned());
        let list: Vec<Node> = out
            .iter()
            .map(|s| {
                Node::Element(
                    Element::new(format!("{prefix}sldId"))
                        .with_attr("id", s.id.to_string())
                        .with_attr(format!("{r_prefix}:id"), s.rid.clone()),
                )
            })
            .collect();
        if let Some(l) = child_mut(root, "sldIdLst") {
            l.children = list;
        } else {
            {
                // After sldMasterIdLst / notesMasterIdLst / handoutMasterIdLst.
                let at = root
                    .children
                    .iter()
                    .rposition(|n| matches!(n, Node::Element(e) if e.local().ends_with("IdLst")))
                    .map_or(0, |i| i + 1);
                let mut l = Element::new(format!("{prefix}sldIdLst"));
                l.children = list;
                root.children.insert(at, Node::Element(l));
            }
        }
        let removed_rids: BTreeSet<&str> = removed.iter().map(|s| s.rid.as_str()).collect();
        if let Some(shows) = child_mut(root, "custShowLst") {
            for show in shows.elements_mut() {
                if let Some(l) = child_mut(show, "sldLst") {
                    l.children.retain(|n| match n {
                        Node::Element(e) => {
                            prefixed_attr(e, "id").is_none_or(|r| !removed_rids.contains(r))
                        }
                        _ => true,
                    });
                }
            }
        }
        fix_sections(root, out, sources, report);
        self.pkg
            .set_part(&self.pres_part.clone(), doc.to_bytes(), None)?;
        Ok(())
    }

    /// Drop a slide's relationships to removed slides (hyperlinks to them) and the links using them.
    fn unlink_removed(&mut self, part: &str, removed: &BTreeSet<String>) -> Result<()> {
        let rels = self.rels(part)?;
        let dead: Vec<String> = rels
            .items
            .iter()
            .filter(|r| {
                !r.external
                    && rel_kind(&r.rel_type) == "slide"
                    && resolve_target(part, &r.target).is_some_and(|t| removed.contains(&key(&t)))
            })
            .map(|r| r.id.clone())
            .collect();
        if dead.is_empty() {
            return Ok(());
        }
        let mut kept = rels.clone();
        kept.items.retain(|r| !dead.contains(&r.id));
        let mut doc = self.parse(part)?;
        strip_links(&mut doc.root, &dead);
        self.pkg.set_part(part, doc.to_bytes(), None)?;
        self.pkg.set_relationships(part, &kept)?;
        Ok(())
    }

    pub(crate) fn update_app_slide_count(&mut self, n: usize) {
        let Some(app) = self.target_of("/", "extended-properties") else {
            return;
        };
        let Ok(mut doc) = self.parse(&app) else {
            return;
        };
        let mut changed = false;
        for e in doc.root.elements_mut() {
            if e.local() == "Slides" {
                e.children = vec![Node::Text(n.to_string())];
                changed = true;
            }
        }
        if changed {
            let _ = self.pkg.set_part(&app, doc.to_bytes(), None);
        }
    }

    /// A new slide part made from a layout: its placeholders (not date,
    /// footer, slide number), empty, positioned by the layout.
    pub(crate) fn slide_from_layout(&mut self, layout: &str) -> Result<String> {
        let ldoc = self.parse(layout)?;
        let ns: Vec<(String, String)> = ldoc
            .root
            .attrs
            .iter()
            .filter(|(k, _)| k.starts_with("xmlns"))
            .cloned()
            .collect();
        let p = |n: &str| format!("p:{n}");
        let a = |n: &str| format!("a:{n}");
        let mut tree = Element::new(p("spTree"))
            .with_child(
                Element::new(p("nvGrpSpPr"))
                    .with_child(
                        Element::new(p("cNvPr"))
                            .with_attr("id", "1")
                            .with_attr("name", ""),
                    )
                    .with_child(Element::new(p("cNvGrpSpPr")))
                    .with_child(Element::new(p("nvPr"))),
            )
            .with_child(Element::new(p("grpSpPr")));
        let mut id = 2u32;
        for s in tree_shapes(&ldoc.root) {
            let Some(ph) = Ph::of(s) else { continue };
            if matches!(ph.kind.as_str(), "dt" | "ftr" | "sldNum" | "hdr") || s.local() != "sp" {
                continue;
            }
            let (_, name) = crate::inventory::id_name(s);
            let ph_el = s
                .elements()
                .find(|e| e.local() == "nvSpPr")
                .and_then(|nv| child(nv, "nvPr"))
                .and_then(|nv| child(nv, "ph"))
                .cloned()
                .unwrap_or_else(|| Element::new(p("ph")));
            let sp = Element::new(p("sp"))
                .with_child(
                    Element::new(p("nvSpPr"))
                        .with_child(
                            Element::new(p("cNvPr"))
                                .with_attr("id", id.to_string())
                                .with_attr("name", name),
                        )
                        .with_child(
                            Element::new(p("cNvSpPr"))
                                .with_child(Element::new(a("spLocks")).with_attr("noGrp", "1")),
                        )
                        .with_child(Element::new(p("nvPr")).with_child(ph_el)),
                )
                .with_child(Element::new(p("spPr")))
                .with_child(
                    Element::new(p("txBody"))
                        .with_child(Element::new(a("bodyPr")))
                        .with_child(Element::new(a("lstStyle")))
                        .with_child(Element::new(a("p"))),
                );
            tree.children.push(Node::Element(sp));
            id += 1;
        }
        let mut sld = Element::new(p("sld"));
        sld.attrs = ns;
        let sld = sld
            .with_child(Element::new(p("cSld")).with_child(tree))
            .with_child(
                Element::new(p("clrMapOvr")).with_child(Element::new(a("masterClrMapping"))),
            );
        let xml = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n{}",
            sld.to_xml()
        );
        let dir = self
            .slides
            .first()
            .and_then(|s| s.part.rsplit_once('/').map(|(d, _)| d.to_owned()))
            .unwrap_or_else(|| "/ppt/slides".to_owned());
        let part = fresh_name(&self.pkg, &format!("{dir}/slide1.xml"));
        self.pkg.set_part(&part, xml.into_bytes(), Some(SLIDE_CT))?;
        let layout_rel_type = self
            .slides
            .first()
            .and_then(|s| self.rels(&s.part).ok())
            .and_then(|r| {
                r.items
                    .iter()
                    .find(|r| rel_kind(&r.rel_type) == "slideLayout")
                    .map(|r| r.rel_type.clone())
            })
            .unwrap_or_else(|| REL_LAYOUT.to_owned());
        let mut rels = Relationships::default();
        rels.add(&layout_rel_type, &relative(&part, layout), false);
        self.pkg.set_relationships(&part, &rels)?;
        Ok(part)
    }
}

/// Remove `a:hlinkClick`/`a:hlinkHover` elements that use one of `dead`.
fn strip_links(el: &mut Element, dead: &[String]) {
    el.children.retain(|n| match n {
        Node::Element(e) if matches!(e.local(), "hlinkClick" | "hlinkHover") => {
            prefixed_attr(e, "id").is_none_or(|r| !dead.iter().any(|d| d == r))
        }
        _ => true,
    });
    for c in el.elements_mut() {
        strip_links(c, dead);
    }
}

/// Keep `p14:sectionLst` consistent: each output slide goes in its source's
/// section; when that breaks the order, the sections are dropped (with a warning).
fn fix_sections(
    root: &mut Element,
    out: &[SlideRef],
    sources: &[Option<u32>],
    report: &mut AssembleReport,
) {
    let Some(ext_lst) = child_mut(root, "extLst") else {
        return;
    };
    let mut drop_ext = None;
    for (ei, ext) in ext_lst.children.iter_mut().enumerate() {
        let Node::Element(ext) = ext else { continue };
        let Some(sections) = ext.elements_mut().find(|e| e.local() == "sectionLst") else {
            continue;
        };
        // Source slide id of every output slide (duplicates: the original's).
        let mut section_of: BTreeMap<u32, usize> = BTreeMap::new();
        for (si, sec) in sections.elements().enumerate() {
            if let Some(l) = child(sec, "sldIdLst") {
                for s in l.elements() {
                    if let Some(id) = s.attr("id").and_then(|v| v.parse().ok()) {
                        section_of.insert(id, si);
                    }
                }
            }
        }
        let sec_count = sections.elements().count();
        let mut lists: Vec<Vec<u32>> = vec![Vec::new(); sec_count];
        let mut seq = Vec::new();
        for (s, src) in out.iter().zip(sources) {
            let si = src
                .and_then(|id| section_of.get(&id).copied())
                .unwrap_or(sec_count.saturating_sub(1));
            if let Some(l) = lists.get_mut(si) {
                l.push(s.id);
                seq.push(si);
            }
        }
        if seq.windows(2).any(|w| w[1] < w[0]) {
            drop_ext = Some(ei);
            report.warnings.push(
                "the new slide order breaks the deck's sections; sections were removed".into(),
            );
            continue;
        }
        let prefix = sections
            .name
            .split_once(':')
            .map_or(String::new(), |(p, _)| format!("{p}:"));
        for (sec, ids) in sections.elements_mut().zip(lists) {
            if let Some(l) = child_mut(sec, "sldIdLst") {
                l.children = ids
                    .into_iter()
                    .map(|id| {
                        Node::Element(
                            Element::new(format!("{prefix}sldId")).with_attr("id", id.to_string()),
                        )
                    })
                    .collect();
            }
        }
    }
    if let Some(i) = drop_ext {
        ext_lst.children.remove(i);
    }
}
