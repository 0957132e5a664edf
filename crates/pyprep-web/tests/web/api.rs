use axum::body::Body;
use axum::http::{Request, StatusCode};
use pyprep_store::Store;

use crate::{app, get, send};

#[tokio::test]
async fn openapi_document_describes_every_route() {
    let app = app().await;
    let reply = get(&app.router, "/api/openapi.json").await;
    reply.assert_status(StatusCode::OK);
    assert_eq!(reply.header("content-type"), "application/json");
    let doc = reply.json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for path in [
        "/api/health",
        "/api/csrf",
        "/api/questions",
        "/api/questions/{id}",
        "/api/stats",
        "/api/topics",
        "/api/search",
        "/api/study/next",
        "/api/study/answer",
        "/api/settings",
        "/api/progress",
        "/api/drills/next",
        "/api/drills/answer",
        "/api/quiz",
        "/api/quiz/report",
        "/api/mock",
        "/api/mock/report",
        "/api/import",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} missing");
    }
    assert!(doc["components"]["schemas"]["QuestionBody"].is_object());
}

#[tokio::test]
async fn health_answers() {
    let app = app().await;
    let body = get(&app.router, "/api/health").await.json();
    assert_eq!(body["status"], "ok");
}

#[tokio::test]
async fn questions_list_and_filter() {
    let app = app().await;
    let total = app.store.list(&Default::default()).await.unwrap().len();
    let all = get(&app.router, "/api/questions").await.json();
    assert_eq!(all["total"], total);
    assert_eq!(all["questions"].as_array().unwrap().len(), total);

    let hard = get(&app.router, "/api/questions?difficulty=hard&topic=asyncio")
        .await
        .json();
    let hard = hard["questions"].as_array().unwrap();
    assert!(!hard.is_empty());
    for q in hard {
        assert_eq!(q["difficulty"], "hard");
        assert!(
            q["topics"]
                .as_array()
                .unwrap()
                .iter()
                .any(|t| t == "asyncio")
        );
    }
}

#[tokio::test]
async fn bad_filters_are_400_json() {
    let app = app().await;
    let reply = get(&app.router, "/api/questions?difficulty=expert").await;
    reply.assert_status(StatusCode::BAD_REQUEST);
    let body = reply.json();
    assert_eq!(body["status"], 400);
    assert_eq!(
        body["error"],
        "unknown difficulty \"expert\"; expected one of: easy, medium, hard"
    );
    get(&app.router, "/api/stats?kind=essay")
        .await
        .assert_status(StatusCode::BAD_REQUEST)
        .assert_contains("unknown kind");
    get(&app.router, "/api/questions?kind=a&kind=b")
        .await
        .assert_status(StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn one_question_with_its_checks() {
    let app = app().await;
    let body = get(&app.router, "/api/questions/identity-vs-equality")
        .await
        .json();
    assert_eq!(body["id"], "identity-vs-equality");
    assert_eq!(body["difficulty"], "easy");
    let examples = body["examples"].as_array().unwrap();
    assert!(!examples.is_empty());
    assert!(examples[0]["check"].is_null());
    assert!(!body["key_points"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn unknown_questions_and_routes_are_404_json() {
    let app = app().await;
    let reply = get(&app.router, "/api/questions/nope").await;
    reply.assert_status(StatusCode::NOT_FOUND);
    assert!(reply.json()["error"].as_str().unwrap().contains("\"nope\""));
    get(&app.router, "/api/questions/NOT_AN_ID")
        .await
        .assert_status(StatusCode::NOT_FOUND);
    let reply = get(&app.router, "/api/nothing-here").await;
    reply.assert_status(StatusCode::NOT_FOUND);
    assert_eq!(reply.json()["status"], 404);
}

#[tokio::test]
async fn stats_and_topics_count_the_bank() {
    let app = app().await;
    let total = app.store.list(&Default::default()).await.unwrap().len() as u64;
    let stats = get(&app.router, "/api/stats").await.json();
    assert_eq!(stats["questions"], total);
    let topics = get(&app.router, "/api/topics").await.json();
    let topics = topics.as_array().unwrap();
    assert_eq!(topics.len(), pyprep_core::taxonomy::TOPICS.len());
    assert_eq!(topics[0]["name"], "basics");
    assert!(topics[0]["questions"].as_u64().unwrap() > 0);
}

#[tokio::test]
async fn api_refuses_unsafe_methods_without_csrf_and_other_methods_with_it() {
    let app = app().await;
    let reply = send(
        &app.router,
        Request::post("/api/questions").body(Body::empty()).unwrap(),
    )
    .await;
    reply.assert_status(StatusCode::FORBIDDEN);
    assert!(reply.json()["error"].as_str().unwrap().contains("CSRF"));

    let (cookie, token) = crate::csrf(&app.router).await;
    let reply = send(
        &app.router,
        Request::delete("/api/questions/identity-vs-equality")
            .header("cookie", cookie)
            .header("x-csrf-token", token)
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    reply.assert_status(StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(reply.json()["status"], 405);
}
