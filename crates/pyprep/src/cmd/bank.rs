//! `pyprep bank check` and `pyprep bank fmt`: the bank lint and the canonical formatter.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use pyprep_core::{Question, lint, parse_question, write_question};
use serde::Serialize;

use crate::cli::{BankCheckArgs, BankCommand, BankPathArgs, Cli};
use crate::output;

/// A bank file: where it came from and its text.
struct BankFile {
    path: String,
    text: String,
}

fn collect(path: &Path, files: &mut Vec<PathBuf>) -> Result<()> {
    if path.is_dir() {
        let entries = std::fs::read_dir(path)
            .with_context(|| format!("cannot read the folder {}", path.display()))?;
        for entry in entries {
            collect(&entry?.path(), files)?;
        }
    } else if path.extension().is_some_and(|e| e == "md") || path.is_file() {
        files.push(path.to_path_buf());
    }
    Ok(())
}

fn read_files(paths: &[PathBuf]) -> Result<Vec<BankFile>> {
    let mut found = Vec::new();
    for path in paths {
        if !path.exists() {
            anyhow::bail!("{} does not exist", path.display());
        }
        collect(path, &mut found)?;
    }
    found.sort();
    found
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("cannot read {} as UTF-8 text", path.display()))?;
            Ok(BankFile {
                path: path.display().to_string(),
                text,
            })
        })
        .collect()
}

#[derive(Serialize)]
struct Finding {
    file: String,
    message: String,
}

pub fn run(cli: &Cli, command: &BankCommand) -> Result<ExitCode> {
    match command {
        BankCommand::Check(args) => check(cli, args),
        BankCommand::Fmt(args) => fmt(args),
    }
}

fn check(cli: &Cli, args: &BankCheckArgs) -> Result<ExitCode> {
    let files = if args.paths.paths.is_empty() {
        pyprep_bank::files()
            .iter()
            .map(|(path, text)| BankFile {
                path: path.to_string(),
                text: text.to_string(),
            })
            .collect()
    } else {
        read_files(&args.paths.paths)?
    };
    let mut findings = Vec::new();
    let mut questions: Vec<(String, Question)> = Vec::new();
    for file in &files {
        match parse_question(&file.path, &file.text) {
            Ok(question) => {
                let name = Path::new(&file.path).file_name().and_then(|n| n.to_str());
                if name != Some(&format!("{}.md", question.id)) {
                    findings.push(Finding {
                        file: file.path.clone(),
                        message: format!("the file must be named {}.md after its id", question.id),
                    });
                }
                if write_question(&question) != file.text {
                    findings.push(Finding {
                        file: file.path.clone(),
                        message: "not in canonical layout; run `pyprep bank fmt` on it".into(),
                    });
                }
                questions.push((file.path.clone(), question));
            }
            Err(e) => findings.push(Finding {
                file: e.file.clone(),
                message: format!("line {}: {}", e.line, e.message),
            }),
        }
    }
    let parsed: Vec<Question> = questions.iter().map(|(_, q)| q.clone()).collect();
    if !args.no_run {
        let sandbox = crate::app::sandbox(cli)?;
        let jobs = std::thread::available_parallelism().map_or(1, |n| n.get());
        for check in crate::examples::check_all(&sandbox, &parsed, jobs, |_| {}) {
            let example = &parsed
                .iter()
                .find(|q| q.id == check.question_id)
                .expect("checked")
                .examples[check.example as usize];
            // Declared fragments and third-party examples are allowed; everything that runs must pass.
            let declared = example.norun || !example.requires.is_empty();
            if check.status != pyprep_core::CheckStatus::Passed && !declared {
                let file = questions
                    .iter()
                    .find(|(_, q)| q.id == check.question_id)
                    .map_or(check.question_id.clone(), |(path, _)| path.clone());
                findings.push(Finding {
                    file,
                    message: format!(
                        "example {} {} under CPython {}: {}",
                        check.example + 1,
                        check.status,
                        check.python_version,
                        check.detail
                    ),
                });
            }
        }
    }
    for problem in lint::check_bank(&parsed) {
        let file = questions
            .iter()
            .find(|(_, q)| q.id == problem.id)
            .map_or(problem.id.clone(), |(path, _)| path.clone());
        findings.push(Finding {
            file,
            message: problem.message,
        });
    }
    if cli.json {
        output::json(&findings)?;
    } else {
        for finding in &findings {
            output::line(format!("{}: {}", finding.file, finding.message))?;
        }
        eprintln!("{} files checked, {} problems", files.len(), findings.len());
    }
    Ok(if findings.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn fmt(args: &BankPathArgs) -> Result<ExitCode> {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from("bank")]
    } else {
        args.paths.clone()
    };
    let mut changed = 0;
    for file in read_files(&paths)? {
        // A file that does not parse is left alone: rewriting it could lose what it says.
        let question = parse_question(&file.path, &file.text)?;
        let canonical = write_question(&question);
        if canonical != file.text {
            std::fs::write(&file.path, canonical)
                .with_context(|| format!("cannot write {}", file.path))?;
            output::line(format!("formatted {}", file.path))?;
            changed += 1;
        }
    }
    eprintln!("{changed} files reformatted");
    Ok(ExitCode::SUCCESS)
}
