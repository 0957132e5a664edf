//! The stylesheet, script and icon, compiled into the binary. Their URLs carry a hash of
//! their content, so browsers may cache them for good and still see a new version at once.

use std::sync::LazyLock;

use axum::Router;
use axum::extract::{Path, Query};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;

use crate::state::AppState;

struct Asset {
    name: &'static str,
    content_type: &'static str,
    body: &'static str,
}

const ASSETS: &[Asset] = &[
    Asset {
        name: "app.css",
        content_type: "text/css; charset=utf-8",
        body: include_str!("../assets/app.css"),
    },
    Asset {
        name: "app.js",
        content_type: "text/javascript; charset=utf-8",
        body: include_str!("../assets/app.js"),
    },
    Asset {
        name: "icon.svg",
        content_type: "image/svg+xml",
        body: include_str!("../assets/icon.svg"),
    },
];

/// FNV-1a: a stable content hash for cache busting (not for security).
fn hash(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

static URLS: LazyLock<Vec<String>> = LazyLock::new(|| {
    ASSETS
        .iter()
        .map(|a| format!("/assets/{}?v={}", a.name, &hash(a.body)[..12]))
        .collect()
});

pub fn css_url() -> &'static str {
    &URLS[0]
}

pub fn js_url() -> &'static str {
    &URLS[1]
}

pub fn routes() -> Router<AppState> {
    Router::new().route("/assets/{name}", get(asset))
}

#[derive(Deserialize)]
struct Version {
    v: Option<String>,
}

async fn asset(Path(name): Path<String>, Query(version): Query<Version>) -> Response {
    let Some(asset) = ASSETS.iter().find(|a| a.name == name) else {
        return crate::error::WebError::NotFound(format!("there is no asset named {name:?}"))
            .into_response();
    };
    // Only the URL naming the current content may be cached for ever.
    let current = version
        .v
        .is_some_and(|v| hash(asset.body).starts_with(&v) && v.len() == 12);
    let cache = if current {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, asset.content_type),
            (header::CACHE_CONTROL, cache),
        ],
        asset.body,
    )
        .into_response()
}
