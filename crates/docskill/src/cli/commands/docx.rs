//! `docskill docx text|edit|changes|accept|reject|check|comments|comment`.

use std::fmt::Write as _;

use docskill::ops::docx::{
    Changes, DeleteParagraphSpec, DeleteSpec, DocxChanges, DocxCheck, DocxComment, DocxComments,
    DocxCreate, DocxEdit, DocxResolve, DocxText, EditSpec, OccurrenceSpec, Page, PartKind,
    ReplaceSpec, TextFormat,
};
use docskill::ops::{LimitOverrides, OpError, Request, Response};

use super::execute_and_print;
use crate::cli::args::{ChangesArg, DocxCommand, DocxFormatArg, PageArg, PartsArg, ResolveArgs};
use crate::cli::output;

pub fn run(cmd: DocxCommand, json: bool) -> u8 {
    let limits = LimitOverrides::default();
    match cmd {
        cmd @ DocxCommand::Text { .. } => text(cmd, json),
        cmd @ DocxCommand::Edit { .. } => edit(cmd, json),
        DocxCommand::Changes(a) => {
            let req = Request::DocxChanges(DocxChanges {
                input: a.input,
                limits,
            });
            execute_and_print(&req, json, print_changes)
        }
        DocxCommand::Accept(a) => execute_and_print(&resolve(a, true), json, print_resolved),
        DocxCommand::Reject(a) => execute_and_print(&resolve(a, false), json, print_resolved),
        DocxCommand::Create {
            input,
            output: out,
            template,
            page,
            header,
            footer,
        } => {
            let req = Request::DocxCreate(DocxCreate {
                input: Some(input),
                markdown: None,
                document: None,
                output: out,
                template,
                header,
                footer,
                page: page.map(|p| match p {
                    PageArg::A4 => Page::A4,
                    PageArg::Letter => Page::Letter,
                }),
                limits: LimitOverrides::default(),
            });
            execute_and_print(&req, json, |r| {
                let mut line = format!("created {} paragraphs\n", r.result["paragraphs"]);
                line.push_str(&output::written(r));
                output::stdout(line.as_bytes());
            })
        }
        DocxCommand::Comments(a) => {
            let req = Request::DocxComments(DocxComments {
                input: a.input,
                limits,
            });
            execute_and_print(&req, json, print_comments)
        }
        cmd @ DocxCommand::Comment { .. } => comment(cmd, json),
        DocxCommand::Check(a) => execute_and_print(
            &Request::DocxCheck(DocxCheck {
                input: a.input,
                limits,
            }),
            json,
            print_check,
        ),
    }
}

fn text(cmd: DocxCommand, json: bool) -> u8 {
    let limits = LimitOverrides::default();
    let DocxCommand::Text {
        input,
        changes,
        format,
        parts,
    } = cmd
    else {
        unreachable!("dispatched on the variant")
    };
    {
        let req = Request::DocxText(DocxText {
            input: input.input,
            changes: match changes {
                ChangesArg::Accept => Changes::Accept,
                ChangesArg::Reject => Changes::Reject,
                ChangesArg::All => Changes::All,
            },
            format: match format {
                DocxFormatArg::Text => TextFormat::Text,
                DocxFormatArg::Json => TextFormat::Json,
                DocxFormatArg::Md => TextFormat::Md,
            },
            parts: (!parts.is_empty()).then(|| parts.into_iter().map(part_kind).collect()),
            limits,
        });
        execute_and_print(&req, json, |r| match &r.payload {
            Some(text) => output::stdout(text),
            None => output::json(&r.result),
        })
    }
}

fn edit(cmd: DocxCommand, json: bool) -> u8 {
    let limits = LimitOverrides::default();
    let DocxCommand::Edit {
        input,
        output: out,
        in_place,
        author,
        date,
        edits,
        replace,
        with,
        delete,
        delete_paragraph,
        occurrence,
        within,
        track_future_edits,
    } = cmd
    else {
        unreachable!("dispatched on the variant")
    };
    {
        let edits = match build_edits(
            edits,
            replace,
            with,
            delete,
            delete_paragraph,
            occurrence,
            within,
        ) {
            Ok(e) => e,
            Err(e) => return output::failure(Some("docx.edit"), &e, json),
        };
        let req = Request::DocxEdit(DocxEdit {
            input: input.input,
            output: out,
            in_place,
            author,
            date,
            edits,
            track_future_edits,
            limits,
        });
        execute_and_print(&req, json, |r| {
            let n = r.result["edits"].as_array().map_or(0, Vec::len);
            let mut s = format!("{n} edit(s) applied as tracked changes\n");
            s.push_str(&output::written(r));
            output::stdout(s.as_bytes());
        })
    }
}

fn comment(cmd: DocxCommand, json: bool) -> u8 {
    let limits = LimitOverrides::default();
    let DocxCommand::Comment {
        input,
        output: out,
        in_place,
        author,
        initials,
        date,
        text,
        anchor,
        occurrence,
        address,
        reply_to,
        resolve,
    } = cmd
    else {
        unreachable!("dispatched on the variant")
    };
    {
        let occurrence = match parse_occurrence(occurrence) {
            Ok(o) => o,
            Err(e) => return output::failure(Some("docx.comment"), &e, json),
        };
        let req = Request::DocxComment(DocxComment {
            input: input.input,
            output: out,
            in_place,
            author,
            initials,
            date,
            text,
            anchor,
            occurrence,
            address,
            reply_to,
            resolve,
            limits,
        });
        execute_and_print(&req, json, |r| {
            let verb = if r.result["resolved"] == true {
                "resolved"
            } else {
                "added"
            };
            let mut line = format!("comment {} {verb}\n", s(&r.result["id"]));
            line.push_str(&output::written(r));
            output::stdout(line.as_bytes());
        })
    }
}

fn part_kind(p: PartsArg) -> PartKind {
    match p {
        PartsArg::Body => PartKind::Body,
        PartsArg::Headers => PartKind::Headers,
        PartsArg::Footers => PartKind::Footers,
        PartsArg::Notes => PartKind::Notes,
        PartsArg::Comments => PartKind::Comments,
    }
}

fn parse_occurrence(o: Option<String>) -> Result<Option<OccurrenceSpec>, OpError> {
    let Some(o) = o else { return Ok(None) };
    serde_json::from_value(
        o.parse::<usize>()
            .map_or_else(|_| serde_json::Value::String(o.clone()), Into::into),
    )
    .map(Some)
    .map_err(|_| {
        OpError::new(
            "usage",
            format!("occurrence {o:?} is not first, last, all or a number"),
        )
    })
}

fn build_edits(
    file: Option<std::path::PathBuf>,
    replace: Option<String>,
    with: Option<String>,
    delete: Option<String>,
    delete_paragraph: Option<String>,
    occurrence: Option<String>,
    within: Option<String>,
) -> Result<Vec<EditSpec>, OpError> {
    if let Some(f) = file {
        let text = std::fs::read_to_string(&f)
            .map_err(|e| OpError::new("usage", format!("cannot read {}: {e}", f.display())))?;
        return serde_json::from_str(&text).map_err(|e| {
            OpError::new(
                "usage",
                format!("{}: not a valid edits array: {e}", f.display()),
            )
            .hint("see `docskill docx edit --help` and `docskill schema docx.edit`")
        });
    }
    let occurrence = parse_occurrence(occurrence)?;
    if let Some(find) = replace {
        let replace = with.unwrap_or_default();
        return Ok(vec![EditSpec::Replace(ReplaceSpec {
            find,
            replace,
            occurrence,
            within,
            match_case: true,
            whole_word: false,
        })]);
    }
    if let Some(find) = delete {
        return Ok(vec![EditSpec::Delete(DeleteSpec {
            find,
            occurrence,
            within,
        })]);
    }
    if let Some(address) = delete_paragraph {
        return Ok(vec![EditSpec::DeleteParagraph(DeleteParagraphSpec {
            address,
        })]);
    }
    Err(OpError::new("usage", "no edit given").hint(
        "pass --edits FILE, or --replace TEXT --with NEW, --delete TEXT, --delete-paragraph ADDR",
    ))
}

fn resolve(a: ResolveArgs, accept: bool) -> Request {
    let r = DocxResolve {
        input: a.input.input,
        output: a.output,
        in_place: a.in_place,
        author: a.author,
        ids: a.ids,
        limits: LimitOverrides::default(),
    };
    if accept {
        Request::DocxAccept(r)
    } else {
        Request::DocxReject(r)
    }
}

fn s(v: &serde_json::Value) -> &str {
    v.as_str().unwrap_or_default()
}

fn print_changes(r: &Response) {
    let mut out = String::new();
    for c in r.result["changes"].as_array().into_iter().flatten() {
        let _ = writeln!(
            out,
            "{:>4}  {:<25} {:<16} {:<20} {:<14} {:?}",
            s(&c["id"]),
            s(&c["kind"]),
            s(&c["author"]),
            c["date"].as_str().unwrap_or("-"),
            s(&c["address"]),
            s(&c["text"])
        );
    }
    let _ = writeln!(out, "{} tracked change(s)", r.result["count"]);
    output::stdout(out.as_bytes());
}

fn print_comments(r: &Response) {
    let mut out = String::new();
    for c in r.result["comments"].as_array().into_iter().flatten() {
        let thread = c["reply_to"]
            .as_str()
            .map_or_else(String::new, |p| format!(" (reply to {p})"));
        let done = if c["done"] == true { " [done]" } else { "" };
        let _ = writeln!(
            out,
            "{:>4}  {:<16} {:<20} {:<12} {:?}{thread}{done}",
            s(&c["id"]),
            s(&c["author"]),
            c["date"].as_str().unwrap_or("-"),
            c["address"].as_str().unwrap_or("-"),
            s(&c["text"])
        );
    }
    let _ = writeln!(out, "{} comment(s)", r.result["count"]);
    output::stdout(out.as_bytes());
}

fn print_resolved(r: &Response) {
    let mut out = String::new();
    let n = r
        .result
        .get("accepted")
        .or_else(|| r.result.get("rejected"))
        .cloned()
        .unwrap_or_default();
    let verb = if r.result.get("accepted").is_some() {
        "accepted"
    } else {
        "rejected"
    };
    let _ = writeln!(
        out,
        "{n} change(s) {verb}, {} remaining",
        r.result["remaining"]
    );
    out.push_str(&output::written(r));
    output::stdout(out.as_bytes());
}

fn print_check(r: &Response) {
    let mut out = String::new();
    let problems = r.result["problems"].as_array().cloned().unwrap_or_default();
    for p in &problems {
        let _ = writeln!(
            out,
            "{:<30} {}  {}",
            s(&p["code"]),
            s(&p["part"]),
            s(&p["message"])
        );
    }
    if problems.is_empty() {
        out.push_str("clean: no problems found\n");
    } else {
        let _ = writeln!(out, "{} problem(s)", problems.len());
    }
    output::stdout(out.as_bytes());
}
