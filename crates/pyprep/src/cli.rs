use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use pyprep_core::{Difficulty, Kind};

/// Prepare for Python interviews: a verified question bank, practice and progress.
#[derive(Debug, Parser)]
#[command(name = "pyprep", version, about, propagate_version = true)]
pub struct Cli {
    /// Database file [default: pyprep.db in the user's data directory].
    #[arg(long, global = true, env = "PYPREP_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Print machine-readable JSON instead of tables.
    #[arg(long, global = true)]
    pub json: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List questions, optionally filtered.
    List(ListArgs),
    /// Show one question with its answer, rubric and examples.
    Show(ShowArgs),
    /// List the topics and how many questions each has.
    Topics,
    /// Count questions by topic, difficulty, kind, source and company.
    Stats(FilterArgs),
    /// Work on the built-in bank's files (for bank authors).
    #[command(subcommand)]
    Bank(BankCommand),
}

#[derive(Debug, Args, Default)]
pub struct FilterArgs {
    /// Only questions on this topic (see `pyprep topics`).
    #[arg(long)]
    pub topic: Option<String>,
    /// Only questions of this difficulty.
    #[arg(long, value_parser = parse_difficulty)]
    pub difficulty: Option<Difficulty>,
    /// Only questions asked at this company.
    #[arg(long)]
    pub company: Option<String>,
    /// Only questions of this kind.
    #[arg(long, value_parser = parse_kind)]
    pub kind: Option<Kind>,
    /// Only questions from this source: `bank` or an imported document's name.
    #[arg(long)]
    pub source: Option<String>,
}

fn parse_difficulty(text: &str) -> Result<Difficulty, String> {
    text.parse().map_err(|e| format!("{e}"))
}

fn parse_kind(text: &str) -> Result<Kind, String> {
    text.parse().map_err(|e| format!("{e}"))
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The question's id, as `pyprep list` prints it.
    pub id: String,
}

#[derive(Debug, Subcommand)]
pub enum BankCommand {
    /// Check bank files: format, canonical layout, required fields, duplicates.
    Check(BankPathArgs),
    /// Rewrite bank files in canonical layout.
    Fmt(BankPathArgs),
}

#[derive(Debug, Args)]
pub struct BankPathArgs {
    /// Bank files or folders [default: the bank compiled into this binary (check) or ./bank (fmt)].
    pub paths: Vec<PathBuf>,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn command_line_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
