//! The store test suite, written once and run by every backend's tests against a fresh store
//! (atuin's `db_story` style). Each function panics with a message on failure.

use pyprep_core::{Difficulty, Example, FollowUp, Kind, Question, Source};

use crate::{Filter, Origin, Store, StoreError};

/// A small but complete question; `n` varies the id, title and topic.
pub fn question(n: usize, topic: &str) -> Question {
    Question {
        id: format!("question-{n}"),
        title: format!("Question number {n}"),
        difficulty: Difficulty::ALL[n % 3],
        difficulty_label: n.is_multiple_of(2).then(|| "Intermediate".to_string()),
        kind: Kind::Concept,
        topics: if topic == "basics" {
            vec![topic.to_string()]
        } else {
            vec![topic.to_string(), "basics".to_string()]
        },
        companies: if n.is_multiple_of(2) {
            vec!["Google".into(), "Meta".into()]
        } else {
            vec![]
        },
        key_points: vec!["first point".into(), "second point".into()],
        look_for: vec!["clarity".into()],
        strong_signals: vec!["mentions trade-offs".into()],
        red_flags: vec!["confuses \"is\" with ==".into()],
        links: vec!["https://docs.python.org/3/".into()],
        follow_ups: vec![FollowUp {
            question: "Why?".into(),
            answer: "Because.".into(),
        }],
        sources: vec![],
        prompt: format!("Explain thing {n}."),
        answer: "A *markdown* answer.\n\n```python\nprint(1)\n```".into(),
        examples: vec![Example {
            caption: "Printing".into(),
            description: String::new(),
            language: "python".into(),
            code: "print(1 + 1)\n".into(),
            expected_output: Some("2\n".into()),
            norun: false,
            nondeterministic: false,
            requires: vec![],
        }],
    }
}

fn bank() -> Vec<Question> {
    vec![
        question(1, "oop"),
        question(2, "asyncio"),
        question(3, "oop"),
    ]
}

/// Syncing the bank stores every question whole, and listing and filters see them.
pub async fn bank_sync_and_read_back(store: &dyn Store) {
    let bank = bank();
    let report = store.sync_bank(&bank, "v1").await.expect("sync");
    assert_eq!((report.added, report.updated, report.unchanged), (3, 0, 0));
    for q in &bank {
        assert_eq!(
            &store.get(&q.id).await.expect("get"),
            q,
            "round trip of {}",
            q.id
        );
    }
    let whole = store
        .questions(&Filter::default())
        .await
        .expect("questions");
    assert_eq!(whole.len(), 3);
    assert!(whole.iter().all(|q| bank.contains(q)));
    let all = store.list(&Filter::default()).await.expect("list");
    assert_eq!(all.len(), 3);
    assert!(all.iter().all(|s| s.origin == Origin::Bank));
    assert_eq!(all[0].topics[0], "asyncio", "ordered by primary topic");

    let oop = Filter {
        topic: Some("oop".into()),
        ..Filter::default()
    };
    assert_eq!(store.list(&oop).await.unwrap().len(), 2);
    let google = Filter {
        company: Some("google".into()),
        ..Filter::default()
    };
    let found = store.list(&google).await.unwrap();
    assert_eq!(
        found.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(),
        ["question-2"]
    );
    // Difficulties cycle with n: question-1 medium, question-2 hard, question-3 easy.
    let hard = Filter {
        difficulty: Some(Difficulty::Hard),
        ..Filter::default()
    };
    let hard: Vec<String> = store
        .list(&hard)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(hard, ["question-2"]);
    let coding = Filter {
        kind: Some(Kind::Coding),
        ..Filter::default()
    };
    assert!(store.list(&coding).await.unwrap().is_empty());
    let from_bank = Filter {
        source: Some("bank".into()),
        ..Filter::default()
    };
    assert_eq!(store.list(&from_bank).await.unwrap().len(), 3);
    let elsewhere = Filter {
        source: Some("guide.md".into()),
        ..Filter::default()
    };
    assert!(store.list(&elsewhere).await.unwrap().is_empty());
}

/// A changed bank updates changed questions in place, retires removed ones, and a repeated
/// sync with the same hash does nothing.
pub async fn bank_upgrade_in_place(store: &dyn Store) {
    let mut bank = bank();
    store.sync_bank(&bank, "v1").await.unwrap();
    let again = store.sync_bank(&bank, "v1").await.unwrap();
    assert_eq!((again.added, again.updated, again.unchanged), (0, 0, 3));

    bank[0].answer = "A better answer.".into();
    bank[0].companies = vec!["Amazon".into()];
    bank.remove(2);
    bank.push(question(4, "typing"));
    let report = store.sync_bank(&bank, "v2").await.unwrap();
    assert_eq!(
        (
            report.added,
            report.updated,
            report.unchanged,
            report.retired
        ),
        (1, 1, 1, 1)
    );
    assert_eq!(store.get("question-1").await.unwrap(), bank[0]);
    let listed: Vec<String> = store
        .list(&Filter::default())
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .collect();
    assert!(
        !listed.contains(&"question-3".to_string()),
        "retired questions are not listed"
    );
    assert_eq!(listed.len(), 3);
    // A retired question stays readable so history that names it still resolves.
    assert!(store.get("question-3").await.is_ok());
}

/// Unknown ids are `NotFound`, not a database error.
pub async fn missing_question_is_not_found(store: &dyn Store) {
    match store.get("no-such-question").await {
        Err(StoreError::NotFound(id)) => assert_eq!(id, "no-such-question"),
        other => panic!("expected NotFound, got {other:?}"),
    }
}

/// Stats count what the listing shows, per topic, difficulty, kind, source and company.
pub async fn stats_agree_with_listing(store: &dyn Store) {
    store.sync_bank(&bank(), "v1").await.unwrap();
    let stats = store.stats(&Filter::default()).await.unwrap();
    assert_eq!(stats.questions, 3);
    assert_eq!(stats.examples, 3);
    let count = |list: &[crate::Count], name: &str| {
        list.iter().find(|c| c.name == name).map_or(0, |c| c.count)
    };
    assert_eq!(count(&stats.by_topic, "basics"), 3);
    assert_eq!(count(&stats.by_topic, "oop"), 2);
    assert_eq!(count(&stats.by_source, "bank"), 3);
    assert_eq!(count(&stats.by_company, "Google"), 1);
    assert_eq!(count(&stats.by_kind, "concept"), 3);
    let matrix = &stats.by_topic_difficulty;
    let basics = matrix
        .iter()
        .find(|t| t.topic == "basics")
        .expect("basics row");
    assert_eq!((basics.easy, basics.medium, basics.hard), (1, 1, 1));
    let oop_row = matrix.iter().find(|t| t.topic == "oop").expect("oop row");
    assert_eq!((oop_row.easy, oop_row.medium, oop_row.hard), (1, 1, 0));
    let oop = Filter {
        topic: Some("oop".into()),
        ..Filter::default()
    };
    let filtered = store.stats(&oop).await.unwrap();
    assert_eq!(
        filtered.questions,
        store.list(&oop).await.unwrap().len() as u64
    );
    assert_eq!(count(&filtered.by_topic, "asyncio"), 0);
}

/// Text survives storage byte for byte, including quotes, unicode and a source's answer.
pub async fn text_is_stored_exactly(store: &dyn Store) {
    let mut q = question(9, "basics");
    q.title = "Ünïcödé \"quotes\" and 'apostrophes' -- 🐍".into();
    q.answer = "line one\n\n    indented\n\ttabbed\n".into();
    q.sources = vec![Source {
        document: "guide.md".into(),
        position: 7,
        title: "Original".into(),
        line: 120,
        answer: Some("their answer".into()),
    }];
    store
        .sync_bank(std::slice::from_ref(&q), "unicode")
        .await
        .unwrap();
    let mut expected = q.clone();
    // The bank never carries sources; the store keeps only imported ones.
    expected.sources.clear();
    assert_eq!(store.get(&q.id).await.unwrap(), expected);
}

/// Example checks are stored, replaced by a newer run, and refused for unknown questions
/// without storing any of the batch.
pub async fn example_checks_round_trip(store: &dyn Store) {
    use pyprep_core::{CheckStatus, ExampleCheck};
    store.sync_bank(&bank(), "v1").await.unwrap();
    let check = |id: &str, status: CheckStatus| ExampleCheck {
        question_id: id.into(),
        example: 0,
        code_fingerprint: pyprep_core::check::code_fingerprint("print(1 + 1)\n"),
        status,
        detail: String::new(),
        output: "2\n".into(),
        python_version: "3.11.7".into(),
        drill: status == CheckStatus::Passed,
        checked_at: 1_700_000_000,
    };
    store
        .save_checks(&[
            check("question-1", CheckStatus::Error),
            check("question-2", CheckStatus::Passed),
        ])
        .await
        .unwrap();
    store
        .save_checks(&[check("question-1", CheckStatus::Passed)])
        .await
        .unwrap();
    assert_eq!(
        store.checks(Some("question-1")).await.unwrap(),
        [check("question-1", CheckStatus::Passed)]
    );
    assert_eq!(store.checks(None).await.unwrap().len(), 2);
    let refused = store
        .save_checks(&[
            check("question-3", CheckStatus::Error),
            check("ghost", CheckStatus::Passed),
        ])
        .await;
    assert!(matches!(refused, Err(StoreError::NotFound(id)) if id == "ghost"));
    assert!(
        store.checks(Some("question-3")).await.unwrap().is_empty(),
        "the batch rolled back"
    );
}

/// Imports write new questions whole, enrich built-in ones without touching their text, and
/// survive a bank upgrade; listing by source finds them.
pub async fn imports_enrich_bank_and_survive_upgrades(store: &dyn Store) {
    let mut bank = bank();
    store.sync_bank(&bank, "v1").await.unwrap();
    let source = |document: &str, position: u32| Source {
        document: document.into(),
        position,
        title: "Original wording".into(),
        line: 10 * position,
        answer: Some("Their answer.".into()),
    };
    let mut fresh = question(7, "typing");
    fresh.id = "imported-question".into();
    fresh.sources = vec![source("guide.md", 1)];
    let mut enriched = bank[0].clone();
    enriched.answer = "An import must not replace the bank's answer.".into();
    enriched.companies.push("Stripe".into());
    enriched.topics.push("testing".into());
    enriched.sources = vec![source("guide.md", 2)];
    let written = store
        .import_questions(&[fresh.clone(), enriched.clone()])
        .await
        .unwrap();
    assert_eq!((written.written, written.enriched), (1, 1));

    assert_eq!(store.get("imported-question").await.unwrap(), fresh);
    let stored = store.get(&bank[0].id).await.unwrap();
    assert_eq!(stored.answer, bank[0].answer, "the bank's text stays");
    assert!(stored.companies.contains(&"Stripe".to_string()));
    assert!(stored.topics.contains(&"testing".to_string()));
    assert_eq!(stored.sources, enriched.sources);

    let from_guide = Filter {
        source: Some("GUIDE.md".into()),
        ..Filter::default()
    };
    let listed: Vec<String> = store
        .list(&from_guide)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(listed.len(), 2, "{listed:?}");
    let stats = store.stats(&Filter::default()).await.unwrap();
    let guide = stats
        .by_source
        .iter()
        .find(|c| c.name == "guide.md")
        .map(|c| c.count);
    assert_eq!(guide, Some(2));

    bank[0].answer = "Upgraded answer.".into();
    store.sync_bank(&bank, "v2").await.unwrap();
    let upgraded = store.get(&bank[0].id).await.unwrap();
    assert_eq!(upgraded.answer, "Upgraded answer.");
    assert!(
        upgraded.companies.contains(&"Stripe".to_string()),
        "imported company kept"
    );
    assert_eq!(upgraded.sources, enriched.sources, "imported sources kept");
    assert_eq!(store.get("imported-question").await.unwrap(), fresh);
}

/// The revision moves with every change to questions or checks and never with reads, no-op
/// bank syncs or empty writes: caches rely on both halves.
pub async fn revision_tracks_changes(store: &dyn Store) {
    use pyprep_core::{CheckStatus, ExampleCheck};
    let mut bank = bank();
    let start = store.revision().await.unwrap();
    store.sync_bank(&bank, "v1").await.unwrap();
    let synced = store.revision().await.unwrap();
    assert!(synced > start, "loading the bank is a change");

    store.sync_bank(&bank, "v1").await.unwrap();
    store.list(&Filter::default()).await.unwrap();
    store.stats(&Filter::default()).await.unwrap();
    store.import_questions(&[]).await.unwrap();
    store.save_checks(&[]).await.unwrap();
    assert_eq!(store.revision().await.unwrap(), synced, "nothing changed");

    bank[0].answer = "Rewritten.".into();
    store.sync_bank(&bank, "v2").await.unwrap();
    let upgraded = store.revision().await.unwrap();
    assert!(upgraded > synced, "a bank upgrade is a change");
    // Same questions under a new hash: nothing to write, so nothing to notice.
    store.sync_bank(&bank, "v2-rebuilt").await.unwrap();
    assert_eq!(store.revision().await.unwrap(), upgraded);

    store.import_questions(&[question(9, "oop")]).await.unwrap();
    let imported = store.revision().await.unwrap();
    assert!(imported > upgraded, "an import is a change");

    let check = ExampleCheck {
        question_id: "question-9".into(),
        example: 0,
        code_fingerprint: pyprep_core::check::code_fingerprint("print(1 + 1)\n"),
        status: CheckStatus::Passed,
        detail: String::new(),
        output: "2\n".into(),
        python_version: "3.11.7".into(),
        drill: true,
        checked_at: 1_700_000_000,
    };
    store.save_checks(&[check]).await.unwrap();
    let checked = store.revision().await.unwrap();
    assert!(checked > imported, "new checks are a change");

    let failed = store
        .save_checks(&[ExampleCheck {
            question_id: "ghost".into(),
            ..store.checks(Some("question-9")).await.unwrap()[0].clone()
        }])
        .await;
    assert!(failed.is_err(), "checks of an unknown question are refused");
    assert_eq!(
        store.revision().await.unwrap(),
        checked,
        "a rolled-back write leaves the revision alone"
    );
}

/// Two stores start at different revisions, so a cache cannot mistake one for the other.
pub async fn revisions_of_two_stores_differ(first: &dyn Store, second: &dyn Store) {
    assert_ne!(
        first.revision().await.unwrap(),
        second.revision().await.unwrap()
    );
}

/// `questions` returns exactly what `get` returns for each listed question, in listing order,
/// for small and large sets and with filters (a backend may read large sets in bulk).
pub async fn questions_read_in_bulk_equal_one_by_one(store: &dyn Store) {
    store.sync_bank(&bank(), "v1").await.unwrap();
    let mut imported: Vec<Question> = (10..210)
        .map(|n| question(n, ["oop", "asyncio", "typing"][n % 3]))
        .collect();
    for (i, q) in imported.iter_mut().enumerate() {
        q.sources = vec![Source {
            document: format!("guide-{}.md", i % 4),
            position: i as u32 + 1,
            title: q.title.clone(),
            line: 3 * i as u32 + 1,
            answer: (i % 2 == 0).then(|| format!("Answer {i}.")),
        }];
        q.examples.truncate(i % 2);
    }
    store.import_questions(&imported).await.unwrap();
    // A bank question enriched by an import: its topics and companies come from both.
    let mut enriched = bank()[0].clone();
    enriched.topics.push("typing".into());
    enriched.companies.push("Initech".into());
    store.import_questions(&[enriched]).await.unwrap();

    for filter in [
        Filter::default(),
        Filter {
            topic: Some("asyncio".into()),
            ..Filter::default()
        },
        Filter {
            source: Some("guide-1.md".into()),
            ..Filter::default()
        },
    ] {
        let listed = store.list(&filter).await.unwrap();
        let mut one_by_one = Vec::new();
        for summary in &listed {
            one_by_one.push(store.get(&summary.id).await.unwrap());
        }
        let bulk = store.questions(&filter).await.unwrap();
        assert_eq!(bulk.len(), listed.len(), "{filter:?}");
        assert!(
            bulk == one_by_one,
            "{filter:?}: bulk and one-by-one reads differ"
        );
    }
}
