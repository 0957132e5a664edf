//! Keeping an index in step: fingerprints tell stale from current, updates and removals show
//! at once, a directory index survives reopening, and an outdated or damaged one is replaced.

use std::sync::Arc;

use pyprep_core::Question;
use pyprep_search::{Doc, Request, SearchError, SearchIndex, SyncReport, fingerprint};

use crate::{bank, docs};

fn ids(index: &SearchIndex, query: &str) -> Vec<String> {
    index
        .search(&Request::new(query))
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect()
}

fn some_questions() -> Vec<Question> {
    bank()[..20].to_vec()
}

#[test]
fn fingerprint_tells_a_current_index_from_a_stale_one() {
    let questions = some_questions();
    let index = SearchIndex::in_memory().unwrap();
    assert_eq!(index.fingerprint(), None, "never filled");
    assert!(!index.is_current(&docs(&questions)));

    index.rebuild(&docs(&questions)).unwrap();
    assert_eq!(index.fingerprint(), Some(fingerprint(&docs(&questions))));
    assert!(index.is_current(&docs(&questions)));

    // Any change a search could show makes the index stale: text, facets, verification.
    let mut edited = questions.clone();
    edited[3].answer.push_str(" One more sentence.");
    assert!(!index.is_current(&docs(&edited)));
    let mut retagged = questions.clone();
    retagged[3].companies.push("Initech".into());
    assert!(!index.is_current(&docs(&retagged)));
    let mut verified = docs(&questions);
    verified[0].verification = pyprep_search::Verification::Verified;
    assert!(!index.is_current(&verified));
    let fewer = &questions[1..];
    assert!(!index.is_current(&docs(fewer)));
    // Order does not matter.
    let mut reversed = questions.clone();
    reversed.reverse();
    assert!(index.is_current(&docs(&reversed)));
}

#[test]
fn upsert_and_remove_show_at_once_and_keep_the_fingerprint_exact() {
    let mut questions = some_questions();
    let index = SearchIndex::in_memory().unwrap();
    index.rebuild(&docs(&questions)).unwrap();
    let target = questions[5].id.clone();

    questions[5].title = "Quokkas and their habits".into();
    index.upsert(&docs(&questions[5..6])).unwrap();
    assert_eq!(ids(&index, "quokkas"), std::slice::from_ref(&target));
    assert_eq!(index.len(), 20);
    assert!(index.is_current(&docs(&questions)));

    let mut added = bank()[30].clone();
    added.id = "a-new-question".into();
    added.title = "Wombats".into();
    index.upsert(&docs(std::slice::from_ref(&added))).unwrap();
    assert_eq!(ids(&index, "wombats"), ["a-new-question"]);

    index
        .remove(&[target.as_str(), "a-new-question", "not-indexed"])
        .unwrap();
    assert!(ids(&index, "quokkas").is_empty());
    assert!(ids(&index, "wombats").is_empty());
    questions.remove(5);
    assert!(index.is_current(&docs(&questions)));
    assert_eq!(index.len(), 19);
}

#[test]
fn sync_rewrites_only_what_changed() {
    let mut questions = some_questions();
    let index = SearchIndex::in_memory().unwrap();
    let report = index.sync(&docs(&questions)).unwrap();
    assert_eq!(
        report,
        SyncReport {
            added: 20,
            ..Default::default()
        }
    );

    questions[0].title = "Capybaras".into();
    questions.remove(1);
    let mut new = bank()[40].clone();
    new.id = "brand-new".into();
    questions.push(new);
    let report = index.sync(&docs(&questions)).unwrap();
    assert_eq!(
        report,
        SyncReport {
            added: 1,
            updated: 1,
            removed: 1,
            unchanged: 18,
        }
    );
    assert_eq!(ids(&index, "capybaras"), [questions[0].id.clone()]);
    assert!(index.is_current(&docs(&questions)));

    let again = index.sync(&docs(&questions)).unwrap();
    assert_eq!(again.changed(), 0);
    assert_eq!(again.unchanged, 20);
}

/// A source recorded by `sync_from` lasts exactly as long as nothing else writes, and
/// survives reopening a directory index: callers trust it instead of reading every question.
#[test]
fn a_recorded_source_vouches_only_for_what_sync_from_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("search");
    let mut questions = some_questions();
    {
        let index = SearchIndex::open(&path).unwrap();
        assert_eq!(index.source(), None);
        index.sync_from(&docs(&questions), "rev-7").unwrap();
        assert_eq!(index.source().as_deref(), Some("rev-7"));
        // Same content, newer source: recorded without rewriting anything.
        let report = index.sync_from(&docs(&questions), "rev-8").unwrap();
        assert_eq!(report.changed(), 0);
        assert_eq!(index.source().as_deref(), Some("rev-8"));
    }
    let index = SearchIndex::open(&path).unwrap();
    assert_eq!(index.source().as_deref(), Some("rev-8"), "kept on disk");

    questions[0].title = "Capybaras".into();
    index.upsert(&docs(&questions[..1])).unwrap();
    assert_eq!(index.source(), None, "an upsert is not vouched for");
    index.sync_from(&docs(&questions), "rev-9").unwrap();
    index.remove(&[questions[1].id.as_str()]).unwrap();
    assert_eq!(index.source(), None, "neither is a removal");
    index.sync(&docs(&questions)).unwrap();
    assert_eq!(index.source(), None, "nor a sync that names no source");
}

#[test]
fn a_directory_index_survives_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("search");
    let questions = some_questions();
    {
        let index = SearchIndex::open(&path).unwrap();
        assert_eq!(index.fingerprint(), None);
        index.sync(&docs(&questions)).unwrap();
    }
    let index = SearchIndex::open(&path).unwrap();
    assert!(index.is_current(&docs(&questions)));
    assert_eq!(index.path(), Some(path.as_path()));
    let first = &questions[0];
    assert!(ids(&index, &first.title).contains(&first.id));
}

#[test]
fn an_outdated_or_damaged_index_is_replaced_and_a_foreign_directory_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("search");
    let questions = some_questions();
    SearchIndex::open(&path)
        .unwrap()
        .sync(&docs(&questions))
        .unwrap();

    // What another pyprep version would have written: same files, another format number.
    let meta = path.join("meta.json");
    let text = std::fs::read_to_string(&meta).unwrap();
    let older = other_format(&text);
    assert_ne!(text, older, "payload format not found in {text}");
    std::fs::write(&meta, older).unwrap();
    let index = SearchIndex::open(&path).unwrap();
    assert_eq!(index.fingerprint(), None, "outdated index must be refilled");
    assert_eq!(index.len(), 0);
    drop(index);

    std::fs::write(&meta, "{ not json").unwrap();
    let index = SearchIndex::open(&path).unwrap();
    assert_eq!(index.fingerprint(), None);
    index.sync(&docs(&questions)).unwrap();
    assert!(index.is_current(&docs(&questions)));

    let foreign = dir.path().join("photos");
    std::fs::create_dir(&foreign).unwrap();
    std::fs::write(foreign.join("cat.jpg"), b"meow").unwrap();
    assert!(matches!(
        SearchIndex::open(&foreign),
        Err(SearchError::NotAnIndex { .. })
    ));
    assert!(
        foreign.join("cat.jpg").exists(),
        "nothing of the user's is deleted"
    );
}

#[test]
fn a_second_writer_on_the_same_directory_is_told_it_is_locked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("search");
    let questions = some_questions();
    let first = SearchIndex::open(&path).unwrap();
    first.sync(&docs(&questions)).unwrap();
    let second = SearchIndex::open(&path).unwrap();
    let mut changed = questions.clone();
    changed[0].title = "Changed".into();
    assert!(matches!(
        second.sync(&docs(&changed)),
        Err(SearchError::Locked { .. })
    ));
    // It can still search what is committed.
    assert!(second.is_current(&docs(&questions)));
}

#[test]
fn one_index_serves_searches_from_many_threads_while_it_is_updated() {
    fn shareable<T: Send + Sync>() {}
    shareable::<SearchIndex>();

    let questions = bank().to_vec();
    let index = Arc::new(SearchIndex::in_memory().unwrap());
    index.rebuild(&docs(&questions)).unwrap();
    let searchers: Vec<_> = (0..3)
        .map(|_| {
            let index = Arc::clone(&index);
            std::thread::spawn(move || {
                for _ in 0..30 {
                    let results = index.search(&Request::new("decorator ")).unwrap();
                    assert!(results.total > 0);
                }
            })
        })
        .collect();
    let mut edited = questions[..10].to_vec();
    for (i, q) in edited.iter_mut().enumerate() {
        q.title = format!("Edited title number {i}");
    }
    let edited_docs: Vec<Doc> = docs(&edited);
    for chunk in edited_docs.chunks(2) {
        index.upsert(chunk).unwrap();
    }
    for handle in searchers {
        handle.join().unwrap();
    }
    assert_eq!(
        index.search(&Request::new("edited title")).unwrap().total,
        10
    );
}

/// `meta.json` text as another version of the index format would have written it.
fn other_format(meta: &str) -> String {
    let key = "\\\"format\\\":";
    let at = meta.find(key).expect("the payload names its format") + key.len();
    let digits = meta[at..].chars().take_while(char::is_ascii_digit).count();
    format!("{}999{}", &meta[..at], &meta[at + digits..])
}
