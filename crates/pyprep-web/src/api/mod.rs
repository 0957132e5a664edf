//! The JSON API under `/api`: the same reads the pages make, as JSON, described by the
//! OpenAPI document at `/api/openapi.json`. State-changing calls need the `X-CSRF-Token`
//! header (from `GET /api/csrf`) with the cookie that call set.

mod practice;
mod types;

use std::sync::LazyLock;

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use pyprep_core::taxonomy::TOPICS;
use pyprep_store::Filter;
use utoipa::OpenApi;

use crate::csrf::CsrfToken;
use crate::error::WebError;
use crate::extract::{Path, Query};
use crate::filter::FilterQuery;
use crate::state::AppState;
use crate::view::topic_label;
use pyprep_core::check::current_checks;
pub use types::*;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/openapi.json", get(openapi))
        .route("/health", get(health))
        .route("/csrf", get(csrf))
        .route("/questions", get(list_questions))
        .route("/questions/{id}", get(get_question))
        .route("/stats", get(stats))
        .route("/topics", get(topics))
        .route("/search", get(search))
        .route("/study/next", get(study_next))
        .route("/study/answer", axum::routing::post(study_answer))
        .route("/settings", get(settings).put(change_settings))
        .route("/progress", get(progress_json))
        .route("/drills/next", get(practice::drill_next))
        .route("/drills/answer", post(practice::drill_answer))
        .route("/quiz", post(practice::quiz_start))
        .route("/quiz/report", post(practice::quiz_report))
        .route("/mock", post(practice::mock_start))
        .route("/mock/report", post(practice::mock_report_call))
        .route(
            "/import",
            post(practice::import_document).layer(axum::extract::DefaultBodyLimit::max(
                crate::MAX_UPLOAD_BYTES,
            )),
        )
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "pyprep",
        description = "The JSON API of pyprep's web app. Every error is `{\"error\": message, \"status\": code}`. \
                       Calls that change data need the `X-CSRF-Token` header with the token from `GET /api/csrf` \
                       and the cookie that call set."
    ),
    paths(health, csrf, list_questions, get_question, stats, topics, search, study_next, study_answer, settings, change_settings, progress_json,
          practice::drill_next, practice::drill_answer, practice::quiz_start, practice::quiz_report,
          practice::mock_start, practice::mock_report_call, practice::import_document),
    tags((name = "questions", description = "The question bank"))
)]
struct ApiDoc;

static OPENAPI: LazyLock<String> = LazyLock::new(|| {
    ApiDoc::openapi()
        .to_pretty_json()
        .unwrap_or_else(|e| format!("{{\"error\": \"the OpenAPI document failed: {e}\"}}"))
});

async fn openapi() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "application/json")],
        OPENAPI.as_str(),
    )
}

/// Whether the server is up, and its version.
#[utoipa::path(get, path = "/api/health", responses((status = 200, body = Health)))]
async fn health() -> Json<Health> {
    Json(Health {
        status: "ok".to_string(),
        version: env!("CARGO_PKG_VERSION").to_string(),
    })
}

/// A CSRF token for state-changing calls; the response also sets the cookie it belongs to.
#[utoipa::path(get, path = "/api/csrf", responses((status = 200, body = CsrfTokenBody)))]
async fn csrf(Extension(token): Extension<CsrfToken>) -> Json<CsrfTokenBody> {
    Json(CsrfTokenBody {
        token: token.0,
        header: "X-CSRF-Token".to_string(),
    })
}

/// Questions matching the filters, ordered by primary topic then title.
#[utoipa::path(
    get, path = "/api/questions", tag = "questions", params(FilterQuery),
    responses((status = 200, body = QuestionList), (status = 400, body = ApiError))
)]
async fn list_questions(
    State(state): State<AppState>,
    Query(query): Query<FilterQuery>,
) -> Result<Json<QuestionList>, WebError> {
    let filter = query.to_filter()?;
    let questions: Vec<QuestionSummaryBody> = state
        .store
        .list(&filter)
        .await?
        .into_iter()
        .map(QuestionSummaryBody::from)
        .collect();
    Ok(Json(QuestionList {
        total: questions.len(),
        questions,
    }))
}

/// One whole question, with what running each of its examples found.
#[utoipa::path(
    get, path = "/api/questions/{id}", tag = "questions",
    params(("id" = String, Path, description = "The question's id, e.g. `identity-vs-equality`")),
    responses((status = 200, body = QuestionBody), (status = 404, body = ApiError))
)]
async fn get_question(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<QuestionBody>, WebError> {
    if !pyprep_core::model::is_valid_id(&id) {
        return Err(WebError::NotFound(format!(
            "there is no question with id {id:?}: ids are lowercase words joined by hyphens"
        )));
    }
    let question = state.store.get(&id).await?;
    let checks = current_checks(&question, &state.store.checks(Some(&id)).await?);
    Ok(Json(QuestionBody::new(question, checks)))
}

/// Counts by topic, difficulty, kind, source and company over the questions the filters keep.
#[utoipa::path(
    get, path = "/api/stats", tag = "questions", params(FilterQuery),
    responses((status = 200, body = StatsBody), (status = 400, body = ApiError))
)]
async fn stats(
    State(state): State<AppState>,
    Query(query): Query<FilterQuery>,
) -> Result<Json<StatsBody>, WebError> {
    let filter = query.to_filter()?;
    Ok(Json(state.store.stats(&filter).await?.into()))
}

/// Every topic of the taxonomy, in order, with its label and question count.
#[utoipa::path(get, path = "/api/topics", tag = "questions", responses((status = 200, body = [TopicBody])))]
async fn topics(State(state): State<AppState>) -> Result<Json<Vec<TopicBody>>, WebError> {
    let stats = state.store.stats(&Filter::default()).await?;
    Ok(Json(
        TOPICS
            .iter()
            .map(|&name| TopicBody {
                name: name.to_string(),
                label: topic_label(name),
                questions: stats
                    .by_topic
                    .iter()
                    .find(|c| c.name == name)
                    .map_or(0, |c| c.count),
            })
            .collect(),
    ))
}

/// `?q=` plus the question filters, `verified`, `limit` and `offset`.
#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct SearchParams {
    /// The words to find; typos are forgiven, the last word may be unfinished, `"..."` finds
    /// a phrase and `-word` excludes one.
    q: Option<String>,
    topic: Option<String>,
    difficulty: Option<String>,
    company: Option<String>,
    kind: Option<String>,
    source: Option<String>,
    /// `verified`, `failing`, `unverified` or `no-code`.
    verified: Option<String>,
    /// Hits to return, 0 to 100 (default 20).
    limit: Option<usize>,
    /// Hits to skip, at most 10000.
    offset: Option<usize>,
}

/// Full-text search with typo tolerance, highlighted matches and facet counts.
#[utoipa::path(
    get, path = "/api/search", tag = "questions", params(SearchParams),
    responses((status = 200, body = SearchBody), (status = 400, body = ApiError))
)]
async fn search(
    State(state): State<AppState>,
    Query(params): Query<SearchParams>,
) -> Result<Json<SearchBody>, WebError> {
    let parsed = crate::pages::search::parse(
        params.q.as_deref(),
        FilterQuery {
            topic: params.topic,
            difficulty: params.difficulty,
            company: params.company,
            kind: params.kind,
            source: params.source,
        },
        params.verified.as_deref(),
    )?;
    let limit = params.limit.unwrap_or(20);
    if limit > 100 {
        return Err(WebError::BadRequest(format!(
            "limit {limit} is more than 100"
        )));
    }
    let offset = params.offset.unwrap_or(0);
    if offset > 10_000 {
        return Err(WebError::BadRequest(format!(
            "offset {offset} is more than 10000"
        )));
    }
    state.search.ready(&*state.store).await?;
    let results = state
        .search
        .index
        .search(&pyprep_search::Request {
            query: parsed.query,
            filter: parsed.filter,
            limit,
            offset,
            facets: true,
        })
        .map_err(|e| WebError::Internal(format!("search: {e}")))?;
    Ok(Json(results.into()))
}

/// The next card of today's study queue and how many are left.
#[utoipa::path(get, path = "/api/study/next", tag = "study", responses((status = 200, body = StudyNextBody)))]
async fn study_next(State(state): State<AppState>) -> Result<Json<StudyNextBody>, WebError> {
    use crate::pages::study::{Step, next};
    let (step, counts) = next(&state).await?;
    let (card, wait_until) = match step {
        Step::Card(card) => (
            Some(StudyCardBody {
                id: card.id,
                reps: card.reps,
                question_id: card.key.question_id.clone(),
                kind: card.key.kind.as_str().to_string(),
                example: match card.key.kind {
                    pyprep_practice::CardKind::Drill { example } => Some(example),
                    pyprep_practice::CardKind::Recall => None,
                },
                state: card.state.as_str().to_string(),
            }),
            None,
        ),
        Step::Wait { until } => (None, Some(until)),
        Step::Done => (None, None),
    };
    Ok(Json(StudyNextBody {
        card,
        wait_until,
        new: counts.new,
        learning: counts.learning,
        review: counts.review,
        done_today: counts.done_today,
    }))
}

/// Grades a card (1 again, 2 hard, 3 good, 4 easy) and stores the answer. Needs the
/// `X-CSRF-Token` header. `reps` must be the card's current count, so a repeated call does not
/// grade twice.
#[utoipa::path(
    post, path = "/api/study/answer", tag = "study", request_body = StudyAnswerBody,
    responses((status = 200, body = StudyAnsweredBody), (status = 400, body = ApiError),
              (status = 403, body = ApiError), (status = 404, body = ApiError), (status = 409, body = ApiError))
)]
async fn study_answer(
    State(state): State<AppState>,
    crate::extract::Json(body): crate::extract::Json<StudyAnswerBody>,
) -> Result<Json<StudyAnsweredBody>, WebError> {
    let grade = pyprep_practice::Grade::from_number(body.grade).ok_or_else(|| {
        WebError::BadRequest(format!(
            "grade {} is not one of 1 (again), 2 (hard), 3 (good), 4 (easy)",
            body.grade
        ))
    })?;
    let due = crate::pages::study::grade(
        &state,
        body.card_id,
        body.reps,
        grade,
        body.duration_ms.unwrap_or(0),
    )
    .await?;
    Ok(Json(StudyAnsweredBody { due }))
}

/// The practice settings people change.
#[utoipa::path(get, path = "/api/settings", tag = "study", responses((status = 200, body = SettingsBody)))]
async fn settings(State(state): State<AppState>) -> Result<Json<SettingsBody>, WebError> {
    Ok(Json(state.practice.practice_config().await?.into()))
}

/// Changes some practice settings (values as strings or numbers; absent ones stay). Needs
/// the `X-CSRF-Token` header.
#[utoipa::path(
    put, path = "/api/settings", tag = "study", request_body = crate::pages::settings::SettingsChange,
    responses((status = 200, body = SettingsBody), (status = 400, body = ApiError), (status = 403, body = ApiError))
)]
async fn change_settings(
    State(state): State<AppState>,
    crate::extract::Json(change): crate::extract::Json<serde_json::Value>,
) -> Result<Json<SettingsBody>, WebError> {
    // Accept numbers as well as strings, as people write them both ways.
    let field = |name: &str| match change.get(name) {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(serde_json::Value::Number(n)) => Ok(Some(n.to_string())),
        Some(serde_json::Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(WebError::BadRequest(format!(
            "{name} must be a number or a string, not {other}"
        ))),
    };
    const SETTINGS: [&str; 4] = [
        "desired_retention_percent",
        "new_per_day",
        "reviews_per_day",
        "interview_date",
    ];
    let Some(fields) = change.as_object() else {
        return Err(WebError::BadRequest(
            "the body must be a JSON object".to_string(),
        ));
    };
    // A misspelt setting silently ignored would look saved; say so instead.
    if let Some(unknown) = fields.keys().find(|k| !SETTINGS.contains(&k.as_str())) {
        return Err(WebError::BadRequest(format!(
            "unknown setting {unknown:?}; the settings are {}",
            SETTINGS.join(", ")
        )));
    }
    let parsed = crate::pages::settings::SettingsChange {
        desired_retention_percent: field("desired_retention_percent")?,
        new_per_day: field("new_per_day")?,
        reviews_per_day: field("reviews_per_day")?,
        interview_date: field("interview_date")?,
    };
    Ok(Json(
        crate::pages::settings::apply(&state, &parsed).await?.into(),
    ))
}

/// Reviews per day, retention, due forecast, mastery per topic and streak.
#[utoipa::path(get, path = "/api/progress", tag = "study", responses((status = 200, body = Object)))]
async fn progress_json(
    State(state): State<AppState>,
) -> Result<Json<pyprep_practice::Progress>, WebError> {
    Ok(Json(crate::pages::progress::compute(&state).await?))
}
