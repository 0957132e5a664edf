//! `/study`: the due queue one card at a time, like the CLI's `pyprep study`. The front is a
//! form (an optional typed answer) that reveals the back; the back has the four grade
//! buttons. Every grade is stored before the next card shows. With JavaScript, Space reveals
//! and 1-4 grade.

use axum::Extension;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Redirect, Response};
use pyprep_core::Question;
use pyprep_practice::checker::Status;
use pyprep_practice::{Card, CardKind, Grade, Next, check_answer, check_output};
use pyprep_store::Filter;
use serde::Deserialize;

use crate::csrf::CsrfToken;
use crate::error::WebError;
use crate::extract::Form;
use crate::markdown;
use crate::practice::{self, clock};
use crate::state::AppState;
use crate::view::Layout;

/// What `/study` shows next.
pub enum Step {
    Card(Box<Card>),
    Wait { until: i64 },
    Done,
}

pub struct Counts {
    pub learning: usize,
    pub review: usize,
    pub new: usize,
    pub done_today: u32,
}

/// The next card of today's queue, and what is left.
pub async fn next(state: &AppState) -> Result<(Step, Counts), WebError> {
    practice::ensure_cards(state).await?;
    let scheduler = practice::scheduler(state).await?;
    let clock = clock();
    let (queue, done) =
        pyprep_store::study_queue(&*state.practice, &scheduler, clock, &Filter::default()).await?;
    let (learning, review, new) = queue.counts();
    let counts = Counts {
        learning,
        review,
        new,
        done_today: done.reviews + done.new,
    };
    let step = match queue.next(clock.now) {
        Next::Card { card } => Step::Card(Box::new(card)),
        Next::Wait { until } => Step::Wait { until },
        Next::Done => Step::Done,
    };
    Ok((step, counts))
}

/// The card's question side.
pub struct Front {
    pub card_id: i64,
    pub reps: u32,
    pub question_id: String,
    pub title_html: String,
    pub is_drill: bool,
    /// The prompt (recall) or the example's code (drill), as HTML.
    pub body_html: String,
}

async fn front(state: &AppState, card: &Card) -> Result<(Front, Question), WebError> {
    let question = state.store.get(&card.key.question_id).await?;
    let (is_drill, body_html) = match card.key.kind {
        CardKind::Recall => (false, markdown::block(&question.prompt)),
        CardKind::Drill { example } => {
            let code = question
                .examples
                .get(example as usize)
                .map(|e| markdown::code_block(&e.code, &e.language))
                .unwrap_or_default();
            (true, code)
        }
    };
    Ok((
        Front {
            card_id: card.id,
            reps: card.reps,
            question_id: question.id.clone(),
            title_html: markdown::inline(&question.title),
            is_drill,
            body_html,
        },
        question,
    ))
}

#[derive(askama::Template)]
#[template(path = "study.html")]
struct StudyPage {
    layout: Layout,
    /// "Study", or "Quiz: question 2 of 5".
    heading: String,
    reveal_action: String,
    /// Today's queue counts; quizzes have none.
    counts: Option<Counts>,
    front: Option<Front>,
    /// When nothing is due now but a learning card comes back later today.
    wait: Option<String>,
    shown_at: i64,
}

pub async fn page(
    State(state): State<AppState>,
    Extension(csrf): Extension<CsrfToken>,
) -> Result<Html<String>, WebError> {
    let (step, counts) = next(&state).await?;
    let now = clock().now;
    let (front, wait) = match step {
        Step::Card(card) => (Some(front(&state, &card).await?.0), None),
        Step::Wait { until } => (None, Some(pyprep_practice::human_delay(until - now))),
        Step::Done => (None, None),
    };
    super::html(&StudyPage {
        layout: Layout::new("Study · pyprep", "study", &csrf.0),
        heading: "Study".to_string(),
        reveal_action: "/study/reveal".to_string(),
        counts: Some(counts),
        front,
        wait,
        shown_at: now_ms(),
    })
}

fn now_ms() -> i64 {
    jiff::Timestamp::now().as_millisecond()
}

#[derive(Debug, Deserialize)]
pub struct RevealForm {
    pub card_id: i64,
    pub reps: u32,
    pub shown_at: i64,
    #[serde(default)]
    pub typed: String,
}

/// The question side of a card as its own page (the quiz shows cards this way).
pub async fn front_page(
    state: &AppState,
    csrf: &str,
    card: &Card,
    heading: String,
    nav: &'static str,
    reveal_action: String,
) -> Result<Html<String>, WebError> {
    let (front, _) = front(state, card).await?;
    super::html(&StudyPage {
        layout: Layout::new(format!("{heading} · pyprep"), nav, csrf),
        heading,
        reveal_action,
        counts: None,
        front: Some(front),
        wait: None,
        shown_at: now_ms(),
    })
}

pub struct KeyPointView {
    pub text_html: String,
    /// `covered`, `partial` or `missed`.
    pub status: &'static str,
}

pub struct GradeButton {
    pub number: u8,
    pub name: &'static str,
    pub next: String,
    pub suggested: bool,
}

#[derive(askama::Template)]
#[template(path = "study_back.html")]
struct BackPage {
    layout: Layout,
    answer_action: String,
    front: Front,
    typed: String,
    answer_html: String,
    key_points: Vec<KeyPointView>,
    checked: bool,
    coverage: u32,
    red_flags: Vec<String>,
    echo: bool,
    expected_output: Option<String>,
    output_matches: Option<bool>,
    grades: Vec<GradeButton>,
    shown_at: i64,
}

/// The most typed text kept: a long answer is fine, a pasted book is not.
const MAX_TYPED_CHARS: usize = 20_000;

async fn card_for(state: &AppState, id: i64, reps: u32) -> Result<Card, WebError> {
    let card = state.practice.card(id).await.map_err(|e| match e {
        pyprep_store::StoreError::NotFound(_) => WebError::NotFound(format!(
            "there is no card {id}; start again from the study page"
        )),
        other => other.into(),
    })?;
    if card.reps != reps {
        return Err(WebError::Conflict(
            "this card was graded already (perhaps in another tab); go back to the study page for the next one".to_string(),
        ));
    }
    Ok(card)
}

pub async fn reveal(
    State(state): State<AppState>,
    Extension(csrf): Extension<CsrfToken>,
    Form(form): Form<RevealForm>,
) -> Result<Html<String>, WebError> {
    back_page(&state, &csrf.0, form, "study", "/study/answer".to_string()).await
}

/// The answer side of a card, checking what was typed, with the four grade buttons.
pub async fn back_page(
    state: &AppState,
    csrf: &str,
    form: RevealForm,
    nav: &'static str,
    answer_action: String,
) -> Result<Html<String>, WebError> {
    let state = state.clone();
    if form.typed.chars().count() > MAX_TYPED_CHARS {
        return Err(WebError::BadRequest(format!(
            "the typed answer is longer than {MAX_TYPED_CHARS} characters"
        )));
    }
    let card = card_for(&state, form.card_id, form.reps).await?;
    let (front, question) = front(&state, &card).await?;
    let scheduler = practice::scheduler(&state).await?;
    let clock = clock();
    let previews = scheduler
        .preview(&card, clock)
        .map_err(|e| WebError::Internal(format!("preview: {e}")))?;
    let typed = form.typed.trim().to_string();
    let mut view = BackPage {
        layout: Layout::new("Study · pyprep", nav, csrf),
        answer_action,
        answer_html: String::new(),
        key_points: Vec::new(),
        checked: false,
        coverage: 0,
        red_flags: Vec::new(),
        echo: false,
        expected_output: None,
        output_matches: None,
        grades: Vec::new(),
        shown_at: form.shown_at,
        typed: typed.clone(),
        front,
    };
    let mut suggested = None;
    match card.key.kind {
        CardKind::Recall => {
            view.answer_html = markdown::block(&question.answer);
            if typed.is_empty() {
                view.key_points = question
                    .key_points
                    .iter()
                    .map(|k| KeyPointView {
                        text_html: markdown::inline(k),
                        status: "plain",
                    })
                    .collect();
            } else {
                let check = check_answer(&question, &typed);
                view.checked = true;
                view.coverage = (check.coverage * 100.0).round() as u32;
                view.echo = check.echo;
                view.red_flags = check
                    .red_flags
                    .iter()
                    .map(|f| markdown::inline(f))
                    .collect();
                view.key_points = check
                    .key_points
                    .iter()
                    .map(|k| KeyPointView {
                        text_html: markdown::inline(&k.text),
                        status: match k.status {
                            Status::Covered => "covered",
                            Status::Partial => "partial",
                            Status::Missed => "missed",
                        },
                    })
                    .collect();
                suggested = Some(check.suggested);
            }
        }
        CardKind::Drill { example } => {
            let outputs = practice::drill_outputs(&state, std::slice::from_ref(&question)).await?;
            let expected = outputs.get(&(question.id.clone(), example)).cloned();
            if let Some(expected) = &expected
                && !typed.is_empty()
            {
                let check = check_output(expected, &typed);
                view.output_matches = Some(check.grade().passed());
                suggested = Some(check.grade());
            }
            view.expected_output = expected;
        }
    }
    view.grades = previews
        .iter()
        .map(|p| GradeButton {
            number: p.grade.number(),
            name: p.grade.as_str(),
            next: p.label(clock.now),
            suggested: suggested == Some(p.grade),
        })
        .collect();
    super::html(&view)
}

#[derive(Debug, Deserialize)]
pub struct AnswerForm {
    card_id: i64,
    reps: u32,
    grade: String,
    shown_at: Option<i64>,
}

fn parse_grade(text: &str) -> Result<Grade, WebError> {
    text.trim()
        .parse::<u8>()
        .ok()
        .and_then(Grade::from_number)
        .or_else(|| {
            Grade::ALL
                .into_iter()
                .find(|g| g.as_str().eq_ignore_ascii_case(text.trim()))
        })
        .ok_or_else(|| {
            WebError::BadRequest(format!(
                "grade {text:?} is not one of 1 (again), 2 (hard), 3 (good), 4 (easy)"
            ))
        })
}

/// Grades a card and stores the answer; returns when the card comes back.
pub async fn grade(
    state: &AppState,
    card_id: i64,
    reps: u32,
    grade: Grade,
    duration_ms: u32,
) -> Result<i64, WebError> {
    let card = card_for(state, card_id, reps).await?;
    let scheduler = practice::scheduler(state).await?;
    let answered = scheduler
        .answer(
            &card,
            grade,
            clock(),
            practice::rng().next_f32(),
            duration_ms,
        )
        .map_err(|e| WebError::Internal(format!("scheduling an answer: {e}")))?;
    state.practice.record_answer(&answered).await?;
    Ok(answered.card.due)
}

pub async fn answer(
    State(state): State<AppState>,
    Form(form): Form<AnswerForm>,
) -> Result<Response, WebError> {
    let grade_value = parse_grade(&form.grade)?;
    let duration_ms = form
        .shown_at
        .map(|at| (now_ms() - at).clamp(0, 3_600_000) as u32)
        .unwrap_or(0);
    self::grade(&state, form.card_id, form.reps, grade_value, duration_ms).await?;
    // See Other: reloading the next page must not post the grade again.
    Ok(Redirect::to("/study").into_response())
}
