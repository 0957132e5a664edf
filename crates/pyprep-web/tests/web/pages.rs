use axum::body::Body;
use axum::http::{Request, StatusCode};
use pyprep_core::check::code_fingerprint;
use pyprep_core::{CheckStatus, ExampleCheck};
use pyprep_store::Store;

use crate::{app, get, send};

#[tokio::test]
async fn home_shows_the_bank_and_its_topics() {
    let app = app().await;
    let reply = get(&app.router, "/").await;
    reply
        .assert_status(StatusCode::OK)
        .assert_contains("Get ready for your Python interview")
        .assert_contains("href=\"/questions?topic=asyncio\"")
        .assert_contains("Iterators &#38; generators");
    assert!(reply.header("content-type").starts_with("text/html"));
    let questions = app.store.list(&Default::default()).await.unwrap().len();
    reply.assert_contains(&format!("<strong>{questions}</strong> questions"));
}

#[tokio::test]
async fn browse_lists_every_question_and_pages_them() {
    let app = app().await;
    let total = app.store.list(&Default::default()).await.unwrap().len();
    let reply = get(&app.router, "/questions").await;
    reply
        .assert_status(StatusCode::OK)
        .assert_contains(&format!("{total} questions"));
    assert_eq!(
        reply.body.matches("class=\"result\"").count(),
        50.min(total)
    );
    if total > 50 {
        get(&app.router, "/questions?page=2")
            .await
            .assert_status(StatusCode::OK)
            .assert_contains("rel=\"prev\" href=\"/questions\"");
    }
}

#[tokio::test]
async fn browse_filters_by_topic_and_keeps_other_topics_choosable() {
    let app = app().await;
    let reply = get(&app.router, "/questions?topic=asyncio&difficulty=").await;
    reply
        .assert_status(StatusCode::OK)
        .assert_contains("href=\"/questions/asyncio-event-loop\"")
        .assert_contains("<option value=\"asyncio\" selected>")
        // The topic facet counts without its own filter, so other topics stay on offer.
        .assert_contains("<option value=\"basics\">")
        .assert_contains("aria-label=\"Remove filter asyncio\"");
    assert!(
        !reply
            .body
            .contains("href=\"/questions/identity-vs-equality\"")
    );
}

#[tokio::test]
async fn browse_filters_by_company_ignoring_case() {
    let app = app().await;
    let reply = get(&app.router, "/questions?company=google").await;
    reply
        .assert_status(StatusCode::OK)
        .assert_contains("href=\"/questions/identity-vs-equality\"");
    let all = app.store.list(&Default::default()).await.unwrap().len();
    assert!(!reply.body.contains(&format!(">{all} questions")));
}

#[tokio::test]
async fn browse_refuses_bad_filters_with_a_clear_page() {
    let app = app().await;
    get(&app.router, "/questions?difficulty=expert")
        .await
        .assert_status(StatusCode::BAD_REQUEST)
        .assert_contains("<!doctype html>")
        .assert_contains(
            "unknown difficulty &#34;expert&#34;; expected one of: easy, medium, hard",
        );
    get(&app.router, "/questions?topic=snakes")
        .await
        .assert_status(StatusCode::BAD_REQUEST)
        .assert_contains("unknown topic");
    get(&app.router, "/questions?page=0")
        .await
        .assert_status(StatusCode::BAD_REQUEST)
        .assert_contains("is not a page number");
    get(&app.router, "/questions?page=999")
        .await
        .assert_status(StatusCode::NOT_FOUND)
        .assert_contains("past the last page");
    get(&app.router, "/questions?topic=a&topic=b")
        .await
        .assert_status(StatusCode::BAD_REQUEST)
        .assert_contains("query string is not valid");
}

#[tokio::test]
async fn browse_with_no_match_says_so() {
    let app = app().await;
    get(&app.router, "/questions?company=NoSuchCompany")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("No question matches these filters");
}

#[tokio::test]
async fn question_page_hides_the_answer_and_highlights_code() {
    let app = app().await;
    let reply = get(&app.router, "/questions/identity-vs-equality").await;
    reply
        .assert_status(StatusCode::OK)
        .assert_contains("<title>Identity (is) versus equality (==) · pyprep</title>")
        .assert_contains("<h1>Identity (<code>is</code>) versus equality (<code>==</code>)</h1>")
        // Closed <details>: the answer is there for no-JS browsers but hidden until opened.
        .assert_contains("<details class=\"reveal\" id=\"answer\">")
        .assert_contains("Show the answer")
        .assert_contains("<h3>Key points</h3>")
        .assert_contains("Show the interviewer's rubric")
        .assert_contains("Follow-up questions")
        .assert_contains("class=\"hl-")
        .assert_contains("Not run yet")
        .assert_contains("href=\"/questions?company=Google\"");
    assert!(
        !reply
            .body
            .contains("<details class=\"reveal\" id=\"answer\" open")
    );
}

fn check(id: &str, example: u32, code: &str, status: CheckStatus) -> ExampleCheck {
    ExampleCheck {
        question_id: id.to_string(),
        example,
        code_fingerprint: code_fingerprint(code),
        status,
        detail: if status == CheckStatus::Error {
            "Traceback (most recent call last):\nZeroDivisionError: division by zero".to_string()
        } else {
            String::new()
        },
        output: "surprise <output>\n".to_string(),
        python_version: "3.11.7".to_string(),
        drill: false,
        checked_at: 1_700_000_000,
    }
}

#[tokio::test]
async fn question_page_shows_each_examples_check() {
    let app = app().await;
    let mut question = app.store.get("identity-vs-equality").await.unwrap();
    let mut failing = question.examples[0].clone();
    failing.code = "print(1 / 0)\n".to_string();
    question.examples.push(failing);
    app.store
        .sync_bank(&[question.clone()], "two-examples")
        .await
        .unwrap();
    let checks = vec![
        check(
            &question.id,
            0,
            &question.examples[0].code,
            CheckStatus::Passed,
        ),
        check(
            &question.id,
            1,
            &question.examples[1].code,
            CheckStatus::Error,
        ),
    ];
    app.store.save_checks(&checks).await.unwrap();
    let reply = get(&app.router, "/questions/identity-vs-equality").await;
    reply
        .assert_status(StatusCode::OK)
        .assert_contains("Verified on CPython 3.11.7")
        .assert_contains("Fails on CPython 3.11.7")
        .assert_contains("ZeroDivisionError: division by zero")
        .assert_contains("surprise &#60;output&#62;")
        .assert_contains("1 verified")
        .assert_contains("1 failing");
}

#[tokio::test]
async fn a_check_of_changed_code_is_not_shown() {
    let app = app().await;
    let mut stale = check("identity-vs-equality", 0, "old code\n", CheckStatus::Passed);
    stale.python_version = "3.0.0".to_string();
    app.store.save_checks(&[stale]).await.unwrap();
    let reply = get(&app.router, "/questions/identity-vs-equality").await;
    assert!(!reply.body.contains("Verified on CPython 3.0.0"));
}

#[tokio::test]
async fn unknown_and_malformed_question_ids_get_404_pages() {
    let app = app().await;
    get(&app.router, "/questions/no-such-question")
        .await
        .assert_status(StatusCode::NOT_FOUND)
        .assert_contains("there is no question with id &#34;no-such-question&#34;");
    for id in ["Bad_Id", "%2e%2e%2fetc", "a--b", "%FF"] {
        let reply = get(&app.router, &format!("/questions/{id}")).await;
        assert!(
            reply.status == StatusCode::NOT_FOUND || reply.status == StatusCode::BAD_REQUEST,
            "{id}: {}",
            reply.status
        );
        reply.assert_contains("<!doctype html>");
    }
}

#[tokio::test]
async fn unknown_pages_get_a_404_page() {
    let app = app().await;
    get(&app.router, "/no/such/page")
        .await
        .assert_status(StatusCode::NOT_FOUND)
        .assert_contains("<!doctype html>")
        .assert_contains("there is nothing at /no/such/page");
}

#[tokio::test]
async fn imported_markdown_is_sanitised() {
    let app = app().await;
    let mut hostile = app.store.get("identity-vs-equality").await.unwrap();
    hostile.id = "hostile".to_string();
    hostile.title = "Evil <script>alert(1)</script> title".to_string();
    hostile.prompt = "Click <a href=\"javascript:alert(1)\">me</a><script>alert(2)</script>\n\n<img src=\"https://example.com/x.png\" onerror=\"alert(3)\">".to_string();
    hostile.answer =
        "<iframe src=\"https://example.com\"></iframe><p onclick=\"alert(4)\">hi</p>".to_string();
    hostile.links = vec!["javascript:alert(5)".to_string()];
    app.store
        .sync_bank(&[hostile], "hostile-bank")
        .await
        .unwrap();
    let reply = get(&app.router, "/questions/hostile").await;
    reply.assert_status(StatusCode::OK);
    for bad in [
        "<script>",
        "alert(2)",
        "javascript:alert(1)",
        "onerror",
        "<iframe",
        "onclick",
        "<img",
        "href=\"javascript",
    ] {
        assert!(!reply.body.contains(bad), "{bad} survived: {}", reply.body);
    }
    reply.assert_contains("Evil &lt;script&gt;alert(1)&lt;/script&gt; title");
}

#[tokio::test]
async fn pages_refuse_other_methods() {
    let app = app().await;
    let (cookie, token) = crate::csrf(&app.router).await;
    let reply = send(
        &app.router,
        Request::post("/questions")
            .header("cookie", cookie)
            .header("x-csrf-token", token)
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    reply
        .assert_status(StatusCode::METHOD_NOT_ALLOWED)
        .assert_contains("does not accept that method");
    assert_eq!(reply.header("allow"), "GET,HEAD");
}

#[tokio::test]
async fn exports_are_downloads_that_read_back() {
    let app = app().await;
    let id = "identity-vs-equality";
    let page = get(&app.router, &format!("/questions/{id}")).await;
    page.assert_contains(&format!("href=\"/questions/{id}/export.md\""));
    let reply = get(&app.router, &format!("/questions/{id}/export.md")).await;
    reply.assert_status(StatusCode::OK);
    assert!(
        reply
            .header("content-disposition")
            .contains(&format!("{id}.md"))
    );
    let back = pyprep_core::parse_question(&format!("{id}.md"), &reply.body).unwrap();
    assert_eq!(back, app.store.get(id).await.unwrap());
    get(&app.router, "/questions/no-such-question/export.md")
        .await
        .assert_status(StatusCode::NOT_FOUND);

    let browse = get(&app.router, "/questions?topic=asyncio&difficulty=hard").await;
    browse.assert_contains("href=\"/export/questions.json?topic=asyncio&#38;difficulty=hard\"");
    let listed = get(
        &app.router,
        "/export/questions.json?topic=asyncio&difficulty=hard",
    )
    .await;
    listed.assert_status(StatusCode::OK);
    let questions: Vec<pyprep_core::Question> = serde_json::from_str(&listed.body).unwrap();
    let expected = app
        .store
        .list(&pyprep_store::Filter {
            topic: Some("asyncio".into()),
            difficulty: Some(pyprep_core::Difficulty::Hard),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(!questions.is_empty());
    assert_eq!(
        questions.iter().map(|q| &q.id).collect::<Vec<_>>(),
        expected.iter().map(|q| &q.id).collect::<Vec<_>>()
    );
    get(&app.router, "/export/questions.json?topic=astrology")
        .await
        .assert_status(StatusCode::BAD_REQUEST);
}
