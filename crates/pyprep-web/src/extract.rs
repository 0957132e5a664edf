//! axum's extractors with their rejections turned into [`WebError`]s, so a malformed query,
//! form, body or path gets our clear 4xx message in the page's or the API's format.

use axum::extract::rejection::{FormRejection, JsonRejection, PathRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use crate::error::WebError;

pub struct Query<T>(pub T);
pub struct Path<T>(pub T);
pub struct Form<T>(pub T);
pub struct Json<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Query<T> {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, WebError> {
        axum::extract::Query::from_request_parts(parts, state)
            .await
            .map(|q| Query(q.0))
            .map_err(|e: QueryRejection| {
                WebError::BadRequest(format!("the query string is not valid: {}", e.body_text()))
            })
    }
}

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for Path<T> {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, WebError> {
        axum::extract::Path::from_request_parts(parts, state)
            .await
            .map(|p| Path(p.0))
            .map_err(|e: PathRejection| {
                WebError::BadRequest(format!("the address is not valid: {}", e.body_text()))
            })
    }
}

fn body_error(status: StatusCode, text: String) -> WebError {
    match status {
        StatusCode::PAYLOAD_TOO_LARGE => WebError::too_large(crate::MAX_BODY_BYTES),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => WebError::UnsupportedMediaType(text),
        _ => WebError::BadRequest(text),
    }
}

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Form<T> {
    type Rejection = WebError;

    async fn from_request(request: Request, state: &S) -> Result<Self, WebError> {
        axum::extract::Form::from_request(request, state)
            .await
            .map(|f| Form(f.0))
            .map_err(|e: FormRejection| {
                body_error(
                    e.status(),
                    format!("the form could not be read: {}", e.body_text()),
                )
            })
    }
}

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Json<T> {
    type Rejection = WebError;

    async fn from_request(request: Request, state: &S) -> Result<Self, WebError> {
        axum::extract::Json::from_request(request, state)
            .await
            .map(|j| Json(j.0))
            .map_err(|e: JsonRejection| {
                body_error(
                    e.status(),
                    format!("the JSON body could not be read: {}", e.body_text()),
                )
            })
    }
}
