//! Agent Skills: the skill folders shipped in the binary, their cheap index,
//! and the linter that keeps them true to the format rules and to the CLI.
//!
//! A skill is `NAME/SKILL.md` with YAML frontmatter (`name`, `description`,
//! optional `license`, `compatibility`, `allowed-tools`, `metadata`), a body
//! under 500 lines, and details in `NAME/references/*.md` linked from it.

use std::collections::BTreeMap;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/skills.rs"));
}

/// A file of a skill folder: its path below the skills folder (`docx/SKILL.md`) and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkillFile {
    /// Path below the skills folder, `/`-separated.
    pub path: String,
    /// The file's text.
    pub text: String,
}

/// A skill's index entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skill {
    /// `name` from the frontmatter (the folder name).
    pub name: String,
    /// `description` from the frontmatter.
    pub description: String,
    /// Reference files, relative to the skill folder (`references/edits.md`).
    pub references: Vec<String>,
}

/// One problem `lint` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LintProblem {
    /// Path below the skills folder.
    pub file: String,
    /// 1-based line, 0 for the whole file.
    pub line: usize,
    /// Stable code, e.g. `skill.broken-link`.
    pub code: &'static str,
    /// What is wrong.
    pub message: String,
}

/// The skill files built into this binary.
pub fn embedded() -> Vec<SkillFile> {
    embedded::EMBEDDED
        .iter()
        .map(|(path, text)| SkillFile {
            path: (*path).to_owned(),
            text: (*text).to_owned(),
        })
        .collect()
}

const KEYS: &[&str] = &[
    "name",
    "description",
    "license",
    "compatibility",
    "allowed-tools",
    "metadata",
];

/// Frontmatter fields (`key: value`, one per line; indented lines belong to
/// the key above) and the line where the body starts.
///
/// # Errors
/// A message when the text does not start with a `---` block.
pub fn frontmatter(text: &str) -> Result<(BTreeMap<String, String>, usize), String> {
    let mut lines = text.lines();
    if lines.next().map(str::trim_end) != Some("---") {
        return Err("SKILL.md must start with a `---` frontmatter line".into());
    }
    let mut fields = BTreeMap::new();
    let mut last: Option<String> = None;
    for (i, line) in lines.enumerate() {
        if line.trim_end() == "---" {
            return Ok((fields, i + 3));
        }
        if line.starts_with([' ', '\t']) {
            if let Some(k) = &last {
                let v: &mut String = fields.entry(k.clone()).or_default();
                if !v.is_empty() {
                    v.push(' ');
                }
                v.push_str(line.trim());
            }
            continue;
        }
        let Some((k, v)) = line.split_once(':') else {
            return Err(format!("frontmatter line {} is not `key: value`", i + 2));
        };
        let v = v.trim().trim_matches('"').to_owned();
        fields.insert(k.trim().to_owned(), v);
        last = Some(k.trim().to_owned());
    }
    Err("the frontmatter has no closing `---`".into())
}

/// The index of the skills among `files`: name, description, references.
pub fn index(files: &[SkillFile]) -> Vec<Skill> {
    files
        .iter()
        .filter_map(|f| {
            let folder = f.path.strip_suffix("/SKILL.md")?;
            let (fm, _) = frontmatter(&f.text).ok()?;
            let references = files
                .iter()
                .filter_map(|r| r.path.strip_prefix(&format!("{folder}/")))
                .filter(|r| *r != "SKILL.md" && r.starts_with("references/"))
                .map(str::to_owned)
                .collect();
            Some(Skill {
                name: fm.get("name").cloned().unwrap_or_else(|| folder.to_owned()),
                description: fm.get("description").cloned().unwrap_or_default(),
                references,
            })
        })
        .collect()
}

/// Markdown link targets with their 1-based line: `[text](target)`.
fn links(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut in_code = false;
    for (i, line) in text.lines().enumerate() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if in_code {
            continue;
        }
        // Inline code is not a link.
        let plain: String = line
            .split('`')
            .enumerate()
            .filter(|(k, _)| k % 2 == 0)
            .map(|(_, piece)| piece)
            .collect::<Vec<_>>()
            .join(" ");
        let mut rest = plain.as_str();
        while let Some(at) = rest.find("](") {
            let after = &rest[at + 2..];
            let Some(end) = after.find(')') else { break };
            out.push((i + 1, after[..end].to_owned()));
            rest = &after[end..];
        }
    }
    out
}

/// `docskill ...` command lines in fenced code blocks, as argument vectors,
/// with their 1-based line. Continuation lines (`\`) are joined; comments,
/// pipes and redirections end a command.
pub fn command_lines(text: &str) -> Vec<(usize, Vec<String>)> {
    let mut out = Vec::new();
    let mut in_code = false;
    let mut pending: Option<(usize, String)> = None;
    for (i, line) in text.lines().enumerate() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
            pending = None;
            continue;
        }
        if !in_code {
            continue;
        }
        let (start, mut joined) = if let Some((start, mut acc)) = pending.take() {
            acc.push(' ');
            acc.push_str(line.trim());
            (start, acc)
        } else {
            let t = line.trim_start().trim_start_matches("$ ");
            if !t.starts_with("docskill ") {
                continue;
            }
            (i + 1, t.to_owned())
        };
        if joined.ends_with('\\') {
            joined.pop();
            pending = Some((start, joined));
            continue;
        }
        out.push((start, shell_words(&joined)));
    }
    out
}

/// Split a shell command line into words (quotes and backslashes as a POSIX
/// shell does), stopping at an unquoted comment, pipe, redirection or `;`/`&`.
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut has_word = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                has_word = true;
                for q in chars.by_ref() {
                    if q == '\'' {
                        break;
                    }
                    word.push(q);
                }
            }
            '"' => {
                has_word = true;
                while let Some(q) = chars.next() {
                    match q {
                        '"' => break,
                        '\\' if matches!(chars.peek(), Some('"' | '\\' | '$' | '`')) => {
                            word.push(chars.next().unwrap_or('\\'));
                        }
                        q => word.push(q),
                    }
                }
            }
            '\\' => {
                has_word = true;
                if let Some(n) = chars.next() {
                    word.push(n);
                }
            }
            '#' if !has_word => break,
            '|' | '>' | '<' | ';' | '&' => break,
            c if c.is_whitespace() => {
                if has_word {
                    words.push(std::mem::take(&mut word));
                    has_word = false;
                }
            }
            c => {
                has_word = true;
                word.push(c);
            }
        }
    }
    if has_word {
        words.push(word);
    }
    words
}

fn problem(file: &str, line: usize, code: &'static str, message: String) -> LintProblem {
    LintProblem {
        file: file.to_owned(),
        line,
        code,
        message,
    }
}

fn lint_frontmatter(f: &SkillFile, folder: &str, out: &mut Vec<LintProblem>) {
    let (fm, body_start) = match frontmatter(&f.text) {
        Ok(x) => x,
        Err(e) => {
            out.push(problem(&f.path, 1, "skill.frontmatter", e));
            return;
        }
    };
    for k in fm.keys() {
        if !KEYS.contains(&k.as_str()) {
            out.push(problem(
                &f.path,
                1,
                "skill.frontmatter",
                format!("unknown field {k:?} (allowed: {})", KEYS.join(", ")),
            ));
        }
    }
    let name = fm.get("name").map_or("", String::as_str);
    let name_ok = !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !name_ok || name != folder {
        out.push(problem(
            &f.path,
            1,
            "skill.name",
            format!(
                "name {name:?} must equal the folder name {folder:?}: lowercase letters, digits and hyphens, at most 64 characters"
            ),
        ));
    }
    let description = fm.get("description").map_or("", String::as_str);
    if description.trim().is_empty() || description.chars().count() > 1024 {
        out.push(problem(
            &f.path,
            1,
            "skill.description",
            format!(
                "description must say what the skill does and when to use it, in 1 to 1024 characters (has {})",
                description.chars().count()
            ),
        ));
    }
    let body_lines = f.text.lines().count().saturating_sub(body_start - 1);
    if body_lines >= 500 {
        out.push(problem(
            &f.path,
            0,
            "skill.too-long",
            format!(
                "the body has {body_lines} lines; keep it under 500 and move details to references/"
            ),
        ));
    }
}

/// Check skill folders: frontmatter rules, body size, links that resolve with
/// exact case, references one level deep, and every `docskill ...` command line
/// accepted by `check_command` (the current CLI's parser).
pub fn lint(
    files: &[SkillFile],
    check_command: &dyn Fn(&[String]) -> Result<(), String>,
) -> Vec<LintProblem> {
    let mut out = Vec::new();
    let folders: std::collections::BTreeSet<&str> = files
        .iter()
        .filter_map(|f| f.path.split_once('/').map(|(d, _)| d))
        .collect();
    for folder in &folders {
        if !files.iter().any(|f| f.path == format!("{folder}/SKILL.md")) {
            out.push(problem(
                folder,
                0,
                "skill.missing",
                format!("{folder}/ has no SKILL.md"),
            ));
        }
    }
    for f in files {
        let (folder, inner) = f.path.split_once('/').unwrap_or(("", &f.path));
        if inner == "SKILL.md" {
            lint_frontmatter(f, folder, &mut out);
        }
        let dir = f.path.rsplit_once('/').map_or("", |(d, _)| d);
        for (line, target) in links(&f.text) {
            let external =
                target.contains("://") || target.starts_with('#') || target.starts_with("mailto:");
            if external {
                continue;
            }
            let target = target.split('#').next().unwrap_or("");
            let resolved = normalize(&format!("{dir}/{target}"));
            let found = resolved
                .as_deref()
                .is_some_and(|r| files.iter().any(|g| g.path == r));
            if !found {
                out.push(problem(
                    &f.path,
                    line,
                    "skill.broken-link",
                    format!("link {target:?} does not name a file of the skills (exact case)"),
                ));
            } else if inner != "SKILL.md" && target.starts_with("references/") {
                out.push(problem(
                    &f.path,
                    line,
                    "skill.nested-reference",
                    "references are linked from SKILL.md, one level deep".into(),
                ));
            }
        }
        for (line, args) in command_lines(&f.text) {
            if let Err(e) = check_command(&args) {
                out.push(problem(
                    &f.path,
                    line,
                    "skill.bad-command",
                    format!("`{}`: {e}", args.join(" ")),
                ));
            }
        }
    }
    out
}

/// `a/b/../c` → `a/c`; `None` when it climbs out of the skills folder.
fn normalize(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for p in path.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::{command_lines, frontmatter, shell_words};

    #[test]
    fn shell_words_like_a_shell() {
        assert_eq!(
            shell_words(r#"docskill docx edit a.docx --with "60 days" 'x y' b\ c # note"#),
            [
                "docskill", "docx", "edit", "a.docx", "--with", "60 days", "x y", "b c"
            ]
        );
        assert_eq!(
            shell_words("docskill run - | jq ."),
            ["docskill", "run", "-"]
        );
        assert_eq!(shell_words("docskill a#b"), ["docskill", "a#b"]);
    }

    #[test]
    fn commands_in_code_blocks_only() {
        let md = "docskill not code\n```sh\n$ docskill opc ls a.docx\ndocskill docx text a.docx \\\n  --changes all   # note\necho x\n```\n";
        let cmds = command_lines(md);
        assert_eq!(cmds.len(), 2);
        assert_eq!(
            cmds[0],
            (
                3,
                vec![
                    "docskill".into(),
                    "opc".into(),
                    "ls".into(),
                    "a.docx".into()
                ]
            )
        );
        assert_eq!(cmds[1].0, 4);
        assert_eq!(cmds[1].1.last().unwrap(), "all");
    }

    #[test]
    fn frontmatter_fields() {
        let (fm, body) = frontmatter("---\nname: x\ndescription: a\n  b\n---\nbody\n").unwrap();
        assert_eq!(fm["description"], "a b");
        assert_eq!(body, 6);
        assert!(frontmatter("no").is_err());
    }
}
