use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use pyprep_store_sqlite::SqliteStore;
use pyprep_web::{AppState, WebConfig, router};

use crate::{app, get, send};

#[tokio::test]
async fn every_response_has_the_security_headers() {
    let app = app().await;
    for uri in [
        "/",
        "/questions/identity-vs-equality",
        "/api/health",
        "/nope",
        "/api/nope",
    ] {
        let reply = get(&app.router, uri).await;
        let csp = reply.header("content-security-policy");
        assert!(csp.contains("script-src 'self'"), "{uri}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{uri}: {csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{uri}: {csp}");
        assert_eq!(reply.header("x-content-type-options"), "nosniff", "{uri}");
        assert_eq!(reply.header("x-frame-options"), "DENY", "{uri}");
    }
}

#[tokio::test]
async fn pages_have_no_inline_script_or_style() {
    let app = app().await;
    for uri in [
        "/",
        "/questions",
        "/questions/identity-vs-equality",
        "/nope",
    ] {
        let body = get(&app.router, uri).await.body;
        assert!(!body.contains("<script>"), "{uri}");
        assert!(!body.contains("style="), "{uri}");
        assert!(!body.contains("<style"), "{uri}");
        assert!(!body.contains(" onclick="), "{uri}");
    }
}

#[tokio::test]
async fn a_foreign_host_is_refused_on_loopback() {
    let app = app().await;
    let reply = send(
        &app.router,
        Request::get("/")
            .header("host", "attacker.example")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    reply
        .assert_status(StatusCode::BAD_REQUEST)
        .assert_contains("only answers requests for localhost");
    let reply = send(
        &app.router,
        Request::get("/")
            .header("host", "localhost:8080")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    reply.assert_status(StatusCode::OK);
}

#[tokio::test]
async fn a_public_server_answers_any_host() {
    let store = Arc::new(SqliteStore::in_memory().await.unwrap());
    let config = WebConfig::for_addr(&"0.0.0.0:8080".parse().unwrap());
    let router = router(AppState::new(store, config).unwrap());
    let reply = send(
        &router,
        Request::get("/api/health")
            .header("host", "pyprep.example:8080")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    reply.assert_status(StatusCode::OK);
}

#[tokio::test]
async fn the_csrf_cookie_is_http_only_and_same_site() {
    let app = app().await;
    let reply = get(&app.router, "/").await;
    let cookie = reply.header("set-cookie");
    assert!(cookie.starts_with("pyprep_csrf="), "{cookie}");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Strict"), "{cookie}");
    let token = reply
        .body
        .split("name=\"csrf-token\" content=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap();
    assert_eq!(token.len(), 64);

    // A browser that already has the cookie keeps it.
    let (cookie, _) = crate::csrf(&app.router).await;
    let reply = send(
        &app.router,
        Request::get("/")
            .header("cookie", cookie)
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(reply.header("set-cookie"), "");
}

fn form_post(uri: &str, cookie: Option<&str>, body: String) -> Request<Body> {
    let mut request =
        Request::post(uri).header("content-type", "application/x-www-form-urlencoded");
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    request.body(Body::from(body)).unwrap()
}

#[tokio::test]
async fn forms_without_a_matching_token_are_refused() {
    let app = app().await;
    let (cookie, token) = crate::csrf(&app.router).await;
    let (other_cookie, _) = crate::csrf(&app.router).await;

    let reply = send(&app.router, form_post("/", None, format!("csrf={token}"))).await;
    reply
        .assert_status(StatusCode::FORBIDDEN)
        .assert_contains("<!doctype html>")
        .assert_contains("no CSRF cookie");
    send(&app.router, form_post("/", Some(&cookie), "a=b".into()))
        .await
        .assert_status(StatusCode::FORBIDDEN)
        .assert_contains("the form has no CSRF token");
    send(
        &app.router,
        form_post("/", Some(&other_cookie), format!("csrf={token}")),
    )
    .await
    .assert_status(StatusCode::FORBIDDEN)
    .assert_contains("does not match");
    send(
        &app.router,
        form_post("/", Some(&cookie), "csrf=%ZZ&&=".into()),
    )
    .await
    .assert_status(StatusCode::FORBIDDEN);
    // The right token passes the check; the page then says it takes no POST.
    send(
        &app.router,
        form_post("/", Some(&cookie), format!("csrf={token}")),
    )
    .await
    .assert_status(StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn huge_bodies_are_refused_with_413() {
    let app = app().await;
    let (cookie, token) = crate::csrf(&app.router).await;
    let body = format!(
        "csrf={token}&junk={}",
        "x".repeat(pyprep_web::MAX_BODY_BYTES + 1)
    );
    send(&app.router, form_post("/", Some(&cookie), body))
        .await
        .assert_status(StatusCode::PAYLOAD_TOO_LARGE)
        .assert_contains("larger than the 64 KiB");
}

#[tokio::test]
async fn assets_are_served_with_types_and_cache_rules() {
    let app = app().await;
    let page = get(&app.router, "/").await.body;
    let css = page
        .split("rel=\"stylesheet\" href=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_string();
    let reply = get(&app.router, &css).await;
    reply.assert_status(StatusCode::OK);
    assert_eq!(reply.header("content-type"), "text/css; charset=utf-8");
    assert!(reply.header("cache-control").contains("immutable"));
    let stale = get(&app.router, "/assets/app.css?v=000000000000").await;
    assert_eq!(stale.header("cache-control"), "no-cache");
    get(&app.router, "/assets/app.js")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("use strict");
    get(&app.router, "/assets/secret.txt")
        .await
        .assert_status(StatusCode::NOT_FOUND);
    get(&app.router, "/assets/..%2fCargo.toml")
        .await
        .assert_status(StatusCode::NOT_FOUND);
}

/// Every route that changes something, as a browser form or an API client would call it.
const STATE_CHANGING: &[(&str, &str)] = &[
    ("POST", "/settings"),
    ("POST", "/quiz"),
    ("POST", "/quiz/0123/reveal"),
    ("POST", "/quiz/0123/answer"),
    ("POST", "/mock"),
    ("POST", "/mock/0123/answer"),
    ("POST", "/mock/0123/score"),
    ("POST", "/import/preview"),
    ("POST", "/import/confirm"),
    ("POST", "/study/reveal"),
    ("POST", "/study/answer"),
    ("POST", "/drills/answer"),
    ("POST", "/api/study/answer"),
    ("PUT", "/api/settings"),
    ("POST", "/api/drills/answer"),
    ("POST", "/api/quiz"),
    ("POST", "/api/quiz/report"),
    ("POST", "/api/mock"),
    ("POST", "/api/mock/report"),
    ("POST", "/api/import?name=x.md"),
];

#[tokio::test]
async fn every_state_changing_route_needs_the_csrf_token() {
    let app = app().await;
    let (cookie, _) = crate::csrf(&app.router).await;
    for &(method, uri) in STATE_CHANGING {
        let json = uri.starts_with("/api/");
        let request = Request::builder()
            .method(method)
            .uri(uri)
            .header("cookie", &cookie)
            .header(
                "content-type",
                if json {
                    "application/json"
                } else {
                    "application/x-www-form-urlencoded"
                },
            )
            .body(Body::from(if json { "{}" } else { "a=b" }))
            .unwrap();
        let reply = send(&app.router, request).await;
        assert_eq!(
            reply.status,
            StatusCode::FORBIDDEN,
            "{method} {uri} without a token: {}",
            reply.body
        );
    }
}

#[tokio::test]
async fn malformed_input_to_any_state_changing_route_is_a_4xx() {
    let app = app().await;
    let (cookie, token) = crate::csrf(&app.router).await;
    let bodies: &[&str] = &[
        "",
        "garbage",
        "{\"card_id\": \"x\"}",
        "\u{0}\u{1}\u{ff}",
        "[1,2",
    ];
    for &(method, uri) in STATE_CHANGING {
        let json = uri.starts_with("/api/");
        for body in bodies {
            let body = if json {
                body.to_string()
            } else {
                format!("csrf={token}&{body}&card_id=zz&example=-1&number=x")
            };
            let request = Request::builder()
                .method(method)
                .uri(uri)
                .header("cookie", &cookie)
                .header("x-csrf-token", &token)
                .header(
                    "content-type",
                    if json {
                        "application/json"
                    } else {
                        "application/x-www-form-urlencoded"
                    },
                )
                .body(Body::from(body.clone()))
                .unwrap();
            let reply = send(&app.router, request).await;
            // Settings fields are all optional: a form with none of them saves nothing.
            let harmless = uri == "/settings" && reply.status == StatusCode::SEE_OTHER;
            assert!(
                reply.status.is_client_error() || harmless,
                "{method} {uri} with {body:?} answered {}: {}",
                reply.status,
                reply.body
            );
        }
    }
}
