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

    /// The CPython that runs examples and solutions [default: python3 on PATH].
    #[arg(long, global = true, env = "PYPREP_PYTHON", value_name = "PATH")]
    pub python: Option<PathBuf>,

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
    /// Run questions' Python examples in the sandbox and store the results.
    Verify(VerifyArgs),
    /// Predict what a verified example prints.
    Drill(DrillArgs),
    /// Show the Python, database and sandbox isolation this installation uses.
    Doctor,
    /// Import interview guides (markdown, MDX, plain text), merging duplicates.
    Import(ImportArgs),
    /// Show questions that were merged from several sources, for review.
    Duplicates,
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

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// Questions whose examples to run.
    pub ids: Vec<String>,
    /// Run the examples of every question.
    #[arg(long, conflicts_with = "ids")]
    pub all: bool,
    /// How many examples run at once [default: the number of cores].
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..=256))]
    pub jobs: Option<u16>,
    /// Exit non-zero when any example really fails (wrong output, error, time-out).
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Files to import; the format is detected from each file's content.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Report what would be imported without storing anything.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct DrillArgs {
    /// Only drills from questions on this topic.
    #[arg(long)]
    pub topic: Option<String>,
    /// Only drills from this question.
    #[arg(long)]
    pub id: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum BankCommand {
    /// Check bank files: format, canonical layout, required fields, duplicates, and that
    /// every runnable example prints its expected output in the sandbox.
    Check(BankCheckArgs),
    /// Rewrite bank files in canonical layout.
    Fmt(BankPathArgs),
}

#[derive(Debug, Args)]
pub struct BankCheckArgs {
    #[command(flatten)]
    pub paths: BankPathArgs,
    /// Skip running the examples (format and content checks only).
    #[arg(long)]
    pub no_run: bool,
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
