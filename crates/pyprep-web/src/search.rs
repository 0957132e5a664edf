//! The search index the search page and API query: built in memory from the store on first
//! use and brought up to date (incrementally) before a search whenever the store's revision
//! moved, so a change made by another pyprep process (an import in a terminal) is searched at
//! once and a stale index is never answered from.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use pyprep_core::ExampleCheck;
use pyprep_search::{Doc, SearchIndex, Verification};
use pyprep_store::{Filter, Origin, Store};

use crate::error::WebError;

/// `synced` before the index was ever filled: no store revision takes this value.
const NEVER: u64 = u64::MAX;

pub struct Search {
    pub index: SearchIndex,
    /// The store revision the index holds.
    synced: AtomicU64,
    /// One sync at a time; searches that find the index stale wait for it.
    syncing: tokio::sync::Mutex<()>,
}

fn search_error(e: pyprep_search::SearchError) -> WebError {
    WebError::Internal(format!("search index: {e}"))
}

impl Search {
    pub fn new() -> Result<Self, WebError> {
        Ok(Search {
            index: SearchIndex::in_memory().map_err(search_error)?,
            synced: AtomicU64::new(NEVER),
            syncing: tokio::sync::Mutex::new(()),
        })
    }

    /// Makes the index hold what the store holds now, unless it already does. Costs one
    /// read of the store's revision when nothing changed.
    pub async fn ready(self: &Arc<Self>, store: &dyn Store) -> Result<(), WebError> {
        let current = store.revision().await?;
        if self.synced.load(Ordering::Acquire) == current {
            return Ok(());
        }
        let _one_at_a_time = self.syncing.lock().await;
        // Read again: the sync this request waited for may have brought the index up to date.
        let current = store.revision().await?;
        if self.synced.load(Ordering::Acquire) == current {
            return Ok(());
        }
        // The revision was read before the questions, so a change that lands during the sync
        // leaves `synced` behind the store and the next search syncs again.
        self.sync(store).await?;
        self.synced.store(current, Ordering::Release);
        Ok(())
    }

    async fn sync(self: &Arc<Self>, store: &dyn Store) -> Result<(), WebError> {
        let summaries = store.list(&Filter::default()).await?;
        let questions = store.questions(&Filter::default()).await?;
        let mut checks: HashMap<String, Vec<ExampleCheck>> = HashMap::new();
        for check in store.checks(None).await? {
            checks
                .entry(check.question_id.clone())
                .or_default()
                .push(check);
        }
        let in_bank: HashMap<String, bool> = summaries
            .into_iter()
            .map(|s| (s.id, s.origin == Origin::Bank))
            .collect();
        let search = Arc::clone(self);
        // Indexing is CPU work: keep it off the threads that answer other requests.
        let report = tokio::task::spawn_blocking(move || {
            let docs: Vec<Doc<'_>> = questions
                .iter()
                .map(|q| Doc {
                    question: q,
                    in_bank: in_bank.get(&q.id).copied().unwrap_or(false),
                    verification: Verification::from_checks(
                        q,
                        checks.get(&q.id).map_or(&[][..], Vec::as_slice),
                    ),
                })
                .collect();
            search.index.sync(&docs)
        })
        .await
        .map_err(|e| WebError::Internal(format!("search indexing task: {e}")))?
        .map_err(search_error)?;
        if report.changed() > 0 {
            tracing::info!(?report, "search index synced");
        }
        Ok(())
    }
}
