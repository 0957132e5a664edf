//! The API's practice and import calls: drills, quizzes, mock interviews and imports, doing
//! what the pages do. Quizzes and mock interviews are stateless here: a client draws the
//! questions, runs the session itself and posts the answers for the report, which is stored
//! like one run on the pages.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use pyprep_practice::{
    Grade, MockAnswer, MockReport, MockSpec, QuizAnswer, QuizReport, SessionReport, check_answer,
    mock_report,
};
use serde::{Deserialize, Serialize};

use super::ApiError;
use crate::error::WebError;
use crate::extract::Query;
use crate::filter::FilterQuery;
use crate::pages::drills::{self, Drill, DrillQuery, DrillResult};
use crate::pages::{import, mock, quiz, study};
use crate::practice::clock;
use crate::state::AppState;

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct DrillNextBody {
    /// Null when no example on this topic has a known output.
    pub drill: Option<Drill>,
}

/// A random predict-the-output drill.
#[utoipa::path(get, path = "/api/drills/next", tag = "study", params(DrillQuery),
    responses((status = 200, body = DrillNextBody), (status = 400, body = ApiError)))]
pub async fn drill_next(
    State(state): State<AppState>,
    Query(query): Query<DrillQuery>,
) -> Result<Json<DrillNextBody>, WebError> {
    let topic = query.topic()?;
    Ok(Json(DrillNextBody {
        drill: drills::pick(&state, topic).await?,
    }))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct DrillAnswerBody {
    pub question_id: String,
    pub example: u32,
    /// The predicted output.
    pub typed: String,
}

/// Checks a predicted output against what the example really prints. Nothing is recorded.
/// Needs the `X-CSRF-Token` header.
#[utoipa::path(post, path = "/api/drills/answer", tag = "study", request_body = DrillAnswerBody,
    responses((status = 200, body = DrillResult), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn drill_answer(
    State(state): State<AppState>,
    crate::extract::Json(body): crate::extract::Json<DrillAnswerBody>,
) -> Result<Json<DrillResult>, WebError> {
    let (_, result) = drills::check(&state, &body.question_id, body.example, &body.typed).await?;
    Ok(Json(result))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct QuizStartBody {
    pub topic: Option<String>,
    pub difficulty: Option<String>,
    pub company: Option<String>,
    /// 1 to 50.
    pub count: u32,
}

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct QuizCardBody {
    pub card_id: i64,
    /// The card's answer count: send it back with the grade.
    pub reps: u32,
    pub question_id: String,
    pub title: String,
    /// `recall` or `drill`.
    pub kind: String,
    /// For drills, the example to predict.
    pub example: Option<u32>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct QuizBody {
    /// The filters as given, to send back with the answers.
    pub filters: Vec<String>,
    pub cards: Vec<QuizCardBody>,
}

/// Draws a quiz: cards matching the filters, in the order to ask them. Needs the
/// `X-CSRF-Token` header (it creates cards for new questions).
#[utoipa::path(post, path = "/api/quiz", tag = "study", request_body = QuizStartBody,
    responses((status = 200, body = QuizBody), (status = 400, body = ApiError), (status = 403, body = ApiError)))]
pub async fn quiz_start(
    State(state): State<AppState>,
    crate::extract::Json(body): crate::extract::Json<QuizStartBody>,
) -> Result<Json<QuizBody>, WebError> {
    let query = FilterQuery {
        topic: body.topic,
        difficulty: body.difficulty,
        company: body.company,
        kind: None,
        source: None,
    };
    let (filters, ids) = quiz::draw(&state, query, &body.count.to_string()).await?;
    let mut cards = Vec::with_capacity(ids.len());
    for id in ids {
        let card = state.practice.card(id).await?;
        let question = state.store.get(&card.key.question_id).await?;
        cards.push(QuizCardBody {
            card_id: card.id,
            reps: card.reps,
            question_id: question.id,
            title: question.title,
            kind: card.key.kind.as_str().to_string(),
            example: match card.key.kind {
                pyprep_practice::CardKind::Drill { example } => Some(example),
                pyprep_practice::CardKind::Recall => None,
            },
        });
    }
    Ok(Json(QuizBody { filters, cards }))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct QuizGradeBody {
    pub card_id: i64,
    pub reps: u32,
    /// 1 again, 2 hard, 3 good, 4 easy.
    pub grade: u8,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct QuizReportBody {
    #[serde(default)]
    pub filters: Vec<String>,
    pub answers: Vec<QuizGradeBody>,
}

fn grade(number: u8) -> Result<Grade, WebError> {
    Grade::from_number(number).ok_or_else(|| {
        WebError::BadRequest(format!(
            "grade {number} is not one of 1 (again), 2 (hard), 3 (good), 4 (easy)"
        ))
    })
}

/// Grades every answered card (each stored as a review, as in study) and stores the quiz's
/// report. Needs the `X-CSRF-Token` header.
#[utoipa::path(post, path = "/api/quiz/report", tag = "study", request_body = QuizReportBody,
    responses((status = 200, body = Object), (status = 400, body = ApiError), (status = 403, body = ApiError),
              (status = 404, body = ApiError), (status = 409, body = ApiError)))]
pub async fn quiz_report(
    State(state): State<AppState>,
    crate::extract::Json(body): crate::extract::Json<QuizReportBody>,
) -> Result<Json<QuizReport>, WebError> {
    if body.answers.is_empty() || body.answers.len() > 50 {
        return Err(WebError::BadRequest(
            "a quiz report has 1 to 50 answers".into(),
        ));
    }
    // Check every grade before storing any, so a bad one changes nothing.
    let grades = body
        .answers
        .iter()
        .map(|a| grade(a.grade))
        .collect::<Result<Vec<_>, _>>()?;
    let started_at = clock().now;
    let mut answers = Vec::with_capacity(grades.len());
    for (answer, grade) in body.answers.iter().zip(grades) {
        let card = state.practice.card(answer.card_id).await?;
        let question = state.store.get(&card.key.question_id).await?;
        study::grade(&state, answer.card_id, answer.reps, grade, 0).await?;
        answers.push(QuizAnswer {
            card: card.key,
            title: question.title,
            grade,
        });
    }
    let report = QuizReport::new(body.filters, answers);
    state
        .practice
        .save_session(
            started_at,
            clock().now,
            &SessionReport::Quiz(report.clone()),
        )
        .await?;
    Ok(Json(report))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct MockStartBody {
    /// `backend`, `data` or `general`.
    pub role: String,
    /// `junior`, `mid` or `senior`.
    pub level: String,
    pub company: Option<String>,
    /// 5 to 180.
    pub minutes: u32,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct MockQuestionBody {
    pub id: String,
    pub title: String,
    pub prompt: String,
    pub topics: Vec<String>,
    /// `easy`, `medium` or `hard`.
    pub difficulty: String,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct MockBody {
    /// Send it back with the answers.
    #[schema(value_type = Object)]
    pub spec: MockSpec,
    pub allotted_seconds: u32,
    pub questions: Vec<MockQuestionBody>,
}

/// Picks a mock interview's questions, easy to hard, with the time for each.
#[utoipa::path(post, path = "/api/mock", tag = "study", request_body = MockStartBody,
    responses((status = 200, body = MockBody), (status = 400, body = ApiError), (status = 403, body = ApiError)))]
pub async fn mock_start(
    State(state): State<AppState>,
    crate::extract::Json(body): crate::extract::Json<MockStartBody>,
) -> Result<Json<MockBody>, WebError> {
    let spec = mock::spec(
        &body.role,
        &body.level,
        body.company.as_deref().unwrap_or(""),
        &body.minutes.to_string(),
    )?;
    let (picked, allotted_seconds) = mock::pick_questions(&state, &spec).await?;
    let mut questions = Vec::with_capacity(picked.len());
    for candidate in picked {
        let question = state.store.get(&candidate.id).await?;
        questions.push(MockQuestionBody {
            id: question.id,
            title: question.title,
            prompt: question.prompt,
            topics: question.topics,
            difficulty: question.difficulty.to_string(),
        });
    }
    Ok(Json(MockBody {
        spec,
        allotted_seconds,
        questions,
    }))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct MockAnswerBody {
    pub question_id: String,
    /// The interviewer's score, 1 to 4 as in study.
    pub score: u8,
    pub seconds: u32,
    /// The typed answer, if any: its key-point coverage goes into the report.
    pub answer: Option<String>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct MockReportBody {
    #[schema(value_type = Object)]
    pub spec: MockSpec,
    pub allotted_seconds: u32,
    pub answers: Vec<MockAnswerBody>,
}

/// Scores a finished mock interview, stores its report and puts weak answers first in the
/// study queue. Needs the `X-CSRF-Token` header.
#[utoipa::path(post, path = "/api/mock/report", tag = "study", request_body = MockReportBody,
    responses((status = 200, body = Object), (status = 400, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn mock_report_call(
    State(state): State<AppState>,
    crate::extract::Json(body): crate::extract::Json<MockReportBody>,
) -> Result<Json<MockReport>, WebError> {
    if body.answers.is_empty() || body.answers.len() > 15 {
        return Err(WebError::BadRequest(
            "a mock interview report has 1 to 15 answers".into(),
        ));
    }
    let mut answers = Vec::with_capacity(body.answers.len());
    for answer in &body.answers {
        let score = grade(answer.score)?;
        let question = state.store.get(&answer.question_id).await?;
        let coverage = answer
            .answer
            .as_deref()
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(|a| check_answer(&question, a).coverage);
        answers.push(MockAnswer {
            question_id: question.id,
            title: question.title,
            topics: question.topics,
            difficulty: question.difficulty,
            score,
            seconds: answer.seconds,
            allotted_seconds: body.allotted_seconds,
            coverage,
        });
    }
    let seconds: i64 = answers.iter().map(|a| i64::from(a.seconds)).sum();
    let report = mock_report(&body.spec, answers);
    mock::save(&state, &report, clock().now - seconds).await?;
    Ok(Json(report))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// The document's file name, recorded as the questions' source.
    pub name: String,
    /// `true` to see what would be imported without storing anything.
    #[serde(default)]
    pub dry_run: bool,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ImportBody {
    pub document: String,
    /// The layout detected.
    pub format: String,
    pub questions: usize,
    pub new: usize,
    pub merged: usize,
    pub unchanged: usize,
    pub warnings: Vec<String>,
    /// False for a dry run.
    pub stored: bool,
}

/// Imports one document sent as the request body (markdown, MDX or text; up to 4 MiB): the
/// seed guides' layouts and generic Q&A, merged with what is stored. Needs the
/// `X-CSRF-Token` header.
#[utoipa::path(post, path = "/api/import", tag = "questions", params(ImportQuery),
    request_body(content = String, content_type = "text/markdown"),
    responses((status = 200, body = ImportBody), (status = 400, body = ApiError), (status = 403, body = ApiError), (status = 413, body = ApiError)))]
pub async fn import_document(
    State(state): State<AppState>,
    Query(query): Query<ImportQuery>,
    body: Bytes,
) -> Result<Json<ImportBody>, WebError> {
    if body.is_empty() {
        return Err(WebError::BadRequest(
            "send the document as the request body".into(),
        ));
    }
    let name = import::clean_name(&query.name);
    let (document, outcome, fate) = import::plan(&state, &name, &body).await?;
    if document.questions.is_empty() {
        // Nothing to store is almost always the wrong file: say why rather than "OK, 0".
        return Err(WebError::BadRequest(document.warnings.first().map_or_else(
            || format!("{name} has no questions to import"),
            ToString::to_string,
        )));
    }
    if !query.dry_run {
        import::write(&state, &name, &outcome).await?;
    }
    let count = |f: &str| fate.iter().filter(|x| **x == f).count();
    Ok(Json(ImportBody {
        format: document.format.as_str().to_string(),
        questions: document.questions.len(),
        new: count("new"),
        merged: count("merged"),
        unchanged: count("unchanged"),
        warnings: document.warnings.iter().map(ToString::to_string).collect(),
        stored: !query.dry_run,
        document: name,
    }))
}
