//! Router tests: every page and API route driven through `tower::ServiceExt::oneshot`, on an
//! in-memory store holding the built-in bank, with good and bad input.

mod api;
mod api_practice;
mod pages;
mod practice;
mod search;
mod security;

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use pyprep_store::Store;
use pyprep_store_sqlite::SqliteStore;
use pyprep_web::{AppState, WebConfig, router};
use tower::ServiceExt;

pub struct App {
    pub router: Router,
    pub store: Arc<SqliteStore>,
}

/// The app over a fresh in-memory database with the built-in bank loaded.
pub async fn app() -> App {
    let store = SqliteStore::in_memory().await.unwrap();
    let bank = pyprep_bank::questions().unwrap();
    store
        .sync_bank(&bank, &pyprep_bank::version())
        .await
        .unwrap();
    let store = Arc::new(store);
    let state = AppState::new(store.clone(), WebConfig::default()).unwrap();
    App {
        router: router(state),
        store,
    }
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    #[track_caller]
    pub fn assert_status(&self, status: StatusCode) -> &Self {
        assert_eq!(self.status, status, "body: {}", self.body);
        self
    }

    #[track_caller]
    pub fn assert_contains(&self, text: &str) -> &Self {
        assert!(
            self.body.contains(text),
            "{text:?} not in body: {}",
            self.body
        );
        self
    }
}

pub async fn send(router: &Router, request: Request<Body>) -> Reply {
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    Reply {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

pub async fn get(router: &Router, uri: &str) -> Reply {
    send(router, Request::get(uri).body(Body::empty()).unwrap()).await
}

/// A browser's CSRF cookie and the token that goes with it, from a first page load.
pub async fn csrf(router: &Router) -> (String, String) {
    let reply = get(router, "/api/csrf").await;
    let cookie = reply
        .header(header::SET_COOKIE.as_str())
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let token = reply.json()["token"].as_str().unwrap().to_string();
    (cookie, token)
}
