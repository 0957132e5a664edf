//! Downloads: one question in pyprep's bank format (the markdown `bank/` is written in, which
//! `pyprep bank check` reads and `pyprep import` takes back) and any listing as JSON with every
//! field. Anki decks and CSV belong to the export command and will be linked from here.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use pyprep_core::model::is_valid_id;

use crate::error::WebError;
use crate::extract::{Path, Query};
use crate::filter::FilterQuery;
use crate::state::AppState;

fn attachment(content_type: &'static str, file_name: &str, body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
        ],
        body,
    )
        .into_response()
}

/// `/questions/{id}/export.md`: the question as a bank file named after its id.
pub async fn question_markdown(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    // Ids are lowercase words and hyphens, so the file name needs no quoting.
    if !is_valid_id(&id) {
        return Err(WebError::NotFound(format!(
            "there is no question with id {id:?}: ids are lowercase words joined by hyphens"
        )));
    }
    let question = state.store.get(&id).await?;
    Ok(attachment(
        "text/markdown; charset=utf-8",
        &format!("{id}.md"),
        pyprep_core::write_question(&question),
    ))
}

/// `/export/questions.json?topic=…`: every question the same filters list on `/questions`.
pub async fn questions_json(
    State(state): State<AppState>,
    Query(query): Query<FilterQuery>,
) -> Result<Response, WebError> {
    let filter = query.to_filter()?;
    let questions = state.store.questions(&filter).await?;
    let body = serde_json::to_string_pretty(&questions)
        .map_err(|e| WebError::Internal(format!("writing JSON failed: {e}")))?;
    Ok(attachment(
        "application/json",
        "pyprep-questions.json",
        body,
    ))
}
