//! Facet counts: they agree with the store's `stats` for the same filters on the built-in
//! bank, and they count exactly the questions a query and its filters match.

use std::collections::BTreeMap;

use pyprep_core::{Difficulty, Kind};
use pyprep_search::{Doc, FacetCount, Filter, Request, SearchIndex, Verification};
use pyprep_store::{Count, Origin, Store};
use pyprep_store_sqlite::SqliteStore;

use crate::{bank, bank_index};

fn pairs_of_store(counts: &[Count]) -> Vec<(String, u64)> {
    counts.iter().map(|c| (c.name.clone(), c.count)).collect()
}

fn pairs(counts: &[FacetCount]) -> Vec<(String, u64)> {
    counts.iter().map(|c| (c.name.clone(), c.count)).collect()
}

fn to_search(filter: &pyprep_store::Filter) -> Filter {
    Filter {
        topic: filter.topic.clone(),
        difficulty: filter.difficulty,
        company: filter.company.clone(),
        kind: filter.kind,
        source: filter.source.clone(),
        verified: None,
    }
}

#[tokio::test]
async fn facet_counts_agree_with_store_stats() {
    let store = SqliteStore::in_memory().await.unwrap();
    store
        .sync_bank(bank(), &pyprep_bank::version())
        .await
        .unwrap();
    // Indexed from what the store holds, the way the CLI does it.
    let all = pyprep_store::Filter::default();
    let summaries = store.list(&all).await.unwrap();
    let questions = store.questions(&all).await.unwrap();
    let docs: Vec<Doc> = questions
        .iter()
        .zip(&summaries)
        .map(|(question, summary)| {
            assert_eq!(question.id, summary.id);
            Doc {
                question,
                in_bank: summary.origin == Origin::Bank,
                verification: Verification::not_run(question),
            }
        })
        .collect();
    let index = SearchIndex::in_memory().unwrap();
    index.rebuild(&docs).unwrap();

    let company = bank()
        .iter()
        .flat_map(|q| q.companies.first())
        .next()
        .expect("some bank question names a company")
        .to_lowercase();
    let filters = [
        pyprep_store::Filter::default(),
        pyprep_store::Filter {
            topic: Some("decorators".into()),
            ..Default::default()
        },
        pyprep_store::Filter {
            difficulty: Some(Difficulty::Hard),
            ..Default::default()
        },
        pyprep_store::Filter {
            // Lowercased on purpose: both compare companies case-insensitively.
            company: Some(company.clone()),
            ..Default::default()
        },
        pyprep_store::Filter {
            kind: Some(Kind::Coding),
            ..Default::default()
        },
        pyprep_store::Filter {
            source: Some("BANK".into()),
            ..Default::default()
        },
        pyprep_store::Filter {
            topic: Some("oop".into()),
            difficulty: Some(Difficulty::Medium),
            company: Some(company),
            ..Default::default()
        },
        pyprep_store::Filter {
            topic: Some("no-such-topic".into()),
            ..Default::default()
        },
    ];
    for filter in filters {
        let stats = store.stats(&filter).await.unwrap();
        let mut request = Request::new("");
        request.filter = to_search(&filter);
        request.limit = 0;
        let results = index.search(&request).unwrap();
        let facets = results.facets.unwrap();
        assert_eq!(results.total, stats.questions, "{filter:?}");
        for (what, ours, theirs) in [
            ("topic", &facets.topic, &stats.by_topic),
            ("difficulty", &facets.difficulty, &stats.by_difficulty),
            ("kind", &facets.kind, &stats.by_kind),
            ("source", &facets.source, &stats.by_source),
            ("company", &facets.company, &stats.by_company),
        ] {
            assert_eq!(pairs(ours), pairs_of_store(theirs), "{what} for {filter:?}");
        }
    }
}

/// Counts by hand over every hit of a request.
fn counted_by_hand(request: &Request) -> BTreeMap<(&'static str, String), u64> {
    let mut all = request.clone();
    all.limit = 10_000;
    let results = bank_index().search(&all).unwrap();
    assert_eq!(results.hits.len() as u64, results.total);
    let mut counts = BTreeMap::new();
    for hit in &results.hits {
        let mut add = |facet: &'static str, name: &str| {
            *counts.entry((facet, name.to_string())).or_insert(0) += 1;
        };
        for topic in &hit.topics {
            add("topic", topic);
        }
        for company in &hit.companies {
            add("company", company);
        }
        add("difficulty", hit.difficulty.as_str());
        add("kind", hit.kind.as_str());
        add("verified", hit.verified.as_str());
        add("source", "bank");
    }
    counts
}

fn flattened(facets: &pyprep_search::Facets) -> BTreeMap<(&'static str, String), u64> {
    let mut out = BTreeMap::new();
    for (facet, list) in [
        ("topic", &facets.topic),
        ("difficulty", &facets.difficulty),
        ("kind", &facets.kind),
        ("company", &facets.company),
        ("source", &facets.source),
        ("verified", &facets.verified),
    ] {
        for c in list {
            out.insert((facet, c.name.clone()), c.count);
        }
    }
    out
}

#[test]
fn facets_count_exactly_what_the_query_and_filters_match() {
    let mut cases = vec![Request::new("async "), Request::new("decorator cache ")];
    let mut filtered = Request::new("thread ");
    filtered.filter.difficulty = Some(Difficulty::Hard);
    cases.push(filtered);
    let mut by_verification = Request::new("");
    by_verification.filter.verified = Some(Verification::Unverified);
    cases.push(by_verification);
    for request in cases {
        let results = bank_index().search(&request).unwrap();
        assert!(results.total > 0, "{request:?}");
        assert_eq!(
            flattened(&results.facets.unwrap()),
            counted_by_hand(&request),
            "{request:?}"
        );
    }
}

#[test]
fn filters_narrow_the_query_and_keep_its_order() {
    let index = bank_index();
    let broad = {
        let mut r = Request::new("thread ");
        r.limit = 1000;
        index.search(&r).unwrap()
    };
    let mut narrow_request = Request::new("thread ");
    narrow_request.limit = 1000;
    narrow_request.filter.kind = Some(Kind::Coding);
    let narrow = index.search(&narrow_request).unwrap();
    let expected: Vec<&str> = broad
        .hits
        .iter()
        .filter(|h| h.kind == Kind::Coding)
        .map(|h| h.id.as_str())
        .collect();
    let got: Vec<&str> = narrow.hits.iter().map(|h| h.id.as_str()).collect();
    assert!(!got.is_empty());
    assert_eq!(got, expected);
    assert_eq!(narrow.total, expected.len() as u64);
}

#[test]
fn verification_and_imported_sources_are_facets_and_filters() {
    let mut first = bank()[0].clone();
    first.id = "imported-one".into();
    first.sources = vec![
        source("Guide.md", "What is it, really?"),
        source("guide.md", "Same guide, other case"),
        source("other.md", "Another wording"),
    ];
    let mut second = bank()[1].clone();
    second.id = "imported-two".into();
    second.sources = vec![source("other.md", "x")];
    let docs = [
        Doc {
            question: &first,
            in_bank: false,
            verification: Verification::Verified,
        },
        Doc {
            question: &second,
            in_bank: false,
            verification: Verification::Failing,
        },
        Doc {
            question: &bank()[2],
            in_bank: true,
            verification: Verification::Failing,
        },
    ];
    let index = SearchIndex::in_memory().unwrap();
    index.rebuild(&docs).unwrap();
    let facets = index.search(&Request::new("")).unwrap().facets.unwrap();
    let names = |list: &[FacetCount]| -> Vec<(String, u64)> { pairs(list) };
    assert_eq!(
        names(&facets.source),
        [
            ("other.md".to_string(), 2),
            ("Guide.md".to_string(), 1),
            ("bank".to_string(), 1)
        ],
        "one count per question, documents folded by case, ties in byte order like `stats`"
    );
    assert_eq!(
        names(&facets.verified),
        [("failing".to_string(), 2), ("verified".to_string(), 1)]
    );

    let mut request = Request::new("");
    request.filter.source = Some("GUIDE.MD".into());
    let ids: Vec<String> = index
        .search(&request)
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect();
    assert_eq!(ids, ["imported-one"]);

    request.filter = Filter {
        verified: Some(Verification::Failing),
        ..Default::default()
    };
    assert_eq!(index.search(&request).unwrap().total, 2);

    // Another source's wording of the question is searchable.
    let hits = index.search(&Request::new("another wording")).unwrap().hits;
    assert_eq!(hits[0].id, "imported-one");
}

fn source(document: &str, title: &str) -> pyprep_core::Source {
    pyprep_core::Source {
        document: document.into(),
        position: 1,
        title: title.into(),
        line: 1,
        answer: None,
    }
}
