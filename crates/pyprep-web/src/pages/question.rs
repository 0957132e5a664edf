//! `/questions/{id}`: one question, its answer hidden until asked for.

use std::sync::Arc;

use axum::Extension;
use axum::extract::State;
use axum::response::Html;
use pyprep_core::model::is_valid_id;

use crate::csrf::CsrfToken;
use crate::error::WebError;
use crate::extract::Path;
use crate::state::{AppState, Cached, RenderedPage, TOKEN_SLOT};
use crate::view::{Layout, QuestionView};

#[derive(askama::Template)]
#[template(path = "question.html")]
struct QuestionPage {
    layout: Layout,
    q: QuestionView,
}

/// Reads the question and renders its whole page, with a slot for the CSRF token.
async fn render(state: &AppState, id: &str) -> Result<Arc<RenderedPage>, WebError> {
    let question = state.store.get(id).await?;
    let checks = state.store.checks(Some(id)).await?;
    // Markdown, highlighting and sanitising are CPU work; keep them off the I/O threads.
    let page = tokio::task::spawn_blocking(move || {
        let q = QuestionView::new(&question, &checks);
        let page = QuestionPage {
            layout: Layout::new(format!("{} · pyprep", q.title_plain), "browse", TOKEN_SLOT),
            q,
        };
        askama::Template::render(&page).map(|html| RenderedPage::new(&html))
    })
    .await
    .map_err(|e| WebError::Internal(format!("rendering a question failed: {e}")))??;
    Ok(Arc::new(page))
}

pub async fn page(
    State(state): State<AppState>,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<String>,
) -> Result<Html<String>, WebError> {
    if !is_valid_id(&id) {
        return Err(WebError::NotFound(format!(
            "there is no question with id {id:?}: ids are lowercase words joined by hyphens"
        )));
    }
    let page = match state.rendered.get(&id) {
        Cached::Fresh(page) => page,
        Cached::Missing => {
            let page = render(&state, &id).await?;
            state.rendered.put(&id, Arc::clone(&page));
            page
        }
        Cached::Refresh(stale) => match render(&state, &id).await {
            Ok(page) => {
                state.rendered.put(&id, Arc::clone(&page));
                page
            }
            Err(WebError::NotFound(message)) => {
                state.rendered.remove(&id);
                return Err(WebError::NotFound(message));
            }
            Err(error) => {
                tracing::warn!(%id, %error, "re-rendering a question failed; serving the last copy");
                state.rendered.refresh_failed(&id);
                stale
            }
        },
    };
    Ok(Html(page.with_token(&csrf.0)))
}
