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
    /// Search questions: typo-tolerant full-text search with facets.
    Search(SearchArgs),
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
    /// Run the web app on this machine and print its address to open in a browser.
    Serve(ServeArgs),
    /// Study due cards: question first, answer from memory, grade 1-4.
    Study(StudyArgs),
    /// A quiz over recall and drill cards, with a score.
    Quiz(QuizArgs),
    /// A timed mock interview for a role, level and company, ending in a report.
    Mock(MockArgs),
    /// Choose the daily new cards and desired retention that get you ready by a date.
    Plan(PlanArgs),
    /// Reviews per day, true retention, due forecast, mastery per topic and streak.
    Progress(ProgressArgs),
    /// Fit the FSRS scheduler's parameters to your own review log.
    Optimize(OptimizeArgs),
    /// Suspend, bury, reset or show one card.
    #[command(subcommand)]
    Card(CardCommand),
    /// Show or change practice settings (retention, daily limits, learning steps).
    PracticeSettings(PracticeSettingsArgs),
}

#[derive(Debug, Args, Default)]
pub struct FilterArgs {
    /// Only questions on this topic (see `pyprep topics`).
    #[arg(long)]
    pub topic: Option<String>,
    /// Only questions of this difficulty.
    #[arg(long, value_parser = parse_name::<Difficulty>)]
    pub difficulty: Option<Difficulty>,
    /// Only questions asked at this company.
    #[arg(long)]
    pub company: Option<String>,
    /// Only questions of this kind.
    #[arg(long, value_parser = parse_name::<Kind>)]
    pub kind: Option<Kind>,
    /// Only questions from this source: `bank` or an imported document's name.
    #[arg(long)]
    pub source: Option<String>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words to look for, misspelt or not; `__slots__` or `functools.lru_cache` as written;
    /// '"an exact phrase"' in quotes; -word to exclude. The last word also matches as a prefix.
    #[arg(required = true, num_args = 1.., value_name = "QUERY")]
    pub query: Vec<String>,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Only questions whose examples are: verified, failing, unverified, no-code.
    #[arg(long, value_name = "STATUS")]
    pub verified: Option<String>,
    /// How many hits to show.
    #[arg(long, short = 'n', default_value_t = 10, value_name = "N")]
    pub limit: usize,
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

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on; anything but a loopback address lets other machines in.
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "IP:PORT")]
    pub addr: std::net::SocketAddr,
}

#[derive(Debug, Args)]
pub struct StudyArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Stop after this many cards.
    #[arg(long)]
    pub limit: Option<u32>,
}

#[derive(Debug, Args)]
pub struct QuizArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// How many cards to ask.
    #[arg(long, default_value_t = 10)]
    pub count: usize,
}

#[derive(Debug, Args)]
pub struct MockArgs {
    /// The role interviewed for: backend, data or general.
    #[arg(long, default_value = "general", value_parser = parse_name::<pyprep_practice::Role>)]
    pub role: pyprep_practice::Role,
    /// The level interviewed for: junior, mid or senior.
    #[arg(long, default_value = "mid", value_parser = parse_name::<pyprep_practice::Level>)]
    pub level: pyprep_practice::Level,
    /// Prefer questions this company asks.
    #[arg(long)]
    pub company: Option<String>,
    /// Length of the interview; about seven minutes a question.
    #[arg(long, default_value_t = 45)]
    pub minutes: u32,
}

/// A named value (difficulty, kind, role, level), with the choices listed when unknown.
fn parse_name<T: std::str::FromStr<Err = pyprep_core::model::UnknownName>>(
    text: &str,
) -> Result<T, String> {
    text.parse()
        .map_err(|e: pyprep_core::model::UnknownName| e.to_string())
}

#[derive(Debug, Args)]
pub struct PlanArgs {
    /// The interview date, YYYY-MM-DD; saved for next time (and for the web app's countdown).
    /// Defaults to the date saved last.
    #[arg(long)]
    pub date: Option<String>,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Share of these questions to recall on the day (0.5-0.99).
    #[arg(long, default_value_t = 0.9)]
    pub target: f32,
    /// The most study time a day to plan for.
    #[arg(long, default_value_t = 60)]
    pub max_minutes: u32,
    /// Show the plan without saving its settings.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct ProgressArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Days of history and of forecast to show.
    #[arg(long, default_value_t = 30)]
    pub days: u32,
}

#[derive(Debug, Args)]
pub struct OptimizeArgs {
    /// Fit and report, but keep the current parameters.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Subcommand)]
pub enum CardCommand {
    /// Show a card's scheduling state.
    Show(CardArgs),
    /// Hide a card from study until unsuspended.
    Suspend(CardArgs),
    Unsuspend(CardArgs),
    /// Hide a card until tomorrow.
    Bury(CardArgs),
    /// Forget a card: it becomes new again (its history is kept).
    Reset(CardArgs),
}

#[derive(Debug, Args)]
pub struct CardArgs {
    /// `question-id` for its recall card, `question-id#drill-N` for a drill.
    pub card: String,
}

#[derive(Debug, Args)]
pub struct PracticeSettingsArgs {
    /// Desired retention, 0.70-0.99: higher means more reviews and better recall.
    #[arg(long)]
    pub retention: Option<f32>,
    /// New cards a day.
    #[arg(long)]
    pub new_per_day: Option<u32>,
    /// Reviews a day.
    #[arg(long)]
    pub reviews_per_day: Option<u32>,
    /// Learning steps, e.g. `1m,10m` (s, m, h, d units).
    #[arg(long)]
    pub learning_steps: Option<String>,
    /// Relearning steps after a lapse, e.g. `10m`.
    #[arg(long)]
    pub relearning_steps: Option<String>,
    /// Longest interval in days.
    #[arg(long)]
    pub max_interval: Option<u32>,
    /// Spread intervals randomly a little: true or false.
    #[arg(long)]
    pub fuzz: Option<bool>,
    /// Local hour at which a study day starts (0-23).
    #[arg(long)]
    pub day_start_hour: Option<u8>,
    /// Go back to FSRS's default parameters (undo `pyprep optimize`).
    #[arg(long)]
    pub default_parameters: bool,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn command_line_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
