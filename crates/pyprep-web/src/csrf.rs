//! CSRF protection for every state-changing request: the signed double-submit cookie.
//!
//! The browser gets a random id in an `HttpOnly`, `SameSite=Strict` cookie; pages carry
//! `HMAC(key, id)` in their forms (field `csrf`) and in a `<meta name="csrf-token">` that
//! scripts send back as the `X-CSRF-Token` header. A request with an unsafe method passes
//! only when the token matches the cookie, so another site can neither forge the token nor
//! plant a cookie that goes with one it knows. API clients get a token from `GET /api/csrf`.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::error::WebError;
use crate::state::AppState;

pub const COOKIE: &str = "pyprep_csrf";
pub const FIELD: &str = "csrf";
pub const HEADER: &str = "x-csrf-token";

/// The server's secret for signing tokens; random per process.
#[derive(Clone)]
pub struct CsrfKey([u8; 32]);

impl CsrfKey {
    pub fn random() -> Self {
        let mut key = [0u8; 32];
        // Without an OS random source there is no safe key; that is a broken machine, not
        // bad input, and the server cannot start safely.
        getrandom::fill(&mut key).expect("the operating system's random source is unavailable");
        CsrfKey(key)
    }

    fn mac(&self, id: &str) -> Hmac<Sha256> {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes any key length");
        mac.update(id.as_bytes());
        mac
    }

    fn token_for(&self, id: &str) -> String {
        hex(&self.mac(id).finalize().into_bytes())
    }

    fn verify(&self, id: &str, token: &str) -> bool {
        match unhex(token) {
            Some(bytes) => self.mac(id).verify_slice(&bytes).is_ok(),
            None => false,
        }
    }
}

/// The token a page puts in its forms, handed to handlers through request extensions.
#[derive(Debug, Clone)]
pub struct CsrfToken(pub String);

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if text.len() != 64 || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).ok())
        .collect()
}

fn new_id() -> String {
    let mut id = [0u8; 16];
    getrandom::fill(&mut id).expect("the operating system's random source is unavailable");
    hex(&id)
}

fn is_id(text: &str) -> bool {
    text.len() == 32 && text.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The CSRF id from the request's cookies, when it has a well-formed one.
fn cookie_id(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, value)| *name == COOKIE && is_id(value))
        .map(|(_, value)| value.to_string())
}

fn is_safe(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE
    )
}

/// Checks unsafe requests and gives every request a token (and the browser a cookie).
pub async fn protect(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let existing = cookie_id(request.headers());
    let request = if is_safe(request.method()) {
        request
    } else {
        match check(&state, existing.as_deref(), request).await {
            Ok(request) => request,
            Err(error) => return error.into_response(),
        }
    };
    let id = existing.clone().unwrap_or_else(new_id);
    let mut request = request;
    request
        .extensions_mut()
        .insert(CsrfToken(state.csrf.token_for(&id)));
    let mut response = next.run(request).await;
    if existing.is_none() {
        let cookie = format!("{COOKIE}={id}; Path=/; HttpOnly; SameSite=Strict");
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

const RELOAD: &str = "reload the page and try again";

/// Passes `request` on when its token matches its cookie. A form body is read here (within
/// the body limit) to find the `csrf` field, then handed on unchanged.
async fn check(state: &AppState, id: Option<&str>, request: Request) -> Result<Request, WebError> {
    let Some(id) = id else {
        return Err(WebError::Forbidden(format!(
            "this request has no CSRF cookie, so it may come from another site; {RELOAD} (API clients: GET /api/csrf first and send its cookie and token)"
        )));
    };
    if let Some(token) = request.headers().get(HEADER) {
        let token = token.to_str().unwrap_or("");
        return if state.csrf.verify(id, token) {
            Ok(request)
        } else {
            Err(WebError::Forbidden(format!(
                "the X-CSRF-Token header does not match this browser's CSRF cookie; {RELOAD}"
            )))
        };
    }
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    if content_type.starts_with("multipart/form-data") {
        return check_multipart(state, id, request, &content_type).await;
    }
    let is_form = content_type.starts_with("application/x-www-form-urlencoded");
    if !is_form {
        return Err(WebError::Forbidden(format!(
            "this request has no CSRF token: send the X-CSRF-Token header (from GET /api/csrf or the page's csrf-token meta tag); {RELOAD}"
        )));
    }
    let (parts, body) = request.into_parts();
    let bytes = axum::body::to_bytes(body, crate::MAX_BODY_BYTES)
        .await
        .map_err(|_| WebError::too_large(crate::MAX_BODY_BYTES))?;
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(&bytes)
        .map_err(|e| WebError::BadRequest(format!("the form could not be read: {e}")))?;
    let token = pairs
        .iter()
        .find(|(name, _)| name == FIELD)
        .map(|(_, value)| value.as_str());
    match token {
        Some(token) if state.csrf.verify(id, token) => {
            Ok(Request::from_parts(parts, Body::from(bytes)))
        }
        Some(_) => Err(WebError::Forbidden(format!(
            "the form's CSRF token does not match this browser's CSRF cookie (the page may be from an earlier run of pyprep serve); {RELOAD}"
        ))),
        None => Err(WebError::Forbidden(format!(
            "the form has no CSRF token; {RELOAD}"
        ))),
    }
}

/// An upload form must send its `csrf` field first (our forms put it first); the body is
/// read within the upload limit and handed on unchanged.
async fn check_multipart(
    state: &AppState,
    id: &str,
    request: Request,
    content_type: &str,
) -> Result<Request, WebError> {
    let (parts, body) = request.into_parts();
    let bytes = axum::body::to_bytes(body, crate::MAX_UPLOAD_BYTES)
        .await
        .map_err(|_| WebError::too_large(crate::MAX_UPLOAD_BYTES))?;
    let copy = Request::builder()
        .header(header::CONTENT_TYPE, content_type)
        .body(Body::from(bytes.clone()))
        .map_err(|e| WebError::BadRequest(format!("the upload could not be read: {e}")))?;
    let unreadable = |e: &dyn std::fmt::Display| {
        WebError::BadRequest(format!("the upload could not be read: {e}"))
    };
    let mut multipart =
        <axum::extract::Multipart as axum::extract::FromRequest<()>>::from_request(copy, &())
            .await
            .map_err(|e| unreadable(&e))?;
    let first = multipart.next_field().await.map_err(|e| unreadable(&e))?;
    let token = match first {
        Some(field) if field.name() == Some(FIELD) => {
            field.text().await.map_err(|e| unreadable(&e))?
        }
        _ => {
            return Err(WebError::Forbidden(format!(
                "the upload has no CSRF token; {RELOAD}"
            )));
        }
    };
    if state.csrf.verify(id, token.trim()) {
        Ok(Request::from_parts(parts, Body::from(bytes)))
    } else {
        Err(WebError::Forbidden(format!(
            "the upload's CSRF token does not match this browser's CSRF cookie; {RELOAD}"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_verify_only_for_their_id_and_key() {
        let key = CsrfKey::random();
        let id = new_id();
        let token = key.token_for(&id);
        assert!(key.verify(&id, &token));
        assert!(!key.verify(&new_id(), &token));
        assert!(!CsrfKey::random().verify(&id, &token));
        assert!(!key.verify(&id, "not hex"));
        assert!(!key.verify(&id, &token[..62]));
    }

    #[test]
    fn cookie_id_ignores_malformed_and_other_cookies() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("a=b; pyprep_csrf=xyz; theme=dark"),
        );
        assert_eq!(cookie_id(&headers), None);
        let id = new_id();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_str(&format!("a=b; {COOKIE}={id}")).unwrap(),
        );
        assert_eq!(cookie_id(&headers), Some(id));
    }
}
