//! `pyprep doctor`: what this installation can do, and which sandbox isolation is in force.

use std::process::ExitCode;

use anyhow::Result;
use serde::Serialize;

use crate::cli::Cli;
use crate::{app, output};

#[derive(Serialize)]
struct Report {
    database: String,
    bank_version: String,
    python: Option<String>,
    python_error: Option<String>,
    isolation: Option<String>,
    fully_isolated: bool,
}

pub async fn run(cli: &Cli) -> Result<ExitCode> {
    let database = app::database_path(cli)?.display().to_string();
    let (python, python_error, isolation, fully_isolated) = match app::sandbox(cli) {
        Ok(sandbox) => (
            Some(sandbox.python_version().to_string()),
            None,
            Some(sandbox.isolation().to_string()),
            sandbox.isolation().is_full(),
        ),
        Err(e) => (None, Some(format!("{e:#}")), None, false),
    };
    let report = Report {
        database,
        bank_version: pyprep_bank::version(),
        python,
        python_error,
        isolation,
        fully_isolated,
    };
    if cli.json {
        output::json(&report)?;
    } else {
        output::line(format!("database:  {}", report.database))?;
        output::line(format!("bank:      version {}", report.bank_version))?;
        match (&report.python, &report.python_error) {
            (Some(version), _) => output::line(format!("python:    CPython {version}"))?,
            (None, Some(error)) => output::line(format!("python:    unavailable: {error}"))?,
            (None, None) => {}
        }
        if let Some(isolation) = &report.isolation {
            output::line(format!("sandbox:\n{isolation}"))?;
        }
    }
    Ok(if report.python.is_some() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
