//! `pyprep import FILE...`: read interview guides, merge duplicates, store the result in one
//! transaction (or only report it with `--dry-run`).

use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use pyprep_import::{ImportSummary, MergeSummary, ParsedDocument, Target};
use pyprep_store::{Filter, ImportWritten, Store};
use serde::Serialize;

use crate::cli::{Cli, ImportArgs};
use crate::{app, output};

/// What happened to one file's questions.
#[derive(Debug, Default, Clone, Copy, Serialize)]
struct Fate {
    /// Became questions of their own.
    new: usize,
    /// Joined an existing question or another new one.
    merged: usize,
    /// Already imported before: nothing changed.
    unchanged: usize,
}

#[derive(Serialize)]
struct FileReport {
    #[serde(flatten)]
    summary: ImportSummary,
    #[serde(flatten)]
    fate: Fate,
}

#[derive(Serialize)]
struct Report {
    dry_run: bool,
    files: Vec<FileReport>,
    merge: MergeSummary,
    written: ImportWritten,
}

pub async fn run(cli: &Cli, args: &ImportArgs) -> Result<ExitCode> {
    let bar = if cli.json || !std::io::stderr().is_terminal() {
        ProgressBar::hidden()
    } else {
        ProgressBar::new(args.files.len() as u64).with_style(
            ProgressStyle::with_template("{spinner} reading {pos}/{len} {wide_msg}")
                .expect("valid template"),
        )
    };
    // Every file is read and parsed before anything is written: one bad file stops the
    // whole import with nothing stored.
    let mut files: Vec<(String, Vec<u8>)> = Vec::with_capacity(args.files.len());
    for path in &args.files {
        bar.set_message(path.display().to_string());
        files.push(read(path)?);
        bar.inc(1);
    }
    bar.finish_and_clear();
    // Parsed together, on the machine's cores; the results come back in the files' order.
    let mut documents: Vec<ParsedDocument> = Vec::with_capacity(files.len());
    for (path, result) in args.files.iter().zip(pyprep_import::parse_all(&files)) {
        documents.push(
            result.with_context(|| {
                format!("nothing was imported: {} cannot be read", path.display())
            })?,
        );
    }

    let store = app::open_store(cli).await?;
    let existing = store.questions(&Filter::default()).await?;
    // The report needs each file's summary and question count; the documents themselves
    // are handed to the merge, which reuses the title signatures made while reading and
    // moves the new questions into its outcome.
    let summaries: Vec<_> = documents
        .iter()
        .map(|d| (d.summary(), d.questions.len()))
        .collect();
    let incoming_len = summaries.iter().map(|(_, n)| n).sum();
    let outcome = pyprep_import::merge_documents(&existing, documents);

    let mut fate_of = vec![
        Fate {
            new: 1,
            ..Fate::default()
        };
        incoming_len
    ];
    for group in &outcome.groups {
        for &member in &group.members {
            if group.target != Target::Incoming(member) {
                fate_of[member] = Fate {
                    merged: 1,
                    ..Fate::default()
                };
            }
        }
    }
    for &i in &outcome.unchanged {
        fate_of[i] = Fate {
            unchanged: 1,
            ..Fate::default()
        };
    }
    let mut files = Vec::with_capacity(summaries.len());
    let mut offset = 0;
    for (summary, questions) in summaries {
        let fates = &fate_of[offset..offset + questions];
        offset += questions;
        files.push(FileReport {
            summary,
            fate: fates.iter().fold(Fate::default(), |acc, f| Fate {
                new: acc.new + f.new,
                merged: acc.merged + f.merged,
                unchanged: acc.unchanged + f.unchanged,
            }),
        });
    }

    let merge = outcome.summary(incoming_len);
    let written = if args.dry_run {
        ImportWritten::default()
    } else {
        let writes: Vec<_> = outcome
            .added
            .into_iter()
            .chain(outcome.updated.into_iter().map(|(_, q)| q))
            .collect();
        store
            .import_questions(&writes)
            .await
            .context("the import was rolled back; nothing was stored")?
    };
    let report = Report {
        dry_run: args.dry_run,
        files,
        merge,
        written,
    };
    if cli.json {
        output::json(&report)?;
    } else {
        print(&report)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The file's name (what its questions' sources record) and its bytes.
fn read(path: &Path) -> Result<(String, Vec<u8>)> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    // Sources name the file, not the directory it happened to be in.
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    Ok((name, bytes))
}

fn print(report: &Report) -> Result<()> {
    let mut table = output::table(&[
        "file",
        "format",
        "questions",
        "new",
        "merged",
        "unchanged",
        "code",
        "warnings",
    ]);
    for file in &report.files {
        let s = &file.summary;
        table.add_row(vec![
            s.document.clone(),
            s.format.to_string(),
            s.questions.to_string(),
            file.fate.new.to_string(),
            file.fate.merged.to_string(),
            file.fate.unchanged.to_string(),
            s.code_blocks.total.to_string(),
            s.warnings.len().to_string(),
        ]);
    }
    output::line(&table)?;
    for file in &report.files {
        output::line(file.summary.to_string().trim_end())?;
    }
    let m = &report.merge;
    let verb = if report.dry_run { "would add" } else { "added" };
    let n = |count: usize, one: &str, many: &str| {
        format!("{count} {}", if count == 1 { one } else { many })
    };
    output::line(format!(
        "{} read: {verb} {} new, {} gained sources, {} unchanged; {} ({} merged away){}",
        n(m.incoming, "question", "questions"),
        m.added,
        n(m.updated, "existing question", "existing questions"),
        m.unchanged,
        n(m.duplicate_groups, "duplicate group", "duplicate groups"),
        n(m.merged_away, "question", "questions"),
        if report.dry_run {
            " -- dry run, nothing stored"
        } else {
            ""
        }
    ))?;
    if report.files.iter().all(|f| f.summary.questions == 0) {
        output::line("No questions found in these files; nothing to import.")?;
    }
    Ok(())
}

/// Merge groups stored in the database: questions that more than one source asked.
#[derive(Serialize)]
struct Group {
    id: String,
    title: String,
    built_in: bool,
    sources: Vec<GroupSource>,
}

#[derive(Serialize)]
struct GroupSource {
    document: String,
    position: u32,
    title: String,
}

pub async fn duplicates(cli: &Cli) -> Result<ExitCode> {
    let store = app::open_store(cli).await?;
    let origins: HashMap<String, pyprep_store::Origin> = store
        .list(&Filter::default())
        .await?
        .into_iter()
        .map(|s| (s.id, s.origin))
        .collect();
    let mut groups = Vec::new();
    for question in store.questions(&Filter::default()).await? {
        let built_in = origins.get(&question.id) == Some(&pyprep_store::Origin::Bank);
        if question.sources.len() + usize::from(built_in) < 2 {
            continue;
        }
        groups.push(Group {
            id: question.id,
            title: question.title,
            built_in,
            sources: question
                .sources
                .into_iter()
                .map(|s| GroupSource {
                    document: s.document,
                    position: s.position,
                    title: s.title,
                })
                .collect(),
        });
    }
    if cli.json {
        output::json(&groups)?;
        return Ok(ExitCode::SUCCESS);
    }
    if groups.is_empty() {
        output::line(
            "No merged questions yet; `pyprep import FILE...` merges duplicates across guides.",
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    for group in &groups {
        let bank = if group.built_in { " (built-in)" } else { "" };
        output::line(format!("{}{bank}: {}", group.id, group.title))?;
        for s in &group.sources {
            output::line(format!("    {} #{}: {}", s.document, s.position, s.title))?;
        }
    }
    eprintln!("{} merged questions", groups.len());
    Ok(ExitCode::SUCCESS)
}
