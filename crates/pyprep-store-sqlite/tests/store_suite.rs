//! The shared store suite against SQLite, each test on a fresh in-memory database, plus the
//! SQLite-specific behaviour of opening files.

use pyprep_store::testsuite;
use pyprep_store::{Filter, Store, StoreError};
use pyprep_store_sqlite::SqliteStore;

macro_rules! suite {
    ($($name:ident),* $(,)?) => {$(
        #[tokio::test]
        async fn $name() {
            let store = SqliteStore::in_memory().await.expect("in-memory store");
            testsuite::$name(&store).await;
        }
    )*};
}

suite!(
    bank_sync_and_read_back,
    bank_upgrade_in_place,
    missing_question_is_not_found,
    stats_agree_with_listing,
    text_is_stored_exactly,
    example_checks_round_trip,
    imports_enrich_bank_and_survive_upgrades,
    revision_tracks_changes,
    questions_read_in_bulk_equal_one_by_one,
);

#[tokio::test]
async fn revisions_of_two_stores_differ() {
    let first = SqliteStore::in_memory().await.unwrap();
    let second = SqliteStore::in_memory().await.unwrap();
    testsuite::revisions_of_two_stores_differ(&first, &second).await;
}

#[tokio::test]
async fn missing_directory_is_a_clear_error() {
    let err = SqliteStore::open("/nonexistent/dir/x.db".as_ref())
        .await
        .err()
        .expect("must fail");
    let message = err.to_string();
    assert!(matches!(err, StoreError::Open(_)), "{message}");
    assert!(
        message.contains("/nonexistent/dir does not exist"),
        "{message}"
    );
}

#[tokio::test]
async fn a_file_that_is_not_a_database_is_refused_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.db");
    std::fs::write(&path, "these are my notes, not a database\n".repeat(200)).unwrap();
    let err = SqliteStore::open(&path).await.err().expect("must fail");
    assert!(err.to_string().contains("notes.db"), "{err}");
    let kept = std::fs::read_to_string(&path).unwrap();
    assert!(
        kept.starts_with("these are my notes"),
        "the file must be left as it was"
    );
}

#[tokio::test]
async fn data_persists_across_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pyprep.db");
    let bank = vec![testsuite::question(1, "oop")];
    {
        let store = SqliteStore::open(&path).await.unwrap();
        store.sync_bank(&bank, "v1").await.unwrap();
    }
    let store = SqliteStore::open(&path).await.unwrap();
    assert_eq!(store.list(&Filter::default()).await.unwrap().len(), 1);
    assert_eq!(store.get("question-1").await.unwrap(), bank[0]);
}
