//! One module per subcommand; `run` dispatches.

mod bank;
mod card;
mod doctor;
mod drill;
mod import;
mod list;
mod mock;
mod optimize;
mod plan;
mod practice;
mod progress;
mod quiz;
mod search;
mod serve;
mod show;
mod stats;
mod study;
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
        Command::Search(args) => search::run(&cli, args).await,
        Command::Bank(command) => bank::run(&cli, command),
        Command::Verify(args) => verify::run(&cli, args).await,
        Command::Drill(args) => drill::run(&cli, args).await,
        Command::Doctor => doctor::run(&cli).await,
        Command::Import(args) => import::run(&cli, args).await,
        Command::Duplicates => import::duplicates(&cli).await,
        Command::Serve(args) => serve::run(&cli, args).await,
        Command::Study(args) => study::run(&cli, args).await,
        Command::Quiz(args) => quiz::run(&cli, args).await,
        Command::Mock(args) => mock::run(&cli, args).await,
        Command::Plan(args) => plan::run(&cli, args).await,
        Command::Progress(args) => progress::run(&cli, args).await,
        Command::Optimize(args) => optimize::run(&cli, args).await,
        Command::Card(command) => card::run(&cli, command).await,
        Command::PracticeSettings(args) => card::settings(&cli, args).await,
    }
}
