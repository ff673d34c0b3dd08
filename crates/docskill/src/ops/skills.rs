//! `skills.*`: the Agent Skills built into docskill: index, text, install, lint.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::json;

use super::fs::read_input;
use super::{Context, Done, OpError, OpResult};
use crate::skills::{self, SkillFile};

/// `skills.list`: name and description of every skill (the cheap index).
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SkillsList {}

/// `skills.show`: a skill's `SKILL.md`, or one of its reference files.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SkillsShow {
    /// The skill, e.g. `docx`.
    pub name: String,
    /// A reference file of it, e.g. `references/edits.md` (or just `edits.md`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
}

/// `skills.install`: copy the skill folders into a folder agents read skills from.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SkillsInstall {
    /// Destination, e.g. `~/.claude/skills` or `.agents/skills`; a folder per skill goes in it.
    pub dir: PathBuf,
}

/// `skills.lint`: check skill folders against the format rules and the current CLI.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SkillsLint {
    /// A folder of skill folders (default: the skills built into this docskill).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dir: Option<PathBuf>,
}

#[expect(
    clippy::unnecessary_wraps,
    reason = "every operation has the same signature"
)]
pub(crate) fn list(_: &SkillsList, _: &Context) -> OpResult<Done> {
    let skills: Vec<_> = skills::index(&skills::embedded())
        .into_iter()
        .map(
            |s| json!({ "name": s.name, "description": s.description, "references": s.references }),
        )
        .collect();
    Ok(Done {
        result: json!({ "skills": skills }),
        ..Done::default()
    })
}

pub(crate) fn show(a: &SkillsShow, _: &Context) -> OpResult<Done> {
    let files = skills::embedded();
    let names: Vec<String> = skills::index(&files).into_iter().map(|s| s.name).collect();
    if !names.contains(&a.name) {
        return Err(
            OpError::new("skills.not_found", format!("no skill {:?}", a.name))
                .hint(format!("skills: {}", names.join(", "))),
        );
    }
    let path = match &a.reference {
        None => format!("{}/SKILL.md", a.name),
        Some(r) if r.starts_with("references/") => format!("{}/{r}", a.name),
        Some(r) => format!("{}/references/{r}", a.name),
    };
    let Some(file) = files.iter().find(|f| f.path == path) else {
        let refs: Vec<&str> = files
            .iter()
            .filter_map(|f| f.path.strip_prefix(&format!("{}/", a.name)))
            .filter(|p| p.starts_with("references/"))
            .collect();
        return Err(OpError::new(
            "skills.not_found",
            format!("skill {:?} has no file {path:?}", a.name),
        )
        .hint(format!("references: {}", refs.join(", "))));
    };
    Ok(Done {
        result: json!({ "name": a.name, "path": path, "text": file.text }),
        payload: Some(file.text.clone().into_bytes()),
        ..Done::default()
    })
}

pub(crate) fn install(a: &SkillsInstall, ctx: &Context) -> OpResult<Done> {
    let dir = ctx.path(&a.dir);
    let mut outputs = Vec::new();
    for f in skills::embedded() {
        let target = f.path.split('/').fold(dir.clone(), |p, part| p.join(part));
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| {
                OpError::new(
                    "io.write",
                    format!("cannot create {}: {e}", parent.display()),
                )
            })?;
        }
        outputs.push(ctx.write(&target, f.text.as_bytes())?);
    }
    Ok(Done {
        result: json!({ "dir": dir, "files": outputs.len() }),
        outputs,
        ..Done::default()
    })
}

/// Every Markdown file below `dir`, with `/`-separated paths relative to it.
fn read_folder(dir: &Path, rel: &str, out: &mut Vec<SkillFile>) -> OpResult<()> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        OpError::new(
            "io.not_found",
            format!("cannot read the folder {}: {e}", dir.display()),
        )
    })?;
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let child = if rel.is_empty() {
            name.clone()
        } else {
            format!("{rel}/{name}")
        };
        if path.is_dir() {
            read_folder(&path, &child, out)?;
        } else if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("md"))
            && !rel.is_empty()
        {
            let bytes = read_input(&path, 4 << 20)?;
            out.push(SkillFile {
                path: child,
                text: String::from_utf8_lossy(&bytes).into_owned(),
            });
        }
    }
    Ok(())
}

pub(crate) fn lint(a: &SkillsLint, ctx: &Context) -> OpResult<Done> {
    let files = match &a.dir {
        Some(d) => {
            let mut files = Vec::new();
            read_folder(&ctx.path(d), "", &mut files)?;
            files
        }
        None => skills::embedded(),
    };
    let check = |args: &[String]| -> Result<(), String> {
        match ctx.command_check {
            Some(f) => f(args),
            None => Ok(()),
        }
    };
    let problems: Vec<_> = skills::lint(&files, &check)
        .into_iter()
        .map(|p| json!({ "file": p.file, "line": p.line, "code": p.code, "message": p.message }))
        .collect();
    let mut warnings = Vec::new();
    if ctx.command_check.is_none() {
        warnings.push("command lines were not checked: no CLI parser in this context".to_owned());
    }
    Ok(Done {
        result: json!({
            "clean": problems.is_empty(),
            "skills": skills::index(&files).len(),
            "files": files.len(),
            "problems": problems,
        }),
        warnings,
        ..Done::default()
    })
}
