//! The search index the search page and API query: built in memory from the store on first
//! use, and brought up to date again (incrementally) when it is older than a few seconds, so
//! questions imported by another pyprep process show up without a restart.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use pyprep_core::{CheckStatus, ExampleCheck, Question};
use pyprep_search::{Doc, SearchIndex, Verification};
use pyprep_store::{Filter, Origin, Store};

use crate::error::WebError;
use crate::view::current_checks;

/// How old the index may get before a search starts a re-sync in the background.
const REFRESH_AFTER: Duration = Duration::from_secs(30);

pub struct Search {
    pub index: SearchIndex,
    synced_at: Mutex<Option<Instant>>,
    syncing: AtomicBool,
}

fn search_error(e: pyprep_search::SearchError) -> WebError {
    WebError::Internal(format!("search index: {e}"))
}

/// Whether the question's runnable examples were run, and how that went.
pub fn verification(question: &Question, stored: &[ExampleCheck]) -> Verification {
    let checks = current_checks(question, stored);
    let runnable: Vec<Option<&ExampleCheck>> = question
        .examples
        .iter()
        .zip(&checks)
        .filter(|(e, _)| e.is_runnable_python())
        .map(|(_, c)| c.as_ref())
        .collect();
    if runnable.is_empty() {
        return Verification::NoCode;
    }
    if runnable.iter().flatten().any(|c| c.status.is_failure()) {
        Verification::Failing
    } else if runnable
        .iter()
        .all(|c| c.is_some_and(|c| c.status == CheckStatus::Passed))
    {
        Verification::Verified
    } else {
        Verification::Unverified
    }
}

impl Search {
    pub fn new() -> Result<Self, WebError> {
        Ok(Search {
            index: SearchIndex::in_memory().map_err(search_error)?,
            synced_at: Mutex::new(None),
            syncing: AtomicBool::new(false),
        })
    }

    /// Makes the index hold what the store holds now.
    pub async fn sync(self: &Arc<Self>, store: &dyn Store) -> Result<(), WebError> {
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
        // Indexing is CPU work: keep it off the threads that answer requests.
        let report = tokio::task::spawn_blocking(move || {
            let verifications: Vec<Verification> = questions
                .iter()
                .map(|q| verification(q, checks.get(&q.id).map_or(&[][..], Vec::as_slice)))
                .collect();
            let docs: Vec<Doc<'_>> = questions
                .iter()
                .zip(&verifications)
                .map(|(q, &verification)| Doc {
                    question: q,
                    in_bank: in_bank.get(&q.id).copied().unwrap_or(false),
                    verification,
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
        *self.synced_at.lock().unwrap_or_else(|e| e.into_inner()) = Some(Instant::now());
        Ok(())
    }

    /// Syncs now when the index was never filled; otherwise re-syncs in the background when
    /// it is stale, and answers from the current index meanwhile.
    pub async fn ready(self: &Arc<Self>, store: &Arc<dyn Store>) -> Result<(), WebError> {
        let synced_at = *self.synced_at.lock().unwrap_or_else(|e| e.into_inner());
        match synced_at {
            None => self.sync(&**store).await,
            Some(at) if at.elapsed() > REFRESH_AFTER => {
                if !self.syncing.swap(true, Ordering::AcqRel) {
                    let search = Arc::clone(self);
                    let store = Arc::clone(store);
                    tokio::spawn(async move {
                        if let Err(e) = search.sync(&*store).await {
                            tracing::warn!(error = %e, "refreshing the search index failed");
                        }
                        search.syncing.store(false, Ordering::Release);
                    });
                }
                Ok(())
            }
            Some(_) => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use pyprep_core::check::code_fingerprint;
    use pyprep_core::{Difficulty, Example, Kind};

    use super::*;

    fn example(code: &str, norun: bool) -> Example {
        Example {
            caption: String::new(),
            description: String::new(),
            language: "python".into(),
            code: code.into(),
            expected_output: None,
            norun,
            nondeterministic: false,
            requires: vec![],
        }
    }

    fn check(example: u32, code: &str, status: CheckStatus) -> ExampleCheck {
        ExampleCheck {
            question_id: "q".into(),
            example,
            code_fingerprint: code_fingerprint(code),
            status,
            detail: String::new(),
            output: String::new(),
            python_version: "3.11.7".into(),
            drill: false,
            checked_at: 0,
        }
    }

    #[test]
    fn verification_needs_every_runnable_example_to_pass() {
        let q = Question {
            id: "q".into(),
            title: "Q".into(),
            difficulty: Difficulty::Easy,
            difficulty_label: None,
            kind: Kind::Concept,
            topics: vec!["basics".into()],
            companies: vec![],
            key_points: vec![],
            look_for: vec![],
            strong_signals: vec![],
            red_flags: vec![],
            links: vec![],
            follow_ups: vec![],
            sources: vec![],
            prompt: String::new(),
            answer: String::new(),
            examples: vec![
                example("a\n", false),
                example("b\n", false),
                example("c\n", true),
            ],
        };
        assert_eq!(verification(&q, &[]), Verification::Unverified);
        let one = [check(0, "a\n", CheckStatus::Passed)];
        assert_eq!(verification(&q, &one), Verification::Unverified);
        let both = [
            check(0, "a\n", CheckStatus::Passed),
            check(1, "b\n", CheckStatus::Passed),
        ];
        assert_eq!(verification(&q, &both), Verification::Verified);
        let failing = [
            check(0, "a\n", CheckStatus::Passed),
            check(1, "b\n", CheckStatus::Error),
        ];
        assert_eq!(verification(&q, &failing), Verification::Failing);
        let stale = [
            check(0, "old\n", CheckStatus::Error),
            check(1, "b\n", CheckStatus::Passed),
        ];
        assert_eq!(verification(&q, &stale), Verification::Unverified);
        let no_code = Question {
            examples: vec![example("x\n", true)],
            ..q
        };
        assert_eq!(verification(&no_code, &[]), Verification::NoCode);
    }
}
