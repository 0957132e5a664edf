//! The storage boundary for practice: cards, the review log, practice settings and the
//! history of quizzes and mock interviews. The rules live in `pyprep-practice`; a store only
//! keeps its values.

use async_trait::async_trait;
use pyprep_practice::progress::TopicCard;
use pyprep_practice::{Answered, Card, CardKey, ReviewLog, SchedulerConfig, SessionReport};
use serde::Serialize;

use crate::{Filter, Result};

/// A finished quiz or mock interview as history keeps it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SessionRecord {
    pub id: i64,
    /// Unix seconds.
    pub started_at: i64,
    pub finished_at: i64,
    pub report: SessionReport,
}

/// What a study queue needs from storage (see [`PracticeStore::queue_cards`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QueueQuery {
    /// Unix seconds.
    pub now: i64,
    /// Start of the current scheduler day: reviews due before it are overdue.
    pub today_start: i64,
    /// Start of the next scheduler day: cards due before it are due today.
    pub end_of_day: i64,
    /// How many review cards the daily limit still allows.
    pub review_limit: u32,
}

/// Where [`PracticeStore::new_position`] should place a card among the new cards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// Introduced before every other new card.
    Front,
    /// Introduced after every other new card.
    Back,
}

#[async_trait]
pub trait PracticeStore: Send + Sync {
    /// Creates the cards among `keys` that do not exist yet, as new cards introduced after
    /// the existing ones in the order given; existing cards are left as they are. Keys of
    /// unknown questions are an error. Returns how many were created.
    async fn add_cards(&self, keys: &[CardKey]) -> Result<usize>;

    /// One card, or `NotFound`.
    async fn card(&self, id: i64) -> Result<Card>;

    async fn card_by_key(&self, key: &CardKey) -> Result<Option<Card>>;

    /// Cards already answered (not new) and not suspended, of listed questions matching
    /// `filter`, due before `before` (unix seconds), in due order. Buried cards are included;
    /// the queue leaves them out.
    async fn due_cards(&self, filter: &Filter, before: i64) -> Result<Vec<Card>>;

    /// The answered cards a study queue can use, without loading a whole backlog: every
    /// (re)learning card due today, and at most `review_limit` review cards due today,
    /// overdue ones first, then the most forgotten first (the longest time since the last
    /// answer relative to stability, which is lowest retrievability for any one set of FSRS
    /// parameters). Suspended and buried cards are left out.
    async fn queue_cards(&self, filter: &Filter, query: &QueueQuery) -> Result<Vec<Card>>;

    /// New cards, not suspended, of listed questions matching `filter`, in introduction
    /// order, at most `limit`.
    async fn new_cards(&self, filter: &Filter, limit: u32) -> Result<Vec<Card>>;

    /// Every card of listed questions matching `filter`, with the question's topics.
    async fn cards(&self, filter: &Filter) -> Result<Vec<TopicCard>>;

    /// Stores an answer (or a reset): the card's new state and its log row, together or not
    /// at all, durably before returning, so a session killed right after loses nothing.
    async fn record_answer(&self, answered: &Answered) -> Result<()>;

    /// Stores many answers in one go (imports, benchmarks), all or nothing.
    async fn record_answers(&self, answered: &[Answered]) -> Result<()> {
        for one in answered {
            self.record_answer(one).await?;
        }
        Ok(())
    }

    /// Writes a card's state without a log row (suspend, bury, move in the queue).
    async fn update_card(&self, card: &Card) -> Result<()>;

    /// A position for a new card at the front or back of the new-card order.
    async fn new_position(&self, at: Position) -> Result<i64>;

    /// Review-log rows answered at or after `since` (unix seconds), oldest first.
    async fn review_log(&self, since: i64) -> Result<Vec<ReviewLog>>;

    /// The saved practice settings, or the defaults when none were saved.
    async fn practice_config(&self) -> Result<SchedulerConfig>;

    async fn save_practice_config(&self, config: &SchedulerConfig) -> Result<()>;

    /// Keeps a finished quiz or mock interview in history; returns its id.
    async fn save_session(
        &self,
        started_at: i64,
        finished_at: i64,
        report: &SessionReport,
    ) -> Result<i64>;

    /// The latest sessions, newest first.
    async fn sessions(&self, limit: u32) -> Result<Vec<SessionRecord>>;
}

/// Today's study queue for `filter`: learning and due cards plus new ones, within what the
/// daily limits leave after the answers already given today (also returned).
pub async fn study_queue(
    store: &(impl PracticeStore + ?Sized),
    scheduler: &pyprep_practice::Scheduler,
    clock: pyprep_practice::Clock,
    filter: &Filter,
) -> Result<(pyprep_practice::StudyQueue, pyprep_practice::TodayCounts)> {
    let today = scheduler.today(clock);
    let today_start = scheduler.day_start(today, clock);
    let done = pyprep_practice::TodayCounts::from_logs(
        &store.review_log(today_start).await?,
        scheduler,
        clock,
    );
    let limits = scheduler.config();
    let query = QueueQuery {
        now: clock.now,
        today_start,
        end_of_day: scheduler.day_start(today + 1, clock),
        review_limit: limits.reviews_per_day.saturating_sub(done.reviews),
    };
    let due = store.queue_cards(filter, &query).await?;
    let new = store
        .new_cards(filter, limits.new_per_day.saturating_sub(done.new))
        .await?;
    let queue = pyprep_practice::StudyQueue::build(scheduler, clock, due, new, done);
    Ok((queue, done))
}
