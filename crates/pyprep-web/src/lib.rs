//! pyprep's web app: the server-rendered pages (askama templates, embedded CSS and a little
//! progressive-enhancement JavaScript) and the JSON API with its OpenAPI document, all served
//! by one axum [`router`] over a [`pyprep_store::Store`].
//!
//! [`router`] builds the whole app from an [`AppState`] so tests drive it without a socket;
//! [`serve`] runs it on a listener the caller bound. Everything the browser loads comes from
//! this binary: no request may leave the machine, no page may need JavaScript to work, and
//! no handler may answer bad input with a 500. This crate must not open databases, parse
//! command lines or print: the binary does that and hands over a ready store.

mod api;
mod assets;
mod charts;
mod csrf;
mod error;
mod extract;
mod filter;
mod highlight;
mod markdown;
mod pages;
mod practice;
mod search;
mod security;
mod state;
mod view;

use std::future::Future;
use std::net::SocketAddr;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::middleware;
use tokio::net::TcpListener;

pub use error::WebError;
pub use state::{AppState, WebConfig};

/// Largest request body any route accepts; bigger bodies get a 413 with a clear message.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// Largest file the import page accepts (the biggest seed guide is under 600 KiB).
pub const MAX_UPLOAD_BYTES: usize = 4 * 1024 * 1024;

/// The whole app: pages, API, assets and the security layers around them.
pub fn router(state: AppState) -> Router {
    let csrf = middleware::from_fn_with_state(state.clone(), csrf::protect);
    // The CSRF check sits inside the error layers so a refusal reads like any other error.
    let pages = pages::routes()
        .layer(csrf.clone())
        .layer(middleware::from_fn(error::html_errors));
    let api = api::routes()
        .layer(csrf)
        .layer(middleware::from_fn(error::json_errors));
    Router::new()
        .merge(pages)
        .nest("/api", api)
        .merge(assets::routes())
        .fallback(error::not_found)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security::headers,
        ))
        // A bug that panics answers with a 500 like any other server error, instead of
        // dropping the connection.
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(
            error::panic_response,
        ))
        .with_state(state)
}

/// Serves `app` on `listener` until `shutdown` completes, then lets requests in flight end.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
}

/// A warning to show when `addr` is reachable from other machines: the app has no accounts,
/// so anyone who can reach it can read and change this user's data.
pub fn exposure_warning(addr: &SocketAddr) -> Option<String> {
    if addr.ip().is_loopback() {
        return None;
    }
    Some(format!(
        "pyprep is listening on {addr}, which other machines may reach; pyprep has no accounts \
         yet, so anyone who can connect can read and change your data. Use --addr 127.0.0.1:PORT \
         unless you mean it."
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_non_loopback_addresses_warn() {
        assert!(exposure_warning(&"127.0.0.1:8080".parse().unwrap()).is_none());
        assert!(exposure_warning(&"[::1]:8080".parse().unwrap()).is_none());
        let warning = exposure_warning(&"0.0.0.0:8080".parse().unwrap()).unwrap();
        assert!(warning.contains("0.0.0.0:8080"), "{warning}");
    }
}
