use axum::http::StatusCode;

use crate::{app, get};

#[tokio::test]
async fn search_forgives_a_typo_and_highlights_matches() {
    let app = app().await;
    let reply = get(&app.router, "/search?q=decorater").await;
    reply
        .assert_status(StatusCode::OK)
        .assert_contains("<mark>")
        .assert_contains("href=\"/questions/")
        .assert_contains("value=\"decorater\"");
    assert!(reply.body.to_lowercase().contains("decorator"));
}

#[tokio::test]
async fn search_partial_is_only_the_results_fragment() {
    let app = app().await;
    let reply = get(&app.router, "/search?q=generator&partial=1").await;
    reply
        .assert_status(StatusCode::OK)
        .assert_contains("class=\"results\"");
    assert!(!reply.body.contains("<!doctype html>"));
}

#[tokio::test]
async fn search_filters_narrow_and_keep_facets() {
    let app = app().await;
    let reply = get(&app.router, "/search?q=thread&difficulty=hard").await;
    reply
        .assert_status(StatusCode::OK)
        .assert_contains("<option value=\"hard\" selected>")
        .assert_contains("<option value=\"medium\">");
    let listed = reply.body.matches("class=\"result\"").count();
    let hard = reply.body.matches("badge level-hard").count();
    assert_eq!(listed, hard);
}

#[tokio::test]
async fn search_refuses_bad_input() {
    let app = app().await;
    let long = "a".repeat(301);
    get(&app.router, &format!("/search?q={long}"))
        .await
        .assert_status(StatusCode::BAD_REQUEST)
        .assert_contains("at most 300 are searched");
    get(&app.router, "/search?q=x&verified=maybe")
        .await
        .assert_status(StatusCode::BAD_REQUEST)
        .assert_contains("unknown verification status");
    get(&app.router, "/search?q=x&page=0")
        .await
        .assert_status(StatusCode::BAD_REQUEST);
    get(&app.router, "/search?q=x&topic=nope")
        .await
        .assert_status(StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn search_with_nothing_found_says_so() {
    let app = app().await;
    get(&app.router, "/search?q=zzyzx+qwxv")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Nothing matches");
}

#[tokio::test]
async fn api_search_returns_highlighted_hits_and_facets() {
    let app = app().await;
    let body = get(&app.router, "/api/search?q=gil&limit=5").await.json();
    let hits = body["hits"].as_array().unwrap();
    assert!(!hits.is_empty() && hits.len() <= 5);
    assert!(hits[0]["title_html"].as_str().unwrap().contains("<mark>"));
    assert!(body["total"].as_u64().unwrap() >= hits.len() as u64);
    assert!(!body["facets"]["topic"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn api_search_refuses_bad_paging() {
    let app = app().await;
    let reply = get(&app.router, "/api/search?q=gil&limit=1000").await;
    reply.assert_status(StatusCode::BAD_REQUEST);
    assert_eq!(reply.json()["error"], "limit 1000 is more than 100");
    get(&app.router, "/api/search?q=gil&offset=-1")
        .await
        .assert_status(StatusCode::BAD_REQUEST);
}

/// A change the app did not make (another process importing or verifying) is searched at
/// once: the index follows the store's revision, not a timer.
#[tokio::test]
async fn changes_made_behind_the_apps_back_are_searched_at_once() {
    use pyprep_core::{CheckStatus, ExampleCheck, check::code_fingerprint};
    use pyprep_store::Store;

    let app = app().await;
    get(&app.router, "/api/search?q=gil")
        .await
        .assert_status(StatusCode::OK);

    let mut imported = pyprep_bank::questions().unwrap()[0].clone();
    imported.id = "quokka-scheduling".into();
    imported.title = "How would a quokka schedule coroutines?".into();
    app.store.import_questions(&[imported]).await.unwrap();
    let body = get(&app.router, "/api/search?q=quokka").await.json();
    assert_eq!(body["hits"][0]["id"], "quokka-scheduling", "{body}");

    let failing = |body: &serde_json::Value| {
        body["facets"]["verified"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"] == "failing")
            .map_or(0, |f| f["count"].as_u64().unwrap())
    };
    let before = failing(&get(&app.router, "/api/search?q=").await.json());
    let question = app
        .store
        .questions(&Default::default())
        .await
        .unwrap()
        .into_iter()
        .find(|q| q.examples.iter().any(|e| e.is_runnable_python()))
        .unwrap();
    let example = question
        .examples
        .iter()
        .position(|e| e.is_runnable_python())
        .unwrap();
    app.store
        .save_checks(&[ExampleCheck {
            question_id: question.id.clone(),
            example: example as u32,
            code_fingerprint: code_fingerprint(&question.examples[example].code),
            status: CheckStatus::Error,
            detail: "ValueError: planted".into(),
            output: String::new(),
            python_version: "3.11.7".into(),
            drill: false,
            checked_at: 0,
        }])
        .await
        .unwrap();
    let after = failing(&get(&app.router, "/api/search?q=").await.json());
    assert_eq!(
        after,
        before + 1,
        "the new failing check is a facet at once"
    );
}
