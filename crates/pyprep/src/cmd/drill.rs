//! `pyprep drill`: predict what an example prints; the answer is its real captured output.

use std::io::{IsTerminal, Read};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use pyprep_core::check::code_fingerprint;
use pyprep_sandbox::verify::{line_diff, normalize};
use pyprep_store::Store;
use serde::Serialize;

use crate::cli::{Cli, DrillArgs};
use crate::{app, output};

#[derive(Serialize)]
struct Outcome<'a> {
    question_id: &'a str,
    example: u32,
    code: &'a str,
    expected: &'a str,
    answer: &'a str,
    correct: bool,
    diff: String,
}

pub async fn run(cli: &Cli, args: &DrillArgs) -> Result<ExitCode> {
    let store = app::open_store(cli).await?;
    let mut candidates = Vec::new();
    for check in store.checks(args.id.as_deref()).await? {
        if !check.drill {
            continue;
        }
        let question = store.get(&check.question_id).await?;
        let Some(example) = question.examples.get(check.example as usize) else {
            continue;
        };
        let current = code_fingerprint(&example.code) == check.code_fingerprint;
        let on_topic = args
            .topic
            .as_ref()
            .is_none_or(|t| question.topics.contains(t));
        if current && on_topic {
            candidates.push((check, example.code.clone()));
        }
    }
    if candidates.is_empty() {
        bail!(
            "no drills yet for this choice: drills come from verified examples, so run `pyprep verify --all` first{}",
            if args.topic.is_some() || args.id.is_some() {
                " (or widen --topic / --id)"
            } else {
                ""
            }
        );
    }
    // Any spread is fine for picking a drill; the clock avoids a dependency on a RNG.
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos() as usize);
    let (check, code) = &candidates[nanos % candidates.len()];

    let interactive = std::io::stdin().is_terminal();
    if !cli.json {
        output::line(format!(
            "What does this print? ({} #{})\n\n{}",
            check.question_id,
            check.example + 1,
            indent(code)
        ))?;
        if interactive {
            eprintln!("Type the output, then press Ctrl-D on an empty line.");
        }
    }
    let mut answer = String::new();
    std::io::stdin()
        .read_to_string(&mut answer)
        .context("cannot read the answer from standard input")?;
    let correct = normalize(&answer) == normalize(&check.output);
    let diff = if correct {
        String::new()
    } else {
        line_diff(&check.output, &answer)
    };
    if cli.json {
        output::json(&Outcome {
            question_id: &check.question_id,
            example: check.example,
            code,
            expected: &check.output,
            answer: &answer,
            correct,
            diff,
        })?;
    } else if correct {
        output::line("Correct.")?;
    } else {
        output::line(format!(
            "Not quite. It prints:\n\n{}\nDifference (- real output, + your answer):\n{}",
            indent(&check.output),
            diff
        ))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("    {l}\n")).collect()
}
