//! One module per subcommand; `run` dispatches.

mod bank;
mod doctor;
mod drill;
mod import;
mod list;
mod show;
mod stats;
mod verify;

use std::process::ExitCode;

use anyhow::Result;

use crate::cli::{Cli, Command};

pub async fn run(cli: Cli) -> Result<ExitCode> {
    match &cli.command {
        Command::List(args) => list::run(&cli, args).await,
        Command::Show(args) => show::run(&cli, args).await,
        Command::Topics => stats::topics(&cli).await,
        Command::Stats(args) => stats::run(&cli, args).await,
        Command::Bank(command) => bank::run(&cli, command),
        Command::Verify(args) => verify::run(&cli, args).await,
        Command::Drill(args) => drill::run(&cli, args).await,
        Command::Doctor => doctor::run(&cli).await,
        Command::Import(args) => import::run(&cli, args).await,
        Command::Duplicates => import::duplicates(&cli).await,
    }
}
