use axum::body::Body;
use axum::http::{Request, StatusCode};
use pyprep_store::{PracticeStore, Store};

use crate::{App, app, get, send};

fn form(uri: &str, cookie: &str, body: String) -> Request<Body> {
    Request::post(uri)
        .header("content-type", "application/x-www-form-urlencoded")
        .header("cookie", cookie)
        .body(Body::from(body))
        .unwrap()
}

/// The hidden value of `name` in the page's first form that has it.
fn hidden(body: &str, name: &str) -> String {
    body.split(&format!("name=\"{name}\" value=\""))
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("no {name} field in: {body}"))
        .to_string()
}

async fn study_page(app: &App, cookie: &str) -> String {
    send(
        &app.router,
        Request::get("/study")
            .header("cookie", cookie)
            .body(Body::empty())
            .unwrap(),
    )
    .await
    .assert_status(StatusCode::OK)
    .body
    .clone()
}

#[tokio::test]
async fn study_reveals_checks_a_typed_answer_and_stores_the_grade() {
    let app = app().await;
    let (cookie, token) = crate::csrf(&app.router).await;
    let front = study_page(&app, &cookie).await;
    assert!(front.contains("data-study=\"front\""), "{front}");
    assert!(front.contains("Show the answer"));
    let card_id = hidden(&front, "card_id");
    let reps = hidden(&front, "reps");

    let back = send(
        &app.router,
        form(
            "/study/reveal",
            &cookie,
            format!(
                "csrf={token}&card_id={card_id}&reps={reps}&shown_at=0&typed=it+compares+values"
            ),
        ),
    )
    .await;
    back.assert_status(StatusCode::OK)
        .assert_contains("data-study=\"back\"")
        .assert_contains("You answered")
        .assert_contains("name=\"grade\" value=\"3\"");

    let graded = send(
        &app.router,
        form(
            "/study/answer",
            &cookie,
            format!("csrf={token}&card_id={card_id}&reps={reps}&grade=3&shown_at=0"),
        ),
    )
    .await;
    graded.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(graded.header("location"), "/study");
    let log = app.store.review_log(0).await.unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].card_id.to_string(), card_id);

    // Posting the same grade again (a double click, a reload) is refused, not stored twice.
    send(
        &app.router,
        form(
            "/study/answer",
            &cookie,
            format!("csrf={token}&card_id={card_id}&reps={reps}&grade=3"),
        ),
    )
    .await
    .assert_status(StatusCode::CONFLICT)
    .assert_contains("graded already");
    assert_eq!(app.store.review_log(0).await.unwrap().len(), 1);
}

#[tokio::test]
async fn study_refuses_bad_forms() {
    let app = app().await;
    let (cookie, token) = crate::csrf(&app.router).await;
    let front = study_page(&app, &cookie).await;
    let card_id = hidden(&front, "card_id");
    send(
        &app.router,
        form(
            "/study/answer",
            &cookie,
            format!("csrf={token}&card_id={card_id}&reps=0&grade=7"),
        ),
    )
    .await
    .assert_status(StatusCode::BAD_REQUEST)
    .assert_contains("is not one of 1 (again)");
    send(
        &app.router,
        form(
            "/study/answer",
            &cookie,
            format!("csrf={token}&card_id=999999&reps=0&grade=3"),
        ),
    )
    .await
    .assert_status(StatusCode::NOT_FOUND)
    .assert_contains("there is no card 999999");
    send(
        &app.router,
        form(
            "/study/answer",
            &cookie,
            format!("csrf={token}&card_id=abc&grade=3"),
        ),
    )
    .await
    .assert_status(StatusCode::BAD_REQUEST)
    .assert_contains("the form could not be read");
    // No CSRF token: refused before anything is read.
    send(
        &app.router,
        form(
            "/study/answer",
            &cookie,
            format!("card_id={card_id}&reps=0&grade=3"),
        ),
    )
    .await
    .assert_status(StatusCode::FORBIDDEN);
    assert!(app.store.review_log(0).await.unwrap().is_empty());
}

#[tokio::test]
async fn api_study_next_and_answer() {
    let app = app().await;
    let (cookie, token) = crate::csrf(&app.router).await;
    let next = get(&app.router, "/api/study/next").await.json();
    let card = &next["card"];
    assert!(card["id"].as_i64().unwrap() > 0);
    let body =
        serde_json::json!({"card_id": card["id"], "reps": card["reps"], "grade": 4}).to_string();
    let answered = send(
        &app.router,
        Request::post("/api/study/answer")
            .header("content-type", "application/json")
            .header("cookie", &cookie)
            .header("x-csrf-token", &token)
            .body(Body::from(body.clone()))
            .unwrap(),
    )
    .await;
    answered.assert_status(StatusCode::OK);
    assert!(answered.json()["due"].as_i64().unwrap() > 0);
    let missing_token = send(
        &app.router,
        Request::post("/api/study/answer")
            .header("content-type", "application/json")
            .header("cookie", &cookie)
            .body(Body::from(body))
            .unwrap(),
    )
    .await;
    missing_token.assert_status(StatusCode::FORBIDDEN);
    let malformed = send(
        &app.router,
        Request::post("/api/study/answer")
            .header("content-type", "application/json")
            .header("cookie", &cookie)
            .header("x-csrf-token", &token)
            .body(Body::from("{\"card_id\": "))
            .unwrap(),
    )
    .await;
    malformed.assert_status(StatusCode::BAD_REQUEST);
    assert!(
        malformed.json()["error"]
            .as_str()
            .unwrap()
            .contains("JSON body")
    );
}

#[tokio::test]
async fn progress_draws_its_charts() {
    let app = app().await;
    let reply = get(&app.router, "/progress").await;
    reply
        .assert_status(StatusCode::OK)
        .assert_contains("<svg role=\"img\" aria-label=\"Reviews per day, last 30 days\"")
        .assert_contains("aria-label=\"Mastery per topic\"")
        .assert_contains("No reviews yet");
    assert!(!reply.body.contains("style="));
    let json = get(&app.router, "/api/progress").await.json();
    assert_eq!(json["total_reviews"], 0);
    assert_eq!(json["reviews_per_day"].as_array().unwrap().len(), 30);
}

#[tokio::test]
async fn settings_save_and_refuse_out_of_range_values() {
    let app = app().await;
    let (cookie, token) = crate::csrf(&app.router).await;
    get(&app.router, "/settings")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("value=\"90\"");
    let saved = send(
        &app.router,
        form(
            "/settings",
            &cookie,
            format!("csrf={token}&desired_retention_percent=85&new_per_day=5&reviews_per_day=100"),
        ),
    )
    .await;
    saved.assert_status(StatusCode::SEE_OTHER);
    let config = app.store.practice_config().await.unwrap();
    assert_eq!(config.new_per_day, 5);
    assert!((config.desired_retention - 0.85).abs() < 1e-6);
    get(&app.router, "/settings?saved=1")
        .await
        .assert_contains("Saved.")
        .assert_contains("value=\"85\"");

    send(
        &app.router,
        form(
            "/settings",
            &cookie,
            format!("csrf={token}&desired_retention_percent=50"),
        ),
    )
    .await
    .assert_status(StatusCode::BAD_REQUEST)
    .assert_contains("from 70% to 99%");
    send(
        &app.router,
        form(
            "/settings",
            &cookie,
            format!("csrf={token}&new_per_day=lots"),
        ),
    )
    .await
    .assert_status(StatusCode::BAD_REQUEST)
    .assert_contains("whole number");

    let api = send(
        &app.router,
        Request::put("/api/settings")
            .header("content-type", "application/json")
            .header("cookie", &cookie)
            .header("x-csrf-token", &token)
            .body(Body::from("{\"reviews_per_day\": 42}"))
            .unwrap(),
    )
    .await;
    api.assert_status(StatusCode::OK);
    assert_eq!(api.json()["reviews_per_day"], 42);
    assert_eq!(
        get(&app.router, "/api/settings").await.json()["new_per_day"],
        5
    );
}

#[tokio::test]
async fn an_interview_date_is_counted_down_on_home() {
    let app = app().await;
    get(&app.router, "/").await.assert_contains("Set its date");
    let (cookie, token) = crate::csrf(&app.router).await;
    // Far enough ahead that the count is always plural, whatever today is.
    let date = pyprep_practice::date_of_day(jiff::Timestamp::now().as_second() / 86_400 + 400);
    send(
        &app.router,
        form(
            "/settings",
            &cookie,
            format!("csrf={token}&interview_date={date}"),
        ),
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    assert_eq!(
        app.store.practice_config().await.unwrap().interview_date,
        Some(date.clone())
    );
    let home = get(&app.router, "/").await;
    home.assert_contains(&format!("days to your interview on {date}"));
    assert_eq!(
        get(&app.router, "/api/settings").await.json()["interview_date"],
        date
    );

    send(
        &app.router,
        form(
            "/settings",
            &cookie,
            format!("csrf={token}&interview_date=next+tuesday"),
        ),
    )
    .await
    .assert_status(StatusCode::BAD_REQUEST)
    .assert_contains("not a date like");
    send(
        &app.router,
        form(
            "/settings",
            &cookie,
            format!("csrf={token}&interview_date="),
        ),
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    assert_eq!(
        app.store.practice_config().await.unwrap().interview_date,
        None
    );
}

fn multipart(cookie: &str, token: Option<&str>, file: &str, bytes: &[u8]) -> Request<Body> {
    let boundary = "XyZpyprepBoundary";
    let mut body = Vec::new();
    if let Some(token) = token {
        body.extend(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{token}\r\n"
            )
            .as_bytes(),
        );
    }
    body.extend(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file}\"\r\nContent-Type: text/markdown\r\n\r\n").as_bytes(),
    );
    body.extend(bytes);
    body.extend(format!("\r\n--{boundary}--\r\n").as_bytes());
    Request::post("/import/preview")
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .header("cookie", cookie)
        .body(Body::from(body))
        .unwrap()
}

const GUIDE: &str = "# My guide\n\n## What is a metaclass in Python?\n\nA metaclass is the class of a class: `type` builds classes, and a metaclass customises how.\n\n## How do you reverse a list in place?\n\nCall `items.reverse()`; `reversed()` gives an iterator instead.\n";

#[tokio::test]
async fn import_previews_then_stores_on_confirm() {
    let app = app().await;
    let (cookie, token) = crate::csrf(&app.router).await;
    get(&app.router, "/import")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("enctype=\"multipart/form-data\"");
    let before = app.store.list(&Default::default()).await.unwrap().len();
    let preview = send(
        &app.router,
        multipart(&cookie, Some(&token), "my-guide.md", GUIDE.as_bytes()),
    )
    .await;
    preview
        .assert_status(StatusCode::OK)
        .assert_contains("Import preview")
        .assert_contains("my-guide.md")
        .assert_contains("Nothing is stored until you confirm");
    assert_eq!(
        app.store.list(&Default::default()).await.unwrap().len(),
        before
    );

    let pending = hidden(&preview.body, "pending");
    let confirmed = send(
        &app.router,
        form(
            "/import/confirm",
            &cookie,
            format!("csrf={token}&pending={pending}"),
        ),
    )
    .await;
    confirmed.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(
        confirmed.header("location"),
        "/questions?source=my-guide.md"
    );
    let listed = get(&app.router, "/questions?source=my-guide.md").await;
    listed.assert_status(StatusCode::OK);
    assert!(
        !listed.body.contains("No question matches"),
        "{}",
        listed.body
    );
    assert!(app.store.list(&Default::default()).await.unwrap().len() > before);

    // The same confirmation again finds nothing waiting.
    send(
        &app.router,
        form(
            "/import/confirm",
            &cookie,
            format!("csrf={token}&pending={pending}"),
        ),
    )
    .await
    .assert_status(StatusCode::NOT_FOUND)
    .assert_contains("no longer waiting");
}

#[tokio::test]
async fn import_refuses_bad_uploads() {
    let app = app().await;
    let (cookie, token) = crate::csrf(&app.router).await;
    send(
        &app.router,
        multipart(&cookie, None, "a.md", GUIDE.as_bytes()),
    )
    .await
    .assert_status(StatusCode::FORBIDDEN)
    .assert_contains("upload has no CSRF token");
    send(
        &app.router,
        multipart(&cookie, Some(&token), "empty.md", b""),
    )
    .await
    .assert_status(StatusCode::BAD_REQUEST)
    .assert_contains("choose a file");
    let huge = vec![b'a'; pyprep_web::MAX_UPLOAD_BYTES + 10];
    send(
        &app.router,
        multipart(&cookie, Some(&token), "huge.md", &huge),
    )
    .await
    .assert_status(StatusCode::PAYLOAD_TOO_LARGE);
    let reply = send(
        &app.router,
        Request::post("/import/preview")
            .header("content-type", "multipart/form-data; boundary=nope")
            .header("cookie", &cookie)
            .body(Body::from("garbage"))
            .unwrap(),
    )
    .await;
    assert!(
        reply.status == StatusCode::BAD_REQUEST || reply.status == StatusCode::FORBIDDEN,
        "{}",
        reply.status
    );
    send(
        &app.router,
        form(
            "/import/confirm",
            &cookie,
            format!("csrf={token}&pending=deadbeef"),
        ),
    )
    .await
    .assert_status(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_mock_interview_runs_to_its_report_and_is_saved() {
    let app = app().await;
    let (cookie, token) = crate::csrf(&app.router).await;
    get(&app.router, "/mock")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Start the interview");
    let started = send(
        &app.router,
        form(
            "/mock",
            &cookie,
            format!("csrf={token}&role=backend&level=mid&company=&minutes=14"),
        ),
    )
    .await;
    started.assert_status(StatusCode::SEE_OTHER);
    let location = started.header("location").to_string();
    assert!(location.starts_with("/mock/"), "{location}");
    for number in 1..=2 {
        let question = get(&app.router, &location).await;
        question
            .assert_status(StatusCode::OK)
            .assert_contains(&format!("Question {number} of 2"))
            .assert_contains("data-timer");
        let feedback = send(
            &app.router,
            form(
                &format!("{location}/answer"),
                &cookie,
                format!("csrf={token}&number={number}&answer=it+depends"),
            ),
        )
        .await;
        feedback
            .assert_status(StatusCode::OK)
            .assert_contains("name=\"score\" value=\"3\"");
        send(
            &app.router,
            form(
                &format!("{location}/score"),
                &cookie,
                format!("csrf={token}&number={number}&score={}", number + 1),
            ),
        )
        .await
        .assert_status(StatusCode::SEE_OTHER);
    }
    get(&app.router, &location)
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Mock interview report")
        .assert_contains("mid backend interview, 14 minutes");
    assert_eq!(app.store.sessions(10).await.unwrap().len(), 1);
    // Scoring the last question again changes nothing.
    send(
        &app.router,
        form(
            &format!("{location}/score"),
            &cookie,
            format!("csrf={token}&number=2&score=4"),
        ),
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    assert_eq!(app.store.sessions(10).await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_mock_interview_refuses_bad_input() {
    let app = app().await;
    let (cookie, token) = crate::csrf(&app.router).await;
    send(
        &app.router,
        form(
            "/mock",
            &cookie,
            format!("csrf={token}&role=chef&level=mid&minutes=30"),
        ),
    )
    .await
    .assert_status(StatusCode::BAD_REQUEST)
    .assert_contains("unknown role");
    send(
        &app.router,
        form(
            "/mock",
            &cookie,
            format!("csrf={token}&role=data&level=mid&minutes=999"),
        ),
    )
    .await
    .assert_status(StatusCode::BAD_REQUEST)
    .assert_contains("5 to 180 minutes");
    get(&app.router, "/mock/not-a-running-interview")
        .await
        .assert_status(StatusCode::NOT_FOUND)
        .assert_contains("not running any more");
    let started = send(
        &app.router,
        form(
            "/mock",
            &cookie,
            format!("csrf={token}&role=data&level=junior&minutes=14"),
        ),
    )
    .await;
    let location = started.header("location").to_string();
    // Scoring before answering is refused.
    send(
        &app.router,
        form(
            &format!("{location}/score"),
            &cookie,
            format!("csrf={token}&number=1&score=3"),
        ),
    )
    .await
    .assert_status(StatusCode::CONFLICT);
    send(
        &app.router,
        form(
            &format!("{location}/score"),
            &cookie,
            format!("csrf={token}&number=1&score=9"),
        ),
    )
    .await
    .assert_status(StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn home_shows_today_and_where_to_continue() {
    let app = app().await;
    get(&app.router, "/")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Today")
        .assert_contains("Start studying")
        .assert_contains("href=\"/mock\"");
}

#[tokio::test]
async fn a_quiz_asks_reveals_grades_and_reports() {
    let app = app().await;
    let (cookie, token) = crate::csrf(&app.router).await;
    get(&app.router, "/quiz")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Start the quiz");
    let started = send(
        &app.router,
        form(
            "/quiz",
            &cookie,
            format!("csrf={token}&topic=asyncio&difficulty=&company=&count=2"),
        ),
    )
    .await;
    started.assert_status(StatusCode::SEE_OTHER);
    let location = started.header("location").to_string();
    for number in 1..=2 {
        let front = get(&app.router, &location).await;
        front
            .assert_status(StatusCode::OK)
            .assert_contains(&format!("Quiz: question {number} of 2"))
            .assert_contains(&format!("action=\"{location}/reveal\""));
        let card_id = hidden(&front.body, "card_id");
        let reps = hidden(&front.body, "reps");
        send(
            &app.router,
            form(
                &format!("{location}/reveal"),
                &cookie,
                format!("csrf={token}&card_id={card_id}&reps={reps}&shown_at=0&typed="),
            ),
        )
        .await
        .assert_status(StatusCode::OK)
        .assert_contains(&format!("action=\"{location}/answer\""));
        send(
            &app.router,
            form(
                &format!("{location}/answer"),
                &cookie,
                format!("csrf={token}&card_id={card_id}&reps={reps}&grade=3"),
            ),
        )
        .await
        .assert_status(StatusCode::SEE_OTHER);
        // Answering the same question twice is refused.
        send(
            &app.router,
            form(
                &format!("{location}/answer"),
                &cookie,
                format!("csrf={token}&card_id={card_id}&reps={reps}&grade=3"),
            ),
        )
        .await
        .assert_status(StatusCode::CONFLICT);
    }
    get(&app.router, &location)
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Quiz result")
        .assert_contains("2/2");
    assert_eq!(app.store.review_log(0).await.unwrap().len(), 2);
    assert_eq!(app.store.sessions(10).await.unwrap().len(), 1);
    send(
        &app.router,
        form("/quiz", &cookie, format!("csrf={token}&count=0")),
    )
    .await
    .assert_status(StatusCode::BAD_REQUEST)
    .assert_contains("1 to 50 questions");
    send(
        &app.router,
        form(
            "/quiz",
            &cookie,
            format!("csrf={token}&count=3&topic=cooking"),
        ),
    )
    .await
    .assert_status(StatusCode::BAD_REQUEST)
    .assert_contains("unknown topic");
    get(&app.router, "/quiz/nope")
        .await
        .assert_status(StatusCode::NOT_FOUND);
}
