//! `/quiz`: a fixed number of random cards by topic, difficulty or company, scored at the
//! end (as `pyprep quiz`). Each answer is a real review for the scheduler, and the finished
//! quiz is kept in history. A running quiz lives in memory under a random id.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::Extension;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Redirect, Response};
use pyprep_core::taxonomy::TOPICS;
use pyprep_practice::{Grade, QuizAnswer, QuizReport, SessionReport, pick};
use serde::Deserialize;

use crate::csrf::CsrfToken;
use crate::error::WebError;
use crate::extract::{Form, Path};
use crate::filter::FilterQuery;
use crate::markdown;
use crate::practice::{self, clock, rng};
use crate::state::AppState;
use crate::view::{Layout, Named};

struct Quiz {
    touched: Instant,
    filters: Vec<String>,
    cards: Vec<i64>,
    answers: Vec<QuizAnswer>,
    started_at: i64,
    report: Option<QuizReport>,
}

#[derive(Default)]
pub struct Quizzes(Mutex<HashMap<String, Quiz>>);

const KEEP_FOR: Duration = Duration::from_secs(4 * 3600);
const MAX_QUIZZES: usize = 32;

impl Quizzes {
    fn with<T>(&self, id: &str, f: impl FnOnce(&mut Quiz) -> T) -> Result<T, WebError> {
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let quiz = map
            .get_mut(id)
            .filter(|q| q.touched.elapsed() < KEEP_FOR)
            .ok_or_else(|| {
                WebError::NotFound(
                    "this quiz is not running any more (it ended, or the server restarted); start a new one".to_string(),
                )
            })?;
        quiz.touched = Instant::now();
        Ok(f(quiz))
    }

    fn insert(&self, quiz: Quiz) -> String {
        let mut bytes = [0u8; 16];
        getrandom::fill(&mut bytes).expect("the operating system's random source is unavailable");
        let id: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        map.retain(|_, q| q.touched.elapsed() < KEEP_FOR);
        if map.len() >= MAX_QUIZZES
            && let Some(oldest) = map
                .iter()
                .min_by_key(|(_, q)| q.touched)
                .map(|(k, _)| k.clone())
        {
            map.remove(&oldest);
        }
        map.insert(id.clone(), quiz);
        id
    }
}

#[derive(askama::Template)]
#[template(path = "quiz_start.html")]
struct StartPage {
    layout: Layout,
    topics: Vec<Named>,
    companies: Vec<String>,
}

pub async fn start_page(
    State(state): State<AppState>,
    Extension(csrf): Extension<CsrfToken>,
) -> Result<Html<String>, WebError> {
    let stats = state.store.stats(&pyprep_store::Filter::default()).await?;
    super::html(&StartPage {
        layout: Layout::new("Quiz · pyprep", "quiz", &csrf.0),
        topics: TOPICS
            .iter()
            .filter(|t| stats.by_topic.iter().any(|c| c.name == **t))
            .map(|t| Named::topic(t))
            .collect(),
        companies: stats.by_company.into_iter().map(|c| c.name).collect(),
    })
}

#[derive(Debug, Deserialize)]
pub struct StartForm {
    topic: Option<String>,
    difficulty: Option<String>,
    company: Option<String>,
    count: String,
}

/// Draws `count` (1-50, as typed) of the cards the filters select: the quiz's filters as the
/// user gave them, and its cards in order. Shared by the page and the API.
pub async fn draw(
    state: &AppState,
    query: FilterQuery,
    count: &str,
) -> Result<(Vec<String>, Vec<i64>), WebError> {
    let count = count
        .trim()
        .parse::<usize>()
        .ok()
        .filter(|n| (1..=50).contains(n))
        .ok_or_else(|| {
            WebError::BadRequest(format!("a quiz has 1 to 50 questions, not {count:?}"))
        })?;
    let filter = query.to_filter()?;
    practice::ensure_cards(state).await?;
    let cards: Vec<i64> = state
        .practice
        .cards(&filter)
        .await?
        .into_iter()
        .filter(|c| !c.card.suspended)
        .map(|c| c.card.id)
        .collect();
    if cards.is_empty() {
        return Err(WebError::BadRequest(
            "no question matches these filters; choose fewer".to_string(),
        ));
    }
    let filters = [
        ("topic", filter.topic.clone()),
        ("difficulty", filter.difficulty.map(|d| d.to_string())),
        ("company", filter.company.clone()),
    ]
    .into_iter()
    .filter_map(|(name, value)| value.map(|v| format!("{name}={v}")))
    .collect();
    Ok((filters, pick(&cards, count, rng().next_u64())))
}

pub async fn start(
    State(state): State<AppState>,
    Form(form): Form<StartForm>,
) -> Result<Response, WebError> {
    let query = FilterQuery {
        topic: form.topic,
        difficulty: form.difficulty,
        company: form.company,
        kind: None,
        source: None,
    };
    let (filters, cards) = draw(&state, query, &form.count).await?;
    let id = state.quizzes.insert(Quiz {
        touched: Instant::now(),
        filters,
        cards,
        answers: Vec::new(),
        started_at: clock().now,
        report: None,
    });
    Ok(Redirect::to(&format!("/quiz/{id}")).into_response())
}

pub struct AnswerRow {
    pub question_id: String,
    pub title_html: String,
    pub grade: &'static str,
    pub passed: bool,
}

#[derive(askama::Template)]
#[template(path = "quiz_report.html")]
struct ReportPage {
    layout: Layout,
    filters: String,
    correct: u32,
    answered: u32,
    percent: u32,
    answers: Vec<AnswerRow>,
}

pub async fn show(
    State(state): State<AppState>,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<String>,
) -> Result<Html<String>, WebError> {
    let (report, current, number, total) = state.quizzes.with(&id, |q| {
        (
            q.report.clone(),
            q.cards.get(q.answers.len()).copied(),
            q.answers.len() + 1,
            q.cards.len(),
        )
    })?;
    if let Some(report) = report {
        return super::html(&ReportPage {
            layout: Layout::new("Quiz result · pyprep", "quiz", &csrf.0),
            filters: if report.filters.is_empty() {
                "all questions".to_string()
            } else {
                report.filters.join(", ")
            },
            correct: report.correct,
            answered: report.answered,
            percent: report.percent.round() as u32,
            answers: report
                .answers
                .iter()
                .map(|a| AnswerRow {
                    question_id: a.card.question_id.clone(),
                    title_html: markdown::inline(&a.title),
                    grade: a.grade.as_str(),
                    passed: a.grade >= Grade::Good,
                })
                .collect(),
        });
    }
    let card_id = current.ok_or_else(|| WebError::Internal("a quiz ran out of cards".into()))?;
    let card = state.practice.card(card_id).await?;
    super::study::front_page(
        &state,
        &csrf.0,
        &card,
        format!("Quiz: question {number} of {total}"),
        "quiz",
        format!("/quiz/{id}/reveal"),
    )
    .await
}

pub async fn reveal(
    State(state): State<AppState>,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<String>,
    Form(form): Form<super::study::RevealForm>,
) -> Result<Html<String>, WebError> {
    let current = state
        .quizzes
        .with(&id, |q| q.cards.get(q.answers.len()).copied())?;
    if current != Some(form.card_id) {
        return Err(WebError::Conflict(
            "this card is not the quiz's current question; go back to the quiz".into(),
        ));
    }
    super::study::back_page(&state, &csrf.0, form, "quiz", format!("/quiz/{id}/answer")).await
}

#[derive(Debug, Deserialize)]
pub struct AnswerForm {
    card_id: i64,
    reps: u32,
    grade: String,
}

pub async fn answer(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Form(form): Form<AnswerForm>,
) -> Result<Response, WebError> {
    let grade = form
        .grade
        .trim()
        .parse::<u8>()
        .ok()
        .and_then(Grade::from_number)
        .ok_or_else(|| WebError::BadRequest(format!("grade {:?} is not 1 to 4", form.grade)))?;
    let current = state
        .quizzes
        .with(&id, |q| q.cards.get(q.answers.len()).copied())?;
    if current != Some(form.card_id) {
        return Err(WebError::Conflict(
            "this question of the quiz was answered already; go on with the quiz".into(),
        ));
    }
    let card = state.practice.card(form.card_id).await?;
    let question = state.store.get(&card.key.question_id).await?;
    super::study::grade(&state, form.card_id, form.reps, grade, 0).await?;
    let finished = state.quizzes.with(&id, |q| {
        q.answers.push(QuizAnswer {
            card: card.key.clone(),
            title: question.title.clone(),
            grade,
        });
        if q.answers.len() >= q.cards.len() {
            let report = QuizReport::new(q.filters.clone(), q.answers.clone());
            q.report = Some(report.clone());
            Some((report, q.started_at))
        } else {
            None
        }
    })?;
    if let Some((report, started_at)) = finished {
        state
            .practice
            .save_session(started_at, clock().now, &SessionReport::Quiz(report))
            .await?;
    }
    Ok(Redirect::to(&format!("/quiz/{id}")).into_response())
}
