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
