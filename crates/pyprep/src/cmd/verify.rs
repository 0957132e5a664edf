//! `pyprep verify`: run questions' Python examples in the sandbox and store what they do.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::process::ExitCode;

use anyhow::{Result, bail};
use indicatif::{ProgressBar, ProgressStyle};
use pyprep_core::{CheckStatus, ExampleCheck, Question};
use pyprep_store::{Filter, Store};
use serde::Serialize;

use crate::cli::{Cli, VerifyArgs};
use crate::{app, examples, output};

#[derive(Serialize)]
struct Summary<'a> {
    python_version: &'a str,
    isolated: bool,
    examples: usize,
    by_status: BTreeMap<&'static str, usize>,
    /// Real problems: wrong output, errors, time-outs, kills.
    failures: usize,
    checks: &'a [ExampleCheck],
}

pub async fn run(cli: &Cli, args: &VerifyArgs) -> Result<ExitCode> {
    if args.ids.is_empty() && !args.all {
        bail!("name the questions to verify (`pyprep verify ID...`) or pass --all");
    }
    let store = app::open_store(cli).await?;
    let questions: Vec<Question> = if args.all {
        store.questions(&Filter::default()).await?
    } else {
        let mut questions = Vec::new();
        for id in &args.ids {
            questions.push(store.get(id).await?);
        }
        questions
    };
    let sandbox = app::sandbox(cli)?;
    let jobs = args.jobs.map_or_else(
        || std::thread::available_parallelism().map_or(1, |n| n.get()),
        usize::from,
    );
    let total = examples::count(&questions);
    let bar = if cli.json || !std::io::stderr().is_terminal() {
        ProgressBar::hidden()
    } else {
        ProgressBar::new(total as u64).with_style(
            ProgressStyle::with_template(
                "{spinner} verifying {pos}/{len} examples {wide_bar} {eta}",
            )
            .expect("valid template"),
        )
    };
    // The sandbox blocks while snippets run; the sandbox comes back for the summary.
    let (checks, sandbox) = {
        let bar = bar.clone();
        tokio::task::spawn_blocking(move || {
            let checks = examples::check_all(&sandbox, &questions, jobs, |done| {
                bar.set_position(done as u64)
            });
            (checks, sandbox)
        })
        .await?
    };
    bar.finish_and_clear();
    store.save_checks(&checks).await?;

    let mut by_status: BTreeMap<&'static str, usize> = BTreeMap::new();
    for check in &checks {
        *by_status.entry(check.status.as_str()).or_default() += 1;
    }
    let failures: Vec<&ExampleCheck> = checks.iter().filter(|c| c.status.is_failure()).collect();
    if cli.json {
        output::json(&Summary {
            python_version: sandbox.python_version(),
            isolated: sandbox.isolation().is_full(),
            examples: checks.len(),
            by_status,
            failures: failures.len(),
            checks: &checks,
        })?;
    } else {
        print_summary(&checks, &failures, &sandbox)?;
    }
    Ok(if args.strict && !failures.is_empty() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn print_summary(
    checks: &[ExampleCheck],
    failures: &[&ExampleCheck],
    sandbox: &pyprep_sandbox::Sandbox,
) -> Result<()> {
    if !failures.is_empty() {
        let mut table = output::table(&["question", "example", "status", "detail"]);
        for check in failures {
            table.add_row(vec![
                check.question_id.clone(),
                (check.example + 1).to_string(),
                check.status.to_string(),
                check.detail.lines().take(6).collect::<Vec<_>>().join("\n"),
            ]);
        }
        output::line(&table)?;
    }
    let mut table = output::table(&["result", "examples", "meaning"]);
    for status in CheckStatus::ALL {
        let n = checks.iter().filter(|c| c.status == status).count();
        if n > 0 {
            table.add_row(vec![
                status.to_string(),
                n.to_string(),
                meaning(status).into(),
            ]);
        }
    }
    output::line(&table)?;
    output::line(format!(
        "{} examples on CPython {}: {} passed, {} real failures, {} not meant to run here{}",
        checks.len(),
        sandbox.python_version(),
        checks
            .iter()
            .filter(|c| c.status == CheckStatus::Passed)
            .count(),
        failures.len(),
        checks
            .iter()
            .filter(|c| !c.status.is_failure() && c.status != CheckStatus::Passed)
            .count(),
        if sandbox.isolation().is_full() {
            ""
        } else {
            " (WARNING: not fully isolated; see `pyprep doctor`)"
        }
    ))
}

fn meaning(status: CheckStatus) -> &'static str {
    match status {
        CheckStatus::Passed => "ran and printed the expected output",
        CheckStatus::Mismatch => "ran but printed something else (real failure)",
        CheckStatus::Error => "raised an exception (real failure)",
        CheckStatus::Fragment => "a piece of a larger program; not run on its own",
        CheckStatus::NeedsPackage => "needs a third-party package",
        CheckStatus::NeedsInput => "reads input or files that are not there",
        CheckStatus::TimedOut => "ran out of time (real failure)",
        CheckStatus::Killed => "stopped by a sandbox limit (real failure)",
        CheckStatus::SandboxFailure => "the sandbox could not run it",
    }
}
