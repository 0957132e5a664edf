//! pyprep's default storage: one SQLite file, opened through sqlx with the migrations in
//! `migrations/` applied at connect.
//!
//! It implements `pyprep_store::Store` and nothing else: no domain rules live here beyond
//! turning rows into `pyprep_core` values and back. Queries are built at run time
//! (`query(..).bind(..)`) so the crate builds without a database at hand.

mod practice;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use async_trait::async_trait;
use pyprep_core::{
    CheckStatus, Difficulty, Example, ExampleCheck, FollowUp, Kind, Question, Source,
    write_question,
};
use pyprep_store::{
    BankSync, Count, Filter, ImportWritten, OrNotFound, Origin, QuestionSummary, Result, Stats,
    Store, StoreError, TopicDifficulty,
};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteRow};
use sqlx::{AssertSqlSafe, QueryBuilder, Row, Sqlite, SqlitePool, Transaction};

/// The SQLite implementation of [`Store`].
#[derive(Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
}

impl SqliteStore {
    /// Opens (creating if needed) the database file at `path` and migrates it. The parent
    /// directory must exist: a typo in `--db` should not silently create directories.
    pub async fn open(path: &Path) -> Result<Self> {
        let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
        if let Some(dir) = parent.filter(|dir| !dir.is_dir()) {
            return Err(StoreError::Open(format!(
                "cannot open database {}: directory {} does not exist; create it or choose another path with --db / PYPREP_DB",
                path.display(),
                dir.display()
            )));
        }
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        Self::connect(options, 4).await.map_err(|e| match e {
            StoreError::Database(msg) => StoreError::Open(format!(
                "cannot open database {}: {msg}; check the path and its permissions, or choose another with --db / PYPREP_DB",
                path.display()
            )),
            other => other,
        })
    }

    /// A private in-memory database, for tests.
    pub async fn in_memory() -> Result<Self> {
        let options = SqliteConnectOptions::from_str("sqlite::memory:")
            .map_err(db)?
            .foreign_keys(true);
        // One connection: every in-memory connection would be a separate database.
        Self::connect(options, 1).await
    }

    async fn connect(options: SqliteConnectOptions, max: u32) -> Result<Self> {
        let pool = SqlitePoolOptions::new()
            .max_connections(max)
            .connect_with(options)
            .await
            .map_err(db)?;
        sqlx::migrate!("./migrations").run(&pool).await.map_err(|e| {
            StoreError::Open(format!(
                "the database could not be migrated ({e}); is it a pyprep database written by a newer version?"
            ))
        })?;
        Ok(Self { pool })
    }

    /// Where the default database lives: `$XDG_DATA_HOME/pyprep/pyprep.db` and the like.
    pub fn default_path(data_dir: &Path) -> PathBuf {
        data_dir.join("pyprep.db")
    }
}

fn db(e: sqlx::Error) -> StoreError {
    StoreError::Database(e.to_string())
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("plain data always serialises")
}

fn from_json<T: serde::de::DeserializeOwned>(column: &str, text: &str) -> Result<T> {
    serde_json::from_str(text).map_err(|e| StoreError::Corrupt(format!("column {column}: {e}")))
}

fn parse_name<T: FromStr>(column: &str, text: &str) -> Result<T>
where
    T::Err: std::fmt::Display,
{
    text.parse()
        .map_err(|e| StoreError::Corrupt(format!("column {column}: {e}")))
}

/// The bank text of a question, hashed to tell whether a bank upgrade changed it.
fn content_hash(question: &Question) -> String {
    pyprep_core::fingerprint([write_question(question).as_bytes()])
}

/// Replaces the question row and the rows it owns with `question`'s content; topic and company
/// rows contributed by other origins stay.
async fn write_question_rows(
    tx: &mut Transaction<'_, Sqlite>,
    question: &Question,
    origin: Origin,
    hash: &str,
) -> Result<()> {
    let now = now();
    sqlx::query(
        "INSERT INTO questions (id, title, difficulty, difficulty_label, kind, prompt, answer,
            key_points, look_for, strong_signals, red_flags, links, follow_ups, origin,
            content_hash, retired, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)
         ON CONFLICT (id) DO UPDATE SET
            title = excluded.title, difficulty = excluded.difficulty,
            difficulty_label = excluded.difficulty_label, kind = excluded.kind,
            prompt = excluded.prompt, answer = excluded.answer, key_points = excluded.key_points,
            look_for = excluded.look_for, strong_signals = excluded.strong_signals,
            red_flags = excluded.red_flags, links = excluded.links,
            follow_ups = excluded.follow_ups, origin = excluded.origin,
            content_hash = excluded.content_hash, retired = 0, updated_at = excluded.updated_at",
    )
    .bind(&question.id)
    .bind(&question.title)
    .bind(question.difficulty.as_str())
    .bind(&question.difficulty_label)
    .bind(question.kind.as_str())
    .bind(&question.prompt)
    .bind(&question.answer)
    .bind(to_json(&question.key_points))
    .bind(to_json(&question.look_for))
    .bind(to_json(&question.strong_signals))
    .bind(to_json(&question.red_flags))
    .bind(to_json(&question.links))
    .bind(to_json(&question.follow_ups))
    .bind(origin.as_str())
    .bind(hash)
    .bind(now)
    .bind(now)
    .execute(&mut **tx)
    .await
    .map_err(db)?;

    for (table, column, items) in [
        ("question_topics", "topic", &question.topics),
        ("question_companies", "company", &question.companies),
    ] {
        // `table` and `column` are the literals above, never user input.
        sqlx::query(AssertSqlSafe(format!(
            "DELETE FROM {table} WHERE question_id = ? AND origin = ?"
        )))
        .bind(&question.id)
        .bind(origin.as_str())
        .execute(&mut **tx)
        .await
        .map_err(db)?;
        for (position, item) in items.iter().enumerate() {
            // A row another origin already contributed keeps its place and origin.
            sqlx::query(AssertSqlSafe(format!(
                "INSERT INTO {table} (question_id, {column}, position, origin) VALUES (?, ?, ?, ?)
                 ON CONFLICT DO NOTHING"
            )))
            .bind(&question.id)
            .bind(item)
            .bind(position as i64)
            .bind(origin.as_str())
            .execute(&mut **tx)
            .await
            .map_err(db)?;
        }
    }

    sqlx::query("DELETE FROM examples WHERE question_id = ?")
        .bind(&question.id)
        .execute(&mut **tx)
        .await
        .map_err(db)?;
    for (position, example) in question.examples.iter().enumerate() {
        sqlx::query(
            "INSERT INTO examples (question_id, position, caption, description, language, code,
                expected_output, norun, nondeterministic, requires)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(&question.id)
        .bind(position as i64)
        .bind(&example.caption)
        .bind(&example.description)
        .bind(&example.language)
        .bind(&example.code)
        .bind(&example.expected_output)
        .bind(example.norun)
        .bind(example.nondeterministic)
        .bind(to_json(&example.requires))
        .execute(&mut **tx)
        .await
        .map_err(db)?;
    }

    if origin == Origin::Import {
        write_sources(tx, question).await?;
    }
    Ok(())
}

/// Replaces the question's sources with `question.sources`.
/// Marks the content as changed (see migration 0004), inside the writer's transaction so the
/// new revision is visible exactly when the change is.
async fn bump_revision(tx: &mut Transaction<'_, Sqlite>) -> Result<()> {
    sqlx::query("UPDATE revision SET value = value + 1 WHERE id = 1")
        .execute(&mut **tx)
        .await
        .map_err(db)?;
    Ok(())
}

async fn write_sources(tx: &mut Transaction<'_, Sqlite>, question: &Question) -> Result<()> {
    sqlx::query("DELETE FROM sources WHERE question_id = ?")
        .bind(&question.id)
        .execute(&mut **tx)
        .await
        .map_err(db)?;
    for (position, source) in question.sources.iter().enumerate() {
        sqlx::query(
            "INSERT INTO sources (question_id, position, document, doc_position, title, line, answer)
             VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(&question.id)
        .bind(position as i64)
        .bind(&source.document)
        .bind(i64::from(source.position))
        .bind(&source.title)
        .bind(i64::from(source.line))
        .bind(&source.answer)
        .execute(&mut **tx)
        .await
        .map_err(db)?;
    }
    Ok(())
}

/// Adds imported topics and companies to a built-in question, after the bank's own.
async fn enrich_bank_question(tx: &mut Transaction<'_, Sqlite>, question: &Question) -> Result<()> {
    write_sources(tx, question).await?;
    for (table, column, items) in [
        ("question_topics", "topic", &question.topics),
        ("question_companies", "company", &question.companies),
    ] {
        for (position, item) in items.iter().enumerate() {
            // `table` and `column` are the literals above, never user input.
            sqlx::query(AssertSqlSafe(format!(
                "INSERT INTO {table} (question_id, {column}, position, origin)
                 VALUES (?, ?, ?, 'import') ON CONFLICT DO NOTHING"
            )))
            .bind(&question.id)
            .bind(item)
            .bind(1000 + position as i64)
            .execute(&mut **tx)
            .await
            .map_err(db)?;
        }
    }
    Ok(())
}

/// Adds the `WHERE` clause for `filter` to a query over `questions q`.
fn push_filter(builder: &mut QueryBuilder<Sqlite>, filter: &Filter) {
    builder.push(" WHERE q.retired = 0");
    if let Some(topic) = &filter.topic {
        builder
            .push(" AND q.id IN (SELECT question_id FROM question_topics WHERE topic = ")
            .push_bind(topic.clone())
            .push(")");
    }
    if let Some(company) = &filter.company {
        builder
            .push(" AND q.id IN (SELECT question_id FROM question_companies WHERE company = ")
            .push_bind(company.clone())
            .push(")");
    }
    if let Some(difficulty) = filter.difficulty {
        builder
            .push(" AND q.difficulty = ")
            .push_bind(difficulty.as_str());
    }
    if let Some(kind) = filter.kind {
        builder.push(" AND q.kind = ").push_bind(kind.as_str());
    }
    if let Some(source) = &filter.source {
        if source.eq_ignore_ascii_case("bank") {
            builder.push(" AND q.origin = 'bank'");
        } else {
            builder
                .push(" AND q.id IN (SELECT question_id FROM sources WHERE document = ")
                .push_bind(source.clone())
                .push(")");
        }
    }
}

impl SqliteStore {
    async fn names(&self, table: &str, column: &str, id: &str) -> Result<Vec<String>> {
        sqlx::query_scalar(AssertSqlSafe(format!(
            "SELECT {column} FROM {table} WHERE question_id = ? ORDER BY origin = 'import', position"
        )))
        .bind(id)
        .fetch_all(&self.pool)
        .await
        .map_err(db)
    }

    /// `SELECT name, count` over the rows `inner` selects (as a column `name`); `inner` adds
    /// the listing filter where it needs it.
    async fn counts(
        &self,
        filter: &Filter,
        inner: impl Fn(&mut QueryBuilder<Sqlite>, &Filter),
    ) -> Result<Vec<Count>> {
        let mut builder = QueryBuilder::new("SELECT name, COUNT(*) AS n FROM (");
        inner(&mut builder, filter);
        builder.push(") GROUP BY name ORDER BY n DESC, name");
        let rows = builder.build().fetch_all(&self.pool).await.map_err(db)?;
        rows.iter()
            .map(|r| {
                Ok(Count {
                    name: r.try_get("name").map_err(db)?,
                    count: r.try_get::<i64, _>("n").map_err(db)? as u64,
                })
            })
            .collect()
    }
}

impl SqliteStore {
    async fn topic_difficulty(&self, filter: &Filter) -> Result<Vec<TopicDifficulty>> {
        let mut builder = QueryBuilder::new(
            "SELECT t.topic,
                    SUM(q.difficulty = 'easy'), SUM(q.difficulty = 'medium'), SUM(q.difficulty = 'hard')
             FROM question_topics t JOIN questions q ON q.id = t.question_id
             WHERE t.question_id IN (SELECT q.id FROM questions q",
        );
        push_filter(&mut builder, filter);
        builder.push(") GROUP BY t.topic ORDER BY COUNT(*) DESC, t.topic");
        let rows: Vec<(String, i64, i64, i64)> = builder
            .build_query_as()
            .fetch_all(&self.pool)
            .await
            .map_err(db)?;
        Ok(rows
            .into_iter()
            .map(|(topic, easy, medium, hard)| TopicDifficulty {
                topic,
                easy: easy as u64,
                medium: medium as u64,
                hard: hard as u64,
            })
            .collect())
    }
}

/// Selects `name` from the rows of `table` that belong to questions the filter keeps.
fn names_of_listed(
    table: &'static str,
    column: &'static str,
) -> impl Fn(&mut QueryBuilder<Sqlite>, &Filter) {
    move |builder, filter| {
        builder.push(format!(
            "SELECT {column} AS name FROM {table} WHERE question_id IN (SELECT q.id FROM questions q"
        ));
        push_filter(builder, filter);
        builder.push(")");
    }
}

/// Selects a column of the questions the filter keeps as `name`.
fn column_of_listed(column: &'static str) -> impl Fn(&mut QueryBuilder<Sqlite>, &Filter) {
    move |builder, filter| {
        builder.push(format!("SELECT q.{column} AS name FROM questions q"));
        push_filter(builder, filter);
    }
}

/// Up to this many questions, `questions` reads them one by one: cheaper than whole tables.
const FEW: usize = 64;

const EXAMPLE_COLUMNS: &str = "caption, description, language, code, expected_output, norun,
    nondeterministic, requires";
const SOURCE_COLUMNS: &str = "document, doc_position, title, line, answer";

fn example_from_row(r: &SqliteRow) -> Result<Example> {
    Ok(Example {
        caption: r.try_get("caption").map_err(db)?,
        description: r.try_get("description").map_err(db)?,
        language: r.try_get("language").map_err(db)?,
        code: r.try_get("code").map_err(db)?,
        expected_output: r.try_get("expected_output").map_err(db)?,
        norun: r.try_get("norun").map_err(db)?,
        nondeterministic: r.try_get("nondeterministic").map_err(db)?,
        requires: from_json("requires", &r.try_get::<String, _>("requires").map_err(db)?)?,
    })
}

fn source_from_row(r: &SqliteRow) -> Result<Source> {
    Ok(Source {
        document: r.try_get("document").map_err(db)?,
        position: r.try_get::<i64, _>("doc_position").map_err(db)? as u32,
        title: r.try_get("title").map_err(db)?,
        line: r.try_get::<i64, _>("line").map_err(db)? as u32,
        answer: r.try_get("answer").map_err(db)?,
    })
}

/// Rows of a table keyed by `question_id`, converted and grouped by question in row order.
fn grouped<T>(
    rows: Vec<SqliteRow>,
    convert: impl Fn(&SqliteRow) -> Result<T>,
) -> Result<HashMap<String, Vec<T>>> {
    let mut by_id: HashMap<String, Vec<T>> = HashMap::new();
    for row in &rows {
        let id: String = row.try_get("question_id").map_err(db)?;
        by_id.entry(id).or_default().push(convert(row)?);
    }
    Ok(by_id)
}

/// A `questions` row with what the other tables hold for it.
fn question_from_row(
    row: &SqliteRow,
    topics: Vec<String>,
    companies: Vec<String>,
    sources: Vec<Source>,
    examples: Vec<Example>,
) -> Result<Question> {
    let text = |column: &str| -> Result<String> { row.try_get(column).map_err(db) };
    Ok(Question {
        id: text("id")?,
        title: text("title")?,
        difficulty: parse_name::<Difficulty>("difficulty", &text("difficulty")?)?,
        difficulty_label: row.try_get("difficulty_label").map_err(db)?,
        kind: parse_name::<Kind>("kind", &text("kind")?)?,
        topics,
        companies,
        key_points: from_json("key_points", &text("key_points")?)?,
        look_for: from_json("look_for", &text("look_for")?)?,
        strong_signals: from_json("strong_signals", &text("strong_signals")?)?,
        red_flags: from_json("red_flags", &text("red_flags")?)?,
        links: from_json("links", &text("links")?)?,
        follow_ups: from_json::<Vec<FollowUp>>("follow_ups", &text("follow_ups")?)?,
        sources,
        prompt: text("prompt")?,
        answer: text("answer")?,
        examples,
    })
}

fn summary_from_row(row: &SqliteRow) -> Result<QuestionSummary> {
    let split = |column: &str| -> Result<Vec<String>> {
        let joined: Option<String> = row.try_get(column).map_err(db)?;
        Ok(joined
            .filter(|s| !s.is_empty())
            .map(|s| s.split('\u{1f}').map(str::to_string).collect())
            .unwrap_or_default())
    };
    let origin: String = row.try_get("origin").map_err(db)?;
    Ok(QuestionSummary {
        id: row.try_get("id").map_err(db)?,
        title: row.try_get("title").map_err(db)?,
        difficulty: parse_name("difficulty", row.try_get("difficulty").map_err(db)?)?,
        kind: parse_name("kind", row.try_get("kind").map_err(db)?)?,
        topics: split("topics")?,
        companies: split("companies")?,
        origin: if origin == "bank" {
            Origin::Bank
        } else {
            Origin::Import
        },
    })
}

#[async_trait]
impl Store for SqliteStore {
    async fn sync_bank(&self, bank: &[Question], bank_hash: &str) -> Result<BankSync> {
        let synced: Option<String> =
            sqlx::query_scalar("SELECT value FROM meta WHERE key = 'bank_hash'")
                .fetch_optional(&self.pool)
                .await
                .map_err(db)?;
        let mut report = BankSync::default();
        if synced.as_deref() == Some(bank_hash) {
            report.unchanged = bank.len();
            return Ok(report);
        }
        let mut tx = self.pool.begin().await.map_err(db)?;
        let stored: Vec<(String, String)> =
            sqlx::query_as("SELECT id, content_hash FROM questions WHERE origin = 'bank'")
                .fetch_all(&mut *tx)
                .await
                .map_err(db)?;
        let stored: std::collections::HashMap<String, String> = stored.into_iter().collect();
        for question in bank {
            let hash = content_hash(question);
            match stored.get(&question.id) {
                Some(old) if *old == hash => report.unchanged += 1,
                Some(_) => report.updated += 1,
                None => report.added += 1,
            }
            if stored.get(&question.id) != Some(&hash) {
                write_question_rows(&mut tx, question, Origin::Bank, &hash).await?;
            }
        }
        let keep: std::collections::HashSet<&str> = bank.iter().map(|q| q.id.as_str()).collect();
        for id in stored.keys().filter(|id| !keep.contains(id.as_str())) {
            // Reviews and scores refer to the id, so the row stays, hidden from listings.
            sqlx::query("UPDATE questions SET retired = 1 WHERE id = ? AND retired = 0")
                .bind(id)
                .execute(&mut *tx)
                .await
                .map_err(db)?;
            report.retired += 1;
        }
        sqlx::query(
            "INSERT INTO meta (key, value) VALUES ('bank_hash', ?)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )
        .bind(bank_hash)
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        if report.added + report.updated + report.retired > 0 {
            bump_revision(&mut tx).await?;
        }
        tx.commit().await.map_err(db)?;
        tracing::info!(?report, "built-in bank synced");
        Ok(report)
    }

    async fn list(&self, filter: &Filter) -> Result<Vec<QuestionSummary>> {
        // \x1f (unit separator) cannot occur in a topic or company name.
        let mut builder = QueryBuilder::new(
            "SELECT q.id, q.title, q.difficulty, q.kind, q.origin,
                (SELECT group_concat(topic, char(31)) FROM
                    (SELECT topic FROM question_topics WHERE question_id = q.id
                     ORDER BY origin = 'import', position)) AS topics,
                (SELECT group_concat(company, char(31)) FROM
                    (SELECT company FROM question_companies WHERE question_id = q.id
                     ORDER BY origin = 'import', position)) AS companies
             FROM questions q",
        );
        push_filter(&mut builder, filter);
        builder.push(
            " ORDER BY (SELECT topic FROM question_topics WHERE question_id = q.id
                        ORDER BY origin = 'import', position LIMIT 1), q.title, q.id",
        );
        let rows = builder.build().fetch_all(&self.pool).await.map_err(db)?;
        rows.iter().map(summary_from_row).collect()
    }

    async fn get(&self, id: &str) -> Result<Question> {
        let row = sqlx::query("SELECT * FROM questions WHERE id = ?")
            .bind(id)
            .fetch_optional(&self.pool)
            .await
            .map_err(db)?
            .or_not_found(id)?;
        let examples = sqlx::query(AssertSqlSafe(format!(
            "SELECT {EXAMPLE_COLUMNS} FROM examples WHERE question_id = ? ORDER BY position"
        )))
        .bind(id)
        .fetch_all(&self.pool)
        .await
        .map_err(db)?
        .iter()
        .map(example_from_row)
        .collect::<Result<Vec<_>>>()?;
        let sources = sqlx::query(AssertSqlSafe(format!(
            "SELECT {SOURCE_COLUMNS} FROM sources WHERE question_id = ? ORDER BY position"
        )))
        .bind(id)
        .fetch_all(&self.pool)
        .await
        .map_err(db)?
        .iter()
        .map(source_from_row)
        .collect::<Result<Vec<_>>>()?;
        question_from_row(
            &row,
            self.names("question_topics", "topic", id).await?,
            self.names("question_companies", "company", id).await?,
            sources,
            examples,
        )
    }

    /// Five queries in all instead of five per question: indexing and exporting read
    /// every question, and tens of thousands of round trips took seconds.
    async fn questions(&self, filter: &Filter) -> Result<Vec<Question>> {
        let listed = self.list(filter).await?;
        if listed.len() <= FEW {
            let mut questions = Vec::with_capacity(listed.len());
            for summary in &listed {
                questions.push(self.get(&summary.id).await?);
            }
            return Ok(questions);
        }
        let all = |sql: String| {
            let pool = self.pool.clone();
            async move {
                sqlx::query(AssertSqlSafe(sql))
                    .fetch_all(&pool)
                    .await
                    .map_err(db)
            }
        };
        let mut examples = grouped(
            all(format!(
                "SELECT question_id, {EXAMPLE_COLUMNS} FROM examples ORDER BY question_id, position"
            ))
            .await?,
            example_from_row,
        )?;
        let mut sources = grouped(
            all(format!(
                "SELECT question_id, {SOURCE_COLUMNS} FROM sources ORDER BY question_id, position"
            ))
            .await?,
            source_from_row,
        )?;
        let name = |row: &SqliteRow| row.try_get::<String, _>("name").map_err(db);
        let mut topics = grouped(
            all("SELECT question_id, topic AS name FROM question_topics
                 ORDER BY question_id, origin = 'import', position"
                .into())
            .await?,
            name,
        )?;
        let mut companies = grouped(
            all("SELECT question_id, company AS name FROM question_companies
                 ORDER BY question_id, origin = 'import', position"
                .into())
            .await?,
            name,
        )?;
        let mut rows: HashMap<String, SqliteRow> = HashMap::new();
        for row in all("SELECT * FROM questions".into()).await? {
            rows.insert(row.try_get("id").map_err(db)?, row);
        }
        listed
            .iter()
            .map(|summary| {
                let id = summary.id.as_str();
                let row = rows.remove(id).or_not_found(id)?;
                question_from_row(
                    &row,
                    topics.remove(id).unwrap_or_default(),
                    companies.remove(id).unwrap_or_default(),
                    sources.remove(id).unwrap_or_default(),
                    examples.remove(id).unwrap_or_default(),
                )
            })
            .collect()
    }

    async fn import_questions(&self, questions: &[Question]) -> Result<ImportWritten> {
        let mut tx = self.pool.begin().await.map_err(db)?;
        let mut written = ImportWritten::default();
        for question in questions {
            let origin: Option<String> =
                sqlx::query_scalar("SELECT origin FROM questions WHERE id = ?")
                    .bind(&question.id)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(db)?;
            if origin.as_deref() == Some(Origin::Bank.as_str()) {
                enrich_bank_question(&mut tx, question).await?;
                written.enriched += 1;
            } else {
                let hash = content_hash(question);
                write_question_rows(&mut tx, question, Origin::Import, &hash).await?;
                written.written += 1;
            }
        }
        if !questions.is_empty() {
            bump_revision(&mut tx).await?;
        }
        tx.commit().await.map_err(db)?;
        Ok(written)
    }

    async fn save_checks(&self, checks: &[ExampleCheck]) -> Result<()> {
        let mut tx = self.pool.begin().await.map_err(db)?;
        for check in checks {
            sqlx::query(
                "INSERT INTO example_checks (question_id, example, code_fingerprint, status,
                    detail, output, python_version, drill, checked_at)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                 ON CONFLICT (question_id, example) DO UPDATE SET
                    code_fingerprint = excluded.code_fingerprint, status = excluded.status,
                    detail = excluded.detail, output = excluded.output,
                    python_version = excluded.python_version, drill = excluded.drill,
                    checked_at = excluded.checked_at",
            )
            .bind(&check.question_id)
            .bind(i64::from(check.example))
            .bind(&check.code_fingerprint)
            .bind(check.status.as_str())
            .bind(&check.detail)
            .bind(&check.output)
            .bind(&check.python_version)
            .bind(check.drill)
            .bind(check.checked_at)
            .execute(&mut *tx)
            .await
            .map_err(|e| match &e {
                sqlx::Error::Database(d) if d.is_foreign_key_violation() => {
                    StoreError::NotFound(check.question_id.clone())
                }
                _ => db(e),
            })?;
        }
        if !checks.is_empty() {
            bump_revision(&mut tx).await?;
        }
        tx.commit().await.map_err(db)
    }

    async fn revision(&self) -> Result<u64> {
        let value: i64 = sqlx::query_scalar("SELECT value FROM revision WHERE id = 1")
            .fetch_one(&self.pool)
            .await
            .map_err(db)?;
        Ok(value.unsigned_abs())
    }

    async fn checks(&self, question_id: Option<&str>) -> Result<Vec<ExampleCheck>> {
        let rows = sqlx::query(
            "SELECT * FROM example_checks WHERE ?1 IS NULL OR question_id = ?1
             ORDER BY question_id, example",
        )
        .bind(question_id)
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.iter()
            .map(|r| {
                Ok(ExampleCheck {
                    question_id: r.try_get("question_id").map_err(db)?,
                    example: r.try_get::<i64, _>("example").map_err(db)? as u32,
                    code_fingerprint: r.try_get("code_fingerprint").map_err(db)?,
                    status: parse_name::<CheckStatus>("status", r.try_get("status").map_err(db)?)?,
                    detail: r.try_get("detail").map_err(db)?,
                    output: r.try_get("output").map_err(db)?,
                    python_version: r.try_get("python_version").map_err(db)?,
                    drill: r.try_get("drill").map_err(db)?,
                    checked_at: r.try_get("checked_at").map_err(db)?,
                })
            })
            .collect()
    }

    async fn stats(&self, filter: &Filter) -> Result<Stats> {
        let mut builder = QueryBuilder::new(
            "SELECT COUNT(*), COALESCE(SUM((SELECT COUNT(*) FROM examples e WHERE e.question_id = q.id)), 0)
             FROM questions q",
        );
        push_filter(&mut builder, filter);
        let (questions, examples): (i64, i64) = builder
            .build_query_as()
            .fetch_one(&self.pool)
            .await
            .map_err(db)?;
        Ok(Stats {
            questions: questions as u64,
            examples: examples as u64,
            by_topic: self
                .counts(filter, names_of_listed("question_topics", "topic"))
                .await?,
            by_difficulty: self.counts(filter, column_of_listed("difficulty")).await?,
            by_kind: self.counts(filter, column_of_listed("kind")).await?,
            // A question counts once for the bank if it is built in, and once for every
            // document it was imported from.
            by_source: self
                .counts(filter, |builder, filter| {
                    builder.push("SELECT 'bank' AS name FROM questions q");
                    push_filter(builder, filter);
                    builder.push(" AND q.origin = 'bank' UNION ALL ");
                    names_of_listed("sources", "document")(builder, filter);
                })
                .await?,
            by_company: self
                .counts(filter, names_of_listed("question_companies", "company"))
                .await?,
            by_topic_difficulty: self.topic_difficulty(filter).await?,
        })
    }
}
