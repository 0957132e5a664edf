//! The shared practice store suite against SQLite, each test on a fresh in-memory database,
//! plus what only a file shows: answers survive reopening.

use pyprep_practice::{CardKey, Clock, Grade, Scheduler, SchedulerConfig};
use pyprep_store::{Filter, PracticeStore, Store, testsuite, testsuite_practice};
use pyprep_store_sqlite::SqliteStore;

macro_rules! suite {
    ($($name:ident),* $(,)?) => {$(
        #[tokio::test]
        async fn $name() {
            let store = SqliteStore::in_memory().await.expect("in-memory store");
            testsuite_practice::$name(&store).await;
        }
    )*};
}

suite!(
    cards_are_created_once_in_order,
    answers_are_stored_with_their_log,
    due_and_new_cards_follow_state_and_filter,
    new_positions_reorder_new_cards,
    practice_config_round_trips,
    sessions_are_kept_newest_first,
    a_batch_of_answers_is_all_or_nothing,
    queue_cards_order_and_cut_the_backlog,
);

#[tokio::test]
async fn answers_survive_reopening_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pyprep.db");
    let scheduler = Scheduler::new(SchedulerConfig::default()).unwrap();
    let answered = {
        let store = SqliteStore::open(&path).await.unwrap();
        store
            .sync_bank(&[testsuite::question(1, "oop")], "v1")
            .await
            .unwrap();
        store
            .add_cards(&[CardKey::recall("question-1")])
            .await
            .unwrap();
        let card = store.new_cards(&Filter::default(), 1).await.unwrap()[0].clone();
        let answered = scheduler
            .answer(&card, Grade::Hard, Clock::utc(1_750_000_000), 0.3, 5)
            .unwrap();
        store.record_answer(&answered).await.unwrap();
        answered
    };
    let store = SqliteStore::open(&path).await.unwrap();
    assert_eq!(store.card(answered.card.id).await.unwrap(), answered.card);
    assert_eq!(store.review_log(0).await.unwrap(), vec![answered.log]);
}
