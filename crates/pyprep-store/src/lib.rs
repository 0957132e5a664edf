//! The storage boundary of pyprep: the [`Store`] trait that the CLI and the web app talk to,
//! the filter and report types it speaks, and [`StoreError`].
//!
//! Backends live in their own crates (`pyprep-store-sqlite`, later PostgreSQL) so callers never
//! name a database. This crate must not depend on any database driver; the `testsuite` feature
//! holds the one test suite every backend runs against itself.

use async_trait::async_trait;
use pyprep_core::{Difficulty, ExampleCheck, Kind, Question};
use serde::Serialize;

#[cfg(feature = "testsuite")]
pub mod testsuite;
#[cfg(feature = "testsuite")]
pub mod testsuite_practice;

pub mod practice;
pub use practice::{Position, PracticeStore, QueueQuery, SessionRecord, study_queue};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("no question with id {0:?}; `pyprep list` shows the ids")]
    NotFound(String),
    /// The database file or server cannot be opened; the message says what to do.
    #[error("{0}")]
    Open(String),
    #[error("database error: {0}")]
    Database(String),
    /// Stored data that cannot be decoded (a bug or a hand-edited database).
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Turns a missing row into [`StoreError::NotFound`] at the call site.
pub trait OrNotFound<T> {
    fn or_not_found(self, id: &str) -> Result<T>;
}

impl<T> OrNotFound<T> for Option<T> {
    fn or_not_found(self, id: &str) -> Result<T> {
        self.ok_or_else(|| StoreError::NotFound(id.to_string()))
    }
}

/// Which questions to list; `None` fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub topic: Option<String>,
    pub difficulty: Option<Difficulty>,
    /// Case-insensitive company name.
    pub company: Option<String>,
    pub kind: Option<Kind>,
    /// `bank` for the built-in bank, otherwise a source document name (case-insensitive).
    pub source: Option<String>,
}

/// One row of a listing: enough to show and filter, without the long texts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuestionSummary {
    pub id: String,
    pub title: String,
    pub difficulty: Difficulty,
    pub kind: Kind,
    pub topics: Vec<String>,
    pub companies: Vec<String>,
    pub origin: Origin,
}

/// A listed question is all mock-interview selection needs to know.
impl From<QuestionSummary> for pyprep_practice::Candidate {
    fn from(q: QuestionSummary) -> Self {
        pyprep_practice::Candidate {
            id: q.id,
            title: q.title,
            topics: q.topics,
            difficulty: q.difficulty,
            kind: q.kind,
            companies: q.companies,
        }
    }
}

/// Who brought a question into the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// The built-in bank compiled into the binary.
    Bank,
    /// An import of the user's.
    Import,
}

impl Origin {
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Bank => "bank",
            Origin::Import => "import",
        }
    }
}

/// What loading the built-in bank changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct BankSync {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Bank questions that left the bank: hidden from listings, their user data kept.
    pub retired: usize,
}

/// What [`Store::import_questions`] wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportWritten {
    /// Questions written whole (new or imported-only).
    pub written: usize,
    /// Built-in questions that gained sources, topics or companies.
    pub enriched: usize,
}

/// A count per name, e.g. questions per topic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    pub name: String,
    pub count: u64,
}

/// Counts over the questions a listing would show.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Stats {
    pub questions: u64,
    pub examples: u64,
    pub by_topic: Vec<Count>,
    pub by_difficulty: Vec<Count>,
    pub by_kind: Vec<Count>,
    pub by_source: Vec<Count>,
    pub by_company: Vec<Count>,
    /// Questions per topic split by difficulty: the bank's coverage at a glance.
    pub by_topic_difficulty: Vec<TopicDifficulty>,
}

/// How many questions a topic has at each difficulty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TopicDifficulty {
    pub topic: String,
    pub easy: u64,
    pub medium: u64,
    pub hard: u64,
}

#[async_trait]
pub trait Store: Send + Sync {
    /// Brings the stored built-in bank in line with `bank`, identified by `bank_hash`; a no-op
    /// when the hash is the one last synced. Never touches user data or imported questions.
    async fn sync_bank(&self, bank: &[Question], bank_hash: &str) -> Result<BankSync>;

    /// Questions matching `filter`, ordered by primary topic then title.
    async fn list(&self, filter: &Filter) -> Result<Vec<QuestionSummary>>;

    /// One whole question, or [`StoreError::NotFound`].
    async fn get(&self, id: &str) -> Result<Question>;

    /// Whole questions matching `filter`, in listing order (for search indexing, export and
    /// verification, which need every field).
    async fn questions(&self, filter: &Filter) -> Result<Vec<Question>> {
        let mut questions = Vec::new();
        for summary in self.list(filter).await? {
            questions.push(self.get(&summary.id).await?);
        }
        Ok(questions)
    }

    /// Counts by topic, difficulty, kind, source and company over listed questions.
    async fn stats(&self, filter: &Filter) -> Result<Stats>;

    /// Writes the questions an import produced, all or nothing. A question that is new or
    /// exists only through imports is written whole; a built-in question keeps its own text
    /// and gains only what imports contribute (sources with their answers, topics,
    /// companies), so a later bank upgrade neither loses nor fights them.
    async fn import_questions(&self, questions: &[Question]) -> Result<ImportWritten>;

    /// Stores what running examples found, replacing earlier checks of the same examples,
    /// all or nothing.
    async fn save_checks(&self, checks: &[ExampleCheck]) -> Result<()>;

    /// Stored checks of one question's examples (or of every question), in example order.
    /// Checks whose `code_fingerprint` no longer matches the example are stale: callers
    /// compare with `pyprep_core::check::code_fingerprint`.
    async fn checks(&self, question_id: Option<&str>) -> Result<Vec<ExampleCheck>>;

    /// A number that grows whenever questions or example checks change, whichever process
    /// changed them, and stays put otherwise; it starts at a random point, so two databases
    /// practically never share one. Whatever is derived from the questions (the search index,
    /// practice cards) compares it with the revision it was built from to know, with one cheap
    /// read, whether it is stale.
    async fn revision(&self) -> Result<u64>;
}
