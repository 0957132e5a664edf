//! `/mock`: a timed mock interview for a role, level and company, answered one question at
//! a time: answer, see the rubric and model answer, score yourself, and end with a report
//! that puts the weak questions at the front of the study queue (as `pyprep mock` does).
//! A running interview lives in memory for a few hours under a random id.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::Extension;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Redirect, Response};
use pyprep_practice::{
    Candidate, CardKey, CardState, Grade, Level, MockAnswer, MockReport, MockSpec, Role,
    SessionReport, check_answer, mock_report, pick_mock,
};
use pyprep_store::{Filter, Position};
use serde::Deserialize;

use crate::csrf::CsrfToken;
use crate::error::WebError;
use crate::extract::{Form, Path};
use crate::markdown;
use crate::practice::{clock, rng};
use crate::state::AppState;
use crate::view::{Layout, topic_label};

struct Session {
    touched: Instant,
    spec: MockSpec,
    picked: Vec<Candidate>,
    allotted: u32,
    started_at: i64,
    /// Unix ms when the current question was shown.
    shown_at: i64,
    /// The typed answer's suggested score and coverage, between answering and scoring.
    checked: Option<(Option<Grade>, Option<f32>, u32)>,
    answers: Vec<MockAnswer>,
    report: Option<MockReport>,
}

/// Interviews in progress, by id.
#[derive(Default)]
pub struct Mocks(Mutex<HashMap<String, Session>>);

const KEEP_FOR: Duration = Duration::from_secs(4 * 3600);
const MAX_MOCKS: usize = 32;

impl Mocks {
    fn with<T>(&self, id: &str, f: impl FnOnce(&mut Session) -> T) -> Result<T, WebError> {
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let session = map
            .get_mut(id)
            .filter(|s| s.touched.elapsed() < KEEP_FOR)
            .ok_or_else(|| {
                WebError::NotFound(
                    "this mock interview is not running any more (it ended, or the server restarted); start a new one".to_string(),
                )
            })?;
        session.touched = Instant::now();
        Ok(f(session))
    }

    fn insert(&self, session: Session) -> String {
        let mut bytes = [0u8; 16];
        getrandom::fill(&mut bytes).expect("the operating system's random source is unavailable");
        let id: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        map.retain(|_, s| s.touched.elapsed() < KEEP_FOR);
        if map.len() >= MAX_MOCKS
            && let Some(oldest) = map
                .iter()
                .min_by_key(|(_, s)| s.touched)
                .map(|(k, _)| k.clone())
        {
            map.remove(&oldest);
        }
        map.insert(id.clone(), session);
        id
    }
}

fn now_ms() -> i64 {
    jiff::Timestamp::now().as_millisecond()
}

fn mm_ss(seconds: u32) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

#[derive(askama::Template)]
#[template(path = "mock_start.html")]
struct StartPage {
    layout: Layout,
    companies: Vec<String>,
}

pub async fn start_page(
    State(state): State<AppState>,
    Extension(csrf): Extension<CsrfToken>,
) -> Result<Html<String>, WebError> {
    let stats = state.store.stats(&Filter::default()).await?;
    super::html(&StartPage {
        layout: Layout::new("Mock interview · pyprep", "mock", &csrf.0),
        companies: stats.by_company.into_iter().map(|c| c.name).collect(),
    })
}

#[derive(Debug, Deserialize)]
pub struct StartForm {
    role: String,
    level: String,
    #[serde(default)]
    company: String,
    minutes: String,
}

/// The interview the form (or an API call) describes, with every value checked.
pub fn spec(role: &str, level: &str, company: &str, minutes: &str) -> Result<MockSpec, WebError> {
    let role: Role = role.parse()?;
    let level: Level = level.parse()?;
    let minutes = minutes
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|m| (5..=180).contains(m))
        .ok_or_else(|| {
            WebError::BadRequest(format!(
                "the length must be 5 to 180 minutes, not {minutes:?}"
            ))
        })?;
    let company = Some(company.trim().to_string()).filter(|c| !c.is_empty());
    Ok(MockSpec {
        role,
        level,
        company,
        minutes,
    })
}

/// The questions of an interview for `spec` and the seconds allotted to each.
pub async fn pick_questions(
    state: &AppState,
    spec: &MockSpec,
) -> Result<(Vec<Candidate>, u32), WebError> {
    let candidates: Vec<Candidate> = state
        .store
        .list(&Filter::default())
        .await?
        .into_iter()
        .map(Candidate::from)
        .collect();
    let picked = pick_mock(&candidates, spec, rng().next_u64());
    if picked.is_empty() {
        return Err(WebError::BadRequest(
            "there are no questions to interview with; import some first".to_string(),
        ));
    }
    let allotted = spec.minutes * 60 / picked.len() as u32;
    Ok((picked, allotted))
}

pub async fn start(
    State(state): State<AppState>,
    Form(form): Form<StartForm>,
) -> Result<Response, WebError> {
    let spec = spec(&form.role, &form.level, &form.company, &form.minutes)?;
    let (picked, allotted) = pick_questions(&state, &spec).await?;
    let id = state.mocks.insert(Session {
        touched: Instant::now(),
        spec,
        picked,
        allotted,
        started_at: clock().now,
        shown_at: now_ms(),
        checked: None,
        answers: Vec::new(),
        report: None,
    });
    Ok(Redirect::to(&format!("/mock/{id}")).into_response())
}

#[derive(askama::Template)]
#[template(path = "mock_question.html")]
struct QuestionPage {
    layout: Layout,
    id: String,
    number: usize,
    total: usize,
    title_html: String,
    prompt_html: String,
    topics: String,
    difficulty: &'static str,
    allotted: u32,
    allotted_text: String,
    shown_at: i64,
}

pub struct ScoreButton {
    pub number: u8,
    pub name: &'static str,
    pub suggested: bool,
}

#[derive(askama::Template)]
#[template(path = "mock_feedback.html")]
struct FeedbackPage {
    layout: Layout,
    id: String,
    number: usize,
    total: usize,
    title_html: String,
    typed: String,
    time_text: String,
    over_time: bool,
    coverage: Option<u32>,
    /// The coverage verdict's colour: `ok`, `meh` or `bad`.
    tone: &'static str,
    key_points: Vec<String>,
    look_for: Vec<String>,
    strong_signals: Vec<String>,
    red_flags: Vec<String>,
    answer_html: String,
    scores: Vec<ScoreButton>,
}

pub struct TopicRow {
    pub label: String,
    pub questions: u32,
    pub percent: u32,
}

pub struct AnswerRow {
    pub question_id: String,
    pub title_html: String,
    pub score: &'static str,
    pub time: String,
    pub over: bool,
}

#[derive(askama::Template)]
#[template(path = "mock_report.html")]
struct ReportPage {
    layout: Layout,
    spec: String,
    percent: u32,
    time: String,
    over_time: bool,
    topics: Vec<TopicRow>,
    answers: Vec<AnswerRow>,
    weakest: Vec<String>,
    study_next: usize,
}

fn report_page(csrf: &str, report: &MockReport) -> Result<Html<String>, WebError> {
    let spec = format!(
        "{} {} interview{}, {} minutes",
        report.spec.level,
        report.spec.role,
        report
            .spec
            .company
            .as_deref()
            .map(|c| format!(" at {c}"))
            .unwrap_or_default(),
        report.spec.minutes
    );
    super::html(&ReportPage {
        layout: Layout::new("Mock interview report · pyprep", "mock", csrf),
        spec,
        percent: report.percent.round() as u32,
        time: mm_ss(report.seconds),
        over_time: report.over_time,
        topics: report
            .per_topic
            .iter()
            .map(|t| TopicRow {
                label: topic_label(&t.topic),
                questions: t.questions,
                percent: t.percent.round() as u32,
            })
            .collect(),
        answers: report
            .answers
            .iter()
            .map(|a| AnswerRow {
                question_id: a.question_id.clone(),
                title_html: markdown::inline(&a.title),
                score: a.score.as_str(),
                time: mm_ss(a.seconds),
                over: a.seconds > a.allotted_seconds,
            })
            .collect(),
        weakest: report.weakest.iter().map(|t| topic_label(t)).collect(),
        study_next: report.study_next.len(),
    })
}

pub async fn show(
    State(state): State<AppState>,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<String>,
) -> Result<Html<String>, WebError> {
    let (report, current, number, total, allotted, shown_at) = state.mocks.with(&id, |s| {
        (
            s.report.clone(),
            s.picked.get(s.answers.len()).cloned(),
            s.answers.len() + 1,
            s.picked.len(),
            s.allotted,
            s.shown_at,
        )
    })?;
    if let Some(report) = report {
        return report_page(&csrf.0, &report);
    }
    let Some(candidate) = current else {
        return Err(WebError::Internal(
            "a mock interview without a report ran out of questions".into(),
        ));
    };
    let question = state.store.get(&candidate.id).await?;
    super::html(&QuestionPage {
        layout: Layout::new(
            format!("Mock interview: question {number} · pyprep"),
            "mock",
            &csrf.0,
        ),
        id,
        number,
        total,
        title_html: markdown::inline(&question.title),
        prompt_html: markdown::block(&question.prompt),
        topics: question
            .topics
            .iter()
            .map(|t| topic_label(t))
            .collect::<Vec<_>>()
            .join(", "),
        difficulty: question.difficulty.as_str(),
        allotted,
        allotted_text: mm_ss(allotted),
        shown_at,
    })
}

#[derive(Debug, Deserialize)]
pub struct AnswerForm {
    number: usize,
    #[serde(default)]
    answer: String,
}

pub async fn answer(
    State(state): State<AppState>,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<String>,
    Form(form): Form<AnswerForm>,
) -> Result<Html<String>, WebError> {
    if form.answer.chars().count() > 20_000 {
        return Err(WebError::BadRequest(
            "the answer is longer than 20000 characters".into(),
        ));
    }
    let (candidate, total, allotted, shown_at) = state.mocks.with(&id, |s| {
        (
            s.picked.get(s.answers.len()).cloned(),
            s.picked.len(),
            s.allotted,
            s.shown_at,
        )
    })?;
    let number = form.number;
    let Some(candidate) = candidate.filter(|_| number == 0 || number <= total) else {
        return Err(WebError::Conflict(
            "this interview is over; see its report".into(),
        ));
    };
    let question = state.store.get(&candidate.id).await?;
    let seconds = ((now_ms() - shown_at).max(0) / 1000) as u32;
    let typed = form.answer.trim().to_string();
    let check = (!typed.is_empty()).then(|| check_answer(&question, &typed));
    let suggested = check.as_ref().map(|c| c.suggested);
    state.mocks.with(&id, |s| {
        s.checked = Some((suggested, check.as_ref().map(|c| c.coverage), seconds));
    })?;
    let inline_all = |items: &[String]| items.iter().map(|i| markdown::inline(i)).collect();
    super::html(&FeedbackPage {
        layout: Layout::new("Mock interview · pyprep", "mock", &csrf.0),
        id,
        number: number.max(1),
        total,
        title_html: markdown::inline(&question.title),
        typed,
        time_text: format!("{} of {}", mm_ss(seconds), mm_ss(allotted)),
        over_time: seconds > allotted,
        coverage: check.as_ref().map(|c| (c.coverage * 100.0).round() as u32),
        tone: match check.as_ref().map(|c| c.coverage) {
            Some(c) if c >= 0.7 => "ok",
            Some(c) if c >= 0.4 => "meh",
            _ => "bad",
        },
        key_points: inline_all(&question.key_points),
        look_for: inline_all(&question.look_for),
        strong_signals: inline_all(&question.strong_signals),
        red_flags: inline_all(&question.red_flags),
        answer_html: markdown::block(&question.answer),
        scores: Grade::ALL
            .iter()
            .map(|g| ScoreButton {
                number: g.number(),
                name: g.as_str(),
                suggested: suggested == Some(*g),
            })
            .collect(),
    })
}

#[derive(Debug, Deserialize)]
pub struct ScoreForm {
    number: usize,
    score: Option<String>,
    #[serde(default)]
    finish: Option<String>,
}

pub async fn score(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Form(form): Form<ScoreForm>,
) -> Result<Response, WebError> {
    let score = match form.score.as_deref() {
        Some(text) => Some(
            text.trim()
                .parse::<u8>()
                .ok()
                .and_then(Grade::from_number)
                .ok_or_else(|| WebError::BadRequest(format!("score {text:?} is not 1 to 4")))?,
        ),
        None if form.finish.is_some() => None,
        None => return Err(WebError::BadRequest("choose a score from 1 to 4".into())),
    };
    let finished =
        state
            .mocks
            .with(&id, |s| -> Result<Option<(MockReport, i64)>, WebError> {
                if s.report.is_some() {
                    return Ok(None);
                }
                if let Some(score) = score {
                    if form.number != s.answers.len() + 1 {
                        return Err(WebError::Conflict(
                            "this question was scored already; go on with the interview".into(),
                        ));
                    }
                    let Some((_, coverage, seconds)) = s.checked.take() else {
                        return Err(WebError::Conflict(
                            "answer the question before scoring it".into(),
                        ));
                    };
                    let Some(candidate) = s.picked.get(s.answers.len()) else {
                        return Err(WebError::Conflict(
                            "this interview has no more questions".into(),
                        ));
                    };
                    s.answers.push(MockAnswer {
                        question_id: candidate.id.clone(),
                        title: candidate.title.clone(),
                        topics: candidate.topics.clone(),
                        difficulty: candidate.difficulty,
                        score,
                        seconds,
                        allotted_seconds: s.allotted,
                        coverage,
                    });
                    s.shown_at = now_ms();
                }
                let done = s.answers.len() >= s.picked.len() || form.finish.is_some();
                if done && !s.answers.is_empty() {
                    let report = mock_report(&s.spec, s.answers.clone());
                    s.report = Some(report.clone());
                    return Ok(Some((report, s.started_at)));
                }
                Ok(None)
            })??;
    if let Some((report, started_at)) = finished {
        save(&state, &report, started_at).await?;
    }
    Ok(Redirect::to(&format!("/mock/{id}")).into_response())
}

/// Keeps the report in history and puts weak answers at the front of the study queue.
pub async fn save(state: &AppState, report: &MockReport, started_at: i64) -> Result<(), WebError> {
    let now = clock().now;
    let keys: Vec<CardKey> = report.study_next.iter().map(CardKey::recall).collect();
    state.practice.add_cards(&keys).await?;
    for key in &keys {
        if let Some(mut card) = state.practice.card_by_key(key).await? {
            if card.state == CardState::New {
                card.due = state.practice.new_position(Position::Front).await?;
            } else {
                card.due = card.due.min(now);
            }
            card.suspended = false;
            card.buried_until = None;
            state.practice.update_card(&card).await?;
        }
    }
    state
        .practice
        .save_session(started_at, now, &SessionReport::Mock(report.clone()))
        .await?;
    Ok(())
}
