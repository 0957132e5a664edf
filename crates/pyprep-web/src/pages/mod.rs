//! The HTML pages. Each handler reads what it needs from the store and renders one askama
//! template; every page works without JavaScript.

pub(crate) mod browse;
pub(crate) mod drills;
mod export;
mod home;
pub(crate) mod import;
pub(crate) mod mock;
pub(crate) mod progress;
mod question;
pub(crate) mod quiz;
pub(crate) mod search;
pub(crate) mod settings;
pub(crate) mod study;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::response::Html;
use axum::routing::{get, post};

use crate::error::WebError;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home::page))
        .route("/questions", get(browse::page))
        .route("/questions/{id}", get(question::page))
        .route("/questions/{id}/export.md", get(export::question_markdown))
        .route("/export/questions.json", get(export::questions_json))
        .route("/search", get(search::page))
        .route("/study", get(study::page))
        .route("/drills", get(drills::page))
        .route("/drills/answer", post(drills::answer))
        .route("/progress", get(progress::page))
        .route("/settings", get(settings::page).post(settings::save))
        .route("/quiz", get(quiz::start_page).post(quiz::start))
        .route("/quiz/{id}", get(quiz::show))
        .route("/quiz/{id}/reveal", post(quiz::reveal))
        .route("/quiz/{id}/answer", post(quiz::answer))
        .route("/mock", get(mock::start_page).post(mock::start))
        .route("/mock/{id}", get(mock::show))
        .route("/mock/{id}/answer", post(mock::answer))
        .route("/mock/{id}/score", post(mock::score))
        .route("/import", get(import::page))
        .route(
            "/import/preview",
            post(import::preview).layer(DefaultBodyLimit::max(crate::MAX_UPLOAD_BYTES)),
        )
        .route("/import/confirm", post(import::confirm))
        .route("/study/reveal", post(study::reveal))
        .route("/study/answer", post(study::answer))
}

pub(crate) fn html(template: &impl askama::Template) -> Result<Html<String>, WebError> {
    Ok(Html(template.render()?))
}
