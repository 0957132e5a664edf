use std::fmt::Write as _;
use std::process::ExitCode;

use anyhow::Result;
use pyprep_core::check::current_checks;
use pyprep_core::{CheckStatus, ExampleCheck, Question};
use pyprep_store::Store;
use serde::Serialize;

use crate::cli::{Cli, ShowArgs};
use crate::{app, output};

pub async fn run(cli: &Cli, args: &ShowArgs) -> Result<ExitCode> {
    let store = app::open_store(cli).await?;
    let question = store.get(&args.id).await?;
    let checks = current_checks(&question, &store.checks(Some(&question.id)).await?);
    if cli.json {
        output::json(&Shown {
            question: &question,
            checks: &checks,
        })?;
    } else {
        output::line(render(&question, &checks).trim_end())?;
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Serialize)]
struct Shown<'a> {
    #[serde(flatten)]
    question: &'a Question,
    /// One entry per example: its check, when one is stored for the current code.
    checks: &'a [Option<ExampleCheck>],
}

/// One line saying what running the example found.
pub fn describe_check(check: &ExampleCheck) -> String {
    let summary = check.status.summary(&check.python_version);
    match (check.status, check.detail.lines().next()) {
        (CheckStatus::Passed | CheckStatus::TimedOut, _) | (_, None) => summary,
        (CheckStatus::Mismatch, Some(_)) => format!("{summary}:\n{}", check.detail),
        (_, Some(first_line)) => format!("{summary}: {first_line}"),
    }
}

fn bullets(out: &mut String, heading: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{heading}");
    for item in items {
        let _ = writeln!(out, "  - {item}");
    }
}

fn indented(out: &mut String, text: &str) {
    for line in text.lines() {
        let _ = writeln!(out, "    {line}");
    }
}

/// The question as terminal text: the markdown is already readable, so it is printed as is.
pub fn render(q: &Question, checks: &[Option<ExampleCheck>]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}  [{}]", q.title, q.id);
    let difficulty = match &q.difficulty_label {
        Some(label) => format!("{} ({label})", q.difficulty),
        None => q.difficulty.to_string(),
    };
    let _ = writeln!(out, "{difficulty} · {} · {}", q.kind, q.topics.join(", "));
    if !q.companies.is_empty() {
        let _ = writeln!(out, "Asked at: {}", q.companies.join(", "));
    }
    let _ = writeln!(out, "\nQuestion\n\n{}\n\nAnswer\n\n{}", q.prompt, q.answer);
    bullets(&mut out, "Key points", &q.key_points);
    bullets(&mut out, "What interviewers look for", &q.look_for);
    bullets(&mut out, "Strong signals", &q.strong_signals);
    bullets(&mut out, "Red flags", &q.red_flags);
    if !q.follow_ups.is_empty() {
        let _ = writeln!(out, "\nFollow-ups");
        for f in &q.follow_ups {
            let _ = writeln!(out, "  - {}\n    {}", f.question, f.answer);
        }
    }
    for (i, example) in q.examples.iter().enumerate() {
        let caption = if example.caption.is_empty() {
            String::new()
        } else {
            format!(": {}", example.caption)
        };
        let _ = writeln!(out, "\nExample {}{caption} ({})", i + 1, example.language);
        if !example.description.is_empty() {
            let _ = writeln!(out, "{}", example.description);
        }
        indented(&mut out, &example.code);
        if let Some(expected) = &example.expected_output {
            let _ = writeln!(out, "  Output:");
            indented(&mut out, expected);
        }
        if !example.requires.is_empty() {
            let _ = writeln!(out, "  Needs: {}", example.requires.join(", "));
        }
        match checks.get(i).and_then(Option::as_ref) {
            Some(check) => {
                let _ = writeln!(out, "  Check: {}", describe_check(check));
            }
            None if example.is_runnable_python() => {
                let _ = writeln!(out, "  Check: not run yet (`pyprep verify {}`)", q.id);
            }
            None => {}
        }
    }
    bullets(&mut out, "Links", &q.links);
    if !q.sources.is_empty() {
        let _ = writeln!(out, "\nSources");
        for s in &q.sources {
            let _ = writeln!(
                out,
                "  - {} #{} (line {}): {}",
                s.document, s.position, s.line, s.title
            );
        }
    }
    out
}
