//! An OPC package: parts in a zip, with content types and relationships.

use std::collections::HashMap;
use std::io::{Read, Write};

use crate::content_types::{CONTENT_TYPES, ContentTypes};
use crate::deflate::Deflated;
use crate::partname::{key, part_name, rels_part_for};
use crate::rels::{RELS_CONTENT_TYPE, Relationships};
use crate::zip::{self, Archive, Entry};
use crate::{Error, Limits, Result};

/// A part as listed by [`Package::parts`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartInfo {
    /// Part name, with its leading `/`.
    pub name: String,
    /// Content type from `[Content_Types].xml`, if any.
    pub content_type: Option<String>,
    /// Compressed size in the input (new and changed parts: not yet known).
    pub compressed_size: Option<u64>,
    /// Uncompressed size.
    pub size: u64,
    /// True when the part was added or replaced since opening.
    pub changed: bool,
}

#[derive(Debug, Clone)]
enum Body {
    /// Still the bytes of the input, never inflated unless read.
    Original(Entry),
    /// Replaced or new content.
    Bytes(Vec<u8>),
    /// Replaced or new content, already deflated.
    Deflated(Deflated),
}

#[derive(Debug, Clone)]
struct Item {
    /// Zip entry name (the part name without its leading `/`).
    name: String,
    body: Body,
    /// Added since opening: written after the original entries, sorted.
    new: bool,
}

impl Item {
    fn is_dir(&self) -> bool {
        self.name.ends_with('/')
    }
}

/// An open OPC package.
///
/// Parts are inflated only when read; parts that are not replaced are written
/// back with their original compressed bytes.
///
/// # Examples
/// ```
/// let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/opc/minimal.docx")).unwrap();
/// let mut pkg = docskill_opc::Package::open(bytes, &Default::default()).unwrap();
/// assert_eq!(pkg.content_type("/word/document.xml"),
///            Some("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"));
/// let doc = pkg.read_part("/word/document.xml").unwrap();
/// pkg.set_part("/word/document.xml", doc, None).unwrap();
/// let out = pkg.to_bytes().unwrap();
/// assert!(docskill_opc::Package::open(out, &Default::default()).is_ok());
/// ```
#[derive(Debug, Clone)]
pub struct Package {
    data: Vec<u8>,
    items: Vec<Item>,
    /// Lower-cased zip name → index into `items`.
    index: HashMap<String, usize>,
    content_types: ContentTypes,
    content_types_raw: Option<Vec<u8>>,
    content_types_dirty: bool,
    limits: Limits,
    duplicates: Vec<String>,
}

impl Package {
    /// Open a package from its bytes.
    ///
    /// # Errors
    /// [`Error::NotZip`] names what the bytes are instead (encrypted Office
    /// file, legacy binary format, PDF...); [`Error::CorruptZip`] for truncated
    /// or damaged archives; [`Error::UnsafeName`], [`Error::DuplicateName`] and
    /// [`Error::LimitExceeded`] for hostile archives;
    /// [`Error::MissingContentTypes`] for a zip that is not an OPC package.
    pub fn open(data: Vec<u8>, limits: &Limits) -> Result<Self> {
        let pkg = Self::open_lenient(data, limits)?;
        if let Some(d) = pkg.duplicates.first() {
            return Err(Error::DuplicateName(d.clone()));
        }
        Ok(pkg)
    }

    /// Read a package from a reader (at most `limits.max_input_bytes`), then [`Package::open`].
    ///
    /// # Errors
    /// As [`Package::open`], plus [`Error::Io`].
    pub fn from_reader(r: impl Read, limits: &Limits) -> Result<Self> {
        let mut data = Vec::new();
        r.take(limits.max_input_bytes.saturating_add(1))
            .read_to_end(&mut data)?;
        Self::open(data, limits)
    }

    /// Like [`Package::open`] but keeps the first of case-insensitively
    /// duplicated names (listed by [`Package::duplicates`]), for checking.
    ///
    /// # Errors
    /// As [`Package::open`], without [`Error::DuplicateName`].
    pub fn open_lenient(data: Vec<u8>, limits: &Limits) -> Result<Self> {
        let archive = Archive::parse(&data, limits)?;
        let mut items = Vec::with_capacity(archive.entries.len());
        let mut index = HashMap::with_capacity(archive.entries.len());
        let mut duplicates = Vec::new();
        let mut ct_entry = None;
        for e in archive.entries {
            if e.name == CONTENT_TYPES {
                ct_entry = Some(e);
                continue;
            }
            let k = key(&e.name);
            if index.contains_key(&k) {
                duplicates.push(e.name);
                continue;
            }
            index.insert(k, items.len());
            items.push(Item {
                name: e.name.clone(),
                body: Body::Original(e),
                new: false,
            });
        }
        let ct_entry = ct_entry.ok_or(Error::MissingContentTypes)?;
        let raw = zip::read::inflate(&data, &ct_entry)?;
        let content_types = ContentTypes::parse(&raw)?;
        Ok(Self {
            data,
            items,
            index,
            content_types,
            content_types_raw: Some(raw),
            content_types_dirty: false,
            limits: *limits,
            duplicates,
        })
    }

    /// Build a new package from `(zip entry name, bytes)` pairs, one of which
    /// must be `[Content_Types].xml`. Parts are written in sorted order.
    ///
    /// # Errors
    /// [`Error::MissingContentTypes`], [`Error::InvalidPartName`],
    /// [`Error::DuplicateName`] (case-insensitive), [`Error::LimitExceeded`].
    pub fn from_parts(
        parts: impl IntoIterator<Item = (String, Vec<u8>)>,
        limits: &Limits,
    ) -> Result<Self> {
        let mut ct_raw = None;
        let mut items = Vec::new();
        let mut index = HashMap::new();
        let mut total: u64 = 0;
        for (name, data) in parts {
            total = total.saturating_add(data.len() as u64);
            if name == CONTENT_TYPES {
                ct_raw = Some(data);
                continue;
            }
            let zip_name = part_name(&name)?[1..].to_owned();
            if index.insert(key(&zip_name), items.len()).is_some() {
                return Err(Error::DuplicateName(zip_name));
            }
            items.push(Item {
                name: zip_name,
                body: Body::Bytes(data),
                new: true,
            });
        }
        let limit = |what, actual: u64, limit: u64| {
            if actual > limit {
                Err(Error::LimitExceeded {
                    what,
                    actual,
                    limit,
                })
            } else {
                Ok(())
            }
        };
        limit("max_entries", items.len() as u64 + 1, limits.max_entries)?;
        limit(
            "max_total_uncompressed",
            total,
            limits.max_total_uncompressed,
        )?;
        let raw = ct_raw.ok_or(Error::MissingContentTypes)?;
        let content_types = ContentTypes::parse(&raw)?;
        Ok(Self {
            data: Vec::new(),
            items,
            index,
            content_types,
            content_types_raw: Some(raw),
            content_types_dirty: false,
            limits: *limits,
            duplicates: Vec::new(),
        })
    }

    /// Names that appeared more than once (case-insensitively); the first one was kept.
    pub fn duplicates(&self) -> &[String] {
        &self.duplicates
    }

    /// The limits this package was opened with.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    fn find(&self, name: &str) -> Option<usize> {
        self.index.get(&key(name)).copied()
    }

    /// Every part (not `[Content_Types].xml`, not folder entries), in package order.
    pub fn parts(&self) -> Vec<PartInfo> {
        self.items
            .iter()
            .filter(|i| !i.is_dir())
            .map(|i| {
                let name = format!("/{}", i.name);
                let (compressed_size, size, changed) = match &i.body {
                    Body::Original(e) => (Some(e.compressed_size), e.uncompressed_size, false),
                    Body::Bytes(b) => (None, b.len() as u64, true),
                    Body::Deflated(d) => (None, d.size, true),
                };
                PartInfo {
                    content_type: self.content_types.get(&name).map(str::to_owned),
                    name,
                    compressed_size,
                    size,
                    changed,
                }
            })
            .collect()
    }

    /// Part names, in package order.
    pub fn part_names(&self) -> impl Iterator<Item = String> + '_ {
        self.items
            .iter()
            .filter(|i| !i.is_dir())
            .map(|i| format!("/{}", i.name))
    }

    /// True when a part with this name exists (case-insensitive, leading `/` optional).
    pub fn has_part(&self, name: &str) -> bool {
        self.find(name).is_some_and(|i| !self.items[i].is_dir())
    }

    /// Bytes of a part, inflated now (bounded by its declared size).
    ///
    /// # Errors
    /// [`Error::PartNotFound`]; [`Error::SizeMismatch`], [`Error::CrcMismatch`]
    /// or [`Error::CorruptZip`] for damaged data.
    pub fn read_part(&self, name: &str) -> Result<Vec<u8>> {
        let i = self
            .find(name)
            .ok_or_else(|| Error::PartNotFound(name.to_owned()))?;
        match &self.items[i].body {
            Body::Original(e) => zip::read::inflate(&self.data, e),
            Body::Bytes(b) => Ok(b.clone()),
            Body::Deflated(d) => {
                let name = self.items[i].name.clone();
                let e = Entry {
                    raw_name: name.clone().into_bytes(),
                    name,
                    flags: 0,
                    method: zip::METHOD_DEFLATE,
                    crc32: d.crc32,
                    compressed_size: d.data.len() as u64,
                    uncompressed_size: d.size,
                    data_offset: 0,
                };
                zip::read::inflate(&d.data, &e)
            }
        }
    }

    /// The raw `[Content_Types].xml` as it will be written.
    pub fn content_types_xml(&self) -> Vec<u8> {
        match (&self.content_types_raw, self.content_types_dirty) {
            (Some(raw), false) => raw.clone(),
            _ => self.content_types.to_xml(),
        }
    }

    /// Content type of a part.
    pub fn content_type(&self, name: &str) -> Option<&str> {
        let name = format!("/{}", name.trim_start_matches('/'));
        self.content_types.get(&name)
    }

    /// The parsed content types.
    pub fn content_types(&self) -> &ContentTypes {
        &self.content_types
    }

    /// The content types, for changing; `[Content_Types].xml` is rewritten on save.
    pub fn content_types_mut(&mut self) -> &mut ContentTypes {
        self.content_types_dirty = true;
        &mut self.content_types
    }

    /// Replace a part's bytes, or add a new part. With `content_type`, the
    /// part gets that type (an Override unless the extension's Default matches).
    ///
    /// # Errors
    /// [`Error::InvalidPartName`].
    pub fn set_part(
        &mut self,
        name: &str,
        data: Vec<u8>,
        content_type: Option<&str>,
    ) -> Result<()> {
        let name = part_name(name)?;
        if name.eq_ignore_ascii_case("/[Content_Types].xml") {
            return Err(Error::InvalidPartName {
                name,
                reason: "is the content types stream; use content_types_mut",
            });
        }
        self.put_body(&name, Body::Bytes(data));
        if let Some(ct) = content_type.filter(|ct| self.content_types.get(&name) != Some(*ct)) {
            self.content_types_mut().set(&name, ct);
        }
        Ok(())
    }

    /// Replace a part's bytes (or add a part) with bytes already deflated,
    /// for instance by [`crate::deflate::deflate_pieces`]; they are written
    /// as they are. The part keeps its content type.
    ///
    /// # Errors
    /// [`Error::InvalidPartName`].
    pub fn set_part_deflated(&mut self, name: &str, data: Deflated) -> Result<()> {
        let name = part_name(name)?;
        if name.eq_ignore_ascii_case("/[Content_Types].xml") {
            return Err(Error::InvalidPartName {
                name,
                reason: "is the content types stream; use content_types_mut",
            });
        }
        self.put_body(&name, Body::Deflated(data));
        Ok(())
    }

    fn put_body(&mut self, name: &str, body: Body) {
        if let Some(i) = self.find(name) {
            self.items[i].body = body;
        } else {
            let zip_name = name[1..].to_owned();
            self.index.insert(key(&zip_name), self.items.len());
            self.items.push(Item {
                name: zip_name,
                body,
                new: true,
            });
        }
    }

    /// Add a part that must not exist yet.
    ///
    /// # Errors
    /// [`Error::PartExists`], [`Error::InvalidPartName`].
    pub fn add_part(&mut self, name: &str, data: Vec<u8>, content_type: &str) -> Result<()> {
        if self.has_part(name) {
            return Err(Error::PartExists(name.to_owned()));
        }
        self.set_part(name, data, Some(content_type))
    }

    /// Remove a part and its Override. Relationships pointing to it are not
    /// changed; remove them with [`Package::set_relationships`].
    ///
    /// # Errors
    /// [`Error::PartNotFound`].
    pub fn remove_part(&mut self, name: &str) -> Result<()> {
        let i = self
            .find(name)
            .ok_or_else(|| Error::PartNotFound(name.to_owned()))?;
        let item = self.items.remove(i);
        self.reindex();
        let pname = format!("/{}", item.name);
        if self
            .content_types
            .overrides
            .iter()
            .any(|(p, _)| key(p) == key(&pname))
        {
            self.content_types_mut().remove(&pname);
        }
        Ok(())
    }

    /// Rename a part, keeping its content type and position. Relationships
    /// pointing to it are not changed.
    ///
    /// # Errors
    /// [`Error::PartNotFound`], [`Error::PartExists`], [`Error::InvalidPartName`].
    pub fn rename_part(&mut self, from: &str, to: &str) -> Result<()> {
        let to = part_name(to)?;
        let i = self
            .find(from)
            .ok_or_else(|| Error::PartNotFound(from.to_owned()))?;
        if self.find(&to).is_some_and(|j| j != i) {
            return Err(Error::PartExists(to));
        }
        let old = format!("/{}", self.items[i].name);
        let ct = self.content_types.get(&old).map(str::to_owned);
        to[1..].clone_into(&mut self.items[i].name);
        self.reindex();
        if let Some(ct) = ct {
            let had_override = self
                .content_types
                .overrides
                .iter()
                .any(|(p, _)| key(p) == key(&old));
            if had_override || self.content_types.get(&to) != Some(ct.as_str()) {
                let cts = self.content_types_mut();
                cts.remove(&old);
                cts.set(&to, &ct);
            }
        }
        Ok(())
    }

    fn reindex(&mut self) {
        self.index = self
            .items
            .iter()
            .enumerate()
            .map(|(i, it)| (key(&it.name), i))
            .collect();
    }

    /// The relationships of `source` (`/` for the package): empty when it has none.
    ///
    /// # Errors
    /// [`Error::Xml`] when the relationships part is malformed.
    pub fn relationships(&self, source: &str) -> Result<Relationships> {
        let rels = rels_part_for(source);
        if !self.has_part(&rels) {
            return Ok(Relationships::default());
        }
        Relationships::parse(&self.read_part(&rels)?, &rels)
    }

    /// Write the relationships of `source`.
    ///
    /// # Errors
    /// [`Error::InvalidPartName`].
    pub fn set_relationships(&mut self, source: &str, rels: &Relationships) -> Result<()> {
        let part = rels_part_for(source);
        if self.content_types.get(&part) != Some(RELS_CONTENT_TYPE) {
            self.content_types_mut()
                .add_default("rels", RELS_CONTENT_TYPE);
        }
        self.set_part(&part, rels.to_xml(), Some(RELS_CONTENT_TYPE))
    }

    /// Write the package: `[Content_Types].xml` first, then the original
    /// entries in their order, then new parts sorted by name. Untouched parts
    /// keep their compressed bytes; every entry gets the same fixed timestamp.
    ///
    /// # Errors
    /// [`Error::Io`] from `out`; [`Error::TooLargeToWrite`] past zip32 limits.
    pub fn write_to<W: Write>(&self, out: W) -> Result<W> {
        let mut w = zip::Writer::new(out);
        w.add(CONTENT_TYPES, &self.content_types_xml())?;
        let mut new: Vec<&Item> = self.items.iter().filter(|i| i.new).collect();
        new.sort_by(|a, b| a.name.cmp(&b.name));
        for item in self.items.iter().filter(|i| !i.new).chain(new) {
            match &item.body {
                Body::Original(e) => {
                    let start = usize::try_from(e.data_offset).unwrap_or(usize::MAX);
                    let len = usize::try_from(e.compressed_size).unwrap_or(usize::MAX);
                    let raw = &self.data[start..start + len];
                    let name = if item.name == e.name {
                        e.raw_name.clone()
                    } else {
                        item.name.clone().into_bytes()
                    };
                    w.add_raw(&name, e.method, e.crc32, raw, e.uncompressed_size)?;
                }
                Body::Bytes(b) => w.add(&item.name, b)?,
                Body::Deflated(d) => w.add_raw(
                    item.name.as_bytes(),
                    zip::METHOD_DEFLATE,
                    d.crc32,
                    &d.data,
                    d.size,
                )?,
            }
        }
        w.finish()
    }

    /// [`Package::write_to`] into a new buffer.
    ///
    /// # Errors
    /// As [`Package::write_to`].
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        self.write_to(Vec::with_capacity(self.data.len() + 1024))
    }
}
