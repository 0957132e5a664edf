//! `PracticeStore` for SQLite: cards, the review log, settings and session history
//! (`migrations/0002_practice.sql`).

use std::collections::HashSet;

use async_trait::async_trait;
use pyprep_practice::progress::TopicCard;
use pyprep_practice::{
    Answered, Card, CardKey, CardKind, CardState, Grade, Memory, ReviewKind, ReviewLog,
    SchedulerConfig, SessionReport,
};
use pyprep_store::{
    Filter, OrNotFound, Position, PracticeStore, QueueQuery, Result, SessionRecord, StoreError,
};
use sqlx::sqlite::SqliteRow;
use sqlx::{QueryBuilder, Row, Sqlite};

use crate::{SqliteStore, db, from_json, parse_name, push_filter, to_json};

const CARD_COLUMNS: &str = "c.id, c.question_id, c.kind, c.example, c.state, c.step, \
     c.stability, c.difficulty, c.due, c.last_review, c.interval_days, c.reps, c.lapses, \
     c.suspended, c.buried_until";

const LOG_COLUMNS: &str = "card_id, at, grade, kind, state_before, elapsed_days, interval_days, \
     due_after, stability, difficulty, duration_ms";

/// The `(kind, example)` columns of a card key.
fn kind_columns(kind: CardKind) -> (&'static str, i64) {
    match kind {
        CardKind::Recall => ("recall", -1),
        CardKind::Drill { example } => ("drill", i64::from(example)),
    }
}

fn memory(stability: Option<f64>, difficulty: Option<f64>) -> Option<Memory> {
    Some(Memory {
        stability: stability? as f32,
        difficulty: difficulty? as f32,
    })
}

fn card_from_row(row: &SqliteRow) -> Result<Card> {
    let kind: String = row.try_get("kind").map_err(db)?;
    let example: i64 = row.try_get("example").map_err(db)?;
    let kind = match kind.as_str() {
        "recall" => CardKind::Recall,
        "drill" => CardKind::Drill {
            example: u32::try_from(example)
                .map_err(|_| StoreError::Corrupt(format!("drill card with example {example}")))?,
        },
        other => return Err(StoreError::Corrupt(format!("card kind {other:?}"))),
    };
    let int = |column: &str| -> Result<u32> {
        let value: i64 = row.try_get(column).map_err(db)?;
        u32::try_from(value).map_err(|_| StoreError::Corrupt(format!("column {column}: {value}")))
    };
    Ok(Card {
        id: row.try_get("id").map_err(db)?,
        key: CardKey {
            question_id: row.try_get("question_id").map_err(db)?,
            kind,
        },
        state: parse_name::<CardState>("state", row.try_get("state").map_err(db)?)?,
        step: int("step")?,
        memory: memory(
            row.try_get("stability").map_err(db)?,
            row.try_get("difficulty").map_err(db)?,
        ),
        due: row.try_get("due").map_err(db)?,
        last_review: row.try_get("last_review").map_err(db)?,
        interval_days: int("interval_days")?,
        reps: int("reps")?,
        lapses: int("lapses")?,
        suspended: row.try_get("suspended").map_err(db)?,
        buried_until: row.try_get("buried_until").map_err(db)?,
    })
}

fn log_from_row(row: &SqliteRow) -> Result<ReviewLog> {
    let grade: Option<i64> = row.try_get("grade").map_err(db)?;
    let grade = match grade {
        None => None,
        Some(n) => Some(
            u8::try_from(n)
                .ok()
                .and_then(Grade::from_number)
                .ok_or_else(|| StoreError::Corrupt(format!("review grade {n}")))?,
        ),
    };
    let int = |column: &str| -> Result<u32> {
        let value: i64 = row.try_get(column).map_err(db)?;
        u32::try_from(value).map_err(|_| StoreError::Corrupt(format!("column {column}: {value}")))
    };
    Ok(ReviewLog {
        card_id: row.try_get("card_id").map_err(db)?,
        at: row.try_get("at").map_err(db)?,
        grade,
        kind: parse_name::<ReviewKind>("kind", row.try_get("kind").map_err(db)?)?,
        state_before: parse_name::<CardState>(
            "state_before",
            row.try_get("state_before").map_err(db)?,
        )?,
        elapsed_days: int("elapsed_days")?,
        interval_days: int("interval_days")?,
        due_after: row.try_get("due_after").map_err(db)?,
        memory_after: memory(
            row.try_get("stability").map_err(db)?,
            row.try_get("difficulty").map_err(db)?,
        ),
        duration_ms: int("duration_ms")?,
    })
}

/// `SELECT` over cards joined to listed questions matching `filter`; callers append
/// ` AND ...` conditions.
fn select_cards(columns: &str, filter: &Filter) -> QueryBuilder<Sqlite> {
    let mut builder = QueryBuilder::new(format!(
        "SELECT {columns} FROM cards c JOIN questions q ON q.id = c.question_id"
    ));
    push_filter(&mut builder, filter);
    builder
}

impl SqliteStore {
    async fn fetch_cards(&self, mut builder: QueryBuilder<Sqlite>) -> Result<Vec<Card>> {
        let rows = builder.build().fetch_all(&self.pool).await.map_err(db)?;
        rows.iter().map(card_from_row).collect()
    }
}

#[async_trait]
impl PracticeStore for SqliteStore {
    async fn add_cards(&self, keys: &[CardKey]) -> Result<usize> {
        if keys.is_empty() {
            return Ok(0);
        }
        let mut tx = self.pool.begin().await.map_err(db)?;
        let questions: HashSet<String> = sqlx::query_scalar("SELECT id FROM questions")
            .fetch_all(&mut *tx)
            .await
            .map_err(db)?
            .into_iter()
            .collect();
        if let Some(key) = keys.iter().find(|k| !questions.contains(&k.question_id)) {
            return Err(StoreError::NotFound(key.question_id.clone()));
        }
        let mut position: i64 =
            sqlx::query_scalar("SELECT COALESCE(MAX(due), 0) FROM cards WHERE state = 'new'")
                .fetch_one(&mut *tx)
                .await
                .map_err(db)?;
        let mut created = 0;
        for key in keys {
            let (kind, example) = kind_columns(key.kind);
            let done = sqlx::query(
                "INSERT INTO cards (question_id, kind, example, state, step, due, interval_days,
                    reps, lapses)
                 VALUES (?, ?, ?, 'new', 0, ?, 0, 0, 0)
                 ON CONFLICT (question_id, kind, example) DO NOTHING",
            )
            .bind(&key.question_id)
            .bind(kind)
            .bind(example)
            .bind(position + 1)
            .execute(&mut *tx)
            .await
            .map_err(db)?;
            if done.rows_affected() > 0 {
                position += 1;
                created += 1;
            }
        }
        tx.commit().await.map_err(db)?;
        Ok(created)
    }

    async fn card(&self, id: i64) -> Result<Card> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {CARD_COLUMNS} FROM cards c WHERE c.id = ?"
        )))
        .bind(id)
        .fetch_optional(&self.pool)
        .await
        .map_err(db)?
        .or_not_found(&format!("card {id}"))?;
        card_from_row(&row)
    }

    async fn card_by_key(&self, key: &CardKey) -> Result<Option<Card>> {
        let (kind, example) = kind_columns(key.kind);
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {CARD_COLUMNS} FROM cards c
             WHERE c.question_id = ? AND c.kind = ? AND c.example = ?"
        )))
        .bind(&key.question_id)
        .bind(kind)
        .bind(example)
        .fetch_optional(&self.pool)
        .await
        .map_err(db)?;
        row.as_ref().map(card_from_row).transpose()
    }

    async fn due_cards(&self, filter: &Filter, before: i64) -> Result<Vec<Card>> {
        let mut builder = select_cards(CARD_COLUMNS, filter);
        // `IN` (not `!= 'new'`) lets SQLite walk the (state, due) index once per state.
        builder
            .push(
                " AND c.state IN ('learning', 'review', 'relearning') AND c.suspended = 0 \
                 AND c.due < ",
            )
            .push_bind(before)
            .push(" ORDER BY c.due, c.id");
        self.fetch_cards(builder).await
    }

    async fn queue_cards(&self, filter: &Filter, query: &QueueQuery) -> Result<Vec<Card>> {
        let active = " AND c.suspended = 0 AND (c.buried_until IS NULL OR c.buried_until <= ";
        let mut builder = select_cards(CARD_COLUMNS, filter);
        builder
            .push(" AND c.state IN ('learning', 'relearning')")
            .push(active)
            .push_bind(query.now)
            .push(") AND c.due < ")
            .push_bind(query.end_of_day)
            .push(" ORDER BY c.due, c.id");
        let mut cards = self.fetch_cards(builder).await?;
        // Ordering and cutting in SQL keeps a backlog of tens of thousands of due reviews
        // from being loaded to show the first two hundred.
        let mut builder = select_cards(CARD_COLUMNS, filter);
        builder
            .push(" AND c.state = 'review'")
            .push(active)
            .push_bind(query.now)
            .push(") AND c.due < ")
            .push_bind(query.end_of_day)
            .push(" ORDER BY c.due < ")
            .push_bind(query.today_start)
            .push(" DESC, (")
            .push_bind(query.now)
            .push(" - COALESCE(c.last_review, 0)) / MAX(COALESCE(c.stability, 0.01), 0.01) DESC, c.due, c.id LIMIT ")
            .push_bind(i64::from(query.review_limit));
        cards.extend(self.fetch_cards(builder).await?);
        Ok(cards)
    }

    async fn new_cards(&self, filter: &Filter, limit: u32) -> Result<Vec<Card>> {
        let mut builder = select_cards(CARD_COLUMNS, filter);
        builder
            .push(" AND c.state = 'new' AND c.suspended = 0 ORDER BY c.due, c.id LIMIT ")
            .push_bind(i64::from(limit));
        self.fetch_cards(builder).await
    }

    async fn cards(&self, filter: &Filter) -> Result<Vec<TopicCard>> {
        // \x1f (unit separator) cannot occur in a topic name.
        let columns = format!(
            "{CARD_COLUMNS}, (SELECT group_concat(topic, char(31)) FROM
                (SELECT topic FROM question_topics WHERE question_id = q.id
                 ORDER BY origin = 'import', position)) AS topics"
        );
        let mut builder = select_cards(&columns, filter);
        builder.push(" ORDER BY c.id");
        let rows = builder.build().fetch_all(&self.pool).await.map_err(db)?;
        rows.iter()
            .map(|row| {
                let topics: Option<String> = row.try_get("topics").map_err(db)?;
                Ok(TopicCard {
                    card: card_from_row(row)?,
                    topics: topics
                        .filter(|t| !t.is_empty())
                        .map(|t| t.split('\u{1f}').map(str::to_string).collect())
                        .unwrap_or_default(),
                })
            })
            .collect()
    }

    async fn record_answer(&self, answered: &Answered) -> Result<()> {
        self.record_answers(std::slice::from_ref(answered)).await
    }

    async fn record_answers(&self, answered: &[Answered]) -> Result<()> {
        let mut tx = self.pool.begin().await.map_err(db)?;
        for one in answered {
            write_answer(&mut tx, one).await?;
        }
        tx.commit().await.map_err(db)
    }

    async fn update_card(&self, card: &Card) -> Result<()> {
        let mut tx = self.pool.begin().await.map_err(db)?;
        write_card(&mut tx, card).await?;
        tx.commit().await.map_err(db)
    }

    async fn new_position(&self, at: Position) -> Result<i64> {
        let sql = match at {
            Position::Front => "SELECT COALESCE(MIN(due), 1) - 1 FROM cards WHERE state = 'new'",
            Position::Back => "SELECT COALESCE(MAX(due), 0) + 1 FROM cards WHERE state = 'new'",
        };
        sqlx::query_scalar(sql)
            .fetch_one(&self.pool)
            .await
            .map_err(db)
    }

    async fn review_log(&self, since: i64) -> Result<Vec<ReviewLog>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {LOG_COLUMNS} FROM review_log WHERE at >= ? ORDER BY at, id"
        )))
        .bind(since)
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.iter().map(log_from_row).collect()
    }

    async fn practice_config(&self) -> Result<SchedulerConfig> {
        let text: Option<String> =
            sqlx::query_scalar("SELECT value FROM practice_settings WHERE key = 'scheduler'")
                .fetch_optional(&self.pool)
                .await
                .map_err(db)?;
        match text {
            Some(text) => from_json("practice_settings.scheduler", &text),
            None => Ok(SchedulerConfig::default()),
        }
    }

    async fn save_practice_config(&self, config: &SchedulerConfig) -> Result<()> {
        sqlx::query(
            "INSERT INTO practice_settings (key, value) VALUES ('scheduler', ?)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )
        .bind(to_json(config))
        .execute(&self.pool)
        .await
        .map_err(db)?;
        Ok(())
    }

    async fn save_session(
        &self,
        started_at: i64,
        finished_at: i64,
        report: &SessionReport,
    ) -> Result<i64> {
        let done = sqlx::query(
            "INSERT INTO practice_sessions (kind, started_at, finished_at, report)
             VALUES (?, ?, ?, ?)",
        )
        .bind(report.kind())
        .bind(started_at)
        .bind(finished_at)
        .bind(to_json(report))
        .execute(&self.pool)
        .await
        .map_err(db)?;
        Ok(done.last_insert_rowid())
    }

    async fn sessions(&self, limit: u32) -> Result<Vec<SessionRecord>> {
        let rows = sqlx::query(
            "SELECT id, started_at, finished_at, report FROM practice_sessions
             ORDER BY started_at DESC, id DESC LIMIT ?",
        )
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.iter()
            .map(|row| {
                Ok(SessionRecord {
                    id: row.try_get("id").map_err(db)?,
                    started_at: row.try_get("started_at").map_err(db)?,
                    finished_at: row.try_get("finished_at").map_err(db)?,
                    report: from_json(
                        "practice_sessions.report",
                        &row.try_get::<String, _>("report").map_err(db)?,
                    )?,
                })
            })
            .collect()
    }
}

/// Writes one answer's card state and log row inside `tx`.
async fn write_answer(tx: &mut sqlx::Transaction<'_, Sqlite>, answered: &Answered) -> Result<()> {
    write_card(tx, &answered.card).await?;
    let log = &answered.log;
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "INSERT INTO review_log ({LOG_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    )))
    .bind(log.card_id)
    .bind(log.at)
    .bind(log.grade.map(|g| i64::from(g.number())))
    .bind(log.kind.as_str())
    .bind(log.state_before.as_str())
    .bind(i64::from(log.elapsed_days))
    .bind(i64::from(log.interval_days))
    .bind(log.due_after)
    .bind(log.memory_after.map(|m| f64::from(m.stability)))
    .bind(log.memory_after.map(|m| f64::from(m.difficulty)))
    .bind(i64::from(log.duration_ms))
    .execute(&mut **tx)
    .await
    .map_err(db)?;
    Ok(())
}

async fn write_card(tx: &mut sqlx::Transaction<'_, Sqlite>, card: &Card) -> Result<()> {
    let done = sqlx::query(
        "UPDATE cards SET state = ?, step = ?, stability = ?, difficulty = ?, due = ?,
            last_review = ?, interval_days = ?, reps = ?, lapses = ?, suspended = ?,
            buried_until = ?
         WHERE id = ?",
    )
    .bind(card.state.as_str())
    .bind(i64::from(card.step))
    .bind(card.memory.map(|m| f64::from(m.stability)))
    .bind(card.memory.map(|m| f64::from(m.difficulty)))
    .bind(card.due)
    .bind(card.last_review)
    .bind(i64::from(card.interval_days))
    .bind(i64::from(card.reps))
    .bind(i64::from(card.lapses))
    .bind(card.suspended)
    .bind(card.buried_until)
    .bind(card.id)
    .execute(&mut **tx)
    .await
    .map_err(db)?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound(format!("card {}", card.id)));
    }
    Ok(())
}
