//! The one error type of the web app, and the layers that turn any error response into an
//! HTML page (for pages) or a JSON object (for the API).

use std::any::Any;

use axum::Json;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{StatusCode, Uri, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use pyprep_store::StoreError;
use serde::Serialize;

use crate::view;

/// Everything a handler can fail with. Client errors carry a message written for the user;
/// server errors carry detail that is logged and never sent.
#[derive(Debug, thiserror::Error)]
pub enum WebError {
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    PayloadTooLarge(String),
    #[error("{0}")]
    UnsupportedMediaType(String),
    #[error("internal error: {0}")]
    Internal(String),
}

impl WebError {
    pub fn too_large(limit: usize) -> Self {
        WebError::PayloadTooLarge(format!(
            "the request body is larger than the {} KiB this server accepts",
            limit / 1024
        ))
    }

    pub fn status(&self) -> StatusCode {
        match self {
            WebError::BadRequest(_) => StatusCode::BAD_REQUEST,
            WebError::Forbidden(_) => StatusCode::FORBIDDEN,
            WebError::NotFound(_) => StatusCode::NOT_FOUND,
            WebError::Conflict(_) => StatusCode::CONFLICT,
            WebError::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            WebError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            WebError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

/// A value the user typed that names nothing (a difficulty, a role, a status): their
/// mistake, answered with the choices.
impl From<pyprep_core::model::UnknownName> for WebError {
    fn from(error: pyprep_core::model::UnknownName) -> Self {
        WebError::BadRequest(error.to_string())
    }
}

impl From<StoreError> for WebError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound(id) => WebError::NotFound(format!(
                "there is no question with id \"{id}\"; browse the questions to find it"
            )),
            other => WebError::Internal(other.to_string()),
        }
    }
}

impl From<askama::Error> for WebError {
    fn from(error: askama::Error) -> Self {
        WebError::Internal(format!("template: {error}"))
    }
}

/// The user-facing message of an error response, for the layers that dress it up.
#[derive(Debug, Clone)]
pub struct ErrorMessage(pub String);

const SERVER_TROUBLE: &str =
    "something went wrong inside pyprep; the details are in the server's log";

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let status = self.status();
        let message = match &self {
            WebError::Internal(detail) => {
                tracing::error!(%detail, "request failed");
                SERVER_TROUBLE.to_string()
            }
            other => other.to_string(),
        };
        let mut response = (
            status,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            message.clone(),
        )
            .into_response();
        response.extensions_mut().insert(ErrorMessage(message));
        response
    }
}

/// A message for error responses that did not come from a [`WebError`] (axum's own 405, say).
fn default_message(status: StatusCode) -> String {
    match status {
        StatusCode::NOT_FOUND => "there is nothing at this address".to_string(),
        StatusCode::METHOD_NOT_ALLOWED => "this address does not accept that method".to_string(),
        StatusCode::PAYLOAD_TOO_LARGE => WebError::too_large(crate::MAX_BODY_BYTES).to_string(),
        s if s.is_server_error() => SERVER_TROUBLE.to_string(),
        s => s
            .canonical_reason()
            .unwrap_or("the request was refused")
            .to_lowercase(),
    }
}

fn message_of(response: &Response) -> String {
    response
        .extensions()
        .get::<ErrorMessage>()
        .map(|m| m.0.clone())
        .unwrap_or_else(|| default_message(response.status()))
}

/// Turns error responses of page routes into HTML pages.
pub async fn html_errors(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let message = message_of(&response);
    let mut page = error_page(status, &message);
    // Keep headers such as `Allow` on a 405.
    for (name, value) in response.headers() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            page.headers_mut().append(name.clone(), value.clone());
        }
    }
    page
}

#[derive(Serialize)]
struct ErrorBody {
    error: String,
    status: u16,
}

fn json_error(status: StatusCode, message: String) -> Response {
    let body = ErrorBody {
        error: message,
        status: status.as_u16(),
    };
    (status, Json(body)).into_response()
}

/// Turns error responses of API routes into `{"error": message, "status": code}`.
pub async fn json_errors(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let message = message_of(&response);
    let mut json = json_error(status, message);
    for (name, value) in response.headers() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            json.headers_mut().append(name.clone(), value.clone());
        }
    }
    json
}

fn error_page(status: StatusCode, message: &str) -> Response {
    match view::render_error_page(status, message) {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "the error page itself failed to render");
            (status, message.to_string()).into_response()
        }
    }
}

/// The fallback for addresses no route knows.
pub async fn not_found(uri: Uri) -> Response {
    let message = format!("there is nothing at {}", uri.path());
    if uri.path() == "/api" || uri.path().starts_with("/api/") {
        json_error(StatusCode::NOT_FOUND, message)
    } else {
        error_page(StatusCode::NOT_FOUND, &message)
    }
}

pub fn panic_response(panic: Box<dyn Any + Send + 'static>) -> Response<Body> {
    let detail = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("a panic without a message");
    tracing::error!(%detail, "a request handler panicked");
    (StatusCode::INTERNAL_SERVER_ERROR, SERVER_TROUBLE).into_response()
}
