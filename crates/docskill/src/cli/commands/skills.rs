//! `docskill skills list|show|install|lint`.

use std::fmt::Write as _;

use docskill::ops::skills::{SkillsInstall, SkillsLint, SkillsList, SkillsShow};
use docskill::ops::{Request, Response};

use super::execute_and_print;
use crate::cli::args::SkillsCommand;
use crate::cli::output;

pub fn run(cmd: SkillsCommand, json: bool) -> u8 {
    match cmd {
        SkillsCommand::List => {
            execute_and_print(&Request::SkillsList(SkillsList {}), json, print_list)
        }
        SkillsCommand::Show { name, reference } => execute_and_print(
            &Request::SkillsShow(SkillsShow { name, reference }),
            json,
            |r| output::stdout(r.payload.as_deref().unwrap_or_default()),
        ),
        SkillsCommand::Install { dir } => {
            execute_and_print(&Request::SkillsInstall(SkillsInstall { dir }), json, |r| {
                output::stdout(
                    format!(
                        "installed {} files in {}\n",
                        r.result["files"],
                        r.result["dir"].as_str().unwrap_or("")
                    )
                    .as_bytes(),
                );
            })
        }
        SkillsCommand::Lint { dir } => {
            execute_and_print(&Request::SkillsLint(SkillsLint { dir }), json, print_lint)
        }
    }
}

fn print_list(r: &Response) {
    let mut s = String::new();
    for sk in r.result["skills"].as_array().into_iter().flatten() {
        let _ = writeln!(
            s,
            "{}: {}",
            sk["name"].as_str().unwrap_or(""),
            sk["description"].as_str().unwrap_or("")
        );
    }
    output::stdout(s.as_bytes());
}

fn print_lint(r: &Response) {
    let mut s = String::new();
    for p in r.result["problems"].as_array().into_iter().flatten() {
        let _ = writeln!(
            s,
            "{}:{}: {} {}",
            p["file"].as_str().unwrap_or(""),
            p["line"],
            p["code"].as_str().unwrap_or(""),
            p["message"].as_str().unwrap_or("")
        );
    }
    let _ = writeln!(
        s,
        "{} skill(s), {} file(s): {}",
        r.result["skills"],
        r.result["files"],
        if r.result["clean"] == true {
            "clean"
        } else {
            "problems found"
        }
    );
    output::stdout(s.as_bytes());
}
