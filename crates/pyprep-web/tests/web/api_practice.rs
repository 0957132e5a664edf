//! The API's drills, quizzes, mock interviews and imports.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use pyprep_store::{Filter, PracticeStore, Store};
use serde_json::{Value, json};

use crate::{App, Reply, app, get, send};

async fn post(app: &App, uri: &str, content_type: &str, body: impl Into<Body>) -> Reply {
    let (cookie, token) = crate::csrf(&app.router).await;
    send(
        &app.router,
        Request::post(uri)
            .header("content-type", content_type)
            .header("cookie", cookie)
            .header("x-csrf-token", token)
            .body(body.into())
            .unwrap(),
    )
    .await
}

async fn post_json(app: &App, uri: &str, body: Value) -> Reply {
    post(app, uri, "application/json", body.to_string()).await
}

#[tokio::test]
async fn drills_are_checked_against_the_real_output() {
    let app = app().await;
    let drill = get(&app.router, "/api/drills/next?topic=basics")
        .await
        .json()["drill"]
        .clone();
    assert!(drill.is_object(), "the bank has drills on basics: {drill}");
    let question = app
        .store
        .get(drill["question_id"].as_str().unwrap())
        .await
        .unwrap();
    assert!(question.topics.iter().any(|t| t == "basics"));
    let example = &question.examples[drill["example"].as_u64().unwrap() as usize];
    assert_eq!(drill["code"], example.code.as_str());
    let expected = example.expected_output.clone().unwrap();

    let right = post_json(
        &app,
        "/api/drills/answer",
        json!({"question_id": question.id, "example": drill["example"], "typed": expected}),
    )
    .await;
    right.assert_status(StatusCode::OK);
    assert_eq!(right.json()["correct"], true);
    let wrong = post_json(
        &app,
        "/api/drills/answer",
        json!({"question_id": question.id, "example": drill["example"], "typed": "surely not this\n"}),
    )
    .await
    .json();
    assert_eq!(wrong["correct"], false);
    assert_eq!(wrong["first_difference"], 1);
    assert_eq!(wrong["expected"], expected.as_str());

    post_json(
        &app,
        "/api/drills/answer",
        json!({"question_id": "no-such-question", "example": 0, "typed": ""}),
    )
    .await
    .assert_status(StatusCode::NOT_FOUND);
    get(&app.router, "/api/drills/next?topic=astrology")
        .await
        .assert_status(StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_drills_page_checks_a_prediction_without_javascript() {
    let app = app().await;
    let page = get(&app.router, "/drills?topic=basics").await;
    page.assert_status(StatusCode::OK)
        .assert_contains("What does it print?");
    let field = |name: &str| {
        page.body
            .split(&format!("name=\"{name}\" value=\""))
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap()
            .to_string()
    };
    let (id, example, csrf) = (field("question_id"), field("example"), field("csrf"));
    let cookie = page
        .header("set-cookie")
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let reply = send(
        &app.router,
        Request::post("/drills/answer")
            .header("content-type", "application/x-www-form-urlencoded")
            .header("cookie", cookie)
            .body(Body::from(format!(
                "csrf={csrf}&question_id={id}&example={example}&typed=surely+not&topic=basics"
            )))
            .unwrap(),
    )
    .await;
    reply
        .assert_status(StatusCode::OK)
        .assert_contains("Not quite")
        .assert_contains("It prints");
}

#[tokio::test]
async fn a_quiz_through_the_api_stores_reviews_and_its_report() {
    let app = app().await;
    let quiz = post_json(&app, "/api/quiz", json!({"topic": "oop", "count": 3})).await;
    quiz.assert_status(StatusCode::OK);
    let quiz = quiz.json();
    let cards = quiz["cards"].as_array().unwrap();
    assert_eq!(cards.len(), 3);
    let answers: Vec<Value> = cards
        .iter()
        .map(|c| json!({"card_id": c["card_id"], "reps": c["reps"], "grade": 3}))
        .collect();

    let mut bad = answers.clone();
    bad[2]["grade"] = json!(9);
    post_json(&app, "/api/quiz/report", json!({"answers": bad}))
        .await
        .assert_status(StatusCode::BAD_REQUEST);
    assert!(
        app.store.review_log(0).await.unwrap().is_empty(),
        "a bad grade stores nothing"
    );

    let report = post_json(
        &app,
        "/api/quiz/report",
        json!({"filters": quiz["filters"], "answers": answers}),
    )
    .await;
    report.assert_status(StatusCode::OK);
    let report = report.json();
    assert_eq!(report["answered"], 3);
    assert_eq!(report["correct"], 3);
    assert_eq!(app.store.review_log(0).await.unwrap().len(), 3);
    // Sending the same answers again is refused: the cards moved on.
    post_json(&app, "/api/quiz/report", json!({"answers": answers}))
        .await
        .assert_status(StatusCode::CONFLICT);
    post_json(&app, "/api/quiz", json!({"topic": "oop", "count": 0}))
        .await
        .assert_status(StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_mock_interview_through_the_api_is_reported_and_stored() {
    let app = app().await;
    let mock = post_json(
        &app,
        "/api/mock",
        json!({"role": "backend", "level": "mid", "minutes": 20}),
    )
    .await;
    mock.assert_status(StatusCode::OK);
    let mock = mock.json();
    let questions = mock["questions"].as_array().unwrap();
    assert!(questions.len() >= 2);
    let answers: Vec<Value> = questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            json!({"question_id": q["id"], "score": if i == 0 { 1 } else { 4 }, "seconds": 120,
                   "answer": "I would explain the trade-offs"})
        })
        .collect();
    let report = post_json(
        &app,
        "/api/mock/report",
        json!({"spec": mock["spec"], "allotted_seconds": mock["allotted_seconds"], "answers": answers}),
    )
    .await;
    report.assert_status(StatusCode::OK);
    let report = report.json();
    assert_eq!(report["answers"].as_array().unwrap().len(), questions.len());
    assert_eq!(report["study_next"][0], questions[0]["id"]);
    assert!(report["answers"][0]["coverage"].is_number());
    let sessions = app.store.sessions(10).await.unwrap();
    assert_eq!(sessions.len(), 1, "the report is kept in history");

    post_json(
        &app,
        "/api/mock",
        json!({"role": "astronaut", "level": "mid", "minutes": 20}),
    )
    .await
    .assert_status(StatusCode::BAD_REQUEST);
}

const GUIDE: &str = "# Team notes\n\n\
## What does a zebra-striped cache eviction policy do?\n\n\
It alternates between evicting the oldest and the least used entry, which we invented for this test.\n\n\
## Why would anyone stripe a cache like a zebra?\n\n\
Nobody would; the question exists so the import has two entries to find.\n";

#[tokio::test]
async fn importing_through_the_api_previews_then_stores() {
    let app = app().await;
    let before = app.store.list(&Filter::default()).await.unwrap().len();
    let dry = post(
        &app,
        "/api/import?name=notes.md&dry_run=true",
        "text/markdown",
        GUIDE,
    )
    .await;
    dry.assert_status(StatusCode::OK);
    let dry = dry.json();
    assert_eq!(dry["questions"], 2, "{dry}");
    assert_eq!(dry["new"], 2);
    assert_eq!(dry["stored"], false);
    assert_eq!(
        app.store.list(&Filter::default()).await.unwrap().len(),
        before
    );

    let stored = post(&app, "/api/import?name=notes.md", "text/markdown", GUIDE)
        .await
        .json();
    assert_eq!(stored["stored"], true);
    assert_eq!(
        app.store.list(&Filter::default()).await.unwrap().len(),
        before + 2
    );
    let hits = get(&app.router, "/api/search?q=zebra").await.json();
    let top: Vec<String> = hits["hits"].as_array().unwrap()[..2]
        .iter()
        .map(|h| h["title_html"].as_str().unwrap().to_lowercase())
        .collect();
    assert!(
        top.iter().all(|t| t.contains("zebra")),
        "imported questions are searchable at once: {hits}"
    );

    let again = post(&app, "/api/import?name=notes.md", "text/markdown", GUIDE)
        .await
        .json();
    assert_eq!(
        again["unchanged"], 2,
        "re-importing changes nothing: {again}"
    );
    assert_eq!(
        app.store.list(&Filter::default()).await.unwrap().len(),
        before + 2
    );

    post(&app, "/api/import?name=empty.md", "text/markdown", "")
        .await
        .assert_status(StatusCode::BAD_REQUEST);
    let no_csrf = send(
        &app.router,
        Request::post("/api/import?name=notes.md")
            .body(Body::from(GUIDE))
            .unwrap(),
    )
    .await;
    no_csrf.assert_status(StatusCode::FORBIDDEN);
}
