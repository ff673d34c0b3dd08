//! `opc.*` operations: look inside any OOXML package.

use std::path::{Path, PathBuf};

use docskill_opc::{CONTENT_TYPES, Package};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::fs::{guard_input, io_error, read_input};
use super::{Context, Done, LimitOverrides, OpError, OpResult, OutputFile};

/// `opc.ls`: list the parts of a package.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OpcLs {
    /// The package (.docx, .xlsx, .pptx and their template and macro variants).
    pub input: PathBuf,
    /// Override the safety limits for this request.
    #[serde(default, skip_serializing_if = "is_default")]
    pub limits: LimitOverrides,
}

/// `opc.cat`: one part's bytes.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OpcCat {
    /// The package.
    pub input: PathBuf,
    /// Part name, with or without the leading `/` (e.g. `word/document.xml`).
    pub part: String,
    /// Indent XML for reading.
    #[serde(default)]
    pub pretty: bool,
    /// Write the part to this file instead of answering with its content.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<PathBuf>,
    /// Override the safety limits for this request.
    #[serde(default, skip_serializing_if = "is_default")]
    pub limits: LimitOverrides,
}

/// `opc.unpack`: every part into a folder, XML pretty-printed for people.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OpcUnpack {
    /// The package.
    pub input: PathBuf,
    /// The folder to create (or an empty one).
    pub dir: PathBuf,
    /// Keep XML exactly as stored instead of pretty-printing it.
    #[serde(default)]
    pub raw: bool,
    /// Write into a folder that is not empty (files of the same name are replaced).
    #[serde(default)]
    pub force: bool,
    /// Override the safety limits for this request.
    #[serde(default, skip_serializing_if = "is_default")]
    pub limits: LimitOverrides,
}

/// `opc.pack`: a folder (as `opc.unpack` writes it) into a package.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OpcPack {
    /// The folder holding `[Content_Types].xml` and the parts.
    pub dir: PathBuf,
    /// The package to write.
    pub output: PathBuf,
    /// Keep XML exactly as in the files instead of removing layout whitespace.
    #[serde(default)]
    pub raw: bool,
    /// Override the safety limits for this request.
    #[serde(default, skip_serializing_if = "is_default")]
    pub limits: LimitOverrides,
}

/// `opc.check`: structural problems that make Office clients repair or refuse a file.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OpcCheck {
    /// The package.
    pub input: PathBuf,
    /// Override the safety limits for this request.
    #[serde(default, skip_serializing_if = "is_default")]
    pub limits: LimitOverrides,
}

fn is_default<T: Default + PartialEq>(v: &T) -> bool {
    *v == T::default()
}

fn open(input: &Path, limits: &LimitOverrides, ctx: &Context, lenient: bool) -> OpResult<Package> {
    let path = ctx.path(input);
    let limits = limits.resolve();
    let bytes = read_input(&path, limits.max_input_bytes)?;
    let r = if lenient {
        Package::open_lenient(bytes, &limits)
    } else {
        Package::open(bytes, &limits)
    };
    r.map_err(|e| OpError::from_opc(e, &input.display().to_string()))
}

fn is_xml_name(name: &str, content_type: Option<&str>) -> bool {
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    content_type.is_some_and(|c| c.ends_with("+xml") || c.ends_with("/xml"))
        || matches!(ext.as_deref(), Some("xml" | "rels"))
}

pub(crate) fn ls(a: &OpcLs, ctx: &Context) -> OpResult<Done> {
    let pkg = open(&a.input, &a.limits, ctx, false)?;
    let parts = pkg.parts();
    let total: u64 = parts.iter().map(|p| p.size).sum();
    let list: Vec<_> = parts
        .iter()
        .map(|p| {
            json!({
                "name": p.name,
                "content_type": p.content_type,
                "size": p.size,
                "compressed_size": p.compressed_size,
            })
        })
        .collect();
    Ok(Done {
        result: json!({ "count": parts.len(), "total_size": total, "parts": list }),
        ..Done::default()
    })
}

fn part_hint(pkg: &Package) -> String {
    let names: Vec<String> = pkg.part_names().take(40).collect();
    format!("parts in this package: {}", names.join(", "))
}

pub(crate) fn cat(a: &OpcCat, ctx: &Context) -> OpResult<Done> {
    let pkg = open(&a.input, &a.limits, ctx, false)?;
    let name = format!("/{}", a.part.trim_start_matches('/'));
    let mut bytes = if name.eq_ignore_ascii_case("/[Content_Types].xml") {
        pkg.content_types_xml()
    } else if pkg.has_part(&name) {
        pkg.read_part(&name)
            .map_err(|e| OpError::from_opc(e, &name))?
    } else {
        return Err(
            OpError::new("part.not_found", format!("no part named {name}")).hint(part_hint(&pkg)),
        );
    };
    let ct = pkg.content_type(&name).map(str::to_owned);
    if a.pretty && is_xml_name(&name, ct.as_deref()) {
        bytes = docskill_opc::xml::pretty(&bytes, &name, pkg.limits())
            .map_err(|e| OpError::from_opc(e, &name))?;
    }
    if let Some(out) = &a.output {
        guard_input(&ctx.path(&a.input), &ctx.path(out), false)?;
        let written = ctx.write(&ctx.path(out), &bytes)?;
        return Ok(Done {
            result: json!({ "part": name, "content_type": ct, "size": bytes.len() }),
            outputs: vec![written],
            ..Done::default()
        });
    }
    let result = match std::str::from_utf8(&bytes) {
        Ok(text) => json!({ "part": name, "content_type": ct, "size": bytes.len(), "text": text }),
        Err(_) => json!({
            "part": name, "content_type": ct, "size": bytes.len(),
            "base64": base64(&bytes),
        }),
    };
    Ok(Done {
        result,
        payload: Some(bytes),
        ..Done::default()
    })
}

fn base64(b: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut s = String::with_capacity(b.len().div_ceil(3) * 4);
    for c in b.chunks(3) {
        let n = (u32::from(c[0]) << 16)
            | (u32::from(*c.get(1).unwrap_or(&0)) << 8)
            | u32::from(*c.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= c.len() {
                s.push(char::from(T[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                s.push('=');
            }
        }
    }
    s
}

/// `dir` joined with a zip entry name, one component at a time.
fn join_entry(dir: &Path, name: &str) -> PathBuf {
    name.split('/')
        .filter(|s| !s.is_empty())
        .fold(dir.to_path_buf(), |p, s| p.join(s))
}

pub(crate) fn unpack(a: &OpcUnpack, ctx: &Context) -> OpResult<Done> {
    let pkg = open(&a.input, &a.limits, ctx, false)?;
    let dir = ctx.path(&a.dir);
    let not_empty = std::fs::read_dir(&dir).is_ok_and(|mut entries| entries.next().is_some());
    if not_empty && !a.force {
        return Err(
            OpError::new("io.exists", format!("{} is not empty", dir.display()))
                .hint("choose a new folder, or pass --force to write into this one"),
        );
    }
    let mut outputs = Vec::new();
    let mut warnings = Vec::new();
    let mut pretty_count = 0usize;
    let mut files: Vec<(String, Vec<u8>, Option<String>)> = vec![(
        CONTENT_TYPES.to_owned(),
        pkg.content_types_xml(),
        Some("application/xml".into()),
    )];
    for p in pkg.parts() {
        let bytes = pkg
            .read_part(&p.name)
            .map_err(|e| OpError::from_opc(e, &p.name))?;
        files.push((p.name[1..].to_owned(), bytes, p.content_type));
    }
    for (name, mut bytes, ct) in files {
        if !a.raw && is_xml_name(&name, ct.as_deref()) {
            match docskill_opc::xml::pretty(&bytes, &name, pkg.limits()) {
                Ok(p) => {
                    bytes = p;
                    pretty_count += 1;
                }
                Err(e) => warnings.push(format!("{name} kept as stored: {e}")),
            }
        }
        let path = join_entry(&dir, &name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| io_error("io.write", "create", parent, &e))?;
        }
        std::fs::write(&path, &bytes).map_err(|e| io_error("io.write", "write", &path, &e))?;
        outputs.push(OutputFile::describe(&path, &bytes));
    }
    Ok(Done {
        result: json!({
            "dir": dir.display().to_string(),
            "files": outputs.len(),
            "pretty_printed": pretty_count,
        }),
        outputs,
        warnings,
        payload: None,
    })
}

/// Every file under `dir`, as (relative name with `/`, path), sorted by name.
fn walk(dir: &Path, warnings: &mut Vec<String>) -> OpResult<Vec<(String, PathBuf)>> {
    let mut out = Vec::new();
    let mut stack = vec![(String::new(), dir.to_path_buf())];
    while let Some((prefix, d)) = stack.pop() {
        let rd = std::fs::read_dir(&d).map_err(|e| io_error("io.read", "read", &d, &e))?;
        for entry in rd {
            let entry = entry.map_err(|e| io_error("io.read", "read", &d, &e))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let rel = if prefix.is_empty() {
                name
            } else {
                format!("{prefix}/{name}")
            };
            let ft = entry
                .file_type()
                .map_err(|e| io_error("io.read", "read", &entry.path(), &e))?;
            if ft.is_symlink() {
                warnings.push(format!("{rel}: symbolic link skipped"));
            } else if ft.is_dir() {
                stack.push((rel, entry.path()));
            } else if ft.is_file() {
                out.push((rel, entry.path()));
            }
        }
    }
    out.sort();
    Ok(out)
}

pub(crate) fn pack(a: &OpcPack, ctx: &Context) -> OpResult<Done> {
    let dir = ctx.path(&a.dir);
    let limits = a.limits.resolve();
    if !dir.is_dir() {
        return Err(OpError::new(
            "io.not_found",
            format!("{} is not a folder", dir.display()),
        ));
    }
    let mut warnings = Vec::new();
    let files = walk(&dir, &mut warnings)?;
    if files.len() as u64 > limits.max_entries {
        return Err(OpError::from_opc(
            docskill_opc::Error::LimitExceeded {
                what: "max_entries",
                actual: files.len() as u64,
                limit: limits.max_entries,
            },
            &dir.display().to_string(),
        ));
    }
    if !files.iter().any(|(n, _)| n == CONTENT_TYPES) {
        return Err(OpError::new(
            "package.missing_content_types",
            format!("{} has no [Content_Types].xml", dir.display()),
        )
        .hint("pack a folder written by `docskill opc unpack`"));
    }
    let mut parts = Vec::with_capacity(files.len());
    let mut total = 0u64;
    for (name, path) in files {
        let mut bytes = read_input(&path, limits.max_part_size)?;
        total += bytes.len() as u64;
        if total > limits.max_total_uncompressed {
            return Err(OpError::from_opc(
                docskill_opc::Error::LimitExceeded {
                    what: "max_total_uncompressed",
                    actual: total,
                    limit: limits.max_total_uncompressed,
                },
                &dir.display().to_string(),
            ));
        }
        if !a.raw && is_xml_name(&name, None) {
            bytes = docskill_opc::xml::condense(&bytes, &name, &limits)
                .map_err(|e| OpError::from_opc(e, &path.display().to_string()))?;
        }
        parts.push((name, bytes));
    }
    let pkg = Package::from_parts(parts, &limits)
        .map_err(|e| OpError::from_opc(e, &dir.display().to_string()))?;
    let bytes = pkg
        .to_bytes()
        .map_err(|e| OpError::from_opc(e, &a.output.display().to_string()))?;
    let written = ctx.write(&ctx.path(&a.output), &bytes)?;
    let findings = docskill_opc::check(&pkg);
    warnings.extend(
        findings
            .iter()
            .map(|f| format!("{} {}: {}", f.code, f.part, f.message)),
    );
    Ok(Done {
        result: json!({ "parts": pkg.parts().len(), "output": written.path }),
        outputs: vec![written],
        warnings,
        payload: None,
    })
}

pub(crate) fn check(a: &OpcCheck, ctx: &Context) -> OpResult<Done> {
    let pkg = open(&a.input, &a.limits, ctx, true)?;
    let findings = docskill_opc::check(&pkg);
    let list: Vec<_> = findings
        .iter()
        .map(|f| json!({ "code": f.code, "part": f.part, "message": f.message }))
        .collect();
    Ok(Done {
        result: json!({ "clean": findings.is_empty(), "parts": pkg.parts().len(), "findings": list }),
        ..Done::default()
    })
}
